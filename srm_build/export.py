"""The question bank in open formats: JSON, Moodle GIFT, QTI 2.1 and Anki CSV.

Questions keep their Markdown text. Each unit of the bank (srm_build/items, `Exported`)
makes its entries and maps them to each format; this module writes the files. Scenarios
are exported as "who is responsible?" questions. GIFT and QTI carry the types they have a
form for (choice, true/false, sort); flashcard decks go to JSON and Anki, where cards
belong."""

from __future__ import annotations

import csv
import html
import io
import json
import zipfile
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from .items.question import Exported, Qti
from .models import OWNER_LABELS, Content
from .registry import EXPORTED

if TYPE_CHECKING:
    from jinja2 import Template

FORMAT_VERSION = 1

Bank = list[dict[str, Any]]
"""The question bank as plain data: what every format is written from."""


def question_bank(content: Content) -> Bank:
    """Every question and scenario as plain data: the questions of every quiz, then the
    scenarios, each in content order. Each entry is made by its unit (`bank_entry`)."""
    resolved = content.resolved
    assert resolved is not None, "content is resolved when it loads"
    exported = sorted(
        (item for item in content.by_id.values() if isinstance(item, Exported)),
        key=lambda item: item.bank_rank,
    )
    lookup = content.by_id.__getitem__
    return [
        item.bank_entry(resolved.quiz_of(item), resolved.source_id(item), lookup)
        for item in exported
    ]


def to_json(bank: Bank) -> str:
    """The bank as one JSON document, one question per line (readable diffs; and compact
    questions are written by json's C encoder, while `indent` falls back to Python)."""
    head = json.dumps({"format": "srm-question-bank", "version": FORMAT_VERSION})[:-1]
    questions = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in bank)
    return f'{head}, "questions": [\n{questions}\n]}}\n'


# --- GIFT -----------------------------------------------------------------------------------


def to_gift(bank: Bank) -> str:
    """Moodle's GIFT format, one question per block."""
    blocks = [b for e in bank if (b := EXPORTED[e["type"]].gift_block(e)) is not None]
    return "// SRM question bank (GIFT)\n\n" + "\n\n".join(blocks) + "\n"


# --- QTI 2.1 --------------------------------------------------------------------------------

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"


@cache
def _qti_templates() -> tuple[Template, Template]:
    """The item and manifest templates, compiled once, on first use: the command line
    imports this module to list the formats, and checking content needs no Jinja."""
    from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

    env = Environment(
        # The item and manifest, and each unit's interaction beside the unit.
        loader=ChoiceLoader(
            [PackageLoader("srm_build", "templates"), PackageLoader("srm_build", "items")]
        ),
        autoescape=True,  # XML needs the same escaping as HTML
        undefined=StrictUndefined,
        # Compiled once per process: no check of the files on disk at every include.
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("qti-item.xml.jinja"), env.get_template("qti-manifest.xml.jinja")


@cache
def _qti_interaction(name: str) -> Callable[..., str]:
    """The `interaction` macro of a unit's QTI template (compiled once)."""
    return _qti_templates()[0].environment.get_template(name).module.interaction


def _qti_item(entry: dict[str, Any], qti: Qti) -> str:
    return _qti_templates()[0].render(
        entry=entry,
        qti=qti,
        interaction=_qti_interaction(qti.interaction),
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
            qti = EXPORTED[entry["type"]].qti(entry)
            if qti is None:
                continue
            name = f"items/{entry['id']}.xml"
            package.writestr(_zip_info(name), _qti_item(entry, qti).encode("utf-8"))
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
        for front, back, ident in EXPORTED[entry["type"]].anki(entry):
            writer.writerow([_cell(front), _cell(back), f"{tags} {ident}"])
    return out.getvalue()


EXPORTS: dict[str, tuple[str, Callable[[Bank], str | bytes]]] = {
    "json": ("questions.json", to_json),
    "gift": ("exports/srm-questions.gift", to_gift),
    "qti": ("exports/srm-questions-qti21.zip", to_qti),
    "anki-csv": ("exports/srm-anki.csv", to_anki_csv),
}
"""Format name -> (path on the site, writer of the `question_bank`)."""
