"""The `layer` unit: one level of the stack, from physical facilities up to customer data."""

from __future__ import annotations

from typing import ClassVar

from .base import Item, Markdown, SourceRef, Text


class Layer(Item):
    """One level of the stack, from physical facilities up to customer data."""

    name: Text
    description: Markdown
    source: SourceRef

    noun: ClassVar[str | None] = "layer"
    template: ClassVar[str] = "layer.html.jinja"

    @property
    def heading(self) -> str:
        return self.name
