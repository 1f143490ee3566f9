"""The look at a copy taken while open, for a front end that runs it beside itself
(services/copy_check.py: `read_copy`, `BackgroundCopyLook`, `Desk.start_copy_look`): no
Qt, progress through a callback, Cancel through a flag, and the same words as the open's
own look."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from factcheck_app.domain.errors import Cancelled
from factcheck_app.services import copy_check
from factcheck_app.services.copy_check import BackgroundCopyLook
from factcheck_app.services.desk import Desk
from factcheck_app.storage.two_moments import FOUND_SETTING
from tests.services.test_copy_of_two_moments import _two_moment_copy


def test_read_beside_it_tells_what_the_open_told(tmp_path: Path) -> None:
    copy, ids = _two_moment_copy(tmp_path)
    twin = tmp_path / "twin" / copy.name
    twin.parent.mkdir()
    shutil.copyfile(copy, twin)
    desk = Desk.open(copy, backup=False, search_index="beside", copy_look="later")
    try:
        assert desk.copy_look_due and desk.copy_look is None
        assert not any("two different moments" in n for n in desk.notices)  # not yet
        # Noted at once: a look cut short is made again at the next open.
        assert desk.repo.settings.get_setting(FOUND_SETTING) is not None
        ended = threading.Event()
        stages: list[tuple[int, str]] = []
        threads: list[threading.Thread] = []

        def done(look: BackgroundCopyLook) -> None:
            threads.append(threading.current_thread())
            ended.set()

        look = desk.start_copy_look(done, lambda at, words: stages.append((at, words)))
        assert ended.wait(30)
        assert threads[0] is not threading.main_thread()
        assert look.reading is not None and not look.cancelled and look.error is None
        assert [at for at, _ in stages] == [0, 600, 1000]
        assert "reviews" in stages[0][1] and "search index" in stages[1][1]
        notes = desk.finish_copy_look(look.reading)
        assert not desk.copy_look_due
        assert desk.reviews.review(ids[0]).verdict == "mixed"  # named, never changed
    finally:
        desk.close()
    before = Desk.open(twin, backup=False, search_index="beside")
    try:
        assert notes == before.notices[-2:]
        assert "holds reviews of two different moments" in notes[0]
        assert "was made whole again" in notes[1]
    finally:
        before.close()


def test_its_reading_stops_at_a_cancel_flag(tmp_path: Path) -> None:
    copy, _ = _two_moment_copy(tmp_path)
    desk = Desk.open(copy, read_only=True, backup=False)
    try:
        with pytest.raises(Cancelled):
            copy_check.read_copy(desk.repo, writable=False, index=True, cancelled=lambda: True)
    finally:
        desk.close()


def test_a_normal_open_has_no_look_due(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.fcdesk"
    Desk.open(path, backup=False).close()
    desk = Desk.open(path, backup=False, copy_look="later")
    try:
        assert not desk.copy_look_due
        assert desk.repo.settings.get_setting(FOUND_SETTING) is None
    finally:
        desk.close()
