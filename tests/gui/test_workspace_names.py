"""Which workspace the window opens: `--workspace NAME` when NAME is not a workspace's
name, and the same workspace opened again from a read-only window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui import workspace_opener
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.controllers import workspace as workspace_controller
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.workspace_opener import Button, open_desk
from factcheck_app.services.desk import Desk
from factcheck_app.storage.locking import WriterLock
from tests.conftest import SEED_FILE
from tests.gui.conftest import press


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the boxes `open_desk` shows, answered at once."""
    shown: list[str] = []
    monkeypatch.setattr(
        workspace_opener, "inform", lambda _parent, _title, text, **_k: shown.append(text)
    )
    return shown


@pytest.mark.parametrize("name", ["notes.txt", "story.docx", "election", "desk.fcdesk.bak"])
def test_the_window_makes_no_new_workspace_under_another_name(
    qtbot: QtBot, tmp_path: Path, told: list[str], name: str
) -> None:
    """`factcheck-app --workspace notes.txt` (an article typed where the workspace goes)
    made a new, empty workspace named notes.txt in the window, with its -wal, -shm and
    .lock files, and the journalist reviewed into it: the command line refuses that
    name, and File → Open Workspace lists only *.fcdesk, so the work was then nowhere
    the desk looks for it."""
    typo = tmp_path / name
    assert open_desk(typo, None) is None
    [text] = told
    assert text == (
        f"There is no workspace at {typo}; a new workspace's name ends in .fcdesk. "
        "Nothing was created."
    )
    assert list(tmp_path.iterdir()) == []  # no workspace, no lock file beside it


@pytest.mark.parametrize("create", [False, True])
def test_the_window_asks_before_making_the_folder_a_new_workspace_is_named_in(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, create: bool
) -> None:
    """`--workspace ~/dsek/election.fcdesk` (a typo for ~/desk) made the folder and an empty
    workspace in it without a word. The window asks, No by default; the first start's
    default workspace (seeded) is made with its folder as ever."""
    asked: list[tuple[str, object]] = []

    def ask(
        _parent: object, _title: str, text: str, _buttons: object, default: object, **_k: object
    ) -> object:
        asked.append((text, default))
        return Button.Yes if create else Button.No

    monkeypatch.setattr(workspace_opener, "ask", ask)
    typo = tmp_path / "dsek" / "election.fcdesk"
    desk = open_desk(typo, None)
    [(text, default)] = asked
    assert text.startswith(f"There is no folder {typo.parent}.")
    assert f"Create the folder {typo.parent} and a new, empty workspace election.fcdesk" in text
    assert default == Button.No
    if create:
        assert desk is not None and typo.is_file()
        desk.close()
    else:
        assert desk is None and list(tmp_path.iterdir()) == []  # nothing made
    first_start = tmp_path / "data" / "factcheck" / "workspace.fcdesk"
    desk = open_desk(first_start, None, seed=True)
    assert desk is not None and first_start.is_file() and len(asked) == 1  # not asked
    desk.close()


def test_a_new_workspace_ending_in_fcdesk_is_still_made(
    qtbot: QtBot, tmp_path: Path, told: list[str]
) -> None:
    for name in ("election.fcdesk", "Election.FCDESK"):
        desk = open_desk(tmp_path / name, None)
        assert desk is not None and not desk.read_only
        desk.close()
    assert told == []


def test_an_existing_workspace_opens_whatever_its_name(
    qtbot: QtBot, tmp_path: Path, told: list[str]
) -> None:
    """Renamed by hand (`election.db`), or made by an older desk: it is still the work."""
    named = tmp_path / "election.fcdesk"
    Desk.open(named).close()
    renamed = named.rename(tmp_path / "election.db")
    desk = open_desk(renamed, None)
    assert desk is not None and not desk.read_only
    desk.close()
    assert told == []


def test_a_read_only_window_opens_the_same_workspace_again_for_editing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The banner of a second window says "To edit, close it there and open the workspace
    again". Once the first window had quit, File → Open Workspace (or the banner's button)
    on that same workspace did nothing at all, not even a word: it was taken as the one
    already open, and the journalist had to quit the desk to edit."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    first_window = WriterLock.acquire(path, "the desk window")
    window = make_window(Desk.open(path, read_only=True))
    press(QtBot(window), window, Qt.Key.Key_Down, Qt.Key.Key_Down)
    article, sentence = window.article_id, window.current_sentence_id()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), ""))
    )
    open_workspace = window.registry[ActionId.OPEN_WORKSPACE]

    told: list[str] = []
    monkeypatch.setattr(
        workspace_controller, "inform", lambda _parent, _title, text, **_k: told.append(text)
    )
    open_workspace.trigger()  # the first window still has it: nothing changes, and it says so
    assert window.desk.read_only
    [text] = told
    assert "is being changed by another Factcheck desk (the desk window" in text
    assert text.endswith("It stays open read-only here.")

    first_window.release()  # the first window quits
    open_workspace.trigger()
    assert not window.desk.read_only and window.desk.writer_lock is not None
    assert window.workspace_strip.isHidden()
    assert "[read-only]" not in window.windowTitle()
    assert (window.article_id, window.current_sentence_id()) == (article, sentence)
    assert window.statusBar().currentMessage() == "The workspace is open for editing here now."
    press(QtBot(window), window, "c")
    assert window.desk.reviews.review(sentence).tag is Tag.CLAIM
    assert len(told) == 1


def test_an_article_named_as_the_workspace_is_told_how_to_open_it(
    qtbot: QtBot, tmp_path: Path, told: list[str]
) -> None:
    """`factcheck-app --workspace story.txt`, the article there: "… is not a Factcheck desk
    workspace (it is not an SQLite database)", and the window closed with no word of how
    to review that article."""
    story = tmp_path / "story.txt"
    story.write_text("The mayor said 12 bridges were repaired.", encoding="utf-8")
    assert open_desk(story, None) is None
    [text] = told
    assert text.startswith(f"{story} is not a Factcheck desk workspace")
    assert text.endswith(
        "To review story.txt as an article, start the desk with just its name:\n"
        "    factcheck-app story.txt\nor open it with File → Open Article (Ctrl+O)."
    )
    assert story.read_text(encoding="utf-8") == "The mayor said 12 bridges were repaired."
