"""What a name that is no ordinary file is, in words, from its `os.stat` mode: one rule
for the workspace's side files (storage) and the settings file (gui), which may not
import each other's layer."""

from __future__ import annotations

import stat


def kind_of(mode: int, *, fifo: bool = False) -> str:
    """What a name whose `os.stat` (or `os.lstat`) mode is not a regular file's is, in
    words: "a folder", "a named pipe", "a socket" or "a device" (a link: `os.lstat`'s
    "a link"). `fifo`: "a named pipe (FIFO)", for a name she gave for a file to read or
    write (the word `mkfifo` and `ls` show her)."""
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)" if fifo else "a named pipe"
    return "a socket" if stat.S_ISSOCK(mode) else "a device"
