"""Site profiles: how to read one site, as data (`scrapers/profiles/*.toml`).

A profile names the hosts it serves and CSS selectors for the article body,
its title and its publish date, plus how to walk the site when harvesting.
An unknown site gets no profile and falls back to generic extraction.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit


class ProfileError(ValueError):
    """A profile file is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class SiteProfile:
    name: str
    hosts: tuple[str, ...] = ()
    body: str | None = None  # CSS selector of the article body
    title: str | None = None
    published: str | None = None
    drop: tuple[str, ...] = ()  # CSS selectors removed from the body (share buttons, ...)
    start_urls: tuple[str, ...] = ()
    article_links: str | None = None  # regex an article URL matches
    listing_links: str | None = None  # regex a listing or pager URL matches
    delay: float | None = None
    extra: dict[str, str] = field(default_factory=dict)


GENERIC = SiteProfile(name="generic")


def load_profile(path: Path | str, text: str | None = None) -> SiteProfile:
    data = tomllib.loads(text if text is not None else Path(path).read_text("utf-8"))
    return profile_from_data(str(path), data)


def profile_from_data(source: str, data: dict) -> SiteProfile:
    """A profile from parsed TOML; `source` names the file (and entry) in errors."""
    known = {f.name for f in fields(SiteProfile)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ProfileError(
            f"{source}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    if "name" not in data:
        raise ProfileError(f"{source}: a profile needs a name")
    data = dict(data)
    for key in ("hosts", "drop", "start_urls"):
        if key in data:
            data[key] = tuple(data[key])
    return SiteProfile(**data)


@cache
def bundled_profiles() -> tuple[SiteProfile, ...]:
    folder = resources.files("baocao.scrapers") / "profiles"
    return tuple(
        load_profile(str(p), p.read_text("utf-8"))
        for p in sorted(folder.iterdir(), key=lambda p: p.name)
        if p.name.endswith(".toml")
    )


def profile_for(url: str | None, profiles: tuple[SiteProfile, ...] | None = None) -> SiteProfile:
    """The profile whose hosts include the URL's host (or a parent domain of it)."""
    if not url:
        return GENERIC
    host = (urlsplit(url).hostname or "").lower()
    for prof in profiles if profiles is not None else bundled_profiles():
        if any(host == h or host.endswith("." + h) for h in prof.hosts):
            return prof
    return GENERIC
