"""A copy of the workspace file taken while the window has it open (a file manager, a
USB stick, a mail attachment) holds what was saved before the reviewer's last pause."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import types
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.desk_left_open import desk_left_open
from tests.gui.conftest import press
from tests.services.merge_fixtures import SHARED, make_alice


def _verdicts_in(copy: Path) -> dict[int, str]:
    conn = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return dict(conn.execute("SELECT sentence_id, rating FROM reviews WHERE rating NOT NULL"))
    finally:
        conn.close()


def test_a_copy_taken_after_a_pause_holds_the_last_verdict(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
) -> None:
    window = make_window(seeded_desk)
    path = seeded_desk.path
    assert path is not None
    sid = window.current_sentence_id()
    assert sid is not None
    press(qtbot, window, "c")
    press(qtbot, window, "5")
    verdict = seeded_desk.reviews.review(sid).verdict
    assert verdict is not None
    # The reviewer pauses: the window looks for other programs' saves every second.
    looks = window.workspace._watch_timer
    for _ in range(3):
        with qtbot.waitSignal(looks.timeout, timeout=5000):
            pass
    # The reviewer's colleague copies the file alone, as a file manager does (another
    # process: opened by path here, it would drop the window's locks).
    copy = tmp_path / "copy" / "w (1).fcdesk"
    copy.parent.mkdir()
    subprocess.run(["cp", str(path), str(copy)], check=True)
    assert _verdicts_in(copy).get(sid) == verdict


def test_merging_a_copy_taken_while_open_says_so_in_a_box(
    tmp_path: Path,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The status bar's one line cut the warning off: it is what the reviewer must act on.
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    with desk_left_open(bob, "Bob") as other:
        ids = other.do("import", SHARED, "shared.txt")
        assert isinstance(ids, list)
        other.do("verdict", ids[3], "mixed")
        other.do("settle")
        shutil.copyfile(bob, tmp_path / "bob (1).fcdesk")
    desk = Desk.open(alice, backup=False)
    try:
        window = make_window(desk)
        shown: list[str] = []
        monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
        monkeypatch.setattr(
            QFileDialog,
            "getOpenFileName",
            staticmethod(lambda *args, **kwargs: (str(tmp_path / "bob (1).fcdesk"), "")),
        )
        with qtbot.waitSignal(window.merging.finished, timeout=20_000):
            window.merging.merge_dialog()
        assert "1 review added" in window.statusBar().currentMessage()
        assert len(shown) == 1
        assert "bob (1).fcdesk was copied while a desk had it open" in shown[0]
    finally:
        desk.close()


def _told_on_opening(path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """What the window tells on opening `path` for editing (its box's text)."""
    from factcheck_app.gui.workspace_opener import tell_unconfirmed

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    desk = Desk.open(path, backup=False)
    try:
        tell_unconfirmed(None, desk)
    finally:
        desk.close()
    return "\n".join(shown)


def test_opening_a_copy_taken_while_open_does_not_promise_every_edit(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The copy holds its desk's "open" mark but came without its -wal: it was told as a
    # crash here, "Every edit it saved is in the workspace", which for a copy is untrue.
    bob = tmp_path / "bob.fcdesk"
    with desk_left_open(bob, "Bob") as other:
        ids = other.do("import", SHARED, "shared.txt")
        assert isinstance(ids, list)
        other.do("verdict", ids[3], "mixed")
        other.do("settle")
        other.do("verdict", ids[4], "true")
        shutil.copyfile(bob, tmp_path / "bob (1).fcdesk")
    told = _told_on_opening(tmp_path / "bob (1).fcdesk", monkeypatch)
    assert "was copied while a desk had it open" in told
    assert "may be missing here" in told
    assert "Every edit it saved is in the workspace" not in told
    assert "Verdict" in told  # the last edits it holds, still listed


def test_after_a_crash_every_saved_edit_is_still_promised(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    bob = tmp_path / "bob.fcdesk"
    with desk_left_open(bob, "Bob") as other:
        ids = other.do("import", SHARED, "shared.txt")
        assert isinstance(ids, list)
        other.do("verdict", ids[3], "mixed")
        other.do("crash")
    told = _told_on_opening(bob, monkeypatch)
    assert "Every edit it saved is in the workspace" in told
    assert "copied" not in told


def test_a_workspace_its_desk_did_not_finish_closing_is_not_called_a_copy(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its own file, holding the mark its desk wrote in it, without a -wal: a close on a
    # full disk (tests/storage/test_mark_left_by_a_full_disk.py makes one for real).
    from factcheck_app.gui import workspace_opener
    from factcheck_app.services.session import UnconfirmedEdit

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    desk = types.SimpleNamespace(
        unconfirmed_edits_described=lambda: [UnconfirmedEdit(None, "Verdict: True")],
        copied_while_open=False,
        cut_short_imports=[],
        cut_short_merge="",
        unclosed_without_wal=True,
        path=tmp_path / "w.fcdesk",
    )
    workspace_opener.tell_unconfirmed(None, desk)  # type: ignore[arg-type]
    [told] = shown
    assert told.startswith("Factcheck desk did not finish closing w.fcdesk last time")
    assert "the disk may have been full" in told
    assert "copied" not in told and "may be missing" not in told
    assert "Verdict: True" in told


def test_a_copy_whose_later_wal_was_set_aside_is_not_told_as_without_it(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Copied beside its desk's -wal of a moment later, which did not fit and was set aside
    # (the box before this one says so): "without its -wal (or that file was deleted)"
    # read as if the desk had deleted the file it had just kept.
    from tests.storage.test_editing_beside_a_later_wal import _copy_beside_later_wal

    copy = _copy_beside_later_wal(tmp_path)
    told = _told_on_opening(copy, monkeypatch)
    assert "copy.fcdesk was copied while a desk had it open" in told
    assert "its copy.fcdesk-wal file of recent changes a moment later" in told
    assert "was set aside" in told and "may be missing here" in told
    assert "deleted" not in told
