"""Files dropped from a network share slow or gone (a VPN dropped, an SMB server off),
and Retry in the "Workspace not answering" box. The share: tests/gui/dead_share.py."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from tests.gui.dead_share import DeadShare


def test_files_dropped_from_a_slow_share_are_each_looked_at_once(
    window: MainWindow, dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """A thousand articles dropped from a share slow but there: each was looked at three
    times before the import began (is it a file, for Ctrl+O's folder; does it answer; is
    it a folder, that one on the window's thread), the window frozen about 5 s where it
    had been 2 s. Now once, off the window's thread, and the answer serves all three."""
    from factcheck_app.gui.controllers import imports as imports_controller

    dead_share.answers.set()  # slow but there: every look answers
    paths = [dead_share.root / "reports" / f"story{n}.txt" for n in range(20)]
    for path in paths:
        path.write_text("The mayor said the budget rose by 4 per cent last year.\n", "utf-8")
    dead_share.waiting.clear()
    dead_share.on_window_thread.clear()
    before_import: list[Counter[str]] = []
    real = imports_controller.run_in_background

    def started(work: object, name: str) -> object:
        if name == "import":
            before_import.append(Counter(dead_share.waiting + dead_share.on_window_thread))
        return real(work, name)  # type: ignore[arg-type]

    monkeypatch.setattr(imports_controller, "run_in_background", started)
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.import_files(paths)
    assert dead_share.on_window_thread == []
    assert len(before_import) == 1
    # One look each (it was five: lstat and stat twice off the window's thread, then a
    # stat on it).
    assert before_import[0] == Counter(str(path) for path in paths), before_import[0]
    from factcheck_app.gui import settings as app_settings

    assert app_settings.remembered_path(app_settings.IMPORT_FOLDER) == paths[0].parent


def test_a_file_dropped_from_a_dead_share_is_said_as_a_file(
    window: MainWindow, dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One article dropped from a share gone dead: the box said "nothing in it was
    imported", words for a folder. Now it says the file was not imported."""
    from factcheck_app.gui.controllers import imports as imports_controller

    told: list[str] = []
    monkeypatch.setattr(
        imports_controller, "inform", lambda _w, _t, text, **_k: told.append(str(text))
    )
    window.import_files([dead_share.root / "reports" / "story.txt"])
    assert dead_share.on_window_thread == []
    assert len(told) == 1, told
    assert "story.txt does not answer" in told[0], told
    assert "was not imported" in told[0] and "nothing in it" not in told[0], told


def _answer(monkeypatch: pytest.MonkeyPatch, *answers: object) -> list[str]:
    """The opener's boxes answered in turn (a callable: called, then its answer)."""
    from factcheck_app.gui import workspace_opener

    asked: list[str] = []
    left = list(answers)

    def ask(_w: object, _t: str, text: str, *_a: object, **_k: object) -> object:
        asked.append(text)
        answer = left.pop(0)
        return answer() if callable(answer) else answer

    monkeypatch.setattr(workspace_opener, "ask", ask)
    return asked


def test_retry_on_a_workspace_still_not_answering_says_it_tried_again(
    dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """Retry in "Workspace not answering" while the first look still waits on the share:
    the same box came back at once, word for word, and Retry seemed to do nothing. Now it
    waits once more, then the box says it is still not answering and when it tried."""
    from factcheck_app.gui.workspace_opener import answering

    button = QMessageBox.StandardButton
    asked = _answer(monkeypatch, button.Retry, button.Cancel)
    assert answering(dead_share.root / "reports" / "team.fcdesk", None) is None
    assert dead_share.on_window_thread == []
    assert len(asked) == 2, asked
    assert "tried again" not in asked[0], asked
    assert re.search(r"[Ss]till not answering \(tried again at \d\d:\d\d:\d\d\)", asked[1]), asked


def test_retry_once_the_share_is_back_opens_the_workspace(
    dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """The share reconnected while the box was shown, its first look not yet ended:
    Retry waits for it, and the workspace is opened (no second box)."""
    from factcheck_app.gui.workspace_opener import answering

    def reconnected() -> QMessageBox.StandardButton:
        dead_share.answers.set()
        return QMessageBox.StandardButton.Retry

    asked = _answer(monkeypatch, reconnected)
    there = dead_share.root / "reports" / "team.fcdesk"
    assert answering(there, None) == there
    assert len(asked) == 1, asked


def test_another_workspace_chosen_after_retry_is_not_said_tried_again(
    dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """Retry, then Open Another… onto another workspace on the dead share: its box is a
    first look's, not "Still not answering (tried again …)"."""
    from factcheck_app.gui import workspace_opener

    button = QMessageBox.StandardButton
    asked = _answer(monkeypatch, button.Retry, button.Open, button.Cancel)
    other = dead_share.root / "desk" / "other.fcdesk"
    monkeypatch.setattr(workspace_opener, "choose_workspace", lambda *_a: other)
    there = dead_share.root / "reports" / "team.fcdesk"
    assert workspace_opener.answering(there, None) is None
    assert len(asked) == 3, asked
    assert "tried again" in asked[1] and "other.fcdesk" in asked[2], asked
    assert "tried again" not in asked[2], asked
