"""Glossary terms in prose pages link to their definitions, automatically.

The first mention of each term on a page becomes a link to its entry, with a short
definition the stylesheet shows on hover and on keyboard focus. Headings, links and code
are left alone, and so is item HTML, which is put in place after Markdown has run."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .markup import render_block
from .models import Term
from .references import located

_SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "kbd"}
_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")
TIP_LENGTH = 160


@dataclass(frozen=True)
class Mention:
    """A way a term is written, the term it names, and the tip shown for it."""

    phrase: str
    term: str
    tip: str


def mentions(terms: list[Term]) -> list[Mention]:
    """How each term may be written: its name, its name without a trailing (ABBR), and its
    aliases. Longest first, so "Availability Zone" wins over "Zone"."""
    found: dict[str, Mention] = {}
    for term in terms:
        with located(term.where.doc, term.where.key):
            tip = _tip(term.definition)
        for phrase in (term.term, _PARENTHESIS.sub("", term.term), *term.aliases):
            if len(phrase) >= 2 and phrase.casefold() not in found:
                found[phrase.casefold()] = Mention(phrase, term.id, tip)
    return sorted(found.values(), key=lambda m: (-len(m.phrase), m.phrase))


def _tip(definition: str) -> str:
    text = " ".join(Markup(render_block(definition)).striptags().split())
    return text if len(text) <= TIP_LENGTH else text[: TIP_LENGTH - 1].rstrip() + "…"


def _pattern(found: list[Mention]) -> re.Pattern[str]:
    # Acronyms match as written (IAM, not "iam"); other phrases in any case.
    parts = [
        re.escape(m.phrase) if m.phrase.isupper() else f"(?i:{re.escape(m.phrase)})" for m in found
    ]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])")


class GlossaryState(Protocol):
    """What the links of one page need: set by `GlossaryExtension` or, per page, by the
    core extension (srm_build/markdown.py)."""

    href: Callable[[str], str] | None
    mentions: list[Mention]
    pattern: re.Pattern[str]
    by_phrase: dict[str, Mention]


class GlossaryLinks(Treeprocessor):
    """Links the first mention of each term in a page's text."""

    def __init__(self, md: markdown.Markdown, extension: GlossaryState) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: Element) -> None:
        href = self.extension.href
        if href is None or not self.extension.mentions:
            return
        self.seen: set[str] = set()
        self.href = href
        self._walk(root)

    def _walk(self, element: Element) -> None:
        if element.tag in _SKIP:
            return
        if element.text:
            element.text = self._link(element.text, element, 0)
        for child in list(element):
            self._walk(child)
            if child.tail:
                position = list(element).index(child) + 1
                child.tail = self._link(child.tail, element, position)

    def _link(self, text: str, parent: Element, position: int) -> str:
        """Link mentions in `text`; links are inserted into `parent` at `position`."""
        pattern = self.extension.pattern
        by_phrase = self.extension.by_phrase
        head, rest = "", text
        inserted: list[Element] = []
        while match := pattern.search(rest):
            mention = by_phrase[match.group().casefold()]
            if mention.term in self.seen:
                head_part, rest = rest[: match.end()], rest[match.end() :]
                if inserted:
                    inserted[-1].tail = (inserted[-1].tail or "") + head_part
                else:
                    head += head_part
                continue
            self.seen.add(mention.term)
            link = Element(
                "a",
                {
                    "class": "srm-glossary-link",
                    "href": self.href(mention.term),
                    "data-srm-tip": mention.tip,
                },
            )
            link.text = match.group()
            before = rest[: match.start()]
            if inserted:
                inserted[-1].tail = (inserted[-1].tail or "") + before
            else:
                head += before
            inserted.append(link)
            rest = rest[match.end() :]
        if not inserted:
            return text
        inserted[-1].tail = (inserted[-1].tail or "") + rest
        for offset, link in enumerate(inserted):
            parent.insert(position + offset, link)
        return head


class GlossaryExtension(Extension):
    """Python-Markdown extension; the caller sets `href` for each page before it renders
    (None turns linking off, as on the glossary page itself)."""

    def __init__(self, terms: list[Term]) -> None:
        super().__init__()
        self.mentions = mentions(terms)
        self.by_phrase = {m.phrase.casefold(): m for m in self.mentions}
        self.pattern = _pattern(self.mentions) if self.mentions else re.compile(r"(?!)")
        self.href: Callable[[str], str] | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown API)
        # After inline patterns (20) have made links and code, before MkDocs' link work (0).
        md.treeprocessors.register(GlossaryLinks(md, self), "srm_glossary_links", 6)
