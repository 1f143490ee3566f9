"""Bugs found by the window monkey (bench/fuzz_window.py), each as the reviewer meets it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.gui import review_panel
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.test_search_in_window import search_for


def test_moving_on_while_typed_text_waits_keeps_the_list_and_the_panel_together(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Typed text is saved a moment after the last key, or on the move to another
    sentence. Saved on the move (F3 pressed in the explanation within that moment), its
    save took the sentence list back to the sentence just left while the panel showed
    the new one: what was typed next went to a sentence the list did not show, and the
    panel then showed that sentence's saved explanation as empty (typing on replaced it)."""
    monkeypatch.setattr(review_panel, "TEXT_SAVE_DELAY_MS", 600_000)  # still typing
    window = make_window(seeded_desk)
    search = search_for(window, "Ganja")
    assert search.model.rowCount() > 0
    ids = [row.sentence.id for row in seeded_desk.reviews.sentence_rows(1)]
    left = ids[0]
    assert window.select_sentence(left)
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Checked the payroll.")
    assert panel.has_pending_text()

    qtbot.keyClick(panel.explanation_edit, Qt.Key.Key_F3)  # the first result

    shown = window.current_sentence_id()
    assert shown != left
    assert panel.sentence_id == shown  # the panel is the list's current sentence's
    assert seeded_desk.reviews.review(left).explanation == "Checked the payroll."
    qtbot.keyClicks(panel.explanation_edit, "Two sources.")
    panel.flush_pending_text()
    assert seeded_desk.reviews.review(shown).explanation == "Two sources."
    assert seeded_desk.reviews.review(left).explanation == "Checked the payroll."
    assert window.select_sentence(left)
    assert panel.explanation_edit.toPlainText() == "Checked the payroll."


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("x" * 300, "too long"),
        ("x" * 300 + "/report.html", "too long"),
        ("report\x00.html", "NUL"),  # pasted with the text around it
    ],
)
def test_a_file_name_no_disk_takes_is_refused_in_words_by_the_export_dialog(
    qtbot: QtBot, seeded_desk: Desk, tmp_path: Path, typed: str, words: str
) -> None:
    """A long text pasted into *Save to* (a name without a suffix, or a folder of more
    than 255 characters), or one holding a NUL: Export brought up "Something went wrong"
    (File name too long; embedded null byte)."""
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    exports = tmp_path / "exports"
    exports.mkdir()
    dialog.path_edit.setText(str(exports / typed))
    with qtbot.captureExceptions() as caught:
        dialog.export_button.click()
    assert caught == []
    assert not dialog.running and dialog.isVisible()
    assert words in dialog.status_label.text()
    assert list(exports.iterdir()) == []  # nothing made


def test_a_claimant_longer_than_a_line_field_holds_is_shown_and_kept_whole(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A claimant of more than 32,767 characters (a merged colleague's, a pasted page)
    showed cut at Qt's default line length, and a letter typed after it saved the cut
    text: the rest was gone, without a word."""
    sid = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    long_claimant = "Ministry of Defence spokesperson " * 1_500  # 49,500 characters
    seeded_desk.reviews.set_text_field(sid, "claimant", long_claimant)
    window = make_window(seeded_desk)
    assert window.select_sentence(sid)
    field = window.panel.claimant_edit
    assert field.text() == long_claimant
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClicks(field, "X")
    window.panel.flush_pending_text()
    assert seeded_desk.reviews.review(sid).claimant == long_claimant + "X"


def test_an_article_beginning_with_a_byte_order_mark_is_highlighted_where_it_is(
    desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Found by bench/fuzz_window.py (seed 2041, step 13424: control characters pasted as
    a new article): Qt drops a U+FEFF at the very start of a document, so every sentence
    of such an article (pasted text with a space before its mark keeps it) was
    highlighted, and a click or a split point read, one character off."""
    article_id = desk.importer.import_text(
        " \ufeffThe mayor said it fell. The council denied it."
    ).article_id
    rows = desk.reviews.sentence_rows(article_id)
    assert rows[0].sentence.text.startswith("\ufeff")  # stored as pasted, after the space
    window = make_window(desk)
    shown = window.article_view.toPlainText()
    assert len(shown) == rows[-1].sentence.end
    window.select_sentence(rows[-1].sentence.id)
    cursor = window.article_view.textCursor()
    assert cursor.position() == rows[-1].sentence.start
    (selection,) = window.article_view.extraSelections()
    assert selection.cursor.selectedText() == "The council denied it."
