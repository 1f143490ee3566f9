"""File → Remove Article… in the window: asked first, the article beside it opens, Ctrl+Z
brings it back and opens it; an article with work on it is kept, in words; a read-only
window beside the writer follows a removal without failing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.controllers import articles as articles_controller
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE, retitled_outside_undo
from tests.gui.conftest import press

WRONG_FILE = "Canteen figures for March.\n\nThe canteen sold 4,210 zucchini muffins in March.\n"


class Dialogs:
    """The questions and notes the controller shows, answered without a window."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answer = QMessageBox.StandardButton.Yes
        self.asked: list[str] = []
        self.told: list[str] = []
        monkeypatch.setattr(articles_controller, "ask", self._ask)
        monkeypatch.setattr(articles_controller, "inform", self._inform)

    def _ask(self, _parent: object, _title: str, text: str, *_a: object, **_k: object) -> object:
        self.asked.append(text)
        return self.answer

    def _inform(self, _parent: object, _title: str, text: str, **_k: object) -> None:
        self.told.append(text)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch)


@pytest.fixture
def mistaken(seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]) -> MainWindow:
    """The window with a mistaken import open beside the sample article."""
    mistake = seeded_desk.importer.import_text(WRONG_FILE, source_name="canteen.txt").article_id
    window = make_window(seeded_desk)
    window.reload_articles()
    window.open_article(mistake)
    return window


def listed(window: MainWindow) -> list[int]:
    model = window.article_model
    return [model.article_at(row).id for row in range(model.rowCount())]


def test_remove_article_asks_then_opens_the_article_beside_it(
    mistaken: MainWindow, dialogs: Dialogs
) -> None:
    mistake = mistaken.article_id
    mistaken.registry[ActionId.REMOVE_ARTICLE].trigger()
    assert dialogs.asked == [
        "Remove “Canteen figures for March.” (2 sentences) from this workspace?\n\n"
        "Nothing has been recorded on it. Ctrl+Z brings it back."
    ]
    assert listed(mistaken) == [1]
    assert mistaken.article_id == 1 and mistaken.current_sentence_id() is not None
    assert "Canteen" not in mistaken.article_view.toPlainText()
    assert mistaken.statusBar().currentMessage() == (
        "Article removed (Ctrl+Z brings it back): “Canteen figures for March.”"
    )
    assert mistaken.registry[ActionId.UNDO].text() == (
        "&Undo Remove article “Canteen figures for March.”"
    )
    assert mistake is not None


def test_removed_from_articles_found_the_next_one_found_opens(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow], dialogs: Dialogs
) -> None:
    """Words typed above the list (or a state chosen under them) choose which articles
    are listed: removing one of them opened the next article in the workspace, one the
    list left out, and the list showed none current, the next mistaken one found not
    open (a year's workspace: hundreds of articles away from it)."""
    ids = [
        seeded_desk.importer.import_text(f"{title} figures.\n\nA second sentence.\n").article_id
        for title in ("Canteen March", "Budget", "Canteen April", "Budget again", "Canteen May")
    ]
    window = make_window(seeded_desk)
    window.reload_articles()
    window.find_article()
    qtbot.keyClicks(window.article_find, "canteen")
    qtbot.keyClick(window.article_find, Qt.Key.Key_Down)  # the first found opens
    assert window.article_id == ids[0]
    window.registry[ActionId.REMOVE_ARTICLE].trigger()
    assert window.article_id == ids[2]  # not "Budget figures", after it in the workspace
    assert window.article_list.currentIndex() == window.article_filter.index_of(ids[2])
    assert window.article_count.text() == "2 of 5 articles"
    window.open_article(ids[4])  # the last found: the one found before it opens
    window.registry[ActionId.REMOVE_ARTICLE].trigger()
    assert window.article_id == ids[2]
    assert window.article_list.currentIndex() == window.article_filter.index_of(ids[2])
    assert window.statusBar().currentMessage() == (
        "Article removed (Ctrl+Z brings it back): “Canteen May figures.”"
    )


def test_ctrl_z_brings_the_removed_article_back_and_opens_it(
    qtbot: QtBot, mistaken: MainWindow, dialogs: Dialogs
) -> None:
    mistake = mistaken.article_id
    mistaken.registry[ActionId.REMOVE_ARTICLE].trigger()
    mistaken.sentence_view.setFocus()
    qtbot.keyClick(mistaken.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert listed(mistaken) == [1, mistake]
    assert mistaken.article_id == mistake
    assert "zucchini muffins" in mistaken.article_view.toPlainText()
    assert mistaken.sentence_model.rowCount() == 2


def test_answering_no_keeps_the_article(mistaken: MainWindow, dialogs: Dialogs) -> None:
    mistake = mistaken.article_id
    dialogs.answer = QMessageBox.StandardButton.No
    mistaken.registry[ActionId.REMOVE_ARTICLE].trigger()
    assert listed(mistaken) == [1, mistake] and mistaken.article_id == mistake


def test_an_article_with_a_tag_is_kept_and_the_reviewer_told_why(
    qtbot: QtBot, mistaken: MainWindow, dialogs: Dialogs
) -> None:
    mistake = mistaken.article_id
    press(qtbot, mistaken, "c")
    mistaken.registry[ActionId.REMOVE_ARTICLE].trigger()
    assert dialogs.asked == []
    assert dialogs.told == [
        "The article “Canteen figures for March.” is kept: reviews, sources or history are "
        "recorded on it, and they stay with their article. Only an article nothing was "
        "recorded on can be removed."
    ]
    assert listed(mistaken) == [1, mistake]


def test_text_being_typed_counts_as_work_and_keeps_the_article(
    qtbot: QtBot, mistaken: MainWindow, dialogs: Dialogs
) -> None:
    """An explanation typed a moment ago, not yet saved by the typing pause, is saved
    first: the article then has work on it and stays."""
    mistaken.panel.explanation_edit.setFocus()
    qtbot.keyClicks(mistaken.panel.explanation_edit, "Ledger shows 4,210.")
    mistaken.registry[ActionId.REMOVE_ARTICLE].trigger()
    assert dialogs.asked == [] and len(dialogs.told) == 1
    assert mistaken.article_id in listed(mistaken)


def test_removing_the_last_article_leaves_an_empty_window(
    desk: Desk, make_window: Callable[[Desk], MainWindow], dialogs: Dialogs
) -> None:
    desk.importer.import_text(WRONG_FILE, source_name="canteen.txt")
    window = make_window(desk)
    window.reload_articles()
    window.open_article(1)
    window.registry[ActionId.REMOVE_ARTICLE].trigger()
    assert listed(window) == [] and window.sentence_model.rowCount() == 0
    # Nothing of the removed article stays on show: its text, its count, its title.
    assert window.article_view.toPlainText() == ""
    assert window.progress_label.text() == "Reviewed 0 of 0 sentences"
    assert "Canteen" not in window.windowTitle()
    window.registry[ActionId.UNDO].trigger()
    assert listed(window) == [1] and "zucchini" in window.article_view.toPlainText()
    assert window.progress_label.text() == "Reviewed 0 of 2 sentences"


@pytest.fixture
def beside_writer(
    tmp_path: Path, make_window: Callable[[Desk], MainWindow]
) -> Iterator[tuple[Desk, MainWindow, int]]:
    """Another program writing the workspace (the sample and a mistaken import in it), and
    a read-only window on it: (the writer, the window, the mistake's id)."""
    path = tmp_path / "w.fcdesk"
    writer = Desk.open(path)
    try:
        writer.importer.import_file(SEED_FILE)
        mistake = writer.importer.import_text(WRONG_FILE, source_name="canteen.txt").article_id
        yield writer, make_window(Desk.open(path, read_only=True)), mistake
    finally:
        writer.close()


def test_a_read_only_window_follows_the_writer_removing_the_article_it_shows(
    qtbot: QtBot, beside_writer: tuple[Desk, MainWindow, int]
) -> None:
    """Its history, loading a moment after the sentence showed, asked for a sentence no
    longer there: a failure instead of the article beside it."""
    writer, window, mistake = beside_writer
    window.open_article(mistake)
    writer.articles.remove_article(mistake)
    qtbot.waitUntil(lambda: listed(window) == [1], timeout=5000)
    qtbot.waitUntil(lambda: window.article_id == 1, timeout=5000)
    assert "Canteen" not in window.article_view.toPlainText()
    writer.reviews.set_tag(writer.reviews.sentence_rows(1)[0].sentence.id, Tag.CLAIM)
    qtbot.waitUntil(lambda: window.sentence_model.rows()[0].review.tag is Tag.CLAIM, timeout=5000)


def test_a_search_result_in_an_article_removed_since_is_told_not_opened(
    qtbot: QtBot,
    beside_writer: tuple[Desk, MainWindow, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A read-only window's results stay as they were until searched again: the writer
    removed the article of one (or undid the merge that brought it), and F3 to it failed
    with "There is no article …" half-way through opening it."""
    writer, window, mistake = beside_writer
    window.search.open_search()
    qtbot.keyClicks(window.search_panel.query_edit, "zucchini")
    window.search_panel.run_search()
    assert window.search_panel.model.rowCount() == 1
    writer.articles.remove_article(mistake)
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    window.search.step_search_result(1)
    assert boxes == []
    assert window.article_id == 1  # where the reviewer was
    assert "Canteen" not in window.article_view.toPlainText()
    assert window.statusBar().currentMessage() == (
        "That article is no longer in the workspace: search again to see what is."
    )


def test_remove_article_is_off_in_a_read_only_window(
    beside_writer: tuple[Desk, MainWindow, int],
) -> None:
    _writer, window, _mistake = beside_writer
    assert not window.registry[ActionId.REMOVE_ARTICLE].isEnabled()


def test_choosing_in_the_list_an_article_removed_a_moment_ago_is_told(
    beside_writer: tuple[Desk, MainWindow, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-only window's list catches up within a second; an article chosen in that
    second, removed by the writer, failed half-way through opening."""
    writer, window, mistake = beside_writer
    window.open_article(1)
    writer.articles.remove_article(mistake)  # the window has not looked yet
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    row = window.article_model.row_of(mistake)
    assert row >= 0
    window.article_list.setCurrentIndex(window.article_list.model().index(row, 0))
    assert boxes == []
    assert window.article_id == 1 and listed(window) == [1]
    assert window.statusBar().currentMessage() == "That article is no longer in the workspace."


def test_an_article_that_cannot_be_read_leaves_the_window_on_the_one_it_showed(
    beside_writer: tuple[Desk, MainWindow, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any way of opening an article gone under the window (not only the list and the
    search, which say so first) failed after the window had taken it as its article."""
    writer, window, mistake = beside_writer
    window.open_article(1)
    shown = window.current_sentence_id()
    writer.articles.remove_article(mistake)
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    window.open_article(mistake)
    assert boxes == ["There is no article 2 in this workspace."]
    assert window.article_id == 1 and window.current_sentence_id() == shown


def test_the_remove_question_s_buttons_each_have_an_alt_key(
    mistaken: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remove Article's "Remove" had no Alt key: a keyboard user had to Tab to it. Each
    button of the question has its own (Alt+R removes)."""
    seen: list[list[str]] = []

    def exec_(box: QMessageBox) -> int:
        seen.append([button.text() for button in box.buttons()])
        return int(QMessageBox.StandardButton.No)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    mistaken.articles.remove_article()
    [texts] = seen
    assert "&Remove" in texts
    keys = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
    assert len(keys) == len(texts) == len(set(keys))  # one each, none shared


def test_a_redo_refused_for_good_leaves_redo_off(
    mistaken: MainWindow, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Removed, brought back, then given a title outside the undo stack (by another
    program, in this test): the redo would drop that title's history, so it is refused,
    and Redo offers it no more."""
    mistake = mistaken.article_id
    assert mistake is not None
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    mistaken.registry[ActionId.REMOVE_ARTICLE].trigger()
    mistaken.registry[ActionId.UNDO].trigger()
    retitled_outside_undo(mistaken.desk, mistake)
    redo = mistaken.registry[ActionId.REDO]
    assert redo.isEnabled()
    redo.trigger()
    [told] = boxes
    assert "is kept: reviews, sources or history are recorded on it" in told
    assert not redo.isEnabled() and redo.text() == "&Redo"
    assert listed(mistaken) == [1, mistake]


def test_an_undo_refused_for_good_is_dropped_and_ctrl_z_undoes_the_step_beneath(
    mistaken: MainWindow, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The removed article's text imported again: Ctrl+Z of the removal is refused for
    good. Before, Undo went on offering the removal, refused each time, and the tag given
    before it could never be taken back; now the refusal says Ctrl+Z goes on with the step
    before it, Undo names that step, and Ctrl+Z undoes it."""
    window = mistaken
    sentence = window.desk.reviews.sentence_rows(1)[0].sentence.id
    mistake = window.article_id
    assert mistake is not None
    window.desk.reviews.set_tag(sentence, Tag.CLAIM)  # shows the sample article
    window.open_article(mistake)
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    window.registry[ActionId.REMOVE_ARTICLE].trigger()
    again = window.desk.importer.import_text(WRONG_FILE, source_name="canteen.txt").article_id
    window.reload_articles()
    undo = window.registry[ActionId.UNDO]
    assert "Ctrl+Z brings it back" in window.statusBar().currentMessage()
    undo.trigger()
    assert "Ctrl+Z brings it back" not in window.statusBar().currentMessage()
    [told] = boxes
    assert "in the workspace again" in told and "Ctrl+Z goes on with the step before it." in told
    assert undo.isEnabled() and undo.text() == "&Undo Tag as Claim"
    boxes.clear()
    undo.trigger()
    assert boxes == []
    assert window.desk.reviews.review(sentence).tag is None
    assert not undo.isEnabled()
    assert listed(window) == [1, again]
    redo = window.registry[ActionId.REDO]
    assert redo.text() == "&Redo Tag as Claim"  # never the removal, which stays done


def test_a_read_only_window_says_the_article_it_shows_was_taken_out_and_opens_the_next(
    qtbot: QtBot, tmp_path: Path, make_window: Callable[[Desk], MainWindow]
) -> None:
    """An editor reading beside the checker's desk: the article she read went, and the
    window showed the first of the list without a word (in a year's workspace, hundreds
    of articles from where she was)."""
    path = tmp_path / "w.fcdesk"
    writer = Desk.open(path)
    try:
        ids = [
            writer.importer.import_text(
                f"Story {n} says {n} people came. Nobody denied it."
            ).article_id
            for n in range(5)
        ]
        window = make_window(Desk.open(path, read_only=True))
        window.open_article(ids[2])
        writer.articles.remove_article(ids[2])
        qtbot.waitUntil(lambda: ids[2] not in listed(window), timeout=5000)
        assert window.article_id == ids[3]  # where it was in the list: the one after it
        said = window.statusBar().currentMessage()
        assert "“Story 2 says 2 people came.”" in said and "no longer" in said, said
    finally:
        writer.close()


def test_a_read_only_window_whose_only_article_was_taken_out_shows_none(
    qtbot: QtBot, tmp_path: Path, make_window: Callable[[Desk], MainWindow]
) -> None:
    """No article after it, nor before: the window kept the one gone on show, its title
    in the title bar, and reading its reviews again failed (no article 1)."""
    path = tmp_path / "w.fcdesk"
    writer = Desk.open(path)
    try:
        only = writer.importer.import_text("Story 0 says 3 people came. Nobody denied it.")
        window = make_window(Desk.open(path, read_only=True))
        window.open_article(only.article_id)
        writer.articles.remove_article(only.article_id)
        qtbot.waitUntil(lambda: listed(window) == [], timeout=5000)
        assert window.article_id is None
        assert window.sentence_model.rowCount() == 0
        assert "Story 0" not in window.windowTitle()
        said = window.statusBar().currentMessage()
        assert "“Story 0 says 3 people came.” is no longer in the workspace" in said, said
    finally:
        writer.close()


def test_a_read_only_window_opens_the_next_article_when_several_above_went_too(
    qtbot: QtBot, tmp_path: Path, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A merge undone takes out the articles it brought, spread through the list: the
    window opened the one as many rows further down as had gone above it."""
    path = tmp_path / "w.fcdesk"
    writer = Desk.open(path)
    try:
        ids = [
            writer.importer.import_text(
                f"Story {n} says {n} people came. Nobody denied it."
            ).article_id
            for n in range(7)
        ]
        window = make_window(Desk.open(path, read_only=True))
        window.open_article(ids[3])
        for gone in (ids[0], ids[1], ids[3]):  # between two looks: as one merge undone
            writer.articles.remove_article(gone)
        qtbot.waitUntil(lambda: ids[3] not in listed(window), timeout=5000)
        assert window.article_id == ids[4]
    finally:
        writer.close()


HOLD_LIMIT_S = 30  # a safety net for a broken test (never a timing)


def test_ctrl_z_while_the_same_file_is_imported_again_waits_for_that_import(
    mistaken: MainWindow,
    dialogs: Dialogs,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Removed, then its file imported again in the background, then Ctrl+Z: the undo
    was refused for good ("an article imported since holds its place") and dropped, so
    that cancelling the import left the article gone. Now Ctrl+Z says the text is being
    imported and keeps the step, and the status bar's "Article removed (Ctrl+Z brings it
    back)" goes with the refusal; the import then comes in, listed once."""
    import threading
    from typing import Any

    from factcheck_app.services.importer import ArticleImporter

    window = mistaken
    window.registry[ActionId.REMOVE_ARTICLE].trigger()
    begun, go_on = threading.Event(), threading.Event()
    write_slice = ArticleImporter._write_slice

    def held(importer: ArticleImporter, *args: Any) -> Any:
        begun.set()  # the hidden article's row is saved, its sentences not yet
        go_on.wait(HOLD_LIMIT_S)
        return write_slice(importer, *args)

    monkeypatch.setattr(ArticleImporter, "_write_slice", held)
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    canteen = tmp_path / "canteen.txt"
    canteen.write_text(WRONG_FILE, encoding="utf-8")
    window.import_files([canteen])
    assert begun.wait(HOLD_LIMIT_S)
    undo = window.registry[ActionId.UNDO]
    assert window.statusBar().currentMessage().startswith("Article removed (Ctrl+Z brings")
    try:
        undo.trigger()
    finally:
        go_on.set()
    [told] = boxes
    assert "being imported again" in told and "Ctrl+Z brings it back" in told, told
    # The box said Ctrl+Z does not bring it back yet: the status bar said it did.
    said = window.statusBar().currentMessage()
    assert "brings it back" not in said and "Article removed" not in said, said
    assert undo.isEnabled() and undo.text().startswith("&Undo Remove article")
    qtbot.waitUntil(lambda: len(listed(window)) == 2, timeout=HOLD_LIMIT_S * 1000)


def test_delete_in_the_article_list_says_how_to_remove_the_article(
    qtbot: QtBot, mistaken: MainWindow, dialogs: Dialogs
) -> None:
    """A journalist who imported the wrong file chose it in the article list and pressed
    Delete (or Backspace): nothing happened and nothing was said, as if the desk could not
    remove articles at all. It says what does, and still removes nothing by itself."""
    mistaken.resize(984, 580)  # the window on a 1024×640 screen, less its frame
    mistake = mistaken.article_id
    mistaken.article_list.setFocus()
    status = mistaken.statusBar()
    for key, name in ((Qt.Key.Key_Delete, "Delete"), (Qt.Key.Key_Backspace, "Backspace")):
        status.clearMessage()
        qtbot.keyClick(mistaken.article_list, key)
        said = status.currentMessage()
        assert said.startswith(f"{name} removes nothing here:"), said
        assert "File → Remove Article…" in said
        room = status.width() - mistaken.progress_label.sizeHint().width() - 24
        assert status.fontMetrics().horizontalAdvance(said) <= room
    assert dialogs.asked == []  # never a removal by a stray key
    assert mistake in listed(mistaken) and mistaken.article_id == mistake
