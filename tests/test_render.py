"""Rendering choices: options are written in the authored order, so every build and every
reader without JavaScript sees the same one; `data-srm-shuffle` asks the script to show them
in an order of each reader's own (tests/test_client.py). Quizzes shuffle by default; a
quiz's `shuffle: false` keeps its written order, and a question's own `shuffle` wins."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_errors import SOURCES

from conftest import write_pages
from srm_build.pages import SitePages
from srm_build.pipeline import load_content
from srm_build.render import Renderer

OPTIONS = "".join(
    f"          - {{id: {c}, text: Reply {c}, feedback: Why {c}.}}\n" for c in "abcdef"
)


def _quiz(quiz_shuffle: str, question_shuffle: dict[int, str]) -> str:
    questions = "".join(
        f"      - id: q{n}\n        type: {'multiple' if n == 3 else 'single'}\n"
        f"        prompt: Question {n}?\n"
        + (f"        shuffle: {question_shuffle[n]}\n" if n in question_shuffle else "")
        + f"        options:\n{OPTIONS}        answer: {'[a]' if n == 3 else 'a'}\n"
        for n in range(1, 5)
    )
    return (
        "kind: quizzes\ntitle: Q\nquizzes:\n  - id: quiz-order\n    title: Q\n"
        f"    source: aws-srm\n{quiz_shuffle}    questions:\n{questions}"
        "      - {id: q5, type: true-false, prompt: T?, answer: true,\n"
        "         feedback_true: Y., feedback_false: N.}\n"
    )


def _forms(tmp_path: Path, quiz_shuffle: str, question_shuffle: dict[int, str]) -> dict:
    content_dir = tmp_path / "content"
    content_dir.mkdir()
    (content_dir / "sources.yml").write_text(SOURCES)
    (content_dir / "quiz.yml").write_text(_quiz(quiz_shuffle, question_shuffle))
    write_pages(content_dir)
    content = load_content(content_dir)
    stashed: list[str] = []
    pages = SitePages(content, Renderer(content))
    pages.file_markdown("quiz.yml", lambda html: stashed.append(html) or f"stash{len(stashed)}")
    soup = BeautifulSoup("".join(stashed), "html.parser")
    return {form["data-srm-id"]: form for form in soup.select("form.srm-choice")}


@pytest.mark.parametrize(
    ("quiz_shuffle", "question_shuffle", "shuffled"),
    [
        ("", {4: "false"}, {"q1", "q2", "q3"}),
        ("    shuffle: true\n", {2: "false"}, {"q1", "q3", "q4"}),
        ("    shuffle: false\n", {4: "true"}, {"q4"}),
    ],
    ids=["by-default", "quiz-true", "quiz-false"],
)
def test_which_questions_shuffle(
    tmp_path: Path, quiz_shuffle: str, question_shuffle: dict[int, str], shuffled: set[str]
) -> None:
    forms = _forms(tmp_path, quiz_shuffle, question_shuffle)
    assert {ident for ident, form in forms.items() if form.has_attr("data-srm-shuffle")} == shuffled
    # The written order, whatever the script will do with it; true/false never shuffles.
    for form in forms.values():
        order = [li["data-srm-option"] for li in form.select(".srm-options li")]
        assert order == (["true", "false"] if form["data-srm-id"] == "q5" else list("abcdef"))


def test_chapters_follow_the_navigation_and_count_what_progress_counts() -> None:
    """The map the progress overview is built from: prose pages that embed questions, in the
    navigation's order, their quizzes' questions listed one by one and decks with their size."""
    from conftest import FIXTURE_SITE

    content = load_content(FIXTURE_SITE / "content")
    pages = SitePages(content, Renderer(content))
    pages.chapters = ["network.md", "exam.md", "index.md"]  # the navigation's order
    chapters = pages.progress_chapters("index.md")
    # Hrefs between source files, which the engine makes addresses (README, "Engines").
    assert [(c.title, c.href) for c in chapters] == [
        ("Network basics", "network.md"),
        ("Fixture home", "index.md"),
    ]
    assert chapters[1].items == [
        "ec2-patching",
        "customer-tasks",
        "aws-does-all",
        "sort-basics",
        "deck-basics:3",
        "unpatched-apache",
    ]
    unlisted = SitePages(content, Renderer(content)).progress_chapters("network.md")
    assert [(c.title, c.href) for c in unlisted] == [
        ("Fixture home", "index.md"),
        ("Network basics", "network.md"),
    ]
