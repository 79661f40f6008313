"""Hostile content, strict builds, valid and reproducible output, and a Content Security
Policy: nothing a contributor writes reaches a reader as markup or script."""

from __future__ import annotations

import csv
import filecmp
import io
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import html5lib
import pytest
from bs4 import BeautifulSoup
from hostile import PAYLOAD, make_hostile_site
from playwright.sync_api import expect

from conftest import FIXTURE_SITE, ROOT, Site, build_site, served_build
from srm_build import loader
from srm_build.errors import Problem

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    work = tmp_path_factory.mktemp("hostile")
    source = make_hostile_site(FIXTURE_SITE, work / "src", ROOT / "overrides")
    (work / "out").mkdir()
    with served_build(source / "mkdocs.yml", work / "out") as site:
        yield site


# --- escaping -----------------------------------------------------------------------------


def test_hostile_text_builds_into_no_markup(hostile_site: Site) -> None:
    for page in hostile_site.pages():
        soup = hostile_site.soup(page)
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/json", (page, script)
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert handlers == [], (page, element.name, handlers)
            for name in ("href", "src"):
                value = element.get(name, "")
                assert not value.lower().startswith(("javascript:", "data:")), (page, value)
        assert soup.find("svg", attrs={"onload": True}) is None


def test_hostile_text_is_still_shown_as_text(hostile_site: Site) -> None:
    glossary = hostile_site.soup("glossary/index.html")
    definition = glossary.select_one('[data-srm-id="hypervisor"] .srm-definition').get_text()
    assert "<script>window.__xss=1</script>" in definition
    assert '<img src=x onerror="window.__xss=2">' in definition
    assert "window.__xss=1" in glossary.title.get_text()
    heading = glossary.select_one("h2#srm-hypervisor").get_text()
    assert heading.startswith("Hypervisor <script>window.__xss=1</script>")
    quiz = hostile_site.soup("quizzes/basics/index.html")
    legend = quiz.select_one("form#srm-ec2-patching legend").get_text()
    assert "</script><script>window.__xss=5</script>" in legend


@pytest.mark.browser
def test_no_payload_runs_in_the_browser(page, hostile_site: Site) -> None:
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in hostile_site.pages():
        if path == "404.html":
            continue
        page.goto(hostile_site.url + path.removesuffix("index.html"))
        for details in page.locator("article details").all():
            if details.is_visible():
                details.evaluate("el => el.open = true")
        for link in page.locator("article a").all():
            if link.is_visible():
                link.hover()
        assert page.evaluate("typeof window.__xss") == "undefined", path
    assert dialogs == []
    assert errors == []


# --- Content Security Policy ----------------------------------------------------------------


def test_every_page_declares_the_policy_before_any_script(engine_fixture_site: Site) -> None:
    for page in engine_fixture_site.pages():
        head = engine_fixture_site.soup(page).head
        first = head.find(["meta", "script", "link"])
        assert first.get("http-equiv") == "Content-Security-Policy", page
        assert first["content"] == CSP
        inline = [s for s in head.parent.find_all("script") if not s.get("src")]
        assert all(s.get("type") == "application/json" for s in inline), page


@pytest.mark.browser
def test_pages_run_with_no_policy_violation(page, fixture_site: Site) -> None:
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    for path in fixture_site.pages():
        page.goto(fixture_site.url + path.removesuffix("index.html"))
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__violations") == [], path
        # The theme still works under the policy: its search is mounted.
        assert page.locator("[data-md-component=search]").count() == 1


# --- broken browser storage, the theme's keys included ------------------------------------

STORAGE_STATES = {
    "disabled": """Object.defineProperty(window, 'localStorage', {get() {
        throw new DOMException('denied', 'SecurityError'); }});""",
    "full": """Storage.prototype.setItem = function () {
        throw new DOMException('full', 'QuotaExceededError'); };""",
    "garbage": """for (const key of ['/.__palette', '/.__search', '/.__tabs', '/.srm-progress-v1',
        'srm-progress']) { localStorage.setItem(key, '{not json'); }""",
    "wrong shapes": """localStorage.setItem('/.__palette', '{"color": 5}');
        localStorage.setItem('/.__palette', '{"color": {"media": "(prefers-color-scheme)"}}');
        localStorage.setItem('/.srm-progress-v1', '[1, 2, 3]');""",
}


@pytest.mark.browser
@pytest.mark.parametrize("state", STORAGE_STATES)
def test_broken_storage_never_breaks_a_page(browser, fixture_site: Site, state: str) -> None:
    context = browser.new_context()
    context.add_init_script(STORAGE_STATES[state])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in ("", "glossary/", "quizzes/basics/"):
        page.goto(fixture_site.url + path)
        page.wait_for_load_state("networkidle")
    form = page.locator("form#srm-ec2-patching")
    expect(form).to_have_attribute("data-srm-ready", "")
    form.get_by_label("Patching the OS on the instances").check()
    form.get_by_role("button", name="Check").click()
    expect(form.get_by_role("status")).to_have_text("Correct.")
    toggles = page.locator("[data-md-component=palette] label")
    for toggle in toggles.all():  # the theme's scheme toggle writes the palette key
        if toggle.is_visible():
            toggle.click()
            break
    context.close()
    assert errors == []


# --- hostile YAML -----------------------------------------------------------------------


def test_alias_bomb_is_refused_within_the_node_budget(monkeypatch) -> None:
    calls = 0
    build = loader._build

    def counting(*args):
        nonlocal calls
        calls += 1
        return build(*args)

    monkeypatch.setattr(loader, "_build", counting)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
    )
    result = loader.load_text(bomb, "bomb.yml")
    assert isinstance(result, Problem) and "too many values" in result.message
    assert calls <= loader.MAX_NODES + 2


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"kind: glossary\x00\n", "bomb.yml:1:1: file contains a NUL byte; is it binary?"),
        (b"\x89PNG\r\n\x1a\n", "bomb.yml:1:1: not UTF-8 text (byte 0x89); save the file as UTF-8"),
        (
            b"x" * (loader.MAX_BYTES + 1),
            "bomb.yml:1:1: file is 1,048,577 bytes; the limit is 1,048,576",
        ),
    ],
    ids=["NUL byte", "binary", "too large"],
)
def test_unreadable_files_are_reported(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "bomb.yml"
    path.write_bytes(raw)
    assert str(loader.read_file(path, "bomb.yml")) == expected


def test_a_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yml"
    path.write_bytes(b"\xef\xbb\xbfkind: sources\ntitle: T\n")
    doc = loader.read_file(path, "bom.yml")
    assert doc.data == {"kind": "sources", "title": "T"}


# --- strict builds, valid and reproducible output -------------------------------------------


def _page_with(tmp_path: Path, text: str) -> Path:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, site)
    (site / "content" / "links.md").write_text(text)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../overrides", str(ROOT / "overrides")))
    return site


def _strict_build(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_strict_build_sees_the_anchors_the_plugin_generates(tmp_path: Path) -> None:
    site = _page_with(
        tmp_path,
        "# Links\n\n[Region](glossary.md#srm-region) and [the quiz](index.md#srm-ec2-patching).\n",
    )
    result = _strict_build(site)
    assert result.returncode == 0, result.stderr


def test_strict_build_fails_on_a_missing_anchor(tmp_path: Path) -> None:
    site = _page_with(tmp_path, "# Links\n\n[Nothing](glossary.md#srm-no-such-term).\n")
    result = _strict_build(site)
    assert result.returncode == 1
    # Found by the check the plugin runs first, so the build stops before writing.
    assert (
        "content/links.md:3:11: link 'glossary.md#srm-no-such-term': glossary.md shows no "
        "item 'no-such-term' (anchors '#srm-<id>' lead to the items a page shows)"
    ) in result.stderr


def test_heading_anchor_colliding_with_an_item_id_fails_the_build(tmp_path: Path) -> None:
    site = _page_with(tmp_path, "# Links\n\n## SRM basics\n\n```srm\nbasics\n```\n")
    result = _strict_build(site)
    assert result.returncode == 1
    # Found by the check the plugin runs first, so the build stops before writing.
    assert (
        "content/links.md:3:4: the heading anchor '#srm-basics' is also the id of an embedded "
        "item's element; give the heading another anchor"
    ) in result.stderr


def test_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    site = _page_with(tmp_path, "# Links\n")
    assert _strict_build(site).returncode == 0
    before = {p: p.read_bytes() for p in (site / "site").rglob("*") if p.is_file()}
    (site / "content" / "glossary.yml").write_text("kind: glossary\ntitle: [broken\n")
    result = _strict_build(site)
    assert result.returncode == 1 and "YAML syntax error" in result.stderr
    after = {p: p.read_bytes() for p in (site / "site").rglob("*") if p.is_file()}
    assert after == before


def test_every_page_is_valid_html(engine_fixture_site: Site, engine_real_site: Site) -> None:
    for site in (engine_fixture_site, engine_real_site):
        for page in site.pages():
            parser = html5lib.HTMLParser(strict=False)
            parser.parse((site.root / page).read_bytes())
            assert parser.errors == [], (page, parser.errors[:3])


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_site(FIXTURE_SITE / "mkdocs.yml", tmp_path / "one", site_url="https://e.org/")
    second = build_site(FIXTURE_SITE / "mkdocs.yml", tmp_path / "two", site_url="https://e.org/")
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()
    )
    # The sitemap carries the build date, by the theme's design; everything else is fixed.
    compared = [f for f in files if not f.startswith("sitemap.xml")]
    _, mismatch, errors = filecmp.cmpfiles(first, second, compared, shallow=False)
    assert mismatch == [] and errors == []


def test_no_payload_escapes_embedded_json(hostile_site: Site) -> None:
    for page in hostile_site.pages():
        soup = BeautifulSoup((hostile_site.root / page).read_text(), "html.parser")
        for script in soup.find_all("script", type="application/json"):
            assert "__xss" not in script.get_text(), page
    assert PAYLOAD  # the payload is what every text field of the hostile site carries


def test_exports_of_hostile_text_are_safe(hostile_site: Site) -> None:
    package = zipfile.ZipFile(hostile_site.root / "exports" / "srm-questions-qti21.zip")
    for name in package.namelist():
        ET.fromstring(package.read(name))  # well-formed, or this raises
    gift = (hostile_site.root / "exports" / "srm-questions.gift").read_text()
    assert "<script>" not in gift and "<img" not in gift
    cells = csv.reader(io.StringIO((hostile_site.root / "exports" / "srm-anki.csv").read_text()))
    for row in cells:
        for cell in row[:2]:
            assert "<" not in cell and not cell.startswith(("=", "+", "-", "@")), cell
