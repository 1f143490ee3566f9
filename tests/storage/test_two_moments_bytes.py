"""A history another program rewrote as bytes (SQLite keeps bytes in a TEXT column; the
desk reads them as the text they spell): the look for reviews of two moments (a copy
torn in the middle of a save) judges by it as by the same history stored as text. Read
as bytes, no entry was a review edit of this workspace's own, so a torn review was never
named; nor was a source link or a sign-off passed over as neutral."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from factcheck_app.storage.two_moments import newest_unlike_history, reviews_unlike_history
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids

HISTORY_TEXT = ("entity", "origin", "action", "new", "old")


def _workspace(path: Path, *, link_after: bool) -> list[int]:
    desk = open_as(path, "Ana Ruiz")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        ids = sentence_ids(desk, article)
        desk.reviews.set_tag(ids[0], Tag.CLAIM)
        desk.reviews.set_verdict(ids[0], "true")
        desk.reviews.set_verdict(ids[1], "false")
        if link_after:  # a neutral entry, newer than the verdict it must not hide
            desk.sources.link_source(ids[0], NewSource("https://example.org/census", "Census"))
    finally:
        desk.close()
    if link_after:
        editor = open_as(path, "Bob Tran")
        try:
            editor.sign_offs.approve(ids[1])
        finally:
            editor.close()
    return ids


def _as_bytes(path: Path, *, torn: int | None) -> None:
    conn = sqlite3.connect(path)
    with conn:
        if torn is not None:  # the review row of an earlier moment than its history
            conn.execute("UPDATE reviews SET rating = NULL WHERE sentence_id = ?", [torn])
        for column in HISTORY_TEXT:
            # An empty origin (the entry is this workspace's own) stays text: as bytes,
            # its rows would break the index of the colleagues' origins, which are unique.
            conn.execute(
                f"UPDATE history SET {column} = CAST({column} AS BLOB)"
                f" WHERE {column} IS NOT NULL AND ('{column}' != 'origin' OR origin != '')"
            )
    conn.close()


@pytest.mark.parametrize("link_after", [False, True])
def test_a_torn_review_is_named_through_a_history_stored_as_bytes(
    tmp_path: Path, link_after: bool
) -> None:
    path = tmp_path / "w.fcdesk"
    ids = _workspace(path, link_after=link_after)
    _as_bytes(path, torn=ids[0])
    reader = Desk.open(path, read_only=True, backup=False, session=False)
    try:
        whole = reviews_unlike_history(reader.repo.db)
        assert [(u.sentence_id, u.history_says) for u in whole] == [(ids[0], {"rating": "true"})]
        assert [u.sentence_id for u in newest_unlike_history(reader.repo.db)] == [ids[0]]
    finally:
        reader.close()


def test_a_sound_workspace_stored_as_bytes_has_nothing_unlike_its_history(
    tmp_path: Path,
) -> None:
    path = tmp_path / "w.fcdesk"
    _workspace(path, link_after=True)
    _as_bytes(path, torn=None)
    reader = Desk.open(path, read_only=True, backup=False, session=False)
    try:
        assert reviews_unlike_history(reader.repo.db) == []
        assert newest_unlike_history(reader.repo.db) == []
    finally:
        reader.close()
