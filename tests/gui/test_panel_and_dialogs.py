"""Review panel details and the dialogs, each driven like a reviewer would."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import ArticleMetadata, Source, Stance, Status, Tag
from factcheck_app.gui import settings
from factcheck_app.gui.actions import SPECS, ActionId, key_text
from factcheck_app.gui.controllers import articles, edits
from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog
from factcheck_app.gui.dialogs.help import ShortcutsDialog, shortcut_rows
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.review_panel import HINT_LINES, NO_CLAIM
from factcheck_app.services.desk import Desk, NewSource
from tests.gui.conftest import press
from tests.gui.test_search_in_window import (  # noqa: F401 (judged: a fixture)
    judged,
    search_for,
    show_earlier_verdicts,
)


def test_denial_points_at_a_claim_of_the_article(qtbot: QtBot, window: MainWindow) -> None:
    desk = window.desk
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    window.select_sentence(ids[4])
    press(qtbot, window, "c", "j", "d")
    box = window.panel.denies_box
    assert box.isVisibleTo(window.panel)
    box.showPopup()  # the list of claims is built when opened
    assert box.count() == 2 and box.itemText(1).startswith("#5 Earlier, Baku said")
    box.hidePopup()
    box.setCurrentIndex(1)
    box.activated.emit(1)
    assert desk.reviews.review(ids[5]).denies_sentence_id == ids[4]
    press(qtbot, window, "k", "j")  # away and back: the chosen claim is shown
    assert box.currentText().startswith("#5 Earlier") and box.count() == 2
    box.activated.emit(0)
    assert desk.reviews.review(ids[5]).denies_sentence_id is None
    press(qtbot, window, "k")  # a claim: the row stays (the panel keeps its shape), off
    assert box.isVisibleTo(window.panel) and not box.isEnabled()
    assert box.currentText() == "— for a denial —"


def test_down_in_the_closed_denies_box_chooses_the_article_s_claim(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Alt+N, then ↓ on the Denies box, as in any other box of the panel: the list of
    claims was built only when the list opened, so ↓ on the closed box found only "no
    claim chosen" and did nothing (Space, Alt+↓ or F4 had to open it first)."""
    desk = window.desk
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    window.select_sentence(ids[4])
    press(qtbot, window, "c", "j", "d")
    box = window.panel.denies_box
    qtbot.waitUntil(box.isEnabled)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentText().startswith("#5 Earlier, Baku said")
    assert desk.reviews.review(ids[5]).denies_sentence_id == ids[4]
    qtbot.keyClick(box, Qt.Key.Key_Up)  # back to none, saved as none
    assert box.currentData() == NO_CLAIM
    assert desk.reviews.review(ids[5]).denies_sentence_id is None


def test_sources_can_be_reused_and_removed(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = window.desk
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    desk.sources.link_source(
        ids[0], NewSource(url="https://example.org/r", title="Report", publisher="AP")
    )

    def pick_existing(dialog: LinkSourceDialog) -> int:
        dialog.reuse_box.setCurrentIndex(1)
        assert dialog.url_edit.text() == "https://example.org/r"
        assert not dialog.url_edit.isEnabled()
        dialog.stance_box.setCurrentIndex(dialog.stance_box.findData(Stance.REFUTES.value))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LinkSourceDialog, "exec", pick_existing)
    window.select_sentence(ids[2])
    window.panel.add_source_button.click()
    [link] = desk.sources.links(ids[2])
    assert (link.source.title, link.stance) == ("Report", Stance.REFUTES)
    assert len(desk.sources.sources()) == 1
    assert window.panel.sources_model.rowCount() == 1
    window.panel.remove_source_button.click()
    assert desk.sources.links(ids[2]) == []
    assert window.panel.sources_model.rowCount() == 0


def test_article_properties_dialog_saves_metadata(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def edit(dialog: ArticlePropertiesDialog) -> int:
        assert dialog.date_edit.text() == "2020-10-04"
        dialog.title_edit.setText("Turkey accuses Armenia over Ganja")
        dialog.outlet_edit.setText("RT")
        dialog.url_edit.setText("https://www.rt.com/news/502387")
        return 1

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", edit)
    window.registry[ActionId.ARTICLE_PROPERTIES].trigger()
    meta = window.desk.articles.article_metadata(1)
    assert (meta.title, meta.outlet, meta.published) == (
        "Turkey accuses Armenia over Ganja",
        "RT",
        dt.date(2020, 10, 4),
    )
    assert window.windowTitle().startswith("Turkey accuses Armenia over Ganja")
    assert "Turkey accuses" in window.article_model.data(window.article_model.index(0, 0))


def test_bad_article_url_is_refused_with_a_message(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: messages.append(box.text()) or 0)

    shown_again: list[str] = []

    def edit(dialog: ArticlePropertiesDialog) -> int:
        if dialog.url_edit.text():  # the dialog came back with what was typed: Cancel
            shown_again.append(dialog.url_edit.text())
            return 0
        dialog.url_edit.setText("javascript:alert(1)")
        return 1

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", edit)
    window.articles.edit_properties()
    assert messages and "http" in messages[0]
    assert shown_again == ["javascript:alert(1)"]
    assert window.desk.articles.article_metadata(1).url == ""


def test_article_properties_refuse_a_non_http_url_in_place(qtbot: QtBot) -> None:
    """Said in the dialog, with everything typed kept, before anything is saved."""
    dialog = ArticlePropertiesDialog(ArticleMetadata(title="Old title"))
    qtbot.add_widget(dialog)
    dialog.title_edit.setText("New title")
    dialog.url_edit.setText("javascript:alert(5)")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.error_label.isHidden()
    assert "Only http:// and https://" in dialog.error_label.text()
    assert dialog.title_edit.text() == "New title"
    dialog.url_edit.setText("https://news.example/a)/S/JavaScript/JS(app.alert(1)")
    dialog.accept()  # accepted; stored percent-encoded by the desk
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_shortcut_sheet_lists_every_key_the_window_answers(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The sheet lists the registry's keys as the window's actions have them, and the
    keys widgets answer themselves, each doing what the sheet says. Ctrl+C (copy the
    sentence), ↑/↓ and Enter in the article list and Enter in the Show box were answered
    but not listed: F1 found nothing for "copy", and a reviewer concluded there was none."""
    from factcheck_app.gui.actions import TASKS, WIDGET_KEYS
    from factcheck_app.gui.dialogs.help import plain_label

    seeded_desk.importer.import_text("The mayor said crime fell by 20 percent. He denied it.")
    window = make_window(seeded_desk)
    dialog = ShortcutsDialog()
    qtbot.add_widget(dialog)
    rows = shortcut_rows()
    actions = {row.action for row in rows}
    assert {"Tag as Claim", "Link Source", "Merge with Next Sentence", "Next Unreviewed"} <= actions
    keys = {row.action: row.keys for row in rows}
    assert keys["Next Sentence"] == key_text(SPECS[ActionId.NEXT_SENTENCE])
    assert "J" in keys["Next Sentence"] and "Down" in keys["Next Sentence"]
    assert keys["Verdict: Mostly false"] == "4"
    assert keys["Undo"] == "Ctrl+Z"
    assert "Ctrl+Y" in keys["Redo"]
    # Every action with keys belongs to exactly one task, so none is left off the sheet.
    grouped = [action_id for _task, ids in TASKS for action_id in ids]
    assert sorted(grouped, key=lambda a: a.name) == sorted(SPECS, key=lambda a: a.name)
    assert {own.task for own in WIDGET_KEYS} <= {task for task, _ids in TASKS}  # so, listed
    assert len(dialog.visible_actions()) == len(rows)
    # Each action's keys on the sheet are keys the window's action answers.
    by_label = {plain_label(spec.text): action_id for action_id, spec in SPECS.items()}
    assert len(by_label) == len(SPECS)
    native = QKeySequence.SequenceFormat.NativeText
    for row in rows:
        if row.action in by_label:
            answered = {
                k.toString(native) for k in window.registry[by_label[row.action]].shortcuts()
            }
            assert set(row.keys.split(", ")) <= answered, row
    # The keys widgets answer themselves, where the sheet says, doing what it says.
    beside = {row.action: (row.keys, row.where) for row in rows if row.action not in by_label}
    assert beside == {
        "Open the next / previous article": ("Down, Up", "Article list"),
        "Go on to the article's sentences": ("Return", "Article list"),
        "Go on to the sentences it lists": ("Return", "Show box"),
        "Copy the current sentence": ("Ctrl+C", "Sentence list"),
        "Copy the chosen source's address": ("Ctrl+C", "Sources list"),
        "Show the chosen entry whole": ("Return", "History"),
        "Copy the chosen entry whole": ("Ctrl+C", "History"),
        "List every article again, back in the list": ("Esc", "Find article"),
        "Go to the articles found": ("Down", "Find article"),
        "Open the first article found": ("Return", "Find article"),
        "Go to the results": ("Down", "Find field"),
        "Back to the Find field, from the first result": ("Up", "Search results"),
        "Show the chosen result in its article": ("Return", "Search results"),
        "Open the chosen source in your browser": ("Return", "Sources list"),
        "Go to the chosen earlier verdict": ("Return", "Earlier verdicts"),
        "Keep the chosen version": ("Return", "Reviewers' versions"),
        "A dialog's OK (or Close) from any field": ("Ctrl+Return", "Any dialog"),
    }

    def press_listed(action: str, widget: QWidget, which: int = 0) -> None:
        combination = QKeySequence(beside[action][0].split(", ")[which])[0]
        qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())

    model = window.article_model
    window.open_article(model.article_at(0).id)
    QApplication.clipboard().setText("before")
    current = window.sentence_model.sentence_row(0).sentence
    press_listed("Copy the current sentence", window.sentence_view)
    assert QApplication.clipboard().text() == current.text
    window.article_list.setFocus()
    press_listed("Open the next / previous article", window.article_list)
    assert window.article_id == model.article_at(1).id
    press_listed("Open the next / previous article", window.article_list, which=1)
    assert window.article_id == model.article_at(0).id
    press_listed("Open the next / previous article", window.article_list)
    press_listed("Go on to the article's sentences", window.article_list)
    assert QApplication.focusWidget() is window.sentence_view
    assert window.article_id == model.article_at(1).id
    window.filter_box.setFocus()
    qtbot.keyClick(window.filter_box, Qt.Key.Key_Down)
    press_listed("Go on to the sentences it lists", window.filter_box)
    assert QApplication.focusWidget() is window.sentence_view
    second = model.article_at(1)
    window.article_find.setFocus()
    qtbot.keyClicks(window.article_find, "MAYOR")
    press_listed("Go to the articles found", window.article_find)
    assert QApplication.focusWidget() is window.article_list
    window.article_find.setFocus()
    press_listed("List every article again, back in the list", window.article_find)
    assert window.article_find.text() == "" and window.article_filter.rowCount() == 2
    assert QApplication.focusWidget() is window.article_list
    window.open_article(model.article_at(0).id)
    window.article_find.setFocus()
    qtbot.keyClicks(window.article_find, "MAYOR")
    press_listed("Open the first article found", window.article_find)
    assert window.article_id == second.id
    assert QApplication.focusWidget() is window.sentence_view
    window.search.open_search()
    panel = window.search_panel
    panel.query_edit.setText("mayor")
    panel.run_search()
    press_listed("Go to the results", panel.query_edit)
    assert QApplication.focusWidget() is panel.view
    press_listed("Back to the Find field, from the first result", panel.view)
    assert QApplication.focusWidget() is panel.query_edit


def test_the_shortcut_sheet_lists_enter_where_a_list_answers_it(
    qtbot: QtBot,
    judged: tuple[Desk, int, int],  # noqa: F811 (the fixture imported above)
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Enter opens the source chosen in the panel in the browser, shows the earlier
    verdict or the search result chosen in its article, and keeps the reviewer's version
    chosen: F1 listed none of them (only the history's), and "browser" or "open source"
    found nothing there, as "copy" once did: a reviewer concluded there was no key.
    Each does what the sheet says, where it says (the versions' Enter:
    test_conflict_navigation.py)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    desk, judged_id, target = judged
    window = make_window(desk)
    dialog = ShortcutsDialog(window)
    qtbot.add_widget(dialog)
    for typed, action in (
        ("browser", "Open the chosen source in your browser"),
        ("earlier verdict", "Go to the chosen earlier verdict"),
        ("result", "Show the chosen result in its article"),
        ("version", "Keep the chosen version"),
    ):
        dialog.find_edit.setText(typed)
        assert action in dialog.visible_actions(), typed
    where = {row.action: (row.keys, row.where) for row in dialog.rows}

    def enter_in(widget: QWidget, action: str) -> None:
        keys, _where = where[action]
        assert keys == "Return"
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Return)

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    judged_article = desk.repo.sentences.article_of_sentence(judged_id)
    window.open_article(judged_article, judged_id)
    sources = window.panel.sources_view
    sources.setCurrentIndex(sources.model().index(0, 0))
    assert where["Open the chosen source in your browser"][1] == "Sources list"
    enter_in(sources, "Open the chosen source in your browser")
    assert [url.toString() for url in opened] == [window.panel.sources_model.link_at(0).source.url]

    show_earlier_verdicts(qtbot, window, target)
    earlier = window.panel.earlier.view
    earlier.setCurrentIndex(earlier.model().index(0, 0))
    enter_in(earlier, "Go to the chosen earlier verdict")
    assert window.current_sentence_id() == judged_id

    window.open_article(desk.repo.sentences.article_of_sentence(target), target)
    panel = search_for(window, "Baku civilian")
    qtbot.waitUntil(lambda: panel.view.model().rowCount() > 0)
    assert window.current_sentence_id() == target
    elsewhere = next(
        row
        for row in range(panel.model.rowCount())
        if panel.model.item(row).found.row.sentence.id != target
    )
    results = panel.view
    results.setCurrentIndex(results.model().index(elsewhere, 0))
    enter_in(results, "Show the chosen result in its article")
    assert window.current_sentence_id() == panel.model.item(elsewhere).found.row.sentence.id


def test_shortcut_sheet_is_grouped_by_task_and_finds_as_you_type(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = ShortcutsDialog(window)
    qtbot.add_widget(dialog)
    tasks = [dialog.view.model().index(r, 0).data() for r in range(dialog.filter.rowCount())]
    assert tasks[0] == "Move through the article" and "Tag and give a verdict" in tasks
    every = dialog.visible_actions()
    assert "Open the File menu" in every  # the Alt letters the window answers too
    assert any(row.keys == "Alt+F" for row in dialog.rows)
    qtbot.keyClicks(dialog.find_edit, "verdict")
    found = dialog.visible_actions()
    assert "Verdict: False" in found and "Copy Earlier Verdict" in found
    assert "Link Source" not in found
    dialog.find_edit.clear()
    qtbot.keyClicks(dialog.find_edit, "ctrl+l")
    assert dialog.visible_actions() == ["Link Source"]
    dialog.find_edit.clear()
    qtbot.keyClicks(dialog.find_edit, "Sources")  # a task's name shows the whole task
    assert set(dialog.visible_actions()) >= {"Link Source", "Reuse Sources of Earlier Verdict"}
    assert len(dialog.visible_actions()) < len(every)


def test_the_shortcut_sheet_finds_keys_by_the_names_on_the_keyboard(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The README, the keyboard and the link dialog say Ctrl+Enter and Delete; the sheet
    names them as Qt does ("Ctrl+Return", "Del"), and its find box found nothing for
    "Ctrl+Enter" or "Delete"."""
    dialog = ShortcutsDialog(window)
    qtbot.add_widget(dialog)
    for typed, action in (
        ("ctrl+enter", "Edit Explanation"),
        ("Ctrl+Return", "Edit Explanation"),
        ("delete", "Remove Source"),
    ):
        dialog.find_edit.clear()
        qtbot.keyClicks(dialog.find_edit, typed)
        assert action in dialog.visible_actions(), typed
    dialog.find_edit.clear()
    qtbot.keyClicks(dialog.find_edit, "enter")  # not every action with an "e" in it
    assert "Edit Explanation" in dialog.visible_actions()
    assert "Tag as Claim" not in dialog.visible_actions()


def test_enter_in_the_shortcut_sheets_find_box_goes_to_what_it_found(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Enter after typing "ctrl+l" closed the sheet, the keys found with it, as if the
    reviewer had pressed Close."""
    dialog = ShortcutsDialog(window)
    shown_dialog(qtbot, dialog)
    qtbot.keyClicks(dialog.find_edit, "ctrl+l")
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.view.hasFocus()
    assert dialog.view.currentIndex().data() == "Link Source"  # the action, not its task
    assert dialog.find_edit.text() == "ctrl+l"

    dialog.find_edit.setFocus()
    dialog.find_edit.setText("no such key")  # nothing found: Enter stays, to fix it
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert dialog.isVisible() and dialog.find_edit.hasFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)  # Esc still closes it
    assert not dialog.isVisible()


def test_down_or_page_down_in_the_shortcut_sheets_find_box_reads_on_in_the_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    """F1 opens in its find box over a list taller than the sheet: ↓ and Page Down, pressed
    to read on, did nothing there (↓ goes into the list from the article finder and the
    search field), and the keys below the sheet's edge were three Tabs away."""
    dialog = ShortcutsDialog(window)
    shown_dialog(qtbot, dialog)
    assert dialog.find_edit.hasFocus()
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Down)
    assert dialog.view.hasFocus()
    assert dialog.view.currentIndex().data() == dialog.visible_actions()[0]  # a key, not a task
    qtbot.keyClick(dialog.view, Qt.Key.Key_Down)  # and on from there, as ever
    assert dialog.view.currentIndex().data() == dialog.visible_actions()[1]

    dialog.find_edit.setFocus()
    bar = dialog.view.verticalScrollBar()
    bar.setValue(0)
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_PageDown)
    assert dialog.view.hasFocus()
    assert bar.value() > 0  # a page on: the keys that were below the edge
    current = dialog.view.currentIndex()
    assert current.data() != dialog.visible_actions()[0]
    assert dialog.view.viewport().rect().intersects(dialog.view.visualRect(current))

    dialog.find_edit.setFocus()
    qtbot.keyClicks(dialog.find_edit, "ctrl+l")
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Down)
    assert dialog.view.currentIndex().data() == "Link Source"
    dialog.find_edit.setFocus()
    dialog.find_edit.setText("no such key")  # nothing found: the keys stay in the box
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Down)
    assert dialog.find_edit.hasFocus() and dialog.isVisible()


def test_single_keys_do_nothing_while_typing_in_a_field(qtbot: QtBot, window: MainWindow) -> None:
    window.panel.claimant_edit.setFocus()
    qtbot.keyClicks(window.panel.claimant_edit, "cdfx12jkn")
    assert window.panel.claimant_edit.text() == "cdfx12jkn"
    sid = window.current_sentence_id()
    window.sentence_view.setFocus()  # leaving the field saves it
    review = window.desk.reviews.review(sid)
    assert review.tag is None and review.verdict is None and review.claimant == "cdfx12jkn"
    assert window.current_sentence_id() == sid


def test_recent_workspaces_are_remembered_and_reopened(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
) -> None:
    other_path = tmp_path / "other.fcdesk"
    other = Desk.open(other_path)
    other.importer.import_text("Police said 3 people were hurt. The mayor denied it.")
    other.close()
    window = make_window(seeded_desk)
    window.workspace.switch_workspace(other_path)
    assert window.article_model.rowCount() == 1
    assert window.sentence_model.rowCount() == 2
    assert str(other_path.resolve()) == settings.recent_workspaces()[0]
    window.workspace.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.workspace.recent_menu.actions()] == [str(other_path.resolve())]
    window.desk.reviews.set_tag(window.current_sentence_id(), Tag.CLAIM)
    assert window.sentence_model.data(window.sentence_model.index(0, 1)) == "Claim"
    window.close()
    window.desk.close()


def test_opening_a_bad_workspace_keeps_the_current_one(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: messages.append(box.text()) or 0)
    bad = tmp_path / "empty.fcdesk"
    bad.write_bytes(b"")
    window.workspace.switch_workspace(bad)
    assert messages and "empty" in messages[0]
    assert bad.read_bytes() == b""
    assert window.sentence_model.rowCount() == 12
    press_ok = window.desk.reviews.set_tag(window.current_sentence_id(), Tag.FACT)
    assert press_ok is not None


def test_about_box_shows_the_version(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck_app import __version__
    from factcheck_app.gui.dialogs.help import AboutDialog

    shown: list[str] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog.text()) or 0)
    window.registry[ActionId.ABOUT].trigger()
    assert __version__ in shown[0]
    # The check-worthiness model is trained on CC BY 4.0 data, and part of its word
    # weights come from an Apache 2.0 model: both must be credited.
    assert "ClaimBuster" in shown[0] and "Creative Commons Attribution 4.0" in shown[0]
    assert "all-MiniLM-L6-v2" in shown[0] and "Apache License 2.0" in shown[0]


def test_about_box_names_the_open_workspace(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """About said only "Workspaces live in ~/.local/share/factcheck-desk": with a workspace
    opened from elsewhere (`--workspace`, File → Open Workspace) a reviewer looking there
    for her work found another, or none; the window's title names only the file."""
    from factcheck_app import config
    from factcheck_app.gui.dialogs.help import AboutDialog

    shown: list[str] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog.text()) or 0)
    window.registry[ActionId.ABOUT].trigger()
    path = window.desk.path
    assert path is not None and path.parent != config.user_data_dir()
    assert f"This workspace: {path}" in shown[0]
    assert str(config.user_data_dir()) in shown[0]  # the default's folder


def about_as_met(qtbot: QtBot, window: MainWindow) -> dict[str, object]:
    """Help → About as a reviewer meets it, not patched: its size, whether its buttons are
    inside it, what Ctrl+A then Ctrl+C copy from where its focus is; then Esc."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QPushButton

    met: dict[str, object] = {}

    def look() -> None:
        box = QApplication.activeModalWidget()
        assert box is not None
        met["size"] = (box.width(), box.height())
        met["buttons inside"] = all(
            box.rect().contains(button.mapTo(box, button.rect().bottomRight()))
            for button in box.findChildren(QPushButton)
            if button.isVisible()
        )
        QApplication.clipboard().setText("nothing copied")
        focus = box.focusWidget()  # the box's, whichever window the platform made active
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(focus, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        met["copied"] = QApplication.clipboard().text()
        qtbot.keyClick(focus, Qt.Key.Key_Escape)
        met["left with Esc"] = not box.isVisible()
        if box.isVisible():
            box.close()

    QTimer.singleShot(0, look)
    window.registry[ActionId.ABOUT].trigger()
    return met


@pytest.mark.parametrize("points", [16, 0])
def test_about_keeps_within_a_1024x640_screen_with_deep_folders(
    points: int,
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """About grew with the folders it names: at 16 pt, a workspace and a data folder a
    newsroom's home folders deep (/home/NEWSROOM/ana.martinez-garcia/Documents/…) made it
    716 px tall on a 640 px screen, its OK and the credits below the screen's edge."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFont, QScreen

    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    home = tmp_path / "home" / "NEWSROOM" / "ana.martinez-garcia"
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(home / ".local" / "share" / "factcheck-desk"))
    folder = home / "Documents" / "Fact checks" / "Regional elections 2026"
    folder.mkdir(parents=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = QFont(app.font())
    if points:
        monkeypatch.setattr(app, "font", lambda: font)  # put back by monkeypatch
        large = QFont(font)
        large.setPointSize(points)
        QApplication.setFont(large)
    desk = Desk.open(folder / "regional-elections.fcdesk")
    try:
        window = make_window(desk)
        met = about_as_met(qtbot, window)
    finally:
        desk.close()
        QApplication.setFont(font)
    width, height = met["size"]  # type: ignore[misc]
    assert width <= room.width() - 40 and height <= room.height() - 60, met
    assert met["buttons inside"] and met["left with Esc"]


def test_the_about_words_are_copied_from_the_keyboard(
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The version and the folders are what IT asks for; About's words could be chosen
    with the mouse only, and Ctrl+C there copied nothing. Copied, they are the words as
    shown: "&" and "<" in a folder's name as written, not as HTML."""
    from factcheck_app import __version__

    data = tmp_path / "Desk & <Team>" / "data"
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(data))
    path = tmp_path / "Politique & société" / "élection.fcdesk"
    path.parent.mkdir()
    desk = Desk.open(path)
    try:
        met = about_as_met(qtbot, make_window(desk))
    finally:
        desk.close()
    copied = str(met["copied"])
    assert f"Factcheck desk {__version__}" in copied
    assert f"This workspace: {path}" in copied
    assert str(data) in copied and "&amp;" not in copied
    assert "ClaimBuster" in copied
    assert met["left with Esc"]


def test_key_help_action_opens_sheet(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[ShortcutsDialog] = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda d: opened.append(d) or 0)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F1)
    assert len(opened) == 1


def test_sources_open_in_the_browser_only_when_http(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    desk = window.desk
    sid = window.current_sentence_id()
    desk.sources.link_source(sid, NewSource(url="https://example.org/report"))
    # Another tool slipped a javascript: URL into the workspace file behind our back.
    desk.workspace.db.execute(
        "INSERT INTO sources (url, created_at) VALUES ('javascript:alert(1)', '')"
    )
    desk.workspace.db.execute(
        "INSERT INTO sentence_sources (sentence_id, source_id, created_at)"
        " VALUES (?, last_insert_rowid(), '')",
        [sid],
    )
    window.select_sentence(window.sentence_model.sentence_row(1).sentence.id)
    window.select_sentence(sid)
    view = window.panel.sources_view
    assert window.panel.sources_model.rowCount() == 2
    view.activated.emit(window.panel.sources_model.index(0, 0))
    view.activated.emit(window.panel.sources_model.index(1, 0))
    assert opened == ["https://example.org/report"]
    assert "Only http:// and https://" in window.statusBar().currentMessage()


SPANISH = (
    "El Gobierno aprobó el martes la ley de vivienda. La Sra. García, portavoz del "
    "Ministerio, dijo que entrará en vigor en enero. Ereván niega haber disparado. "
    "EE. UU. no ha comentado la medida."
)


def test_article_language_is_shown_and_changing_it_offers_a_re_split(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 18: the language is in Article Properties; a change offers Re-split."""
    article = window.desk.importer.import_text(SPANISH).article_id
    window.reload_articles()
    window.open_article(article)
    assert window.sentence_model.rowCount() == 4
    shown: list[str] = []

    def edit(dialog: ArticlePropertiesDialog) -> int:
        shown.append(dialog.language_box.currentText())
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
        return 1

    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: errors.append(box.text()) or 0)
    monkeypatch.setattr(ArticlePropertiesDialog, "exec", edit)
    monkeypatch.setattr(articles, "ask", answer)
    monkeypatch.setattr(edits, "ask", answer)
    with qtbot.waitSignal(window.merging.finished):  # the re-split runs in a worker
        window.articles.edit_properties()
    assert errors == []
    assert shown == ["Spanish (Español)"]
    assert window.desk.articles.article_language(article) == "en"
    assert "now marked as English" in asked[0]
    # English rules end a sentence at "EE.": the re-split shows it at once.
    assert window.sentence_model.rowCount() == 5


def test_an_article_from_before_languages_shows_not_known_yet(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.desk.repo.db.execute("UPDATE articles SET language = '' WHERE id = 1")
    offered: list[str] = []

    def keep(dialog: ArticlePropertiesDialog) -> int:
        offered.append(dialog.language_box.currentText())
        return 1

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", keep)
    monkeypatch.setattr(articles, "ask", lambda *a, **k: offered.append("asked"))
    monkeypatch.setattr(edits, "ask", lambda *a, **k: offered.append("asked"))
    window.articles.edit_properties()
    assert offered == ["Not known yet (detected on next re-split)"]  # and nothing asked
    assert window.desk.articles.article_language(1) == ""


def test_suggestions_in_another_language_say_what_is_english_only(
    window: MainWindow, qtbot: QtBot
) -> None:
    article = window.desk.importer.import_text(SPANISH).article_id
    window.reload_articles()
    window.open_article(article)
    window.suggestions.start()
    qtbot.waitUntil(lambda: not window.suggestions.running())
    window.select_sentence(window.sentence_model.sentence_row(2).sentence.id)
    text = window.panel.hint_label.text()
    assert "Denial" in text and "niega" in text
    assert "Spanish article" in text and "English articles only" in text


def test_article_properties_labels_are_alt_keys_not_ampersands(qtbot: QtBot) -> None:
    """Issue 15 bug 1: the date row's label read a literal "&Published"."""
    from PySide6.QtWidgets import QApplication, QFormLayout, QLabel

    dialog = ArticlePropertiesDialog(ArticleMetadata(title="Old title"))
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.findChild(QFormLayout)
    assert form is not None
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel):
            # A label without a buddy shows its "&" instead of underlining the letter.
            assert label.buddy() is not None, label.text()
    dialog.activateWindow()
    QApplication.processEvents()
    dialog.title_edit.setFocus()
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert dialog.has_date.hasFocus()  # no date known yet: Alt+P goes to "Date known"
    qtbot.keyClick(dialog.has_date, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert dialog.date_edit.hasFocus()


def test_article_properties_error_goes_once_the_url_is_fixed(qtbot: QtBot) -> None:
    dialog = ArticlePropertiesDialog(ArticleMetadata(title="Old title"))
    qtbot.add_widget(dialog)
    dialog.url_edit.setText("news.example/story")
    dialog.accept()
    assert not dialog.error_label.isHidden()
    qtbot.keyClicks(dialog.url_edit, "x")  # the reviewer starts fixing it
    assert dialog.error_label.isHidden()


def boxes_answered_in_turn(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[list[str], list[QMessageBox.StandardButton]]:
    """Every box's text kept in the first list, each box answered with the first button
    left in the second (which the test fills before the key that brings the box up)."""
    asked: list[str] = []
    answers: list[QMessageBox.StandardButton] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        return answers.pop(0).value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return asked, answers


def shown_dialog(qtbot: QtBot, dialog: QDialog) -> None:
    """Show and activate a dialog as exec() would, so focus and keys behave."""
    from PySide6.QtWidgets import QApplication

    qtbot.add_widget(dialog)
    dialog.show()
    dialog.activateWindow()
    QApplication.processEvents()


def test_link_source_starts_in_the_url_field_and_shows_the_sentence(qtbot: QtBot) -> None:
    """A typed URL went into the Reuse box, where it vanished."""
    from PySide6.QtWidgets import QApplication

    known = [Source(id=1, url="https://example.org/r", title="Report")]
    dialog = LinkSourceDialog(known, sentence="Baku said 32 people died.")
    shown_dialog(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.url_edit
    qtbot.keyClicks(QApplication.focusWidget(), "https://example.org/new")
    assert dialog.url_edit.text() == "https://example.org/new"
    assert "Baku said 32 people died." in dialog.sentence_label.text()


def test_the_suggestion_of_an_arabic_sentence_is_shown_upright_to_be_drawn(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The panel's suggestion line is in italics: for an Arabic article its cue
    ("attribution: قال") showed as empty boxes, the desk's fonts holding no italic Arabic.
    A line with right-to-left letters is upright; an English one keeps its italics."""
    arabic = desk.importer.import_text(
        "قال وزير الخارجية إن 32 شخصا قتلوا في المدينة.\n\nنفت وزارة الدفاع الاتهامات.\n"
    ).article_id
    english = desk.importer.import_text("Baku said 32 people died in the city.\n").article_id
    window = make_window(desk)
    hint = window.panel.hint_label
    window.open_article(arabic)
    qtbot.waitUntil(lambda: "قال" in hint.text())
    assert not hint.font().italic()
    window.open_article(english)
    qtbot.waitUntil(lambda: "Suggested" in hint.text() and "قال" not in hint.text())
    assert hint.font().italic()


def test_link_source_shows_an_arabic_sentence_upright_to_be_drawn(qtbot: QtBot) -> None:
    """Ctrl+L on a sentence of an Arabic article showed it at the dialog's top as a row of
    empty boxes: it is set in italics, and the desk's fonts hold no italic Arabic
    (DejaVu Sans Oblique has none), as the PDF report found. Right-to-left text is shown
    upright, as print does; other text keeps its italics."""
    arabic = "قال الوزير إن البطالة انخفضت."
    dialog = LinkSourceDialog([], sentence=arabic)
    shown_dialog(qtbot, dialog)
    label = dialog.sentence_label
    assert arabic in label.text()
    assert not label.font().italic()
    english = LinkSourceDialog([], sentence="Baku said 32 people died.")
    shown_dialog(qtbot, english)
    assert english.sentence_label.font().italic()


def test_link_source_takes_a_typed_accessed_date_and_refuses_the_future(qtbot: QtBot) -> None:
    dialog = LinkSourceDialog([], stance=Stance.SUPPORTS)
    shown_dialog(qtbot, dialog)
    dialog.url_edit.setText("https://example.org/a")
    dialog.accessed_edit.clear()
    qtbot.keyClicks(dialog.accessed_edit, "2024-05-01")
    assert dialog.accessed_edit.text() == "2024-05-01"  # nothing swallowed
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.new_source().accessed == dt.date(2024, 5, 1)

    later = LinkSourceDialog([], stance=Stance.SUPPORTS)
    shown_dialog(qtbot, later)
    later.url_edit.setText("https://example.org/a")
    later.accessed_edit.setText((dt.date.today() + dt.timedelta(days=3)).isoformat())
    later.accept()
    assert later.result() == QDialog.DialogCode.Rejected
    assert "future" in later.error_label.text()
    later.accessed_edit.setText("May 1")
    later.accept()
    assert later.result() == QDialog.DialogCode.Rejected
    assert "YYYY-MM-DD" in later.error_label.text()
    qtbot.keyClick(later.accessed_edit, Qt.Key.Key_Backspace)  # fixing it: the error goes
    assert later.error_label.isHidden()


@pytest.mark.parametrize(
    ("pasted", "ending"),
    [
        ("https://stat.gov.az/report.", "."),
        ("https://stat.gov.az/report,", ","),
        ("https://stat.gov.az/report).", ")."),
        ("https://stat.gov.az/report”", "”"),
        ("https://stat.gov.az.", "."),
    ],
)
def test_link_source_asks_once_about_a_url_ending_as_a_sentence_does(
    qtbot: QtBot, pasted: str, ending: str
) -> None:
    """A link copied with the full stop (or comma, bracket, quote) of the sentence it stood
    in was linked as it was, and went into the published report as a page not found."""
    dialog = LinkSourceDialog([], stance=Stance.SUPPORTS)
    shown_dialog(qtbot, dialog)
    dialog.url_edit.insert(pasted)  # as Ctrl+V puts it in
    qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.isVisible()
    said = dialog.error_label.text()
    assert f"ends in “{ending}”" in said and "again" in said
    assert dialog.focusWidget() is dialog.url_edit  # to take it off with Backspace
    qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Return)  # it is meant: linked as it is
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.new_source().url == pasted


def test_link_source_takes_a_url_ending_in_a_stop_at_once_when_fixed_or_known(
    qtbot: QtBot,
) -> None:
    fixed = LinkSourceDialog([], stance=Stance.SUPPORTS)
    shown_dialog(qtbot, fixed)
    qtbot.keyClicks(fixed.url_edit, "https://stat.gov.az/report.")
    qtbot.keyClick(fixed.url_edit, Qt.Key.Key_Return)
    qtbot.keyClick(fixed.url_edit, Qt.Key.Key_Backspace)
    assert fixed.error_label.isHidden()
    qtbot.keyClick(fixed.url_edit, Qt.Key.Key_Return)
    assert fixed.result() == QDialog.DialogCode.Accepted
    assert fixed.new_source().url == "https://stat.gov.az/report"

    # Ends as an address can (Washington,_D.C.); one the workspace has is not asked about.
    known = Source(id=1, url="https://en.wikipedia.org/wiki/Washington,_D.C.", title="D.C.")
    again = LinkSourceDialog([known], stance=Stance.SUPPORTS)
    shown_dialog(qtbot, again)
    qtbot.keyClicks(again.url_edit, known.url)
    qtbot.keyClick(again.url_edit, Qt.Key.Key_Return)
    assert again.result() == QDialog.DialogCode.Accepted


def test_a_long_source_filled_in_shows_from_its_start(qtbot: QtBot) -> None:
    """Edit Source and Reuse filled the fields with the caret at their end: a long title or
    URL showed its last words, not what names it; and Edit Source opened with the URL
    chosen whole, for the first key typed to replace."""
    from factcheck_app.domain.models import SourceLink

    long = Source(
        id=1,
        url="https://stat.gov.az/" + "section/" * 30 + "report",
        title="State Statistical Committee: " + "population by region " * 10,
        publisher="The State Statistical Committee of the Republic of Azerbaijan " * 3,
    )
    editing = LinkSourceDialog([long], editing=SourceLink(1, 1, long, Stance.SUPPORTS))
    reusing = LinkSourceDialog([long], stance=Stance.SUPPORTS)
    for dialog in (editing, reusing):
        shown_dialog(qtbot, dialog)
    reusing.reuse_box.setCurrentIndex(1)
    for dialog in (editing, reusing):
        for field in (dialog.url_edit, dialog.title_edit, dialog.publisher_edit):
            assert field.text() and field.cursorPosition() == 0, field.objectName()
            assert not field.hasSelectedText(), field.objectName()  # typing would replace it


def test_link_source_reads_a_typed_date_as_article_properties_does(qtbot: QtBot) -> None:
    """ "2024-3-5", which Article Properties takes, was refused here ("must be written
    YYYY-MM-DD"), and so was "2024-02-30", written just so: the reviewer was told the
    form was wrong when the day was."""
    typed_like_a_newcomer = LinkSourceDialog([], stance=Stance.SUPPORTS)
    shown_dialog(qtbot, typed_like_a_newcomer)
    typed_like_a_newcomer.url_edit.setText("https://example.org/a")
    typed_like_a_newcomer.accessed_edit.clear()
    qtbot.keyClicks(typed_like_a_newcomer.accessed_edit, "2024-3-5")
    qtbot.keyClick(typed_like_a_newcomer.accessed_edit, Qt.Key.Key_Return)
    assert typed_like_a_newcomer.result() == QDialog.DialogCode.Accepted
    assert typed_like_a_newcomer.new_source().accessed == dt.date(2024, 3, 5)

    no_such_day = LinkSourceDialog([], stance=Stance.SUPPORTS)
    shown_dialog(qtbot, no_such_day)
    no_such_day.url_edit.setText("https://example.org/a")
    no_such_day.accessed_edit.setText("2024-02-30")
    no_such_day.accept()
    assert no_such_day.result() == QDialog.DialogCode.Rejected
    assert "real date" in no_such_day.error_label.text()
    assert no_such_day.accessed_edit.hasFocus()


def test_an_accessed_date_refused_as_in_the_future_names_the_clocks_date(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A laptop whose dead battery started its clock in 2000: the date the reviewer
    typed, today's, was refused as "in the future", with nothing to say that the clock
    was what was wrong."""
    from factcheck_app.gui.dialogs import link_source

    class SetBack(dt.date):
        @classmethod
        def today(cls) -> SetBack:
            return cls(2000, 1, 1)

    monkeypatch.setattr(link_source, "dt", types.SimpleNamespace(**{**vars(dt), "date": SetBack}))
    dialog = LinkSourceDialog([], stance=Stance.SUPPORTS)
    shown_dialog(qtbot, dialog)
    dialog.url_edit.setText("https://example.org/a")
    dialog.accessed_edit.setText("2026-12-06")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert "this computer's clock says today is 2000-01-01" in dialog.error_label.text()


def test_link_source_stance_follows_the_verdict_or_is_asked(qtbot: QtBot) -> None:
    """A silent "Supports" on a sentence rated False contradicted the verdict."""
    from factcheck_app.gui.dialogs.link_source import stance_for_verdict

    assert stance_for_verdict("false") is Stance.REFUTES
    assert stance_for_verdict("mostly_true") is Stance.SUPPORTS
    assert stance_for_verdict("mixed") is None and stance_for_verdict(None) is None
    dialog = LinkSourceDialog([], stance=None)
    shown_dialog(qtbot, dialog)
    dialog.url_edit.setText("https://example.org/a")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert "supports" in dialog.error_label.text().lower()
    dialog.stance_box.setCurrentIndex(dialog.stance_box.findData(Stance.CONTEXT.value))
    assert dialog.error_label.isHidden()
    dialog.accept()
    assert dialog.new_source().stance is Stance.CONTEXT


def test_link_source_defaults_the_stance_from_the_sentence_verdict(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str | None] = []

    def look(dialog: LinkSourceDialog) -> int:
        seen.append(dialog.stance_box.currentData())
        return 0

    monkeypatch.setattr(LinkSourceDialog, "exec", look)
    press(qtbot, window, "c", "5")  # claim, verdict False
    window.panel.add_source_button.click()
    assert seen == [Stance.REFUTES.value]


def test_enter_in_a_field_accepts_link_source_and_article_properties(qtbot: QtBot) -> None:
    dialog = LinkSourceDialog([], stance=Stance.SUPPORTS)
    shown_dialog(qtbot, dialog)
    qtbot.keyClicks(dialog.url_edit, "https://example.org/a")
    qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    properties = ArticlePropertiesDialog(ArticleMetadata(title="Old"))
    shown_dialog(qtbot, properties)
    qtbot.keyClick(properties.title_edit, Qt.Key.Key_Return)
    assert properties.result() == QDialog.DialogCode.Accepted


def test_a_sentence_in_conflict_shows_it_and_the_box_never_offers_it(
    window: MainWindow,
) -> None:
    from factcheck_app.domain.models import Status

    desk = window.desk
    first = desk.reviews.sentence_rows(1)[0].sentence.id
    with desk.workspace.db.atomic():  # what a merge leaves (issue 16)
        desk.repo.reviews.save_review(desk.reviews.review(first).edited(status=Status.CONFLICT))
    window.panel.show_review(desk.reviews.review(first))
    box = window.panel.status_box
    assert box.currentText() == "Conflict"
    model = box.model()
    conflict_row = box.findData(Status.CONFLICT.value)
    assert not model.flags(model.index(conflict_row, 0)) & Qt.ItemFlag.ItemIsEnabled
    done_row = box.findData(Status.DONE.value)
    assert model.flags(model.index(done_row, 0)) & Qt.ItemFlag.ItemIsEnabled


def test_a_long_hint_ends_in_an_ellipsis_each_part_on_its_own_line(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Seen under Xvfb at 1280×800: the worth-checking reasons ran past the hint's four
    lines and stopped at a comma ("several names (Armenian, Azerbaijani,"), with no sign
    that more followed. (The hint now grows to three times its lines before it cuts.)"""
    hint = window.panel.hint_label
    hint.show()  # as once the article's suggestions come (hidden till then)
    QApplication.processEvents()
    hint.setFixedWidth(300)
    suggestion = "Suggested: Fact (95%) — quantity: 1; date: 1990s  (A accepts)"
    names = "Azerbaijani, Azerbaijan, Nagorno, Karabakh, Ganja, Yerevan, Baku, Ankara, Tehran"
    worth = (
        f"Worth checking: 97% — a year (1990), a name (Armenian), several names (Armenian, "
        f"{names}, {names}, {names})"
    )
    hint.setText(f"{suggestion}\n{worth}")
    lines = hint.shown_lines()
    assert len(lines) == 3 * HINT_LINES
    assert lines[0].startswith("Suggested:")
    assert any(line.startswith("Worth checking:") for line in lines[1:])  # not run on
    assert lines[-1].endswith("…")
    assert hint.toolTip() == "" or worth in hint.toolTip()
    hint.setText(suggestion)  # short: shown whole, no ellipsis
    assert "".join(hint.shown_lines()).replace(" ", "") == suggestion.replace(" ", "")


def test_esc_in_a_dialog_asks_before_dropping_what_was_typed(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Esc after typing a source's URL and excerpt (or an article's outlet, or a return
    note) closed the dialog and dropped all of it without a word."""
    from factcheck_app.gui.dialogs.return_note import ReturnNoteDialog

    asked, answers = boxes_answered_in_turn(monkeypatch)
    link = LinkSourceDialog([], stance=Stance.SUPPORTS)
    properties = ArticlePropertiesDialog(ArticleMetadata(title="Old"))
    note = ReturnNoteDialog("Baku said 32 people died.", "Ana")
    for dialog, field in (
        (link, link.excerpt_edit),
        (properties, properties.outlet_edit),
        (note, note.note_edit),
    ):
        shown_dialog(qtbot, dialog)
        field.setFocus()
        qtbot.keyClicks(field, "typed with care")
        answers.append(QMessageBox.StandardButton.Cancel)  # "Keep Editing"
        qtbot.keyClick(field, Qt.Key.Key_Escape)
        assert len(asked) == 1 and "typed" in asked[0]
        assert dialog.isVisible() and "typed with care" in (
            field.text() if hasattr(field, "text") else field.toPlainText()
        )
        answers.append(QMessageBox.StandardButton.Discard)
        qtbot.keyClick(field, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
        assert dialog.result() == QDialog.DialogCode.Rejected
        asked.clear()


def test_esc_after_choosing_an_articles_language_asks_first(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Esc after choosing the article's language (or ticking "Date known") dropped the
    choice without a word, where Esc after typing its outlet asked first."""
    asked, answers = boxes_answered_in_turn(monkeypatch)
    dialog = ArticlePropertiesDialog(ArticleMetadata(title="Old", language="es"))
    shown_dialog(qtbot, dialog)
    box = dialog.language_box
    box.setFocus()
    box.setCurrentIndex(box.findData("en"))
    answers.append(QMessageBox.StandardButton.Cancel)  # "Keep Editing"
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert asked == ["Close without keeping what you typed or chose here?"]
    assert dialog.isVisible() and dialog.language() == "en"
    box.setCurrentIndex(box.findData("es"))  # chosen back: nothing to drop
    dialog.has_date.setFocus()
    dialog.has_date.setChecked(True)
    answers.append(QMessageBox.StandardButton.Discard)
    qtbot.keyClick(dialog.has_date, Qt.Key.Key_Escape)
    assert len(asked) == 2 and not dialog.isVisible()
    untouched = ArticlePropertiesDialog(ArticleMetadata(title="Old", language="es"))
    shown_dialog(qtbot, untouched)
    qtbot.keyClick(untouched.language_box, Qt.Key.Key_Escape)
    assert not untouched.isVisible() and len(asked) == 2


def test_esc_closes_an_untouched_dialog_at_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or 0)
    dialog = LinkSourceDialog([], stance=Stance.SUPPORTS)
    shown_dialog(qtbot, dialog)
    qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and asked == []
    typed = LinkSourceDialog([], stance=Stance.SUPPORTS)
    shown_dialog(qtbot, typed)
    qtbot.keyClicks(typed.url_edit, "https://example.org/a")
    typed.close()  # by the program (the app quitting): nothing to ask
    assert not typed.isVisible() and asked == []


def test_a_long_claim_in_the_denies_list_ends_in_an_ellipsis(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A claim was cut at 70 characters mid-word ("…people are “a new mani"), which read
    as a list cut off by the screen's edge."""
    ids = [r.sentence.id for r in window.desk.reviews.sentence_rows(1)]
    window.select_sentence(ids[4])  # "Earlier, Baku said one civilian had been killed…"
    press(qtbot, window, "c", "j", "d")
    box = window.panel.denies_box
    box.showPopup()
    label = box.itemText(1)
    box.hidePopup()
    assert label.startswith("#5 Earlier, Baku said") and label.endswith("…")
    assert len(label) <= len("#5 ") + 70


def test_a_closed_dialog_does_not_stay_behind_in_the_window(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every Ctrl+L, Ctrl+I, Ctrl+E and F1 left its closed dialog (the export one with its
    whole report preview) alive in the window until the desk was quit."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from factcheck_app.gui.actions import ActionId
    from factcheck_app.gui.dialogs.export import ExportDialog

    for kind in (LinkSourceDialog, ArticlePropertiesDialog, ExportDialog, ShortcutsDialog):
        monkeypatch.setattr(kind, "exec", lambda _dialog: 0)
    for action in (
        ActionId.LINK_SOURCE,
        ActionId.ARTICLE_PROPERTIES,
        ActionId.EXPORT,
        ActionId.SHORTCUTS,
    ):
        window.registry[action].trigger()
        window.registry[action].trigger()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(QDialog) == []


@pytest.mark.parametrize(
    ("offer", "anyway", "conflict", "said"),
    [
        ("Later", None, False, "splits them anew."),
        ("Re-split Now", "Cancel", False, "splits them anew."),
        # Known before "Re-split anyway?" is asked: refused in a box, with F8.
        ("Re-split Now", None, True, "once the conflicts are decided."),
    ],
)
def test_a_new_language_kept_over_the_old_split_says_so(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    offer: str,
    anyway: str | None,
    conflict: bool,
    said: str,
) -> None:
    """Later, Cancel on "Re-split anyway?", or a re-split refused for a conflict kept the
    new language over sentences split the old way, and nothing said so, nor how to
    re-split later."""
    desk = window.desk
    rows = desk.reviews.sentence_rows(1)
    at = rows[4].sentence.start + rows[4].sentence.text.index(" in the city")
    desk.boundaries.split_sentence(rows[4].sentence.id, at)  # a cut the splitter undoes
    head, tail = (r.sentence.id for r in desk.reviews.sentence_rows(1)[4:6])
    desk.reviews.set_tag(tail, Tag.FACT)  # reviewed: "Re-split anyway?" is asked
    if conflict:
        with desk.workspace.db.atomic():  # what a merge of two workspaces leaves
            desk.repo.reviews.save_review(
                desk.reviews.review(head).edited(
                    tag=Tag.CLAIM, verdict="true", status=Status.CONFLICT
                )
            )
    window.reload_articles()
    window.open_article(1)

    def french(dialog: ArticlePropertiesDialog) -> int:
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("fr"))
        return 1

    buttons = {
        "Re-split Now": QMessageBox.StandardButton.Yes,
        "Later": QMessageBox.StandardButton.No,
        "Cancel": QMessageBox.StandardButton.Cancel,
    }
    asked_anyway: list[str] = []

    def answer_anyway(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked_anyway.append(str(args[2]))
        assert anyway is not None
        return buttons[anyway]

    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    monkeypatch.setattr(ArticlePropertiesDialog, "exec", french)
    monkeypatch.setattr(articles, "ask", lambda *args, **kwargs: buttons[offer])
    monkeypatch.setattr(edits, "ask", answer_anyway)
    before = [(r.sentence.start, r.sentence.end) for r in desk.reviews.sentence_rows(1)]
    if offer == "Later":
        window.articles.edit_properties()
    else:
        with qtbot.waitSignal(window.merging.finished):  # the re-split runs in a worker
            window.articles.edit_properties()
    assert bool(asked_anyway) == (anyway is not None)
    if conflict:
        assert len(boxes) == 1 and "Keep a version of each conflict first" in boxes[0]
    else:
        assert boxes == []
    assert desk.articles.article_language(1) == "fr"
    assert [(r.sentence.start, r.sentence.end) for r in desk.reviews.sentence_rows(1)] == before
    assert window.statusBar().currentMessage() == (
        "Language set to French; the sentences are still split as before: "
        f"Edit → Re-split Article… {said}"
    )


def test_a_new_language_that_would_split_nothing_anew_says_nothing_of_later(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Re-split Now, and no sentence would change: said in the status bar (no box to
    click away), and nothing is left to do later, so no line says the sentences are
    still split as before."""
    from factcheck_app.services.boundaries import NOTHING_TO_RESPLIT

    desk = window.desk
    desk.reviews.set_tag(desk.reviews.sentence_rows(1)[5].sentence.id, Tag.FACT)
    window.reload_articles()
    window.open_article(1)
    before = [(r.sentence.start, r.sentence.end) for r in desk.reviews.sentence_rows(1)]

    def french(dialog: ArticlePropertiesDialog) -> int:
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("fr"))
        return 1

    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    monkeypatch.setattr(ArticlePropertiesDialog, "exec", french)
    monkeypatch.setattr(articles, "ask", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(edits, "ask", lambda *a, **k: pytest.fail("asked to re-split anyway"))
    with qtbot.waitSignal(window.merging.finished):  # the re-split runs in a worker
        window.articles.edit_properties()

    assert boxes == []
    assert window.statusBar().currentMessage() == NOTHING_TO_RESPLIT
    assert desk.articles.article_language(1) == "fr"
    assert [(r.sentence.start, r.sentence.end) for r in desk.reviews.sentence_rows(1)] == before
    assert "still split as before" not in window.statusBar().currentMessage()


def test_the_language_box_names_english_once(qapp: object) -> None:
    """Article Properties showed "English (English)": each language is named, then in
    its own words only where those differ ("Spanish (Español)")."""
    from factcheck_app.gui.dialogs.article_properties import language_box

    box = language_box("en")
    names = [box.itemText(i) for i in range(box.count())]
    assert box.currentText() == "English"
    assert "Spanish (Español)" in names
    assert not [name for name in names if "English (English)" in name]
