"""Times as the workspace stores them (ISO 8601 text, UTC), read back to be shown."""

from __future__ import annotations

import datetime as dt
import time


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


def follow_time_zone() -> None:
    """Read this computer's time zone again, for the times shown from now on. Python and
    the C library read it once, when the program starts: after the zone was changed (in
    the system's settings, or by a laptop that follows where it is), every time was shown
    in the old one until the desk was started again. On Linux and macOS the C library
    reads it again when asked (a look at /etc/localtime, 3 µs); Windows cannot be asked."""
    tzset = getattr(time, "tzset", None)
    if tzset is not None:
        tzset()
