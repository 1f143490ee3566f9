"""While an article imports in the background, the reviewer keeps working in the window."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services import collecting
from factcheck_app.services.importer import ArticleImporter
from tests.gui.conftest import press

ARTICLE = "The council said 40 homes were flooded. The mayor denied that the dam failed.\n"


@pytest.fixture
def held_import(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Imports wait (in their worker thread) until the test sets the returned event."""
    may_go_on = threading.Event()
    real_import = ArticleImporter.import_file

    def import_when_allowed(self: ArticleImporter, path: Path, **kwargs: Any) -> Any:
        may_go_on.wait(10)
        return real_import(self, path, **kwargs)

    monkeypatch.setattr(ArticleImporter, "import_file", import_when_allowed)
    yield may_go_on
    may_go_on.set()  # never leave a worker waiting


def start_import(window: MainWindow, tmp_path: Path, qtbot: QtBot) -> Path:
    article = tmp_path / "council.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    window.import_files([article])
    assert window.imports.running()
    qtbot.waitUntil(window.import_progress.isVisible)  # the progress is up, as in a long import
    return article


def test_keys_and_typed_text_save_while_an_import_runs(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, held_import: threading.Event
) -> None:
    first = window.article_id
    start_import(window, tmp_path, qtbot)
    assert window.registry[ActionId.CANCEL_IMPORT].isEnabled()
    sid = window.current_sentence_id()
    assert sid is not None
    window.sentence_view.setFocus()
    press(qtbot, window, "c", "2")
    assert window.desk.reviews.review(sid).tag is Tag.CLAIM  # saved, not blocked by the progress
    assert window.desk.reviews.review(sid).verdict == "mostly_true"
    window.panel.explanation_edit.setFocus()
    qtbot.keyClicks(window.panel.explanation_edit, "Checked with the council.")
    qtbot.keyClick(window.panel.explanation_edit, Qt.Key.Key_Tab)
    assert window.desk.reviews.review(sid).explanation == "Checked with the council."

    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        held_import.set()
    # The reviewer was working: the new article waits in the list instead of replacing theirs.
    assert window.article_id == first
    assert "in the article list" in window.statusBar().currentMessage()
    assert [a.title for a in window.desk.articles.list_articles()][-1].startswith(
        "The council said"
    )
    assert window.article_model.rowCount() == 2
    assert not window.import_progress.isVisible()
    assert not window.registry[ActionId.CANCEL_IMPORT].isEnabled()


def test_an_import_nobody_worked_beside_opens_its_article(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, held_import: threading.Event
) -> None:
    start_import(window, tmp_path, qtbot)
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as done:
        held_import.set()
    assert window.article_id == done.args[0].imported[0].article_id


def test_the_focus_resting_in_a_text_field_is_not_work(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, held_import: threading.Event
) -> None:
    """Ctrl+O pressed with the focus in the Explanation or the search field (where it
    rests after a search): nothing was typed while the file came in, yet the article
    chosen to import did not open ("It is in the article list"), as if she had worked."""
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    for field in (window.panel.explanation_edit, window.search_panel.query_edit):
        field.setFocus()
        assert QApplication.focusWidget() is field
        start_import(window, tmp_path, qtbot)
        with qtbot.waitSignal(window.import_finished, timeout=20_000) as done:
            held_import.set()
        assert window.article_id == done.args[0].imported[0].article_id
        window.open_article(1)
        held_import.clear()


def test_typing_in_the_search_field_during_an_import_keeps_the_article(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, held_import: threading.Event
) -> None:
    """Keys typed into a text field while the import ran: the article stays, so that the
    rest of what she types goes where she meant it."""
    first = window.article_id
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field = window.search_panel.query_edit
    assert QApplication.focusWidget() is field
    start_import(window, tmp_path, qtbot)
    qtbot.keyClicks(field, "dam")
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        held_import.set()
    assert window.article_id == first
    assert "in the article list" in window.statusBar().currentMessage()


def test_file_cancel_import_stops_it_and_keeps_nothing(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, held_import: threading.Event
) -> None:
    start_import(window, tmp_path, qtbot)
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as done:
        window.registry[ActionId.CANCEL_IMPORT].trigger()
        held_import.set()
    assert done.args[0].cancelled and not done.args[0].imported
    assert len(window.desk.articles.list_articles()) == 1
    assert "cancelled" in window.statusBar().currentMessage()


def test_switching_or_restoring_waits_for_the_import(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, held_import: threading.Event
) -> None:
    """The import writes under this window's writer lock: closing the workspace under it
    would let another program write beside it."""
    desk = window.desk
    start_import(window, tmp_path, qtbot)
    window.workspace.switch_workspace(tmp_path / "other.fcdesk")
    assert window.desk is desk and not desk.closed
    assert "An import is running" in window.statusBar().currentMessage()
    assert not (tmp_path / "other.fcdesk").exists()
    window.workspace.restore_from_backup()  # refused before any dialog opens
    assert window.desk is desk and not desk.closed
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        held_import.set()


def test_an_import_ending_under_an_open_dialog_leaves_the_article_it_was_for(
    window: MainWindow,
    tmp_path: Path,
    qtbot: QtBot,
    held_import: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An import that ended while Article Properties was open opened its article under the
    dialog, and OK then gave the new article the old one's title, date and outlet."""
    from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog

    first = window.article_id
    assert first is not None
    start_import(window, tmp_path, qtbot)

    def edit_while_the_import_ends(dialog: ArticlePropertiesDialog) -> int:
        dialog.open()  # up and modal, as exec() has it
        with qtbot.waitSignal(window.import_finished, timeout=20_000):
            held_import.set()
        dialog.title_edit.setText("Dam report, checked")
        dialog.hide()
        return 1

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", edit_while_the_import_ends)
    window.registry[ActionId.ARTICLE_PROPERTIES].trigger()
    titles = [a.title for a in window.desk.articles.list_articles()]
    assert titles[0] == "Dam report, checked"
    assert titles[-1].startswith("The council said")  # the new article keeps its own
    assert window.article_id == first  # not moved under the dialog
    assert "in the article list" in window.statusBar().currentMessage()


def test_files_dropped_while_an_import_runs_follow_it(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, held_import: threading.Event
) -> None:
    """A second batch dropped while the first imported was refused in a five-second line
    of the status bar: easily missed, and those articles were never imported."""
    start_import(window, tmp_path, qtbot)
    later = tmp_path / "mayor.txt"
    later.write_text("The mayor said the dam held. The council disagreed.\n", encoding="utf-8")
    window.import_files([later])
    assert "mayor.txt will be imported after it" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        held_import.set()
    assert window.imports.running()  # the waiting file, straight after
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as second:
        pass
    [result] = second.args[0].imported
    assert result.title.startswith("The mayor said")
    assert len(window.desk.articles.list_articles()) == 3


def test_cancel_import_also_drops_the_files_waiting_for_it(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, held_import: threading.Event
) -> None:
    start_import(window, tmp_path, qtbot)
    later = tmp_path / "mayor.txt"
    later.write_text("The mayor said the dam held.\n", encoding="utf-8")
    window.import_files([later])
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.registry[ActionId.CANCEL_IMPORT].trigger()
        held_import.set()
    assert not window.imports.running()
    assert len(window.desk.articles.list_articles()) == 1
    assert "neither was what waited for it (mayor.txt)" in window.statusBar().currentMessage()


def test_a_file_chosen_after_cancel_import_is_imported_once_the_cancel_is_done(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, held_import: threading.Event
) -> None:
    """Cancel Import, then at once File → Open Article… on another file, while the
    cancelled import was still taking its half-written article out: "mayor.txt will be
    imported after it", then "Import cancelled …, and neither was what waited for it
    (mayor.txt)". The file chosen after the cancel was dropped with it."""
    start_import(window, tmp_path, qtbot)
    window.registry[ActionId.CANCEL_IMPORT].trigger()
    later = tmp_path / "mayor.txt"
    later.write_text("The mayor said the dam held. The council disagreed.\n", encoding="utf-8")
    window.import_files([later])
    assert "mayor.txt will be imported after it" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as first:
        held_import.set()
    assert first.args[0].cancelled
    assert "neither" not in window.statusBar().currentMessage()
    assert window.imports.running()  # the file chosen after the cancel, straight after
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as second:
        pass
    [result] = second.args[0].imported
    assert result.title.startswith("The mayor said")
    assert len(window.desk.articles.list_articles()) == 2


def test_a_file_given_again_after_cancel_import_is_not_said_dropped(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, held_import: threading.Event
) -> None:
    """mayor.txt waited; Cancel Import stopped it with the import; the reviewer, who
    wanted it after all, dropped it again while the cancel was unwinding. It was imported,
    but all the while the status line said "…, and neither was what waited for it
    (mayor.txt)"."""
    start_import(window, tmp_path, qtbot)
    later = tmp_path / "mayor.txt"
    later.write_text("The mayor said the dam held.\n", encoding="utf-8")
    window.import_files([later])
    window.registry[ActionId.CANCEL_IMPORT].trigger()
    window.import_files([later])
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as first:
        held_import.set()
    assert first.args[0].cancelled
    assert window.imports.running()  # mayor.txt, given again
    assert "mayor.txt" not in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as second:
        pass
    [result] = second.args[0].imported
    assert result.title.startswith("The mayor said")


def test_the_cyclic_collector_rests_during_an_import_and_comes_back(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Full collections of an import's many objects held the interpreter lock for up to
    0.74 s while the window's key presses waited."""
    import gc

    seen: list[bool] = []
    when_finished: list[bool] = []
    real_import = ArticleImporter.import_file

    def noting(self: ArticleImporter, path: Path, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real_import(self, path, **kwargs)

    real_held = collecting.collections_held

    @contextlib.contextmanager
    def held_then_noted() -> Iterator[None]:
        # Noted in the worker thread as the hold ends, before the job says it is done:
        # the collector must be back by then (it came back after the window had moved
        # on, a flaky test). Not by connecting to the job's `finished` from the worker
        # thread: that connect, holding the interpreter lock, waited for Qt's lock of a
        # widget the window thread was deleting, which waited for the interpreter lock
        # (a clean-clone CI run hung there for good).
        with real_held():
            yield
        when_finished.append(gc.isenabled())

    monkeypatch.setattr(ArticleImporter, "import_file", noting)
    monkeypatch.setattr(collecting, "collections_held", held_then_noted)
    article = tmp_path / "council.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert gc.isenabled()
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.import_files([article])
    assert seen == [False]
    # The window can hear of the end (a queued call) before the worker thread, which
    # posted it, gets to the direct call after it: wait for that call, then check what
    # it saw when the job said it was done.
    qtbot.waitUntil(lambda: bool(when_finished), timeout=5_000)
    assert when_finished == [True]
    assert gc.isenabled()


def test_files_waiting_for_an_import_beside_work_wait_in_the_list_too(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, held_import: threading.Event
) -> None:
    """A file dropped while another imported, the reviewer working meanwhile: the first
    waited in the list, but the second, imported in a moment right after it, opened its
    article over the reviewer's all the same. And two articles waiting were "Imported 2
    articles (3 sentences). It is in the article list." """
    first_article = window.article_id
    first_file = start_import(window, tmp_path, qtbot)
    second_file = tmp_path / "bridge.txt"
    second_file.write_text("The minister said the bridge cost 3 million.\n", encoding="utf-8")
    window.import_files([second_file])  # follows the first
    press(qtbot, window, "c")  # the reviewer works meanwhile
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        held_import.set()
    qtbot.waitUntil(lambda: not window.imports.running(), timeout=20_000)
    assert window.article_model.rowCount() == 3, first_file
    assert window.article_id == first_article  # the reviewer's, still
    message = window.statusBar().currentMessage()
    assert message.endswith(" It is in the article list.")  # the second alone, one article
    # Both in one batch:
    third, fourth = tmp_path / "dam.txt", tmp_path / "port.txt"
    third.write_text("The engineer said the dam held. Officials denied it.\n", "utf-8")
    fourth.write_text("The port authority said 12 ships were delayed.\n", "utf-8")
    window.import_files([third, fourth])
    press(qtbot, window, Qt.Key.Key_Down, "f")
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        held_import.set()
    message = window.statusBar().currentMessage()
    assert message.startswith("Imported 2 articles")
    assert message.endswith(" They are in the article list.")
    assert window.article_id == first_article


def test_cancelling_a_folder_import_says_which_files_did_not_come_in(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel while the third of six files is read: the status bar said only "the file
    being read was not imported" (the line saying what had come in went under it), and
    the reviewer took the three after it for imported too."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    names = [f"{letter}-wire.txt" for letter in "abcdef"]
    for number, name in enumerate(names):
        (folder / name).write_text(f"Police said {number} were arrested.\n", encoding="utf-8")
    reading_third = threading.Event()
    may_go_on = threading.Event()
    real_import = ArticleImporter.import_file

    def third_held(self: ArticleImporter, path: Path, **kwargs: Any) -> Any:
        if path.name == names[2]:
            reading_third.set()
            may_go_on.wait(10)
        return real_import(self, path, **kwargs)

    monkeypatch.setattr(ArticleImporter, "import_file", third_held)
    before = len(window.desk.articles.list_articles())
    window.import_files([folder])
    qtbot.waitUntil(reading_third.is_set)
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as done:
        window.registry[ActionId.CANCEL_IMPORT].trigger()
        may_go_on.set()
    assert done.args[0].cancelled
    assert len(window.desk.articles.list_articles()) == before + 2  # each file whole or not
    said = window.statusBar().currentMessage()
    assert said == "Import cancelled: 4 of 6 files not imported, from c-wire.txt on.", said


def test_an_article_imported_that_the_words_typed_leave_out_is_listed(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, held_import: threading.Event
) -> None:
    """Words typed above the article list to find an article, then a file dropped: it
    opened with the list showing none current ("1 of 2 articles"). The words are set
    aside, and it is listed and current, and the status bar says why the list changed
    (it changed without a word: the articles she had chosen were gone)."""
    window.find_article()
    qtbot.keyClicks(window.article_find, "ganja")  # the sample's title has it
    assert window.article_find.text() == "ganja"
    start_import(window, tmp_path, qtbot)
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as done:
        held_import.set()
    new = done.args[0].imported[0].article_id
    assert window.article_id == new
    assert window.article_find.text() == "" and window.article_count.text() == "2 articles"
    assert window.article_list.currentIndex() == window.article_filter.index_of(new)
    said = window.statusBar().currentMessage()
    assert said.endswith(" Every article is listed again to show it."), said


def test_an_article_imported_beside_work_leaves_the_articles_found_listed(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, held_import: threading.Event
) -> None:
    """Imported while the reviewer worked through the articles she found (or chose
    "Awaiting sign-off"): her list became every article under her keys, and the status
    bar said "It is in the article list", as if it had always been. Her list stays, and
    the status bar says how to list the new one."""
    first = window.article_id
    window.find_article()
    qtbot.keyClicks(window.article_find, "ganja")
    window.sentence_view.setFocus()
    start_import(window, tmp_path, qtbot)
    press(qtbot, window, "c")
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as done:
        held_import.set()
    assert window.article_id == first
    assert window.article_find.text() == "ganja"
    assert window.article_count.text() == "1 of 2 articles"
    assert window.article_list.currentIndex() == window.article_filter.index_of(first or 0)
    said = window.statusBar().currentMessage()
    assert "It is in the article list" not in said
    assert said.endswith(" Esc in the field above the article list lists it."), said
    assert not window.article_filter.index_of(done.args[0].imported[0].article_id).isValid()


def test_words_typed_to_find_an_article_during_an_import_stay_typed(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, held_import: threading.Event
) -> None:
    """Typing above the article list while a file came in: the field was emptied under
    her keys when it did, "gan" gone and "ja" left to find nothing she meant."""
    first = window.article_id
    start_import(window, tmp_path, qtbot)
    window.find_article()
    qtbot.keyClicks(window.article_find, "gan")
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        held_import.set()
    qtbot.keyClicks(window.article_find, "ja")
    assert window.article_find.text() == "ganja"
    assert window.article_id == first  # not opened over her typing, as before
    assert window.article_count.text() == "1 of 2 articles"
