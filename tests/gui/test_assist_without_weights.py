"""An installation whose check-worthiness weights are missing or damaged: the desk goes
on with the rules' scores, says so once, and never shows them as the model's."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.test_assist_in_window import wait_for_suggestions


@pytest.fixture
def weights(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the window looks for the weights, not read yet (as in a desk just started):
    nothing there unless a test writes it."""
    from factcheck_app.domain import checkworthiness
    from factcheck_app.services import assist

    path = tmp_path / "resources" / "models" / "checkworthiness.json"
    monkeypatch.setattr(checkworthiness, "default_model_path", lambda: path)
    monkeypatch.setattr(checkworthiness, "_loaded", {})
    monkeypatch.setattr(assist, "_weights_read", threading.Event())
    return path


def test_damaged_weights_leave_the_suggestions_coming(
    qtbot: QtBot, weights: Path, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A weights file holding `[]` raised in the worker that reads it: the suggestions
    never came, and Shift+N said "Suggestions are still being computed." for ever."""
    weights.parent.mkdir(parents=True)
    weights.write_text("[]", encoding="utf-8")
    window = make_window(seeded_desk)
    wait_for_suggestions(qtbot, window)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert window.statusBar().currentMessage() != "Suggestions are still being computed."


def test_missing_weights_are_said_once_and_the_scores_called_the_rules(
    qtbot: QtBot, weights: Path, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Without its weights file the desk scored check-worthiness with the rules and said
    nothing: "Worth checking: 55%" read as the model's estimate, and nobody knew to mend
    the installation."""
    window = make_window(seeded_desk)
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    wait_for_suggestions(qtbot, window)
    note = [line for line in said if "check-worthiness model" in line]
    assert note == [
        "The check-worthiness model is missing or damaged: scores are the rules' rougher "
        "guess. Reinstall the desk to mend it."
    ]
    row = window.sentence_model.sentence_row(1)
    window.select_sentence(row.sentence.id)
    worth = window.panel.worth_label.text()
    assert worth.startswith("Worth checking (the rules' guess, without the model): ")
    window.open_article(window.article_id or 1)  # suggested again: not said again
    wait_for_suggestions(qtbot, window)
    assert len([line for line in said if "check-worthiness model" in line]) == 1


def test_with_its_weights_the_worth_line_is_the_models(qtbot: QtBot, window: MainWindow) -> None:
    wait_for_suggestions(qtbot, window)
    window.select_sentence(window.sentence_model.sentence_row(1).sentence.id)
    assert window.panel.worth_label.text().startswith("Worth checking: ")


def test_weights_with_a_word_weighed_in_text_leave_the_suggestions_coming(
    qtbot: QtBot, weights: Path, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A weights file that reads as JSON of the right shape but weighs a word with text
    (`"the": "0.5"`) loaded as the model: every score then raised in the window's
    suggestion steps, which never came, and the worth line never showed."""
    import json

    from factcheck_app.domain import checkworthiness

    shipped = Path(checkworthiness.__file__).parents[2] / "resources/models/checkworthiness.json"
    data = json.loads(shipped.read_bytes())
    data["weights"]["grams"] = {
        gram: str(weight) for gram, weight in data["weights"]["grams"].items()
    }
    weights.parent.mkdir(parents=True)
    weights.write_text(json.dumps(data), encoding="utf-8")
    window = make_window(seeded_desk)
    wait_for_suggestions(qtbot, window)
    window.select_sentence(window.sentence_model.sentence_row(1).sentence.id)
    worth = window.panel.worth_label.text()
    assert worth.startswith("Worth checking (the rules' guess, without the model): ")
