"""The reporting period a document covers, read from its title: `6 tháng đầu năm 2024`,
`quý II/2024`, `9 tháng năm 2023`, `năm 2024`, `nhiệm kỳ 2022 - 2027`, `năm học
2021-2022`, `tháng 5/2024`, `từ ngày 1/3/2024 đến ngày 31/3/2024`.

A period is a label as written and its first and last day, so that reports of the
same half-year from different provinces line up in a `groupby`. The first pattern
that matches the title wins (a title names one period); a period without a year takes
the year of the document's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from baocao.parsers.header import iso_date

YEAR = r"(?:năm\s+)?(?P<y>(?:19|20)\d\d)"
ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Period:
    label: str
    start: str  # ISO
    end: str


def _month_end(y: int, m: int) -> str:
    return dt.date(y, m, calendar.monthrange(y, m)[1]).isoformat()


def _months(y: int, first: int, last: int) -> tuple[str, str]:
    return dt.date(y, first, 1).isoformat(), _month_end(y, last)


PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"từ\s+ngày\s+(?P<d1>\d{1,2})[/.-](?P<m1>\d{1,2})[/.-](?P<y1>\d{4})\s+"
            r"đến\s+(?:hết\s+)?ngày\s+(?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})[/.-](?P<y2>\d{4})",
            re.I,
        ),
        "range",
    ),
    (
        re.compile(
            r"(?P<n>\d{1,2})\s+tháng\s+(?P<half>đầu|cuối)(?:\s+năm)?(?:\s+(?P<y>(?:19|20)\d\d))?",
            re.I,
        ),
        "months",
    ),
    (
        re.compile(r"(?P<n>\d{1,2})\s+tháng\s+(?:(?:đầu\s+)?năm\s+)?(?P<y>(?:19|20)\d\d)", re.I),
        "months",
    ),
    (
        re.compile(r"quý\s+(?P<q>IV|I{1,3}|[1-4])\b\s*(?:/|năm)?\s*(?P<y>(?:19|20)\d\d)?", re.I),
        "quarter",
    ),
    (
        re.compile(r"nhiệm\s+kỳ\s+(?P<y1>(?:19|20)\d\d)\s*[-–]\s*(?P<y2>(?:19|20)\d\d)", re.I),
        "years",
    ),
    (
        re.compile(r"năm\s+học\s+(?P<y1>(?:19|20)\d\d)\s*[-–]\s*(?P<y2>(?:19|20)\d\d)", re.I),
        "school",
    ),
    (
        re.compile(r"tháng\s+(?P<m>\d{1,2})\s*(?:/\s*|\s+năm\s+)(?P<y>(?:19|20)\d\d)", re.I),
        "month",
    ),
    (
        re.compile(r"(?:giai\s+đoạn\s+)(?P<y1>(?:19|20)\d\d)\s*[-–]\s*(?P<y2>(?:19|20)\d\d)", re.I),
        "years",
    ),
    # `đến năm 2025` is a target, not the period reported on
    (re.compile(r"(?<!đến )(?<!tới )năm\s+(?P<y>(?:19|20)\d\d)", re.I), "year"),
]


def period_of(title: str | None, issued: str | None = None) -> Period | None:
    """The period a title names, or None when it names none."""
    if not title:
        return None
    fallback = int(issued[:4]) if issued and issued[:4].isdigit() else None
    for pattern, kind in PATTERNS:
        m = pattern.search(title)
        if m:
            span = _span(kind, m, fallback)
            if span:
                return Period(" ".join(m.group(0).split()), *span)
    return None


def _span(kind: str, m: re.Match[str], fallback: int | None) -> tuple[str, str] | None:
    g = m.groupdict()
    y = int(g["y"]) if g.get("y") else fallback
    if kind == "range":
        a, b = iso_date(g["d1"], g["m1"], g["y1"]), iso_date(g["d2"], g["m2"], g["y2"])
        return (a, b) if a and b else None
    if kind in ("years", "school"):
        y1, y2 = int(g["y1"]), int(g["y2"])
        if kind == "school":
            return dt.date(y1, 9, 1).isoformat(), dt.date(y2, 8, 31).isoformat()
        return dt.date(y1, 1, 1).isoformat(), dt.date(y2, 12, 31).isoformat()
    if y is None:
        return None
    if kind == "months":
        n = int(g["n"])
        if not 1 <= n <= 12:
            return None
        return _months(y, 13 - n, 12) if g.get("half", "").lower() == "cuối" else _months(y, 1, n)
    if kind == "quarter":
        q = ROMAN_QUARTER[g["q"].upper()]
        return _months(y, 3 * q - 2, 3 * q)
    if kind == "month":
        mth = int(g["m"])
        return _months(y, mth, mth) if 1 <= mth <= 12 else None
    return _months(y, 1, 12)
