"""The disk holding an open workspace goes away (a USB stick pulled out, a network drive
dropped): every read and write of it fails with an I/O error. The reviewer must be told
the change was not saved and why, never that the workspace is damaged: "restore it from a
backup" would put back an older backup over work that is safe on the stick."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck_app.domain.errors import FactcheckError, WorkspaceDamaged
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from tests.conftest import REPO_ROOT
from tests.usb_stick import UsbStick


def _told(action: Callable[[], object]) -> str:
    with pytest.raises(FactcheckError) as refused:
        action()
    assert not isinstance(refused.value, WorkspaceDamaged), refused.value
    return str(refused.value)


def test_a_pulled_stick_is_told_as_the_disk_never_as_damage(usb_stick: UsbStick) -> None:
    """The first tag after the pull said "the disk could not read or write …"; the typed
    explanation after it said "… is damaged (database disk image is malformed). Run File →
    Check Workspace, or restore it from a backup" (SQLite's state after the I/O error)."""
    path = usb_stick.folder / "w.fcdesk"
    desk = Desk.open(path, purpose="the desk window", backup=False)
    desk.importer.import_text("The census counted 84 million people. Turnout was 60 percent.")
    first, second = (row.sentence.id for row in desk.reviews.sentence_rows(1))
    desk.reviews.set_tag(first, Tag.FACT)
    usb_stick.pull()
    told = [
        _told(lambda: desk.reviews.set_tag(second, Tag.CLAIM)),
        _told(lambda: desk.reviews.set_text_field(second, "explanation", "an hour of work")),
        _told(lambda: desk.reviews.set_tag(second, Tag.DENIAL)),
    ]
    for text in told:
        assert "NOT saved" in text
        assert "restore" not in text.lower()
    assert "USB stick or a network drive" in told[-1]
    assert "open it again" in told[-1]
    desk.close()
    usb_stick.plug_back()
    again = Desk.open(path, backup=False)  # nothing acknowledged was lost
    try:
        assert again.reviews.review(first).tag is Tag.FACT
        assert again.reviews.review(second).tag is None
    finally:
        again.close()


def test_a_workspace_on_a_disk_that_cannot_be_read_is_refused_in_words(
    usb_stick: UsbStick, tmp_path: Path
) -> None:
    """Opening a workspace whose disk answers every read with an I/O error (a failing
    stick, one pulled out whose folder is still listed) said "unexpected error (OSError:
    [Errno 5] Input/output error: …)" on the command line, with a pointer to the log."""
    path = usb_stick.folder / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_text("The census counted 84 million people.")
    desk.close()
    usb_stick.pull()
    told = _told(lambda: Desk.open(path, read_only=True, backup=False))
    assert "cannot be read" in told and "USB stick" in told
    assert "restore" not in told.lower()
    listed = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "list", "--workspace", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "FACTCHECK_LOG_DIR": str(tmp_path)},
        check=False,
    )
    assert listed.returncode != 0
    assert "unexpected error" not in listed.stderr
    assert "cannot be read" in listed.stderr, listed.stderr


def test_a_pulled_stick_its_desktop_unmounted_is_told_as_the_disk_never_as_moved(
    usb_stick: UsbStick,
) -> None:
    """A desktop unmounts a stick pulled out, and its files are no longer found by name.
    The window's look every second then said "… was moved away or deleted … (by a sync
    tool, or a copy?) … No copy of it could be made (disk I/O error), so what was saved
    here may now be only in this window: do NOT close it. Free some space …", before
    any save; and every change after it the same. The work was safe on the stick."""
    path = usb_stick.folder / "w.fcdesk"
    desk = Desk.open(path, purpose="the desk window", backup=False)
    desk.importer.import_text("The census counted 84 million people. Turnout was 60 percent.")
    first, second = (row.sentence.id for row in desk.reviews.sentence_rows(1))
    desk.reviews.set_tag(first, Tag.FACT)
    usb_stick.pull()
    usb_stick.unmounted()
    assert desk.keep_place() == ""  # the window's look: the disk is told at the next save
    assert desk.keep_saves() == ""  # nor is its -wal, gone with it, said to be deleted
    told = _told(lambda: desk.reviews.set_tag(second, Tag.CLAIM))
    assert "NOT saved" in told and "USB stick or a network drive" in told
    assert "moved" not in told and "do NOT close" not in told
    assert desk.disk_failed and not desk.stopped
    assert usb_stick.plug_in()  # back, as a new disk: not "replaced by another file"
    assert desk.keep_place() == "" and desk.keep_saves() == ""
    told = _told(lambda: desk.reviews.set_tag(second, Tag.DENIAL))
    assert "open it again" in told and "replaced" not in told and "do NOT close" not in told
    desk.close()
    again = Desk.open(path, backup=False)  # nothing acknowledged was lost
    try:
        assert again.reviews.review(first).tag is Tag.FACT
    finally:
        again.close()


def test_a_pulled_stick_leaves_no_lock_file_where_it_was_mounted(usb_stick: UsbStick) -> None:
    """The window's look puts back a lock file a clean-up deleted; with the stick pulled
    out and unmounted it made a new one in the empty folder the stick had been mounted
    on, on the computer's own disk: left there, hidden under the stick once mounted
    again, and a folder a desktop could not remove (the stick came back as LABEL1)."""
    path = usb_stick.folder / "w.fcdesk"
    desk = Desk.open(path, purpose="the desk window", backup=False)
    desk.importer.import_text("The census counted 84 million people.")
    usb_stick.pull()
    usb_stick.unmounted()
    try:
        assert desk.keep_writer_lock() == ""  # the window's look, every second
        assert list(usb_stick.folder.iterdir()) == []
    finally:
        desk.close()
        for left in usb_stick.folder.iterdir():
            left.unlink()
