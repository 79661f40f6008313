"""The search index holds questions but never their answers, feedback or quiz controls."""

from __future__ import annotations

from conftest import ROOT, Site
from srm_build.models import Quiz, Scenario, SingleChoice, Sort
from srm_build.pipeline import load_content


def _words(markdown_text: str) -> str:
    """A stretch of plain words from a Markdown field, as the index would hold it."""
    plain = " ".join(markdown_text.replace("*", "").replace("`", "").split())
    return plain[:60]


def test_questions_are_searchable_but_answers_are_not(engine_real_site: Site) -> None:
    content = load_content(ROOT / "content")
    text = engine_real_site.search_text()
    questions = [q for quiz in content.of_type(Quiz) for q in quiz.questions]
    singles = [q for q in questions if isinstance(q, SingleChoice)]
    assert singles and all(_words(q.prompt)[:40] in text for q in singles[:20])
    leaked = [
        option.feedback
        for q in singles
        for option in q.options
        if len(option.feedback) > 40 and _words(option.feedback) in text
    ]
    assert leaked == []
    explanations = [s.explanation for s in content.of_type(Scenario)]
    explanations += [i.explanation for q in questions if isinstance(q, Sort) for i in q.items]
    assert [e for e in explanations if len(e) > 40 and _words(e) in text] == []


def test_quiz_controls_are_not_indexed(engine_fixture_site: Site) -> None:
    text = engine_fixture_site.search_text()
    for chrome in ("Try again", "Show the answer", "Choose who owns it", "Correct:", "Score"):
        assert chrome not in text
    assert "Which task is the customer" in text  # the question itself is found


def test_pages_hold_whole_items_and_the_index_skips_what_they_exclude(
    engine_fixture_site: Site,
) -> None:
    # No second pass: the search plugin reads each page as published, answers included,
    # and leaves out what `data-search-exclude` marks (Zensical then drops the mark).
    site = engine_fixture_site
    text = site.search_text()
    key = "details.srm-key" + ("[data-search-exclude]" if site.keeps_search_marks else "")
    keys = [
        " ".join(found.get_text(" ").split())
        for path in site.pages()
        for found in site.soup(path).select(key)
    ]
    assert keys  # the answer keys are in the pages...
    assert [key for key in keys if len(key) > 40 and key[:60] in text] == []  # ...not the index
