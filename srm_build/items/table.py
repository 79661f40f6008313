"""The `table` unit: a responsibility table, or a layer stack drawn from its rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field, model_validator

from ..errors import Problem
from .base import (
    OWNERS,
    Id,
    Item,
    LayerRef,
    Markdown,
    NamedPart,
    Owner,
    ServiceRef,
    SourceRef,
    Text,
)
from .claims import RowClaim

if TYPE_CHECKING:
    from ..models import Content


class TableRow(NamedPart):
    """One row: what AWS, the customer, or both do for the thing the row names."""

    id: Id
    label: Text
    model: Literal["iaas", "paas", "saas"] | None = Field(
        None,
        description="For a generic service-model row: its `claims` are checked against every "
        "service of that model in the matrix, and `services` must list all of them. A row "
        "whose label or id names a model (IaaS, PaaS, SaaS) must say which.",
    )
    category: Literal["infrastructure", "container", "abstracted"] | None = Field(
        None,
        description="For a row about one of the older framing's service categories: checked "
        "like `model`, against every service of that `category` in the matrix. A row whose "
        "label or id names a category (container services, abstracted services) must say which.",
    )
    services: list[ServiceRef] = []
    aws: list[Markdown] = []
    customer: list[Markdown] = []
    shared: list[Markdown] = []
    notes: Markdown | None = None
    source: SourceRef | None = None
    claims: dict[LayerRef, Owner | RowClaim] = Field(
        default={},
        description="Layer -> the owner this row teaches for it, for each of its `services` "
        "(or, with none, for every service): checked against the service matrix.",
    )
    beside: bool = Field(
        False,
        description="In a stack drawing, this row sits beside the row above rather than under it.",
    )

    noun: ClassVar[str | None] = "row"

    @model_validator(mode="after")
    def _says_who(self) -> TableRow:
        if not (self.aws or self.customer or self.shared):
            raise ValueError("a row needs at least one of 'aws', 'customer' or 'shared'")
        if self.model is not None and self.category is not None:
            raise ValueError("a row is about one 'model' or one 'category', not both")
        return self

    def column(self, owner: Owner) -> list[str]:
        """What the row lists under `owner`."""
        return {"aws": self.aws, "customer": self.customer, "shared": self.shared}[owner]

    def owners(self) -> list[Owner]:
        """The owner columns the row fills, in the model's order."""
        return [owner for owner in OWNERS if self.column(owner)]


class Table(Item):
    """A responsibility table; rows take the table's source unless they name their own."""

    title: Text
    intro: Markdown | None = None
    row_header: Text = Field(
        "Area", description="Heading of the first column, naming what each row is about."
    )
    source: SourceRef
    rows: list[TableRow] = Field(min_length=1)
    draw: Literal["table", "stack"] = Field(
        "table",
        description="`stack` draws the rows as a layer stack, first row on top, coloured by owner.",
    )

    noun: ClassVar[str | None] = "table"
    template: ClassVar[str] = "table.html.jinja"

    @property
    def heading(self) -> str:
        return self.title

    def columns(self) -> list[Owner]:
        """The owner columns the table needs: those at least one row fills."""
        return [owner for owner in OWNERS if any(row.column(owner) for row in self.rows)]

    def tiers(self) -> list[list[tuple[TableRow, Owner]]]:
        """The table drawn as a stack: its rows in tiers, top first, rows marked `beside`
        sharing the tier above; each row with its owner (`shared` when more than one column
        is filled)."""
        tiers: list[list[tuple[TableRow, Owner]]] = []
        for row in self.rows:
            owners = row.owners()
            cell: tuple[TableRow, Owner] = (row, owners[0] if len(owners) == 1 else "shared")
            if row.beside and tiers:
                tiers[-1].append(cell)
            else:
                tiers.append([cell])
        return tiers

    def checks(self, content: Content) -> Iterator[Problem]:
        """Row ids are unique in the table; only a stack's rows after the first sit beside."""
        seen: set[str] = set()
        for i, row in enumerate(self.rows):
            if row.id in seen:
                yield row.where.problem(f"table '{self.id}': row id '{row.id}' is used twice", "id")
            seen.add(row.id)
            if row.beside and (self.draw != "stack" or i == 0):
                reason = "it is the first row" if i == 0 else "the table is not drawn as a stack"
                yield row.where.problem(
                    f"table '{self.id}': row '{row.id}' cannot sit beside the row above: {reason}",
                    "beside",
                )
