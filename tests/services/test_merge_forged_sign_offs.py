"""Sign-offs in a colleague's file whose history does not hold up, examined as forged
undos of a decision are (tests/services/test_merge_forged_history.py). Until 7 December:

- an "undo" of the editor's approval made on this desk, written in another file (a
  copy of this one: Ctrl+Z is one desk's, so it is no undo), took the approval away
  here at the merge, said as "Their decision or sign-off taken on 1 sentence";
- so did such an undo of an approval an archive had merged from the editor's desk;
- an approval row in their file that no entry of its history made (written by a script
  or DB Browser, the chain still valid: nothing was added to it) was taken, in the
  editor's name.

Each is now left out of the merge and said: the undos as undos left out, the row as a row
that failed the desk's checks."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from factcheck_app.domain.models import SignOffDecision, Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.export import article_review
from factcheck_app.services.reports.review_import import import_review
from tests.services.merge_fixtures import SHARED, open_as, review, sentence_ids
from tests.services.test_team_export import with_team_review

EDITH = "Edith Park"


def _checked(tmp_path: Path) -> tuple[Path, int]:
    """Ana's workspace, her first verdict given: its path and that sentence."""
    ana = tmp_path / "ana.fcdesk"
    desk = open_as(ana, "Ana Ruiz")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        s = sentence_ids(desk, article)[0]
        review(desk, s, Tag.CLAIM, "false")
    finally:
        desk.close()
    return ana, s


def _forge_undo_of_the_approval(path: Path, sentence: int) -> None:
    """Mallory's file: an "undo" of Edith's approval added to its history (chained as the
    desk chains) and the approval taken away, one moment as a real undo leaves it."""
    desk = open_as(path, "Mallory")
    try:
        approval = desk.repo.sign_offs.get(sentence)
        assert approval is not None
        with desk.repo.db.atomic():
            desk.repo.history.record_history(
                actor=EDITH,
                action="undo",
                description="Approve",
                entity="sign_off",
                entity_id=sentence,
                old={"sign_off": approval.state()},
                new={"sign_off": None},
                article_id=1,
                sentence_id=sentence,
            )
            desk.repo.sign_offs.delete(sentence)
    finally:
        desk.close()


def test_a_forged_undo_of_an_approval_made_here_does_not_take_it_away(tmp_path: Path) -> None:
    ana, s = _checked(tmp_path)
    desk = open_as(ana, EDITH)
    try:
        desk.sign_offs.approve(s)
    finally:
        desk.close()
    mallory = tmp_path / "mallory.fcdesk"
    shutil.copy(ana, mallory)
    _forge_undo_of_the_approval(mallory, s)
    desk = open_as(ana, "Ana Ruiz")
    try:
        result = desk.merge.merge(mallory)
        found = desk.repo.sign_offs.get(s)
        assert found is not None and found.decision is SignOffDecision.APPROVED
        assert result.skipped == 1 and result.undos_left_out == 1
        assert "1 undo of an approval, a return or a decision was left out" in result.summary()
        assert "sign-off taken" not in result.summary()
    finally:
        desk.close()


def test_a_forged_undo_of_an_approval_an_archive_merged_does_not_take_it_away(
    tmp_path: Path,
) -> None:
    ana, s = _checked(tmp_path)
    edith = tmp_path / "edith.fcdesk"
    shutil.copy(ana, edith)
    desk = open_as(edith, EDITH)
    try:
        desk.sign_offs.approve(s)
    finally:
        desk.close()
    archive = tmp_path / "archive.fcdesk"
    desk = open_as(archive, "Archivist")
    try:
        desk.merge.merge(ana)
        desk.merge.merge(edith)
        assert desk.repo.sign_offs.get(s) is not None
    finally:
        desk.close()
    mallory = tmp_path / "mallory.fcdesk"
    shutil.copy(archive, mallory)
    _forge_undo_of_the_approval(mallory, s)
    desk = open_as(archive, "Archivist")
    try:
        result = desk.merge.merge(mallory)
        found = desk.repo.sign_offs.get(s)
        assert found is not None and found.decision is SignOffDecision.APPROVED
        assert result.skipped == 1
    finally:
        desk.close()


def test_an_approval_no_entry_of_their_history_made_is_not_taken(tmp_path: Path) -> None:
    ana, s = _checked(tmp_path)
    mallory = tmp_path / "mallory.fcdesk"
    shutil.copy(ana, mallory)
    other = sqlite3.connect(mallory)
    with other:
        other.execute(
            "INSERT INTO sign_offs (sentence_id, decision, editor, checker, note, at)"
            " VALUES (?, 'approved', ?, 'Ana Ruiz', '', '2026-12-07T05:00:00+00:00')",
            [s, EDITH],
        )
    other.close()
    desk = open_as(ana, "Ana Ruiz")
    try:
        result = desk.merge.merge(mallory)
        assert desk.repo.sign_offs.get(s) is None
        assert result.skipped == 1 and "failed the desk's checks" in result.summary()
    finally:
        desk.close()


def test_an_approval_that_came_in_by_import_review_is_taken(
    seeded_desk: Desk, tmp_path: Path
) -> None:
    """Import Review brings a colleague's sign-offs with its file, no entry of their own:
    a workspace so made, merged, gives its approval as ever."""
    exported = article_review(with_team_review(seeded_desk), 1)
    other_ws, mine_ws = tmp_path / "other.fcdesk", tmp_path / "mine.fcdesk"
    other = Desk.open(other_ws, backup=False)
    try:
        result = import_review(other, exported)
        first = sentence_ids(other, result.article_id)[0]
        assert other.repo.sign_offs.get(first) is not None
    finally:
        other.close()
    mine = Desk.open(mine_ws, backup=False)
    try:
        merged = mine.merge.merge(other_ws)
        article = next(iter(a.id for a in mine.articles.list_articles()))
        found = mine.repo.sign_offs.get(sentence_ids(mine, article)[0])
        assert found is not None and found.editor == "Ben"
        assert merged.skipped == 0
    finally:
        mine.close()


def test_an_undo_of_an_approval_made_before_a_backup_was_restored_is_said_as_such(
    tmp_path: Path,
) -> None:
    """Edith approves Ana's check, her desk backs up (Back Up Now), and she takes the
    approval back with Ctrl+Z; Ana merges Edith's file, undo and all. Edith's disk fails
    and she restores that backup: the approval is back in her file. Merging Ana's, her
    own undo reads as one from elsewhere of a step written here, exactly as a forger's
    in a copy of her file would (the entries cannot tell them apart), and is left out:
    the approval stands. It was said only as "1 row of it failed the desk's checks":
    Edith took Ana's file for damaged, and never learnt that an undo of an approval was
    what was left out, nor that one of her own takes it back again."""
    ana, s = _checked(tmp_path)
    edith = tmp_path / "edith.fcdesk"
    shutil.copy(ana, edith)
    desk = open_as(edith, EDITH)
    try:
        desk.sign_offs.approve(s)
        backup = desk.upkeep.backup_now()
        desk.undo()
    finally:
        desk.close()
    desk = open_as(ana, "Ana Ruiz")
    try:
        desk.merge.merge(edith)
        assert desk.repo.sign_offs.get(s) is None  # Edith's undo came with her file
    finally:
        desk.close()
    shutil.copy(backup, edith)  # restored: the approval, not its undo
    desk = open_as(edith, EDITH)
    try:
        assert desk.repo.sign_offs.get(s) is not None
        result = desk.merge.merge(ana)
        assert result.skipped == 1  # still counted with the rows left out (--json)
        words = result.summary()
        assert "1 undo of an approval, a return or a decision was left out" in words
        assert "failed the desk's checks" not in words
        assert "if you took one back yourself" in words
    finally:
        desk.close()


def test_a_forged_undo_of_an_approval_made_here_is_left_out_with_our_hashes_as_bytes(
    tmp_path: Path,
) -> None:
    """The same, this workspace's history rewritten by another program with its hashes
    and origins as bytes (its chain reads them as text: intact). Which steps were written
    here was asked in SQL (`hash IN (…)`), where bytes never equal text: the approval
    was not found ours, the forged undo went through and took it away."""
    ana, s = _checked(tmp_path)
    desk = open_as(ana, EDITH)
    try:
        desk.sign_offs.approve(s)
    finally:
        desk.close()
    mallory = tmp_path / "mallory.fcdesk"
    shutil.copy(ana, mallory)
    _forge_undo_of_the_approval(mallory, s)
    other = sqlite3.connect(ana)
    with other:
        other.execute("UPDATE history SET hash = CAST(hash AS BLOB)")
        other.execute("UPDATE history SET origin = CAST(origin AS BLOB) WHERE origin != ''")
    other.close()
    desk = open_as(ana, "Ana Ruiz")
    try:
        assert desk.upkeep.check().ok
        result = desk.merge.merge(mallory)
        found = desk.repo.sign_offs.get(s)
        assert found is not None and found.decision is SignOffDecision.APPROVED
        assert result.undos_left_out == 1
    finally:
        desk.close()
