"""One rule names what a name that is no ordinary file is, for the workspace's side files
and the settings file alike (the settings' own chain once said "a named pipe or a
device" for a socket)."""

from __future__ import annotations

import stat

import pytest

from factcheck_app.domain.file_modes import kind_of


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        (stat.S_IFIFO | 0o644, "a named pipe"),
        (stat.S_IFSOCK | 0o755, "a socket"),
        (stat.S_IFCHR | 0o666, "a device"),
        (stat.S_IFBLK | 0o660, "a device"),
        (stat.S_IFDIR | 0o755, "a folder"),
        (stat.S_IFLNK | 0o777, "a link"),
    ],
)
def test_each_kind_of_special_file_is_named_in_words(mode: int, words: str) -> None:
    assert kind_of(mode) == words
