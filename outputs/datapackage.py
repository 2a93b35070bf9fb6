"""The Frictionless Data Package that describes an output folder.

Built with the `frictionless` library (the field's reference implementation),
from the same field list that writes the tables, so the two cannot drift.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from outputs.tables import PRIMARY_KEYS, TABLES

DESCRIPTIONS = {
    "documents": "One row per document: where it came from and its header metadata.",
    "sections": "Numbered sections; start/end are offsets into texts/<doc_id>.txt.",
    "footnotes": "Footnotes with the section their marker stands in.",
    "quantities": "Every figure: value, unit, kind, qualifier, and its exact span.",
    "references": "Citations of legal and administrative documents.",
    "tables": "Data tables of the source, in long form.",
    "errors": "Inputs that could not be processed, and why.",
    "runs": "One row per harvest run: when, and what it fetched.",
}


def descriptor(names: list[str], run: dict[str, object]) -> dict[str, object]:
    resources = []
    for name in names:
        schema: dict[str, object] = {
            "fields": [{"name": f.name, "type": f.type} for f in TABLES[name]],
        }
        if name in PRIMARY_KEYS:
            schema["primaryKey"] = PRIMARY_KEYS[name]
        if name not in ("documents", "errors", "runs"):
            schema["foreignKeys"] = [
                {"fields": "doc_id", "reference": {"resource": "documents", "fields": "doc_id"}}
            ]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": DESCRIPTIONS[name],
                "schema": schema,
            }
        )
    return {
        "name": "baocao-output",
        "profile": "tabular-data-package",
        "created": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "resources": resources,
        "baocao": run,
    }


def write_datapackage(folder: Path, names: list[str], run: dict[str, object]) -> Path:
    """Check the descriptor with frictionless, then write it atomically."""
    from frictionless import Package

    desc = descriptor(names, run)
    Package.from_descriptor(desc, basepath=str(folder))  # raises on a malformed descriptor
    path = folder / "datapackage.json"
    tmp = folder / ".datapackage.json.tmp"
    tmp.write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
