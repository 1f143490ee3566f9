"""A colleague's workspace crafted to break the merge: each value that is not one the
desk writes is left out and counted, and nothing here is lost or half-merged."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.cli import run
from tests.services.merge_fixtures import EXPECTED, make_alice, make_bob, open_as

DEEP_JSON = "[" * 100_000 + "]" * 100_000


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    return alice, bob


def _set(path: Path, statement: str, *params: object) -> None:
    """Change their file by hand, as a crafted file would be (no foreign keys checked)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    with conn:
        conn.execute(statement, params)
    conn.close()


def _merge_leaves_out_one_row(alice: Path, bob: Path) -> None:
    """Alice merges Bob's file: one row is left out and counted, the rest comes in."""
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(bob)
        assert result.skipped == 1
        assert "1 row of it failed the desk's checks and was left out." in result.summary()
        assert {key: result.counts()[key] for key in EXPECTED} == EXPECTED
    finally:
        desk.close()


def test_history_json_nested_too_deeply_is_left_out_and_counted(
    pair: tuple[Path, Path],
) -> None:
    # json.loads raises RecursionError (not ValueError) on it: the merge used to stop
    # with that error, as a bug.
    alice, bob = pair
    _set(bob, "UPDATE history SET old = ? WHERE id = (SELECT max(id) FROM history)", DEEP_JSON)
    _merge_leaves_out_one_row(alice, bob)


def test_a_hand_edited_history_entry_nested_too_deeply_prints_as_no_state(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    alice, _ = pair
    _set(alice, "UPDATE history SET new = ? WHERE id = (SELECT max(id) FROM history)", DEEP_JSON)
    assert run(["history", "-w", str(alice)]) == 0
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("5", '{"url": "https://stats.example/x"}'),
        ('{"url": "https://stats.example/x"}', '"text"'),
        ('{"status": "done", "tag": "claim"}', '{"status": {}, "tag": ["claim"], "stance": []}'),
        ('{"url": 7}', "[1, 2]"),
        ("null", '{"url": {"a": 1}, "excerpt": "x"}'),
    ],
    ids=["before-a-number", "after-text", "unhashable-values", "a-url-number", "a-url-dict"],
)
def test_their_history_entry_of_any_json_shape_is_told_in_words_after_a_merge(
    pair: tuple[Path, Path], old: str, new: str
) -> None:
    # Found by bench/fuzz_readers.py: a history entry whose states are JSON but not the
    # shapes the desk writes came in with the merge, and then every view of the history
    # (the panel, `history`) failed with an internal error on it.
    alice, bob = pair
    _set(
        bob,
        "UPDATE history SET old = ?, new = ? WHERE id = (SELECT max(id) FROM history)",
        old,
        new,
    )
    desk = open_as(alice, "Alice")
    try:
        desk.merge.merge(bob)
        entries = desk.history.entries()
        assert all(isinstance(line, str) for item in entries for line in item.changes)
        assert desk.history.verify().ok
    finally:
        desk.close()
    assert run(["history", "-w", str(alice)]) == 0


def test_a_colleagues_tampered_history_is_named_and_recorded_not_laundered(
    pair: tuple[Path, Path],
) -> None:
    # Their entries are chained again here on merging: without a check, a history changed
    # behind the desk's back verified here, and the change was no longer visible anywhere.
    alice, bob = pair
    _set(bob, "UPDATE history SET actor = 'Mallory' WHERE id = 2")
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(bob)
        assert {key: result.counts()[key] for key in EXPECTED} == EXPECTED
        assert "bob.fcdesk's history does not verify: entry 2 was changed" in result.summary()
        merge_entry = desk.history.entries()[-1]
        assert merge_entry.what == "Merge bob.fcdesk (its history does not verify)"
        assert "entry 2 was changed after it was written" in str(merge_entry.entry.after)
        assert desk.history.verify().ok  # ours is intact, and holds the finding
    finally:
        desk.close()


def test_an_intact_history_merges_without_a_word_about_it(pair: tuple[Path, Path]) -> None:
    alice, bob = pair
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(bob)
        assert "verify" not in result.summary()
        assert "history" not in str(desk.history.entries()[-1].entry.after)
    finally:
        desk.close()


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO reviews (sentence_id, tag, rating, status) VALUES (999999, 'claim', 'false',"
        " 'done')",
        "INSERT INTO review_versions (sentence_id, reviewer, tag, rating, status)"
        " VALUES (999999, 'Bob', 'claim', 'false', 'done')",
        "INSERT INTO sentence_sources (sentence_id, source_id, stance, created_at)"
        " VALUES (999999, (SELECT min(id) FROM sources), 'refutes', '2026-12-03')",
    ],
    ids=["review", "version", "link"],
)
def test_a_row_about_a_sentence_they_do_not_have_is_left_out_and_counted(
    pair: tuple[Path, Path], statement: str
) -> None:
    alice, bob = pair
    _set(bob, statement)
    _merge_leaves_out_one_row(alice, bob)


def test_an_explanation_longer_than_a_review_export_allows_is_left_out_and_counted(
    pair: tuple[Path, Path],
) -> None:
    # A review export refuses more than 1,000,000 characters in a field; a merge took a
    # 10 MB explanation, which then took the window minutes to show.
    alice, bob = pair
    _set(
        bob,
        "UPDATE review_versions SET explanation = ? WHERE reviewer = 'Bob'"
        " AND sentence_id = (SELECT min(sentence_id) FROM review_versions)",
        "x" * 1_000_001,
    )
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(bob)
        assert result.skipped == 1
        longest = desk.workspace.db.execute(
            "SELECT max(length(explanation)) FROM review_versions"
        ).fetchone()[0]
        assert longest < 1_000_000
    finally:
        desk.close()


def test_a_crafted_file_is_refused_saying_how_to_merge_its_work(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Their file holds a trigger the desk never makes: the merge refused it with the
    open's words, "Open a cleaned copy", and no word of merging: the editor opened the
    copy and stopped there, her colleague's work never merged."""
    alice, bob = pair
    _set(bob, "CREATE TRIGGER t AFTER INSERT ON settings BEGIN SELECT 1; END")
    before = _rows(alice)
    assert run(["merge", "-w", str(alice), str(bob)]) == 1
    said = capsys.readouterr().err
    assert "holds a trigger 't' that Factcheck desk never creates" in said
    assert "Nothing was merged" in said
    assert "Open a cleaned copy:" not in said
    assert f"factcheck-app clean -w {bob}" in said and "and merge the copy." in said
    assert _rows(alice) == before


def _rows(path: Path) -> tuple[int, int]:
    """How many reviews and history entries the workspace at `path` holds."""
    conn = sqlite3.connect(path)
    try:
        reviews = conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
        history = conn.execute("SELECT count(*) FROM history").fetchone()[0]
    finally:
        conn.close()
    return reviews, history


def test_a_crafted_file_in_the_window_is_told_the_way_to_merge_its_work(
    pair: tuple[Path, Path],
) -> None:
    from factcheck_app.domain.errors import WorkspaceUntrusted

    alice, bob = pair
    _set(bob, "CREATE VIEW v AS SELECT 1")
    desk = open_as(alice, "Alice")
    try:
        with pytest.raises(WorkspaceUntrusted) as refused:
            desk.merge.merge(bob)
    finally:
        desk.close()
    said = str(refused.value)
    assert said.startswith(f"{bob.name} holds a view 'v' that Factcheck desk never creates")
    assert "File → Open Workspace…" in said and "merge the copy" in said


def test_an_older_file_with_edited_upgrade_records_is_refused_saying_how_to_merge_it(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """An older colleague file whose upgrade records were edited: the refusal, read back
    from the private copy's open, said "The workspace the copy has a record …" and "Open a
    cleaned copy" inside a parenthesis, and no word of merging."""
    alice, _ = pair
    old = alice.with_name("old.fcdesk")
    fixtures = Path(__file__).resolve().parent.parent / "data" / "workspaces"
    shutil.copy(fixtures / "schema-v4.fcdesk", old)
    _set(old, "DELETE FROM _sqlite_migrations WHERE id > 2")
    before = _rows(alice)
    assert run(["merge", "-w", str(alice), str(old)]) == 1
    said = capsys.readouterr().err
    assert "old.fcdesk has a record of its format upgrades that does not match" in said
    assert "the copy" not in said.replace("a cleaned copy", "").replace("merge the copy", "")
    assert "Open a cleaned copy" not in said
    assert "Nothing was merged" in said and "and merge the copy." in said
    assert f"factcheck-app clean -w {old}" in said
    assert _rows(alice) == before
