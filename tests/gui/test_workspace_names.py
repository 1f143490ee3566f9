"""What `--workspace NAME` does in the window when NAME is not a workspace's name."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app.gui import workspace_opener
from factcheck_app.gui.workspace_opener import open_desk
from factcheck_app.services.desk import Desk


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
