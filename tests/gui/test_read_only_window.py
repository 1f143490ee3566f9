"""A read-only window looks read-only: a banner with the reason and the way out, and no
edit that can only fail (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import TemporaryFolderFull, WorkspaceFull
from factcheck_app.gui import workspace_opener
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import assert_refused_keys_say

Button = QMessageBox.StandardButton


def test_a_read_only_window_says_why_and_offers_no_edits(
    seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    path = seeded_desk.path
    assert path is not None
    seeded_desk.close()
    window = make_window(Desk.open(path, read_only=True))
    banner = window.workspace_strip
    assert banner.isVisibleTo(window)
    assert "read-only" in banner.text() and "export" in banner.text()
    for action_id in (
        ActionId.TAG_CLAIM,
        ActionId.VERDICT_1,
        ActionId.LINK_SOURCE,
        ActionId.MERGE_NEXT,
        ActionId.ACCEPT_SUGGESTION,
        ActionId.PASTE_ARTICLE,
    ):
        assert not window.registry[action_id].isEnabled(), action_id
    for action_id in (ActionId.NEXT_SENTENCE, ActionId.SEARCH_WORKSPACE, ActionId.EXPORT):
        assert window.registry[action_id].isEnabled(), action_id


def test_a_writable_window_has_no_banner(window: MainWindow) -> None:
    assert not window.workspace_strip.isVisibleTo(window)
    assert window.registry[ActionId.TAG_CLAIM].isEnabled()


def closed_path(desk: Desk) -> Path:
    path = desk.path
    assert path is not None
    desk.close()
    return path


def test_a_window_opened_read_only_for_no_given_reason_blames_no_other_program(
    seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    # Before: "Another program is changing this workspace … close it there", with none.
    window = make_window(Desk.open(closed_path(seeded_desk), read_only=True))
    text = window.workspace_strip.text()
    assert "open read-only" in text and "export" in text
    assert "another program" not in text.lower()
    assert "another program" not in window.workspace_strip.key_refused().lower()


def test_a_window_opened_read_only_on_a_full_disk_says_the_disk_is_full(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reviewer answered "Open Read-Only" to "Disk full": the banner said another
    program was changing the workspace, and to close it there."""
    path = closed_path(seeded_desk)
    real_open = Desk.open

    def full_disk(*args: Any, **kwargs: Any) -> Desk:
        if not kwargs.get("read_only"):
            raise WorkspaceFull("The disk is full: the change was NOT saved.")
        return real_open(*args, **kwargs)

    monkeypatch.setattr(Desk, "open", full_disk)
    asked: list[str] = []
    monkeypatch.setattr(
        workspace_opener, "ask", lambda _p, title, *_a, **_k: asked.append(title) or Button.Open
    )
    opened = workspace_opener.open_desk(path, None)
    assert asked == ["Disk full"] and opened is not None and opened.read_only
    window = make_window(opened)
    text = window.workspace_strip.text()
    assert "disk" in text and "full" in text and "another program" not in text.lower()
    assert "make room" in text.lower() and "export" in text
    assert "disk" in window.workspace_strip.key_refused()


def test_a_workspace_refused_by_a_full_temporary_folder_names_that_folder_not_the_disk(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The upgrade of an older, large workspace sorts in the temporary folder; that folder
    full (a small RAM disk as TMPDIR), the box said "The disk holding … is full", the
    workspace's disk, which had room, and so did the banner after Open Read-Only."""
    path = closed_path(seeded_desk)
    real_open = Desk.open
    told = (
        "The temporary folder /tmp/small is full (SQLite sorts a large workspace there): "
        "this could not be done, and the workspace is unchanged."
    )

    def full_temporary_folder(*args: Any, **kwargs: Any) -> Desk:
        if not kwargs.get("read_only"):
            raise TemporaryFolderFull(told)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(Desk, "open", full_temporary_folder)
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(
        workspace_opener,
        "ask",
        lambda _p, title, text, *_a, **_k: asked.append((title, text)) or Button.Open,
    )
    opened = workspace_opener.open_desk(path, None)
    assert opened is not None and opened.read_only
    [(title, text)] = asked
    assert title == "Temporary folder full"
    assert text.startswith(told) and "The disk holding" not in text
    window = make_window(opened)
    banner = window.workspace_strip.text()
    assert "temporary folder" in banner and "disk" not in banner
    assert "temporary folder" in window.workspace_strip.key_refused()


def test_a_window_opened_read_only_after_its_workspace_moved_says_so(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    """The file moved while open; opened again from its new place, the open for editing
    did not happen (a question answered Cancel): the window shows it read-only, and said
    another program was changing it."""
    window = make_window(seeded_desk)
    path = seeded_desk.path
    assert path is not None
    new = path.parent / "2026" / path.name
    new.parent.mkdir()
    path.rename(new)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)  # "moved", told by the window's look
    monkeypatch.setattr(workspace_opener, "open_desk", lambda *_a, **_k: None)
    window.workspace.switch_workspace(new)
    assert window.desk is not seeded_desk and window.desk.read_only
    text = window.workspace_strip.text()
    assert "not opened for editing" in text and "another program" not in text.lower()


def test_a_key_typed_into_a_read_only_windows_review_box_says_why(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A letter typed into the Claimant or Explanation box of a read-only window said why
    nothing was taken; Ctrl+V, Delete and Backspace did nothing, without a word. Each says
    it now; moving about and copying say nothing."""
    window = make_window(Desk.open(closed_path(seeded_desk), read_only=True))
    said = window.workspace_strip.key_refused()
    bar = window.statusBar()
    QApplication.clipboard().setText("Pasted")
    for field in (window.panel.claimant_edit, window.panel.explanation_edit):
        assert field.isReadOnly()
        assert_refused_keys_say(qtbot, field, bar, said)


def test_a_read_only_window_does_not_offer_a_to_accept_a_suggestion(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The panel said "(A accepts)" under each suggestion of a read-only window, where A
    answers "This window is read-only: nothing was changed." The suggestion still shows."""
    from tests.gui.test_assist_in_window import wait_for_suggestions

    window = make_window(Desk.open(closed_path(seeded_desk), read_only=True))
    wait_for_suggestions(qtbot, window)
    window.select_sentence(window.sentence_model.sentence_row(1).sentence.id)
    hint = window.panel.hint_label.text()
    assert hint.startswith("Suggested: Claim") and "accepts" not in hint
    assert "accepts" not in window.panel.hint_label.toolTip()
