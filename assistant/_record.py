"""`Record`: the base of the project's plain data classes.

Not `dataclasses`: importing it (and `inspect` with it) costs `lint` about 13 ms of
a 60 ms start-up budget. Subclasses list their fields in `__slots__` and write their
own `__init__`; this base gives them a readable repr and field-wise equality.
"""

from __future__ import annotations


class Record:
    __slots__ = ()

    def _fields(self):
        for cls in reversed(type(self).__mro__):
            yield from getattr(cls, "__slots__", ())

    def __repr__(self) -> str:
        args = ", ".join(f"{name}={getattr(self, name, None)!r}" for name in self._fields() if not name.startswith("_"))
        return f"{type(self).__name__}({args})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, n, None) == getattr(other, n, None) for n in self._fields())

    __hash__ = None  # mutable

    def __getstate__(self):
        return {n: getattr(self, n) for n in self._fields() if hasattr(self, n)}

    def __setstate__(self, state):
        for name, value in state.items():
            object.__setattr__(self, name, value)
