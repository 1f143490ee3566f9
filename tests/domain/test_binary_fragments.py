"""A piece of a binary file (a program's compiled code, a font, a compressed file) with
no NUL byte in its start is refused as binary, never imported as gibberish; real text in
every script and encoding the desk reads still imports as itself.

Found by fuzzing 1-64 KB fragments of this machine's binary files (.pyc, .so, fonts,
.mo, .gz, pictures): 3 of 7,000 were imported, all compiled Python read as Windows-1252
("\\x15UITargetedDragPreviewÚ\\x15UNNotificationContent…")."""

from __future__ import annotations

import marshal

import pytest

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.importing import read_article_bytes

_NAMES = [f"{word}{n}" for n in range(40) for word in ("INSTEAD", "INTO", "IS", "DRAG_PREVIEW")]


def _compiled_strings() -> bytes:
    """Compiled Python's table of names, as a .pyc holds it: each a type byte (0xDA, "Ú"
    in Windows-1252), a length byte (a control character) and the name; no NUL."""
    data = marshal.dumps(tuple(_NAMES))
    return data[data.index(b"INSTEAD") - 2 :]


def test_a_piece_of_compiled_code_is_refused_as_binary_not_read_as_windows_1252() -> None:
    data = _compiled_strings()
    assert b"\x00" not in data
    with pytest.raises(ArticleImportError, match="binary") as refused:
        read_article_bytes(data)
    assert "control characters" in str(refused.value)


def test_valid_utf8_that_is_mostly_control_characters_is_refused_as_binary() -> None:
    data = "".join(f"\x07é{name}\x15" for name in _NAMES).encode()
    with pytest.raises(ArticleImportError, match="binary"):
        read_article_bytes(data)


_TEXTS = {
    "th": "นายกรัฐมนตรีกล่าวว่ารัฐบาลจะเพิ่มงบประมาณด้านสาธารณสุขในปีหน้า ",
    "ja": "首相は月曜日、来年度の予算を四パーセント増やすと述べた。",
    "zh": "总理周一表示，明年的预算将增加百分之四。",
    "ko": "총리는 월요일 내년 예산을 4퍼센트 늘리겠다고 말했다. ",
    "ar": "قال رئيس الوزراء يوم الاثنين إن الميزانية سترتفع بنسبة أربعة في المئة. ",
    "hi": "प्रधानमंत्री ने सोमवार को कहा कि अगले साल बजट चार प्रतिशत बढ़ेगा। ",
    "ru": "Премьер-министр заявил в понедельник, что бюджет вырастет на четыре процента. ",
    "el": "Ο πρωθυπουργός δήλωσε τη Δευτέρα ότι ο προϋπολογισμός θα αυξηθεί κατά τέσσερα. ",
    "vi": "Thủ tướng cho biết hôm thứ Hai rằng ngân sách sẽ tăng bốn phần trăm vào năm tới. ",
    "fr": "Le Premier ministre a déclaré lundi que le budget augmenterait. Été, Noël. ",
    "cs": "Předseda vlády v pondělí řekl, že rozpočet příští rok vzroste o čtyři procenta. ",
    "pl": "Premier powiedział w poniedziałek, że budżet wzrośnie w przyszłym roku. ",
}
_LEGACY = {"fr": ["cp1252"], "cs": ["cp1250", "iso8859_2"], "pl": ["cp1250", "iso8859_2"]}


@pytest.mark.parametrize(
    ("language", "encoding"),
    [
        (language, encoding)
        for language in _TEXTS
        for encoding in ["utf-8", "utf-16", "utf-16-le", "utf-16-be", *_LEGACY.get(language, [])]
    ],
)
def test_real_text_still_imports_as_itself(language: str, encoding: str) -> None:
    text = (_TEXTS[language] * 20).strip()
    assert read_article_bytes(text.encode(encoding))[0] == text


@pytest.mark.parametrize(
    "text",
    [
        "Line one.\vLine two, a manual line break from Word.\v" * 40,  # vertical tabs
        "A DOS text file ends with its end-of-file mark.\r\n" * 40 + "\x1a",
        "A page break\x0cthen the next page. " * 40,
    ],
    ids=["vertical-tab", "dos-eof", "form-feed"],
)
def test_text_with_the_control_characters_editors_leave_still_imports(text: str) -> None:
    for encoding in ("utf-8", "cp1252"):
        data = (text + " Café.").encode(encoding)
        assert read_article_bytes(data)[0] == text + " Café."
