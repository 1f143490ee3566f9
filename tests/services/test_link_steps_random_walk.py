"""Random walks of the steps that make, move and take away source links (Link Source,
Remove Source, Edit Source to another URL, Reuse Sources, a split copying its links, a
join, Merge Workspace, Remove Article), with Ctrl+Z and Ctrl+Y anywhere and the workspace
closed and opened again now and then.

Alone on the workspace, no undo or redo is ever refused: a link's number, or a page's,
is never given twice. With another program writing in between (an older desk, DB
Browser, a script: a link numbered by SQLite, a quote changed, a link or an unlinked page
deleted, a page recorded), a step may be refused, in words, but never fails on what
that program did ("could not be read or written": a UNIQUE or FOREIGN KEY failure kept
the step on top, every Ctrl+Z hitting it)."""

from __future__ import annotations

import contextlib
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused, FactcheckError, WorkspaceError
from factcheck_app.domain.models import SourceLink
from factcheck_app.services.boundaries import SourcesTo
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.services.merge_fixtures import make_alice, make_bob, open_as
from tests.services.test_merge_undo_random_walk import _all_sentences, _split_point

URLS = [f"https://page{i}.example/figures" for i in range(6)]
STUCK = "could not be read or written"


def _another_program(path: Path, rnd: random.Random) -> None:
    """One change another program makes to the open workspace."""
    db = sqlite3.connect(path, timeout=5)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        links = [r[0] for r in db.execute("SELECT id FROM sentence_sources")]
        sentences = [r[0] for r in db.execute("SELECT id FROM sentences")]
        kind = rnd.randrange(5)
        if kind == 0 and links:
            db.execute(
                "UPDATE sentence_sources SET excerpt = 'theirs' WHERE id = ?", [rnd.choice(links)]
            )
        elif kind == 1 and links:
            db.execute("DELETE FROM sentence_sources WHERE id = ?", [rnd.choice(links)])
        elif kind == 2 and sentences:  # numbered by SQLite after the highest, not noted
            db.execute(
                "INSERT OR IGNORE INTO sources (url, title, publisher, created_at)"
                " VALUES (?, 'Theirs', '', '2026-12-07T03:00:00+00:00')",
                [f"https://theirs{rnd.randrange(5)}.example/"],
            )
            source = db.execute("SELECT max(id) FROM sources").fetchone()[0]
            db.execute(
                "INSERT OR IGNORE INTO sentence_sources (sentence_id, source_id, stance,"
                " excerpt, created_at, reviewer) VALUES (?, ?, 'context', '',"
                " '2026-12-07T03:00:00+00:00', 'Bea')",
                [rnd.choice(sentences), source],
            )
        elif kind == 3:
            db.execute(
                "DELETE FROM sources WHERE id NOT IN (SELECT source_id FROM sentence_sources)"
            )
        else:
            db.execute(
                "INSERT OR IGNORE INTO sources (url, title, publisher, created_at)"
                " VALUES (?, 'Theirs', '', '2026-12-07T03:00:00+00:00')",
                [rnd.choice(URLS)],
            )
        db.commit()
    finally:
        db.close()


def _steps(desk: Desk, others: list[Path], rnd: random.Random) -> list[Callable[[int], object]]:
    everyone = _all_sentences(desk)

    def some_link(s: int) -> SourceLink:
        links = desk.sources.links(s)
        if not links:
            raise FactcheckError("no link")
        return rnd.choice(links)

    return [
        lambda s: desk.sources.link_source(s, NewSource(rnd.choice(URLS), title="Linked")),
        lambda s: desk.sources.unlink_source(some_link(s).id, s),
        lambda s: desk.sources.edit_link(
            some_link(s).id, s, NewSource(rnd.choice(URLS), title=f"Edited {rnd.randrange(3)}")
        ),
        lambda s: desk.sources.reuse_sources(s, rnd.choice(everyone)),
        lambda s: desk.boundaries.split_sentence(
            s, _split_point(desk, s), sources_to=SourcesTo.BOTH
        ),
        lambda s: desk.boundaries.merge_with_next(s),
        lambda s: desk.merge.merge(rnd.choice(others)),
        lambda s: desk.articles.remove_article(desk.reviews.article_of(s) or 0),
    ]


def _move(desk: Desk, action: str, alone: bool) -> bool:
    """Ctrl+Z or Ctrl+Y; False when refused (never, alone on the workspace)."""
    try:
        getattr(desk, action)()
    except EditRefused as error:
        assert not alone, f"{action} refused, alone on the workspace: {error}"
        assert STUCK not in str(error)
        return False
    except WorkspaceError as error:
        raise AssertionError(f"{action} of {desk.edits.top(action)!r:.300}: {error}") from error
    return True


def _walk(tmp_path: Path, seed: int, steps: int, alone: bool) -> None:
    rnd = random.Random(seed)
    alice, bob, carol = (tmp_path / f"{n}.fcdesk" for n in ("alice", "bob", "carol"))
    make_alice(alice)
    make_bob(bob)
    make_alice(carol)
    with contextlib.closing(open_as(bob, "Bob")) as theirs:
        for url in URLS[:3]:
            with contextlib.suppress(FactcheckError):
                theirs.sources.link_source(rnd.choice(_all_sentences(theirs)), NewSource(url))
    desk = open_as(alice, "Alice")
    try:
        for _ in range(steps):
            step = rnd.choice(_steps(desk, [bob, carol], rnd))
            try:
                step(rnd.choice(_all_sentences(desk)))
            except WorkspaceError as error:
                raise AssertionError(str(error)) from error
            except (FactcheckError, StopIteration) as error:  # refused in words: no step
                assert STUCK not in str(error)
            if not alone and rnd.random() < 0.25:
                _another_program(alice, rnd)
            if rnd.random() < 0.35:
                for _ in range(rnd.randrange(1, 6)):
                    if not desk.edits.undo_steps or not _move(desk, "undo", alone):
                        break
                for _ in range(rnd.randrange(0, 4)):
                    if not desk.edits.redo_steps or not _move(desk, "redo", alone):
                        break
            if rnd.random() < 0.03:
                desk.close()
                desk = open_as(alice, "Alice")
        for _ in range(300):  # down to the bottom: refused steps are dropped
            if not desk.edits.undo_steps:
                break
            _move(desk, "undo", alone)
        assert not desk.edits.undo_steps
    finally:
        desk.close()


@pytest.mark.parametrize("alone", [True, False], ids=["alone", "another program"])
@pytest.mark.parametrize("seed", [16, 606, 620])  # each stuck before 7 December
def test_link_steps_never_stick(tmp_path: Path, seed: int, alone: bool) -> None:
    _walk(tmp_path, seed, 40, alone)


@pytest.mark.slow
@pytest.mark.parametrize("alone", [True, False], ids=["alone", "another program"])
@pytest.mark.parametrize("seed", range(600, 640))
def test_link_steps_never_stick_long(tmp_path: Path, seed: int, alone: bool) -> None:
    _walk(tmp_path, seed, 60, alone)
