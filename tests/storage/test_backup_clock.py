"""Backups keep their order, and the rotation keeps the newest, whatever the clock and the
time zone do: a laptop flown across zones, a daylight-saving change, a clock put back."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from tests.conftest import SEED_FILE
from tests.zones import in_zone


@dataclass
class Clock:
    """The computer's clock (UTC) and its time zone, as the backups module sees them."""

    at: dt.datetime
    request: pytest.FixtureRequest

    def zone(self, name: str) -> None:
        in_zone(self.request, name)

    def move(self, **delta: float) -> None:
        self.at += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Clock:
    state = Clock(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), request)

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Frozen:
            moment = state.at.astimezone(tz) if tz else state.at.astimezone().replace(tzinfo=None)
            return cls.combine(moment.date(), moment.time(), moment.tzinfo)

    monkeypatch.setattr(backups, "dt", types.SimpleNamespace(**{**vars(dt), "datetime": Frozen}))
    return state


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    return path


def back_up(path: Path) -> Path:
    conn = sqlite3.connect(path)
    try:
        return backups.take_backup(conn, path, "manual")
    finally:
        conn.close()


def listed(path: Path) -> list[Path]:
    return [info.path for info in backups.list_backups(path)]


def shown(when: dt.datetime | None) -> str:
    """A backup's time as the restore dialog shows it."""
    assert when is not None
    return f"{when:%Y-%m-%d %H:%M}"


def test_a_laptop_flown_west_keeps_the_backups_made_after_the_flight(
    clock: Clock, path: Path
) -> None:
    """Backups were named with the local time: ten made in Tokyo in the evening, then two
    in Honolulu the same morning after a seven-hour flight (named eleven hours "earlier").
    By the evening in Honolulu the Tokyo names were no longer in the future, and the next
    backup's rotation deleted the two made after the flight, keeping the older Tokyo
    ones; the restore dialog listed them below every Tokyo backup."""
    clock.zone("Asia/Tokyo")  # UTC+9
    clock.at = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)  # 17:00 in Tokyo
    made = []
    for _ in range(10):
        made.append(back_up(path))
        clock.move(minutes=10)
    clock.zone("Pacific/Honolulu")  # UTC-10
    clock.move(hours=7)
    made.append(back_up(path))  # 06:40 in Honolulu
    clock.move(minutes=30)
    made.append(back_up(path))
    clock.move(hours=12)  # the evening in Honolulu
    made.append(back_up(path))
    newest = made[::-1]  # none removed, newest first (manual ones are never thinned)
    assert listed(path) == newest
    assert all(p.exists() for p in newest)
    assert shown(backups.latest_backup_time(path)) == shown(clock.at.astimezone())


def test_the_hour_daylight_saving_repeats_keeps_backups_in_order(clock: Clock, path: Path) -> None:
    """On the night the clocks go back, 01:10 comes after 01:50: the backups of the
    second 01:00 hour sorted before those of the first and were rotated away first."""
    clock.zone("Europe/London")
    clock.at = dt.datetime(2026, 10, 25, 0, 0, tzinfo=dt.UTC)  # 01:00 BST
    made = []
    for _ in range(13):  # on into 01:xx GMT
        clock.move(minutes=7)
        made.append(back_up(path))
    assert listed(path) == made[::-1]
    assert shown(backups.latest_backup_time(path)) == shown(clock.at.astimezone())


def test_a_clock_put_back_by_minutes_does_not_rotate_away_the_last_backup(
    clock: Clock, path: Path
) -> None:
    """A backup made while the clock ran a few minutes fast counted as older than every
    other once the clock was corrected, and the next backup's rotation deleted it first."""
    clock.zone("UTC")
    for _ in range(9):
        back_up(path)
        clock.move(hours=1)
    clock.move(minutes=5)  # running fast
    fast = back_up(path)
    clock.move(minutes=-4)  # corrected: a minute after the fast backup, in truth
    last = back_up(path)
    assert fast.exists()
    assert listed(path)[:2] == [fast, last]  # by the names: both newer than the rest


def test_backups_named_in_local_time_by_earlier_versions_still_sort_by_time(
    clock: Clock, path: Path
) -> None:
    """Backups made before the names said UTC carry local time: read as such, they sort
    among the new ones by the moment they were made."""
    clock.zone("Asia/Kolkata")  # UTC+05:30
    folder = backups.backup_dir(path)
    first = back_up(path)
    old = folder / "w-20260302-150000-manual.fcdesk"  # 09:30 UTC
    old.write_bytes(first.read_bytes())
    clock.move(hours=1)
    second = back_up(path)
    assert listed(path) == [second, old, first]
    assert backups.is_backup(second) and backups.is_backup(old)
    info = backups.list_backups(path)[0]
    assert f"{info.created:%H:%M}" == "15:30"  # shown in local time, as before


def test_two_workspaces_set_aside_in_one_second_are_both_listed(clock: Clock, path: Path) -> None:
    """The second of two files set aside in the same second was named with its counter
    after the kind ("before-restore-1"): it was no longer a backup's name, so the restore
    dialog never listed it and File → Open did not open it read-only."""
    first = backups.set_aside(path, "before-restore")
    path.write_bytes(first.read_bytes())
    second = backups.set_aside(path, "before-restore")
    assert set(listed(path)) == {first, second}
    assert backups.is_backup(second)


@pytest.mark.parametrize(
    "stamp", ["20261399-000000", "00000101-000000", "00010101-000000", "99991231-235959Z"]
)
def test_a_backup_name_with_an_impossible_date_is_passed_over(
    clock: Clock, path: Path, stamp: str
) -> None:
    """A file named like a backup but dated month 13 or year 0 in the backups folder made
    every open of the workspace fail with an unexpected error; so would the first and
    last moments a datetime holds, which an eastern zone cannot turn into UTC or back."""
    clock.zone("Pacific/Chatham")  # UTC+13:45 in March
    folder = backups.backup_dir(path)
    folder.mkdir()
    planted = folder / f"w-{stamp}-auto.fcdesk"
    planted.write_bytes(b"junk")
    desk = Desk.open(path)  # the automatic backup is due
    desk.close()
    assert planted.exists()
    assert [info.reason for info in backups.list_backups(path)] == ["auto"]


def test_a_backup_by_a_clock_a_little_fast_counts_as_recent(clock: Clock, path: Path) -> None:
    """Two desks share a workspace, one's clock ten minutes ahead of the other's. Its
    backup, "in the future" for the other desk, did not count as recent there: each
    open of the workspace made another automatic backup, each pushing out an older one."""
    clock.zone("Europe/Paris")
    for _ in range(10):
        conn = sqlite3.connect(path)
        backups.take_backup(conn, path, "auto")
        conn.close()
        clock.move(hours=5)
    clock.move(minutes=10)  # the desk whose clock is ahead opens the workspace
    Desk.open(path).close()
    before = listed(path)
    assert len(before) >= 9  # the first day's thinned to its newest
    clock.move(minutes=-9)  # the other desk, a minute later, opens it three times
    for _ in range(3):
        assert not backups.backup_due(path)
        Desk.open(path).close()
    assert listed(path) == before


def test_the_hour_the_clocks_go_forward_leaves_another_desks_backup_being_written(
    clock: Clock, path: Path
) -> None:
    """A partial backup is removed as left by a crash once it is an hour old, and the hour
    was counted in local time: on the night the clocks go forward, from 03:00 to 04:00,
    an hour before was a time that did not exist, read as now. A backup made then (a
    window's automatic one) deleted the backup another desk on the same workspace was
    writing that moment (a read-only window's Back Up Now), which then failed."""
    clock.zone("America/New_York")
    clock.at = dt.datetime(2026, 3, 8, 7, 30, tzinfo=dt.UTC)  # 03:30 EDT, just after the jump
    folder = backups.backup_dir(path)
    folder.mkdir()
    writing = folder / "w-20260308-072900Z-manual.partial"  # last written a minute ago
    dead = folder / "w-20260308-052000Z-auto.partial"  # left by a crash two hours ago
    for partial, minutes in ((writing, 1), (dead, 130)):
        partial.write_bytes(b"half a backup")
        moment = (clock.at - dt.timedelta(minutes=minutes)).timestamp()
        os.utime(partial, (moment, moment))
    back_up(path)
    assert writing.exists()
    assert not dead.exists()


def test_a_clock_put_back_by_hours_does_not_stop_the_automatic_backups(
    clock: Clock, path: Path
) -> None:
    """A laptop's clock ran six hours fast (the time set by hand, a wrong time zone) until
    the network put it right just after the morning's open. That open's backup, dated
    14:30, counted as made "now" up to a day ahead: the desk opened again and again that
    day (or left open, looking every 10 minutes) made no automatic backup until 18:30,
    and the day's work had none but the morning's. Now the desk makes one once the clock
    is right, and every 4 hours; only once 14:30 has come does that backup count as made
    then (its true time is unknown)."""
    clock.zone("Europe/Berlin")
    clock.at = dt.datetime(2026, 3, 2, 7, 30, tzinfo=dt.UTC)  # 08:30 in Berlin
    clock.move(hours=6)  # what the fast clock says
    Desk.open(path).close()  # the morning's backup, named 14:30
    clock.move(hours=-6, minutes=5)  # put right: 08:35
    for _ in range(4):  # the desk opened at 08:35, 12:35, 16:35 and 20:35
        Desk.open(path).close()
        clock.move(hours=4)
    made = [f"{info.created:%H:%M}" for info in backups.list_backups(path)]
    assert made == ["20:35", "14:30", "12:35", "08:35"]


@pytest.mark.parametrize("first", ["before-restore", "manual"])
def test_backups_of_two_kinds_made_in_one_second_are_listed_newest_first(
    clock: Clock, path: Path, first: str
) -> None:
    """A restore, then Back Up Now in the same second (or Back Up Now, then a restore):
    the second's two names differed only in their kind, and the restore dialog listed
    them in the folder's order, so "the newest backup" could be the older of the two."""

    def make(reason: str) -> Path:
        if reason == "manual":
            return back_up(path)
        kept = backups.set_aside(path, reason)
        path.write_bytes(kept.read_bytes())  # the backup restored in its place
        return kept

    older = make(first)
    newer = make("manual" if first == "before-restore" else "before-restore")
    assert listed(path) == [newer, older]
    assert all(backups.is_backup(made) for made in (older, newer))
