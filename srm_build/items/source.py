"""The `source` unit: a document that content is drawn from; items name it by id."""

from __future__ import annotations

from typing import ClassVar

from .base import Item, Text, Url


class Source(Item):
    """A document that content is drawn from; items name it by id."""

    title: Text
    url: Url
    publisher: Text = "Amazon Web Services"

    noun: ClassVar[str | None] = "source"
    template: ClassVar[str] = "source.html.jinja"

    @property
    def heading(self) -> str:
        return self.title
