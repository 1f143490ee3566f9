"""A no-break space is saved as typed, and a text merely shown is never rewritten.

French puts a no-break space (U+00A0) before "%", ";", "?" and after "M." ("32 %",
"M. Dupont"), typed with AltGr+Space, pasted from a web page or merged from a colleague's
file; U+202F (narrow no-break space) and U+2009 (thin space) are used the same way. Qt's
plain-text box gives its text (`toPlainText`) with each U+00A0 turned into a plain space:
an explanation holding one was saved with plain spaces at the first letter typed in it,
Edit Source saved a link's excerpt so when only its stance was changed, and the Return
Verdict note lost them. Each box now saves the characters it shows, each line break one
"\\n" (`gui/typed_fields.field_text`, docs/safety.md "Typed text").
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Stance
from factcheck_app.gui.dialogs import return_note
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk, NewSource

NBSP, NARROW, THIN = "\u00a0", "\u202f", "\u2009"
FRENCH = f"Le chômage a baissé de 32{NBSP}% selon M.{NBSP}Dupont{NARROW}; source{THIN}INSEE."


def type_text(widget: QWidget, text: str) -> None:
    """`text` typed into `widget` key by key, as a keyboard sends it: a no-break space is
    the space bar giving U+00A0 (AltGr+Space on a French layout), "\\n" Enter, "\\v"
    Shift+Enter (a line break within the paragraph)."""
    for char in text:
        key, modifiers, typed = Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char
        if char == "\n":
            key, typed = Qt.Key.Key_Return, "\r"
        elif char == "\v":
            key, modifiers, typed = Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier, "\r"
        elif char.isspace():
            key = Qt.Key.Key_Space
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers, typed))


def two_sentences(desk: Desk) -> tuple[int, int]:
    first, second = (row.sentence.id for row in desk.reviews.sentence_rows(1)[:2])
    return first, second


def stored_as_merged(desk: Desk, sentence_id: int, explanation: str) -> None:
    """`explanation` stored as a colleague's merged file (or `import-review`) holds it."""
    with desk.workspace.db.atomic():
        desk.repo.reviews.save_review(
            desk.reviews.review(sentence_id).edited(explanation=explanation)
        )


def test_an_explanation_typed_with_no_break_spaces_is_saved_with_them(window: MainWindow) -> None:
    desk = window.desk
    first, second = two_sentences(desk)
    assert window.select_sentence(first)
    box = window.panel.explanation_edit
    box.setFocus()
    type_text(box, f"{FRENCH}\nDeuxième ligne\vtroisième")
    assert window.select_sentence(second)  # leaving the sentence saves what was typed
    assert desk.reviews.review(first).explanation == f"{FRENCH}\nDeuxième ligne\ntroisième"


def test_typing_in_a_stored_explanation_keeps_its_no_break_spaces(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    desk = seeded_desk
    first, second = two_sentences(desk)
    stored_as_merged(desk, first, FRENCH)
    window = make_window(desk)
    assert window.select_sentence(first)
    box = window.panel.explanation_edit
    box.setFocus()
    box.moveCursor(box.textCursor().MoveOperation.End)
    type_text(box, " Vérifié")
    window.panel.flush_pending_text()  # saved (as after a pause): the panel shows the save
    assert desk.reviews.review(first).explanation == f"{FRENCH} Vérifié"
    # The box was left as it was, the caret where the reviewer typed: it is not filled
    # again with the saved text as if that differed from it.
    assert box.textCursor().atEnd()
    type_text(box, " par l’équipe.")
    assert window.select_sentence(second)
    assert desk.reviews.review(first).explanation == f"{FRENCH} Vérifié par l’équipe."


def test_a_stored_explanation_shown_and_left_is_not_saved_again(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    desk = seeded_desk
    first, second = two_sentences(desk)
    # As merged: Windows line breaks, a line separator, no-break spaces.
    stored = f"{FRENCH}\r\nLigne deux\u2028trois"
    stored_as_merged(desk, first, stored)
    window = make_window(desk)
    undo_before = desk.edits.undo_text()
    assert window.select_sentence(first)
    box = window.panel.explanation_edit
    box.setFocus()
    window.sentence_view.setFocus()  # the box left: it saves only what was typed there
    # A verdict given: the panel shows the review again.
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_5)
    assert window.select_sentence(second) and window.select_sentence(first)
    assert not window.panel.has_pending_text()
    assert desk.reviews.review(first).explanation == stored
    assert desk.edits.undo_text() != undo_before  # the verdict, the one edit made
    desk.edits.undo()
    assert desk.edits.undo_text() == undo_before


def test_edit_source_keeps_an_excerpt_it_only_showed(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = window.desk
    sid = two_sentences(desk)[0]
    url = "https://example.org/insee"
    desk.sources.link_source(sid, NewSource(url, stance=Stance.SUPPORTS, excerpt=FRENCH))
    assert window.select_sentence(sid)

    def change_the_stance_only(dialog: LinkSourceDialog) -> int:
        dialog.stance_box.setCurrentIndex(dialog.stance_box.findData(Stance.CONTEXT.value))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LinkSourceDialog, "exec", change_the_stance_only)
    window.edits.edit_source(desk.sources.links(sid)[0])
    link = desk.sources.links(sid)[0]
    assert (link.stance, link.excerpt) == (Stance.CONTEXT, FRENCH)

    def press_save(dialog: LinkSourceDialog) -> int:
        dialog.accept()
        return int(dialog.result())

    undo_before = desk.edits.undo_text()
    monkeypatch.setattr(LinkSourceDialog, "exec", press_save)
    window.edits.edit_source(link)
    assert window.statusBar().currentMessage() == "Nothing was changed."
    assert desk.edits.undo_text() == undo_before  # no edit recorded


def test_a_space_made_a_no_break_space_is_a_change_esc_asks_about(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = window.desk
    sid = two_sentences(desk)[0]
    plain = "Le chômage a baissé de 32 %."
    desk.sources.link_source(
        sid, NewSource("https://example.org/insee", stance=Stance.SUPPORTS, excerpt=plain)
    )
    assert window.select_sentence(sid)
    asked: list[str] = []

    def fix_the_space_then_esc(dialog: LinkSourceDialog) -> int:
        box = dialog.excerpt_edit
        cursor = box.textCursor()
        cursor.setPosition(plain.index(" %"))
        cursor.setPosition(plain.index(" %") + 1, cursor.MoveMode.KeepAnchor)
        box.setTextCursor(cursor)
        box.setFocus()
        type_text(box, NBSP)  # the space chosen, AltGr+Space typed over it
        dialog.reject()  # Esc: what was typed would be lost
        return int(dialog.result())

    monkeypatch.setattr(LinkSourceDialog, "_drop_typed", lambda d: asked.append("?") or False)
    monkeypatch.setattr(LinkSourceDialog, "exec", fix_the_space_then_esc)
    window.edits.edit_source(desk.sources.links(sid)[0])
    assert asked == ["?"]  # asked before dropping it (Keep Editing answered here)


def test_link_source_saves_the_excerpt_and_title_as_typed(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = window.desk
    sid = two_sentences(desk)[0]
    assert window.select_sentence(sid)

    def type_them(dialog: LinkSourceDialog) -> int:
        dialog.url_edit.setText("https://example.org/insee")
        type_text(dialog.title_edit, f"Chômage{NARROW}: 32{NBSP}%")
        dialog.stance_box.setCurrentIndex(dialog.stance_box.findData(Stance.SUPPORTS.value))
        type_text(dialog.excerpt_edit, f"{FRENCH}\np.{THIN}12")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LinkSourceDialog, "exec", type_them)
    window.edits.link_source()
    link = desk.sources.links(sid)[0]
    assert link.excerpt == f"{FRENCH}\np.{THIN}12"
    assert link.source.title == f"Chômage{NARROW}: 32{NBSP}%"


def test_the_claimant_keeps_the_special_spaces_typed(window: MainWindow) -> None:
    desk = window.desk
    first, second = two_sentences(desk)
    assert window.select_sentence(first)
    field = window.panel.claimant_edit
    field.setFocus()
    type_text(field, f"M.{NBSP}Dupont{NARROW}(INSEE){THIN}")
    assert window.select_sentence(second)
    assert desk.reviews.review(first).claimant == f"M.{NBSP}Dupont{NARROW}(INSEE){THIN}"


def test_the_return_note_keeps_its_no_break_spaces(qtbot: QtBot) -> None:
    dialog = return_note.ReturnNoteDialog("Baku said 32 people died.", "Ana Ruiz")
    qtbot.add_widget(dialog)
    type_text(dialog.note_edit, f"  Quelle année{NBSP}? Le chiffre de 32{NBSP}%\v ")
    assert dialog.note() == f"Quelle année{NBSP}? Le chiffre de 32{NBSP}%"


def test_edit_source_keeps_blanks_stored_at_the_ends_it_only_showed(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = window.desk
    sid = two_sentences(desk)[0]
    desk.sources.link_source(
        sid, NewSource("https://example.org/insee", title="INSEE", stance=Stance.SUPPORTS)
    )
    [link] = desk.sources.links(sid)
    with desk.workspace.db.atomic():  # as a colleague's merged file stores them
        desk.workspace.db.execute(
            "UPDATE sources SET title = ? WHERE id = ?", (f" INSEE{NBSP}", link.source.id)
        )
        desk.workspace.db.execute(
            "UPDATE sentence_sources SET excerpt = ? WHERE id = ?", (f"{FRENCH}{NBSP}", link.id)
        )
    assert window.select_sentence(sid)

    def press_save(dialog: LinkSourceDialog) -> int:
        dialog.accept()
        return int(dialog.result())

    undo_before = desk.edits.undo_text()
    monkeypatch.setattr(LinkSourceDialog, "exec", press_save)
    window.edits.edit_source(desk.sources.links(sid)[0])
    assert window.statusBar().currentMessage() == "Nothing was changed."
    assert desk.edits.undo_text() == undo_before
    [kept] = desk.sources.links(sid)
    assert (kept.source.title, kept.excerpt) == (f" INSEE{NBSP}", f"{FRENCH}{NBSP}")
