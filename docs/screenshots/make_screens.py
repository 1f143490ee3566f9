"""The whole screen at 1024×640, 1400×900 and 1920×1080 as a reviewer sees it: the main
window with the search pane, then Link Source and Export over it (issue 15).

Needs a display of the wanted size; the script starts one per size with Xvfb:

    .venv/bin/python docs/screenshots/make_screens.py          # docs/screenshots/screen-*.png

Nothing of the user's is touched: data, config and QSettings live in a temporary folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = ((1024, 640), (1400, 900), (1920, 1080))


def main() -> int:
    for width, height in SIZES:
        subprocess.run(
            [
                "xvfb-run",
                "-a",
                "-s",
                f"-screen 0 {width}x{height}x24",
                sys.executable,
                __file__,
                "--shoot",
                f"{width}x{height}",
            ],
            check=True,
        )
    return 0


def shoot(size: str) -> None:
    sys.path.insert(0, str(HERE.parents[1]))  # this checkout, not an installed one
    work = Path(tempfile.mkdtemp())
    os.environ["FACTCHECK_DATA_DIR"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from factcheck_app.gui.dialogs.export import ExportDialog
    from factcheck_app.gui.dialogs.link_source import LinkSourceDialog, stance_for_verdict
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.desk import Desk

    sys.path.insert(0, str(HERE))
    from make_window_sizes import make_workspace

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    app = QApplication([sys.argv[0]])
    screen = app.primaryScreen()

    def grab(name: str) -> None:
        out = HERE / f"screen-{size}-{name}.png"
        screen.grabWindow(0).save(str(out))
        print(f"wrote {out}")

    path = work / "demo.fcdesk"
    second, target = make_workspace(path)
    desk = Desk.open(path)
    window = MainWindow(desk)
    # Xvfb runs no window manager to maximise it: the window takes the screen itself.
    window.setGeometry(screen.availableGeometry())
    window.show()
    settle(400)
    window.open_article(second, target)
    window.search.open_search()
    window.search_panel.query_edit.setText("Ganja")
    window.search_panel.run_search()
    window.sentence_view.setFocus()
    settle(1500)
    window.statusBar().clearMessage()
    settle(100)
    grab("window")
    row = window.current_row()
    assert row is not None
    link = LinkSourceDialog(
        desk.sources.sources(),
        window,
        sentence=row.sentence.text,
        stance=stance_for_verdict(desk.reviews.review(row.sentence.id).verdict),
    )
    link.show()
    settle(300)
    grab("link-source")
    link.close()
    export = ExportDialog(desk, window.article_id or 1, window)
    export.show()
    settle(600)
    grab("export")
    export.close()
    window.close()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--shoot":
        shoot(sys.argv[2])
    else:
        sys.exit(main())
