"""The MkDocs adapter: validates content before anything is written, adds the generated
pages and the client assets, and expands embeds in prose pages."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, file_sort_key
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import nest_paths

from . import assets
from .config import SrmConfig
from .errors import ContentError, format_problems
from .export import EXPORTS, question_bank
from .glossary import GlossaryExtension
from .models import page_path
from .pages import PageSource, ReportLinks, SitePages
from .pipeline import YAML_SUFFIXES, load_content
from .render import Renderer

if TYPE_CHECKING:  # the server and its file watcher are loaded only by `mkdocs serve`
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)


def _toc_anchors(toc) -> Iterator[str]:
    for entry in toc:
        yield entry.id
        yield from _toc_anchors(entry.children)


def _flatten(nav: object) -> Iterator[str]:
    """The page paths of a `nav` setting (or of what MkDocs makes without one), in order."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _flatten(value)
    elif isinstance(nav, list):
        for entry in nav:
            yield from _flatten(entry)


def _chapters(config: MkDocsConfig, pages: list[File]) -> list[str]:
    """Page paths in the order the site's navigation lists them: the `nav` setting, or
    without one the order MkDocs gives the pages (as `mkdocs.structure.nav.get_navigation`
    does; the navigation itself is built only after the pages are generated)."""
    nav = config.nav or nest_paths(f.src_uri for f in sorted(pages, key=file_sort_key))
    return list(_flatten(nav))


class SrmPlugin(BasePlugin[SrmConfig]):
    """Turns the YAML in `docs_dir` into pages; see the README for the content kinds."""

    def __init__(self) -> None:
        self.pages: SitePages | None = None
        self.sources: dict[str, PageSource] = {}
        """Page path -> its Markdown with placeholders and their HTML."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        docs = Path(config.docs_dir)
        root = Path(config.config_file_path or ".").resolve().parent
        try:
            shown = os.path.relpath(docs, root)
        except ValueError:  # another drive on Windows
            shown = str(docs)
        try:
            content = load_content(
                docs,
                shown_as=Path(shown).as_posix(),
                config=Path(config.config_file_path).resolve()
                if config.config_file_path and config.nav is not None
                else None,
            )
        except ContentError as exc:
            raise PluginError(
                f"The content has problems; nothing was built:\n{format_problems(exc.problems)}"
            ) from None
        custom = self.config.custom_templates
        renderer = Renderer(content, Path(custom) if custom else None)
        report = None
        if config.repo_url and config.site_url:
            report = ReportLinks(config.repo_url, config.site_url, config.use_directory_urls)
        self.pages = SitePages(
            content,
            renderer,
            directory_urls=config.use_directory_urls,
            report=report,
        )
        # Generated headings carry their anchors as `{ #id }`; authored Markdown may not
        # carry raw HTML or unsafe links, as in the YAML.
        for extension in ("attr_list", "srm_build.markup"):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        self.glossary = GlossaryExtension(content.terms)
        config.markdown_extensions.append(self.glossary)
        for uri, extra in (
            (assets.STYLESHEET, config.extra_css),
            (assets.SCRIPT, config.extra_javascript),
        ):
            if uri not in [str(entry) for entry in extra]:
                extra.append(uri)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.pages is None:
            return None
        for file in list(files):
            # The YAML is the source of pages, never published as it is.
            if file.src_uri.endswith(YAML_SUFFIXES) and not file.generated_by:
                files.remove(file)
        yaml_of = {page_path(path): path for path in self.pages.content.files}
        made = {src: File.generated(config, src, content="") for src in yaml_of}
        self.pages.chapters = _chapters(config, [*files.documentation_pages(), *made.values()])
        self.sources = self.pages.generated()
        for src, source in self.sources.items():
            file = made[src]
            file.content_string = source.markdown
            file.edit_uri = yaml_of[src]  # "Edit this page" opens the YAML it comes from
            files.append(file)
        # The exam's and review's questions, as a script (see `SitePages.compact_bank`).
        for uri, text in self.pages.banks().items():
            files.append(File.generated(config, uri, content=text))
        # The question bank, published for download in every open format.
        bank = question_bank(self.pages.content)
        for uri, writer in EXPORTS.values():
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=writer(bank)))
        for uri, data in assets.published().items():
            if files.get_file_from_path(uri) is None:  # a user's own copy wins
                files.append(File.generated(config, uri, content=data))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self.pages is None:
            return None
        prose = page.file.src_uri in self.pages.content.pages
        # Terms link to the glossary from prose; generated pages hold only item HTML.
        self.glossary.href = self.pages.source_linker(page.file.src_uri) if prose else None
        if prose:
            try:
                source = self.pages.expand_embeds(page.file.src_uri, markdown)
            except KeyError as exc:  # the check finds every unknown id first; never a traceback
                raise PluginError(
                    f"{page.file.src_uri}: embeds unknown item {exc}; run `make check`"
                ) from None
            self.sources[page.file.src_uri] = source
            return source.markdown
        return None

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        # The theme prints the page title and description unescaped (and `striptags`
        # decodes entities): give it text that is already escaped, so a `<` in a heading or
        # in front matter stays text. The check allows no other front matter key it prints.
        title = page.meta.get("title") or page.title
        if title:
            page.meta["title"] = str(escape(Markup(str(title)).striptags()))
        if isinstance(page.meta.get("description"), str):
            page.meta["description"] = str(escape(page.meta["description"]))
        source = self.sources.get(page.file.src_uri)
        if source is None:
            return None
        anchors = source.anchors()
        for clash in sorted(anchors & set(_toc_anchors(page.toc))):
            log.warning(
                f"{page.file.src_uri}: the heading anchor '#{clash}' is also the id of "
                f"an embedded item's element; give the heading another anchor"
            )
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(anchors)
        # The search plugin indexes the page in `on_page_context`: until then the page
        # holds only the searchable part of each item (see `PageSource`).
        return source.fill(html, for_search=True)

    @event_priority(-100)  # after the search plugin (priority 0) has indexed the page
    def on_page_context(
        self, context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict | None:
        source = self.sources.get(page.file.src_uri)
        if self.config.enabled and source is not None and page.content is not None:
            page.content = source.complete(page.content)
            if self.pages is not None:
                page.content = self.pages.with_progress(page.content)
        return None

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer | None:
        if self.config.enabled and self.config.custom_templates:
            server.watch(self.config.custom_templates)
        return server
