"""`mkdocs serve` (what `make serve` runs) rebuilds when a YAML file changes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import FIXTURE_SITE, ROOT


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
