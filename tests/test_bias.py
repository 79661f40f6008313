"""The bank measures knowledge, not position: the figures `check` prints stay within their
limits, `check` warns when they do not, and a reader on the study bank page sees the same
balance in the order the options are shown."""

from __future__ import annotations

from math import sqrt
from pathlib import Path

from playwright.sync_api import Page, expect
from test_errors import quiz, write_content

from conftest import run_check
from srm_build.bias import (
    FIRST_MAX,
    LONGEST_MAX,
    MULTIPLE_FIRST_MAX,
    PICKER_MAX,
    SECOND_MAX,
    TOP_TWO_MAX,
    TRUE_RANGE,
    TWO_OR_THREE_MAX,
    bias_figures,
)
from srm_build.pipeline import load_content
from srm_build.registry import QUESTION_TYPES

ROOT = Path(__file__).resolve().parent.parent
STUDY = "data/study/"


def test_the_authored_bank_is_within_every_limit():
    content = load_content(ROOT / "content")
    figures = bias_figures(content)
    own = [f for unit in QUESTION_TYPES for f in unit.bias_figures(content.of_type(unit))]
    assert len(figures) == 10 + len(own)
    for figure in figures[:10]:  # the shared ones, over the bank's choice items
        assert figure.total >= 14, figure
    for figure in figures:
        assert not figure.warn, str(figure)


def test_check_prints_the_figures_and_warns_past_a_limit(tmp_path: Path):
    write_content(tmp_path, {"quizzes/basics.yml": quiz(answer="a")})
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "bank bias: single choice, first option right: 1 of 1 (100%; chance 50%; limit 40%)" in (
        result.stdout.splitlines()
    )
    assert (
        "warning: bank bias past its limit: single choice, first option right: 1 of 1 (100%; "
        "chance 50%; limit 40%)" in result.stderr.splitlines()
    )


SECOND_LONGEST = quiz(
    answer="b",
    extra_options="          - {id: c, text: A much longer option than these, feedback: No.}\n",
)
"""The base quiz with a third option that makes the right one, 'The customer', the
second-longest; and a multiple-choice question with two right options of three."""


def test_check_warns_about_the_length_and_answer_count_figures(tmp_path: Path):
    """A bank whose right option is always the second-longest, and whose multiple-choice
    questions always have two or three right options, is warned about (issue 13, item 7)."""
    multiple = SECOND_LONGEST + (
        "      - id: pick-two\n"
        "        type: multiple\n"
        "        prompt: Which are layers?\n"
        "        options:\n"
        "          - {id: a, text: Hypervisor, feedback: Yes.}\n"
        "          - {id: b, text: Guest OS, feedback: Yes.}\n"
        "          - {id: c, text: Lunch, feedback: No.}\n"
        "        answer: [a, b]\n"
    )
    write_content(tmp_path, {"quizzes/basics.yml": multiple})
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()
    assert (
        "warning: bank bias past its limit: single choice, right option the second-longest: "
        f"1 of 1 (100%; chance 33%; limit {SECOND_MAX:.0%})" in warnings
    )
    assert (
        "warning: bank bias past its limit: single choice, right option the longest or "
        f"second-longest: 1 of 1 (100%; chance 67%; limit {TOP_TWO_MAX:.0%})" in warnings
    )
    assert (
        "warning: bank bias past its limit: multiple choice, 2 or 3 right options: 1 of 1 "
        f"(100%; chance 67%; limit {TWO_OR_THREE_MAX:.0%})" in warnings
    )


def test_check_warns_about_a_right_option_far_longer_than_the_rest(tmp_path: Path):
    """The right option 1.5 times the others' mean length, and echoing the prompt, is warned
    about (the reviewer's cust-three-protections had 95 characters against 47)."""
    bank = quiz(answer="b").replace(
        "{id: b, text: The customer, feedback: The guest OS is the customer's.}",
        "{id: b, text: The customer patches the guest OS of each EC2 instance it runs, "
        "feedback: Right.}",
    )
    write_content(tmp_path, {"quizzes/basics.yml": bank})
    warnings = run_check(tmp_path).stderr.splitlines()
    assert any(
        line.startswith("warning: bank bias past its limit: single choice, right option 1.5x")
        for line in warnings
    ), warnings
    assert any(
        line.startswith(
            "warning: bank bias past its limit: single choice, right option echoes the prompt"
        )
        for line in warnings
    ), warnings


def test_a_balanced_bank_is_not_warned_about(tmp_path: Path):
    write_content(tmp_path, {})
    result = run_check(tmp_path)
    assert result.returncode == 0
    assert "single choice, first option right: 0 of 1" in result.stdout
    assert "first option right" not in result.stderr


# The figures as the reader sees them: options in the order they are laid out on screen
# (top to bottom, whatever the markup order or any shuffling), right answers from the key.
_MEASURE = """() => {
  const forms = [...document.querySelectorAll('.srm-bank-item form[data-srm-component="choice"]')];
  const shown = (form) => [...form.querySelectorAll('.srm-options .srm-option')]
    .map((li) => ({
      id: li.getAttribute('data-srm-option'),
      top: li.getBoundingClientRect().top,
      text: li.querySelector('label').textContent.trim(),
    }))
    .sort((a, b) => a.top - b.top);
  const right = (form) => new Set([...form.querySelectorAll('.srm-key-options li')]
    .filter((li) => li.getAttribute('data-srm-correct') === 'true')
    .map((li) => li.getAttribute('data-srm-option')));
  const comb = (n, k) => (k === 0 ? 1 : (n * comb(n - 1, k - 1)) / k);
  const f = {single: 0, first: 0, longest: 0, multiple: 0, leading: 0,
             statements: 0, trueRight: 0, answerable: 0, picked: 0,
             singleChance: 0, multipleChance: 0, pickerChance: 0};
  for (const form of forms) {
    const options = shown(form);
    const key = right(form);
    const ids = options.map((o) => o.id);
    f.answerable += 1;
    if (key.size === 1 && key.has(ids[0])) f.picked += 1;
    f.pickerChance += key.size === 1 ? 1 / ids.length : 1 / (2 ** ids.length - 1);
    if (ids.length === 2 && ids.includes('true')) {
      f.statements += 1;
      if (key.has('true')) f.trueRight += 1;
    } else if (form.hasAttribute('data-srm-multiple')) {
      f.multiple += 1;
      f.multipleChance += 1 / comb(ids.length, key.size);
      const lead = new Set(ids.slice(0, key.size));
      if ([...key].every((id) => lead.has(id))) f.leading += 1;
    } else if (!ids.includes('shared')) {
      f.single += 1;
      f.singleChance += 1 / ids.length;
      if (key.has(ids[0])) f.first += 1;
      const rightLength = options.find((o) => key.has(o.id)).text.length;
      if (options.every((o) => key.has(o.id) || o.text.length < rightLength)) f.longest += 1;
    }
  }
  return f;
}"""


def _limit(documented: float, chance_sum: float, n: int) -> float:
    """The documented limit, or chance plus three standard errors if that is higher. Where
    the site shuffles options per reader, the figures are a random sample around chance; the
    margin keeps a fair shuffle from failing the test (about 1 run in 700) while a bank keyed
    to one position (the old one scored 78% and 93%) still fails it."""
    chance = chance_sum / n
    return max(documented, chance + 3 * sqrt(chance * (1 - chance) / n))


def test_the_study_bank_reads_balanced_in_the_browser(page: Page, real_site):
    page.goto(real_site.url + STUDY)
    forms = page.locator('.srm-bank-item form[data-srm-component="choice"]')
    count = forms.count()
    assert count >= 100
    # Ready when every question is mounted: any reordering of options has happened by then.
    expect(
        page.locator('.srm-bank-item form[data-srm-component="choice"][data-srm-mounted]')
    ).to_have_count(count)
    f = page.evaluate(_MEASURE)
    assert f["answerable"] == count
    assert f["single"] >= 50 and f["multiple"] >= 14 and f["statements"] >= 21
    n = f["answerable"]
    assert f["picked"] / n <= _limit(PICKER_MAX, f["pickerChance"], n), f
    n = f["single"]
    assert f["first"] / n <= _limit(FIRST_MAX, f["singleChance"], n), f
    assert f["longest"] / n <= LONGEST_MAX, f  # order does not change which is longest
    n = f["multiple"]
    assert f["leading"] / n <= _limit(MULTIPLE_FIRST_MAX, f["multipleChance"], n), f
    low, high = TRUE_RANGE  # true/false is always shown as True, then False
    assert low <= f["trueRight"] / f["statements"] <= high, f
