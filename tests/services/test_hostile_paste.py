"""Paste as New Article runs on the window's own thread, with no Cancel: what the
clipboard holds must not freeze the window for long, whatever it is."""

from __future__ import annotations

import pytest

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.services import importer
from factcheck_app.services.desk import Desk

SENTENCE = "The mayor said crime fell by 9 percent last year. "


def test_a_clipboard_too_big_to_paste_quickly_is_refused_pointing_at_open_article(
    seeded_desk: Desk,
) -> None:
    # 20 MB of pasted text took 13 s on the window's thread, with no Cancel.
    before = seeded_desk.articles.list_articles()
    text = SENTENCE * (importer.MAX_PASTED_CHARS // len(SENTENCE) + 1)
    with pytest.raises(ArticleImportError, match=r"too much to paste.*File → Open Article"):
        seeded_desk.importer.import_pasted(text=text)
    assert seeded_desk.articles.list_articles() == before


def test_a_paste_just_under_the_limit_is_imported(desk: Desk) -> None:
    text = SENTENCE * (importer.MAX_PASTED_CHARS // len(SENTENCE))
    assert desk.importer.import_pasted(text=text).sentence_count == text.count("mayor")


def test_rich_text_too_big_to_read_quickly_gives_way_to_the_plain_text(desk: Desk) -> None:
    # Reading 20 MB of copied HTML took 3 s before its text was even imported; the
    # clipboard's plain text holds the same words.
    html = "<p><span style='font-family:Calibri'>Police denied it.</span></p>" * (
        importer.MAX_PASTED_HTML_CHARS // 60
    )
    result = desk.importer.import_pasted(html=html, text="Officials said 3 people died.")
    assert desk.articles.article_text(result.article_id) == "Officials said 3 people died."


def test_binary_on_the_clipboard_is_refused_as_the_clipboard_not_a_file(desk: Desk) -> None:
    with pytest.raises(ArticleImportError, match=r"^The clipboard holds NUL characters"):
        desk.importer.import_pasted(text="PK\x03\x04\x00\x00 binary data copied by mistake.")
    assert desk.articles.list_articles() == []


@pytest.mark.parametrize(
    "copied",
    [
        "https://www.example.org/news/2024/05/minister-denies-cuts",
        "  http://example.org/a?id=4&lang=en \n",
        "www.example.org/news/minister-denies-cuts",
    ],
)
def test_a_web_address_alone_is_refused_saying_how_to_bring_the_page_in(
    seeded_desk: Desk, copied: str
) -> None:
    """The address bar copied instead of the story: the desk made an article of the
    address, one sentence to check, which then had to be removed again."""
    before = seeded_desk.articles.list_articles()
    with pytest.raises(ArticleImportError, match=r"only a web address.*File → Open Article"):
        seeded_desk.importer.import_pasted(text=copied)
    assert seeded_desk.articles.list_articles() == before


def test_a_web_address_with_words_around_it_is_imported(desk: Desk) -> None:
    text = "The mayor said crime fell. Source: https://www.example.org/crime"
    assert desk.importer.import_pasted(text=text).sentence_count == 2


def test_several_web_addresses_alone_are_refused_as_one_is(seeded_desk: Desk) -> None:
    """Links copied from a chat, one a line: an article whose every sentence was an
    address, where one address alone was refused."""
    before = seeded_desk.articles.list_articles()
    copied = "https://www.example.org/news/cuts\nhttps://example.net/denial.\n\nwww.example.com/b\n"
    with pytest.raises(ArticleImportError, match=r"^The clipboard holds only web addresses"):
        seeded_desk.importer.import_pasted(text=copied)
    assert seeded_desk.articles.list_articles() == before


def test_text_with_control_characters_on_the_clipboard_is_pasted_not_refused_as_a_file(
    desk: Desk,
) -> None:
    """What a file refused as binary is told to do: copy its text and paste it. Text
    copied from an old LaTeX paper's PDF has its quotes and dashes as control characters
    ("\\x10", "\\x15"), one in every few dozen characters: the paste was refused as "The
    file holds control characters that no text has", of a file there was none of."""
    copied = (
        "The report found \x10no evidence\x11 of fraud \x15 but \x10serious errors\x11 in "
        "the count. "
    ) * 20
    result = desk.importer.import_pasted(text=copied)
    assert desk.articles.article_text(result.article_id) == copied.strip()
