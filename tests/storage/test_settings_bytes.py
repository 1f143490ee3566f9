"""A workspace's settings another program rewrote as bytes (SQLite keeps bytes in a TEXT
column, and a BLOB key is a key of its own): the desk reads each by the key it spells.
Read by its text key alone, the record of the history's last entry was gone, and Check
Workspace said the history "does NOT verify: the history has entries the workspace never
recorded … It was changed outside the desk" of a history nobody touched; and the highest
id ever given, gone too, let a deleted sentence's id be given again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE


def _as_bytes(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE settings SET key = CAST(key AS BLOB), value = CAST(value AS BLOB)")
    conn.close()


def test_a_history_whose_record_is_stored_as_bytes_verifies(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        article = desk.importer.import_file(SEED_FILE).article_id
        first = desk.reviews.sentence_rows(article)[0].sentence.id
        desk.reviews.set_tag(first, Tag.CLAIM)
    finally:
        desk.close()
    _as_bytes(path)
    reader = Desk.open(path, read_only=True, backup=False, session=False)
    try:
        assert reader.history.verify().problem is None
        assert "History: 1 entry, every hash matches." in reader.upkeep.check().lines
    finally:
        reader.close()
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:  # and goes on: the next edit chains to the last one recorded
        desk.reviews.set_tag(first, Tag.FACT)
        assert desk.history.verify().problem is None
    finally:
        desk.close()
    again = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:  # closed properly: no desk "left open" told at the next open
        assert not again.notices or not any("did not close" in n for n in again.notices)
        assert again.history.verify().problem is None
    finally:
        again.close()


def test_an_unfinished_import_marked_in_bytes_stays_out_of_the_list(tmp_path: Path) -> None:
    """An import a crash cut short is marked `import.unfinished.ID` until it is whole; a
    script that rewrote the mark's key as bytes made the half-imported article a listed
    one (SQLite's GLOB matches no bytes), its sentences open to review."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        whole = desk.importer.import_file(SEED_FILE).article_id
        cut_short = desk.importer.import_text("The figures were wrong.").article_id
    finally:
        desk.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (CAST(? AS BLOB), ?)",
            [f"import.unfinished.{cut_short}", str(cut_short)],
        )
    conn.close()
    reader = Desk.open(path, read_only=True, backup=False, session=False)
    try:
        assert [a.id for a in reader.articles.list_articles()] == [whole]
        assert reader.articles.count() == 1
    finally:
        reader.close()
