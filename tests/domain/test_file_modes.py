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


def test_a_named_pipe_given_for_a_file_is_named_as_mkfifo_and_ls_name_it() -> None:
    """A name given to read or write (an article, an export) says "FIFO", as the
    terminal that made it does; a side file beside the workspace says only "named pipe"."""
    assert kind_of(stat.S_IFIFO | 0o644, fifo=True) == "a named pipe (FIFO)"
