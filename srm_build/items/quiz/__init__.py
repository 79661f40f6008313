"""The `quiz` unit: a titled set of questions of any type the registry lists. Its page
ends with an answer key, shown only in print, so it prints as a worksheet."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from ..base import Item, Markdown, PageRef, SourceRef, Text

if TYPE_CHECKING:
    # The union of the question types, which the registry makes from its units and gives
    # this model when it has (`Quiz.model_rebuild`).
    from ...registry import Question


class Quiz(Item):
    """A titled set of questions; questions take the quiz's source unless they name one."""

    title: Text
    intro: Markdown | None = None
    shuffle: bool = Field(
        True,
        description="Readers see the options of its single and multiple choice questions in a "
        "random order of their own (the script shuffles; without it the written order stays). "
        "A question's own `shuffle` wins.",
    )
    source: SourceRef | None = None
    topic: PageRef | None = Field(
        None,
        description="The page its questions test; by default the first page that embeds the quiz.",
    )
    questions: list[Question] = Field(min_length=1)

    noun: ClassVar[str | None] = "quiz"
    template: ClassVar[str] = "quiz/quiz.html.jinja"
    client: ClassVar[tuple[str, ...]] = ("srm-quiz.js", "srm-quiz.css", "srm-progress.js")
    """Its own script and styles, and the page progress bar's script (srm_build/assets),
    which the pages with questions show."""
    component: ClassVar[str | None] = "quiz"
    """Its own script and the progress bar's, which every page with questions shows
    (srm_build/progress.py); questions are only ever in quizzes."""

    @property
    def heading(self) -> str:
        return self.title

    def children(self) -> list[Item]:
        return list(self.questions)

    def progress_ids(self) -> list[str]:
        return [ident for question in self.questions for ident in question.progress_ids()]
