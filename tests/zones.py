"""Running a test in a given time zone (TZ, as a user's session sets it)."""

from __future__ import annotations

import os
import time

import pytest


def in_zone(request: pytest.FixtureRequest, name: str) -> None:
    """Put this process in the time zone `name` ("Asia/Kolkata") until the test ends."""
    before = os.environ.get("TZ")

    def restore() -> None:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()

    request.addfinalizer(restore)
    os.environ["TZ"] = name
    time.tzset()
