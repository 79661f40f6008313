"""No question refers to one of its parts by its position where readers see the parts in an
order of their own.

The rule is CONTRIBUTING.md's, in "Questions": "Readers see the options of single and
multiple choice questions in a random order of their own, so write them in any order and
never refer to one by position ("both of the above")." Which parts a question type shows in
a reader's own order, and when, its unit says (`QuestionBase.reordered`): the options of
single and multiple choice questions, the items and choices of a match and the choices of
a fill-in's gaps unless `shuffle: false` (the question's, or its quiz's), and always the
items of an order question (never shown in the written order) and of a sort question (each
reader moves them into boxes). Every text of such a question is read: its prompt, its
options, items and choices, their feedback and explanations.

What counts as referring by position is a list of phrases (`PHRASES`), each about the
question's own list and its parts ("all of the above", "the options below", "this list",
"the last option", "the first two", "option B", "(a) and (b)"), never "above" or "below"
alone: the site rightly says "the layers above the hypervisor" and "the guest operating
system above it". "The former" and "the latter" alone are let through: they point back
within their own sentence ("AWS patches the host and the customer the guest OS; the latter
..."), which no shuffle reorders; with a part's name ("the latter option") they are refused.
"The following" is let through too: a prompt's "which of the following" names the options
as a whole, and they follow the prompt in every order.
Texts are matched as the page shows them (`normal`): character references undone
(`&#97;bove`), in Unicode's NFKC form without format characters, so a soft hyphen or a
zero-width space inside a word ("ab\u00adove") or full-width letters change nothing, and
with a hyphen between words read as a space ("all-of-the-above"). A part named before
another list ("the next item on the customer's list"), "this list of ..." and "the first
two of the layers" count something else, and pass. Letters that only look Latin (a
Cyrillic "а") are not folded: no library here maps look-alikes, and the rule is a writing
aid for contributors, not a defence against them.
No library checks a text for this (style linters such as proselint or Vale have no such
rule), hence the patterns here, tested both ways in tests/test_errors.py and against the
content (`check content` stays clean).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

from .errors import Problem
from .items.base import Model
from .items.quiz import Quiz
from .models import Content
from .owners import plain

_PART = r"(?:options?|answers?|choices?|items?|statements?|entries|entry|pairs?|responses?)"
"""What a question's parts are called in its own text."""

_NO_OBJECT = r"(?!\s+(?:it|them|this|that|these|those|the|a|an|its|their|each|every|all|one)\b)"
""""Above" or "below" with nothing after it of which it says where: "the options above.",
not "the layers above the hypervisor" or "the one above it"."""

_VERB = r"(?i:are|is|were|was|and|or|nor|both|together|of|in|on|at|listed|shown|given)"
"""Words after "the first two" that leave it a noun (not "the first two layers")."""

_OTHER_LIST = r"(?!\s+(?i:on|in|of|from)\s+(?:\S+\s+){0,2}?(?i:list)\b)"
"""After a part's name: "the next item on the customer's list" is about another list."""

PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        # "all of the above", "both of the above", "none of the below", "all the above",
        # "all of the foregoing", "none of the preceding"
        "of the above",
        re.compile(
            r"\b(?i:(?:all|both|none|either|neither|any|each|one|two|three|some)\s+"
            r"(?:of\s+)?(?:the|these|those)\s+(?:above|below|foregoing|preceding|aforementioned))\b"
        ),
    ),
    (
        # "the above", "the above options", "the below", "the foregoing": as a noun or
        # before one; "the preceding" as a noun only ("the preceding layer" is the stack's)
        "the above",
        re.compile(
            r"\b(?i:the\s+(?:above|below|foregoing|aforementioned)(?:\s+(?:mentioned|listed))?)\b"
            rf"{_NO_OBJECT}|\b(?i:the\s+preceding)\b(?!\s+[A-Za-z])"
        ),
    ),
    (
        # "the options above", "the two answers below", "the choices listed above", "the
        # list below", "the steps above"
        "the options above",
        re.compile(
            r"\b(?i:(?:the|these|those|this|that|each|every|both|all|any|either|neither)\s+"
            rf"(?:\w+\s+)?(?:{_PART}|list|steps?|ones)\s+(?:(?:(?:listed|shown|given|written)"
            r"\s+)?(?:above|below)|(?:listed|shown|given|written)\s+(?:earlier|before|previously)"
            rf"))\b{_NO_OBJECT}"
        ),
    ),
    (
        # "this list", "further down the list", "top of the list", "later in the list"
        "this list",
        re.compile(
            r"\b(?i:(?:this|that)\s+list(?!\s+of\b)"
            r"|(?:up|down|higher|lower|earlier|later|top|bottom|end|start|head)"
            r"(?:\s+\w+){0,2}?\s+(?:the|this|that)\s+list)\b"
        ),
    ),
    (
        # "the first option", "the last two answers", "the previous choice", "the latter item"
        "the first option",
        re.compile(
            r"\b(?i:(?:(?:the|its|your)\s+)?(?:first|second|third|fourth|fifth|sixth|last|final"
            r"|penultimate|previous|preceding|next|former|latter|top|bottom|topmost|bottommost"
            r"|uppermost|lowest)\s+(?:(?:two|three|four)\s+)?"
            rf"(?:{_PART}|one))\b{_OTHER_LIST}"
        ),
    ),
    (
        # "the first two", "the last three" as a noun: "the first two are right"; not
        # "the first two layers", which counts something else
        "the first two",
        re.compile(
            r"\b(?i:(?:the|its|your)\s+(?:first|last|final|previous|preceding|next|other|top"
            r"|bottom)\s+(?:two|three|four|five|2|3|4|5))\b"
            rf"(?!\s+(?!{_VERB}\b)[A-Za-z])"
            rf"(?!\s+(?i:of)\s+(?i:the|these|those|its|their)\s+(?!(?i:{_PART}|ones|above|below)\b)"
            r"[A-Za-z])"
        ),
    ),
    (
        # a label: "option B", "answers A and C", "choice (c)", "option a."; a lowercase
        # letter only where nothing follows it ("answer a question" is English)
        "option B",
        re.compile(
            r"\b(?i:options?|choices?)\s+(?:#\s*[1-9]|(?i:one|two|three|four|five|six)\b)"
            r"|\b(?i:options?|answers?|choices?)\s+(?:\(\s*[a-fA-F1-9]\s*\)"
            r"|[A-F](?![\w'-])|(?:[a-f]|[1-9])(?=\s*(?:[.,;:!?)]|$|\s+(?i:and|or|nor)\b)))"
        ),
    ),
    (
        # "(a) and (b)", "a) or c)", "both A and B"
        "(a) and (b)",
        re.compile(
            r"(?:\(\s*[a-fA-F]\s*\)|\b[a-fA-F]\))\s*(?:,|&|\b(?i:and|or|nor)\b)"
            r"\s*(?:\(\s*[a-fA-F]\s*\)|\b[a-fA-F]\))"
            r"|\b(?i:both|either|neither|only)\s+[A-F]\s+(?i:and|or|nor)\s+[A-F]\b"
            rf"(?!\s+(?!{_VERB}\b)[A-Za-z])"
        ),
    ),
)
"""Each family of phrases that refer to a part of a question by its position, by a name
(one of its phrases) and its pattern, matched against the text as words (`owners.plain`)."""


def positional_phrase(text: str) -> str | None:
    """The first phrase of `text` (Markdown) that refers to a part of its question by its
    position, as written, or None."""
    words = plain(normal(text))
    found = [m for _, pattern in PHRASES if (m := pattern.search(words))]
    return min(found, key=lambda m: m.start()).group(0) if found else None


_JOINED = re.compile(r"(?<=\w)-(?=\w)")
"""A hyphen between letters: "all-of-the-above" reads as its words."""


def normal(text: str) -> str:
    """`text` in Unicode's NFKC form (full-width and other compatibility letters made
    plain) without format characters (category Cf: soft hyphens, zero-width spaces and
    joiners), which no reader sees but which would split a phrase's words for a pattern."""
    if "&" in text:
        text = html.unescape(text)  # `&#97;bove` is "above" on the page
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return _JOINED.sub(" ", text)


def check_positional_references(content: Content) -> list[Problem]:
    """Every text of a question whose parts readers see in an order of their own
    (`QuestionBase.reordered`) names no part by its position (see the module docstring).
    Located at the text's field; the message quotes the phrase."""
    problems: list[Problem] = []
    for quiz in content.of_type(Quiz):
        for question in quiz.questions:
            parts = question.reordered(quiz)
            if parts is None:
                continue
            hint = (
                ", or give the question 'shuffle: false' if the written order carries meaning"
                if "shuffle" in type(question).model_fields
                else ""
            )
            for holder, key, text in _texts(question):
                phrase = positional_phrase(text)
                if phrase is None:
                    continue
                part = holder.part_label() if holder is not question else ""
                problems.append(
                    question.where.problem(
                        f"question '{question.id}': {part + ': ' if part else ''}"
                        f'"{phrase}" refers to the question\'s {parts} by their position, but '
                        f"each reader sees them in an order of their own; name them by what "
                        f"they say{hint}",
                        *key,
                    )
                )
    return problems


def _texts(
    model: Model, key: tuple[str | int, ...] = ()
) -> Iterator[tuple[Model, tuple[str | int, ...], str]]:
    """Every string of `model` and of its parts, with the part that holds it and its key
    path under `model`. Every string field, not a list of them: a question's strings are
    what readers see (prompt, texts, feedback, explanations, a gap's choices) or ids and
    references, which hold no space and so no phrase; a new question type's texts are read
    without a list to keep up to date."""
    return _values(model, model, key)


def _values(
    holder: Model, value: object, key: tuple[str | int, ...]
) -> Iterator[tuple[Model, tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield holder, key, value
    elif isinstance(value, Model):
        for name in type(value).model_fields:
            yield from _values(value, getattr(value, name), (*key, name))
    elif isinstance(value, (list, tuple)):
        for i, entry in enumerate(value):
            yield from _values(holder, entry, (*key, i))
    elif isinstance(value, dict):
        for name, entry in value.items():
            yield from _values(holder, entry, (*key, name))
