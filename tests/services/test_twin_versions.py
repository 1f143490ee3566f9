"""Two versions of one reviewer's review of one sentence: a hand-edited or damaged file
holding one row with her name as text and one with it as bytes (SQLite keeps both under
the table's key; the desk reads both as "Ana Ruiz"). A merge, split or re-split writes
one version per reviewer, and its undo puts them back under her name as text, one over
the other: one of the two would be gone. Such a step was refused, for good, as "changed
while being saved by another program", which it was not, and Check Workspace said
nothing. Now the step is refused before anything is done, in words naming the sentence's
reviewer and what to do, and Check Workspace names every such sentence."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.edits import SentencesChangedMeanwhile
from factcheck_app.services.export import article_review_json
from tests.conftest import SEED_FILE

OLD = "2020-01-01T00:00:00+00:00"


def stored_versions(path: Path) -> list[tuple[int, str, str | None]]:
    """(sentence, the reviewer's stored type, verdict) of every version in the file."""
    other = sqlite3.connect(path)
    try:
        return other.execute(
            "SELECT sentence_id, typeof(reviewer), rating FROM review_versions"
            " ORDER BY sentence_id, reviewer"
        ).fetchall()
    finally:
        other.close()


def add_twin(path: Path, sentence_id: int) -> None:
    """Another program (a script, DB Browser) saves a second version of Ana's, her name
    as bytes."""
    other = sqlite3.connect(path)
    with other:
        other.execute(
            "INSERT INTO review_versions (sentence_id, reviewer, tag, rating, claimant,"
            " explanation, status, updated_at) VALUES (?, CAST('Ana Ruiz' AS BLOB), 'claim',"
            " 'true', '', 'older', 'done', ?)",
            [sentence_id, OLD],
        )
    other.close()


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    opened = Desk.open(tmp_path / "w.fcdesk", backup=False, reviewer="Ana Ruiz")
    opened.importer.import_file(SEED_FILE)
    return opened


def ids_of(desk: Desk) -> list[int]:
    return [row.sentence.id for row in desk.reviews.sentence_rows(1)]


def twinned(desk: Desk, sentence_id: int) -> list[tuple[int, str, str | None]]:
    desk.reviews.set_tag(sentence_id, Tag.CLAIM)
    desk.reviews.set_verdict(sentence_id, "false")
    assert desk.path is not None
    add_twin(desk.path, sentence_id)
    return stored_versions(desk.path)


def refused_before(desk: Desk, step: object, stored: list[object]) -> str:
    """The step's refusal, in words: nothing written, nothing on the undo stack."""
    entries = desk.repo.history.count()
    with pytest.raises(EditRefused) as refused:
        step()  # type: ignore[operator]
    assert not isinstance(refused.value, SentencesChangedMeanwhile)
    assert desk.path is not None
    assert stored_versions(desk.path) == stored
    assert desk.repo.history.count() == entries
    assert not desk.edits.undo_steps
    words = str(refused.value)
    assert "Ana Ruiz" in words and "two versions" in words
    assert "Check Workspace" in words
    return words


def test_merge_of_a_sentence_with_twin_versions_is_refused_before_in_words(desk: Desk) -> None:
    first, second = ids_of(desk)[:2]
    stored = twinned(desk, first)
    desk.edits.clear()
    words = refused_before(desk, lambda: desk.boundaries.merge_with_next(first), stored)
    assert words.startswith("Not merged")
    # Merged into from the sentence before it: the same.
    refused_before(desk, lambda: desk.boundaries.merge_with_next(ids_of(desk)[0]), stored)
    # Another sentence is merged as ever.
    desk.boundaries.merge_with_next(ids_of(desk)[3])
    desk.undo()
    assert second in ids_of(desk)


def test_merging_into_a_sentence_with_twin_versions_is_refused(desk: Desk) -> None:
    before, twin = ids_of(desk)[2:4]
    stored = twinned(desk, twin)
    desk.edits.clear()
    refused_before(desk, lambda: desk.boundaries.merge_with_next(before), stored)


def test_split_of_a_sentence_with_twin_versions_is_refused_before_in_words(desk: Desk) -> None:
    first = ids_of(desk)[0]
    stored = twinned(desk, first)
    desk.edits.clear()
    at = desk.repo.sentences.get_sentence(first).text.index(" ") + 1
    start = desk.repo.sentences.get_sentence(first).start
    words = refused_before(desk, lambda: desk.boundaries.split_sentence(first, start + at), stored)
    assert words.startswith("Not split")


def test_resplit_over_twin_versions_is_refused_before_it_is_asked(desk: Desk) -> None:
    first = ids_of(desk)[1]
    desk.boundaries.merge_with_next(first)  # a re-split would cut it again
    stored = twinned(desk, first)
    desk.edits.clear()
    # Refused at the window's first question (before "Re-split anyway?"), and by the step.
    refused_before(desk, lambda: desk.boundaries.check_resplit_changes(1), stored)
    words = refused_before(desk, lambda: desk.boundaries.resplit_article(1), stored)
    assert words.startswith("Not re-split")


def test_check_workspace_names_twin_versions(desk: Desk) -> None:
    first = ids_of(desk)[0]
    twinned(desk, first)
    report = desk.upkeep.check()
    line = next(line for line in report.lines if "two versions" in line)
    assert "Ana Ruiz" in line and "sentence" in line
    assert not report.ok


def test_check_workspace_names_each_twin_by_its_number_in_its_article(desk: Desk) -> None:
    """Every name of the file rewritten as bytes, two sentences' versions twice: those two
    named, by number, in reading order (read in two queries, not two for each name)."""
    ids = ids_of(desk)
    for sentence_id in (ids[4], ids[2]):
        twinned(desk, sentence_id)
    desk.reviews.set_tag(ids[0], Tag.FACT)
    assert desk.path is not None
    other = sqlite3.connect(desk.path)
    with other:
        other.execute(
            "UPDATE review_versions SET reviewer = CAST(reviewer AS BLOB) WHERE sentence_id = ?",
            [ids[0]],
        )
    other.close()
    assert [(t.sentence_id, t.reviewer, t.number) for t in desk.repo.reviews.twin_versions()] == [
        (ids[2], "Ana Ruiz", 3),
        (ids[4], "Ana Ruiz", 5),
    ]


def test_check_workspace_names_the_article_once_for_its_twins(desk: Desk) -> None:
    """Three sentences of one article with two versions each: the line said "Ana Ruiz,
    sentence 3 of “Ankara, Baku’s main backer in the Nagorno-Karabakh co…”" three
    times over, the title cut the same way each time and the numbers lost between them.
    Now the title once, then its sentence numbers in reading order."""
    ids = ids_of(desk)
    for sentence_id in (ids[6], ids[2], ids[4]):
        twinned(desk, sentence_id)
    report = desk.upkeep.check()
    line = next(line for line in report.lines if "two versions" in line)
    title = desk.articles.article_metadata(1).title[:20]
    assert line.count(title) == 1, line
    assert "Ana Ruiz: sentences 3, 5 and 7)" in line, line
    assert line.count("Ana Ruiz") == 1, line


def test_check_workspace_says_nothing_of_versions_without_twins(desk: Desk) -> None:
    first = ids_of(desk)[0]
    desk.reviews.set_tag(first, Tag.CLAIM)
    report = desk.upkeep.check()
    assert not any("two versions" in line for line in report.lines)
    assert report.ok


def test_merging_a_colleagues_file_with_twin_versions_says_one_was_left_out(
    desk: Desk, tmp_path: Path
) -> None:
    """Bob merges Ana's file: his workspace holds one version per reviewer, so one of her
    two is left out, and the summary says so (it went without a word); the one kept is
    the desk's own save (the name as text), the same whatever order the file reads in."""
    first = ids_of(desk)[0]
    twinned(desk, first)
    ana_path = desk.path
    assert ana_path is not None
    desk.close()
    bob = Desk.open(tmp_path / "bob.fcdesk", backup=False, reviewer="Bob Tran")
    try:
        result = bob.merge.merge(ana_path)
        assert result.skipped == 1
        assert "1 row of it failed the desk's checks and was left out" in result.summary()
        kept = bob.repo.reviews.versions(bob.reviews.sentence_rows(1)[0].sentence.id)
        assert [(v.reviewer, v.verdict) for v in kept] == [("Ana Ruiz", "false")]
    finally:
        bob.close()


def test_merging_into_a_workspace_with_twin_versions_keeps_both(desk: Desk, tmp_path: Path) -> None:
    """Ana merges Bob's review of the very sentence: both of her versions stay, through
    the merge's undo and redo."""
    bob = Desk.open(tmp_path / "bob.fcdesk", backup=False, reviewer="Bob Tran")
    bob.importer.import_file(SEED_FILE)
    bob.reviews.set_tag(ids_of(bob)[0], Tag.FACT)
    bob_path = bob.path
    bob.close()
    first = ids_of(desk)[0]
    stored = twinned(desk, first)
    assert desk.path is not None and bob_path is not None
    desk.merge.merge(bob_path)
    with_bob = stored_versions(desk.path)
    assert [row for row in with_bob if row in stored] == stored and len(with_bob) == 3
    desk.undo()
    assert stored_versions(desk.path) == stored
    desk.redo()
    assert stored_versions(desk.path) == with_bob


def test_the_json_export_holds_both_twin_versions(desk: Desk) -> None:
    first = ids_of(desk)[0]
    twinned(desk, first)
    exported = json.loads(article_review_json(desk, 1))
    reviews = exported["sentences"][0]["reviews"]
    assert sorted((r["reviewer"], r["rating"]) for r in reviews) == [
        ("Ana Ruiz", "false"),
        ("Ana Ruiz", "true"),
    ]


def version_denials(path: Path, sentence_id: int) -> list[tuple[str, int | None]]:
    other = sqlite3.connect(path)
    try:
        return other.execute(
            "SELECT typeof(reviewer), denies_sentence_id FROM review_versions"
            " WHERE sentence_id = ? ORDER BY reviewer",
            [sentence_id],
        ).fetchall()
    finally:
        other.close()


def test_a_denial_in_a_version_whose_name_is_bytes_follows_a_merge_and_its_undo(
    desk: Desk,
) -> None:
    """A reviewer's version saved with her name as bytes (read as the name it spells)
    denies a claim that a merge joins into the sentence before it. Its denial was let go
    (the merge looked it up by `str(b'Ana Ruiz')`, "b'Ana Ruiz'", and found no row to
    point again), and the undo did not bring it back: the version denied nothing."""
    claim, after_claim, denial = ids_of(desk)[3:6]
    desk.reviews.set_tag(after_claim, Tag.CLAIM)
    desk.reviews.set_tag(denial, Tag.DENIAL)
    desk.reviews.set_denies(denial, after_claim)
    assert desk.path is not None
    other = sqlite3.connect(desk.path)
    with other:
        other.execute(
            "UPDATE review_versions SET reviewer = CAST(reviewer AS BLOB) WHERE sentence_id = ?",
            [denial],
        )
    other.close()
    assert version_denials(desk.path, denial) == [("blob", after_claim)]
    desk.boundaries.merge_with_next(claim)
    assert version_denials(desk.path, denial) == [("blob", claim)]
    desk.undo()
    assert version_denials(desk.path, denial) == [("blob", after_claim)]
    desk.redo()
    assert version_denials(desk.path, denial) == [("blob", claim)]


def test_a_reviewer_name_stored_as_bytes_is_listed_once_and_the_list_ends(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's open counts the verdicts awaiting the reviewer's sign-off by every
    name that saved a review, read one after another from the reviewer index (`name >
    the last one`). The last one read as `str(b'Ana Ruiz')`, "b'Ana Ruiz'", text that
    sorts before every name stored as bytes: the same row came back for ever, and the
    window hung at its open (found opening this file in the window)."""
    first = ids_of(desk)[0]
    twinned(desk, first)
    store = desk.repo.sign_offs
    reads = 0
    execute = store.db.execute

    def counted(*args: object, **kwargs: object) -> object:
        nonlocal reads
        reads += 1
        if reads > 20:
            raise AssertionError("the reviewer names never end")
        return execute(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store.db, "execute", counted)
    assert store.reviewers() == ["Ana Ruiz"]
    monkeypatch.setattr(store.db, "execute", execute)
    assert desk.sign_offs.awaiting_from_others("Bob Tran") is not None


def test_a_colleagues_verdict_saved_under_a_name_as_bytes_awaits_sign_off(
    tmp_path: Path,
) -> None:
    """Bob's done verdict, his name stored as bytes by another program (his review and
    his version alike), is counted among those awaiting Ana's sign-off, as the same
    verdict under his name as text is: the count looked for the name as text only."""
    bob = Desk.open(tmp_path / "w.fcdesk", backup=False, reviewer="Bob Tran")
    bob.importer.import_file(SEED_FILE)
    first = ids_of(bob)[0]
    bob.reviews.set_tag(first, Tag.CLAIM)
    bob.reviews.set_verdict(first, "false")
    path = bob.path
    assert path is not None
    bob.close()
    other = sqlite3.connect(path)
    with other:
        for table in ("reviews", "review_versions"):
            other.execute(f"UPDATE {table} SET reviewer = CAST(reviewer AS BLOB)")
    other.close()
    ana = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        awaiting = ana.sign_offs.awaiting_from_others("Ana Ruiz")
        assert awaiting.by_checker == {"Bob Tran": {1: 1}}
    finally:
        ana.close()


def test_editing_ones_own_review_saved_under_ones_name_as_bytes_replaces_it(
    desk: Desk,
) -> None:
    """Ana's only version of a sentence carries her name as bytes (another program
    rewrote it). Her next verdict there was saved beside it, under her name as text: the
    desk itself made the two versions above, and her merges of the sentence were refused
    from then on. Her save now replaces it, and Ctrl+Z puts it back as it was."""
    first = ids_of(desk)[0]
    desk.reviews.set_tag(first, Tag.CLAIM)
    assert desk.path is not None
    other = sqlite3.connect(desk.path)
    with other:
        other.execute("UPDATE review_versions SET reviewer = CAST(reviewer AS BLOB)")
    other.close()
    stored = stored_versions(desk.path)
    assert stored == [(first, "blob", None)]
    desk.reviews.set_verdict(first, "false")
    assert stored_versions(desk.path) == [(first, "text", "false")]
    desk.undo()
    assert stored_versions(desk.path) == stored
    desk.redo()
    assert stored_versions(desk.path) == [(first, "text", "false")]
    desk.boundaries.merge_with_next(first)  # one version: merged as ever
    desk.undo()
    assert stored_versions(desk.path) == [(first, "text", "false")]


@pytest.mark.parametrize("tables", [("review_versions",), ("reviews",)])
def test_a_colleagues_verdict_whose_version_alone_has_the_name_as_bytes_awaits_sign_off(
    tmp_path: Path, tables: tuple[str, ...]
) -> None:
    """The script rewrote one table only (the versions, as the file above holds them, or
    the decided reviews): the desk reads both as Bob's, and his done verdict awaits
    Ana's sign-off. It was counted only where both names were stored alike, and the
    open walked every version of his name as bytes to find none (154 ms on the year
    bench's workspace)."""
    bob = Desk.open(tmp_path / "w.fcdesk", backup=False, reviewer="Bob Tran")
    bob.importer.import_file(SEED_FILE)
    first = ids_of(bob)[0]
    bob.reviews.set_tag(first, Tag.CLAIM)
    bob.reviews.set_verdict(first, "false")
    path = bob.path
    assert path is not None
    bob.close()
    other = sqlite3.connect(path)
    with other:
        for table in tables:
            other.execute(f"UPDATE {table} SET reviewer = CAST(reviewer AS BLOB)")
    other.close()
    ana = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        awaiting = ana.sign_offs.awaiting_from_others("Ana Ruiz")
        assert awaiting.by_checker == {"Bob Tran": {1: 1}}
        after = ana.sign_offs.awaiting_after("Ana Ruiz", awaiting, [first])
        assert after.by_checker == {"Bob Tran": {1: 1}}
    finally:
        ana.close()


def test_a_verdict_returned_to_a_checker_whose_name_is_bytes_is_counted_as_returned(
    tmp_path: Path,
) -> None:
    """Edith returned Bob's verdict; another program rewrote the checker's name on the
    sign-off as bytes. The Show box's Returned count for Bob read it as "b'Bob Tran'",
    not his, and said none was returned to him."""
    path = tmp_path / "w.fcdesk"
    bob = Desk.open(path, backup=False, reviewer="Bob Tran")
    bob.importer.import_file(SEED_FILE)
    first = ids_of(bob)[0]
    bob.reviews.set_tag(first, Tag.CLAIM)
    bob.reviews.set_verdict(first, "false")
    bob.close()
    edith = Desk.open(path, backup=False, reviewer="Edith Moss")
    edith.sign_offs.send_back(first, "Source, please.")
    edith.close()
    other = sqlite3.connect(path)
    with other:
        other.execute("UPDATE sign_offs SET checker = CAST(checker AS BLOB)")
    other.close()
    bob = Desk.open(path, backup=False, reviewer="Bob Tran")
    try:
        assert bob.sign_offs.returned_to("Bob Tran") == {1: 1}
    finally:
        bob.close()


def test_ones_own_verdict_saved_under_ones_name_as_bytes_awaits_no_sign_off_of_ones_own(
    desk: Desk,
) -> None:
    """Ana's own done verdict, her name rewritten as bytes by another program: the
    finder's "Awaiting my sign-off" listed its article as a colleague's ("b'Ana Ruiz'"
    was not her), though the open's count (which reads the name as it spells) left it
    out, as her own."""
    first = ids_of(desk)[0]
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.reviews.set_verdict(first, "false")
    assert desk.path is not None
    other = sqlite3.connect(desk.path)
    with other:
        for table in ("reviews", "review_versions"):
            other.execute(f"UPDATE {table} SET reviewer = CAST(reviewer AS BLOB)")
    other.close()
    assert desk.sign_offs.awaiting_from_others("Ana Ruiz").by_checker == {}
    assert desk.sign_offs.awaiting_articles("Ana Ruiz") == frozenset()
    assert desk.sign_offs.awaiting_articles("Edith Moss") == frozenset({1})
