"""`posting-assistant rules [--check]` and `explain RULE`: the rule data, read the way `lint` reads it."""

from __future__ import annotations

from . import diagnostics

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .parser import ExplainOptions, RulesOptions


def _engine(config_path: str | None, as_of=None):
    """The engine of the shipped rules and the config's `rubrics`; or the exit code of a
    config or rubric that cannot be read, said."""
    from ..api import make_engine
    from ..config import ConfigError, resolve_config
    from ..rubric.loader import RubricError

    try:
        config = resolve_config(config_path, None)
        return make_engine(rubric_dirs=config.rubrics, as_of=as_of)
    except (ConfigError, RubricError) as exc:
        return diagnostics.usage_error(str(exc))


def run_rules(options: RulesOptions) -> int:
    from ..report import ruledocs
    from ..safe_text import clean

    engine = _engine(options.config)
    if isinstance(engine, int):
        return engine
    rules = engine.all_rules
    if not options.check:
        print(clean(ruledocs.rules_table(rules)))  # a user's rubric is text we did not write
        return diagnostics.status()
    failures = _check_examples(engine)
    for line in failures:
        print(line)
    checked = sum(len(r.examples_bad) + len(r.examples_good) for r in rules if r.kind != "llm")
    diagnostics.note(f"{checked - len(failures)} of {checked} rule examples behave as written")
    return diagnostics.status(findings=bool(failures))


def run_explain(options: ExplainOptions) -> int:
    from ..report import ruledocs
    from ..safe_text import clean

    engine = _engine(options.config, options.as_of)
    if isinstance(engine, int):
        return engine
    rule = ruledocs.find_rule(engine.all_rules, options.rule)
    if rule is None:
        close = ruledocs.suggest(engine.all_rules, options.rule)
        hint = f" (did you mean {' or '.join(close)}?)" if close else " (`posting-assistant rules` lists them)"
        return diagnostics.usage_error(f"no rule {options.rule!r}{hint}")
    if options.path and rule.id not in _PAY_RULES:
        return diagnostics.usage_error(f"{rule.id} takes no FILE (only {' and '.join(sorted(_PAY_RULES))} list a posting's laws)")
    print(clean(ruledocs.explain(rule)))  # a user's rubric is text we did not write
    if rule.id in _PAY_RULES:
        return _explain_laws(engine, options)
    return diagnostics.status()


_PAY_RULES = {"completeness/salary", "completeness/pay-range"}


def _explain_laws(engine, options: ExplainOptions) -> int:
    """The pay-transparency laws behind the pay rules: with FILE, those the posting's
    places bring in and what each makes of it; without, the laws in force."""
    from ..report import lawdocs
    from ..safe_text import clean

    as_of = engine.as_of
    print()
    if not options.path:
        laws = lawdocs.chosen(engine.laws, as_of)
        print(f"Pay-transparency laws in force on {as_of.isoformat()} ({len(laws)}; "
              "`posting-assistant explain completeness/salary FILE` shows those a posting triggers):")
        print(clean("\n".join(f"- {law.jurisdiction}: {law.name} ({law.citation})" for law in laws)))
        return diagnostics.status()
    from ..document.loaders import LoadError, load_path

    try:
        posting = load_path(options.path)
    except (LoadError, OSError) as exc:
        return diagnostics.usage_error(str(exc))
    print(clean(lawdocs.verdicts_text(engine.laws_for(posting), as_of)))
    return diagnostics.status()


def _check_examples(engine) -> list[str]:
    """Each rule's bad examples must get its finding and its good ones must not."""
    from ..document.loaders import posting_from_text
    from ..safe_text import shown_path

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
