"""Which step an undo took back, read from the history, is the step the window's own undo
stack took back. Two rules read it: who gave a sentence its verdict
(`sign_offs.verdict_author`: an editor may not approve her own verdict, and a sign-off
names its checker) and which of a colleague's undos a merge believes
(`merge._forged_undos`: a real undo left out keeps a decision or an approval the
colleague took back). Random walks of verdicts, conflicts decided, approvals and returns
by three people sharing one window (Preferences changes the name, the undo stack stays),
with undos, redos, undos of redos, and new steps that drop what Redo offered; after each
move the author of every verdict is the one the stack says, and at the end the walked
file merged elsewhere has none of its undos left out. Every save a second after the one
before, and Accept All among the steps: an undo or redo that put a review's name or time
back wrong, or refused one of the window's own steps as saved since by someone else
(`EditGone`), fails the walk."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factcheck_app.domain.errors import EditGone, FactcheckError
from factcheck_app.domain.models import Status, Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.edits import Edit
from factcheck_app.services.history import sentence_steps
from factcheck_app.services.sign_offs import _had_it_before, verdict_author
from factcheck_app.storage.stores import rows
from tests.services.merge_fixtures import (
    article_titled,
    make_alice,
    make_bob,
    open_as,
    sentence_ids,
)

PEOPLE = ("Alice", "Bob", "Edith Park")
VERDICTS = ("true", "false", "mixed", None)


class Truth:
    """Which history entry each step of the window's stack wrote when it was done: the
    steps still done are the stack's undo steps, and every step of a stack cleared (the
    window closed and opened again: no longer undoable)."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.done_by: dict[int, int] = {}  # id(step) -> seq of its "do" entry
        self.steps: dict[int, Edit] = {}  # kept alive: ids are not reused
        self.kept: set[int] = set()  # seqs of steps no longer on any stack
        self.before = self._newest()

    def _newest(self) -> int:
        row = self.desk.workspace.db.execute("SELECT max(id) FROM history").fetchone()
        return int(row[0] or 0)

    def pushed(self) -> None:
        """After a push: a new step (not typing merged into the one before) is named."""
        top = self.desk.edits.top("undo")
        if top is not None and id(top) not in self.done_by and self._newest() > self.before:
            self.done_by[id(top)] = self._newest()
            self.steps[id(top)] = top
        self.before = self._newest()

    def moved(self) -> None:
        self.before = self._newest()

    def reopened(self) -> None:
        self.kept.update(self.done_by[id(s)] for s in self.desk.edits.undo_steps)
        self.desk.edits.clear()

    def done(self) -> set[int]:
        """The seqs of the "do" entries of steps done now."""
        return self.kept | {self.done_by[id(s)] for s in self.desk.edits.undo_steps}

    def author(self, sentence_id: int) -> str | None:
        """`verdict_author` as the stack tells which steps are done: every rule of it but
        the reading of undos and redos."""
        repo = self.desk.repo
        review = repo.reviews.get_review(sentence_id)
        if review.verdict is None:
            return None
        done = self.done()
        every = list(sentence_steps(repo, sentence_id))
        for entry, before, after in every:
            # Before the walk, or merged in: the fixtures' entries, none undone.
            standing = entry.origin or entry.seq <= self.first or entry.seq in done
            if entry.action != "do" or not standing:
                continue
            if not isinstance(after, dict) or after.get("rating") != review.verdict:
                continue
            if isinstance(before, dict) and before.get("status") == Status.CONFLICT.value:
                continue
            if isinstance(before, dict) and before.get("rating") == review.verdict:
                continue
            if (
                entry.origin
                and entry.reviewer != review.reviewer
                and _had_it_before(repo, review, entry.seq, every)
            ):
                continue
            return entry.reviewer
        return None

    first = 0


def _refused_in_words(move: Callable[[], object]) -> None:
    """Undo or redo, refused in words as the window may refuse it (her own verdict's
    sign-off); never for good (`EditGone` drops the step from the stack, done still,
    which `Truth` would not know): nothing else writes to the file."""
    try:
        move()
    except EditGone:
        raise
    except FactcheckError:
        pass


def _walk(tmp_path: Path, seed: int, moves: int) -> None:
    rnd = random.Random(seed)
    names = ("alice", "bob", "carol", "other")
    alice, bob, carol, other = (tmp_path / f"{n}.fcdesk" for n in names)
    make_alice(alice)
    make_bob(bob)
    make_alice(other)
    desk = open_as(alice, "Alice")
    try:
        desk.merge.merge(bob)  # a conflict on the second sentence, Bob's entries merged in
    finally:
        desk.close()
    # A colleague's copy, where the conflict was decided and verdicts given as they may
    # be in the walk: merged in during it, her steps can look like the walk's own.
    shutil.copyfile(alice, carol)
    desk = open_as(carol, "Carol")
    try:
        article = article_titled(desk, "minister")
        sentences = sentence_ids(desk, article)[:3]
        desk.reviews.decide(sentences[1], rnd.choice(desk.merge.versions(sentences[1])))
        desk.reviews.set_verdict(sentences[0], rnd.choice(VERDICTS))
        desk.reviews.set_verdict(sentences[2], rnd.choice(VERDICTS))
    finally:
        desk.close()
    desk = open_as(alice, "Alice")
    try:
        truth = Truth(desk)
        truth.first = truth.before

        def decide(s: int) -> Any:
            if desk.reviews.review(s).status is not Status.CONFLICT:
                raise FactcheckError("no conflict")
            return desk.reviews.decide(s, rnd.choice(desk.merge.versions(s)))

        edits = [
            lambda s: desk.reviews.set_verdict(s, rnd.choice(VERDICTS)),
            lambda s: desk.reviews.set_verdict(s, rnd.choice(VERDICTS)),
            lambda s: desk.reviews.set_tag(s, rnd.choice([Tag.CLAIM, Tag.FACT])),
            lambda s: desk.reviews.set_text_field(s, "explanation", rnd.choice(["", "Per."])),
            lambda s: desk.sign_offs.approve(s),
            lambda s: desk.sign_offs.send_back(s, "Look again"),
            decide,
            decide,
            lambda s: desk.merge.merge(carol),
            lambda s: desk.merge.merge(carol),
            lambda s: desk.reviews.accept_suggestions(article, [(s, Tag.CLAIM, "Who", None)]),
        ]
        for _ in range(moves):
            roll = rnd.random()
            if roll < 0.25:
                for _ in range(rnd.choice([1, 1, 2, 3])):  # Ctrl+Z held
                    _refused_in_words(desk.undo)
                    truth.moved()
            elif roll < 0.4:
                _refused_in_words(desk.redo)
                truth.moved()
            elif roll < 0.48:
                desk.set_reviewer(rnd.choice(PEOPLE))
            elif roll < 0.5:
                truth.reopened()
            else:
                # Refused in words (her own verdict, nothing to decide): no step.
                with contextlib.suppress(FactcheckError):
                    rnd.choice(edits)(rnd.choice(sentences))
                truth.pushed()
            for s in sentences:
                review = desk.repo.reviews.get_review(s)
                assert verdict_author(desk.repo, review) == truth.author(s), (seed, s)
    finally:
        desk.close()
    here = open_as(other, "Alice")
    try:
        result = here.merge.merge(alice)
        assert result.undos_left_out == 0, seed
    finally:
        here.close()


@pytest.fixture(autouse=True)
def ticking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every save a second after the one before: two saves never share a time, so one
    put back wrong shows."""
    start = dt.datetime.now(dt.UTC)
    seconds = itertools.count()
    monkeypatch.setattr(rows, "CLOCK", lambda: start + dt.timedelta(seconds=next(seconds)))


@pytest.mark.parametrize("seed", range(4))  # 0 found the merge's forged real undo
def test_an_undo_takes_back_the_step_the_stack_took_back(tmp_path: Path, seed: int) -> None:
    _walk(tmp_path, seed, 60)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(100, 120))
def test_an_undo_takes_back_the_step_the_stack_took_back_long(tmp_path: Path, seed: int) -> None:
    _walk(tmp_path, seed, 150)
