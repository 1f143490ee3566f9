"""Starting the desk: workspace files given as arguments, the window icon."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.gui.app import app_icon, split_workspace_argument


def test_a_workspace_file_argument_opens_as_the_workspace() -> None:
    workspace, files = split_workspace_argument(
        None, [Path("story.txt"), Path("Election.FCDESK"), Path("b.md")]
    )
    assert workspace == Path("Election.FCDESK")
    assert files == [Path("story.txt"), Path("b.md")]
    assert split_workspace_argument(Path("w.fcdesk"), [Path("a.txt")]) == (
        Path("w.fcdesk"),
        [Path("a.txt")],
    )


def test_two_workspaces_at_once_are_refused_in_words() -> None:
    with pytest.raises(SystemExit, match="one workspace at a time"):
        split_workspace_argument(None, [Path("a.fcdesk"), Path("b.fcdesk")])
    with pytest.raises(SystemExit, match="one workspace at a time"):
        split_workspace_argument(Path("a.fcdesk"), [Path("b.fcdesk")])


def test_the_app_has_an_icon(qapp: object) -> None:
    assert not app_icon().isNull()
