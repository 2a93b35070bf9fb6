"""Placeholder, replaced below."""

from parsers.document import Document


def extract(doc: Document) -> Document:
    return doc
