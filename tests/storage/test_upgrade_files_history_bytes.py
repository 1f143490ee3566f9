"""A workspace saved by an older desk (schema 4) whose history another program rewrote as
bytes (a script tidying the file, a database browser), updated or opened read-only: each
older entry is filed under its sentence and article, as in the same workspace untouched.
The update filed them by `entity = 'review'` as stored, so b'review' matched nothing: a
sentence's history (the history panel) and an article's held none of its older entries,
for good once updated."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.services.desk import Desk
from tests.storage.test_team_migration import FIXTURE


def _history_as_bytes(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(
                "UPDATE history SET entity = CAST(entity AS BLOB), action = CAST(action AS BLOB),"
                " new = CAST(new AS BLOB), old = CAST(old AS BLOB)"
            )
    finally:
        conn.close()


def _filed(path: Path, read_only: bool) -> tuple[list[int | None], int, int]:
    """Each entry's sentence, sentence 5's history and article 1's, as the desk reads them."""
    desk = Desk.open(path, backup=False, reviewer="Max Olsen", read_only=read_only)
    try:
        return (
            [e.sentence_id for e in desk.repo.history.entries()],
            len(desk.history.of_sentence(5)),
            len(desk.history.entries(1)),
        )
    finally:
        desk.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_an_older_history_in_bytes_is_filed_under_its_sentences(
    tmp_path: Path, read_only: bool
) -> None:
    untouched, rewritten = tmp_path / "untouched.fcdesk", tmp_path / "rewritten.fcdesk"
    shutil.copy(FIXTURE, untouched)
    shutil.copy(FIXTURE, rewritten)
    _history_as_bytes(rewritten)
    expected = _filed(untouched, read_only)
    # Read-only, the link's entry (its sentence only in its JSON) is left out.
    sentences = [1, 1, 5, 5, 5, None if read_only else 5, 6, 6, 7]
    assert expected == (sentences, sentences.count(5), 9 if not read_only else 8)
    assert _filed(rewritten, read_only) == expected
