"""`make serve ENGINE=zensical`: build, serve, and rebuild and reload on every edit.

`zensical serve` cannot be used as it is: it rebuilds a page when its Markdown changes, but
a YAML file's page is a block naming the file, which does not change when the YAML does;
it runs none of the steps around the build (`check`, `complete`); and its reload script is
inline, which the site's Content Security Policy (script-src 'self') blocks. So this runs
the build command that `make build ENGINE=zensical` runs, once, then again after every
change under the watched paths (watchdog, which MkDocs' own server uses too), and serves
the built folder. A failed build prints its located errors and leaves the site served as
it was. Into each HTML page it serves (never into the built files) it adds a script from
this server (so 'self' allows it) that reloads the page when a new build is in place.

Usage: `python -m srm_build.engines.zensical_serve [--addr HOST:PORT] [--root site]
[--watch PATH]... -- BUILD COMMAND...`
"""

from __future__ import annotations

import argparse
import http.server
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

PREFIX = "/.srm-serve/"
"""Where this server answers for itself (the reload script and the build number) rather
than serving a file of the site."""

RELOAD_SCRIPT = b"""// From `make serve ENGINE=zensical`: reloads the page once a newer build is in.
(function () {
  if (window.srmServeReload) return;  // once per document, across instant navigation
  window.srmServeReload = true;
  var build = Number(document.currentScript.dataset.build);
  function wait() {
    fetch("/.srm-serve/build?after=" + build, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (text) { if (Number(text) > build) location.reload(); else wait(); })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
"""

SETTLE = 0.2
"""Seconds without an edit before a build starts."""

CHANGES = {"created", "modified", "deleted", "moved"}
"""The watchdog events that are edits (building opens and reads files, which are not)."""


class Builds:
    """The number of the builds in place so far; readers wait for the next one."""

    def __init__(self) -> None:
        self.number = 0
        self._changed = threading.Condition()

    def done(self) -> None:
        with self._changed:
            self.number += 1
            self._changed.notify_all()

    def after(self, number: int, timeout: float) -> int:
        """The build number once it is past `number`, or after `timeout` seconds as it is
        (a long poll: the browser asks again)."""
        with self._changed:
            self._changed.wait_for(lambda: self.number > number, timeout=timeout)
            return self.number


class Rebuilder(FileSystemEventHandler):
    """Runs the build command on every edit under the watched paths, one build at a time;
    edits made during a build cause one more build after it."""

    def __init__(self, command: list[str], builds: Builds, watched: list[Path]) -> None:
        self.command = command
        self.builds = builds
        self.watched = [path.resolve() for path in watched]
        self._pending = threading.Event()

    def build(self) -> bool:
        ok = subprocess.run(self.command, check=False).returncode == 0
        if ok:
            self.builds.done()
        return ok

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGES:
            return
        paths = [event.src_path, getattr(event, "dest_path", "") or event.src_path]
        for raw in paths:
            path = Path(str(raw)).resolve()
            if any(path == root or root in path.parents for root in self.watched):
                self._pending.set()
                return

    def run_forever(self) -> None:
        while True:
            self._pending.wait()
            # One save is often several events (truncate, write, rename): build once they
            # have stopped for a moment, as MkDocs' server does, not on a half-written file.
            self._pending.clear()
            while self._pending.wait(SETTLE):
                self._pending.clear()
            print("A watched file changed: building again", file=sys.stderr, flush=True)
            if not self.build():
                print("The build failed; the site served is the last one built", file=sys.stderr)


def handler(root: Path, builds: Builds) -> type[http.server.SimpleHTTPRequestHandler]:
    """A request handler serving `root` as it is at each request (a new build replaces the
    folder), with the reload script added to HTML pages."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == PREFIX + "reload.js":
                self._send(RELOAD_SCRIPT, "text/javascript")
            elif url.path == PREFIX + "build":
                after = parse_qs(url.query).get("after", ["0"])[0]
                number = builds.after(int(after) if after.isdigit() else 0, timeout=25)
                self._send(str(number).encode(), "text/plain")
            else:
                page = Path(self.translate_path(url.path))
                if page.is_dir() and url.path.endswith("/"):
                    page = page / "index.html"
                if page.suffix == ".html" and page.is_file():
                    self._send(self._with_script(page.read_bytes()), "text/html; charset=utf-8")
                else:
                    super().do_GET()

        def _with_script(self, html: bytes) -> bytes:
            tag = f'<script src="{PREFIX}reload.js" data-build="{builds.number}"></script>'
            at = html.rfind(b"</body>")
            at = len(html) if at < 0 else at
            return html[:at] + tag.encode() + html[at:]

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m srm_build.engines.zensical_serve",
        description="Build, serve, and rebuild and reload on every edit.",
    )
    parser.add_argument("--addr", default="127.0.0.1:8000", help="HOST:PORT to serve on")
    parser.add_argument("--root", default=Path("site"), type=Path, help="the built site")
    parser.add_argument(
        "--watch",
        action="append",
        type=Path,
        default=[],
        help="a file or folder whose edits rebuild the site (repeatable)",
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- the build command")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the build command after --")
    watched = [path for path in args.watch if path.exists()]
    builds = Builds()
    rebuilder = Rebuilder(command, builds, watched)
    if not rebuilder.build():
        return 1
    observer = Observer()
    for path in watched:
        folder = path if path.is_dir() else path.parent
        observer.schedule(rebuilder, str(folder), recursive=path.is_dir())
    observer.start()
    threading.Thread(target=rebuilder.run_forever, daemon=True).start()
    host, _, port = args.addr.rpartition(":")
    server = http.server.ThreadingHTTPServer(
        (host, int(port)), handler(args.root.resolve(), builds)
    )
    server.daemon_threads = True
    print(f"Serving {args.root.as_posix()}/ on http://{args.addr}/", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
