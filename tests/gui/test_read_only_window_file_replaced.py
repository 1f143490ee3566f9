"""A read-only window whose workspace file is replaced by another file while it reads it.

The window editing the workspace restores a backup (File → Restore from Backup), or a sync
tool brings another version of the file: the file at the workspace's name is then another
file. The read-only window beside it went on reading the file it had opened, now the
`before-restore` copy in the backups folder: it showed the verdicts the restore had
turned away, never the editor's saves from then on, and said nothing. It says once that
the file was replaced, and reads the file now in its place when asked."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.domain.models import Tag
from factcheck_app.gui import settings
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services import workspace_files
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from tests.conftest import SEED_FILE
from tests.stress.harness import REPO_ROOT, child_env, run_cli

Button = QMessageBox.StandardButton


def _answering(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    shown: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.text())
        return button.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return shown


def _writer_with_backup(path: Path) -> tuple[Desk, int, Path]:
    writer = Desk.open(path)
    writer.importer.import_file(SEED_FILE)
    sid = writer.reviews.sentence_rows(1)[2].sentence.id
    backup = writer.upkeep.backup_now()
    writer.reviews.set_tag(sid, Tag.DENIAL)  # after the backup: the restore turns it away
    return writer, sid, backup


def _restore(writer: Desk, path: Path, backup: Path, tmp_path: Path) -> Desk:
    lock = writer.detach_writer_lock()
    writer.close()
    workspace_files.restore_backup(path, backup, lock_held=True)
    restored = Desk.open(path, held_lock=lock)
    other = tmp_path / "second.txt"
    other.write_text("A second article arrives. It has two sentences.", encoding="utf-8")
    restored.importer.import_file(other)
    return restored


def test_a_read_only_window_reads_the_restored_workspace_when_asked(
    tmp_path: Path,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "w.fcdesk"
    writer, sid, backup = _writer_with_backup(path)
    try:
        reader = Desk.open(path, read_only=True)
        window = make_window(reader)
        window.select_sentence(sid)
        assert window.sentence_model.rows()[window.sentence_model.row_of(sid)].review.tag is (
            Tag.DENIAL
        )
        shown = _answering(monkeypatch, Button.Open)
        writer = _restore(writer, path, backup, tmp_path)
        writer.reviews.set_tag(sid, Tag.FACT)

        window.workspace.check_outside_changes()  # the window's look, every second
        assert "w.fcdesk was replaced by another file" in shown[0]
        assert "nothing was changed here" in shown[0]
        assert window.desk is not reader and reader.closed
        assert window.desk.read_only
        assert window.article_model.rowCount() == 2  # the editor's import, after the restore
        assert window.current_sentence_id() == sid  # the reader keeps their place
        row = window.sentence_model.rows()[window.sentence_model.row_of(sid)]
        assert row.review.tag is Tag.FACT  # not the Denial the restore turned away
        window.workspace.check_outside_changes()
        assert len(shown) == 1
    finally:
        writer.close()


def test_later_keeps_the_window_and_asks_no_more(
    tmp_path: Path,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "w.fcdesk"
    writer, _sid, backup = _writer_with_backup(path)
    try:
        reader = Desk.open(path, read_only=True)
        window = make_window(reader)
        shown = _answering(monkeypatch, Button.Cancel)
        writer = _restore(writer, path, backup, tmp_path)
        window.workspace.check_outside_changes()
        assert len(shown) == 1
        assert window.desk is reader
        window.workspace.check_outside_changes()
        window.workspace.check_outside_changes()
        assert len(shown) == 1  # told once, not every second
    finally:
        writer.close()


def test_a_read_only_window_whose_file_is_gone_for_good_says_nothing(
    tmp_path: Path,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Deleted (a backup opened read-only, thinned away): nowhere to read it again, and
    what it shows is still that file's; no box, every second."""
    path = tmp_path / "w.fcdesk"
    writer, _sid, _backup = _writer_with_backup(path)
    writer.close()
    window = make_window(Desk.open(path, read_only=True))
    shown = _answering(monkeypatch, Button.Open)
    path.unlink()
    window.workspace.check_outside_changes()
    assert shown == []
    assert window.article_model.rowCount() == 1


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="where a file went: Linux only")
def test_a_read_only_window_whose_file_was_moved_reads_it_there(
    tmp_path: Path,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Moved into another folder while a reader has it open: the desk editing it goes on
    there ("Open It There"), with a -wal and -shm of the new name that the reader never
    looked at. The reader showed the workspace as it was at the move, and a read after
    the editor's saves there could find pages of two moments ("damaged … restore it from
    a backup"). It reads the file there, at the same article and sentence, and says so.
    No Later: reading on at the old name is what could show such a page."""
    path = tmp_path / "w.fcdesk"
    writer, sid, _backup = _writer_with_backup(path)
    writer.close()
    reader = Desk.open(path, read_only=True)
    window = make_window(reader)
    window.select_sentence(sid)
    shown = _answering(monkeypatch, Button.Ok)
    (tmp_path / "2026").mkdir()
    moved = tmp_path / "2026" / "w.fcdesk"
    path.rename(moved)

    window.workspace.check_outside_changes()  # the window's look, every second
    assert len(shown) == 1
    assert "w.fcdesk was moved to" in shown[0] and str(moved) in shown[0]
    assert "now reads it there too" in shown[0] and "nothing was changed" in shown[0]
    assert window.desk is not reader and reader.closed
    assert window.desk.read_only and window.desk.path == moved
    assert window.current_sentence_id() == sid
    assert settings.recent_workspaces()[0] == str(moved.resolve())  # Open Recent: there

    # The desk editing it, in its own process, goes on there: its saves show here.
    article = tmp_path / "second.txt"
    article.write_text("A second article arrives. It has two sentences.", encoding="utf-8")
    run = run_cli(["import", "-w", str(moved), str(article)], child_env(tmp_path))
    assert run.returncode == 0, run.describe()
    window.workspace.check_outside_changes()
    assert window.article_model.rowCount() == 2
    assert not path.exists()  # nothing made again at the old name
    window.workspace.check_outside_changes()
    assert len(shown) == 1


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="where a file went: Linux only")
def test_a_restore_seen_half_way_is_not_taken_for_a_move(
    tmp_path: Path,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A restore in the window editing it (another process) moves the workspace file into
    its backups folder, then puts the backup's copy at its name: a look of the reader's
    between the two found nothing at the name and the file in the backups folder. It
    followed it there at once ("the desk editing it goes on there", untrue), read the
    version the restore turned away from then on, and Open Recent offered the backup.
    The file set aside is not followed: the next look finds the one put in its place."""
    path = tmp_path / "w.fcdesk"
    writer, sid, backup = _writer_with_backup(path)
    writer.close()
    reader = Desk.open(path, read_only=True)
    window = make_window(reader)
    window.select_sentence(sid)
    shown = _answering(monkeypatch, Button.Open)
    staging = backups.restoring_path(path)
    staging.write_bytes(backup.read_bytes())
    backups.set_aside(path, "before-restore")  # the restore's first step

    window.workspace.check_outside_changes()  # the reader's look, between the two steps
    assert shown == []
    assert window.desk is reader and not reader.closed

    os.replace(staging, path)  # the restore's last step
    window.workspace.check_outside_changes()
    assert len(shown) == 1 and "w.fcdesk was replaced by another file" in shown[0]
    assert window.desk.path == path and window.desk.read_only
    assert window.current_sentence_id() == sid
    row = window.sentence_model.rows()[window.sentence_model.row_of(sid)]
    assert row.review.tag is not Tag.DENIAL  # the backup's, not the version turned away
    assert not any("w-backups" in recent for recent in settings.recent_workspaces())


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="where a file went: Linux only")
def test_a_move_waits_for_the_export_dialog_open_over_the_window(
    tmp_path: Path,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reader has File → Export… open when the workspace is moved: the window read it
    there at once, closing the workspace the dialog reads, under it; its box came up over
    the dialog, and Export then failed, "… could not be read or written (Cannot operate
    on a closed database.)". It waits until the dialog is closed, then reads it there."""
    from factcheck_app.gui.dialogs.export import ExportDialog

    path = tmp_path / "w.fcdesk"
    writer, sid, _backup = _writer_with_backup(path)
    writer.close()
    reader = Desk.open(path, read_only=True)
    window = make_window(reader)
    window.select_sentence(sid)
    assert window.article_id is not None
    dialog = ExportDialog(window.desk, window.article_id, window)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    shown = _answering(monkeypatch, Button.Ok)
    (tmp_path / "2026").mkdir()
    moved = tmp_path / "2026" / "w.fcdesk"
    path.rename(moved)

    window.workspace.check_outside_changes()  # the window's look, with the dialog open
    assert shown == []
    assert window.desk is reader and not reader.closed
    dialog.set_format("summary-csv")
    dialog.path_edit.setText(str(tmp_path / "summary.csv"))
    with qtbot.waitSignal(dialog.export_finished, timeout=20_000):
        dialog.start_export()
    assert "Cannot operate" not in dialog.status_label.text()
    assert (tmp_path / "summary.csv").exists()
    dialog.close()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)

    window.workspace.check_outside_changes()  # the next look, the dialog closed
    assert len(shown) == 1 and "w.fcdesk was moved to" in shown[0]
    assert window.desk.path == moved and reader.closed
    assert window.current_sentence_id() == sid


def test_a_replaced_file_is_told_once_the_dialog_open_over_the_window_is_closed(
    tmp_path: Path,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Read It Again, answered over a dialog, closed the workspace the dialog reads."""
    path = tmp_path / "w.fcdesk"
    writer, _sid, backup = _writer_with_backup(path)
    try:
        reader = Desk.open(path, read_only=True)
        window = make_window(reader)
        dialog = QDialog(window)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.show()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
        shown = _answering(monkeypatch, Button.Open)
        writer = _restore(writer, path, backup, tmp_path)
        window.workspace.check_outside_changes()
        assert shown == [] and window.desk is reader and not reader.closed
        dialog.close()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
        window.workspace.check_outside_changes()
        assert len(shown) == 1 and "was replaced by another file" in shown[0]
        assert window.desk is not reader and window.article_model.rowCount() == 2
    finally:
        writer.close()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="where a file went: Linux only")
def test_a_moved_file_that_cannot_be_read_there_says_how_to_open_it_again(
    tmp_path: Path,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Read there once, then closed here, the file could not be read there again (moved
    again meanwhile, its share gone): the box said only why, "Cannot read the workspace
    again". The window held its workspace closed: every key then said "… could not be
    read or written (Cannot operate on a closed database.)", the watch looked no more,
    and Open Recent did not list where the file went. It says how to open it again, and
    Open Recent lists it there, which opens it."""
    path = tmp_path / "w.fcdesk"
    writer, sid, _backup = _writer_with_backup(path)
    writer.close()
    reader = Desk.open(path, read_only=True)
    window = make_window(reader)
    window.select_sentence(sid)
    shown = _answering(monkeypatch, Button.Ok)
    (tmp_path / "2026").mkdir()
    moved = tmp_path / "2026" / "w.fcdesk"
    path.rename(moved)
    opened = Desk.open
    reads: list[Path] = []

    def fails_the_second_time(where: Path, **options: Any) -> Desk:
        reads.append(where)
        if len(reads) == 2:
            raise WorkspaceError(f"The workspace {where} could not be read (it went).")
        return opened(where, **options)

    monkeypatch.setattr(Desk, "open", fails_the_second_time)
    window.workspace.check_outside_changes()
    monkeypatch.setattr(Desk, "open", opened)
    assert len(shown) == 2 and "could not be read (it went)" in shown[1]
    assert "File → Open Recent Workspace" in shown[1]
    assert settings.recent_workspaces()[0] == str(moved.resolve())

    window.workspace._open_recent(moved)  # File → Open Recent Workspace → …/2026/w.fcdesk
    assert window.desk.path == moved and not window.desk.closed
    assert window.article_model.rowCount() == 1


_EDITOR = """
import sys
from pathlib import Path
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
desk = Desk.open(Path(sys.argv[1]))
for row in desk.reviews.sentence_rows(1)[:3]:
    desk.reviews.set_tag(row.sentence.id, Tag.DENIAL)
print("saved", flush=True)
sys.stdin.readline()
print("told:", desk.keep_place()[:40], flush=True)
sys.stdin.readline()
desk.close()
"""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="where a file went: Linux only")
def test_a_moved_file_is_read_there_only_once_the_editor_has_put_its_saves_in_it(
    tmp_path: Path,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The desk editing the workspace (another process) keeps its latest saves in the -wal
    at the old name until its own look, within a second, finds the file moved and puts
    them into it. A reader whose look came first read the file there without them: the
    three Denials it showed were gone ("—"), and stayed gone once the editor had put them
    in (its pages were those read before). It reads there only once the editor has."""
    path = tmp_path / "w.fcdesk"
    made = Desk.open(path)
    made.importer.import_file(SEED_FILE)
    sid = made.reviews.sentence_rows(1)[0].sentence.id
    made.close()
    editor = subprocess.Popen(
        [sys.executable, "-c", _EDITOR, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(tmp_path),
        cwd=REPO_ROOT,
    )
    assert editor.stdin is not None and editor.stdout is not None
    try:
        assert editor.stdout.readline() == "saved\n"
        window = make_window(Desk.open(path, read_only=True))
        window.select_sentence(sid)

        def tag() -> Tag | None:
            return window.sentence_model.rows()[window.sentence_model.row_of(sid)].review.tag

        assert tag() is Tag.DENIAL
        shown = _answering(monkeypatch, Button.Ok)
        (tmp_path / "2026").mkdir()
        moved = tmp_path / "2026" / "w.fcdesk"
        path.rename(moved)

        window.workspace.check_outside_changes()  # the reader's look, before the editor's
        assert tag() is Tag.DENIAL
        editor.stdin.write("look\n")  # the editor's look: its saves put into the file
        editor.stdin.flush()
        assert editor.stdout.readline().startswith("told: The workspace file")
        window.workspace.check_outside_changes()
        assert len(shown) == 1 and "w.fcdesk was moved to" in shown[0]
        assert window.desk.path == moved
        assert tag() is Tag.DENIAL
    finally:
        editor.communicate()  # its stdin closed: it closes the workspace, and ends
