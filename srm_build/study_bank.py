"""The study bank: every question the exam and the review draw from, by topic, shown at the
end of a tools file's page and published as a script the two load instead of that page.

The script carries each item as the HTML its unit's template writes, not as data: data would
be about a third of the bytes, but every unit would then need a second renderer in JavaScript
beside its template, and the two could disagree. The client parses only the items it shows,
and `tests/test_study.py` holds the script to a gzipped byte budget per item."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from .markup import render_block
from .models import Content, Flashcards, Misconception, Term
from .render import Renderer
from .urls import SiteUrls, rewrite_hrefs

# What the client would undo on every copy of a bank item, undone once here instead. The
# markup is the templates' own (content text is escaped, so `="` and `<p` never come from
# it): report links, and `hidden` on the controls that need the script, which the bank's
# only readers have. A copy keeps its component marker, by which the shared form code finds
# its question kind (its `arrange`, srm.js); its owner mounts it (srm-study.js, `copy`).
_BANK_DROP = re.compile(
    r'(?<=data-srm-js)(?: data-search-exclude)? hidden\b|<p class="srm-report"[^>]*>.*?</p>\n?'
    r"| data-search-exclude"
)


def bank_html(html: str) -> str:
    """A bank item's HTML as the exam and the review copy it (see `_BANK_DROP`)."""
    return _BANK_DROP.sub("", html)


def bank_uri(src: str) -> str:
    """Where the compact study bank of the tools page `src` is published, next to the page's
    source: `data/study.md` -> `data/study.srm-bank.js`."""
    return f"{posixpath.splitext(src)[0]}.srm-bank.js"


@dataclass(frozen=True)
class Topic:
    """A page to reread, and the questions that test it, as (id, HTML) pairs."""

    title: str
    href: str
    """The page, for an `href` the engine makes a URL (`SiteUrls.page_href`)."""
    url: str
    """The page relative to the page's URL, for data attributes, which no engine rewrites
    and scripts resolve against the document's address."""
    items: list[tuple[str, Markup]]
    """What the exam draws (and the review brings back): the items whose unit says
    `study = "exam"`."""
    review: list[tuple[str, Markup]]
    """What only the review brings back (a wrong answer queues them): `study = "review"`."""


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
    components: dict[str, str]
    """Item id -> the client component that mounts its copies (its unit's `component`)."""


def study_bank(
    content: Content,
    renderer: Renderer,
    urls: SiteUrls,
    src: str,
    order: list[str],
    title_of: Callable[[str], str],
) -> StudyBank:
    """Every item a unit offers for study (`study`), grouped by its topic in the
    navigation's `order`, rendered for the page `src`."""
    assert content.resolved is not None, "content is resolved when it loads"
    item_href = urls.item_hrefs(src)
    grouped: dict[str, tuple[list, list]] = {}
    components: dict[str, str] = {}
    for item in content.by_id.values():
        if item.study is not None:
            components[item.id] = item.component or ""
            # Under the bank's topic headings (h3): see study-bank.html.jinja.
            html = renderer.item(
                item,
                item_href=item_href,
                titled=True,
                text_hrefs=urls.text_hrefs(item.id, src),
                level=4,
            )
            lists = grouped.setdefault(content.resolved.topic_of(item), ([], []))
            lists[item.study == "review"].append((item.id, html))
    place = {page: i for i, page in enumerate(order)}
    topics = [
        Topic(
            title_of(page),
            urls.page_href(src, page),
            urls.data_href(src, urls.url(page)),
            items,
            review,
        )
        for page, (items, review) in sorted(
            grouped.items(), key=lambda entry: place.get(entry[0], len(place))
        )
    ]
    terms = {term.id: term for term in content.terms}
    wanted = dict.fromkeys(ident for deck in content.of_type(Flashcards) for ident in deck.cards)
    cards = [
        (terms[ident], render_block(terms[ident].definition, urls.text_hrefs(ident, src)))
        for ident in wanted
    ]
    misconceptions = content.of_type(Misconception)
    return StudyBank(
        [t for t in topics if t.items or t.review],
        cards,
        misconceptions,
        {term.id: item_href(term.id) for term, _ in cards},
        {m.id: item_href(m.id) for m in misconceptions},
        components,
    )


def compact_bank(
    renderer: Renderer, bank: StudyBank, href: Callable[[str], str] = lambda href: href
) -> str:
    """A study bank as a script the exam and the review load instead of the whole page:
    no page around the items, and each item's HTML is parsed only when it is shown
    (parsing the whole page was a long task of a quarter of a second). A script rather
    than JSON so that it also loads from `file://`, where pages may not fetch. Links in it
    are relative to the page the bank was rendered for: no engine reads the script, so
    `href` makes each href of the page's HTML a URL (`SiteUrls.url_href`).

    It files the bank under its own address, which the client reads back:
    `srmBanks[script URL] = {topics: [{title, href, ids}], items: {id: [topic index,
    HTML, component]}, cards: {id: [href, HTML]}, beliefs: [[id, href, belief]]}`; `ids`
    are what the exam draws, in chapter order; `component` names the client component
    whose question kind (`srm.defined.get(component)`, see srm.js) answers the item."""
    items: dict[str, list] = {}
    for index, topic in enumerate(bank.topics):
        for ident, html in topic.items + topic.review:
            items[ident] = [index, rewrite_hrefs(bank_html(html), href), bank.components[ident]]
    card = renderer.env.get_template("_macros.html.jinja").module.bank_card
    cards = {
        term.id: [
            href(bank.card_hrefs[term.id]),
            rewrite_hrefs(bank_html(str(card(term, definition)).strip()), href),
        ]
        for term, definition in bank.cards
    }
    data = {
        "topics": [
            {"title": t.title, "href": href(t.href), "ids": [i for i, _ in t.items]}
            for t in bank.topics
        ],
        "items": items,
        "cards": cards,
        "beliefs": [
            [m.id, href(bank.misconception_hrefs[m.id]), m.belief] for m in bank.misconceptions
        ],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"(window.srmBanks=window.srmBanks||{{}})[document.currentScript.src]={text};\n"
