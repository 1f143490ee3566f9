"""The review panel's sign-off line and history (issue 16) at 1024×640, offscreen:
docs/screenshots/history-panel-1024x640.png.

    .venv/bin/python docs/screenshots/make_history_panel.py

Ana Ruiz checks a sentence, Zoë Ngata returns it with a note, Ana answers, Zoë approves.
Nothing of the user's is touched: data, config and QSettings live in a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# This checkout's factcheck_app, not the one the virtualenv has installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
WORK = Path(tempfile.mkdtemp())
os.environ["FACTCHECK_DATA_DIR"] = str(WORK / "data")
os.environ["XDG_CONFIG_HOME"] = str(WORK / "config")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from small_png import save_small  # noqa: E402  (beside this script)

from factcheck_app.domain.models import Stance, Tag  # noqa: E402
from factcheck_app.services.desk import Desk, NewSource  # noqa: E402

HERE = Path(__file__).resolve().parent


def settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def make_workspace(path: Path) -> int:
    desk = Desk.open(path, reviewer="Ana Ruiz")
    desk.importer.ensure_seeded()
    sentence = desk.reviews.sentence_rows(1)[4].sentence.id
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.reviews.set_text_field(sentence, "claimant", "Azerbaijan's prosecutor")
    desk.reviews.set_verdict(sentence, "unverifiable")
    desk.reviews.set_text_field(
        sentence, "explanation", "The statement gives no source for the number of victims."
    )
    desk.sources.link_source(
        sentence,
        NewSource("https://example.org/prosecutor-statement", "Statement", stance=Stance.CONTEXT),
    )
    desk.edits.actor = "Zoë Ngata"
    desk.sign_offs.send_back(sentence, "Which day's statement? Link the original.")
    desk.edits.actor = "Ana Ruiz"
    desk.reviews.set_text_field(
        sentence,
        "explanation",
        "The statement of 4 October gives no source for the number of victims.",
    )
    desk.edits.actor = "Zoë Ngata"
    desk.sign_offs.approve(sentence)
    desk.close()
    return sentence


def main() -> int:
    app = QApplication(sys.argv)
    from factcheck_app.gui.main_window import MainWindow

    path = WORK / "team.fcdesk"
    sentence = make_workspace(path)
    desk = Desk.open(path, reviewer="Zoë Ngata")
    window = MainWindow(desk)
    window.resize(1024, 640)
    window.show()
    settle(300)
    window.select_sentence(sentence)
    # The history is read once the reviewer stops on a sentence; the list's suggestions
    # come 600 ms after opening, later on a busy machine.
    settle(1500)
    box = window.panel.history_box
    window.panel_scroll.ensureWidgetVisible(box.view)
    settle(100)
    target = HERE / "history-panel-1024x640.png"
    save_small(window.grab().toImage(), target)
    print(f"wrote {target}")
    window.close()
    desk.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
