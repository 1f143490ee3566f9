"""A careless hand on the keyboard: a key held down, a key beside the right one, Shift
held by habit. What it records is what the reviewer meant, once, or nothing and a word."""

from __future__ import annotations

import ctypes
from pathlib import Path

import PySide6
import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.actions import EDIT_ACTIONS, ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.sources import NewSource
from tests.gui.conftest import press
from tests.gui.test_conflict_navigation import _merge_by_keys, bob, editor  # noqa: F401
from tests.services.merge_fixtures import three_conflicts

# What QTest itself calls to offer a key press to the shortcuts (qtestkeyboard.h); its
# public API cannot say "auto-repeated", which is what a key held down sends.
_GUI = ctypes.CDLL(str(Path(PySide6.__file__).parent / "Qt" / "lib" / "libQt6Gui.so.6"))
_OFFER = (
    _GUI._Z28qt_sendShortcutOverrideEventP7QObjectmi6QFlagsIN2Qt16KeyboardModifierEERK7QStringbt
)
_OFFER.restype = ctypes.c_bool
_OFFER.argtypes = [
    ctypes.c_void_p,  # the receiver
    ctypes.c_ulong,  # timestamp
    ctypes.c_int,  # key
    ctypes.c_int,  # modifiers
    ctypes.c_void_p,  # const QString &text
    ctypes.c_bool,  # auto-repeated
    ctypes.c_ushort,  # count
]
_NO_TEXT = ctypes.create_string_buffer(24)  # a null QString: all its members zero


def hold(
    key: Qt.Key, repeats: int, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """The presses a key held down sends after its first: auto-repeated, to the focus."""
    focus = QApplication.focusWidget()
    assert focus is not None
    for _ in range(repeats):
        _OFFER(
            shiboken6.getCppPointer(focus)[0],
            0,
            key.value,
            modifiers.value,
            ctypes.addressof(_NO_TEXT),
            True,
            1,
        )
    QApplication.processEvents()


def verdicts(window: MainWindow) -> list[str | None]:
    rows = (window.sentence_model.sentence_row(i) for i in range(window.sentence_model.rowCount()))
    return [window.desk.reviews.review(row.sentence.id).verdict for row in rows]


def test_a_verdict_key_held_down_gives_one_verdict(qtbot: QtBot, window: MainWindow) -> None:
    """With Move On After Verdict, 2 held for a second gave "Mostly true" to the whole
    sample article, over the verdicts already there, on sentences never read."""
    first, second = (window.sentence_model.sentence_row(i).sentence.id for i in (0, 1))
    window.select_sentence(first)
    press(qtbot, window, "j", "5", "k")  # the second sentence judged earlier: False
    window.registry[ActionId.MOVE_ON_AFTER_VERDICT].trigger()
    before = verdicts(window)
    press(qtbot, window, "2")
    hold(Qt.Key.Key_2, 12)
    assert verdicts(window) == ["mostly_true", *before[1:]]
    assert window.current_sentence_id() == second  # moved on once, as for one press


def test_merge_held_down_merges_one_pair(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+M held down went on merging the next sentence into this one, down the article."""
    count = window.sentence_model.rowCount()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    hold(Qt.Key.Key_M, 6, Qt.KeyboardModifier.ControlModifier)
    assert window.sentence_model.rowCount() == count - 1


def test_a_moving_key_held_down_still_runs_down_the_list(qtbot: QtBot, window: MainWindow) -> None:
    """J, ↓ and N held down move on as fast as the keyboard repeats: moving records nothing."""
    first = window.sentence_view.currentIndex().row()
    hold(Qt.Key.Key_J, 3)
    hold(Qt.Key.Key_Down, 2)
    assert window.sentence_view.currentIndex().row() == first + 5


def test_no_action_that_changes_the_workspace_repeats() -> None:
    """The rule the tests above sample: undo and the moves repeat, nothing recorded does."""
    from factcheck_app.gui.actions import ActionRegistry

    registry = ActionRegistry(QApplication.instance())
    for action_id, action in registry.actions.items():
        assert action.autoRepeat() == (action_id not in EDIT_ACTIONS), action_id


def test_a_digit_beside_the_verdicts_leaves_the_sentence_where_it_is(
    qtbot: QtBot, window: MainWindow
) -> None:
    """7, beside 6, made the list jump to the sentence numbered from 7 (7, then 17, 70…:
    the table's type-ahead on its # column), without a word, and the next verdict went
    to that sentence."""
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    press(qtbot, window, "7")
    assert window.current_sentence_id() == first
    assert window.statusBar().currentMessage().startswith("“7” is not a review key")
    press(qtbot, window, "9", "0")
    assert window.current_sentence_id() == first


def test_shift_held_by_habit_tags_nothing_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    """Shift+C is not C (Caps Lock is: its C tags), so it must not pass for a tag."""
    first = window.current_sentence_id()
    assert first is not None
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.desk.reviews.review(first).tag is None
    assert "without Shift" in window.statusBar().currentMessage()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_C)  # the key itself still tags
    assert window.desk.reviews.review(first).tag is not None


def test_a_verdict_key_in_a_read_only_window_stays_on_the_sentence(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Off in a read-only window, 5 fell through to the type-ahead and went to sentence 5,
    under the word that the window is read-only."""
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    for action_id in EDIT_ACTIONS:
        window.registry[action_id].setEnabled(False)
    press(qtbot, window, "5")
    assert window.current_sentence_id() == first
    assert "is not a review key" not in window.statusBar().currentMessage()


def _say_to_go_back(window: MainWindow) -> bool:
    return "Esc goes back to the sentences" in window.statusBar().currentMessage()


def test_a_letter_in_the_versions_keeps_the_chosen_one(
    editor: MainWindow,  # noqa: F811 (the fixture imported above)
    bob: Path,  # noqa: F811
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    merge_boxes: list[str],
) -> None:
    """B (or A, taken for Accept) typed in a conflict's versions chose the reviewer whose
    name starts with it, and Enter kept that one."""
    window = editor
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    order = three_conflicts(window.desk)
    window.open_article(order[1][0], order[1][1])
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    table = window.panel.conflict_view.table
    assert table.hasFocus() and table.currentIndex().row() == 0
    chosen = window.panel.conflict_view.model.version_at(0).reviewer
    other = window.panel.conflict_view.model.version_at(1).reviewer
    assert other and chosen != other
    qtbot.keyClicks(table, other[0].lower() * 2)
    assert table.currentIndex().row() == 0
    assert _say_to_go_back(window)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.desk.reviews.review(order[1][1]).reviewer == chosen


def test_a_letter_in_the_search_results_keeps_the_chosen_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    """S typed in the results went to the next result found in a sentence ("Sentence"
    leads each row), without a word; C, D, F did nothing at all."""
    window.search.open_search()
    panel = window.search_panel
    panel.query_edit.setText("Ganja")
    panel.run_search()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 1)
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClicks(panel.view, "ss")
    assert panel.view.currentIndex().row() == 0
    assert _say_to_go_back(window)


def test_a_letter_in_the_sources_list_keeps_the_chosen_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A letter typed in the Sources list chose the source whose title starts with it, so
    the Delete or F2 after it went to another source."""
    sentence = window.current_sentence_id()
    assert sentence is not None
    for title in ("Ministry statement", "Reuters report"):
        window.desk.sources.link_source(
            sentence, NewSource(f"https://example.org/{title[0]}", title=title)
        )
    window.select_sentence(window.sentence_model.sentence_row(1).sentence.id)
    window.select_sentence(sentence)
    view = window.panel.sources_view
    assert window.panel.sources_model.rowCount() == 2
    view.setFocus()
    view.setCurrentIndex(window.panel.sources_model.index(0, 0))
    chosen = view.currentIndex().data()
    qtbot.keyClicks(view, "rr")
    assert view.currentIndex().data() == chosen
    assert _say_to_go_back(window)


def test_alt_u_goes_to_the_sources_list_and_chooses_one_in_sight(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The Sources list had no Alt+letter: F2 and Delete work there, and Ctrl+C copies a
    URL, but a reviewer at the keyboard reached it only by tabbing through the panel (at
    1024x640 it sits below the fold of the scrolled panel)."""
    window.resize(1024, 640)
    sentence = window.current_sentence_id()
    assert sentence is not None
    for title in ("Ministry statement", "Reuters report"):
        window.desk.sources.link_source(
            sentence, NewSource(f"https://example.org/{title[0]}", title=title)
        )
    window.select_sentence(window.sentence_model.sentence_row(1).sentence.id)
    window.select_sentence(sentence)
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    view = window.panel.sources_view
    assert QApplication.focusWidget() is view
    assert view.currentIndex().isValid()  # F2 or Delete there acts on a source seen
    assert not view.visibleRegion().isEmpty()  # scrolled into sight


def test_a_digit_typed_with_shift_is_not_told_to_drop_it(qtbot: QtBot, window: MainWindow) -> None:
    """On a French (AZERTY) keyboard the digits are typed with Shift, and Shift+2 gives
    the verdict: a 7 typed there must not be told "without Shift"."""
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_7, Qt.KeyboardModifier.ShiftModifier)
    message = window.statusBar().currentMessage()
    assert message.startswith("“7” is not a review key") and "Shift" not in message


def test_ctrl_z_in_a_box_with_nothing_typed_to_undo_says_where_it_undoes(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Ctrl+Z in the Claimant or Explanation box is the box's: it takes back what was
    typed there. Pressed again (or at once, in a box just clicked into) to undo the tag
    given a moment before, it did nothing, without a word; the tag stayed."""
    from factcheck_app.domain.models import Tag

    ctrl = Qt.KeyboardModifier.ControlModifier
    sentence = window.desk.reviews.sentence_rows(1)[4].sentence.id
    window.select_sentence(sentence)
    press(qtbot, window, "c")
    claimant = window.panel.claimant_edit
    claimant.setFocus()
    qtbot.keyClicks(claimant, "Baku")
    window.statusBar().clearMessage()
    qtbot.keyClick(claimant, Qt.Key.Key_Z, ctrl)  # the typing taken back: nothing to say
    assert claimant.text() == "" and window.statusBar().currentMessage() == ""
    qtbot.keyClick(claimant, Qt.Key.Key_Z, ctrl)
    assert window.statusBar().currentMessage() == (
        "Nothing typed in this box to undo: Esc goes back to the sentences, where Ctrl+Z "
        "undoes “Tag as Claim”."
    )
    explanation = window.panel.explanation_edit
    explanation.setFocus()
    qtbot.keyClick(explanation, Qt.Key.Key_Y, ctrl)
    said = "Nothing to redo: nothing typed in this box, and no edit."
    assert window.statusBar().currentMessage() == said
    assert window.desk.reviews.review(sentence).tag is Tag.CLAIM  # the box's key, as before
    qtbot.keyClick(explanation, Qt.Key.Key_Escape)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, ctrl)  # as the line says
    assert window.desk.reviews.review(sentence).tag is None


def test_ctrl_z_on_the_next_sentence_never_brings_the_last_ones_typing_there(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Typed into #2's Claimant and Explanation boxes, thought better of and deleted
    (saved empty), then J to #3, empty too: its boxes were not filled anew, their text
    being the same, and kept #2's undo. Ctrl+Z there put #2's words into #3's boxes, and
    saved them on #3."""
    ctrl = Qt.KeyboardModifier.ControlModifier
    panel = window.panel
    second, third = (row.sentence.id for row in list(window.sentence_model.rows())[1:3])
    window.select_sentence(second)
    for box in (panel.claimant_edit, panel.explanation_edit):
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        qtbot.keyClicks(box, "Wrong sentence")
        panel.flush_pending_text()
        qtbot.keyClick(box, Qt.Key.Key_A, ctrl)
        qtbot.keyClick(box, Qt.Key.Key_Delete)
        panel.flush_pending_text()
    review = window.desk.reviews.review(second)
    assert review.claimant == review.explanation == ""
    window.select_sentence(third)
    for box in (panel.claimant_edit, panel.explanation_edit):
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        window.statusBar().clearMessage()
        qtbot.keyClick(box, Qt.Key.Key_Z, ctrl)
        panel.flush_pending_text()
        assert "Nothing typed in this box to undo" in window.statusBar().currentMessage()
    review = window.desk.reviews.review(third)
    assert (review.claimant, review.explanation) == ("", "")
    assert panel.claimant_edit.text() == panel.explanation_edit.toPlainText() == ""
