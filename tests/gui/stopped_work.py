"""What the next open tells of the work a logout stopped, read in the test's thread."""

from __future__ import annotations

from pathlib import Path

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
