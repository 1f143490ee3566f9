"""The corners an editor reaches on day two: Article Properties, and the other dialogs
driven from the keyboard, carelessly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import ArticleMetadata, Source, Stance, Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.dialogs.help import ShortcutsDialog
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.dialogs.restore import RestoreBackupDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk, NewSource
from tests.conftest import SEED_FILE


def shown_properties(qtbot: QtBot, published: dt.date | None) -> ArticlePropertiesDialog:
    dialog = ArticlePropertiesDialog(ArticleMetadata(title="Ganja", published=published))
    qtbot.add_widget(dialog)
    dialog.show()
    dialog.activateWindow()
    QApplication.processEvents()
    return dialog


def type_date(qtbot: QtBot, dialog: ArticlePropertiesDialog, typed: str) -> None:
    """Select what the Published field holds and type over it, as a reviewer does."""
    dialog.date_edit.setFocus()
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.date_edit, typed)
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("2021-03-15", dt.date(2021, 3, 15)), ("2021-3-5", dt.date(2021, 3, 5))],
)
def test_a_publication_date_typed_over_the_old_one_is_the_one_saved(
    qtbot: QtBot, typed: str, meant: dt.date
) -> None:
    """A date editor's sections kept the old year: "2021-03-15" typed over 2020-10-04
    was saved as 2020-03-15, and went into the published report so."""
    dialog = shown_properties(qtbot, dt.date(2020, 10, 4))
    type_date(qtbot, dialog, typed)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.metadata().published == meant


@pytest.mark.parametrize("typed", ["2020-13-45", "2021-02-30", "15/03/2021", "last Sunday"])
def test_a_publication_date_that_is_no_date_is_refused_in_words(qtbot: QtBot, typed: str) -> None:
    """A mistyped date became another date without a word (2020-13-45 saved as
    2020-01-04); now it is refused in the dialog, with everything typed kept."""
    dialog = shown_properties(qtbot, dt.date(2020, 10, 4))
    dialog.title_edit.setText("Shelling of Ganja")
    type_date(qtbot, dialog, typed)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.error_label.isHidden()
    assert "YYYY-MM-DD" in dialog.error_label.text()
    assert dialog.date_edit.text() == typed and dialog.date_edit.hasFocus()
    assert dialog.title_edit.text() == "Shelling of Ganja"


def test_a_publication_date_in_the_future_is_questioned_once_then_kept(
    qtbot: QtBot,
) -> None:
    """A slip of the year (2062 for 2026) was saved, and the reports said the article was
    published in 2062: the first Enter stops on the date, saying today's. But a desk
    checks pieces before they run: tomorrow's date, pressed again, is kept (it was refused
    for good, with no way to record an embargoed piece's date). A future date stored
    before (an import's) is kept while other fields are edited."""
    today = dt.date.today()
    typed = today.replace(year=today.year + 36, day=min(today.day, 28)).isoformat()
    dialog = shown_properties(qtbot, dt.date(2020, 10, 4))
    type_date(qtbot, dialog, typed)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.text() == (
        f"{typed} is in the future (this computer's clock says today is {today}): Enter "
        "again keeps it, for a piece not yet published."
    )
    assert dialog.date_edit.text() == typed and dialog.date_edit.hasFocus()
    type_date(qtbot, dialog, today.isoformat())  # today is no slip
    assert dialog.result() == QDialog.DialogCode.Accepted

    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    scheduled = shown_properties(qtbot, dt.date(2020, 10, 4))
    type_date(qtbot, scheduled, tomorrow)
    assert scheduled.result() != QDialog.DialogCode.Accepted
    qtbot.keyClick(scheduled.date_edit, Qt.Key.Key_Return)  # yes, that date
    assert scheduled.result() == QDialog.DialogCode.Accepted
    assert scheduled.metadata().published == today + dt.timedelta(days=1)

    changed = shown_properties(qtbot, dt.date(2020, 10, 4))  # asked of each date typed
    type_date(qtbot, changed, tomorrow)
    type_date(qtbot, changed, typed)
    assert changed.result() != QDialog.DialogCode.Accepted

    stored = shown_properties(qtbot, dt.date.fromisoformat(typed))
    stored.title_edit.setFocus()
    qtbot.keyClick(stored.title_edit, Qt.Key.Key_Return)
    assert stored.result() == QDialog.DialogCode.Accepted


def test_an_unknown_publication_date_stays_unknown_and_can_be_given(qtbot: QtBot) -> None:
    dialog = shown_properties(qtbot, None)
    assert not dialog.date_edit.isEnabled()
    assert dialog.metadata().published is None
    dialog.has_date.setChecked(True)
    type_date(qtbot, dialog, "2020-10-04")
    assert dialog.metadata().published == dt.date(2020, 10, 4)


def test_the_typed_publication_date_is_what_the_article_keeps(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    def edit(dialog: ArticlePropertiesDialog) -> int:
        dialog.show()  # as exec() does, so that Enter reaches the OK button
        dialog.activateWindow()
        type_date(qtbot, dialog, "2021-03-15")
        return int(dialog.result())

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", edit)
    window.registry[ActionId.ARTICLE_PROPERTIES].trigger()
    assert window.desk.articles.article_metadata(1).published == dt.date(2021, 3, 15)


@pytest.fixture
def export_dialog(qtbot: QtBot, seeded_desk: Desk) -> ExportDialog:
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_export_path(qtbot: QtBot, dialog: ExportDialog, path: Path) -> None:
    dialog.path_edit.setFocus()
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.path_edit, str(path))


def test_a_typed_export_name_stays_when_the_format_is_changed(
    qtbot: QtBot, export_dialog: ExportDialog, tmp_path: Path
) -> None:
    """Choosing the format after typing the name put the offered name back
    (factcheck-1-ankara-….pdf): the report went out under a name nobody chose."""
    type_export_path(qtbot, export_dialog, tmp_path / "ganja-check.html")
    export_dialog.set_format("pdf")
    assert export_dialog.path_edit.text() == str(tmp_path / "ganja-check.pdf")
    export_dialog.set_format("claimreview")
    assert export_dialog.path_edit.text() == str(tmp_path / "ganja-check.jsonld")
    export_dialog.set_format("summary-csv")
    assert export_dialog.path_edit.text() == str(tmp_path / "ganja-check.csv")


def test_the_offered_export_name_still_follows_the_format(
    export_dialog: ExportDialog,
) -> None:
    offered = Path(export_dialog.path_edit.text())
    assert offered.name.startswith("factcheck-1-") and offered.suffix == ".html"
    export_dialog.set_format("md")
    assert Path(export_dialog.path_edit.text()) == offered.with_suffix(".md")
    export_dialog.set_format("summary-html")
    assert Path(export_dialog.path_edit.text()).name.startswith("summary-")


def test_a_refusal_goes_once_the_format_or_the_name_is_fixed(
    qtbot: QtBot, export_dialog: ExportDialog, tmp_path: Path
) -> None:
    """ "rep.json ends in .json but the format chosen is HTML report" stayed under the
    preview after JSON was chosen, while the next question was asked."""
    type_export_path(qtbot, export_dialog, tmp_path / "rep.json")
    qtbot.keyClick(export_dialog.path_edit, Qt.Key.Key_Return)
    assert "ends in .json" in export_dialog.status_label.text()
    export_dialog.set_format("json")
    assert export_dialog.status_label.text() == ""
    assert export_dialog.path_edit.text() == str(tmp_path / "rep.json")
    type_export_path(qtbot, export_dialog, tmp_path / "rep.md")
    qtbot.keyClick(export_dialog.path_edit, Qt.Key.Key_Return)
    assert "ends in .md" in export_dialog.status_label.text()
    qtbot.keyClick(export_dialog.path_edit, Qt.Key.Key_Backspace)  # the reviewer starts fixing
    assert export_dialog.status_label.text() == ""


def test_after_a_restore_the_status_bar_says_how_to_take_it_back(
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_window: Callable[[Desk], MainWindow],
) -> None:
    """Enter in Restore from Backup replaced the day's work at once, and what was said
    after ended "…kept as /home/…/w-backups/w-2026120" at 1024 px: Ctrl+Z did nothing,
    and nothing said the work was one restore away."""
    path = tmp_path / "w.fcdesk"
    made = Desk.open(path)
    made.importer.import_file(SEED_FILE)
    made.close()
    window = make_window(Desk.open(path))
    window.resize(1024, 640)
    sid = window.current_sentence_id()
    assert sid is not None
    window.desk.upkeep.backup_now()
    window.desk.reviews.set_tag(sid, Tag.FACT)  # the day's work the restore replaces
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: 1)  # Enter: the newest
    window.workspace.restore_from_backup()
    assert window.desk.reviews.review(sid).tag is None
    status = window.statusBar()
    said = status.currentMessage()
    assert said.startswith("Restored the backup of ")
    assert "File → Restore from Backup" in said and "“before a restore”" in said
    room = status.width() - window.progress_label.sizeHint().width() - 24  # grip, margins
    assert status.fontMetrics().horizontalAdvance(said) <= room
    # Done as said, the work is back.
    offered: list[str] = []

    def take_back(dialog: RestoreBackupDialog) -> int:
        rows = [dialog.list.item(row).text() for row in range(dialog.list.count())]
        offered.extend(rows)
        dialog.list.setCurrentRow(next(i for i, t in enumerate(rows) if "before a restore" in t))
        return 1

    monkeypatch.setattr(RestoreBackupDialog, "exec", take_back)
    window.workspace.restore_from_backup()
    assert sum("(before a restore)" in row for row in offered) == 1
    assert window.desk.reviews.review(sid).tag is Tag.FACT


def test_ctrl_z_after_a_restore_says_why_there_is_nothing_to_undo(
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_window: Callable[[Desk], MainWindow],
) -> None:
    """Ctrl+Z right after Restore from Backup did nothing and said nothing. The edits made
    before the restore are not the restored file's to take back (undone on it, they would
    write the version the reviewer turned away from over the one they chose), so Ctrl+Z
    still takes none back: it says why, and the way back from the restore."""
    path = tmp_path / "w.fcdesk"
    made = Desk.open(path)
    made.importer.import_file(SEED_FILE)
    made.close()
    window = make_window(Desk.open(path))
    window.resize(1024, 640)
    view = window.sentence_view
    sid = window.current_sentence_id()
    assert sid is not None
    window.desk.upkeep.backup_now()
    qtbot.keyClick(view, Qt.Key.Key_F)  # the day's work the restore replaces
    assert window.desk.reviews.review(sid).tag is Tag.FACT
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: 1)  # Enter: the newest
    window.workspace.restore_from_backup()
    assert window.desk.reviews.review(sid).tag is None
    status = window.statusBar()
    said: list[str] = []
    status.messageChanged.connect(lambda text: text and said.append(text))
    status.clearMessage()
    ctrl_z = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    view.setFocus()
    qtbot.keyClick(view, *ctrl_z)
    told = (
        "Nothing to undo: the workspace was just restored from a backup. "
        "File → Restore from Backup, “before a restore”, takes it back."
    )
    assert said == [told]
    assert window.desk.reviews.review(sid).tag is None  # nothing taken back
    room = status.width() - window.progress_label.sizeHint().width() - 24  # grip, margins
    assert status.fontMetrics().horizontalAdvance(told) <= room
    # An edit made since is undone as any is; then Ctrl+Z says why again.
    qtbot.keyClick(view, Qt.Key.Key_C)
    assert window.desk.reviews.review(sid).tag is Tag.CLAIM
    said.clear()
    qtbot.keyClick(view, *ctrl_z)
    assert window.desk.reviews.review(sid).tag is None
    assert said and said[0].startswith("Undone")
    said.clear()
    qtbot.keyClick(view, *ctrl_z)
    assert said == [told]
    # Ctrl+Z in a text field is the field's own undo, told nothing.
    claimant = window.panel.claimant_edit
    claimant.setFocus()
    qtbot.keyClicks(claimant, "Baku")
    said.clear()
    qtbot.keyClick(claimant, *ctrl_z)
    assert claimant.text() == "" and told not in said


def test_linking_a_url_the_workspace_has_says_its_source_is_linked_as_it_is(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The URL of a source another sentence cites, typed again with a new title: the
    title typed was dropped without a word, and the panel showed the old one."""
    desk = window.desk
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
    desk.sources.link_source(
        ids[0],
        NewSource(url="https://example.org/report", title="Ministry report", stance=Stance.REFUTES),
    )
    window.select_sentence(ids[2])
    seen: list[tuple[str, bool, bool]] = []

    def link(dialog: LinkSourceDialog) -> int:
        dialog.show()
        qtbot.keyClicks(dialog.url_edit, "https://example.org/report")
        seen.append(
            (dialog.note.text(), dialog.note.isVisibleTo(dialog), dialog.title_edit.isEnabled())
        )
        dialog.stance_box.setCurrentIndex(dialog.stance_box.findData(Stance.CONTEXT.value))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LinkSourceDialog, "exec", link)
    window.registry[ActionId.LINK_SOURCE].trigger()
    [(note, shown, title_editable)] = seen
    assert "already in the workspace as “Ministry report”" in note and shown
    assert not title_editable  # what is typed there would not be used
    [linked] = desk.sources.links(ids[2])
    assert linked.source.title == "Ministry report" and linked.stance is Stance.CONTEXT


def test_a_new_url_in_link_source_says_nothing_and_takes_the_title(qtbot: QtBot) -> None:
    known = [Source(1, "https://example.org/report", "Ministry report", "", None)]
    dialog = LinkSourceDialog(known, sentence="The city has 450,000 residents.")
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.url_edit, "https://example.org/other")
    assert not dialog.note.isVisibleTo(dialog) and dialog.title_edit.isEnabled()
    dialog.url_edit.clear()
    qtbot.keyClicks(dialog.url_edit, "https://example.org/report")
    assert dialog.note.isVisibleTo(dialog) and not dialog.title_edit.isEnabled()
    qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Backspace)  # another URL again
    assert not dialog.note.isVisibleTo(dialog) and dialog.title_edit.isEnabled()


def test_f1_finds_the_menu_commands_that_have_no_key(qtbot: QtBot, window: MainWindow) -> None:
    """F1, "merge": only Merge with Next Sentence; "restore", "backup": nothing. A
    newcomer looking for Merge Workspace or Restore from Backup concluded there was none."""
    dialog = ShortcutsDialog(window)
    qtbot.add_widget(dialog)
    keys = {row.action: (row.keys, row.where) for row in dialog.rows}
    assert keys["Merge Workspace"] == ("Alt+F, G", "File menu")
    assert keys["Restore from Backup"] == ("Alt+F, T", "File menu")
    assert keys["Agreement"][0].startswith("Alt+R, ")  # in the Review menu
    assert "Open Workspace" not in keys or keys["Open Workspace"][0] == "Ctrl+Shift+O"
    qtbot.keyClicks(dialog.find_edit, "merge")
    assert set(dialog.visible_actions()) == {"Merge with Next Sentence", "Merge Workspace"}
    dialog.find_edit.clear()
    qtbot.keyClicks(dialog.find_edit, "back")
    assert set(dialog.visible_actions()) >= {"Back Up Now", "Restore from Backup"}
    # Each is reached by the letters of its menu, then its own.
    menu_items = [row for row in dialog.rows if " menu" in row.where]
    assert len(menu_items) >= 10
    assert all(row.keys.startswith("Alt+") and ", " in row.keys for row in menu_items)


def shown_tip(qtbot: QtBot, text: str, over: QWidget) -> QWidget:
    """The tooltip label Qt shows for `text` (a model's ToolTipRole), once it is up."""
    QToolTip.showText(QPoint(10, 10), text, over)
    qtbot.waitUntil(QToolTip.isVisible)
    [tip] = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel")]
    return tip


def test_a_long_excerpts_tooltip_fits_on_the_screen(qtbot: QtBot, window: MainWindow) -> None:
    """A source linked with a 50,000-character excerpt: hovering it in the Sources list
    put up a tooltip 7,700 px tall, over the whole screen and past its edges."""
    desk = window.desk
    sid = window.current_sentence_id()
    assert sid is not None
    excerpt = ("The ministry said the figures were wrong. " * 1200)[:50_000]
    desk.sources.link_source(
        sid,
        NewSource(
            url="https://example.org/a", title="Long", stance=Stance.SUPPORTS, excerpt=excerpt
        ),
    )
    window.select_sentence(sid)
    model = window.panel.sources_model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    text = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "https://example.org/a" in text and "The ministry said the figures" in text
    tip = shown_tip(qtbot, text, window.panel)
    screen = window.screen().availableGeometry()
    assert tip.height() <= screen.height() // 2 and tip.width() <= screen.width()
    QToolTip.hideText()


def edit_properties(
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[ArticlePropertiesDialog], None],
) -> None:
    def edit(dialog: ArticlePropertiesDialog) -> int:
        change(dialog)
        return 1

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", edit)
    window.registry[ActionId.ARTICLE_PROPERTIES].trigger()


def test_ctrl_z_takes_back_an_article_properties_edit(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Article Properties was the one edit Ctrl+Z did not cover: a title typed over by
    mistake, or a date changed, could only be typed back from memory."""
    before = window.desk.articles.article_metadata(1)

    def mistype(dialog: ArticlePropertiesDialog) -> None:
        dialog.title_edit.setText("x")
        dialog.date_edit.setText("2021-03-15")

    edit_properties(window, monkeypatch, mistype)
    assert window.windowTitle().startswith("x — ")
    assert window.registry[ActionId.UNDO].isEnabled()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.desk.articles.article_metadata(1) == before
    assert window.statusBar().currentMessage() == "Undone: Edit article properties."
    assert window.windowTitle().startswith(before.title[:40])
    shown = window.article_model.data(window.article_model.index(0, 0))
    assert shown.startswith(before.title[:40])
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    after = window.desk.articles.article_metadata(1)
    assert (after.title, after.published) == ("x", dt.date(2021, 3, 15))
    assert window.windowTitle().startswith("x — ")


def test_a_title_cleared_in_article_properties_is_the_first_sentence_again(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A title emptied (Ctrl+A, Delete, Enter) left the article a blank line in the
    article list, the window title " — w.fcdesk — …", and reports with no headline."""
    before = window.desk.articles.article_metadata(1)
    edit_properties(window, monkeypatch, lambda dialog: dialog.title_edit.setText("   "))
    title = window.desk.articles.article_metadata(1).title
    assert title == before.title and title.startswith("Ankara, Baku")
    assert window.windowTitle().startswith("Ankara, Baku")
