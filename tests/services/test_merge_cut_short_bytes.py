"""A merge committed just before its desk was stopped, whose history another program then
rewrote as bytes (a script tidying the file, a sync tool): the next open must not name it
as a merge that had not finished. Its own entry (entity 'workspace', action 'do') was
looked for as stored, so b'workspace' and b'do' were not found, and the desk said "The
merge of bob.fcdesk had not finished: nothing of it was merged, so merge it again." of a
merge that was in: merged again, the colleague's work came in a second time."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from factcheck_app.services import session
from factcheck_app.services.desk import Desk
from tests.desk_left_open import desk_left_open
from tests.services.merge_fixtures import make_alice, make_bob


def test_a_committed_merge_whose_history_is_bytes_is_not_named_as_cut_short(
    tmp_path: Path,
) -> None:
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    with desk_left_open(alice, "Alice") as killed:
        killed.do("merge-crash-committed", str(bob))
    conn = sqlite3.connect(alice)  # the killed desk's process is gone
    try:
        with conn:  # as another program rewrites the history's words
            conn.execute(
                "UPDATE history SET entity = CAST(entity AS BLOB), action = CAST(action AS BLOB),"
                " new = CAST(new AS BLOB) WHERE typeof(action) = 'text'"
            )
    finally:
        conn.close()
    desk = Desk.open(alice, backup=False)
    try:
        assert desk.cut_short_merge == ""
        assert desk.repo.settings.get_setting(session.MERGE_RUNNING) is None
    finally:
        desk.close()
