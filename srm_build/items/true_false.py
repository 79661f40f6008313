"""The `true-false` question type: a statement, with feedback for each answer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field, model_validator

from .base import Markdown, MisconceptionRef
from .claims import Claim, one_way_to_claim
from .question import Choice, ChoiceQuestion, Entry, KeyPart, Lookup, Qti, gift_text

if TYPE_CHECKING:
    from .quiz import Quiz


class TrueFalse(ChoiceQuestion):
    """A statement that is true or false, with the feedback a reader gets for answering
    "True" and for answering "False": why that answer is right, or what makes it wrong."""

    type: Literal["true-false"]
    answer: bool
    feedback_true: Markdown = Field(description='Feedback for a reader who answers "True".')
    feedback_false: Markdown = Field(description='Feedback for a reader who answers "False".')
    misconception: MisconceptionRef | None = Field(
        None, description="The misconception behind the wrong answer."
    )
    claim: Claim | None = Field(
        None,
        description="The owner the statement asserts; the answer is true exactly when the "
        "service matrix agrees.",
    )
    claims: list[Claim] = Field(
        default=[],
        min_length=2,
        description="For a statement that says who does several things: one claim per part. "
        "It is true exactly when the matrix agrees with every part.",
    )

    template: ClassVar[str] = "choice/choice.html.jinja"
    client: ClassVar[tuple[str, ...]] = ("srm-choice.js",)

    @model_validator(mode="after")
    def _one_way_to_claim(self) -> TrueFalse:
        one_way_to_claim(self.claim, self.claims)
        return self

    @property
    def parts(self) -> list[Claim]:
        """The owner claims the statement makes: its `claim`, or the parts of `claims`."""
        return [self.claim] if self.claim else list(self.claims)

    def choices(self) -> list[Choice]:
        """True and False, in that order (never shuffled), the wrong one naming the
        misconception behind it."""
        return [
            Choice(
                value,
                value.title(),
                feedback,
                right := (value == "true") == self.answer,
                None if right else self.misconception,
            )
            for value, feedback in (("true", self.feedback_true), ("false", self.feedback_false))
        ]

    def answer_key(self) -> list[KeyPart]:
        return [KeyPart(None, "True" if self.answer else "False")]

    def answer_entry(self, quiz: Quiz | None, lookup: Lookup) -> Entry:
        return {
            "answer": self.answer,
            "feedback": {choice.id: choice.feedback for choice in self.choices()},
        }

    @classmethod
    def gift(cls, entry: Entry) -> list[str] | None:
        # GIFT: {T#feedback for a wrong answer#feedback for the right one}
        right = "true" if entry["answer"] else "false"
        wrong = "false" if entry["answer"] else "true"
        return [
            f"\t{'T' if entry['answer'] else 'F'}#{gift_text(entry['feedback'][wrong])}"
            f"#{gift_text(entry['feedback'][right])}"
        ]

    @classmethod
    def qti(cls, entry: Entry) -> Qti | None:
        return Qti(
            "choice/choice.qti.xml.jinja",
            correct=["true" if entry["answer"] else "false"],
            cardinality="single",
            base_type="identifier",
            options=[{"id": "true", "text": "True"}, {"id": "false", "text": "False"}],
        )

    @classmethod
    def anki_front(cls, entry: Entry) -> list[str]:
        return [entry["prompt"]]

    @classmethod
    def anki_back(cls, entry: Entry) -> list[str]:
        right = "true" if entry["answer"] else "false"
        return [right.title(), entry["feedback"][right]]
