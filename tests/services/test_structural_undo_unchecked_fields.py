"""A merge or split undone after a second desk window (or another program) on the same
workspace changed something of its sentences that the undo's check did not look at:
who last reviewed one and when, who linked a source, a sentence's paragraph or article.
Ctrl+Z wrote the step's old copy back over it without a word: Dora's name as the one
who last saved the verdict gone from the audit trail, under Ana's undo. It is refused in
words, as any other change another program made meanwhile; the lone desk's own steps
never are (tests/services/test_structural_undo_random_walk.py)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.storage.stores import rows
from tests.conftest import SEED_FILE

UNDO_REFUSED = "changed since by another program"


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[tuple[Desk, Desk]]:
    """Ana's desk with the seed article, and a second desk window on her file (Dora's)."""
    path = tmp_path / "w.fcdesk"
    ana = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    ana.importer.import_file(SEED_FILE)
    # One writer at a time: the other window borrows the lock, as a program that does
    # not take it writes between the window's transactions.
    dora = Desk.open(path, backup=False, held_lock=ana.writer_lock, owns_lock=False)
    dora.reviewer = dora.edits.actor = "Dora Lind"
    try:
        yield ana, dora
    finally:
        dora.close()
        ana.close()


def ids_of(desk: Desk) -> list[int]:
    return [row.sentence.id for row in desk.reviews.sentence_rows(1)]


def another_program(desk: Desk, statement: str, *params: object) -> None:
    """`statement` run by another program (DB Browser, a script) on the open workspace."""
    other = sqlite3.connect(desk.path)  # type: ignore[arg-type]
    with other:
        other.execute(statement, params)
    other.close()


def verdict_there_and_back(desk: Desk, sentence_id: int) -> None:
    """`desk`'s reviewer changes the verdict and sets it back: a re-save of it."""
    desk.reviews.set_verdict(sentence_id, "true")
    desk.reviews.set_verdict(sentence_id, "false")


def test_a_merge_undone_after_another_desk_resaved_its_verdict_keeps_who_did_it(
    desks: tuple[Desk, Desk],
) -> None:
    """Both had a version of the first sentence's verdict, Ana's decided. Ana merged it
    with the next; Dora, in her window, changed the merged verdict and set it back: the
    decided review now Dora's. Ana's Ctrl+Z put her own name (and time) back on it."""
    ana, dora = desks
    first = ids_of(ana)[0]
    ana.reviews.set_tag(first, Tag.CLAIM)
    ana.reviews.set_verdict(first, "false")
    verdict_there_and_back(dora, first)
    verdict_there_and_back(ana, first)
    ana.boundaries.merge_with_next(first)
    verdict_there_and_back(dora, first)
    saved = ana.reviews.review(first)
    assert saved.reviewer == "Dora Lind"
    with pytest.raises(EditRefused, match=UNDO_REFUSED):
        ana.undo()
    assert ana.reviews.review(first) == saved  # Dora's name and time stay


def test_a_split_undone_after_the_same_reviewer_resaved_it_elsewhere_is_refused(
    desks: tuple[Desk, Desk], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ana split a sentence, then re-saved its first part's verdict in a second window:
    only when it was saved changed. Ctrl+Z put the older time back, and which version a
    later merge of workspaces takes (the later saved) with it. Refused: another window
    saved it, which the history shows."""
    ana, other = desks
    other.reviewer = other.edits.actor = "Ana Ruiz"
    sentence = ana.reviews.sentence_rows(1)[2].sentence
    ana.reviews.set_tag(sentence.id, Tag.CLAIM)
    ana.reviews.set_verdict(sentence.id, "false")
    at = sentence.start + sentence.text.index(" ", len(sentence.text) // 2) + 1
    ana.boundaries.split_sentence(sentence.id, at)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    monkeypatch.setattr(rows, "CLOCK", lambda: later)
    verdict_there_and_back(other, sentence.id)
    saved = ana.reviews.review(sentence.id)
    with pytest.raises(EditRefused, match=UNDO_REFUSED):
        ana.undo()
    assert ana.reviews.review(sentence.id).updated_at == saved.updated_at


def test_a_merge_undone_after_another_program_credited_a_link_to_someone_else(
    desks: tuple[Desk, Desk],
) -> None:
    """A source Ana linked to the second of two sentences she then merged; another
    program (a script fixing credits) named Dora as who linked it. Ctrl+Z put Ana back."""
    ana, _dora = desks
    first, second = ids_of(ana)[:2]
    ana.sources.link_source(second, NewSource("https://example.org/report"))
    ana.boundaries.merge_with_next(first)
    (link,) = ana.sources.links(first)
    another_program(ana, "UPDATE sentence_sources SET reviewer = 'Dora Lind' WHERE id = ?", link.id)
    with pytest.raises(EditRefused, match=UNDO_REFUSED):
        ana.undo()
    assert [x.reviewer for x in ana.sources.links(first)] == ["Dora Lind"]


@pytest.mark.parametrize(
    ("column", "value"), [("paragraph", 7), ("article_id", 2)], ids=["paragraph", "article"]
)
def test_a_split_undone_after_another_program_moved_its_sentence_is_refused(
    desks: tuple[Desk, Desk], column: str, value: int
) -> None:
    """Ana split a sentence; another program then put its first part in another
    paragraph (or another article). Ctrl+Z deleted it and wrote it back where it was."""
    ana, _dora = desks
    if column == "article_id":
        ana.importer.import_text("A second article. It has two sentences.", source_name="b.txt")
    sentence = ana.reviews.sentence_rows(1)[2].sentence
    at = sentence.start + sentence.text.index(" ", len(sentence.text) // 2) + 1
    ana.boundaries.split_sentence(sentence.id, at)
    another_program(ana, f"UPDATE sentences SET {column} = ? WHERE id = ?", value, sentence.id)
    with pytest.raises(EditRefused, match=UNDO_REFUSED):
        ana.undo()
    assert getattr(ana.repo.sentences.get_sentence(sentence.id), column) == value


@pytest.mark.parametrize("column", ["editor", "checker", "note", "at"])
def test_a_sign_off_hand_edited_into_bytes_survives_a_merge_and_its_undo(
    desks: tuple[Desk, Desk], column: str
) -> None:
    """A file edited in DB Browser held Bea's return of a verdict with one of its fields
    stored as bytes: the desk read it as blank, and a merge of the sentence and its undo
    wrote it back blank. Who returned it, whose verdict it was, the note or the time:
    gone from the file by a merge and a Ctrl+Z."""
    ana, _dora = desks
    first = ids_of(ana)[0]
    ana.reviews.set_tag(first, Tag.CLAIM)
    ana.reviews.set_verdict(first, "false")
    fields = {
        "editor": "Bea Ito",
        "checker": "Ana Ruiz",
        "note": "Name the survey",
        "at": "2026-12-01T09:00:00+00:00",
    }
    another_program(
        ana,
        "INSERT INTO sign_offs (sentence_id, decision, editor, checker, note, at)"
        " VALUES (?, 'returned', ?, ?, ?, ?)",
        first,
        *(value.encode() if name == column else value for name, value in fields.items()),
    )
    ana.boundaries.merge_with_next(first)
    ana.undo()
    other = sqlite3.connect(ana.path)  # type: ignore[arg-type]
    (stored,) = other.execute(
        f"SELECT CAST({column} AS TEXT) FROM sign_offs WHERE sentence_id = ?", [first]
    ).fetchone()
    other.close()
    assert stored == fields[column]  # in the file, as it was
    sign_off = ana.repo.sign_offs.get(first)
    assert sign_off is not None and sign_off.state()[column] == fields[column]  # and shown
