"""Markdown fields of content, rendered to HTML that cannot carry markup of its own.

Raw HTML in content is shown as text, and links keep only safe schemes, because content
arrives through pull requests from anyone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
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
                    elif self.resolve is not None and is_relative_link(value):
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


def _markdown(text: str) -> str:
    md = _md()
    md.reset()
    return md.convert(text)


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


_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>:~=^&\"'$%@]")


def heading_text(text: str) -> str:
    """Plain text made safe to stand in a Markdown heading line: shown exactly as written.

    Punctuation becomes numeric character references, which every Markdown flavour and
    extension leaves alone."""
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", " ".join(text.split()))
