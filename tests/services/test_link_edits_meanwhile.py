"""Remove Source and Edit Source were made from the link as read before their
transaction: an excerpt or stance another program (or the window's merge undone or
redone in a worker) saved in between was written over (Edit Source), or removed and put
back by Ctrl+Z as it was read (Remove Source): the other program's quote gone either
way. Each now finds the link, in its own transaction, as it read it, or writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.models import SourceLink, Stance
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.services.meanwhile_fixtures import another_program, minister_desk, path_of
from tests.services.merge_fixtures import sentence_ids

STATS = "https://stats.example/unemployment"
QUOTE = "Unemployment stood at 4.1 percent in December."
BEA_LINKS_IT = (
    "INSERT INTO sentence_sources (sentence_id, source_id, stance, excerpt,"
    " created_at, reviewer) VALUES (?, ?, 'refutes', ?,"
    " '2026-12-07T03:00:00+00:00', 'Bea Ito')"
)
"""Another program's link of sentence `?` to source `?`, refuting, excerpt `?`."""


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    yield from minister_desk(tmp_path)


def linked_then_quoted_meanwhile(
    desk: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> tuple[int, SourceLink]:
    """The first sentence and its link to STATS, whose excerpt another program makes
    QUOTE between the desk's read of the link and the next step's write."""
    first = sentence_ids(desk, 1)[0]
    desk.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    link = desk.sources.links(first)[0]
    between_read_and_write(
        desk,
        lambda: another_program(
            path_of(desk), "UPDATE sentence_sources SET excerpt = ? WHERE id = ?", QUOTE, link.id
        ),
    )
    return first, link


def test_a_source_removed_after_its_excerpt_was_changed_meanwhile_is_kept(
    desk: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    first, link = linked_then_quoted_meanwhile(desk, between_read_and_write)
    with pytest.raises(EditRefused, match="changed while"):
        desk.sources.unlink_source(link.id, first)
    assert [kept.excerpt for kept in desk.sources.links(first)] == [QUOTE]


def test_an_excerpt_changed_meanwhile_is_not_written_over_by_edit_source(
    desk: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    first, link = linked_then_quoted_meanwhile(desk, between_read_and_write)
    with pytest.raises(EditRefused, match="changed while"):
        desk.sources.edit_link(
            link.id,
            first,
            NewSource(STATS, title="Labour statistics", stance=Stance.REFUTES),
        )
    assert [kept.excerpt for kept in desk.sources.links(first)] == [QUOTE]


def test_a_source_linked_meanwhile_by_another_program_is_refused_in_words(
    desk: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Ana linked a page; between the desk's read of the workspace's sources and its
    save, another program linked the same page to the sentence. The save failed with
    "could not be read or written (UNIQUE constraint failed)"; now it is refused in
    words, and the other program's link stays as it saved it."""
    first = sentence_ids(desk, 1)[0]

    def another_program_links_it() -> None:
        another_program(
            path_of(desk),
            "INSERT INTO sources (id, url, title, publisher, accessed, created_at)"
            " VALUES (40, ?, 'Labour statistics', '', NULL, '2026-12-07T03:00:00+00:00')",
            STATS,
        )
        another_program(
            path_of(desk),
            "INSERT INTO sentence_sources (id, sentence_id, source_id, stance, excerpt,"
            " created_at, reviewer) VALUES (40, ?, 40, 'refutes', ?,"
            " '2026-12-07T03:00:00+00:00', 'Bea Ito')",
            first,
            QUOTE,
        )

    between_read_and_write(desk, another_program_links_it)
    with pytest.raises(EditRefused, match="linked or recorded while"):
        desk.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    assert [(link.id, link.excerpt) for link in desk.sources.links(first)] == [(40, QUOTE)]


def test_sources_reused_over_one_linked_meanwhile_are_refused_in_words(
    desk: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Reuse Sources of an earlier verdict (one step of several Link Source): another
    program linked one of those pages to the sentence in between, and the step failed
    with "could not be read or written (UNIQUE constraint failed)"."""
    first, second, _third = sentence_ids(desk, 1)
    desk.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    stats = desk.sources.links(first)[0].source.id
    between_read_and_write(
        desk,
        lambda: another_program(
            path_of(desk),
            BEA_LINKS_IT,
            second,
            stats,
            QUOTE,
        ),
    )
    with pytest.raises(EditRefused, match="linked or recorded while"):
        desk.sources.reuse_sources(second, first)
    assert [link.excerpt for link in desk.sources.links(second)] == [QUOTE]


def test_a_url_recorded_meanwhile_is_refused_in_words_by_edit_source(
    desk: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Ana corrected the URL of a source only this sentence links; between the desk's
    read of the workspace's sources and its save, another program recorded the page
    she typed. The save failed with "could not be read or written (UNIQUE constraint
    failed: sources.url)"; now it is refused in words, the other program's record and
    Ana's link as they were."""
    first = sentence_ids(desk, 1)[0]
    desk.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    link = desk.sources.links(first)[0]
    corrected = "https://stats.example/unemployment-2025"
    between_read_and_write(
        desk,
        lambda: another_program(
            path_of(desk),
            "INSERT INTO sources (id, url, title, publisher, accessed, created_at)"
            " VALUES (40, ?, 'Bea''s record', '', NULL, '2026-12-07T03:00:00+00:00')",
            corrected,
        ),
    )
    with pytest.raises(EditRefused, match="changed while"):
        desk.sources.edit_link(link.id, first, NewSource(corrected, title="Labour statistics"))
    assert [x.source.url for x in desk.sources.links(first)] == [STATS]


def test_a_page_linked_meanwhile_is_refused_in_words_by_edit_source(
    desk: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Ana pointed a link at a page the workspace has (another URL); between the desk's
    read and its save, another program linked that page to the sentence. The save
    failed with "could not be read or written (UNIQUE constraint failed)"."""
    first, second, _third = sentence_ids(desk, 1)
    desk.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    desk.sources.link_source(second, NewSource("https://party.example/press", title="Press"))
    link = desk.sources.links(first)[0]
    party = desk.sources.links(second)[0].source.id
    between_read_and_write(
        desk,
        lambda: another_program(
            path_of(desk),
            BEA_LINKS_IT,
            first,
            party,
            QUOTE,
        ),
    )
    with pytest.raises(EditRefused, match="changed while"):
        desk.sources.edit_link(link.id, first, NewSource("https://party.example/press"))
    assert sorted(x.excerpt for x in desk.sources.links(first)) == ["", QUOTE]


def test_redo_of_link_source_over_the_page_recorded_since_is_refused_in_words(
    desk: Desk,
) -> None:
    """Ana linked a page the workspace did not have, then Ctrl+Z; another program then
    recorded that page. Ctrl+Y, putting Ana's record of it back under its id, failed
    with "could not be read or written (UNIQUE constraint failed: sources.url)" at
    every press, the step never leaving the redo stack. It is refused in words for good
    now, the other program's record kept."""
    first = sentence_ids(desk, 1)[0]
    desk.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    desk.undo()
    another_program(
        path_of(desk),
        "INSERT INTO sources (id, url, title, publisher, accessed, created_at)"
        " VALUES (40, ?, 'Bea''s record', '', NULL, '2026-12-07T03:00:00+00:00')",
        STATS,
    )
    with pytest.raises(EditRefused, match="another program"):
        desk.redo()
    assert desk.edits.redo_steps == []
    assert desk.sources.links(first) == []
    assert [s.title for s in desk.sources.sources() if s.url == STATS] == ["Bea's record"]


def test_redo_of_a_url_corrected_over_the_page_recorded_since_is_refused_in_words(
    desk: Desk,
) -> None:
    """Ana corrected a source's URL (only this sentence links it), then Ctrl+Z; another
    program then recorded the corrected page. Ctrl+Y failed with "could not be read or
    written (UNIQUE constraint failed: sources.url)" at every press."""
    first = sentence_ids(desk, 1)[0]
    desk.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    link = desk.sources.links(first)[0]
    corrected = "https://stats.example/unemployment-2025"
    desk.sources.edit_link(link.id, first, NewSource(corrected, title="Labour statistics"))
    desk.undo()
    another_program(
        path_of(desk),
        "INSERT INTO sources (id, url, title, publisher, accessed, created_at)"
        " VALUES (40, ?, 'Bea''s record', '', NULL, '2026-12-07T03:00:00+00:00')",
        corrected,
    )
    with pytest.raises(EditRefused, match="another program"):
        desk.redo()
    assert desk.edits.redo_steps == []
    assert [x.source.url for x in desk.sources.links(first)] == [STATS]


def _link_numbered_by(desk: Desk, sentence: int, link_id: int) -> None:
    """Another program (an older desk, DB Browser) links a page to `sentence` under the
    number SQLite gives next: `link_id`, the number of the link Ana's step took away."""
    another_program(
        path_of(desk),
        "INSERT INTO sources (id, url, title, publisher, accessed, created_at)"
        " VALUES (40, 'https://party.example/press', 'Party', '', NULL,"
        " '2026-12-07T03:00:00+00:00')",
    )
    another_program(
        path_of(desk),
        "INSERT INTO sentence_sources (id, sentence_id, source_id, stance, excerpt,"
        " created_at, reviewer) VALUES (?, ?, 40, 'context', '',"
        " '2026-12-07T03:00:00+00:00', 'Bea')",
        link_id,
        sentence,
    )


def test_redo_of_link_source_over_its_number_given_since_to_another_sentence_is_refused(
    desk: Desk,
) -> None:
    """Ana linked a source to one sentence, then Ctrl+Z; another program then linked a
    page to another sentence under the number SQLite gives next, the one Ana's link had.
    Ctrl+Y, putting her link back under its number, failed with "could not be read or
    written (UNIQUE constraint failed: sentence_sources.id)" at every press: only the
    sentence's own links were looked at. It is refused in words for good now."""
    first, second = sentence_ids(desk, 1)[:2]
    desk.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    [link] = desk.sources.links(first)
    desk.undo()
    _link_numbered_by(desk, second, link.id)
    with pytest.raises(EditRefused, match="another program"):
        desk.redo()
    assert desk.edits.redo_steps == []
    assert desk.sources.links(first) == []
    assert [x.reviewer for x in desk.sources.links(second)] == ["Bea"]


def test_undo_of_remove_source_over_its_number_given_since_is_refused_and_goes_on(
    desk: Desk,
) -> None:
    """Ana removed the newest link of one sentence; another program then linked a page to
    another sentence under the number SQLite gives next, the removed link's. Ctrl+Z,
    putting the link back under its number, failed at every press ("could not be read or
    written"), and every step beneath it was out of reach. Refused in words for good
    now, Ctrl+Z goes on with the step before it (her Link Source, refused in turn: its
    link is not there to take away)."""
    first, second = sentence_ids(desk, 1)[:2]
    desk.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    [link] = desk.sources.links(first)
    desk.sources.unlink_source(link.id, first)
    _link_numbered_by(desk, second, link.id)
    with pytest.raises(EditRefused, match="another program"):
        desk.undo()
    assert desk.sources.links(first) == []
    with pytest.raises(EditRefused, match="Undo of “Link source"):
        desk.undo()  # the step beneath, reached
    assert desk.edits.undo_steps == []
    assert [x.reviewer for x in desk.sources.links(second)] == ["Bea"]


def test_undo_of_remove_source_whose_page_another_program_deleted_is_refused_in_words(
    desk: Desk,
) -> None:
    """Ana removed a sentence's only link to a page; another program (a script tidying
    the library, DB Browser) then deleted that page, linked by nothing. Ctrl+Z, linking
    it again, failed with "could not be read or written (FOREIGN KEY constraint
    failed)" at every press, every step beneath out of reach. Refused in words now."""
    first = sentence_ids(desk, 1)[0]
    desk.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    [link] = desk.sources.links(first)
    desk.sources.unlink_source(link.id, first)
    another_program(path_of(desk), "DELETE FROM sources WHERE id = ?", link.source.id)
    with pytest.raises(EditRefused, match="another program"):
        desk.undo()
    assert desk.sources.links(first) == []


def test_undo_of_edit_source_whose_old_page_another_program_deleted_is_refused_in_words(
    desk: Desk,
) -> None:
    """Ana pointed a link at a page another sentence links (its old page then linked by
    nothing); another program deleted the old page. Ctrl+Z, pointing the link back at
    it, failed with "could not be read or written (FOREIGN KEY constraint failed)" at
    every press, every step beneath out of reach. Refused in words now."""
    first, second = sentence_ids(desk, 1)[:2]
    party = "https://party.example/press"
    desk.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    desk.sources.link_source(second, NewSource(party, title="Party"))
    [link] = desk.sources.links(first)
    desk.sources.edit_link(link.id, first, NewSource(party, title="Party"))
    another_program(path_of(desk), "DELETE FROM sources WHERE id = ?", link.source.id)
    with pytest.raises(EditRefused, match="another program"):
        desk.undo()
    assert [x.source.url for x in desk.sources.links(first)] == [party]


def test_a_source_linked_to_a_sentence_another_program_took_away_meanwhile_is_refused(
    desk: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Link Source on a sentence another program deleted between the desk's read and its
    write: the link was written for a sentence gone, and the file's own rule refused it,
    said as the workspace "could not be read or written (FOREIGN KEY constraint
    failed)", as if the file were damaged. Refused as changed meanwhile, in words, with
    nothing written (the window then shows the article as saved)."""
    from factcheck_app.domain.errors import ChangedMeanwhile

    sentence = sentence_ids(desk, 1)[1]
    between_read_and_write(
        desk,
        lambda: another_program(path_of(desk), "DELETE FROM sentences WHERE id = ?", sentence),
    )
    with pytest.raises(ChangedMeanwhile, match="look at"):
        desk.sources.link_source(sentence, NewSource(STATS, title="Jobs"))
    assert desk.sources.sources() == []
    assert desk.edits.undo_text() == ""


def test_sources_reused_over_a_later_one_linked_meanwhile_name_that_one(
    desk: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Reuse Sources of two pages, the second of which another program linked to the
    sentence in between: the refusal named the first ("this page was linked or recorded
    while “Link source Labour statistics” was being saved"), a page nobody had touched,
    and the reviewer looked for a change to it that was not there."""
    first, second, _third = sentence_ids(desk, 1)
    desk.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    desk.sources.link_source(first, NewSource("https://jobs.example/report", title="Jobs report"))
    jobs = next(
        link.source for link in desk.sources.links(first) if link.source.title == "Jobs report"
    )
    between_read_and_write(
        desk, lambda: another_program(path_of(desk), BEA_LINKS_IT, second, jobs.id, QUOTE)
    )
    with pytest.raises(EditRefused, match="linked or recorded while") as refused:
        desk.sources.reuse_sources(second, first)
    assert jobs.name in str(refused.value)
    assert "Labour statistics" not in str(refused.value)
    assert [link.excerpt for link in desk.sources.links(second)] == [QUOTE]
