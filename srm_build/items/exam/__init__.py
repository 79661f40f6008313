"""The `exam` tool: a practice exam drawn at random from the study bank, by topic."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from ..base import Item, Markdown, Text


class Exam(Item):
    """A practice exam drawn at random from every question and scenario, balanced by topic."""

    type: Literal["exam"]
    title: Text
    intro: Markdown | None = None
    sizes: list[Annotated[int, Field(ge=1, le=200)]] = Field(
        default=[10, 20, 40],
        min_length=1,
        description="How many questions a reader may choose to take.",
    )
    seconds_per_question: int = Field(
        72, ge=10, le=600, description="The optional timer allows this much per question."
    )

    noun: ClassVar[str | None] = "tool"
    template: ClassVar[str] = "exam/exam.html.jinja"
    client: ClassVar[tuple[str, ...]] = (
        "srm-choice.js",
        "srm-study.js",
        "srm-exam.js",
        "srm-exam.css",
    )
    component: ClassVar[str | None] = "exam"
    reads_bank: ClassVar[bool] = True

    @property
    def heading(self) -> str:
        return self.title
