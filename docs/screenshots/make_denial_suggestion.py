"""A denial's suggestion naming the claim A would record ("answers #14"), at 1024×640,
offscreen (docs/screenshots/denial-suggestion-answers-1024x640.png, docs/assist.md):

    .venv/bin/python docs/screenshots/make_denial_suggestion.py [OUT.png]

The wire story of tests/domain/test_assist.py, one sentence a paragraph; sentence 12 (the
denial) current. Nothing of the user's is touched: data, config and QSettings live in a
temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# This checkout's factcheck_app (and its tests' story), not an installed one.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
WORK = Path(tempfile.mkdtemp())
os.environ["FACTCHECK_DATA_DIR"] = str(WORK / "data")
os.environ["XDG_CONFIG_HOME"] = str(WORK / "config")
os.environ["FACTCHECK_REVIEWER"] = "Ana Lopez"  # no first-start name question

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from small_png import save_small  # noqa: E402  (beside this script)

from factcheck_app.services.desk import Desk  # noqa: E402
from tests.domain.test_assist import WIRE_STORY  # noqa: E402

HERE = Path(__file__).resolve().parent
DENIAL = 11  # sentence 12 in the window


def settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    path = WORK / "wire.fcdesk"
    desk = Desk.open(path)
    article_id = desk.importer.import_text(
        "\n\n".join(WIRE_STORY), source_name="eastaqua.txt"
    ).article_id
    denial = desk.reviews.sentence_rows(article_id)[DENIAL].sentence.id
    desk.close()

    app = QApplication([sys.argv[0]])  # QSettings land in XDG_CONFIG_HOME, set above
    from factcheck_app.gui.main_window import MainWindow

    window = MainWindow(Desk.open(path))
    window.resize(1024, 640)
    window.show()
    settle(300)
    window.open_article(article_id, denial)
    window.sentence_view.setFocus()
    settle(1500)  # suggestions come 600 ms after opening
    window.statusBar().clearMessage()
    settle(50)
    out = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "denial-suggestion-answers-1024x640.png"
    )
    save_small(window.grab().toImage(), out)
    print(f"wrote {out}")
    window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
