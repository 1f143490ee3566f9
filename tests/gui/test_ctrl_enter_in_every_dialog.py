"""Ctrl+Enter does a dialog's work from any control in it, in every dialog: the form
dialogs (Link Source, Export…) had it; Preferences, the first-start name question, the
F1 sheet, Recent Messages, About, a history entry and Split Sentence did nothing with it,
and a journalist who ends every dialog with Ctrl+Enter was left in them.

What the work is: a dialog that asks something (its OK, Split) takes the answer; a sheet
that only shows something (its one button is Close) closes, as Enter on its list does."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.gui.dialogs.help import AboutDialog, ShortcutsDialog
from factcheck_app.gui.dialogs.history_entry import HistoryEntryDialog
from factcheck_app.gui.dialogs.recent_messages import RecentMessagesDialog
from factcheck_app.gui.dialogs.reviewer_name import ReviewerNameDialog
from factcheck_app.gui.dialogs.split import SplitSentenceDialog
from factcheck_app.gui.notices import StatusLog


def _recent(parent: QMainWindow) -> QDialog:
    parent.statusBar().showMessage("Exported to /tmp/report.html")
    return RecentMessagesDialog(StatusLog(parent.statusBar(), parent), parent)


def _split(parent: QMainWindow) -> QDialog:
    return SplitSentenceDialog(
        "The minister said on Sunday",
        " that twelve thousand marched.",
        has_review=True,
        has_sources=True,
        parent=parent,
    )


# name → (how it is made, whether Ctrl+Enter accepts it (True) or closes it (False))
DIALOGS: dict[str, tuple[Callable[[QMainWindow], QDialog], bool]] = {
    "preferences": (
        lambda parent: ReviewerNameDialog("Ana Ruiz", "AR", first_start=False, parent=parent),
        True,
    ),
    "first start": (
        lambda parent: ReviewerNameDialog("ana", "A", first_start=True, parent=parent),
        True,
    ),
    "split": (_split, True),
    "F1": (ShortcutsDialog, False),
    "recent messages": (_recent, False),
    "about": (lambda parent: AboutDialog(None, parent), False),
    "history entry": (lambda parent: HistoryEntryDialog("Tag: Claim", parent), False),
}


def _controls(dialog: QDialog) -> list[QWidget]:
    """Every control Tab reaches in `dialog`, in Tab order."""
    first = dialog.focusWidget() or dialog
    seen: list[QWidget] = []
    widget = first.nextInFocusChain()
    while widget is not first and len(seen) < 50:
        if (
            widget.isVisibleTo(dialog)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.window() is dialog
        ):
            seen.append(widget)
        widget = widget.nextInFocusChain()
    return [first, *seen] if first is not dialog else seen


@pytest.mark.parametrize("name", list(DIALOGS))
def test_ctrl_enter_does_the_dialogs_work_from_every_control(name: str, qtbot: QtBot) -> None:
    make, accepts = DIALOGS[name]
    parent = QMainWindow()
    qtbot.add_widget(parent)
    explanation_opened: list[bool] = []
    # The window's own Ctrl+Return (Edit Explanation) stays out of the dialog.
    parent.addAction("Edit Explanation", "Ctrl+Return", lambda: explanation_opened.append(True))
    parent.show()
    probe = make(parent)
    controls = _controls(probe)
    assert controls
    for index in range(len(controls)):
        dialog = make(parent)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitActive(dialog)
        control = _controls(dialog)[index]
        control.setFocus(Qt.FocusReason.TabFocusReason)
        what = f"{type(control).__name__} {control.objectName() or getattr(control, 'text', str)()}"
        qtbot.keyClick(control, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()
        assert not dialog.isVisible(), f"Ctrl+Enter on {what} left the dialog open"
        expected = QDialog.DialogCode.Accepted if accepts else QDialog.DialogCode.Rejected
        assert dialog.result() == expected, what
        if isinstance(dialog, ReviewerNameDialog):
            assert dialog.reviewer is not None
    assert explanation_opened == []


def test_ctrl_enter_in_preferences_refuses_an_empty_name_as_ok_does(qtbot: QtBot) -> None:
    """Ctrl+Enter is OK: an empty name is refused with the reason, the dialog stays."""
    dialog = ReviewerNameDialog("", "", first_start=False)
    qtbot.add_widget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert dialog.reviewer is None


def test_ctrl_enter_on_cancel_in_preferences_keeps_the_name_typed(qtbot: QtBot) -> None:
    """One Tab too many lands on Cancel: Ctrl+Enter there still takes the name (a focused
    button takes Enter with any modifier, and pressed Cancel)."""
    dialog = ReviewerNameDialog("Ana Ruiz", "AR", first_start=False)
    qtbot.add_widget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    box = dialog.findChild(QDialogButtonBox)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setFocus()
    qtbot.keyClick(cancel, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.reviewer is not None and dialog.reviewer.name == "Ana Ruiz"
