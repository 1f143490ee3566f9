"""What an import says it did: counted right, and quiet unless something was refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from tests.conftest import SEED_FILE


def write(folder: Path, name: str, sentences: int) -> Path:
    path = folder / name
    text = " ".join(f"The council said {n} homes in {name} were flooded." for n in range(sentences))
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown


def import_and_wait(window: MainWindow, qtbot: QtBot, paths: list[Path]) -> str:
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_files(paths)
    return window.statusBar().currentMessage()


def test_several_files_count_new_articles_their_sentences_and_those_already_there(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, boxes: list[str]
) -> None:
    """Before: "Imported 4 files: 8 sentences" (the last file's count, duplicates counted
    as imported) and a modal box for every multi-file import."""
    files = [write(tmp_path, "a.txt", 20), write(tmp_path, "b.txt", 30), SEED_FILE]
    message = import_and_wait(window, qtbot, files)
    assert message == "Imported 2 articles (50 sentences); 1 already in the workspace."
    assert boxes == []


def test_one_file_already_there_says_so_without_claiming_an_import(
    window: MainWindow, qtbot: QtBot, boxes: list[str]
) -> None:
    message = import_and_wait(window, qtbot, [SEED_FILE])
    assert message.startswith("“") and "is already in the workspace (12 sentences)." in message
    assert not message.startswith("Imported")


def test_one_sentence_is_singular(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, boxes: list[str]
) -> None:
    message = import_and_wait(window, qtbot, [write(tmp_path, "short.txt", 1)])
    assert message.endswith(": 1 sentence.")


def test_a_refused_file_among_several_is_told_in_a_box(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, boxes: list[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    message = import_and_wait(window, qtbot, [write(tmp_path, "a.txt", 3), empty])
    assert message == "Imported 1 article (3 sentences); 1 refused."
    assert len(boxes) == 1


def test_a_long_title_leaves_the_count_in_sight_at_1024_pixels(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, boxes: list[str]
) -> None:
    """A 300-character first sentence (the title) pushed ": 4 sentences." past the status
    bar's end, under the reviewed counter: the one number the message was for."""
    window.resize(1024, 640)
    long = "The minister said that the unemployment rate had fallen to four per cent " * 4
    path = tmp_path / "long.txt"
    path.write_text(f"{long.strip()}.\n\nTwo. Three. Four.", encoding="utf-8")
    message = import_and_wait(window, qtbot, [path])
    assert message.endswith(": 4 sentences.")
    bar = window.statusBar()
    room = bar.width() - window.progress_label.width() - 2 * bar.layout().spacing() - 24
    assert bar.fontMetrics().horizontalAdvance(message) <= room
