"""The window with a 16 pt font and a dark desktop theme on a 1024×640 screen: the Review
menu with its Verdict submenu open, and a denial's suggestion with a language note
(docs/screenshots/large-font-review-menu-1024x640.png and
large-font-suggestion-1024x640.png, docs/accessibility.md "A day at 16 pt, looked at").

    xvfb-run -s "-screen 0 1024x640x24" \
        .venv/bin/python docs/screenshots/make_large_font_dark.py [DIR]   # default: beside it

The dark theme is Fusion with the dark-desktop tests' palette (tests/gui/dark_theme.py).
The window fills the screen (no window manager under Xvfb); the screen is grabbed, menus and
all, and saved in 256 of its own colours (small_png). Nothing of the user's is touched:
data, config and QSettings live in a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

# This checkout's factcheck_app, not the one the virtualenv has installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
WORK = Path(tempfile.mkdtemp())
os.environ["FACTCHECK_DATA_DIR"] = str(WORK / "data")
os.environ["XDG_CONFIG_HOME"] = str(WORK / "config")
os.environ["FACTCHECK_REVIEWER"] = "Ana Lopez"  # no first-start name question

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyleFactory  # noqa: E402
from small_png import save_small  # noqa: E402  (beside this script)

from factcheck_app.domain.models import Tag  # noqa: E402
from factcheck_app.services.desk import Desk  # noqa: E402
from tests.gui.dark_theme import dark_palette  # noqa: E402  (the dark-desktop tests' theme)

if TYPE_CHECKING:
    from factcheck_app.gui.main_window import MainWindow

HERE = Path(__file__).resolve().parent
POINT_SIZE = 16
SIZE = (1024, 640)


def settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def dark_desktop(app: QApplication) -> None:
    """Fusion, the dark palette (disabled text grey) and a 16 pt font, as a desktop gives."""
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(dark_palette())
    large = QFont(app.font())
    large.setPointSize(POINT_SIZE)
    app.setFont(large)


def sample(path: Path) -> tuple[Desk, int, list[int]]:
    """A workspace with the sample article (seeds/); its id and its sentences' ids."""
    desk = Desk.open(path)
    desk.importer.ensure_seeded()
    article_id = desk.articles.list_articles()[0].id
    return desk, article_id, [r.sentence.id for r in desk.reviews.sentence_rows(article_id)]


def menu_workspace(path: Path) -> tuple[int, int]:
    """Three sentences reviewed; the second current."""
    desk, article_id, ids = sample(path)
    desk.reviews.set_tag(ids[0], Tag.CLAIM)
    desk.reviews.set_verdict(ids[0], "mostly_true")
    for sentence_id in ids[1:3]:
        desk.reviews.set_tag(sentence_id, Tag.FACT)
        desk.reviews.set_verdict(sentence_id, "true")
    desk.close()
    return article_id, ids[1]


# A French story: the desk's cues for French are a few denial and attribution words,
# and its suggestions say so in a note under them.
FRENCH = (
    "Le maire de Lyon a déclaré lundi que la ville a ouvert 40 écoles en 2024.",
    "L'opposition affirme que seules 12 ont ouvert et que les autres sont en travaux.",
    "Le ministère de l'Éducation a démenti que les chiffres du maire soient gonflés.",
    "Les travaux ont coûté 30 millions d'euros, selon le rapport annuel de la ville.",
    "Le débat reprendra jeudi au conseil municipal.",
)
DENIAL = 2  # sentence 3 in the window


def suggestion_workspace(path: Path) -> tuple[int, int]:
    """The French story, nothing reviewed; its denial current."""
    desk = Desk.open(path)
    article_id = desk.importer.import_text("\n\n".join(FRENCH), source_name="lyon.txt").article_id
    denial = desk.reviews.sentence_rows(article_id)[DENIAL].sentence.id
    print("language:", desk.articles.article_language(article_id))
    desk.close()
    return article_id, denial


def open_window(path: Path, article_id: int, current: int) -> MainWindow:
    from factcheck_app.gui.main_window import MainWindow

    window = MainWindow(Desk.open(path))
    window.move(0, 0)
    window.resize(*SIZE)
    window.show()
    settle(600)
    window.open_article(article_id, current)
    window.sentence_view.setFocus()
    settle(1500)  # suggestions and earlier verdicts
    window.statusBar().clearMessage()
    settle(50)
    return window


def shoot(app: QApplication, out: Path) -> None:
    save_small(app.primaryScreen().grabWindow(0).toImage(), out)
    print(f"wrote {out}")


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    app = QApplication([sys.argv[0]])  # QSettings land in XDG_CONFIG_HOME, set above
    dark_desktop(app)
    from factcheck_app.gui.app import make_application

    make_application()

    window = open_window(WORK / "menu.fcdesk", *menu_workspace(WORK / "menu.fcdesk"))
    bar = window.menuBar()
    review = next(a for a in bar.actions() if a.text().replace("&", "") == "Review")
    menu = review.menu()
    menu.popup(bar.mapToGlobal(bar.actionGeometry(review).bottomLeft()))
    settle(400)
    verdict = next(a for a in menu.actions() if a.text().replace("&", "") == "Verdict")
    menu.setActiveAction(verdict)
    settle(600)
    shoot(app, folder / "large-font-review-menu-1024x640.png")
    menu.close()
    window.close()
    settle(200)

    path = WORK / "suggestion.fcdesk"
    window = open_window(path, *suggestion_workspace(path))
    shoot(app, folder / "large-font-suggestion-1024x640.png")
    window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
