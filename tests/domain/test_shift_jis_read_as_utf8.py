"""A short Japanese file in Shift_JIS whose bytes happen to be valid UTF-8 (half-width
katakana, as older Japanese Windows tools wrote "ﾒｰﾙ" or "ﾃｽﾄ", then a full-width
character). Read as UTF-8 it is a jumble of rare scripts ("Ұفu": Kazakh, Arabic); it is
refused saying what it looks like, as other Shift_JIS files are, never imported so."""

from __future__ import annotations

import pytest

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.importing import read_article_bytes

SHIFT_JIS = [
    "ﾒｰﾙ「",  # UTF-8: "Ұفu", Cyrillic and Arabic
    "ﾒｰﾙ首相。",  # "Ұَ\U00051281B": an Arabic mark and an unassigned character
    "ﾃｽﾄ台風",  # "ýđ䕗": a rare ideograph (CJK Extension A) after Latin letters
    "ﾒｰﾙ会見",  # "Ұى\uf329": a compatibility ideograph
    "ﾃｽﾄのｿﾆｰ",  # "ýĂ̿ư": a double overline on a Latin capital
]


@pytest.mark.parametrize("text", SHIFT_JIS)
def test_shift_jis_that_is_valid_utf8_is_refused_not_imported_as_rare_scripts(text: str) -> None:
    """Before: imported as what UTF-8 made of it ("Ұفu"), without a word."""
    data = text.encode("shift_jis")
    assert data.decode("utf-8")  # valid UTF-8 by chance
    with pytest.raises(ArticleImportError, match="Shift_JIS") as refused:
        read_article_bytes(data)
    assert text in str(refused.value)  # the reviewer sees the Japanese it looks like


@pytest.mark.parametrize(
    "text",
    [
        "Été à Noël",  # UTF-8 "ﾃ\x89t..." in Shift_JIS: half-width katakana too
        "Người dân Việt Nam",
        "Ұлттық банк",  # Kazakh: its UTF-8 reads as Shift_JIS kana
        "東京都は今日、新しい条例を発表した。",
        "外交部发言人周一表示。",
        "Café, naïve, Zoë: “quotes” — 5 €",
    ],
)
def test_utf8_text_in_one_script_stays_utf8(text: str) -> None:
    assert read_article_bytes(text.encode("utf-8")) == (text, "")


_NEWS = "The governor said on Monday that the budget would rise by four percent next year. "


@pytest.mark.parametrize(
    "text",
    [
        _NEWS + "Visitors to Hawaiʻi rose by a tenth. " + _NEWS,  # ʻokina, U+02BB
        "Oʻzbekiston Respublikasi Prezidenti gʻalla hosili haqida soʻzladi. " * 3,  # Uzbek
        _NEWS + "Zaporizhzhiaʼs mayor spoke. " + _NEWS,  # modifier apostrophe, U+02BC
        (_NEWS + "The minister\u0092s aide agreed. ") * 2,  # a C1 quote from Latin-1
    ],
    ids=["okina", "uzbek", "modifier-apostrophe", "c1-quote"],
)
def test_latin_utf8_with_a_modifier_letter_or_c1_control_stays_utf8(text: str) -> None:
    """Such bytes (0xCA 0xBB, 0xC2 0x92 before a letter) are half-width katakana or a
    level-1 kanji in Shift_JIS, but among English words they are no Japanese text: an
    article about Hawaiʻi or in Uzbek was refused as Shift_JIS."""
    assert read_article_bytes(text.encode("utf-8")) == (text, "")


@pytest.mark.parametrize(
    "text",
    [
        "Ελλάδα Київ",  # Greek and Cyrillic: two scripts, each in whole words
        "ΑθήναКиїв",
        "Αθήνα 首相",
        "Київ 北京",
        "Ωμέγα Москва",
        "Café Αθήνα 北京",
        "שלוםΑθήνα",
        "Ελλάδα в",  # a one-letter Russian word beside a Greek one
    ],
)
def test_a_short_note_in_two_scripts_stays_utf8(text: str) -> None:
    """Such a note's bytes read as Shift_JIS half-width katakana and kanji ("ﾎ渦ﾎｻ..."),
    as a Shift_JIS jumble's do, but its letters stand in words of their script: a jumble
    read as UTF-8 has each letter of another script than its neighbours ("Ұفu")."""
    assert read_article_bytes(text.encode("utf-8")) == (text, "")


@pytest.mark.parametrize(
    "text",
    [
        "ﾕｰﾛ･ﾚｰﾄ｡",  # "Euro rate." UTF-8: "հۥڰġ", Armenian beside two Arabic letters
        "ﾎｰﾑ･ﾒｰﾙ｡",  # "Home mail." UTF-8: "ΰѥҰ١", Greek beside two Cyrillic letters
        "ﾎｰﾑ､ﾐｽ",  # "Home, miss" UTF-8: "ΰѤн"
    ],
)
def test_shift_jis_with_two_letters_of_a_script_side_by_side_is_still_refused(
    text: str,
) -> None:
    """A jumble can have two letters of one script side by side by chance (the Arabic
    "ۥڰ"); the letter of another script glued to them, beside none of its own, still
    tells it from a note, whose scripts are in words of their own. Such files were
    imported as "հۥڰġ" once two scripts in words stayed UTF-8."""
    data = text.encode("shift_jis")
    assert data.decode("utf-8")
    with pytest.raises(ArticleImportError, match="Shift_JIS") as refused:
        read_article_bytes(data)
    assert text in str(refused.value)


@pytest.mark.parametrize(
    "text",
    [
        "Мʼянма",  # Myanmar, with Ukrainian spelling's apostrophe, U+02BC
        "вʼїзд",
        "звʼязок.",
        "«Обʼєднані»",
        "«памʼять»\n",
    ],
)
def test_a_short_ukrainian_note_with_its_apostrophe_stays_utf8(text: str) -> None:
    """Ukrainian writes its apostrophe as the modifier letter U+02BC ("памʼять"): a
    letter of the words it stands in, not a rare script glued to Cyrillic. A headline
    or name saved on its own was refused as Shift_JIS ("ﾐｼﾊｼﾑ...")."""
    assert read_article_bytes(text.encode("utf-8")) == (text, "")
