"""Limits every piece of contributed text is held to, in YAML and in prose alike.

Each limit stops an input that would break a reader's page, an export, or the build
itself; the check reports it with its place instead.
"""

from __future__ import annotations

import re
from html.entities import html5

MAX_BYTES = 1024 * 1024
"""Largest file in the content folder, images included: pages and YAML are hand-written,
and an image for a study page needs far less; anything larger is a mistake or an attack."""

MAX_DEPTH = 20
"""Deepest nesting of YAML mappings and lists; content needs under ten (a quiz file's
options sit at depth seven). Deeper input would exhaust Python's recursion limit."""

MAX_BRACKET_DEPTH = 8
"""Deepest nesting of `[` in one Markdown text. Python-Markdown's link parser takes time
that grows with the square of nested or unclosed brackets (18 KB of them took 12 s)."""

MAX_BRACKETS = 500
"""Most `[` in one Markdown text of YAML; a field with links has a handful."""

MAX_EMPHASIS_RUN = 100
"""Most `*` or `_` in a row. Python-Markdown matches emphasis recursively: 2,000 `*` on each
side of a word exhaust Python's recursion limit (a `RecursionError`); `***` is the most
Markdown means, and a rule (`* * *`, `---`) needs no long run."""

MAX_ESCAPES = 1000
"""Most backslashes in one paragraph (a block up to a blank line). Python-Markdown's time
grows with the square of them (80,000 took 24 s, 300,000 on one line a minute)."""

MAX_LINE_BRACES = 100
"""Most `{` on one line. The `attr_list` extension tries every `{` of a heading as the
start of an attribute list, in time that grows with the square of them (20,000 took
12 s)."""

MAX_NESTING = 200
"""Most indentation, list markers and quote markers before a line's text. Python-Markdown
parses nested lists and quotes recursively: `- ` written 500 times on one line (1 KB), or
a list 250 levels deep, exhausts Python's recursion limit; content nests a few levels."""

MAX_PAGE_ANGLES = 1000
"""Most `<` in one Markdown page. MkDocs reads a page's raw HTML in a preprocessor of its
own before any extension runs, whatever the site allows, in time that grows with the square
of the `<` (4,000 `<a ` took 1.3 s, 20,000 took 30 s); a page of prose has a handful."""

_NESTING = re.compile(rf"^(?:[ \t>]|(?:[-*+]|\d{{1,9}}[.)])(?=[ \t])){{{MAX_NESTING},}}", re.M)

_EMPHASIS_RUN = re.compile(rf"([*_])\1{{{MAX_EMPHASIS_RUN},}}")

_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
"""Control characters (C0 but tab and line breaks, DEL, C1), which XML 1.0 forbids and no
reader can see, and Unicode's bidirectional controls, which reorder how text is shown (the
"Trojan Source" trick, CVE-2021-42574)."""


_REFERENCE = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));?")
"""An HTML character reference, which Markdown and browsers turn into its character."""


def forbidden_character(text: str) -> tuple[int, str] | None:
    """The offset and a description of the first character content may not hold, written
    as itself or as an HTML character reference (`&#x202E;`, `&rlm;`), or None."""
    match = _FORBIDDEN.search(text)
    if match is not None:
        return match.start(), _forbidden(match.group())
    if "&" in text:
        for ref in _REFERENCE.finditer(text):
            char = _referenced(ref)
            if char is not None and _FORBIDDEN.fullmatch(char):
                return ref.start(), f"character reference '{ref.group()}': {_forbidden(char)}"
    return None


def _referenced(ref: re.Match[str]) -> str | None:
    """The character an HTML character reference stands for, or None (not one, or more)."""
    hexadecimal, decimal, name = ref.groups()
    if name is not None:
        char = html5.get(f"{name};")
        return char if char is not None and len(char) == 1 else None
    code = int(hexadecimal, 16) if hexadecimal is not None else int(decimal)
    return chr(code) if code <= 0x10FFFF else None


def _forbidden(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char in "\u061c\u200e\u200f" or "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return (
            f"bidirectional control character {code} is not allowed: it changes the order "
            f"in which text is shown; delete it"
        )
    return f"control character {code} is not allowed; delete it"


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def bracket_problem(text: str, *, count: bool = True) -> tuple[int, str] | None:
    """The offset and message of brackets nested too deep (or too many, with `count`)."""
    if "[" not in text:
        return None
    if count and text.count("[") > MAX_BRACKETS:
        return text.index("["), f"more than {MAX_BRACKETS} '[' in one text; split it up"
    depth = 0
    for match in re.finditer(r"[\[\]]", text):
        char = match.group()
        if char == "[":
            depth += 1
            if depth > MAX_BRACKET_DEPTH:
                return match.start(), (
                    f"brackets '[' nested more than {MAX_BRACKET_DEPTH} deep; "
                    f"write them as \\[ if they are text"
                )
        elif char == "]":
            depth = max(0, depth - 1)
    return None


def markdown_problem(text: str) -> tuple[int, str] | None:
    """The offset and message of the first thing in the Markdown `text` (one paragraph, or
    a whole page split at blank lines) past what Python-Markdown parses quickly and without
    exhausting the recursion limit: brackets (`bracket_problem`, counting them only with
    `count`), runs of `*`/`_` (`MAX_EMPHASIS_RUN`), nesting (`MAX_NESTING`), backslashes
    per paragraph (`MAX_ESCAPES`) and braces per line (`MAX_LINE_BRACES`)."""
    if (
        "[" not in text
        and text.count("\\") <= MAX_ESCAPES
        and text.count("{") <= MAX_LINE_BRACES
        and _EMPHASIS_RUN.search(text) is None
        and _NESTING.search(text) is None
    ):
        # What holds for the whole text holds for each paragraph: most texts, checked
        # without splitting them (the check runs on every string of every file).
        return None
    offset = 0
    for paragraph in re.split(r"(\n[ \t]*\n)", text):
        if paragraph.strip():
            found = _paragraph_problem(paragraph)
            if found is not None:
                return offset + found[0], found[1]
        offset += len(paragraph)
    return None


def _paragraph_problem(text: str) -> tuple[int, str] | None:
    brackets = bracket_problem(text)
    if brackets is not None:
        return brackets
    run = _EMPHASIS_RUN.search(text)
    if run is not None:
        return run.start(), (
            f"{len(run.group()):,} '{run.group(1)}' in a row; Markdown needs at most "
            f"{MAX_EMPHASIS_RUN} (longer runs exhaust the parser); shorten the run"
        )
    nesting = _NESTING.search(text)
    if nesting is not None:
        return nesting.start(), (
            f"a line starts with more than {MAX_NESTING} spaces, list and quote markers, "
            f"which the Markdown parser nests past Python's recursion limit; nest less"
        )
    if text.count("\\") > MAX_ESCAPES:
        at = [m.start() for m in re.finditer(r"\\", text)][MAX_ESCAPES]
        return at, (
            f"more than {MAX_ESCAPES:,} backslashes in one paragraph, which the Markdown "
            f"parser takes too long on; split it up"
        )
    if text.count("{") > MAX_LINE_BRACES:
        start = 0
        for line in text.split("\n"):
            if line.count("{") > MAX_LINE_BRACES:
                at = [m.start() for m in re.finditer(r"\{", line)][MAX_LINE_BRACES]
                return start + at, (
                    f"more than {MAX_LINE_BRACES} '{{' on one line, which the Markdown "
                    f"parser takes too long on; split the line"
                )
            start += len(line) + 1
    return None


def shorten(value: object, limit: int = 60, quote: str | None = None) -> str:
    """`repr(value)`, cut to about `limit` characters and saying how long it was. With
    `quote`, a text is shown as written between that quote (`""` for none) rather than as
    its `repr`: `'x...' (900,000 characters)` either way when cut. (Control characters are
    escaped where the message is printed, `errors.Problem`.)"""
    if quote is not None and isinstance(value, str):
        if len(value) <= limit:
            return f"{quote}{value}{quote}"
        return f"{quote}{value[:limit]}...{quote} ({len(value):,} characters)"
    text = repr(value)
    if len(text) <= limit + 2:
        return text
    if isinstance(value, str):
        cut = repr(value[:limit])
        return f"{cut[:-1]}...{cut[-1]} ({len(value):,} characters)"
    return f"{text[:limit]}... ({len(text):,} characters)"


def angle_problem(text: str) -> tuple[int, str] | None:
    """The offset and message of the `<` past `MAX_PAGE_ANGLES` in the page `text`, or None."""
    if text.count("<") <= MAX_PAGE_ANGLES:
        return None
    offset = -1
    for _ in range(MAX_PAGE_ANGLES + 1):
        offset = text.index("<", offset + 1)
    return offset, (
        f"more than {MAX_PAGE_ANGLES:,} '<' in one page, which MkDocs reads ever more slowly "
        "as raw HTML; write '&lt;' for a '<' shown as text"
    )
