"""Finding and replacing item embeds in Markdown pages.

An embed is a fenced block whose info string is `srm`, with one item id per line:

    ```srm
    quiz-iaas-basics
    ```

It reads as what it is in any Markdown viewer, and other fenced blocks (such as examples
of this syntax inside a longer fence) are left alone.

A block that names a YAML file instead (`glossary.yml`, relative to the page) shows the
whole file: that is how a page made from YAML exists as an authored page on every engine.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

FILE_SUFFIXES = (".yml", ".yaml")
"""A line of an `srm` block that ends so names a whole YAML file, not an item id."""

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`\s]*)[^`]*$")


@dataclass(frozen=True)
class Embed:
    """One `srm` block: the ids it names, each with its 1-based line and column."""

    ids: tuple[tuple[str, int, int], ...]
    first_line: int
    """0-based index of the opening fence line."""
    last_line: int
    """0-based index of the closing fence line (or the last line if never closed)."""
    nested: bool = False
    """Inside a list, block quote, admonition or content tab, or written `{.srm}`: the
    SuperFences format expands it, which shows items only (a whole file is shown by a
    top-level block)."""

    @property
    def files(self) -> tuple[tuple[str, int, int], ...]:
        """The lines that name whole YAML files, with their line and column."""
        if self.nested:
            return ()
        return tuple(entry for entry in self.ids if entry[0].endswith(FILE_SUFFIXES))

    @property
    def items(self) -> tuple[tuple[str, int, int], ...]:
        """The lines that name items (in a nested block, every line)."""
        if self.nested:
            return self.ids
        return tuple(entry for entry in self.ids if not entry[0].endswith(FILE_SUFFIXES))


def shown_file(page: str, name: str) -> str:
    """The YAML file, relative to the content root, that a block on `page` names."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), name))


# An opening fence anywhere SuperFences finds one: after block quote markers, list markers
# and any indentation (admonitions and content tabs indent by four), with its info string
# plain (`srm`) or in braces (`{.srm}`, whose first class names the fence).
_ANY_FENCE = re.compile(
    r"^(?P<prefix>[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]+)*)(?P<fence>`{3,}|~{3,})[ \t]*"
    r"(?:\{[ \t]*\.(?P<brace>[^\s}]+)[^}]*\}|(?P<info>[^`\s{]*)[^`]*)[ \t]*$"
)
_QUOTE = re.compile(r"^[ \t>]*")


def find_embeds(text: str) -> list[Embed]:
    """Every `srm` block in `text`, in order, wherever SuperFences expands one: at the top
    level, and (`nested`) inside lists, block quotes, admonitions and content tabs, or
    written with braces. Other fenced blocks, and what they hold, are skipped."""
    lines = text.splitlines()
    embeds: list[Embed] = []
    i = 0
    while i < len(lines):
        match = _ANY_FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence = match["fence"]
        closing = re.compile(rf"^[ \t>]*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        end = i + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        if "srm" in (match["info"], match["brace"]):
            ids = []
            for number, line in enumerate(lines[i + 1 : end], start=i + 1):
                ident = _QUOTE.sub("", line).strip()
                if ident:
                    ids.append((ident, number + 1, line.index(ident) + 1))
            top = _FENCE.match(lines[i]) is not None and match["brace"] is None
            embeds.append(
                Embed(
                    ids=tuple(ids),
                    first_line=i,
                    last_line=min(end, len(lines) - 1),
                    nested=not top,
                )
            )
        i = end + 1
    return embeds


ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:\s|$)")
"""A line that opens an ATX heading (`## Title`); its group is the hashes."""


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
        elif heading := ATX_HEADING.match(line):
            level = len(heading[1])
    return min(level + 1, 6)
