"""The one list of units: every kind of content file and every question type.

Everything that depends on which kinds exist derives from these lists: the file models and
the content union (so the JSON Schemas, `python -m srm_build schema`), the quiz's union of
question types, the question bank and its formats (srm_build/export.py), the client files
(srm_build/assets.py), and what one of each is called in messages (`singular`).

Adding a question type: write its unit, ideally a package folder `srm_build/items/<type>/`
holding its model (a `QuestionBase`: checks, answer key, bank entry and the mapping to
GIFT, QTI and Anki), its templates (`<type>/<type>.html.jinja`, a
`<form class="srm srm-question" method="dialog" data-srm-component="<type>">` that works
without the script and never submits natively, and its QTI interaction) and its client
files (`srm-<type>.js` and styles, named in its `client` after `srm-choice.js`, with
`component = "<type>"`); add it to
`QUESTION_TYPES`; then content, docs and tests. Nothing else names a type: the client's
components and their needs (srm_build/assets.py), the progress bar's count
(srm_build/progress.py) and the study bank (srm_build/study_bank.py) derive from the
units, and the quiz score, the practice exam, the review queue and misconception tags work
through the question kind its script registers (`srm.define("<type>", kind)`; the
interface is described at the top of srm_build/assets/srm.js).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, ClassVar, ForwardRef, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Field, create_model

from .items import quiz as quiz_unit
from .items.base import Item, Markdown, Model, Text
from .items.exam import Exam
from .items.fillin import FillIn
from .items.flashcards import Flashcards
from .items.layer import Layer
from .items.match import Match
from .items.misconception import Misconception
from .items.multiple import MultipleChoice
from .items.order import Order
from .items.picklayer import PickLayer
from .items.progress import Progress
from .items.question import Exported, QuestionBase
from .items.quiz import Quiz
from .items.review import Review
from .items.scenario import Scenario
from .items.service import Service
from .items.single import SingleChoice
from .items.sort import Sort
from .items.source import Source
from .items.table import Table
from .items.term import Term
from .items.true_false import TrueFalse

QUESTION_TYPES: tuple[type[QuestionBase], ...] = (
    SingleChoice,
    MultipleChoice,
    TrueFalse,
    Sort,
    Flashcards,
    Order,
    Match,
    FillIn,
    PickLayer,
)
"""The question types a quiz may hold, by their `type`, in the order the schema lists them."""

TOOLS: tuple[type[Item], ...] = (Exam, Review, Progress)
"""The study tools a tools file may hold, by their `type`."""


@dataclass(frozen=True)
class ContentKind:
    """A kind of content file: its `kind`, the field that lists its items, the unit (or
    units, told apart by their `type`) of those items, and the templates (beside the
    units) its page shows before its items (`start`) and after them (`end`)."""

    kind: str
    field: str
    units: tuple[type[Item], ...]
    start: str | None = None
    end: str | None = None
    bank: bool = False
    """Its page ends with the study bank the exam and the review draw from, which repeats
    every question of the site, so the page stays out of search."""


CONTENT_KINDS: tuple[ContentKind, ...] = (
    ContentKind("sources", "sources", (Source,)),
    ContentKind("glossary", "terms", (Term,)),
    ContentKind("tables", "tables", (Table,)),
    ContentKind("layers", "layers", (Layer,)),
    ContentKind("services", "services", (Service,), start="service/services-file.html.jinja"),
    ContentKind("scenarios", "scenarios", (Scenario,)),
    ContentKind("quizzes", "quizzes", (Quiz,), end="quiz/answer-key.html.jinja"),
    ContentKind("misconceptions", "misconceptions", (Misconception,)),
    ContentKind("tools", "tools", TOOLS, end="study-bank.html.jinja", bank=True),
)
"""The kinds of content file, in the order the schema lists them."""


def _union(units: tuple[type[Item], ...]) -> Any:
    """One unit, or a union of units told apart by their `type` field."""
    if len(units) == 1:
        return units[0]
    return Annotated[Union[units], Field(discriminator="type")]  # noqa: UP007 (a tuple of types)


Question = _union(QUESTION_TYPES)
"""Any question type (the union a quiz's `questions` holds)."""
# The quiz unit names `Question` without importing it (it would import the registry that
# imports it); pydantic resolves the name in the unit's module when it first builds a
# validator (`defer_build`), so the union is put there. `Quiz.model_rebuild` would do the
# same but build every model's validator a second time, at every start.
quiz_unit.Question = Question


class FileBase(Model):
    """Every content file is a page: a title, an optional intro, and its items."""

    title: Text
    intro: Markdown | None = None
    kind: str

    items_field: ClassVar[str]
    """The field that lists the file's items (`terms` in a glossary file)."""
    content_kind: ClassVar[ContentKind]

    def items(self) -> list[Item]:
        """The file's items, in order."""
        return list(getattr(self, self.items_field))


def _file_model(kind: ContentKind) -> type[FileBase]:
    """The model of a file of `kind`: `kind: <kind>` and the list of its items."""
    name = f"{kind.kind.title()}File"
    model = create_model(
        name,
        __base__=FileBase,
        __module__=__name__,
        __doc__=None,
        kind=(Literal[kind.kind], ...),
        **{kind.field: (list[_union(kind.units)], Field(min_length=1))},
    )
    model.items_field = kind.field
    model.content_kind = kind
    return model


FILE_MODELS: dict[str, type[FileBase]] = {kind.kind: _file_model(kind) for kind in CONTENT_KINDS}
"""Each kind -> the model of its files."""

ContentFile = Annotated[Union[tuple(FILE_MODELS.values())], Field(discriminator="kind")]  # noqa: UP007
"""Any content file; its `kind` picks the model."""

UNITS: tuple[type[Item], ...] = tuple(
    dict.fromkeys([*(unit for kind in CONTENT_KINDS for unit in kind.units), *QUESTION_TYPES])
)
"""Every unit of an item, each once."""

EXPORTED: dict[str, type[Exported]] = {
    unit.bank_type: unit for unit in UNITS if issubclass(unit, Exported)
}
"""Bank entry `type` -> the unit that maps it to each format."""

NOUN_UNITS: dict[str, tuple[type[Item], ...]] = {}
"""What a reference's `Ref(noun)` names -> the units it may name."""
for _unit in UNITS:
    NOUN_UNITS[_unit.noun or ""] = (*NOUN_UNITS.get(_unit.noun or "", ()), _unit)


CORE_CLIENT = ("srm.js", "srm.css", "theme.js", "palette.js")
"""The client files every page loads: the core the components' files build on."""

IN_CORE_STYLESHEET = ("srm-sort.css", "srm-flashcards.css", "srm-quiz.css", "srm-exam.css")
"""Unit stylesheets the build publishes inside `srm.css`, after its shared rules, rather than
linking them on the pages that use their component (as it does the explorer's and the newer
question types'). Each still lives beside its unit. Measured gzipped: nearly every page with
questions has a quiz, and many a sort or a deck; as files of their own, those three and
srm.css weigh 2,567 bytes on a page with all three, in one file 2,029, and the page budget of
tests/test_components.py leaves no room for the difference. The exam's rules cost other
pages 153 bytes in srm.css but 344 as a file of its own, which the exam's own budget there
cannot take either; and in srm.css they need no script to link them after instant
navigation."""


def client_files() -> tuple[str, ...]:
    """Every client file the package publishes (in srm_build/assets or beside the units,
    see `assets.path_of`): the core, then each unit's, each once."""
    return tuple(dict.fromkeys([*CORE_CLIENT, *(f for unit in UNITS for f in unit.client)]))


@cache
def singular() -> dict[str, str]:
    """List field -> what one element of it is called in messages (`options` -> `option`),
    for every list of items or parts in any file model."""
    names: dict[str, str] = {}
    seen: set[type] = set()
    pending: list[type[BaseModel]] = list(FILE_MODELS.values())
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            annotation = _evaluated(model, field.annotation)
            for member in _models_in(annotation):
                pending.append(member)
                if get_origin(annotation) is list and member.noun:
                    names.setdefault(name, member.noun)
    return names


def _evaluated(model: type[BaseModel], annotation: Any) -> Any:
    """A field's annotation, with a name pydantic has not resolved yet (the quiz's
    `list[Question]`) looked up in the model's module, as pydantic will."""
    if isinstance(annotation, ForwardRef):
        namespace = vars(sys.modules[model.__module__])
        # Our own annotation text (never content), evaluated as pydantic would.
        return eval(annotation.__forward_arg__, namespace)
    return annotation


def _models_in(annotation: Any) -> list[type[Model]]:
    """The models an annotation holds, in lists, unions, mappings and `Annotated`."""
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def field_names() -> set[str]:
    """Every field name any model accepts, for 'did you mean' hints."""
    names: set[str] = set()
    pending: list[type[BaseModel]] = [Model]
    while pending:
        cls = pending.pop()
        names.update(cls.model_fields)
        pending.extend(cls.__subclasses__())
    return names


def question_type_names() -> tuple[str, ...]:
    """The `type` of each question type, in the registry's order."""
    return tuple(unit.bank_type for unit in QUESTION_TYPES)
