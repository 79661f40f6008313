"""References, sources, quizzes, topics and pages, worked out once for every later stage.

References are declared in the models: a field whose type carries `Ref(noun)` (see
srm_build/items/base.py) names an item of the units called `noun`, or with `Ref("page")` a
Markdown page. `resolve` walks every file once and finds:

- every reference, checked here: an unknown id is a located problem naming the item, the
  part and the field (`question 'q': option 'a' names unknown misconception 'x'`);
- each item's and part's source: its own `source`, or the one it inherits from what holds
  it (a question from its quiz, a table row from its table); an item whose unit
  `needs_source` and that ends up with none is a problem;
- the item each item is part of (a question's quiz), the page of its YAML file (`home`),
  the first prose page that embeds it, and from these its topic: the page a reader
  rereads after a wrong answer (its own `topic`, its quiz's, the page that embeds it or
  its quiz, else its own page);
- the ids of the items each page shows, for `#srm-<id>` anchors.

Render, pages and exports read the `Resolution`; none of them works these out again.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, ForwardRef, Literal, get_args, get_origin

from .errors import Problem
from .items.base import Item, Model, Ref
from .items.quiz import Quiz
from .items.source import Source
from .models import Content, page_path
from .registry import NOUN_UNITS

Shape = Literal["one", "list", "keys"]


@dataclass(frozen=True, slots=True)
class Reference:
    """One id written in a field declared as a reference, and where."""

    holder: Model
    """The model whose field holds it (an item, or a part such as an option)."""
    item: Item
    """The item it is written in, which messages name."""
    subject: str
    """What names it in messages: the field, or the part (`option 'a'`)."""
    key: tuple[str | int, ...]
    of_key: bool
    """The id is a mapping's key (a service's layers), so the key is the place."""
    noun: str
    value: str


@dataclass
class Resolution:
    """What `resolve` worked out for one loaded Content (see the module docstring)."""

    parent: dict[str, Item] = field(default_factory=dict)
    """Item id -> the item it is part of (a question's quiz)."""
    home: dict[str, str] = field(default_factory=dict)
    """Item id -> the page of the YAML file it is written in."""
    embedded_in: dict[str, str] = field(default_factory=dict)
    """Item id -> the first prose page that embeds it."""
    shown_on: dict[str, set[str]] = field(default_factory=dict)
    """Page path -> ids of the items shown on it (so `#srm-<id>` anchors exist there): each
    YAML file's items on its own page, embedded items (a quiz's questions with it)."""
    own_topic: dict[str, str] = field(default_factory=dict)
    """Item id -> the page its own `topic` names."""
    source_ids: dict[int, str | None] = field(default_factory=dict)
    """`id()` of each model with a `source` field -> its source's id, its own or inherited."""
    by_id: dict[str, Item] = field(default_factory=dict)

    def source_of(self, model: Model) -> Source:
        """The source a model names, or the one it inherits (see the module docstring)."""
        found = self.by_id[self.source_ids[id(model)] or ""]
        assert isinstance(found, Source), "sources are checked when content loads"
        return found

    def source_id(self, model: Model) -> str | None:
        return self.source_ids.get(id(model))

    def quiz_of(self, item: Item) -> Quiz | None:
        """The quiz a question is part of."""
        parent = self.parent.get(item.id)
        return parent if isinstance(parent, Quiz) else None

    def topic_of(self, item: Item) -> str:
        """The page a reader should reread after getting `item` wrong."""
        parent = self.parent.get(item.id)
        candidates = (
            self.own_topic.get(item.id),
            self.own_topic.get(parent.id) if parent else None,
            self.embedded_in.get(item.id),
            self.embedded_in.get(parent.id) if parent else None,
        )
        return next((c for c in candidates if c), self.home[item.id])


def resolve(content: Content) -> tuple[Resolution, list[Problem]]:
    """Work out `content`'s references, sources, quizzes and pages; return them and the
    problems found: unknown references and items left without a source. Sets
    `content.resolved`."""
    found = Resolution(by_id=content.by_id)
    # Kept only until they are checked: the resolution lives for the whole build.
    references: list[Reference] = []
    for path, file in content.files.items():
        home = page_path(path)
        shown = found.shown_on.setdefault(home, set())
        for item in file.items():
            _walk(found, references, item, item, item, None)
            for one in item.addressable():
                found.home[one.id] = home
                shown.add(one.id)
    for src, page in content.pages.items():
        shown = found.shown_on.setdefault(src, set())
        for embed in page.embeds:
            for ident, _line, _col in embed.ids:
                item = content.by_id.get(ident)
                shown.update([one.id for one in item.addressable()] if item else [ident])
            for ident, _line, _col in embed.items:
                found.embedded_in.setdefault(ident, src)
    content.resolved = found
    problems = [*_reference_problems(content, references), *_source_problems(content, found)]
    return found, problems


def _walk(
    found: Resolution,
    references: list[Reference],
    model: Model,
    item: Item,
    named: Model,
    source: str | None,
) -> None:
    """Record the references and the source of `model` (written in `item`; `named` is
    the nearest model that messages can name), then of every model it holds."""
    refs, children = _fields(type(model))
    names_source = any(noun == "source" and shape == "one" for _name, shape, noun in refs)
    for name, shape, noun in refs:
        value = getattr(model, name)
        if value is None:
            continue
        subject = name if named is item else named.part_label()
        if shape == "one":
            references.append(Reference(model, item, subject, (name,), False, noun, value))
            if noun == "source":
                source = value
            elif noun == "page" and model is item:
                found.own_topic[item.id] = value
        elif shape == "list":
            for i, one in enumerate(value):
                references.append(Reference(model, item, subject, (name, i), False, noun, one))
        else:
            for one in value:
                references.append(Reference(model, item, subject, (name, one), True, noun, one))
    if names_source:
        found.source_ids[id(model)] = source
    for name in children:
        value = getattr(model, name)
        if value is None:
            continue
        if isinstance(value, Model):
            value = [value]
        elif not isinstance(value, (list, dict)):
            continue
        for child in value.values() if isinstance(value, dict) else value:
            if isinstance(child, Item):
                found.parent[child.id] = item
                _walk(found, references, child, child, child, source)
            elif isinstance(child, Model):
                part = child if child.part_label() else named
                _walk(found, references, child, item, part, source)


@cache
def _fields(cls: type[Model]) -> tuple[list[tuple[str, Shape, str]], list[str]]:
    """A model class's reference fields (name, shape, noun), and the fields that hold
    other models (each as a list or a mapping: a lone model is read as a list of one)."""
    refs: list[tuple[str, Shape, str]] = []
    children: list[str] = []
    for name, info in cls.model_fields.items():
        ref = next((m for m in info.metadata if isinstance(m, Ref)), None)
        annotation = info.annotation
        if ref is not None:
            refs.append((name, "one", ref.noun))
        elif (found := _ref_in(annotation)) is not None:
            refs.append((name, *found))
        if _holds_models(annotation):
            children.append(name)
    return refs, children


def _ref_in(annotation: Any) -> tuple[Shape, str] | None:
    """Where an annotation declares a reference: the value itself (also when optional),
    each element of a list, or each key of a mapping."""
    origin = get_origin(annotation)
    if origin is Annotated:
        ref = next((m for m in annotation.__metadata__ if isinstance(m, Ref)), None)
        return ("one", ref.noun) if ref else None
    args = get_args(annotation)
    if origin is list and args:
        inner = _ref_in(args[0])
        return ("list", inner[1]) if inner and inner[0] == "one" else None
    if origin is dict and args:
        inner = _ref_in(args[0])
        return ("keys", inner[1]) if inner and inner[0] == "one" else None
    for arg in args:  # Optional[...] and other unions: of one id, a list or a mapping
        inner = _ref_in(arg)
        if inner is not None:
            return inner
    return None


def _holds_models(annotation: Any) -> bool:
    """Whether a field may hold models. A name pydantic resolves only when it builds the
    validator (the quiz's `list[Question]`) is read as one that may."""
    if isinstance(annotation, (str, ForwardRef)):
        return True
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return True
    return any(_holds_models(arg) for arg in get_args(annotation))


def _reference_problems(content: Content, references: list[Reference]) -> Iterator[Problem]:
    for ref in references:
        if ref.noun == "page":
            if ref.value in content.pages:
                continue
            close = difflib.get_close_matches(ref.value, content.pages, n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            yield ref.holder.where.problem(
                f"{ref.item.part_label()}: {ref.key[0]} '{ref.value}' is not a Markdown page "
                f"of the content{hint}",
                *ref.key,
            )
            continue
        target = content.by_id.get(ref.value)
        if isinstance(target, NOUN_UNITS[ref.noun]):
            continue
        yield ref.holder.where.problem(
            f"{ref.item.part_label()}: {ref.subject} names unknown {ref.noun} '{ref.value}'",
            *ref.key,
            of_key=ref.of_key,
        )


def _source_problems(content: Content, found: Resolution) -> Iterator[Problem]:
    for item in content.by_id.values():
        if item.needs_source and found.source_ids.get(id(item)) is None:
            parent = found.parent.get(item.id)
            holder = f" or its {parent.noun}" if parent else ""
            yield item.where.problem(
                f"{item.part_label()}: no source; give the {item.noun}{holder} a 'source'", "id"
            )
