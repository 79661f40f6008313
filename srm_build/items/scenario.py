"""The `scenario` unit: a situation and who is responsible for it. Readers answer "who is
responsible?" by choosing AWS, the customer or shared; the bank exports it as that
question."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from markupsafe import Markup
from pydantic import Field, model_validator

from .base import (
    OWNER_LABELS,
    OWNERS,
    Item,
    LayerRef,
    Markdown,
    Owner,
    ServiceRef,
    SourceRef,
    TermRef,
    Text,
)
from .claims import Claim, OwnerStatement
from .question import Choice, ChoiceItem, Entry, Lookup

if TYPE_CHECKING:
    from .quiz import Quiz


class Scenario(ChoiceItem, Item):
    """A situation and who is responsible for it, with the reason, and the feedback for each
    answer a reader can give (AWS, customer, shared)."""

    title: Text
    situation: Markdown
    responsible: Owner
    explanation: Markdown
    feedback: dict[Owner, Markdown] = Field(
        description="For each of aws, customer and shared: why that answer is right, or what "
        "makes it wrong."
    )
    service: ServiceRef | None = None
    layer: LayerRef | None = None
    claims: list[Claim] = Field(
        default=[],
        description="For an answer made of parts: who owns each part. Their owners together "
        "(one owner, or shared when they differ) must be `responsible`.",
    )
    terms: list[TermRef] = []
    source: SourceRef

    noun: ClassVar[str | None] = "scenario"
    template: ClassVar[str] = "scenario.html.jinja"
    needs_source: ClassVar[bool] = True
    bank_type: ClassVar[str] = "scenario"
    bank_rank: ClassVar[int] = 1

    @model_validator(mode="after")
    def _feedback_for_every_answer(self) -> Scenario:
        missing = [owner for owner in OWNERS if owner not in self.feedback]
        if missing:
            raise ValueError(f"'feedback' needs an entry for {', '.join(missing)}")
        return self

    @property
    def heading(self) -> str:
        return self.title

    def progress_ids(self) -> list[str]:
        return [self.id]

    def owner_statements(self) -> list[OwnerStatement]:
        """The scenario states who is responsible."""
        return [
            OwnerStatement(
                part=self,
                label=f"scenario '{self.id}': ",
                kind="scenario",
                owner=self.responsible,
                field="responsible",
                says="is responsible",
                text=f"{self.title}. {self.situation}",
            )
        ]

    def choices(self) -> list[Choice]:
        """The three owners, each with its feedback."""
        return [Choice(o, OWNER_LABELS[o], self.feedback[o], o == self.responsible) for o in OWNERS]

    def choice_prompt(self, inline: Callable[[str], Markup]) -> Markup:
        # The legend names the group: with the scenario's title, each of a page's
        # scenarios is told apart by its situation, not only by the question.
        return Markup('<span class="srm-visually-hidden">{}: </span>Who is responsible?').format(
            self.title
        )

    def bank_entry(self, quiz: Quiz | None, source: str | None, lookup: Lookup) -> Entry:
        return {
            "id": self.id,
            "quiz": None,
            "type": self.bank_type,
            "prompt": f"{self.situation}\n\nWho is responsible?",
            "options": [
                {"id": c.id, "text": c.text, "feedback": c.feedback} for c in self.choices()
            ],
            "answer": [self.responsible],
            "explanation": self.explanation,
            "source": source,
        }
