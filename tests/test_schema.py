"""The JSON Schemas editors use: committed and fresh, and in agreement with the models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import FIXTURE_SITE, ROOT
from srm_build.loader import load_text, read_file
from srm_build.parse import parse_document
from srm_build.pipeline import YAML_SUFFIXES
from srm_build.schema import dump, schemas

SCHEMAS = ROOT / "schemas"
CONTENT_SCHEMA = Draft202012Validator(json.loads((SCHEMAS / "content.schema.json").read_text()))


def test_committed_schemas_are_fresh() -> None:
    expected = schemas()
    committed = sorted(p.name for p in SCHEMAS.glob("*.schema.json"))
    assert committed == sorted(expected), "run: python -m srm_build schema"
    for name, schema in expected.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == dump(schema), (
            f"schemas/{name} is stale; run: python -m srm_build schema"
        )


def _patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


def test_schema_patterns_are_ecmascript_unicode_regexes() -> None:
    """JSON Schema patterns are ECMAScript regexes; editors' YAML servers and
    check-jsonschema (by default) compile them in unicode mode, which refuses needless
    escapes such as `\\"` that Python accepts. `regress` is the engine check-jsonschema uses."""
    import regress

    patterns = sorted({p for schema in schemas().values() for p in _patterns(schema)})
    assert any(p.startswith("^https://") for p in patterns)  # the source URL's, once refused
    for pattern in patterns:
        try:
            regress.Regex(pattern, "u")
        except Exception as exc:  # regress raises its own error type
            raise AssertionError(f"{pattern!r} is no ECMAScript unicode regex: {exc}") from exc


def test_editors_map_content_files_to_the_schema() -> None:
    settings = json.loads((ROOT / ".vscode/settings.json").read_text())
    assert settings["yaml.schemas"]["./schemas/content.schema.json"] == [
        "content/**/*.yml",
        "content/**/*.yaml",
    ]


def _content_files() -> list[Path]:
    return sorted(
        p
        for root in (ROOT / "content", FIXTURE_SITE / "content")
        for p in root.rglob("*")
        if p.suffix in YAML_SUFFIXES
    )


@pytest.mark.parametrize("path", _content_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_content_file_validates_against_the_schema(path: Path) -> None:
    doc = read_file(path, path.name)
    assert not isinstance(doc, Exception) and hasattr(doc, "data"), doc
    errors = [e.message for e in CONTENT_SCHEMA.iter_errors(doc.data)]
    assert errors == []


GOOD = """\
kind: glossary
title: Glossary
terms:
  - id: guest-os
    term: Guest OS
    definition: The operating system inside an instance.
    source: aws-srm
"""

# Each example changes the good file in one way that both the models and the schema refuse.
EXAMPLES = [
    ("good", GOOD, True),
    ("unknown key", GOOD + "    colour: blue\n", False),
    ("boolean for text", GOOD.replace("term: Guest OS", "term: no"), False),
    ("number for text", GOOD.replace("term: Guest OS", "term: 1.10"), False),
    ("id with a space", GOOD.replace("id: guest-os", "id: guest os"), False),
    ("missing field", GOOD.replace("    source: aws-srm\n", ""), False),
    ("unknown kind", GOOD.replace("kind: glossary", "kind: notes"), False),
    ("empty list", "kind: glossary\ntitle: Glossary\nterms: []\n", False),
    ("quote as text", GOOD + "    quote: 'yes'\n", False),
    (
        "good question",
        """\
kind: quizzes
title: Q
quizzes:
  - id: q
    title: Q
    questions:
      - {id: tf, type: true-false, prompt: AWS patches guest OSes., answer: false,
         feedback_true: The customer does., feedback_false: Right; the customer does.}
""",
        True,
    ),
    (
        "unknown question type",
        """\
kind: quizzes
title: Q
quizzes:
  - id: q
    title: Q
    questions:
      - {id: tf, type: essay, prompt: Discuss.}
""",
        False,
    ),
    (
        "one option",
        """\
kind: quizzes
title: Q
quizzes:
  - id: q
    title: Q
    questions:
      - id: s
        type: single
        prompt: Pick.
        options: [{id: a, text: A, feedback: Only one.}]
        answer: a
""",
        False,
    ),
]


@pytest.mark.parametrize(("text", "valid"), [e[1:] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES])
def test_schema_and_models_agree(text: str, valid: bool) -> None:
    doc = load_text(text, "example.yml")
    _, problems = parse_document(doc)
    schema_errors = list(CONTENT_SCHEMA.iter_errors(doc.data))
    assert (problems == []) is valid, problems
    assert (schema_errors == []) is valid, [e.message for e in schema_errors]
