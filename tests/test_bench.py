"""The build benchmark (`make bench`) at a tiny size: it runs, exits 0 and writes its table
and JSON; and the synthetic content it builds is valid. No wall-clock limits are asserted:
the benchmark measures, the numbers are for people to read."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
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


def _node_required() -> None:
    """The Lighthouse column needs Node (on this machine and in CI, via .ci/run): a missing
    one is a failure that says so, not a silent skip."""
    assert shutil.which("node"), (
        "node is not installed, so the bench cannot produce its Lighthouse column: "
        "install Node 20 (Debian: apt-get install nodejs npm)"
    )


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, Path]:
    _node_required()
    out = tmp_path_factory.mktemp("bench-results")
    command = [
        *(sys.executable, "-m", "bench.run", "--sizes", "10,40", "--repeat", "1"),
        *("--small-repeat", "1", "--lighthouse-runs", "1", "--no-warmup", "--out", str(out)),
    ]
    result = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((out / "latest.json").read_text()), result.stdout, out


def test_smoke_run_writes_table_and_json(smoke: tuple[dict, str, Path]) -> None:
    results, stdout, out = smoke
    assert "plugin/plain" in stdout and "targets of #18" in stdout
    assert results["table"] in stdout
    assert len(list(out.glob("bench-*.json"))) == 1
    assert (out / "profile.txt").read_text().startswith("One plugin build")
    for key in ("meta", "fixed_cost", "check_real", "sizes", "growth", "assets", "serve"):
        assert key in results, key
    for key in ("profile", "lighthouse", "targets", "table"):
        assert key in results, key
    assert [s["questions"] for s in results["sizes"]] == [10, 40]


def test_smoke_run_values_are_plausible(smoke: tuple[dict, str, Path]) -> None:
    results, _, _ = smoke
    variants = results["meta"]["variants"]
    assert variants[:2] == ["plugin", "baseline"]
    for entry in results["sizes"]:
        for variant in variants:
            build = entry["builds"]["mkdocs"][variant]
            assert build["median_s"] > 0 and build["cpu_median_s"] > 0
            assert len(build["runs_s"]) == len(build["cpu_runs_s"]) == 1
            html = entry["html"][variant]
            assert html["quiz_html_bytes"] > 0 and html["quiz_html_gzip_bytes"] > 0
            assert html["quiz_pages"] == entry["quiz_pages"]
        assert entry["check"]["cpu_median_s"] > 0
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
    assert results["profile"]["stages"]["hooks_total_s"] > 0
    assert results["profile"]["top_cumulative"]
    assert len(results["growth"]) == 1 and results["growth"][0]["size_ratio"] == 4
    assert all(isinstance(t["pass"], bool) for t in results["targets"])


def test_fixed_cost_column_is_produced(smoke: tuple[dict, str, Path]) -> None:
    # One build on an empty content tree per engine and variant; the plugin's over plain.
    results, stdout, _ = smoke
    for engine in results["meta"]["engines"]:
        fixed = results["fixed_cost"][engine]
        builds = fixed["builds"]
        assert builds["plugin"]["cpu_median_s"] > 0 and builds["baseline"]["cpu_median_s"] > 0
        expected = builds["plugin"]["cpu_median_s"] - builds["baseline"]["cpu_median_s"]
        assert fixed["plugin_fixed_cost_s"] == pytest.approx(expected)
    assert "fixed cost s (plugin - plain)" in stdout
    names = [t["name"] for t in results["targets"]]
    for engine in results["meta"]["engines"]:
        assert f"{engine}: fixed cost, plugin build minus plain build on an empty tree" in names


def test_check_is_compared_with_check_jsonschema(smoke: tuple[dict, str, Path]) -> None:
    # `check` on the real content as a whole process, against check-jsonschema with the
    # project's own schema on the same files; both ran (a failure of either raises).
    results, stdout, _ = smoke
    real = results["check_real"]
    files = sorted((ROOT / "content").rglob("*.yml"))
    assert real["files"] == len(files) > 0
    assert real["schema"] == "content.schema.json"
    for name in ("check", "check_jsonschema", "check_startup"):
        assert real[name]["cpu_median_s"] > 0, name
    assert "check-jsonschema --schemafile schemas/content.schema.json" in stdout
    names = [t["name"] for t in results["targets"]]
    assert "check on the real content, whole process" in names
    assert "check / check-jsonschema, real content" in names


def test_serve_reload_is_timed_for_plugin_and_plain(smoke: tuple[dict, str, Path]) -> None:
    results, stdout, _ = smoke
    serve = results["serve"]
    assert serve["questions"] == 40  # the size nearest 1,000
    for variant in ("plugin", "baseline"):
        assert serve[variant]["reload_median_s"] > 0 and serve[variant]["startup_median_s"] > 0
        assert serve[variant]["reload_cpu_median_s"] > 0
    assert "mkdocs serve at 40 questions" in stdout


def test_lighthouse_scores_are_recorded(smoke: tuple[dict, str, Path]) -> None:
    results, stdout, _ = smoke
    found = results["lighthouse"]
    assert "error" not in found, found.get("error")
    assert found["lighthouse"] == "12.2.3" and found["form_factor"] == "mobile"
    assert len(found["load_average"]) == 2
    assert set(found["pages"]) == {"quiz", "exam"}
    for page in found["pages"].values():
        assert 0 <= page["score_median"] <= 1 and len(page["scores"]) == 1
        assert page["document_html_bytes"] > 0
    assert found["largest_html_pages"][0]["html_bytes"] > 0
    assert "Lighthouse 12.2.3" in stdout and "parsed on load" in stdout
    names = [t["name"] for t in results["targets"]]
    assert sum(n.startswith("Lighthouse mobile performance") for n in names) == 2


def test_ratios_are_reported_against_plain_and_peer(smoke: tuple[dict, str, Path]) -> None:
    results, stdout, _ = smoke
    assert "plugin/plain" in stdout
    names = [t["name"] for t in results["targets"]]
    # No plain-Markdown target below 250 questions (#18); the peer's is at every size.
    assert not any(
        n.endswith(f": plugin / plain at {q} questions") for n in names for q in (10, 40)
    )
    if "peer" in results["meta"]["variants"]:
        assert "plugin/peer" in stdout
        for engine in results["meta"]["engines"]:
            if engine != "zensical":
                assert f"{engine}: plugin / peer at 10 questions" in names


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
    # The same columns for each installed engine, side by side in the table.
    results, stdout, _ = smoke
    engines = results["meta"]["engines"]
    assert engines[0] == "mkdocs"
    for name in ("properdocs", "zensical"):
        installed = importlib.util.find_spec(name) is not None
        assert (name in engines) == installed
    for entry in results["sizes"]:
        assert set(entry["builds"]) == set(engines)
        for engine in engines:
            assert {"plugin", "baseline"} <= set(entry["builds"][engine])
            assert all(b["cpu_median_s"] > 0 for b in entry["builds"][engine].values())
    for engine in engines:
        assert any(line.strip().startswith(engine) for line in stdout.splitlines())


def test_plain_targets_follow_the_issue() -> None:
    # 1.0x from 1,000 questions, 1.05x from 250, none below.
    from bench.run import plain_limit

    assert plain_limit(4000) == plain_limit(1000) == 1.0
    assert plain_limit(999) == plain_limit(250) == 1.05
    assert plain_limit(249) is None and plain_limit(10) is None


def test_instrumented_check_reports_its_stages() -> None:
    # bench/instrument.py, which bench/FINDINGS.md's tables come from: the stages it times
    # are still found in the package (a rename shows up here as "not found").
    result = subprocess.run(
        [sys.executable, "-m", "bench.instrument", "check", "content"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    spent = json.loads(result.stdout.strip().splitlines()[-1])
    assert not [label for label in spent if label.startswith("(not found")]
    for label in (
        "import pydantic",
        "import srm_build (models, pipeline)",
        "load_content (read, validate, cross-check)",
        "whole process after interpreter start",
    ):
        assert spent[label] > 0, label
    assert spent["whole process after interpreter start"] >= spent["check main()"]


def test_instrumented_build_finds_every_stage(tmp_path: Path) -> None:
    from bench.generate import write_all

    config = write_all(10, tmp_path / "q", ("plugin",))["plugin"]
    command = [sys.executable, "-m", "bench.instrument", "build", str(config)]
    result = subprocess.run(
        [*command, str(tmp_path / "site")],
        cwd=config.parent,
        env={**ENV, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    spent = json.loads(result.stdout.strip().splitlines()[-1])
    assert not [label for label in spent if label.startswith("(not found")]
    for label in ("jinja: srm item templates compiled", "plugin on_files", "exports: to_qti"):
        assert spent[label] > 0, label
    assert (tmp_path / "site" / "index.html").is_file()


CHECK_IMPORTS = """
import contextlib, io, json, sys
from srm_build.__main__ import main
from srm_build import markup
with contextlib.redirect_stdout(io.StringIO()):
    status = main(["check", sys.argv[1]])
print(json.dumps({"status": status, "modules": sorted(sys.modules),
                  "field_parser_made": markup._md.cache_info().currsize}))
"""


def test_check_imports_only_what_it_uses() -> None:
    # `check` runs on every save and in CI (#18: under 0.2 s): it validates, so it imports
    # neither Jinja, nor the page renderer, the schema writer or the Zensical steps, and it
    # builds no parser for item fields. In a fresh process, where nothing else imported them.
    result = subprocess.run(
        [sys.executable, "-c", CHECK_IMPORTS, str(ROOT / "content")],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["status"] == 0
    modules = set(found["modules"])
    assert "srm_build.references" in modules  # the check did run
    unused = {"jinja2", "srm_build.render", "srm_build.pages", "srm_build.schema"}
    unused |= {"srm_build.engines.zensical", "srm_build.assets", "mkdocs"}
    assert not unused & modules
    assert found["field_parser_made"] == 0


def test_before_and_after_runs_both_packages(capsys: pytest.CaptureFixture[str]) -> None:
    # bench.ab (FINDINGS.md's before/after figures): HEAD against the working tree, on the
    # empty tree; it reports each package's build over plain, and `check` with each.
    from bench import ab

    assert ab.main(["--base", "HEAD", "--sizes", "0", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    for line in ("empty tree, before:", "empty tree, after:", "check: before"):
        assert line in out
    try:
        import mkdocs_quiz  # noqa: F401
    except ImportError:
        assert "no peer (mkdocs-quiz not installed)" in out
    else:
        assert "x peer" in out
