"""Readers (`list`, `stats`, `export`, a read-only window) of a workspace file copied while
its desk had it open, beside that desk's own `-wal` copied a moment later (a file manager
copying both, a desk's pause between them). The desk moved saves from its `-wal` into its
file in between: those pages are in neither copy, so read together the pair is two
moments at once. The file alone is sound. Found by the kill loop's copies
(tests/stress/kill_loop.py): 61 of 400 such reads were refused as "damaged … restore it
from a backup" (advice that puts an older backup over good work), and 14 showed reviews
older than their own history. A reader reads the file alone and says so; a crash's own
`-wal` is still read, every acknowledged edit with it."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from factcheck_app import config
from factcheck_app.cli import run
from factcheck_app.services.desk import Desk
from factcheck_app.storage import wal_check
from tests.desk_left_open import desk_left_open


def _copy_by_another_program(source: Path, target: Path) -> None:
    """As a file manager copies it: in another process (this one holds the workspace, and
    opening it here by path would drop SQLite's locks)."""
    subprocess.run(["cp", str(source), str(target)], check=True)


def _seeded(path: Path) -> None:
    desk = Desk.open(path, backup=False)
    desk.importer.ensure_seeded(config.seed_dir())
    desk.close()


def _copy_beside_later_wal(tmp_path: Path, before: int, after: int) -> Path:
    """copied/copy.fcdesk taken after `before` long explanations, beside its desk's -wal
    taken after the desk's next pause (its saves moved into its file) and `after` more."""
    path = tmp_path / "w.fcdesk"
    _seeded(path)
    desk = Desk.open(path, backup=False)
    try:
        ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
        for n in range(before):
            desk.reviews.set_text_field(ids[n % len(ids)], "explanation", f"first {n} " * 30)
        copy = tmp_path / "copied" / "copy.fcdesk"
        copy.parent.mkdir()
        _copy_by_another_program(path, copy)
        desk.settle_saves()  # the look that sees the last save
        assert desk.settle_saves()  # the next, on a pause: moved into the file
        for n in range(after):
            desk.reviews.set_text_field(ids[(n * 7) % len(ids)], "explanation", f"later {n}")
        _copy_by_another_program(
            path.with_name(path.name + "-wal"), copy.with_name(copy.name + "-wal")
        )
    finally:
        desk.close()
    assert wal_check.has_unmerged_wal(copy)
    return copy


@pytest.fixture
def refused_pair(tmp_path: Path) -> Path:
    """A pair SQLite's quick check finds damaged, read together."""
    return _copy_beside_later_wal(tmp_path, before=20, after=1)


@pytest.fixture
def mixed_pair(tmp_path: Path) -> Path:
    """A pair the quick check passes, read together: reviews older than their history."""
    return _copy_beside_later_wal(tmp_path, before=60, after=2)


def _reviews(conn: sqlite3.Connection) -> dict[int, tuple[str, str | None]]:
    rows = conn.execute("SELECT sentence_id, explanation, rating FROM reviews").fetchall()
    return {int(r[0]): (str(r[1] or ""), r[2]) for r in rows}


def _alone(path: Path) -> dict[int, tuple[str, str | None]]:
    """The reviews of the file alone (immutable: no -wal read, no file made)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return _reviews(conn)
    finally:
        conn.close()


def _not_as_history_says(conn: sqlite3.Connection) -> list[int]:
    """Reviews that are not what their newest history entry says they became."""
    newest: dict[int, tuple[str, str | None]] = {}
    for entity_id, new in conn.execute(
        "SELECT entity_id, new FROM history WHERE entity = 'review' ORDER BY id"
    ):
        state = json.loads(new) if new else {}
        newest[int(entity_id)] = (str(state.get("explanation") or ""), state.get("rating"))
    reviews = _reviews(conn)
    return sorted(rid for rid, state in newest.items() if reviews.get(rid) != state)


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.name.endswith((".fcdesk", "-wal"))
    }


def test_commands_read_the_sound_file_alone_and_never_say_restore_from_a_backup(
    refused_pair: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = refused_pair
    before = _digests(copy.parent)
    assert run(["list", "-w", str(copy)]) == 0
    listed = capsys.readouterr()
    assert "restore" not in listed.err
    assert "copy.fcdesk was read without it" in listed.err
    assert run(["stats", "-w", str(copy)]) == 0
    assert "read without it" in capsys.readouterr().err
    report = tmp_path / "report.json"
    assert (
        run(["export", "-w", str(copy), "--article", "1", "--format", "json", "-o", str(report)])
        == 0
    )
    said = capsys.readouterr().err
    assert "read without it" in said and "restore" not in said
    exported = json.loads(report.read_text(encoding="utf-8"))["sentences"]
    alone = _alone(copy)
    assert {s["id"]: s["explanation"] or "" for s in exported} == {
        s["id"]: alone.get(s["id"], ("", None))[0] for s in exported
    }
    assert _digests(copy.parent) == before  # neither file changed, nothing set aside


def test_a_read_only_window_shows_the_file_alone_not_two_moments(mixed_pair: Path) -> None:
    copy = mixed_pair
    reader = Desk.open(copy, read_only=True, backup=False)
    try:
        conn = reader.repo.db.conn
        assert _not_as_history_says(conn) == []
        assert _reviews(conn) == _alone(copy)
        said = " ".join(reader.notices)
        assert "copy.fcdesk-wal" in said and "was read without it" in said
        assert "restore" not in said
    finally:
        reader.close()


def test_opened_for_editing_such_a_wal_is_set_aside_as_the_reader_says(
    refused_pair: Path,
) -> None:
    # What the reader's words promise: the editing open keeps it out too, every byte kept.
    desk = Desk.open(refused_pair, backup=False)
    try:
        said = " ".join(desk.notices)
        assert "copy.fcdesk-wal, beside copy.fcdesk, does not fit it" in said
        assert "the file alone is sound" in said and "restore" not in said
        assert _not_as_history_says(desk.repo.db.conn) == []
    finally:
        desk.close()
    assert list((refused_pair.parent / "copy-backups").glob("*wal-set-aside*"))


def test_a_crash_after_the_same_edits_is_read_with_its_wal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same saves, pause and later saves as `mixed_pair`, but the desk is killed and
    # its file and -wal are read where they are: the last saves are in the -wal only.
    path = tmp_path / "w.fcdesk"
    _seeded(path)
    seeded = Desk.open(path, read_only=True)
    ids = [row.sentence.id for row in seeded.reviews.sentence_rows(1)]
    seeded.close()
    with desk_left_open(path, "Ann") as desk:
        for n in range(60):
            desk.do("explain", ids[n % len(ids)], f"first {n} " * 30)
        desk.do("settle")
        for n in range(2):
            desk.do("explain", ids[(n * 7) % len(ids)], f"later {n}")
        desk.do("crash")
    assert wal_check.has_unmerged_wal(path)
    reader = Desk.open(path, read_only=True, backup=False)
    try:
        assert reader.notices == []
        conn = reader.repo.db.conn
        explanations = {e for e, _ in _reviews(conn).values()}
        assert {"later 0", "later 1"} <= explanations
        assert _not_as_history_says(conn) == []
    finally:
        reader.close()
    assert run(["list", "-w", str(path)]) == 0
    assert capsys.readouterr().err == ""


class _ClearedByAnotherLook(dict[object, object]):
    """The look's cache, emptied just after each answer is put in it: as a look on
    another thread (a read-only window's Check Workspace beside its once-a-second look)
    empties it between this look's putting and taking its answer."""

    def __setitem__(self, key: object, value: object) -> None:
        super().__setitem__(key, value)
        self.clear()


def test_a_look_whose_answer_another_look_clears_still_answers(
    refused_pair: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wal_check, "_LOOKED", _ClearedByAnotherLook())
    # It raised KeyError: the reader's open failed with an unexpected error.
    assert wal_check.look_for_reader(refused_pair).unfit == wal_check.APART


def test_a_reader_checks_the_file_alone_once(
    refused_pair: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The look runs SQLite's integrity check on the file alone to call the -wal APART;
    # the open then ran its quick check on that same read again: a second reading of a
    # year's workspace for every `list`, `export` and read-only window beside such a -wal.
    from factcheck_app.storage import workspace

    asked: list[bool] = []
    real = workspace._quick_check

    def quick_check(db: object, path: Path | None, checked: bool = False) -> None:
        asked.append(checked)
        real(db, path, checked)  # type: ignore[arg-type]

    monkeypatch.setattr(workspace, "_quick_check", quick_check)
    assert wal_check.look_for_reader(refused_pair).unfit == wal_check.APART
    desk = Desk.open(refused_pair, read_only=True, backup=False)
    try:
        assert desk.workspace.read_without is not None
    finally:
        desk.close()
    assert asked == [True]  # checked by the look, not read again
