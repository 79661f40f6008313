"""The match question type in a reader's hands, on the real site: by mouse, by keyboard
alone, by touch on a phone, without JavaScript, printed, and with axe in both colour
schemes; its answer is saved by id, counts in the quiz score and queues for review when
wrong; its items and choices show in an order of the reader's own until they try again."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Page, expect
from test_components import axe_violations

from conftest import PHONE, ROOT, Site, fresh_pages, ready_form
from srm_build.items.match import Match
from srm_build.pipeline import load_content

pytestmark = pytest.mark.browser

PAGE = "service-models/"
"""The chapter whose quiz holds the match question these tests answer."""
IDENT = "match-service-models"
KEY = ".srm-progress-v1"
QUEUE = ".srm-review-v1"
RANDOM = "Math.random = () => +(sessionStorage.getItem('random') || 0);"
"""Math.random as the test sets it in sessionStorage, so each load's shuffle is known."""


def _question() -> Match:
    content = load_content(ROOT / "content")
    found = content.by_id[IDENT]
    assert isinstance(found, Match)
    return found


QUESTION = _question()
ANSWERS = {i.id: i.answer for i in QUESTION.items}
TEXTS = {i.id: i.text for i in QUESTION.items}
CHOICES = {c.id: c.text for c in QUESTION.choices}
WRONG = {ident: next(c for c in CHOICES if c != right) for ident, right in ANSWERS.items()}


@pytest.fixture
def open_page(browser: Browser, real_site: Site):
    """Opens the match question's page in a fresh context (options such as a colour scheme,
    a phone, no JavaScript, an init script); every page must end without errors
    (`fresh_pages`)."""
    with fresh_pages(browser, real_site.url) as fresh:

        def make(init_script: str | None = None, path: str = PAGE, **options) -> Page:
            page = fresh(init_script, **options)
            page.goto(real_site.url + path)
            return page

        yield make


def _form(page: Page):
    return ready_form(page, f"form#srm-{IDENT}")


def _stored(page: Page, key: str = KEY) -> dict:
    return page.evaluate(
        "key => JSON.parse(localStorage.getItem(Object.keys(localStorage).find("
        "k => k.endsWith(key))) || '{}')",
        key,
    )


def _item_order(form) -> list[str]:
    return form.locator(".srm-match-item").evaluate_all("lis => lis.map(li => li.dataset.srmItem)")


def _choice_orders(form) -> list[list[str]]:
    return form.locator(".srm-match-item select").evaluate_all(
        "ss => ss.map(s => [...s.options].map(o => o.value).filter(Boolean))"
    )


def test_match_by_mouse(open_page) -> None:
    """Wrong pairs: each says so and names the right match, the form is marked wrong, the
    status announces the count, the quiz score counts it, the answer is stored by id and
    the question queued for review; Try again clears it; right pairs mark it right."""
    page = open_page()
    form = _form(page)
    form.get_by_role("button", name="Check").click()
    expect(form.get_by_role("status")).to_have_text(
        f"Choose a match for every item, then check. {len(ANSWERS)} left."
    )
    for ident, text in TEXTS.items():
        form.get_by_label(text, exact=True).select_option(WRONG[ident])
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", "wrong")
    expect(form.get_by_role("status")).to_have_text(f"0 of {len(ANSWERS)} matched correctly.")
    for ident, right in ANSWERS.items():
        row = form.locator(f'.srm-match-item[data-srm-item="{ident}"]')
        expect(row).to_have_class("srm-match-item srm-wrong")
        expect(row.locator(".srm-feedback strong")).to_have_text(
            f"Incorrect: the match is {CHOICES[right]}."
        )
    for select in form.locator("select").all():
        expect(select).to_be_disabled()
    quiz = page.locator("[data-srm-component=quiz]").filter(has=form)
    expect(quiz.locator(".srm-score")).to_contain_text("correct, 1 answered.")
    # The page's progress counts it by its id, done once checked.
    total = page.locator("form.srm-question").count()
    expect(page.locator(".srm-progress-text")).to_have_text(
        f"Progress on this page: 1 of {total} questions done."
    )
    assert _stored(page)[IDENT]["matched"] == WRONG
    # Queued for review, tagged with the question's misconception.
    assert _stored(page, QUEUE)[IDENT]["box"] == 1
    assert _stored(page, QUEUE)[IDENT]["miss"] == [QUESTION.misconception]
    form.get_by_role("button", name="Try again").click()
    expect(form).not_to_have_attribute("data-srm-result", "wrong")
    expect(form.locator(".srm-feedback")).to_have_count(0)
    expect(form.locator("select").first).to_be_focused()
    assert "matched" not in _stored(page).get(IDENT, {})
    for ident, text in TEXTS.items():
        form.get_by_label(text, exact=True).select_option(ANSWERS[ident])
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", "right")
    expect(form.get_by_role("status")).to_have_text(
        f"{len(ANSWERS)} of {len(ANSWERS)} matched correctly."
    )
    expect(form.locator(".srm-feedback.srm-right")).to_have_count(len(ANSWERS))
    # What is stored is shown again after a reload, checked.
    page.reload()
    form = _form(page)
    expect(form).to_have_attribute("data-srm-result", "right")
    for ident, text in TEXTS.items():
        expect(form.get_by_label(text, exact=True)).to_have_value(ANSWERS[ident])
    # The home page's progress counts it in its chapter, as this page does.
    done = page.locator(".srm-progress-text").inner_text().split(": ")[1].split(" of ")[0]
    page.goto(page.url.rsplit(PAGE, 1)[0])
    chapter = page.get_by_role("region", name="Your progress").locator("li")
    expect(chapter.filter(has_text="service models")).to_contain_text(f": {done} of ")


def test_match_by_keyboard_alone(open_page) -> None:
    """Tab reaches each item's list in turn; typing a choice's first letters picks it; Tab
    reaches Check and Enter presses it; the result is announced in the status region."""
    page = open_page()
    form = _form(page)
    form.locator("select").first.focus()
    for _ in range(len(ANSWERS)):
        select = page.locator(":focus")
        ident = select.evaluate("s => s.closest('.srm-match-item').dataset.srmItem")
        page.keyboard.type(CHOICES[ANSWERS[ident]][:8])
        expect(select).to_have_value(ANSWERS[ident])
        page.keyboard.press("Tab")
    expect(form.get_by_role("button", name="Check")).to_be_focused()
    page.keyboard.press("Enter")
    expect(form.get_by_role("status")).to_have_text(
        f"{len(ANSWERS)} of {len(ANSWERS)} matched correctly."
    )
    expect(form).to_have_attribute("data-srm-result", "right")
    # The status region is what a screen reader announces.
    assert form.locator("[role=status]").count() == 1


def test_match_by_touch_on_a_phone(open_page) -> None:
    """On a phone: every list and button is a target of 24 px at least (WCAG 2.5.8), the
    form fits the screen, and tapping Check grades it."""
    page = open_page(**PHONE)
    form = _form(page)
    for ident, text in TEXTS.items():
        select = form.get_by_label(text, exact=True)
        box = select.bounding_box()
        assert box and box["width"] >= 24 and box["height"] >= 24, (ident, box)
        select.select_option(ANSWERS[ident])
    check = form.get_by_role("button", name="Check")
    check.scroll_into_view_if_needed()
    box = check.bounding_box()
    assert box and box["height"] >= 24
    assert form.evaluate("f => f.scrollWidth <= f.clientWidth")
    check.tap()
    expect(form).to_have_attribute("data-srm-result", "right")


def test_match_without_javascript(open_page) -> None:
    """Native lists work, the script's controls stay hidden, and the answer is readable in
    the key's <details>."""
    page = open_page(java_script_enabled=False)
    form = page.locator(f"form#srm-{IDENT}")
    expect(form.get_by_role("button", name="Check")).to_be_hidden()
    ident, text = next(iter(TEXTS.items()))
    select = form.get_by_label(text, exact=True)
    expect(select).to_be_enabled()
    select.select_option(ANSWERS[ident])
    expect(select).to_have_value(ANSWERS[ident])
    # Written order without the script.
    assert _item_order(form) == list(TEXTS)
    key = form.locator("details.srm-key")
    expect(key.locator(".srm-key-items")).to_be_hidden()
    key.locator("summary").click()
    for ident, right in ANSWERS.items():
        entry = key.locator(f'[data-srm-item="{ident}"]')
        expect(entry).to_be_visible()
        expect(entry.locator(".srm-mark")).to_have_text(CHOICES[right])


def test_match_prints_as_a_worksheet_with_its_key(open_page) -> None:
    """Printed: the items, a blank to write in for each (a clean worksheet, whatever the
    reader chose), the list of choices, and the key's right pairs; no buttons, status,
    feedback or explanations."""
    page = open_page()
    form = _form(page)
    first, text = next(iter(TEXTS.items()))
    form.get_by_label(text, exact=True).select_option(ANSWERS[first])
    page.emulate_media(media="print")
    expect(form.locator(".srm-actions")).to_be_hidden()
    expect(form.locator(".srm-match-choices")).to_be_visible()
    for choice in CHOICES.values():
        expect(form.locator(".srm-match-choices")).to_contain_text(choice)
    colours = {
        ident: form.get_by_label(text, exact=True).evaluate("s => getComputedStyle(s).color")
        for ident, text in TEXTS.items()
    }
    assert set(colours.values()) == {"rgba(0, 0, 0, 0)"}  # each prints blank, picked or not
    for ident in ANSWERS:
        expect(form.locator(f'.srm-key-items [data-srm-item="{ident}"]')).to_be_visible()
    expect(form.locator(".srm-key summary")).to_be_hidden()
    expect(form.locator(".srm-key .srm-feedback-text").first).to_be_hidden()
    page.emulate_media(media="screen")
    expect(form.locator(".srm-match-choices")).to_be_hidden()


def test_match_quiz_page_prints_the_answer_key_at_its_end(open_page) -> None:
    page = open_page(path="data/quizzes/service-models/")
    form = _form(page)
    page.emulate_media(media="print")
    expect(form.locator(".srm-key")).to_be_hidden()
    key = page.locator("section.srm-answer-key")
    expect(key).to_be_visible()
    for ident, right in ANSWERS.items():
        expect(key).to_contain_text(f"{TEXTS[ident]} \u2192 {CHOICES[right]}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_match_passes_axe_checked_and_unchecked(open_page, scheme: str) -> None:
    page = open_page(color_scheme=scheme)
    form = _form(page)
    page.add_style_tag(content="*, ::before, ::after { transition: none !important; }")
    assert axe_violations(page) == []
    for ident, text in TEXTS.items():
        form.get_by_label(text, exact=True).select_option(WRONG[ident])
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", "wrong")
    form.locator("details.srm-key summary").click()
    assert axe_violations(page) == []


def _shuffled(ids: list[str], random: float) -> list[str]:
    """srm.js's Fisher-Yates shuffle with Math.random fixed at `random`."""
    ids = list(ids)
    for i in range(len(ids) - 1, 0, -1):
        j = int(random * (i + 1))
        ids[i], ids[j] = ids[j], ids[i]
    return ids


def test_match_order_is_the_reader_s_own_until_they_try_again(open_page) -> None:
    page = open_page(init_script=RANDOM)
    form = _form(page)
    items = _shuffled(list(TEXTS), 0)
    choices = _shuffled(sorted(CHOICES), 0)
    assert items != list(TEXTS)
    assert _item_order(form) == items
    assert _choice_orders(form) == [choices] * len(TEXTS)
    assert _stored(page)[IDENT]["order"] == {"items": items, "choices": choices}
    # A reload, whose shuffle would be another, shows the stored order.
    page.evaluate("sessionStorage.setItem('random', '0.99')")
    page.reload()
    form = _form(page)
    assert _item_order(form) == items
    for ident, text in TEXTS.items():
        form.get_by_label(text, exact=True).select_option(ANSWERS[ident])
    form.get_by_role("button", name="Check").click()
    form.get_by_role("button", name="Try again").click()
    assert _item_order(form) == _shuffled(items, 0.99)
    expect(form.locator("select").first).to_be_focused()


# ---------------------------------------------------------------- exam, review, navigation


def _only_match_in_the_bank(page: Page) -> None:
    """Serves the study bank with the match question as its only question, so the exam
    draws it."""

    def route(request_route) -> None:
        response = request_route.fetch()
        head, _, data = response.text().partition("]=")
        bank = json.loads(data.rstrip().removesuffix(";"))
        topic = next(i for i, t in enumerate(bank["topics"]) if IDENT in t["ids"])
        bank["topics"] = [{**bank["topics"][topic], "ids": [IDENT]}]
        bank["items"] = {IDENT: [0, *bank["items"][IDENT][1:]]}
        request_route.fulfill(response=response, body=f"{head}]={json.dumps(bank)};")

    page.route("**/*.srm-bank.js", route)


def test_match_in_the_practice_exam_and_the_review_queue(open_page, real_site: Site) -> None:
    """The exam draws the match question, keeps its answer through a reload, grades it at
    hand-in, shows its key, and queues it wrong with its misconception; the review page
    then brings it back, answered by the match kind, and groups it under its misconception."""
    page = open_page(path="exam/")
    _only_match_in_the_bank(page)
    page.reload()
    page.get_by_label("10", exact=True).check()
    page.get_by_role("button", name="Start the exam").click()
    run = page.locator(".srm-exam-run")
    form = run.locator(f'form[data-srm-id="{IDENT}"]')
    expect(form).to_have_count(1)
    expect(run.locator(".srm-exam-sheet button")).to_have_text("Question 1: not answered")
    for ident, text in TEXTS.items():
        form.get_by_label(text, exact=True).select_option(WRONG[ident])
    expect(run.locator(".srm-exam-sheet button")).to_have_text("Question 1: answered")
    page.get_by_role("button", name="Hand in").click()
    result = page.locator(".srm-exam-result")
    expect(result.locator(".srm-title")).to_have_text("Your result: 0 of 1 (0%)")
    expect(form).to_have_attribute("data-srm-result", "wrong")
    expect(form.locator(".srm-key")).to_be_visible()
    expect(form.locator(".srm-feedback.srm-wrong")).to_have_count(len(ANSWERS))
    queued = _stored(page, QUEUE)[IDENT]
    assert queued["box"] == 1 and queued["miss"] == [QUESTION.misconception]

    page.goto(real_site.url + "review/")
    review = page.locator("[data-srm-component=review]")
    copy = review.locator(f'form[data-srm-id="{IDENT}"]')
    expect(copy).to_have_attribute("data-srm-ready", "")
    expect(review.locator(".srm-review-beliefs")).to_contain_text(
        "The split is the same for every service: 1 question in your queue"
    )
    for ident, text in TEXTS.items():
        copy.get_by_label(text, exact=True).select_option(ANSWERS[ident])
    copy.get_by_role("button", name="Check").click()
    expect(copy).to_have_attribute("data-srm-result", "right")
    expect(copy.get_by_role("status")).to_have_text(
        f"{len(ANSWERS)} of {len(ANSWERS)} matched correctly."
    )
    # Answered wrong today, so a right answer now does not move it on (srm.js, review).
    assert _stored(page, QUEUE)[IDENT] == queued


def test_match_copies_in_the_exam_and_the_review_are_arranged_by_the_match_kind(
    open_page, real_site: Site
) -> None:
    """The exam's and the review's copies of the question keep its component, so the match
    kind's own `arrange` shows their items and choices in an order of their own, as on the
    question's page (Math.random fixed: the same order as there); without the component the
    shared code found no kind and left them in the written order."""
    items = _shuffled(list(TEXTS), 0)
    choices = _shuffled(sorted(CHOICES), 0)
    assert items != list(TEXTS)
    page = open_page(init_script=RANDOM, path="exam/")
    _only_match_in_the_bank(page)
    page.reload()
    page.get_by_label("10", exact=True).check()
    page.get_by_role("button", name="Start the exam").click()
    form = page.locator(f'.srm-exam-run form[data-srm-id="{IDENT}"]')
    expect(form).to_have_count(1)
    assert _item_order(form) == items
    assert _choice_orders(form) == [choices] * len(TEXTS)
    expect(form).to_have_attribute("data-srm-component", "match")
    for ident, text in TEXTS.items():
        form.get_by_label(text, exact=True).select_option(WRONG[ident])
    page.get_by_role("button", name="Hand in").click()
    expect(form).to_have_attribute("data-srm-result", "wrong")

    page.goto(real_site.url + "review/")
    copy = page.locator(f'[data-srm-component=review] form[data-srm-id="{IDENT}"]')
    expect(copy).to_have_attribute("data-srm-ready", "")
    assert _item_order(copy) == items
    assert _choice_orders(copy) == [choices] * len(TEXTS)


def test_match_mounts_and_is_styled_after_instant_navigation(open_page) -> None:
    """Reached by the theme's instant navigation from a page without a match question (whose
    head lacks its stylesheet), the question mounts and links its stylesheet itself."""
    page = open_page(path="idea/")
    expect(page.locator("link[data-srm-match]")).to_have_count(0)
    page.evaluate("window.srmSameDocument = true")
    page.locator("nav.md-nav a[href$='service-models/']").first.click()
    form = _form(page)
    expect(page.locator("link[data-srm-match]")).to_have_count(1)
    row = form.locator(".srm-match-item").first
    expect(row).to_have_css("display", "flex")
    # Still the same document: the theme swapped the page in.
    assert page.evaluate("window.srmSameDocument") is True
    assert page.evaluate("location.pathname").endswith("/service-models/")


@pytest.mark.parametrize(
    "stored",
    [
        {"matched": ["iaas"], "order": 5},
        {"matched": {"ec2": "nope"}, "order": {"items": ["x"], "choices": []}},
        {"matched": {"ec2": 1}},
        {"matched": None, "order": {"items": None}},
    ],
)
def test_match_never_trusts_what_is_stored(open_page, real_site: Site, stored: dict) -> None:
    """Stored progress that is not an answer this question can take is dropped: the form
    shows unanswered, in an order of its own, with no error."""
    value = json.dumps(json.dumps({IDENT: stored}))
    page = open_page(init_script=f"localStorage.setItem('/.srm-progress-v1', {value})")
    form = _form(page)
    expect(form).not_to_have_attribute("data-srm-result", "right")
    expect(form).not_to_have_attribute("data-srm-result", "wrong")
    for text in TEXTS.values():
        expect(form.get_by_label(text, exact=True)).to_have_value("")
    assert sorted(_item_order(form)) == sorted(TEXTS)
    # What was stored was read, and replaced by the order shown, with no answer.
    kept = page.evaluate("JSON.parse(localStorage.getItem('/.srm-progress-v1'))")[IDENT]
    assert kept == {"order": {"items": _item_order(form), "choices": kept["order"]["choices"]}}
    assert sorted(kept["order"]["choices"]) == sorted(CHOICES)
