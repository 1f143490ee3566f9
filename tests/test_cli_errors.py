"""Tracebacks of issue 12 item 13 that are now one sentence each (through the real entry
point; the damaged-value and review-file cases live in tests/storage/test_damaged_values.py
and tests/services/test_review_import_hostile.py)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from tests.closed_folder import close_folder
from tests.conftest import SEED_FILE
from tests.storage.test_writer_lock import assert_one_sentence, cli


def _workspace(tmp_path: Path) -> Path:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path)
    desk.importer.import_file(SEED_FILE)
    desk.reviews.set_tag(desk.reviews.sentence_rows(1)[1].sentence.id, Tag.FACT)
    desk.close()
    return path


def test_a_damaged_search_index_is_one_sentence(tmp_path: Path) -> None:
    path = _workspace(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM search_index_data WHERE id > 10")  # its leaves, not its structure
    conn.commit()
    conn.close()
    assert_one_sentence(cli("search", "-w", path, "Ganja"), "damaged", "Check Workspace")
    assert cli("list", "-w", path).returncode == 0  # what does not need the index still works
    desk = Desk.open(path)
    try:
        report = desk.upkeep.check()  # Check Workspace rebuilds it
        assert any("rebuilt" in line for line in report.lines)
        assert desk.lookup.search("Ganja").total > 0
    finally:
        desk.close()


def test_a_hand_edited_session_mark_is_read_as_none(tmp_path: Path) -> None:
    path = _workspace(tmp_path)
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
        [("session.open", "4242@elsewhere"), ("session.first_history_id", "abc")],
    )
    conn.commit()
    conn.close()
    article = tmp_path / "more.txt"
    article.write_text("One more article. It is short.", encoding="utf-8")
    result = cli("import", "-w", path, article)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    desk = Desk.open(path)
    try:
        assert [a.id for a in desk.articles.list_articles()] == [1, 2]
    finally:
        desk.close()


def test_text_arguments_in_bytes_that_are_not_utf8_are_taken_with_a_mark(
    tmp_path: Path,
) -> None:
    """A note or a search typed in a terminal whose encoding is not UTF-8 reaches the desk
    as escapes that SQLite refuses: the command failed with an "unexpected error" and the
    log printed a traceback over the terminal. Each unreadable byte becomes "�"."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    desk.edits.actor = "Ana Ruiz"
    sentence = desk.reviews.sentence_rows(1)[0].sentence.id
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.reviews.set_verdict(sentence, "false")
    desk.close()
    note = os.fsdecode(b"Quelle f\xfcr die Zahl?")
    returned = cli(
        "sign-off",
        "return",
        "-w",
        path,
        "--sentence",
        str(sentence),
        "--note",
        note,
        "--reviewer",
        "Zoë Ngata",
    )
    assert returned.returncode == 0, returned.stderr
    assert "Traceback" not in returned.stderr
    desk = Desk.open(path, backup=False)
    try:
        assert desk.sign_offs.sign_off(sentence).note == "Quelle f\ufffdr die Zahl?"  # type: ignore[union-attr]
    finally:
        desk.close()
    found = cli("search", "-w", path, os.fsdecode(b"Ganja \xe9"))
    assert found.returncode == 0, found.stderr
    assert "Traceback" not in found.stderr
    missing = cli("import-review", "-w", path, tmp_path / os.fsdecode(b"r\xfc.json"))
    assert_one_sentence(missing, "no such file")


def test_a_data_folder_that_cannot_be_made_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A locked-down desktop whose home (or XDG_DATA_HOME) cannot be written: `import`
    said only "Cannot make the folder … (Read-only file system)." The window says what
    to ask for, or to try; the command line now says it too, in its own words."""
    blocker = tmp_path / "a-file"  # a file in the way: no folder, even for root
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(blocker / "factcheck-desk"))
    article = tmp_path / "story.txt"
    article.write_text("The minister said 40 schools were built.", encoding="utf-8")
    assert run(["import", str(article)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "not a folder" in err  # why, as before
    assert "FACTCHECK_DATA_DIR" in err and "--workspace" in err  # and a way forward
    assert run(["import", "--workspace", str(tmp_path / "w.fcdesk"), str(article)]) == 0


def test_a_workspace_name_too_long_is_one_sentence(tmp_path: Path) -> None:
    """A workspace name the disk cannot take, or can but not with the files the desk keeps
    beside it (NAME.lock, NAME.restoring-journal…): every command stopped with
    "unexpected error (OSError: [Errno 36] File name too long …)"."""
    story = tmp_path / "story.txt"
    story.write_text("The minister said 40 schools were built.", encoding="utf-8")
    longer = tmp_path / ("w" * 293 + ".fcdesk")  # 300 bytes: no disk takes it
    taken = tmp_path / ("w" * 238 + ".fcdesk")  # 245 bytes: the disk does, its -journal not
    for command in (["list"], ["search", "minister"], ["import", story]):
        for workspace in (longer, taken):
            assert_one_sentence(cli(*command[:1], "-w", workspace, *command[1:]), "too long")
    other = _workspace(tmp_path)
    assert_one_sentence(cli("merge", "-w", other, longer), "too long")
    assert sorted(p.name for p in tmp_path.iterdir() if "www" in p.name) == []


@pytest.mark.parametrize(
    "command",
    [["list"], ["stats"], ["export", "--article", "1"], ["import"], ["merge"]],
)
def test_a_default_workspace_in_a_folder_that_may_not_be_opened_says_what_to_do(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    """The data folder inside one the user may not open (a home closed by IT, another
    user's XDG_DATA_HOME): the window names the folder and says to set FACTCHECK_DATA_DIR
    or to name a workspace; the command line said only "… no permission to open the folder
    …", with no way forward. (Closed by a stand-in for the system: the tests run as root.)"""
    closed = tmp_path / "home"
    closed.mkdir()
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(closed / "factcheck-desk"))
    story = tmp_path / "story.txt"
    story.write_text("The minister said 40 schools were built.", encoding="utf-8")
    other = tmp_path / "theirs.fcdesk"
    Desk.open(other).close()
    given = {"import": [str(story)], "merge": [str(other)]}.get(command[0], [])
    close_folder(monkeypatch, closed)
    assert run([*command, *given]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert f"no permission to open the folder {closed}" in err  # which folder, and why
    assert "FACTCHECK_DATA_DIR" in err and "--workspace" in err  # and a way forward
    assert "Traceback" not in err and "unexpected" not in err


def test_a_workspace_in_a_folder_that_may_not_be_entered_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`list -w ~colleague/desk.fcdesk`: "unexpected error (PermissionError: [Errno 13]
    …)". (The folder is closed by a stand-in for the system: the tests run as root too.)"""
    closed = tmp_path / "colleague"
    closed.mkdir()
    close_folder(monkeypatch, closed)
    story = tmp_path / "story.txt"
    story.write_text("The minister said 40 schools were built.", encoding="utf-8")
    workspace = str(closed / "desk.fcdesk")
    for command in (["list", "-w", workspace], ["import", "-w", workspace, str(story)]):
        assert run(command) == 1
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1, err
        assert "no permission to open the folder" in err and "unexpected" not in err, err


def test_clean_with_a_folder_that_may_not_be_entered_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`clean -w ~colleague/desk.fcdesk`: "unexpected error (PermissionError …)". (Closed
    by a stand-in for the system: the tests run as root too.)"""
    good = _workspace(tmp_path)
    closed = tmp_path / "colleague"
    closed.mkdir()
    shut_in = closed / "desk.fcdesk"
    shut_in.write_bytes(good.read_bytes())

    close_folder(monkeypatch, closed)
    assert run(["clean", "-w", str(shut_in)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "Permission denied" in err and "unexpected" not in err, err
