"""The practice exam, the review queue, misconception tags and layer stacks.

The fixture site has six answerable items over two topics: four on the home page (two
questions, a true/false statement and a scenario) and two on the network page. Its tools
file holds an exam of 2, 4 or 6 questions and the review; the exam is also embedded on a
page of its own, away from the bank it draws from."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

from conftest import Site

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
DAY_MS = 86_400_000


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
    assert exam.select_one("[data-srm-nojs] a")["href"] == "../study/#srm-bank"
    assert [i["value"] for i in exam.select("input[type=radio]")] == ["2", "4", "6"]
    review = fixture_site.soup(STUDY + "index.html").select_one("[data-srm-component=review]")
    assert review["data-srm-bank"] == "#srm-bank"
    assert "needs JavaScript" in review.select_one("[data-srm-nojs]").get_text()


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
    reader.get_by_role("button", name="Hand in").click()

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
    # Wrong answers went to the review queue, due today; the result is kept.
    assert set(queue(reader)) == NETWORK_ITEMS
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
    start_exam(reader, "2", timed=True)
    expect(reader.locator(".srm-exam-clock")).to_have_text("Time left: 0:20")
    reader.clock.run_for(10_000)
    expect(reader.locator(".srm-exam-clock")).to_have_text("Time left: 0:10")
    reader.clock.run_for(11_000)
    expect(reader.locator(".srm-exam-result .srm-title")).to_have_text("Your result: 0 of 2 (0%)")


@pytest.mark.browser
def test_a_wrong_answer_is_due_for_review_and_a_right_one_moves_it_on(
    reader: Page, fixture_url: str
):
    reader.clock.install(time=1_800_000_000_000)
    reader.goto(fixture_url + "quizzes/basics/")
    form = reader.locator('form[data-srm-id="aws-does-all"]')
    form.get_by_label("True").check()
    form.get_by_role("button", name="Check").click()
    entry = queue(reader)["aws-does-all"]
    assert entry["box"] == 1 and entry["miss"] == ["mc-aws-does-all"]

    reader.goto(fixture_url + STUDY)
    review = reader.locator("[data-srm-component=review]")
    expect(review.locator(".srm-review-count")).to_have_text("1 due today, 0 later.")
    expect(review.locator(".srm-review-beliefs li")).to_have_text(
        "AWS handles all security: 1 question in your queue"
    )
    due = review.locator('form[data-srm-id="aws-does-all"]')
    expect(due.locator("input:checked")).to_have_count(0)  # fresh, not the quiz page's answer
    due.get_by_label("False").check()
    due.get_by_role("button", name="Check").click()
    expect(due.locator("[role=status]")).to_have_text("Correct.")
    entry = queue(reader)["aws-does-all"]
    assert entry["box"] == 2 and entry["due"] == entry["due"] // 1 and entry["due"] > 0
    reader.reload()
    expect(review.locator(".srm-review-count")).to_have_text("Nothing is due today. 1 later.")
    reader.clock.set_system_time(1_800_000_000_000 + DAY_MS)
    reader.reload()
    expect(review.locator(".srm-review-count")).to_have_text("1 due today, 0 later.")


@pytest.mark.browser
def test_a_flashcard_shown_again_later_comes_back_in_review(reader: Page, fixture_url: str):
    reader.goto(fixture_url + "quizzes/basics/")
    reader.locator(".srm-flashcards").get_by_role("button", name="Show again later").click()
    assert set(queue(reader)) == {"region"}
    reader.goto(fixture_url + STUDY)
    review = reader.locator("[data-srm-component=review]")
    card = review.locator('[data-srm-card="region"]')
    expect(card.locator("summary")).to_have_text("AWS Region")
    card.get_by_role("button", name="I knew it").click()
    assert queue(reader)["region"]["box"] == 2


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
