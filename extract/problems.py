"""A problem with one input file or line: one line naming the file and what is wrong."""
from __future__ import annotations

import re
from dataclasses import dataclass

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _printable(text: str) -> str:
    """``text`` on one line: control characters shown as escapes."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], _SURROGATE.sub("\ufffd", text))


@dataclass(frozen=True)
class Problem:
    """A file or line that could not be read (``fatal``) or was read with a caveat."""

    source: str
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{_printable(self.source)}: {_printable(self.message)}"
