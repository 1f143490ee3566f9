"""A file that starts as text and turns binary part way (a log with a core dump
appended, a "####" banner then a program's table of numbers, a PDF saved as .txt) is
refused saying from which byte on, and after which words, so the reviewer can cut the
file there; it is never imported as an article of junk and control characters.

Found by fuzzing: a piece of glib beginning with a "####…" banner, its ETB control
bytes 2,743 bytes in, was imported as an article (the start, 4 KB, alone was judged)."""

from __future__ import annotations

import codecs
import tracemalloc

import pytest

from factcheck_app.domain import importing
from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.importing import parse_article, read_article_bytes

_STORY = (
    "The minister said on Monday that the budget would rise by 4 percent next year, "
    "according to figures released by the treasury. Critics called it too little.\n"
)
_TEXT = (_STORY * 40).encode()  # 6,520 bytes: more than the 4 KB start judged alone
_LAST_WORDS = "Critics called it too little."

# Programs' data with no NUL: a table of small numbers after ETB bytes (glib's), a run of
# one control byte (libjpeg's), machine code's bytes.
_NO_NUL = {
    "etb-table": b"".join(bytes((0x17, 2 + v % 3, 0x30 + v % 40)) for v in range(3000)),
    "run-of-one-byte": b"\x0e" * 40_000,
    "code": bytes((v * 37 + 6) % 255 + 1 for v in range(20_000)),
}


@pytest.mark.parametrize("kind", list(_NO_NUL))
def test_text_that_turns_binary_with_no_nul_is_refused_naming_where(kind: str) -> None:
    data = _TEXT + _NO_NUL[kind]
    assert b"\x00" not in data
    with pytest.raises(ArticleImportError) as refused:
        parse_article(data, suffix=".txt")
    message = str(refused.value)
    assert f"byte {len(_TEXT):,}" in message
    assert _LAST_WORDS in message
    assert "control characters" in message


@pytest.mark.parametrize("lines", [31, 370])
def test_text_that_turns_binary_with_nul_bytes_is_refused_naming_where(lines: int) -> None:
    # A log with a core dump appended: its lines, then an ELF file (5 KB, 60 KB in).
    text = (_STORY * lines).encode()
    elf = b"\x7fELF\x02\x01\x01" + bytes(9) + b"\x03\x00>\x00\x01\x00\x00\x00" * 200
    with pytest.raises(ArticleImportError) as refused:
        read_article_bytes(text + elf)
    message = str(refused.value)
    assert f"from byte {len(text):,} on" in message
    assert _LAST_WORDS in message
    assert "NUL" in message


def test_machine_code_before_the_first_nul_is_not_left_in_the_part_to_keep() -> None:
    # Code bytes that are not text ("UHH\x89\xe5") come before its first NUL.
    code = b"UHH\x89\xe5HH $HHeARIASIATIAUIAVMSDH >\x8b\x05" + bytes(4) + b"\x48\x89" * 100
    with pytest.raises(ArticleImportError) as refused:
        read_article_bytes(_TEXT + code)
    message = str(refused.value)
    assert f"from byte {len(_TEXT):,} on" in message
    assert _LAST_WORDS in message


def test_utf8_with_a_bom_that_turns_binary_is_refused_too() -> None:
    data = codecs.BOM_UTF8 + _TEXT + _NO_NUL["etb-table"]
    with pytest.raises(ArticleImportError, match="control characters"):
        read_article_bytes(data)


# Text with control characters a newsroom's files have, all through, not only at the start.
_LONG_TEXTS = {
    "coloured-log": (
        "2026-12-07 \x1b[32mINFO\x1b[0m worker 12 finished job \x1b[1m4411\x1b[0m in 0.3 s\n" * 2000
    ),
    "wire-feed": "".join(
        f"\x16\x16\x01a{n:04d} r f BC-Budget\x02The minister said the budget would rise "
        f"by {n} percent next year.\x03\x04" + _STORY
        for n in range(300)
    ),
    "bulletin-bells": ("\x07\x07\x07\x07\x07 BULLETIN\n" + _STORY * 20) * 30,
    "delimited-data": "".join(f"row {n}\x1fcity\x1f{n * 3}\x1e" for n in range(20_000)),
    "stray-controls-far-apart": "".join(_STORY * 30 + "\x08" for _ in range(40)),
}


@pytest.mark.parametrize("kind", list(_LONG_TEXTS))
def test_long_text_with_controls_all_through_still_imports(kind: str) -> None:
    text = _LONG_TEXTS[kind]
    assert read_article_bytes(text.encode())[0] == text


def test_padding_before_the_binary_part_does_not_hide_the_last_words() -> None:
    # A fixed-width export pads its last record with spaces before its program data.
    data = _TEXT + b" " * 2000 + _NO_NUL["etb-table"]
    with pytest.raises(ArticleImportError) as refused:
        read_article_bytes(data)
    assert _LAST_WORDS in str(refused.value)


def _flash(n: int) -> str:
    """A wire flash: a line of framing and bells, SOH to EOT, 40 characters of text."""
    return f"\x16\x16\x01a{n:04d} f BC-Flash\x02\x07\x07\x07\x07\x07FLASH quake {n}\x03\x04"


# Text whose last few hundred bytes hold a handful of controls, as its start may: the end
# is judged over its last 4 KB, as a file's start is, not over a short tail alone (one
# flash, 65 bytes, was refused "from byte 8,225 on": its framing one in sixteen bytes).
_TEXT_ENDS = {
    "wire-feed-ending-in-flashes": "".join(_flash(n) for n in range(200)),
    "session-log-ending-in-backspaces": (_STORY * 60 + "$ passwrod" + "\x08 \x08" * 4 + "word\n"),
}


@pytest.mark.parametrize("kind", list(_TEXT_ENDS))
def test_a_few_controls_near_the_end_of_long_text_still_import(kind: str) -> None:
    text = _TEXT_ENDS[kind]
    assert read_article_bytes(text.encode())[0] == text


def test_a_big_wire_feed_is_not_judged_window_by_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # Its framing is a control every hundred bytes, so every window was judged in full by
    # the start's rule: a 50 MB feed took 10 s to import, not 0.1 s. A window whose
    # framing is a story's and its other controls too few is told in C, as plain text is.
    feed = _LONG_TEXTS["wire-feed"] * 10
    calls: list[int] = []
    judge = importing._binary_controls

    def counted(text: str) -> int:
        calls.append(len(text))
        return judge(text)

    monkeypatch.setattr(importing, "_binary_controls", counted)
    assert read_article_bytes(feed.encode())[0] == feed
    assert len(calls) <= 1  # the start's


def test_western_text_before_a_binary_part_is_quoted_with_its_accents() -> None:
    # Windows-1252 text read as UTF-8 for the quote lost its "é" and "ü" ("Das Caf bleibt
    # zu."), and the line was cut whole for them: a quote the reviewer's editor cannot find.
    last = "Der Bürgermeister sagte: Das Café bleibt zu."
    text = _TEXT + ("\n" + last + " ").encode("cp1252")
    with pytest.raises(ArticleImportError) as refused:
        read_article_bytes(text + _NO_NUL["etb-table"])
    message = str(refused.value)
    assert "“…sagte: Das Café bleibt zu.”" in message
    assert f"from byte {len(text):,} on" in message


def test_the_refusal_names_the_line_a_text_editor_goes_to() -> None:
    # A text editor shows lines, not bytes (Notepad's Ctrl+G): a byte alone is not where
    # to cut for a reviewer on deadline. _TEXT is 40 lines; the binary part is on 41.
    with pytest.raises(ArticleImportError) as refused:
        read_article_bytes(_TEXT + _NO_NUL["etb-table"])
    assert f"from byte {len(_TEXT):,} on (line 41)," in str(refused.value)


def test_a_big_log_with_a_core_dump_appended_is_judged_without_copies_of_it() -> None:
    # A 200 MB log before its core dump was read whole as text and copied again to find
    # its controls: 400 MB more, on a newsroom laptop, and 2 s, not 0.6 s.
    log = (_STORY * 60_000).encode()  # 10 MB
    core = b"\x7fELF\x02\x01\x01" + bytes(9) + b"\x03\x00>\x00\x01\x00\x00\x00" * 200
    data = log + core
    tracemalloc.start()
    try:
        with pytest.raises(ArticleImportError, match=f"from byte {len(log):,} on"):
            read_article_bytes(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Its reading as UTF-8 and the part before the NUL, not three copies more (3 times).
    assert peak < 2.5 * len(log)


# A terminal session's log (`script`, a build's output) past a plain start: each prompt
# sets the window's title, each tput reset chooses the character set. Refused "from byte
# 15,600 on" as turning binary: the start's rule knew colour codes only.
_SESSION_LOGS = {
    "window-titles": "".join(
        f"\x1b]0;reporter@desk: ~/leak\x07reporter@desk:~/leak$ grep -c invoice {n}.csv\r\n"
        for n in range(2000)
    ),
    "tput-resets": "".join(f"\x1b[1m\x1b[32mok\x1b(B\x1b[m step {n} passed\n" for n in range(2000)),
}


@pytest.mark.parametrize("kind", list(_SESSION_LOGS))
def test_a_terminal_session_log_after_plain_text_imports(kind: str) -> None:
    text = _STORY * 100 + _SESSION_LOGS[kind]
    assert read_article_bytes(text.encode())[0] == text
