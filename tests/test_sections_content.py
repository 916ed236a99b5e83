"""Sections read from content where no heading names them (issue 15, item 2); paraphrased fixtures."""

from __future__ import annotations

import pytest

from assistant.document.loaders import posting_from_text


def _kinds(text: str) -> list[tuple[str, str]]:
    posting = posting_from_text(text, "x.txt", "txt")
    return [(s.kind, s.basis) for s in posting.sections]


def test_duty_items_under_a_vague_heading_are_responsibilities():
    text = (
        "Data Analyst\n\nJob Description\n\n"
        "- Build weekly sales dashboards\n- Maintain the pricing model\n- Answer questions from finance\n"
    )
    assert ("responsibilities", "content") in _kinds(text)


def test_a_company_paragraph_with_no_heading_is_the_company():
    text = (
        "Data Analyst\n\nWe are looking for an analyst to join us.\n\n"
        "Acme Freight is a family-owned logistics company in the Midlands, founded in 1988.\n\n"
        "Requirements\n\n- Three years of SQL experience\n- A degree in a numerate subject\n"
    )
    kinds = _kinds(text)
    assert ("company_overview", "content") in kinds and ("requirements", "heading") in kinds


def test_one_weak_sentence_of_duties_makes_no_section():
    """A stub's one line on the job stays the role summary unless it surely says duties."""
    text = "Data Analyst\n\nThe analyst will support the regional managers.\n"
    assert [k for k, _ in _kinds(text)] == ["role_summary"]


def test_one_sure_sentence_of_duties_is_the_responsibilities():
    """"You will build …" says what the person will do, as completeness/responsibilities
    reads it (test_sections_confidence): structure and rule agree. Not the first
    paragraph of a posting or under a summary heading: that one is the role summary."""
    text = (
        "Data Analyst\n\nWe are hiring an analyst for the pricing group.\n\n"
        "In this role you will build weekly sales reports for the regional managers.\n"
    )
    assert [k for k, _ in _kinds(text)] == ["role_summary", "responsibilities"]
    assert [k for k, _ in _kinds("Data Analyst\n\nIn this role you will build weekly sales reports.\n")] == ["role_summary"]


def test_items_wished_for_as_a_whole_under_a_requirements_heading_are_nice_to_have():
    """Issue 15: "…, a plus" is no must-have. CONTRACTS.md counts nice-to-haves apart."""
    text = "Data Analyst\n\nRequirements\n\n- SQL\n- Python is a plus\n- Tableau preferred\n- Clear writing\n"
    assert [k for k, _ in _kinds(text)] == ["requirements", "nice_to_have", "requirements"]
    posting = posting_from_text(text, "x.txt", "txt")
    from assistant.rubric.metrics import requirements

    assert requirements(posting)[:2] == (2, 2)


def test_a_hedge_on_a_part_of_an_item_leaves_it_a_must_have():
    """"Rails (preferred) or a similar framework" picks among parts of something required;
    clarity/vague-requirements asks about it instead."""
    text = (
        "Data Analyst\n\nRequirements\n\n- Experience with Rails (preferred) or a similar framework\n"
        "- Cloud hosting experience (AWS preferred)\n- Go, preferably in production, for two years\n"
        "- A degree in a numerate subject; a master's degree is preferred\n"
    )
    assert [k for k, _ in _kinds(text)] == ["requirements"]


def test_the_sub_items_of_a_wished_for_lead_in_are_nice_to_have():
    text = (
        "Data Analyst\n\nRequirements\n\n- Three years of SQL\n- Any of these would be a plus:\n"
        "  - Airflow\n  - dbt\n- Clear writing\n"
    )
    assert [k for k, _ in _kinds(text)] == ["requirements", "nice_to_have", "requirements"]


def test_hedged_items_with_no_heading_are_nice_to_have():
    text = "Data Analyst\n\nAbout the job\n\n- Experience with Spark is a plus\n- Knowledge of R preferred\n"
    assert "nice_to_have" in [k for k, _ in _kinds(text)]


def test_one_sentence_naming_the_unit_the_hire_joins_is_the_team():
    text = (
        "Data Analyst\n\nAbout the job\n\n"
        "You'll join the freight pricing unit, a team of six analysts in Leeds.\n\n"
        "- Build weekly sales dashboards\n- Maintain the pricing model\n"
    )
    assert "team" in [k for k, _ in _kinds(text)]


def test_a_line_about_a_great_team_is_not_the_team():
    """"Join our amazing team" names no unit (docs/accuracy.md: the labellers' rule too)."""
    text = "Data Analyst\n\nAbout the job\n\nWe are hiring an analyst to join our amazing team.\n"
    assert "team" not in [k for k, _ in _kinds(text)]


def test_a_how_to_apply_paragraph_closing_a_headed_section_is_its_own_section():
    text = (
        "Data Analyst\n\nNice to have\n\n- Airflow\n- dbt\n\n"
        "To apply, send your CV and a short note to the hiring team.\n"
    )
    kinds = _kinds(text)
    assert ("nice_to_have", "heading") in kinds and ("application_process", "content") in kinds


def test_items_under_a_heading_stay_with_it_whatever_they_say():
    """Only running text is read inside a headed section: a perk listed under "Requirements"
    is the writer's list, for the rules on that section to judge."""
    text = "Data Analyst\n\nRequirements\n\n- Three years of SQL\n- Health insurance\n- Dental cover\n"
    assert [k for k, _ in _kinds(text)] == ["requirements"]


def test_the_paragraph_under_a_role_summary_heading_stays_the_summary():
    text = (
        "Data Analyst\n\nJob overview\n\nWe are looking for an analyst to join the pricing group. "
        "You will design the weekly sales reports.\n\n"
        "Requirements\n\n- Three years of SQL\n- Clear writing\n"
    )
    assert [k for k, _ in _kinds(text)] == ["role_summary", "requirements"]


def test_one_sentence_naming_perks_is_the_benefits():
    text = (
        "Data Analyst\n\nBonus points\n\n- Airflow\n- dbt\n\n"
        "Competitive pay, stock options and comprehensive health insurance for you and your family.\n"
    )
    assert ("benefits", "content") in _kinds(text)
    assert ("benefits", "heading") in _kinds("Data Analyst\n\nOur offer\n\n- A laptop\n- Flexible hours\n")


def test_a_paragraph_saying_two_kinds_once_each_is_the_kind_it_opens_with():
    text = (
        "Data Analyst\n\nThe details\n\n"
        "Harbourline makes booking software for small ferry lines. We offer a pension plan and 30 days of leave.\n"
    )
    assert "company_overview" in [k for k, _ in _kinds(text)]
    text = (
        "Data Analyst\n\nThe details\n\n"
        "We offer a pension plan and 30 days of leave. Harbourline makes booking software for small ferry lines.\n"
    )
    assert "benefits" in [k for k, _ in _kinds(text)]


def test_we_offer_alone_is_not_the_benefits():
    text = "Data Analyst\n\nThe details\n\nWe offer the possibility of working partly from home.\n"
    assert "benefits" not in [k for k, _ in _kinds(text)]


def test_we_offer_with_a_perk_word_is_the_benefits():
    text = "Data Analyst\n\nThe details\n\nWe offer a generous package and the chance to work partly from home.\n"
    assert "benefits" in [k for k, _ in _kinds(text)]


def test_wished_for_forms_with_an_aside_or_a_reason_after_the_hedge():
    from assistant.document.content_kinds import hedges_whole

    for item in ("master's degree preferred (economics or similar)", "kafka (a plus).", "go is a plus, as our api is in go",
                 "any of these would be a plus: qt, cmake", "experience with posix systems is beneficial."):
        assert hedges_whole(item), item
    for item in ("cloud hosting experience (aws preferred).", "sql and nosql databases (preferably postgres).",
                 "experience leading large refactors is highly valued"):
        assert not hedges_whole(item), item


def test_duties_then_asks_in_one_unheaded_list_are_two_parts():
    text = (
        "Data Analyst\n\nThe details\n\n"
        "- Build weekly sales dashboards\n- Maintain the pricing model\n- Present the numbers each month\n"
        "- You have three years of SQL experience\n- You have a degree in a numerate subject\n"
    )
    assert [k for k, _ in _kinds(text)][-2:] == ["responsibilities", "requirements"]


def test_next_steps_in_a_duty_is_not_how_to_apply():
    from assistant.document.content_kinds import evidence

    assert not evidence("application_process", "resolve project issues and institute appropriate next steps.")
    assert evidence("application_process", "the next steps are a call with the hiring manager and a short task.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Harbourline Systems is an industry leading software solutions providers for ferry lines.",
        "Greenleaf is a regional distributor of organic produce to shops and cafés.",
        "Northwind is one of the largest publishers of school books in the country.",
        "northwind is a custom software/web design agency in Tempe.",
        "Northwind, Leeds. We build booking systems for small ferry lines.",
    ],
)
def test_the_employer_said_to_be_a_kind_of_business_is_the_company(sentence):
    """Plural and trade nouns ("providers", "distributor", "publishers") name the
    business as surely as "company" (fresh read, sample 4)."""
    text = f"Data Analyst\n\nThe details\n\n{sentence}\n"
    assert "company_overview" in [k for k, _ in _kinds(text)]


def test_perks_in_the_first_person_do_not_describe_the_employer():
    text = "Data Analyst\n\nThe details\n\nWe offer health insurance and we provide a laptop.\n"
    assert "company_overview" not in [k for k, _ in _kinds(text)]


def test_a_paragraph_opening_with_the_team_and_a_sized_team_item_are_the_team():
    opening = (
        "Data Engineer\n\nAbout the job\n\nWe are hiring an engineer for the data platform.\n\n"
        "We're a team of six who keep the ferry data flowing. You will build pipelines. You will own the warehouse.\n"
    )
    assert "team" in [k for k, _ in _kinds(opening)]
    items = "Delivery Lead\n\nAbout the job\n\n- Plan the releases\n- Manages up to 8 contractors\n- Run the stand-ups\n"
    assert "team" in [k for k, _ in _kinds(items)]
    named = "Data Analyst\n\nAbout the job\n\nWe are hiring an analyst to join our claims and pricing team in Leeds.\n"
    assert "team" in [k for k, _ in _kinds(named)]
    duties = "Delivery Lead\n\nAbout the job\n\n- Plan the releases\n- Manage the budget\n- Run the stand-ups\n"
    assert "team" not in [k for k, _ in _kinds(duties)]


def test_duties_listed_as_gerunds_are_responsibilities():
    from assistant.document.content_kinds import item_kinds

    assert item_kinds(["selecting features and tuning the classifiers", "data mining with current methods"]) == [
        "responsibilities", "responsibilities"]
    assert item_kinds(["interesting projects every week", "ongoing support from mentors"]) == [None, None]
    text = (
        "Data Scientist\n\nJob Description\n\n- Selecting features and tuning classifiers\n- Cleaning the ferry data\n"
        "- Presenting results to the harbour board\n"
    )
    assert "responsibilities" in [k for k, _ in _kinds(text)]


def test_informal_ways_of_saying_the_work_are_responsibilities(engine):
    def duties_missing(text):
        return any(f.rule == "completeness/responsibilities" for f in engine.lint(posting_from_text(text, "x.txt", "txt")).findings)

    head = "Tidewatch -- Leeds\n\n"
    assert duties_missing(head + "We like boats. Python is a plus.\n")
    assert not duties_missing(head + "The job is a mix of architecture, coding and teaching good practice.\n")
    assert not duties_missing(head + "We are seeking an experienced developer to develop our tide tables.\n")
    assert duties_missing(head + "We are looking for great engineers to help build out our services.\n")
    assert not duties_missing(head + "Our client is in need of Welsh speaking individuals to answer customer calls.\n")
    assert not duties_missing(head + "We're hiring engineers who want to: - hack on our stack - mine the tide data\n")
    assert not duties_missing(head + "This position, in particular, will have a special focus on front-end practice.\n")


def test_a_stated_hire_is_the_role_summary_the_exemplars_ask_for(engine):
    def summary_missing(text):
        findings = engine.lint(posting_from_text(text, "x.txt", "txt")).findings
        return any(f.rule == "completeness/exemplar-sections" and "role summary" in f.message for f in findings)

    perks = "Rails Developer\n\nLeeds\n\nWhat's in it for you?\n\n"
    assert summary_missing(perks + "Free lunch on Fridays and a bike scheme.\n")
    assert not summary_missing(perks + "You will be our first full-time Rails developer, owning the booking app.\n")
    assert not summary_missing(perks + "Tidewatch is looking for a senior developer to join our tides team.\n")


def test_a_sentence_opening_with_the_experience_asked_for_is_a_requirement(engine):
    def asks_missing(text):
        return any(f.rule == "completeness/requirements" for f in engine.lint(posting_from_text(text, "x.txt", "txt")).findings)

    head = "Back End Developer\n\n"
    assert not asks_missing(head + "Experience using open-source tools to build and deploy web services.\n\nYou will run our APIs.\n")
    assert asks_missing(head + "You will run our APIs. Experience with cloud hosting is also a plus.\n")


def test_items_are_read_for_a_kind_however_far_down_a_long_list_it_shows():
    """The evidence reads items in growing batches and stops once a kind is shown; a kind
    shown only by the last items of thousands is still found, and one shown by a single
    item is still not enough."""
    from assistant.document.content_kinds import ContentEvidence

    filler = ["- the office kitchen is on the second floor"] * 3000
    def evidence(items: list[str]) -> ContentEvidence:
        low = "\n".join(items)
        spans, at = [], 0
        for item in items:
            spans.append((at, at + len(item)))
            at += len(item) + 1
        return ContentEvidence(low, spans, [True] * len(items))

    late = evidence(filler + ["- five years of experience with go", "- a degree in statistics"])
    assert late.shows("requirements")
    early = evidence(["- five years of experience with go", "- a degree in statistics"] + filler)
    assert early.shows("requirements")
    assert not early.shows("benefits")
    one = evidence(filler + ["- a degree in statistics"])
    assert not one.shows("requirements")


def test_user_experience_is_a_discipline_not_an_ask():
    from assistant.document.content_kinds import item_kinds

    assert item_kinds(["design the user experience for the checkout", "design experience with figma"]) == ["responsibilities", None]
    assert item_kinds(["improve the customer experience", "three years of experience"]) == ["responsibilities", "requirements"]
