"""The window under a newsroom's display settings: a dark desktop theme (Fusion with a dark
palette), a large font, and a screen reader. Every text stays readable (contrast of at
least 4.5 against what it is drawn on, WCAG's AA for body text) and every control says
what it is."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QFont,
    QImage,
    QPalette,
    QScreen,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocumentFragment,
    QTextFormat,
    QTextFragment,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyleFactory,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from factcheck_app.domain.assist.article import language_note
from factcheck_app.domain.assist.classification import Analysis, cue_analysis
from factcheck_app.domain.assist.languages import CUES
from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.models import Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.agreement_panel import AgreementPanel
from factcheck_app.gui.colours import contrast
from factcheck_app.gui.conflict_view import ConflictView
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.dialogs.form_parts import ErrorLabel
from factcheck_app.gui.dialogs.help import ShortcutsDialog
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.dialogs.reviewer_name import ReviewerNameDialog
from factcheck_app.gui.fixed_lines import FixedLinesText
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import SentenceColumn
from factcheck_app.gui.review_panel import HINT_MOST_LINES
from factcheck_app.services import settings
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports import formats
from tests.gui.conftest import press
from tests.gui.dark_theme import dark_palette, paint_dark
from tests.gui.test_accessible_names import focus_not_shown, unnamed_controls
from tests.gui.test_assist_in_window import wait_for_suggestions
from tests.gui.test_search_in_window import search_for
from tests.gui.test_small_screen_keyboard import menus_within
from tests.sample_review import apply_sample_review

READABLE = 4.5


def drawn_contrast(widget: QWidget, within: QWidget | None = None, *, inset: int = 0) -> float:
    """The contrast of the text `within` (default: all of `widget`, less `inset` pixels at
    its edges, e.g. a button's frame) as `widget` paints it: its most common colour is the
    background, the colour farthest from it the text."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    area = QRect(0, 0, image.width(), image.height()).adjusted(inset, inset, -inset, -inset)
    if within is not None:
        area = QRect(within.mapTo(widget, within.rect().topLeft()), within.size())
        ratio = image.width() / max(1, widget.width())
        area = QRect(
            int(area.x() * ratio),
            int(area.y() * ratio),
            int(area.width() * ratio),
            int(area.height() * ratio),
        )
    pixels = Counter(
        image.pixel(x, y)
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    )
    background = QColor(pixels.most_common(1)[0][0])
    return max(contrast(background, QColor(pixel)) for pixel in pixels)


@pytest.fixture
def dark_desktop() -> Iterator[QPalette]:
    """Fusion with a dark palette, as a dark desktop theme gives, for one test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), QPalette(app.palette())
    app.setStyle(QStyleFactory.create("Fusion"))
    dark = dark_palette()
    app.setPalette(dark)
    yield dark
    app.setStyle(QStyleFactory.create(style))
    app.setPalette(palette)


def test_the_welcome_note_is_readable_on_a_dark_desktop(
    dark_desktop: QPalette, window: MainWindow
) -> None:
    """The welcome's words were drawn in the theme's white on the note's pale blue."""
    window.show_welcome(sample=True)
    QApplication.processEvents()
    note = window.welcome
    assert drawn_contrast(note, note.label) >= READABLE


def test_the_workspace_strip_is_readable_on_a_dark_desktop(
    dark_desktop: QPalette, window: MainWindow
) -> None:
    """Why the workspace is read-only was white on the banner's pale yellow."""
    banner = window.workspace_strip
    banner._label.setText("Another program is changing this workspace.")
    banner.show()
    QApplication.processEvents()
    assert drawn_contrast(banner, banner._label) >= READABLE


def test_a_refused_entry_is_readable_on_a_dark_desktop(
    dark_desktop: QPalette, qtbot: QtBot
) -> None:
    """Why a source link (a date, a URL) was refused was dark red on dark grey (2.2)."""
    dialog = QDialog()
    qtbot.add_widget(dialog)
    field = QLineEdit(dialog)
    error = ErrorLabel(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(field)
    layout.addWidget(error)
    dialog.show()
    error.refuse("Only http:// and https:// links can be linked.", field)
    QApplication.processEvents()
    assert drawn_contrast(dialog, error) >= READABLE


def test_typed_text_not_saved_is_said_readably_on_a_dark_desktop(
    dark_desktop: QPalette, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Typed text is NOT saved yet' (a full disk) was dark red on dark grey (2.0)."""
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: 0)
    db = window.desk.workspace.db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    panel = window.panel
    panel.explanation_edit.setFocus()
    panel.explanation_edit.setPlainText("x" * 100_000)
    window.sentence_view.setFocus()  # leaving the field tries to save: the disk is full
    QApplication.processEvents()
    assert panel.unsaved_label.isVisibleTo(panel)
    assert drawn_contrast(panel, panel.unsaved_label) >= READABLE
    db.execute(f"PRAGMA max_page_count = {pages * 1000}")
    panel.flush_pending_text()


def test_export_problems_and_failures_are_readable_on_a_dark_desktop(
    dark_desktop: QPalette, qtbot: QtBot, seeded_desk: Desk
) -> None:
    """A ClaimReview export's errors and warnings, and a failed export, were dark red and
    dark brown on dark grey (1.9 and 1.4)."""
    settings.set_setting(seeded_desk, settings.FACTCHECK_URL_PATTERN, "")
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_format("claimreview")
    QApplication.processEvents()
    assert "Error" in dialog.problems_label.text()
    assert drawn_contrast(dialog, dialog.problems_label) >= READABLE
    dialog._show_status("Could not write the file: disk full", error=True)
    QApplication.processEvents()
    assert drawn_contrast(dialog, dialog.status_label) >= READABLE


def _has_own_background(block: QTextBlock, fragment: QTextFragment) -> bool:
    """Words on a label chip or shaded cell, not on the page itself."""
    background = QTextFormat.Property.BackgroundBrush
    if fragment.charFormat().hasProperty(background) or block.blockFormat().hasProperty(background):
        return True
    cursor = QTextCursor(block)
    cursor.setPosition(fragment.position())
    table = cursor.currentTable()
    if table is not None:
        cell = table.cellAt(cursor)
        if cell.isValid() and cell.format().hasProperty(background):
            return True
    frame = cursor.currentFrame()
    return frame is not None and frame.frameFormat().hasProperty(background)


def _preview_text_colours(dialog: ExportDialog) -> dict[str, str]:
    """Each colour the preview draws words in (on the page, not on a label chip): a sample."""
    page_text = dialog.preview.viewport().palette().color(QPalette.ColorRole.Text)
    colours: dict[str, str] = {}
    block = dialog.preview.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            form = fragment.charFormat()
            words = fragment.text()
            if any(c.isalnum() for c in words) and not _has_own_background(block, fragment):
                explicit = form.hasProperty(QTextFormat.Property.ForegroundBrush)
                colour = form.foreground().color() if explicit else page_text
                colours.setdefault(colour.name(), words[:40])
            fragments += 1
        block = block.next()
    return colours


@pytest.mark.parametrize("key", ["html", "pdf"])
def test_the_report_preview_is_readable_on_a_dark_desktop(
    dark_desktop: QPalette, qtbot: QtBot, seeded_desk: Desk, key: str
) -> None:
    """The report's headings ("AT A GLANCE"), meant for a white page, were near black on
    the dark theme's near black preview."""
    apply_sample_review(seeded_desk, 1)
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    dialog.set_format(key)
    QApplication.processEvents()
    page = dialog.preview.viewport().palette().color(QPalette.ColorRole.Base)
    colours = _preview_text_colours(dialog)
    assert len(colours) > 3
    for colour, words in colours.items():
        assert contrast(QColor(colour), page) >= READABLE, (colour, words)


def _spoken(widget: QWidget) -> tuple[str, str]:
    """What a screen reader says a widget is: its label (its accessible name, or for a
    combo box, whose name is its value on Linux, the label it is labelled by) and its
    description."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    name = interface.text(QAccessible.Text.Name)
    if isinstance(widget, QComboBox):
        labels = interface.relations(QAccessible.Relation.Label)
        name = labels[0][0].text(QAccessible.Text.Name).replace("&", "") if labels else ""
    return name, interface.text(QAccessible.Text.Description)


def test_a_screen_reader_hears_what_each_control_is(window: MainWindow) -> None:
    """The sentence list, the article text, the article list, the sources list and the
    search results had no name at all; the tag buttons were "Claim", "None" with no word
    of what they do or their key."""
    panel = window.panel
    window.search.open_search()
    search = window.search_panel
    expected = {
        window.sentence_view: "Sentences",
        window.article_view: "Article text",
        window.article_list: "Articles",
        window.filter_box: "Show",
        panel.verdict_box: "Verdict",
        panel.status_box: "Status",
        panel.denies_box: "Denies",
        panel.claimant_edit: "Claimant",
        panel.explanation_edit: "Explanation",
        panel.sources_view: "Sources",
        search.query_edit: "Find",
        search.scope_box: "Look in",
        search.view: "Search results",
    }
    for widget, name in expected.items():
        assert _spoken(widget)[0] == name, widget.objectName()
    for widget in (window.sentence_view, window.article_view):
        assert _spoken(widget)[1], widget.objectName()  # and how to work it
    for button in panel.tag_group.buttons():
        name, description = _spoken(button)
        assert name.startswith("Tag") and button.text() in name
        assert description  # the key that does it


def _cut_cells(view: QTableView, columns: tuple[int, ...]) -> list[tuple[int, int, str]]:
    """(row, column, words) of each cell in `columns` whose words end in "…" on screen."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    metrics = view.fontMetrics()
    model = view.model()
    return [
        (row, column, words)
        for row in range(model.rowCount())
        for column in columns
        if (words := model.data(model.index(row, column)) or "")
        and metrics.horizontalAdvance(words) + 2 * margin > view.columnWidth(column)
    ]


LABEL_COLUMNS = (SentenceColumn.TAG, SentenceColumn.VERDICT, SentenceColumn.STATUS)


def test_tags_verdicts_and_statuses_show_whole_in_a_large_font(
    large_font: QFont, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """With a 16 pt font the list showed "Cl…", "Mostly…" (true or false?) and "Needs…"
    however wide the window (here full HD): its columns had widths in pixels made for a
    9 pt font."""
    apply_sample_review(seeded_desk, 1)
    window = make_window(seeded_desk)
    window.resize(1920, 1080)
    window.open_article(1)
    QApplication.processEvents()
    assert _cut_cells(window.sentence_view, LABEL_COLUMNS) == []


def test_a_label_cut_in_a_narrow_list_can_still_be_read(
    large_font: QFont, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """At 1024×640 with a large font the columns must give way to the sentence; what they
    cut short is then in the cell's tooltip and what a screen reader reads."""
    apply_sample_review(seeded_desk, 1)
    window = make_window(seeded_desk)
    window.resize(1024, 640)
    window.open_article(1)
    QApplication.processEvents()
    view = window.sentence_view
    model = view.model()
    cut = _cut_cells(view, LABEL_COLUMNS)
    assert cut  # the case this test is about
    for row, column, words in cut:
        index = model.index(row, column)
        # In full there ("Second look" is the list's word for "Needs second look").
        said = words.removesuffix("?").lower()
        assert said in model.data(index, Qt.ItemDataRole.ToolTipRole).lower()
        assert said in model.data(index, Qt.ItemDataRole.AccessibleTextRole).lower()


def test_a_suggested_tag_is_read_out_as_a_suggestion(qtbot: QtBot, window: MainWindow) -> None:
    """A screen reader read the faint "Claim?" of a suggestion as "Claim question mark"."""
    wait_for_suggestions(qtbot, window)
    model = window.sentence_model
    for row in range(model.rowCount()):
        index = model.index(row, SentenceColumn.TAG)
        shown = model.data(index) or ""
        if shown.endswith("?"):
            spoken = model.data(index, Qt.ItemDataRole.AccessibleTextRole)
            assert spoken == f"Suggested: {shown.removesuffix('?')}"
            return
    pytest.fail("no suggestion shown")


@pytest.fixture(params=["light", "dark"])
def desktop(request: pytest.FixtureRequest) -> Iterator[str]:
    """Fusion with its own light palette, or with a dark one."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), QPalette(app.palette())
    fusion = QStyleFactory.create("Fusion")
    app.setStyle(fusion)
    chosen = QPalette(fusion.standardPalette())
    if request.param == "dark":
        paint_dark(chosen)
    app.setPalette(chosen)
    yield request.param
    app.setStyle(QStyleFactory.create(style))
    app.setPalette(palette)


def test_the_suggestion_and_its_reasons_are_readable(
    desktop: str, qtbot: QtBot, window: MainWindow
) -> None:
    """The panel's suggestion line ("Suggested: Denial (90 %) — …") was drawn in the
    theme's placeholder grey: 3.9 against the light theme's window."""
    wait_for_suggestions(qtbot, window)
    window.select_sentence(window.sentence_model.sentence_row(3).sentence.id)
    QApplication.processEvents()
    hint = window.panel.hint_label
    assert hint.text().startswith("Suggested:")
    assert drawn_contrast(window.panel, hint) >= READABLE


def test_a_suggested_tag_in_the_list_is_readable(
    desktop: str, qtbot: QtBot, window: MainWindow
) -> None:
    """The list's faint "Claim?" was #8a8a8a: 3.4 on the light theme's white."""
    wait_for_suggestions(qtbot, window)
    model = window.sentence_model
    index = model.index(3, SentenceColumn.TAG)
    assert model.data(index) == "Claim?"
    ink = model.data(index, Qt.ItemDataRole.ForegroundRole).color()
    paper = window.sentence_view.palette().color(QPalette.ColorRole.Base)
    assert contrast(ink, paper) >= READABLE
    text = window.sentence_view.palette().color(QPalette.ColorRole.Text)
    assert ink != text  # still told apart from a tag the reviewer gave


SIXTY_WORDS = " ".join(
    ["Azerbaijan's prosecutor general said on Monday that Armenian shelling of Ganja"] * 6
)


def _cut_short(dialog: QDialog) -> list[str]:
    """The dialog's labels shorter than their wrapped text, and text fields of under two
    lines: what the reviewer cannot read or type into at this size."""
    problems = []
    for label in dialog.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.text():
            needed = label.heightForWidth(label.contentsRect().width())
            if label.height() < needed:
                problems.append(f"{label.text()[:30]!r}: {label.height()} < {needed}")
    for edit in dialog.findChildren(QPlainTextEdit):
        lines = edit.viewport().height() // edit.fontMetrics().lineSpacing()
        if edit.isVisible() and lines < 2:
            problems.append(f"{edit.objectName()}: {lines} line")
    return problems


def test_the_link_source_dialog_shows_everything_with_a_large_font(
    large_font: QFont, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 16 pt the dialog kept its 520×420 pixels: a long sentence was cut at the top and
    bottom, the Excerpt field squeezed to one line, and a refusal's reason had no room."""
    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    dialog = LinkSourceDialog([], sentence=SIXTY_WORDS)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.url_edit.setText("ftp://example.org/report")
    dialog.accept()  # refused: the reason shows under the fields
    QApplication.processEvents()
    assert dialog.error_label.isVisible()
    assert _cut_short(dialog) == []
    assert dialog.height() <= room.height() - 60 and dialog.width() <= room.width() - 40


@pytest.mark.parametrize("every_article", [False, True])
def test_the_export_dialog_s_fields_keep_their_height_in_claimreview_with_a_large_font(
    large_font: QFont,
    qtbot: QtBot,
    seeded_desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
    every_article: bool,
) -> None:
    """At 16 pt on 1024×640, ClaimReview's three more fields and its two findings did not
    fit: the fields were squeezed to 22 px of their 32 (the typed text cut at the top and
    bottom) while the preview kept 160 px and an empty line waited for the progress. The
    preview gives way first, and the progress line takes room only with something in it."""
    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    settings.set_setting(seeded_desk, settings.FACTCHECK_URL_PATTERN, "")
    seeded_desk.importer.import_text("Second story\n\nThe council said 4 million on Monday.")
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_format("claimreview")
    dialog.all_articles_button.setChecked(every_article)
    qtbot.waitUntil(lambda: "Error" in dialog.problems_label.text())
    QApplication.processEvents()
    squeezed = [
        (field.objectName(), field.height(), field.minimumSizeHint().height())
        for field in dialog.findChildren(QWidget)
        if isinstance(field, (QLineEdit, QComboBox))
        and field.isVisible()
        and field.height() < field.minimumSizeHint().height()
    ]
    assert squeezed == []
    assert _cut_short(dialog) == []
    assert dialog.height() <= room.height() - 60


def test_every_articles_claimreview_end_fits_the_screen_whole_with_a_large_font(
    large_font: QFont,
    qtbot: QtBot,
    seeded_desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """At 16 pt on 1024×640, ClaimReview for *All articles* with its settings filled in:
    the preview's label ("…, and those without errors written into the folder") made the
    dialog 1035 px wide, past the screen's edge; and when most articles were refused, the
    end's list was cut after two of them, "… and 2 other articles (see the log file)."
    not shown. The label wraps, and the end's list takes the preview's room."""
    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    settings.set_setting(seeded_desk, settings.PUBLISHER_NAME, "Example News")
    pattern = "https://example.org/checks/{slug}#claim-{number}"
    settings.set_setting(seeded_desk, settings.FACTCHECK_URL_PATTERN, pattern)
    title = '=HYPERLINK("http://evil","x") <script>alert(1)</script> \u202eevil ' * 3
    for number in range(6):  # a verdict to publish, each refused by the folder below
        article = seeded_desk.importer.import_text(f"{title}\n\nThe council said {number}.")
        first = seeded_desk.reviews.sentence_rows(article.article_id)[-1].sentence.id
        seeded_desk.reviews.set_tag(first, Tag.CLAIM)
        seeded_desk.reviews.set_verdict(first, "false")

    def refused(*_args: object, **_more: object) -> None:
        # Articles with nothing to publish yet are one note now, not refusals: these are
        # refused as a folder refuses a file, each with its error in the end's list.
        raise FactcheckError("The folder said no to this file, as a network share may.")

    monkeypatch.setattr(formats, "write_report", refused)
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_format("claimreview")
    dialog.all_articles_button.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "reports"))
    QApplication.processEvents()
    assert dialog.width() <= room.width()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.export_failed, timeout=60_000):
        dialog.export_button.click()  # "Create Folder?" answered Yes
    qtbot.waitUntil(lambda: not dialog.running)
    QApplication.processEvents()
    said = dialog.status_label.text()
    assert said.endswith("… and 4 other articles (see the log file).")
    assert _cut_short(dialog) == []
    assert dialog.width() <= room.width() and dialog.height() <= room.height() - 30
    # Changing anything brings the preview back.
    dialog.set_format("html")
    assert dialog.preview.isVisible()


def test_the_first_question_keeps_its_words_whole_when_a_name_is_refused(
    qtbot: QtBot,
) -> None:
    """The first thing the desk asks, "Who are you?": OK with the name cleared said why
    under the fields, in a dialog no taller than before, and the three lines above them
    were squeezed into the room of two and a half, their tops and tails cut off."""
    dialog = ReviewerNameDialog("Ana Ruiz", "AR", first_start=True)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert _cut_short(dialog) == []
    dialog.name_edit.clear()
    dialog.accept()  # refused: the reason shows under the fields
    QApplication.processEvents()
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert _cut_short(dialog) == []


def test_the_agreement_panel_fits_a_full_hd_laptop_at_200_percent(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1920×1080 laptop at 200 % gives 960×540: the panel kept 820×520, leaving 20 px
    for its title bar, and its Close button went below the screen's edge."""
    room = QRect(0, 0, 960, 540)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    panel = AgreementPanel(window)
    qtbot.add_widget(panel)
    # Room left for the window's title bar and frame, as the other dialogs leave.
    assert panel.height() <= room.height() - 60
    assert panel.width() <= room.width() - 40


def _background(widget: QWidget) -> QColor:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    return QColor(pixels.most_common(1)[0][0])


def test_the_sentences_tag_shows_on_its_button(desktop: str, window: MainWindow) -> None:
    """Which tag the sentence has showed only as a shade darker button: 1.2 against the
    others on a dark theme, 1.5 on a light one (a state needs 3, WCAG's non-text
    contrast), and its words must stay readable on it."""
    window.select_sentence(window.sentence_model.sentence_row(0).sentence.id)
    window.edits.set_tag(Tag.CLAIM)
    QApplication.processEvents()
    buttons = {button.text(): button for button in window.panel.tag_group.buttons()}
    assert buttons["Claim"].isChecked() and not buttons["Denial"].isChecked()
    assert contrast(_background(buttons["Claim"]), _background(buttons["Denial"])) >= 3
    for button in buttons.values():
        assert drawn_contrast(button) >= READABLE, button.text()


def test_the_focused_tag_button_shows_its_focus(desktop: str, window: MainWindow) -> None:
    """Tab from the list onto the tag buttons: the focus must show, whether the button
    it lands on is the sentence's tag or not."""
    window.select_sentence(window.sentence_model.sentence_row(0).sentence.id)
    window.edits.set_tag(Tag.CLAIM)
    QApplication.processEvents()
    for button in window.panel.tag_group.buttons()[:2]:
        before = button.grab().toImage()
        button.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        after = button.grab().toImage()
        changed = [
            contrast(QColor(before.pixel(x, y)), QColor(after.pixel(x, y)))
            for x in range(before.width())
            for y in range(before.height())
            if before.pixel(x, y) != after.pixel(x, y)
        ]
        assert changed and max(changed) >= 3, button.text()
        window.sentence_view.setFocus()
        QApplication.processEvents()


def test_the_lists_order_note_is_readable(desktop: str, window: MainWindow) -> None:
    """'In article order' / 'Most check-worthy first' beside the Show box was drawn as a
    disabled label, in the theme's disabled grey: 1.6 on the light theme's window."""
    window.resize(1280, 800)
    QApplication.processEvents()
    note = window.order_label
    assert note.isVisible() and note.text()
    assert drawn_contrast(window.centralWidget(), note) >= READABLE


NON_TEXT = 3.0  # WCAG's contrast for what marks a state (1.4.11)


def test_the_current_sentence_stands_out_in_the_article_text(
    desktop: str, qtbot: QtBot, window: MainWindow
) -> None:
    """The current sentence was marked by a pale tint alone, 1.4 against the page on
    either theme: on a washed-out laptop screen one could not tell where it began."""
    press(qtbot, window, "j")
    row = window.current_row()
    assert row is not None
    view = window.article_view
    (marked,) = view.extraSelections()
    assert (marked.cursor.selectionStart(), marked.cursor.selectionEnd()) == (
        row.sentence.start,
        row.sentence.end,
    )
    page = view.palette().color(QPalette.ColorRole.Base)
    underline = marked.format.underlineStyle()
    assert underline != QTextCharFormat.UnderlineStyle.NoUnderline
    assert contrast(marked.format.underlineColor(), page) >= NON_TEXT


def test_the_agreement_panels_note_is_readable(
    desktop: str, qtbot: QtBot, window: MainWindow
) -> None:
    """What agreement and kappa measure was drawn as a disabled label: 1.6 on a light
    theme, 3.1 on a dark one."""
    panel = AgreementPanel(window)
    qtbot.add_widget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    assert "Kappa" in panel.note.text()
    assert drawn_contrast(panel, panel.note) >= READABLE


def test_the_welcome_shows_all_its_keys_at_1024x640_with_a_large_font(
    large_font: QFont, window: MainWindow
) -> None:
    """At 1024×640 with a 16 pt font the welcome, squeezed above the article text, showed
    its first lines only: the verdict keys, Ctrl+L, N and F1 were cut off."""
    window.resize(1024, 640)
    window.show_welcome(sample=True)
    QApplication.processEvents()
    label = window.welcome.label
    assert label.height() >= label.heightForWidth(label.width())
    assert window.article_view.height() >= 4 * window.article_view.fontMetrics().lineSpacing()


def test_the_key_sheet_shows_where_each_key_works_with_a_large_font(
    large_font: QFont, qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F1 at 16 pt on a 1024×640 screen kept its 720 px: "Works in" showed "Sente…" and
    "Anywh…", the rest behind a sideways scroll bar."""
    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    dialog = ShortcutsDialog(window)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.view
    needed = sum(view.sizeHintForColumn(column) for column in range(3))
    assert needed <= view.viewport().width()
    assert dialog.width() <= room.width() - 40 and dialog.height() <= room.height() - 60


@pytest.fixture
def switch_to_dark() -> Iterator[Callable[[], None]]:
    """Fusion's light palette now; the returned call turns the desktop dark, as a theme
    switched while the desk runs does (Qt 6 follows the system's colour scheme)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), QPalette(app.palette())
    fusion = QStyleFactory.create("Fusion")
    app.setStyle(fusion)
    app.setPalette(fusion.standardPalette())

    def switch() -> None:
        dark = QPalette(fusion.standardPalette())
        paint_dark(dark)
        app.setPalette(dark)
        QApplication.processEvents()

    yield switch
    app.setStyle(QStyleFactory.create(style))
    app.setPalette(palette)


def test_faint_notes_and_the_tag_follow_a_theme_switched_to_dark(
    switch_to_dark: Callable[[], None], qtbot: QtBot, window: MainWindow
) -> None:
    """Colours made readable for the light theme the desk started in must be made again
    when the desktop turns dark while it runs."""
    wait_for_suggestions(qtbot, window)
    window.select_sentence(window.sentence_model.sentence_row(3).sentence.id)
    window.resize(1280, 800)
    switch_to_dark()
    panel = window.panel
    assert panel.hint_label.text().startswith("Suggested:")
    assert drawn_contrast(panel, panel.hint_label) >= READABLE
    assert drawn_contrast(window.centralWidget(), window.order_label) >= READABLE
    for button in panel.tag_group.buttons():
        assert drawn_contrast(button) >= READABLE, button.text()


def test_a_font_made_larger_while_the_desk_runs_is_not_cut(window: MainWindow) -> None:
    """A desktop's font set to 16 pt while the desk runs (KDE applies it at once): the
    sentence heading and the list's rows kept the height of the old font's lines, and
    cut the new one's."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = QFont(app.font())
    large = QFont(old)
    large.setPointSize(16)
    try:
        app.setFont(large)
        QApplication.processEvents()
        heading = window.panel.heading
        lines = heading.fontMetrics().lineSpacing()
        assert heading.height() >= 4 * lines
        view = window.sentence_view
        assert view.verticalHeader().defaultSectionSize() >= view.fontMetrics().height()
    finally:
        app.setFont(old)


def test_a_font_made_larger_while_the_desk_runs_widens_the_review_panel(
    window: MainWindow, qtbot: QtBot
) -> None:
    """16 pt set while the desk ran at 1024×640: the review panel kept the width of the
    old font's controls, so its right side (the None button, the end of every field) was
    cut off, with no way to scroll to it."""
    window.resize(1024, 640)
    QApplication.processEvents()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = QFont(app.font())
    large = QFont(old)
    large.setPointSize(16)
    scroll, panel = window.panel_scroll, window.panel
    needed = panel.minimumSizeHint().width()
    try:
        app.setFont(large)
        qtbot.waitUntil(lambda: panel.minimumSizeHint().width() > needed)  # laid out anew
        qtbot.waitUntil(lambda: scroll.viewport().width() >= panel.minimumSizeHint().width())
        [none] = [
            button for button in panel.tag_group.buttons() if button.text() == "Nothing to check"
        ]
        right = none.mapTo(scroll.viewport(), none.rect().topRight()).x()
        assert right < scroll.viewport().width()
        assert scroll.mapTo(window, scroll.rect().topRight()).x() < window.width()
    finally:
        app.setFont(old)


def test_every_control_takes_a_font_made_larger_while_the_desk_runs(
    window: MainWindow, qtbot: QtBot
) -> None:
    """16 pt set while the desk ran: everything grew but the tag buttons, the sentence's
    hint and save state, the order note and the review count in the status bar, which
    kept the old small font (each has a style sheet, and Qt leaves such a widget's font
    as it was when the sheet was set)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = QFont(app.font())
    large = QFont(old)
    large.setPointSize(16)
    window.welcome.show()  # as on a first start
    window.workspace_strip.show()  # as beside another desk
    try:
        app.setFont(large)
        QApplication.processEvents()
        kept_old = sorted(
            widget.objectName() or type(widget).__name__
            for widget in window.findChildren(QWidget)
            if widget.isVisible() and widget.font().pointSize() != 16
        )
        assert kept_old == []
    finally:
        app.setFont(old)


def test_a_screen_reader_names_the_conflicting_versions(qtbot: QtBot) -> None:
    """The table of reviewers' versions of a sentence in conflict had no name."""
    view = ConflictView()
    qtbot.add_widget(view)
    assert _spoken(view.table)[0] == "Reviewers' versions"


def test_searching_at_1024x640_with_a_large_font_keeps_the_panel_in_the_window(
    large_font: QFont, window: MainWindow
) -> None:
    """Ctrl+F at 1024×640 with a 16 pt font: the search's one row of controls needed
    650 px, the window's content grew wider than the window, the review panel's right
    side (the None button, the end of every field) went past its edge, and the find
    field was left 70 px, a few letters of what was typed."""
    window.resize(1024, 640)
    QApplication.processEvents()
    panel = search_for(window, "Ganja")
    QApplication.processEvents()
    scroll = window.panel_scroll
    right = scroll.mapTo(window, scroll.rect().topRight()).x()
    assert right < window.width()
    field = panel.query_edit
    assert field.width() >= 15 * field.fontMetrics().averageCharWidth()


def test_a_search_result_cut_short_can_still_be_read(
    large_font: QFont, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """At 1024×640 with a 16 pt font the results' columns show "F…", "C…", "Unv…": the
    tooltip gave the sentence, article and claimant, but not where the words were found,
    the tag or the verdict."""
    apply_sample_review(seeded_desk, 1)
    window = make_window(seeded_desk)
    window.resize(1024, 640)
    panel = search_for(window, "Ganja")
    QApplication.processEvents()
    view = panel.view
    model = view.model()
    columns = tuple(range(model.columnCount()))
    cut = _cut_cells(view, columns)
    assert cut
    for row, column, words in cut:
        index = model.index(row, column)
        tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
        plain = " ".join(QTextDocumentFragment.fromHtml(tip).toPlainText().split())
        assert " ".join(words.strip("…").split()) in plain, (column, words)


def test_tag_buttons_look_off_in_a_read_only_workspace(desktop: str, window: MainWindow) -> None:
    """Styled, the tag buttons kept their text colour when turned off (a read-only
    workspace): they looked as clickable as ever."""
    window.select_sentence(window.sentence_model.sentence_row(0).sentence.id)
    QApplication.processEvents()
    denial = next(b for b in window.panel.tag_group.buttons() if b.text() == "Denial")
    assert not denial.isChecked()
    on = drawn_contrast(denial, inset=4)  # the words, not the frame
    window.panel.set_editable(False)
    QApplication.processEvents()
    assert not denial.isEnabled()
    assert drawn_contrast(denial, inset=4) < on / 2


def test_every_menu_fits_a_1024x640_screen_with_a_large_font(
    large_font: QFont, seeded_desk: Desk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 16 pt the Review menu was 778 px tall: on a 640 px screen Qt broke it into two
    columns as wide as the screen, over the whole window, with Go To's submenu at the
    screen's right edge. Whatever items the menus have, each fits below the menu bar in
    one column."""
    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    window = MainWindow(seeded_desk)
    qtbot.add_widget(window)
    menus = [m for a in window.menuBar().actions() for m in menus_within(a.menu())]
    assert len(menus) > 4  # the submenus too
    for menu in menus:
        items = [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        assert menu.sizeHint().height() <= 0.85 * room.height(), menu.title()
        columns = {menu.actionGeometry(action).x() for action in items}
        assert len(columns) <= 1, menu.title()
    # Cancel Import, Cancel Check and Cancel Index Rebuild show only while theirs runs.
    cancel = window.registry[ActionId.CANCEL_IMPORT]
    assert not cancel.isVisible()
    cancel.setEnabled(True)  # as an import starts
    assert cancel.isVisible() and cancel in window.menuBar().actions()[0].menu().actions()
    assert window.menuBar().actions()[0].menu().sizeHint().height() <= 0.85 * room.height()


def _shown_whole(lines: FixedLinesText) -> bool:
    """The widget's text is all on screen: its painted lines hold every word, none cut."""
    shown = lines.shown_lines()
    painted = lines.height() >= len(shown) * lines.fontMetrics().lineSpacing()
    # Compared without spaces: a line may end at a hyphen ("second-" / "largest").
    return painted and "".join("".join(shown).split()) == "".join(lines.text().split())


def test_the_suggestion_lines_show_whole_at_1024x640_with_a_large_font(
    large_font: QFont, qtbot: QtBot, window: MainWindow
) -> None:
    """At 16 pt the panel's suggestion (its reason, the claimant, a denial's "answers #N",
    an article's language note) and "Worth checking" lines ended in "…": the rest was in
    the tooltip only, which the keyboard never opens. They take the lines they need."""
    window.resize(1024, 640)
    QApplication.processEvents()
    wait_for_suggestions(qtbot, window)
    panel, model = window.panel, window.sentence_model
    for row in range(model.rowCount()):
        window.select_sentence(model.sentence_row(row).sentence.id)
        QApplication.processEvents()
        for lines in (panel.hint_label, panel.worth_label):
            assert lines.text() and _shown_whole(lines), (row, lines.shown_lines())
            assert _spoken(lines)[0] == lines.text()  # whole to a screen reader too
    # The longest: a denial's, with the note an article outside English carries.
    denial = model.suggestion(model.sentence_row(5).sentence.id)
    assert denial is not None and denial.suggestion.tag is Tag.DENIAL
    note = language_note("xx")
    with_note = dataclasses.replace(denial.suggestion, note=note)
    panel.show_hint(dataclasses.replace(denial, suggestion=with_note))
    QApplication.processEvents()
    assert "answers #" in panel.hint_label.text() and note in panel.hint_label.text()
    assert _shown_whole(panel.hint_label), panel.hint_label.shown_lines()


def test_every_dialog_fits_a_1024x640_screen_with_a_large_font(
    large_font: QFont,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 16 pt on a 1024×640 screen each dialog opened from the window, the Check
    Workspace report too, keeps within the screen (room left for its title bar), with its
    buttons inside it: none grows past 640 px with its OK below the screen's edge."""
    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    apply_sample_review(seeded_desk, 1)
    seeded_desk.upkeep.backup_now()
    window = make_window(seeded_desk)
    window.open_article(1, seeded_desk.reviews.sentence_rows(1)[1].sentence.id)
    seeded_desk.edits.actor = "Zoë Ngata"  # an editor: Return Verdict opens its dialog
    sizes: dict[str, tuple[int, int]] = {}

    def measure(dialog: QDialog) -> int:
        dialog.show()
        QApplication.processEvents()
        name = dialog.objectName() or type(dialog).__name__
        sizes[name] = (dialog.width(), dialog.height())
        for button in dialog.findChildren(QPushButton):
            if button.isVisible():
                corner = button.mapTo(dialog, button.rect().bottomRight())
                assert dialog.rect().contains(corner), (name, button.text())
        dialog.done(0)
        return 0

    monkeypatch.setattr(QDialog, "exec", measure)
    monkeypatch.setattr(QMessageBox, "exec", measure)
    for action in (
        ActionId.LINK_SOURCE,
        ActionId.EDIT_SOURCE,
        ActionId.ARTICLE_PROPERTIES,
        ActionId.EXPORT,
        ActionId.SHORTCUTS,
        ActionId.RESTORE_BACKUP,
        ActionId.RETURN_VERDICT,
        ActionId.PREFERENCES,
        ActionId.ABOUT,
        ActionId.CHECK_WORKSPACE,
    ):
        window.sentence_view.setFocus()
        window.registry[action].trigger()
    qtbot.waitUntil(lambda: not window.workspace.check_running())  # then its report
    assert len(sizes) == 10, sizes
    for name, (width, height) in sizes.items():
        assert width <= room.width() - 40 and height <= room.height() - 60, (name, sizes)


def test_words_on_the_tag_and_verdict_colours_are_readable(
    desktop: str, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The tag and verdict cells are tinted in their colours (claim yellow, false red…):
    their words must read at 4.5 or more on the tint as drawn, on a light or dark theme."""
    apply_sample_review(seeded_desk, 1)
    window = make_window(seeded_desk)
    window.resize(1280, 800)
    window.open_article(1, seeded_desk.reviews.sentence_rows(1)[0].sentence.id)
    QApplication.processEvents()
    view = window.sentence_view
    model = view.model()
    measured = {}
    for row in range(1, model.rowCount()):  # not the current row: drawn in the selection
        for column in (SentenceColumn.TAG, SentenceColumn.VERDICT):
            index = model.index(row, column)
            if model.data(index, Qt.ItemDataRole.BackgroundRole) is None:
                continue
            view.scrollTo(index)
            cell = view.visualRect(index).adjusted(2, 2, -2, -2)
            assert view.viewport().rect().contains(cell), (row, column)
            image = view.viewport().grab(cell).toImage()
            image = image.convertToFormat(QImage.Format.Format_RGB32)
            pixels = Counter(
                image.pixel(x, y) for x in range(image.width()) for y in range(image.height())
            )
            tint = QColor(pixels.most_common(1)[0][0])
            measured[model.data(index)] = max(contrast(tint, QColor(p)) for p in pixels)
    assert {"Claim", "True"} <= set(measured), measured
    assert min(measured.values()) >= READABLE, measured


def test_at_16_pt_on_a_dark_desktop_every_control_is_named_and_shows_its_focus(
    dark_desktop: QPalette, large_font: QFont, window: MainWindow
) -> None:
    """The reporter with a large font and a dark theme at 1024×640, the search pane open:
    every control Tab reaches says what it is and shows when it has the focus."""
    window.resize(1024, 640)
    window.search.open_search()
    QApplication.processEvents()
    assert unnamed_controls(window) == []
    assert focus_not_shown(window) == []


def _desk_denials() -> Iterator[tuple[str, Analysis, str]]:
    """Each denial the desk's cues find outside English: (language, it, the note)."""
    for code, cues in CUES.items():
        for form in cues.denial_forms.split(","):
            words = " ".join(form.split())
            if words:
                found = cue_analysis(f"Elle {words}.", cues)
                assert found.tag is Tag.DENIAL, (code, words)
                yield code, found, cues.note


def test_a_denial_and_its_language_note_show_whole_at_1024x640_with_a_large_font(
    large_font: QFont, qtbot: QtBot, window: MainWindow
) -> None:
    """At 16 pt in the panel's share of a 1024×640 window, a French denial's suggestion with
    its language note needed ten lines and was given nine: the note ended in "…", its last
    words (what suggestions outside English cannot know) lost. Every denial the desk's cues
    make, in each language, with the longest "A" note and "answers: no claim found", shows
    whole (up to 13 lines, in Armenian)."""
    window.resize(1024, 640)
    QApplication.processEvents()
    wait_for_suggestions(qtbot, window)
    panel, model = window.panel, window.sentence_model
    sentence_id = model.sentence_row(5).sentence.id
    window.select_sentence(sentence_id)
    press(qtbot, window, "x")  # marked nothing to check: "A leaves it", the longest
    window.select_sentence(sentence_id)
    QApplication.processEvents()
    denial = model.suggestion(sentence_id)
    assert denial is not None and denial.suggestion.tag is Tag.DENIAL
    longest = 0
    for code, found, note in _desk_denials():
        suggestion = dataclasses.replace(
            denial.suggestion, confidence=found.confidence, cue=found.cue, claimant="", note=note
        )
        panel.show_hint(dataclasses.replace(denial, suggestion=suggestion, denies_sentence_id=None))
        QApplication.processEvents()
        text = panel.hint_label.text()
        assert "answers: no claim found" in text and "leaves it" in text and note in text
        assert _shown_whole(panel.hint_label), (code, panel.hint_label.shown_lines())
        longest = max(longest, len(panel.hint_label.shown_lines()))
    assert longest >= 10  # the French one's ten lines among them


def test_the_longest_texts_are_asked_for_only_when_a_text_goes_past_most(qtbot: QtBot) -> None:
    """The room of the longest texts is worked out once a width, and only when a text
    needs more lines than `most`: a key press showing a short suggestion costs nothing
    more. Past `most`, a text takes what the longest needs, and no more."""
    asked: list[int] = []
    longest = "word " * 60

    def longest_texts() -> list[str]:
        asked.append(1)
        return [longest]

    lines = FixedLinesText(lines=1, grows=True, most=2, longest=longest_texts)
    qtbot.add_widget(lines)
    lines.resize(200, lines.height())
    lines.show()
    lines.setText("short")
    lines.setText("word " * 20)  # past two lines
    assert len(asked) == 1
    needed = len(lines.shown_lines())
    assert needed > 2 and " ".join(lines.shown_lines()).split() == ["word"] * 20
    lines.setText("word " * 200)  # longer than the longest: cut, at its lines
    assert len(asked) == 1 and lines.shown_lines()[-1].endswith("…")
    probe = FixedLinesText(longest, lines=1, grows=True, most=1_000)  # the longest, whole
    qtbot.add_widget(probe)
    probe.resize(200, probe.height())
    probe.show()
    probe.setText(longest + " ")
    assert len(lines.shown_lines()) == len(probe.shown_lines()) > needed


def test_a_language_note_stays_whole_when_the_window_is_widened_and_narrowed_again(
    large_font: QFont, qtbot: QtBot, window: MainWindow
) -> None:
    """At 16 pt and 1024×640 a French denial's suggestion with its language note takes ten
    lines, the room the longest suggestion needs. Widened (the note then needs fewer) and
    put back to 1024×640, the note ended in "…" again: the room was forgotten with the wider
    width and not worked out again at the old one."""
    window.resize(1024, 640)
    QApplication.processEvents()
    wait_for_suggestions(qtbot, window)
    panel, model = window.panel, window.sentence_model
    sentence_id = model.sentence_row(5).sentence.id
    window.select_sentence(sentence_id)
    QApplication.processEvents()
    denial = model.suggestion(sentence_id)
    assert denial is not None and denial.suggestion.tag is Tag.DENIAL
    code, found, note = next(d for d in _desk_denials() if d[0] == "fr")
    suggestion = dataclasses.replace(
        denial.suggestion, confidence=found.confidence, cue=found.cue, claimant="", note=note
    )
    panel.show_hint(dataclasses.replace(denial, suggestion=suggestion, denies_sentence_id=None))
    QApplication.processEvents()
    narrow = panel.hint_label.width()
    assert len(panel.hint_label.shown_lines()) > HINT_MOST_LINES  # past `most`: the room
    assert _shown_whole(panel.hint_label), panel.hint_label.shown_lines()
    window.resize(1400, 640)
    qtbot.waitUntil(lambda: panel.hint_label.width() > narrow)
    assert _shown_whole(panel.hint_label), panel.hint_label.shown_lines()
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: panel.hint_label.width() == narrow)
    QApplication.processEvents()
    assert _shown_whole(panel.hint_label), (code, panel.hint_label.shown_lines())
