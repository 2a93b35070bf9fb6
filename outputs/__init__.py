"""Spans to tidy tables: CSV, Parquet, datapackage.json."""
