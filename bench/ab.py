"""Before and after in one run: the package at another commit against the working tree's,
alternating in fresh processes, for the figures of bench/FINDINGS.md ("After tuning").

    python -m bench.ab --base a72d51a                  # empty tree, 10 and 1,000 q, check
    python -m bench.ab --base a72d51a --sizes 0 -r 9   # the fixed cost alone

Each round builds every site four ways in turn: plain Markdown, the peer, the plugin with
the `--base` commit's package (its `srm_build/`, from `git archive`, first on
`PYTHONPATH`), and the plugin with the working tree's; then `check` on the real content
with each. Size 0 is the empty content tree. The figures are CPU medians (user + sys, see
`bench.run.timed`); both packages are byte-compiled first, as `bench.run` does. Nothing is
timed across processes' caches: every build writes a new site.
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from bench.generate import write_all, write_empty
from bench.run import ENV, ROOT, peer_installed, timed

VARIANTS = ("baseline", "peer", "before", "after")
"""The builds of each round, in turn; the peer's only where mkdocs-quiz is installed (the
`bench` extra), as in `bench.run`."""


def variants() -> tuple[str, ...]:
    return VARIANTS if peer_installed() else tuple(v for v in VARIANTS if v != "peer")


def checkout(commit: str, into: Path) -> Path:
    """The package of `commit` (its `srm_build/` folder) under `into`; raises if git fails."""
    archive = subprocess.run(
        ["git", "archive", commit, "srm_build"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def run(args: argparse.Namespace, work: Path) -> dict[str, list[float]]:
    base = checkout(args.base, work / "base")
    for package in (base / "srm_build", ROOT / "srm_build"):
        compileall.compile_dir(str(package), quiet=1)
    before = {**ENV, "PYTHONPATH": str(base)}
    sites = {
        n: write_empty(work / "q0") if n == 0 else write_all(n, work / f"q{n}") for n in args.sizes
    }
    cpu: dict[str, list[float]] = {}
    for round_ in range(args.repeat):
        print(f"[ab] round {round_ + 1} of {args.repeat}", file=sys.stderr)
        for n, configs in sites.items():
            for variant in variants():
                config = configs["plugin" if variant in ("before", "after") else variant]
                site = work / f"site-{n}-{variant}"
                shutil.rmtree(site, ignore_errors=True)
                command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
                env = before if variant == "before" else ENV
                cpu.setdefault(f"{n} {variant}", []).append(
                    timed(command, cwd=config.parent, env=env)[1]
                )
        if args.check:
            for variant, cwd in (("before", base), ("after", ROOT)):
                command = [sys.executable, "-m", "srm_build", "check", str(ROOT / "content")]
                cpu.setdefault(f"check {variant}", []).append(
                    timed(command, cwd=cwd, env=before if variant == "before" else ENV)[1]
                )
    return cpu


def report(cpu: dict[str, list[float]], sizes: list[int]) -> str:
    med = {key: statistics.median(runs) * 1000 for key, runs in cpu.items()}
    lines = [f"load average at the end {os.getloadavg()[0]:.1f}; CPU medians, ms"]
    for key, runs in cpu.items():
        lines.append(f"{key:16} {med[key]:7.0f}  {sorted(round(r * 1000) for r in runs)}")
    for n in sizes:
        plain, peer = med[f"{n} baseline"], med.get(f"{n} peer")
        for variant in ("before", "after"):
            mine = med[f"{n} {variant}"]
            lines.append(
                f"{'empty tree' if n == 0 else f'{n} questions'}, {variant}: "
                f"{mine - plain:+.0f} ms over plain, {mine / plain:.2f}x plain, "
                + (f"{mine / peer:.2f}x peer" if peer else "no peer (mkdocs-quiz not installed)")
            )
    if "check after" in med:
        before, after = med["check before"], med["check after"]
        lines.append(f"check: before {before:.0f} ms, after {after:.0f} ms")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ab", description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True, help="the commit to compare with")
    parser.add_argument("--sizes", default="0,10,1000", help="question counts; 0 is the empty tree")
    parser.add_argument("-r", "--repeat", type=int, default=5)
    parser.add_argument("--no-check", dest="check", action="store_false")
    args = parser.parse_args(argv)
    args.sizes = [int(part) for part in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="srm-ab-") as tmp:
        print(report(run(args, Path(tmp)), args.sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
