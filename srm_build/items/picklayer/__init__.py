"""The `pick-layer` question type: a statement, and the reader picks, on the drawn layer
stack, the layer it is about (QTI's `choiceInteraction`, one `simpleChoice` per layer).

The layers are the site's layer stack (the `layers` files, listed from the bottom up), drawn
top first as the explorer and the tables drawn as stacks draw it; a question may offer only
some of them (`layers`), still in the stack's order. Its right answer is a reference to a
layer (`answer`), which the resolve step checks like any other.

Option order. Every other question type shows its options in an order of each reader's own,
so that position gives nothing away. Here the order IS the content: a reader who places a
statement on the stack reasons "above the hypervisor, below the application"; shuffling the
layers would draw a stack that is not the stack. So the options keep the stack's order on
the page, in the exam, in the review and in QTI (`shuffle="false"`), and `reordered` says
None: text may name a layer by its place ("the top of the stack", srm_build/positional.py).
What shuffling guards against is then held by position figures instead (`bias_figures`,
printed by `make check`): over all pick-layer questions of the content, no one layer and no
one position (counted from the top of the stack offered) is the right answer for more than
`MOST_MAX` of them, so a reader who always picks the same layer, or the same place, scores
little.

Exports: JSON (the bank entry: the statement, the offered layers top first as `options`,
`answer`), QTI 2.1 (a choiceInteraction, not shuffled), GIFT (a multiple choice question with
one right answer) and Anki (the statement and the stack on the front, the layer on the back).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field, PrivateAttr

from ...errors import Problem
from ..base import LayerRef, Markdown
from ..claims import FreeText
from ..layer import Layer
from ..question import (
    BiasFigure,
    Entry,
    KeyPart,
    Lookup,
    Misconceived,
    Qti,
    QuestionBase,
    gift_text,
)

if TYPE_CHECKING:
    from ...models import Content
    from ..quiz import Quiz

MOST_MAX = 0.35
"""The largest share of the pick-layer questions whose right answer is any one layer, or
any one position from the top of the stack offered (chance: one in the number of layers
offered, about 8% on the whole stack of twelve). A little above one in three, so that a
bank of six may have one layer right twice, never three times."""


class PickLayer(Misconceived, QuestionBase):
    """A statement to place on the layer stack: the reader picks the layer it is about."""

    type: Literal["pick-layer"]
    prompt: Markdown = "Which layer of the stack is this about?"
    statement: Markdown = Field(
        description='What the reader places on the stack, e.g. "Patching the guest operating '
        'system of an EC2 instance".'
    )
    answer: LayerRef = Field(description="The layer the statement is about.")
    layers: list[LayerRef] | None = Field(
        None,
        min_length=2,
        description="The layers offered (shown in the stack's order whatever the order "
        "written); by default the whole stack. Must include `answer`.",
    )
    explanation: Markdown = Field(
        description="Why the statement is about that layer: shown under the right layer once "
        "the reader checks, and in the answer key."
    )

    template: ClassVar[str] = "picklayer/picklayer.html.jinja"
    client: ClassVar[tuple[str, ...]] = ("srm-choice.js", "srm-picklayer.js", "srm-picklayer.css")
    component: ClassVar[str | None] = "picklayer"
    study: ClassVar[Literal["exam", "review"] | None] = "exam"

    _stack: tuple[Layer, ...] = PrivateAttr(default=())
    """The site's stack, bottom first, as `checks` found it (see `offered`)."""

    # --- the stack ------------------------------------------------------------------------

    def offered(self, stack: list[Layer] | tuple[Layer, ...] | None = None) -> list[Layer]:
        """The layers a reader picks from, top first: `layers` (or the whole of `stack`, by
        default the stack `checks` recorded), in the stack's order. Raises AssertionError
        when no stack is given and the question was never checked (content that did not go
        through `load_content`)."""
        stack = self._stack if stack is None else tuple(stack)
        assert stack, "a pick-layer question is shown after checks recorded the layer stack"
        wanted = set(self.layers) if self.layers is not None else None
        return [layer for layer in reversed(stack) if wanted is None or layer.id in wanted]

    def position(self, stack: list[Layer] | tuple[Layer, ...] | None = None) -> int | None:
        """The right layer's place among those offered, 0 at the top, or None if absent."""
        ids = [layer.id for layer in self.offered(stack)]
        return ids.index(self.answer) if self.answer in ids else None

    # --- checks ---------------------------------------------------------------------------

    def free_texts(self) -> list[FreeText]:
        """The statement: it is offered as true (the reader places it on the stack), so an
        owner it states must agree with the service matrix, as an explanation's must (the
        explanation itself is checked for every question)."""
        return [FreeText(self, f"question '{self.id}': ", ("statement",), self.statement)]

    def checks(self, content: Content) -> Iterator[Problem]:
        """The offered layers are each offered once and include the right one (else the
        question would have no answer, or two rows reading the same). Records the stack it
        checked against, which the page and the exports then show (`offered`)."""
        stack = tuple(content.layers)
        self._stack = stack
        if self.layers is not None:
            seen: set[str] = set()
            for i, layer in enumerate(self.layers):
                if layer in seen:
                    yield self.where.problem(
                        f"question '{self.id}': layer '{layer}' is offered twice", "layers", i
                    )
                seen.add(layer)
            if self.answer not in seen:
                yield self.where.problem(
                    f"question '{self.id}': its answer '{self.answer}' is not one of the "
                    f"layers offered ({', '.join(self.layers)}), so no reader could pick it",
                    "answer",
                )
            elif len(seen) < 2:
                yield self.where.problem(
                    f"question '{self.id}': only one layer is offered, so the question asks "
                    f"nothing; offer at least two, or leave 'layers' out for the whole stack",
                    "layers",
                )

    @classmethod
    def bias_figures(cls, questions: list[PickLayer]) -> list[BiasFigure]:
        """How often the most common right layer, and the most common right position (from
        the top of the stack offered), is the answer: what a reader who always picks one
        layer, or one place, would score. Limit `MOST_MAX` each."""
        placed = [q for q in questions if q._stack and q.position() is not None]
        if not placed:
            return []
        chance = sum(1 / len(q.offered()) for q in placed) / len(placed)
        layer = Counter(q.answer for q in placed).most_common(1)[0][1]
        place = Counter(q.position() for q in placed).most_common(1)[0][1]
        return [
            ("pick-layer, the most common right layer", layer, len(placed), chance, (0, MOST_MAX)),
            (
                "pick-layer, the most common right position from the top",
                place,
                len(placed),
                chance,
                (0, MOST_MAX),
            ),
        ]

    def reordered(self, quiz: Quiz | None) -> str | None:
        # The stack's order is the content: never shuffled (see the module's docstring).
        return None

    # --- answer key and bank --------------------------------------------------------------

    def answer_key(self) -> list[KeyPart]:
        name = next((layer.name for layer in self.offered() if layer.id == self.answer), "")
        return [KeyPart(None, name)]

    def answer_entry(self, quiz: Quiz | None, lookup: Lookup) -> Entry:
        return {
            "statement": self.statement,
            # The offered layers, top first, in the shape of a choice question's entry
            # (`ChoiceItem`): a reader of the bank knows it.
            "options": [
                {
                    "id": layer.id,
                    "text": layer.name,
                    "feedback": self.explanation if layer.id == self.answer else layer.description,
                }
                for layer in self.offered()
            ],
            "answer": [self.answer],
            "shuffle": False,
            "misconception": self.misconception,
        }

    # --- exports --------------------------------------------------------------------------

    @classmethod
    def gift_block(cls, entry: Entry) -> str | None:
        """A multiple choice question (one right answer), the statement after the prompt,
        the layers top first."""
        answers = [
            f"\t{'=' if o['id'] in entry['answer'] else '~'}{gift_text(o['text'])}"
            f"#{gift_text(o['feedback'])}"
            for o in entry["options"]
        ]
        head = (
            f"::{gift_text(entry['id'])}::[markdown]{gift_text(entry['prompt'])} "
            f"{gift_text(entry['statement'])} {{"
        )
        return "\n".join([head, *answers, "}"])

    @classmethod
    def qti(cls, entry: Entry) -> Qti | None:
        return Qti(
            "picklayer/picklayer.qti.xml.jinja",
            correct=list(entry["answer"]),
            cardinality="single",
            base_type="identifier",
            options=entry["options"],
            max_choices=1,
        )

    @classmethod
    def anki_front(cls, entry: Entry) -> list[str]:
        return [
            entry["prompt"],
            entry["statement"],
            "(the stack, top first)",
            *(f"- {o['text']}" for o in entry["options"]),
        ]

    @classmethod
    def anki_back(cls, entry: Entry) -> list[str]:
        texts = {o["id"]: o["text"] for o in entry["options"]}
        return [texts[a] for a in entry["answer"]]
