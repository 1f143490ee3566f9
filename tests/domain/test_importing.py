import codecs
import datetime as dt
import random

import pytest

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.importing import (
    decode_article_bytes,
    default_title,
    parse_article,
    split_date_header,
)

TEXT = "Baku said one civilian had been killed.\nYerevan denied it."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom"],
)
def test_supported_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_article_bytes(data) == TEXT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text", [TEXT, "Баку заявил, что погиб один мирный житель.\nЕреван это отрицает."]
)
def test_utf16_saved_without_a_bom_is_read_not_called_binary(text: str, encoding: str) -> None:
    # Some Windows tools save "Unicode" text without a byte-order mark; it used to be
    # refused as "a binary file", which it is not.
    assert decode_article_bytes(text.encode(encoding)) == text


# A table saved as "Unicode Text" (tab-separated, CRLF) by an old spreadsheet or a social
# media export tool: mostly ASCII, a few characters whose UTF-16 low byte is 0x00 (the
# emoji 😀 U+1F600 is D83D DE00; 一 U+4E00; the ideographic space U+3000; Ā U+0100).
UNICODE_TABLE = "Date\tPost\tAuthor\tRating\r\n" + "".join(
    f"2024-03-{n % 28 + 1:02d}\tUnemployment fell to {n}.{n % 10}% {mark}\tJ. Smith\tFalse\r\n"
    for n, mark in zip(range(60), ["\U0001f600", "一", "\u3000ok", "Ā", "", ""] * 10, strict=True)
)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_unicode_table_without_a_bom_with_emoji_is_read_as_its_text(encoding: str) -> None:
    """A table of posts saved as UTF-16 without a byte-order mark was refused as "a binary
    file" once one character in a hundred had a NUL in its other byte (😀, 一, the
    ideographic space): the rule wanted every NUL on one side, as in ASCII text."""
    assert decode_article_bytes(UNICODE_TABLE.encode(encoding)) == UNICODE_TABLE


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_with_a_byte_left_over_is_read_and_says_so(encoding: str) -> None:
    """A UTF-16 file one byte too long (a line end added by a tool that thought it 8-bit
    text, or a copy cut short) was refused as "a binary file": now read, the byte left
    over shown as "\ufffd" and said, as a stray byte of UTF-8 is."""
    from factcheck_app.domain.importing import read_article_bytes

    for extra in (b"\n", b"\x00", b"\x1a"):
        text, note = read_article_bytes(UNICODE_TABLE.encode(encoding) + extra)
        assert text == UNICODE_TABLE + "\ufffd"
        assert "UTF-16" in note and "\ufffd" in note


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_cut_short_inside_an_emoji_is_read_and_says_so(encoding: str) -> None:
    """A copy cut short at an odd byte is read (the rule above), but not when the cut
    fell in an emoji (four bytes, two halves): three of its bytes left a lone first half
    and the table was refused as "a binary file". Its three bytes show as one "\ufffd"."""
    from factcheck_app.domain.importing import read_article_bytes

    at = UNICODE_TABLE.index("\U0001f600", 500)
    data = UNICODE_TABLE.encode(encoding)[: len(UNICODE_TABLE[:at].encode(encoding)) + 3]
    text, note = read_article_bytes(data)
    assert text == UNICODE_TABLE[:at] + "\ufffd"
    assert "UTF-16" in note


@pytest.mark.parametrize(
    "data",
    [
        # Pieces of a program with text in it: NULs mostly on one side, controls between.
        (b"\x01\x00\x02\x00" + "Copyright".encode("utf-16-le")) * 200,
        b"A\x00" * 400 + b"\x00\x00\xff\x7f" * 100,
        (b"\x00\x00" + "tab\t".encode("utf-16-le") * 9) * 50,  # every tenth a NUL character
    ],
)
def test_binary_with_nuls_mostly_on_one_side_is_still_refused(data: bytes) -> None:
    with pytest.raises(ArticleImportError, match="binary"):
        decode_article_bytes(data)
    with pytest.raises(ArticleImportError, match="binary"):
        decode_article_bytes(data + b"\n")


# Chinese, Japanese and Korean news text: full-width punctuation, hardly a space or a
# Latin letter, so few of its UTF-16 byte pairs hold a NUL (only its line ends, digits).
CJK = {
    "zh": "外交部发言人周一表示，双方将在五月恢复谈判。\n批评人士否认了这一说法，称谈判从未中断。"
    "\n据统计，去年共有一百二十万人参加了选举，比前年增加了百分之七。",
    "ja": "政府は月曜日、橋が五月に再開すると発表した。\n批評家はこれを否定し、工事はまだ半分も"
    "終わっていないと述べた。\n統計によると、昨年は一万人が参加した。",
    "ko": "정부는 월요일에 다리가 오월에 다시 열릴 것이라고 밝혔다.\n비평가들은 이를 부인했다."
    "\n통계에 따르면 작년에 만 명이 참가했다.",
    "zh-long": "\n".join(
        f"据统计，去年第{n}季度共有一百二十万人参加了选举，比前年增加了百分之七。"
        "外交部发言人表示，双方将在五月恢复谈判，批评人士否认了这一说法。"
        for n in range(1, 200)
    ),
    "ja-kana": "きのうのよる、わたしたちはえきのちかくでおおきなひをみました。\nけさ、"
    "しょうぼうしょはそのひはもうきえたといいました。",
    "zh-one-line": "外交部发言人周一表示，双方将在五月恢复谈判。批评人士否认了这一说法。",
}


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("language", list(CJK))
def test_cjk_utf16_without_a_bom_is_read_not_called_binary(language: str, encoding: str) -> None:
    # Saved as "Unicode" by a Windows tool, without a byte-order mark: refused as "a binary
    # file" (a tenth of its byte pairs must hold a NUL), or read as Latin gibberish.
    text = CJK[language]
    assert decode_article_bytes(text.encode(encoding)) == text


@pytest.mark.parametrize("language", list(CJK))
def test_cjk_utf8_is_still_read_as_utf8(language: str) -> None:
    text = CJK[language]
    assert decode_article_bytes(text.encode("utf-8")) == text


@pytest.mark.parametrize(
    "data",
    [  # Czech in ISO 8859-2, a stray NUL in each
        b"kritici \xfap\xecl pop\xf8eli v\xfdda\x00je pop\xf8eli",
        b"pop\xf8eli zat\xedmco \x9elu\x9do\x00u\xe8k\xfd",
        b"v\xfddaje pop\xf8eli kriti\x00ci \xf3dy \xaba\xbek\xe9 \xf8ekl",
        b"pop\xf8eli v\xfddaje \xaba\xbek\xe9 \xbelu\xbbou\xe8k\x00\xfd pop\xf8eli loni "
        b"\xaba\xbek\xe9 loni ",
    ],
)
def test_an_8_bit_text_with_a_stray_nul_is_not_read_as_cjk(data: bytes) -> None:
    # Refused as binary, as before; read as UTF-16 it was Chinese gibberish (灯烸敬椠…).
    with pytest.raises(ArticleImportError, match="binary"):
        decode_article_bytes(data)


@pytest.mark.parametrize(
    ("text", "encoding", "at"),
    [  # Chinese, Japanese in the 8-bit encodings of their Windows and Unix, a stray NUL
        (CJK["zh"].split("\n")[0], "gbk", 0),
        (CJK["ja"].split("\n")[0], "shift_jis", 0),
        (CJK["ja"].split("\n")[0], "euc_jp", 0),
        (CJK["zh-long"][:60], "gbk", 14),
    ],
)
def test_a_double_byte_text_with_a_stray_nul_is_not_read_as_cjk(
    text: str, encoding: str, at: int
) -> None:
    # Read as UTF-16, it was Korean or Chinese gibberish (촀뷢늻랿…, 뻝춳볆ꎬ…), imported
    # without a word; refused as binary, as before the CJK rule.
    data = text.encode(encoding)
    data = data[:at] + b"\x00" + data[at:]
    with pytest.raises(ArticleImportError, match="binary"):
        decode_article_bytes(data + b"\n" * (len(data) % 2))


def test_short_binary_files_are_not_taken_for_cjk_utf16() -> None:
    # 32 random bytes, one of them NUL, read as CJK text one time in nine (measured over
    # 2,000). (Two NULs on one side pass as UTF-16 in a Latin script, as ever.)
    generator = random.Random(11)
    for _ in range(400):
        data = bytearray(generator.randrange(1, 256) for _ in range(32))
        data[generator.randrange(32)] = 0
        with pytest.raises(ArticleImportError, match="binary"):
            decode_article_bytes(bytes(data))


def test_random_bytes_are_not_taken_for_cjk_utf16() -> None:
    import random

    generator = random.Random(7)
    for size in (64, 1_000, 20_000):
        for _ in range(20):
            data = bytes(generator.randrange(256) for _ in range(size))
            try:
                text = decode_article_bytes(data)
            except ArticleImportError:
                continue
            assert text != data.decode("utf-16-le", "replace")
            assert text != data.decode("utf-16-be", "replace")


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x00\x01\x00" * 100,  # NULs on both sides: no text
        "a\x00b".encode("utf-16-le") * 100,  # UTF-16 of text holding NUL characters
        "a\x01b\x02".encode("utf-16-le") * 100,  # UTF-16 of control characters
    ],
)
def test_binary_that_looks_a_little_like_utf16_is_still_refused(data: bytes) -> None:
    with pytest.raises(ArticleImportError, match="binary"):
        decode_article_bytes(data)


def test_crlf_line_ends_are_normalised_and_text_identical() -> None:
    parsed_crlf = parse_article(TEXT.replace("\n", "\r\n").encode())
    parsed_lf = parse_article(TEXT.encode())
    assert parsed_crlf.text == parsed_lf.text == TEXT
    assert parsed_crlf.content_hash == parsed_lf.content_hash


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"caf\xe9 \x81 au lait", "neither UTF-8 nor Western European"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", r"picture \(PNG\)"),
        (b"plain text with a \x00 NUL byte", "binary"),
        (b"   \n\n  ", "no article text"),
    ],
)
def test_undecodable_or_empty_input_is_refused_in_words(data: bytes, words: str) -> None:
    with pytest.raises(ArticleImportError, match=words):
        parse_article(data)


def test_date_header_becomes_metadata_and_leaves_the_text() -> None:
    parsed = parse_article(b" date 2020-10-04 Ankara, Baku's main backer, said so.")
    assert parsed.metadata.published == dt.date(2020, 10, 4)
    assert parsed.text == "Ankara, Baku's main backer, said so."


def test_date_header_on_its_own_line() -> None:
    date, rest = split_date_header("date 2021-01-31\nBody text.")
    assert date == dt.date(2021, 1, 31)
    assert rest == "Body text."


def test_invalid_date_header_stays_in_the_text() -> None:
    date, rest = split_date_header("date 2021-02-31 Body.")
    assert date is None
    assert rest == "date 2021-02-31 Body."


def test_markdown_heading_becomes_title_and_markup_is_removed() -> None:
    parsed = parse_article(
        b"# Shelling of Ganja\n\nBaku said **one** civilian died, [per AFP](https://x.org).",
        suffix=".md",
    )
    assert parsed.metadata.title == "Shelling of Ganja"
    assert "**" not in parsed.text and "](" not in parsed.text
    assert "Baku said one civilian died, per AFP." in parsed.text


def test_default_title_is_the_first_sentence_shortened_on_a_word() -> None:
    assert default_title("Short  first\nsentence.") == "Short first sentence."
    long = "word " * 60
    title = default_title(long)
    assert len(title) <= 120 and title.endswith("…") and not title.endswith(" …")


WIRE = """Council approves flood barrier
By Priya Natarajan, Riverside Courier
June 3, 2024

RIVERSIDE — The council said 40 homes were flooded on Sunday. The mayor denied it."""


def test_a_text_files_headline_byline_and_date_are_metadata_not_sentences() -> None:
    """Issue 15, bug 10: the byline and the dateline date became sentences to review."""
    parsed = parse_article(WIRE.encode("utf-8"))
    assert parsed.text.startswith("RIVERSIDE — The council said 40 homes")
    meta = parsed.metadata
    assert (meta.title, meta.author, meta.outlet) == (
        "Council approves flood barrier",
        "Priya Natarajan",
        "Riverside Courier",
    )
    assert meta.published == dt.date(2024, 6, 3)


@pytest.mark.parametrize(
    "text",
    [
        "By the time police arrived, the crowd had left. Nobody was hurt.",
        "Flood in Ganja\nThe council said 40 homes were flooded.",
        "The council said 40 homes were flooded.\nBy Sunday the water had gone.",
    ],
)
def test_ordinary_openings_stay_in_the_text(text: str) -> None:
    parsed = parse_article(text.encode("utf-8"))
    assert parsed.text == text
    assert parsed.metadata.author == "" and parsed.metadata.published is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Monday, June 3, 2024", dt.date(2024, 6, 3)),
        ("3 June 2024", dt.date(2024, 6, 3)),
        ("Jun. 3, 2024 10:42 EDT", dt.date(2024, 6, 3)),
        ("2024-06-03", dt.date(2024, 6, 3)),
    ],
)
def test_dateline_dates_in_the_usual_forms(line: str, date: dt.date) -> None:
    parsed = parse_article(f"By Ana Ruiz\n{line}\n\nThe council met.".encode())
    assert parsed.metadata.published == date and parsed.text == "The council met."


def test_a_short_cjk_utf16_file_is_refused_with_what_to_do() -> None:
    # A headline saved on its own as "Unicode" without a BOM: under 32 wide characters the
    # desk cannot tell it from a binary file (test above), and said only "it looks like a
    # binary file" of a file Notepad shows as text: she was left without a way to import it.
    headline = "特朗普宣布新关税政策引发全球市场震荡。\r\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        with pytest.raises(ArticleImportError, match="binary") as refused:
            decode_article_bytes(headline.encode(encoding))
        assert "UTF-8" in str(refused.value)
        assert "Chinese, Japanese or Korean" in str(refused.value)
    # A binary file is not given the hint.
    with pytest.raises(ArticleImportError) as refused:
        decode_article_bytes(bytes(range(256)) * 4)
    assert "Korean" not in str(refused.value)


@pytest.mark.parametrize(
    "data",
    [
        b"\x01\x00" * 5_000_000,  # NULs on one side, no text: read as UTF-16, controls
        "特朗普宣布新关税政策".encode("utf-16-le") + b"\x01\x00" * 5_000_000,
    ],
    ids=["controls", "headline-then-binary"],
)
def test_a_big_binary_file_is_refused_without_decoding_it_whole(data: bytes) -> None:
    # Told a binary file by its start: each reading as UTF-16 (and then the short CJK
    # text's hint, twice more) decoded all of it first, 10 MB here, up to 200 MB.
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(ArticleImportError, match="binary") as refused:
            decode_article_bytes(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "Korean" not in str(refused.value)
    assert peak < 1_000_000, f"{peak:,} bytes at the peak for a {len(data):,}-byte file"
