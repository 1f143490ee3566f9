"""What an import says it did: counted right, and quiet unless something was refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextLayout
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from tests.conftest import SEED_FILE
from tests.gui.conftest import drop_urls


def write(folder: Path, name: str, sentences: int) -> Path:
    path = folder / name
    text = " ".join(f"The council said {n} homes in {name} were flooded." for n in range(sentences))
    path.write_text(text, encoding="utf-8")
    return path


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


def test_a_disk_that_fills_during_a_batch_names_every_file_not_imported(
    window: MainWindow,
    tmp_path: Path,
    qtbot: QtBot,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The disk filled during a folder's import: the box listed "The disk is full …" once
    per file without saying which, and every later file was read only to be refused."""
    from factcheck_app.domain.errors import WorkspaceFull
    from factcheck_app.services.importer import ArticleImporter

    tried: list[str] = []
    real_import = ArticleImporter.import_file

    def the_disk_fills_after_the_first(self: ArticleImporter, path: Path, **kwargs: Any) -> Any:
        tried.append(path.name)
        if len(tried) > 1:
            raise WorkspaceFull("The disk is full: the change was NOT saved to the workspace.")
        return real_import(self, path, **kwargs)

    monkeypatch.setattr(ArticleImporter, "import_file", the_disk_fills_after_the_first)
    names = ["a.txt", "b.txt", "c.txt", "d.txt"]
    message = import_and_wait(window, qtbot, [write(tmp_path, name, 3) for name in names])
    assert tried == ["a.txt", "b.txt"]
    assert message == "Imported 1 article (3 sentences); 3 refused."
    [box] = boxes
    refused = box.split("\n\n", 1)[1].splitlines()
    assert [line.split(":")[0] for line in refused] == ["b.txt", "c.txt", "d.txt"]
    assert all("disk is full" in line for line in refused)


def test_a_workspace_dropped_on_the_window_says_how_to_open_or_merge_it(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, boxes: list[str]
) -> None:
    """A colleague's workspace dropped on the window was refused as "this kind of file
    cannot be imported yet (supported: .html, …)": as if a later version would import it,
    and with no word of how to open it or bring its work in."""
    from factcheck_app.services.desk import Desk

    colleague = tmp_path / "bob.fcdesk"
    Desk.open(colleague, backup=False).close()
    before = window.article_model.rowCount()
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        drop_urls(window, [QUrl.fromLocalFile(str(colleague))])
    assert len(boxes) == 1
    assert "bob.fcdesk is a workspace, not an article" in boxes[0]
    assert "File → Open Workspace" in boxes[0] and "File → Merge Workspace" in boxes[0]
    assert "yet" not in boxes[0]
    assert window.article_model.rowCount() == before and window.desk.path != colleague


ARABIC = "قال الوزير إن البطالة انخفضت إلى 4٪ العام الماضي. ونفى المنتقدون ذلك."


def _x_of(text: str, offset: int, window: MainWindow) -> float:
    """Where the character at `offset` of `text` is drawn on one line of the window's font."""
    layout = QTextLayout(text, window.statusBar().font())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    return line.cursorToX(offset)[0]


@pytest.mark.parametrize("already_there", [False, True])
def test_a_right_to_left_title_leaves_the_count_after_it(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, boxes: list[str], already_there: bool
) -> None:
    """An Arabic title took the count after it into its own right-to-left run: the
    status bar read "Imported “4 :”قال الوزير … sentences." for "…”: 4 sentences."."""
    path = tmp_path / "arabic.txt"
    path.write_text(ARABIC, encoding="utf-8")
    said = import_and_wait(window, qtbot, [path])
    if already_there:
        said = import_and_wait(window, qtbot, [path])
    count = said.rindex("2 sentences")
    title = said.index("قال")
    assert 0 < title < count
    title_places = [_x_of(said, offset, window) for offset in range(title + 1, title + 20)]
    assert _x_of(said, count, window) > max(title_places)  # the count to the right of it all


def test_refusals_told_in_a_box_can_be_read_again_after_it_closes(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, boxes: list[str]
) -> None:
    """The box of a batch's refusals was the only place that named them: closed (by the
    Enter or Space meant for the work beside the import), which file was refused, and
    why, was gone. Recent Messages keeps every one, and the status bar says so."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    import_and_wait(window, qtbot, [write(tmp_path, "a.txt", 3), empty])
    assert len(boxes) == 1  # the box, closed (`boxes` answers it as Enter does)
    kept = window.message_log.lines()
    refused = [line for line in kept if "empty.txt" in line]
    assert len(refused) == 1 and "no article text" in refused[0]  # which file, and why
    assert "Ctrl+Shift+J" in " ".join(window.notices.owed() + kept)


def test_no_box_over_work_done_during_a_batch_import(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, boxes: list[str]
) -> None:
    """An Enter or Space typed into the explanation as the box came up closed it: the key
    was the box's, not the text's. Worked on during the import: no box; a status line,
    and the refusals in Recent Messages, and every key typed stays in the explanation."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    edit = window.panel.explanation_edit
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_files([write(tmp_path, "a.txt", 3), empty])
        edit.setFocus()
        qtbot.keyClicks(edit, "Checked with")
    qtbot.keyClicks(edit, " the council")
    assert boxes == []
    assert edit.toPlainText().endswith("Checked with the council")  # no new article over it
    assert any("empty.txt" in line for line in window.message_log.lines())
    told = [*window.notices.owed(), window.statusBar().currentMessage()]
    assert any("1 refused" in line and "Ctrl+Shift+J" in line for line in told)


def test_the_notice_counts_in_what_the_status_line_counts_imported(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, boxes: list[str]
) -> None:
    """A file already in the workspace was counted "in" by the notice: "2 in, 1 refused"
    after "Imported 1 article (3 sentences); 1 already in the workspace; 1 refused." and
    a box saying "Imported: 1". "In" is what came in new, as both of them count it."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    line = import_and_wait(window, qtbot, [write(tmp_path, "a.txt", 3), SEED_FILE, empty])
    assert line.startswith("Imported 1 article") and "1 already in the workspace" in line
    told = [said for said in window.notices.owed() if said.startswith("Import finished")]
    assert len(told) == 1 and told[0].startswith("Import finished: 1 in, 1 refused")


def test_no_box_over_work_done_during_a_one_file_import_that_is_refused(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, boxes: list[str]
) -> None:
    """One file dropped, then the reviewer went on typing: its refusal came up in a box
    unasked, as a batch's did, and an Enter or Space typed into the explanation closed
    it, why the file was refused gone with it. Worked on meanwhile: no box; the refusal
    in Recent Messages, a notice saying so, and every key typed in the explanation."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    edit = window.panel.explanation_edit
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_files([empty])
        edit.setFocus()
        qtbot.keyClicks(edit, "Checked with")
    qtbot.keyClicks(edit, " the council")
    assert boxes == []
    assert edit.toPlainText().endswith("Checked with the council")
    assert any("empty.txt" in line for line in window.message_log.lines())
    told = [*window.notices.owed(), window.statusBar().currentMessage()]
    assert any("1 refused" in line and "Ctrl+Shift+J" in line for line in told)


def test_a_one_file_import_waited_for_says_its_refusal_in_a_box_and_keeps_it(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, boxes: list[str]
) -> None:
    """Nothing done meanwhile: the reviewer is waiting for the file, and its refusal comes
    in a box, as ever; Recent Messages keeps it after the box is closed."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_files([empty])
    assert len(boxes) == 1 and "empty.txt" in boxes[0]
    assert any("empty.txt" in line for line in window.message_log.lines())
