"""Plain text that is not UTF-8: Windows-1252 and Latin-1 files (wire copy, older Windows
editors, CMS exports) open, read as a web page without a declared charset is; what is
neither, or is another alphabet's encoding, or a binary file, is refused in words."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import pytest

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.extract.encodings import decode_html
from factcheck_app.domain.importing import parse_article

# The words the reviewer reads after the sentence count.
READ_AS_WINDOWS_1252 = (
    "read as Western European, Windows-1252: if letters look wrong, save it as UTF-8 and "
    "import it again"
)

CAFE = "Café au lait — “quotes” … €5 a cup, said the owner."
GERMAN = "Grüße aus München: Die Straßenbahn fährt über die Brücke, sagte der Bürgermeister."


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize(
    ("text", "encoding"),
    [(CAFE, "cp1252"), (GERMAN, "latin-1"), (GERMAN, "cp1252")],
    ids=["cp1252-quotes-euro", "latin1-german", "cp1252-german"],
)
def test_a_windows_1252_or_latin1_file_opens_with_its_letters_and_a_note(
    text: str, encoding: str, suffix: str
) -> None:
    """It was refused: "The file is not valid UTF-8 text (undecodable byte at position
    15). Save it as UTF-8 and try again." """
    parsed = parse_article(text.encode(encoding), suffix=suffix)
    assert parsed.text == text
    assert parsed.reading_note == READ_AS_WINDOWS_1252


def test_the_same_text_in_utf8_and_in_windows_1252_is_the_same_article() -> None:
    """Re-saved as UTF-8 after the note, it is recognised as the article already there."""
    as_utf8 = parse_article(CAFE.encode("utf-8"))
    as_1252 = parse_article(CAFE.encode("cp1252"))
    assert as_utf8.content_hash == as_1252.content_hash
    assert as_utf8.reading_note == ""


def test_utf8_with_one_stray_windows_1252_byte_stays_utf8() -> None:
    """Read as Windows-1252 as a whole, every correct letter would come out wrong
    ("CafÃ©"): the stray byte is the one shown as U+FFFD, and the note says so."""
    data = "Café, naïve, Zürich: “three” accents.".encode() + b" Caf\xe9 again."
    parsed = parse_article(data)
    assert parsed.text == "Café, naïve, Zürich: “three” accents. Caf\ufffd again."
    assert parsed.reading_note == "read as UTF-8; 1 byte that is not UTF-8 shows as “\ufffd”"


def test_windows_1252_with_a_chance_utf8_sequence_is_still_windows_1252() -> None:
    # "ß“" is DF 93 in Windows-1252: by chance a valid two-byte UTF-8 sequence, among
    # many bytes that are not UTF-8.
    text = "Er sagte „Gruß“ und ging über die Straße zurück, müde und fröhlich."
    parsed = parse_article(text.encode("cp1252"))
    assert parsed.text == text
    assert parsed.reading_note == READ_AS_WINDOWS_1252


@pytest.mark.parametrize("byte", [b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"])
def test_a_byte_windows_1252_leaves_undefined_is_refused_in_words(byte: bytes) -> None:
    """Such a file is in some other encoding (Mac Roman's è is 0x8F, GBK and Shift_JIS
    lead bytes): read with invisible control characters in it, it would be wrong."""
    with pytest.raises(ArticleImportError, match=r"neither UTF-8 nor Western European") as err:
        parse_article(b"The caf\xe9 " + byte + b" is open again, said the owner.")
    assert "Save it as UTF-8 and import it again." in str(err.value)
    assert "position" not in str(err.value)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Министр заявил, что погибли 14 человек. Ереван это отрицает.", "cp1251"),
        ("Министр заявил, что погибли 14 человек. Ереван это отрицает.", "koi8-r"),
        ("Ο υπουργός δήλωσε ότι σκοτώθηκαν 14 άνθρωποι.", "cp1253"),
        ("قال الوزير إن 14 شخصا قتلوا في الهجوم.", "cp1256"),
    ],
    ids=["cyrillic-1251", "koi8-r", "greek-1253", "arabic-1256"],
)
def test_another_alphabets_encoding_is_refused_not_imported_as_accents(
    text: str, encoding: str
) -> None:
    """Windows-1252 reads every byte of these, as "Ìèíèñòð çàÿâèë…": an article of
    nonsense to review. Nearly all its letters come out accented: refused, saying so."""
    with pytest.raises(ArticleImportError, match=r"another alphabet's encoding") as err:
        parse_article(text.encode(encoding))
    assert "Save it as UTF-8 and import it again." in str(err.value)


@pytest.mark.parametrize(
    "text",
    ["Été à Noël ?", "Ação não é só já", "Þjóðhátíð á Íslandi", "Ärger über Öl"],
    ids=["french", "portuguese", "icelandic", "german"],
)
def test_a_short_western_european_file_is_not_taken_for_another_alphabet(text: str) -> None:
    """A file of a few words (a headline saved on its own, a test of the import): half its
    letters may be accented, and it was refused as "saved in another alphabet's encoding
    (Cyrillic, Greek, Arabic…)". Another alphabet's short text is still refused: nearly
    every letter of it comes out accented."""
    parsed = parse_article(text.encode("cp1252"))
    assert parsed.text == text
    assert parsed.reading_note == READ_AS_WINDOWS_1252
    with pytest.raises(ArticleImportError, match=r"another alphabet's encoding"):
        parse_article("Министр заявил: нет.".encode("cp1251"))


def test_a_nul_byte_anywhere_in_a_windows_1252_file_is_still_binary() -> None:
    data = ("Caf\xe9 au lait. " * 1000).encode("cp1252") + b"\x00\x01\x02 rest"
    with pytest.raises(ArticleImportError, match="binary"):
        parse_article(data)


def _zip(name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(name, "<w:document/>")
    return out.getvalue()


def _sqlite(tmp_path: Path) -> bytes:
    path = tmp_path / "w.fcdesk"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, text TEXT)")
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda _: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a picture (PNG), not an article."),
        (lambda _: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "is a picture (JPEG), not an article."),
        (lambda _: b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "is a picture (GIF), not an article."),
        # No NUL in its first bytes: it used to be imported as its own PDF syntax.
        (lambda _: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n", "is a PDF: give it a name"),
        (lambda _: _zip("word/document.xml"), "is a Word document: give it a name ending in .docx"),
        (lambda _: _zip("notes.txt"), "is a zip archive, not an article"),
        (_sqlite, "is a workspace (a database), not an article: File → Open Workspace…"),
    ],
    ids=["png", "jpeg", "gif", "pdf", "docx", "zip", "workspace"],
)
def test_a_binary_file_named_as_text_is_refused_saying_what_it_is(
    make: object, words: str, tmp_path: Path
) -> None:
    assert callable(make)
    with pytest.raises(ArticleImportError) as err:
        parse_article(make(tmp_path), suffix=".txt")
    assert words in str(err.value)


def test_a_web_page_with_one_stray_byte_keeps_its_utf8_letters() -> None:
    """The rule the page and the text file share: a saved page with no charset, in
    UTF-8 but for one stray byte, was read whole as Windows-1252 ("CafÃ©")."""
    page = "<html><body><p>Café naïve Zürich</p></body></html>".encode().replace(
        b"Z\xc3\xbcrich", b"Z\xfcrich"
    )
    assert "Café naïve Z\ufffdrich" in decode_html(page)
    assert "Grüße" in decode_html("<p>Grüße</p>".encode("cp1252"))


@pytest.mark.parametrize(
    ("make", "suffix", "words"),
    [
        (lambda _: _zip("word/document.xml"), ".pdf", "is a Word document: give it a name ending"),
        (lambda _: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ".pdf", "is a picture (PNG), not an"),
        (lambda _: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n", ".docx", "is a PDF: give"),
        (lambda _: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", ".docx", "is a picture (JPEG), not an"),
    ],
    ids=["docx-as-pdf", "png-as-pdf", "pdf-as-docx", "jpeg-as-docx"],
)
def test_a_file_named_as_another_format_is_refused_saying_what_it_is(
    make: object, suffix: str, words: str, tmp_path: Path
) -> None:
    """An attachment saved under the wrong ending: a Word file named .pdf was "not a PDF
    (it has no PDF header)", a PDF named .docx "not a Word .docx document (not a zip)",
    and the reviewer was not told what the file was, nor how to bring it in."""
    assert callable(make)
    with pytest.raises(ArticleImportError) as err:
        parse_article(make(tmp_path), suffix=suffix)
    assert words in str(err.value)
