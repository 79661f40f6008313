"""The `review` tool: what is due in the reader's review queue, and their mistakes."""

from __future__ import annotations

from typing import ClassVar, Literal

from ..base import Item, Markdown, Text


class Review(Item):
    """What is due today in the reader's review queue, and their mistakes by misconception."""

    type: Literal["review"]
    title: Text
    intro: Markdown | None = None

    noun: ClassVar[str | None] = "tool"
    template: ClassVar[str] = "review/review.html.jinja"
    client: ClassVar[tuple[str, ...]] = ("srm-choice.js", "srm-study.js", "srm-review.js")
    component: ClassVar[str | None] = "review"
    reads_bank: ClassVar[bool] = True

    @property
    def heading(self) -> str:
        return self.title
