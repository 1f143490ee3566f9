"""The PDF report's content as a QTextDocument: header, summary, the article and one card
per check, written with a `Builder` (pdf_builder.py). Also the export dialog's preview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

from factcheck_app.domain.models import Tag
from factcheck_app.domain.printable import or_untitled
from factcheck_app.domain.wording import counted, figure, noun_for
from factcheck_app.gui.pdf_builder import (
    ACCENT,
    CARD_BACKGROUND,
    LINE,
    MUTED,
    SOFT,
    UNIT_BODY,
    UNIT_HEADING,
    UNIT_START,
    Builder,
    ReportFonts,
    report_fonts,
    without_ligatures,
)
from factcheck_app.services.reports.model import (
    ArticleReport,
    ReportSentence,
    ReportSource,
    Ticker,
    VerdictCount,
    quiet_ticker,
)
from factcheck_app.services.reports.text import (
    ORIGINAL_ARTICLE,
    STANCE_COLORS,
    TAG_COLORS,
    article_blocks,
    bounded_report,
    draft_line,
    excerpt_paragraphs,
    long_date,
    open_reviews,
    paragraphs,
    report_date,
    shown_address,
    sign_off_label,
    sign_off_line,
    status_note,
    verdict_color,
    verdict_tint,
)


def _header(b: Builder, report: ArticleReport) -> None:
    article = report.article
    b.block(b.block_format(bottom=4))
    b.text("FACT-CHECK REPORT", b.char(size=7.5, bold=True, color=ACCENT, sans=True))
    b.block(b.block_format(bottom=8))
    b.text(or_untitled(article.title), b.char(size=20, bold=True))
    meta = [
        part
        for part in (
            article.outlet,
            f"By {article.author}" if article.author else "",
            f"Published {long_date(article.published)}" if article.published else "",
        )
        if part
    ]
    separator = b.char(size=8.5, color="#9aa1ab", sans=True)
    b.block(b.block_format())
    for index, part in enumerate(meta):
        if index:
            b.text("  ·  ", separator)
        b.text(part, b.meta)
    if article.url:
        # The address itself: printed, a link is its words only (long ones wrap anywhere).
        b.block(b.block_format())
        b.text(ORIGINAL_ARTICLE, b.meta)
        b.link(article.url, shown_address(article.url), b.meta)
    made = [f"Report of {report_date(report.generated_at)}"]
    if draft_line(report):
        made.append(draft_line(report))
    if report.publishing.publisher_name:
        made.insert(0, f"Published by {report.publishing.publisher_name}")
    if report.credits:
        made.append(report.credits)
    b.block(b.block_format())
    for index, part in enumerate(made):
        if index:
            b.text("  ·  ", separator)
        b.text(part, b.meta)


def _after(table: QTextTable) -> QTextCursor:
    """A cursor in the empty block Qt keeps after a table."""
    cursor = table.lastCursorPosition()
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
    return cursor


def _bar(b: Builder, cursor: QTextCursor, percent: int, color: str, size: float) -> QTextCursor:
    """A horizontal bar: a one-row table whose first cell is `percent` wide; returns the
    cursor after it."""
    fmt = QTextTableFormat()
    fmt.setBorder(0)
    fmt.setCellPadding(0)
    fmt.setCellSpacing(0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    widths = [percent, 100 - percent] if 0 < percent < 100 else [100]
    fmt.setColumnWidthConstraints(
        [QTextLength(QTextLength.Type.PercentageLength, w) for w in widths]
    )
    table = cursor.insertTable(1, len(widths), fmt)
    colors = [color, SOFT] if len(widths) == 2 else [color if percent else SOFT]
    for column, cell_color in enumerate(colors):
        cell = table.cellAt(0, column)
        cell_format = cell.format().toTableCellFormat()
        cell_format.setBackground(QColor(cell_color))
        cell.setFormat(cell_format)
        # Qt sizes an empty cell by its font: a small font gives a thin bar.
        cell.firstCursorPosition().insertText("\u00a0", b.char(size=size))
    return _after(table)


def _plain_table(columns: list[float]) -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setBorder(0)
    fmt.setCellPadding(1)
    fmt.setCellSpacing(0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setColumnWidthConstraints(
        [QTextLength(QTextLength.Type.PercentageLength, w) for w in columns]
    )
    return fmt


def _verdict_rows(b: Builder, cursor: QTextCursor, counts: tuple[VerdictCount, ...]) -> None:
    top = max((c.count for c in counts), default=0) or 1
    table = cursor.insertTable(len(counts), 3, _plain_table([32, 55, 13]))
    label = b.char(size=8.5, sans=True)
    bold = b.char(size=8.5, sans=True, bold=True)
    for row, c in enumerate(counts):
        table.cellAt(row, 0).firstCursorPosition().insertText(c.label, label)
        cell = table.cellAt(row, 1)
        cell_format = cell.format().toTableCellFormat()
        cell_format.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
        cell.setFormat(cell_format)
        _bar(b, cell.firstCursorPosition(), round(100 * c.count / top), verdict_color(c.key), 6)
        right = table.cellAt(row, 2).firstCursorPosition()
        block = right.blockFormat()
        block.setAlignment(Qt.AlignmentFlag.AlignRight)
        right.setBlockFormat(block)
        right.insertText(figure(c.count), bold)


def _summary(b: Builder, report: ArticleReport) -> None:
    b.heading("At a glance")
    total, reviewed = report.total, report.reviewed
    percent = round(100 * reviewed / total) if total else 0
    table = b.cursor.insertTable(1, 2, _plain_table([42, 58]))
    left = table.cellAt(0, 0)
    left_format = left.format().toTableCellFormat()
    left_format.setRightPadding(b.px(18))
    left.setFormat(left_format)
    cursor = left.firstCursorPosition()
    cursor.insertText(f"{reviewed:,}", b.char(size=22, bold=True, sans=True))
    of_total = f" of {counted(total, 'sentence')} reviewed"
    cursor.insertText(of_total, b.char(size=9.5, color=MUTED, sans=True))
    cursor.insertBlock()
    cursor = _bar(b, cursor, percent, ACCENT, 4)
    unfinished = open_reviews(report.status_counts)
    cursor.setBlockFormat(b.block_format(top=3, bottom=10))
    note = f"{percent}% done" + (f" · {unfinished}" if unfinished else "")
    cursor.insertText(note, b.char(size=8, color=MUTED, sans=True))
    cursor.insertBlock(b.block_format())
    for tag in Tag:
        count = report.tag_counts[tag]
        big = b.char(size=15, bold=True, color=TAG_COLORS[tag], sans=True)
        cursor.insertText(f"{figure(count)} ", big)
        cursor.insertText(f"{noun_for(count, tag.label).upper()}\u2003", b.caps)
    cursor = table.cellAt(0, 1).firstCursorPosition()
    checked = len(report.entries)
    cursor.insertText(
        f"VERDICTS ON {counted(checked, 'checked statement').upper()}",
        b.char(size=7.5, bold=True, color=MUTED, sans=True),
    )
    cursor.insertBlock()
    _verdict_rows(b, cursor, report.verdict_counts)
    b.cursor = _after(table)
    # Qt keeps an empty block after a table: make it a hairline rather than a blank line.
    b.cursor.setBlockFormat(b.block_format())
    b.cursor.setBlockCharFormat(b.char(size=1))


def _article(b: Builder, report: ArticleReport, ticker: Ticker, limit: int | None) -> None:
    b.heading("The article, annotated")
    b.block(b.block_format(bottom=8))
    b.text(
        "Checked sentences are highlighted in the colour of their verdict; the label gives the "
        "sentence number and the verdict, detailed below.",
        b.char(size=8, color=MUTED, sans=True),
    )
    paragraph = b.block_format(bottom=6, line_height=140)
    tints: dict[str, QTextCharFormat] = {}
    badges: dict[str, QTextCharFormat] = {}
    shown = 0
    for block in article_blocks(report):
        b.block(paragraph)
        for piece in block:
            b.soft_break()
            if isinstance(piece, str):
                b.text(piece)
                continue
            ticker.step()
            shown += 1
            if not piece.is_entry:
                b.text(piece.text)
                continue
            key = piece.review.verdict or ""
            if key not in tints:
                tints[key] = b.char(background=verdict_tint(key))
                badges[key] = b.char(
                    size=7, bold=True, color="#ffffff", background=verdict_color(key), sans=True
                )
            b.text(piece.text, tints[key])
            b.text(" ")
            # No-break spaces: a badge never wraps inside itself.
            label = f"\u00a0{piece.number}\u00a0·\u00a0{piece.verdict or 'No verdict'}\u00a0"
            b.text(label.replace(" ", "\u00a0"), badges[key])
        if limit is not None and shown >= limit:
            break
    if limit is not None and shown < report.total:
        b.block(b.block_format(top=6))
        of_all = counted(report.total, "sentence")
        b.text(f"Preview: the first {figure(shown)} of {of_all}.", b.meta)


def _source(b: Builder, source: ReportSource, card: QTextBlockFormat) -> None:
    color = STANCE_COLORS[source.stance]
    b.block(card, UNIT_BODY)
    b.gap(2)
    b.text(source.stance.label.upper(), b.char(size=7, bold=True, color=color, sans=True))
    b.text("\u00a0\u00a0")
    b.link(source.url, source.display_title, b.char(size=8.5, bold=True, sans=True))
    meta = ", ".join(
        p
        for p in (
            source.publisher,
            f"accessed {long_date(source.accessed)}" if source.accessed else "",
        )
        if p
    )
    if meta:
        b.text(f" — {meta}", b.meta)
    indented = QTextBlockFormat(card)
    indented.setLeftMargin(card.leftMargin() + b.px(24))
    b.block(indented, UNIT_BODY)
    bar = b.char(color=color, size=9)
    excerpt = b.char(italic=True, size=9)
    for part, quoted in excerpt_paragraphs(source.excerpt):
        if quoted:
            b.text("▍\u00a0", bar)
            b.text(part.replace("\n", LINE), excerpt)
        else:  # the desk's note, not the source's words: no quote bar, no italics
            b.text(part.replace("\n", LINE), b.meta)
        b.line()
    b.text(source.url, b.char(size=7, color=MUTED, sans=True))


def _card(
    b: Builder,
    report: ArticleReport,
    entry: ReportSentence,
    denials: tuple[ReportSentence, ...] = (),
    *,
    nested: bool = False,
) -> None:
    """One check: a strip in the verdict's colour, then the details on a light background."""
    review = entry.review
    strip = b.block_format(
        top=0 if nested else 14, left=9, right=9, background=verdict_color(review.verdict)
    )
    b.block(strip, UNIT_BODY if nested else UNIT_START)
    white = b.char(size=8.5, color="#ffffff", sans=True)
    head = [f"#{entry.number}"] + ([entry.tag.label.upper()] if entry.tag else [])
    b.text("\u00a0\u00a0·\u00a0\u00a0".join(head) + "\u00a0\u00a0·\u00a0\u00a0", white)
    b.text(
        entry.verdict or "No verdict yet", b.char(size=8.5, color="#ffffff", bold=True, sans=True)
    )
    note = status_note(entry)
    if note:
        b.text("\u00a0\u00a0\u00a0")
        b.text(
            f"\u00a0{note}\u00a0",
            b.char(size=8.5, color="#7a4f00", background="#fff1cc", sans=True),
        )
    card = b.block_format(left=9, right=9, background=CARD_BACKGROUND)
    b.block(card, UNIT_BODY)
    b.gap(4)
    b.text(" ".join(entry.text.split()), b.char(size=11))
    target = report.sentence_at(entry.denies_index)
    b.line()
    if entry.tag is Tag.DENIAL and target is not None and not nested:
        b.gap(3)
        b.text(
            f"Denies #{target.number}: ",
            b.char(size=8.5, color=MUTED),
        )
        b.text(f"“{' '.join(target.text.split())}”", b.char(size=8.5, color=MUTED), isolate=True)
        b.line()
    b.gap(3)
    if review.claimant.strip():
        b.text("CLAIMANT\u00a0\u00a0", b.caps)
        b.text(review.claimant.strip(), isolate=True)
        b.line()
    for number, part in enumerate(paragraphs(review.explanation)):
        if number == 0:
            b.text("EXPLANATION\u00a0\u00a0", b.caps)
        b.text(part.replace("\n", LINE), isolate=True)
        b.line()
    credit = sign_off_line(entry)
    if credit:
        b.text(sign_off_label(entry).upper() + "\u00a0\u00a0", b.caps)
        b.text(credit, isolate=True)
        b.line()
    if entry.sources:
        count = len(entry.sources)
        b.gap(2)
        b.text(f"SOURCE{'S' if count != 1 else ''} ({count})", b.caps)
        for source in entry.sources:
            _source(b, source, card)
    if denials:
        b.block(card, UNIT_HEADING)  # kept with the first denial below it
        b.gap(4)
        b.text("DENIED BY", b.caps)
        for denial in denials:
            _card(b, report, denial, nested=True)
    if not nested:
        b.block(card, UNIT_BODY)
        b.text("\u00a0", b.char(size=5))  # bottom air of the check


def build_document(
    report: ArticleReport,
    *,
    dpi: float = 96,
    limit: int | None = None,
    ticker: Ticker | None = None,
    fonts: ReportFonts | None = None,
) -> QTextDocument:
    """The whole report as a QTextDocument for a device of `dpi` (a preview: `limit` sentences).

    Each text is laid out up to `FIELD_CHARS` characters, then cut with a note: a field of
    100 MB would take Qt minutes and gigabytes (the JSON export keeps every character).
    `fonts`: from `report_fonts`, which a worker must be given (none: found here).
    """
    fonts = fonts or report_fonts()
    ticker = ticker or quiet_ticker()
    report = bounded_report(report)
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.setDocumentMargin(0)  # the page margins are the writer's
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, report.article.title)
    b = Builder(document, dpi, fonts)
    document.setDefaultFont(without_ligatures(QFont(b.serif, 10)))
    b.cursor.beginEditBlock()
    _header(b, report)
    _summary(b, report)
    _article(b, report, ticker, limit)
    b.heading("Claims, denials and facts checked")
    if not report.groups:
        b.block(b.block_format())
        b.text("No sentence has been tagged yet.", b.char(italic=True, color=MUTED))
    for cards, group in enumerate(report.groups, start=1):
        ticker.step(1 + len(group.denials))
        _card(b, report, group.entry, group.denials)
        if limit is not None and cards >= max(limit // 4, 10):
            b.block(b.block_format(top=8))
            b.text(f"Preview: the first {cards} of {len(report.groups)} checks.", b.meta)
            break
    b.block(b.block_format(top=18))
    b.text(
        f"Prepared with Factcheck desk {report.app_version} on "
        f"{report.generated_at:%Y-%m-%d %H:%M} UTC. Sentence numbers (#) follow the "
        "article's reading order.",
        b.char(size=7.5, color=MUTED, sans=True),
    )
    b.cursor.endEditBlock()
    return document
