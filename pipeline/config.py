"""Settings for a harvest: defaults, then the config file, then command-line flags.

One frozen dataclass; a typo in the file is an error that names the key and the
valid ones, never silently ignored (Scrapy's string settings ignore typos).
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from pipeline import __version__
from scrapers.sites import ProfileError, SiteProfile, bundled_profiles, profile_from_data

DEFAULT_CONTACT = "https://github.com/baocao/baocao"


class ConfigError(ValueError):
    """The configuration file is wrong; the message names the file and the key."""


@dataclass(frozen=True)
class Settings:
    contact: str = DEFAULT_CONTACT  # a URL or e-mail where site owners can reach you
    user_agent: str = ""  # default: baocao/<version> (+contact)
    delay: float = 1.0  # minimum seconds between two requests to one host
    timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    retries: int = 3
    backoff: float = 1.0
    depth: int = 3  # listing pages followed from a start URL
    max_pages: int = 5000  # per run, a safety net
    sites: tuple[SiteProfile, ...] = field(default_factory=tuple)

    @property
    def agent(self) -> str:
        return self.user_agent or f"baocao/{__version__} (+{self.contact})"


def load_settings(path: Path | None, **overrides: object) -> Settings:
    base = Settings()
    if path is not None:
        base = _from_file(path)
    given = {k: v for k, v in overrides.items() if v is not None}
    return dataclasses.replace(base, **given)


def _from_file(path: Path) -> Settings:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None
    unknown = sorted(set(data) - {"run", "sites"})
    if unknown:
        raise ConfigError(f"{path}: unknown section(s) {', '.join(unknown)}; known: run, sites")
    run = data.get("run", {})
    known = {f.name for f in fields(Settings)} - {"sites"}
    bad = sorted(set(run) - known)
    if bad:
        raise ConfigError(
            f"{path}: unknown key(s) in [run]: {', '.join(bad)}; known: {', '.join(sorted(known))}"
        )
    sites = tuple(_site(path, i, s) for i, s in enumerate(data.get("sites", [])))
    try:
        return Settings(**run, sites=sites)
    except TypeError as e:
        raise ConfigError(f"{path}: {e}") from None


def _site(path: Path, i: int, entry: dict) -> SiteProfile:
    """A `[[sites]]` entry: a bundled profile by name, with any keys overridden."""
    entry = dict(entry)
    base_name = entry.pop("profile", None)
    if base_name:
        base = next((p for p in bundled_profiles() if p.name == base_name), None)
        if base is None:
            names = ", ".join(p.name for p in bundled_profiles())
            raise ConfigError(
                f"{path}: sites[{i}] names unknown profile {base_name!r}; known: {names}"
            )
        merged = {**dataclasses.asdict(base), **entry}
    else:
        merged = entry
    try:
        return profile_from_data(f"{path}: sites[{i}]", merged)
    except ProfileError as e:
        raise ConfigError(str(e)) from None
