"""A window shows what another program saves without being reopened (issue 12, item 5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE


def test_read_only_window_shows_the_writers_imports_and_tags(
    tmp_path: Path, qtbot: QtBot, make_window: Callable[[Desk], MainWindow]
) -> None:
    path = tmp_path / "w.fcdesk"
    writer = Desk.open(path)  # the other program, holding the writer lock
    try:
        writer.importer.import_file(SEED_FILE)
        window = make_window(Desk.open(path, read_only=True))
        assert window.article_model.rowCount() == 1
        sid = window.current_sentence_id()
        assert sid is not None

        other = tmp_path / "second.txt"
        other.write_text("A second article arrives. It has two sentences.", encoding="utf-8")
        writer.importer.import_file(other)
        writer.reviews.set_tag(sid, Tag.DENIAL)

        # The window's own timer notices; nothing is reopened by hand.
        qtbot.waitUntil(lambda: window.article_model.rowCount() == 2, timeout=5000)
        row = window.sentence_model.rows()[window.sentence_model.row_of(sid)]
        assert row.review.tag is Tag.DENIAL
        assert window.current_sentence_id() == sid  # the reader keeps their place
    finally:
        writer.close()


def test_the_windows_background_import_appears_in_the_article_list(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """Another connection of this window (the import job) counts as an outside change."""
    other = tmp_path / "third.txt"
    other.write_text("An article from the helper connection. Two sentences.", encoding="utf-8")
    helper = window.desk.open_helper()
    try:
        helper.importer.import_file(other)
    finally:
        helper.close()
    qtbot.waitUntil(lambda: window.article_model.rowCount() == 2, timeout=5000)
    assert window.desk.writer_lock is not None and window.desk.writer_lock.held


def test_a_damaged_value_is_told_in_words_when_the_article_opens(
    tmp_path: Path, qtbot: QtBot, make_window: Callable[[Desk], MainWindow], monkeypatch
) -> None:
    """An unknown verdict written by another tool (no CHECK constraint catches it at open):
    a message naming the sentence, no crash."""
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path)
    desk.importer.import_file(SEED_FILE)
    sid = desk.reviews.sentence_rows(1)[3].sentence.id
    desk.reviews.set_tag(sid, Tag.CLAIM)
    desk.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE reviews SET rating = 'bogus' WHERE sentence_id = ?", [sid])
    conn.commit()
    conn.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window = make_window(Desk.open(path))
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert f"Sentence {sid}'s review has an unknown verdict 'bogus'" in shown[0]
    assert window.isVisible()


def test_a_read_only_window_survives_the_writer_merging_away_the_sentence_it_shows(
    tmp_path: Path, qtbot: QtBot, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The sentence's history loads a moment after it is shown: when the writer had merged
    that sentence into the one before it meanwhile, the load failed ("There is no sentence
    …") instead of waiting for the window to reload."""
    path = tmp_path / "w.fcdesk"
    writer = Desk.open(path)
    try:
        writer.importer.import_file(SEED_FILE)
        first, second = (row.sentence.id for row in writer.reviews.sentence_rows(1)[:2])
        window = make_window(Desk.open(path, read_only=True))
        window.select_sentence(second)
        writer.boundaries.merge_with_next(first)
        qtbot.waitUntil(lambda: window.sentence_model.row_of(second) < 0, timeout=5000)
        assert window.sentence_model.row_of(first) >= 0
    finally:
        writer.close()
