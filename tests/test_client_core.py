"""The client's core and its per-page bundles: which components a page uses, the one bundle
it links after the core, the core's registry (no state on DOM nodes, one global), and the
core loading a component's own file when instant navigation brings one the first page
lacked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import Site
from srm_build import assets
from srm_build.assets import COMPONENTS, Component, bundle, bundle_of, link_components, register

CORE = '<script src="../assets/srm/srm.js?v=1"></script>'

# page HTML -> the bundle it links (None: none)
BUNDLES = [
    ("<p>prose</p>", None),
    ('<form data-srm-component="choice"></form>', "srm-choice.js"),
    ('<a class="srm-glossary-link" data-srm-tip="A term.">x</a>', "srm-tip.js"),
    ('<div data-srm-component="quiz"><form data-srm-component="sort">', "srm-sort-quiz-choice.js"),
    ('<section data-srm-component="exam">', "srm-exam-choice.js"),
    ('<form data-srm-component="choice"><form data-srm-component="sort">', "srm-sort-choice.js"),
    ('<div data-srm-component="nothing-known">', None),
    # Quoted in prose or code, an attribute is text, not a component.
    ("<code>data-srm-component=&quot;sort&quot;</code>", None),
]


@pytest.mark.parametrize(("html", "expected"), BUNDLES)
def test_a_page_links_one_bundle_of_its_components(html: str, expected: str | None) -> None:
    assert bundle_of(html) == expected
    linked = link_components(html + CORE)
    if expected is None:
        assert linked == html + CORE
    else:
        # Shared modules come first, each as its own file: the exam's and the review's, the
        # sort's and the order's.
        names = [
            *(["srm-study.js"] if "exam" in expected else []),
            *(["srm-drag.js"] if "sort" in expected else []),
            expected,
        ]
        tags = "".join(f'<script src="../assets/srm/{name}?v=1"></script>' for name in names)
        assert linked == html + CORE + tags


def test_a_bundle_holds_what_its_components_need_first() -> None:
    text = bundle("srm-sort-quiz-choice.js").decode("utf-8")
    order = [m.group(1) for m in re.finditer(r'srm\.define\("([a-z]+)"', text)]
    assert order == ["choice", "sort", "quiz"]
    with pytest.raises(KeyError):
        bundle("srm-sort-unknown.js")


# component registration -> the error it raises
REGISTRATIONS = [
    ("Fill-in", Component("[data-srm-component=fill]"), "lowercase letters and digits"),
    ("fill", Component(needs=("nowhere",)), "client component 'fill' needs unknown nowhere"),
    ("fill", Component(), "client component 'fill': no srm-fill.js in"),
]


@pytest.mark.parametrize(("name", "component", "message"), REGISTRATIONS)
def test_registering_a_component_checks_its_files(name, component, message) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        register(name, component)
    assert name not in COMPONENTS


def test_registering_a_component_adds_it_to_pages_and_the_core(monkeypatch) -> None:
    monkeypatch.setattr(assets, "COMPONENTS", dict(COMPONENTS))
    register("flashcards", Component("[data-srm-deck]"))
    assert bundle_of("<div data-srm-deck>") == "srm-flashcards.js"
    core = assets.published()[assets.SCRIPT].decode("utf-8")
    assert '"flashcards":["[data-srm-deck]"]' in core


def test_a_page_judged_before_a_registration_is_judged_again_after_it(monkeypatch) -> None:
    """The components of the last page are kept while the build asks about it again
    (`components_in`); a component registered meanwhile, or another table of components,
    is not answered from what was kept."""
    monkeypatch.setattr(assets, "COMPONENTS", dict(COMPONENTS))
    page = "<div data-srm-deck>" + " " * 1000
    assert bundle_of(page) is None
    register("flashcards", Component("[data-srm-deck]"))
    assert bundle_of(page) == "srm-flashcards.js"
    monkeypatch.setattr(assets, "COMPONENTS", assets._components())
    assert bundle_of(page) is None


def test_a_unit_declares_its_component_and_ships_its_files_beside_it(monkeypatch, tmp_path) -> None:
    """A question type's unit says which component mounts it, what that needs and which
    styles it links, through its `component` and `client` alone (no table in assets.py to
    edit), and its client files may sit beside it, in its package folder."""
    import sys
    import types

    folder = tmp_path / "rank"
    folder.mkdir()
    (folder / "srm-rank.js").write_text('srm.define("rank", {});\n', encoding="utf-8")
    (folder / "srm-rank.css").write_text(".srm-rank { color: red; }\n", encoding="utf-8")
    module = types.ModuleType("srm_fake_rank")
    module.__file__ = str(folder / "__init__.py")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    unit = type(
        "Rank",
        (),
        {
            "__module__": module.__name__,
            "component": "rank",
            "client": ("srm-choice.js", "srm-rank.js", "srm-rank.css"),
        },
    )
    monkeypatch.setattr(assets, "UNITS", (*assets.UNITS, unit))
    files = (*assets.client_files(), "srm-rank.js", "srm-rank.css")
    monkeypatch.setattr(assets, "client_files", lambda: files)
    monkeypatch.setattr(assets, "COMPONENTS", assets._components())
    assert assets.COMPONENTS["rank"] == Component(
        '[data-srm-component="rank"]', styles=("srm-rank.css",), needs=("choice",)
    )
    assert assets.path_of("srm-rank.js") == folder / "srm-rank.js"
    # Beside the unit its choice questions build on (ChoiceItem, srm_build/items/choice/).
    assert assets.path_of("srm-choice.js") == assets.FOLDER.parent / "items/choice/srm-choice.js"
    assert bundle_of('<form data-srm-component="rank">') == "srm-rank-choice.js"
    assert b'srm.define("rank"' in bundle("srm-rank-choice.js")
    published = assets.published()
    assert published[assets.URI.format("srm-rank.css")] == b".srm-rank{color:red}"
    assert '"rank":[1,"choice"]' in published[assets.SCRIPT].decode("utf-8")
    # The units of the registry declare theirs the same way: the sort needs the choice.
    assert COMPONENTS["sort"].needs == ("choice", "drag")


def test_every_page_links_its_bundle_and_the_bundle_is_published(fixture_site: Site) -> None:
    linked = 0
    for page in fixture_site.root.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        scripts = re.findall(r'<script src="([^"]*assets/srm/[^"]*)"', html)
        name = bundle_of(html)
        if name is None or not any(s.endswith("srm.js") for s in scripts):
            continue
        linked += 1
        core = next(i for i, s in enumerate(scripts) if s.endswith("/srm.js"))
        after = [*assets.modules_of(html), name]  # right after the core
        assert [s.rsplit("/", 1)[1] for s in scripts[core + 1 : core + 1 + len(after)]] == after
        assert (fixture_site.root / "assets/srm" / name).read_bytes() == bundle(name)
    assert linked >= 5


# ---------------------------------------------------------------- in the browser

NO_STATE_ON_NODES = """() => [document, ...document.querySelectorAll('*')]
    .filter(node => Object.keys(node).some(key => /^srm/i.test(key)))
    .map(node => node.id || node.nodeName)"""
GLOBALS = "() => Object.keys(window).filter(key => /^srm/i.test(key)).sort()"


@pytest.mark.browser
def test_components_keep_their_state_off_the_page(reader: Page, fixture_url: str) -> None:
    reader.goto(fixture_url + "quizzes/basics/")
    form = reader.locator("form#srm-ec2-patching")
    expect(form).to_have_attribute("data-srm-ready", "")
    form.get_by_label("Patching the OS on the instances").check()
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-srm-result", "right")
    assert reader.evaluate(NO_STATE_ON_NODES) == []
    assert reader.evaluate(GLOBALS) == ["srm"]


@pytest.mark.browser
def test_instant_navigation_loads_the_components_the_first_page_lacked(
    reader: Page, fixture_url: str
) -> None:
    fetched: list[str] = []
    reader.on(
        "request", lambda r: fetched.append(r.url.rsplit("/", 1)[1]) if "/srm-" in r.url else None
    )
    reader.goto(fixture_url + "scenarios/")
    expect(reader.locator("[data-srm-component=choice]").first).to_have_attribute(
        "data-srm-ready", ""
    )
    assert fetched == ["srm-choice-progress.js"]  # the page's bundle
    reader.evaluate("window.srmSamePage = true")
    reader.locator(".md-nav").get_by_role("link", name="Network basics").first.click()
    form = reader.locator("form#srm-sort-ten")
    expect(form).to_have_attribute("data-srm-ready", "")
    assert reader.evaluate("window.srmSamePage") is True  # swapped, not loaded
    # The core fetched the own files of the components it lacked, each once.
    assert sorted(fetched[1:]) == ["srm-drag.js", "srm-quiz.js", "srm-sort.js"]
    form.locator("select").first.select_option(index=1)
    expect(form.locator(".srm-buckets .srm-sort-item")).to_have_count(1)
