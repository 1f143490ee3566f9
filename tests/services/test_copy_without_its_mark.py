"""A copy taken in the middle of a save whose page holding its desk's "open" mark was
copied from before the mark was written (the kill loop's seed 909 copies 111 and 199,
seed 505 copy 137: no -wal beside it, the settings page older than its review pages):
nothing in it says it was copied while open, yet its reviews disagree with their
history. Every open looks at its newest saves (a few milliseconds), and one whose newest
saves disagree is looked at whole and told as a marked copy is; a workspace as SQLite
keeps it never is."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.services import copy_check
from factcheck_app.services.desk import Desk
from factcheck_app.services.session import SESSION_FIRST_HISTORY, SESSION_OPEN
from factcheck_app.storage.two_moments import FOUND_SETTING
from tests.services.merge_fixtures import SHARED, dump, make_alice, open_as
from tests.services.test_copy_of_two_moments import _two_moment_copy


def _copy_without_its_mark(tmp_path: Path) -> tuple[Path, list[int]]:
    """The torn copy of test_copy_of_two_moments, its settings page as it was before its
    desk opened it: no "open" mark (a workspace closed properly has none)."""
    copy, ids = _two_moment_copy(tmp_path)
    conn = sqlite3.connect(copy)
    with conn:
        conn.execute(
            "DELETE FROM settings WHERE key IN (?, ?)", [SESSION_OPEN, SESSION_FIRST_HISTORY]
        )
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    assert not copy.with_name(copy.name + "-wal").exists()
    return copy, ids


def _rating(desk: Desk, sentence_id: int) -> str | None:
    return desk.repo.reviews.get_review(sentence_id).verdict


def test_opened_for_editing_it_is_told_as_a_marked_copy_is(tmp_path: Path) -> None:
    copy, ids = _copy_without_its_mark(tmp_path)
    desk = Desk.open(copy, backup=False)
    try:
        assert not desk.copied_while_open  # nothing in it says so
        said = "\n".join(desk.notices)
        assert "bob.fcdesk holds reviews of two different moments" in said
        assert "These 2 sentences are not what their history says" in said
        assert desk.copy_look is not None
        assert {item.sentence_id for item in desk.copy_look.unlike} == {ids[0], ids[1]}
        assert "The search index of bob.fcdesk was incomplete" in said  # the whole look
        assert _rating(desk, ids[0]) == "mixed" and _rating(desk, ids[1]) is None
        assert desk.repo.settings.get_setting(FOUND_SETTING) is not None
    finally:
        desk.close()


def test_read_only_it_is_told_too(tmp_path: Path) -> None:
    copy, _ = _copy_without_its_mark(tmp_path)
    before = copy.read_bytes()
    reader = Desk.open(copy, read_only=True, backup=False)
    try:
        said = "\n".join(reader.notices)
        assert "holds reviews of two different moments" in said
        assert "sentence 1 of" in said and "sentence 2 of" in said
    finally:
        reader.close()
    assert copy.read_bytes() == before


def test_the_window_looks_at_it_beside_itself(tmp_path: Path) -> None:
    copy, _ = _copy_without_its_mark(tmp_path)
    desk = Desk.open(copy, backup=False, copy_look="later")
    try:
        assert desk.copy_look_due  # read in a worker, as a marked copy's look
    finally:
        desk.close()


def test_merged_it_is_refused(tmp_path: Path) -> None:
    copy, _ = _copy_without_its_mark(tmp_path)
    alice = tmp_path / "alice.fcdesk"
    make_alice(alice)
    ours = open_as(alice, "Alice")
    try:
        before = dump(ours)
        with pytest.raises(WorkspaceError, match="two different moments"):
            ours.merge.merge(copy)
        assert dump(ours) == before
    finally:
        ours.close()


def test_a_workspace_as_sqlite_keeps_it_is_never_looked_at_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Closed properly, then crashed with its -wal: the newest saves agree with their
    # history, so the whole look (seconds on a year's workspace) never runs.
    def looked(*args: object, **kwargs: object) -> list[object]:
        raise AssertionError("a workspace as SQLite keeps it was looked at whole")

    monkeypatch.setattr(copy_check, "reviews_unlike_history", looked)
    bob = tmp_path / "bob.fcdesk"
    desk = Desk.open(bob, backup=False)
    try:
        article_id = desk.importer.import_text(SHARED).article_id
        rows = desk.reviews.sentence_rows(article_id)
        for row in rows:
            desk.reviews.set_verdict(row.sentence.id, "true")
            desk.reviews.set_text_field(row.sentence.id, "explanation", "Looked")
        desk.undo()
        desk.boundaries.merge_with_next(rows[0].sentence.id)
        desk.reviews.set_verdict(rows[0].sentence.id, "false")
    finally:
        desk.close()
    for read_only in (False, True):
        opened = Desk.open(bob, read_only=read_only, backup=False)
        try:
            assert opened.copy_look is None and not opened.copy_look_due
            assert not any("two different moments" in n for n in opened.notices)
        finally:
            opened.close()


def test_the_tail_look_judges_only_the_newest_entries(tmp_path: Path) -> None:
    # What it finds, the whole look finds too; a review whose entry is older than the
    # newest `entries` is left to the whole look (made only for a marked copy).
    from factcheck_app.storage.two_moments import newest_unlike_history  # new with the look

    copy, ids = _copy_without_its_mark(tmp_path)
    conn = sqlite3.connect(copy)
    entries = conn.execute("SELECT max(id) FROM history").fetchone()[0]
    conn.close()
    reader = Desk.open(copy, read_only=True, backup=False, session=False)
    try:
        db = reader.repo.db
        assert {u.sentence_id for u in newest_unlike_history(db)} == {ids[0], ids[1]}
        assert {u.sentence_id for u in newest_unlike_history(db, entries=entries)} == {
            ids[0],
            ids[1],
        }
        assert newest_unlike_history(db, entries=1) == []  # the newest: an explanation's
    finally:
        reader.close()
