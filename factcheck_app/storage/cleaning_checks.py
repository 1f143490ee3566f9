"""The value checks of a cleaned copy (`cleaning.py`): each value read from a refused
workspace is checked the way the schema and the desk check it; a value that fails leaves
its row out (`Invalid`)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from factcheck_app.domain.errors import EditRefused, InvalidSourceUrl
from factcheck_app.domain.urls import check_url_pattern, validate_source_url
from factcheck_app.storage.stores.articles import ARTICLE_ID_HIGH_WATER
from factcheck_app.storage.stores.sentences import SENTENCE_ID_HIGH_WATER
from factcheck_app.storage.stores.sources import LINK_ID_HIGH_WATER

# Settings whose value is an address the exports publish (services/settings.py checks them
# as they are typed; a copied value gets the same check).
_URL_SETTINGS = ("publisher.url",)
_URL_PATTERN_SETTINGS = ("claimreview.url_pattern",)


class Invalid(Exception):
    """A value fails its check: the row is left out."""


def an_id(value: Any) -> int:
    if type(value) is not int or value <= 0:
        raise Invalid
    return value


def an_int(value: Any, default: int | None = None) -> int:
    if value is None and default is not None:
        return default
    if type(value) is not int:
        raise Invalid
    return value


def a_text(value: Any, default: str | None = "") -> str:
    if value is None and default is not None:
        return default
    if not isinstance(value, str):
        raise Invalid
    return value


def a_language(value: Any) -> str:
    """A language code ("en", "und") or "" (not known: detected on the next re-split)."""
    if isinstance(value, str) and re.fullmatch(r"[a-z]{2,3}", value):
        return value
    return ""


def optional_text(value: Any) -> str | None:
    return None if value is None else a_text(value)


def a_date(value: Any) -> str | None:
    """An ISO date, or None (a date that does not parse shows as none in the desk too)."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def a_choice(value: Any, allowed: set[str], default: str | None) -> str | None:
    if value is None or value == "":
        return default
    if value not in allowed:
        raise Invalid
    return str(value)


def a_json(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise Invalid
    try:
        json.loads(value)
    except (ValueError, RecursionError):  # RecursionError: nested too deeply
        raise Invalid from None
    return value


def a_url(value: str) -> str:
    try:
        return validate_source_url(value)
    except InvalidSourceUrl:
        raise Invalid from None


def a_setting(key: str, value: str) -> str:
    if (
        key in (SENTENCE_ID_HIGH_WATER, ARTICLE_ID_HIGH_WATER, LINK_ID_HIGH_WATER)
        and re.fullmatch(r"[0-9]{1,18}", value) is None
    ):
        raise Invalid
    if key in _URL_SETTINGS and value.strip():
        return a_url(value.strip())
    if key in _URL_PATTERN_SETTINGS and value.strip():
        # The desk's own rule: plain placeholders only, never formatted by str.format
        # (a stored width of 3,000,000,000 would build a 3 GB string).
        try:
            check_url_pattern(value)
        except (EditRefused, InvalidSourceUrl):
            raise Invalid from None
    return value
