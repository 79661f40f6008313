"""The site's navigation, as written in the engine's configuration file (`nav:` in
mkdocs.yml), checked against the pages the content makes.

A strict build fails on a page left out of the navigation and on a navigation entry that
names no page, but only after it has written the site; the check finds both first. The
file is composed, not loaded: YAML nodes keep their places, and the engine's own tags
(`!ENV`) need no constructor.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import Problem
from .models import Content, page_path

_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it: the same nodes and marks, some 15 times faster
than the pure-Python one on mkdocs.yml (milliseconds of every `check`)."""


def nav_order(nav: object) -> list[str]:
    """The page paths a navigation names, in order: the `nav` setting of mkdocs.yml as
    written, or as an engine holds it (Zensical's entries carry the page as `url`, beside
    titles and children). A page is a string that ends in `.md` and is no web address."""
    if isinstance(nav, str):
        return [nav.lstrip("/")] if nav.endswith(".md") and "://" not in nav else []
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in nav_order(value)]
    if isinstance(nav, list):
        return [path for entry in nav for path in nav_order(entry)]
    return []


NavEntry = tuple[str, int, int]
"""A page the navigation names, with the 1-based line and column where it is named."""


def read_config(config_file: Path) -> tuple[str | None, list[NavEntry] | None, bool]:
    """The `docs_dir`, the pages `nav` names (None without a `nav`), and whether
    `not_in_nav` lists pages that may stay out of it. Unreadable files give (None, None,
    False): the engine reports those itself."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_COMPOSER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None, None, False
    if not isinstance(root, yaml.MappingNode):
        return None, None, False
    docs_dir, nav, not_in_nav = "docs", None, False
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        if key.value == "docs_dir" and isinstance(value, yaml.ScalarNode):
            docs_dir = value.value
        elif key.value == "nav":
            nav = list(_pages(value))
        elif key.value == "not_in_nav":
            not_in_nav = True
    return docs_dir, nav, not_in_nav


def _pages(node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        value = node.value
        if value.endswith(".md") and "://" not in value:
            yield value.lstrip("/"), node.start_mark.line + 1, node.start_mark.column + 1
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _pages(child)
    elif isinstance(node, yaml.MappingNode):
        for _key, child in node.value:
            yield from _pages(child)


def nav_problems(
    content: Content, nav: list[NavEntry], config_shown: str, *, not_in_nav: bool = False
) -> list[Problem]:
    """Pages missing from `nav` (unless `not_in_nav` may list them), and `nav` entries
    that name no page. A page is blamed at its first line, a YAML file's page at the file."""
    problems: list[Problem] = []
    pages = {src: page.path for src, page in content.pages.items()}
    for yaml_path, file in content.files.items():
        pages[page_path(yaml_path)] = file.where.doc.path
    named = {entry for entry, _line, _col in nav}
    for entry, line, col in nav:
        if entry not in pages:
            problems.append(
                Problem(config_shown, line, col, f"nav names '{entry}', which no content makes")
            )
    if not not_in_nav:
        for src, shown in sorted(pages.items()):
            if src not in named:
                problems.append(
                    Problem(
                        shown,
                        1,
                        1,
                        f"the page {src} is not in the nav of {config_shown}; add it there "
                        f"(the strict build fails on a page left out)",
                    )
                )
    return problems
