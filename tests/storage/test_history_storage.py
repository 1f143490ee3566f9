"""The history's chain in older and cleaned workspaces (issue 16): a workspace migrating
to schema 5 has its history filed under its sentences and chained; one opened read-only
says it is not chained yet; a cleaned copy keeps the chain, the reviewers' versions, the
sign-offs and who linked each source, and never re-chains a history someone blanked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.models import SignOff, SignOffDecision, Tag
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.storage import cleaning
from tests.conftest import SEED_FILE, copy_of_old_workspace


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("fixture", ["schema-v1.fcdesk", "schema-v2.fcdesk"])
def test_a_migrated_history_is_filed_and_chained(tmp_path: Path, fixture: str) -> None:
    path = copy_of_old_workspace(tmp_path, fixture)
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        result = desk.history.verify()
        assert result.ok and result.entries == 9
        entries = list(desk.repo.history.entries())
        assert [e.sentence_id for e in entries] == [1, 1, 5, 5, 5, 5, 6, 6, 7]
        assert {e.article_id for e in entries} == {1}
        assert [i.what for i in desk.history.of_sentence(5)][-1] == "Tag as Claim"
        desk.reviews.set_tag(2, Tag.FACT)  # and it goes on from the migrated head
        assert desk.history.verify().ok and desk.repo.history.head().seq == 10  # type: ignore[union-attr]
    finally:
        desk.close()


def test_an_older_workspace_read_as_it_is_is_not_chained_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_of_old_workspace(tmp_path, "schema-v1.fcdesk")
    before = path.read_bytes()
    assert run(["verify", "-w", str(path)]) == 0
    assert "not chained yet" in capsys.readouterr().out
    assert run(["history", "-w", str(path)]) == 0
    assert "Tag as Claim" in capsys.readouterr().out
    desk = Desk.open(path, read_only=True)
    try:
        assert desk.repo.reviews.versions(1)[0].tag is Tag.CLAIM  # read as its reviewer's
        assert desk.sources.links(5)[0].reviewer == ""
        assert desk.reviews.sentence_rows(1)[0].sign_off is None
        assert [i.what for i in desk.history.of_sentence(5)] == [
            "Edit claimant",
            "Verdict: Unverifiable",
            "Tag as Claim",
        ]
    finally:
        desk.close()
    assert path.read_bytes() == before


def team_workspace(path: Path) -> Path:
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        desk.importer.import_file(SEED_FILE)
        desk.reviews.set_tag(1, Tag.CLAIM)
        desk.reviews.set_verdict(1, "false")
        desk.sources.link_source(1, NewSource("https://example.org/one"))
        desk.edits.actor = "Max Olsen"
        desk.reviews.set_text_field(1, "explanation", "Max checked it too")
        with desk.workspace.db.atomic():
            desk.repo.sign_offs.save(
                SignOff(1, SignOffDecision.APPROVED, "Zoë Ngata", "Max Olsen", "", "2026-12-03")
            )
    finally:
        desk.close()
    return path


def test_a_cleaned_copy_keeps_versions_sign_offs_link_reviewers_and_the_chain(
    tmp_path: Path,
) -> None:
    path = team_workspace(tmp_path / "team.fcdesk")
    copy = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk").path
    for sql in (
        "SELECT * FROM review_versions ORDER BY 1, 2",
        "SELECT * FROM sign_offs",
        "SELECT id, reviewer FROM sentence_sources",
        "SELECT * FROM history ORDER BY id",
    ):
        assert rows(copy, sql) == rows(path, sql), sql
    desk = Desk.open(copy, read_only=True)
    try:
        assert desk.history.verify().ok
        assert [v.reviewer for v in desk.repo.reviews.versions(1)] == ["Ana Ruiz", "Max Olsen"]
    finally:
        desk.close()


def test_a_cleaned_copy_of_an_older_workspace_gets_versions_and_a_chain(tmp_path: Path) -> None:
    path = copy_of_old_workspace(tmp_path, "schema-v1.fcdesk")
    copy = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")
    assert "review_versions" not in copy.summary() and "sign_offs" not in copy.summary()
    desk = Desk.open(copy.path, read_only=True)
    try:
        assert desk.history.verify().ok and desk.history.verify().entries == 9
        assert [v.tag for v in desk.repo.reviews.versions(1)] == [Tag.CLAIM]
    finally:
        desk.close()


def test_a_blanked_history_is_not_chained_again_by_cleaning(tmp_path: Path) -> None:
    path = team_workspace(tmp_path / "team.fcdesk")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE history SET hash = '', actor = 'Someone Else' WHERE id = 2")
    conn.close()
    copy = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk").path
    desk = Desk.open(copy, read_only=True)
    try:
        problem = desk.history.verify().problem
    finally:
        desk.close()
    assert problem is not None and problem.seq == 2
