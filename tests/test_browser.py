"""The fixture site in Chromium, driven the way a reader does."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_single_choice_by_mouse_shows_feedback_and_announces(reader: Page, fixture_url):
    reader.goto(fixture_url + "quizzes/basics/")
    form = reader.locator("form#srm-ec2-patching")
    form.get_by_label("Securing the hypervisor").check()
    form.get_by_role("button", name="Check").click()
    chosen = form.locator('.srm-option[data-srm-option="c"]')
    expect(chosen.locator(".srm-feedback")).to_contain_text("Incorrect.")
    expect(chosen.locator(".srm-feedback")).to_contain_text("The hypervisor is AWS's side.")
    missed = form.locator('.srm-option[data-srm-option="b"] .srm-feedback')
    expect(missed).to_contain_text("Missed: this one is correct.")
    expect(form.get_by_role("status")).to_have_text(
        "Not quite. The feedback under each option says why."
    )
    expect(reader.locator('[data-srm-id="basics"] .srm-score')).to_have_text(
        "Score: 0 of 4 correct, 1 answered."
    )
    form.get_by_role("button", name="Try again").click()
    expect(form.locator(".srm-feedback")).to_have_count(0)
    expect(form.get_by_label("Securing the hypervisor")).to_be_enabled()


def test_multiple_choice_by_keyboard_only(reader: Page, fixture_url):
    reader.goto(fixture_url + "quizzes/basics/")
    form = reader.locator("form#srm-customer-tasks")
    form.get_by_label("Security groups").focus()
    reader.keyboard.press("Space")
    reader.keyboard.press("Tab")
    reader.keyboard.press("Tab")
    reader.keyboard.press("Space")
    expect(form.get_by_label("IAM policies")).to_be_checked()
    # Moving through the options never answered: only the explicit check does.
    expect(form.get_by_role("status")).to_have_text("")
    reader.keyboard.press("Tab")
    reader.keyboard.press("Enter")
    expect(form.get_by_role("status")).to_have_text("Correct.")
    expect(form.locator(".srm-feedback.srm-right")).to_have_count(2)


def test_sort_by_selects(reader: Page, fixture_url):
    reader.goto(fixture_url + "quizzes/basics/")
    form = reader.locator("form#srm-sort-basics")
    form.get_by_label("Guarding data centre entrances").select_option("customer")
    form.get_by_label("Patching the guest OS").select_option("customer")
    form.get_by_role("button", name="Check").click()
    expect(form.get_by_role("status")).to_have_text("1 of 2 placed correctly.")
    expect(form.locator('.srm-sort-item[data-srm-item="guards"] .srm-feedback')).to_contain_text(
        "Incorrect: AWS owns this."
    )


def test_answers_are_readable_without_javascript(browser, fixture_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fixture_url + "quizzes/basics/")
    form = page.locator("form#srm-ec2-patching")
    expect(form.get_by_role("button", name="Check")).to_be_hidden()
    form.locator("summary").click()
    expect(form.locator(".srm-key")).to_contain_text("Correct: Patching the OS on the instances")
    context.close()


def test_instant_navigation_mounts_each_component_once(reader: Page, fixture_url):
    reader.goto(fixture_url)
    reader.evaluate("window.srmSamePage = true")
    form = reader.locator("form#srm-ec2-patching")
    for _ in range(2):
        reader.locator("article").get_by_role("link", name="glossary").click()
        expect(reader.locator("#srm-region")).to_be_visible()  # the glossary is shown
        reader.go_back()
        # Waits for the component to say it is mounted, not for the address: the theme
        # changes the address before it has swapped the page and the script has run.
        expect(form).to_have_attribute("data-srm-ready", "")
    # Still the same document: the theme swapped pages instead of loading them.
    assert reader.evaluate("window.srmSamePage") is True
    form.get_by_label("Patching the OS on the instances").check()
    form.get_by_role("button", name="Check").click()
    # One handler: one feedback box, one answered event.
    expect(form.locator(".srm-feedback")).to_have_count(1)
    expect(reader.locator('[data-srm-id="basics"] .srm-score')).to_have_text(
        "Score: 1 of 4 correct, 1 answered."
    )


def test_glossary_tip_shows_on_keyboard_focus(reader: Page, fixture_url):
    reader.goto(fixture_url)
    expect(reader.locator("[data-srm-mounted]").first).to_be_attached()
    link = reader.locator("article a.srm-glossary-link").first
    tip = reader.get_by_role("tooltip")
    expect(tip).to_have_count(0)
    link.focus()
    reader.keyboard.press("Shift+Tab")
    reader.keyboard.press("Tab")
    expect(tip).to_contain_text("Software that runs virtual machines")
    expect(link).to_have_accessible_description(re.compile("Software that runs virtual"))


def test_quiz_page_prints_as_a_worksheet_with_the_key_at_the_end(reader: Page, fixture_url):
    reader.goto(fixture_url + "quizzes/basics/")
    key = reader.locator(".srm-answer-key")
    expect(key).to_be_hidden()  # on screen the answers stay in each question's details
    reader.emulate_media(media="print")
    expect(key).to_be_visible()
    expect(key.locator("li").first).to_have_text("Patching the OS on the instances")
    expect(key.locator("li").nth(1)).to_have_text("Security groups; IAM policies")
    form = reader.locator("form#srm-ec2-patching")
    expect(form.get_by_label("Patching the OS on the instances")).to_be_visible()
    for chrome in (".srm-actions", ".srm-key", ".srm-report"):
        expect(form.locator(chrome)).to_be_hidden()
    expect(reader.locator(".srm-progress")).to_be_hidden()


def test_explorer_draws_the_stack_of_the_chosen_service(reader: Page, fixture_url):
    reader.goto(fixture_url + "services/")
    explorer = reader.get_by_role("region", name="Responsibility explorer")
    stacks = explorer.locator("figure.srm-stack")
    expect(stacks).to_have_count(1)
    guest_os = stacks.first.locator("li", has_text="Guest operating system")
    expect(guest_os).to_have_text("Guest operating system: Customer")
    expect(guest_os).to_have_class("srm-owner-customer")
    # Keyboard only: the first list moves on to AWS Lambda.
    explorer.get_by_label("Show").focus()
    reader.keyboard.press("ArrowDown")
    expect(stacks.first.locator("figcaption")).to_have_text("AWS Lambda")
    expect(guest_os).to_have_text("Guest operating system: AWS")
    virtualization = stacks.first.locator("li", has_text="Virtualization")
    expect(virtualization).to_contain_text("AWS runs and isolates the execution environment.")
    # Compare with a service model: one table, layer by layer, the differing rows marked.
    explorer.get_by_label("Compare with").select_option("model:iaas")
    compare = explorer.get_by_role("table", name="AWS Lambda compared with IaaS")
    row = compare.get_by_role("row", name="Guest operating system", exact=False)
    expect(row.get_by_role("cell")).to_have_text(["AWS", "Customer"])
    expect(row).to_have_class("srm-differs")
    expect(row.get_by_role("rowheader")).to_have_text("Guest operating systemDiffers")


def test_explorer_is_a_plain_table_without_javascript(browser, fixture_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fixture_url + "services/")
    expect(page.locator(".srm-explorer")).to_be_hidden()
    expect(page.locator(".srm-matrix table")).to_be_visible()
    context.close()
