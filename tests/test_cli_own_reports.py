"""`factcheck-app import -w W FOLDER` on a folder holding the day's articles and the
reports exported from them: the articles come in, each report is refused in a line
naming it, and the exit status says files were refused (the real entry point, parser
worker included)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from factcheck_app.services.desk import Desk
from tests.own_reports import STORY, export_every_kind, refusal

COUNCIL = "The council met on Tuesday. It approved the budget by nine votes to two.\n"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck_app", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def test_a_folder_of_articles_and_reports_imports_the_articles_and_names_each_report(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "today"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    made = tmp_path / "made.fcdesk"
    desk = Desk.open(made)
    try:
        article = desk.importer.import_file(folder / "story.txt").article_id
        reports = export_every_kind(desk, article, folder)
    finally:
        desk.close()
    (folder / "council.txt").write_text(COUNCIL, encoding="utf-8")
    workspace = tmp_path / "next-day.fcdesk"

    imported = _cli("import", "-w", str(workspace), str(folder))

    assert imported.returncode == 1, imported.stderr
    refused = [line for line in imported.stderr.splitlines() if "verdict report" in line]
    assert refused == [f"factcheck-app: {refusal(name)}" for name in reports]
    listed = _cli("list", "-w", str(workspace))
    assert listed.returncode == 0, listed.stderr
    titles = [line.split("\t")[1] for line in listed.stdout.splitlines()]
    assert sorted(titles) == ["Mayor opens bridge", "The council met on Tuesday."]


def test_a_report_named_on_its_own_is_refused_and_the_workspace_keeps_its_article(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "today"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    made = tmp_path / "made.fcdesk"
    desk = Desk.open(made)
    try:
        export_every_kind(desk, desk.importer.import_file(folder / "story.txt").article_id, folder)
    finally:
        desk.close()

    imported = _cli("import", "-w", str(made), str(folder / "report.pdf"))

    assert imported.returncode == 1
    assert imported.stderr.strip() == f"factcheck-app: {refusal('report.pdf')}"
    listed = _cli("list", "-w", str(made))
    assert [line.split("\t")[1] for line in listed.stdout.splitlines()] == ["Mayor opens bridge"]


def test_a_reports_text_piped_to_import_comes_in_as_a_paste_does(tmp_path: Path) -> None:
    # `import -` is the command line's paste (`pbpaste | factcheck-app import -w W -`):
    # it said "standard input: The file is a verdict report …", of no file.
    folder = tmp_path / "today"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    made = tmp_path / "made.fcdesk"
    desk = Desk.open(made)
    try:
        export_every_kind(desk, desk.importer.import_file(folder / "story.txt").article_id, folder)
    finally:
        desk.close()
    workspace = tmp_path / "next-day.fcdesk"

    imported = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "import", "-w", str(workspace), "-"],
        input=(folder / "report.md").read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )

    assert imported.returncode == 0, imported.stderr
    assert "verdict report" not in imported.stderr
    listed = _cli("list", "-w", str(workspace))
    assert len(listed.stdout.splitlines()) == 1, listed.stdout
