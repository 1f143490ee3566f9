"""Files picked in the window's file dialogs, in a locale that is not UTF-8.

Qt 6 names files in UTF-8 whatever the locale (it says so, and switches itself to
C.UTF-8); Python names them in the locale's encoding. In such a locale (an old desktop's
LANG=fr_FR.ISO-8859-1, or LC_ALL=C with PYTHONUTF8=0) a file picked in File → Open Article
whose name or folder had an accent was "café.txt: no such file", a folder picked to
export every article into was not written to, and for a workspace picked in File → Open
Workspace the box said "There is no folder …" and offered a new, empty one in its place
(with LC_ALL=C and PYTHONUTF8=0: the crash box). Each case runs the window in a process
of its own, as the locale is read when Python starts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

FOLDER = "Dossiers été"
ARTICLE = "Élection café.txt"
WORKSPACE = "Rédaction.fcdesk"
EXPORTS = "Exports d’été"

# The window over a workspace; each dialog answers with the name Qt lists for the file
# (its Open dialog shows the folder through the same names), and every box is noted.
SCRIPT = """
import json, os, sys
from pathlib import Path
from PySide6.QtCore import QDir, QEventLoop
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from PySide6.QtGui import QDesktopServices
from factcheck_app.gui.dialogs.export import ExportDialog, start_folder
from factcheck_app.gui.local_files import path_from_qt, path_of
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk

app = QApplication([])
folder = Path(os.environ["PROBE_FOLDER"])
boxes = []
QMessageBox.exec = lambda box: boxes.append(box.text()) or 0

def as_qt_lists(where, part):
    \"\"\"The entry of `where` (as Qt lists it) with `part` in its name.\"\"\"
    listed = QDir(where).entryList(QDir.Filter.AllEntries | QDir.Filter.NoDotAndDotDot)
    return QDir(where).filePath(next(name for name in listed if part in name))

qt_folder = as_qt_lists(QDir.homePath(), "Dossiers")
window = MainWindow(Desk.open(Path(os.environ["PROBE_WORKSPACE"])))
window.show()
article = as_qt_lists(qt_folder, ".txt")
first_offered = []
QFileDialog.getOpenFileNames = staticmethod(
    lambda *a, **k: first_offered.append(a[2]) or ([article], "")
)
loop = QEventLoop()
window.import_finished.connect(lambda outcome: loop.quit())
window.imports.open_article_dialog()
loop.exec()
imported = window.desk.articles.list_articles()

said = ""
if imported:  # every article exported into a folder picked in the chooser
    dialog = ExportDialog(window.desk, imported[0].id)
    dialog.show()
    dialog.set_format("md")
    dialog.all_articles_button.setChecked(True)
    exports = as_qt_lists(qt_folder, "Exports")
    QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: exports)
    dialog.choose_path()
    dialog.export_finished.connect(lambda path: loop.quit())
    dialog.export_button.click()
    if dialog.running:
        loop.exec()
    said = dialog.status_label.text()
    dialog.close()

# File, Open Last Export hands the desktop the folder written to; the next export and
# the next Open Article start in the folders picked.
opened_urls = []
QDesktopServices.openUrl = staticmethod(lambda url: opened_urls.append(url) or True)
window.articles.open_last_export()
offered = []
QFileDialog.getOpenFileNames = staticmethod(lambda *a, **k: offered.append(a[2]) or ([], ""))
window.imports.open_article_dialog()
exports_folder = next(folder.glob("Exports*"))
export_offered = os.path.samefile(start_folder(), exports_folder)

QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (as_qt_lists(qt_folder, ".fcdesk"), ""))
window.workspace.open_dialog()
opened = window.desk.path

# File, Save a Copy of the workspace picked, as the chooser offers it, into its folder.
QFileDialog.getSaveFileName = staticmethod(
    lambda *a, **k: (QDir(qt_folder).filePath(os.path.basename(a[2])), "")
)
window.save_copy._ended.connect(lambda copy: loop.quit())
window.save_copy.save_a_copy()
if window.save_copy.running:
    loop.exec()
copies = [n for n in os.listdir(os.fsencode(folder)) if b"Ana Ruiz" in n]
print(json.dumps({
    "encoding": sys.getfilesystemencoding(),
    "imported": [a.title for a in imported],
    "exported": sorted(os.listdir(next(folder.glob("Exports*")))),
    "export_folders": [name for name in os.listdir(folder) if "Exports" in name],
    "opened_picked": opened is not None and opened.exists() and os.path.samefile(
        opened, next(folder.glob("*daction.fcdesk"))  # the one there, as Python names it
    ),
    "opened_titles": [a.title for a in window.desk.articles.list_articles()],
    "boxes": boxes,
    "copies": [name.decode("utf-8", "replace") for name in copies],  # as the disk has them
    "last_export_opened": [
        os.path.exists(path_of(url)) and os.path.samefile(path_of(url), exports_folder)
        for url in opened_urls
    ],
    "export_offered": export_offered,
    "import_offered": [os.path.samefile(path_from_qt(name), folder) for name in offered],
    "first_offered": [  # nothing picked yet: Documents, in a home folder with an accent
        os.path.samefile(path_from_qt(name), Path.home() / "Documents") for name in first_offered
    ],
    "said": said,
}))
window.desk.close()
"""


def _latin1_locale(tmp_path: Path) -> dict[str, str] | None:
    """A French ISO-8859-1 locale made for the test, where glibc's sources are installed."""
    if shutil.which("localedef") is None or not Path("/usr/share/i18n/locales/fr_FR").exists():
        return None
    (tmp_path / "locales").mkdir()
    made = subprocess.run(
        ["localedef", "-i", "fr_FR", "-f", "ISO-8859-1", str(tmp_path / "locales" / "fr")],
        capture_output=True,
        check=False,
    )
    if not (tmp_path / "locales" / "fr").is_dir():
        return None
    assert made.returncode in (0, 1), made.stderr  # 1: made, with warnings
    return {"LOCPATH": str(tmp_path / "locales"), "LANG": "fr", "LC_ALL": "fr"}


def _run(tmp_path: Path, locale: dict[str, str]) -> dict[str, Any]:
    from factcheck_app.services.desk import Desk

    home = tmp_path / "Ana Pérez"
    (home / "Documents").mkdir(parents=True)
    folder = home / FOLDER
    folder.mkdir(parents=True)
    (folder / EXPORTS).mkdir()
    (folder / ARTICLE).write_text("The minister said 40 schools were built.", encoding="utf-8")
    other = Desk.open(folder / WORKSPACE)
    other.importer.import_text("Our own article of the day, already in the workspace.")
    other.close()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "FACTCHECK_DATA_DIR": str(tmp_path / "data"),
        "FACTCHECK_LOG_DIR": str(tmp_path / "log"),
        "FACTCHECK_REVIEWER": "Ana Ruiz",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": str(ROOT),
        "PROBE_FOLDER": str(folder),
        "PROBE_WORKSPACE": str(tmp_path / "w.fcdesk"),
        **locale,
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    result: dict[str, Any] = json.loads(done.stdout.decode("ascii").strip().splitlines()[-1])
    return result


@pytest.mark.skipif(sys.platform == "win32", reason="Windows names files in UTF-16")
@pytest.mark.parametrize("name", ["C with PYTHONUTF8=0", "fr_FR.ISO-8859-1"])
def test_files_picked_with_accents_open_in_a_locale_that_is_not_utf8(
    tmp_path: Path, name: str
) -> None:
    if name.startswith("C"):
        locale = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    else:
        made = _latin1_locale(tmp_path)
        if made is None:
            pytest.skip("no ISO-8859-1 locale can be made here")
        locale = made
    result = _run(tmp_path, locale)
    assert result["encoding"].replace("-", "").lower() != "utf8"  # the case it is about
    assert result["imported"] == ["The minister said 40 schools were built."], result
    assert len(result["exported"]) == 1, result  # into the folder picked…
    assert len(result["export_folders"]) == 1, result  # …not a new one made beside it
    assert result["opened_picked"], result  # not another, nor the one open before
    assert result["opened_titles"] == ["Our own article of the day, already in the workspace."]
    assert result["boxes"] == []
    assert result["last_export_opened"] == [True], result  # the folder, not a name Qt made up
    assert result["export_offered"], result  # the next export starts where this one went
    assert result["import_offered"] == [True], result  # and Open Article where it opened
    assert result["first_offered"] == [True], result
    # The copy is named after the workspace as its name reads, not its bytes read as Latin-1.
    assert [name.split(" – ")[0] for name in result["copies"]] == ["Rédaction"], result
