"""The review keys on the keyboards a newsroom uses: French and Belgian AZERTY, German
QWERTZ, Russian, Arabic, Greek, Dvorak.

The key events below are those Qt's xcb platform delivered on an X server with each
layout (key, text, modifiers, native scan code and keysym, recorded with a small
event-printing window): the offscreen platform the tests run on has no layouts of its
own, so each is built here as X11 gives it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodQueryEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.gui import views
from factcheck_app.gui.actions import EDIT_ACTIONS, ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import press
from tests.gui.test_careless_keys import verdicts

NO_MODIFIER = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier

# The digit row's keys 1-6 pressed without Shift, as xcb delivers them: (text, key,
# native scan code, keysym). French AZERTY types & é " ' ( - there, Belgian § on the 6.
AZERTY_DIGIT_ROW = (
    ("&", 0x26, 10, 0x26),
    ("é", 0xC9, 11, 0xE9),
    ('"', 0x22, 12, 0x22),
    ("'", 0x27, 13, 0x27),
    ("(", 0x28, 14, 0x28),
    ("-", 0x2D, 15, 0x2D),
)
BELGIAN_SIX = ("§", 0xA7, 15, 0xA7)
VERDICTS = ("true", "mostly_true", "mixed", "mostly_false", "false", "unverifiable")


def x11_key(
    text: str,
    key: int,
    scan_code: int,
    keysym: int,
    modifiers: Qt.KeyboardModifier = NO_MODIFIER,
    kind: QEvent.Type = QEvent.Type.KeyPress,
    repeat: bool = False,
) -> QKeyEvent:
    """A key event as Qt's xcb platform makes it (native modifiers: the X state, 1 Shift)."""
    native_modifiers = 1 if modifiers & SHIFT else 0
    return QKeyEvent(
        kind,
        key,
        modifiers,
        scan_code,
        keysym,
        native_modifiers,
        text,
        repeat,
    )


def type_on_x11(
    widget: QWidget,
    text: str,
    key: int,
    scan_code: int,
    keysym: int,
    modifiers: Qt.KeyboardModifier = NO_MODIFIER,
    *,
    repeat: bool = False,
) -> None:
    """The key offered to the shortcuts (ShortcutOverride: no shortcut of Qt's took it,
    as on X11 for these keys) and then pressed, in the focused `widget`."""
    for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
        event = x11_key(text, key, scan_code, keysym, modifiers, kind, repeat)
        QApplication.sendEvent(widget, event)


@pytest.fixture
def on_x11(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read native scan codes as the xcb platform gives them (the tests run offscreen)."""
    monkeypatch.setattr(views, "platform_keycodes_are_xkb", lambda: True, raising=False)


def test_azerty_digit_row_gives_the_verdicts_without_shift(
    qtbot: QtBot, window: MainWindow, on_x11: None
) -> None:
    """On a French keyboard the key labelled 2 types "é" without Shift: pressed for a
    verdict, it said "“é” is not a review key: … 1–6 give a verdict", to a reviewer who
    had pressed 2. Each of the keys 1-6 gives its verdict, with Shift (Qt's own match)
    or without."""
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    for (text, key, scan, keysym), verdict in zip(AZERTY_DIGIT_ROW, VERDICTS, strict=True):
        type_on_x11(window.sentence_view, text, key, scan, keysym)
        assert verdicts(window)[0] == verdict, text
        assert "not a review key" not in window.statusBar().currentMessage()
    type_on_x11(window.sentence_view, *BELGIAN_SIX)  # Belgian AZERTY: § on the 6
    assert verdicts(window)[0] == "unverifiable"
    type_on_x11(window.sentence_view, *AZERTY_DIGIT_ROW[0])
    assert verdicts(window)[0] == "true"
    window.registry[ActionId.UNDO].trigger()  # one undo step, as for any verdict
    assert verdicts(window)[0] == "unverifiable"
    assert window.current_sentence_id() == first


def test_azerty_digit_row_key_held_down_gives_one_verdict(
    qtbot: QtBot, window: MainWindow, on_x11: None
) -> None:
    """As for the digits themselves (test_careless_keys): with Move On After Verdict,
    é held down gives one "Mostly true" and moves on once."""
    first, second = (window.sentence_model.sentence_row(i).sentence.id for i in (0, 1))
    window.select_sentence(first)
    window.registry[ActionId.MOVE_ON_AFTER_VERDICT].trigger()
    before = verdicts(window)
    type_on_x11(window.sentence_view, *AZERTY_DIGIT_ROW[1])
    for _ in range(5):
        type_on_x11(window.sentence_view, *AZERTY_DIGIT_ROW[1], repeat=True)
    assert verdicts(window) == ["mostly_true", *before[1:]]
    assert window.current_sentence_id() == second


def test_azerty_digit_row_in_a_read_only_window_says_why(
    qtbot: QtBot, window: MainWindow, on_x11: None
) -> None:
    """Where the verdicts are off (a read-only window), é is the verdict key that is off,
    not a stray character: it records nothing and is not called "not a review key"."""
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    before = verdicts(window)
    for action_id in EDIT_ACTIONS:
        window.registry[action_id].setEnabled(False)
    type_on_x11(window.sentence_view, *AZERTY_DIGIT_ROW[1])
    assert verdicts(window) == before
    assert window.current_sentence_id() == first
    assert "not a review key" not in window.statusBar().currentMessage()


def test_other_keys_of_the_digit_row_stay_what_they_were(
    qtbot: QtBot, window: MainWindow, on_x11: None
) -> None:
    """Only the digit row's own characters without Shift count as its digits: Shift+1 on
    a US keyboard ("!"), AltGr+2 on a French one ("~") and the French 7 ("è") stay
    stray characters, and say so."""
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    before = verdicts(window)
    altgr = Qt.KeyboardModifier.GroupSwitchModifier
    for args in (
        ("!", 0x21, 10, 0x21, SHIFT),
        ("~", 0x7E, 11, 0x7E, altgr),
        ("è", 0xC8, 16, 0xE8),
    ):
        type_on_x11(window.sentence_view, *args)
        assert window.statusBar().currentMessage().startswith(f"“{args[0]}” is not a review key")
    assert verdicts(window) == before
    assert window.current_sentence_id() == first


def test_digit_row_is_read_by_position_only_where_the_scan_code_is_xkbs(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The native scan code is the key's place only on X11 and Wayland (10 is the 1);
    elsewhere ("é" on another platform) it is a stray character, as before."""
    before = verdicts(window)
    type_on_x11(window.sentence_view, *AZERTY_DIGIT_ROW[1])
    assert verdicts(window) == before
    assert window.statusBar().currentMessage().startswith("“é” is not a review key")


def test_a_dead_key_never_holds_back_the_next_key(qtbot: QtBot, window: MainWindow) -> None:
    """Checked on X11 with French and German keyboards: ^ (a dead key; on a German one
    left of 1) then 1 gives the verdict, ´ then C the tag, ^ then Ctrl+Z the undo. The
    review widgets accept no input method, so Qt's compose never holds a key back to put
    an accent on it (in a plain Qt list with editable rows, ^ then 1 gave "¹" and no
    verdict, ^ then Ctrl+Z no undo, without a word). Kept so."""
    for widget in (window.sentence_view, window.article_view):
        query = QInputMethodQueryEvent(Qt.InputMethodQuery.ImEnabled)
        QApplication.sendEvent(widget, query)
        assert query.value(Qt.InputMethodQuery.ImEnabled) is False, widget.objectName()
    # The dead key as xcb delivers it then (no text), and the verdict key after it.
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    type_on_x11(window.sentence_view, "", Qt.Key.Key_Dead_Circumflex.value, 49, 0xFE52)
    press(qtbot, window, "1")
    assert window.current_sentence_id() == first
    assert verdicts(window)[0] == "true"


# The keys under C and J with only a Russian (Greek, Arabic) layout in the keyboard
# settings, as xcb delivers them: no Latin layout for Qt to fall back on.
ONLY_NON_LATIN = (
    ("с", 0x421, 54, 0x6D3, "Cyrillic"),  # Russian, the key labelled C
    ("ξ", 0x39E, 44, 0x7EE, "Greek"),  # Greek, the key labelled J
    ("ت", 0x62A, 44, 0x5CA, "Arabic"),  # Arabic, the key labelled J
)


def test_a_non_latin_letter_says_what_makes_the_keys_work(qtbot: QtBot, window: MainWindow) -> None:
    """With only a Russian layout set up, the key labelled C (С) said "“с” is not a
    review key: C, D, F tag…", to a reviewer who had pressed C: Qt finds the letter keys
    in a Latin layout the keyboard settings also hold (English, say), and there was none.
    The message says so, in the script's name, and nothing is recorded."""
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    before = verdicts(window)
    for text, key, scan, keysym, script in ONLY_NON_LATIN:
        type_on_x11(window.sentence_view, text, key, scan, keysym)
        message = window.statusBar().currentMessage()
        assert message.startswith(f"“{text}” is not a review key"), message
        assert f"with a {script} layout on" in message and "Latin layout" in message
        assert "Shift" not in message
    type_on_x11(window.sentence_view, "С", 0x421, 54, 0x6F3, SHIFT)  # with Shift
    assert "Shift" not in window.statusBar().currentMessage()
    assert verdicts(window) == before
    assert window.current_sentence_id() == first
    type_on_x11(window.sentence_view, "q", 0x51, 38, 0x71)  # AZERTY's Q: as before
    assert "Latin layout" not in window.statusBar().currentMessage()


def test_azerty_digit_row_gives_the_verdict_in_the_verdict_box(
    qtbot: QtBot, window: MainWindow, on_x11: None
) -> None:
    """In the panel's Verdict box (Alt+V) the key labelled 2 typed "é", which chose
    nothing there, as in the sentence list before."""
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    box = window.panel.verdict_box
    box.setFocus()
    type_on_x11(box, *AZERTY_DIGIT_ROW[1])
    assert verdicts(window)[0] == "mostly_true"
    assert box.currentIndex() == 2


# Keys of a Ukrainian or Russian (Greek, Hebrew) layout with an English one set up beside
# it, as xcb delivers them: (text, key, native scan code, keysym), and the Latin key Qt's
# shortcuts take each for, from the English layout (xkb's possibleKeys).
BESIDE_A_LATIN_LAYOUT = (
    ("й", 0x419, 24, 0x6CA, "Q"),  # Ukrainian and Russian: the key labelled Q
    ("с", 0x421, 54, 0x6D3, "C"),
    ("о", 0x41E, 44, 0x6CF, "J"),
    ("ч", 0x427, 53, 0x6DE, "X"),
    ("ξ", 0x39E, 44, 0x7EE, "J"),  # Greek
    ("ς", 0x3A3, 25, 0x7F3, "W"),
    ("ב", 0x5D1, 54, 0xCE1, "C"),  # Hebrew
    ("ג", 0x5D2, 40, 0xCE2, "D"),
    ("ฟ", 0xE1F, 38, 0xDBF, "A"),  # Thai
)


def test_a_key_of_another_alphabet_is_read_as_the_latin_key_in_its_place(
    qtbot: QtBot, on_x11: None
) -> None:
    """The key labelled C on a Ukrainian layout types "с": Qt's shortcuts take it for C
    (from the English layout beside it), and the desk's own key checks, which compared
    "С" with C, read it as Qt does. With Shift or Alt too (Shift+C, Alt+C)."""
    for text, key, scan, keysym, latin in BESIDE_A_LATIN_LAYOUT:
        found = views.latin_key(x11_key(text, key, scan, keysym))
        assert found is not None and QKeySequence(found) == QKeySequence(latin), text
    found = views.latin_key(x11_key("С", 0x421, 54, 0x6F3, SHIFT))
    assert found is not None and QKeySequence(found) == QKeySequence("Shift+C")


def test_a_latin_key_or_punctuation_has_no_other_latin_key(qtbot: QtBot, on_x11: None) -> None:
    """As Qt's shortcuts: a key that types a Latin letter (AZERTY's Q, in the place of
    QWERTY's A) or Latin-1 punctuation (Greek's ";" and Hebrew's "/" on the key labelled
    Q) is read as what it types. Ctrl and a key of another alphabet is Ctrl+Й only where
    no Latin layout is set up (with one, Qt gives Ctrl+Q itself), and Qt's shortcuts do
    not take it for Ctrl+Q either."""
    for text, key, scan, keysym in (
        ("q", 0x51, 38, 0x71),  # AZERTY
        (";", 0x3B, 24, 0x3B),  # Greek
        ("/", 0x2F, 24, 0x2F),  # Hebrew
        ("é", 0xC9, 11, 0xE9),  # AZERTY's 2 (digit_row_digit's)
    ):
        assert views.latin_key(x11_key(text, key, scan, keysym)) is None, text
    assert views.latin_key(x11_key("й", 0x419, 24, 0x6CA, CTRL)) is None


def test_a_key_of_another_alphabet_is_read_by_place_only_where_that_is_xkbs(
    qtbot: QtBot,
) -> None:
    """Elsewhere (Windows, macOS) the scan code is not XKB's: no place is guessed."""
    assert views.latin_key(x11_key("с", 0x421, 54, 0x6D3)) is None


def test_a_review_key_beside_a_latin_layout_in_a_read_only_window_says_why(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    on_x11: None,
) -> None:
    """With a Ukrainian layout on (English beside it), C in a read-only window typed "с":
    Qt's shortcuts take it for C, whose action is off there, and nothing was said, where
    C on an English layout says the window is read-only."""
    from factcheck_app.gui.workspace_strip import KEY_REFUSED

    path = seeded_desk.path
    assert path is not None
    seeded_desk.close()
    window = make_window(Desk.open(path, read_only=True))
    window.select_sentence(window.sentence_model.sentence_row(0).sentence.id)
    window.sentence_view.setFocus()
    window.statusBar().clearMessage()
    # Offered to the shortcuts, which take it (the action's, off): no key press follows.
    event = x11_key("с", 0x421, 54, 0x6D3, kind=QEvent.Type.ShortcutOverride)
    QApplication.sendEvent(window.sentence_view, event)
    assert window.statusBar().currentMessage() == KEY_REFUSED


def test_a_letter_whose_place_is_no_key_asks_for_no_latin_layout(
    qtbot: QtBot, window: MainWindow, on_x11: None
) -> None:
    """With a Ukrainian layout on and English beside it, the key labelled I (ш), no
    review key, said the letter keys need a Latin layout set up beside it: there was one,
    and C, D, F worked. The keys are named instead. Where the key's place is a review key
    (с, C's) and it still came as a letter, Qt found no Latin layout: that is said."""
    window.select_sentence(window.sentence_model.sentence_row(0).sentence.id)
    type_on_x11(window.sentence_view, "ш", 0x428, 31, 0x6DB)
    message = window.statusBar().currentMessage()
    assert message.startswith("“ш” is not a review key: C, D, F tag"), message
    assert "Latin layout" not in message
    type_on_x11(window.sentence_view, "с", 0x421, 54, 0x6D3)
    assert "with a Cyrillic layout on" in window.statusBar().currentMessage()


# Letters and signs of a Latin layout past Latin-1, as xcb delivers them: (text, key,
# native scan code, keysym). Polish types them with AltGr on the keys labelled L, S, A, E,
# Z, C, X; Czech on the digit row (ě on 2, č on 4); Turkish F has ğ where QWERTY has E.
LATIN_PAST_LATIN_1 = (
    ("ł", 0x141, 46, 0x1B3),
    ("ś", 0x15A, 39, 0x1B6),
    ("ą", 0x104, 38, 0x1B1),
    ("ę", 0x118, 26, 0x1EA),
    ("ż", 0x17B, 52, 0x1BF),
    ("ć", 0x106, 54, 0x1E6),
    ("ź", 0x179, 53, 0x1BC),
    ("ě", 0x11A, 11, 0x1EC),
    ("č", 0x10C, 13, 0x1E8),
    ("ğ", 0x11E, 26, 0x2BB),
    ("€", 0x20AC, 26, 0x20AC),  # AltGr and E on most European layouts
    ("„", 0x201E, 55, 0xAFE),  # German: AltGr and V
)
ALT = Qt.KeyboardModifier.AltModifier
# Alt and AltGr held, as xcb gives them (pressed on an X server): Qt's modifiers, and X's
# state (Mod1 Alt, Mod5 AltGr). Some setups (remote desktops) send AltGr as Alt alone.
ALT_WITH_ALTGR = (
    (ALT | Qt.KeyboardModifier.GroupSwitchModifier, 8 | 128),
    (ALT, 8),
)


def test_a_latin_letter_past_latin_1_is_read_as_itself(qtbot: QtBot, on_x11: None) -> None:
    """Qt's shortcuts read "ł" (AltGr and the key labelled L on a Polish layout) as no
    Latin key: a Polish, Czech or Turkish layout is a Latin one, and no other layout is
    looked at for a letter typed with AltGr. It is not the key labelled L."""
    for text, key, scan, keysym in LATIN_PAST_LATIN_1:
        assert views.latin_key(x11_key(text, key, scan, keysym)) is None, text
        assert views.latin_key(x11_key(text, key, scan, keysym, ALT)) is None, text


def test_polish_letters_typed_with_altgr_read_as_alt_still_type(
    qtbot: QtBot, window: MainWindow, on_x11: None
) -> None:
    """Where AltGr comes as Alt too (a remote desktop, some keymaps), a Polish journalist
    typing "Łódź" got "Alt+L is no key: nothing was typed" for ł, and ś, ą, ę, ż, ć, ź
    were lost from the explanation, saved without them (€ and „ too)."""
    sentence = window.current_sentence_id()
    assert sentence is not None
    field = window.panel.explanation_edit
    field.setFocus()
    for modifiers, state in ALT_WITH_ALTGR:
        for text, key, scan, keysym in LATIN_PAST_LATIN_1:
            for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
                event = QKeyEvent(kind, key, modifiers, scan, keysym, state, text, False)
                QApplication.sendEvent(field, event)
    typed = "".join(text for text, *_ in LATIN_PAST_LATIN_1) * len(ALT_WITH_ALTGR)
    assert field.toPlainText() == typed
    window.panel.flush_pending_text()
    assert window.desk.reviews.review(sentence).explanation == typed


# Ctrl and the keys labelled Q and W on a Greek or Hebrew layout, as xcb delivers them
# (X state 4 is Ctrl): (layout, text, key, native scan code, keysym). ";", "/" and "'" are
# Latin-1, which Qt's xkb code looks up in no other layout: Ctrl+; or Ctrl+/, with an
# English layout beside or without, never Ctrl+Q.
CTRL_AT_Q = (
    ("Greek", ";", 0x3B, 24, 0x3B),
    ("Hebrew", "/", 0x2F, 24, 0x2F),
)
HEBREW_CTRL_AT_W = ("'", 0x27, 25, 0x27)


def _ctrl_on_x11(widget: QWidget, text: str, key: int, scan: int, keysym: int) -> None:
    for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
        event = QKeyEvent(kind, key, CTRL, scan, keysym, 4, text, False)
        QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("layout", [layout for layout, *_ in CTRL_AT_Q])
@pytest.mark.parametrize(
    "where", ["sentences", "article", "explanation", "verdict", "status", "show", "articles"]
)
def test_ctrl_and_the_key_labelled_q_quits_on_a_greek_or_hebrew_layout(
    qtbot: QtBot, window: MainWindow, on_x11: None, layout: str, where: str
) -> None:
    """Ctrl and the key labelled Q did nothing and said nothing with a Greek or Hebrew
    layout on, where Ctrl+Q quits with an English one: that key types ";" or "/" there,
    a sign, not a letter of another alphabet. It quits, from the sentence list, the
    article text, a field or a box of the panel (whose type-ahead took the ";"), the
    Show box or the article list."""
    quits: list[bool] = []
    window.registry[ActionId.QUIT].triggered.connect(lambda: quits.append(True))
    widget = {
        "sentences": window.sentence_view,
        "article": window.article_view,
        "explanation": window.panel.explanation_edit,
        "verdict": window.panel.verdict_box,
        "status": window.panel.status_box,
        "show": window.filter_box,
        "articles": window.article_list,
    }[where]
    widget.setFocus()
    _layout, *key = next(k for k in CTRL_AT_Q if k[0] == layout)
    text, code, scan, keysym = key
    _ctrl_on_x11(widget, text, code, scan, keysym)
    assert quits == [True]
    assert window.panel.explanation_edit.toPlainText() == ""


def test_ctrl_and_a_sign_where_qwerty_has_no_letter_quits_nothing(
    qtbot: QtBot, window: MainWindow, on_x11: None
) -> None:
    """Read by place only where Greek and Hebrew put a sign over QWERTY's Q (and Hebrew's
    "'" over W, Ctrl+W, which says what closes): Ctrl+; where English has it, and
    Dvorak's "'" on the key labelled Q, stay what they are."""
    quits: list[bool] = []
    window.registry[ActionId.QUIT].triggered.connect(lambda: quits.append(True))
    window.sentence_view.setFocus()
    _ctrl_on_x11(window.sentence_view, ";", 0x3B, 47, 0x3B)  # English's ;
    _ctrl_on_x11(window.sentence_view, "'", 0x27, 24, 0x27)  # Dvorak's ' on Q
    assert quits == []
    window.statusBar().clearMessage()
    _ctrl_on_x11(window.sentence_view, *HEBREW_CTRL_AT_W)
    assert quits == []
    assert window.statusBar().currentMessage().startswith("Ctrl+W closes nothing here")
