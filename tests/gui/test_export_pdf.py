"""The PDF report: real fonts embedded, text extractable, paper sizes, pagination, safety."""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
import sys
import traceback
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.models import Stance, Tag
from factcheck_app.gui import pdf_builder, pdf_report
from factcheck_app.gui.pdf_report import (
    KEEP_WHOLE,
    KEEP_WITH_NEXT,
    UNIT_BODY,
    UNIT_START,
    NoFontError,
    build_document,
    page_breaks,
    real_font_family,
    write_pdf,
)
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.reports.model import (
    ArticleReport,
    ExportCancelled,
    load_article_report,
)
from factcheck_app.storage import scratch as pdf_report_scratch
from tests.sample_review import apply_sample_review

FOOTER = re.compile(r"Fact-check: .*?Page \d+ of \d+\s*$", re.DOTALL)


@pytest.fixture
def report(seeded_desk: Desk, qtbot: QtBot) -> ArticleReport:
    apply_sample_review(seeded_desk, 1)
    return load_article_report(seeded_desk, 1)


def pdf_text(path: Path) -> str:
    """All pages' text as a reader would search it: footers dropped, ligatures and white space
    normalised (pypdf separates words with tabs and keeps the ﬀ ligature)."""
    pages = []
    for page in PdfReader(path).pages:
        text = unicodedata.normalize("NFKC", " ".join(page.extract_text().split()))
        pages.append(FOOTER.sub("", text))
    return " ".join(pages)


def embedded_fonts(path: Path) -> set[str]:
    """Base names of the fonts whose programs are embedded in the file."""
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                if any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(font["/BaseFont"]))
    return names


def test_a_real_font_family_is_installed(qtbot: QtBot) -> None:
    family = real_font_family()
    assert family in QFontDatabase.families()
    assert QFontDatabase.isScalable(family)
    assert QFontInfo(QFont(family)).family() == family  # not a silent substitute


def test_pdf_embeds_real_fonts_and_its_text_is_extractable(
    report: ArticleReport, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    pages = write_pdf(report, out)
    assert pages == len(PdfReader(out).pages) >= 2
    fonts = embedded_fonts(out)
    family = real_font_family().replace(" ", "")
    assert any(family in name for name in fonts), fonts
    text = pdf_text(out)
    for sentence in report.sentences:
        assert " ".join(sentence.text.split()) in text
    for words in (
        "AT A GLANCE",
        "10 of 12 sentences reviewed",
        "#5 · CLAIM · Mostly true",
        "#6 · DENIAL · Unverifiable",
        "5 · Mostly true",
        "CLAIMANT Government of Azerbaijan",
        "SUPPORTS Statement on the shelling of Ganja — Prosecutor General of Azerbaijan, "
        "accessed 5 October 2020",
        "Needs second look",
    ):
        assert words in text, words
    reader = PdfReader(out)
    assert reader.metadata is not None and reader.metadata.title.startswith("Fact-check: Ankara")
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    ]
    assert "https://example.org/prosecutor/ganja-statement" in links


@pytest.mark.parametrize(("paper", "size"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_paper_sizes(
    report: ArticleReport, tmp_path: Path, paper: str, size: tuple[int, int]
) -> None:
    out = tmp_path / f"{paper}.pdf"
    write_pdf(report, out, paper=paper)
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_without_a_font_nothing_is_written(
    report: ArticleReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_builder.QFontDatabase, "families", staticmethod(lambda *a: []))
    out = tmp_path / "report.pdf"
    with pytest.raises(NoFontError, match="fonts-dejavu-core"):
        write_pdf(report, out)
    assert not out.exists()


def test_cancelled_pdf_leaves_the_previous_file(report: ArticleReport, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "report.pdf"
    out.write_bytes(b"%PDF previous")
    calls: list[int] = []

    def progress(done: int, total: int) -> None:
        calls.append(done)

    with pytest.raises(ExportCancelled):
        write_pdf(report, out, progress=progress, cancel=lambda: len(calls) >= 1)
    assert out.read_bytes() == b"%PDF previous"
    assert [p.name for p in out.parent.iterdir()] == ["report.pdf"]  # no part file left


@pytest.mark.skipif(sys.platform == "win32", reason="names there are Unicode")
@pytest.mark.parametrize(
    ("folder", "name"),
    [(b"Wahl \xfcbersicht", b"report.pdf"), (b"out", b"Ganja \xe9t\xe9.pdf")],
    ids=["folder", "file"],
)
def test_a_pdf_named_in_bytes_that_are_not_utf8_is_written_under_that_name(
    report: ArticleReport, tmp_path: Path, folder: bytes, name: bytes
) -> None:
    """An export folder or file name from an old archive or another system's disk (Latin-1
    bytes, which Python keeps as escapes). Qt, given the name as text, dropped the escapes:
    the export failed with "No such file or directory" for a folder that was there, or
    said it wrote report-é.pdf while it wrote another file, leaving the old one as it was."""
    out = tmp_path / os.fsdecode(folder) / os.fsdecode(name)
    out.parent.mkdir()
    out.write_bytes(b"%PDF previous")
    write_pdf(report, out)
    assert out.read_bytes().startswith(b"%PDF-") and "Ganja" in pdf_text(out)
    assert os.listdir(os.fsencode(out.parent)) == [name]  # and no file of another name


def test_ctrl_c_while_painting_lets_the_qt_objects_go_in_order(
    report: ArticleReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C mid-page: the painter, the document and the PDF writer are gone before the
    interrupt leaves `write_pdf`. Left to its traceback they went in any order as the
    command line cleared it, and the process could end in a segmentation fault (2 of 150
    interrupted exports) after printing "interrupted"."""

    def ctrl_c(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pdf_report, "_footer", ctrl_c)
    (tmp_path / "out").mkdir()
    with pytest.raises(KeyboardInterrupt) as interrupted:
        write_pdf(report, tmp_path / "out" / "report.pdf")
    frames = [f for f, _line in traceback.walk_tb(interrupted.value.__traceback__)]
    painting = next(f for f in frames if f.f_code is write_pdf.__code__)
    held = {name: painting.f_locals[name] for name in ("painter", "document", "writer")}
    assert held == {"painter": None, "document": None, "writer": None}
    assert list((tmp_path / "out").iterdir()) == []  # and nothing was written


def test_report_text_is_never_read_as_markup(desk: Desk, qtbot: QtBot) -> None:
    article = desk.importer.import_text(
        "He wrote <b>bold</b> and <script>alert(1)</script> here. Done."
    )
    first = desk.reviews.sentence_rows(article.article_id)[0].sentence.id
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.reviews.set_text_field(first, "claimant", "<i>Someone</i>")
    document = build_document(load_article_report(desk, article.article_id))
    text = document.toPlainText()
    assert "He wrote <b>bold</b> and <script>alert(1)</script> here." in text
    assert "<i>Someone</i>" in text


def test_page_breaks_keep_short_checks_whole_and_headings_with_their_text(
    desk: Desk, qtbot: QtBot
) -> None:
    sentences = " ".join(f"Sentence number {n} says something checkable." for n in range(240))
    article = desk.importer.import_text(sentences)
    rows = desk.reviews.sentence_rows(article.article_id)
    with desk.repo.db.atomic():  # many reviews at once, as in the benchmark
        for row in rows[::2]:
            desk.repo.reviews.save_review(
                row.review.edited(tag=Tag.CLAIM, verdict="false", explanation="Wrong. " * 30)
            )
    document = build_document(load_article_report(desk, article.article_id), dpi=300)
    document.setTextWidth(2000)
    page = 1500.0
    breaks = page_breaks(document, page)
    assert breaks[0] == 0 and breaks[-1] == document.size().height()
    assert all(0 < b - a <= page for a, b in itertools.pairwise(breaks))
    assert len(breaks) > 10
    items = pdf_report._items(document)
    inner = breaks[1:-1]
    for index, (top, _bottom, state, _block) in enumerate(items):
        if state == UNIT_START and _block is not None:
            last = index
            while last + 1 < len(items) and items[last + 1][2] == UNIT_BODY:
                last += 1
            if items[last][1] - top <= KEEP_WHOLE * page:
                assert not [b for b in inner if top < b < items[last][1]], index
            assert items[index + 1][0] not in inner  # the strip stays with its details
        if state == KEEP_WITH_NEXT and index + 1 < len(items):
            assert items[index + 1][0] not in inner


def test_a_check_without_explanation_is_a_draft_in_the_pdf(desk: Desk, qtbot: QtBot) -> None:
    from factcheck_app.domain.models import Tag
    from factcheck_app.gui.pdf_report import build_document
    from factcheck_app.services.reports.model import load_article_report

    article = desk.importer.import_text("The ministry said 32 people died. It was denied.")
    first = desk.reviews.sentence_rows(article.article_id)[0].sentence.id
    desk.reviews.set_tag(first, Tag.CLAIM)
    text = build_document(load_article_report(desk, article.article_id)).toPlainText()
    assert "Draft: 1 of 1 checked sentence has no explanation yet" in text
    assert "Draft: no explanation yet" in text
    assert "No explanation or sources" not in text


def test_denied_by_is_never_the_last_line_of_a_page(desk: Desk, qtbot: QtBot) -> None:
    """ "DENIED BY" was left alone at a page's foot, its denials on the next page."""
    text = " ".join(f"Claim {n} says the toll was {n}. Denial {n} rejects it." for n in range(40))
    article = desk.importer.import_text(text)
    rows = desk.reviews.sentence_rows(article.article_id)
    with desk.repo.db.atomic():
        for n, (claim, denial) in enumerate(zip(rows[::2], rows[1::2], strict=False)):
            desk.repo.reviews.save_review(  # checks long enough to break across pages
                claim.review.edited(
                    tag=Tag.CLAIM, verdict="false", explanation="Wrong. " * (300 + 37 * n)
                )
            )
            desk.repo.reviews.save_review(
                denial.review.edited(
                    tag=Tag.DENIAL,
                    verdict="true",
                    explanation="Right. " * 20,
                    denies_sentence_id=claim.sentence.id,
                )
            )
    document = build_document(load_article_report(desk, article.article_id), dpi=300)
    document.setTextWidth(2000)
    items = pdf_report._items(document)
    headings = [
        i
        for i, (_top, _bottom, _state, block) in enumerate(items)
        if block is not None and block.text().strip().endswith("DENIED BY")
    ]
    assert len(headings) >= 20
    for page in range(900, 2000, 23):
        inner = page_breaks(document, float(page))[1:-1]
        stranded = [i for i in headings if items[i + 1][0] in inner]
        assert stranded == [], page


def test_a_signed_off_check_names_its_checker_and_editor_in_the_pdf(
    desk: Desk, qtbot: QtBot
) -> None:
    article = desk.importer.import_text("The ministry said 32 people died. It was denied.")
    first = desk.reviews.sentence_rows(article.article_id)[0].sentence.id
    desk.edits.actor = "Ana Ruiz"
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.reviews.set_verdict(first, "false")
    desk.edits.actor = "Zoë Ngata"
    desk.sign_offs.approve(first)
    text = build_document(load_article_report(desk, article.article_id)).toPlainText()
    assert "SIGNED OFF" in text and "Checked by Ana Ruiz, approved by Zoë Ngata on" in text


def test_the_page_footer_holds_the_title_on_one_line_as_the_reader_sees_it(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    """The footer painted the title as stored: a line break in it (a title from a review
    file or a merged workspace) put a second line below the footer, and a right-to-left
    override showed the rest reversed ("liat DESREVER") on every page."""
    from factcheck_app.domain.models import ArticleMetadata

    article = desk.importer.import_text("The minister spoke on Sunday. Nobody listened.")
    metadata = ArticleMetadata(title="First line\nSECOND LINE \u202eREVERSED tail")
    desk.repo.articles.update_article_metadata(article.article_id, metadata)
    out = tmp_path / "report.pdf"
    write_pdf(load_article_report(desk, article.article_id), out)
    for page in PdfReader(out).pages:
        lines = [" ".join(line.split()) for line in page.extract_text().splitlines()]
        assert "Fact-check: First line SECOND LINE REVERSED tail" in lines, lines[-4:]


def test_emoji_no_installed_font_can_draw_are_named_not_boxed(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    """An explanation quoting a post ("reported by journalists 📰🚀") and an excerpt with a
    flag (🇦🇿) came out of the PDF as empty boxes (glyph 0, read back as NUL) on a desk with
    no emoji font: a character no installed font has is written as its name instead."""
    article = desk.importer.import_text("Rockets hit the city 🚀, the mayor said.").article_id
    sentence = desk.reviews.sentence_rows(article)[0].sentence.id
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.reviews.set_text_field(
        sentence, "explanation", "Reported by journalists 📰🚀; Pérez agreed. Step 1️⃣ done."
    )
    desk.sources.link_source(
        sentence,
        NewSource(
            "https://example.org/a", "Archive 🇦🇿", "Архив", None, Stance.CONTEXT, "résumé 🇦🇿"
        ),
    )
    out = tmp_path / "report.pdf"
    write_pdf(load_article_report(desk, article), out)
    raw = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "\x00" not in raw  # no box anywhere, the page footer's title included
    text = pdf_text(out)
    assert "Reported by journalists" in text and "Pérez agreed" in text and "résumé" in text
    for emoji, name in (("🚀", "[rocket]"), ("📰", "[newspaper]"), ("🇦🇿", "[flag AZ]")):
        assert emoji in text or name in text, (emoji, text)


def test_the_pdf_prints_the_articles_address_and_wraps_a_long_one(
    report: ArticleReport, tmp_path: Path
) -> None:
    """The PDF linked "Original article" to the address: printed, the editor read the words
    and not where the article is. The address is now in the header as text (a link where
    it is a web address); a long one wraps within the page, and one that is no web address
    is said but never linked."""
    out = tmp_path / "report.pdf"
    write_pdf(report, out)
    first_page = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Original article: https://example.org/news/ankara-ganja" in first_page
    long = "https://example.org/archive/" + "-".join(f"word{n}" for n in range(300))
    hostile = "javascript:alert(1)//" + long
    for url in (long, hostile):
        article = dataclasses.replace(report.article, url=url)
        document = build_document(dataclasses.replace(report, article=article))
        document.setTextWidth(500)
        assert document.toPlainText().count(url) == 1
        assert document.idealWidth() <= 500  # nothing runs past the right edge
    write_pdf(dataclasses.replace(report, article=article), out)
    reader = PdfReader(out)
    text = "".join(reader.pages[0].extract_text().split())
    assert hostile in text
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    ]
    assert not any("javascript" in str(link) for link in links)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file size limit")
def test_a_pdf_that_did_not_fit_is_never_written_into_another_file_later(
    report: ArticleReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PDF export that failed on a full disk left Qt holding the report's last bytes and
    the number of the closed part file; when the failure was cleaned up, Qt wrote them to
    whatever file had that number by then (in the window: the log, a backup, the next
    export). A file size limit (RLIMIT_FSIZE) refuses the writes as a full disk does."""
    import gc
    import resource
    import signal

    handles: list[int] = []
    new_part_file = pdf_report_scratch.new_part_file

    def recorded(target: Path) -> tuple[int, Path]:
        handle, part = new_part_file(target)
        handles.append(handle)
        return handle, part

    monkeypatch.setattr(pdf_report_scratch, "new_part_file", recorded)
    out = tmp_path / "r.pdf"
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an error, not a kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, limits[1]))
    try:
        with pytest.raises((OSError, FactcheckError)) as raised:
            write_pdf(report, out)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)
        signal.signal(signal.SIGXFSZ, old_handler)
    assert "File too large" in str(raised.value) and not out.exists()
    # Another file now has the part file's number, as the next file opened would.
    innocent = tmp_path / "innocent.log"
    opened = os.open(innocent, os.O_WRONLY | os.O_CREAT)
    try:
        if opened != handles[0]:  # the lowest free number: usually it is already
            os.dup2(opened, handles[0])
            os.close(opened)
        del raised
        gc.collect()
    finally:
        os.close(handles[0])
    assert innocent.read_bytes() == b""


def test_the_merge_note_after_an_excerpt_is_no_part_of_the_quotation_in_the_pdf(
    desk: Desk, qtbot: QtBot
) -> None:
    """The PDF set the note Merge with Next writes after an excerpt in the excerpt's
    quote bar and italics, as the source's own words."""
    from tests.services.test_reports import NOTE, merged_over_one_page

    text = build_document(merged_over_one_page(desk)).toPlainText()
    assert "▍ police said 3,000" in text
    assert NOTE in text
    assert f"▍ {NOTE}" not in text
