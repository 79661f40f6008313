"""Rendering choices: a quiz with `shuffle: true` shows its options in an order that is
fixed by the question's id, so every build, and every reader without JavaScript, sees the
same order."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from test_errors import SOURCES

from srm_build.pages import SitePages
from srm_build.pipeline import load_content
from srm_build.render import Renderer

OPTIONS = "".join(
    f"          - {{id: {c}, text: Option {c}, feedback: Why {c}.}}\n" for c in "abcdef"
)


def _quiz(shuffle: bool) -> str:
    questions = "".join(
        f"      - id: q{n}\n        type: single\n        prompt: Question {n}?\n"
        f"        options:\n{OPTIONS}        answer: a\n"
        for n in range(1, 6)
    )
    return (
        "kind: quizzes\ntitle: Q\nquizzes:\n  - id: quiz-order\n    title: Q\n"
        f"    source: aws-srm\n    shuffle: {'true' if shuffle else 'false'}\n"
        f"    questions:\n{questions}"
    )


def _orders(tmp_path: Path, shuffle: bool) -> dict[str, list[str]]:
    content_dir = tmp_path / f"content-{shuffle}"
    content_dir.mkdir()
    (content_dir / "sources.yml").write_text(SOURCES)
    (content_dir / "quiz.yml").write_text(_quiz(shuffle))
    content = load_content(content_dir)
    stashed: list[str] = []
    pages = SitePages(content, Renderer(content))
    pages.file_markdown("quiz.yml", lambda html: stashed.append(html) or f"stash{len(stashed)}")
    soup = BeautifulSoup("".join(stashed), "html.parser")
    return {
        form["data-srm-id"]: [li["data-srm-option"] for li in form.select(".srm-options li")]
        for form in soup.select("form.srm-choice")
    }


def test_shuffled_options_are_in_a_fixed_order_per_question(tmp_path: Path) -> None:
    plain = _orders(tmp_path, shuffle=False)
    assert all(order == list("abcdef") for order in plain.values())
    shuffled = _orders(tmp_path, shuffle=True)
    assert all(sorted(order) == list("abcdef") for order in shuffled.values())
    assert any(order != list("abcdef") for order in shuffled.values())
    assert len({tuple(order) for order in shuffled.values()}) > 1  # seeded by question id
    (tmp_path / "again").mkdir()
    assert _orders(tmp_path / "again", shuffle=True) == shuffled
