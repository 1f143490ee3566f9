"""README's screenshot: the main window at 1024×640 with the sample article mid-review.

A few sentences tagged claim, fact and denial with verdicts and claimants, one marked
nothing to check, one with its explanation and sources as the current sentence. Taken with
QWidget.grab() offscreen, so neither a display nor ImageMagick is needed:

    .venv/bin/python docs/screenshots/make_main_window.py [OUT.png]  # default: main-window.png

Nothing of the user's is touched: data, config and QSettings live in a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# This checkout's factcheck_app, not the one the virtualenv has installed (e.g. in editable
# mode from another worktree): the picture must show the code beside the script.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
WORK = Path(tempfile.mkdtemp())
os.environ["FACTCHECK_DATA_DIR"] = str(WORK / "data")
os.environ["XDG_CONFIG_HOME"] = str(WORK / "config")
os.environ["FACTCHECK_REVIEWER"] = "Ana Lopez"  # no first-start name question

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from small_png import save_small  # noqa: E402  (beside this script)

from factcheck_app.domain.models import Stance, Tag  # noqa: E402
from factcheck_app.services.desk import Desk, NewSource  # noqa: E402

HERE = Path(__file__).resolve().parent
SIZE = (1024, 640)


def settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def make_workspace(path: Path) -> tuple[int, int]:
    """The sample article (seeds/) half reviewed; returns its id and the sentence to show."""
    desk = Desk.open(path)
    desk.importer.ensure_seeded()
    article_id = desk.articles.list_articles()[0].id
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(article_id)]
    reviews = desk.reviews
    reviews.set_tag(ids[0], Tag.CLAIM)
    reviews.set_verdict(ids[0], "mostly_true")
    reviews.set_text_field(ids[0], "claimant", "Turkish Foreign Ministry")
    reviews.set_tag(ids[1], Tag.FACT)
    reviews.set_verdict(ids[1], "true")
    reviews.set_tag(ids[2], Tag.FACT)
    reviews.set_verdict(ids[2], "true")
    reviews.set_tag(ids[3], None)  # X: nothing to check
    reviews.set_tag(ids[4], Tag.CLAIM)
    reviews.set_verdict(ids[4], "unverifiable")
    reviews.set_text_field(ids[4], "claimant", "Baku")
    reviews.set_text_field(
        ids[4],
        "explanation",
        "Azerbaijan's prosecutor general gave the same toll; no independent count was "
        "available on October 4. Hospital figures published later agree within two.",
    )
    desk.sources.link_source(
        ids[4],
        NewSource(
            url="https://example.org/prosecutor-statement",
            title="Statement on the shelling of Ganja",
            publisher="Prosecutor General of Azerbaijan",
            stance=Stance.SUPPORTS,
            excerpt="one civilian was killed and 32 wounded",
        ),
    )
    desk.sources.link_source(
        ids[4],
        NewSource(
            url="https://example.org/hospital-report",
            title="Ganja hospital admissions",
            publisher="Local health authority",
            stance=Stance.CONTEXT,
        ),
    )
    reviews.set_tag(ids[5], Tag.DENIAL)
    reviews.set_text_field(ids[5], "claimant", "Yerevan")
    reviews.set_denies(ids[5], ids[4])
    desk.close()
    return article_id, ids[4]


def shoot(out: Path) -> None:
    app = QApplication([sys.argv[0]])  # QSettings land in XDG_CONFIG_HOME, set above
    from factcheck_app.gui.main_window import MainWindow

    path = WORK / "demo.fcdesk"
    article_id, current = make_workspace(path)
    window = MainWindow(Desk.open(path))
    window.resize(*SIZE)
    window.show()
    settle(300)
    window.open_article(article_id, current)
    window.sentence_view.setFocus()
    settle(1500)  # suggestions (600 ms after opening) and earlier verdicts (150 ms)
    window.statusBar().clearMessage()
    settle(50)
    save_small(window.grab().toImage(), out)
    print(f"wrote {out}")
    window.close()
    app.quit()


if __name__ == "__main__":
    shoot(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "main-window.png")
