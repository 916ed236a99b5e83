"""Template branches (issue 15): two versions of a paragraph in branches the build never
prints together are not a duplicate; a real copy still is. Postings written for the test."""

from __future__ import annotations

from assistant.document.template_branches import branches, exclusive

SENTENCE = "Read our hiring guide to learn how every step of the process works for you."
RULE = "clarity/duplicate"


def _duplicates(lint, body: str):
    report = lint("# Map Designer\n\n" + body, "md")
    return [f for f in report.findings if f.rule == RULE]


def test_copies_in_if_and_else_are_alternatives(lint):
    body = f"{{% if page.open %}}\nApply now. {SENTENCE}\n{{% else %}}\nApplications open soon. {SENTENCE}\n{{% endif %}}\n"
    assert _duplicates(lint, body) == []


def test_copies_under_opposite_conditions_are_alternatives(lint):
    body = (
        f"{{% if page.state == 'upcoming' %}}\nSoon open. {SENTENCE}\n{{% endif %}}\n\n"
        f"{{% if page.state != 'upcoming' %}}\nNow open. {SENTENCE}\n{{% endif %}}\n"
    )
    assert _duplicates(lint, body) == []


def test_a_copy_outside_the_branches_is_still_a_duplicate(lint):
    body = f"{{% if page.open %}}\nApply now. {SENTENCE}\n{{% endif %}}\n\nMore about us.\n\n{SENTENCE}\n"
    assert len(_duplicates(lint, body)) == 1


def test_copies_under_unrelated_conditions_are_still_duplicates(lint):
    body = (
        f"{{% if page.remote %}}\nWork anywhere. {SENTENCE}\n{{% endif %}}\n\n"
        f"{{% if page.senior %}}\nLead others. {SENTENCE}\n{{% endif %}}\n"
    )
    assert len(_duplicates(lint, body)) == 1


def test_branches_of_one_block_and_nested_blocks():
    source = "{% if a %}A{% if b %}B{% endif %}{% elsif c %}C{% else %}D{% endif %}{% unless a %}E{% endunless %}"
    found = branches(source)
    at = {ch: source.index(ch, source.index("%}") if ch != "A" else 0) for ch in "ABCDE"}
    assert exclusive(found, at["A"], at["C"]) and exclusive(found, at["C"], at["D"])
    assert exclusive(found, at["B"], at["D"])  # B is inside the first branch
    assert exclusive(found, at["A"], at["E"])  # if a / unless a
    assert not exclusive(found, at["A"], at["B"])


def test_unclosed_blocks_are_not_branches():
    assert branches("{% if a %}never closed") == []


HIDDEN_PAGE = """---
title: Map Designer
state: upcoming
---
# Map Designer

{% if page.state == 'upcoming' %}
Applications open soon. READ
{% endif %}

All staff must hold a valid passport for travel to our partner offices abroad.

{% if page.state != 'upcoming' %}
Applications are open now. READ

All staff must hold a valid passport for travel to our partner offices abroad.

Requirements:
- Ten years of designing maps for print and the web in a busy studio
- Rockstar skills in every mapping tool there is
{% endif %}
"""


def test_a_branch_the_pages_build_does_not_print_has_no_findings_copies_or_requirements(lint):
    text = HIDDEN_PAGE.replace("READ", SENTENCE)
    report = lint(text, "md")
    rules = [f.rule for f in report.findings]
    assert RULE not in rules and "inclusivity/years-of-experience" not in rules
    assert report.metrics["requirements"] == 0
    shown = lint(text.replace("state: upcoming", "state: open"), "md")
    assert {"inclusivity/years-of-experience", RULE} <= {f.rule for f in shown.findings}
    assert shown.metrics["requirements"] == 2


def test_a_value_that_differs_only_in_case_leaves_the_branch_undecided():
    from assistant.document.template_branches import hidden

    source = "{% if page.opens == 'tbd' %}Soon{% endif %}{% if page.state == 'open' %}Now{% endif %}"
    found = branches(source)
    assert hidden(found, {"opens": "TBD", "state": "open"}) == []
    assert hidden(found, {"opens": "2025-01-01", "state": "closed"}) == [(found[0].start, found[0].end), (found[1].start, found[1].end)]
