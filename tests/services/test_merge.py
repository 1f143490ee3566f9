"""Merging a colleague's workspace (issue 16, part 4): counts, nothing lost, one undo
step, idempotent, the other file untouched and untrusted."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.errors import Cancelled, EditRefused, NotAWorkspace, WorkspaceError
from factcheck_app.domain.merge_rules import combination
from factcheck_app.domain.models import SignOff, SignOffDecision, Status, Tag
from factcheck_app.services import merge as merge_service
from factcheck_app.services.desk import Desk
from factcheck_app.services.edits import EditStack
from factcheck_app.services.sources import NewSource
from tests.services.merge_fixtures import (
    BOB_URL,
    EXPECTED,
    NOTHING_NEW,
    SHARED,
    SHARED_URL,
    article_titled,
    dump,
    make_alice,
    make_bob,
    open_as,
    review,
    sentence_ids,
)

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "workspaces"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    return alice, bob


def _shared_article(desk: Desk) -> int:
    return article_titled(desk, "minister")


def test_two_reviewers_merged_give_the_counts_and_a_third_merge_adds_nothing(
    pair: tuple[Path, Path],
) -> None:
    alice, bob = pair
    before = _sha(bob)
    desk = open_as(alice, "Alice")
    try:
        assert desk.merge.merge(bob).counts() == EXPECTED
        merged = dump(desk)
        history = desk.repo.history.last_history_id()
        assert desk.merge.merge(bob).counts() == NOTHING_NEW
        assert desk.merge.merge(bob).counts() == NOTHING_NEW
        assert dump(desk) == merged
        assert desk.repo.history.last_history_id() == history  # not even an entry
        assert len(desk.edits.undo_steps) == 1  # and no undo step
    finally:
        desk.close()
    assert _sha(bob) == before  # their file: not one byte changed
    # …and nothing was made beside it (read as immutable: nobody had it open)
    assert not [p for p in bob.parent.iterdir() if p.name.startswith(f"{bob.name}-")]


def test_agreed_conflicting_and_only_theirs_each_land_as_the_rules_say(
    pair: tuple[Path, Path],
) -> None:
    alice, bob = pair
    desk = open_as(alice, "Alice")
    try:
        desk.merge.merge(bob)
        s = sentence_ids(desk, _shared_article(desk))
        agreed, conflict, alone = (desk.reviews.review(i) for i in (s[0], s[1], s[3]))
        assert (agreed.reviewer, agreed.verdict, agreed.status) == ("Alice", "false", Status.DONE)
        assert conflict.status is Status.CONFLICT
        assert (conflict.reviewer, conflict.verdict) == ("Alice", "true")  # words kept
        assert (alone.reviewer, alone.tag) == ("Bob", Tag.FACT)  # only Bob: his is decided
        versions = {v.reviewer: v for v in desk.repo.reviews.versions(s[1])}
        assert {n: (v.tag, v.verdict) for n, v in versions.items()} == {
            "Alice": (Tag.CLAIM, "true"),
            "Bob": (Tag.CLAIM, "false"),
        }
        # The denial still points at the claim it denies.
        assert desk.reviews.review(s[2]).denies_sentence_id == s[0]
    finally:
        desk.close()


def test_every_review_of_both_sides_is_kept(pair: tuple[Path, Path]) -> None:
    alice, bob = pair
    sides = {}
    for path in pair:
        with sqlite3.connect(path) as conn:
            reviews = conn.execute(
                "SELECT a.content_hash, s.start, r.reviewer, r.tag, r.rating FROM reviews r"
                " JOIN sentences s ON s.id = r.sentence_id JOIN articles a ON a.id = s.article_id"
            ).fetchall()
        conn.close()
        sides[path] = set(reviews)
    desk = open_as(alice, "Alice")
    try:
        desk.merge.merge(bob)
        # Each reviewer's version, or the decided review where it is its reviewer's own
        kept = set(
            desk.workspace.db.execute(
                "SELECT a.content_hash, s.start, v.reviewer, v.tag, v.rating FROM"
                " (SELECT sentence_id, reviewer, tag, rating FROM review_versions UNION"
                "  SELECT sentence_id, reviewer, tag, rating FROM reviews) v"
                " JOIN sentences s ON s.id = v.sentence_id JOIN articles a ON a.id = s.article_id"
            ).fetchall()
        )
    finally:
        desk.close()
    assert sides[alice] | sides[bob] <= kept


def test_sources_with_the_same_url_are_one_source_and_links_come_along(
    pair: tuple[Path, Path],
) -> None:
    alice, bob = pair
    desk = open_as(alice, "Alice")
    try:
        desk.merge.merge(bob)
        urls = [s.url for s in desk.sources.sources()]
        assert sorted(urls) == sorted([SHARED_URL, BOB_URL])
        links = desk.workspace.db.execute(
            "SELECT s.url FROM sentence_sources l JOIN sources s ON s.id = l.source_id"
        ).fetchall()
        assert sorted(url for (url,) in links) == [BOB_URL, SHARED_URL, SHARED_URL]
    finally:
        desk.close()


def test_their_history_is_appended_once_with_its_origin(pair: tuple[Path, Path]) -> None:
    alice, bob = pair
    with sqlite3.connect(bob) as conn:
        theirs = conn.execute("SELECT count(*) FROM history").fetchone()[0]
    conn.close()
    desk = open_as(alice, "Alice")
    try:
        db = desk.workspace.db
        own = db.execute("SELECT count(*) FROM history").fetchone()[0]
        result = desk.merge.merge(bob)
        assert result.history_added == theirs
        merged = db.execute(
            "SELECT count(*), count(DISTINCT origin) FROM history WHERE origin != ''"
        ).fetchone()
        assert merged == (theirs, theirs)
        actors = {r[0] for r in db.execute("SELECT actor FROM history WHERE origin != ''")}
        assert actors == {"Bob"}
        desk.merge.merge(bob)
        # ours, theirs once, the merge's own entry and one per sentence whose decided
        # review it changed (the conflict, and the sentence only Bob reviewed)
        total = db.execute("SELECT count(*) FROM history").fetchone()[0]
        assert total == own + theirs + 1 + 2
    finally:
        desk.close()


def test_the_whole_merge_is_one_undo_step_and_redo_brings_it_back(
    pair: tuple[Path, Path],
) -> None:
    alice, bob = pair
    desk = open_as(alice, "Alice")
    try:
        before = dump(desk)
        desk.merge.merge(bob)
        after = dump(desk)
        history = desk.repo.history.last_history_id()
        desk.undo()
        assert dump(desk) == before
        assert desk.repo.history.last_history_id() == history + 1  # undo is an entry
        assert desk.redo() is not None
        redone = dump(desk)
        # The same content, under the ids the redo gave it.
        assert len(redone["articles"]) == len(after["articles"])
        assert [r[1:] for r in redone["reviews"]] == [r[1:] for r in after["reviews"]]
        assert desk.merge.merge(bob).counts() == NOTHING_NEW
    finally:
        desk.close()


def test_redo_of_a_merge_that_brought_only_history_entries_is_redone(tmp_path: Path) -> None:
    # Found by bench/fuzz_readers.py: their history entries stay when the merge is undone
    # (the history keeps every entry), so its redo found nothing new and failed with an
    # internal error instead of being redone.
    theirs = Desk.open(tmp_path / "bob.fcdesk", backup=False)
    try:
        imported = theirs.importer.import_text("The mayor said the bridge cost 3 million euros.")
        theirs.articles.remove_article(imported.article_id)  # only its history entry is left
    finally:
        theirs.close()
    desk = open_as(tmp_path / "alice.fcdesk", "Alice")
    try:
        assert desk.merge.merge(tmp_path / "bob.fcdesk").history_added == 1
        history = desk.repo.history.last_history_id()
        assert desk.undo() is not None
        assert desk.redo() is not None
        assert desk.repo.history.last_history_id() == history + 2  # the undo, the redo
        assert desk.edits.top("undo") is not None and desk.edits.top("redo") is None
        assert desk.history.verify().ok
    finally:
        desk.close()


def bobs_mayor_article(tmp_path: Path) -> Path:
    """Bob's workspace (bob.fcdesk) with one article of his own, the mayor's figure."""
    theirs = open_as(tmp_path / "bob.fcdesk", "Bob")
    try:
        theirs.importer.import_text("The mayor said the bridge cost 3 million euros.")
    finally:
        theirs.close()
    return tmp_path / "bob.fcdesk"


def test_a_merge_undone_is_not_redone_where_an_article_imported_since_took_its_place(
    tmp_path: Path,
) -> None:
    # Found by tests/services/test_edit_sequences.py: the merge's redo gave its article the
    # ids an article pasted meanwhile had taken, so the redone tag landed on a sentence of
    # the pasted article and the merged one lost it. A pasted article no longer takes ids
    # an article had (tests/services/test_ids_not_reused.py), but one with the text of the
    # merged article would be matched by the redo instead.
    desk = open_as(tmp_path / "alice.fcdesk", "Alice")
    bobs_mayor_article(tmp_path)
    try:
        desk.importer.import_text(SHARED)
        desk.merge.merge(tmp_path / "bob.fcdesk")
        mayor = article_titled(desk, "mayor")
        desk.reviews.set_tag(sentence_ids(desk, mayor)[0], Tag.CLAIM)
        desk.undo()
        desk.undo()
        pasted = desk.importer.import_text(
            "The mayor said the bridge cost 3 million euros."
        ).article_id
        before = dump(desk)
        with pytest.raises(EditRefused, match="imported since"):
            desk.redo()
        assert dump(desk) == before
        assert [desk.reviews.review(s).tag for s in sentence_ids(desk, pasted)] == [None]
        # Refused for good: Redo offers it no more, nor the tag redone on it after.
        assert desk.edits.top("redo") is None
        # Merging again matches Bob's article with the one pasted since.
        assert desk.merge.merge(tmp_path / "bob.fcdesk").articles_matched == 1
        assert desk.history.verify().ok
    finally:
        desk.close()


def test_a_merge_undone_and_redone_keeps_the_ids_later_steps_are_redone_on(
    tmp_path: Path,
) -> None:
    # Found by tests/services/test_edit_sequences.py: a split undone after the merge made
    # the merge's redo give its article later sentence ids, so the tag redone after it
    # went to no sentence of that article.
    desk = open_as(tmp_path / "alice.fcdesk", "Alice")
    bobs_mayor_article(tmp_path)
    try:
        shared = desk.importer.import_text(SHARED).article_id
        desk.merge.merge(tmp_path / "bob.fcdesk")
        mayor = article_titled(desk, "mayor")
        first = sentence_ids(desk, mayor)[0]
        desk.reviews.set_tag(first, Tag.CLAIM)
        split = sentence_ids(desk, shared)[0]
        desk.boundaries.split_sentence(split, desk.repo.sentences.get_sentence(split).start + 4)
        after = dump(desk)
        for _ in range(3):
            desk.undo()
        for _ in range(3):
            assert desk.redo() is not None
        assert dump(desk) == after
        assert sentence_ids(desk, article_titled(desk, "mayor"))[0] == first
        assert desk.reviews.review(first).tag is Tag.CLAIM
    finally:
        desk.close()


def test_properties_typed_on_a_merged_article_survive_the_merge_undone_and_redone(
    tmp_path: Path,
) -> None:
    # Found by tests/services/test_edit_sequences.py: the redo brought the article back
    # with the title their file has, and the title typed here was gone.
    bobs_mayor_article(tmp_path)
    desk = open_as(tmp_path / "alice.fcdesk", "Alice")
    try:
        desk.merge.merge(tmp_path / "bob.fcdesk")
        mayor = article_titled(desk, "mayor")
        typed = dataclasses.replace(
            desk.articles.article_metadata(mayor),
            title="Bridge cost: the mayor's figure",
            outlet="City Herald",
            published=dt.date(2026, 11, 30),
            language="fr",
        )
        desk.articles.update_article_metadata(mayor, typed)
        desk.undo()
        assert desk.redo() is not None
        assert desk.articles.article_metadata(mayor) == typed
    finally:
        desk.close()


def test_a_cancelled_merge_leaves_the_workspace_as_it_was(pair: tuple[Path, Path]) -> None:
    alice, bob = pair
    desk = open_as(alice, "Alice")
    seen: list[tuple[float, str]] = []

    def progress(fraction: float, stage: str) -> None:
        seen.append((fraction, stage))
        if stage == "Merging" and fraction > 0.5:
            raise Cancelled("Merge cancelled.")

    try:
        before, history = dump(desk), desk.repo.history.last_history_id()
        with pytest.raises(Cancelled):
            desk.merge.merge(bob, progress)
        assert dump(desk) == before
        assert desk.repo.history.last_history_id() == history
        assert not desk.edits.undo_steps
        assert [stage for _, stage in seen][:1] == ["Reading"]
        assert desk.merge.merge(bob).counts() == EXPECTED  # and it can be merged after
    finally:
        desk.close()


def test_sentences_merged_or_split_on_either_side_still_line_up(tmp_path: Path) -> None:
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    shutil.copy(alice, bob)
    desk = open_as(bob, "Bob")
    try:
        article = _shared_article(desk)
        s = sentence_ids(desk, article)
        review(desk, s[4], Tag.CLAIM, "mixed")
        review(desk, s[5], Tag.FACT)
        desk.boundaries.merge_with_next(s[4])  # Bob joins the last two sentences
        joined = desk.reviews.review(s[4])
        # and splits the first (Alice's reviewed claim) in two
        first = desk.repo.sentences.get_sentence(s[0])
        desk.boundaries.split_sentence(s[0], first.start + first.text.index(" unemployment"))
    finally:
        desk.close()
    desk = open_as(alice, "Alice")
    try:
        counts = desk.merge.merge(bob).counts()
        mine = sentence_ids(desk, _shared_article(desk))
        assert len(mine) == 6  # Alice's boundaries stay
        # Bob's joined review landed on the sentence holding its start, his words with it.
        landed = desk.reviews.review(mine[4])
        assert (landed.reviewer, landed.tag, landed.verdict) == ("Bob", joined.tag, "mixed")
        assert counts["sentences_conflicting"] == 0
        assert desk.merge.merge(bob).counts()["reviews_added"] == 0
    finally:
        desk.close()


def test_a_file_that_is_not_a_workspace_is_refused_in_words(pair: tuple[Path, Path]) -> None:
    alice, _ = pair
    text = alice.with_name("notes.fcdesk")
    text.write_text("not a database", encoding="utf-8")
    other_db = alice.with_name("other.sqlite")
    with sqlite3.connect(other_db) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    desk = open_as(alice, "Alice")
    try:
        before = dump(desk)
        for path in (text, other_db):
            digest = _sha(path)
            with pytest.raises(NotAWorkspace, match="not a Factcheck desk workspace"):
                desk.merge.merge(path)
            assert _sha(path) == digest
        with pytest.raises(WorkspaceError, match="nothing to merge into itself"):
            desk.merge.merge(alice)
        with pytest.raises(WorkspaceError, match="There is no workspace"):
            desk.merge.merge(alice.with_name("missing.fcdesk"))
        assert dump(desk) == before
    finally:
        desk.close()


def test_a_workspace_with_a_trigger_is_refused_and_stays_as_it_was(
    pair: tuple[Path, Path],
) -> None:
    alice, bob = pair
    with sqlite3.connect(bob) as conn:
        conn.execute(
            "CREATE TRIGGER evil AFTER INSERT ON history BEGIN"
            " UPDATE reviews SET rating = 'true'; END"
        )
    conn.close()
    digest = _sha(bob)
    desk = open_as(alice, "Alice")
    try:
        with pytest.raises(WorkspaceError, match="trigger"):
            desk.merge.merge(bob)
    finally:
        desk.close()
    assert _sha(bob) == digest


def test_an_older_workspace_is_migrated_in_a_private_copy(tmp_path: Path) -> None:
    old = tmp_path / "old.fcdesk"
    shutil.copy(FIXTURES / "schema-v2.fcdesk", old)
    digest = _sha(old)
    desk = open_as(tmp_path / "mine.fcdesk", "Alice")
    try:
        result = desk.merge.merge(old)
        assert result.articles_added >= 1 and result.reviews_added >= 1
        assert desk.merge.merge(old).counts()["reviews_added"] == 0
    finally:
        desk.close()
    assert _sha(old) == digest
    assert not list(tmp_path.glob("old*-backups"))  # no backup beside their file either


def test_an_older_workspace_that_cannot_be_migrated_is_refused_naming_their_file(
    tmp_path: Path,
) -> None:
    # Found by bench/fuzz_readers.py: the refusal named the private temporary copy the
    # merge migrates ("…/factcheck-merge-…/other.fcdesk could not be read or written
    # (table articles already exists)"), a file the reviewer never chose.
    older = tmp_path / "colleague.fcdesk"
    shutil.copy(FIXTURES / "schema-v2.fcdesk", older)
    with sqlite3.connect(older) as conn:  # its record of the first migration lost
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm001_initial_schema'")
    conn.close()
    digest = _sha(older)
    desk = open_as(tmp_path / "alice.fcdesk", "Alice")
    try:
        before = dump(desk)
        with pytest.raises(WorkspaceError) as refused:
            desk.merge.merge(older)
        message = str(refused.value)
        assert message.startswith(older.name) and "factcheck-merge-" not in message
        # What is wrong, and how to merge its work (a cleaned copy, merged)
        assert "a record of its format upgrades that does not match" in message
        assert "merge the copy" in message
        assert dump(desk) == before
    finally:
        desk.close()
    assert _sha(older) == digest


def test_a_conflict_someone_decided_is_not_raised_again(pair: tuple[Path, Path]) -> None:
    alice, bob = pair
    desk = open_as(alice, "Alice")
    try:
        desk.merge.merge(bob)
        s1 = sentence_ids(desk, _shared_article(desk))[1]
        decided = desk.reviews.review(s1).edited(status=Status.DONE)
        with desk.workspace.db.atomic():  # as deciding for Alice's version leaves it
            desk.repo.reviews.save_review(decided)
        assert desk.merge.merge(bob).counts() == NOTHING_NEW
        assert desk.reviews.review(s1).status is Status.DONE
    finally:
        desk.close()


def test_merge_on_the_command_line_prints_the_counts(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    alice, bob = pair
    digest = _sha(bob)
    assert run(["merge", "-w", str(alice), str(bob), "--json", "--reviewer", "Carol"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {key: printed[key] for key in EXPECTED} == EXPECTED
    assert list(printed)[: len(EXPECTED)] == list(EXPECTED)  # the first, in their order
    assert run(["merge", "-w", str(alice), str(bob), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {key: printed[key] for key in NOTHING_NEW} == NOTHING_NEW
    assert run(["merge", "-w", str(alice), str(bob)]) == 0
    assert "nothing new" in capsys.readouterr().out
    assert _sha(bob) == digest
    # Bob's entries, chained here after Alice's, and the merges' own: the chain holds.
    assert run(["verify", "-w", str(alice)]) == 0
    with sqlite3.connect(alice) as conn:
        actor = conn.execute(
            "SELECT actor FROM history WHERE entity = 'workspace' ORDER BY id DESC LIMIT 1"
        ).fetchone()[0]
    conn.close()
    assert actor == "Carol"


def test_a_file_that_is_no_workspace_is_refused_saying_nothing_was_merged_and_what_to_do(
    pair: tuple[Path, Path],
) -> None:
    # Chosen in a hurry from a shared folder: a Word report renamed .fcdesk, a copy a sync
    # emptied, a folder. Each refusal named the file and what it is, and stopped there:
    # nothing said the merge had not happened, nor what to merge instead; the shared-memory
    # file beside a colleague's workspace was refused saying to open that workspace.
    alice, bob = pair
    report = alice.with_name("report.fcdesk")
    report.write_bytes(b"PK\x03\x04word/document.xml")
    emptied = alice.with_name("bob-monday.fcdesk")
    emptied.write_bytes(b"")
    folder = alice.with_name("bob-files.fcdesk")
    folder.mkdir()
    shutil.copyfile(bob, alice.with_name("carol.fcdesk"))
    beside = alice.with_name("carol.fcdesk-shm")  # chosen for the file beside it
    beside.write_bytes(b"\0" * 32768)
    desk = open_as(alice, "Alice")
    try:
        before = dump(desk)
        for path, way_out in (
            (report, "choose the workspace file your colleague handed over"),
            (emptied, "ask for a fresh copy"),
            (folder, "choose the workspace file your colleague handed over"),
            (beside, "merge carol.fcdesk itself"),
        ):
            with pytest.raises(WorkspaceError) as refused:
                desk.merge.merge(path)
            said = str(refused.value)
            assert path.name in said
            assert "Nothing was merged" in said
            assert way_out in said
            assert "open " not in said  # a merge, not an open, was refused
        assert dump(desk) == before
    finally:
        desk.close()


def test_ctrl_c_during_a_merge_on_the_command_line_says_whether_it_was_merged(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A merge of a year's file takes seconds; Ctrl+C said only "interrupted", and whether
    # the colleague's work was in the workspace had to be found out by looking.
    alice, bob = pair
    desk = open_as(alice, "Alice")
    before = dump(desk)
    desk.close()
    applying = merge_service.MergeEdit.apply

    def stopped_half_way(edit: merge_service.MergeEdit, repo: object) -> object:
        applying(edit, repo)  # type: ignore[arg-type]
        raise KeyboardInterrupt  # the key, with all of it written but not committed

    with monkeypatch.context() as patched:
        patched.setattr(merge_service.MergeEdit, "apply", stopped_half_way)
        assert run(["merge", "-w", str(alice), str(bob)]) == 130
    said = capsys.readouterr().err
    assert said == (
        "factcheck-app: interrupted: nothing of bob.fcdesk was merged, and the workspace "
        "was left as it was. Merge it again to bring it in.\n"
    )
    desk = open_as(alice, "Alice")
    try:
        assert dump(desk) == before
    finally:
        desk.close()

    # The key pressed as the merge had just been committed: it is in, and said so.
    notify = EditStack._notify

    def stopped_after(stack: EditStack, change: object) -> object:
        notify(stack, change)  # type: ignore[arg-type]
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(EditStack, "_notify", stopped_after)
        assert run(["merge", "-w", str(alice), str(bob)]) == 130
    said = capsys.readouterr().err
    assert said == (
        "factcheck-app: interrupted, but only once bob.fcdesk was merged: its work is in "
        "the workspace (factcheck-app history shows the merge).\n"
    )
    desk = open_as(alice, "Alice")
    try:
        assert dump(desk) != before
        assert desk.merge.merge(bob).summary().startswith("Merged bob.fcdesk: nothing new")
    finally:
        desk.close()


def test_ctrl_c_again_before_the_rollback_never_says_the_merge_got_in(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Ctrl+C pressed twice (as people do when a merge seems stuck): the second landed as
    # the first one's rollback was about to run, with the merge written but never
    # committed. Its own history entry, read back in that open transaction, said "its work
    # is in the workspace" (their file deleted on that word), and closing the workspace
    # then undid all of it.
    alice, bob = pair
    desk = open_as(alice, "Alice")
    before = dump(desk)
    desk.close()
    running = EditStack._run

    def interrupted_before_its_rollback(
        stack: EditStack, edit: object, action: str, step: object
    ) -> object:
        stack.repo.db.conn.execute("BEGIN IMMEDIATE")
        running(stack, edit, action, step)  # type: ignore[arg-type]  # written, not committed
        raise KeyboardInterrupt  # the second key, before the ROLLBACK

    with monkeypatch.context() as patched:
        patched.setattr(EditStack, "_run", interrupted_before_its_rollback)
        assert run(["merge", "-w", str(alice), str(bob)]) == 130
    said = capsys.readouterr().err
    assert "nothing of bob.fcdesk was merged" in said
    assert "its work is in the workspace" not in said
    desk = open_as(alice, "Alice")
    try:
        assert dump(desk) == before
    finally:
        desk.close()


def test_merge_on_the_command_line_refuses_bad_input_in_one_line(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    alice, _ = pair
    notes = alice.with_name("notes.txt")
    notes.write_text("hello", encoding="utf-8")
    assert run(["merge", "-w", str(alice), str(notes)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a Factcheck desk workspace" in err
    assert run(["merge", "-w", str(alice), str(alice.with_name("none.fcdesk"))]) == 1
    assert "There is no workspace" in capsys.readouterr().err


def test_shared_text_is_matched_by_content(tmp_path: Path) -> None:
    desk = open_as(tmp_path / "a.fcdesk", "Alice")
    other = open_as(tmp_path / "b.fcdesk", "Bob")
    try:
        desk.importer.import_text(SHARED, source_name="x.txt")
        other.importer.import_text(SHARED.replace("March", "April"), source_name="y.txt")
    finally:
        other.close()
    try:
        assert desk.merge.merge(tmp_path / "b.fcdesk").articles_added == 1
    finally:
        desk.close()


def test_a_conflict_is_decided_in_one_undo_step_keeping_every_version(
    pair: tuple[Path, Path],
) -> None:
    alice, bob = pair
    desk = open_as(alice, "Carol")
    try:
        desk.merge.merge(bob)
        s1 = sentence_ids(desk, _shared_article(desk))[1]
        versions = {v.reviewer: v for v in desk.merge.versions(s1)}
        assert set(versions) == {"Alice", "Bob"}
        before_versions = dump(desk)["versions"]
        history = desk.repo.history.last_history_id()
        desk.reviews.decide(s1, versions["Bob"])
        decided = desk.reviews.review(s1)
        assert (decided.reviewer, decided.verdict, decided.status) == ("Bob", "false", Status.DONE)
        assert dump(desk)["versions"] == before_versions  # versions untouched
        assert desk.repo.history.last_history_id() == history + 1
        assert desk.edits.undo_text() == "Keep Bob's review"
        desk.undo()
        assert desk.reviews.review(s1).status is Status.CONFLICT
        # A combination: Alice's tag and explanation, Bob's verdict
        picks = {
            "tag": versions["Alice"],
            "verdict": versions["Bob"],
            "claimant": versions["Alice"],
            "explanation": versions["Alice"],
        }
        desk.reviews.decide(s1, combination(s1, picks))
        combined = desk.reviews.review(s1)
        assert (combined.verdict, combined.explanation) == ("false", "Wages rose 3 percent.")
        assert desk.edits.undo_text() == "Keep a combination of the reviews"
        with pytest.raises(EditRefused, match="not in conflict"):
            desk.reviews.decide(s1, versions["Alice"])
        desk.undo()
        assert desk.reviews.review(s1).status is Status.CONFLICT
    finally:
        desk.close()


def test_our_own_history_does_not_come_back_from_a_colleague(pair: tuple[Path, Path]) -> None:
    alice, bob = pair
    desk = open_as(alice, "Alice")
    try:
        desk.merge.merge(bob)
        written_here = desk.workspace.db.execute(
            "SELECT count(*) FROM history WHERE origin = ''"
        ).fetchone()[0]
    finally:
        desk.close()
    desk = open_as(bob, "Bob")
    try:
        own = desk.workspace.db.execute("SELECT count(*) FROM history").fetchone()[0]
        result = desk.merge.merge(alice)
        assert result.history_added == written_here  # Alice's, not Bob's own again
        assert own > 0
        actors = desk.workspace.db.execute(
            "SELECT actor, count(*) FROM history WHERE origin != '' GROUP BY actor"
        ).fetchall()
        assert "Bob" not in dict(actors)
    finally:
        desk.close()


def test_sign_offs_come_with_their_reviews(pair: tuple[Path, Path]) -> None:
    alice, bob = pair
    # Dana approves every review of Bob's, as his desk records an approval (its rules
    # left aside): a sign-off row and its history entry. A row alone is a script's, which
    # a merge leaves out (test_merge_forged_sign_offs.py).
    dana = open_as(bob, "Dana")
    try:
        repo = dana.repo
        signed = [
            row[0]
            for row in repo.db.execute(
                "SELECT r.sentence_id FROM reviews r WHERE r.reviewer = 'Bob' ORDER BY 1"
            )
        ]
        with repo.db.atomic():
            for sentence_id in signed:
                sign_off = SignOff(
                    sentence_id,
                    SignOffDecision.APPROVED,
                    "Dana",
                    "Bob",
                    "",
                    "2026-12-03T08:00:00+00:00",
                )
                repo.sign_offs.save(sign_off)
                repo.history.record_history(
                    actor="Dana",
                    action="do",
                    description="Approve",
                    entity="sign_off",
                    entity_id=sentence_id,
                    old={"sign_off": None},
                    new={"sign_off": sign_off.state()},
                    article_id=repo.sentences.article_of_sentence(sentence_id),
                    sentence_id=sentence_id,
                )
    finally:
        dana.close()
    desk = open_as(alice, "Alice")
    try:
        desk.merge.merge(bob)
        rows = desk.workspace.db.execute(
            "SELECT r.reviewer, o.editor FROM sign_offs o JOIN reviews r USING (sentence_id)"
        ).fetchall()
        # Bob's own articles (2) and the sentence only Bob reviewed on the shared one; not
        # where Alice's decided review stays (agreed, conflict).
        assert sorted(rows) == [("Bob", "Dana")] * 3
    finally:
        desk.close()


def test_deciding_for_another_verdict_drops_its_sign_off_and_undo_brings_it_back(
    pair: tuple[Path, Path],
) -> None:
    alice, bob = pair
    desk = open_as(alice, "Carol")
    try:
        desk.merge.merge(bob)
        s1 = sentence_ids(desk, _shared_article(desk))[1]
        with desk.workspace.db.atomic():  # Alice's verdict was approved before the merge
            desk.workspace.db.execute(
                "INSERT INTO sign_offs (sentence_id, decision, editor, checker, note, at)"
                " VALUES (?, 'approved', 'Dana', 'Alice', '', '2026-12-03T08:00:00+00:00')",
                [s1],
            )
        versions = {v.reviewer: v for v in desk.merge.versions(s1)}
        signed = "SELECT editor FROM sign_offs WHERE sentence_id = ?"
        desk.reviews.decide(s1, versions["Alice"])  # the approved verdict: it stays
        assert desk.workspace.db.execute(signed, [s1]).fetchall() == [("Dana",)]
        desk.undo()
        desk.reviews.decide(s1, versions["Bob"])  # another verdict: awaits sign-off again
        assert desk.workspace.db.execute(signed, [s1]).fetchall() == []
        desk.undo()
        assert desk.workspace.db.execute(signed, [s1]).fetchall() == [("Dana",)]
    finally:
        desk.close()


def test_a_colleagues_file_named_in_bytes_that_are_not_utf8_merges(
    pair: tuple[Path, Path],
) -> None:
    """The history's "Merge …" entry names the file as a reader sees it; SQLite refused
    the name's escapes and the merge failed as an "unexpected error"."""
    alice, bob = pair
    renamed = bob.with_name(os.fsdecode(b"bob \xe9t\xe9.fcdesk"))
    bob.rename(renamed)
    desk = open_as(alice, "Alice")
    try:
        assert desk.merge.merge(renamed).counts() == EXPECTED
        merges = [item.what for item in desk.history.entries() if "Merge" in item.what]
    finally:
        desk.close()
    assert merges and merges[-1].startswith("Merge bob \ufffdt\ufffd.fcdesk")


def test_the_checker_who_merges_the_editors_file_gets_her_decisions_and_sign_offs(
    tmp_path: Path,
) -> None:
    """The editor Cleo merges Alice's and Bob's files, decides their conflict for Bob's
    verdict and returns it with a note, and approves Alice's verdict on her own article.
    Alice merges Cleo's file back: Cleo decided knowing every version Alice has, so her
    decision is taken (not a conflict raised again for Alice to decide), with its return
    and note; the approval of Alice's verdict comes too. A second merge changes nothing
    (found on a desk editor's day: the return, its note and the approval were lost)."""
    alice, bob, cleo = (tmp_path / f"{name}.fcdesk" for name in ("alice", "bob", "cleo"))
    make_alice(alice)
    make_bob(bob)
    desk = open_as(cleo, "Cleo")
    try:
        desk.merge.merge(alice)
        desk.merge.merge(bob)
        shared = sentence_ids(desk, _shared_article(desk))
        kept = next(v for v in desk.merge.versions(shared[1]) if v.reviewer == "Bob")
        desk.reviews.decide(shared[1], kept)
        desk.sign_offs.send_back(shared[1], "Which wage figures?")
        own = article_titled(desk, "mayor")
        desk.sign_offs.approve(sentence_ids(desk, own)[0])
    finally:
        desk.close()
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(cleo)
        assert result.sentences_conflicting == 0
        shared = sentence_ids(desk, _shared_article(desk))
        decided = desk.reviews.review(shared[1])
        assert (decided.reviewer, decided.verdict, decided.status) == ("Bob", "false", Status.DONE)
        returned = desk.sign_offs.sign_off(shared[1])
        assert returned is not None
        assert (returned.decision.value, returned.editor, returned.checker, returned.note) == (
            "returned",
            "Cleo",
            "Bob",
            "Which wage figures?",
        )
        own = article_titled(desk, "mayor")
        approved = desk.sign_offs.sign_off(sentence_ids(desk, own)[0])
        assert approved is not None
        assert (approved.decision.value, approved.editor, approved.checker) == (
            "approved",
            "Cleo",
            "Alice",
        )
        merged = dump(desk)
        assert desk.merge.merge(cleo).sentences_conflicting == 0
        assert dump(desk) == merged
        desk.undo()  # the merge back taken out (the second was no step): as it was
        assert desk.reviews.review(shared[1]).reviewer == "Alice"
        assert desk.sign_offs.sign_off(shared[1]) is None
        assert desk.history.verify().ok
    finally:
        desk.close()


def test_a_merge_that_brings_only_an_approval_is_a_merge_after_an_undo_too(
    tmp_path: Path,
) -> None:
    """Cleo approves Alice's verdict in her copy; Alice merges Cleo's file, takes the
    merge back with Ctrl+Z and merges again. Cleo's history entries are here already
    (the history keeps every entry) and no review is new: the approval is all the merge
    brings, and it was "nothing new" and rolled back, the approval lost."""
    alice, cleo = tmp_path / "alice.fcdesk", tmp_path / "cleo.fcdesk"
    make_alice(alice)
    desk = open_as(cleo, "Cleo")
    try:
        desk.merge.merge(alice)
        own = article_titled(desk, "mayor")
        desk.sign_offs.approve(sentence_ids(desk, own)[0])
    finally:
        desk.close()
    desk = open_as(alice, "Alice")
    try:
        own = article_titled(desk, "mayor")
        sentence = sentence_ids(desk, own)[0]
        desk.merge.merge(cleo)
        assert desk.sign_offs.sign_off(sentence) is not None
        desk.undo()
        assert desk.sign_offs.sign_off(sentence) is None
        result = desk.merge.merge(cleo)
        assert result.changed and "nothing new" not in result.summary()
        approved = desk.sign_offs.sign_off(sentence)
        assert approved is not None and approved.editor == "Cleo"
        desk.undo()
        assert desk.sign_offs.sign_off(sentence) is None
    finally:
        desk.close()


def test_where_their_source_details_or_excerpt_differ_the_merge_says_ours_were_kept(
    tmp_path: Path,
) -> None:
    """Alice and Bob linked the same page to the same sentence with different excerpts,
    and Bob corrected its title. One source per URL, one link per sentence and source:
    ours stay, and the message says so instead of leaving Bob's words out unsaid (found
    on a desk editor's day)."""
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    for path, name, excerpt, title in (
        (alice, "Alice", "4 percent in table 2", "Labour statistics"),
        (bob, "Bob", "Table 2, seasonally adjusted", "Labour Force Survey 2025 (final)"),
    ):
        desk = open_as(path, name)
        try:
            article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
            first = sentence_ids(desk, article)[0]
            desk.sources.link_source(first, NewSource(SHARED_URL, title=title, excerpt=excerpt))
        finally:
            desk.close()
    desk = open_as(alice, "Alice")
    try:
        before = dump(desk)
        result = desk.merge.merge(bob)
        assert (result.sources_differing, result.links_differing) == (1, 1)
        assert "Kept this workspace's details of 1 source and the excerpt or stance" in (
            result.summary()
        )
        assert "bob.fcdesk" in result.summary()
        after = dump(desk)
        assert (after["sources"], after["links"]) == (before["sources"], before["links"])
    finally:
        desk.close()


def test_the_merge_summary_names_only_what_the_merge_brought() -> None:
    """A merge of a colleague's reviews on articles both had: "0 articles added, … and 0
    sources added; … 0 in conflict" buried the two numbers that mattered."""
    from factcheck_app.services.merge import MergeResult

    reviews_only = MergeResult(
        "bob.fcdesk", articles_matched=2, reviews_added=3, sentences_agreed=1
    )
    assert reviews_only.summary() == (
        "Merged bob.fcdesk: 2 articles matched; 3 reviews added; 1 sentence agreed."
    )
    everything = MergeResult(
        "bob.fcdesk",
        articles_added=1,
        articles_matched=1,
        reviews_added=4,
        sources_added=1,
        sentences_agreed=2,
        sentences_conflicting=3,
    )
    assert everything.summary() == (
        "Merged bob.fcdesk: 1 article added, 1 matched; 4 reviews and 1 source added; "
        "2 sentences agreed, 3 in conflict."
    )
    history_only = MergeResult("bob.fcdesk", articles_matched=1, history_added=2)
    assert history_only.summary() == "Merged bob.fcdesk: 1 article matched."


def test_their_reviews_joined_past_the_longest_an_export_reads_are_left_out_and_said(
    tmp_path: Path,
) -> None:
    """Two of Bob's sentences that Alice keeps as one (she merged them) land on her one
    sentence, their reviews joined as Ctrl+M joins them. Two explanations of 600,000
    characters, each one an export reads back, were joined into 1,200,002 in Alice's
    workspace: her article's JSON export was then refused whole on import, as Ctrl+M
    refuses to make it. Left out, and said, with what to do; Bob's file keeps them."""
    from factcheck_app.domain.review_rules import LONGEST_TEXT

    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    shutil.copy(alice, bob)
    desk = open_as(bob, "Bob")
    try:
        s = sentence_ids(desk, _shared_article(desk))
        for sentence_id in (s[3], s[4]):
            review(desk, sentence_id, Tag.CLAIM)
            desk.reviews.set_text_field(sentence_id, "explanation", "w" * 600_000)
    finally:
        desk.close()
    desk = open_as(alice, "Alice")
    try:
        article = _shared_article(desk)
        s = sentence_ids(desk, article)
        desk.boundaries.merge_with_next(s[3])
        result = desk.merge.merge(bob)
        longest = max(
            [len(row.review.explanation) for row in desk.reviews.sentence_rows(article)]
            + [
                len(version.explanation)
                for versions in desk.repo.reviews.versions_for_article(article).values()
                for version in versions
            ]
        )
        assert longest <= LONGEST_TEXT
        said = result.summary()
        assert "1,000,000" in said and "explanation" in said, said
    finally:
        desk.close()
