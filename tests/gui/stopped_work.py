"""What the next open tells of the work a logout stopped, read in the test's thread."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck_app.gui import settings as gui_settings


def take_stopped_work(workspace: Path) -> list[str]:
    """The lines `note_stopped_work` kept for `workspace`, and those of the exports
    `note_stopped_export` kept, as they turned out, forgotten as they are read: what the
    window tells at its next open (`WorkspaceController._tell_stopped`), which looks at
    each export's file in a worker thread; here, in the caller's."""
    lines = gui_settings.take_stopped_lines(workspace)
    exports = gui_settings.take_stopped_exports(workspace)
    said = [gui_settings.export_said(kept) for kept in exports]
    told = [
        gui_settings.export_not_answered(kept) if line is None else line
        for kept, line in zip(exports, said, strict=True)
    ]
    return lines + [line for line in told if line]


def host_down(monkeypatch: pytest.MonkeyPatch, on_it: Callable[[Path], bool]) -> None:
    """`os.stat` of each file `on_it` refuses at once, "Host is down", as a share that is
    down does (soft-mounted, or a Windows one); every other file is looked at as ever."""
    real_stat = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if not isinstance(path, int) and on_it(Path(os.fspath(path))):  # type: ignore[arg-type]
            raise OSError(112, "Host is down", os.fspath(path))  # type: ignore[arg-type]
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
