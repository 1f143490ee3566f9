"""An export left running at logout onto a USB stick formatted FAT or exFAT: the stick
stores each file's time written as the local time, and the computer reads it back in
the local time of *now*. After a daylight-saving change (logged out on Saturday night,
started again on Monday), every file on it seems written an hour earlier or later,
though nobody touched it. The next start's look compared the time exactly, and a report
never written (the file from before, as it was) was told as written whole: the reviewer
sent yesterday's report as today's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck_app.gui import settings as gui_settings

STOPPED = "The export to report.md was stopped: nothing of it was written."
WRITTEN = "The export to report.md was written whole."
HOUR_NS = 3600 * 1_000_000_000


def told(workspace: Path, target: Path, before: list[int] | None) -> str | None:
    """What the next start tells of an export to `target` left running at logout."""
    gui_settings.note_stopped_export(workspace, target, before, STOPPED, WRITTEN)
    [kept] = gui_settings.take_stopped_exports(workspace)
    return gui_settings.export_said(kept)


def shifted(target: Path, by_ns: int) -> None:
    """`target`'s time written read an hour apart, as a FAT stick's is after a DST change."""
    info = os.stat(target)
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns + by_ns))


@pytest.mark.parametrize("hour", [1, -1], ids=["clocks-back", "clocks-forward"])
def test_a_report_not_written_on_a_fat_stick_after_a_dst_change_is_said_stopped(
    tmp_path: Path, hour: int
) -> None:
    target = tmp_path / "report.md"
    target.write_text("yesterday's report\n", encoding="utf-8")
    before = gui_settings.file_identity(target)
    shifted(target, hour * HOUR_NS)  # untouched: the same bytes, read an hour apart
    assert told(tmp_path / "w.fcdesk", target, before) == STOPPED


@pytest.mark.parametrize(
    ("by_ns", "grows"),
    [(HOUR_NS, True), (HOUR_NS + 2_000_000_000, False), (5 * 60 * 1_000_000_000, False)],
    ids=["an-hour-later-longer", "an-hour-and-2s-later", "five-minutes-later"],
)
def test_a_report_written_is_still_said_written(tmp_path: Path, by_ns: int, grows: bool) -> None:
    """Only the very hour, to the nanosecond, with the size the same, is taken for the
    file from before: a report rewritten (another size, or any other time) is written."""
    target = tmp_path / "report.md"
    target.write_text("yesterday's report\n", encoding="utf-8")
    before = gui_settings.file_identity(target)
    if grows:
        target.write_text("today's report, longer\n", encoding="utf-8")
        info = os.stat(target)
        assert before is not None
        os.utime(target, ns=(info.st_atime_ns, before[2] + by_ns))
    else:
        shifted(target, by_ns)
    assert told(tmp_path / "w.fcdesk", target, before) == WRITTEN
