"""The `flashcards` question type: a deck of glossary terms, recalled one card at a time.
Decks go to JSON and Anki, where cards belong; GIFT and QTI have no form for them."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from ..base import Markdown, TermRef
from ..question import Entry, KeyPart, Lookup, QuestionBase
from ..term import Term

if TYPE_CHECKING:
    from ..quiz import Quiz


class Flashcards(QuestionBase):
    """A deck of glossary terms: the term on the front, the definition on the back."""

    type: Literal["flashcards"]
    prompt: Markdown = "Recall the definition, then flip the card."
    cards: list[TermRef] = Field(min_length=1)

    template: ClassVar[str] = "flashcards/flashcards.html.jinja"
    client: ClassVar[tuple[str, ...]] = ("srm-flashcards.js", "srm-flashcards.css")
    component: ClassVar[str | None] = "flashcards"
    reader_noun: ClassVar[str | None] = "deck"

    def progress_ids(self) -> list[str]:
        return [f"{self.id}:{len(self.cards)}"]

    def answer_key(self) -> list[KeyPart]:
        return [KeyPart(None, "The definitions are in the glossary.")]

    def answer_entry(self, quiz: Quiz | None, lookup: Lookup) -> Entry:
        terms = [term for ident in self.cards if isinstance(term := lookup(ident), Term)]
        return {"cards": [{"id": t.id, "front": t.term, "back": t.definition} for t in terms]}

    @classmethod
    def anki(cls, entry: Entry) -> list[tuple[str, str, str]]:
        """One card per term of the deck."""
        return [(card["front"], card["back"], card["id"]) for card in entry["cards"]]
