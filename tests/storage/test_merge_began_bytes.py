"""Where a merge began in the history (`HistoryStore.merge_began_after`: the newest entry
before one it brought in that an edit here wrote) when another program rewrote the
history's words as bytes. Compared as text, a merge's own entry stored as b'merge' read as
an edit here: the merge seemed to begin after its own entries, and the checker a sign-off
names (`services/sign_offs.verdict_author`) could be the colleague whose agreeing review
the merge only appended, not the one whose review the desk kept."""

from __future__ import annotations

from pathlib import Path

from factcheck_app.services.desk import Desk


def test_a_merges_own_entry_stored_as_bytes_is_not_taken_for_an_edit(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False, reviewer="Ana Ruiz")
    try:
        history = desk.repo.history
        with desk.repo.db.atomic():
            edit = history.record_history(
                actor="Ana Ruiz",
                action="do",
                description="Verdict",
                entity="review",
                entity_id=1,
                old=None,
                new={"rating": "false"},
                sentence_id=1,
            )
            history.record_history(
                actor="Ana Ruiz",
                action="merge",
                description="Merged",
                entity="review",
                entity_id=1,
                old=None,
                new={"rating": "false"},
                sentence_id=1,
            )
            brought = history.record_history(
                actor="Bob Tran",
                action="do",
                description="Verdict",
                entity="review",
                entity_id=1,
                old=None,
                new={"rating": "false"},
                sentence_id=1,
                origin="ab" * 32,
            )
        assert history.merge_began_after(brought.seq) == edit.seq
        with desk.repo.db.atomic():  # as another program rewrites them
            desk.repo.db.execute(
                "UPDATE history SET action = CAST(action AS BLOB),"
                " origin = CASE WHEN origin != '' THEN CAST(origin AS BLOB) ELSE origin END"
            )
            # An empty origin as bytes too (one: the index of origins keeps them apart).
            desk.repo.db.execute(
                "UPDATE history SET origin = CAST(origin AS BLOB) WHERE id = ?", [edit.seq]
            )
        assert history.merge_began_after(brought.seq) == edit.seq
    finally:
        desk.close()
