"""Bytes to one normalised text and its layers of spans, and the extractors over them."""
