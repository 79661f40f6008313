"""Documents to typed file models, with pydantic's errors reworded as located problems
a contributor can act on."""

from __future__ import annotations

import difflib
import functools
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .errors import Problem
from .limits import shorten
from .loader import Document, PathKey
from .models import FILE_MODELS, QUESTION_TYPES, SINGULAR, ContentFile, FileBase, locate
from .registry import field_names

_KINDS = tuple(FILE_MODELS)
_FIELDS = field_names()


@functools.cache
def _adapter() -> TypeAdapter[Any]:
    """The validator of every file kind, built when the first file is read (never, for an
    empty content folder), once per process. One adapter over the whole `ContentFile`
    union: one adapter per kind, built as its kind is met, measured no cheaper on a site
    of three kinds (each builds the models it shares with the others again)."""
    return TypeAdapter(ContentFile)


def parse_document(doc: Document) -> tuple[FileBase | None, list[Problem]]:
    """Validate one document against its kind's model; locate every model on success."""
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "expected a mapping of fields that starts with 'kind:'")]
    kind = doc.data.get("kind")
    if kind not in _KINDS:
        where: PathKey = ("kind",) if "kind" in doc.data else ()
        said = f"'kind' is {shorten(kind)}" if "kind" in doc.data else "'kind' is missing"
        return None, [
            doc.problem(
                where, f"cannot tell what this file holds: {said}; use one of {', '.join(_KINDS)}"
            )
        ]
    try:
        file = _adapter().validate_python(doc.data)
    except ValidationError as exc:
        problems: dict[tuple[int, int], Problem] = {}
        for error in exc.errors(include_url=False):
            # A union reports one error per member; the first one speaks for the value.
            problem = reword(doc, error)
            problems.setdefault((problem.line, problem.col), problem)
        return None, list(problems.values())
    locate(file, doc, ())
    return file, []


def _data_path(data: Any, loc: tuple[str | int, ...]) -> PathKey:
    """Keep the parts of a pydantic location that are keys in the data; drop union tags.

    A field that is missing from the data is kept as the last part."""
    path: list[str | int] = []
    for part in loc:
        if (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        ):
            data = data[part]
        elif isinstance(data, dict) and part in _FIELDS:
            path.append(part)
            break
        else:
            continue
        path.append(part)
    return tuple(path)


def item_label(data: Any, path: PathKey) -> str:
    """Name the innermost item with an id that contains `path`, e.g. "question 'x': "."""
    label = ""
    node, parent_key = data, None
    for part in path:
        if isinstance(node, dict) and part in node:
            parent_key, node = part, node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                label = f"{SINGULAR.get(str(parent_key), 'item')} {shorten(node['id'])}: "
        else:
            break
    return label


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return (
            f"YAML read this as {str(value).lower()} (true/false, yes/no and on/off "
            f"are booleans); put the text in quotes"
        )
    if isinstance(value, (int, float)):
        return f"YAML read this as the number {value}; put the text in quotes"
    if value is None:
        return "it is empty"
    if isinstance(value, dict):
        return "got a mapping"
    if isinstance(value, list):
        return "got a list"
    if isinstance(value, str):
        return f"got the text {shorten(value)}"
    return f"got {type(value).__name__}"


def reword(doc: Document, error: Any) -> Problem:
    """One pydantic error as a located problem a contributor can act on."""
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    path = _data_path(doc.data, loc)
    context = item_label(doc.data, path)
    name = path[-1] if path and isinstance(path[-1], str) else None
    field = f"field '{name}': " if name else ""
    ctx = error.get("ctx") or {}
    of_key = False
    if kind == "missing":
        message = f"missing required field '{name}'"
        path = path[:-1]
        field = ""
    elif kind == "extra_forbidden":
        # A field of other kinds (a quiz's 'title' on a term) is spelt right: no near
        # name is meant then ("did you mean 'title'", or 'items').
        close = [] if name in _FIELDS else difflib.get_close_matches(str(name), _FIELDS, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        message, field, of_key = f"unknown field '{name}'{hint}", "", True
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = ", ".join(QUESTION_TYPES)
        if kind == "union_tag_not_found":
            message = f"missing required field 'type' (one of {tags})"
        else:
            path = (*path, "type")
            message = f"type {shorten(ctx.get('tag'))} is not one of {tags}"
        field = ""
    elif kind == "string_type":
        message = f"expected text, but {_describe(value)}"
    elif kind == "string_pattern_mismatch":
        message = (
            f"{shorten(value)} is not a valid id: use lowercase letters, digits and single hyphens"
        )
        if name == "url":
            message = f"{shorten(value)} is not an https:// address"
    elif kind == "literal_error":
        message = f"{shorten(value)} is not one of {ctx.get('expected')}"
    elif kind in ("too_short", "too_long") and isinstance(value, (list, dict)):
        limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        message = (
            f"needs at {'least' if kind == 'too_short' else 'most'} {limit} "
            f"entr{'y' if limit == 1 else 'ies'}"
        )
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "string_too_long":
        message = f"is longer than {ctx.get('max_length')} characters"
    elif kind in ("list_type", "dict_type", "bool_type", "model_type", "model_attributes_type"):
        wanted = {
            "list_type": "a list",
            "dict_type": "a mapping",
            "bool_type": "true or false",
            "model_type": "a mapping of fields",
            "model_attributes_type": "a mapping of fields",
        }[kind]
        message = f"expected {wanted}, but {_describe(value)}"
    elif kind in ("float_type", "float_parsing", "int_type", "int_parsing"):
        message = f"expected a number, but {_describe(value)}"
    elif kind == "finite_number":
        message = f"expected a finite number, but got {value!r} (JSON has no NaN or infinity)"
    elif kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
    else:
        message = str(error["msg"])
    return doc.problem(path, f"{context}{field}{message}", of_key=of_key)
