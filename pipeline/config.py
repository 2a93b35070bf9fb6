"""Settings for a harvest: defaults, then the config file, then command-line flags.

One frozen dataclass; a typo in the file is an error that names the key and the
valid ones, never silently ignored (Scrapy's string settings ignore typos).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import unicodedata
from dataclasses import dataclass, field, fields
from pathlib import Path

from baocao.pipeline import __version__
from baocao.scrapers.sites import ProfileError, SiteProfile, bundled_profiles, profile_from_data

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
    concurrency: int = 8  # fetches under way at once, across hosts (one per host)
    # processes parsing beside the fetching (0: in the run's own); one core is left to the
    # fetching and writing, so cores - 1 (on 2 cores a second worker slowed a night by 5%)
    parse_workers: int = field(default_factory=lambda: max(1, (os.cpu_count() or 2) - 1))
    max_revalidations: int = 2000  # known reports re-checked per run (new ones come first)
    revisit_factor: float = 0.1  # a report unchanged for D days is checked again after 0.1 D
    revisit_min_days: float = 0.0  # ... but not sooner than this
    revisit_max_days: float = 30.0  # ... and never later than this
    deadline: float = 120.0  # wall-clock seconds for one response, however slowly it comes
    max_redirects: int = 5  # per fetch
    offsite_redirects: bool = False  # follow a redirect that leaves the configured sites
    max_crawl_delay: float = 60.0  # a robots.txt Crawl-delay longer than this is capped
    max_links_per_page: int = 1000  # links taken from one listing page
    max_pages_per_host: int = 2000  # pages fetched from one host in one run
    max_failures_per_host: int = 20  # failed fetches of one host before it is left for the run
    park_after: int = 3  # nights a URL may fail before it is parked (not tried again)
    document_timeout: float = 120.0  # seconds to parse one document
    max_document_chars: int = 5_000_000  # a longer text is recorded as too long
    max_file_bytes: int = 50 * 1024 * 1024  # a PDF or Word file (pages: max_bytes)
    doc_converter: str = ""  # LibreOffice's soffice for .doc/.rtf; empty: found on PATH
    ocr: str = "auto"  # scanned PDFs: auto (OCR when Tesseract is installed) or off
    ocr_language: str = "vie"  # Tesseract's model
    max_run_bytes: int = 2 * 1024**3  # bytes downloaded in one run; the run stops there
    sites: tuple[SiteProfile, ...] = field(default_factory=tuple)

    @property
    def agent(self) -> str:
        """The User-Agent header: HTTP headers are ASCII, so a Vietnamese name in the
        contact or agent is written without its diacritics (`Nguyễn` -> `Nguyen`)."""
        return ascii_header(self.user_agent or f"baocao/{__version__} (+{self.contact})")


def ascii_header(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in folded if 32 <= ord(c) < 127)


def load_settings(path: Path | None, **overrides: object) -> Settings:
    base = Settings()
    if path is not None:
        base = _from_file(path)
    given = {k: v for k, v in overrides.items() if v is not None}
    for key, value in given.items():
        check_value(key, value, where="--" + key.replace("_", "-"))
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
    if not isinstance(run, dict):
        raise ConfigError(f"{path}: [run] must be a table of keys")
    for key, value in run.items():
        check_value(key, value, where=f"{path}: [run]")
    sites_data = data.get("sites", [])
    if not isinstance(sites_data, list) or not all(isinstance(x, dict) for x in sites_data):
        raise ConfigError(f"{path}: sites must be [[sites]] tables")
    sites = tuple(_site(path, i, s) for i, s in enumerate(sites_data))
    return Settings(**run, sites=sites)


_TYPES = {f.name: f.type for f in fields(Settings)}
CHOICES = {"ocr": ("auto", "off")}
_KINDS = {"str": (str,), "float": (int, float), "int": (int,), "bool": (bool,)}
_WHAT = {"str": "text", "float": "a number", "int": "a whole number", "bool": "true or false"}


def check_value(key: str, value: object, where: str = "") -> None:
    """A one-line ConfigError naming the key when a value is of the wrong type or sign."""
    kind = str(_TYPES.get(key, ""))
    allowed = _KINDS.get(kind)
    prefix = f"{where} " if where else ""
    if allowed is None:
        return
    if isinstance(value, bool) and kind != "bool" or not isinstance(value, allowed):
        raise ConfigError(f"{prefix}{key} must be {_WHAT[kind]}, not {value!r}")
    if kind in ("int", "float") and not (0 <= value < float("inf")):
        raise ConfigError(f"{prefix}{key} must be zero or more, and finite, not {value!r}")
    if kind == "str" and any(ord(c) < 32 for c in value):
        raise ConfigError(f"{prefix}{key} must not hold control characters")
    if key in CHOICES and value not in CHOICES[key]:
        raise ConfigError(f"{prefix}{key} must be one of {', '.join(CHOICES[key])}, not {value!r}")


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
