"""Owner claims: who owns a layer, as an item teaches it, and the parts that state an owner
(`OwnedPart`, the sort and match units' items). Parts of the scenario, sort, match, table
and choice units; srm_build/owners.py checks them against the service matrix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from .base import Id, LayerRef, Markdown, Model, Owner, ServiceRef, SourceRef, TextPart

if TYPE_CHECKING:
    from .scenario import Scenario


class Claim(Model):
    """Who owns a layer, as an item teaches it: checked against the service matrix.

    With a `service`, the claim is about that service's cell for `layer`; without one, about
    the layer as every service has it (so it holds only where the whole matrix agrees). With
    no `layer` either, it is about the whole stack, which is shared for every service: allowed
    only for a text that names the whole stack ("all security", "every layer"), and checked so
    (srm_build/owners.py)."""

    owner: Owner
    layer: LayerRef | None = None
    service: ServiceRef | None = None


def one_way_to_claim(claim: Claim | None, claims: list[Claim]) -> None:
    """An option or a statement claims one part (`claim`) or several (`claims`), not both.
    Raises ValueError (a located problem once pydantic reports it)."""
    if claim is not None and claims:
        raise ValueError("give 'claim' for one part or 'claims' for several, not both")


class RowClaim(Model):
    """A table row's owner for one layer, naming the row's services that differ from it."""

    owner: Owner
    exceptions: list[Id] = Field(
        default=[],
        min_length=1,
        description="Services of the row whose matrix cell differs; the row's notes name them.",
    )
    # Not `ServiceRef`: owners.py requires each to be one of the row's `services`, which
    # are references themselves.


class OwnedPart(TextPart):
    """A part that states who owns something (a sort item, a match item whose choice stands
    for an owner), with why. Its `layer` and `service`, or its `claims`, say which cells of
    the service matrix it stands for (srm_build/owners.py checks them); its `source` is the
    page that supports it, where that is not its question's."""

    explanation: Markdown
    service: ServiceRef | None = None
    layer: LayerRef | None = None
    claims: list[Claim] = Field(
        default=[],
        description="For an item made of parts, where it states an owner: who owns each part "
        "(see Scenario.claims).",
    )
    source: SourceRef | None = Field(
        None,
        description="The page that supports this item, where it is not the question's own (a "
        "question over several services cites each service's page); shown under its "
        "explanation.",
    )

    noun: ClassVar[str | None] = "item"


@dataclass(frozen=True)
class OwnerStatement:
    """A part of an item that states who owns something, for srm_build/owners.py to check
    against the service matrix (`Item.owner_statements`: a scenario, a sort's items, a match's
    items whose choice stands for an owner). `part` says which cells it stands for by its own
    `layer` and `service` fields, or by its `claims`; `owner` is the owner it states, in its
    field `field`, where it wrote `written` when that is not the owner itself (a match item's
    choice id); `label` starts each message about it ("match item 'ec2': "), `kind` names it
    ("match item"), `says` ends "says who ..." ("owns it"); `text` is what it says, read in
    `context` (its question's prompt)."""

    part: Scenario | OwnedPart
    label: str
    kind: str
    owner: Owner
    field: str
    says: str
    text: str
    context: str = ""
    written: str | None = None

    def cells(self) -> list[Claim] | None:
        """What it claims: its `claims`, else its `layer` (and `service`) as one claim of its
        `owner`; None when it names no layer."""
        if self.part.claims:
            return list(self.part.claims)
        if self.part.layer is None:
            return None
        return [Claim(owner=self.owner, layer=self.part.layer, service=self.part.service)]


@dataclass(frozen=True)
class FreeText:
    """Free text of an item that may state an owner (an explanation, a feedback), where it
    was written (`part` and the key path `key` under it), and how messages name it."""

    part: Model
    label: str
    key: tuple[str | int, ...]
    text: str
