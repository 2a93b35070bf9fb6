"""Fetching, site profiles, the archive and crawl state. Knows HTTP, not Vietnamese."""
