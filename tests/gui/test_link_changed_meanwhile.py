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


LONG_QUOTE = (
    "Unemployment stood at 4.1 percent in December, down from 4.4 percent a year "
    "earlier, the statistics office said in its monthly release on Friday."
)


@pytest.mark.parametrize(
    ("theirs", "said"),
    [
        (QUOTE, f"its excerpt now reads “{QUOTE}”"),
        (LONG_QUOTE, "excerpt now reads “Unemployment stood at 4.1 percent in December, down…”"),
    ],
    ids=["short", "long"],
)
def test_the_refusal_says_what_changed_the_excerpt_in_a_few_words(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, theirs: str, said: str
) -> None:
    """The Sources list shows a link's title and stance; its excerpt only in a tooltip,
    which the keyboard never opens. The box said "this source link was changed" and the
    list read again looked the same: she could not see what had changed, nor whether to
    remove it still. It says: the excerpt, and the first words of what it reads now."""
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: messages.append(box.text()) or 0)
    desk = window.desk
    sentence = desk.reviews.sentence_rows(1)[4].sentence.id
    desk.sources.link_source(sentence, NewSource("https://stats.example/jobs", title="Jobs"))
    window.load_article(1, sentence)
    link = window.panel.current_link()
    assert link is not None
    push = desk.edits.push

    def another_program_then_push(edit: Edit) -> Change:
        monkeypatch.setattr(desk.edits, "push", push)
        other = sqlite3.connect(desk.path)  # type: ignore[arg-type]
        with other:
            other.execute("UPDATE sentence_sources SET excerpt = ? WHERE id = ?", [theirs, link.id])
        other.close()
        return push(edit)

    monkeypatch.setattr(desk.edits, "push", another_program_then_push)
    window.edits.remove_source()
    [message] = messages
    assert said in message, message
    assert "Nothing was changed" in message
    assert [shown.id for shown in desk.sources.links(sentence)] == [link.id]  # still linked


ZERO_WIDTH_SPACE = "\u200b"


@pytest.mark.parametrize(
    ("column", "mine", "theirs", "said"),
    [
        # Changed past the eighth word: the first eight read as before, and she could
        # not see what had changed. Quoted from a word before the change.
        (
            "excerpt",
            LONG_QUOTE,
            LONG_QUOTE.replace("monthly", "quarterly"),
            "its excerpt now reads “…in its quarterly release on Friday.”",
        ),
        # A title emptied read "its title now reads “”".
        ("title", QUOTE, "", "its title was emptied"),
        # An excerpt of a zero-width space shows nothing: "now reads “”" on screen.
        ("excerpt", QUOTE, ZERO_WIDTH_SPACE, "its excerpt was emptied"),
    ],
    ids=["excerpt changed late", "title emptied", "excerpt shows nothing"],
)
def test_the_refusal_shows_what_changed_where_it_changed(
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    column: str,
    mine: str,
    theirs: str,
    said: str,
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: messages.append(box.text()) or 0)
    desk = window.desk
    sentence = desk.reviews.sentence_rows(1)[4].sentence.id
    new = NewSource("https://stats.example/jobs", title="Jobs", excerpt=mine)
    if column == "title":
        new = NewSource("https://stats.example/jobs", title=mine)
    desk.sources.link_source(sentence, new)
    window.load_article(1, sentence)
    link = window.panel.current_link()
    assert link is not None
    push = desk.edits.push
    table, key = ("sources", link.source.id) if column == "title" else ("sentence_sources", link.id)

    def another_program_then_push(edit: Edit) -> Change:
        monkeypatch.setattr(desk.edits, "push", push)
        other = sqlite3.connect(desk.path)  # type: ignore[arg-type]
        with other:
            other.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", [theirs, key])
        other.close()
        return push(edit)

    monkeypatch.setattr(desk.edits, "push", another_program_then_push)
    window.edits.remove_source()
    [message] = messages
    assert said in message, message
