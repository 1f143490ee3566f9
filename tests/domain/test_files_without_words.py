"""A file of punctuation, symbols and spaces only (a rule of dashes saved from an e-mail,
a row of stars, emoji): no word or figure, no article. It was imported as one, its
"sentences" "--- *** ... !!!" and "•" waiting in the list to be reviewed; it is refused
now, saying why, as an empty file is."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.importing import parse_article
from factcheck_app.services.desk import Desk

NO_WORDS = {
    "dashes": "--- *** ... !!! ???\n\n=====\n\n*** --- ###\n",
    "bullets": "• • •\n★★★ — —\n",
    "emoji": "😀 😀 🎉\n",
    "quotes": "„“ ” « » ‹ › 「」 。\n",
    "invisible": "\u200b\u200b\u2060 ·\n",
}


@pytest.mark.parametrize("text", NO_WORDS.values(), ids=NO_WORDS.keys())
def test_a_file_of_punctuation_and_symbols_only_is_refused_saying_why(text: str) -> None:
    with pytest.raises(ArticleImportError) as refused:
        parse_article(text.encode("utf-8"))
    message = str(refused.value)
    assert message.startswith("The file holds no words or figures, only ")
    assert "no article text to review" in message


def test_pasted_punctuation_is_refused_as_text_not_as_a_file() -> None:
    with pytest.raises(ArticleImportError, match=r"^The text holds no words or figures"):
        parse_article(b"--- *** ---", pasted=True)


@pytest.mark.parametrize(
    "text",
    [
        "12 345 678 — 9,5 %",  # figures only: a table of results is text to check
        "— Да! —",
        "東京。",
        "A.",
        "---\n\nMinister resigns.\n\n***",
    ],
    ids=["figures", "cyrillic", "japanese", "one-letter", "words-between-rules"],
)
def test_a_file_with_a_word_or_a_figure_is_imported(text: str) -> None:
    assert parse_article(text.encode("utf-8")).text == text.strip()


def test_the_command_line_refuses_it_and_imports_nothing(desk: Desk, tmp_path: Path) -> None:
    path = desk.path
    assert path is not None
    desk.close()
    rule = tmp_path / "rule.txt"
    rule.write_text(NO_WORDS["dashes"], encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "import", "-w", str(path), str(rule)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 1, result.stdout
    assert result.stdout == ""
    assert "rule.txt: The file holds no words or figures, only punctuation" in result.stderr
    again = Desk.open(path)
    try:
        assert again.articles.list_articles() == []
    finally:
        again.close()


def test_a_long_file_of_symbols_is_refused_without_copying_it_word_by_word() -> None:
    """The refusal quotes its first words only: a 50 MB file of "— — —" (a rule drawn
    over and over, box-drawing art) took 12 s and 1.1 GB more memory to refuse, each of
    its 25 million dashes made a string of its own for a quote of 40 characters."""
    import tracemalloc

    text = "— " * 1_000_000
    tracemalloc.start()
    try:
        with pytest.raises(ArticleImportError) as refused:
            parse_article(text.encode("utf-8"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(refused.value).startswith("The file holds no words or figures")
    assert f"(“{' '.join(['—'] * 20)}…”)" in str(refused.value)  # 40 characters
    # What parse_article holds itself: the bytes decoded (6 MB as UTF-8, 8 MB as text
    # of two-byte characters) and normalised once; split word by word, 100 MB more.
    assert peak < 40_000_000, peak


@pytest.mark.parametrize("command", ["segment", "suggest"])
def test_segment_and_suggest_refuse_it_on_standard_input_as_in_a_file(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`segment -` and `suggest -` printed the rule of dashes as a "sentence" (and a
    suggestion for it), while the same text in a file was refused; and the refusal of the
    file did not say which file, as import's does."""
    from factcheck_app.cli import run

    rule = tmp_path / "rule.txt"
    rule.write_text(NO_WORDS["dashes"], encoding="utf-8")
    assert run([command, str(rule)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "factcheck-app: rule.txt: The file holds no words or figures, only punct" in err

    piped = io.TextIOWrapper(io.BytesIO(NO_WORDS["dashes"].encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", piped)
    assert run([command, "-"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "factcheck-app: What came on standard input holds no words or figures, only" in err
    assert "no article text to review" in err


@pytest.mark.parametrize(
    "text",
    [
        "Minister resigns\nBy Jane Doe, The Paper\n\n***\n",
        "Report\n12 March 2024\n— — —\n",
        "date 2024-03-12\n***\n",
    ],
    ids=["headline-and-byline", "headline-and-date", "date-stamp"],
)
def test_words_only_in_what_is_taken_as_headline_byline_or_date_are_no_article(
    text: str,
) -> None:
    """The headline, byline and date the reader takes off a file's top are its metadata,
    not text to review: with only a rule below them there is no article. It was refused
    as "The file holds no words or figures", which the file plainly does."""
    with pytest.raises(ArticleImportError) as refused:
        parse_article(text.encode("utf-8"))
    message = str(refused.value)
    assert message.startswith(
        "The file holds no words or figures below its headline, byline or date, only "
    )
    assert "no article text to review" in message


def test_a_markdown_header_block_with_only_a_rule_below_is_no_article() -> None:
    """A Markdown file opening with a `---` header block (`title: "Report"`) and a rule
    for a body: the block is the article's properties (tests/domain/test_yaml_front_matter.py),
    so no words are left to review. Until 8 December its lines were the article's text."""
    with pytest.raises(ArticleImportError) as refused:
        parse_article(b'---\ntitle: "Report"\n---\n***\n', suffix=".md")
    assert str(refused.value).startswith(
        "The file holds no words or figures below its front matter, only "
    )


def _word_file_of_bullets() -> bytes:
    from tests.domain.test_extract_hostile import document_xml, docx, run

    return docx(document_xml(run("• • •"), run("▪ ▪"), run("\u200b")))


def _pdf_of_bullets() -> bytes:
    from tests.domain.test_extract_hostile import one_page_pdf

    # Helvetica's standard encoding: 0xB7 is the bullet "•".
    return one_page_pdf(b"BT /F1 12 Tf 72 700 Td (\xb7 \xb7 \xb7) Tj 0 -20 Td (* * *) Tj ET")


@pytest.mark.parametrize(
    ("data", "suffix", "refusal"),
    [
        (b"\xef\xbb\xbf", ".txt", "The file has no article text to review."),
        (b"\xef\xbb\xbf\r\n\xef\xbb\xbf", ".txt", "The file holds no words or figures, only "),
        ("\u200b\u00a0\u200b\n\u00a0\u200b".encode(), ".txt", "The file holds no words or "),
        ("\u00a0 \u00a0\n".encode(), ".txt", "The file has no article text to review."),
        (_word_file_of_bullets(), ".docx", "The file holds no words or figures, only "),
        (_pdf_of_bullets(), ".pdf", "The file holds no words or figures, only "),
    ],
    ids=["bom-only", "two-boms", "zero-width-and-nbsp", "nbsp-only", "docx-bullets", "pdf-bullets"],
)
def test_invisible_or_bullet_only_files_are_refused_never_an_empty_article(
    data: bytes, suffix: str, refusal: str
) -> None:
    with pytest.raises(ArticleImportError) as refused:
        parse_article(data, suffix=suffix)
    assert str(refused.value).startswith(refusal)
    assert str(refused.value).endswith("no article text to review.")
