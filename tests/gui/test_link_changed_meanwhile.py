"""Remove Source refused because another program changed the link between the desk's
read and its save: the box said to look at the link again, but the Sources list still
showed it as read before (a window that edits does not read other programs' saves by
itself), so the reviewer looked at the old excerpt. The article is read again now."""

from __future__ import annotations

import sqlite3

import pytest

from factcheck_app.domain.models import SourceLink
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.edits import Change, Edit
from factcheck_app.services.sources import NewSource
from tests.gui.test_remove_source_and_properties_as_shown import jobs_link_shown

QUOTE = "Unemployment stood at 4.1 percent in December."
LONG_QUOTE = (
    "Unemployment stood at 4.1 percent in December, down from 4.4 percent a year "
    "earlier, the statistics office said in its monthly release on Friday."
)
ZERO_WIDTH_SPACE = "\u200b"


def as_shown(link: SourceLink, column: str) -> str:
    """The link's `column`: its source's title or its own excerpt."""
    return link.source.title if column == "title" else link.excerpt


@pytest.mark.parametrize(
    ("column", "mine", "theirs", "said"),
    [
        # The first case of all: the Sources list showed the link as read before.
        ("excerpt", "", QUOTE, f"its excerpt now reads “{QUOTE}”"),
        (
            "excerpt",
            "",
            LONG_QUOTE,
            "excerpt now reads “Unemployment stood at 4.1 percent in December, down…”",
        ),
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
    ids=["short", "long", "excerpt changed late", "title emptied", "excerpt shows nothing"],
)
def test_a_removal_refused_for_a_link_changed_meanwhile_says_what_and_shows_it(
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    boxes: list[str],
    column: str,
    mine: str,
    theirs: str,
    said: str,
) -> None:
    """The Sources list shows a link's title and stance; its excerpt only in a tooltip,
    which the keyboard never opens. The box said "this source link was changed" and the
    list read again looked the same: she could not see what had changed, nor whether to
    remove it still. It says: the excerpt (or title), and the first words of what it
    reads now, from a word before where it changed; the list shows the link as saved."""
    desk = window.desk
    new = NewSource("https://stats.example/jobs", title="Jobs", excerpt=mine)
    if column == "title":
        new = NewSource("https://stats.example/jobs", title=mine)
    sentence, link = jobs_link_shown(window, new)
    assert as_shown(link, column) == mine
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
    [message] = boxes
    assert "changed while" in message
    assert said in message, message
    assert "Nothing was changed" in message
    assert [shown.id for shown in desk.sources.links(sentence)] == [link.id]  # still linked
    shown = window.panel.current_link()
    assert shown is not None and as_shown(shown, column) == theirs
