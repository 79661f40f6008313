"""The `service` unit: an AWS service and who owns each layer of the stack when it is
used. The services together are the service matrix, the one truth owner claims are checked
against (srm_build/owners.py); their file's page opens with the responsibility explorer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field, model_validator

from ...errors import Problem
from ..base import Item, LayerRef, Markdown, Model, Owner, SourceRef, Text

if TYPE_CHECKING:
    from ...models import Content


class LayerShare(Model):
    """An owner with the note that explains it; required when the owner is `shared`."""

    owner: Owner
    note: Markdown


class Service(Item):
    """An AWS service and who owns each layer of the stack when it is used."""

    name: Text
    names: list[Text] = Field(
        default=[],
        description='Other words a text uses for the service ("EC2", "S3 bucket"), besides '
        "its `name`: an owner claim made by a text that names the service must be about it.",
    )
    model: Literal["iaas", "paas", "saas"] | None = Field(
        None,
        description="The service model the model pages teach it under; leave it out for a "
        "service they only place in the older framing (`category`), such as Amazon S3.",
    )
    category: Literal["infrastructure", "container", "abstracted"] | None = None
    summary: Markdown
    layers: dict[LayerRef, Owner | LayerShare]
    source: SourceRef

    noun: ClassVar[str | None] = "service"
    template: ClassVar[str] = "service/service.html.jinja"
    client: ClassVar[tuple[str, ...]] = ("srm-explorer.js", "srm-explorer.css")
    component: ClassVar[str | None] = "explorer"

    @model_validator(mode="after")
    def _has_a_label(self) -> Service:
        if self.model is None and self.category is None:
            raise ValueError("a service needs a 'model' (iaas, paas, saas) or a 'category'")
        return self

    @property
    def heading(self) -> str:
        return self.name

    def owner_of(self, layer: str) -> Owner | None:
        cell = self.layers.get(layer)
        return cell.owner if isinstance(cell, LayerShare) else cell

    def checks(self, content: Content) -> Iterator[Problem]:
        """Every layer of the stack has an owner, and a shared one says how."""
        layer_ids = [layer.id for layer in content.layers]
        missing = [layer for layer in layer_ids if layer not in self.layers]
        if missing:
            yield self.where.problem(
                f"service '{self.id}': does not say who owns layer(s) {', '.join(missing)}",
                "layers",
            )
        for layer, cell in self.layers.items():
            if cell == "shared":
                yield self.where.problem(
                    f"service '{self.id}': layer '{layer}' is shared; write it as "
                    f"{{owner: shared, note: ...}} to say how",
                    "layers",
                    layer,
                )
