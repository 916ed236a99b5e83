"""The `posting-assistant` command line.

Each subcommand imports what it needs when it runs, so `lint` never pays for the
LLM layer or the terminal UI. Results go to stdout, diagnostics to stderr, one line
each, never a traceback for a user's mistake.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from ._version import __version__
from .exitcodes import Exit

PROG = "posting-assistant"
FORMATS = ("text", "json", "sarif", "github", "markdown")


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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Write and review job postings.", formatter_class=_Formatter)
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    lint = sub.add_parser(
        "lint", help="check postings offline against the rubric", formatter_class=_Formatter,
        description="Check job postings against the rubric: offline, deterministic, fast.",
    )
    lint.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt, .md, .html; .json ATS exports when named); '-' reads stdin")
    lint.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text); sarif for code scanning, github for workflow annotations, markdown for a job summary")
    lint.add_argument("--fail-on", choices=("error", "warning", "info", "never"), help="exit 1 when a finding is at or above this severity (default: error)")
    lint.add_argument("--min-score", type=_score, metavar="N", help="exit 1 when a posting's overall score is below N (0-100)")
    lint.add_argument("--select", type=_ids, metavar="RULES", help="only these rules: ids, categories or prefixes, comma-separated")
    lint.add_argument("--ignore", type=_ids, metavar="RULES", help="skip these rules: ids, categories or prefixes, comma-separated")
    fixing = lint.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true", help="apply the safe fixes to .txt and .md files in place, then report what is left")
    fixing.add_argument("--diff", action="store_true", help="print the safe fixes as a unified diff and change nothing; exit 1 if there are any")
    lint.add_argument("--force", action="store_true", help="with --fix: write read-only files too")
    lint.add_argument("--config", metavar="FILE", help="config file to use (default: .posting-assistant.toml or pyproject.toml, searched upward)")
    lint.add_argument("--exemplars", metavar="DIR", help="folder of exemplar postings whose structure to expect (default: the shipped seeds)")
    _as_of_option(lint)
    lint.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="processes for many files (default: one per CPU; 1 = this one only)")
    lint.add_argument("--stdin-filename", metavar="NAME", default="-", help="name to report for stdin (its suffix picks the format)")
    lint.add_argument("--llm", action="store_true", help="also judge the rules a model decides (needs OPENAI_API_KEY); without it lint is offline")
    _llm_options(lint)

    rewrite = sub.add_parser(
        "rewrite", help="propose edits that resolve the findings; each is checked before you see it", formatter_class=_Formatter,
        description="Propose edits to one posting, from a model or from the rules' own replacements. Every edit is checked "
        "(quoted exactly, no invented facts, no new findings) and refused with its reason when it fails. The file is "
        "changed only with --write.",
    )
    rewrite.add_argument("path", metavar="FILE", help="the posting (.txt or .md to --write; any format to review)")
    rewrite.add_argument("--provider", choices=("openai", "rules"), help="who proposes the edits (default: openai when OPENAI_API_KEY is set, else rules)")
    rewrite.add_argument("--select", type=_ids, metavar="RULES", help="resolve only these rules' findings: ids, categories or prefixes")
    rewrite.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    rewrite.add_argument("--write", action="store_true", help="apply the accepted edits to the file (atomically); without it the file is not touched")
    rewrite.add_argument("--force", action="store_true", help="with --write: write a read-only file too")
    rewrite.add_argument("--config", metavar="FILE", help="config file to use (default: found from the file's folder upward)")
    _as_of_option(rewrite)
    _llm_options(rewrite)

    draft = sub.add_parser(
        "draft", help="write a first draft from a brief, in the exemplars' structure", formatter_class=_Formatter,
        description="Draft a posting from a brief (TOML or JSON: title, team, level, location, remote, salary_min, "
        "salary_max, currency, period, must_haves, nice_to_haves, benefits, about). The draft follows the exemplars' "
        "structure, is checked for facts the brief does not give and for copied exemplar text, and is linted.",
    )
    draft.add_argument("--brief", required=True, metavar="BRIEF", help="the brief, a .toml or .json file (see examples/brief.toml)")
    draft.add_argument("--provider", choices=("openai", "rules"), help="who writes the draft (default: openai; rules assembles the brief's own facts offline, no key needed)")
    draft.add_argument("--out", metavar="FILE", help="write the draft here (.md or .txt; atomically, never over an existing file unless --force)")
    draft.add_argument("--force", action="store_true", help="let --out replace an existing file")
    draft.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text: the draft, then its findings)")
    draft.add_argument("--config", metavar="FILE", help="config file to use (default: found from the brief's folder upward)")
    draft.add_argument("--exemplars", metavar="DIR", help="folder of exemplar postings whose structure to follow (default: the shipped seeds)")
    _as_of_option(draft)
    _llm_options(draft)

    review = sub.add_parser(
        "review", help="review many postings: resumable results, a report, optional model rewrites", formatter_class=_Formatter,
        description="Review postings in bulk: linted across processes, each result written to --out the moment it is done "
        "(a re-run skips what is still good), optionally rewritten or judged by a model, and summed up in a report.",
    )
    review.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs (quote them); .json ATS exports when named or matched")
    review.add_argument("--out", metavar="FILE", help="results, one JSON line per posting (default: stdout); re-running with it resumes")
    review.add_argument("--report", metavar="FILE", help="write a report across postings: .html, .md or .csv")
    review.add_argument("--force", action="store_true", help="let --out and --report write read-only files")
    review.add_argument("--rewrite", action="store_true", help="also propose checked edits for each posting")
    review.add_argument("--llm", action="store_true", help="also judge the rules a model decides (needs OPENAI_API_KEY)")
    review.add_argument("--provider", choices=("openai", "rules"), help="who proposes the rewrites (default: openai when OPENAI_API_KEY is set, else rules)")
    review.add_argument("--concurrency", type=int, default=8, metavar="N", help="model requests in flight at once (default: 8)")
    review.add_argument("--workers", "-j", type=int, default=0, metavar="N", help="processes for linting (default: one per CPU)")
    review.add_argument("--fresh", action="store_true", help="ignore the results already in --out and start over")
    review.add_argument("--batch-api", action="store_true", help="send the model's work through the OpenAI Batch API (cheaper, slower; resumable)")
    review.add_argument("--config", metavar="FILE", help="config file to use (default: found from the first path upward)")
    _as_of_option(review)
    _llm_options(review)

    edit = sub.add_parser(
        "edit", help="open the terminal editor: findings and scores live as you type", formatter_class=_Formatter,
        description="Write or paste a posting and see its findings and scores as you type; take or refuse suggested "
        "edits one at a time. The text is kept in a recovery file while you type, so a crash loses nothing.",
    )
    edit.add_argument("path", nargs="?", metavar="FILE", help="the posting to edit (.md or .txt; created on save if new); none: a scratch buffer")
    edit.add_argument("--config", metavar="FILE", help="config file to use (default: found from the file's folder upward)")

    rules = sub.add_parser(
        "rules", help="list the rules, or check the examples of your own", formatter_class=_Formatter,
        description="List every rule: id, default severity, fix safety and what it checks.",
    )
    rules.add_argument("--check", action="store_true", help="run every rule's examples (the shipped rules and the config's `rubrics`); exit 1 if one fails")
    rules.add_argument("--config", metavar="FILE", help="config file whose `rubrics` to include (default: found from the working directory upward)")
    explain = sub.add_parser(
        "explain", help="what a rule checks, why, and what to write instead", formatter_class=_Formatter,
        description="Explain one rule: what it checks, why (with its source), an example, what to write instead, and its fix safety.",
    )
    explain.add_argument("rule", metavar="RULE", help="a rule id (inclusivity/age) or its unambiguous short name (age)")
    explain.add_argument("--config", metavar="FILE", help="config file whose `rubrics` to include")
    return parser


def _as_of_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="date that decides which pay-transparency laws apply (default: today)")


def _llm_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", metavar="MODEL", help="model name (default: config `model`, else gpt-4o-mini)")
    parser.add_argument("--no-cache", action="store_true", help="ask the model even when this exact request has been answered before")


def run() -> None:
    """The console command: `main`, then a quick exit.

    Tearing the interpreter down (freeing the rule set, compiled patterns, modules)
    takes about 9 ms, a fifth of a one-file run. Nothing is left to do by then but
    flush the output and store newly compiled patterns, so both are done here and
    the process ends at once; a flush that fails is reported like any broken stream.
    A reader that stops early (`| head`) ends the run quietly, with the status a shell
    gives a command killed by SIGPIPE. A closed or full stdout ends it with one line
    on stderr and exit 2 (`streams`).
    """
    from . import _regex_cache, streams

    streams.install()
    try:
        code = main()
        streams.finish()
    except BrokenPipeError:
        code = 128 + 13  # SIGPIPE
    except streams.OutputError as exc:
        _error(f"cannot write to stdout: {exc}")
        code = Exit.USAGE
    except OSError as exc:  # a path no command caught: still one line, never a traceback
        _error(_os_error(exc))
        code = Exit.USAGE
    except KeyboardInterrupt:
        code = 128 + 2  # SIGINT
    try:
        _regex_cache.save()
    finally:
        streams.flush_stderr()
        os._exit(code)


def main(argv: list[str] | None = None) -> int:
    from . import _regex_cache

    _regex_cache.prime()  # before the modules whose patterns it holds are imported
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage error
        return int(exc.code or 0) and Exit.USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return Exit.USAGE
    if args.command == "lint":
        return run_lint(args)
    if args.command in ("rules", "explain"):
        return run_rules(args)
    if args.command == "rewrite":
        from .cli_rewrite import run_rewrite

        return run_rewrite(args)
    if args.command == "edit":
        return run_edit(args)
    if args.command == "review":
        from .cli_review import run_review

        return run_review(args)
    if args.command == "draft":
        from .cli_draft import run_draft

        return run_draft(args)
    return Exit.USAGE


def _error(message: str) -> None:
    """One line on stderr, whatever the message holds.

    Error lines name paths, and a path may hold a newline (which would start a line
    that looks like ours) or an escape sequence: the whole line is escaped as names are.
    """
    _say(f"{PROG}: {message}")


def _os_error(exc: OSError) -> str:
    """An OSError as `path: reason`, for the error line."""
    reason = exc.strerror or str(exc)
    return f"{exc.filename}: {reason}" if exc.filename is not None else reason


def _say(message: str) -> None:
    """A line for the user on stderr (a note, not an error), escaped like `_error`'s."""
    from .safe_text import shown_path

    print(shown_path(message), file=sys.stderr)


def _writer(fmt: str, rules):
    """The output writer; results are written as each posting is done, so memory stays
    flat however many files there are, and a slow run shows progress in the log."""
    if fmt == "json":
        from .report import json_v1

        return json_v1.StreamWriter(sys.stdout)
    if fmt == "text":
        from .report import text

        return text.StreamWriter(sys.stdout, colour=text.use_colour(sys.stdout))
    from importlib import import_module

    return import_module(f".report.{fmt}", __package__).StreamWriter(sys.stdout, rules)


def run_lint(args: argparse.Namespace) -> int:
    from .api import Job, discover, engine_for, lint_each
    from .config import ConfigError, resolve_config
    from .rubric.engine import matches_selector
    from .rubric.loader import RubricError
    from .rubric.model import SEVERITY_RANK

    if args.llm:
        refused = _llm_refusal(args)
        if refused:
            _error(refused)
            return Exit.USAGE
    try:
        config = resolve_config(args.config, args.paths[0])
    except ConfigError as exc:
        _error(str(exc))
        return Exit.USAGE
    # A flag replaces the config key of the same name.
    select = args.select if args.select is not None else config.select
    ignore = args.ignore if args.ignore is not None else config.ignore
    fail_on = args.fail_on or config.fail_on
    min_score = args.min_score if args.min_score is not None else config.min_score
    try:
        engine = engine_for(
            config, exemplars=args.exemplars or config.exemplars, as_of=args.as_of, select=select, ignore=ignore, llm=args.llm,
        )
    except (RubricError, FileNotFoundError) as exc:
        _error(str(exc))
        return Exit.USAGE
    where = f" in {config.path}" if config.path else ""
    named = [*select, *ignore, *config.severity, *(s for _, group in config.per_file_ignores for s in group)]
    unknown = [s for s in named if not any(matches_selector(r.id, [s]) for r in engine.all_rules)]
    if unknown:
        _error(f"no rule matches {', '.join(repr(s) for s in dict.fromkeys(unknown))}{where} (`posting-assistant rules` lists them)")
        return Exit.USAGE

    writer = _writer("text" if args.diff else args.format, engine.all_rules)
    errors: list[tuple[str, str]] = []
    worst = -1
    low_scores = 0
    items = list(discover(args.paths))
    fix = "fix" if args.fix else "diff" if args.diff else ""
    job = Job(engine, writer.render, config.ignored_for if config.per_file_ignores else None, fix, config.max_file_size, args.force)
    changed = 0
    llm_failed: set[str] = set()
    if args.llm:
        judged = _judged_outcomes(args, config, job, items, llm_failed)
        if isinstance(judged, str):
            _error(judged)
            return Exit.USAGE
    outcomes = judged if args.llm else lint_each(job, items, args.jobs, args.stdin_filename)
    for outcome in outcomes:
        if outcome.problem is not None:
            errors.append((outcome.path, outcome.problem))
            _error(f"{outcome.path}: {outcome.problem}")
            continue
        changed += outcome.changed
        worst = max(worst, outcome.worst)
        if min_score is not None and outcome.overall < min_score:
            low_scores += 1
        if fix == "diff":
            sys.stdout.write(outcome.rendered)
        else:
            writer.emit(outcome.rendered)
    if fix != "diff":
        writer.close(errors)
    if fix:
        verb = "fixed" if fix == "fix" else "would fix"
        _say(f"{verb} {changed} file{'s' if changed != 1 else ''}")

    if llm_failed:  # a paid step that did not happen outranks a bad path: the run must be repeated
        return Exit.LLM_FAILED
    if errors:
        return Exit.USAGE
    if fix == "diff":
        return Exit.FINDINGS if changed else Exit.OK
    if low_scores:
        _error(f"{low_scores} posting{'s' if low_scores != 1 else ''} scored below --min-score {min_score}")
        return Exit.FINDINGS
    if worst >= SEVERITY_RANK[fail_on]:
        return Exit.FINDINGS
    return Exit.OK


def _llm_refusal(args: argparse.Namespace) -> str | None:
    """Why `lint --llm` cannot run, found before any posting is read or any request made."""
    if args.fix or args.diff:
        return "--llm cannot be combined with --fix or --diff: a model's verdicts have no fixes"
    if not os.environ.get("OPENAI_API_KEY"):
        return "lint --llm needs an API key in OPENAI_API_KEY (lint without --llm needs none)"
    return None


def _judged_outcomes(args, config, job, items, failed: set[str]):
    """`lint --llm`: the offline reports, plus the verdicts of the rules a model judges.

    Postings are linted here, in order, without worker processes: the time goes on
    the requests, which run concurrently through one client (its gate caps how many).
    A posting whose request failed gets its error line and no result, and its path
    is added to `failed`; the others are reported as usual. Returns the outcomes in
    input order, or a one-line reason the run cannot start (a bad user config).
    """
    from .api import Outcome, outcome_of, reports_each
    from .config import ConfigError, with_user_config
    from .llm import judge
    from .llm.client import LLMError, Settings, Usage

    try:
        settings = Settings.resolve(with_user_config(config), model=args.model)
    except ConfigError as exc:
        return str(exc)
    entries, work = [], []
    for item in reports_each(job, items, args.stdin_filename):
        if isinstance(item, Outcome):
            entries.append((item, None))
            continue
        ignore = job.ignored_for(item.posting.path) if job.ignored_for else ()
        rules = judge.rules_to_judge(job.engine, item.posting, ignore)
        entries.append((item, len(work) if rules else None))
        if rules:
            work.append((item.posting, rules))
    answers = judge.judge_all(settings, work, use_cache=not args.no_cache)
    usage, discarded, outcomes = Usage(), 0, []
    for item, n in entries:
        if n is None:
            outcomes.append(item if isinstance(item, Outcome) else outcome_of(job, item))
            continue
        answer = answers[n]
        if isinstance(answer, LLMError):
            failed.add(item.posting.path)
            outcomes.append(Outcome(item.posting.path, f"the model's rules were not judged: {answer}"))
            continue
        verdicts, spent = answer
        usage.add(spent)
        found = judge.findings_from(verdicts, item.posting.text, work[n][1])
        discarded += found.discarded
        outcomes.append(outcome_of(job, job.engine.add_findings(item, found.findings, found.notes)))
    if work:
        _error(_llm_summary(settings, len(work), len(failed), usage, discarded))
    return outcomes


def _llm_summary(settings, asked: int, failed: int, usage, discarded: int) -> str:
    """One line on what the model was asked and what it cost, for the log of a paid run."""
    judged = asked - failed
    text = f"{settings.model} judged {judged} of {asked} posting{'s' if asked != 1 else ''}"
    text += f": {usage.requests} request{'s' if usage.requests != 1 else ''}"
    text += f", {usage.prompt_tokens} prompt and {usage.completion_tokens} completion tokens"
    if discarded:
        text += f"; {discarded} verdict{'s' if discarded != 1 else ''} discarded (see the notes)"
    return text


def run_edit(args: argparse.Namespace) -> int:
    """The editor; the only command that imports Textual."""
    from pathlib import Path

    from .config import ConfigError, resolve_config
    from .files import ReadRefused
    from .rubric.loader import RubricError

    if not (_is_terminal(sys.stdin) and _is_terminal(sys.__stderr__)):
        # Textual reads keys from stdin and draws on stderr; without a terminal it
        # would wait for keys that never come, or fail inside its driver.
        _error("edit needs a terminal: stdin and stderr must both be one (lint and review need none)")
        return Exit.USAGE
    path = Path(args.path) if args.path else None
    if path is not None and (path.is_dir() or path.suffix.lower() not in (".md", ".txt", ".markdown", ".text", "")):
        _error(f"{path}: edit opens .md and .txt files")
        return Exit.USAGE
    try:
        config = resolve_config(args.config, args.path)
        from .tui.app import make_app

        app = make_app(path, config=config)
    except (ConfigError, RubricError) as exc:
        _error(str(exc))
        return Exit.USAGE
    except (OSError, ReadRefused) as exc:  # an unreadable file: say which, never a traceback
        _error(f"{path}: {getattr(exc, 'strerror', None) or exc}")
        return Exit.USAGE
    app.run()
    return Exit.OK


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


def run_rules(args: argparse.Namespace) -> int:
    """`rules`, `rules --check` and `explain`: the rule data, read the way `lint` reads it."""
    from .api import make_engine
    from .config import ConfigError, resolve_config
    from .report import ruledocs
    from .rubric.loader import RubricError
    from .safe_text import clean

    try:
        config = resolve_config(args.config, None)
        engine = make_engine(rubric_dirs=config.rubrics)
    except (ConfigError, RubricError) as exc:
        _error(str(exc))
        return Exit.USAGE
    rules = engine.all_rules
    if args.command == "explain":
        rule = ruledocs.find_rule(rules, args.rule)
        if rule is None:
            close = ruledocs.suggest(rules, args.rule)
            hint = f" (did you mean {' or '.join(close)}?)" if close else " (`posting-assistant rules` lists them)"
            _error(f"no rule {args.rule!r}{hint}")
            return Exit.USAGE
        print(clean(ruledocs.explain(rule)))  # a user's rubric is text we did not write
        return Exit.OK
    if not args.check:
        print(clean(ruledocs.rules_table(rules)))
        return Exit.OK
    failures = _check_examples(engine)
    for line in failures:
        print(line)
    checked = sum(len(r.examples_bad) + len(r.examples_good) for r in rules if r.kind != "llm")
    print(f"{checked - len(failures)} of {checked} rule examples behave as written", file=sys.stderr)
    return Exit.FINDINGS if failures else Exit.OK


def _check_examples(engine) -> list[str]:
    """Each rule's bad examples must get its finding and its good ones must not."""
    from .document.loaders import posting_from_text
    from .safe_text import shown_path

    failures = []
    for rule in engine.all_rules:
        if rule.kind == "llm":
            continue
        for verdict, texts in (("bad", rule.examples_bad), ("good", rule.examples_good)):
            for n, text in enumerate(texts, 1):
                found = any(f.rule == rule.id for f in engine.lint(posting_from_text(text, "example.txt", "txt")).findings)
                if found != (verdict == "bad"):
                    what = "missed its" if verdict == "bad" else "fired on its"
                    failures.append(f"{shown_path(rule.source_file)}: {rule.id} {what} {verdict} example {n}")
    return failures
