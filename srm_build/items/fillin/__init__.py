"""The `fill-in` question type: a sentence with gaps, each answered from a short list of
choices (QTI's `inlineChoiceInteraction`) or by typing (`textEntryInteraction`).

The sentence (`text`) marks each gap with its id in double brackets, `[[g1]]`; `gaps` says
what each accepts. Answers are compared with case, spaces, hyphens, the quotes and brackets
around them and punctuation at their end ignored (`normalized`: "Multi-factor
authentication." and '"multifactor authentication"' are "multifactor authentication"),
on the site (srm-fillin.js, `norm`) as in the checks and the exports, so two accepted
answers that differ only so are one answer written twice, and an error. A typed answer is
at most `TYPED_LONGEST` characters: the text box takes no more (`maxlength`), and the
client keeps no more.

Exports: JSON (the bank entry), QTI 2.1 (one response per gap, each with a mapping of its
accepted answers, the score their sum), Anki (the sentence with blanks, the answers on the
back), and GIFT where GIFT has the form: a sentence with ONE gap, as a missing-word
multiple choice (choices) or a short answer (typed), the braces where the gap is. GIFT has
no question with several gaps (Moodle's embedded answers, "Cloze", are a format of their
own), so such a question is left out of the GIFT file; CONTRIBUTING.md says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from markupsafe import Markup
from pydantic import Field, StringConstraints

from ...errors import Problem
from ..base import OWNER_LABELS, Markdown, MisconceptionRef, NamedPart, OptionId
from ..claims import Claim
from ..question import (
    SHUFFLE,
    BiasFigure,
    Entry,
    KeyPart,
    Lookup,
    Qti,
    QtiResponse,
    QuestionBase,
    gift_text,
)
from ..service import Service

if TYPE_CHECKING:
    from ...models import Content
    from ..quiz import Quiz

GapText = Annotated[str, StringConstraints(min_length=1, max_length=120, pattern=r"^[^\n]*$")]
"""A choice or an accepted answer: one short line of plain text (a list of choices cannot
show Markdown)."""

MARKER = re.compile(r"\[\[([^\[\]\n]*)\]\]")
"""A gap's place in the sentence: `[[id]]`."""
_GAP_ID = re.compile(r"[a-z0-9]{1,12}")
TYPED_WIDTH = 20
"""Characters a typed gap shows (what is typed beyond them scrolls)."""
TYPED_LONGEST = 200
"""Characters a typed gap takes (its `maxlength`); the client reads the limit from there and
drops a stored answer longer than it (srm-fillin.js)."""
BLANK = "_____"
"""How a gap shows where no control can (Anki, GIFT's question text, messages)."""
CONTEXT_WORDS = 4
"""Words of the sentence a gap's name quotes (`FillIn.gap_names`)."""
_OUTER_PUNCTUATION = re.compile(r"^\W+|\W+$")


IGNORED = "case, spaces, hyphens, quotes, brackets and end punctuation"
"""What answer comparison ignores, as the messages and the schema say it (`normalized`)."""
_WRAPPERS = "\"'\u2018-\u201e\u00ab\u00bb()\\[\\]{}"
"""Quotes (\u2018-\u201e: single and double, curly and low; angled) and brackets."""
_EDGES = re.compile(f"^[\\s{_WRAPPERS}]+|[\\s.,;:!?\u2026{_WRAPPERS}]+$")
_SPACES_AND_HYPHENS = re.compile(r"[\s\-\u2010-\u2015]+")


def normalized(answer: str) -> str:
    """An answer as it is compared: quotes (straight or curly, single or double, low or
    angled), brackets and spaces around it dropped, and at its end full stops, commas,
    colons, semicolons, ellipses ("…", which phones and Macs make of "...") and question or
    exclamation marks too; then every space and hyphen
    (or dash) removed, then lowercase: "Guest OS", "guestos" and "(guest OS)" are one
    answer, as are "multi-factor authentication", "Multifactor authentication." and
    "\u201cmultifactor authentication\u201d". Readers quote or bracket a typed answer as they
    would in a sentence, and phones' keyboards put curly quotes. Only the ends change:
    ".aws" is not "aws", nor "S(3)" "S3". The site's rule for the readers' spellings, not a
    standard's; the client does the same (srm-fillin.js, `norm`), and tests/test_fillin.py
    holds both to one table."""
    return _SPACES_AND_HYPHENS.sub("", _EDGES.sub("", answer)).lower()


class Gap(NamedPart):
    """One gap of the sentence: what it accepts, and the choices it offers, if any."""

    id: OptionId
    accepted: list[GapText] = Field(
        default=[],
        description="The answers this gap accepts (the first is the one the answer key shows); "
        f"compared with {IGNORED} ignored. QTI's "
        "correctResponse and mapping.",
    )
    choices: list[GapText] | None = Field(
        None,
        min_length=2,
        description="A short list to choose from (an inline choice); without it the reader "
        "types the answer (a text entry). Must contain every accepted answer.",
    )
    feedback: Markdown | None = Field(
        None, description="Why the accepted answer is right, shown under the gap once checked."
    )
    misconception: MisconceptionRef | None = Field(
        None, description="The misconception a wrong answer in this gap reveals."
    )
    claim: Claim | None = Field(
        None,
        description="The owner the sentence states once this gap is filled: required when the "
        "accepted answer names a party (AWS, the customer), and checked against the service "
        "matrix like an option's claim.",
    )

    noun: ClassVar[str | None] = "gap"


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of the sentence as written: Markdown text, then the gap that follows it (None
    at the end), with its number (1-based) as a reader's label says it. The pieces are
    rendered as one text (`FillIn.sentence`), never one by one."""

    text: str
    gap: Gap | None
    number: int = 0

    @property
    def size(self) -> int:
        """The width of a typed gap, in characters: the same for every gap, as a width cut to
        the answer would hint at its length."""
        return TYPED_WIDTH


_PLACES = {
    "code": "a code span (code is shown as written)",
    "a link": "a link's text (a control inside a link cannot be used)",
    "an address": "a link's or an image's address or text",
    "nowhere": "a part of the text the page does not show (a reference definition)",
    "twice": "a place Markdown repeats",
}
"""Where `markup.misplaced_slots` found a gap, as a message says it."""


class FillIn(QuestionBase):
    """A sentence with one or more gaps, each filled from a list of choices or by typing."""

    type: Literal["fill-in"]
    prompt: Markdown = "Fill in each gap."
    text: Markdown = Field(
        description="The sentence, with each gap marked by its id in double brackets: "
        "`AWS is responsible for security [[g1]] the cloud.`"
    )
    gaps: list[Gap] = Field(min_length=1)
    shuffle: bool | None = SHUFFLE

    template: ClassVar[str] = "fillin/fillin.html.jinja"
    client: ClassVar[tuple[str, ...]] = ("srm-choice.js", "srm-fillin.js", "srm-fillin.css")
    component: ClassVar[str | None] = "fillin"
    study: ClassVar[Literal["exam", "review"] | None] = "exam"
    longest: ClassVar[int] = TYPED_LONGEST

    def parts(self) -> list[Part]:
        """The sentence cut at its gaps, in order (after `checks`, every marker names a gap)."""
        gaps = {gap.id: gap for gap in self.gaps}
        parts: list[Part] = []
        start = 0
        for match in MARKER.finditer(self.text):
            gap = gaps.get(match[1])
            if gap is None:
                continue
            parts.append(Part(self.text[start : match.start()], gap, len(parts) + 1))
            start = match.end()
        parts.append(Part(self.text[start:], None))
        return parts

    def sentence(self) -> str:
        """The sentence as Markdown renders it: whole, each gap's marker replaced by a slot
        (`markup.slot`; the `n`th gap of `parts` is slot `n - 1`), where the page puts the
        gap's control once the text is rendered (`markup.render_slotted`). Rendering it
        whole keeps a code span, a link or emphasis around a gap as the check reads it."""
        from ...markup import slot  # the renderer's; models load before it (markup -> urls)

        gaps = {gap.id for gap in self.gaps}
        count = 0

        def place(match: re.Match[str]) -> str:
            nonlocal count
            if match[1] not in gaps:
                return match[0]
            count += 1
            return slot(count - 1)

        return MARKER.sub(place, self.text)

    def gap_names(self, pieces: Sequence[str]) -> list[str]:
        """Each gap's name, in the sentence's order, from `pieces`: the rendered sentence cut
        at its gaps (HTML, one piece more than there are gaps, as `markup.render_slotted`
        gives them). A gap is named by the words it follows, 'Blank after “the customer
        for security”' (the last `CONTEXT_WORDS` words between it and the gap or the
        start before it), or by those it comes before where fewer than two words lead to it
        ('Blank before “runs many virtual machines”' for "The [[g1]] runs many...");
        names that would repeat in one sentence get their place, '(blank 2 of 3)'.

        Why these words: a gap stands mid-sentence with no label of its own. When Tab (or a
        phone's swipe) lands on it, a screen reader says its name, role and value, not the
        sentence around it, so "Gap 2" says neither what to fill in nor where. The words
        it follows do, in the sentence's own words, as WAI's forms tutorial names a control
        inside a sentence by that sentence's text; a few words and not the whole sentence,
        because the name is said each time the gap takes focus, and in browse mode right
        after those very words. The same name heads the gap's verdict and its entry in the
        answer key, on screen and in print, where no number points at the gap either (a
        worksheet's gaps are plain lines), so one name finds a gap everywhere."""
        names = []
        for before, after in pairwise(pieces):
            lead = Markup(before).striptags().split()
            follow = Markup(after).striptags().split()
            if len(lead) >= 2 or (lead and not follow):
                words, where = lead[-CONTEXT_WORDS:], "after"
            else:
                words, where = follow[:CONTEXT_WORDS], "before"
            quoted = _OUTER_PUNCTUATION.sub("", " ".join(words))
            names.append(f"Blank {where} \u201c{quoted}\u201d" if quoted else "Blank")
        count = len(names)
        return [
            f"{name} (blank {n} of {count})" if names.count(name) > 1 else name
            for n, name in enumerate(names, 1)
        ]

    def rendered_markdown(self) -> dict[str, str]:
        return {"text": self.sentence()}

    def filled(self, blank: str | None = None) -> str:
        """The sentence with each gap filled by its first accepted answer (or by `blank`)."""
        gaps = {gap.id: gap for gap in self.gaps}

        def fill(match: re.Match[str]) -> str:
            gap = gaps.get(match[1])
            if blank is not None or gap is None or not gap.accepted:
                return blank or BLANK
            return gap.accepted[0]

        return MARKER.sub(fill, self.text)

    @classmethod
    def bias_figures(cls, questions: list[FillIn]) -> list[BiasFigure]:
        """How often the first written choice of a gap with choices is accepted: what a
        reader who always picks the first would score where the script does not shuffle
        (chance: one in the number of choices, for a gap that accepts one). Limit 40%, as
        for a single-choice question's first option."""
        lists = [gap for q in questions for gap in q.gaps if gap.choices and gap.accepted]
        if not lists:
            return []  # nothing to pick by position: no line in check's figures
        first = sum(
            normalized(gap.choices[0]) in {normalized(a) for a in gap.accepted}
            for gap in lists
            if gap.choices
        )
        chance = sum(len(gap.accepted) / len(gap.choices) for gap in lists if gap.choices) / (
            len(lists) or 1
        )
        return [("fill-in, first choice of a gap accepted", first, len(lists), chance, (0, 0.4))]

    def shuffled(self, quiz: Quiz | None) -> bool:
        """Whether readers see each gap's choices in an order of their own: the question's
        own `shuffle`, else its quiz's (true outside a quiz)."""
        return self.shuffle if self.shuffle is not None else quiz is None or quiz.shuffle

    def reordered(self, quiz: Quiz | None) -> str | None:
        return "gap choices" if self.shuffled(quiz) else None

    def answer_key(self) -> list[KeyPart]:
        return [KeyPart(None, gap.accepted[0]) for gap in self.ordered_gaps() if gap.accepted]

    def ordered_gaps(self) -> list[Gap]:
        """The gaps in the order the sentence shows them."""
        return [part.gap for part in self.parts() if part.gap is not None]

    def answer_entry(self, quiz: Quiz | None, lookup: Lookup) -> Entry:
        gaps = []
        for gap in self.ordered_gaps():
            data: Entry = {"id": gap.id, "accepted": list(gap.accepted)}
            if gap.choices is not None:
                data["choices"] = list(gap.choices)
            if gap.feedback:
                data["feedback"] = gap.feedback
            if gap.misconception:
                data["misconception"] = gap.misconception
            gaps.append(data)
        return {"text": self.text, "gaps": gaps, "shuffle": self.shuffled(quiz)}

    # --- checks -------------------------------------------------------------------------

    def checks(self, content: Content) -> Iterator[Problem]:
        """The sentence's markers and the declared gaps agree (each gap marked once, no marker
        without a gap); every gap accepts an answer, no answer or choice twice once case and
        spaces are ignored, and a gap with choices offers every answer it accepts. A gap
        whose answer names a party carries an owner claim the service matrix agrees with."""
        yield from self._marker_checks()
        yield from self._slot_checks()
        for i, gap in enumerate(self.gaps):
            yield from self._gap_checks(i, gap)
        yield from self._claim_checks(content)

    def _problem(self, message: str, *field: str | int) -> Problem:
        return self.where.problem(f"question '{self.id}': {message}", *field)

    def _marker_checks(self) -> Iterator[Problem]:
        declared = [gap.id for gap in self.gaps]
        marked: list[str] = []
        for match in MARKER.finditer(self.text):
            name = match[1]
            if not _GAP_ID.fullmatch(name):
                yield self._problem(
                    f"the text has '{match[0]}', which is not a gap marker: a gap is marked "
                    f"by its id (lowercase letters and digits) in double brackets, as '[[g1]]'",
                    "text",
                )
            elif name not in declared:
                yield self._problem(
                    f"the text marks gap '{name}', which 'gaps' does not declare "
                    f"(declared: {', '.join(declared)})",
                    "text",
                )
            elif name in marked:
                yield self._problem(f"the text marks gap '{name}' twice", "text")
            marked.append(name)
        for i, gap in enumerate(self.gaps):
            if declared.index(gap.id) != i:
                yield self._problem(f"gap id '{gap.id}' is used twice", "gaps", i, "id")
            elif gap.id not in marked:
                yield self._problem(
                    f"gap '{gap.id}' is not marked in the text; write '[[{gap.id}]]' where it goes",
                    "gaps",
                    i,
                    "id",
                )

    def _slot_checks(self) -> Iterator[Problem]:
        """Each gap stands in the sentence's running text as Markdown reads the sentence
        whole (`sentence`), where the page can put a control: not in code (shown as
        written), in a link's text, or in an address."""
        from ...markup import TooDeepError, misplaced_slots

        gaps = [part.gap for part in self.parts() if part.gap is not None]
        try:
            misplaced = misplaced_slots(self.sentence(), len(gaps))
        except TooDeepError:
            return  # the limits' check reports it at the field (`limits.markdown_problem`)
        for number, place in sorted(misplaced.items()):
            where = _PLACES.get(place, place)
            yield self._problem(
                f"gap '{gaps[number].id}' stands in {where}, where no gap can go; put "
                f"'[[{gaps[number].id}]]' in the sentence's running text",
                "text",
            )

    def _gap_checks(self, i: int, gap: Gap) -> Iterator[Problem]:
        if not gap.accepted:
            yield self._problem(
                f"gap '{gap.id}' has no accepted answer; list at least one in 'accepted'",
                "gaps",
                i,
                "id",
            )
        for field, values in (("accepted", gap.accepted), ("choices", gap.choices or [])):
            seen: dict[str, str] = {}
            for j, value in enumerate(values):
                key = normalized(value)
                if not key:
                    yield self._problem(
                        f"gap '{gap.id}': {field} {j + 1} is blank", "gaps", i, field, j
                    )
                elif key in seen:
                    yield self._problem(
                        f"gap '{gap.id}': '{value}' and '{seen[key]}' in '{field}' are the "
                        f"same answer once {IGNORED} are ignored",
                        "gaps",
                        i,
                        field,
                        j,
                    )
                seen.setdefault(key, value)
        if gap.choices is not None:
            offered = {normalized(choice) for choice in gap.choices}
            for j, answer in enumerate(gap.accepted):
                if normalized(answer) not in offered:
                    yield self._problem(
                        f"gap '{gap.id}': accepted answer '{answer}' is not one of its choices "
                        f"({', '.join(gap.choices)}), so no reader could give it",
                        "gaps",
                        i,
                        "accepted",
                        j,
                    )
            if gap.accepted and len(offered) <= len({normalized(a) for a in gap.accepted}):
                yield self._problem(
                    f"gap '{gap.id}': every choice is accepted, so the gap asks nothing; add "
                    f"a wrong choice or drop 'choices' to have the answer typed",
                    "gaps",
                    i,
                    "choices",
                )

    def _claim_checks(self, content: Content) -> Iterator[Problem]:
        """Owner claims, as srm_build/owners.py checks an option's: a gap whose accepted
        answer names a party ("the customer") makes the filled sentence an owner claim,
        so it needs a `claim` for that party, tied to the sentence's layer and service, and
        the service matrix must agree with it."""
        # The check stage's own matrix and party detection, imported when checks run: the
        # owners module imports the models, which import this unit.
        from ...owners import Matrix, parties_named

        if not content.layers or not content.of_type(Service):
            return  # no service matrix (fixture sites may have none)
        matrix = Matrix(content)
        sentence = self.filled()
        for i, gap in enumerate(self.gaps):
            named = set().union(*(parties_named(answer) for answer in gap.accepted[:1]))
            if gap.claim is None:
                if named:
                    yield self._problem(
                        f"gap '{gap.id}': its answer '{gap.accepted[0]}' names who owns "
                        f"something, but the gap carries no 'claim' the build can check",
                        "gaps",
                        i,
                        "accepted",
                        0,
                    )
                continue
            if named and gap.claim.owner not in named:
                yield self._problem(
                    f"gap '{gap.id}': its answer names "
                    f"{' and '.join(sorted(OWNER_LABELS[o] for o in named))}, but its claim is "
                    f"for {OWNER_LABELS[gap.claim.owner]}",
                    "gaps",
                    i,
                    "claim",
                    "owner",
                )
                continue
            why = matrix.tie(gap.claim, sentence, self.prompt)
            if why:
                yield self._problem(f"gap '{gap.id}': the sentence {why}", "gaps", i, "claim")
                continue
            truth, what = matrix.truth(gap.claim.layer, gap.claim.service)
            if truth is None and what:
                yield self._problem(f"gap '{gap.id}': claim {what}", "gaps", i, "claim")
            elif truth is not None and truth != gap.claim.owner:
                yield self._problem(
                    f"gap '{gap.id}': its claim ('{gap.claim.owner}') disagrees with the "
                    f"service matrix, which says {OWNER_LABELS[truth]} owns {what}",
                    "gaps",
                    i,
                    "claim",
                    "owner",
                )

    # --- exports ------------------------------------------------------------------------

    @classmethod
    def gift_block(cls, entry: Entry) -> str | None:
        """One gap: a missing-word question (choices) or a short answer (typed), its answers
        in braces where the gap is (Moodle shows a blank line there). Several gaps: None."""
        if len(entry["gaps"]) != 1:
            return None
        gap = entry["gaps"][0]
        if "choices" in gap:
            accepted = {normalized(a) for a in gap["accepted"]}
            answers = [
                f"{'=' if normalized(c) in accepted else '~'}{gift_text(c)}" for c in gap["choices"]
            ]
        else:
            answers = [f"={gift_text(a)}" for a in gap["accepted"]]
        before, _, after = MARKER.split(entry["text"], maxsplit=1)
        # The sentence's own spacing around the gap ("with [[g1]], and" keeps its comma close).
        lead = " " if before[-1:].isspace() else ""
        trail = " " if after[:1].isspace() else ""
        return (
            f"::{gift_text(entry['id'])}::[markdown]{gift_text(entry['prompt'])} "
            f"{gift_text(before)}{lead}{{{' '.join(answers)}}}{trail}{gift_text(after)}"
        )

    @classmethod
    def qti(cls, entry: Entry) -> Qti | None:
        responses = []
        for gap in entry["gaps"]:
            if "choices" in gap:
                accepted = {normalized(a) for a in gap["accepted"]}
                ids = [
                    choice_id(gap["id"], n)
                    for n, c in enumerate(gap["choices"])
                    if normalized(c) in accepted
                ]
                responses.append(QtiResponse(response_id(gap["id"]), "identifier", ids, ids))
            else:
                # QTI compares strings with case ignored (caseSensitive="false") but not
                # spaces: each accepted answer is mapped as written.
                accepted = list(gap["accepted"])
                responses.append(
                    QtiResponse(response_id(gap["id"]), "string", accepted[:1], accepted, False)
                )
        return Qti(
            "fillin/fillin.qti.xml.jinja",
            correct=[],
            cardinality="single",
            base_type="identifier",
            options=cls.qti_parts(entry),
            responses=responses,
        )

    @classmethod
    def qti_parts(cls, entry: Entry) -> list[Entry]:
        """The sentence as the QTI interaction shows it: each piece of text, then the gap
        after it (its response identifier, and its inline choices as (identifier, text), or
        none for a text entry, with its expected length)."""
        gaps = {gap["id"]: gap for gap in entry["gaps"]}
        pieces = MARKER.split(entry["text"])
        parts: list[Entry] = []
        for n in range(0, len(pieces), 2):
            gap = gaps.get(pieces[n + 1]) if n + 1 < len(pieces) else None
            part: Entry = {"text": pieces[n], "response": None}
            if gap is not None:
                part["response"] = response_id(gap["id"])
                part["choices"] = [
                    (choice_id(gap["id"], k), c) for k, c in enumerate(gap.get("choices", []))
                ]
                part["length"] = TYPED_WIDTH  # as on the site: no hint at the answer's length
            parts.append(part)
        return parts

    @classmethod
    def anki_front(cls, entry: Entry) -> list[str]:
        return [entry["prompt"], MARKER.sub(BLANK, entry["text"])]

    @classmethod
    def anki_back(cls, entry: Entry) -> list[str]:
        return [f"{n}. {' / '.join(gap['accepted'])}" for n, gap in enumerate(entry["gaps"], 1)]


def response_id(gap: str) -> str:
    """The QTI response identifier of a gap."""
    return f"RESPONSE-{gap}"


def choice_id(gap: str, n: int) -> str:
    """The QTI identifier of the `n`th (0-based) inline choice of a gap."""
    return f"{gap}-{n + 1}"
