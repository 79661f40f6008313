"""The `match` question type: pair each item of one list with a choice of another.

In QTI's words (2.1, `matchInteraction`): the items are the first `simpleMatchSet`, the
choices the second, and each right pair a `directedPair` of the correct response. A choice
may be the match of several items (services to their service model), and a choice that is
no item's match is a distractor, which the author says it is (`distractor: true`), so a
forgotten pair cannot pass for one.

Without the script, each item has a native list (`<select>`) of the choices; the answer key
is in a `<details>`. The unit's checks refuse ambiguous authoring: an item or a choice
written twice, an item matched to a choice that does not exist, a pair listed twice or one
item given two matches, a choice used by no pair that is not a declared distractor, every
item keyed to one choice, and a key that follows the written order (the n-th item to the
n-th choice), which a reader could pass by position without reading.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from ...errors import Problem
from ..base import MODEL_LABELS, Id, OptionId, Owner, TextPart, duplicates
from ..claims import FreeText, OwnedPart, OwnerStatement
from ..question import (
    SHUFFLE,
    Entry,
    KeyPart,
    Lookup,
    Misconceived,
    Qti,
    QuestionBase,
    gift_text,
)
from ..service import Service

if TYPE_CHECKING:
    from ...models import Content
    from ..quiz import Quiz

ServiceModel = Literal["iaas", "paas", "saas"]
ServiceCategory = Literal["infrastructure", "container", "abstracted"]


class MatchItem(OwnedPart):
    """An item to match (a `simpleAssociableChoice` of QTI's first `simpleMatchSet`): its
    text, the id of the choice it matches, and why. `service` ties it to a service of the
    matrix, so that a choice's `model` or `owner` is checked against it; where its choice
    has `owner`, it states that owner (`Match.owner_statements`)."""

    answer: OptionId | Id = Field(description="The id of the choice this item is paired with.")


class MatchChoice(TextPart):
    """A choice items are matched to (a `simpleAssociableChoice` of QTI's second
    `simpleMatchSet`)."""

    distractor: bool = Field(
        False,
        description="The choice is no item's match, on purpose. A choice no item names must "
        "say so; one that an item names must not.",
    )
    model: ServiceModel | None = Field(
        None,
        description="The service model this choice stands for: every item matched to it must "
        "name a `service` of that model in the service matrix.",
    )
    category: ServiceCategory | None = Field(
        None,
        description="The category of AWS's older framing this choice stands for: every item "
        "matched to it must name a `service` of that category in the service matrix.",
    )
    owner: Owner | None = Field(
        None,
        description="The party this choice stands for (AWS, the customer, both): every item "
        "matched to it is an owner claim, checked against the service matrix like a sort item "
        "(its `layer` and `service`, or `claims`).",
    )

    noun: ClassVar[str | None] = "choice"
    anchored: ClassVar[bool] = False  # the template anchors the items, not the choices


class Match(Misconceived, QuestionBase):
    """Items to pair with choices: one right choice per item."""

    type: Literal["match"]
    items: list[MatchItem] = Field(
        min_length=3,
        description="The items to match, three at least (Moodle's matching question, which the "
        "GIFT export makes, needs two items and three answers).",
    )
    choices: list[MatchChoice] = Field(min_length=2)
    shuffle: bool | None = SHUFFLE

    template: ClassVar[str] = "match/match.html.jinja"
    component: ClassVar[str | None] = "match"
    client: ClassVar[tuple[str, ...]] = ("srm-choice.js", "srm-match.js", "srm-match.css")
    """Its kind (srm-match.js, beside this module) runs on the shared form code of
    srm-choice.js; its styles are srm-match.css, beside it too."""
    study: ClassVar[Literal["exam", "review"] | None] = "exam"

    def choice(self, ident: str) -> MatchChoice | None:
        """The choice with id `ident`, or None."""
        return next((c for c in self.choices if c.id == ident), None)

    def shuffled(self, quiz: Quiz | None) -> bool:
        """The question's own `shuffle`, else its quiz's (true outside a quiz)."""
        return self.shuffle if self.shuffle is not None else quiz is None or quiz.shuffle

    def reordered(self, quiz: Quiz | None) -> str | None:
        return "items and choices" if self.shuffled(quiz) else None

    def distractors(self) -> list[MatchChoice]:
        """The choices no item is matched to."""
        return [c for c in self.choices if c.distractor]

    def answer_key(self) -> list[KeyPart]:
        texts = {c.id: c.text for c in self.choices}
        return [
            KeyPart(i.text, f" \u2192 {_plain(texts.get(i.answer, i.answer))}") for i in self.items
        ]

    def answer_entry(self, quiz: Quiz | None, lookup: Lookup) -> Entry:
        return {
            "items": [
                {"id": i.id, "text": i.text, "answer": i.answer, "explanation": i.explanation}
                for i in self.items
            ],
            "choices": [
                {"id": c.id, "text": c.text, "distractor": c.distractor} for c in self.choices
            ],
            "shuffle": self.shuffled(quiz),
        }

    # ---- checks -------------------------------------------------------------------------

    def checks(self, content: Content) -> Iterator[Problem]:
        """Items and choices are unique (by id and by text); every item's match is a choice;
        no pair is written twice and no item has two matches; every choice is some item's
        match or a declared distractor; the key uses two choices at least and does not follow
        the written order; a choice's `model` agrees with the services of its items."""
        yield from duplicates(self, "choices", self.choices)
        yield from duplicates(self, "items", self.items, same_text=_same_text)
        ids = [c.id for c in self.choices]
        used: set[str] = set()
        for item in self.items:
            if item.answer not in ids:
                yield item.where.problem(
                    f"question '{self.id}': item '{item.id}' is matched to '{item.answer}', "
                    f"which is not one of the choices {', '.join(ids)}",
                    "answer",
                )
            used.add(item.answer)
        for i, choice in enumerate(self.choices):
            if choice.id in used and choice.distractor:
                yield choice.where.problem(
                    f"question '{self.id}': choice '{choice.id}' is marked as a distractor, "
                    f"but item '{next(x.id for x in self.items if x.answer == choice.id)}' is "
                    f"matched to it",
                    "distractor",
                )
            elif choice.id not in used and not choice.distractor:
                yield self.where.problem(
                    f"question '{self.id}': choice '{choice.id}' is no item's match; pair an "
                    f"item with it, or mark it 'distractor: true' if it is there to mislead",
                    "choices",
                    i,
                    "id",
                )
        matched = [i.answer for i in self.items if i.answer in ids]
        if len(matched) == len(self.items) and len(set(matched)) == 1:
            yield self.where.problem(
                f"question '{self.id}': every item is matched to '{matched[0]}', so picking "
                f"it everywhere scores full marks; pair some items with other choices",
                "items",
            )
        if len(set(matched)) == len(matched) == len(self.items) and matched == ids[: len(matched)]:
            yield self.where.problem(
                f"question '{self.id}': the n-th item is matched to the n-th choice for every "
                f"item, so the written order gives the answer away; reorder the choices",
                "choices",
            )
        yield from self._models(content)
        yield from self._parties()

    def _parties(self) -> Iterator[Problem]:
        """A choice whose text names a party ("AWS", "The customer") makes each pair with it
        an owner claim, so it says which owner it stands for (`owner`), and the pairs are then
        checked against the service matrix (`owner_statements`)."""
        # Imported here: the owner checks import every unit through the models.
        from ...owners import parties_named

        for i, choice in enumerate(self.choices):
            named = parties_named(choice.text)
            if choice.owner is None and named and not choice.distractor:
                yield self.where.problem(
                    f"question '{self.id}': choice '{choice.id}' names who owns something, so "
                    f"each item matched to it is an owner claim; give the choice 'owner: "
                    f"{sorted(named)[0]}' and each of its items the 'layer' (and 'service') "
                    f"it is about",
                    "choices",
                    i,
                    "text",
                )

    def owner_statements(self) -> list[OwnerStatement]:
        """Each item matched to a choice that stands for an owner states that owner."""
        owners = {c.id: c.owner for c in self.choices if c.owner is not None}
        return [
            OwnerStatement(
                part=item,
                label=f"question '{self.id}': item '{item.id}': ",
                kind="match item",
                owner=owners[item.answer],
                field="answer",
                says="owns it",
                text=item.text,
                context=self.prompt,
                written=item.answer,
            )
            for item in self.items
            if item.answer in owners
        ]

    def free_texts(self) -> list[FreeText]:
        """The explanation of each pair."""
        return [
            FreeText(
                item,
                f"question '{self.id}': item '{item.id}': ",
                ("explanation",),
                item.explanation,
            )
            for item in self.items
        ]

    def _models(self, content: Content) -> Iterator[Problem]:
        """A choice that stands for a service model (`model`) or a category of the older
        framing (`category`) is the match only of items that name a service (`service`) the
        service matrix gives that same model or category."""
        for choice in self.choices:
            groups = (("model", choice.model), ("category", choice.category))
            for field, group in groups:
                if group is None:
                    continue
                name = MODEL_LABELS[group] if field == "model" else f"{group} services"
                for item in self.items:
                    if item.answer != choice.id:
                        continue
                    if item.service is None:
                        yield item.where.problem(
                            f"question '{self.id}': item '{item.id}' is matched to {name} "
                            f"(choice '{choice.id}'), but names no 'service' the build can check "
                            f"that against",
                            "answer",
                        )
                        continue
                    service = content.by_id.get(item.service)
                    if not isinstance(service, Service):
                        continue  # an unknown id, reported by the reference checks
                    actual = service.model if field == "model" else service.category
                    if actual != group:
                        listed = (
                            f"lists {service.name} as "
                            + (MODEL_LABELS[actual] if field == "model" else f"{actual} services")
                            if actual
                            else f"gives {service.name} no {field}"
                        )
                        yield item.where.problem(
                            f"question '{self.id}': item '{item.id}' is matched to {name} "
                            f"(choice '{choice.id}'), but the service matrix {listed}",
                            "answer",
                        )

    # ---- exports ------------------------------------------------------------------------

    @classmethod
    def gift(cls, entry: Entry) -> list[str] | None:
        # GIFT's matching question: `=item -> choice`, one line per pair. Moodle's matching
        # has no distractor of its own: a choice no item names is offered as an extra line
        # with an empty item (`= -> choice`), as Moodle documents for extra wrong answers.
        texts = {c["id"]: c["text"] for c in entry["choices"]}
        lines = [
            f"\t={gift_text(i['text'])} -> {gift_text(texts[i['answer']])}" for i in entry["items"]
        ]
        lines += [f"\t= -> {gift_text(c['text'])}" for c in entry["choices"] if c["distractor"]]
        return lines

    @classmethod
    def qti(cls, entry: Entry) -> Qti | None:
        # QTI identifiers are unique within the item and NCNames (they start with a letter);
        # item and choice ids may collide or start with a digit, so each set gets a prefix.
        return Qti(
            "match/match.qti.xml.jinja",
            correct=[f"{QTI_ITEM}{i['id']} {QTI_CHOICE}{i['answer']}" for i in entry["items"]],
            cardinality="multiple",
            base_type="directedPair",
        )

    @classmethod
    def anki_front(cls, entry: Entry) -> list[str]:
        choices = "; ".join(c["text"] for c in entry["choices"])
        return [entry["prompt"], *(f"- {i['text']}" for i in entry["items"]), f"Choices: {choices}"]

    @classmethod
    def anki_back(cls, entry: Entry) -> list[str]:
        texts = {c["id"]: c["text"] for c in entry["choices"]}
        return [f"{i['text']} \u2192 {texts[i['answer']]}" for i in entry["items"]]


QTI_ITEM = "item-"
QTI_CHOICE = "choice-"
"""Prefixes of the QTI identifiers of items and choices (see `Match.qti`)."""


def _same_text(earlier: MatchItem, item: MatchItem) -> str:
    """What it means for two items to read the same: with the same match, a pair matched
    twice; with another, an item with two answers."""
    if earlier.answer == item.answer:
        return (
            f"the pair '{_plain(item.text)}' \u2192 '{item.answer}' is listed twice (items "
            f"'{earlier.id}' and '{item.id}')"
        )
    return (
        f"'{_plain(item.text)}' is matched to both '{earlier.answer}' (item '{earlier.id}') and "
        f"'{item.answer}' (item '{item.id}'); an item has one match"
    )


def _plain(text: str) -> str:
    """Markdown text for a message or a key's plain part, on one line."""
    return " ".join(text.split())
