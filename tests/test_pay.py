"""Pay that is not the employer's offer, and pay stated in fields (issue 15, item 3).

Every posting here is written for the test, in the shapes seen on real boards: a job
board's estimate beside the figure, the federal pay-system notices, front matter and
JSON-LD `baseSalary`.
"""

from __future__ import annotations

import json

import pytest

from assistant.document.facts import detect_salary
from assistant.document.loaders import posting_from_text, postings_from_source


def salary_of(source: str, fmt: str = "md"):
    return posting_from_text(source, fmt=fmt).facts.salary


# --- estimates by others -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "# Analyst\n\n- **Location:** Tulsa, OK\n- **Salary:** $61K-$94K (Glassdoor est.)\n\nWe count things.\n",
        "# Analyst\n\n- **Salary:** $24-$31 Per Hour(Glassdoor est.)\n",
        "# Analyst\n\nEstimated salary: $55,000 - $65,000\n",
        "# Analyst\n\nSalary estimate:\n$55,000 - $65,000 per year\n",
        "# Analyst\n\nPay: $48,000 - $52,000 (est.)\n",
    ],
)
def test_an_estimate_is_kept_but_marked(text):
    found = salary_of(text)
    assert found is not None and found.estimate
    assert text[found.start : found.end] == found.text
    assert found.source == "text"


def test_a_range_the_board_marks_as_the_employers_own_is_pay():
    """Glassdoor's "(Employer est.)" marks a range the employer gave: not an estimate by
    others (CONTRACTS.md), so it states pay; "(Glassdoor est.)" beside it stays one."""
    found = salary_of("# Analyst\n\n- **Salary:** $70K-$88K(Employer est.)\n")
    assert found is not None and not found.estimate and (found.min, found.max) == (70_000, 88_000)


def test_the_employers_own_figure_beats_an_estimate_wherever_it_stands():
    text = (
        "# Analyst\n\n- **Salary:** $61K-$94K (Glassdoor est.)\n\nWe count things.\n\n"
        "## Compensation\n\nThe pay for this role is $72,000 - $80,000 per year.\n"
    )
    found = salary_of(text)
    assert (found.min, found.max, found.estimate) == (72_000, 80_000, False)


def test_an_employer_writing_estimated_in_prose_still_states_pay():
    found = salary_of("# Analyst\n\nThe estimated base pay for this role is $90,000 to $104,000 a year.\n")
    assert found is not None and not found.estimate and (found.min, found.max) == (90_000, 104_000)


def test_words_that_merely_start_like_est_are_no_estimate():
    found = detect_salary("Salary: $80,000 - $90,000 (interest in travel a plus)")
    assert found is not None and not found.estimate


def test_front_matter_pay_replaces_an_estimate_in_the_text():
    text = "---\ntitle: Analyst\nsalary_min: 50000\nsalary_max: 58000\ncurrency: USD\n---\n\n- **Salary:** $61K-$94K (Glassdoor est.)\n"
    found = salary_of(text)
    assert (found.min, found.max, found.estimate, found.source) == (50_000, 58_000, False, "front_matter")


# --- pay-system notices ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Please note the maximum salary available for the GS pay system is $183,100.",
        "Please note the maximum salary available for the GS pay system is **$183,100**.",
        "Base pay is limited to $183,100 by statute.",
        "There is a cap on pay of $191,000 for this pay plan.",
        "Salaries may not exceed $195,200, the rate for level IV of the Executive Schedule.",
        "Your pay under the GS pay scale, with locality pay, will be at most $178,000.",
    ],
)
def test_a_pay_system_notice_is_not_the_jobs_pay(text):
    assert detect_salary(text) is None


def test_the_grade_range_beside_a_notice_is_still_the_jobs_range():
    text = (
        "Salary: GS-14, $122,000 - $158,600 per year, including locality pay.\n\n"
        "Please note the maximum salary available for the GS pay system is $191,900.\n"
    )
    found = detect_salary(text)
    assert (found.min, found.max) == (122_000, 158_600)


def test_a_range_in_a_sentence_about_the_pay_scale_is_the_jobs():
    found = detect_salary("On the GS pay scale this job pays $98,000 - $127,000 per year.")
    assert found is not None and (found.min, found.max) == (98_000, 127_000)


def test_benefit_figures_are_not_pay():
    text = "Health plans with low annual deductibles ($250 per person or $500 per family).\n"
    assert detect_salary(text) is None


# --- fields: front matter, JSON-LD, ATS --------------------------------------------


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("salary_min: '112,015'\nsalary_max: '145,617'", (112_015, 145_617, None, "year")),
        ("salary_min: $98,500\nsalary_max: $128,000", (98_500, 128_000, "USD", "year")),
        ("salary: 45k-55k GBP", (45_000, 55_000, "GBP", "year")),
        ("salary_min: 4200\nsalary_max: 4800\ncurrency: EUR\nperiod: monthly", (4_200, 4_800, "EUR", "month")),
        ("pay: 30 per hour\ncurrency: CHF", (30, 30, "CHF", "hour")),
        ("compensation: USD 140,000 - 165,000 per year", (140_000, 165_000, "USD", "year")),
        ("salary_max: 90000\ncurrency: USD", (None, 90_000, "USD", "year")),
    ],
)
def test_front_matter_states_pay(front, expected):
    found = salary_of(f"---\ntitle: Engineer\n{front}\n---\n\nWe build bridges.\n")
    assert found is not None
    assert (found.min, found.max, found.currency, found.period) == expected
    assert found.source == "front_matter" and found.start is None and not found.estimate


def test_front_matter_without_a_figure_states_nothing():
    assert salary_of("---\ntitle: Engineer\nsalary: DOE\nsalary_min: ''\n---\n\nWe build bridges.\n") is None


def test_pay_in_the_body_wins_over_front_matter():
    found = salary_of("---\nsalary: 10k\n---\n\nSalary: £52,000 - £58,000 per year\n")
    assert (found.min, found.max, found.source) == (52_000, 58_000, "text")


def jsonld(**fields) -> str:
    return json.dumps({"@type": "JobPosting", "title": "Surveyor", "description": "<p>Measure land.</p>", **fields})


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        (
            {"@type": "MonetaryAmount", "currency": "EUR", "value": {"@type": "QuantitativeValue", "minValue": 48000, "maxValue": 56000, "unitText": "YEAR"}},
            (48_000, 56_000, "EUR", "year"),
        ),
        ({"@type": "MonetaryAmount", "currency": "USD", "value": {"@type": "QuantitativeValue", "value": 38.5, "unitText": "HOUR"}}, (38.5, 38.5, "USD", "hour")),
        ({"@type": "MonetaryAmount", "currency": "SEK", "value": 42000, "unitText": "MONTH"}, (42_000, 42_000, "SEK", "month")),
        ([{"@type": "MonetaryAmount", "currency": "GBP", "value": {"minValue": "40000", "maxValue": "46000"}}], (40_000, 46_000, "GBP", "year")),
        ({"@type": "MonetaryAmount", "currency": "USD", "value": {"value": "60k-70k"}}, (60_000, 70_000, "USD", "year")),
    ],
)
def test_jsonld_base_salary(base, expected):
    [posting] = postings_from_source(jsonld(baseSalary=base), "job.json", "json")
    found = posting.facts.salary
    assert (found.min, found.max, found.currency, found.period) == expected
    assert found.source == "json_ld" and not found.estimate


def test_jsonld_estimated_salary_is_an_estimate():
    base = {"@type": "MonetaryAmount", "currency": "USD", "value": {"minValue": 70000, "maxValue": 80000}}
    [posting] = postings_from_source(jsonld(estimatedSalary=base), "job.json", "json")
    assert posting.facts.salary.estimate and posting.facts.salary.source == "json_ld"


def test_jsonld_in_a_page_states_pay():
    block = jsonld(baseSalary={"@type": "MonetaryAmount", "currency": "CAD", "value": {"minValue": 70000, "maxValue": 82000, "unitText": "YEAR"}})
    page = f'<html><head><script type="application/ld+json">{block}</script></head><body></body></html>'
    [posting] = postings_from_source(page, "job.html", "html")
    assert (posting.facts.salary.min, posting.facts.salary.currency, posting.facts.salary.source) == (70_000, "CAD", "json_ld")


def test_an_ats_range_is_read_from_its_parts():
    lever = {
        "id": "a1", "text": "Surveyor", "hostedUrl": "https://jobs.lever.co/x/a1", "descriptionPlain": "Measure land.",
        "categories": {}, "salaryRange": {"currency": "USD", "min": 61000, "max": 69000, "interval": "per-year-salary"},
    }  # fmt: skip
    [posting] = postings_from_source(json.dumps([lever]), "jobs.json", "json")
    found = posting.facts.salary
    assert (found.min, found.max, found.currency, found.period, found.source) == (61_000, 69_000, "USD", "year", "ats")
    assert found.start is None  # not in the text: no span


def test_salary_json_says_estimate_and_source():
    found = detect_salary("Salary: $50K-$60K (Glassdoor est.)")
    assert found.as_json() | {} == {
        "text": "$50K-$60K", "min": 50_000, "max": 60_000, "currency": "USD", "period": "year",
        "estimate": True, "source": "text",
    }  # fmt: skip


# --- what the salary rule says ----------------------------------------------------


def salary_findings(report):
    return [f for f in report.findings if f.rule == "completeness/salary"]


def test_an_estimate_alone_states_no_pay_and_the_finding_says_why(lint):
    report = lint("# Analyst\n\n- **Salary:** $61K-$94K (Glassdoor est.)\n\n## Salary\n\nDepends on experience.\n", "md")
    [finding] = salary_findings(report)
    assert "“$61K-$94K”" in finding.message and "estimate" in finding.message


def test_the_employers_pay_satisfies_the_salary_rule(lint):
    report = lint("# Analyst\n\n- **Salary:** $61K-$94K (Glassdoor est.)\n\n## Pay\n\n$66,000 - $70,000 per year\n", "md")
    assert salary_findings(report) == []


# --- how amounts are written ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pay: CHF 110'000 – 130'000 per year", (110_000, 130_000, "CHF", "year")),
        ("Pay: CHF 95,000 to 105,000", (95_000, 105_000, "CHF", "year")),
        ("Salary: 45 000 – 52 000 kr per month", (45_000, 52_000, "SEK", "month")),
        ("Salary: 55 000–60 000 SEK/månad", (55_000, 60_000, "SEK", "month")),
        ("Salary: ₹12,00,000 - ₹18,00,000 per annum", (1_200_000, 1_800_000, "INR", "year")),
        ("Salary: INR 9,50,000 to 14,00,000 per year", (950_000, 1_400_000, "INR", "year")),
        ("Salary: ¥400,000 – ¥600,000 per month", (400_000, 600_000, "JPY", "month")),
        ("Salary: 400,000 – 600,000 JPY per month", (400_000, 600_000, "JPY", "month")),
        ("Pay: 45,000 EUR per year", (45_000, 45_000, "EUR", "year")),
        ("Pay: EUR 45,000 per year", (45_000, 45_000, "EUR", "year")),
        ("Salary: EUR 4.200 – 4.800 brutto monthly", (4_200, 4_800, "EUR", "month")),
        ("Salary: £50,000 gross per annum", (50_000, 50_000, "GBP", "year")),
        ("Compensation: 120k-140k EUR", (120_000, 140_000, "EUR", "year")),
        ("Salary: 110k to 130k CHF", (110_000, 130_000, "CHF", "year")),
        ("Pay: $120k—$140k", (120_000, 140_000, "USD", "year")),
        ("Pay: $120k – $140k", (120_000, 140_000, "USD", "year")),
        ("Hourly rate: 45–55 USD", (45, 55, "USD", "hour")),
        ("Pay: $30-$35 per hour", (30, 35, "USD", "hour")),
        ("Salary: £400 - £500 per day", (400, 500, "GBP", "day")),
        ("Salary: SEK 40,000/month", (40_000, 40_000, "SEK", "month")),
        ("Lön: 32 000 kr i månaden", (32_000, 32_000, "SEK", "month")),
    ],
)
def test_amounts_in_many_currencies_and_periods(text, expected):
    found = detect_salary(text)
    assert found is not None, text
    assert text[found.start : found.end] == found.text
    assert (found.min, found.max, found.currency, found.period) == expected


@pytest.mark.parametrize("text", ["Role\n\nSalary:\n40,000 - 50,000\n", "Role\n\n**Salary**\n\n40,000 - 50,000 per annum\n"])
def test_a_salary_label_with_the_amount_on_the_next_line(text):
    found = salary_of(text)
    assert found is not None and (found.min, found.max, found.period) == (40_000, 50_000, "year")


@pytest.mark.parametrize("text", ["Pay: up to €70k", "We pay up to $95,000 a year."])
def test_up_to_is_open_ended(text):
    found = detect_salary(text)
    assert found is not None and found.min is None and found.max is not None


@pytest.mark.parametrize(
    "text",
    [
        "Experience with CAD tools; 5000 hours of flight time.",
        "We sell across Europe and raised EUR 12 million last year.",
        "Our payroll platform handles 40,000 payslips a month.",
    ],
)
def test_codes_and_pay_words_without_pay(text):
    assert detect_salary(text) is None
