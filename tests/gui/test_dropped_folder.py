"""A folder dropped onto the window imports the articles in it, as File → Import Folder
does: it was refused as "… is a folder, not an article file", and the editor had to find
the menu item that takes a folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QUrl
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.closed_folder import refuse_listing
from tests.gui.conftest import drop_urls


def drop(window: MainWindow, *paths: Path) -> None:
    drop_urls(window, [QUrl.fromLocalFile(str(p)) for p in paths])


def test_a_dropped_folder_imports_its_articles(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "inbox"
    (folder / "monday").mkdir(parents=True)
    (folder / "notes.txt").write_text("Police said 4 were arrested.", encoding="utf-8")
    (folder / "monday" / "wire.md").write_text("The mayor said 12 bridges closed.", "utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    loose = tmp_path / "loose.txt"
    loose.write_text("The army denied it.", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    before = window.article_model.rowCount()
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        drop(window, folder, loose)
    titles = [
        window.article_model.index(r, 0).data() for r in range(window.article_model.rowCount())
    ]
    assert window.article_model.rowCount() == before + 3, titles
    for start in ("Police said 4", "The mayor said 12", "The army denied"):
        assert any(t.startswith(start) for t in titles), titles
    assert not any("folder" in text for text in shown), shown


def test_a_dropped_folder_with_no_article_says_so(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    before = window.article_model.rowCount()
    drop(window, folder)
    assert window.article_model.rowCount() == before
    message = window.statusBar().currentMessage()
    assert message.startswith(f"No article files found in {folder}"), message


def test_a_dropped_folder_with_a_folder_that_cannot_be_looked_into_says_so_in_a_box(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its subfolder a colleague's, or its rights changed on a share: its articles were
    left out without a word, and the line naming an empty folder is gone from the status
    bar as soon as the other articles come in. (Closed by a stand-in for the system: the
    tests run as root too.)"""
    folder = tmp_path / "inbox"
    closed = folder / "tuesday"
    closed.mkdir(parents=True)
    (closed / "wire.md").write_text("The mayor said 12 bridges closed.", encoding="utf-8")
    (folder / "notes.txt").write_text("Police said 4 were arrested.", encoding="utf-8")
    refuse_listing(monkeypatch, closed)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    before = window.article_model.rowCount()
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        drop(window, folder)
    assert window.article_model.rowCount() == before + 1  # what could be read came in
    assert shown == [
        f"Cannot look into the folder {closed} (Permission denied): nothing in it was imported."
    ]


def test_a_folder_with_hundreds_of_closed_subfolders_names_five_and_counts_the_rest(
    window: MainWindow,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A share of 500 colleagues' folders, each closed to this reviewer: the box named
    every one, a box far taller than the screen whose OK button could not be reached.
    Now the first five, how many more, and all of them under Show Details and in the
    log. (Closed by a stand-in for the system: the tests run as root too.)"""
    folder = tmp_path / "share"
    closed = [folder / f"desk-{number:03}" for number in range(500)]
    for sub in closed:
        sub.mkdir(parents=True)
    (folder / "notes.txt").write_text("Police said 4 were arrested.", encoding="utf-8")
    refuse_listing(monkeypatch, *closed)
    boxes: list[tuple[str, str, int]] = []

    def shown(box: QMessageBox) -> int:
        boxes.append((box.text(), box.detailedText(), box.sizeHint().height()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown)
    before = window.article_model.rowCount()
    with caplog.at_level("WARNING"), qtbot.waitSignal(window.import_finished, timeout=20_000):
        drop(window, folder)
    assert window.article_model.rowCount() == before + 1  # what could be read came in
    [(text, details, height)] = boxes
    for sub in closed[:5]:
        assert f"the folder {sub} " in text
    assert str(closed[5]) not in text
    assert "495 more folders" in text
    assert height <= 640 - 40, height  # on a 1024×640 screen, with its title bar
    for sub in closed:  # every one, to copy
        assert f"the folder {sub} " in details
        assert str(sub) in caplog.text


def test_the_closed_folders_box_fits_a_1024x640_screen_with_a_large_font(
    large_font: object,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 16 pt each closed folder's sentence took four lines: five of them and the count
    made a box 660 px tall, its OK and Show Details buttons below a 640 px screen's edge.
    It names as many as leave the box on the screen, and counts the rest."""
    window = make_window(seeded_desk)
    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    folder = tmp_path / "Newsroom desks"
    closed = [folder / f"colleague-desk-{number:02}" for number in range(40)]
    for sub in closed:
        sub.mkdir(parents=True)
    (folder / "notes.txt").write_text("Police said 4 were arrested.", encoding="utf-8")
    refuse_listing(monkeypatch, *closed)
    boxes: list[tuple[str, str, int]] = []

    def shown(box: QMessageBox) -> int:
        box.show()  # laid out as the reviewer sees it (its size hint alone said less)
        QApplication.processEvents()
        boxes.append((box.text(), box.detailedText(), box.frameGeometry().height()))
        box.hide()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown)
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        drop(window, folder)
    [(text, details, height)] = boxes
    assert height <= room.height() - 40, height  # with its title bar
    assert f"the folder {closed[0]} " in text  # the first still named
    assert "more folders could not be looked into" in text  # the rest counted
    assert all(f"the folder {sub} " in details for sub in closed)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_dropped_folder_names_article_links_that_lead_nowhere(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link to an article on a share not mounted today, or a link to itself: the
    folder's import passed over them without a word, and they were taken for imported."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "notes.txt").write_text("Police said 4 were arrested.", encoding="utf-8")
    (folder / "wire.txt").symlink_to(tmp_path / "share" / "wire.txt")  # the share is gone
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    before = window.article_model.rowCount()
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        drop(window, folder)
    assert window.article_model.rowCount() == before + 1
    [summary] = shown
    assert "Imported: 1" in summary and "Refused: 2" in summary, summary
    # In words, by its name: "/tmp/…/inbox/loop.txt: cannot read the file (Too many
    # levels of symbolic links)." said neither what is wrong nor what to do.
    assert (
        "\nloop.txt is a link that leads, through others, back to itself (a loop of "
        "links), so it leads to no file: point the link at the article itself." in summary
    )
    gone = tmp_path / "share" / "wire.txt"
    # Named by its name, its line then saying where it leads.
    assert f"\nwire.txt is a link to {gone}, which is not there (on a drive or share" in summary


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_an_editors_lock_link_in_a_dropped_folder_is_not_an_article(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a reporter has notes.txt open in Emacs, the folder holds `.#notes.txt`, a
    link to "user@host.pid:boot" that leads nowhere on purpose (Emacs's lock). It was
    passed over; once links leading nowhere were named, the import ended in a box
    refusing it as "a link … on a drive or share not connected now?", sending the
    reviewer to look for a share. It is the editor's, not an article: passed over."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "notes.txt").write_text("Police said 4 were arrested.", encoding="utf-8")
    (folder / ".#notes.txt").symlink_to("ana@newsdesk.4242:1765000000")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    before = window.article_model.rowCount()
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        drop(window, folder)
    assert window.article_model.rowCount() == before + 1
    assert not shown, shown  # one article in, nothing refused: no box
