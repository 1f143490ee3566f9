"""A reader that reads a workspace without the stray -wal beside it (`list`, `stats`,
`export`, a read-only window: see test_stray_wal_readers.py) opens the file immutable,
which holds no SQLite lock. A desk opening the same workspace for editing meanwhile sets
that -wal aside and writes into the file (its open, imports, a checkpoint): the reader
then read pages of two moments and called a sound workspace "damaged … restore it from a
backup" (a restore puts an older backup over good work), or showed stale work without a
word. It must say that another program changed the workspace while it was read, and how
to read it again; read again, it reads it with SQLite's locks, as it is now."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.errors import WorkspaceChangedWhileRead, WorkspaceDamaged
from factcheck_app.services.desk import Desk
from factcheck_app.storage import wal_check
from tests.desk_left_open import desk_left_open
from tests.services.merge_fixtures import SHARED, make_bob

IMPORTS = 30  # enough to move pages: new tables' and indexes' pages, a deeper b-tree


@pytest.fixture
def stray(tmp_path: Path) -> Path:
    return make_stray(tmp_path)


def make_stray(tmp_path: Path) -> Path:
    """Bob's workspace beside the -wal that Carol's crashed desk left (another workspace's,
    of the same name): readers read Bob's file without it."""
    bob = tmp_path / "bob.fcdesk"
    make_bob(bob)
    carol = tmp_path / "carol" / "w.fcdesk"
    carol.parent.mkdir()
    with desk_left_open(carol, "Carol") as desk:
        desk.do("import", SHARED, "shared.txt")
        desk.do("crash")
    folder = tmp_path / "desk"
    folder.mkdir()
    shutil.copyfile(bob, folder / "w.fcdesk")
    shutil.copyfile(carol.with_name("w.fcdesk-wal"), folder / "w.fcdesk-wal")
    return folder / "w.fcdesk"


def edit(path: Path, *, keep_open: bool = False) -> Desk:
    """A desk opens `path` for editing (setting the stray -wal aside), imports IMPORTS
    articles and moves them into the file (the checkpoint a desk makes on a pause)."""
    editor = Desk.open(path, backup=False)
    for number in range(IMPORTS):
        editor.importer.import_text(f"{SHARED} Article {number}.", source_name=f"a{number}.txt")
    if keep_open:
        return editor
    editor.workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    editor.close()
    return editor


def _small_cache(desk: Desk) -> None:
    """As a year's workspace is to SQLite's page cache (2 MB): larger. The reader reads
    most pages from the file again, not from what it read before the writer came."""
    desk.workspace.db.execute("PRAGMA cache_size = 5")


def _read_everything(desk: Desk) -> int:
    articles = desk.articles.list_articles()
    for article in articles:
        desk.reviews.sentence_rows(article.id)
    desk.workspace.db.execute("SELECT count(*) FROM sentences").fetchall()
    return len(articles)


def test_a_read_only_window_is_told_another_program_changed_it_never_damaged(
    stray: Path,
) -> None:
    reader = Desk.open(stray, read_only=True)  # what a read-only window opens
    try:
        assert reader.workspace.read_without is not None
        _small_cache(reader)
        assert _read_everything(reader) == 3
        assert not reader.changed_while_read()
        edit(stray)
        with pytest.raises(WorkspaceChangedWhileRead) as told:
            _read_everything(reader)
        assert reader.changed_while_read()  # what the window's look asks, every second
        assert not isinstance(told.value, WorkspaceDamaged)
        message = str(told.value)
        assert "changed by another program while it was being read" in message
        assert "restore" not in message and "damaged" not in message.replace("not damaged", "")
    finally:
        reader.close()
    again = Desk.open(stray, read_only=True)  # read again: the -wal was set aside
    try:
        assert again.workspace.read_without is None
        assert _read_everything(again) == 3 + IMPORTS
        assert not again.changed_while_read()
    finally:
        again.close()


@pytest.mark.parametrize("torn", [True, False], ids=["torn", "stale"])
@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["stats"],
        ["export", "--article", "1", "--format", "json", "-o", "REPORT"],
    ],
)
def test_a_command_reading_as_a_desk_opens_it_for_editing_says_run_it_again(
    stray: Path,
    tmp_path: Path,
    command: list[str],
    torn: bool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Torn (a year's workspace, larger than SQLite's page cache): the read failed as
    "damaged … restore it from a backup". Stale (all of it still in the reader's cache):
    it printed the workspace as it was before the desk's work, without a word."""
    report = tmp_path / "report.json"
    argv = [str(report) if word == "REPORT" else word for word in command]
    opened = Desk.open

    def open_then_edited(*args: object, **kwargs: object) -> Desk:
        desk = opened(*args, **kwargs)  # type: ignore[arg-type]
        if kwargs.get("read_only"):  # the command's reader, then a desk opens it to edit
            if torn:
                _small_cache(desk)
            edit(stray)
        return desk

    monkeypatch.setattr(Desk, "open", staticmethod(open_then_edited))
    assert run([*argv, "-w", str(stray)]) == 1
    err = capsys.readouterr().err
    assert "changed by another program while it was being read" in err
    assert "Run the command again" in err
    assert "damaged" not in err.replace("not damaged", "") and "restore" not in err
    monkeypatch.setattr(Desk, "open", opened)
    assert run([*argv, "-w", str(stray)]) == 0
    again = capsys.readouterr()
    assert again.err == ""  # read with its locks now: the -wal beside it is gone
    if command == ["list"]:
        assert len(again.out.splitlines()) == 3 + IMPORTS


def test_a_desk_opening_it_for_editing_just_after_the_readers_look_is_read_with_locks(
    stray: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The look found the -wal stray; before the reader's immutable open read anything, a
    desk set it aside and saved work in its own live -wal. The reader read the file alone
    (without that work), saying the -wal beside it was not this workspace's."""
    looked = wal_check.look_for_reader
    editors: list[Desk] = []

    def look_then_edited(path: Path) -> wal_check.ReaderLook:
        look = looked(path)
        if not editors:
            editors.append(edit(stray, keep_open=True))
        return look

    monkeypatch.setattr(wal_check, "look_for_reader", look_then_edited)
    reader = Desk.open(stray, read_only=True)
    try:
        assert reader.workspace.read_without is None
        assert reader.notices == []
        assert _read_everything(reader) == 3 + IMPORTS  # the editor's live -wal read too
    finally:
        reader.close()
        editors[0].close()


def test_a_reader_beside_no_stray_wal_takes_no_moment(stray: Path) -> None:
    """The usual read (no stray -wal) costs nothing more: nothing is recorded or looked at."""
    Desk.open(stray, backup=False).close()  # the -wal set aside
    reader = Desk.open(stray, read_only=True)
    try:
        assert reader.workspace.read_moment is None
        assert not reader.changed_while_read()
    finally:
        reader.close()


def test_check_workspace_of_a_read_only_window_says_changed_not_damaged(stray: Path) -> None:
    """Check Workspace reads the file without the stray -wal too (open_reader): a desk
    opening it for editing half-way through the check made its findings those of two
    moments (a damaged index, pages of the new file under the old one's tree)."""
    from factcheck_app.services.upkeep import BackgroundCheck

    reader = Desk.open(stray, read_only=True)
    edited: list[Desk] = []

    def progress(_per_mille: int, _stage: str) -> None:
        if not edited:  # the check has begun reading: a desk opens it for editing now
            edited.append(edit(stray))

    ended: list[BackgroundCheck] = []
    check = BackgroundCheck(stray, ended.append, progress)
    try:
        check._run()  # in this thread: the progress, and the edit, come between its reads
    finally:
        reader.close()
    assert edited and ended == [check]
    assert check.findings is None
    assert check.error is not None
    assert "changed by another program while it was being read" in check.error
    assert "restore" not in check.error
