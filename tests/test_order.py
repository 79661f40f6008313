"""The `order` question type (issue 17): items put in sequence. Its HTML without the script,
the order it is shown in, its place in the study bank, and in the browser: by mouse, by
keyboard and by touch, without the script, in print, in the progress, the review queue with
its misconception, the practice exam, and axe in both colour schemes. Its exports are
checked with the others' in tests/test_export.py, its errors in tests/test_errors.py.

The questions are the real site's (content/data/quizzes/*.yml)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from test_components import axe_violations

from conftest import PHONE, ROOT, Site, fresh_pages, ready_form, stored, watch, watched
from srm_build.items.order import Order, OrderItem
from srm_build.models import Quiz
from srm_build.pipeline import load_content

PAGE = "service-models/"
"""The chapter whose quiz holds two order questions."""
OLDER = "order-older-categories"
OLDER_RIGHT = ["infrastructure", "container", "abstracted"]
MODELS = "order-models-customer-share"
MODELS_RIGHT = ["on-premises", "iaas", "paas", "saas"]
KEY = "/.srm-progress-v1"
QUEUE = "/.srm-review-v1"
ATTEMPTS = "/.srm-attempt-v1"


def _orders() -> list[Order]:
    content = load_content(ROOT / "content")
    return [q for quiz in content.of_type(Quiz) for q in quiz.questions if isinstance(q, Order)]


# ---------------------------------------------------------------- without a browser


def test_the_content_has_six_order_questions_or_more() -> None:
    assert len(_orders()) >= 6


@pytest.mark.parametrize("count", range(3, 9))
def test_the_order_shown_without_the_script_puts_no_item_in_its_place(count: int) -> None:
    """Never passable by position: the build's order moves every item (a derangement), for
    any ids, and is the same from build to build."""
    for name in ("q", "stack", "order-aws-layers", "x1"):
        items = [OrderItem.model_construct(id=f"i{n}", text=f"Item {n}") for n in range(count)]
        question = Order.model_construct(id=name, items=items)
        shown = [item.id for item in question.shown()]
        assert sorted(shown) == sorted(item.id for item in items)
        assert all(a != b.id for a, b in zip(shown, items, strict=True)), shown
        assert shown == [item.id for item in question.shown()]


def test_order_html_works_without_the_script(real_site: Site) -> None:
    """Each order question is a form of native controls: every item is the label of its
    list of positions, named for the two ends; the items stand in the build's order; the
    move buttons wait for the script; the answer key, in <details>, lists the written order."""
    questions = _orders()
    found = 0
    for page in real_site.pages():
        soup = real_site.soup(page)
        for question in questions:
            form = soup.find("form", id=f"srm-{question.id}")
            if not form:
                continue
            found += 1
            assert form["data-srm-component"] == "order"
            assert "srm-question" in form["class"] and form.has_attr("data-srm-shuffle")
            shown = [li["data-srm-option"] for li in form.select(".srm-order-items > li")]
            assert shown == [item.id for item in question.shown()]
            count = len(question.items)
            for li in form.select(".srm-order-items > li"):
                select = li.find("select")
                label = li.find("label")
                assert label["for"] == select["id"] and label.get_text(strip=True)
                options = [o.get_text(strip=True) for o in select.find_all("option")]
                assert options[0] == "Choose a position" and len(options) == count + 1
                assert options[1] == f"1 ({question.first})"
                assert options[-1] == f"{count} ({question.last})"
                buttons = li.select("button[data-srm-move]")
                assert [b["data-srm-move"] for b in buttons] == ["-1", "1"]
                assert all(b.has_attr("hidden") and b.has_attr("data-srm-js") for b in buttons)
            key = form.find("details", class_="srm-key")
            assert key.find("summary").get_text(strip=True) == "Show the answer"
            assert [li["data-srm-item"] for li in key.select(".srm-key-items > li")] == [
                item.id for item in question.items
            ]
            assert f"From {question.first} to {question.last}" in key.get_text()
            if question.misconception:
                assert form["data-srm-misconception"] == question.misconception
                line = key.find(class_="srm-misconception-line")
                assert line and line.find("a")["href"].endswith(f"#srm-{question.misconception}")
    # Each question on its quiz's page and on the chapter that embeds it, and in the bank.
    assert found >= 2 * len(questions)


def test_order_questions_count_in_the_progress_bar_and_the_bank(real_site: Site) -> None:
    soup = real_site.soup(PAGE + "index.html")
    forms = soup.select("form.srm-question")
    assert {OLDER, MODELS} <= {form["data-srm-id"] for form in forms}
    progress = soup.find(class_="srm-progress-text").get_text()
    assert f"0 of {len(forms)} questions done" in progress
    # The study bank names the component whose kind answers each item; the exam draws them.
    text = (real_site.root / "data/study.srm-bank.js").read_text(encoding="utf-8")
    bank = json.loads(text[text.index("=", text.index("]")) + 1 :].rstrip().rstrip(";"))
    drawn = {ident for topic in bank["topics"] for ident in topic["ids"]}
    for question in _orders():
        assert bank["items"][question.id][2] == "order"
        assert question.id in drawn
        # The copy keeps its marker, by which the shared form code finds the order kind.
        assert 'data-srm-component="order"' in bank["items"][question.id][1]


# ---------------------------------------------------------------- in the browser


@pytest.fixture
def reader(page: Page, real_site: Site) -> Iterator[Page]:
    """A page of the real site that fails the test on any console or page error."""
    with watched(page, real_site.url):
        yield page


@pytest.fixture
def new_page(browser: Browser, real_site: Site) -> Iterator[Callable[..., Page]]:
    """Pages of the real site in fresh contexts (a phone, no JavaScript, a colour scheme),
    each checked for errors as `reader` (`fresh_pages`)."""
    with fresh_pages(browser, real_site.url) as make:
        yield make


def form_of(page: Page, ident: str, scope: str = "") -> Locator:
    return ready_form(page, f"{scope} form[data-srm-id={ident}]".strip())


def shown(form: Locator) -> list[str]:
    return [
        li.get_attribute("data-srm-option") or "" for li in form.locator(".srm-order-item").all()
    ]


def button(form: Locator, ident: str, direction: str) -> Locator:
    item = form.locator(f'.srm-order-item[data-srm-option="{ident}"]')
    return item.get_by_role("button", name=re.compile(f"^{direction}:"))


def arrange(form: Locator, right: list[str], press) -> None:
    """Moves the items into `right` with Up buttons, each press made by `press(button)` and
    waited on: the item one place higher."""
    for target, ident in enumerate(right):
        while (now := shown(form)).index(ident) > target:
            press(button(form, ident, "Up"))
            above = form.locator(".srm-order-item").nth(now.index(ident) - 1)
            expect(above).to_have_attribute("data-srm-option", ident)
    assert shown(form) == right


@pytest.mark.browser
def test_order_right_with_the_mouse_saved_and_restored(reader: Page, real_site: Site) -> None:
    reader.goto(real_site.url + PAGE)
    form = form_of(reader, OLDER)
    expect(button(form, OLDER_RIGHT[0], "Up")).to_be_visible()
    first = shown(form)
    assert first != OLDER_RIGHT  # the reader's own order, never the answer
    # A move says where the item went, and every list follows the order on screen.
    ident = first[1]
    button(form, ident, "Up").click()
    expect(form.get_by_role("status")).to_have_text(re.compile(r": position 1 of 3\.$"))
    assert shown(form)[0] == ident
    assert [s.input_value() for s in form.locator("select").all()] == ["1", "2", "3"]
    arrange(form, OLDER_RIGHT, lambda b: b.click())
    form.get_by_role("button", name="Check").click()
    expect(form.get_by_role("status")).to_have_text("3 of 3 in the right place.")
    expect(form).to_have_attribute("data-srm-result", "right")
    expect(form.locator(".srm-order-item .srm-feedback")).to_have_count(3)
    expect(form.locator(".srm-feedback").first).to_contain_text("Correct: position 1.")
    expect(button(form, OLDER_RIGHT[0], "Down")).to_be_disabled()
    saved = stored(reader, KEY)[OLDER]
    assert saved["picked"] == OLDER_RIGHT and sorted(saved["order"]) == sorted(OLDER_RIGHT)
    expect(reader.locator(".srm-progress-text")).to_contain_text("1 of")
    reader.reload()
    form = form_of(reader, OLDER)
    expect(form).to_have_attribute("data-srm-result", "right")
    assert shown(form) == OLDER_RIGHT
    # The result line is shown again, quietly: its region is off until the next check.
    expect(form.get_by_role("status")).to_have_text("3 of 3 in the right place.")
    expect(form.get_by_role("status")).to_have_attribute("aria-live", "off")
    # Try again: a fresh order of the reader's own, never the answer, and nothing chosen.
    form.get_by_role("button", name="Try again").click()
    expect(form).not_to_have_attribute("data-srm-result", re.compile("."))
    assert shown(form) != OLDER_RIGHT
    assert [s.input_value() for s in form.locator("select").all()] == ["", "", ""]
    expect(button(form, OLDER_RIGHT[0], "Down")).to_be_enabled()


@pytest.mark.browser
def test_order_wrong_by_keyboard_queues_its_misconception(reader: Page, real_site: Site) -> None:
    """Keyboard alone: the position lists and the move buttons answer to keys; a wrong
    order is marked item by item, queued for review with the question's misconception, and
    the review brings it back to be answered."""
    reader.goto(real_site.url + PAGE)
    form = form_of(reader, MODELS)
    wrong = MODELS_RIGHT[::-1]
    # The first item's list, by keyboard: Down arrow picks the next position.
    first = form.locator(".srm-order-item select").first
    first.focus()
    reader.keyboard.press("ArrowDown")  # "1 (...)": the item goes first, every list follows
    expect(form.get_by_role("status")).to_have_text(re.compile(r": position 1 of 4\.$"))
    assert reader.evaluate("document.activeElement.tagName") == "SELECT"

    def press(b: Locator) -> None:
        b.focus()
        reader.keyboard.press("Enter")

    arrange(form, wrong, press)
    # Up on the first item says so, and moves nothing.
    button(form, wrong[0], "Up").focus()
    reader.keyboard.press("Space")
    expect(form.get_by_role("status")).to_have_text(re.compile(r" is already first\.$"))
    reader.keyboard.press("Tab")  # Down of the first item
    for _ in range(20):
        if reader.evaluate("document.activeElement.textContent.trim()") == "Check":
            break
        reader.keyboard.press("Tab")
    reader.keyboard.press("Enter")
    expect(form.get_by_role("status")).to_have_text("0 of 4 in the right place.")
    expect(form).to_have_attribute("data-srm-result", "wrong")
    expect(form.locator(".srm-feedback").first).to_contain_text(
        "Incorrect: this goes in position 4."
    )
    assert stored(reader, QUEUE)[MODELS]["miss"] == ["mc-same-split"]
    # The review brings it back, answered through the same kind.
    reader.goto(real_site.url + "review/")
    copy = form_of(reader, MODELS, ".srm-review")
    belief = reader.locator(".srm-review-beliefs li").filter(has_text="in your queue")
    expect(belief).to_have_count(1)
    assert copy.locator(".srm-order-item select").first.get_attribute("id", timeout=1000)
    assert shown(copy) != MODELS_RIGHT
    arrange(copy, MODELS_RIGHT, lambda b: b.click())
    copy.get_by_role("button", name="Check").click()
    expect(copy.get_by_role("status")).to_have_text("4 of 4 in the right place.")


@pytest.mark.browser
def test_a_shuffle_that_lands_on_the_answer_is_stored_as_shown(
    reader: Page, real_site: Site
) -> None:
    """The order the kind arranges (and the shared code stores until Try again) is the
    order on screen, and never the answer, even when the random shuffle gives the answer."""
    reader.goto(real_site.url + PAGE)
    form = form_of(reader, OLDER)
    before = shown(form)
    # Fisher-Yates from the order on screen to the answer: the random numbers that pick it.
    randoms, now = [], before[:]
    for i in range(len(now) - 1, 0, -1):
        j = now.index(OLDER_RIGHT[i])
        randoms.append((j + 0.5) / (i + 1))
        now[i], now[j] = now[j], now[i]
    assert now == OLDER_RIGHT
    returned = form.evaluate(
        """(form, randoms) => {
            const random = Math.random;
            Math.random = () => randoms.shift();
            try {
                const order = window.srm.form.arrange(form, null);
                window.srm.defined.get("order").layout(form);
                return order;
            } finally { Math.random = random; }
        }""",
        randoms,
    )
    assert returned == shown(form)
    assert returned != OLDER_RIGHT


@pytest.mark.browser
def test_order_after_instant_navigation(reader: Page, real_site: Site) -> None:
    """A page swapped in by the theme's instant navigation mounts its order questions: the
    core fetches srm-order.js, which links its stylesheet once."""
    fetched: list[str] = []
    reader.on("request", lambda r: fetched.append(r.url) if "srm-order" in r.url else None)
    reader.goto(real_site.url + "idea/")
    expect(reader.locator("form.srm-question").first).to_have_attribute("data-srm-ready", "")
    assert fetched == []
    reader.evaluate("window.srmSamePage = true")
    reader.locator(".md-nav").get_by_role("link", name=re.compile("^The line moves")).first.click()
    form = form_of(reader, OLDER)
    assert reader.evaluate("window.srmSamePage") is True  # swapped, not loaded
    expect(reader.locator("link[data-srm-order]")).to_have_count(1)
    assert sorted(u.rsplit("/", 1)[1].split("?")[0] for u in fetched) == [
        "srm-order.css",
        "srm-order.js",
    ]
    ident = shown(form)[1]
    button(form, ident, "Up").click()
    assert shown(form)[0] == ident


def text_of(form: Locator, ident: str) -> Locator:
    return form.locator(f'.srm-order-item[data-srm-option="{ident}"] .srm-order-text')


@pytest.mark.browser
def test_order_by_dragging_with_the_mouse(reader: Page, real_site: Site) -> None:
    reader.goto(real_site.url + PAGE)
    form = form_of(reader, MODELS)
    for target, ident in enumerate(MODELS_RIGHT):
        now = shown(form)
        if now[target] != ident:
            # Dropped on the middle of the item in its place, it goes before that item.
            text_of(form, ident).drag_to(text_of(form, now[target]))
            expect(form.get_by_role("status")).to_have_text(
                re.compile(rf": position {target + 1} of 4\.$")
            )
        assert shown(form)[target] == ident
    assert [s.input_value() for s in form.locator("select").all()] == ["1", "2", "3", "4"]
    form.get_by_role("button", name="Check").click()
    expect(form.get_by_role("status")).to_have_text("4 of 4 in the right place.")


def touch_drag(page: Page, start: Locator, end: Locator) -> None:
    """A finger pressed on `start`, moved in steps, held still and lifted on the middle of
    `end`. Held still, as a reader's finger settles: a finger lifted while moving starts a
    fling, and the browser spends the next tap stopping it."""
    cdp = page.context.new_cdp_session(page)
    a, b = start.bounding_box(), end.bounding_box()
    assert a and b
    x0, y0 = a["x"] + 10, a["y"] + a["height"] / 2
    x1, y1 = b["x"] + 10, b["y"] + b["height"] / 2
    t = page.evaluate("Date.now() / 1000")

    def send(kind: str, points: list[dict], at: float) -> None:
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points, "timestamp": at})

    send("touchStart", [{"x": x0, "y": y0}], t)
    # Held until the item lifts (srm-drag.js), by the page's installed clock.
    page.clock.run_for(500)
    expect(start.locator("xpath=ancestor::li[1]")).to_have_class(re.compile(r"\bsrm-lifted\b"))
    for step in range(1, 9):
        point = {"x": x0 + (x1 - x0) * step / 8, "y": y0 + (y1 - y0) * step / 8}
        send("touchMove", [point], t + 0.5 + step * 0.05)
    send("touchMove", [{"x": x1, "y": y1}], t + 1.5)
    send("touchEnd", [], t + 1.55)


@pytest.mark.browser
def test_order_by_touch_on_a_phone(new_page, real_site: Site) -> None:
    page = new_page(**PHONE)
    page.clock.install()
    page.goto(real_site.url + PAGE)
    form = form_of(page, OLDER)
    up = button(form, shown(form)[2], "Up")
    up.scroll_into_view_if_needed()
    box = up.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44  # WCAG 2.5.8 asks 24
    # Taps on the Up buttons put the items in order but the first, which goes last; then a
    # finger drags it from the bottom to the top.
    arrange(form, [*OLDER_RIGHT[1:], OLDER_RIGHT[0]], lambda b: b.tap())
    form.scroll_into_view_if_needed()
    touch_drag(page, text_of(form, OLDER_RIGHT[0]), text_of(form, OLDER_RIGHT[1]))
    expect(form.get_by_role("status")).to_have_text(re.compile(r": position 1 of 3\.$"))
    assert shown(form) == OLDER_RIGHT
    form.get_by_role("button", name="Check").tap()
    expect(form.get_by_role("status")).to_have_text("3 of 3 in the right place.")


HINT = (
    "Put the items in order, from AWS manages the least (position 1) to AWS manages the most "
    "(position 3): choose each item's position in its list"
)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("options", "how"),
    [
        ({}, ", move it with its Up and Down buttons, or drag it."),
        (PHONE, ", move it with its Up and Down buttons, or drag it (touch and hold it first)."),
        ({"java_script_enabled": False}, "."),
    ],
    ids=["mouse-and-keyboard", "touch", "no-script"],
)
def test_the_order_hint_says_each_way_to_reorder(
    new_page, real_site: Site, options: dict, how: str
) -> None:
    """The hint names every way the question takes: the lists, the Up and Down buttons (by
    keyboard too) and a drag once the script runs, and on a touch screen the held finger a
    drag starts with (srm-drag.js: a quick swipe scrolls the page instead)."""
    page = new_page(**options)
    page.goto(real_site.url + PAGE)
    if options.get("java_script_enabled", True):
        form = form_of(page, OLDER)
    else:
        form = page.locator(f"form#srm-{OLDER}")
    expect(form.locator(".srm-hint")).to_have_text(HINT + how, use_inner_text=True)


@pytest.mark.browser
def test_order_without_the_script_keeps_lists_and_the_answer(new_page, real_site: Site) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(real_site.url + PAGE)
    form = page.locator(f"form#srm-{OLDER}")
    expect(form.locator("select")).to_have_count(3)
    for select in form.locator("select").all():
        expect(select).to_be_visible()
    expect(form.locator("button[data-srm-move]").first).to_be_hidden()
    expect(form.get_by_role("button", name="Check")).to_be_hidden()
    form.locator("select").first.select_option("2")  # a native control, usable as it is
    form.get_by_text("Show the answer").click()
    key = form.locator(".srm-key-items > li")
    expect(key).to_have_text(
        [
            "Infrastructure services, such as Amazon EC2",
            "Container services, such as Amazon RDS",
            "Abstracted services, such as Amazon S3",
        ]
    )


@pytest.mark.browser
def test_order_prints_as_a_worksheet_with_its_key(reader: Page, real_site: Site) -> None:
    """On a chapter, each question prints its own key under it; a quiz's page prints one
    answer key at its end instead. Move buttons and Check never print."""
    reader.goto(real_site.url + PAGE)
    form = form_of(reader, OLDER)
    reader.emulate_media(media="print")
    expect(form.locator("button[data-srm-move]").first).to_be_hidden()
    expect(form.locator(".srm-actions")).to_be_hidden()
    expect(form.locator("select").first).to_be_visible()
    expect(form.locator(".srm-key-items > li")).to_have_count(3)
    for item in form.locator(".srm-key-items > li").all():
        expect(item).to_be_visible()
    reader.goto(real_site.url + "data/quizzes/service-models/")
    form = form_of(reader, OLDER)
    expect(form.locator(".srm-key")).to_be_hidden()
    # The order question's line of the key (a match question on the page names the same
    # categories, each after its service).
    key = reader.locator(".srm-answer-key li").filter(
        has_text=re.compile(r"^\s*Infrastructure services, such as")
    )
    expect(key).to_have_text(re.compile("Infrastructure services.*Container services.*Abstracted"))
    reader.emulate_media(media="screen")
    expect(reader.locator(".srm-answer-key")).to_be_hidden()


@pytest.mark.browser
def test_order_in_the_practice_exam(reader: Page, real_site: Site) -> None:
    """An attempt holding an order question is offered back only when its answer fits the
    question (checked through the question's kind), resumed, answered by moving, and
    marked."""
    reader.goto(real_site.url + "exam/")
    exam = reader.locator("[data-srm-component=exam]")
    key = exam.get_attribute("data-srm-id")
    resume = reader.locator(".srm-exam-resume")
    attempt = {"id": 1, "ids": [OLDER], "flags": [], "picked": {OLDER: []}}
    for picked, offered in [(["zzz", "container", "abstracted"], False), ([], True)]:
        attempt["picked"] = {OLDER: picked}
        value = json.dumps({key: attempt})
        reader.evaluate(f"localStorage.setItem({ATTEMPTS!r}, {value!r})")
        reader.reload()
        expect(reader.get_by_role("button", name="Start the exam")).to_be_visible()
        if offered:
            expect(resume).to_have_text("Resume your exam of 1 question")
        else:
            expect(resume).to_be_hidden()
    resume.click()
    form = reader.locator(".srm-exam-run form").first
    expect(button(form, OLDER_RIGHT[0], "Up")).to_be_visible()
    arrange(form, OLDER_RIGHT, lambda b: b.click())
    expect(reader.locator(".srm-exam-goto").first).to_have_text("Question 1: answered")
    assert stored(reader, ATTEMPTS)[key]["picked"][OLDER] == OLDER_RIGHT
    reader.get_by_role("button", name="Hand in").click()
    expect(reader.locator(".srm-exam-result .srm-title")).to_have_text("Your result: 1 of 1 (100%)")
    expect(form).to_have_attribute("data-srm-result", "right")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_checked_order_questions_pass_axe(new_page, real_site: Site, scheme: str):
    page = new_page(color_scheme=scheme)
    page.goto(real_site.url + PAGE)
    form = form_of(page, MODELS)
    button(form, shown(form)[1], "Up").click()
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", re.compile("right|wrong"))
    page.add_style_tag(content="*, ::before, ::after { transition: none !important; }")
    assert axe_violations(page) == []


@pytest.mark.browser
def test_an_order_drag_starts_anywhere_on_an_item(reader: Page, real_site: Site) -> None:
    """Not only on its text: beside it too (the item's own padding), as in a sort."""
    reader.goto(real_site.url + PAGE)
    form = form_of(reader, MODELS)
    now = shown(form)
    item = form.locator(f'.srm-order-item[data-srm-option="{now[-1]}"]')
    form.locator(".srm-order-items").evaluate("list => list.scrollIntoView({block: 'center'})")
    box, first = item.bounding_box(), form.locator(".srm-order-item").first.bounding_box()
    assert box and first
    reader.mouse.move(box["x"] + 3, box["y"] + 3)  # the corner: no text, list or button
    reader.mouse.down()
    reader.mouse.move(box["x"] + 3, first["y"] + first["height"] / 3, steps=8)
    reader.mouse.up()
    expect(form.get_by_role("status")).to_have_text(re.compile(r": position 1 of 4\.$"))
    assert shown(form)[0] == now[-1]


@pytest.mark.browser
def test_a_swipe_over_order_items_scrolls_the_page(browser: Browser, real_site: Site) -> None:
    """A finger that moves at once over an item, its text included, scrolls the page."""
    context = browser.new_context(**PHONE, bypass_csp=True)  # wait_for_function: a string
    page = context.new_page()
    problems = watch(page, real_site.url)
    page.goto(real_site.url + PAGE)
    form = form_of(page, MODELS)
    text = text_of(form, shown(form)[0])
    text.scroll_into_view_if_needed()
    box = text.bounding_box()
    assert box
    before = shown(form)
    cdp = page.context.new_cdp_session(page)
    x, y = box["x"] + 10, box["y"] + box["height"] / 2
    top = page.evaluate("scrollY")
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 9):
        point = {"x": x, "y": y - 25 * step}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_function(f"scrollY > {top + 100}")
    assert shown(form) == before
    context.close()
    assert problems == []
