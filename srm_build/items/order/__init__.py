"""The `order` question type: items to put in sequence (QTI's `orderInteraction`).

The author writes the items in the right order; readers see them in another: without the
script, in a fixed order of the build's that puts no item in its right place, each with a
list of positions to choose from; with it, in an order of their own, moved with Up and Down
buttons, those lists, or by dragging. The unit is a package folder: beside this model are
its template (`order.html.jinja`), its QTI interaction (`order.qti.xml.jinja`) and its
client files (`srm-order.js`, `srm-order.css`).

GIFT, Moodle's format, has no ordering question (its types are multiple choice,
true/false, short answer, matching, numerical and essay), so order questions are left out
of the GIFT export; JSON, QTI and Anki carry them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from ...errors import Problem
from ..base import Markdown, SourceRef, Text, TextPart, duplicates, folded
from ..question import Entry, KeyPart, Lookup, Misconceived, Qti, QuestionBase

if TYPE_CHECKING:
    from ...models import Content
    from ..quiz import Quiz


class OrderItem(TextPart):
    """One thing to put in its place in the sequence (a QTI `simpleChoice`)."""

    explanation: Markdown | None = Field(
        None, description="Why it goes where it does; shown once the reader checks."
    )
    source: SourceRef | None = Field(
        None, description="The page that supports this item, where it is not the question's own."
    )

    noun: ClassVar[str | None] = "item"


class Order(Misconceived, QuestionBase):
    """Items to put in order: `items` are written in the right order, from `first` to
    `last` (what the two ends of the sequence are, as the reader is told)."""

    type: Literal["order"]
    items: list[OrderItem] = Field(
        min_length=3, description="The items, written in the right order, from first to last."
    )
    first: Text = Field("First", description="What the first position is, e.g. 'Top of the stack'.")
    last: Text = Field("Last", description="What the last position is, e.g. 'Bottom of the stack'.")

    template: ClassVar[str] = "order/order.html.jinja"
    client: ClassVar[tuple[str, ...]] = (
        "srm-choice.js",
        "srm-drag.js",
        "srm-order.js",
        "srm-order.css",
    )
    component: ClassVar[str | None] = "order"
    study: ClassVar[Literal["exam", "review"] | None] = "exam"

    def shown(self) -> list[OrderItem]:
        """The items in the order a page shows them before any script runs: sorted by a
        hash of the question's and each item's id (stable from build to build), then turned
        so that no item stands in its right place (a derangement, found by rotating the
        hashed order's positions; the site's own readers get an order of their own once the
        script runs). Never the written order, so the answer is not passable by position."""
        n = len(self.items)

        def rank(i: int) -> str:
            return hashlib.sha256(f"{self.id}/{self.items[i].id}".encode()).hexdigest()

        hashed = sorted(range(n), key=rank)
        # Position p shows written item order[p]; a cycle through the hashed order moves
        # each item to the place its successor in that order had: no fixed points.
        place = {hashed[k]: hashed[(k + 1) % n] for k in range(n)}
        order = [0] * n
        for item, position in place.items():
            order[position] = item
        return [self.items[i] for i in order]

    def reordered(self, quiz: Quiz | None) -> str | None:
        # Never the written order: the page's is a derangement (`shown`), the script's the
        # reader's own.
        return "items"

    def answer_key(self) -> list[KeyPart]:
        return [KeyPart(item.text, "") for item in self.items]

    def answer_entry(self, quiz: Quiz | None, lookup: Lookup) -> Entry:
        return {
            "items": [
                {"id": i.id, "text": i.text, "explanation": i.explanation} for i in self.items
            ],
            "answer": [i.id for i in self.items],
            "first": self.first,
            "last": self.last,
            "misconception": self.misconception,
        }

    def checks(self, content: Content) -> Iterator[Problem]:
        """Item ids and texts are unique (two items that read the same could go in either
        place, so the order would be ambiguous); the two ends are named differently."""
        yield from duplicates(self, "items", self.items, why=", so either could go first")
        if folded(self.first) == folded(self.last):
            yield self.where.problem(
                f"question '{self.id}': first and last are both '{self.first}': name the two "
                f"ends of the sequence",
                "last",
            )

    @classmethod
    def gift(cls, entry: Entry) -> list[str] | None:
        return None  # GIFT has no ordering question (see the module's docstring)

    @classmethod
    def qti(cls, entry: Entry) -> Qti | None:
        return Qti(
            "order/order.qti.xml.jinja",
            correct=list(entry["answer"]),
            cardinality="ordered",
            base_type="identifier",
        )

    @classmethod
    def anki_front(cls, entry: Entry) -> list[str]:
        # In alphabetical order: never the written one by rule (nor its reverse).
        items = sorted(entry["items"], key=lambda i: i["text"].casefold())
        return [
            entry["prompt"],
            f"({entry['first']} to {entry['last']})",
            *(f"- {i['text']}" for i in items),
        ]

    @classmethod
    def anki_back(cls, entry: Entry) -> list[str]:
        return [f"{n}. {i['text']}" for n, i in enumerate(entry["items"], 1)]
