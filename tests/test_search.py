"""The search index holds questions but never their answers, feedback or quiz controls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, ROOT, Site
from srm_build.models import Quiz, Scenario, SingleChoice, Sort
from srm_build.pages import ReportLinks, SitePages, searchable
from srm_build.pipeline import load_content
from srm_build.render import Renderer

REPO, SITE = "https://github.com/example/srm", "https://example.org/srm/"


def _index_text(site: Site) -> str:
    index = json.loads((site.root / "search" / "search_index.json").read_text())
    return " ".join(f"{doc['title']} {doc['text']}" for doc in index["docs"])


def _words(markdown_text: str) -> str:
    """A stretch of plain words from a Markdown field, as the index would hold it."""
    plain = " ".join(markdown_text.replace("*", "").replace("`", "").split())
    return plain[:60]


def test_questions_are_searchable_but_answers_are_not(real_site: Site) -> None:
    content = load_content(ROOT / "content")
    text = _index_text(real_site)
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


def test_quiz_controls_are_not_indexed(fixture_site: Site) -> None:
    text = _index_text(fixture_site)
    for chrome in ("Try again", "Show the answer", "Choose who owns it", "Correct:", "Score"):
        assert chrome not in text
    assert "Which task is the customer" in text  # the question itself is found


def _sections(html: str) -> list[tuple[str | None, str, str]]:
    """What the theme's search parser keeps of `html`: each section's id, title and text."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(html)
    parser.close()
    return [
        (s.id, "".join(s.title).strip(), " ".join("".join(s.text).split()))
        for s in parser.data
        if not s.is_excluded()
    ]


@pytest.mark.parametrize(
    "root", [ROOT / "content", FIXTURE_SITE / "content"], ids=["real", "fixture"]
)
def test_search_reads_the_same_from_the_searchable_part_of_items(root: Path) -> None:
    # Pages hold only the searchable part of each item while the search plugin indexes
    # them; that part must give the index what the whole item would.
    content = load_content(root)
    pages = SitePages(content, Renderer(content), report=ReportLinks(REPO, SITE, True))
    sources = [*pages.generated().values()]
    sources += [pages.expand_embeds(path, page.text) for path, page in content.pages.items()]
    fragments = [str(html) for source in sources for html in source.fragments.values()]
    assert any("data-search-exclude" in html for html in fragments)
    # The attribute's name as words in text or in an attribute value excludes nothing.
    fragments.append(
        '<div class="srm" aria-label="a data-search-exclude b"><p>Not data-search-exclude '
        "here</p><details data-search-exclude><summary>Show</summary><p>key</p></details></div>"
    )
    for html in fragments:
        light = searchable(html)
        assert "<details" not in light and "<summary" not in light
        heading = '<h2 id="here">Here</h2>\n'  # as on a page, under a heading
        assert _sections(heading + light) == _sections(heading + html), html[:200]
