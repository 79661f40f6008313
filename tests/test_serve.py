"""`make serve` rebuilds when a YAML or Markdown file changes: `mkdocs serve` by default,
and with ENGINE=zensical the package's server around `make build` (browser reload too)."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import FIXTURE_SITE, ROOT, SELECTED_ENGINES, engine_installed, watch


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str, deadline: float, expect: str) -> str:
    """The page at `url` once it contains `expect`, polling until `deadline`."""
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode()
            if expect in text:
                return text
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {expect!r}; last seen:\n{text[:500]}")


def test_editing_yaml_rebuilds_the_served_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, site)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../overrides", str(ROOT / "overrides")))
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=site,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/glossary/"
        _fetch(url, time.monotonic() + 60, "keeps them apart")
        glossary = site / "content" / "glossary.yml"
        glossary.write_text(
            glossary.read_text().replace("keeps them apart", "keeps every guest isolated")
        )
        _fetch(url, time.monotonic() + 60, "keeps every guest isolated")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _zensical_project(tmp_path: Path) -> Path:
    """The fixture site as a project `make serve ENGINE=zensical` runs in, with the
    repository's Makefile and this Python (its install stamps in place)."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE_SITE, project)
    config = project / "mkdocs.yml"
    text = config.read_text().replace("../../../overrides", str(ROOT / "overrides"))
    config.write_text(text + "site_dir: !ENV [SRM_SITE_DIR, site]\n")
    (project / "pyproject.toml").write_text("")
    os.utime(project / "pyproject.toml", (0, 0))
    (project / ".stamp").write_text("")
    return project


def _build_after(base: str, number: int) -> int:
    """The server's build number once it is past `number` (the server holds the request
    until a build is in place, or answers the same number after a while)."""
    with urllib.request.urlopen(f"{base}.srm-serve/build?after={number}", timeout=60) as answer:
        return int(answer.read())


def _wait_for_line(process: subprocess.Popen, start: str) -> None:
    """Reads the process's standard error until a line starts with `start`; fails if the
    process ends first, or says nothing for ten minutes (a hang, not a slow machine)."""
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    seen: list[str] = []
    while (line := lines.get(timeout=600)) is not None:
        seen.append(line)
        if line.startswith(start):
            return
    raise AssertionError(f"never said {start!r}:\n{''.join(seen)[-3000:]}")


@pytest.mark.browser
@pytest.mark.parametrize("engine", [e for e in SELECTED_ENGINES if e == "zensical"])
def test_zensical_serve_rebuilds_and_reloads_on_edits(
    tmp_path: Path, page: Page, engine: str
) -> None:
    # Marked `engines` by its `engine` (conftest.py): `make test ENGINE=zensical` runs it.
    assert engine_installed(engine), f"{engine} is not installed: run `make test`"
    project = _zensical_project(tmp_path)
    port = _free_port()
    command = [
        "make",
        "--no-print-directory",
        "-f",
        str(ROOT / "Makefile"),
        "-C",
        str(project),
        "serve",
        "ENGINE=zensical",
        f"BIN={Path(sys.executable).parent}",
        "STAMP=.stamp",
        "ENGINE_STAMP=.stamp",
        f"ADDR=127.0.0.1:{port}",
    ]
    server = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # make and the server it starts, ended together below
    )
    try:
        _wait_for_line(server, "Serving site/")  # the first build is in place and served
        base = f"http://127.0.0.1:{port}/"
        problems = watch(page, base)
        page.goto(base + "glossary/")
        article = page.locator("article")
        expect(article).to_contain_text("keeps them apart")
        # A YAML edit: the page the browser shows reloads itself with the new text, under
        # the site's Content Security Policy (the reload script comes from the server).
        glossary = project / "content" / "glossary.yml"
        glossary.write_text(
            glossary.read_text().replace("keeps them apart", "keeps every guest isolated")
        )
        expect(article).to_contain_text("keeps every guest isolated", timeout=180_000)
        assert problems == []
        # A Markdown edit, read as served once a later build is in place.
        number = _build_after(base, 0)
        network = project / "content" / "network.md"
        network.write_text(network.read_text() + "\nA sentence added while serving.\n")
        html = ""
        while "A sentence added while serving." not in html:
            number = _build_after(base, number)
            with urllib.request.urlopen(base + "network/", timeout=60) as answer:
                html = answer.read().decode()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
