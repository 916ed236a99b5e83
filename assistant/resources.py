"""Where the data folders (rubrics/, prompts/, seeds/) are, in a checkout or installed.

In a checkout they sit beside the package; a wheel carries them inside the package as
`assistant/_data/<name>` (pyproject's force-include). Plain paths rather than
importlib.resources: its import alone costs more than the rest of `lint`'s start-up,
and the wheel is never zipped.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder `name` ("rubrics", "prompts", "seeds"), checkout first."""
    checkout = _PACKAGE.parent / name
    if checkout.is_dir() and (_PACKAGE.parent / "pyproject.toml").is_file():
        return checkout
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    raise FileNotFoundError(f"the {name}/ folder is missing from this installation")
