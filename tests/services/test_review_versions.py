"""Each reviewer's own review (issue 16): every edit writes its reviewer's version and the
decided review together; undo puts both back exactly; merge, split and re-split carry
the versions with their reviews; a source link records who linked it."""

from __future__ import annotations

from typing import Any

import pytest

from factcheck_app.domain.models import Review, Stance, Status, Tag
from factcheck_app.services.boundaries import SplitPart
from factcheck_app.services.desk import Desk, NewSource


def ids_of(desk: Desk) -> list[int]:
    return [row.sentence.id for row in desk.reviews.sentence_rows(1)]


def as_reviewer(desk: Desk, name: str) -> Desk:
    desk.edits.actor = name
    return desk


def versions(desk: Desk, sentence_id: int) -> dict[str, dict[str, object]]:
    return {v.reviewer: v.content_fields() for v in desk.repo.reviews.versions(sentence_id)}


def everything(desk: Desk) -> dict[str, Any]:
    """Every row an edit may touch, to compare before and after undo."""
    db = desk.workspace.db
    return {
        table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in ("sentences", "reviews", "review_versions", "sign_offs")
    } | {
        "links": db.execute(
            "SELECT id, sentence_id, source_id, stance, excerpt, reviewer FROM sentence_sources"
            " ORDER BY id"
        ).fetchall()
    }


def test_an_edit_writes_its_reviewers_version_and_undo_removes_a_new_one(
    seeded_desk: Desk,
) -> None:
    desk = as_reviewer(seeded_desk, "Ana Ruiz")
    first = ids_of(desk)[0]
    assert desk.repo.reviews.versions(first) == []
    desk.reviews.set_tag(first, Tag.CLAIM)
    [version] = desk.repo.reviews.versions(first)
    decided = desk.reviews.review(first)
    assert version == decided and version.reviewer == "Ana Ruiz" and version.tag is Tag.CLAIM
    assert desk.repo.reviews.version(first, "Ana Ruiz") == decided
    assert desk.repo.reviews.version(first, "Max Olsen") is None
    desk.undo()
    assert desk.repo.reviews.versions(first) == []
    assert desk.reviews.review(first).tag is None
    desk.redo()
    assert versions(desk, first) == {"Ana Ruiz": decided.content_fields()}


def test_a_second_reviewer_adds_a_version_and_undo_restores_both_exactly(
    seeded_desk: Desk,
) -> None:
    desk = as_reviewer(seeded_desk, "Ana Ruiz")
    first = ids_of(desk)[0]
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.reviews.set_verdict(first, "false")
    ana = desk.reviews.review(first)
    before = everything(desk)
    as_reviewer(desk, "Max Olsen")
    desk.reviews.set_verdict(first, "mostly_false")
    decided = desk.reviews.review(first)
    assert decided.reviewer == "Max Olsen" and decided.verdict == "mostly_false"
    assert versions(desk, first) == {
        "Ana Ruiz": ana.content_fields(),
        "Max Olsen": decided.content_fields(),
    }
    desk.undo()
    assert everything(desk) == before
    assert desk.reviews.review(first) == ana


def test_typing_is_one_step_for_the_version_too(seeded_desk: Desk) -> None:
    desk = as_reviewer(seeded_desk, "Ana Ruiz")
    first = ids_of(desk)[0]
    desk.reviews.set_tag(first, Tag.CLAIM)
    before = everything(desk)
    for text in ("B", "Ba", "Bak", "Baku"):
        desk.reviews.set_text_field(first, "claimant", text)
    assert desk.repo.reviews.version(first, "Ana Ruiz").claimant == "Baku"  # type: ignore[union-attr]
    desk.undo()
    assert everything(desk) == before


def test_suggestions_taken_together_write_and_undo_every_version(seeded_desk: Desk) -> None:
    desk = as_reviewer(seeded_desk, "Ana Ruiz")
    ids = ids_of(desk)
    before = everything(desk)
    desk.reviews.accept_suggestions(
        1, [(ids[0], Tag.CLAIM, "Baku", None), (ids[1], Tag.FACT, "", None)]
    )
    assert versions(desk, ids[0])["Ana Ruiz"]["claimant"] == "Baku"
    assert versions(desk, ids[1])["Ana Ruiz"]["tag"] == "fact"
    desk.undo()
    assert everything(desk) == before


def reviewed_by_two(desk: Desk) -> list[int]:
    """Sentences 1 and 2 reviewed by Ana; sentence 2 also by Max, who denies 1 from 3."""
    ids = ids_of(desk)
    as_reviewer(desk, "Ana Ruiz")
    desk.reviews.set_tag(ids[0], Tag.CLAIM)
    desk.reviews.set_text_field(ids[0], "explanation", "Ana's first")
    desk.reviews.set_tag(ids[1], Tag.CLAIM)
    desk.reviews.set_verdict(ids[1], "false")
    desk.sources.link_source(ids[1], NewSource("https://example.org/a", stance=Stance.REFUTES))
    as_reviewer(desk, "Max Olsen")
    desk.reviews.set_text_field(ids[1], "explanation", "Max's second")
    desk.reviews.set_tag(ids[2], Tag.DENIAL)
    desk.reviews.set_denies(ids[2], ids[1])
    return ids


def test_merging_two_sentences_joins_each_reviewers_versions(seeded_desk: Desk) -> None:
    desk = seeded_desk
    ids = reviewed_by_two(desk)
    before = everything(desk)
    as_reviewer(desk, "Zoë Ngata")
    desk.boundaries.merge_with_next(ids[0])
    merged = versions(desk, ids[0])
    assert set(merged) == {"Ana Ruiz", "Max Olsen", "Zoë Ngata"}
    assert "Ana's first" in str(merged["Ana Ruiz"]["explanation"])
    assert merged["Ana Ruiz"]["rating"] == "false"  # her second sentence's verdict, carried
    assert merged["Max Olsen"]["explanation"] == "Max's second"
    assert merged["Zoë Ngata"] == desk.reviews.review(ids[0]).content_fields()
    assert desk.repo.reviews.versions(ids[1]) == []
    # Max's denial followed the sentence it denies into the merged one.
    assert versions(desk, ids[2])["Max Olsen"]["denies_sentence_id"] == ids[0]
    desk.undo()
    assert everything(desk) == before
    desk.redo()
    desk.undo()
    assert everything(desk) == before


@pytest.mark.parametrize("keeper", [SplitPart.FIRST, SplitPart.SECOND])
def test_a_split_leaves_the_versions_with_the_review(seeded_desk: Desk, keeper: SplitPart) -> None:
    desk = seeded_desk
    ids = reviewed_by_two(desk)
    sentence = desk.repo.sentences.get_sentence(ids[1])
    at = sentence.start + sentence.text.index(" ", 20)
    before = everything(desk)
    desk.boundaries.split_sentence(ids[1], at, review_to=keeper)
    assert set(versions(desk, ids[1])) == {"Ana Ruiz", "Max Olsen"}
    other = next(r.sentence.id for r in desk.reviews.sentence_rows(1) if r.sentence.id not in ids)
    assert desk.repo.reviews.versions(other) == []
    desk.undo()
    assert everything(desk) == before


def test_a_resplit_moves_versions_and_undo_restores_them(seeded_desk: Desk) -> None:
    desk = seeded_desk
    ids = reviewed_by_two(desk)
    desk.boundaries.merge_with_next(ids[4])  # a sentence the splitter will split again
    before = everything(desk)
    desk.boundaries.resplit_article(1)
    after = {v.sentence_id for v in desk.repo.reviews.versions(ids[1])}
    assert after == {ids[1]}
    assert set(versions(desk, ids[1])) == {"Ana Ruiz", "Max Olsen"}
    desk.undo()
    assert everything(desk) == before


def test_a_source_link_records_who_linked_it(seeded_desk: Desk) -> None:
    desk = as_reviewer(seeded_desk, "Ana Ruiz")
    ids = ids_of(desk)
    desk.sources.link_source(ids[0], NewSource("https://example.org/one"))
    [link] = desk.sources.links(ids[0])
    assert link.reviewer == "Ana Ruiz"
    as_reviewer(desk, "Max Olsen")
    desk.sources.reuse_sources(ids[1], ids[0])
    [reused] = desk.sources.links(ids[1])
    assert reused.reviewer == "Max Olsen"
    desk.undo()
    desk.redo()
    assert desk.sources.links(ids[1])[0].reviewer == "Max Olsen"


def test_versions_of_an_article_are_read_in_one_go(seeded_desk: Desk) -> None:
    desk = seeded_desk
    ids = reviewed_by_two(desk)
    by_sentence = desk.repo.reviews.versions_for_article(1)
    assert sorted(by_sentence) == sorted(ids[:3])
    assert [v.reviewer for v in by_sentence[ids[1]]] == ["Ana Ruiz", "Max Olsen"]
    assert all(
        isinstance(v, Review) and v.status is not Status.CONFLICT
        for vs in by_sentence.values()
        for v in vs
    )


def test_merging_a_sentence_in_conflict_writes_no_conflicted_version(seeded_desk: Desk) -> None:
    desk = as_reviewer(seeded_desk, "Ana Ruiz")
    ids = ids_of(desk)
    desk.reviews.set_text_field(ids[1], "explanation", "Ana's note on the second")
    with desk.workspace.db.atomic():  # what a merge of two workspaces leaves
        desk.repo.reviews.save_review(
            desk.reviews.review(ids[0]).edited(tag=Tag.CLAIM, status=Status.CONFLICT)
        )
    before = everything(desk)
    as_reviewer(desk, "Max Olsen")
    desk.boundaries.merge_with_next(ids[0])
    assert desk.reviews.review(ids[0]).status is Status.CONFLICT
    assert "Ana's note on the second" in desk.reviews.review(ids[0]).explanation
    assert set(versions(desk, ids[0])) == {"Ana Ruiz"}  # moved with the second sentence
    desk.undo()
    assert everything(desk) == before
