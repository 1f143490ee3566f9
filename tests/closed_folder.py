"""A folder the reviewer may not enter (a colleague's, a share whose rights changed), for
tests: the system's refusal is stood in for, as the tests run as root too (who may enter
any folder)."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def close_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """From now on (until `monkeypatch` undoes it) `os.stat` and `os.lstat` of anything
    inside `folder` raise PermissionError (EACCES), as for a folder without search
    permission (`chmod 700` of another user's). `folder` itself can still be looked at."""

    def refused(real: Callable[..., os.stat_result]) -> Callable[..., os.stat_result]:
        def call(file: str | os.PathLike[str], *args: Any, **kwargs: Any) -> os.stat_result:
            if os.fspath(file).startswith(str(folder) + os.sep):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(file))
            return real(file, *args, **kwargs)

        return call

    monkeypatch.setattr(os, "stat", refused(os.stat))
    monkeypatch.setattr(os, "lstat", refused(os.lstat))


def refuse_listing(monkeypatch: pytest.MonkeyPatch, *folders: Path) -> None:
    """From now on (until `monkeypatch` undoes it) `os.scandir` of any of `folders` raises
    PermissionError (EACCES), as for a folder the reviewer may not read: what walks a
    dropped or imported folder cannot look into it."""
    shut = {str(folder) for folder in folders}
    real_scandir = os.scandir

    def scandir_refused(path: Any = ".") -> Any:
        if os.fspath(path) in shut:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir_refused)
