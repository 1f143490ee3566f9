"""A named pipe, a folder or a link where SQLite keeps a workspace's -wal, -shm or
-journal: the workspace opens read-only, read alone, naming the file in the way
(test_side_file_not_a_file.py). Check Workspace's own connection (and the read-only
window's search index, built through the same one) and the cleaned copy's reading of the
file (Open a Cleaned Copy, `factcheck-app clean`) looked past it: a pipe at -journal hung
them for ever, and a folder was "unfinished change" or "could not be read together with
it". They read the file alone too, and say why.

Each runs in a process of its own with a time limit: a hang must fail the test, never
hold the suite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_app.services.desk import Desk
from tests.stress.harness import REPO_ROOT, child_env, run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")

KINDS = {"a named pipe": os.mkfifo, "a folder": os.mkdir}

_CHECK = """
import json, sys
from pathlib import Path
from factcheck_app.services.desk import Desk
desk = Desk.open(Path(sys.argv[1]), backup=False)
job = desk.upkeep.start_check(lambda job: None)
job.finish()
report = desk.upkeep.finish_check(job.findings) if job.findings is not None else None
print(json.dumps({
    "read_only": desk.read_only,
    "error": job.error,
    "ok": None if report is None else report.ok,
    "lines": [] if report is None else report.lines,
}))
desk.close()
"""


def _workspace(path: Path) -> Path:
    desk = Desk.open(path, backup=False)
    desk.importer.import_text("Ben's article. The mayor said 40 bridges were built.")
    desk.close()
    return path


@pytest.mark.parametrize("suffix", ["-wal", "-journal"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_check_workspace_beside_a_side_file_in_the_way_checks_the_file_alone(
    tmp_path: Path, suffix: str, kind: str
) -> None:
    path = _workspace(tmp_path / "ws.fcdesk")
    side = path.with_name(path.name + suffix)
    KINDS[kind](side)
    try:
        ran = subprocess.run(
            [sys.executable, "-c", _CHECK, str(path)],
            capture_output=True,
            text=True,
            env=child_env(tmp_path),
            cwd=REPO_ROOT,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"Check Workspace beside {kind} at {side.name} never ended")
    assert ran.returncode == 0, ran.stderr
    said = json.loads(ran.stdout)
    assert said["read_only"] and said["error"] is None, said
    assert said["ok"], said  # the sound file, not "damaged" nor "an unfinished change"
    told = " ".join(said["lines"])
    assert f"{side.name} beside it is {kind}, not a file" in told
    assert os.path.lexists(side)  # left where it was: not the desk's to remove


@pytest.mark.parametrize("suffix", ["-wal", "-journal"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_a_cleaned_copy_beside_a_side_file_in_the_way_is_made_of_the_file_alone(
    tmp_path: Path, suffix: str, kind: str
) -> None:
    path = _workspace(tmp_path / "ws.fcdesk")
    side = path.with_name(path.name + suffix)
    KINDS[kind](side)
    run = run_cli(["clean", "-w", str(path)], child_env(tmp_path), timeout=60)
    assert "[timed out]" not in run.stderr, f"the cleaned copy beside {kind} never ended"
    assert run.returncode == 0, run.stderr
    assert "Copied 1 article" in run.stdout + run.stderr
    assert f"{side.name} beside it is {kind}, not a file" in run.stdout + run.stderr
    assert (tmp_path / "ws-cleaned.fcdesk").exists()
    assert os.path.lexists(side)


def test_a_merge_beside_a_named_pipe_at_their_shm_is_refused_not_hung(tmp_path: Path) -> None:
    """Their workspace, its desk crashed (saves waiting in its -wal), a named pipe where
    its -shm belongs: the merge's look at whether a desk holds that -wal opened the pipe
    and waited for a writer for ever, holding this workspace's writer lock. Read alone,
    their latest saves would be left out: the merge is refused, naming the pipe."""
    from tests.desk_left_open import desk_left_open

    theirs = tmp_path / "theirs.fcdesk"
    Desk.open(theirs, backup=False).close()
    with desk_left_open(theirs, "Carol") as desk:
        desk.do("import", "Ben's article. The mayor said 40 bridges were built.", "ben.txt")
        desk.do("crash")
    shm = theirs.with_name("theirs.fcdesk-shm")
    shm.unlink(missing_ok=True)
    os.mkfifo(shm)
    mine = _workspace(tmp_path / "mine.fcdesk")
    run = run_cli(["merge", "-w", str(mine), str(theirs)], child_env(tmp_path), timeout=60)
    assert "[timed out]" not in run.stderr, "the merge beside a named pipe never ended"
    assert run.returncode == 1, run.stdout + run.stderr
    assert "theirs.fcdesk-shm beside it is a named pipe, not a file" in run.stderr
    assert "Nothing was merged" in run.stderr
    assert shm.is_fifo() and theirs.with_name("theirs.fcdesk-wal").stat().st_size > 0


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_cleaned_copy_beside_a_side_file_in_the_way_never_leaves_out_saves_in_the_wal(
    tmp_path: Path, kind: str
) -> None:
    """A desk crashed with its last saves waiting in the -wal, and a named pipe (a folder)
    at -journal: read as the file alone, the cleaned copy was made without those saves
    ("Copied 0 articles") and said only that the file was read alone, and she worked on
    in a copy that lacked them. Refused, naming both; nothing is written."""
    from tests.desk_left_open import desk_left_open

    path = tmp_path / "ws.fcdesk"
    Desk.open(path, backup=False).close()
    with desk_left_open(path, "Carol") as desk:
        desk.do("import", "Ben's article. The mayor said 40 bridges were built.", "ben.txt")
        desk.do("crash")
    wal = path.with_name("ws.fcdesk-wal")
    assert wal.stat().st_size > 0  # Carol's article is there, and only there
    side = path.with_name("ws.fcdesk-journal")
    KINDS[kind](side)
    run = run_cli(["clean", "-w", str(path)], child_env(tmp_path), timeout=60)
    said = run.stdout + run.stderr
    assert "[timed out]" not in run.stderr, f"the cleaned copy beside {kind} never ended"
    assert "Copied 0 articles" not in said, said
    assert run.returncode == 1, said
    assert f"ws.fcdesk-journal beside it is {kind}, not a file" in said
    assert "ws.fcdesk-wal" in said and "Nothing was written" in said
    assert not (tmp_path / "ws-cleaned.fcdesk").exists()
    assert os.path.lexists(side) and wal.stat().st_size > 0  # both left as they were


def test_check_workspace_beside_a_pipe_says_the_saves_waiting_in_the_wal_were_not_read(
    tmp_path: Path,
) -> None:
    """A crashed desk's last saves in the -wal, a named pipe at -journal: the window and
    Check Workspace read the file alone, without them, and said only that the file was
    read alone: "the workspace is sound", of a file lacking her last article. Both say
    that the saves in the -wal were not read, and how to get them."""
    from tests.desk_left_open import desk_left_open

    path = tmp_path / "ws.fcdesk"
    Desk.open(path, backup=False).close()
    with desk_left_open(path, "Carol") as desk:
        desk.do("import", "Ben's article. The mayor said 40 bridges were built.", "ben.txt")
        desk.do("crash")
    os.mkfifo(path.with_name("ws.fcdesk-journal"))
    script = _CHECK.replace(
        '"read_only": desk.read_only,', '"read_only": desk.read_only, "notes": desk.notices,'
    )
    try:
        ran = subprocess.run(
            [sys.executable, "-c", script, str(path)],
            capture_output=True,
            text=True,
            env=child_env(tmp_path),
            cwd=REPO_ROOT,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("Check Workspace beside a named pipe never ended")
    assert ran.returncode == 0, ran.stderr
    said = json.loads(ran.stdout)
    for told in (" ".join(said["notes"]), " ".join(said["lines"])):
        assert "ws.fcdesk-wal holds saves that were not read" in told, told


_CHECK_WHILE_EDITING = """
import json, os, sys
from pathlib import Path
from factcheck_app.services.desk import Desk
path = Path(sys.argv[1])
desk = Desk.open(path, backup=False)
desk.importer.import_text("Ben's article. The mayor said 40 bridges were built.")
os.mkfifo(str(path) + sys.argv[2])  # made while the window edits (a sync tool, a stray mkfifo)
job = desk.upkeep.start_check(lambda job: None)
job.finish()
report = desk.upkeep.finish_check(job.findings) if job.findings is not None else None
print(json.dumps({
    "read_only": desk.read_only,
    "error": job.error,
    "lines": [] if report is None else report.lines,
    "articles": len(desk.repo.articles.list_articles()),
}))
desk.close()
"""


def test_check_workspace_in_a_window_editing_when_a_pipe_appears_never_checks_the_file_alone(
    tmp_path: Path,
) -> None:
    """A named pipe made at -journal while the window edits (its saves in the -wal, live):
    Check Workspace read the file alone and said "Holds 0 articles" of a workspace whose
    window showed one, "read as the file alone, as it opens (read-only)" of a window
    editing, and to open it again to edit it. A check of a state she never saw (a
    restore of a backup for nothing, the article "lost"): it is refused in words, and
    the window's work is left as it is."""
    path = tmp_path / "ws.fcdesk"
    try:
        ran = subprocess.run(
            [sys.executable, "-c", _CHECK_WHILE_EDITING, str(path), "-journal"],
            capture_output=True,
            text=True,
            env=child_env(tmp_path),
            cwd=REPO_ROOT,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("Check Workspace beside a named pipe made while editing never ended")
    assert ran.returncode == 0, ran.stderr
    said = json.loads(ran.stdout)
    assert not said["read_only"] and said["articles"] == 1, said
    told = " ".join(said["lines"])
    assert "Holds 0 articles" not in told, told
    assert said["error"] is not None, said
    assert "ws.fcdesk-journal beside it is a named pipe, not a file" in said["error"]
    assert "nothing was changed" in said["error"].lower()


_BACK_UP_WHILE_EDITING = """
import json, os, sys
from pathlib import Path
from factcheck_app.services.desk import Desk
path = Path(sys.argv[1])
desk = Desk.open(path, backup=False)
desk.importer.import_text("Ben's article. The mayor said 40 bridges were built.")
os.mkfifo(str(path) + "-journal")  # made while the window edits
job = desk.upkeep.start_backup("manual")
job.finish()
print(json.dumps({"error": job.error, "made": None if job.made is None else str(job.made)}))
desk.close()
"""


def test_back_up_now_beside_a_named_pipe_at_the_journal_is_refused_never_hung(
    tmp_path: Path,
) -> None:
    """A named pipe made at -journal while the window edits: Back Up Now's (and Save a
    Copy's) own connection opened it and waited for a writer for ever; Cancel could not
    stop it, and closing the window waited for it. Refused, naming the pipe."""
    path = tmp_path / "ws.fcdesk"
    try:
        ran = subprocess.run(
            [sys.executable, "-c", _BACK_UP_WHILE_EDITING, str(path)],
            capture_output=True,
            text=True,
            env=child_env(tmp_path),
            cwd=REPO_ROOT,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("Back Up Now beside a named pipe at -journal never ended")
    assert ran.returncode == 0, ran.stderr
    said = json.loads(ran.stdout)
    assert said["made"] is None, said
    assert "ws.fcdesk-journal beside it is a named pipe, not a file" in said["error"], said
    assert path.with_name("ws.fcdesk-journal").is_fifo()


_EXPORT_WHILE_EDITING = """
import json, os, sys
from pathlib import Path
from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.services.desk import Desk
path = Path(sys.argv[1])
desk = Desk.open(path, backup=False)
desk.importer.import_text("Ben's article. The mayor said 40 bridges were built.")
os.mkfifo(str(path) + "-journal")  # made while the window edits
try:
    with Desk.reading_apart(path) as reader:  # Export every article, the summary report
        said = {"articles": reader.repo.articles.count_articles()}
except WorkspaceError as error:
    said = {"error": str(error)}
print(json.dumps(said))
desk.close()
"""


def test_an_export_beside_a_pipe_made_while_editing_never_reads_the_file_alone(
    tmp_path: Path,
) -> None:
    """Export of every article and the summary report read through a desk of their own
    beside the window's. A named pipe made at -journal while the window edits: that desk
    read the file alone, without the window's saves in the -wal, and the export lacked
    her latest work without a word (0 articles of a window showing one). Refused."""
    path = tmp_path / "ws.fcdesk"
    try:
        ran = subprocess.run(
            [sys.executable, "-c", _EXPORT_WHILE_EDITING, str(path)],
            capture_output=True,
            text=True,
            env=child_env(tmp_path),
            cwd=REPO_ROOT,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("a reader beside a named pipe made while editing never ended")
    assert ran.returncode == 0, ran.stderr
    said = json.loads(ran.stdout)
    assert said.get("articles") != 0, said  # never the file alone, without her article
    assert "ws.fcdesk-journal beside it is a named pipe, not a file" in said["error"], said


_REBUILD_WHILE_EDITING = """
import json, os, sys
from pathlib import Path
from factcheck_app.services.desk import Desk
path = Path(sys.argv[1])
desk = Desk.open(path, backup=False)
desk.importer.import_text("Ben's article. The mayor said 40 bridges were built.")
os.mkfifo(str(path) + "-journal")  # made while the window edits
job = desk.upkeep.start_rebuild(lambda job: None)
job.finish()
print(json.dumps({"error": job.error}))
desk.close()
"""


def test_a_search_index_rebuild_beside_a_named_pipe_at_the_journal_is_refused_never_hung(
    tmp_path: Path,
) -> None:
    """A named pipe made at -journal while the window edits: the search index's rebuild
    (and a removal of articles) writes through a connection of its own, which opened the
    pipe and waited for a writer for ever; closing the window waited for it. Refused,
    naming the pipe; the window's saves go on."""
    path = tmp_path / "ws.fcdesk"
    try:
        ran = subprocess.run(
            [sys.executable, "-c", _REBUILD_WHILE_EDITING, str(path)],
            capture_output=True,
            text=True,
            env=child_env(tmp_path),
            cwd=REPO_ROOT,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the search index's rebuild beside a named pipe at -journal never ended")
    assert ran.returncode == 0, ran.stderr
    said = json.loads(ran.stdout)
    assert "ws.fcdesk-journal beside it is a named pipe, not a file" in (said["error"] or ""), said


_OPEN_DAMAGED = """
import json, os, sys
from pathlib import Path
from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.services.desk import Desk
path = Path(sys.argv[1])
desk = Desk.open(path, backup=False)
for i in range(30):
    desk.importer.import_text(f"Article {i}. The mayor said {i} bridges were built. " * 30)
desk.close()
with open(path, "r+b") as file:  # pages the quick check reads, written over
    file.seek(4096 * 5)
    file.write(bytes(range(256)) * 48)
os.mkfifo(str(path) + "-journal")
try:
    Desk.open(path, backup=False).close()
    said = {"opened": True}
except WorkspaceError as error:
    said = {"error": str(error)}
print(json.dumps(said))
"""


def test_a_damaged_workspace_beside_a_named_pipe_is_refused_never_hung(tmp_path: Path) -> None:
    """A workspace whose file is damaged, a named pipe at its -journal: it is read alone
    (immutable), found damaged and refused, and the refusal's close, which keeps the
    file byte for byte (a second connection held open through it), opened the pipe and
    waited for a writer for ever: the window never came, and her way to a backup with
    it. A connection read alone makes no checkpoint: it is simply closed."""
    path = tmp_path / "ws.fcdesk"
    try:
        ran = subprocess.run(
            [sys.executable, "-c", _OPEN_DAMAGED, str(path)],
            capture_output=True,
            text=True,
            env=child_env(tmp_path),
            cwd=REPO_ROOT,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("opening a damaged workspace beside a named pipe never ended")
    assert ran.returncode == 0, ran.stderr
    said = json.loads(ran.stdout)
    assert "error" in said, said  # refused, in words
    # Damaged read alone: whether it is, read whole, only moving the pipe away tells.
    assert "ws.fcdesk-journal beside it is a named pipe, not a file" in said["error"], said
    assert path.with_name("ws.fcdesk-journal").is_fifo()
