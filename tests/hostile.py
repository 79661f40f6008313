"""A hostile copy of the fixture site: classic XSS payloads appended to every text field of
every kind, so that tests can prove they stay text.

Links with unsafe schemes (javascript:, data:) are not among them: the check refuses those
with a located error (see test_errors.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

PAYLOAD = (
    "<script>window.__xss=1</script>"
    '<img src=x onerror="window.__xss=2">'
    "\"'><svg onload=window.__xss=3>"
    ' <a href="javascript:window.__xss=4">a</a>'
    " </script><script>window.__xss=5</script>"
    ' [q](https://example.org/" onmouseover="window.__xss=6)'
    # A query alone: an address of the page itself, which the check lets through (an
    # anchor `#x` is checked against the page's anchors, in prose and YAML alike).
    ' ![i](?x" onerror="window.__xss=7)'
    " &lt;b&gt; &#60;script&#62;window.__xss=8&#60;/script&#62;"
    " {{ 7*7 }} ${7*7} {% raw %}"
)
"""Each payload sets window.__xss if it ever runs."""

TEXT_FIELDS = {
    "title",
    "intro",
    "term",
    "definition",
    "aliases",
    "name",
    "description",
    "summary",
    "note",
    "notes",
    "situation",
    "explanation",
    "prompt",
    "text",
    "feedback",
    "feedback_true",
    "feedback_false",
    "label",
    "row_header",
    "aws",
    "customer",
    "shared",
    "publisher",
}


def _poison(data: object, field: str | None = None) -> object:
    if isinstance(data, dict):
        return {key: _poison(value, key) for key, value in data.items()}
    if isinstance(data, list):
        return [_poison(value, field) for value in data]
    if isinstance(data, str) and field in TEXT_FIELDS:
        return f"{data} {PAYLOAD}"
    return data


def make_hostile_site(fixture: Path, target: Path, overrides: Path) -> Path:
    """Copy the fixture site to `target` with every text field poisoned."""
    shutil.copytree(fixture, target)
    for path in (target / "content").rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_poison(data), allow_unicode=True, sort_keys=False))
    index = target / "content" / "index.md"
    # In prose, the image payload would point MkDocs at a missing file: a warning, not XSS.
    prose = PAYLOAD.replace(' ![i](?x" onerror="window.__xss=7)', "")
    index.write_text(index.read_text() + f"\n\nProse with a payload too: {prose}\n")
    config = target / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../overrides", str(overrides)))
    return target
