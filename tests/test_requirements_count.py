"""What counts as a must-have (CONTRACTS.md "Counting requirements"; fresh-read findings).

A user relies on inclusivity/requirement-overload counting the asks of the candidate's
ability in the writer's own list: not duties read as requirements from their wording,
not how to apply, not the administrative conditions of a public employer.
"""

from __future__ import annotations

from assistant.api import lint_text
from assistant.document.loaders import posting_from_text
from assistant.rubric import metrics
from assistant.rubric.asks import asks


def _must(text: str) -> int:
    return metrics.requirements(posting_from_text(text, "count.txt", "txt"))[0]


OBJECTIVES_FIRST = """Payments Analyst

Job Description
- Experience with reconciliation of card payments
- 3+ years of work with ledgers in a finance team
- Experience with month-end close in a growing company
- Experience with card schemes and their fees

Requirements
- SQL you can explain to an accountant
- A habit of checking totals twice
- Calm when a deadline moves
- Spreadsheets that others can read
"""


def test_the_count_points_at_the_writers_own_list():
    """Lists read as requirements from their wording count, but the finding's span is
    the headed list, not the list of objectives before it."""
    posting = posting_from_text(OBJECTIVES_FIRST, "count.txt", "txt")
    assert ("requirements", "content") in [(s.kind, s.basis) for s in posting.sections]
    must, _, anchor = metrics.requirements(posting)
    assert must == 8
    assert posting.text[anchor[0] : anchor[1]] == "Requirements"


def test_application_instructions_are_not_must_haves():
    text = """Records Specialist

Qualifications
- Provide as much detail as possible on your resume about past roles
- Two years of records management in a public office
- Plain writing for members of the public
For each job on your resume, provide:
- the dates you held it, month and year
- the hours you worked each week
"""
    assert _must(text) == 2


def test_administrative_conditions_are_not_must_haves():
    text = """Records Specialist

Requirements
- You must be a U.S. citizen or national
- Pass a background investigation before you start
- Serve a one-year trial period
- Two years of records management in a public office
- Plain writing for members of the public
"""
    assert _must(text) == 2


def test_an_item_in_capitals_ending_with_a_colon_is_a_heading_not_an_item():
    text = """Lab Scientist

Objectives:
Make assays faster and cheaper to run
Guide the screening work of two teams
EDUCATION, SKILLS AND EXPERIENCE:
PhD in immunology or a related field
Flow cytometry on primary cells
Clear written reports
"""
    posting = posting_from_text(text, "count.txt", "txt")
    heads = [posting.text[ln.body_start : ln.end] for ln in posting.lines if ln.kind == "heading"]
    assert "EDUCATION, SKILLS AND EXPERIENCE:" in heads
    assert any(s.kind == "requirements" and s.heading == "EDUCATION, SKILLS AND EXPERIENCE" for s in posting.sections)


def test_the_overload_finding_goes_when_the_count_is_of_asks():
    lines = "\n".join(f"- Skill number {n} that the work needs" for n in range(1, 6))
    text = (
        "Records Specialist\n\nRequirements\n" + lines + "\n- You must be a U.S. citizen\n- Pass a background investigation\n"
        "- Register with the selective service if required\n"
    )
    rules = [f.rule for f in lint_text(text, "count.txt").findings]
    assert "inclusivity/requirement-overload" not in rules
    assert "inclusivity/requirement-overload" in [f.rule for f in lint_text(text.replace("- You must be a U.S. citizen\n", lines.replace("Skill", "Tool") + "\n"), "count.txt").findings]


def test_a_paragraph_wrapped_at_a_fixed_width_is_not_a_list_of_requirements():
    text = """Site Engineer

Requirements
The team keeps a sign-in service running for millions of people and is looking
for an engineer who cares about uptime, clear runbooks and calm incident response
across the whole stack, from the load balancers to the database and the code that
ships every day.
- Five years of running Linux services in production
- On-call experience with a written incident process
"""
    posting = posting_from_text(text, "count.txt", "txt")
    wrapped = [ln for ln in posting.lines if posting.text[ln.body_start : ln.end].startswith(("for an engineer", "across the"))]
    assert wrapped and all(ln.kind == "text" for ln in wrapped)
    assert _must(text) == 2


def test_a_list_of_short_lower_case_items_is_still_a_list():
    text = "Data Engineer\n\nRequirements\npython and its data tools\nsql on large tables\nairflow or a similar scheduler\n"
    assert _must(text) == 3


def test_a_choose_some_group_asks_for_that_many_not_for_each_option():
    text = """Platform Engineer

Requirements
- Five years of running services for other teams
- This experience must include ONE of the following:
  - Running a message queue at scale
  - Running a search cluster at scale
  - Running a stream processor at scale
  - Running a cache tier at scale
- Depth in two or more of the following areas:
  - Networking
  - Storage
  - Observability
  - Security
"""
    assert _must(text) == 1 + 1 + 2


def test_wishes_inside_a_must_have_list_count_as_nice_to_haves_and_travel_notes_not_at_all():
    text = """Data Engineer

Skills and requirements
- Three years of building data products with SQL (Postgres preferred)
- Familiarity with several scheduling tools
- Calm, clear troubleshooting
- Experience with column stores is preferred
- Experience with graph databases is a plus
- 10% travel per year
- While we have offices in three cities, we mostly work apart
- Please note: a skills test may be part of the process
- We offer a relaxed office, a pension and a yearly bonus
- We are looking for someone who has run a small data team
"""
    must, nice, _ = metrics.requirements(posting_from_text(text, "count.txt", "txt"))
    assert (must, nice) == (4, 2)


def test_duties_and_benefits_left_as_items_in_a_list_read_as_requirements_are_not_asks():
    text = """Data Engineer

Your role on the project will involve:
- Caring about the quality of the code the team ships every week
- Explaining your ideas while backing the decisions of the team
- Writing tests first and pairing on the hard parts
- The Requirements
- Five years of work as a data engineer in Python or Java
- Experience building pipelines with a scheduler in production
- Experience with message brokers for real-time analytics
- The Benefits
- A salary band set before the first interview
- A permanent base at the client's office
"""
    posting = posting_from_text(text, "count.txt", "txt")
    lines = [ln for ln in posting.lines if ln.kind != "title"]
    # As a section read as requirements from its wording would hold them.
    found, wishes = asks(posting.text, posting.lower, lines, reset=True)
    assert [posting.text[ln.body_start : ln.end] for ln in found] == [
        "Five years of work as a data engineer in Python or Java",
        "Experience building pipelines with a scheduler in production",
        "Experience with message brokers for real-time analytics",
    ] and wishes == 0


BONUS_LEAD_IN = """Route Planner

## About the job

We plan delivery routes for a regional grocer.

The planner we hire will bring the following:
A year of work with routing or dispatch software.
Comfort with spreadsheets.
Clear writing in English.
Extra credit if you bring any of these:
A master's degree in operations research.
Experience with Python.
Familiarity with GIS tools.
Experience with fleet telematics.
Knowledge of cold-chain rules.

We are an equal opportunity employer.
"""


def test_lines_after_a_bonus_lead_in_are_wished_for_not_required():
    """One item a line with no list marks: the lines a 'bonus if you have any of:'
    lead-in introduces are nice-to-haves, not must-haves (nor a degree demanded)."""
    posting = posting_from_text(BONUS_LEAD_IN, "count.md", "md")
    nice = [s for s in posting.sections if s.kind == "nice_to_have"]
    assert nice and "master's degree" in posting.text[nice[0].start : nice[0].end].lower()
    assert "Knowledge of cold-chain" in posting.text[nice[-1].start : nice[-1].end]
    must, _ = metrics.requirements(posting)[:2]
    assert must <= 4
    rules = {f.rule for f in lint_text(BONUS_LEAD_IN, "count.md").findings}
    assert "inclusivity/requirement-overload" not in rules
    assert "inclusivity/degree-requirement" not in rules


def test_items_under_a_lead_in_that_wishes_for_them_all_are_nice_to_haves():
    """A lead-in that makes its whole list optional ("… desired but not required:") turns
    its items into wishes; a lead-in naming required and preferred together does not."""
    text = """Support Engineer

Requirements
- Two years of supporting customers on a software product
- Clear written English
- The following are desired but not required:
  - Experience with a ticketing tool
  - Some SQL
  - Knowledge of payments
- Able to work a rota that includes one weekend a month
"""
    posting = posting_from_text(text, "count.txt", "txt")
    must, nice, _ = metrics.requirements(posting)
    assert (must, nice) == (3, 3)
    both = text.replace("The following are desired but not required:", "Required and preferred skills:")
    assert metrics.requirements(posting_from_text(both, "count.txt", "txt"))[0] == 6
