"""What a library would cost in `search_input` (srm_build/engines/mkdocs.py), whose
docstring quotes this: the elements marked `data-search-exclude` found by the stdlib's
`html.parser` (the only HTML parser in the dependencies, and the theme's search plugin's),
against the package's tag scanner, on the pages of a bench site as the search plugin gets
them.

    python -m bench.search_parse                      # 1,000 questions, 5 runs
    python -m bench.search_parse --questions 250 --repeat 3

It builds the site once (recording each page's content as `search_input` receives it),
checks that both finders set aside the same elements on every page, then prints the CPU
medians (`time.process_time`) of: the scanner, the parser finder, and the search plugin's
own parser over the pages whole and over what the scanner leaves it (their difference is
what setting the elements aside saves).
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

EXCLUDE = "data-search-exclude"


class ExcludedElements(HTMLParser):
    """The spans `(start, end)` of the outermost elements of `html` marked `EXCLUDE`, as
    `html.parser` reads them: an element ends at the end tag that balances its start tag's
    name, a void element with its start tag."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        from srm_build.engines.mkdocs import _VOID

        self.void = _VOID
        self.html = html
        self.lines = [0, *(m.end() for m in re.finditer("\n", html))]
        self.spans: list[tuple[int, int]] = []
        self.name: str | None = None
        self.depth = 0
        self.start = 0
        self.feed(html)
        self.close()

    def _at(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag == self.name and tag not in self.void
        elif any(key == EXCLUDE for key, _ in attrs):
            start = self._at()
            if tag in self.void:
                self.spans.append((start, start + len(self.get_starttag_text() or "")))
            else:
                self.name, self.depth, self.start = tag, 1, start

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.depth and any(key == EXCLUDE for key, _ in attrs):
            start = self._at()
            self.spans.append((start, start + len(self.get_starttag_text() or "")))

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == self.name:
            self.depth -= 1
            if not self.depth:
                self.spans.append((self.start, self.html.index(">", self._at()) + 1))


def parsed_input(html: str, marker: str) -> tuple[str, list[str]]:
    """What `search_input(html, marker)` returns, with the elements found by `html.parser`."""
    out: list[str] = []
    parts: list[str] = []
    done = 0
    for start, end in ExcludedElements(html).spans:
        out += [html[done:start], f"<!--{marker}:{len(parts)}-->"]
        parts.append(html[start:end])
        done = end
    if not parts:
        return html, parts
    out.append(html[done:])
    return "".join(out), parts


def pages_of(config_file: Path, site_dir: Path) -> list[str]:
    """Builds the site, and returns each page's content as `search_input` received it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import srm_build.engines.mkdocs as adapter

    seen: list[str] = []
    scanner = adapter.search_input

    def recording(html: str, marker: str) -> tuple[str, list[str]]:
        seen.append(html)
        return scanner(html, marker)

    adapter.search_input = recording
    try:
        build(load_config(str(config_file), site_dir=str(site_dir)))
    finally:
        adapter.search_input = scanner
    return seen


def _cpu_ms(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from material.plugins.search.plugin import Parser

    from bench.generate import write_all
    from srm_build.engines.mkdocs import search_input

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        config = write_all(args.questions, root, ("plugin",))["plugin"]
        pages = pages_of(config, root / "site")
    set_aside = 0
    for html in pages:
        scanned = search_input(html, "m")
        assert parsed_input(html, "m") == scanned, "the two finders disagree"
        set_aside += len(scanned[1])
    left = [search_input(html, "m")[0] for html in pages]

    def index(htmls: list[str]) -> None:
        for html in htmls:
            search = Parser()
            search.feed(html)
            search.close()

    scan = _cpu_ms(lambda: [search_input(html, "m") for html in pages], args.repeat)
    parse = _cpu_ms(lambda: [parsed_input(html, "m") for html in pages], args.repeat)
    whole = _cpu_ms(lambda: index(pages), args.repeat)
    rest = _cpu_ms(lambda: index(left), args.repeat)
    size = sum(map(len, pages)) / 1e6
    print(
        f"{args.questions} questions: {len(pages)} pages, {size:.1f} M characters, "
        f"{set_aside} elements set aside (the same by both finders)"
    )
    print(f"scanner {scan:.0f} ms; html.parser finder {parse:.0f} ms (CPU medians)")
    print(
        f"search plugin's parser: pages whole {whole:.0f} ms, without the set-aside "
        f"elements {rest:.0f} ms (saved {whole - rest:.0f} ms)"
    )


if __name__ == "__main__":
    main()
