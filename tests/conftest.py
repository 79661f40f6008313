"""Shared fixtures: the fixture site built once per session, and a browser pointed at it."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from playwright.sync_api import Error as PlaywrightError

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = Path(__file__).resolve().parent / "fixtures" / "site"
CHROMIUM = os.environ.get("SRM_CHROMIUM", "/usr/lib/chromium/chromium")


def pause_clock(page: Page) -> None:
    """Stops the page's installed clock (`page.clock.install()`) a little ahead of its own
    time, so that its timers move only as the test moves them, however slowly a loaded
    machine goes on. Until paused, the installed clock flows at real speed, and while the
    call travels it can pass the target: Playwright then raises "Cannot fast-forward to the
    past", as two timed exam tests did under load. The target is read again from the page,
    further ahead, each time."""
    for ahead in (1, 10, 60):
        try:
            page.clock.pause_at(page.evaluate("Date.now()") / 1000 + ahead)  # seconds
            return
        except PlaywrightError as error:
            if "past" not in str(error) or ahead == 60:
                raise


def build_site(config_file: Path, site_dir: Path, **overrides: object) -> Path:
    """Build an MkDocs site in-process, the way `mkdocs build --strict` would."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(
        config_file=str(config_file), site_dir=str(site_dir), strict=True, **overrides
    )
    build(config)
    return site_dir


def write_pages(content_dir: Path) -> None:
    """Writes the page beside each YAML file under `content_dir` that has none, as
    `python -m srm_build pages` does: every engine needs it (README, "Engines")."""
    for path in [*content_dir.rglob("*.yml"), *content_dir.rglob("*.yaml")]:
        page = path.with_suffix(".md")
        if not page.exists():
            page.write_text(f"```srm\n{path.name}\n```\n", encoding="utf-8")


def fixture_project(root: Path, extra: dict[str, Path] | None = None) -> Path:
    """A copy of the fixture site under `root` / "project", with the `extra` files copied
    into its content folder (content-relative name: source file) and the page beside each
    new YAML file written; returns its mkdocs.yml, which finds the theme overrides from
    there (the fixture's own relative path would lead nowhere)."""
    project = root / "project"
    shutil.copytree(FIXTURE_SITE, project)
    for name, source in (extra or {}).items():
        shutil.copy(source, project / "content" / name)
    write_pages(project / "content")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("custom_dir: ../../../overrides", f"custom_dir: {ROOT / 'overrides'}"),
        encoding="utf-8",
    )
    return config


def run_check(root: Path, *options: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    """`python -m srm_build check [options] content`, run in the project `root` the way a
    contributor runs it (messages name files relative to `root`); output kept as text."""
    return subprocess.run(
        [sys.executable, "-m", "srm_build", "check", *options, "content"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


ENGINES = ("mkdocs", "properdocs", "zensical")
"""The engines the same content builds on (README, "Engines"); mkdocs is the default."""

SELECTED_ENGINES = tuple(
    e for e in os.environ.get("SRM_ENGINES", ",".join(ENGINES)).split(",") if e in ENGINES
)
"""The engines the `engine_*_site` fixtures build with: all three, or those `SRM_ENGINES`
names (what `make test ENGINE=zensical` sets)."""

BIN = Path(sys.executable).parent


def engine_installed(engine: str) -> bool:
    return importlib.util.find_spec(engine) is not None


def build_with(engine: str, config_file: Path, site_dir: Path, site_url: str) -> Path:
    """Build a site the way `make build ENGINE=...` does, into `site_dir`.

    MkDocs builds in-process. ProperDocs builds in its own process (it redirects the
    `mkdocs` modules to its own). Zensical takes its output folder from the configuration
    and keeps a cache beside it, so it builds a copy of the configuration's folder, with
    the repository's theme overrides at the same relative place."""
    if engine == "mkdocs":
        return build_site(config_file, site_dir, site_url=site_url)
    env = {**os.environ, "SRM_SITE_URL": site_url}
    if engine == "properdocs":
        command = ["build", "--strict", "-f", str(config_file), "-d", str(site_dir)]
        _run([BIN / "properdocs", *command], env=env)
        return site_dir
    assert engine == "zensical", engine
    env["SRM_CHECKED"] = "1"  # as `make build` sets it: the check is the first step
    work = site_dir.parent / f"{site_dir.name}-project"
    relative = config_file.parent.relative_to(ROOT)
    project = work / relative
    shutil.copytree(ROOT / "overrides", work / "overrides")
    shutil.copytree(config_file.parent / "content", project / "content")
    shutil.copy(config_file, project / "mkdocs.yml")
    steps = [
        [BIN / "python", "-m", "srm_build", "check", "content"],
        [BIN / "zensical", "build", "--strict", "--clean", "-f", "mkdocs.yml"],
        [BIN / "python", "-m", "srm_build", "complete", "site", "content"],
    ]
    for step in steps:
        _run(step, env=env, cwd=project)
    if site_dir.exists():
        site_dir.rmdir()
    shutil.move(project / "site", site_dir)
    return site_dir


def _run(command: list, **options: object) -> None:
    done = subprocess.run(command, capture_output=True, text=True, **options)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_header(self, keyword: str, value: str) -> None:
        # Last-Modified has one-second resolution: a page rebuilt within the same second
        # would be answered 304 on reload, and the browser would show the old build. Without
        # it the browser refetches; the back/forward cache is unaffected (unlike no-store).
        if keyword != "Last-Modified":
            super().send_header(keyword, value)


def serve_folder(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `root` on 127.0.0.1 from a background thread; returns the server and its URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


class Site:
    """A built site on disk, the URL it is served at and the engine that built it, with
    parsed pages cached."""

    def __init__(self, root: Path, url: str, engine: str = "mkdocs") -> None:
        self.root = root
        self.url = url
        self.engine = engine
        self._soups: dict[str, BeautifulSoup] = {}

    def soup(self, path: str) -> BeautifulSoup:
        if path not in self._soups:
            html = (self.root / path).read_text(encoding="utf-8")
            self._soups[path] = BeautifulSoup(html, "html.parser")
        return self._soups[path]

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))

    @property
    def keeps_search_marks(self) -> bool:
        """Whether the published pages still carry `data-search-exclude`. Material's search
        reads the mark and leaves it in the page; Zensical removes it from the pages it
        writes once its index has left the element out (README, "Engines")."""
        return self.engine != "zensical"

    def search_documents(self) -> list[dict[str, str]]:
        """The engine's search index as documents with `location` (a page address relative
        to the site, with `#anchor` for a section), `title` and `text` (HTML). Material's
        search plugin writes `search/search_index.json`, Zensical `search.json`; both list a
        document per section, located the same way."""
        material = self.root / "search" / "search_index.json"
        if material.exists():
            docs = json.loads(material.read_text(encoding="utf-8"))["docs"]
        else:
            docs = json.loads((self.root / "search.json").read_text(encoding="utf-8"))["items"]
        return [{key: doc[key] for key in ("location", "title", "text")} for doc in docs]

    def search_text(self) -> str:
        """Every title and text in the search index, as one string of plain words."""
        html = " ".join(f"{doc['title']} {doc['text']}" for doc in self.search_documents())
        return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


@contextmanager
def served_build(config_file: Path, root: Path, prefix: str = "") -> Iterator[Site]:
    """Build a site for the address it is then served at (`root`, under `prefix`).

    The theme's instant navigation only takes over links whose host and port match the
    sitemap's, so the site is built for its real URL."""
    server, url = serve_folder(root)
    try:
        yield Site(build_site(config_file, root / prefix, site_url=url + prefix), url + prefix)
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The small fixture site (every content kind), built once and served on 127.0.0.1."""
    with served_build(FIXTURE_SITE / "mkdocs.yml", tmp_path_factory.mktemp("fixture")) as site:
        yield site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The published site, from the repository's own mkdocs.yml and content/, built once."""
    with served_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real")) as site:
        yield site


@contextmanager
def served_engine_build(engine: str, config_file: Path, root: Path) -> Iterator[Site]:
    """`config_file`'s site built by `engine` the way `make build ENGINE=...` does, served
    under the sub-path `site/` (as GitHub Pages serves a project site). An engine that is
    not installed fails the test: `make test` installs all three."""
    if not engine_installed(engine):
        pytest.fail(
            f"{engine} is not installed: `make test` installs every engine "
            f"(or: pip install -e '.[dev,{engine}]')",
            pytrace=False,
        )
    server, url = serve_folder(root)
    try:
        site_dir = build_with(engine, config_file, root / "site", url + "site/")
        yield Site(site_dir, url + "site/", engine)
    finally:
        server.shutdown()


@pytest.fixture(scope="session", params=SELECTED_ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each engine in turn. The `engine_*_site` fixtures depend on it, so a test that takes
    both sees one engine's two sites, and pytest runs every test of one engine before the
    next: each site is built once per engine per session."""
    return request.param


def _by_engine(request: pytest.FixtureRequest, engine: str, default: str, config: Path):
    if engine == "mkdocs":  # the default engine's build, shared with every other test
        yield request.getfixturevalue(default)
        return
    root = request.getfixturevalue("tmp_path_factory").mktemp(f"{default}-{engine}")
    with served_engine_build(engine, config, root) as site:
        yield site


@pytest.fixture(scope="session")
def engine_fixture_site(request: pytest.FixtureRequest, engine: str) -> Iterator[Site]:
    """The fixture site as each engine builds it: the HTML tests that hold on every engine
    take this instead of `fixture_site`."""
    yield from _by_engine(request, engine, "fixture_site", FIXTURE_SITE / "mkdocs.yml")


@pytest.fixture(scope="session")
def engine_real_site(request: pytest.FixtureRequest, engine: str) -> Iterator[Site]:
    """The published site as each engine builds it."""
    yield from _by_engine(request, engine, "real_site", ROOT / "mkdocs.yml")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks `engines` every test that runs on each engine's site, so that
    `make test ENGINE=zensical` runs just those (`-m engines`)."""
    for item in items:
        if "engine" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.engines)


@pytest.fixture(scope="session")
def fixture_url(fixture_site: Site) -> str:
    return fixture_site.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium, headless; Playwright cannot download its own browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def watch(page: Page, base_url: str) -> list[str]:
    """Collects console errors, page errors and requests off this server (which are refused)."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None,
    )

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith(base_url) or url.startswith("data:"):
            request_route.continue_()
        else:
            problems.append(f"outside request: {url}")
            request_route.abort()

    page.route("**/*", route)
    return problems


PHONE = {
    "viewport": {"width": 390, "height": 664},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
"""Context options of a phone, as the touch tests hold one."""


@contextmanager
def watched(page: Page, base_url: str) -> Iterator[Page]:
    """`page`, watched (`watch`) from the start; it must end without a problem."""
    problems = watch(page, base_url)
    yield page
    assert problems == []


@contextmanager
def fresh_pages(browser: Browser, base_url: str) -> Iterator[Callable[..., Page]]:
    """Makes pages in fresh contexts: `make(init_script=None, **options)`, with options such
    as a colour scheme, a phone (`PHONE`) or no JavaScript, each watched (`watch`); on exit,
    closes them, and every one must have ended without a problem."""
    made: list[tuple[BrowserContext, list[str]]] = []

    def make(init_script: str | None = None, **options) -> Page:
        context = browser.new_context(**options)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        made.append((context, watch(page, base_url)))
        return page

    yield make
    for context, problems in made:
        context.close()
        assert problems == []


def ready_form(scope: Page | Locator, selector: str) -> Locator:
    """The first element `selector` finds in `scope`, once its component says it is mounted
    (`data-srm-ready`)."""
    form = scope.locator(selector).first
    expect(form).to_have_attribute("data-srm-ready", "")
    return form


# ---------------------------------------------------------------- dragging (srm-drag.js)
# A drag in a test goes step by step as srm-drag.js shows it, never faster than the page:
# each step waits for the state the last one gave (the item lifted, dragging, the target lit
# under the pointer), so a busy main thread delays a drag but cannot reorder or lose it.

LIFTED = re.compile(r"\bsrm-lifted\b")
"""An item a finger held long enough (HOLD): it can be dragged now."""
DRAGGING = re.compile(r"\bsrm-dragging\b")
"""An item that moves with the pointer."""
OVER = re.compile(r"\bsrm-over\b")
"""The drop target under the dragged item."""
HOLD = 500  # ms: more than the hold that lifts an item (srm-drag.js)


def center(box: dict | None) -> tuple[float, float]:
    """The middle of a bounding box, in the window's CSS px."""
    assert box
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def clear_of_edges(page: Page, y: float) -> None:
    """Fails unless `y` is outside the window's top and bottom bands where a drag scrolls the
    page (srm-drag.js): a pointer held there would move the target away under it."""
    band = page.evaluate("Math.max(40, innerHeight / 8)")
    assert band < y < page.viewport_size["height"] - band, f"{y} is within {band} px of an edge"


def drag_with_the_mouse(page: Page, item: Locator, target: Locator, by: str) -> None:
    """Drags `item` (a sort or order item, mounted) by the middle of its part `by` (a
    selector: where the button goes down) onto the middle of `target` and lets go: a first
    move starts the drag, and the pointer goes on only once the item is dragging; the button
    goes up only once `target` is lit under it. Both places must be clear of the window's
    edges (`clear_of_edges`)."""
    target.scroll_into_view_if_needed()
    item.scroll_into_view_if_needed()
    x, y = center(item.locator(by).bounding_box())
    clear_of_edges(page, y)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 10, y)  # 6 px or more starts a drag
    expect(item).to_have_class(DRAGGING)
    x, y = center(target.bounding_box())
    clear_of_edges(page, y)
    page.mouse.move(x, y, steps=4)
    expect(target).to_have_class(OVER)
    page.mouse.up()
    expect(item).not_to_have_class(DRAGGING)


class Finger:
    """One finger on a touch screen, through the browser's own input pipeline (so the page
    pans, or not, as it would under a real finger)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.x = self.y = 0.0

    def _send(self, kind: str, points: list[dict]) -> None:
        self.cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    def down(self, x: float, y: float) -> None:
        self.x, self.y = x, y
        self._send("touchStart", [{"x": x, "y": y}])

    def move(self, x: float, y: float, steps: int = 8) -> None:
        x0, y0 = self.x, self.y
        for step in range(1, steps + 1):
            self.x, self.y = x0 + (x - x0) * step / steps, y0 + (y - y0) * step / steps
            self._send("touchMove", [{"x": self.x, "y": self.y}])

    def up(self) -> None:
        self._send("touchEnd", [])

    def hold(self, item: Locator) -> None:
        """Held still until `item` lifts (the page's clock, installed, moves on)."""
        self.page.clock.run_for(HOLD)
        expect(item).to_have_class(LIFTED)

    def drop(self, item: Locator, target: Locator) -> None:
        """`item`, lifted (`hold`), moved onto the middle of `target` and let go once it is
        dragging and `target` is lit under it."""
        x, y = center(target.bounding_box())
        clear_of_edges(self.page, y)
        self.move(x, y)
        expect(item).to_have_class(DRAGGING)
        expect(target).to_have_class(OVER)
        self.up()
        expect(item).not_to_have_class(LIFTED)


def stored(page: Page, key: str) -> dict:
    """What the site keeps in the page's localStorage under `key`, parsed ({} for nothing)."""
    raw = page.evaluate("key => localStorage.getItem(key)", key)
    return json.loads(raw) if raw else {}


@pytest.fixture
def reader(page: Page, fixture_url: str):
    """A page of the fixture site that fails the test on any console error, page error or
    request off this machine."""
    with watched(page, fixture_url):
        yield page


@pytest.fixture
def new_reader(browser: Browser, fixture_url: str):
    """Makes pages of the fixture site in fresh contexts (`fresh_pages`)."""
    with fresh_pages(browser, fixture_url) as make:
        yield make
