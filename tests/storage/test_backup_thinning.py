"""Automatic backups thinned as they age: every one of the newest days, then one a day, a
week, a month and a year; the reviewer's and the before-update/before-restore ones kept;
nothing thinned on a wrong clock's word or before the new backup reads back whole."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from tests.conftest import SEED_FILE
from tests.zones import in_zone

START = dt.datetime(2026, 1, 5, 8, 30, tzinfo=dt.UTC)  # a Monday


@pytest.fixture
def workspace(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    in_zone(request, "UTC")  # days as the names say them
    path = tmp_path / "w.fcdesk"
    backups.backup_dir(path).mkdir()
    return path


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.at = START
        monkeypatch.setattr(backups, "_now", lambda: self.at)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


def fake_backup(workspace: Path, at: dt.datetime, reason: str = "auto") -> Path:
    """A backup as its name says it (the thinning reads nothing else)."""
    path = backups.backup_dir(workspace) / f"w-{at:%Y%m%d-%H%M%S}Z-{reason}.fcdesk"
    path.write_bytes(b"")
    return path


def a_year_of_use() -> Iterator[tuple[dt.datetime, str]]:
    """When a desk used on weekdays makes its backups over a year: at the open (08:30)
    and every 4 hours while the window is open (to 18:30, left open over Wednesday
    nights); Back Up Now on Fridays at noon; an update in March and June; a restore in
    May and September."""
    day = START
    while day < START + dt.timedelta(days=365):
        if day.weekday() < 5:
            hours = [0, 4, 8] + ([12, 16, 20] if day.weekday() == 2 else [])
            for hour in hours:
                yield day + dt.timedelta(hours=hour), "auto"
            if day.weekday() == 4:
                yield day + dt.timedelta(hours=3, minutes=30), "manual"
            if (day.month, day.day) in ((3, 2), (6, 1)):
                yield day + dt.timedelta(minutes=1), "before-migration"
            if (day.month, day.day) in ((5, 5), (9, 8)):
                yield day + dt.timedelta(hours=2), "before-restore"
        day += dt.timedelta(days=1)


def live_a_year(workspace: Path, clock: Clock) -> list[tuple[dt.datetime, str]]:
    made = []
    for at, reason in a_year_of_use():
        clock.at = at
        new = fake_backup(workspace, at, reason)
        backups.prune_backups(workspace, keep=new)  # as take_backup does after each
        made.append((at, reason))
    return made


def kept(workspace: Path) -> list[tuple[dt.datetime, str]]:
    return [(info.created, info.reason) for info in backups.list_backups(workspace)]


def test_a_year_of_automatic_backups_is_thinned_to_days_weeks_and_months(
    workspace: Path, clock: Clock
) -> None:
    """Only the newest 10 automatic backups were kept: a window left open made one every
    4 hours, so after 40 hours the state of Monday was in no backup at all, and a mistake
    found on Thursday (a merge that overwrote verdicts) could not be undone."""
    made = live_a_year(workspace, clock)
    autos = [at for at, reason in kept(workspace) if reason == "auto"]
    made_autos = [at for at, reason in made if reason == "auto"]
    days = sorted({at.date() for at in made_autos}, reverse=True)
    # Every backup of the two newest working days.
    assert [at for at in made_autos if at.date() in days[:2]] == sorted(
        at for at in autos if at.date() in days[:2]
    )
    assert len([at for at in autos if at.date() in days[:2]]) >= 6
    # The last backup of each of the 14 newest working days: near three weeks back.
    for day in days[:14]:
        assert max(at for at in made_autos if at.date() == day) in autos
    # One of each of the 8 newest weeks, and of the 12 months.
    weeks = sorted({at.isocalendar()[:2] for at in autos}, reverse=True)
    assert (
        len(weeks) >= 8
        and weeks[:8] == sorted({at.isocalendar()[:2] for at in made_autos}, reverse=True)[:8]
    )
    months = sorted({(at.year, at.month) for at in made_autos}, reverse=True)
    assert len(months) == 13 and set(months[:12]) <= {(at.year, at.month) for at in autos}
    # And a year of them is a few dozen files, not a year's 800.
    assert len(made_autos) > 800 and len(autos) <= 45


def test_the_reviewers_backups_and_those_before_an_update_or_a_restore_are_never_removed(
    workspace: Path, clock: Clock
) -> None:
    """Only the newest 10 made with Back Up Now, and 5 of those made before an update or
    before a restore, were kept: a sixth restore deleted the only copy of the work the
    first one had replaced, and the reviewer's own backup of before a big change went
    without a word after ten more."""
    for at in range(12):
        clock.at = START + dt.timedelta(days=at)
        fake_backup(workspace, clock.at + dt.timedelta(minutes=1), "before-restore")
        fake_backup(workspace, clock.at + dt.timedelta(minutes=2), "before-migration")
        fake_backup(workspace, clock.at + dt.timedelta(minutes=3), "damaged")
    made = live_a_year(workspace, clock)
    reasons = [reason for _at, reason in kept(workspace)]
    assert reasons.count("manual") == [r for _at, r in made].count("manual") == 52
    assert reasons.count("before-restore") == 12 + 2
    assert reasons.count("before-migration") == 12 + 2
    assert reasons.count("damaged") == 12


def test_a_clock_set_years_ahead_thins_nothing_recent(workspace: Path, clock: Clock) -> None:
    """Counted back from the clock, a clock set to 2031 (a dead battery, a slip of the
    hand) would make a week's backups look years old and remove all but one of them.
    Days are counted among those with backups: the recent ones are kept as they were."""
    live_a_year(workspace, clock)
    before = kept(workspace)
    clock.at = dt.datetime(2031, 6, 1, 9, 0, tzinfo=dt.UTC)
    for hour in (0, 4):  # two backups on the wrong day
        clock.at += dt.timedelta(hours=hour)
        backups.prune_backups(workspace, keep=fake_backup(workspace, clock.at))
    after = kept(workspace)
    removed = set(before) - set(after)
    newest = max(at for at, _reason in before)
    assert all(newest - at > dt.timedelta(days=1) for at, _reason in removed)  # the day before
    assert {at for at, _reason in before if newest - at < dt.timedelta(days=14)} <= {
        at for at, _reason in after
    } | {at for at, _reason in removed if at.date() != newest.date()}


def test_backups_dated_ahead_of_a_clock_set_back_are_not_thinned(
    workspace: Path, clock: Clock
) -> None:
    """The clock put back to 2020: every real backup is "in the future". None of them is
    removed on the wrong clock's word, and those made meanwhile are kept too."""
    live_a_year(workspace, clock)
    before = kept(workspace)
    clock.at = dt.datetime(2020, 1, 1, 9, 0, tzinfo=dt.UTC)
    made = [fake_backup(workspace, clock.at + dt.timedelta(hours=4 * n)) for n in range(12)]
    for new in made:
        backups.prune_backups(workspace, keep=new)
    assert set(before) <= set(kept(workspace))
    assert all(path.exists() for path in made)


def back_up(path: Path, stop_at_check: bool = False) -> Path:
    """An automatic backup; `stop_at_check`: the workspace is closed once the copy is
    complete, while it is read back."""
    conn = sqlite3.connect(path)
    folder = backups.backup_dir(path)
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        copied = (lambda: not list(folder.glob("*.partial"))) if stop_at_check else None
        return backups.take_backup(conn, path, "auto", cancelled=copied)
    finally:
        conn.close()


@pytest.fixture
def real(workspace: Path) -> Path:
    desk = Desk.open(workspace, backup=False)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    return workspace


def old_backups(workspace: Path) -> list[Path]:
    """Forty automatic backups of a year ago, one a week: any new backup thins them."""
    return [fake_backup(workspace, START - dt.timedelta(days=7 * n)) for n in range(40)]


def test_a_backup_of_a_damaged_workspace_thins_none_of_the_older_ones(
    real: Path, clock: Clock
) -> None:
    """Older backups went whatever the new one held: a workspace damaged on the disk
    copies its damage, and its backups pushed out the sound ones before anyone knew."""
    old = old_backups(real)
    conn = sqlite3.connect(real)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with real.open("r+b") as file:  # a page in the middle mangled, as a failing disk does
        file.seek(size * (pages // 2) + 8)
        file.write(b"\xff" * 64)
    clock.at = START + dt.timedelta(days=1)
    made = back_up(real)
    assert made.exists()
    assert not backups.reads_back_whole(made)
    assert all(path.exists() for path in old)


def test_a_backup_stopped_while_it_is_checked_thins_nothing(
    real: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the workspace while the new backup is read back stops the check; the backup,
    complete, is kept, and the older ones wait for the next backup's thinning."""
    monkeypatch.setattr(backups, "_CHECK_LOOK_EVERY", 100, raising=False)  # a small file
    old = old_backups(real)
    clock.at = START + dt.timedelta(days=1)
    made = back_up(real, stop_at_check=True)
    assert made.exists() and backups.reads_back_whole(made)
    assert all(path.exists() for path in old)
    back_up(real)  # the next one thins them
    assert not all(path.exists() for path in old)


def test_a_backups_folder_on_a_disk_that_is_gone_is_named_as_such(real: Path) -> None:
    """The backups folder made a link to a USB disk or a share, not connected now: the
    desk said "cannot write to …/w-backups (File exists)", which names no cause."""
    folder = backups.backup_dir(real)
    folder.rmdir()
    elsewhere = real.parent / "usb-stick" / "backups"
    folder.symlink_to(elsewhere)
    with pytest.raises(WorkspaceError) as raised:
        back_up(real)
    message = str(raised.value)
    assert "File exists" not in message
    assert "backups folder leads to a place that is not there" in message
    assert "not connected" in message and f"{folder} leads to {elsewhere}" in message
    assert not (real.parent / "usb-stick").exists()  # nothing made in its place
