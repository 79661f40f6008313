"""What the components do in a reader's hands, beyond answering: they say when they are
ready, shuffle options per reader, show what is stored (other tabs, the back/forward cache,
two sites on one origin), sort on phones, print what the reader placed, and follow the
text direction."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from conftest import FIXTURE_SITE, ROOT, Finger, build_site, serve_folder, watch

pytestmark = pytest.mark.browser

QUIZ = "quizzes/basics/"
KEY = "/.srm-progress-v1"  # scoped to the site, served at /


# ---------------------------------------------------------------- readiness


def test_every_component_says_when_it_is_ready(reader: Page, fixture_url: str) -> None:
    reader.goto(fixture_url + QUIZ)
    expect(reader.locator("#srm-deck-basics")).to_have_attribute("data-srm-ready", "")
    expect(reader.locator("[data-srm-component]:not([data-srm-ready])")).to_have_count(0)
    # The progress line, a quiz and its five questions.
    assert reader.locator("[data-srm-ready]").count() == 7


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


# ---------------------------------------------------------------- sorting on phones


def test_only_pages_with_a_sort_fetch_the_sort_module(reader: Page, fixture_url: str) -> None:
    fetched: list[str] = []
    reader.on("request", lambda r: fetched.append(r.url) if "srm-sort" in r.url else None)
    reader.goto(fixture_url + "glossary/")
    reader.goto(fixture_url + "scenarios/")
    expect(reader.locator("[data-srm-component=choice]").first).to_have_attribute(
        "data-srm-ready", ""
    )
    assert fetched == []
    reader.goto(fixture_url + NETWORK)
    expect(reader.locator("form#srm-sort-ten")).to_have_attribute("data-srm-ready", "")
    assert len(fetched) == 1


PHONE = {
    "viewport": {"width": 390, "height": 664},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}


def ten(page: Page):
    form = page.locator("form#srm-sort-ten")
    expect(form).to_have_attribute("data-srm-ready", "")
    return form


def test_a_drag_starts_anywhere_on_an_item(new_reader, fixture_url: str) -> None:
    """By touch, once the finger has held the item: a finger that moves at once scrolls."""
    page = new_reader(**PHONE)
    page.clock.install()
    page.goto(fixture_url + NETWORK)
    form = ten(page)
    finger = Finger(page)
    for ident in ("t1", "t2"):
        form.locator(".srm-buckets").scroll_into_view_if_needed()
        item = form.locator(f'.srm-sort-item[data-srm-item="{ident}"]')
        box = item.bounding_box()
        # The item's bottom right corner: beside its list, away from its text.
        finger.down(box["x"] + box["width"] - 4, box["y"] + box["height"] - 4)
        finger.hold(item)
        finger.drop(item, form.locator('[data-srm-bucket="aws"]'))
        expect(form.locator(f'[data-srm-bucket="aws"] [data-srm-item="{ident}"]')).to_have_count(1)
        expect(item).not_to_have_class(re.compile(r"\bsrm-(lifted|dragging)\b"))


def test_a_swipe_over_the_items_scrolls_the_page(new_reader, fixture_url: str) -> None:
    """A 10-item sort is taller than two phone screens: a finger that moves at once over
    its items scrolls the page, and places nothing."""
    page = new_reader(**PHONE, bypass_csp=True)  # wait_for_function evaluates a string
    page.goto(fixture_url + NETWORK)
    form = ten(page)
    item = form.locator('.srm-sort-item[data-srm-item="t3"]')
    item.scroll_into_view_if_needed()
    box = item.bounding_box()
    before = page.evaluate("scrollY")
    finger = Finger(page)
    finger.down(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    finger.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2 - 250)
    finger.up()
    page.wait_for_function(f"scrollY > {before} + 100")
    expect(form.locator(".srm-buckets .srm-sort-item")).to_have_count(0)
    expect(item).not_to_have_class(re.compile(r"\bsrm-(lifted|dragging)\b"))


def test_the_page_scrolls_when_a_drag_nears_its_edge(new_reader, fixture_url: str) -> None:
    page = new_reader(**PHONE, bypass_csp=True)  # wait_for_function evaluates a string
    page.clock.install()
    page.goto(fixture_url + NETWORK)
    form = ten(page)
    last = form.locator('.srm-sort-item[data-srm-item="t10"]')
    last.evaluate("item => item.scrollIntoView({block: 'end'})")
    aws = form.locator('[data-srm-bucket="aws"]')
    top = "() => document.querySelector('#srm-sort-ten [data-srm-bucket=aws]')"
    assert page.evaluate(f"({top})().getBoundingClientRect().bottom") < 0  # out of sight
    box = last.locator(".srm-sort-text").bounding_box()
    finger = Finger(page)
    finger.down(box["x"] + 10, box["y"] + box["height"] / 2)
    finger.hold(last)
    finger.move(box["x"] + 10, 8)  # held at the top edge, the page scrolls up
    page.wait_for_function(f"({top})().getBoundingClientRect().top > 200")
    finger.move(box["x"] + 10, 332)  # out of the edge: the scrolling stops
    finger.drop(last, aws)
    expect(aws.locator('[data-srm-item="t10"]')).to_have_count(1)
    expect(form.get_by_role("status")).to_have_text("Rotating access keys: AWS.")


def test_on_a_phone_the_lists_are_large_and_come_first(new_reader, fixture_url: str) -> None:
    page = new_reader(**PHONE)
    page.goto(fixture_url + NETWORK)
    form = ten(page)
    # A drag by touch starts with a held finger: the hint says so there (only there).
    expect(form.locator(".srm-hint")).to_have_text(
        "Drag each item into its owner's box (touch and hold it first),"
        " or choose the owner in its list."
    )
    for item in form.locator(".srm-sort-item").all():
        select = item.locator("select").bounding_box()
        text = item.locator(".srm-sort-text").bounding_box()
        assert select["width"] >= 24 and select["height"] >= 24  # WCAG 2.5.8
        assert select["y"] + select["height"] <= text["y"] + 1 or select["x"] < text["x"]


# ---------------------------------------------------------------- what is shown is stored


def reset(page: Page) -> None:
    """Reset progress on this page, confirmed in its dialog."""
    page.get_by_role("button", name="Reset progress on this page").click()
    page.get_by_role("dialog").get_by_role("button", name="Clear this page").click()


def test_another_tab_s_answers_and_reset_show_without_a_reload(
    reader: Page, fixture_url: str
) -> None:
    first = reader
    second = first.context.new_page()
    problems = watch(second, fixture_url)
    for page in (first, second):
        page.goto(fixture_url + QUIZ)
        expect(page.locator("#srm-deck-basics")).to_have_attribute("data-srm-ready", "")
    # A question the second tab's reader is answering keeps their picks throughout.
    picking = second.locator("form#srm-customer-tasks")
    picking.get_by_label("Security groups").check()
    single = first.locator("form#srm-ec2-patching")
    single.get_by_label("Securing the hypervisor").check()
    single.get_by_role("button", name="Check").click()
    first.locator("#srm-deck-basics .srm-card:visible summary").click()  # graded once turned
    first.locator("#srm-deck-basics").get_by_role("button", name="I knew it").click()
    # The other tab shows them, as a reload would.
    shown = second.locator("form#srm-ec2-patching")
    expect(shown).to_have_attribute("data-srm-result", "wrong")
    expect(shown.get_by_label("Securing the hypervisor")).to_be_checked()
    expect(second.locator("#srm-deck-basics .srm-deck-count")).to_have_text(
        "Card 1 of 2 left; 1 of 3 known."
    )
    expect(second.locator('[data-srm-id="basics"] .srm-score')).to_have_text(
        "Score: 0 of 4 correct, 1 answered."
    )
    expect(picking.get_by_label("Security groups")).to_be_checked()
    reset(second)
    expect(single).not_to_have_attribute("data-srm-result", "wrong")
    expect(single.locator(".srm-feedback")).to_have_count(0)
    expect(first.locator("#srm-deck-basics .srm-deck-count")).to_have_text(
        "Card 1 of 3 left; 0 of 3 known."
    )
    expect(first.locator(".srm-progress-text")).to_have_text(
        "Progress on this page: 0 of 5 questions done."
    )
    second.close()
    assert problems == []


@pytest.fixture
def cached_reader(browser_type, browser_type_launch_args: dict, fixture_url: str):
    """A page of a browser with the back/forward cache on (Playwright turns it off)."""
    browser = browser_type.launch(
        **browser_type_launch_args, ignore_default_args=["--disable-back-forward-cache"]
    )
    page = browser.new_page()
    problems = watch(page, fixture_url)
    yield page
    browser.close()
    assert problems == []


def test_a_page_back_from_the_cache_shows_what_is_stored(
    cached_reader: Page, fixture_url: str
) -> None:
    reader = cached_reader
    reader.goto(fixture_url + QUIZ)
    reader.evaluate("window.srmCached = true")
    single = reader.locator("form#srm-ec2-patching")
    single.get_by_label("Securing the hypervisor").check()
    single.get_by_role("button", name="Check").click()
    # Reset on another page that shows the same questions, then Back.
    reader.goto(fixture_url)
    reset(reader)
    reader.go_back(wait_until="commit")  # a page from the cache fires no load event
    expect(single).to_be_visible()
    assert reader.evaluate("window.srmCached") is True  # the page came from the cache
    expect(single).not_to_have_attribute("data-srm-result", "wrong")
    expect(single.get_by_label("Securing the hypervisor")).not_to_be_checked()
    expect(reader.locator(".srm-progress-text")).to_have_text(
        "Progress on this page: 0 of 5 questions done."
    )


@pytest.fixture(scope="module")
def one_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site built twice, at /srm/ and at /srm-fork/ of one server."""
    root = tmp_path_factory.mktemp("origin")
    server, url = serve_folder(root)
    for prefix in ("srm/", "srm-fork/"):
        build_site(FIXTURE_SITE / "mkdocs.yml", root / prefix, site_url=url + prefix)
    yield url
    server.shutdown()


def test_two_sites_on_one_origin_keep_their_progress_apart(page: Page, one_origin: str) -> None:
    page.goto(one_origin + "srm/" + QUIZ)
    single = page.locator("form#srm-ec2-patching")
    single.get_by_label("Securing the hypervisor").check()
    single.get_by_role("button", name="Check").click()
    expect(single).to_have_attribute("data-srm-result", "wrong")
    page.goto(one_origin + "srm-fork/" + QUIZ)
    expect(page.locator("#srm-deck-basics")).to_have_attribute("data-srm-ready", "")
    expect(page.locator("[data-srm-result]")).to_have_count(0)  # the fork's own progress
    statement = page.locator("form#srm-aws-does-all")
    statement.get_by_label("False").check()
    statement.get_by_role("button", name="Check").click()
    reset(page)
    page.goto(one_origin + "srm/" + QUIZ)
    expect(single).to_have_attribute("data-srm-result", "wrong")  # the fork's Reset left it
    keys = sorted(k for k in page.evaluate("Object.keys(localStorage)") if ".srm-" in k)
    assert keys == [
        "/srm-fork/.srm-progress-v1",
        "/srm/.srm-progress-v1",
        "/srm/.srm-review-v1",  # the wrong answer, in this site's queue only
    ]


# ---------------------------------------------------------------- print


@pytest.mark.parametrize("placed", [3, 10])
def test_placed_sort_items_all_print(reader: Page, fixture_url: str, placed: int) -> None:
    reader.goto(fixture_url + NETWORK)
    form = ten(reader)
    for select in form.locator("select").all()[:placed]:
        select.select_option("shared")
    expect(form.locator('[data-srm-bucket="shared"] .srm-sort-item')).to_have_count(placed)
    reader.emulate_media(media="print")
    items = form.locator(".srm-sort-item")
    expect(items).to_have_count(10)
    for item in items.all():
        expect(item).to_be_visible()
    expect(form.locator('[data-srm-bucket="shared"]')).to_be_visible()
    expect(form.locator(".srm-hint")).to_be_hidden()  # "Drag each item..." is for the screen
    # "Not placed yet" heads the items left, and goes with the last of them.
    pool = form.locator(".srm-bucket-name").last
    expect(pool).to_have_text("Not placed yet")
    if placed < 10:
        expect(pool).to_be_visible()
    else:
        expect(pool).to_be_hidden()


def test_a_chapter_prints_an_answer_key_not_the_reader_s_marks(
    reader: Page, fixture_url: str
) -> None:
    reader.goto(fixture_url)
    single = reader.locator("form#srm-ec2-patching")
    single.get_by_label("Securing the hypervisor").check()
    single.get_by_role("button", name="Check").click()
    sort = reader.locator("form#srm-sort-basics")
    expect(sort).to_have_attribute("data-srm-ready", "")
    sort.get_by_label("Guarding data centre entrances").select_option("customer")
    sort.get_by_label("Patching the guest OS").select_option("customer")
    sort.get_by_role("button", name="Check").click()
    deck = reader.locator("#srm-deck-basics")
    deck.locator(".srm-card:visible summary").click()
    deck.get_by_role("button", name="I knew it").click()
    reader.emulate_media(media="print")
    article = reader.locator("article")
    for mark in ("Incorrect.", "Incorrect: AWS owns this.", "Missed: this one is correct."):
        expect(article.get_by_text(mark, exact=False)).to_be_hidden()
    expect(reader.locator(".srm-feedback").first).to_be_hidden()
    # Each question's key gives its right answers only.
    key = single.locator(".srm-key")
    expect(key.get_by_text("Patching the OS on the instances")).to_be_visible()
    expect(key.get_by_text("Securing the hypervisor")).to_be_hidden()
    expect(key.locator("summary")).to_be_hidden()
    expect(sort.locator(".srm-key-items li").first).to_be_visible()
    expect(sort.locator(".srm-key-items li").first).to_contain_text("AWS:")
    statement = reader.locator("form#srm-aws-does-all .srm-key")
    expect(statement.get_by_text("Correct:", exact=True)).to_be_visible()
    expect(statement.get_by_text("Incorrect:", exact=True)).to_be_hidden()
    # The card marked known, hidden on screen, prints with the others.
    for card in deck.locator(".srm-card").all():
        expect(card).to_be_visible()


@pytest.mark.parametrize("path", ["", "quizzes/basics/"])
def test_flashcards_print_with_their_definitions(reader: Page, fixture_url: str, path: str):
    """A worksheet gives its answers: each card prints its term and, under it, its
    definition, whether the reader turned the card or not (as on /practice/)."""
    reader.goto(fixture_url + path)
    deck = reader.locator("[data-srm-component=flashcards]").first
    expect(deck).to_have_attribute("data-srm-ready", "")
    reader.emulate_media(media="print")
    cards = deck.locator(".srm-card")
    expect(cards.first).to_be_visible()
    for card in cards.all():
        expect(card.locator("summary")).to_be_visible()
        expect(card.locator(".srm-card-back")).to_be_visible()
        expect(card.locator(".srm-card-back")).not_to_be_empty()


# ---------------------------------------------------------------- right to left


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site with `theme.language: ar`, which the theme writes right to left."""
    source = tmp_path_factory.mktemp("ar-src")
    shutil.copytree(FIXTURE_SITE, source, dirs_exist_ok=True)
    config = source / "mkdocs.yml"
    text = config.read_text().replace("../../../overrides", str(ROOT / "overrides"))
    config.write_text(text.replace("  name: material\n", "  name: material\n  language: ar\n"))
    out = tmp_path_factory.mktemp("ar")
    server, url = serve_folder(out)
    build_site(config, out, site_url=url)
    yield url
    server.shutdown()


def test_right_to_left_options_indent_and_stripe_from_the_right(
    page: Page, arabic_site: str
) -> None:
    page.goto(arabic_site + QUIZ)
    assert page.evaluate("document.body.dir") == "rtl"  # the theme sets it on <body>
    form = page.locator("form#srm-ec2-patching")
    expect(form).to_have_attribute("data-srm-ready", "")
    form.get_by_label("Securing the hypervisor").check()
    form.get_by_role("button", name="Check").click()
    option = form.locator('.srm-option[data-srm-option="c"]')
    style = option.evaluate(
        "li => { const s = getComputedStyle(li); return {"
        " right: parseFloat(s.borderRightWidth), left: parseFloat(s.borderLeftWidth),"
        " colour: s.borderRightColor, margin: s.marginRight }; }"
    )
    assert style["right"] > style["left"]  # the verdict stripe starts the line, on the right
    assert style["colour"] == "rgb(198, 40, 40)"  # the wrong verdict's colour
    assert style["margin"] == "0px"  # no indent from the theme's list rule
    list_box = form.locator(".srm-options").bounding_box()
    box = option.bounding_box()
    assert abs(list_box["x"] + list_box["width"] - box["x"] - box["width"]) < 1


# ---------------------------------------------------------------- after a quiz, and overall


def test_a_finished_quiz_shows_its_score_and_the_way_on(reader: Page, fixture_url: str) -> None:
    reader.goto(fixture_url + NETWORK)
    quiz = reader.locator('[data-srm-id="network"]')
    end = quiz.locator(".srm-quiz-end")
    expect(ten(reader)).to_be_visible()
    for ident, label in (("who-writes-sg", "The customer"), ("nacl-stateless", "False")):
        form = reader.locator(f"form#srm-{ident}")
        form.get_by_label(label).check()
        form.get_by_role("button", name="Check").click()
        expect(end).to_be_hidden()  # not before every question is checked
    sort = ten(reader)
    for select in sort.locator("select").all():
        select.select_option("aws")
    sort.get_by_role("button", name="Check").click()
    expect(end).to_be_visible()
    expect(end).to_contain_text("Quiz finished: 1 of 3 correct.")
    following = reader.evaluate("document.querySelector('link[rel=next]').href")
    expect(end.get_by_role("link")).to_have_attribute("href", following)
    reader.reload()  # restored answers finish the quiz too
    expect(end).to_contain_text("Quiz finished: 1 of 3 correct.")


def test_the_home_page_shows_progress_in_each_chapter(reader: Page, fixture_url: str) -> None:
    reader.goto(fixture_url)
    chapters = reader.get_by_role("region", name="Your progress").locator("li")
    expect(chapters).to_have_count(2)  # the pages that embed questions
    expect(chapters.nth(0)).to_have_text("Fixture home: 0 of 6 done")
    expect(chapters.nth(1)).to_have_text("Network basics: 0 of 3 done")
    # Answers here count at once; answers elsewhere count when the reader comes back.
    single = reader.locator("form#srm-ec2-patching")
    single.get_by_label("Securing the hypervisor").check()
    single.get_by_role("button", name="Check").click()
    expect(chapters.nth(0)).to_have_text("Fixture home: 1 of 6 done")
    chapters.nth(1).get_by_role("link").click()
    form = reader.locator("form#srm-who-writes-sg")
    expect(form).to_have_attribute("data-srm-ready", "")
    form.get_by_label("AWS").check()
    form.get_by_role("button", name="Check").click()
    reader.go_back()
    expect(chapters.nth(1)).to_have_text("Network basics: 1 of 3 done")
    # A deck counts once every card is known.
    deck = reader.locator("#srm-deck-basics")
    for _ in range(3):
        deck.locator(".srm-card:visible summary").click()
        deck.get_by_role("button", name="I knew it").click()
    expect(chapters.nth(0)).to_have_text("Fixture home: 2 of 6 done")


def test_without_javascript_the_progress_lists_the_chapters(browser, fixture_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fixture_url)
    chapters = page.get_by_role("region", name="Your progress").locator("li")
    expect(chapters.nth(1)).to_have_text("Network basics: 3 questions")
    expect(chapters.nth(1).get_by_role("link")).to_have_attribute("href", "network/")
    context.close()
