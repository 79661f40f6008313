"""What every question type owes a reader, held for the newest (`order`, `match`,
`fill-in`, `pick-layer`) on the real site: no page scrolls sideways on a phone (WCAG 1.4.10), every
control is a target of 24 px (44 on touch, WCAG 2.5.8), pages print as clean worksheets,
no copy of a question submits natively, the practice exam announces moves and marks a
partly answered question with its key, and a reload shows a checked question's result line
again.

The per-type tests are in tests/test_order.py, test_match.py, test_match_browser.py,
test_fillin.py and test_picklayer.py; these hold the behaviours all types share."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from conftest import ROOT, Site, watch
from srm_build.models import Quiz
from srm_build.pipeline import load_content

pytestmark = pytest.mark.browser

KINDS = ("order", "match", "fillin", "picklayer")
"""The question types these tests cover, by component name."""
PAGE = "service-models/"
"""A chapter with a question of each of these types."""
ATTEMPTS = "/.srm-attempt-v1"
NARROW = {"width": 320, "height": 740}
TOUCH = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture
def reader(browser: Browser, real_site: Site) -> Iterator:
    """Pages in fresh contexts, each failing the test on a console or page error."""
    made = []

    def make(**options) -> Page:
        context = browser.new_context(**options)
        page = context.new_page()
        made.append((context, watch(page, real_site.url)))
        return page

    yield make
    for context, problems in made:
        context.close()
        assert problems == []


def ready(page: Page) -> None:
    """Waits until every question form of the page is mounted."""
    expect(page.locator("form.srm-question").first).to_be_attached()
    expect(page.locator("form.srm-question:not([data-srm-ready])")).to_have_count(0)


def pages_with_questions(site: Site) -> list[str]:
    return [
        path.removesuffix("index.html")
        for path in site.pages()
        if site.soup(path).select_one("form.srm-question")
    ]


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "touch"])
def test_no_page_with_questions_scrolls_sideways_at_320_px(
    reader, real_site: Site, touch: bool
) -> None:
    """WCAG 1.4.10 (reflow): at 320 CSS px, every page that holds a question is no wider
    than the screen, by mouse and on a touch screen (whose move buttons are wider)."""
    page = reader(viewport=NARROW, **(TOUCH if touch else {}))
    paths = pages_with_questions(real_site)
    kinds = set()
    wide = {}
    for path in paths:
        page.goto(real_site.url + path)
        ready(page)
        kinds |= set(
            page.eval_on_selector_all(
                "form.srm-question", "fs => fs.map(f => f.dataset.srmComponent)"
            )
        )
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > NARROW["width"]:
            wide[path] = width
    assert set(KINDS) <= kinds  # every type was on a page measured
    assert len(paths) >= 10
    assert wide == {}


def too_small(page: Page, least: int) -> list[str]:
    """The visible form controls of these types smaller than `least` px either way."""
    found = []
    for kind in KINDS:
        for form in page.locator(f"form[data-srm-component={kind}]").all():
            form.scroll_into_view_if_needed()
            for control in form.locator("select, input, button").all():
                if not control.is_visible():
                    continue
                box = control.bounding_box()
                assert box
                if box["width"] < least or box["height"] < least:
                    name = control.get_attribute("id") or control.inner_text()
                    found.append(f"{kind}: {name}: {box['width']:.0f}x{box['height']:.0f}")
    return found


@pytest.mark.parametrize(("touch", "least"), [(False, 24), (True, 44)], ids=["mouse", "touch"])
def test_every_control_of_a_question_is_a_large_enough_target(
    reader, real_site: Site, touch: bool, least: int
) -> None:
    """WCAG 2.5.8 asks 24 by 24 CSS px; on touch screens the site's controls are 44 px, as
    the platforms advise for a finger."""
    page = reader(viewport={"width": 390, "height": 800}, **(TOUCH if touch else {}))
    page.goto(real_site.url + PAGE)
    ready(page)
    assert too_small(page, least) == []


def test_questions_print_as_clean_worksheets_whatever_the_reader_did(
    reader, real_site: Site
) -> None:
    """Printed, each list and text box is a blank line (neither its "Choose ..." prompt nor
    the reader's answer), each layer of a stack an empty circle (not the reader's pick), no
    verdict prints, and the answer key is complete."""
    page = reader()
    page.goto(real_site.url + PAGE)
    ready(page)
    for kind in KINDS:
        form = page.locator(f"form[data-srm-component={kind}]").first
        for select in form.locator("select").all():
            select.select_option(index=1)
        for box in form.locator("input[type=text]").all():
            box.fill("an answer")
        radios = form.locator("input[type=radio]")
        if radios.count():
            radios.first.check()
    checked = page.locator("form[data-srm-component=match]").first
    checked.get_by_role("button", name="Check").click()
    expect(checked).to_have_attribute("data-srm-result", re.compile("."))
    page.emulate_media(media="print")
    for kind in KINDS:
        form = page.locator(f"form[data-srm-component={kind}]").first
        controls = form.locator(
            ".srm-fillin-text .srm-gap, .srm-order-item select, .srm-match-item select,"
            " .srm-picklayer-stack input"
        )
        assert controls.count()
        colours = controls.evaluate_all("cs => cs.map(c => getComputedStyle(c).color)")
        looks = controls.evaluate_all("cs => cs.map(c => getComputedStyle(c).appearance)")
        assert set(colours) == {"rgba(0, 0, 0, 0)"}, kind
        assert set(looks) == {"none"}, kind
        expect(form.locator(".srm-feedback:visible")).to_have_count(0)
        items = form.locator(
            ".srm-key-items > li, .srm-key-gaps > li, .srm-key-options > li[data-srm-correct=true]"
        )
        assert items.count()
        for item in items.all():
            expect(item).to_be_visible()


def test_the_order_key_counts_positions(reader, real_site: Site) -> None:
    """The key numbers the order 1, 2, 3, as the lists name positions, on screen and in
    print (inside a quiz's numbered list, the theme would letter it)."""
    page = reader()
    page.goto(real_site.url + PAGE)
    form = page.locator("form[data-srm-component=order]").first
    form.locator(".srm-key summary").click()
    styles = form.locator(".srm-key-items").evaluate("ol => getComputedStyle(ol).listStyleType")
    assert styles == "decimal"


def exam_with(page: Page, site: Site, picked: dict) -> Locator:
    """The exam page with a saved attempt of the questions in `picked` (id: answer),
    resumed; returns the running exam."""
    page.goto(site.url + "exam/")
    key = page.locator("[data-srm-component=exam]").get_attribute("data-srm-id")
    attempt = {"id": 1, "ids": list(picked), "flags": [], "picked": picked}
    value = json.dumps(json.dumps({key: attempt}))
    page.evaluate(f"localStorage.setItem({ATTEMPTS!r}, {value})")
    page.reload()
    page.locator(".srm-exam-resume").click()
    run = page.locator(".srm-exam-run")
    expect(run.locator(".srm-question-slot")).to_have_count(len(picked))
    return run


def test_enter_in_an_exam_gap_does_not_submit_the_page(reader, real_site: Site) -> None:
    """The exam's copy of a question has no Check button; Enter in its one text box would
    submit it natively (the answer in the address, the exam closed). srm.js keeps every
    question form from that."""
    page = reader()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.dismiss()))
    run = exam_with(page, real_site, {"fill-root-mfa": [""]})
    page.evaluate("window.srmSamePage = true")
    box = run.locator("form[data-srm-id=fill-root-mfa] input[type=text]")
    box.fill("MFA")
    box.press("Enter")
    expect(page.locator(".srm-exam-goto").first).to_have_text("Question 1: answered")
    box.press("Enter")
    assert page.evaluate("window.srmSamePage") is True
    assert "?" not in page.url and dialogs == []
    expect(run.locator(".srm-exam-done")).to_be_visible()


def test_exam_copies_announce_an_order_move(reader, real_site: Site) -> None:
    page = reader()
    run = exam_with(page, real_site, {"order-older-categories": []})
    form = run.locator("form[data-srm-id=order-older-categories]")
    item = form.locator(".srm-order-item").nth(1)
    item.get_by_role("button", name=re.compile("^Up:")).click()
    expect(form.get_by_role("status")).to_have_text(re.compile(r": position 1 of 3\.$"))


MATCH_NONE = {
    item.id: ""
    for item in next(
        q
        for quiz in load_content(ROOT / "content").of_type(Quiz)
        for q in quiz.questions
        if q.id == "match-service-models"
    ).items
}


def test_a_partly_answered_exam_question_shows_its_key(reader, real_site: Site) -> None:
    """Marked, a question answered in part (some pairs, one gap of two) is wrong and says
    so: each part with its verdict, its answer key open, as one not answered at all shows
    its own."""
    page = reader()
    run = exam_with(
        page, real_site, {"match-service-models": MATCH_NONE, "fill-of-and-in": ["", ""]}
    )
    match = run.locator("form[data-srm-id=match-service-models]")
    match.locator(".srm-match-item select").first.select_option(index=1)
    fill = run.locator("form[data-srm-id=fill-of-and-in]")
    fill.locator(".srm-gap").first.select_option(index=1)
    expect(page.locator(".srm-exam-goto")).to_have_text(
        ["Question 1: answered", "Question 2: answered"]
    )
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Hand in").click()
    expect(page.locator(".srm-exam-result .srm-title")).to_have_text(
        re.compile("^Your result: 0 of 2")
    )
    # Each part has its verdict, the parts not answered too.
    expect(match.locator(".srm-feedback")).to_have_count(len(MATCH_NONE))
    expect(match.locator(".srm-feedback").last).to_contain_text("Not answered: the match is")
    expect(fill.locator(".srm-feedback")).to_have_count(2)
    expect(fill.locator(".srm-feedback").last).to_contain_text(
        "Gap 2: Not answered: the answer is in."
    )
    for form in (match, fill):
        expect(form).to_have_attribute("data-srm-result", "wrong")
        expect(form.locator(".srm-exam-missed")).to_have_text("Partly answered. The answer:")
        expect(form.locator(".srm-key")).to_have_attribute("open", "")
    expect(page.locator(".srm-exam-goto")).to_have_text(
        ["Question 1: partly answered", "Question 2: partly answered"]
    )


def test_a_typed_gap_of_spaces_is_not_answered_in_the_exam(reader, real_site: Site) -> None:
    """Spaces in a typed gap are no answer: the answer sheet and the count say so."""
    page = reader()
    run = exam_with(page, real_site, {"fill-ec2-model": ["   "], "fill-root-mfa": ["MFA"]})
    expect(run.locator("form[data-srm-id=fill-ec2-model] input[type=text]")).to_have_value("   ")
    expect(page.locator(".srm-exam-goto")).to_have_text(
        ["Question 1: not answered", "Question 2: answered"]
    )


@pytest.mark.parametrize(
    ("ident", "line"),
    [
        ("match-service-models", re.compile(r"^\d+ of \d+ matched correctly\.$")),
        ("order-older-categories", re.compile(r"^\d of 3 in the right place\.$")),
        ("fill-lambda-os", re.compile(r"^(Correct\.|Not quite\. .*)$")),
        ("pick-engine-upgrade", re.compile(r"^(Correct\.|Not quite\. .*)$")),
    ],
)
def test_a_reload_shows_the_result_line_again_without_saying_it(
    reader, real_site: Site, ident: str, line: re.Pattern
) -> None:
    page = reader()
    page.goto(real_site.url + PAGE)
    ready(page)
    form = page.locator(f"form[data-srm-id={ident}]")
    for select in form.locator("select").all():
        select.select_option(index=1)
    for box in form.locator("input[type=text]").all():
        box.fill("an answer")
    for radio in form.locator("input[type=radio]").all()[:1]:
        radio.check()
    form.get_by_role("button", name="Check").click()
    status = form.get_by_role("status")
    expect(status).to_have_text(line)
    said = status.inner_text()
    assert status.get_attribute("aria-live") != "off"
    page.reload()
    ready(page)
    expect(form).to_have_attribute("data-srm-result", re.compile("."))
    expect(status).to_have_text(said)
    expect(status).to_have_attribute("aria-live", "off")  # shown, not announced
    # The next check is announced again.
    form.get_by_role("button", name="Try again").click()
    expect(status).not_to_have_attribute("aria-live", "off")
