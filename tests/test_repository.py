"""Checks on the repository itself: workflows valid and audited, Python code linted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted(str(p) for p in (ROOT / ".github/workflows").glob("*.yml"))


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_workflows_match_the_github_schema() -> None:
    assert WORKFLOWS, "no workflows found"
    result = run(
        str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *WORKFLOWS
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_forms_match_the_github_schema() -> None:
    forms = sorted(str(p) for p in (ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml"))
    forms = [f for f in forms if not f.endswith("config.yml")]
    assert len(forms) == 2
    result = run(
        str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", *forms
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_medium_or_high_severity() -> None:
    result = run(str(BIN / "zizmor"), "--offline", "--min-severity", "medium", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pin_actions_to_commits() -> None:
    for workflow in WORKFLOWS:
        for line in Path(workflow).read_text().splitlines():
            if "uses:" in line:
                ref = line.split("uses:", 1)[1].split("#")[0].strip()
                assert len(ref.rsplit("@", 1)[-1]) == 40, (workflow, line)


def test_ruff_lint_passes() -> None:
    result = run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = run(str(BIN / "ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr
