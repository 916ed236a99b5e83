"""Flattened postings (one long line) read sentence by sentence and item by item (issue 15, item 2).

Fixtures are written for these tests: the shape of an ATS export that lost its line
breaks (intro, labelled parts with dash-joined items, a field list, then the legal text).
"""

from __future__ import annotations

import pytest

from assistant.api import lint_text
from assistant.document.loaders import posting_from_text
from assistant.document.pieces import LONG_LINE

INTRO = (
    "Ledgerly builds invoicing software for small bakeries and florists across the region. "
    "Our team of forty ships a new release every week and we answer every support ticket within a day. "
    "We are hiring a rockstar backend engineer to own the billing service end to end. "
    "You will join a group of six engineers and report to the head of platform. "
)
PARTS = (
    "Responsibilities: Design the invoice pipeline - Keep the billing service fast and correct - "
    "Review code and mentor two junior engineers. "
    "Required Experience: Python in production -Strong SQL - Comfort with message queues "
    "Preferred Experience: Kafka or a similar log. "
    "Job Type: Full-time Benefits: Health Insurance Dental Insurance Paid Time Off Pension Plan Schedule: Monday to Friday "
)
LEGAL = (
    "Ledgerly is an equal opportunity employer. All qualified applicants will receive consideration "
    "without regard to race, religion, sex or national origin. We celebrate diversity and are committed "
    "to an inclusive workplace for everyone. "
)
APPLY = "Send your CV and a short note to the hiring team through our careers page."
FLAT = "Backend Engineer\n\n" + INTRO * 2 + PARTS + LEGAL + APPLY + "\n"


def _sections(text: str):
    posting = posting_from_text(text, "flat.txt", "txt")
    return posting, [(s.kind, text[s.start : s.end]) for s in posting.sections]


def test_the_fixture_is_one_long_line():
    assert max(len(line) for line in FLAT.splitlines()) > LONG_LINE


def test_an_equal_opportunity_sentence_does_not_make_the_flattened_posting_boilerplate():
    _, sections = _sections(FLAT)
    eeo = [body for kind, body in sections if kind == "eeo_statement"]
    assert eeo, sections
    assert all("equal opportunity" in body or "diversity" in body or "qualified applicants" in body for body in eeo)
    assert not any("rockstar" in body or "invoice pipeline" in body for body in eeo)


def test_inline_labels_on_a_long_line_open_their_sections():
    _, sections = _sections(FLAT)
    kinds: dict[str, str] = {}
    for kind, body in sections:
        kinds.setdefault(kind, body)
    assert kinds["responsibilities"].startswith("Responsibilities:")
    assert kinds["requirements"].startswith("Required Experience:")
    assert kinds["nice_to_have"].startswith("Preferred Experience:")
    assert kinds["benefits"].startswith("Benefits:")


def test_dash_joined_items_are_items():
    posting, _ = _sections(FLAT)
    text = posting.text
    items = [text[ln.body_start : ln.end] for ln in posting.lines if ln.kind == "bullet"]
    assert "Keep the billing service fast and correct" in items
    assert "Strong SQL" in items


def test_the_legal_paragraph_stays_whole_and_what_follows_it_is_read():
    """A sentence that goes on with the statement stays in it; the call to apply after it does not."""
    _, sections = _sections(FLAT)
    eeo = " ".join(body for kind, body in sections if kind == "eeo_statement")
    assert "We celebrate diversity" in eeo
    assert "Send your CV" not in eeo


def test_word_rules_read_the_flattened_body_and_point_at_the_physical_line():
    report = lint_text(FLAT, "flat.txt")
    buzz = [f for f in report.findings if FLAT[f.start or 0 : f.end or 0].lower() == "rockstar"]
    assert buzz, [f.rule for f in report.findings]
    line, column = report.posting.source_map.line_col(buzz[0].start)
    assert line == 3  # the physical line: pieces do not renumber the file
    assert column == FLAT.index("rockstar") - FLAT.index("Ledgerly") + 1


def test_length_counts_the_flattened_body():
    report = lint_text(FLAT, "flat.txt")
    assert not [f for f in report.findings if f.rule == "clarity/length"]


def test_a_field_list_is_not_one_long_sentence_and_its_job_type_is_read():
    report = lint_text(FLAT, "flat.txt")
    for f in report.findings:
        if f.rule == "clarity/long-sentence":
            assert "Job Type" not in FLAT[f.start : f.end] or "Schedule:" not in FLAT[f.start : f.end]
    assert report.posting.facts.employment_type == "full-time"


def test_abbreviations_and_initials_do_not_end_a_piece():
    line = ("We build tools, e.g. Invoice Studio and Ledger Sync, for U.S. Bakeries and Dr. Lee's clinic. " * 12).strip()
    posting, _ = _sections("Title\n\n" + line + "\n")
    text = posting.text
    pieces = [text[ln.body_start : ln.end] for ln in posting.lines if ln.kind == "text" and ln.start > len("Title")]
    assert len(pieces) == 12
    assert all(p.endswith("clinic.") for p in pieces), pieces


def test_a_paragraph_of_normal_length_keeps_its_one_line():
    assert len(INTRO) < LONG_LINE
    posting, _ = _sections("Backend Engineer\n\n" + INTRO + "\n")
    assert not any(ln.cont for ln in posting.lines)


def test_a_paragraph_that_ends_with_the_legal_sentence_is_carved_by_sentence():
    para = INTRO + LEGAL
    assert len(para) < LONG_LINE
    _, sections = _sections("Backend Engineer\n\n" + para + "\n")
    eeo = " ".join(body for kind, body in sections if kind == "eeo_statement")
    assert eeo.startswith("Ledgerly is an equal opportunity employer.")
    assert "rockstar" not in eeo


# ---------------------------------------------------------------- sentences a scrape glued


def _sentences(body: str) -> list[str]:
    from assistant.rubric import metrics

    posting = posting_from_text("Analyst\n\n" + body + "\n", "glued.txt", "txt")
    return [posting.text[s:e] for s, e, _ in metrics.prose(posting)[0]]


def test_items_joined_by_spaced_dashes_are_items():
    body = (
        "Three years of reporting work with spreadsheets and dashboards for finance teams - fluency in SQL and one "
        "scripting language such as Python or R - experience with large tables and the warehouses that hold them - "
        "knowledge of a charting tool is a plus - care for the people who read what you build"
    )
    assert len(_sentences(body)) == 5


def test_items_whose_dash_the_scrape_glued_to_the_item_before_are_items():
    body = (
        "What we give you- Paid training with a mentor in your first month- Hours you set around your family- "
        "A yearly bonus tied to the results of the whole office- Help with the cost of your commute"
    )
    assert len(_sentences(body)) == 5
    hyphens = "We review pre- and post-launch numbers with the e-commerce team and re-run the well-known checks."
    assert _sentences(hyphens) == [hyphens]


def test_a_capitalised_heading_run_into_the_items_cuts_them():
    before = "You are calm under deadlines and keep a shared calendar of every release for the whole team"
    after = "Solid experience with SQL and with the reporting tools that finance teams use every single week"
    assert _sentences(before + " REQUIREMENTS " + after) == [before, "REQUIREMENTS", after]
    # Capitals that name no section are an acronym's, and the sentence stays whole.
    whole = "You will run the NASA AMES test rig with our partners and report the readings to the lab every day of the week"
    assert _sentences(whole) == [whole]


def test_an_item_opening_with_follow_or_enjoys_starts_a_new_item():
    body = (
        "Work with our producers to shape a new series of short films for the spring season "
        "Follow the shooting schedule and meet each weekly deadline the producers set for the crew "
        "Enjoys learning new editing tools on their own time"
    )
    assert len(_sentences(body)) == 3


def test_a_sentence_with_one_dashed_aside_stays_whole():
    body = "Our analysts - six of them, in two cities - write the weekly report that the board reads first."
    assert _sentences(body) == [body]


def test_words_glued_with_no_space_are_cut_but_names_are_not():
    assert _sentences("Track every action to completionManages the yearly audit plan") == [
        "Track every action to completion", "Manages the yearly audit plan",
    ]
    whole = "Build reports in JavaScript and PowerPoint for LinkedIn and iPhone users"
    assert _sentences(whole) == [whole]
    first = "Knowledge of the safety programmes of the state agencies and of the federal ones, including OSHA VPP"
    second = "Has led two audits of a chemical plant with the regional safety team in the last three years"
    assert _sentences(first + second) == [first, second]
    names = "Store the cache in SQLite and call the API with XMLHttpRequest from the page"
    assert _sentences(names) == [names]


def test_lost_bullet_marks_and_glued_labels_end_a_sentence():
    assert _sentences("Annual raises??Paid parking for everyone") == ["Annual raises", "Paid parking for everyone"]
    assert _sentences("Minimum experience:Has led two audits") == ["Minimum experience:", "Has led two audits"]


def test_a_stop_after_a_closing_bracket_ends_the_piece():
    item = "Experience with hand tools (e.g., drills, saws, etc.). "
    posting, _ = _sections("Title\n\n" + (item * 30).strip() + "\n")
    text = posting.text
    pieces = [text[ln.body_start : ln.end] for ln in posting.lines if ln.start > len("Title") and ln.kind == "text"]
    assert len(pieces) == 30 and all(p == item.strip() for p in pieces)


# ---------------------------------------------------------------- an EEO heading needs an EEO sentence


def test_an_equal_opportunity_heading_over_duties_is_not_the_statement():
    text = (
        "Programme Director\n\nDiversity and inclusion\n- Lead the fellowship programme from hiring to offboarding\n"
        "- Write performance plans with each direct report\n\nRequirements\n- Ten years leading programmes\n"
    )
    _, sections = _sections(text)
    assert "eeo_statement" not in [kind for kind, _ in sections], sections


def test_an_equal_opportunity_heading_over_a_diversity_statement_is_the_statement():
    text = (
        "Programme Director\n\nDiversity and inclusion\nAt Ledgerly, diversity and inclusion are commitments we "
        "renew every year, in hiring and in how we work.\n\nRequirements\n- Ten years leading programmes\n"
    )
    _, sections = _sections(text)
    assert "eeo_statement" in [kind for kind, _ in sections], sections


def test_items_run_together_with_only_a_space_are_pieces_but_names_stay_inside_sentences():
    items = (
        "Responsibilities: Track network flow to solve routing issues Ensure uptime of the gateway platform "
        "Ability to lead an engagement with an application team Partnering with other engineers on prototypes "
        "Requirements: security experience 2+ years of work on gateways and a habit to ensure things work. "
    )
    prose = "We write our services in Python and Rust and we deploy them twice a week to every region we serve. "
    line = (items + prose) * 3
    posting, _ = _sections("Title\n\n" + line.strip() + "\n")
    text = posting.text
    pieces = [text[ln.body_start : ln.end] for ln in posting.lines if ln.start > len("Title") and ln.kind == "text"]
    assert "Ensure uptime of the gateway platform" in pieces
    assert "Ability to lead an engagement with an application team" in pieces
    assert "Partnering with other engineers on prototypes" in pieces
    assert "2+ years of work on gateways and a habit to ensure things work." in pieces
    assert prose.strip() in pieces  # "in Python and Rust": names, not items


def test_a_web_address_is_not_cut_where_its_letters_look_run_together():
    link = "https://jobs.example.com/clk?ad=abcDefGhi.Jklmn&src=feedXyzAbc"
    body = f"Apply through {link} before the end of the month"
    assert _sentences(body) == [body]
    line = (f"Apply through {link} before the end of the month. " * 25).strip()
    posting, _ = _sections("Title\n\n" + line + "\n")
    text = posting.text
    assert all(link in text[ln.body_start : ln.end] for ln in posting.lines if ln.start > len("Title") and ln.kind == "text")


@pytest.mark.parametrize(
    "text",
    [
        "We build maps. You will help. Python is a plus!Great teams win. 5 - 10 years - Strong SQL",
        "Duties · Plan the rota •Order stock  —  Count the till\t- Close up. (A) note; Then more",
        "A full-time role in the U.S. Army e.g. Ops...   Next step?  \"Quoted\" start; end",
        "",
        "- - -  . . . ;;; ?! — – •",
    ],
)
def test_break_search_finds_what_the_expression_finds(text):
    """`_breaks` looks only where a stop or a spaced mark stands, for speed; it must find
    the matches, with their groups, that one pass of the expression finds."""
    from assistant.document.pieces import _BREAK, _breaks

    for lo, hi in [(0, len(text)), (3, max(3, len(text) - 4))]:
        want = [(m.span(), m.groupdict()) for m in _BREAK.finditer(text, lo, hi)]
        assert [(m.span(), m.groupdict()) for m in _breaks(text, lo, hi)] == want


# ---------------------------------------------------------------- lists a scrape ran together (session 4)


def test_items_after_semicolons_that_start_with_a_capital_are_items_but_a_prose_semicolon_list_is_one():
    items = (
        "Duties: Plan the weekly delivery routes for the northern depot and its drivers; Negotiate rates with "
        "the three haulage firms that carry our goods; Keep the fleet records and the fuel accounts up to date; "
        "Train new dispatchers on the routing software during their first month"
    )
    assert len(_sentences(items)) == 4
    prose = (
        "You will plan the weekly delivery routes for the northern depot; negotiate rates with the three haulage "
        "firms that carry our goods; and keep the fleet records and the fuel accounts up to date for the auditors."
    )
    assert _sentences(prose) == [prose]


def test_a_capitalised_function_word_or_sure_verb_after_a_lower_case_word_opens_an_item():
    body = (
        "Organise the spring volunteer days across our four city gardens from planning to clean-up "
        "Understand what each garden needs in the season and write a plan that the volunteers can follow"
    )
    assert _sentences(body) == [
        "Organise the spring volunteer days across our four city gardens from planning to clean-up",
        "Understand what each garden needs in the season and write a plan that the volunteers can follow",
    ]
    perks = (
        "We give you a full month of training with a senior colleague beside you A budget for courses and books "
        "that you choose yourself You can also expect a yearly bonus tied to the results of the whole shop"
    )
    assert len(_sentences(perks)) == 3
    pronouns = (
        "Bonus points if: You write about what you build, You have worked at a small company before, You have run "
        "a meetup or a hack day, You ship on time and still leave at five"
    )
    assert len(_sentences(pronouns)) >= 4


def test_a_name_after_a_lower_case_word_stays_inside_a_real_long_sentence():
    body = (
        "You will work with our Support team and the Design group every week to review what customers asked for, "
        "decide with them what to build next and explain the plan to the rest of the company at the monthly meeting."
    )
    assert _sentences(body) == [body]


def test_a_run_of_job_board_fields_is_cut_at_its_labels_but_one_label_is_not():
    fields = (
        "The role is remote with a visit to the head office once a month Job Type: Full-time Pay: $60,000 - $70,000 "
        "per year Benefits: Dental insurance Health insurance Paid time off Schedule: Monday to Friday "
        "Experience: Bookkeeping: 2 years (Required) Work Location: Remote"
    )
    pieces = _sentences(fields)
    assert len(pieces) >= 6 and max(len(p.split()) for p in pieces) < 20, pieces
    one = (
        "Candidates must show experience in one or more of the following areas of the practice: Software engineering, "
        "Security, Product management, Research and Data analysis, and explain how they applied it in their last role."
    )
    assert _sentences(one) == [one]


def test_scrape_marks_end_a_piece_lost_bullet_entities_stops_before_an_entity_and_form_labels():
    items = [
        "Required skills", "Five years of payroll work for a firm of fifty people or more in the region",
        "Fluent spoken Spanish and English with the clients of the firm",
    ]
    assert _sentences(" bull ".join(items)) == items
    said = [
        "We build the booking site for the city's sports halls and pools.", "You will own the search page and its filters.",
        "It is a small team of five.",
    ]
    assert _sentences("&nbsp; ".join(said)) == said
    labels = _sentences(
        "If you are interested in the role please send your details to the recruiting team :Full Name :Email :Phone Number :Current City"
    )
    assert len(labels) == 5, labels


def test_a_list_lead_in_makes_even_two_dashes_items():
    body = (
        "We are hiring people who want to: - Work on a stack of Kafka, Postgres and Docker in our own data centre "
        "- Dig through a large store of shipping records to give our customers live insight into their orders"
    )
    assert len(_sentences(body)) == 3


def test_hashed_placeholders_are_not_counted_as_words():
    from assistant.rubric import metrics

    placeholder = "#URL_" + "3fa9c07b" * 8 + "#"
    body = f"Great pay and a friendly team in the city centre with free parking for all staff, see {placeholder} and {placeholder}"
    posting = posting_from_text("Analyst\n\n" + body + "\n", "ids.txt", "txt")
    (start, end, n), = metrics.prose(posting)[0]
    assert n == len("Great pay and a friendly team in the city centre with free parking for all staff see and".split())


def test_a_function_word_inside_a_title_case_heading_opens_no_item():
    body = (
        "Who We Are: Ledgerly is a small company in the north that builds invoicing software for bakeries, "
        "florists and the other small shops of the region, and it answers every ticket within a day"
    )
    assert _sentences(body)[0].startswith("Who We Are:")


def test_inline_asterisk_bullets_and_a_function_word_glued_to_a_heading_end_a_piece():
    body = (
        "* Find the risks in each control and the ways to reduce them  * Talk with managers about better ways "
        "to run the controls  * Keep the control records up to date every quarter"
    )
    assert len(_sentences(body)) == 3
    tail = "The inspector visits each site in the county twice a year, checks the records, the tools and the equipment, and writes the yearly report"
    assert _sentences("Inspector ResponsibilitiesThe " + tail[4:]) == ["Inspector Responsibilities", tail]


def test_two_item_adjectives_or_verbs_after_lower_case_words_open_items():
    body = (
        "Experience with partner teams on technical projects as shown in your work history Clear writing as shown "
        "in your application Attention to detail and accuracy as shown in your application and your samples"
    )
    assert len(_sentences(body)) == 3


def test_an_opener_after_a_capitalised_word_is_part_of_a_name():
    body = (
        "Pay follows the General Schedule and the grade of the role, and our Customer Support and Product Design "
        "teams will tell you more about how the pay scale works when you call them next week."
    )
    assert _sentences(body) == [body]
