"""Two workspaces named alike in one folder (`news.fcdesk` and `news.db`, `news.FCDESK` or
`news` with no suffix) share one backups folder, `news-backups`: the backups of each are
its own, never listed, thinned, removed for room or taken by a restore as the other's."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import unicodedata
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from tests.conftest import SEED_FILE

OTHER_NAMES = ["news.db", "news.FCDESK", "news"]
REAL_CONNECT = sqlite3.connect  # the other program's, never watched (`watch_waits`)


class Usage(NamedTuple):
    total: int
    used: int
    free: int


def make_workspace(path: Path, *, articles: bool = True) -> Path:
    desk = Desk.open(path, backup=False)
    if articles:
        desk.importer.import_file(SEED_FILE)
    desk.close()
    return path


def back_up(path: Path, reason: str = "auto") -> Path:
    conn = sqlite3.connect(path)
    try:
        return backups.take_backup(conn, path, reason)
    finally:
        conn.close()


def listed(path: Path) -> set[Path]:
    return {info.path for info in backups.list_backups(path)}


@pytest.fixture
def usual(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "news.fcdesk")


@pytest.fixture(params=OTHER_NAMES)
def other(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    return make_workspace(tmp_path / request.param, articles=False)


def test_the_usual_workspace_keeps_its_backups_names(usual: Path) -> None:
    made = back_up(usual)
    assert made.parent.name == "news-backups"
    assert made.name.startswith("news-") and made.name.endswith("-auto.fcdesk")
    assert backups.is_backup(made)


def test_each_restore_list_holds_only_its_own_workspaces_backups(usual: Path, other: Path) -> None:
    mine = back_up(usual, "manual")
    theirs = back_up(other, "manual")
    assert listed(usual) == {mine}
    assert listed(other) == {theirs}
    assert backups.is_backup(mine) and backups.is_backup(theirs)


def test_thinning_one_never_removes_the_others_backups(
    usual: Path, other: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = [dt.datetime(2026, 1, 5, 8, 30, tzinfo=dt.UTC)]
    monkeypatch.setattr(backups, "_now", lambda: at[0])
    theirs = []
    for _ in range(5):  # the newest 3 and those of the newest days are kept: 5 on day one
        theirs.append(back_up(other))
        at[0] += dt.timedelta(minutes=1)
    at[0] += dt.timedelta(days=3)
    for _ in range(6):
        back_up(usual)
        at[0] += dt.timedelta(days=1)
    assert all(path.exists() for path in theirs)
    assert set(theirs) <= listed(other)


def test_making_room_on_a_full_disk_never_removes_the_others_backups(
    usual: Path, other: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = [back_up(other) for _ in range(5)]
    mine = [back_up(usual) for _ in range(4)]
    needed = backups._database_bytes(sqlite3.connect(usual)) + backups.BACKUP_HEADROOM
    free = [needed - 1]
    removed_files: list[Path] = []
    real_unlink = Path.unlink

    def unlink(path: Path, missing_ok: bool = False) -> None:
        real_unlink(path, missing_ok=missing_ok)
        removed_files.append(path)
        free[0] = needed  # one removed backup makes room

    monkeypatch.setattr(Path, "unlink", unlink)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: Usage(2**40, 0, free[0]))
    removed = backups._make_room(usual, backups.backup_dir(usual), needed)
    assert removed == [mine[0]]
    assert all(path.exists() for path in theirs)


def test_the_others_fresh_backup_does_not_make_this_ones_look_due(usual: Path, other: Path) -> None:
    back_up(other)
    assert backups.backup_due(usual)
    assert backups.latest_backup_time(usual) is None


def test_an_interrupted_restore_never_puts_the_wal_beside_the_others_set_aside_file(
    usual: Path, other: Path
) -> None:
    theirs = backups.set_aside(other, "before-restore")  # the other's restore, finished
    make_workspace(other, articles=False)
    backup = back_up(usual, "manual")
    # A restore of news.fcdesk killed after its workspace was moved away, its -wal left.
    staging = backups.restoring_path(usual)
    shutil.copy(backup, staging)
    wal = usual.with_name(usual.name + "-wal")
    kept = back_up(usual, "manual")
    usual.unlink()
    wal.write_bytes(b"the last edits")
    said = backups.finish_interrupted_restore(usual)
    assert said is not None
    assert not theirs.with_name(theirs.name + "-wal").exists()
    moved = [p for p in backups.backup_dir(usual).iterdir() if p.name.endswith("-wal")]
    assert len(moved) == 1 and moved[0].read_bytes() == b"the last edits"
    assert moved[0].name.startswith("news-")
    assert kept.exists()


def legacy_name(workspace: Path, reason: str, day: int) -> Path:
    """Where a desk before this change put a backup of `workspace`: named after its stem."""
    name = f"{workspace.stem}-202601{day:02d}-083000Z-{reason}.fcdesk"
    return backups.backup_dir(workspace) / name


@pytest.mark.parametrize("name", OTHER_NAMES)
def test_backups_made_by_earlier_versions_are_still_found(tmp_path: Path, name: str) -> None:
    workspace = make_workspace(tmp_path / name)
    old = legacy_name(workspace, "manual", 2)
    old.parent.mkdir()
    shutil.copy(workspace, old)
    new = back_up(workspace, "manual")
    assert listed(workspace) == {old, new}


def test_earlier_versions_backups_go_to_the_workspace_they_were_made_of(
    usual: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Named alike by an earlier version, the backups of news.db and of news.fcdesk are
    told apart by the workspace each holds."""
    other = make_workspace(tmp_path / "news.db", articles=False)
    folder = backups.backup_dir(usual)
    folder.mkdir()
    theirs = [legacy_name(other, "auto", day) for day in range(1, 6)]
    for path in theirs:
        shutil.copy(other, path)
    ours = legacy_name(usual, "manual", 7)
    shutil.copy(usual, ours)
    assert listed(usual) == {ours}
    assert listed(other) == set(theirs)
    monkeypatch.setattr(backups, "_now", lambda: dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    for _ in range(3):
        back_up(usual)
    assert all(path.exists() for path in theirs)


def test_the_id_read_is_the_workspaces_id() -> None:
    from factcheck_app.storage import wal_check

    assert backups._WORKSPACE_ID == wal_check.WORKSPACE_ID


def test_one_file_opened_by_two_spellings_has_all_its_backups(usual: Path) -> None:
    """On Windows and macOS news.fcdesk and news.FCDESK are one file (a link stands for
    that here): opened by either name, each backup is found."""
    alias = usual.with_name("news.FCDESK")
    alias.symlink_to(usual.name)
    one = back_up(usual, "manual")
    other = back_up(alias, "manual")
    assert other.name.startswith("news.FCDESK-")
    assert listed(usual) == listed(alias) == {one, other}


def older_backups(workspace: Path, hours: tuple[int, ...]) -> list[Path]:
    """Automatic backups of `workspace` named by an earlier version, three a day for three
    days: thinning a month later keeps one of each day."""
    folder = backups.backup_dir(workspace)
    folder.mkdir(exist_ok=True)
    made = []
    for day in (1, 2, 3):
        for hour in hours:
            path = folder / f"{workspace.stem}-202601{day:02d}-{hour:02d}0000Z-auto.fcdesk"
            shutil.copy(workspace, path)
            made.append(path)
    return made


def spoil(path: Path, how: str) -> None:
    if how == "emptied":  # a sync tool, a full disk: the one file left to restore from
        path.write_bytes(b"")
    elif how == "garbled":  # a sync tool's placeholder, a page of another file
        path.write_bytes(b"<html>Sign in to see this file</html>" * 100)
    else:  # torn: the first pages only
        path.write_bytes(path.read_bytes()[:1000])


@pytest.mark.parametrize("how", ["emptied", "torn", "garbled"])
@pytest.mark.parametrize("spoilt_name", ["news.fcdesk", "news.db"])
def test_a_namesake_that_cannot_be_read_keeps_its_earlier_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoilt_name: str, how: str
) -> None:
    """news.db emptied, torn or garbled beside a sound news.fcdesk (or the other way round): its
    earlier backups are all it has. Its "Restore from Backup…" finds them; the sound one
    neither lists them nor thins them away with its own."""
    usual = make_workspace(tmp_path / "news.fcdesk")
    other = make_workspace(tmp_path / "news.db", articles=False)
    spoilt, sound = (usual, other) if spoilt_name == "news.fcdesk" else (other, usual)
    theirs = older_backups(spoilt, (8, 12, 16))
    ours = older_backups(sound, (9, 13, 17))
    spoil(spoilt, how)
    assert listed(spoilt) == set(theirs)
    assert listed(sound) == set(ours)
    monkeypatch.setattr(backups, "_now", lambda: dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    assert backups.prune_backups(sound)  # its own are thinned
    assert all(path.exists() for path in theirs)


def test_a_restore_of_a_namesake_finished_later_takes_its_own_set_aside_file(
    usual: Path, other: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """news.db's restore killed with its file moved away and its -wal left; news.fcdesk
    restored since: finishing news.db's puts that -wal after news.db's set-aside file,
    not after news.fcdesk's (with news.db missing, every bare-named backup was its own)."""
    backup = older_backups(usual, (9,))[0]
    at = [dt.datetime(2026, 1, 5, 8, 30, tzinfo=dt.UTC)]
    monkeypatch.setattr(backups, "_now", lambda: at[0])
    shutil.copy(other, backups.restoring_path(other))
    mine = backups.set_aside(other, "before-restore")
    other.with_name(other.name + "-wal").write_bytes(b"the last edits")
    at[0] += dt.timedelta(minutes=5)
    theirs = backups.restore_backup(usual, backup)  # news.fcdesk's restore, since
    assert theirs is not None
    assert backups.finish_interrupted_restore(other) is not None
    assert mine.with_name(mine.name + "-wal").read_bytes() == b"the last edits"


def test_an_article_named_alike_beside_takes_no_backups(usual: Path, tmp_path: Path) -> None:
    """news.txt (an article) beside news.fcdesk and news.db is no workspace: a backup of
    a workspace no longer here (news.fcdesk started anew) stays listed by news.fcdesk,
    as it would be by a damaged namesake only."""
    make_workspace(tmp_path / "news.db", articles=False)
    (tmp_path / "news.txt").write_text("The mayor said 40 per cent.", encoding="utf-8")
    old = older_backups(usual, (9,))[0]
    conn = sqlite3.connect(old)
    with conn:
        conn.execute(
            "UPDATE settings SET value = 'a workspace since replaced' WHERE key = ?",
            [backups._WORKSPACE_ID],
        )
    conn.close()
    assert old in listed(usual)


def test_whether_a_backup_is_due_opens_only_the_backups_of_its_hours(
    usual: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked as the window opens, on its thread: with a namesake beside, reading whose
    every backup is (each opened, ~10 ms) took 0.4 s over 40 of them. Only those made
    within the hours a backup counts for are opened; the other's fresh one still counts
    for nothing here."""
    other = make_workspace(tmp_path / "news.db", articles=False)
    older_backups(usual, (9, 13, 17))
    at = dt.datetime(2026, 2, 1, 10, tzinfo=dt.UTC)
    theirs = backups.backup_dir(usual) / f"news-{at:%Y%m%d-%H%M%S}Z-auto.fcdesk"
    shutil.copy(other, theirs)  # news.db's, named as before
    monkeypatch.setattr(backups, "_now", lambda: at + dt.timedelta(hours=1))
    opened: list[Path] = []
    real_read = backups._workspace_id

    def read(path: Path) -> str | None:
        opened.append(path)
        return real_read(path)

    monkeypatch.setattr(backups, "_workspace_id", read)
    assert backups.backup_due(usual)
    assert set(opened) <= {usual, other, theirs}


@pytest.mark.parametrize("name", ["news.2026-12", "news.v2-final"])
def test_a_namesake_whose_suffix_holds_a_dash_is_one_all_the_same(
    usual: Path, tmp_path: Path, name: str
) -> None:
    """A workspace renamed `news.2026-12` beside news.fcdesk shares news-backups as
    news.db does: its backups named as before are its own, not news.fcdesk's (only the
    -wal, -shm and -journal beside a workspace are not workspaces)."""
    other = make_workspace(tmp_path / name, articles=False)
    theirs = set(older_backups(other, (8,)))
    ours = set(older_backups(usual, (9,)))
    assert listed(usual) == ours
    assert listed(other) == theirs


def test_a_backup_whose_name_was_cut_short_opens_as_a_backup(tmp_path: Path) -> None:
    """A workspace not named .fcdesk deep in a shared drive's folders: its backups' names
    are cut short to fit the path (`election night live chec.db-TIME-KIND`). Opened
    with File → Open, one opened for editing, as if it were a workspace of its own (the
    oldest are deleted as new ones are made, and the work done in it with them)."""
    name = "election night live checks, regional results.db"
    deep = tmp_path
    while backups.backup_stem(deep / name) == f"{Path(name).stem}.db":  # not cut yet
        deep = deep / "Newsroom shared drive, fact-checking desk"
    deep.mkdir(parents=True)
    workspace = make_workspace(deep / name)
    made = back_up(workspace, "manual")
    assert backups.is_backup(made)
    desk = Desk.open(made, backup=False)
    try:
        assert desk.read_only
    finally:
        desk.close()


def made_by_0_1_0(backup: Path) -> Path:
    """As version 0.1.0 made it: its workspace carried no workspace id yet."""
    conn = sqlite3.connect(backup)
    with conn:
        conn.execute("DELETE FROM settings WHERE key = ?", [backups._WORKSPACE_ID])
    conn.close()
    return backup


def test_backups_made_by_0_1_0_stay_listed_by_each_and_thinned_by_none(
    usual: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Upgrading from 0.1.0 with news.fcdesk and news.db in one folder: every backup there
    is named news-TIME-KIND and holds no workspace id, so nothing says whose it is. They
    all went to news.fcdesk: news.db's Restore dialog had none of its own, and
    news.fcdesk's thinning deleted news.db's. Now each lists them, and neither thins
    them (those made since are told apart and thinned as ever)."""
    other = make_workspace(tmp_path / "news.db", articles=False)
    theirs = [made_by_0_1_0(path) for path in older_backups(other, (8, 12, 16))]
    ours = [made_by_0_1_0(path) for path in older_backups(usual, (9, 13, 17))]
    assert set(theirs) <= listed(other)
    assert set(ours) <= listed(usual)
    monkeypatch.setattr(backups, "_now", lambda: dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    for workspace in (usual, other):
        assert backups.prune_backups(workspace) == []
    assert all(path.exists() for path in theirs + ours)


@pytest.mark.parametrize("beside", ["news.xlsx", "news.csv", "news.jpg", "news.mp3", "news.zip"])
def test_a_document_named_alike_beside_takes_no_backups(tmp_path: Path, beside: str) -> None:
    """A spreadsheet, a photo or a recording named as the workspace (election.fcdesk and
    election.xlsx) is no workspace, as an article news.txt is none: the backups of the
    workspace before it was started anew (emptied by a sync tool, "Start a New Workspace
    There") stay listed by it. They were listed by nothing: taken for those of a damaged
    workspace, the spreadsheet's."""
    before = make_workspace(tmp_path / "news.fcdesk")
    old = older_backups(before, (9,))
    before.unlink()
    started_anew = make_workspace(tmp_path / "news.fcdesk", articles=False)
    (tmp_path / beside).write_bytes(b"PK\x03\x04 a document of its own, not SQLite" * 40)
    assert set(old) <= listed(started_anew)


def test_another_programs_database_named_alike_beside_takes_no_backups(tmp_path: Path) -> None:
    """news.db beside news.fcdesk may be another program's database (a scraper's): sound
    SQLite without the desk's tables, which no desk opens as a workspace. The backups of
    news.fcdesk from before it was started anew stay listed by it; taken for those of a
    damaged workspace, news.db, they were listed by none."""
    before = make_workspace(tmp_path / "news.fcdesk")
    old = older_backups(before, (9,))
    before.unlink()
    started_anew = make_workspace(tmp_path / "news.fcdesk", articles=False)
    scraper = sqlite3.connect(tmp_path / "news.db")
    with scraper:
        scraper.execute("CREATE TABLE stories (url TEXT PRIMARY KEY, title TEXT)")
        scraper.execute("INSERT INTO stories VALUES ('https://example.org/1', 'Budget vote')")
    scraper.close()
    assert set(old) <= listed(started_anew)


@contextlib.contextmanager
def written_by_another_program(path: Path) -> Iterator[None]:
    """Another program in the middle of a write to `path` (a second desk, a script, DB
    Browser with unsaved changes): its write transaction holds the file, and a reader
    gets SQLITE_BUSY until it ends."""
    holder = REAL_CONNECT(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("SELECT count(*) FROM sqlite_master").fetchone()
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


class WatchedConnection(sqlite3.Connection):
    """A connection that says, as it closes, how long it would have waited for a lock."""

    watched: list[tuple[Path, int]]
    path: Path

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            wait = int(self.execute("PRAGMA busy_timeout").fetchone()[0])
            self.watched.append((self.path, wait))
        super().close()


def watch_waits(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, int]]:
    """(file, milliseconds a statement waits for another program's lock) for every
    connection the backups' code opens by path."""
    watched: list[tuple[Path, int]] = []
    real_connect = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(database, *args, factory=WatchedConnection, **kwargs)
        conn.watched = watched
        name = os.fsdecode(database).split("?")[0].removeprefix("file://")
        conn.path = Path(urllib.parse.unquote(name))
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    return watched


def test_a_namesake_held_by_another_program_is_never_waited_for(
    usual: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """news.db beside news.fcdesk in the middle of another program's write: asked as the
    window opens, on its thread, whose each earlier backup is, reading news.db's id
    waited SQLite's 5 s for the lock (twice). It is not waited for: held, it counts as
    a namesake that cannot be read now, so its backups are neither listed by
    news.fcdesk nor thinned with news.fcdesk's own."""
    other = make_workspace(tmp_path / "news.db", articles=False)
    theirs = older_backups(other, (8, 12, 16))
    ours = older_backups(usual, (9, 13, 17))
    monkeypatch.setattr(backups, "_now", lambda: dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    waits = watch_waits(monkeypatch)
    with written_by_another_program(other):
        assert backups.backup_due(usual)
        assert listed(usual) == set(ours)
        removed = backups.prune_backups(usual)
    assert removed and set(removed) <= set(ours)  # its own are thinned
    assert all(path.exists() for path in theirs)
    assert (other, 0) in waits
    assert {wait for _path, wait in waits} == {0}


def test_a_backup_held_by_another_program_is_never_waited_for_nor_removed(
    usual: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One of the earlier backups opened by another program mid-write (DB Browser with
    changes not yet written): whose it is cannot be read now. Listing and thinning go on
    at once, and it is kept."""
    make_workspace(tmp_path / "news.db", articles=False)
    ours = older_backups(usual, (9, 13, 17))
    held = ours[1]  # thinned a month later, were it read: the second of its day
    monkeypatch.setattr(backups, "_now", lambda: dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    waits = watch_waits(monkeypatch)
    with written_by_another_program(held):
        backups.list_backups(usual)
        removed = backups.prune_backups(usual)
    assert removed and held not in removed
    assert held.exists()
    assert (held, 0) in waits
    assert {wait for _path, wait in waits} == {0}


def case_insensitive_disk(folder: Path, *spellings: tuple[str, str]) -> None:
    """What a Windows or macOS disk does for these names, by links: each (spelling, file)
    opens `file`, as `News-backups` opens `news-backups` there. (The links are listed in
    the folder too, which such a disk does not do; each stands for a file seen.)"""
    for spelling, name in spellings:
        (folder / spelling).symlink_to(name)


def test_on_a_case_insensitive_disk_a_namesake_spelled_otherwise_keeps_its_backups(
    usual: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """News.db beside news.fcdesk on a newsroom's Windows or macOS desktop: both back up
    into one folder (`news-backups` and `News-backups` are one there), and News.db's
    backups made before 6 December are named `News-…`, which news.fcdesk took for its
    own made while it was opened as News.fcdesk. Its Restore dialog offered them and
    its thinning deleted them, though News.db was never found as a namesake (its name
    does not begin `news`)."""
    other = make_workspace(tmp_path / "News.db", articles=False)
    ours = older_backups(usual, (9, 13, 17))
    case_insensitive_disk(
        tmp_path, ("News-backups", "news-backups"), ("News.fcdesk", "news.fcdesk")
    )
    theirs = older_backups(other, (8, 12, 16))
    assert all(path.parent.samefile(backups.backup_dir(usual)) for path in theirs)
    assert listed(usual) == set(ours)
    monkeypatch.setattr(backups, "_now", lambda: dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    assert backups.prune_backups(usual)  # its own are thinned
    assert all(path.exists() for path in theirs)


@pytest.mark.parametrize("name", ["News.db", "NEWS.DB", "News"])
def test_a_namesake_spelled_otherwise_is_one_where_it_shares_the_backups_folder(
    usual: Path, tmp_path: Path, name: str
) -> None:
    other = make_workspace(tmp_path / name, articles=False)
    backups.backup_dir(usual).mkdir()
    assert other not in backups._Namesakes(usual)._beside()  # its own folder on this disk
    case_insensitive_disk(tmp_path, (f"{other.stem}-backups", "news-backups"))
    assert backups._Namesakes(usual)._beside() == [other]


def test_the_restore_list_reads_each_backup_once_beside_a_namesake(
    usual: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Restore dialog's list with news.db beside news.fcdesk: each backup named as
    before was opened twice, once for whose it is and once for its articles (~10 ms
    each: 0.4 s over 40 backups before the dialog showed). Once each, and every count
    is still shown."""
    other = make_workspace(tmp_path / "news.db", articles=False)
    ours = older_backups(usual, (9, 13, 17))
    theirs = older_backups(other, (8,))
    with contextlib.closing(sqlite3.connect(usual)) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert articles
    watched = watch_waits(monkeypatch)
    infos = backups.list_backups(usual)
    assert {info.path: info.article_count for info in infos} == dict.fromkeys(ours, articles)
    opened = [path for path, _wait in watched]
    assert all(opened.count(path) == 1 for path in ours + theirs)


def test_no_unclaimed_backups_pile_up_beside_a_namesake(
    usual: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Backups no workspace beside holds are never thinned (nothing says whose they are,
    docs/safety.md), so none may be made day after day: every backup the desk makes holds
    its workspace's id, given back at the next open if another tool deleted it, and that
    workspace thins them."""
    make_workspace(tmp_path / "news.db", articles=False)
    made_by_0_1_0(usual)  # as 0.1.0 left it, or the id deleted with the sqlite3 shell
    at = [dt.datetime(2026, 1, 5, 8, 30, tzinfo=dt.UTC)]
    monkeypatch.setattr(backups, "_now", lambda: at[0])
    for _day in range(20):
        desk = Desk.open(usual, backup=False)
        try:
            desk.upkeep.backup_now("auto")
        finally:
            desk.close()
        at[0] += dt.timedelta(days=1)
    kept = listed(usual)
    assert len(kept) == backups.KEEP_DAILY  # one a day of the newest 14, as without news.db
    assert len(list(backups.backup_dir(usual).iterdir())) == len(kept)


@pytest.mark.parametrize("folder", ["News-backups", "NEWS-backups"])
def test_a_backup_in_its_folder_spelled_otherwise_opens_as_a_backup(
    usual: Path, tmp_path: Path, folder: str
) -> None:
    """On Windows and macOS the folder keeps the case of the workspace that made it first:
    News.db's `News-backups` holds news.fcdesk's `news-TIME-KIND.fcdesk` too. Opened with
    File → Open, such a backup opened for editing, as if it were a workspace of its own
    (the oldest are deleted as new ones are made, and the work done in it with them)."""
    backup = back_up(usual, "auto")
    spelled = tmp_path / folder / backup.name
    spelled.parent.mkdir()
    shutil.copy(backup, spelled)
    assert backups.is_backup(spelled)
    desk = Desk.open(spelled, backup=False)
    try:
        assert desk.read_only
    finally:
        desk.close()


def as_hfs_plus_lists_it(folder: Path, workspace: Path) -> str:
    """What a macOS disk formatted Mac OS Extended (HFS+, still many a USB stick's and
    backup drive's) does, by renames and a link: it keeps every name decomposed (`ü` as
    `u` and a combining diaeresis) and lists it so, whatever form it was made by (the
    desk's paths, from Qt, are composed), and a name in either form opens the one file.
    Each backup in `folder` is renamed as listed there, and the workspace's decomposed
    name opens it. Its decomposed stem."""
    decomposed = unicodedata.normalize("NFD", workspace.stem)
    for path in list(folder.iterdir()):
        path.rename(path.with_name(unicodedata.normalize("NFD", path.name)))
    workspace.with_name(decomposed + workspace.suffix).symlink_to(workspace.name)
    return decomposed


@pytest.mark.parametrize("name", ["Zürich.fcdesk", "Élections 2027.db"])
def test_on_an_hfs_plus_disk_a_workspace_named_with_accents_finds_its_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Zürich.fcdesk on a Mac OS Extended USB stick: its backups, named `Zürich-…` as the
    window's path spells it, were listed by the disk as `Zu\u0308rich-…`, not its stem as
    spelled, and none was taken for its own: Restore from Backup listed none, a backup
    was made at every open (none looked recent) and none was ever thinned."""
    workspace = make_workspace(tmp_path / unicodedata.normalize("NFC", name))
    made = back_up(workspace, "manual")
    older = older_backups(workspace, (9, 13, 17))  # as named before 6 December
    as_hfs_plus_lists_it(backups.backup_dir(workspace), workspace)
    stored = set(backups.backup_dir(workspace).iterdir())
    assert made not in stored  # listed decomposed
    assert listed(workspace) == stored
    assert not backups.backup_due(workspace)
    monkeypatch.setattr(backups, "_now", lambda: dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    first_day = [p.with_name(unicodedata.normalize("NFD", p.name)) for p in older[:2]]
    assert sorted(backups.prune_backups(workspace)) == sorted(first_day)  # its 17:00 kept


def test_on_an_hfs_plus_disk_a_namesakes_backups_stay_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zürich.db beside Zürich.fcdesk there: the backups Zürich.db made before 6 December
    (`Zürich-…`, listed decomposed) are asked whose they are, as those of the stem."""
    usual = make_workspace(tmp_path / "Zürich.fcdesk")
    other = make_workspace(tmp_path / "Zürich.db", articles=False)
    theirs = older_backups(other, (8, 12, 16))
    ours = older_backups(usual, (9, 13, 17))
    as_hfs_plus_lists_it(backups.backup_dir(usual), usual)
    (tmp_path / unicodedata.normalize("NFD", "Zürich.db")).symlink_to("Zürich.db")
    decomposed = {path.with_name(unicodedata.normalize("NFD", path.name)) for path in ours}
    assert listed(usual) == decomposed
    monkeypatch.setattr(backups, "_now", lambda: dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    assert set(backups.prune_backups(usual)) < decomposed
    assert all(path.with_name(unicodedata.normalize("NFD", path.name)).exists() for path in theirs)


@pytest.mark.parametrize("name", ["a\nb.fcdesk", "news\n.fcdesk"])
def test_the_backups_of_a_workspace_named_with_a_line_break_are_its_own(
    name: str, tmp_path: Path
) -> None:
    """A backup's name was read by a pattern whose stem stopped at a line break: a
    workspace named with one had none of its backups listed (the damaged box said "No
    backups were found" beside them, Restore listed none), and each open made another."""
    path = make_workspace(tmp_path / name)
    Desk.open(path).close()  # an automatic backup
    Desk.open(path).close()  # not due again
    [made] = backups.backup_dir(path).glob("*.fcdesk")
    assert [b.path for b in backups.list_backups(path)] == [made]
    assert backups.is_backup(made)
    # A name that ends after the ".fcdesk" (a line break) is no backup of it.
    assert not backups.is_backup(made.with_name(made.name + "\n"))
