"""The core pipeline as one call: read every content file, validate it, check references.

Nothing here knows about MkDocs; the plugin and the command line both call `load_content`.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from .errors import ContentError, Problem, display_path
from .loader import load_bytes
from .models import Content, FileBase, Page, page_path
from .parse import parse_document
from .references import check_references, index_items, shows_file

YAML_SUFFIXES = (".yml", ".yaml")


def content_files(root: Path) -> list[Path]:
    """YAML and Markdown files under `root`, in a stable order, hidden folders skipped."""
    found = [
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix in (*YAML_SUFFIXES, ".md")
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


_Parsed = tuple[FileBase | None, list[Problem]]
_PARSED: dict[tuple[str, bytes], _Parsed] = {}
"""Parsed files by (shown path, digest of bytes). `mkdocs serve` loads the content again on
every change; unchanged files are then not parsed and validated again."""


def _parse_file(path: Path, shown: str) -> _Parsed:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")]
    key = (shown, hashlib.blake2b(raw, digest_size=16).digest())
    if key not in _PARSED:
        if len(_PARSED) > 10_000:  # a long `mkdocs serve` session: start afresh
            _PARSED.clear()
        doc = load_bytes(raw, shown)
        _PARSED[key] = (None, [doc]) if isinstance(doc, Problem) else parse_document(doc)
    return _PARSED[key]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading makes hundreds of thousands of objects that either stay (the content) or are
    freed by reference counting as soon as they are used (YAML nodes): no reference cycles
    for Python's cycle collector to find, yet it would walk the growing heap some two
    hundred times per thousand questions. It is paused while loading, then restored."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_content(root: Path, shown_as: str | None = None) -> Content:
    """Load and check everything under `root`; raise ContentError listing every problem.

    `shown_as` is how `root` is written in messages (default: as given)."""
    with _collector_paused():
        return _load_content(root, shown_as)


def _load_content(root: Path, shown_as: str | None) -> Content:
    prefix = PurePosixPath(shown_as if shown_as is not None else display_path(root))
    problems: list[Problem] = []
    files: dict[str, FileBase] = {}
    pages: dict[str, Page] = {}
    if not root.is_dir():
        raise ContentError([Problem(str(prefix), 1, 1, "content folder not found")])
    for path in content_files(root):
        relative = path.relative_to(root).as_posix()
        shown = str(prefix / relative)
        if path.suffix == ".md":
            try:
                pages[relative] = Page(shown, path.read_text(encoding="utf-8-sig"))
            except UnicodeDecodeError as exc:
                problems.append(Problem(shown, 1, 1, f"not UTF-8 text: {exc.reason}"))
            continue
        model, found = _parse_file(path, shown)
        problems.extend(found)
        if model is not None:
            files[relative] = model
    for relative, model in files.items():
        page = pages.get(page_path(relative))
        # The page beside a YAML file may show it (the way every engine builds it); any
        # other page there would take its address.
        if page is not None and not shows_file(page, page_path(relative), relative):
            problems.append(
                model.where.problem(
                    f"this file becomes the page {page_path(relative)}, which already exists; "
                    f"rename one of them",
                    "kind",
                )
            )
    by_id, found = index_items(files)
    problems.extend(found)
    content = Content(files=files, pages=pages, by_id=by_id)
    if not problems:
        # With a file missing, its ids would be reported as unknown everywhere they are
        # used: references are checked once every file has loaded.
        problems.extend(check_references(content))
    if problems:
        raise ContentError(problems)
    return content
