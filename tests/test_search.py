"""The search index holds questions but never their answers, feedback or quiz controls."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, Site
from srm_build.engines.mkdocs import search_input
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


def test_pages_come_back_whole_after_the_search_plugin(fixture_site: Site) -> None:
    # MkDocs: the plugin hands the search plugin each page without its excluded elements
    # (engines/mkdocs.py, `search_input`) and puts them back before the theme renders it.
    pages = [(fixture_site.root / p).read_text(encoding="utf-8") for p in fixture_site.pages()]
    assert not any("srm-search-exclude-" in html for html in pages)  # no stand-in left
    keys = [k for p in fixture_site.pages() for k in fixture_site.soup(p).select("details.srm-key")]
    assert keys and all(k.has_attr("data-search-exclude") and k.select("li") for k in keys)


MARKER = "m"


@pytest.mark.parametrize(
    ("html", "kept", "taken"),
    [
        (
            '<p>Q</p><details class="k" data-search-exclude><summary>A</summary></details><p>R</p>',
            "<p>Q</p><!--m:0--><p>R</p>",
            ['<details class="k" data-search-exclude><summary>A</summary></details>'],
        ),
        # a nested element of the same name, void elements, a mark with a value
        (
            "<div data-search-exclude><div>a</div><br></div>x<input data-search-exclude>"
            '<p data-search-exclude="1">b</p>',
            "<!--m:0-->x<!--m:1--><!--m:2-->",
            [
                "<div data-search-exclude><div>a</div><br></div>",
                "<input data-search-exclude>",
                '<p data-search-exclude="1">b</p>',
            ],
        ),
        # the words in text, in an attribute value, or as part of a longer attribute name
        (
            '<p>write data-search-exclude on it</p><p title="x data-search-exclude">t</p>'
            '<a title="a data-search-exclude b" href="#">v</a><p data-search-excluded>u</p>',
            None,
            [],
        ),
        # an element whose end is not found is left to the search plugin
        ("<section data-search-exclude><p>a</p>", None, []),
    ],
)
def test_search_input_takes_out_what_search_skips(html: str, kept: str | None, taken) -> None:
    stripped, parts = search_input(html, MARKER)
    assert (stripped, parts) == (html if kept is None else kept, taken)
    restored = re.sub(r"<!--m:(\d+)-->", lambda m: parts[int(m.group(1))], stripped)
    assert restored == html


def test_an_html_parser_finds_the_same_elements_on_every_built_page(fixture_site: Site) -> None:
    """The tag scanner sets aside exactly what the stdlib's `html.parser` finds marked (the
    comparison behind `search_input`'s choice of a scanner; bench/search_parse.py)."""
    from bench.search_parse import parsed_input

    found = 0
    for path in fixture_site.pages():
        html = (fixture_site.root / path).read_text(encoding="utf-8")
        scanned = search_input(html, MARKER)
        assert parsed_input(html, MARKER) == scanned, path
        found += len(scanned[1])
    assert found > 20  # answers, feedback and controls of every kind
