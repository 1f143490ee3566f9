"""A short Chinese or Japanese text saved in its older double-byte encoding (Shift_JIS,
EUC-JP, GBK/GB18030, Big5: a headline saved on its own by an older Windows or Unix
editor). Its bytes are all Windows-1252 bytes, few of its letters come out accented
("Š”‰¿‚ª‰º—Ž‚µ‚½", "¤¤°ê¸gÀÙ¼Wªø©ñ½w"), and it was imported as that gibberish, with only
the usual "if letters look wrong" note. Refused now, saying what it looks like and
what to do, as a short CJK text saved as UTF-16 is."""

from __future__ import annotations

import pytest

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.importing import (
    READ_AS_WINDOWS_1250,
    READ_AS_WINDOWS_1252,
    parse_article,
)

HINT = "Chinese or Japanese"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("株価が下落した", "shift_jis"),
        ("警察が男を逮捕した", "cp932"),
        ("選挙の結果", "shift_jis"),
        ("円安が進む", "euc_jp"),
        ("台風が上陸した", "euc_jp"),
        ("中国经济增长放缓", "gb18030"),
        ("北京今天下雨", "gbk"),
        ("總統大選結果", "big5"),
        ("總理在記者會上介紹了明年的預算草案，並表示不會提高營業稅。", "big5"),
        ("株価が下落した\n", "shift_jis"),
        # Each character's second byte an ASCII letter: imported as "·s»D", as Western
        # text whose accented letters join the letters after them would be; told apart
        # by their first bytes, which Windows-1252 reads as symbols, not letters.
        ("新聞", "big5"),
        ("新聞報導", "big5"),
    ],
)
def test_a_short_double_byte_cjk_text_is_refused_not_read_as_gibberish(
    text: str, encoding: str
) -> None:
    with pytest.raises(ArticleImportError, match=HINT) as refused:
        parse_article(text.encode(encoding))
    assert "Save it as UTF-8 and import it again" in str(refused.value)


def test_one_the_desk_cannot_tell_says_what_it_looks_like() -> None:
    # 0x81 (Shift_JIS's lead byte of punctuation) is undefined in Windows-1252: refused
    # as "neither UTF-8 nor Western European" as before, now with what it looks like.
    with pytest.raises(ArticleImportError, match="neither UTF-8 nor Western") as refused:
        parse_article("東京で地震があった。".encode("shift_jis"))
    assert HINT in str(refused.value)


@pytest.mark.parametrize(
    "text",
    [
        "Été à Noël ?",
        "Ação não é só já",
        "Þjóðhátíð á Íslandi",
        "Ärger über Öl",
        "Er sagte „Gruß“ und ging über die Straße zurück, müde und fröhlich.",
        "Le ministre a déclaré que l’économie était “forte” — mais les chiffres…",
        "El señor Muñoz dijo que la inflación bajó en el año.",
        "Smörgåsbord på Åland, ölet är kallt.",
        "Ça été",
        "Dvorák’s œuvre: l’été",
        "©AP ©AFP «Le» 30°F",  # symbols before letters: read as CJK, but more Latin letters
    ],
)
def test_western_european_text_still_reads_as_windows_1252(text: str) -> None:
    parsed = parse_article(text.encode("cp1252"))
    assert parsed.text == text
    assert parsed.reading_note == READ_AS_WINDOWS_1252


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("政府は本日、新しい経済対策を発表した。", "euc_jp"),
        ("政府今天宣布了新的经济措施。", "gb18030"),
    ],
)
def test_a_longer_one_refused_as_another_alphabet_names_chinese_among_them(
    text: str, encoding: str
) -> None:
    # Most of its letters come out accented: refused as "another alphabet's encoding
    # (Cyrillic, Greek, Arabic…)", which named none a Chinese or Japanese reader knew.
    with pytest.raises(ArticleImportError, match="another alphabet's encoding") as refused:
        parse_article(text.encode(encoding))
    assert "Chinese" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Ödön Örkény", "cp1252"),  # a Hungarian writer's name, a file's whole text
        ("Ürün", "cp1254"),  # Turkish "product"
        ("Ñoño", "cp1252"),
        ("Öl, Ära", "cp1252"),
    ],
)
def test_short_western_words_each_beginning_accented_are_not_taken_for_chinese(
    text: str, encoding: str
) -> None:
    # Each accented letter and the plain one after it read as one double-byte character,
    # and no plain letter is left over: taken for Chinese or Japanese and refused, though
    # it was imported as written before. A CJK character from two accented letters side
    # by side ("Öl Ölçü") is what tells them apart from a real one: its second byte is
    # over 0x7F in all but a few.
    parsed = parse_article(text.encode(encoding))
    assert parsed.text == text.encode(encoding).decode("cp1252")


def test_central_european_text_is_not_said_to_look_chinese() -> None:
    # Polish in Windows-1250 ("Źdźbło": a blade of grass) has a byte Windows-1252 leaves
    # undefined (Ź): read as Windows-1250 now (it was refused as "cannot tell"), never
    # refused as Chinese or Japanese (each accented letter and the next read as one such
    # letter).
    parsed = parse_article("Źdźbło".encode("cp1250"))
    assert parsed.text == "Źdźbło"
    assert parsed.reading_note == READ_AS_WINDOWS_1250
