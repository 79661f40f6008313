"""The `single` question type: exactly one option is right."""

from __future__ import annotations

from typing import Literal

from .base import OptionId
from .choice import OptionQuestion


class SingleChoice(OptionQuestion):
    """Exactly one option is correct."""

    type: Literal["single"]
    answer: OptionId

    @property
    def correct(self) -> set[str]:
        return {self.answer}

    def answers(self) -> list[str]:
        return [self.answer]

    def answer_key_path(self, i: int) -> tuple[str | int, ...]:
        return ("answer",)
