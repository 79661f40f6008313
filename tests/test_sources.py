"""Sources support what cites them: every defined source is cited, facts from the course
chapter cite the course's landing page, and the model page is not cited for facts it does
not carry."""

from __future__ import annotations

import pytest

from conftest import ROOT
from srm_build.models import Content, Quiz, Source, Table
from srm_build.pipeline import load_content


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content")


def cited(content: Content) -> dict[str, str]:
    """Item id (table rows as table/row) -> the source it cites, inherited ones included."""
    found: dict[str, str] = {}
    for item in content.by_id.values():
        if isinstance(item, Quiz):
            for q in item.questions:
                found[q.id] = q.source or item.source
        elif isinstance(item, Table):
            for row in item.rows:
                found[f"{item.id}/{row.id}"] = row.source or item.source
        elif hasattr(item, "source") and not isinstance(item, Source) and item.id not in found:
            found[item.id] = item.source
    return found


def test_every_defined_source_is_cited(content: Content):
    used = set(cited(content).values())
    unused = [s.id for s in content.of_type(Source) if s.id not in used]
    assert not unused, f"sources no item cites: {unused}"
    assert {"lambda-runtimes", "beanstalk-managed-updates"} <= used


COURSE_FACTS = [
    "idea-apartment",  # the apartment analogy
    "table-customer-buckets/identity",  # the three buckets
    "table-customer-buckets/data-protection",
    "table-customer-buckets/secure-configuration",
    "cust-bucket-identity",
    "cust-bucket-configuration",
    "sort-ten-tasks",  # the ten-task sort
]


def test_course_chapter_facts_cite_the_course_landing_page(content: Content):
    sources = cited(content)
    for ident in COURSE_FACTS:
        source = content.by_id[sources[ident]]
        assert source.url == (
            "https://aws.amazon.com/training/digital/aws-cloud-practitioner-essentials/"
        ), f"{ident} cites {source.id}"


NOT_ON_THE_MODEL_PAGE = {
    # Network boundary monitoring, access points and intrusion detection, and the
    # foundations of managed services, are described in the security processes whitepaper.
    "table-aws-responsibilities/network-infrastructure": "security-processes-whitepaper",
    "table-aws-responsibilities/managed-foundations": "security-processes-whitepaper",
    "layer-network-infrastructure": "security-processes-whitepaper",
    "control-plane": "security-processes-whitepaper",
    "intrusion-detection": "security-processes-whitepaper",
    "aws-network-monitoring": "security-processes-whitepaper",
    "aws-managed-foundations": "security-processes-whitepaper",
    "scenario-router-failure": "security-processes-whitepaper",
    # Service specifics cite the service's own documentation.
    "models-paas-aws-takes": "rds-maintenance",
    "myth-ec2-vs-lambda": "lambda-runtimes",
    "svc-lambda-runtime": "lambda-runtimes",
    "scenario-beanstalk-os-patch": "beanstalk-managed-updates",
    "table-service-models/paas": "types-of-cloud-computing",
    "cust-exam-hint": "cloud-practitioner-essentials",
    # The official sentence in the plural is the whitepaper's, not the page's.
    "srm-official-wording-whitepaper": "risk-compliance-whitepaper",
}


@pytest.mark.parametrize(("ident", "source"), sorted(NOT_ON_THE_MODEL_PAGE.items()))
def test_facts_cite_the_document_that_carries_them(content: Content, ident: str, source: str):
    assert cited(content)[ident] == source


def test_it_controls_cite_the_model_page(content: Content):
    sources = cited(content)
    for ident in ("inherited-controls", "shared-controls", "customer-specific-controls"):
        assert sources[ident] == "aws-srm"


SORT_ITEM_SOURCES = {
    # issue 13 item 9 (second round): the service sort cited the model page for Beanstalk's
    # managed updates, S3's default encryption and Lambda; each item now cites its service.
    "s2": "rds-maintenance",
    "s3": "lambda-security",
    "s9": "s3-encryption",
    "s10": "beanstalk-managed-updates",
    "s12": "lambda-security",
}


def test_service_sort_items_cite_their_service_pages(content: Content):
    sort = content.by_id["sort-service-layers"]
    found = {item.id: item.source for item in sort.items}
    for ident, source in SORT_ITEM_SOURCES.items():
        assert found[ident] == source, ident
    assert all(found.values()), "every item of the service sort names its page"


def test_the_design_exercise_does_not_cite_the_model_page(content: Content):
    sources = cited(content)
    for row in content.by_id["table-design-exercise"].rows:
        assert sources[f"table-design-exercise/{row.id}"] != "aws-srm", row.id
    assert content.by_id["table-design-exercise"].source != "aws-srm"
