"""A name typed into the sentence list, believed to be a field: its letters that are
review keys retag sentences, moving from one to the next. The reviewer was told only
that the last letter is no review key, and nothing of what had changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.gui import views
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk


class _Clock:
    """A monotonic clock the test moves by hand (no sleeps)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    clock = _Clock()
    monkeypatch.setattr(views, "burst_clock", clock)
    return clock


def _numbers(window: MainWindow, before: list[object]) -> list[int]:
    """The numbers (1-based) of the sentences whose review differs from `before`."""
    model = window.sentence_model
    return [
        row + 1 for row in range(model.rowCount()) if model.sentence_row(row).review != before[row]
    ]


def _at_1024(
    path: Path, make_window: Callable[[Desk], MainWindow], *articles: tuple[str, str]
) -> tuple[Desk, MainWindow, list[int]]:
    """A new workspace at `path` of `articles` (text, source name), its window at
    1024×640 on the first, the sentence list focused; with the articles' ids. The desk
    is the caller's to close."""
    desk = Desk.open(path)
    ids = [desk.importer.import_text(text, source_name=name).article_id for text, name in articles]
    window = make_window(desk)
    window.resize(1024, 640)
    window.open_article(ids[0])
    window.sentence_view.setFocus()
    return desk, window, ids


@pytest.mark.parametrize("typed", ["Turkish Foreign Ministry", "Daniel Clark, Jakarta"])
def test_a_name_typed_into_the_list_says_which_sentences_changed(
    qtbot: QtBot, window: MainWindow, clock: _Clock, typed: str
) -> None:
    model = window.sentence_model
    before = [model.sentence_row(row).review for row in range(model.rowCount())]
    window.resize(1024, 640)  # the smallest screen: the line has room there
    window.sentence_view.setFocus()
    qtbot.keyClicks(window.sentence_view, typed)
    changed = _numbers(window, before)
    assert changed, "the name's letters changed no sentence: the test shows nothing"
    said = window.statusBar().currentMessage()
    assert "Typing went to the sentence list" in said, said
    assert ", ".join(f"#{number}" for number in changed) in said, said
    steps = len(window.desk.edits.undo_steps)
    back = "Ctrl+Z takes it back" if steps == 1 else f"Ctrl+Z {steps} times takes it all back"
    assert back in said, said
    # What it says takes it all back does so.
    for _ in range(steps):
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _numbers(window, before) == []


def test_review_keys_at_a_reviewers_pace_say_nothing_new(
    qtbot: QtBot, window: MainWindow, clock: _Clock
) -> None:
    """C, a verdict, a letter that is no key, each a couple of seconds apart: each says
    what it always said, and no word of typing."""
    window.sentence_view.setFocus()
    for keys in ("c", "j", "2", "y", "j", "d"):
        qtbot.keyClicks(window.sentence_view, keys)
        assert "Typing went" not in window.statusBar().currentMessage()
        clock.now += 2.0


def test_one_slip_beside_a_review_key_is_not_taken_for_typing(
    qtbot: QtBot, window: MainWindow, clock: _Clock
) -> None:
    """C then X (beside it) at once: X says it is no review key, as it always did."""
    window.sentence_view.setFocus()
    qtbot.keyClicks(window.sentence_view, "cq")
    said = window.statusBar().currentMessage()
    assert "is not a review key" in said and "Typing went" not in said, said


def test_sentences_of_the_article_left_in_the_run_are_counted(
    qtbot: QtBot, tmp_path: Path, make_window: Callable[[Desk], MainWindow], clock: _Clock
) -> None:
    """N (twice) goes on to the next article in the middle of a name: what the letters
    did in the article left is said too, not dropped for its sentences are not listed."""
    desk, window, [_first, second] = _at_1024(
        tmp_path / "two.fcdesk",
        make_window,
        ("One claim here. Two claims there.", "a"),
        ("Three claims. Four claims.", "b"),
    )
    qtbot.keyClicks(window.sentence_view, "cq")
    window.open_article(second)  # as N, twice, would within the run
    window.sentence_view.setFocus()
    qtbot.keyClicks(window.sentence_view, "qc")
    said = window.statusBar().currentMessage()
    assert "changed sentence #1 and 1 sentence of the article before" in said, said
    desk.close()


def test_a_name_typed_into_the_article_text_is_said_too(
    qtbot: QtBot, window: MainWindow, clock: _Clock
) -> None:
    """The review keys work in the article text too (a click on a sentence there)."""
    window.resize(1024, 640)
    window.article_view.setFocus()
    qtbot.keyClicks(window.article_view, "Daniel Clark, Jakarta")
    said = window.statusBar().currentMessage()
    assert said.startswith("Typing went to the article text and changed sentence"), said


def _type_as_a_keyboard(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """`text` as a keyboard types it: a capital is Shift, pressed on its own first, then
    Shift+the letter (no review key)."""
    for char in text:
        if char.isupper():
            qtbot.keyPress(widget, Qt.Key.Key_Shift)
            qtbot.keyClick(widget, char, Qt.KeyboardModifier.ShiftModifier)
            qtbot.keyRelease(widget, Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier)
        else:
            qtbot.keyClick(widget, char)


def test_shift_for_a_capital_does_not_end_the_run(
    qtbot: QtBot, window: MainWindow, clock: _Clock
) -> None:
    """Shift, pressed on its own before each capital, is a key with no text: taken for a
    command, it ended the run, and what the letters before it changed went unsaid."""
    model = window.sentence_model
    before = [model.sentence_row(row).review for row in range(model.rowCount())]
    window.resize(1024, 640)  # the smallest screen: the line has room there
    window.sentence_view.setFocus()
    _type_as_a_keyboard(
        qtbot, window.sentence_view, "Turkish Foreign Ministry said Ankara denied it"
    )
    changed = _numbers(window, before)
    assert len(changed) >= 2, changed
    said = window.statusBar().currentMessage()
    assert ", ".join(f"#{number}" for number in changed) in said, said


def test_enter_right_after_a_tag_is_one_slip_not_typing(
    qtbot: QtBot, window: MainWindow, clock: _Clock
) -> None:
    """C, then Enter at once (to confirm, as a newcomer expects): one key that is no
    review key, a slip. Enter was counted twice (its "\\r" taken for a space, and again
    as no key), and the tag was said to be typing that went to the list."""
    window.sentence_view.setFocus()
    qtbot.keyClicks(window.sentence_view, "c")
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Return)
    assert "Typing went" not in window.statusBar().currentMessage()


def test_a_fast_reviewer_with_a_slip_now_and_then_is_not_taken_for_typing(
    qtbot: QtBot, window: MainWindow, clock: _Clock
) -> None:
    """A practised checker, J C 3 J D 1 … at several keys a second, with 7 for 6 once and
    8 for 2 later: two slips far apart in a long run are no name typed."""
    window.sentence_view.setFocus()
    for key in "jc3jd7jf1jc3jd8jf1":
        qtbot.keyClicks(window.sentence_view, key)
        clock.now += 0.3
    assert "Typing went" not in window.statusBar().currentMessage()


def _sixty_claims_at_1024(
    tmp_path: Path, make_window: Callable[[Desk], MainWindow]
) -> tuple[Desk, MainWindow]:
    """A window at 1024×640 on an article of 60 one-line claims, the sentence list
    focused. The desk is the caller's to close."""
    text = " ".join(f"Claim number {n} was made here." for n in range(1, 61))
    desk, window, _ids = _at_1024(tmp_path / "long.fcdesk", make_window, (text, "long"))
    return desk, window


def test_many_sentences_changed_still_say_how_many_ctrl_z_at_1024(
    qtbot: QtBot, tmp_path: Path, make_window: Callable[[Desk], MainWindow], clock: _Clock
) -> None:
    """Typing that changed 40 sentences at 1024×640: "#1, #2, … #40" was longer than the
    status bar, and its end, the Ctrl+Z count, was cut off."""
    desk, window = _sixty_claims_at_1024(tmp_path, make_window)
    qtbot.keyClicks(window.sentence_view, "qq" + "cj" * 40)
    said = window.statusBar().currentMessage()
    assert "Typing went" in said, said
    steps = len(desk.edits.undo_steps)
    assert steps >= 40 and f"Ctrl+Z {steps} times takes it all back" in said, said
    assert "changed sentences #1–#40:" in said, said  # in a few characters, not dropped
    room = window.message_room()
    assert window.statusBar().fontMetrics().horizontalAdvance(said) <= room, said
    desk.close()


def test_sentences_far_apart_say_how_many_more_at_1024(
    qtbot: QtBot, tmp_path: Path, make_window: Callable[[Desk], MainWindow], clock: _Clock
) -> None:
    """Every other sentence changed (#1, #3, … #49): as many numbers as fit, how many more,
    and the Ctrl+Z count whole."""
    desk, window = _sixty_claims_at_1024(tmp_path, make_window)
    qtbot.keyClicks(window.sentence_view, "qq" + "cjj" * 25)
    said = window.statusBar().currentMessage()
    assert said.startswith("Typing went to the sentence list and changed sentences #1, #3, #5")
    assert " more: Ctrl+Z 25 times takes it all back." in said, said
    room = window.message_room()
    assert window.statusBar().fontMetrics().horizontalAdvance(said) <= room, said
    desk.close()


def _send_key(widget: QWidget, key: Qt.Key, text: str) -> None:
    """A key as the platform sends it (QTest types no dead key, nor "ü")."""
    for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


@pytest.mark.parametrize("accent", [Qt.Key.Key_Dead_Diaeresis, Qt.Key.Key_Multi_key])
def test_a_dead_key_or_compose_does_not_end_the_run(
    qtbot: QtBot, window: MainWindow, clock: _Clock, accent: Qt.Key
) -> None:
    """ "Müller" on a keyboard with dead keys: ¨ is a key with no text, taken for a
    command, it ended the run, and the sentences tagged before it went unsaid and
    uncounted in the Ctrl+Z that take the run back."""
    model = window.sentence_model
    before = [model.sentence_row(row).review for row in range(model.rowCount())]
    window.resize(1024, 640)
    window.sentence_view.setFocus()
    qtbot.keyClicks(window.sentence_view, "qcj")
    _send_key(window.sentence_view, accent, "")  # no text: it waits for the letter
    _send_key(window.sentence_view, Qt.Key.Key_Udiaeresis, "ü")
    qtbot.keyClicks(window.sentence_view, "cl")
    changed = _numbers(window, before)
    assert len(changed) == 2, changed
    said = window.statusBar().currentMessage()
    assert f"changed sentences #{changed[0]}, #{changed[1]}: Ctrl+Z 2 times" in said, said
    for _ in range(2):
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _numbers(window, before) == []


def test_ctrl_z_as_many_times_as_said_takes_back_a_run_over_two_articles_and_no_more(
    qtbot: QtBot, tmp_path: Path, make_window: Callable[[Desk], MainWindow], clock: _Clock
) -> None:
    """A run with J (no step) and N twice (on to the next article) in it: Ctrl+Z pressed
    exactly the times said puts every review of both articles back, and the tag given
    before the run, at a reviewer's pace, stays."""
    desk, window, [first, second] = _at_1024(
        tmp_path / "two.fcdesk",
        make_window,
        ("One claim here. Two claims there.", "a"),
        ("Three claims. Four claims.", "b"),
    )
    qtbot.keyClicks(window.sentence_view, "c")  # the reviewer's own tag, before the run
    clock.now += 5.0
    qtbot.keyClicks(window.sentence_view, "qqx1jx1nnc2")
    assert window.article_id == second
    said = window.statusBar().currentMessage()
    assert "changed sentence #1 and 2 sentences of the article before" in said, said
    assert "Ctrl+Z 6 times takes it all back" in said, said
    for _ in range(6):
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    for article, tags in ((first, ["claim", None]), (second, [None, None])):
        window.open_article(article)
        model = window.sentence_model
        rows = [model.sentence_row(row).review for row in range(model.rowCount())]
        assert [r.tag.value if r and r.tag else None for r in rows] == tags
        assert [r.verdict if r else None for r in rows] == [None, None]
    desk.close()


def test_a_name_in_lower_case_with_few_letters_that_are_no_key_is_said(
    qtbot: QtBot, window: MainWindow, clock: _Clock
) -> None:
    """ "jack and dan": its only characters that are no key are the spaces, four keys
    apart; the letters tagged and moved on all the same."""
    window.resize(1024, 640)
    window.sentence_view.setFocus()
    qtbot.keyClicks(window.sentence_view, "jack and dan")
    assert window.statusBar().currentMessage().startswith("Typing went to the sentence list")


@pytest.mark.parametrize("confirm", [Qt.Key.Key_Return, Qt.Key.Key_Backspace])
def test_a_tag_confirmed_with_enter_sentence_after_sentence_is_not_typing(
    qtbot: QtBot, window: MainWindow, clock: _Clock, confirm: Qt.Key
) -> None:
    """A newcomer tags C, Enter (to confirm), J, D, Enter, J, F, Enter at a steady pace,
    or takes a tag back with Backspace: each Enter (or Backspace) was one more character
    of a name, and the Enters three keys apart made it "Typing went to the sentence list
    … Ctrl+Z 3 times takes it all back", which takes back the three tags meant. Keys
    that type no character count once in a run; a name needs a letter or a space too."""
    window.resize(1024, 640)
    window.sentence_view.setFocus()
    for key in "c\njd\njf\n":
        if key == "\n":
            qtbot.keyClick(window.sentence_view, confirm)
        else:
            qtbot.keyClicks(window.sentence_view, key)
        clock.now += 0.5
        assert "Typing went" not in window.statusBar().currentMessage()


def test_a_name_then_enter_is_still_said(qtbot: QtBot, window: MainWindow, clock: _Clock) -> None:
    """Enter after a name typed (to "save" the field believed focused) is said as ever."""
    window.resize(1024, 640)
    window.sentence_view.setFocus()
    qtbot.keyClicks(window.sentence_view, "jack and dan")
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage().startswith("Typing went to the sentence list")
