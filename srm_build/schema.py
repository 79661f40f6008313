"""JSON Schemas generated from the models, so editors complete keys and flag mistakes.

One schema covers every content file (the `kind` field picks the branch); one per kind is
written too for tools that map files to schemas one by one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .registry import FILE_MODELS, ContentFile

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _finish(schema: dict[str, Any], title: str) -> dict[str, Any]:
    return {"$schema": SCHEMA_DIALECT, "title": title, **schema}


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema: `content.schema.json` and one `<kind>.schema.json` per kind."""
    result = {
        "content.schema.json": _finish(TypeAdapter(ContentFile).json_schema(), "SRM content file"),
    }
    for kind, model in FILE_MODELS.items():
        result[f"{kind}.schema.json"] = _finish(model.model_json_schema(), f"SRM {kind} file")
    return result


def dump(schema: dict[str, Any]) -> str:
    """Stable text for a schema, so the committed files only change when the models do."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder`; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(dump(schema), encoding="utf-8")
        written.append(path)
    return written
