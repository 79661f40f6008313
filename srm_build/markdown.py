"""The `srm` block as a Python-Markdown extension, the part of the site every engine runs.

Every engine this site builds on (MkDocs, ProperDocs, Zensical) renders pages with
Python-Markdown and the extensions `mkdocs.yml` lists, so the work that turns content into
pages is done here, inside Markdown, rather than in one engine's plugin events:

- an `srm` block of item ids becomes the items' HTML, through a pymdown-extensions
  SuperFences custom fence (`fence` below; `mkdocs.yml` registers it), so blocks nest in
  lists and admonitions like any fence;
- an `srm` block naming a YAML file (`glossary.yml`) becomes that file's whole page:
  headings for the navigation and table of contents, and the items' HTML;
- the first mention of each glossary term in prose links to its definition.

Item HTML goes through Markdown's HTML stash, as every SuperFences format does: Markdown
puts it in place after it has run, and never parses it as Markdown. Answers and feedback
in it carry `data-search-exclude`, which the search of Material and of Zensical both honour.

Which page is being rendered, and which site: an adapter that builds the extension itself
says so (`SrmExtension(site=...)`, then `.page` before each page, as the MkDocs plugin
does). Loaded by module name alone, the extension reads them from the rendering context its
host keeps on the Markdown instance (Zensical's: a preprocessor holding the page and the
configuration), and loads the content once per process and content state.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pymdownx.superfences import SuperFencesException

from .embeds import find_embeds, heading_level_after, shown_file
from .errors import ContentError, format_problems
from .files import scan_content
from .glossary import GlossaryExtension, GlossaryLinks, Mention
from .links import is_relative_link
from .navigation import nav_order
from .pages import SitePages
from .pipeline import load_content
from .render import Renderer
from .reports import ReportHrefs
from .urls import element_ids, hrefs_in, rewrite_hrefs

FENCE_NAME = "srm"


class SrmError(SuperFencesException):
    """The content cannot be shown: the message lists each problem with its place.

    Raised inside a build only when it skipped `python -m srm_build check`, which finds
    the same problems before anything is written. A SuperFences exception, because
    SuperFences shows a block whose format raised anything else as plain code."""


class SrmExtension(Extension):
    """Expands `srm` blocks and links glossary terms on the page being rendered.

    `site` is the loaded site, when the caller has one (the MkDocs adapter); `page` is the
    path of the page being rendered, relative to the content root, which that caller sets
    before each page. Without them, both come from the host's rendering context."""

    def __init__(
        self,
        site: SitePages | None = None,
        error: type[SrmError] = SrmError,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.site = site
        self.error = error
        """What a problem met while rendering is raised as: an adapter gives a subclass its
        engine reports as a build error (a message, no traceback)."""
        self.page: str | None = None
        self.levels: dict[str, int] = {}
        """First id of each `srm` block on the page -> the heading level of its titles."""
        self.anchors: dict[str, set[str]] = {}
        """Page path -> the element ids its items brought (for anchor validation)."""
        self.blocks: set[str] = set()
        """The item HTML stashed on the page being rendered (see `record`)."""
        # What the glossary treeprocessor reads, set for each page (see `GlossaryLinks`).
        self.href: Callable[[str], str] | None = None
        self.mentions: list[Mention] = []
        self.pattern: re.Pattern[str] = re.compile(r"(?!)")
        self.by_phrase: dict[str, Mention] = {}

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown API)
        md.srm_extension = self  # type: ignore[attr-defined]  # how `fence` finds it
        # After whitespace is normalised (30), before SuperFences takes fences out (25).
        md.preprocessors.register(_FilePages(md, self), "srm_file_pages", 29)
        # After the HTML stash is put back (30): the page's progress bar under its title.
        md.postprocessors.register(_Progress(md, self), "srm_progress", 5)
        # After inline patterns (20) have made links and code, before MkDocs' link work (0).
        md.treeprocessors.register(GlossaryLinks(md, self), "srm_glossary_links", 6)
        # Around the engine's own link processing (MkDocs' `relpath`, priority 0), last of
        # all the others: see `_OfferLinks`.
        links = _OfferLinks(md, self)
        md.treeprocessors.register(links, "srm_offer_links", 0.5)
        md.treeprocessors.register(_TakeLinks(md, links), "srm_take_links", -1000)

    def resolve(self, md: markdown.Markdown) -> tuple[SitePages, str]:
        """The site and the page being rendered, from the adapter or the host's context."""
        if self.site is not None and self.page is not None:
            return self.site, self.page
        context = _host_context(md)
        if context is None:
            raise SrmError(
                "srm blocks need the page being rendered: build with MkDocs or ProperDocs "
                "and the `srm` plugin, or with Zensical (see the README)"
            )
        config, page = context
        return self.site or site_for(config), self.page or page

    def start_page(self, md: markdown.Markdown) -> tuple[SitePages, str]:
        """Sets what the glossary links need for the page being rendered; a page that shows
        a whole YAML file holds item HTML only, and its terms are not linked."""
        site, page = self.resolve(md)
        if self.site is None:
            self.site = site
        try:
            glossary = _glossary(site)
        except ContentError as exc:
            raise self.error(format_problems(exc.problems)) from None
        self.mentions, self.pattern, self.by_phrase = (
            glossary.mentions,
            glossary.pattern,
            glossary.by_phrase,
        )
        self.href = None if page in site.yaml_of else site.urls.item_hrefs(page)
        self.anchors[page] = set()
        self.blocks = set()
        return site, page

    def record(self, page: str, html: str) -> None:
        """Notes item HTML placed on `page`: its element ids (see `anchors`), and the HTML
        itself, whose links the engine resolves (`_OfferLinks`)."""
        self.anchors.setdefault(page, set()).update(element_ids(html))
        self.blocks.add(html)


def makeExtension(**kwargs: Any) -> SrmExtension:  # noqa: N802 (Markdown API)
    return SrmExtension(**kwargs)


class _FilePages(Preprocessor):
    """Turns a top-level `srm` block that names a YAML file into that file's page."""

    def __init__(self, md: markdown.Markdown, extension: SrmExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        site, page = self.extension.start_page(self.md)
        self.extension.levels = _levels(lines)
        if page not in site.yaml_of:
            # Only the page beside a YAML file may show it (the check makes sure), so
            # prose pages, which the resolve step has read already, are not scanned again.
            return lines
        text = "\n".join(lines)
        embeds = [embed for embed in find_embeds(text) if embed.files]
        if not embeds:
            return lines

        def stash(html: str) -> str:
            self.extension.record(page, html)
            return self.md.htmlStash.store(html)

        error = self.extension.error

        out: list[str] = []
        position = 0
        for embed in embeds:
            name, line, col = embed.files[0]
            target = shown_file(page, name)
            if target not in site.content.files:
                raise error(f"{page}:{line}:{col}: shows unknown file '{name}'")
            out.extend(lines[position : embed.first_line])
            try:
                shown = site.file_markdown(target, stash)
            except ContentError as exc:
                raise error(format_problems(exc.problems)) from None
            out.extend(["", *shown.splitlines(), ""])
            position = embed.last_line + 1
        out.extend(lines[position:])
        return out


_OPENING = re.compile(r"^\s*(`{3,}|~{3,})\s*srm\s*$")


def _levels(lines: list[str]) -> dict[str, int]:
    """First id of every `srm` block, nested ones included -> the level for its titles: one
    below the last heading above it (ids are unique on a page, so the first names it)."""
    levels: dict[str, int] = {}
    for number, line in enumerate(lines):
        if _OPENING.match(line):
            following = (text.strip() for text in lines[number + 1 :])
            first = next((text for text in following if text), "")
            levels.setdefault(first, heading_level_after(lines[:number]))
    return levels


class _OfferLinks(Treeprocessor):
    """Lets the engine resolve the links of item HTML, as it does the page's own.

    Item HTML goes through Markdown's HTML stash, out of the element tree that MkDocs' and
    ProperDocs' link processing (`relpath`, a treeprocessor) rewrites, so its links, written
    like an author's (`../glossary.md#srm-x`, see srm_build/urls.py), would stay as they
    are. Just before that processing, this puts each relative link of the page's item HTML
    in the tree, as an `<a>` in a holder element at the end; `_TakeLinks`, after it, reads
    what the engine made of each, writes that into the stashed HTML and removes the holder.
    The engine validates them too (a missing page or anchor fails a strict build). Zensical
    resolves links on the page's finished HTML, stashed HTML included: there, nothing in
    the tree rewrites the holder's links, and the stashed HTML is left for Zensical."""

    def __init__(self, md: markdown.Markdown, extension: SrmExtension) -> None:
        super().__init__(md)
        self.extension = extension
        self.holder: Element | None = None
        self.offered: list[str] = []
        self.blocks: list[int] = []

    def run(self, root: Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        ours = self.extension.blocks
        self.blocks = [i for i, html in enumerate(stash) if isinstance(html, str) and html in ours]
        found = dict.fromkeys(href for i in self.blocks for href in hrefs_in(stash[i]))
        self.offered = [href for href in found if is_relative_link(href)]
        self.holder = None
        if self.offered:
            self.holder = SubElement(root, "div", {"hidden": "hidden"})
            for href in self.offered:
                SubElement(self.holder, "a", {"href": href})


class _TakeLinks(Treeprocessor):
    """Writes what the engine made of each offered link into the stashed item HTML, and
    takes the holder out of the page (see `_OfferLinks`)."""

    def __init__(self, md: markdown.Markdown, offer: _OfferLinks) -> None:
        super().__init__(md)
        self.offer = offer

    def run(self, root: Element) -> None:
        holder = self.offer.holder
        if holder is None:
            return
        made = {
            href: link.get("href", href)
            for href, link in zip(self.offer.offered, holder, strict=True)
        }
        root.remove(holder)
        self.offer.holder = None
        stash = self.md.htmlStash.rawHtmlBlocks
        for i in self.offer.blocks:
            stash[i] = rewrite_hrefs(stash[i], lambda href: made.get(href, href))  # type: ignore[arg-type]


class _Progress(Postprocessor):
    """Puts the page's progress bar under its title when the page holds questions."""

    def __init__(self, md: markdown.Markdown, extension: SrmExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        site = self.extension.site
        return site.with_progress(text) if site is not None else text


def fence(
    source: str,
    language: str,
    class_name: str,
    options: dict,
    md: markdown.Markdown,
    **kwargs: Any,
) -> str:
    """SuperFences format for `srm` blocks: the HTML of the items named, one id a line.

    Registered in `mkdocs.yml` under `pymdownx.superfences: custom_fences` with
    `name: srm` and `format: !!python/name:srm_build.markdown.fence`."""
    extension: SrmExtension | None = getattr(md, "srm_extension", None)
    if extension is None:
        raise SrmError("the srm fence needs the srm_build.markdown extension in mkdocs.yml")
    site, page = extension.resolve(md)
    ids = [line.strip() for line in source.splitlines() if line.strip()]
    unknown = [ident for ident in ids if ident not in site.content.by_id]
    if unknown:
        raise extension.error(f"{page}: embeds unknown item '{unknown[0]}'; run `make check`")
    try:
        html = str(site.embed_html(page, ids, extension.levels.get(ids[0], 3) if ids else 3))
    except ContentError as exc:
        raise extension.error(format_problems(exc.problems)) from None
    extension.record(page, html)
    return html


# --- Loaded by module name: the site from the host's configuration -----------------------

_LOCK = threading.Lock()
_SITES: dict[tuple, SitePages] = {}
_GLOSSARIES: dict[int, tuple[SitePages, GlossaryExtension]] = {}


def _host_context(md: markdown.Markdown) -> tuple[dict, str] | None:
    """(configuration, page path) from a host that keeps its rendering context on the
    Markdown instance: Zensical registers a preprocessor that holds `page` (with `path`,
    relative to `docs_dir`) and `config` (the loaded `mkdocs.yml`)."""
    for processor in md.preprocessors:
        page = getattr(processor, "page", None)
        config = getattr(processor, "config", None)
        path = getattr(page, "path", None)
        if isinstance(config, dict) and isinstance(path, str):
            return config, path.replace("\\", "/")
    return None


def site_for(config: dict) -> SitePages:
    """The loaded site for a host's configuration (`docs_dir`, `site_url`, `repo_url`,
    `use_directory_urls`), loaded once per state of the content files, so a server that
    rebuilds after an edit sees it. Raises SrmError listing the content's problems."""
    docs = Path(config.get("docs_dir") or "docs")
    if not docs.is_absolute():
        docs = Path(config.get("root_dir") or ".") / docs
    directory_urls = bool(config.get("use_directory_urls", True))
    repo_url, site_url = config.get("repo_url"), config.get("site_url")
    found = scan_content(docs, docs.as_posix())
    state = tuple(
        (path.as_posix(), stat.st_mtime_ns, stat.st_size)
        for path in sorted([*found.pages, *found.yaml])
        for stat in (path.stat(),)
    )
    key = (str(docs.resolve()), directory_urls, repo_url, site_url, state)
    with _LOCK:
        site = _SITES.get(key)
        if site is None:
            try:
                content = load_content(docs, shown_as=_shown(docs), config=_config_file(config))
            except ContentError as exc:
                raise SrmError(
                    f"The content has problems:\n{format_problems(exc.problems)}"
                ) from None
            report = None
            if repo_url and site_url:
                report = ReportHrefs(repo_url, site_url, directory_urls)
            site = SitePages(
                content, Renderer(content), directory_urls=directory_urls, report=report
            )
            # The study bank lists its topics in the navigation's order.
            site.chapters = nav_order(config.get("nav"))
            _SITES.clear()  # one state of the content at a time
            _SITES[key] = site
        return site


def _config_file(config: dict) -> Path | None:
    """The project's `mkdocs.yml` beside `root_dir` (where the host's configuration was
    read), so that its `nav` and `toc` settings count as they do for `check`: a page left
    out of the nav is refused, and anchors are judged with the site's slugify. Zensical
    keeps the folder of its configuration file, not the file's name; the names are the
    ones it looks for itself."""
    root = Path(config.get("root_dir") or ".")
    return next(
        (root / name for name in ("mkdocs.yml", "mkdocs.yaml") if (root / name).is_file()), None
    )


def _shown(docs: Path) -> str:
    try:
        return docs.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return docs.as_posix()


def _glossary(site: SitePages) -> GlossaryExtension:
    """The glossary's phrases and pattern, compiled once per loaded site."""
    with _LOCK:
        found = _GLOSSARIES.get(id(site))
        if found is None or found[0] is not site:
            found = (site, GlossaryExtension(site.content.terms))
            _GLOSSARIES.clear()
            _GLOSSARIES[id(site)] = found
        return found[1]
