"""The employer described in its own words, with no "About us" over it (issue 15, item 1):
a name as the subject of what it does, "<Name> is the … agency", "At <Name>, we …".
Paraphrased fixtures."""

from __future__ import annotations

from assistant.document.content_kinds import describes_employer, evidence
from assistant.document.loaders import posting_from_text


def _company_missing(engine, text: str) -> bool:
    findings = engine.lint(posting_from_text(text, "x.txt", "txt")).findings
    return any(f.rule == "completeness/company" for f in findings)


def test_a_named_subject_doing_something_describes_the_employer():
    assert describes_employer("We hire twice a year. Harbourline is building a booking tool for small ferry lines.")
    assert describes_employer("Tallow & Finch (est. 1994) makes candles for hotels.")
    assert describes_employer("18X is building a design practice inside the city council.")


def test_ordinary_sentence_openers_and_stock_text_are_not_an_employer():
    assert not describes_employer("The team builds internal tools. You will help.")
    assert not describes_employer("Travel makes up a fifth of the job.")
    assert not describes_employer("Harbourline provides equal employment opportunity to all.")
    assert not describes_employer("harbourline builds tools")  # no capital: no name to go by


def test_cues_read_the_leading_agency_and_the_at_name_we_form():
    assert evidence("company_overview", "northway is the country’s leading freight insurance agency.")
    assert evidence("company_overview", "at open harbour data services, we publish shipping data.")
    assert evidence("company_overview", "this position is located within the regional transport administration.")
    assert evidence("company_overview", "we're sailors and developers using our background to make ferries easier to book.")


def test_a_company_paragraph_under_an_overview_heading_is_the_company():
    text = (
        "Booking Engineer\n\nOverview\n\n"
        "Harbourline is building a booking tool for small ferry lines around the coast.\n\n"
        "You will build the seat map. You will keep the timetable import running.\n"
    )
    posting = posting_from_text(text, "x.txt", "txt")
    at = posting.text.index("Harbourline")
    assert next(s.kind for s in posting.sections if s.start <= at < s.end) == "company_overview"


def test_the_company_rule_reads_a_named_employer_in_any_section(engine):
    described = (
        "Booking Engineer\n\nWhat you'll do\n\n- Build the seat map\n- Keep the timetable import running\n\n"
        "Harbourline makes booking software for small ferry lines, and has done since 2011.\n"
    )
    plain = "Booking Engineer\n\nWhat you'll do\n\n- Build the seat map\n- Keep the timetable import running\n"
    assert not _company_missing(engine, described)
    assert _company_missing(engine, plain)


def test_a_work_eligibility_or_eeo_line_naming_the_company_is_not_the_company():
    assert not evidence("company_overview", "harbourline, inc. is an e-verify employer in the us.")
    assert not evidence("company_overview", "harbourline ltd. is proud to be an equal opportunity employer.")
    assert evidence("company_overview", "harbourline ltd. is a ferry booking company.")


def test_known_for_a_product_or_used_by_many_is_the_company():
    assert evidence("company_overview", "most people know us for our ferry timetable app.")
    assert evidence("company_overview", "our booking tool is used by over 300 ferry lines.")
    assert not evidence("company_overview", "you will be used to working with ferries.")


def test_the_position_as_part_of_a_named_office_is_the_employer():
    assert evidence("company_overview", "this position is part of the data portfolio within the city transport service.")


def test_a_named_employer_whose_mention_says_what_it_makes_or_is(engine):
    fields = "Claims Analyst\n\n- **Company:** Bellwether Mutual\n- **Location:** Tulsa, OK\n\n"
    duties = "You will review claims and keep the ledger in order. You will answer brokers.\n"
    # The name followed by what it sells, defined, or saying the kind of body it is.
    assert not _company_missing(engine, fields + duties + "You will learn Bellwether Mutual products and claims rules.\n")
    assert not _company_missing(engine, fields + duties + "Bellwether Mutual is the region's oldest farm insurer.\n")
    assert not _company_missing(engine, "Claims Analyst\n\n- **Company:** Harbour Street Clinic\n\n" + duties)
    assert not _company_missing(engine, "Harbour.io: Support Lead\n\n" + duties + "Harbour.io’s booking platform serves ferry lines.\n")
    assert not _company_missing(engine, "Jobs at tidewatch:) in Leeds\n\ntidewatch:) makes tide apps for sailors.\n\n" + duties)
    # Named in a field, or in the duties, says nothing of what it does.
    assert _company_missing(engine, fields + duties)
    assert _company_missing(engine, fields + duties + "Shape Bellwether Mutual’s growth strategy with the board.\n")
    assert _company_missing(engine, fields + duties + "Bellwether Mutual is an equal opportunity employer.\n")


def test_comparisons_and_age_that_say_what_the_employer_is(engine):
    assert evidence("company_overview", "we have more branches than any other savings bank in the state.")
    assert evidence("company_overview", "we help clinics book their patients.")
    assert not evidence("company_overview", "we help you grow.")
    assert not _company_missing(engine, "Web Engineer\n\nWhat we offer\n\n- Health cover\n- A steady, 20-year-old design studio\n")


def test_a_name_hiring_or_stating_eeo_or_naming_a_trade_describes_nothing(engine):
    duties = "You will review claims and keep the ledger in order. You will answer brokers.\n"
    assert _company_missing(engine, "Claims Analyst\n\nBellwether is hiring software testers in Leeds.\n\n" + duties)
    assert _company_missing(engine, "Claims Analyst\n\n- **Company:** Bellwether\n\n" + duties + "Bellwether is an EOE.\n")
    assert _company_missing(engine, "Claims Analyst\n\n- **Company:** Front Desk Service Staffers\n\n" + duties)
    assert not _company_missing(engine, "Claims Analyst\n\n- **Company:** University of Tidewater\n\n" + duties)
