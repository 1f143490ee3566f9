"""Hostile web pages, Word files and PDFs: each is read correctly or refused in one sentence."""

from __future__ import annotations

import pytest

from factcheck_app.domain.extract.html import decode_html
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
