"""Which link addresses content may use, and which of them lead to Markdown pages.

Shared by the reference checks and the Markdown renderer; kept apart from the renderer so
that validating content (`python -m srm_build check`) does not load a Markdown parser.
"""

from __future__ import annotations

import html
import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto and relative URLs, after undoing the usual disguises."""
    plain = _INVISIBLE.sub("", html.unescape(url))
    match = _SCHEME.match(plain)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def is_page_link(url: str) -> bool:
    """A relative link to a Markdown source file, which must become the page's URL."""
    path = url.split("#", 1)[0]
    return (
        bool(path)
        and _SCHEME.match(url) is None
        and not url.startswith("/")
        and path.endswith(".md")
    )
