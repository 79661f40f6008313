"""The `progress` tool: how far the reader has got in each chapter."""

from __future__ import annotations

from typing import ClassVar, Literal

from ..base import Item, Markdown, Text


class Progress(Item):
    """How far the reader has got in each chapter: the prose pages that embed questions, in
    the navigation's order, each with the share of its questions and decks done."""

    type: Literal["progress"]
    title: Text
    intro: Markdown | None = None

    noun: ClassVar[str | None] = "tool"
    template: ClassVar[str] = "progress/site-progress.html.jinja"
    client: ClassVar[tuple[str, ...]] = ("srm-chapters.js",)
    component: ClassVar[str | None] = "chapters"

    @property
    def heading(self) -> str:
        return self.title
