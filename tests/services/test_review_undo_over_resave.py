"""Who last saved a sentence's review, and when, is the audit trail of who decided it.
Ana gave a verdict; Dora, in a second window on the same file, changed it and set it
back, so the review carried the same verdict under HER name and time. Ana's Ctrl+Z
compared the review's content only, found it as her step left it, and wrote the review
from before back: Dora's decision gone from the file without a word. Refused now, in
words naming who saved it since; the lone window's own steps never are."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditGone
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.storage.stores import rows
from tests.services.meanwhile_fixtures import minister_desk
from tests.services.merge_fixtures import sentence_ids


@pytest.fixture
def ticking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every save a second after the one before: two saves never share a time."""
    start = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
    seconds = itertools.count()
    monkeypatch.setattr(rows, "CLOCK", lambda: start + dt.timedelta(seconds=next(seconds)))


@pytest.fixture
def ana(tmp_path: Path, ticking: None) -> Iterator[Desk]:
    yield from minister_desk(tmp_path)


def second_window(desk: Desk, reviewer: str) -> Desk:
    """A second window on `desk`'s file, its edits `reviewer`'s (one writer at a time: it
    borrows the lock, as a second window of the desk writes between the first's saves)."""
    assert desk.path is not None
    return Desk.open(
        desk.path, backup=False, held_lock=desk.writer_lock, owns_lock=False, reviewer=reviewer
    )


def resaved_by(desk: Desk, reviewer: str, sentence: int) -> None:
    """`reviewer`, in a second window, changes the explanation and types it back: the
    same review, saved under their name and at their time."""
    other = second_window(desk, reviewer)
    try:
        kept = other.reviews.review(sentence)
        other.reviews.set_text_field(sentence, "explanation", kept.explanation + " (sure?)")
        other.reviews.set_text_field(sentence, "explanation", kept.explanation)
        assert other.reviews.review(sentence).content_fields() == kept.content_fields()
    finally:
        other.close()


@pytest.mark.parametrize("who", ["Dora Lee", "Ana Ruiz"], ids=["colleague", "same-name"])
@pytest.mark.parametrize("step", ["verdict", "Accept All", "typing"])
def test_an_undo_over_a_colleagues_resave_of_the_same_review_is_refused(
    ana: Desk, who: str, step: str
) -> None:
    """Ctrl+Z of Ana's step after the review was saved again, same content, in another
    window (Dora's; or Ana's own name in a second window: only the time tells it)."""
    sentence = sentence_ids(ana, 1)[0]
    if step == "verdict":
        ana.reviews.set_tag(sentence, Tag.CLAIM)
        ana.reviews.set_verdict(sentence, "false")
    elif step == "Accept All":
        ana.reviews.accept_suggestions(1, [(sentence, Tag.CLAIM, "The minister", None)])
    else:
        ana.reviews.set_text_field(sentence, "explanation", "Per the survey")
        ana.reviews.set_text_field(sentence, "explanation", "Per the survey of 2025")
    resaved_by(ana, who, sentence)
    saved = ana.reviews.review(sentence)
    assert saved.reviewer == who
    with pytest.raises(EditGone, match=f"{who} saved this sentence's review since"):
        ana.undo()
    assert ana.reviews.review(sentence) == saved  # Dora's name and time kept
    assert ana.history.verify().ok


def test_a_redo_over_a_colleagues_resave_of_the_same_review_is_refused(ana: Desk) -> None:
    """Ana tagged a claim and gave it "false", took the verdict back; Dora saved the
    review as Ana's undo left it, under her name. Ctrl+Y wrote Ana's "false" over
    Dora's decision, with Ana's old time."""
    sentence = sentence_ids(ana, 1)[0]
    ana.reviews.set_tag(sentence, Tag.CLAIM)
    ana.reviews.set_verdict(sentence, "false")
    ana.undo()
    resaved_by(ana, "Dora Lee", sentence)
    saved = ana.reviews.review(sentence)
    with pytest.raises(EditGone, match="Dora Lee saved this sentence's review since"):
        ana.redo()
    assert ana.reviews.review(sentence) == saved


@pytest.mark.parametrize("press", ["undo", "redo"])
def test_the_lone_windows_own_steps_are_never_refused(ana: Desk, press: str) -> None:
    """Typing saved at each pause (one step), a verdict, the name changed in Preferences,
    an approval and a return on the sentence, Accept All: undone all, redone all, with
    nobody else on the file; the review ends as each press left it, names and times."""
    first, second = sentence_ids(ana, 1)[:2]
    states = [ana.reviews.review(first)]

    def step(edit: Callable[[], object]) -> None:
        edit()
        states.append(ana.reviews.review(first))

    step(lambda: ana.reviews.set_tag(first, Tag.CLAIM))
    step(lambda: ana.reviews.set_text_field(first, "claimant", "The"))
    ana.reviews.set_text_field(first, "claimant", "The minister")  # merged: one step
    states[-1] = ana.reviews.review(first)
    ana.set_reviewer("Ana R.")
    step(lambda: ana.reviews.set_verdict(first, "false"))
    ana.set_reviewer("Zoë Ngata")
    ana.sign_offs.approve(first)
    ana.reviews.accept_suggestions(1, [(second, Tag.FACT, "", None)])
    ana.sign_offs.send_back(first, "Name the survey")
    for _ in range(3):
        ana.undo()
    while ana.edits.undo_steps:
        ana.undo()
        states.pop()
        assert ana.reviews.review(first) == states[-1]
    if press == "redo":
        while ana.edits.redo_steps:
            ana.redo()
    assert ana.history.verify().ok


def test_an_edit_made_from_the_review_before_a_colleagues_resave_undoes_to_hers(
    ana: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Ana pressed 1 (true) on her "false"; between her window's read of the review and
    its save, Dora saved the same review again in hers. The edit, checked on content
    only, went on from the review as read: its Ctrl+Z later put Ana's old save back,
    Dora's name and time gone. Made again from Dora's save, its undo puts hers back."""
    sentence = sentence_ids(ana, 1)[0]
    ana.reviews.set_tag(sentence, Tag.CLAIM)
    ana.reviews.set_verdict(sentence, "false")
    between_read_and_write(ana, lambda: resaved_by(ana, "Dora Lee", sentence))
    ana.reviews.set_verdict(sentence, "true")
    ana.undo()
    doras = ana.reviews.review(sentence)
    assert doras.verdict == "false"
    assert doras.reviewer == "Dora Lee"
    assert ana.history.verify().ok


def test_typing_after_a_colleagues_resave_is_a_step_of_its_own(ana: Desk) -> None:
    """Ana typed her explanation (saved at each pause, one step); Dora saved the same
    review again in her window; Ana typed on. Her typing was still one step, and its
    Ctrl+Z put the review from before she began back over Dora's save: her name and
    time gone. The typing after Dora's save is a step of its own: Ctrl+Z stops at hers."""
    sentence = sentence_ids(ana, 1)[0]
    ana.reviews.set_text_field(sentence, "explanation", "Per the survey")
    resaved_by(ana, "Dora Lee", sentence)
    doras = ana.reviews.review(sentence)
    ana.reviews.set_text_field(sentence, "explanation", "Per the survey of 2025")
    ana.undo()
    assert ana.reviews.review(sentence) == doras
    assert ana.history.verify().ok
