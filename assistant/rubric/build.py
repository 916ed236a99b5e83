"""Building an engine: the shipped rubrics and exemplars, plus what a config adds.

Every door (`lint`, `review`, the editor, the API) builds its engine here, so a
config means the same rule set everywhere. In the rubric layer, not in `api.py`,
because `review` builds engines too and sits beside the API, not above it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from ..resources import data_dir
from .engine import Engine
from .exemplars import build_profile
from .loader import load_rubrics


def make_engine(
    *,
    exemplars: str | Path | None = None,
    rubric_dirs: Iterable[str | Path] = (),
    as_of: dt.date | None = None,
    **options,
) -> Engine:
    """An engine with the shipped rubrics plus `rubric_dirs`, and the exemplar profile."""
    ruleset = load_rubrics([data_dir("rubrics"), *map(Path, rubric_dirs)])
    profile = build_profile(Path(exemplars) if exemplars else data_dir("seeds"))
    return Engine(ruleset, profile, as_of=as_of, **options)


def engine_for(config, **overrides) -> Engine:
    """The engine a config file describes (`config.Config`); keyword arguments, such as
    the command line's flags, win over its keys."""
    options = {
        "exemplars": config.exemplars, "rubric_dirs": config.rubrics, "select": config.select,
        "ignore": config.ignore, "severity": config.severity, "allow": config.allow,
    }
    return make_engine(**{**options, **overrides})
