"""PDF reports through Qt's own PDF writer: A4 or Letter, fonts embedded, text extractable.

The report (same content as the HTML one) is built as a QTextDocument with a text
cursor and ready-made formats (`pdf_document.build_document`, writing with the fonts and
formats of `pdf_builder.Builder`): for a 10,000-sentence article that takes a tenth of a
second, where parsing the same report as HTML took two. The export dialog shows the
same document as its preview.

Pages are cut by `page_breaks` (a check is kept on one page when it fits, a heading
never ends a page) and painted one by one, so the export reports progress and can be
cancelled. Output goes to a part file renamed over the chosen one when whole: a failed or
cancelled export never replaces the previous file. Safe in a worker thread (QTextDocument
and QPdfWriter are no widgets), handed its fonts: `report_fonts`, called on the GUI
thread before the worker starts, finds them, so that the worker asks the font database
no question (pdf_builder.py says what that does and does not keep it from).
"""

from __future__ import annotations

import itertools
import os
from bisect import bisect_right
from pathlib import Path

import shiboken6
from PySide6.QtCore import QFile, QFileDevice, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextDocument,
    QTextFormat,
    QTransform,
)

from factcheck_app import config
from factcheck_app.domain.errors import FactcheckError
from factcheck_app.gui.pdf_builder import (
    BLOCK_CHARS,
    FLOW,
    KEEP_WHOLE,
    KEEP_WITH_NEXT,
    UNIT_BODY,
    UNIT_HEADING,
    UNIT_START,
    Glyphs,
    NoFontError,
    ReportFonts,
    ensure_application,
    real_font_family,
    report_fonts,
    right_to_left_letters,
    without_ligatures,
)
from factcheck_app.gui.pdf_document import build_document
from factcheck_app.services.reports.atomic import replacing
from factcheck_app.services.reports.model import (
    ArticleReport,
    CancelFn,
    ExportCancelled,
    ProgressFn,
    Ticker,
)
from factcheck_app.services.reports.text import bounded_report, squash

PAPER_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 300
MARGINS_MM = QMarginsF(18, 16, 18, 14)


# -- pagination and painting ----------------------------------------------------------------


def _items(document: QTextDocument) -> list[tuple[float, float, int, QTextBlock | None]]:
    """Top-level blocks and tables in order: (top, bottom, state, block or None)."""
    layout = document.documentLayout()
    items: list[tuple[float, float, int, QTextBlock | None]] = []
    ruler = QTextFormat.Property.BlockTrailingHorizontalRulerWidth
    it = document.rootFrame().begin()
    while not it.atEnd():
        frame = it.currentFrame()
        if frame is not None:
            rect = layout.frameBoundingRect(frame)
            items.append((rect.top(), rect.bottom(), UNIT_START, None))
        else:
            block = it.currentBlock()
            rect = layout.blockBoundingRect(block)
            state = block.userState()
            if state == FLOW and block.blockFormat().hasProperty(ruler):
                state = KEEP_WITH_NEXT
            items.append((rect.top(), rect.bottom(), state, block))
        it += 1
    return items


def _line_tops(block: QTextBlock) -> list[float]:
    """Where each line of a block but the first starts (breaking there splits the block)."""
    text_layout = block.layout()
    origin = text_layout.position().y()
    return [origin + text_layout.lineAt(i).y() for i in range(1, text_layout.lineCount())]


def page_breaks(document: QTextDocument, page_height: float) -> list[float]:
    """Where pages start and end, in the coordinates of the unpaginated document.

    A page may start before a paragraph or between its lines (never leaving one line
    alone), but not right after a heading or a check's strip. A check shorter than
    `KEEP_WHOLE` of a page stays on one page; a longer one may break between its parts
    (details, each source), which wastes far less paper than moving it whole. Laid
    out once and chosen in one pass: a 1,000-page report paginates in 0.1 s.
    """
    items = _items(document)
    candidates: list[float] = []
    previous_bottom = 0.0
    keep_next = False
    keep_whole = False
    for index, (top, bottom, state, block) in enumerate(items):
        if top < previous_bottom - 0.5:  # Qt's empty block after a table: not a place
            continue
        if state == UNIT_START:
            last = index
            while last + 1 < len(items) and items[last + 1][2] in (UNIT_BODY, UNIT_HEADING):
                last += 1
            keep_whole = items[last][1] - top <= KEEP_WHOLE * page_height
        in_unit = state in (UNIT_START, UNIT_BODY, UNIT_HEADING)
        if not keep_next and not (state in (UNIT_BODY, UNIT_HEADING) and keep_whole):
            candidates.append(top)
        # QTextBlock.lineCount() is always 1 under QTextDocument's own layout: ask the layout.
        lines = block.layout().lineCount() if block is not None else 0
        if block is not None and lines > 1:
            if bottom - top > page_height / 2:
                candidates += _line_tops(block)  # a very long block may break anywhere
            elif not in_unit and lines >= 4:
                candidates += _line_tops(block)[1:-1]  # no single line alone
        # A check's strip (a block) stays with its details; a table (no block) stands alone.
        keep_next = state in (KEEP_WITH_NEXT, UNIT_HEADING) or (
            state == UNIT_START and block is not None
        )
        previous_bottom = max(previous_bottom, bottom)
    end = document.size().height()
    breaks = [0.0]
    while end - breaks[-1] > page_height:
        limit = breaks[-1] + page_height
        index = bisect_right(candidates, limit) - 1
        cut = candidates[index] if index >= 0 else limit
        if cut <= breaks[-1] + 1:
            cut = limit  # nothing to break at on this page: cut at its bottom
        breaks.append(cut)
    breaks.append(end)
    return breaks


def _footer(
    painter: QPainter, area: QRectF, title: str, page: int, pages: int, glyphs: Glyphs
) -> None:
    # Font and pen are set back by hand, not with save() and restore(): see write_pdf.
    font, pen = painter.font(), painter.pen()
    line = glyphs.drawable(f"Fact-check: {squash(title)}")
    # Ligatures off as in the document (copied text), but not for Arabic: it needs them.
    small = QFont(font) if right_to_left_letters(line) else without_ligatures(font)
    small.setPointSizeF(7.5)
    painter.setFont(small)
    painter.setPen(Qt.GlobalColor.darkGray)
    painter.drawLine(area.topLeft(), area.topRight())
    text_area = area.adjusted(0, area.height() * 0.25, 0, 0)
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    # One line, as the reader sees the title elsewhere: a line break would put a second
    # line below the footer, and a left-open U+202E would reverse the rest of it.
    elided = painter.fontMetrics().elidedText(
        line,
        Qt.TextElideMode.ElideRight,
        int(area.width() * 0.75),
    )
    painter.drawText(text_area, int(flags), elided)
    flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
    painter.drawText(text_area, int(flags), f"Page {page} of {pages}")
    painter.setFont(font)
    painter.setPen(pen)


def write_pdf(
    report: ArticleReport,
    path: Path,
    *,
    paper: str = "A4",
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    fonts: ReportFonts | None = None,
) -> int:
    """Write the report as a PDF; returns the number of pages. `fonts`: from
    `report_fonts` on the GUI thread, which a worker must be given (none: found here)."""
    if paper not in PAPER_SIZES:
        raise FactcheckError(f"Unknown paper size {paper!r} (choose A4 or Letter).")
    # Refused before anything is written when the PDF would show boxes.
    fonts = fonts or report_fonts()
    report = bounded_report(report)  # the title is painted on every page, too
    # Progress: building counts the sentences and checks, painting the pages.
    ticker = Ticker(report.total + len(report.entries) + 1, progress, cancel)
    # A part file beside `path`, renamed over it once whole (a device, a pipe or a
    # read-only file is refused). Qt is handed the open file, never the name: it dropped
    # the bytes of a name that is not UTF-8, and wrote another file, or none.
    with replacing(path) as handle:
        out = QFile()
        flags = QFileDevice.FileHandleFlag.DontCloseHandle
        if not out.open(handle, QIODevice.OpenModeFlag.WriteOnly, flags):
            raise FactcheckError(f"Cannot write {path}: {out.errorString()}")
        writer: QPdfWriter | None = None
        document: QTextDocument | None = None
        painter: QPainter | None = None
        try:
            writer = QPdfWriter(out)
            writer.setResolution(RESOLUTION)
            writer.setPageSize(QPageSize(PAPER_SIZES[paper]))
            writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
            writer.setTitle(f"Fact-check: {squash(report.article.title)[:500]}")
            writer.setCreator(f"{config.APP_NAME} {report.app_version}")
            document = build_document(report, dpi=RESOLUTION, ticker=ticker, fonts=fonts)
            document.documentLayout().setPaintDevice(writer)
            paint_rect = writer.pageLayout().paintRectPixels(RESOLUTION)
            footer_height = RESOLUTION * 0.22  # about 5.5 mm for the page line
            width, height = paint_rect.width(), paint_rect.height() - footer_height
            document.setTextWidth(width)
            breaks = page_breaks(document, height)
            pages = len(breaks) - 1
            ticker.total += pages
            painter = QPainter()
            if not painter.begin(writer):
                raise FactcheckError(f"Cannot write {path}: the PDF writer did not start.")
            try:
                for page, (top, bottom) in enumerate(itertools.pairwise(breaks)):
                    if page:
                        writer.newPage()
                    # No save() and restore() around the page: Ctrl+C arrives as a Python
                    # exception the moment a long C++ call such as drawContents returns, so
                    # it skipped the restore(), and ending the painter with a state still
                    # saved printed Qt's "QPainter::end: Painter ended with 1 saved states"
                    # on the terminal beside our own line.
                    painter.setTransform(QTransform.fromTranslate(0, -top))
                    # One device pixel short, so the next block's top edge never shows.
                    document.drawContents(painter, QRectF(0, top, width, bottom - top - 1))
                    painter.resetTransform()
                    footer = QRectF(0, height, width, footer_height)
                    _footer(painter, footer, report.article.title, page + 1, pages, fonts.glyphs)
                    ticker.check()  # a page takes milliseconds: honour Stop at every one
                    ticker.step()
            finally:
                painter.end()
            ticker.finish()
        except BaseException:
            # The Qt objects go now, each before what it uses (the painter, the document laid
            # out on the writer, the writer writing into the file). Left to the exception's
            # traceback they went in any order as it was cleared, and after Ctrl+C one could
            # use another already deleted: a segmentation fault after "interrupted".
            painter = document = None
            _free(writer)
            writer = None
            out.close()
            raise  # `replacing` removes the part file: the previous file stays as it was
        painter = document = None
        _free(writer)  # the writer's last bytes are in the file now
        writer = None
        flushed = out.flush() and out.error() == QFileDevice.FileError.NoError
        said = out.errorString()
        # Closed in every case, before `replacing` closes the descriptor: left open after a
        # failed write (a full disk), the QFile kept the bytes it could not write and wrote
        # them, once collected, into whatever file had been given that number meanwhile.
        out.close()
        if not flushed:
            raise _write_failure(handle, path, said)
    return pages


def _free(writer: QPdfWriter | None) -> None:
    """Delete `writer`, after the painter and the document that used it. The document's
    layout took it as its paint device, which gives it to Qt (PySide's rule for
    `setPaintDevice`), and Qt never deletes it: each PDF kept its writer to the end of the
    process, 10 kB a short report and 45 MB over a year's 5,000 with `export --all`."""
    if writer is not None and shiboken6.isValid(writer):
        shiboken6.delete(writer)


def _write_failure(handle: int, path: Path, said: str) -> Exception:
    """Why the PDF could not be written to `handle`, naming `path`. When the disk took part
    of a write and refused the rest (a USB stick filling up), Qt says "Unknown error":
    one more byte, in the part file that is removed anyway, makes the system say why."""
    try:
        os.write(handle, b"\0")
    except OSError as error:
        return OSError(error.errno, error.strerror or said, str(path))
    return FactcheckError(f"Cannot write {path}: {said}")


__all__ = [  # what the export dialog, the command line, the tests and benches use
    "BLOCK_CHARS",
    "KEEP_WHOLE",
    "KEEP_WITH_NEXT",
    "PAPER_SIZES",
    "UNIT_BODY",
    "UNIT_START",
    "ExportCancelled",
    "NoFontError",
    "ReportFonts",
    "build_document",
    "ensure_application",
    "page_breaks",
    "real_font_family",
    "report_fonts",
    "write_pdf",
]
