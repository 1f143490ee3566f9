"""A dialog whose change the workspace refuses (a full disk) comes back with what was
typed in it. Link Source, Article Properties and Return Verdict said "the change was NOT
saved" and closed: the excerpt, the note or the title typed there was gone."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.dialogs.return_note import ReturnNoteDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.sources import NewSource
from tests.gui.conftest import press

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
EXCERPT = "Ganja, the second city, had 335,600 inhabitants at the start of 2020."
NOTE = "Which year are the figures from? The census of 2019 gives another number."


class FullDisk:
    """The window's connection, whose commits fail as they do on a full disk (the WAL
    cannot grow) while `full`: SQLite's own error, rolled back by the desk."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.full = True

    def execute(self, sql: str, *args: Any) -> Any:
        if self.full and sql.strip().upper() == "COMMIT":
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


@pytest.fixture
def disk(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> FullDisk:
    db = window.desk.workspace.db
    full = FullDisk(db.conn)
    monkeypatch.setattr(db, "conn", full)
    return full


def typed_once(
    monkeypatch: pytest.MonkeyPatch,
    dialog_class: type[QDialog],
    type_in: Callable[[Any], None],
    typed: Callable[[Any], object],
    disk: FullDisk,
) -> list[object]:
    """The dialog's exec: the first time, `type_in` and OK (on the full disk); each time
    after, what `typed` reads in it then, the disk freed, and OK again."""
    seen: list[object] = []

    def exec_(dialog: Any) -> int:
        if not seen:
            type_in(dialog)
        else:
            disk.full = False
        seen.append(typed(dialog))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return seen


def assert_told_and_kept(boxes: list[str]) -> None:
    [message] = boxes
    assert "The disk is full: the change was NOT saved" in message
    assert "What you typed is kept: the dialog opens again with it" in message


def test_a_source_link_refused_by_a_full_disk_comes_back_as_typed(
    window: MainWindow, disk: FullDisk, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sentence = window.current_sentence_id()
    assert sentence is not None

    def type_in(dialog: LinkSourceDialog) -> None:
        dialog.url_edit.setText("https://www.stat.gov.az/population")
        dialog.title_edit.setText("Population of Azerbaijan")
        dialog.stance_box.setCurrentIndex(dialog.stance_box.findData("refutes"))
        dialog.excerpt_edit.setPlainText(EXCERPT)

    seen = typed_once(
        monkeypatch,
        LinkSourceDialog,
        type_in,
        lambda d: (d.url_edit.text(), d.title_edit.text(), d.excerpt_edit.toPlainText()),
        disk,
    )
    window.edits.link_source()
    typed = ("https://www.stat.gov.az/population", "Population of Azerbaijan", EXCERPT)
    assert seen == [typed, typed]  # opened again, as typed, after the refusal
    assert_told_and_kept(boxes)
    [link] = window.desk.sources.links(sentence)
    assert (link.source.title, link.excerpt) == ("Population of Azerbaijan", EXCERPT)


def test_article_properties_refused_by_a_full_disk_come_back_as_typed(
    window: MainWindow, disk: FullDisk, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    article = window.article_id
    assert article is not None

    def type_in(dialog: ArticlePropertiesDialog) -> None:
        dialog.title_edit.setText("Turkey accuses Armenia over Ganja")
        dialog.author_edit.setText("Leyla Aliyeva")

    seen = typed_once(
        monkeypatch,
        ArticlePropertiesDialog,
        type_in,
        lambda d: (d.title_edit.text(), d.author_edit.text()),
        disk,
    )
    window.articles.edit_properties()
    assert seen == [("Turkey accuses Armenia over Ganja", "Leyla Aliyeva")] * 2
    assert_told_and_kept(boxes)
    meta = window.desk.articles.article_metadata(article)
    assert (meta.title, meta.author) == ("Turkey accuses Armenia over Ganja", "Leyla Aliyeva")
    assert window.windowTitle().startswith("Turkey accuses Armenia over Ganja")


def test_a_return_note_refused_by_a_full_disk_comes_back_as_typed(
    qtbot: QtBot,
    window: MainWindow,
    disk: FullDisk,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    disk.full = False
    window.desk.edits.actor = "Ana Ruiz"
    sentence = window.desk.reviews.sentence_rows(1)[4].sentence.id
    window.select_sentence(sentence)
    press(qtbot, window, "c", "5")
    window.desk.edits.actor = "Zoë Ngata"
    disk.full = True
    seen = typed_once(
        monkeypatch,
        ReturnNoteDialog,
        lambda d: d.note_edit.setPlainText(NOTE),
        lambda d: d.note(),
        disk,
    )
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_R, CTRL_SHIFT)
    assert seen == [NOTE, NOTE]
    assert_told_and_kept(boxes)
    sign_off = window.desk.sign_offs.sign_off(sentence)
    assert sign_off is not None and sign_off.note == NOTE


def test_cancel_after_a_refusal_changes_nothing_and_asks_once_more(
    window: MainWindow, disk: FullDisk, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk still full, the reviewer gives up: Cancel ends it, nothing is linked."""
    sentence = window.current_sentence_id()
    assert sentence is not None
    calls: list[str] = []

    def exec_(dialog: LinkSourceDialog) -> int:
        calls.append(dialog.excerpt_edit.toPlainText())
        if len(calls) == 1:
            dialog.url_edit.setText("https://www.stat.gov.az/population")
            dialog.stance_box.setCurrentIndex(dialog.stance_box.findData("refutes"))
            dialog.excerpt_edit.setPlainText(EXCERPT)
            dialog.accept()
            return int(dialog.result())
        return 0  # Cancel (its question about the typed text answered "drop it")

    monkeypatch.setattr(LinkSourceDialog, "exec", exec_)
    window.edits.link_source()
    assert calls == ["", EXCERPT]
    assert window.desk.sources.links(sentence) == []
    assert_told_and_kept(boxes)


def test_the_link_dialog_back_after_a_full_disk_keeps_the_url_from_the_next_key(
    qtbot: QtBot,
    window: MainWindow,
    disk: FullDisk,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Enter in the URL field on a full disk: the dialog came back with the focus there
    and the whole URL selected, so the next key typed (a reviewer going on where they
    were) replaced the URL. It comes back with the caret where it was, nothing selected."""
    url = "https://www.stat.gov.az/population"
    shown = LinkSourceDialog.exec
    seen: list[tuple[object, str, int]] = []

    def exec_(dialog: LinkSourceDialog) -> int:
        def as_the_reviewer() -> None:
            dialog.activateWindow()  # in front, as the reviewer sees it
            qtbot.waitUntil(dialog.isActiveWindow)
            field = dialog.url_edit
            if not seen:  # typed the URL, chose a stance, Enter in the URL field
                field.setText(url)
                dialog.stance_box.setCurrentIndex(dialog.stance_box.findData("refutes"))
                field.setFocus()
                seen.append((dialog.focusWidget(), field.selectedText(), -1))
                dialog.accept()
                return
            seen.append((dialog.focusWidget(), field.selectedText(), field.cursorPosition()))
            field.insert("#table")  # a key typed: what the URL becomes
            disk.full = False
            dialog.accept()
            if dialog.isVisible():  # refused in place: the URL was replaced
                dialog.done(QDialog.DialogCode.Rejected)

        QTimer.singleShot(0, dialog, as_the_reviewer)  # once shown
        return shown(dialog)

    monkeypatch.setattr(LinkSourceDialog, "exec", exec_)
    sentence = window.current_sentence_id()
    assert sentence is not None
    window.edits.link_source()
    assert_told_and_kept(boxes)
    _, (focus, selected, caret) = seen
    assert focus.objectName() == "urlEdit"
    assert (selected, caret) == ("", len(url))
    [link] = window.desk.sources.links(sentence)
    assert link.source.url == url + "#table"


def test_edit_source_back_after_a_full_disk_keeps_the_url_from_the_next_key(
    qtbot: QtBot,
    window: MainWindow,
    disk: FullDisk,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Edit Source (F2) comes back after a refusal as Link Source does: with the caret
    where it was in the URL, not the whole URL selected for the next key to replace."""
    sentence = window.current_sentence_id()
    assert sentence is not None
    disk.full = False
    window.desk.sources.link_source(sentence, NewSource(url="https://example.org/old"))
    disk.full = True
    url = "https://www.stat.gov.az/population"
    shown = LinkSourceDialog.exec
    seen: list[tuple[object, str, int]] = []

    def exec_(dialog: LinkSourceDialog) -> int:
        def as_the_reviewer() -> None:
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow)
            field = dialog.url_edit
            if not seen:  # corrected the URL, Enter in the URL field
                field.setText(url)
                field.setFocus()
                seen.append((dialog.focusWidget(), field.selectedText(), -1))
                dialog.accept()
                return
            seen.append((dialog.focusWidget(), field.selectedText(), field.cursorPosition()))
            field.insert("#table")
            disk.full = False
            dialog.accept()
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)

        QTimer.singleShot(0, dialog, as_the_reviewer)
        return shown(dialog)

    monkeypatch.setattr(LinkSourceDialog, "exec", exec_)
    [link] = window.desk.sources.links(sentence)
    window.edits.edit_source(link)
    assert_told_and_kept(boxes)
    _, (focus, selected, caret) = seen
    assert focus.objectName() == "urlEdit"
    assert (selected, caret) == ("", len(url))
    [edited] = window.desk.sources.links(sentence)
    assert edited.source.url == url + "#table"


def test_a_redo_refused_by_a_full_disk_is_still_offered(
    window: MainWindow, disk: FullDisk, boxes: list[str]
) -> None:
    """Not a refusal for good (that one is offered no more): once there is room, Ctrl+Y
    does it."""
    disk.full = False
    sentence = window.current_sentence_id()
    assert sentence is not None
    window.desk.reviews.set_tag(sentence, Tag.CLAIM)
    window.registry[ActionId.UNDO].trigger()
    redo = window.registry[ActionId.REDO]
    disk.full = True
    redo.trigger()
    [told] = boxes
    assert "The disk is full" in told
    assert redo.isEnabled() and redo.text() == "&Redo Tag as Claim"
    assert window.desk.reviews.review(sentence).tag is None
    disk.full = False
    redo.trigger()
    assert window.desk.reviews.review(sentence).tag is Tag.CLAIM
