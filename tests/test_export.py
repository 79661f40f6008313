"""The question bank survives each open format: written, parsed back, and compared with
the models question by question."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import ROOT, Site
from srm_build.export import QTI_NS, question_bank, to_anki_csv, to_gift, to_json, to_qti
from srm_build.items.fillin import FillIn
from srm_build.items.match import Match
from srm_build.items.order import Order
from srm_build.items.picklayer import PickLayer
from srm_build.models import (
    OWNER_LABELS,
    Content,
    Flashcards,
    MultipleChoice,
    Quiz,
    Scenario,
    SingleChoice,
    Sort,
    TrueFalse,
)
from srm_build.pipeline import load_content


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content")


def _answerable(content: Content) -> list:
    questions = [q for quiz in content.of_type(Quiz) for q in quiz.questions]
    return [q for q in questions if not isinstance(q, Flashcards)] + content.of_type(Scenario)


def _correct_texts(item) -> set[str]:
    if isinstance(item, Scenario):
        return {OWNER_LABELS[item.responsible]}
    return {o.text for o in item.options if o.id in item.correct}


def test_json_round_trip(content: Content) -> None:
    data = json.loads(to_json(question_bank(content)))
    assert data["format"] == "srm-question-bank" and data["version"] == 1
    bank = {entry["id"]: entry for entry in data["questions"]}
    for item in _answerable(content):
        entry = bank.pop(item.id)
        if isinstance(item, (SingleChoice, MultipleChoice)):
            assert entry["answer"] == sorted(item.correct)
            assert [o["id"] for o in entry["options"]] == [o.id for o in item.options]
        elif isinstance(item, TrueFalse):
            assert entry["answer"] is item.answer
            assert entry["feedback"] == {"true": item.feedback_true, "false": item.feedback_false}
        elif isinstance(item, Sort):
            assert {i["id"]: i["owner"] for i in entry["items"]} == {
                i.id: i.owner for i in item.items
            }
        elif isinstance(item, FillIn):
            assert entry["text"] == item.text
            assert {g["id"]: (g["accepted"], g.get("choices")) for g in entry["gaps"]} == {
                g.id: (g.accepted, g.choices) for g in item.gaps
            }
        elif isinstance(item, Order):
            # The answer is the items in the right order (QTI's ordered response).
            assert entry["answer"] == [i.id for i in item.items]
            assert [i["text"] for i in entry["items"]] == [i.text for i in item.items]
            assert (entry["first"], entry["last"]) == (item.first, item.last)
            assert entry["misconception"] == item.misconception
        elif isinstance(item, Match):
            assert {i["id"]: i["answer"] for i in entry["items"]} == {
                i.id: i.answer for i in item.items
            }
            assert [c["id"] for c in entry["choices"]] == [c.id for c in item.choices]
        elif isinstance(item, PickLayer):
            # The layers offered, top first (the stack's own order), never shuffled.
            assert entry["statement"] == item.statement
            assert entry["answer"] == [item.answer] and entry["shuffle"] is False
            assert [o["id"] for o in entry["options"]] == [layer.id for layer in item.offered()]
            stack = [layer.id for layer in reversed(content.layers)]
            assert [o["id"] for o in entry["options"]] == [
                i for i in stack if item.layers is None or i in item.layers
            ]
            assert entry["misconception"] == item.misconception
        else:
            assert entry["answer"] == [item.responsible]
            # Every answer keeps its own feedback, not one explanation for all three.
            assert {o["id"]: o["feedback"] for o in entry["options"]} == item.feedback
            assert len(set(item.feedback.values())) == 3
    decks = {d.id: d for d in content.of_type(Flashcards)}
    assert set(bank) == set(decks)
    for ident, entry in bank.items():
        assert [c["id"] for c in entry["cards"]] == decks[ident].cards


def test_anki_csv_round_trip(content: Content) -> None:
    rows = list(csv.DictReader(io.StringIO(to_anki_csv(question_bank(content)))))
    by_tag = {row["tags"].split()[-1]: row for row in rows}
    for item in _answerable(content):
        row = by_tag[item.id]
        if isinstance(item, (SingleChoice, MultipleChoice, Scenario)):
            assert all(text in row["back"] for text in _correct_texts(item))
        elif isinstance(item, TrueFalse):
            assert row["back"].startswith("True" if item.answer else "False")
        elif isinstance(item, FillIn):
            assert "[[" not in row["front"] and row["front"].count("_____") == len(item.gaps)
            assert all(gap.accepted[0] in row["back"] for gap in item.gaps)
        elif isinstance(item, Order):
            # The back numbers the items in order; the front lists them in another.
            lines = row["back"].splitlines()[: len(item.items)]
            assert lines == [f"{n}. {i.text}" for n, i in enumerate(item.items, 1)]
            front = [line[2:] for line in row["front"].splitlines() if line.startswith("- ")]
            assert sorted(front) == sorted(i.text for i in item.items)
        elif isinstance(item, Match):
            texts = {c.id: c.text for c in item.choices}
            assert row["back"].splitlines()[: len(item.items)] == [
                html.escape(f"{i.text} \u2192 {texts[i.answer]}", quote=False) for i in item.items
            ]
        elif isinstance(item, PickLayer):
            # The statement and the stack, top first, on the front; the layer on the back.
            names = [layer.name for layer in item.offered()]
            front = row["front"].splitlines()
            assert html.escape(item.statement, quote=False) in front
            assert [line[2:] for line in front if line.startswith("- ")] == names
            right = content.by_id[item.answer].name
            assert row["back"].splitlines()[0] == right
    for deck in content.of_type(Flashcards):
        for card in deck.cards:
            term = content.by_id[card]
            assert by_tag[card]["front"] == term.term
            assert by_tag[card]["back"] == term.definition


# A reader of the GIFT subset we write, after Moodle's grammar: ::title::[format]text{answers}
_BLOCK = re.compile(
    r"::(?P<id>(?:[^:\\]|\\.)+)::\[markdown\](?P<text>(?:[^{\\]|\\.)*)\{"
    r"(?P<answers>(?:[^}\\]|\\.)*)\}"
)
_ANSWER = re.compile(r"(?P<mark>[=~])(?:%(?P<weight>-?[\d.]+)%)?(?P<body>(?:[^=~\\]|\\.)*)")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).strip()


def parse_gift(text: str) -> dict[str, dict]:
    questions = {}
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    for block in _BLOCK.finditer(body):
        answers = block["answers"].strip()
        parsed: dict = {"text": _unescape(block["text"])}
        if re.fullmatch(r"[TF](#.*)?", answers, re.S):
            parsed["truth"] = answers[0] == "T"
            # {T#feedback for a wrong answer#feedback for the right one}
            parsed["feedback"] = [_unescape(f) for f in re.split(r"(?<!\\)#", answers)[1:]]
        else:
            parsed["answers"] = []
            for answer in _ANSWER.finditer(answers):
                if not answer["body"].strip():
                    continue
                raw = re.split(r"(?<!\\)#", answer["body"])[0]
                weight = float(answer["weight"]) if answer["weight"] else None
                parsed["answers"].append((answer["mark"], weight, _unescape(raw)))
        questions[_unescape(block["id"])] = parsed
    return questions


def test_gift_round_trip(content: Content) -> None:
    gift = parse_gift(to_gift(question_bank(content)))
    for item in _answerable(content):
        if isinstance(item, Order) or (isinstance(item, FillIn) and len(item.gaps) > 1):
            # GIFT has no ordering question, nor one with several gaps
            assert item.id not in gift
            continue
        parsed = gift.pop(item.id)
        if isinstance(item, TrueFalse):
            assert parsed["truth"] is item.answer
            right, wrong = (
                (item.feedback_true, item.feedback_false)
                if item.answer
                else (item.feedback_false, item.feedback_true)
            )
            assert parsed["feedback"] == [" ".join(wrong.split()), " ".join(right.split())]
        elif isinstance(item, Sort):
            pairs = {text for _, _, text in parsed["answers"]}
            assert pairs == {f"{i.text} -> {OWNER_LABELS[i.owner]}" for i in item.items}
        elif isinstance(item, Match):
            texts = {c.id: c.text for c in item.choices}
            pairs = [text for _, _, text in parsed["answers"]]
            assert pairs == [f"{i.text} -> {texts[i.answer]}" for i in item.items] + [
                f"-> {c.text}" for c in item.choices if c.distractor
            ]
        elif isinstance(item, FillIn):
            right = {text for mark, _, text in parsed["answers"] if mark == "="}
            assert right == set(item.gaps[0].accepted)
            wrong = {text for mark, _, text in parsed["answers"] if mark == "~"}
            assert wrong == set(item.gaps[0].choices or []) - right
        elif isinstance(item, PickLayer):
            # A multiple choice question: the statement in the text, the layers in the
            # stack's order, the one it is about right.
            assert " ".join(item.statement.split()) in parsed["text"]
            answers = [(mark, text) for mark, _, text in parsed["answers"]]
            assert answers == [
                ("=" if layer.id == item.answer else "~", layer.name) for layer in item.offered()
            ]
        elif isinstance(item, MultipleChoice):
            positive = {text for _, weight, text in parsed["answers"] if weight and weight > 0}
            assert positive == _correct_texts(item)
            assert sum(w for _, w, _ in parsed["answers"] if w and w > 0) == pytest.approx(
                100, 0.01
            )
        else:
            right = {text for mark, _, text in parsed["answers"] if mark == "="}
            assert right == _correct_texts(item)
    assert gift == {}


GIFT_SPECIALS = "%100%An independent auditor: ~ = # { } \\ 50% & <b>x</b> -> y"
"""A text made of every character GIFT gives a meaning (a leading `%n%` is an answer's
weight in Moodle's grammar) and HTML."""


@pytest.mark.parametrize("kind", ["single", "multiple"])
def test_gift_special_characters_round_trip_as_text(kind: str) -> None:
    option = {"id": "a", "text": GIFT_SPECIALS, "feedback": GIFT_SPECIALS, "misconception": None}
    bank = [
        {
            "id": "q1",
            "quiz": "quiz",
            "type": kind,
            "prompt": GIFT_SPECIALS,
            "source": "s",
            "options": [option, {**option, "id": "b", "text": "B", "feedback": "F"}],
            "answer": ["a"],
            "explanation": "",
        }
    ]
    parsed = parse_gift(to_gift(bank))["q1"]
    assert html.unescape(parsed["text"]) == GIFT_SPECIALS
    _mark, weight, text = parsed["answers"][0]
    # Moodle reads `%n%` right after `~`/`=` as a weight: only the exporter's own.
    assert weight == (100 if kind == "multiple" else None)
    assert html.unescape(text) == GIFT_SPECIALS


def test_qti_package_round_trip(content: Content) -> None:
    package = zipfile.ZipFile(io.BytesIO(to_qti(question_bank(content))))
    manifest = ET.fromstring(package.read("imsmanifest.xml"))
    hrefs = [r.get("href") for r in manifest.iter() if r.tag.endswith("resource")]
    q = f"{{{QTI_NS}}}"
    items = {}
    for href in hrefs:
        root = ET.fromstring(package.read(href))
        assert root.tag == f"{q}assessmentItem"
        values = [v.text for v in root.iter(f"{q}value")]
        choices = [c.get("identifier") for c in root.iter(f"{q}simpleChoice")]
        shuffle = [i.get("shuffle") for i in root.iter(f"{q}choiceInteraction")]
        shuffle += [i.get("shuffle") for i in root.iter(f"{q}orderInteraction")]
        declared = root.find(f"{q}responseDeclaration")
        assert declared is not None
        kind = (declared.get("cardinality"), declared.get("baseType"))
        items[root.get("identifier").removeprefix("srm-")] = (values, choices, shuffle, kind)
    quiz_of = {one.id: quiz for quiz in content.of_type(Quiz) for one in quiz.questions}
    for item in _answerable(content):
        values, choices, shuffle, kind = items.pop(item.id)
        if isinstance(item, (SingleChoice, MultipleChoice)):
            assert sorted(values) == sorted(item.correct)
            assert choices == [o.id for o in item.options]
            # Shuffled as the site shuffles it: the question's own setting, else its quiz's.
            wanted = quiz_of[item.id].shuffle if item.shuffle is None else item.shuffle
            assert shuffle == ["true" if wanted else "false"]
        elif isinstance(item, TrueFalse):
            assert values == ["true" if item.answer else "false"]
        elif isinstance(item, Sort):
            assert values == [f"{i.id} {i.owner}" for i in item.items]
        elif isinstance(item, FillIn):
            # One correct value per gap: the accepted choice's identifier, or the typed answer.
            assert len(values) == len(item.gaps)
            for value, gap in zip(values, item.ordered_gaps(), strict=True):
                assert value == (
                    f"{gap.id}-{gap.choices.index(gap.accepted[0]) + 1}"
                    if gap.choices
                    else gap.accepted[0]
                )
        elif isinstance(item, Order):
            # An orderInteraction: its choices are the items, the response their order.
            assert kind == ("ordered", "identifier")
            assert values == [i.id for i in item.items]
            assert sorted(choices) == sorted(i.id for i in item.items)
            assert shuffle == ["true"]
        elif isinstance(item, Match):
            assert values == [f"item-{i.id} choice-{i.answer}" for i in item.items]
        elif isinstance(item, PickLayer):
            # A choiceInteraction over the layers offered, in the stack's order, not shuffled.
            assert kind == ("single", "identifier")
            assert values == [item.answer]
            assert choices == [layer.id for layer in item.offered()]
            assert shuffle == ["false"]
        else:
            assert values == [item.responsible]
    assert items == {}


def test_command_line_export_writes_each_format(tmp_path: Path) -> None:
    for fmt in ("json", "gift", "qti", "anki-csv"):
        out = tmp_path / f"bank.{fmt}"
        result = subprocess.run(
            [sys.executable, "-m", "srm_build", "export", "--format", fmt, "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 0


def test_site_publishes_the_exports(engine_fixture_site: Site) -> None:
    bank = json.loads((engine_fixture_site.root / "questions.json").read_text())
    assert {q["id"] for q in bank["questions"]} >= {"ec2-patching", "sort-basics", "deck-basics"}
    for name in ("srm-questions.gift", "srm-questions-qti21.zip", "srm-anki.csv"):
        assert (engine_fixture_site.root / "exports" / name).stat().st_size > 0
