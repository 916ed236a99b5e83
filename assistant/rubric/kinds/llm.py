"""`kind = "llm"`: a criterion a model judges, only under `lint --llm`.

`lint` itself never runs it (no `check`): `llm/judge.py` asks the model and turns its
verdicts into findings. The rule lives here all the same, so its keys are checked
and `explain` can say what it asks.
"""

from __future__ import annotations

from ...phrasing import flat

KEYS = {"criterion"}
EXAMPLES_REQUIRED = False  # its examples show the idea; no verdict of a model is certain
JUDGED_BY_MODEL = True


def describe(rule) -> str:
    criterion = flat(rule.params.get("criterion") or rule.summary)
    return (
        f"Judged by a model, only with `lint --llm` (offline `lint` skips it). The model is asked: "
        f"“{criterion}” Its verdict must quote the posting, "
        "or it is discarded; a verdict of “not met” is reported at the first quote."
    )
