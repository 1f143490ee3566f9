"""The window survives a command-line tool run on its workspace (issue 12, item 1).

Reported: open a workspace in the window with an article named on the command line (it
imports in the background), then run `factcheck-app list -w W` while the window stays
open. The `-wal` and `-shm` files disappeared under the window, the next import failed
("file is not a database"), later edits failed, and after quitting the file no longer
opened. Cause: the import's own connection opened and closed the workspace file by path,
which drops every POSIX lock of the process on it, SQLite's WAL read lock included.

First the window's import path in this process (ImportJob.run, as its worker thread runs
it), then the real window in its own process (tests/stress/window_driver.py: run_gui with
key presses from stdin) with the command-line tools as further processes.
"""

from __future__ import annotations

import inspect
import random
from pathlib import Path

from factcheck_app.domain.models import Tag
from factcheck_app.gui.workers import ImportJob, ImportOutcome
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE
from tests.stress.harness import (
    BAD_OUTPUT,
    WAITED_OUTPUT,
    CliRun,
    WindowProcess,
    child_env,
    read_workspace,
    run_cli,
    write_article,
)


def run_import_job(desk: Desk, article: Path) -> ImportOutcome:
    """The window's background import, run here instead of in its worker thread (before
    the fix of issue 12 the job took the workspace path, now the window's desk)."""
    takes_desk = "desk" in inspect.signature(ImportJob.__init__).parameters
    job = ImportJob(desk if takes_desk else desk.path, [article])  # type: ignore[arg-type]
    outcomes: list[ImportOutcome] = []
    job.finished.connect(outcomes.append)
    job.run()
    assert len(outcomes) == 1
    return outcomes[0]


def assert_clean(run: CliRun) -> None:
    assert run.returncode == 0, run.describe()
    assert not BAD_OUTPUT.search(run.output), run.describe()
    assert not WAITED_OUTPUT.search(run.stderr), run.describe()


def test_import_job_then_list_in_another_process_keeps_the_workspace_whole(
    tmp_path: Path,
) -> None:
    rng = random.Random(1)
    path = tmp_path / "w.fcdesk"
    wal = Path(f"{path}-wal")
    desk = Desk.open(path)  # the window's connection
    desk.importer.import_file(SEED_FILE)
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
    saved: dict[int, str] = {}

    def edit(sid: int, text: str) -> None:
        desk.reviews.set_tag(sid, Tag.CLAIM)
        desk.reviews.set_verdict(sid, "false")
        desk.reviews.set_text_field(sid, "explanation", text)
        saved[sid] = text

    edit(ids[0], "before the import")
    first = run_import_job(desk, write_article(tmp_path, "article.txt", rng, 50_000))
    assert first.imported and not first.problems
    edit(ids[1], "after the import")
    assert wal.exists()

    run = run_cli(["list", "-w", str(path)], child_env(tmp_path))
    assert_clean(run)
    assert wal.exists(), "the -wal file was deleted under the window by `factcheck-app list`"

    edit(ids[2], "after list")
    second = run_import_job(desk, write_article(tmp_path, "second.txt", rng, 50_000))
    assert not second.problems, second.problems
    edit(ids[3], "after the second import")
    desk.close()

    state = read_workspace(path)
    assert state.integrity == "ok"
    assert len(state.articles) == 3
    for sid, text in saved.items():
        review = state.reviews[sid]
        assert (review.tag, review.verdict, review.explanation) == ("claim", "false", text)
    reopened = Desk.open(path, backup=False)
    try:
        assert reopened.upkeep.check().ok
        assert len(reopened.articles.list_articles()) == 3
    finally:
        reopened.close()


class Reviewer:
    """Edits made in the real window with key presses, and what each one acknowledged."""

    def __init__(self, window: WindowProcess) -> None:
        self.window = window
        self.tags: dict[int, str] = {}
        self.ratings: dict[int, str] = {}
        self.explanations: dict[int, str] = {}

    def key(self, key: str) -> int:
        reply = self.window.command(f"key {key}")
        assert reply.startswith("ack key"), reply
        _, _, _, before, after, _ms = reply.split()
        return int(after if after != "None" else before)

    def review(self, tag_key: str, rating_key: str, explanation: str) -> None:
        tags = {"c": "claim", "d": "denial", "f": "fact"}
        ratings = {"1": "true", "4": "mostly_false", "5": "false"}
        sid = self.key(tag_key)
        assert self.key(rating_key) == sid
        reply = self.window.command(f"type explanation {explanation}")
        assert reply.startswith(f"ack type explanation {sid} "), reply
        self.tags[sid], self.ratings[sid] = tags[tag_key], ratings[rating_key]
        self.explanations[sid] = explanation

    def wait_import(self) -> list[str]:
        reply = self.window.command("wait-import 120", timeout=150)
        assert reply.startswith("ack wait-import"), reply
        _, _, _ms, imported, problems = reply.split(" ", 4)
        assert problems == "-", f"the window's import failed: {problems}"
        return imported.split(",")


def test_window_with_a_command_line_tool_beside_it(tmp_path: Path) -> None:
    """Item 1 as reported, in real processes: the window imports the article named on its
    command line; `factcheck-app list` runs meanwhile; the reviewer works on, imports
    another article, runs more tools, quits; the file is whole with every edit in it."""
    rng = random.Random(2)
    env = child_env(tmp_path)
    path = tmp_path / "w.fcdesk"
    wal = Path(f"{path}-wal")
    seeded = Desk.open(path, backup=False)  # the reviewer's workspace, used before
    seeded.importer.import_file(SEED_FILE)
    seeded.close()
    # Big enough to still be importing while `list` runs (about a second).
    article = write_article(tmp_path, "article.txt", rng, 1_500_000)
    second = write_article(tmp_path, "second.txt", rng, 30_000)
    for_cli = write_article(tmp_path, "for-cli.txt", rng, 5_000)

    window = WindowProcess(path, [article], env)
    try:
        window.expect("ready", timeout=90)
        runs = [run_cli(["list", "-w", str(path)], env)]  # while the window imports
        reviewer = Reviewer(window)
        assert len(reviewer.wait_import()) == 1
        reviewer.review("c", "5", "first")
        reviewer.key("j")
        reviewer.review("d", "4", "second")

        for args in (
            ["list"],
            ["search", "people"],
            ["export", "--article", "1", "--format", "json"],
        ):
            runs.append(run_cli([args[0], "-w", str(path), *args[1:]], env))
        assert wal.exists(), "the -wal file was deleted under the open window"
        refused = run_cli(["import", "-w", str(path), str(for_cli)], env)

        assert window.command(f"import {second}").startswith("ack import")
        assert len(reviewer.wait_import()) == 1  # "file is not a database" before the fix
        reviewer.review("f", "1", "third")
        reviewer.key("j")
        reviewer.review("c", "5", "fourth")
        assert window.quit() == 0
    finally:
        window.kill()

    for run in runs:
        assert_clean(run)
    # A command-line write while the window holds the workspace: one line, exit 1.
    assert refused.refused_in_use(), refused.describe()
    assert not BAD_OUTPUT.search(window.stderr), window.stderr
    assert window.dialogs == []
    state = read_workspace(path)
    assert state.integrity == "ok"
    assert len(state.articles) == 3  # the sample, the article and the second one
    for sid, explanation in reviewer.explanations.items():
        review = state.reviews[sid]
        assert review.explanation == explanation
        assert review.tag == reviewer.tags[sid]
        assert review.verdict == reviewer.ratings[sid]
    reopened = Desk.open(path, backup=False)
    try:
        assert reopened.upkeep.check().ok
    finally:
        reopened.close()
