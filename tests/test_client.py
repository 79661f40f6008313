"""What the components do in a reader's hands, beyond answering: they say when they are
ready, shuffle options per reader, show what is stored (other tabs, the back/forward cache,
two sites on one origin), sort on phones, print what the reader placed, and follow the
text direction."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

QUIZ = "quizzes/basics/"


# ---------------------------------------------------------------- readiness


def test_every_component_says_when_it_is_ready(reader: Page, fixture_url: str) -> None:
    reader.goto(fixture_url + QUIZ)
    expect(reader.locator("#srm-deck-basics")).to_have_attribute("data-srm-ready", "")
    expect(reader.locator("[data-srm-component]:not([data-srm-ready])")).to_have_count(0)
    assert reader.locator("[data-srm-ready]").count() == 6  # a quiz, its five questions


def test_controls_stay_hidden_until_the_script_has_mounted(page: Page, fixture_url: str) -> None:
    """A reader cannot press Check, or a flashcard button, before anything answers it."""
    page.route("**/assets/srm/srm.js", lambda route: route.abort())
    page.goto(fixture_url + QUIZ)
    expect(page.locator("form#srm-ec2-patching .srm-option").first).to_be_visible()
    for name in ("Check", "Try again", "I knew it", "Show again later"):
        controls = page.locator("article button", has_text=name)
        assert controls.count() > 0, name
        for control in controls.all():
            expect(control).to_be_hidden()
    expect(page.locator("[data-srm-ready]")).to_have_count(0)
