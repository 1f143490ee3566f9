"""Merge with Next, Split and Re-split made their step from the sentences as read before
its transaction: a change another program (or the window's own merge undone or redone in
a worker) saved in between was written over by the step, and its undo then put back the
stale copy too. Each now finds its sentences, in its own transaction, as it read them:
Merge with Next and Split are made again from them as they are (the change goes along),
a re-split writes nothing and says so."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from tests.services.meanwhile_fixtures import TEXT, another_program, minister_desk, path_of
from tests.services.merge_fixtures import sentence_ids


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    yield from minister_desk(tmp_path)


def test_a_verdict_given_meanwhile_is_merged_not_written_over(
    desk: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Ana merged the first two sentences; between the desk's read of them and its write,
    another program gave the second the verdict "false" and an explanation. The merged
    sentence was written from the read before: the verdict and explanation gone, and
    Ctrl+Z brought the second sentence back without them."""
    first, second, _third = sentence_ids(desk, 1)
    desk.reviews.set_tag(second, Tag.CLAIM)
    between_read_and_write(
        desk,
        lambda: another_program(
            path_of(desk),
            "UPDATE reviews SET rating = 'false', explanation = 'Wages rose 3 percent.'"
            " WHERE sentence_id = ?",
            second,
        ),
    )
    desk.boundaries.merge_with_next(first)
    merged = desk.reviews.review(first)
    assert "Wages rose 3 percent." in merged.explanation
    assert merged.verdict == "false"
    desk.undo()
    assert desk.reviews.review(second).verdict == "false"
    assert desk.reviews.review(second).explanation == "Wages rose 3 percent."
    assert desk.history.verify().ok


def test_a_verdict_given_meanwhile_stays_with_the_split_sentence(
    desk: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Ana split the first sentence; meanwhile another program changed its verdict to
    "mixed". The split wrote the verdict read before ("true") on its first part, and its
    undo put "true" back on the whole sentence: "mixed" lost both ways."""
    first = sentence_ids(desk, 1)[0]
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.reviews.set_verdict(first, "true")
    between_read_and_write(
        desk,
        lambda: another_program(
            path_of(desk), "UPDATE reviews SET rating = 'mixed' WHERE sentence_id = ?", first
        ),
    )
    at = TEXT.index("unemployment")
    desk.boundaries.split_sentence(first, at)
    assert desk.reviews.review(first).verdict == "mixed"
    desk.undo()
    assert desk.reviews.review(first).verdict == "mixed"
    assert desk.history.verify().ok


def test_a_resplit_of_sentences_changed_meanwhile_writes_nothing(
    desk: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Ana re-split the article (its first two sentences merged before); meanwhile
    another program gave the merged sentence an explanation. The re-split wrote the
    review read before over it: the explanation gone without a word."""
    first = sentence_ids(desk, 1)[0]
    desk.boundaries.merge_with_next(first)
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.edits.clear()
    between_read_and_write(
        desk,
        lambda: another_program(
            path_of(desk),
            "UPDATE reviews SET explanation = 'Seen in the March figures.' WHERE sentence_id = ?",
            first,
        ),
    )
    entries = len(desk.history.entries())
    with pytest.raises(EditRefused, match="changed while"):
        desk.boundaries.resplit_article(1)
    assert desk.reviews.review(first).explanation == "Seen in the March figures."
    assert len(desk.reviews.sentence_rows(1)) == 2
    assert len(desk.history.entries()) == entries


def test_a_split_while_an_import_writes_its_sentences_is_made_with_a_free_number(
    desk: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Ana split a sentence while an article was being imported beside the window: the
    import's slice took the number the split had read for its new part, and the split
    failed with "could not be read or written (UNIQUE constraint failed)"."""
    first = sentence_ids(desk, 1)[0]
    between_read_and_write(
        desk,
        lambda: desk.importer.import_text(
            "The mayor said the bridge cost 3 million euros. It opened in May.",
            source_name="bridge.txt",
        ),
    )
    desk.boundaries.split_sentence(first, TEXT.index("unemployment"))
    assert len(desk.reviews.sentence_rows(1)) == 4
    bridge = next(a.id for a in desk.articles.list_articles() if "bridge" in a.title.lower())
    assert len(desk.reviews.sentence_rows(bridge)) == 2
    assert desk.history.verify().ok


def test_suggestions_accepted_over_a_tag_given_meanwhile_leave_it(
    desk: Desk, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Accept Suggestions is one step over many reviews (`BatchReviewEdit`), made from
    each as read: a tag another program gave one of them in between stays, as A leaves
    a tag given (each of its edits is looked at in the step's own transaction)."""
    first, second, _third = sentence_ids(desk, 1)
    desk.reviews.set_text_field(second, "explanation", "Wages: see the March figures.")
    between_read_and_write(
        desk,
        lambda: another_program(
            path_of(desk), "UPDATE reviews SET tag = 'fact' WHERE sentence_id = ?", second
        ),
    )
    desk.reviews.accept_suggestions(
        1, [(first, Tag.CLAIM, "", None), (second, Tag.CLAIM, "", None)]
    )
    assert desk.reviews.review(first).tag is Tag.CLAIM
    assert desk.reviews.review(second).tag is Tag.FACT
