"""The bank measures knowledge, not position: the figures `check` prints stay within their
limits, `check` warns when they do not, and a reader on the study bank page sees the same
balance in the order the options are shown."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect
from test_errors import quiz, run_check, write_content

from srm_build.bias import (
    FIRST_MAX,
    LONGEST_MAX,
    MULTIPLE_FIRST_MAX,
    PICKER_MAX,
    TRUE_RANGE,
    bias_figures,
)
from srm_build.pipeline import load_content

ROOT = Path(__file__).resolve().parent.parent
STUDY = "data/study/"


def test_the_authored_bank_is_within_every_limit():
    figures = bias_figures(load_content(ROOT / "content"))
    assert len(figures) == 5
    for figure in figures:
        assert figure.total >= 14, figure
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
  const f = {single: 0, first: 0, longest: 0, multiple: 0, leading: 0,
             statements: 0, trueRight: 0, answerable: 0, picked: 0};
  for (const form of forms) {
    const options = shown(form);
    const key = right(form);
    const ids = options.map((o) => o.id);
    f.answerable += 1;
    if (key.size === 1 && key.has(ids[0])) f.picked += 1;
    if (ids.length === 2 && ids.includes('true')) {
      f.statements += 1;
      if (key.has('true')) f.trueRight += 1;
    } else if (form.hasAttribute('data-srm-multiple')) {
      f.multiple += 1;
      const lead = new Set(ids.slice(0, key.size));
      if ([...key].every((id) => lead.has(id))) f.leading += 1;
    } else if (!ids.includes('shared')) {
      f.single += 1;
      if (key.has(ids[0])) f.first += 1;
      const rightLength = options.find((o) => key.has(o.id)).text.length;
      if (options.every((o) => key.has(o.id) || o.text.length < rightLength)) f.longest += 1;
    }
  }
  return f;
}"""


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
    assert f["picked"] / f["answerable"] <= PICKER_MAX, f
    assert f["first"] / f["single"] <= FIRST_MAX, f
    assert f["longest"] / f["single"] <= LONGEST_MAX, f
    assert f["leading"] / f["multiple"] <= MULTIPLE_FIRST_MAX, f
    low, high = TRUE_RANGE
    assert low <= f["trueRight"] / f["statements"] <= high, f
