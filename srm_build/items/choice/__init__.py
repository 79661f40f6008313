"""What single and multiple choice questions share: options with feedback, the checks on
them, and the shuffle setting. Each is a unit of its own (`single.py`, `multiple.py`,
`true_false.py`); this package folder holds what they share: the template that shows them
(`choice.html.jinja`), their QTI interaction (`choice.qti.xml.jinja`) and their client
component (`srm-choice.js`, which is also the form machinery every question type's script
builds on, `srm.form`). They are exported by `ChoiceItem` (question.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field, model_validator

from ...errors import Problem
from ..base import Markdown, MisconceptionRef, OptionId, TextPart, duplicates
from ..claims import Claim, one_way_to_claim
from ..question import SHUFFLE, Choice, ChoiceQuestion, Entry, KeyPart, Lookup

if TYPE_CHECKING:
    from ...models import Content
    from ..quiz import Quiz


class Option(TextPart):
    """A choice with the feedback a reader sees after picking it (or missing it)."""

    id: OptionId
    feedback: Markdown
    misconception: MisconceptionRef | None = Field(
        None, description="The misconception that picking this (wrong) option reveals."
    )
    claim: Claim | None = Field(
        None,
        description="The owner this option asserts; it is a right answer exactly when the "
        "service matrix agrees.",
    )
    claims: list[Claim] = Field(
        default=[],
        min_length=2,
        description='For an option that says who does several things ("AWS patches the host '
        'and the customer patches the guest"): one claim per part. It is a right answer '
        "exactly when the matrix agrees with every part.",
    )

    noun: ClassVar[str | None] = "option"

    @model_validator(mode="after")
    def _one_way_to_claim(self) -> Option:
        one_way_to_claim(self.claim, self.claims)
        return self

    @property
    def parts(self) -> list[Claim]:
        """The owner claims the option makes: its `claim`, or the parts of `claims`."""
        return [self.claim] if self.claim else list(self.claims)


class OptionQuestion(ChoiceQuestion):
    """A question with written options, some of them right (`correct`)."""

    options: list[Option] = Field(min_length=2)
    shuffle: bool | None = SHUFFLE

    template: ClassVar[str] = "choice/choice.html.jinja"
    client: ClassVar[tuple[str, ...]] = ("srm-choice.js",)

    @property
    def correct(self) -> set[str]:
        raise NotImplementedError

    def answers(self) -> list[str]:
        """The answer as written: the ids of the right options, in the author's order."""
        raise NotImplementedError

    def choices(self) -> list[Choice]:
        right = self.correct
        return [
            Choice(o.id, o.text, o.feedback, o.id in right, o.misconception) for o in self.options
        ]

    def shuffled(self, quiz: Quiz | None) -> bool:
        """The question's own `shuffle`, else its quiz's (true outside a quiz)."""
        return self.shuffle if self.shuffle is not None else quiz is None or quiz.shuffle

    def reordered(self, quiz: Quiz | None) -> str | None:
        return "options" if self.shuffled(quiz) else None

    def answer_key(self) -> list[KeyPart]:
        return [KeyPart(o.text) for o in self.options if o.id in self.correct]

    def answer_entry(self, quiz: Quiz | None, lookup: Lookup) -> Entry:
        return {
            "options": [o.model_dump() for o in self.options],
            "answer": sorted(self.correct),
            # QTI's `shuffle`: the question's own, else its quiz's (the site's readers see
            # the options in an order of their own where it is true).
            "shuffle": self.shuffled(quiz),
        }

    def checks(self, content: Content) -> Iterator[Problem]:
        """Option ids and texts are unique; answers name options, once each; a right
        option reveals no misconception."""
        ids = [option.id for option in self.options]
        yield from duplicates(self, "options", self.options)
        for option in self.options:
            if option.misconception and option.id in self.correct:
                yield option.where.problem(
                    f"question '{self.id}': option '{option.id}' is a right answer, so it "
                    f"reveals no misconception; tag the wrong options",
                    "misconception",
                )
        answers = self.answers()
        for i, answer in enumerate(answers):
            if answer not in ids:
                yield self.where.problem(
                    f"question '{self.id}': answer '{answer}' is not one of the options "
                    f"{', '.join(ids)}",
                    *self.answer_key_path(i),
                )
            elif answers.index(answer) != i:
                yield self.where.problem(
                    f"question '{self.id}': answer '{answer}' is listed twice", "answer", i
                )

    def answer_key_path(self, i: int) -> tuple[str | int, ...]:
        """Where the `i`th answer is written."""
        return ("answer", i)
