"""The match question type (srm_build/items/match): what the page holds without the script,
the printed answer key, and the exports a match question becomes (QTI 2.1's
matchInteraction, GIFT's matching question, Anki). Its error-table rows are in
tests/test_errors.py; its browser tests in tests/test_match_browser.py."""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from test_errors import SOURCES
from test_export import parse_gift

from conftest import ROOT, Site, write_pages
from srm_build.export import QTI_NS, question_bank, to_anki_csv, to_gift, to_qti
from srm_build.items.match import Match
from srm_build.models import Content, Quiz
from srm_build.pages import SitePages
from srm_build.pipeline import load_content
from srm_build.render import Renderer


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content")


def _matches(content: Content) -> list[tuple[Quiz, Match]]:
    return [
        (quiz, q) for quiz in content.of_type(Quiz) for q in quiz.questions if isinstance(q, Match)
    ]


def _page_of(content: Content, quiz: Quiz) -> str:
    """The page of the quiz's YAML file (`data/quizzes/aws-side.yml` -> its index.html)."""
    path = Path(quiz.where.doc.path).resolve().relative_to(ROOT / "content")
    return f"{path.with_suffix('').as_posix()}/index.html"


def test_the_content_has_six_match_questions_at_least(content: Content) -> None:
    found = _matches(content)
    assert len(found) >= 6
    # each teaches with a source and an explanation of every pair
    resolved = content.resolved
    assert resolved is not None
    for _quiz, question in found:
        assert resolved.source_id(question)
        assert all(item.explanation.strip() for item in question.items)


def test_match_works_without_the_script(engine_real_site: Site, content: Content) -> None:
    """Native controls: one labelled list per item offering every choice, in the written
    order, with nothing chosen; the controls that need the script are hidden; the answer is
    readable in the key's <details>."""
    for quiz, question in _matches(content):
        soup = engine_real_site.soup(_page_of(content, quiz))
        form = soup.select_one(f"form#srm-{question.id}")
        assert form is not None, question.id
        assert form["data-srm-component"] == "match"
        assert form.select_one(".srm-actions")["hidden"] == ""
        rows = form.select(".srm-match-item")
        assert [r["data-srm-item"] for r in rows] == [i.id for i in question.items]
        for row, item in zip(rows, question.items, strict=True):
            select = row.select_one("select")
            label = form.select_one(f'label[for="{select["id"]}"]')
            assert label.get_text(" ", strip=True) == item.text
            values = [o.get("value") for o in select.select("option")]
            assert values == ["", *(c.id for c in question.choices)]
            assert not select.select("option[selected]")
        key = form.select_one("details.srm-key")
        assert key.select_one("summary").get_text(strip=True) == "Show the answer"
        texts = {c.id: c.text for c in question.choices}
        pairs = {li["data-srm-item"]: li for li in key.select(".srm-key-items li")}
        for item in question.items:
            entry = pairs[item.id]
            assert entry["data-srm-answer"] == item.answer
            assert entry.select_one(".srm-mark").get_text(strip=True) == texts[item.answer]
            assert entry.select_one(".srm-feedback-text").get_text(" ", strip=True)
        distractors = [c for c in question.choices if c.distractor]
        note = key.select_one(".srm-match-distractors")
        assert (note is not None) == bool(distractors)
        for choice in distractors:
            assert choice.text in note.get_text()
        # the choices also as a list, for paper
        listed = [li["data-srm-choice"] for li in form.select(".srm-match-choices li")]
        assert listed == [c.id for c in question.choices]
        # a misconception tag on the question: on its form for the script, in its key to read
        assert form.get("data-srm-misconception") == question.misconception
        line = key.select_one(".srm-misconception-line a")
        assert (line is not None) == bool(question.misconception)
        if line is not None:
            belief = content.by_id[question.misconception].belief  # type: ignore[attr-defined]
            assert line.get_text(strip=True) == belief
            assert line["href"].endswith(f"#srm-{question.misconception}")
    assert any(q.misconception for _quiz, q in _matches(content))


def test_match_is_shuffled_as_its_quiz_says(engine_real_site: Site, content: Content) -> None:
    for quiz, question in _matches(content):
        form = engine_real_site.soup(_page_of(content, quiz)).select_one(f"form#srm-{question.id}")
        assert form.has_attr("data-srm-shuffle") == question.shuffled(quiz), question.id


def test_the_printed_answer_key_pairs_each_item(engine_real_site: Site, content: Content) -> None:
    for quiz, question in _matches(content):
        soup = engine_real_site.soup(_page_of(content, quiz))
        key = soup.select_one("section.srm-answer-key")
        number = quiz.questions.index(question)
        line = key.select("ol")[0].select(":scope > li")[number].get_text(" ", strip=True)
        texts = {c.id: c.text for c in question.choices}
        for item in question.items:
            assert f"{item.text} \u2192 {texts[item.answer]}" in " ".join(line.split())


# ---------------------------------------------------------------- exports

NCNAME = re.compile(r"^[A-Za-z_][\w.-]*$")


def test_qti_match_interaction(content: Content) -> None:
    """Each match question is a QTI 2.1 matchInteraction: the items are the first
    simpleMatchSet (one match each), the choices the second (any number), identifiers are
    NCNames unique in the item, and the correct response is one directedPair per item."""
    package = zipfile.ZipFile(io.BytesIO(to_qti(question_bank(content))))
    q = f"{{{QTI_NS}}}"
    for quiz, question in _matches(content):
        root = ET.fromstring(package.read(f"items/{question.id}.xml"))
        declaration = root.find(f"{q}responseDeclaration")
        assert declaration.get("cardinality") == "multiple"
        assert declaration.get("baseType") == "directedPair"
        interaction = root.find(f"{q}itemBody/{q}matchInteraction")
        assert interaction.get("responseIdentifier") == declaration.get("identifier")
        assert interaction.get("maxAssociations") == str(len(question.items))
        assert interaction.get("shuffle") == ("true" if question.shuffled(quiz) else "false")
        sources, targets = interaction.findall(f"{q}simpleMatchSet")
        left = {c.get("identifier"): c for c in sources.findall(f"{q}simpleAssociableChoice")}
        right = {c.get("identifier"): c for c in targets.findall(f"{q}simpleAssociableChoice")}
        assert [c.text for c in left.values()] == [i.text for i in question.items]
        assert [c.text for c in right.values()] == [c.text for c in question.choices]
        assert {c.get("matchMax") for c in left.values()} == {"1"}
        assert {c.get("matchMax") for c in right.values()} == {"0"}
        identifiers = [*left, *right]
        assert len(set(identifiers)) == len(identifiers)
        assert all(NCNAME.match(i) for i in identifiers), identifiers
        values = [v.text.split() for v in root.iter(f"{q}value")]
        assert all(a in left and b in right for a, b in values)
        back = {a: right[b].text for a, b in values}
        texts = {c.id: c.text for c in question.choices}
        assert {left[a].text: t for a, t in back.items()} == {
            i.text: texts[i.answer] for i in question.items
        }


GIFT_SPECIALS = "%100%An independent auditor: ~ = # { } \\ 50% & <b>x</b> -> y"


def _entry(text: str = "Item", choice: str = "Choice") -> dict:
    return {
        "id": "m1",
        "quiz": "quiz",
        "type": "match",
        "prompt": "Match them.",
        "source": "s",
        "items": [
            {"id": "a", "text": text, "answer": "x", "explanation": "Why."},
            {"id": "b", "text": "Second", "answer": "y", "explanation": "Why."},
            {"id": "c", "text": "Third", "answer": "x", "explanation": "Why."},
        ],
        "choices": [
            {"id": "y", "text": "Other", "distractor": False},
            {"id": "x", "text": choice, "distractor": False},
            {"id": "z", "text": "Spare", "distractor": True},
        ],
        "shuffle": True,
    }


def test_gift_matching_round_trip_with_special_characters() -> None:
    """GIFT's matching question (`=item -> choice`): characters GIFT gives a meaning, `->`
    and HTML inside an item or a choice stay text; a distractor is an answer with no item."""
    parsed = parse_gift(to_gift([_entry(GIFT_SPECIALS, GIFT_SPECIALS)]))["m1"]
    pairs = [html.unescape(text) for _mark, _weight, text in parsed["answers"]]
    assert [mark for mark, _w, _t in parsed["answers"]] == ["="] * 4
    assert [w for _m, w, _t in parsed["answers"]] == [None] * 4
    # Moodle splits an answer at its first `->`: the escaped one inside the text is not it
    raw = [text for _m, _w, text in parsed["answers"]]
    assert [r.count("->") for r in raw] == [1, 1, 1, 1]
    assert pairs == [
        f"{GIFT_SPECIALS} -> {GIFT_SPECIALS}",
        "Second -> Other",
        f"Third -> {GIFT_SPECIALS}",
        "-> Spare",
    ]


def test_anki_card_of_a_match_question() -> None:
    import csv

    rows = list(csv.DictReader(io.StringIO(to_anki_csv([_entry()]))))
    assert len(rows) == 1
    assert rows[0]["front"].splitlines() == [
        "Match them.",
        "- Item",
        "- Second",
        "- Third",
        "Choices: Other; Choice; Spare",
    ]
    assert rows[0]["back"].splitlines() == [
        "Item \u2192 Choice",
        "Second \u2192 Other",
        "Third \u2192 Choice",
    ]
    assert rows[0]["tags"] == "srm match quiz m1"


# ---------------------------------------------------------------- rendering


HOSTILE = "<img src=x onerror=alert(1)> & <b>bold</b>"


def _render_match(tmp_path: Path, quiz_shuffle: str = "", own: str = "") -> BeautifulSoup:
    """A match question rendered as the site renders it, in a quiz with `quiz_shuffle`,
    with `own` lines added to the question; its texts carry HTML, which must stay text."""
    content_dir = tmp_path / "content"
    content_dir.mkdir()
    (content_dir / "sources.yml").write_text(SOURCES)
    (content_dir / "quiz.yml").write_text(
        "kind: quizzes\ntitle: Q\nquizzes:\n  - id: quiz-m\n    title: Q\n    source: aws-srm\n"
        f"{quiz_shuffle}    questions:\n      - id: m1\n        type: match\n"
        f"        prompt: 'Match {HOSTILE}'\n{own}"
        "        items:\n"
        f"          - {{id: a, text: 'Item {HOSTILE}', answer: y, explanation: 'Why {HOSTILE}'}}\n"
        "          - {id: b, text: Two, answer: x, explanation: Because.}\n"
        "          - {id: c, text: Three, answer: y, explanation: Because.}\n"
        "        choices:\n"
        f"          - {{id: x, text: 'Choice {HOSTILE}'}}\n"
        "          - {id: y, text: Other}\n"
        f"          - {{id: z, text: 'Spare {HOSTILE}', distractor: true}}\n"
    )
    write_pages(content_dir)
    content = load_content(content_dir)
    stashed: list[str] = []
    pages = SitePages(content, Renderer(content))
    pages.file_markdown("quiz.yml", lambda html: stashed.append(html) or f"stash{len(stashed)}")
    return BeautifulSoup("".join(stashed), "html.parser")


@pytest.mark.parametrize(
    ("quiz_shuffle", "own", "shuffled"),
    [
        ("", "", True),
        ("    shuffle: false\n", "", False),
        ("    shuffle: false\n", "        shuffle: true\n", True),
        ("", "        shuffle: false\n", False),
    ],
)
def test_match_shuffles_as_its_quiz_or_itself_says(
    tmp_path: Path, quiz_shuffle: str, own: str, shuffled: bool
) -> None:
    form = _render_match(tmp_path, quiz_shuffle, own).select_one("form#srm-m1")
    assert form.has_attr("data-srm-shuffle") is shuffled
    # Written order in the HTML: the script shuffles, per reader.
    assert [li["data-srm-item"] for li in form.select(".srm-match-item")] == ["a", "b", "c"]


def test_match_texts_stay_text(tmp_path: Path) -> None:
    """HTML in a prompt, an item, a choice (in each list, in the printed list, in the key)
    or an explanation is shown as text, never as markup."""
    soup = _render_match(tmp_path)
    assert soup.select("img") == [] and soup.select("form b") == []
    form = soup.select_one("form#srm-m1")
    assert HOSTILE in form.select_one("legend").get_text()
    assert HOSTILE in form.select_one('label[for="srm-m1--a"]').get_text()
    for select in form.select("select"):
        texts = [o.get_text() for o in select.select("option")]
        assert f"Choice {HOSTILE}" in texts and f"Spare {HOSTILE}" in texts
    assert f"Choice {HOSTILE}" in form.select_one(".srm-match-choices").get_text()
    key = form.select_one(".srm-key")
    assert f"Why {HOSTILE}" in key.get_text()
    assert f"Spare {HOSTILE}" in key.select_one(".srm-match-distractors").get_text()
