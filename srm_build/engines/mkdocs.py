"""The MkDocs and ProperDocs adapter (`- srm` under `plugins` in mkdocs.yml).

ProperDocs continues MkDocs 1.6 and runs `mkdocs.plugins` entry points with the same
events, so one adapter serves both. It holds only what those engines need around the
engine-neutral core (`srm_build.markdown`):

- validation of the whole content before anything is written (`on_config`);
- the core Markdown extension, told which page it renders (`on_page_markdown`), and the
  SuperFences `srm` fence when a site's mkdocs.yml does not register it;
- the package's theme partials, put after the site's `custom_dir` so its own copies win;
- client files and exports as generated files, YAML kept out of the published files.

A YAML file's page is an authored Markdown page on every engine: the check asks for it
here as it does for Zensical, which could not invent one, so both give one verdict.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, file_sort_key
from mkdocs.structure.pages import Page
from mkdocs.utils import nest_paths

from .. import assets
from ..anchors import HeadingIds
from ..embeds import find_embeds
from ..errors import ContentError, format_problems
from ..export import EXPORTS, question_bank
from ..files import is_leftover
from ..markdown import FENCE_NAME, SrmError, SrmExtension, fence
from ..models import page_path
from ..navigation import nav_order
from ..pages import SitePages
from ..pipeline import YAML_SUFFIXES, load_content
from ..render import Renderer
from ..reports import ReportHrefs
from .mkdocs_config import SrmConfig

if TYPE_CHECKING:  # the server and its file watcher are loaded only by `mkdocs serve`
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

THEME = Path(__file__).resolve().parent.parent / "theme"
"""The package's theme partials (boot scripts as files, honouring `extra.scope`)."""

_SUPERFENCES = "pymdownx.superfences"


def _toc_anchors(toc) -> Iterator[str]:
    for entry in toc:
        yield entry.id
        yield from _toc_anchors(entry.children)


def _chapters(config: MkDocsConfig, pages: list[File]) -> list[str]:
    """Page paths in the order the site's navigation lists them: the `nav` setting, or
    without one the order MkDocs gives the pages (as `mkdocs.structure.nav.get_navigation`
    does; the navigation itself is built only after the pages are read)."""
    nav = config.nav or nest_paths(f.src_uri for f in sorted(pages, key=file_sort_key))
    return nav_order(nav)


_EXCLUDED = " data-search-exclude"
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link"))
_VOID |= {"meta", "source", "track", "wbr"}  # HTML's elements without an end tag


def search_input(html: str, marker: str) -> tuple[str, list[str]]:
    """`html` without the elements marked `data-search-exclude` (the answers, feedback and
    controls the package's templates mark), each replaced by the comment `<!--MARKER:N-->`,
    and the elements taken out, in order (`N` is the index).

    The theme's search plugin skips those elements anyway, but only after parsing them with
    Python's `HTMLParser` (it indexes the page whole): on a quiz page the answers are most
    of the HTML, and that parsing most of a large build's extra time (bench/FINDINGS.md).
    Comments are not indexed. No HTML parser is used here, for the same reason: the page is
    Python-Markdown's output, where a `<` or `>` in text or in an attribute value is always
    escaped and attribute values are in double quotes, so a tag is found by its `<`, and an
    element's end by counting the start and end tags of its name. An element whose end is
    not found is left in place.

    Why not a library (the house rule prefers one): the only HTML parser in the
    dependencies is the stdlib's `html.parser`, which the theme's search plugin uses too,
    and finding the elements with it costs what it saves. `python -m bench.search_parse` on
    the 1,000-question bench site (106 pages, 3.6 M characters, 2,602 elements set aside,
    the same by both finders; CPU medians of 5, two runs at load 12): this scanner 11 ms;
    an `HTMLParser` finder 329 to 332 ms; the search plugin's own parser 539 to 578 ms over
    the pages whole and 251 to 265 ms over what this leaves it, so 288 to 314 ms saved.
    With the parser the step would save nothing (-41 to +18 ms); with this scanner it
    saves about 300 ms of a build of about 3 s. `tests/test_search.py` checks both finders
    agree on every built page."""
    parts: list[str] = []
    out: list[str] = []
    done = 0  # html[:done] is in out
    at = html.find(_EXCLUDED)
    while at != -1:
        start = html.rfind("<", done, at)
        after = html[at + len(_EXCLUDED) : at + len(_EXCLUDED) + 1]
        name = _TAG_NAME.match(html, start) if start != -1 else None
        if (
            name is None
            or html.find(">", start, at) != -1  # in text
            or html.count('"', start, at) % 2  # in an attribute's value
            or after not in (">", " ", "=", "/")  # in a longer name
        ):
            at = html.find(_EXCLUDED, at + 1)
            continue
        end = _element_end(html, start, name.group(1).lower())
        if end is None:
            at = html.find(_EXCLUDED, at + 1)
            continue
        out.append(html[done:start])
        out.append(f"<!--{marker}:{len(parts)}-->")
        parts.append(html[start:end])
        done = end
        at = html.find(_EXCLUDED, done)
    if not parts:
        return html, parts
    out.append(html[done:])
    return "".join(out), parts


def _element_end(html: str, start: int, name: str) -> int | None:
    """Where the element whose start tag begins at `start` ends (after its end tag), or None."""
    close = html.find(">", start)
    if close == -1:
        return None
    if name in _VOID:
        return close + 1
    depth = 1
    for tag in re.compile(rf"<(/?){re.escape(name)}[\s>/]", re.IGNORECASE).finditer(html, close):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = html.find(">", tag.start())
            return None if end == -1 else end + 1
    return None


def _add_fence(config: MkDocsConfig) -> None:
    """Registers the `srm` SuperFences fence unless mkdocs.yml already does."""
    if _SUPERFENCES not in config.markdown_extensions:
        config.markdown_extensions.append(_SUPERFENCES)
    options = config.mdx_configs.setdefault(_SUPERFENCES, {})
    fences = options.setdefault("custom_fences", [])
    if not any(entry.get("name") == FENCE_NAME for entry in fences):
        fences.append({"name": FENCE_NAME, "class": FENCE_NAME, "format": fence})


class _RenderError(PluginError, SrmError):
    """A problem met while a page renders (`SrmError`), which MkDocs reports as a build
    error: the located message and no traceback (any other exception shows one)."""


class SrmPlugin(BasePlugin[SrmConfig]):
    """Turns the YAML in `docs_dir` into pages; see the README for the content kinds."""

    def __init__(self) -> None:
        self.pages: SitePages | None = None
        self.markdown: SrmExtension | None = None
        self.bundles: set[str] = set()  # the client bundles the built pages link
        self.search = False  # whether a search plugin indexes the pages
        self.marker = ""  # what stands for an element kept from the search plugin
        self.hidden: dict[str, list[str]] = {}  # page -> the elements kept from search

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.bundles = set()
        self.search = any(name in config.plugins for name in ("search", "material/search"))
        self.marker = f"srm-search-exclude-{secrets.token_hex(8)}"  # no page holds it
        self.hidden = {}
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
                headings=HeadingIds.from_options(config.mdx_configs.get("toc")),
            )
        except ContentError as exc:
            raise PluginError(
                f"The content has problems; nothing was built:\n{format_problems(exc.problems)}"
            ) from None
        custom = self.config.custom_templates
        renderer = Renderer(content, Path(custom) if custom else None)
        report = None
        if config.repo_url and config.site_url:
            report = ReportHrefs(config.repo_url, config.site_url, config.use_directory_urls)
        self.pages = SitePages(
            content, renderer, directory_urls=config.use_directory_urls, report=report
        )
        # Generated headings carry their anchors as `{ #id }`; authored Markdown may not
        # carry raw HTML or unsafe links, as in the YAML. The core extension, listed by
        # name in mkdocs.yml for the engines that run no plugin, is replaced by one that
        # this adapter tells which page it renders.
        extensions = config.markdown_extensions
        for extension in ("attr_list", "srm_build.markup"):
            if extension not in extensions:
                extensions.append(extension)
        if "srm_build.markdown" in extensions:
            extensions.remove("srm_build.markdown")
        config.mdx_configs.pop("srm_build.markdown", None)
        self.markdown = SrmExtension(site=self.pages, error=_RenderError)
        extensions.append(self.markdown)
        _add_fence(config)
        # The package's partials come right after the site's own `custom_dir` (which
        # still wins) and before the theme's, the way MkDocs' search plugin adds its
        # folder to the theme's directories.
        dirs = config.theme.dirs
        if str(THEME) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
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
            # The YAML is the source of pages, never published as it is; editors'
            # leftovers (`idea.md~`), which the check skips, are not published either.
            name = file.src_uri.rpartition("/")[2]
            if not file.generated_by and (name.endswith(YAML_SUFFIXES) or is_leftover(name)):
                files.remove(file)
        for yaml_path in self.pages.content.files:
            # The check asked for each YAML file's page (no engine invents one), so it is
            # there, unless another plugin took it away.
            file = files.get_file_from_path(page_path(yaml_path))
            if file is not None:
                file.edit_uri = yaml_path  # "Edit this page" opens the YAML it comes from
        self.pages.chapters = _chapters(config, list(files.documentation_pages()))
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
        if not self.config.enabled or self.markdown is None or self.pages is None:
            return None
        self.markdown.page = page.file.src_uri
        # The check finds every unknown id first; a page it did not read (made by another
        # plugin, say) still stops with a message, never a traceback. A page it read has
        # its blocks found already (`Page.embeds`).
        read = self.pages.content.pages.get(page.file.src_uri)
        for embed in read.embeds if read is not None else find_embeds(markdown):
            for ident, line, col in embed.items:
                if ident not in self.pages.content.by_id:
                    raise PluginError(
                        f"{page.file.src_uri}:{line}:{col}: embeds unknown item '{ident}'; "
                        "run `make check`"
                    )
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
        if self.markdown is None:
            return None
        anchors = self.markdown.anchors.pop(page.file.src_uri, set())
        for clash in sorted(anchors & set(_toc_anchors(page.toc))):
            log.warning(
                f"{page.file.src_uri}: the heading anchor '#{clash}' is also the id of "
                f"an embedded item's element; give the heading another anchor"
            )
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(anchors)
        return None

    # The search plugin indexes the page without what the package marks
    # `data-search-exclude` (answers, feedback, controls), which it would parse only to skip
    # (`search_input`): they stand aside, as comments, while it runs, and are back before the
    # theme renders the page. Zensical builds its own index and is not concerned.
    @event_priority(50)  # before the search plugin's, at the default priority
    def _on_page_context_early(self, context, /, *, page: Page, config: MkDocsConfig, nav):
        if self.config.enabled and self.search and page.content:
            page.content, parts = search_input(page.content, self.marker)
            if parts:
                self.hidden[page.file.src_uri] = parts
        return None

    @event_priority(-100)  # after every other plugin's
    def _on_page_context_late(self, context, /, *, page: Page, config: MkDocsConfig, nav):
        parts = self.hidden.pop(page.file.src_uri, None)
        if parts and page.content:
            page.content = re.sub(
                rf"<!--{self.marker}:(\d+)-->", lambda m: parts[int(m.group(1))], page.content
            )
        return None

    on_page_context = CombinedEvent(_on_page_context_early, _on_page_context_late)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        # Each page loads the core and the bundle of the client components it uses (see
        # `assets`); the bundles are written once the site is.
        bundle = assets.bundle_of(output)
        if bundle:
            self.bundles.add(bundle)
        return assets.link_components(output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        published = assets.published()
        for name in sorted(self.bundles):
            uri = assets.URI.format(name)
            if uri in published:  # a component's own script, published with the others
                continue
            target = Path(config.site_dir) / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(assets.bundle(name))

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer | None:
        if self.config.enabled and self.config.custom_templates:
            server.watch(self.config.custom_templates)
        return server
