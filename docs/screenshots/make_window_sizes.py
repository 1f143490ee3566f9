"""The window at 1024×640, 1400×900 and 1920×1080, offscreen (docs/screenshots/window-*.png),
and to compare before and after a change.

An article is open, a sentence is selected (with its suggestion and earlier verdicts shown)
and the search pane is open with results. Taken with QWidget.grab(), so no display is needed:

    .venv/bin/python docs/screenshots/make_window_sizes.py PREFIX  # PREFIX-1024x640.png, …
    .venv/bin/python docs/screenshots/make_window_sizes.py --compare A B  # pixels that differ

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

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from factcheck_app.domain.models import Stance, Tag  # noqa: E402
from factcheck_app.services.desk import Desk, NewSource  # noqa: E402

SIZES = ((1024, 640), (1400, 900), (1920, 1080))
REWORDED = (
    "Azerbaijan's prosecutor said on Monday that Armenian shelling of Ganja had killed "
    "1 civilian and wounded thirty-two people.\n\n"
    "Yerevan again denied firing at the city. Talks in Geneva are expected next week."
)


def settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def make_workspace(path: Path) -> tuple[int, int]:
    desk = Desk.open(path)
    desk.importer.ensure_seeded()
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    desk.reviews.set_tag(ids[0], Tag.CLAIM)
    desk.reviews.set_verdict(ids[0], "mostly_true")
    desk.reviews.set_text_field(ids[0], "claimant", "Turkish Foreign Ministry")
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
    return second, target


def shoot(prefix: str) -> None:
    app = QApplication([sys.argv[0]])  # QSettings land in XDG_CONFIG_HOME, set above
    from factcheck_app.gui.main_window import MainWindow

    for width, height in SIZES:
        path = WORK / f"demo-{width}.fcdesk"
        second, target = make_workspace(path)
        window = MainWindow(Desk.open(path))
        window.resize(width, height)
        window.show()
        settle(300)
        window.open_article(second, target)
        window.search.open_search()
        window.search_panel.query_edit.setText("Ganja")
        window.search_panel.run_search()
        window.sentence_view.setFocus()
        settle(1500)  # suggestions (600 ms after opening) and earlier verdicts (150 ms)
        window.statusBar().clearMessage()
        settle(50)
        out = Path(f"{prefix}-{width}x{height}.png")
        window.grab().save(str(out))
        print(f"wrote {out}")
        window.close()
    app.quit()


def compare(first: str, second: str) -> int:
    """Print how many pixels differ between two PNGs; 0 means identical."""
    a, b = QImage(first), QImage(second)
    if a.size() != b.size():
        print(f"{first}: {a.width()}×{a.height()}, {second}: {b.width()}×{b.height()}")
        return 1
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    differ = sum(
        1 for y in range(a.height()) for x in range(a.width()) if a.pixel(x, y) != b.pixel(x, y)
    )
    print(f"{first} vs {second}: {differ} of {a.width() * a.height()} pixels differ")
    return 1 if differ else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    shoot(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).parent / "window"))
