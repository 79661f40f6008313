"""The practice exam, the review queue, misconception tags and layer stacks.

The fixture site has six answerable items over two topics: four on the home page (two
questions, a true/false statement and a scenario) and two on the network page. Its tools
file holds an exam of 2, 4 or 6 questions and the review; the exam is also embedded on a
page of its own, away from the bank it draws from."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from conftest import FIXTURE_SITE, Site, pause_clock, watch

STUDY = "study/"
EXAM = "exam/"
HOME_ITEMS = {"ec2-patching", "customer-tasks", "aws-does-all", "unpatched-apache"}
NETWORK_ITEMS = {"who-writes-sg", "nacl-stateless"}
RIGHT = {
    "ec2-patching": ["b"],
    "customer-tasks": ["a", "c"],
    "aws-does-all": ["false"],
    "unpatched-apache": ["customer"],
    "who-writes-sg": ["a"],
    "nacl-stateless": ["true"],
}
WRONG = {
    "ec2-patching": ["a"],
    "customer-tasks": ["b"],
    "aws-does-all": ["true"],
    "unpatched-apache": ["aws"],
    "who-writes-sg": ["b"],
    "nacl-stateless": ["false"],
}
QUEUE = "/.srm-review-v1"  # scoped to the site, served at /
DAY = 86_400  # seconds: Playwright for Python takes times in seconds


# ---------------------------------------------------------------- the built pages


def test_the_bank_groups_every_answerable_item_by_the_page_it_tests(fixture_site: Site):
    soup = fixture_site.soup(STUDY + "index.html")
    topics = {
        topic["data-srm-topic"]: (
            topic["data-srm-topic-href"],
            {item["data-srm-id"] for item in topic.select(".srm-bank-item > [data-srm-id]")},
        )
        for topic in soup.select("[data-srm-topic]")
    }
    assert topics == {
        "Fixture home": ("../", HOME_ITEMS),
        "Network basics": ("../network/", NETWORK_ITEMS),
    }
    # Sort questions and flashcards are not drawn; the deck's terms are there as cards.
    assert [c["data-srm-card"] for c in soup.select(".srm-bank-cards [data-srm-card]")] == [
        "region",
        "guest-os",
        "hypervisor",
    ]
    beliefs = soup.select(".srm-bank-misconceptions [data-srm-misconception]")
    assert [(li["data-srm-misconception"], li.a["href"]) for li in beliefs] == [
        ("mc-aws-does-all", "../misconceptions/#srm-mc-aws-does-all"),
        ("mc-customer-guards", "../misconceptions/#srm-mc-customer-guards"),
    ]


def test_exam_and_review_point_at_the_bank_and_explain_themselves_without_script(
    fixture_site: Site,
):
    exam = fixture_site.soup(EXAM + "index.html").select_one("[data-srm-component=exam]")
    assert exam["data-srm-bank"] == "../study/#srm-bank"
    assert exam["data-srm-bank-script"] == "../study.srm-bank.js"
    assert exam.select_one("[data-srm-nojs] a")["href"] == "../study/#srm-bank"
    assert [i["value"] for i in exam.select("input[type=radio]")] == ["2", "4", "6"]
    review = fixture_site.soup(STUDY + "index.html").select_one("[data-srm-component=review]")
    assert review["data-srm-bank"] == "#srm-bank"
    assert "needs JavaScript" in review.select_one("[data-srm-nojs]").get_text()


def compact_bank(site: Site, script: str = "study.srm-bank.js") -> dict:
    text = (site.root / script).read_text(encoding="utf-8")
    prefix = "(window.srmBanks=window.srmBanks||{})[document.currentScript.src]="
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix) : -2])


def test_the_compact_bank_holds_what_exam_and_review_show(fixture_site: Site):
    bank = compact_bank(fixture_site)
    assert [(t["title"], t["href"], set(t["ids"])) for t in bank["topics"]] == [
        ("Fixture home", "../", HOME_ITEMS),
        ("Network basics", "../network/", NETWORK_ITEMS),
    ]
    # Every drawn item, and the sort questions the review brings back, with their topic.
    assert {ident: entry[0] for ident, entry in bank["items"].items()} == {
        **dict.fromkeys(HOME_ITEMS | {"sort-basics"}, 0),
        **dict.fromkeys(NETWORK_ITEMS | {"sort-ten"}, 1),
    }
    html = BeautifulSoup(bank["items"]["who-writes-sg"][1], "html.parser")
    assert html.form["data-srm-id"] == "who-writes-sg" and html.select_one(".srm-key")
    assert {ident: entry[0] for ident, entry in bank["cards"].items()} == {
        "region": "../glossary/#srm-region",
        "guest-os": "../glossary/#srm-guest-os",
        "hypervisor": "../glossary/#srm-hypervisor",
    }
    assert bank["beliefs"][0] == [
        "mc-aws-does-all",
        "../misconceptions/#srm-mc-aws-does-all",
        "AWS handles all security",
    ]


def test_the_compact_bank_leaves_out_what_every_copy_undid(fixture_site: Site):
    """The bank holds the items without what the exam and review removed from each copy:
    report links, `hidden` on controls that need the script (its only readers have it).
    Each item keeps its component marker, the component its entry names, by which the
    shared form code finds its kind (srm-study.js). Gzipped, it stays smaller than the
    study page it replaces."""
    import gzip

    page = (fixture_site.root / "study" / "index.html").read_bytes()
    script = (fixture_site.root / "study.srm-bank.js").read_bytes()
    bank = compact_bank(fixture_site)
    for entry in bank["items"].values():
        soup = BeautifulSoup(entry[1], "html.parser")
        assert [e["data-srm-component"] for e in soup.select("[data-srm-component]")] == [entry[2]]
    for html in [e[1] for e in bank["items"].values()] + [e[1] for e in bank["cards"].values()]:
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.select(".srm-report, [data-srm-js][hidden]")
        assert not soup.select("[data-search-exclude]")
    size = {name: len(gzip.compress(data, 9)) for name, data in (("bank", script), ("page", page))}
    assert size["bank"] < size["page"], size


# Gzipped bytes per bank entry (a question or a card) on the real site: about 300 today,
# with every item's own markup (its form, its answer key and feedback). The budget leaves
# room for longer questions, and fails if the markup per item grows by half again.
BANK_BYTES_PER_ENTRY = 450


def test_the_real_banks_weight_per_entry_stays_within_budget(real_site: Site):
    """The bank stays HTML, each item as its unit's template writes it: rendering items from
    data would need a second renderer per unit in JavaScript, beside its Jinja template. Its
    cost is bounded instead: transfer per entry within a budget, and below the study page it
    replaces (the exam and the review parse only the items they show)."""
    import gzip

    script = (real_site.root / "data" / "study.srm-bank.js").read_bytes()
    page = (real_site.root / "data" / "study" / "index.html").read_bytes()
    bank = compact_bank(real_site, "data/study.srm-bank.js")
    entries = len(bank["items"]) + len(bank["cards"])
    weight = len(gzip.compress(script, 9))
    assert entries > 100 and weight < BANK_BYTES_PER_ENTRY * entries, (weight, entries)
    assert weight < len(gzip.compress(page, 9))


def test_the_bank_lists_topics_in_the_order_of_the_navigation():
    from srm_build.engines.mkdocs import _chapters
    from srm_build.pages import SitePages
    from srm_build.pipeline import load_content
    from srm_build.render import Renderer

    content = load_content(FIXTURE_SITE / "content")
    pages = SitePages(content, Renderer(content))
    pages.chapters = ["exam.md", "network.md", "index.md"]
    titles = [topic.title for topic in pages.study_bank("study.md").topics]
    assert titles == ["Network basics", "Fixture home"]
    assert [
        t["title"]
        for t in json_of(pages.compact_bank("study.md", pages.study_bank("study.md")))["topics"]
    ] == titles
    # The order comes from `nav`, or without one the order MkDocs gives the pages.
    config = SimpleNamespace(nav=[{"Home": "index.md"}, {"More": ["b.md", {"A": "a.md"}]}])
    assert _chapters(config, []) == ["index.md", "b.md", "a.md"]
    files = [
        SimpleNamespace(src_uri=uri, name=uri.rsplit("/", 1)[-1][:-3])
        for uri in ("z.md", "sub/a.md", "index.md", "b.md")
    ]
    assert _chapters(SimpleNamespace(nav=None), files) == ["index.md", "b.md", "z.md", "sub/a.md"]


def json_of(script: str) -> dict:
    return json.loads(script.split("]=", 1)[1].rstrip(";\n"))


def test_wrong_options_carry_their_misconception_and_right_ones_none(fixture_site: Site):
    soup = fixture_site.soup("quizzes/basics/index.html")
    tags = {
        (form["data-srm-id"], entry["data-srm-option"]): entry.get("data-srm-misconception")
        for form in soup.select("form[data-srm-component=choice]")
        for entry in form.select(".srm-key-options [data-srm-option]")
    }
    assert tags[("ec2-patching", "a")] == "mc-customer-guards"
    assert tags[("customer-tasks", "b")] == "mc-customer-guards"
    assert tags[("aws-does-all", "true")] == "mc-aws-does-all"  # true/false: the wrong answer
    right = [key for key, tag in tags.items() if tag and key[1] in RIGHT[key[0]]]
    assert right == []


def test_misconceptions_are_items_with_belief_and_correction(fixture_site: Site):
    soup = fixture_site.soup("misconceptions/index.html")
    assert soup.select_one("h2#srm-mc-aws-does-all").get_text(strip=True) == (
        "AWS handles all security"
    )
    item = soup.select_one("[data-srm-id=mc-aws-does-all]")
    assert "secures the cloud" in item.select_one(".srm-correction").get_text()
    assert item.select_one(".srm-source a")["href"].startswith("https://")


def test_a_table_drawn_as_a_stack_is_boxes_by_owner_with_side_by_side_rows(
    fixture_site: Site,
):
    stack = fixture_site.soup("tables/index.html").select_one(
        "[data-srm-id=customer-stack] figure.srm-stack"
    )
    assert stack.figcaption.get_text(strip=True) == "The customer's stack"
    tiers = stack.select(".srm-stack-layers > li")
    boxes = [
        [(box["id"].rsplit("--", 1)[1], box["class"][0]) for box in tier.select("[id]")]
        or [(tier["id"].rsplit("--", 1)[1], tier["class"][0])]
        for tier in tiers
    ]
    assert boxes == [
        [("data", "srm-owner-customer")],
        [("client-side", "srm-owner-customer"), ("server-side", "srm-owner-customer")],
        [("software", "srm-owner-aws")],
    ]
    # The owner is written out, not only coloured.
    assert tiers[-1].strong.get_text() == "AWS"


# ---------------------------------------------------------------- the browser


def exam_ids(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        ".srm-exam-run .srm-question-slot form", "forms => forms.map(f => f.dataset.srmId)"
    )


def answer(page: Page, ident: str, values: list[str], scope: str = ".srm-exam-run") -> None:
    form = page.locator(f'{scope} form[data-srm-id="{ident}"]')
    for value in values:
        form.locator(f'input[value="{value}"]').check()


def queue(page: Page) -> dict:
    raw = page.evaluate(f"localStorage.getItem({QUEUE!r})")
    return json.loads(raw) if raw else {}


def start_exam(page: Page, size: str, timed: bool = False) -> None:
    page.get_by_label(size, exact=True).check()
    if timed:
        page.get_by_label("Time me").check()
    page.get_by_role("button", name="Start the exam").click()
    expect(page.locator(".srm-exam-run .srm-question-slot")).to_have_count(int(size))


@pytest.mark.browser
def test_exam_full_run_to_a_result_broken_down_by_topic(reader: Page, fixture_url: str):
    reader.goto(fixture_url + EXAM)
    expect(reader.locator("[data-srm-nojs]")).to_be_hidden()
    start_exam(reader, "4")
    drawn = exam_ids(reader)
    # Balanced: two topics, so two questions from each.
    assert len(set(drawn) & HOME_ITEMS) == 2 and len(set(drawn) & NETWORK_ITEMS) == 2
    # No answer, check button or feedback shows until handing in.
    expect(reader.locator(".srm-exam-run .srm-key")).to_have_count(4)
    for key in reader.locator(".srm-exam-run .srm-key").all():
        expect(key).to_be_hidden()
    expect(reader.locator(".srm-exam-run").get_by_role("button", name="Check")).to_have_count(0)
    sheet = reader.locator(".srm-exam-sheet button")
    expect(sheet.first).to_have_text("Question 1: not answered")
    for ident in drawn:
        answer(reader, ident, RIGHT[ident] if ident in HOME_ITEMS else WRONG[ident])
    reader.locator(".srm-exam-run .srm-exam-flag input").nth(2).check()
    expect(sheet).to_have_text(
        [f"Question {i}: answered" for i in (1, 2)]
        + [
            "Question 3: answered, flagged",
            "Question 4: answered",
        ]
    )
    sheet.nth(3).click()  # goes to the question
    expect(reader.locator("#srm-exam-q4 .srm-options input").first).to_be_focused()
    # Pressed twice in a row: marked once.
    reader.get_by_role("button", name="Hand in").evaluate(
        "button => { button.click(); button.click(); }"
    )

    result = reader.locator(".srm-exam-result")
    expect(result.locator(".srm-title")).to_have_text("Your result: 2 of 4 (50%)")
    expect(result.locator(".srm-title")).to_be_focused()
    rows = result.locator("tr")
    expect(rows).to_have_count(3)
    by_topic = {
        row.locator("th").inner_text(): row.locator("td").first.inner_text()
        for row in rows.all()[1:]
    }
    assert by_topic == {"Fixture home": "2 of 2", "Network basics": "0 of 2"}
    reread = result.get_by_role("link", name="Reread Network basics")
    assert reread.get_attribute("href") == urljoin(fixture_url, "network/")
    expect(result.get_by_role("link", name="Reread Fixture home")).to_have_count(0)
    # The answers and feedback are now shown, and inputs locked.
    for key in reader.locator(".srm-exam-run .srm-key").all():
        expect(key).to_be_visible()
    expect(reader.locator(".srm-exam-run .srm-options input:not(:disabled)")).to_have_count(0)
    # Wrong answers went to the review queue, due today; the result is kept, once.
    assert set(queue(reader)) == NETWORK_ITEMS
    assert len(stored(reader, "srm-exam-v1")) == 1
    expect(result).to_have_count(1)
    result.get_by_role("button", name="Take another exam").click()
    expect(reader.locator(".srm-exam-history")).to_contain_text("Your last result: 2 of 4")
    expect(reader.get_by_role("button", name="Start the exam")).to_be_focused()
    reader.reload()
    expect(reader.locator(".srm-exam-history")).to_contain_text("Your last result: 2 of 4")


@pytest.mark.browser
def test_exam_by_keyboard_alone(reader: Page, fixture_url: str):
    reader.goto(fixture_url + STUDY)  # the exam on the bank's own page: copies keep ids apart
    exam = reader.locator("[data-srm-component=exam]")
    exam.get_by_label("2", exact=True).focus()
    reader.keyboard.press("Tab")
    reader.keyboard.press("Tab")
    expect(exam.get_by_role("button", name="Start the exam")).to_be_focused()
    reader.keyboard.press("Enter")
    expect(exam.locator(".srm-question-slot")).to_have_count(2)
    ids = reader.eval_on_selector_all("[id]", "nodes => nodes.map(n => n.id)")
    assert len(ids) == len(set(ids)), "a copied question reused an id"
    for ident in exam_ids(reader):
        form = exam.locator(f'form[data-srm-id="{ident}"]')
        form.locator("input").first.focus()
        reader.keyboard.press("Space")
        expect(form.locator("input:checked")).to_have_count(1)
    exam.get_by_role("button", name="Hand in").focus()
    reader.keyboard.press("Enter")
    expect(exam.locator(".srm-exam-result .srm-title")).to_be_focused()


@pytest.mark.browser
def test_the_timer_hands_in_when_time_is_up(reader: Page, fixture_url: str):
    reader.clock.install()
    reader.goto(fixture_url + EXAM)
    # The installed clock flows with real time: stopped, the exam's time moves only as the
    # test says, however slowly a loaded machine goes on.
    pause_clock(reader)
    start_exam(reader, "2", timed=True)
    expect(reader.locator(".srm-exam-clock")).to_have_text("Time left: 0:20")
    reader.clock.run_for(10_000)
    expect(reader.locator(".srm-exam-clock")).to_have_text("Time left: 0:10")
    reader.clock.run_for(11_000)
    expect(reader.locator(".srm-exam-result .srm-title")).to_have_text("Your result: 0 of 2 (0%)")


def stored(page: Page, key: str) -> dict:
    """What the site stored under `key`, scoped to the site's path (served at /)."""
    raw = page.evaluate(f"localStorage.getItem({'/.' + key!r})")
    return json.loads(raw) if raw else {}


@pytest.mark.browser
def test_a_timed_exam_ends_with_its_page_and_leaving_asks_first(reader: Page, fixture_url: str):
    """Instant navigation swaps the page without unloading it: the exam's timer must not
    hand in an exam that is no longer on screen."""
    reader.clock.install()
    reader.goto(fixture_url + EXAM)
    start_exam(reader, "2", timed=True)
    drawn = exam_ids(reader)
    answer(reader, drawn[0], RIGHT[drawn[0]])
    reader.evaluate("window.srmSamePage = true")  # gone if the page were loaded anew
    asked: list[str] = []
    reader.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    away = reader.locator('.md-nav__link[href$="/network/"]').first
    away.click()
    assert asked and asked[0].startswith("Leave the exam?")
    expect(reader.locator(".srm-exam-clock")).to_be_visible()
    assert reader.url == fixture_url + EXAM
    reader.once("dialog", lambda dialog: dialog.accept())
    away.click()
    expect(reader).to_have_url(fixture_url + "network/")
    expect(reader.locator("[data-srm-component=choice]").first).to_have_attribute(
        "data-srm-mounted", ""
    )
    assert reader.evaluate("window.srmSamePage") is True  # the theme swapped the page
    reader.clock.run_for(30 * 60_000)
    assert stored(reader, "srm-exam-v1") == {}  # never handed in
    assert queue(reader) == {}
    # Offered back on return, with its answers.
    reader.go_back()
    expect(reader.get_by_role("button", name="Resume your exam of 2 questions")).to_be_visible()
    reader.get_by_role("button", name="Resume your exam of 2 questions").click()
    assert exam_ids(reader) == drawn
    expect(reader.locator(".srm-exam-sheet button").first).to_have_text("Question 1: answered")


@pytest.mark.browser
def test_a_reload_mid_exam_asks_first_and_offers_the_attempt_back(reader: Page, fixture_url: str):
    reader.clock.install()
    reader.goto(fixture_url + EXAM)
    pause_clock(reader)
    start_exam(reader, "4", timed=True)
    drawn = exam_ids(reader)
    answer(reader, drawn[0], RIGHT[drawn[0]])
    answer(reader, drawn[2], WRONG[drawn[2]])
    reader.locator(".srm-exam-run .srm-exam-flag input").nth(1).check()
    reader.clock.run_for(5_000)
    expect(reader.locator(".srm-exam-clock")).to_have_text("Time left: 0:35")
    kinds: list[str] = []
    reader.once("dialog", lambda dialog: (kinds.append(dialog.type), dialog.accept()))
    reader.reload()
    assert kinds == ["beforeunload"]
    resume = reader.get_by_role("button", name="Resume your exam of 4 questions")
    expect(resume).to_be_visible()
    resume.click()
    assert exam_ids(reader) == drawn
    expect(reader.locator(".srm-exam-sheet button")).to_have_text(
        [
            "Question 1: answered",
            "Question 2: not answered, flagged",
            "Question 3: answered",
            "Question 4: not answered",
        ]
    )
    form = reader.locator(f'.srm-exam-run form[data-srm-id="{drawn[2]}"]')
    for value in WRONG[drawn[2]]:
        expect(form.locator(f'input[value="{value}"]')).to_be_checked()
    expect(reader.locator(".srm-exam-clock")).to_have_text("Time left: 0:35")
    # A stored attempt is checked, never trusted: one that names no question is dropped.
    reader.evaluate(
        "localStorage.setItem('/.srm-attempt-v1', JSON.stringify("
        "{exam: {ids: ['constructor'], picked: {}, flags: []}}))"
    )
    reader.once("dialog", lambda dialog: dialog.accept())
    reader.reload()
    expect(reader.get_by_role("button", name="Start the exam")).to_be_visible()
    expect(reader.locator(".srm-exam-resume")).to_be_hidden()


@pytest.mark.browser
def test_start_with_a_saved_attempt_asks_before_discarding_it(reader: Page, fixture_url: str):
    """One press must not throw away a reader's work: Start, with an attempt saved, names
    what would be lost. Cancel keeps the attempt and offers it; OK starts a new exam."""
    reader.goto(fixture_url + EXAM)
    start_exam(reader, "4")
    drawn = exam_ids(reader)
    answer(reader, drawn[0], RIGHT[drawn[0]])
    answer(reader, drawn[2], WRONG[drawn[2]])
    saved = stored(reader, "srm-attempt-v1")
    reader.once("dialog", lambda dialog: dialog.accept())  # leaving asks (beforeunload)
    reader.reload()
    resume = reader.get_by_role("button", name="Resume your exam of 4 questions")
    expect(resume).to_be_visible()
    asked: list[str] = []
    reader.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    reader.get_by_role("button", name="Start the exam").click()
    expect(resume).to_be_focused()  # kept, and offered
    assert asked == [
        "Start a new exam? Your saved one, 2 of 4 questions answered, will be discarded."
    ]
    expect(reader.locator(".srm-exam-run")).to_be_hidden()
    assert stored(reader, "srm-attempt-v1") == saved
    reader.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    reader.get_by_label("2", exact=True).check()
    reader.get_by_role("button", name="Start the exam").click()
    expect(reader.locator(".srm-exam-sheet button")).to_have_text(
        ["Question 1: not answered", "Question 2: not answered"]
    )
    assert len(asked) == 2
    attempt = stored(reader, "srm-attempt-v1")["exam"]
    assert attempt["id"] != saved["exam"]["id"] and len(attempt["ids"]) == 2


@pytest.mark.browser
def test_back_and_forward_during_an_exam_ask_first_and_keep_the_attempt(
    reader: Page, fixture_url: str
):
    """Under the theme's instant navigation, Back and Forward between its pages stay in one
    document: no beforeunload fires, the theme swaps the page on popstate. The exam asks in
    the Navigation API's navigate event, where a traversal can be cancelled."""
    nav = reader.locator(".md-nav--primary")
    reader.goto(fixture_url)
    nav.locator('a[href$="/exam/"]').first.click()
    exam = reader.locator("[data-srm-component=exam]")
    expect(exam).to_have_attribute("data-srm-ready", "")
    reader.evaluate("window.srmSamePage = true")  # gone if a page were loaded anew
    nav.locator('a[href$="/network/"]').first.click()  # no exam running: nothing to ask
    expect(exam).to_have_count(0)
    reader.go_back()
    expect(exam).to_have_attribute("data-srm-ready", "")
    start_exam(reader, "2")
    drawn = exam_ids(reader)
    answer(reader, drawn[0], RIGHT[drawn[0]])
    asked: list[str] = []
    leave = "Leave the exam? Your answers are kept."
    # Back, answered OK: the page goes, the attempt stays saved and is offered on return.
    reader.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    reader.go_back()
    expect(exam).to_have_count(0)
    assert asked == [leave]
    assert stored(reader, "srm-attempt-v1")["exam"]["picked"][drawn[0]] == RIGHT[drawn[0]]
    reader.go_forward()
    reader.get_by_role("button", name="Resume your exam of 2 questions").click()
    expect(reader.locator(".srm-exam-sheet button").first).to_have_text("Question 1: answered")
    # Back, answered Cancel: the exam stays. (Playwright's go_back waits for a navigation
    # that a cancelled one never makes; this sends the same DevTools command without waiting.)
    devtools = reader.context.new_cdp_session(reader)
    history = devtools.send("Page.getNavigationHistory")
    previous = history["entries"][history["currentIndex"] - 1]["id"]
    with reader.expect_event("dialog") as dialog:
        devtools.send("Page.navigateToHistoryEntry", {"entryId": previous})
    assert dialog.value.message == leave
    dialog.value.dismiss()
    # The reader goes on; the sheet saying so shows the page is done with the cancelled
    # Back (a traversal sent while the page still handles one cannot be cancelled).
    answer(reader, drawn[1], WRONG[drawn[1]])
    expect(reader.locator(".srm-exam-sheet button").nth(1)).to_have_text("Question 2: answered")
    # Forward, answered OK: one step on, so the cancelled Back went nowhere.
    reader.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    reader.go_forward()
    expect(reader).to_have_url(fixture_url + "network/")
    expect(exam).to_have_count(0)
    assert asked == [leave, leave]
    assert reader.evaluate("window.srmSamePage") is True  # the theme swapped every page
    attempt = stored(reader, "srm-attempt-v1")["exam"]
    assert attempt["ids"] == drawn and attempt["picked"][drawn[1]] == WRONG[drawn[1]]


@pytest.mark.browser
def test_back_to_another_document_during_an_exam_asks_once(reader: Page, fixture_url: str):
    """A traversal to another document cannot be cancelled in the navigate event: there the
    page unloads, and beforeunload asks, once."""
    reader.goto(fixture_url)
    reader.goto(fixture_url + EXAM)  # loaded anew: Back leaves this document
    start_exam(reader, "2")
    kinds: list[str] = []
    reader.on("dialog", lambda dialog: (kinds.append(dialog.type), dialog.accept()))
    reader.go_back()
    expect(reader.locator("[data-srm-component=choice]").first).to_have_attribute(
        "data-srm-ready", ""
    )
    assert reader.url == fixture_url
    assert kinds == ["beforeunload"]


@pytest.mark.browser
def test_start_pressed_twice_while_the_bank_loads_starts_one_exam(reader: Page, fixture_url: str):
    reader.clock.install()
    held: list = []
    reader.route("**/study.srm-bank.js", lambda route: held.append(route))
    reader.goto(fixture_url + EXAM, wait_until="domcontentloaded")
    reader.get_by_label("2", exact=True).check()
    reader.get_by_label("Time me").check()
    start = reader.get_by_role("button", name="Start the exam")
    start.click()
    start.click()
    while not held:  # the bank's request has reached the test's route
        reader.evaluate("0")
    held[0].continue_()
    expect(reader.locator(".srm-exam-run .srm-question-slot")).to_have_count(2)
    reader.clock.run_for(25_000)
    expect(reader.locator(".srm-exam-result .srm-title")).to_have_text("Your result: 0 of 2 (0%)")
    reader.clock.run_for(5_000)
    expect(reader.locator(".srm-exam-result")).to_have_count(1)
    assert len(stored(reader, "srm-exam-v1")) == 1
    assert set(queue(reader)) == set(exam_ids(reader))


@pytest.mark.browser
@pytest.mark.parametrize("saved", [True, False], ids=["saved", "none-saved"])
def test_a_start_pressed_while_the_bank_loads_ends_with_its_page(
    reader: Page, fixture_url: str, saved: bool
):
    """Start pressed while the bank loads, then the reader leaves by instant navigation:
    once the bank comes, nothing starts on the next page: no confirm, no attempt stored or
    replaced, no timer."""
    reader.clock.install()
    asked: list[str] = []
    reader.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    reader.goto(fixture_url + EXAM)
    if saved:
        start_exam(reader, "2")
        drawn = exam_ids(reader)
        answer(reader, drawn[0], RIGHT[drawn[0]])
    before = stored(reader, "srm-attempt-v1")
    held: list = []
    reader.route("**/study.srm-bank.js", lambda route: held.append(route))
    reader.goto(fixture_url + EXAM, wait_until="domcontentloaded")
    asked.clear()
    reader.get_by_label("Time me").check()
    reader.get_by_role("button", name="Start the exam").click()
    while not held:  # the bank's request has reached the test's route
        reader.evaluate("0")
    reader.evaluate("window.srmSamePage = true")
    reader.locator('.md-nav__link[href$="/network/"]').first.click()
    expect(reader).to_have_url(fixture_url + "network/")
    expect(reader.locator("[data-srm-component=choice]").first).to_have_attribute(
        "data-srm-mounted", ""
    )
    held[0].continue_()
    while not reader.evaluate("Object.keys(window.srmBanks || {}).length"):
        pass  # the bank's script has run
    reader.evaluate("new Promise(r => setTimeout(r))")  # the bank's callbacks have run
    assert reader.evaluate("window.srmSamePage") is True  # the theme swapped the page
    reader.clock.run_for(30 * 60_000)
    assert asked == []
    assert stored(reader, "srm-attempt-v1") == before
    assert stored(reader, "srm-exam-v1") == {}
    assert queue(reader) == {}


@pytest.mark.browser
def test_one_attempt_in_two_tabs_is_handed_in_once(reader: Page, fixture_url: str):
    """An attempt runs in one tab, the one that last stored it: another tab that goes on with
    it, or hands it in, closes it here, which says so and offers it back while it is open.
    A Hand in is checked against the stored attempt at that moment, so a tab that never
    heard of the other's hand-in (it gets no storage events here) records nothing."""
    reader.on("dialog", lambda dialog: dialog.accept())
    reader.goto(fixture_url + EXAM)
    start_exam(reader, "4")
    drawn = exam_ids(reader)
    answer(reader, drawn[0], RIGHT[drawn[0]])
    # The tab opened at ?late never hears of other tabs' writes.
    reader.context.add_init_script(
        "if (location.search === '?late') { const add = addEventListener;"
        " window.addEventListener = (type, ...rest) => type === 'storage' || add(type, ...rest); }"
    )
    tabs = [reader.context.new_page(), reader.context.new_page()]
    for tab, query in zip(tabs, ("?late", ""), strict=True):
        tab.on("dialog", lambda dialog: dialog.accept())
        tab.goto(fixture_url + EXAM + query)
        tab.get_by_role("button", name="Resume your exam of 4 questions").click()
        assert exam_ids(tab) == drawn
    late, other = tabs
    status = "[data-srm-component=exam] [role=status]"
    moved = "This exam went on in another tab."
    answer(other, drawn[1], WRONG[drawn[1]])
    expect(reader.locator(status).first).to_have_text(moved)
    # ...said in the exam's own live region, not in a hidden question's.
    expect(reader.locator("[data-srm-component=exam] > [role=status]")).to_have_text(moved)
    expect(reader.locator(".srm-exam-run")).to_be_hidden()
    reader.get_by_role("button", name="Resume your exam of 4 questions").click()
    expect(reader.locator(".srm-exam-sheet button")).to_have_text(
        ["Question 1: answered", "Question 2: answered"]
        + [f"Question {i}: not answered" for i in (3, 4)]
    )
    reader.get_by_role("button", name="Hand in").click()
    expect(reader.locator(".srm-exam-result .srm-title")).to_have_text("Your result: 1 of 4 (25%)")
    expect(other.locator(status).first).to_have_text(moved)
    expect(other.locator(".srm-exam-run")).to_be_hidden()
    expect(other.get_by_role("button", name="Start the exam")).to_be_visible()
    expect(other.locator(".srm-exam-resume")).to_be_hidden()
    # The tab that heard nothing still shows the exam; its Hand in records nothing.
    late.get_by_role("button", name="Hand in").click()
    expect(late.locator(status).first).to_have_text(moved)
    expect(late.locator(".srm-exam-run")).to_be_hidden()
    assert len(stored(reader, "srm-exam-v1")) == 1
    assert set(queue(reader)) == set(drawn[1:])


@pytest.mark.browser
def test_the_tab_that_resumes_an_attempt_last_owns_it(reader: Page, fixture_url: str):
    """Tab 2 resumes an attempt whose first save says nothing new (both clocks stand
    still): tab 1 still gives it up at once, and tab 2 keeps it."""
    tabs = [reader, reader.context.new_page()]
    for tab in tabs:
        tab.on("dialog", lambda dialog: dialog.accept())
        tab.clock.install()
        tab.goto(fixture_url + EXAM)
        pause_clock(tab)
        if tab is reader:
            start_exam(reader, "2", timed=True)
            drawn = exam_ids(reader)
    first, second = tabs
    second.get_by_role("button", name="Resume your exam of 2 questions").click()
    assert exam_ids(second) == drawn
    expect(first.locator("[data-srm-component=exam] [role=status]").first).to_have_text(
        "This exam went on in another tab."
    )
    expect(first.locator(".srm-exam-run")).to_be_hidden()
    first.clock.run_for(3_000)
    second.clock.run_for(3_000)
    expect(second.locator(".srm-exam-run")).to_be_visible()
    expect(second.locator("[data-srm-component=exam] [role=status]").first).not_to_have_text(
        "This exam went on in another tab."
    )
    assert stored(second, "srm-attempt-v1")["exam"]["left"] < 20  # its own ticks


@pytest.mark.browser
def test_a_tampered_attempt_is_not_offered(reader: Page, fixture_url: str):
    """Only an attempt this page could have stored is offered: distinct questions of the
    bank, answers among their options, flags among its questions, time within its limit."""
    reader.goto(fixture_url + EXAM)
    good = {"id": 1, "ids": ["ec2-patching", "who-writes-sg"], "flags": ["ec2-patching"]}
    good["picked"] = {"ec2-patching": ["b"], "who-writes-sg": []}
    tampered = [
        {"ids": ["ec2-patching", "ec2-patching"], "picked": {"ec2-patching": []}},
        {"picked": {**good["picked"], "ec2-patching": ["zzz"]}},
        {"flags": ["zz"]},
        {"left": 10**12},
        {"left": 2 * 10 + 1},  # the fixture's exam allows 10 seconds a question
    ]
    resume = reader.locator(".srm-exam-resume")
    for change in [{}, {"left": 20}, *tampered]:
        attempt = json.dumps({"exam": {**good, **change}})
        reader.evaluate(f"localStorage.setItem('/.srm-attempt-v1', {attempt!r})")
        reader.reload()
        expect(reader.get_by_role("button", name="Start the exam")).to_be_visible()
        if change in ({}, {"left": 20}):
            expect(resume).to_have_text("Resume your exam of 2 questions")
        else:
            expect(resume).to_be_hidden()
    reader.get_by_role("button", name="Start the exam").click()  # asks nothing
    expect(reader.locator(".srm-exam-run .srm-question-slot")).to_have_count(2)
    expect(reader.locator("[id=srm-exam-q1]")).to_have_count(1)


@pytest.mark.browser
def test_handing_in_asks_with_the_count_then_marks_every_question(new_reader, fixture_url: str):
    # Math.random at 0 shuffles the topics to Network basics first: the result still lists
    # them in the site's chapter order.
    page = new_reader(init_script="Math.random = () => 0")
    page.goto(fixture_url + EXAM)
    start_exam(page, "4")
    drawn = exam_ids(page)
    assert drawn[0] in NETWORK_ITEMS
    answer(page, drawn[0], RIGHT[drawn[0]])
    answer(page, drawn[1], WRONG[drawn[1]])
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Hand in").click()
    assert asked == ["2 questions not answered. Hand in anyway?"]
    expect(page.locator(".srm-exam-result")).to_be_hidden()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Hand in").click()
    result = page.locator(".srm-exam-result")
    expect(result.locator(".srm-title")).to_have_text("Your result: 1 of 4 (25%)")
    expect(result.locator("tr th[scope=row]")).to_have_text(["Fixture home", "Network basics"])
    expect(page.locator(".srm-exam-sheet li")).to_have_text(
        [
            "Question 1: right",
            "Question 2: wrong",
            "Question 3: not answered",
            "Question 4: not answered",
        ]
    )
    expect(page.locator(".srm-exam-sheet li.srm-right")).to_have_count(1)
    unanswered = page.locator("#srm-exam-q3")
    expect(unanswered.locator(".srm-exam-missed")).to_have_text("Not answered. The answer:")
    expect(unanswered.locator(".srm-key")).to_have_attribute("open", "")
    expect(unanswered.locator(".srm-key-options")).to_be_visible()
    expect(page.locator(".srm-exam-missed")).to_have_count(2)
    assert set(queue(page)) == set(drawn[1:])
    assert stored(page, "srm-attempt-v1") == {}  # handed in: nothing left to resume


@pytest.mark.browser
def test_clock_and_sheet_stay_in_view_and_the_sheet_keeps_to_one_row(new_reader, fixture_url):
    page = new_reader(viewport={"width": 390, "height": 700}, has_touch=True, is_mobile=True)
    page.clock.install()
    page.goto(fixture_url + EXAM)
    start_exam(page, "6", timed=True)
    sheet = page.locator(".srm-exam-sheet")
    rows = sheet.evaluate(
        "ol => new Set([...ol.children].map(li => li.getBoundingClientRect().top)).size"
    )
    assert rows == 1  # it scrolls sideways instead of pushing the questions down
    assert sheet.evaluate("ol => ol.scrollWidth > ol.clientWidth")
    expect(page.locator("#srm-exam-q1")).to_be_in_viewport()
    page.locator("#srm-exam-q6").scroll_into_view_if_needed()
    page.get_by_role("button", name="Hand in").scroll_into_view_if_needed()
    expect(page.locator(".srm-exam-clock")).to_be_in_viewport()
    expect(sheet).to_be_in_viewport()


FOCUS_UNDER_BAR = """() => {
    const el = document.activeElement, run = document.querySelector('.srm-exam-run');
    const bar = run.querySelector('.srm-exam-bar');
    if (!run.contains(el)) return null;
    if (bar.contains(el)) return 0;
    return el.getBoundingClientRect().top - bar.getBoundingClientRect().bottom;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_no_focused_control_hides_under_the_sticky_bar(new_reader, fixture_url, width: int):
    """WCAG 2.4.11: every focus stop of a running exam, backwards from Hand in and forwards
    again, shows below the sticky clock and answer sheet (which sit under the header)."""
    page = new_reader(viewport={"width": width, "height": 600})
    page.clock.install()
    page.goto(fixture_url + EXAM)
    pause_clock(page)  # the clock shows, stands
    start_exam(page, "6", timed=True)
    page.get_by_role("button", name="Hand in").focus()
    stops = 0
    for key in ("Shift+Tab", "Tab"):
        while True:
            page.keyboard.press(key)
            gap = page.evaluate(FOCUS_UNDER_BAR)
            if gap is None:
                break
            stops += 1
            assert gap >= 0, (key, stops, page.evaluate("document.activeElement.outerHTML"))
    assert stops > 20


@pytest.mark.browser
def test_from_disk_the_exam_and_review_work(browser, tmp_path):
    """With `use_directory_urls: false` a site can be opened from `file://`, where pages may
    not fetch: the bank is a script, so the exam and the review work there too."""
    from conftest import FIXTURE_SITE, build_site

    root = build_site(FIXTURE_SITE / "mkdocs.yml", tmp_path / "site", use_directory_urls=False)
    context = browser.new_context()
    queue_key = urlparse(root.as_uri()).path + "/.srm-review-v1"  # scoped to the site's path
    context.add_init_script(
        f"localStorage.setItem({queue_key!r}, JSON.stringify("
        "{'nacl-stateless': {box: 1, due: 0, miss: []}}))"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((root / "exam.html").as_uri())
    start_exam(page, "2")
    for ident in exam_ids(page):
        answer(page, ident, RIGHT[ident])
    page.get_by_role("button", name="Hand in").click()
    expect(page.locator(".srm-exam-result .srm-title")).to_have_text("Your result: 2 of 2 (100%)")
    page.goto((root / "study.html").as_uri())
    review = page.locator("[data-srm-component=review]")
    expect(review.locator('form[data-srm-id="nacl-stateless"]')).to_be_visible()
    assert review.get_by_role("link", name="Reread Network basics").get_attribute("href") == (
        (root / "network.html").as_uri()
    )
    context.close()
    assert errors == []


@pytest.mark.browser
def test_a_right_answer_moves_an_item_on_only_when_it_was_due(reader: Page, fixture_url: str):
    """Wrong, then Try again and right, the same day: still due today; quick retries never
    empty the queue. The next day one right answer moves it up one box, and the count on
    the page follows."""
    reader.clock.install(time=1_800_000_000)
    reader.goto(fixture_url + "quizzes/basics/")
    form = reader.locator('form[data-srm-id="aws-does-all"]')
    form.get_by_label("True").check()
    form.get_by_role("button", name="Check").click()
    entry = queue(reader)["aws-does-all"]
    assert entry["box"] == 1 and entry["miss"] == ["mc-aws-does-all"]
    for _ in range(5):  # quick retries on the quiz page
        form.get_by_role("button", name="Try again").click()
        form.get_by_label("False").check()
        form.get_by_role("button", name="Check").click()
        expect(form).to_have_attribute("data-srm-result", "right")
    assert queue(reader)["aws-does-all"]["box"] == 1

    reader.goto(fixture_url + STUDY)
    review = reader.locator("[data-srm-component=review]")
    count = review.locator(".srm-review-count")
    expect(count).to_have_text("1 due today, 0 later.")
    expect(review.locator(".srm-review-beliefs li")).to_have_text(
        "AWS handles all security: 1 question in your queue"
    )
    due = review.locator('form[data-srm-id="aws-does-all"]')
    # Each item links to the page to reread.
    reread = review.get_by_role("link", name="Reread Fixture home")
    assert reread.get_attribute("href") == fixture_url
    expect(due.locator("input:checked")).to_have_count(0)  # fresh, not the quiz page's answer
    due.get_by_label("False").check()
    due.get_by_role("button", name="Check").click()
    expect(due.locator("[role=status]")).to_have_text("Correct.")
    assert queue(reader)["aws-does-all"]["box"] == 1  # answered wrong today: still due
    expect(count).to_have_text("1 due today, 0 later.")

    reader.clock.set_system_time(1_800_000_000 + DAY)
    reader.reload()
    expect(count).to_have_text("1 due today, 0 later.")
    due.get_by_label("False").check()
    due.get_by_role("button", name="Check").click()
    expect(count).to_have_text("Nothing is due today. 1 later.")  # without a reload
    entry = queue(reader)["aws-does-all"]
    assert (
        entry["box"] == 2 and entry["due"] == reader.evaluate("Math.floor(Date.now() / 864e5)") + 1
    )
    due.get_by_role("button", name="Try again").click()
    due.get_by_label("False").check()
    due.get_by_role("button", name="Check").click()
    expect(due.locator("[role=status]")).to_have_text("Correct.")
    assert queue(reader)["aws-does-all"]["box"] == 2  # not due any more: no second move
    reader.clock.set_system_time(1_800_000_000 + 2 * DAY)
    reader.reload()
    expect(count).to_have_text("1 due today, 0 later.")


@pytest.mark.browser
def test_the_review_shows_what_another_tab_adds_to_the_queue(reader: Page, fixture_url: str):
    reader.goto(fixture_url + STUDY)
    review = reader.locator("[data-srm-component=review]")
    count = review.locator(".srm-review-count")
    expect(count).to_have_text("Nothing is due today.")
    other = reader.context.new_page()
    other.goto(fixture_url + "quizzes/basics/")
    form = other.locator('form[data-srm-id="aws-does-all"]')
    form.get_by_label("True").check()
    form.get_by_role("button", name="Check").click()
    expect(count).to_have_text("1 due today, 0 later.")  # no reload
    due = review.locator('form[data-srm-id="aws-does-all"]')
    due.get_by_label("False").check()
    due.get_by_role("button", name="Check").click()
    expect(due.locator("[role=status]")).to_have_text("Correct.")
    expect(count).to_have_text("1 due today, 0 later.")


@pytest.mark.browser
def test_the_review_back_from_the_cache_shows_the_queue(
    browser_type, browser_type_launch_args, fixture_url: str
):
    browser = browser_type.launch(
        **browser_type_launch_args, ignore_default_args=["--disable-back-forward-cache"]
    )
    try:
        reader = browser.new_page()
        reader.goto(fixture_url + STUDY)
        reader.evaluate("window.srmCached = true")
        count = reader.locator("[data-srm-component=review] .srm-review-count")
        expect(count).to_have_text("Nothing is due today.")
        reader.goto(fixture_url + "quizzes/basics/")
        form = reader.locator('form[data-srm-id="aws-does-all"]')
        form.get_by_label("True").check()
        form.get_by_role("button", name="Check").click()
        expect(form).to_have_attribute("data-srm-result", "wrong")
        reader.go_back(wait_until="commit")  # a page from the cache fires no load event
        expect(count).to_have_text("1 due today, 0 later.")
        assert reader.evaluate("window.srmCached") is True  # the page came from the cache
    finally:
        browser.close()


@pytest.mark.browser
def test_a_wrong_sort_placement_enters_the_queue_and_comes_back(reader: Page, fixture_url: str):
    reader.goto(fixture_url + "quizzes/basics/")
    form = reader.locator("form#srm-sort-basics")
    form.get_by_label("Guarding data centre entrances").select_option("customer")
    form.get_by_label("Patching the guest OS").select_option("customer")
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", "wrong")
    assert queue(reader)["sort-basics"]["box"] == 1

    reader.goto(fixture_url + STUDY)
    review = reader.locator("[data-srm-component=review]")
    expect(review.locator(".srm-review-count")).to_have_text("1 due today, 0 later.")
    due = review.locator('form[data-srm-id="sort-basics"]')
    due.get_by_label("Guarding data centre entrances").select_option("aws")
    due.get_by_label("Patching the guest OS").select_option("customer")
    due.get_by_role("button", name="Check").click()
    expect(due.locator("[role=status]")).to_have_text("2 of 2 placed correctly.")
    expect(review.get_by_role("link", name="Reread Fixture home")).to_have_count(1)


@pytest.mark.browser
def test_a_flashcard_shown_again_later_comes_back_in_review(reader: Page, fixture_url: str):
    reader.clock.install(time=1_800_000_000)
    reader.goto(fixture_url + "quizzes/basics/")
    deck = reader.locator(".srm-flashcards")
    expect(deck.get_by_role("button", name="Show again later")).to_be_hidden()  # not turned
    deck.locator(".srm-card:visible summary").click()
    deck.get_by_role("button", name="Show again later").click()
    assert set(queue(reader)) == {"region"}
    reader.clock.set_system_time(1_800_000_000 + DAY)
    reader.goto(fixture_url + STUDY)
    review = reader.locator("[data-srm-component=review]")
    card = review.locator('[data-srm-card="region"]')
    expect(card.locator("summary")).to_have_text("AWS Region")
    expect(card.get_by_role("button", name="I knew it")).to_be_hidden()  # graded once turned
    card.locator("summary").click()
    card.get_by_role("button", name="I knew it").click()
    assert queue(reader)["region"]["box"] == 2
    expect(review.locator(".srm-review-count")).to_have_text("Nothing is due today. 1 later.")
    assert card.get_by_role("link", name="Reread AWS Region").get_attribute("href") == (
        fixture_url + "glossary/#srm-region"
    )


@pytest.mark.browser
def test_grading_a_flashcard_in_review_moves_focus_on_and_says_so(new_reader, fixture_url: str):
    stored = {
        "region": {"box": 1, "due": 0, "miss": []},
        "guest-os": {"box": 1, "due": 0, "miss": []},
    }
    page = new_reader(
        init_script=f"localStorage.setItem({QUEUE!r}, {json.dumps(json.dumps(stored))})"
    )
    page.goto(fixture_url + STUDY)
    review = page.locator("[data-srm-component=review]")
    first, second = (
        review.locator('[data-srm-card="region"]'),
        review.locator('[data-srm-card="guest-os"]'),
    )
    first.locator("summary").focus()
    page.keyboard.press("Enter")  # turn the card
    expect(first.get_by_role("button", name="I knew it")).to_be_visible()
    first.get_by_role("button", name="I knew it").focus()
    page.keyboard.press("Enter")
    expect(second.locator("summary")).to_be_focused()
    expect(review.locator(".srm-status")).to_have_text("Moved on. Now: Guest operating system")
    expect(review.locator(".srm-review-count")).to_have_text("1 due today, 1 later.")
    page.keyboard.press("Enter")
    expect(second.get_by_role("button", name="Show again later")).to_be_visible()
    second.get_by_role("button", name="Show again later").focus()
    page.keyboard.press("Enter")
    expect(review.locator(".srm-review-count")).to_be_focused()
    expect(review.locator(".srm-status")).to_have_text(
        "It stays in box 1, due today. Now: 1 due today, 1 later."
    )


@pytest.mark.browser
def test_the_review_queue_ignores_what_it_cannot_use(new_reader, fixture_url: str):
    stored = {
        "constructor": {"box": 1, "due": 0, "miss": []},
        "aws-does-all": {"box": 9, "due": 0, "miss": []},
        "who-writes-sg": {"box": 1, "due": "today", "miss": []},
        "nacl-stateless": {"box": 1, "due": 0, "miss": ["mc-aws-does-all"]},
    }
    page = new_reader(
        init_script=f"localStorage.setItem({QUEUE!r}, {json.dumps(json.dumps(stored))})"
    )
    page.goto(fixture_url + STUDY)
    review = page.locator("[data-srm-component=review]")
    expect(review.locator(".srm-review-count")).to_have_text("1 due today, 0 later.")
    expect(review.locator(".srm-question-slot form")).to_have_attribute(
        "data-srm-id", "nacl-stateless"
    )


@pytest.mark.browser
def test_only_the_exam_and_review_pages_fetch_the_study_module(reader: Page, fixture_url: str):
    fetched: list[str] = []
    reader.on("request", lambda request: fetched.append(request.url))
    reader.goto(fixture_url + "quizzes/basics/")
    expect(reader.locator("[data-srm-component=choice]").first).to_have_attribute(
        "data-srm-mounted", ""
    )
    assert not [url for url in fetched if url.endswith("srm-study.js")]
    reader.goto(fixture_url + EXAM)
    expect(reader.get_by_role("button", name="Start the exam")).to_be_visible()
    assert [url for url in fetched if url.endswith("srm-study.js")]
    # The compact bank, not the whole study page, is what the exam loads.
    start_exam(reader, "2")
    assert fetched.count(fixture_url + "study.srm-bank.js") == 1
    assert not [url for url in fetched if url.startswith(fixture_url + STUDY)]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_a_running_and_a_finished_exam_or_a_review(
    new_reader, fixture_url: str, scheme: str
):
    from test_components import axe_violations

    page = new_reader(color_scheme=scheme)
    page.add_init_script(
        f"localStorage.setItem({QUEUE!r}, JSON.stringify("
        "{'aws-does-all': {box: 1, due: 0, miss: ['mc-aws-does-all']}, "
        "region: {box: 1, due: 0, miss: []}}))"
    )
    page.goto(fixture_url + STUDY)
    page.add_style_tag(content="*, ::before, ::after { transition: none !important; }")
    expect(page.locator(".srm-review-run .srm-question-slot")).to_have_count(1)
    start_exam(page, "4", timed=True)
    assert axe_violations(page) == []
    page.on("dialog", lambda dialog: dialog.accept())  # hand in with nothing answered
    page.get_by_role("button", name="Hand in").click()
    expect(page.locator(".srm-exam-result")).to_be_visible()
    assert axe_violations(page) == []


@pytest.mark.browser
def test_an_exam_starts_offline_once_its_page_has_loaded(new_reader, fixture_url: str):
    page = new_reader()
    page.goto(fixture_url + EXAM)
    page.wait_for_load_state("networkidle")  # the bank is fetched as the exam mounts
    page.context.set_offline(True)
    start_exam(page, "6")
    assert set(exam_ids(page)) == HOME_ITEMS | NETWORK_ITEMS
    page.on("dialog", lambda dialog: dialog.accept())  # hand in with nothing answered
    page.get_by_role("button", name="Hand in").click()
    expect(page.locator(".srm-exam-result .srm-title")).to_have_text("Your result: 0 of 6 (0%)")


@pytest.mark.browser
def test_without_javascript_the_exam_page_points_to_the_bank(browser, fixture_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fixture_url + EXAM)
    expect(page.get_by_role("button", name="Start the exam")).to_be_hidden()
    page.get_by_role("link", name="every question, by topic").click()
    expect(page.locator("#srm-bank")).to_be_visible()
    expect(page.locator('.srm-bank-item form[data-srm-id="who-writes-sg"] summary')).to_have_text(
        "Show the answer"
    )
    context.close()


@pytest.mark.browser
def test_stacks_print_with_their_owners(reader: Page, fixture_url: str):
    reader.goto(fixture_url + "tables/")
    reader.emulate_media(media="print")
    stack = reader.locator("figure.srm-stack")
    expect(stack).to_be_visible()
    expect(stack.locator("#srm-customer-stack--software")).to_contain_text("Software: AWS")
    colour = stack.locator("#srm-customer-stack--software").evaluate(
        "node => getComputedStyle(node).printColorAdjust"
    )
    assert colour == "exact"


def test_the_bank_page_stays_out_of_search(fixture_site: Site):
    index = json.loads((fixture_site.root / "search" / "search_index.json").read_text())
    locations = {doc["location"].partition("#")[0] for doc in index["docs"]}
    assert "network/" in locations  # the questions are found where they are taught
    assert STUDY not in locations


@pytest.mark.browser
def test_flashcards_known_in_two_tabs_are_both_kept(new_reader, fixture_url: str):
    first = new_reader()
    second = first.context.new_page()
    for page in (first, second):
        page.goto(fixture_url + "quizzes/basics/")
        expect(page.locator("#srm-deck-basics")).to_have_attribute("data-srm-mounted", "")
    deck = first.locator("#srm-deck-basics")
    deck.locator(".srm-card:visible summary").click()
    deck.get_by_role("button", name="I knew it").click()  # card 1, in the first tab
    deck = second.locator("#srm-deck-basics")
    # The second tab shows the first's card as known (tests/test_client.py): its next card
    # is card 2.
    expect(deck.locator(".srm-deck-count")).to_have_text("Card 1 of 2 left; 1 of 3 known.")
    deck.locator(".srm-card:visible summary").click()
    deck.get_by_role("button", name="I knew it").click()  # card 2, in the second tab
    progress = json.loads(second.evaluate("localStorage.getItem('/.srm-progress-v1')"))
    assert sorted(progress["deck-basics"]["known"]) == ["guest-os", "region"]


@pytest.mark.browser
def test_a_tab_that_merges_another_s_known_cards_shows_them_at_once(new_reader, fixture_url):
    """A tab that has not yet heard of another's write (storage events come late, or not
    at all to a frozen tab) merges the cards known there when it stores its own, and shows
    the merged count and queue then, not after its next reload."""
    deaf = (
        "if (location.search === '?deaf') { const add = addEventListener;"
        " window.addEventListener = (type, ...rest) => type === 'storage' || add(type, ...rest); }"
    )
    first = new_reader(init_script=deaf)
    second = first.context.new_page()
    problems = watch(second, fixture_url)
    for page, query in ((first, ""), (second, "?deaf")):
        page.goto(fixture_url + "quizzes/basics/" + query)
        expect(page.locator("#srm-deck-basics")).to_have_attribute("data-srm-ready", "")
    deck = first.locator("#srm-deck-basics")
    deck.locator(".srm-card:visible summary").click()
    deck.get_by_role("button", name="I knew it").click()  # card 1, in the first tab
    deck = second.locator("#srm-deck-basics")
    count = deck.locator(".srm-deck-count")
    expect(count).to_have_text("Card 1 of 3 left; 0 of 3 known.")  # it has not heard
    deck.get_by_role("button", name="Next").click()
    deck.locator(".srm-card:visible summary").click()
    deck.get_by_role("button", name="I knew it").click()  # card 2, in the second tab
    expect(count).to_have_text("Card 1 of 1 left; 2 of 3 known.")
    expect(deck.locator(".srm-card:visible")).to_have_attribute("data-srm-card", "hypervisor")
    progress = json.loads(second.evaluate("localStorage.getItem('/.srm-progress-v1')"))
    assert sorted(progress["deck-basics"]["known"]) == ["guest-os", "region"]
    assert problems == []


@pytest.mark.browser
def test_a_bank_that_cannot_load_is_said_and_start_can_be_pressed_again(browser, fixture_url):
    context = browser.new_context()  # the refused request logs an error, as it should
    page = context.new_page()
    failures: list[str] = []

    def refuse_once(route) -> None:
        if failures:
            route.continue_()
        else:
            failures.append(route.request.url)
            route.abort()

    page.route("**/study.srm-bank.js", refuse_once)
    page.goto(fixture_url + EXAM)
    exam = page.locator("[data-srm-component=exam]")
    expect(exam.get_by_role("status")).to_have_text(
        "The questions could not be loaded. Reload the page to try again."
    )
    start_exam(page, "2")  # tried again, and loaded
    context.close()


COUNT_STORAGE_EVENTS = (
    "let srmHeard = 0; addEventListener('storage', () => {"
    " document.documentElement.setAttribute('data-heard-' + ++srmHeard, ''); });"
)
"""Marks the page's root with `data-heard-<n>` at its n-th storage event: a state a locator
waits on (`wait_for_function` with an expression needs eval, which the site's Content
Security Policy refuses once it has to poll)."""


def heard(page: Page, events: int) -> None:
    """Waits until `page` has handled `events` storage events: the test's listener runs
    first, the site's right after it in the same dispatch, done by the next evaluation."""
    expect(page.locator(f"html[data-heard-{events}]")).to_have_count(1)
    page.evaluate("0")


@pytest.mark.browser
def test_a_timed_exam_in_another_tab_leaves_the_review_s_picks_and_focus(
    new_reader, fixture_url: str
):
    """A timed exam stores its attempt every second. A review in another tab shows only
    the queue: it keeps the reader's unchecked pick and focus through those writes, and
    refreshes an item only when that item's own entry changes."""
    stored_queue = {"aws-does-all": {"box": 1, "due": 0, "miss": []}}
    value = json.dumps(json.dumps(stored_queue))
    seed = f"localStorage.getItem({QUEUE!r}) || localStorage.setItem({QUEUE!r}, {value});"
    exam = new_reader(init_script=seed + COUNT_STORAGE_EVENTS)
    study = exam.context.new_page()
    study.goto(fixture_url + STUDY)
    due = study.locator('[data-srm-component=review] form[data-srm-id="aws-does-all"]')
    expect(due).to_have_attribute("data-srm-ready", "")
    due.evaluate("form => form.setAttribute('data-test-first', '')")  # gone if redrawn
    due.get_by_label("False").check()
    expect(due.get_by_label("False")).to_be_focused()
    exam.clock.install()
    exam.goto(fixture_url + EXAM)
    pause_clock(exam)
    start_exam(exam, "2", timed=True)
    exam.clock.run_for(3_000)
    expect(exam.locator(".srm-exam-clock")).to_have_text("Time left: 0:17")
    heard(study, 4)  # the start and three ticks
    expect(study.get_by_role("button", name="Resume your exam of 2 questions")).to_be_visible()
    expect(due.get_by_label("False")).to_be_checked()
    expect(due.get_by_label("False")).to_be_focused()
    assert due.evaluate("form => form.hasAttribute('data-test-first')")
    # Its own entry changed in another tab (answered wrong there again): shown afresh.
    quiz = exam.context.new_page()
    quiz.goto(fixture_url + "quizzes/basics/")
    form = quiz.locator('form[data-srm-id="aws-does-all"]')
    form.get_by_label("True").check()
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", "wrong")
    expect(
        study.locator('[data-srm-component=review] form[data-srm-id="aws-does-all"]')
    ).to_have_count(1)
    expect(study.locator("form[data-test-first]")).to_have_count(0)
    expect(due.get_by_label("False")).not_to_be_checked()


@pytest.mark.browser
def test_another_tab_s_known_card_keeps_this_deck_s_place(new_reader, fixture_url: str):
    """Another tab marks a card known: this tab's deck drops it from its queue and stays
    on the card it shows, still turned, with its own "Show again later" order."""
    first = new_reader(init_script=COUNT_STORAGE_EVENTS)
    second = first.context.new_page()
    for page in (first, second):
        page.goto(fixture_url + "quizzes/basics/")
        expect(page.locator("#srm-deck-basics")).to_have_attribute("data-srm-ready", "")
    deck = second.locator("#srm-deck-basics")
    visible = deck.locator(".srm-card:visible")
    cards = deck.locator(".srm-card").evaluate_all("cards => cards.map(c => c.dataset.srmCard)")
    deck.locator(".srm-card:visible summary").click()
    deck.get_by_role("button", name="Show again later").click()  # card 1 to the end
    deck.get_by_role("button", name="Next").click()  # card 3
    expect(visible).to_have_attribute("data-srm-card", cards[2])
    visible.locator("summary").click()
    expect(visible.locator("details")).to_have_attribute("open", "")
    other = first.locator("#srm-deck-basics")
    other.get_by_role("button", name="Next").click()  # card 2, in the first tab
    expect(other.locator(".srm-card:visible")).to_have_attribute("data-srm-card", cards[1])
    other.locator(".srm-card:visible summary").click()
    other.get_by_role("button", name="I knew it").click()
    expect(deck.locator(".srm-deck-count")).to_have_text("Card 1 of 2 left; 1 of 3 known.")
    expect(visible).to_have_attribute("data-srm-card", cards[2])
    expect(visible.locator("details")).to_have_attribute("open", "")
    deck.get_by_role("button", name="Next").click()  # then card 1, sent to the end here
    expect(visible).to_have_attribute("data-srm-card", cards[0])


@pytest.mark.browser
def test_the_review_day_is_the_reader_s_local_day(new_reader, fixture_url: str):
    """In Sydney, 09:30 and 11:30 of one morning are one day, though UTC's day changes at
    11:00 there: wrong at 09:30 and right at 11:30 stays in box 1, due today; right the
    next morning moves it up."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    morning = datetime(2027, 1, 15, 9, 30, tzinfo=ZoneInfo("Australia/Sydney")).timestamp()
    page = new_reader(timezone_id="Australia/Sydney")
    page.clock.install(time=morning)
    page.goto(fixture_url + "quizzes/basics/")
    form = page.locator('form[data-srm-id="aws-does-all"]')
    form.get_by_label("True").check()
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", "wrong")
    page.clock.set_system_time(morning + 2 * 3600)  # 11:30, the same morning
    page.goto(fixture_url + STUDY)
    review = page.locator("[data-srm-component=review]")
    expect(review.locator(".srm-review-count")).to_have_text("1 due today, 0 later.")
    due = review.locator('form[data-srm-id="aws-does-all"]')
    due.get_by_label("False").check()
    due.get_by_role("button", name="Check").click()
    expect(due).to_have_attribute("data-srm-result", "right")
    assert queue(page)["aws-does-all"]["box"] == 1
    expect(review.locator(".srm-review-count")).to_have_text("1 due today, 0 later.")
    page.clock.set_system_time(morning + DAY)  # the next morning
    page.reload()
    due.get_by_label("False").check()
    due.get_by_role("button", name="Check").click()
    expect(review.locator(".srm-review-count")).to_have_text("Nothing is due today. 1 later.")
    assert queue(page)["aws-does-all"]["box"] == 2


@pytest.mark.browser
def test_start_after_a_failed_load_asks_before_discarding_the_saved_attempt(browser, fixture_url):
    attempt = {
        "exam": {
            "id": 1,
            "ids": ["ec2-patching", "who-writes-sg"],
            "picked": {"ec2-patching": ["b"], "who-writes-sg": []},
            "flags": [],
        }
    }
    context = browser.new_context()  # the refused request logs an error, as it should
    context.add_init_script(
        f"localStorage.setItem('/.srm-attempt-v1', {json.dumps(json.dumps(attempt))})"
    )
    page = context.new_page()
    refused: list[str] = []

    def refuse_once(route) -> None:
        if refused:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/study.srm-bank.js", refuse_once)
    page.goto(fixture_url + EXAM)
    exam = page.locator("[data-srm-component=exam]")
    expect(exam.get_by_role("status")).to_have_text(
        "The questions could not be loaded. Reload the page to try again."
    )
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Start the exam").click()
    resume = page.get_by_role("button", name="Resume your exam of 2 questions")
    expect(resume).to_be_focused()
    assert asked == [
        "Start a new exam? Your saved one, 1 of 2 questions answered, will be discarded."
    ]
    expect(page.locator(".srm-exam-run")).to_be_hidden()
    assert stored(page, "srm-attempt-v1") == attempt
    context.close()


@pytest.mark.browser
def test_a_link_to_the_exam_page_itself_asks_before_ending_the_exam(reader: Page, fixture_url: str):
    """Only a link with a fragment stays in the page: the sidebar's link to the exam page
    loads it anew, which ends the exam."""
    reader.goto(fixture_url + EXAM)
    start_exam(reader, "2")
    here = reader.locator("a.md-nav__link").evaluate_all(
        "links => links.findIndex(a => a.href === location.href)"
    )
    assert here >= 0
    asked: list[str] = []
    reader.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    reader.locator("a.md-nav__link").nth(here).click()
    assert asked == ["Leave the exam? Your answers are kept."]
    expect(reader.locator(".srm-exam-run")).to_be_visible()
    expect(reader.locator(".srm-exam-sheet button").first).to_have_text("Question 1: not answered")


DOT = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154"
    "789c6360000002000001e221bc330000000049454e44ae426082"
)
"""A 1x1 PNG."""


@pytest.mark.browser
def test_a_questions_image_shows_in_exam_and_review_copies(browser, tmp_path):
    """The bank's addresses are relative to its tools page (study/); exam and review copies
    of a question with an image from the content folder (quizzes/img/, two levels down)
    show it on pages three levels down (deep/er/...), where an address left relative to the
    tools page would lead nowhere."""
    from conftest import fixture_project, served_build

    config = fixture_project(tmp_path)
    content = config.parent / "content"
    (content / "quizzes" / "img").mkdir()
    (content / "quizzes" / "img" / "dot.png").write_bytes(DOT)
    basics = content / "quizzes" / "basics.yml"
    basics.write_text(
        basics.read_text().replace(
            "Which task is the customer's?", "Which task is the customer's? ![A dot](img/dot.png)"
        )
    )
    (content / "deep" / "er").mkdir(parents=True)
    (content / "exam.md").rename(content / "deep" / "er" / "exam.md")
    (content / "deep" / "er" / "review.md").write_text("# Review\n\n```srm\nreview\n```\n")
    with served_build(config, tmp_path / "served", "site/") as site:
        context = browser.new_context()
        context.add_init_script(
            "localStorage.setItem('/site/.srm-review-v1', JSON.stringify("
            "{'ec2-patching': {box: 1, due: 0, miss: []}}))"
        )
        page = context.new_page()
        problems = watch(page, site.url)
        # Resolves when the image has loaded, rejects when it cannot: no waiting on time.
        loaded = "img => img.decode().then(() => img.naturalWidth, () => 0)"

        page.goto(site.url + "deep/er/exam/")
        start_exam(page, "6")
        image = page.locator('.srm-exam-run form[data-srm-id="ec2-patching"] img')
        assert image.get_attribute("src") == site.url + "quizzes/img/dot.png"
        assert image.evaluate(loaded) > 0

        page.goto(site.url + "deep/er/review/")
        review = page.locator("[data-srm-component=review]")
        image = review.locator('form[data-srm-id="ec2-patching"] img')
        expect(image).to_be_visible()
        assert image.get_attribute("src") == site.url + "quizzes/img/dot.png"
        assert image.evaluate(loaded) > 0
        context.close()
    assert problems == []


@pytest.mark.browser
def test_an_item_answered_in_another_tab_moves_the_readers_focus_on(reader: Page, fixture_url: str):
    """Another tab answers the review item this tab's reader is on (a control of it has
    focus): the item goes here too (or comes back fresh, when it is due again). Focus moves
    to the review's count, never to the page, and the review's live region says why."""
    reader.goto(fixture_url + STUDY)
    day = reader.evaluate("Math.floor((Date.now() - new Date().getTimezoneOffset() * 6e4) / 864e5)")
    due = {"box": 1, "due": day, "miss": []}
    entries = dict.fromkeys(["aws-does-all", "ec2-patching", "region", "guest-os"], due)
    reader.evaluate(f"localStorage.setItem({QUEUE!r}, {json.dumps(json.dumps(entries))})")
    other = reader.context.new_page()
    problems = watch(other, fixture_url)
    for page in (reader, other):
        page.goto(fixture_url + STUDY)
        review = page.locator("[data-srm-component=review]")
        expect(review.locator(".srm-review-count")).to_have_text("4 due today, 0 later.")
        expect(review.locator("form:not([data-srm-ready])")).to_have_count(0)
    mine = reader.locator("[data-srm-component=review]")
    theirs = other.locator("[data-srm-component=review]")
    said = reader.locator("[data-srm-component=review] > [role=status]")  # its own

    def form(review, ident: str):
        return review.locator(f'form[data-srm-id="{ident}"]')

    def answer(ident: str, label: str) -> None:
        said.evaluate("status => { status.textContent = '' }")  # to hear the next
        other.bring_to_front()  # a background tab's animation frames are throttled
        form(theirs, ident).get_by_label(label).check()
        form(theirs, ident).get_by_role("button", name="Check").click()
        expect(form(theirs, ident)).to_have_attribute("data-srm-result", re.compile("."))
        reader.bring_to_front()

    def inside() -> bool:
        return reader.evaluate(
            "document.activeElement !== document.body && document.querySelector("
            "'[data-srm-component=review]').contains(document.activeElement)"
        )

    count = mine.locator(".srm-review-count")
    # Answered right there: out of today's review.
    form(mine, "aws-does-all").get_by_label("True").focus()
    answer("aws-does-all", "False")
    expect(form(mine, "aws-does-all")).to_have_count(0)
    expect(said).to_have_text("Answered in another tab.")
    expect(count).to_be_focused()
    assert inside()
    # Answered wrong there: due again, a fresh copy takes its place.
    form(mine, "ec2-patching").evaluate("form => { form.dataset.old = '' }")
    form(mine, "ec2-patching").locator("input").nth(1).focus()
    answer("ec2-patching", "Securing the hypervisor")
    expect(mine.locator('form[data-srm-id="ec2-patching"]:not([data-old])')).to_have_count(1)
    expect(mine.locator("form[data-old]")).to_have_count(0)
    expect(count).to_have_text("3 due today, 1 later.")
    expect(said).to_have_text("Answered in another tab.")
    expect(count).to_be_focused()
    assert inside()
    # A card graded there.
    card = mine.locator(".srm-card").first
    card.locator("summary").click()
    card.get_by_role("button", name="I knew it").focus()
    said.evaluate("status => { status.textContent = '' }")
    other.bring_to_front()
    theirs.locator(".srm-card").first.locator("summary").click()
    theirs.locator(".srm-card").first.get_by_role("button", name="I knew it").click()
    reader.bring_to_front()
    expect(mine.locator(".srm-card summary")).to_have_text(["Guest operating system"])
    expect(said).to_have_text("Answered in another tab.")
    expect(count).to_be_focused()
    assert inside()
    # Graded here, the last card says so in the review's own region too, not in the first
    # question's (each question has one).
    mine.locator(".srm-card summary").click()
    mine.get_by_role("button", name="Show again later").click()
    expect(said).to_have_text(re.compile(r"^It stays in box 1, due today\. Now: \d due today"))
    expect(count).to_be_focused()
    assert problems == []
