"""The window, the review panel, the search pane and every dialog at a display scale of
150 % and 200 % (QT_SCALE_FACTOR), at a logical 1024×640 and 1280×800: to look for text
cut off, blurred drawing or a misplaced highlight before a release (docs/accessibility.md).

    .venv/bin/python docs/screenshots/make_scaled.py OUT_DIR     # OUT_DIR/<scale>/<name>-<size>.png

Each scale runs in its own Xvfb screen (xvfb-run), large enough for the logical size.
Nothing of the user's is touched: data, config and QSettings live in a temporary folder.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCALES = ("1.5", "2")
SIZES = ((1024, 640), (1280, 800))


def main(out: Path) -> int:
    for scale in SCALES:
        for width, height in SIZES:
            screen = f"{round(width * float(scale))}x{round(height * float(scale))}"
            subprocess.run(
                [
                    "xvfb-run",
                    "-a",
                    "-s",
                    f"-screen 0 {screen}x24",
                    sys.executable,
                    __file__,
                    "--shoot",
                    str(out / scale),
                    f"{width}x{height}",
                ],
                env={**os.environ, "QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": "xcb"},
                check=True,
            )
    return 0


def shoot(out: Path, size: str) -> None:
    sys.path.insert(0, str(HERE.parents[1]))  # this checkout, not an installed one
    sys.path.insert(0, str(HERE))
    work = Path(tempfile.mkdtemp())
    os.environ["FACTCHECK_DATA_DIR"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    from make_window_sizes import make_workspace
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from factcheck_app.domain.models import Status, Tag
    from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog
    from factcheck_app.gui.dialogs.export import ExportDialog
    from factcheck_app.gui.dialogs.help import ShortcutsDialog
    from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
    from factcheck_app.gui.dialogs.restore import RestoreBackupDialog
    from factcheck_app.gui.dialogs.return_note import ReturnNoteDialog
    from factcheck_app.gui.dialogs.reviewer_name import ReviewerNameDialog
    from factcheck_app.gui.dialogs.split import SplitSentenceDialog
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.desk import Desk

    width, height = (int(part) for part in size.split("x"))
    out.mkdir(parents=True, exist_ok=True)

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def grab(widget: QWidget, name: str) -> None:
        path = out / f"{name}-{size}.png"
        widget.grab().save(str(path))
        print(f"wrote {path}")

    QApplication([sys.argv[0]])
    path = work / "demo.fcdesk"
    second, target = make_workspace(path)
    desk = Desk.open(path)
    window = MainWindow(desk)
    window.resize(width, height)
    window.show()
    settle(400)
    window.show_welcome(sample=True)
    settle(100)
    grab(window, "welcome")
    window.welcome.hide()
    window.open_article(second, target)
    window.search.open_search()
    window.search_panel.query_edit.setText("Ganja")
    window.search_panel.run_search()
    window.sentence_view.setFocus()
    settle(1500)  # suggestions and earlier verdicts
    window.statusBar().clearMessage()
    settle(50)
    grab(window, "window")
    grab(window.panel, "panel")
    grab(window.search_panel, "search")
    row = window.current_row()
    assert row is not None and window.article_id is not None
    desk.upkeep.backup_now()
    for name, dialog in (
        (
            "link-source",
            LinkSourceDialog(desk.sources.sources(), window, sentence=row.sentence.text),
        ),
        (
            "article-properties",
            ArticlePropertiesDialog(desk.articles.article_metadata(window.article_id), window),
        ),
        ("export", ExportDialog(desk, window.article_id, window)),
        ("shortcuts", ShortcutsDialog(window)),
        ("restore", RestoreBackupDialog(path, window)),
        ("return-note", ReturnNoteDialog(row.sentence.text, "Ann", window)),
        ("reviewer", ReviewerNameDialog("Ann Example", "AE", first_start=True, parent=window)),
        (
            "split",
            SplitSentenceDialog(
                "The first part", "the second.", has_review=True, has_sources=True, parent=window
            ),
        ),
    ):
        dialog.show()
        settle(400)
        grab(dialog, name)
        if isinstance(dialog, ExportDialog):
            dialog.set_format("pdf")
            settle(600)
            grab(dialog, "export-pdf")
        dialog.close()
    # Two reviewers' versions of the current sentence, as a merge leaves them.
    review = desk.reviews.review(row.sentence.id)
    versions = [
        dataclasses.replace(review, reviewer=name, tag=tag, verdict=verdict, status=Status.CONFLICT)
        for name, tag, verdict in (("Ann", Tag.CLAIM, "false"), ("Bob", Tag.FACT, "true"))
    ]
    window.panel.versions_for = lambda _sentence_id: versions
    window.panel.show_review(versions[0])
    settle(200)
    grab(window, "conflict")
    window.close()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--shoot":
        shoot(Path(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) == 2:
        sys.exit(main(Path(sys.argv[1])))
    else:
        sys.exit(__doc__)
