"""The fill-in question type (issue #17): a sentence with gaps, each filled from a list of
choices or by typing. The HTML works without the script, the answer key is in <details>,
the checks and exports are the unit's own.

The site is the fixture site with one more quiz page (tests/fixtures/fillin), so the exam,
the review and the progress pages of the fixture take part too."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from test_components import axe_violations, tab_to

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
from srm_build.items.fillin import FillIn, normalized

FILLIN = Path(__file__).resolve().parent / "fixtures" / "fillin"


def fillin_project(root: Path) -> Path:
    """The fixture site plus the fill-in quiz and its page, under `root`; returns its
    mkdocs.yml."""
    return fixture_project(
        root, {"quizzes/fill.yml": FILLIN / "fill.yml", "fill.md": FILLIN / "fill.md"}
    )


@pytest.fixture(scope="module")
def fillin_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("fillin")
    with served_build(fillin_project(root), root / "site") as site:
        yield site


# ---------------------------------------------------------------- HTML, without the script


def test_gaps_are_native_controls_in_the_sentence(fillin_site: Site) -> None:
    form = fillin_site.soup("fill/index.html").select_one("form#srm-fill-of-in")
    assert form["data-srm-component"] == "fillin"
    sentence = form.select_one("fieldset .srm-fillin-text")
    selects = sentence.select("select.srm-gap")
    assert [s["id"] for s in selects] == ["srm-fill-of-in--g1", "srm-fill-of-in--g2"]
    # Each gap named by the words it follows (FillIn.gap_names), not "Gap 1", "Gap 2".
    assert [s["aria-label"] for s in selects] == [
        "Blank after \u201cis responsible for security\u201d",
        "Blank after \u201cthe customer for security\u201d",
    ]
    # A first empty entry, then the choices as written (the script shuffles them).
    assert [o["value"] for o in selects[0].select("option")] == ["", "in", "of", "for"]
    # The words around the gaps keep their spaces and their Markdown.
    assert " ".join(sentence.get_text(" ").split()).startswith(
        "AWS is responsible for security Choose an answer in of for (in / of / for) the cloud"
    )
    assert sentence.select_one("em").get_text() == "cloud"
    assert form.has_attr("data-srm-shuffle")


def test_typed_gap_is_a_text_box(fillin_site: Site) -> None:
    form = fillin_site.soup("fill/index.html").select_one("form#srm-fill-typed")
    box = form.select_one("input.srm-gap")
    assert box["type"] == "text" and box["data-srm-gap"] == "layer"
    # Only "The" before it: named by the words it comes before.
    assert box["aria-label"] == "Blank before \u201ckeeps virtual machines on\u201d"
    # One width for every typed gap: a width cut to the answer would hint at it.
    short, long = (
        _fill_in([{"id": "a", "accepted": [answer]}]).parts()[0].size
        for answer in ("MFA", "multi-factor authentication")
    )
    assert int(box["size"]) == short == long
    assert box["spellcheck"] == "false" and box["autocapitalize"] == "none"
    # The question's default prompt is its legend.
    assert form.select_one("legend").get_text(strip=True) == "Fill in each gap."


def test_answer_key_is_readable_in_details(fillin_site: Site) -> None:
    soup = fillin_site.soup("fill/index.html")
    key = soup.select_one("form#srm-fill-of-in details.srm-key")
    assert key.select_one("summary").get_text() == "Show the answer"
    assert key.select_one(".srm-key-sentence").get_text() == (
        "AWS is responsible for security of the cloud, and the customer for security in the cloud."
    )
    gaps = {li["data-srm-gap"]: li for li in key.select(".srm-key-gaps li")}
    assert [a.get_text() for a in gaps["g1"].select(".srm-accepted")] == ["of"]
    assert "AWS secures the cloud itself." in gaps["g1"].get_text()
    typed = soup.select_one("form#srm-fill-typed .srm-key-gaps li")
    assert [a.get_text() for a in typed.select(".srm-accepted")] == [
        "hypervisor",
        "virtualization layer",
    ]
    who = soup.select_one('form#srm-fill-who .srm-key-gaps li[data-srm-gap="who"]')
    assert who["data-srm-misconception"] == "mc-aws-does-all"
    # The controls that need the script are hidden until it runs.
    actions = soup.select_one("form#srm-fill-of-in .srm-actions")
    assert actions.has_attr("hidden") and actions.has_attr("data-srm-js")


def test_worksheet_answer_key_lists_each_gap(fillin_site: Site) -> None:
    key = fillin_site.soup("quizzes/fill/index.html").select_one(".srm-answer-key ol")
    answers = [" ".join(li.get_text().split()) for li in key.select("li")]
    assert answers == ["of; in", "the customer", "hypervisor"]


def _after(words: str) -> str:
    return f"Blank after \u201c{words}\u201d"


@pytest.mark.parametrize(
    ("pieces", "names"),
    [
        # The last words before it, as text (markup gone, entities read), punctuation cut.
        (["On <em>Amazon</em> EC2, ", " patches the guest OS."], [_after("On Amazon EC2")]),
        (["Keep A &amp; B in ", "."], [_after("A & B in")]),
        # Fewer than two words lead to it: the words it comes before.
        (
            ["The ", " runs many virtual machines on one host."],
            ["Blank before \u201cruns many virtual machines\u201d"],
        ),
        # Only the words between it and the gap before count...
        (
            ["Security ", " and security ", "."],
            ["Blank before \u201cand security\u201d", _after("and security")],
        ),
        # ...and names that would repeat in one sentence get their place.
        (
            ["x y ", " x y ", "."],
            [_after("x y") + " (blank 1 of 2)", _after("x y") + " (blank 2 of 2)"],
        ),
        (["", ""], ["Blank"]),
    ],
    ids=["after", "text", "before", "between-gaps", "repeated", "no-words"],
)
def test_each_gap_is_named_by_the_words_around_it(pieces: list[str], names: list[str]) -> None:
    assert _fill_in([{"id": "a", "accepted": ["x"]}]).gap_names(pieces) == names


def test_content_text_is_escaped(tmp_path: Path) -> None:
    """Text, choices and accepted answers land as text, never as markup."""
    from srm_build.pipeline import load_content
    from srm_build.render import Renderer

    config = fillin_project(tmp_path)
    quiz = config.parent / "content" / "quizzes" / "fill.yml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace(
            "choices: [AWS, the customer]", "choices: [AWS, the customer, '<b>x</b>']"
        ),
        encoding="utf-8",
    )
    content = load_content(config.parent / "content")
    html = Renderer(content).item(content.by_id["fill-who"], item_href=lambda ident: "#")
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


# ---------------------------------------------------------------- checks and figures


def _fill_in(gaps: list[dict]) -> FillIn:
    text = " ".join(f"[[{gap['id']}]]" for gap in gaps)
    return FillIn.model_validate({"id": "q", "type": "fill-in", "text": text, "gaps": gaps})


SPELLINGS = [
    # (what a reader types, an accepted answer, one answer?)
    (" Guest  OS ", "guestos", True),
    ("of", "in", False),
    ("infrastructure-as-a-service", "Infrastructure as a Service", True),
    ("multifactor authentication", "multi-factor authentication", True),
    ("hypervisor\u2026", "hypervisor", True),  # the ellipsis smart punctuation makes of ...
    ("Multi\u2010factor authentication", "multi-factor authentication", True),
    ("IaaS.", "IaaS", True),
    ("the customer!", "the customer", True),
    ("AWS ?", "aws", True),
    ("S.3", "S3", False),  # only punctuation at the end is dropped
    (".aws", "aws", False),
    ("PaaS", "SaaS", False),
    ("hyper visor", "hypervisor", True),
    ("", ".", True),
    # Quotes (straight, curly, low, angled) and brackets around an answer, or after it.
    ('"of"', "of", True),
    ("\u201cthe customer\u201d", "the customer", True),
    ("\u2018of\u2019", "of", True),
    ("'IaaS'", "IaaS", True),
    ("\u201eof\u201c", "of", True),
    ("\u00abof\u00bb", "of", True),
    ("(hypervisor)", "hypervisor", True),
    ("[IaaS]", "iaas", True),
    ("{in}", "in", True),
    ("hypervisor)", "hypervisor", True),
    ('("Multi-factor authentication.")', "multifactor authentication", True),
    ("\u201cof.\u201d", "of", True),  # end punctuation inside the quotes
    ("the customer's", "the customers", False),  # an apostrophe inside stays
    ("S(3)", "S3", False),  # inside, brackets stay
    ("(a)ws", "aws", False),
    ("()", "", True),
]
"""Spellings the build and the client must judge alike (`normalized`, srm-fillin.js `norm`)."""


@pytest.mark.parametrize(("given", "accepted", "same"), SPELLINGS)
def test_answers_compare_with_case_spaces_hyphens_quotes_brackets_end_punctuation_ignored(
    given: str, accepted: str, same: bool
) -> None:
    assert (normalized(given) == normalized(accepted)) is same


@pytest.mark.browser
def test_the_client_normalizes_answers_as_the_build_does(
    fill_reader: Page, fillin_site: Site
) -> None:
    fill_reader.goto(fillin_site.url + FILL)
    mounted(fill_reader, "fill-typed")
    texts = sorted({text for row in SPELLINGS for text in row[:2]})
    client = fill_reader.evaluate(
        "texts => texts.map(t => window.srm.defined.get('fillin').norm(t))", texts
    )
    assert client == [normalized(text) for text in texts]


@pytest.mark.browser
def test_enter_in_a_typed_gap_checks_the_answer(fill_reader: Page, fillin_site: Site) -> None:
    """Enter in a text box does what Check does; the page is not submitted (no reload, no
    answer in the address). Checking disables the box, which had focus: focus goes to Check,
    where a click on Check leaves it, not to the page (WCAG 2.4.3)."""
    fill_reader.goto(fillin_site.url + FILL)
    fill_reader.evaluate("window.srmSamePage = true")
    typed = mounted(fill_reader, "fill-typed")
    gap(typed, 1).fill("Hypervisor.")
    gap(typed, 1).press("Enter")
    expect(typed.get_by_role("status")).to_have_text("Correct.")
    expect(typed).to_have_attribute("data-srm-result", "right")
    expect(typed.get_by_role("button", name="Check")).to_be_focused()
    assert fill_reader.evaluate("window.srmSamePage") is True
    assert "?" not in fill_reader.url


def test_a_typed_gap_takes_what_the_client_keeps(fillin_site: Site) -> None:
    form = fillin_site.soup("fill/index.html").select_one("form#srm-fill-typed")
    assert form.select_one("input.srm-gap")["maxlength"] == str(FillIn.longest)


@pytest.mark.browser
def test_an_over_long_stored_answer_is_dropped_alone(fill_reader: Page, fillin_site: Site) -> None:
    """Storage may hold a typed answer longer than the box takes (written by hand, or by an
    older version): in the exam, that answer is dropped and the attempt is still offered
    back, with its other answers."""
    fill_reader.goto(fillin_site.url + "exam/")
    exam = fill_reader.locator("[data-srm-component=exam]")
    key = exam.get_attribute("data-srm-id")
    attempt = {
        "id": 1,
        "ids": ["fill-typed", "fill-of-in"],
        "flags": [],
        "picked": {"fill-typed": ["x" * (FillIn.longest + 1)], "fill-of-in": ["of", "in"]},
    }
    value = json.dumps(json.dumps({key: attempt}))
    fill_reader.evaluate(f"localStorage.setItem('/.srm-attempt-v1', {value})")
    fill_reader.reload()
    resume = fill_reader.locator(".srm-exam-resume")
    expect(resume).to_have_text("Resume your exam of 2 questions")
    resume.click()
    run = fill_reader.locator(".srm-exam-run")
    expect(gap(run.locator("form[data-srm-id=fill-typed]"), 1)).to_have_value("")
    expect(gap(run.locator("form[data-srm-id=fill-of-in]"), 2)).to_have_value("in")


def test_first_choice_figure_counts_gaps_with_choices() -> None:
    """The position figure a reader who always picks a gap's first choice would score;
    check warns past 40%."""
    keyed = [
        _fill_in([{"id": "a", "choices": ["of", "in"], "accepted": ["of"]}]),
        _fill_in([{"id": "a", "choices": ["in", "of", "for"], "accepted": ["in"]}]),
        _fill_in([{"id": "a", "accepted": ["typed"]}]),  # typed: no position to pick
    ]
    ((name, count, total, chance, limit),) = FillIn.bias_figures(keyed)
    assert (count, total) == (2, 2) and chance == pytest.approx((1 / 2 + 1 / 3) / 2)
    assert Figure(name, count, total, chance, limit).warn
    varied = [_fill_in([{"id": "a", "choices": ["in", "of"], "accepted": ["of"]}])] * 3
    assert not Figure(*FillIn.bias_figures(varied)[0]).warn


def test_check_prints_the_fill_in_figure_for_the_content() -> None:
    from srm_build.pipeline import load_content

    content = load_content(ROOT / "content")
    names = [figure.name for figure in bias_figures(content)]
    assert "fill-in, first choice of a gap accepted" in names
    assert len(content.of_type(FillIn)) >= 6
    assert not any(figure.warn for figure in bias_figures(content))


# ---------------------------------------------------------------- in the browser

FILL = "fill/"
ALL_RIGHT = {"fill-of-in": ["of", "in"], "fill-who": ["the customer"], "fill-typed": ["hypervisor"]}


@pytest.fixture
def fill_reader(page: Page, fillin_site: Site):
    """A page of the fill-in site that fails the test on any console or page error."""
    with watched(page, fillin_site.url):
        yield page


@pytest.fixture
def fill_new_reader(browser: Browser, fillin_site: Site):
    """Pages of the fill-in site in fresh contexts (touch, a colour scheme, an init script),
    each checked for errors as `fill_reader` (`fresh_pages`)."""
    with fresh_pages(browser, fillin_site.url) as make:
        yield make


def mounted(page: Page, ident: str) -> Locator:
    return ready_form(page, f"form#srm-{ident}")


def gap(form: Locator, number: int) -> Locator:
    """The `number`th gap of the sentence (1-based)."""
    return form.locator(".srm-fillin-text .srm-gap").nth(number - 1)


def progress(page: Page) -> dict:
    return stored(page, "/.srm-progress-v1")


def review_queue(page: Page) -> dict:
    return stored(page, "/.srm-review-v1")


@pytest.mark.browser
def test_right_by_mouse_with_lists_and_typing(fill_reader: Page, fillin_site: Site) -> None:
    fill_reader.goto(fillin_site.url + FILL)
    form = mounted(fill_reader, "fill-of-in")
    gap(form, 1).click()
    gap(form, 1).select_option("of")
    gap(form, 2).select_option("in")
    form.get_by_role("button", name="Check").click()
    expect(form.get_by_role("status")).to_have_text("2 of 2 gaps correct.")
    expect(form).to_have_attribute("data-srm-result", "right")
    expect(gap(form, 1)).to_be_disabled()
    feedback = form.locator(".srm-feedback")
    expect(feedback).to_have_count(2)
    expect(feedback.first).to_contain_text(
        "Blank after \u201cis responsible for security\u201d: Correct.AWS secures the cloud itself."
    )
    # Typed: accepted with case and spaces ignored, whichever accepted answer it is.
    typed = mounted(fill_reader, "fill-typed")
    gap(typed, 1).fill("  Virtualization  LAYER ")
    typed.get_by_role("button", name="Check").click()
    expect(typed.get_by_role("status")).to_have_text("Correct.")
    expect(gap(typed, 1)).to_have_class(re.compile("srm-right"))
    # The quiz's score counts both, and progress keeps each answer by the question's id.
    expect(fill_reader.locator(".srm-score")).to_have_text("Score: 2 of 3 correct, 2 answered.")
    expect(fill_reader.locator(".srm-progress-text")).to_have_text(
        "Progress on this page: 2 of 3 questions done."
    )
    stored = progress(fill_reader)
    assert stored["fill-of-in"]["picked"] == ["of", "in"]
    assert stored["fill-typed"]["picked"] == ["  Virtualization  LAYER "]


@pytest.mark.browser
def test_wrong_answer_says_why_queues_the_misconception_and_tries_again(
    fill_reader: Page, fillin_site: Site
) -> None:
    fill_reader.goto(fillin_site.url + FILL)
    form = mounted(fill_reader, "fill-who")
    form.get_by_role("button", name="Check").click()
    expect(form.get_by_role("status")).to_have_text("Fill in every gap, then check. 1 gap left.")
    assert form.get_attribute("data-srm-result") is None
    gap(form, 1).select_option("AWS")
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", "wrong")
    expect(form.get_by_role("status")).to_have_text(
        "Not quite. The feedback under the sentence says why."
    )
    expect(form.locator(".srm-feedback")).to_have_text("Incorrect: the answer is the customer.")
    expect(gap(form, 1)).to_have_class(re.compile("srm-wrong"))
    # On the gap, a screen reader hears its verdict as its description.
    expect(gap(form, 1)).to_have_accessible_description("Incorrect: the answer is the customer.")
    entry = review_queue(fill_reader)["fill-who"]
    assert entry["box"] == 1 and entry["miss"] == ["mc-aws-does-all"]
    form.get_by_role("button", name="Try again").click()
    expect(gap(form, 1)).to_have_value("")
    expect(gap(form, 1)).to_be_focused()
    expect(form.locator(".srm-feedback")).to_have_count(0)
    expect(gap(form, 1)).not_to_have_attribute("aria-describedby", re.compile(".*"))


@pytest.mark.browser
def test_by_keyboard_alone(fill_reader: Page, fillin_site: Site) -> None:
    fill_reader.goto(fillin_site.url + FILL)
    form = mounted(fill_reader, "fill-of-in")
    first = gap(form, 1)
    first.focus()
    # What a screen reader says on the gap: where it is in the sentence, not "Gap 1".
    expect(first).to_have_accessible_name("Blank after \u201cis responsible for security\u201d")
    expect(gap(form, 2)).to_have_accessible_name(
        "Blank after \u201cthe customer for security\u201d"
    )
    # Down the list to "of", wherever the shuffle put it.
    for _ in range(4):
        if first.input_value() == "of":
            break
        fill_reader.keyboard.press("ArrowDown")
    expect(first).to_have_value("of")
    fill_reader.keyboard.press("Tab")
    expect(gap(form, 2)).to_be_focused()
    for _ in range(4):
        if gap(form, 2).input_value() == "for":
            break
        fill_reader.keyboard.press("ArrowDown")
    tab_to(fill_reader, "Check")
    fill_reader.keyboard.press("Enter")
    expect(form.get_by_role("status")).to_have_text("1 of 2 gaps correct.")
    expect(form.locator(".srm-feedback").nth(1)).to_contain_text(
        "Blank after \u201cthe customer for security\u201d: Incorrect: the answer is in."
    )
    # A typed gap: Enter in the box checks, as the Check button does.
    typed = mounted(fill_reader, "fill-typed")
    gap(typed, 1).focus()
    fill_reader.keyboard.type("HYPERVISOR")
    fill_reader.keyboard.press("Enter")
    expect(typed.get_by_role("status")).to_have_text("Correct.")


@pytest.mark.browser
def test_by_touch_on_a_phone(fill_new_reader, fillin_site: Site) -> None:
    page = fill_new_reader(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800})
    page.goto(fillin_site.url + FILL)
    form = mounted(page, "fill-of-in")
    # Every gap and button is a target of at least 24 by 24 px (WCAG 2.5.8).
    for target in [gap(form, 1), gap(form, 2), form.get_by_role("button", name="Check")]:
        box = target.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, box
    gap(form, 1).tap()
    gap(form, 1).select_option("of")
    gap(form, 2).select_option("in")
    form.get_by_role("button", name="Check").tap()
    expect(form.get_by_role("status")).to_have_text("2 of 2 gaps correct.")
    typed = mounted(page, "fill-typed")
    gap(typed, 1).tap()
    expect(gap(typed, 1)).to_be_focused()
    page.keyboard.type("hypervisor")
    typed.get_by_role("button", name="Check").tap()
    expect(typed.get_by_role("status")).to_have_text("Correct.")
    # The sentence wraps on a narrow screen: nothing runs off the side.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.browser
def test_without_javascript_the_gaps_work_and_the_answer_can_be_read(
    browser: Browser, fillin_site: Site
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fillin_site.url + FILL)
    form = page.locator("form#srm-fill-of-in")
    gap(form, 1).select_option("of")
    expect(gap(form, 1)).to_have_value("of")
    gap(page.locator("form#srm-fill-typed"), 1).fill("hypervisor")
    # Checking needs the script, so its button stays hidden; the answer is one click away.
    expect(form.get_by_role("button", name="Check")).to_be_hidden()
    key = form.locator(".srm-key")
    expect(key.locator(".srm-key-sentence")).to_be_hidden()
    key.locator("summary").click()
    expect(key.locator(".srm-key-sentence")).to_have_text(
        "AWS is responsible for security of the cloud, and the customer for security in the cloud."
    )
    # Each entry named as its gap is, read as it stands: no number beside a "Gap 1".
    expect(key.locator(".srm-key-gaps li").first).to_contain_text(
        "Blank after \u201cis responsible for security\u201d: of"
    )
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "control"),
    [
        (FILL, "form#srm-fill-typed input.srm-gap"),  # a typed gap: "hypervisor" typed first
        ("quizzes/basics/", "form.srm-choice input"),  # an option: Enter submits there too
    ],
    ids=["typed-gap", "option"],
)
def test_without_javascript_enter_submits_nothing(
    browser: Browser, fillin_site: Site, path: str, control: str
) -> None:
    """HTML's implicit submission: Enter in a text box (or, in Chromium, an option) submits
    its form. Without the script nothing would stop it: the page loaded anew with the answer
    in its address (a GET query, so in the history and the server's logs too). A question
    form has nowhere to submit to, so the page stays as it is. Playwright's press waits for
    a navigation it started, so on the old markup the address had changed by now."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fillin_site.url + path)
    navigated: list[str] = []
    page.on("framenavigated", lambda frame: navigated.append(frame.url))
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    box = page.locator(control).first
    if box.get_attribute("type") == "text":
        box.fill("hypervisor")
    else:
        box.focus()
    box.press("Enter")
    expect(page).to_have_url(fillin_site.url + path)
    assert navigated == [] and [url for url in requested if "?" in url] == []
    if box.get_attribute("type") == "text":
        expect(box).to_have_value("hypervisor")  # the same page: what was typed is there
    context.close()


@pytest.mark.browser
def test_prints_as_a_worksheet_without_the_reader_s_answers(
    fill_reader: Page, fillin_site: Site
) -> None:
    fill_reader.goto(fillin_site.url + FILL)
    form = mounted(fill_reader, "fill-of-in")
    gap(form, 1).select_option("for")
    gap(form, 2).select_option("in")
    form.get_by_role("button", name="Check").click()
    expect(form.locator(".srm-feedback")).to_have_count(2)
    fill_reader.emulate_media(media="print")
    # Each gap a blank line: the reader's choice is not printed, the choices are.
    for number in (1, 2):
        expect(gap(form, number)).to_have_css("color", "rgba(0, 0, 0, 0)")
    choices = form.locator(".srm-gap-choices")
    expect(choices).to_have_count(2)
    for one in choices.all():
        expect(one).to_be_visible()
        assert sorted(one.inner_text().strip(" ()").split(" / ")) == ["for", "in", "of"]
    for hidden in (".srm-feedback", ".srm-actions", ".srm-status", ".srm-key summary"):
        expect(form.locator(hidden).first).to_be_hidden()
    # The key: on a chapter page each question's own, with its right answers.
    key = form.locator(".srm-key-gaps li").first
    expect(key).to_be_visible()
    # One name and no number: the entry is named as its gap is, with no list marker beside
    # it (a quiz's list of questions lettered a nested list: "a. Gap 1: of").
    assert key.inner_text().startswith("Blank after \u201cis responsible for security\u201d: of")
    assert key.evaluate("node => getComputedStyle(node).listStyleType") == "none"
    expect(key.locator(".srm-feedback-text")).to_be_hidden()
    fill_reader.emulate_media(media="screen")
    expect(choices.first).to_be_hidden()


@pytest.mark.browser
def test_quiz_page_prints_the_answer_key_of_each_gap(fill_reader: Page, fillin_site: Site) -> None:
    fill_reader.goto(fillin_site.url + "quizzes/fill/")
    mounted(fill_reader, "fill-who")
    fill_reader.emulate_media(media="print")
    key = fill_reader.locator(".srm-answer-key")
    expect(key).to_be_visible()
    expect(key.locator("li")).to_have_text(["of; in", "the customer", "hypervisor"])
    expect(fill_reader.locator("form#srm-fill-who .srm-key")).to_be_hidden()


@pytest.mark.browser
def test_choices_are_shuffled_per_reader_and_answers_survive_a_reload(
    fill_new_reader, fillin_site: Site
) -> None:
    # Math.random() always 0: Fisher-Yates then moves every choice (in, of, for -> of, for, in).
    page = fill_new_reader(init_script="Math.random = () => 0;")
    page.goto(fillin_site.url + FILL)
    form = mounted(page, "fill-of-in")
    options = gap(form, 1).locator("option")
    expect(options).to_have_text(["Choose an answer", "of", "for", "in"])
    gap(form, 1).select_option("of")
    gap(form, 2).select_option("for")
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", "wrong")
    page.reload()
    form = mounted(page, "fill-of-in")
    # Shown again as answered and checked, quietly: the same verdicts, the same values.
    expect(gap(form, 1)).to_have_value("of")
    expect(gap(form, 2)).to_have_value("for")
    expect(form).to_have_attribute("data-srm-result", "wrong")
    expect(form.locator(".srm-feedback")).to_have_count(2)
    # A stored answer the form cannot take is dropped, never shown.
    page.evaluate(
        """localStorage.setItem('/.srm-progress-v1', JSON.stringify({
             'fill-of-in': {picked: ['<img src=x onerror=alert(1)>', 'in']},
             'fill-typed': {picked: 'hypervisor'}}))"""
    )
    page.reload()
    form = mounted(page, "fill-of-in")
    expect(gap(form, 1)).to_have_value("")
    assert form.get_attribute("data-srm-result") is None
    typed = mounted(page, "fill-typed")
    expect(gap(typed, 1)).to_have_value("")


@pytest.mark.browser
def test_instant_navigation_mounts_the_gaps(fill_reader: Page, fillin_site: Site) -> None:
    """From a page without fill-in questions, the theme's instant navigation swaps the page in
    (the document stays: a mark set on it survives) and keeps the first page's head: the
    component's script and stylesheet come when it mounts."""
    fill_reader.goto(fillin_site.url)
    expect(fill_reader.locator("link[data-srm-fillin]")).to_have_count(0)
    fill_reader.evaluate("window.srmStayed = true")
    nav = fill_reader.locator("nav.md-nav--primary")
    nav.get_by_role("link", name="Fill in", exact=True).first.click()
    expect(fill_reader).to_have_url(fillin_site.url + FILL)
    form = mounted(fill_reader, "fill-typed")
    assert fill_reader.evaluate("window.srmStayed") is True
    expect(fill_reader.locator("link[data-srm-fillin]")).to_have_count(1)
    gap(form, 1).fill("hypervisor")
    form.get_by_role("button", name="Check").click()
    expect(form.get_by_role("status")).to_have_text("Correct.")
    expect(gap(form, 1)).to_have_css("border-top-style", "solid")  # styled: the sheet applies


@pytest.mark.browser
def test_a_wrong_gap_comes_back_in_review_and_is_answered_there(
    fill_reader: Page, fillin_site: Site
) -> None:
    fill_reader.goto(fillin_site.url + FILL)
    form = mounted(fill_reader, "fill-who")
    gap(form, 1).select_option("AWS")
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", "wrong")
    fill_reader.goto(fillin_site.url + "study/")
    review = fill_reader.locator("[data-srm-component=review]")
    copy = review.locator('form[data-srm-id="fill-who"]')
    expect(copy).to_have_attribute("data-srm-ready", "")
    expect(review).to_contain_text("AWS handles all security")  # the misconception, counted
    gap(copy, 1).select_option("the customer")
    copy.get_by_role("button", name="Check").click()
    expect(copy.get_by_role("status")).to_have_text("Correct.")


@pytest.mark.browser
def test_typing_is_kept_when_another_tab_answers_the_gap(
    fill_reader: Page, fillin_site: Site
) -> None:
    """The reader is typing in a gap when another tab checks the same question: what they
    typed stays, and focus, while they are in the form (WCAG 2.4.3, 3.2.2); its live
    region says why; the stored answer shows once focus leaves the form."""
    other = fill_reader.context.new_page()
    for page in (fill_reader, other):
        page.goto(fillin_site.url + FILL)
    form = mounted(fill_reader, "fill-typed")
    gap(form, 1).focus()
    fill_reader.keyboard.type("hyper")
    other.bring_to_front()
    theirs = mounted(other, "fill-typed")
    gap(theirs, 1).fill("hypervisor")
    theirs.get_by_role("button", name="Check").click()
    expect(theirs).to_have_attribute("data-srm-result", "right")
    fill_reader.bring_to_front()
    expect(form.get_by_role("status")).to_have_text("Answered in another tab.")
    expect(gap(form, 1)).to_be_focused()
    expect(gap(form, 1)).to_have_value("hyper")
    gap(mounted(fill_reader, "fill-who"), 1).focus()
    expect(form).to_have_attribute("data-srm-result", "right")
    expect(gap(form, 1)).to_have_value("hypervisor")
    other.close()


@pytest.mark.browser
def test_enter_in_a_typed_gap_in_review_keeps_focus_in_the_copy(
    fill_reader: Page, fillin_site: Site
) -> None:
    """The review's copy of a typed gap checks on Enter as the chapter's does, and focus
    goes to its Check button, not to the page, when checking disables the box (WCAG 2.4.3)."""
    fill_reader.goto(fillin_site.url + FILL)
    form = mounted(fill_reader, "fill-typed")
    gap(form, 1).fill("the kernel")
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", "wrong")
    fill_reader.goto(fillin_site.url + "study/")
    copy = fill_reader.locator('[data-srm-component=review] form[data-srm-id="fill-typed"]')
    expect(copy).to_have_attribute("data-srm-ready", "")
    gap(copy, 1).fill("hypervisor")
    gap(copy, 1).press("Enter")
    expect(copy).to_have_attribute("data-srm-result", "right")
    expect(copy.get_by_role("button", name="Check")).to_be_focused()


@pytest.mark.browser
def test_the_practice_exam_draws_and_marks_fill_in_questions(
    fill_reader: Page, fillin_site: Site
) -> None:
    fill_reader.goto(fillin_site.url + "exam/")
    fill_reader.get_by_label("6", exact=True).check()
    fill_reader.get_by_role("button", name="Start the exam").click()
    slots = fill_reader.locator(".srm-exam-run .srm-question-slot")
    expect(slots).to_have_count(6)
    drawn = fill_reader.eval_on_selector_all(
        ".srm-exam-run .srm-question-slot form", "forms => forms.map(f => f.dataset.srmId)"
    )
    fills = [ident for ident in drawn if ident in ALL_RIGHT]
    assert len(fills) == 2  # three topics, two questions from each: the fill page's are these
    right, wrong = fills
    exam = fill_reader.locator(".srm-exam-run")
    for number, value in enumerate(ALL_RIGHT[right], 1):
        control = gap(exam.locator(f'form[data-srm-id="{right}"]'), number)
        if control.evaluate("node => node.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value.upper())
    gap(exam.locator(f'form[data-srm-id="{wrong}"]'), 1).evaluate(
        "node => { node.value = node.tagName === 'SELECT' ? node.options[1].value : 'no'; }"
    )
    fill_reader.once("dialog", lambda dialog: dialog.accept())
    fill_reader.get_by_role("button", name="Hand in").click()
    sheet = fill_reader.locator(".srm-exam-sheet button")
    expect(sheet.nth(drawn.index(right))).to_have_text(f"Question {drawn.index(right) + 1}: right")
    expect(exam.locator(f'form[data-srm-id="{right}"]')).to_have_attribute(
        "data-srm-result", "right"
    )


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_before_and_after_checking(
    fill_new_reader, fillin_site: Site, scheme: str
) -> None:
    page = fill_new_reader(color_scheme=scheme)
    page.goto(fillin_site.url + FILL)
    form = mounted(page, "fill-of-in")
    page.add_style_tag(content="*, ::before, ::after { transition: none !important; }")
    assert axe_violations(page) == []
    gap(form, 1).select_option("for")
    gap(form, 2).select_option("in")
    form.get_by_role("button", name="Check").click()
    typed = mounted(page, "fill-typed")
    gap(typed, 1).fill("hypervisor")
    typed.get_by_role("button", name="Check").click()
    expect(typed).to_have_attribute("data-srm-result", "right")
    assert axe_violations(page) == []


def test_the_fill_page_loads_the_component_within_its_budget(fillin_site: Site) -> None:
    """A page with fill-in questions loads the core, one bundle with the fill-in component,
    and nothing else of ours; what the component adds to a page is within 2 KiB gzipped
    (its script; its stylesheet, which it links itself, is weighed with it)."""
    import gzip

    from srm_build.assets import EVERY_PAGE

    soup = fillin_site.soup("fill/index.html")
    mine = [
        ref.rsplit("/", 1)[1]
        for node in soup.select("script[src]")
        if "assets/srm/" in (ref := node["src"])
    ]
    extra = [name for name in mine if name not in EVERY_PAGE]
    assert len(extra) == 1 and "fillin" in extra[0].split("-"), mine
    folder = fillin_site.root / "assets" / "srm"

    def weight(*names: str) -> int:
        return sum(len(gzip.compress((folder / n).read_bytes(), compresslevel=9)) for n in names)

    assert weight("srm-fillin.js", "srm-fillin.css") < 2048
    assert weight(*EVERY_PAGE, *extra, "srm-fillin.css") < 8192 + 2048


# ---------------------------------------------------------------- exports


def _fixture_bank(tmp_path: Path) -> list[dict]:
    from srm_build.export import question_bank
    from srm_build.pipeline import load_content

    content = load_content(fillin_project(tmp_path).parent / "content")
    return [entry for entry in question_bank(content) if entry["type"] == "fill-in"]


def test_qti_declares_one_response_per_gap_with_its_interaction(tmp_path: Path) -> None:
    """Each gap is a response of its own, declared with its correct value and a mapping of
    its accepted answers, and answered by an inline interaction in the sentence's paragraph:
    an inlineChoiceInteraction for a list, a textEntryInteraction (case ignored) for typing.
    The score is the sum of the gaps' mappings."""
    import io
    import zipfile
    from xml.etree import ElementTree as ET

    from srm_build.export import QTI_NS, to_qti

    q = f"{{{QTI_NS}}}"
    package = zipfile.ZipFile(io.BytesIO(to_qti(_fixture_bank(tmp_path))))
    two = ET.fromstring(package.read("items/fill-of-in.xml"))
    declared = {d.get("identifier"): d for d in two.iter(f"{q}responseDeclaration")}
    assert list(declared) == ["RESPONSE-g1", "RESPONSE-g2"]
    paragraphs = list(two.find(f"{q}itemBody"))
    interactions = list(paragraphs[1].iter(f"{q}inlineChoiceInteraction"))
    assert [i.get("responseIdentifier") for i in interactions] == list(declared)
    choices = {c.get("identifier"): c.text for c in interactions[0]}
    assert choices == {"g1-1": "in", "g1-2": "of", "g1-3": "for"}
    correct = declared["RESPONSE-g1"].find(f"{q}correctResponse/{q}value").text
    assert choices[correct] == "of"
    keys = [e.get("mapKey") for e in declared["RESPONSE-g1"].iter(f"{q}mapEntry")]
    assert keys == [correct]
    sums = two.find(f"{q}responseProcessing/{q}setOutcomeValue/{q}sum")
    assert [m.get("identifier") for m in sums] == list(declared)
    assert "".join(paragraphs[1].itertext()).startswith("AWS is responsible for security ")

    typed = ET.fromstring(package.read("items/fill-typed.xml"))
    (declaration,) = typed.iter(f"{q}responseDeclaration")
    assert declaration.get("baseType") == "string"
    entries = list(declaration.iter(f"{q}mapEntry"))
    assert [e.get("mapKey") for e in entries] == ["hypervisor", "virtualization layer"]
    assert {e.get("caseSensitive") for e in entries} == {"false"}
    (entry,) = typed.iter(f"{q}textEntryInteraction")
    assert entry.get("responseIdentifier") == "RESPONSE-layer"
    assert int(entry.get("expectedLength")) >= len("virtualization layer")


def test_gift_keeps_one_gap_where_it_stands_and_leaves_out_several(tmp_path: Path) -> None:
    """GIFT (Moodle's grammar): a missing word with choices (`~wrong =right`) or a short
    answer (`=a =b`), the braces where the gap is; a question with several gaps has no GIFT
    form and is left out."""
    from test_export import parse_gift

    from srm_build.export import to_gift

    text = to_gift(_fixture_bank(tmp_path))
    parsed = parse_gift(text)
    assert set(parsed) == {"fill-who", "fill-typed"}
    assert parsed["fill-who"]["answers"] == [("~", None, "AWS"), ("=", None, "the customer")]
    assert parsed["fill-typed"]["answers"] == [
        ("=", None, "hypervisor"),
        ("=", None, "virtualization layer"),
    ]
    # The words after the gap follow its braces, with the sentence's own spacing.
    assert "Choose who does it. On Amazon EC2, {~AWS =the customer} patches the guest OS." in text
    assert "[[" not in text


@pytest.mark.browser
def test_start_counts_a_saved_attempt_s_answers_as_the_answer_sheet_does(
    fill_reader: Page, fillin_site: Site
) -> None:
    """An untouched fill-in is not answered, in the sheet and in Start's question alike."""
    fill_reader.goto(fillin_site.url + "exam/")
    fill_reader.get_by_label("6", exact=True).check()
    fill_reader.get_by_role("button", name="Start the exam").click()
    expect(fill_reader.locator(".srm-exam-run .srm-question-slot")).to_have_count(6)
    drawn = fill_reader.eval_on_selector_all(
        ".srm-exam-run .srm-question-slot form", "forms => forms.map(f => f.dataset.srmId)"
    )
    right = next(ident for ident in drawn if ident in ALL_RIGHT)
    exam = fill_reader.locator(".srm-exam-run")
    for number, value in enumerate(ALL_RIGHT[right], 1):
        control = gap(exam.locator(f'form[data-srm-id="{right}"]'), number)
        if control.evaluate("node => node.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
            control.dispatch_event("change")
    sheet = fill_reader.locator(".srm-exam-sheet button")
    expect(sheet.filter(has_text=": answered")).to_have_count(1)
    fill_reader.once("dialog", lambda dialog: dialog.accept())  # leaving asks
    fill_reader.reload()
    asked: list[str] = []
    fill_reader.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    fill_reader.get_by_role("button", name="Start the exam").click()
    expect(
        fill_reader.get_by_role("button", name="Resume your exam of 6 questions")
    ).to_be_focused()
    assert asked == [
        "Start a new exam? Your saved one, 1 of 6 questions answered, will be discarded."
    ]
