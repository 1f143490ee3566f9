"""Big and hostile article files never freeze or crash the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.article_view import soften_long_lines
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.workers import ImportOutcome

PARAGRAPH = (
    "Officials said 14 people were hurt in the blast on Monday. Police denied that the "
    "building had been evacuated too late. The mayor, Dr. Ana Ruiz, said 3.5 million "
    "dollars would be set aside.\n\n"
)


def test_big_file_imports_in_the_background_with_progress(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    big = tmp_path / "big.txt"
    big.write_text(PARAGRAPH * 20_000, encoding="utf-8")  # ~4 MB, 60,000 sentences
    stages: list[int] = []
    with qtbot.waitSignal(window.import_finished, timeout=60_000) as done:
        window.import_files([big])
        job = window.imports.job
        assert job is not None  # running in its worker thread, the window stays live
        job.progress.connect(lambda value, stage: stages.append(value))
    outcome: ImportOutcome = done.args[0]
    assert not outcome.problems and not outcome.cancelled
    assert outcome.imported[0].sentence_count == 60_000
    assert window.sentence_model.rowCount() == 60_000
    assert stages and stages == sorted(stages)


def test_cancelled_import_leaves_nothing_behind(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    big = tmp_path / "big.txt"
    big.write_text(PARAGRAPH * 20_000, encoding="utf-8")
    with qtbot.waitSignal(window.import_finished, timeout=60_000) as done:
        window.import_files([big])
        assert window.imports.job is not None
        window.imports.job.cancel()
    assert done.args[0].cancelled and not done.args[0].imported
    assert window.article_model.rowCount() == 1
    assert len(window.desk.articles.list_articles()) == 1
    assert "cancelled" in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "no article text"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 50, "binary"),
        (b"\xff\xfe" + "Lone \ud800 surrogate.".encode("utf-16-le", "surrogatepass"), "UTF-16"),
        (b"caf\xe9 \x8f", "neither UTF-8 nor Western European"),
    ],
    ids=["empty", "binary", "lone-surrogate", "neither-utf8-nor-1252"],
)
def test_hostile_files_get_a_clear_message(
    content: bytes,
    words: str,
    window: MainWindow,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.import_files([bad])
    assert len(shown) == 1 and "bad.txt" in shown[0] and words in shown[0]
    assert len(window.desk.articles.list_articles()) == 1


def test_right_to_left_and_combining_text_is_shown_as_is(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    text = (
        "قال المسؤولون إن 14 شخصا أصيبوا. "
        "Cafe\u0301 owners said prices rose 5 %. 🇦🇿 Baku denied it."
    )
    path = tmp_path / "rtl.txt"
    path.write_text(text, encoding="utf-8")
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.import_files([path])
    assert window.article_view.toPlainText() == text
    rows = window.sentence_model.rows()
    assert "".join(r.sentence.text for r in rows).replace(" ", "") == text.replace(" ", "")
    window.select_sentence(rows[-1].sentence.id)  # after the flag emoji: UTF-16 offsets
    cursor = window.article_view.textCursor()
    assert cursor.position() == len(text[: rows[-1].sentence.start].encode("utf-16-le")) // 2


def test_very_long_lines_are_displayed_with_the_same_offsets() -> None:
    line = "word " * 100_000
    shown = soften_long_lines(line)
    assert len(shown) == len(line)
    assert max(len(part) for part in shown.split("\n")) <= 2_100
    assert shown.replace("\n", " ") == line
    short = "A normal paragraph.\n\nAnother one."
    assert soften_long_lines(short) is short
