"""A desktop whose font configuration lists no font (a broken or emptied fontconfig: a
user's fonts.conf with an error, FONTCONFIG_FILE set by a locked-down session).

The window showed every word as an empty box, menus, articles and messages alike, and
said nothing; the PDF export refused for want of a font. The font files were still in
the system's font folders: the desk now loads them itself. Each test runs the desk in a
process of its own, as fontconfig is read once per process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import REPO_ROOT, SEED_FILE

FONT_FILES = [
    p for p in Path("/usr/share/fonts").rglob("*") if p.suffix.lower() in (".ttf", ".otf")
]
pytestmark = [
    pytest.mark.skipif(sys.platform != "linux", reason="fontconfig is the Linux desktop's"),
    pytest.mark.skipif(not FONT_FILES, reason="no font files in /usr/share/fonts"),
]

FONTS_SHOWN = """
from PySide6.QtGui import QFontInfo
from factcheck_app import logs
from factcheck_app.gui.app import make_application
logs.setup("window")  # as the window starts
app = make_application()
print(QFontInfo(app.font()).family())
"""


def no_font_config(tmp_path: Path) -> dict[str, str]:
    """The environment of a session whose fontconfig lists no font at all."""
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
    return {
        **os.environ,
        "FONTCONFIG_FILE": str(config),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "FACTCHECK_DATA_DIR": str(tmp_path / "data"),
        "FACTCHECK_LOG_DIR": str(tmp_path / "log"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),  # fontconfig's cache, not the real one
        "PYTHONPATH": str(REPO_ROOT),
    }


def test_the_window_draws_its_text_in_a_real_font(tmp_path: Path) -> None:
    env = no_font_config(tmp_path)
    shown = subprocess.run(
        [sys.executable, "-c", FONTS_SHOWN], env=env, capture_output=True, text=True, timeout=60
    )
    assert shown.returncode == 0, shown.stderr
    family = shown.stdout.strip()
    assert family and family not in ("Sans Serif", "Serif", "Monospace"), family
    log = (tmp_path / "log" / "factcheck-desk.log").read_text(encoding="utf-8")
    assert "font files loaded" in log


def test_the_pdf_report_is_written_with_its_text(tmp_path: Path) -> None:
    env = no_font_config(tmp_path)
    out = tmp_path / "report.pdf"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "factcheck_app", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)

    made = cli("import", "-w", str(tmp_path / "w.fcdesk"), str(SEED_FILE))
    assert made.returncode == 0, made.stderr
    written = cli("export", "-w", str(tmp_path / "w.fcdesk"), "--article", "1", "-o", str(out))
    assert written.returncode == 0, written.stderr
    assert "Ganja" in " ".join(page.extract_text() for page in PdfReader(out).pages)
