"""How many corpus postings have word rules silenced by boilerplate (issue 15, item 2).

Why: word rules stay quiet inside sections the structure calls boilerplate (EEO,
accommodation). When that carving works by lines, a posting that arrives as one long
line and ends with an equal-opportunity sentence is boilerplate from end to end, and
none of its own wording is checked. This counts, per posting, the words that sit in
boilerplate sections but in sentences with no legal or stock cue at all: words the
word rules should have read. A posting counts as silenced when at least `--words`
such words are muted.

The cue list here is deliberately broader than the engine's (any sentence that so much
as mentions discrimination, disability, veterans, accommodation, work authorisation,
background checks or privacy is given the benefit of the doubt), so the count is a
floor, not something the engine can be tuned to.

Usage: .venv/bin/python benchmarks/boilerplate_silence.py [--corpus DIR] [--words N] [--list]
Skips (exit 0) without the corpus. Prints counts only; `--list` adds the paths (never
corpus text).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.document.loaders import LoadError, load_postings  # noqa: E402
from assistant.document.model import BOILERPLATE_KINDS  # noqa: E402

_CUE = re.compile(
    r"equal|opportunit|discriminat|regardless|without regard|protected|race|religio|gender|sex\b|sexual|"
    r"national origin|disabilit|veteran|accommodat|adjustment|e-?verify|affirmative|right to work|authori[sz]|"
    r"eligib|sponsor|background|criminal|conviction|privacy|personal (data|information)|applicant|candidate|"
    r"employer|law|legal|federal|ordinance|policy|statement|inclus|divers|fair chance|pay transparency|"
    r"recruit|agenc|scam|fraud|divers",
    re.I,
)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+(?=\S)[^.!?\n]*)*[.!?]*")
_WORD = re.compile(r"\w+")


def muted_words(posting) -> int:
    """Words in boilerplate sections that stand in sentences with no cue; linear."""
    text = posting.text
    muted = 0
    for section in posting.sections:
        if section.kind not in BOILERPLATE_KINDS:
            continue
        for m in _SENTENCE.finditer(text, section.start, section.end):
            sentence = m.group()
            if not _CUE.search(sentence):
                muted += len(_WORD.findall(sentence))
    return muted


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--words", type=int, default=40, help="muted words that make a posting count (default 40)")
    ap.add_argument("--list", action="store_true", help="print the paths of the silenced postings")
    args = ap.parse_args(argv)
    listing = args.corpus / "POSTINGS.txt"
    if not listing.is_file():
        print(f"no corpus at {args.corpus}; skipped")
        return 0
    t0 = time.perf_counter()
    postings = silenced = 0
    total_muted = 0
    paths: list[str] = []
    for rel in listing.read_text(encoding="utf-8").split():
        try:
            found = load_postings(args.corpus / rel, facts=False)
        except LoadError:
            continue
        for posting in found:
            postings += 1
            muted = muted_words(posting)
            total_muted += muted
            if muted >= args.words:
                silenced += 1
                paths.append(rel)
    if args.list:
        print("\n".join(paths))
    print(f"{silenced} of {postings} postings have >= {args.words} words muted by boilerplate "
          f"({total_muted} muted words in all; {time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
