"""Strict YAML reading: plain data, and the position of any value when a problem is reported.

PyYAML composes the node tree (which carries marks); we construct the Python values
ourselves so that duplicate keys, non-core tags, merge keys and alias expansion can be
refused with the position of the offending node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem
from .limits import MAX_BYTES, MAX_DEPTH, forbidden_character, line_col

MAX_NODES = 100_000
"""Upper bound on values built from one file, aliases expanded (stops alias bombs)."""

PathKey = tuple[str | int, ...]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it (several times faster); the same nodes and marks."""

_ROOT = object()
"""Where `_build` starts: above every top-level key."""

_STR = "tag:yaml.org,2002:str"
_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


@dataclass
class Document:
    """One loaded YAML file: its data, and where each value and key was written.

    Positions are looked up in the YAML only when a problem is reported: most loads report
    none, and recording the position of every node cost a third of the loading."""

    path: str
    data: Any
    text: str = ""
    """The YAML the data was read from."""
    has_links: bool = True
    """False when the text holds no Markdown link, so link checks can skip it."""
    _root: yaml.Node | None = field(default=None, repr=False, compare=False)

    def position(self, key: PathKey, *, of_key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `key` (of its key, with `of_key`), or of its
        nearest written ancestor."""
        if self._root is None:
            self._root, _ = _compose(self.text)
        if self._root is None:
            return (1, 1)
        return _position(self._root, key, of_key=of_key)

    def problem(self, key: PathKey, message: str, *, of_key: bool = False) -> Problem:
        line, col = self.position(key, of_key=of_key)
        return Problem(self.path, line, col, message)

    def problem_at(self, key: PathKey, offset: int, message: str) -> Problem:
        """A problem at character `offset` of the text at `key`: its own line and column
        where the scalar's style maps the text to the file exactly (`text_place`), else
        the value's place."""
        if self._root is None:
            self._root, _ = _compose(self.text)
        place = None
        if self._root is not None:
            node, _key_node, whole = _find(self._root, key)
            if whole and isinstance(node, yaml.ScalarNode):
                place = text_place(self.text, node, offset)
        line, col = place or self.position(key)
        return Problem(self.path, line, col, message)


class _RefusedError(Exception):
    def __init__(self, node: yaml.Node, message: str, top: Any = _ROOT) -> None:
        self.where = _where(node.start_mark)
        self.message = message
        self.top = top
        """For too many values: the top-level key being built, which takes the blame."""


def _where(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _compose(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree of `text` and the loader that composed it (for its constructors)."""
    loader = _LOADER(text)
    try:
        return loader.get_single_node(), loader
    finally:
        loader.dispose()


def _key_of(node: yaml.Node, loader: Any) -> Any:
    return node.value if node.tag == _STR else loader.yaml_constructors[node.tag](loader, node)


def _position(root: yaml.Node, key: PathKey, *, of_key: bool) -> tuple[int, int]:
    """Follow `key` down from `root` as far as it is written; the place where it stops."""
    node, key_node, _whole = _find(root, key)
    return _where(key_node.start_mark if of_key and key_node is not None else node.start_mark)


def _find(root: yaml.Node, key: PathKey) -> tuple[yaml.Node, yaml.Node | None, bool]:
    """The node `key` leads to from `root`, as far as it is written, the node of its key,
    and whether the whole of `key` was followed."""
    loader = _LOADER("")
    node, key_node = root, None
    whole = False
    try:
        for part in key:
            child = child_key = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    written = isinstance(k, yaml.ScalarNode) and k.tag in _CORE_TAGS
                    if written and _key_of(k, loader) == part:
                        child, child_key = v, k
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                child = node.value[part] if 0 <= part < len(node.value) else None
            if child is None:
                break
            node, key_node = child, child_key
        else:
            whole = True
    finally:
        loader.dispose()
    return node, key_node, whole


_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML reads as a line break (PyYAML's reader), so lines count as its marks do."""


_BLOCK_HEADER = re.compile(r"[|>][+-]?([1-9])?")
"""A block scalar's header, with its indentation indicator if it has one (YAML 1.2, 8.1.1)."""


def text_place(text: str, node: yaml.ScalarNode, offset: int) -> tuple[int, int] | None:
    """Line and column (1-based) in the YAML `text` of character `offset` of the scalar
    `node`'s value, or None where the style does not tell it exactly.

    Each source line of the scalar holds one stretch of the value, and the stretches
    follow each other in the value, joined by what line folding makes of the breaks (a
    space or line breaks): a block scalar's lines (`|` and `>`) with their indentation
    taken off, a plain or quoted scalar's lines with the spaces around them trimmed, a
    single-quoted line with `''` read as `'`. Each stretch is found in turn, with nothing
    but spaces and line breaks between, so its characters map to their columns exactly.
    A double-quoted scalar with a backslash escape is not mapped (an escape such as
    `\\x41` or a `\\` at a line's end changes lengths and joins in ways that tell no
    column): None, and the caller falls back to the value's place; so does any text
    whose stretches cannot be found in order."""
    value = node.value
    if not isinstance(value, str) or not 0 <= offset < len(value):
        return None
    lines = _BREAK.split(text)
    first, last = node.start_mark.line, node.end_mark.line
    style = node.style
    stretches: list[tuple[int, int, str, list[int] | None]] = []
    """(line, column of the stretch's start, its text, column of each character or None)"""
    if style in ("|", ">"):
        body = range(first + 1, last + (1 if node.end_mark.column else 0))
        written = [i for i in body if i < len(lines) and lines[i].strip(" ")]
        indent = min((len(lines[i]) - len(lines[i].lstrip(" ")) for i in written), default=0)
        # `|2`: the indentation is the indicator's, past the key's own; the lines may be
        # indented further, and keep the rest in the value.
        header = _BLOCK_HEADER.match(lines[first], node.start_mark.column)
        if header and header.group(1):
            key_indent = len(lines[first]) - len(lines[first].lstrip(" "))
            indent = key_indent + int(header.group(1))
        stretches = [(i, indent, lines[i][indent:], None) for i in written]
    else:
        quoted = 1 if style in ("'", '"') else 0
        for i in range(first, min(last, len(lines) - 1) + 1):
            line = lines[i]
            start = node.start_mark.column + quoted if i == first else 0
            end = node.end_mark.column - quoted if i == last else len(line)
            piece = line[start:end]
            if style == '"' and "\\" in piece:
                return None
            lead = len(piece) - len(piece.lstrip(" \t"))
            piece = piece.strip(" \t") if (first != last) else piece
            start += lead if first != last else 0
            if not piece:
                continue
            columns = None
            if style == "'" and "''" in piece:
                columns, chars, j = [], [], 0
                while j < len(piece):
                    columns.append(start + j)
                    chars.append(piece[j])
                    j += 2 if piece.startswith("''", j) else 1
                piece = "".join(chars)
            stretches.append((i, start, piece, columns))
    at = 0
    for line, start, piece, columns in stretches:
        found = value.find(piece, at)
        if found < 0 or value[at:found].strip(" \n"):
            return None
        if found <= offset < found + len(piece):
            inner = offset - found
            col = columns[inner] if columns is not None else start + inner
            return line + 1, col + 1
        at = found + len(piece)
    return None


def load_text(text: str, path: str) -> Document | Problem:
    """Parse YAML text into a Document, or return the first problem that stops parsing."""
    found = forbidden_character(text)
    if found is not None:
        return Problem(path, *line_col(text, found[0]), found[1])
    try:
        root, loader = _compose(text)
    except yaml.reader.ReaderError as exc:  # a character YAML refuses; not a marked error
        line, col = line_col(text, exc.position)
        return Problem(path, line, col, f"YAML cannot read this character: {exc.reason}")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _where(mark) if mark else (1, 1)
        reason = exc.problem or "invalid YAML"
        if exc.context:
            reason = f"{exc.context}: {reason}"
        return Problem(path, line, col, f"YAML syntax error: {reason}")
    if root is None:
        return Problem(path, 1, 1, "file is empty; expected a mapping that starts with 'kind:'")
    doc = Document(path=path, data=None, text=text, has_links="](" in text)
    try:
        doc.data = _build(root, loader, [MAX_NODES], _ROOT, 0)
    except _RefusedError as refusal:
        where = refusal.where
        if refusal.top is not _ROOT:
            where = _position(root, (refusal.top,), of_key=True)
        return Problem(path, *where, refusal.message)
    return doc


def _build(node: yaml.Node, loader: Any, budget: list[int], top: Any, depth: int) -> Any:
    """The value of `node`; `top` is the top-level key or index it is under, `depth` how
    many mappings and lists hold it."""
    budget[0] -= 1
    if depth > MAX_DEPTH:
        raise _RefusedError(
            node, f"nested more than {MAX_DEPTH} levels deep; content needs far fewer"
        )
    if budget[0] < 0:
        # Blame the top-level entry being built: inside an expansion, every node is shared.
        raise _RefusedError(
            node, f"too many values (over {MAX_NODES:,}); are aliases expanding?", top
        )
    tag = node.tag
    if tag not in _CORE_TAGS:
        raise _RefusedError(node, f"YAML tag '{tag}' is not allowed; write plain values")
    if isinstance(node, yaml.ScalarNode):
        # Straight to the constructor of the node's (core) tag: most values are text.
        if node.style == '"':  # only double quotes have escapes, such as "\0" or "\u202e"
            found = forbidden_character(node.value)
            if found is not None:
                raise _RefusedError(node, found[1])
        return node.value if tag == _STR else loader.yaml_constructors[tag](loader, node)
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, loader, budget, i if top is _ROOT else top, depth + 1)
            for i, item in enumerate(node.value)
        ]
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
        name = _key_of(key_node, loader)
        if name in result:
            first = next(k for k, _ in node.value if _key_of(k, loader) == name)
            raise _RefusedError(
                key_node,
                f"duplicate key '{name}' (first written on line {_where(first.start_mark)[0]})",
            )
        result[name] = _build(value_node, loader, budget, name if top is _ROOT else top, depth + 1)
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
