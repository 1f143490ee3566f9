"""Two articles of one text in a damaged workspace (its UNIQUE index on the text's hash
damaged, or a script that copied an article under another hash). A cleaned copy works out
each text's hash again, and the second article failed the copy's UNIQUE index: it was
left out, "1 from articles" among the rows that fail the desk's checks, and with it its
sentences and every review, verdict, source link and sign-off made on them. Both are now
kept: the second under a mark in place of the hash, which no text's hash can be, so that
a later import of the text still finds the first."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from factcheck_app.domain.models import Stance, Status, Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.export import article_review_json
from factcheck_app.services.reports.review_import import check_review, import_review
from factcheck_app.services.sources import NewSource
from factcheck_app.services.workspace_files import open_cleaned_copy
from factcheck_app.storage.cleaning import CleanedCopy, SameText
from tests.conftest import SEED_FILE
from tests.stress.harness import child_env, run_cli

SECOND = 2  # the copy's article id


def _open_as(path: Path, reviewer: str) -> Desk:
    desk = Desk.open(path, backup=False)
    desk.reviewer = desk.edits.actor = reviewer
    return desk


def the_same_text_twice(folder: Path) -> tuple[Path, list[int], list[int]]:
    """A closed workspace holding the seed article twice: article 1 reviewed by Ana,
    article 2 (its text in the article's row, as bytes; its hash not the text's) by Bob
    and approved by Cleo.
    Returns its path and the sentence ids of each article."""
    path = folder / "w.fcdesk"
    desk = _open_as(path, "Ana Ruiz")
    try:
        first = desk.importer.import_file(SEED_FILE).article_id
        firsts = [row.sentence.id for row in desk.reviews.sentence_rows(first)]
        desk.reviews.set_tag(firsts[0], Tag.CLAIM)
        desk.reviews.set_verdict(firsts[0], "true")
        text = desk.articles.article_text(first)
    finally:
        desk.close()
    conn = sqlite3.connect(path)
    with conn:
        # What another program left: the article again, its text joined into its row (as
        # the bytes of its UTF-8) under a hash of its own making.
        conn.execute(
            "INSERT INTO articles (id, title, outlet, author, url, published, source_name,"
            " text, content_hash, segmenter, imported_at, language) SELECT ?,"
            " 'Ganja shelled (wire copy)', outlet, author, url, published, source_name, ?,"
            " upper(content_hash), segmenter, imported_at, language FROM articles WHERE id = ?",
            [SECOND, text.encode("utf-8"), first],
        )
        conn.execute(
            'INSERT INTO sentences (id, article_id, start, "end", paragraph)'
            ' SELECT id + 1000, ?, start, "end", paragraph FROM sentences WHERE article_id = ?',
            [SECOND, first],
        )
    conn.close()
    desk = _open_as(path, "Bob Tran")
    try:
        seconds = [row.sentence.id for row in desk.reviews.sentence_rows(SECOND)]
        assert len(seconds) == len(firsts) and seconds[0] not in firsts
        desk.reviews.set_tag(seconds[0], Tag.CLAIM)
        desk.reviews.set_verdict(seconds[0], "false")
        desk.reviews.set_text_field(seconds[0], "explanation", "Zählung 2019 — widerlegt.")
        desk.sources.link_source(
            seconds[0],
            NewSource("https://stats.example/z", "Zählung", stance=Stance.REFUTES),
        )
        desk.reviews.set_status(seconds[1], Status.DONE)
        desk.reviewer = desk.edits.actor = "Cleo Park"  # the editor on duty
        desk.sign_offs.approve(seconds[0], "Gut.")
    finally:
        desk.close()
    return path, firsts, seconds


def test_a_cleaned_copy_keeps_both_articles_of_one_text_with_their_reviews(
    tmp_path: Path,
) -> None:
    path, firsts, seconds = the_same_text_twice(tmp_path)
    made = open_cleaned_copy(path, tmp_path / "cleaned.fcdesk")
    copy = Desk.open(tmp_path / "cleaned.fcdesk", backup=False)
    try:
        listed = {a.id: a.title for a in copy.articles.list_articles()}
        assert sorted(listed) == [1, SECOND]
        assert listed[SECOND] == "Ganja shelled (wire copy)"
        assert copy.articles.article_text(SECOND) == copy.articles.article_text(1)
        # Bob's day on the second is there, every part of it.
        review = copy.reviews.review(seconds[0])
        assert (review.tag, review.verdict, review.explanation) == (
            Tag.CLAIM,
            "false",
            "Zählung 2019 — widerlegt.",
        )
        assert copy.reviews.review(seconds[1]).status is Status.DONE
        approved = copy.sign_offs.sign_off(seconds[0])
        assert approved is not None and approved.editor == "Cleo Park"
        [link] = copy.sources.links(seconds[0])
        assert (link.source.url, link.stance) == ("https://stats.example/z", Stance.REFUTES)
        assert [r.sentence.id for r in copy.reviews.sentence_rows(SECOND)] == seconds
        # ...and Ana's on the first, apart from it.
        first = copy.reviews.review(firsts[0])
        assert (first.tag, first.verdict) == (Tag.CLAIM, "true")
        assert copy.history.verify().ok
        assert copy.upkeep.check().ok  # File → Check Workspace finds nothing amiss
        # The text imported again is the first article, not a third.
        again = copy.importer.import_file(SEED_FILE)
        assert (again.article_id, again.duplicate) == (1, True)
    finally:
        copy.close()
    # A cleaned copy of the copy keeps both again, the same one first.
    recleaned = open_cleaned_copy(tmp_path / "cleaned.fcdesk", tmp_path / "again.fcdesk")
    assert [(twin.first, twin.kept) for twin in recleaned.same_text] == [(1, SECOND)]
    assert made.copied["articles"] == 2
    assert not any(made.skipped.values())
    assert [(twin.first, twin.kept) for twin in made.same_text] == [(1, SECOND)]
    assert made.summary().endswith(
        "2 articles with the same text: both kept, the second titled “Ganja shelled (wire "
        f"copy)” (article {SECOND}), beside “{made.same_text[0].first_title[:79]}…” (article "
        "1). Each keeps its own reviews; importing such a text again finds the first."
    )


def test_the_summary_tells_articles_of_one_title_apart_by_number(tmp_path: Path) -> None:
    made = CleanedCopy(
        tmp_path / "c.fcdesk",
        same_text=[
            SameText(3, 7, "Ganja shelled", "Ganja shelled"),
            SameText(3, 9, "Ganja shelled", "Ganja shelled"),
            SameText(4, 8, "Budget vote", "Budget vote"),
        ],
    )
    assert (
        "3 articles with the same text: all kept, titled “Ganja shelled” (articles 3, 7 and "
        "9, listed in that order); 2 articles with the same text: both kept, titled “Budget "
        "vote” (articles 4 and 8, listed in that order). Each keeps"
    ) in made.summary()


def test_clean_says_it_kept_both_and_the_copy_verifies(tmp_path: Path) -> None:
    """Through the command line, as a journalist runs it: `clean`, `verify`, `list`."""
    path, _firsts, _seconds = the_same_text_twice(tmp_path)
    env = child_env(tmp_path)
    cleaned = run_cli(["clean", "-w", str(path)], env, timeout=120)
    assert cleaned.returncode == 0, cleaned.stderr
    made = Path(cleaned.stdout.strip())
    assert "2 articles with the same text: both kept" in cleaned.stderr
    assert "Rows left out" not in cleaned.stderr
    verified = run_cli(["verify", "-w", str(made)], env, timeout=120)
    assert verified.returncode == 0, verified.stderr
    listed = run_cli(["list", "-w", str(made)], env, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["1", str(SECOND)]


def test_the_second_articles_json_export_imports_into_another_workspace(tmp_path: Path) -> None:
    """Its review, exported as JSON and handed to a colleague, was refused there: the
    export gave the mark kept in place of the text's hash as the hash, and the import
    found "its text does not match its content hash (edited by hand?)"."""
    path, _firsts, _seconds = the_same_text_twice(tmp_path)
    open_cleaned_copy(path, tmp_path / "cleaned.fcdesk")
    copy = Desk.open(tmp_path / "cleaned.fcdesk", backup=False, read_only=True)
    try:
        exported = json.loads(article_review_json(copy, SECOND))
    finally:
        copy.close()
    other = Desk.open(tmp_path / "colleague.fcdesk", backup=False)
    try:
        result = import_review(other, check_review(exported), source_name="second.json")
        [first_row, *_] = other.reviews.sentence_rows(result.article_id)
        review = other.reviews.review(first_row.sentence.id)
        assert (review.verdict, review.explanation) == ("false", "Zählung 2019 — widerlegt.")
    finally:
        other.close()


def test_the_summary_names_a_title_that_shows_nothing_as_the_list_does() -> None:
    """A title of a zero-width space (a web page's heading pasted) is "Untitled article"
    in the window's list; the summary named it “​”, two quotes around nothing."""
    made = CleanedCopy(Path("c.fcdesk"), same_text=[SameText(1, 2, "Ganja shelled", "\u200b")])
    assert "the second titled “Untitled article” (article 2), beside “Ganja shelled”" in (
        made.summary()
    )
