"""Located problems: what every stage reports, and the one way they are printed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a 1-based line and column of a file."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class ContentError(Exception):
    """Raised when content cannot be built; carries every problem found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    """One problem per line, `path:line:col: message`, followed by a count."""
    lines = [str(p) for p in problems]
    count = len(problems)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found")
    return "\n".join(lines)


def display_path(path: PurePath) -> str:
    """Paths are shown with forward slashes so messages read the same on every OS."""
    return path.as_posix()
