"""The build benchmark (`make bench`) at a tiny size: it runs, exits 0 and writes its table
and JSON; and the synthetic content it builds is valid. No wall-clock limits are asserted:
the benchmark measures, the numbers are for people to read."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from srm_build.pipeline import load_content

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def test_generated_content_is_valid(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.generate", "--questions", "123", "--out", str(tmp_path)],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    content = load_content(tmp_path / "plugin" / "content")  # raises on any problem
    quizzes = [f for path, f in content.files.items() if path.startswith("quizzes/")]
    assert len(quizzes) == 13  # pages of ten questions
    assert sum(len(f.quizzes[0].questions) for f in quizzes) == 123
    assert {q.type for f in quizzes for q in f.quizzes[0].questions} == {
        "single",
        "multiple",
        "true-false",
    }
    # The other variants hold the same pages, as Markdown.
    for variant in ("baseline", "peer"):
        pages = sorted(p.name for p in (tmp_path / variant / "content/quizzes").rglob("*.md"))
        assert pages == [f"q{n:05d}.md" for n in range(1, 14)]
    # In sections of ten pages, so that the theme's pruned navigation stays small.
    sections = sorted(p.name for p in (tmp_path / "peer/content/quizzes").iterdir())
    assert sections == ["part001", "part002"]
    first = tmp_path / "peer/content/quizzes/part001/q00001.md"
    assert first.read_text().count("<quiz>") == 10


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, Path]:
    out = tmp_path_factory.mktemp("bench-results")
    command = [
        *(sys.executable, "-m", "bench.run", "--sizes", "10,40", "--repeat", "1"),
        *("--no-warmup", "--out", str(out)),
    ]
    result = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((out / "latest.json").read_text()), result.stdout, out


def test_smoke_run_writes_table_and_json(smoke: tuple[dict, str, Path]) -> None:
    results, stdout, out = smoke
    assert "plugin/base" in stdout and "targets" in stdout
    assert results["table"] in stdout
    assert len(list(out.glob("bench-*.json"))) == 1
    assert (out / "profile.txt").read_text().startswith("One plugin build")
    for key in ("meta", "sizes", "growth", "assets", "serve", "profile", "targets", "table"):
        assert key in results, key
    assert [s["questions"] for s in results["sizes"]] == [10, 40]


def test_smoke_run_values_are_plausible(smoke: tuple[dict, str, Path]) -> None:
    results, _, _ = smoke
    variants = results["meta"]["variants"]
    assert variants[:2] == ["plugin", "baseline"]
    for entry in results["sizes"]:
        for variant in variants:
            build = entry["builds"][variant]
            assert build["median_s"] > 0 and build["cpu_median_s"] > 0
            assert len(build["runs_s"]) == 1
            html = entry["html"][variant]
            assert html["quiz_html_bytes"] > 0 and html["quiz_html_gzip_bytes"] > 0
            assert html["quiz_pages"] == entry["quiz_pages"]
        assert entry["check"]["median_s"] > 0
        # The plugin renders every option's feedback and the answer key as markup.
        assert entry["html"]["plugin"]["added_html_bytes_per_question"] > 0
    assets = results["assets"]
    assert set(assets["files"]) == {"srm.css", "srm.js", "theme.js", "palette.js"}
    from srm_build.assets import COMPONENTS, script_of

    assert set(assets["on_demand"]) == {
        *(script_of(name) for name in COMPONENTS),
        *(style for component in COMPONENTS.values() for style in component.styles),
    }
    assert 0 < assets["gzip_bytes"] < assets["bytes"]
    assert assets["external"] is True
    assert results["serve"]["reload_median_s"] > 0 and results["serve"]["startup_s"] > 0
    assert results["profile"]["stages"]["hooks_total_s"] > 0
    assert results["profile"]["top_cumulative"]
    assert len(results["growth"]) == 1 and results["growth"][0]["size_ratio"] == 4
    names = [t["name"] for t in results["targets"]]
    assert sum(n.startswith("plugin build / baseline") for n in names) == 2
    assert any(n.startswith("client JS+CSS gzipped") for n in names)
    assert all(isinstance(t["pass"], bool) for t in results["targets"])


def test_peer_is_compared_when_installed(smoke: tuple[dict, str, Path]) -> None:
    results, stdout, _ = smoke
    try:
        import mkdocs_quiz  # noqa: F401
    except ImportError:
        assert "peer" not in results["meta"]["variants"]
        assert "not installed" in results["meta"]["peer"]
        return
    assert "peer" in results["meta"]["variants"]
    peer = results["sizes"][-1]["html"]["peer"]
    assert peer["quiz_html_bytes"] > 0
    assert "peer assets" in stdout


def test_build_time_is_reported_per_engine(smoke: tuple[dict, str, Path]) -> None:
    # The same content built by each installed engine, side by side in the table.
    results, stdout, _ = smoke
    engines = results["meta"]["engines"]
    assert engines[0] == "mkdocs"
    for name in ("properdocs", "zensical"):
        installed = importlib.util.find_spec(name) is not None
        assert (name in engines) == installed
    for entry in results["sizes"]:
        assert set(entry["engines"]) == set(engines)
        assert all(entry["engines"][e]["median_s"] > 0 for e in engines)
    assert "build time per engine" in stdout
