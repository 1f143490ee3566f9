"""A network share that stopped answering (a VPN dropped, an SMB server gone), simulated
for the window's tests. Such a share does not refuse: one `stat` of a file on it waits for
minutes (a hard NFS mount: for ever).

Every `os` call on a path in it, made by a thread other than the window's, waits on an
event set at the test's end (never a sleep); made on the window's thread it answers at
once (else the test would hang as the window did), and is listed: that list must stay
empty. Used through the `dead_share` fixture (tests/gui/conftest.py)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck_app.gui import disk_look

# What the share's calls look like to the code: os.path, pathlib and shutil all come here.
LOOKS = ("stat", "lstat", "access", "listdir", "scandir", "mkdir")


class DeadShare:
    """The folder `root`, on a share that does not answer until `answers` is set."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.answers = threading.Event()
        self.on_window_thread: list[str] = []  # looks the window's thread made at it
        self.waiting: list[str] = []  # looks made elsewhere, waiting on the share
        self.links: set[str] = set()  # links elsewhere leading into the share (`link`)

    def link(self, at: Path, to: Path) -> Path:
        """A link at `at` (on this computer) leading to `to` on the share: a look at `at`
        that follows it waits on the share, as the kernel's does."""
        at.parent.mkdir(parents=True, exist_ok=True)
        at.symlink_to(to)
        self.links.add(os.fspath(at))
        return at

    def holds(self, path: object) -> bool:
        try:
            name = os.fsdecode(os.fspath(path))  # type: ignore[arg-type]
        except TypeError:
            return False  # a descriptor
        root = os.fspath(self.root)
        return name == root or name.startswith(root + os.sep)

    def patch(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for name in LOOKS:
            real = getattr(os, name)
            monkeypatch.setattr(os, name, self._hanging(real, name))

    def _leads_in(self, name: str, path: object, follows: bool) -> bool:
        """Does a call `name` at `path` follow one of `links` into the share?"""
        if name == "lstat" or not follows or not self.links:
            return False
        try:
            return os.fsdecode(os.fspath(path)) in self.links  # type: ignore[arg-type]
        except TypeError:
            return False

    def _hanging(self, real: Callable[..., object], name: str = "") -> Callable[..., object]:
        def call(path: object = ".", *args: object, **kwargs: object) -> object:
            follows = bool(kwargs.get("follow_symlinks", True))
            if self.holds(path) or self._leads_in(name, path, follows):
                if threading.current_thread() is threading.main_thread():
                    self.on_window_thread.append(os.fsdecode(os.fspath(path)))  # type: ignore[arg-type]
                else:
                    self.waiting.append(os.fsdecode(os.fspath(path)))  # type: ignore[arg-type]
                    self.answers.wait()
            return real(path, *args, **kwargs)

        return call


def dead_share_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DeadShare]:
    """`tmp_path/share` (with a `reports` folder), dead from now until the test ends; the
    waits on it shortened to a second."""
    root = tmp_path / "share"
    (root / "reports").mkdir(parents=True)
    share = DeadShare(root)
    # A second: a look at a local folder answers well within it, on a busy CI machine too.
    monkeypatch.setattr(disk_look, "DISK_WAIT_MS", 1_000)
    monkeypatch.setattr(disk_look, "FROZEN_WAIT_MS", 1_000)
    share.patch(monkeypatch)
    yield share
    share.answers.set()  # the looks left waiting end
    disk_look._STUCK.clear()
