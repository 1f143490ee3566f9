"""Times as the workspace stores them (ISO 8601 text, UTC), read back to be shown."""

from __future__ import annotations

import datetime as dt


def stored_time(value: object) -> dt.datetime | None:
    """A stored *_at text as a timezone-aware time; one written without its offset (an
    older or hand-made file) is UTC, as every stored time is. None when it is not a time."""
    try:
        when = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def in_local_zone(when: dt.datetime) -> dt.datetime | None:
    """`when` in this computer's time zone; None for a moment that zone cannot show (year
    1 west of UTC, the end of year 9999 east of it: a merged or imported file's)."""
    try:
        return when.astimezone()
    except (OverflowError, ValueError):
        return None
