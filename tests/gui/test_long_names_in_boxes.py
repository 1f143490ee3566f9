"""A box naming a long file name or a deep path, with no space in it.

Qt wraps a box's words only at spaces (and after some "/"): a 300-character name ran past
the box's right edge, cut, the rest of it out of sight, with the box as wide as the
screen. Every desk box now shows such a name with invisible break chances, and wraps it
inside the box; what is copied from the box is still the message as it was given."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt, QTextBoundaryFinder
from PySide6.QtGui import QClipboard, QGuiApplication, QTextLayout, QTextOption
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox

from factcheck_app.gui.messages import ask, inform
from tests.gui.conftest import app_font

SCREEN_WIDTH = 1024  # a newsroom's small screen
BREAK_CHANCE = "\u200b"  # ZERO WIDTH SPACE: a place a line may break, unseen
SEPARATOR = "---------------------------\n"  # between the parts of a box Qt copies
NAMES = {
    "long name": "Budget_" + "x" * 286 + ".fcdesk",
    "deep path": "/home/desk/"
    + "/".join(f"folder{n:02d}_archive" for n in range(14))
    + "/w.fcdesk",
    "dated folders": "/srv/archive/" + "/".join(f"{n:02d}" for n in range(1, 90)) + "/w.fcdesk",
    "right-to-left name": "ميزانية_الانتخابات_" * 14 + ".fcdesk",
}


@dataclass
class Seen:
    """What a reviewer saw and copied of a box while it was up."""

    box_width: int = 0
    screen_width: int = 0
    label_width: int = 0
    widest_line: int = 0
    copied_box: str = ""
    copied_selection: str = ""
    copied_mouse_selection: str = ""


def _widest_line(label: QLabel) -> int:
    """The widest line of the label's words as Qt lays them out in its width, wrapping
    where it can: wider than the label, the rest of that line is cut off at its edge."""
    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    widest = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return math.ceil(widest)


def _showing(monkeypatch: pytest.MonkeyPatch, seen: Seen) -> None:
    clipboard = QGuiApplication.clipboard()

    def exec_(box: QMessageBox) -> int:
        box.show()  # shown, as exec shows it: QMessageBox sizes it for its words here
        label = box.findChild(QLabel, "qt_msgbox_label")
        assert isinstance(label, QLabel)
        seen.box_width = box.frameGeometry().width()
        seen.screen_width = box.screen().availableGeometry().width()
        seen.label_width = label.contentsRect().width()
        seen.widest_line = _widest_line(label)
        # Ctrl+C on the box (Windows): Qt copies its title, words and buttons, the words
        # taken from the label, as shown. Put right as soon as it lands.
        clipboard.setText(f"{SEPARATOR}{box.windowTitle()}\n{SEPARATOR}{label.text()}\n")
        seen.copied_box = clipboard.text()
        label.setSelection(0, len(label.text()))  # the reviewer drags over all the words
        seen.copied_mouse_selection = clipboard.text(QClipboard.Mode.Selection)
        clipboard.clear()
        QTest.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        seen.copied_selection = clipboard.text()
        box.hide()
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", exec_)


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_a_long_name_wraps_inside_the_box_and_copies_as_it_is(
    qapp: object, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    text = f"Could not open {name}: another desk is editing it."
    seen = Seen()
    _showing(monkeypatch, seen)
    with app_font(16):
        inform(None, "Workspace locked", text, warning=True)

    assert seen.widest_line <= seen.label_width  # every piece of the name in sight
    assert seen.box_width <= min(seen.screen_width, SCREEN_WIDTH)
    # Copied, the message as given: no invisible character in a path pasted elsewhere.
    assert seen.copied_box == f"{SEPARATOR}Workspace locked\n{SEPARATOR}{text}\n"
    assert seen.copied_selection == text
    if QGuiApplication.clipboard().supportsSelection():
        assert seen.copied_mouse_selection == text


def test_a_question_keeps_its_words_as_given_once_answered(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shown with break chances, the box's own text is the message given again once it
    is closed: whatever reads it (Recent Messages, a test) reads the exact words."""
    name = NAMES["long name"]
    seen = Seen()
    _showing(monkeypatch, seen)
    texts: list[str] = []
    real_hide = QMessageBox.hide

    def hide(box: QMessageBox) -> None:
        real_hide(box)
        texts.append(box.text())

    monkeypatch.setattr(QMessageBox, "hide", hide)
    ask(
        None,
        "Remove article",
        f"Remove {name}?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    assert texts == [f"Remove {name}?"]
    assert seen.widest_line <= seen.label_width


@pytest.mark.parametrize(
    "text",
    [
        "A short message: nothing changes.",
        "/home/desk/w.fcdesk",  # a short path fits as it is
        *NAMES.values(),
        "Caf" + "e\u0301" * 40,  # an accent stays on its letter
        "\U0001f469\u200d\U0001f4bb" * 20,  # a joined emoji stays whole
        "C:\\Users\\" + "a" * 60 + "\\w.fcdesk",
    ],
)
def test_break_chances_only_add_invisible_breaks(text: str) -> None:
    from factcheck_app.gui.box_wrapping import with_break_chances

    shown = with_break_chances(text)
    assert shown.replace(BREAK_CHANCE, "") == text
    for i, char in enumerate(shown):
        if char == BREAK_CHANCE and shown[i - 1 : i + 1] != text[i - 1 : i + 1]:
            after = shown[i + 1]
            assert unicodedata.category(after)[0] != "M" and after != "\u200d"
            assert shown[i - 1] != "\u200d"
    if max(len(run) for run in text.split()) <= 24:
        assert shown == text  # nothing added where nothing is needed
    else:  # each piece no line can break fits the narrowest box, 24 letters at 16 pt
        assert max(len(piece.strip(BREAK_CHANCE + " ")) for piece in _line_pieces(shown)) <= 24


def _line_pieces(text: str) -> list[str]:
    """`text` cut where Unicode's line-breaking rules, which Qt follows, let a line break."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    cuts = []
    while (cut := finder.toNextBoundary()) != -1:
        cuts.append(cut)
    units = text.encode("utf-16-le")
    return [
        units[2 * a : 2 * b].decode("utf-16-le") for a, b in zip([0, *cuts], cuts, strict=False)
    ]


def _utf16_length(text: str) -> int:
    """How Qt counts `text`: a character outside the BMP (an emoji) counts two."""
    return len(text.encode("utf-16-le")) // 2


def test_a_name_chosen_after_an_emoji_copies_as_it_is(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article's title with an emoji before a long name: the name chosen with the mouse
    and copied is the name, not the name cut short by the emoji's width and shifted."""
    name = NAMES["long name"]
    text = f"Imported “\U0001f525 Budget \U0001f4b0”: could not save {name}."
    copied: list[str] = []

    def exec_(box: QMessageBox) -> int:
        box.show()
        label = box.findChild(QLabel, "qt_msgbox_label")
        assert isinstance(label, QLabel)
        shown = label.text()
        start = shown.index("Budget_")
        end = shown.rindex("fcdesk") + len("fcdesk")
        # The reviewer drags over the name, as Qt counts positions.
        label.setSelection(_utf16_length(shown[:start]), _utf16_length(shown[start:end]))
        QTest.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        copied.append(QGuiApplication.clipboard().text())
        box.hide()
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    inform(None, "Import", text, warning=True)
    assert copied == [name]


def test_a_screen_reader_reads_the_words_as_given(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The label's accessible name is the message without the break chances the box adds:
    a screen reader spelling the name out says no "zero width space" between its letters."""
    from PySide6.QtGui import QAccessible

    name = NAMES["long name"]
    text = f"Could not open {name}: another desk is editing it."
    read: list[str] = []

    def exec_(box: QMessageBox) -> int:
        box.show()
        label = box.findChild(QLabel, "qt_msgbox_label")
        assert isinstance(label, QLabel)
        assert BREAK_CHANCE in label.text()  # shown broken, so that it wraps
        read.append(QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name))
        box.hide()
        read.append(QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name))
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    inform(None, "Workspace locked", text, warning=True)
    assert read == [text, text]


def test_a_box_shown_twice_stops_watching_the_clipboard_once_closed(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second Show (the window system's, as a box comes back on screen) adds no second
    watcher of the clipboard: closed, the box leaves none behind, rewriting copies."""
    from PySide6.QtCore import SIGNAL, QCoreApplication
    from PySide6.QtGui import QShowEvent

    clipboard = QGuiApplication.clipboard()
    watching = SIGNAL("changed(QClipboard::Mode)")
    before = clipboard.receivers(watching)
    during: list[int] = []

    def exec_(box: QMessageBox) -> int:
        box.show()
        QCoreApplication.sendEvent(box, QShowEvent())  # shown again, never hidden between
        during.append(clipboard.receivers(watching))
        box.hide()
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    inform(None, "Workspace locked", f"Could not open {NAMES['long name']}.", warning=True)
    assert during == [before + 1]
    assert clipboard.receivers(watching) == before


def test_a_part_chosen_across_lines_copies_as_it_is(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A part of the words chosen over a line break (a path on a line of its own, as Check
    Workspace and an error with what happens next show it) copies without the chances."""
    name = NAMES["long name"]
    text = f"Could not open\n{name}\nTry again once the other desk has closed it."
    copied: list[str] = []

    def exec_(box: QMessageBox) -> int:
        box.show()
        label = box.findChild(QLabel, "qt_msgbox_label")
        assert isinstance(label, QLabel)
        shown = label.text()
        start = shown.index("open")
        end = shown.rindex("fcdesk") + len("fcdesk")
        label.setSelection(start, end - start)  # from "open" to the name's end
        QTest.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        copied.append(QGuiApplication.clipboard().text())
        box.hide()
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    inform(None, "Workspace locked", text, warning=True)
    assert copied == [f"open\n{name}"]


@pytest.mark.parametrize(
    "text",
    [
        "Imported " + "\u0915\u094d\u0937" * 30,  # Hindi "क्ष": a conjunct, one letter drawn
        "Imported " + "\u0995\u09cd\u09b7\u09be" * 20,  # Bengali "ক্ষা"
        # Emoji: Qt breaks a line around them itself (no chance is added), yet never inside.
        "Imported x" + "\U0001f1fa\U0001f1e6" * 30,  # flags, an odd letter before them
        "Imported " + "\U0001f44d\U0001f3fd\u00a0" * 12,  # a skin tone each, no-break spaces
        "Imported " + "\U0001f468\u200d\U0001f469\u200d\U0001f467" * 10,  # a family, joined
    ],
    ids=["hindi-conjuncts", "bengali-conjuncts", "flags", "skin-tones", "zwj-family"],
)
def test_status_log_break_chances_fall_between_characters_as_drawn(text: str) -> None:
    """Help → Recent Messages (and a message box) put break chances into a long run Qt
    cannot wrap: one went between a virama and the consonant it joins ("क्" "ष": a
    conjunct drawn apart, a dotted circle), as the splitter and the search's tooltips no
    longer do. A chance goes only where Qt sees one character end and the next begin
    (`segmentation.drawn_start`, the rule those share)."""
    from factcheck_app.gui.box_wrapping import with_break_chances
    from factcheck_app.gui.notices import _breakable

    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, text)
    ends = set()
    while (end := finder.toNextBoundary()) != -1:
        ends.add(end)
    for shown in (with_break_chances(text), _breakable(text)):
        assert shown.replace(BREAK_CHANCE, "") == text
        at = 0  # where in `text` each chance is, in Qt's (UTF-16) places
        for char in shown:
            if char == BREAK_CHANCE:
                assert at in ends, (text, shown)
            else:
                at += 2 if char > "\uffff" else 1
        if "\u094d" in text or "\u09cd" in text:  # a long run Qt cannot break: broken
            assert max(len(piece) for piece in shown.split(BREAK_CHANCE)) < 40
