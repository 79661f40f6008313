"""Finding and replacing item embeds in Markdown pages.

An embed is a fenced block whose info string is `srm`, with one item id per line:

    ```srm
    quiz-iaas-basics
    ```

It reads as what it is in any Markdown viewer, and other fenced blocks (such as examples
of this syntax inside a longer fence) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`\s]*)[^`]*$")


@dataclass(frozen=True)
class Embed:
    """One `srm` block: the ids it names, each with its 1-based line and column."""

    ids: tuple[tuple[str, int, int], ...]
    first_line: int
    """0-based index of the opening fence line."""
    last_line: int
    """0-based index of the closing fence line (or the last line if never closed)."""


def find_embeds(text: str) -> list[Embed]:
    """Every `srm` block at the top level of `text`, in order."""
    lines = text.splitlines()
    embeds: list[Embed] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence = match["fence"]
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        end = i + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        if match["info"] == "srm":
            ids = tuple(
                (line.strip(), number + 1, len(line) - len(line.lstrip()) + 1)
                for number, line in enumerate(lines[i + 1 : end], start=i + 1)
                if line.strip()
            )
            embeds.append(Embed(ids=ids, first_line=i, last_line=min(end, len(lines) - 1)))
        i = end + 1
    return embeds


_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s|$)")


def heading_level_after(lines: list[str]) -> int:
    """The heading level for an item's title placed after `lines` of Markdown: one below
    the last ATX heading outside fenced code (h2 after the page's h1), at most 6. Titles
    drawn as headings then nest in the page's outline (WCAG 1.3.1)."""
    level, fence = 1, None
    for line in lines:
        match = _FENCE.match(line)
        if fence is not None:
            if match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence):
                fence = None
        elif match:
            fence = match["fence"]
        elif heading := _ATX.match(line):
            level = len(heading[1])
    return min(level + 1, 6)


def replace_embeds(text: str, render: Callable[[Embed], str]) -> str:
    """`text` with each `srm` block replaced by what `render` returns for it."""
    embeds = find_embeds(text)
    if not embeds:
        return text
    lines = text.splitlines()
    out: list[str] = []
    position = 0
    for embed in embeds:
        out.extend(lines[position : embed.first_line])
        out.extend(["", render(embed), ""])
        position = embed.last_line + 1
    out.extend(lines[position:])
    return "\n".join(out) + "\n"
