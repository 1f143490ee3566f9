"""Each PDF export frees its Qt PDF writer. Handing the writer to the document's layout as
its paint device gave it to Qt (PySide's rule for `setPaintDevice`), which never deletes
it: every PDF written kept its writer, and its engine's state, to the end of the process
(about 10 kB a short report; `export --all` of a year's 5,000 articles grew by 45 MB)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtGui import QPdfWriter
from pytestqt.qtbot import QtBot

from factcheck_app.gui.pdf_report import write_pdf
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports.model import ExportCancelled, load_article_report
from tests.sample_review import apply_sample_review


def writers_alive() -> int:
    gc.collect()
    return sum(isinstance(thing, QPdfWriter) for thing in gc.get_objects())


def test_a_pdf_written_leaves_no_writer_behind(
    seeded_desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    apply_sample_review(seeded_desk, 1)
    report = load_article_report(seeded_desk, 1)
    before = writers_alive()

    for number in range(3):
        assert write_pdf(report, tmp_path / f"report-{number}.pdf") >= 2

    assert writers_alive() == before
    assert (tmp_path / "report-2.pdf").read_bytes().rstrip().endswith(b"%%EOF")


def test_a_pdf_stopped_leaves_no_writer_behind(
    seeded_desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    apply_sample_review(seeded_desk, 1)
    report = load_article_report(seeded_desk, 1)
    before = writers_alive()
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 3  # Stop pressed while the pages are painted

    with pytest.raises(ExportCancelled):
        write_pdf(report, tmp_path / "report.pdf", cancel=cancel)

    assert writers_alive() == before and not (tmp_path / "report.pdf").exists()
