"""How much a quiz bank rewards position instead of knowledge: the figures `check` prints.

A reader who always picks the first option, or the longest, or always answers "true",
should score near chance. The figures are computed on the authored order of the options,
which is the order a reader sees unless the site shuffles them; the browser test of the
study bank computes the same figures from the order the page shows.

Thresholds (documented in the README, chosen a little above chance so that an honest bank
of four-option questions passes and a bank keyed mostly to one position does not):

- a reader who always picks the first option (True for a statement, AWS for a scenario, the
  first option alone for multiple choice) scores more than 40% over every answerable item;
- first option right in more than 40% of single-choice questions (chance is 1 in the number
  of options, 25% for four);
- right option the longest in more than 40% of single-choice questions;
- right answers exactly the first options in more than 30% of multiple-choice questions;
- true/false answers true in less than 35% or more than 65% of statements;
- right option the second-longest in more than 40% of single-choice questions (a reader who
  learnt "not the longest, the next one" must not gain either), and the longest or
  second-longest together in more than 60% (chance is 2 in the number of options, 50% for four);
- right option an outlier in length (at least 1.5 times the mean of the others) in more than
  15% of single-choice questions (chance: the share of all options that are such outliers);
- right option sharing more words with the prompt than every other option in more than 40% of
  single-choice questions (an echo of the prompt gives it away; chance 1 in the number of
  options);
- multiple choice with 2 or 3 right answers in more than 80% of questions (a reader who always
  ticks two or three must not gain; chance: 2 of the possible counts 1 to n);
- and the figures a question type adds of its own (its unit's `bias_figures`).

Limits of these figures: they read lengths and words, not meaning. A right option that is the
only one in the prompt's register, or the only precise one, or a distractor that is plainly
absurd, gives the answer away without moving any figure; reviewers still read for that. Lengths
are counted in characters of the Markdown source, and words are compared after dropping short
and common ones, so a synonym of a prompt word is not an echo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from math import comb

from .models import OWNERS, Content, MultipleChoice, Scenario, SingleChoice, TrueFalse
from .registry import QUESTION_TYPES

PICKER_MAX = 0.40
FIRST_MAX = 0.40
LONGEST_MAX = 0.40
MULTIPLE_FIRST_MAX = 0.30
TRUE_RANGE = (0.35, 0.65)
SECOND_MAX = 0.40
TOP_TWO_MAX = 0.60
OUTLIER_MAX = 0.15
ECHO_MAX = 0.40
TWO_OR_THREE_MAX = 0.80
OUTLIER_RATIO = 1.5


@dataclass(frozen=True)
class Figure:
    """One bias figure: `count` of `total` items, the share a reader would score by it, the
    share chance gives, and the largest share tolerated (or the range, for true/false)."""

    name: str
    count: int
    total: int
    chance: float
    limit: tuple[float, float]

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0

    @property
    def warn(self) -> bool:
        low, high = self.limit
        return self.total > 0 and not low <= self.share <= high

    def __str__(self) -> str:
        low, high = self.limit
        bound = f"limit {high:.0%}" if low == 0 else f"limits {low:.0%}-{high:.0%}"
        return (
            f"{self.name}: {self.count} of {self.total} ({self.share:.0%}; chance "
            f"{self.chance:.0%}; {bound})"
        )


def bias_figures(content: Content) -> list[Figure]:
    """The bank's position figures, in the order `check` prints them."""
    singles = content.of_type(SingleChoice)
    multiples = content.of_type(MultipleChoice)
    statements = content.of_type(TrueFalse)
    first = sum(q.options[0].id == q.answer for q in singles)
    longest = sum(_is_longest(q) for q in singles)
    chance = sum(1 / len(q.options) for q in singles) / len(singles) if singles else 0.0
    leading = sum({o.id for o in q.options[: len(q.answer)]} == set(q.answer) for q in multiples)
    multiple_chance = (
        sum(1 / comb(len(q.options), len(q.answer)) for q in multiples) / len(multiples)
        if multiples
        else 0.0
    )
    true = sum(q.answer for q in statements)
    scenarios = content.of_type(Scenario)
    picked = (
        first
        + sum(q.answer == [q.options[0].id] for q in multiples)
        + true
        + sum(s.responsible == OWNERS[0] for s in scenarios)
    )
    answerable = len(singles) + len(multiples) + len(statements) + len(scenarios)
    picker_chance = (
        sum(1 / len(q.options) for q in singles)
        + sum(1 / (2 ** len(q.options) - 1) for q in multiples)
        + len(statements) / 2
        + len(scenarios) / len(OWNERS)
    ) / (answerable or 1)
    figures = [
        Figure(
            "always the first option, score over every answerable item",
            picked,
            answerable,
            picker_chance,
            (0, PICKER_MAX),
        ),
        Figure("single choice, first option right", first, len(singles), chance, (0, FIRST_MAX)),
        Figure(
            "single choice, right option the longest",
            longest,
            len(singles),
            chance,
            (0, LONGEST_MAX),
        ),
        Figure(
            "multiple choice, right options exactly the first ones",
            leading,
            len(multiples),
            multiple_chance,
            (0, MULTIPLE_FIRST_MAX),
        ),
        Figure("true/false, answer true", true, len(statements), 0.5, TRUE_RANGE),
        Figure(
            "single choice, right option the second-longest",
            sum(_rank(q) == 1 for q in singles),
            len(singles),
            chance,
            (0, SECOND_MAX),
        ),
        Figure(
            "single choice, right option the longest or second-longest",
            sum(_rank(q) in (0, 1) for q in singles),
            len(singles),
            2 * chance,
            (0, TOP_TWO_MAX),
        ),
        Figure(
            f"single choice, right option {OUTLIER_RATIO}x the others' mean length",
            sum(_outlier(q, q.answer) for q in singles),
            len(singles),
            (
                sum(sum(_outlier(q, o.id) for o in q.options) / len(q.options) for q in singles)
                / len(singles)
                if singles
                else 0.0
            ),
            (0, OUTLIER_MAX),
        ),
        Figure(
            "single choice, right option echoes the prompt most",
            sum(_echoes(q) for q in singles),
            len(singles),
            chance,
            (0, ECHO_MAX),
        ),
        Figure(
            "multiple choice, 2 or 3 right options",
            sum(len(q.answer) in (2, 3) for q in multiples),
            len(multiples),
            (
                sum(
                    len({2, 3} & set(range(1, len(q.options) + 1))) / len(q.options)
                    for q in multiples
                )
                / len(multiples)
                if multiples
                else 0.0
            ),
            (0, TWO_OR_THREE_MAX),
        ),
    ]
    # Each question type's own figures (its unit's `bias_figures`), after the shared ones.
    figures += [
        Figure(*figure)
        for unit in QUESTION_TYPES
        for figure in unit.bias_figures(content.of_type(unit))
    ]
    return figures


def _rank(question: SingleChoice) -> int:
    """How many options are strictly longer than the right one (0: it is the longest)."""
    right = len(next(o.text for o in question.options if o.id == question.answer))
    return sum(len(o.text) > right for o in question.options)


def _outlier(question: SingleChoice, ident: str) -> bool:
    """Option `ident` is at least OUTLIER_RATIO times the mean length of the others."""
    own = len(next(o.text for o in question.options if o.id == ident))
    others = [len(o.text) for o in question.options if o.id != ident]
    return bool(others) and own >= OUTLIER_RATIO * sum(others) / len(others)


_WORD = re.compile(r"[a-z0-9']{4,}")
_COMMON = {
    "that",
    "this",
    "with",
    "which",
    "what",
    "from",
    "they",
    "their",
    "them",
    "does",
    "have",
    "into",
    "only",
    "every",
    "each",
    "these",
    "those",
    "when",
    "where",
    "while",
    "there",
    "about",
    "than",
    "then",
    "were",
    "will",
    "would",
    "could",
    "should",
}


def _words(text: str) -> set[str]:
    return {w.strip("'").removesuffix("'s") for w in _WORD.findall(text.lower())} - _COMMON


def _echoes(question: SingleChoice) -> bool:
    """The right option shares more words with the prompt than every other option does."""
    prompt = _words(question.prompt)
    shared = {o.id: len(_words(o.text) & prompt) for o in question.options}
    right = shared[question.answer]
    return right > 0 and all(right > n for ident, n in shared.items() if ident != question.answer)


def _is_longest(question: SingleChoice) -> bool:
    """The right option is strictly longer than every other (a tie gives nothing away)."""
    lengths = {o.id: len(o.text) for o in question.options}
    right = lengths[question.answer]
    return all(right > n for ident, n in lengths.items() if ident != question.answer)
