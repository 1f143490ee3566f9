"""A stored value the desk never writes (a hand-edited or damaged workspace) is caught where
rows become domain objects, as `WorkspaceDamaged` naming the table and row."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from factcheck_app.domain.errors import WorkspaceDamaged
from factcheck_app.domain.models import Stance, Tag
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.storage.stores.rows import review_from

HINT = "the workspace may be damaged: run File → Check Workspace or restore a backup."


@pytest.fixture
def reviewed(seeded_desk: Desk) -> tuple[Desk, int]:
    """The sample article with its first sentence tagged, judged and given a source."""
    sid = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    seeded_desk.reviews.set_tag(sid, Tag.CLAIM)
    seeded_desk.reviews.set_verdict(sid, "false")
    seeded_desk.sources.link_source(
        sid, NewSource(url="https://example.org/a", title="A", stance=Stance.REFUTES)
    )
    return seeded_desk, sid


def corrupt(desk: Desk, sql: str, *params: object) -> None:
    """Write past the CHECK constraints, as a plain sqlite3 session could."""
    db = desk.repo.db
    db.execute("PRAGMA ignore_check_constraints = ON")
    try:
        db.execute(sql, list(params))
    finally:
        db.execute("PRAGMA ignore_check_constraints = OFF")


def every_review_read(desk: Desk, sid: int) -> list[Callable[[], object]]:
    repo = desk.repo
    return [
        lambda: repo.sentences.sentence_rows(1),
        lambda: repo.sentences.sentence_row(sid),
        lambda: repo.reviews.get_review(sid),
        lambda: repo.sentences.found_sentences([sid]),
    ]


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("tag", "bogus", "tag 'bogus'"),
        ("status", "finished", "status 'finished'"),
        ("status", 3, "status '3'"),  # TEXT affinity: stored as '3'
        ("rating", "bogus", "verdict 'bogus'"),
        ("rating", "", "verdict ''"),
        ("rating", b"\xff", "verdict b'\\xff'"),
    ],
)
def test_an_unknown_review_value_names_the_sentence(
    reviewed: tuple[Desk, int], column: str, value: object, words: str
) -> None:
    desk, sid = reviewed
    corrupt(desk, f"UPDATE reviews SET {column} = ? WHERE sentence_id = ?", value, sid)
    for read in every_review_read(desk, sid):
        with pytest.raises(WorkspaceDamaged) as caught:
            read()
        assert str(caught.value) == f"Sentence {sid}'s review has an unknown {words}; {HINT}"


def test_an_unknown_stance_names_the_link(reviewed: tuple[Desk, int]) -> None:
    desk, sid = reviewed
    link_id = desk.repo.sources.links_for_sentence(sid)[0].id
    corrupt(desk, "UPDATE sentence_sources SET stance = 'agrees' WHERE id = ?", link_id)
    for read in (
        lambda: desk.repo.sources.links_for_sentence(sid),
        lambda: desk.repo.sources.links_for_article(1),
    ):
        with pytest.raises(WorkspaceDamaged, match=f"Source link {link_id} of sentence {sid} "):
            read()


def test_damaged_spans_and_text_are_named_too(reviewed: tuple[Desk, int]) -> None:
    desk, sid = reviewed
    corrupt(desk, 'UPDATE sentences SET "end" = ? WHERE id = ?', "far", sid)
    with pytest.raises(WorkspaceDamaged, match=f"Sentence {sid}'s span is not two numbers"):
        desk.repo.sentences.sentence_rows(1)
    # Bytes that are not UTF-8: no text their characters could be counted in (bytes that
    # are read as the text they spell, tests/storage/test_article_text_bytes.py).
    corrupt(desk, "UPDATE articles SET text = ? WHERE id = 1", b"\xff\x01")
    with pytest.raises(WorkspaceDamaged, match="Article 1's text is not text but 'bytes'"):
        desk.repo.articles.get_article(1)


def test_a_hand_edited_date_reads_as_none(reviewed: tuple[Desk, int]) -> None:
    desk, _ = reviewed
    corrupt(desk, "UPDATE articles SET published = x'ff' WHERE id = 1")  # a blob
    corrupt(desk, "UPDATE sources SET accessed = 'yesterday'")
    assert desk.repo.articles.get_article(1).published is None
    assert all(source.accessed is None for source in desk.repo.sources.list_sources())


def test_sound_rows_map_as_before(reviewed: tuple[Desk, int]) -> None:
    desk, sid = reviewed
    review = desk.repo.reviews.get_review(sid)
    assert (review.tag, review.verdict, review.status.value) == (Tag.CLAIM, "false", "done")
    untouched = desk.repo.sentences.sentence_rows(1)[1].review
    assert untouched.tag is None and untouched.status.value == "unreviewed"
    assert review_from(1, (None,) * 8).status.value == "unreviewed"
    assert desk.repo.sources.links_for_sentence(sid)[0].stance is Stance.REFUTES


# Found by bench/fuzz_readers.py: SQLite keeps bytes (a BLOB) in a TEXT column, and a
# workspace another program wrote could hold them where the desk writes text. The article
# list, the review panel and the search index failed with an internal error on them.


@pytest.mark.parametrize("column", ["title", "outlet", "author", "url", "source_name"])
def test_an_article_field_stored_as_bytes_reads_as_the_text_they_spell(
    reviewed: tuple[Desk, int], column: str
) -> None:
    desk, _ = reviewed
    corrupt(desk, f"UPDATE articles SET {column} = ? WHERE id = 1", b"Budget row")
    assert getattr(desk.repo.articles.get_article(1), column) == "Budget row"
    summary = desk.articles.list_articles()[0]
    assert isinstance(summary.title, str) and isinstance(summary.outlet, str)
    if column in ("title", "outlet"):
        assert getattr(summary, column) == "Budget row"


@pytest.mark.parametrize("column", ["claimant", "explanation", "reviewer", "updated_at"])
def test_review_text_stored_as_bytes_reads_as_the_text_they_spell(
    reviewed: tuple[Desk, int], column: str
) -> None:
    desk, sid = reviewed
    corrupt(
        desk, f"UPDATE reviews SET {column} = ? WHERE sentence_id = ?", b"The \xffminister", sid
    )
    for read in every_review_read(desk, sid):
        read()
    assert getattr(desk.repo.reviews.get_review(sid), column) == "The \ufffdminister"
    with desk.repo.db.atomic():
        desk.repo.search.rebuild()  # what the first open after an upgrade does
    if column in ("claimant", "explanation"):
        assert desk.lookup.search("minister").hits


def test_the_search_index_is_rebuilt_past_a_span_that_is_not_two_numbers(
    reviewed: tuple[Desk, int],
) -> None:
    desk, sid = reviewed
    corrupt(desk, 'UPDATE sentences SET "end" = ? WHERE id = ?', "far", sid)
    with desk.repo.db.atomic():
        desk.repo.search.rebuild()  # the sentence itself names the damage where it is shown
    assert "complete" in desk.repo.search.check_and_repair(writable=True)


@pytest.mark.parametrize("column", ["description", "actor", "action", "at", "old", "new"])
def test_a_history_entry_with_bytes_for_text_is_shown_and_fails_verify(
    reviewed: tuple[Desk, int], column: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by bench/fuzz_readers.py: the history panel and `history` failed with an
    # internal error on a description stored as bytes.
    desk, _ = reviewed
    corrupt(desk, f"UPDATE history SET {column} = ? WHERE id = 2", b'{"tag": "claim"} \xff')
    entries = desk.history.entries()
    assert len(entries) == len(desk.history.entries(1))
    assert all(isinstance(item.what, str) and isinstance(item.who, str) for item in entries)
    assert not desk.history.verify().ok  # the change is told, not hidden
    path = desk.path
    desk.close()
    from factcheck_app.cli import run

    assert run(["history", "-w", str(path)]) == 0
    assert run(["history", "--json", "-w", str(path)]) == 0
    assert "Traceback" not in capsys.readouterr().err


def _commands_say_no_bug(path: object, capsys: pytest.CaptureFixture[str], *commands: str) -> None:
    from factcheck_app.cli import run

    for command in commands:
        run([*command.split(), "-w", str(path)])
        assert "unexpected error" not in capsys.readouterr().err, command


def test_a_denied_sentence_that_is_no_number_reads_as_none(
    reviewed: tuple[Desk, int], capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by bench/fuzz_readers.py: the JSON export failed on it as a bug.
    desk, sid = reviewed
    desk.repo.db.execute("PRAGMA foreign_keys = OFF")  # as a plain sqlite3 session has it
    corrupt(desk, "UPDATE reviews SET denies_sentence_id = ? WHERE sentence_id = ?", b"\xff", sid)
    desk.repo.db.execute("PRAGMA foreign_keys = ON")
    assert desk.repo.reviews.get_review(sid).denies_sentence_id is None
    path = desk.path
    desk.close()
    _commands_say_no_bug(path, capsys, "export --format json --article 1", "list")


def test_source_fields_stored_as_bytes_read_as_the_text_they_spell(
    reviewed: tuple[Desk, int], capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by bench/fuzz_readers.py: `stats --json` failed on a URL stored as bytes.
    desk, sid = reviewed
    corrupt(
        desk,
        "UPDATE sources SET url = ?, title = ?, publisher = ?",
        b"https://a.example/",
        b"A",
        b"P",
    )
    corrupt(desk, "UPDATE sentence_sources SET excerpt = ?", b"words")
    link = desk.repo.sources.links_for_sentence(sid)[0]
    assert (link.source.url, link.source.title, link.source.publisher) == (
        "https://a.example/",
        "A",
        "P",
    )
    assert link.excerpt == "words"
    assert desk.repo.sources.list_sources()[0].url == "https://a.example/"
    path = desk.path
    desk.close()
    _commands_say_no_bug(path, capsys, "stats --json", "export --format json --article 1")


@pytest.mark.parametrize("value", [b"\xff", 1.5])
def test_search_names_a_sentence_whose_span_is_not_two_numbers(
    reviewed: tuple[Desk, int], value: object, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by bench/fuzz_readers.py: search failed as a bug on such a sentence.
    desk, sid = reviewed
    corrupt(desk, 'UPDATE sentences SET "end" = ? WHERE id = ?', value, sid)
    with pytest.raises(WorkspaceDamaged, match=f"Sentence {sid}'s span is not two numbers"):
        desk.repo.sentences.found_sentences([sid])
    path = desk.path
    desk.close()
    _commands_say_no_bug(path, capsys, "search Ganja")


def test_a_paragraph_number_that_is_no_number_reads_as_the_first(
    reviewed: tuple[Desk, int], capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by bench/fuzz_readers.py: the JSON export failed on it as a bug.
    desk, sid = reviewed
    corrupt(desk, "UPDATE sentences SET paragraph = ? WHERE id = ?", b"\xff", sid)
    assert desk.repo.sentences.sentence_rows(1)[0].sentence.paragraph == 0
    assert desk.repo.sentences.get_sentence(sid).paragraph == 0
    assert desk.repo.sentences.found_sentences([sid])[sid].row.sentence.paragraph == 0
    path = desk.path
    desk.close()
    _commands_say_no_bug(path, capsys, "export --format json --article 1")


def test_a_found_sentence_has_its_article_title_as_text(reviewed: tuple[Desk, int]) -> None:
    desk, sid = reviewed
    corrupt(desk, "UPDATE articles SET title = ? WHERE id = 1", b"Budget row")
    assert desk.repo.sentences.found_sentences([sid])[sid].article_title == "Budget row"


def test_one_sentence_read_alone_names_a_span_that_is_not_two_numbers(
    reviewed: tuple[Desk, int],
) -> None:
    desk, sid = reviewed
    corrupt(desk, 'UPDATE sentences SET "end" = ? WHERE id = ?', 2.5, sid)
    with pytest.raises(WorkspaceDamaged, match=f"Sentence {sid}'s span is not two numbers"):
        desk.repo.sentences.get_sentence(sid)


def test_search_reads_index_words_stored_as_bytes(reviewed: tuple[Desk, int]) -> None:
    # Found by bench/fuzz_readers.py: search failed with a TypeError on a row of the
    # search index whose words another program had stored as bytes.
    desk, sid = reviewed
    corrupt(desk, "UPDATE search_index_content SET c0 = CAST(c0 AS BLOB) WHERE id = ?", sid)
    results = desk.lookup.search("Ganja")
    assert sid in [hit.found.row.sentence.id for hit in results.hits]


def test_text_that_is_not_utf8_reads_with_a_replacement_mark_not_a_locked_workspace(
    reviewed: tuple[Desk, int],
) -> None:
    """One damaged byte in a title (a bit flipped on disk, a tool writing Latin-1) made
    every read of the article list fail: the window showed nothing and `list` refused the
    whole workspace. The damaged characters read as U+FFFD; everything else as it was."""
    desk, sid = reviewed
    bad = "CAST(X'41ff42' AS TEXT)"  # "A", a byte no UTF-8 text has, "B"
    for table, column, where in (
        ("articles", "title", "id = 1"),
        ("reviews", "claimant", f"sentence_id = {sid}"),
        ("sources", "title", "1"),
        ("history", "description", "id = 1"),
    ):
        desk.repo.db.execute(f"UPDATE {table} SET {column} = {bad} WHERE {where}")
    assert [a.title for a in desk.articles.list_articles()] == ["A\ufffdB"]
    assert desk.reviews.review(sid).claimant == "A\ufffdB"
    assert [link.source.title for link in desk.sources.links(sid)] == ["A\ufffdB"]
    oldest = desk.history.of_sentence(sid, 50)[-1]  # entry 1: the tag, set first
    assert oldest.what == "A\ufffdB"
    assert desk.reviews.review(sid).verdict == "false"  # the rest as it was


@pytest.mark.parametrize("value", ["", "\x00", "2026-02-30T25:61:00", 1.5, b"\x01"])
def test_the_search_index_is_rebuilt_past_an_article_id_that_is_not_a_number(
    reviewed: tuple[Desk, int], value: object
) -> None:
    """Found by bench/fuzz_readers.py (seed 2032, cases 438, 1936): a hand-edited or
    damaged workspace whose sentence names its article by text did not open after an
    upgrade (the rebuild sorted its sentences by article: str beside int)."""
    desk, sid = reviewed
    desk.repo.db.execute("PRAGMA foreign_keys = OFF")
    corrupt(desk, "UPDATE sentences SET article_id = ? WHERE id = ?", value, sid + 1)
    with desk.repo.db.atomic():
        desk.repo.search.rebuild()  # what the first open after an upgrade does
    assert desk.lookup.search("Ganja").hits  # the other sentences of the article are found


@pytest.mark.parametrize("value", ["javascript:alert(1)", "", b"\x00"])
def test_the_article_list_is_read_past_a_conflict_whose_article_id_is_not_a_number(
    reviewed: tuple[Desk, int], value: object
) -> None:
    """Found by bench/fuzz_readers.py (Run 16, seed 3203, case 123): a restored (or
    merged, hand-edited) workspace with a sentence in conflict whose article id is text:
    the article list failed ("Something went wrong"; its counts of each article's
    conflicts and returned verdicts read every article id as a number), so the window
    showed no article."""
    desk, sid = reviewed
    desk.repo.db.execute("PRAGMA foreign_keys = OFF")
    corrupt(desk, "UPDATE reviews SET status = 'conflict' WHERE sentence_id = ?", sid)
    # Its verdict returned by an editor, too (counted for the list the same way).
    corrupt(
        desk,
        "INSERT INTO sign_offs (sentence_id, decision, editor, checker, at)"
        " VALUES (?, 'returned', 'Ed', 'Ana', '2026-12-07T03:00:00')",
        sid,
    )
    corrupt(desk, "UPDATE sentences SET article_id = ? WHERE id = ?", value, sid)
    assert [article.id for article in desk.articles.list_articles()] == [1]
    assert desk.repo.reviews.conflict_counts() == {}  # that sentence is in no article
    assert desk.repo.sign_offs.returned_by_checker() == []
