"""What the components do in a reader's hands, beyond answering: they say when they are
ready, shuffle options per reader, show what is stored (other tabs, the back/forward cache,
two sites on one origin), sort on phones, print what the reader placed, and follow the
text direction."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

QUIZ = "quizzes/basics/"
KEY = "srm-progress-v1"


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


# ---------------------------------------------------------------- shuffled options

# Math.random as the test sets it in sessionStorage, so each load's shuffle is known.
RANDOM = "Math.random = () => +(sessionStorage.getItem('random') || 0);"
NETWORK = "network/"


def options(page: Page, ident: str, scope: str = "") -> list[str]:
    form = page.locator(f'{scope} form[data-srm-id="{ident}"]'.strip())
    if not scope:
        expect(form).to_have_attribute("data-srm-ready", "")
    return form.locator(".srm-option").evaluate_all("lis => lis.map(li => li.dataset.srmOption)")


def stored(page: Page) -> dict:
    return page.evaluate(f"JSON.parse(localStorage.getItem({KEY!r}) || '{{}}')")


def test_options_show_in_a_reader_s_own_order_until_they_try_again(
    new_reader, fixture_url: str
) -> None:
    page = new_reader(init_script=RANDOM)
    page.goto(fixture_url + NETWORK)
    # Written a, b; with this random number, the shuffle swaps them.
    assert options(page, "who-writes-sg") == ["b", "a"]
    assert stored(page)["who-writes-sg"] == {"order": ["b", "a"]}
    # Stable: a reload, whose shuffle would keep the written order, shows the stored one.
    page.evaluate("sessionStorage.setItem('random', '0.99')")
    page.reload()
    assert options(page, "who-writes-sg") == ["b", "a"]
    form = page.locator('form[data-srm-id="who-writes-sg"]')
    form.get_by_label("The customer").check()
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", "right")
    assert stored(page)["who-writes-sg"] == {"picked": ["a"], "order": ["b", "a"]}
    page.reload()
    expect(form).to_have_attribute("data-srm-result", "right")
    assert options(page, "who-writes-sg") == ["b", "a"]
    # Trying again shuffles anew (the shuffle starts from the order shown).
    page.evaluate("sessionStorage.setItem('random', '0')")
    form.get_by_role("button", name="Try again").click()
    assert options(page, "who-writes-sg") == ["a", "b"]
    assert stored(page)["who-writes-sg"] == {"order": ["a", "b"]}
    expect(form.locator("input").first).to_be_focused()


def test_a_question_can_keep_its_written_order(new_reader, fixture_url: str) -> None:
    page = new_reader(init_script=RANDOM)
    page.goto(fixture_url + QUIZ)
    assert options(page, "ec2-patching") == ["a", "b", "c"]  # shuffle: false
    assert options(page, "aws-does-all") == ["true", "false"]  # true/false never shuffles
    assert stored(page) == {}


def test_the_exam_shuffles_options_too(new_reader, fixture_url: str) -> None:
    page = new_reader(init_script=RANDOM)
    page.goto(fixture_url + "exam/")
    page.get_by_label("6", exact=True).check()
    page.get_by_role("button", name="Start the exam").click()
    expect(page.locator(".srm-exam-run .srm-question-slot")).to_have_count(6)
    assert options(page, "who-writes-sg", ".srm-exam-run") == ["b", "a"]
    assert options(page, "ec2-patching", ".srm-exam-run") == ["a", "b", "c"]
