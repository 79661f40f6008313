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
from test_export import parse_gift

from conftest import ROOT, Site
from srm_build.export import QTI_NS, question_bank, to_anki_csv, to_gift, to_qti
from srm_build.items.match import Match
from srm_build.models import Content, Quiz
from srm_build.pipeline import load_content


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


def test_match_works_without_the_script(real_site: Site, content: Content) -> None:
    """Native controls: one labelled list per item offering every choice, in the written
    order, with nothing chosen; the controls that need the script are hidden; the answer is
    readable in the key's <details>."""
    for quiz, question in _matches(content):
        soup = real_site.soup(_page_of(content, quiz))
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


def test_match_is_shuffled_as_its_quiz_says(real_site: Site, content: Content) -> None:
    for quiz, question in _matches(content):
        form = real_site.soup(_page_of(content, quiz)).select_one(f"form#srm-{question.id}")
        assert form.has_attr("data-srm-shuffle") == question.shuffled(quiz), question.id


def test_the_printed_answer_key_pairs_each_item(real_site: Site, content: Content) -> None:
    for quiz, question in _matches(content):
        soup = real_site.soup(_page_of(content, quiz))
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
