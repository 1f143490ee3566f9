"""A cleaned copy keeps two articles of one text (`same text as article 1: article 2`
in place of the second's hash), and a merge of it into another workspace makes them one
article there, as it does any two articles of one text. What was done on the first
must then meet what was done on the second as a colleague's work does: until 7
December the second was merged against the workspace as it was before the merge, not
with the first's reviews and links in it, so the merge failed on a source both had
linked, and two reviewers' verdicts that disagree were taken one over the other
unsaid, the editor's approval of one with it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck_app.domain.models import Stance, Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from factcheck_app.services.workspace_files import open_cleaned_copy
from factcheck_app.storage.stores import rows
from tests.conftest import SEED_FILE
from tests.storage.test_cleaned_copy_same_text import _open_as, the_same_text_twice

ZAHLUNG = "https://stats.example/z"  # the source Bob linked on the second's first sentence


def _cleaned(tmp_path: Path) -> tuple[Path, list[int], list[int]]:
    """The cleaned copy of tests/storage/test_cleaned_copy_same_text.py's workspace:
    article 1, its first sentence "true" by Ana; article 2 (its twin), the same
    sentence "false" by Bob, with a source, approved by Cleo."""
    path, firsts, seconds = the_same_text_twice(tmp_path)
    open_cleaned_copy(path, tmp_path / "cleaned.fcdesk")
    return tmp_path / "cleaned.fcdesk", firsts, seconds


def test_a_source_linked_on_both_articles_merges(tmp_path: Path) -> None:
    cleaned, firsts, _seconds = _cleaned(tmp_path)
    copy = _open_as(cleaned, "Ana Ruiz")
    try:  # Ana found the same source as Bob, on the first article
        copy.sources.link_source(firsts[0], NewSource(ZAHLUNG, "Zählung", stance=Stance.REFUTES))
    finally:
        copy.close()
    other = Desk.open(tmp_path / "colleague.fcdesk", backup=False)
    try:
        result = other.merge.merge(cleaned)
        [article] = other.articles.list_articles()
        first = other.reviews.sentence_rows(article.id)[0].sentence.id
        assert [link.source.url for link in other.sources.links(first)] == [ZAHLUNG]
        assert (result.articles_added, result.links_added) == (1, 1)
    finally:
        other.close()


def test_two_reviewers_who_disagree_across_the_two_are_a_conflict(tmp_path: Path) -> None:
    cleaned, _firsts, _seconds = _cleaned(tmp_path)
    other = Desk.open(tmp_path / "colleague.fcdesk", backup=False)
    try:
        result = other.merge.merge(cleaned)
        [article] = other.articles.list_articles()
        first = other.reviews.sentence_rows(article.id)[0].sentence.id
        versions = {v.reviewer: v.verdict for v in other.merge.versions(first)}
        assert versions == {"Ana Ruiz": "true", "Bob Tran": "false"}
        # Ana's "true" and Bob's "false" of one sentence: a conflict to decide (F8),
        # as from any two colleagues' workspaces, not Bob's taken unsaid.
        assert result.sentences_conflicting == 1
        conflict = other.reviews.next_conflict(None, None)
        assert conflict is not None and conflict.sentence_id == first
        assert other.history.verify().ok
        # Undone, the workspace is as it was; redone, the same again.
        other.undo()
        assert other.articles.list_articles() == []
        other.redo()
        conflict = other.reviews.next_conflict(None, None)
        assert conflict is not None and conflict.sentence_id == first
    finally:
        other.close()


def test_one_reviewers_later_verdict_across_the_two_is_the_one_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bob gave the third sentence "false" on the second article, then, two hours later,
    "true" on the first: the merge takes his later word, as from his two machines. It
    took whichever article came last in the file, here his earlier "false"."""
    cleaned, firsts, seconds = _cleaned(tmp_path)
    copy = _open_as(cleaned, "Bob Tran")
    try:
        copy.reviews.set_tag(seconds[2], Tag.CLAIM)
        copy.reviews.set_verdict(seconds[2], "false")
        later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
        monkeypatch.setattr(rows, "CLOCK", lambda: later)
        copy.reviews.set_tag(firsts[2], Tag.CLAIM)
        copy.reviews.set_verdict(firsts[2], "true")
    finally:
        copy.close()
    monkeypatch.undo()
    other = Desk.open(tmp_path / "colleague.fcdesk", backup=False)
    try:
        other.merge.merge(cleaned)
        [article] = other.articles.list_articles()
        third = other.reviews.sentence_rows(article.id)[2].sentence.id
        assert other.reviews.review(third).verdict == "true"
        assert [(v.reviewer, v.verdict) for v in other.merge.versions(third)] == [
            ("Bob Tran", "true")
        ]
    finally:
        other.close()


def test_a_sentence_in_conflict_with_both_is_counted_once(tmp_path: Path) -> None:
    """The colleague's workspace has the text, its first sentence "mostly true" by Dee:
    both articles of the copy land on it, and the merge said "2 sentences in conflict"
    where F8 finds one."""
    cleaned, _firsts, _seconds = _cleaned(tmp_path)
    other = _open_as(tmp_path / "colleague.fcdesk", "Dee Moss")
    try:
        article = other.importer.import_file(SEED_FILE).article_id
        first = other.reviews.sentence_rows(article)[0].sentence.id
        other.reviews.set_tag(first, Tag.CLAIM)
        other.reviews.set_verdict(first, "mostly_true")
        result = other.merge.merge(cleaned)
        assert (result.articles_matched, result.sentences_conflicting) == (2, 1)
        assert "; 1 sentence in conflict." in result.summary()
        conflict = other.reviews.next_conflict(None, None)
        assert conflict is not None and (conflict.sentence_id, conflict.left) == (first, 1)
    finally:
        other.close()
