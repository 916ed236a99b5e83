"""Fact detectors: pay, place, remote policy, employment type.

Every posting here is written for the test. Each detected span must be exactly the
text it claims (`text[start:end] == found.text`), with or without structure.
"""

from __future__ import annotations

import pytest

from assistant.document.facts import (
    detect_employment_type,
    detect_facts,
    detect_location,
    detect_remote,
    detect_salary,
)
from assistant.document.model import Facts, Line, Section

HEADING_KINDS = {
    "compensation": "compensation",
    "pay": "compensation",
    "salary": "compensation",
    "location": "location",
    "where you'll work": "location",
    "about us": "company_overview",
    "equal opportunity": "eeo_statement",
    "benefits": "benefits",
}


def structure(text: str) -> tuple[list[Line], list[Section]]:
    """Lines and sections roughly as the structure inference builds them: '#' headings only."""
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        stripped = raw.lstrip()
        indent = start + len(raw) - len(stripped)
        if not stripped:
            lines.append(Line(start, end, start, "blank"))
        elif stripped.startswith("#"):
            hashes = len(stripped) - len(stripped.lstrip("#"))
            body = indent + len(stripped) - len(stripped[hashes:].lstrip())
            lines.append(Line(start, end, body, "heading", level=hashes))
        elif stripped.startswith(("- ", "* ")):
            lines.append(Line(start, end, indent + 2, "bullet", marker=True))
        else:
            lines.append(Line(start, end, indent, "text"))
        pos = end + 1
    sections: list[Section] = []
    first = 0
    heading: str | None = None
    for i, line in enumerate(lines + [None]):
        if line is None or (line.kind == "heading" and i > first):
            start = lines[first].start
            end = lines[i - 1].end
            kind = HEADING_KINDS.get((heading or "").lower(), "other")
            sections.append(Section(kind, heading, start, end, first, i))
            first = i
        if line is not None and line.kind == "heading":
            heading = text[line.body_start : line.end].strip()
    return lines, sections


def both_ways(text: str):
    """Run a detector input with structure and without: both must hold."""
    return [structure(text), ([], [])]


def assert_span(text: str, found) -> None:
    assert found is not None
    assert text[found.start : found.end] == found.text


# ---------------------------------------------------------------------------------------
# Salary
# ---------------------------------------------------------------------------------------

SALARIES = [
    # (posting text, expected span text, min, max, currency, period)
    ("# Data Analyst\n\n- **Location:** Austin, TX\n- **Salary:** $90,000 - $110,000\n",
     "$90,000 - $110,000", 90_000, 110_000, "USD", "year"),
    ("**Salary:** $90,000 - $110,000\n\nWe make maps.", "$90,000 - $110,000", 90_000, 110_000, "USD", "year"),
    ("The pay range for this role is $120k–$150k per year, plus equity.",
     "$120k–$150k per year", 120_000, 150_000, "USD", "year"),
    ("Wir bieten €55.000 - €65.000 brutto und 30 Tage Urlaub.",
     "€55.000 - €65.000", 55_000, 65_000, "EUR", "year"),
    ("Salary: £40-50k depending on experience.", "£40-50k", 40_000, 50_000, "GBP", "year"),
    ("Rate: USD 60/hour, paid monthly.", "USD 60/hour", 60, 60, "USD", "hour"),
    ("This is a GS-13 ($103,409 - $134,435 per year) position in the federal service.",
     "$103,409 - $134,435 per year", 103_409, 134_435, "USD", "year"),
    ("薪资：¥25k-40k/月，五险一金", "¥25k-40k/月", 25_000, 40_000, "CNY", "month"),
    ("前端工程师 20-35K·14薪\n\n岗位职责：负责前端开发", "20-35K·14薪", 20_000, 35_000, "CNY", "month"),
    ("## Compensation\n\nC$85,000 to C$100,000 annually, depending on level.",
     "C$85,000 to C$100,000 annually", 85_000, 100_000, "CAD", "year"),
    ("Salary range: $95,000 - $120,000 CAD", "$95,000 - $120,000 CAD", 95_000, 120_000, "CAD", "year"),
    ("Salary: $130,000 - $150,000 AUD plus super", "$130,000 - $150,000 AUD", 130_000, 150_000, "AUD", "year"),
    ("Compensation: CHF 120,000 - 140,000", "CHF 120,000 - 140,000", 120_000, 140_000, "CHF", "year"),
    ("Lön: 32 000 - 38 000 kr/mån, tillträde enligt överenskommelse",
     "32 000 - 38 000 kr/mån", 32_000, 38_000, "SEK", "month"),
    ("Day rate: £450-£550/day outside IR35.", "£450-£550/day", 450, 550, "GBP", "day"),
    ("We pay $28-$34/hr for this seasonal role.", "$28-$34/hr", 28, 34, "USD", "hour"),
    ("Compensation: Up to $125,000 depending on experience.", "$125,000", None, 125_000, "USD", "year"),
    ("Starting from $22 per hour.", "$22 per hour", 22, None, "USD", "hour"),
    ("- **Salary:** $53K-$91K (Glassdoor est.)", "$53K-$91K", 53_000, 91_000, "USD", "year"),
    ("Compensation: 40,000 - 80,000 yearly salary", "40,000 - 80,000 yearly", 40_000, 80_000, None, "year"),
    ("Acme | Senior Engineer | $140-170k | Denver, CO", "$140-170k", 140_000, 170_000, "USD", "year"),
    ("Salary: ₹12-18 LPA", "₹12-18 LPA", 1_200_000, 1_800_000, "INR", "year"),
    ("薪水 5000U-8000U USDT/月", "5000U-8000U USDT/月", 5_000, 8_000, "USDT", "month"),
]


@pytest.mark.parametrize(("text", "span", "low", "high", "currency", "period"), SALARIES)
def test_salary_is_read_with_its_numbers(text, span, low, high, currency, period):
    for lines, sections in both_ways(text):
        found = detect_salary(text, lines, sections)
        assert_span(text, found)
        assert found.text == span
        assert found.min == low
        assert found.max == high
        assert found.currency == currency
        assert found.period == period


NOT_PAY = [
    "We offer a competitive salary and great benefits.",
    "Salary: DOE\nLocation: Leeds, UK",
    "Compensation depending on experience.",
    "Salary: negotiable",
    "We pay the market rate for your skills.",
    "Join a $2B company that is still growing.",
    "We raised $40M in our Series B last spring.",
    "Fresh off a $40M Series B, we are hiring.",
    "401(k) with a 4% match, and a 401k rollover helper.",
    "You get a $500 stipend for your home office.",
    "Refer a friend and earn $300 when they are hired.",
    "Last year revenue passed $12 million.",
    "We manage $3.5bn in assets for pension funds.",
    "Lön enligt överenskommelse.",
    "Enjoy a $1,000 yearly learning budget and a $100/month gym allowance.",
    "We donated $25,000 to local code clubs.",
    "Our 10k users and 2k customers love the product.",
    "No salary in this posting at all, and no numbers either.",
]


@pytest.mark.parametrize("text", NOT_PAY)
def test_money_that_is_not_pay_is_ignored(text):
    for lines, sections in both_ways(text):
        assert detect_salary(text, lines, sections) is None


def test_stated_pay_wins_over_funding_news_in_the_same_posting():
    text = (
        "Acme builds ledgers. We raised $12M last year from two funds.\n\n"
        "## Compensation\n\nThe base salary for this role is $140,000 - $160,000 per year.\n"
    )
    for lines, sections in both_ways(text):
        found = detect_salary(text, lines, sections)
        assert_span(text, found)
        assert (found.min, found.max) == (140_000, 160_000)


def test_salary_in_a_compensation_section_needs_no_pay_word():
    text = "# Designer\n\nWe make tools.\n\n## Salary\n\n$75,000-$86,000, commensurate with experience\n"
    lines, sections = structure(text)
    found = detect_salary(text, lines, sections)
    assert_span(text, found)
    assert found.text == "$75,000-$86,000"


def test_a_range_is_preferred_over_a_single_figure_elsewhere():
    text = "Relocation help up to $5,000.\n\nSalary: $100,000 - $120,000\n"
    found = detect_salary(text)
    assert_span(text, found)
    assert found.text == "$100,000 - $120,000"


def test_step_numbers_are_not_the_low_end_of_a_range():
    text = "Salary: GS-14, Step 1 - $117,962 per year"
    found = detect_salary(text)
    assert_span(text, found)
    assert found.min == 117_962


def test_glued_text_still_yields_the_hourly_rate():
    # Flattened scrapes glue words together: "per hourShift".
    text = "Salary: $14.00 per hourShift: nights"
    found = detect_salary(text)
    assert_span(text, found)
    assert (found.min, found.period) == (14.0, "hour")


# ---------------------------------------------------------------------------------------
# Location
# ---------------------------------------------------------------------------------------

LOCATIONS = [
    ("# Data Analyst\n\n- **Location:** Austin, TX\n- **Type:** Full-time\n", "Austin, TX"),
    ("Location: Leeds, UK\n\nWe build trams.", "Leeds, UK"),
    ("**Location**: Berlin (hybrid)\n", "Berlin (hybrid)"),
    ("We are a small team based in Porto, building tools for farmers.", "Porto"),
    ("You will join us in our Rotterdam office three days a week.", "Rotterdam"),
    ("Acme Robotics, Pittsburgh, PA: FULL TIME, ONSITE\n\nWe build arms.", "Pittsburgh, PA"),
    ("Acme | London, UK | Backend Engineer\n\nWe write Go.", "London, UK"),
    ("Ledgerly | Remote (US) | Staff Engineer\n\nWe do payroll.", "US"),
    ("This role is remote. You can work from anywhere in Europe.", "Europe"),
    ("## 工作地点\n\n工作地点：上海\n\n薪资：20-30K", "上海"),
    ("【深圳】招聘后端工程师 25-40K\n\n岗位职责", "深圳"),
    ("Our offices are located in Zurich. We like the mountains.", "Zurich"),
    ("The team sits in Minneapolis, MN and ships every week.", "Minneapolis, MN"),
]


@pytest.mark.parametrize(("text", "place"), LOCATIONS)
def test_stated_place_is_found(text, place):
    for lines, sections in both_ways(text):
        found = detect_location(text, lines, sections)
        assert_span(text, found)
        assert found.text == place


def test_location_section_first_line_is_the_place():
    text = "# Engineer\n\nWe build boats.\n\n## Location\n\nGothenburg, Sweden\n\n## About us\n\nWe sail.\n"
    lines, sections = structure(text)
    found = detect_location(text, lines, sections)
    assert_span(text, found)
    assert found.text == "Gothenburg, Sweden"


def test_location_section_line_that_is_a_sentence_is_not_taken_whole():
    text = "# Engineer\n\n## Where you'll work\n\nWe are a distributed team.\n"
    lines, sections = structure(text)
    assert detect_location(text, lines, sections) is None


NO_LOCATION = [
    "We do not discriminate on the basis of race, religion, national origin, or age.",
    "Founded in Paris in 2009, we now serve clients worldwide.",
    "- **Location:** Remote\n- **Type:** Full-time",
    "Location: {{ page.location }}",
    "For Applicants Based in California - California Job Applicant Privacy Notice",
    "We are based in large part on open source.",
    "Our platform is cloud-based in AWS and GCP.",
    "# Account Manager\n\nTrusted by Sony, TJX, United Nations, USA Today and others.",
    "# Nurse Educator\n\nHelp patients in countries like India, US and Brazil.",
    "We build software for hospitals.",
]


@pytest.mark.parametrize("text", NO_LOCATION)
def test_no_place_means_none(text):
    for lines, sections in both_ways(text):
        assert detect_location(text, lines, sections) is None


def test_eeo_section_places_are_not_the_work_location():
    text = "# Engineer\n\nWe write code.\n\n## Equal opportunity\n\nApplicants based in Denver, CO may request info.\n"
    lines, sections = structure(text)
    assert detect_location(text, lines, sections) is None


def test_headquarters_field_is_not_the_work_location():
    text = "- **Company:** Acme\n- **Headquarters:** Goleta, CA\n- **Size:** 500 employees\n"
    assert detect_location(text) is None


def test_a_location_field_wins_over_a_place_in_prose():
    text = "We are based in Lisbon.\n\nLocation: Porto, Portugal\n"
    found = detect_location(text)
    assert_span(text, found)
    assert found.text == "Porto, Portugal"


# ---------------------------------------------------------------------------------------
# Remote policy
# ---------------------------------------------------------------------------------------

REMOTE = [
    ("We are a remote-first company across six time zones.", "remote"),
    ("This position is fully remote.", "remote"),
    ("Work from home whenever you like.", "remote"),
    ("WFH friendly, with a yearly team trip.", "remote"),
    ("We are remote friendly and async by default.", "remote"),
    ("What we offer:\nMonthly remote work stipend (internet, power)\n", "remote"),
    ("Acme | Berlin | REMOTE OK | Backend", "remote"),
    ("- **Location:** Remote\n", "remote"),
    ("Remote: yes\n", "remote"),
    ("We work hybrid: come in when it helps.", "hybrid"),
    ("This is a hybrid role based in Leeds.", "hybrid"),
    ("You will spend 2 days in the office each week.", "hybrid"),
    ("Expect to be in the office 3 days a week.", "hybrid"),
    ("- **Workplace type:** Hybrid\n", "hybrid"),
    ("This is an on-site position in Dayton, OH.", "onsite"),
    ("Acme | Boston, MA | ONSITE | Full-time", "onsite"),
    ("We work in office 5 days a week.", "onsite"),
    ("Please note: no remote, the lab is here.", "onsite"),
    ("This job is on-site only.", "onsite"),
    ("是否远程：否\n", "onsite"),
    ("# [远程] 后端工程师\n\n工作地点：远程", "remote"),
    ("Work Remotely: No", "onsite"),
]


@pytest.mark.parametrize(("text", "policy"), REMOTE)
def test_remote_policy(text, policy):
    for lines, sections in both_ways(text):
        assert detect_remote(text, lines, sections) == policy


NOT_A_POLICY = [
    "Experience with remote sensing and satellite imagery.",
    "You will build the remote control firmware.",
    "Comfortable with remote debugging over SSH.",
    "We run an on-site gym and an onsite cafe.",
    "Design hybrid cloud architectures for clients.",
    "We build hybrid mobile apps.",
    "If the position isn't remote, your pay depends on the office location.",
    "Lovely office, great team, free snacks.",
]


@pytest.mark.parametrize("text", NOT_A_POLICY)
def test_remote_words_that_are_not_a_policy(text):
    for lines, sections in both_ways(text):
        assert detect_remote(text, lines, sections) is None


def test_hybrid_beats_a_passing_mention_of_remote_work():
    text = "Our remote team members visit often. This role is hybrid, three days in Oslo."
    assert detect_remote(text) == "hybrid"


# ---------------------------------------------------------------------------------------
# Employment type
# ---------------------------------------------------------------------------------------

TYPES = [
    ("- **Employment type:** Full Time\n", "full-time"),
    ("Job Type: Full-time\n", "full-time"),
    ("This is a full-time position with benefits.", "full-time"),
    ("We are hiring for a permanent role in our data team.", "full-time"),
    ("Wir bieten eine Festanstellung in Vollzeit, gern auch für Berufseinsteiger.", "full-time"),
    ("Omfattning: Heltid\nAnställningsform: Tillsvidare, sex månaders provanställning", "full-time"),
    ("We are looking for an independent contractor for six months.", "contract"),
    ("W2 or C2C welcome.", "contract"),
    ("Paid as 1099, remote within the US.", "contract"),
    ("This is a fixed-term appointment of 12 months.", "contract"),
    ("This is a 6-month contract, starting in May.", "contract"),
    ("# Software Engineering Intern\n\nJoin us for the summer.", "internship"),
    ("Our summer internship program runs twelve weeks.", "internship"),
    ("Teilzeit möglich, 20 Stunden pro Woche. Wir freuen uns auf Ihre Bewerbung.", "part-time"),
    ("Tjänsten är på deltid och vi ses på kontoret.", "part-time"),
    ("Acme | NYC | PART-TIME | Designer", "part-time"),
    ("This is a temporary position covering a leave.", "temporary"),
    ("- **Status:** Freelance\n", "freelance"),
    ("是否全职：是\n", "full-time"),
    # Issue 15: a type field run into flattened text, a fixed term, a title between article and type.
    ("We love maps and the people who draw them. Job Type: Part-time Pay: $20 per hour Benefits: dental",
     "part-time"),
    ("Great team, friendly office. Employment Type: Contract Schedule: Monday to Friday", "contract"),
    ("Position: Analyst Location: Leeds Duration: 12 Months Description: you will help", "contract"),
    ("**Position Type:** Excepted service, time-limited appointment, not to exceed 24 months\n", "temporary"),
    ("The agency offers a temporary appointment, not to exceed 13 months.", "temporary"),
    ("The lab is seeking a qualified full-time research assistant to join its energy team.", "full-time"),
]


@pytest.mark.parametrize(("text", "kind"), TYPES)
def test_employment_type(text, kind):
    for lines, sections in both_ways(text):
        assert detect_employment_type(text, lines, sections) == kind


def test_an_explicit_field_beats_prose():
    text = "All full-time employees get a laptop.\nAs a full-time hire you will...\n\nEmployment type: Part-time\n"
    assert detect_employment_type(text) == "part-time"


NOT_A_TYPE = [
    "Applicants must be a permanent resident or citizen.",
    "Experience auditing smart contracts on Ethereum.",
    "Budget of 12 full-time equivalent staff.",
    "You will build internal tools and an international network.",
    "We are not open to contract or corp-to-corp arrangements.",
    "Mentor our interns and review their code.",
    "We have had a great time building this.",
    "You need 12 months of experience with dashboards.",
    "We review every team's goals every six months.",
    "Expect frequent deadlines and time-limited assignments.",
    "Project costs must not to exceed 5 years of revenue.",
]


@pytest.mark.parametrize("text", NOT_A_TYPE)
def test_words_that_do_not_state_the_terms(text):
    for lines, sections in both_ways(text):
        assert detect_employment_type(text, lines, sections) is None


# ---------------------------------------------------------------------------------------
# All together
# ---------------------------------------------------------------------------------------

POSTING = """# Senior Backend Engineer

- **Location:** Austin, TX
- **Employment type:** Full-time

## About us

We build scheduling software for clinics. We raised $30M last year.

## What you'll do

- Own the booking API
- Work hybrid: two days in the office each week

## Compensation

The base salary range is $150,000 - $175,000 per year.

## Equal opportunity

We do not discriminate on the basis of race, national origin or age.
"""


def test_detect_facts_reads_a_whole_posting():
    for lines, sections in both_ways(POSTING):
        facts = detect_facts(POSTING, lines, sections)
        assert isinstance(facts, Facts)
        assert_span(POSTING, facts.salary)
        assert (facts.salary.min, facts.salary.max, facts.salary.currency) == (150_000, 175_000, "USD")
        assert_span(POSTING, facts.location)
        assert facts.location.text == "Austin, TX"
        assert facts.remote == "hybrid"
        assert facts.employment_type == "full-time"


def test_detect_facts_on_an_empty_posting():
    assert detect_facts("", [], []) == Facts()


def test_every_span_matches_its_text_on_every_fixture():
    texts = [t for t, *_ in SALARIES] + [t for t, _ in LOCATIONS] + NOT_PAY + NO_LOCATION + [POSTING]
    for text in texts:
        for lines, sections in both_ways(text):
            facts = detect_facts(text, lines, sections)
            for found in (facts.salary, facts.location):
                if found is not None:
                    assert_span(text, found)


# ---------------------------------------------------------------------------------------
# Shapes seen in real postings
# ---------------------------------------------------------------------------------------


def test_a_label_alone_on_its_line_takes_the_next_line():
    text = "**Location:**\nDenver, CO\n\n**Work schedule:**\nFull time.\n\n**Appointment type:**\nPermanent\n"
    for lines, sections in both_ways(text):
        found = detect_location(text, lines, sections)
        assert_span(text, found)
        assert found.text == "Denver, CO"
        assert detect_employment_type(text, lines, sections) == "full-time"


def test_grade_steps_make_one_range():
    text = "The salary range for this position is:\n- GS-14, Step 1 - $120,579 to GS-14, Step 10 - $156,755\n"
    found = detect_salary(text)
    assert_span(text, found)
    assert (found.min, found.max, found.currency, found.period) == (120_579, 156_755, "USD", "year")


def test_a_stated_maximum_is_an_upper_bound_only():
    text = "Salary: up to $95,000 per year."
    found = detect_salary(text)
    assert_span(text, found)
    assert (found.min, found.max) == (None, 95_000)


def test_a_pay_system_cap_is_not_the_jobs_pay():
    # Issue 15: the federal pay-cap sentence is what the whole system allows (tests/test_pay.py has more).
    assert detect_salary("Please note the maximum salary available for this pay system is $191,900.") is None


def test_flattened_scrape_fields_are_read_inline():
    text = "Great team. Job Type: Full-time Pay: $52,000.00 - $61,000.00 per year Work Remotely: No"
    found = detect_salary(text)
    assert_span(text, found)
    assert (found.min, found.max, found.period) == (52_000, 61_000, "year")
    assert detect_employment_type(text) == "full-time"
    assert detect_remote(text) == "onsite"


def test_place_stops_at_the_end_of_its_sentence():
    text = "We are a small agency based in Portland, OR. We make websites."
    found = detect_location(text)
    assert_span(text, found)
    assert found.text == "Portland, OR"


def test_chinese_posting_reads_title_salary_and_policy():
    text = "# 【北京】招聘Go后端工程师 30-50K·15薪\n\n## 工作性质\n\n- 是否全职：是\n- 是否远程：否\n"
    for lines, sections in both_ways(text):
        facts = detect_facts(text, lines, sections)
        assert_span(text, facts.salary)
        assert (facts.salary.min, facts.salary.max, facts.salary.currency) == (30_000, 50_000, "CNY")
        assert facts.location.text == "北京"
        assert facts.remote == "onsite"
        assert facts.employment_type == "full-time"


@pytest.mark.parametrize(("place", "pay", "currency"), [
    ("Toronto, Ontario", "$80,000 - $95,000 per year", "CAD"),
    ("Calgary (hybrid)", "$1,400 - $1,700 per week", "CAD"),
    ("Sydney, Australia", "$120,000 - $140,000 per year", "AUD"),
    ("Auckland", "$90,000 - $110,000 per year", "NZD"),
    ("Vancouver, WA", "$80,000 - $95,000 per year", "USD"),  # the other Vancouver
    ("Melbourne, FL", "$80,000 - $95,000 per year", "USD"),
    ("Toronto or New York", "$80,000 - $95,000 per year", "USD"),  # could be either
    ("Toronto, Ontario", "US$80,000 - US$95,000 per year", "USD"),  # said outright
    ("Austin, TX", "$80,000 - $95,000 per year", "USD"),
])
def test_a_bare_dollar_is_the_currency_of_the_place_of_work(place, pay, currency):
    text = f"# Data Analyst\n\nLocation: {place}\n\nSalary: {pay}, plus benefits.\n"
    for lines, sections in both_ways(text):
        facts = detect_facts(text, lines, sections)
        assert facts.location is not None and facts.salary is not None
        assert facts.salary.currency == currency, (place, pay)
