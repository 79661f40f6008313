"""The `layer` unit: one level of the stack, from physical facilities up to customer data."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from .base import Item, Markdown, SourceRef, Text


class Layer(Item):
    """One level of the stack, from physical facilities up to customer data."""

    name: Text
    names: list[Text] = Field(
        default=[],
        description='Other words a text uses for this layer, besides its `name` ("guest OS", '
        '"operating system"), matched case-insensitively as whole words: an owner claim about '
        "the layer must be made by a text that names it (srm_build/owners.py).",
    )
    description: Markdown
    source: SourceRef

    noun: ClassVar[str | None] = "layer"
    template: ClassVar[str] = "layer.html.jinja"

    @property
    def heading(self) -> str:
        return self.name
