"""The site works when served under a sub-path, as GitHub Pages serves a project site."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from conftest import FIXTURE_SITE, Site, served_build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("pages")
    with served_build(FIXTURE_SITE / "mkdocs.yml", root, prefix="srm/") as site:
        yield site


def test_assets_and_links_resolve_under_a_prefix(page: Page, subpath_site: Site) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(subpath_site.url)
    # The project's stylesheet applied and its script mounted the embedded quiz.
    form = page.locator("form#srm-ec2-patching")
    expect(form.locator(".srm-actions")).to_be_visible()
    form.get_by_label("Patching the OS on the instances").check()
    form.get_by_role("button", name="Check").click()
    expect(form.get_by_role("status")).to_have_text("Correct.")
    # Links between pages stay under the prefix.
    page.locator("article").get_by_role("link", name="glossary").click()
    expect(page.locator("#srm-region")).to_be_visible()
    expect(page).to_have_url(subpath_site.url + "glossary/")
    page.goto(subpath_site.url + "quizzes/basics/")
    term = page.locator("form#srm-ec2-patching .srm-terms a")
    assert term.get_attribute("href") is not None
    assert failed == []
