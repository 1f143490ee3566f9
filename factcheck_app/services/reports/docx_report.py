"""The verdict report as a Word document (python-docx): desks edit and forward in Word."""

from __future__ import annotations

import copy
import functools
import io
import re

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from factcheck_app.domain.models import Tag
from factcheck_app.domain.printable import or_untitled
from factcheck_app.domain.wording import counted, figure, noun_for
from factcheck_app.services.reports.model import (
    ArticleReport,
    ReportSentence,
    ReportSource,
    Ticker,
    quiet_ticker,
)
from factcheck_app.services.reports.text import (
    ORIGINAL_ARTICLE,
    STANCE_COLORS,
    TAG_COLORS,
    article_blocks,
    bounded_report,
    clean,
    draft_line,
    excerpt_paragraphs,
    long_date,
    open_reviews,
    paragraphs,
    report_date,
    right_to_left,
    safe_url,
    shown_address,
    sign_off_label,
    sign_off_line,
    squash,
    status_note,
    verdict_color,
    verdict_tint,
)

SERIF = "Georgia"
SANS = "Arial"
INK = "1B1E23"
MUTED = "5B6370"
ACCENT = "14417A"
WHITE = "FFFFFF"
_BREAKS = re.compile(r"(\n|\t)")


@functools.lru_cache(maxsize=256)
def _paragraph_properties(
    style: str | None, before: float, after: float, indent_cm: float | None, rule: bool
) -> BaseOxmlElement | None:
    """The pPr element for one paragraph look, built once and copied for every paragraph."""
    element = OxmlElement("w:p")
    paragraph = Paragraph(element, None)  # type: ignore[arg-type]
    if style:
        element.style = style  # a style id, set directly: looking names up is slow
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    if indent_cm is not None:
        paragraph.paragraph_format.left_indent = Cm(indent_cm)
    if rule:  # a rule above section headings, as in the HTML and PDF reports
        borders = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "4")):
            top.set(qn(key), value)
        top.set(qn("w:color"), "1B1E23")
        borders.append(top)
        element.get_or_add_pPr().append(borders)
    properties: BaseOxmlElement | None = element.pPr
    return properties


def _complex_script(properties: BaseOxmlElement | None) -> None:
    """Give the complex-script twins of bold, italic and size (w:bCs, w:iCs, w:szCs).

    Word and LibreOffice set Arabic (and the digits and punctuation beside it) by these,
    not by w:b, w:i, w:sz: without them Arabic came out at the default 11 pt and regular,
    and a verdict label in an Arabic paragraph was split into two sizes."""
    if properties is None:
        return
    for latin, twin in (("w:b", "w:bCs"), ("w:i", "w:iCs"), ("w:sz", "w:szCs")):
        element = properties.find(qn(latin))
        if element is None or properties.find(qn(twin)) is not None:
            continue
        copy_of = OxmlElement(twin)
        value = element.get(qn("w:val"))
        if value is not None:
            copy_of.set(qn("w:val"), value)
        element.addnext(copy_of)  # the schema's order: each twin right after its original


@functools.lru_cache(maxsize=256)
def _run_properties(
    bold: bool,
    italic: bool,
    size: float | None,
    color: str | None,
    font: str | None,
    shade: str | None,
) -> BaseOxmlElement | None:
    """The rPr element for one run look, built once and copied for every run."""
    element = OxmlElement("w:r")
    run = Run(element, None)  # type: ignore[arg-type]
    run.bold = bold or None
    run.italic = italic or None
    if size:
        run.font.size = Pt(size)
    if color is not None:
        run.font.color.rgb = RGBColor.from_string(color)
    if font:
        run.font.name = font
    if shade:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), shade.lstrip("#").upper())
        element.get_or_add_rPr().append(shading)
    properties: BaseOxmlElement | None = element.rPr
    _complex_script(properties)
    return properties


class _Body:
    """Appends paragraphs in constant time each.

    python-docx's `add_paragraph` searches the body for the section properties on every
    call and its formatting properties walk the XML each time: a 10,000-sentence report
    took minutes. Here paragraphs go before an anchor (removed at the end) and their
    formatting is copied from elements built once.
    """

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.anchor = document.add_paragraph()

    def add_paragraph(
        self,
        style: str | None = None,
        *,
        before: float = 0,
        after: float = 4,
        indent_cm: float | None = None,
        rule: bool = False,
    ) -> Paragraph:
        element = OxmlElement("w:p")
        properties = _paragraph_properties(style, before, after, indent_cm, rule)
        if properties is not None:
            element.append(copy.deepcopy(properties))
        self.anchor._p.addprevious(element)
        return Paragraph(element, self.anchor._parent)

    def add_table(self, rows: int, cols: int) -> Table:
        table: Table = self.document.add_table(rows=rows, cols=cols)
        self.anchor._p.addprevious(table._tbl)
        return table

    def finish(self) -> None:
        self.anchor._p.getparent().remove(self.anchor._p)


# What follows w:bidi in a paragraph's properties (ECMA-376 order), so it goes before them.
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip


def _direction(paragraph: Paragraph, text: str) -> Paragraph:
    """Mark the paragraph right-to-left when its text reads so (Arabic): Word does not
    guess a paragraph's direction from its text, and laid an Arabic one out left to
    right, its first sentence at the left edge."""
    if right_to_left(text):
        properties = paragraph._p.get_or_add_pPr()
        if properties.find(qn("w:bidi")) is None:
            properties.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
    return paragraph


def _hex(color: RGBColor | str | None) -> str | None:
    if color is None:
        return None
    return str(color) if isinstance(color, RGBColor) else color.lstrip("#").upper()


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    color: RGBColor | str | None = None,
    font: str | None = None,
    shade: str | None = None,
) -> None:
    """Append a run; line breaks and tabs in `text` become Word's own."""
    element = OxmlElement("w:r")
    properties = _run_properties(bold, italic, size, _hex(color), font, shade)
    if properties is not None:
        element.append(copy.deepcopy(properties))
    for piece in _BREAKS.split(clean(text)):
        if piece in ("\n", "\t"):
            element.append(OxmlElement("w:br" if piece == "\n" else "w:tab"))
        elif piece:
            text_element = OxmlElement("w:t")
            text_element.text = piece
            text_element.set(qn("xml:space"), "preserve")
            element.append(text_element)
    paragraph._p.append(element)


def _hyperlink(
    paragraph: Paragraph, url: str, text: str, *, bold: bool = True, size: float | None = None
) -> None:
    """A clickable link (python-docx has no API for it; this is the documented XML)."""
    target = safe_url(url)
    if target is None:
        _run(paragraph, text, bold=bold, size=size)
        return
    rel_id = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    look = Run(run, None)  # type: ignore[arg-type]  # its properties in the schema's order
    look.bold = bold or None
    if size:
        look.font.size = Pt(size)
    look.font.color.rgb = RGBColor.from_string(ACCENT)
    look.font.underline = True
    _complex_script(run.rPr)
    text_element = OxmlElement("w:t")
    text_element.text = clean(text)
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _cell_paragraph(paragraph: Paragraph) -> Paragraph:
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def _section(document: _Body, title: str) -> None:
    heading = document.add_paragraph("Heading1", before=16, after=6, rule=True)
    _run(heading, title.upper(), size=11, color=INK, font=SANS)


def _header(document: _Body, report: ArticleReport) -> None:
    article = report.article
    kicker = document.add_paragraph(after=2)
    _run(kicker, "FACT-CHECK REPORT", bold=True, size=8, color=ACCENT, font=SANS)
    title = _direction(document.add_paragraph("Title", after=6), article.title)
    _run(title, or_untitled(article.title), font=SERIF, color=INK)
    meta = [
        part
        for part in (
            article.outlet,
            f"By {article.author}" if article.author else "",
            f"Published {long_date(article.published)}" if article.published else "",
        )
        if part
    ]
    line = document.add_paragraph(after=0)
    _run(line, "  ·  ".join(meta), size=9, color=MUTED, font=SANS)
    if article.url:
        # The address itself: printed, a link is its words only.
        line = document.add_paragraph(after=0)
        _run(line, ORIGINAL_ARTICLE, size=9, color=MUTED, font=SANS)
        address = shown_address(article.url)
        if safe_url(article.url) is None:
            _run(line, address, size=9, color=MUTED, font=SANS)
        else:
            _hyperlink(line, article.url, address, bold=False, size=9)
    made = [f"Report of {report_date(report.generated_at)}"]
    if draft_line(report):
        made.append(draft_line(report))
    if report.publishing.publisher_name:
        made.insert(0, f"Published by {report.publishing.publisher_name}")
    if report.credits:
        made.append(report.credits)
    _run(document.add_paragraph(), "  ·  ".join(made), size=9, color=MUTED, font=SANS)


def _summary(document: _Body, report: ArticleReport) -> None:
    _section(document, "At a glance")
    percent = round(100 * report.reviewed / report.total) if report.total else 0
    line = document.add_paragraph()
    _run(line, f"{report.reviewed:,}", bold=True, size=20, font=SANS)
    unfinished = open_reviews(report.status_counts)
    of_total = f" of {counted(report.total, 'sentence')} reviewed ({percent}%" + (
        f"; {unfinished})" if unfinished else ")"
    )
    _run(line, of_total, size=10, font=SANS)
    tags = document.add_paragraph(after=8)
    for tag in Tag:
        count = report.tag_counts[tag]
        _run(tags, f"{figure(count)} ", bold=True, size=13, color=TAG_COLORS[tag], font=SANS)
        _run(tags, f"{noun_for(count, tag.label)}     ", size=9, color=MUTED, font=SANS)
    table = document.add_table(rows=len(report.verdict_counts), cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    widths = (Cm(3.5), Cm(9.5), Cm(1.5))
    # The grid too, not only each cell: LibreOffice and Google Docs lay a table out by its
    # grid, which said three equal columns, and the longest bar wrapped onto a second line.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    top = max((c.count for c in report.verdict_counts), default=0) or 1
    for row, c in zip(table.rows, report.verdict_counts, strict=True):
        cells = row.cells
        _run(_cell_paragraph(cells[0].paragraphs[0]), c.label, size=9, font=SANS)
        bar = "█" * round(24 * c.count / top)
        _run(
            _cell_paragraph(cells[1].paragraphs[0]),
            bar or "·",
            size=9,
            color=verdict_color(c.key),
            font=SANS,
        )
        total = figure(c.count)
        _run(_cell_paragraph(cells[2].paragraphs[0]), total, bold=True, size=9, font=SANS)
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width


def _article(document: _Body, report: ArticleReport, ticker: Ticker) -> None:
    _section(document, "The article, annotated")
    _run(
        document.add_paragraph(after=6),
        "Checked sentences are shaded in the colour of their verdict; the label gives the "
        "sentence number and the verdict, detailed in the next section.",
        size=8,
        color=MUTED,
        font=SANS,
    )
    for block in article_blocks(report):
        paragraph = _direction(
            document.add_paragraph(after=6),
            "".join(piece if isinstance(piece, str) else piece.text for piece in block),
        )
        plain: list[str] = []  # untouched sentences go out as one run: Word stays fast
        for piece in block:
            if isinstance(piece, str):
                plain.append(" " if not piece.strip() else piece)
                continue
            ticker.step()
            if not piece.is_entry:
                plain.append(piece.text)
                continue
            if plain:
                _run(paragraph, "".join(plain))
                plain = []
            key = piece.review.verdict
            _run(paragraph, piece.text, shade=verdict_tint(key))
            _run(
                paragraph,
                f"\u00a0{piece.number}\u00a0·\u00a0{piece.verdict or 'No verdict'}\u00a0",
                bold=True,
                size=7,
                color=WHITE,
                font=SANS,
                shade=verdict_color(key),
            )
            plain.append(" ")
        if "".join(plain).strip():
            _run(paragraph, "".join(plain).rstrip())


def _source(document: _Body, source: ReportSource, indent: float) -> None:
    item = document.add_paragraph("ListBullet", after=1, indent_cm=indent + 0.63)
    stance_color = STANCE_COLORS[source.stance]
    _run(
        item, source.stance.label.upper() + "  ", bold=True, size=7.5, color=stance_color, font=SANS
    )
    _hyperlink(item, source.url, source.display_title)
    meta = ", ".join(
        p
        for p in (
            source.publisher,
            f"accessed {long_date(source.accessed)}" if source.accessed else "",
        )
        if p
    )
    if meta:
        _run(item, f" — {meta}", size=9, color=MUTED)
    for part, quoted in excerpt_paragraphs(source.excerpt):
        excerpt = _direction(document.add_paragraph(after=1, indent_cm=indent + 1.2), part)
        if quoted:
            _run(excerpt, "“" + part + "”", italic=True, size=9)
        else:  # the desk's note, not the source's words
            _run(excerpt, part, size=9, color=MUTED)
    url = document.add_paragraph(after=4, indent_cm=indent + 0.63)
    _run(url, source.url, size=7.5, color=MUTED, font=SANS)


def _entry(
    document: _Body, report: ArticleReport, entry: ReportSentence, nested: bool = False
) -> None:
    review = entry.review
    indent = 0.8 if nested else None
    head = document.add_paragraph(
        "Heading3" if nested else "Heading2", before=6 if nested else 10, after=3, indent_cm=indent
    )
    _run(head, f"#{entry.number}  ", color=MUTED, font=SANS, size=10)
    if entry.tag:
        _run(head, entry.tag.label.upper() + "  ", color=TAG_COLORS[entry.tag], font=SANS, size=9)
    _run(
        head,
        f"\u00a0{entry.verdict or 'No verdict yet'}\u00a0",
        color=WHITE,
        font=SANS,
        size=10,
        shade=verdict_color(review.verdict),
    )
    note = status_note(entry)
    if note:
        _run(head, f"  {note}", color="7A4F00", font=SANS, size=8)
    quote = _direction(document.add_paragraph(after=4, indent_cm=indent), entry.text)
    _run(quote, squash(entry.text), size=11.5, font=SERIF)
    target = report.sentence_at(entry.denies_index)
    if entry.tag is Tag.DENIAL and target is not None and not nested:
        line = document.add_paragraph()
        _run(line, f"Denies #{target.number}: “{squash(target.text)}”", size=9, color=MUTED)
    if review.claimant.strip():
        line = _direction(document.add_paragraph(after=2, indent_cm=indent), review.claimant)
        _run(line, "CLAIMANT  ", bold=True, size=7.5, color=MUTED, font=SANS)
        _run(line, squash(review.claimant))
    for number, part in enumerate(paragraphs(review.explanation)):
        line = _direction(document.add_paragraph(after=3, indent_cm=indent), part)
        if number == 0:
            _run(line, "EXPLANATION  ", bold=True, size=7.5, color=MUTED, font=SANS)
        _run(line, part)
    credit = sign_off_line(entry)
    if credit:
        line = document.add_paragraph(after=3, indent_cm=indent)
        _run(
            line, sign_off_label(entry).upper() + "  ", bold=True, size=7.5, color=MUTED, font=SANS
        )
        _run(line, credit)
    if entry.sources:
        count = len(entry.sources)
        label = f"SOURCE{'S' if count != 1 else ''} ({count})"
        line = document.add_paragraph(before=4, after=2, indent_cm=indent)
        _run(line, label, bold=True, size=7.5, color=MUTED, font=SANS)
        for source in entry.sources:
            _source(document, source, indent or 0)


def _property(text: str) -> str:
    """A document property: Word allows at most 255 characters (python-docx refuses more)."""
    text = squash(text)
    return text if len(text) <= 255 else text[:254] + "…"


FOOTER_TITLE_CHARS = 100  # the PDF's footer elides the title to three quarters of a line


def _footer_title(title: str) -> str:
    """The title for the footer of every page: one line, cut short at a word."""
    text = squash(title)
    if len(text) <= FOOTER_TITLE_CHARS:
        return text
    cut = text[: FOOTER_TITLE_CHARS - 1]
    space = cut.rfind(" ")
    if space > FOOTER_TITLE_CHARS // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def render_docx(report: ArticleReport, ticker: Ticker | None = None) -> bytes:
    ticker = ticker or quiet_ticker()
    report = bounded_report(report)  # each field at most FIELD_CHARS long
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = SERIF
    normal.font.size = Pt(10.5)
    _complex_script(normal.element.rPr)
    properties = document.core_properties
    properties.title = _property(f"Fact-check: {report.article.title}")
    properties.author = _property(report.publishing.publisher_name or ", ".join(report.reviewers))
    properties.comments = _property(f"Prepared with Factcheck desk {report.app_version}")

    body = _Body(document)
    _header(body, report)
    _summary(body, report)
    _article(body, report, ticker)
    _section(body, "Claims, denials and facts checked")
    if not report.groups:
        _run(body.add_paragraph(), "No sentence has been tagged yet.", italic=True)
    for group in report.groups:
        ticker.step(1 + len(group.denials))
        _entry(body, report, group.entry)
        if group.denials:  # as the HTML and PDF say it: the indent alone reads as nothing
            label = body.add_paragraph(before=6, after=0, indent_cm=0.8)
            label.paragraph_format.keep_with_next = True
            _run(label, "DENIED BY", bold=True, size=7.5, color=MUTED, font=SANS)
        for denial in group.denials:
            _entry(body, report, denial, nested=True)
    body.finish()
    footer = section.footer.paragraphs[0]
    title = _footer_title(report.article.title)
    _run(footer, f"Fact-check: {title}", size=7.5, color=MUTED, font=SANS)
    out = io.BytesIO()
    document.save(out)
    ticker.finish()
    return out.getvalue()
