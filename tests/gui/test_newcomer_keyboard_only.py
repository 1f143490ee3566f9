"""A newcomer's walk through the desk at 1024×640 with the keyboard only: controls Tab
did not reach, keys that did nothing without a word, a dialog that swallowed what was
typed first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import ArticleMetadata, Tag
from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.workspace_opener import open_desk
from factcheck_app.services.desk import Desk
from tests.gui.conftest import press

Key = Qt.Key


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_tab_reaches_every_tag_button_and_space_presses_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Tab went from Claim straight to the Verdict box: Denial, Fact and None were no Tab
    stops (Qt's button group keeps one stop per group), so a reviewer who did not know
    D, F and X could not tag with the keyboard."""
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    window.sentence_view.setFocus()
    reached: list[str] = []
    for _ in range(30):
        qtbot.keyClick(_focused(), Key.Key_Tab)
        focused = _focused()
        if focused is window.panel.verdict_box:
            break
        if focused in window.panel.tag_group.buttons():
            reached.append(focused.accessibleName())
    assert reached == ["Tag: Claim", "Tag: Denial", "Tag: Fact", "Tag: Nothing to check"]

    for name, tag in (("Denial", Tag.DENIAL), ("Fact", Tag.FACT), ("Claim", Tag.CLAIM)):
        window.panel.verdict_box.setFocus()
        for _ in range(8):  # Shift+Tab back from the Verdict box to the button
            qtbot.keyClick(_focused(), Key.Key_Backtab)
            if _focused().accessibleName() == f"Tag: {name}":
                break
        assert _focused().accessibleName() == f"Tag: {name}"
        qtbot.keyClick(_focused(), Key.Key_Space)
        assert window.desk.reviews.review(first).tag is tag


def test_an_arrow_key_on_the_lit_tag_button_does_not_tag_with_the_next(
    qtbot: QtBot, window: MainWindow
) -> None:
    """→ on the lit Claim button (where Tab had put the focus) tagged the sentence as a
    denial, radio-button style: a reviewer looking for the next button changed the tag."""
    window.show()
    qtbot.waitExposed(window)
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    window.edits.set_tag(Tag.CLAIM)
    claim = window.panel.tag_group.button(1)
    assert claim.isChecked()
    claim.setFocus()
    qtbot.keyClick(claim, Key.Key_Right)
    assert window.desk.reviews.review(first).tag is Tag.CLAIM
    assert claim.isChecked()


def test_a_brand_new_workspace_says_nothing_of_a_rebuilt_search_index(
    qtbot: QtBot, tmp_path: Path, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The first start's status bar said "The search index is rebuilt: a search finds
    every sentence again.", as if something had been broken, of a workspace made a
    moment before: its empty index was taken for one an older version had made."""
    desk = open_desk(tmp_path / "data" / "workspace.fcdesk", None, seed=True)
    assert desk is not None
    window = make_window(desk)
    QApplication.processEvents()  # the rebuild, were one due, starts in the next turn
    assert not window.index.running()
    assert "search index" not in window.statusBar().currentMessage()
    hits = desk.lookup.search("Ganja").hits
    assert hits  # the sample article is searched, with no rebuild


def test_delete_and_backspace_in_the_sentence_list_say_what_removes_things(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Delete in the sentence list did nothing and said nothing, where a letter that is
    no key says so: a newcomer wanting a tag gone, or the article, was left guessing."""
    window.resize(984, 580)  # the window on a 1024×640 screen, less its frame
    press(qtbot, window, "c")
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    status = window.statusBar()
    for key, name in ((Key.Key_Delete, "Delete"), (Key.Key_Backspace, "Backspace")):
        for view in (window.sentence_view, window.article_view):
            status.clearMessage()
            qtbot.keyClick(view, key)
            said = status.currentMessage()
            assert said.startswith(f"{name} removes nothing here:"), said
            assert "X clears the tag" in said and "File → Remove Article…" in said
            room = status.width() - window.progress_label.sizeHint().width() - 24
            assert status.fontMetrics().horizontalAdvance(said) <= room
    assert window.desk.reviews.review(first).tag is Tag.CLAIM  # nothing was removed
    assert window.sentence_view.currentIndex().row() == 0


def test_ctrl_v_in_the_sentence_list_says_how_copied_text_comes_in(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A journalist who copied a story from a browser pressed Ctrl+V in the sentence list
    (or the article text, or the article list), where the keys start: nothing happened
    and nothing was said, and she was left to think the desk took no pasted text. It
    says what does; nothing is imported by it, nor any review changed."""
    window.resize(984, 580)  # the window on a 1024×640 screen, less its frame
    QApplication.clipboard().setText("The mayor said the bridge cost 3 million dollars.")
    articles = window.article_model.rowCount()
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    before = window.desk.reviews.review(first)
    status = window.statusBar()
    for view in (window.sentence_view, window.article_view, window.article_list):
        view.setFocus()
        status.clearMessage()
        qtbot.keyClick(view, Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        said = status.currentMessage()
        assert said.startswith("Ctrl+V pastes nothing here:"), said
        assert "Paste as New Article (Ctrl+Shift+V)" in said
        room = status.width() - window.progress_label.sizeHint().width() - 24
        assert status.fontMetrics().horizontalAdvance(said) <= room
    assert window.article_model.rowCount() == articles  # nothing imported by it
    assert window.desk.reviews.review(first) == before


def test_ctrl_v_in_a_field_beside_those_lists_still_pastes(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The paste key is kept from the sentence list, the article text and the article
    list only: the article finder's field beside the list, and the review panel's boxes,
    paste the copied words as ever, with no word that nothing was pasted."""
    QApplication.clipboard().setText("Ganja")
    status = window.statusBar()
    for field in (window.article_find, window.panel.claimant_edit, window.panel.explanation_edit):
        field.setFocus()
        status.clearMessage()
        qtbot.keyClick(field, Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        typed = field.toPlainText() if hasattr(field, "toPlainText") else field.text()
        assert typed == "Ganja", (field.objectName(), typed)
        assert "pastes nothing" not in status.currentMessage()


def test_ctrl_w_and_ctrl_p_from_other_programs_say_what_does_that_here(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Ctrl+W (a browser's close-tab) and Ctrl+P (print), pressed by habit in the sentence
    list or while typing an explanation, did nothing and said nothing: was the article
    closed unsaved, was anything printed? Each says what does that here, and changes
    nothing."""
    window.resize(984, 580)  # the window on a 1024×640 screen, less its frame
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    explanation = window.panel.explanation_edit
    explanation.setFocus()
    qtbot.keyClicks(explanation, "Ministry figures")
    status = window.statusBar()
    control = Qt.KeyboardModifier.ControlModifier
    for view in (window.sentence_view, explanation):
        for key, said_start, help_text in (
            (Key.Key_W, "Ctrl+W closes nothing here:", "Ctrl+Q quits"),
            (Key.Key_P, "Ctrl+P prints nothing here:", "Export… (Ctrl+E)"),
        ):
            view.setFocus()
            status.clearMessage()
            qtbot.keyClick(view, key, control)
            said = status.currentMessage()
            assert said.startswith(said_start), said
            assert help_text in said
            room = status.width() - window.progress_label.sizeHint().width() - 24
            assert status.fontMetrics().horizontalAdvance(said) <= room
    assert window.isVisible()
    assert explanation.toPlainText() == "Ministry figures"


def test_enter_in_the_sentence_list_says_what_the_keys_are(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Enter in the sentence list (a second Enter after the article list's, which goes on
    to the sentences) or the article text did nothing and said nothing: a newcomer
    expecting it to open the sentence for review was left guessing."""
    window.resize(984, 580)  # the window on a 1024×640 screen, less its frame
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    status = window.statusBar()
    for key in (Key.Key_Return, Key.Key_Enter):
        for view in (window.sentence_view, window.article_view):
            status.clearMessage()
            qtbot.keyClick(view, key)
            said = status.currentMessage()
            assert said.startswith("Enter opens nothing here:"), said
            assert "C, D, F tag" in said and "Ctrl+Return" in said
            room = status.width() - window.progress_label.sizeHint().width() - 24
            assert status.fontMetrics().horizontalAdvance(said) <= room
    assert window.current_sentence_id() == first  # nothing moved …
    assert window.desk.reviews.review(first).tag is None  # … nor changed
    # A second Enter after the one that did something leaves what that said.
    status.showMessage("Exported to report.html (Ctrl+Shift+E opens it), in /tmp")
    qtbot.keyClick(window.sentence_view, Key.Key_Return)
    assert status.currentMessage().startswith("Exported to report.html")


LONG_TITLE = (
    "Regional water tariffs to rise 18% next year, utility says; minister denies cuts to subsidy"
)


def _shown(qtbot: QtBot, metadata: ArticleMetadata) -> ArticlePropertiesDialog:
    dialog = ArticlePropertiesDialog(metadata)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    QApplication.processEvents()
    return dialog


def test_article_properties_types_into_the_first_empty_field_not_over_the_title(
    qtbot: QtBot,
) -> None:
    """Ctrl+I opened with the whole title chosen: a newcomer typing the outlet there
    replaced the title. The focus is in the first field still empty, nothing chosen,
    and the title shows from its start; Alt+T still chooses it whole, to retype it."""
    dialog = _shown(qtbot, ArticleMetadata(title=LONG_TITLE, language="en"))
    assert dialog.focusWidget() is dialog.outlet_edit
    assert dialog.title_edit.cursorPosition() == 0  # shown from its start
    qtbot.keyClicks(dialog.outlet_edit, "Reuters")
    assert dialog.metadata().outlet == "Reuters"
    assert dialog.metadata().title == LONG_TITLE
    qtbot.keyClick(dialog.outlet_edit, Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.title_edit
    assert dialog.title_edit.selectedText() == LONG_TITLE


def test_article_properties_with_every_field_filled_keeps_the_title_when_typed_in(
    qtbot: QtBot,
) -> None:
    filled = ArticleMetadata(
        title=LONG_TITLE,
        outlet="Reuters",
        author="A. Reporter",
        url="https://example.org/tariffs",
        language="en",
    )
    dialog = _shown(qtbot, filled)
    edit = dialog.title_edit
    assert dialog.focusWidget() is edit
    assert not edit.hasSelectedText() and edit.cursorPosition() == 0
    qtbot.keyClicks(edit, "x")
    assert edit.text() == "x" + LONG_TITLE  # typed in, in sight, nothing lost
