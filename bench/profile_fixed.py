"""Where the fixed cost goes: a 10-question plugin build and `check`, profiled (issue #18).

    python -m bench.profile_fixed                 # prints a report; bench/FINDINGS.md reads it
    python -m bench.profile_fixed --repeat 5 --questions 10

Three views, each from fresh processes, the package byte-compiled first as `bench.run` does:

1. **CPU time** (user + sys) of whole processes, alternating, medians: plain and plugin
   builds on an empty tree and at `--questions`, `check` on the real content, and bare
   interpreter starts, so differences can be read off directly.
2. **`python -X importtime`** of the plugin build: the modules it imports that the plain
   build does not, by package, and the srm_build modules by their own import time (medians).
   Import times are wall-clock, so they swell when the machine is busy.
3. **CPU timers, no profiler** (`bench/instrument.py`): the stages #18 names (the imports
   the plugin adds, pydantic's models and validators, template compilation, content
   loading, the exports, the study bank, glossary linking, each plugin hook) timed with
   `time.process_time` in an otherwise ordinary build or `check`; medians of 3 processes.
4. **cProfile with a CPU clock** over the whole process, imports included: the functions
   with the most own time. cProfile's overhead inflates call-heavy code several times
   over, so this view is for finding hot spots, not for their size.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from bench.generate import write_all, write_empty
from bench.run import ENV, ROOT, build, check, log, summary, timed

INNER = """
import cProfile, runpy, sys, time
out, module = sys.argv[1], sys.argv[2]
sys.argv = [module, *sys.argv[3:]]
profiler = cProfile.Profile(time.process_time)
profiler.enable()
try:
    runpy.run_module(module, run_name="__main__", alter_sys=True)
except SystemExit as done:
    if done.code not in (0, None):
        raise
finally:
    profiler.disable()
    profiler.dump_stats(out)
"""
"""`python -c INNER OUT MODULE ARGS...`: `python -m MODULE ARGS` under cProfile with a CPU
clock, imports included; a bare `-c` so that nothing else is imported before it."""


# --- outer -----------------------------------------------------------------------------


def top_own(stats_file: Path, count: int = 15) -> list[str]:
    """The functions with the most own CPU time in a profile, as report lines."""
    stats = pstats.Stats(str(stats_file)).stats  # type: ignore[attr-defined]
    total = max(entry[3] for entry in stats.values())
    rows = sorted(stats.items(), key=lambda kv: -kv[1][2])[:count]
    lines = [f"profiled total {total * 1000:.0f} ms; own ms, calls, function"]
    for (filename, line, name), entry in rows:
        for marker in ("site-packages/", "/srm_build/", "/lib/python3"):
            if marker in filename:
                filename = filename.split(marker, 1)[1]
                break
        lines.append(f"{entry[2] * 1000:8.0f}  {entry[1]:7d}  {filename}:{line}({name})")
    return lines


def instrumented(mode: str, cwd: Path, *args: str, runs: int = 3) -> dict[str, float]:
    """Median CPU seconds per stage over `runs` fresh `bench.instrument` processes."""
    seen: list[dict[str, float]] = []
    for _ in range(runs):
        command = [sys.executable, "-m", "bench.instrument", mode, *args]
        env = {**ENV, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"bench.instrument {mode} failed:\n{done.stderr[-3000:]}")
        seen.append(json.loads(done.stdout.strip().splitlines()[-1]))
    labels = list(dict.fromkeys(label for run in seen for label in run))
    return {label: statistics.median(run.get(label, 0.0) for run in seen) for label in labels}


def profiled(work: Path, name: str, module: str, cwd: Path, *args: str) -> Path:
    out = work / f"{name}.prof"
    command = [sys.executable, "-c", INNER, str(out), module, *args]
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"profiling {name} failed:\n{done.stderr[-3000:]}")
    return out


_IMPORT = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def importtimes(config: Path, site: Path, runs: int) -> dict[str, int]:
    """Median own import time in microseconds per module, over `runs` builds."""
    seen: list[dict[str, int]] = []
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        command = [sys.executable, "-X", "importtime", "-m", "mkdocs", "build", "-q"]
        done = subprocess.run(
            [*command, "-f", str(config), "-d", str(site)],
            cwd=config.parent,
            env=ENV,
            capture_output=True,
            text=True,
        )
        seen.append({m[4]: int(m[1]) for m in _IMPORT.finditer(done.stderr)})
    names = set().union(*seen)
    return {n: int(statistics.median(s.get(n, 0) for s in seen)) for n in names}


def report(questions: int, repeat: int, work: Path, large: int = 0) -> str:
    compileall.compile_dir(ROOT / "srm_build", quiet=1)
    small = write_all(questions, work / "q", ("plugin", "baseline"))
    big = write_all(large, work / "big", ("plugin", "baseline")) if large else {}
    empty = write_empty(work / "empty", ("plugin", "baseline"))
    real = ROOT / "content"
    jobs = {
        "python -c pass": lambda: timed([sys.executable, "-c", "pass"]),
        "plain build, empty tree": lambda: build(
            "mkdocs", "baseline", empty["baseline"], work / "s"
        ),
        "plugin build, empty tree": lambda: build("mkdocs", "plugin", empty["plugin"], work / "s"),
        f"plain build, {questions} questions": lambda: build(
            "mkdocs", "baseline", small["baseline"], work / "s"
        ),
        f"plugin build, {questions} questions": lambda: build(
            "mkdocs", "plugin", small["plugin"], work / "s"
        ),
        "check, real content": lambda: check(real),
        "srm_build --help": lambda: timed([sys.executable, "-m", "srm_build", "--help"]),
    }
    for job in jobs.values():  # untimed: the OS file cache
        job()
    runs: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for n in range(repeat):
        log(f"profile_fixed: CPU round {n + 1} of {repeat}")
        for name, job in jobs.items():
            runs[name].append(job())
    cpu = {name: summary(done)["cpu_median_s"] for name, done in runs.items()}
    lines = [
        f"Fixed cost, profiled: {questions}-question site and `check` on the real content",
        f"load average at start {os.getloadavg()[0]:.1f}; CPU medians of {repeat} (ms)",
        "",
        "== 1. Whole processes, CPU ms (user + sys), median",
        *(f"{v * 1000:8.0f}  {name}" for name, v in cpu.items()),
        f"{(cpu['plugin build, empty tree'] - cpu['plain build, empty tree']) * 1000:8.0f}  "
        "fixed cost: plugin - plain, empty tree",
        f"{(cpu[f'plugin build, {questions} questions'] - cpu[f'plain build, {questions} questions']) * 1000:8.0f}  "  # noqa: E501
        f"plugin - plain at {questions} questions",
        "",
    ]
    log("profile_fixed: -X importtime")
    plugin_imports = importtimes(small["plugin"], work / "s", 3)
    plain_imports = importtimes(small["baseline"], work / "s", 3)
    extra = {m: us for m, us in plugin_imports.items() if m not in plain_imports}
    by_package: dict[str, int] = defaultdict(int)
    for module, us in extra.items():
        by_package[module.split(".")[0]] += us
    lines += [
        "== 2. python -X importtime (wall ms, median of 3): modules the plugin build imports "
        "and the plain build does not",
        f"{sum(extra.values()) / 1000:8.1f}  in all, {len(extra)} modules",
        *(
            f"{us / 1000:8.1f}  {package}"
            for package, us in sorted(by_package.items(), key=lambda kv: -kv[1])[:12]
        ),
        "-- srm_build modules by own import time",
        *(
            f"{us / 1000:8.1f}  {module}"
            for module, us in sorted(extra.items(), key=lambda kv: -kv[1])
            if module.startswith("srm_build")
        ),
        "",
    ]
    log("profile_fixed: CPU timers on the stages")
    for title, mode, cwd, args in (
        (
            "plugin build, empty tree",
            "build",
            empty["plugin"].parent,
            (str(empty["plugin"]), str(work / "s")),
        ),
        (
            f"plugin build, {questions} questions",
            "build",
            small["plugin"].parent,
            (str(small["plugin"]), str(work / "s")),
        ),
        ("check, real content", "check", ROOT, (str(real),)),
        *(
            (f"{name} build, {large} questions", mode, cfg.parent, (str(cfg), str(work / "s")))
            for name, mode, cfg in (
                ("plain", "plain", big.get("baseline")),
                ("plugin", "build", big.get("plugin")),
            )
            if cfg is not None
        ),
    ):
        found = instrumented(mode, cwd, *args)
        lines.append(f"== 3. CPU timers, no profiler, {title}: ms, median of 3 processes")
        lines += [f"{v * 1000:8.1f}  {label}" for label, v in found.items()]
        lines.append("")
    log("profile_fixed: cProfile (CPU clock)")
    build_prof = profiled(
        work,
        "build",
        "mkdocs",
        small["plugin"].parent,
        *("build", "-q", "-f", str(small["plugin"]), "-d", str(work / "s")),
    )
    check_prof = profiled(work, "check", "srm_build", ROOT, "check", str(real))
    for title, prof in (
        (f"plugin build, {questions} questions", build_prof),
        ("check, real content", check_prof),
    ):
        lines.append(f"== 4. cProfile, CPU clock, {title}: top functions by own time")
        lines += top_own(prof)
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_fixed")
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--large",
        type=int,
        default=1000,
        help="also time the stages of plain and plugin builds at this size (0: skip)",
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="srm-profile-"))
    try:
        print(report(args.questions, args.repeat, work, args.large))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
