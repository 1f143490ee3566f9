"""Screenshot of earlier verdicts and the search panel, taken with QWidget.grab()
offscreen, so no display is needed:

    .venv/bin/python docs/screenshots/make_search.py [OUT.png]
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

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from small_png import save_small  # beside this script

from factcheck_app.domain.models import Stance, Tag
from factcheck_app.services.desk import Desk, NewSource

HERE = Path(__file__).resolve().parent
REWORDED = (
    "Azerbaijan's prosecutor said on Monday that Armenian shelling of Ganja had killed "
    "1 civilian and wounded thirty-two people.\n\n"
    "Yerevan again denied firing at the city. Talks in Geneva are expected next week."
)


def settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    work = Path(tempfile.mkdtemp())
    os.environ["FACTCHECK_DATA_DIR"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    path = work / "demo.fcdesk"
    desk = Desk.open(path)
    desk.importer.ensure_seeded()
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    desk.reviews.set_tag(ids[4], Tag.CLAIM)
    desk.reviews.set_verdict(ids[4], "unverifiable")
    desk.reviews.set_text_field(ids[4], "claimant", "Baku")
    desk.reviews.set_text_field(
        ids[4],
        "explanation",
        "Azerbaijan's prosecutor general gave the same toll; no independent count was "
        "available on October 4.",
    )
    desk.sources.link_source(
        ids[4],
        NewSource(
            url="https://example.org/prosecutor-statement",
            title="Statement on the shelling of Ganja",
            stance=Stance.SUPPORTS,
        ),
    )
    desk.reviews.set_tag(ids[5], Tag.DENIAL)
    desk.reviews.set_verdict(ids[5], "mixed")
    desk.reviews.set_text_field(ids[5], "claimant", "Yerevan")
    second = desk.importer.import_text(REWORDED, source_name="prosecutor.txt").article_id
    target = desk.reviews.sentence_rows(second)[0].sentence.id
    desk.close()

    from factcheck_app.gui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    window = MainWindow(Desk.open(path))
    window.resize(1280, 800)
    window.show()
    settle(300)
    window.open_article(second, target)
    window.search.open_search()
    window.search_panel.query_edit.setText("Ganja")
    window.search_panel.run_search()
    window.sentence_view.setFocus()
    settle(400)
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "earlier-verdicts-and-search.png"
    save_small(window.grab().toImage(), out)
    print(f"wrote {out}")
    window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
