"""What a command that writes says when it has written: one line naming what it wrote,
on stdout when stdout is not itself the export, so a script and a person at a terminal
both know what happened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.services import settings
from factcheck_app.services.desk import Desk
from tests.sample_review import apply_sample_review


@pytest.fixture
def workspace(seeded_desk: Desk) -> str:
    """A closed workspace: the reviewed sample article (12 sentences) and a second one."""
    apply_sample_review(seeded_desk, 1)
    seeded_desk.importer.import_text("Second article. It has two sentences.")
    path = seeded_desk.path
    seeded_desk.close()
    return str(path)


def done_in_article_1(workspace: str, capsys: pytest.CaptureFixture[str]) -> int:
    assert run(["list", "-w", workspace]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    done, total = line.rsplit("\t", 1)[1].split("/")
    assert total == "12"
    return int(done)


def test_an_export_to_a_file_says_what_it_wrote_on_stdout(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = done_in_article_1(workspace, capsys)
    out = tmp_path / "report.html"
    assert run(["export", "-w", workspace, "--article", "1", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == (f"Wrote {out}: HTML report of 1 article, 12 sentences ({done} done).\n")
    assert captured.err == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_summary_to_a_file_counts_every_article(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = done_in_article_1(workspace, capsys)
    out = tmp_path / "summary.csv"
    assert run(["export", "-w", workspace, "--format", "summary-csv", "-o", str(out)]) == 0
    assert capsys.readouterr().out == (
        f"Wrote {out}: CSV summary of 2 articles, 14 sentences ({done} done).\n"
    )


def test_export_all_says_each_file_it_wrote(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    assert run(["export", "-w", workspace, "--all", "--format", "md", "-o", str(folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[1] == (
        f"Wrote {folder / 'factcheck-2-second-article.md'}: Markdown report of 1 article, "
        "2 sentences (0 done)."
    )
    assert all(Path(line.split(": ")[0].removeprefix("Wrote ")).is_file() for line in lines)


def test_an_export_to_stdout_is_the_export_alone(
    workspace: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["export", "-w", workspace, "--article", "2", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["progress"]["total"] == 2  # nothing but the JSON
    assert captured.err == ""


def test_saving_the_publishing_settings_says_so(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.md"
    args = ["export", "-w", workspace, "--article", "2", "-o", str(out)]
    assert run([*args, "--publisher", "Daily Check", "--save-settings"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "Stored the publisher name in the workspace.\n"
    assert captured.out.startswith(f"Wrote {out}: ")
    desk = Desk.open(Path(workspace), read_only=True)
    try:
        assert settings.get_setting(desk, settings.PUBLISHER_NAME) == "Daily Check"
    finally:
        desk.close()


def test_save_settings_with_nothing_to_store_says_so(
    workspace: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["export", "-w", workspace, "--article", "2", "--format", "md", "--save-settings"]
    assert run(args) == 0
    err = capsys.readouterr().err
    assert err.startswith("factcheck-app: note: nothing to store:") and err.count("\n") == 1


def test_export_all_of_a_workspace_without_articles_says_so(
    desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It printed nothing and made an empty folder: a script could not tell it from a
    workspace whose export had gone wrong."""
    path = str(desk.path)
    desk.close()
    folder = tmp_path / "reports"
    assert run(["export", "-w", path, "--all", "--format", "md", "-o", str(folder)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "The workspace has no articles: nothing was written.\n"
    assert not folder.exists()
