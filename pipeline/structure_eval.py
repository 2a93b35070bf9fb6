"""`baocao eval GOLD_DIR` for structure gold: sections and header fields.

A structure gold folder holds `texts/<id>.txt` (a text as a scraper delivered it) and
`gold/<id>.json` (its sections and header as a person read them; the format is in
shared/eval/structure-dev/README.md). Each text goes through the same parse as
`baocao extract`, and the result is scored the way a reader would check it: was
every numbered heading found with its title, at the right depth and under the right
parent; is each header field the text shows read right; is each field it does not
show left empty (an empty field is better than a wrong one).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from baocao.parsers.document import Document, Section, SkipDocument
from baocao.parsers.matchkey import text_key
from baocao.parsers.parse import parse_page
from baocao.pipeline.evaluation import GoldError, Score

# gold field -> Document.meta key
FIELDS = {
    "doc_type": "doc_type",
    "number": "doc_number",
    "date": "issued_date",
    "place": "place",
    "issuer": "issuer",
    "parent_issuer": "parent_issuer",
    "title": "document_title",
    "signer": "signer",
}
PREFIX_MIN = 15  # a numbered paragraph's title may be a prefix of this many characters
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-"})
_SPACE = re.compile(r"\s+")
BELOW_ARTICLE = "dieu"


def norm(s: object) -> str:
    """NFC, case folded, one tone placement, no whitespace, no trailing `.:;,`."""
    key = text_key(str(s).translate(_DASHES)).replace("*", "")
    return _SPACE.sub("", key).rstrip(".:;,")


@dataclass
class StructureReport:
    sections: Score = field(default_factory=Score)  # marker and title
    markers: Score = field(default_factory=Score)  # marker only
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [found, total]
    level: list[int] = field(default_factory=lambda: [0, 0])
    parent: list[int] = field(default_factory=lambda: [0, 0])
    shown: dict[str, list[int]] = field(default_factory=dict)  # field -> [right, total]
    lacking: dict[str, list[int]] = field(default_factory=dict)  # field -> [empty, total]
    footnotes: list[int] = field(default_factory=lambda: [0, 0])
    page_titles: list[int] = field(default_factory=lambda: [0, 0])  # HTML pages' headlines
    non_documents: list[int] = field(default_factory=lambda: [0, 0])  # skipped, as they must be
    documents: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)
    structure_errors: list[str] = field(default_factory=list)

    @staticmethod
    def ratio(pair: list[int]) -> float:
        return pair[0] / pair[1] if pair[1] else 1.0

    def pooled(self, table: dict[str, list[int]]) -> float:
        return self.ratio([sum(v[0] for v in table.values()), sum(v[1] for v in table.values())])


def is_structure_gold(folder: Path) -> bool:
    return (folder / "gold").is_dir() and (folder / "texts").is_dir()


TEXT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx", ".doc")


def parse_text_file(path: Path) -> Document:
    """A `.txt` as extracted text; an `.html` page as a page (article, chrome and all); a
    `.pdf`, `.docx` or `.doc` as the file it is."""
    return parse_page(path.read_bytes(), path.resolve().as_uri(), as_text=path.suffix == ".txt")


def _text_for(folder: Path, stem: str) -> Path | None:
    return next((p for s in TEXT_SUFFIXES if (p := folder / "texts" / f"{stem}{s}").exists()), None)


def evaluate_structure(folder: Path) -> StructureReport:
    report = StructureReport()
    golds = sorted((folder / "gold").glob("*.json"))
    if not golds:
        raise GoldError(f"{folder}/gold: no .json gold files")
    for path in golds:
        try:
            gold = json.loads(path.read_text("utf-8"))
        except json.JSONDecodeError as e:
            raise GoldError(f"{path}: not valid JSON ({e.msg})") from None
        text_path = _text_for(folder, path.stem)
        if text_path is None:
            missing = folder / "texts" / f"{path.stem}.txt"
            raise GoldError(f"{missing}: missing (gold {path.name} has no text)")
        report.documents += 1
        _score_file(report, path.stem, text_path, gold)
    return report


def _score_file(report: StructureReport, doc_id: str, text_path: Path, gold: dict) -> None:
    try:
        doc = parse_text_file(text_path)
    except SkipDocument as e:
        _score_skipped(report, doc_id, gold, str(e))
        return
    if gold.get("is_document") is False:
        report.non_documents[1] += 1
        report.field_errors.append(f"{doc_id}: a page with no document gave one")
        return
    if "page_title" in gold:
        _score_page_title(report, doc_id, doc.meta.get("title"), gold["page_title"])
    _score_fields(report, doc_id, doc, gold)
    _score_sections(report, doc_id, doc, gold)
    want = int(gold.get("footnotes") or 0)
    report.footnotes[0] += int(len(doc.footnotes) == want)
    report.footnotes[1] += 1


def _score_page_title(report: StructureReport, doc_id: str, got: str | None, want) -> None:
    ok = bool(got) and norm(got) in _accepted(want) if want else not got
    report.page_titles[0] += int(ok)
    report.page_titles[1] += 1
    if not ok:
        report.field_errors.append(f"{doc_id}: page title {got!r} (gold {want!r})")


def _score_skipped(report: StructureReport, doc_id: str, gold: dict, reason: str) -> None:
    """A page given no document: right for a listing or an error page, a loss otherwise."""
    if gold.get("is_document") is False:
        report.non_documents[0] += 1
        report.non_documents[1] += 1
        return
    report.field_errors.append(f"{doc_id}: no document ({reason})")
    golds = gold.get("sections") or []
    report.sections.fn += len(golds)
    report.markers.fn += len(golds)
    for g in golds:
        report.by_kind.setdefault(g.get("kind", "?"), [0, 0])[1] += 1
    for name in FIELDS:
        if name in gold and gold[name] is not None:
            report.shown.setdefault(name, [0, 0])[1] += 1


def _accepted(value: object) -> list[str]:
    return [norm(v) for v in (value if isinstance(value, list) else [value])]


def _score_fields(report: StructureReport, doc_id: str, doc: Document, gold: dict) -> None:
    for name, key in FIELDS.items():
        if name not in gold:
            continue
        got = doc.meta.get(key)
        want = gold[name]
        if want is None:
            pair = report.lacking.setdefault(name, [0, 0])
            pair[0] += int(not got)
            pair[1] += 1
            if got:
                report.field_errors.append(f"{doc_id}: {name} {got!r} (the text shows none)")
            continue
        pair = report.shown.setdefault(name, [0, 0])
        ok = bool(got) and norm(got) in _accepted(want)
        pair[0] += int(ok)
        pair[1] += 1
        if not ok:
            report.field_errors.append(f"{doc_id}: {name} {got!r} (gold {want!r})")


def _titles_agree(pred: str, gold: dict) -> bool:
    p, g = norm(pred), norm(gold.get("title") or "")
    if p == g:
        return True
    if gold.get("paragraph"):
        short = min(len(p), len(g))
        return short >= PREFIX_MIN and (p.startswith(g) or g.startswith(p))
    return False


def _scored_predictions(doc: Document, gold: dict) -> list[Section]:
    """Sections below an article are not scored when the gold stops at articles."""
    if gold.get("depth_annotated") != "Điều":
        return list(doc.sections)
    by_id = {s.section_id: s for s in doc.sections}
    out = []
    for s in doc.sections:
        up, inside = by_id.get(s.parent_id or ""), False
        while up is not None:
            inside = inside or up.kind == BELOW_ARTICLE
            up = by_id.get(up.parent_id or "")
        if not inside:
            out.append(s)
    return out


def _align(preds: list[Section], golds: list[dict], agree) -> dict[int, int]:
    """Gold index -> prediction index, in text order (each prediction used once)."""
    pairs: dict[int, int] = {}
    nxt = 0
    for gi, g in enumerate(golds):
        for pi in range(nxt, len(preds)):
            if agree(preds[pi], g):
                pairs[gi], nxt = pi, pi + 1
                break
    return pairs


def _gold_parents(golds: list[dict]) -> list[int | None]:
    parents: list[int | None] = []
    for i, g in enumerate(golds):
        up = next((j for j in range(i - 1, -1, -1) if golds[j]["level"] < g["level"]), None)
        parents.append(up)
    return parents


def _score_sections(report: StructureReport, doc_id: str, doc: Document, gold: dict) -> None:
    golds = gold.get("sections") or []
    preds = _scored_predictions(doc, gold)

    def same_marker(p: Section, g: dict) -> bool:
        return norm(p.number) == norm(g["marker"])

    full = _align(preds, golds, lambda p, g: same_marker(p, g) and _titles_agree(p.title, g))
    marker = _align(preds, golds, same_marker)
    for sc, pairs in ((report.sections, full), (report.markers, marker)):
        sc.tp += len(pairs)
        sc.fn += len(golds) - len(pairs)
        sc.fp += len(preds) - len(pairs)
    parents = _gold_parents(golds)
    pred_index = {s.section_id: i for i, s in enumerate(preds)}
    for gi, g in enumerate(golds):
        kind = report.by_kind.setdefault(g.get("kind", "?"), [0, 0])
        kind[1] += 1
        if gi not in full:
            report.misses.append(f"{doc_id}: {g['marker']} {g.get('title', '')[:70]!r}")
            continue
        kind[0] += 1
        p = preds[full[gi]]
        report.level[0] += int(p.level == g["level"])
        report.level[1] += 1
        want_parent = full.get(parents[gi]) if parents[gi] is not None else None
        got_parent = pred_index.get(p.parent_id or "")
        ok = want_parent == got_parent
        report.parent[0] += int(ok)
        report.parent[1] += 1
        if p.level != g["level"] or not ok:
            report.structure_errors.append(
                f"{doc_id}: {g['marker']} level {p.level} (gold {g['level']}), "
                f"parent {p.parent_id!r}"
            )
    used = set(full.values())
    for pi, p in enumerate(preds):
        if pi not in used:
            report.false_alarms.append(f"{doc_id}: {p.number} {p.title[:70]!r}")


def _line(label: str, sc: Score) -> str:
    return f"{label:<22}{sc.precision:7.3f}{sc.recall:7.3f}{sc.f1:7.3f}{sc.tp:6}{sc.fp:5}{sc.fn:5}"


def format_structure(report: StructureReport, show: int = 20) -> list[str]:
    r = report.ratio
    lines = [f"structure gold: {report.documents} documents"]
    lines.append(f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}")
    lines.append(_line("sections", report.sections))
    lines.append(_line("  marker only", report.markers))
    lines.append("recall by marker kind:")
    for kind, pair in sorted(report.by_kind.items()):
        lines.append(f"  {kind:<20}{r(pair):6.3f}  ({pair[0]}/{pair[1]})")
    lines.append(
        f"level accuracy        {r(report.level):6.3f}  ({report.level[0]}/{report.level[1]})"
    )
    lines.append(
        f"parent accuracy       {r(report.parent):6.3f}  ({report.parent[0]}/{report.parent[1]})"
    )
    lines.append(f"header fields the text shows: {report.pooled(report.shown):.3f}")
    for name, pair in sorted(report.shown.items()):
        lines.append(f"  {name:<20}{r(pair):6.3f}  ({pair[0]}/{pair[1]})")
    lines.append(f"header fields the text lacks, left empty: {report.pooled(report.lacking):.3f}")
    for name, pair in sorted(report.lacking.items()):
        lines.append(f"  {name:<20}{r(pair):6.3f}  ({pair[0]}/{pair[1]})")
    lines.append(
        f"footnote count right  {r(report.footnotes):6.3f}  "
        f"({report.footnotes[0]}/{report.footnotes[1]})"
    )
    for label, pair in (
        ("page title right", report.page_titles),
        ("non-documents skipped", report.non_documents),
    ):
        if pair[1]:
            lines.append(f"{label:<22}{r(pair):6.3f}  ({pair[0]}/{pair[1]})")
    for label, items in (
        ("field errors", report.field_errors),
        ("section misses", report.misses),
        ("section false alarms", report.false_alarms),
        ("level or parent errors", report.structure_errors),
    ):
        counts = Counter(x.split(":")[0] for x in items)
        lines.append(
            f"{label}: {len(items)}" + (f" (by document: {dict(counts)})" if items else "")
        )
        lines += [f"  {x}" for x in items[:show]]
    return lines
