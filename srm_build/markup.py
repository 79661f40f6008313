"""Markdown fields of content, rendered to HTML that cannot carry markup of its own.

Raw HTML in content is shown as text, and links keep only safe schemes, because content
arrives through pull requests from anyone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .links import is_relative_link, is_safe_url
from .urls import Hrefs


class _SafeLinks(Treeprocessor):
    """Unlinks addresses with unsafe schemes; rewrites links to pages; drops event handler
    and style attributes (which an attribute list could add).

    The check refuses all of these with their place; this is the last line behind it. An
    unsafe link becomes a `<span>` of its text and an unsafe image goes, rather than keeping
    an `<a>` without `href`, which MkDocs' own link processing cannot take."""

    resolve: Hrefs | None = None
    """Relative links written in the text -> their hrefs on the page (`TextHrefs`)."""

    def run(self, root: Element) -> None:
        for parent in list(root.iter()):
            for element in list(parent):
                for name in list(element.attrib):
                    if name.lower().startswith("on") or name.lower() == "style":
                        del element.attrib[name]
                for attribute in ("href", "src"):
                    value = element.get(attribute)
                    if value is None:
                        continue
                    if not is_safe_url(value):
                        del element.attrib[attribute]
                        if element.tag == "a":
                            element.tag = "span"
                            element.attrib.clear()
                        elif element.tag == "img":
                            _remove(parent, element)
                    elif self.resolve is not None and (
                        is_relative_link(value) or value.startswith("#")
                    ):
                        element.set(attribute, self.resolve(value))
                if element.tag == "a" and element.get("href", "").startswith(("http:", "https:")):
                    element.set("rel", "noopener")


def _remove(parent: Element, element: Element) -> None:
    """Take `element` out of `parent`, keeping the text that follows it."""
    if element.tail:
        index = list(parent).index(element)
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


class SafeMarkdown(Extension):
    """Markdown that shows `<tags>` as text and drops links with unsafe schemes.

    Used for the text of YAML content, and by the plugin for the site's prose pages, the
    way Hugo omits raw HTML by default."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.safe_links = _SafeLinks()

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown API)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        self.safe_links.md = md
        # Before MkDocs' own link processing (priority 0), so it never sees unsafe links.
        md.treeprocessors.register(self.safe_links, "srm_safe_links", 1)


def makeExtension(**kwargs: object) -> SafeMarkdown:  # noqa: N802 (Markdown API)
    return SafeMarkdown(**kwargs)


_SAFE = SafeMarkdown()


@lru_cache(maxsize=1)
def _md() -> markdown.Markdown:
    """The parser of fields, with the block extensions the prose pages have in mkdocs.yml,
    so fenced code, admonitions and details render in YAML text as they do in prose (the
    check keeps them out of fields shown inline). Made on the first field that needs it,
    not at import: `check`, and builds whose fields are all plain text, never do."""
    return markdown.Markdown(
        extensions=[_SAFE, "sane_lists", "pymdownx.superfences", "admonition", "pymdownx.details"],
        output_format="html",
    )


# One line with nothing Markdown acts on: no markup characters, no list, code or details
# (`???`) start.
_PLAIN = re.compile(r"(?!(?:[-+]|\d+[.)])[ \t]|\?\?\?)[^\n\r\t*_\[\]`<>&\\!|~{}#]+")


class TooDeepError(ValueError):
    """Markdown text nested past Python's recursion limit (a list 500 levels deep on one
    line, `- - - ... x`): the check's limits refuse it first (`limits.markdown_problem`);
    a renderer that meets it anyway raises this, which the caller reports with the place
    of the text (`pages.SitePages`), never a `RecursionError` traceback."""

    def __init__(self, text: str) -> None:
        super().__init__(TOO_DEEP)
        self.text = text


TOO_DEEP = (
    "this text nests too deep for the Markdown parser (Python's recursion limit); write "
    "fewer nested lists, quotes or emphasis marks"
)


def _markdown(text: str, md: markdown.Markdown | None = None) -> str:
    md = md or _md()
    md.reset()
    try:
        return md.convert(text)
    except RecursionError:
        # A parse cut short leaves state behind that `reset` keeps (the block parser's
        # stack still says "list", and later paragraphs lose their <p>): start afresh.
        if md is _md():
            _md.cache_clear()
        else:
            _intro_md.cache_clear()
        raise TooDeepError(text) from None


@lru_cache(maxsize=65536)
def _convert(text: str, hrefs: Hrefs | None) -> str:
    # `hrefs` is part of the key: the same text links differently from different pages.
    # Most fields are one plain sentence: they skip the Markdown parser (same output).
    if text == text.strip() and _PLAIN.fullmatch(text):
        return f"<p>{text}</p>"
    _SAFE.safe_links.resolve = hrefs
    return _markdown(text)


def render_block(text: str, hrefs: Hrefs | None = None) -> Markup:
    """Markdown text as block HTML (paragraphs, lists); `hrefs` rewrites its relative links
    (a `TextHrefs`, hashable)."""
    return Markup(_convert(text, hrefs))


def render_inline(text: str, hrefs: Hrefs | None = None) -> Markup:
    """Markdown text as inline HTML: a lone paragraph is unwrapped."""
    result = _convert(text, hrefs)
    if result.startswith("<p>") and result.endswith("</p>") and result.count("<p>") == 1:
        result = result[3:-4]
    return Markup(result)


def intro_markdown(title: str, intro: str | None) -> str:
    """The Markdown whose headings make the ids at the top of a YAML file's page: its
    title (as the page's Markdown writes it), then its intro. The check reads the anchors
    of the page from it; `render_intro` renders it."""
    return f"# {heading_text(title)}\n\n{intro or ''}"


@lru_cache(maxsize=16)
def _intro_md(slugify: Callable[[str, str], str], separator: str) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            SafeMarkdown(),
            "sane_lists",
            "pymdownx.superfences",
            "admonition",
            "pymdownx.details",
            "toc",
        ],
        extension_configs={"toc": {"slugify": slugify, "separator": separator}},
        output_format="html",
    )


_H1 = re.compile(r"<h1[^>]*>.*?</h1>\n?", re.DOTALL)


def render_intro(
    title: str,
    intro: str,
    hrefs: Hrefs | None = None,
    slugify: Callable[[str, str], str] = slugify,
    separator: str = "-",
) -> Markup:
    """A YAML file's intro as block HTML whose headings have ids, the ones the `toc`
    extension gives them on the page (with the site's `slugify` and `separator`): links
    may lead to them, as to a prose page's headings. The intro is rendered after the
    title's heading, so that a heading named like the title gets `_1`, as `toc` would
    give it on the page; that heading is then left out (the page's Markdown has it)."""
    md = _intro_md(slugify, separator)
    md.treeprocessors["srm_safe_links"].resolve = hrefs  # type: ignore[attr-defined]
    html = _markdown(intro_markdown(title, intro), md)
    return Markup(_H1.sub("", html, count=1))


_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>:~=^&\"'$%@]")


def heading_text(text: str) -> str:
    """Plain text made safe to stand in a Markdown heading line: shown exactly as written.

    Punctuation becomes numeric character references, which every Markdown flavour and
    extension leaves alone."""
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", " ".join(text.split()))
