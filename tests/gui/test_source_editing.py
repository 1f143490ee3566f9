"""Editing a linked source from the review panel: F2 or Edit… opens the link dialog as
Edit Source, filled with the link; Save changes it in one undo step; double-click and
Enter still open the source in the browser."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Source, SourceLink, Stance
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk, NewSource
from tests.gui.test_panel_and_dialogs import boxes_answered_in_turn, shown_dialog
from tests.services.merge_fixtures import article_titled, make_three_articles, open_as, sentence_ids

URL = "https://example.org/ganja-report"
OTHER = "https://example.org/statistics"

Editor = Callable[[LinkSourceDialog], int]


def two_links(window: MainWindow) -> list[int]:
    """The current sentence links two sources; the report is shared with the next one."""
    desk = window.desk
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    desk.sources.link_source(
        ids[0],
        NewSource(OTHER, title="Statistics", stance=Stance.CONTEXT, excerpt="population"),
    )
    desk.sources.link_source(
        ids[0],
        NewSource(
            URL,
            title="Report on Ganja",
            publisher="Amnsety",
            accessed=dt.date(2020, 10, 5),
            stance=Stance.SUPPORTS,
            excerpt="rokets hit Ganja",
        ),
    )
    desk.sources.link_source(ids[1], NewSource(URL, excerpt="a city"))
    window.select_sentence(ids[1])
    window.select_sentence(ids[0])
    window.sentence_view.setFocus()
    return ids


def choose_source(window: MainWindow, row: int) -> None:
    panel = window.panel
    panel.sources_view.setCurrentIndex(panel.sources_model.index(row))


def test_f2_edits_the_chosen_source_and_one_undo_takes_it_back(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = two_links(window)
    desk = window.desk
    choose_source(window, 1)
    seen: list[tuple[str, str, str]] = []

    def fix_typos(dialog: LinkSourceDialog) -> int:
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        seen.append((dialog.windowTitle(), ok.text(), dialog.note.text()))
        assert (dialog.url_edit.text(), dialog.title_edit.text()) == (URL, "Report on Ganja")
        assert dialog.publisher_edit.text() == "Amnsety"
        assert dialog.accessed_edit.text() == "2020-10-05"
        assert dialog.excerpt_edit.toPlainText() == "rokets hit Ganja"
        assert dialog.stance_box.currentData() == Stance.SUPPORTS.value
        assert not dialog.reuse_box.isVisibleTo(dialog)  # another source: another URL
        dialog.publisher_edit.setText("Amnesty")
        dialog.excerpt_edit.setPlainText("rockets hit Ganja")
        dialog.stance_box.setCurrentIndex(dialog.stance_box.findData(Stance.REFUTES.value))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LinkSourceDialog, "exec", fix_typos)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F2)
    assert seen == [
        (
            "Edit Source",
            "Save",
            "The title, publisher and accessed date are shared by 1 other sentence: changing "
            "them changes them there too. The stance and excerpt are this sentence's own.",
        )
    ]
    _statistics, report = desk.sources.links(ids[0])
    assert (report.source.publisher, report.excerpt, report.stance) == (
        "Amnesty",
        "rockets hit Ganja",
        Stance.REFUTES,
    )
    assert desk.sources.links(ids[1])[0].source.publisher == "Amnesty"  # shared
    assert desk.sources.links(ids[1])[0].excerpt == "a city"  # its own
    panel = window.panel
    assert panel.sources_model.data(panel.sources_model.index(1)) == (
        "[Refutes] Report on Ganja — Amnesty"
    )
    assert panel.sources_view.currentIndex().row() == 1  # F2 again: the same link
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert desk.sources.links(ids[0])[1].excerpt == "rokets hit Ganja"
    assert desk.sources.links(ids[1])[0].source.publisher == "Amnsety"
    assert panel.sources_model.data(panel.sources_model.index(1)).startswith("[Supports]")
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert desk.sources.links(ids[0])[1].excerpt == "rockets hit Ganja"
    assert desk.history.verify().ok


def test_the_edit_button_says_what_another_url_does_and_cancel_changes_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = two_links(window)
    desk = window.desk
    choose_source(window, 1)
    notes: list[str] = []

    def try_urls(dialog: LinkSourceDialog) -> int:
        dialog.url_edit.setText(OTHER)  # already in the workspace, and linked here
        notes.append(dialog.note.text())
        assert not dialog.title_edit.isEnabled()  # that source's own title stays
        dialog.url_edit.setText("https://example.org/ganja-report-2")
        assert dialog.title_edit.isEnabled()
        notes.append(dialog.note.text())
        dialog.url_edit.setText("not a url")
        notes.append(dialog.note.text())
        dialog.reject()  # typed text changed: asks first
        return 0

    asked: list[str] = []
    monkeypatch.setattr(LinkSourceDialog, "_drop_typed", lambda d: asked.append("?") or True)
    monkeypatch.setattr(LinkSourceDialog, "exec", try_urls)
    entries = desk.history.verify().entries
    button = window.panel.edit_source_button
    assert button.isEnabled() and button.text() == "Edit…"
    assert "(F2)" in button.toolTip()
    button.click()
    # It said the link would point at Statistics, which Save then refused.
    assert notes[0].startswith("That URL is already linked to this sentence as “Statistics”")
    assert notes[1] == (
        "A new URL makes a new source for this link, with the title, publisher and date "
        "above; the 1 other sentence keeps the old one."
    )
    assert notes[2].startswith("The title, publisher and accessed date are shared")
    assert asked == ["?"]
    assert desk.history.verify().entries == entries
    assert desk.sources.links(ids[0])[1].source.url == URL


def test_enter_and_double_click_still_open_the_source_and_f2_there_edits_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    two_links(window)
    opened: list[str] = []
    edited: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    monkeypatch.setattr(LinkSourceDialog, "exec", lambda d: edited.append(d.url_edit.text()) or 0)
    view = window.panel.sources_view
    view.setFocus()
    choose_source(window, 0)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == [OTHER] and edited == []
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert edited == [OTHER] and opened == [OTHER]


def test_a_source_no_program_opens_says_so_and_leaves_its_url_to_paste(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A locked-down machine with no browser set up: Enter on a source did nothing, and
    said nothing. (A read-only window has no Edit Source to copy the URL from.)"""
    from PySide6.QtGui import QDesktopServices, QGuiApplication

    two_links(window)
    asked: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: asked.append(url.toString()) or False
    )
    view = window.panel.sources_view
    view.setFocus()
    choose_source(window, 1)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert asked == [URL]
    said = window.statusBar().currentMessage()
    assert "No browser opened the source" in said and "Report on Ganja" in said
    assert "copied" in said
    assert QGuiApplication.clipboard().text() == URL  # to paste into a browser elsewhere
    assert window.focusWidget() is view  # the next key still goes to the list


def test_the_link_just_made_or_brought_back_is_the_one_f2_and_delete_take(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F2 after linking a source edited the first source, not the one just linked; Delete,
    Ctrl+Z then F2 (or Delete again) took the source left chosen, not the one brought
    back."""
    ids = two_links(window)
    view = window.panel.sources_view
    edited: list[str] = []
    monkeypatch.setattr(LinkSourceDialog, "exec", lambda d: edited.append(d.url_edit.text()) or 0)
    window.desk.sources.link_source(ids[0], NewSource("https://example.org/new", excerpt="new"))
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F2)
    assert edited == ["https://example.org/new"]

    view.setFocus()
    choose_source(window, 1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert URL not in [link.source.url for link in window.desk.sources.links(ids[0])]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.current_link().source.url == URL  # shown chosen
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert edited[-1] == URL
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # changed her mind again: the same one goes
    left = [link.source.url for link in window.desk.sources.links(ids[0])]
    assert left == [OTHER, "https://example.org/new"]

    # Another sentence's sources shown: none chosen for F2 but the first, as ever.
    window.select_sentence(ids[1])
    assert not view.currentIndex().isValid()


def test_an_accessed_date_left_blank_is_not_recorded_as_today(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The field says "blank: not recorded" (and a wrong date's reason, "leave it blank
    when it is not known"); a new link saved blank got today's date all the same, which
    went into the reports as the day the source was read."""
    sentence = window.current_sentence_id()
    assert sentence is not None

    def link_blank(dialog: LinkSourceDialog) -> int:
        assert dialog.accessed_edit.text() == dt.date.today().isoformat()  # offered
        dialog.url_edit.setText(URL)
        dialog.accessed_edit.clear()
        dialog.stance_box.setCurrentIndex(dialog.stance_box.findData(Stance.SUPPORTS.value))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LinkSourceDialog, "exec", link_blank)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    [link] = window.desk.sources.links(sentence)
    assert link.source.accessed is None


@pytest.mark.parametrize("blank", ["   ", "\n\t", "\u3000"])
def test_a_source_whose_title_is_blank_is_named_by_its_url(
    qtbot: QtBot, window: MainWindow, blank: str
) -> None:
    """A title of spaces or a line break (a colleague's file, an imported review keep
    titles as stored) listed the source as "[Supports]" alone: nothing said which it was,
    in the panel, the earlier verdicts, the Reuse box or a report."""
    from factcheck_app.domain.models import EarlierVerdict
    from factcheck_app.gui.earlier_verdicts import verdict_details
    from factcheck_app.services.reports.model import ReportSource

    sentence = window.current_sentence_id()
    desk = window.desk
    assert sentence is not None
    desk.sources.link_source(sentence, NewSource(URL, publisher="MFA", stance=Stance.SUPPORTS))
    # As a merge or an imported review keeps it.
    desk.workspace.db.execute("UPDATE sources SET title = ?", [blank])
    window.select_sentence(window.sentence_model.sentence_row(1).sentence.id)
    window.select_sentence(sentence)
    [link] = desk.sources.links(sentence)
    model = window.panel.sources_model
    assert model.data(model.index(0)) == f"[Supports] {URL} — MFA"
    found = desk.lookup.search("Ankara").hits[0].found
    details = verdict_details(EarlierVerdict(found, 1.0, (link,))).splitlines()
    assert f"Source (Supports): {URL}" in details
    dialog = LinkSourceDialog([link.source])
    assert dialog.reuse_box.itemText(1) == f"{URL} — MFA"
    report = ReportSource(URL, blank, "MFA", None, Stance.SUPPORTS, "")
    assert report.display_title == URL


def test_reuse_shows_a_source_with_no_accessed_date_as_not_known(qtbot: QtBot) -> None:
    """A source linked with its accessed date left blank (recorded as not known) chosen
    in Reuse showed the date the field held before, today's or another source's: the
    greyed field said the source was read on a day nobody recorded."""
    dated = Source(1, OTHER, "Statistics", "", dt.date(2020, 10, 5))
    undated = Source(2, URL, "Report on Ganja", "Amnesty", None)
    dialog = LinkSourceDialog([dated, undated], stance=Stance.SUPPORTS)
    shown_dialog(qtbot, dialog)
    shown = []
    for source in (undated, dated, undated):
        dialog.reuse_box.setCurrentIndex(dialog.reuse_box.findData(source))
        assert dialog.url_edit.text() == source.url
        shown.append(dialog.accessed_edit.text())
    assert shown == ["", "2020-10-05", ""]


def test_f2_on_a_sentence_without_sources_says_how_to_link_one(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(LinkSourceDialog, "exec", lambda d: pytest.fail("no dialog"))
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F2)
    assert "no sources to edit" in window.statusBar().currentMessage()
    assert "Ctrl+L" in window.statusBar().currentMessage()
    assert not window.panel.edit_source_button.isEnabled()


def test_a_read_only_window_offers_no_source_edit(
    seeded_desk: Desk, make_window: Callable[[Desk], MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    seeded_desk.sources.link_source(first, NewSource(URL))
    path = seeded_desk.path
    assert path is not None
    seeded_desk.close()
    window = make_window(Desk.open(path, read_only=True))
    window.select_sentence(first)
    assert not window.registry[ActionId.EDIT_SOURCE].isEnabled()
    assert not window.panel.edit_source_button.isEnabled()
    monkeypatch.setattr(LinkSourceDialog, "exec", lambda d: pytest.fail("no dialog"))
    window.edits.edit_source()
    assert "read-only" in window.statusBar().currentMessage()


def test_a_url_the_sentence_links_already_is_refused_in_place(qtbot: QtBot) -> None:
    link = SourceLink(7, 1, Source(3, URL, "Report"), Stance.SUPPORTS, "rockets")
    dialog = LinkSourceDialog(
        [link.source, Source(4, OTHER, "Statistics")],
        editing=link,
        taken_urls=frozenset({OTHER}),
    )
    shown_dialog(qtbot, dialog)
    assert dialog.note.text() == ""  # linked by this sentence only: nothing shared
    dialog.url_edit.setText(OTHER)
    dialog.excerpt_edit.setPlainText("rockets hit Ganja")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert "already linked to this sentence" in dialog.error_label.text()
    assert dialog.excerpt_edit.toPlainText() == "rockets hit Ganja"  # nothing lost
    dialog.url_edit.setText(URL + "/")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    new = dialog.new_source()
    assert (new.url, new.title, new.stance, new.excerpt) == (
        URL + "/",
        "Report",
        Stance.SUPPORTS,
        "rockets hit Ganja",
    )


def test_a_merge_leaves_the_chosen_source_chosen(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A merge that brings a colleague's link to the sentence shown leaves the source the
    reviewer chose chosen: it took the colleague's instead (as if just linked here), and
    the next Delete or F2 went to a link she had not chosen."""
    ana, edith = tmp_path / "ana.fcdesk", tmp_path / "edith.fcdesk"
    make_three_articles(ana, "Ana Ruiz", 0)
    shutil.copyfile(ana, edith)  # Ana's desk closed: the file is whole
    colleague = open_as(edith, "Edith Park")
    try:
        sentence = sentence_ids(colleague, article_titled(colleague, "bridge"))[0]
        colleague.sources.link_source(sentence, NewSource("https://example.org/edith"))
    finally:
        colleague.close()
    desk = open_as(ana, "Ana Ruiz")
    try:
        desk.sources.link_source(sentence, NewSource(OTHER, title="Statistics"))
        desk.sources.link_source(sentence, NewSource(URL, title="Report on Ganja"))
        window = make_window(desk)
        window.open_article(article_titled(desk, "bridge"), sentence)
        choose_source(window, 0)
        assert window.panel.current_link().source.url == OTHER
        monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)  # what the merge did
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(edith), ""))
        )
        with qtbot.waitSignal(window.merging.finished, timeout=20_000):
            window.registry[ActionId.MERGE_WORKSPACE].trigger()
        assert "https://example.org/edith" in [
            link.source.url for link in window.desk.sources.links(sentence)
        ]
        assert window.current_sentence_id() == sentence
        assert window.panel.current_link().source.url == OTHER  # still hers, chosen
    finally:
        desk.close()


def test_ctrl_c_in_the_sources_list_copies_the_chosen_sources_address(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Ctrl+C in the Sources list copied "[Supports] Report on Ganja — Amnsety": in a
    read-only window (a colleague's workspace, a backup) there was no key to get a source's
    URL but opening it. Now it copies the chosen source's URL, alone (to paste into a
    browser's address bar or a story), and says whose."""
    from PySide6.QtGui import QGuiApplication, QKeySequence

    first = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    seeded_desk.sources.link_source(first, NewSource(OTHER, title="Statistics"))
    seeded_desk.sources.link_source(
        first, NewSource(URL, title="Report on Ganja", publisher="Amnsety")
    )
    path = seeded_desk.path
    assert path is not None
    seeded_desk.close()
    window = make_window(Desk.open(path, read_only=True))
    window.select_sentence(first)
    view = window.panel.sources_view
    view.setFocus()
    choose_source(window, 1)
    QGuiApplication.clipboard().setText("before")
    copy = QKeySequence(QKeySequence.StandardKey.Copy)[0]
    qtbot.keyClick(view, copy.key(), copy.keyboardModifiers())
    assert QGuiApplication.clipboard().text() == URL
    assert window.statusBar().currentMessage() == "Copied the address of “Report on Ganja”."
    assert window.focusWidget() is view  # the next key still goes to the list
    choose_source(window, 0)
    qtbot.keyClick(view, copy.key(), copy.keyboardModifiers())
    assert QGuiApplication.clipboard().text() == OTHER


def test_undo_and_redo_of_a_removed_source_name_it(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Z after Delete in the Sources list said "Undone: Remove source." and the Edit
    menu "Undo Remove source", naming no source, where a link or an edit named its title:
    a stray Delete could not be told apart from the removal meant before it."""
    ids = two_links(window)
    view = window.panel.sources_view
    view.setFocus()
    choose_source(window, 1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    undo, redo = window.registry[ActionId.UNDO], window.registry[ActionId.REDO]
    assert undo.text() == "&Undo Remove source Report on Ganja"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Undone: Remove source Report on Ganja."
    assert URL in [link.source.url for link in window.desk.sources.links(ids[0])]
    assert redo.text() == "&Redo Remove source Report on Ganja"
    [latest, *_] = window.desk.history.of_sentence(ids[0])
    assert latest.what == "Undo: Remove source Report on Ganja"  # the history names it too


def test_a_file_on_the_computer_pasted_as_the_url_is_refused_as_one(qtbot: QtBot) -> None:
    """A court filing on the reviewer's disk pasted as the URL was told to "add https://
    in front (https:///home/ana/court-filing.pdf)": the dialog says what it lacks,
    keeping what was typed."""
    dialog = LinkSourceDialog([], stance=Stance.SUPPORTS)
    shown_dialog(qtbot, dialog)
    dialog.url_edit.setText("/home/ana/court-filing.pdf")
    dialog.excerpt_edit.setPlainText("the court found")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Rejected
    said = dialog.error_label.text()
    # A path from the root may be a page's address without its site too: said of both.
    assert said.startswith("“/home/ana/court-filing.pdf” has no site before it"), said
    assert "If it is a file on a computer, which nobody reading the report" in said, said
    assert "https:///" not in said
    assert dialog.focusWidget() is dialog.url_edit
    assert dialog.excerpt_edit.toPlainText() == "the court found"


def test_esc_after_choosing_a_stance_asks_first(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Esc in Edit Source after choosing Refutes for a source that supported (or in Link
    Source after choosing a stance the verdict did not give) closed the dialog and
    dropped the choice without a word, where Esc after typing asked first, as Article
    Properties asks after a language is chosen."""
    asked, answers = boxes_answered_in_turn(monkeypatch)
    link = SourceLink(7, 1, Source(3, URL, "Report"), Stance.SUPPORTS, "rockets")
    dialog = LinkSourceDialog([link.source], editing=link)
    shown_dialog(qtbot, dialog)
    box = dialog.stance_box
    box.setFocus()
    box.setCurrentIndex(box.findData(Stance.REFUTES.value))
    answers.append(QMessageBox.StandardButton.Cancel)  # "Keep Editing"
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert asked == ["Close without keeping what you typed or chose here?"]
    assert dialog.isVisible() and dialog.stance_box.currentData() == Stance.REFUTES.value
    box.setCurrentIndex(box.findData(Stance.SUPPORTS.value))  # chosen back: nothing to drop
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and len(asked) == 1

    new = LinkSourceDialog([], stance=None)  # a mixed verdict: the stance is hers to choose
    shown_dialog(qtbot, new)
    new.stance_box.setCurrentIndex(new.stance_box.findData(Stance.CONTEXT.value))
    answers.append(QMessageBox.StandardButton.Discard)
    qtbot.keyClick(new.url_edit, Qt.Key.Key_Escape)
    assert len(asked) == 2 and not new.isVisible()
    assert new.result() == QDialog.DialogCode.Rejected


def test_a_source_this_sentence_links_is_not_offered_again_and_said_when_typed(
    qtbot: QtBot,
) -> None:
    """Reuse offered the sources this sentence already links; chosen, the note under the
    fields said "this sentence links that source, with its title…", and only OK, after
    the excerpt was typed, said it was linked already. The Reuse box leaves them out,
    and a URL typed that this sentence links says so at once."""
    linked, other = Source(3, URL, "Report on Ganja"), Source(4, OTHER, "Statistics")
    dialog = LinkSourceDialog([linked, other], taken_urls=frozenset({URL}))
    shown_dialog(qtbot, dialog)
    box = dialog.reuse_box
    offered = [box.itemData(index) for index in range(box.count())]
    assert offered == [None, other]
    qtbot.keyClicks(dialog.url_edit, URL)
    assert dialog.note.isVisible()
    assert dialog.note.text() == (
        "That URL is already linked to this sentence as “Report on Ganja”: edit or remove "
        "that link instead."
    )
    dialog.url_edit.setText(OTHER)  # one of the workspace's, not linked here: linked as it is
    assert "this sentence links that source" in dialog.note.text()

    everything_linked = LinkSourceDialog([linked], taken_urls=frozenset({URL}))
    shown_dialog(qtbot, everything_linked)
    assert not everything_linked.reuse_box.isVisibleTo(everything_linked)  # nothing to reuse

    # Edit Source: another URL this sentence links is said at once too.
    link = SourceLink(7, 1, Source(5, "https://example.org/third", "Third"), Stance.SUPPORTS, "")
    editing = LinkSourceDialog(
        [linked, other, link.source], editing=link, taken_urls=frozenset({URL})
    )
    shown_dialog(qtbot, editing)
    editing.url_edit.setText(URL)
    assert editing.note.text().startswith("That URL is already linked to this sentence")
    editing.url_edit.setText(OTHER)  # the workspace's, not linked here: the link points there
    assert editing.note.text().startswith("That URL is already in the workspace as “Statistics”")


def test_delete_in_the_sources_list_says_which_source_went_and_how_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Delete in the Sources list (Tab there lands on it) took the chosen source away
    without a word: at 1024×640 the list shows a row and a half, so a stray Delete
    passed unseen. The status bar names it and the key that brings it back; a removal
    that takes an editor's approval says that instead, as any edit under one does."""
    from tests.gui.test_sign_off_withdrawn_said import approved_by_zoe

    ids = two_links(window)
    view = window.panel.sources_view
    view.setFocus()
    choose_source(window, 1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.statusBar().currentMessage() == (
        "Source removed (Ctrl+Z brings it back): “Report on Ganja”"
    )
    assert URL not in [link.source.url for link in window.desk.sources.links(ids[0])]

    window.desk.sources.link_source(ids[4], NewSource(OTHER, title="Statistics"))
    window.sentence_view.setFocus()
    assert approved_by_zoe(qtbot, window) == ids[4]  # its verdict, with that source
    view.setFocus()
    choose_source(window, 0)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    said = window.statusBar().currentMessage()
    assert "Zoë Ngata's approval" in said and "awaits sign-off again" in said, said


def test_ctrl_z_brings_it_back_is_not_left_over_the_next_edit(
    qtbot: QtBot, window: MainWindow
) -> None:
    """After Delete in the Sources list, a verdict given at once (the key next to hand)
    left "Source removed (Ctrl+Z brings it back)" in the status bar: Ctrl+Z, pressed as
    it said, took the verdict back, not the source. The line goes with the next edit, as
    "Article removed (Ctrl+Z brings it back)" does."""
    ids = two_links(window)
    view = window.panel.sources_view
    view.setFocus()
    choose_source(window, 1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    status = window.statusBar()
    assert status.currentMessage().startswith("Source removed (Ctrl+Z brings it back)")
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_5)
    assert window.desk.edits.undo_text() != "Remove source Report on Ganja"  # the verdict
    assert "brings it back" not in status.currentMessage(), status.currentMessage()
    assert URL not in [link.source.url for link in window.desk.sources.links(ids[0])]
