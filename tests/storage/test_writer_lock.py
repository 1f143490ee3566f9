"""One writer per workspace across processes, read commands that write nothing, and the
command line's one sentence for every workspace it cannot use (issue 12)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceError, WorkspaceFull, WorkspaceInUse
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups, locking
from factcheck_app.storage.migrations import SCHEMA_VERSION
from tests.conftest import REPO_ROOT, SEED_FILE

# A stand-in for the window in another process: holds the workspace open for writing
# (its writer lock and session mark), tags a sentence, then waits to be told or killed.
HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from factcheck_app.domain.models import Tag
    from factcheck_app.services.desk import Desk
    desk = Desk.open(Path(sys.argv[1]), purpose="the desk window")
    desk.reviews.set_tag(desk.reviews.sentence_rows(1)[2].sentence.id, Tag.CLAIM)
    print("ready", flush=True)
    sys.stdin.readline()
    desk.close()
    """
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    return env


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The real `factcheck-app` entry point in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "factcheck_app", *map(str, args)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def assert_one_sentence(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("factcheck-app: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    return path


@pytest.fixture
def holder(workspace: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(workspace)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


def test_the_test_suite_refuses_to_open_a_live_workspace_by_path(workspace: Path) -> None:
    """The guard in tests/conftest.py: reading the file while a desk has it open fails."""
    desk = Desk.open(workspace)
    try:
        with pytest.raises(AssertionError, match="drops SQLite's locks"):
            workspace.read_bytes()
        with pytest.raises(AssertionError):
            os.open(workspace.with_name(workspace.name + "-wal"), os.O_RDONLY)
    finally:
        desk.close()
    assert workspace.read_bytes()  # closed: reading it is harmless again


def test_importing_the_open_workspace_as_an_article_is_refused(workspace: Path) -> None:
    desk = Desk.open(workspace)
    try:
        disguised = workspace.with_name("story.txt")
        disguised.symlink_to(workspace)
        with pytest.raises(Exception, match="workspace file open in this desk"):
            desk.importer.import_file(disguised)
    finally:
        desk.close()


def test_a_workspace_opened_through_a_symbolic_link_has_one_writer_lock(
    workspace: Path,
) -> None:
    """The lock file was named after the path given: a window on `link.fcdesk` and a
    command on the file it points to each took a lock of their own and wrote at once."""
    Desk.open(workspace).close()
    link = workspace.with_name("shortcut.fcdesk")
    link.symlink_to(workspace.name)
    desk = Desk.open(link)
    try:
        with pytest.raises(WorkspaceInUse):
            Desk.open(workspace)
    finally:
        desk.close()
    desk = Desk.open(workspace)
    try:
        with pytest.raises(WorkspaceInUse):
            Desk.open(link)
    finally:
        desk.close()


def test_a_second_writer_is_refused_naming_the_first_and_the_lock_dies_with_it(
    workspace: Path, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(WorkspaceInUse, match=f"the desk window, process {holder.pid}"):
        Desk.open(workspace)
    holder.send_signal(signal.SIGKILL)  # a crash never leaves the workspace locked
    holder.wait()
    desk = Desk.open(workspace)
    try:
        # The killed holder's tag is there, and reported as not confirmed.
        assert [e["description"] for e in desk.unconfirmed_edits] == ["Tag as Claim"]
    finally:
        desk.close()


def test_a_lock_file_deleted_under_the_window_still_keeps_a_second_writer_out(
    workspace: Path, holder: subprocess.Popen[str], tmp_path: Path
) -> None:
    """A clean-up script (`rm *.lock`) or a sync tool deleted NAME.fcdesk.lock while the
    window held it: the next program made a new one, took it and wrote beside the window,
    a second writer whose Ctrl+Z put back what the window had saved since (and whose
    session took the window's crash mark). It is refused, naming the window."""
    lock = locking.lock_path(workspace)
    lock.unlink()
    with pytest.raises(WorkspaceInUse, match=f"process {holder.pid} on this computer.*deleted"):
        Desk.open(workspace)
    article = tmp_path / "other.txt"
    article.write_text("A second article. It has two sentences.", encoding="utf-8")
    result = cli("import", "-w", workspace, article)
    assert_one_sentence(result, "being changed by another Factcheck desk", "lock file")
    reader = Desk.open(workspace, read_only=True)  # what a second window is offered
    try:
        assert [a.title[:6] for a in reader.articles.list_articles()] == ["Ankara"]
    finally:
        reader.close()
    _kill(holder)  # the window gone, the workspace is free again, its crash still told
    desk = Desk.open(workspace)
    try:
        assert [e["description"] for e in desk.unconfirmed_edits] == ["Tag as Claim"]
    finally:
        desk.close()
    assert lock.exists()


def test_a_lock_file_made_afresh_looks_for_a_holder_only_then(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The look through the computer's processes is made only when the lock file had to
    be made (a workspace copied here, or its lock deleted), not at every open."""
    looked: list[Path] = []
    real = locking.holders_of_deleted
    monkeypatch.setattr(locking, "holders_of_deleted", lambda p: looked.append(p) or real(p))
    locking.lock_path(workspace).unlink()
    Desk.open(workspace).close()
    Desk.open(workspace).close()
    assert looked == [locking.lock_path(workspace)]


def start_cli(*args: str) -> subprocess.Popen[str]:
    """A command-line run left going (to wait for the window's lock)."""
    return subprocess.Popen(
        [sys.executable, "-m", "factcheck_app", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def close_window(holder: subprocess.Popen[str]) -> None:
    """Tell the window process to close its workspace (releasing the lock)."""
    assert holder.stdin is not None
    holder.stdin.write("close\n")
    holder.stdin.flush()


def test_cli_writes_beside_the_window_are_refused_in_one_line_or_wait(
    workspace: Path, holder: subprocess.Popen[str], tmp_path: Path
) -> None:
    article = tmp_path / "other.txt"
    article.write_text("A second article. It has two sentences.", encoding="utf-8")
    before = digest(workspace.with_name(workspace.name + "-wal"))
    result = cli("import", "-w", workspace, article)
    assert_one_sentence(result, "being changed by another Factcheck desk", "--wait")
    assert result.returncode == 1
    assert digest(workspace.with_name(workspace.name + "-wal")) == before  # nothing written
    started = time.monotonic()
    command = ["import", "-w", str(workspace), "--wait", "60", str(article)]
    waiting = start_cli(*command)
    close_window(holder)
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert out.startswith("2\t2\t") and time.monotonic() - started < 60


def test_import_review_beside_the_window_is_refused_in_words_or_waits(
    workspace: Path, holder: subprocess.Popen[str], tmp_path: Path
) -> None:
    """import-review took --wait but opened the workspace without it."""
    review = tmp_path / "review.json"
    exported = cli("export", "-w", workspace, "--article", "1", "--format", "json", "-o", review)
    assert exported.returncode == 0, exported.stderr
    result = cli("import-review", "-w", workspace, review)
    assert_one_sentence(result, "being changed by another Factcheck desk", "--wait")
    command = ["import-review", "-w", str(workspace), "--wait", "60", str(review)]
    waiting = start_cli(*command)
    close_window(holder)
    _out, err = waiting.communicate(timeout=60)
    # It waited for the window, then read the workspace: this very article is there.
    assert "being changed" not in err and "already in the workspace (article 1)" in err


def test_read_commands_beside_the_window_leave_its_crash_mark_and_wal_alone(
    workspace: Path, holder: subprocess.Popen[str], tmp_path: Path
) -> None:
    wal = workspace.with_name(workspace.name + "-wal")
    assert wal.stat().st_size > 0  # the holder's tag is still only in the WAL
    for args in (
        ("list", "-w", workspace),
        ("search", "-w", workspace, "Ganja"),
        ("export", "-w", workspace, "--article", "1", "--format", "json"),
        ("export", "-w", workspace, "--format", "summary-csv"),
    ):
        result = cli(*args)
        assert result.returncode == 0, result.stderr
        assert wal.exists() and wal.stat().st_size > 0
    holder.send_signal(signal.SIGKILL)  # then the window crashes
    holder.wait()
    desk = Desk.open(workspace)
    try:
        assert [e["description"] for e in desk.unconfirmed_edits] == ["Tag as Claim"]
        assert desk.reviews.review(desk.reviews.sentence_rows(1)[2].sentence.id).tag is Tag.CLAIM
    finally:
        desk.close()
    assert sqlite3.connect(workspace).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_read_commands_write_nothing(workspace: Path) -> None:
    Desk.open(workspace).close()
    before = digest(workspace)
    backups_before = sorted(p.name for p in backups.backup_dir(workspace).glob("*"))
    for args in (
        ("list", "-w", workspace),
        ("search", "-w", workspace, "Ganja"),
        ("export", "-w", workspace, "--article", "1", "--format", "md"),
    ):
        assert cli(*args).returncode == 0
    assert digest(workspace) == before
    assert sorted(p.name for p in backups.backup_dir(workspace).glob("*")) == backups_before
    conn = sqlite3.connect(f"{workspace.as_uri()}?mode=ro", uri=True)
    assert conn.execute("SELECT value FROM settings WHERE key = 'session.open'").fetchall() == []


# -- one sentence for every workspace the command line cannot use ------------------------------


def test_newer_schema_is_read_but_never_written(workspace: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(workspace)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(workspace)
    assert cli("list", "-w", workspace).returncode == 0
    result = cli("import", "-w", workspace, SEED_FILE)
    assert_one_sentence(result, "newer version of Factcheck desk")
    assert digest(workspace) == before


def test_damaged_workspace_is_one_sentence_for_every_command(workspace: Path) -> None:
    data = bytearray(workspace.read_bytes())
    data[4096 * 2 : 4096 * 6] = bytes(range(256)) * 64  # trample a few pages
    workspace.write_bytes(bytes(data))
    for args in (
        ("list", "-w", workspace),
        ("search", "-w", workspace, "Ganja"),
        ("export", "-w", workspace, "--article", "1", "--format", "json"),
        ("import", "-w", workspace, SEED_FILE),
    ):
        assert_one_sentence(cli(*args), "damaged")
    assert workspace.read_bytes() == bytes(data)


def test_not_a_workspace_is_one_sentence(tmp_path: Path) -> None:
    other = tmp_path / "notes.fcdesk"
    other.write_bytes(b"just some notes, not a database\n" * 100)
    for args in (("list", "-w", other), ("import", "-w", other, SEED_FILE)):
        assert_one_sentence(cli(*args), "not a Factcheck desk workspace")


def _unprivileged() -> list[str] | None:
    """A command prefix that runs a child as an ordinary user, or None."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def reachable_folder() -> Iterator[Path]:
    """A folder of its own (0755) that another user can reach. Not under pytest's tmp
    tree: another pytest run on the machine resets /tmp/pytest-of-<user> to 0700 at
    any moment, and the other user then cannot even reach the workspace."""
    folder = Path(tempfile.mkdtemp(prefix="factcheck-read-only-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            if path.is_dir():
                path.chmod(0o700)
        shutil.rmtree(folder, ignore_errors=True)


def test_read_only_workspace_reads_and_refuses_writes_in_one_sentence(
    reachable_folder: Path,
) -> None:
    prefix = _unprivileged()
    if prefix is None:
        pytest.fail("needs setpriv (util-linux) to test permissions as root")
    folder = reachable_folder / "desk"
    folder.mkdir()
    workspace = folder / "w.fcdesk"
    desk = Desk.open(workspace)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    workspace.chmod(0o444)
    folder.chmod(0o555)  # neither the file nor its folder can be written
    before = digest(workspace)
    home = reachable_folder / "home"
    home.mkdir(mode=0o777)
    home.chmod(0o777)
    env = _env() | {"HOME": str(home), "FACTCHECK_DATA_DIR": str(home / "data")}
    env.pop("FACTCHECK_LOG_DIR", None)
    run = [*prefix, sys.executable, "-m", "factcheck_app"]
    try:
        listed = subprocess.run(
            [*run, "list", "-w", str(workspace)], capture_output=True, text=True, env=env
        )
        assert listed.returncode == 0, listed.stderr
        imported = subprocess.run(
            [*run, "import", "-w", str(workspace), str(SEED_FILE)],
            capture_output=True,
            text=True,
            env=env,
        )
        assert_one_sentence(imported, "read-only")
    finally:
        folder.chmod(0o755)
        workspace.chmod(0o644)
    assert digest(workspace) == before


def test_nearly_full_disk_skips_backups_leaves_nothing_behind_and_commands_work(
    workspace: Path, small_disk: Path
) -> None:
    path = small_disk / "w.fcdesk"
    shutil.copy(workspace, path)
    filler = small_disk / "filler"
    free = shutil.disk_usage(small_disk).free
    filler.write_bytes(b"\0" * max(0, free - 400_000))  # room to work, not for a backup
    for args in (("list", "-w", path), ("search", "-w", path, "Ganja")):
        result = cli(*args)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    result = cli("import", "-w", path, SEED_FILE)  # a writer: its backup does not fit
    assert result.returncode == 0, result.stderr
    assert "No backup" in result.stderr and "Traceback" not in result.stderr
    leftovers = [p.name for p in small_disk.rglob("*") if ".partial" in p.name]
    assert leftovers == []
    # Now the disk is full to the last byte.
    with (small_disk / "more").open("wb") as more, pytest.raises(OSError):
        more.write(b"\0" * 4_000_000)
        more.flush()
    article = small_disk.parent / "big.txt"
    article.write_text("A sentence that fills the disk. " * 20_000, encoding="utf-8")
    assert_one_sentence(cli("import", "-w", path, article), "disk is full")
    assert cli("list", "-w", path).returncode == 0
    filler.unlink()
    (small_disk / "more").unlink()
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    article.write_text("Space was freed. The desk saves again.", encoding="utf-8")
    assert cli("import", "-w", path, article).returncode == 0  # and it works again


# -- a left-over WAL that belongs elsewhere ------------------------------------------------------


def _wal_of_another_workspace(tmp_path: Path) -> bytes:
    """The -wal of a different workspace, captured while its writer still had it open."""
    other = tmp_path / "other" / "w.fcdesk"
    other.parent.mkdir()
    desk = Desk.open(other)
    desk.importer.import_text("A different article entirely. " * 400, source_name="other.txt")
    for row in desk.reviews.sentence_rows(1)[:50]:
        desk.reviews.set_text_field(row.sentence.id, "explanation", "from the other workspace")
    wal = other.with_name(other.name + "-wal")
    data = bytes(wal.stat().st_size and _read_unguarded(wal))
    desk.close()
    return data


def _read_unguarded(path: Path) -> bytes:
    """Read a file the test itself has open in SQLite, in another process (never here)."""
    return subprocess.run(["cat", str(path)], capture_output=True, check=True).stdout


def test_a_foreign_wal_is_set_aside_never_merged(workspace: Path, tmp_path: Path) -> None:
    foreign = _wal_of_another_workspace(tmp_path)
    assert len(foreign) > 32
    wal = workspace.with_name(workspace.name + "-wal")
    wal.write_bytes(foreign)
    desk = Desk.open(workspace)
    try:
        assert any("do not belong to it" in notice for notice in desk.notices)
        assert [a.title[:6] for a in desk.articles.list_articles()] == ["Ankara"]
        assert desk.upkeep.check().ok
    finally:
        desk.close()
    kept = list(backups.backup_dir(workspace).glob("*wal-set-aside.fcdesk-wal"))
    assert len(kept) == 1 and kept[0].read_bytes() == foreign
    conn = sqlite3.connect(workspace)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def _kill(holder: subprocess.Popen[str]) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait()


def assert_crash_merged(workspace: Path) -> None:
    """The holder's last edit (a claim), killed before it closed, is there on reopening."""
    desk = Desk.open(workspace)
    try:
        assert not any("do not belong" in notice for notice in desk.notices)
        assert desk.reviews.review(desk.reviews.sentence_rows(1)[2].sentence.id).tag is Tag.CLAIM
    finally:
        desk.close()


def test_a_crashed_writers_wal_is_merged(workspace: Path, holder: subprocess.Popen[str]) -> None:
    _kill(holder)
    wal = workspace.with_name(workspace.name + "-wal")
    assert wal.stat().st_size > 32
    assert_crash_merged(workspace)
    assert not list(backups.backup_dir(workspace).glob("*wal-set-aside*"))


def _fill(disk: Path, leave: int) -> None:
    """Fill `disk` until `leave` bytes are free."""
    (disk / "filler").write_bytes(b"\0" * max(0, shutil.disk_usage(disk).free - leave))


def test_a_crash_is_recovered_when_the_temporary_folder_has_no_room(
    workspace: Path,
    holder: subprocess.Popen[str],
    small_disk: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A small temporary folder (a quota, a small RAM disk) must not lock a reviewer out
    of the workspace the desk crashed on: the check's scratch copy goes beside it."""
    _kill(holder)
    _fill(small_disk, leave=workspace.stat().st_size // 2)
    monkeypatch.setattr(tempfile, "tempdir", str(small_disk))
    assert_crash_merged(workspace)
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]
    left = [p.name for p in workspace.parent.rglob("*walcheck*")]
    assert left == []  # no scratch copy stays beside the work either


def test_a_foreign_wal_is_set_aside_when_the_temporary_folder_has_no_room(
    workspace: Path, tmp_path: Path, small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    foreign = _wal_of_another_workspace(tmp_path)
    workspace.with_name(workspace.name + "-wal").write_bytes(foreign)
    _fill(small_disk, leave=workspace.stat().st_size // 2)
    monkeypatch.setattr(tempfile, "tempdir", str(small_disk))
    desk = Desk.open(workspace)
    try:
        assert any("do not belong to it" in notice for notice in desk.notices)
        assert [a.title[:6] for a in desk.articles.list_articles()] == ["Ankara"]
    finally:
        desk.close()
    kept = list(backups.backup_dir(workspace).glob("*wal-set-aside.fcdesk-wal"))
    assert len(kept) == 1 and kept[0].read_bytes() == foreign


def test_no_room_anywhere_for_the_check_offers_read_only_and_changes_nothing(
    workspace: Path,
    holder: subprocess.Popen[str],
    small_disk: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _kill(holder)
    path = small_disk / "w.fcdesk"
    for suffix in ("", "-wal"):
        shutil.copy(workspace.with_name(workspace.name + suffix), f"{path}{suffix}")
    before = {p.name: digest(p) for p in (path, path.with_name(path.name + "-wal"))}
    _fill(small_disk, leave=path.stat().st_size // 2)
    monkeypatch.setattr(tempfile, "tempdir", str(small_disk))
    with pytest.raises(WorkspaceFull) as refused:
        Desk.open(path)
    assert "room" in str(refused.value) and "nothing was changed" in str(refused.value)
    assert {p.name: digest(p) for p in (path, path.with_name(path.name + "-wal"))} == before
    assert not [p for p in small_disk.rglob("*walcheck*")]
    desk = Desk.open(path, read_only=True)  # what the window offers instead
    try:
        assert desk.reviews.review(desk.reviews.sentence_rows(1)[2].sentence.id).tag is Tag.CLAIM
    finally:
        desk.close()


def test_scratch_copies_left_by_a_killed_check_are_removed_by_the_next(
    workspace: Path, holder: subprocess.Popen[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each copy is as big as the workspace; one left by every kill would fill /tmp."""
    _kill(holder)
    temp = tmp_path / "temp"
    stale, busy = temp / "fcdesk-walcheck-stale_01", temp / "fcdesk-walcheck-busy_002"
    for folder in (stale, busy):
        folder.mkdir(parents=True)
        (folder / "copy.fcdesk").write_bytes(b"a copy of a workspace")
    two_hours_ago = time.time() - 7200
    for item in (stale / "copy.fcdesk", stale):
        os.utime(item, (two_hours_ago, two_hours_ago))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    Desk.open(workspace).close()
    assert sorted(p.name for p in temp.iterdir()) == ["fcdesk-walcheck-busy_002"]  # another check


def test_a_workspace_with_a_second_name_opens_read_only(workspace: Path) -> None:
    """A hard link is the same file under another name. SQLite names the -wal after the
    name it was given, so a window on one name and a command on the other each had a
    -wal and a writer lock of their own, and their edits tore the file apart ("Rowid out
    of order", "2nd reference to page"). Such a file is now only read."""
    Desk.open(workspace).close()
    second = workspace.with_name("snapshot.fcdesk")
    os.link(workspace, second)
    for name in (workspace, second):
        desk = Desk.open(name)
        try:
            assert desk.read_only
            assert any("hard link" in notice for notice in desk.notices), desk.notices
            desk.articles.list_articles()  # readable as ever
        finally:
            desk.close()
    second.unlink()
    desk = Desk.open(workspace)
    assert not desk.read_only
    desk.close()


@pytest.mark.parametrize(
    "content",
    [b"", b"just some notes, not a database\n" * 100],
    ids=["empty file", "text renamed .fcdesk"],
)
def test_a_refused_file_leaves_no_lock_file_beside_it(tmp_path: Path, content: bytes) -> None:
    """Opening a file that is not a workspace (a text file renamed .fcdesk, a 0-byte one)
    was refused, but the `NAME.fcdesk.lock` made for it stayed in the reviewer's folder,
    from the window and from every command alike."""
    other = tmp_path / "notes.fcdesk"
    other.write_bytes(content)
    with pytest.raises(WorkspaceError):
        Desk.open(other)
    result = cli("import", "-w", other, SEED_FILE)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.fcdesk"]
    assert other.read_bytes() == content


def test_a_refused_open_leaves_a_lock_file_that_was_there_before(tmp_path: Path) -> None:
    """Only a lock file the refused open made goes: one already there may be in use."""
    other = tmp_path / "notes.fcdesk"
    other.write_bytes(b"just some notes, not a database\n" * 100)
    lock = locking.lock_path(other)
    lock.write_bytes(b"")
    with pytest.raises(WorkspaceError):
        Desk.open(other)
    assert lock.exists()


def test_a_lock_file_deleted_before_it_is_locked_is_not_taken_for_the_lock(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A program that opened the lock file just before the program holding it removed it
    (a refused open removes the lock file it made) and then got the lock, held a lock on a
    file nobody else can find: the next program made a new one and wrote beside it. It
    starts again on the file now at the path."""
    path = locking.lock_path(workspace)
    real = locking._try_os_lock
    calls: list[int] = []

    def deleted_first(fd: int) -> bool:
        calls.append(fd)
        if len(calls) == 1:
            path.unlink()  # as the program before it did, just before letting go
        return real(fd)

    monkeypatch.setattr(locking, "_try_os_lock", deleted_first)
    lock = locking.WriterLock.acquire(workspace, "test")
    try:
        assert len(calls) == 2 and path.exists()
        assert lock._fd is not None and locking._is_at(lock._fd, path)
        monkeypatch.setattr(locking, "_try_os_lock", real)
        with pytest.raises(WorkspaceInUse):  # the file at the path is the one held
            locking.WriterLock.acquire(workspace, "second")
    finally:
        lock.release()


def test_a_command_told_to_wait_says_what_it_waits_for(
    workspace: Path, holder: subprocess.Popen[str], tmp_path: Path
) -> None:
    """`import --wait 600` beside the window printed nothing at all until the window
    closed: it looked hung, and nothing said what it waited for."""
    article = tmp_path / "other.txt"
    article.write_text("A second article. It has two sentences.", encoding="utf-8")
    waiting = start_cli("import", "-w", str(workspace), "--wait", "20", str(article))
    assert waiting.stderr is not None
    line = waiting.stderr.readline()  # said at once, while it waits
    assert line.startswith("factcheck-app: waiting up to 20 s for the desk window (process")
    assert f"(process {holder.pid} on this computer) to finish" in line and "Ctrl+C" in line
    close_window(holder)
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert out.startswith("2\t2\t") and "waiting" not in err
