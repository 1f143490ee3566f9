"""File → Open Recent Workspace and File → Save a Copy… next to a network share that
stopped answering (a VPN dropped, an SMB server gone): one `stat` of a file there waits
for minutes. The recent menu looked at each workspace it lists, on the window's thread, as
it opened: one kept on that share froze the window, unpainted, the menu never shown.
Save a Copy looked at the file chosen there (may it be written, is one there, is it a
workspace) on the window's thread too. Each look is now made off the window's thread and
waited for a bounded time, then said.

The dead share: tests/gui/dead_share.py (no `os` call on it from the window's thread)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui import settings as app_settings
from factcheck_app.gui.controllers import save_copy as save_copy_controller
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.dead_share import DeadShare


def _recent(window: MainWindow) -> dict[str, bool]:
    """What File → Open Recent Workspace shows: each entry's text, and may it be chosen."""
    menu = window.workspace.recent_menu
    menu.aboutToShow.emit()
    return {action.text(): action.isEnabled() for action in menu.actions()}


def test_the_recent_menu_lists_a_workspace_on_a_dead_share_as_not_answering(
    window: MainWindow, dead_share: DeadShare, tmp_path: Path
) -> None:
    """The menu opens (within the bounded wait); the workspace on the share is still
    listed, hers, greyed and said not to answer; the one on this computer after it can be
    chosen as ever."""
    here = tmp_path / "here.fcdesk"
    Desk.open(here, backup=False).close()
    there = dead_share.root / "team.fcdesk"
    app_settings.save(app_settings.RECENT_WORKSPACES, [str(there), str(here)])
    shown = _recent(window)
    assert dead_share.on_window_thread == []
    assert dead_share.waiting  # it was looked at, off the window's thread
    assert shown == {f"{there} (not answering)": False, str(here): True}
    # Opened again while the look at the share still waits: no second look piled on it.
    looks = len(dead_share.waiting)
    assert _recent(window) == shown
    assert len(dead_share.waiting) == looks
    assert dead_share.on_window_thread == []


def test_opening_a_recent_workspace_on_a_share_gone_dead_says_so(
    window: MainWindow, dead_share: DeadShare
) -> None:
    """The share answered as the menu showed and died before the click: told in words,
    the workspace open stays open, nothing made."""
    desk = window.desk
    there = dead_share.root / "team.fcdesk"
    window.workspace._open_recent(there)
    assert dead_share.on_window_thread == []
    assert window.desk is desk and not desk.closed
    said = window.statusBar().currentMessage()
    assert said.startswith("team.fcdesk does not answer") and "nothing was opened" in said, said


def _choose(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "Workspaces")
    )


def test_save_a_copy_onto_a_dead_share_says_it_does_not_answer(
    window: MainWindow, dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        save_copy_controller, "inform", lambda _w, _t, text, **_k: told.append(str(text))
    )
    _choose(monkeypatch, dead_share.root / "reports" / "copy.fcdesk")
    window.save_copy.save_a_copy()
    assert dead_share.on_window_thread == []
    assert told and "does not answer" in told[0] and "No copy was made" in told[0], told
    assert not window.save_copy.running()


def test_save_a_copy_over_a_file_on_a_slow_share_asks_as_ever(
    window: MainWindow, dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A share slow but there: the file already there is looked at (is it a workspace?)
    off the window's thread, and "Replace it?" asked as ever."""
    target = dead_share.root / "reports" / "copy.fcdesk"
    target.write_text("not a workspace", encoding="utf-8")  # the test's, not the window's
    dead_share.on_window_thread.clear()
    dead_share.answers.set()
    asked: list[str] = []

    def ask(_w: object, _t: str, text: str, *_a: object, **_k: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(save_copy_controller, "ask", ask)
    _choose(monkeypatch, target)
    window.save_copy.save_a_copy()
    assert dead_share.on_window_thread == []
    assert asked and "copy.fcdesk is already there" in asked[0], asked
    assert not window.save_copy.running()
    assert target.read_text(encoding="utf-8") == "not a workspace"


def test_import_and_open_workspace_with_their_last_folder_on_a_dead_share_open_elsewhere(
    window: MainWindow, dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+O (Open Article), Import a Folder and Open Workspace start in the folder last
    chosen: kept on the share, gone dead, the window froze before the chooser showed.
    They start in Documents (or home) instead."""
    started: list[str] = []

    def chooser(*args: object, **_kwargs: object) -> tuple[str, str] | str:
        started.append(str(args[2]))
        return "" if len(args) == 3 else ("", "")

    for name in ("getOpenFileNames", "getExistingDirectory", "getOpenFileName"):
        monkeypatch.setattr(QFileDialog, name, chooser)
    for key in (app_settings.IMPORT_FOLDER, app_settings.WORKSPACE_FOLDER):
        app_settings.remember_folder(key, dead_share.root / "reports")
    window.imports.open_article_dialog()
    window.imports.open_folder_dialog()
    window.workspace.open_dialog()
    assert dead_share.on_window_thread == []
    assert len(started) == 3 and not any(dead_share.holds(start) for start in started)


def test_the_recent_menu_looks_once_at_her_workspaces_kept_together_on_a_dead_share(
    window: MainWindow, dead_share: DeadShare, tmp_path: Path
) -> None:
    """Her workspaces all kept in the newsroom's folder on the share (the usual case):
    the first one's look waits the bounded wait, the others beside it are said not to
    answer without a look of their own. Each had one, waited a quarter of a second more:
    eight recent workspaces there froze the window 3.25 s, not the 1.5 s promised."""
    here = tmp_path / "here.fcdesk"
    Desk.open(here, backup=False).close()
    theirs = [dead_share.root / "reports" / f"team{n}.fcdesk" for n in range(4)]
    app_settings.save(app_settings.RECENT_WORKSPACES, [*map(str, theirs), str(here)])
    shown = _recent(window)
    assert dead_share.on_window_thread == []
    assert shown == {**{f"{p} (not answering)": False for p in theirs}, str(here): True}
    assert len(dead_share.waiting) == 1, dead_share.waiting
    # Opened again, the share still dead: at once, no look piled on it.
    assert _recent(window) == shown
    assert len(dead_share.waiting) == 1, dead_share.waiting


def test_the_recent_menu_does_not_look_again_in_a_folder_a_chooser_found_dead(
    window: MainWindow, dead_share: DeadShare
) -> None:
    """Open Workspace found its last folder on the share not answering (its look still
    waits there): the recent workspace in that folder is said not to answer at once, as
    docs/safety.md says, not looked at again with the window frozen a second and a half."""
    folder = dead_share.root / "reports"
    app_settings.remember_folder(app_settings.WORKSPACE_FOLDER, folder)
    assert app_settings.remembered_folder(app_settings.WORKSPACE_FOLDER) is None
    looks = len(dead_share.waiting)
    there = folder / "team.fcdesk"
    app_settings.save(app_settings.RECENT_WORKSPACES, [str(there)])
    assert _recent(window) == {f"{there} (not answering)": False}
    assert len(dead_share.waiting) == looks, dead_share.waiting
    assert dead_share.on_window_thread == []


def test_open_workspace_with_the_open_one_on_a_dead_share_opens_its_chooser_elsewhere(
    window: MainWindow, dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """She works on the team's workspace on the share; the share dies; she presses
    File → Open Workspace to go on in a local one. Its last folder there does not answer,
    and the chooser then offered the open workspace's folder, looked at on the window's
    thread (on that same dead share): frozen before the chooser showed."""
    from factcheck_app.gui.workspace_opener import choose_workspace

    started: list[str] = []

    def chooser(*args: object, **_kwargs: object) -> tuple[str, str]:
        started.append(str(args[2]))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", chooser)
    folder = dead_share.root / "reports"
    app_settings.remember_folder(app_settings.WORKSPACE_FOLDER, folder)
    assert choose_workspace(window, folder / "team.fcdesk") is None
    assert dead_share.on_window_thread == []
    assert len(started) == 1 and not dead_share.holds(started[0]), started


def _answer(monkeypatch: pytest.MonkeyPatch, *answers: QMessageBox.StandardButton) -> list[str]:
    """The opener's questions answered in turn with `answers`; what each said, kept."""
    from factcheck_app.gui import workspace_opener

    asked: list[str] = []
    left = list(answers)

    def ask(_w: object, _t: str, text: str, *_a: object, **_k: object) -> object:
        asked.append(text)
        return left.pop(0)

    monkeypatch.setattr(workspace_opener, "ask", ask)
    return asked


def test_opening_a_workspace_on_a_dead_share_says_so_and_keeps_the_one_open(
    window: MainWindow, dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File → Open Workspace (or a double-click in the file manager) onto the team's
    workspace on a share that stopped answering: the window froze for minutes, unpainted.
    Now a box says its folder does not answer; Cancel leaves the workspace open as it was,
    nothing opened, nothing made on the share."""
    desk = window.desk
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    window.workspace.switch_workspace(dead_share.root / "reports" / "team.fcdesk")
    assert dead_share.on_window_thread == []
    assert len(asked) == 1 and "does not answer" in asked[0], asked
    assert "team.fcdesk" in asked[0] and "Nothing was opened" in asked[0], asked
    assert window.desk is desk and not desk.closed


def test_a_workspace_on_a_dead_share_lets_her_open_another_instead(
    window: MainWindow,
    dead_share: DeadShare,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Open Another… in that box: the chooser, then the workspace chosen opens."""
    from factcheck_app.gui import workspace_opener

    here = tmp_path / "here.fcdesk"
    Desk.open(here, backup=False).close()
    _answer(monkeypatch, QMessageBox.StandardButton.Open)
    monkeypatch.setattr(workspace_opener, "choose_workspace", lambda *_a: here)
    window.workspace.switch_workspace(dead_share.root / "reports" / "team.fcdesk")
    assert dead_share.on_window_thread == []
    assert window.desk.path is not None and window.desk.path.name == "here.fcdesk"
    assert app_settings.recent_workspaces()[0] == str(here.resolve())


def test_starting_on_a_workspace_on_a_dead_share_says_so_before_anything_opens(
    dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch, qtbot: object
) -> None:
    """`factcheck-app --workspace` onto the share (or the default workspace kept there):
    the desk hung before its window showed. Now it says so, and Quit opens nothing."""
    from factcheck_app.gui.workspace_opener import open_desk

    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert open_desk(dead_share.root / "reports" / "team.fcdesk", None, seed=True) is None
    assert dead_share.on_window_thread == []
    assert len(asked) == 1 and "does not answer" in asked[0], asked
    assert not (dead_share.root / "reports" / "team.fcdesk").exists()


def test_starting_on_a_dead_share_she_may_open_another_workspace_instead(
    dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qtbot: QtBot
) -> None:
    """At a start, Open Another… in that box: the workspace chosen opens in its place; a
    chooser cancelled brings the box back (the desk does not end on it)."""
    from factcheck_app.gui import workspace_opener

    here = tmp_path / "here.fcdesk"
    Desk.open(here, backup=False).close()
    button = QMessageBox.StandardButton
    asked = _answer(monkeypatch, button.Open, button.Open)
    chosen = iter([None, here])
    monkeypatch.setattr(workspace_opener, "choose_workspace", lambda *_a: next(chosen))
    desk = workspace_opener.open_desk(dead_share.root / "reports" / "team.fcdesk", None, seed=True)
    assert desk is not None and desk.path is not None and desk.path.name == "here.fcdesk"
    desk.close()
    assert dead_share.on_window_thread == []
    assert len(asked) == 2, asked


def _start(monkeypatch: pytest.MonkeyPatch, workspace: Path | None = None) -> tuple[int, list[str]]:
    """The window's start (`run_gui`) in this test's application, each box's text kept
    and closed unanswered (Quit)."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QApplication

    from factcheck_app.gui import app as gui_app
    from factcheck_app.gui import crash

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    # The test's own application (naming one would move every later test's settings),
    # and no hooks left behind for the tests after.
    monkeypatch.setattr(gui_app, "make_application", QApplication.instance)
    monkeypatch.setattr(crash, "install_exception_hooks", lambda: SimpleNamespace())
    return gui_app.run_gui(workspace=workspace), shown


def test_a_default_workspace_on_a_dead_share_is_said_at_the_start(
    qtbot: object, dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FACTCHECK_DATA_DIR set by IT to a folder on the newsroom's share, the share gone
    dead: the desk hung before its window showed, for minutes. Now it says so; closed
    unanswered, the desk ends, nothing made on the share."""
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(dead_share.root / "reports"))
    code, shown = _start(monkeypatch)
    assert dead_share.on_window_thread == []
    assert code == 1
    assert len(shown) == 1 and "does not answer" in shown[0], shown
    assert "Quit closes the desk" in shown[0], shown


def test_a_workspace_named_at_the_start_on_a_dead_share_is_said(
    qtbot: object, dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`factcheck-app --workspace //share/reports/team.fcdesk`, the share gone dead."""
    code, shown = _start(monkeypatch, dead_share.root / "reports" / "team.fcdesk")
    assert dead_share.on_window_thread == []
    assert code == 1
    assert len(shown) == 1 and "team.fcdesk cannot be opened" in shown[0], shown


def test_with_the_open_workspace_on_a_dead_share_the_recent_menu_still_opens(
    dead_share: DeadShare,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """She works in the team's workspace on the share; the share dies; she opens File →
    Open Recent Workspace to go on in her own. The menu, and her click in it, looked for
    where the open workspace's file really is (its links followed) on the window's
    thread, at the dead share: frozen before the menu showed."""
    there = dead_share.root / "reports" / "team.fcdesk"
    window = make_window(Desk.open(there, backup=False))  # opened while it answered
    here = tmp_path / "here.fcdesk"
    Desk.open(here, backup=False).close()
    app_settings.save(app_settings.RECENT_WORKSPACES, [str(there), str(here)])
    dead_share.on_window_thread.clear()
    shown = _recent(window)
    assert dead_share.on_window_thread == []
    assert shown == {f"{there} (not answering)": False, str(here): True}
    switched: list[Path] = []
    monkeypatch.setattr(window.workspace, "switch_workspace", switched.append)
    window.workspace._open_recent(here)
    assert dead_share.on_window_thread == []
    assert switched == [here]


def test_importing_a_folder_on_a_dead_share_says_it_does_not_answer(
    window: MainWindow,
    dead_share: DeadShare,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    """File → Import Folder (or a folder dropped from the file manager) on a share that
    stopped answering: the window listed it on its own thread, frozen for minutes. Now
    a box says it does not answer; the article dropped with it from this computer is
    imported as ever."""
    from factcheck_app.gui.controllers import imports as imports_controller

    told: list[str] = []
    monkeypatch.setattr(
        imports_controller, "inform", lambda _w, _t, text, **_k: told.append(str(text))
    )
    story = tmp_path / "story.txt"
    story.write_text("The mayor said the budget rose by 4 per cent last year.\n", "utf-8")
    before = len(window.desk.articles.list_articles())
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.import_files([dead_share.root / "reports", story])
    assert dead_share.on_window_thread == []
    assert len(told) == 1 and "does not answer" in told[0], told
    assert str(dead_share.root / "reports") in told[0], told
    assert len(window.desk.articles.list_articles()) == before + 1


def test_a_workspace_linked_to_a_dead_share_is_said_not_answering(
    window: MainWindow, dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Her desk folder on this computer holds a link to the team's workspace on the
    share (`ln -s`, a shortcut the IT set up): the folder answers, the file it leads to
    does not. The look at the folder alone let the open go on on the window's thread, at
    the dead share. Now the box names the share's folder, and nothing is opened."""
    desk = window.desk
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    there = dead_share.root / "reports" / "team.fcdesk"
    Desk.open(there, backup=False).close()  # made while it answered
    link = dead_share.link(tmp_path / "desk" / "team.fcdesk", there)
    dead_share.on_window_thread.clear()
    window.workspace.switch_workspace(link)
    assert dead_share.on_window_thread == []
    assert len(asked) == 1 and "does not answer" in asked[0], asked
    assert str(dead_share.root / "reports") in asked[0], asked
    assert window.desk is desk and not desk.closed


def test_with_the_open_workspace_linked_to_a_dead_share_one_beside_the_link_opens(
    dead_share: DeadShare,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """She works in the team's workspace through a link in her desk folder; the share
    dies; she opens her own workspace kept beside that link. Her desk folder answers: it
    is not said "not answering" (in the box, nor in File → Open Recent Workspace)."""
    folder = tmp_path / "desk"
    folder.mkdir()
    there = dead_share.root / "reports" / "team.fcdesk"
    Desk.open(there, backup=False).close()  # made while it answered
    link = folder / "team.fcdesk"
    link.symlink_to(there)
    window = make_window(Desk.open(link, backup=False))  # opened while it answered
    dead_share.links.add(str(link))
    mine = folder / "mine.fcdesk"
    Desk.open(mine, backup=False).close()
    app_settings.save(app_settings.RECENT_WORKSPACES, [str(link), str(mine)])
    dead_share.on_window_thread.clear()
    asked = _answer(monkeypatch)  # no box expected: one would fail on an empty list
    shown = _recent(window)
    assert shown.get(str(mine)) is True, shown
    window.workspace.switch_workspace(mine)
    assert dead_share.on_window_thread == []
    assert asked == []
    assert window.desk.path is not None and window.desk.path.name == "mine.fcdesk"


def _count_looks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each look at a workspace's folder before it opens (`answering`: one worker thread
    and a bounded wait each), the path it was asked for kept."""
    from factcheck_app.gui import workspace_opener

    looked: list[Path] = []
    real = workspace_opener.answering

    def answering(path: Path, *args: object, **kwargs: bool) -> Path | None:
        looked.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(workspace_opener, "answering", answering)
    return looked


def test_switching_workspaces_looks_at_the_folder_once(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """File → Open Workspace (or Open Recent) looked at the chosen workspace's folder,
    then the open looked at it again: two worker threads, and twice the wait on a slow
    share. One look now."""
    other = tmp_path / "other.fcdesk"
    Desk.open(other, backup=False).close()
    looked = _count_looks(monkeypatch)
    window.workspace.switch_workspace(other)
    assert window.desk.path is not None and window.desk.path.name == "other.fcdesk"
    assert looked == [other]


def test_a_switch_looks_again_when_its_look_is_old_by_the_open(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A box up between the look and the open (typed text not saved) is time enough for
    the share to go: the open looks again then, rather than freeze on a dead share."""
    from factcheck_app.gui.controllers import workspace as workspace_controller

    other = tmp_path / "other.fcdesk"
    Desk.open(other, backup=False).close()
    monkeypatch.setattr(workspace_controller, "LOOK_STILL_FRESH", -1.0)  # always too old
    looked = _count_looks(monkeypatch)
    window.workspace.switch_workspace(other)
    assert window.desk.path is not None and window.desk.path.name == "other.fcdesk"
    assert looked == [other, other]


def test_another_workspace_chosen_for_a_dead_share_is_looked_at_once(
    window: MainWindow,
    dead_share: DeadShare,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Open Another… in the box over a workspace whose share does not answer: the one
    chosen is looked at in that box's look, and not looked at again to open it (at a
    switch, nor at a start)."""
    from factcheck_app.gui import workspace_opener

    here, at_start = tmp_path / "here.fcdesk", tmp_path / "at-start.fcdesk"
    Desk.open(here, backup=False).close()
    Desk.open(at_start, backup=False).close()
    button = QMessageBox.StandardButton
    _answer(monkeypatch, button.Open, button.Open)
    chosen = iter([here, at_start])
    monkeypatch.setattr(workspace_opener, "choose_workspace", lambda *_a: next(chosen))
    looked = _count_looks(monkeypatch)
    team = dead_share.root / "reports" / "team.fcdesk"
    window.workspace.switch_workspace(team)
    assert window.desk.path is not None and window.desk.path.name == "here.fcdesk"
    assert looked == [team]
    looked.clear()
    desk = workspace_opener.open_desk(team, None, seed=True)
    assert desk is not None and desk.path is not None and desk.path.name == "at-start.fcdesk"
    desk.close()
    assert looked == [team]
    assert dead_share.on_window_thread == []
