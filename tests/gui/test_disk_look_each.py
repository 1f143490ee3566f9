"""`disk_look.waited_each` (File → Open Recent Workspace's looks) when its worker thread
does not get to look: it must still end within its wait, not start thread after thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck_app.gui import disk_look


def test_a_look_whose_thread_does_not_start_in_time_ends_the_wait(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A computer so busy the look's thread has not run within the wait (or a look that
    raised): the paths are said not to answer. The loop started a fresh thread every
    quarter second for as long as that lasted, the window frozen."""
    late = threading.Event()
    started: list[threading.Thread] = []
    real = disk_look.run_in_background

    def busy(work: Callable[[], None], name: str) -> threading.Thread:
        if len(started) >= 5:
            late.set()
            raise AssertionError(f"{len(started)} threads started for one wait")

        def when_let() -> None:
            late.wait()
            work()

        started.append(real(when_let, name))
        return started[-1]

    monkeypatch.setattr(disk_look, "run_in_background", busy)
    paths = [tmp_path / "a.fcdesk", tmp_path / "b.fcdesk"]
    try:
        found = disk_look.waited_each(paths, lambda _p: True, wait_ms=100)
    finally:
        late.set()
        for thread in started:
            thread.join(5)
    assert list(found) == paths
    assert all(isinstance(answer, disk_look.NoAnswer) for answer in found.values()), found
    assert len(started) == 1
    assert not disk_look._STUCK  # nothing waits on a drive: looked at again next time


# The look's thread ends on the error, printed (threading's excepthook): expected here.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_look_that_raises_does_not_start_thread_after_thread(tmp_path: Path) -> None:
    """`work` that raises (it must not; a future caller's may): the wait ends."""
    calls: list[Path] = []

    def work(path: Path) -> bool:
        calls.append(path)
        if len(calls) > 5:
            return True  # ends the loop on main, so that the test fails, not hangs
        raise OSError("unexpected")

    found = disk_look.waited_each([tmp_path / "a.fcdesk"], work, wait_ms=100)
    assert len(calls) == 1, calls
    assert isinstance(found[tmp_path / "a.fcdesk"], disk_look.NoAnswer)


def _hanging_at(hangs: Path, answers: threading.Event) -> Callable[[Path], bool]:
    def work(path: Path) -> bool:
        if path == hangs:
            answers.wait()
        return True

    return work


def test_a_path_that_answered_beside_one_that_does_not_keeps_its_answer(
    tmp_path: Path,
) -> None:
    """One file in a folder hangs (its drive stopped answering): the one looked at just
    before it there keeps its answer, those after it there are not looked at, one
    elsewhere is looked at as ever."""
    folder, elsewhere = tmp_path / "share", tmp_path / "local" / "here.fcdesk"
    paths = [folder / "a.fcdesk", folder / "b.fcdesk", folder / "c.fcdesk", elsewhere]
    answers = threading.Event()
    try:
        found = disk_look.waited_each(paths, _hanging_at(paths[1], answers), wait_ms=300)
        assert found[paths[0]] is True and found[elsewhere] is True, found
        assert isinstance(found[paths[1]], disk_look.NoAnswer)
        assert isinstance(found[paths[2]], disk_look.NoAnswer)
    finally:
        answers.set()
        disk_look._STUCK.clear()


def test_a_workspace_at_the_top_of_the_disk_that_hangs_leaves_the_rest_of_the_disk(
    tmp_path: Path,
) -> None:
    """A recent workspace kept at the top of a POSIX disk ("/team.fcdesk") did not answer:
    every other path is in its folder "/", and was said not to answer, this one and any
    export's folder after it, for as long as the look waited."""
    top = Path(tmp_path.anchor) / "team.fcdesk"
    here = tmp_path / "here.fcdesk"
    answers = threading.Event()
    try:
        found = disk_look.waited_each([top, here], _hanging_at(top, answers), wait_ms=300)
        assert isinstance(found[top], disk_look.NoAnswer)
        assert found[here] is True, found
        assert disk_look.waited(tmp_path, lambda: True) is True
    finally:
        answers.set()
        disk_look._STUCK.clear()


def test_many_files_on_a_slow_share_that_answers_are_not_said_dead(tmp_path: Path) -> None:
    """A thousand articles dropped from a share that is slow but there (over a VPN: each
    look a few milliseconds): the looks together took longer than the wait, and those
    still to look at when it ran out were said not to answer, so Import left them out
    ("does not answer: nothing in it was imported"; 379 of 1,000 at 2 ms each). With
    `per_look`, only a look that itself takes the wait is said not to answer. The slow
    drive is simulated by a short wait in each look (a drive's latency, not a test's
    sleep for a condition)."""
    paths = [tmp_path / f"story{n}.txt" for n in range(150)]

    def slow(_path: Path) -> bool:
        threading.Event().wait(0.002)
        return True

    found = disk_look.waited_each(paths, slow, wait_ms=100, per_look=True)
    assert found == dict.fromkeys(paths, True)
    assert not disk_look._STUCK
