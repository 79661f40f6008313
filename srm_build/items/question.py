"""What every question type has, and what every unit of the question bank provides.

A question type is a unit of its own (`single.py`, `sort.py`, ...): its model is a
`QuestionBase` with a `type` literal, and the registry puts it in the quiz's union. A unit
whose items go into the question bank (`Exported`) maps an item to the bank's plain data
and that data to each open format; `srm_build/export.py` only writes the files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal, get_args

from pydantic import Field

from .base import Item, Markdown, MisconceptionRef, Model, PageRef, SourceRef, TermRef

if TYPE_CHECKING:
    from markupsafe import Markup

    from .quiz import Quiz

Lookup = Callable[[str], Item]
"""An item by its id (`Content.by_id.__getitem__`)."""

Entry = dict[str, Any]
"""One item of the question bank as plain data (see `srm_build/export.py`)."""

_GIFT_SPECIAL = str.maketrans(
    {
        **{c: f"\\{c}" for c in "\\~=#{}:"},
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "%": "&\\#37;",  # its `#` escaped too: it would start a feedback
    }
)
"""GIFT's own control characters (Moodle's grammar: `~ = # { } :` and the backslash) get a
backslash. `<`, `>` and `&` become entities: the text is [markdown], whose HTML Moodle
would pass on as markup, and a sort item's `->` would end the item early (Moodle splits a
match at the first `->`); `-&gt;` reads as `->`. `%` becomes `&#37;` (written `&\\#37;`):
an answer that starts with `%n%` is read as its weight, and Moodle's GIFT reader has no
escape for `%` (`\\%` would show its backslash), while the entity shows as `%` in the
[markdown] text."""


def gift_text(text: str) -> str:
    """Text safe inside GIFT: its control characters escaped, HTML made text, lines joined."""
    return " ".join(text.split()).translate(_GIFT_SPECIAL)


@dataclass(frozen=True)
class QtiResponse:
    """One response variable of a QTI 2.1 item with several interactions: its identifier,
    base type and correct response (single cardinality), and its `mapping`, the values that
    each score one point (compared with case ignored unless `case_sensitive`)."""

    identifier: str
    base_type: Literal["identifier", "string"]
    correct: list[str]
    mapping: list[str]
    case_sensitive: bool = True


@dataclass(frozen=True)
class Qti:
    """How a bank entry becomes a QTI 2.1 item: the correct response, its cardinality and
    base type, and the interaction (a template beside the unit, `<name>.qti.xml.jinja`)
    with what it shows. An item with several interactions lists one `responses` entry per
    interaction instead: each declared with its mapping, and the score is their sum
    (`mapResponse`), where an item with one response is scored by QTI's match_correct
    template."""

    interaction: str
    correct: list[str]
    cardinality: Literal["single", "multiple", "ordered"]
    base_type: Literal["identifier", "directedPair"]
    options: list[dict[str, Any]] = field(default_factory=list)
    max_choices: int = 1
    responses: list[QtiResponse] = field(default_factory=list)


class Exported:
    """A unit whose items go into the question bank, and from there into every format.

    `bank_entry` makes the plain data (JSON is that data as it is); `gift`, `qti` and
    `anki` map an entry of this unit's `bank_type` to each format. GIFT and QTI give None
    for a type they have no form for (the entry is left out of that format)."""

    bank_type: ClassVar[str]
    bank_rank: ClassVar[int] = 0
    """Entries come in this order, then in content order (questions before scenarios)."""

    def bank_entry(self, quiz: Quiz | None, source: str | None, lookup: Lookup) -> Entry:
        raise NotImplementedError

    @classmethod
    def gift(cls, entry: Entry) -> list[str] | None:
        """The answer lines of the GIFT question (Moodle's format), or None."""
        return None

    @classmethod
    def gift_block(cls, entry: Entry) -> str | None:
        """The whole GIFT question, or None for a type GIFT has no form for: by default
        its title, its prompt, then its answer lines (`gift`) in braces. A unit whose
        answers stand inside its text (a missing word) writes the block itself."""
        answers = cls.gift(entry)
        if answers is None:
            return None
        head = f"::{entry['id']}::[markdown]{gift_text(entry['prompt'])} {{"
        return "\n".join([head, *answers, "}"])

    @classmethod
    def qti(cls, entry: Entry) -> Qti | None:
        return None

    @classmethod
    def anki_front(cls, entry: Entry) -> list[str]:
        return [entry["prompt"]]

    @classmethod
    def anki_back(cls, entry: Entry) -> list[str]:
        return []

    @classmethod
    def anki(cls, entry: Entry) -> list[tuple[str, str, str]]:
        """Anki cards as (front, back, id): one per question, by default."""
        back = cls.anki_back(entry)
        if entry.get("explanation"):
            back.append(entry["explanation"])
        return [("\n".join(cls.anki_front(entry)), "\n".join(back), entry["id"])]


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of an item answered by choosing, as Markdown: what the template shows
    and what the bank exports, worked out once by the unit."""

    id: str
    text: str
    feedback: str
    correct: bool
    misconception: str | None = None


class ChoiceItem(Exported):
    """An item answered by picking among options (single, multiple, true/false, scenario):
    they share one markup (`choice` in _macros.html.jinja), the exam draws them, and the
    review queue brings them back."""

    study: ClassVar[Literal["exam", "review"] | None] = "exam"
    component: ClassVar[str | None] = "choice"
    multiple: ClassVar[bool] = False
    """The reader picks every right option (checkboxes), not one (radio buttons)."""

    def choices(self) -> list[Choice]:
        raise NotImplementedError

    def choice_prompt(self, inline: Callable[[str], Markup]) -> Markup:
        """The legend of the options, as HTML."""
        raise NotImplementedError

    def shuffled(self, quiz: Quiz | None) -> bool:
        """Whether readers see the options in an order of their own."""
        return False

    # The bank entry of an item answered by choosing has `options` (id, text, feedback)
    # and `answer`, the ids of the right ones; true/false overrides what differs.

    @classmethod
    def gift(cls, entry: Entry) -> list[str] | None:
        return [
            f"\t{'=' if o['id'] in entry['answer'] else '~'}{gift_text(o['text'])}"
            f"#{gift_text(o['feedback'])}"
            for o in entry["options"]
        ]

    @classmethod
    def qti(cls, entry: Entry) -> Qti | None:
        return Qti(
            "choice/choice.qti.xml.jinja",
            correct=list(entry["answer"]),
            cardinality="multiple" if cls.multiple else "single",
            base_type="identifier",
            options=entry["options"],
            max_choices=0 if cls.multiple else 1,
        )

    @classmethod
    def anki_front(cls, entry: Entry) -> list[str]:
        return [entry["prompt"], *(f"{o['id']}) {o['text']}" for o in entry["options"])]

    @classmethod
    def anki_back(cls, entry: Entry) -> list[str]:
        texts = {o["id"]: o["text"] for o in entry["options"]}
        return [f"{a}) {texts[a]}" for a in entry["answer"]]


SHUFFLE = Field(
    None,
    description="Show the options in a random order per reader (kept until they try again); "
    "false keeps the written order, where order carries meaning. By default the quiz's `shuffle`.",
)


BiasFigure = tuple[str, int, int, float, tuple[float, float]]
"""A position figure (srm_build/bias.py, `Figure`): its name, `count` of `total` items, the
share chance gives, and the share tolerated (lowest, highest)."""


@dataclass(frozen=True, slots=True)
class KeyPart:
    """One answer of a printed answer key: Markdown (shown inline) and plain text after it."""

    markdown: str | None
    text: str = ""


class QuestionBase(Item, Exported):
    """What every question type has. A question takes its quiz's source and topic unless
    it names its own."""

    prompt: Markdown
    explanation: Markdown | None = None
    terms: list[TermRef] = []
    source: SourceRef | None = None
    topic: PageRef | None = Field(
        None, description="The page to reread after a wrong answer; by default the quiz's topic."
    )

    noun: ClassVar[str | None] = "question"
    needs_source: ClassVar[bool] = True

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        # A question type's name is its `type` literal: in the bank as in the YAML.
        super().__pydantic_init_subclass__(**kwargs)
        if "type" in cls.model_fields:
            cls.bank_type = get_args(cls.model_fields["type"].annotation)[0]

    def progress_ids(self) -> list[str]:
        return [self.id]

    def reordered(self, quiz: Quiz | None) -> str | None:
        """The parts of it that readers see in an order of their own, as messages name them
        ("options", "items and choices"), or None where they see the written order. No text
        of the question may then name one of them by its position ("both of the above"):
        srm_build/positional.py refuses it. None by default."""
        return None

    @classmethod
    def bias_figures(cls, questions: list[Any]) -> list[BiasFigure]:
        """Position figures of the type's own, over its `questions` in the content:
        `check` prints them after the shared ones (srm_build/bias.py) and warns past their
        limit. A type whose answers are picked from lists says how often a reader who picks
        by position would be right; none by default."""
        return []

    def answer_key(self) -> list[KeyPart]:
        """The answer, as a printed worksheet's key shows it."""
        raise NotImplementedError

    def bank_entry(self, quiz: Quiz | None, source: str | None, lookup: Lookup) -> Entry:
        entry: Entry = {
            "id": self.id,
            "quiz": quiz.id if quiz else None,
            "type": self.bank_type,
            "prompt": self.prompt,
            "source": source,
        }
        entry.update(self.answer_entry(quiz, lookup))
        if self.explanation:
            entry["explanation"] = self.explanation
        return entry

    def answer_entry(self, quiz: Quiz | None, lookup: Lookup) -> Entry:
        """The type's own fields of the bank entry: its options or items and answer."""
        raise NotImplementedError


class ChoiceQuestion(ChoiceItem, QuestionBase):
    """A question answered by choosing: its prompt is the legend of its options."""

    def choice_prompt(self, inline: Callable[[str], Markup]) -> Markup:
        return inline(self.prompt)


class Misconceived(Model):
    """A question whose wrong answer, as a whole, reveals one misconception (`misconception`):
    mixed into a question type's model (`class Order(Misconceived, QuestionBase)`), for a
    type whose answer has no options to tag one by one. Its template puts
    `misconception_attribute` on its form and `misconception_line` in its answer key
    (_macros.html.jinja); the client's shared form code (`srm.form.misses`) queues the tag
    for review when the question is answered wrong, whatever its kind."""

    misconception: MisconceptionRef | None = Field(
        None, description="The misconception that a wrong answer to this question reveals."
    )
