"""Reviewer fixes to sentence boundaries keep offsets exact and lose no review work."""

from __future__ import annotations

import json

import pytest

from factcheck_app.domain.errors import Cancelled, EditRefused
from factcheck_app.domain.models import Stance, Status, Tag
from factcheck_app.services import history
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.edits import StructuralEdit
from factcheck_app.services.history import HistoryItem


def rows_of(desk: Desk) -> list:
    return desk.reviews.sentence_rows(desk.articles.list_articles()[0].id)


def older_cut(desk: Desk, article_id: int, pairs: int | None = None) -> None:
    """Join each pair of sentences into one (the first `pairs` only, if given), as an older
    splitter had cut the article (a re-split cuts every one of them apart again)."""
    repo = desk.repo
    rows = repo.sentences.sentence_rows(article_id)
    if pairs is not None:
        rows = rows[: 2 * pairs]
    with repo.db.atomic(), repo.search.batch():
        for first, second in zip(rows[::2], rows[1::2], strict=False):
            repo.sentences.delete_sentence(second.sentence.id)
            repo.db.execute(
                'UPDATE sentences SET "end" = ? WHERE id = ?',
                [second.sentence.end, first.sentence.id],
            )
            repo.search.sentence_changed(first.sentence.id)


def assert_offsets_exact(desk: Desk) -> None:
    article_id = desk.articles.list_articles()[0].id
    text = desk.articles.article_text(article_id)
    previous_end = 0
    for row in desk.reviews.sentence_rows(article_id):
        s = row.sentence
        assert s.text == text[s.start : s.end] == text[s.start : s.end].strip()
        assert s.start >= previous_end
        previous_end = s.end


def test_merge_joins_spans_and_undo_restores_both(seeded_desk: Desk) -> None:
    before = rows_of(seeded_desk)
    first, second = before[1].sentence, before[2].sentence
    seeded_desk.boundaries.merge_with_next(first.id)
    after = rows_of(seeded_desk)
    assert len(after) == 11
    merged = after[1].sentence
    assert (merged.id, merged.start, merged.end) == (first.id, first.start, second.end)
    assert_offsets_exact(seeded_desk)
    seeded_desk.undo()
    assert rows_of(seeded_desk) == before
    seeded_desk.redo()
    assert len(rows_of(seeded_desk)) == 11


def test_merging_two_reviewed_sentences_drops_nothing(seeded_desk: Desk) -> None:
    rows = rows_of(seeded_desk)
    a, b = rows[4].sentence.id, rows[5].sentence.id
    seeded_desk.reviews.set_tag(a, Tag.CLAIM)
    seeded_desk.reviews.set_verdict(a, "unverifiable")
    seeded_desk.reviews.set_text_field(a, "claimant", "Baku")
    seeded_desk.reviews.set_text_field(a, "explanation", "No independent count.")
    seeded_desk.reviews.set_tag(b, Tag.DENIAL)
    seeded_desk.reviews.set_verdict(b, "mixed")
    seeded_desk.reviews.set_text_field(b, "claimant", "Yerevan")
    seeded_desk.reviews.set_text_field(b, "explanation", "Armenia denies.")
    seeded_desk.sources.link_source(a, NewSource(url="https://example.org/a"))
    seeded_desk.sources.link_source(b, NewSource(url="https://example.org/b"))
    change = seeded_desk.boundaries.merge_with_next(a)
    review = seeded_desk.reviews.review(a)
    assert (review.tag, review.verdict, review.claimant) == (Tag.CLAIM, "unverifiable", "Baku")
    for kept in ("No independent count.", "Armenia denies.", "Denial", "Mixed", "Yerevan"):
        assert kept in review.explanation
    assert review.status is Status.SECOND_LOOK
    assert {link.source.url for link in seeded_desk.sources.links(a)} == {
        "https://example.org/a",
        "https://example.org/b",
    }
    assert "second look" in change.message
    seeded_desk.undo()
    assert seeded_desk.reviews.review(b).claimant == "Yerevan"
    assert [link.source.url for link in seeded_desk.sources.links(b)] == ["https://example.org/b"]
    assert seeded_desk.reviews.review(a).explanation == "No independent count."


def test_merge_of_the_last_sentence_is_refused(seeded_desk: Desk) -> None:
    last = rows_of(seeded_desk)[-1].sentence.id
    with pytest.raises(EditRefused, match="last sentence"):
        seeded_desk.boundaries.merge_with_next(last)


def test_split_keeps_review_on_chosen_part_and_sources_as_asked(seeded_desk: Desk) -> None:
    row = rows_of(seeded_desk)[4]
    sentence = row.sentence
    seeded_desk.reviews.set_tag(sentence.id, Tag.CLAIM)
    seeded_desk.sources.link_source(sentence.id, NewSource(url="https://example.org/count"))
    at = sentence.start + sentence.text.index(", accusing")
    seeded_desk.boundaries.split_sentence(
        sentence.id, at + 1, review_to="second", sources_to="first"
    )
    rows = rows_of(seeded_desk)
    assert len(rows) == 13
    head, tail = rows[4], rows[5]
    assert head.sentence.text.endswith("in the city,")
    assert tail.sentence.text.startswith("accusing Armenia")
    assert tail.sentence.id == sentence.id and tail.review.tag is Tag.CLAIM
    assert head.review.tag is None
    assert head.source_count == 1 and tail.source_count == 0
    assert_offsets_exact(seeded_desk)
    seeded_desk.undo()
    assert rows_of(seeded_desk)[4].sentence == sentence
    assert seeded_desk.reviews.review(sentence.id).tag is Tag.CLAIM
    assert len(seeded_desk.sources.links(sentence.id)) == 1


def test_split_at_an_edge_is_refused(seeded_desk: Desk) -> None:
    sentence = rows_of(seeded_desk)[0].sentence
    with pytest.raises(EditRefused):
        seeded_desk.boundaries.split_sentence(sentence.id, sentence.start)
    with pytest.raises(EditRefused):
        seeded_desk.boundaries.split_sentence(sentence.id, sentence.end)


def test_denial_links_follow_merges_and_come_back_on_undo(seeded_desk: Desk) -> None:
    rows = rows_of(seeded_desk)
    claim, after_claim, denial = rows[3].sentence.id, rows[4].sentence.id, rows[5].sentence.id
    seeded_desk.reviews.set_tag(after_claim, Tag.CLAIM)
    seeded_desk.reviews.set_tag(denial, Tag.DENIAL)
    seeded_desk.reviews.set_denies(denial, after_claim)
    seeded_desk.boundaries.merge_with_next(claim)  # after_claim disappears into claim
    assert seeded_desk.reviews.review(denial).denies_sentence_id == claim
    seeded_desk.undo()
    assert seeded_desk.reviews.review(denial).denies_sentence_id == after_claim


def test_resplit_restores_splitter_boundaries_and_keeps_reviews(seeded_desk: Desk) -> None:
    article_id = seeded_desk.articles.list_articles()[0].id
    with pytest.raises(EditRefused, match="not change"):
        seeded_desk.boundaries.resplit_article(article_id)
    original = [r.sentence for r in rows_of(seeded_desk)]
    first = original[1].id
    seeded_desk.boundaries.merge_with_next(first)
    seeded_desk.reviews.set_tag(first, Tag.FACT)
    seeded_desk.reviews.set_text_field(first, "explanation", "Checked against the ministry site.")
    seeded_desk.sources.link_source(first, NewSource(url="https://example.org/mfa"))
    assert seeded_desk.boundaries.reviewed_sentence_count(article_id) == 1
    change = seeded_desk.boundaries.resplit_article(article_id)
    assert "Re-split into 12 sentences (was 11)" in change.message
    rows = rows_of(seeded_desk)
    assert [(r.sentence.start, r.sentence.end) for r in rows] == [
        (s.start, s.end) for s in original
    ]
    assert rows[1].review.tag is Tag.FACT and rows[1].source_count == 1
    assert rows[2].review.tag is None
    assert_offsets_exact(seeded_desk)
    seeded_desk.undo()
    assert len(rows_of(seeded_desk)) == 11
    assert seeded_desk.reviews.review(first).explanation == "Checked against the ministry site."


def test_undoing_a_merge_keeps_who_last_set_a_sentence_back_to_unreviewed(
    seeded_desk: Desk,
) -> None:
    """A review put back to Unreviewed records who did it and when; merging the sentence
    and undoing must keep that record (found by tests/services/test_edit_sequences.py)."""
    first = rows_of(seeded_desk)[0].sentence.id
    seeded_desk.reviews.set_status(first, Status.IN_PROGRESS)
    seeded_desk.reviews.set_status(first, Status.UNREVIEWED)
    kept = seeded_desk.reviews.review(first)
    assert kept.reviewer and kept.updated_at
    seeded_desk.boundaries.merge_with_next(first)
    seeded_desk.undo()
    assert seeded_desk.reviews.review(first) == kept


def test_a_resplit_stopped_while_it_writes_leaves_the_article_as_it_was(desk: Desk) -> None:
    """The window re-splits a long article in a worker whose Stop raises `Cancelled` from
    its progress: stopped half-way through the writing, nothing of it is kept, nor on the
    undo stack; let run, it reports its stages and is undone in a worker too."""
    text = "\n".join(f"The council met on day {n} of the session." for n in range(1_400))
    article_id = desk.importer.import_text(text, source_name="long").article_id
    older_cut(desk, article_id)
    first = desk.reviews.sentence_rows(article_id)[0].sentence.id
    desk.reviews.set_tag(first, Tag.CLAIM)
    before = [(r.sentence.start, r.sentence.end, r.review) for r in rows_of(desk)]
    steps = len(desk.edits.undo_steps)
    told: list[tuple[float, str]] = []

    def stop_while_writing(fraction: float, stage: str) -> None:
        told.append((fraction, stage))
        if stage == "Writing" and fraction > 0.7:  # sentences deleted and inserted
            raise Cancelled("Re-split stopped.")

    with pytest.raises(Cancelled):
        desk.boundaries.resplit_article(article_id, stop_while_writing)
    assert [(r.sentence.start, r.sentence.end, r.review) for r in rows_of(desk)] == before
    assert len(desk.edits.undo_steps) == steps
    assert [stage for _, stage in told][:3] == ["Reading", "Splitting", "Splitting"]

    told.clear()
    desk.boundaries.resplit_article(article_id, lambda f, stage: told.append((f, stage)))
    assert len(rows_of(desk)) == 1_400 and rows_of(desk)[0].review.tag is Tag.CLAIM
    fractions = [f for f, _ in told]
    assert fractions == sorted(fractions) and 0.85 < fractions[-1] <= 1.0  # the bar fills
    resplit = desk.edits.undo_steps[-1]
    assert resplit.runs_long  # the window undoes it in a worker
    assert getattr(resplit, "report", None) is None  # an undo later reports to nobody
    desk.undo()
    assert [(r.sentence.start, r.sentence.end, r.review) for r in rows_of(desk)] == before


_RESPLIT_KILLED = """
import sys
from pathlib import Path
from factcheck_app.services.desk import Desk

desk = Desk.open(Path(sys.argv[1]))
article_id = desk.articles.list_articles()[0].id

def told(fraction, stage):
    if stage == "Writing" and fraction > 0.7:  # deleted, inserted, reviews half restored
        print("writing", flush=True)
        sys.stdin.readline()  # killed here, in the middle of the transaction

desk.boundaries.resplit_article(article_id, told)
print("done", flush=True)
"""


def test_a_resplit_killed_while_it_writes_loses_nothing(desk: Desk) -> None:
    """The process killed in the middle of a re-split's writing (a crash, a power cut):
    the next open finds the article exactly as it was before, its review in place."""
    import signal
    import subprocess
    import sys

    text = "\n".join(f"The council met on day {n} of the session." for n in range(1_400))
    article_id = desk.importer.import_text(text, source_name="long").article_id
    older_cut(desk, article_id)
    first = desk.reviews.sentence_rows(article_id)[0].sentence.id
    desk.reviews.set_tag(first, Tag.CLAIM)
    before = [(r.sentence.start, r.sentence.end, r.review) for r in rows_of(desk)]
    path = desk.path
    assert path is not None
    desk.close()
    writer = subprocess.Popen(
        [sys.executable, "-c", _RESPLIT_KILLED, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    try:
        assert writer.stdout.readline().strip() == "writing"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    again = Desk.open(path)
    try:
        assert [(r.sentence.start, r.sentence.end, r.review) for r in rows_of(again)] == before
        report = again.upkeep.check()  # Check Workspace: the file and its index whole
        assert report.ok, report.lines
    finally:
        again.close()


class _CountedWalks(list):  # type: ignore[type-arg]
    """A list that counts how often it is walked through."""

    walks = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        type(self).walks += 1
        return super().__iter__()


def test_a_resplit_moves_each_denial_without_reading_every_sentence_again(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each denial of a sentence the re-split cut anew was moved by a walk through every
    sentence of the article: a 30 MB article's re-split spent 63 of its 70 s there. The
    denials still follow the claim's start, in as many walks for 40 denials as for none."""
    text = "\n".join(f"The council met on day {n} of the session." for n in range(400))
    article_id = desk.importer.import_text(text, source_name="long").article_id
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(article_id)]
    claims = ids[:80:2]  # joined with the next one below: the re-split gives them new ids
    for claim in claims:
        desk.boundaries.merge_with_next(claim)
        desk.reviews.set_tag(claim, Tag.CLAIM)
    for holder, claim in zip(ids[200:240], claims, strict=True):
        desk.reviews.set_tag(holder, Tag.DENIAL)
        desk.reviews.set_denies(holder, claim)
    starts = {claim: desk.repo.sentences.get_sentence(claim).start for claim in claims}
    apply = StructuralEdit.apply

    def counted_apply(edit: StructuralEdit, repo: object) -> object:
        edit.before = _CountedWalks(edit.before)
        return apply(edit, repo)  # type: ignore[arg-type]

    monkeypatch.setattr(StructuralEdit, "apply", counted_apply)
    desk.boundaries.resplit_article(article_id)
    for holder, claim in zip(ids[200:240], claims, strict=True):
        denied = desk.reviews.review(holder).denies_sentence_id
        assert denied is not None and denied != claim
        assert desk.repo.sentences.get_sentence(denied).start == starts[claim]
    assert _CountedWalks.walks < 10  # a few (deleted, where each began, the history): not 40


def test_a_resplit_is_only_the_sentences_it_changes(desk: Desk) -> None:
    """A re-split rewrote, kept for undo and named in its history entry every sentence
    of the article, also those it left as they were: the history box, which reads that
    entry at every sentence the reviewer stops at, parsed all of a 5 MB article's
    sentences (0.5-1.4 s each stop after a re-split, its undo and redo). Now only the
    sentences it cut anew are in the step; the others keep their sources as linked."""
    text = "\n".join(f"The council met on day {n} of the session." for n in range(400))
    article_id = desk.importer.import_text(text, source_name="long").article_id
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(article_id)]
    desk.boundaries.merge_with_next(ids[10])  # the one sentence a re-split cuts anew
    untouched = ids[300]
    desk.reviews.set_tag(untouched, Tag.FACT)
    desk.sources.link_source(untouched, NewSource(url="https://example.org/minutes"))
    link_ids = [link.id for link in desk.repo.sources.links_for_sentence(untouched)]
    desk.boundaries.resplit_article(article_id)
    entry = desk.repo.history.about_sentence(ids[10], article_id, 1)[0]
    assert entry.description == "Re-split article"
    named = {state["id"] for state in json.loads(entry.before) + json.loads(entry.after)}
    assert ids[10] in named and len(named) == 3  # the joined one and the two it is cut into
    assert "Re-split article" not in [item.what for item in desk.history.of_sentence(untouched)]
    assert [link.id for link in desk.repo.sources.links_for_sentence(untouched)] == link_ids
    desk.undo()
    assert len(rows_of(desk)) == 399 and desk.reviews.review(untouched).tag is Tag.FACT
    desk.redo()
    assert len(rows_of(desk)) == 400 and desk.reviews.review(untouched).tag is Tag.FACT
    assert [link.id for link in desk.repo.sources.links_for_sentence(untouched)] == link_ids


def test_a_sentence_history_reads_only_its_part_of_a_resplit(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history box parsed a re-split's whole entry (every sentence it cut anew: a
    fifth of a 5 MB article's) at each sentence the reviewer stopped at, 0.34 s a stop.
    Only the sentence's own part of it is read now, and it says the same, also where a
    review's text quotes what an entry looks like or a denial names the sentence."""
    text = "\n".join(f"The council met on day {n} of the session." for n in range(60))
    article_id = desk.importer.import_text(text, source_name="long").article_id
    older_cut(desk, article_id)  # pairs joined: the re-split cuts every one apart
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(article_id)]
    desk.reviews.set_tag(ids[3], Tag.CLAIM)
    desk.reviews.set_tag(ids[5], Tag.DENIAL)
    desk.reviews.set_denies(ids[5], ids[3])
    quoted = f'{{"end":1,"id":{ids[7]},"review":{{}}}} and "sentence_id": {ids[9]}'
    desk.reviews.set_text_field(ids[4], "explanation", quoted)
    desk.sources.link_source(ids[4], NewSource(url="https://example.org/minutes"))

    def read(sentence_ids: list[int]) -> dict[int, list[HistoryItem]]:
        return {sentence_id: desk.history.of_sentence(sentence_id) for sentence_id in sentence_ids}

    def whole_entries_parsed(sentence_ids: list[int]) -> dict[int, list[HistoryItem]]:
        with monkeypatch.context() as patched:  # as before: every entry parsed whole
            patched.setattr(history, "named_part", lambda *args, **kwargs: None, raising=False)
            return read(sentence_ids)

    parsed_texts: list[str] = []
    original = history.parsed

    def parsed(text: str | None) -> object:
        parsed_texts.append(text or "")
        return original(text)

    monkeypatch.setattr(history, "parsed", parsed)
    desk.boundaries.resplit_article(article_id)
    new_ids = [r.sentence.id for r in desk.reviews.sentence_rows(article_id)]
    for step, shown in ((None, new_ids), (desk.undo, ids), (desk.redo, new_ids)):
        if step is not None:
            step()
        expected = whole_entries_parsed(shown)
        parsed_texts.clear()
        assert read(shown) == expected
        assert any("Re-split article" in [i.what for i in items] for items in expected.values())
        assert not [t for t in parsed_texts if t.startswith("[")]  # no entry of several


def test_a_resplit_that_would_end_a_conflict_undecided_is_refused(seeded_desk: Desk) -> None:
    """A re-split joining a sentence reviewers disagree on with a reviewed one merged the
    two reviews into one marked "second look": the disagreement went from Show →
    Conflicts and F8, decided by nobody. Refused, with what to do, nothing changed."""
    desk = seeded_desk
    article_id = desk.articles.list_articles()[0].id
    row = rows_of(desk)[4]
    at = row.sentence.start + row.sentence.text.index(" in the city")
    desk.boundaries.split_sentence(row.sentence.id, at)  # a cut the splitter would not make
    head, tail = (r.sentence.id for r in rows_of(desk)[4:6])
    with desk.workspace.db.atomic():  # what a merge of two workspaces leaves
        desk.repo.reviews.save_review(
            desk.reviews.review(head).edited(tag=Tag.CLAIM, verdict="true", status=Status.CONFLICT)
        )
    desk.reviews.set_tag(tail, Tag.FACT)
    before = [(r.sentence, r.review) for r in rows_of(desk)]
    with pytest.raises(EditRefused, match="Keep a version of each conflict first"):
        desk.boundaries.resplit_article(article_id)
    # Known before the window asks "Re-split anyway?" about moving the reviews: asked
    # and answered Yes, it was refused all the same.
    with pytest.raises(EditRefused, match="Keep a version of each conflict first"):
        desk.boundaries.check_resplit_changes(article_id)
    assert [(r.sentence, r.review) for r in rows_of(desk)] == before
    assert desk.reviews.review(head).status is Status.CONFLICT


def test_a_step_says_which_sign_offs_it_took(seeded_desk: Desk) -> None:
    """The window said a merge's taken approvals by comparing the rows it showed: a step
    taken in another article (a re-split ending there, a merge redone from elsewhere) was
    compared with nothing. The step itself tells which sign-offs went, and undo none."""
    desk = seeded_desk
    article_id = desk.articles.list_articles()[0].id
    older_cut(desk, article_id, pairs=1)  # the first two sentences joined: a re-split cuts
    first, untouched = (r.sentence.id for r in rows_of(desk)[:2])
    for sentence in (first, untouched):
        desk.reviews.set_verdict(sentence, "true")
    desk.set_reviewer("Zoë Ngata")
    for sentence in (first, untouched):
        desk.sign_offs.approve(sentence)
    taken = desk.sign_offs.sign_off(first)
    change = desk.boundaries.resplit_article(article_id)
    assert change.sign_offs_taken == (taken,)  # the untouched sentence keeps its own
    assert desk.sign_offs.sign_off(untouched) is not None
    assert desk.undo().sign_offs_taken == ()
    redone = desk.redo()
    assert redone is not None and redone.sign_offs_taken == (taken,)


def test_checking_a_resplit_stores_no_language(seeded_desk: Desk) -> None:
    """The check before "Re-split anyway?" stored the language it detected on an article
    with none: Cancel on the question then left it changed, with no undo step. Only the
    re-split itself records it."""
    desk = seeded_desk
    article_id = desk.articles.list_articles()[0].id
    with desk.repo.db.atomic():
        desk.repo.articles.set_language(article_id, "")
    older_cut(desk, article_id, pairs=1)
    desk.boundaries.check_resplit_changes(article_id)  # it would change a sentence
    assert desk.articles.article_language(article_id) == ""
    desk.boundaries.resplit_article(article_id)
    assert desk.articles.article_language(article_id) == "en"


def _same_page_on_two(desk: Desk, first: int, second: int) -> None:
    """One page linked to two sentences, quoted and weighed differently on each."""
    desk.sources.link_source(
        first,
        NewSource(
            url="https://example.org/count", excerpt="12,000 marched", stance=Stance.SUPPORTS
        ),
    )
    desk.sources.link_source(
        second,
        NewSource(
            url="https://example.org/count", excerpt="police said 3,000", stance=Stance.REFUTES
        ),
    )


def test_merging_two_sentences_linked_to_one_page_keeps_both_excerpts(
    seeded_desk: Desk,
) -> None:
    """The second sentence's link to the page the first links too was dropped on a merge:
    its quoted excerpt and its stance were gone, and nothing said so."""
    rows = rows_of(seeded_desk)
    a, b = rows[3].sentence.id, rows[4].sentence.id
    _same_page_on_two(seeded_desk, a, b)
    change = seeded_desk.boundaries.merge_with_next(a)
    (link,) = seeded_desk.repo.sources.links_for_sentence(a)
    assert link.stance is Stance.SUPPORTS
    assert "12,000 marched" in link.excerpt
    assert "police said 3,000" in link.excerpt
    assert "Refutes" in link.excerpt
    assert "excerpt" in change.message
    seeded_desk.undo()
    assert [(x.excerpt, x.stance) for x in seeded_desk.repo.sources.links_for_sentence(b)] == [
        ("police said 3,000", Stance.REFUTES)
    ]
    assert seeded_desk.repo.sources.links_for_sentence(a)[0].excerpt == "12,000 marched"


def test_a_resplit_joining_two_sentences_linked_to_one_page_keeps_both_excerpts(
    seeded_desk: Desk,
) -> None:
    rows = rows_of(seeded_desk)
    sentence = rows[3].sentence
    at = sentence.start + sentence.text.index(" ", len(sentence.text) // 2)
    seeded_desk.boundaries.split_sentence(sentence.id, at)
    rows = rows_of(seeded_desk)
    a, b = rows[3].sentence.id, rows[4].sentence.id
    _same_page_on_two(seeded_desk, a, b)
    change = seeded_desk.boundaries.resplit_article(sentence.article_id)
    joined = next(r for r in rows_of(seeded_desk) if r.sentence.start == sentence.start)
    (link,) = seeded_desk.repo.sources.links_for_sentence(joined.sentence.id)
    assert "12,000 marched" in link.excerpt
    assert "police said 3,000" in link.excerpt
    assert "Refutes" in link.excerpt
    assert "excerpt" in change.message


def test_a_denial_merged_into_its_claim_denies_no_sentence_and_exports_for_import(
    seeded_desk: Desk,
) -> None:
    """The denial after its claim, merged into the unreviewed claim: the merged sentence
    denied itself (Link Denied Claim refuses that), and its JSON export was refused on
    import: "it denies a sentence that is not in this review. Nothing was imported." """
    from factcheck_app.services.reports.json_report import review_data
    from factcheck_app.services.reports.model import load_article_report
    from factcheck_app.services.reports.review_import import check_review

    rows = rows_of(seeded_desk)
    claim, denial = rows[3].sentence.id, rows[4].sentence.id
    seeded_desk.reviews.set_tag(denial, Tag.DENIAL)
    seeded_desk.reviews.set_denies(denial, claim)
    change = seeded_desk.boundaries.merge_with_next(claim)
    merged = seeded_desk.reviews.review(claim)
    assert merged.tag is Tag.DENIAL
    assert merged.denies_sentence_id is None
    assert [v.denies_sentence_id for v in seeded_desk.repo.reviews.versions(claim)] == [None]
    assert "denial" in change.message
    article_id = rows[3].sentence.article_id
    data = json.loads(json.dumps(review_data(load_article_report(seeded_desk, article_id))))
    check_review(data)  # raised ReviewImportError
    seeded_desk.undo()
    assert seeded_desk.reviews.review(denial).denies_sentence_id == claim


def test_a_sentence_left_denying_itself_by_an_older_merge_exports_for_import(
    seeded_desk: Desk,
) -> None:
    """A workspace merged before the fix above holds such a sentence: its export is read
    back, the denial pointing at no sentence."""
    from factcheck_app.services.reports.json_report import review_data
    from factcheck_app.services.reports.model import load_article_report
    from factcheck_app.services.reports.review_import import check_review

    rows = rows_of(seeded_desk)
    held = rows[3].sentence.id
    seeded_desk.reviews.set_tag(held, Tag.DENIAL)
    seeded_desk.reviews.set_denies(held, rows[2].sentence.id)
    with seeded_desk.repo.db.atomic():  # as the merge wrote it
        seeded_desk.repo.reviews.set_denies(held, held)
        seeded_desk.repo.reviews.set_version_denies(held, seeded_desk.edits.actor, held)
    report = load_article_report(seeded_desk, rows[3].sentence.article_id)
    data = json.loads(json.dumps(review_data(report)))
    checked = check_review(data)  # raised ReviewImportError
    assert [denies for _review, denies in checked.reviews][3] is None


def test_splitting_a_merge_across_paragraphs_gives_the_second_part_its_paragraph(
    seeded_desk: Desk,
) -> None:
    """Ctrl+M on a paragraph's last sentence, then Ctrl+Shift+M where the next paragraph
    begins (instead of Ctrl+Z): the second part kept the first paragraph's number, and the
    reports put it at the end of that paragraph, the paragraph after without its start."""
    from factcheck_app.services.reports.model import load_article_report
    from factcheck_app.services.reports.text import article_blocks

    before = rows_of(seeded_desk)
    first, second = before[0].sentence, before[1].sentence
    assert first.paragraph != second.paragraph  # the headline, then the first paragraph
    article_id = first.article_id
    blocks = article_blocks(load_article_report(seeded_desk, article_id))
    seeded_desk.boundaries.merge_with_next(first.id)
    seeded_desk.boundaries.split_sentence(first.id, second.start)
    after = rows_of(seeded_desk)
    assert [(r.sentence.start, r.sentence.paragraph) for r in after] == [
        (r.sentence.start, r.sentence.paragraph) for r in before
    ]
    again = article_blocks(load_article_report(seeded_desk, article_id))
    assert [[getattr(p, "text", p) for p in b] for b in again] == [
        [getattr(p, "text", p) for p in b] for b in blocks
    ]


@pytest.mark.parametrize(
    "text",
    [
        "One says this.\n\nTwo says that. Three too.\u2029Four ends it.",
        "One says this.\n\n\u200b\n\nTwo after a line showing nothing.\n \n\nThree.",
    ],
)
def test_paragraphs_begun_counts_as_the_splitter_numbers(text: str) -> None:
    from factcheck_app.domain.segmentation import paragraphs_begun, split_sentences

    spans = split_sentences(text)
    assert [paragraphs_begun(text, spans[0].start, s.start) for s in spans] == [
        s.paragraph - spans[0].paragraph for s in spans
    ]


def test_a_resplit_joining_three_sentences_linked_to_one_page_counts_it_once(
    seeded_desk: Desk,
) -> None:
    """Three sentences that link one page, joined into one by a re-split: the status line
    said "Both sentences linked 2 sources" for that one page, and each quoted excerpt,
    stance noted, is kept on its link."""
    rows = rows_of(seeded_desk)
    sentence = rows[3].sentence
    spaces = [sentence.start + i for i, ch in enumerate(sentence.text) if ch == " "]
    seeded_desk.boundaries.split_sentence(sentence.id, spaces[2 * len(spaces) // 3])
    seeded_desk.boundaries.split_sentence(sentence.id, spaces[len(spaces) // 3])
    rows = rows_of(seeded_desk)
    parts = [
        (rows[3 + i].sentence.id, excerpt, stance)
        for i, (excerpt, stance) in enumerate(
            [
                ("12,000 marched", Stance.SUPPORTS),
                ("police said 3,000", Stance.REFUTES),
                ("organisers said 20,000", Stance.REFUTES),
            ]
        )
    ]
    for sentence_id, excerpt, stance in parts:
        seeded_desk.sources.link_source(
            sentence_id, NewSource(url="https://example.org/count", excerpt=excerpt, stance=stance)
        )
    change = seeded_desk.boundaries.resplit_article(sentence.article_id)
    joined = next(r for r in rows_of(seeded_desk) if r.sentence.start == sentence.start)
    (link,) = seeded_desk.repo.sources.links_for_sentence(joined.sentence.id)
    assert all(excerpt in link.excerpt for _id, excerpt, _stance in parts)
    assert "linked a source:" in change.message
    assert "2 sources" not in change.message


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_splitting_a_merge_of_a_headline_on_its_own_line_gives_it_back_its_paragraph(
    desk: Desk, newline: str
) -> None:
    """A headline above its story with one line break, not a blank line (as many pasted
    stories are): the splitter makes it a paragraph of its own, but Ctrl+M on it, then
    Ctrl+Shift+M where the story begins, left the story's first sentence in the
    headline's paragraph, and the reports ran the headline into it."""
    text = (
        f"Thousands March In The Capital{newline}Protesters said twelve thousand people "
        "marched on Saturday. The police put the number at three thousand."
    )
    article_id = desk.importer.import_text(text, source_name="headline").article_id
    before = desk.reviews.sentence_rows(article_id)
    headline, story = before[0].sentence, before[1].sentence
    assert headline.paragraph != story.paragraph
    desk.boundaries.merge_with_next(headline.id)
    desk.boundaries.split_sentence(headline.id, story.start)
    after = desk.reviews.sentence_rows(article_id)
    assert [(r.sentence.start, r.sentence.paragraph) for r in after] == [
        (r.sentence.start, r.sentence.paragraph) for r in before
    ]
    desk.undo()
    (merged, *_rest) = desk.reviews.sentence_rows(article_id)
    assert (merged.sentence.end, merged.sentence.paragraph) == (story.end, headline.paragraph)
    desk.redo()
    assert desk.reviews.sentence_rows(article_id)[1].sentence.paragraph == story.paragraph


def test_splitting_hard_wrapped_prose_at_a_line_break_keeps_one_paragraph(desk: Desk) -> None:
    """A single line break inside a hard-wrapped paragraph begins no paragraph."""
    text = (
        "Protesters said twelve thousand people marched through the old town on\n"
        "Saturday afternoon, and the police put the number at three thousand.\n"
        "Organisers said that the count was wrong."
    )
    article_id = desk.importer.import_text(text, source_name="wrapped").article_id
    (first, *_rest) = desk.reviews.sentence_rows(article_id)
    at = first.sentence.start + first.sentence.text.index("Saturday")
    desk.boundaries.split_sentence(first.sentence.id, at)
    paragraphs = {r.sentence.paragraph for r in desk.reviews.sentence_rows(article_id)}
    assert paragraphs == {first.sentence.paragraph}


def test_a_review_file_an_older_desk_wrote_with_a_sentence_denying_itself_is_read(
    seeded_desk: Desk,
) -> None:
    """The desk's own JSON export, written before 7 December of a workspace whose merge
    left a denial pointing at its own sentence, was refused whole: "it denies a sentence
    that is not in this review. Nothing was imported." It is read, that denial pointing
    at no sentence, as the export written now has it."""
    from factcheck_app.services.reports.json_report import review_data
    from factcheck_app.services.reports.model import load_article_report
    from factcheck_app.services.reports.review_import import check_review

    rows = rows_of(seeded_desk)
    held = rows[3].sentence.id
    seeded_desk.reviews.set_tag(held, Tag.DENIAL)
    seeded_desk.reviews.set_denies(held, rows[2].sentence.id)
    data = json.loads(
        json.dumps(review_data(load_article_report(seeded_desk, rows[3].sentence.article_id)))
    )
    sentence = data["sentences"][3]
    assert sentence["denies_index"] == 2
    sentence["denies_index"] = 3  # as the older desk wrote it
    for version in sentence.get("reviews", []):
        version["denies_index"] = 3
    checked = check_review(data)  # raised ReviewImportError
    assert [denies for _review, denies in checked.reviews][2:5] == [None, None, None]
    versions = checked.versions[3]
    assert versions, "the file holds the reviewer's own review of the denial"
    assert [denies for _version, denies, _sources in versions] == [None] * len(versions)


def _page_quoted_at_length(desk: Desk, first: int, second: int, length: int) -> None:
    """One page linked to two sentences, each quoting `length` characters of it."""
    for sentence_id, letter, stance in (
        (first, "A", Stance.SUPPORTS),
        (second, "B", Stance.REFUTES),
    ):
        desk.sources.link_source(
            sentence_id,
            NewSource(url="https://example.org/long", excerpt=letter * length, stance=stance),
        )


def test_a_merge_joining_two_excerpts_past_the_longest_an_export_reads_is_refused(
    seeded_desk: Desk,
) -> None:
    """Two excerpts of 600,000 characters, each one a review export reads back, were joined
    into one of 1,200,000 by Ctrl+M: the article's JSON export was then refused whole on
    import ("excerpt" is too long … Nothing was imported.), and a colleague's merge of the
    workspace left the link out. The merge is refused in words, nothing changed."""
    from factcheck_app.services.reports.json_report import review_data
    from factcheck_app.services.reports.model import load_article_report
    from factcheck_app.services.reports.review_import import check_review

    rows = rows_of(seeded_desk)
    a, b = rows[3].sentence.id, rows[4].sentence.id
    _page_quoted_at_length(seeded_desk, a, b, 600_000)
    rows = rows_of(seeded_desk)
    with pytest.raises(EditRefused, match="excerpt") as refused:
        seeded_desk.boundaries.merge_with_next(a)
    assert "1,000,000" in str(refused.value)
    assert rows_of(seeded_desk) == rows
    assert [len(x.excerpt) for x in seeded_desk.repo.sources.links_for_sentence(b)] == [600_000]
    article_id = rows[3].sentence.article_id
    check_review(json.loads(json.dumps(review_data(load_article_report(seeded_desk, article_id)))))


def test_a_merge_joining_two_explanations_past_the_longest_an_export_reads_is_refused(
    seeded_desk: Desk,
) -> None:
    rows = rows_of(seeded_desk)
    a, b = rows[3].sentence.id, rows[4].sentence.id
    seeded_desk.reviews.set_text_field(a, "explanation", "A" * 600_000)
    seeded_desk.reviews.set_text_field(b, "explanation", "B" * 600_000)
    rows = rows_of(seeded_desk)
    with pytest.raises(EditRefused, match="explanation"):
        seeded_desk.boundaries.merge_with_next(a)
    assert rows_of(seeded_desk) == rows


def test_a_resplit_joining_two_excerpts_past_the_longest_an_export_reads_is_refused(
    seeded_desk: Desk,
) -> None:
    rows = rows_of(seeded_desk)
    sentence = rows[3].sentence
    at = sentence.start + sentence.text.index(" ", len(sentence.text) // 2)
    seeded_desk.boundaries.split_sentence(sentence.id, at)
    rows = rows_of(seeded_desk)
    _page_quoted_at_length(seeded_desk, rows[3].sentence.id, rows[4].sentence.id, 600_000)
    rows = rows_of(seeded_desk)
    with pytest.raises(EditRefused, match="excerpt"):
        seeded_desk.boundaries.resplit_article(sentence.article_id)
    assert rows_of(seeded_desk) == rows


def test_a_merge_keeps_an_excerpt_that_is_only_part_of_a_word_of_the_first_ones(
    seeded_desk: Desk,
) -> None:
    """The second sentence's excerpt was dropped when its words were anywhere in the
    first's: "2,000 marched" inside "12,000 marched", a quote of another figure, was gone
    after Ctrl+M with nothing but "stance Refutes" to show for it. Only the same quote
    (a whole paragraph of the first's excerpt) is not written twice."""
    rows = rows_of(seeded_desk)
    a, b, c = rows[3].sentence.id, rows[4].sentence.id, rows[5].sentence.id
    for sentence_id, excerpt in (
        (a, "Organisers: 12,000 marched"),
        (b, "2,000 marched"),
        (c, "Organisers: 12,000 marched"),
    ):
        seeded_desk.sources.link_source(
            sentence_id, NewSource(url="https://example.org/count", excerpt=excerpt)
        )
    seeded_desk.boundaries.merge_with_next(a)
    seeded_desk.boundaries.merge_with_next(a)
    (link,) = seeded_desk.repo.sources.links_for_sentence(a)
    assert link.excerpt.split("\n\n") == ["Organisers: 12,000 marched", "2,000 marched"]


def test_a_resplit_that_would_join_excerpts_past_the_longest_is_refused_before_it_is_asked(
    seeded_desk: Desk,
) -> None:
    """The window asks "Re-split anyway?" only once the check says the re-split can run:
    asked, answered Yes, and then refused for the excerpts' length, as a conflict it would
    end was refused before it asked."""
    rows = rows_of(seeded_desk)
    sentence = rows[3].sentence
    at = sentence.start + sentence.text.index(" ", len(sentence.text) // 2)
    seeded_desk.boundaries.split_sentence(sentence.id, at)
    rows = rows_of(seeded_desk)
    _page_quoted_at_length(seeded_desk, rows[3].sentence.id, rows[4].sentence.id, 600_000)
    with pytest.raises(EditRefused, match="excerpt"):
        seeded_desk.boundaries.check_resplit_changes(sentence.article_id)
    seeded_desk.reviews.set_text_field(rows[3].sentence.id, "explanation", "A" * 600_000)
    seeded_desk.reviews.set_text_field(rows[4].sentence.id, "explanation", "B" * 600_000)
    with pytest.raises(EditRefused, match="explanation"):
        seeded_desk.boundaries.check_resplit_changes(sentence.article_id)


def test_a_merge_joining_one_reviewers_own_explanations_past_the_longest_is_refused(
    seeded_desk: Desk,
) -> None:
    """Ana's own reviews of both sentences (600,000 characters each) were joined into one
    of 1,200,002 while the decided explanation, Bo's shorter word on the second, stayed
    within the limit: the JSON export's "reviews" list was then refused on import."""
    rows = rows_of(seeded_desk)
    a, b = rows[3].sentence.id, rows[4].sentence.id
    seeded_desk.reviews.set_text_field(a, "explanation", "A" * 600_000)
    seeded_desk.reviews.set_text_field(b, "explanation", "B" * 600_000)
    seeded_desk.set_reviewer("Bo Chen")
    seeded_desk.reviews.set_text_field(b, "explanation", "short")
    rows = rows_of(seeded_desk)
    with pytest.raises(EditRefused, match="explanation"):
        seeded_desk.boundaries.merge_with_next(a)
    assert rows_of(seeded_desk) == rows


def test_an_export_read_while_another_desk_merges_is_one_state(
    seeded_desk: Desk, workspace_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report read by a read-only desk (`factcheck-app export`, a second window) while
    the window merged two sentences mixed the two states: the sentences before the merge,
    their sources after it. The second sentence's source sat on the first one's old text
    in the JSON, and the second sentence was exported without it."""
    from factcheck_app.services.export import article_review

    rows = rows_of(seeded_desk)
    a, b = rows[3].sentence.id, rows[4].sentence.id
    seeded_desk.reviews.set_tag(b, Tag.CLAIM)
    seeded_desk.sources.link_source(b, NewSource(url="https://example.org/b", excerpt="B said"))
    reader = Desk.open(workspace_path, read_only=True)
    try:
        real = reader.repo.sentences.sentence_rows

        def rows_then_a_merge_elsewhere(article_id: int) -> list:
            read = real(article_id)
            if seeded_desk.repo.sentences.sentence_exists(b):
                seeded_desk.boundaries.merge_with_next(a)  # the window saves meanwhile
            return read

        monkeypatch.setattr(reader.repo.sentences, "sentence_rows", rows_then_a_merge_elsewhere)
        data = article_review(reader, rows[3].sentence.article_id)
    finally:
        reader.close()
    assert not seeded_desk.repo.sentences.sentence_exists(b)  # merged meanwhile
    assert len(data["sentences"]) == len(rows)  # as before the merge, all of it:
    assert [s["url"] for s in data["sentences"][4]["sources"]] == ["https://example.org/b"]
    assert data["sentences"][3]["sources"] == []


def test_a_resplit_refused_for_a_joined_length_names_the_sentences(seeded_desk: Desk) -> None:
    """Re-split Article of a long article refused with "the two explanations together
    would be 1,200,002 characters" left the reviewer to find which two among hundreds:
    the refusal names them by number, as the list counts them."""
    rows = rows_of(seeded_desk)
    sentence = rows[3].sentence
    at = sentence.start + sentence.text.index(" ", len(sentence.text) // 2)
    seeded_desk.boundaries.split_sentence(sentence.id, at)
    rows = rows_of(seeded_desk)
    _page_quoted_at_length(seeded_desk, rows[3].sentence.id, rows[4].sentence.id, 600_000)
    for check in (
        seeded_desk.boundaries.check_resplit_changes,
        seeded_desk.boundaries.resplit_article,
    ):
        with pytest.raises(EditRefused, match="excerpt") as refused:
            check(sentence.article_id)
        assert "sentences 4 and 5" in str(refused.value)
    seeded_desk.reviews.set_text_field(rows[3].sentence.id, "explanation", "A" * 600_000)
    seeded_desk.reviews.set_text_field(rows[4].sentence.id, "explanation", "B" * 600_000)
    for check in (
        seeded_desk.boundaries.check_resplit_changes,
        seeded_desk.boundaries.resplit_article,
    ):
        with pytest.raises(EditRefused, match="explanation") as refused:
            check(sentence.article_id)
        assert "sentences 4 and 5" in str(refused.value)


def test_a_merge_never_quotes_the_same_paragraph_twice_nor_repeats_its_note(
    seeded_desk: Desk,
) -> None:
    """Three sentences quoting one page: Ctrl+M of the last two gave "X" and the note of
    the other stance; Ctrl+M of the first with that wrote "X" twice (the second's excerpt
    is not whole inside the first's, only its paragraphs are). And each split, stance set
    back and merge again added the same note once more. A paragraph already quoted, or
    the same note, is not written again; another quote still is."""
    rows = rows_of(seeded_desk)
    a, b, c = rows[3].sentence.id, rows[4].sentence.id, rows[5].sentence.id
    page = "https://example.org/count"
    for sentence_id, stance in ((a, Stance.SUPPORTS), (b, Stance.SUPPORTS), (c, Stance.REFUTES)):
        seeded_desk.sources.link_source(
            sentence_id, NewSource(url=page, excerpt="Organisers: 12,000 marched", stance=stance)
        )
    seeded_desk.boundaries.merge_with_next(b)  # b and c: the quote, then the note
    seeded_desk.boundaries.merge_with_next(a)  # a with them
    (link,) = seeded_desk.repo.sources.links_for_sentence(a)
    note = "[From the merged sentence: stance Refutes]"
    assert link.excerpt.split("\n\n") == ["Organisers: 12,000 marched", note]
    for _cycle in range(2):
        sentence = seeded_desk.repo.sentences.get_sentence(a)
        at = sentence.start + sentence.text.index(" ", len(sentence.text) // 2)
        seeded_desk.boundaries.split_sentence(a, at)
        second = rows_of(seeded_desk)[4].sentence.id
        (there,) = seeded_desk.repo.sources.links_for_sentence(second)
        seeded_desk.sources.edit_link(
            there.id, second, NewSource(url=page, excerpt=there.excerpt, stance=Stance.REFUTES)
        )
        seeded_desk.boundaries.merge_with_next(a)
        (link,) = seeded_desk.repo.sources.links_for_sentence(a)
        assert link.excerpt.split("\n\n") == ["Organisers: 12,000 marched", note]


def test_a_merge_keeps_an_indented_paragraph_of_the_second_excerpt_as_quoted(
    seeded_desk: Desk,
) -> None:
    """The second sentence quoted a table from the page, its rows indented to line the
    figures up. Joined into the first's excerpt paragraph by paragraph, each carried
    paragraph lost the spaces before it: the table's first row moved left of the
    others, the figures no longer under their heading, in what is a quotation."""
    rows = rows_of(seeded_desk)
    a, b = rows[3].sentence.id, rows[4].sentence.id
    page = "https://example.org/count"
    table = "    Region   Marched\n    North     12,000\n    South      2,000"
    seeded_desk.sources.link_source(
        a, NewSource(url=page, excerpt="Organisers: 12,000 marched", stance=Stance.SUPPORTS)
    )
    seeded_desk.sources.link_source(
        b, NewSource(url=page, excerpt=f"Their table:\n\n{table}", stance=Stance.SUPPORTS)
    )
    seeded_desk.boundaries.merge_with_next(a)
    (link,) = seeded_desk.repo.sources.links_for_sentence(a)
    assert link.excerpt == f"Organisers: 12,000 marched\n\nTheir table:\n\n{table}"
