"""What every question type owes a reader, held for the newest (`order`, `match`,
`fill-in`, `pick-layer`) on the real site: no page scrolls sideways on a phone (WCAG 1.4.10), every
control is a target of 24 px (44 on touch, WCAG 2.5.8), pages print as clean worksheets,
no copy of a question submits natively, the practice exam announces moves and marks a
partly answered question with its key, a reload shows a checked question's result line
again, and every registered question kind's answers count as its kind judges them, in the
exam and on the home page.

The per-type tests are in tests/test_order.py, test_match.py, test_match_browser.py,
test_fillin.py and test_picklayer.py; these hold the behaviours all types share."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
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
KEY = "/.srm-progress-v1"
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


FORM_CONTROLS = "select, input, button"
CONTROLS = "a[href], button, select, input, textarea, summary"
SMALL_TARGETS = """(scope, [least, controls]) => {
  const found = [];
  for (const control of scope.querySelectorAll(controls)) {
    if (!control.checkVisibility({visibilityProperty: true}) || control.type === "hidden") continue;
    let target = control;
    if (control.tagName === "A") {
      let block = control.parentElement;
      while (getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
      if (block.textContent.trim() !== control.textContent.trim()) continue; /* in running text */
    } else if (/^(checkbox|radio)$/.test(control.type) && control.closest("label")) {
      target = control.closest("label");
    }
    for (const box of target.getClientRects()) {
      if (box.width < least || box.height < least) {
        const name = control.id || control.textContent.trim() || target.textContent.trim();
        found.push(`${control.tagName.toLowerCase()} ${name.slice(0, 40)}: ` +
          `${Math.round(box.width)}x${Math.round(box.height)}`);
      }
    }
  }
  return found;
}"""


def small_targets(scope: Locator, least: int, controls: str = CONTROLS) -> list[str]:
    """The visible controls in `scope` smaller than `least` CSS px either way, as a pointer
    meets them (WCAG 2.5.8's "target"): a button, list, text box or summary is its own box; a
    checkbox or radio button inside its label is that label, which checks it when clicked; a
    link that stands alone in its block is its box, each line of it if it wraps. Links inside
    running text are left out, as the criterion's inline exception does."""
    return scope.evaluate(SMALL_TARGETS, [least, controls])


def too_small(page: Page, least: int) -> list[str]:
    """The lists, inputs and buttons of these types' forms smaller than `least` px
    (`small_targets`)."""
    found = []
    for kind in KINDS:
        for form in page.locator(f"form[data-srm-component={kind}]").all():
            found += [f"{kind}: {small}" for small in small_targets(form, least, FORM_CONTROLS)]
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


def saved_exam(page: Page, site: Site, picked: dict) -> Locator:
    """The exam page, offering to resume a saved attempt of the questions in `picked` (id:
    answer, as the exam stores it); returns the exam."""
    page.goto(site.url + "exam/")
    exam = page.locator("[data-srm-component=exam]")
    key = exam.get_attribute("data-srm-id")
    attempt = {"id": 1, "ids": list(picked), "flags": [], "picked": picked}
    value = json.dumps(json.dumps({key: attempt}))
    page.evaluate(f"localStorage.setItem({ATTEMPTS!r}, {value})")
    page.reload()
    expect(exam.locator(".srm-exam-resume")).to_be_visible()
    return exam


def exam_with(page: Page, site: Site, picked: dict) -> Locator:
    """The exam page with a saved attempt of the questions in `picked` (id: answer),
    resumed; returns the running exam."""
    saved_exam(page, site, picked).locator(".srm-exam-resume").click()
    run = page.locator(".srm-exam-run")
    expect(run.locator(".srm-question-slot")).to_have_count(len(picked))
    return run


def unanswered(question) -> object:
    """What the exam stores for `question` before it is answered (its kind's `answer`, see
    srm.js): a list of picks, positions or gap values, or a list for each item."""
    if hasattr(question, "gaps"):
        return ["" for _ in question.gaps]
    if type(question).__name__ in ("Match", "Sort"):
        return {item.id: "" for item in question.items}
    return []


ONE_OF_EACH_KIND = {
    question.id: unanswered(question)
    for question in {
        type(q).__name__: q
        for quiz in reversed(load_content(ROOT / "content").of_type(Quiz))
        for q in reversed(quiz.questions)
        if q.study == "exam"  # not a deck or a sort (the review brings those back)
    }.values()
}
"""One question of each type the exam draws (the first of each in the content), unanswered."""


@pytest.mark.parametrize(("touch", "least"), [(False, 24), (True, 44)], ids=["mouse", "touch"])
def test_every_control_of_the_exam_is_a_large_enough_target(
    reader, real_site: Site, touch: bool, least: int
) -> None:
    """The exam's own controls (the sizes, Time me, Start and Resume; the answer sheet, each
    question's Flag, Hand in; the result's Reread links and Take another exam) and its copies
    of every question type, with their answer keys once marked, are the same targets as a
    chapter's questions at 390 px: 24 CSS px either way, 44 on a touch screen."""
    page = reader(viewport={"width": 390, "height": 800}, **(TOUCH if touch else {}))
    exam = saved_exam(page, real_site, ONE_OF_EACH_KIND)
    assert small_targets(exam, least) == []
    exam.locator(".srm-exam-resume").click()
    expect(exam.locator(".srm-question-slot")).to_have_count(len(ONE_OF_EACH_KIND))
    expect(exam.locator(".srm-exam-flag")).to_have_count(len(ONE_OF_EACH_KIND))
    assert small_targets(exam, least) == []
    page.once("dialog", lambda d: d.accept())
    exam.get_by_role("button", name="Hand in").click()
    expect(exam.locator(".srm-exam-result td a").first).to_be_visible()
    expect(exam.locator(".srm-key[open] summary")).to_have_count(len(ONE_OF_EACH_KIND))
    assert small_targets(exam, least) == []


def test_without_javascript_enter_in_no_question_submits_the_page(reader, real_site: Site) -> None:
    """Without the script, Enter in a text box or an option (HTML's implicit submission)
    submits its form: the page loaded anew with the answer in its address. Every question
    form has nowhere to submit to (method="dialog" outside a dialog), of every type, on every
    page; on the chapter with one of each, Enter in each changes nothing (Playwright's press
    waits for a navigation it started)."""
    for path in real_site.pages():
        for form in real_site.soup(path).select("form.srm-question"):
            assert form.get("method") == "dialog", (path, form.get("id"))
    page = reader(java_script_enabled=False)
    page.goto(real_site.url + PAGE)
    kinds = set()
    for form in page.locator("form.srm-question").all():
        control = form.locator("input, select").first
        control.focus()
        control.press("Enter")
        expect(page).to_have_url(real_site.url + PAGE)
        kinds.add(form.get_attribute("data-srm-component"))
    assert {"choice", *KINDS} <= kinds


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
    """A question answered in part (some pairs, one gap of two) is "partly answered" on the
    answer sheet as the reader works, and Hand in's question counts it apart from those not
    answered. Marked, it is wrong and says so: each part with its verdict, its answer key
    open, as one not answered at all shows its own."""
    page = reader()
    run = exam_with(
        page,
        real_site,
        {"match-service-models": MATCH_NONE, "fill-of-and-in": ["", ""], "fill-root-mfa": [""]},
    )
    sheet = page.locator(".srm-exam-goto")
    match = run.locator("form[data-srm-id=match-service-models]")
    match.locator(".srm-match-item select").first.select_option(index=1)
    expect(sheet.first).to_have_text("Question 1: partly answered")
    fill = run.locator("form[data-srm-id=fill-of-and-in]")
    fill.locator(".srm-gap").first.select_option(index=1)
    expect(sheet).to_have_text(
        ["Question 1: partly answered", "Question 2: partly answered", "Question 3: not answered"]
    )
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Hand in").click()
    expect(run.locator(".srm-exam-done")).to_be_visible()  # dismissed: the exam goes on
    assert asked == ["1 question not answered and 2 partly answered. Hand in anyway?"]
    run.locator("form[data-srm-id=fill-root-mfa] input[type=text]").fill("MFA")
    expect(sheet.last).to_have_text("Question 3: answered")
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.get_by_role("button", name="Hand in").click()
    expect(page.locator(".srm-exam-result .srm-title")).to_have_text(
        re.compile("^Your result: [01] of 3")
    )
    assert asked[1:] == ["2 questions partly answered. Hand in anyway?"]
    # Each part has its verdict, the parts not answered too.
    expect(match.locator(".srm-feedback")).to_have_count(len(MATCH_NONE))
    expect(match.locator(".srm-feedback").last).to_contain_text("Not answered: the match is")
    expect(fill.locator(".srm-feedback")).to_have_count(2)
    expect(fill.locator(".srm-feedback").last).to_contain_text(
        "Blank after \u201cthe customer for security\u201d: Not answered: the answer is in."
    )
    for form in (match, fill):
        expect(form).to_have_attribute("data-srm-result", "wrong")
        expect(form.locator(".srm-exam-missed")).to_have_text("Partly answered. The answer:")
        expect(form.locator(".srm-key")).to_have_attribute("open", "")
    expect(sheet).to_have_text(
        [
            "Question 1: partly answered",
            "Question 2: partly answered",
            re.compile("^Question 3: (right|wrong)$"),
        ]
    )


def test_an_exam_follows_typing_and_keeps_it_before_the_box_loses_focus(
    reader, real_site: Site
) -> None:
    """A text box fires `change` only once it loses focus; the exam follows `input`: with
    the focus still in a typed gap, the answer sheet counts it and the saved attempt holds
    it, so a reload there keeps what was typed."""
    page = reader()
    run = exam_with(page, real_site, {"fill-ec2-model": [""], "fill-root-mfa": [""]})
    key = page.locator("[data-srm-component=exam]").get_attribute("data-srm-id")
    box = run.locator("form[data-srm-id=fill-ec2-model] input[type=text]")
    box.press_sequentially("IaaS")  # keys only: the focus stays, no `change`
    expect(box).to_be_focused()
    sheet = page.locator(".srm-exam-goto")
    expect(sheet).to_have_text(["Question 1: answered", "Question 2: not answered"])
    page.wait_for_function(
        "([k, exam]) => JSON.parse(localStorage.getItem(k))?.[exam]?.picked"
        "['fill-ec2-model']?.[0] === 'IaaS'",
        arg=[ATTEMPTS, key],
    )
    expect(box).to_be_focused()
    page.once("dialog", lambda d: d.accept())  # leaving asks (beforeunload)
    page.reload()
    page.locator(".srm-exam-resume").click()
    expect(box).to_have_value("IaaS")
    expect(sheet).to_have_text(["Question 1: answered", "Question 2: not answered"])


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


# ------------------------------------------------ whether a question is answered, per kind

STATES = ("none", "part", "spaces", "marks", "whole")
"""How a question's controls are left, by `DRIVE`: none touched; only the first; typed boxes
holding only spaces, or only spaces and end punctuation (`marks`), the rest untouched; every
control given."""
PART = {
    "choice": "whole",
    "picklayer": "whole",  # the choice kind: one layer picked is the whole answer
    "sort": "part",
    "order": "none",
    "match": "part",
    "fillin": "part",
}
"""What a question of each kind, with more than one control, gives with only its first control
set: one option (or layer) picked is a whole answer; an order gives no answer until every
item has its own position. Every question kind the site registers must be listed: a new kind says
here how its answers count, and the table test below holds the exam and the home page to it."""
DRIVE = """async ([ids, state]) => {
  const box = document.querySelector("[data-srm-component=exam]");
  const bank = await srm.study.load(box);
  await srm.study.kinds(bank, ids);
  const typed = {spaces: "   ", marks: " .! ", part: "an answer", whole: "an answer"}[state];
  return ids.map(id => {
    const form = srm.study.formOf(srm.study.copy(bank, bank.items[id][1], "srm-t-"));
    const name = bank.items[id][2];
    const kind = srm.defined.get(name);
    const controls = [...form.querySelectorAll("input, select")].filter(c =>
      !c.closest(".srm-key") && !["hidden", "submit", "button"].includes(c.type));
    controls.forEach((c, i) => {
      if (state === "none" || state === "part" && i) return;
      if (c.type === "text") c.value = typed;
      else if (state === "part" || state === "whole") {
        if (c.tagName === "SELECT") c.selectedIndex = 1 + i % (c.options.length - 1);
        else if (!i) c.checked = true;
      }
    });
    return [id, name, kind.field || "picked", kind.answer(form), controls.length];
  });
}"""
"""Answers, as each question's own kind gives them, from copies of the questions `ids` of
the study bank whose controls are left as `state` says. Returns [id, kind, stored field,
answer, number of controls] for each."""


def kind_samples(site: Site) -> dict[str, str]:
    """Questions of the study bank to judge, by id: for every question kind, the question
    with the most controls (so that a part answer exists), and one with a typed box if the
    kind has any (for blank typing). Returns {id: kind}."""
    exam = site.soup("exam/index.html").select_one("[data-srm-component=exam]")
    script = (site.root / "exam" / exam["data-srm-bank-script"]).resolve().read_text()
    bank = json.loads(script.split("]=", 1)[1].removesuffix(";\n"))
    by_kind: dict[str, list[tuple[int, bool, str]]] = {}
    for ident, (_, html, kind) in bank["items"].items():
        form = BeautifulSoup(html, "html.parser")
        controls = [
            c
            for c in form.select("input, select")
            if not c.find_parent(class_="srm-key") and c.get("type") not in ("hidden", "submit")
        ]
        typed = any(c.get("type") == "text" for c in controls)
        by_kind.setdefault(kind, []).append((len(controls), typed, ident))
    chosen = {}
    for kind, entries in by_kind.items():
        chosen[max(entries)[2]] = kind
        typed = [e for e in entries if e[1]]
        if typed:
            chosen[typed[0][2]] = kind
    return chosen


def expected(kind: str, state: str, controls: int) -> str:
    """How much of its question an answer left as `state` gives: none, part or whole."""
    if state in ("none", "spaces", "marks"):
        return "none"
    if state == "whole" or controls == 1:
        return "whole"
    return PART[kind]


def test_every_question_kind_says_how_its_answers_count(real_site: Site) -> None:
    """PART lists every question kind of the registry, and the samples cover them all."""
    from srm_build.registry import QUESTION_TYPES

    forms = {t.component for t in QUESTION_TYPES if t.component != "flashcards"}
    assert set(PART) == forms
    assert set(kind_samples(real_site).values()) == forms


@pytest.mark.parametrize("state", STATES)
def test_each_kind_judges_its_answers_in_the_exam_and_on_the_home_page(
    reader, real_site: Site, state: str
) -> None:
    """Whether a question is answered is its kind's judgement (`answered`, srm.js), for
    every question kind: answers not given, given in part, typed as blanks (spaces, or only
    spaces and punctuation, which fill-in ignores) or given whole. The practice exam's
    answer sheet, its saved attempt's count, Hand in's question and its marking ("Partly
    answered", "Not answered") follow it; the home page counts a question done when its
    stored answer is whole, as its chapter page (which runs the kind) shows it checked.
    The home page judges stored answers without the kinds' scripts (srm-chapters.js says
    why): a typed gap of only punctuation is never stored, so `marks` is held in the exam
    only."""
    page = reader()
    page.goto(real_site.url + "exam/")
    samples = kind_samples(real_site)
    rows = page.evaluate(DRIVE, [list(samples), state])
    want = {ident: expected(kind, state, n) for ident, kind, _, _, n in rows}

    # The practice exam, with the kinds it draws from (sort questions are not drawn).
    bank = page.locator("[data-srm-component=exam]")
    key = bank.get_attribute("data-srm-id")
    drawn = [r for r in rows if r[1] != "sort"]
    ids = [r[0] for r in drawn]
    attempt = {"id": 1, "ids": ids, "flags": [], "picked": {r[0]: r[3] for r in drawn}}
    value = json.dumps(json.dumps({key: attempt}))
    page.evaluate(f"localStorage.setItem({ATTEMPTS!r}, {value})")
    page.reload()
    told: list[str] = []
    page.once("dialog", lambda d: (told.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Start the exam").click()
    expect(page.locator(".srm-exam-resume")).to_be_focused()  # Start was cancelled
    given = [i for i in ids if want[i] != "none"]
    assert told == [
        f"Start a new exam? Your saved one, {len(given)} of {len(ids)} questions answered,"
        " will be discarded."
    ]
    page.locator(".srm-exam-resume").click()
    sheet = page.locator(".srm-exam-goto")
    shown = {"none": "not answered", "part": "partly answered", "whole": "answered"}
    expect(sheet).to_have_text([f"Question {n}: {shown[want[i]]}" for n, i in enumerate(ids, 1)])
    page.once("dialog", lambda d: (told.append(d.message), d.accept()))
    page.get_by_role("button", name="Hand in").click()
    expect(page.locator(".srm-exam-result .srm-title")).to_be_visible()
    left, part = (sum(want[i] == how for i in ids) for how in ("none", "part"))
    first = f"{left or part} question{'s' * ((left or part) > 1)}"
    if left and part:
        assert told[-1] == f"{first} not answered and {part} partly answered. Hand in anyway?"
    elif left or part:
        assert told[-1] == f"{first} {shown['none' if left else 'part']}. Hand in anyway?"
    else:
        assert len(told) == 1
    marks = {"none": "not answered", "part": "partly answered", "whole": "(right|wrong)"}
    expect(sheet).to_have_text(
        [re.compile(f"^Question {n}: {marks[want[i]]}$") for n, i in enumerate(ids, 1)]
    )
    for i in ids:
        note = page.locator(f"form[data-srm-id={i}] .srm-exam-missed")
        if want[i] == "whole":
            expect(note).to_have_count(0)
        else:
            expect(note).to_have_text(f"{marks[want[i]].capitalize()}. The answer:")
    if state == "marks":
        return

    # The home page's chapters, from stored progress only, and the chapter pages.
    stored = {ident: {field: answer} for ident, _, field, answer, _ in rows}
    page.goto(real_site.url)
    page.evaluate(f"localStorage.setItem({KEY!r}, {json.dumps(json.dumps(stored))})")
    page.reload()
    expect(page.locator("[data-srm-component=chapters]")).to_have_attribute("data-srm-ready", "")
    chapters: dict[str, list[str]] = {}
    for li in page.locator("[data-srm-component=chapters] [data-srm-items]").all():
        entries = li.get_attribute("data-srm-items").split()
        mine = [i for i in samples if i in entries]
        done = sum(want[i] == "whole" for i in mine)
        expect(li.locator(".srm-chapter-done")).to_have_text(f"{done} of {len(entries)} done")
        if mine:
            chapters[li.get_by_role("link").get_attribute("href")] = mine
    assert sorted(i for mine in chapters.values() for i in mine) == sorted(samples)
    for href, mine in chapters.items():
        page.goto(urljoin(real_site.url, href))
        ready(page)
        for i in mine:
            form = page.locator(f"form[data-srm-id={i}]")
            if want[i] == "whole":
                expect(form).to_have_attribute("data-srm-result", re.compile("."))
            else:
                expect(form).not_to_have_attribute("data-srm-result", re.compile("."))
