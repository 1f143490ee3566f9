"""Another program (a second window's worker, a script, DB Browser) saved a change
while this window showed the one before. Delete in the Sources list removed the link
as saved, an excerpt the reviewer never saw, without a word; Article Properties saved
every field as the dialog was filled, over the other program's author or date, though
she typed only a title. Now the removal is refused in words and the list shows the link
as saved; properties left as shown keep what is saved, and a field both changed is
said once, the dialog back as typed, the next OK saving hers."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from factcheck_app.domain.languages import SUPPORTED, UNDETERMINED
from factcheck_app.domain.models import SourceLink
from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.sources import NewSource
from tests.gui.test_dialogs_on_a_sentence_gone import opened_with
from tests.gui.test_refused_meanwhile_shown import another_program

QUOTE = "Unemployment stood at 4.1 percent in December."
RETITLE = ("UPDATE articles SET title = ? WHERE id = 1", ["Bea's title"])


def jobs_link_shown(window: MainWindow, source: NewSource | None = None) -> tuple[int, SourceLink]:
    """A sentence of article 1 linked to `source` (a statistics page, "Jobs", unless
    given), shown in the window: the sentence and its link as the Sources list has it."""
    desk = window.desk
    sentence = desk.reviews.sentence_rows(1)[4].sentence.id
    if source is None:
        source = NewSource("https://stats.example/jobs", title="Jobs")
    desk.sources.link_source(sentence, source)
    window.load_article(1, sentence)
    link = window.panel.current_link()
    assert link is not None
    return sentence, link


def retitled_while_open(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, statement: tuple[str, list[object]]
) -> list[int]:
    """Article Properties' exec: "Minister on jobs" typed as the title while another
    program runs `statement`, then OK (`opened_with`: counted)."""
    return opened_with(
        monkeypatch,
        ArticlePropertiesDialog,
        lambda dialog: dialog.title_edit.setText("Minister on jobs"),
        lambda: another_program(window.desk, statement),
    )


def test_delete_on_a_link_changed_since_it_was_shown_is_refused_in_words(
    window: MainWindow, boxes: list[str]
) -> None:
    desk = window.desk
    sentence, link = jobs_link_shown(window)
    assert link.excerpt == ""
    another_program(
        desk, ("UPDATE sentence_sources SET excerpt = ? WHERE id = ?", [QUOTE, link.id])
    )
    window.edits.remove_source()
    assert [kept.excerpt for kept in desk.sources.links(sentence)] == [QUOTE]
    [text] = boxes
    assert "Not removed" in text and "Unemployment stood at" in text, text
    shown = window.panel.current_link()
    assert shown is not None and shown.excerpt == QUOTE


AUTHOR = "UPDATE articles SET author = ?, published = ? WHERE id = 1"


def test_properties_left_as_shown_keep_what_another_program_saved(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = retitled_while_open(window, monkeypatch, (AUTHOR, ["Lois Lane", "2026-12-01"]))
    window.articles.edit_properties()
    assert len(opened) == 1 and boxes == []
    now = window.desk.articles.article_metadata(1)
    assert (now.title, now.author, now.published) == (
        "Minister on jobs",
        "Lois Lane",
        dt.date(2026, 12, 1),
    )


def test_a_title_both_changed_is_said_once_then_the_next_ok_saves_hers(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = retitled_while_open(window, monkeypatch, RETITLE)
    window.articles.edit_properties()
    [text] = boxes
    assert "title" in text and "“Bea's title”" in text and "OK again" in text, text
    assert len(opened) == 2  # back as typed once, then saved
    assert window.desk.articles.article_metadata(1).title == "Minister on jobs"


def test_the_title_another_program_saved_is_listed_when_the_box_says_it(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box said "the title is now “Bea's title”" over an article list and a title
    bar still showing the title from before: the refusal's reading again left them."""
    listed: list[tuple[str, str]] = []

    def box_over_the_window(box: QMessageBox) -> int:
        listed.append((window.article_model.article_at(0).title, window.windowTitle()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", box_over_the_window)
    retitled_while_open(window, monkeypatch, RETITLE)
    window.articles.edit_properties()
    title, bar = listed[0]
    assert title == "Bea's title" and "Bea's title" in bar, (title, bar)


def test_delete_on_a_link_changed_only_where_nothing_shows_it_removes_it(
    window: MainWindow, boxes: list[str]
) -> None:
    """Who linked the source is shown nowhere in the Sources list: another program
    rewriting it (a script filling in names) refused Delete with "changed by another
    program since the window showed it" and nothing changed to see, for ever the same
    until the reviewer moved away and back."""
    desk = window.desk
    sentence, link = jobs_link_shown(window)
    another_program(
        desk, ("UPDATE sentence_sources SET reviewer = ? WHERE id = ?", ["Bea Ito", link.id])
    )
    window.edits.remove_source()
    assert boxes == []
    assert desk.sources.links(sentence) == []
    window.desk.edits.undo()
    [back] = desk.sources.links(sentence)
    assert back.reviewer == "Bea Ito"  # put back as it was saved


@pytest.mark.parametrize(
    ("column", "theirs"),
    [("url", "www.planet example/minister"), ("language", "pt")],
)
def test_a_value_another_program_saved_that_the_desk_would_refuse_does_not_stop_her_ok(
    window: MainWindow,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    column: str,
    theirs: str,
) -> None:
    """A URL (or a language) another program saved while the dialog was open, one the
    desk itself would not take, is kept as saved with the rest she left: it was checked
    as hers, and OK was refused for it ("… is not a web address") at every press, the
    dialog showing the URL from before, which she never changed: her title was lost
    unless she typed some other URL."""
    statement = (f"UPDATE articles SET {column} = ? WHERE id = 1", [theirs])
    opened = retitled_while_open(window, monkeypatch, statement)
    window.articles.edit_properties()
    assert boxes == [] and len(opened) == 1
    now = window.desk.articles.article_metadata(1)
    assert (now.title, getattr(now, column)) == ("Minister on jobs", theirs)


def test_the_ok_after_a_refusal_keeps_the_fields_she_left_that_another_program_saved(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused for the title both changed, the dialog comes back still showing the
    author, outlet and date from before, which the other program changed too (unsaid:
    she changed none of them). Her next OK saves her title and keeps theirs."""
    opened = retitled_while_open(
        window,
        monkeypatch,
        (
            "UPDATE articles SET title = ?, author = ?, outlet = ?, published = ? WHERE id = 1",
            ["Bea's title", "Lois Lane", "Daily Planet", "2026-12-01"],
        ),
    )
    window.articles.edit_properties()
    assert len(opened) == 2 and len(boxes) == 1
    now = window.desk.articles.article_metadata(1)
    assert (now.title, now.author, now.outlet, now.published) == (
        "Minister on jobs",
        "Lois Lane",
        "Daily Planet",
        dt.date(2026, 12, 1),
    )


def test_the_dialog_back_after_a_refusal_shows_what_is_saved_in_the_fields_she_left(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused for the title both changed, the dialog came back showing the author,
    outlet, date and language from before in the fields she had not touched, though what
    is saved (and what her next OK keeps) is the other program's: she saw one thing and
    saved another. Back now with what is saved there, her typed title kept; only the
    title counts as typed (what a later refusal for good offers to copy)."""
    seen: list[tuple[object, ...]] = []

    def exec_(dialog: ArticlePropertiesDialog) -> int:
        if not seen:
            dialog.title_edit.setText("Minister on jobs")
            another_program(
                window.desk,
                (
                    "UPDATE articles SET title = ?, author = ?, outlet = ?, published = ?,"
                    " language = ? WHERE id = 1",
                    ["Bea's title", "Lois Lane", "Daily Planet", "2026-12-01", "fr"],
                ),
            )
            seen.append(())
            dialog.accept()
            return int(dialog.result())
        seen.append(
            (
                dialog.title_edit.text(),
                dialog.author_edit.text(),
                dialog.outlet_edit.text(),
                dialog.has_date.isChecked(),
                dialog.date_edit.text(),
                dialog.language(),
                [where for where, _text in dialog.typed_texts()],
            )
        )
        return 0

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", exec_)
    window.articles.edit_properties()
    assert len(boxes) == 1
    assert seen[1] == (
        "Minister on jobs",
        "Lois Lane",
        "Daily Planet",
        True,
        "2026-12-01",
        "fr",
        ["the title field of Article Properties"],
    )


def test_a_language_another_program_saved_is_not_offered_as_hers_to_re_split(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dialog back after a refusal shows the language another program saved; her
    next OK (she chose no language) was followed by "The article is now marked as
    French… Re-split it in that language now?", as if she had chosen it."""
    opened = opened_with(
        monkeypatch,
        ArticlePropertiesDialog,
        lambda dialog: dialog.title_edit.setText("Minister on jobs"),
        lambda: another_program(
            window.desk,
            ("UPDATE articles SET title = ?, language = ? WHERE id = 1", ["Bea's title", "fr"]),
        ),
    )
    window.articles.edit_properties()
    assert len(opened) == 2
    assert len(boxes) == 1 and "Not saved" in boxes[0], boxes
    now = window.desk.articles.article_metadata(1)
    assert (now.title, now.language) == ("Minister on jobs", "fr")


@pytest.mark.parametrize(
    "stored",
    [
        "https://planet.example/" + "x" * 9000,  # longer than the desk takes
        "www.planet example/minister",  # an import's, or another program's
        "https://evil.example/\u202egro.kcehctcaf/\nmore",  # a bidi override, a line break
    ],
)
def test_a_url_she_left_as_stored_does_not_stop_her_ok(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch, stored: str
) -> None:
    """A URL saved so (by another program, a colleague's merged file) that the desk would
    not take itself stopped every OK in the dialog ("A link can be at most 8,192
    characters long"), though she only typed a title: it could not be saved unless she
    typed some other URL. Kept as stored now, unless she types in it. The field shows it
    without the bidi override and line break, as the other fields show theirs."""
    another_program(window.desk, ("UPDATE articles SET url = ? WHERE id = 1", [stored]))
    shown: list[str] = []

    def type_title(dialog: ArticlePropertiesDialog) -> None:
        shown.append(dialog.url_edit.text())
        dialog.title_edit.setText("Minister on jobs")

    opened = opened_with(monkeypatch, ArticlePropertiesDialog, type_title, lambda: None)
    window.articles.edit_properties()
    assert len(opened) == 1 and boxes == []
    now = window.desk.articles.article_metadata(1)
    assert (now.title, now.url) == ("Minister on jobs", stored)
    assert "\u202e" not in shown[0] and "\n" not in shown[0], shown


@pytest.mark.parametrize("theirs", ["pt", ""])
def test_a_language_the_box_does_not_list_is_shown_after_a_refusal_and_kept(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch, theirs: str
) -> None:
    """Another program saved a language the box does not list (one the desk has no rules
    for, or "not known yet") while a title was typed there too: the dialog back shows it
    (not the first language of the list, which her next OK would have saved, or refused
    as having no rules), and her next OK keeps it."""
    languages: list[str] = []

    def exec_(dialog: ArticlePropertiesDialog) -> int:
        languages.append(dialog.language())
        if len(languages) > 3:
            return 0  # Cancel at last
        if len(languages) == 1:
            dialog.title_edit.setText("Minister on jobs")
            another_program(
                window.desk,
                ("UPDATE articles SET title = ?, language = ? WHERE id = 1", ["Bea's", theirs]),
            )
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", exec_)
    window.articles.edit_properties()
    assert languages[1:] == [theirs] and len(boxes) == 1, (languages, boxes)
    now = window.desk.articles.article_metadata(1)
    assert (now.title, now.language) == ("Minister on jobs", theirs)


def test_a_language_the_box_does_not_list_is_kept_by_an_ok_that_left_it(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article saved with a language the desk has no rules for (another program's, a
    merged colleague's): the dialog showed the first language of its list instead, and
    an OK that changed only the title saved that language over it and offered to
    re-split the article in it."""
    another_program(window.desk, ("UPDATE articles SET language = 'pt' WHERE id = 1", []))
    shown: list[str] = []

    def type_title(dialog: ArticlePropertiesDialog) -> None:
        shown.append(dialog.language())
        dialog.title_edit.setText("Minister on jobs")

    opened_with(monkeypatch, ArticlePropertiesDialog, type_title, lambda: None)
    window.articles.edit_properties()
    now = window.desk.articles.article_metadata(1)
    assert (shown, now.title, now.language, boxes) == (["pt"], "Minister on jobs", "pt", [])


def test_refused_twice_the_dialog_back_shows_what_is_saved_the_second_time(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program saves again while the dialog is back after a refusal: the second
    refusal names its title, the dialog back shows its author (not the first one's),
    her OK then saves her title with that author, and Article Properties opened again
    shows that."""
    saves = [
        ["Bea's title", "Lois Lane", "fr"],
        ["Bea's second title", "Clark Kent", "es"],
    ]
    seen: list[tuple[str, str, str]] = []

    def exec_(dialog: ArticlePropertiesDialog) -> int:
        seen.append((dialog.title_edit.text(), dialog.author_edit.text(), dialog.language()))
        if len(seen) == 1:
            dialog.title_edit.setText("Minister on jobs")
        if len(seen) <= len(saves):
            statement = "UPDATE articles SET title = ?, author = ?, language = ? WHERE id = 1"
            another_program(window.desk, (statement, saves[len(seen) - 1]))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", exec_)
    window.articles.edit_properties()
    assert len(boxes) == 2 and "Bea's second title" in boxes[1], boxes
    assert seen[1:] == [
        ("Minister on jobs", "Lois Lane", "fr"),
        ("Minister on jobs", "Clark Kent", "es"),
    ]
    now = window.desk.articles.article_metadata(1)
    assert (now.title, now.author, now.language) == ("Minister on jobs", "Clark Kent", "es")
    reopened: list[tuple[str, str, str]] = []

    def look(dialog: ArticlePropertiesDialog) -> int:
        reopened.append((dialog.title_edit.text(), dialog.author_edit.text(), dialog.language()))
        return 0

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", look)
    window.articles.edit_properties()
    assert reopened == [("Minister on jobs", "Clark Kent", "es")]


@pytest.mark.parametrize(
    ("first", "second"),
    [("pt", "fr"), ("pt", "sw"), ("", "fr"), ("pt", "")],
)
def test_refused_twice_the_language_box_lists_only_what_is_saved_now(
    window: MainWindow,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    first: str,
    second: str,
) -> None:
    """Refused twice in a row, another program saving a language the box does not list
    the first time and another language the second: the box back after the second
    still listed the first one's "“pt” (as saved: …)" (or "Not known yet"), an entry
    for a language nothing had saved any more, which one slip of ↑ chose and OK saved.
    It lists the desk's languages and what is saved now, that one chosen."""
    listed: list[list[str]] = []

    def exec_(dialog: ArticlePropertiesDialog) -> int:
        box = dialog.language_box
        listed.append([str(box.itemData(row)) for row in range(box.count())])
        if len(listed) == 1:
            dialog.title_edit.setText("Minister on jobs")
        if len(listed) <= 2:
            theirs = first if len(listed) == 1 else second
            statement = "UPDATE articles SET title = ?, language = ? WHERE id = 1"
            another_program(window.desk, (statement, [f"Bea's title {len(listed)}", theirs]))
            dialog.accept()
            return int(dialog.result())
        assert dialog.language() == second
        return 0

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", exec_)
    window.articles.edit_properties()
    assert len(boxes) == 2, boxes
    listed_by_desk = [*SUPPORTED, UNDETERMINED]
    unlisted = [code for code in listed[2] if code not in listed_by_desk]
    assert unlisted == ([second] if second not in listed_by_desk else []), listed[2]
