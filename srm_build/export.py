"""The question bank in open formats: JSON, Moodle GIFT, QTI 2.1 and Anki CSV.

Questions keep their Markdown text. Scenarios are exported as "who is responsible?"
questions. GIFT and QTI carry the answerable kinds (choice, true/false, sort); flashcard
decks go to JSON and Anki, where cards belong."""

from __future__ import annotations

import csv
import html
import io
import json
import zipfile
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from .models import (
    OWNER_LABELS,
    OWNERS,
    Content,
    Flashcards,
    MultipleChoice,
    Quiz,
    Scenario,
    SingleChoice,
    Sort,
    Term,
    TrueFalse,
)

if TYPE_CHECKING:
    from jinja2 import Template

FORMAT_VERSION = 1

Bank = list[dict[str, Any]]
"""The question bank as plain data: what every format is written from."""


def question_bank(content: Content) -> Bank:
    """Every question and scenario as plain data, in content order."""
    bank: list[dict[str, Any]] = []
    for quiz in content.of_type(Quiz):
        for question in quiz.questions:
            entry = {
                "id": question.id,
                "quiz": quiz.id,
                "type": question.type,
                "prompt": question.prompt,
                "source": question.source or quiz.source,
            }
            if isinstance(question, (SingleChoice, MultipleChoice)):
                entry["options"] = [o.model_dump() for o in question.options]
                entry["answer"] = sorted(question.correct)
                # QTI's `shuffle`: the question's own, else its quiz's (the site's readers
                # see the options in an order of their own where it is true).
                entry["shuffle"] = quiz.shuffle if question.shuffle is None else question.shuffle
            elif isinstance(question, TrueFalse):
                entry["answer"] = question.answer
                entry["feedback"] = {
                    "true": question.feedback_true,
                    "false": question.feedback_false,
                }
            elif isinstance(question, Sort):
                entry["buckets"] = list(question.buckets)
                entry["items"] = [
                    {"id": i.id, "text": i.text, "owner": i.owner, "explanation": i.explanation}
                    for i in question.items
                ]
            elif isinstance(question, Flashcards):
                terms = [content.by_id[ident] for ident in question.cards]
                entry["cards"] = [
                    {"id": t.id, "front": t.term, "back": t.definition}
                    for t in terms
                    if isinstance(t, Term)
                ]
            if question.explanation:
                entry["explanation"] = question.explanation
            bank.append(entry)
    for scenario in content.of_type(Scenario):
        bank.append(
            {
                "id": scenario.id,
                "quiz": None,
                "type": "scenario",
                "prompt": f"{scenario.situation}\n\nWho is responsible?",
                "options": [
                    {"id": o, "text": OWNER_LABELS[o], "feedback": scenario.feedback[o]}
                    for o in OWNERS
                ],
                "answer": [scenario.responsible],
                "explanation": scenario.explanation,
                "source": scenario.source,
            }
        )
    return bank


def to_json(bank: Bank) -> str:
    """The bank as one JSON document, one question per line (readable diffs; and compact
    questions are written by json's C encoder, while `indent` falls back to Python)."""
    head = json.dumps({"format": "srm-question-bank", "version": FORMAT_VERSION})[:-1]
    questions = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in bank)
    return f'{head}, "questions": [\n{questions}\n]}}\n'


# --- GIFT -----------------------------------------------------------------------------------

_GIFT_SPECIAL = str.maketrans(
    {
        **{c: f"\\{c}" for c in "\\~=#{}:"},
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "%": "&\\#37;",  # its `#` escaped too: it would start a feedback
    }
)
"""GIFT's own control characters (Moodle's grammar: `~ = # { } :` and the backslash) get a
backslash. `<`, `>` and `&` become entities: the text is [markdown], whose HTML Moodle
would pass on as markup, and a sort item's `->` would end the item early (Moodle splits a
match at the first `->`); `-&gt;` reads as `->`. `%` becomes `&#37;` (written `&\\#37;`):
an answer that starts with `%n%` is read as its weight, and Moodle's GIFT reader has no
escape for `%` (`\\%` would show its backslash), while the entity shows as `%` in the
[markdown] text."""


def _gift(text: str) -> str:
    """Text safe inside GIFT: its control characters escaped, HTML made text, lines joined."""
    return " ".join(text.split()).translate(_GIFT_SPECIAL)


def _gift_question(entry: dict[str, Any]) -> str | None:
    head = f"::{entry['id']}::[markdown]{_gift(entry['prompt'])} {{"
    kind = entry["type"]
    if kind in ("single", "scenario"):
        answers = [
            f"\t{'=' if o['id'] in entry['answer'] else '~'}{_gift(o['text'])}"
            f"#{_gift(o['feedback'])}"
            for o in entry["options"]
        ]
    elif kind == "multiple":
        right = 100 / len(entry["answer"])
        wrong = 100 / max(1, len(entry["options"]) - len(entry["answer"]))
        answers = [
            f"\t~%{_weight(right if o['id'] in entry['answer'] else -wrong)}%"
            f"{_gift(o['text'])}#{_gift(o['feedback'])}"
            for o in entry["options"]
        ]
    elif kind == "true-false":
        # GIFT: {T#feedback for a wrong answer#feedback for the right one}
        right = "true" if entry["answer"] else "false"
        wrong = "false" if entry["answer"] else "true"
        answers = [
            f"\t{'T' if entry['answer'] else 'F'}#{_gift(entry['feedback'][wrong])}"
            f"#{_gift(entry['feedback'][right])}"
        ]
    elif kind == "sort":
        answers = [f"\t={_gift(i['text'])} -> {OWNER_LABELS[i['owner']]}" for i in entry["items"]]
    else:
        return None
    return "\n".join([head, *answers, "}"])


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def to_gift(bank: Bank) -> str:
    """Moodle's GIFT format, one question per block."""
    blocks = [b for e in bank if (b := _gift_question(e)) is not None]
    return "// SRM question bank (GIFT)\n\n" + "\n\n".join(blocks) + "\n"


# --- QTI 2.1 --------------------------------------------------------------------------------

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"


_QTI_KINDS = ("single", "multiple", "scenario", "true-false", "sort")


@cache
def _qti_templates() -> tuple[Template, Template]:
    """The item and manifest templates, compiled once, on first use: the command line
    imports this module to list the formats, and checking content needs no Jinja."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("srm_build", "templates"),
        autoescape=True,  # XML needs the same escaping as HTML
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("qti-item.xml.jinja"), env.get_template("qti-manifest.xml.jinja")


def _qti_item(entry: dict[str, Any]) -> str:
    kind = entry["type"]
    options = entry.get("options", [])
    if kind == "sort":
        correct = [f"{i['id']} {i['owner']}" for i in entry["items"]]
        cardinality, base_type = "multiple", "directedPair"
    elif kind == "true-false":
        correct = ["true" if entry["answer"] else "false"]
        cardinality, base_type = "single", "identifier"
        options = [{"id": "true", "text": "True"}, {"id": "false", "text": "False"}]
    else:
        correct = list(entry["answer"])
        cardinality = "multiple" if kind == "multiple" else "single"
        base_type = "identifier"
    return _qti_templates()[0].render(
        entry=entry,
        correct=correct,
        cardinality=cardinality,
        base_type=base_type,
        options=options,
        owner_labels=OWNER_LABELS,
        qti_ns=QTI_NS,
        match_correct=MATCH_CORRECT,
    )


def to_qti(bank: Bank) -> bytes:
    """A QTI 2.1 content package: one item file per question and the manifest."""
    buffer = io.BytesIO()
    files = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for entry in bank:
            if entry["type"] not in _QTI_KINDS:
                continue
            name = f"items/{entry['id']}.xml"
            package.writestr(_zip_info(name), _qti_item(entry).encode("utf-8"))
            files.append((entry["id"], name))
        manifest = _qti_templates()[1]
        package.writestr(
            _zip_info("imsmanifest.xml"), manifest.render(files=files, cp_ns=CP_NS).encode("utf-8")
        )
    return buffer.getvalue()


def _zip_info(name: str) -> zipfile.ZipInfo:
    # A fixed date keeps the package byte-identical from build to build.
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


# --- Anki -----------------------------------------------------------------------------------


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell that starts with one of these as a formula (OWASP's list for
CSV injection); the cell gets a leading `'`, which spreadsheets take as "this is text"."""


def _cell(text: str) -> str:
    """Card text for Anki, which reads fields as HTML: `<`, `>` and `&` as entities; and
    safe to open in a spreadsheet."""
    text = html.escape(text, quote=False)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def to_anki_csv(bank: Bank) -> str:
    """Front, back and tags per card: every flashcard, and every question as a card."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["front", "back", "tags"])
    for entry in bank:
        tags = " ".join(t for t in ("srm", entry["type"], entry["quiz"]) if t)
        if entry["type"] == "flashcards":
            for card in entry["cards"]:
                writer.writerow([_cell(card["front"]), _cell(card["back"]), f"{tags} {card['id']}"])
            continue
        writer.writerow(
            [_cell(_anki_front(entry)), _cell(_anki_back(entry)), f"{tags} {entry['id']}"]
        )
    return out.getvalue()


def _anki_front(entry: dict[str, Any]) -> str:
    lines = [entry["prompt"]]
    for option in entry.get("options", []):
        lines.append(f"{option['id']}) {option['text']}")
    for item in entry.get("items", []):
        lines.append(f"- {item['text']}")
    return "\n".join(lines)


def _anki_back(entry: dict[str, Any]) -> str:
    if entry["type"] == "true-false":
        right = "true" if entry["answer"] else "false"
        lines = [right.title(), entry["feedback"][right]]
    elif entry["type"] == "sort":
        lines = [f"{i['text']}: {OWNER_LABELS[i['owner']]}" for i in entry["items"]]
    else:
        texts = {o["id"]: o["text"] for o in entry["options"]}
        lines = [f"{a}) {texts[a]}" for a in entry["answer"]]
    if entry.get("explanation"):
        lines.append(entry["explanation"])
    return "\n".join(lines)


EXPORTS: dict[str, tuple[str, Callable[[Bank], str | bytes]]] = {
    "json": ("questions.json", to_json),
    "gift": ("exports/srm-questions.gift", to_gift),
    "qti": ("exports/srm-questions-qti21.zip", to_qti),
    "anki-csv": ("exports/srm-anki.csv", to_anki_csv),
}
"""Format name -> (path on the site, writer of the `question_bank`)."""
