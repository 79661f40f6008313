"""The `multiple` question type: one or more options are right; the reader picks all."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from .base import OptionId
from .choice import OptionQuestion
from .question import Entry, gift_text


class MultipleChoice(OptionQuestion):
    """One or more options are correct; the reader must pick all of them."""

    type: Literal["multiple"]
    answer: list[OptionId] = Field(min_length=1)

    multiple: ClassVar[bool] = True

    @property
    def correct(self) -> set[str]:
        return set(self.answer)

    def answers(self) -> list[str]:
        return list(self.answer)

    @classmethod
    def gift(cls, entry: Entry) -> list[str] | None:
        # Moodle's weights: the right options share 100%, the wrong ones take it back.
        right = 100 / len(entry["answer"])
        wrong = 100 / max(1, len(entry["options"]) - len(entry["answer"]))
        return [
            f"\t~%{_weight(right if o['id'] in entry['answer'] else -wrong)}%"
            f"{gift_text(o['text'])}#{gift_text(o['feedback'])}"
            for o in entry["options"]
        ]


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")
