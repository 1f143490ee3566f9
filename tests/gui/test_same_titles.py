"""Two articles with the same title (a live blog saved twice, two wire copies, two press
releases opening "Statement"): the article list and the Remove Article question showed
them the same, "Live updates: budget vote / 0/3 reviewed" twice, and only opening each
told them apart. Each is listed with the file it came from (or, pasted, when it was
added); an article whose title no other shares is listed as before."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester

from factcheck_app.domain.models import ArticleSummary
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.controllers import articles as articles_controller
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import ArticleListModel
from factcheck_app.services.desk import Desk
from tests.services.test_twin_removed import twins_copy

LIVE = "Live updates: budget vote.\n\n{}\n"


def lines(window: MainWindow) -> dict[int, str]:
    model = window.article_model
    return {
        model.article_at(row).id: model.data(model.index(row, 0), Qt.ItemDataRole.DisplayRole)
        for row in range(model.rowCount())
    }


@pytest.fixture
def twice(seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]) -> MainWindow:
    """The sample, the same live blog saved on two days, and one pasted under its title."""
    for day, said in (("1205", "The vote was put off."), ("1206", "The vote passed.")):
        seeded_desk.importer.import_text(LIVE.format(said), source_name=f"live-{day}.html")
    seeded_desk.importer.import_text(LIVE.format("The mayor spoke first."))  # pasted
    window = make_window(seeded_desk)
    window.reload_articles()
    return window


def test_articles_with_the_same_title_are_listed_with_where_they_came_from(
    twice: MainWindow,
) -> None:
    shown = lines(twice)
    sample = shown.pop(1)
    assert sample.endswith("\n0/12 reviewed")  # its title is its own: as before
    assert shown[2] == "Live updates: budget vote.\n0/2 reviewed · live-1205.html"
    assert shown[3] == "Live updates: budget vote.\n0/2 reviewed · live-1206.html"
    assert shown[4].startswith("Live updates: budget vote.\n0/2 reviewed · pasted ")
    assert len(set(shown.values())) == 3


def test_the_remove_question_says_which_of_them(
    twice: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def ask(_parent: object, _title: str, text: str, *_a: object, **_k: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(articles_controller, "ask", ask)
    twice.open_article(3)
    twice.registry[ActionId.REMOVE_ARTICLE].trigger()
    assert asked[0].startswith(
        "Remove “Live updates: budget vote.” (2 sentences, live-1206.html) from this"
    ), asked


def test_a_title_no_longer_shared_is_listed_as_before(twice: MainWindow) -> None:
    model = twice.article_model
    summaries = list(model.summaries())
    retitled = [
        replace(s, title="Budget vote: the day after") if s.id == 3 else s for s in summaries
    ]
    model.set_articles(retitled)
    shown = lines(twice)
    assert shown[3] == "Budget vote: the day after\n0/2 reviewed"
    assert shown[2] == "Live updates: budget vote.\n0/2 reviewed · live-1205.html"
    without_paste = [s for s in retitled if s.id != 4]
    model.set_articles(without_paste)
    assert lines(twice)[2] == "Live updates: budget vote.\n0/2 reviewed"


def summary(article_id: int, title: str, source: str = "") -> ArticleSummary:
    return ArticleSummary(
        article_id, title, None, "", 3, 0, imported_at="2026-12-06T09:12:00Z", source_name=source
    )


def test_the_list_model_with_shared_titles_passes_the_model_tester(
    qtmodeltester: ModelTester,
) -> None:
    model = ArticleListModel()
    model.set_articles([summary(i, f"Title {i % 3}", f"f{i}.txt") for i in range(1, 10)])
    qtmodeltester.check(model)
    changed = [summary(i, f"Title {i}", f"f{i}.txt") for i in range(1, 10)]
    model.set_articles(changed)
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)) == "Title 1\n0/3 reviewed"
    model.update_article(summary(2, "Title 1", "f2.txt"))
    assert model.data(model.index(0, 0)) == "Title 1\n0/3 reviewed · f1.txt"
    qtmodeltester.check(model)


def test_namesakes_from_files_of_the_same_name_say_when_each_came(
    qtmodeltester: ModelTester,
) -> None:
    """A live blog saved from the browser on two days is two files of one name (the page's
    title) in two folders: "· Live updates.html" on both lines told them no more apart
    than the title did. The file's name is followed by when each was added."""
    model = ArticleListModel()
    days = [
        replace(summary(1, "Live updates", "Live updates.html"), imported_at=at)
        for at in ("2026-12-05T09:12:00Z", "2026-12-06T09:12:00Z")
    ]
    days[1] = replace(days[1], id=2)
    model.set_articles([*days, summary(3, "Live updates", "wire.txt")])
    qtmodeltester.check(model)
    first, second, wire = (model.data(model.index(row, 0)) for row in range(3))
    assert first != second, first
    assert first.startswith("Live updates\n0/3 reviewed · Live updates.html, added ")
    assert wire == "Live updates\n0/3 reviewed · wire.txt"  # its file's name is its own
    model.set_articles([*days[:1], replace(days[1], source_name="Live updates (1).html")])
    assert model.data(model.index(0, 0)) == "Live updates\n0/3 reviewed · Live updates.html"
    qtmodeltester.check(model)


def test_a_cleaned_copys_articles_of_one_text_name_each_other(
    tmp_path: Path, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A cleaned copy keeps two articles of one text (storage/cleaning.py): same title,
    same file, same time added, so the two lines were alike to the letter. Each names
    the other by the number the cleaning's summary gave them."""
    copy = Desk.open(twins_copy(tmp_path), backup=False)
    window = make_window(copy)
    window.reload_articles()
    shown = lines(window)
    assert shown[1].endswith("\n0/12 reviewed · article 1, its text also in article 2")
    assert shown[2].endswith("\n0/12 reviewed · article 2, same text as article 1")
    # The first removed, the second holds the text alone: listed as any article.
    copy.articles.remove_article(1)
    window.reload_articles()
    assert lines(window)[2].endswith("\n0/12 reviewed")
    copy.undo()
    window.reload_articles()
    assert lines(window)[2].endswith("\n0/12 reviewed · article 2, same text as article 1")


def test_the_list_model_with_three_of_one_text_passes_the_model_tester(
    qtmodeltester: ModelTester,
) -> None:
    model = ArticleListModel()
    twins = [
        summary(1, "Ganja shelled", "seed.txt"),
        summary(2, "Other", "o.txt"),
        replace(summary(3, "Ganja shelled", "seed.txt"), same_text_as=1),
        replace(summary(4, "Ganja shelled", "seed.txt"), same_text_as=1),
    ]
    model.set_articles(twins)
    qtmodeltester.check(model)
    shown = [model.data(model.index(row, 0)) for row in range(4)]
    assert shown == [
        "Ganja shelled\n0/3 reviewed · article 1, its text also in articles 3 and 4",
        "Other\n0/3 reviewed",
        "Ganja shelled\n0/3 reviewed · article 3, same text as article 1",
        "Ganja shelled\n0/3 reviewed · article 4, same text as article 1",
    ]
    # A twin added at the end (Ctrl+Z of its removal) names the first, and it names it.
    model.set_articles(twins[:3])
    model.set_articles(twins)
    assert model.data(model.index(0, 0)).endswith("its text also in articles 3 and 4")
    model.set_articles([*twins, summary(5, "Ganja shelled", "wire.txt")])
    assert model.data(model.index(4, 0)) == "Ganja shelled\n0/3 reviewed · wire.txt"
    assert model.data(model.index(2, 0)).endswith("· article 3, same text as article 1")
    qtmodeltester.check(model)
