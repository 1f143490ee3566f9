"""File → Export… open while a verdict is saved by another connection (another program, a
second window, this window's worker; seen by the window's look each second): the summary
previewed and exported, and this article's report, follow it. Only a change to the list
of articles was followed: the summary said none of the verdict and Export wrote it so."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui.dialogs import export as export_dialog
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk


def in_export_dialog(
    qtbot: QtBot, window: MainWindow, what: Callable[[ExportDialog], None]
) -> None:
    """Ctrl+E, then `what` done in the dialog (modal), which is then closed."""
    ran: list[bool] = []

    def inside() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        try:
            what(dialog)
            ran.append(True)
        finally:
            dialog.done(ExportDialog.DialogCode.Rejected)

    QTimer.singleShot(0, inside)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert ran == [True]


def verdict_beside(window: MainWindow, article_id: int = 1) -> None:
    """The article's first sentence found false through another connection to the
    workspace (the window's worker's; another program's alike), then the window's look."""
    helper = window.desk.open_helper()
    try:
        first = helper.reviews.sentence_rows(article_id)[0].sentence.id
        helper.reviews.set_tag(first, Tag.CLAIM)
        helper.reviews.set_verdict(first, "false")
    finally:
        helper.close()
    window.workspace.check_outside_changes()


def test_the_summary_previewed_and_exported_follows_a_verdict_saved_meanwhile(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "summary.csv"
    seen: dict[str, str] = {}

    def verdict_meanwhile(dialog: ExportDialog) -> None:
        dialog.set_format("summary-csv")
        seen["before"] = dialog.preview.toPlainText()
        verdict_beside(window)
        qtbot.waitUntil(lambda: dialog.preview.toPlainText() != seen["before"], timeout=5_000)
        seen["after"] = dialog.preview.toPlainText()
        dialog.path_edit.setText(str(out))
        with qtbot.waitSignal(dialog.export_finished, timeout=10_000):
            dialog.export_button.click()

    in_export_dialog(qtbot, window, verdict_meanwhile)
    assert "1" in seen["after"]
    assert out.read_text(encoding="utf-8-sig").splitlines() == seen["after"].splitlines()


def test_this_articles_report_follows_a_verdict_saved_meanwhile(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "report.md"
    seen: dict[str, str] = {}

    def verdict_meanwhile(dialog: ExportDialog) -> None:
        dialog.set_format("md")
        seen["before"] = dialog.preview.toPlainText()
        verdict_beside(window)
        seen["after"] = dialog.preview.toPlainText()
        dialog.path_edit.setText(str(out))
        with qtbot.waitSignal(dialog.export_finished, timeout=10_000):
            dialog.export_button.click()

    in_export_dialog(qtbot, window, verdict_meanwhile)
    assert "| False | 0 |" in seen["before"], seen["before"]
    assert "| False | 1 |" in seen["after"]
    assert "| False | 1 |" in out.read_text(encoding="utf-8")


def test_export_writes_a_verdict_saved_after_the_last_look(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Saved within the second before Export was pressed, before the window looked: the
    report exported is read as the workspace is then."""
    out = tmp_path / "report.md"

    def verdict_unseen(dialog: ExportDialog) -> None:
        dialog.set_format("md")
        helper = window.desk.open_helper()
        try:
            first = helper.reviews.sentence_rows(1)[0].sentence.id
            helper.reviews.set_tag(first, Tag.CLAIM)
            helper.reviews.set_verdict(first, "false")
        finally:
            helper.close()
        dialog.path_edit.setText(str(out))
        with qtbot.waitSignal(dialog.export_finished, timeout=10_000):
            dialog.export_button.click()

    in_export_dialog(qtbot, window, verdict_unseen)
    assert "| False | 1 |" in out.read_text(encoding="utf-8")


def test_a_look_that_finds_no_new_edit_reads_nothing_again(
    qtbot: QtBot, seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import's commits (each a change the look sees, none an edit recorded): the
    summary is not read again for them, nor this article's report; one query of the
    history's newest entry is all a look costs."""
    reads: list[str] = []
    load_all, load_one = export_dialog.load_reports, export_dialog.load_article_report
    monkeypatch.setattr(
        export_dialog, "load_reports", lambda desk: reads.append("summary") or load_all(desk)
    )
    monkeypatch.setattr(
        export_dialog,
        "load_article_report",
        lambda desk, i, **more: reads.append("article") or load_one(desk, i, **more),
    )
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.set_format("summary-csv")
    reads.clear()
    for _ in range(5):
        dialog.follow_saves()
    assert reads == []


def test_a_long_article_saved_every_second_does_not_hold_the_window(
    qtbot: QtBot, seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program saving a verdict every second while File → Export… is open on a
    long article: this article's report was read again, on the window's thread, at each
    look (measured: 0.5-1.2 s a read for 10,000 sentences, so the dialog and the window
    answered no key most of each second). Its read is now held back as the summary's is,
    ten times as long as it took; it still follows."""
    clock = [1000.0]
    monkeypatch.setattr(export_dialog, "monotonic", lambda: clock[0])
    reads: list[int] = []
    load_one = export_dialog.load_article_report

    def slow_read(desk: Desk, article_id: int, **more: object) -> object:
        reads.append(article_id)
        clock[0] += 0.05  # a long article's read, on a clock the test holds
        return load_one(desk, article_id, **more)  # type: ignore[arg-type]

    monkeypatch.setattr(export_dialog, "load_article_report", slow_read)
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.set_format("md")
    helper = seeded_desk.open_helper()
    try:
        first, second = (row.sentence.id for row in helper.reviews.sentence_rows(1)[:2])
        reads.clear()
        for sentence in (first, second):  # saved a moment apart, each seen by a look
            helper.reviews.set_tag(sentence, Tag.CLAIM)
            helper.reviews.set_verdict(sentence, "false")
            dialog.follow_saves()
    finally:
        helper.close()
    assert reads == [1]  # the second not read at once: the window's time is its own
    qtbot.waitUntil(lambda: "| False | 2 |" in dialog.preview.toPlainText(), timeout=5_000)
    assert reads == [1, 1]  # and it follows


def test_export_blocked_by_a_save_meanwhile_does_not_hand_enter_to_cancel(
    qtbot: QtBot, seeded_desk: Desk
) -> None:
    """ClaimReview, Export reached with Tab; another window clears the one verdict, and
    the look blocks Export (nothing to publish): the disabled button gave its focus to
    Cancel, and the Enter meant for Export closed the dialog, the publishing settings
    typed with it."""
    helper = seeded_desk.open_helper()
    try:
        first = helper.reviews.sentence_rows(1)[0].sentence.id
        helper.reviews.set_tag(first, Tag.CLAIM)
        helper.reviews.set_verdict(first, "false")
        dialog = ExportDialog(seeded_desk, 1)
        qtbot.add_widget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        dialog.set_format("claimreview")
        dialog.publisher_edit.setText("The Desk")
        dialog.publisher_url_edit.setText("https://desk.example")
        dialog.url_pattern_edit.setText("https://desk.example/{article_id}")
        assert dialog.export_button.isEnabled()
        dialog.export_button.setFocus()
        qtbot.waitUntil(dialog.export_button.hasFocus)
        helper.reviews.set_verdict(first, None)  # another window's undo
    finally:
        helper.close()
    dialog.follow_saves()
    assert not dialog.export_button.isEnabled()
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert dialog.isVisible()  # still open, its settings there


@pytest.mark.parametrize("fmt", ["md", "summary-csv"])
def test_export_pressed_while_a_read_is_held_back_writes_the_save(
    qtbot: QtBot,
    seeded_desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fmt: str,
) -> None:
    """A colleague's verdict seen by the look while the read is held back (a long
    article read moments before): Export pressed at once, before the held-back read,
    writes the verdict. The hold-back spares the window; it must not leave the file
    behind the workspace (the preview may be a second late, the file never)."""
    clock = [1000.0]
    monkeypatch.setattr(export_dialog, "monotonic", lambda: clock[0])
    load_one = export_dialog.load_article_report

    def slow_read(desk: Desk, article_id: int, **more: object) -> object:
        clock[0] += 0.05  # a long article's read, on a clock the test holds
        return load_one(desk, article_id, **more)  # type: ignore[arg-type]

    monkeypatch.setattr(export_dialog, "load_article_report", slow_read)
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.set_format(fmt)
    out = tmp_path / f"out.{'md' if fmt == 'md' else 'csv'}"
    helper = seeded_desk.open_helper()
    try:
        first, second = (row.sentence.id for row in helper.reviews.sentence_rows(1)[:2])
        for sentence in (first, second):
            helper.reviews.set_tag(sentence, Tag.CLAIM)
            helper.reviews.set_verdict(sentence, "false")
            dialog.follow_saves()
    finally:
        helper.close()
    assert dialog._saves_due.isActive()  # the second save's read is held back
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.export_finished, timeout=10_000):
        dialog.export_button.click()
    text = out.read_text(encoding="utf-8-sig")
    if fmt == "md":
        assert "| False | 2 |" in text, text
    else:
        [row] = csv.DictReader(io.StringIO(text))
        assert row["false"] == "2", row
