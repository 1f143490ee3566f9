"""How `--help` is wrapped (at spaces only, so that a path or a name stays whole), and
what a name beginning with a dash is told, on every command line of the program."""

from __future__ import annotations

import argparse
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePath
from typing import Any

_SPACES = re.compile(r"\s+", re.ASCII)  # as argparse joins a help text's lines


class WholeWordsHelp(argparse.HelpFormatter):
    """argparse's wrapping, but never inside a word: it broke the default workspace's
    path at a hyphen, or anywhere once it was longer than the line (`/home/ana-` then
    `maria/.local/share/…`), and the path copied from the help named another file. A
    word longer than the line runs past its end instead."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return _wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in _wrap(text, width - len(indent)))


def _wrap(text: str, width: int) -> list[str]:
    words = _SPACES.sub(" ", text).strip()
    return textwrap.wrap(words, max(width, 1), break_long_words=False, break_on_hyphens=False)


class WholeWordsParser(argparse.ArgumentParser):
    """An ArgumentParser whose help is wrapped by `WholeWordsHelp` (a command's parser,
    made by add_subparsers, is given no formatter of its parent's)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", WholeWordsHelp)
        super().__init__(*args, **kwargs)


# Words argparse reads as a negative number, never as an option (its own pattern).
_NEGATIVE_NUMBER = re.compile(r"-\d+|-\d*\.\d+")


def value_options(parser: argparse.ArgumentParser) -> dict[str, str | None]:
    """Each option of `parser`, spelled as typed: its long name when it takes a value
    (how `--output=VALUE` is written), None when it takes none (`--all`, `-h`)."""
    options: dict[str, str | None] = {}
    for action in parser._actions:
        names = action.option_strings
        long = next((name for name in names if name.startswith("--")), names[0] if names else "")
        for name in names:
            options[name] = long if action.nargs != 0 else None
    return options


def dash_value_told(option: str, value: str) -> str:
    """How to give an option a value that begins with a dash (`-o -report.md`: argparse
    takes the value for an option, and said only "expected one argument")."""
    return (
        f"{value} starts with a dash, and was read as an option: write {option}={value}, "
        f"or for a file ./{value}"
    )


def dash_named_file(
    words: Sequence[str], options: Mapping[str, str | None], is_file: Callable[[str], bool]
) -> str | None:
    """What is wrong when a file's name begins with a dash (`-notes.txt`): argparse reads
    it as an option, and said "the following arguments are required: FILE" with the
    file right there, or "unrecognized arguments", or read "-week.txt" as `-w eek.txt`.
    The one rule, for the window's command line and every command's (`options`: the
    parser's, `value_options`): a word before `--` that begins with a dash and names a
    file (`is_file`), and that is no option of the parser, or has a suffix (none has
    one), is told how to name it; as the value of an option, how to give that value."""
    for at, word in enumerate(words):
        if word == "--":
            return None
        if (
            not word.startswith("-")
            or word == "-"
            or "=" in word
            or _NEGATIVE_NUMBER.fullmatch(word)
            or not is_file(word)
        ):
            continue
        before = option_named(words[at - 1], options) if at else None
        if before is not None:
            return dash_value_told(before, word)
        if PurePath(word).suffix or not _reads_as_option(word, options):
            return (
                f"{word} is a file here, but a name beginning with a dash reads as an "
                f"option: write ./{word}, or put -- before the files."
            )
    return None


def option_named(word: str, options: Mapping[str, str | None]) -> str | None:
    """The long name of the option `word` names, when it takes a value: whole, or a long
    one shortened as argparse takes it (`--out` for `--output`, if no other starts so)."""
    if word in options:
        return options[word]
    if not word.startswith("--"):
        return None
    named = [option for option in options if option.startswith(word)]
    return options[named[0]] if len(named) == 1 else None


def _reads_as_option(word: str, options: Mapping[str, str | None]) -> bool:
    """Is `word` one of `options` as argparse reads it: whole, a long one shortened
    (`--work`), or a short one with its value joined on (`-wnews`)?"""
    if word.startswith("--"):
        return any(option.startswith(word) for option in options if option.startswith("--"))
    return word in options or word[:2] in options
