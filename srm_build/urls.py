"""Where pages and items are published, and the hrefs between them.

One vocabulary: an *href* is an address written into a page's HTML, and each `*Hrefs`
object turns what content writes into hrefs on one page:

- `ItemHrefs`: an item's id -> the item where it lives (`../glossary/#srm-region`);
- `TextHrefs`: a relative link written in a YAML file's Markdown (`../aws-side.md#x`,
  an image) -> the same target from the page that shows the text;
- `SourceHrefs`: an item's id -> the path between source files (`glossary.md#srm-region`),
  for Markdown that the engine itself turns into URLs (and validates).

`SiteUrls` makes them for a site: it knows where each item lives (the resolve step's
`home`), how the engine writes URLs (`directory_urls`) and what the links in a page's HTML
are relative to (`base`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath

Hrefs = Callable[[str], str]
"""Turns what content writes (an item id, a relative link) into an href on one page."""


def anchor_of(ident: str) -> str:
    """The element id of an item; the prefix keeps it apart from heading slugs."""
    return f"srm-{ident}"


# Starts with text, not with `\s`, so the regex engine skips ahead to candidates; the
# whitespace before is checked after.
_ID = re.compile(r'id="([^"]+)"')


def element_ids(html: str) -> set[str]:
    """The element ids in a piece of item HTML, for link and anchor validation."""
    return {
        match.group(1)
        for match in _ID.finditer(html)
        if html[match.start() - 1 : match.start()].isspace()
    }


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
    """`to_url` relative to `from_url` (both relative to the site root); a folder URL
    keeps its trailing slash."""
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
class TextHrefs:
    """Links written in a YAML file's Markdown, relative to that file, made relative to the
    page that shows them. Hashable, so rendered Markdown can be cached per (text, page)."""

    base: str
    """Folder of the YAML file, relative to the content root."""
    page: str
    directory_urls: bool
    from_source: bool = False
    """Links relative to the page's source file rather than its URL (see `link_base`)."""

    home: str = ""
    """The page of the YAML file, which `#x` alone names (every relative link in YAML is
    relative to the file): on another page it becomes a link to that page."""

    def __call__(self, href: str) -> str:
        path, _, fragment = href.partition("#")
        if not path:
            if not self.home or self.home == self.page:
                return href
            path = posixpath.relpath(self.home, self.base or ".")
        target = posixpath.normpath(posixpath.join(self.base, path))
        here = link_base(self.page, self.directory_urls, self.from_source)
        if target.endswith(".md"):
            url = relative_url(here, url_of(target, self.directory_urls))
        else:  # a file such as an image keeps its path
            url = relative_url(here, target)
        return f"{url}#{fragment}" if fragment else url


@dataclass(frozen=True, eq=False)
class ItemHrefs:
    """Item ids to hrefs on the page `page`: a fragment alone for an item on that page."""

    urls: SiteUrls
    page: str
    """The page being rendered, content-relative (templates that link pages read it)."""

    def __call__(self, ident: str) -> str:
        target = self.urls.home[ident]
        fragment = f"#{anchor_of(ident)}"
        if target == self.page:
            return fragment
        return self.urls.page_href(self.page, target) + fragment


@dataclass(frozen=True, eq=False)
class SourceHrefs:
    """Item ids to paths between source files from the page `page` (`../glossary.md#srm-x`),
    for Markdown the engine turns into URLs itself."""

    home: dict[str, str]
    page: str

    def __call__(self, ident: str) -> str:
        target = posixpath.relpath(self.home[ident], posixpath.dirname(self.page) or ".")
        return f"{target}#{anchor_of(ident)}"


@dataclass(frozen=True, eq=False)
class SiteUrls:
    """How one site writes URLs, and where each item lives: makes the hrefs of its pages."""

    home: dict[str, str]
    """Item id -> the page of the YAML file it is written in (`Resolution.home`)."""
    directory_urls: bool = True
    from_source: bool = False
    """Links in a page's HTML are relative to its source file, as Zensical resolves them,
    instead of to its URL (see `link_base`)."""

    def base(self, src: str) -> str:
        """What links in the HTML of page `src` are relative to (see `link_base`)."""
        return link_base(src, self.directory_urls, self.from_source)

    def url(self, src: str) -> str:
        """The URL of page `src`, relative to the site root."""
        return url_of(src, self.directory_urls)

    def page_href(self, src: str, target: str) -> str:
        """An href from page `src` to page `target`."""
        return relative_url(self.base(src), self.url(target))

    def data_href(self, src: str, uri: str) -> str:
        """`uri` (a published file or page URL) relative to the URL of page `src`, for data
        attributes, which no engine rewrites and scripts resolve against the document."""
        return relative_url(self.url(src), uri)

    def item_hrefs(self, src: str) -> ItemHrefs:
        return ItemHrefs(self, src)

    def source_hrefs(self, src: str) -> SourceHrefs:
        return SourceHrefs(self.home, src)

    def text_hrefs(self, ident: str | None, src: str) -> TextHrefs:
        """For the text of item `ident` (or of the YAML file shown by `src`) on page `src`."""
        home = self.home[ident] if ident else src
        return TextHrefs(posixpath.dirname(home), src, self.directory_urls, self.from_source, home)
