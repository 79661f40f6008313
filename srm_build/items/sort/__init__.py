"""The `sort` question type: items to sort into owner buckets, by dragging or by a list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from ...errors import Problem
from ..base import OWNER_LABELS, Owner
from ..claims import OwnedPart, OwnerStatement
from ..question import Entry, KeyPart, Lookup, Qti, QuestionBase, gift_text

if TYPE_CHECKING:
    from ...models import Content
    from ..quiz import Quiz


class SortItem(OwnedPart):
    """Something to place in a bucket; `service` and `layer` tie it to the matrix."""

    owner: Owner


class Sort(QuestionBase):
    """Items to sort into owner buckets."""

    type: Literal["sort"]
    buckets: list[Owner] = Field(min_length=2)
    items: list[SortItem] = Field(min_length=2)

    template: ClassVar[str] = "sort/sort.html.jinja"
    client: ClassVar[tuple[str, ...]] = (
        "srm-choice.js",
        "srm-drag.js",
        "srm-sort.js",
        "srm-sort.css",
    )
    component: ClassVar[str | None] = "sort"
    study: ClassVar[Literal["exam", "review"] | None] = "review"

    def reordered(self, quiz: Quiz | None) -> str | None:
        # Each reader moves the items into boxes of their own choosing, where the list
        # they were written in no longer stands.
        return "items"

    def answer_key(self) -> list[KeyPart]:
        return [KeyPart(i.text, f": {OWNER_LABELS[i.owner]}") for i in self.items]

    def answer_entry(self, quiz: Quiz | None, lookup: Lookup) -> Entry:
        return {
            "buckets": list(self.buckets),
            "items": [
                {"id": i.id, "text": i.text, "owner": i.owner, "explanation": i.explanation}
                for i in self.items
            ],
        }

    def checks(self, content: Content) -> Iterator[Problem]:
        """Buckets and item ids are unique; every item's owner is one of the buckets."""
        for i, bucket in enumerate(self.buckets):
            if self.buckets.index(bucket) != i:
                yield self.where.problem(
                    f"question '{self.id}': bucket '{bucket}' is listed twice", "buckets", i
                )
        seen: set[str] = set()
        for item in self.items:
            if item.id in seen:
                yield item.where.problem(
                    f"question '{self.id}': item id '{item.id}' is used twice", "id"
                )
            seen.add(item.id)
            if item.owner not in self.buckets:
                yield item.where.problem(
                    f"question '{self.id}': item '{item.id}' belongs in '{item.owner}', which "
                    f"is not one of the buckets {', '.join(self.buckets)}",
                    "owner",
                )

    def owner_statements(self) -> list[OwnerStatement]:
        """Each item states its owner."""
        return [
            OwnerStatement(
                part=item,
                label=f"sort item '{item.id}': ",
                kind="sort item",
                owner=item.owner,
                field="owner",
                says="owns it",
                text=item.text,
                context=self.prompt,
            )
            for item in self.items
        ]

    @classmethod
    def gift(cls, entry: Entry) -> list[str] | None:
        # A GIFT matching question: each item -> its owner.
        return [f"\t={gift_text(i['text'])} -> {OWNER_LABELS[i['owner']]}" for i in entry["items"]]

    @classmethod
    def qti(cls, entry: Entry) -> Qti | None:
        return Qti(
            "sort/sort.qti.xml.jinja",
            correct=[f"{i['id']} {i['owner']}" for i in entry["items"]],
            cardinality="multiple",
            base_type="directedPair",
        )

    @classmethod
    def anki_front(cls, entry: Entry) -> list[str]:
        return [entry["prompt"], *(f"- {i['text']}" for i in entry["items"])]

    @classmethod
    def anki_back(cls, entry: Entry) -> list[str]:
        return [f"{i['text']}: {OWNER_LABELS[i['owner']]}" for i in entry["items"]]
