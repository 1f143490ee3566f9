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


def _font_glyph_names() -> bytes:
    """A TrueType font's table of glyph names, as DejaVu's hold them: each name after its
    length byte, and "uni0410" is seven letters long, so each one's length byte is BEL."""
    return b"".join(b"\x07" + f"uni{code:04X}".encode() for code in range(0x0400, 0x0500))


def test_a_piece_of_a_fonts_glyph_names_is_refused_as_binary_not_imported() -> None:
    # A wire bulletin's bells come five or ten together; a font's BELs one per name.
    data = _font_glyph_names()
    assert b"\x00" not in data
    with pytest.raises(ArticleImportError, match="binary"):
        read_article_bytes(data)


# Pieces of programs' tables of small numbers, two bytes each (libpcre2's, Qt's), cut at
# an odd byte (so not UTF-16): every other byte SOH, STX or ETX, as no wire story's
# framing is (four in a story).
_NUMBER_TABLES = {
    "byte-and-stx-or-etx": b"".join(
        bytes((v, 2 + v % 2)) * (4 + v % 17) for v in b"?\xd3E\xb5\xb6FG" * 4
    )
    + b"?",
    "byte-and-soh": b"".join(bytes((v, 1)) * (1 + v % 20) for v in range(0x27, 0x60)) + b"`",
}


@pytest.mark.parametrize("kind", list(_NUMBER_TABLES))
def test_a_piece_of_a_table_of_numbers_is_refused_as_binary_not_imported(kind: str) -> None:
    data = _NUMBER_TABLES[kind]
    assert b"\x00" not in data
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


_STORY = (
    "The minister said on Tuesday that unemployment had fallen to its lowest level since "
    "2008, a claim the opposition disputed. Figures from the statistics office show a fall "
    "of 0.3 points over the year, but economists warned the definition had changed."
)


def _anpa(body: str, slug: str, bells: int = 0) -> str:
    """A wire story as AP's ANPA-1312 feed frames it: SYN SYN, SOH and its header, STX,
    the story (an urgent one after bells: 5 for a bulletin, 10 for a flash), ETX and its
    trailer, EOT."""
    return (
        f"\x16\x16\x01a0123 ubylr-u f BC-{slug} 12-07 0412\x02"
        + "\x07" * bells
        + f"^{slug}<\r\n{body}\r\n\x03AP-NY-12-07-26 1012EST<\r\n\x04"
    )


# Text a newsroom imports that holds control characters, one in a hundred characters or
# more: each was imported before the binary rule came, and was then refused as binary.
_TEXTS_WITH_CONTROLS = {
    "wire-flash": _anpa(
        "WASHINGTON (AP) -- The Senate has passed the budget, 51-49.", "Budget", 10
    ),
    "wire-bulletin": _anpa("LONDON (AP) -- The prime minister has resigned.", "PM", 5),
    "wire-feed": "".join(_anpa(_STORY, f"Brief{n}") for n in range(12)),
    "iptc-7901-feed": "".join(
        f"\x01ZCZC 0{n}23 AFP0{n}23 4 pol 0412\r\n\x02{_STORY}\r\n\x03\r\nNNNN\r\n\x04"
        for n in range(10)
    ),
    "terminal-log-in-colour": "".join(
        f"\x1b[32m2026-12-07 10:{n:02d}:00\x1b[0m \x1b[1;31mERROR\x1b[0m page {n} of the register\n"
        for n in range(40)
    ),
    "ascii-delimited-data": "".join(
        f"{n}\x1fBerlin\x1f{1000 + n}\x1fcouncil budget line\x1e\n" for n in range(60)
    ),
    # Copied from a LaTeX paper's PDF: its fi, fl, ffi and ffl ligatures come out as FS,
    # GS, RS and US ("the \x1cgures").
    "pdf-ligatures": (
        "We are con\x1cdent the \x1cgures re\x1dect the e\x1bects of the o\x1ecial \x1cnance "
        "rules, and the o\x1ece \x1cnished its \x1cnal report on the ba\x1f\x1ced sta\x1e. "
    )
    * 30,
}


@pytest.mark.parametrize("kind", list(_TEXTS_WITH_CONTROLS))
def test_text_a_newsroom_imports_with_control_characters_is_not_refused_as_binary(
    kind: str,
) -> None:
    text = _TEXTS_WITH_CONTROLS[kind] + " Café."
    for encoding in ("utf-8", "cp1252"):
        assert read_article_bytes(text.encode(encoding))[0] == text


def test_the_binary_refusal_says_what_to_do_with_text() -> None:
    with pytest.raises(ArticleImportError, match="binary") as refused:
        read_article_bytes(_compiled_strings())
    assert "copy its text (not the file) and use Edit → Paste as New Article" in str(refused.value)


# A piece of a video codec's vector code, shaped as libx265's are (a register byte, "b",
# small immediates before them: SOH and EOT, now and then a BEL), no NUL in it: read as
# Windows-1252 it has two controls that count, under the eight that make it binary, and
# nine SOH and EOT that a wire story's framing let through. A fuzz of NUL-free pieces of
# this machine's libraries (64-512 bytes) imported 15 in 2,000 so.
_VECTOR_CODE = (
    b"\x1c\x07\x01b\xa1u@`\xc3b\x82}@\x04\xc0b\xa1u@h\xcbb\x82u@\x04\xc8b\xe1~(o$wb\xe3]@:$\xb7"
    b"\x01b\xa1e@`\xd4b\x82m@\x04\xd0b\xa1e@h\xdcb\x82e@\x04\xd8b\xe1~(o,\x07b\xc3U@:,1"
)


def test_a_piece_of_vector_code_with_soh_and_eot_is_refused_as_binary() -> None:
    """SOH, STX, ETX and EOT are let through only as a story's framing comes: in that
    order, story after story; machine code has them in any order (EOT, EOT, SOH)."""
    assert b"\x00" not in _VECTOR_CODE
    with pytest.raises(ArticleImportError, match="binary"):
        read_article_bytes(_VECTOR_CODE)


def test_a_wire_feed_with_a_story_cut_short_still_imports() -> None:
    """A feed whose line dropped in the middle of a story: its SOH and STX, then the next
    story's SOH. Once out of order is forgiven; so is a feed with no SOH (STX … ETX, EOT)."""
    cut = _anpa(_STORY, "Cut")
    cut = cut[: cut.index(_STORY) + 40]  # no ETX, no EOT
    feed = "".join(_anpa(_STORY, f"Brief{n}") for n in range(4))
    for text in (
        feed + cut + feed,
        "".join(f"\x02{_STORY}\r\n\x03\r\n\x04" for n in range(10)),
    ):
        assert read_article_bytes(text.encode("utf-8"))[0] == text


def test_a_feed_of_bulletins_with_two_stories_cut_short_still_imports() -> None:
    """A night's capture of bulletins from a line that dropped twice: two stories cut
    short after their STX, each followed by the next one's SOH. Out of order was forgiven
    once in a file's start, however many stories it holds: the feed was refused as a
    binary file. Machine code has a third of its SOH, STX, ETX, EOT out of order."""
    bulletins = [
        _anpa(f"LONDON (AP) -- Bulletin {n}: the prime minister has resigned.", f"PM{n}", 5)
        for n in range(30)
    ]
    for n in (4, 13):
        bulletins[n] = bulletins[n][: bulletins[n].index("\x02") + 20]  # no ETX, no EOT
    feed = "".join(bulletins)
    for encoding in ("utf-8", "cp1252"):
        assert read_article_bytes(feed.encode(encoding))[0] == feed
