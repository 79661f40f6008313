"""Shared fixtures: the fixture site built once per session, and a browser pointed at it."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = Path(__file__).resolve().parent / "fixtures" / "site"
CHROMIUM = os.environ.get("SRM_CHROMIUM", "/usr/lib/chromium/chromium")


def build_site(config_file: Path, site_dir: Path, **overrides: object) -> Path:
    """Build an MkDocs site in-process, the way `mkdocs build --strict` would."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(
        config_file=str(config_file), site_dir=str(site_dir), strict=True, **overrides
    )
    build(config)
    return site_dir


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
    work = site_dir.parent / f"{site_dir.name}-project"
    relative = config_file.parent.relative_to(ROOT)
    project = work / relative
    shutil.copytree(ROOT / "overrides", work / "overrides")
    shutil.copytree(config_file.parent / "content", project / "content")
    shutil.copy(config_file, project / "mkdocs.yml")
    steps = [
        [BIN / "python", "-m", "srm_build", "check", "--engine", "zensical", "content"],
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
    """A built site on disk and the URL it is served at, with parsed pages cached."""

    def __init__(self, root: Path, url: str) -> None:
        self.root = root
        self.url = url
        self._soups: dict[str, BeautifulSoup] = {}

    def soup(self, path: str) -> BeautifulSoup:
        if path not in self._soups:
            html = (self.root / path).read_text(encoding="utf-8")
            self._soups[path] = BeautifulSoup(html, "html.parser")
        return self._soups[path]

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))


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


@pytest.fixture
def reader(page: Page, fixture_url: str):
    """A page of the fixture site that fails the test on any console error, page error or
    request off this machine."""
    problems = watch(page, fixture_url)
    yield page
    assert problems == []


@pytest.fixture
def new_reader(browser: Browser, fixture_url: str):
    """Makes pages in fresh contexts (options such as a colour scheme or an init script);
    every one must end without errors."""
    made: list[tuple[BrowserContext, list[str]]] = []

    def make(init_script: str | None = None, **options) -> Page:
        context = browser.new_context(**options)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        made.append((context, watch(page, fixture_url)))
        return page

    yield make
    for context, problems in made:
        context.close()
        assert problems == []
