"""`baocao eval GOLD_DIR`: precision, recall and F1 of the extractors against gold.

Reads `corpus.jsonl` and `gold_quantities.jsonl` / `gold_references.jsonl` /
`gold_negatives.jsonl` (see shared/eval/README.md). A predicted figure is right
when its span overlaps a gold mention and its value and kind agree; a reference
when its span overlaps and its number agrees. Gold marked optional or `ignore`
counts neither way. Attribute accuracy is over matched pairs.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from baocao.parsers.document import Block, Document
from baocao.parsers.matchkey import match_key
from baocao.pipeline.registry import EXTRACTORS


class GoldError(ValueError):
    """The gold folder is missing a file or holds a malformed line."""


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    quantities: dict[str, Score] = field(default_factory=dict)  # per kind, and "all"
    references: Score = field(default_factory=Score)
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, total]
    negatives_hit: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    has_references: bool = False
    attribute_errors: list[str] = field(default_factory=list)

    def attr(self, name: str, ok: bool, wrong: str = "") -> None:
        right, total = self.attributes.setdefault(name, [0, 0])
        self.attributes[name] = [right + int(ok), total + 1]
        if not ok and wrong:
            self.attribute_errors.append(wrong)


def _read_jsonl(path: Path) -> list[dict]:
    out = []
    for i, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise GoldError(f"{path}:{i}: not valid JSON ({e.msg})") from None
    return out


def _span(text: str, rec: dict) -> tuple[int, int] | None:
    if rec.get("start") is not None and rec.get("end") is not None:
        return int(rec["start"]), int(rec["end"])
    mention, pos = rec["mention"], -1
    for _ in range(int(rec.get("occurrence", 1))):
        pos = text.find(mention, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(mention)


def document_for(doc_id: str, text: str) -> Document:
    """The gold text as it is (offsets must match), one block per line."""
    blocks, pos = [], 0
    for line in text.split("\n"):
        blocks.append(Block(pos, pos + len(line)))
        pos += len(line) + 1
    doc = Document(doc_id, f"eval:{doc_id}", text, blocks)
    for extract in EXTRACTORS.values():
        doc = extract(doc)
    return doc


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _first_match(span: tuple[int, int], required: list, used: set[int], agrees) -> int | None:
    """Index of the first gold record not yet matched that overlaps span and agrees."""
    return next(
        (
            i
            for i, (s, g) in enumerate(required)
            if i not in used and _overlap(span, s) and agrees(g)
        ),
        None,
    )


def _same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _same_text(a: object, b: object) -> bool:
    if a in (None, "") or b in (None, ""):
        return a in (None, "") and b in (None, "")
    return match_key(str(a)) == match_key(str(b))


def evaluate(folder: Path) -> Report:
    corpus_path = folder / "corpus.jsonl"
    if not corpus_path.exists():
        raise GoldError(f"{folder}: no corpus.jsonl (is this a gold folder?)")
    corpus = {r["id"]: r["text"] for r in _read_jsonl(corpus_path)}
    gold = {
        n: _by_doc(folder / f"gold_{n}.jsonl") for n in ("quantities", "references", "negatives")
    }
    report = Report(has_references=(folder / "gold_references.jsonl").exists())
    for doc_id, text in corpus.items():
        doc = document_for(doc_id, text)
        _score_quantities(
            report, doc, gold["quantities"].get(doc_id, []), gold["negatives"].get(doc_id, [])
        )
        if report.has_references:
            _score_references(report, doc, gold["references"].get(doc_id, []))
    return report


def _by_doc(path: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    if path.exists():
        for i, rec in enumerate(_read_jsonl(path), 1):
            if not isinstance(rec, dict) or "id" not in rec or "mention" not in rec:
                raise GoldError(f"{path}: record {i} needs an `id` and a `mention`")
            out.setdefault(rec["id"], []).append(rec)
    return out


def _score_quantities(
    report: Report, doc: Document, gold: list[dict], negatives: list[dict]
) -> None:
    text = doc.text
    required, soft = [], []
    for g in gold:
        span = _span(text, g)
        if span is None:
            raise GoldError(f"{doc.doc_id}: gold mention {g['mention']!r} not found in the text")
        (soft if g.get("optional") or g.get("kind") == "ignore" else required).append((span, g))
    neg_spans = [(s, n) for n in negatives if (s := _span(text, n))]
    used: set[int] = set()
    scores = report.quantities
    for q in doc.quantities:
        span = (q.start, q.end)
        hit = _first_match(
            span,
            required,
            used,
            lambda g, q=q: _same_value(q.value, g.get("value")) and q.kind == g.get("kind"),
        )
        if hit is not None:
            used.add(hit)
            g = required[hit][1]
            _count(scores, q.kind, "tp")
            _attributes(report, doc.doc_id, q, g)
            continue
        if any(_overlap(span, s) for s, _ in soft):
            continue
        _count(scores, q.kind, "fp")
        shown = f"{doc.doc_id}: {text[q.start : q.end]!r} -> {q.kind} {q.value:g}"
        report.false_alarms.append(shown)
        for s, n in neg_spans:
            if _overlap(span, s):
                report.negatives_hit.append(f"{shown} (gold negative: {n.get('reason')})")
    for i, (_, g) in enumerate(required):
        if i not in used:
            _count(scores, g["kind"], "fn")
            report.misses.append(f"{doc.doc_id}: {g['mention']!r} ({g['kind']} {g.get('value')})")


def _count(scores: dict[str, Score], kind: str, outcome: str) -> None:
    """One true positive, false positive or miss, overall and for its kind."""
    for key in ("all", kind):
        score = scores.setdefault(key, Score())
        setattr(score, outcome, getattr(score, outcome) + 1)


def _attributes(report: Report, doc_id: str, q, g: dict) -> None:
    where = f"{doc_id}: {g['mention']!r}"
    if "unit" in g:
        report.attr(
            "unit", _same_text(q.unit, g["unit"]), f"{where} unit {q.unit!r} (gold {g['unit']!r})"
        )
    if "qualifier" in g:
        report.attr(
            "qualifier",
            (q.qualifier or "exact") == (g["qualifier"] or "exact"),
            f"{where} qualifier {q.qualifier} (gold {g['qualifier']})",
        )
    report.attr(
        "per", _same_text(q.per, g.get("per")), f"{where} per {q.per!r} (gold {g.get('per')!r})"
    )
    report.attr(
        "denominator",
        _same_value(q.denominator, g.get("denominator")),
        f"{where} denominator {q.denominator} (gold {g.get('denominator')})",
    )
    if g.get("value_max") is not None or q.value_max is not None:
        report.attr(
            "value_max",
            _same_value(q.value_max, g.get("value_max")),
            f"{where} value_max {q.value_max} (gold {g.get('value_max')})",
        )


def _norm_number(n: object) -> str:
    return "".join(str(n).split()).upper() if n else ""


def _score_references(report: Report, doc: Document, gold: list[dict]) -> None:
    """A gold citation whose mention is not in the text counts as a miss, and is named as
    such: a gold record must never drop out of the score unseen."""
    text = doc.text
    for g in gold:
        if not g.get("optional") and _span(text, g) is None:
            report.references.fn += 1
            report.misses.append(
                f"{doc.doc_id}: reference {g['mention']!r} (gold mention not in the text)"
            )
    required = [(s, g) for g in gold if not g.get("optional") and (s := _span(text, g))]
    soft = [s for g in gold if g.get("optional") and (s := _span(text, g))]
    used: set[int] = set()
    for r in doc.references:
        span = (r.start, r.end)
        hit = _first_match(
            span,
            required,
            used,
            lambda g, r=r: _norm_number(r.number) == _norm_number(g.get("number")),
        )
        if hit is None and any(_overlap(span, s) for s in soft):
            continue
        if hit is None:
            report.references.fp += 1
            report.false_alarms.append(f"{doc.doc_id}: reference {text[r.start : r.end]!r}")
            continue
        used.add(hit)
        report.references.tp += 1
        g = required[hit][1]
        where = f"{doc.doc_id}: {text[r.start : r.end]!r}"
        report.attr(
            "reference date",
            (r.date or None) == (g.get("date") or None),
            f"{where} date {r.date} (gold {g.get('date')})",
        )
        report.attr(
            "reference issuer",
            _same_text(r.issuer, g.get("issuer")),
            f"{where} issuer {r.issuer!r} (gold {g.get('issuer')!r})",
        )
        report.attr(
            "reference type",
            _same_text(r.doc_type, g.get("doc_type")),
            f"{where} type {r.doc_type!r} (gold {g.get('doc_type')!r})",
        )
    for i, (_, g) in enumerate(required):
        if i not in used:
            report.references.fn += 1
            report.misses.append(f"{doc.doc_id}: reference {g['mention']!r}")


def _score_line(label: str, sc: Score) -> str:
    return f"{label:<14}{sc.precision:7.3f}{sc.recall:7.3f}{sc.f1:7.3f}{sc.tp:6}{sc.fp:5}{sc.fn:5}"


def format_report(report: Report, show: int = 20) -> list[str]:
    lines = [f"{'':<14}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}"]
    rows = sorted(report.quantities.items(), key=lambda kv: (kv[0] != "all", kv[0]))
    for kind, sc in rows:
        lines.append(_score_line("quantities" if kind == "all" else f"  {kind}", sc))
    if report.has_references:
        lines.append(_score_line("references", report.references))
    lines.append("attribute accuracy (matched pairs):")
    for name, (right, total) in sorted(report.attributes.items()):
        lines.append(f"  {name:<18}{right / total if total else 1:6.3f}  ({right}/{total})")
    lines.append(f"attribute errors: {len(report.attribute_errors)}")
    lines += [f"  {x}" for x in report.attribute_errors[:show]]
    lines.append(f"predictions on hard negatives: {len(report.negatives_hit)}")
    lines += [f"  {x}" for x in report.negatives_hit[:show]]
    counts = Counter(x.split(":")[0] for x in report.misses)
    lines.append(
        f"misses: {len(report.misses)}" + (f" (by document: {dict(counts)})" if counts else "")
    )
    lines += [f"  {x}" for x in report.misses[:show]]
    lines.append(f"false alarms: {len(report.false_alarms)}")
    lines += [f"  {x}" for x in report.false_alarms[:show]]
    return lines
