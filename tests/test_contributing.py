"""The examples in CONTRIBUTING.md are valid content: each is added to a copy of the real
content and the whole is checked."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, write_pages
from srm_build.errors import ContentError
from srm_build.pipeline import load_content

EXAMPLE = re.compile(r"```yaml\n# example: (\w+)\n(.*?)```", re.S)

WRAP = {
    "term": ("kind: glossary\ntitle: Example\nterms:\n", 0),
    "scenario": ("kind: scenarios\ntitle: Example\nscenarios:\n", 0),
    "question": (
        "kind: quizzes\ntitle: Example\nquizzes:\n  - id: quiz-example\n    title: Example\n"
        "    source: aws-srm\n    questions:\n",
        6,
    ),
    "service": ("kind: services\ntitle: Example\nservices:\n", 0),
    "misconception": ("kind: misconceptions\ntitle: Example\nmisconceptions:\n", 0),
    "row": (
        "kind: tables\ntitle: Example\ntables:\n  - id: table-example\n    title: Example\n"
        "    source: aws-srm\n    rows:\n",
        6,
    ),
}

EXAMPLES = EXAMPLE.findall((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))


def test_contributing_shows_every_kind_of_example() -> None:
    kinds = [kind for kind, _ in EXAMPLES]
    assert set(kinds) == set(WRAP)
    # single, multiple, true-false, sort, order, flashcards, match, fill-in, pick-layer
    assert kinds.count("question") == 9


@pytest.mark.parametrize(
    ("kind", "body"), EXAMPLES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(EXAMPLES)]
)
def test_example_is_valid_content(tmp_path: Path, kind: str, body: str) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    head, indent = WRAP[kind]
    (content / "contributed-example.yml").write_text(head + textwrap.indent(body, " " * indent))
    write_pages(content)  # the page CONTRIBUTING.md asks for beside a new file
    if kind == "service":
        _join_its_row(content / "data" / "tables.yml", body)
    try:
        load_content(content)
    except ContentError as error:
        pytest.fail(f"CONTRIBUTING.md {kind} example is invalid:\n{error}")


def _join_its_row(tables: Path, service: str) -> None:
    """Do what CONTRIBUTING.md asks of a new service: add it to the `services` of the row
    about its model or category (that row's claims are then checked against it too)."""
    ident = re.search(r"^- id: (\S+)$", service, re.M)
    group = re.search(r"^  (model|category): (\w+)$", service, re.M)
    assert ident and group, "the service example names its id and its model or category"
    text = tables.read_text(encoding="utf-8")
    row = re.compile(rf"(\n {{8}}{group[1]}: {group[2]}\n(?: {{8}}.*\n)*? {{8}}services: \[)")
    joined, count = row.subn(rf"\g<1>{ident[1]}, ", text, count=1)
    assert count == 1, f"no row in tables.yml gives {group[1]}: {group[2]}"
    tables.write_text(joined, encoding="utf-8")
