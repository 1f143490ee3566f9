"""The window on a high-contrast desktop theme: white on pure black, or black on pure
white. The dark theme of `test_newsroom_display.py` is dark grey; on pure black or white
a colour made readable (`gui.colours.readable`) must still move off the background."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QStyleFactory,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from factcheck_app.gui import dialogs as dialogs_package
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.colours import READABLE_CONTRAST, contrast, readable
from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.dialogs.help import ShortcutsDialog
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.dialogs.return_note import ReturnNoteDialog
from factcheck_app.gui.main_window import MainWindow
from tests.gui.conftest import press
from tests.gui.test_assist_in_window import wait_for_suggestions
from tests.gui.test_newsroom_display import drawn_contrast

R = QPalette.ColorRole


@pytest.mark.parametrize(
    ("colour", "background"),
    [
        ("#000000", "#000000"),  # a theme's black placeholder on its black window
        ("#ffffff", "#ffffff"),
        ("#000000", "#232323"),
        ("#ffffff", "#efefef"),
    ],
)
def test_black_or_white_is_made_readable_too(colour: str, background: str) -> None:
    """Pure black (lightness 0) on a dark background was given back as it was: the
    search for a lighter shade stopped before its first step (1.0 on black)."""
    made = readable(colour, QColor(background))
    assert contrast(QColor(made), QColor(background)) >= READABLE_CONTRAST, made


WHITE_ON_BLACK = {
    R.Window: "#000000",
    R.WindowText: "#ffffff",
    R.Base: "#000000",
    R.AlternateBase: "#000000",
    R.Text: "#ffffff",
    R.Button: "#000000",
    R.ButtonText: "#ffffff",
    R.Highlight: "#ffffff",
    R.HighlightedText: "#000000",
}


def fusion_palette(colours: dict[QPalette.ColorRole, str]) -> QPalette:
    """Fusion's own palette with `colours` set, the others (the placeholder's among
    them) left at Fusion's, as a theme that does not name them leaves them."""
    fusion = QStyleFactory.create("Fusion")
    chosen = QPalette(fusion.standardPalette())
    for role, colour in colours.items():
        chosen.setColor(role, QColor(colour))
    return chosen


@pytest.fixture
def fusion_theme() -> Iterator[Callable[[dict[QPalette.ColorRole, str]], None]]:
    """Fusion, with its light palette; the returned call gives the desktop other
    colours (a theme switched while the desk runs)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), QPalette(app.palette())
    app.setStyle(QStyleFactory.create("Fusion"))

    def switch(colours: dict[QPalette.ColorRole, str]) -> None:
        app.setPalette(fusion_palette(colours))
        QApplication.processEvents()

    switch({})
    yield switch
    app.setStyle(QStyleFactory.create(style))
    app.setPalette(palette)


@pytest.fixture
def white_on_black(fusion_theme: Callable[[dict[QPalette.ColorRole, str]], None]) -> None:
    """Fusion with a white-on-black palette, as a high-contrast theme sets it: the
    colours of text and backgrounds, the placeholder left at Fusion's (black, half
    strength), as a theme that does not name it leaves it."""
    fusion_theme(WHITE_ON_BLACK)


def test_faint_notes_read_on_a_white_on_black_theme(
    white_on_black: None, qtbot: QtBot, window: MainWindow
) -> None:
    """The suggestion, "In article order" and "No sources yet" were black on black."""
    window.resize(1280, 800)
    wait_for_suggestions(qtbot, window)
    window.select_sentence(window.sentence_model.sentence_row(3).sentence.id)
    QApplication.processEvents()
    panel = window.panel
    assert panel.hint_label.text().startswith("Suggested:")
    assert drawn_contrast(panel, panel.hint_label) >= READABLE_CONTRAST
    assert window.order_label.isVisible() and window.order_label.text()
    assert drawn_contrast(window.centralWidget(), window.order_label) >= READABLE_CONTRAST
    sources = panel.sources_view
    assert sources.model().rowCount() == 0 and sources.empty_text
    assert drawn_contrast(sources, inset=4) >= READABLE_CONTRAST


def empty_fields(window: MainWindow) -> list[QWidget]:
    """The window's fields that show Qt's grey hint while empty: the article finder (it
    has no label of its own), the Claimant and the Explanation."""
    panel = window.panel
    fields: list[QWidget] = [window.article_find, panel.claimant_edit, panel.explanation_edit]
    assert not window.article_find.text() and not panel.claimant_edit.text()
    assert not panel.explanation_edit.toPlainText()
    for field in fields:
        assert field.isVisible() and field.isEnabled(), field.objectName()
        assert field.placeholderText(), field.objectName()  # type: ignore[attr-defined]
    return fields


@pytest.mark.parametrize("colours", [{}, WHITE_ON_BLACK], ids=["fusion-light", "white-on-black"])
def test_the_hint_in_an_empty_field_reads(
    colours: dict[QPalette.ColorRole, str],
    fusion_theme: Callable[[dict[QPalette.ColorRole, str]], None],
    qtbot: QtBot,
    window: MainWindow,
) -> None:
    """ "Find article (Ctrl+Shift+F)", "Who made the statement" and the Explanation's hint
    were drawn in the theme's placeholder colour: black on a white-on-black theme that
    names none (the finder, which has no label, said nothing), 4.0:1 on Fusion's white."""
    fusion_theme(colours)
    window.resize(1280, 800)
    window.select_sentence(window.sentence_model.sentence_row(3).sentence.id)
    QApplication.processEvents()
    for field in empty_fields(window):
        assert drawn_contrast(field, inset=4) >= READABLE_CONTRAST, field.objectName()


def test_the_hint_follows_a_theme_switched_while_the_desk_runs(
    fusion_theme: Callable[[dict[QPalette.ColorRole, str]], None],
    qtbot: QtBot,
    window: MainWindow,
) -> None:
    """A hint made readable on the light theme the desk started in is made again when
    the desktop turns white on black, and back."""
    window.resize(1280, 800)
    window.select_sentence(window.sentence_model.sentence_row(3).sentence.id)
    fusion_theme(WHITE_ON_BLACK)
    for field in empty_fields(window):
        assert drawn_contrast(field, inset=4) >= READABLE_CONTRAST, field.objectName()
    fusion_theme({})
    for field in empty_fields(window):
        assert drawn_contrast(field, inset=4) >= READABLE_CONTRAST, field.objectName()


def test_a_theme_s_own_readable_hint_colour_is_kept(
    fusion_theme: Callable[[dict[QPalette.ColorRole, str]], None],
    qtbot: QtBot,
    window: MainWindow,
) -> None:
    """A theme that names a placeholder colour that reads (yellow on black) gets its
    hints in that colour, not in one the desk chose."""
    fusion_theme({**WHITE_ON_BLACK, R.PlaceholderText: "#ffff00"})
    image = window.article_find.grab().toImage()
    drawn = {
        QColor(image.pixel(x, y)).name()
        for x in range(image.width())
        for y in range(image.height())
    }
    assert "#ffff00" in drawn


def hint_contrast(
    field: QWidget,
    group: QPalette.ColorGroup = QPalette.ColorGroup.Active,
    back_role: QPalette.ColorRole = R.Base,
) -> float:
    """The contrast of `field`'s placeholder colour, as drawn (a half-strength ink half
    its background), on the field's background."""
    palette = field.palette()
    ink, back = palette.color(group, R.PlaceholderText), palette.color(group, back_role)
    alpha = ink.alphaF()
    drawn = QColor.fromRgbF(
        ink.redF() * alpha + back.redF() * (1 - alpha),
        ink.greenF() * alpha + back.greenF() * (1 - alpha),
        ink.blueF() * alpha + back.blueF() * (1 - alpha),
    )
    return contrast(drawn, back)


def test_link_source_s_hints_read_on_a_white_on_black_theme(
    white_on_black: None, qtbot: QtBot
) -> None:
    """Link Source's "https://…" and its Excerpt's hint were black on black too.
    (Measured on the colour: the thin strokes of "https://…" leave no pixel at full
    strength, the finder's and the Claimant's above are measured as drawn.)"""
    dialog = LinkSourceDialog([], sentence="The toll rose to 40.")
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for field in (dialog.url_edit, dialog.accessed_edit, dialog.excerpt_edit):
        assert field.placeholderText(), field.objectName()
        assert hint_contrast(field) >= READABLE_CONTRAST, field.objectName()


HINTED = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox)


def fields_with_hints(root: QWidget) -> list[QWidget]:
    """Every field under `root` (hidden ones too: a format or a step may show them)
    that shows a placeholder while empty: line and text edits, an editable combo box's
    line edit among them, and a combo box's own hint shown while nothing is chosen."""
    found: list[QWidget] = [root] if isinstance(root, HINTED) else []
    found += [field for kind in HINTED for field in root.findChildren(kind)]
    return [field for field in found if field.placeholderText()]  # type: ignore[attr-defined]


def field_name(field: QWidget) -> str:
    """`field` as a failure names it: its window, its class, its object name, its hint."""
    window = field.window()
    where = window.windowTitle() if isinstance(window, QDialog) else "the window"
    return (
        f"{where}: {type(field).__name__}"
        f" {field.objectName()!r} with the hint {field.placeholderText()!r}"  # type: ignore[attr-defined]
    )


def unreadable_hints(root: QWidget) -> list[str]:
    """The fields under `root` whose hint does not read at 4.5:1 on the field, in the
    active and the inactive window (a dialog over the window leaves it inactive)."""
    unreadable = []
    for field in fields_with_hints(root):
        # A combo box not editable draws its hint on its button, the others on the field.
        back_role = R.Button if isinstance(field, QComboBox) and not field.isEditable() else R.Base
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            reads = hint_contrast(field, group, back_role)
            if reads < READABLE_CONTRAST:
                unreadable.append(f"{field_name(field)} ({group.name}: {reads:.1f}:1)")
    return unreadable


def test_every_hint_in_the_window_and_its_dialogs_reads_on_white_on_black(
    white_on_black: None, qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field given a hint without `readable_hints` would be black on black on a
    white-on-black theme. Every hint the desk shows, in the window, the search pane and
    each dialog opened from the window as a reviewer opens it, reads."""
    dialogs = (
        LinkSourceDialog,
        ExportDialog,
        ArticlePropertiesDialog,
        ShortcutsDialog,
        ReturnNoteDialog,
    )
    looked: dict[str, list[str]] = {}

    def look(dialog: QDialog) -> int:
        dialog.show()  # as exec() shows it, without waiting for an answer
        qtbot.waitExposed(dialog)
        assert fields_with_hints(dialog), type(dialog).__name__  # the walk finds them
        looked[type(dialog).__name__] = unreadable_hints(dialog)
        dialog.reject()
        return 0

    for kind in dialogs:
        monkeypatch.setattr(kind, "exec", look)
    window.resize(1280, 800)
    window.desk.edits.actor = "Ana Ruiz"
    sentence = window.desk.reviews.sentence_rows(1)[4].sentence.id
    window.select_sentence(sentence)
    press(qtbot, window, "c", "5")  # a verdict Zoë Ngata can return
    window.desk.edits.actor = "Zoë Ngata"
    window.search.open_search()
    QApplication.processEvents()
    assert window.search_panel.query_edit.isVisible()
    assert len(fields_with_hints(window)) >= 5  # the finder, the panel's, the search's
    unreadable = unreadable_hints(window)  # before the dialogs, its children till deleted
    for action in (
        ActionId.LINK_SOURCE,
        ActionId.EXPORT,
        ActionId.ARTICLE_PROPERTIES,
        ActionId.SHORTCUTS,
        ActionId.RETURN_VERDICT,
    ):
        window.registry[action].trigger()
    assert sorted(looked) == sorted(kind.__name__ for kind in dialogs)  # each one opened
    unreadable += [line for lines in looked.values() for line in lines]
    assert not unreadable, "hints that do not read:\n" + "\n".join(unreadable)


def test_every_dialog_with_a_hint_is_looked_at() -> None:
    """A new dialog that gives a field a hint is added to the test above: a dialog module
    that sets a placeholder and is not among those opened there fails here."""
    looked = {"link_source", "export", "article_properties", "help", "return_note"}
    folder = Path(dialogs_package.__file__).parent
    with_hints = {
        module.stem
        for module in folder.glob("*.py")
        if "setPlaceholderText" in module.read_text(encoding="utf-8")
    }
    assert with_hints <= looked, with_hints - looked
