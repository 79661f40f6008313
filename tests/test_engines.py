"""The same content built by every engine (README, "Engines"): the same pages at the same
addresses, the same components, answers out of each engine's search index, the Content
Security Policy, and every page working in Chromium.

MkDocs is the reference. `SRM_ENGINES=zensical` (what `make test ENGINE=zensical` sets)
limits the run to the engines named; an engine that is not installed fails the test
(`make test` installs all three). The HTML suite (test_html.py, test_site.py,
test_search.py and others) also runs on each engine's site; this module compares them."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, expect

from conftest import BIN, ROOT, SELECTED_ENGINES, Site, engine_installed, watch
from srm_build.models import Quiz, Scenario, SingleChoice, Sort
from srm_build.pipeline import load_content

CSP = re.compile(r"default-src 'self'; script-src 'self';")
COMPONENTS = "[data-srm-component], form.srm-choice, .srm-report, a.srm-glossary-link"


@pytest.fixture(scope="module")
def reference(real_site: Site) -> Site:
    """The site as the default engine builds it."""
    return real_site


@pytest.fixture
def built(engine_real_site: Site) -> Site:
    """The repository's site as one engine builds it (conftest.py, `engine_real_site`)."""
    return engine_real_site


def _counts(site: Site, selector: str) -> dict[str, Counter]:
    return {
        path: Counter(
            el.get("data-srm-component") or " ".join(el.get("class", [])) or el.name
            for el in site.soup(path).select(selector)
        )
        for path in site.pages()
    }


def test_the_same_pages_at_the_same_addresses(built: Site, reference: Site) -> None:
    assert built.pages() == reference.pages()
    exports = ("questions.json", "exports/srm-questions.gift", "exports/srm-anki.csv")
    for path in (*exports, "data/study.srm-bank.js"):
        assert (built.root / path).read_bytes() == (reference.root / path).read_bytes()
    for name in ("srm.js", "srm.css", "srm-study.js", "theme.js", "palette.js"):
        published = built.root / "assets" / "srm" / name
        assert published.read_bytes() == (reference.root / "assets/srm" / name).read_bytes()
    assert not (built.root / "mkdocs_theme.yml").exists()
    assert not (built.root / "__init__.py").exists()
    assert not list(built.root.rglob("*.pyc"))
    assert not list(built.root.rglob("*.yml"))  # the YAML is never published


def test_the_same_components_on_every_page(built: Site, reference: Site) -> None:
    # Components, their answerable forms, report links and glossary tips, page by page.
    assert _counts(built, COMPONENTS) == _counts(reference, COMPONENTS)
    ids = {p: sorted(e["id"] for e in built.soup(p).select("[id^=srm-]")) for p in built.pages()}
    assert ids == {
        p: sorted(e["id"] for e in reference.soup(p).select("[id^=srm-]")) for p in built.pages()
    }


def test_the_same_stylesheets_unless_the_theme_differs(built: Site, reference: Site) -> None:
    # ProperDocs renders with Material's own templates and stylesheets, so what axe finds on
    # MkDocs' pages holds for it; Zensical brings its own theme, checked by axe itself
    # (test_site_a11y.py), with the package's fixes to it.
    def sheets(site: Site) -> dict[str, list[str]]:
        return {
            p: [link["href"] for link in site.soup(p).select("link[rel=stylesheet]")]
            for p in site.pages()
            if p != "404.html"  # its links are absolute: they name each site's address
        }

    mine, theirs = sheets(built), sheets(reference)
    if built.engine == "zensical":
        assert all("assets/stylesheets/modern/" in " ".join(v) for v in mine.values())
        assert all(v[-1].endswith("assets/srm/theme-modern.css") for v in mine.values())
    else:
        assert mine == theirs


def test_the_same_edit_links(built: Site, reference: Site) -> None:
    # "Edit this page" opens the YAML a page shows, on every engine.
    def edits(site: Site) -> dict[str, list[str]]:
        return {p: [a["href"] for a in site.soup(p).select("a[rel=edit]")] for p in site.pages()}

    mine, theirs = edits(built), edits(reference)
    assert mine == theirs
    assert theirs["data/glossary/index.html"][0].endswith("/content/data/glossary.yml")


BASE = "http://x/srm/"
"""A project site's address (GitHub Pages serves one under a sub-path): a link with one
`../` too many leaves it, which a site served at the root would hide."""


def _item_links(site: Site, path: str) -> list[str]:
    """The links the package writes into a page's item HTML: hrefs inside its components
    (and glossary links), and the addresses its scripts read from data attributes, each as
    the browser resolves it on the page at `BASE`. Each engine resolves the hrefs of item
    HTML itself, and may spell a link to the page itself differently (MkDocs `./`,
    Zensical an empty href): the same address."""
    soup = site.soup(path)
    links = [
        a["href"]
        for a in soup.select("article a[href]")
        if "srm-glossary-link" in a.get("class", []) or a.find_parent(class_=re.compile("^srm"))
    ]
    for name in ("data-srm-bank-script", "data-srm-topic-href"):
        links += [el[name] for el in soup.select(f"article [{name}]")]
    # Absolute links (the report links) name the address each site was built for.
    page = BASE + path.removesuffix("index.html")
    return [urljoin(page, link) for link in links if not urlsplit(link).scheme]


def test_item_links_match_the_default_engine(built: Site, reference: Site) -> None:
    mine = {p: _item_links(built, p) for p in built.pages()}
    assert sum(map(len, mine.values())) > 1000  # every page's items, not none
    assert mine == {p: _item_links(reference, p) for p in reference.pages()}


def test_every_article_link_resolves_under_a_sub_path(built: Site) -> None:
    # Each relative link in a page's article, read as the browser reads it at BASE.
    broken = []
    for path in built.pages():
        if path == "404.html":  # served at any depth; its links are absolute
            continue
        page = BASE + path.removesuffix("index.html")
        soup = built.soup(path)
        refs = [a["href"] for a in soup.select("article a[href]")]
        refs += [img["src"] for img in soup.select("article img[src]")]
        refs += [el["data-srm-bank-script"] for el in soup.select("[data-srm-bank-script]")]
        for ref in refs:
            if urlsplit(ref).scheme or ref.startswith(("#", "/")):
                continue
            url = urljoin(page, ref).split("#")[0].split("?")[0]
            file = url.removeprefix(BASE)
            if file == url:
                broken.append(f"{path}: {ref} leaves {BASE}")
                continue
            target = built.root / (file + "index.html" if not file or file.endswith("/") else file)
            if not target.is_file():
                broken.append(f"{path}: {ref} -> {file}")
    assert broken == []


def _words(markdown_text: str) -> str:
    return " ".join(markdown_text.replace("*", "").replace("`", "").split())[:60]


def test_no_answer_text_in_the_search_index(built: Site) -> None:
    content = load_content(ROOT / "content")
    text = built.search_text()
    questions = [q for quiz in content.of_type(Quiz) for q in quiz.questions]
    singles = [q for q in questions if isinstance(q, SingleChoice)]
    found = [q for q in singles if _words(q.prompt)[:40] in text]
    assert len(found) > len(singles) // 2  # the questions themselves are found
    answers = [o.feedback for q in singles for o in q.options]
    answers += [s.explanation for s in content.of_type(Scenario)]
    answers += [i.explanation for q in questions if isinstance(q, Sort) for i in q.items]
    assert [a for a in answers if len(a) > 40 and _words(a) in text] == []
    for chrome in ("Try again", "Show the answer", "Choose who owns it"):
        assert chrome not in text


def test_every_page_carries_the_csp_and_no_inline_script(built: Site) -> None:
    for path in built.pages():
        soup = built.soup(path)
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None and CSP.match(policy["content"]), path
        inline = [
            s
            for s in soup.find_all("script")
            if not s.get("src") and s.get("type") != "application/json"
        ]
        assert inline == [], path


@pytest.mark.browser
def test_every_page_works_in_the_browser(built: Site, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems = watch(page, built.url.rsplit("site/", 1)[0])
    try:
        for path in built.pages():
            if path == "404.html":
                continue
            page.goto(built.url + path)
            expect(page.locator("[data-srm-component]:not([data-srm-mounted])")).to_have_count(0)
            assert problems == [], path
    finally:
        context.close()


# --- what the MkDocs adapter adds around the core ---------------------------------------

SOURCES_YML = """\
kind: sources
title: Sources
sources:
  - id: aws-srm
    title: Shared Responsibility Model
    url: https://aws.amazon.com/compliance/shared-responsibility-model/
"""


def _small_site(root: Path, extra: str = "") -> Path:
    (root / "content").mkdir(parents=True)
    (root / "content" / "sources.yml").write_text(SOURCES_YML)
    (root / "content" / "sources.md").write_text("```srm\nsources.yml\n```\n")
    (root / "content" / "index.md").write_text("# Home\n\n```srm\naws-srm\n```\n")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: t\nsite_url: https://example.org/\ndocs_dir: content\n"
        f"theme: {{name: material, font: false}}\nplugins: [srm]\n{extra}"
    )
    return config


def test_mkdocs_adds_what_an_older_site_leaves_out(tmp_path: Path) -> None:
    # No srm fence or extension in mkdocs.yml: the plugin adds them, so a site configured
    # before the engine-neutral Markdown extension still builds.
    from conftest import build_site

    site = build_site(_small_site(tmp_path), tmp_path / "site")
    page = BeautifulSoup((site / "sources/index.html").read_text(), "html.parser")
    assert page.select_one("h2#srm-aws-srm") is not None
    home = BeautifulSoup((site / "index.html").read_text(), "html.parser")
    assert home.select_one("#srm-aws-srm") is not None  # the fence the plugin registered
    assert not any(s.get("src") is None and s.get("type") is None for s in home("script"))


def test_package_partials_follow_extra_scope_and_yield_to_custom_dir(tmp_path: Path) -> None:
    from conftest import build_site

    scoped = build_site(_small_site(tmp_path / "a", "extra: {scope: /}\n"), tmp_path / "a/site")
    boot = BeautifulSoup((scoped / "index.html").read_text(), "html.parser").select_one(
        "script[src$='assets/srm/theme.js']"
    )
    assert boot is not None and boot["data-md-scope"] == "/"
    # A site's own custom_dir still wins over the package's partials.
    custom = tmp_path / "b" / "overrides" / "partials" / "javascripts"
    custom.mkdir(parents=True)
    (custom / "base.html").write_text('<script src="mine.js"></script>\n')
    config = _small_site(tmp_path / "b")
    config.write_text(
        config.read_text().replace("font: false", "font: false, custom_dir: overrides")
    )
    own = build_site(config, tmp_path / "b/site")
    html = (own / "index.html").read_text()
    assert 'src="mine.js"' in html and "assets/srm/theme.js" not in html


def test_properdocs_validates_before_writing(tmp_path: Path) -> None:
    assert engine_installed("properdocs"), "properdocs is not installed: run `make test`"
    # ProperDocs runs the plugin's on_config, so bad content stops it with located errors.
    config = _small_site(tmp_path)
    (tmp_path / "content" / "index.md").write_text("# Home\n\n```srm\naws-srn\n```\n")
    result = subprocess.run(
        [BIN / "properdocs", "build", "--strict", "-f", str(config)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/index.md:4:1: embeds unknown item 'aws-srn'; did you mean 'aws-srm'?"
        in result.stderr
    )
    assert not (tmp_path / "site").exists()


def test_an_engine_that_is_not_installed_fails_rather_than_skips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `make test` installs every engine; a missing one must show up as a failure.
    import conftest

    monkeypatch.setattr(conftest, "engine_installed", lambda engine: False)
    with (
        pytest.raises(pytest.fail.Exception, match="zensical is not installed"),
        conftest.served_engine_build("zensical", ROOT / "mkdocs.yml", tmp_path),
    ):
        pass
    assert not (tmp_path / "site").exists()


# --- one verdict on every engine -------------------------------------------------------------

VERDICTS = [
    (
        "a YAML file with no page",
        {"glossary.md": None},
        "content/glossary.yml:1:7: no page shows this file: write content/glossary.md with an "
        "srm block naming glossary.yml (`python -m srm_build pages` writes it)",
    ),
    (
        "a page at a YAML file's address that does not show it",
        {"glossary.md": "# Words\n"},
        "content/glossary.yml:1:7: this file becomes the page glossary.md, which already "
        "exists; rename one of them",
    ),
    (
        "an unknown item embedded",
        {"index.md": "# Home\n\n```srm\nquiz-basic\n```\n"},
        "content/index.md:4:1: embeds unknown item 'quiz-basic'; did you mean 'quiz-basics'?",
    ),
    (
        # MkDocs and ProperDocs compare anchors as written (their strict build fails on it);
        # Zensical decodes it, but runs the same check first.
        "a percent-encoded anchor",
        {"index.md": "# Home\n\nSee [x](glossary.md#%73rm-guest-os).\n"},
        "content/index.md:3:9: link 'glossary.md#%73rm-guest-os': the anchor '#%73rm-guest-os' "
        "is percent-encoded, and the build compares anchors as they are written (MkDocs does "
        "not decode them); write '#srm-guest-os'",
    ),
]
"""Content each engine's build refuses with the same located message (README, "Engines"):
MkDocs and ProperDocs through the plugin's check, Zensical through the check its build
command runs first. No engine invents a missing page."""


@pytest.mark.parametrize("engine", SELECTED_ENGINES)
@pytest.mark.parametrize(
    ("files", "expected"), [v[1:] for v in VERDICTS], ids=[v[0] for v in VERDICTS]
)
def test_every_engine_gives_the_same_verdict(
    tmp_path: Path, engine: str, files: dict, expected: str
) -> None:
    from test_hostile_input import _project, make_build, snapshot

    assert engine_installed(engine), f"{engine} is not installed: run `make test`"
    root = _project(tmp_path, files, "")
    before = snapshot(root / "site")
    build = make_build(root, engine=engine)
    assert build.returncode != 0
    assert "Traceback" not in build.stderr + build.stdout
    assert expected in build.stderr.splitlines(), build.stderr[-3000:]
    assert snapshot(root / "site") == before
    assert not (root / ".site.new").exists()


@pytest.mark.parametrize("engine", SELECTED_ENGINES)
def test_no_engine_publishes_editor_leftovers(tmp_path: Path, engine: str) -> None:
    """Editors' backup, swap and lock files in content/ (`files.LEFTOVERS`) are skipped by
    the check, which every engine's build runs, and left out of every engine's site, as is
    the YAML: the MkDocs adapter drops them from the files, `complete` removes Zensical's
    copies."""
    from test_hostile_input import LEFTOVERS, _project, make_build

    assert engine_installed(engine), f"{engine} is not installed: run `make test`"
    # No `site_dir` line: `make build` tells Zensical where to write without one.
    root = _project(tmp_path, LEFTOVERS, "")
    build = make_build(root, engine=engine)
    assert build.returncode == 0, build.stderr[-3000:] + build.stdout[-3000:]
    published = {p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*")}
    assert "index.html" in published
    assert not published & set(LEFTOVERS)
    # Nor the YAML, which this configuration does not exclude (`exclude_docs`).
    assert not [path for path in published if path.endswith((".yml", ".yaml"))]


EXTENSIONS = (
    "\n  - attr_list\n  - pymdownx.superfences:\n      custom_fences:\n        - name: srm\n"
    "          class: srm\n          format: !!python/name:srm_build.markdown.fence\n"
    "  - srm_build.markup\n  - srm_build.markdown\n"
)
"""The Markdown extensions as the site's mkdocs.yml lists them."""


def _zensical_hook() -> str:
    """The site's mkdocs.yml lines that make Zensical validate as it reads the file, its
    `docs_dir` alias written out."""
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    at = lines.index("extra:")
    return "\n".join(lines[at : at + 2]).replace("*docs", "content") + "\n"


NAV_OF_PROJECT = (
    "nav:\n  - Home: index.md\n  - Sources: sources.md\n  - Glossary: glossary.md\n"
    "  - Quiz: quizzes/basics.md\n"
)
ZENSICAL_ALONE = [
    (
        "a page left out of the nav (Zensical would publish it)",
        {"orphan.md": "# Orphan\n"},
        NAV_OF_PROJECT,
        "content/orphan.md:1:1: the page orphan.md is not in the nav of mkdocs.yml; add it "
        "there (the strict build fails on a page left out)",
    ),
    (
        "a scheme-relative link",
        {"index.md": "# Home\n\nSee [x](//evil.example/x).\n"},
        "",
        "content/index.md:3:9: link '//evil.example/x' starts with '//', so it leads to another "
        "site while it reads like a link within this one; write the full address, "
        "'https://evil.example/x'",
    ),
]


@pytest.mark.parametrize(
    ("files", "config", "expected"),
    [z[1:] for z in ZENSICAL_ALONE],
    ids=[z[0] for z in ZENSICAL_ALONE],
)
def test_zensical_run_alone_refuses_what_check_refuses(
    tmp_path: Path, files: dict, config: str, expected: str
) -> None:
    """`zensical build` run directly, without the check `make build` runs first, refuses
    what the check refuses, with the check's located lines, exit status 1, no traceback,
    and the site folder untouched: the site's mkdocs.yml makes Zensical validate as it
    reads the file (`engines.zensical.refuse_on_load`), before it cleans or writes
    anything. Without that, Zensical published a page left out of the nav, and stopped on
    the rest only at the first page, with a traceback, its site folder emptied."""
    from test_hostile_input import LOCATED, _project, snapshot

    assert engine_installed("zensical"), "zensical is not installed: run `make test`"
    root = _project(tmp_path, files, config + _zensical_hook(), EXTENSIONS)
    before = snapshot(root / "site")
    check = subprocess.run(
        [BIN / "python", "-m", "srm_build", "check", "content"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert [line for line in check.stderr.splitlines() if LOCATED.match(line)] == [expected]
    result = subprocess.run(
        [BIN / "zensical", "build", "--strict", "--clean", "-f", "mkdocs.yml"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert [line for line in result.stderr.splitlines() if LOCATED.match(line)] == [expected]
    assert snapshot(root / "site") == before


def test_the_zensical_hook_is_a_no_op_for_other_readers(tmp_path: Path) -> None:
    """MkDocs reads the same mkdocs.yml: the hook leaves the verdict to the plugin, and a
    valid site builds with it on both engines."""
    from test_hostile_input import _project

    root = _project(tmp_path, {"orphan.md": "# Orphan\n"}, _zensical_hook(), EXTENSIONS)
    for command in (["mkdocs", "build", "--strict", "-d", "mk"], ["zensical", "build", "--clean"]):
        result = subprocess.run(
            [BIN / command[0], *command[1:], "-f", "mkdocs.yml"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
    assert (root / "mk" / "orphan" / "index.html").is_file()
    assert (root / "site" / "orphan" / "index.html").is_file()
