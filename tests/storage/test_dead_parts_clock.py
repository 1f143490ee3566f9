"""Save a Copy's room-making sweep of dead part files, on a folder another computer shares.

A part file there has no lock this computer can see: it goes by its idleness alone, and
that is measured by the clock that stamps the folder's files (a file server's), not by
this computer's, which may be minutes apart from it."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from factcheck_app.storage import scratch

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="there an open file cannot be deleted: no sweep"
)


def test_a_part_being_written_on_another_computer_is_kept_whatever_this_clock_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """This computer's clock two minutes ahead of the file server's: a copy a colleague's
    desk was writing into the shared folder that very second looked a minute idle, and
    the next Save a Copy there that needed room deleted it under them (their copy then
    failed). A part killed a minute and a half ago by the server's clock still goes."""
    shared = tmp_path / "shared"
    shared.mkdir()
    # Written by a desk on another computer: no lock seen from here, stamped just now.
    being_written = shared / ".ana.fcdesk.abcd1234.factcheck.part"
    being_written.write_bytes(b"half a copy " * 1000)
    killed = shared / ".bo.fcdesk.wxyz5678.factcheck.part"
    killed.write_bytes(b"a copy killed half-way " * 1000)
    stamped = killed.stat().st_mtime
    os.utime(killed, (stamped - 90, stamped - 90))
    ahead = time.time() + 120
    monkeypatch.setattr(scratch, "_now", lambda: ahead)

    removed = scratch.remove_dead_parts(shared)

    assert being_written.exists()
    assert removed == [killed]
    assert sorted(p.name for p in shared.iterdir()) == [being_written.name]
