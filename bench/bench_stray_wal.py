"""What the look at a `-wal` beside a workspace costs a reader: a read-only open and
`factcheck-app list`, on a copy of a big workspace, with no -wal, with a crash's own -wal
(killed process), with another workspace's -wal beside it, and with its own -wal copied a
moment after the file (the desk moved saves into its file in between: the pair does not
fit, and is read as the file alone).

    .venv/bin/python bench/bench_stray_wal.py WORKSPACE.fcdesk [--runs 5] [--tree DIR]

`--tree` runs `list` from another checkout (the code before, for comparison); the
in-process numbers are this checkout's. The workspace given is copied, never changed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.services.desk import Desk
from factcheck_app.storage import wal_check
from factcheck_app.storage import workspace as storage_workspace

# A desk in a process of its own that saves one verdict and is killed: its -wal stays.
_CRASH = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from factcheck_app.services.desk import Desk
    desk = Desk.open(Path(sys.argv[1]), backup=False)
    articles = desk.articles.list_articles()
    if articles:
        article = articles[0].id
    else:
        text = "A claim was made. It was false."
        article = desk.importer.import_text(text, source_name="a.txt").article_id
    desk.reviews.set_verdict(desk.reviews.sentence_rows(article)[0].sentence.id, "mixed")
    os._exit(0)
    """
)


# A desk that saves, pauses (its saves moved into the file), saves again and is killed.
_SAVE_PAUSE_SAVE = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from factcheck_app.services.desk import Desk
    desk = Desk.open(Path(sys.argv[1]), backup=False)
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(desk.articles.list_articles()[0].id)]
    for n in range(40):
        desk.reviews.set_text_field(ids[n % len(ids)], "explanation", f"first {n} " * 30)
    desk.settle_saves()
    desk.settle_saves()
    desk.reviews.set_text_field(ids[0], "explanation", "later")
    os._exit(0)
    """
)


def _crash(path: Path, tree: Path, script: str = _CRASH) -> None:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, env=env)


def _forget_looks() -> None:
    """Each run looks afresh, as a new command does (no answer kept from the last look;
    the code before this kept none)."""
    getattr(wal_check, "_LOOKED", {}).clear()


def _look(path: Path) -> None:
    _forget_looks()
    storage_workspace._reader_look(path)


def _median_ms(action: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _open_read_only(path: Path) -> None:
    _forget_looks()
    Desk.open(path, read_only=True, search_index="searched").close()


def _list(path: Path, tree: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run(
        [sys.executable, "-m", "factcheck_app", "list", "-w", str(path)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    here = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        path = folder / "w.fcdesk"
        shutil.copyfile(args.workspace, path)
        other = folder / "other" / "w.fcdesk"
        other.parent.mkdir()
        Desk.open(other, backup=False).close()
        _crash(other, here)
        print(f"{args.workspace.name}: {path.stat().st_size / 1e6:.0f} MB, median of {args.runs}")
        cases = ("no -wal", "a crash's own -wal", "another workspace's -wal", "own, copied later")
        for case in cases:
            if case == "a crash's own -wal":
                _crash(path, here)
            elif case == "another workspace's -wal":
                Desk.open(path, backup=False).close()  # the crash's -wal merged
                shutil.copyfile(other.with_name("w.fcdesk-wal"), path.with_name("w.fcdesk-wal"))
                path.with_name("w.fcdesk-shm").unlink(missing_ok=True)
            elif case == "own, copied later":
                for side in ("w.fcdesk-wal", "w.fcdesk-shm"):
                    path.with_name(side).unlink()  # another workspace's, as a desk sets it aside
                held = folder / "copied-first.fcdesk"
                shutil.copyfile(path, held)  # the file, copied while the desk has it open
                _crash(path, here, _SAVE_PAUSE_SAVE)
                shutil.copyfile(held, path)  # beside the -wal copied after the pause
                path.with_name("w.fcdesk-shm").unlink(missing_ok=True)
                said = wal_check.look_for_reader(path).unfit or "its own, read with it"
                print(f"(the look says: {said})")
            look = _median_ms(lambda: _look(path), args.runs)
            try:
                opened = _median_ms(lambda: _open_read_only(path), args.runs)
                listed = _median_ms(lambda: _list(path, args.tree), args.runs)
            except (WorkspaceError, subprocess.CalledProcessError) as error:
                print(f"{case:26}  the look {look:6.2f} ms  refused: {str(error)[:70]}…")
                continue
            print(
                f"{case:26}  the look {look:6.2f} ms  read-only open {opened:7.1f} ms  "
                f"list ({args.tree.name}) {listed:7.1f} ms"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
