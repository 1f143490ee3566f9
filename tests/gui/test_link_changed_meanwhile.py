"""Remove Source refused because another program changed the link between the desk's
read and its save: the box said to look at the link again, but the Sources list still
showed it as read before (a window that edits does not read other programs' saves by
itself), so the reviewer looked at the old excerpt. The article is read again now."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.edits import Change, Edit
from factcheck_app.services.sources import NewSource

QUOTE = "Unemployment stood at 4.1 percent in December."


def test_a_removal_refused_for_a_link_changed_meanwhile_shows_the_link_as_saved(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: messages.append(box.text()) or 0)
    desk = window.desk
    sentence = desk.reviews.sentence_rows(1)[4].sentence.id
    desk.sources.link_source(sentence, NewSource("https://stats.example/jobs", title="Jobs"))
    window.load_article(1, sentence)
    link = window.panel.current_link()
    assert link is not None and link.excerpt == ""
    push = desk.edits.push

    def another_program_then_push(edit: Edit) -> Change:
        monkeypatch.setattr(desk.edits, "push", push)
        other = sqlite3.connect(desk.path)  # type: ignore[arg-type]
        with other:
            other.execute("UPDATE sentence_sources SET excerpt = ? WHERE id = ?", [QUOTE, link.id])
        other.close()
        return push(edit)

    monkeypatch.setattr(desk.edits, "push", another_program_then_push)
    window.edits.remove_source()
    assert "changed while" in messages[0]
    shown = window.panel.current_link()
    assert shown is not None and shown.excerpt == QUOTE
