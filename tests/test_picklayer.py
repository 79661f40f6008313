"""The pick-layer question type (issue #17, the optional fourth): a statement, and the reader
picks the layer it is about on the layer stack drawn top first. The HTML works without the
script, the answer key is in <details>, the stack keeps its order, and the question takes
part in progress, the review queue, the practice exam and misconception tags through the
choice kind its script registers.

The site is the fixture site with one more quiz page (tests/fixtures/picklayer), so the
exam, the review and the progress pages of the fixture take part too."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from test_components import axe_violations

from conftest import (
    ROOT,
    Site,
    fixture_project,
    fresh_pages,
    ready_form,
    served_build,
    stored,
    watched,
)
from srm_build.bias import Figure, bias_figures
from srm_build.items.picklayer import MOST_MAX, PickLayer

PICKLAYER = Path(__file__).resolve().parent / "fixtures" / "picklayer"
PICK = "pick/"
STACK = ["Virtualization", "Guest operating system", "Customer data"]
"""The fixture's stack as the page draws it, top first (its layers file lists it from the
bottom up, as the real one does)."""


def picklayer_project(root: Path) -> Path:
    """The fixture site plus the pick-layer quiz and its page, under `root`; returns its
    mkdocs.yml."""
    return fixture_project(
        root, {"quizzes/pick.yml": PICKLAYER / "pick.yml", "pick.md": PICKLAYER / "pick.md"}
    )


@pytest.fixture(scope="module")
def pick_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("picklayer")
    with served_build(picklayer_project(root), root / "site") as site:
        yield site


# ---------------------------------------------------------------- HTML, without the script


def test_the_stack_is_a_radio_group_drawn_top_first(pick_site: Site) -> None:
    form = pick_site.soup("pick/index.html").select_one("form#srm-pick-updates")
    assert form["data-srm-component"] == "picklayer"
    assert form["data-srm-misconception"] == "mc-aws-does-all"
    # The stack's order is the content: never marked for shuffling.
    assert not form.has_attr("data-srm-shuffle")
    legend = form.select_one("fieldset > legend")
    assert legend.get_text(" ", strip=True).startswith("Which layer of the stack is this about?")
    statement = legend.select_one(".srm-statement")
    assert statement.get_text() == "Installing this month's updates inside an instance"
    assert statement.select_one("em").get_text() == "instance"  # Markdown, rendered inline
    rows = form.select("ol.srm-options > li.srm-option")
    assert [" ".join(li.get_text().split()) for li in rows] == STACK
    # The whole row is the label of its radio button; one group, one name.
    for row in rows:
        radio = row.select_one("label > input[type=radio]")
        assert radio["value"] == row["data-srm-option"]
        assert radio["name"] == "srm-pick-updates"


def test_offered_layers_keep_the_stack_s_order(pick_site: Site) -> None:
    """`layers` is written [layer-os, layer-virtualization]; the page draws the stack's
    order, top first, with only those layers."""
    form = pick_site.soup("pick/index.html").select_one("form#srm-pick-apart")
    rows = [li["data-srm-option"] for li in form.select("ol.srm-options > li")]
    assert rows == ["layer-virtualization", "layer-os"]
    assert form.select_one("legend").get_text(" ", strip=True).startswith("Which layer does this?")


def test_answer_key_is_readable_in_details(pick_site: Site) -> None:
    form = pick_site.soup("pick/index.html").select_one("form#srm-pick-updates")
    key = form.select_one("details.srm-key")
    assert key.select_one("summary").get_text() == "Show the answer"
    entries = {li["data-srm-option"]: li for li in key.select(".srm-key-options li")}
    assert [e["data-srm-correct"] for e in entries.values()] == ["false", "true", "false"]
    right = entries["layer-os"]
    assert "Correct: Guest operating system" in " ".join(right.get_text().split())
    assert "Updates inside an instance go into its operating system." in right.get_text()
    # A wrong layer's feedback is that layer's own description.
    assert "What the customer stores and processes." in entries["layer-data"].get_text()
    assert key.select_one(".srm-misconception-line a")["href"].endswith("#srm-mc-aws-does-all")
    assert "Source:" in key.select_one(".srm-source").get_text()
    actions = form.select_one(".srm-actions")
    assert actions.has_attr("hidden") and actions.has_attr("data-srm-js")


def test_worksheet_answer_key_names_each_layer(pick_site: Site) -> None:
    key = pick_site.soup("quizzes/pick/index.html").select_one(".srm-answer-key ol")
    answers = [" ".join(li.get_text().split()) for li in key.select("li")]
    assert answers == ["Guest operating system", "Virtualization", "Customer data"]


def test_the_page_links_the_component_and_its_stylesheet(pick_site: Site) -> None:
    soup = pick_site.soup("pick/index.html")
    scripts = " ".join(s["src"] for s in soup.select("script[src]"))
    assert "picklayer" in scripts
    assert soup.select_one("link[data-srm-picklayer]")


def test_the_pick_page_loads_the_component_within_its_budget(pick_site: Site) -> None:
    """What the component adds to a page is within 1 KiB gzipped: its script (a thin kind
    over the choice kind) and its stylesheet."""
    folder = pick_site.root / "assets" / "srm"

    def weight(*names: str) -> int:
        return sum(len(gzip.compress((folder / n).read_bytes(), compresslevel=9)) for n in names)

    assert weight("srm-picklayer.js", "srm-picklayer.css") < 1024


def test_content_text_is_escaped(tmp_path: Path) -> None:
    """The statement and the explanation land as text, never as markup."""
    from srm_build.pipeline import load_content
    from srm_build.render import Renderer

    config = picklayer_project(tmp_path)
    quiz = config.parent / "content" / "quizzes" / "pick.yml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace(
            "Keeping two virtual machines on one host apart",
            "Keeping <b>two</b> virtual machines apart",
        ),
        encoding="utf-8",
    )
    content = load_content(config.parent / "content")
    html = Renderer(content).item(content.by_id["pick-apart"], item_href=lambda ident: "#")
    assert "<b>two</b>" not in html and "&lt;b&gt;two&lt;/b&gt;" in html


# ---------------------------------------------------------------- the model and its figures


def _question(ident: str, answer: str, layers: list[str] | None = None) -> PickLayer:
    data = {"id": ident, "type": "pick-layer", "statement": "S", "answer": answer}
    data["explanation"] = "E"
    if layers is not None:
        data["layers"] = layers
    return PickLayer.model_validate(data)


def _stack():
    from srm_build.items.layer import Layer

    return [
        Layer.model_validate(
            {"id": f"layer-{n}", "name": f"L{n}", "description": "D", "source": "s"}
        )
        for n in range(4)
    ]


def _checked(question: PickLayer, stack) -> PickLayer:
    class Content:  # what `checks` reads of the content: its layers
        layers = stack

    list(question.checks(Content()))  # type: ignore[arg-type]
    return question


def test_the_stack_is_offered_top_first_and_restricted_in_its_order() -> None:
    stack = _stack()
    whole = _checked(_question("a", "layer-1"), stack)
    assert [layer.id for layer in whole.offered()] == ["layer-3", "layer-2", "layer-1", "layer-0"]
    assert whole.position() == 2
    some = _checked(_question("b", "layer-1", ["layer-0", "layer-3", "layer-1"]), stack)
    assert [layer.id for layer in some.offered()] == ["layer-3", "layer-1", "layer-0"]
    assert some.position() == 1
    # Never reordered: text may say where a layer sits.
    assert whole.reordered(None) is None


def test_figures_warn_when_one_layer_or_one_position_is_mostly_right() -> None:
    """A reader who always picks one layer, or one place on the stack, must score little:
    past MOST_MAX, check warns."""
    stack = _stack()
    keyed = [_checked(_question(f"q{n}", "layer-2"), stack) for n in range(3)]
    keyed.append(_checked(_question("q3", "layer-0"), stack))
    layer, place = (Figure(*f) for f in PickLayer.bias_figures(keyed))
    assert (layer.count, layer.total) == (3, 4) and layer.warn
    assert (place.count, place.total) == (3, 4) and place.warn
    assert layer.chance == pytest.approx(1 / 4)
    # One position, different layers: the position figure alone warns.
    placed = [
        _checked(_question("p0", "layer-3"), stack),
        _checked(_question("p1", "layer-2", ["layer-2", "layer-1"]), stack),
        _checked(_question("p2", "layer-1", ["layer-1", "layer-0"]), stack),
    ]
    layer, place = (Figure(*f) for f in PickLayer.bias_figures(placed))
    assert not layer.warn and place.warn and place.count == 3
    spread = [_checked(_question(f"s{n}", f"layer-{n}"), stack) for n in range(4)]
    assert not any(Figure(*f).warn for f in PickLayer.bias_figures(spread))
    assert MOST_MAX < 0.5


def test_check_prints_the_pick_layer_figures_for_the_content() -> None:
    from srm_build.pipeline import load_content

    content = load_content(ROOT / "content")
    figures = {f.name: f for f in bias_figures(content)}
    for name in (
        "pick-layer, the most common right layer",
        "pick-layer, the most common right position from the top",
    ):
        assert figures[name].total == len(content.of_type(PickLayer)) >= 6
        assert not figures[name].warn, str(figures[name])


def test_check_warns_when_every_pick_layer_answer_is_one_layer(tmp_path: Path) -> None:
    from conftest import run_check

    project = picklayer_project(tmp_path).parent
    quiz = project / "content" / "quizzes" / "pick.yml"
    text = quiz.read_text(encoding="utf-8")
    for answer in ("layer-virtualization", "layer-data"):
        text = text.replace(f"answer: {answer}", "answer: layer-os")
    quiz.write_text(text, encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 0, result.stderr
    assert (
        "warning: bank bias past its limit: pick-layer, the most common right layer: 3 of 3 "
        f"(100%; chance 39%; limit {MOST_MAX:.0%})" in result.stderr.splitlines()
    ), result.stderr


# ---------------------------------------------------------------- in the browser


@pytest.fixture
def pick_reader(page: Page, pick_site: Site):
    """A page of the pick-layer site that fails the test on any console or page error."""
    with watched(page, pick_site.url):
        yield page


@pytest.fixture
def pick_new_reader(browser: Browser, pick_site: Site):
    """Pages of the pick-layer site in fresh contexts (touch, a colour scheme), each checked
    for errors."""
    with fresh_pages(browser, pick_site.url) as make:
        yield make


def mounted(page: Page, ident: str) -> Locator:
    return ready_form(page, f"form#srm-{ident}")


def layer(form: Locator, name: str) -> Locator:
    return form.get_by_role("radio", name=name, exact=True)


def progress(page: Page) -> dict:
    return stored(page, "/.srm-progress-v1")


def review_queue(page: Page) -> dict:
    return stored(page, "/.srm-review-v1")


@pytest.mark.browser
def test_right_by_mouse_anywhere_on_the_row(pick_reader: Page, pick_site: Site) -> None:
    pick_reader.goto(pick_site.url + PICK)
    form = mounted(pick_reader, "pick-updates")
    # A click on the row's far end, away from the button and the name, picks the layer.
    row = form.locator('li.srm-option[data-srm-option="layer-os"]')
    box = row.bounding_box()
    assert box
    pick_reader.mouse.click(box["x"] + box["width"] - 5, box["y"] + box["height"] / 2)
    expect(layer(form, "Guest operating system")).to_be_checked()
    form.get_by_role("button", name="Check").click()
    expect(form.get_by_role("status")).to_have_text("Correct.")
    expect(form).to_have_attribute("data-srm-result", "right")
    expect(row.locator(".srm-feedback")).to_contain_text(
        "Correct.Updates inside an instance go into its operating system."
    )
    expect(layer(form, "Customer data")).to_be_disabled()
    expect(pick_reader.locator(".srm-progress-text")).to_have_text(
        "Progress on this page: 1 of 3 questions done."
    )
    assert progress(pick_reader)["pick-updates"]["picked"] == ["layer-os"]
    # The stack keeps its order once mounted too.
    expect(form.locator("li.srm-option > label")).to_have_text(STACK)


@pytest.mark.browser
def test_wrong_layer_says_why_queues_the_misconception_and_tries_again(
    pick_reader: Page, pick_site: Site
) -> None:
    pick_reader.goto(pick_site.url + PICK)
    form = mounted(pick_reader, "pick-updates")
    form.get_by_role("button", name="Check").click()
    expect(form.get_by_role("status")).to_have_text("Choose an option, then check.")
    layer(form, "Virtualization").check()
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", "wrong")
    picked = form.locator('li.srm-option[data-srm-option="layer-virtualization"]')
    expect(picked.locator(".srm-feedback")).to_contain_text("Incorrect.")
    right = form.locator('li.srm-option[data-srm-option="layer-os"]')
    expect(right.locator(".srm-feedback")).to_contain_text("Missed: this one is correct.")
    entry = review_queue(pick_reader)["pick-updates"]
    assert entry["box"] == 1 and entry["miss"] == ["mc-aws-does-all"]
    form.get_by_role("button", name="Try again").click()
    expect(form.locator(".srm-feedback")).to_have_count(0)
    expect(layer(form, "Virtualization")).not_to_be_checked()
    expect(form.locator("li.srm-option > label")).to_have_text(STACK)


@pytest.mark.browser
def test_by_keyboard_alone_with_the_arrow_keys(pick_reader: Page, pick_site: Site) -> None:
    """Tab into the group, arrows move along the stack (a native radio group), Tab on to
    Check, Enter checks; the result is in the form's status line, which is announced."""
    pick_reader.goto(pick_site.url + PICK)
    form = mounted(pick_reader, "pick-updates")
    layer(form, "Virtualization").focus()
    pick_reader.keyboard.press("ArrowDown")
    expect(layer(form, "Guest operating system")).to_be_focused()
    expect(layer(form, "Guest operating system")).to_be_checked()
    pick_reader.keyboard.press("Tab")
    expect(form.get_by_role("button", name="Check")).to_be_focused()
    pick_reader.keyboard.press("Enter")
    status = form.get_by_role("status")
    expect(status).to_have_text("Correct.")
    assert status.get_attribute("role") == "status"


@pytest.mark.browser
def test_by_touch_on_a_phone(pick_new_reader, pick_site: Site) -> None:
    page = pick_new_reader(has_touch=True, is_mobile=True, viewport={"width": 320, "height": 740})
    page.goto(pick_site.url + PICK)
    form = mounted(page, "pick-records")
    # Every radio button and button is a target of 44 px on a touch screen.
    for target in [*form.get_by_role("radio").all(), form.get_by_role("button", name="Check")]:
        box = target.bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 44, box
    form.locator('li.srm-option[data-srm-option="layer-data"] label').tap()
    expect(layer(form, "Customer data")).to_be_checked()
    form.get_by_role("button", name="Check").tap()
    expect(form.get_by_role("status")).to_have_text("Correct.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.browser
def test_without_javascript_a_layer_can_be_picked_and_the_answer_read(
    browser: Browser, pick_site: Site
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(pick_site.url + PICK)
    form = page.locator("form#srm-pick-updates")
    form.get_by_text("Guest operating system", exact=True).click()
    expect(layer(form, "Guest operating system")).to_be_checked()
    expect(form.get_by_role("button", name="Check")).to_be_hidden()
    key = form.locator(".srm-key")
    right = key.locator('[data-srm-correct="true"]')
    expect(right).to_be_hidden()
    key.locator("summary").click()
    expect(right).to_contain_text("Correct: Guest operating system")
    context.close()


@pytest.mark.browser
def test_prints_as_a_worksheet_with_the_answer_key(pick_reader: Page, pick_site: Site) -> None:
    pick_reader.goto(pick_site.url + PICK)
    form = mounted(pick_reader, "pick-updates")
    layer(form, "Customer data").check()
    form.get_by_role("button", name="Check").click()
    expect(form.locator(".srm-feedback")).to_have_count(2)
    pick_reader.emulate_media(media="print")
    # The stack prints whole, every layer; the reader's verdicts and the controls do not.
    expect(form.locator("li.srm-option > label")).to_have_text(STACK)
    for hidden in (".srm-feedback", ".srm-actions", ".srm-status", ".srm-key summary"):
        expect(form.locator(hidden).first).to_be_hidden()
    # The key: on a chapter page each question's own, its right layer only.
    expect(form.locator('.srm-key [data-srm-correct="true"]')).to_be_visible()
    expect(form.locator('.srm-key [data-srm-correct="true"]')).to_contain_text(
        "Guest operating system"
    )
    expect(form.locator('.srm-key [data-srm-correct="false"]').first).to_be_hidden()
    # On the quiz's own page, the quiz's answer key at its end.
    pick_reader.emulate_media(media="screen")
    pick_reader.goto(pick_site.url + "quizzes/pick/")
    mounted(pick_reader, "pick-apart")
    pick_reader.emulate_media(media="print")
    expect(pick_reader.locator(".srm-answer-key li")).to_have_text(
        ["Guest operating system", "Virtualization", "Customer data"]
    )


@pytest.mark.browser
def test_instant_navigation_mounts_the_stack(pick_reader: Page, pick_site: Site) -> None:
    pick_reader.goto(pick_site.url)
    expect(pick_reader.locator("link[data-srm-picklayer]")).to_have_count(0)
    pick_reader.evaluate("window.srmStayed = true")
    nav = pick_reader.locator("nav.md-nav--primary")
    nav.get_by_role("link", name="Pick a layer", exact=True).first.click()
    expect(pick_reader).to_have_url(pick_site.url + PICK)
    form = mounted(pick_reader, "pick-records")
    assert pick_reader.evaluate("window.srmStayed") is True
    expect(pick_reader.locator("link[data-srm-picklayer]")).to_have_count(1)
    expect(form.locator(".srm-statement")).to_have_css("font-style", "italic")  # styled


@pytest.mark.browser
def test_a_wrong_pick_comes_back_in_review_and_is_answered_there(
    pick_reader: Page, pick_site: Site
) -> None:
    pick_reader.goto(pick_site.url + PICK)
    form = mounted(pick_reader, "pick-updates")
    layer(form, "Customer data").check()
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", "wrong")
    pick_reader.goto(pick_site.url + "study/")
    review = pick_reader.locator("[data-srm-component=review]")
    copy = review.locator('form[data-srm-id="pick-updates"]')
    expect(copy).to_have_attribute("data-srm-ready", "")
    expect(review).to_contain_text("AWS handles all security")  # the misconception, counted
    expect(copy.locator("li.srm-option > label")).to_have_text(STACK)  # the stack, in its order
    layer(copy, "Guest operating system").check()
    copy.get_by_role("button", name="Check").click()
    expect(copy.get_by_role("status")).to_have_text("Correct.")


@pytest.mark.browser
def test_the_practice_exam_marks_pick_layer_questions(pick_reader: Page, pick_site: Site) -> None:
    """An attempt of two pick-layer questions (put in storage as the exam keeps it), resumed,
    answered one right and one wrong, and handed in: each is marked through the kind."""
    pick_reader.goto(pick_site.url + "exam/")
    exam = pick_reader.locator("[data-srm-component=exam]")
    key = exam.get_attribute("data-srm-id")
    attempt = {
        "id": 1,
        "ids": ["pick-updates", "pick-apart"],
        "flags": [],
        "picked": {"pick-updates": [], "pick-apart": []},  # none answered yet
    }
    value = json.dumps(json.dumps({key: attempt}))
    pick_reader.evaluate(f"localStorage.setItem('/.srm-attempt-v1', {value})")
    pick_reader.reload()
    resume = pick_reader.locator(".srm-exam-resume")
    expect(resume).to_have_text("Resume your exam of 2 questions")
    resume.click()
    run = pick_reader.locator(".srm-exam-run")
    updates = run.locator("form[data-srm-id=pick-updates]")
    expect(updates.locator("li.srm-option > label")).to_have_text(STACK)
    layer(updates, "Guest operating system").check()
    layer(run.locator("form[data-srm-id=pick-apart]"), "Guest operating system").check()
    pick_reader.once("dialog", lambda dialog: dialog.accept())
    pick_reader.get_by_role("button", name="Hand in").click()
    sheet = pick_reader.locator(".srm-exam-sheet button")
    expect(sheet.nth(0)).to_have_text("Question 1: right")
    expect(sheet.nth(1)).to_have_text("Question 2: wrong")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_before_and_after_checking(
    pick_new_reader, pick_site: Site, scheme: str
) -> None:
    page = pick_new_reader(color_scheme=scheme)
    page.goto(pick_site.url + PICK)
    form = mounted(page, "pick-updates")
    page.add_style_tag(content="*, ::before, ::after { transition: none !important; }")
    assert axe_violations(page) == []
    layer(form, "Customer data").check()
    form.get_by_role("button", name="Check").click()
    other = mounted(page, "pick-apart")
    layer(other, "Virtualization").check()
    other.get_by_role("button", name="Check").click()
    expect(other).to_have_attribute("data-srm-result", "right")
    assert axe_violations(page) == []
