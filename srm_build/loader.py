"""Strict YAML reading: plain data plus the position of every node, or located problems.

PyYAML composes the node tree (which carries marks); we construct the Python values
ourselves so that duplicate keys, non-core tags, merge keys and alias expansion can be
refused with the position of the offending node.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

MAX_BYTES = 1024 * 1024
"""Content files are hand-written; anything larger is a mistake or an attack."""

MAX_NODES = 100_000
"""Upper bound on values built from one file, aliases expanded (stops alias bombs)."""

PathKey = tuple[str | int, ...]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it (several times faster); the same nodes and marks."""

_STR = "tag:yaml.org,2002:str"
_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


@dataclass
class Document:
    """One loaded YAML file: its data and where each value and key was written."""

    path: str
    data: Any
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    has_links: bool = True
    """False when the text holds no Markdown link, so link checks can skip it."""

    def position(self, key: PathKey, *, of_key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `key`, or of its nearest written ancestor."""
        table = self.keys if of_key else self.values
        while key:
            if key in table:
                return table[key]
            if of_key and key in self.values:
                return self.values[key]
            key = key[:-1]
        return self.values.get((), (1, 1))

    def problem(self, key: PathKey, message: str, *, of_key: bool = False) -> Problem:
        line, col = self.position(key, of_key=of_key)
        return Problem(self.path, line, col, message)


class _RefusedError(Exception):
    def __init__(self, node: yaml.Node, message: str, where: tuple[int, int] | None = None) -> None:
        self.where = where or _where(node.start_mark)
        self.message = message


def _where(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def load_text(text: str, path: str) -> Document | Problem:
    """Parse YAML text into a Document, or return the first problem that stops parsing."""
    loader = _LOADER(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _where(mark) if mark else (1, 1)
        reason = exc.problem or "invalid YAML"
        if exc.context:
            reason = f"{exc.context}: {reason}"
        return Problem(path, line, col, f"YAML syntax error: {reason}")
    finally:
        loader.dispose()
    if root is None:
        return Problem(path, 1, 1, "file is empty; expected a mapping that starts with 'kind:'")
    doc = Document(path=path, data=None, has_links="](" in text)
    budget = [MAX_NODES]
    try:
        doc.data = _build(root, (), doc, loader, budget)
    except _RefusedError as refusal:
        return Problem(path, *refusal.where, refusal.message)
    return doc


def _build(
    node: yaml.Node, key: PathKey, doc: Document, loader: yaml.SafeLoader, budget: list[int]
) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        # Blame the top-level entry being built: inside an expansion, every node is shared.
        top = key[:1]
        raise _RefusedError(
            node,
            f"too many values (over {MAX_NODES:,}); are aliases expanding?",
            doc.keys.get(top) or doc.values.get(top),
        )
    if node.tag not in _CORE_TAGS:
        raise _RefusedError(node, f"YAML tag '{node.tag}' is not allowed; write plain values")
    doc.values.setdefault(key, _where(node.start_mark))
    if isinstance(node, yaml.ScalarNode):
        # Straight to the constructor of the node's (core) tag: most values are text.
        if node.tag == _STR:
            return node.value
        return loader.yaml_constructors[node.tag](loader, node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*key, i), doc, loader, budget) for i, item in enumerate(node.value)]
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _RefusedError(
                key_node, "merge keys ('<<') are not supported; write the fields out"
            )
        if not isinstance(key_node, yaml.ScalarNode):
            raise _RefusedError(key_node, "a key must be plain text")
        if key_node.tag not in _CORE_TAGS:
            raise _RefusedError(
                key_node, f"YAML tag '{key_node.tag}' is not allowed; write plain values"
            )
        name = key_node.value if key_node.tag == _STR else loader.construct_object(key_node)
        if name in result:
            first_line = doc.keys[(*key, name)][0]
            raise _RefusedError(
                key_node, f"duplicate key '{name}' (first written on line {first_line})"
            )
        doc.keys[(*key, name)] = _where(key_node.start_mark)
        result[name] = _build(value_node, (*key, name), doc, loader, budget)
    return result


def read_file(file: Path, path: str) -> Document | Problem:
    """Read a content file from disk, refusing oversized, binary and non-UTF-8 files."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return Problem(path, 1, 1, f"cannot read file: {exc.strerror or exc}")
    return load_bytes(raw, path)


def load_bytes(raw: bytes, path: str) -> Document | Problem:
    """Load the bytes of a content file (UTF-8, a BOM allowed), as `read_file` does."""
    if len(raw) > MAX_BYTES:
        return Problem(path, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return Problem(
            path, line, col, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        )
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        return Problem(path, line, 1, "file contains a NUL byte; is it binary?")
    return load_text(text, path)
