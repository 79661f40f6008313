"""Lighthouse's mobile performance score of a quiz page and of the exam page (issue #18).

    python -m bench.lighthouse --runs 3          # builds the real site, prints JSON

The repository's own site (`mkdocs.yml`, `content/`) is built by a fresh `mkdocs build`
into a temporary folder and served on 127.0.0.1 from a thread, gzipped as GitHub Pages
serves it. `lighthouse@12.2.3` (pinned in bench/lighthouse/package-lock.json, installed
there with `npm ci`, never globally) runs on the machine's Node in its default mobile
configuration (simulated throttling: a slow 4G link and a 4x slower CPU) against the browser
tests' Chromium. Pages alternate (quiz, exam, quiz, exam, ...) and the score reported is the
median of the runs. Each run also says what the page loads: the bytes of its HTML document,
of any HTML it fetches, and of its scripts, uncompressed (what the browser parses).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench" / "lighthouse"
VERSION = "12.2.3"
CLI = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("SRM_CHROMIUM", "/usr/lib/chromium/chromium")
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    # As the browser tests start it (tests/conftest.py): no background traffic that would
    # compete with the page under test.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
PAGES = {"quiz": "data/quizzes/practice/", "exam": "exam/"}
"""The heaviest quiz page of the site (every practice question) and the exam page."""
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class LighthouseUnavailableError(RuntimeError):
    """Node, npm or Chromium is missing; the message says what to install."""


def node_version() -> str:
    """The version of `node` on PATH. Raises LighthouseUnavailableError when there is none."""
    node = shutil.which("node")
    if node is None:
        raise LighthouseUnavailableError(
            "node is not installed: the Lighthouse column needs Node 20 "
            "(Debian: apt-get install nodejs npm)"
        )
    return subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()


def install() -> Path:
    """Lighthouse's command line, installed from the lock file into bench/lighthouse/ on first
    use (`npm ci`: exactly the pinned versions). Raises LighthouseUnavailableError if it
    cannot be."""
    node_version()
    if not Path(CHROMIUM).exists():
        raise LighthouseUnavailableError(f"Chromium is missing at {CHROMIUM} (make chromium)")
    if CLI.is_file():
        return CLI
    npm = shutil.which("npm")
    if npm is None:
        raise LighthouseUnavailableError("npm is not installed (Debian: apt-get install npm)")
    command = [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"]
    done = subprocess.run(command, cwd=HERE, capture_output=True, text=True)
    if done.returncode != 0 or not CLI.is_file():
        raise LighthouseUnavailableError(f"npm ci in {HERE} failed:\n{done.stderr[-2000:]}")
    return CLI


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it, as GitHub Pages serves the site."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in self.COMPRESSIBLE):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `root` on a free 127.0.0.1 port from a daemon thread; the server and its URL."""
    handler = functools.partial(_GzipHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def build_site(site: Path, url: str) -> None:
    """The repository's site, built for the address it is served at (instant navigation only
    takes over links on the sitemap's host)."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml")]
    env = {**ENV, "SRM_SITE_URL": url}
    done = subprocess.run(
        [*command, "-d", str(site)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"building the site failed:\n{done.stderr[-3000:]}")


def loads(report: dict) -> dict:
    """Uncompressed bytes the page loads, by kind, from Lighthouse's network requests."""
    items = report["audits"]["network-requests"]["details"]["items"]
    found: dict = {"document_html_bytes": 0, "fetched_html_bytes": 0, "script_bytes": 0}
    found["largest_script"] = {"url": "", "bytes": 0}
    for item in items:
        size = item.get("resourceSize") or 0
        if item.get("resourceType") == "Script" and size > found["largest_script"]["bytes"]:
            path = item["url"].split("://", 1)[-1].split("/", 1)[-1]
            found["largest_script"] = {"url": path, "bytes": size}
        if item.get("resourceType") == "Document":
            found["document_html_bytes"] += size
        elif item.get("mimeType") == "text/html":
            found["fetched_html_bytes"] += size
        elif item.get("resourceType") == "Script":
            found["script_bytes"] += size
    return found


def run_once(cli: Path, url: str) -> dict:
    """One Lighthouse run (performance only, mobile defaults); its score, metrics and loads."""
    command = [
        *("node", str(cli), url, "--only-categories=performance"),
        *("--output=json", "--output-path=stdout", "--quiet"),
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    done = subprocess.run(
        command, env={**ENV, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {report['runtimeError']}")
    return {
        "score": report["categories"]["performance"]["score"],
        "metrics": {m: report["audits"][m]["numericValue"] for m in METRICS},
        "form_factor": report["configSettings"]["formFactor"],
        "version": report["lighthouseVersion"],
        **loads(report),
    }


def largest_pages(site: Path, count: int = 5) -> list[dict]:
    """The site's largest HTML files, uncompressed: what a visit to them parses."""
    sizes = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    largest = sorted(sizes, reverse=True)[:count]
    return [{"page": page, "html_bytes": size} for size, page in largest]


def measure(runs: int = 3, work: Path | None = None) -> dict:
    """Build and serve the site, then `runs` Lighthouse runs per page, alternating pages.
    Raises LighthouseUnavailableError when Node, npm or Chromium is missing."""
    cli = install()
    node = node_version()
    load_at_start = os.getloadavg()[0]
    folder = Path(tempfile.mkdtemp(prefix="srm-lighthouse-", dir=work))
    server, url = serve(folder)
    try:
        # Served from the folder, the site is at /site/, as under a project's Pages path.
        base = url + "site/"
        build_site(folder / "site", base)
        done: dict[str, list[dict]] = {name: [] for name in PAGES}
        for _ in range(runs):
            for name, path in PAGES.items():
                done[name].append(run_once(cli, base + path))
        largest = largest_pages(folder / "site")
    finally:
        server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)
    pages = {}
    for name, results in done.items():
        pages[name] = {
            "path": PAGES[name],
            "score_median": statistics.median(r["score"] for r in results),
            "scores": [r["score"] for r in results],
            "metrics_median": {
                m: statistics.median(r["metrics"][m] for r in results) for m in METRICS
            },
            **{
                key: results[0][key]
                for key in ("document_html_bytes", "fetched_html_bytes", "script_bytes")
            },
            "largest_script": results[0]["largest_script"],
        }
    first = next(iter(done.values()))[0]
    return {
        "lighthouse": first["version"],
        "node": node,
        "form_factor": first["form_factor"],
        "runs": runs,
        # The simulated 4x CPU slowdown multiplies what the trace measured: a busy machine
        # lowers the score, so the load is recorded with it.
        "load_average": [load_at_start, os.getloadavg()[0]],
        "chromium": CHROMIUM,
        "pages": pages,
        "largest_html_pages": largest,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.lighthouse", description=__doc__.split("\n\n", 1)[0]
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median)")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.runs), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
