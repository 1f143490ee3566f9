"""A workspace the user may not write opens read-only, found from the real permissions.

Root may write any file whatever its mode (DESIGN §5), so as root the check runs in a
child process that has given up root for the unprivileged 'nobody'; as anyone else,
chmod is enough. One of the two always applies: these tests never skip. The child is
forked, not started afresh, because the interpreter may live where 'nobody' cannot
reach it (under /root with pyenv): forked, it already has every module it needs.
"""

from __future__ import annotations

import _strptime  # noqa: F401  (lazily imported by datetime.strptime: the child cannot)
import errno
import json
import os
import pwd
import shutil
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE

AS_ROOT = os.geteuid() == 0
UNPRIVILEGED = "nobody"
READ_ONLY_NOTICE = "The workspace file or its folder is read-only"

# (folder mode, file mode): the same bits for owner and others, so each case is the
# same for an ordinary owner and for 'nobody' looking at root's files.
CASES = {
    "file": (0o777, 0o444),
    "folder": (0o555, 0o666),  # the file is writable, but there is no room for its WAL
    "both": (0o555, 0o444),
}


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder outside pytest's private (0700) tmp tree, so 'nobody' can reach it."""
    folder = Path(tempfile.mkdtemp(prefix="factcheck-ro-"))
    try:
        yield folder
    finally:
        os.chmod(folder, 0o700)
        shutil.rmtree(folder, ignore_errors=True)


def _make_workspace(path: Path) -> None:
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    # As if copied there: no lock file of its maker's (one of root's would be in the way).
    for lock in path.parent.glob("*.lock"):
        lock.unlink()


def _nothing_written_ahead(folder: Path) -> bool:
    """No WAL, or an empty one: nothing went towards the workspace. (In a writable folder
    SQLite may leave an empty -wal and a -shm beside a file it could only read.)"""
    return all(wal.stat().st_size == 0 for wal in folder.glob("*-wal"))


def _open_and_describe(path: Path) -> dict[str, object]:
    desk = Desk.open(path)
    try:
        sid = desk.reviews.sentence_rows(desk.articles.list_articles()[0].id)[0].sentence.id
        try:
            desk.reviews.set_tag(sid, Tag.FACT)
            edit = "saved"
        except Exception as error:
            edit = f"refused: {type(error).__name__}"
        return {
            "read_only": desk.read_only,
            "articles": len(desk.articles.list_articles()),
            "notices": desk.notices,
            "edit": edit,
        }
    finally:
        desk.close()


def _as_unprivileged_user(
    path: Path, describe: Callable[[Path], dict[str, object]] = _open_and_describe
) -> dict[str, object]:
    """`describe(path)` in a forked child running as 'nobody', not root."""
    user = pwd.getpwnam(UNPRIVILEGED)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            report = json.dumps({"uid": os.geteuid(), **describe(path)})
        except BaseException:
            report = json.dumps({"error": traceback.format_exc()})
        finally:
            with os.fdopen(write_end, "w", encoding="utf-8") as out:
                out.write(report)
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as answer:
        text = answer.read()
    os.waitpid(pid, 0)
    result: dict[str, object] = json.loads(text)
    assert "error" not in result, result.get("error")
    assert result.pop("uid") == user.pw_uid
    return result


@pytest.mark.parametrize("case", list(CASES))
def test_a_workspace_the_user_cannot_write_opens_read_only(case: str, shared_folder: Path) -> None:
    path = shared_folder / "w.fcdesk"
    _make_workspace(path)
    folder_mode, file_mode = CASES[case]
    os.chmod(path, file_mode)
    os.chmod(shared_folder, folder_mode)
    before = path.read_bytes()

    result = _as_unprivileged_user(path) if AS_ROOT else _open_and_describe(path)

    assert result["read_only"] is True
    assert result["articles"] == 1
    notices = result["notices"]
    assert isinstance(notices, list) and notices[0].startswith(READ_ONLY_NOTICE)
    assert str(result["edit"]).startswith("refused")
    assert path.read_bytes() == before
    assert _nothing_written_ahead(shared_folder)
    if folder_mode == 0o555:
        assert not list(shared_folder.glob("*-wal"))


def test_the_same_workspace_opens_writable_for_its_owner(shared_folder: Path) -> None:
    """The control: with write permission nothing is reported read-only."""
    path = shared_folder / "w.fcdesk"
    _make_workspace(path)
    os.chmod(shared_folder, 0o777)
    os.chmod(path, 0o666)
    result = _as_unprivileged_user(path) if AS_ROOT else _open_and_describe(path)
    assert result["read_only"] is False
    assert result["edit"] == "saved"


def _try_to_make(path: Path) -> dict[str, object]:
    try:
        Desk.open(path, backup=False).close()
    except WorkspaceError as error:
        return {"refused": str(error)}
    return {"refused": None}


def test_a_new_workspace_in_a_folder_the_user_cannot_write_is_refused_in_words(
    shared_folder: Path,
) -> None:
    """A data folder there but not the reviewer's to write (made by an administrator's
    `sudo factcheck-app`, or read-only by policy): the first start said the workspace
    "could not be read or written (unable to open database file)", SQLite's words for
    a file that was never there."""
    folder = shared_folder / "factcheck-desk"
    folder.mkdir()
    os.chmod(shared_folder, 0o755)
    os.chmod(folder, 0o555)
    path = folder / "workspace.fcdesk"

    result = _as_unprivileged_user(path, _try_to_make) if AS_ROOT else _try_to_make(path)

    refused = str(result["refused"])
    assert "unable to open database file" not in refused
    assert f"the folder {folder} cannot be written" in refused
    assert "Permission denied" in refused and "Nothing was created" in refused
    assert list(folder.iterdir()) == []


def test_a_new_workspace_on_a_read_only_disk_is_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data folder on a disk mounted read-only (a locked SD card, a share exported so):
    such a disk says "Read-only file system" (EROFS) to every removal, even of a file that
    is not there, and the clearing of a killed creation's leftovers let it out as it was:
    "[Errno 30] Read-only file system: …/workspace.fcdesk.creating", a file the reviewer
    never saw, past every box. The kernel's answers are played here: mounting needs root."""
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "workspace.fcdesk"
    real_unlink, real_open = os.unlink, os.open

    def read_only(where: object) -> None:
        if os.path.dirname(os.fspath(where)) == str(folder):  # type: ignore[arg-type]
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(where))  # type: ignore[arg-type]

    def unlink(where: str, *args: object, **kwargs: object) -> None:
        read_only(where)
        real_unlink(where, *args, **kwargs)  # type: ignore[arg-type]

    def open_(where: str, flags: int, *args: object, **kwargs: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            read_only(where)
        return real_open(where, flags, *args, **kwargs)  # type: ignore[arg-type]

    def access(where: object, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and os.fspath(where) in (str(folder), str(path)):  # type: ignore[arg-type]
            return False
        return real_access(where, mode, **kwargs)  # type: ignore[arg-type]

    real_access = os.access
    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "access", access)

    refused = str(_try_to_make(path)["refused"])

    assert f"the folder {folder} cannot be written (Read-only file system)" in refused
    assert "Nothing was created" in refused
    assert list(folder.iterdir()) == []
