"""Article and typed text shown outside the article view, the sentence list and the
panel's heading (test_hostile_text_display.py): search results, earlier verdicts, a
sentence's sources, the versions of a conflict, the history, the editor's return note,
and every tooltip. A right-to-left override (U+202E), embedding (U+202B) or isolate
(U+2067) in a sentence, a claimant, an explanation, a source's title or URL or a note
showed the words after it reversed there ("Police said ‮.deid elpoep 04" read "Police
said 40 people died."); each shows its text in the stored order, and a line break or an
endless run in a one-line cell stays one line."""

from __future__ import annotations

import datetime as dt
import types

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from factcheck_app.domain.agreement import Agreement
from factcheck_app.domain.history import next_entry
from factcheck_app.domain.history_words import changes
from factcheck_app.domain.models import (
    EarlierVerdict,
    FoundSentence,
    Review,
    SearchHit,
    Sentence,
    SentenceRow,
    Source,
    SourceLink,
    Stance,
    Tag,
)
from factcheck_app.gui import workspace_opener
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.agreement_panel import DisagreementModel
from factcheck_app.gui.conflict_view import ConflictView, VersionsModel
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.dialogs.return_note import ReturnNoteDialog
from factcheck_app.gui.dialogs.split import SplitSentenceDialog
from factcheck_app.gui.earlier_verdicts import EarlierVerdictsBox
from factcheck_app.gui.history_panel import SentenceHistoryModel
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import SourceLinkModel, plain_tooltip
from factcheck_app.gui.search_models import EarlierVerdictModel, SearchResultModel
from factcheck_app.services.agreement import Disagreement, PairResult
from factcheck_app.services.desk import NewSource
from factcheck_app.services.history import HistoryItem
from factcheck_app.services.session import UnconfirmedEdit
from tests.gui.conftest import press

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
SENTENCE = "Police said \u202e.deid elpoep 04 and \u202bthe army\u202c denied \u2067it\u2069."
CLAIMANT = "Mr \u202eyrotcoD\nof Baku"
EXPLANATION = "The count \u202b is 04\u202c, see the list."
TITLE = "Budget \u202etxt.exe"
ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
)


def without_controls(text: str) -> str:
    """What a reader should see of `text`: its characters in the stored order."""
    return text.translate(dict.fromkeys(map(ord, CONTROLS + "\u200b")))


def shown(value: object) -> str:
    """A role's text as the reader gets it (a tooltip's HTML as its plain text)."""
    text = str(value or "")
    return QTextDocumentFragment.fromHtml(text).toPlainText() if text.startswith("<") else text


def reverses_nothing(text: str) -> bool:
    return not any(c in text for c in CONTROLS)


def found_sentence() -> FoundSentence:
    review = Review(
        1, Tag.CLAIM, "false", claimant=CLAIMANT, explanation=EXPLANATION, reviewer="Bo\u202eb"
    )
    return FoundSentence(SentenceRow(Sentence(1, 1, 0, len(SENTENCE), 0, SENTENCE), review), TITLE)


def source_link() -> SourceLink:
    source = Source(1, "https://example.org/\u202efdp.exe", "Report \u2067on\u2069 it", "Pub\u202b")
    return SourceLink(1, 1, source, Stance.SUPPORTS, "an \u202eexcerpt")


@pytest.mark.parametrize("model_class", [SearchResultModel, EarlierVerdictModel])
def test_found_sentences_show_their_words_in_the_stored_order(
    qtmodeltester: ModelTester, model_class: type[SearchResultModel]
) -> None:
    found = found_sentence()
    item = (
        SearchHit(found, ("Sentence", "Claimant"))
        if model_class is SearchResultModel
        else EarlierVerdict(found, 0.9, (source_link(),))
    )
    model = model_class()
    model.set_items([item], "police")  # type: ignore[list-item]
    qtmodeltester.check(model)
    for column in range(model.columnCount()):
        for role in ROLES:
            text = shown(model.index(0, column).data(role))
            assert reverses_nothing(text), (column, role, text)
    sentence_cell = model.index(0, 1).data(Qt.ItemDataRole.DisplayRole)
    assert without_controls(sentence_cell) == without_controls(SENTENCE)
    claimant_cell = model.index(0, 4).data(Qt.ItemDataRole.DisplayRole)
    assert claimant_cell.replace("\u200b", "") == "Mr yrotcoD of Baku"  # one line
    assert model.index(0, 5).data(Qt.ItemDataRole.DisplayRole) == "Budget txt.exe"
    spans = model.index(0, 1).data(model.HighlightRole)
    assert [sentence_cell[a:b] for a, b in spans] == ["Police"]


def test_an_earlier_verdict_is_two_lines_whatever_its_claimant_holds() -> None:
    model = EarlierVerdictModel()
    model.set_items([EarlierVerdict(found_sentence(), 0.9, ())])
    summary = model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    assert len(summary.split("\n")) == 2  # "90 % alike · … · claimant", then the sentence


def test_an_earlier_verdicts_details_tooltip_is_plain_text_in_stored_order(
    qtbot: QtBot,
) -> None:
    box = EarlierVerdictsBox()
    qtbot.add_widget(box)
    found = found_sentence()
    found.row.review.explanation = "Counted <b>twice</b>: " + EXPLANATION
    box.show_verdicts([EarlierVerdict(found, 0.9, (source_link(),))])
    tip = box.details.toolTip()
    assert reverses_nothing(shown(tip))
    assert "Why: Counted <b>twice</b>:" in shown(tip)  # as typed, not in bold


def test_a_sentences_sources_show_title_and_url_in_the_stored_order() -> None:
    model = SourceLinkModel()
    model.set_links([source_link()])
    cell = model.index(0).data(Qt.ItemDataRole.DisplayRole)
    assert reverses_nothing(cell)
    assert without_controls(cell) == "[Supports] Report on it — Pub"
    tip = shown(model.index(0).data(Qt.ItemDataRole.ToolTipRole))
    assert reverses_nothing(tip) and "https://example.org/fdp.exe" in without_controls(tip)


def test_a_conflicts_versions_show_their_words_in_the_stored_order(qtbot: QtBot) -> None:
    review = Review(
        1,
        Tag.CLAIM,
        "false",
        claimant=CLAIMANT,
        explanation=EXPLANATION + "\n" + "x" * 100_000,
        reviewer="Bo\u202eb",
        updated_at="2026-12-03T09:12:00+00:00",
    )
    model = VersionsModel()
    model.set_versions([review, Review(1, Tag.CLAIM, "true", reviewer="Ana")])
    for column in range(model.columnCount()):
        for role in ROLES[:2]:
            assert reverses_nothing(shown(model.index(0, column).data(role))), (column, role)
    assert "\n" not in model.index(0, 3).data(Qt.ItemDataRole.DisplayRole)
    view = ConflictView()
    qtbot.add_widget(view)
    view.show_versions(1, model.versions())
    view.table.selectRow(0)
    details = view.details.toPlainText()
    assert reverses_nothing(details) and "Claimant: Mr yrotcoD" in without_controls(details)


def test_a_history_line_shows_a_typed_value_in_the_stored_order() -> None:
    entry = next_entry(
        None,
        at="2026-12-03T09:12:00+00:00",
        reviewer="Eve",
        action="do",
        article_id=1,
        sentence_id=1,
        before={"claimant": ""},
        after={"claimant": CLAIMANT},
        description="Set claimant",
    )
    said = changes({"claimant": ""}, {"claimant": CLAIMANT})
    model = SentenceHistoryModel()
    model.set_items([HistoryItem(entry, "Set claimant", tuple(said))])
    for role in ROLES[:2]:
        text = shown(model.index(0).data(role))
        assert reverses_nothing(text) and "Mr yrotcoD of Baku" in without_controls(text)


def test_tooltips_show_text_in_the_stored_order() -> None:
    # Every tooltip of article or typed text goes through plain_tooltip: the panel's
    # heading, the suggestion, the article list, the sign-off line.
    assert shown(plain_tooltip(SENTENCE)).replace("\u200b", "") == without_controls(SENTENCE)


def test_the_return_note_in_the_status_bar_reverses_nothing_after_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    ids = [r.sentence.id for r in window.desk.reviews.sentence_rows(1)]
    window.desk.edits.actor = "Mariam Petrosyan"
    window.select_sentence(ids[4])
    press(qtbot, window, "c", "2")
    window.desk.edits.actor = "Kim Editor"
    window.desk.sign_offs.send_back(ids[4], "The figure is \u202e.71 ton")
    window.statusBar().clearMessage()
    press(qtbot, window, "j", "k")
    message = window.statusBar().currentMessage()
    assert "Returned by Kim Editor" in message and reverses_nothing(message)
    assert "The figure is .71 ton" in without_controls(message)


def test_a_search_hits_title_of_megabytes_is_one_short_cell() -> None:
    found = FoundSentence(found_sentence().row, "Title " + "x" * 100_000 + "\nmore")
    model = SearchResultModel()
    model.set_items([SearchHit(found, ("Sentence",))])
    cell = model.index(0, 5).data(Qt.ItemDataRole.DisplayRole)
    assert "\n" not in cell and len(cell) <= 300


def test_the_dialogs_quoting_a_sentence_show_it_in_the_stored_order(qtbot: QtBot) -> None:
    """The editor returning a verdict, and the reviewer splitting a sentence, read the
    sentence in the dialog: a reversed "04" there is a wrong decision."""
    returning = ReturnNoteDialog(SENTENCE, "Bo\u202eb Ngata")
    splitting = SplitSentenceDialog(
        SENTENCE, "The \u202eyrotciv.", has_review=True, has_sources=False
    )
    for dialog in (returning, splitting):
        qtbot.add_widget(dialog)
        said = "\n".join(label.text() for label in dialog.findChildren(QLabel))
        assert reverses_nothing(said), said
        assert ".deid elpoep 04" in said
    assert "What should Bob Ngata look at again?" in said_of(returning)


def said_of(dialog: QWidget) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_the_sources_offered_for_reuse_are_named_in_the_stored_order(qtbot: QtBot) -> None:
    link = source_link()
    long = Source(2, "https://example.org/long", "Long " + "word " * 20_000, "Pub")
    dialog = LinkSourceDialog([link.source, long], sentence="The mayor said it fell.")
    qtbot.add_widget(dialog)
    offered = [dialog.reuse_box.itemText(i) for i in range(dialog.reuse_box.count())]
    assert reverses_nothing("".join(offered))
    assert without_controls(offered[1]) == "Report on it — Pub"
    dialog.show()
    qtbot.waitExposed(dialog)
    # The dialog was as wide as the longest title: 524,309 px for this one.
    assert dialog.width() <= dialog.screen().availableGeometry().width()


def test_the_edits_after_a_crash_name_their_article_in_the_stored_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    told: list[str] = []
    monkeypatch.setattr(workspace_opener, "inform", lambda _parent, _title, text: told.append(text))
    edits = [UnconfirmedEdit(dt.datetime(2026, 12, 3, 14, 5, tzinfo=dt.UTC), "Tag", TITLE, 3)]
    desk = types.SimpleNamespace(
        unconfirmed_edits_described=lambda: edits,
        copied_while_open=False,
        cut_short_imports=[],
        cut_short_merge="",
        unclosed_without_wal=False,
        path=None,
    )
    workspace_opener.tell_unconfirmed(None, desk)  # type: ignore[arg-type]
    [text] = told
    assert reverses_nothing(text) and "sentence 3 of “Budget txt.exe”" in text


def test_the_agreement_panels_disagreements_show_the_sentence_in_the_stored_order() -> None:
    both = Agreement(1, 0.0, None)
    row = Disagreement(1, 1, 3, SENTENCE, "Tag", ("Claim", "Nothing to check"))
    model = DisagreementModel()
    model.set_disagreements(PairResult(("Ana", "Bob"), both, both, (row,)), {1: "Budget"})
    for column in range(model.columnCount()):
        for role in ROLES[:2]:
            assert reverses_nothing(shown(model.index(0, column).data(role)))


def test_an_edit_named_by_its_sources_title_keeps_the_menu_and_history_short(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Undo and Redo, their status line and the history name a source link by its title:
    one of pages made the Edit menu 709,734 px wide, and its override reversed the menu
    item and the history line."""
    sentence = window.desk.reviews.sentence_rows(1)[0].sentence.id
    window.select_sentence(sentence)
    title = "Hospital \u202eport 41 list " + "x" * 100_000
    new = NewSource(url="https://example.org/list", title=title, stance=Stance.SUPPORTS)
    window.edits.show_change(window.desk.sources.link_source(sentence, new))
    window.edits.update_undo_actions()
    undo = window.registry[ActionId.UNDO].text()
    assert undo.startswith("&Undo Link source Hospital port 41 list") and len(undo) < 200
    menu = next(a.menu() for a in window.menuBar().actions() if "Edit" in a.text())
    assert menu.sizeHint().width() <= window.screen().availableGeometry().width()
    history = SentenceHistoryModel()
    history.set_items(window.desk.history.of_sentence(sentence))
    head = history.index(0).data(Qt.ItemDataRole.DisplayRole).split("\n")[0]
    assert reverses_nothing(head) and "Link source Hospital port 41 list" in head
    assert len(head) < 200
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    said = window.statusBar().currentMessage()
    assert said.startswith("Undone: Link source Hospital port 41 list") and len(said) < 200
