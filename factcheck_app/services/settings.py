"""Workspace settings: every key, its type and default declared once, stored in `settings`.

These travel with the workspace file (a desk shares one publisher name and one URL
pattern), unlike the window layout, which is per user and lives in QSettings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.urls import URL_PLACEHOLDERS, check_url_pattern, validate_source_url

if TYPE_CHECKING:  # the desk imports this module
    from factcheck_app.services.desk import Desk

T = TypeVar("T")
logger = logging.getLogger(__name__)


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


def get_setting(desk: Desk, setting: Setting[T]) -> T:
    """The stored value, or the default when unset or unreadable.

    A stored value passes the same check as a typed one: the workspace may come from an
    older desk or another tool, and e.g. a `javascript:` publisher URL or a pattern asking
    Python for gigabytes must never reach an export.
    """
    stored = desk.repo.settings.get_setting(setting.key)
    if stored is None:
        return setting.default
    try:
        value = setting.parse(stored)
        return setting.check(value) if setting.check is not None else value
    except (ValueError, FactcheckError) as error:
        logger.warning("Stored setting %s ignored: %s", setting.key, error)
        return setting.default


def stored_problem(desk: Desk, setting: Setting[T]) -> tuple[str, str] | None:
    """The stored text of `setting` and why it is ignored (`get_setting` gives the
    default for it), in the check's words; None when none is stored or it is usable."""
    stored = desk.repo.settings.get_setting(setting.key)
    if stored is None:
        return None
    try:
        value = setting.parse(stored)
        if setting.check is not None:
            setting.check(value)
    except (ValueError, FactcheckError) as error:
        return stored, str(error)
    return None


def set_setting(desk: Desk, setting: Setting[T], value: T) -> T:
    """Check and store a value (the default removes the row); returns what was stored."""
    if setting.check is not None:
        value = setting.check(value)
    repo = desk.repo
    with repo.db.atomic():  # a read-only workspace raises WorkspaceReadOnly, in words
        if value == setting.default:
            repo.settings.delete_setting(setting.key)
        else:
            repo.settings.set_setting(setting.key, setting.dump(value))
    return value


__all__ = [
    "ALL_SETTINGS",
    "FACTCHECK_URL_PATTERN",
    "PUBLISHER_NAME",
    "PUBLISHER_URL",
    "URL_PLACEHOLDERS",
    "Setting",
    "check_url_pattern",
    "get_setting",
    "set_setting",
    "stored_problem",
]
