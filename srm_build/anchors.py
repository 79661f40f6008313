"""The anchors a prose page has, found the way the build makes them.

A strict build fails on a link to an anchor a page does not have (`validation: anchors`),
but only once it has rendered every page. The check finds those links first, so it needs
the page's element ids as the build makes them: heading ids from Python-Markdown's `toc`
extension with the site's own `slugify` and `separator`, ids given with `{: #id }`
(`attr_list`), and the anchors of the items a page shows (added by the caller). Rather
than copy the `toc` extension's rules (slugs made from the rendered heading text, `_1`
added to a repeated one), the page is run through Python-Markdown with the extensions
that decide where headings and ids are; `srm` blocks render as nothing here.
"""

from __future__ import annotations

import html
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import markdown
import yaml
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor
from markdown.util import AMP_SUBSTITUTE

Slugify = Callable[[str, str], str]

_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it: the same nodes and marks, some 15 times faster
than the pure-Python one on mkdocs.yml (milliseconds of every `check`)."""


@dataclass(frozen=True)
class HeadingIds:
    """How the `toc` extension makes a heading's id: its `slugify` function and
    `separator`, as the site's configuration sets them (Python-Markdown's defaults, which
    MkDocs and Material keep, otherwise)."""

    slugify: Slugify = slugify
    separator: str = "-"

    def slug(self, text: str) -> str:
        """The id `toc` gives a heading whose text is `text` (before `_1` for repeats)."""
        return self.slugify(text, self.separator)

    @classmethod
    def from_options(cls, options: dict[str, Any] | None) -> HeadingIds:
        """From the `toc` options an engine holds (MkDocs' `config.mdx_configs["toc"]`)."""
        options = options or {}
        return cls(options.get("slugify") or slugify, options.get("separator") or "-")

    @classmethod
    def from_config(cls, config_file: Path) -> HeadingIds:
        """From the `toc` entry of `markdown_extensions` in mkdocs.yml. `slugify` is given
        there as `!!python/name:module.function` or, for pymdownx.slugs, as
        `!!python/object/apply:module.function {kwds: {...}}`; it is the only value made
        into a Python object. A file that cannot be read gives the defaults: the engine
        reports it itself."""
        try:
            root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_COMPOSER)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return cls()
        options = _toc_options(root)
        if options is None:
            return cls()
        found: dict[str, Any] = {}
        for key, value in options.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            if key.value == "separator" and isinstance(value, yaml.ScalarNode):
                found["separator"] = value.value
            elif key.value == "slugify":
                found["slugify"] = _python_object(value)
        return cls.from_options(found)


def _toc_options(root: yaml.Node | None) -> yaml.MappingNode | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if getattr(key, "value", None) != "markdown_extensions":
            continue
        entries = value.value if isinstance(value, yaml.SequenceNode) else [value]
        for entry in entries:
            if not isinstance(entry, yaml.MappingNode):
                continue
            for name, options in entry.value:
                if getattr(name, "value", None) in ("toc", "markdown.extensions.toc"):
                    return options if isinstance(options, yaml.MappingNode) else None
    return None


_NAME = "tag:yaml.org,2002:python/name:"
_APPLY = "tag:yaml.org,2002:python/object/apply:"


def _import(dotted: str) -> Any:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _python_object(node: yaml.Node) -> Slugify | None:
    """The function a `!!python/name:` or `!!python/object/apply:` node names (what the
    engine's YAML loader would make of it), or None when it cannot be made."""
    try:
        if node.tag.startswith(_NAME):
            return _import(node.tag[len(_NAME) :])
        if node.tag.startswith(_APPLY):
            function = _import(node.tag[len(_APPLY) :])
            args: dict[str, Any] = {}
            if isinstance(node, yaml.MappingNode):
                plain = yaml.MappingNode("tag:yaml.org,2002:map", node.value)
                args = yaml.SafeLoader("").construct_document(plain) or {}
            elif isinstance(node, yaml.SequenceNode):
                plain = yaml.SequenceNode("tag:yaml.org,2002:seq", node.value)
                args = {"args": yaml.SafeLoader("").construct_document(plain)}
            return function(*args.get("args", ()), **args.get("kwds", {}))
    except (ImportError, AttributeError, ValueError, TypeError, yaml.YAMLError):
        return None
    return None


@dataclass
class Tree:
    """What Python-Markdown makes of a page, as the build would (see `PageIds.inspect`):
    what `check` judges, rather than guessing from the source with patterns."""

    ids: set[str] = field(default_factory=set)
    """Every element id, and every `<a name>`, as MkDocs collects them for anchors."""
    elements: list[tuple[str, str, bool]] = field(default_factory=list)
    """(id, the element's text, whether an attribute list gave it), for every element id in
    document order: heading anchors from `toc` and ids from attribute lists; the id as the
    page gets it (escapes undone)."""
    attr_lists: list[str] = field(default_factory=list)
    """Every attribute list `attr_list` applied, as written (its backslash escapes, which
    the inline parser had turned into placeholders, written back: `#\\_\\_x`); judged with
    `links.attr_list_problem`, which reads it as the extension does."""
    links: list[tuple[str, str]] = field(default_factory=list)
    """("link" or "image", address) for every `<a href>` and `<img src>`, entities undone."""
    error: str | None = None
    """Why the page could not be rendered (the parser's recursion limit), or None."""


def _address(value: str) -> str:
    # Autolinks to mail addresses are written with entities behind Markdown's placeholder.
    # A backslash escape in it is still the parser's placeholder here: undone, as on the page.
    return _unescaped(html.unescape(value.replace(AMP_SUBSTITUTE, "&")))


_ESCAPED = UnescapeTreeprocessor.RE
"""A backslash escape as the inline parser leaves it (`STX` code `ETX`) until its
`unescape` step, which runs after `attr_list` and the collecting here."""


def _written_escape(match: re.Match[str]) -> str:
    return "\\" + chr(int(match.group(1)))


def _unescaped(text: str) -> str:
    """`text` with its backslash escapes undone, as the page gets it."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)


class _AttrLists(AttrListTreeprocessor):
    """`attr_list` as it is, recording every attribute list it applies and to what."""

    tree: Tree
    given: set[int]

    def assign_attrs(self, elem: Element, attrs_string: str, *, strict: bool = False) -> str:
        attrs, remainder = get_attrs_and_remainder(attrs_string)
        if not (strict and remainder):
            self.tree.attr_lists.append(_ESCAPED.sub(_written_escape, attrs_string))
            if any(key in ("id", "#") for key, _value in attrs):
                self.given.add(id(elem))
        return super().assign_attrs(elem, attrs_string, strict=strict)


class _Collect(Treeprocessor):
    """Every id, link and image address in the page's tree, once `toc` has given headings
    their ids and before the site's renderer drops unsafe addresses."""

    tree: Tree
    attr_lists: _AttrLists

    def run(self, root: Element) -> None:
        for element in root.iter():
            ident = element.get("id")
            if ident:
                # As MkDocs collects anchors: before Markdown undoes escapes, so `{: #a\\_b }`
                # is no anchor `a_b` to its strict build, though the page's id is `a_b`.
                self.tree.ids.add(ident)
                text = " ".join("".join(element.itertext()).split())
                given = id(element) in self.attr_lists.given
                self.tree.elements.append((_unescaped(ident), text, given))
            if element.tag == "a" and element.get("name"):
                self.tree.ids.add(element.get("name"))  # type: ignore[arg-type]
            if element.tag == "a" and element.get("href") is not None:
                self.tree.links.append(("link", _address(element.get("href", ""))))
            if element.tag == "img" and element.get("src") is not None:
                self.tree.links.append(("image", _address(element.get("src", ""))))


EXTENSIONS = (
    "attr_list",
    "admonition",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
    "toc",
    "srm_build.markup",
)
"""The extensions of the site's mkdocs.yml (with `tables`, which MkDocs always adds) that
decide which blocks a page has and which ids they get; `srm_build.markdown` is left out,
its `srm` blocks rendering as nothing. A test keeps this in step with mkdocs.yml."""


def _nothing(*_args: Any, **_kwargs: Any) -> str:
    return ""


@dataclass
class PageIds:
    """Finds the element ids of prose pages (see the module's docstring), and everything
    else `check` judges on the rendered tree (`inspect`); one Markdown instance serves
    every page."""

    headings: HeadingIds = field(default_factory=HeadingIds)
    _md: markdown.Markdown | None = None
    _collect: _Collect | None = None
    _attr_lists: _AttrLists | None = None

    def __call__(self, body: str) -> set[str]:
        """The ids of the elements Markdown makes of the page `body` (without its front
        matter); item anchors are not among them."""
        return self.inspect(body).ids

    def inspect(self, body: str) -> Tree:
        """What Markdown makes of the page `body` (see `Tree`). A page too deeply nested
        for the parser gives a `Tree` with `error` set, never a `RecursionError`."""
        if self._md is None:
            self._md = markdown.Markdown(
                extensions=list(EXTENSIONS),
                extension_configs={
                    "pymdownx.superfences": {
                        "custom_fences": [{"name": "srm", "class": "srm", "format": _nothing}]
                    },
                    "toc": {
                        "slugify": self.headings.slugify,
                        "separator": self.headings.separator,
                    },
                },
            )
            self._attr_lists = _AttrLists(self._md)
            self._md.treeprocessors.register(self._attr_lists, "attr_list", 8)
            self._collect = _Collect(self._md)
            self._collect.attr_lists = self._attr_lists
            # After `toc` (5), which gives headings their ids; before `srm_safe_links` (1).
            self._md.treeprocessors.register(self._collect, "srm_collect_ids", 4)
        assert self._collect is not None and self._attr_lists is not None
        tree = Tree()
        self._collect.tree = self._attr_lists.tree = tree
        self._attr_lists.given = set()
        self._md.reset()
        try:
            self._md.convert(body)
        except RecursionError:
            # A parse cut short leaves state behind that `reset` keeps (the block parser's
            # stack): the next page gets a fresh instance.
            self._md = None
            return Tree(error=RECURSION)
        return tree


RECURSION = (
    "this page nests too deep for the Markdown parser (Python's recursion limit); "
    "write fewer nested emphasis marks, brackets, lists or quotes"
)
