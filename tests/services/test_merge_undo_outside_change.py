"""A merge (File → Merge Workspace…, one undo step) undone or redone after another
program changed what it brought: a second desk window on the same workspace, the
`factcheck` command line. Until 7 December the undo put back what the merge found,
over that program's review, sign-off or source link, and deleted the sentences it had
added with that program's work on them: gone without a word. It is refused in words, in
its own transaction, as every other step's undo is; the window's own later edits (undone
first, as the stack goes) never refuse it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.services.merge_fixtures import (
    article_titled,
    dump,
    make_alice,
    make_bob,
    open_as,
    sentence_ids,
)


@pytest.fixture
def merged(tmp_path: Path) -> Iterator[tuple[Desk, Desk]]:
    """Alice's desk with Bob's file merged, and a second desk window on Alice's file
    (Dora's): the other program."""
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    desk = open_as(alice, "Alice")
    # One writer at a time: the other program borrows the lock, as one that does not
    # take it (DB Browser, a script) writes between the window's transactions.
    other = Desk.open(
        alice, backup=False, held_lock=desk.writer_lock, owns_lock=False, reviewer="Dora"
    )
    try:
        result = desk.merge.merge(bob)
        assert result.changed
        yield desk, other
    finally:
        other.close()
        desk.close()


def test_undo_after_another_desk_reviewed_a_merged_sentence_is_refused(
    merged: tuple[Desk, Desk],
) -> None:
    """Bob's "false" on the shared article's fourth sentence came with the merge; Dora,
    in the other window, changed it to "true" and explained it. Ctrl+Z of the merge put
    Alice's empty review back: Dora's check gone."""
    desk, other = merged
    s = sentence_ids(desk, article_titled(desk, "minister"))[3]
    assert desk.reviews.review(s).tag is Tag.FACT  # Bob's, taken by the merge
    other.reviews.set_text_field(s, "explanation", "Dora checked the March release.")
    entries = len(desk.history.entries())
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.undo()
    assert desk.reviews.review(s).explanation == "Dora checked the March release."
    assert len(desk.history.entries()) == entries  # nothing recorded


def test_undo_after_another_desk_worked_on_an_added_article_is_refused(
    merged: tuple[Desk, Desk],
) -> None:
    """Bob's own article came whole with the merge; Dora gave its second sentence a
    source. Ctrl+Z deleted the article, Dora's source link with it."""
    desk, other = merged
    s = sentence_ids(desk, article_titled(desk, "senator"))[1]
    other.sources.link_source(s, NewSource("https://police.example/2025", title="2025"))
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.undo()
    assert [link.source.url for link in desk.repo.sources.links_for_sentence(s)] == [
        "https://police.example/2025"
    ]


def test_undo_after_another_desk_approved_a_merged_check_is_refused(
    merged: tuple[Desk, Desk],
) -> None:
    """Dora (an editor) approved Bob's check the merge brought; the undo took the check
    and her approval with it."""
    desk, other = merged
    s = sentence_ids(desk, article_titled(desk, "senator"))[0]
    other.sign_offs.approve(s)
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.undo()
    assert desk.repo.sign_offs.get(s) is not None


def test_undo_after_another_desk_retitled_a_source_the_merge_brought_is_refused(
    merged: tuple[Desk, Desk],
) -> None:
    """The police data came with the merge; Dora corrected its title. The undo deleted
    the source with her correction."""
    desk, other = merged
    s = sentence_ids(desk, article_titled(desk, "senator"))[0]
    link = next(x for x in other.repo.sources.links_for_sentence(s) if "police" in x.source.url)
    other.sources.edit_link(
        link.id, s, NewSource(link.source.url, title="Police data, 2024 release")
    )
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.undo()
    titles = {x.source.title for x in desk.repo.sources.links_for_sentence(s)}
    assert "Police data, 2024 release" in titles


def test_redo_after_another_desk_reviewed_the_sentence_again_is_refused(
    merged: tuple[Desk, Desk],
) -> None:
    """Undone, the merge gave the fourth sentence back its empty review; Dora then
    checked it. Ctrl+Y merged Bob's review over hers, deciding from the histories as
    they were before her check."""
    desk, other = merged
    s = sentence_ids(desk, article_titled(desk, "minister"))[3]
    desk.undo()
    other.reviews.set_tag(s, Tag.CLAIM)
    other.reviews.set_verdict(s, "true")
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.redo()
    assert (desk.reviews.review(s).tag, desk.reviews.review(s).verdict) == (Tag.CLAIM, "true")
    assert desk.edits.redo_text() == ""


def test_the_windows_own_edits_after_a_merge_never_refuse_its_undo(
    merged: tuple[Desk, Desk],
) -> None:
    """Everything the window did after the merge is undone first: the merge finds what
    it left, and its undo and redo go on as ever."""
    desk, _other = merged
    minister, senator = article_titled(desk, "minister"), article_titled(desk, "senator")
    s = sentence_ids(desk, minister)[3]
    t = sentence_ids(desk, senator)[1]
    merged_state = dump(desk)
    desk.reviews.set_verdict(s, "true")
    desk.reviews.set_text_field(t, "explanation", "Per the police.")
    desk.sources.link_source(t, NewSource("https://police.example/2025"))
    desk.sign_offs.approve(sentence_ids(desk, senator)[0])
    in_conflict = sentence_ids(desk, minister)[1]
    bob = {v.reviewer: v for v in desk.merge.versions(in_conflict)}["Bob"]
    desk.reviews.decide(in_conflict, bob)  # Keep Bob's: a decision, then taken back
    for _ in range(5):
        desk.undo()
    assert dump(desk) == merged_state
    desk.undo()  # the merge
    desk.redo()
    assert dump(desk) == merged_state
