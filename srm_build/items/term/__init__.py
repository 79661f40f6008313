"""The `term` unit: a glossary entry, linked from its first mention on each prose page."""

from __future__ import annotations

from typing import ClassVar

from ..base import Item, Markdown, SourceRef, TermRef, Text


class Term(Item):
    """A glossary entry. `quote: true` marks the definition as official wording."""

    term: Text
    definition: Markdown
    quote: bool = False
    aliases: list[Text] = []
    related: list[TermRef] = []
    source: SourceRef

    noun: ClassVar[str | None] = "term"
    template: ClassVar[str] = "term/term.html.jinja"
    client: ClassVar[tuple[str, ...]] = ("srm-tip.js",)
    """The glossary tips on the pages that mention a term (srm_build/glossary.py)."""

    @property
    def heading(self) -> str:
        return self.term
