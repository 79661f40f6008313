"""Shortcuts taken for speed (issue #18) give the answers of the plain way they replace."""

from __future__ import annotations

import pytest

from conftest import FIXTURE_SITE, Site
from srm_build import assets

PAGES = [
    '<form class="srm" data-srm-component="choice" data-srm-id="q1">',
    "<form data-srm-component='choice'>",
    "<form data-srm-component=choice>",
    "<form data-srm-component=choice/>",
    '<form\tdata-srm-component="choice"\n>',
    '<form data-srm-component="choice-x">',  # another value
    '<form xdata-srm-component="choice">',  # a longer attribute name
    '<p>write data-srm-component="choice" on the form</p>',  # text, not a tag
    '<code>&lt;form data-srm-component="choice"&gt;</code>',  # escaped, in code
    '<a title="see data-srm-tip" href="#">t</a>',  # in a value in a tag: the pattern finds it
    '<abbr data-srm-tip="kms" title="x">KMS</abbr>',
    "<abbr data-srm-tip>KMS</abbr>",
    "<abbr data-srm-tip-x>KMS</abbr>",
    "<abbr data-srm-tip",  # the page ends: no end of the attribute
    '<section data-srm-component="quiz"><form data-srm-component="sort">',
]


@pytest.mark.parametrize("html", PAGES)
def test_components_are_found_as_their_patterns_find_them(html: str) -> None:
    # `assets._finds` replaces a regex search per component and page (a quarter of a
    # large build); it must agree with that search on every selector, both ways.
    for component in assets.COMPONENTS.values():
        if component.selector:
            expected = bool(assets._pattern(component.selector).search(html))
            assert assets._finds(html, component.selector) == expected, component.selector


def test_components_found_in_the_real_pages(real_site: Site) -> None:
    pages = [(real_site.root / p).read_text(encoding="utf-8") for p in real_site.pages()]
    found = 0
    for html in pages:
        for component in assets.COMPONENTS.values():
            if component.selector:
                expected = bool(assets._pattern(component.selector).search(html))
                assert assets._finds(html, component.selector) == expected
                found += expected
    assert found  # the site's pages use components


def _quiz_page(content) -> str:
    from srm_build.pages import SitePages
    from srm_build.render import Renderer

    stashed: list[str] = []
    pages = SitePages(content, Renderer(content))
    path = next(p for p in content.files if p.startswith("quizzes/"))
    pages.file_markdown(path, lambda html: stashed.append(html) or f"stash{len(stashed)}")
    return "".join(stashed)


def test_a_second_renderer_in_the_process_compiles_no_template(monkeypatch) -> None:
    # `mkdocs serve` makes a Renderer per rebuild: the templates the first one compiled are
    # loaded, not compiled again (render._BYTECODE, in memory only), and render the same.
    from jinja2 import Environment

    from srm_build.pipeline import load_content

    content = load_content(FIXTURE_SITE / "content")
    first = _quiz_page(content)
    compiled: list[str] = []
    original = Environment.compile

    def compile(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(str(name))
        return original(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", compile)
    assert _quiz_page(content) == first
    assert compiled == []
