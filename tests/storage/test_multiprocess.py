"""A second process on a workspace this process has open (issue 12, item 1).

The sequence that destroyed workspaces: the window has the workspace open (edits committed,
a live WAL), a background import opens and closes its own connection in the same process,
then any command-line tool runs on the same file. Closing a second descriptor of the file
used to drop every POSIX lock this process held on it — SQLite's WAL read lock too — so the
command-line process checkpointed and deleted `-wal` and `-shm` under the open window: the
next import failed ("disk I/O error", "file is not a database"), and after quitting the
file was damaged.

Here the "window" is a Desk in this process and the second process is the real
`python -m factcheck_app …`. tests/gui/test_second_process.py runs the same sequence with
the window's ImportJob and with the real window in its own process;
tests/stress/multiprocess_stress.py runs it many times with SIGKILLs.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE
from tests.stress.harness import (
    BAD_OUTPUT,
    WAITED_OUTPUT,
    CliRun,
    child_env,
    read_workspace,
    run_cli,
    write_article,
)

# Every command a reviewer might run beside the window. The writes (import) may be refused
# while the window holds the workspace; nothing else may go wrong.
COMMANDS = {
    "list": ["list"],
    "search": ["search", "Ganja"],
    "export-json": ["export", "--article", "1", "--format", "json"],
    "export-csv": ["export", "--article", "1", "--format", "csv"],
    "export-md": ["export", "--article", "1", "--format", "md"],
    "import": ["import", "{article}"],
}


class WindowSide:
    """The window's connection plus what it committed (sentence id -> explanation)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.desk = Desk.open(path)
        self.desk.importer.import_file(SEED_FILE)
        self.ids = [row.sentence.id for row in self.desk.reviews.sentence_rows(1)]
        self.explanations: dict[int, str] = {}
        self.n = 0

    def edit(self, count: int) -> None:
        for _ in range(count):
            sid = self.ids[self.n % len(self.ids)]
            self.desk.reviews.set_text_field(sid, "explanation", f"edit {self.n}")
            self.desk.reviews.set_tag(sid, Tag.CLAIM)
            self.explanations[sid] = f"edit {self.n}"
            self.n += 1

    def background_import(self, article: Path) -> int:
        """What the window's ImportJob does in its worker thread: its own connection of
        this process, opened for the import and closed after it."""
        helper = open_helper(self.desk)
        try:
            return helper.importer.import_file(article).article_id
        finally:
            helper.close()


def open_helper(desk: Desk) -> Desk:
    """The background import's connection, as the window's ImportJob opens it (before the
    fix of issue 12 it was a plain second open of the path)."""
    if hasattr(desk, "open_helper"):
        helper: Desk = desk.open_helper()
        return helper
    assert desk.path is not None
    return Desk.open(desk.path, backup=False, session=False)


def cli(path: Path, name: str, article: Path, folder: Path) -> CliRun:
    args = [a.replace("{article}", str(article)) for a in COMMANDS[name]]
    return run_cli([args[0], "--workspace", str(path), *args[1:]], child_env(folder))


def assert_clean_run(run: CliRun, *, may_be_refused: bool) -> None:
    assert not BAD_OUTPUT.search(run.output), run.describe()
    if may_be_refused and run.refused_in_use():
        return
    assert run.returncode == 0, run.describe()
    assert not WAITED_OUTPUT.search(run.stderr), run.describe()


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_second_process_leaves_the_open_workspace_and_its_wal_alone(
    tmp_path: Path, name: str
) -> None:
    rng = random.Random(12)
    path = tmp_path / "w.fcdesk"
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    window = WindowSide(path)
    window.edit(5)
    assert wal.exists() and wal.stat().st_size > 0  # the edits sit in the live WAL

    imported = [window.background_import(write_article(tmp_path, "a1.txt", rng, 20_000))]
    run = cli(path, name, write_article(tmp_path, "cli.txt", rng, 5_000), tmp_path)
    assert_clean_run(run, may_be_refused=name == "import")

    # The window's connection still has its WAL and shared memory under it ...
    assert wal.exists(), f"{wal.name} was deleted under the open workspace by {run.describe()}"
    assert shm.exists(), f"{shm.name} was deleted under the open workspace by {run.describe()}"
    # ... and goes on working: edits, another background import, more edits.
    window.edit(5)
    imported.append(window.background_import(write_article(tmp_path, "a2.txt", rng, 20_000)))
    window.edit(5)
    window.desk.close()

    state = read_workspace(path)
    assert state.integrity == "ok"
    for sid, explanation in window.explanations.items():
        assert state.reviews[sid].explanation == explanation
        assert state.reviews[sid].tag == "claim"
    assert set(imported) <= set(state.articles)
    if name == "import" and run.returncode == 0:
        assert int(run.stdout.split("\t")[0]) in state.articles
    reopened = Desk.open(path, backup=False)
    try:
        assert reopened.upkeep.check().ok
    finally:
        reopened.close()
