"""Hand labels of corpus postings, stored as offsets: what the accuracy set is made of.

Why offsets: the labellers quote the postings word for word, and corpus text must never
enter the project. So each quote is looked up in its corpus file once, here, and only
where it stands is kept (`{"label", "start", "end"}`, character offsets into the file
decoded as UTF-8 with its line breaks as they are), with the file's sha256 so that a
changed corpus file is noticed instead of misread. The non-text answers (which section
kinds are present, the pay figures, remote or not) are kept as they are.

Each posting also gets its split, "dev" or "heldout", from a hash of its path alone: the
same posting lands in the same split whoever imports it and whatever else is labelled,
and about 30% are held out. Tune against dev only.

Usage: .venv/bin/python benchmarks/label_store.py [--from DIR] [--corpus DIR] [--out DIR]
Re-runnable: each run rebuilds every `<source>.jsonl` from all label files, in path
order, so adding label files and importing again changes only what is new. A quote that
is not in its file is an error naming the file; that posting is left out and the run
exits 1. Stdlib only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS_DIR = ROOT / "benchmarks" / "labels"
DEFAULT_FROM = ROOT.parent / "scratch" / "labels"
HELDOUT_PERCENT = 30

# The section kinds the labellers answer for, in their words (see docs/accuracy.md).
SECTION_KINDS = (
    "company", "team", "responsibilities", "requirements", "nice_to_have",
    "benefits", "pay", "location", "how_to_apply", "eeo",
)
# Lists of quotes in a label file, and the label each quote becomes.
MENTION_LISTS = {
    "years": "years",
    "degree_no_equivalent": "degree_no_equivalent",
    "degree_with_equivalent": "degree_with_equivalent",
    "innocuous": "innocuous",
}


class LabelError(Exception):
    """A label file that cannot be stored; the message names the file."""


def default_corpus() -> Path:
    """$POSTING_ASSISTANT_CORPUS, else ../shared/corpus beside the checkout."""
    env = os.environ.get("POSTING_ASSISTANT_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def split_for(path: str) -> str:
    """ "dev" or "heldout", from the posting's corpus path only (stable across imports)."""
    bucket = int(hashlib.sha256(path.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "heldout" if bucket < HELDOUT_PERCENT else "dev"


def read_corpus_text(file: Path) -> tuple[str, str]:
    """The file's text as the offsets count it, and the sha256 of its bytes.

    Decoded as UTF-8 without newline translation: the engine's source map counts
    "\\r\\n" as two characters, so the labels do too.
    """
    data = file.read_bytes()
    return data.decode("utf-8"), hashlib.sha256(data).hexdigest()


def find_quote(text: str, quote: str, taken: set[int]) -> tuple[int, int] | None:
    """Where `quote` stands in `text`: its first occurrence not already `taken`.

    Why `taken`: a labeller who lists "3+ years" twice means its two occurrences. A
    quote copied from a reader that turned "\\r\\n" into "\\n" is looked up with the
    file's own line breaks too. Linear in the text per quote.
    """
    variants = [quote]
    if "\n" in quote and "\r\n" in text:
        variants.append(quote.replace("\r\n", "\n").replace("\n", "\r\n"))
    first = None
    for variant in variants:
        at = text.find(variant)
        while at != -1:
            if first is None:
                first = (at, at + len(variant))
            if at not in taken:
                return at, at + len(variant)
            at = text.find(variant, at + 1)
    return first  # every occurrence taken: the labeller repeated one; keep it once more


def convert(labels: dict, text: str, sha256: str, name: str = "") -> dict:
    """One label file's content as a stored record; `LabelError` for a quote not found."""
    missing: list[str] = []
    spans: list[dict] = []
    taken: dict[str, set[int]] = {}

    def place(label: str, quote) -> dict | None:
        if not quote or not isinstance(quote, str):
            return None
        found = find_quote(text, quote, taken.setdefault(label, set()))
        if found is None:
            missing.append(f"{label} ({len(quote)} characters)")  # never the quote itself
            return None
        taken[label].add(found[0])
        item = {"label": label, "start": found[0], "end": found[1]}
        spans.append(item)
        return item

    place("title", labels.get("title"))  # no title label: the labeller saw none
    for kind, quote in sorted((labels.get("section_quotes") or {}).items()):
        place(f"section/{kind}", quote)
    pay = labels.get("pay") or {}
    place("pay", pay.get("quote"))
    location = labels.get("location") or {}
    place("location", location.get("quote"))
    eeo = labels.get("eeo") or {}
    place("eeo", eeo.get("quote"))
    for key, label in MENTION_LISTS.items():
        for item in labels.get(key) or []:
            place(label, item.get("quote") if isinstance(item, dict) else item)
    for item in labels.get("exclusionary") or []:
        kind = (item.get("kind") or "other").strip().lower() or "other"
        place(f"exclusionary/{kind}", item.get("quote"))
    if missing:
        raise LabelError(f"{name or labels.get('path')}: not found in the corpus file: {', '.join(missing)}")

    sections = labels.get("sections") or {}
    return {
        "path": labels["path"],
        "sha256": sha256,
        "split": split_for(labels["path"]),
        "labeller": labels.get("labeller"),
        "language": labels.get("language"),
        "sections": {kind: bool(sections[kind]) for kind in SECTION_KINDS if kind in sections},
        "pay": {
            "stated": bool(pay.get("stated")),
            "min": pay.get("min"),
            "max": pay.get("max"),
            "currency": pay.get("currency"),
            "period": pay.get("period"),
            "estimate": bool(pay.get("third_party_estimate")),
        },
        "location": {"stated": bool(location.get("stated")), "remote": location.get("remote") or "unknown"},
        "eeo": {"present": bool(eeo.get("present"))},
        "labels": sorted(spans, key=lambda s: (s["start"], s["end"], s["label"])),
    }


def source_of(path: str) -> str:
    """The corpus source of a posting path ("postings/<source>/<file>")."""
    parts = Path(path).parts
    return parts[1] if len(parts) > 2 and parts[0] == "postings" else parts[0]


def import_labels(src: Path, corpus: Path, out: Path) -> tuple[dict[str, int], list[str]]:
    """Rebuild `out/<source>.jsonl` from every label file in `src`.

    Returns the records written per source and the errors (one line each, naming the
    file). A source whose postings all failed keeps no file; files of sources no longer
    labelled are removed, so the store is what the label files say, no more.
    """
    records: dict[str, list[dict]] = {}
    errors: list[str] = []
    seen: dict[str, str] = {}
    for file in sorted(src.glob("*.json")):
        try:
            labels = json.loads(file.read_text(encoding="utf-8"))
            rel = labels["path"]
            if rel in seen:
                errors.append(f"{file.name}: {rel} is labelled in {seen[rel]} already; kept that one")
                continue
            text, digest = read_corpus_text(corpus / rel)
            record = convert(labels, text, digest, file.name)
        except LabelError as exc:
            errors.append(str(exc))
            continue
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
            errors.append(f"{file.name}: cannot be read as a label file ({type(exc).__name__}: {exc})")
            continue
        seen[rel] = file.name
        records.setdefault(source_of(rel), []).append(record)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.jsonl"):
        if stale.stem not in records:
            stale.unlink()
    for source, items in records.items():
        items.sort(key=lambda r: r["path"])
        body = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in items)
        target = out / f"{source}.jsonl"
        if not target.exists() or target.read_text(encoding="utf-8") != body:
            tmp = target.with_suffix(".jsonl.tmp")
            tmp.write_text(body, encoding="utf-8")
            tmp.replace(target)
    return {s: len(items) for s, items in sorted(records.items())}, errors


def load_records(labels_dir: Path = LABELS_DIR) -> list[dict]:
    """Every stored record, in source then path order."""
    found: list[dict] = []
    for file in sorted(labels_dir.glob("*.jsonl")):
        with file.open(encoding="utf-8") as handle:
            found.extend(json.loads(line) for line in handle if line.strip())
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="src", type=Path, default=DEFAULT_FROM, help="folder of the labellers' JSON files")
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: $POSTING_ASSISTANT_CORPUS or ../shared/corpus)")
    parser.add_argument("--out", type=Path, default=LABELS_DIR)
    args = parser.parse_args(argv)
    corpus = args.corpus or default_corpus()
    if not corpus.is_dir():
        print(f"no corpus at {corpus}: nothing imported", file=sys.stderr)
        return 0
    if not args.src.is_dir():
        print(f"no label files at {args.src}: nothing imported", file=sys.stderr)
        return 0
    counts, errors = import_labels(args.src, corpus, args.out)
    for line in errors:
        print(f"error: {line}", file=sys.stderr)
    total = sum(counts.values())
    splits = {"dev": 0, "heldout": 0}
    for record in load_records(args.out):
        splits[record["split"]] += 1
    print(f"{total} postings from {len(counts)} sources ({splits['dev']} dev, {splits['heldout']} held out)")
    for source, n in counts.items():
        print(f"  {source}: {n}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
