"""Located problems: what every stage reports, and the one way they are printed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a 1-based line and column of a file.

    The path and message are kept printable (`shown`): a message that quotes contributed
    text shows its control characters escaped, so it stays on one line and nothing in it
    can reorder or rewrite the terminal it is printed to."""

    path: str
    line: int
    col: int
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", shown(self.path))
        object.__setattr__(self, "message", shown(self.message))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class ContentError(Exception):
    """Raised when content cannot be built; carries every problem found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


_UNSHOWN = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]"
)
"""Characters a message must not carry as they are: control characters (C0, DEL, C1: a
line break would start a line that reads as another problem, an escape sequence would
drive the terminal), Unicode's line and paragraph separators and its bidirectional
controls (which reorder what follows them), and the invisible ones (a soft hyphen, zero-width
spaces and joiners, a byte-order mark), which a message would quote unseen."""


def shown(text: str) -> str:
    """`text` with the characters of `_UNSHOWN` written as Python escapes (`\\n`, `\\t`,
    `\\x07`, `\\u202e`), the way `repr` shows them; everything else as it is."""
    if _UNSHOWN.search(text) is None:
        return text
    return _UNSHOWN.sub(lambda m: repr(m.group())[1:-1], text)


def format_problems(problems: list[Problem]) -> str:
    """One problem per line, `path:line:col: message`, followed by a count."""
    lines = [str(p) for p in problems]
    count = len(problems)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found")
    return "\n".join(lines)


def display_path(path: PurePath) -> str:
    """Paths are shown with forward slashes so messages read the same on every OS."""
    return path.as_posix()
