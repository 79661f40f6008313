"""Typed content: one pydantic model per kind, the file models that hold them, and the
Content bundle that indexes every item by id.

Models are strict (no coercion, unknown keys rejected) so that YAML surprises such as an
unquoted `no` becoming false are reported instead of published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

from .errors import Problem
from .loader import Document, PathKey

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
"""Stable, URL-safe identifier: lowercase words joined by single hyphens."""

OptionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]{1,12}$")]
"""Short key of an option within its question, such as `a`."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
"""One line of plain text, such as a title."""

Markdown = Annotated[str, StringConstraints(min_length=1, max_length=20000)]
"""Markdown prose; rendered safely (raw HTML is shown as text)."""

Url = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"']+$", max_length=500)]
PagePath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_./-]*\.md$")]
"""A Markdown page of the content, relative to the content folder."""

Owner = Literal["aws", "customer", "shared"]
OWNERS: tuple[Owner, ...] = ("aws", "customer", "shared")
OWNER_LABELS = {"aws": "AWS", "customer": "Customer", "shared": "Shared"}
MODEL_LABELS = {"iaas": "IaaS", "paas": "PaaS", "saas": "SaaS"}


@dataclass(frozen=True)
class Location:
    """Where a model was written: its document and the key path inside it."""

    doc: Document
    key: PathKey

    def problem(self, message: str, *field: str | int, of_key: bool = False) -> Problem:
        return self.doc.problem((*self.key, *field), message, of_key=of_key)


class Model(BaseModel):
    # Validation goes through one TypeAdapter of every file kind (parse.py), which builds
    # what it needs in one pass: building each model's own validator as its class is
    # created would be a second, unused copy at every start (`defer_build`).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)
    _where: Location | None = PrivateAttr(default=None)

    @property
    def where(self) -> Location:
        assert self._where is not None, "models are located when a document is parsed"
        return self._where


# --- sources and glossary -------------------------------------------------------------


class Source(Model):
    """A document that content is drawn from; items name it by id."""

    id: Id
    title: Text
    url: Url
    publisher: Text = "Amazon Web Services"


class Term(Model):
    """A glossary entry. `quote: true` marks the definition as official wording."""

    id: Id
    term: Text
    definition: Markdown
    quote: bool = False
    aliases: list[Text] = []
    related: list[Id] = []
    source: Id


# --- responsibility tables, layers and services ---------------------------------------


class TableRow(Model):
    """One row: what AWS, the customer, or both do for the thing the row names."""

    id: Id
    label: Text
    model: Literal["iaas", "paas", "saas"] | None = Field(
        None,
        description="For a generic service-model row: its `claims` are checked against every "
        "service of that model in the matrix, and `services` must list all of them. A row "
        "whose label or id names a model (IaaS, PaaS, SaaS) must say which.",
    )
    category: Literal["infrastructure", "container", "abstracted"] | None = Field(
        None,
        description="For a row about one of the older framing's service categories: checked "
        "like `model`, against every service of that `category` in the matrix. A row whose "
        "label or id names a category (container services, abstracted services) must say which.",
    )
    services: list[Id] = []
    aws: list[Markdown] = []
    customer: list[Markdown] = []
    shared: list[Markdown] = []
    notes: Markdown | None = None
    source: Id | None = None
    claims: dict[Id, Owner | RowClaim] = Field(
        default={},
        description="Layer -> the owner this row teaches for it, for each of its `services` "
        "(or, with none, for every service): checked against the service matrix.",
    )
    beside: bool = Field(
        False,
        description="In a stack drawing, this row sits beside the row above rather than under it.",
    )

    @model_validator(mode="after")
    def _says_who(self) -> TableRow:
        if not (self.aws or self.customer or self.shared):
            raise ValueError("a row needs at least one of 'aws', 'customer' or 'shared'")
        if self.model is not None and self.category is not None:
            raise ValueError("a row is about one 'model' or one 'category', not both")
        return self


class Table(Model):
    """A responsibility table; rows take the table's source unless they name their own."""

    id: Id
    title: Text
    intro: Markdown | None = None
    row_header: Text = Field(
        "Area", description="Heading of the first column, naming what each row is about."
    )
    source: Id
    rows: list[TableRow] = Field(min_length=1)
    draw: Literal["table", "stack"] = Field(
        "table",
        description="`stack` draws the rows as a layer stack, first row on top, coloured by owner.",
    )


class Layer(Model):
    """One level of the stack, from physical facilities up to customer data."""

    id: Id
    name: Text
    names: list[Text] = Field(
        default=[],
        description='Other words a text uses for this layer, besides its `name` ("guest OS", '
        '"operating system"), matched case-insensitively as whole words: an owner claim about '
        "the layer must be made by a text that names it (srm_build/owners.py).",
    )
    description: Markdown
    source: Id


class LayerShare(Model):
    """An owner with the note that explains it; required when the owner is `shared`."""

    owner: Owner
    note: Markdown


class Service(Model):
    """An AWS service and who owns each layer of the stack when it is used."""

    id: Id
    name: Text
    names: list[Text] = Field(
        default=[],
        description='Other words a text uses for the service ("EC2", "S3 bucket"), besides '
        "its `name`: an owner claim made by a text that names the service must be about it.",
    )
    model: Literal["iaas", "paas", "saas"] | None = Field(
        None,
        description="The service model the model pages teach it under; leave it out for a "
        "service they only place in the older framing (`category`), such as Amazon S3.",
    )
    category: Literal["infrastructure", "container", "abstracted"] | None = None
    summary: Markdown
    layers: dict[Id, Owner | LayerShare]
    source: Id

    @model_validator(mode="after")
    def _has_a_label(self) -> Service:
        if self.model is None and self.category is None:
            raise ValueError("a service needs a 'model' (iaas, paas, saas) or a 'category'")
        return self

    def owner_of(self, layer: str) -> Owner | None:
        cell = self.layers.get(layer)
        return cell.owner if isinstance(cell, LayerShare) else cell


# --- owner claims ---------------------------------------------------------------------


class Claim(Model):
    """Who owns a layer, as an item teaches it: checked against the service matrix.

    With a `service`, the claim is about that service's cell for `layer`; without one, about
    the layer as every service has it (so it holds only where the whole matrix agrees). With
    no `layer` either, it is about the whole stack, which is shared for every service: allowed
    only for a text that names the whole stack ("all security", "every layer"), and checked so
    (srm_build/owners.py)."""

    owner: Owner
    layer: Id | None = None
    service: Id | None = None


class RowClaim(Model):
    """A table row's owner for one layer, naming the row's services that differ from it."""

    owner: Owner
    exceptions: list[Id] = Field(
        default=[],
        min_length=1,
        description="Services of the row whose matrix cell differs; the row's notes name them.",
    )


# --- scenarios ------------------------------------------------------------------------


class Scenario(Model):
    """A situation and who is responsible for it, with the reason, and the feedback for each
    answer a reader can give (AWS, customer, shared)."""

    id: Id
    title: Text
    situation: Markdown
    responsible: Owner
    explanation: Markdown
    feedback: dict[Owner, Markdown] = Field(
        description="For each of aws, customer and shared: why that answer is right, or what "
        "makes it wrong."
    )
    service: Id | None = None
    layer: Id | None = None
    claims: list[Claim] = Field(
        default=[],
        description="For an answer made of parts: who owns each part. Their owners together "
        "(one owner, or shared when they differ) must be `responsible`.",
    )
    terms: list[Id] = []
    source: Id

    @model_validator(mode="after")
    def _feedback_for_every_answer(self) -> Scenario:
        missing = [owner for owner in OWNERS if owner not in self.feedback]
        if missing:
            raise ValueError(f"'feedback' needs an entry for {', '.join(missing)}")
        return self


# --- quizzes --------------------------------------------------------------------------


class Misconception(Model):
    """A wrong belief readers often hold; wrong options name it to group mistakes."""

    id: Id
    belief: Text = Field(
        description="The belief in the reader's words, e.g. 'AWS patches the guest OS of my "
        "instances'."
    )
    correction: Markdown
    source: Id


class Option(Model):
    """A choice with the feedback a reader sees after picking it (or missing it)."""

    id: OptionId
    text: Markdown
    feedback: Markdown
    misconception: Id | None = Field(
        None, description="The misconception that picking this (wrong) option reveals."
    )
    claim: Claim | None = Field(
        None,
        description="The owner this option asserts; it is a right answer exactly when the "
        "service matrix agrees.",
    )
    claims: list[Claim] = Field(
        default=[],
        min_length=2,
        description='For an option that says who does several things ("AWS patches the host '
        'and the customer patches the guest"): one claim per part. It is a right answer '
        "exactly when the matrix agrees with every part.",
    )

    @model_validator(mode="after")
    def _one_way_to_claim(self) -> Option:
        return _one_way_to_claim(self)

    @property
    def parts(self) -> list[Claim]:
        """The owner claims the option makes: its `claim`, or the parts of `claims`."""
        return [self.claim] if self.claim else list(self.claims)


def _one_way_to_claim(model: Any) -> Any:
    if model.claim is not None and model.claims:
        raise ValueError("give 'claim' for one part or 'claims' for several, not both")
    return model


class QuestionBase(Model):
    id: Id
    prompt: Markdown
    explanation: Markdown | None = None
    terms: list[Id] = []
    source: Id | None = None
    topic: PagePath | None = Field(
        None, description="The page to reread after a wrong answer; by default the quiz's topic."
    )


SHUFFLE = Field(
    None,
    description="Show the options in a random order per reader (kept until they try again); "
    "false keeps the written order, where order carries meaning. By default the quiz's `shuffle`.",
)


class SingleChoice(QuestionBase):
    """Exactly one option is correct."""

    type: Literal["single"]
    options: list[Option] = Field(min_length=2)
    shuffle: bool | None = SHUFFLE
    answer: OptionId

    @property
    def correct(self) -> set[str]:
        return {self.answer}


class MultipleChoice(QuestionBase):
    """One or more options are correct; the reader must pick all of them."""

    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2)
    shuffle: bool | None = SHUFFLE
    answer: list[OptionId] = Field(min_length=1)

    @property
    def correct(self) -> set[str]:
        return set(self.answer)


class TrueFalse(QuestionBase):
    """A statement that is true or false, with the feedback a reader gets for answering
    "True" and for answering "False": why that answer is right, or what makes it wrong."""

    type: Literal["true-false"]
    answer: bool
    feedback_true: Markdown = Field(description='Feedback for a reader who answers "True".')
    feedback_false: Markdown = Field(description='Feedback for a reader who answers "False".')
    misconception: Id | None = Field(None, description="The misconception behind the wrong answer.")
    claim: Claim | None = Field(
        None,
        description="The owner the statement asserts; the answer is true exactly when the "
        "service matrix agrees.",
    )
    claims: list[Claim] = Field(
        default=[],
        min_length=2,
        description="For a statement that says who does several things: one claim per part. "
        "It is true exactly when the matrix agrees with every part.",
    )

    @model_validator(mode="after")
    def _one_way_to_claim(self) -> TrueFalse:
        return _one_way_to_claim(self)

    @property
    def parts(self) -> list[Claim]:
        """The owner claims the statement makes: its `claim`, or the parts of `claims`."""
        return [self.claim] if self.claim else list(self.claims)


class SortItem(Model):
    """Something to place in a bucket; `service` and `layer` tie it to the matrix."""

    id: OptionId | Id
    text: Markdown
    owner: Owner
    explanation: Markdown
    service: Id | None = None
    layer: Id | None = None
    claims: list[Claim] = Field(
        default=[],
        description="For an item made of parts: who owns each part (see Scenario.claims).",
    )
    source: Id | None = Field(
        None,
        description="The page that supports this item, where it is not the question's own "
        "(a sort over several services cites each service's page); shown under its explanation.",
    )


class Sort(QuestionBase):
    """Items to sort into owner buckets."""

    type: Literal["sort"]
    buckets: list[Owner] = Field(min_length=2)
    items: list[SortItem] = Field(min_length=2)


class Flashcards(QuestionBase):
    """A deck of glossary terms: the term on the front, the definition on the back."""

    type: Literal["flashcards"]
    prompt: Markdown = "Recall the definition, then flip the card."
    cards: list[Id] = Field(min_length=1)


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Sort | Flashcards,
    Field(discriminator="type"),
]
QUESTION_TYPES = ("single", "multiple", "true-false", "sort", "flashcards")


class Quiz(Model):
    """A titled set of questions; questions take the quiz's source unless they name one."""

    id: Id
    title: Text
    intro: Markdown | None = None
    shuffle: bool = Field(
        True,
        description="Readers see the options of its single and multiple choice questions in a "
        "random order of their own (the script shuffles; without it the written order stays). "
        "A question's own `shuffle` wins.",
    )
    source: Id | None = None
    topic: PagePath | None = Field(
        None,
        description="The page its questions test; by default the first page that embeds the quiz.",
    )
    questions: list[Question] = Field(min_length=1)


# --- study tools ----------------------------------------------------------------------


class Exam(Model):
    """A practice exam drawn at random from every question and scenario, balanced by topic."""

    id: Id
    type: Literal["exam"]
    title: Text
    intro: Markdown | None = None
    sizes: list[Annotated[int, Field(ge=1, le=200)]] = Field(
        default=[10, 20, 40],
        min_length=1,
        description="How many questions a reader may choose to take.",
    )
    seconds_per_question: int = Field(
        72, ge=10, le=600, description="The optional timer allows this much per question."
    )


class Review(Model):
    """What is due today in the reader's review queue, and their mistakes by misconception."""

    id: Id
    type: Literal["review"]
    title: Text
    intro: Markdown | None = None


class Progress(Model):
    """How far the reader has got in each chapter: the prose pages that embed questions, in
    the navigation's order, each with the share of its questions and decks done."""

    id: Id
    type: Literal["progress"]
    title: Text
    intro: Markdown | None = None


Tool = Annotated[Exam | Review | Progress, Field(discriminator="type")]


# --- files ----------------------------------------------------------------------------


class FileBase(Model):
    """Every content file is a page: a title, an optional intro, and its items."""

    title: Text
    intro: Markdown | None = None

    def items(self) -> list[Model]:
        return list(getattr(self, ITEMS_FIELD[self.kind]))  # type: ignore[attr-defined]


class SourcesFile(FileBase):
    kind: Literal["sources"]
    sources: list[Source] = Field(min_length=1)


class GlossaryFile(FileBase):
    kind: Literal["glossary"]
    terms: list[Term] = Field(min_length=1)


class TablesFile(FileBase):
    kind: Literal["tables"]
    tables: list[Table] = Field(min_length=1)


class LayersFile(FileBase):
    kind: Literal["layers"]
    layers: list[Layer] = Field(min_length=1)


class ServicesFile(FileBase):
    kind: Literal["services"]
    services: list[Service] = Field(min_length=1)


class ScenariosFile(FileBase):
    kind: Literal["scenarios"]
    scenarios: list[Scenario] = Field(min_length=1)


class QuizzesFile(FileBase):
    kind: Literal["quizzes"]
    quizzes: list[Quiz] = Field(min_length=1)


class MisconceptionsFile(FileBase):
    kind: Literal["misconceptions"]
    misconceptions: list[Misconception] = Field(min_length=1)


class ToolsFile(FileBase):
    kind: Literal["tools"]
    tools: list[Tool] = Field(min_length=1)


ContentFile = Annotated[
    SourcesFile
    | GlossaryFile
    | TablesFile
    | LayersFile
    | ServicesFile
    | ScenariosFile
    | QuizzesFile
    | MisconceptionsFile
    | ToolsFile,
    Field(discriminator="kind"),
]
FILE_MODELS: dict[str, type[FileBase]] = {
    "sources": SourcesFile,
    "glossary": GlossaryFile,
    "tables": TablesFile,
    "layers": LayersFile,
    "services": ServicesFile,
    "scenarios": ScenariosFile,
    "quizzes": QuizzesFile,
    "misconceptions": MisconceptionsFile,
    "tools": ToolsFile,
}
ITEMS_FIELD = {
    "sources": "sources",
    "glossary": "terms",
    "tables": "tables",
    "layers": "layers",
    "services": "services",
    "scenarios": "scenarios",
    "quizzes": "quizzes",
    "misconceptions": "misconceptions",
    "tools": "tools",
}
SINGULAR = {
    "sources": "source",
    "terms": "term",
    "tables": "table",
    "rows": "row",
    "layers": "layer",
    "services": "service",
    "scenarios": "scenario",
    "quizzes": "quiz",
    "questions": "question",
    "options": "option",
    "items": "item",
    "misconceptions": "misconception",
    "tools": "tool",
}
"""What one element of each list is called in messages."""


def page_path(yaml_path: str) -> str:
    """The Markdown page a YAML file becomes: `quizzes/iaas.yml` -> `quizzes/iaas.md`."""
    return str(PurePosixPath(yaml_path).with_suffix(".md"))


def locate(model: Model, doc: Document, key: PathKey) -> None:
    """Record where `model` and every model nested in it were written."""
    model._where = Location(doc, key)
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Model):
            locate(value, doc, (*key, name))
        elif isinstance(value, list):
            for i, element in enumerate(value):
                if isinstance(element, Model):
                    locate(element, doc, (*key, name, i))
        elif isinstance(value, dict):
            for dict_key, element in value.items():
                if isinstance(element, Model):
                    locate(element, doc, (*key, name, dict_key))


# --- the bundle -----------------------------------------------------------------------


@dataclass
class Page:
    """A Markdown page of prose, which may embed items by id."""

    path: str
    """Path relative to the content folder, with forward slashes."""
    text: str
    body: str = ""
    """The text with its front matter lines blanked, as the engine renders it (line numbers
    kept); the whole text when not given."""

    def __post_init__(self) -> None:
        if not self.body:
            self.body = self.text


@dataclass
class Content:
    """Everything loaded: the content files, the prose pages, and indexes by id."""

    files: dict[str, Any]
    """Content-relative path of each YAML file -> its file model."""
    pages: dict[str, Page]
    by_id: dict[str, Model]
    """Every top-level item, question included, by its id."""
    assets: set[str] = field(default_factory=set)
    """Content-relative paths of the images in the content folder."""

    def of_type(self, cls: type) -> list:
        return [item for item in self.by_id.values() if isinstance(item, cls)]

    @property
    def layers(self) -> list[Layer]:
        return self.of_type(Layer)

    @property
    def terms(self) -> list[Term]:
        return self.of_type(Term)


def items_with_ids(file: FileBase) -> list[Model]:
    """The items of a file that are addressable by id, questions of quizzes included."""
    found: list[Model] = []
    for item in file.items():
        found.append(item)
        if isinstance(item, Quiz):
            found.extend(item.questions)
    return found


def field_names() -> set[str]:
    """Every field name any model accepts, for 'did you mean' hints."""
    names: set[str] = set()
    pending: list[type[BaseModel]] = [Model]
    while pending:
        cls = pending.pop()
        names.update(cls.model_fields)
        pending.extend(cls.__subclasses__())
    return names
