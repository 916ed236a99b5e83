"""Facts stated the ways real postings state them (issue 15): a week's hours, an HR
status list, "the first full-time developer", a term appointment; "hiring in <cities>",
a line of cities under the title; premises in a location field, "<place> or Remote",
roles "based in … at our headquarters". Paraphrased fixtures."""

from __future__ import annotations

from assistant.document.facts import detect_employment_type, detect_location, detect_remote
from assistant.document.loaders import posting_from_text


def test_a_weeks_hours_say_full_or_part_time():
    assert detect_employment_type("Lab Technician\n\nWork Schedule:\n40+ hours weekly, some evenings.\n") == "full-time"
    assert detect_employment_type("Tutor\n\nYou will teach about 20 hours per week in the library.\n") == "part-time"
    assert detect_employment_type("Analyst\n\nYou will need 40 hours of training in year one.\n") is None


def test_status_lists_the_first_hire_and_term_appointments():
    assert detect_employment_type("Office Manager\n\nExempt, Regular, Full-Time, Grade 4. Largo, MD\n") == "full-time"
    assert detect_employment_type("Rails Developer\n\nYou will be our first full-time Rails developer.\n") == "full-time"
    assert detect_employment_type("Rails Developer\n\nOur full-time staff love lunch.\n") is None
    assert detect_employment_type("Developer\n\nPosition Type: Excepted Service - term appointment for one year\n") == "temporary"


def test_hiring_in_named_cities_and_a_line_of_cities_are_the_location():
    found = detect_location("Developer\n\nWe're hiring people at every level in Toronto, Oslo and Boston.\n")
    assert found is not None and found.text.startswith("Toronto")
    assert detect_location("Developer\n\nWe're hiring in Engineering and Design this spring.\n") is None
    found = detect_location("Rails Hacker\n\nMumbai, Helsinki, San Francisco\n\nWhat's in it for you?\n")
    assert found is not None and found.text == "Mumbai, Helsinki, San Francisco"
    assert detect_location("Rails Hacker\n\nRuby, Rails, Postgres\n\nWhat's in it for you?\n") is None


def test_premises_and_a_remote_option_are_a_policy():
    assert detect_remote("Scientist\n\nLOCATION: Acme Labs - Headquarters (160 Elm Park, Rochester, NY)\n\nYou will run assays.\n") == "onsite"
    assert detect_remote("Scientist\n\nLocation: Rochester, NY\n\nYou will run assays.\n") is None
    assert detect_remote("Manager\n\nExempt, Regular, Full-Time. Largo, MD or Remote\n") == "remote"
    assert detect_remote("Analysts\n\nThe roles will be based in the sales team at our corporate headquarters in Exton, PA.\n") == "onsite"


def test_the_remote_policy_rule_reads_premises_in_a_location_field(engine):
    text = "Scientist\n\nLOCATION: Acme Labs - Headquarters (160 Elm Park, Rochester, NY)\n\nYou will run assays.\n"
    findings = engine.lint(posting_from_text(text, "x.txt", "txt")).findings
    assert not any(f.rule == "completeness/remote-policy" for f in findings)


def test_a_previous_regular_permanent_post_is_no_employment_type():
    text = "Teacher\n\nYou may apply if you were laid off from a regular, permanent district position.\n"
    assert detect_employment_type(text) is None


def test_benefits_are_not_asked_of_a_contract_or_freelance_engagement(engine):
    def benefits_missing(text):
        return any(f.rule == "completeness/benefits" for f in engine.lint(posting_from_text(text, "x.txt", "txt")).findings)

    body = "Web Designer\n\nYou will design our booking site and its emails.\n"
    assert benefits_missing(body + "\nEmployment type: Full-time\n")
    assert not benefits_missing(body + "\nEmployment type: Contract\n")
    assert not benefits_missing(body + "\nThis is a freelance project; quote your price.\n")


def test_work_based_at_a_client_site_is_on_site():
    assert detect_remote("Engineer\n\nThis project is based on a long-term client's site in Uxbridge.\n") == "onsite"
    assert detect_remote("Engineer\n\nYou will work at the client site in Leeds.\n") == "onsite"
    assert detect_remote("Engineer\n\nSome travel to client sites is expected.\n") is None
