"""Content to pages: the Markdown a page made from a YAML file shows, the HTML of the items
a prose page embeds, and the URLs that link items to the page each one lives on.

A page made from YAML is Markdown whose headings carry `{ #id }` (attr_list), so every
engine puts them in its navigation, search and table of contents. Item HTML never passes
through Markdown: the caller stores it (Python-Markdown's HTML stash) and Markdown puts it
in place once it has run, so raw HTML in authored text can still be shown as text.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import quote_plus

from markupsafe import Markup

from .embeds import find_embeds
from .markup import heading_text, render_block, render_inline
from .models import (
    Content,
    Exam,
    Flashcards,
    Misconception,
    Model,
    MultipleChoice,
    Quiz,
    Review,
    Scenario,
    SingleChoice,
    Sort,
    Term,
    TrueFalse,
    items_with_ids,
    page_path,
)
from .render import Linker, Renderer, Reporter


def anchor_of(ident: str) -> str:
    """The element id of an item; the prefix keeps it apart from heading slugs."""
    return f"srm-{ident}"


def title_of(item: Model) -> str:
    for field in ("term", "title", "name", "belief"):
        value = getattr(item, field, None)
        if isinstance(value, str):
            return value
    return getattr(item, "id", "")


@lru_cache(maxsize=65536)  # asked for every link on every page; a few hundred answers
def url_of(src: str, directory_urls: bool) -> str:
    """The URL of a page relative to the site root, the way MkDocs writes it."""
    path = PurePosixPath(src).with_suffix("")
    if not directory_urls:
        return f"{path}.html"
    if path.name == "index":
        return "" if str(path.parent) == "." else f"{path.parent}/"
    return f"{path}/"


@lru_cache(maxsize=65536)
def relative_url(from_url: str, to_url: str) -> str:
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    relative = posixpath.relpath(to_url or ".", base or ".")
    if to_url.endswith("/") or not to_url:
        relative = relative.rstrip("/") + "/"
    return relative


def link_base(src: str, directory_urls: bool, from_source: bool) -> str:
    """What the relative links on page `src` are relative to: the page's URL (MkDocs and
    ProperDocs leave the links in item HTML as written), or, with `from_source`, the page's
    source file, for Zensical, which resolves every relative link of a page's HTML, stashed
    HTML included, against the source file's folder, as it does a `.md` link in prose
    (measured on Zensical 0.0.73: `../data/g/` on `a/b.md` comes out as `../../data/g/`)."""
    return src if from_source else url_of(src, directory_urls)


@dataclass(frozen=True)
class MarkdownLinks:
    """Links written in a YAML file's Markdown, relative to that file, made relative to the
    page that shows them. Hashable, so rendered Markdown can be cached per (text, page)."""

    base: str
    """Folder of the YAML file, relative to the content root."""
    page: str
    directory_urls: bool
    from_source: bool = False
    """Links relative to the page's source file rather than its URL (see `link_base`)."""

    def __call__(self, href: str) -> str:
        path, _, fragment = href.partition("#")
        target = posixpath.normpath(posixpath.join(self.base, path))
        here = link_base(self.page, self.directory_urls, self.from_source)
        if target.endswith(".md"):
            url = relative_url(here, url_of(target, self.directory_urls))
        else:  # a file such as an image keeps its path
            url = relative_url(here, target)
        return f"{url}#{fragment}" if fragment else url


def bank_uri(src: str) -> str:
    """Where the compact study bank of the tools page `src` is published, next to the page's
    source: `data/study.md` -> `data/study.srm-bank.js`."""
    return f"{posixpath.splitext(src)[0]}.srm-bank.js"


@dataclass(frozen=True)
class Topic:
    """A page to reread, and the questions that test it, as (id, HTML) pairs."""

    title: str
    href: str
    """The page, for an `href` (relative as the engine reads links: `link_base`)."""
    url: str
    """The page relative to the page's URL, for data attributes, which no engine rewrites
    and scripts resolve against the document's address."""
    items: list[tuple[str, Markup]]
    """What the exam draws: questions and scenarios answered by picking."""
    sorts: list[tuple[str, Markup]]
    """Sort questions, which only the review brings back (a wrong placement queues them)."""


@dataclass(frozen=True)
class StudyBank:
    """What the exam and the review draw from, shown at the end of a tools file's page."""

    topics: list[Topic]
    cards: list[tuple[Term, Markup]]
    """Every term of a flashcard deck, with its definition as HTML."""
    misconceptions: list[Misconception]
    card_hrefs: dict[str, str]
    """Term id -> where the term is defined, to reread it (relative to the bank's page)."""
    misconception_hrefs: dict[str, str]


@dataclass(frozen=True)
class Chapter:
    """A prose page that embeds questions, with what a reader's progress counts on it."""

    title: str
    href: str
    items: list[str]
    """Ids of its questions and scenarios, and of its decks as `id:cards` (a deck is done
    once every card is known)."""


ANSWERABLE = (SingleChoice, MultipleChoice, TrueFalse, Scenario)
"""What the exam draws and the review queue brings back: items answered by picking."""

_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)

# Starts with text, not with `\s`, so the regex engine skips ahead to candidates; the
# whitespace before is checked after.
_ID = re.compile(r'id="([^"]+)"')
_QUESTION = re.compile(r'data-srm-component="(?:choice|sort|flashcards)"')
_H1_END = re.compile(r"</h1>")

# What the client would undo on every copy of a bank item, undone once here instead. The
# markup is the templates' own (content text is escaped, so `="` and `<p` never come from
# it): report links, the component marker (a copy is mounted by its owner), and `hidden` on
# the controls that need the script, which the bank's only readers have.
_BANK_DROP = re.compile(
    r'(?<=data-srm-js)(?: data-search-exclude)? hidden\b|<p class="srm-report"[^>]*>.*?</p>\n?'
    r'| data-srm-component="[a-z]+"| data-search-exclude'
)


def bank_html(html: str) -> str:
    """A bank item's HTML as the exam and the review copy it (see `_BANK_DROP`)."""
    return _BANK_DROP.sub("", html)


def element_ids(html: str) -> set[str]:
    """The element ids in a piece of item HTML, for link and anchor validation."""
    return {
        match.group(1)
        for match in _ID.finditer(html)
        if html[match.start() - 1 : match.start()].isspace()
    }


Stash = Callable[[str], str]
"""Keeps a piece of HTML out of Markdown and returns the text that stands for it."""


def nav_order(nav: object) -> list[str]:
    """The page paths a navigation names, in order: the `nav` setting of mkdocs.yml as
    written, or as an engine holds it (Zensical's entries carry the page as `url`, beside
    titles and children). A page is a string that ends in `.md` and is no web address."""
    if isinstance(nav, str):
        return [nav.lstrip("/")] if nav.endswith(".md") and "://" not in nav else []
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in nav_order(value)]
    if isinstance(nav, list):
        return [path for entry in nav for path in nav_order(entry)]
    return []


@dataclass(frozen=True)
class ReportLinks:
    """Pre-filled "report a problem" issues on the project's GitHub repository."""

    repo_url: str
    site_url: str
    directory_urls: bool

    def for_page(self, src: str) -> Reporter:
        page = self.site_url.rstrip("/") + "/" + url_of(src, self.directory_urls)

        def report(item: Model) -> str:
            ident = getattr(item, "id", "")
            kind = _KIND_WORDS.get(type(item).__name__, "question")
            title = f"Problem with {kind} '{ident}'"
            body = (
                f"Item: `{ident}`\nFile: `{item.where.doc.path}`\n"
                f"Page: {page}#{anchor_of(ident)}\n\n"
                "What is wrong, and which source supports the correction?\n"
            )
            # What urlencode() writes, without quoting the constant names for every item.
            query = f"title={quote_plus(title)}&body={quote_plus(body)}&labels=content"
            return f"{self.repo_url.rstrip('/')}/issues/new?{query}"

        return report


_KIND_WORDS = {"Term": "term", "Scenario": "scenario", "Table": "table", "Service": "service"}


class SitePages:
    """Knows where every item lives and renders the pages that show them."""

    def __init__(
        self,
        content: Content,
        renderer: Renderer,
        *,
        directory_urls: bool = True,
        report: ReportLinks | None = None,
        links_from_source: bool = False,
    ):
        """`links_from_source`: item HTML links relative to each page's source file, as
        Zensical resolves them, instead of to the page's URL (see `link_base`)."""
        self.content = content
        self.links_from_source = links_from_source
        renderer.env.globals["progress_chapters"] = self.progress_chapters
        self.renderer = renderer
        self.directory_urls = directory_urls
        self.report = report
        self.renderer.env.filters["heading"] = lambda text: Markup(heading_text(text))
        self.home: dict[str, str] = {}
        """Item id -> the generated page it lives on."""
        for path, file in content.files.items():
            for item in items_with_ids(file):
                self.home[item.id] = page_path(path)  # type: ignore[attr-defined]
        self.yaml_of = {page_path(path): path for path in content.files}
        """Page path -> the YAML file it shows."""
        self.embedded_in: dict[str, str] = {}
        """Item id -> the first prose page that embeds it."""
        self._study: dict[str, StudyBank] = {}
        """Tools page -> its study bank, rendered once for the page and its script."""
        self.chapters: list[str] = []
        """Page paths in the site's navigation order (set by the engine adapter): the study
        bank lists its topics in this order, pages it does not name last."""
        for src, prose in content.pages.items():
            for embed in find_embeds(prose.body):
                for ident, _line, _col in embed.items:
                    self.embedded_in.setdefault(ident, src)

    def with_progress(self, html: str) -> str:
        """A page's finished HTML with its progress bar under its title (the first `</h1>`,
        else at the top), when it holds questions or decks; other pages come back as they
        were. Rendered here, not by the script, so that it does not shift the page."""
        count = len(_QUESTION.findall(html))
        if not count:
            return html
        bar = self.renderer.env.get_template("progress.html.jinja").render(count=count)
        heading = _H1_END.search(html)
        at = heading.end() if heading else 0
        return f"{html[:at]}\n{bar.strip()}\n{html[at:]}"

    def linker(self, src: str) -> Linker:
        """Hrefs from the page `src` to any item."""
        here = self.link_base(src)

        def link(ident: str) -> str:
            target = self.home[ident]
            fragment = f"#{anchor_of(ident)}"
            if target == src:
                return fragment
            return relative_url(here, url_of(target, self.directory_urls)) + fragment

        link.page = src  # type: ignore[attr-defined]  # for templates that link pages
        return link

    def progress_chapters(self, src: str) -> list[Chapter]:
        """Every prose page that embeds questions, scenarios or decks, in the navigation's
        order (`chapters`; pages it does not list last), with links relative to `src`."""
        here = self.link_base(src)
        order = {page: i for i, page in enumerate(self.chapters)}
        pages = sorted(self.content.pages, key=lambda p: (order.get(p, len(order)), p))
        found: list[Chapter] = []
        for page in pages:
            ids: list[str] = []
            for embed in find_embeds(self.content.pages[page].body):
                for ident, _line, _col in embed.ids:
                    item = self.content.by_id.get(ident)
                    for one in item.questions if isinstance(item, Quiz) else [item]:
                        if isinstance(one, Flashcards):
                            ids.append(f"{one.id}:{len(one.cards)}")
                        elif isinstance(one, (*ANSWERABLE, Sort)):
                            ids.append(one.id)  # type: ignore[attr-defined]
            if ids:
                href = relative_url(here, url_of(page, self.directory_urls))
                found.append(Chapter(self.page_title(page), href, list(dict.fromkeys(ids))))
        return found

    def source_linker(self, src: str) -> Linker:
        """Links from the Markdown of page `src` to any item, as paths between source files,
        for Markdown that MkDocs itself will turn into URLs (and validate)."""

        def link(ident: str) -> str:
            target = posixpath.relpath(self.home[ident], posixpath.dirname(src) or ".")
            return f"{target}#{anchor_of(ident)}"

        return link

    def md_links(self, ident: str | None, src: str) -> MarkdownLinks:
        """Link rewriting for the text of item `ident` (or of the file `src`) on page `src`."""
        home = self.home[ident] if ident else src
        return MarkdownLinks(
            posixpath.dirname(home), src, self.directory_urls, self.links_from_source
        )

    def link_base(self, src: str) -> str:
        """What links in the HTML of page `src` are relative to (module `link_base`)."""
        return link_base(src, self.directory_urls, self.links_from_source)

    def page_title(self, src: str) -> str:
        """A page's title as its reader sees it: a prose page's first heading."""
        if src in self.yaml_of:
            return self.content.files[self.yaml_of[src]].title
        prose = self.content.pages.get(src)
        if prose is not None:
            match = _H1.search(prose.body)
            return Markup(render_inline(match.group(1))).striptags() if match else src
        return src

    def topic_of(self, item: Model) -> str:
        """The page a reader should reread after getting `item` wrong."""
        quizzes = self.renderer.quiz_of
        quiz = quizzes.get(item.id)  # type: ignore[attr-defined]
        candidates = (
            getattr(item, "topic", None),
            quiz.topic if quiz else None,
            self.embedded_in.get(item.id),  # type: ignore[attr-defined]
            self.embedded_in.get(quiz.id) if quiz else None,
        )
        return next((c for c in candidates if c), self.home[item.id])  # type: ignore[attr-defined]

    def study_bank(self, src: str) -> StudyBank:
        """Every answerable item, grouped by topic in chapter order, rendered for the page
        `src`."""
        link, here = self.linker(src), self.link_base(src)
        page_url = url_of(src, self.directory_urls)
        grouped: dict[str, tuple[list, list]] = {}
        for item in self.content.by_id.values():
            if isinstance(item, (*ANSWERABLE, Sort)):
                # Under the bank's topic headings (h3): see file-tools-end.html.jinja.
                html = self.renderer.item(
                    item, link=link, titled=True, md_links=self.md_links(item.id, src), level=4
                )
                lists = grouped.setdefault(self.topic_of(item), ([], []))
                lists[isinstance(item, Sort)].append((item.id, html))  # type: ignore[attr-defined]
        order = {page: i for i, page in enumerate(self.chapters)}
        topics = [
            Topic(
                self.page_title(page),
                relative_url(here, url_of(page, self.directory_urls)),
                relative_url(page_url, url_of(page, self.directory_urls)),
                items,
                sorts,
            )
            for page, (items, sorts) in sorted(
                grouped.items(), key=lambda entry: order.get(entry[0], len(order))
            )
        ]
        decks = self.content.of_type(Flashcards)
        terms = list(dict.fromkeys(ident for deck in decks for ident in deck.cards))
        cards = [
            (term, render_block(term.definition, self.md_links(term.id, src)))
            for term in (self.content.by_id[ident] for ident in terms)
        ]
        misconceptions = self.content.of_type(Misconception)
        return StudyBank(
            [t for t in topics if t.items or t.sorts],
            cards,  # type: ignore[arg-type]
            misconceptions,  # type: ignore[arg-type]
            {term.id: link(term.id) for term, _ in cards},
            {m.id: link(m.id) for m in misconceptions},  # type: ignore[attr-defined]
        )

    def compact_bank(self, src: str, bank: StudyBank) -> str:
        """The study bank of the tools page `src` as a script the exam and the review load
        instead of the whole page: no page around the items, and each item's HTML is parsed
        only when it is shown (parsing the whole page was a long task of a quarter of a
        second). A script rather than JSON so that it also loads from `file://`, where pages
        may not fetch. Links in it are relative to the page `src`.

        It files the bank under its own address, which the client reads back:
        `srmBanks[script URL] = {topics: [{title, href, ids}], items: {id: [topic index,
        HTML]}, cards: {id: [href, HTML]}, beliefs: [[id, href, belief]]}`; `ids` are what
        the exam draws, in chapter order."""
        items: dict[str, list] = {}
        for index, topic in enumerate(bank.topics):
            for ident, html in topic.items + topic.sorts:
                items[ident] = [index, bank_html(html)]
        card = self.renderer.env.get_template("_macros.html.jinja").module.bank_card
        cards = {
            term.id: [bank.card_hrefs[term.id], bank_html(str(card(term, definition)).strip())]
            for term, definition in bank.cards
        }
        data = {
            "topics": [
                {"title": t.title, "href": t.href, "ids": [i for i, _ in t.items]}
                for t in bank.topics
            ],
            "items": items,
            "cards": cards,
            "beliefs": [
                [m.id, bank.misconception_hrefs[m.id], m.belief] for m in bank.misconceptions
            ],
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return f"(window.srmBanks=window.srmBanks||{{}})[document.currentScript.src]={text};\n"

    def banks(self) -> dict[str, str]:
        """Published path -> compact study bank script, for every tools page."""
        result: dict[str, str] = {}
        for path, file in self.content.files.items():
            if file.kind == "tools":  # type: ignore[attr-defined]
                src = page_path(path)
                if src not in self._study:
                    self._study[src] = self.study_bank(src)
                bank = self._study[src]
                result[bank_uri(src)] = self.compact_bank(src, bank)
        return result

    def _item(self, item: Model, src: str, **context) -> Markup:
        """`item` rendered for page `src`; an exam or review learns its bank's address."""
        if isinstance(item, (Exam, Review)):
            # A data attribute, which the script resolves against the page's address.
            here, home = url_of(src, self.directory_urls), self.home[item.id]
            context["bank_script"] = relative_url(here, bank_uri(home))
        return self.renderer.item(item, **context)

    def file_markdown(self, yaml_path: str, stash: Stash) -> str:
        """The Markdown of the page that shows the YAML file `yaml_path` whole: headings
        for the navigation and table of contents, item HTML stored through `stash`."""
        env = self.renderer.env
        page, intro = env.get_template("page.md.jinja"), env.get_template("intro.html.jinja")
        file = self.content.files[yaml_path]
        src = page_path(yaml_path)
        link = self.linker(src)
        md_links = self.md_links(None, src)
        report = self.report.for_page(src) if self.report else None

        def add(html: str) -> str:
            return stash(html) if html else ""

        if file.kind == "tools" and src not in self._study:  # type: ignore[attr-defined]
            self._study[src] = self.study_bank(src)
        sections = [
            (
                title_of(item),
                anchor_of(item.id),  # type: ignore[attr-defined]
                add(
                    self._item(item, src, link=link, titled=False, md_links=md_links, report=report)
                ),
            )
            for item in file.items()
        ]
        return page.render(
            file=file,
            intro=add(intro.render(file=file, md_links=md_links).strip()) if file.intro else "",
            extras=add(self.renderer.file_extras(file, link=link, md_links=md_links)),
            outro=add(
                self.renderer.file_extras(
                    file, link=link, md_links=md_links, end=True, bank=self._study.get(src)
                )
            ),
            sections=sections,
        )

    def embed_html(self, src: str, ids: list[str], level: int = 3) -> Markup:
        """The HTML of the items an `srm` block on page `src` names, in order; titles drawn
        as headings take `level` (one below the heading above the block)."""
        link = self.linker(src)
        report = self.report.for_page(src) if self.report else None
        return Markup("\n").join(
            self._item(
                self.content.by_id[ident],
                src,
                link=link,
                titled=True,
                md_links=self.md_links(ident, src),
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
    if content.files[yaml_path].kind == "tools":  # type: ignore[attr-defined]
        front = "---\nsearch:\n  exclude: true\n---\n\n"
    return f"{front}```srm\n{name}\n```\n"
