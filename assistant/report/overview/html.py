"""The report as one HTML page: cards, two SVG charts and tables, from the summary alone.

The page must open anywhere, offline, and run nothing, because it is mailed around and
opened from disk: styles are inline, the charts are drawn here as SVG, every string that
came from a posting or a path is escaped, and a Content-Security-Policy forbids scripts
and remote loads as a second guard.
"""

from __future__ import annotations

import html

from ..._version import __version__
from ...safe_text import clean, shown_path
from .records import CATEGORIES, RANK, flat
from .summary import summarise
from .wording import (
    EXCERPT,
    PAY_NOTE,
    band,
    bucket_label,
    language_name,
    law_label,
    number,
    pay_sentence,
    percent,
    plural,
    severity_words,
)


def _e(value) -> str:
    """Escaped for HTML text and attribute values alike; None is nothing.

    Control characters go first (`safe_text.clean`): HTML forbids most of them, and a
    bidi override would show a posting's words in another order than they are.
    """
    return "" if value is None else html.escape(clean(str(value)), quote=True)


_CSS = """
:root { --ink:#1f2933; --muted:#5f6b7a; --line:#e3e6ea; --paper:#fbfbf9; --card:#ffffff;
  --accent:#3b6e8f; --low:#b5533c; --mid:#c98a2b; --high:#4f8a6e; }
* { box-sizing: border-box; }
body { margin:0; background:var(--paper); color:var(--ink);
  font:15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 32px 24px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; font-weight: 600; }
h2 { font-size: 19px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); font-weight: 600; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p, li { color: var(--ink); }
.muted, .path { color: var(--muted); }
.path { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 20px 0 8px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; min-width: 140px; }
.card b { display: block; font-size: 24px; font-weight: 600; }
.card span { color: var(--muted); font-size: 13px; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600; }
table.facts { width: auto; min-width: 420px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr:last-child td { border-bottom: 0; }
.low { color: var(--low); font-weight: 600; } .mid { color: var(--mid); font-weight: 600; } .high { color: var(--high); }
.sev { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 9px; margin-right: 4px; }
.sev-error { background: #fbe9e5; color: #9b3a26; } .sev-warning { background: #fcf1dc; color: #85591a; }
.sev-info { background: #e6eef5; color: #335d80; }
.rule { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.excerpt { color: var(--muted); font-style: italic; }
ol.top { margin: 0; padding-left: 18px; } ol.top li { margin-bottom: 4px; }
details { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; margin: 8px 0; }
summary { cursor: pointer; font-weight: 600; }
.tag { font-size: 11px; padding: 1px 7px; border-radius: 9px; margin-left: 6px; font-weight: 500; }
.tag-force { background: #fbe9e5; color: #9b3a26; } .tag-later { background: #eef0f3; color: var(--muted); }
svg.chart { display: block; max-width: 100%; height: auto; background: var(--card); border: 1px solid var(--line); border-radius: 8px; margin: 8px 0 16px; }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #5f6b7a; }
footer { margin-top: 48px; color: var(--muted); font-size: 12px; }
"""

_BAR = {"inclusivity": "#8a6fa8", "clarity": "#3b6e8f", "completeness": "#4f8a6e"}
_BUCKET = ["#b5533c"] * 5 + ["#c98a2b"] * 2 + ["#7fa68a"] + ["#4f8a6e"] * 2


def to_html(summary: dict | None, records: list[dict] | None = None) -> str:
    """The report as one HTML file that opens anywhere, offline, and runs nothing.

    All that is shown comes from the summary (made from `records` when it is None),
    so the page stays the same size whatever the number of postings. Every string
    that came from a posting or a path is escaped; a Content-Security-Policy forbids
    scripts and remote loads as a second guard.
    """
    if summary is None:
        summary = summarise(records or [])
    body = [
        _html_head(summary),
        _html_scores(summary),
        _html_findings(summary),
        _html_pay(summary),
        _html_worst(summary),
        _html_rewrite(summary),
        _html_non_english(summary),
        _html_errors(summary),
        f'<footer>Made by posting-assistant {_e(__version__)}. {_e(PAY_NOTE)}</footer>',
    ]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>Posting review</title>\n<style>" + _CSS + "</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(part for part in body if part)
        + "\n</main>\n</body>\n</html>\n"
    )


def _html_head(summary: dict) -> str:
    c = summary["counts"]
    overall = summary["scores"]["overall"]
    cards = [
        (c["postings"], "postings"),
        (c["ok"], "linted"),
        (c["errors"], "could not be read"),
        (summary["pay"]["without_pay"], "without pay"),
        (summary["pay"]["under_law"], "without pay where a law requires it"),
        (c["non_english"], "not in English"),
        (number(overall["median"]), "median overall score"),
    ]
    severities = severity_words(c["severities"], " · ")
    return (
        "<h1>Posting review</h1>\n"
        f'<p class="muted">{plural(c["postings"], "posting")}, '
        f"{plural(c['findings'], 'finding')} ({_e(severities)}).</p>\n"
        '<div class="cards">'
        + "".join(f'<div class="card"><b>{_e(value)}</b><span>{_e(label)}</span></div>' for value, label in cards)
        + "</div>"
    )


def _html_scores(summary: dict) -> str:
    scores = summary["scores"]
    out = ['<h2 id="scores">Scores</h2>']
    if not scores["overall"]["count"]:
        out.append('<p class="muted">No posting was scored.</p>')
        return "\n".join(out)
    out.append(_svg_histogram(scores["overall"]["histogram"]))
    out.append('<table><thead><tr><th>Category</th><th class="num">Median</th><th class="num">Mean</th>'
               '<th class="num">Lowest</th><th class="num">Highest</th></tr></thead><tbody>')
    for category in CATEGORIES:
        d = scores[category]
        out.append(
            f"<tr><td>{_e(category)}</td><td class=\"num {band(d['median'])}\">{number(d['median'])}</td>"
            f"<td class=\"num\">{number(d['mean'])}</td><td class=\"num\">{number(d['min'])}</td>"
            f"<td class=\"num\">{number(d['max'])}</td></tr>"
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _svg_histogram(histogram: list[int]) -> str:
    width, height, left, top, bottom = 640, 230, 20, 24, 34
    plot = height - top - bottom
    step = (width - 2 * left) / len(histogram)
    peak = max(histogram) or 1
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        'aria-label="How many postings scored in each band of ten, overall">'
    ]
    parts.append(f'<line x1="{left}" y1="{top + plot}" x2="{width - left}" y2="{top + plot}" stroke="#cfd4da"/>')
    for i, n in enumerate(histogram):
        h = plot * n / peak
        x = left + i * step + 4
        y = top + plot - h
        label = bucket_label(i)
        if n:
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{step - 8:.1f}" height="{h:.1f}" rx="3" fill="{_BUCKET[i]}"/>')
            parts.append(f'<text x="{x + (step - 8) / 2:.1f}" y="{y - 5:.1f}" text-anchor="middle">{n}</text>')
        parts.append(f'<text x="{x + (step - 8) / 2:.1f}" y="{height - 12}" text-anchor="middle">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _html_findings(summary: dict) -> str:
    findings = summary["findings"]
    linted = summary["counts"]["ok"]
    out = ['<h2 id="findings">Most frequent findings</h2>']
    if not findings["top"]:
        out.append('<p class="muted">No findings.</p>')
        return "\n".join(out)
    out.append(_svg_bars(findings["top"]))
    out.append('<table><thead><tr><th>Rule</th><th>Category</th><th>Severity</th><th class="num">Postings</th>'
               '<th class="num">Share</th><th class="num">Findings</th></tr></thead><tbody>')
    for row in findings["top"]:
        out.append(
            f'<tr><td class="rule">{_e(row["rule"])}</td><td>{_e(row["category"])}</td>'
            f"<td>{_sev(row['severity'])}</td><td class=\"num\">{row['postings']}</td>"
            f"<td class=\"num\">{percent(row['postings'], linted)}</td><td class=\"num\">{row['findings']}</td></tr>"
        )
    out.append("</tbody></table>")
    if findings["more"]:
        out.append(f'<p class="muted">…and {plural(findings["more"], "more rule")} with fewer postings.</p>')
    return "\n".join(out)


def _svg_bars(rows: list[dict]) -> str:
    row_h, label_w, bar_w, width = 24, 250, 320, 640
    height = row_h * len(rows) + 16
    peak = max(r["postings"] for r in rows) or 1
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        'aria-label="Postings affected by the most frequent findings">'
    ]
    for i, r in enumerate(rows):
        y = 8 + i * row_h
        w = max(bar_w * r["postings"] / peak, 2)
        colour = _BAR.get(r["category"], "#7b8794")
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{_e(flat(r["rule"], 40))}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" rx="3" fill="{colour}"/>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 15}">{r["postings"]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _sev(severity) -> str:
    name = severity if severity in RANK else "info"
    return f'<span class="sev sev-{name}">{_e(severity or "?")}</span>'


def _posting_cell(entry: dict) -> str:
    title = _e(flat(entry.get("title"), EXCERPT)) if entry.get("title") else '<span class="muted">(no title)</span>'
    return f'{title}<div class="path">{_e(shown_path(entry["path"]))}</div>'


def _html_pay(summary: dict) -> str:
    pay = summary["pay"]
    linted = summary["counts"]["ok"]
    out = ['<h2 id="pay">Postings without pay</h2>']
    if not pay["without_pay"]:
        out.append(f'<p class="muted">{"Every linted posting states pay." if linted else "No posting was linted."}</p>')
        return "\n".join(out)
    out.append(f"<p>{_e(pay_sentence(pay, linted))}</p>")
    for group in pay["groups"]:
        if group["law"] is None:
            tag = ""
        elif group["in_force"]:
            tag = '<span class="tag tag-force">in force</span>'
        else:
            tag = '<span class="tag tag-later">not yet in force</span>'
        items = "".join(
            f'<li>{_posting_cell(p)}</li>' for p in group["items"]
        )
        more = f'<p class="muted">…and {group["more"]} more.</p>' if group["more"] else ""
        out.append(
            f"<details><summary>{_e(law_label(group))}{tag} · {plural(group['total'], 'posting')}</summary>"
            f"<ul>{items}</ul>{more}</details>"
        )
    return "\n".join(out)



def _html_worst(summary: dict) -> str:
    worst = summary["worst"]
    out = ['<h2 id="worst">Postings to fix first</h2>']
    if not worst["items"]:
        out.append('<p class="muted">No posting was scored.</p>')
        return "\n".join(out)
    out.append('<table><thead><tr><th class="num">#</th><th>Posting</th><th class="num">Overall</th>'
               '<th class="num">Incl.</th><th class="num">Clarity</th><th class="num">Compl.</th>'
               "<th>Top findings</th></tr></thead><tbody>")
    for rank, entry in enumerate(worst["items"], 1):
        s = entry["scores"]
        tops = "".join(_html_finding(f) for f in entry["top"])
        out.append(
            f'<tr><td class="num">{rank}</td><td>{_posting_cell(entry)}</td>'
            f'<td class="num {band(s["overall"])}">{number(s["overall"])}</td>'
            + "".join(f'<td class="num">{number(s[c])}</td>' for c in CATEGORIES[:3])
            + f'<td><ol class="top">{tops}</ol></td></tr>'
        )
    out.append("</tbody></table>")
    if worst["more"]:
        out.append(f'<p class="muted">{worst["more"]} more scored postings are not shown.</p>')
    return "\n".join(out)


def _html_finding(f: dict) -> str:
    where = f" (line {_e(f['line'])})" if f.get("line") else ""
    excerpt = f'<div class="excerpt">“{_e(flat(f["excerpt"], EXCERPT))}”</div>' if f.get("excerpt") else ""
    return (
        f'<li>{_sev(f.get("severity"))}<span class="rule">{_e(f.get("rule"))}</span>{where}'
        f"<div>{_e(flat(f.get('message'), EXCERPT * 2))}</div>{excerpt}</li>"
    )


def _html_rewrite(summary: dict) -> str:
    rw = summary["rewrite"]
    if not rw:
        return ""
    rows = [
        ("Postings rewritten", rw["postings"]),
        ("Edits accepted", rw["accepted"]),
        ("Edits refused", rw["refused"]),
        ("Overall improved / unchanged / lower", f"{rw['improved']} / {rw['unchanged']} / {rw['worse']}"),
        ("Model requests", rw["requests"]),
        ("Tokens (prompt / completion)", f"{rw['prompt_tokens']} / {rw['completion_tokens']}"),
    ]
    out = ['<h2 id="rewrite">Rewrites</h2><table class="facts"><tbody>']
    out.extend(f'<tr><td>{_e(label)}</td><td class="num">{_e(value)}</td></tr>' for label, value in rows)
    out.append("</tbody></table>")
    if rw["change"]:
        out.append('<h3>Mean scores before and after</h3><table><thead><tr><th>Category</th><th class="num">Before</th>'
                   '<th class="num">After</th><th class="num">Change</th></tr></thead><tbody>')
        for c in CATEGORIES:
            out.append(
                f"<tr><td>{c}</td><td class=\"num\">{number(rw['scores_before'][c])}</td>"
                f"<td class=\"num\">{number(rw['scores_after'][c])}</td><td class=\"num\">{rw['change'][c]:+.1f}</td></tr>"
            )
        out.append("</tbody></table>")
    return "\n".join(out)


def _html_non_english(summary: dict) -> str:
    listed = summary["non_english"]
    if not listed["total"]:
        return ""
    out = [
        '<h2 id="languages">Not in English</h2>',
        "<p>These postings got only the rules that work in any language (structure, pay, place, length); "
        "their scores are not comparable with the English ones.</p>",
        '<table><thead><tr><th>Posting</th><th>Language</th><th class="num">Overall</th></tr></thead><tbody>',
    ]
    for p in listed["items"]:
        out.append(f'<tr><td>{_posting_cell(p)}</td><td>{_e(language_name(p["language"]))}</td>'
                   f'<td class="num">{number(p["overall"])}</td></tr>')
    out.append("</tbody></table>")
    if listed["more"]:
        out.append(f'<p class="muted">…and {listed["more"]} more.</p>')
    return "\n".join(out)


def _html_errors(summary: dict) -> str:
    errors = summary["errors"]
    if not errors["total"]:
        return ""
    out = ['<h2 id="errors">Could not be linted</h2>',
           "<table><thead><tr><th>Path</th><th>Error</th></tr></thead><tbody>"]
    out.extend(f'<tr><td class="path">{_e(shown_path(e["path"]))}</td><td>{_e(e["error"])}</td></tr>' for e in errors["items"])
    out.append("</tbody></table>")
    if errors["more"]:
        out.append(f'<p class="muted">…and {errors["more"]} more.</p>')
    return "\n".join(out)
