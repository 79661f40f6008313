"""The build benchmark: `make bench`, or `python -m bench.run --sizes 10,250,1000 --repeat 3`.

Every column of issue #18, as ratios from one run (bench/README.md says what each includes):
for each size it generates the same questions three ways (see bench/generate.py) and builds
them in alternation (plugin, plain, peer, then the same for each other engine), each build a
fresh process, and reports medians of CPU time (user + sys). Before the sizes come the fixed
cost (each variant on an empty content tree) and `check` on the real content against
`check-jsonschema` with the project's own schemas. At the size nearest 1,000 it times a
`mkdocs serve` reload after one edited question, plugin against plain, and profiles one
plugin build; last, Lighthouse scores a quiz page and the exam page of the real site. It
prints one table, writes it as JSON and always exits 0: it measures, it does not gate.
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

from bench import lighthouse
from bench.generate import QUESTIONS_PER_PAGE, paged, write_all, write_empty

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "bench" / "results"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
DEFAULT_SIZES = "10,250,1000,4000"
"""The sizes issue #18 names. At 4,000 questions one round of every engine and variant takes
about a minute and a half here; `--sizes 10,250,1000` leaves it out."""
SMALL_REPEAT = 5
"""Runs (`--small-repeat`) of what takes well under a second (the empty tree, `check` on the
real content): the differences that matter there are a few hundredths of a second."""
GZIP_LEVEL = 6
"""What web servers commonly use (zlib's default)."""
SERVE_SIZE = 1000
"""`mkdocs serve` is timed at the size nearest this one."""

# Targets of issue #18, on CPU-time medians of one run.
MAX_OVER_PLAIN = ((1000, 1.0), (250, 1.05))
"""(from this many questions, the most a plugin build may cost over plain Markdown)."""
MAX_OVER_PEER = 0.9
MAX_FIXED_COST_S = 0.15
MAX_CHECK_S = 0.2
MAX_CHECK_OVER_SCHEMA = 0.25
MAX_SERVE_OVER_PLAIN = 1.0
MIN_LIGHTHOUSE = 0.95
MAX_ASSETS_GZIP = 8 * 1024

VARIANT_NAMES = {"plugin": "plugin", "baseline": "plain", "peer": "peer"}
"""The generator's folder names and how the tables name them."""
OTHER_ENGINES = ("properdocs", "zensical")
"""Engines timed besides MkDocs, when installed."""


def peer_installed() -> bool:
    return importlib.util.find_spec("mkdocs_quiz") is not None


def engines_installed() -> list[str]:
    return [e for e in OTHER_ENGINES if importlib.util.find_spec(e) is not None]


def engine_variants(engine: str, variants: list[str]) -> list[str]:
    """The variants an engine builds: Zensical runs no MkDocs plugin, so not the peer."""
    return [v for v in variants if not (engine == "zensical" and v == "peer")]


# --- running ---------------------------------------------------------------------------


def timed(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Run `command` to completion (in `env`, default `ENV`); its wall and CPU seconds (user
    + sys of the process and every child it waited for). Raises if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env or ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-3000:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def build(engine: str, variant: str, config: Path, site: Path) -> tuple[float, float]:
    """One fresh build of `variant` by `engine`, the way `make build` runs it; wall and CPU s.

    MkDocs and ProperDocs are one `build -q` process. Zensical runs no plugin, so the plugin
    variant is its three steps added up (`check`, `zensical build`, then
    `complete`), and the plain variant is `zensical build` alone; its cache is cleaned each
    time (`--clean`), since every MkDocs build starts afresh too."""
    shutil.rmtree(site, ignore_errors=True)
    if engine != "zensical":
        command = [sys.executable, "-m", engine, "build", "-q", "-f", str(config), "-d", str(site)]
        return timed(command, cwd=config.parent)
    out = config.parent / "site"  # Zensical writes where its configuration says
    shutil.rmtree(out, ignore_errors=True)
    steps = [[sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config)]]
    if variant == "plugin":
        steps.insert(0, [sys.executable, "-m", "srm_build", "check", "content"])
        steps.append([sys.executable, "-m", "srm_build", "complete", "site", "content"])
    times = [timed(step, cwd=config.parent) for step in steps]
    shutil.move(out, site)
    return sum(t[0] for t in times), sum(t[1] for t in times)


def check(content: Path) -> tuple[float, float]:
    """The whole `python -m srm_build check` process on `content`."""
    return timed([sys.executable, "-m", "srm_build", "check", str(content)], cwd=content.parent)


def check_startup(content: Path) -> tuple[float, float]:
    """What `check` costs before it reads a file: starting Python and importing what the
    command line imports, measured as `--help`."""
    return timed([sys.executable, "-m", "srm_build", "--help"], cwd=content.parent)


SCHEMA = ROOT / "schemas" / "content.schema.json"


def check_jsonschema(files: list[Path]) -> tuple[float, float]:
    """`check-jsonschema` on `files` with the schema the editors use for every content file,
    with its default regex dialect (ECMAScript, unicode mode), as editors compile the
    schema's patterns."""
    command = [sys.executable, "-m", "check_jsonschema"]
    command += ["--schemafile", str(SCHEMA), *map(str, files)]
    return timed(command, cwd=ROOT)


def summary(runs: list[tuple[float, float]]) -> dict:
    """Medians of CPU and wall seconds; every run's, rounded."""
    walls = [w for w, _ in runs]
    cpus = [c for _, c in runs]
    return {
        "cpu_median_s": statistics.median(cpus),
        "median_s": statistics.median(walls),
        "cpu_runs_s": [round(c, 4) for c in cpus],
        "runs_s": [round(w, 4) for w in walls],
    }


def ratio(a: dict, b: dict, key: str = "cpu_median_s") -> float:
    return a[key] / b[key] if b[key] else float("inf")


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
    # Zensical's theme alone loads the package's fixes to it; these pages are Material's.
    modern = srm_assets.MODERN_STYLESHEET.rsplit("/", 1)[1]
    on_demand = set(sizes) - set(srm_assets.EVERY_PAGE) - {modern}
    files = {name: size for name, size in sizes.items() if name in srm_assets.EVERY_PAGE}
    result = {
        "files": files,
        "zensical_theme": {modern: sizes[modern]},
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


_EDITS = {
    # The first question's prompt: in the quiz YAML, and in the plain page's Markdown.
    "plugin": (".yml", re.compile(r"^(\s*prompt: ).*$", re.MULTILINE)),
    "baseline": (".md", re.compile(r"^(\*\*1\.\*\* ).*$", re.MULTILINE)),
}


def process_cpu(pid: int) -> float | None:
    """CPU seconds (user + sys, every thread) a running process has used so far, from
    /proc/PID/stat; None where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (fields 14 and 15)


def serve_reload(config: Path, variant: str, timeout: float = 600) -> dict:
    """Start `mkdocs serve` on `variant`'s site, edit its first question once and time until
    the served page shows the edit: wall seconds, and the server's CPU seconds meanwhile.

    MkDocs' server answers a page only once the rebuild that an edit started has finished
    (`LiveReloadServer` waits for the visible build to be the wanted one), so the page
    showing the edit means the rebuild is done, as the reader's browser would see it."""
    first = paged("quizzes", "q", 1)
    suffix, pattern = _EDITS[variant]
    source = config.parent / "content" / f"{first}{suffix}"
    original = source.read_text("utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/{first}/"
    command = [
        *(sys.executable, "-m", "mkdocs", "serve", "-q", "-f", str(config)),
        *("--dev-addr", f"127.0.0.1:{port}"),
    ]
    start = time.perf_counter()
    server = subprocess.Popen(
        command, cwd=config.parent, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(url, "Practice set 1", timeout, interval=0.2)
        startup = time.perf_counter() - start
        marker = f"Benchmark edit {time.time_ns()}"
        edited = pattern.sub(rf"\g<1>{marker}?", original, count=1)
        assert edited != original, f"no question to edit in {source}"
        time.sleep(1.0)  # let the watcher settle after the first build
        cpu_before = process_cpu(server.pid)
        source.write_text(edited, "utf-8")
        reload = wait_for(url, marker, timeout)
        cpu_after = process_cpu(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        source.write_text(original, "utf-8")
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    return {"startup_s": startup, "reload_s": reload, "reload_cpu_s": cpu}


def serve_both(configs: dict[str, Path], repeat: int) -> dict:
    """`repeat` reloads of the plugin and the plain variant, alternating, each from a fresh
    server; medians."""
    runs: dict[str, list[dict]] = {"plugin": [], "baseline": []}
    for n in range(1, repeat + 1):
        for variant in runs:
            runs[variant].append(serve_reload(configs[variant], variant))
            log(f"serve, run {n}: {variant} reload {runs[variant][-1]['reload_s']:.2f} s")
    result: dict = {"poll_interval_s": 0.05, "edits": repeat}
    for variant, done in runs.items():
        cpus = [r["reload_cpu_s"] for r in done]
        result[variant] = {
            "startup_median_s": statistics.median(r["startup_s"] for r in done),
            "reload_median_s": statistics.median(r["reload_s"] for r in done),
            "reload_cpu_median_s": None if None in cpus else statistics.median(cpus),
            "reloads_s": [round(r["reload_s"], 4) for r in done],
        }
    return result


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


# --- the run ---------------------------------------------------------------------------


def real_content_files() -> list[Path]:
    """The YAML files of the repository's own content, which `check` validates."""
    content = ROOT / "content"
    return sorted([*content.rglob("*.yml"), *content.rglob("*.yaml")])


def check_comparison(repeat: int) -> dict:
    """`check` on the real content as a whole process, against `check-jsonschema` on the same
    YAML files with the project's schema, alternating; and `check`'s startup alone."""
    files = real_content_files()
    runs: dict[str, list[tuple[float, float]]] = {"check": [], "check_jsonschema": []}
    runs["check_startup"] = []
    for _ in range(repeat):
        runs["check"].append(check(ROOT / "content"))
        runs["check_jsonschema"].append(check_jsonschema(files))
        runs["check_startup"].append(check_startup(ROOT / "content"))
    result = {name: summary(done) for name, done in runs.items()}
    return {"files": len(files), "schema": SCHEMA.name, **result}


def fixed_cost(work: Path, engines: list[str], variants: list[str], repeat: int) -> dict:
    """Every engine and variant on an empty content tree, alternating; per engine the plugin's
    (and the peer's) CPU median over the plain one's: what a build costs before any content."""
    configs = write_empty(work / "empty", tuple(variants))
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for _ in range(repeat):
        for engine in engines:
            for variant in engine_variants(engine, variants):
                site = work / "empty" / f"site-{engine}-{variant}"
                runs.setdefault((engine, variant), []).append(
                    build(engine, variant, configs[variant], site)
                )
    result = {}
    for engine in engines:
        builds = {v: summary(runs[engine, v]) for v in engine_variants(engine, variants)}
        plain = builds["baseline"]["cpu_median_s"]
        result[engine] = {
            "builds": builds,
            **{
                f"{v}_fixed_cost_s": builds[v]["cpu_median_s"] - plain
                for v in builds
                if v != "baseline"
            },
        }
    shutil.rmtree(work / "empty", ignore_errors=True)
    return result


def measure(args: argparse.Namespace, work: Path) -> dict:
    sizes: list[int] = args.sizes
    variants = ["plugin", "baseline"] + (["peer"] if peer_installed() else [])
    engines = ["mkdocs", *engines_installed()]
    small_repeat = args.small_repeat
    results: dict = {
        "meta": {
            "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "sizes": sizes,
            "repeat": args.repeat,
            "small_repeat": small_repeat,
            "warmup": args.warmup,
            "questions_per_page": QUESTIONS_PER_PAGE,
            "variants": variants,
            "engines": engines,
            "peer": peer_version() or "not installed (pip install -e '.[bench]')",
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
            "load_average_at_start": os.getloadavg(),
            "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
            **git_state(),
        },
        "sizes": [],
    }
    serve_size = min(sizes, key=lambda s: abs(s - SERVE_SIZE))
    if args.warmup:
        # One untimed build of each engine and variant first: fills the OS file cache, which
        # would otherwise land on the first timed build. The package is byte-compiled first,
        # as pip compiles what it installs (mkdocs, the theme and the peer are): under
        # PYTHONDONTWRITEBYTECODE nothing else writes srm_build's bytecode, and every timed
        # process would compile its modules from source.
        compileall.compile_dir(ROOT / "srm_build", quiet=1)
        log("warm-up builds (not timed)")
        configs = write_all(min(sizes), work / "warmup", tuple(variants))
        for engine in engines:
            for variant in engine_variants(engine, variants):
                build(engine, variant, configs[variant], work / "warmup" / f"site-{variant}")
        check(configs["plugin"].parent / "content")
        check_jsonschema(real_content_files())
        shutil.rmtree(work / "warmup", ignore_errors=True)
    log(f"empty content tree: {small_repeat} runs of every engine and variant")
    results["fixed_cost"] = fixed_cost(work, engines, variants, small_repeat)
    log(f"check on the real content against check-jsonschema: {small_repeat} runs")
    results["check_real"] = check_comparison(small_repeat)
    for size in sizes:
        log(f"{size} questions: generating")
        configs = write_all(size, work / f"q{size}", tuple(variants))
        sites = {v: work / f"q{size}" / f"site-{v}" for v in variants}
        runs: dict[str, list[tuple[float, float]]] = {"check": []}
        for n in range(1, args.repeat + 1):
            for engine in engines:
                for variant in engine_variants(engine, variants):
                    # MkDocs' sites are kept for their page weight; the others' removed.
                    site = sites[variant] if engine == "mkdocs" else work / f"site-{engine}"
                    done = build(engine, variant, configs[variant], site)
                    runs.setdefault(f"{engine}/{variant}", []).append(done)
                    log(f"{size} questions, run {n}: {engine} {variant} cpu {done[1]:.2f} s")
                    if engine != "mkdocs":
                        shutil.rmtree(site, ignore_errors=True)
            runs["check"].append(check(configs["plugin"].parent / "content"))
        entry = {
            "questions": size,
            "quiz_pages": -(-size // QUESTIONS_PER_PAGE),
            "builds": {
                engine: {
                    v: summary(runs[f"{engine}/{v}"]) for v in engine_variants(engine, variants)
                }
                for engine in engines
            },
            "check": summary(runs["check"]),
            "html": weight(sites, size),
        }
        results["sizes"].append(entry)
        if size == serve_size:
            results["assets"] = assets(sites["plugin"])
            if not args.no_serve:
                log(f"{size} questions: mkdocs serve, plugin and plain, {args.repeat} edits each")
                results["serve"] = {"questions": size, **attempt(serve_both, configs, args.repeat)}
            if not args.no_profile:
                log(f"{size} questions: profiling one plugin build")
                results["profile"] = {
                    "questions": size,
                    **attempt(profile, configs["plugin"], work / "profile-site", args.out),
                }
        if not args.keep:
            shutil.rmtree(work / f"q{size}", ignore_errors=True)
    if args.lighthouse_runs:
        log(f"Lighthouse: {args.lighthouse_runs} runs each of a quiz page and the exam page")
        results["lighthouse"] = attempt(lighthouse.measure, args.lighthouse_runs, work)
    results["peer_assets"] = peer_assets()
    results["growth"] = growth(results["sizes"], variants)
    results["targets"] = targets(results)
    return results


def peer_version() -> str | None:
    if not peer_installed():
        return None
    from importlib.metadata import version

    return f"mkdocs-quiz {version('mkdocs-quiz')}"


def plain_limit(questions: int) -> float | None:
    """The most a plugin build may cost over plain Markdown at this size (#18), if any."""
    return next((limit for start, limit in MAX_OVER_PLAIN if questions >= start), None)


def targets(results: dict) -> list[dict]:
    """Each target of #18 from this run's CPU-time medians (the wall ratio alongside)."""
    found = []
    for engine, fixed in results["fixed_cost"].items():
        value = fixed["plugin_fixed_cost_s"]
        found.append(
            target(
                f"{engine}: fixed cost, plugin build minus plain build on an empty tree",
                value,
                MAX_FIXED_COST_S,
                value < MAX_FIXED_COST_S,
                "s",
            )
        )
    for entry in results["sizes"]:
        q = entry["questions"]
        for engine, builds in entry["builds"].items():
            plugin = builds["plugin"]
            limit = plain_limit(q)
            if limit is not None:
                value = ratio(plugin, builds["baseline"])
                found.append(
                    target(
                        f"{engine}: plugin / plain at {q:,} questions",
                        value,
                        limit,
                        value <= limit,
                        "x",
                    )
                    | {"wall_value": ratio(plugin, builds["baseline"], "median_s")}
                )
            if "peer" in builds:
                value = ratio(plugin, builds["peer"])
                found.append(
                    target(
                        f"{engine}: plugin / peer at {q:,} questions",
                        value,
                        MAX_OVER_PEER,
                        value <= MAX_OVER_PEER,
                        "x",
                    )
                    | {"wall_value": ratio(plugin, builds["peer"], "median_s")}
                )
    real = results["check_real"]
    value = real["check"]["cpu_median_s"]
    found.append(
        target(
            "check on the real content, whole process", value, MAX_CHECK_S, value < MAX_CHECK_S, "s"
        )
    )
    value = ratio(real["check"], real["check_jsonschema"])
    found.append(
        target(
            "check / check-jsonschema, real content",
            value,
            MAX_CHECK_OVER_SCHEMA,
            value <= MAX_CHECK_OVER_SCHEMA,
            "x",
        )
        | {"wall_value": ratio(real["check"], real["check_jsonschema"], "median_s")}
    )
    serve = results.get("serve", {})
    if "plugin" in serve and serve["plugin"]["reload_cpu_median_s"] is not None:
        mine, plain = serve["plugin"], serve["baseline"]
        value = mine["reload_cpu_median_s"] / plain["reload_cpu_median_s"]
        found.append(
            target(
                f"mkdocs serve reload, plugin / plain at {serve['questions']:,} questions",
                value,
                MAX_SERVE_OVER_PLAIN,
                value <= MAX_SERVE_OVER_PLAIN,
                "x",
            )
            | {"wall_value": mine["reload_median_s"] / plain["reload_median_s"]}
        )
    for name, page in results.get("lighthouse", {}).get("pages", {}).items():
        value = page["score_median"]
        found.append(
            target(
                f"Lighthouse mobile performance, {name} page ({page['path']})",
                value,
                MIN_LIGHTHOUSE,
                value >= MIN_LIGHTHOUSE,
                "score",
            )
        )
    if "assets" in results:
        a = results["assets"]
        found.append(
            target(
                "client JS+CSS gzipped, every page",
                a["gzip_bytes"],
                MAX_ASSETS_GZIP,
                a["gzip_bytes"] < MAX_ASSETS_GZIP,
                "bytes",
            )
        )
    return found


def growth(sizes: list[dict], variants: list[str]) -> list[dict]:
    """CPU-time ratios of MkDocs builds between consecutive sizes, per variant."""
    steps = []
    for a, b in itertools.pairwise(sizes):
        step: dict = {
            "from": a["questions"],
            "to": b["questions"],
            "size_ratio": b["questions"] / a["questions"],
        }
        for v in variants:
            step[f"{v}_cpu_ratio"] = ratio(b["builds"]["mkdocs"][v], a["builds"]["mkdocs"][v])
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


def kb(n: float) -> str:
    return f"{n / 1000:,.0f} KB"


def fixed_table(results: dict) -> list[str]:
    variants = results["meta"]["variants"]
    head = ["engine", *(f"{VARIANT_NAMES[v]} s" for v in variants)]
    head += ["fixed cost s (plugin - plain)"] + (["peer - plain s"] if "peer" in variants else [])
    rows = [head]
    for engine, fixed in results["fixed_cost"].items():
        builds = fixed["builds"]
        row = [engine]
        row += [f"{builds[v]['cpu_median_s']:.3f}" if v in builds else "-" for v in variants]
        row.append(f"{fixed['plugin_fixed_cost_s']:.3f}")
        if "peer" in variants:
            peer = fixed.get("peer_fixed_cost_s")
            row.append("-" if peer is None else f"{peer:.3f}")
        rows.append(row)
    return [
        f"fixed cost: one build on an empty content tree, CPU s, median of "
        f"{results['meta']['small_repeat']}",
        "",
        *_grid(rows),
        "",
    ]


def build_table(results: dict) -> list[str]:
    variants = results["meta"]["variants"]
    peer = "peer" in variants
    head = ["engine", "questions", "pages", *(f"{VARIANT_NAMES[v]} s" for v in variants)]
    head += ["plugin/plain", "(wall)"] + (["plugin/peer", "(wall)"] if peer else [])
    head += ["check s", "+HTML B/q plugin"] + (["+HTML B/q peer"] if peer else [])
    rows = [head]
    for engine in results["meta"]["engines"]:
        for e in results["sizes"]:
            b = e["builds"][engine]
            row = [engine, f"{e['questions']:,}", str(e["quiz_pages"])]
            row += [f"{b[v]['cpu_median_s']:.2f}" if v in b else "-" for v in variants]
            for other in ["baseline", *(["peer"] if peer else [])]:
                if other in b:
                    row += [
                        f"{ratio(b['plugin'], b[other]):.2f}x",
                        f"{ratio(b['plugin'], b[other], 'median_s'):.2f}x",
                    ]
                else:
                    row += ["-", "-"]
            mkdocs = engine == "mkdocs"
            row.append(f"{e['check']['cpu_median_s']:.2f}" if mkdocs else "")
            html = e["html"]
            row.append(f"{html['plugin']['added_html_bytes_per_question']:,.0f}" if mkdocs else "")
            if peer:
                row.append(
                    f"{html['peer']['added_html_bytes_per_question']:,.0f}" if mkdocs else ""
                )
            rows.append(row)
    return [*_grid(rows), ""]


def lighthouse_lines(found: dict) -> list[str]:
    if "error" in found:
        return [f"Lighthouse: failed: {found['error']}"]
    pages = found["pages"]
    scores = "; ".join(
        f"{name} page ({p['path']}) {p['score_median']:.2f} "
        f"(runs {', '.join(f'{s:.2f}' for s in p['scores'])}; TBT "
        f"{p['metrics_median']['total-blocking-time']:.0f} ms, LCP "
        f"{p['metrics_median']['largest-contentful-paint'] / 1000:.1f} s)"
        for name, p in pages.items()
    )

    def load(name: str, p: dict) -> str:
        fetched = p["fetched_html_bytes"]
        also = f" + {kb(fetched)} of fetched HTML" if fetched else ""
        script = p["largest_script"]
        return (
            f"{name} page {kb(p['document_html_bytes'])} of HTML{also}, "
            f"{kb(p['script_bytes'])} of script (largest {script['url']} {kb(script['bytes'])})"
        )

    loads = "; ".join(load(name, p) for name, p in pages.items())
    largest = ", ".join(f"{p['page']} {kb(p['html_bytes'])}" for p in found["largest_html_pages"])
    return [
        f"Lighthouse {found['lighthouse']} on Node {found['node']}, {found['form_factor']}, "
        f"Chromium {found['chromium']}, median of {found['runs']}, load average "
        f"{found['load_average'][0]:.1f} to {found['load_average'][1]:.1f}: {scores}",
        f"parsed on load (uncompressed): {loads}",
        f"largest HTML pages of the site (what a visit parses): {largest}",
    ]


def table(results: dict) -> str:
    meta = results["meta"]
    variants = meta["variants"]
    peer = "peer" in variants
    out = [
        f"SRM build benchmark: CPU seconds (user+sys) of fresh build processes, median of "
        f"{meta['repeat']} per engine, variant and size, variants alternating; (wall): the "
        f"same ratio in wall-clock time",
        f"{meta['machine']}, Python {meta['python']}, commit {meta['commit']}"
        f"{' + local changes' if meta['dirty'] else ''}; peer: {meta['peer']}; load average "
        f"{meta['load_average_at_start'][0]:.1f} at start, {meta['load_average_at_end'][0]:.1f} "
        f"at end",
        "",
        *fixed_table(results),
        *build_table(results),
    ]
    real = results["check_real"]
    out.append(
        f"check on the real content ({real['files']} YAML files), whole process, CPU median of "
        f"{meta['small_repeat']}: {real['check']['cpu_median_s']:.3f} s (of which startup, "
        f"`--help`, {real['check_startup']['cpu_median_s']:.3f} s); check-jsonschema "
        f"--schemafile schemas/{real['schema']} on the same files "
        f"{real['check_jsonschema']['cpu_median_s']:.3f} s; check / check-jsonschema "
        f"{ratio(real['check'], real['check_jsonschema']):.2f}x"
    )
    for step in results["growth"]:
        ratios = ", ".join(f"{VARIANT_NAMES[v]} {step[f'{v}_cpu_ratio']:.2f}x" for v in variants)
        out.append(
            f"growth (mkdocs, cpu) {step['from']:,} -> {step['to']:,} questions "
            f"({step['size_ratio']:g}x): {ratios}"
        )
    if "assets" in results:
        a = results["assets"]
        files = ", ".join(
            f"{name} {f['bytes']:,} B ({f['gzip_bytes']:,} gz)" for name, f in a["files"].items()
        )
        external = {True: "linked as external files", False: "NOT external", None: "not checked"}
        later = ", ".join(
            f"{name} {f['bytes']:,} B ({f['gzip_bytes']:,} gz)"
            for name, f in a["on_demand"].items()
        )
        out.append(
            f"client assets on every page: {files}; total {a['bytes']:,} B, {a['gzip_bytes']:,} B"
            f" gzipped (level {a['gzip_level']}), {external[a.get('external')]}; only on the "
            f"pages that use them: {later}"
        )
    last = results["sizes"][-1]["html"]
    if peer and results.get("peer_assets"):
        p = results["peer_assets"]
        inline = last["peer"]["added_inline_bytes_per_page"]
        out.append(
            f"peer assets: {p['bytes']:,} B ({p['gzip_bytes']:,} gz), inlined: every page "
            f"carries {inline:,} B more <script>/<style> than the plain one's"
        )
    html_line = (
        f"quiz-page HTML at {last['questions']:,} questions: plain "
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
    if "plugin" in results.get("serve", {}):
        s = results["serve"]
        mine, plain = s["plugin"], s["baseline"]

        def cpu(x: dict) -> str:
            value = x["reload_cpu_median_s"]
            return "cpu n/a" if value is None else f"cpu {value:.2f} s"

        out.append(
            f"mkdocs serve at {s['questions']:,} questions, one question edited, median of "
            f"{s['edits']} fresh servers: plugin shows it after {mine['reload_median_s']:.2f} s "
            f"({cpu(mine)}), plain after {plain['reload_median_s']:.2f} s ({cpu(plain)}); first "
            f"page after {mine['startup_median_s']:.1f} s and {plain['startup_median_s']:.1f} s"
        )
    if "stages" in results.get("profile", {}):
        st = results["profile"]["stages"]
        out.append(
            f"profile at {results['profile']['questions']:,} questions: srm hooks "
            f"{st['hooks_total_s']:.2f} s of {st['build_s']:.2f} s in-process build "
            f"({st['hooks_share']:.0%}); see {results['profile']['file']}"
        )
    if "lighthouse" in results:
        out += lighthouse_lines(results["lighthouse"])
    out += ["", "targets of #18 (CPU-time medians; the wall-clock ratio in brackets):"]
    for t in results["targets"]:
        value, wall = t["value"], t.get("wall_value")
        if t["unit"] == "bytes":
            shown = f"{value:,.0f} B (limit < {t['limit']:,.0f} B)"
        elif t["unit"] == "s":
            shown = f"{value:.3f} s (limit < {t['limit']:.2f} s)"
        elif t["unit"] == "score":
            shown = f"{value:.2f} (limit >= {t['limit']:.2f})"
        else:
            shown = f"{value:.2f}x" + (f" [wall {wall:.2f}x]" if wall is not None else "")
            shown += f" (limit {t['limit']:.2f}x)"
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
        "--small-repeat",
        type=int,
        default=SMALL_REPEAT,
        help=f"runs of the empty tree and of check on the real content (default {SMALL_REPEAT})",
    )
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
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=3,
        help="Lighthouse runs per page, median reported (default 3; 0 skips Lighthouse)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.small_repeat < 1:
        parser.error("--repeat and --small-repeat must be at least 1")
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
