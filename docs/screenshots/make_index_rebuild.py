"""Screenshots of the window while the search index is rebuilt beside it: the status bar's
progress and Cancel, and a search waiting for the index; at 1400x900, and at 1024x640
beside the open's notice of verdicts awaiting sign-off.

Uses bench_big_workspace.py's year of work (built once into the temporary folder), its
index set back to an older version's, opened as `run_gui` opens a workspace.

xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/screenshots/make_index_rebuild.py

Saved in 256 of their own colours (small_png).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "bench"))
sys.path.insert(0, str(HERE.parent.parent))  # this checkout's factcheck_app


def main() -> int:
    from bench_big_workspace import cached_workspace

    work = Path(tempfile.mkdtemp())
    os.environ["FACTCHECK_DATA_DIR"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    year = cached_workspace(Path(tempfile.gettempdir()) / "fcdesk-bench-big", 5000, 40, False)
    path = work / "year.fcdesk"
    shutil.copyfile(year, path)
    db = sqlite3.connect(path)
    db.execute("UPDATE settings SET value = '1' WHERE key = 'search_index_version'")
    db.commit()
    db.close()

    from PySide6.QtCore import QEventLoop, QTimer
    from small_png import save_small  # beside this script

    from factcheck_app.gui.actions import ActionId
    from factcheck_app.gui.app import make_application, open_workspace, show_opening_window

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    app = make_application()
    window = show_opening_window(path)
    window.resize(1400, 900)
    open_workspace(window, path, seed=False)
    settle(1500)
    window.registry[ActionId.SEARCH_WORKSPACE].trigger()
    panel = window.search_panel
    panel.query_edit.setText("minister")
    panel.run_search()
    settle(1500)
    # The rebuild's progress whole ("Rebuilding the search index… 2 %"), without the notice
    # of the open (a year of Alice's verdicts awaiting sign-off) beside it.
    window.statusBar().clearMessage()
    settle(50)
    save_small(window.grab().toImage(), HERE / "index-rebuild-1400x900.png")
    window.resize(1024, 640)
    settle(1000)
    # Here beside the notice of the open: the stage gives the message its room and the
    # bar says how far the rebuild is in its own words ("Search index 2 %").
    window.statusBar().showMessage(window.sign_off.awaiting_text())
    settle(300)
    save_small(window.grab().toImage(), HERE / "index-rebuild-1024x640.png")
    print(window.statusBar().currentMessage())
    print(window.rebuild_progress.bar.text(), window.rebuild_progress.bar.value())
    window.close()
    app.quit()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
