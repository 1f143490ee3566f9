"""Hostile web pages, Word files and PDFs: each is read correctly or refused in one sentence."""

from __future__ import annotations

import datetime as dt
import io
import struct
import time
import tracemalloc
import zipfile
import zlib

import pytest

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.extract import extract_html_fragment
from factcheck_app.domain.extract.encodings import decode_html
from factcheck_app.domain.importing import parse_article

PARAGRAPHS = "".join(
    f"<p>Paragraph {i}: the council met on Tuesday and voted on the plan for the library.</p>"
    for i in range(5)
)


def page(charset: str, body: str = "", padding: str = "") -> bytes:
    return (
        f'<html><head><meta charset="{charset}"><title>Library plan</title></head><body>'
        f"<article><h1>Library plan approved</h1>{PARAGRAPHS}{body}</article>{padding}"
        "</body></html>"
    ).encode()


# -- declared encodings -------------------------------------------------------------------


@pytest.mark.parametrize(
    "charset",
    # Codecs Python knows that are no text encodings, or none a browser knows: the
    # label is ignored and the page read as UTF-8, as a browser does.
    ["punycode", "undefined", "unicode_escape", "raw_unicode_escape", "rot13", "zlib",
     "hex", "base64", "idna", "utf-7", "utf-32", "cp037", "no-such-codec"],
)  # fmt: skip
@pytest.mark.parametrize("padding", ["", " "])  # odd and even lengths (UTF-16, UTF-32)
@pytest.mark.parametrize("words", [r"A literal \u0041 stays.", r"Café – €5, \u0041 stays."])
def test_a_label_that_is_no_web_text_encoding_is_ignored(
    charset: str, padding: str, words: str
) -> None:
    parsed = parse_article(page(charset, f"<p>{words}</p>", padding), suffix=".html")
    assert parsed.text.startswith("Paragraph 0: the council met")
    assert parsed.text.endswith(words)


@pytest.mark.parametrize("charset", ["utf-16", "UTF-16LE", "utf-16be", "unicode", "ucs-2"])
@pytest.mark.parametrize("padding", ["", " "])
def test_a_page_labelled_utf16_but_written_in_ascii_is_read_as_utf8(
    charset: str, padding: str
) -> None:
    data = page(charset, "<p>Café – €5.</p>", padding)
    assert decode_html(data) == data.decode("utf-8")
    assert parse_article(data, suffix=".html").text.endswith("Café – €5.")


@pytest.mark.parametrize(
    ("charset", "words"),
    [
        ("windows-1251", "Совет одобрил план."),
        ("koi8-r", "Совет одобрил план."),
        ("latin1", "Seán paid €85."),  # read as Windows-1252, as browsers do
        ("shift_jis", "評議会は計画を承認した。"),
        ("gb2312", "理事会批准了该计划。"),
        ("iso-8859-7", "Το συμβούλιο ενέκρινε το σχέδιο."),
    ],
)
def test_real_text_encodings_are_honoured(charset: str, words: str) -> None:
    codec = "cp1252" if charset == "latin1" else charset
    data = page(charset).replace(b"</article>", f"<p>{words}</p></article>".encode(codec))
    assert parse_article(data, suffix=".html").text.endswith(words)


# -- Word files ----------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)


def package_rels(core: bool) -> str:
    base = "http://schemas.openxmlformats.org"
    core_rel = (
        f'<Relationship Id="rId2" Type="{base}/package/2006/relationships/metadata/'
        'core-properties" Target="docProps/core.xml"/>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="{base}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{base}/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/>'
        f"{core_rel if core else ''}</Relationships>"
    )


def document_xml(*paragraphs: str, doctype: str = "") -> bytes:
    """A document.xml; each paragraph is raw WordprocessingML inside <w:p>."""
    body = "".join(f"<w:p>{p}</w:p>" for p in paragraphs)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


HEADING_STYLE = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
ARTICLE_RUNS = [
    run("The council approved the budget on Tuesday. It raises spending by 4 %."),
    run("The mayor said the library would open in May."),
]


def docx(
    document: bytes,
    *,
    core: str | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", package_rels(core is not None))
        archive.writestr("word/document.xml", document, compress_type=compression)
        if core is not None:
            archive.writestr("docProps/core.xml", core)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def lie_about_size(data: bytes, name: str, claimed: int) -> bytes:
    """Rewrite the uncompressed size of `name` in its local header and the directory."""
    out = bytearray(data)
    encoded = name.encode()
    position = 0
    while (position := out.find(encoded, position + 1)) != -1:
        if out[position - 30 : position - 26] == b"PK\x03\x04":
            struct.pack_into("<I", out, position - 30 + 22, claimed)
        elif out[position - 46 : position - 42] == b"PK\x01\x02":
            struct.pack_into("<I", out, position - 46 + 24, claimed)
    return bytes(out)


def test_a_docx_whose_directory_understates_a_part_is_refused_without_inflating_it() -> None:
    # 100 MB of XML that compresses to about 100 KB, in a directory that says 90 KB.
    filler = b"<w:p><w:r><w:t>" + b"a" * 1_000 + b"</w:t></w:r></w:p>"
    huge = document_xml().replace(b"<w:body>", b"<w:body>" + filler * 100_000)
    lying = lie_about_size(docx(huge), "word/document.xml", 90_000)
    assert len(lying) < 2_000_000
    tracemalloc.start()
    try:
        with pytest.raises(ArticleImportError, match="damaged"):
            parse_article(lying, suffix=".docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000, f"{peak / 1e6:.0f} MB held while refusing it"


def directory_only_zip(entries: int, counted: int | None = None) -> bytes:
    """A zip (zip64) whose directory lists `entries` empty parts and nothing else; its end
    records say it holds `counted` (default: `entries`)."""
    counted = entries if counted is None else counted
    listed = b"".join(
        struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0,
                    0, 0, 0) + b"%07d" % number
        for number in range(entries)
    )  # fmt: skip
    end64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, counted, counted,
                        len(listed), 0)  # fmt: skip
    locator = struct.pack("<IIQI", 0x07064B50, 0, len(listed), 1)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, len(listed), 0, 0)
    return listed + end64 + locator + end


@pytest.mark.parametrize(
    ("counted", "words"), [(None, "200,000 parts"), (1, "list of parts is 11 MB")]
)
def test_a_docx_listing_a_million_parts_is_refused_before_its_directory_is_read(
    counted: int | None, words: str
) -> None:
    # zipfile builds an object per listed part (it reads the whole list, whatever count
    # the end record gives): a 53 MB file listing 1,000,000 took 8 s and more than 512 MB
    # (the worker's limit on Linux; on Windows and macOS nothing stopped it).
    data = directory_only_zip(200_000, counted)
    tracemalloc.start()
    try:
        with pytest.raises(ArticleImportError, match=words):
            parse_article(data, suffix=".docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000, f"{peak / 1e6:.0f} MB held while refusing it"


def test_a_docx_part_in_a_compression_word_never_writes_is_refused() -> None:
    document = document_xml(*ARTICLE_RUNS)
    data = docx(document, compression=zipfile.ZIP_BZIP2)
    with pytest.raises(ArticleImportError, match="compression Word does not write"):
        parse_article(data, suffix=".docx")


def in_directory(data: bytes, name: str, offset: int, value: int) -> bytes:
    """Rewrite a 2-byte field of `name`'s entry in the zip's directory (6: the version
    needed to extract it; 8: its flag bits)."""
    out = bytearray(data)
    encoded = name.encode()
    position = 0
    while (position := out.find(encoded, position + 1)) != -1:
        if out[position - 46 : position - 42] == b"PK\x01\x02":
            struct.pack_into("<H", out, position - 46 + offset, value)
    return bytes(out)


@pytest.mark.parametrize(
    ("offset", "value"),
    [
        (6, 255),  # "needs zip version 25.5 to extract" (the readers fuzz, seed 2605 case 685)
        (8, 0x20),  # "compressed patched data"
        (8, 0x40),  # strong encryption without the encryption bit
    ],
)
def test_a_docx_zipfile_cannot_read_is_refused_in_words(offset: int, value: int) -> None:
    # zipfile raises NotImplementedError for these: the import said "Something went wrong".
    data = in_directory(docx(document_xml(*ARTICLE_RUNS)), "word/document.xml", offset, value)
    with pytest.raises(ArticleImportError, match="Word does not write; refused as damaged"):
        parse_article(data, suffix=".docx")


def test_an_entity_reference_in_a_docx_keeps_the_text_after_it_and_expands_nothing() -> None:
    doctype = (
        '<!DOCTYPE w:document [<!ENTITY name "EXPANDED">'
        '<!ENTITY file SYSTEM "file:///etc/passwd">]>'
    )
    document = document_xml(
        run("The council met on &name; Tuesday and approved the budget."),
        run("The mayor read &file; aloud before the vote, then left."),
        doctype=doctype,
    )
    text = parse_article(docx(document), suffix=".docx").text
    assert text == (
        "The council met on &name; Tuesday and approved the budget.\n\n"
        "The mayor read &file; aloud before the vote, then left."
    )


def test_a_docx_without_core_properties_takes_its_title_from_its_heading() -> None:
    document = document_xml(HEADING_STYLE + run("Budget approved"), *ARTICLE_RUNS)
    meta = parse_article(docx(document), suffix=".docx").metadata
    assert (meta.title, meta.author, meta.published) == ("Budget approved", "", None)


def test_a_docx_without_core_properties_or_heading_has_no_invented_title() -> None:
    # No "Word Document" by "python-docx": the desk titles it with its first sentence.
    parsed = parse_article(docx(document_xml(*ARTICLE_RUNS)), suffix=".docx")
    assert (parsed.metadata.title, parsed.metadata.author) == ("", "")


def test_core_properties_still_give_title_author_and_date() -> None:
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/">'
        "<dc:title>Budget &amp; library</dc:title><dc:creator>A. Writer</dc:creator>"
        "<dcterms:created>2024-05-02T23:30:00-02:00</dcterms:created></cp:coreProperties>"
    )
    meta = parse_article(docx(document_xml(*ARTICLE_RUNS), core=core), suffix=".docx").metadata
    assert (meta.title, meta.author) == ("Budget & library", "A. Writer")
    assert meta.published == dt.date(2024, 5, 2)  # the day as written, no time-zone shift


# -- PDFs ------------------------------------------------------------------------------------


def one_page_pdf(content: bytes, height: int = 792) -> bytes:
    """A valid one-page PDF whose page draws `content` (a content stream, deflated)."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 %d] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>" % height,
        b"<< /Length %d /Filter /FlateDecode >>stream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def many_lines_pdf(lines: int, words: bytes = b"said that") -> bytes:
    """One page (as tall as it needs) of `lines` short lines, 12 points apart."""
    height = 12 * lines + 100
    content = b"BT /F1 10 Tf 0 %d Td 12 TL " % (height - 50) + b"(%s) ' " % words * lines
    return one_page_pdf(content + b"ET", height)


def read_within(seconds: float, data: bytes) -> str:
    started = time.perf_counter()
    text = parse_article(data, suffix=".pdf").text
    assert time.perf_counter() - started < seconds
    return text


def test_a_pdf_page_of_thousands_of_short_lines_is_read_in_linear_time() -> None:
    data = many_lines_pdf(8_000)
    assert len(data) < 2_000
    # Joining the lines into a paragraph searched the whole paragraph once per line: 31 s.
    text = read_within(5.0, data)
    assert text == " ".join(["said that"] * 8_000)


def test_a_pdf_line_of_one_endless_word_is_read_in_linear_time() -> None:
    word = b"a" * 60_000
    data = one_page_pdf(b"BT /F1 10 Tf 0 700 Td (%s) Tj ET" % word)
    # Looking for hyphenated words tried the word from each of its letters: 60 s and more.
    assert read_within(5.0, data) == word.decode()


def test_line_end_hyphens_still_join_as_before() -> None:
    lines = [b"The inter-", b"national team met the Nagorno-", b"Karabakh envoy",
             b"on COVID-", b"19 and self-", b"reliance, as in self-reliance."]  # fmt: skip
    content = b"BT /F1 10 Tf 0 700 Td 12 TL " + b"".join(b"(%s) ' " % line for line in lines)
    text = read_within(5.0, one_page_pdf(content + b"ET"))
    assert text == (
        "The international team met the Nagorno-Karabakh envoy on COVID-19 and "
        "self-reliance, as in self-reliance."
    )


def test_a_pdf_whose_text_is_turned_sideways_is_read_not_called_a_scan() -> None:
    # pypdf's layout mode leaves out text drawn at 90 degrees (a table turned on its side,
    # a landscape page): the PDF used to be refused as having no text layer.
    sideways = b"BT /F1 12 Tf 0 1 -1 0 300 100 Tm (The council approved the library plan.) Tj ET"
    upright = b"BT /F1 12 Tf 72 700 Td (The mayor spoke first.) Tj ET"
    assert parse_article(one_page_pdf(sideways), suffix=".pdf").text == (
        "The council approved the library plan."
    )
    assert parse_article(one_page_pdf(upright), suffix=".pdf").text == "The mayor spoke first."


# -- JSON-LD ------------------------------------------------------------------------------


def test_json_ld_nested_too_deeply_is_ignored_and_the_page_read() -> None:
    # json.loads raises RecursionError, not ValueError, on 100,000 open brackets: the
    # import used to fail as "unexpected error" with a traceback.
    deep = '<script type="application/ld+json">' + "[" * 100_000 + "</script>"
    data = page("utf-8").replace(b"<title>", deep.encode() + b"<title>")
    parsed = parse_article(data, suffix=".html")
    assert "voted on the plan for the library" in parsed.text


# -- embedded images ----------------------------------------------------------------------


def test_an_image_embedded_in_a_saved_page_does_not_hide_the_article_after_it() -> None:
    # Single-file saves embed images as data: URIs; libxml2 stops reading at an attribute
    # over 10 MB, and the page was refused as having no article.
    image = '<img src="data:image/png;base64,' + "QUJD" * 2_800_000 + '">'
    data = page("utf-8").replace(b"<h1>", image.encode() + b"<h1>")
    assert "voted on the plan for the library" in parse_article(data, suffix=".html").text


def test_a_single_file_save_heavy_with_photos_is_read_not_refused_as_too_big() -> None:
    """A photo-heavy article saved as one file (the browser's "single file" save) holds
    its photos as data: URIs: five of 6 MB made a 30 MB page, refused as "a web page over
    20 MB is not an article page", though its text and markup were a few kilobytes."""
    photos = "".join(
        f'<figure><img src="data:image/jpeg;base64,{"QUJD" * 1_500_000}"></figure>'
        for _ in range(5)
    )
    data = page("utf-8").replace(b"<h1>", photos.encode() + b"<h1>")
    assert len(data) > 30_000_000
    assert "voted on the plan for the library" in parse_article(data, suffix=".html").text


def test_a_page_over_20_mb_without_its_images_is_still_refused() -> None:
    data = page("utf-8", padding="<p>filler text of a page that is no article</p>" * 500_000)
    assert len(data) > 21 * 1024 * 1024
    with pytest.raises(ArticleImportError, match="over 20 MB is not an article page"):
        parse_article(data, suffix=".html")


def test_an_image_embedded_in_copied_html_does_not_hide_the_text_after_it() -> None:
    image = '<img src="data:image/png;base64,' + "QUJD" * 2_800_000 + '">'
    assert extract_html_fragment(image + "<p>Police denied it.</p>") == "Police denied it."


# -- control characters -------------------------------------------------------------------


@pytest.mark.parametrize("control", ["\x15", "\x0c", "\x01", "\x1f"])
@pytest.mark.parametrize("before", ["<!-- a comment -->", "<script>var x;</script>"])
def test_a_control_character_after_a_comment_or_script_does_not_stop_the_page(
    control: str, before: str
) -> None:
    # Found by bench/fuzz_readers.py: lxml cannot keep a control character in the text it
    # moves when a comment or script is taken out, and the import failed as a bug.
    body = f"{before}{control}<p>Police denied it on Tuesday.</p>"
    parsed = parse_article(page("utf-8", body), suffix=".html")
    assert "Police denied it on Tuesday." in parsed.text
    assert "voted on the plan for the library" in parsed.text


@pytest.mark.parametrize("control", ["\x15", "\x0c"])
def test_a_control_character_after_a_comment_in_copied_html_does_not_stop_the_paste(
    control: str,
) -> None:
    html = f"<p>The mayor spoke.</p><!-- c -->{control}<p>Police denied it.</p>"
    assert extract_html_fragment(html) == "The mayor spoke.\n\nPolice denied it."


def test_a_pdf_over_the_page_limit_says_what_to_do_with_it() -> None:
    """A 2,000-page report was refused with "The PDF has 2,000 pages (limit 500)." and
    nothing about how to get the part with the claim in."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(501):
        writer.add_blank_page(width=595, height=842)
    data = io.BytesIO()
    writer.write(data)
    with pytest.raises(ArticleImportError) as refused:
        parse_article(data.getvalue(), suffix=".pdf")
    assert str(refused.value) == (
        "The PDF has 501 pages (limit 500). Save the pages you need as a PDF of their own "
        "(print them to a PDF, choosing the pages) and import that."
    )
