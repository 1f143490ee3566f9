"""A merge, split or re-split undone (or redone) after another program changed one of
its sentences since: the step would write its snapshot back over that change, which was
lost without a word. It is refused in words, in its own transaction, as a review edit's
undo is; the window's own later edits (undone first, as the stack goes) never refuse it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.models import Status, Tag
from factcheck_app.services.desk import Desk, NewSource
from tests.conftest import SEED_FILE


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    """A workspace with the seed article. (What a step's sentences hold is read one way
    whatever their number, `repo.held`: once read one by one for a few, and from their
    article's whole tables for many, each test ran both ways.)"""
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False, reviewer="Ana Ruiz")
    desk.importer.import_file(SEED_FILE)
    try:
        yield desk
    finally:
        desk.close()


def another_program(desk: Desk, statement: str, *params: object) -> None:
    """`statement` run by another program (DB Browser, a script) on the open workspace."""
    other = sqlite3.connect(desk.path)  # type: ignore[arg-type]
    with other:
        other.execute(statement, params)
    other.close()


def split_in_two(desk: Desk) -> tuple[int, int]:
    """The third sentence, given a verdict, split in two: the ids of its parts."""
    row = desk.reviews.sentence_rows(1)[2]
    sentence = row.sentence
    desk.reviews.set_tag(sentence.id, Tag.CLAIM)
    desk.reviews.set_verdict(sentence.id, "false")
    at = sentence.start + sentence.text.index(" ", len(sentence.text) // 2) + 1
    desk.boundaries.split_sentence(sentence.id, at)
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    head = ids.index(sentence.id)
    return ids[head], ids[head + 1]


def test_a_split_undone_after_another_program_reviewed_its_part_is_refused(
    desk: Desk,
) -> None:
    """The split's second part was given a verdict in another program; Ctrl+Z of the
    split deleted the part and its review with it: the other program's work gone."""
    _head, tail = split_in_two(desk)
    another_program(
        desk,
        "INSERT INTO reviews (sentence_id, tag, rating, status) VALUES (?, 'claim', 'true', ?)",
        tail,
        Status.DONE.value,
    )
    before = len(desk.history.entries())
    with pytest.raises(EditRefused, match=r"changed since by another program \(a review\)"):
        desk.undo()
    assert desk.reviews.review(tail).verdict == "true"  # left as the other program made it
    assert len(desk.history.entries()) == before  # nothing recorded
    assert desk.edits.undo_text().startswith("Verdict")  # Ctrl+Z goes on beneath it


def test_a_split_beneath_a_refused_review_undo_is_refused_too(desk: Desk) -> None:
    """Ctrl+Z of a verdict given to the split's part is refused (another program changed
    the review since); the next Ctrl+Z undid the split beneath it, putting the sentence's
    review from before the split back: the other program's verdict gone after all."""
    head, _tail = split_in_two(desk)
    desk.reviews.set_verdict(head, "mixed")
    another_program(desk, "UPDATE reviews SET rating = 'true' WHERE sentence_id = ?", head)
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.undo()  # the verdict: refused for good, dropped
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.undo()  # the split: refused as well
    assert desk.reviews.review(head).verdict == "true"


def test_a_merge_redone_after_another_program_changed_its_sentence_is_refused(
    desk: Desk,
) -> None:
    """Undone, a merge gave back two sentences; another program then gave the second
    one a source and an explanation. Ctrl+Y merged them again from the snapshot taken
    before: both gone."""
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    desk.boundaries.merge_with_next(ids[0])
    desk.undo()
    another_program(
        desk,
        "INSERT INTO reviews (sentence_id, explanation, status) VALUES (?, 'Per the registry', ?)",
        ids[1],
        Status.IN_PROGRESS.value,
    )
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.redo()
    assert desk.reviews.review(ids[1]).explanation == "Per the registry"
    assert len(desk.reviews.sentence_rows(1)) > 0 and desk.edits.redo_text() == ""


def test_the_windows_own_edits_after_a_split_never_refuse_its_undo(desk: Desk) -> None:
    """Everything the window did to the parts is undone first (the stack's order), so the
    split finds them as it left them: its undo and redo go on as ever."""
    head, tail = split_in_two(desk)
    desk.reviews.set_verdict(head, "true")
    desk.reviews.set_tag(tail, Tag.FACT)
    desk.reviews.set_text_field(tail, "claimant", "Mayor")
    desk.sources.link_source(tail, NewSource("https://example.org/report"))
    for _ in range(4):
        desk.undo()
    desk.undo()  # the split
    assert desk.reviews.review(head).verdict == "false"
    desk.redo()
    desk.undo()
    while desk.edits.undo_steps:
        desk.undo()
    assert desk.history.verify().ok


def test_accepted_suggestions_on_a_split_undone_after_another_program_changed_one(
    desk: Desk,
) -> None:
    """Accept Suggestions (one step for many sentences) tagged the split's second part;
    another program then gave it a verdict. Ctrl+Z of the suggestions put the part's
    review from before back over that verdict unchecked, and the next Ctrl+Z, finding
    the part as the split left it, deleted it: the other program's verdict gone twice
    over, as a review edit's undo refuses."""
    head, tail = split_in_two(desk)
    desk.reviews.accept_suggestions(1, [(tail, Tag.CLAIM, "Mayor", None)])
    another_program(desk, "UPDATE reviews SET rating = 'true' WHERE sentence_id = ?", tail)
    with pytest.raises(EditRefused, match=r"changed since by another program \(its verdict\)"):
        desk.undo()  # the suggestions: refused for good, dropped
    assert desk.reviews.review(tail).verdict == "true"
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.undo()  # the split: refused as well
    assert desk.reviews.review(tail).verdict == "true"
    assert desk.reviews.review(head).verdict == "false"


def test_a_source_linked_to_a_split_undone_after_another_program_changed_it_is_refused(
    desk: Desk,
) -> None:
    """A source linked to the split's second part, then quoted at length by another
    program: Ctrl+Z of the link deleted it unchecked, the quote with it, and the split
    beneath it, finding its part as it left it, was undone as well."""
    _head, tail = split_in_two(desk)
    desk.sources.link_source(tail, NewSource("https://example.org/report"))
    (link,) = [x for x in desk.sources.links(tail) if x.source.url.endswith("/report")]
    another_program(
        desk, "UPDATE sentence_sources SET excerpt = 'The long quote' WHERE id = ?", link.id
    )
    with pytest.raises(EditRefused, match=r"changed since by another program"):
        desk.undo()  # the link: refused for good, dropped
    with pytest.raises(EditRefused, match=r"changed since by another program \(a source link\)"):
        desk.undo()  # the split
    quoted = [x.excerpt for x in desk.sources.links(tail) if x.id == link.id]
    assert quoted == ["The long quote"]


@pytest.mark.parametrize("step", ["unlink", "edit"])
def test_a_source_link_edit_undone_after_another_program_changed_it_is_refused(
    desk: Desk, step: str
) -> None:
    """Remove Source or Edit Source undone after another program changed that link (linked
    the source again, or quoted it): the link from before was put back over it unchecked
    (or the undo failed on the source linked twice)."""
    head, _tail = split_in_two(desk)
    desk.sources.link_source(head, NewSource("https://example.org/report", excerpt="Ours"))
    (link,) = desk.sources.links(head)
    if step == "unlink":
        desk.sources.unlink_source(link.id, head)
        another_program(
            desk,
            "INSERT INTO sentence_sources (sentence_id, source_id, stance, excerpt, created_at)"
            " VALUES (?, ?, 'refutes', 'Theirs', '2026-12-07')",
            head,
            link.source.id,
        )
    else:
        desk.sources.edit_link(link.id, head, NewSource(link.source.url, excerpt="Mine"))
        another_program(
            desk, "UPDATE sentence_sources SET excerpt = 'Theirs' WHERE id = ?", link.id
        )
    with pytest.raises(EditRefused, match=r"changed since by another program"):
        desk.undo()
    assert [x.excerpt for x in desk.sources.links(head)] == ["Theirs"]


def test_reused_sources_undone_after_another_program_quoted_one_are_refused(
    desk: Desk,
) -> None:
    """Reuse Sources linked the first part's sources to the second in one step; another
    program then quoted one there. Its Ctrl+Z deleted the link, quote and all, unchecked."""
    head, tail = split_in_two(desk)
    desk.sources.link_source(head, NewSource("https://example.org/report"))
    desk.sources.reuse_sources(tail, head)
    (link,) = desk.sources.links(tail)
    another_program(desk, "UPDATE sentence_sources SET excerpt = 'Quoted' WHERE id = ?", link.id)
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.undo()
    assert [x.excerpt for x in desk.sources.links(tail)] == ["Quoted"]


@pytest.mark.parametrize("step", ["unlink", "edit"])
def test_redo_of_a_copied_links_edit_never_touches_another_sentences_link(
    desk: Desk, step: str
) -> None:
    """A split copies its sentence's sources to its new part, each copy a new link id.
    Undone, the copy's id is free; another program's link took it (SQLite gives the
    highest id again). Redone, the copy got another id, and the redo of Remove Source (or
    Edit Source) on the copy, which names the link by id, deleted (or rewrote) the other
    program's link, on another sentence, another article even."""
    third = desk.reviews.sentence_rows(1)[2].sentence.id
    desk.sources.link_source(third, NewSource("https://example.org/report", excerpt="Ours"))
    _head, tail = split_in_two(desk)
    (copy,) = desk.sources.links(tail)
    if step == "unlink":
        desk.sources.unlink_source(copy.id, tail)
    else:
        desk.sources.edit_link(copy.id, tail, NewSource(copy.source.url, excerpt="Mine"))
    desk.undo()
    desk.undo()  # the split: the copy's id is free again
    elsewhere = desk.reviews.sentence_rows(1)[0].sentence.id
    another_program(
        desk,
        "INSERT INTO sentence_sources (id, sentence_id, source_id, stance, excerpt, created_at)"
        " VALUES (?, ?, ?, 'refutes', 'Theirs', '2026-12-07')",
        copy.id,
        elsewhere,
        copy.source.id,
    )
    desk.redo()  # the split: its copy is given another id
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.redo()
    assert [(x.id, x.excerpt) for x in desk.sources.links(elsewhere)] == [(copy.id, "Theirs")]


@pytest.mark.parametrize("table", ["reviews", "review_versions"])
def test_a_merge_undone_after_another_program_relinked_a_denial_into_it_is_refused(
    desk: Desk, table: str
) -> None:
    """A denial elsewhere in the article denied the second of two sentences merged; the
    merge pointed it at the joined sentence. Another program then pointed it at another
    claim. Ctrl+Z of the merge set the denial back to the second sentence over that,
    unchecked: the denial is no sentence of the merge, and what the merge's sentences
    hold had not changed."""
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    first, second, holder, other_claim = ids[0], ids[1], ids[4], ids[6]
    desk.reviews.set_tag(second, Tag.CLAIM)
    desk.reviews.set_tag(other_claim, Tag.CLAIM)
    desk.reviews.set_tag(holder, Tag.DENIAL)
    desk.reviews.set_denies(holder, second)
    desk.boundaries.merge_with_next(first)
    where = " AND reviewer = 'Ana Ruiz'" if table == "review_versions" else ""
    another_program(
        desk,
        f"UPDATE {table} SET denies_sentence_id = ? WHERE sentence_id = ?{where}",
        other_claim,
        holder,
    )
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.undo()
    if table == "reviews":
        assert desk.reviews.review(holder).denies_sentence_id == other_claim
    else:
        version = desk.repo.reviews.version(holder, "Ana Ruiz")
        assert version is not None and version.denies_sentence_id == other_claim
