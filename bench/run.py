"""The build benchmark: `make bench`, or `python -m bench.run --sizes 250,1000,4000 --repeat 3`.

For each size it generates the same questions three ways (see bench/generate.py), then
builds them in alternation (plugin, baseline, peer, check, plugin, baseline, ...), each
build a fresh `python -m mkdocs build` process, and reports medians. It also measures the
page weight of the client assets and of the HTML per question, one `mkdocs serve` reload at
the middle size, and profiles one plugin build there. It prints one table, writes it as
JSON (a timestamped file and latest.json) and always exits 0: it measures, it does not gate.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import gzip
import importlib.util
import itertools
import json
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.generate import QUESTIONS_PER_PAGE, paged, write_all

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "bench" / "results"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
DEFAULT_SIZES = "250,1000,4000"
"""Steps of 4x. At 8,000 questions (800 pages) one run of the three builds takes about
7 minutes here: the theme writes the whole navigation into every page, so the HTML of every
variant grows with pages squared. `--sizes 500,2000,8000` measures that scale too."""
GZIP_LEVEL = 6
"""What web servers commonly use (zlib's default)."""

# Targets (ratios from one run).
MAX_PLUGIN_OVER_BASELINE = 1.2
GROWTH_SLACK = 1.1
"""4x the questions may cost at most 4.4x the time."""
MAX_CHECK_SHARE = 0.10
MAX_ASSETS_GZIP = 8 * 1024


def peer_installed() -> bool:
    return importlib.util.find_spec("mkdocs_quiz") is not None


# --- running ---------------------------------------------------------------------------


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Run `command` to completion; its wall and CPU seconds. Raises if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-3000:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def build(config: Path, site: Path) -> tuple[float, float]:
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    return timed(command, cwd=config.parent)


OTHER_ENGINES = ("properdocs", "zensical")
"""Engines timed on the plugin variant's content besides MkDocs, when installed."""


def engines_installed() -> list[str]:
    return [e for e in OTHER_ENGINES if importlib.util.find_spec(e) is not None]


def build_engine(engine: str, config: Path, site: Path) -> tuple[float, float]:
    """One build of the plugin variant by another engine, the way `make build` runs it:
    ProperDocs as MkDocs is run; Zensical as its three steps (check, build, publish) added
    up, its cache cleaned each time (`--clean`), since every MkDocs build starts afresh."""
    if engine == "properdocs":
        shutil.rmtree(site, ignore_errors=True)
        command = [sys.executable, "-m", "properdocs", "build", "-q", "-f", str(config)]
        return timed([*command, "-d", str(site)], cwd=config.parent)
    out = config.parent / "site"  # Zensical writes where its configuration says
    shutil.rmtree(out, ignore_errors=True)
    steps = [
        [sys.executable, "-m", "srm_build", "check", "--engine", "zensical", "content"],
        [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config)],
        [sys.executable, "-m", "srm_build", "complete", "site", "content"],
    ]
    times = [timed(step, cwd=config.parent) for step in steps]
    shutil.rmtree(site, ignore_errors=True)
    shutil.move(out, site)
    return sum(t[0] for t in times), sum(t[1] for t in times)


def check(content: Path) -> tuple[float, float]:
    return timed([sys.executable, "-m", "srm_build", "check", str(content)], cwd=content.parent)


def check_startup(content: Path) -> tuple[float, float]:
    """What `check` costs before it reads a file: starting Python and importing what the
    command line imports (pydantic, the models), measured as `--help`."""
    return timed([sys.executable, "-m", "srm_build", "--help"], cwd=content.parent)


def summary(runs: list[tuple[float, float]]) -> dict:
    walls = [w for w, _ in runs]
    return {
        "median_s": statistics.median(walls),
        "min_s": min(walls),
        "max_s": max(walls),
        "cpu_median_s": statistics.median(c for _, c in runs),
        "runs_s": [round(w, 4) for w in walls],
    }


# --- page weight -----------------------------------------------------------------------

_INLINE = re.compile(r"<(script|style)\b(?![^>]*\bsrc=)[^>]*>(.*?)</\1>", re.DOTALL | re.IGNORECASE)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def html_bytes(site: Path, under: str = "") -> tuple[int, int, int]:
    """Total bytes, gzipped bytes and number of the HTML files under `site/under`."""
    files = sorted((site / under).rglob("*.html"))
    data = [f.read_bytes() for f in files]
    return sum(map(len, data)), sum(map(gz, data)), len(files)


def inline_bytes(page: Path) -> int:
    """Bytes of inline <script> and <style> content in one page."""
    return sum(len(m.group(2).encode()) for m in _INLINE.finditer(page.read_text("utf-8")))


def weight(sites: dict[str, Path], questions: int) -> dict:
    """HTML bytes of the quiz pages of each variant, and what each adds per question."""
    result: dict = {"questions": questions}
    for variant, site in sites.items():
        raw, zipped, count = html_bytes(site, "quizzes")
        total, total_gz, _ = html_bytes(site)
        first = next(iter(sorted((site / "quizzes").rglob("*.html"))))
        result[variant] = {
            "quiz_pages": count,
            "quiz_html_bytes": raw,
            "quiz_html_gzip_bytes": zipped,
            "site_html_bytes": total,
            "site_html_gzip_bytes": total_gz,
            "inline_script_style_bytes_per_page": inline_bytes(first),
        }
    base = result["baseline"]
    for variant in sites:
        if variant == "baseline":
            continue
        mine = result[variant]
        mine["added_html_bytes_per_question"] = (
            mine["quiz_html_bytes"] - base["quiz_html_bytes"]
        ) / questions
        mine["added_html_gzip_bytes_per_question"] = (
            mine["quiz_html_gzip_bytes"] - base["quiz_html_gzip_bytes"]
        ) / questions
        mine["added_inline_bytes_per_page"] = (
            mine["inline_script_style_bytes_per_page"] - base["inline_script_style_bytes_per_page"]
        )
    return result


def assets(plugin_site: Path | None) -> dict:
    """Bytes of the client scripts and stylesheet as published (minified), and whether pages
    link the script and stylesheet as files."""
    from srm_build import assets as srm_assets

    published = srm_assets.published()
    sizes = {
        uri.rsplit("/", 1)[1]: {"bytes": len(data), "gzip_bytes": gz(data)}
        for uri, data in published.items()
    }
    # What every page loads: the core, the stylesheet and the theme's boot scripts. Each
    # page adds one bundle of the components it uses; each component's own file (and the
    # explorer's stylesheet) is what the core fetches when instant navigation brings it.
    on_demand = set(sizes) - set(srm_assets.EVERY_PAGE)
    files = {name: size for name, size in sizes.items() if name not in on_demand}
    result = {
        "files": files,
        "bytes": sum(f["bytes"] for f in files.values()),
        "gzip_bytes": sum(f["gzip_bytes"] for f in files.values()),
        "gzip_level": GZIP_LEVEL,
        "on_demand": {name: sizes[name] for name in sorted(on_demand)},
    }
    if plugin_site is not None:
        page = next(iter(sorted((plugin_site / "quizzes").rglob("*.html"))))
        html = page.read_text("utf-8")
        linked = all(
            re.search(rf"""(src|href)="[^"]*{re.escape(uri)}["?]""", html)
            for uri in (srm_assets.SCRIPT, srm_assets.STYLESHEET)
        )
        served = all((plugin_site / uri).is_file() for uri in published)
        probe = published[srm_assets.SCRIPT].decode("utf-8").strip()[:200]
        result["external"] = linked and served and (probe not in html)
    return result


def peer_assets() -> dict | None:
    """mkdocs-quiz's own script and stylesheet (inlined into every page it processes)."""
    spec = importlib.util.find_spec("mkdocs_quiz")
    if spec is None or spec.origin is None:
        return None
    package = Path(spec.origin).parent
    files = {}
    for path in sorted([*package.glob("css/*.css"), *package.glob("js/**/*.js")]):
        data = path.read_bytes()
        files[path.relative_to(package).as_posix()] = {"bytes": len(data), "gzip_bytes": gz(data)}
    return {
        "files": files,
        "bytes": sum(f["bytes"] for f in files.values()),
        "gzip_bytes": sum(f["gzip_bytes"] for f in files.values()),
    }


# --- mkdocs serve ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, expect: str, timeout: float, interval: float = 0.05) -> float:
    """Poll `url` until its body contains `expect`; the time it took."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if expect in response.read().decode("utf-8", "replace"):
                    return time.perf_counter() - start
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(interval)
    raise TimeoutError(f"{url} did not show {expect!r} within {timeout:.0f} s")


_PROMPT = re.compile(r"^(\s*)prompt: .*$", re.MULTILINE)


def serve_reload(config: Path, edits: int, timeout: float = 600) -> dict:
    """Start `mkdocs serve`, then edit a question prompt `edits` times and time each
    change until the served page shows it."""
    first = paged("quizzes", "q", 1)
    quiz = config.parent / "content" / f"{first}.yml"
    original = quiz.read_text("utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/{first}/"
    command = [
        *(sys.executable, "-m", "mkdocs", "serve", "-q", "-f", str(config)),
        *("--dev-addr", f"127.0.0.1:{port}"),
    ]
    start = time.perf_counter()
    server = subprocess.Popen(
        command,
        cwd=config.parent,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    reloads: list[float] = []
    try:
        wait_for(url, "Practice set 1", timeout, interval=0.2)
        startup = time.perf_counter() - start
        for n in range(1, edits + 1):
            marker = f"Benchmark edit {n} {time.time_ns()}"
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            quiz.write_text(_PROMPT.sub(rf"\1prompt: {marker}?", original, count=1), "utf-8")
            reloads.append(wait_for(url, marker, timeout))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        quiz.write_text(original, "utf-8")
    return {
        "startup_s": startup,
        "reload_median_s": statistics.median(reloads),
        "reloads_s": [round(r, 4) for r in reloads],
        "edits": edits,
        "poll_interval_s": 0.05,
    }


# --- profile ---------------------------------------------------------------------------


def profile(config: Path, site: Path, out_dir: Path) -> dict:
    """Time by stage (no profiler), then the top functions from pyinstrument (cProfile if
    it is not installed) for one plugin build, each in a fresh process; to profile.txt."""

    def run(*args: str) -> dict:
        shutil.rmtree(site, ignore_errors=True)
        command = [sys.executable, "-m", "bench.profile_build", *args]
        result = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"profiling failed:\n{result.stderr[-3000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    hooks = run("hooks", str(config), str(site))
    mode = "pyinstrument" if importlib.util.find_spec("pyinstrument") else "cprofile"
    functions_txt = out_dir / "profile-functions.txt"
    prof = run(mode, str(config), str(site), str(functions_txt))
    tool = prof["tool"]
    text = [
        f"One plugin build at {config.parent.parent.name[1:]} questions ({tool}).",
        "",
        "== Time by stage, no profiler (seconds)",
        f"whole build (in-process, imports excluded): {hooks['build_s']:.2f}",
        *(f"srm plugin {name}: {value:.3f}" for name, value in hooks["hooks_s"].items()),
        f"srm plugin hooks, total: {hooks['hooks_total_s']:.3f} ({hooks['hooks_share']:.1%})",
        f"Markdown -> HTML of generated pages (Page.render): {hooks['render_generated_s']:.3f}",
        f"Markdown -> HTML of other pages: {hooks['render_other_s']:.3f}",
        f"theme template of generated pages (_build_page): {hooks['template_generated_s']:.3f}",
        f"theme template of other pages: {hooks['template_other_s']:.3f}",
        "",
        functions_txt.read_text("utf-8"),
    ]
    functions_txt.unlink()
    (out_dir / "profile.txt").write_text("\n".join(text), encoding="utf-8")
    return {
        "tool": tool,
        "stages": hooks,
        "top_cumulative": prof["top_cumulative"][:15],
        "top_own": prof["top_own"][:10],
        "srm_build": prof["srm_build"][:10],
        "profiled_s": prof["profiled_s"],
        "file": str(out_dir / "profile.txt"),
    }


# --- the run ---------------------------------------------------------------------------


def attempt(function, *args) -> dict:
    """A side measurement; its failure is reported in the results, not raised."""
    try:
        return function(*args)
    except Exception as exc:
        log(f"{function.__name__} failed: {exc}")
        return {"error": f"{type(exc).__name__}: {exc}"}


def git_state() -> dict:
    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return result.stdout.strip()

    return {"commit": git("rev-parse", "--short", "HEAD"), "dirty": bool(git("status", "-s"))}


def target(name: str, value: float, limit: float, ok: bool, unit: str = "") -> dict:
    return {"name": name, "value": value, "limit": limit, "pass": ok, "unit": unit}


def measure(args: argparse.Namespace, work: Path) -> dict:
    sizes: list[int] = args.sizes
    variants = ["plugin", "baseline"] + (["peer"] if peer_installed() else [])
    engines = engines_installed()
    results: dict = {
        "meta": {
            "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "sizes": sizes,
            "repeat": args.repeat,
            "warmup": args.warmup,
            "questions_per_page": QUESTIONS_PER_PAGE,
            "variants": variants,
            "engines": ["mkdocs", *engines],
            "peer": peer_version() or "not installed (pip install -e '.[bench]')",
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
            "load_average_at_start": os.getloadavg(),
            "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
            **git_state(),
        },
        "sizes": [],
    }
    middle = sizes[len(sizes) // 2]
    if args.warmup:
        # One untimed build of each variant first: fills the OS file cache, which would
        # otherwise land on the first timed build. The package is byte-compiled first, as
        # pip compiles what it installs (mkdocs, the theme and the peer are): under
        # PYTHONDONTWRITEBYTECODE nothing else writes srm_build's bytecode, and every timed
        # process would compile its modules from source.
        compileall.compile_dir(ROOT / "srm_build", quiet=1)
        log("warm-up builds (not timed)")
        configs = write_all(min(sizes), work / "warmup", tuple(variants))
        for variant in variants:
            build(configs[variant], work / "warmup" / f"site-{variant}")
        check(configs["plugin"].parent / "content")
        shutil.rmtree(work / "warmup", ignore_errors=True)
    for size in sizes:
        log(f"{size} questions: generating")
        configs = write_all(size, work / f"q{size}", tuple(variants))
        sites = {v: work / f"q{size}" / f"site-{v}" for v in variants}
        runs: dict[str, list[tuple[float, float]]] = {
            v: [] for v in [*variants, *engines, "check", "check_startup"]
        }
        for n in range(1, args.repeat + 1):
            for variant in variants:
                runs[variant].append(build(configs[variant], sites[variant]))
                log(f"{size} questions, run {n}: {variant} {runs[variant][-1][0]:.2f} s")
            for engine in engines:
                site = work / f"q{size}" / f"site-{engine}"
                runs[engine].append(build_engine(engine, configs["plugin"], site))
                log(f"{size} questions, run {n}: {engine} {runs[engine][-1][0]:.2f} s")
                shutil.rmtree(site, ignore_errors=True)
            runs["check"].append(check(configs["plugin"].parent / "content"))
            log(f"{size} questions, run {n}: check {runs['check'][-1][0]:.2f} s")
            runs["check_startup"].append(check_startup(configs["plugin"].parent / "content"))
        entry = {
            "questions": size,
            "quiz_pages": -(-size // QUESTIONS_PER_PAGE),
            "builds": {v: summary(runs[v]) for v in variants},
            # The same content (the plugin variant) built by each engine.
            "engines": {
                "mkdocs": summary(runs["plugin"]),
                **{e: summary(runs[e]) for e in engines},
            },
            "check": summary(runs["check"]),
            "check_startup": summary(runs["check_startup"]),
            "html": weight(sites, size),
        }
        results["sizes"].append(entry)
        if size == middle:
            results["assets"] = assets(sites["plugin"])
            if not args.no_serve:
                log(f"{size} questions: mkdocs serve, {args.repeat} edits")
                results["serve"] = {
                    "questions": size,
                    **attempt(serve_reload, configs["plugin"], args.repeat),
                }
            if not args.no_profile:
                log(f"{size} questions: profiling one plugin build")
                results["profile"] = {
                    "questions": size,
                    **attempt(profile, configs["plugin"], work / "profile-site", args.out),
                }
        if not args.keep:
            for site in sites.values():
                shutil.rmtree(site, ignore_errors=True)
    results["peer_assets"] = peer_assets()
    results["growth"] = growth(results["sizes"], variants)
    results["targets"] = targets(results)
    return results


def peer_version() -> str | None:
    if not peer_installed():
        return None
    from importlib.metadata import version

    return f"mkdocs-quiz {version('mkdocs-quiz')}"


def _ratio(a: dict, b: dict, key: str = "median_s") -> float:
    return a[key] / b[key] if b[key] else float("inf")


def targets(results: dict) -> list[dict]:
    """Each target from this run's wall-clock medians (CPU-time ratio alongside)."""
    found = []
    for entry in results["sizes"]:
        plugin, base = entry["builds"]["plugin"], entry["builds"]["baseline"]
        ratio = _ratio(plugin, base)
        found.append(
            target(
                f"plugin build / baseline build at {entry['questions']:,} questions",
                ratio,
                MAX_PLUGIN_OVER_BASELINE,
                ratio <= MAX_PLUGIN_OVER_BASELINE,
                "x",
            )
            | {"cpu_value": _ratio(plugin, base, "cpu_median_s")}
        )
    for step in results["growth"]:
        limit = step["size_ratio"] * GROWTH_SLACK
        found.append(
            target(
                f"plugin build time growth {step['from']:,} -> {step['to']:,} questions "
                f"({step['size_ratio']:g}x the questions)",
                step["plugin_time_ratio"],
                limit,
                step["plugin_time_ratio"] <= limit,
                "x",
            )
            | {"cpu_value": step["plugin_cpu_ratio"]}
        )
    for entry in results["sizes"]:
        plugin, checked = entry["builds"]["plugin"], entry["check"]
        share = _ratio(checked, plugin)
        found.append(
            target(
                f"check alone / plugin build at {entry['questions']:,} questions",
                share,
                MAX_CHECK_SHARE,
                share < MAX_CHECK_SHARE,
                "share",
            )
            | {"cpu_value": _ratio(checked, plugin, "cpu_median_s")}
        )
    assets_ = results["assets"]
    found.append(
        target(
            "client JS+CSS gzipped, every page",
            assets_["gzip_bytes"],
            MAX_ASSETS_GZIP,
            assets_["gzip_bytes"] < MAX_ASSETS_GZIP,
            "bytes",
        )
    )
    if "external" in assets_:
        found.append(
            target(
                "client JS+CSS served as external cached files",
                1.0 if assets_["external"] else 0.0,
                1.0,
                bool(assets_["external"]),
                "bool",
            )
        )
    return found


def growth(sizes: list[dict], variants: list[str]) -> list[dict]:
    """Time ratios between consecutive sizes, per variant, wall and CPU; and of the time
    the plugin adds over the baseline."""
    steps = []
    for a, b in itertools.pairwise(sizes):
        step: dict = {
            "from": a["questions"],
            "to": b["questions"],
            "size_ratio": b["questions"] / a["questions"],
        }
        for v in variants:
            step[f"{v}_time_ratio"] = _ratio(b["builds"][v], a["builds"][v])
            step[f"{v}_cpu_ratio"] = _ratio(b["builds"][v], a["builds"][v], "cpu_median_s")

        def added(e: dict) -> float:
            return e["builds"]["plugin"]["median_s"] - e["builds"]["baseline"]["median_s"]

        step["plugin_added_time_ratio"] = added(b) / added(a) if added(a) > 0 else None
        steps.append(step)
    return steps


# --- output ----------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _grid(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def engine_table(results: dict) -> list[str]:
    """Build time per engine on the same content, side by side (median wall, then CPU)."""
    engines = results["meta"].get("engines", ["mkdocs"])
    rows = [["questions", *(f"{e} s" for e in engines), *(f"{e}/mkdocs" for e in engines[1:])]]
    for e in results["sizes"]:
        times = e["engines"]
        row = [f"{e['questions']:,}"]
        row += [f"{times[n]['median_s']:.2f} ({times[n]['cpu_median_s']:.2f})" for n in engines]
        row += [f"{_ratio(times[n], times['mkdocs']):.2f}x" for n in engines[1:]]
        rows.append(row)
    return [
        "build time per engine, the plugin variant's content (median wall s, cpu s); "
        "zensical: check + build + publish",
        "",
        *_grid(rows),
        "",
    ]


def table(results: dict) -> str:
    meta = results["meta"]
    variants = meta["variants"]
    peer = "peer" in variants
    head = ["questions", "pages", "plugin s", "baseline s", *(["peer s"] if peer else [])]
    head += ["plugin/base", "(cpu)", "check s", "(startup s)", "check/plugin", "+HTML B/q plugin"]
    head += ["+HTML B/q peer"] if peer else []
    rows = [head]
    for e in results["sizes"]:
        b = e["builds"]
        row = [f"{e['questions']:,}", str(e["quiz_pages"])]
        row += [f"{b[v]['median_s']:.2f}" for v in variants]
        row += [
            f"{_ratio(b['plugin'], b['baseline']):.2f}x",
            f"{_ratio(b['plugin'], b['baseline'], 'cpu_median_s'):.2f}x",
            f"{e['check']['median_s']:.2f}",
            f"{e['check_startup']['median_s']:.2f}",
            f"{_ratio(e['check'], b['plugin']):.1%}",
            f"{e['html']['plugin']['added_html_bytes_per_question']:,.0f}",
        ]
        row += [f"{e['html']['peer']['added_html_bytes_per_question']:,.0f}"] if peer else []
        rows.append(row)
    out = [
        f"SRM build benchmark: median wall time of {meta['repeat']} fresh `mkdocs build` "
        f"processes per variant and size (cpu: user+sys of the same processes)",
        f"{meta['machine']}, Python {meta['python']}, commit {meta['commit']}"
        f"{' + local changes' if meta['dirty'] else ''}; peer: {meta['peer']}; load average "
        f"{meta['load_average_at_start'][0]:.1f} at start, {meta['load_average_at_end'][0]:.1f} "
        f"at end",
        "",
        *_grid(rows),
        "",
        *engine_table(results),
    ]
    for step in results["growth"]:
        ratios = ", ".join(
            f"{v} {step[f'{v}_time_ratio']:.2f}x (cpu {step[f'{v}_cpu_ratio']:.2f}x)"
            for v in variants
        )
        added = step.get("plugin_added_time_ratio")
        extra = f"; time the plugin adds over baseline {added:.2f}x" if added else ""
        out.append(
            f"growth {step['from']:,} -> {step['to']:,} questions ({step['size_ratio']:g}x): "
            f"{ratios}{extra}"
        )
    a = results["assets"]
    files = ", ".join(
        f"{name} {f['bytes']:,} B ({f['gzip_bytes']:,} gz)" for name, f in a["files"].items()
    )
    external = {True: "linked as external files", False: "NOT external", None: "not checked"}[
        a.get("external")
    ]
    later = ", ".join(
        f"{name} {f['bytes']:,} B ({f['gzip_bytes']:,} gz)" for name, f in a["on_demand"].items()
    )
    out.append(
        f"client assets on every page: {files}; total {a['bytes']:,} B, {a['gzip_bytes']:,} B "
        f"gzipped (level {a['gzip_level']}), {external}; on the exam and review pages only: "
        f"{later}"
    )
    last = results["sizes"][-1]["html"]
    if peer and results.get("peer_assets"):
        p = results["peer_assets"]
        inline = last["peer"]["added_inline_bytes_per_page"]
        out.append(
            f"peer assets: {p['bytes']:,} B ({p['gzip_bytes']:,} gz), inlined: every page "
            f"carries {inline:,} B more <script>/<style> than the baseline's"
        )
    html_line = (
        f"quiz-page HTML at {last['questions']:,} questions: baseline "
        f"{last['baseline']['quiz_html_bytes']:,} B, plugin {last['plugin']['quiz_html_bytes']:,} B"
        f" (+{last['plugin']['added_html_gzip_bytes_per_question']:,.0f} B/q gzipped)"
    )
    if peer:
        html_line += (
            f", peer {last['peer']['quiz_html_bytes']:,} B"
            f" (+{last['peer']['added_html_gzip_bytes_per_question']:,.0f} B/q gzipped)"
        )
    out.append(html_line)
    for side in ("serve", "profile"):
        if "error" in results.get(side, {}):
            out.append(f"{side}: failed: {results[side]['error']}")
    if "reload_median_s" in results.get("serve", {}):
        s = results["serve"]
        out.append(
            f"mkdocs serve at {s['questions']:,} questions: first page after "
            f"{s['startup_s']:.1f} s; an edited prompt shows after "
            f"{s['reload_median_s']:.2f} s (median of {s['edits']})"
        )
    if "stages" in results.get("profile", {}):
        st = results["profile"]["stages"]
        out.append(
            f"profile at {results['profile']['questions']:,} questions: srm hooks "
            f"{st['hooks_total_s']:.2f} s of {st['build_s']:.2f} s in-process build "
            f"({st['hooks_share']:.0%}); see {results['profile']['file']}"
        )
    out.append(
        "check: the whole `python -m srm_build check` process; (startup s) is the part spent "
        "starting Python and importing (`python -m srm_build --help`), before any content is read"
    )
    out += ["", "targets (wall-clock medians; cpu ratio in brackets):"]
    for t in results["targets"]:
        value, cpu = t["value"], t.get("cpu_value")
        if t["unit"] == "bytes":
            shown = f"{value:,.0f} B (limit < {t['limit']:,.0f} B)"
        elif t["unit"] == "share":
            shown = f"{value:.1%} [cpu {cpu:.1%}] (limit < {t['limit']:.0%})"
        elif t["unit"] == "bool":
            shown = "yes" if t["pass"] else "no"
        else:
            shown = f"{value:.2f}x [cpu {cpu:.2f}x] (limit {t['limit']:.2f}x)"
        out.append(f"  {'PASS' if t['pass'] else 'FAIL'}  {t['name']}: {shown}")
    return "\n".join(out)


def parse_sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError("sizes are positive numbers of questions, e.g. 500,2000")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.split("\n\n", 1)[0]
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=parse_sizes(DEFAULT_SIZES),
        help=f"numbers of questions, comma-separated (default {DEFAULT_SIZES})",
    )
    parser.add_argument("--repeat", type=int, default=3, help="builds per variant and size")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="results folder (default bench/results)"
    )
    parser.add_argument("--work", type=Path, help="where to generate and build (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument(
        "--no-warmup", dest="warmup", action="store_false", help="skip the untimed warm-up"
    )
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve reload")
    parser.add_argument("--no-profile", action="store_true", help="skip the profile")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    if not peer_installed():
        log("mkdocs-quiz is not installed: skipping the peer (pip install -e '.[bench]')")
    work = args.work.resolve() if args.work else Path(tempfile.mkdtemp(prefix="srm-bench-"))
    try:
        results = measure(args, work)
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    results["meta"]["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    results["meta"]["load_average_at_end"] = os.getloadavg()
    text = table(results)
    results["table"] = text
    print(text)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    payload = json.dumps(results, indent=2, default=str) + "\n"
    (args.out / f"bench-{stamp}.json").write_text(payload, encoding="utf-8")
    (args.out / "latest.json").write_text(payload, encoding="utf-8")
    (args.out / "latest.txt").write_text(text + "\n", encoding="utf-8")
    log(f"wrote {args.out / 'latest.json'} and bench-{stamp}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
