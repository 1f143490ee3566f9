"""Workspace settings: every key, its type and default declared once, stored in `settings`.

These travel with the workspace file (a desk shares one publisher name and one URL
pattern), unlike the window layout, which is per user and lives in QSettings.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from factcheck_app.domain.errors import EditRefused, FactcheckError
from factcheck_app.domain.urls import validate_source_url
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.repositories import WorkspaceRepository

T = TypeVar("T")

URL_PLACEHOLDERS = ("article_id", "sentence_id", "number", "slug")


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    """One workspace setting: its key, default, and how it is read from and written to text."""

    key: str
    default: T
    parse: Callable[[str], T]
    dump: Callable[[T], str]
    check: Callable[[T], T] | None = None
    help: str = ""


def _text(value: str) -> str:
    return value


def _clean_url(value: str) -> str:
    return validate_source_url(value) if value.strip() else ""


def check_url_pattern(pattern: str) -> str:
    """An http(s) URL whose {placeholders} are all known (so every claim can get its own URL)."""
    pattern = pattern.strip()
    if not pattern:
        return ""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
    except ValueError as error:
        raise EditRefused(f"The fact-check URL pattern has unbalanced braces ({error}).") from None
    unknown = [name for name in fields if name not in URL_PLACEHOLDERS]
    if unknown:
        known = ", ".join("{" + p + "}" for p in URL_PLACEHOLDERS)
        raise EditRefused(
            f"Unknown placeholder {{{unknown[0]}}} in the fact-check URL pattern (known: {known})."
        )
    sample = pattern.format(article_id=1, sentence_id=1, number=1, slug="a")
    validate_source_url(sample)
    return pattern


PUBLISHER_NAME = Setting(
    "publisher.name", "", _text, _text, str.strip, "organisation that publishes the fact-checks"
)
PUBLISHER_URL = Setting(
    "publisher.url", "", _text, _text, _clean_url, "home page of the publishing organisation"
)
FACTCHECK_URL_PATTERN = Setting(
    "claimreview.url_pattern",
    "",
    _text,
    _text,
    check_url_pattern,
    "address of each published fact-check, e.g. https://example.org/checks/{slug}#claim-{number}",
)
ALL_SETTINGS: tuple[Setting[str], ...] = (PUBLISHER_NAME, PUBLISHER_URL, FACTCHECK_URL_PATTERN)
SETTINGS_BY_KEY = {setting.key: setting for setting in ALL_SETTINGS}


def get_setting(db: WorkspaceDatabase, setting: Setting[T]) -> T:
    """The stored value, or the default when unset or unreadable."""
    stored = WorkspaceRepository(db).get_setting(setting.key)
    if stored is None:
        return setting.default
    try:
        return setting.parse(stored)
    except (ValueError, FactcheckError):
        return setting.default


def set_setting(db: WorkspaceDatabase, setting: Setting[T], value: T) -> T:
    """Check and store a value (the default removes the row); returns what was stored."""
    if setting.check is not None:
        value = setting.check(value)
    repo = WorkspaceRepository(db)
    with db.atomic():  # a read-only workspace raises WorkspaceReadOnly, in words
        if value == setting.default:
            repo.delete_setting(setting.key)
        else:
            repo.set_setting(setting.key, setting.dump(value))
    return value
