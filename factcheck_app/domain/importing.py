"""Turning a file's bytes into clean article text plus metadata, without touching offsets later."""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.extract.encodings import decode_undeclared, what_binary_file_is
from factcheck_app.domain.file_types import EXTRACTED_SUFFIXES
from factcheck_app.domain.models import ArticleMetadata
from factcheck_app.domain.own_reports import OwnReport, ends_as_markdown_report
from factcheck_app.domain.printable import has_visible_text, letter_script, shown_line
from factcheck_app.domain.wording import counted

Progress = Callable[[float, str], None]

# `date 2020-10-04` (as in the seed files), optionally preceded by white space.
_DATE_HEADER = re.compile(
    r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|[ \t]*\r?\n)", re.IGNORECASE
)
# A plain-text wire story often opens with a headline, a byline and a dateline date, each
# on its own line: metadata, not sentences to review (a web page's are taken the same way).
_BYLINE = re.compile(r"(?:By|BY|by)[ \t]+([^\n]{2,160})")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE_LINES = (
    # June 3, 2024 / Monday, June 3, 2024 / Jun. 3, 2024 10:42 EDT
    re.compile(
        r"(?:[A-Za-z]{3,9},?[ \t]+)?" + _MONTH + r"[ \t]+(?P<day>\d{1,2}),?[ \t]+(?P<year>\d{4})"
        r"(?:[ \t,]+[0-9:.apmAPM \t]{1,20}[A-Z]{0,4})?"
    ),
    # 3 June 2024 / Monday 3 June 2024
    re.compile(
        r"(?:[A-Za-z]{3,9},?[ \t]+)?(?P<day>\d{1,2})[ \t]+" + _MONTH + r",?[ \t]+(?P<year>\d{4})"
    ),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
)
_HEADLINE_END = tuple('.!?"”’»')
_FRONT_LINES = 4  # how many leading lines may be headline, byline or date


# Markdown comes from anywhere, so every pattern below runs in time linear in the text:
# none of them may try a long stretch of text again and again (issue 13, where
# `"__a " * 62500` took minutes). tests/domain/test_linear_time.py checks the growth and
# that the results equal those of the plain patterns they replace.
# A heading line; its closing `#`s and spaces are trimmed in `_heading_text`, not by a
# lazy `(.*?)[ \t]*#*[ \t]*$`, which tries every split of a long run of spaces.
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*)$", re.MULTILINE)
# A link or image `[text](url)` on one line, as `!?\[([^\]\n]*)\]\([^)\n]*\)`. When that
# fails at a `[`, the second branch consumes the stretch that failed (up to the first
# `]`, and over a `(` without its `)`), where every other `[` would fail the same way:
# without it, `"[" * n` is scanned to the line's end from each of its n brackets.
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)|\[[^\]\n]*+(?:\](?:\([^)\n]*+)?)?")
_MD_EMPHASIS_OPEN = {
    "**": re.compile(r"\*\*(?=\S)"),
    "__": re.compile(r"__(?=\S)"),
    "": re.compile(r"(?:\*\*|__)(?=\S)"),
}
# `**strong**` or `__strong__`, matched only where `_strip_emphasis` knows it succeeds.
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """The result of reading an article file: the text to store and what we learned about it."""

    text: str
    metadata: ArticleMetadata
    content_hash: str
    # How the bytes were read when the reviewer should know (a guess at their encoding),
    # in words for the import's result; "" when they said it or were UTF-8.
    reading_note: str = ""
    # The hash its text had when a version before 8 December imported it, its front
    # matter (`split_yaml_front_matter`) as text: the import finds that article again
    # rather than add a second. "" without a front matter (or over `_FORMER_CHARS`).
    former_hash: str = ""


READ_AS_WINDOWS_1252 = (
    "read as Western European, Windows-1252: if letters look wrong, save it as UTF-8 and "
    "import it again"
)
# The same, after "Imported", where the article opened shows its count beside it: whole
# in a 1024-pixel window's status bar at 16 pt (the note above was cut at "Windows-12").
READ_AS_WINDOWS_1250 = (
    "read as Central European, Windows-1250: if letters look wrong, save it as UTF-8 and "
    "import it again"
)
READ_AS_ISO_8859_2 = (
    "read as Central European, ISO-8859-2: if letters look wrong, save it as UTF-8 and "
    "import it again"
)
SHORT_READING_NOTES = {
    READ_AS_WINDOWS_1252: "as Windows-1252: odd letters? Save it as UTF-8",
    READ_AS_WINDOWS_1250: "as Windows-1250: odd letters? Save it as UTF-8",
    READ_AS_ISO_8859_2: "as ISO-8859-2: odd letters? Save it as UTF-8",
}
_BINARY = "The file contains NUL bytes: it looks like a binary file, not article text."
# Letters Windows-1252 has beyond ASCII. Text in another alphabet's 8-bit encoding
# (Cyrillic Windows-1251 or KOI8-R, Greek, Arabic, Hebrew) read as Windows-1252 is
# nearly all of them ("Ïðèâåò"); Western European text has a few in a hundred letters.
_ACCENTED_1252 = re.compile(
    "[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e]"
)
_ASCII_LETTER = re.compile("[A-Za-z]")
_LETTERS = re.compile(r"[^\W\d_]+")
_LOOKED_AT = 65_536  # characters of a Windows-1252 reading judged (enough to tell)
_ACCENTED_SHARE = 0.4  # more accented letters than this share: another alphabet
_LETTERS_TO_JUDGE = 8  # fewer letters than this tell nothing
# Fewer letters than this (a headline saved on its own): a few accented words can be half
# of them ("Été à Noël", "Þjóðhátíð á Íslandi"), and another alphabet's is nearly all
# accented still; such a text is another alphabet's only above the larger share.
_SHORT_TEXT_LETTERS = 64
_SHORT_ACCENTED_SHARE = 0.7


def decode_article_bytes(data: bytes) -> str:
    """The text of a plain text file's bytes (see `read_article_bytes`)."""
    return read_article_bytes(data)[0]


def read_article_bytes(data: bytes) -> tuple[str, str]:
    """The text of a plain text file's bytes and the note its reading needs (or "").

    UTF-16 or UTF-8 with a BOM; UTF-16 without one (told by its NUL bytes, or, for CJK
    text with few of them, by reading as text in one byte order only, or, for Thai or
    Cyrillic with few spaces, by its script's high byte on one side); else UTF-8,
    then Windows-1252 as a web page without a declared charset is read
    (`extract.encodings.decode_undeclared`). Refused in words: binary files (named when
    their first bytes tell what they are) and bytes that are neither UTF-8 nor
    Windows-1252, or that read as Windows-1252 only as another alphabet's letters.
    """
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        return _read_undeclared(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ArticleImportError(
            f"The file is not valid {encoding.upper().replace('-SIG', '')} text "
            f"(undecodable byte at position {error.start}). Save it as UTF-8 and try again."
        ) from None
    if "\x00" in text:
        raise ArticleImportError(_nul_refusal(data) or _BINARY)
    if encoding == "utf-8-sig":
        _refuse_binary_part(data, len(text[:_START_CHARS].encode()))
    return text, ""


def _read_undeclared(data: bytes) -> tuple[str, str]:
    """`read_article_bytes` for bytes without a BOM."""
    described = what_binary_file_is(data)
    if described:
        raise ArticleImportError(described)
    if b"\x00" in data[:8192]:  # UTF-8 and Windows-1252 text never hold NUL bytes
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16, _left_over_note(data)
        raise ArticleImportError(_nul_refusal(data) or _BINARY + _short_cjk_hint(data))
    read = decode_undeclared(data)
    if read is None:
        central = None if _double_byte_cjk(data) else _central_european(data, None)
        if central is not None:
            codec = next(codec for codec, note in _CENTRAL_EUROPEAN if note == central[1])
            _refuse_binary_part(data, _START_CHARS, codec)
            return central
    if read is None or read.stray or _controls(read.text):
        # UTF-16 with no NUL in its start (Thai, which has no spaces; CJK on one line):
        # neither UTF-8 nor Windows-1252, or read so as control characters ("#\x0e1\x0e").
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16, _left_over_note(data)
    if read is not None and _controls(read.text) and _script_orders(data[:8192]):
        raise ArticleImportError(_LOOKS_UTF16)
    if read is None:
        _refuse_binary_part(data, _START_CHARS)
        raise ArticleImportError(
            "The file is in an encoding the desk cannot tell: it is neither UTF-8 nor "
            "Western European (Windows-1252) text, nor Central European (Windows-1250)"
            + (f"; {_LOOKS_CJK}" if _double_byte_cjk(data) else "")
            + ". Save it as UTF-8 and import it again."
            + _short_cjk_hint(data)
        )
    if "\x00" in read.text:
        raise ArticleImportError(_nul_refusal(data, read.codec) or _BINARY)
    controls = _binary_controls(read.text)
    if controls:
        raise ArticleImportError(
            f"The file holds control characters that no text has ({controls} in its first "
            f"{min(len(read.text), _START_CHARS):,} characters): it looks like a binary file "
            "(a program, a font, a compressed file), not article text. If it is an "
            "article, open it, copy its text (not the file) and use Edit → Paste as New "
            "Article."
        )
    # The rest of the file, judged as its start was, 4 KB at a time (its start's bytes:
    # UTF-8 has up to four a character).
    start = len(read.text[:_START_CHARS].encode(read.codec, "replace"))
    _refuse_binary_part(data, start, read.codec)
    if read.codec == "utf-8":
        if not read.stray:
            japanese = _shift_jis_not_utf8(data, read.text)
            if japanese:
                raise ArticleImportError(
                    f"The file reads as UTF-8 only as a jumble of rare scripts "
                    f"(“{read.text[:24]}”), and as Japanese in Shift_JIS (“{japanese[:24]}”), "
                    "an older encoding the desk does not read. Save it as UTF-8 and import it "
                    "again, or paste its text."
                )
            return read.text, ""
        one = read.stray == 1
        stray = f"{counted(read.stray, 'byte')} that {'is' if one else 'are'} not UTF-8"
        return read.text, f"read as UTF-8; {stray} {'shows' if one else 'show'} as “\ufffd”"
    sample = read.text[:_LOOKED_AT]
    accented = len(_ACCENTED_1252.findall(sample))
    letters = accented + len(_ASCII_LETTER.findall(sample))
    share = _SHORT_ACCENTED_SHARE if letters < _SHORT_TEXT_LETTERS else _ACCENTED_SHARE
    refused = letters >= _LETTERS_TO_JUDGE and accented > share * letters
    cjk = not refused and _double_byte_cjk(data)
    if refused or cjk:
        # Read as Windows-1252 it would be refused: UTF-16 of CJK may read so.
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16, _left_over_note(data)
    if refused:
        word = next((w for w in _LETTERS.findall(sample) if _ACCENTED_1252.search(w)), "")
        raise ArticleImportError(
            "The file is not UTF-8, and read as Western European (Windows-1252) most of "
            f"its letters come out accented (“{word[:24]}”): it was saved in another "
            "alphabet's encoding (Cyrillic, Greek, Arabic, Chinese…). Save it as UTF-8 and "
            "import it again."
        )
    if cjk:
        raise ArticleImportError(
            "The file is not UTF-8, and read as Western European (Windows-1252) it comes "
            f"out as gibberish (“{read.text.split()[0][:24]}”): {_LOOKS_CJK}. Save it as "
            "UTF-8 and import it again, or paste its text."
        )
    return _central_european(data, read.text) or (read.text, READ_AS_WINDOWS_1252)


# Said of bytes with a control character (`_CONTROL`, below) in every other byte or so,
# as UTF-16 read as 8-bit text has (the high byte of Thai, Cyrillic), that do not read as
# UTF-16 either (`_script_orders`).
_LOOKS_UTF16 = (
    "The file holds control characters that no text has, in every other byte or so: it "
    "looks like text saved as “Unicode” (UTF-16) without a byte-order mark, which the desk "
    "cannot read for certain. Save it as UTF-8 and import it again, or paste its text."
)


# The bytes of `_BINARY_CONTROL`: UTF-8, Windows-1252, Windows-1250 and ISO-8859-2 all
# read each as itself and have it in no other character, so the bytes are judged.
_BINARY_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F])
_BINARY_CONTROL_BYTE = re.compile(b"[\x01-\x08\x0e-\x19\x1b-\x1f\x7f]")
_NOT_FRAMING_BYTES = bytes(set(range(256)) - set(range(0x01, 0x05)))  # but `_FRAMING`'s
_TERMINAL_STARTS = (b"\x1b[", b"\x1b]", b"\x1b(", b"\x1b)")  # `_TERMINAL`'s sequences' ESC
_CLEAN_STRETCH = 65_536  # bytes told to have no control at a time (`_next_control`)
_SEPARATORS = bytes(range(0x1C, 0x20))  # ASCII-delimited data's: `_TEXT_CONTROLS` has them
_DENSE_BYTES = 64  # the binary part begins at the first control with two more this near
_NAMED_FROM = 1024  # bytes of text at least before a binary part named by where it begins
_QUOTED = 40  # characters of the text's last words quoted before a binary part


def _binary_part(data: bytes, start: int) -> int:
    """The byte from which `data` turns binary past its first `start` bytes (a log with a
    core dump appended, a banner then a program's table of numbers): where 4 KB of it hold
    as many control characters as `_binary_controls` refuses a start for; -1 if nowhere.

    Every part is judged, not a sample: a binary tail of a few KB in a file of megabytes
    would slip between samples. Text with no such control at all (nearly every file) is
    told in C (`_next_control`), 0.1 s for 50 MB; a window is judged only at a control."""
    at = start
    while (at := _next_control(data, at)) >= 0:
        # A window near the end begins 4 KB before it, as a file's start is 4 KB: a tail
        # of a few hundred bytes would be called binary for 8 controls (one wire flash).
        begins = max(0, min(at, len(data) - _START_CHARS))
        window = data[begins : begins + _START_CHARS]
        if _may_be_binary(window) and _binary_controls(window.decode("latin-1")):
            return _dense_from(data, begins)
        # Half a window on: a binary part that begins in this window is in the next.
        at += _START_CHARS // 2
    return -1


def _next_control(data: bytes, at: int) -> int:
    """Where the first `_BINARY_CONTROL_BYTE` from `at` is, -1 if none. Stretches with
    none are told 64 KB at a time in C: a regex search through a 200 MB log for its
    core dump took 1 s, and one translation of all of it 200 MB more memory."""
    while at < len(data):
        # Near first: a log with colour codes or a wire feed has one every hundred bytes.
        near = _BINARY_CONTROL_BYTE.search(data, at, at + _START_CHARS)
        if near is not None:
            return near.start()
        end = at + _CLEAN_STRETCH
        stretch = data[at:end]
        if len(stretch.translate(None, _BINARY_CONTROL_BYTES)) < len(stretch):
            return next(_BINARY_CONTROL_BYTE.finditer(data, at, end)).start()
        at = end
    return -1


def _may_be_binary(window: bytes) -> bool:
    """Whether `window` holds enough controls but terminal codes' ESC and separators to be
    binary (`_binary_controls` counts no more), told in C: a terminal log has one every few
    words, and judging each of its windows took 5.7 s for 50 MB, this 0.2 s."""
    controls = len(window) - len(window.translate(None, _BINARY_CONTROL_BYTES))
    controls -= sum(map(window.count, _TERMINAL_STARTS))
    controls -= len(window) - len(window.translate(None, _SEPARATORS))
    if not _enough_controls(controls, len(window)):
        return False
    # A wire feed's framing, which `_binary_controls` does not count when as sparse as a
    # story's and in its order: a control every hundred bytes, so judging each of a 50 MB
    # feed's windows took 10 s.
    framing = window.translate(None, _NOT_FRAMING_BYTES)
    if len(framing) * _FRAMING_IN <= len(window) and _in_framing_order(list(framing.decode())):
        controls -= len(framing)
    return _enough_controls(controls, len(window))


def _enough_controls(controls: int, length: int) -> bool:
    """Whether `controls` in `length` characters are enough to call them binary."""
    return controls >= _BINARY_CONTROLS_FEWEST and controls * _BINARY_CONTROLS_IN >= length


def _dense_from(data: bytes, at: int) -> int:
    """The first control from `at` with two more within `_DENSE_BYTES` (a text's stray
    one, or a colour code, before a binary part is not where it begins), else `at`."""
    window = data[at : at + _START_CHARS]
    for found in _BINARY_CONTROL_BYTE.finditer(window):
        near = window[found.start() : found.start() + _DENSE_BYTES].decode("latin-1")
        if len(_BINARY_CONTROL.findall(_TEXT_CONTROLS.sub("", near))) >= 3:
            return at + found.start()
    return at


def _last_words(data: bytes, end: int, codec: str) -> str:
    """The last words of the text before byte `end`, read as `codec`, to quote: where to
    cut the file. Looked for as far back as 4 KB: spaces padding a record may come before
    binary."""
    head = data[max(0, end - _START_CHARS) : end]
    # Cut inside a UTF-8 letter, or not UTF-8: "ignore" drops what does not read. Read as
    # UTF-8, Windows-1252 text lost its accented letters ("Das Caf bleibt zu."): a quote
    # the reviewer's editor does not find.
    text = head.decode(codec, "ignore")
    words = " ".join(_CONTROL.sub(" ", text).split())
    if len(words) > _QUOTED:
        words = words[-_QUOTED:]
        words = "…" + words[words.find(" ") + 1 :] if " " in words else "…" + words
    return words


def _cut_here(at: int, data: bytes, holds: str, codec: str) -> str:
    """The refusal of a file that turns binary from byte `at` on: from the start of its
    line when that line's bytes before `at` do not read as text either (machine code's
    "UHH\x89…" before its first NUL), so what is kept is text to its last word. `codec`:
    the file's text's (a Western line's "é" is no reason to cut it whole)."""
    line = data.rfind(b"\n", max(0, at - _START_CHARS), at) + 1
    if line > 0:
        before = data[line:at]
        try:
            junk = bool(_CONTROL.search(before.decode(codec)))
        except UnicodeDecodeError:
            junk = True
        at = line if junk else at
    words = _last_words(data, at, codec)
    after = f", after “{words}”," if words else ","
    # The line too: a text editor shows lines, not bytes (an old Mac file's end in CR).
    line_number = (data.count(b"\n", 0, at) or data.count(b"\r", 0, at)) + 1
    return (
        f"The file turns binary part way: from byte {at:,} on (line {line_number:,}){after} "
        f"it holds {holds} no "
        "text has (a program, a picture, a core dump appended to a log). If the article "
        "is the part before, open the file in a text editor, delete from there to the "
        "end, save it and import it again."
    )


def _refuse_binary_part(data: bytes, start: int, codec: str = "utf-8") -> None:
    """Refuse `data` when it turns binary past its first `start` bytes (`_binary_part`);
    `codec`: its text's, to quote it."""
    at = _binary_part(data, start)
    if at >= 0:
        raise ArticleImportError(_cut_here(at, data, "control characters", codec))


def _nul_refusal(data: bytes, codec: str = "utf-8") -> str:
    """The refusal of a file whose NUL bytes come after at least `_NAMED_FROM` bytes of
    text, naming where; "" when they come sooner or what is before is not text."""
    at = data.find(b"\x00")
    # Only its start read as text: all of a 200 MB log before a core dump took 400 MB more.
    if at < _NAMED_FROM or _binary_controls(data[: min(at, _START_CHARS)].decode("latin-1")):
        return ""
    head = data[:at]
    before = _binary_part(head, 0)
    if before >= 0:
        return _cut_here(before, data, "NUL bytes and control characters", codec)
    while _CONTROL.match(head[at - 1 : at].decode("latin-1")):  # a header's "\x7fELF\x02"
        at -= 1
    return _cut_here(at, data, "NUL bytes", codec)


def _controls(text: str) -> int:
    """How many control characters no text has (`_CONTROL`) the start of `text` holds."""
    return len(_CONTROL.findall(text, 0, _START_CHARS))


# The control characters of `_CONTROL` but those editors leave in text: Word's manual
# line break (vertical tab) and the DOS end-of-file mark. A piece of a binary file with
# no NUL in its start (compiled Python's names, each after its length byte: "\x15UITar
# getedDragPreviewÚ\x15UN…") has one every few words; it was imported as Windows-1252.
_BINARY_CONTROL = re.compile("[\x01-\x08\x0e-\x19\x1b-\x1f\x7f]")
_BINARY_CONTROLS_FEWEST = 8
_BINARY_CONTROLS_IN = 100  # at least one in this many characters of the start
# Control characters text a newsroom imports holds, one in a hundred characters or more,
# so not counted: a terminal log's colour codes ("\x1b[31m"); a wire story's framing
# (AP's ANPA-1312, IPTC 7901: SOH after SYNs, STX, ETX, EOT, the bells of a bulletin or a
# flash, 5 or 10 in a story of a line); the file, group, record and unit separators of
# ASCII-delimited data, which text copied from a LaTeX paper's PDF has for its fi, fl,
# ffi and ffl ligatures ("the \x1cgures"). A binary file's length bytes are of every
# value, so enough of them are still counted (compiled Python: one every few words; SYN
# alone, which 22-letter names have, is counted; BEL alone, which a font's seven-letter
# glyph names "uni0410" have: a bulletin's bells come five or ten together).
# A terminal's escape sequences: colour codes ("\x1b[31m"), a window title set by a shell
# prompt ("\x1b]0;user@host: ~\x07"), the character set tput's reset chooses ("\x1b(B").
_TERMINAL = (
    "\x1b\\[[0-9;?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b\n]{0,200}(?:\x07|\x1b\\\\)|\x1b[()][0-9A-Za-z]"
)
_TEXT_CONTROLS = re.compile(_TERMINAL + "|\x16*\x01|\x07{2,}|[\x02-\x04\x1c-\x1f]")
# The same but a wire story's framing (SOH, STX, ETX, EOT): four to a story, one in forty
# characters of a flash of a line, in that order (`_in_framing_order`); a table of small
# numbers in a program has one every other byte ("?\x03?\x03Ó\x02", "'\x01(\x01"), and
# machine code has them in any order: binary.
_TEXT_CONTROLS_BUT_FRAMING = re.compile(_TERMINAL + "|\x07{2,}|[\x1c-\x1f]")
_FRAMING = re.compile("[\x01-\x04]")
_FRAMING_IN = 10  # framing in more than one in this many characters: not a wire story's
_FRAMING_UNLIKE_IN = 10  # out of a story's order once in this many: not a wire feed's


def _in_framing_order(framing: list[str]) -> bool:
    """Whether SOH, STX, ETX and EOT (`_FRAMING`) come as a wire story's framing has them:
    each story's in that order (any may be missing), the next story's SOH or STX after
    the ETX or EOT of the one before; otherwise is forgiven once in `_FRAMING_UNLIKE_IN`
    (at least once: a story cut short by the feed, the next one's SOH after its STX; a
    line that dropped twice in a capture of thirty bulletins was refused as binary).
    Pieces of machine code (a video codec's vector instructions: "\x04\xc0b\xa1u@",
    "+\x02\x02b") have them in any order, a third of them so, a few hundred bytes of one
    with too few other controls to be refused but for them."""
    forgiven = max(1, len(framing) // _FRAMING_UNLIKE_IN)
    unlike = 0
    for before, after in itertools.pairwise(framing):
        if not (after > before or (before >= "\x03" and after <= "\x02")):
            unlike += 1
            if unlike > forgiven:
                return False
    return True


def _binary_controls(text: str) -> int:
    """How many `_BINARY_CONTROL` characters but `_TEXT_CONTROLS` the start of `text`
    holds (a wire story's framing only when as sparse as it is), when they are enough to
    call it binary (at least `_BINARY_CONTROLS_FEWEST`, one in `_BINARY_CONTROLS_IN`
    characters); 0 else."""
    start = text[:_START_CHARS]
    framing = _FRAMING.findall(start)
    unlike_a_story = len(framing) * _FRAMING_IN > len(start) or not _in_framing_order(framing)
    allowed = _TEXT_CONTROLS_BUT_FRAMING if unlike_a_story else _TEXT_CONTROLS
    found = len(_BINARY_CONTROL.findall(allowed.sub("", start)))
    return found if _enough_controls(found, min(len(text), _START_CHARS)) else 0


def _another_alphabet(sample: str) -> bool:
    """Whether a Central European reading `sample` is another alphabet's: more of its
    letters beyond ASCII than Latin text has (the rule `_read_undeclared` refuses a
    Windows-1252 reading by), or a fourth of its words with such a letter of three or
    more such letters only. Cyrillic (Windows-1251, KOI8-R) or CJK read as Windows-1250
    is whole words so ("Ďđčâĺň"); in a page of ASCII markup, too few letters to tell by
    the share (it was read as Western gibberish, and would have been as Central
    European). Polish, Czech or Hungarian have few such words ("żółć")."""
    letters = _LETTERS.findall(sample)
    accented = sum(len(word) - len(word.encode("ascii", "ignore")) for word in letters)
    total = sum(len(word) for word in letters)
    share = _SHORT_ACCENTED_SHARE if total < _SHORT_TEXT_LETTERS else _ACCENTED_SHARE
    if total >= _LETTERS_TO_JUDGE and accented > share * total:
        return True
    with_accent = [word for word in letters if not word.isascii()]
    whole = sum(len(word) >= 3 and not word.encode("ascii", "ignore") for word in with_accent)
    return whole >= 2 and 4 * whole >= len(with_accent)


# A C0 control character but tab, line ends and form feed: no text has one (a file that
# Windows-1252 cannot read and has one is refused as before, not read as Windows-1250).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


# Central European text (Czech, Slovak, Polish, Slovenian, Croatian) saved as Windows-1250
# (Central European Windows' "ANSI") or ISO-8859-2 (Latin-2: older Unix and web tools).
# Both share ASCII and most accented letters with Windows-1252, but Windows-1250 has ť Ť
# Ź where Windows-1252 leaves bytes undefined, and both put letters where Windows-1252
# has symbols: read as Western, "współpracował z rządem" is "wspó³pracowa³ z r¹dem" (and
# in Latin-2 "r±dem"), a symbol inside a word. Such odd spots, counted only where the two
# readings differ, tell them: a Western text has next to none, and its reading is kept
# unless the Central European one has far fewer (`_central_european`).
_CENTRAL_EUROPEAN = (("cp1250", READ_AS_WINDOWS_1250), ("iso8859_2", READ_AS_ISO_8859_2))
_ODD_RATIO = 4  # the Western reading must have over this many times the odd spots
# Bytes judged: enough to tell (a wire story is 3,000-6,000), in a few ms; 65,536 took a
# Latin-2 file's import from 5 to 86 ms (each character beyond ASCII looked at in Python).
_ODD_LOOKED_AT = 16_384
_FEW_ODD = 50  # without a Western reading: at most one odd spot in this many words
_C1_BYTES = re.compile(b"[\x80-\x9f]")
_CHARS = {
    codec: bytes(range(256)).decode(codec, "replace")
    for codec in ("cp1252", *(codec for codec, _ in _CENTRAL_EUROPEAN))
}
# For a reading in one codec against another: the characters of the bytes the other
# reads differently, and all the accented capitals it has.
_DIFFER = {
    (codec, other): frozenset(
        _CHARS[codec][byte]
        for byte in range(0x80, 0x100)
        if _CHARS[codec][byte] != _CHARS[other][byte]
    )
    for codec in _CHARS
    for other in _CHARS
}
_CAPITALS = {
    codec: frozenset(c for c in table[0x80:] if c.isupper()) for codec, table in _CHARS.items()
}
# The characters `_odd_spots` looks at, for each pair: one class, found at C speed.
_LOOKED_FOR = {
    pair: re.compile("[" + "".join(map(re.escape, sorted(differ | _CAPITALS[pair[0]]))) + "]")
    for pair, differ in _DIFFER.items()
}
# Windows-1252 letters of two groups of Western languages that share no word: Nordic
# (æ ø ð þ) and Romance or Baltic (è ì ò ù ï ñ ã õ š ž). Czech read as Western mixes
# them in one word ("pøíštì": příště).
_NORDIC = frozenset("æøðþÆØÐÞ")
_SOUTHERN = frozenset("èìòùïñãõšžÈÌÒÙÏÑÃÕŠŽ")
# Portuguese and Estonian end no word with õ; Hungarian ends many with ő, which is
# Windows-1252's õ ("elõzõ", "idõ": előző, idő), and has ö (Vietnamese "rõ" has none).
# French œ is followed by u, i or e (cœur, œil, œdème); Windows-1250's ś in its place is
# not ("œciœle": ściśle, "jeœli": jeśli, "coœ": coś).
_AFTER_OE = frozenset("uieUIE")
# Croatian, Slovenian and Czech read as Western: č, ć, ě and ů are è, æ, ì and ù, in
# places the Western languages that have those letters write none. Italian ì and ù end
# a word ("così", "più"), French ù too ("où"), never stand inside one ("mìsto", "mùže":
# město, může). French and Italian è stand before a consonant ("problème") or end a word
# ("è"); Catalan and Occitan also write it before a vowel ("conèixer", "tablèu"), but
# all four write à or ò, which Croatian and Slovenian read as Western never have (ŕ, ň):
# in a text without them, è before a vowel is č ("raèuna", "oznaèila": računa,
# označila). Danish, Norwegian and Icelandic æ stands before a vowel too ("træet",
# "europæisk", "gegnsæi"), in a text with å, ø or þ, which Croatian read as Western never
# has (ĺ, ř, ţ): without them, æ before a vowel or ending a word after i is ć ("æe",
# "iduæu", "Milanoviæ": će, iduću, Milanović). A line may hold none of those letters
# ("Træet faldt", "Europæisk samarbejde", "archæology", "Vaig conèixer"); but there the
# æ follows a consonant, where ć before a vowel seldom stands (it follows a vowel or
# starts its word: "kuæa", "æe"), and the è stands in Catalan's "-èixer" (conèixer,
# merèixer), where no č does (no Slavic word has an x); and Scottish Gaelic writes ì and ù
# inside words too ("sgìre", "chùirt"), but mostly with à, which Czech read as Western
# never has (ŕ), and where no Czech ě or ů stands: at a word's start ("ùr"), before a
# vowel ("fìor", "cùis"), ì after a letter Czech writes no ě after ("sgìre", "sìde").
_VOWELS = frozenset("aeiouy")
_ROMANCE = frozenset("àòçéÀÒÇÉ")
_NORDIC_ONLY = frozenset("åøþÅØÞ")
_GAELIC = frozenset("àÀ")


_BEFORE_CZECH_E = frozenset("bpvfmdtn")  # the letters Czech writes ě after


def _czech_inside(before: str, char: str, after: str) -> bool:
    """Whether an ì or ù between `before` and `after` stands where Czech writes ě or ů:
    inside a word, before a consonant, an ì after b, p, v, f, m, d, t or n ("mìsto",
    "vìc", "mùže": město, věc, může)."""
    return (
        before.isalpha()
        and after.isalpha()
        and after.islower()
        and after not in _VOWELS
        and (char == "ù" or before.lower() in _BEFORE_CZECH_E)
    )


def _after_a_vowel_or_first(before: str) -> bool:
    """Whether a letter whose preceding character is `before` follows a vowel or starts
    its word: where Croatian's ć stands before a vowel, and Western æ seldom."""
    return before in _VOWELS or not before.isalpha()


def _ends_eu(text: str, at: int) -> bool:
    """Whether the è at `at` ends its word before a u, or a plural's "us": Occitan's
    "tablèu", "relèu", "contemporanèus" (Croatian and Slovenian end next to no word in
    "ču" or "čus")."""
    if text[at + 1 : at + 2] != "u":
        return False
    end = at + 3 if text[at + 2 : at + 3] == "s" else at + 2
    return not text[end : end + 1].isalpha()


def _odd_spots(text: str, codec: str, other: str) -> tuple[int, int]:
    """How many odd spots a `codec` reading `text` has where `other` reads its bytes
    differently, (strong, weak). Strong: a symbol between two letters ("by³o"), an
    accented capital right after a lower-case letter ("cafŽ", "jeŸdziec"); read as
    Central European, a letter standing alone as a word (the one-letter words of
    Czech, Slovak and Polish are ASCII: "a", "i", "w", "z"; Italian "è" is "č"); read
    as Windows-1252, an œ not followed by u, i or e, a Ÿ (Windows-1250's ź) before a
    lower-case letter ("Ÿród³o"), an õ ending a word in a text with ö ("idõ": idő),
    a word mixing `_NORDIC` and `_SOUTHERN` letters, an ì or ù inside a word in a text
    without à ("mìsto"), and, where no Western language that writes them before a vowel
    would be (`_VOWELS`), an è before a vowel (but Catalan's "èix"), an æ before a vowel
    after a vowel or starting a word, or an æ ending a word after i ("raèuna", "æe":
    računa, će).
    Weak: such a symbol beside one letter. Looked at only where such a character is, in
    Python: regular expressions with lookarounds at every character took a 64 KB
    text's import from 30 to 200 ms."""
    differ, capitals, western = _DIFFER[codec, other], _CAPITALS[codec], codec == "cp1252"
    strong = weak = 0
    seen: set[str] = set()
    hungarian = western and ("ö" in text or "Ö" in text)
    romance = western and not _ROMANCE.isdisjoint(text)
    nordic = western and not _NORDIC_ONLY.isdisjoint(text)
    gaelic = western and not _GAELIC.isdisjoint(text)
    for match in _LOOKED_FOR[codec, other].finditer(text):
        at, char = match.start(), match.group()
        before = text[at - 1] if at else " "
        after = text[at + 1 : at + 2] or " "
        seen.add(char)
        if char in differ:
            if char.isalpha() and char != "ˇ":  # a caron alone is a "modifier letter"
                strong += not western and not before.isalpha() and not after.isalpha()
            elif char.isprintable():
                # Between letters, one of them lower-case: "±DDMM±DDDMM" is no "rąd".
                strong += (
                    before.isalpha() and after.isalpha() and (before.islower() or after.islower())
                )
                weak += before.isalpha() or after.isalpha()
            if western and (
                (char in "œŒ" and after not in _AFTER_OE)
                or (char == "Ÿ" and after.islower())
                or (char in "õÕ" and not after.isalpha() and hungarian)
                or (char in "ìù" and _czech_inside(before, char, after) and not gaelic)
                or (
                    char == "è"
                    and after in _VOWELS
                    and not romance
                    and not _ends_eu(text, at)
                    and text[at + 1 : at + 3] != "ix"
                )
                or (
                    char == "æ"
                    and (
                        (after in _VOWELS and _after_a_vowel_or_first(before))
                        or (before == "i" and not after.isalpha())
                    )
                    and not nordic
                )
            ):
                strong += 1
        if char in capitals and before.islower():
            strong += 1
    if western and seen & _NORDIC and seen & _SOUTHERN:
        strong += sum(
            bool(_NORDIC.intersection(word) and _SOUTHERN.intersection(word))
            for word in _LETTERS.findall(text)
        )
    return strong, weak


# Letters read the same in Windows-1250 and ISO-8859-2 that tell the language, and the
# letters the other reading puts where that language has none: without a byte 0x80-0x9F,
# Latin-2's š and ž (0xB9, 0xBE) are Windows-1250's ą and ľ ("ąkola", "ľe": škola, že).
_POLISH = frozenset("łŁęĘńŃ")
_CZECH = frozenset("řŘěĚůŮ")  # and no ľ (Slovak) either
_SOUTH_WEST_SLAVIC = _CZECH | frozenset("ôÔĺĹŕŔčČđĐďĎňŇ")  # Slovak, Croatian, Slovenian
_NOT_POLISH = frozenset("šŠžŽťŤľĽ")
# In any of them: Polish begins no word with ą, and Slovak writes no ľ before e or i
# (Latin-2's "što", "že" read as Windows-1250: "ąto", "ľe").
_NEVER_WRITTEN = re.compile(r"(?<![^\W\d_])[ąĄ]|[ľĽ](?=[eiéíEIÉÍ])")


def _foreign_letters(text: str) -> int:
    """How many letters of `text` its language, told by its other letters, does not
    have: ą in Czech, Slovak, Croatian or Slovenian (with none of Polish ł, ę, ń); ľ in
    Czech; š, ž, ť or ľ in Polish (with none of the others' letters); and letters
    where none of them writes one (`_NEVER_WRITTEN`)."""
    seen = set(text)
    polish, others = bool(seen & _POLISH), bool(seen & _SOUTH_WEST_SLAVIC)
    never = len(_NEVER_WRITTEN.findall(text))
    if others and not polish:
        foreign = "ąĄľĽ" if seen & _CZECH else "ąĄ"
    elif polish and not others:
        foreign = "".join(_NOT_POLISH)
    else:
        return never
    return never + sum(text.count(letter) for letter in foreign)


# The letters beyond ASCII of each language Windows-1250 and ISO-8859-2 are for (and
# German, whose words a Central European text quotes). A Central European text's words
# are in one of them; a Western text read so mixes them: "Vő Nguyęn" (Hungarian ő,
# Polish ę), "Śdipe ... scčne" (Polish ś, Czech č).
_LANGUAGE_LETTERS = tuple(
    frozenset(letters)
    for letters in (
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "áéíóöőúüű",  # Hungarian
        "čćđšž",  # Croatian, Slovenian
        "ăâîşţ",  # Romanian
        "äöüß",  # German
    )
)


_MISFIT_SHARE = 10  # words of no one language count beyond one in this many
# Polish writes ś, ź and ń before no vowel ("się", "ziemia", "nie"), and no other
# language of these has them; French œ is Windows-1250's ś, and "cœur", "œuvre" read
# so are "cśur", "śuvre".
_NEVER_BEFORE_VOWEL = re.compile("[śźńŚŹŃ](?=[aeiouyąęóAEIOUYĄĘÓ])")


def _mixed_languages(sample: str) -> int:
    """How many words of `sample` with a letter beyond ASCII are of no language that
    the most such words are of (`_LANGUAGE_LETTERS`), when over a tenth, and how many
    ś, ź or ń it has before a vowel (`_NEVER_BEFORE_VOWEL`): none in a Central European
    text but the odd quoted name; a Western text read as Central European has several."""
    never = len(_NEVER_BEFORE_VOWEL.findall(sample))
    words = [
        frozenset(char for char in word.lower() if not char.isascii())
        for word in _LETTERS.findall(sample)
        if not word.isascii()
    ]
    if not words:
        return never
    misfits = len(words) - max(
        sum(word <= letters for word in words) for letters in _LANGUAGE_LETTERS
    )
    # A tenth at most: a Croatian text quoting "Macron" or "Müller" is still Croatian.
    return never + (misfits if _MISFIT_SHARE * misfits > len(words) else 0)


# A Western reading's symbol between letters where `codec` reads a letter ("wspó³pracy"):
# no Western word has one, while a Western name may have a rare letter.
_SYMBOL_IN_WORD = {
    codec: re.compile(
        r"[^\W\d_]["
        + "".join(
            re.escape(char)
            for char in sorted(_DIFFER["cp1252", codec])
            if not char.isalpha() and char.isprintable()
        )
        + r"][^\W\d_]"
    )
    for codec, _ in _CENTRAL_EUROPEAN
}


# Any symbol beyond ASCII between two letters, but the apostrophe ’ ("l’État").
_ANY_SYMBOL_IN_WORD = re.compile(
    r"(?<=[^\W\d_])["
    + "".join(
        re.escape(char)
        for char in sorted({*_CHARS["cp1250"][0x80:], *_CHARS["iso8859_2"][0xA0:]})
        if not char.isalpha() and char.isprintable() and char not in "’\ufffd"
    )
    + r"](?=[^\W\d_])"
)


def _central_european(
    data: bytes, western: str | None, judged: bytes | None = None
) -> tuple[str, str] | None:
    """`data` read as Windows-1250 or ISO-8859-2 with its note, when that reading makes
    far more sense than the Western one (`western`, the Windows-1252 text, or None when
    a byte Windows-1252 leaves undefined kept it from reading): under a fourth of the
    Western reading's odd spots (`_odd_spots`), which has one at least; without a
    Western reading, next to none. ISO-8859-2 only without bytes 0x80-0x9F (control
    characters there). Between the two, the one with fewer odd spots where they differ
    (Latin-2's ą, ś and Ť are Windows-1250's ±, ¶ and «) and letters its language
    lacks (`_foreign_letters`), Windows-1250 on a tie. Judged on the first
    `_ODD_LOOKED_AT` bytes of `judged` (a web page's text, `_page_text`), else of
    `data`. None when neither fits, or the reading is another alphabet's (Cyrillic
    read as 1250)."""
    head = (data if judged is None else judged)[:_ODD_LOOKED_AT]
    # Windows-1252 reads a byte a character: the same stretch of it.
    if western is not None:
        western = western[:_ODD_LOOKED_AT] if judged is None else head.decode("cp1252", "replace")
    fits: list[tuple[tuple[int, int], str, str]] = []
    for codec, note in _CENTRAL_EUROPEAN:
        west = 0 if western is None else _odd_spots(western, "cp1252", codec)[0]
        if western is not None and west == 0:
            continue  # nearly every Western text: its reading is kept
        sample = head.decode(codec, "replace")
        if "\ufffd" in sample or _another_alphabet(sample) or _CONTROL.search(sample):
            continue  # Cyrillic read as Windows-1250 (with a byte 1252 leaves undefined)
        odd = _odd_spots(sample, codec, "cp1252")[0]
        if western is not None:
            if not _SYMBOL_IN_WORD[codec].search(western):
                # Only letters look odd read as Western ("Võ", "Œdipe"): so may a name's.
                odd += _mixed_languages(sample)
            if _ODD_RATIO * odd >= west:
                continue
        elif (odd + len(_ANY_SYMBOL_IN_WORD.findall(sample))) * _FEW_ODD > len(
            _LETTERS.findall(sample)
        ):
            # Mac Roman's "cafŽ", "premiŹre": a capital inside a word; DOS Danish "s‘nke
            # p† f›devarer": a symbol inside one (the same in Windows-1252, so not
            # among the spots where the two readings differ).
            continue
        if codec == "iso8859_2" and _C1_BYTES.search(data):
            continue  # searched last: the whole of a 50 MB file took 250 ms
        rival = next(other for other, _ in _CENTRAL_EUROPEAN if other != codec)
        strong, weak = _odd_spots(sample, codec, rival)
        fits.append(((strong + _foreign_letters(sample), weak), codec, note))
    if not fits:
        return None
    _, codec, note = min(fits, key=lambda fit: fit[0])  # stable: Windows-1250 on a tie
    try:
        return data.decode(codec), note
    except UnicodeDecodeError:
        return None


# Where a web page's text begins: its head's style sheets and scripts are ASCII, and
# may fill the bytes `_central_european` judges.
_BODY = re.compile(rb"<body[\s>]", re.IGNORECASE)
# What a page's text is read past: comments, scripts and style sheets (to their end,
# `_PAGE_SKIPPED_END`), and tags. Not a "<![CDATA[": in an HTML page's text it is no
# section (a browser, and lxml taking the article, end it at its first ">", as a tag is
# taken out), and an XHTML page's is text shown; passed over to a "]]>", a technical
# article quoting XML was judged on its headline and came in as gibberish.
_PAGE_SKIPPED = re.compile(rb"<!--|<(script|style)[\s>]", re.IGNORECASE)
# What is passed over to a page's `<body>`: the same, and CDATA sections (an XHTML
# head's template with "<body" in it).
_HEAD_SKIPPED = re.compile(rb"<!--|<!\[CDATA\[|<(script|style)[\s>]", re.IGNORECASE)
_PAGE_SKIPPED_END = {
    # "<!-->" and "<!--->" are whole (empty) comments, as a browser has them: read on to
    # the next "-->", a page's text was passed over to one after its article.
    b"<!--": re.compile(rb"(?<=<!--)-?>|-->"),
    b"<![cdata[": re.compile(rb"\]\]>"),
    b"script": re.compile(rb"</script\s*>", re.IGNORECASE),
    b"style": re.compile(rb"</style\s*>", re.IGNORECASE),
}
_PAGE_TAG = re.compile(rb"<[^<>]*>")
_PAGE_SPACES = re.compile(rb"\s+")
_PAGE_LOOKED_AT = 1 << 20  # bytes of a page read for its text, at most
_PAGE_STEP = 1 << 16  # bytes of markup taken out at a time
_HEAD_SKIPPED_AT_MOST = 1_000  # comments, scripts and style sheets passed over to <body>


def _page_text(data: bytes, start: int) -> bytes:
    """The text of a web page's bytes from `start`, its first `_ODD_LOOKED_AT` bytes at
    most (read from `_PAGE_LOOKED_AT` at most): its markup (tags, comments, scripts,
    style sheets) left out, runs of white space made one space. The plain text rule
    counts odd spots against letters: a page's markup, 5 KB of navigation before the
    article, made a Mac Roman page's "cafŽ" too few to count, and an icon sprite
    filled the bytes judged. Bytes, not text: every encoding judged writes `<` and `>`
    as ASCII does."""
    end = min(len(data), start + _PAGE_LOOKED_AT)
    pieces: list[bytes] = []
    size = 0
    at = start
    while at < end and size < _ODD_LOOKED_AT:
        # A step at a time (to a tag's end, when near): the text wanted is 16 KB, not
        # the 1 MB of a big page's body (its markup taken out in 0.3 s).
        step = min(end, at + _PAGE_STEP)
        stop = data.find(b">", step, min(end, step + 4096)) + 1 or step
        skipped = _PAGE_SKIPPED.search(data, at, stop)
        resume = stop
        if skipped is not None:
            stop = skipped.start()
            closing = _PAGE_SKIPPED_END[(skipped.group(1) or skipped.group(0)).lower()]
            over = closing.search(data, skipped.end(), end)
            resume = over.end() if over else end
        piece = _PAGE_SPACES.sub(b" ", _PAGE_TAG.sub(b" ", data[at:stop]))
        pieces.append(piece)
        size += len(piece)
        at = resume
    return _PAGE_SPACES.sub(b" ", b" ".join(pieces))[:_ODD_LOOKED_AT]


def central_european_page(data: bytes, western: str | None) -> str | None:
    """A web page's bytes, without a BOM or a declared charset, read as Windows-1250 or
    ISO-8859-2 when that reads far better than Windows-1252 (`western`; None when it
    cannot read them): the rule plain text files follow (`_central_european`), judged
    from the page's `<body>`. None to keep the Western reading."""
    if western is None and _double_byte_cjk(data):
        return None
    central = _central_european(data, western, _page_text(data, _body_start(data)))
    return None if central is None else central[0]


def _body_start(data: bytes) -> int:
    """Where a web page's `<body>` opens, one inside a comment, a script or a style sheet
    passed over (0: none). A script's template ("var embed = '<body class=…>'") was
    taken for it, and the 20 KB of script after it were judged as the page's text: a
    Polish page came in as Windows-1252 gibberish. Unterminated, the first "<body"."""
    first = _BODY.search(data)
    if first is None:
        return 0
    at = 0
    # Only what comes before a "<body" is passed over: a head's few comments and scripts
    # (5 million empty comments first took 13 s; past the first thousand, as before).
    for _skipped in range(_HEAD_SKIPPED_AT_MOST):
        skipped = _HEAD_SKIPPED.search(data, at, first.start())
        if skipped is None:
            break
        closing = _PAGE_SKIPPED_END[(skipped.group(1) or skipped.group(0)).lower()]
        over = closing.search(data, skipped.end())
        if over is None:
            break  # never closed: the first "<body", as before
        at = over.end()
        if at > first.start():
            first = _BODY.search(data, at)
            if first is None:
                return 0
    return first.start()


_LOOKS_CJK = (
    "it looks like Chinese or Japanese text saved in an older encoding (Shift_JIS, EUC-JP, "
    "GBK or Big5), which the desk does not read"
)
# The double-byte encodings of Chinese and Japanese files saved by older Windows and Unix
# editors. Each of their characters is two bytes over 0x80 or a lead byte over 0x80 and
# an ASCII one: all Windows-1252 bytes but five, so a short text (a headline: a few
# dozen bytes) often reads as Windows-1252 whole, and with as many "ASCII letters" as
# accented ones it passed the other-alphabet rule above ("Š”‰¿‚ª‰º—Ž‚µ‚½").
_DOUBLE_BYTE_CJK = ("cp932", "euc_jp", "gbk", "big5")
_CJK_JUDGED = 65_536  # bytes decoded (an incomplete last character is left out)
_CJK_FEWEST_LETTERS = 2
# The bytes over 0x7F Windows-1252 reads as a symbol ("·", "»", "©"), not a letter, a
# digit or nothing (the five it leaves undefined, which are letters in Windows-1250).
_SYMBOLS_1252 = frozenset(
    byte
    for byte, char in enumerate(bytes(range(256)).decode("cp1252", "replace"))
    if byte > 0x7F and char != "\ufffd" and not char.isalnum()
)


def _double_byte_cjk(data: bytes) -> bool:
    """Whether `data` (neither UTF-8 nor UTF-16) reads strictly in one of
    `_DOUBLE_BYTE_CJK` as mostly Chinese or Japanese letters: at least two, more
    than its Latin letters, one of them ending in a byte over 0x7F, and no half-width
    katakana (where Shift_JIS puts Windows-1252's accented capitals). Western European
    text read so fails: an accented letter before a space, a stop or its end breaks the
    strict reading, and each one that does not joins the next letter into one character
    ending in an ASCII byte, leaving far more Latin letters than those."""
    head = data[:_CJK_JUDGED]
    for codec in _DOUBLE_BYTE_CJK:
        try:
            text = codecs.getincrementaldecoder(codec)().decode(head, final=len(data) <= len(head))
        except UnicodeDecodeError:
            continue
        wide = latin = high = 0
        symbols = True  # every wide one begins with a Windows-1252 symbol
        for char in text:
            code = ord(char)
            if 0xFF61 <= code <= 0xFF9F or char in "\ufffd":
                wide = -1  # half-width katakana: an accented capital, or not this codec
                break
            if code > 0xFF and unicodedata.category(char) == "Lo":
                wide += 1
                # A Western accented letter joins the plain one after it ("Ödön Örkény"
                # is four such characters and one Latin letter): its last byte is ASCII,
                # its first a letter in Windows-1252. Only two accented letters side by
                # side end over 0x7F, which a real CJK text's characters do but for a
                # few; those few (Big5's 新聞, read "·s»D") each begin with what
                # Windows-1252 reads as a symbol. (Looked at until one ends over 0x7F:
                # encoding each letter again took a 64 KB text's check from 9 to 52 ms.)
                if not high:
                    encoded = char.encode(codec)
                    high = encoded[-1] > 0x7F
                    symbols = symbols and encoded[0] in _SYMBOLS_1252
            elif char.isalpha():
                latin += 1
        if wide >= _CJK_FEWEST_LETTERS and wide > latin and (high or symbols):
            return True
    return False


# Characters of the blocks no UTF-8 news text holds but by mistake, which Shift_JIS
# bytes read as UTF-8 give (the bytes of half-width katakana are UTF-8 lead bytes, a
# full-width character's lead byte after one a continuation): C1 controls; the rarer
# combining marks (not the accents of decomposed European letters, U+0300-0314 and
# U+0323-0328); IPA and spacing modifier letters (not the two apostrophes below);
# Greek's archaic letters; the Cyrillic supplement; CJK Extension A and compatibility
# ideographs.
_RARE_IN_TEXT = re.compile(
    "[\x80-\x9f\u0250-\u02ba\u02bd-\u02ff\u0315-\u0322\u0329-\u036f\u0370-\u037f"
    "\u0500-\u052f\u3400-\u4dbf\uf900-\ufaff]"
)
# Modifier letters that are an apostrophe in a word of another script: Ukrainian's
# ("памʼять", U+02BC, the one Unicode advises for an apostrophe that is part of a word),
# Hawaiian's ʻokina and Uzbek's (U+02BB). Part of the word they stand in, not a rare
# script glued to it; a Ukrainian headline saved on its own was refused as Shift_JIS.
_APOSTROPHE_LETTERS = "\u02bb\u02bc"
# Japanese as Shift_JIS writes it: kana (half-width too), CJK punctuation, full-width
# forms, ideographs; besides ASCII.
_JAPANESE = re.compile("[\x00-\x7f\u3000-\u30ff\u4e00-\u9fff\uff01-\uff9f]*")
_SHIFT_JIS_JUDGED = 65_536  # bytes: Shift_JIS that is valid UTF-8 is a few dozen


def _shift_jis_not_utf8(data: bytes, utf8: str) -> str:
    """The Japanese text `data` is in Shift_JIS when its UTF-8 reading (`utf8`) is a
    jumble no text is, or "": the UTF-8 reading holds an unassigned or private character,
    one of `_RARE_IN_TEXT`, or letters of two scripts but Latin, each letter beside none
    of its script (`_lone_scripts`: Cyrillic and Arabic in "Ұفu", what "ﾒｰﾙ「" is as
    UTF-8), and the Shift_JIS reading is Japanese only
    (`_JAPANESE`), with a common ideograph (JIS level 1) wherever it has one: a CJK
    UTF-8 text read as Shift_JIS has nearly only level-2 ones (lead bytes 0xE0-0xEA)."""
    if len(data) > _SHIFT_JIS_JUDGED or data.isascii():
        return ""
    try:
        japanese = data.decode("cp932")
    except UnicodeDecodeError:
        return ""
    if not _JAPANESE.fullmatch(japanese):
        return ""
    solid = "".join(japanese.split())
    if 2 * sum(ord(char) > 0x7F for char in solid) <= len(solid):
        # Mostly ASCII: Latin text with a rare character or two ("Hawaiʻi", Uzbek
        # "Oʻzbekiston", a C1 quote "it\x92s"), whose bytes are only a few half-width
        # kana among English or Uzbek words in Shift_JIS ("Hawaiﾊｻi"). Japanese text is
        # mostly Japanese characters.
        return ""
    ideographs = [char for char in japanese if "\u4e00" <= char <= "\u9fff"]
    rare = sum(char.encode("cp932")[0] >= 0xE0 for char in ideographs)
    if 3 * rare > len(ideographs):
        return ""
    if _RARE_IN_TEXT.search(utf8) or any(
        unicodedata.category(char) in ("Cn", "Co", "Cs") for char in utf8 if ord(char) > 0x7F
    ):
        return japanese
    return japanese if len(_lone_scripts(utf8)) >= 2 or _glued_letter(utf8) else ""


def _letter_scripts(utf8: str) -> list[str]:
    """The script of each character of `utf8` that is a letter beyond ASCII (but an
    apostrophe letter, `_APOSTROPHE_LETTERS`), "" for any other, with "" at both ends."""
    return [
        "",
        *(
            letter_script(c)
            if ord(c) > 0x7F and c.isalpha() and c not in _APOSTROPHE_LETTERS
            else ""
            for c in utf8
        ),
        "",
    ]


def _lone_scripts(utf8: str) -> set[str]:
    """The scripts but Latin of `utf8`'s letters beyond ASCII whose letters never stand
    beside another of their script. Shift_JIS read as UTF-8 is such a jumble: each pair
    of its bytes a letter of another block than the next ("Ұفu", Cyrillic, Arabic,
    Latin). A note in two scripts has them in words ("Ελλάδα Київ", "Αθήνα 首相"): read
    as Shift_JIS it is half-width katakana and kanji too, and was refused as one."""
    scripts = _letter_scripts(utf8)
    alone: dict[str, bool] = {}
    for before, script, after in zip(scripts, scripts[1:], scripts[2:], strict=False):
        if script:
            alone[script] = alone.get(script, True) and script not in (before, after)
    return {script for script, lone in alone.items() if lone} - {"LATIN"}


def _glued_letter(utf8: str) -> bool:
    """Whether a letter beyond ASCII, of a script but Latin, stands beside none of its
    script and beside a letter of another such script: "հۥڰ", Armenian glued to two
    Arabic letters, what "ﾕｰﾛ･ﾚｰ" is as UTF-8. A jumble's letters of one script can stand
    side by side by chance, so `_lone_scripts` alone let it through; a note has its
    scripts in words of their own ("Αθήνα首相", "Ελλάδα в")."""
    scripts = _letter_scripts(utf8)
    return any(
        script not in ("", "LATIN", before, after)
        and any(other not in ("", "LATIN", script) for other in (before, after))
        for before, script, after in zip(scripts, scripts[1:], scripts[2:], strict=False)
    )


_NUL_SIDES = 8  # UTF-16: at least this many times the NULs on one side as on the other


def _left_over_note(data: bytes) -> str:
    """The note of a UTF-16 reading (`_utf16_without_bom`): its last byte left over, or
    ""."""
    if len(data) % 2:
        return "read as UTF-16; its last byte, one too many, shows as “\ufffd”"
    return ""


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 saved without a byte-order mark (some Windows tools do), or None.

    Its NUL bytes are the high bytes of spaces, digits and Latin letters, so in most
    scripts they are in a tenth of the byte pairs or more (every space has one) and all on
    one side (odd offsets little-endian, even big-endian); in a binary file they fall on
    both. Chinese, Japanese and Korean text has hardly any (full-width punctuation, few
    spaces: its line ends, digits and a character such as 一, U+4E00): it is read in the
    byte order in which, strictly decoded, it alone reads as text, mostly letters (CJK
    read in the wrong order meets a surrogate, a private or unassigned character within a
    few dozen characters). Either way the decoded start must read as text: no NUL or other
    control character but tab, line ends and form feed, nothing unassigned or private.
    """
    if len(data) % 2:
        # One byte too many (a line end added by a tool that took it for 8-bit text, a
        # copy cut short): refused as binary, though the rest was text. The rest is read
        # when its NULs say UTF-16 (not by the rules for scripts with few NULs below,
        # which pieces of programs' tables cut at an odd byte pass), the byte shown as
        # U+FFFD (`_left_over_note` says so).
        even = data[:-1]
        encoding = _nul_side(even[:8192])
        if not encoding or len(even) < 2:
            return None
        # Cut short in an emoji (four bytes, two halves): its first half, a lone surrogate,
        # goes with the byte left over, else the file was refused as binary.
        if 0xD8 <= even[-1 if encoding == "utf-16-le" else -2] <= 0xDB:
            even = even[:-2]
        text = _decoded_as_text(even, encoding)
        return None if text is None else text + "\ufffd"
    text = _nul_sided(data)
    if text is not None or _nul_side(data[:8192]):
        return text
    head = data[:8192]
    if len(head) < 2:
        return None
    script = _one_script_order(head)
    if script is not None:
        return _decoded_as_text(data, script, alphabet=True)
    try:  # a UTF-8 (or ASCII) text with a stray NUL, which pairs of it misread
        data.replace(b"\x00", b"").decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    if b"\x00" not in head and _japanese_in_shift_jis(head):
        # Shift_JIS with no half-width character (no ASCII, or CRLF line ends only) is
        # byte pairs that read as UTF-16 big-endian ideographs ("東京" is "鎌讞"): the
        # mostly-letters rule below took it for Chinese. Refused as Shift_JIS instead.
        return None
    read = [
        text
        for encoding in ("utf-16-le", "utf-16-be")
        if (text := _decoded_as_text(data, encoding, mostly_letters=True)) is not None
    ]
    return read[0] if len(read) == 1 else None  # both: no telling which (never seen)


def _nul_side(head: bytes) -> str:
    """The UTF-16 byte order in which `head` (a file's start, of an even length) has its
    NULs, as high bytes of spaces, digits and Latin letters, or "": at least one pair in
    ten, and a few on the other side at most. Those few are characters whose other byte
    is 0x00: the emoji 😀 (U+1F600 is D83D DE00), 一 (U+4E00), the ideographic space
    (U+3000); a table of posts with one in a hundred such was refused as binary. A binary
    file's NULs fall on both sides about evenly."""
    pairs = len(head) // 2
    if pairs < 1:
        return ""
    zeros_even, zeros_odd = head[0::2].count(0), head[1::2].count(0)
    if zeros_odd >= pairs / 10 and zeros_even <= max(pairs / 100, zeros_odd / _NUL_SIDES):
        return "utf-16-le"
    if zeros_even >= pairs / 10 and zeros_odd <= max(pairs / 100, zeros_even / _NUL_SIDES):
        return "utf-16-be"
    return ""


def _nul_sided(data: bytes) -> str | None:
    """`data` (of an even length) read as UTF-16 in the byte order its NULs tell
    (`_nul_side`), if its start reads as text; None else."""
    encoding = _nul_side(data[:8192])
    return _decoded_as_text(data, encoding) if encoding else None


def _japanese_in_shift_jis(head: bytes) -> bool:
    """Whether `head` (a file's start) strictly reads as Shift_JIS (cp932) Japanese
    text: Japanese only (`_JAPANESE`), no control character but tab and line ends, and
    most of its characters but spaces Japanese ones. UTF-16 text, read so, breaks on a
    byte or has ASCII letters, digits and control characters in every other place."""
    try:
        text = codecs.getincrementaldecoder("cp932")().decode(head)
    except UnicodeDecodeError:
        return False
    if not _JAPANESE.fullmatch(text) or _CONTROL.search(text):
        return False
    solid = "".join(text.split())
    return bool(solid) and 2 * sum(ord(char) > 0x7F for char in solid) > len(solid)


_SHAPE_PAIRS = 8  # fewer byte pairs tell nothing by their shape


def _script_orders(head: bytes) -> list[str]:
    """The byte orders in which `head` has the shape of UTF-16 of an alphabet past
    Latin-1 with few spaces (Thai writes none between words; long Russian words).

    Such a text's high bytes are its script's block (0x0E Thai, 0x04 Cyrillic), a control
    character's byte, in most pairs, and under 0x30 (below CJK) in nearly all. No 8-bit
    text has a control character in every other byte."""
    if len(head) < 2 * _SHAPE_PAIRS or len(head) % 2:
        return []
    orders = []
    for encoding, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        below_cjk = sum(byte < 0x30 for byte in high)
        controls = sum(0 < byte < 0x20 for byte in high)
        if 50 * below_cjk >= 49 * len(high) and 2 * controls >= len(high):
            orders.append(encoding)
    return orders


def _one_script_order(head: bytes) -> str | None:
    """The byte order of `_script_orders` when there is one only: both (binary, or
    pairs of control characters), no telling."""
    orders = _script_orders(head)
    return orders[0] if len(orders) == 1 else None


# The wide characters (past U+00FF) a CJK text without a BOM must have to be told by
# `_decoded_as_text(mostly_letters=True)`: a line of news.
_CJK_FEWEST = 32


def _short_cjk_hint(data: bytes) -> str:
    """What to do, said after `_BINARY`, when `data` reads strictly as UTF-16 without a
    BOM, mostly CJK letters, yet was refused (fewer than `_CJK_FEWEST` wide characters:
    a headline saved on its own): a binary file it may still be, but a text Notepad
    shows whole was only called "a binary file", with no way to bring it in. "" else."""
    head = data[:8192]
    if len(data) % 2 or (head[0::2].count(0) and head[1::2].count(0)):
        return ""  # NULs on both sides: no UTF-16
    for encoding in ("utf-16-le", "utf-16-be"):
        # Read strictly as text (no control, unassigned or private character), and most
        # of it CJK letters: too short for the rules that tell it (a headline has too few
        # characters to count their low bytes), but worth saying what to do.
        # Its start first, the rest only for one that reads so: a big binary file was
        # decoded whole for each byte order (200 MB at most) to look at 4,096 characters.
        start = _start_as_text(data, encoding) or ""
        cjk = sum(ord(char) >= 0x2E80 and unicodedata.category(char) == "Lo" for char in start)
        if cjk and 2 * cjk >= len("".join(start.split())) and _reads_whole(data, encoding):
            break
    else:
        return ""
    return (
        " If it is a short Chinese, Japanese or Korean text saved as “Unicode”"
        " (UTF-16), save it as UTF-8 and import it again, or paste its text."
    )


# The characters of a text's start that tell whether it reads as text, and the bytes
# decoded to have them (UTF-16: two or four a character).
_START_CHARS = 4096
_START_BYTES = 4 * _START_CHARS
_WHOLE_CHUNK = 1 << 20  # bytes decoded at a time when only whether it decodes counts


def _start_as_text(data: bytes, encoding: str) -> str | None:
    """The first `_START_CHARS` characters of `data` strictly decoded, if they decode
    and read as text: no NUL or other control character but tab, line ends and form
    feed, nothing unassigned, private or a lone surrogate. Decodes only the start."""
    head = data[:_START_BYTES]
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(head, final=len(data) <= len(head))
    except UnicodeDecodeError:
        return None
    start = text[:_START_CHARS]
    if any(
        unicodedata.category(char) in ("Cc", "Cn", "Co", "Cs") and char not in "\t\n\r\x0c"
        for char in start
    ):
        return None
    return start


def _reads_whole(data: bytes, encoding: str) -> bool:
    """Whether all of `data` strictly decodes, with no NUL, a piece at a time (only
    whether: the text itself is not kept)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for at in range(0, len(data), _WHOLE_CHUNK):
            piece = data[at : at + _WHOLE_CHUNK]
            if "\x00" in decoder.decode(piece, final=at + _WHOLE_CHUNK >= len(data)):
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _mostly_letters(start: str) -> bool:
    """Whether at least half of `start`'s characters but spaces are letters or marks."""
    solid = "".join(start.split())
    return bool(solid) and 2 * sum(unicodedata.category(c)[0] in "LM" for c in solid) >= len(solid)


def _decoded_as_text(
    data: bytes, encoding: str, *, mostly_letters: bool = False, alphabet: bool = False
) -> str | None:
    """`data` strictly decoded, if its start reads as text (`_start_as_text`), and
    with `mostly_letters`, if at least half of its start's other characters than spaces
    are letters, at least `_CJK_FEWEST` are past U+00FF, a quarter of those have a low
    byte over 0x7F or are kana, and not nearly all of those not kana do. The start is
    judged before the rest is decoded: a binary file is told by it. With `alphabet`,
    if at least half of its start's other characters than spaces are letters or the
    marks of an alphabet that writes vowels so (Thai, Hindi)."""
    start = _start_as_text(data, encoding)
    if start is None:
        return None
    if alphabet and not _mostly_letters(start):
        return None
    if mostly_letters:
        categories = [unicodedata.category(char) for char in start]
        letters = sum(category[0] == "L" for category in categories)
        if 2 * letters < sum(
            category[0] != "Z" and not char.isspace()
            for char, category in zip(start, categories, strict=True)
        ):
            return None
        # The low byte of a CJK or Hangul character is any byte, half of them over 0x7F
        # (kana, U+3040-30FF, are told by their block); pairs of an 8-bit text's bytes
        # read as one character (Latin letters: 灳湥楤) hold two under 0x80 but for an
        # accented letter's.
        wide = [ord(char) for char in start if ord(char) > 0xFF]
        told = sum(code & 0xFF > 0x7F or 0x3040 <= code <= 0x30FF for code in wide)
        # Fewer: a short binary file, or a GBK, Big5 or Shift_JIS file with a stray NUL,
        # passed these rules about one time in ten (`tests/domain/test_importing.py`).
        if len(wide) < _CJK_FEWEST or 4 * told < len(wide):
            return None
        # Such a file's lead bytes are all over 0x7F, and so, read as UTF-16, are nearly
        # all the low bytes: CJK text has half of them so (0.37-0.59 measured).
        kanji = [code for code in wide if not 0x3040 <= code <= 0x30FF]
        high = sum(code & 0xFF > 0x7F for code in kanji)
        if len(kanji) >= 16 and 20 * high > 17 * len(kanji):
            return None
        # Each space of such a text makes one of them end in 0x20 (瀠 U+7020), or begin
        # with it (U+20xx, ⁡): one character in a dozen, where CJK text has one in 256
        # (and its quotes, dashes and ellipses among U+2000-206F).
        spaced = sum(code & 0xFF == 0x20 or 0x2070 <= code <= 0x20FF for code in wide)
        if spaced > 1 and 25 * spaced > len(wide):
            return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def normalize_text(text: str) -> str:
    """Unify line ends and trim the outside; the stored text is what offsets point into."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def content_hash(text: str) -> str:
    """Identity of an article's text, so the same file is not imported twice."""
    import hashlib  # here: the window imports this module before its first paint

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def split_date_header(text: str) -> tuple[dt.date | None, str]:
    """Pull a leading `date YYYY-MM-DD` stamp off the text; invalid dates stay in the text."""
    match = _DATE_HEADER.match(text)
    if not match:
        return None, text
    try:
        date = dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None, text
    return date, text[match.end() :]


def _byline(line: str) -> tuple[str, str] | None:
    """(author, outlet) of a line like "By Priya Natarajan, Riverside Courier"; not of a
    sentence that starts with "By" ("By the time police arrived, …")."""
    match = _BYLINE.fullmatch(line)
    if match is None or line.endswith(_HEADLINE_END):
        return None
    author, _, outlet = match.group(1).partition(",")
    words = author.split()
    if not words or len(words) > 6 or not all(w[:1].isupper() or w == "and" for w in words):
        return None
    return author.strip(), outlet.strip()


def _date_line(line: str) -> dt.date | None:
    """The date a line holds when it is nothing but a date (and maybe a time)."""
    for pattern in _DATE_LINES:
        match = pattern.fullmatch(line)
        if match is None:
            continue
        month = match.group("month")
        number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
        if number is None:
            continue
        try:
            return dt.date(int(match.group("year")), number, int(match.group("day")))
        except ValueError:
            return None
    return None


def split_front_matter(text: str) -> tuple[ArticleMetadata, str]:
    """Take a leading headline, byline ("By NAME, OUTLET") and dateline date off a plain
    text article, each on its own line among the first few; the rest is the article.

    A first line without closing punctuation is the headline only when a byline or a date
    follows it, so an article that simply starts with its first sentence keeps it.
    """
    metadata = ArticleMetadata()
    lines = text.split("\n", _FRONT_LINES + 1)
    taken = 0  # leading lines (blank ones included) that were metadata
    candidates: list[tuple[int, str]] = []
    for index, raw in enumerate(lines[:_FRONT_LINES]):
        line = raw.strip()
        if line:
            candidates.append((index, line))
    headline: tuple[int, str] | None = None
    for position, (index, line) in enumerate(candidates):
        byline = _byline(line)
        date = _date_line(line)
        if byline and not metadata.author:
            metadata.author, metadata.outlet = byline
        elif date and metadata.published is None:
            metadata.published = date
        elif position == 0 and len(line) <= 200 and not line.endswith(_HEADLINE_END):
            headline = (index, line)
            continue
        else:
            break
        taken = index + 1
    if taken == 0:
        return ArticleMetadata(), text
    if headline is not None:
        metadata.title = headline[1]
    return metadata, "\n".join(lines[taken:])


# A YAML front-matter block, as a static-site tool or a newsroom CMS exports Markdown:
# `---` alone on the first line, `key: value` lines, `---` (or `...`) alone to close it.
# Read without a YAML library, for the few keys that are article properties. It is looked
# for in the file's first lines only, so a file of 50 MB takes no longer to read.
_YAML_LINES = 60  # the closing line must be among the first so many
_YAML_CHARS = 8_192  # ...and within the first so many characters (which caps each value)
_YAML_FENCE = re.compile(r"---[ \t]*")
_YAML_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")
# `key: value` or `key:`; YAML needs the space after the colon (`url:https://…` is a word).
_YAML_KEY = re.compile(r"([^\W\d][\w-]*)[ \t]*:(?:[ \t]+(.*))?")
_YAML_ITEM = re.compile(r"[ \t]*-(?:[ \t]+(.*))?")
# An unquoted value's comment: ` # …` (a `#` inside a word, "C#", is no comment).
_YAML_COMMENT = re.compile(r"[ \t]+#.*")
_YAML_FIELDS = {
    "title": "title",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "date": "published",
    "published": "published",
    "publishdate": "published",
    "pubdate": "published",
    "publisher": "outlet",
    "outlet": "outlet",
    "site": "outlet",
    "source": "outlet",
    "url": "url",
    "link": "url",
    "canonical": "url",
    "permalink": "url",
    "lang": "language",
    "language": "language",
}
_ISO_DATE_START = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T \t]|$)")
# A flow list's item: quoted ("…" or '…', commas and all) or plain up to the next comma.
_YAML_FLOW_ITEM = re.compile(r"""\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,]+)""")


def split_yaml_front_matter(text: str, *, markdown: bool) -> tuple[ArticleMetadata | None, str]:
    """The properties in a `---` front-matter block at the very top of `text`, and the
    text below it; (None, `text`) when there is no such block.

    It is one only when closed (`---` or `...`) within the first `_YAML_LINES` lines and
    `_YAML_CHARS` characters, holds at least one `key: value`, and every line of it is a
    `key: value`, a list item (`- a`) or, in Markdown, also a blank line, a `#` comment
    or an indented line under a key (a nested key, a folded value). Keys the desk has
    no property for (`tags`, `draft`, `layout`) are passed over: `ArticleMetadata.extra`
    is neither stored nor exported.

    Article text can take that shape too: a rule, "Update: The mayor resigned." or an
    interview's "Q: …" and "A: …", a rule. Taken off as a block, it was lost unsaid. So
    a block must hold a key the desk reads (`_YAML_FIELDS`); a key with a capital the
    desk does not read ("Update", "Correction", "Q") is a label in prose; and beside a
    capitalised key ("Author:"), a Markdown `#` line is a heading, not a comment. The
    lines then stay the article's text, as before front matter was read.
    """
    if not text.startswith("---"):
        return None, text
    values: dict[str, list[str]] = {}
    key = ""  # the last top-level key
    lines: list[str] = []  # its value's lines, which list items and indented lines join
    capitalised = commented = False  # a key written with a capital; a `#` line
    pos = 0
    for number in range(_YAML_LINES):
        end = text.find("\n", pos, _YAML_CHARS)
        if end < 0:  # the line runs past the characters looked at, or ends the text
            if len(text) > _YAML_CHARS:
                return None, text
            end = len(text)
        line = text[pos:end]
        pos = end + 1
        if number == 0:
            if not _YAML_FENCE.fullmatch(line):
                return None, text
        elif _YAML_CLOSE.fullmatch(line):
            read = any(name in _YAML_FIELDS for name in values)
            if not read or (capitalised and commented):
                return None, text
            return _yaml_metadata(values), text[pos:]
        elif match := _YAML_KEY.fullmatch(line):
            key = match.group(1).lower()
            if match.group(1)[0].isupper():
                if key not in _YAML_FIELDS:  # "Update: The mayor resigned.": prose
                    return None, text
                capitalised = True
            # A key given twice: its first value is read (its lines not run together).
            lines = [match.group(2) or ""]
            values.setdefault(key, lines)
        elif key and (item := _YAML_ITEM.fullmatch(line)):
            lines.append(f"- {item.group(1) or ''}")
        elif not markdown:
            return None, text
        elif key and line[:1] in (" ", "\t"):
            lines.append(" " + line)
        elif line.strip():
            if not line.lstrip().startswith("#"):
                return None, text
            commented = True
        if end == len(text):
            break
    return None, text


def _yaml_metadata(values: dict[str, list[str]]) -> ArticleMetadata:
    """The article properties of a front-matter block's top-level keys, each with its
    value's line and the list items or indented lines below it; the first key of each
    property wins."""
    metadata = ArticleMetadata()
    for key, lines in values.items():
        field = _YAML_FIELDS.get(key)
        if field is None:
            continue
        words = _yaml_words(lines)
        if field == "published":
            if metadata.published is None and words:
                metadata.published = _yaml_date(words[0])
        elif field == "url":
            if not metadata.url and words and words[0].lower().startswith(("http://", "https://")):
                metadata.url = words[0]
        elif field == "language":
            if not metadata.language and words:
                metadata.language = _known_language(words[0])
        elif not getattr(metadata, field) and words:
            setattr(metadata, field, ", ".join(words))
    return metadata


def _yaml_words(lines: list[str]) -> list[str]:
    """A key's value as its words, tidied as a web page's title is (`clean_line`): the
    items of a list (`[a, b]`, or `- a` lines), else the one value (a folded `>` or `|`
    value's lines joined); empty values left out."""
    from factcheck_app.domain.extract._common import clean_line

    first, rest = lines[0].strip(), lines[1:]
    items = [line[2:] for line in rest if line.startswith("- ")]
    if not first and items:
        values = items
    elif first[:1] in ("|", ">") and rest:
        values = [" ".join(line.strip() for line in rest)]
    else:
        # A value wrapped onto indented lines (plain, quoted or a flow list) is one value:
        # its first line alone cut a long title short, or kept its opening quote.
        if first and (wrapped := [line.strip() for line in rest if not line.startswith("- ")]):
            first = " ".join([first, *wrapped])
        if first.startswith("[") and first.endswith("]"):
            values = _YAML_FLOW_ITEM.findall(first[1:-1])  # a quoted item's comma is its own
        else:
            values = [first]
    cleaned = (clean_line(_yaml_scalar(value.strip())) for value in values)
    return [value for value in cleaned if value]


def _yaml_scalar(value: str) -> str:
    """One YAML value unquoted: `"a \"b\""`, `'O''Brien'`, or plain with its comment cut."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return _YAML_COMMENT.sub("", value)


def _yaml_date(value: str) -> dt.date | None:
    """A date or a date and time (`2024-05-02`, `2024-05-02T10:00:00+02:00`) as the
    calendar date written, as a web page's is read; else a dateline's (`June 3, 2024`)."""
    if _ISO_DATE_START.match(value):
        from factcheck_app.domain.extract._common import parse_iso_date

        return parse_iso_date(value[:10])
    return _date_line(value)


def _known_language(value: str) -> str:
    """The desk's code for a language tag (`fr`, `fr-FR`, `EN_gb`) when the desk has
    rules for that language, else "" (the text's language is detected, as for any file)."""
    from factcheck_app.domain.languages import SUPPORTED

    code = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower()
    return code if code in SUPPORTED else ""


def strip_markdown(text: str) -> tuple[str, str]:
    """Plain text from light Markdown, and the first heading (a title candidate)."""
    first_heading = ""
    heading = _MD_HEADING.search(text)
    if heading:
        first_heading = _heading_text(heading).strip()
    text = _MD_HEADING.sub(lambda m: _heading_text(m) + "\n", text)
    text = _MD_LINK.sub(lambda m: m.group() if m.group(1) is None else m.group(1), text)
    text = _strip_emphasis(text)
    return text, first_heading


def _heading_text(match: re.Match[str]) -> str:
    """A heading's text without its closing sequence: "Title ##  " gives "Title"."""
    return match.group(1).rstrip(" \t").rstrip("#").rstrip(" \t")


def _strip_emphasis(text: str) -> str:
    """`**a**` and `__a__` as `a`, exactly as `_MD_EMPHASIS.sub` would, in linear time.

    The plain substitution scans from every opening `**` to the end of its line when the
    line has no closing one, so `"__a " * n` takes time n². An opening succeeds exactly
    when its line holds a closing delimiter (the same two characters, after a non-space)
    three or more characters on. So each line's last closing delimiters are found once,
    an opening with none after it is passed over at once, and the pattern runs only from
    openings sure to match, consuming what it scans.
    """
    if "**" not in text and "__" not in text:
        return text
    out: list[str] = []
    copied = pos = 0
    line_end = -1  # the current line is text[..line_end], and `last` holds its closings
    last = {"**": -1, "__": -1}
    while pos <= len(text):
        finder = _MD_EMPHASIS_OPEN[""]
        if pos <= line_end:
            live = [d for d in last if last[d] >= pos + 3]
            if not live:
                pos = line_end + 1
                continue
            finder = _MD_EMPHASIS_OPEN[live[0] if len(live) == 1 else ""]
        opening = finder.search(text, pos, line_end if pos <= line_end else len(text))
        if opening is None:
            if pos > line_end:
                break
            pos = line_end + 1
            continue
        start = opening.start()
        if start > line_end:
            line_end = text.find("\n", start)
            line_end = len(text) if line_end < 0 else line_end
            last = {d: _last_closing(text, d, start, line_end) for d in last}
        match = _MD_EMPHASIS.match(text, start) if last[opening.group()] >= start + 3 else None
        if match is None:
            pos = start + 1
            continue
        out += (text[copied:start], match.group(2))
        copied = pos = match.end()
    out.append(text[copied:])
    return "".join(out)


def _last_closing(text: str, delimiter: str, start: int, end: int) -> int:
    """Offset of the last `delimiter` in `text[start:end]` that follows a non-space, or -1."""
    at = text.rfind(delimiter, start, end)
    while at > start and text[at - 1].isspace():
        at = text.rfind(delimiter, start, at + 1)
    return at if at > start else -1


def parse_article(
    data: bytes,
    *,
    suffix: str = ".txt",
    progress: Progress | None = None,
    pasted: bool = False,
) -> ParsedArticle:
    """Decode, clean and take metadata from one article file's bytes.

    `progress(fraction, stage)` hears how far a long extraction (a PDF's pages) got.
    `pasted`: text pasted or piped in, never refused as the desk's Markdown report: a
    file is swept in with a folder, a paste is chosen, and is how a report's text (one
    rewritten into the newsroom's own fact-check piece) is taken in on purpose; nor read
    as a file's bytes are (no encoding guessed, no binary file told by its control
    characters): it is text already, chosen by the reviewer.
    """
    if suffix.lower() in EXTRACTED_SUFFIXES:
        return _parse_extracted(data, suffix.lower(), progress)
    if pasted and b"\x00" not in data:
        # Text already (the clipboard's; standard input was read as a file is): no
        # encoding to guess, and no binary file to tell by its control characters, which
        # is how a file refused so is brought in (its text copied and pasted).
        text, reading_note = data.decode("utf-8-sig", "replace"), ""
    else:
        text, reading_note = read_article_bytes(data)
    text = normalize_text(text)
    if not pasted and ends_as_markdown_report(text):  # the desk's Markdown report
        raise OwnReport()
    markdown = suffix.lower() in (".md", ".markdown")
    given, text = split_yaml_front_matter(whole := text, markdown=markdown)
    date, text = split_date_header(normalize_text(text))
    title = ""
    if markdown:
        text, title = strip_markdown(text)
    front, text = split_front_matter(normalize_text(text))
    text = normalize_text(text)
    if not text:
        raise ArticleImportError("The file has no article text to review.")
    # Words or figures taken off its top as headline, byline or date: the file held some.
    # Said of a front matter as the reviewer knows it (a CMS's block: no headline in sight).
    taken = date is not None or front != ArticleMetadata()
    below = " below its headline, byline or date" if taken else ""
    if given is not None:
        below = " below its front matter" + below.replace(" below its", ",")
    refuse_without_words(text, "The text" if pasted else "The file", below=below)
    metadata = dataclasses.replace(
        front, title=title or front.title, published=date or front.published
    )
    if given is not None:
        # The front matter's properties are the article's given ones: its title wins over
        # the body's first heading (most often the same words), which stays in the text.
        metadata = dataclasses.replace(
            metadata,
            **{
                name: value
                for name, value in dataclasses.asdict(given).items()
                if value and name != "extra"
            },
        )
    former = _former_hash(whole, markdown) if given is not None else ""
    return ParsedArticle(text, metadata, content_hash(text), reading_note, former)


# Texts up to so many characters get their `ParsedArticle.former_hash` (a CMS's article
# is some kilobytes): read again as before, a Markdown file of 1 MB takes 0.3-0.4 s more, of
# 5 MB 1.3 s, of 50 MB 11 s (its links and emphasis taken out twice).
_FORMER_CHARS = 1_000_000


def _former_hash(text: str, markdown: bool) -> str:
    """The hash of `text` (normalized, its front matter on top) as `parse_article` made
    it before front matter was read: its block the article's first lines."""
    if len(text) > _FORMER_CHARS:
        return ""
    text = split_date_header(text)[1]
    if markdown:
        text = strip_markdown(text)[0]
    return content_hash(normalize_text(split_front_matter(normalize_text(text))[1]))


# A letter or a figure of any script (str.isalnum: "A", "я", "東", "٣", "½"); the
# underscore, which \w also takes, is no word.
_WORD_CHARACTER = re.compile(r"[^\W_]")
_QUOTED_CHARS = 40  # of the text a refusal for holding no words shows
# A word of it, or a piece of a longer one: the piece is cut in the quote anyway.
_QUOTED_WORDS = re.compile(rf"\S{{1,{_QUOTED_CHARS + 1}}}")


def refuse_without_words(text: str, what: str, *, below: str = "") -> None:
    """Refuse text holding no letter and no figure: punctuation, symbols, emoji and
    spaces only ("--- *** ---", "• • •"), which came in as an article of such "sentences"
    to review. Figures alone are kept (a table of results is text to check). `below`:
    where the words it lacks are not looked for (" below its headline, byline or date")."""
    if _WORD_CHARACTER.search(text):  # at the first letter: at once for any article
        return
    # Its first words only, one space between: split whole, a 50 MB file of "— — —" took
    # 12 s and 1.1 GB to say so (a string for each dash).
    words: list[str] = []
    for word in _QUOTED_WORDS.finditer(text):
        words.append(word.group())
        if sum(map(len, words)) + len(words) > _QUOTED_CHARS + 1:
            break
    shown = " ".join(words)
    shown = shown if len(shown) <= _QUOTED_CHARS else shown[: _QUOTED_CHARS - 1].rstrip() + "…"
    quoted = f" (“{shown_line(shown)}”)" if has_visible_text(shown) else ""
    raise ArticleImportError(
        f"{what} holds no words or figures{below}, only punctuation, symbols and spaces{quoted}: "
        "there is no article text to review."
    )


def _parse_extracted(data: bytes, suffix: str, progress: Progress | None) -> ParsedArticle:
    # Imported here: trafilatura, pypdf and lxml are only loaded when needed.
    from factcheck_app.domain.extract import extract_file

    extracted = extract_file(data, suffix, progress)
    text = normalize_text(extracted.text)
    if not text:
        raise ArticleImportError("The file has no article text to review.")
    refuse_without_words(text, "The file")
    return ParsedArticle(text=text, metadata=extracted.metadata, content_hash=content_hash(text))


def default_title(first_sentence: str, limit: int = 120) -> str:
    """A title from the first sentence, shortened on a word boundary."""
    sentence = " ".join(first_sentence.split())
    if len(sentence) <= limit:
        return sentence
    cut = sentence.rfind(" ", 0, limit - 1)
    return sentence[: cut if cut > 40 else limit - 1].rstrip(",;:") + "…"
