"""The full-text index always says what the workspace says.

Whatever the reviewer does (tag, verdict, claimant, explanation, sources, merge, split,
re-split, undo, redo) the index kept up to date edit by edit must equal one built from
scratch; a failed edit leaves it as it was; older workspaces get one when opened, and
read-only ones can still be searched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import factcheck_app.storage.search as search_module
from factcheck_app.domain.errors import EditRefused, WorkspaceFull
from factcheck_app.domain.matching import SEARCH_INDEX_VERSION
from factcheck_app.domain.models import VERDICTS_BY_KEY, SearchScope, Tag
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.edits import Change, Edit, SentenceSnapshot, StructuralEdit
from factcheck_app.storage.migrations import SCHEMA_VERSION
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.search import VERSION_SETTING, SearchIndex
from tests.conftest import REPO_ROOT, SEED_FILE

FIXTURES = REPO_ROOT / "tests" / "data" / "workspaces"
# Both tables: every sentence's row, and (last column) its verdict_index words if judged.
INDEX_ROWS = (
    "SELECT s.rowid, s.words, s.claimant, s.explanation, s.sources, v.words"
    " FROM search_index s LEFT JOIN verdict_index v ON v.rowid = s.rowid ORDER BY s.rowid"
)
JUDGED_IDS = "SELECT sentence_id FROM reviews WHERE coalesce(rating, '') != '' ORDER BY 1"
# A second article, reworded and with numbers written differently, for cross-article edits.
SECOND_ARTICLE = (
    "Baku says a civilian was killed and thirty-two were wounded when Armenia shelled Ganja.\n\n"
    "Ganja, a city of about 332000 people, was attacked, the Foreign Ministry in Ankara said"
    " on Sunday.\n\nThe weather in Lisbon was mild and sunny all week."
)

Rows = list[tuple[object, ...]]


# -- helpers ------------------------------------------------------------------------------


def index_rows(desk: Desk) -> Rows:
    return desk.workspace.db.execute(INDEX_ROWS).fetchall()


def rebuilt_rows(desk: Desk) -> Rows:
    """The index as a from-scratch rebuild would make it; the live index is left untouched."""
    db = desk.workspace.db
    db.execute("SAVEPOINT rebuild_check")
    try:
        desk.repo.search.rebuild()
        return index_rows(desk)
    finally:
        db.execute("ROLLBACK TO rebuild_check")
        db.execute("RELEASE rebuild_check")


def assert_index_current(desk: Desk) -> Rows:
    """The live index equals a rebuild and holds exactly one row per sentence."""
    rows = index_rows(desk)
    assert rows == rebuilt_rows(desk)
    db = desk.workspace.db
    sentence_ids = [r[0] for r in db.execute("SELECT id FROM sentences ORDER BY id")]
    assert [r[0] for r in rows] == sentence_ids
    # verdict_index holds exactly the judged sentences, with the sentence's own words.
    verdict_ids = [r[0] for r in db.execute("SELECT rowid FROM verdict_index ORDER BY rowid")]
    assert verdict_ids == [r[0] for r in db.execute(JUDGED_IDS)]
    assert all(r[5] == r[1] for r in rows if r[5] is not None)
    return rows


def all_sentence_ids(desk: Desk) -> list[int]:
    return [r[0] for r in desk.workspace.db.execute("SELECT id FROM sentences ORDER BY id")]


def seed_ids(desk: Desk) -> list[int]:
    return [
        row.sentence.id for row in desk.reviews.sentence_rows(desk.articles.list_articles()[0].id)
    ]


def hit_ids(desk: Desk, query: str, scope: SearchScope = SearchScope.EVERYWHERE) -> set[int]:
    return {hit.found.row.sentence.id for hit in desk.lookup.search(query, scope).hits}


def copy_fixture(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- a fresh workspace ----------------------------------------------------------------------


def test_new_workspace_records_the_index_version(desk: Desk) -> None:
    assert desk.repo.settings.get_setting(VERSION_SETTING) == str(SEARCH_INDEX_VERSION)
    assert desk.repo.search.row_count() == 0


def test_imported_article_is_indexed_one_row_per_sentence(seeded_desk: Desk) -> None:
    rows = assert_index_current(seeded_desk)
    assert len(rows) == 12
    ids = seed_ids(seeded_desk)
    words = {r[0]: r[1] for r in rows}
    # Numbers are stored as plain digits, so every way of writing them meets.
    assert "332000" in words[ids[1]].split()
    assert "32" in words[ids[4]].split()
    assert all(r[2:] == ("", "", "", None) for r in rows)  # nothing reviewed yet


# -- every kind of edit, with undo and redo ----------------------------------------------


def _link(desk: Desk, sid: int, url: str, title: str = "", excerpt: str = "") -> None:
    desk.sources.link_source(sid, NewSource(url=url, title=title, excerpt=excerpt))


def edit_tag(desk: Desk, ids: list[int]) -> None:
    desk.reviews.set_tag(ids[4], Tag.DENIAL)


def edit_verdict(desk: Desk, ids: list[int]) -> None:
    desk.reviews.set_verdict(ids[5], "false")  # now judged


def edit_change_verdict(desk: Desk, ids: list[int]) -> None:
    desk.reviews.set_verdict(ids[4], "false")  # still judged


def edit_clear_verdict(desk: Desk, ids: list[int]) -> None:
    desk.reviews.set_verdict(ids[3], None)


def edit_claimant(desk: Desk, ids: list[int]) -> None:
    desk.reviews.set_text_field(ids[4], "claimant", "Azerbaijani prosecutor general")


def edit_explanation(desk: Desk, ids: list[int]) -> None:
    desk.reviews.set_text_field(ids[4], "explanation", "Hospital records list 32 wounded.")


def edit_link_new_source(desk: Desk, ids: list[int]) -> None:
    _link(desk, ids[4], "https://example.org/hospital-list", "Hospital list", "32 wounded")


def edit_link_known_source(desk: Desk, ids: list[int]) -> None:
    _link(desk, ids[5], "https://example.org/mfa-statement")


def edit_unlink(desk: Desk, ids: list[int]) -> None:
    link = desk.sources.links(ids[3])[0]
    desk.sources.unlink_source(link.id, ids[3])


def edit_merge(desk: Desk, ids: list[int]) -> None:
    desk.boundaries.merge_with_next(ids[3])  # both reviewed: the second review is carried along


def edit_merge_last(desk: Desk, ids: list[int]) -> None:
    desk.boundaries.merge_with_next(ids[-2])


def edit_split_review_first(desk: Desk, ids: list[int]) -> None:
    sentence = desk.repo.sentences.get_sentence(ids[3])
    desk.boundaries.split_sentence(
        sentence.id, sentence.start + sentence.text.index(" Armenia violates")
    )


def edit_split_review_second(desk: Desk, ids: list[int]) -> None:
    sentence = desk.repo.sentences.get_sentence(ids[3])
    at = sentence.start + sentence.text.index(" Armenia violates")
    desk.boundaries.split_sentence(sentence.id, at, review_to="second", sources_to="second")


def edit_resplit(desk: Desk, ids: list[int]) -> None:
    desk.boundaries.resplit_article(desk.repo.sentences.article_of_sentence(ids[0]))


def edit_copy_verdict(desk: Desk, ids: list[int]) -> None:
    desk.reviews.copy_verdict(ids[6], ids[3])


def edit_reuse_sources(desk: Desk, ids: list[int]) -> None:
    desk.sources.reuse_sources(ids[6], ids[3])


EDITS: dict[str, Callable[[Desk, list[int]], None]] = {
    "tag": edit_tag,
    "verdict": edit_verdict,
    "change verdict": edit_change_verdict,
    "clear verdict": edit_clear_verdict,
    "claimant": edit_claimant,
    "explanation": edit_explanation,
    "link new source": edit_link_new_source,
    "link known source": edit_link_known_source,
    "unlink source": edit_unlink,
    "merge": edit_merge,
    "merge last two": edit_merge_last,
    "split, review first": edit_split_review_first,
    "split, review second": edit_split_review_second,
    "re-split": edit_resplit,
    "copy verdict": edit_copy_verdict,
    "reuse sources": edit_reuse_sources,
}


def _reviewed_workspace(desk: Desk) -> list[int]:
    """The seed article with two reviewed, sourced neighbours (ids[3], ids[4]) and one
    merge to re-split."""
    ids = seed_ids(desk)
    desk.reviews.set_tag(ids[3], Tag.CLAIM)
    desk.reviews.set_verdict(ids[3], "mostly_false")
    desk.reviews.set_text_field(ids[3], "claimant", "Foreign Ministry in Ankara")
    desk.reviews.set_text_field(ids[3], "explanation", "The Geneva Conventions say otherwise.")
    _link(desk, ids[3], "https://example.org/mfa-statement", "MFA statement", "Geneva")
    _link(desk, ids[3], "https://example.org/icrc-rules", "ICRC rules", "")
    desk.reviews.set_tag(ids[4], Tag.CLAIM)
    desk.reviews.set_verdict(ids[4], "unverifiable")
    desk.reviews.set_text_field(ids[4], "claimant", "Baku")
    _link(desk, ids[4], "https://example.org/icrc-rules")
    desk.boundaries.merge_with_next(ids[8])  # so that a re-split has something to change
    desk.edits.clear()
    return [i for i in ids if i != ids[9]]


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_index_follows_every_edit_and_its_undo_and_redo(
    seeded_desk: Desk, edit: Callable[[Desk, list[int]], None]
) -> None:
    ids = _reviewed_workspace(seeded_desk)
    before = assert_index_current(seeded_desk)
    edit(seeded_desk, ids)
    after = assert_index_current(seeded_desk)
    # Tags and which verdict it is are not searched; everything else shows in the index.
    assert (after == before) == (edit in (edit_tag, edit_change_verdict))
    assert seeded_desk.undo() is not None
    assert assert_index_current(seeded_desk) == before
    assert seeded_desk.redo() is not None
    assert assert_index_current(seeded_desk) == after


def test_search_follows_a_claimant_through_undo_and_redo(seeded_desk: Desk) -> None:
    ids = seed_ids(seeded_desk)
    seeded_desk.reviews.set_text_field(ids[2], "claimant", "Pashinyan")
    assert hit_ids(seeded_desk, "Pashinyan") == {ids[2]}
    seeded_desk.undo()
    assert hit_ids(seeded_desk, "Pashinyan") == set()
    seeded_desk.redo()
    assert hit_ids(seeded_desk, "Pashinyan", SearchScope.CLAIMANTS) == {ids[2]}


def test_merged_sentence_is_found_by_words_of_both_halves(seeded_desk: Desk) -> None:
    ids = seed_ids(seeded_desk)
    query = '"Baku insists" Yerevan'  # sentence 8 and sentence 9
    assert hit_ids(seeded_desk, query) == set()
    seeded_desk.boundaries.merge_with_next(ids[8])
    assert hit_ids(seeded_desk, query) == {ids[8]}
    seeded_desk.undo()
    assert hit_ids(seeded_desk, query) == set()
    assert hit_ids(seeded_desk, '"Baku insists"') == {ids[8]}


def test_split_halves_are_found_separately(seeded_desk: Desk) -> None:
    ids = seed_ids(seeded_desk)
    sentence = seeded_desk.repo.sentences.get_sentence(ids[4])
    seeded_desk.boundaries.split_sentence(
        sentence.id, sentence.start + sentence.text.index(" accusing")
    )
    assert hit_ids(seeded_desk, "wounded shelling") == set()
    [tail] = hit_ids(seeded_desk, "shelling Ganja")
    assert tail != ids[4] and hit_ids(seeded_desk, "wounded civilian") == {ids[4]}
    seeded_desk.undo()
    assert hit_ids(seeded_desk, "wounded shelling") == {ids[4]}


def test_one_undo_step_refreshes_the_index_once(seeded_desk: Desk) -> None:
    """The repository only marks rows dirty inside an undo step; the step refreshes them
    once at its end (a re-split of a long article must not re-index per sentence)."""
    ids = _reviewed_workspace(seeded_desk)
    calls: list[int] = []
    original = SearchIndex.flush

    def counting_flush(self: SearchIndex) -> None:
        calls.append(len(self._dirty_text) + len(self._dirty_review))
        original(self)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(SearchIndex, "flush", counting_flush)
        edit_resplit(seeded_desk, ids)
        seeded_desk.undo()
    assert len(calls) == 2 and all(calls)
    assert_index_current(seeded_desk)


# -- random sequences of edits ---------------------------------------------------------

TEXTS = ["", "Baku", "Yerevan", "Ministry of Defence", "No count of thirty-two wounded."]
URLS = [
    "https://example.org/prosecutor-statement",
    "https://example.org/hospital-list",
    "https://news.example.com/ganja-shelling",
]
picks = st.integers(min_value=0, max_value=10_000)


class IndexedEdits(RuleBasedStateMachine):
    """Any sequence of edits, undos and redos keeps the index equal to a rebuild."""

    def __init__(self) -> None:
        super().__init__()
        self.desk = Desk.open(None)
        self.desk.importer.import_file(SEED_FILE)
        self.desk.importer.import_text(SECOND_ARTICLE)

    def teardown(self) -> None:
        self.desk.close()

    def sentence(self, pick: int) -> int:
        ids = all_sentence_ids(self.desk)
        return ids[pick % len(ids)]

    @rule(pick=picks, tag=st.sampled_from([*Tag, None]))
    def tag(self, pick: int, tag: Tag | None) -> None:
        self.desk.reviews.set_tag(self.sentence(pick), tag)

    @rule(pick=picks, verdict=st.sampled_from([*VERDICTS_BY_KEY, None]))
    def verdict(self, pick: int, verdict: str | None) -> None:
        self.desk.reviews.set_verdict(self.sentence(pick), verdict)

    @rule(
        pick=picks, field=st.sampled_from(["claimant", "explanation"]), text=st.sampled_from(TEXTS)
    )
    def type_text(self, pick: int, field: str, text: str) -> None:
        self.desk.reviews.set_text_field(self.sentence(pick), field, text)

    @rule(pick=picks, url=st.sampled_from(URLS), excerpt=st.sampled_from(TEXTS))
    def link(self, pick: int, url: str, excerpt: str) -> None:
        with contextlib.suppress(EditRefused):  # already linked
            self.desk.sources.link_source(self.sentence(pick), NewSource(url=url, excerpt=excerpt))

    @rule(pick=picks, which=picks)
    def unlink(self, pick: int, which: int) -> None:
        sid = self.sentence(pick)
        links = self.desk.sources.links(sid)
        if links:
            self.desk.sources.unlink_source(links[which % len(links)].id, sid)

    @rule(pick=picks)
    def merge(self, pick: int) -> None:
        with contextlib.suppress(EditRefused):  # the last sentence of an article
            self.desk.boundaries.merge_with_next(self.sentence(pick))

    @rule(
        pick=picks,
        where=picks,
        review_to=st.sampled_from(["first", "second"]),
        sources_to=st.sampled_from(["both", "first", "second"]),
    )
    def split(self, pick: int, where: int, review_to: str, sources_to: str) -> None:
        sentence = self.desk.repo.sentences.get_sentence(self.sentence(pick))
        spaces = [i for i, c in enumerate(sentence.text) if c == " "]
        if spaces:
            at = sentence.start + spaces[where % len(spaces)]
            with contextlib.suppress(EditRefused):
                self.desk.boundaries.split_sentence(
                    sentence.id, at, review_to=review_to, sources_to=sources_to
                )

    @rule(pick=picks)
    def resplit(self, pick: int) -> None:
        with contextlib.suppress(EditRefused):  # nothing to change
            self.desk.boundaries.resplit_article(
                self.desk.repo.sentences.article_of_sentence(self.sentence(pick))
            )

    @rule(pick=picks, source=picks)
    def copy_verdict(self, pick: int, source: int) -> None:
        with contextlib.suppress(EditRefused):  # the source sentence has no verdict
            self.desk.reviews.copy_verdict(self.sentence(pick), self.sentence(source))

    @rule(pick=picks, source=picks)
    def reuse_sources(self, pick: int, source: int) -> None:
        self.desk.sources.reuse_sources(self.sentence(pick), self.sentence(source))

    @precondition(lambda self: bool(self.desk.edits.undo_steps))
    @rule()
    def undo(self) -> None:
        assert self.desk.undo() is not None

    @precondition(lambda self: bool(self.desk.edits.redo_steps))
    @rule()
    def redo(self) -> None:
        assert self.desk.redo() is not None

    @rule(pick=picks)
    def find_by_quoting(self, pick: int) -> None:
        """Any sentence is found by searching for its own words as a phrase."""
        sentence = self.desk.repo.sentences.get_sentence(self.sentence(pick))
        query = '"' + sentence.text.replace('"', " ") + '"'
        assert sentence.id in hit_ids(self.desk, query, SearchScope.SENTENCES)

    @rule(pick=picks)
    def earlier_verdicts(self, pick: int) -> None:
        sid = self.sentence(pick)
        found = self.desk.lookup.earlier_verdicts(sid)
        assert all(v.found.row.sentence.id != sid for v in found)
        assert all(self.desk.reviews.review(v.found.row.sentence.id).verdict for v in found)

    @invariant()
    def index_equals_rebuild(self) -> None:
        assert_index_current(self.desk)


TestIndexedEdits = IndexedEdits.TestCase
TestIndexedEdits.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


# -- failed edits ---------------------------------------------------------------------


@dataclasses.dataclass
class FailingReviewEdit(Edit):
    """Writes a review (so the index is told) and then fails, as a bug or full disk would."""

    article_id: int
    sentence_id: int

    def apply(self, repo: WorkspaceRepository) -> Change:
        review = repo.reviews.get_review(self.sentence_id).edited(
            claimant="Nobody", verdict="false"
        )
        repo.reviews.save_review(review)
        raise RuntimeError("disk on fire")

    def history_states(self) -> tuple[int | None, object, object]:
        return self.sentence_id, None, None


class FailingStructuralEdit(StructuralEdit):
    def apply(self, repo: WorkspaceRepository) -> Change:
        super().apply(repo)
        raise RuntimeError("disk on fire")


def _assert_still_maintained(desk: Desk, sid: int) -> None:
    """After a failure the index keeps following edits (nothing stuck half-batched)."""
    desk.reviews.set_text_field(sid, "claimant", "Stepanakert officials")
    assert hit_ids(desk, "Stepanakert officials", SearchScope.CLAIMANTS) == {sid}
    assert_index_current(desk)


def test_failed_review_edit_leaves_the_index_as_it_was(seeded_desk: Desk) -> None:
    ids = _reviewed_workspace(seeded_desk)
    before = assert_index_current(seeded_desk)
    with pytest.raises(RuntimeError, match="disk on fire"):
        seeded_desk.edits.push(FailingReviewEdit(1, ids[5]))
    assert index_rows(seeded_desk) == before
    assert seeded_desk.reviews.review(ids[5]).claimant == ""
    assert hit_ids(seeded_desk, "Nobody") == set()
    assert seeded_desk.edits.undo_steps == []
    _assert_still_maintained(seeded_desk, ids[5])


def test_failed_structural_edit_leaves_the_index_as_it_was(seeded_desk: Desk) -> None:
    ids = _reviewed_workspace(seeded_desk)
    before = assert_index_current(seeded_desk)
    first, second = (seeded_desk.repo.sentences.get_sentence(i) for i in ids[3:5])
    snapshots = [SentenceSnapshot.take(seeded_desk.repo, s) for s in (first, second)]
    merged = dataclasses.replace(first, end=second.end)
    edit = FailingStructuralEdit(
        first.article_id, snapshots, [SentenceSnapshot(merged, snapshots[0].review, [])]
    )
    with pytest.raises(RuntimeError, match="disk on fire"):
        seeded_desk.edits.push(edit)
    assert index_rows(seeded_desk) == before
    assert len(seeded_desk.reviews.sentence_rows(first.article_id)) == 11
    _assert_still_maintained(seeded_desk, ids[6])


def test_edit_failing_after_the_index_was_refreshed_rolls_it_back(
    seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history record is written after the index refresh; if it fails, the refreshed
    rows go back with everything else."""
    ids = _reviewed_workspace(seeded_desk)
    before = assert_index_current(seeded_desk)

    def broken(**kwargs: object) -> None:
        raise WorkspaceFull("The disk is full: the change was NOT saved.")

    monkeypatch.setattr(seeded_desk.repo.history, "record_history", broken)
    for attempt in (
        lambda: seeded_desk.reviews.set_text_field(ids[5], "claimant", "Nobody"),
        lambda: seeded_desk.boundaries.merge_with_next(ids[3]),
        lambda: seeded_desk.sources.reuse_sources(ids[6], ids[3]),
        lambda: seeded_desk.boundaries.resplit_article(1),
    ):
        with pytest.raises(WorkspaceFull):
            attempt()
        assert index_rows(seeded_desk) == before
    monkeypatch.undo()
    _assert_still_maintained(seeded_desk, ids[5])


# -- opening older and read-only workspaces ------------------------------------------------


def test_schema_v1_workspace_is_migrated_and_indexed(tmp_path: Path) -> None:
    path = copy_fixture("schema-v1.fcdesk", tmp_path)
    desk = Desk.open(path, backup=False)
    try:
        db = desk.workspace.db
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert desk.repo.settings.get_setting(VERSION_SETTING) == str(SEARCH_INDEX_VERSION)
        assert_index_current(desk)
        ids = seed_ids(desk)
        baku = desk.lookup.search("Baku", SearchScope.CLAIMANTS)
        assert [h.found.row.sentence.id for h in baku.hits] == [ids[4]]
        assert baku.hits[0].matched_in == ("Claimant",)
        for word in ("prosecutor", "statement", "example.org"):
            assert hit_ids(desk, word, SearchScope.SOURCES) == {ids[4]}
        # The fixture's verdicts count as judged: a reworded sentence finds them.
        desk.importer.import_text(SECOND_ARTICLE)
        new = desk.reviews.sentence_rows(2)[0].sentence.id
        assert [v.found.row.sentence.id for v in desk.lookup.earlier_verdicts(new)][:1] == [ids[4]]
    finally:
        desk.close()
    # Opened again, the index is current and is not rebuilt.
    again = Desk.open(path, backup=False)
    try:
        assert hit_ids(again, "prosecutor") == {ids[4]}
    finally:
        again.close()


def test_read_only_schema_v1_workspace_opens_and_keeps_its_bytes(tmp_path: Path) -> None:
    path = copy_fixture("schema-v1.fcdesk", tmp_path)
    before = digest(path)
    desk = Desk.open(path, read_only=True)
    try:
        assert desk.read_only
        assert len(desk.reviews.sentence_rows(1)) == 12
        assert desk.repo.search.row_count() == 12  # a private in-memory index
        assert desk.workspace.db.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        desk.close()
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schema-v1.fcdesk"]


def test_read_only_schema_v1_workspace_can_be_searched(tmp_path: Path) -> None:
    path = copy_fixture("schema-v1.fcdesk", tmp_path)
    before = digest(path)
    desk = Desk.open(path, read_only=True)
    try:
        ids = seed_ids(desk)
        assert hit_ids(desk, "Baku", SearchScope.CLAIMANTS) == {ids[4]}
        assert hit_ids(desk, "prosecutor", SearchScope.SOURCES) == {ids[4]}
        assert desk.lookup.earlier_verdicts(ids[5]) is not None
    finally:
        desk.close()
    assert digest(path) == before


def test_read_only_schema_v2_workspace_searches_its_own_index(tmp_path: Path) -> None:
    path = copy_fixture("schema-v2.fcdesk", tmp_path)
    # Its index was written by rules version 1; its words are the same by today's (it
    # holds no invisible characters, the change of version 2), so it is marked current.
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "UPDATE settings SET value = ? WHERE key = 'search_index_version'",
            [str(SEARCH_INDEX_VERSION)],
        )
    conn.close()
    before = digest(path)
    desk = Desk.open(path, read_only=True)
    try:
        assert desk.repo.search.table == "search_index"  # current: no private copy needed
        ids = seed_ids(desk)
        assert hit_ids(desk, "Baku", SearchScope.CLAIMANTS) == {ids[4]}
        assert hit_ids(desk, "prosecutor") == {ids[4]}
        assert "Search index: complete." in desk.upkeep.check().lines
    finally:
        desk.close()
    assert digest(path) == before


def _stale_workspace(tmp_path: Path) -> tuple[Path, int]:
    """A workspace whose index lost a row behind the app's back."""
    path = tmp_path / "stale.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    ganja = seed_ids(desk)[1]
    desk.close()
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM search_index WHERE rowid = ?", [ganja])
    conn.commit()
    conn.close()
    return path, ganja


def test_same_index_version_is_not_rebuilt_on_open(tmp_path: Path) -> None:
    path, ganja = _stale_workspace(tmp_path)
    desk = Desk.open(path, backup=False)
    try:
        assert ganja not in hit_ids(desk, "332000")
    finally:
        desk.close()


def test_new_index_version_rebuilds_on_next_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, ganja = _stale_workspace(tmp_path)
    monkeypatch.setattr(search_module, "SEARCH_INDEX_VERSION", SEARCH_INDEX_VERSION + 1)
    desk = Desk.open(path, backup=False)
    try:
        assert desk.repo.search.table == "search_index"
        assert hit_ids(desk, "332000") == {ganja}
        assert desk.repo.settings.get_setting(VERSION_SETTING) == str(SEARCH_INDEX_VERSION + 1)
        assert_index_current(desk)
    finally:
        desk.close()


def test_new_index_version_leaves_a_read_only_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = _stale_workspace(tmp_path)
    before = digest(path)
    monkeypatch.setattr(search_module, "SEARCH_INDEX_VERSION", SEARCH_INDEX_VERSION + 1)
    desk = Desk.open(path, read_only=True)
    try:
        assert desk.repo.search.table == "scratch.search_index"
        assert desk.repo.search.row_count() == 12
    finally:
        desk.close()
    assert digest(path) == before


def test_new_index_version_read_only_file_can_be_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, ganja = _stale_workspace(tmp_path)
    monkeypatch.setattr(search_module, "SEARCH_INDEX_VERSION", SEARCH_INDEX_VERSION + 1)
    desk = Desk.open(path, read_only=True)
    try:
        assert hit_ids(desk, "332000") == {ganja}
    finally:
        desk.close()


def _refuse_writing_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the on-disk rebuild fail as on a full disk (the in-memory one still works)."""
    original = SearchIndex.prepare

    def prepare(self: SearchIndex, *, read_only: bool, **options: bool) -> None:
        if not read_only:
            raise WorkspaceFull("The disk is full: the change was NOT saved.")
        original(self, read_only=read_only, **options)

    monkeypatch.setattr(SearchIndex, "prepare", prepare)


def test_writable_workspace_that_cannot_take_the_rebuild_still_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_fixture("schema-v1.fcdesk", tmp_path)
    _refuse_writing_the_index(monkeypatch)
    desk = Desk.open(path, backup=False)
    try:
        assert not desk.read_only
        assert desk.repo.search.table == "scratch.search_index"
        ids = seed_ids(desk)
        desk.reviews.set_text_field(ids[2], "claimant", "Pashinyan")  # edits still keep it current
        rows = desk.workspace.db.execute(
            "SELECT claimant FROM scratch.search_index WHERE rowid = ?", [ids[2]]
        ).fetchone()
        assert rows == ("pashinyan",)
    finally:
        desk.close()


def test_writable_workspace_that_cannot_take_the_rebuild_can_be_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_fixture("schema-v1.fcdesk", tmp_path)
    _refuse_writing_the_index(monkeypatch)
    desk = Desk.open(path, backup=False)
    try:
        assert hit_ids(desk, "Baku", SearchScope.CLAIMANTS) == {seed_ids(desk)[4]}
    finally:
        desk.close()


# -- undo across imports ------------------------------------------------------------------


def test_merge_of_the_last_sentences_can_be_undone_after_an_import(seeded_desk: Desk) -> None:
    ids = seed_ids(seeded_desk)
    seeded_desk.boundaries.merge_with_next(ids[-2])
    seeded_desk.importer.import_text(SECOND_ARTICLE)
    # The import must not take the ids the undo brings back.
    assert seeded_desk.undo() is not None
    assert_index_current(seeded_desk)
    assert len(seeded_desk.reviews.sentence_rows(1)) == 12


def test_undone_split_can_be_redone_after_an_import(seeded_desk: Desk) -> None:
    sentence = seeded_desk.repo.sentences.get_sentence(seed_ids(seeded_desk)[4])
    seeded_desk.boundaries.split_sentence(
        sentence.id, sentence.start + sentence.text.index(" accusing")
    )
    seeded_desk.undo()
    seeded_desk.importer.import_text(SECOND_ARTICLE)
    assert seeded_desk.redo() is not None
    assert_index_current(seeded_desk)
    assert len(seeded_desk.reviews.sentence_rows(1)) == 13


def test_split_giving_sources_to_both_halves_and_the_review_to_the_second(
    seeded_desk: Desk,
) -> None:
    sid = seed_ids(seeded_desk)[4]
    seeded_desk.sources.link_source(sid, NewSource(url="https://example.org/casualty-list"))
    sentence = seeded_desk.repo.sentences.get_sentence(sid)
    at = sentence.start + sentence.text.index(" accusing")
    try:
        seeded_desk.boundaries.split_sentence(sid, at, review_to="second", sources_to="both")
    finally:
        assert_index_current(seeded_desk)
    rows = seeded_desk.reviews.sentence_rows(1)
    assert [r.source_count for r in rows[4:6]] == [1, 1]
    assert hit_ids(seeded_desk, "casualty", SearchScope.SOURCES) == {
        r.sentence.id for r in rows[4:6]
    }


def test_a_tag_or_a_second_verdict_rewrites_no_index_row(seeded_desk: Desk) -> None:
    """A tag changes no searched word and a changed verdict not whether there is one: the
    full-text rows stay as they are (rewriting one deleted and inserted all its tokens
    again on every tag key)."""
    ids = seed_ids(seeded_desk)
    seeded_desk.reviews.set_verdict(ids[2], "mostly_false")
    written: list[str] = []
    conn = seeded_desk.workspace.db.conn
    conn.set_trace_callback(written.append)
    try:
        seeded_desk.reviews.set_tag(ids[2], Tag.CLAIM)
        seeded_desk.reviews.set_verdict(ids[2], "false")
    finally:
        conn.set_trace_callback(None)
    rewrites = [s for s in written if s.startswith(("UPDATE search_index", "DELETE FROM verdict"))]
    assert rewrites == []
    assert_index_current(seeded_desk)
