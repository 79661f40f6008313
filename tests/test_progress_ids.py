"""Stored progress follows items by id: editing the YAML (reordering questions and options,
inserting new ones) and rebuilding keeps every reader's answers on the right question."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import FIXTURE_SITE, ROOT, build_site, serve_folder

pytestmark = pytest.mark.browser


@pytest.fixture
def editable_site(tmp_path: Path) -> Iterator[tuple[Path, Path, str]]:
    source = tmp_path / "src"
    shutil.copytree(FIXTURE_SITE, source)
    config = source / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../overrides", str(ROOT / "overrides")))
    out = tmp_path / "out"
    out.mkdir()
    server, url = serve_folder(out)
    build_site(config, out, site_url=url)
    yield source, out, url
    server.shutdown()


def _reorder(quiz_file: Path) -> None:
    data = yaml.safe_load(quiz_file.read_text())
    questions = data["quizzes"][0]["questions"]
    questions.reverse()
    for question in questions:
        if "options" in question:
            question["options"].reverse()
    questions.insert(
        0,
        {
            "id": "inserted-first",
            "type": "true-false",
            "prompt": "Data centre buildings are guarded by AWS.",
            "answer": True,
            "feedback_true": "Right: physical security is AWS's.",
            "feedback_false": "It is true: physical security is AWS's.",
            "claim": {"owner": "aws", "layer": "layer-virtualization"},
        },
    )
    quiz_file.write_text(yaml.safe_dump(data, sort_keys=False))


def test_answers_stay_with_their_questions_after_a_reorder(
    page: Page, editable_site: tuple[Path, Path, str]
) -> None:
    source, out, url = editable_site
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url + "quizzes/basics/")
    single = page.locator("form#srm-ec2-patching")
    single.get_by_label("Securing the hypervisor").check()
    single.get_by_role("button", name="Check").click()
    multiple = page.locator("form#srm-customer-tasks")
    multiple.get_by_label("Security groups").check()
    multiple.get_by_label("IAM policies").check()
    multiple.get_by_role("button", name="Check").click()

    _reorder(source / "content" / "quizzes" / "basics.yml")
    build_site(source / "mkdocs.yml", out, site_url=url)
    page.reload()

    forms = page.locator("form.srm-question")
    assert forms.first.get_attribute("data-srm-id") == "inserted-first"  # the order did change
    expect(single.get_by_label("Securing the hypervisor")).to_be_checked()
    expect(single).to_have_attribute("data-srm-result", "wrong")
    expect(multiple.get_by_label("Security groups")).to_be_checked()
    expect(multiple.get_by_label("IAM policies")).to_be_checked()
    expect(multiple).to_have_attribute("data-srm-result", "right")
    inserted = page.locator("form#srm-inserted-first")
    assert inserted.get_attribute("data-srm-result") is None
    expect(inserted.get_by_label("True")).not_to_be_checked()
    assert errors == []


def test_progress_of_an_older_version_is_ignored(
    page: Page, editable_site: tuple[Path, Path, str]
) -> None:
    _, _, url = editable_site
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(
        "localStorage.setItem('srm-progress-v0', JSON.stringify("
        "{'ec2-patching': {'picked': ['b']}, 'version': 0}));"
        "localStorage.setItem('srm-progress', '[\"positions\", 0, 1]');"
    )
    page.goto(url + "quizzes/basics/")
    single = page.locator("form#srm-ec2-patching")
    assert single.get_attribute("data-srm-result") is None
    expect(single.get_by_label("Patching the OS on the instances")).not_to_be_checked()
    single.get_by_label("Patching the OS on the instances").check()
    single.get_by_role("button", name="Check").click()
    expect(single.get_by_role("status")).to_have_text("Correct.")
    assert errors == []


def test_reset_clears_every_kind_of_component_on_a_page(page: Page, fixture_url: str) -> None:
    """The home page embeds a quiz (every question type) and a scenario."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(fixture_url)
    scenario = page.locator('[data-srm-id="unpatched-apache"] form')
    scenario.get_by_label("Customer").check()
    scenario.get_by_role("button", name="Check").click()
    truth = page.locator("form#srm-aws-does-all")
    truth.get_by_label("False").check()
    truth.get_by_role("button", name="Check").click()
    sort = page.locator("form#srm-sort-basics")
    sort.get_by_label("Guarding data centre entrances").select_option("aws")
    sort.get_by_label("Patching the guest OS").select_option("customer")
    sort.get_by_role("button", name="Check").click()
    # Grading comes after the answer is shown: turn the card first.
    page.locator("#srm-deck-basics .srm-card:not([hidden]) summary").click()
    page.locator("#srm-deck-basics").get_by_role("button", name="I knew it").click()
    expect(page.locator("[data-srm-result]")).to_have_count(3)

    page.get_by_role("button", name="Reset progress on this page").click()
    page.get_by_role("dialog").get_by_role("button", name="Clear this page").click()
    expect(page.locator("[data-srm-result]")).to_have_count(0)
    expect(page.locator(".srm-feedback")).to_have_count(0)
    expect(page.locator("[data-srm-component] input:checked")).to_have_count(0)
    expect(page.locator("#srm-deck-basics .srm-deck-count")).to_have_text(
        "Card 1 of 3 left; 0 of 3 known."
    )
    assert page.evaluate("localStorage.getItem('srm-progress-v1')") in (None, "{}")
    page.reload()
    expect(page.locator("[data-srm-result]")).to_have_count(0)
    assert errors == []
