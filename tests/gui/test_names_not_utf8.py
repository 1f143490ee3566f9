"""Files whose names are not UTF-8 (Latin-1 bytes from an old archive, a disk written by
another system), handed to the window by the desktop.

A file manager hands such a name over as a URL with its bytes percent-encoded
(`file:///…/Wahl%FCbersicht.txt`); Qt decodes it as UTF-8 and puts U+FFFD in place of
each byte it cannot read, which names a file that is not there."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from PySide6.QtCore import QDir, QUrl
from pytestqt.qtbot import QtBot

from factcheck_app.gui import settings
from factcheck_app.gui.main_window import MainWindow
from tests.gui.conftest import drop_urls

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="names there are Unicode")


def file_manager_url(path: Path) -> QUrl:
    """The URL a file manager puts on the clipboard or in a drag for `path`: its bytes."""
    return QUrl.fromEncoded(b"file://" + quote(os.fsencode(path)).encode("ascii"))


def test_a_dropped_article_named_in_latin1_bytes_is_imported(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    folder = tmp_path / os.fsdecode(b"Archiv 1998 \xe4lter")
    folder.mkdir()
    article = folder / os.fsdecode(b"Wahl \xfcbersicht.txt")
    article.write_text("Officials said 40 people were hurt. Police denied it.", encoding="utf-8")
    # Beside it, a UTF-8 name with the characters a URL escapes, as Qt's own file
    # dialogs and file managers hand it over.
    other = folder.parent / "100% #1 ?é.txt"
    other.write_text("The mayor said 12 bridges were closed.", encoding="utf-8")
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        drop_urls(window, [file_manager_url(article), QUrl.fromLocalFile(str(other))])
    titles = [window.article_model.index(row, 0).data() for row in range(3)]
    assert any(t.startswith("Officials said 40") for t in titles), titles
    assert any(t.startswith("The mayor said 12") for t in titles), titles


def test_ctrl_o_after_such_an_article_starts_in_a_folder_qt_can_name(
    qapp: object, tmp_path: Path
) -> None:
    """Ctrl+O starts where the last article came from. Qt, given that folder's name as
    text, drops its undecodable bytes: its dialog opened in the folder above with what
    was left of the name typed in as a file to open ("d�"). It now starts in the nearest
    folder above that Qt can name, with nothing typed in."""
    folder = tmp_path / os.fsdecode(b"Archiv 1998 \xe4lter") / "Mai"
    folder.mkdir(parents=True)
    settings.remember_folder(settings.IMPORT_FOLDER, folder)
    offered = settings.folder_to_offer(settings.IMPORT_FOLDER)
    assert offered == tmp_path
    assert Path(QDir(str(offered)).absolutePath()).is_dir()  # as the dialog reads it
