"""A background writer (an import) lets the window's saves write first."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from factcheck_app.services.desk import Desk
from factcheck_app.storage.turns import WriteTurns


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Until `condition` holds (another thread reached its wait); fails after `timeout`."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while not condition():
        assert time.monotonic() < deadline, "the other thread never got there"
        pause.wait(0.001)


def test_a_waiting_save_goes_before_the_next_background_transaction() -> None:
    turns = WriteTurns()
    order: list[str] = []
    slice_may_end = threading.Event()

    def background() -> None:
        for number in (1, 2):
            with turns.turn(background=True, timeout=5):
                order.append(f"slice {number}")
                if number == 1:
                    slice_may_end.wait(5)

    def save() -> None:
        with turns.turn(background=False, timeout=5):
            order.append("save")

    importer = threading.Thread(target=background)
    importer.start()
    wait_for(lambda: order == ["slice 1"])
    window = threading.Thread(target=save)
    window.start()
    wait_for(lambda: turns._saves_waiting == 1)  # the save waits for slice 1…
    slice_may_end.set()
    importer.join(5)
    window.join(5)
    assert order == ["slice 1", "save", "slice 2"]  # …and slice 2 waits for the save


def test_a_turn_that_is_never_given_back_delays_a_save_only_until_its_timeout() -> None:
    turns = WriteTurns()
    holding = threading.Event()
    release = threading.Event()

    def stuck_writer() -> None:
        with turns.turn(background=True, timeout=5):
            holding.set()
            release.wait(5)

    thread = threading.Thread(target=stuck_writer)
    thread.start()
    holding.wait(5)
    began = time.monotonic()
    with turns.turn(background=False, timeout=0.05):
        waited = time.monotonic() - began
    release.set()
    thread.join(5)
    assert 0.04 <= waited < 2  # went ahead: SQLite's own lock decides from there


def test_the_import_connection_shares_the_windows_turns_and_yields(seeded_desk: Desk) -> None:
    helper = seeded_desk.open_helper()
    try:
        window_db, import_db = seeded_desk.repo.db, helper.repo.db
        assert window_db.turns is not None and window_db.turns is import_db.turns
        assert import_db.background and not window_db.background
    finally:
        helper.close()


def test_a_read_only_desk_takes_no_turns(seeded_desk: Desk) -> None:
    path = seeded_desk.path
    assert path is not None
    reader = Desk.open(path, read_only=True)
    try:
        assert reader.repo.db.turns is None
    finally:
        reader.close()


def test_the_import_sees_a_save_waiting_for_its_slice(seeded_desk: Desk) -> None:
    """A slice can end as soon as a save waits for it, rather than after its 30 ms: on a
    loaded machine those 30 ms of batches took up to 226 ms, and the save waited."""
    sid = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    helper = seeded_desk.open_helper()
    saved = threading.Event()
    try:
        import_db = helper.repo.db
        assert not import_db.a_save_is_waiting()
        with import_db.atomic():  # a slice
            assert not import_db.a_save_is_waiting()
            window = threading.Thread(
                target=lambda: (seeded_desk.reviews.set_verdict(sid, "false"), saved.set())
            )
            window.start()
            wait_for(import_db.a_save_is_waiting)
            assert not saved.is_set()
        window.join(5)
        assert saved.is_set() and not import_db.a_save_is_waiting()
        assert not seeded_desk.repo.db.a_save_is_waiting()  # the window's own: never
    finally:
        helper.close()
