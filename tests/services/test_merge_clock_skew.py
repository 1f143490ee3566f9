"""One reviewer on two machines, one of whose clocks is wrong: a merge decides which of
her two versions is the later word from the two histories, never from the clocks. Two
versions each made without the other are a conflict kept side by side (issue 16)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.models import Status, Tag
from factcheck_app.services.desk import Desk
from factcheck_app.storage.stores import rows
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids

ANA = "Ana Ruiz"
LAPTOP_LOOK = "first look (laptop)"
DESK_FINAL = "FINAL: census 2019 says 335,600 (desk)"

Clock = Callable[[float], None]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    """Set the machine's clock `days` off the real time (the desk's own clock seam)."""

    def skew(days: float) -> None:
        monkeypatch.setattr(
            rows, "CLOCK", lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=days)
        )

    yield skew


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path, int]:
    """The desk's workspace and the laptop's copy of it, and the sentence Ana reviews."""
    desk_ws, laptop_ws = tmp_path / "desk.fcdesk", tmp_path / "laptop.fcdesk"
    desk = open_as(desk_ws, ANA)
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        sentence = sentence_ids(desk, article)[1]
    finally:
        desk.close()
    shutil.copy(desk_ws, laptop_ws)
    return desk_ws, laptop_ws, sentence


def review(path: Path, sentence: int, verdict: str, explanation: str) -> None:
    desk = open_as(path, ANA)
    try:
        desk.reviews.set_tag(sentence, Tag.CLAIM)
        desk.reviews.set_verdict(sentence, verdict)
        desk.reviews.set_text_field(sentence, "explanation", explanation)
    finally:
        desk.close()


def each_without_the_other(
    copies: tuple[Path, Path, int], clock: Clock, laptop_verdict: str = "true"
) -> None:
    """Ana rates the sentence on the laptop (its clock a day ahead: stamped tomorrow),
    then False on the desk, neither knowing the other's."""
    desk_ws, laptop_ws, s = copies
    clock(+1)
    review(laptop_ws, s, laptop_verdict, LAPTOP_LOOK)
    clock(0)
    review(desk_ws, s, "false", DESK_FINAL)


def merged(path: Path, other: Path) -> Desk:
    desk = open_as(path, ANA)
    desk.merge.merge(other)
    return desk


def shown(desk: Desk, sentence: int) -> tuple[str | None, str, Status]:
    decided = desk.reviews.review(sentence)
    return decided.verdict, decided.explanation, decided.status


def merge_state(desk: Desk, sentence: int) -> tuple[object, ...]:
    """What a merge may change: the sentence as shown, its versions, the undo steps and
    the history's length."""
    return (
        shown(desk, sentence),
        version_texts(desk, sentence),
        len(desk.edits.undo_steps),
        desk.repo.db.execute("SELECT count(*) FROM history").fetchone()[0],
    )


def version_texts(desk: Desk, sentence: int) -> dict[str, tuple[str | None, str]]:
    return {v.reviewer: (v.verdict, v.explanation) for v in desk.merge.versions(sentence)}


def test_a_laptop_clock_ahead_does_not_overwrite_the_desks_later_work(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    desk_ws, laptop_ws, s = copies
    each_without_the_other(copies, clock)  # 09:00 on the laptop, 10:00 on the desk
    desk = merged(desk_ws, laptop_ws)
    try:
        # Her desk's work stays the decided review until she chooses; both are there.
        assert shown(desk, s) == ("false", DESK_FINAL, Status.CONFLICT)
        assert version_texts(desk, s) == {
            ANA: ("false", DESK_FINAL),
            f"{ANA} (in laptop.fcdesk)": ("true", LAPTOP_LOOK),
        }
        # One Ctrl+Z takes the whole merge back; redo raises the same conflict again.
        desk.edits.undo()
        assert shown(desk, s) == ("false", DESK_FINAL, Status.DONE)
        assert list(version_texts(desk, s)) == [ANA]
        desk.edits.redo()
        assert shown(desk, s) == ("false", DESK_FINAL, Status.CONFLICT)
        assert len(version_texts(desk, s)) == 2
    finally:
        desk.close()


def test_a_laptop_clock_behind_does_not_drop_its_later_work(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    desk_ws, laptop_ws, s = copies
    review(desk_ws, s, "false", DESK_FINAL)  # 10:00 on the desk
    clock(-1)  # 11:00 on the laptop, stamped yesterday: made without the desk's
    review(laptop_ws, s, "true", LAPTOP_LOOK)
    clock(0)
    desk = merged(desk_ws, laptop_ws)
    try:
        assert shown(desk, s) == ("false", DESK_FINAL, Status.CONFLICT)
        assert version_texts(desk, s)[f"{ANA} (in laptop.fcdesk)"] == ("true", LAPTOP_LOOK)
    finally:
        desk.close()


def test_the_laptops_edit_made_after_merging_the_desks_file_wins_whatever_its_clock(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    desk_ws, laptop_ws, s = copies
    review(desk_ws, s, "false", DESK_FINAL)
    clock(-1)  # the laptop runs a day behind
    laptop = merged(laptop_ws, desk_ws)  # she takes the desk's work to the laptop
    try:
        assert shown(laptop, s) == ("false", DESK_FINAL, Status.DONE)
        laptop.reviews.set_verdict(s, "mostly_false")  # …and goes on from it there
        laptop.reviews.set_text_field(s, "explanation", "census 2019: 335,600, rounded")
    finally:
        laptop.close()
    clock(0)
    desk = merged(desk_ws, laptop_ws)
    try:
        assert shown(desk, s) == ("mostly_false", "census 2019: 335,600, rounded", Status.DONE)
        assert list(version_texts(desk, s)) == [ANA]
    finally:
        desk.close()


def test_two_versions_with_the_same_tag_and_verdict_stay_agreed_with_the_desks_words(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    desk_ws, laptop_ws, s = copies
    each_without_the_other(copies, clock, laptop_verdict="false")
    desk = open_as(desk_ws, ANA)
    try:
        result = desk.merge.merge(laptop_ws)
        assert result.sentences_conflicting == 0
        assert shown(desk, s) == ("false", DESK_FINAL, Status.DONE)
        assert version_texts(desk, s) == {ANA: ("false", DESK_FINAL)}
    finally:
        desk.close()


def test_merging_the_laptop_again_changes_nothing_before_or_after_the_decision(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    desk_ws, laptop_ws, s = copies
    each_without_the_other(copies, clock)
    desk = merged(desk_ws, laptop_ws)
    try:
        assert shown(desk, s)[2] is Status.CONFLICT

        before = merge_state(desk, s)
        again = desk.merge.merge(laptop_ws)
        assert not again.changed
        assert merge_state(desk, s) == before
        # She keeps the desk's version: the same file merged again does not raise it.
        ours = next(v for v in desk.merge.versions(s) if v.reviewer == ANA)
        desk.reviews.decide(s, ours)
        decided = merge_state(desk, s)
        assert shown(desk, s) == ("false", DESK_FINAL, Status.DONE)
        assert not desk.merge.merge(laptop_ws).changed
        assert merge_state(desk, s) == decided
    finally:
        desk.close()


def test_keeping_the_laptops_version_makes_it_hers_and_the_laptop_then_agrees(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    desk_ws, laptop_ws, s = copies
    each_without_the_other(copies, clock)
    desk = merged(desk_ws, laptop_ws)
    try:
        laptops = next(v for v in desk.merge.versions(s) if v.reviewer != ANA)
        desk.reviews.decide(s, laptops)
        # The decided review is Ana's (her name, not her laptop's file), and her own.
        assert desk.reviews.review(s).reviewer == ANA
        assert shown(desk, s) == ("true", LAPTOP_LOOK, Status.DONE)
        assert version_texts(desk, s)[ANA] == ("true", LAPTOP_LOOK)
        desk.edits.undo()
        assert shown(desk, s) == ("false", DESK_FINAL, Status.CONFLICT)
        assert version_texts(desk, s)[ANA] == ("false", DESK_FINAL)
        desk.edits.redo()
    finally:
        desk.close()
    # Back on the laptop, the desk's file brings her decision: nothing to decide there.
    laptop = merged(laptop_ws, desk_ws)
    try:
        assert shown(laptop, s) == ("true", LAPTOP_LOOK, Status.DONE)
    finally:
        laptop.close()


def test_the_laptop_merging_the_desk_before_the_decision_gets_no_echo_of_its_own_work(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    desk_ws, laptop_ws, s = copies
    each_without_the_other(copies, clock)
    merged(desk_ws, laptop_ws).close()  # the desk keeps "Ana Ruiz (in laptop.fcdesk)"
    laptop = merged(laptop_ws, desk_ws)
    try:
        # The desk's "Ana Ruiz (in laptop.fcdesk)" is the laptop's own version coming
        # back: not a third version. The desk's own is kept beside hers, as the desk did.
        assert shown(laptop, s) == ("true", LAPTOP_LOOK, Status.CONFLICT)
        assert version_texts(laptop, s) == {
            ANA: ("true", LAPTOP_LOOK),
            f"{ANA} (in desk.fcdesk)": ("false", DESK_FINAL),
        }

        before = merge_state(laptop, s)
        assert not laptop.merge.merge(desk_ws).changed  # merging again: nothing new
        assert merge_state(laptop, s) == before
        laptop.edits.undo()  # one Ctrl+Z takes the whole merge back
        assert shown(laptop, s) == ("true", LAPTOP_LOOK, Status.DONE)
        assert version_texts(laptop, s) == {ANA: ("true", LAPTOP_LOOK)}
        laptop.edits.redo()  # (undo and redo are in the history themselves)
        assert merge_state(laptop, s)[:3] == before[:3]
    finally:
        laptop.close()
    # And the desk, merging the laptop's file back, gets no echo of its own either (only
    # the laptop's history entries of its merge are new there).
    desk = open_as(desk_ws, ANA)
    try:
        back = desk.merge.merge(laptop_ws)
        assert (back.reviews_added, back.sentences_conflicting) == (0, 0)
        assert version_texts(desk, s) == {
            ANA: ("false", DESK_FINAL),
            f"{ANA} (in laptop.fcdesk)": ("true", LAPTOP_LOOK),
        }
    finally:
        desk.close()


ZOE = "Zoë Ngata"


def signed(path: Path, sentence: int, note: str | None = None) -> None:
    """Zoë approves the sentence's verdict in `path` (returns it, with a `note`)."""
    desk = open_as(path, ZOE)
    try:
        if note is None:
            desk.sign_offs.approve(sentence)
        else:
            desk.sign_offs.send_back(sentence, note)
    finally:
        desk.close()


def sign_off_shown(desk: Desk, sentence: int) -> tuple[str, str] | None:
    found = desk.sign_offs.sign_off(sentence)
    return None if found is None else (found.decision.value, found.note)


def test_an_editors_return_on_a_laptop_whose_clock_is_slow_is_taken(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    """Zoë approved Ana's verdict on the desk, took the workspace to her laptop, whose
    clock runs three hours slow, and returned it there ("Which year?"). Merged back, the
    return was stamped before the approval: the desk kept "Approved" and the merge said
    nothing, so the checker could publish a verdict its editor had sent back. Her
    laptop's history holds the approval and went on from it: the return is the later."""
    desk_ws, laptop_ws, s = copies
    review(desk_ws, s, "false", DESK_FINAL)
    signed(desk_ws, s)
    shutil.copy(desk_ws, laptop_ws)
    clock(-0.125)
    signed(laptop_ws, s, "Which year?")
    clock(0)
    desk = merged(desk_ws, laptop_ws)
    try:
        assert sign_off_shown(desk, s) == ("returned", "Which year?")
        desk.edits.undo()  # the merge taken back, and done again: the same
        assert sign_off_shown(desk, s) == ("approved", "")
        desk.edits.redo()
        assert sign_off_shown(desk, s) == ("returned", "Which year?")
    finally:
        desk.close()


def test_an_approval_after_a_return_from_a_laptop_whose_clock_is_fast_stays(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    """Zoë returned the verdict on her laptop (its clock a day ahead), the desk merged
    it, Ana answered, and Zoë approved on the desk. Merging the laptop's file again took
    its return, stamped tomorrow, over the approval: merging the same file again must
    change nothing, and the desk's history went on from that return."""
    desk_ws, laptop_ws, s = copies
    review(desk_ws, s, "false", DESK_FINAL)
    shutil.copy(desk_ws, laptop_ws)
    clock(+1)
    signed(laptop_ws, s, "Which year?")
    clock(0)
    merged(desk_ws, laptop_ws).close()
    signed(desk_ws, s)
    desk = merged(desk_ws, laptop_ws)
    try:
        assert sign_off_shown(desk, s) == ("approved", "")
    finally:
        desk.close()
