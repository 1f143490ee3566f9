"""Regenerate the Word and PDF import fixtures and their expected text.

Run from the repository root:  .venv/bin/python tests/data/import_pages/make_fixtures.py

The DOCX files are written with python-docx (plus a hand-made footnotes part, which
python-docx cannot create); the PDFs are painted line by line with Qt's QPdfWriter, so
the generator decides where lines wrap, which words are hyphenated at a line end and
what the running headers and page numbers say. Qt is fine here: this is a test-data
generator, not domain code. The outputs are committed (each well under 50 KB), so the
tests never need Qt.

Each fixture `NAME.docx` / `NAME.pdf` gets `NAME.expected.json` with the true text
(paragraphs separated by a blank line) and the true metadata.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _write_expected(name: str, text: str, metadata: dict[str, str | None]) -> None:
    payload = {"body": text, "metadata": metadata}
    (HERE / f"{name}.expected.json").write_text(
        json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


# -- DOCX ---------------------------------------------------------------------------------

DOC1_PARAS = [
    ("Heading 2", "Background"),
    (
        None,
        "The regional water authority raised household tariffs by 6.5% on 1 April, "
        "the third increase in as many years.",
    ),
    (
        None,
        "The authority said the rise would pay for replacing 140 kilometres of "
        "lead pipes, a programme it expects to finish by 2030.",
    ),
    ("Heading 2", "What the consumer group says"),
    (
        None,
        "The consumer group Water Watch said the authority had promised in 2022 "
        "that tariffs would stay flat until the pipe programme was half done.",
    ),
]


def _add_footnote(docx_bytes: bytes) -> bytes:
    """Insert a real footnote (part, relationship, content type and reference)."""
    src = zipfile.ZipFile(io.BytesIO(docx_bytes))
    out = io.BytesIO()
    footnotes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
        '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Annual report 2023, '
        "table 4. FOOTNOTE TEXT MUST NOT BE IMPORTED.</w:t></w:r></w:p></w:footnote>"
        "</w:footnotes>"
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    b"</Relationships>",
                )
            elif item.filename == "word/document.xml":
                marker = b"the third increase in as many years."
                data = data.replace(
                    marker + b"</w:t></w:r>",
                    marker + b'</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
                    b'</w:rPr><w:footnoteReference w:id="1"/></w:r>',
                    1,
                )
                assert b"footnoteReference" in data
            dst.writestr(item, data)
        dst.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()


def make_docx() -> None:
    import docx
    from docx.enum.text import WD_BREAK

    # doc1: Title style, headings, a footnote and a reviewer comment.
    d = docx.Document()
    d.core_properties.title = "Water tariffs rise for third year"
    d.core_properties.author = "Elena Marsh"
    d.core_properties.created = dt.datetime(2024, 4, 3, 9, 30)
    d.add_paragraph("Water tariffs rise for third year", style="Title")
    for style, text in DOC1_PARAS:
        para = d.add_paragraph(text, style=style) if style else d.add_paragraph(text)
        if text.startswith("The consumer group"):
            d.add_comment(para.runs, text="COMMENT: check the 2022 promise", author="Desk")
    buffer = io.BytesIO()
    d.save(buffer)
    (HERE / "doc1.docx").write_bytes(_add_footnote(buffer.getvalue()))
    _write_expected(
        "doc1",
        "\n\n".join(text for _, text in DOC1_PARAS),
        {
            "title": "Water tariffs rise for third year",
            "author": "Elena Marsh",
            "published": "2024-04-03",
        },
    )

    # doc2: tracked changes (an insertion kept, a deletion dropped), a table, a line break.
    d = docx.Document()
    d.core_properties.title = "Bridge inspection"
    d.core_properties.author = "Omar Haddad"
    d.core_properties.created = dt.datetime(2023, 9, 12, 16, 0)
    p1 = d.add_paragraph("Inspectors found corrosion on ")
    p1.add_run("four of the twelve").bold = True
    p1.add_run(" steel cables of the Harbour Road bridge, the city said on Tuesday.")
    p2 = d.add_paragraph("The bridge will stay open to cars")
    p2.add_run(" DELETED-WORDS")  # turned into a tracked deletion below
    p2.add_run(" but closed to lorries")  # turned into a tracked insertion below
    p2.add_run(" until repairs are finished.")
    table = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Cable", "Loss of section"), ("C3", "12%"), ("C7", "9%")]):
        table.cell(r, 0).text = a
        table.cell(r, 1).text = b
    p3 = d.add_paragraph("Repairs are expected to cost 2.1 million euros.")
    p3.add_run().add_break(WD_BREAK.LINE)
    p3.add_run("Work starts in November.")
    _track_changes(p2)
    d.save(str(HERE / "doc2.docx"))
    _write_expected(
        "doc2",
        "Inspectors found corrosion on four of the twelve steel cables of the Harbour Road "
        "bridge, the city said on Tuesday.\n\n"
        "The bridge will stay open to cars but closed to lorries until repairs are finished."
        "\n\nCable\tLoss of section\nC3\t12%\nC7\t9%\n\n"
        "Repairs are expected to cost 2.1 million euros.\nWork starts in November.",
        {"title": "Bridge inspection", "author": "Omar Haddad", "published": "2023-09-12"},
    )

    # doc3: French, list paragraphs, no Title paragraph in the body.
    d = docx.Document()
    d.core_properties.title = "Les loyers augmentent à Lyon"
    d.core_properties.author = "Claire Dubois"
    d.core_properties.created = dt.datetime(2022, 2, 1, 8, 0)
    paras3 = [
        "Les loyers ont augmenté de 4,2 % en un an dans la métropole de Lyon, selon "
        "l’observatoire local des loyers.",
        "Les hausses les plus fortes concernent :",
        "les studios du centre-ville ;",
        "les logements proches des universités.",
        "« La demande dépasse l’offre depuis trois ans », explique l’observatoire.",
    ]
    d.add_paragraph(paras3[0])
    d.add_paragraph(paras3[1])
    d.add_paragraph(paras3[2], style="List Bullet")
    d.add_paragraph(paras3[3], style="List Bullet")
    d.add_paragraph(paras3[4])
    d.save(str(HERE / "doc3.docx"))
    _write_expected(
        "doc3",
        "\n\n".join(paras3),
        {
            "title": "Les loyers augmentent à Lyon",
            "author": "Claire Dubois",
            "published": "2022-02-01",
        },
    )

    # doc4: no core title (Word leaves it empty): the Heading 1 on top is the title.
    d = docx.Document()
    d.core_properties.title = ""
    d.core_properties.author = "R. Okoye"
    d.core_properties.created = dt.datetime(2021, 11, 30, 12, 0)
    d.add_paragraph("Clinic waiting times double", style="Heading 1")
    paras4 = [
        "Average waiting times at the city’s walk-in clinics doubled to 94 minutes in "
        "October, the health department said.",
        "",  # empty paragraphs in Word are spacing, not text
        "Staff shortages\there are the main cause, the department added.",
        "Regional figures",
        "Two of the five clinics reported waits of more than two hours.",
    ]
    for text in paras4:
        d.add_paragraph(text, style="Heading 2" if text == "Regional figures" else None)
    d.save(str(HERE / "doc4.docx"))
    _write_expected(
        "doc4",
        "\n\n".join(t for t in paras4 if t),
        {"title": "Clinic waiting times double", "author": "R. Okoye", "published": "2021-11-30"},
    )


def _track_changes(paragraph: object) -> None:
    """Wrap the 2nd run of `paragraph` in w:del and the 3rd in w:ins."""
    from docx.oxml.ns import qn
    from lxml import etree

    runs = paragraph._p.findall(qn("w:r"))  # type: ignore[attr-defined]
    deleted, inserted = runs[1], runs[2]
    for run, tag in ((deleted, "w:del"), (inserted, "w:ins")):
        wrapper = etree.SubElement(paragraph._p, qn(tag))  # type: ignore[attr-defined]
        wrapper.set(qn("w:id"), "1" if tag == "w:del" else "2")
        wrapper.set(qn("w:author"), "Editor")
        run.addprevious(wrapper)
        wrapper.append(run)
    for t in deleted.findall(qn("w:t")):
        t.tag = qn("w:delText")


# -- PDF ----------------------------------------------------------------------------------


def _wrap(paragraph: str, width: int, hyphenate: dict[str, int]) -> list[str]:
    """Greedy wrap at `width` characters; words in `hyphenate` are split at a line end."""
    lines: list[str] = []
    line = ""
    for word in paragraph.split(" "):
        candidate = f"{line} {word}" if line else word
        bare = word.rstrip(".,;:'s")
        # Words to hyphenate are split whenever the line is over half full, so that each
        # fixture really has them at a line end.
        force = bare in hyphenate and len(line) > 20
        if len(candidate) <= width and not force:
            line = candidate
            continue
        if bare in hyphenate and line and len(line) + hyphenate[bare] + 2 <= width:
            cut = hyphenate[bare]
            head, tail = word[:cut], word[cut:]
            # A word already holding a hyphen at the cut breaks after it, as typesetters do.
            head = head if head.endswith("-") else head + "-"
            lines.append(f"{line} {head}")
            line = tail
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def _paint_pdf(
    path: Path,
    pages: list[list[tuple[str, str]]],
    *,
    header: str = "",
    footer: str = "",
    title: str = "",
    author: str = "",
) -> None:
    """Paint pages of (kind, text) lines: kind 'p' first line, 'l' continuation, 'g' gap."""
    from PySide6.QtCore import QMarginsF, QPointF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(title)
    if author:
        writer.setAuthor(author)
    painter = QPainter(writer)
    body = QFont("DejaVu Serif", 11)
    small = QFont("DejaVu Sans", 8)
    line_height = 300 * 11 * 1.45 / 72
    total = len(pages)
    for number, lines in enumerate(pages, start=1):
        if number > 1:
            writer.newPage()
        if header:
            painter.setFont(small)
            painter.drawText(QPointF(0, 40), header)
        painter.setFont(body)
        y = 260.0
        for kind, text in lines:
            if kind == "g":
                y += line_height * 0.8
                continue
            indent = 90.0 if kind == "p" else 0.0
            painter.drawText(QPointF(indent, y), text)
            y += line_height
        if footer:
            painter.setFont(small)
            painter.drawText(QPointF(0, 3200), footer.format(n=number, total=total))
    painter.end()


def _layout(
    paragraphs: list[str], hyphenate: dict[str, int], per_page: int, gap: bool
) -> list[list[tuple[str, str]]]:
    pages: list[list[tuple[str, str]]] = [[]]
    for para in paragraphs:
        wrapped = _wrap(para, 78, hyphenate)
        for i, line in enumerate(wrapped):
            if len(pages[-1]) >= per_page:
                pages.append([])
            pages[-1].append(("p" if i == 0 else "l", line))
        if gap:
            pages[-1].append(("g", ""))
    return pages


PDF1 = [
    "The port authority handled 41.2 million tonnes of cargo last year, an increase of "
    "3.1% on the year before, according to its annual report published on Wednesday. "
    "Container traffic grew fastest, while bulk grain shipments fell for the second year "
    "running.",
    "The authority said the opening of the new international terminal in March had "
    "allowed larger ships to call at the port. Its chief executive, Marta Silva, said "
    "the terminal was running at about 70% of its capacity and would reach full use "
    "within two years.",
    "Dock workers' unions said the growth had not been matched by hiring. The authority "
    "employs 2,340 people, 60 fewer than five years ago, the report shows. Overtime "
    "payments doubled over the same period.",
    "Environmental groups criticised the authority for delaying shore power for cruise "
    "ships, which would let them switch off their engines while docked. The authority "
    "said the installation was now planned for 2026, two years later than announced.",
    "Cargo volumes in the first quarter of this year were 2% higher than a year earlier, "
    "the report said. The authority expects growth to slow as new capacity at competing "
    "ports comes into service.",
    "The city council, which owns the authority, will debate the report at its meeting next month.",
]


def make_pdfs() -> None:
    from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPdfWriter

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    del app  # kept alive by Qt; only needed for fonts

    # pdf1: three pages, running header, "Page N of M" footer, paragraphs separated by gaps,
    # one hyphenated common word at a line end.
    pdf1 = PDF1
    _paint_pdf(
        HERE / "pdf1.pdf",
        _layout(pdf1, {"international": 5, "authority": 4}, per_page=9, gap=True),
        header="PORT OF ARDEN — ANNUAL REPORT 2023 — SUMMARY FOR THE PRESS",
        footer="Page {n} of {total}",
        title="Port cargo rises 3% in record year",
        author="Port of Arden press office",
    )
    _write_expected(
        "pdf1",
        "\n\n".join(pdf1),
        {
            "title": "Port cargo rises 3% in record year",
            "author": "Port of Arden press office",
            "published": None,
        },
    )

    # pdf2: paragraphs marked by first-line indents only (no gap); real hyphens at line ends.
    pdf2 = [
        "Ankara, Baku's main backer in the Nagorno-Karabakh conflict, has accused Armenia "
        "of targeting Ganja, Azerbaijan's second most populous city, and of violating the "
        "Geneva Conventions, according to a statement circulated to reporters.",
        "The ministry said the shelling was a new manifestation of what it called an "
        "unlawful attitude. Observers from several international organisations said they "
        "could not independently confirm the number of casualties.",
        "Yerevan has dismissed the allegations that it opened fire from its territory. In a "
        "separate statement, it accused Azerbaijani forces of firing rockets on "
        "Stepanakert, the enclave's main city, and on several nearby villages.",
        "Talks mediated by the co-chairs of the Minsk Group have so far produced no "
        "ceasefire that has held for more than a few hours.",
    ]
    _paint_pdf(
        HERE / "pdf2.pdf",
        _layout(
            pdf2,
            {
                "Nagorno-Karabakh": 8,
                "international": 5,
                "Azerbaijani": 5,
                "co-chairs": 3,
                "independently": 2,
            },
            per_page=14,
            gap=False,
        ),
        footer="{n}",
        title="",
    )
    _write_expected("pdf2", "\n\n".join(pdf2), {"title": None, "author": None, "published": None})

    # pdf3: one page, German, no header or footer.
    pdf3 = [
        "Die Stadtwerke erhöhen zum 1. Januar die Gaspreise um durchschnittlich 9 Prozent. "
        "Ein Haushalt mit einem Jahresverbrauch von 20.000 Kilowattstunden zahlt damit "
        "rund 160 Euro mehr im Jahr.",
        "Als Grund nennen die Stadtwerke gestiegene Beschaffungskosten. "
        "Verbraucherschützer raten, die Abschläge zu überprüfen und gegebenenfalls "
        "den Anbieter zu wechseln.",
    ]
    _paint_pdf(
        HERE / "pdf3.pdf",
        _layout(pdf3, {"Beschaffungskosten": 12, "Verbraucherschützer": 11}, per_page=40, gap=True),
        title="Gaspreise steigen zum Jahreswechsel",
        author="Lokalredaktion",
    )
    _write_expected(
        "pdf3",
        "\n\n".join(pdf3),
        {
            "title": "Gaspreise steigen zum Jahreswechsel",
            "author": "Lokalredaktion",
            "published": None,
        },
    )

    # pdf4: four pages, a running header, page numbers in dashes below.
    pdf4 = [re.sub(r"\bport\b", "harbour", p) for p in PDF1] + [
        "Harbour officials said a full breakdown by cargo type would be published in the "
        "statistical annex later this year.",
    ]
    _paint_pdf(
        HERE / "pdf4.pdf",
        _layout(pdf4, {"international": 5}, per_page=7, gap=True),
        header="Arden Harbour Review",
        footer="– {n} –",
        title="Harbour review",
        author="",
    )
    _write_expected(
        "pdf4", "\n\n".join(pdf4), {"title": "Harbour review", "author": None, "published": None}
    )

    # scanned.pdf: an image of text and no text layer.
    image = QImage(600, 200, QImage.Format.Format_Grayscale8)
    image.fill(255)
    writer = QPdfWriter(str(HERE / "scanned.pdf"))
    writer.setResolution(72)
    painter = QPainter(writer)
    painter.drawImage(0, 0, image)
    painter.end()


if __name__ == "__main__":
    make_docx()
    make_pdfs()
    for path in sorted(HERE.glob("*.docx")) + sorted(HERE.glob("*.pdf")):
        print(f"{path.name}: {path.stat().st_size} bytes")
