"""The PDF report as poppler (pdftotext, pdftoppm) showed it, checked here through Qt's own
layout and pypdf: poppler is not installed in CI (`bench/bench_real_readers.py` uses it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Stance, Tag
from factcheck_app.gui.pdf_report import build_document, write_pdf
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.reports.model import load_article_report

ARABIC = "قالت وزارة الصحة إن عدد الإصابات ارتفع إلى 1,234 حالة يوم الاثنين."
EXPLANATION = "Confirmed by the WHO (World Health Organization)."


def _arabic_check(desk: Desk, *, source: bool) -> int:
    article = desk.importer.import_text(ARABIC).article_id
    sentence = desk.reviews.sentence_rows(article)[0].sentence.id
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.reviews.set_text_field(sentence, "claimant", "وزارة الصحة")
    desk.reviews.set_text_field(sentence, "explanation", EXPLANATION)
    desk.reviews.set_verdict(sentence, "true")
    if not source:
        return article
    desk.sources.link_source(
        sentence,
        NewSource(
            "https://example.org/moh", "بيان وزارة الصحة", "وزارة الصحة", dt.date(2021, 2, 4),
            Stance.SUPPORTS, "1,234 حالة",
        ),
    )  # fmt: skip
    return article


def test_an_english_explanation_of_an_arabic_sentence_keeps_its_full_stop(
    desk: Desk, qtbot: QtBot
) -> None:
    """A check is one block, which reads right to left when its sentence is Arabic: an
    English explanation in it had its full stop drawn at the far left, beyond its label
    (". EXPLANATION Confirmed by the WHO (World Health Organization)")."""
    # No source: "SOURCES" after the explanation gave the full stop a direction.
    document = build_document(load_article_report(desk, _arabic_check(desk, source=False)))
    document.setTextWidth(600)
    document.documentLayout()  # lays the document out
    block = document.findBlock(document.find("Confirmed").position())
    text, layout = block.text(), block.layout()

    def x(position: int) -> float:
        (run,) = layout.glyphRuns(position, 1)
        return run.positions()[0].x()

    start, stop = text.index("Confirmed"), text.index(").") + 1
    assert x(start) < x(stop - 1) < x(stop)  # "C", ")" then "." from left to right
    # The check reads right to left, labels included: each label stays at the right of
    # its text, whatever the next line starts with ("EXPLANATION" once pulled the claimant
    # to the label's right).
    label, claimant = text.index("CLAIMANT"), text.index("وزارة الصحة", text.index("CLAIMANT"))
    assert x(claimant) < x(label)
    assert x(stop) < x(text.index("EXPLANATION"))


def test_an_arabic_excerpt_is_drawn_not_boxed(desk: Desk, qtbot: QtBot, tmp_path: Path) -> None:
    """Excerpts are italic, and Arabic has no italic in the fonts a desk has (DejaVu Sans
    Oblique has no Arabic letters): the quoted source text came out as empty boxes, read
    back as NUL characters. Arabic (and Hebrew) excerpts are set upright, as in print."""
    out = tmp_path / "report.pdf"
    write_pdf(load_article_report(desk, _arabic_check(desk, source=True)), out)
    raw = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "\x00" not in raw


def test_words_copied_from_the_pdf_are_spelt_with_letters_not_ligatures(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    """Qt joined fi, ff and fl into one ligature glyph, which readers copy and search as
    one character: "Staﬀ reporter" and "Unveriﬁable" pasted from the report did not
    match the words, and pdftotext wrote them so."""
    article = desk.importer.import_text("The staff verified the official figures.").article_id
    sentence = desk.reviews.sentence_rows(article)[0].sentence.id
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.reviews.set_text_field(sentence, "explanation", "The flow of traffic was affected.")
    desk.reviews.set_verdict(sentence, "unverifiable")
    out = tmp_path / "report.pdf"
    write_pdf(load_article_report(desk, article), out)
    raw = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    for words in ("staff verified the official figures", "flow of traffic", "Unverifiable"):
        assert words in raw
    assert not {chr(code) for code in range(0xFB00, 0xFB07)} & set(raw)
