"""Text composed with an input method (Japanese, Chinese, Korean, a dead key's accent):
the input method shows what is being composed in the field (its *preedit*), then puts
the chosen characters in (its *commit*). Only committed text is the field's and is
saved; what is still being composed when the reviewer moves to another sentence is
put in where it was typed, as leaving the field with Tab or a click puts it in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethod, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.gui import review_panel
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE
from tests.gui.test_search_in_window import search_for


class InputMethod:
    """An input method as the desktop's (IBus) behaves: `compose` shows a preedit in the
    field with the focus; Qt's `QInputMethod.commit` puts it in as typed, `reset` drops it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.preedit = ""
        monkeypatch.setattr(QInputMethod, "commit", lambda _im: self._end(commit=True))
        monkeypatch.setattr(QInputMethod, "reset", lambda _im: self._end(commit=False))

    def compose(self, preedit: str) -> None:
        self.preedit = preedit
        self._send(QInputMethodEvent(preedit, []))

    def choose(self, text: str) -> None:
        """The reviewer picks `text` for what is being composed."""
        self.preedit = ""
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        self._send(event)

    def _end(self, *, commit: bool) -> None:
        if self.preedit:
            if commit:
                self.choose(self.preedit)
            else:
                self.preedit = ""
                self._send(QInputMethodEvent("", []))

    def _send(self, event: QInputMethodEvent) -> None:
        widget = QApplication.focusWidget()
        assert isinstance(widget, QWidget)
        QApplication.sendEvent(widget, event)


@pytest.fixture
def typing_window(
    seeded_desk: Desk, make_window: Callable[[Desk], MainWindow], monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    monkeypatch.setattr(review_panel, "TEXT_SAVE_DELAY_MS", 600_000)  # still typing
    monkeypatch.setattr(review_panel, "TEXT_SAVE_LONGEST_MS", 600_000, raising=False)
    return make_window(seeded_desk)


@pytest.mark.parametrize("field", ["claimant", "explanation"])
def test_composed_text_is_saved_as_chosen_never_half_composed(
    typing_window: MainWindow, seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch, field: str
) -> None:
    panel = typing_window.panel
    sentence_id = panel.sentence_id
    assert sentence_id is not None
    box = getattr(panel, f"{field}_edit")
    box.setFocus()
    ime = InputMethod(monkeypatch)

    ime.compose("きし")
    panel.flush_pending_text()  # a pause while composing saves none of it
    assert getattr(seeded_desk.reviews.review(sentence_id), field) == ""
    ime.choose("岸田")
    ime.compose("ふみ")
    panel.flush_pending_text()

    assert getattr(seeded_desk.reviews.review(sentence_id), field) == "岸田"


@pytest.mark.parametrize("field", ["claimant", "explanation"])
def test_text_still_composed_when_f3_moves_on_is_saved_where_it_was_typed(
    qtbot: QtBot,
    typing_window: MainWindow,
    seeded_desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
    field: str,
) -> None:
    """F3 (the next search result) moves to another sentence with the focus kept in the
    field: the field, filled with the next sentence's text, told the input method to drop
    what it was composing. Committed later, it went to the next sentence; with IBus it was
    gone. Now it is put in on the sentence it was typed on, and saved there."""
    window = typing_window
    assert search_for(window, "Ganja").model.rowCount() > 0
    ids = [row.sentence.id for row in seeded_desk.reviews.sentence_rows(1)]
    left = ids[0]
    assert window.select_sentence(left)
    panel = window.panel
    box = getattr(panel, f"{field}_edit")
    box.setFocus()
    ime = InputMethod(monkeypatch)
    ime.choose("岸田")
    ime.compose("文雄")

    qtbot.keyClick(box, Qt.Key.Key_F3)

    shown = window.current_sentence_id()
    assert shown != left
    assert panel.sentence_id == shown
    assert ime.preedit == ""  # nothing composed carried to the next sentence
    assert getattr(seeded_desk.reviews.review(left), field) == "岸田文雄"
    panel.flush_pending_text()
    assert getattr(seeded_desk.reviews.review(shown), field) == ""


@pytest.mark.parametrize("field", ["claimant", "explanation"])
def test_text_still_composed_when_another_workspace_opens_stays_in_its_own(
    typing_window: MainWindow,
    seeded_desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    field: str,
) -> None:
    """Another workspace opened with the focus kept in the field (a workspace file opened
    from the file manager, Open Recent): what was being composed was put in once the
    window showed the other workspace, and the whole field saved there, into its
    sentence of the same number: the first workspace's words over the other's."""
    window = typing_window
    first = seeded_desk.path
    assert first is not None
    other = tmp_path / "budget.fcdesk"
    made = Desk.open(other, backup=False)
    made.importer.import_file(SEED_FILE)
    made.close()
    panel = window.panel
    sentence_id = panel.sentence_id
    assert sentence_id is not None
    box = getattr(panel, f"{field}_edit")
    box.setFocus()
    ime = InputMethod(monkeypatch)
    ime.choose("岸田")
    ime.compose("文雄")

    window.workspace.switch_workspace(other)

    assert window.desk.path == other
    assert getattr(window.desk.reviews.review(sentence_id), field) == ""  # nothing of it here
    assert not panel.has_pending_text()
    window.workspace.switch_workspace(first)
    assert getattr(window.desk.reviews.review(sentence_id), field) == "岸田文雄"  # where typed


@pytest.mark.parametrize("field", ["claimant", "explanation"])
def test_text_still_composed_when_the_window_closes_is_saved(
    typing_window: MainWindow, seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch, field: str
) -> None:
    """Ctrl+Q (or the window's close button) while a word was still being composed: the
    typed text before it was saved as the window closed, the word itself dropped with
    the window, and the reviewer who saw it in the field found it gone the next day."""
    window = typing_window
    path = seeded_desk.path
    assert path is not None
    panel = window.panel
    sentence_id = panel.sentence_id
    assert sentence_id is not None
    box = getattr(panel, f"{field}_edit")
    box.setFocus()
    ime = InputMethod(monkeypatch)
    ime.choose("岸田")
    ime.compose("文雄")

    assert window.close()

    again = Desk.open(path, read_only=True)
    try:
        assert getattr(again.reviews.review(sentence_id), field) == "岸田文雄"
    finally:
        again.close()
