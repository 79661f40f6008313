"""The house of item kinds: one unit per kind, one registry that everything derives from,
and references declared in the models, resolved in one step (srm_build/resolve.py).

The table below is what a contributor sees for a reference that leads nowhere, wherever
it is declared: on an item, on a part of one (an option, a sort item, a table row), in a
mapping's keys (a service's layers) or on a claim."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import get_args

import pytest
from test_errors import GLOSSARY, MATRIX, SORT_HEAD, quiz, row_table, write_content

from conftest import FIXTURE_SITE
from srm_build import registry
from srm_build.errors import ContentError
from srm_build.items.base import Item, Model, NamedPart, Ref
from srm_build.items.claims import OwnedPart
from srm_build.items.match import MatchItem
from srm_build.items.question import Exported
from srm_build.items.sort import SortItem
from srm_build.pipeline import load_content
from srm_build.resolve import resolve

ROOT = Path(__file__).resolve().parent.parent
ITEMS = ROOT / "srm_build" / "items"
ASSETS = ROOT / "srm_build" / "assets"


# ---------------------------------------------------------------- the registry


def test_every_unit_brings_its_template_and_client_files() -> None:
    from srm_build.assets import path_of

    # A unit's package folder (srm_build/items/<kind>/), or that of a unit it builds on (the
    # choice questions extend ChoiceItem, whose folder holds srm-choice.js).
    folders = {
        ITEMS / cls.__module__.split(".")[2]
        for unit in registry.UNITS
        for cls in unit.__mro__
        if cls.__module__.startswith("srm_build.items.")
        and (ITEMS / cls.__module__.split(".")[2]).is_dir()
    }
    for unit in registry.UNITS:
        assert (ITEMS / unit.template).is_file(), unit.__name__
        for name in unit.client:
            # in srm_build/assets (shared), or in a unit's package folder
            assert path_of(name).is_file(), (unit.__name__, name)
            assert path_of(name).parent in {ASSETS, *folders}, (unit.__name__, name)
    for kind in registry.CONTENT_KINDS:
        for name in (kind.start, kind.end):
            assert name is None or (ITEMS / name).is_file(), kind.kind


def test_the_schemas_and_the_exports_derive_from_the_registry() -> None:
    """The schema's question types and file kinds are the registry's, in its order, and
    every question type and the scenario map to the bank's formats."""
    schema = json.loads((ROOT / "schemas" / "content.schema.json").read_text())
    kinds = [schema["$defs"][ref["$ref"].rsplit("/", 1)[1]] for ref in schema["oneOf"]]
    assert [k["properties"]["kind"]["const"] for k in kinds] == [
        kind.kind for kind in registry.CONTENT_KINDS
    ]
    quiz_schema = schema["$defs"]["Quiz"]["properties"]["questions"]["items"]
    types = [schema["$defs"][r["$ref"].rsplit("/", 1)[1]] for r in quiz_schema["oneOf"]]
    assert [t["properties"]["type"]["const"] for t in types] == list(registry.question_type_names())
    assert set(registry.EXPORTED) == {*registry.question_type_names(), "scenario"}
    assert all(issubclass(unit, Exported) for unit in registry.QUESTION_TYPES)


def _refs(model: type[Model]) -> set[str]:
    found: set[str] = set()

    def walk(annotation: object) -> None:
        for meta in getattr(annotation, "__metadata__", ()):
            if isinstance(meta, Ref):
                found.add(meta.noun)
        for arg in get_args(annotation):
            walk(arg)

    for info in model.model_fields.values():
        found.update(m.noun for m in info.metadata if isinstance(m, Ref))
        walk(info.annotation)
    return found


def test_every_reference_names_a_kind_the_registry_has() -> None:
    nouns = {noun for model in _all_models() for noun in _refs(model)}
    assert nouns == {"source", "term", "layer", "service", "misconception", "page"}
    assert nouns - {"page"} <= set(registry.NOUN_UNITS)


def _all_models() -> set[type[Model]]:
    seen: set[type[Model]] = set()
    pending: list[type[Model]] = [Model]
    while pending:
        cls = pending.pop()
        seen.add(cls)
        pending.extend(cls.__subclasses__())
    return seen


def test_parts_share_their_base() -> None:
    """Every part with an id is a `NamedPart`, which alone says how it is named (`ident`);
    the parts that state an owner (sort and match items) take their shared fields from one
    `OwnedPart` rather than writing them again."""
    parts = [m for m in _all_models() if "id" in m.model_fields and not issubclass(m, Item)]
    names = {m.__name__ for m in parts}
    assert {"Option", "Gap", "OrderItem", "SortItem", "MatchItem", "MatchChoice"} <= names
    for model in parts:
        assert issubclass(model, NamedPart), model.__name__
        assert model is NamedPart or "ident" not in vars(model), model.__name__
    shared = {"text", "explanation", "service", "layer", "claims", "source"}
    for model in (SortItem, MatchItem):
        assert issubclass(model, OwnedPart), model.__name__
        assert not shared & set(model.__annotations__), model.__name__


def test_every_unit_is_named_for_reports_by_itself() -> None:
    """Each unit has a noun of its own for its report link and issue title (`report_noun`:
    its `noun`, or `reader_noun`), not the base's generic "item"; and no template passes a
    noun of its own to `report_link` (it reads the item's), so they cannot disagree."""
    for unit in registry.UNITS:
        noun = unit.reader_noun or unit.noun
        assert noun and noun != "item", unit.__name__
    templates = [*ITEMS.rglob("*.jinja"), *(ROOT / "srm_build" / "templates").rglob("*.jinja")]
    calls = [c for t in templates for c in re.findall(r"report_link\([^)]*\)", t.read_text())]
    assert calls and set(calls) == {"report_link(item, report)"}, calls


def test_the_owner_checks_read_typed_hooks() -> None:
    """srm_build/owners.py reads items through their types and hooks
    (`Item.owner_statements`, `OwnerStatement.cells`): no `# type: ignore`, and no
    `getattr`/`hasattr` on an item (the one `getattr` left is the lazy pattern's delegation
    to the compiled pattern)."""
    source = (ROOT / "srm_build" / "owners.py").read_text(encoding="utf-8")
    assert "type: ignore" not in source
    calls = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"getattr", "hasattr"}
    ]
    assert [ast.unparse(call.args[0]) for call in calls] == ["self._compiled"]
    # Every unit that states owners does so through the hook, the scenario and sort too.
    content = load_content(FIXTURE_SITE / "content")
    kinds = {s.kind for item in content.by_id.values() for s in item.owner_statements()}
    assert {"scenario", "sort item"} <= kinds


# ---------------------------------------------------------------- references, resolved once

SERVICES_WITH_UNKNOWN_LAYER = MATRIX["services.yml"].replace(
    "layers: {layer-os: aws, layer-net: customer, layer-enc: customer}",
    "layers: {layer-os: aws, layer-net: customer, layer-enc: customer, layer-gpu: aws}",
)

# (case, files over the valid base of tests/test_errors.py, the exact problem expected)
REFERENCES = [
    (
        "on an item, in a list",
        {"glossary.yml": GLOSSARY + "    related: [hypervisor]\n"},
        "content/glossary.yml:8:15: term 'guest-os': related names unknown term 'hypervisor'",
    ),
    (
        "on an option",
        {
            "quizzes/basics.yml": quiz(extra_options="").replace(
                "feedback: AWS stops at the hypervisor.}",
                "feedback: AWS stops at the hypervisor., misconception: mc-nope}",
            )
        },
        "content/quizzes/basics.yml:12:87: question 'ec2-patching': option 'a' names unknown "
        "misconception 'mc-nope'",
    ),
    (
        "on a sort item",
        {
            **MATRIX,
            "quizzes/sort.yml": SORT_HEAD.replace(
                "explanation: Facilities are AWS's.}",
                "explanation: Facilities are AWS's., layer: layer-os, service: ec9}",
            )
            + "          - {id: t2, text: Keys, owner: customer, explanation: Theirs.,\n"
            + "             layer: layer-enc, service: rds}\n",
        },
        "content/quizzes/sort.yml:13:110: question 'sort-two': item 't1' names unknown "
        "service 'ec9'",
    ),
    (
        "on a table row, in a list",
        row_table(
            """\
            - id: paas
              label: Databases
              services: [rds, dynamo]
              customer: [Network rules]
              claims: {layer-net: customer}
            """
        ),
        "content/tables.yml:10:25: table 'models': row 'paas' names unknown service 'dynamo'",
    ),
    (
        "a mapping's key",
        {**MATRIX, "services.yml": SERVICES_WITH_UNKNOWN_LAYER},
        "content/services.yml:8:71: service 'rds': layers names unknown layer 'layer-gpu'",
    ),
    (
        "a page",
        {"quizzes/basics.yml": quiz(extra="topic: networks.md\n")},
        "content/quizzes/basics.yml:15:16: question 'ec2-patching': topic 'networks.md' is not "
        "a Markdown page of the content",
    ),
    (
        "a source neither the question nor its quiz gives",
        {"quizzes/basics.yml": quiz().replace("    source: aws-srm\n", "")},
        "content/quizzes/basics.yml:7:13: question 'ec2-patching': no source; give the "
        "question or its quiz a 'source'",
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"), [case[1:] for case in REFERENCES], ids=[c[0] for c in REFERENCES]
)
def test_a_reference_that_leads_nowhere_is_located(tmp_path: Path, files, expected) -> None:
    content = write_content(tmp_path, files)
    with pytest.raises(ContentError) as raised:
        load_content(content, shown_as="content")
    assert expected in [str(problem) for problem in raised.value.problems]


def test_sources_quizzes_topics_and_pages_are_worked_out_once() -> None:
    content = load_content(FIXTURE_SITE / "content")
    resolved = content.resolved
    assert resolved is not None
    question = content.by_id["ec2-patching"]
    # The question names no source: it inherits its quiz's, for render and export alike.
    assert "source" not in question.model_fields_set
    assert resolved.source_of(question).id == "aws-srm"
    assert resolved.quiz_of(question).id == "basics"
    assert resolved.home["ec2-patching"] == "quizzes/basics.md"
    # Shown on its quiz's page and on every page that embeds the quiz.
    assert all("ec2-patching" in resolved.shown_on[page] for page in ("quizzes/basics.md",))
    embedding = resolved.embedded_in["basics"]
    assert "ec2-patching" in resolved.shown_on[embedding]
    assert resolved.topic_of(question) == embedding
    # A table row without its own source takes its table's.
    table = next(iter(content.of_type(registry.Table)))
    for row in table.rows:
        expected = row.source or table.source
        assert resolved.source_of(row).id == expected
    # Resolving again finds the same, with no problems.
    again, problems = resolve(content)
    assert problems == [] and again.topic_of(question) == embedding
