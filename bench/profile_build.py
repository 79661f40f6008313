"""One in-process `mkdocs build`, timed by plugin hook or profiled; run by `bench.run`.

    python -m bench.profile_build hooks CONFIG SITE_DIR            # JSON on stdout
    python -m bench.profile_build cprofile CONFIG SITE_DIR OUT.txt # JSON on stdout
    python -m bench.profile_build pyinstrument CONFIG SITE_DIR OUT.txt

`hooks` wraps the `srm` plugin's hooks with timers (no profiler overhead) and prints the
seconds spent in each next to the whole build's. `pyinstrument` (sampling) and `cprofile`
(deterministic, slower) write the top functions by cumulative and by own time; pyinstrument
adds its call tree. Each is a fresh process.
"""

from __future__ import annotations

import cProfile
import functools
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

HOOKS = ("on_config", "on_files", "on_page_markdown")
TOP = 40


def _build(config_file: str, site_dir: str) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(config_file=config_file, site_dir=site_dir))


def hooks(config_file: str, site_dir: str) -> dict:
    """Seconds in each hook of the srm plugin, and of the whole build (imports excluded)."""
    from srm_build.engines.mkdocs import SrmPlugin

    spent: dict[str, float] = dict.fromkeys(HOOKS, 0.0)
    for name in HOOKS:
        original = getattr(SrmPlugin, name)

        def timed(*args, __original=original, __name=name, **kwargs):
            start = time.perf_counter()
            try:
                return __original(*args, **kwargs)
            finally:
                spent[__name] += time.perf_counter() - start

        setattr(SrmPlugin, name, functools.wraps(original)(timed))
    import mkdocs.commands.build as build_module
    from mkdocs.structure.pages import Page

    # Markdown to HTML (Page.render) and the theme template (_build_page) of each page,
    # split between the pages the plugin generates and the others.
    pages: dict[str, float] = {"render_generated_s": 0.0, "render_other_s": 0.0}
    pages |= {"template_generated_s": 0.0, "template_other_s": 0.0}
    original_render = Page.render
    original_build_page = build_module._build_page

    def generated(page: Page) -> bool:
        return page.file.generated_by is not None and page.file.src_uri.endswith(".md")

    def render(page: Page, *args, **kwargs):
        start = time.perf_counter()
        try:
            return original_render(page, *args, **kwargs)
        finally:
            key = "render_generated_s" if generated(page) else "render_other_s"
            pages[key] += time.perf_counter() - start

    def build_page(page: Page, *args, **kwargs):
        start = time.perf_counter()
        try:
            return original_build_page(page, *args, **kwargs)
        finally:
            key = "template_generated_s" if generated(page) else "template_other_s"
            pages[key] += time.perf_counter() - start

    Page.render = render  # type: ignore[method-assign]
    build_module._build_page = build_page

    start = time.perf_counter()
    _build(config_file, site_dir)
    total = time.perf_counter() - start
    hooks_total = sum(spent.values())
    return {
        "build_s": total,
        "hooks_s": {name: round(value, 4) for name, value in spent.items()},
        "hooks_total_s": hooks_total,
        "hooks_share": hooks_total / total if total else 0.0,
        **{name: round(value, 4) for name, value in pages.items()},
    }


def _function_name(key: tuple[str, int, str]) -> str:
    filename, line, name = key
    for marker in ("site-packages/", "/srm_build/", "/lib/python"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            if marker == "/srm_build/":
                filename = "srm_build/" + filename
            break
    return f"{filename}:{line}({name})" if line else name


def _report(tool: str, total: float, rows: list[dict], out: Path, tree: str = "") -> dict:
    """Write the top functions (and a call tree, if any) to `out`; the same as data."""
    for r in rows:
        r["share"] = round(r["cumulative_s"] / total, 4) if total else 0.0
    by_cumulative = sorted(rows, key=lambda r: r["cumulative_s"], reverse=True)
    by_own = sorted(rows, key=lambda r: r["own_s"], reverse=True)
    srm = [r for r in by_cumulative if r["function"].startswith("srm_build/")]
    buffer = io.StringIO()
    buffer.write(f"{tool}: one plugin build, {total:.2f} s under the profiler\n\n")
    for title, chosen in (
        ("Top functions by cumulative time", by_cumulative[:TOP]),
        ("Top functions by own time", by_own[:TOP]),
        ("srm_build functions by cumulative time", srm[:TOP]),
    ):
        buffer.write(
            f"== {title}\n{'cumul s':>9} {'share':>6} {'own s':>8} {'calls':>9}  function\n"
        )
        for r in chosen:
            calls = "" if r["calls"] is None else r["calls"]
            buffer.write(
                f"{r['cumulative_s']:9.3f} {r['share']:6.1%} {r['own_s']:8.3f} "
                f"{calls:>9}  {r['function']}\n"
            )
        buffer.write("\n")
    if tree:
        buffer.write(f"== {tool} call tree\n{tree}")
    out.write_text(buffer.getvalue(), encoding="utf-8")
    return {
        "tool": tool,
        "profiled_s": total,
        "top_cumulative": by_cumulative[:TOP],
        "top_own": by_own[:20],
        "srm_build": srm[:20],
    }


def cprofile(config_file: str, site_dir: str, out: Path) -> dict:
    import mkdocs.commands.build  # noqa: F401

    profiler = cProfile.Profile()
    profiler.enable()
    _build(config_file, site_dir)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = max((entry[3] for entry in stats.values()), default=0.0)
    rows = [
        {
            "function": _function_name(key),
            "calls": entry[1],
            "own_s": round(entry[2], 4),
            "cumulative_s": round(entry[3], 4),
        }
        for key, entry in stats.items()
    ]
    return _report("cProfile", total, rows, out)


def pyinstrument(config_file: str, site_dir: str, out: Path) -> dict:
    """A sampling profile: low overhead, so shares are close to an unprofiled build's.
    Cumulative time per function counts each stack once (recursion is not doubled)."""
    import mkdocs.commands.build  # noqa: F401
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    _build(config_file, site_dir)
    profiler.stop()
    root = profiler.last_session.root_frame() if profiler.last_session else None
    cumulative: dict[tuple, float] = {}
    own: dict[tuple, float] = {}
    pending = [(root, frozenset())] if root is not None else []
    while pending:
        frame, above = pending.pop()
        key = (frame.file_path or "", frame.line_no or 0, frame.function or "?")
        if not frame.is_synthetic:
            if key not in above:
                cumulative[key] = cumulative.get(key, 0.0) + frame.time
            own[key] = own.get(key, 0.0) + frame.total_self_time
            above = above | {key}
        pending.extend((child, above) for child in frame.children)
    rows = [
        {
            "function": _function_name(key),
            "calls": None,
            "own_s": round(own.get(key, 0.0), 4),
            "cumulative_s": round(value, 4),
        }
        for key, value in cumulative.items()
    ]
    total = root.time if root is not None else 0.0
    tree = profiler.output_text(unicode=False, color=False, show_all=False)
    return _report("pyinstrument", total, rows, out, tree)


def main(argv: list[str]) -> int:
    mode, config_file, site_dir, *rest = argv
    if mode == "hooks":
        result = hooks(config_file, site_dir)
    elif mode == "cprofile":
        result = cprofile(config_file, site_dir, Path(rest[0]))
    elif mode == "pyinstrument":
        result = pyinstrument(config_file, site_dir, Path(rest[0]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
