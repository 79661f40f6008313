"""Checks on the study content itself: that it loads, that it covers the content brief, that
the facts the brief fixes (known answers, the sort key, the service models) are as the brief
says, and that pages, quizzes and spelling follow the site's rules.

The generator's own tests live elsewhere; these only read `content/` through `load_content`.
"""

from __future__ import annotations

import gc
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from srm_build.embeds import find_embeds
from srm_build.errors import ContentError
from srm_build.models import (
    QUESTION_TYPES,
    Content,
    Flashcards,
    Layer,
    LayerShare,
    MultipleChoice,
    QuestionBase,
    Quiz,
    Scenario,
    Service,
    SingleChoice,
    Sort,
    Source,
    Table,
    Term,
    TrueFalse,
)
from srm_build.pipeline import load_content, page_path

ROOT = Path(__file__).parent.parent
CONTENT = ROOT / "content"

LEARNING_ORDER = [
    "index.md",
    "idea.md",
    "aws-side.md",
    "customer-side.md",
    "service-models.md",
    "services.md",
    "scenarios.md",
    "best-practices.md",
    "compliance.md",
    "misconceptions.md",
    "practice.md",
]
"""The Markdown pages in the order a learner reads them (the glossary page, generated from
YAML, sits between misconceptions and practice in the nav)."""

STUDY_PAGES = ["exam.md", "review.md"]
"""Pages that hold the practice exam and the review queue rather than a lesson; they follow
the learning pages in the nav."""

PRE_TESTS = {"index.md"}
"""Pages whose check deliberately asks before teaching (the home page's warm-up)."""


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(CONTENT)


def questions(content: Content) -> list[QuestionBase]:
    return content.of_type(QuestionBase)


def quiz_of(content: Content) -> dict[str, Quiz]:
    return {q.id: quiz for quiz in content.of_type(Quiz) for q in quiz.questions}


def embedded_ids(text: str) -> list[str]:
    return [ident for embed in find_embeds(text) for ident, _, _ in embed.ids]


def correct_option(question: SingleChoice):
    matches = [option for option in question.options if option.id == question.answer]
    assert len(matches) == 1, f"{question.id}: answer {question.answer!r} names no single option"
    return matches[0]


# --- loading -----------------------------------------------------------------------------


def test_content_loads_without_problems():
    # load_content raises ContentError listing every problem; a clean load is the assertion.
    content = load_content(CONTENT)
    assert content.pages and content.files and content.by_id
    assert gc.isenabled()  # paused while loading, and on again


def test_loading_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path):
    gc.disable()
    try:
        with pytest.raises(ContentError):
            load_content(tmp_path / "missing")
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ContentError):
        load_content(tmp_path / "missing")
    assert gc.isenabled()


def test_every_learning_page_exists(content: Content):
    missing = [page for page in LEARNING_ORDER if page not in content.pages]
    assert not missing, f"pages in the learning order but not in content/: {missing}"
    # The pages that show a YAML file whole are the reference, not the learning order.
    shown = {page_path(path) for path in content.files}
    extra = sorted(set(content.pages) - set(LEARNING_ORDER) - set(STUDY_PAGES) - shown)
    assert not extra, f"Markdown pages missing from LEARNING_ORDER: {extra}"


# --- the brief's known questions --------------------------------------------------------


@pytest.mark.parametrize(
    ("question_id", "expected_words", "brief_distractors"),
    [
        (
            "known-ec2-customer-task",
            ["patch", "operating system"],
            [["physical", "data centre"], ["redundant", "regions"], ["hypervisor"]],
        ),
        (
            "known-security-of-the-cloud",
            ["destruction", "decommissioned", "storage"],
            [["bucket polic", "public"], ["mfa", "root"], ["least-privilege", "iam"]],
        ),
        ("known-ultimately-responsible", ["both", "aws", "customer"], [["you"], ["aws"]]),
    ],
)
def test_known_questions_have_known_answers(
    content: Content,
    question_id: str,
    expected_words: list[str],
    brief_distractors: list[list[str]],
):
    question = content.by_id.get(question_id)
    assert isinstance(question, SingleChoice), f"{question_id} must be a single-choice question"
    right = correct_option(question)
    text = right.text.casefold()
    for word in expected_words:
        assert word in text, f"{question_id}: correct option {right.text!r} lacks {word!r}"
    # Only the answer carries the expected words: the answer id cannot point elsewhere.
    others = [o for o in question.options if o.id != right.id]
    for option in others:
        assert not all(w in option.text.casefold() for w in expected_words), (
            f"{question_id}: option {option.id} also reads like the right answer"
        )
    # The brief's wrong options are there, as wrong options.
    for words in brief_distractors:
        assert any(all(w in o.text.casefold() for w in words) for o in others), (
            f"{question_id}: no wrong option mentioning {words}"
        )


# --- the ten-item sort exercise ---------------------------------------------------------

BRIEF_SORT = [
    ("t1", "aws", ["guard", "entrance"]),
    ("t2", "customer", ["mfa", "root"]),
    ("t3", "customer", ["encrypt", "s3"]),
    ("t4", "customer", ["patch", "ec2"]),
    ("t5", "aws", ["hypervisor"]),
    ("t6", "customer", ["subnet", "security group"]),
    ("t7", "customer", ["cross-az", "high availability"]),
    ("t8", "aws", ["power", "cooling"]),
    ("t9", "customer", ["least-privilege", "iam"]),
    ("t10", "aws", ["destroy", "storage media"]),
]


def test_sort_exercise_has_the_brief_answer_key(content: Content):
    sort = content.by_id.get("sort-ten-tasks")
    assert isinstance(sort, Sort)
    assert sort.buckets == ["aws", "customer"]
    assert [item.id for item in sort.items] == [ident for ident, _, _ in BRIEF_SORT]
    for item, (ident, owner, words) in zip(sort.items, BRIEF_SORT, strict=True):
        assert item.owner == owner, f"{ident} belongs to {owner}, not {item.owner}"
        for word in words:
            assert word in item.text.casefold(), f"{ident}: {item.text!r} lacks {word!r}"
    aws = [i for i, item in enumerate(sort.items, start=1) if item.owner == "aws"]
    customer = [i for i, item in enumerate(sort.items, start=1) if item.owner == "customer"]
    assert aws == [1, 5, 8, 10]
    assert customer == [2, 3, 4, 6, 7, 9]


# --- coverage of the brief ----------------------------------------------------------------

COVERAGE: dict[str, list[str]] = {
    # 1. The idea
    "s1-official-wording": [
        "idea.md",
        "srm-official-wording",
        "srm-official-wording-whitepaper",
        "idea-official-wording",
    ],
    "s1-of-versus-in": [
        "security-of-the-cloud",
        "security-in-the-cloud",
        "idea-of-vs-in",
        "idea-of-the-cloud-customer",
    ],
    "s1-ultimately-responsible": ["known-ultimately-responsible"],
    "s1-on-premises-contrast": ["on-premises", "idea-on-premises"],
    "s1-apartment-analogy": ["idea.md", "idea-apartment"],
    "s1-burden-flexibility-control": ["operational-burden", "idea-what-customers-gain"],
    # 2. AWS: security of the cloud
    "s2-aws-boundary": ["aws-side.md", "host-os", "hypervisor", "aws-boundary-line"],
    "s2-physical-security": [
        "table-aws-responsibilities",
        "aws-physical-controls",
        "known-security-of-the-cloud",
        "media-sanitisation",
    ],
    "s2-hardware-software-network": [
        "table-aws-responsibilities",
        "aws-network-monitoring",
        "intrusion-detection",
    ],
    "s2-virtualisation-isolation": ["hypervisor", "aws-hypervisor-isolation"],
    "s2-global-infrastructure": [
        "region",
        "availability-zone",
        "edge-location",
        "aws-global-infrastructure",
        "table-aws-stack",
    ],
    "s2-managed-foundations": ["control-plane", "aws-managed-foundations"],
    "s2-third-party-audits": ["third-party-audit", "aws-visit-data-centre", "aws-audit-standards"],
    # 3. Customer: security in the cloud
    "s3-guest-os": ["guest-os", "cust-guest-os"],
    "s3-customer-areas": ["table-customer-areas", "cust-network-area", "cust-account-area"],
    "s3-customer-stack": ["table-customer-stack", "cust-three-protections"],
    "s3-content-control": ["table-content-control", "cust-content-control"],
    "s3-three-buckets": [
        "table-customer-buckets",
        "cust-bucket-identity",
        "cust-bucket-configuration",
    ],
    "s3-exam-hint": ["cust-exam-hint"],
    "s3-always-own-data": ["cust-saas-data", "warm-your-data"],
    # 4. Service models
    "s4-iaas": ["iaas", "table-service-models", "models-iaas-examples", "models-most-control"],
    "s4-paas": ["paas", "models-paas-aws-takes"],
    "s4-saas": ["saas", "models-saas-customer"],
    "s4-trusted-advisor": ["trusted-advisor", "models-trusted-advisor-checks"],
    "s4-shield": ["shield", "ddos", "models-shield-response-team"],
    "s4-three-categories": [
        "table-service-categories",
        "infrastructure-services",
        "container-services",
        "abstracted-services",
        "models-container-meaning",
        "models-abstracted-example",
    ],
    "s4-never-zero": ["models-never-zero"],
    # 5. Per-service split
    "s5-ec2": ["ec2", "svc-ec2-customer", "known-ec2-customer-task"],
    "s5-s3": ["s3", "svc-s3-customer"],
    "s5-rds": ["rds", "svc-rds-engine", "svc-rds-customer"],
    "s5-lambda": ["lambda", "svc-lambda-customer"],
    "s5-vpc": ["vpc", "svc-vpc-aws"],
    "s5-service-layer-sort": ["sort-service-layers"],
    # 6. Scenarios
    "s6-failed-disk": ["scenario-failed-disk", "scen-failed-disk"],
    "s6-public-bucket": ["scenario-public-bucket", "scen-public-bucket-control"],
    "s6-flooded-data-centre": ["scenario-flooded-data-centre", "scen-flood"],
    "s6-unpatched-apache": ["scenario-unpatched-apache", "scen-unpatched-apache"],
    "s6-over-privileged-role": ["scenario-over-privileged-role", "scen-over-privileged"],
    "s6-design-exercise": [
        "table-design-exercise",
        "scen-design-s3",
        "scen-design-rds",
        "scen-design-account",
    ],
    # 7. Sort exercise
    "s7-sort-ten-tasks": ["sort-ten-tasks"],
    # 8. Known questions
    "s8-known-questions": [
        "known-ec2-customer-task",
        "known-security-of-the-cloud",
        "known-ultimately-responsible",
    ],
    # 9. Best practices
    "s9-root-and-identities": [
        "best-practices.md",
        "root-user",
        "iam-role",
        "bp-root-user",
        "bp-roles",
    ],
    "s9-least-privilege-accounts-groups": ["least-privilege", "bp-separate-accounts"],
    "s9-encryption-and-backups": ["kms", "backup", "bp-kms", "bp-backups-tested"],
    "s9-visibility": [
        "cloudtrail",
        "cloudwatch",
        "aws-config",
        "guardduty",
        "inspector",
        "bp-cloudtrail",
        "bp-cloudwatch",
        "bp-config",
        "bp-guardduty",
        "bp-inspector",
    ],
    # 10. Compliance
    "s10-shared-compliance": [
        "compliance.md",
        "comp-pci-split",
        "comp-hipaa-eligible",
        "comp-gdpr",
        "comp-customer-proves",
    ],
    "s10-data-residency": ["data-residency", "scenario-data-residency", "comp-residency"],
    "s10-it-controls": [
        "compliance.md",
        "it-controls",
        "inherited-controls",
        "shared-controls",
        "customer-specific-controls",
        "comp-it-inherited",
        "comp-it-shared",
        "comp-it-customer-specific",
        "comp-it-patching-shared",
    ],
    # 11. Misconceptions
    "s11-aws-handles-all": ["misconceptions.md", "myth-aws-handles-all"],
    "s11-compliance-is-aws-job": ["myth-compliance-is-aws-job"],
    "s11-same-split": ["myth-same-split", "myth-ec2-vs-lambda"],
    "s11-secure-environment": ["myth-secure-environment"],
    # 12. Glossary: every word the brief lists
    "g-aws-region": ["region", "mix-region"],
    "g-availability-zone": ["availability-zone", "mix-availability-zone"],
    "g-shared-responsibility-model": ["shared-responsibility-model"],
    "g-security-of-the-cloud": ["security-of-the-cloud"],
    "g-security-in-the-cloud": ["security-in-the-cloud"],
    "g-least-privilege": ["least-privilege"],
    "g-encryption-at-rest": ["encryption-at-rest"],
    "g-encryption-in-transit": ["encryption-in-transit", "mix-encryption-in-transit"],
    "g-iam": ["iam"],
    "g-cloudtrail": ["cloudtrail"],
    "g-edge-location": ["edge-location", "mix-edge-location"],
    "g-hypervisor": ["hypervisor"],
    "g-guest-os": ["guest-os", "mix-host-or-guest"],
    "g-security-group": ["security-group"],
    "g-nacl": ["nacl", "mix-nacl-or-security-group"],
    "g-mfa": ["mfa"],
    "g-iaas": ["iaas"],
    "g-paas": ["paas"],
    "g-saas": ["saas"],
    "g-data-sovereignty": ["data-sovereignty", "mix-data-sovereignty"],
    # Flashcards from the glossary
    "g-flashcards": ["deck-core-terms", "deck-more-terms"],
}

GLOSSARY_WORDS = {
    "g-aws-region": "region",
    "g-availability-zone": "availability-zone",
    "g-shared-responsibility-model": "shared-responsibility-model",
    "g-security-of-the-cloud": "security-of-the-cloud",
    "g-security-in-the-cloud": "security-in-the-cloud",
    "g-least-privilege": "least-privilege",
    "g-encryption-at-rest": "encryption-at-rest",
    "g-encryption-in-transit": "encryption-in-transit",
    "g-iam": "iam",
    "g-cloudtrail": "cloudtrail",
    "g-edge-location": "edge-location",
    "g-hypervisor": "hypervisor",
    "g-guest-os": "guest-os",
    "g-security-group": "security-group",
    "g-nacl": "nacl",
    "g-mfa": "mfa",
    "g-iaas": "iaas",
    "g-paas": "paas",
    "g-saas": "saas",
    "g-data-sovereignty": "data-sovereignty",
}


def test_coverage_ids_exist(content: Content):
    unknown = {
        topic: [i for i in ids if i not in content.pages and i not in content.by_id]
        for topic, ids in COVERAGE.items()
    }
    unknown = {topic: ids for topic, ids in unknown.items() if ids}
    assert not unknown, f"coverage table names ids that do not exist: {unknown}"


def test_every_topic_has_a_page_term_or_question(content: Content):
    def teaches(ident: str) -> bool:
        return ident in content.pages or isinstance(content.by_id.get(ident), (Term, QuestionBase))

    bare = [topic for topic, ids in COVERAGE.items() if not any(teaches(i) for i in ids)]
    assert not bare, f"topics with no page, term or question: {bare}"


def test_every_brief_section_is_in_the_coverage_table():
    sections = {int(m.group(1)) for topic in COVERAGE for m in [re.match(r"s(\d+)-", topic)] if m}
    assert sections == set(range(1, 12)), f"sections covered: {sorted(sections)}"
    assert set(GLOSSARY_WORDS) <= set(COVERAGE)


def test_every_brief_glossary_word_is_a_term(content: Content):
    for topic, term_id in GLOSSARY_WORDS.items():
        assert isinstance(content.by_id.get(term_id), Term), f"{topic}: no term {term_id!r}"
        assert term_id in COVERAGE[topic]


# The official wording, quoted exactly and attributed: tests/test_quotes.py.


# --- consistency with the service matrix ------------------------------------------------

BRIEF_MODELS = {
    "ec2": "iaas",
    "ebs": "iaas",
    "vpc": "iaas",
    "lambda": "paas",
    "rds": "paas",
    "elastic-beanstalk": "paas",
    "trusted-advisor": "saas",
    "shield": "saas",
}
BRIEF_CATEGORIES = {"ec2": "infrastructure", "rds": "container", "s3": "abstracted"}
REQUIRED_SERVICES = set(BRIEF_MODELS) | {"s3", "dynamodb"}


def test_brief_services_present_with_their_model(content: Content):
    services = {s.id: s for s in content.of_type(Service)}
    assert set(services) >= REQUIRED_SERVICES, REQUIRED_SERVICES - set(services)
    for ident, model in BRIEF_MODELS.items():
        assert services[ident].model == model, f"{ident} is {model} in the brief"
    for ident, category in BRIEF_CATEGORIES.items():
        assert services[ident].category == category, f"{ident} is a {category} service"


def test_every_service_names_an_owner_for_every_layer(content: Content):
    layer_ids = [layer.id for layer in content.layers]
    assert len(layer_ids) >= 10
    for service in content.of_type(Service):
        assert list(service.layers) == layer_ids, (
            f"{service.id}: layers must be listed once each, in stack order"
        )
        for layer, cell in service.layers.items():
            owner = service.owner_of(layer)
            assert owner in ("aws", "customer", "shared")
            if owner == "shared":
                assert isinstance(cell, LayerShare) and cell.note.strip()


def test_layer_stack_runs_from_facilities_to_data(content: Content):
    layers = content.layers
    assert layers[0].id == "layer-facilities"
    assert layers[-1].id == "layer-data"
    assert {
        "layer-hypervisor",
        "layer-host-os",
        "layer-guest-os",
        "layer-platform",
        "layer-network-config",
        "layer-identity",
    } <= {layer.id for layer in layers}


def test_scenarios_and_sort_items_agree_with_the_matrix(content: Content):
    tied = [(s.id, s.service, s.layer, s.responsible) for s in content.of_type(Scenario)]
    for sort in content.of_type(Sort):
        tied += [(f"{sort.id}/{i.id}", i.service, i.layer, i.owner) for i in sort.items]
    checked = 0
    for ident, service_id, layer_id, owner in tied:
        if service_id and layer_id:
            service = content.by_id[service_id]
            assert isinstance(service, Service) and isinstance(content.by_id[layer_id], Layer)
            assert service.owner_of(layer_id) == owner, (
                f"{ident}: says {owner}, matrix says {service.owner_of(layer_id)}"
            )
            checked += 1
    assert checked >= 25, f"only {checked} scenarios and sort items are tied to the matrix"


def test_matrix_facts_from_the_brief(content: Content):
    s = {svc.id: svc for svc in content.of_type(Service)}
    expected = {
        ("ec2", "layer-guest-os"): "customer",
        ("ec2", "layer-hypervisor"): "aws",
        ("ec2", "layer-platform"): "customer",
        ("ec2", "layer-network-config"): "customer",
        ("s3", "layer-identity"): "customer",
        ("s3", "layer-hardware"): "aws",
        ("rds", "layer-platform"): "aws",
        ("rds", "layer-guest-os"): "aws",
        ("rds", "layer-network-config"): "customer",
        ("rds", "layer-encryption"): "customer",
        ("rds", "layer-application"): "customer",
        ("lambda", "layer-guest-os"): "aws",
        ("lambda", "layer-application"): "customer",
        ("lambda", "layer-identity"): "customer",
        ("vpc", "layer-network-infrastructure"): "aws",
        ("vpc", "layer-network-config"): "customer",
    }
    wrong = {k: s[k[0]].owner_of(k[1]) for k, v in expected.items() if s[k[0]].owner_of(k[1]) != v}
    assert not wrong, f"matrix disagrees with the brief: {wrong}"


def test_ends_of_the_stack_never_move(content: Content):
    lowest = [layer.id for layer in content.layers[:5]]
    for service in content.of_type(Service):
        assert service.owner_of("layer-data") == "customer", f"{service.id}: data is the customer's"
        assert service.owner_of("layer-identity") == "customer", service.id
        assert all(service.owner_of(layer) == "aws" for layer in lowest), service.id


def test_the_line_moves_with_the_model(content: Content):
    def customer_layers(ident: str) -> int:
        service = content.by_id[ident]
        return sum(service.owner_of(layer.id) == "customer" for layer in content.layers)

    assert customer_layers("ec2") > customer_layers("rds") > customer_layers("trusted-advisor") > 0


def test_table_rows_name_known_services(content: Content):
    models = {
        row.id: row
        for t in content.of_type(Table)
        if t.id == "table-service-models"
        for row in t.rows
    }
    assert set(models) == {"iaas", "paas", "saas"}
    for row_id, row in models.items():
        for service_id in row.services:
            assert content.by_id[service_id].model == row_id, f"{service_id} listed under {row_id}"
        # Each generic row speaks for every service of its model, so the owner check
        # (srm_build/owners.py) compares it with all of them.
        of_model = {s.id for s in content.of_type(Service) if s.model == row_id}
        assert set(row.services) == of_model, f"{row_id} row lists {row.services}"
        assert row.claims, f"{row_id} row claims no owners the build can check"


# --- counts and question quality ----------------------------------------------------------


def test_question_counts(content: Content):
    qs = questions(content)
    assert len(qs) >= 60, f"{len(qs)} questions"
    kinds = {q.type for q in qs}
    assert kinds == set(QUESTION_TYPES), f"missing kinds: {set(QUESTION_TYPES) - kinds}"


def test_scenario_count_and_owners(content: Content):
    scenarios = content.of_type(Scenario)
    assert len(scenarios) >= 15
    assert {s.responsible for s in scenarios} == {"aws", "customer", "shared"}


def test_every_question_has_a_source(content: Content):
    quizzes = quiz_of(content)
    for q in questions(content):
        source = q.source or quizzes[q.id].source
        assert source is not None, f"{q.id} has no source"
        assert isinstance(content.by_id.get(source), Source), f"{q.id}: unknown source {source}"


def test_every_choice_option_has_feedback(content: Content):
    for q in content.of_type(SingleChoice) + content.of_type(MultipleChoice):
        for option in q.options:
            assert option.feedback.strip(), f"{q.id}/{option.id} has no feedback"
        texts = [" ".join(o.text.casefold().split()) for o in q.options]
        assert len(set(texts)) == len(texts), f"{q.id}: two options read the same"
    for q in content.of_type(MultipleChoice):
        assert 0 < len(q.answer) < len(q.options), f"{q.id}: some option must be wrong"


def test_misconceptions_have_a_true_false_set(content: Content):
    quiz = content.by_id.get("quiz-misconceptions")
    assert isinstance(quiz, Quiz)
    assert all(isinstance(q, TrueFalse) for q in quiz.questions)
    ids = {q.id for q in quiz.questions}
    assert {
        "myth-aws-handles-all",
        "myth-compliance-is-aws-job",
        "myth-same-split",
        "myth-secure-environment",
    } <= ids
    assert {q.answer for q in quiz.questions} == {True, False}


def test_flashcards_cover_the_glossary(content: Content):
    decks = content.of_type(Flashcards)
    carded = {card for deck in decks for card in deck.cards}
    assert carded == {t.id for t in content.terms}
    core = content.by_id["deck-core-terms"]
    assert set(GLOSSARY_WORDS.values()) | {"srm-official-wording"} <= set(core.cards)


# --- terms before use, and page shape ----------------------------------------------------


def test_question_terms_exist(content: Content):
    for q in questions(content):
        if isinstance(q, Flashcards):
            assert q.cards
            continue
        assert q.terms, f"{q.id} lists no terms it relies on"
        for term in q.terms:
            assert isinstance(content.by_id.get(term), Term), f"{q.id}: unknown term {term}"


def test_terms_are_taught_before_they_are_tested(content: Content):
    """A page's check may rely only on terms embedded on that page or an earlier one; by the
    practice page the whole glossary has been reached (it comes just before it in the nav)."""
    taught: set[str] = set()
    late: list[str] = []
    for page in LEARNING_ORDER:
        ids = embedded_ids(content.pages[page].text)
        taught |= {i for i in ids if isinstance(content.by_id.get(i), Term)}
        if page == "practice.md":
            taught |= {t.id for t in content.terms}
        if page in PRE_TESTS:
            continue
        for quiz in (content.by_id[i] for i in ids if isinstance(content.by_id.get(i), Quiz)):
            for q in quiz.questions:
                late += [f"{page}: {q.id} uses {t}" for t in q.terms if t not in taught]
    assert not late, "terms tested before they are taught:\n" + "\n".join(late)


def test_every_learning_page_opens_with_goals_and_ends_with_a_quiz(content: Content):
    for page in LEARNING_ORDER:
        text = content.pages[page].text
        lines = text.splitlines()
        assert lines[0].startswith("# "), f"{page}: first line is not a title"
        assert "## What you will learn" in "\n".join(lines[:12]), f"{page}: no opening goals"
        ids = embedded_ids(text)
        assert ids and isinstance(content.by_id[ids[-1]], Quiz), (
            f"{page}: the last embedded item is not a quiz"
        )
        after = text[text.rindex(ids[-1]) :].splitlines()[1:]
        assert all(not line.strip() or line.strip().startswith("```") for line in after), (
            f"{page}: prose follows the closing check"
        )


def test_every_quiz_and_data_item_is_embedded_somewhere(content: Content):
    embedded = {i for page in content.pages.values() for i in embedded_ids(page.text)}
    for cls in (Quiz, Table, Scenario, Service, Layer, Term):
        missing = [item.id for item in content.of_type(cls) if item.id not in embedded]
        assert not missing, f"{cls.__name__} items no page embeds: {missing}"


# --- navigation ------------------------------------------------------------------------


def nav_paths(entries: list) -> list[str]:
    paths: list[str] = []
    for entry in entries:
        if isinstance(entry, str):
            paths.append(entry)
            continue
        (value,) = entry.values()
        paths.extend(nav_paths(value) if isinstance(value, list) else [value])
    return paths


class _LooseLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose tags (such as !ENV) do not matter for its nav."""


_LooseLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_nav() -> list:
    """The nav in mkdocs.yml."""
    data = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_LooseLoader)
    return data["nav"]


def test_nav_lists_every_page_once_in_learning_order(content: Content):
    nav = site_nav()
    paths = nav_paths(nav)
    generated = {page_path(relative) for relative in content.files}
    known = set(content.pages) | generated
    assert not [p for p in paths if p not in known], "nav names pages that do not exist"
    assert len(paths) == len(set(paths)), "a page appears twice in the nav"
    assert set(paths) == known, f"pages missing from the nav: {sorted(known - set(paths))}"
    learning = [p for p in paths if p in LEARNING_ORDER]
    assert learning == LEARNING_ORDER
    assert paths[len(learning) + 1 : len(learning) + 3] == STUDY_PAGES  # after the glossary
    assert (
        paths.index("misconceptions.md")
        < paths.index("data/glossary.md")
        < paths.index("practice.md")
    )


# --- spelling ----------------------------------------------------------------------------


def codespell_command() -> list[str]:
    script = Path(sys.executable).with_name("codespell")
    if script.exists():
        return [str(script)]
    found = shutil.which("codespell")
    return [found] if found else [sys.executable, "-m", "codespell_lib"]


def test_codespell_passes():
    result = subprocess.run([*codespell_command(), str(CONTENT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


US_SPELLINGS = re.compile(
    r"\b(center|centers|centered|color|behavior|defense|organization|organizations"
    r"|[a-z]+(?:iz(?:e|es|ed|ing)|ization|izations))\b",
    re.IGNORECASE,
)
NOT_US = {"size", "sizes", "sized", "sizing", "prize", "seize", "seized", "capsize"}


def test_british_spelling_outside_official_wording(content: Content):
    """The site writes British English. US forms may appear only inside the official quotes,
    in the titles of cited documents, and in ids and addresses."""
    allowed = [t.definition for t in content.terms if t.quote]
    allowed += [s.title for s in content.of_type(Source)]
    found: list[str] = []
    for path in sorted(CONTENT.rglob("*")):
        if path.suffix not in (".md", ".yml", ".yaml"):
            continue
        text = path.read_text(encoding="utf-8")
        for quote in allowed:
            text = text.replace(quote, "")
        text = re.sub(r"https://\S+", "", text)
        text = re.sub(r"\b(?:id|source|service|layer):\s*\S+", "", text)
        text = re.sub(r"\[[a-z0-9, -]+\]", "", text)  # id lists such as terms: [...]
        text = re.sub(r"^\s*-\s+[a-z0-9-]+\s*$", "", text, flags=re.MULTILINE)  # id list lines
        for match in US_SPELLINGS.finditer(text):
            if match.group(0).casefold() not in NOT_US:
                found.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert not found, "US spellings outside the official wording:\n" + "\n".join(found)


def test_shield_response_team_always_needs_shield_advanced(content: Content):
    """Every item that mentions the Shield Response Team says it needs Shield Advanced (one
    entry once said a support plan alone was enough)."""
    mentions = 0
    for file in content.files.values():
        for item in file.items():
            text = str(item.model_dump())
            if isinstance(item, Quiz):
                texts = [str(q.model_dump()) for q in item.questions]
            else:
                texts = [text]
            for each in texts:
                if "Response Team" in each:
                    mentions += 1
                    assert "Shield Advanced" in each, each[:200]
    assert mentions >= 3
    # the right answer's own feedback says so too (it once said only "one of those support
    # plans"), and so does every prose paragraph that names the team
    for question in content.of_type(SingleChoice):
        if "Response Team" in question.prompt:
            right = next(o for o in question.options if o.id == question.answer)
            assert "Shield Advanced" in right.feedback, question.id
    for page in content.pages.values():
        for paragraph in page.text.split("\n\n"):
            if "Response Team" in paragraph:
                assert "Shield Advanced" in paragraph, paragraph


def test_retired_services_are_not_offered_as_current_examples(content: Content):
    """Amazon Chime reached end of support in February 2026 (brief, section 10)."""
    texts = [page.text for page in content.pages.values()]
    texts += [str(file.model_dump()) for file in content.files.values()]
    assert not any("Chime" in text for text in texts)


def test_a_count_before_embedded_items_matches_them(content: Content):
    """A sentence that announces how many items follow says the number that follows."""
    numbers = {"Two": 2, "Three": 3, "Four": 4, "Five": 5}
    for page in content.pages.values():
        for match in re.finditer(
            r"(Two|Three|Four|Five) (?:items|terms)[^\n]*\n+```srm\n(.*?)```", page.text, re.S
        ):
            ids = [line for line in match.group(2).splitlines() if line.strip()]
            assert len(ids) == numbers[match.group(1)], f"{page.path}: {match.group(0)[:60]}"


def test_feedback_answers_its_own_option(content: Content):
    """A wrong option's feedback says what is wrong with that option (issue 13 item 8: the
    hypervisor option of the edge-location question was answered about patching)."""
    question = content.by_id["mix-edge-location"]
    option = next(o for o in question.options if "hypervisor" in o.text)
    feedback = " ".join(option.feedback.lower().split())
    assert "hypervisor" in feedback and "edge locations" in feedback
