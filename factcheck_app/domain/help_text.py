"""How `--help` is wrapped: at spaces only, so that a path or a name stays whole."""

from __future__ import annotations

import argparse
import re
import textwrap
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
