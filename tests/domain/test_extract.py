"""Import of saved web pages, Word files and PDFs: content, metadata and hostile files."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import time
import zipfile
from pathlib import Path

import pytest

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.extract import extract_html_fragment
from factcheck_app.domain.file_types import SUPPORTED_SUFFIXES
from factcheck_app.domain.importing import (
    content_hash,
    normalize_text,
    parse_article,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "import_pages"
FIXTURES = sorted(
    p for p in DATA.iterdir() if p.suffix in (".html", ".docx", ".pdf") and p.stem != "scanned"
)
# Hostile files must fail (or pass) quickly: well within what a user waits for.
QUICK_SECONDS = 3.0


def expected(path: Path) -> dict[str, object]:
    return json.loads((DATA / f"{path.stem}.expected.json").read_text(encoding="utf-8"))


def refused_quickly(data: bytes, suffix: str, words: str) -> None:
    started = time.perf_counter()
    with pytest.raises(ArticleImportError, match=words):
        parse_article(data, suffix=suffix)
    assert time.perf_counter() - started < QUICK_SECONDS


def test_new_formats_are_supported_and_text_formats_remain() -> None:
    for suffix in (".txt", ".md", ".html", ".htm", ".docx", ".pdf"):
        assert suffix in SUPPORTED_SUFFIXES


@pytest.mark.parametrize("path", [p for p in FIXTURES if p.suffix != ".html"], ids=lambda p: p.name)
def test_word_and_pdf_text_and_metadata_exactly(path: Path) -> None:
    parsed = parse_article(path.read_bytes(), suffix=path.suffix)
    truth = expected(path)
    assert parsed.text == truth["body"]
    meta = parsed.metadata
    for field, value in truth["metadata"].items():  # type: ignore[attr-defined]
        got = getattr(meta, field)
        got = got.isoformat() if isinstance(got, dt.date) else (got or None)
        assert got == value, field


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_output_is_normalised_plain_text_hashed_as_stored(path: Path) -> None:
    parsed = parse_article(path.read_bytes(), suffix=path.suffix)
    assert parsed.text == normalize_text(parsed.text)
    assert "\n\n\n" not in parsed.text and "\r" not in parsed.text
    assert not re.search(r"</?[a-z][a-z0-9]*[ >/]", parsed.text), "HTML tags in the text"
    assert parsed.content_hash == content_hash(parsed.text)
    again = parse_article(path.read_bytes(), suffix=path.suffix.upper())
    assert again.content_hash == parsed.content_hash  # a re-import is recognised


@pytest.mark.parametrize("path", sorted(DATA.glob("page*.html")), ids=lambda p: p.name)
def test_no_navigation_comment_or_promotion_text_in_pages(path: Path) -> None:
    text = parse_article(path.read_bytes(), suffix=".html").text
    for phrase in expected(path)["must_not_contain"]:  # type: ignore[attr-defined]
        assert phrase not in text


# -- HTML details ---------------------------------------------------------------------------


def test_html_paragraphs_are_separated_by_one_blank_line() -> None:
    text = parse_article((DATA / "page01.html").read_bytes(), suffix=".html").text
    assert text.count("\n\n") == 4 and "\n\n\n" not in text


def test_page_without_article_is_refused_not_imported_as_menu() -> None:
    page = b"<html><body><nav><a href=/>Home</a> <a href=/n>News</a></nav></body></html>"
    refused_quickly(page, ".html", "No article text")


def test_html_declared_legacy_encoding_is_honoured() -> None:
    text = parse_article((DATA / "page11.html").read_bytes(), suffix=".htm").text
    assert "Seán Ó Briain" in text and "€85,000" in text


def test_script_text_never_reaches_the_article() -> None:
    body = "<p>" + "The council met on Tuesday and approved the budget. " * 5 + "</p>"
    page = f"<html><body><article>{body}<script>alert('x')</script></article></body></html>"
    text = parse_article(page.encode(), suffix=".html").text
    assert "alert" not in text and "<" not in text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One <b>two</b>.</p><p>Three<br>four</p>", "One two.\n\nThree\nfour"),
        ("<p>a</p><script>alert(1)</script><style>p{}</style>", "a"),
        (
            "Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000000199\r\n<html><body>"
            "<!--StartFragment--><span>Copied &amp; pasted</span><!--EndFragment--></body></html>",
            "Copied & pasted",
        ),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "a | b"),
        ("", ""),
        ("<div> </div>", ""),
    ],
)
def test_clipboard_fragment_to_plain_text(html: str, text: str) -> None:
    assert extract_html_fragment(html) == text


# -- hostile and broken files ---------------------------------------------------------------


def test_deeply_nested_html_is_refused_quickly() -> None:
    page = b"<html><body>" + b"<div>" * 300_000 + b"x" + b"</div>" * 300_000
    refused_quickly(page, ".html", "levels deep")


def test_html_with_too_many_elements_is_refused_quickly() -> None:
    page = b"<html><body>" + b"<p>a b c</p>" * 200_000 + b"</body></html>"
    refused_quickly(page, ".html", "elements")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", r"picture \(PNG\)"),
        (b"\x7fELF\x02\x01\x01\x00", "NUL"),
        (b"   \n ", "empty"),
    ],
)
def test_empty_or_binary_html_is_refused(data: bytes, words: str) -> None:
    refused_quickly(data, ".html", words)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_docx_zip_bomb_is_refused_from_the_directory() -> None:
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * 30_000_000})
    assert len(bomb) < 100_000
    refused_quickly(bomb, ".docx", "zip bomb")


def test_docx_declaring_huge_total_size_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck_app.domain.extract import docx as docx_extract

    monkeypatch.setattr(docx_extract, "MAX_UNCOMPRESSED", 1000)
    data = (DATA / "doc1.docx").read_bytes()
    refused_quickly(data, ".docx", "zip bomb")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"plain text, not a zip", "not a Word .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old Word .doc"),
        (_zip({"readme.txt": b"hi"}), "no word/document.xml"),
        (b"", "not a Word .docx"),
    ],
    ids=["not-zip", "ole-doc", "other-zip", "empty"],
)
def test_non_docx_is_refused_in_words(data: bytes, words: str) -> None:
    refused_quickly(data, ".docx", words)


def test_truncated_or_damaged_docx_is_refused() -> None:
    whole = (DATA / "doc1.docx").read_bytes()
    refused_quickly(whole[: len(whole) // 2], ".docx", "not a Word")
    damaged = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<not xml"})
    refused_quickly(damaged, ".docx", "cannot be read")


def test_docx_footnotes_comments_and_deletions_are_left_out() -> None:
    text = parse_article((DATA / "doc1.docx").read_bytes(), suffix=".docx").text
    assert "FOOTNOTE" not in text and "COMMENT" not in text
    text2 = parse_article((DATA / "doc2.docx").read_bytes(), suffix=".docx").text
    assert "DELETED" not in text2 and "but closed to lorries" in text2


def test_pdf_hyphenation_rule() -> None:
    text = parse_article((DATA / "pdf2.pdf").read_bytes(), suffix=".pdf").text
    assert "Nagorno-Karabakh" in text  # capitalised pieces keep their hyphen
    assert "international" in text and "independently" in text and "Azerbaijani" in text
    assert "inter-" not in text


def test_pdf_headers_footers_and_page_numbers_are_removed() -> None:
    text = parse_article((DATA / "pdf1.pdf").read_bytes(), suffix=".pdf").text
    assert "ANNUAL REPORT" not in text and "Page " not in text
    text4 = parse_article((DATA / "pdf4.pdf").read_bytes(), suffix=".pdf").text
    assert "Arden Harbour Review" not in text4 and "–" not in text4


def test_scanned_pdf_says_it_has_no_text_layer() -> None:
    refused_quickly((DATA / "scanned.pdf").read_bytes(), ".pdf", "no text layer")


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"", "empty"), (b"Hello, not a PDF", "not a PDF"), (b"%PDF-1.7\n%garbage", "damaged")],
)
def test_non_pdf_is_refused(data: bytes, words: str) -> None:
    refused_quickly(data, ".pdf", words)


def test_pdf_with_broken_xref_is_repaired_or_refused_cleanly() -> None:
    whole = (DATA / "pdf1.pdf").read_bytes()
    cut = whole.rfind(b"startxref")
    wrong_pointer = whole[:cut] + b"startxref\n999999\n%%EOF\n"
    assert "41.2 million tonnes" in parse_article(wrong_pointer, suffix=".pdf").text
    refused_quickly(whole.replace(b"xref\n", b"xxxx\n"), ".pdf", "damaged")
    refused_quickly(whole[: len(whole) // 2], ".pdf", "damaged")


def test_encrypted_pdf() -> None:
    import pypdf

    source = io.BytesIO((DATA / "pdf3.pdf").read_bytes())

    def encrypted(user_password: str) -> bytes:
        writer = pypdf.PdfWriter(clone_from=source)
        writer.encrypt(user_password, owner_password="owner", algorithm="RC4-128")
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    refused_quickly(encrypted("secret"), ".pdf", "password-protected")
    # Only an owner password (copy/print restrictions): readable, so imported.
    assert "Stadtwerke" in parse_article(encrypted(""), suffix=".pdf").text


def test_no_date_is_invented_from_a_copyright_footer() -> None:
    body = "".join(
        f"<p>Paragraph {i}: the council met and voted on the plan for the library.</p>"
        for i in range(5)
    )
    page = (
        "<html><head><title>Library plan approved | Town News</title></head><body>"
        f"<h1>Library plan approved</h1>{body}<footer>© 2019 Town News</footer></body></html>"
    )
    meta = parse_article(page.encode(), suffix=".html").metadata
    assert meta.published is None
    assert (meta.title, meta.outlet) == ("Library plan approved", "Town News")
