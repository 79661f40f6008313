"""Where pages and items are published, and the hrefs between them.

One vocabulary: an *href* is an address written into a page's HTML. Hrefs in a page's HTML
are written the way an author writes a link in Markdown, relative to the page's source file
(`../glossary.md#srm-region`, `img/x.png`), and the engine turns them into URLs as it does
every link of the page (see `srm_build.markdown`, "Links"): MkDocs and ProperDocs with their
link processor, Zensical on the page's HTML. Each `*Hrefs` object makes them for one page:

- `ItemHrefs`: an item's id -> the item where it lives (`../glossary.md#srm-region`, or
  `#srm-region` on its own page);
- `TextHrefs`: a relative link written in a YAML file's Markdown (`../aws-side.md#x`, an
  image, `#x` alone) -> the same target from the page that shows the text.

What no engine reads is the package's to make final: data attributes (`SiteUrls.data_href`)
and the study bank's script (`SiteUrls.url_href`), with URLs the way MkDocs writes them
(`url_of`). `SiteUrls` makes all of these for a site: it knows where each item lives (the
resolve step's `home`) and how the engine writes URLs (`directory_urls`).
"""

from __future__ import annotations

import html as html_module
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


def source_href(src: str, target: str) -> str:
    """The path from page `src` to the file `target` (both content-relative), as an author
    writes a link between them in Markdown."""
    return posixpath.relpath(target, posixpath.dirname(src) or ".")


_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def hrefs_in(html: str) -> list[str]:
    """The value of every `href` and `src` attribute in `html`, entities undone (for HTML
    the package wrote, as `rewrite_hrefs`)."""
    return [html_module.unescape(match.group(2)) for match in _ATTRIBUTE.finditer(html)]


def rewrite_hrefs(html: str, change: Callable[[str], str]) -> str:
    """`html` with the value of every `href` and `src` attribute passed through `change`
    (entities undone before, escaped after). For HTML the package wrote: its templates and
    Python-Markdown quote every attribute value with `"`."""

    def one(match: re.Match[str]) -> str:
        value = html_module.unescape(match.group(2))
        changed = change(value)
        if changed == value:
            return match.group()
        return f"{match.group(1)}{html_module.escape(changed)}{match.group(3)}"

    return _ATTRIBUTE.sub(one, html)


@dataclass(frozen=True)
class TextHrefs:
    """Links written in a YAML file's Markdown, relative to that file, made relative to the
    source of the page that shows them. `#x` alone is an anchor of the file's own page.
    Hashable, so rendered Markdown can be cached per (text, page)."""

    base: str
    """Folder of the YAML file, relative to the content root."""
    page: str
    home: str = ""
    """The page of the YAML file, which `#x` alone names: on another page it becomes a link
    to that page."""

    def __call__(self, href: str) -> str:
        path, rest = _split(href)
        if not path:
            if not self.home or self.home == self.page:
                return href
            path = posixpath.relpath(self.home, self.base or ".")
        target = posixpath.normpath(posixpath.join(self.base, path))
        return source_href(self.page, target) + rest


@dataclass(frozen=True, eq=False)
class ItemHrefs:
    """Item ids to hrefs on the page `page`: a fragment alone for an item on that page,
    else the path to the source of the item's page and its anchor."""

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
class SiteUrls:
    """How one site writes URLs, and where each item lives: makes the hrefs of its pages."""

    home: dict[str, str]
    """Item id -> the page of the YAML file it is written in (`Resolution.home`)."""
    directory_urls: bool = True

    def url(self, src: str) -> str:
        """The URL of page `src`, relative to the site root."""
        return url_of(src, self.directory_urls)

    def page_href(self, src: str, target: str) -> str:
        """An href from page `src` to page `target`, which the engine makes a URL."""
        return source_href(src, target)

    def data_href(self, src: str, uri: str) -> str:
        """`uri` (a published file or page URL) relative to the URL of page `src`, for data
        attributes, which no engine rewrites and scripts resolve against the document."""
        return relative_url(self.url(src), uri)

    def url_href(self, src: str, href: str) -> str:
        """An href of page `src`'s HTML as the engine makes it (a source-relative `.md`
        path becomes the page's URL relative to `src`'s URL), for HTML no engine reads:
        the study bank's script. A fragment alone and other addresses stay."""
        path, rest = _split(href)
        if not path or not is_relative(path):
            return href
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
        url = self.url(target) if target.endswith(".md") else target
        return relative_url(self.url(src), url) + rest

    def item_hrefs(self, src: str) -> ItemHrefs:
        return ItemHrefs(self, src)

    def text_hrefs(self, ident: str | None, src: str) -> TextHrefs:
        """For the text of item `ident` (or of the YAML file shown by `src`) on page `src`."""
        home = self.home[ident] if ident else src
        return TextHrefs(posixpath.dirname(home), src, home)


def _split(href: str) -> tuple[str, str]:
    """An href's path, and its query and fragment as written (`a.md?x#y` -> `a.md`,
    `?x#y`)."""
    at = min((i for i in (href.find("?"), href.find("#")) if i >= 0), default=len(href))
    return href[:at], href[at:]


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


def is_relative(path: str) -> bool:
    """A path relative to the page (no scheme, not `/...` or `//host`)."""
    return _SCHEME.match(path) is None and not path.startswith("/")
