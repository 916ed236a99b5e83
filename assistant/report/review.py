"""The report at the end of a batch review: where a whole job board stands.

It reads the records `review --out` writes (docs/review-records.md), one dict per
posting, and says what a recruiting team acts on: how the scores spread, which
findings come back most, which postings state no pay where a law asks for it, and
which postings to fix first. One summary feeds three renderings: a self-contained
HTML page, Markdown, and a CSV with a row per posting for spreadsheets.

Nothing here needs more than the standard library, so a report costs no start-up time, and
every list on the page is capped, so ten thousand postings make a page as light as
ten.

"Without pay" means that no pay figure was found in the posting (`facts.salary` is
null). The completeness/salary finding is not the test on its own: that rule is also
satisfied by a compensation section, and job boards leave "Salary Range:" headings
whose figures were blanked out, which state no pay. A completeness/salary finding
always counts as "without pay" (it also covers records whose facts lack the key).
"""

from __future__ import annotations

import csv
import heapq
import html
import io
from pathlib import Path

from .._version import __version__
from ..safe_text import clean, one_line, shown_path
from .markdown import cell_code
from .markdown import text as md_text

CATEGORIES = ("inclusivity", "clarity", "completeness", "overall")
SEVERITIES = ("error", "warning", "info")
_RANK = {"error": 2, "warning": 1, "info": 0}
_LANGUAGES = {
    "en": "English", "de": "German", "es": "Spanish", "fr": "French", "sv": "Swedish",
    "ja": "Japanese", "ko": "Korean", "zh": "Chinese",
}

TOP_FINDINGS = 20  # rules in the findings table and chart
WORST = 25  # postings in the worst-postings table
LISTED = 50  # postings named per pay group, and in the non-English and error lists
EXCERPT = 120  # characters of an excerpt or message shown in a table

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".csv": "csv"}


# ---------------------------------------------------------------- reading records


def _result(record: dict) -> dict | None:
    """The lint result, or None when the posting could not be linted.

    A record claiming "ok" without a result is counted as an error too: the report
    would otherwise show a posting it knows nothing about.
    """
    result = record.get("result")
    if record.get("status", "ok") != "ok" or not isinstance(result, dict):
        return None
    return result


def _path(record: dict) -> str:
    result = record.get("result") if isinstance(record.get("result"), dict) else {}
    return str(record.get("path") or result.get("path") or "?")


def _error_line(record: dict) -> str:
    return _flat(record.get("error"), 400) or "no lint result in the record"


def _findings(result: dict) -> list[dict]:
    return [f for f in result.get("findings") or () if isinstance(f, dict)]


def _overall(result: dict):
    value = (result.get("scores") or {}).get("overall")
    return value if isinstance(value, (int, float)) else None


def has_pay(result: dict) -> bool:
    """Whether the posting states pay (see the module docstring for why the fact decides)."""
    if any(f.get("rule") == "completeness/salary" for f in _findings(result)):
        return False
    return bool((result.get("facts") or {}).get("salary"))


def _laws(result: dict) -> list[tuple[str, str, bool]]:
    """(law, jurisdiction, in force) for each law the posting's places bring in, once each."""
    seen: dict[tuple[str, str], bool] = {}
    for law in (result.get("facts") or {}).get("pay_transparency") or ():
        if isinstance(law, dict) and law.get("law"):
            key = (str(law["law"]), str(law.get("jurisdiction") or ""))
            seen[key] = seen.get(key, False) or bool(law.get("applies"))
    return [(law, place, applies) for (law, place), applies in seen.items()]


def _severity_counts(findings: list[dict]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        if f.get("severity") in counts:
            counts[f["severity"]] += 1
    return counts


def _count(value) -> int:
    """Edits come as lists in a rewrite object; a count is accepted as well."""
    if isinstance(value, (list, tuple)):
        return len(value)
    return value if isinstance(value, int) else 0


def _flat(value, limit: int | None = None) -> str:
    """One line of text, clipped: tables and charts have no room for a posting's line breaks."""
    if value is None:
        return ""
    flat = " ".join(str(value).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


class _Capped:
    """A list that keeps its first `cap` items but counts them all."""

    __slots__ = ("cap", "items", "total")

    def __init__(self, cap: int):
        self.cap = cap
        self.items: list = []
        self.total = 0

    def add(self, item) -> None:
        self.total += 1
        if len(self.items) < self.cap:
            self.items.append(item)

    def as_dict(self) -> dict:
        return {"total": self.total, "items": self.items, "more": self.total - len(self.items)}


# ---------------------------------------------------------------- the summary


def summarise(records: list[dict], *, top: int = TOP_FINDINGS, worst: int = WORST, listed: int = LISTED) -> dict:
    """Everything the report shows, in one pass over the records, as plain JSON-able data.

    Lists are capped here (`top`, `worst`, `listed`) with their full counts kept, so
    each rendering stays small and can say how many it leaves out.
    """
    records = list(records)
    counts = {
        "postings": len(records), "ok": 0, "errors": 0, "non_english": 0, "rewritten": 0,
        "findings": 0, "severities": dict.fromkeys(SEVERITIES, 0), "languages": {},
    }
    values: dict[str, list] = {c: [] for c in CATEGORIES}
    rules: dict[str, dict] = {}
    pay = _PayGroups(listed)
    non_english = _Capped(listed)
    errors = _Capped(listed)
    rewrites = _RewriteTotals()
    ranked: list[tuple] = []

    for index, record in enumerate(records):
        path = _path(record)
        if isinstance(record.get("rewrite"), dict):
            rewrites.add(record["rewrite"])
        result = _result(record)
        if result is None:
            counts["errors"] += 1
            errors.add({"path": path, "error": _error_line(record)})
            continue
        counts["ok"] += 1
        language = str(result.get("language") or "unknown")
        counts["languages"][language] = counts["languages"].get(language, 0) + 1
        title = result.get("title")
        overall = _overall(result)
        if language not in ("en", "unknown"):
            non_english.add({"path": path, "title": title, "language": language, "overall": overall})
        findings = _findings(result)
        severities = _severity_counts(findings)
        counts["findings"] += len(findings)
        for name, n in severities.items():
            counts["severities"][name] += n
        _tally_rules(rules, findings)
        scores = result.get("scores") or {}
        for category in CATEGORIES:
            if isinstance(scores.get(category), (int, float)):
                values[category].append(scores[category])
        if not has_pay(result):
            pay.add(result, {"path": path, "title": title, "overall": overall})
        if overall is not None:
            # Lowest overall first; among equals, the one with more errors, then more findings.
            ranked.append((overall, -severities["error"], -len(findings), index))

    counts["non_english"] = non_english.total
    counts["rewritten"] = rewrites.postings
    counts["languages"] = dict(sorted(counts["languages"].items(), key=lambda kv: (-kv[1], kv[0])))
    ordered_rules = sorted(rules.items(), key=lambda kv: (-kv[1]["postings"], -kv[1]["findings"], kv[0]))
    return {
        "counts": counts,
        "scores": {c: _distribution(values[c]) for c in CATEGORIES},
        "findings": {
            "rules": len(ordered_rules),
            "top": [{"rule": rule, **data} for rule, data in ordered_rules[:top]],
            "more": max(0, len(ordered_rules) - top),
        },
        "pay": pay.as_dict(counts["ok"]),
        "worst": {
            "items": [_worst_entry(records[i]) for *_, i in heapq.nsmallest(worst, ranked)],
            "more": max(0, len(ranked) - worst),
        },
        "rewrite": rewrites.as_dict(),
        "non_english": non_english.as_dict(),
        "errors": errors.as_dict(),
    }


def _tally_rules(rules: dict[str, dict], findings: list[dict]) -> None:
    """Per rule: postings affected, findings in all, and the gravest severity it was given."""
    seen: set[str] = set()
    for f in findings:
        rule = str(f.get("rule") or "?")
        entry = rules.get(rule)
        if entry is None:
            entry = rules[rule] = {"category": f.get("category") or rule.split("/")[0], "severity": f.get("severity"), "postings": 0, "findings": 0}
        entry["findings"] += 1
        if _RANK.get(f.get("severity"), -1) > _RANK.get(entry["severity"], -1):
            entry["severity"] = f.get("severity")
        if rule not in seen:
            seen.add(rule)
            entry["postings"] += 1


def _distribution(values: list) -> dict:
    """Buckets of ten (the last one holds 100 as well), median and mean; None when empty."""
    histogram = [0] * 10
    for v in values:
        histogram[min(max(int(v) // 10, 0), 9)] += 1
    if not values:
        return {"count": 0, "histogram": histogram, "median": None, "mean": None, "min": None, "max": None}
    ordered = sorted(values)
    mid = len(ordered) // 2
    median = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    return {
        "count": len(values),
        "histogram": histogram,
        "median": median,
        "mean": round(sum(values) / len(values), 1),
        "min": ordered[0],
        "max": ordered[-1],
    }


def top_findings(result: dict, n: int = 3) -> list[dict]:
    """The `n` findings to read first: gravest severity, one per rule, in text order.

    One per rule, because three "missing section" findings of the same rule say
    less than three different problems.
    """
    findings = _findings(result)
    order = sorted(range(len(findings)), key=lambda i: (-_RANK.get(findings[i].get("severity"), -1), i))
    picked, rules = [], set()
    for i in order:
        f = findings[i]
        if f.get("rule") in rules:
            continue
        rules.add(f.get("rule"))
        picked.append({k: f.get(k) for k in ("rule", "severity", "message", "excerpt", "line")})
        if len(picked) == n:
            break
    return picked


def _worst_entry(record: dict) -> dict:
    result = record["result"]
    findings = _findings(result)
    return {
        "path": _path(record),
        "title": result.get("title"),
        "language": result.get("language"),
        "scores": {c: (result.get("scores") or {}).get(c) for c in CATEGORIES},
        "findings": len(findings),
        "severities": _severity_counts(findings),
        "top": top_findings(result),
    }


class _PayGroups:
    """Postings without pay, under each pay-transparency law their places bring in.

    A posting that names several places appears under each law; `under_law` counts
    each posting once. Laws not yet in force get their own groups (what is coming),
    and postings that name no such place one group at the end.
    """

    def __init__(self, cap: int):
        self.cap = cap
        self.with_pay = 0
        self.without = 0
        self.under_law = 0
        self.groups: dict[tuple[str, str, bool], _Capped] = {}
        self.no_law = _Capped(cap)

    def add(self, result: dict, entry: dict) -> None:
        self.without += 1
        laws = _laws(result)
        if not laws:
            self.no_law.add(entry)
            return
        if any(applies for *_, applies in laws):
            self.under_law += 1
        for key in laws:
            group = self.groups.get(key)
            if group is None:
                group = self.groups[key] = _Capped(self.cap)
            group.add(entry)

    def as_dict(self, linted: int) -> dict:
        ordered = sorted(self.groups.items(), key=lambda kv: (not kv[0][2], -kv[1].total, kv[0][0], kv[0][1]))
        groups = [{"law": law, "jurisdiction": place, "in_force": applies, **group.as_dict()} for (law, place, applies), group in ordered]
        if self.no_law.total:
            groups.append({"law": None, "jurisdiction": None, "in_force": False, **self.no_law.as_dict()})
        return {"with_pay": linted - self.without, "without_pay": self.without, "under_law": self.under_law, "groups": groups}


class _RewriteTotals:
    """Edits accepted and refused, mean scores before and after, and what the model was asked."""

    def __init__(self):
        self.postings = self.accepted = self.refused = 0
        self.improved = self.unchanged = self.worse = 0
        self.scored = 0
        self.before = dict.fromkeys(CATEGORIES, 0.0)
        self.after = dict.fromkeys(CATEGORIES, 0.0)
        self.usage = {"prompt_tokens": 0, "completion_tokens": 0, "requests": 0}

    def add(self, rewrite: dict) -> None:
        self.postings += 1
        self.accepted += _count(rewrite.get("accepted"))
        self.refused += _count(rewrite.get("refused"))
        usage = rewrite.get("usage") or {}
        for key in self.usage:
            if isinstance(usage.get(key), int):
                self.usage[key] += usage[key]
        before, after = rewrite.get("scores_before") or {}, rewrite.get("scores_after") or {}
        if not all(isinstance(s.get(c), (int, float)) for s in (before, after) for c in CATEGORIES):
            return
        self.scored += 1
        for c in CATEGORIES:
            self.before[c] += before[c]
            self.after[c] += after[c]
        delta = after["overall"] - before["overall"]
        if delta > 0:
            self.improved += 1
        elif delta < 0:
            self.worse += 1
        else:
            self.unchanged += 1

    def as_dict(self) -> dict | None:
        if not self.postings:
            return None
        n = self.scored or 1
        before = {c: round(self.before[c] / n, 1) for c in CATEGORIES} if self.scored else None
        after = {c: round(self.after[c] / n, 1) for c in CATEGORIES} if self.scored else None
        change = {c: round((self.after[c] - self.before[c]) / n, 1) for c in CATEGORIES} if self.scored else None
        return {
            "postings": self.postings, "accepted": self.accepted, "refused": self.refused,
            "improved": self.improved, "unchanged": self.unchanged, "worse": self.worse,
            "scores_before": before, "scores_after": after, "change": change, **self.usage,
        }


# ---------------------------------------------------------------- HTML


def _e(value) -> str:
    """Escaped for HTML text and attribute values alike; None is nothing.

    Control characters go first (`safe_text.clean`): HTML forbids most of them, and a
    bidi override would show a posting's words in another order than they are.
    """
    return "" if value is None else html.escape(clean(str(value)), quote=True)


def _language_name(code) -> str:
    code = str(code or "unknown")
    name = _LANGUAGES.get(code)
    return f"{name} ({code})" if name else code


def _law_label(group: dict) -> str:
    if group["law"] is None:
        return "No pay-transparency law detected"
    place = f" — {group['jurisdiction']}" if group["jurisdiction"] else ""
    return f"{group['law']}{place}"


def _number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def _severity_words(counts: dict[str, int], sep: str) -> str:
    return sep.join(_plural(n, name, "info" if name == "info" else None) for name, n in counts.items())


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _band(score) -> str:
    """A calm colour band for a score, so the eye finds the low ones."""
    if score is None:
        return ""
    return "low" if score < 50 else "mid" if score < 75 else "high"


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
        f'<footer>Made by posting-assistant {_e(__version__)}. {_e(_PAY_NOTE)}</footer>',
    ]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>Posting review</title>\n<style>" + _CSS + "</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(part for part in body if part)
        + "\n</main>\n</body>\n</html>\n"
    )


_PAY_NOTE = (
    "“Without pay” means no pay figure was found in the posting: a compensation heading "
    "with no amount does not count as pay."
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
        (_number(overall["median"]), "median overall score"),
    ]
    severities = _severity_words(c["severities"], " · ")
    return (
        "<h1>Posting review</h1>\n"
        f'<p class="muted">{_plural(c["postings"], "posting")}, '
        f"{_plural(c['findings'], 'finding')} ({_e(severities)}).</p>\n"
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
            f"<tr><td>{_e(category)}</td><td class=\"num {_band(d['median'])}\">{_number(d['median'])}</td>"
            f"<td class=\"num\">{_number(d['mean'])}</td><td class=\"num\">{_number(d['min'])}</td>"
            f"<td class=\"num\">{_number(d['max'])}</td></tr>"
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
        label = f"{i * 10}–{i * 10 + 9}" if i < 9 else "90–100"
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
            f"<td class=\"num\">{_percent(row['postings'], linted)}</td><td class=\"num\">{row['findings']}</td></tr>"
        )
    out.append("</tbody></table>")
    if findings["more"]:
        out.append(f'<p class="muted">…and {_plural(findings["more"], "more rule")} with fewer postings.</p>')
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
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{_e(_flat(r["rule"], 40))}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" rx="3" fill="{colour}"/>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 15}">{r["postings"]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _sev(severity) -> str:
    name = severity if severity in _RANK else "info"
    return f'<span class="sev sev-{name}">{_e(severity or "?")}</span>'


def _posting_cell(entry: dict) -> str:
    title = _e(_flat(entry.get("title"), EXCERPT)) if entry.get("title") else '<span class="muted">(no title)</span>'
    return f'{title}<div class="path">{_e(shown_path(entry["path"]))}</div>'


def _html_pay(summary: dict) -> str:
    pay = summary["pay"]
    linted = summary["counts"]["ok"]
    out = ['<h2 id="pay">Postings without pay</h2>']
    if not pay["without_pay"]:
        out.append(f'<p class="muted">{"Every linted posting states pay." if linted else "No posting was linted."}</p>')
        return "\n".join(out)
    out.append(f"<p>{_e(_pay_sentence(pay, linted))}</p>")
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
            f"<details><summary>{_e(_law_label(group))}{tag} · {_plural(group['total'], 'posting')}</summary>"
            f"<ul>{items}</ul>{more}</details>"
        )
    return "\n".join(out)


def _pay_sentence(pay: dict, linted: int) -> str:
    return (
        f"{pay['without_pay']} of {_plural(linted, 'linted posting')} ({_percent(pay['without_pay'], linted)}) "
        f"{'states' if pay['without_pay'] == 1 else 'state'} no pay; {pay['under_law']} of them "
        f"{'names' if pay['under_law'] == 1 else 'name'} a place whose pay-transparency law is in force. "
        "A posting that names several places is listed under each law."
    )


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
            f'<td class="num {_band(s["overall"])}">{_number(s["overall"])}</td>'
            + "".join(f'<td class="num">{_number(s[c])}</td>' for c in CATEGORIES[:3])
            + f'<td><ol class="top">{tops}</ol></td></tr>'
        )
    out.append("</tbody></table>")
    if worst["more"]:
        out.append(f'<p class="muted">{worst["more"]} more scored postings are not shown.</p>')
    return "\n".join(out)


def _html_finding(f: dict) -> str:
    where = f" (line {_e(f['line'])})" if f.get("line") else ""
    excerpt = f'<div class="excerpt">“{_e(_flat(f["excerpt"], EXCERPT))}”</div>' if f.get("excerpt") else ""
    return (
        f'<li>{_sev(f.get("severity"))}<span class="rule">{_e(f.get("rule"))}</span>{where}'
        f"<div>{_e(_flat(f.get('message'), EXCERPT * 2))}</div>{excerpt}</li>"
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
                f"<tr><td>{c}</td><td class=\"num\">{_number(rw['scores_before'][c])}</td>"
                f"<td class=\"num\">{_number(rw['scores_after'][c])}</td><td class=\"num\">{rw['change'][c]:+.1f}</td></tr>"
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
        out.append(f'<tr><td>{_posting_cell(p)}</td><td>{_e(_language_name(p["language"]))}</td>'
                   f'<td class="num">{_number(p["overall"])}</td></tr>')
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


# ---------------------------------------------------------------- Markdown


def _md(value, limit: int | None = EXCERPT) -> str:
    """Posting text for a Markdown line or table cell: one line, markup escaped."""
    return md_text(_flat(value, limit))


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
        f"---\n\n_Made by posting-assistant {__version__}. {md_text(_PAY_NOTE)}_",
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def _md_head(summary: dict) -> str:
    c = summary["counts"]
    pay = summary["pay"]
    return (
        "# Posting review\n\n"
        f"**{c['postings']} postings** · {c['ok']} linted · {c['errors']} could not be read · "
        f"{pay['without_pay']} without pay ({pay['under_law']} where a law requires it) · "
        f"{c['non_english']} not in English · median overall {_number(summary['scores']['overall']['median'])}\n\n"
        f"{_plural(c['findings'], 'finding')}: " + _severity_words(c["severities"], ", ")
    )


def _md_scores(summary: dict) -> str:
    scores = summary["scores"]
    if not scores["overall"]["count"]:
        return "## Scores\n\nNo posting was scored."
    lines = ["## Scores", "", "| Category | Median | Mean | Lowest | Highest |", "| --- | ---: | ---: | ---: | ---: |"]
    for c in CATEGORIES:
        d = scores[c]
        lines.append(f"| {c} | {_number(d['median'])} | {_number(d['mean'])} | {_number(d['min'])} | {_number(d['max'])} |")
    histogram = scores["overall"]["histogram"]
    peak = max(histogram) or 1
    lines += ["", "Overall score distribution:", "", "| Score | Postings | |", "| --- | ---: | --- |"]
    for i, n in enumerate(histogram):
        label = f"{i * 10}–{i * 10 + 9}" if i < 9 else "90–100"
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
                     f"{_percent(r['postings'], linted)} | {r['findings']} |")
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
        md_text(_pay_sentence(pay, linted)),
    ]
    for group in pay["groups"]:
        state = "" if group["law"] is None else " (in force)" if group["in_force"] else " (not yet in force)"
        lines += ["", f"### {_md(_law_label(group), None)}{state} · {_plural(group['total'], 'posting')}", ""]
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
            f"**{_md(f.get('severity'))}** {cell_code(_flat(f.get('rule')))}: {_md(f.get('message'), EXCERPT * 2)}"
            + (f" “{_md(f.get('excerpt'), 60)}”" if f.get("excerpt") else "")
            for f in e["top"]
        )
        lines.append(f"| {rank} | {_md_posting(e)} | {_number(s['overall'])} | "
                     + " | ".join(_number(s[c]) for c in CATEGORIES[:3]) + f" | {tops} |")
    if worst["more"]:
        lines += ["", f"{worst['more']} more scored postings are not shown."]
    return "\n".join(lines)


def _md_rewrite(summary: dict) -> str:
    rw = summary["rewrite"]
    if not rw:
        return ""
    lines = [
        "## Rewrites", "",
        f"{_plural(rw['postings'], 'posting')} rewritten: {_plural(rw['accepted'], 'edit')} accepted, {rw['refused']} refused; "
        f"overall improved in {rw['improved']}, unchanged in {rw['unchanged']}, lower in {rw['worse']}. "
        f"{_plural(rw['requests'], 'model request')}, {rw['prompt_tokens']} prompt and {rw['completion_tokens']} completion tokens.",
    ]
    if rw["change"]:
        lines += ["", "| Category | Before | After | Change |", "| --- | ---: | ---: | ---: |"]
        lines += [f"| {c} | {_number(rw['scores_before'][c])} | {_number(rw['scores_after'][c])} | {rw['change'][c]:+.1f} |"
                  for c in CATEGORIES]
    return "\n".join(lines)


def _md_non_english(summary: dict) -> str:
    listed = summary["non_english"]
    if not listed["total"]:
        return ""
    lines = ["## Not in English", "",
             "These postings got only the rules that work in any language (structure, pay, place, length).", "",
             "| Posting | Language | Overall |", "| --- | --- | ---: |"]
    lines += [f"| {_md_posting(p)} | {_md(_language_name(p['language']))} | {_number(p['overall'])} |" for p in listed["items"]]
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


# ---------------------------------------------------------------- CSV

CSV_COLUMNS = (
    "path", "title", "language", "status", "error", "inclusivity", "clarity", "completeness", "overall",
    "findings", "error_findings", "warning_findings", "info_findings", "has_pay", "pay_laws",
    "rewrite_accepted", "rewrite_overall_before", "rewrite_overall_after",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """A spreadsheet must not run a posting's text: a cell that could start a formula gets
    a leading apostrophe; control characters are dropped and line breaks made spaces
    (`safe_text.one_line`), so each row is one line of the file."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = one_line(value)
        if value.startswith(_FORMULA):
            return "'" + value
    return value


def csv_row(record: dict) -> list:
    """One posting's row, in the order of CSV_COLUMNS."""
    result = _result(record)
    rewrite = record.get("rewrite") if isinstance(record.get("rewrite"), dict) else None
    # A name as it prints everywhere else: escaped, never changed into another name.
    row: dict = {"path": shown_path(_path(record)), "status": "ok" if result is not None else "error"}
    if result is None:
        row["error"] = _error_line(record)
    else:
        findings = _findings(result)
        severities = _severity_counts(findings)
        scores = result.get("scores") or {}
        row.update(
            title=result.get("title"),
            language=result.get("language"),
            findings=len(findings),
            error_findings=severities["error"],
            warning_findings=severities["warning"],
            info_findings=severities["info"],
            has_pay="yes" if has_pay(result) else "no",
            pay_laws="; ".join(law for law, _, applies in _laws(result) if applies),
            **{c: scores.get(c) for c in CATEGORIES},
        )
    if rewrite is not None:
        row["rewrite_accepted"] = _count(rewrite.get("accepted"))
        row["rewrite_overall_before"] = (rewrite.get("scores_before") or {}).get("overall")
        row["rewrite_overall_after"] = (rewrite.get("scores_after") or {}).get("overall")
    return [_cell(row.get(column)) for column in CSV_COLUMNS]


def to_csv(records: list[dict]) -> str:
    """One row per posting, errors included, for sorting and filtering in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow(csv_row(record))
    return out.getvalue()


# ---------------------------------------------------------------- writing


def render(fmt: str, records: list[dict]) -> str:
    """The report in `fmt` ("html", "markdown" or "csv")."""
    records = list(records)
    if fmt == "csv":
        return to_csv(records)
    summary = summarise(records)
    return to_html(summary, records) if fmt == "html" else to_markdown(summary, records)


def format_for(path: str | Path) -> str:
    """The report format a file name asks for; ValueError, in one line, for any other."""
    suffix = Path(path).suffix
    fmt = FORMATS.get(suffix.lower())
    if fmt is None:
        named = f"'{suffix}'" if suffix else "a file name without a suffix"
        raise ValueError(f"cannot write a report as {named}: use .html, .htm, .md or .csv")
    return fmt


def write_report(path: str | Path, records: list[dict], *, force: bool = False) -> Path:
    """Write the report in the format the suffix names (through `files.write_user_file`:
    a crash leaves no half-written file; `force` writes over a read-only one)."""
    from ..files import write_user_file

    target = Path(path)
    write_user_file(target, render(format_for(target), records), force=force)
    return target
