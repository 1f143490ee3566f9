"""What a reviewer sees when the workspace file is damaged (docs/safety.md): the box
offering a backup or a cleaned copy, taken with QWidget.grab() offscreen, so neither a
display nor ImageMagick is needed:

    .venv/bin/python docs/screenshots/make_damaged_dialog.py [OUT.png]

A real workspace (the seeds) with a backup, then cut to a third, as a failed sync leaves
a file. Nothing of the user's is touched: data and config live in a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# This checkout's factcheck_app, not an installed one.
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
WORK = Path(tempfile.mkdtemp(prefix="salvage-"))
os.environ["FACTCHECK_DATA_DIR"] = str(WORK / "data")
os.environ["XDG_CONFIG_HOME"] = str(WORK / "config")
os.environ["FACTCHECK_REVIEWER"] = "Ana Lopez"

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402
from small_png import save_small  # noqa: E402  (beside this script)

from factcheck_app.services.desk import Desk  # noqa: E402

HERE = Path(__file__).resolve().parent


def damaged_workspace() -> Path:
    path = WORK / "election-night.fcdesk"
    desk = Desk.open(path)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        desk.importer.import_file(seed)
    desk.upkeep.backup_now("auto")
    desk.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])  # truncated
    return path


def main() -> int:
    path = damaged_workspace()
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "damaged-workspace.png"
    app = QApplication([sys.argv[0]])
    from factcheck_app.gui.workspace_opener import open_desk

    shot: list[Path] = []

    def grab_the_box() -> None:
        # A box with no parent is a top-level widget, not a child of the application.
        box = next(
            (w for w in app.topLevelWidgets() if w.objectName() == "damagedWorkspaceBox"), None
        )
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(100, grab_the_box)
            return
        save_small(box.grab().toImage(), out)
        shot.append(out)
        box.reject()  # Cancel: nothing is restored or cleaned

    QTimer.singleShot(300, grab_the_box)
    open_desk(path, None)
    if not shot:
        print("the damaged-workspace box did not show", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
