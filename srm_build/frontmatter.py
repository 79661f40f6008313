"""Front matter of the Markdown pages: a known, typed set of keys, nothing else.

The theme prints front matter values into every page that lists the page (the title and
`subtitle` in the navigation, `status` as a badge, `description` and `author` in `<head>`)
without escaping them, and some keys choose files (`template`, `icon`). So only the keys
below are accepted, each of a known type; the engine adapter escapes the text ones.

The front matter is found the way MkDocs finds it (`mkdocs.utils.meta.get_data`, whose
patterns are repeated here so that checking needs no engine): a YAML block between `---`
lines at the very top, or else MultiMarkdown-style `key: value` lines up to the first blank
line. Either way it is read by the strict YAML loader (no aliases to expand, no tags).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    FiniteFloat,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

from .errors import Problem
from .limits import shorten
from .loader import Document, load_text
from .parse import reword

_YAML_BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")

PlainText = Annotated[str, StringConstraints(min_length=1, max_length=300)]


class SearchMeta(BaseModel):
    """The theme's search options for one page."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)
    exclude: bool = False
    boost: FiniteFloat | None = None
    """Finite: JSON has no NaN or infinity, and the theme's search index, which carries it,
    fails to parse with either."""


class FrontMatter(BaseModel):
    """Every front matter key a page may carry (the theme's names and meanings)."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)
    title: PlainText | None = None
    """The page's title in the navigation and the browser tab (default: its first heading)."""
    description: PlainText | None = None
    """The page's `<meta name="description">`, for search engines."""
    hide: list[Literal["navigation", "toc", "footer", "path", "feedback", "tags"]] = []
    """Parts of the theme's layout this page does without."""
    search: SearchMeta | None = None


KEYS = tuple(FrontMatter.model_fields)


@functools.cache
def _adapter() -> TypeAdapter[FrontMatter]:
    """The front matter's validator, built for the first page that has front matter."""
    return TypeAdapter(FrontMatter)


@dataclass(frozen=True)
class Split:
    """A page split the way the engine splits it."""

    meta_lines: int
    """How many lines at the top are front matter (0 when there is none)."""
    yaml: str | None
    """The front matter as YAML, padded with empty lines so that its line numbers are the
    page's; None when there is no front matter."""
    multimarkdown: bool = False
    """Written as MultiMarkdown `key: value` lines rather than a `---` block."""


def split(text: str) -> Split:
    """Where a page's front matter is, and its YAML (MultiMarkdown lines rewritten as YAML
    keys with their text values quoted, each value whole as MkDocs joins it)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    block = _YAML_BLOCK.match(text)
    if block is not None:
        meta_lines = text.count("\n", 0, block.end())
        return Split(meta_lines, "\n" + block.group(1))
    # As `get_data` does: a continuation line, or the same key again, adds its text to the
    # key's value after a space; each key is written on the line where it first stands.
    values: dict[str, str] = {}
    first_line: dict[str, int] = {}
    key = None
    count = 0
    for line in text.split("\n"):
        if not line.strip():
            break
        first = _META_LINE.match(line)
        more = _META_MORE.match(line) if first is None else None
        if first is not None:
            key = first.group("key").lower().strip()
            value = first.group("value").strip()
            if key in values:
                values[key] += f" {value}"
            else:
                values[key] = value
                first_line[key] = count
        elif more is not None and key is not None:
            values[key] += f" {more.group('value').strip()}"
        else:
            break
        count += 1
    if not count:
        return Split(0, None)
    yaml_lines = [""] * count
    for key, value in values.items():
        quoted = value.replace("'", "''")
        yaml_lines[first_line[key]] = f"{key}: '{quoted}'"
    return Split(len(yaml_lines), "\n".join(yaml_lines) + "\n", multimarkdown=True)


def body(text: str, meta: Split) -> str:
    """The page with its front matter lines blanked: what the engine renders, on the lines
    where it was written."""
    if not meta.meta_lines:
        return text
    lines = text.split("\n")
    return "\n" * meta.meta_lines + "\n".join(lines[meta.meta_lines :])


def check_front_matter(text: str, path: str) -> list[Problem]:
    """Problems with the front matter of the page `text` (shown as `path`)."""
    meta = split(text)
    if meta.yaml is None:
        return []
    doc = load_text(meta.yaml, path)
    if isinstance(doc, Problem):
        return [doc]
    if not isinstance(doc.data, dict):
        return [doc.problem((), "front matter must be a mapping of keys, such as 'title: ...'")]
    try:
        _adapter().validate_python(doc.data)
    except ValidationError as exc:
        return [_problem(doc, error, meta) for error in exc.errors(include_url=False)]
    problems = []
    tag = _TAG.search(doc.data.get("title") or "")
    if tag is not None:
        problems.append(
            doc.problem(
                ("title",),
                f"front matter: field 'title': {shorten(tag.group())} reads as an HTML tag, "
                f"which the engine drops from titles; write it without '<' before a letter, "
                f"'/', '!' or '?'",
            )
        )
    return problems


_TAG = re.compile(r"<[A-Za-z/!?][^>]*>?")
"""What the engine's title handling takes for a tag and removes (MkDocs strips tags from
a page title; a description is escaped and shown as written): a title holding one is
refused rather than shown with words missing."""


def _problem(doc: Document, error: Any, meta: Split) -> Problem:
    if error["type"] == "extra_forbidden":
        name = error["loc"][-1]
        hint = (
            " (a page's first lines in the form 'key: value' are read as front matter; "
            "start the page with its heading)"
            if meta.multimarkdown
            else ""
        )
        return doc.problem(
            tuple(error["loc"]),
            f"front matter key {shorten(name)} is not allowed: a page takes "
            f"{', '.join(KEYS)}{hint}",
            of_key=True,
        )
    problem = reword(doc, error)
    return Problem(problem.path, problem.line, problem.col, f"front matter: {problem.message}")
