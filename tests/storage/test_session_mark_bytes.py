"""A session mark another program rewrote as bytes (a desk died; a script or a database
browser then rewrote the settings): the next desk tells that crash, writes its own mark
as text beside it, and at its close removes both, so the open after says nothing. Closed
after the file was moved while open (the mark then goes straight into the moved file), it
removed its own alone, and the open after told the old crash again: "did not finish
closing it", with the edits of the session to check."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.session import SESSION_OPEN
from tests.conftest import SEED_FILE


def test_a_workspace_moved_then_closed_opens_as_closed_after_a_mark_in_bytes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, purpose="the desk window", backup=False)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    conn = sqlite3.connect(path)
    with conn:  # a desk that died, its mark rewritten as bytes
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (CAST(? AS BLOB), CAST('old' AS BLOB))",
            [SESSION_OPEN],
        )
    conn.close()
    desk = Desk.open(path, purpose="the desk window", backup=False)
    sentence = desk.reviews.sentence_rows(1)[0].sentence.id
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    moved = tmp_path / "w-2026.fcdesk"
    path.rename(moved)
    assert "Nothing is lost" in desk.keep_place()
    desk.close()
    again = Desk.open(moved, purpose="the desk window", backup=False)
    try:
        assert again.unconfirmed_edits == []
    finally:
        again.close()
