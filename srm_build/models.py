"""Typed content: the Content bundle that indexes every item by id, the prose pages, and
the units' models under one name.

Each kind's model lives in its unit (`srm_build/items/`) and the file models and unions
are made by the registry (`srm_build/registry.py`); they are re-exported here so that
code and tests can name any model from one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, TypeVar

from .embeds import Embed, find_embeds
from .items.base import (
    MODEL_LABELS,
    OWNER_LABELS,
    OWNERS,
    Id,
    Item,
    Location,
    Markdown,
    Model,
    OptionId,
    Owner,
    PagePath,
    Text,
    Url,
)
from .items.choice import Option
from .items.claims import Claim, RowClaim
from .items.exam import Exam
from .items.flashcards import Flashcards
from .items.layer import Layer
from .items.misconception import Misconception
from .items.multiple import MultipleChoice
from .items.progress import Progress
from .items.question import QuestionBase
from .items.quiz import Quiz
from .items.review import Review
from .items.scenario import Scenario
from .items.service import LayerShare, Service
from .items.single import SingleChoice
from .items.sort import Sort, SortItem
from .items.source import Source
from .items.table import Table, TableRow
from .items.term import Term
from .items.true_false import TrueFalse
from .loader import Document, PathKey
from .registry import (
    FILE_MODELS,
    ContentFile,
    FileBase,
    Question,
    field_names,
    question_type_names,
    singular,
)

if TYPE_CHECKING:
    from .anchors import HeadingIds
    from .resolve import Resolution

__all__ = [
    "FILE_MODELS",
    "MODEL_LABELS",
    "OWNERS",
    "OWNER_LABELS",
    "QUESTION_TYPES",
    "SINGULAR",
    "Claim",
    "Content",
    "ContentFile",
    "Exam",
    "FileBase",
    "Flashcards",
    "Id",
    "Item",
    "Layer",
    "LayerShare",
    "Location",
    "Markdown",
    "Misconception",
    "Model",
    "MultipleChoice",
    "Option",
    "OptionId",
    "Owner",
    "Page",
    "PagePath",
    "Progress",
    "Question",
    "QuestionBase",
    "Quiz",
    "Review",
    "RowClaim",
    "Scenario",
    "Service",
    "SingleChoice",
    "Sort",
    "SortItem",
    "Source",
    "Table",
    "TableRow",
    "Term",
    "Text",
    "TrueFalse",
    "Url",
    "field_names",
    "items_with_ids",
    "locate",
    "page_path",
]

QUESTION_TYPES = question_type_names()
"""The `type` of each question type the registry lists."""

SINGULAR = singular()
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

    @cached_property
    def embeds(self) -> list[Embed]:
        """The page's `srm` blocks (`find_embeds` of its body), found once."""
        return find_embeds(self.body)


_ItemT = TypeVar("_ItemT", bound=Item)


@dataclass
class Content:
    """Everything loaded: the content files, the prose pages, and indexes by id."""

    files: dict[str, FileBase]
    """Content-relative path of each YAML file -> its file model."""
    pages: dict[str, Page]
    by_id: dict[str, Item]
    """Every top-level item, question included, by its id."""
    assets: set[str] = field(default_factory=set)
    """Content-relative paths of the images in the content folder."""
    resolved: Resolution | None = None
    """What the resolve step worked out (srm_build/resolve.py); set when content loads."""
    headings: HeadingIds | None = None
    """How the site makes heading ids (its `toc` settings), which the headings of a YAML
    file's intro get too (`markup.render_intro`); set when content loads."""

    def of_type(self, cls: type[_ItemT]) -> list[_ItemT]:
        return [item for item in self.by_id.values() if isinstance(item, cls)]

    @property
    def layers(self) -> list[Layer]:
        return self.of_type(Layer)

    @property
    def terms(self) -> list[Term]:
        return self.of_type(Term)


def items_with_ids(file: FileBase) -> list[Item]:
    """The items of a file that are addressable by id, questions of quizzes included."""
    return [found for item in file.items() for found in item.addressable()]
