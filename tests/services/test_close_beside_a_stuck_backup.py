"""An automatic backup stuck on a network share that stopped answering (its writes into
the backups folder, on a hard NFS mount, never return): closing the workspace waited for
its thread without a limit, and Quit or logging out hung for ever. The close now waits a
bounded time for it, leaves its (daemon) thread behind, and still closes and saves the
workspace; what the backup had begun stays a `.partial`, never listed as a backup."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from factcheck_app.services import upkeep
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from tests.stuck_backup import HELD_AT_MOST_S, STILL_S, HeldCopy


def explanations(path: Path) -> set[str]:
    """The explanations the workspace holds (its file with its -wal, as a desk reads it)."""
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
        return {row[0] for row in db.execute("SELECT explanation FROM reviews")}


def test_closing_leaves_an_automatic_backup_stuck_on_its_share_behind(
    seeded_desk: Desk, held_backup_copy: HeldCopy
) -> None:
    path = seeded_desk.path
    assert path is not None
    backup = seeded_desk.upkeep.start_backup("auto")
    assert held_backup_copy.begun.wait(HELD_AT_MOST_S)
    article_id = seeded_desk.articles.list_articles()[0].id
    first = seeded_desk.reviews.sentence_rows(article_id)[0].sentence.id
    seeded_desk.reviews.set_text_field(first, "explanation", "saved while it was stuck")

    closing = threading.Thread(target=seeded_desk.close, name="test-close", daemon=True)
    began = time.monotonic()
    closing.start()
    closing.join(HELD_AT_MOST_S + 10)
    took = time.monotonic() - began
    assert not closing.is_alive()
    # Before: until the guard let the copy go (20 s); now 0.3 s, and no wait for the read
    # the backup holds (test_closing_beside_its_stuck_backup_waits_for_no_read_of_its_own).
    assert took < HELD_AT_MOST_S / 2, f"the close took {took:.1f} s"
    assert seeded_desk.closed
    assert backup.running()  # left behind
    # Closed and saved as ever: the edit made while the backup was stuck is kept.
    assert "saved while it was stuck" in explanations(path)
    # What the backup began is no backup: nothing listed, its part file only.
    assert backups.list_backups(path) == []
    assert list(backups.backup_dir(path).glob("*.partial"))

    held_backup_copy.answers.set()  # the share answers: the backup, told to stop, stops
    backup.finish()
    assert backup.cancelled and backup.made is None
    assert not list(backups.backup_dir(path).glob("*.partial"))  # nothing of it is left
    assert backups.list_backups(path) == []


def test_back_up_now_that_moves_is_let_finish_past_the_limit(
    seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit is for a backup that stopped moving: Back Up Now of a big workspace on a
    slow USB stick, its copy taking longer than the limit in all but moving at each step,
    is let finish by the close as ever (the reviewer asked for it)."""
    path = seeded_desk.path
    assert path is not None
    monkeypatch.setattr(upkeep, "BACKUP_STILL_S", STILL_S)
    monkeypatch.setattr(backups, "STEP_PAGES", 2)  # many steps, each flushed
    slow = threading.Event()  # never set: the stick's slow flush, as its time
    flushes: list[float] = []
    real_flush = backups._flush

    def on_a_slow_stick(fd: int) -> None:
        flushes.append(time.monotonic())
        slow.wait(STILL_S / 4)
        real_flush(fd)

    monkeypatch.setattr(backups, "_flush", on_a_slow_stick)
    backup = seeded_desk.upkeep.start_backup("manual")
    seeded_desk.close()
    assert not backup.running() and backup.made is not None
    assert flushes[-1] - flushes[0] > STILL_S  # it did take longer than the limit
    assert [b.reason for b in backups.list_backups(path)] == ["manual"]


def test_closing_beside_its_stuck_backup_waits_for_no_read_of_its_own(
    seeded_desk: Desk, held_backup_copy: HeldCopy
) -> None:
    """The backup left behind holds a read of the workspace that will not end while the
    share is silent: the close then waited 3 s more for "another program" reading it (its
    status line said so, after "waiting up to 5 s" for the backup: 8 s in all), and so
    did every later close of the workspace reopened in the same window. What the close
    moves into the file is the same: none of it could go past that read."""
    path = seeded_desk.path
    assert path is not None
    backup = seeded_desk.upkeep.start_backup("auto")
    assert held_backup_copy.begun.wait(HELD_AT_MOST_S)
    article_id = seeded_desk.articles.list_articles()[0].id
    first = seeded_desk.reviews.sentence_rows(article_id)[0].sentence.id
    seeded_desk.reviews.set_text_field(first, "explanation", "before the close")
    read_waits: list[float] = []

    seeded_desk.close(on_wait=read_waits.append)
    assert backup.running()  # left behind, its read still held
    again = Desk.open(path, backup=False)  # opened again in the same window
    again.reviews.set_text_field(first, "explanation", "after it was opened again")
    again.close(on_wait=read_waits.append)

    assert read_waits == []  # Before: [3.0, 3.0], "if another program is reading it"
    assert "after it was opened again" in explanations(path)
    held_backup_copy.answers.set()
    backup.finish()
    assert backup.cancelled and backups.list_backups(path) == []
    assert not list(backups.backup_dir(path).glob("*.partial"))


def test_back_up_now_whose_steps_take_longer_than_the_limit_is_let_finish(
    seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Back Up Now on a slow VPN share: each step of its copy (4 MB) takes longer than the
    limit (6 s at 0.7 MB/s), yet it moves, step after step. The close, told "Finishing the
    backup of …", threw it away at its first step past the limit, without a word: the
    backup the reviewer asked for was never made. It is waited for at its own pace."""
    path = seeded_desk.path
    assert path is not None
    monkeypatch.setattr(upkeep, "BACKUP_STILL_S", STILL_S)
    monkeypatch.setattr(backups, "STEP_PAGES", 16)  # the seeded workspace: 3 steps
    slow = threading.Event()  # never set: the share's slow flush, as its time
    a_step_done = threading.Event()
    real_flush = backups._flush

    def on_a_slow_share(fd: int) -> None:
        slow.wait(STILL_S * 2)
        real_flush(fd)
        a_step_done.set()

    monkeypatch.setattr(backups, "_flush", on_a_slow_share)
    backup = seeded_desk.upkeep.start_backup("manual")
    assert a_step_done.wait(HELD_AT_MOST_S)  # Quit pressed as its copy goes on
    seeded_desk.close()
    assert not backup.running()
    assert backup.made is not None and not backup.cancelled  # Before: cancelled, none made
    assert [b.reason for b in backups.list_backups(path)] == ["manual"]


def test_closing_leaves_a_save_a_copy_stuck_on_its_share_behind(
    seeded_desk: Desk, held_backup_copy: HeldCopy, tmp_path: Path
) -> None:
    """File → Save a Copy… onto a colleague's share, which stops answering; then Quit. The
    close lets a copy asked for finish, and waited for this one without a limit, as it did
    for the automatic backup: on a hard NFS mount for ever. It is left behind the same
    way once its copy stops moving, and nothing of it is named a copy."""
    path = seeded_desk.path
    assert path is not None
    target = tmp_path / "share" / "handed over.fcdesk"
    target.parent.mkdir()
    ended: list[object] = []
    copy = seeded_desk.upkeep.start_copy(target, ended.append)
    assert held_backup_copy.begun.wait(HELD_AT_MOST_S)
    article_id = seeded_desk.articles.list_articles()[0].id
    first = seeded_desk.reviews.sentence_rows(article_id)[0].sentence.id
    seeded_desk.reviews.set_text_field(first, "explanation", "saved while it was stuck")

    closing = threading.Thread(target=seeded_desk.close, name="test-close", daemon=True)
    began = time.monotonic()
    closing.start()
    closing.join(HELD_AT_MOST_S + 10)
    took = time.monotonic() - began
    assert not closing.is_alive()
    assert took < HELD_AT_MOST_S / 2, f"the close took {took:.1f} s"  # Before: 20 s, the guard
    assert seeded_desk.closed and copy.running()  # left behind
    assert "saved while it was stuck" in explanations(path)
    assert not target.exists()

    held_backup_copy.answers.set()  # the share answers: the copy, told to stop, stops
    copy.finish()
    assert copy.cancelled and copy.made is None
    assert list(target.parent.iterdir()) == []  # nothing of it is left


def test_back_up_now_makes_way_by_stopping_an_automatic_backup_that_answers(
    seeded_desk: Desk, held_backup_copy: HeldCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Back Up Now's first step (`make_way_for_backup`): an automatic backup that stops
    when told (its folder answers) is stopped, and the one asked for may begin; one that
    does not stop at once is told to stop and handed back, for the window to say so."""
    monkeypatch.setattr(upkeep, "BACKUP_STOPS_AT_ONCE_S", HELD_AT_MOST_S)  # time not tested
    path = seeded_desk.path
    assert path is not None
    backup = seeded_desk.upkeep.start_backup("auto")
    assert held_backup_copy.begun.wait(HELD_AT_MOST_S)
    held_backup_copy.answers.set()  # it answers: told to stop, it stops at its next step

    assert seeded_desk.upkeep.make_way_for_backup() is None
    assert backup.cancelled and not backup.running()
    made = seeded_desk.upkeep.start_backup("manual")
    made.finish()
    assert [b.reason for b in backups.list_backups(path)] == ["manual"]
    assert not list(backups.backup_dir(path).glob("*.partial"))


def test_back_up_now_hands_back_an_automatic_backup_that_does_not_stop_at_once(
    seeded_desk: Desk, held_backup_copy: HeldCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upkeep, "BACKUP_STOPS_AT_ONCE_S", 0.0)
    backup = seeded_desk.upkeep.start_backup("auto")
    assert held_backup_copy.begun.wait(HELD_AT_MOST_S)

    assert seeded_desk.upkeep.make_way_for_backup() is backup
    assert seeded_desk.upkeep.background is backup and backup.running()
    held_backup_copy.answers.set()  # the share answers: told to stop, it stops
    backup.finish()
    assert backup.cancelled and seeded_desk.upkeep.make_way_for_backup() is None
