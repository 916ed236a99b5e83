"""rubrics/pay-laws.toml: every entry well-formed, cited, and checked recently enough.

The freshness test is meant to fail one day: when an entry was last checked more than
12 months before today (`--as-of`'s default), the table is rotting, and the README's
"Pay-transparency laws" section says how to check and update it.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from assistant.resources import data_dir
from assistant.rubric import laws
from assistant.rubric.loader import RubricError, RuleSet, load_file, load_rubrics

LAWS_FILE = data_dir("rubrics") / "pay-laws.toml"

# The jurisdictions issue 16 asks for, by id.
REQUIRED = {
    "us-co", "us-ca", "us-wa", "us-ny", "us-hi", "us-md", "us-il", "us-mn", "us-nj", "us-vt", "us-ma", "us-dc",
    "us-va", "us-me", "us-de", "us-nyc", "us-nj-jersey-city", "us-ny-ithaca", "us-ny-westchester",
    "us-ny-albany", "us-oh-cleveland", "us-oh-columbus", "ca-bc", "ca-pe", "ca-on", "ca-nl", "eu", "eu-it",
    "eu-lt", "eu-pl", "eu-sk", "eu-mt", "at", "uk",
}


@pytest.fixture(scope="module")
def shipped():
    return load_rubrics([data_dir("rubrics")]).laws


def test_every_required_jurisdiction_has_an_entry(shipped):
    ids = [law.id for law in shipped]
    assert len(ids) == len(set(ids))
    assert set(ids) >= REQUIRED, sorted(REQUIRED - set(ids))


def test_no_entry_was_last_checked_more_than_twelve_months_ago(shipped):
    today = dt.date.today()  # `lint --as-of`'s default
    old = laws.stale(shipped, today)
    assert not old, (
        "pay-law entries not checked for over 12 months (README: Pay-transparency laws): "
        + ", ".join(f"{law.id} ({law.last_checked})" for law in old)
    )


def test_stale_counts_twelve_calendar_months():
    law = laws.Law(id="x", last_checked=dt.date(2025, 3, 1))
    assert laws.stale([law], dt.date(2026, 3, 1)) == []
    assert laws.stale([law], dt.date(2026, 3, 2)) == [law]
    leap = laws.Law(id="y", last_checked=dt.date(2024, 2, 29))
    assert laws.stale([leap], dt.date(2025, 2, 28)) == []


def test_every_entry_is_cited_and_dated(shipped):
    for law in shipped:
        assert law.citation and law.url.startswith("https://"), law.id
        assert law.last_checked == dt.date(2026, 12, 3), law.id  # the date of the table encoded
        assert law.effective is not None or law.status, law.id
        if law.pay_in in ("posting", "before-interview"):
            assert law.message and not law.message.endswith("."), law.id  # a finding's sentence goes on


def test_unconfirmed_facts_are_said_in_the_entry(shipped):
    by_id = {law.id: law for law in shipped}
    assert by_id["us-me"].date_confidence == "unconfirmed" and by_id["us-me"].unconfirmed
    assert by_id["ca-nl"].confidence == "unconfirmed" and by_id["ca-nl"].effective is None
    assert by_id["eu-sk"].confidence == "unconfirmed"
    assert by_id["us-ny-albany"].employees is None  # the size threshold is not known
    assert "200,000" in by_id["ca-on"].unconfirmed


def test_the_entries_say_what_the_table_says(shipped):
    by_id = {law.id: law for law in shipped}
    assert by_id["us-oh-columbus"].effective == dt.date(2025, 12, 3)
    assert by_id["us-oh-columbus"].enforced == dt.date(2027, 1, 1)
    assert by_id["us-va"].effective == dt.date(2026, 7, 1)
    assert by_id["us-de"].effective == dt.date(2027, 9, 26)
    assert by_id["ca-on"].max_width == 50000 and by_id["ca-on"].width_below == 200000 and by_id["ca-on"].employees == 25
    assert by_id["eu"].pay_in == "before-interview"
    assert by_id["eu-pl"].pay_in == "before-interview" and by_id["eu-mt"].pay_in == "before-interview"
    assert by_id["eu-it"].pay_in == "posting" and by_id["eu-lt"].pay_in == "posting"
    assert by_id["at"].effective == dt.date(2011, 3, 1) and "min-pay" in by_id["at"].requires
    assert by_id["uk"].pay_in == "none"
    assert {law.id for law in shipped if law.open_ended == "forbidden"} == {"us-co", "us-mn", "us-nyc", "ca-bc"}
    assert {law.id for law in shipped if law.remote == "covered"} == {"us-co", "us-ca", "us-wa", "ca-bc", "eu"}


def test_laws_in_force_follow_the_date(shipped):
    before = {law.id for law in laws.in_force(shipped, dt.date(2026, 6, 30))}
    after = {law.id for law in laws.in_force(shipped, dt.date(2026, 7, 1))}
    assert "us-va" not in before and "us-va" in after
    assert "ca-nl" not in after and "us-de" not in after
    assert "ca-on" in before and "ca-on" not in {law.id for law in laws.in_force(shipped, dt.date(2025, 12, 31))}


def test_completeness_toml_holds_rules_only():
    data = tomllib.loads((data_dir("rubrics") / "completeness.toml").read_text(encoding="utf-8"))
    assert "law" not in data


GOOD = """
[remote]
US = ['\\bRemote US\\b']

[[law]]
id = "us-zz"
name = "Zedland pay law"
jurisdiction = "Zedland, US"
country = "US"
citation = "Zed. Code § 1"
url = "https://example.org/zed"
effective = 2024-01-01
pay_in = "posting"
message = "requires a range in the posting"
summary = "A range."
places = ['\\bZedland\\b']
confidence = "seen"
last_checked = 2026-12-03
"""


def _load(tmp_path: Path, text: str) -> RuleSet:
    path = tmp_path / "laws.toml"
    path.write_text(text, encoding="utf-8")
    ruleset = RuleSet()
    load_file(path, ruleset)
    return ruleset


def test_a_good_entry_loads(tmp_path):
    (law,) = _load(tmp_path, GOOD).laws
    assert (law.id, law.effective, law.remote, law.open_ended, law.date_confidence) == (
        "us-zz", dt.date(2024, 1, 1), "unknown", "not said", "seen",
    )


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("confidence = \"seen\"", "confidence = \"sure\""), "'confidence' must be one of"),
        (("effective = 2024-01-01", "effective = \"soon\""), "'effective' must be a date"),
        (("effective = 2024-01-01", ""), "needs a 'status'"),
        (("message = \"requires a range in the posting\"", ""), "needs a 'message'"),
        (("pay_in = \"posting\"", "pay_in = \"posting\"\nrequires = [\"salary\"]"), "unknown requirement"),
        (("pay_in = \"posting\"", "pay_in = \"posting\"\nremote = \"covered\"\ncountry2 = 1"), "unknown key"),
        (("country = \"US\"", "country = \"XX\"\nremote = \"covered\""), "no [remote] patterns for 'XX'"),
        (("places = ['\\bZedland\\b']", "places = ['(Zedland']"), "bad regular expression"),
        (("effective = 2024-01-01", "effective = 2024-01-01\nenforced = 2023-01-01"), "'enforced' must come on or after"),
    ],
)
def test_mistakes_in_an_entry_are_named(tmp_path, change, said):
    with pytest.raises(RubricError) as err:
        _load(tmp_path, GOOD.replace(*change))
    assert said in str(err.value) and "us-zz" in str(err.value)


def test_a_duplicate_id_in_one_file_is_refused(tmp_path):
    twice = GOOD + GOOD[GOOD.index("[[law]]"):]
    with pytest.raises(RubricError, match="duplicate id"):
        _load(tmp_path, twice)


def test_a_later_folder_updates_a_shipped_law_by_id(tmp_path):
    updated = GOOD.replace('id = "us-zz"', 'id = "us-co"').replace("2024-01-01", "2030-01-01")
    (tmp_path / "laws.toml").write_text(updated, encoding="utf-8")
    merged = load_rubrics([data_dir("rubrics"), tmp_path]).laws
    colorado = [law for law in merged if law.id == "us-co"]
    assert len(colorado) == 1 and colorado[0].effective == dt.date(2030, 1, 1)
