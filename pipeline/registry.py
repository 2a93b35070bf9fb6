"""The extractors, in the order they run. One plain dict: add a line to add one."""

from __future__ import annotations

from collections.abc import Callable

from baocao.parsers import quantities, references
from baocao.parsers.document import Document

EXTRACTORS: dict[str, Callable[[Document], Document]] = {
    "references": references.extract,
    "quantities": quantities.extract,
}
