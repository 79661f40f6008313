"""What every unit builds on: the scalar types of content, the located model, the item
base (id, source, where it was defined), and the marker a field uses to say which kind of
item it names (`Ref`).

A unit is one module per item kind (`srm_build/items/<kind>.py`), or a package folder
(`srm_build/items/<kind>/`) that also holds its templates and client files: its pydantic
model, its own checks, the name of its template (beside it, `<kind>.html.jinja`), its export
mapping, its client component and the names of its client files. `srm_build/registry.py`
lists the units; nothing else names them one by one.

Models are strict (no coercion, unknown keys rejected) so that YAML surprises such as an
unquoted `no` becoming false are reported instead of published.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, PrivateAttr, StringConstraints

from ..errors import Problem
from ..loader import Document, PathKey

if TYPE_CHECKING:
    from ..models import Content
    from .claims import FreeText, OwnerStatement

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
"""Stable, URL-safe identifier: lowercase words joined by single hyphens."""

OptionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]{1,12}$")]
"""Short key of an option within its question, such as `a`."""


def _visible(value: str) -> str:
    """`value`, if a reader sees anything of it. Raises ValueError for text of only white
    space (a no-break space included) and format characters (a zero-width space): it
    passed `min_length`, and an option of it became a radio button with no label."""
    if any(not c.isspace() and unicodedata.category(c) != "Cf" for c in value):
        return value
    raise ValueError("must not be empty (it holds only spaces or invisible characters)")


Text = Annotated[str, StringConstraints(min_length=1, max_length=2000), AfterValidator(_visible)]
"""One line of plain text, such as a title."""

Markdown = Annotated[
    str, StringConstraints(min_length=1, max_length=20000), AfterValidator(_visible)
]
"""Markdown prose; rendered safely (raw HTML is shown as text)."""

# No `\"` in the pattern: JSON Schema patterns are ECMAScript regexes, and in unicode mode
# (editors' YAML servers, check-jsonschema's default) an escaped `"` is a syntax error.
Url = Annotated[str, StringConstraints(pattern=r"""^https://[^\s<>"']+$""", max_length=500)]
PagePath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_./-]*\.md$")]
"""A Markdown page of the content, relative to the content folder."""

Owner = Literal["aws", "customer", "shared"]
OWNERS: tuple[Owner, ...] = ("aws", "customer", "shared")
OWNER_LABELS = {"aws": "AWS", "customer": "Customer", "shared": "Shared"}
MODEL_LABELS = {"iaas": "IaaS", "paas": "PaaS", "saas": "SaaS"}


@dataclass(frozen=True)
class Ref:
    """Field metadata: the value is the id of an item whose unit's `noun` is `noun`
    (`Annotated[Id, Ref("term")]`). The resolve step (`srm_build/resolve.py`) finds every
    such field, in lists and as mapping keys too, and checks that it names such an item."""

    noun: str


SourceRef = Annotated[Id, Ref("source")]
TermRef = Annotated[Id, Ref("term")]
LayerRef = Annotated[Id, Ref("layer")]
ServiceRef = Annotated[Id, Ref("service")]
MisconceptionRef = Annotated[Id, Ref("misconception")]
PageRef = Annotated[PagePath, Ref("page")]
"""A Markdown page of the content (`Ref("page")` names a page, not an item)."""


@dataclass(frozen=True)
class Location:
    """Where a model was written: its document and the key path inside it."""

    doc: Document
    key: PathKey

    def problem(self, message: str, *field: str | int, of_key: bool = False) -> Problem:
        return self.doc.problem((*self.key, *field), message, of_key=of_key)


class Model(BaseModel):
    """A located, strict, immutable piece of content: an item or a part of one."""

    # Validation goes through one TypeAdapter of every file kind (parse.py), which builds
    # what it needs in one pass: building each model's own validator as its class is
    # created would be a second, unused copy at every start (`defer_build`).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)
    _where: Location | None = PrivateAttr(default=None)

    noun: ClassVar[str | None] = None
    """What one of these is called in messages ("option", "row"); None for parts that are
    named by their field (a claim)."""
    anchored: ClassVar[bool] = True
    """A part with an id gets the anchor `#srm-<item>--<id>` from its unit's template
    (`references.part_ids`); False where the template gives it none."""

    @property
    def where(self) -> Location:
        assert self._where is not None, "models are located when a document is parsed"
        return self._where

    @property
    def ident(self) -> str | None:
        """The id that names this part within its item, if it has one."""
        return None

    def part_label(self) -> str:
        """How a message names this part: `option 'a'`, or "" for one with no id."""
        return f"{self.noun} '{self.ident}'" if self.noun and self.ident else ""


class NamedPart(Model):
    """A part of an item named by an id of its own within it (an option, a gap, a sort
    item): the id is how messages and the part's anchor name it (`ident`). A short key or
    an id, unless the unit narrows it (an option's is a short key, a table row's an id)."""

    id: OptionId | Id

    @property
    def ident(self) -> str:
        return self.id


class TextPart(NamedPart):
    """A named part with a text a reader sees: two parts of one list may not repeat an id,
    nor read the same (`duplicates`)."""

    text: Markdown


class Item(Model):
    """An item: addressable by id from pages and other items, shown on the page of its
    YAML file with the anchor `#srm-<id>`. Its source is its own `source` field, or the
    one it inherits from the item it is part of (a quiz's), worked out by the resolve step.

    A unit says, as class attributes, what it is called (`noun`), which template shows it
    (`template`, beside the unit) and which client files it needs (`client`)."""

    id: Id

    noun: ClassVar[str | None] = "item"
    template: ClassVar[str] = ""
    """The unit's template, `<name>.html.jinja` beside its module (srm_build/items)."""
    client: ClassVar[tuple[str, ...]] = ()
    """The client files the unit's component needs: beside the unit (in its package folder)
    or a unit it builds on (`srm-choice.js` in `items/choice/`), or in srm_build/assets.
    With a `component`, its own script is `srm-<component>.js`; the scripts listed before
    it are those it needs (loaded first), the `.css` files its styles."""
    component: ClassVar[str | None] = None
    """The client component that mounts the unit's markup (its template's root element has
    `data-srm-component="<component>"`), or None for a unit without one of its own."""
    needs_source: ClassVar[bool] = False
    """The item must end up with a source, its own or inherited (see `Item`)."""
    reader_noun: ClassVar[str | None] = None
    """What its page calls it where that is not its `noun` (a flashcards question is a
    "deck"); see `report_noun`."""
    study: ClassVar[Literal["exam", "review"] | None] = None
    """Where the study bank offers it: the exam draws `exam` items; the review queue brings
    back both (a wrong sort placement queues the sort)."""
    reads_bank: ClassVar[bool] = False
    """Its component loads the study bank (`bank_script` in its template's context)."""

    @property
    def ident(self) -> str:
        return self.id

    @property
    def report_noun(self) -> str:
        """What its "Report a problem with this ..." link and the title of the pre-filled
        issue call it (one name for both): `reader_noun`, else its `noun`."""
        return self.reader_noun or self.noun or "item"

    @property
    def heading(self) -> str:
        """The item's title as a reader sees it (the heading of its section)."""
        return self.id

    def children(self) -> list[Item]:
        """The items it holds that are addressable by id themselves (a quiz's questions)."""
        return []

    def addressable(self) -> list[Item]:
        """Itself and the items it holds, in order."""
        return [self, *self.children()]

    def progress_ids(self) -> list[str]:
        """What the reader's progress counts for it: the ids of the questions it is or
        holds, a flashcard deck as `id:cards` (done once every card is known)."""
        return []

    def checks(self, content: Content) -> Iterator[Problem]:
        """The unit's own rules, beyond its model and its references (none by default)."""
        return iter(())

    def owner_statements(self) -> list[OwnerStatement]:
        """Its parts that state who owns something, each checked against the service matrix
        (srm_build/owners.py); none by default."""
        return []

    def rendered_markdown(self) -> dict[str, str]:
        """Its fields whose Markdown is rendered other than as written: field name -> the
        Markdown the page renders (a fill-in's sentence, its gaps' markers replaced by
        slots). The link checks read that text, so they judge what the page shows; none by
        default."""
        return {}

    def free_texts(self) -> list[FreeText]:
        """Its free text that may state an owner, checked against the service matrix where
        the build can read it (srm_build/owners.py); none by default."""
        return []


def folded(text: str) -> str:
    """`text` as the checks compare parts for duplicates: case and runs of spaces aside
    ("Guest  OS" and "guest os" are one text)."""
    return " ".join(text.casefold().split())


P = TypeVar("P", bound=TextPart)


def duplicates(
    item: Item,
    field: str,
    parts: Sequence[P],
    *,
    why: str = "",
    same_text: Callable[[P, P], str] | None = None,
) -> Iterator[Problem]:
    """The problems of `parts`, the list `field` of `item` (a question's options or items),
    that repeat an earlier part: its id ("question 'q': option id 'a' is used twice"), or its
    text once `folded` ("question 'q': options 'a' and 'c' have the same text" and `why`, or
    what `same_text(earlier, part)` says after the question's label). Each is located at the
    repeat's own key."""
    ids: set[str] = set()
    texts: dict[str, P] = {}
    label = f"question '{item.id}': "
    for i, part in enumerate(parts):
        if part.id in ids:
            yield item.where.problem(
                f"{label}{part.noun} id '{part.id}' is used twice", field, i, "id"
            )
        ids.add(part.id)
        earlier = texts.setdefault(folded(part.text), part)
        if earlier is not part:
            said = (
                same_text(earlier, part)
                if same_text
                else f"{part.noun}s '{earlier.id}' and '{part.id}' have the same text{why}"
            )
            yield item.where.problem(f"{label}{said}", field, i, "text")
