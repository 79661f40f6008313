"""The `misconception` unit: a wrong belief readers often hold; wrong answers name it."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from .base import Item, Markdown, SourceRef, Text


class Misconception(Item):
    """A wrong belief readers often hold; wrong options name it to group mistakes."""

    belief: Text = Field(
        description="The belief in the reader's words, e.g. 'AWS patches the guest OS of my "
        "instances'."
    )
    correction: Markdown
    source: SourceRef

    noun: ClassVar[str | None] = "misconception"
    template: ClassVar[str] = "misconception.html.jinja"

    @property
    def heading(self) -> str:
        return self.belief
