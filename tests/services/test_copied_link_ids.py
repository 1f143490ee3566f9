"""A split copies the sentence's source links onto its new part; those copies took the
next free id at every run, so a split undone and redone gave them other ids than the
steps after it (Remove Source, Edit Source…) named. And a link's id, once deleted, was
given to the next new link: an undo putting the first back failed on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.services.meanwhile_fixtures import TEXT, another_program, minister_desk, path_of
from tests.services.merge_fixtures import (
    BOB_URL,
    article_titled,
    make_alice,
    make_bob,
    open_as,
    sentence_ids,
)

STATS = "https://stats.example/unemployment"
WAGES = "https://stats.example/wages"
PARTY = "https://party.example/press"


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    yield from minister_desk(tmp_path)


def test_a_split_redone_gives_its_copied_links_the_ids_the_steps_after_it_name(
    desk: Desk,
) -> None:
    """Ana split the first sentence (its source copied onto both parts) and removed the
    source from the second part; then Ctrl+Z twice. Meanwhile another program removed
    a source of the third sentence. Ctrl+Y brought the split back with the copy under
    another id, and the next Ctrl+Y (Remove Source) was refused as "changed since by
    another program", which changed nothing of that sentence: the copy stayed."""
    first, _second, third = sentence_ids(desk, 1)
    desk.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    desk.sources.link_source(third, NewSource(PARTY, title="Party press release"))
    desk.boundaries.split_sentence(first, TEXT.index("unemployment"))
    tail = next(i for i in sentence_ids(desk, 1) if i not in (first, _second, third))
    copy = desk.sources.links(tail)[0]
    desk.sources.unlink_source(copy.id, tail)
    desk.undo()
    desk.undo()
    party = desk.sources.links(third)[0]
    another_program(path_of(desk), "DELETE FROM sentence_sources WHERE id = ?", party.id)
    desk.redo()
    assert [link.id for link in desk.sources.links(tail)] == [copy.id]
    desk.redo()  # Remove Source of the copy, by its id
    assert desk.sources.links(tail) == []
    assert [link.source.url for link in desk.sources.links(first)] == [STATS]
    desk.undo()
    assert [link.id for link in desk.sources.links(tail)] == [copy.id]
    assert desk.history.verify().ok


def test_a_link_removed_keeps_its_id_from_the_next_link(desk: Desk) -> None:
    """Ana linked a page to the second sentence and removed it again, then linked
    another page to the third: it took the removed link's id. Another program then
    changed that link's excerpt, so Ctrl+Z of it was refused for good (as it should),
    and the next Ctrl+Z, putting the removed link back under its id, failed on it at
    every press: every step beneath it out of reach."""
    _first, second, third = sentence_ids(desk, 1)
    desk.sources.link_source(second, NewSource(WAGES, title="Wages"))
    removed = desk.sources.links(second)[0]
    desk.sources.unlink_source(removed.id, second)
    desk.sources.link_source(third, NewSource(PARTY, title="Party press release"))
    party = desk.sources.links(third)[0]
    another_program(
        path_of(desk), "UPDATE sentence_sources SET excerpt = 'Quoted' WHERE id = ?", party.id
    )
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.undo()
    desk.undo()  # Remove Source undone: the page is linked again, under its id
    assert [link.id for link in desk.sources.links(second)] == [removed.id]
    assert [link.excerpt for link in desk.sources.links(third)] == ["Quoted"]
    desk.undo()
    assert desk.sources.links(second) == []


def test_a_merged_link_removed_is_removed_again_after_the_merge_is_undone_and_redone(
    tmp_path: Path,
) -> None:
    """Alice merged Bob's workspace and removed one of the sources it linked; then Ctrl+Z
    twice and Ctrl+Y twice. Numbered above every link ever given, the merge's links came
    back under other numbers at its redo, and the redo of Remove Source was refused as
    "changed since by another program": the merge numbers its links as it always did."""
    make_alice(tmp_path / "alice.fcdesk")
    make_bob(tmp_path / "bob.fcdesk")
    alice = open_as(tmp_path / "alice.fcdesk", "Alice")
    try:
        alice.merge.merge(tmp_path / "bob.fcdesk")
        first = sentence_ids(alice, article_titled(alice, "senator"))[0]
        police = next(link for link in alice.sources.links(first) if link.source.url == BOB_URL)
        alice.sources.unlink_source(police.id, first)
        alice.undo()
        alice.undo()
        alice.redo()
        alice.redo()
        assert BOB_URL not in [link.source.url for link in alice.sources.links(first)]
    finally:
        alice.close()


def test_a_link_an_older_desk_made_keeps_its_id_from_the_next_link(tmp_path: Path) -> None:
    """Ana's workspace was made by a desk before 7 December: its links were numbered but
    none noted as given. In her first session with this desk she removed the newest one,
    then linked another page to the third sentence: it took the removed link's id.
    Another program changed that link's excerpt, so Ctrl+Z of it was refused for good,
    and the next Ctrl+Z, putting the removed link back under its id, failed on it at
    every press ("could not be read or written"), every step beneath out of reach."""
    path = tmp_path / "w.fcdesk"
    older = open_as(path, "Ana Ruiz")
    older.importer.import_text(TEXT, source_name="minister.txt")
    _first, second, third = sentence_ids(older, 1)
    older.sources.link_source(second, NewSource(WAGES, title="Wages"))
    older.close()
    another_program(path, "DELETE FROM settings WHERE key = 'link_id_high_water'")
    desk = open_as(path, "Ana Ruiz")
    try:
        removed = desk.sources.links(second)[0]
        desk.sources.unlink_source(removed.id, second)
        desk.sources.link_source(third, NewSource(PARTY, title="Party press release"))
        party = desk.sources.links(third)[0]
        assert party.id != removed.id
        another_program(
            path, "UPDATE sentence_sources SET excerpt = 'Quoted' WHERE id = ?", party.id
        )
        with pytest.raises(EditRefused, match="changed since by another program"):
            desk.undo()
        desk.undo()  # Remove Source undone: the page is linked again, under its id
        assert [link.id for link in desk.sources.links(second)] == [removed.id]
        assert [link.excerpt for link in desk.sources.links(third)] == ["Quoted"]
    finally:
        desk.close()


def test_a_merge_never_gives_its_links_a_removed_links_number(tmp_path: Path) -> None:
    """Alice linked a page to her own article's sentence and removed it again, then
    merged Bob's workspace: SQLite numbered the merge's links after the highest link
    there, so the first took the removed link's number. Another program then changed a
    sentence the merge had linked, so Ctrl+Z of the merge was refused for good, and
    the next Ctrl+Z, putting the removed link back under its number, failed on it
    ("could not be read or written") at every press, the steps beneath out of reach."""
    make_alice(tmp_path / "alice.fcdesk")
    make_bob(tmp_path / "bob.fcdesk")
    alice = open_as(tmp_path / "alice.fcdesk", "Alice")
    try:
        mine = sentence_ids(alice, article_titled(alice, "mayor"))[0]
        alice.sources.link_source(mine, NewSource(PARTY, title="Party press release"))
        removed = alice.sources.links(mine)[0]
        alice.sources.unlink_source(removed.id, mine)
        alice.merge.merge(tmp_path / "bob.fcdesk")
        merged = alice.workspace.db.execute(
            "SELECT id, sentence_id FROM sentence_sources ORDER BY id"
        ).fetchall()
        assert removed.id not in [row[0] for row in merged]
        another_program(
            tmp_path / "alice.fcdesk",
            "UPDATE sentence_sources SET excerpt = 'Quoted' WHERE id = ?",
            merged[-1][0],
        )
        with pytest.raises(EditRefused, match="another program"):
            alice.undo()
        alice.undo()  # Remove Source undone: the page is linked again, under its number
        assert [link.id for link in alice.sources.links(mine)] == [removed.id]
    finally:
        alice.close()


def test_a_merge_redone_over_a_link_number_taken_since_is_refused_in_words(
    tmp_path: Path,
) -> None:
    """Alice merged Bob's workspace and pressed Ctrl+Z; another program then made a
    source link under the number one of the merge's links had. Ctrl+Y, giving that
    link its number again, must say why it cannot, and write nothing."""
    make_alice(tmp_path / "alice.fcdesk")
    make_bob(tmp_path / "bob.fcdesk")
    alice = open_as(tmp_path / "alice.fcdesk", "Alice")
    try:
        before = [r[0] for r in alice.workspace.db.execute("SELECT id FROM sentence_sources")]
        alice.merge.merge(tmp_path / "bob.fcdesk")
        merged = [
            r[0]
            for r in alice.workspace.db.execute("SELECT id FROM sentence_sources ORDER BY id")
            if r[0] not in before
        ]
        alice.undo()
        mine = sentence_ids(alice, article_titled(alice, "mayor"))[0]
        source = alice.workspace.db.execute("SELECT id FROM sources LIMIT 1").fetchone()[0]
        another_program(
            tmp_path / "alice.fcdesk",
            "INSERT INTO sentence_sources (id, sentence_id, source_id, stance, excerpt,"
            " created_at, reviewer) VALUES (?, ?, ?, 'supports', '', '2026-12-07', 'Bea')",
            merged[0],
            mine,
            source,
        )
        with pytest.raises(EditRefused, match="cannot be brought back by Ctrl\\+Y"):
            alice.redo()
        assert alice.edits.redo_steps == []
        assert [link.id for link in alice.sources.links(mine)] == [merged[0]]
    finally:
        alice.close()
