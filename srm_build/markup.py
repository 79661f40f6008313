"""Markdown fields of content, rendered to HTML that cannot carry markup of its own.

Raw HTML in content is shown as text, and links keep only safe schemes, because content
arrives through pull requests from anyone.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto and relative URLs, after undoing the usual disguises."""
    plain = _INVISIBLE.sub("", html.unescape(url))
    match = _SCHEME.match(plain)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


class _SafeLinks(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not is_safe_url(value):
                    del element.attrib[attribute]
            if element.tag == "a" and element.get("href", "").startswith(("http:", "https:")):
                element.set("rel", "noopener")


class _NoRawHtml(Extension):
    """Treat `<tags>` in content as text; drop links with unsafe schemes."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown API)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "srm_safe_links", 0)


_MD = markdown.Markdown(extensions=[_NoRawHtml(), "sane_lists"], output_format="html")


@lru_cache(maxsize=8192)
def _convert(text: str) -> str:
    _MD.reset()
    return _MD.convert(text)


def render_block(text: str) -> Markup:
    """Markdown text as block HTML (paragraphs, lists)."""
    return Markup(_convert(text))


def render_inline(text: str) -> Markup:
    """Markdown text as inline HTML: a lone paragraph is unwrapped."""
    result = _convert(text)
    if result.startswith("<p>") and result.endswith("</p>") and result.count("<p>") == 1:
        result = result[3:-4]
    return Markup(result)


_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>:~=^&\"'$%@]")


def heading_text(text: str) -> str:
    """Plain text made safe to stand in a Markdown heading line: shown exactly as written.

    Punctuation becomes numeric character references, which every Markdown flavour and
    extension leaves alone."""
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", " ".join(text.split()))
