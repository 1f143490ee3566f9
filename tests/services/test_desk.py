"""The review use cases: import, tag, verdict, sources, undo/redo — all committed at once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from factcheck_app.domain.errors import ArticleImportError, EditRefused, InvalidSourceUrl
from factcheck_app.domain.models import Stance, Status, Tag
from factcheck_app.services.desk import Desk, NewSource
from tests.conftest import SEED_FILE


def first_ids(desk: Desk, count: int = 3) -> list[int]:
    article_id = desk.articles.list_articles()[0].id
    return [row.sentence.id for row in desk.reviews.sentence_rows(article_id)[:count]]


def reopen(desk: Desk) -> Desk:
    path = desk.path
    desk.close()
    return Desk.open(path)


def test_seed_article_imports_with_date_and_twelve_sentences(seeded_desk: Desk) -> None:
    [article] = seeded_desk.articles.list_articles()
    assert article.sentence_count == 12
    assert article.published == dt.date(2020, 10, 4)
    assert article.title.startswith("Ankara, Baku’s main backer")
    rows = seeded_desk.reviews.sentence_rows(article.id)
    text = seeded_desk.articles.article_text(article.id)
    assert not text.startswith("date") and not text.startswith(" ")
    assert all(text[r.sentence.start : r.sentence.end] == r.sentence.text for r in rows)
    assert rows[5].sentence.text.startswith("Yerevan has dismissed the allegations")


def test_same_file_twice_is_recognised_not_duplicated(seeded_desk: Desk) -> None:
    result = seeded_desk.importer.import_file(SEED_FILE)
    assert result.duplicate
    assert len(seeded_desk.articles.list_articles()) == 1


def test_failed_import_leaves_nothing_behind(desk: Desk, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 au lait, not utf-8 \x81")
    with pytest.raises(ArticleImportError, match=r"bad\.txt"):
        desk.importer.import_file(bad)
    with pytest.raises(ArticleImportError, match="no such file"):
        desk.importer.import_file(tmp_path / "missing.txt")
    odt = tmp_path / "report.odt"
    odt.write_bytes(b"PK\x03\x04 an OpenDocument file")
    with pytest.raises(ArticleImportError, match="cannot be imported yet"):
        desk.importer.import_file(odt)
    assert desk.articles.list_articles() == []


def test_seeding_happens_once(desk: Desk) -> None:
    assert len(desk.importer.ensure_seeded()) == 1
    assert desk.importer.ensure_seeded() == []


def test_tag_and_verdict_move_the_status_along(seeded_desk: Desk) -> None:
    sid, other, _ = first_ids(seeded_desk)
    seeded_desk.reviews.set_tag(sid, Tag.CLAIM)
    assert seeded_desk.reviews.review(sid).status is Status.IN_PROGRESS
    seeded_desk.reviews.set_verdict(sid, "mostly_false")
    review = seeded_desk.reviews.review(sid)
    assert (review.tag, review.verdict, review.status) == (Tag.CLAIM, "mostly_false", Status.DONE)
    assert review.reviewer == "tester" and review.updated_at
    # Clearing the tag of an untouched sentence means "nothing to check": done.
    seeded_desk.reviews.set_tag(other, None)
    assert seeded_desk.reviews.review(other).status is Status.DONE
    assert seeded_desk.articles.progress(seeded_desk.articles.list_articles()[0].id) == (2, 12)


def test_second_look_is_not_overridden_by_a_verdict(seeded_desk: Desk) -> None:
    sid = first_ids(seeded_desk, 1)[0]
    seeded_desk.reviews.set_status(sid, Status.SECOND_LOOK)
    seeded_desk.reviews.set_verdict(sid, "true")
    assert seeded_desk.reviews.review(sid).status is Status.SECOND_LOOK


def test_every_edit_is_committed_when_the_call_returns(seeded_desk: Desk) -> None:
    sid = first_ids(seeded_desk, 1)[0]
    seeded_desk.reviews.set_tag(sid, Tag.FACT)
    seeded_desk.reviews.set_text_field(sid, "claimant", "Foreign Ministry in Ankara")
    assert not seeded_desk.workspace.db.conn.in_transaction
    desk = reopen(seeded_desk)
    review = desk.reviews.review(sid)
    assert review.tag is Tag.FACT and review.claimant == "Foreign Ministry in Ankara"
    desk.close()


def test_undo_and_redo_cover_review_edits(seeded_desk: Desk) -> None:
    sid = first_ids(seeded_desk, 1)[0]
    seeded_desk.reviews.set_tag(sid, Tag.CLAIM)
    seeded_desk.reviews.set_verdict(sid, "false")
    seeded_desk.undo()
    assert seeded_desk.reviews.review(sid).verdict is None
    assert seeded_desk.reviews.review(sid).tag is Tag.CLAIM
    seeded_desk.undo()
    assert seeded_desk.reviews.review(sid).tag is None
    assert seeded_desk.undo() is None
    seeded_desk.redo()
    seeded_desk.redo()
    review = seeded_desk.reviews.review(sid)
    assert (review.tag, review.verdict) == (Tag.CLAIM, "false")
    assert seeded_desk.redo() is None


def test_a_new_edit_clears_redo(seeded_desk: Desk) -> None:
    sid = first_ids(seeded_desk, 1)[0]
    seeded_desk.reviews.set_tag(sid, Tag.CLAIM)
    seeded_desk.undo()
    seeded_desk.reviews.set_tag(sid, Tag.FACT)
    assert seeded_desk.redo() is None
    assert seeded_desk.reviews.review(sid).tag is Tag.FACT


def test_typing_in_one_field_is_one_undo_step(seeded_desk: Desk) -> None:
    sid = first_ids(seeded_desk, 1)[0]
    for partial in ("Ba", "Bak", "Baku"):
        seeded_desk.reviews.set_text_field(sid, "claimant", partial)
    seeded_desk.reviews.set_text_field(sid, "explanation", "Figures from the ministry.")
    seeded_desk.undo()
    assert seeded_desk.reviews.review(sid).explanation == ""
    assert seeded_desk.reviews.review(sid).claimant == "Baku"
    seeded_desk.undo()
    assert seeded_desk.reviews.review(sid).claimant == ""


def test_unchanged_value_is_not_an_edit(seeded_desk: Desk) -> None:
    sid = first_ids(seeded_desk, 1)[0]
    seeded_desk.reviews.set_tag(sid, Tag.CLAIM)
    assert seeded_desk.reviews.set_tag(sid, Tag.CLAIM) is None
    assert len(seeded_desk.edits.undo_steps) == 1


def test_history_records_who_what_old_and_new(seeded_desk: Desk) -> None:
    sid = first_ids(seeded_desk, 1)[0]
    seeded_desk.reviews.set_tag(sid, Tag.DENIAL)
    seeded_desk.undo()
    rows = list(seeded_desk.workspace.db.query("SELECT * FROM history ORDER BY id"))
    assert [r["action"] for r in rows] == ["do", "undo"]
    assert rows[0]["actor"] == "tester" and rows[0]["entity_id"] == sid
    assert json.loads(rows[0]["new"])["tag"] == "denial"
    assert json.loads(rows[1]["new"])["tag"] is None


def test_link_new_source_then_reuse_it_elsewhere(seeded_desk: Desk) -> None:
    first, second, _ = first_ids(seeded_desk)
    seeded_desk.sources.link_source(
        first,
        NewSource(
            url="https://mfa.gov.tr/statement",
            title="Statement on Ganja",
            publisher="Turkish MFA",
            stance=Stance.SUPPORTS,
            excerpt="a new manifestation",
        ),
    )
    [link] = seeded_desk.sources.links(first)
    assert link.source.accessed == dt.date.today()
    assert (link.stance, link.excerpt) == (Stance.SUPPORTS, "a new manifestation")
    seeded_desk.sources.link_source(second, NewSource(url="https://mfa.gov.tr/statement"))
    assert len(seeded_desk.sources.sources()) == 1
    assert seeded_desk.sources.links(second)[0].source.title == "Statement on Ganja"
    with pytest.raises(EditRefused, match="already linked"):
        seeded_desk.sources.link_source(second, NewSource(url="https://mfa.gov.tr/statement"))


def test_bad_source_url_is_refused_and_nothing_stored(seeded_desk: Desk) -> None:
    sid = first_ids(seeded_desk, 1)[0]
    with pytest.raises(InvalidSourceUrl):
        seeded_desk.sources.link_source(sid, NewSource(url=" JavaScript:alert(1)"))
    assert seeded_desk.sources.sources() == [] and seeded_desk.sources.links(sid) == []


def test_undo_redo_of_links_and_unlinks(seeded_desk: Desk) -> None:
    sid = first_ids(seeded_desk, 1)[0]
    seeded_desk.sources.link_source(sid, NewSource(url="https://example.org/a", title="A"))
    seeded_desk.undo()
    assert seeded_desk.sources.links(sid) == [] and seeded_desk.sources.sources() == []
    seeded_desk.redo()
    [link] = seeded_desk.sources.links(sid)
    seeded_desk.sources.unlink_source(link.id, sid)
    assert seeded_desk.sources.links(sid) == []
    assert len(seeded_desk.sources.sources()) == 1  # the library keeps it for reuse
    seeded_desk.undo()
    assert seeded_desk.sources.links(sid) == [link]


def test_next_unreviewed_skips_done_and_wraps(seeded_desk: Desk) -> None:
    article_id = seeded_desk.articles.list_articles()[0].id
    ids = [r.sentence.id for r in seeded_desk.reviews.sentence_rows(article_id)]
    seeded_desk.reviews.set_verdict(ids[1], "true")
    rows = seeded_desk.reviews.sentence_rows(article_id)
    assert seeded_desk.reviews.next_unreviewed(rows, ids[0]) == ids[2]
    assert seeded_desk.reviews.next_unreviewed(rows, ids[-1]) == ids[0]
    for sid in ids:
        seeded_desk.reviews.set_verdict(sid, "true")
    assert (
        seeded_desk.reviews.next_unreviewed(seeded_desk.reviews.sentence_rows(article_id), ids[0])
        is None
    )


def test_metadata_edit_is_saved_and_url_checked(seeded_desk: Desk) -> None:
    article_id = seeded_desk.articles.list_articles()[0].id
    meta = seeded_desk.articles.article_metadata(article_id)
    meta.outlet, meta.author, meta.url = "RT", "Staff", "https://www.rt.com/news/502387"
    seeded_desk.articles.update_article_metadata(article_id, meta)
    assert seeded_desk.articles.article_metadata(article_id).outlet == "RT"
    meta.url = "file:///etc/passwd"
    with pytest.raises(InvalidSourceUrl):
        seeded_desk.articles.update_article_metadata(article_id, meta)
