"""The report as Markdown, for a wiki page, a pull request or a terminal.

The same sections as the HTML page, in the same order, from the same summary. Text from
a posting goes through the lint Markdown's own escaping (`report.markdown.text` and
`cell_code`), so a title cannot break a table, start a heading or ping anyone.
"""

from __future__ import annotations

from ..._version import __version__
from ..markdown import cell_code
from ..markdown import text as md_text
from .records import CATEGORIES, flat
from .summary import summarise
from .wording import (
    EXCERPT,
    PAY_NOTE,
    bucket_label,
    language_name,
    law_label,
    number,
    pay_sentence,
    percent,
    plural,
    severity_words,
)


def _md(value, limit: int | None = EXCERPT) -> str:
    """Posting text for a Markdown line or table cell: one line, markup escaped."""
    return md_text(flat(value, limit))


def _md_posting(entry: dict) -> str:
    title = _md(entry.get("title")) if entry.get("title") else "_(no title)_"
    return f"{title} — {cell_code(entry['path'])}"


def to_markdown(summary: dict | None, records: list[dict] | None = None) -> str:
    """The same report as Markdown, for a wiki page, a pull request or a terminal."""
    if summary is None:
        summary = summarise(records or [])
    sections = [
        _md_head(summary), _md_scores(summary), _md_findings(summary), _md_pay(summary),
        _md_worst(summary), _md_rewrite(summary), _md_non_english(summary), _md_errors(summary),
        f"---\n\n_Made by posting-assistant {__version__}. {md_text(PAY_NOTE)}_",
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def _md_head(summary: dict) -> str:
    c = summary["counts"]
    pay = summary["pay"]
    return (
        "# Posting review\n\n"
        f"**{c['postings']} postings** · {c['ok']} linted · {c['errors']} could not be read · "
        f"{pay['without_pay']} without pay ({pay['under_law']} where a law requires it) · "
        f"{c['non_english']} not in English · median overall {number(summary['scores']['overall']['median'])}\n\n"
        f"{plural(c['findings'], 'finding')}: " + severity_words(c["severities"], ", ")
    )


def _md_scores(summary: dict) -> str:
    scores = summary["scores"]
    if not scores["overall"]["count"]:
        return "## Scores\n\nNo posting was scored."
    lines = ["## Scores", "", "| Category | Median | Mean | Lowest | Highest |", "| --- | ---: | ---: | ---: | ---: |"]
    for c in CATEGORIES:
        d = scores[c]
        lines.append(f"| {c} | {number(d['median'])} | {number(d['mean'])} | {number(d['min'])} | {number(d['max'])} |")
    histogram = scores["overall"]["histogram"]
    peak = max(histogram) or 1
    lines += ["", "Overall score distribution:", "", "| Score | Postings | |", "| --- | ---: | --- |"]
    for i, n in enumerate(histogram):
        label = bucket_label(i)
        lines.append(f"| {label} | {n} | {'█' * round(30 * n / peak)} |")
    return "\n".join(lines)


def _md_findings(summary: dict) -> str:
    findings = summary["findings"]
    linted = summary["counts"]["ok"]
    if not findings["top"]:
        return "## Most frequent findings\n\nNo findings."
    lines = ["## Most frequent findings", "", "| Rule | Category | Severity | Postings | Share | Findings |",
             "| --- | --- | --- | ---: | ---: | ---: |"]
    for r in findings["top"]:
        lines.append(f"| {cell_code(r['rule'])} | {_md(r['category'])} | {_md(r['severity'])} | {r['postings']} | "
                     f"{percent(r['postings'], linted)} | {r['findings']} |")
    if findings["more"]:
        lines += ["", f"…and {findings['more']} more rules with fewer postings."]
    return "\n".join(lines)


def _md_pay(summary: dict) -> str:
    pay = summary["pay"]
    linted = summary["counts"]["ok"]
    if not pay["without_pay"]:
        return "## Postings without pay\n\n" + ("Every linted posting states pay." if linted else "No posting was linted.")
    lines = [
        "## Postings without pay", "",
        md_text(pay_sentence(pay, linted)),
    ]
    for group in pay["groups"]:
        state = "" if group["law"] is None else " (in force)" if group["in_force"] else " (not yet in force)"
        lines += ["", f"### {_md(law_label(group), None)}{state} · {plural(group['total'], 'posting')}", ""]
        lines += [f"- {_md_posting(p)}" for p in group["items"]]
        if group["more"]:
            lines.append(f"- …and {group['more']} more")
    return "\n".join(lines)


def _md_worst(summary: dict) -> str:
    worst = summary["worst"]
    if not worst["items"]:
        return "## Postings to fix first\n\nNo posting was scored."
    lines = ["## Postings to fix first", "", "| # | Posting | Overall | Incl. | Clarity | Compl. | Top findings |",
             "| ---: | --- | ---: | ---: | ---: | ---: | --- |"]
    for rank, e in enumerate(worst["items"], 1):
        s = e["scores"]
        tops = "<br>".join(
            f"**{_md(f.get('severity'))}** {cell_code(flat(f.get('rule')))}: {_md(f.get('message'), EXCERPT * 2)}"
            + (f" “{_md(f.get('excerpt'), 60)}”" if f.get("excerpt") else "")
            for f in e["top"]
        )
        lines.append(f"| {rank} | {_md_posting(e)} | {number(s['overall'])} | "
                     + " | ".join(number(s[c]) for c in CATEGORIES[:3]) + f" | {tops} |")
    if worst["more"]:
        lines += ["", f"{worst['more']} more scored postings are not shown."]
    return "\n".join(lines)


def _md_rewrite(summary: dict) -> str:
    rw = summary["rewrite"]
    if not rw:
        return ""
    lines = [
        "## Rewrites", "",
        f"{plural(rw['postings'], 'posting')} rewritten: {plural(rw['accepted'], 'edit')} accepted, {rw['refused']} refused; "
        f"overall improved in {rw['improved']}, unchanged in {rw['unchanged']}, lower in {rw['worse']}. "
        f"{plural(rw['requests'], 'model request')}, {rw['prompt_tokens']} prompt and {rw['completion_tokens']} completion tokens.",
    ]
    if rw["change"]:
        lines += ["", "| Category | Before | After | Change |", "| --- | ---: | ---: | ---: |"]
        lines += [f"| {c} | {number(rw['scores_before'][c])} | {number(rw['scores_after'][c])} | {rw['change'][c]:+.1f} |"
                  for c in CATEGORIES]
    return "\n".join(lines)


def _md_non_english(summary: dict) -> str:
    listed = summary["non_english"]
    if not listed["total"]:
        return ""
    lines = ["## Not in English", "",
             "These postings got only the rules that work in any language (structure, pay, place, length).", "",
             "| Posting | Language | Overall |", "| --- | --- | ---: |"]
    lines += [f"| {_md_posting(p)} | {_md(language_name(p['language']))} | {number(p['overall'])} |" for p in listed["items"]]
    if listed["more"]:
        lines += ["", f"…and {listed['more']} more."]
    return "\n".join(lines)


def _md_errors(summary: dict) -> str:
    errors = summary["errors"]
    if not errors["total"]:
        return ""
    lines = ["## Could not be linted", "", "| Path | Error |", "| --- | --- |"]
    lines += [f"| {cell_code(e['path'])} | {_md(e['error'], None)} |" for e in errors["items"]]
    if errors["more"]:
        lines += ["", f"…and {errors['more']} more."]
    return "\n".join(lines)
