"""The window with a 16 pt font on a 1024×640 screen, as it opens there (984×580: the
screen less room for a title bar and frame), mid-review; and its File menu while an
import, a workspace check and an index rebuild run, Cancel Running Work open
(docs/screenshots/large-font-*.png, docs/accessibility.md).

    xvfb-run -s "-screen 0 1024x640x24" .venv/bin/python docs/screenshots/make_large_font.py OUT
    … make_large_font.py OUT --checkout OTHER   # the same from another checkout (before)

writes OUT-panes-1024x640.png and OUT-file-menu-1024x640.png, in 256 colours. Nothing
of the user's is touched: data, config and QSettings live in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

POINT_SIZE = 16


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", help="the PNGs' path and name, less -panes-1024x640.png")
    parser.add_argument("--checkout", type=Path, default=Path(__file__).resolve().parents[2])
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    # The checkout's own make_window_sizes: it puts that checkout first on the path, and
    # keeps data and settings in a temporary folder.
    sys.path.insert(0, str(args.checkout.resolve() / "docs" / "screenshots"))
    from make_window_sizes import WORK, make_workspace, settle
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QImage
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    large = QFont(app.font())
    large.setPointSize(POINT_SIZE)
    app.setFont(large)  # as a desktop's font settings give it
    from factcheck_app.gui.actions import WHILE_RUNNING
    from factcheck_app.gui.app import make_application
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.desk import Desk

    make_application()
    path = WORK / "large-font.fcdesk"
    second, target = make_workspace(path)
    window = MainWindow(Desk.open(path))
    window.show()
    settle(600)
    window.open_article(second, target)
    window.sentence_view.setFocus()
    settle(1500)  # suggestions and earlier verdicts
    window.statusBar().clearMessage()
    settle(50)

    def shoot(name: str) -> None:
        screen = app.primaryScreen().grabWindow(0).toImage()
        frame = window.frameGeometry()
        shot = screen.copy(frame).convertToFormat(
            QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
        )
        out = f"{args.out}-{name}-1024x640.png"
        shot.save(out)
        panes = window.main_splitter.sizes()
        print(f"wrote {out} ({window.width()}×{window.height()}, panes {panes})")

    shoot("panes")
    for action_id in WHILE_RUNNING:  # as the three jobs run
        window.registry[action_id].setEnabled(True)
    bar = window.menuBar()
    file_menu = bar.actions()[0].menu()
    file_menu.popup(bar.mapToGlobal(bar.actionGeometry(bar.actions()[0]).bottomLeft()))
    settle(400)
    for action in file_menu.actions():  # Cancel Running Work open (where there is one)
        if action.menu() is not None and action.isVisible() and "Running" in action.text():
            file_menu.setActiveAction(action)
            settle(600)
    shoot("file-menu")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
