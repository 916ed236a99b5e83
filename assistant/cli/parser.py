"""The command line's grammar, and the values it hands each command.

Every flag is declared here (tests/golden/frozen/surface.json freezes them), and
`parse` is the one place an argparse namespace exists: it becomes the command's own
options (`LintOptions`, `ReviewOptions`…), frozen, whose fields are the flags' names.
A command reads plain values, so it can be run and tested without a parser.

What argparse writes to stderr (a usage error, the help of a bare command) goes
through `diagnostics`, like every other line there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from .._record import Record
from .._version import __version__
from ..config import DEFAULT_MODEL, PROVIDERS
from . import diagnostics
from .diagnostics import PROG

FORMATS = ("text", "json", "sarif", "github", "markdown")


class Options(Record):
    """A command's values as the command line gave them; frozen once made."""

    __slots__ = ()

    def __init__(self, **values):
        for name in self._fields():
            object.__setattr__(self, name, values.pop(name))  # a missing value is a KeyError, not a silent None
        if values:
            raise TypeError(f"{type(self).__name__} takes no {', '.join(sorted(values))}")

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    @classmethod
    def of(cls, namespace: argparse.Namespace):
        return cls(**{name: getattr(namespace, name) for name in cls.__slots__})


_LLM = ("model", "no_cache")


class LintOptions(Options):
    __slots__ = ("paths", "format", "fail_on", "min_score", "select", "ignore", "fix", "diff", "force", "config",
                 "exemplars", "as_of", "jobs", "stdin_filename", "llm", *_LLM)


class RewriteOptions(Options):
    __slots__ = ("path", "provider", "select", "format", "write", "force", "config", "as_of", *_LLM)


class DraftOptions(Options):
    __slots__ = ("brief", "provider", "out", "force", "format", "config", "exemplars", "as_of", *_LLM)


class ReviewOptions(Options):
    __slots__ = ("paths", "out", "report", "force", "rewrite", "llm", "provider", "concurrency", "workers", "fresh",
                 "batch_api", "config", "as_of", *_LLM)


class EditOptions(Options):
    __slots__ = ("path", "config")


class RulesOptions(Options):
    __slots__ = ("check", "config")


class ExplainOptions(Options):
    __slots__ = ("rule", "path", "as_of", "config")


class LawsOptions(Options):
    __slots__ = ("as_of", "format", "all", "config")


OPTIONS = {
    "lint": LintOptions, "rewrite": RewriteOptions, "draft": DraftOptions, "review": ReviewOptions,
    "edit": EditOptions, "rules": RulesOptions, "explain": ExplainOptions, "laws": LawsOptions,
}


def parse(argv: list[str] | None = None) -> tuple[str, Options] | int:
    """The command and its options; or, when there is nothing to run (a usage error,
    `--help`, `--version`, no command), the exit code, with what argparse said said."""
    argv = sys.argv[1:] if argv is None else argv
    # A run names its command first; anything else (`--help`, a typo) gets every command.
    parser = build_parser(only=argv[0] if argv and argv[0] in OPTIONS else None)
    try:
        namespace = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already wrote the usage error, the help or the version
        return diagnostics.status(unusable=bool(exc.code))
    if namespace.command is None:
        diagnostics.raw(parser.format_help())
        return diagnostics.usage_error()
    return namespace.command, OPTIONS[namespace.command].of(namespace)


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose stderr output goes through `diagnostics`.

    argparse writes to stderr in two places, both overridable: the usage line before
    an error (`print_usage(sys.stderr)`) and the error itself (`exit`). Its subparsers
    are made of this class too (argparse makes them of its parent's type).
    """

    def print_usage(self, file=None) -> None:
        if file is not None and file is diagnostics.stream():
            diagnostics.raw(self.format_usage())
        else:
            super().print_usage(file)

    def exit(self, status: int = 0, message: str | None = None):
        if message:
            diagnostics.raw(message)
        raise SystemExit(status)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _score(value: str) -> int:
    try:
        score = int(value)
    except ValueError:
        score = -1
    if not 0 <= score <= 100:
        raise argparse.ArgumentTypeError(f"not a score from 0 to 100: {value!r}")
    return score


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, sized without `shutil`.

    argparse builds a formatter for every option it adds, and the stock one imports
    `shutil` (with bz2 and lzma) to measure the terminal: 1.5 ms of every run.
    """

    def __init__(self, prog: str) -> None:
        try:
            width = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            width = 80
        super().__init__(prog, width=max(width - 2, 20))


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with `only`, of that command alone.

    A run that names its command first never consults the others (everything after
    the command's name is that command's), and making them is most of the parser's
    cost: argparse looks its messages up in the locale files for every parser it
    makes and formats every argument as it is added, about 2 ms of each run.
    """
    parser = _Parser(prog=PROG, description="Write and review job postings.", formatter_class=_Formatter)
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (summary, description, arguments) in _COMMANDS.items():
        if only is None or only == name:
            arguments(sub.add_parser(name, help=summary, description=description, formatter_class=_Formatter))
    return parser


def _lint_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt, .md, .html; .json ATS exports when named); '-' reads stdin")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text); sarif for code scanning, github for workflow annotations, markdown for a job summary")
    parser.add_argument("--fail-on", choices=("error", "warning", "info", "never"), help="exit 1 when a finding is at or above this severity (default: error)")
    parser.add_argument("--min-score", type=_score, metavar="N", help="exit 1 when a posting's overall score is below N (0-100)")
    parser.add_argument("--select", type=_ids, metavar="RULES", help="only these rules: ids, categories or prefixes, comma-separated")
    parser.add_argument("--ignore", type=_ids, metavar="RULES", help="skip these rules: ids, categories or prefixes, comma-separated")
    fixing = parser.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true", help="apply the safe fixes to .txt and .md files in place, then report what is left")
    fixing.add_argument("--diff", action="store_true", help="print the safe fixes as a unified diff and change nothing; exit 1 if there are any")
    parser.add_argument("--force", action="store_true", help="with --fix: write read-only files too")
    parser.add_argument("--config", metavar="FILE", help="config file to use (default: .posting-assistant.toml or pyproject.toml, searched upward)")
    parser.add_argument("--exemplars", metavar="DIR", help="folder of exemplar postings whose structure to expect (default: the shipped seeds)")
    _as_of_option(parser)
    parser.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="processes for many files (default: one per CPU; 1 = this one only)")
    parser.add_argument("--stdin-filename", metavar="NAME", default="-", help="name to report for stdin (its suffix picks the format)")
    parser.add_argument("--llm", action="store_true", help="also judge the rules a model decides (needs OPENAI_API_KEY); without it lint is offline")
    _llm_options(parser)


def _rewrite_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="FILE", help="the posting (.txt or .md to --write; any format to review)")
    parser.add_argument("--provider", choices=PROVIDERS, help="who proposes the edits (default: openai when OPENAI_API_KEY is set, else rules)")
    parser.add_argument("--select", type=_ids, metavar="RULES", help="resolve only these rules' findings: ids, categories or prefixes")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--write", action="store_true", help="apply the accepted edits to the file (atomically); without it the file is not touched")
    parser.add_argument("--force", action="store_true", help="with --write: write a read-only file too")
    parser.add_argument("--config", metavar="FILE", help="config file to use (default: found from the file's folder upward)")
    _as_of_option(parser)
    _llm_options(parser)


def _draft_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--brief", required=True, metavar="BRIEF", help="the brief, a .toml or .json file (see examples/brief.toml)")
    parser.add_argument("--provider", choices=PROVIDERS, help="who writes the draft (default: openai; rules assembles the brief's own facts offline, no key needed)")
    parser.add_argument("--out", metavar="FILE", help="write the draft here (.md or .txt; atomically, never over an existing file unless --force)")
    parser.add_argument("--force", action="store_true", help="let --out replace an existing file")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text: the draft, then its findings)")
    parser.add_argument("--config", metavar="FILE", help="config file to use (default: found from the brief's folder upward)")
    parser.add_argument("--exemplars", metavar="DIR", help="folder of exemplar postings whose structure to follow (default: the shipped seeds)")
    _as_of_option(parser)
    _llm_options(parser)


def _review_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs (quote them); .json ATS exports when named or matched")
    parser.add_argument("--out", metavar="FILE", help="results, one JSON line per posting (default: stdout); re-running with it resumes")
    parser.add_argument("--report", metavar="FILE", help="write a report across postings: .html, .md or .csv")
    parser.add_argument("--force", action="store_true", help="let --out and --report write read-only files")
    parser.add_argument("--rewrite", action="store_true", help="also propose checked edits for each posting")
    parser.add_argument("--llm", action="store_true", help="also judge the rules a model decides (needs OPENAI_API_KEY)")
    parser.add_argument("--provider", choices=PROVIDERS, help="who proposes the rewrites (default: openai when OPENAI_API_KEY is set, else rules)")
    parser.add_argument("--concurrency", type=int, default=8, metavar="N", help="model requests in flight at once (default: 8)")
    parser.add_argument("--workers", "-j", type=int, default=0, metavar="N", help="processes for linting (default: one per CPU)")
    parser.add_argument("--fresh", action="store_true", help="ignore the results already in --out and start over")
    parser.add_argument("--batch-api", action="store_true", help="send the model's work through the OpenAI Batch API (cheaper, slower; resumable)")
    parser.add_argument("--config", metavar="FILE", help="config file to use (default: found from the first path upward)")
    _as_of_option(parser)
    _llm_options(parser)


def _edit_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", metavar="FILE", help="the posting to edit (.md or .txt; created on save if new); none: a scratch buffer")
    parser.add_argument("--config", metavar="FILE", help="config file to use (default: found from the file's folder upward)")


def _rules_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="run every rule's examples (the shipped rules and the config's `rubrics`); exit 1 if one fails")
    parser.add_argument("--config", metavar="FILE", help="config file whose `rubrics` to include (default: found from the working directory upward)")


def _explain_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule", metavar="RULE", help="a rule id (inclusivity/age) or its unambiguous short name (age)")
    parser.add_argument("path", nargs="?", metavar="FILE", help="for completeness/salary and completeness/pay-range: a posting whose pay-transparency laws to list")
    parser.add_argument("--config", metavar="FILE", help="config file whose `rubrics` to include")
    _as_of_option(parser)


def _laws_arguments(parser: argparse.ArgumentParser) -> None:
    _as_of_option(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--all", action="store_true", help="every entry: also laws not yet in force, bills and places with no law")
    parser.add_argument("--config", metavar="FILE", help="config file whose `rubrics` to include")


def _as_of_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="date that decides which pay-transparency laws apply (default: today)")


def _llm_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", metavar="MODEL", help=f"model name (default: config `model`, else {DEFAULT_MODEL})")
    parser.add_argument("--no-cache", action="store_true", help="ask the model even when this exact request has been answered before")


# name: (the line in the list of commands, the command's own description, its arguments)
_COMMANDS = {
    "lint": (
        "check postings offline against the rubric",
        "Check job postings against the rubric: offline, deterministic, fast.",
        _lint_arguments,
    ),
    "rewrite": (
        "propose edits that resolve the findings; each is checked before you see it",
        (
            "Propose edits to one posting, from a model or from the rules' own replacements. Every edit is checked "
            "(quoted exactly, no invented facts, no new findings) and refused with its reason when it fails. The file is "
            "changed only with --write."
        ),
        _rewrite_arguments,
    ),
    "draft": (
        "write a first draft from a brief, in the exemplars' structure",
        (
            "Draft a posting from a brief (TOML or JSON: title, team, level, location, remote, salary_min, "
            "salary_max, currency, period, must_haves, nice_to_haves, benefits, about). The draft follows the exemplars' "
            "structure, is checked for facts the brief does not give and for copied exemplar text, and is linted."
        ),
        _draft_arguments,
    ),
    "review": (
        "review many postings: resumable results, a report, optional model rewrites",
        (
            "Review postings in bulk: linted across processes, each result written to --out the moment it is done "
            "(a re-run skips what is still good), optionally rewritten or judged by a model, and summed up in a report."
        ),
        _review_arguments,
    ),
    "edit": (
        "open the terminal editor: findings and scores live as you type",
        (
            "Write or paste a posting and see its findings and scores as you type; take or refuse suggested "
            "edits one at a time. The text is kept in a recovery file while you type, so a crash loses nothing."
        ),
        _edit_arguments,
    ),
    "rules": (
        "list the rules, or check the examples of your own",
        "List every rule: id, default severity, fix safety and what it checks.",
        _rules_arguments,
    ),
    "explain": (
        "what a rule checks, why, and what to write instead",
        "Explain one rule: what it checks, why (with its source), an example, what to write instead, and its fix safety.",
        _explain_arguments,
    ),
    "laws": (
        "list the pay-transparency laws in force, with citations",
        (
            "List the pay-transparency laws in force on a date (default: today), as lint applies them: place, dates, "
            "employer-size threshold, where the law wants pay, citation, link, source confidence and when the entry "
            "was last checked. Not legal advice."
        ),
        _laws_arguments,
    ),
}
