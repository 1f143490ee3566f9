"""UTF-16 ("Unicode" in Windows' Save As) saved without a byte-order mark and with few
or no NUL bytes: Thai (no spaces between words), Japanese or Chinese on one line, Russian
with long words. Read as what it is, or refused in words; never imported as gibberish."""

from __future__ import annotations

import pytest

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.importing import decode_article_bytes, read_article_bytes

# Thai writes no space between words: its UTF-16 has no NUL byte at all, and every other
# byte is 0x0E (the Thai block's high byte), a control character read as UTF-8.
THAI = "รัฐบาลประกาศมาตรการใหม่วันนี้เพื่อช่วยเหลือเกษตรกรที่ได้รับผลกระทบจากภัยแล้ง"
# Japanese on one line without 一 or a line end: no NUL either.
JAPANESE = (
    "東京都は今日、新しい条例を発表した。知事によると、来年四月から施行される予定だ。"
    "市民からは賛否両論の声が上がっている。"
)
# Long Russian words: a NUL in fewer than a tenth of the byte pairs (only its spaces).
RUSSIAN = (
    "Правительство Российской Федерации рассматривает законопроект о государственных закупках."
)
UKRAINIAN = "Верховна Рада ухвалила законопроект"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [THAI, JAPANESE, RUSSIAN, UKRAINIAN], ids=["th", "ja", "ru", "uk"])
def test_utf16_with_few_or_no_nul_bytes_is_read_as_itself(text: str, encoding: str) -> None:
    """Before: Thai was imported as "#\\x0e1\\x0e\\x10\\x0e…" (read as UTF-8, its high
    bytes as control characters); Japanese was refused as "neither UTF-8 nor Western
    European"; Russian and Ukrainian as "a binary file", with a hint about Chinese."""
    data = text.encode(encoding)
    if text in (THAI, JAPANESE):
        assert b"\x00" not in data
    assert read_article_bytes(data) == (text, "")


def test_bytes_that_look_like_utf16_but_cannot_be_told_are_refused_in_words() -> None:
    # Every other byte a control character (as UTF-16 of a non-Latin script has), but
    # read in either byte order no text (private-use or unassigned characters): refused,
    # saying so, never imported as "\x0e\xe0\x0e\xe1…" (Windows-1252).
    data = bytes(byte for low in range(0xE0, 0x100) for byte in (0x0E, low)) * 2
    with pytest.raises(ArticleImportError, match="UTF-16"):
        decode_article_bytes(data)


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII news text, with a tab\there and line ends.\r\nSecond line.",
        "Café au lait — “quotes” … €5 a cup, said the owner.",
    ],
)
def test_text_that_is_not_utf16_reads_as_before(text: str) -> None:
    for encoding in ("utf-8", "cp1252"):
        assert decode_article_bytes(text.encode(encoding)) == text
