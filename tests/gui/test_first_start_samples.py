"""The window's first start on a default workspace a command made: the sample article is
there, as on a workspace the window made; and a sample the reviewer took out stays out."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app import config
from factcheck_app.cli import run
from factcheck_app.gui.workspace_opener import open_desk


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(folder))
    return folder


def test_the_window_opens_a_command_made_workspace_with_the_sample(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.txt"
    mine.write_text("The minister said 40 schools were built. Nobody counted.", "utf-8")
    assert run(["import", str(mine)]) == 0
    desk = open_desk(config.default_workspace_path(), None, seed=True)
    assert desk is not None
    try:
        titles = [article.title for article in desk.articles.list_articles()]
        assert len(titles) == 2 and titles[0].startswith("Ankara, Baku’s main backer")
    finally:
        desk.close()


def test_a_sample_removed_in_the_window_is_not_back_at_the_next_start(
    qtbot: QtBot, data_dir: Path
) -> None:
    path = config.default_workspace_path()
    first = open_desk(path, None, seed=True)
    assert first is not None
    (sample,) = first.articles.list_articles()
    first.articles.remove_article(sample.id)
    first.close()
    again = open_desk(path, None, seed=True)
    assert again is not None
    try:
        assert again.articles.list_articles() == []
    finally:
        again.close()
