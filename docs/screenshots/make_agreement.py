"""Screenshot of Review → Agreement over the window at 1024×640, taken with QWidget.grab().

QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python docs/screenshots/make_agreement.py

Three reviewers' own reviews of the sample article are written straight into a demo
workspace (as a merge of their files would leave them).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication
from small_png import save_small  # beside this script

HERE = Path(__file__).resolve().parent
# (tag, verdict) per sentence for each reviewer: Priya and Max mostly agree; Lena checked
# only the first half of the article.
CLAIM, DENIAL, FACT = "claim", "denial", "fact"
REVIEWS = {
    "Priya Natarajan": [
        (CLAIM, "mixed"),
        (FACT, "true"),
        (CLAIM, "mostly_false"),
        (DENIAL, None),
        (CLAIM, "unverifiable"),
        (DENIAL, "false"),
        (FACT, None),
        (None, None),
        (CLAIM, "mostly_true"),
        (FACT, "true"),
        (None, None),
        (CLAIM, "false"),
    ],
    "Max Olsen": [
        (CLAIM, "mixed"),
        (FACT, "true"),
        (CLAIM, "false"),
        (DENIAL, None),
        (CLAIM, "unverifiable"),
        (CLAIM, "false"),
        (FACT, None),
        (None, None),
        (CLAIM, "mostly_true"),
        (FACT, "mostly_true"),
        (None, None),
        (CLAIM, "false"),
    ],
    "Lena Weber": [
        (CLAIM, "mostly_false"),
        (FACT, "true"),
        (CLAIM, "mostly_false"),
        (DENIAL, None),
        (CLAIM, "unverifiable"),
        (DENIAL, "false"),
    ],
}


def settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    work = Path(tempfile.mkdtemp())
    os.environ["FACTCHECK_DATA_DIR"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ["FACTCHECK_REVIEWER"] = "Priya Natarajan"
    from factcheck_app.domain.models import Review, Status, Tag
    from factcheck_app.services.desk import Desk

    path = work / "newsroom.fcdesk"
    desk = Desk.open(path)
    desk.importer.ensure_seeded()
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    with desk.repo.db.atomic():
        for reviewer, labels in REVIEWS.items():
            for sentence_id, (tag, verdict) in zip(ids, labels, strict=False):
                desk.repo.reviews.save_version(
                    Review(
                        sentence_id,
                        Tag(tag) if tag else None,
                        verdict,
                        status=Status.DONE,
                        reviewer=reviewer,
                        updated_at="2026-12-01T10:00:00+00:00",
                    )
                )
    desk.close()

    from factcheck_app.gui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    window = MainWindow(Desk.open(path))
    window.resize(1024, 640)
    window.show()
    settle(300)
    window.team.show_agreement()
    panel = window.team.panel
    assert panel is not None
    panel.resize(760, 470)
    panel.move(window.x() + 240, window.y() + 120)
    settle(400)
    panel.pair_view.selectRow(0)
    panel.disagreement_view.setFocus()
    panel.disagreement_view.selectRow(0)
    settle(200)
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "agreement-panel.png"
    # The window at 1024×640 with the panel over it, as a reviewer sees the two.
    shot = window.grab()
    painter = QPainter(shot)
    painter.drawPixmap(panel.x() - window.x(), panel.y() - window.y(), panel.grab())
    painter.end()
    save_small(shot.toImage(), out)
    print(f"wrote {out}")
    panel.close()
    window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
