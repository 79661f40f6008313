"""The reader's progress: the chapters the progress overview lists, and the progress bar
under the title of every page that holds questions."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Environment

from .models import Content
from .registry import QUESTION_TYPES
from .urls import SiteUrls


@dataclass(frozen=True)
class Chapter:
    """A prose page that embeds questions, with what a reader's progress counts on it."""

    title: str
    href: str
    items: list[str]
    """Ids of its questions and scenarios, and of its decks as `id:cards` (a deck is done
    once every card is known)."""


def progress_chapters(
    content: Content,
    urls: SiteUrls,
    src: str,
    order: list[str],
    title_of: Callable[[str], str],
) -> list[Chapter]:
    """Every prose page that embeds questions, scenarios or decks, in the navigation's
    `order` (pages it does not list last), with hrefs from page `src`. What counts is what
    each embedded item's unit says (`progress_ids`)."""
    place = {page: i for i, page in enumerate(order)}
    pages = sorted(content.pages, key=lambda p: (place.get(p, len(place)), p))
    found: list[Chapter] = []
    for page in pages:
        ids = [
            counted
            for embed in content.pages[page].embeds
            for ident, _line, _col in embed.items
            for counted in content.by_id[ident].progress_ids()
        ]
        if ids:
            href = urls.page_href(src, page)
            found.append(Chapter(title_of(page), href, list(dict.fromkeys(ids))))
    return found


_QUESTION = re.compile(
    'data-srm-component="(?:{})"'.format(
        "|".join(sorted({re.escape(u.component) for u in QUESTION_TYPES if u.component}))
    )
)
"""An element a question type's component mounts: what the progress bar counts."""
_H1_END = re.compile(r"</h1>")


def with_progress(env: Environment, html: str) -> str:
    """A page's finished HTML with its progress bar under its title (the first `</h1>`,
    else at the top), when it holds questions or decks; other pages come back as they
    were. Rendered here, not by the script, so that it does not shift the page."""
    count = len(_QUESTION.findall(html))
    if not count:
        return html
    bar = env.get_template("progress.html.jinja").render(count=count)
    heading = _H1_END.search(html)
    at = heading.end() if heading else 0
    return f"{html[:at]}\n{bar.strip()}\n{html[at:]}"
