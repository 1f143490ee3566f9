"""A colleague's correction of a shared source survives a merge (one source per URL, one
link per sentence and source): when only one side changed a source's title, publisher or
date accessed, or a link's stance or excerpt, since both had them the same, the merge
takes the changed side; when both changed them, ours stays and the message says so.

Alice links https://example.org/report with a typo in its title; Bob merges her file,
so both have it the same; then one or both correct it with Edit Source, and Alice
merges Bob's file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.models import SourceLink, Stance, Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.services.merge_fixtures import (
    SHARED,
    article_titled,
    open_as,
    review,
    sentence_ids,
)

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "workspaces"
REPORT = "https://example.org/report"
TYPO = "Anual report"


def _first(desk: Desk) -> int:
    return sentence_ids(desk, article_titled(desk, "minister"))[0]


def _link(desk: Desk) -> SourceLink:
    return next(link for link in desk.sources.links(_first(desk)) if link.source.url == REPORT)


def _edit(path: Path, reviewer: str, **typed: Any) -> None:
    """`reviewer` corrects the report's link on the first sentence with Edit Source."""
    desk = open_as(path, reviewer)
    try:
        link = _link(desk)
        source = link.source
        fields: dict[str, Any] = {
            "url": source.url,
            "title": source.title,
            "publisher": source.publisher,
            "accessed": source.accessed,
            "stance": link.stance,
            "excerpt": link.excerpt,
        }
        assert desk.sources.edit_link(link.id, link.sentence_id, NewSource(**(fields | typed)))
    finally:
        desk.close()


@pytest.fixture
def both(tmp_path: Path) -> tuple[Path, Path]:
    """Alice's workspace with the report linked, and Bob's made by merging it: the two
    have the source and the link the same."""
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    desk = open_as(alice, "Alice")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        first = sentence_ids(desk, article)[0]
        review(desk, first, Tag.CLAIM, "false")
        desk.sources.link_source(
            first, NewSource(REPORT, title=TYPO, excerpt="4 percent", stance=Stance.SUPPORTS)
        )
    finally:
        desk.close()
    desk = open_as(bob, "Bob")
    try:
        assert desk.merge.merge(alice).articles_added == 1
    finally:
        desk.close()
    return alice, bob


def _details(desk: Desk) -> tuple[str, str, str, str]:
    link = _link(desk)
    return link.source.title, link.source.publisher, link.stance.value, link.excerpt


def _state(desk: Desk) -> list[list[Any]]:
    """The sources and links whole, with every detail a merge may change."""
    db = desk.workspace.db
    return [
        db.execute(
            "SELECT id, url, title, publisher, accessed FROM sources ORDER BY id"
        ).fetchall(),
        db.execute(
            "SELECT id, sentence_id, source_id, stance, excerpt, reviewer FROM sentence_sources"
            " ORDER BY id"
        ).fetchall(),
        db.execute("SELECT * FROM sign_offs ORDER BY sentence_id").fetchall(),
    ]


def test_only_their_correction_of_the_title_and_publisher_arrives(
    both: tuple[Path, Path],
) -> None:
    alice, bob = both
    _edit(bob, "Bob", title="Annual report 2024", publisher="Statistics Office")
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(bob)
        assert _details(desk)[:2] == ("Annual report 2024", "Statistics Office")
        assert (result.sources_updated, result.sources_differing) == (1, 0)
        assert result.counts()["sources_updated"] == 1
        assert "Took bob.fcdesk's later edits of the details of 1 source." in result.summary()
        assert "Kept this workspace's" not in result.summary()
        # The search finds the source by its corrected title.
        assert desk.lookup.search("annual 2024").total >= 1
    finally:
        desk.close()


def test_only_their_new_stance_and_excerpt_arrive(both: tuple[Path, Path]) -> None:
    alice, bob = both
    _edit(bob, "Bob", stance=Stance.REFUTES, excerpt="Table 2: 4.6 percent")
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(bob)
        assert _details(desk) == (TYPO, "", "refutes", "Table 2: 4.6 percent")
        assert (result.links_updated, result.links_differing) == (1, 0)
        assert result.counts()["links_updated"] == 1
        assert "the excerpt or stance of 1 link" in result.summary()
    finally:
        desk.close()


def test_only_our_correction_is_kept_and_not_called_a_difference(
    both: tuple[Path, Path],
) -> None:
    """Bob's title is the one Alice corrected: older, not another opinion."""
    alice, bob = both
    _edit(alice, "Alice", title="Annual report 2024", excerpt="4.6 percent")
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(bob)
        assert _details(desk) == ("Annual report 2024", "", "supports", "4.6 percent")
        assert "Kept this workspace's" not in result.summary()
        assert (result.sources_differing, result.links_differing) == (0, 0)
        assert (result.sources_updated, result.links_updated) == (0, 0)
    finally:
        desk.close()


def test_both_corrected_keeps_ours_says_so_and_their_title_is_in_the_history(
    both: tuple[Path, Path],
) -> None:
    alice, bob = both
    _edit(alice, "Alice", title="Annual report 2024", excerpt="Alice's excerpt")
    _edit(bob, "Bob", title="Annual Report, 2024 edition", excerpt="Bob's excerpt")
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(bob)
        assert _details(desk) == ("Annual report 2024", "", "supports", "Alice's excerpt")
        assert (result.sources_differing, result.links_differing) == (1, 1)
        assert (
            "Kept this workspace's details of 1 source and the excerpt or stance of 1 link"
            " where bob.fcdesk has others." in result.summary()
        )
        assert "Took" not in result.summary()
        # Bob's correction is readable in the sentence's history.
        theirs = [
            json.loads(new)
            for actor, new in desk.workspace.db.execute(
                "SELECT actor, new FROM history WHERE entity = 'source_link' AND origin != ''"
                " AND sentence_id = ?",
                [_first(desk)],
            )
            if actor == "Bob"
        ]
        assert [(s["title"], s["excerpt"]) for s in theirs] == [
            ("Annual Report, 2024 edition", "Bob's excerpt")
        ]
    finally:
        desk.close()


def test_merging_again_changes_nothing_either_way(both: tuple[Path, Path]) -> None:
    alice, bob = both
    _edit(bob, "Bob", title="Annual report 2024", excerpt="Table 2: 4.6 percent")
    desk = open_as(alice, "Alice")
    try:
        first = desk.merge.merge(bob)
        assert (first.sources_updated, first.links_updated) == (1, 1)
        merged, history = _state(desk), desk.repo.history.last_history_id()
        again = desk.merge.merge(bob)
        assert not again.changed and "nothing new" in again.summary()
        assert (again.sources_differing, again.links_differing) == (0, 0)
        assert _state(desk) == merged
        assert desk.repo.history.last_history_id() == history
        assert len(desk.edits.undo_steps) == 1
    finally:
        desk.close()
    # Bob merging Alice's file back finds the same details: nothing to take or to report.
    desk = open_as(bob, "Bob")
    try:
        back = desk.merge.merge(alice)
        assert (back.sources_updated, back.links_updated) == (0, 0)
        assert (back.sources_differing, back.links_differing) == (0, 0)
        assert _details(desk) == (
            "Annual report 2024",
            "",
            "supports",
            "Table 2: 4.6 percent",
        )
    finally:
        desk.close()


def test_undo_takes_the_corrections_out_with_the_merge_and_redo_or_a_new_merge_brings_them(
    both: tuple[Path, Path],
) -> None:
    alice, bob = both
    _edit(bob, "Bob", title="Annual report 2024", stance=Stance.CONTEXT, excerpt="Table 2")
    desk = open_as(alice, "Alice")
    try:
        before = _state(desk)
        desk.merge.merge(bob)
        after = _state(desk)
        assert after != before
        assert _details(desk) == ("Annual report 2024", "", "context", "Table 2")
        desk.undo()  # Ctrl+Z: the whole merge, corrections included, in one step
        assert _state(desk) == before
        assert desk.lookup.search("annual 2024").total == 0
        desk.redo()
        assert _state(desk) == after
        desk.undo()
        # Merged again after the undo (their entries stay in the history): the same result.
        again = desk.merge.merge(bob)
        assert (again.sources_updated, again.links_updated) == (1, 1)
        assert _state(desk) == after
    finally:
        desk.close()


def test_their_correction_of_our_correction_arrives(both: tuple[Path, Path]) -> None:
    """Bob corrects the title, Alice takes it, Bob changes it back: Bob's last word is
    the newest, though Alice's side has a title Bob moved away from as well."""
    alice, bob = both
    _edit(bob, "Bob", title="Annual report 2024")
    desk = open_as(alice, "Alice")
    try:
        assert desk.merge.merge(bob).sources_updated == 1
    finally:
        desk.close()
    _edit(bob, "Bob", title=TYPO.replace("Anual", "Annual"))
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(bob)
        assert _details(desk)[0] == "Annual report"
        assert (result.sources_updated, result.sources_differing) == (1, 0)
    finally:
        desk.close()


def test_their_new_excerpt_does_not_change_an_approved_check(both: tuple[Path, Path]) -> None:
    """An approval vouches for the sources the editor saw: Bob's later excerpt is not
    slipped under it by a merge. Ours stays and the message says so."""
    alice, bob = both
    desk = open_as(alice, "Alice")
    try:
        desk.edits.actor = desk.reviewer = "Zoë"
        desk.sign_offs.approve(_first(desk))
    finally:
        desk.close()
    _edit(bob, "Bob", excerpt="Table 2: 4.6 percent", title="Annual report 2024")
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(bob)
        assert _details(desk) == ("Annual report 2024", "", "supports", "4 percent")
        sign_off = desk.sign_offs.sign_off(_first(desk))
        assert sign_off is not None and sign_off.editor == "Zoë"
        assert (result.links_updated, result.links_differing) == (0, 1)
    finally:
        desk.close()


def test_merge_json_adds_the_counts_of_corrections_taken(
    both: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    alice, bob = both
    _edit(bob, "Bob", title="Annual report 2024")
    assert run(["merge", "-w", str(alice), str(bob), "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["sources_updated"] == 1 and counts["links_updated"] == 0
    # The six counts scripts read are all still there, with the same names.
    assert {
        "articles_added",
        "articles_matched",
        "sentences_agreed",
        "sentences_conflicting",
        "reviews_added",
        "sources_added",
    } <= set(counts)


def test_an_older_colleague_file_without_edit_history_still_merges(
    both: tuple[Path, Path],
) -> None:
    """History entries from a desk that did not record a source's details with its
    edits (or that a hostile file fills with anything) decide nothing: ours stays, and
    the message says theirs differ."""
    alice, bob = both
    _edit(bob, "Bob", title="Annual report 2024")
    with sqlite3.connect(bob) as conn:
        for entry_id, old, new in conn.execute(
            "SELECT id, old, new FROM history WHERE entity = 'source_link'"
            " AND old != 'null' AND new != 'null'"
        ).fetchall():
            stripped = [
                json.dumps({k: v for k, v in json.loads(s).items() if k != "title"})
                for s in (old, new)
            ]
            conn.execute("UPDATE history SET old = ?, new = ? WHERE id = ?", [*stripped, entry_id])
    conn.close()
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(bob)
        assert _details(desk)[0] == TYPO
        assert (result.sources_updated, result.sources_differing) == (0, 1)
    finally:
        desk.close()


def test_the_summary_names_the_corrections_taken() -> None:
    from factcheck_app.services.merge import MergeResult

    result = MergeResult("bob.fcdesk", articles_matched=1, sources_updated=2, links_updated=1)
    assert result.changed
    assert result.summary() == (
        "Merged bob.fcdesk: 1 article matched. Took bob.fcdesk's later edits of the details"
        " of 2 sources and the excerpt or stance of 1 link."
    )
    links_only = dataclasses.replace(result, sources_updated=0)
    assert links_only.summary().endswith(
        "Took bob.fcdesk's later edits of the excerpt or stance of 1 link."
    )


def test_each_detail_goes_to_the_side_that_changed_it(both: tuple[Path, Path]) -> None:
    """Alice added the publisher and Bob fixed the title: both corrections stay."""
    alice, bob = both
    _edit(alice, "Alice", publisher="Statistics Office")
    _edit(bob, "Bob", title="Annual report 2024")
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(bob)
        assert _details(desk)[:2] == ("Annual report 2024", "Statistics Office")
        assert (result.sources_updated, result.sources_differing) == (1, 0)
    finally:
        desk.close()


def test_their_title_fix_arrives_though_both_linked_the_page_on_other_days(
    tmp_path: Path,
) -> None:
    """Alice and Bob each linked the report, with the same typo, on different days; Bob
    fixed the title. His title arrives; Alice's date accessed stays (neither is later)."""
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    for path, name, day in ((alice, "Alice", 1), (bob, "Bob", 3)):
        desk = open_as(path, name)
        try:
            article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
            first = sentence_ids(desk, article)[0]
            accessed = dt.date(2026, 12, day)
            desk.sources.link_source(first, NewSource(REPORT, title=TYPO, accessed=accessed))
        finally:
            desk.close()
    _edit(bob, "Bob", title="Annual report 2024")
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(bob)
        assert _link(desk).source.accessed == dt.date(2026, 12, 1)
        assert _details(desk)[0] == "Annual report 2024"
        assert (result.sources_updated, result.sources_differing) == (1, 0)
    finally:
        desk.close()


def test_our_correction_of_a_source_from_an_older_colleague_file_stays(tmp_path: Path) -> None:
    """A file saved before team review (schema 4, no `source_link` edit with the
    source's details in its history) merges as before; our later correction of the
    source it brought stays, and is not reported as a difference."""
    old = tmp_path / "old.fcdesk"
    shutil.copy(FIXTURES / "schema-v4.fcdesk", old)
    desk = open_as(tmp_path / "mine.fcdesk", "Alice")
    try:
        assert desk.merge.merge(old).sources_added == 1
        (source,) = desk.sources.sources()
        (sentence,) = desk.workspace.db.execute(
            "SELECT sentence_id FROM sentence_sources WHERE source_id = ?", [source.id]
        ).fetchone()
        (link,) = desk.sources.links(sentence)
        typed = NewSource(
            source.url,
            "Prosecutor's statement",
            "Prosecutor's office",
            source.accessed,
            link.stance,
            link.excerpt,
        )
        assert desk.sources.edit_link(link.id, sentence, typed)
        result = desk.merge.merge(old)
        assert not result.changed
        assert (result.sources_updated, result.sources_differing) == (0, 0)
        assert desk.sources.sources()[0].title == "Prosecutor's statement"
    finally:
        desk.close()


def test_a_history_changed_outside_the_desk_does_not_overwrite_our_source(
    both: tuple[Path, Path],
) -> None:
    """Their entries are what says "only they changed it": when their chain does not
    verify, they decide nothing. Ours stays and the message says theirs differ."""
    alice, bob = both
    _edit(bob, "Bob", title="Annual report 2024")
    with sqlite3.connect(bob) as conn:
        conn.execute("UPDATE history SET description = 'Tampered' WHERE id = 1")
    conn.close()
    desk = open_as(alice, "Alice")
    try:
        result = desk.merge.merge(bob)
        assert result.history_problem
        assert _details(desk)[0] == TYPO
        assert (result.sources_updated, result.sources_differing) == (0, 1)
    finally:
        desk.close()


def test_the_summary_of_what_was_kept_names_only_what_differs() -> None:
    """The sentence "Kept this workspace's details of 1 source and the excerpt or stance of 0
    links" named a count of nothing, as the merge's other counts no longer do."""
    from factcheck_app.services.merge import MergeResult

    sources_only = MergeResult("bob.fcdesk", articles_matched=1, sources_differing=1)
    assert sources_only.summary().endswith(
        " Kept this workspace's details of 1 source where bob.fcdesk has others."
    )
    links_only = dataclasses.replace(sources_only, sources_differing=0, links_differing=2)
    assert links_only.summary().endswith(
        " Kept this workspace's excerpt or stance of 2 links where bob.fcdesk has others."
    )


def test_a_correction_taken_comes_back_when_two_merges_are_undone_and_redone(
    both: tuple[Path, Path],
) -> None:
    # Found by tests/services/test_edit_sequences.py: Cleo made the same correction as
    # Bob. The first redo read Cleo's entries, which the second merge had written and
    # its undo left in the history, as edits of ours Bob did not know, and kept ours.
    alice, bob = both
    cleo = alice.parent / "cleo.fcdesk"
    shutil.copyfile(bob, cleo)
    _edit(bob, "Bob", title="Annual report", excerpt="fell to 4 percent")
    _edit(cleo, "Cleo", title="Annual report", excerpt="fell to 4 percent")
    desk = open_as(alice, "Alice")
    try:
        assert desk.merge.merge(bob).links_updated == 1
        desk.merge.merge(cleo)
        merged = _state(desk)
        desk.undo()
        desk.undo()
        assert _details(desk) == (TYPO, "", "supports", "4 percent")
        assert desk.redo() is not None
        assert desk.redo() is not None
        assert _state(desk) == merged
        assert _details(desk) == ("Annual report", "", "supports", "fell to 4 percent")
    finally:
        desk.close()
