"""Ruled tables on a PDF page: the grid their border lines draw.

Word and LibreOffice draw a bordered table's rules as thin paths (or thin filled
rectangles); pdfium gives each path's bounds. Rules that touch form one grid; a
grid of at least two horizontal and two vertical rules is a table, its cells the
spaces between neighbouring rules. Text lines are broken at vertical rules
(`pdflines`), so each cell's text is its own line, and the layout puts each line
in the cell its middle falls in. Tables drawn without rules (columns of text
only) are not found: their lines stay text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

THIN = 2.5  # points: a rule is at most this thick
LONG = 5.0  # ... and at least this long
TOUCH = 2.0  # rules this close meet
SAME = 2.0  # rule positions this close are one


@dataclass(frozen=True)
class Rule:
    horizontal: bool
    at: float  # y of a horizontal rule, x of a vertical one
    start: float  # x0 (horizontal) or y0 (vertical)
    end: float


@dataclass
class Grid:
    xs: list[float]  # column edges, left to right
    ys: list[float]  # row edges, top to bottom (PDF y falls downwards)
    walls: list[Rule] = field(default_factory=list)  # its vertical rules

    def holds(self, x: float, y: float) -> bool:
        return self.xs[0] < x < self.xs[-1] and self.ys[-1] < y < self.ys[0]

    def cell(self, x: float, y: float) -> tuple[int, int]:
        col = next(i for i in range(len(self.xs) - 1) if x < self.xs[i + 1])
        row = next(i for i in range(len(self.ys) - 1) if y > self.ys[i + 1])
        return row, col


def page_rules(page) -> list[Rule]:
    """The thin horizontal and vertical paths of a page."""
    out = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        width, height = right - left, top - bottom
        if height <= THIN and width >= LONG:
            out.append(Rule(True, (bottom + top) / 2, left, right))
        elif width <= THIN and height >= LONG:
            out.append(Rule(False, (left + right) / 2, bottom, top))
    return out


def grids(rules: list[Rule]) -> list[Grid]:
    """Rules that touch, grouped; each group with two rules each way is a grid."""
    groups: list[list[Rule]] = []
    for rule in rules:
        joined = [g for g in groups if any(_touch(rule, r) for r in g)]
        merged = [rule] + [r for g in joined for r in g]
        groups = [g for g in groups if g not in joined] + [merged]
    out = []
    for g in groups:
        xs = _distinct(r.at for r in g if not r.horizontal)
        ys = _distinct(r.at for r in g if r.horizontal)
        if len(xs) >= 2 and len(ys) >= 2:
            out.append(Grid(xs, ys[::-1], [r for r in g if not r.horizontal]))
    return out


def _touch(a: Rule, b: Rule) -> bool:
    if a.horizontal == b.horizontal:
        return abs(a.at - b.at) <= SAME and a.start <= b.end + TOUCH and b.start <= a.end + TOUCH
    h, v = (a, b) if a.horizontal else (b, a)
    return h.start - TOUCH <= v.at <= h.end + TOUCH and v.start - TOUCH <= h.at <= v.end + TOUCH


def _distinct(values) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SAME:
            out.append(v)
    return out
