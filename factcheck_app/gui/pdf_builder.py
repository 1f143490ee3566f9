"""The pieces a PDF report is written with: fonts that really exist, colours, character
and block formats, and the block states that tell `pdf_report.page_breaks` where a page
may end. `pdf_document.build_document` writes the report with them.

The families and `Glyphs` are found by `report_fonts`, on the GUI thread (the command
line's only one), before an export's worker starts, and handed to it: the worker asks
the font database no question (which families there are, which one a font really gets).
That does not keep it out of Qt's font lock. Qt's own text layout and painting, which Qt
supports off the GUI thread, load each font through that lock (`engineForScript`): about
3,700 times in a 60-sentence export, and at each of 75 checks the worker held Python's
lock meanwhile (bench/probe_pdf_font_lock.py). PySide keeps Python's lock through many Qt
calls, the text layout's among them, not all (`QThread.msleep` lets it go). A CI run hung
for good once with the worker in `build_document` and the window's thread both waiting:
Qt says font messages inside the font lock, and the window's thread, handing one to a
message handler written in Python (pytest-qt's), waited for Python's lock there. So no
such handler may be installed while an export runs (docs/safety.md, tests/conftest.py).
"""

from __future__ import annotations

import os
import re
import sys
import threading
import unicodedata
from dataclasses import dataclass

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QRawFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
)

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.gui import fonts
from factcheck_app.gui.fonts import SANS_FAMILIES, SERIF_FAMILIES
from factcheck_app.services.reports.text import (
    clean,
    named_characters,
    right_to_left,
    safe_url,
)

# Preferred text families, in order; any other scalable family will do when none is there.

INK = "#1b1e23"
MUTED = "#5b6370"
SOFT = "#eef0f3"
ACCENT = "#14417a"
CARD_BACKGROUND = "#f5f6f8"
LINE = "\u2028"  # a line break inside a block: one block per check keeps Qt fast
# First-strong isolate and its end: user text between them takes the direction of its own
# first letter and keeps its punctuation, whichever way the block around it reads. A mark
# of the block's own direction follows it: an isolate is a neutral to the text around it,
# and the next line's first letter (a line is no paragraph) decided which side of its label
# it went.
ISOLATE, END_ISOLATE = "\u2068", "\u2069"
LEFT_TO_RIGHT_MARK, RIGHT_TO_LEFT_MARK = "\u200e", "\u200f"
# Letters of the right-to-left scripts (Hebrew, Arabic and their presentation forms).
_RIGHT_TO_LEFT_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
LIGATURES = QFont.Tag("liga")

# Block states (QTextBlock.userState) read by `page_breaks`.
FLOW = -1  # may break before it or between its lines
UNIT_START = 1  # a check starts: keep it and its UNIT_BODY blocks on one page if it fits
KEEP_WITH_NEXT = 2  # a heading: never the last thing on a page
UNIT_BODY = 3
UNIT_HEADING = 4  # a heading inside a check ("DENIED BY"): part of it, never last on a page
KEEP_WHOLE = 0.4  # checks up to this share of a page are never split
# Qt paints a page in time proportional to the lines of every block on it, so a block of
# 20,000 sentences made a report quadratic (21 s instead of 4): a block longer than this
# goes on in a new one at its next line break (or sentence, in the article).
BLOCK_CHARS = 10_000


class NoFontError(FactcheckError):
    """No real font is installed: Qt would draw empty boxes instead of letters."""


def ensure_application() -> QGuiApplication:
    """Qt's font database needs an application object; the CLI has none, so make one offscreen."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a PDF never needs a display
    return QGuiApplication(sys.argv[:1])


def real_font_family(preferred: tuple[str, ...] = SERIF_FAMILIES + SANS_FAMILIES) -> str:
    """A scalable font family that is really installed, or NoFontError saying what to do
    (the font files themselves are loaded when the font configuration lists none)."""
    ensure_application()
    fonts.ensure_fonts()
    family = fonts.usable_family(preferred)
    if family is not None:
        return family
    raise NoFontError(
        "No usable font is installed, so the PDF would show empty boxes instead of text. "
        "Install a font package (on Debian/Ubuntu: fonts-dejavu-core) and export again."
    )


# Characters no font needs to draw: controls, format characters (ZWJ, bidi marks), spaces,
# line separators and the variation selectors that ask for an emoji's colour form. Other
# marks are drawn (an accent, the keycap of 1️⃣) and are boxes when no font has them.
_NOTHING_TO_DRAW = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))


class Glyphs:
    """Which characters some installed font can draw. Qt falls back from the report's
    family to any installed family that has a character, and draws an empty box (glyph 0)
    when none has it: an emoji on a desk without an emoji font. Those are written as their
    names instead (`named_characters`). Each character is asked about once per process; a
    font installed while the desk runs counts from its next start. The answers are shared;
    the fonts asked are each thread's own (exports run in worker threads)."""

    def __init__(self, families: list[str]) -> None:
        self._families = families
        self._local = threading.local()
        self._drawn: dict[str, bool] = {}
        self._missing: set[str] = set()

    def _can_draw(self, character: str) -> bool:
        code = ord(character)
        if unicodedata.category(character) in _NOTHING_TO_DRAW or any(
            code in selectors for selectors in _VARIATION_SELECTORS
        ):
            return True
        fonts: list[QRawFont] = self._local.__dict__.setdefault("fonts", [])
        for index, family in enumerate(self._families):
            if index == len(fonts):  # opened only when a character gets this far
                fonts.append(QRawFont.fromFont(QFont(family)))
            font = fonts[index]
            if font.isValid() and font.supportsCharacter(code):
                return True
        return False

    def drawable(self, text: str) -> str:
        """`text`, each character no installed font has written as its name ("[rocket]")."""
        if text.isascii():
            return text
        drawn = self._drawn
        for character in set(text).difference(drawn):
            drawn[character] = self._can_draw(character)
            if not drawn[character]:
                self._missing.add(character)
        return named_characters(text, self._missing) if self._missing else text


_GLYPHS: Glyphs | None = None


def glyphs() -> Glyphs:
    """The process's `Glyphs`: the report's own families first, then every other one."""
    global _GLYPHS
    if _GLYPHS is None:
        ensure_application()
        preferred = [real_font_family(SERIF_FAMILIES), real_font_family(SANS_FAMILIES)]
        others = [f for f in QFontDatabase.families() if f not in preferred]
        _GLYPHS = Glyphs(preferred + [f for f in others if not QFontDatabase.isPrivateFamily(f)])
    return _GLYPHS


@dataclass(frozen=True)
class ReportFonts:
    """The families a report is written in and the process's `Glyphs`, found by
    `report_fonts` and handed to whatever writes the report, in any thread."""

    serif: str  # the body's family (a sans one when no serif one is installed)
    sans: str  # headings, labels and meta lines (a serif one when no sans one is)
    glyphs: Glyphs


def report_fonts() -> ReportFonts:
    """The report's fonts, or NoFontError saying what to install. Asks the font database:
    call it on the GUI thread (the command line's only thread) and hand the result to an
    export's worker, so that a desk with no font is told before anything starts and the
    worker asks no question of the font database (see the module's docstring)."""
    return ReportFonts(
        serif=real_font_family(SERIF_FAMILIES + SANS_FAMILIES),
        sans=real_font_family(SANS_FAMILIES + SERIF_FAMILIES),
        glyphs=glyphs(),
    )


def right_to_left_letters(text: str) -> bool:
    """Whether `text` holds a letter of Hebrew or Arabic."""
    return _RIGHT_TO_LEFT_LETTERS.search(text) is not None


def without_ligatures(font: QFont) -> QFont:
    """`font` with its optional ligatures off: a reader copies and searches a ligature
    glyph as one character, so "Staﬀ" and "veriﬁed" pasted from the report matched
    nothing. Text in a right-to-left script keeps them (`Builder`): Arabic needs its
    lam-alef ligature."""
    plain = QFont(font)
    plain.setFeature(LIGATURES, 0)
    return plain


def right_to_left_format(fmt: QTextCharFormat) -> QTextCharFormat:
    """The look of `fmt` for Arabic or Hebrew: upright (the fonts a desk has hold no
    italic Arabic: DejaVu Sans Oblique drew an italic excerpt as empty boxes; Arabic has
    no italics in print either) and with its ligatures (lam-alef is required)."""
    upright = QTextCharFormat(fmt)
    upright.setFontItalic(False)
    upright.setFontFeatures({LIGATURES: 1})
    return upright


class Builder:
    """Writes the report into a QTextDocument; lengths are given in CSS px (1/96 inch)."""

    def __init__(self, document: QTextDocument, dpi: float, fonts: ReportFonts) -> None:
        self.document = document
        self.cursor = QTextCursor(document)
        self.scale = dpi / 96  # Qt takes lengths in the paint device's pixels
        self.serif = fonts.serif
        self.sans = fonts.sans
        self.glyphs = fonts.glyphs
        self.first = True
        self.pending_line = False
        self.block_chars = 0  # characters in the current block
        self.plain = self.char()
        self.muted = self.char(color=MUTED)
        self.caps = self.char(size=7, bold=True, color=MUTED, sans=True)
        self.meta = self.char(size=8.5, color=MUTED, sans=True)
        self.link_base = self.char(color=ACCENT)
        self.link_base.setAnchor(True)
        self.link_base.setFontUnderline(True)

    def px(self, value: float) -> float:
        return value * self.scale

    def char(
        self,
        *,
        size: float | None = None,
        bold: bool = False,
        italic: bool = False,
        color: str | None = None,
        background: str | None = None,
        sans: bool = False,
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if sans:
            fmt.setFontFamilies([self.sans])
        if size is not None:
            fmt.setFontPointSize(size)
        if bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        if italic:
            fmt.setFontItalic(True)
        if color:
            fmt.setForeground(QColor(color))
        if background:
            fmt.setBackground(QColor(background))
        return fmt

    def block_format(
        self,
        *,
        top: float = 0,
        bottom: float = 0,
        left: float = 0,
        right: float = 0,
        background: str | None = None,
        line_height: float | None = None,
    ) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(self.px(top))
        fmt.setBottomMargin(self.px(bottom))
        fmt.setLeftMargin(self.px(left))
        fmt.setRightMargin(self.px(right))
        if background:
            fmt.setBackground(QBrush(QColor(background)))
        if line_height is not None:
            fmt.setLineHeight(
                line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
            )
        return fmt

    def block(self, fmt: QTextBlockFormat, state: int = FLOW) -> None:
        """Start a new block (the document's first block is reused)."""
        if self.first:
            self.cursor.setBlockFormat(fmt)
            self.first = False
        else:
            self.cursor.insertBlock(fmt, self.plain)
        if state != FLOW:
            self.cursor.block().setUserState(state)
        self.pending_line = False
        self.block_chars = 0

    def line(self) -> None:
        """End the current line; the break is written only if more text follows in the block."""
        self.pending_line = True

    def soft_break(self) -> None:
        """A place where a long block may go on in a new one (between sentences)."""
        if self.block_chars > BLOCK_CHARS:
            self._continue_block()

    def _continue_block(self) -> None:
        """Go on in a new block that looks the same: no gap between the two."""
        fmt = self.cursor.blockFormat()
        state = self.cursor.block().userState()
        bottom = fmt.bottomMargin()
        ended = QTextBlockFormat(fmt)
        ended.setBottomMargin(0)
        self.cursor.setBlockFormat(ended)
        fmt.setTopMargin(0)
        fmt.setBottomMargin(bottom)
        self.cursor.insertBlock(fmt, self.plain)
        self.cursor.block().setUserState(
            UNIT_BODY if state in (UNIT_START, UNIT_HEADING) else state
        )
        self.block_chars = 0

    def _new_line(self) -> None:
        if self.block_chars > BLOCK_CHARS:
            self._continue_block()  # the line starts the next block instead: same look
        else:
            self.cursor.insertText(LINE, self.plain)
            self.block_chars += 1

    def _insert(self, text: str, fmt: QTextCharFormat | None, isolate: bool = False) -> None:
        shown = self.glyphs.drawable(clean(text))  # clean() drops isolates typed in the text
        if isolate:
            block_rtl = right_to_left(self.cursor.block().text())  # as Qt reads the block
            mark = RIGHT_TO_LEFT_MARK if block_rtl else LEFT_TO_RIGHT_MARK
            shown = ISOLATE + shown + END_ISOLATE + mark
        fmt = fmt or self.plain
        if right_to_left_letters(shown):
            fmt = right_to_left_format(fmt)
        self.cursor.insertText(shown, fmt)
        self.block_chars += len(text)

    def text(self, text: str, fmt: QTextCharFormat | None = None, *, isolate: bool = False) -> None:
        """Append `text`; `isolate` sets it apart (user text in a block of another
        direction: an English explanation in the check of an Arabic sentence, whose block
        reads right to left, had its full stop moved to the far end of the line)."""
        if not text:
            return
        if self.pending_line:
            self._new_line()
            self.pending_line = False
        if self.block_chars + len(text) > BLOCK_CHARS and LINE in text:
            first, *rest = text.split(LINE)
            self._insert(first, fmt, isolate)
            for line in rest:
                self._new_line()
                self._insert(line, fmt, isolate)
            return
        self._insert(text, fmt, isolate)

    def link(self, url: str, label: str, fmt: QTextCharFormat | None = None) -> None:
        target = safe_url(url)
        if target is None:
            self.text(label, fmt)
            return
        link = QTextCharFormat(self.link_base)
        if fmt is not None:
            link.merge(fmt)
            link.setForeground(QColor(ACCENT))
        link.setAnchorHref(target)
        self.text(label, link)

    def gap(self, size: float) -> None:
        """Vertical air inside a block: a line of one small no-break space."""
        self.text("\u00a0", self.char(size=size))
        self.line()

    def heading(self, text: str) -> None:
        rule = self.block_format(top=14)
        rule.setProperty(
            QTextFormat.Property.BlockTrailingHorizontalRulerWidth,
            QTextLength(QTextLength.Type.PercentageLength, 100),
        )
        self.block(rule, KEEP_WITH_NEXT)
        self.block(self.block_format(top=2, bottom=8), KEEP_WITH_NEXT)
        self.text(text.upper(), self.char(size=10, bold=True, sans=True, color=INK))
