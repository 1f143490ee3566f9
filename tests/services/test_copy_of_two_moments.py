"""A copy of a workspace taken while its desk had it open, in the middle of a save, can
hold pages of two moments that SQLite's own checks pass: a review row newer (or older)
than the history entry of its last edit, a search index missing rows. Opened for editing,
opened read-only or merged, such a copy must say which sentences disagree with their
history and never change them or merge them unsaid; its search index is mended (or, read
only, searched through a private index) and that is said too. A normal open does not
look at all."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.domain.models import SearchScope
from factcheck_app.domain.two_moments import Unlike
from factcheck_app.services import copy_check
from factcheck_app.services.desk import Desk
from tests.desk_left_open import desk_left_open
from tests.services.merge_fixtures import SHARED, dump, make_alice, open_as

TITLE_WORDS = "The minister said unemployment"  # the article's title begins so


def _two_moment_copy(tmp_path: Path) -> tuple[Path, list[int]]:
    """bob.fcdesk copied onto a stick while Bob's desk had it open, then spliced as a copy
    torn in the middle of a checkpoint is: the review pages of a later moment (sentence 1
    re-judged), a review page of an earlier one (sentence 2's verdict not yet there), and
    index pages without sentence 3, while its history and every other page are of the
    moment of the copy. The file passes SQLite's integrity check."""
    bob, stick = tmp_path / "bob.fcdesk", tmp_path / "stick"
    stick.mkdir()
    with desk_left_open(bob, "Bob") as desk:
        ids = desk.do("import", SHARED, "shared.txt")
        assert isinstance(ids, list)
        desk.do("verdict", ids[0], "true")
        desk.do("explain", ids[0], "First look")
        desk.do("verdict", ids[1], "false")
        desk.do("explain", ids[2], "zebrafish figures")
        assert desk.do("settle") is True  # every save in the file: the copy holds them
        shutil.copyfile(bob, stick / "bob.fcdesk")
        desk.do("verdict", ids[0], "mixed")
        desk.do("explain", ids[0], "Second look")
        assert desk.do("settle") is True
        shutil.copyfile(bob, tmp_path / "later.fcdesk")
    copy = stick / "bob.fcdesk"
    later = sqlite3.connect(f"{(tmp_path / 'later.fcdesk').as_uri()}?immutable=1", uri=True)
    rating, explanation = later.execute(
        "SELECT rating, explanation FROM reviews WHERE sentence_id = ?", [ids[0]]
    ).fetchone()
    later.close()
    conn = sqlite3.connect(copy)
    with conn:
        conn.execute(
            "UPDATE reviews SET rating = ?, explanation = ? WHERE sentence_id = ?",
            [rating, explanation, ids[0]],
        )
        conn.execute("UPDATE reviews SET rating = NULL WHERE sentence_id = ?", [ids[1]])
        conn.execute("DELETE FROM search_index WHERE rowid = ?", [ids[2]])
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # as the desk left it
    conn.close()  # the -wal merged into the file and deleted: a copy of the file alone
    assert not (stick / "bob.fcdesk-wal").exists()
    return copy, ids


def _rating(desk: Desk, sentence_id: int) -> str | None:
    return desk.repo.reviews.get_review(sentence_id).verdict


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_opened_for_editing_it_names_the_sentences_and_changes_none(tmp_path: Path) -> None:
    copy, ids = _two_moment_copy(tmp_path)
    desk = Desk.open(copy, backup=False)
    try:
        assert desk.copied_while_open
        said = "\n".join(desk.notices)
        assert "bob.fcdesk holds reviews of two different moments" in said
        assert "These 2 sentences are not what their history says" in said
        assert "Nothing was changed" in said
        first = next(line for line in said.splitlines() if "sentence 1 of" in line)
        assert f"“{TITLE_WORDS}" in first
        assert "here verdict Mixed, explanation “Second look”" in first
        assert "says verdict True, explanation “First look”" in first
        second = next(line for line in said.splitlines() if "sentence 2 of" in line)
        assert "here no verdict" in second and "says verdict False" in second
        # Never changed: the reviewer decides which is right.
        assert _rating(desk, ids[0]) == "mixed"
        assert _rating(desk, ids[1]) is None
        # The search index only repeats the other tables: mended, and said in a line.
        assert "The search index of bob.fcdesk was incomplete" in said
        assert "was made whole again" in said
        assert "Search index: complete." in desk.upkeep.check().lines
        hits = desk.lookup.search("zebrafish", SearchScope.EXPLANATIONS).hits
        assert [hit.found.row.sentence.id for hit in hits] == [ids[2]]
    finally:
        desk.close()


def test_read_only_it_names_them_and_searches_a_whole_private_index(tmp_path: Path) -> None:
    copy, ids = _two_moment_copy(tmp_path)
    before = _digest(copy)
    reader = Desk.open(copy, read_only=True, backup=False)
    try:
        said = "\n".join(reader.notices)
        assert "holds reviews of two different moments" in said
        assert "sentence 1 of" in said and "sentence 2 of" in said
        assert "an index the desk builds for itself" in said
        hits = reader.lookup.search("zebrafish", SearchScope.EXPLANATIONS).hits
        assert [hit.found.row.sentence.id for hit in hits] == [ids[2]]
        reader.data_version()  # the window's poll keeps the private index: it is the whole one
        hits = reader.lookup.search("zebrafish", SearchScope.EXPLANATIONS).hits
        assert [hit.found.row.sentence.id for hit in hits] == [ids[2]]
    finally:
        reader.close()
    assert _digest(copy) == before  # a reader writes nothing


def test_merged_it_is_refused_naming_the_sentences(tmp_path: Path) -> None:
    copy, _ = _two_moment_copy(tmp_path)
    alice = tmp_path / "alice.fcdesk"
    make_alice(alice)
    theirs = _digest(copy)
    ours = open_as(alice, "Alice")
    try:
        before = dump(ours)
        with pytest.raises(WorkspaceError) as refused:
            ours.merge.merge(copy)
        said = str(refused.value)
        assert said.startswith("bob.fcdesk cannot be merged")
        assert "two different moments" in said and "Nothing was merged" in said
        assert "sentence 1 of" in said and "says verdict True" in said
        assert "File → Save a Copy… in their desk makes a whole one" in said
        assert dump(ours) == before
    finally:
        ours.close()
    assert _digest(copy) == theirs


def test_a_sound_copy_says_nothing_and_a_normal_open_does_not_look(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bob, stick = tmp_path / "bob.fcdesk", tmp_path / "stick"
    stick.mkdir()
    with desk_left_open(bob, "Bob") as desk:
        ids = desk.do("import", SHARED, "shared.txt")
        assert isinstance(ids, list)
        desk.do("verdict", ids[0], "true")
        desk.do("verdict", ids[0], "mixed")
        assert desk.do("settle") is True
        shutil.copyfile(bob, stick / "bob.fcdesk")
    copy = Desk.open(stick / "bob.fcdesk", backup=False)
    try:
        assert copy.copied_while_open
        assert copy.copy_look is not None and not copy.copy_look.unlike
        assert not any("two different moments" in n for n in copy.notices)
    finally:
        copy.close()

    def looked(*args: object, **kwargs: object) -> list[object]:
        raise AssertionError("a workspace that was not copied while open was looked at")

    monkeypatch.setattr(copy_check, "reviews_unlike_history", looked)
    desk = Desk.open(bob, backup=False)  # closed properly: no mark, no look
    try:
        assert desk.copy_look is None
        assert _rating(desk, ids[0]) == "mixed"
    finally:
        desk.close()


def test_once_opened_it_is_still_told_and_refused_until_the_reviews_are_set(
    tmp_path: Path,
) -> None:
    # Opened for editing once, the copy loses the mark of the desk that had it open (the
    # mark is this desk's now, removed as it closes): the next open and a merge must not
    # take its two moments for one.
    copy, ids = _two_moment_copy(tmp_path)
    Desk.open(copy, backup=False).close()
    alice = tmp_path / "alice.fcdesk"
    make_alice(alice)
    ours = open_as(alice, "Alice")
    try:
        with pytest.raises(WorkspaceError, match="two different moments"):
            ours.merge.merge(copy)
    finally:
        ours.close()
    desk = Desk.open(copy, backup=False)
    try:
        assert not desk.copied_while_open  # its own mark, closed properly
        assert any("two different moments" in notice for notice in desk.notices)
        # The reviewer checks both sentences and sets each as they mean it: the first is
        # as meant (changed and changed back, as the box says), the second was False.
        desk.reviews.set_verdict(ids[0], "true")
        desk.reviews.set_verdict(ids[0], "mixed")
        desk.reviews.set_verdict(ids[1], "false")
    finally:
        desk.close()
    desk = Desk.open(copy, backup=False)
    try:
        assert not any("two different moments" in notice for notice in desk.notices)
    finally:
        desk.close()
    desk = Desk.open(copy, backup=False)  # nothing left to look for: no look at all
    try:
        assert desk.copy_look is None
    finally:
        desk.close()
    ours = open_as(alice, "Alice")
    try:
        said = ours.merge.merge(copy).summary()  # every review as its history says: merged
        assert "review" in said and "two different moments" not in said
    finally:
        ours.close()


def _plant_unreadable_wal(copy: Path) -> None:
    """A -wal beside `copy` with a real header and one frame SQLite cannot read (a stale
    one of the same name left in the folder)."""
    other = sqlite3.connect(copy.with_name("other.db"))
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("CREATE TABLE t (x)")
    header = copy.with_name("other.db-wal").read_bytes()[:32]
    other.close()
    copy.with_name(copy.name + "-wal").write_bytes(header + b"\0" * (24 + 4096))


def test_beside_a_wal_sqlite_reads_nothing_of_it_is_told_too(tmp_path: Path) -> None:
    # A `-wal` planted beside the copy (a stale one of the same name in the folder) whose
    # frames SQLite cannot read: not set aside (it damages nothing), and the file is read
    # alone. The copy is still a copy taken while open: its mark names another file.
    copy, ids = _two_moment_copy(tmp_path)
    _plant_unreadable_wal(copy)
    desk = Desk.open(copy, backup=False)
    try:
        said = "\n".join(desk.notices)
        assert "holds reviews of two different moments" in said
        assert "sentence 1 of" in said and "sentence 2 of" in said
        assert _rating(desk, ids[0]) == "mixed"
    finally:
        desk.close()


def test_a_backup_made_while_open_is_not_looked_at_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A backup (Back Up Now, the automatic one) is whole, in one file, and holds the mark
    # of the desk that had the workspace open as it was made: not a copy taken while open.
    # Read (`list`, `export`, a read-only window), it must not pay the look (seconds on a
    # year's workspace), as its open for editing does not.
    bob = tmp_path / "bob.fcdesk"
    desk = Desk.open(bob, backup=False)
    try:
        article_id = desk.importer.import_text(SHARED).article_id
        first = desk.reviews.sentence_rows(article_id)[0].sentence.id
        desk.reviews.set_verdict(first, "true")
        backup = desk.upkeep.backup_now()
    finally:
        desk.close()

    def looked(*args: object, **kwargs: object) -> list[object]:
        raise AssertionError("a backup was looked at as a copy taken while open")

    monkeypatch.setattr(copy_check, "reviews_unlike_history", looked)
    for read_only in (True, False):
        opened = Desk.open(backup, read_only=read_only, backup=False)
        try:
            assert opened.copy_look is None
            assert _rating(opened, first) == "true"
        finally:
            opened.close()


def test_merged_beside_a_wal_sqlite_reads_nothing_of_it_is_refused_too(tmp_path: Path) -> None:
    # The same copy as above, a -wal whose frames SQLite cannot read beside it: opened,
    # it is told (the test above); merged, its two moments must not come in unsaid.
    copy, _ = _two_moment_copy(tmp_path)
    _plant_unreadable_wal(copy)
    alice = tmp_path / "alice.fcdesk"
    make_alice(alice)
    ours = open_as(alice, "Alice")
    try:
        before = dump(ours)
        with pytest.raises(WorkspaceError, match="two different moments"):
            ours.merge.merge(copy)
        assert dump(ours) == before
    finally:
        ours.close()


def test_the_sentences_are_named_in_visible_text_that_keeps_its_order() -> None:
    """The window monkey's open box (seed 2601) showed a NUL of a stored explanation as a
    box glyph; a right-to-left override in a title or an explanation (pasted, or from the
    open web) drew the rest of the line backwards: “Budget yrotsih sti ;…”. Named as
    Check Workspace names them: bidi controls left out, control characters as “?”."""
    one = Unlike(
        sentence_id=7,
        article_id=1,
        article_title="Budget \u202eplan",
        sentence_number=2,
        here={"explanation": "Second\u202e look\x00 here", "claimant": "Ana\u2066 B\x1b[2J"},
        history_says={"explanation": "First look", "claimant": "Ana"},
        at="2026-12-06T10:17:00Z",
        description="Edit\u202e explanation",
    )
    for merged in (False, True):
        note = copy_check.two_moments_note("bob.fcdesk", [one], merged=merged)
        named = note.splitlines()[-1]
        assert named.startswith("  • sentence 2 of “Budget plan”: here explanation “Second")
        assert "“Second look? here”" in named and "claimant “Ana B?[2J”" in named
        assert "(Edit explanation, " in named
        assert not any(c in note for c in "\u202e\u2066\x00\x1b")
        # One sentence is one sentence: its history, not "their".
        assert "This sentence is not what its history" in note
        assert "says it last became" in note and "they last became" not in note
    two = copy_check.two_moments_note("bob.fcdesk", [one, one])
    assert "These 2 sentences are not what their history says they last became" in two
    # An explanation of bidi controls alone is not called none: it differs from none.
    hidden = Unlike(8, 1, "B", 3, {"explanation": "\u202e\u202e"}, {"explanation": ""}, "", "E")
    named = copy_check.two_moments_note("bob.fcdesk", [hidden]).splitlines()[-1]
    assert (
        "here explanation of invisible characters only; its history (E) says no explanation"
        in named
    )
