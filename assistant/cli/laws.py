"""`posting-assistant laws`: the pay-transparency laws in the data, as `lint` applies them.

Read from the same rule set `lint` loads (the shipped `rubrics/pay-laws.toml` and the
config's `rubrics`), so a law a team adds shows here as it will act there.
"""

from __future__ import annotations

from . import diagnostics

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .parser import LawsOptions


def run_laws(options: LawsOptions) -> int:
    import json

    from ..report import lawdocs
    from ..rubric import laws as pay_laws
    from ..safe_text import clean
    from .rules import _engine

    engine = _engine(options.config, options.as_of)
    if isinstance(engine, int):
        return engine
    as_of = engine.as_of
    laws = lawdocs.chosen(engine.laws, as_of, everything=options.all)
    if options.format == "json":
        print(json.dumps({"as_of": as_of.isoformat(), "laws": [lawdocs.law_json(law, as_of) for law in laws]}, indent=2, ensure_ascii=False))
    else:
        print(clean(lawdocs.laws_text(laws, as_of)))  # a user's rubric is text we did not write
    stale = pay_laws.stale(engine.laws, as_of)
    if stale:  # the data rots silently otherwise: the law moves every few months
        diagnostics.note(f"{len(stale)} law entries were last checked more than 12 months before {as_of.isoformat()}: check them again")
    return diagnostics.status()

