"""The Frictionless Data Package that describes an output folder.

Built from the same field list that writes the tables, so the two cannot drift;
validated with the `frictionless` library (the field's reference implementation)
in the test suite, on every kind of output folder.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from baocao.outputs.codebook import ENUMS, describe, write_codebook
from baocao.outputs.tables import PRIMARY_KEYS, TABLES

DESCRIPTIONS = {
    "documents": "One row per document: where it came from and its header metadata.",
    "sections": "Numbered sections; start/end are offsets into texts/<doc_id>.txt.",
    "footnotes": "Footnotes with the section their marker stands in.",
    "quantities": "Every figure: value, unit, kind, qualifier, and its exact span.",
    "references": "Citations of legal and administrative documents.",
    "tables": "Data tables of the source, in long form.",
    "errors": "Inputs that could not be processed, and why.",
    "runs": "One row per harvest run: when, and what it fetched.",
    "hosts": "One row per harvest run and host: what the night fetched from each site.",
    "figures": "Every figure with its document's title, issuer, place, date, period and its "
    "section's title: one table, ready for groupby.",
}


def _field(table: str, f) -> dict[str, object]:
    out: dict[str, object] = {"name": f.name, "type": f.type}
    about = describe(table, f.name)
    if about:
        out["description"] = about
    if f"{table}.{f.name}" in ENUMS:
        out["constraints"] = {"enum": ENUMS[f"{table}.{f.name}"]}
    return out


def _texts(folder: Path) -> dict[str, object] | None:
    """Every document's text as one resource whose parts are the files (a resource
    holds one kind of data; here, the texts every start/end points into)."""
    parts = sorted(p.relative_to(folder).as_posix() for p in (folder / "texts").glob("*.txt"))
    if not parts:
        return None
    return {
        "name": "texts",
        "path": parts,
        "format": "txt",
        "mediatype": "text/plain",
        "encoding": "utf-8",
        "description": "texts/<doc_id>.txt: each document's normalised text, the one that "
        "every start and end offset of the tables points into (Python str indices).",
    }


def descriptor(
    names: list[str], run: dict[str, object], folder: Path | None = None
) -> dict[str, object]:
    resources = []
    for name in names:
        schema: dict[str, object] = {"fields": [_field(name, f) for f in TABLES[name]]}
        if name in PRIMARY_KEYS:
            schema["primaryKey"] = PRIMARY_KEYS[name]
        if name not in ("documents", "errors", "runs", "hosts"):
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
    texts = _texts(folder) if folder is not None else None
    if texts:
        resources.append(texts)
    return {
        "name": "baocao-output",
        "profile": "data-package",  # tabular resources, and the texts beside them
        "created": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "resources": resources,
        "baocao": run,
    }


def write_datapackage(folder: Path, names: list[str], run: dict[str, object]) -> Path:
    """Write the descriptor atomically. The test suite checks every one with
    `frictionless validate`; importing frictionless here would cost half a second
    on every run, most of a one-page `extract`."""
    desc = descriptor(names, run, folder)
    write_codebook(folder, names, run)
    path = folder / "datapackage.json"
    tmp = folder / ".datapackage.json.tmp"
    tmp.write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
