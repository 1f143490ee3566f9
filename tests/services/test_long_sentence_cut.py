"""A data dump with no full stop for megabytes was one sentence, and every save of its
review wrote that sentence's search-index row again whole (1.27 s a save on the window's
thread for 20 MB). What the reviewer relies on: such an article comes in as sentences
of at most `MAX_SENTENCE_CHARS`, its text whole and found by search, a save writes a
row of that size, and a workspace imported before keeps its sentences as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.domain import segmentation
from factcheck_app.domain.segmentation import MAX_SENTENCE_CHARS
from factcheck_app.services.desk import Desk

_WORDS = ("alpha", "beta", "2021", "gamma-delta", "minister", "said", "rose", "3,5", "€")


def _dump(size: int) -> str:
    """`size` characters of a data dump: words and figures, no full stop, ending in
    a word no other place has."""
    out = [_WORDS[n % len(_WORDS)] for n in range(size // 6)]
    return "Figures " + " ".join(out)[:size] + " zanzibar"


def _spans(desk: Desk, article_id: int) -> list[tuple[int, int, int]]:
    return [
        (r.sentence.start, r.sentence.end, r.sentence.paragraph)
        for r in desk.reviews.sentence_rows(article_id)
    ]


def test_a_dump_with_no_full_stop_comes_in_as_sentences_a_save_writes_little(
    desk: Desk,
) -> None:
    text = _dump(60_000)
    article = desk.importer.import_text(text, source_name="dump.txt").article_id
    assert desk.articles.article_text(article) == text  # the text is never changed
    rows = desk.reviews.sentence_rows(article)
    assert len(rows) >= 12
    assert all(len(r.sentence.text) <= MAX_SENTENCE_CHARS for r in rows)
    # Cut at spaces: the sentences, a space between each two, are the text.
    assert " ".join(r.sentence.text for r in rows) == text

    last = rows[-1].sentence.id
    desk.reviews.set_text_field(last, "explanation", "Unsourced figures.")
    # What a save of its review writes again: that sentence's row, a sentence's words.
    (hit,) = desk.repo.search.hits([last])
    assert len(hit.columns["words"]) <= MAX_SENTENCE_CHARS
    assert [h.found.row.sentence.id for h in desk.lookup.search("zanzibar").hits] == [last]
    assert [h.found.row.sentence.id for h in desk.lookup.search("unsourced").hits] == [last]


def test_a_workspace_with_a_long_sentence_opens_with_its_sentences_unchanged(
    workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article split before the cap keeps its long sentence (its reviews stay where
    they are); Re-split offers to cut it."""
    text = _dump(30_000)
    with monkeypatch.context() as before_the_cap:
        before_the_cap.setattr(segmentation, "MAX_SENTENCE_CHARS", 10**9)
        desk = Desk.open(workspace_path)
        article = desk.importer.import_text(text, source_name="dump.txt").article_id
        (only,) = desk.reviews.sentence_rows(article)
        desk.reviews.set_text_field(only.sentence.id, "explanation", "Checked by hand.")
        stored = _spans(desk, article)
        desk.close()
    assert stored == [(0, len(text), 0)]

    desk = Desk.open(workspace_path)
    try:
        assert _spans(desk, article) == stored
        assert desk.reviews.review(only.sentence.id).explanation == "Checked by hand."
        desk.boundaries.check_resplit_changes(article)  # NothingToResplit: it would not
    finally:
        desk.close()


def test_merge_with_next_joins_a_cut_sentence_back_and_re_split_cuts_it_again(
    desk: Desk,
) -> None:
    """A long quote cut in two is whole again with Ctrl+M: the cap is the splitter's, not
    a refusal (a save of a 50,000-character sentence takes as long as a short one's, 2 ms
    here; only megabytes froze). Re-split Article cuts it again if asked."""
    text = _dump(12_000)
    article = desk.importer.import_text(text, source_name="dump.txt").article_id
    first, second, *_rest = desk.reviews.sentence_rows(article)
    desk.reviews.set_text_field(second.sentence.id, "explanation", "The quote's end.")
    desk.boundaries.merge_with_next(first.sentence.id)
    joined = desk.reviews.sentence_rows(article)[0]
    assert (joined.sentence.start, joined.sentence.end) == (
        first.sentence.start,
        second.sentence.end,
    )
    assert len(joined.sentence.text) > MAX_SENTENCE_CHARS
    assert "The quote's end." in joined.review.explanation
    desk.boundaries.check_resplit_changes(article)  # no NothingToResplit: it would cut
    desk.boundaries.resplit_article(article)
    assert all(
        len(r.sentence.text) <= MAX_SENTENCE_CHARS for r in desk.reviews.sentence_rows(article)
    )


def test_an_article_imported_before_the_cut_is_known_by_its_longest_sentence(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the window asks at each open, to tell the reviewer that Re-split Article cuts
    a sentence imported before the cap: its length, and nothing for a normal article."""
    normal = desk.importer.import_text(_dump(60_000), source_name="cut.txt").article_id
    with monkeypatch.context() as before_the_cap:
        before_the_cap.setattr(segmentation, "MAX_SENTENCE_CHARS", 10**9)
        dump = _dump(60_000)
        long = desk.importer.import_text("One. " + dump, source_name="dump.txt").article_id
    desk.repo.articles.set_segmenter(long, "fcdesk-2")  # as the desk then marked it
    assert desk.reviews.sentence_over_the_cut(normal) is None
    assert desk.reviews.sentence_over_the_cut(long) == len(dump)


def test_pieces_merged_back_are_not_taken_for_a_sentence_imported_before_the_cut(
    desk: Desk,
) -> None:
    """Merge with Next joins cut pieces back when asked (a long quote made whole): the
    cap is the splitter's, not a refusal. Such a sentence was told "imported before long
    sentences were cut", and Re-split Article, which it offered, undoes the merge."""
    article = desk.importer.import_text(_dump(60_000), source_name="dump.txt").article_id
    first = desk.reviews.sentence_rows(article)[0]
    desk.boundaries.merge_with_next(first.sentence.id)
    merged = desk.reviews.sentence_rows(article)[0].sentence
    assert merged.end - merged.start > MAX_SENTENCE_CHARS
    assert desk.reviews.sentence_over_the_cut(article) is None
