"""Text made safe for a terminal: what the command line prints never drives the terminal.

Article text comes from the open web. Printed raw, `ESC ] 0 ; … BEL` retitles the
user's terminal window and `ESC [ 2 J` clears it; other sequences move the cursor to
overwrite what was printed, or (on some terminals) paste text back as if typed. So every
C0 and C1 control character (ESC, BEL, CR, DEL, the 8-bit CSI U+009B …) is shown as `?`,
in file names inside error messages too, and so is every bidi embedding, override or
isolate (U+202E…), which would show the rest of the line reversed. Tab and newline are
kept only where a line may hold them; in one-line output they become spaces, so a title
cannot add a column or a line of its own. What the command line prints of an article's
text shows each such character as what it is instead (`terminal_text`: ESC as ␛).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath
from typing import Any

# C0 and C1 controls and DEL, except tab and newline; and the explicit bidi embeddings,
# overrides and isolates (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The bidi ones alone: invisible, and one left open (U+202E, RIGHT-TO-LEFT OVERRIDE)
# shows everything after it on the line reversed: "Budget\u202e — election.fcdesk" reads
# "Budget kseddcf.noitcele —". The marks (LRM, RLM, ALM) open nothing and stay.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Everything that ends a line or moves to a column: a space in one-line output.
_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_C1 = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # and the bidi controls

REPLACEMENT = "?"


def printable(text: str, *, one_line: bool = True) -> str:
    """`text` with every control character shown as `?` (line breaks and tabs as spaces
    when `one_line`, else newlines and tabs kept)."""
    if one_line:
        text = _BREAKS.sub(" ", text)
    return _CONTROLS.sub(REPLACEMENT, text)


# What the command line prints of a control character: the picture Unicode has for it
# (ESC as ␛, BEL as ␇, CR as ␍, NUL as ␀, DEL as ␡), or, for the C1 controls and the bidi
# embeddings, overrides and isolates, which have none, its escape (\x9b, \u202e). Shown,
# where `printable`'s `?` read as a question mark ("she said.??"), and hid which one it was.
_PICTURES = {
    **{code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)},
    0x7F: "\u2421",
    **{code: f"\\x{code:02x}" for code in range(0x80, 0xA0)},
    **{code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
# Line breaks but CR (which overwrites a line on a terminal, and which no stored text
# ends a line with: imports make every line end "\n"): a space on one line.
_LINE_BREAKS = re.compile(r"[\t\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def terminal_text(text: str, *, one_line: bool = True) -> str:
    """`text` as the command line prints it: every control character shown, never sent
    (`_PICTURES`: "\x1b[2J" as "␛[2J", a bell as ␇, a carriage return as ␍); line
    breaks and tabs a space when `one_line`, else kept. The text itself is not changed."""
    if text.isprintable():  # the usual line: nothing to look at
        return text
    if one_line:
        text = _LINE_BREAKS.sub(" ", text)
    return text.translate(_PICTURES)


# A title shown beside other words: the article list, the title bar, a message. (A 5 MB
# Markdown heading took the window 12 s to open, laid out in the list and the title bar.)
TITLE_CHARS = 300


def shown_title(title: str) -> str:
    """A title as the window and the messages show it, on a line with other words: without
    bidi embeddings, overrides and isolates, which could reverse those words, and cut to
    TITLE_CHARS ("…" when cut)."""
    if len(title) > TITLE_CHARS:
        title = title[: TITLE_CHARS - 1] + "…"
    return _BIDI_CONTROLS.sub("", title)


def shown_line(title: str) -> str:
    """A title (an article's, a source's) as the window shows it on one line beside other
    words, in a list, the title bar or a message: `shown_title` (no bidi controls, cut),
    and every other control character (NUL, ESC…) as `?` and a line break as a space, as
    Check Workspace says them: a NUL drew as a box, or cut the line short."""
    title = shown_title(title)
    return title if title.isprintable() else printable(title)


# What an article whose title shows nothing is called: in the article list, the title
# bar, the remove question and the reports alike.
UNTITLED = "Untitled article"


# The characters that show nothing: spaces and line breaks, control characters and
# format characters (a zero-width space, a direction mark, a word joiner). A private-use
# character (an icon font's glyph) or one this Python's Unicode data does not know yet
# (an emoji of Unicode 15, "\U0001fa77") shows, as its glyph or a box.
_SHOWS_NOTHING = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def has_visible_text(text: str) -> bool:
    """Whether `text` shows anything: not only spaces, line breaks and invisible format
    characters (a zero-width space, a direction mark)."""
    return any(not c.isspace() and unicodedata.category(c) not in _SHOWS_NOTHING for c in text)


# A run of this many characters with no place to break a line: a text layout (Qt's)
# seeks a word boundary in time n² of it (a merged explanation of 1,000,000 letters took
# 181 s), so a field or box holding one wraps anywhere instead. A no-break space (U+00A0,
# U+2007, U+202F) is a space to Python's \s but no place to break: words all joined by
# them (text copied from a web page) are one run.
UNBROKEN_RUN_CHARS = 2000
_UNBROKEN_RUN = re.compile(rf"[\S\u00a0\u2007\u202f]{{{UNBROKEN_RUN_CHARS}}}")


def has_unbroken_run(text: str) -> bool:
    """Whether `text` holds a run too long to be laid out at word boundaries (see
    `_UNBROKEN_RUN`): the one rule of the Explanation box, a conflict's details and a
    box's Show Details."""
    return _UNBROKEN_RUN.search(text) is not None


def or_untitled(title: str) -> str:
    """`title`, or UNTITLED when it leaves nothing to read: none, spaces, bidi controls or
    other invisible characters alone (a zero-width space, a direction mark: a web page's
    heading pasted), kept by Article Properties, which only fills in a blank one."""
    return title if has_visible_text(shown_line(title)) else UNTITLED


def shown_file_name(name: str | PurePath) -> str:
    """A file's or folder's name (or a path) as the window says it: its undecodable bytes
    as "�" (`with_undecodable_replaced`), each control character, bidi ones too,
    as `?`, as the command line's error lines show it: a name starting with U+202E showed
    the rest of its message reversed ("‮fdp.exe is already there" read "ereht ydaerla
    si exe.pdf"). Meant for showing only: the file is opened by its own name."""
    name = with_undecodable_replaced(str(name))
    return name if name.isprintable() else printable(name)


# A part `set_apart` isolated (FSI … PDI, nothing of the kind inside, on one line).
_SET_APART = re.compile("\u2068([^\u2066-\u2069\n]*)\u2069")


def message_text(text: str) -> str:
    """A message box's or the status bar's text as shown, whatever was put in it (an
    error's words naming a file, a title): every control character, bidi ones too, as
    `?`, line breaks and tabs kept, as `printable`, except the isolates `set_apart`
    put around a title, which keep it from the words around it. The last guard: each
    place that names a title or a file cleans it first (`shown_line`, `shown_file_name`)."""
    if text.isprintable():  # the usual message: nothing to look at
        return text
    parts = _SET_APART.split(text)  # odd: a part set apart
    return "".join(
        f"\u2068{printable(part, one_line=False)}\u2069"
        if odd % 2
        else printable(part, one_line=False)
        for odd, part in enumerate(parts)
    )


def set_apart(text: str) -> str:
    """`text` (a title, a name) set apart from the words around it, as a first-strong
    isolate (FSI … PDI), when it holds right-to-left letters: in "Imported “…”: 4
    sentences." an Arabic title took the count after it into its own run ("Imported
    “4 :”…"), and one at the start of a message turned the whole line right to left.
    Other text comes back as it is. Meant for text already without bidi controls
    (`shown_title`): an isolate opened in it would take in the words after it."""
    if holds_right_to_left(text):
        return f"\u2068{text}\u2069"
    return text


# Names' first words of the letters one Japanese or Chinese text mixes: one script here.
_EAST_ASIAN = dict.fromkeys(
    ("HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH", "IDEOGRAPHIC"), "CJK"
)


def letter_script(char: str) -> str:
    """The script of a letter, by its name's first word (Chinese and Japanese as one)."""
    word = unicodedata.name(char, "?").split()[0]
    return _EAST_ASIAN.get(word, word)


def holds_right_to_left(text: str) -> bool:
    """Whether `text` has right-to-left letters (Arabic, Hebrew…)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


_BIDI_NEUTRAL = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], "\u200b")


def bidi_neutral(text: str) -> str:
    """`text` with each bidi embedding, override or isolate as a zero-width space: shown in
    its stored order (an override inside a sentence cannot reverse the next one), with
    every offset where it was."""
    return text.translate(_BIDI_NEUTRAL) if _BIDI_CONTROLS.search(text) else text


# Every line break Qt's plain-text box (the explanation) shows, saved as "\n" ("\r\n"
# once): U+FDD0 and U+FDD1 too, which the box takes for the start and end of a frame and
# shows as a line break. Every other character is kept as it is: a no-break space too.
# Replaced one by one, not by `str.translate`: the box's text is read at each key typed
# into it, and translate looks up every character of a text that is not all ASCII (every
# paragraph break in the box is U+2029): 0.30 s a key in a 900,000-character explanation,
# against 6 ms for the replaces.
_BOX_BREAKS = ("\r", "\u2028", "\u2029", "\ufdd0", "\ufdd1")


def typed_lines(text: str) -> str:
    """A multi-line field's text (an explanation) as its box saves it when typed in: each
    line break ("\r\n", "\r", U+2028, U+2029) one "\n", no byte order mark at its start
    (`_without_leading_marks`), every other character as it is (a no-break space too:
    "32\u00a0%"). Text the desk puts together from stored values (Merge with Next's
    explanation) follows the same rule."""
    text = text.replace("\r\n", "\n")
    for line_break in _BOX_BREAKS:
        text = text.replace(line_break, "\n")
    return _without_leading_marks(text)


def typed_line(text: str) -> str:
    """A one-line field's text (a claimant, a source's or an article's title) as typing
    saves it: each line break the space the field shows for it ("\r\n" one space), and
    without bidi embeddings, overrides and isolates, invisible, which showed the field's
    text reversed, not as it is saved. What such a field shows of a stored value: one
    not typed in is kept as stored (docs/safety.md, "Typed text")."""
    return _without_leading_marks(
        _BIDI_CONTROLS.sub("", _BREAKS.sub(" ", text.replace("\r\n", "\n")))
    )


def _without_leading_marks(text: str) -> str:
    """`text` without the byte order marks (U+FEFF) at its start. Qt drops one from the
    start of every text handed to it from Python (a field filled, a signal's text, the
    clipboard), so a field never saved one there as it held it: pasted, it stayed in the
    field while the saved text went without it (fuzz_window, seed 2901); stored, the
    field showed the text without it. Invisible either way; within the text, kept."""
    return text.lstrip("\ufeff") if text.startswith("\ufeff") else text


def terminal_json(data: Any, *, indent: int | None = None) -> str:
    """JSON text for a terminal: non-ASCII kept readable, but C1 controls, DEL and bidi
    controls written as \\u escapes too (json.dumps escapes only C0 when it keeps non-ASCII)."""
    import json  # here: the window imports this module before its first paint, without JSON

    return terminal_json_text(json.dumps(data, ensure_ascii=False, indent=indent))


def terminal_json_text(text: str) -> str:
    """JSON text written with non-ASCII kept, its C1 controls and DEL then written as
    \\u escapes (what `terminal_json` does after json.dumps; a part of an array's
    items too, since no escape spans two characters)."""
    if text.isprintable():  # no control character at all (the usual case): none to escape
        return text
    return _C1.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def shown_name(name: str) -> str:
    """A reviewer's name as shown: one line of visible text. Control and format characters
    go (a right-to-left override, an isolate, a terminal's escape), line breaks and runs
    of spaces become one space; a name typed in the desk is already so, one from a merged
    workspace or an older file may not be."""
    kept = "".join(
        " " if c.isspace() else c for c in name if c.isspace() or unicodedata.category(c)[0] != "C"
    )
    return " ".join(kept.split())


# The longest reviewer's name kept, in characters (services/identity: the name box, the
# account's name, FACTCHECK_REVIEWER).
MAX_NAME = 80


def capped_name(text: str) -> str:
    """A reviewer's name as the desk keeps one: one line of visible text (`shown_name`),
    cut to MAX_NAME characters without a space at the end."""
    return shown_name(shown_name(text)[:MAX_NAME])


def with_undecodable_replaced(text: str) -> str:
    """Text from the system (a file's name, a command-line argument, an environment
    variable) as text that can be stored and shown: bytes that were not UTF-8 (Python
    keeps them as escapes, which SQLite and UTF-8 files refuse) become the replacement
    character, as a file manager shows them ("Bericht �ber Wahl.txt")."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
