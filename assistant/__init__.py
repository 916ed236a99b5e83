"""posting-assistant: write and review job postings.

Names are imported on first use (module `__getattr__`), so importing the package
costs nothing until a function is called.
"""

from ._version import __version__

_LAZY = {
    "lint_text": "api",
    "lint_file": "api",
    "lint_paths": "api",
    "review_paths": "review.runner",
    "make_engine": "api",
    "discover": "api",
    "LoadError": "api",
    "Report": "rubric.model",
    "Finding": "rubric.model",
    "Posting": "document.model",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
