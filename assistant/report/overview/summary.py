"""The summary: everything the report shows, worked out in one pass over the records.

It is plain JSON-able data, so the three renderings (html, markdown, csv) only lay it
out, and every list in it is capped with its full count kept: ten thousand postings
make a summary, and so a page, as light as ten.
"""

from __future__ import annotations

import heapq

from .records import (
    CATEGORIES,
    RANK,
    SEVERITIES,
    edit_count,
    error_line,
    findings_of,
    has_pay,
    laws_of,
    lint_result,
    overall_of,
    record_path,
    severity_counts,
)

TOP_FINDINGS = 20  # rules in the findings table and chart
WORST = 25  # postings in the worst-postings table
LISTED = 50  # postings named per pay group, and in the non-English and error lists


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
        path = record_path(record)
        if isinstance(record.get("rewrite"), dict):
            rewrites.add(record["rewrite"])
        result = lint_result(record)
        if result is None:
            counts["errors"] += 1
            errors.add({"path": path, "error": error_line(record)})
            continue
        counts["ok"] += 1
        language = str(result.get("language") or "unknown")
        counts["languages"][language] = counts["languages"].get(language, 0) + 1
        title = result.get("title")
        overall = overall_of(result)
        if language not in ("en", "unknown"):
            non_english.add({"path": path, "title": title, "language": language, "overall": overall})
        findings = findings_of(result)
        severities = severity_counts(findings)
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
        if RANK.get(f.get("severity"), -1) > RANK.get(entry["severity"], -1):
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
    findings = findings_of(result)
    order = sorted(range(len(findings)), key=lambda i: (-RANK.get(findings[i].get("severity"), -1), i))
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
    findings = findings_of(result)
    return {
        "path": record_path(record),
        "title": result.get("title"),
        "language": result.get("language"),
        "scores": {c: (result.get("scores") or {}).get(c) for c in CATEGORIES},
        "findings": len(findings),
        "severities": severity_counts(findings),
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
        laws = laws_of(result)
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
        self.accepted += edit_count(rewrite.get("accepted"))
        self.refused += edit_count(rewrite.get("refused"))
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
