"""The desk's own verdict reports, exported into the folder of the day's articles, are not
imported back as articles: "Fact-check: Mayor opens bridge" came in, its verdict tables
and footer as sentences to review. Told by the mark each exporter leaves in its file
(domain/own_reports.py), never by title or words: a genuine article titled "Fact-check: …"
or naming the desk still comes in."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from factcheck_app import __version__
from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports.formats import export_article, render_workspace
from factcheck_app.services.reports.model import load_article_report
from factcheck_app.services.reports.summary import iter_reports
from tests.own_reports import STORY, export_every_kind, refusal

PAGES = Path(__file__).parents[1] / "data" / "import_pages"


@pytest.fixture
def exported(desk: Desk, tmp_path: Path) -> tuple[Path, list[str]]:
    folder = tmp_path / "today"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    article = desk.importer.import_file(folder / "story.txt").article_id
    return folder, export_every_kind(desk, article, folder)


def test_each_exported_report_is_refused_naming_it_and_nothing_comes_in(
    desk: Desk, exported: tuple[Path, list[str]]
) -> None:
    folder, names = exported
    before = desk.articles.list_articles()
    for name in names:
        with pytest.raises(ArticleImportError) as refused:
            desk.importer.import_file(folder / name)
        assert str(refused.value) == refusal(name)
    assert desk.articles.list_articles() == before


def test_the_markdown_report_saved_as_text_is_refused_too(
    desk: Desk, exported: tuple[Path, list[str]]
) -> None:
    folder, _ = exported
    shutil.copy(folder / "report.md", folder / "report.txt")
    with pytest.raises(ArticleImportError) as refused:
        desk.importer.import_file(folder / "report.txt")
    assert str(refused.value) == refusal("report.txt")


def test_a_fact_check_by_another_outlet_naming_the_desk_imports_from_every_format(
    desk: Desk, tmp_path: Path
) -> None:
    """Titled "Fact-check: …", its words naming "Factcheck desk" and even "Prepared with
    Factcheck desk", written by other programs: an article like any other."""
    title = "Fact-check: Mayor opens bridge"
    body = (
        "The Courier's fact-check team looked at the mayor's claim. Our newsroom used "
        "Factcheck desk 0.1.0 to review it, and the notes were Prepared with Factcheck desk "
        "on Monday. The bridge cost 4 million euros, the council's accounts show."
    )
    files = {
        "page.html": (
            "<!DOCTYPE html><html><head><meta charset='utf-8'>"
            '<meta name="generator" content="WordPress 6.4">'
            f"<title>{title} | Courier</title></head><body><article><h1>{title}</h1>"
            f"<p>{body}</p><p>The page says so too.</p></article>"
            "<footer>Prepared with Factcheck desk by the Courier's night team.</footer>"
            "</body></html>"
        ).encode(),
        "note.md": (
            f"# {title}\n\n{body} The note says so.\n\n*Prepared with Factcheck desk on Monday.*\n"
        ).encode(),
    }
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.comments = "Checked on the Factcheck desk before publication"
    document.add_paragraph(f"{body} The Word file says so.")
    buffer = io.BytesIO()
    document.save(buffer)
    files["story.docx"] = buffer.getvalue()
    pdf = PdfWriter(clone_from=PdfReader(PAGES / "pdf1.pdf"))
    pdf.add_metadata({"/Title": title, "/Creator": "Factcheck desk team's Word"})
    buffer = io.BytesIO()
    pdf.write(buffer)
    files["story.pdf"] = buffer.getvalue()
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        result = desk.importer.import_file(tmp_path / name)
        assert not result.duplicate
        assert result.sentence_count > 0
    titles = [article.title for article in desk.articles.list_articles()]
    assert titles.count(title) == 4, titles  # the PDF fixture's title is its own


def test_the_workspace_summary_carries_the_desks_mark_as_an_articles_report_does(
    seeded_desk: Desk,
) -> None:
    """Its footer told it apart until now; the generator `<meta>` is the mark the page's
    head carries, whatever a later summary's footer says."""
    summary = render_workspace("summary-html", list(iter_reports(seeded_desk)), name="Desk")
    head = summary[: summary.index("</head>")]
    assert f'<meta name="generator" content="Factcheck desk {__version__}">' in head


def test_the_report_of_a_long_article_is_told_as_the_desks_not_as_a_page_too_large(
    desk: Desk, tmp_path: Path
) -> None:
    """Past the element limit a page is refused as "too large to be an article page":
    a report of a long article is said to be the desk's own first."""
    story = tmp_path / "long.txt"
    story.write_text(
        "\n\n".join(f"Paragraph {n} says the council spent {n} euros." for n in range(26_000)),
        encoding="utf-8",
    )
    article = desk.importer.import_file(story).article_id
    export_article("html", load_article_report(desk, article), tmp_path / "long.html")
    with pytest.raises(ArticleImportError) as refused:
        desk.importer.import_file(tmp_path / "long.html")
    assert str(refused.value) == refusal("long.html")


def test_a_reports_text_pasted_comes_in_on_purpose_and_the_file_is_still_refused(
    desk: Desk, exported: tuple[Path, list[str]]
) -> None:
    # A journalist who rewrote the Markdown report into her fact-check piece (its last
    # line kept) pastes it to have it checked: Edit → Paste as New Article is how a
    # report's text is taken in on purpose. Refused, the box said "The file is a
    # verdict report …" of the clipboard, and no way in was left.
    folder, _ = exported
    text = (folder / "report.md").read_text(encoding="utf-8")
    with pytest.raises(ArticleImportError):
        desk.importer.import_file(folder / "report.md")

    pasted = desk.importer.import_pasted(text=text)

    assert not pasted.duplicate
    assert pasted.sentence_count > 0
    assert pasted.title in {a.title for a in desk.articles.list_articles()}


def test_a_word_report_rewritten_as_an_article_is_refused_saying_how_to_take_it_in(
    desk: Desk, exported: tuple[Path, list[str]]
) -> None:
    # Opened in Word and rewritten into the newsroom's own fact-check piece: Word keeps
    # the comments the desk wrote, hidden in File → Info, and the file is refused as the
    # desk's. "…not an article: not imported." left her nothing to try.
    folder, _ = exported
    document = docx.Document(str(folder / "report.docx"))
    assert document.core_properties.comments.startswith("Prepared with Factcheck desk")
    body = document.element.body
    for paragraph in list(document.paragraphs):
        body.remove(paragraph._element)
    for table in list(document.tables):
        body.remove(table._element)
    piece = "Our check of the bridge. The mayor said it cost 4 million euros. It cost eight."
    document.add_paragraph(piece)
    document.save(str(folder / "our-piece.docx"))

    with pytest.raises(ArticleImportError) as refused:
        desk.importer.import_file(folder / "our-piece.docx")

    said = str(refused.value)
    assert said.startswith("our-piece.docx is a verdict report exported by the desk")
    assert "Edit → Paste as New Article" in said
    # The way it names: her text, pasted, comes in.
    assert desk.importer.import_pasted(text=piece).sentence_count == 3
