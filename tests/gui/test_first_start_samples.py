"""The window's first start on a default workspace a command made: the sample article is
there, as on a workspace the window made; and a sample the reviewer took out stays out."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app import config
from factcheck_app.cli import run
from factcheck_app.domain.errors import WorkspaceFull
from factcheck_app.gui import workspace_opener
from factcheck_app.gui.workspace_opener import open_desk
from factcheck_app.services.importer import ArticleImporter


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


def test_a_sample_that_cannot_be_read_does_not_stop_the_first_start(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An installation with a damaged sample (a 0-byte file left by a failed copy into a
    frozen build): the window's first start ended on a traceback, before any window, at
    every start; the command line went on without the samples. The others come in."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000_damaged.txt").write_bytes(b"")
    (seeds / "001_good.txt").write_text(
        "The minister said 40 schools were built. Nobody counted them.", "utf-8"
    )
    monkeypatch.setattr(config, "seed_dir", lambda: seeds)
    desk = open_desk(config.default_workspace_path(), None, seed=True)
    assert desk is not None
    try:
        titles = [article.title for article in desk.articles.list_articles()]
        assert titles == ["The minister said 40 schools were built."]
    finally:
        desk.close()


def test_a_first_start_on_a_disk_too_full_for_the_sample_opens_and_says_so(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Room for the new workspace, none for the sample: the window's start ended on a
    traceback, and did again at every start until space was freed, never saying why."""

    def full(self: ArticleImporter, path: Path) -> object:
        raise WorkspaceFull("The disk is full: the change was NOT saved. Free some space.")

    told: list[str] = []
    monkeypatch.setattr(ArticleImporter, "import_file", full)
    monkeypatch.setattr(
        workspace_opener, "inform", lambda _parent, _title, text, **_kw: told.append(text)
    )
    desk = open_desk(config.default_workspace_path(), None, seed=True)
    assert desk is not None
    try:
        assert desk.articles.list_articles() == [] and not desk.read_only
        assert len(told) == 1 and "sample article" in told[0] and "disk is full" in told[0]
    finally:
        desk.close()
