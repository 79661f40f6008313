"""The client files the package ships, minified as they are published.

Which files there are comes from the registry: the core every page loads, and each unit's
own (`client` in its unit). Sources keep their comments; readers download the minified
text. The budget of 8 KiB gzipped (see the tests) is measured on what is published."""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

from .items.exam import Exam
from .items.service import Service
from .items.sort import Sort
from .registry import client_files

FOLDER = Path(__file__).parent / "assets"
URI = "assets/srm/{}"
"""Where each file is published, relative to the site root."""

STYLESHEET = URI.format("srm.css")
SCRIPT = URI.format("srm.js")
"""Linked from every page by the plugin; the theme overrides load the boot scripts themselves."""
STUDY_SCRIPT = URI.format(Exam.client[0])
"""The exam and the review: srm.js fetches it only on pages that have one."""
SORT_SCRIPT = URI.format(Sort.client[0])
"""Sort questions: srm.js fetches it only on pages that have one."""
THEME_FIXES = ("theme-modern.css",)
"""Files that patch a theme rather than belong to a unit, so the registry does not list them."""
MODERN_STYLESHEET = URI.format(THEME_FIXES[0])
"""Contrast fixes to Zensical's "modern" theme: the package's partial links it on that
theme's pages only."""
EXPLORER_SCRIPT = URI.format(Service.client[0])
"""The responsibility explorer: srm.js fetches it only on the service matrix's page; it
links its stylesheet, srm-explorer.css, itself."""


def published() -> dict[str, bytes]:
    """Site path -> minified content, for every client file the registry names and the
    theme fixes (the package's assets folder holds each of them). Raises FileNotFoundError
    for a unit's file that is missing there."""
    result: dict[str, bytes] = {}
    for name in sorted({*client_files(), *THEME_FIXES}):
        text = (FOLDER / name).read_text(encoding="utf-8")
        minify = rjsmin.jsmin if name.endswith(".js") else rcssmin.cssmin
        result[URI.format(name)] = minify(text).encode("utf-8")
    return result
