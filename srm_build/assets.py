"""The client files the package ships, minified as they are published.

Sources keep their comments; readers download the minified text. The budget of 8 KiB
gzipped (see the tests) is measured on what is published."""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

FOLDER = Path(__file__).parent / "assets"
URI = "assets/srm/{}"
"""Where each file is published, relative to the site root."""

STYLESHEET = URI.format("srm.css")
SCRIPT = URI.format("srm.js")
"""Linked from every page by the plugin; the theme overrides load the boot scripts themselves."""
STUDY_SCRIPT = URI.format("srm-study.js")
"""The exam and the review: srm.js fetches it only on pages that have one."""
SORT_SCRIPT = URI.format("srm-sort.js")
"""Sort questions: srm.js fetches it only on pages that have one."""
MODERN_STYLESHEET = URI.format("theme-modern.css")
"""Contrast fixes to Zensical's "modern" theme: the package's partial links it on that
theme's pages only."""
EXPLORER_SCRIPT = URI.format("srm-explorer.js")
"""The responsibility explorer: srm.js fetches it only on the service matrix's page; it
links its stylesheet, srm-explorer.css, itself."""


def published() -> dict[str, bytes]:
    """Site path -> minified content, for every file in the package's assets folder."""
    result: dict[str, bytes] = {}
    for path in sorted(FOLDER.iterdir()):
        if path.suffix == ".js":
            text = rjsmin.jsmin(path.read_text(encoding="utf-8"))
        elif path.suffix == ".css":
            text = rcssmin.cssmin(path.read_text(encoding="utf-8"))
        else:
            continue
        result[URI.format(path.name)] = text.encode("utf-8")
    return result
