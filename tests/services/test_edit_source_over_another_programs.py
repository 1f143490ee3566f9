"""Edit Source saved every field of the dialog as it was filled when it opened: a title
or an excerpt another program (a second desk window, a script) saved while the dialog
was open was written over without a word, though the reviewer only chose another
stance. Fields the reviewer left as shown now keep what is saved; one both changed is
refused in words, and the next OK saves the reviewer's over it, as told."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import ChangedMeanwhile
from factcheck_app.domain.models import SourceLink, Stance
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource, SourceChangedMeanwhile
from tests.services.meanwhile_fixtures import another_program, minister_desk, path_of
from tests.services.merge_fixtures import sentence_ids

STATS = "https://stats.example/unemployment"
QUOTE = "Unemployment stood at 4.1 percent in December."


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    yield from minister_desk(tmp_path)


def _opened(desk: Desk) -> tuple[int, SourceLink]:
    """The first sentence and its link as Edit Source shows it; then Bea's script
    quotes the page and retitles it while the dialog is open."""
    first = sentence_ids(desk, 1)[0]
    desk.sources.link_source(first, NewSource(STATS, title="Labour statistics", excerpt="old"))
    shown = desk.sources.links(first)[0]
    another_program(
        path_of(desk), "UPDATE sentence_sources SET excerpt = ? WHERE id = ?", QUOTE, shown.id
    )
    another_program(
        path_of(desk), "UPDATE sources SET title = 'BLS table A-1' WHERE id = ?", shown.source.id
    )
    return first, shown


def _as_shown(shown: SourceLink, **typed: object) -> NewSource:
    source = shown.source
    fields: dict[str, object] = {
        "url": source.url,
        "title": source.title,
        "publisher": source.publisher,
        "accessed": source.accessed,
        "stance": shown.stance,
        "excerpt": shown.excerpt,
    }
    return NewSource(**{**fields, **typed})  # type: ignore[arg-type]


def test_a_stance_chosen_keeps_the_excerpt_and_title_saved_meanwhile(desk: Desk) -> None:
    first, shown = _opened(desk)
    desk.sources.edit_link(shown.id, first, _as_shown(shown, stance=Stance.REFUTES), shown=shown)
    (now,) = desk.sources.links(first)
    assert (now.stance, now.excerpt, now.source.title) == (Stance.REFUTES, QUOTE, "BLS table A-1")


def test_an_excerpt_both_changed_is_refused_in_words_then_saved_as_told(desk: Desk) -> None:
    first, shown = _opened(desk)
    mine = _as_shown(shown, excerpt="4.1 percent, seasonally adjusted")
    with pytest.raises(SourceChangedMeanwhile, match="excerpt") as refused:
        desk.sources.edit_link(shown.id, first, mine, shown=shown)
    assert isinstance(refused.value, ChangedMeanwhile)  # the window shows it as saved
    assert [link.excerpt for link in desk.sources.links(first)] == [QUOTE]
    # OK again: the reviewer's excerpt over the one now shown, as the refusal said.
    desk.sources.edit_link(shown.id, first, mine, shown=refused.value.over)
    (now,) = desk.sources.links(first)
    assert (now.excerpt, now.source.title) == (mine.excerpt, "BLS table A-1")


def test_a_blank_at_the_end_of_a_field_is_no_clash(desk: Desk) -> None:
    # A blank left after the title (saved trimmed: no change of the reviewer's) was
    # "typed": refused as a clash, and the next OK put the title as shown back over
    # Bea's. The quote pasted with its line break, as Bea's script saved it, was refused.
    first, shown = _opened(desk)
    mine = _as_shown(shown, title="Labour statistics ", excerpt=QUOTE + "\n", stance=Stance.REFUTES)
    desk.sources.edit_link(shown.id, first, mine, shown=shown)
    (now,) = desk.sources.links(first)
    assert (now.stance, now.excerpt, now.source.title) == (Stance.REFUTES, QUOTE, "BLS table A-1")
