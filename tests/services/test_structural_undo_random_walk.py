"""A merge of two sentences, a split or a re-split is undone (and redone) only when its
sentences, and the denials outside them it points back, hold what it left
(`StructuralEdit._refuse_changed`, over `repo.held`). Random walks of what the window
does, structural steps among review and source edits, undone and redone at random: the
window's own edits never refuse one (a refusal is for good: the reviewer could no longer
take the step back). And any change another program saves to what the newest structural
step left is always found: its undo is refused, and writes nothing."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import random
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused, FactcheckError
from factcheck_app.domain.models import Status, Tag
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.edits import StructuralEdit
from factcheck_app.storage.stores import rows
from tests.conftest import SEED_FILE

URLS = ("https://police.example/figures", "https://stats.example/unemployment")


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    """The seed article, on a clock a minute later at each save: who saved a review and
    when are held too (`repo.held`), and each edit's undo must put them back exactly."""
    minutes = itertools.count()
    start = dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(rows, "CLOCK", lambda: start + dt.timedelta(minutes=next(minutes)))
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False, reviewer="Ana Ruiz")
    desk.importer.import_file(SEED_FILE)
    try:
        yield desk
    finally:
        desk.close()


def ids_of(desk: Desk) -> list[int]:
    return [row.sentence.id for row in desk.reviews.sentence_rows(1)]


def split_point(desk: Desk, sentence_id: int) -> int:
    row = next(r for r in desk.reviews.sentence_rows(1) if r.sentence.id == sentence_id)
    text = row.sentence.text
    at = text.find(" ", len(text) // 2)
    return row.sentence.start + (at + 1 if at > 0 else len(text))


def edits(desk: Desk, rnd: random.Random) -> list[Callable[[int], object]]:
    """One of each edit the window makes on a sentence, structural steps among them."""
    every = ids_of(desk)

    def first_link(s: int) -> int:
        links = desk.sources.links(s)
        if not links:
            raise FactcheckError("no link")
        return links[0].id

    return [
        lambda s: desk.reviews.set_tag(s, rnd.choice([Tag.CLAIM, Tag.FACT, Tag.DENIAL, None])),
        lambda s: desk.reviews.set_verdict(s, rnd.choice(["true", "false", None])),
        lambda s: desk.reviews.set_text_field(s, "claimant", rnd.choice(["", "Zoë", "市長"])),
        lambda s: desk.reviews.set_status(s, rnd.choice(list(Status))),
        lambda s: desk.reviews.set_denies(s, rnd.choice(every)),
        lambda s: desk.sources.link_source(s, NewSource(rnd.choice(URLS), excerpt="«q»")),
        lambda s: desk.sources.unlink_source(first_link(s), s),
        lambda s: desk.boundaries.merge_with_next(s),
        lambda s: desk.boundaries.merge_with_next(s),
        lambda s: desk.boundaries.split_sentence(s, split_point(desk, s)),
        lambda s: desk.boundaries.split_sentence(s, split_point(desk, s)),
        lambda s: desk.boundaries.resplit_article(1),
        # Preferences: another name for the edits from now on; an editor's sign-off.
        lambda s: desk.set_reviewer(rnd.choice(["Ana Ruiz", "Bo Chen", "Zoë Ångström"])),
        lambda s: desk.sign_offs.approve(s),
        lambda s: desk.sign_offs.send_back(s, rnd.choice(["Name the survey", "«source?»"])),
    ]


def walk(desk: Desk, rnd: random.Random, steps: int) -> None:
    for _ in range(steps):
        with contextlib.suppress(FactcheckError, StopIteration):
            rnd.choice(edits(desk, rnd))(rnd.choice(ids_of(desk)))
        if rnd.random() < 0.2 and desk.edits.undo_steps:
            desk.undo()
            if rnd.random() < 0.5:
                desk.redo()


@pytest.mark.parametrize("seed", range(4))
def test_the_windows_own_edits_never_refuse_a_structural_undo(desk: Desk, seed: int) -> None:
    rnd = random.Random(seed)
    walk(desk, rnd, 40)
    for _ in range(2):
        while desk.edits.undo_steps:
            desk.undo()  # never refused
        while desk.edits.redo_steps:
            desk.redo()
    assert desk.history.verify().ok


def outside_change(desk: Desk, step: StructuralEdit, kind: str, rnd: random.Random) -> str:
    """A statement for another program that changes what `step` left: one of its
    sentences, or a denial outside them that its undo points back."""
    sid = rnd.choice([s.sentence.id for s in step.after])
    holder = step._pointers_before[0][0]
    mark = rnd.random()
    return {
        "version": "INSERT OR REPLACE INTO review_versions (sentence_id, reviewer, tag)"
        f" VALUES ({sid}, 'Outsider', 'claim')",
        "sign-off": "INSERT OR REPLACE INTO sign_offs (sentence_id, decision, editor, at)"
        f" VALUES ({sid}, 'returned', 'Outsider', '{mark}')",
        "review": "INSERT OR REPLACE INTO reviews (sentence_id, explanation, status)"
        f" VALUES ({sid}, 'Outside {mark}', 'in_progress')",
        "span": f'UPDATE sentences SET "end" = "end" - 1 WHERE id = {sid}',
        "link": f"UPDATE sentence_sources SET excerpt = 'Outside {mark}'"
        f" WHERE sentence_id = {step.after[0].sentence.id}",
        "linked by": "UPDATE sentence_sources SET reviewer = 'Outsider'"
        f" WHERE sentence_id = {step.after[0].sentence.id}",
        "reviewed by": "UPDATE reviews SET reviewer = 'Outsider'"
        f" WHERE sentence_id = {step.after[0].sentence.id}",
        "reviewed when": f"UPDATE reviews SET updated_at = '{mark}'"
        f" WHERE sentence_id = {step.after[0].sentence.id}",
        "paragraph": f"UPDATE sentences SET paragraph = paragraph + 1 WHERE id = {sid}",
        "denial": f"UPDATE reviews SET denies_sentence_id = NULL WHERE sentence_id = {holder}",
        "denial version": "UPDATE review_versions SET denies_sentence_id = NULL"
        f" WHERE sentence_id = {holder}",
    }[kind]


@pytest.mark.parametrize("seed", range(2))
@pytest.mark.parametrize(
    "kind",
    [
        "version",
        "sign-off",
        "review",
        "span",
        "link",
        "linked by",
        "reviewed by",
        "reviewed when",
        "paragraph",
        "denial",
        "denial version",
    ],
)
def test_an_outside_change_always_refuses_a_structural_undo(
    desk: Desk, seed: int, kind: str
) -> None:
    rnd = random.Random(seed)
    walk(desk, rnd, 25)
    every = ids_of(desk)
    holder, claim = every[-1], every[1]
    desk.reviews.set_tag(claim, Tag.CLAIM)
    desk.reviews.set_tag(holder, Tag.DENIAL)
    desk.reviews.set_denies(holder, claim)  # a denial outside the step pointing in
    desk.sources.link_source(every[0], NewSource(URLS[0], excerpt="Ours"))
    desk.reviews.set_text_field(every[0], "claimant", f"Ours {seed}")  # a review row
    desk.boundaries.merge_with_next(every[0])
    step = desk.edits.undo_steps[-1]
    assert isinstance(step, StructuralEdit)
    statement = outside_change(desk, step, kind, rnd)
    other = sqlite3.connect(desk.path)  # type: ignore[arg-type]
    with other:
        other.execute(statement)
    other.close()
    entries = len(desk.history.entries())
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.undo()
    assert len(desk.history.entries()) == entries
