"""The desk's questions: every button has its own Alt key."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from factcheck_app.gui.messages import ask

Button = QMessageBox.StandardButton


@pytest.mark.parametrize(
    ("buttons", "labels", "expected"),
    [
        (Button.Yes | Button.No, {Button.Yes: "Remove"}, {"&Remove"}),
        (
            Button.Discard | Button.Cancel,
            {Button.Discard: "Stop the Import and Quit", Button.Cancel: "Keep Importing"},
            {"&Stop the Import and Quit", "&Keep Importing"},
        ),
        (
            Button.Yes | Button.No,
            {Button.Yes: "Re-split Now", Button.No: "Return Later"},
            {"&Re-split Now", "Return &Later"},
        ),
        (Button.Discard | Button.Cancel, {Button.Discard: "&Discard"}, {"&Discard"}),
    ],
)
def test_each_button_of_a_question_has_its_own_alt_key(
    qapp: object,
    monkeypatch: pytest.MonkeyPatch,
    buttons: Button,
    labels: dict[Button, str],
    expected: set[str],
) -> None:
    seen: list[str] = []

    def exec_(box: QMessageBox) -> int:
        seen.extend(button.text() for button in box.buttons())
        return int(Button.Cancel)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    ask(None, "Question", "Sure?", buttons, Button.Cancel, labels=labels)
    assert expected <= set(seen)
    keys = [text[text.index("&") + 1].lower() for text in seen if "&" in text]
    assert len(keys) == len(seen) == len(set(keys))


def test_details_of_one_unbroken_run_wrap_anywhere(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typed text kept when logging out is shown at the next start under Show Details:
    a paste of 1,200,000 characters without a space (refused as too long) froze the
    window for minutes on Show Details, Qt seeking a word boundary in time n² of the
    run. Such details wrap anywhere; ordinary ones still at words."""
    from PySide6.QtGui import QTextOption
    from PySide6.QtWidgets import QTextEdit

    from factcheck_app.gui.messages import inform

    modes: list[QTextOption.WrapMode] = []

    def exec_(box: QMessageBox) -> int:
        modes.extend(shown.wordWrapMode() for shown in box.findChildren(QTextEdit))
        return int(Button.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    inform(None, "Typed text not saved last time", "Not saved:", details="xQ7" * 2_000)
    inform(None, "Typed text not saved last time", "Not saved:", details="Two words. " * 500)
    assert modes == [
        QTextOption.WrapMode.WrapAnywhere,
        QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere,
    ]


def test_details_of_words_joined_by_no_break_spaces_wrap_anywhere(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept typed text copied from a web page, each word joined by a no-break space: one
    unbroken run to Qt's line breaking, as a run without a space (Show Details froze)."""
    from PySide6.QtGui import QTextOption
    from PySide6.QtWidgets import QTextEdit

    from factcheck_app.gui.messages import inform

    modes: list[QTextOption.WrapMode] = []

    def exec_(box: QMessageBox) -> int:
        modes.extend(shown.wordWrapMode() for shown in box.findChildren(QTextEdit))
        return int(Button.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    inform(None, "Typed text not saved last time", "Not saved:", details="Two\u00a0words " * 1)
    inform(None, "Typed text not saved last time", "Not saved:", details="Two\u00a0words" * 500)
    assert modes == [
        QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere,
        QTextOption.WrapMode.WrapAnywhere,
    ]
