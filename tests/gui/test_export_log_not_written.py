"""File → Export… → *All articles* with the log file not written (a read-only home, a full
disk): the numbers the dialog leaves out of its end ("… and 5 more") were said to be in
the log, which held none of them, and so were recorded nowhere."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app import logs
from factcheck_app.gui.dialogs import export as export_dialog
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.test_export_every_article import (
    HeldAt,
    claimreview_for_all,
    given_a_verdict,
    said,
)

READ_ONLY = "[Errno 30] Read-only file system"


@pytest.fixture
def log_not_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """The log file cannot be written (what the log's handler then says)."""
    monkeypatch.setattr(logs, "not_written", lambda: READ_ONLY)


@pytest.fixture
def thirty(seeded_desk: Desk) -> Desk:
    for number in range(2, 31):
        seeded_desk.importer.import_text(f"Article {number} says one thing. It says another.")
    return seeded_desk


def open_dialog(qtbot: QtBot, desk: Desk) -> ExportDialog:
    dialog = ExportDialog(desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def claimreview_of_thirty(qtbot: QtBot, thirty: Desk, folder: Path) -> tuple[list[str], list[str]]:
    """Every article's ClaimReview exported into `folder` from the dialog, the even ones
    given a verdict (the odd, fifteen, have nothing to publish yet): (the lines the
    dialog said, what it kept whole for Recent Messages)."""
    folder.mkdir()
    for even in range(2, 31, 2):
        given_a_verdict(thirty, even)
    dialog = open_dialog(qtbot, thirty)
    kept: list[str] = []
    dialog.kept_whole.connect(kept.extend)
    claimreview_for_all(dialog)
    dialog.path_edit.setText(str(folder))
    lines = said(dialog)
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    return lines, kept


def test_articles_removed_meanwhile_beyond_the_first_runs_are_kept_whole(
    qtbot: QtBot,
    thirty: Desk,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    log_not_written: None,
) -> None:
    """Twelve articles removed while every article is exported: the first ten runs named,
    "and 2 more (see the log file)", and the log held nothing. The line says where every
    number is, and each is kept, in Help → Recent Messages."""
    folder = tmp_path / "reports"
    folder.mkdir()
    held = HeldAt(2, monkeypatch)
    dialog = open_dialog(qtbot, thirty)
    kept: list[str] = []
    dialog.kept_whole.connect(kept.extend)
    dialog.set_format("md")
    dialog.all_articles_button.setChecked(True)
    dialog.path_edit.setText(str(folder))
    lines = said(dialog)
    removed = list(range(5, 28, 2))  # twelve runs of one
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()
        qtbot.waitUntil(held.reached.is_set, timeout=30_000)
        for article_id in removed:
            thirty.articles.remove_article(article_id)
        held.go.set()
    qtbot.waitUntil(lambda: not dialog.running)
    assert "see the log file" not in lines[-1]
    assert lines[-1].endswith(
        "were removed from the workspace during the export: no file was written for them "
        "(every number is in Help → Recent Messages, Ctrl+Shift+J: the log file cannot be "
        "written)."
    ), lines[-1]
    every = ", ".join(str(n) for n in removed)
    assert any(every in line for line in kept), kept


def test_articles_with_nothing_to_publish_beyond_the_first_runs_are_kept_whole(
    qtbot: QtBot, thirty: Desk, tmp_path: Path, log_not_written: None
) -> None:
    """ClaimReview's articles with nothing to publish yet, cut after ten runs: sent to a
    log that held none of them."""
    lines, kept = claimreview_of_thirty(qtbot, thirty, tmp_path / "claims")
    assert lines[-1].endswith(
        "no file was written for articles 1, 3, 5, 7, 9, 11, 13, 15, 17, 19 and 5 more "
        "(every number is in Help → Recent Messages, Ctrl+Shift+J: the log file cannot be "
        "written)."
    ), lines[-1]
    odd = ", ".join(str(n) for n in range(1, 30, 2))
    assert any(odd in line for line in kept), kept


def test_with_the_log_written_nothing_more_is_kept(
    qtbot: QtBot, thirty: Desk, tmp_path: Path
) -> None:
    """The log written: it has every number, and the line sends the reviewer there."""
    lines, kept = claimreview_of_thirty(qtbot, thirty, tmp_path / "claims")
    assert lines[-1].endswith("and 5 more (see the log file)."), lines[-1]
    assert kept == []


def test_the_window_keeps_them_in_recent_messages(
    qtbot: QtBot,
    thirty: Desk,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
    log_not_written: None,
) -> None:
    """What the dialog could not put in the log is in the window's Recent Messages, whole,
    once the dialog has closed."""
    folder = tmp_path / "claims"
    folder.mkdir()
    for even in range(2, 31, 2):
        given_a_verdict(thirty, even)
    window = make_window(thirty)

    def export_every_article() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        claimreview_for_all(dialog)
        dialog.path_edit.setText(str(folder))
        with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
            dialog.export_button.click()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)

    QTimer.singleShot(0, export_every_article)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    odd = ", ".join(str(n) for n in range(1, 30, 2))
    assert any(odd in line for line in window.message_log.lines()), window.message_log.lines()
    assert export_dialog.logs is logs


def test_more_refusals_than_recent_messages_keeps_lose_no_number(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, log_not_written: None
) -> None:
    """An archive's export with 250 articles refused (ClaimReview's markup errors) and
    some with nothing to publish, the log file not written: each refusal was kept as a
    line of its own, and Recent Messages keeps 200 lines, so the last 50 refusals and the
    line of the articles with nothing to publish went at once, while the dialog said
    every number was there."""
    from factcheck_app.services.every_article import ArticleExported

    dialog = open_dialog(qtbot, window.desk)
    dialog.kept_whole.connect(window.message_log.keep)
    dialog._target = tmp_path
    refused = [
        ArticleExported(number, tmp_path / f"{number}.json", f"markup error {number}")
        for number in range(1, 251)
    ]
    unpublished = [ArticleExported(number, None, nothing_to_publish=True) for number in (300, 302)]
    assert dialog._log_outcomes([], unpublished, refused) is False
    kept = "\n".join(window.message_log.lines())
    assert "nothing to publish yet, no file written: articles 300, 302" in kept
    named: set[int] = set()
    for line in window.message_log.lines():
        one = re.search(r": article (\d+) not written: ", line)  # each, with why
        runs = re.search(r"not written \(.*: articles ([\d–, ]+)$", line)  # the rest
        if one:
            named.add(int(one[1]))
        for first, last in re.findall(r"(\d+)(?:–(\d+))?", runs[1] if runs else ""):
            named.update(range(int(first), int(last or first) + 1))
    assert set(range(1, 251)) <= named
