"""Japanese in Shift_JIS with no half-width character (no ASCII, or only CRLF line ends):
its bytes fall in pairs, each a CJK ideograph read as UTF-16 big-endian ("東京" is
"鎌讞"). Without a NUL byte it is not UTF-16 (any Latin letter, digit or space of a
UTF-16 text has one): it is refused as Shift_JIS always was, never imported as Chinese."""

from __future__ import annotations

import pytest

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.importing import read_article_bytes

JAPANESE = [
    # One line of news, full-width punctuation only.
    "東京都は今日、新しい条例を発表した。来年の予算は四パーセント増える見込みだ。",
    # Paragraphs with Windows line ends (CRLF keeps the pairs in step), full-width digits.
    "首相は１５日、記者会見を開いた。\r\n政府は新しい対策を発表した。\r\n"
    "市民からは賛否両論の声が上がっている。\r\n",
]


@pytest.mark.parametrize("repeat", [1, 3, 200])
@pytest.mark.parametrize("text", JAPANESE, ids=["one-line", "crlf"])
def test_shift_jis_without_half_width_bytes_is_refused_not_read_as_utf16(
    text: str, repeat: int
) -> None:
    """Before 7 December (and still with a NUL-free start) it was refused; the UTF-16
    without NUL rule imported it as "鎌讞鍳苍趡…", a silent misreading."""
    data = (text * repeat).encode("shift_jis")
    assert b"\x00" not in data and len(data) % 2 == 0
    with pytest.raises(ArticleImportError, match="Shift_JIS"):
        read_article_bytes(data)
