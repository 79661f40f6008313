"""Every page of the real site, in both colour schemes and on each theme: no WCAG 2.1 AA
violation (axe-core), no console or page error."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser
from test_components import axe_violations

from conftest import SELECTED_ENGINES, Site

THEMED = [engine for engine in SELECTED_ENGINES if engine != "properdocs"]
"""The engines whose pages differ in look: MkDocs with Material, and Zensical with its own
"modern" theme. ProperDocs renders with the same Material templates and stylesheets as
MkDocs (test_engines.py checks that its pages link the same stylesheets), so its colours
are MkDocs'."""

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("engine", THEMED, indirect=True)
def test_every_page_passes_axe_without_errors(
    browser: Browser, engine_real_site: Site, scheme: str
):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    found: dict[str, list[str]] = {}
    site = engine_real_site
    for path in site.pages():
        if path == "404.html":
            continue
        page.goto(site.url + path.removesuffix("index.html"))
        page.add_style_tag(content="*, ::before, ::after { transition: none !important; }")
        if violations := axe_violations(page):
            found[path] = violations
    context.close()
    assert found == {}
    assert errors == []
