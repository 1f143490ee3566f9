"""Two desks on one workspace (two windows, or a colleague's desk on a shared file):
Bea's desk saves a change while Ana's window still shows the one before.

Remove Source read the link again by its number, so Ana removed an excerpt or stance
she never saw (Bea's), without a word. Article Properties saved every field as the
dialog was filled, over Bea's author or date saved while it was open, though Ana only
typed a title. Now a removal is made from the link as shown and refused in words when
it is no longer so; properties left as shown keep what is saved, and a field both
changed is refused in words, the next OK saving Ana's over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import ChangedMeanwhile
from factcheck_app.domain.models import Stance
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.services.meanwhile_fixtures import minister_desk, path_of
from tests.services.merge_fixtures import sentence_ids

STATS = "https://stats.example/unemployment"
BEAS_QUOTE = "Unemployment stood at 4.1 percent in December."


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[tuple[Desk, Desk]]:
    """Ana's desk (the minister article imported) and a second desk on the same file,
    whose saves are Bea's: another program (a script, the window's own worker) writing
    it meanwhile, under Ana's writer lock, as one desk per workspace allows."""
    for ana in minister_desk(tmp_path):
        bea = Desk.open(
            path_of(ana),
            backup=False,
            session=False,
            held_lock=ana.writer_lock,
            owns_lock=False,
            reviewer="Bea Ito",
        )
        bea.edits.actor = "Bea Ito"
        yield ana, bea
        bea.close()


def test_a_link_another_desk_changed_since_it_was_shown_is_not_removed(
    desks: tuple[Desk, Desk],
) -> None:
    ana, bea = desks
    first = sentence_ids(ana, 1)[0]
    ana.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    [shown] = ana.sources.links(first)
    bea.sources.edit_link(
        shown.id,
        first,
        NewSource(STATS, title="Labour statistics", stance=Stance.REFUTES, excerpt=BEAS_QUOTE),
    )
    with pytest.raises(ChangedMeanwhile) as refused:
        ana.sources.unlink_source(shown.id, first, shown=shown)
    words = str(refused.value)
    assert "Unemployment stood at" in words and "Refutes" in words, words
    [kept] = bea.sources.links(first)
    assert (kept.excerpt, kept.stance) == (BEAS_QUOTE, Stance.REFUTES)


def test_a_link_removed_as_shown_goes_and_ctrl_z_brings_it_back(
    desks: tuple[Desk, Desk],
) -> None:
    ana, _bea = desks
    first = sentence_ids(ana, 1)[0]
    ana.sources.link_source(first, NewSource(STATS, title="Labour statistics", excerpt="x"))
    [shown] = ana.sources.links(first)
    ana.sources.unlink_source(shown.id, first, shown=shown)
    assert ana.sources.links(first) == []
    ana.edits.undo()
    assert ana.sources.links(first) == [shown]
