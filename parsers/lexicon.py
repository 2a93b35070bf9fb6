"""Word lists and tables that describe the language, read from `parsers/data/`.

Data, not if-chains: a new unit word or document type is a line in a file.
Lines starting with `#` are comments; TSV files map column 1 to column 2.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = (resources.files("baocao.parsers") / "data" / name).read_text("utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def words(name: str) -> tuple[str, ...]:
    """A one-column list, in file order."""
    return tuple(ln.strip() for ln in _lines(name))


@cache
def table(name: str) -> dict[str, str]:
    """A two-column TSV as a dict (first column is the key)."""
    out: dict[str, str] = {}
    for ln in _lines(name):
        key, _, value = ln.partition("\t")
        out[key.strip()] = value.strip()
    return out


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """A many-column TSV, as tuples of stripped cells."""
    return tuple(tuple(c.strip() for c in ln.split("\t")) for ln in _lines(name))
