"""`posting-assistant rules [--check]` and `explain RULE`: the rule data, read the way `lint` reads it."""

from __future__ import annotations

from . import diagnostics

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .parser import ExplainOptions, RulesOptions


def _engine(config_path: str | None):
    """The engine of the shipped rules and the config's `rubrics`; or the exit code of a
    config or rubric that cannot be read, said."""
    from ..api import make_engine
    from ..config import ConfigError, resolve_config
    from ..rubric.loader import RubricError

    try:
        config = resolve_config(config_path, None)
        return make_engine(rubric_dirs=config.rubrics)
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

    engine = _engine(options.config)
    if isinstance(engine, int):
        return engine
    rule = ruledocs.find_rule(engine.all_rules, options.rule)
    if rule is None:
        close = ruledocs.suggest(engine.all_rules, options.rule)
        hint = f" (did you mean {' or '.join(close)}?)" if close else " (`posting-assistant rules` lists them)"
        return diagnostics.usage_error(f"no rule {options.rule!r}{hint}")
    print(clean(ruledocs.explain(rule)))  # a user's rubric is text we did not write
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
