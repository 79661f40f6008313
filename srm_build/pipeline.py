"""The core pipeline as one call: read every content file, validate it, check references.

Nothing here knows about MkDocs; the plugin and the command line both call `load_content`.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from . import frontmatter
from .anchors import HeadingIds
from .embeds import shown_file
from .errors import ContentError, Problem, display_path
from .files import YAML_SUFFIXES, scan_content
from .frontmatter import check_front_matter
from .limits import MAX_BYTES, angle_problem, forbidden_character, line_col, markdown_problem
from .loader import load_bytes
from .models import Content, FileBase, Page, page_path
from .navigation import nav_problems, read_config
from .parse import parse_document
from .references import check_references, index_items, shows_file
from .resolve import resolve

__all__ = ["YAML_SUFFIXES", "load_content"]


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


def load_content(
    root: Path,
    shown_as: str | None = None,
    config: Path | None = None,
    headings: HeadingIds | None = None,
    *,
    pages_required: bool = True,
) -> Content:
    """Load and check everything under `root`; raise ContentError listing every problem.

    `shown_as` is how `root` is written in messages (default: as given). `config` is the
    engine's configuration file: when it has a `nav` and its `docs_dir` is `root`, every
    page must be in the nav and every nav entry a page. `headings` is how the site makes
    heading ids, for links to anchors (default: the `toc` settings of `config`, else
    Python-Markdown's).

    Every YAML file needs the Markdown page beside it that shows it (`x.yml` -> `x.md`):
    no engine may invent a page, since Zensical cannot, so every engine gives the same
    verdict. `pages_required=False` is for `python -m srm_build pages`, which writes them."""
    if headings is None and config is not None and config.is_file():
        headings = HeadingIds.from_config(config)
    with _collector_paused():
        return _load_content(root, shown_as, config, headings, pages_required)


def page_address(page: str) -> str:
    """The folder URL MkDocs gives the page at content-relative `page` (`a/b.md` -> `a/b/`,
    `a/index.md` and `a/README.md` -> `a/`), with `use_directory_urls`, its default."""
    path = PurePosixPath(page)
    folder = path.parent if path.stem in ("index", "README") else path.with_suffix("")
    return "" if str(folder) == "." else f"{folder}/"


def _same_address(
    root: Path, prefix: PurePosixPath, pages: list[Path], becomes: dict[str, str]
) -> list[Problem]:
    """Pages (Markdown, or made from YAML) that MkDocs would publish at one address: one
    replaces the other without a word (`idea.md` and `idea/index.md`)."""
    sources = {
        path.relative_to(root).as_posix(): str(prefix / path.relative_to(root).as_posix())
        for path in pages
    }
    for target, shown in becomes.items():
        sources.setdefault(target, shown)
    seen: dict[str, str] = {}
    problems = []
    for page, shown in sorted(sources.items()):
        address = page_address(page)
        if address in seen:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"this page has the address '{address or '/'}', as {seen[address]} does; "
                    f"one would replace the other: rename or move one of them",
                )
            )
        else:
            seen[address] = shown
    return problems


def _load_content(
    root: Path,
    shown_as: str | None,
    config: Path | None,
    headings: HeadingIds | None,
    pages_required: bool,
) -> Content:
    prefix = PurePosixPath(shown_as if shown_as is not None else display_path(root))
    problems: list[Problem] = []
    files: dict[str, FileBase] = {}
    pages: dict[str, Page] = {}
    if not root.is_dir():
        raise ContentError([Problem(str(prefix), 1, 1, "content folder not found")])
    scanned = scan_content(root, str(prefix))
    problems.extend(scanned.problems)
    for path in scanned.pages:
        relative = path.relative_to(root).as_posix()
        shown = str(prefix / relative)
        try:
            raw = path.read_bytes()
            if len(raw) > MAX_BYTES:
                problems.append(
                    Problem(shown, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
                )
                continue
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.append(Problem(shown, 1, 1, f"not UTF-8 text: {exc.reason}"))
            continue
        except OSError as exc:
            problems.append(Problem(shown, 1, 1, f"cannot read file: {exc.strerror or exc}"))
            continue
        found_in_page = check_prose(text, shown)
        problems.extend(found_in_page)
        if not found_in_page:
            pages[relative] = Page(shown, text, frontmatter.body(text, frontmatter.split(text)))
    becomes: dict[str, str] = {}
    """Page path -> the YAML file that becomes it."""
    doubled: set[str] = set()
    """Page paths two YAML files would become (`x.yml` and `x.yaml`): reported once."""
    for path in scanned.yaml:
        relative = path.relative_to(root).as_posix()
        shown = str(prefix / relative)
        model, found = _parse_file(path, shown)
        problems.extend(found)
        target = page_path(relative)
        if target in becomes:
            doubled.add(target)
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"this file becomes the page {target}, as {becomes[target]} does; "
                    f"keep one of them",
                )
            )
            continue
        becomes[target] = shown
        if model is not None:
            files[relative] = model
    problems.extend(_same_address(root, prefix, scanned.pages, becomes))
    authored = {path.relative_to(root).as_posix() for path in scanned.pages}
    for relative, model in files.items():
        if pages_required and page_path(relative) not in authored:
            problems.append(missing_page(model, relative, prefix))
            continue
        if page_path(relative) in doubled:
            continue
        page = pages.get(page_path(relative))
        # The page beside a YAML file may show it (the way every engine builds it); any
        # other page there would take its address.
        if page is not None and not shows_file(page, page_path(relative), relative):
            named = [entry for embed in page.embeds for entry in embed.files]
            if named:  # meant to show it: the name is what is wrong
                problems.extend(_misnamed(page, relative, named, set(files)))
                continue
            problems.append(
                model.where.problem(
                    f"this file becomes the page {page_path(relative)}, which already exists; "
                    f"rename one of them",
                    "kind",
                )
            )
    by_id, found = index_items(files)
    problems.extend(found)
    content = Content(
        files=files,
        pages=pages,
        by_id=by_id,
        assets={p.relative_to(root).as_posix() for p in scanned.images},
        headings=headings or HeadingIds(),
    )
    if not problems:
        # With a file missing, its ids would be reported as unknown everywhere they are
        # used: references are resolved and checked once every file has loaded.
        problems.extend(resolve(content)[1])
        problems.extend(check_references(content, headings))
        problems.extend(_nav_problems(content, root, config))
    if problems:
        raise ContentError(problems)
    return content


def _misnamed(
    page: Page, relative: str, named: list[tuple[str, int, int]], yaml_files: set[str]
) -> list[Problem]:
    """The problems of the page beside the YAML file `relative` whose srm blocks name other
    files (`named`: name, line, column): each name is located and the right one given.
    `yaml_files`: every YAML file that loaded, content-relative."""
    page_at = page_path(relative)
    own = PurePosixPath(relative).name
    found = []
    for name, line, col in named:
        target = shown_file(page_at, name)
        if target in yaml_files:
            what = f"shows '{name}', which is shown on its own page, {page_path(target)}"
        else:
            what = f"shows unknown file '{name}'"
        found.append(
            Problem(
                page.path,
                line,
                col,
                f"{what}; this page is the one beside {own}, which it must show: name '{own}' here",
            )
        )
    return found


def missing_page(model: FileBase, relative: str, prefix: PurePosixPath) -> Problem:
    """The problem of a YAML file (at `relative` in the content folder shown as `prefix`)
    that no page beside it shows, located at its `kind`."""
    page = page_path(relative)
    return model.where.problem(
        f"no page shows this file: write {prefix / page} with an srm block naming "
        f"{PurePosixPath(relative).name} (`python -m srm_build pages` writes it)",
        "kind",
    )


def check_prose(text: str, shown: str) -> list[Problem]:
    """Problems a Markdown page has on its own: characters it may not hold, brackets nested
    past what the Markdown parser handles quickly (`limits.markdown_problem`), more `<`
    than MkDocs reads quickly (`limits.angle_problem`), and its front matter."""
    found = forbidden_character(text)
    if found is not None:
        return [Problem(shown, *line_col(text, found[0]), found[1])]
    problems = check_front_matter(text, shown)
    for limit in (markdown_problem(text), angle_problem(text)):
        if limit is not None:
            problems.append(Problem(shown, *line_col(text, limit[0]), limit[1]))
    return problems


def _nav_problems(content: Content, root: Path, config: Path | None) -> list[Problem]:
    if config is None or not config.is_file():
        return []
    docs_dir, nav, not_in_nav = read_config(config)
    if nav is None or docs_dir is None or (config.parent / docs_dir).resolve() != root.resolve():
        return []
    shown = config.name if config.is_absolute() else display_path(config)
    return nav_problems(content, nav, shown, not_in_nav=not_in_nav)
