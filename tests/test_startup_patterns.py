"""The expressions built at import are the same in every process.

`_regex_cache` stores compiled expressions between runs of the command line; one
expression whose text depends on set order (and so on the hash seed of the process)
is new on every run, and every run then stores the whole cache again: one file's
`lint` went from 50 ms to 200 ms that way (a label list joined in set order).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

_PROBE = """
import json, re
import assistant.api, assistant.cli.lint, assistant.cli.linting
from assistant.api import lint_text
lint_text("Analyst\\n\\nYou will build weekly reports. Job Type: Full-time\\n")
from assistant import _regex_cache
keys = sorted(k[1] for k in re._cache if k[0] is str) + sorted(p for p, _ in _regex_cache._store)
print(json.dumps(keys))
"""


def _patterns(seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "POSTING_ASSISTANT_NO_CACHE": "1"}
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout)


def test_expressions_do_not_depend_on_the_hash_seed():
    first, second = _patterns("1"), _patterns("2")
    assert first and set(first) == set(second), sorted(set(first) ^ set(second))[:3]
