"""Content to pages: the Markdown a page made from a YAML file shows, and the HTML of the
items a prose page embeds.

A page made from YAML is Markdown whose headings carry `{ #id }` (attr_list), so every
engine puts them in its navigation, search and table of contents. Item HTML never passes
through Markdown: the caller stores it (Python-Markdown's HTML stash) and Markdown puts it
in place once it has run, so raw HTML in authored text can still be shown as text.

The other jobs around a page each have their module: hrefs (urls.py), the study bank
(study_bank.py), progress (progress.py) and report hrefs (reports.py); `SitePages` puts
them together for the engine adapters.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from markupsafe import Markup

from .markup import heading_text, render_inline
from .models import Content, FileBase, Item, page_path
from .progress import Chapter, progress_chapters, with_progress
from .references import located
from .render import Renderer
from .reports import ReportHrefs
from .study_bank import StudyBank, bank_uri, compact_bank, study_bank
from .urls import SiteUrls, anchor_of

Stash = Callable[[str], str]
"""Keeps a piece of HTML out of Markdown and returns the text that stands for it."""

_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


class SitePages:
    """Renders the pages that show items, for one loaded site."""

    def __init__(
        self,
        content: Content,
        renderer: Renderer,
        *,
        directory_urls: bool = True,
        report: ReportHrefs | None = None,
    ):
        assert content.resolved is not None, "content is resolved when it loads"
        self.content = content
        self.renderer = renderer
        self.report = report
        self.urls = SiteUrls(content.resolved.home, directory_urls)
        self.yaml_of = {page_path(path): path for path in content.files}
        """Page path -> the YAML file it shows."""
        self._study: dict[str, StudyBank] = {}
        """Tools page -> its study bank, rendered once for the page and its script."""
        self.chapters: list[str] = []
        """Page paths in the site's navigation order (set by the engine adapter): the study
        bank and the progress overview list their pages in this order, others last."""
        renderer.env.globals["progress_chapters"] = self.progress_chapters
        renderer.env.filters["heading"] = lambda text: Markup(heading_text(text))

    def page_title(self, src: str) -> str:
        """A page's title as its reader sees it: a prose page's first heading."""
        if src in self.yaml_of:
            return self.content.files[self.yaml_of[src]].title
        prose = self.content.pages.get(src)
        if prose is not None:
            match = _H1.search(prose.body)
            return Markup(render_inline(match.group(1))).striptags() if match else src
        return src

    def progress_chapters(self, src: str) -> list[Chapter]:
        """The chapters of the progress overview on page `src` (progress.py)."""
        return progress_chapters(self.content, self.urls, src, self.chapters, self.page_title)

    def with_progress(self, html: str) -> str:
        """A page's finished HTML with its progress bar (progress.py)."""
        return with_progress(self.renderer.env, html)

    def study_bank(self, src: str) -> StudyBank:
        """The study bank rendered for the tools page `src` (study_bank.py)."""
        return study_bank(
            self.content, self.renderer, self.urls, src, self.chapters, self.page_title
        )

    def compact_bank(self, src: str, bank: StudyBank) -> str:
        """The study bank of the tools page `src` as a script (study_bank.py). No engine
        reads the script, so its hrefs are made URLs here (`SiteUrls.url_href`)."""
        return compact_bank(self.renderer, bank, lambda href: self.urls.url_href(src, href))

    def banks(self) -> dict[str, str]:
        """Published path -> compact study bank script, for every tools page."""
        result: dict[str, str] = {}
        for path, file in self.content.files.items():
            if file.content_kind.bank:
                src = page_path(path)
                result[bank_uri(src)] = self.compact_bank(src, self._bank(src))
        return result

    def _bank(self, src: str) -> StudyBank:
        if src not in self._study:
            self._study[src] = self.study_bank(src)
        return self._study[src]

    def _item(self, item: Item, src: str, **context) -> Markup:
        """`item` rendered for page `src`; an exam or review learns its bank's address.
        Raises ContentError, located at the text, for one too deep for the Markdown
        parser."""
        if item.reads_bank:
            # A data attribute, which the script resolves against the page's address.
            home = self.urls.home[item.id]
            context["bank_script"] = self.urls.data_href(src, bank_uri(home))
            page = self.urls.data_href(src, self.urls.url(home)) if home != src else ""
            context["bank_page"] = f"{page}#srm-bank"
        with located(item.where.doc, item.where.key):
            return self.renderer.item(item, **context)

    def file_markdown(self, yaml_path: str, stash: Stash) -> str:
        """The Markdown of the page that shows the YAML file `yaml_path` whole: headings
        for the navigation and table of contents, item HTML stored through `stash`."""
        file = self.content.files[yaml_path]
        with located(file.where.doc, ()):
            return self._file_markdown(file, yaml_path, stash)

    def _file_markdown(self, file: FileBase, yaml_path: str, stash: Stash) -> str:
        env = self.renderer.env
        page, intro = env.get_template("page.md.jinja"), env.get_template("intro.html.jinja")
        src = page_path(yaml_path)
        item_href = self.urls.item_hrefs(src)
        text_hrefs = self.urls.text_hrefs(None, src)
        report = self.report.for_page(src) if self.report else None

        def add(html: str) -> str:
            return stash(html) if html else ""

        bank = self._bank(src) if file.content_kind.bank else None
        sections = [
            (
                item.heading,
                anchor_of(item.id),
                add(
                    self._item(
                        item,
                        src,
                        item_href=item_href,
                        titled=False,
                        text_hrefs=text_hrefs,
                        report=report,
                    )
                ),
            )
            for item in file.items()
        ]
        extras = {"item_href": item_href, "text_hrefs": text_hrefs}
        return page.render(
            file=file,
            intro=add(intro.render(file=file, text_hrefs=text_hrefs).strip()) if file.intro else "",
            extras=add(self.renderer.file_extras(file, **extras)),
            outro=add(self.renderer.file_extras(file, **extras, end=True, bank=bank)),
            sections=sections,
        )

    def embed_html(self, src: str, ids: list[str], level: int = 3) -> Markup:
        """The HTML of the items an `srm` block on page `src` names, in order; titles drawn
        as headings take `level` (one below the heading above the block)."""
        item_href = self.urls.item_hrefs(src)
        report = self.report.for_page(src) if self.report else None
        return Markup("\n").join(
            self._item(
                self.content.by_id[ident],
                src,
                item_href=item_href,
                titled=True,
                text_hrefs=self.urls.text_hrefs(ident, src),
                report=report,
                level=level,
            )
            for ident in ids
        )


def page_text(content: Content, yaml_path: str) -> str:
    """What the page beside a YAML file holds when it only shows the file: one block that
    names it. A tools file's study bank repeats every question of the site, so its page
    stays out of search. `python -m srm_build pages` writes it; the MkDocs adapter adds it
    in memory for content written before such pages were asked for."""
    name = posixpath.basename(yaml_path)
    front = ""
    if content.files[yaml_path].content_kind.bank:
        front = "---\nsearch:\n  exclude: true\n---\n\n"
    return f"{front}```srm\n{name}\n```\n"
