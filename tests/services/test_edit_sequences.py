"""Undo and redo never lose or corrupt review work, whatever the sequence of edits.

A state machine drives a real desk on a workspace file through random edits (tag,
verdict, status, claimant, explanation, denials, sources linked, edited and reused,
suggestions, copied verdicts, split, merge, re-split, sign-offs by different reviewers,
articles imported and removed, article properties, a colleague's copy merged in and its
conflicts decided), undos, redos and reopenings, and checks after every step that the
workspace is exactly what it was after that many undo steps, that no undo or redo is
refused as if another program had changed a review (nothing else writes here), that
the history's hash chain verifies and that the search index holds one row per sentence,
with what a rebuild would write in it.

Importing an article is no undo step (the window records it outside the undo stack): it
must leave every undo step working as before, so the states the steps lead to take the
change too (`outside_undo`). Article properties are a step like any edit.

Run it longer to hunt bugs: FACTCHECK_EDIT_EXAMPLES=2000 (and, optionally,
FACTCHECK_EDIT_STEPS=60) pytest tests/services/test_edit_sequences.py
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from factcheck_app.domain.errors import ChangedMeanwhile, EditRefused, FactcheckError
from factcheck_app.domain.matching import index_words
from factcheck_app.domain.models import VERDICTS_BY_KEY, ArticleMetadata, Stance, Status, Tag
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.edits import (
    Change,
    Edit,
    LinkChangedMeanwhile,
    SentencesChangedMeanwhile,
)
from tests.conftest import SEED_FILE

# Everything an undo must put back. Left out: of the articles, their text (the content
# hash stands for it), when each was imported (a redone merge adds its articles anew) and
# which splitter made their sentences (a re-split records it on purpose outside undo);
# when a source or link row was written (the models do not carry it: an undone unlink or
# a redone link is stamped anew); the history (it only grows: `history_verifies`) and the
# settings (marks, high-water ids). A conflict and its decision live in reviews and
# versions.
STATE_QUERIES = {
    "articles": "SELECT id, title, outlet, author, url, published, source_name, content_hash,"
    " language FROM articles ORDER BY id",
    "sentences": "SELECT * FROM sentences ORDER BY id",
    "reviews": "SELECT * FROM reviews ORDER BY sentence_id",
    "versions": "SELECT * FROM review_versions ORDER BY sentence_id, reviewer",
    "links": "SELECT id, sentence_id, source_id, stance, excerpt, reviewer FROM sentence_sources"
    " ORDER BY id",
    "sources": "SELECT id, url, title, publisher, accessed FROM sources ORDER BY id",
    "sign_offs": "SELECT * FROM sign_offs ORDER BY sentence_id",
}
REVIEWERS = ["ana", "ben", "chloé"]
COLLEAGUES = ["dora", "ben"]  # reviewing copies of the workspace elsewhere
TEXTS = ["", "Baku", "Ministry of Defence", "No count of thirty-two wounded."]
URLS = [
    "https://example.org/statement",
    "https://example.org/hospital-list",
    "https://example.org/red-cross",
]
# Pasted as new articles: a sentence or two, each a text of its own.
ARTICLES = [
    "The mayor said the bridge cost 3 million euros.",
    "The senator claimed crime doubled. Police data show a fall of 12 percent.",
    "A spokesman said the factory will close. Workers were told on Monday.",
]
LANGUAGES = ["en", "fr", "de", "und"]
DATES = [None, dt.date(2020, 10, 4), dt.date(2021, 1, 1)]
picks = st.integers(min_value=0, max_value=10_000)
SETTABLE = [s for s in Status if s.settable]

State = dict[str, list[tuple[object, ...]]]


def workspace_state(desk: Desk) -> State:
    db = desk.workspace.db
    return {name: [tuple(r) for r in db.execute(sql)] for name, sql in STATE_QUERIES.items()}


def assert_said_in_words(error: FactcheckError) -> None:
    assert str(error).strip(), f"{type(error).__name__} without words"


def refused_in_words(action: Callable[..., object], *args: object) -> None:
    """Run an edit of the colleague's; a refusal must be in words."""
    try:
        action(*args)
    except FactcheckError as error:
        assert_said_in_words(error)


# What a step says when what it was made from changed before its transaction
# (`Edit.made_from`). Nothing else writes here: said once, it was a false refusal (the
# services make some steps again at once, so only the push sees it).
MEANWHILE = (ChangedMeanwhile, SentencesChangedMeanwhile, LinkChangedMeanwhile)


def watched(desk: Desk) -> Desk:
    """`desk`, its pushes failing the machine on a step refused as changed meanwhile."""
    push = desk.edits.push

    def push_watched(edit: Edit) -> Change:
        try:
            return push(edit)
        except MEANWHILE as error:
            raise AssertionError(f"{type(edit).__name__} refused falsely: {error}") from error

    desk.edits.push = push_watched  # type: ignore[method-assign]
    return desk


def has_articles(machine: EditSequences) -> bool:
    """Whether there is an article to edit (the last one may have been removed)."""
    return machine.desk.articles.count() > 0


class EditSequences(RuleBasedStateMachine):
    """`states[k]` is the workspace after the first k steps of the undo stack."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="edit-sequences-"))
        self.path = self.folder / "w.fcdesk"
        self.reviewer = REVIEWERS[0]
        self.desk = watched(Desk.open(self.path, backup=False, reviewer=self.reviewer))
        self.desk.importer.import_file(SEED_FILE)
        self.states = [workspace_state(self.desk)]
        self.refused = ""  # the last undo or redo refused, in words

    def teardown(self) -> None:
        self.desk.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers ----------------------------------------------------------------------

    def sentence(self, pick: int) -> int:
        ids = [r[0] for r in self.desk.workspace.db.execute("SELECT id FROM sentences ORDER BY id")]
        return ids[pick % len(ids)]

    def judged(self, pick: int) -> int:
        """A sentence with a verdict (what an editor signs off), else any sentence."""
        ids = [
            r[0]
            for r in self.desk.workspace.db.execute(
                "SELECT sentence_id FROM reviews WHERE rating IS NOT NULL ORDER BY sentence_id"
            )
        ]
        return int(ids[pick % len(ids)]) if ids else self.sentence(pick)

    def linked(self, pick: int) -> int:
        """A sentence with a source linked (what Ctrl+Shift+L reuses), else any sentence."""
        ids = [
            r[0]
            for r in self.desk.workspace.db.execute(
                "SELECT DISTINCT sentence_id FROM sentence_sources ORDER BY sentence_id"
            )
        ]
        return int(ids[pick % len(ids)]) if ids else self.sentence(pick)

    def article(self, pick: int) -> int:
        ids = [r[0] for r in self.desk.workspace.db.execute("SELECT id FROM articles ORDER BY id")]
        return int(ids[pick % len(ids)])

    def outside_undo(self, action: Callable[[], object]) -> None:
        """Run a change the desk records outside the undo stack (an import). It is no
        step, and every step must work as before: the states the steps lead to take the
        change too. Rows go by their first column, the id: a new
        row joins every state without that id. A changed row is changed in the states
        on either side of this one that hold it without a break (a merged article's
        redo brings it back as it was undone): past one without it, the id is another
        article's (one removed, that undo restores as it was removed)."""
        done = len(self.desk.edits.undo_steps), len(self.desk.edits.redo_steps)
        before = workspace_state(self.desk)
        try:
            action()
        except FactcheckError as error:
            assert_said_in_words(error)
            assert workspace_state(self.desk) == before
            return
        after = workspace_state(self.desk)
        assert (len(self.desk.edits.undo_steps), len(self.desk.edits.redo_steps)) == done
        here = done[0]
        for table, rows in after.items():
            old = {row[0]: row for row in before[table]}
            new = {row[0]: row for row in rows}
            changed = {key: row for key, row in new.items() if key in old and old[key] != row}
            added = {key: row for key, row in new.items() if key not in old}
            assert old.keys() <= new.keys(), f"{table}: rows went outside undo"
            if not (changed or added):
                continue
            held = [{row[0]: row for row in state[table]} for state in self.states]
            for key, row in changed.items():
                for way in (range(here, -1, -1), range(here + 1, len(held))):
                    for index in way:
                        if key not in held[index]:
                            break
                        held[index][key] = row
            for key, row in added.items():
                for rows_by_id in held:
                    rows_by_id.setdefault(key, row)
            for state, rows_by_id in zip(self.states, held, strict=True):
                state[table] = [rows_by_id[key] for key in sorted(rows_by_id)]  # type: ignore[type-var]

    def edit(self, action: object, *args: object, **kwargs: object) -> None:
        """Run one edit; refusals must be in words and change nothing."""
        assert callable(action)
        done = len(self.desk.edits.undo_steps)
        before = workspace_state(self.desk)
        try:
            action(*args, **kwargs)
        except FactcheckError as error:
            assert_said_in_words(error)
            assert workspace_state(self.desk) == before
            assert len(self.desk.edits.undo_steps) == done
            return
        now = len(self.desk.edits.undo_steps)
        state = workspace_state(self.desk)
        if now == done + 1:  # a new step: what was redoable is gone
            del self.states[done + 1 :]
            self.states.append(state)
        elif now == done and state != before:  # typing merged into the newest step
            assert done > 0, "an edit changed the workspace without an undo step"
            del self.states[done + 1 :]
            self.states[done] = state
        else:
            assert now == done and state == before, "an edit with no undo step"

    # -- edits ------------------------------------------------------------------------

    @precondition(has_articles)
    @rule(pick=picks, tag=st.sampled_from([*Tag, None]))
    def tag(self, pick: int, tag: Tag | None) -> None:
        self.edit(self.desk.reviews.set_tag, self.sentence(pick), tag)

    @precondition(has_articles)
    @rule(pick=picks, verdict=st.sampled_from([*VERDICTS_BY_KEY, None]))
    def verdict(self, pick: int, verdict: str | None) -> None:
        self.edit(self.desk.reviews.set_verdict, self.sentence(pick), verdict)

    @precondition(has_articles)
    @rule(pick=picks, status=st.sampled_from(SETTABLE))
    def status(self, pick: int, status: Status) -> None:
        self.edit(self.desk.reviews.set_status, self.sentence(pick), status)

    @precondition(has_articles)
    @rule(
        pick=picks, field=st.sampled_from(["claimant", "explanation"]), text=st.sampled_from(TEXTS)
    )
    def type_text(self, pick: int, field: str, text: str) -> None:
        self.edit(self.desk.reviews.set_text_field, self.sentence(pick), field, text)

    @precondition(has_articles)
    @rule(pick=picks, url=st.sampled_from(URLS), excerpt=st.sampled_from(TEXTS))
    def link(self, pick: int, url: str, excerpt: str) -> None:
        self.edit(
            self.desk.sources.link_source, self.sentence(pick), NewSource(url=url, excerpt=excerpt)
        )

    @precondition(has_articles)
    @rule(pick=picks, which=picks)
    def unlink(self, pick: int, which: int) -> None:
        sid = self.sentence(pick)
        links = self.desk.sources.links(sid)
        if links:
            self.edit(self.desk.sources.unlink_source, links[which % len(links)].id, sid)

    @precondition(has_articles)
    @rule(pick=picks, source=picks)
    def reuse_sources(self, pick: int, source: int) -> None:
        self.edit(self.desk.sources.reuse_sources, self.sentence(pick), self.linked(source))

    @precondition(has_articles)
    @rule(
        picked=st.lists(
            st.tuples(picks, st.sampled_from(list(Tag)), st.sampled_from(TEXTS), picks),
            min_size=1,
            max_size=3,
        )
    )
    def accept_suggestions(self, picked: list[tuple[int, Tag, str, int]]) -> None:
        sid = self.sentence(picked[0][0])
        article_id = self.desk.repo.sentences.article_of_sentence(sid)
        suggestions = []
        article_of = self.desk.repo.sentences.article_of_sentence
        for pick, tag, claimant, denies in picked:
            one = self.sentence(pick)
            other = self.sentence(denies)
            # Accept All takes one article's suggestions, each denial of a claim in it (as
            # the assist suggests): a batch across articles is none the desk makes, and
            # its denial into another article was called unlike its history once a
            # re-split there re-pointed it.
            if article_of(one) != article_id:
                continue
            same = other != one and article_of(other) == article_id
            denied = other if tag is Tag.DENIAL and same else None
            suggestions.append((one, tag, claimant, denied))
        self.edit(self.desk.reviews.accept_suggestions, article_id, dict.fromkeys(suggestions))

    @precondition(has_articles)
    @rule(pick=picks, denied=st.one_of(st.none(), picks))
    def deny(self, pick: int, denied: int | None) -> None:
        target = None if denied is None else self.sentence(denied)
        self.edit(self.desk.reviews.set_denies, self.sentence(pick), target)

    @precondition(has_articles)
    @rule(pick=picks)
    def resplit(self, pick: int) -> None:
        article_id = self.desk.repo.sentences.article_of_sentence(self.sentence(pick))
        self.edit(self.desk.boundaries.resplit_article, article_id)

    @precondition(has_articles)
    @rule(pick=picks, source=picks)
    def copy_verdict(self, pick: int, source: int) -> None:
        self.edit(self.desk.reviews.copy_verdict, self.sentence(pick), self.judged(source))

    @precondition(has_articles)
    @rule(pick=picks)
    def merge(self, pick: int) -> None:
        self.edit(self.desk.boundaries.merge_with_next, self.sentence(pick))

    @precondition(has_articles)
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
            self.edit(
                self.desk.boundaries.split_sentence,
                sentence.id,
                at,
                review_to=review_to,
                sources_to=sources_to,
            )

    @precondition(has_articles)
    @rule(pick=picks, note=st.sampled_from(["", "Which hospital list?"]))
    def approve(self, pick: int, note: str) -> None:
        self.edit(self.desk.sign_offs.approve, self.judged(pick), note)

    @precondition(has_articles)
    @rule(pick=picks, note=st.sampled_from(["", "Which hospital list?"]))
    def send_back(self, pick: int, note: str) -> None:
        self.edit(self.desk.sign_offs.send_back, self.judged(pick), note)

    @rule(reviewer=st.sampled_from(REVIEWERS))
    def become(self, reviewer: str) -> None:
        """Another reviewer takes the keyboard (Preferences), keeping the undo stack."""
        self.reviewer = reviewer
        self.desk.set_reviewer(reviewer)

    @precondition(has_articles)
    @rule(
        pick=picks,
        which=picks,
        fields=st.tuples(
            st.sampled_from([*URLS, None]),
            st.sampled_from(["", "Statement", "Hospital list"]),
            st.sampled_from(["", "Ministry of Health"]),
            st.sampled_from(DATES),
            st.sampled_from(list(Stance)),
            st.sampled_from(TEXTS),
        ),
    )
    def edit_source(
        self,
        pick: int,
        which: int,
        fields: tuple[str | None, str, str, dt.date | None, Stance, str],
    ) -> None:
        """Edit Source (F2): the source's title, publisher and accessed date, the link's
        stance and excerpt, and, with another URL, the link pointed at another source."""
        sid = self.sentence(pick)
        links = self.desk.sources.links(sid)
        if not links:
            return
        link = links[which % len(links)]
        url, title, publisher, accessed, stance, excerpt = fields
        new = NewSource(url or link.source.url, title, publisher, accessed, stance, excerpt)
        self.edit(self.desk.sources.edit_link, link.id, sid, new)

    @rule(text=st.sampled_from(ARTICLES))
    def import_article(self, text: str) -> None:
        """Edit → Paste as New Article (the same text again is found, not imported)."""
        self.outside_undo(lambda: self.desk.importer.import_text(text))

    @precondition(has_articles)
    @rule(pick=picks)
    def remove_article(self, pick: int) -> None:
        """File → Remove Article… (refused in words when anything is recorded on it)."""
        self.edit(self.desk.articles.remove_article, self.article(pick))

    @precondition(has_articles)
    @rule(
        pick=picks,
        title=st.sampled_from(["", "Ganja shelled", "Bridge"]),
        outlet=st.sampled_from(["", "Daily Sabah"]),
        url=st.sampled_from(["", URLS[0]]),
        published=st.sampled_from(DATES),
        language=st.sampled_from(LANGUAGES),
        resplit=st.booleans(),
    )
    def properties(
        self,
        pick: int,
        title: str,
        outlet: str,
        url: str,
        published: dt.date | None,
        language: str,
        resplit: bool,
    ) -> None:
        """Article Properties; a changed language is offered a re-split (Re-split Now)."""
        article_id = self.article(pick)
        before = self.desk.articles.article_metadata(article_id)
        metadata = ArticleMetadata(title, outlet, before.author, url, published, language=language)
        self.edit(self.desk.articles.update_article_metadata, article_id, metadata)
        if resplit and language != before.language:
            self.edit(self.desk.boundaries.resplit_article, article_id)

    @rule(other=st.sampled_from(COLLEAGUES))
    def hand_out_copy(self, other: str) -> None:
        """A colleague takes a copy of this workspace (a backup, copied: backups are
        read-only) to review on their own machine; it may be merged back much later."""
        backup = self.desk.upkeep.backup_now("colleague")
        shutil.copyfile(backup, self.folder / f"{other}.fcdesk")
        backup.unlink()

    @rule(
        other=st.sampled_from(COLLEAGUES),
        brings=st.one_of(st.none(), st.integers(0, len(ARTICLES) - 1)),
        joins=st.one_of(st.none(), picks),
        theirs=st.lists(
            st.tuples(
                picks,
                st.sampled_from([*VERDICTS_BY_KEY, None]),
                st.sampled_from(list(Tag)),
                st.sampled_from(URLS),
                st.sampled_from(["", "Their title"]),
            ),
            max_size=4,
        ),
    )
    def colleague_reviews(
        self,
        other: str,
        brings: int | None,
        joins: int | None,
        theirs: list[tuple[int, str | None, Tag, str, str]],
    ) -> None:
        """The colleague works on their copy: an article of their own, two sentences
        merged, tags, verdicts, sources linked and edited (their sentences then line up
        with ours otherwise, and the same sentences reviewed otherwise are conflicts)."""
        copy = self.folder / f"{other}.fcdesk"
        if not copy.exists():
            self.hand_out_copy(other)
        colleague = Desk.open(copy, backup=False, reviewer=other)
        try:
            if brings is not None:
                colleague.importer.import_text(ARTICLES[brings])
            db = colleague.workspace.db
            ids = [r[0] for r in db.execute("SELECT id FROM sentences ORDER BY id")]
            if ids and joins is not None:
                refused_in_words(colleague.boundaries.merge_with_next, ids[joins % len(ids)])
                ids = [r[0] for r in db.execute("SELECT id FROM sentences ORDER BY id")]
            for pick, verdict, tag, url, title in theirs if ids else []:
                sid = ids[pick % len(ids)]
                refused_in_words(colleague.reviews.set_tag, sid, tag)
                refused_in_words(colleague.reviews.set_verdict, sid, verdict)
                refused_in_words(colleague.sources.link_source, sid, NewSource(url, title=title))
                links = colleague.sources.links(sid)
                if links and title:
                    link = links[0]
                    edited = NewSource(link.source.url, title, "", None, Stance.REFUTES, title)
                    refused_in_words(colleague.sources.edit_link, link.id, sid, edited)
        finally:
            colleague.close()

    @rule(other=st.sampled_from(COLLEAGUES))
    def merge_copy(self, other: str) -> None:
        """File → Merge Workspace… of the colleague's copy (perhaps an old one)."""
        copy = self.folder / f"{other}.fcdesk"
        if copy.exists():
            self.edit(self.desk.merge.merge, copy)

    @rule(pick=picks, which=picks)
    def decide(self, pick: int, which: int) -> None:
        """Decide a conflict: keep one reviewer's version."""
        db = self.desk.workspace.db
        conflicts = [
            r[0]
            for r in db.execute(
                "SELECT sentence_id FROM reviews WHERE status = ? ORDER BY sentence_id",
                [Status.CONFLICT.value],
            )
        ]
        if not conflicts:
            return
        sid = conflicts[pick % len(conflicts)]
        versions = self.desk.merge.versions(sid)
        self.edit(self.desk.reviews.decide, sid, versions[which % len(versions)])

    # -- undo, redo, reopen ---------------------------------------------------------------

    def move(self, action: str) -> bool:
        """Undo or redo one step; False when the desk refused it (in words, changing nothing)."""
        before = workspace_state(self.desk)
        done = len(self.desk.edits.undo_steps)
        try:
            change = self.desk.undo() if action == "undo" else self.desk.redo()
        except EditRefused as error:
            assert_said_in_words(error)
            assert workspace_state(self.desk) == before
            self.refused = str(error)
            # Everything here is done in this one desk (a colleague works on a copy): a
            # review is never changed behind its undo stack, so an undo or redo must
            # never be refused as if another program had changed it (ReviewEdit.refusal).
            assert "by another program" not in self.refused, self.refused
            if len(self.desk.edits.undo_steps) < done:
                self.undo_dropped(done)
            return False
        assert change is not None
        return True

    def undo_dropped(self, done: int) -> None:
        """The newest of `done` undo steps was refused for good and dropped: it stays
        done, so every state beneath it takes what it did, and the steps beneath must
        undo as ever."""
        assert len(self.desk.edits.undo_steps) == done - 1
        step_before, step_after = self.states[done - 1], self.states[done]
        for table, rows in step_after.items():
            old = {row[0]: row for row in step_before[table]}
            new = {row[0]: row for row in rows}
            gone = old.keys() - new.keys()
            made = {key: row for key, row in new.items() if old.get(key) != row}
            for state in self.states[: done - 1]:
                kept = {row[0]: row for row in state[table] if row[0] not in gone}
                kept.update(made)
                state[table] = [kept[key] for key in sorted(kept)]  # type: ignore[type-var]
        del self.states[done - 1]

    @precondition(lambda self: bool(self.desk.edits.undo_steps))
    @rule()
    def undo(self) -> None:
        self.move("undo")

    @precondition(lambda self: bool(self.desk.edits.redo_steps))
    @rule()
    def redo(self) -> None:
        self.move("redo")

    @precondition(lambda self: bool(self.desk.edits.undo_steps))
    @rule(steps=st.integers(2, 6))
    def undo_several(self, steps: int) -> None:
        """Ctrl+Z held down: the steps further back are undone too."""
        for _ in range(steps):
            if not (self.desk.edits.undo_steps and self.move("undo")):
                break
            self.workspace_matches_its_steps()

    @precondition(lambda self: bool(self.desk.edits.redo_steps))
    @rule(steps=st.integers(2, 6))
    def redo_several(self, steps: int) -> None:
        for _ in range(steps):
            if not (self.desk.edits.redo_steps and self.move("redo")):
                break
            self.workspace_matches_its_steps()

    @precondition(lambda self: bool(self.desk.edits.undo_steps))
    @rule()
    def undo_all_then_redo_all(self) -> None:
        """Undoing everything gives the start back, redoing everything the state before."""
        steps = len(self.desk.edits.undo_steps)
        latest = workspace_state(self.desk)
        undone = 0
        while self.desk.edits.undo_steps and self.move("undo"):
            undone += 1
            self.workspace_matches_its_steps()
        if undone == steps:
            assert workspace_state(self.desk) == self.states[0]
        for _ in range(undone):
            assert self.move("redo"), self.refused
            self.workspace_matches_its_steps()
        assert workspace_state(self.desk) == latest

    @rule()
    def reopen(self) -> None:
        """Closing and reopening keeps everything (the undo stack starts anew)."""
        state = workspace_state(self.desk)
        self.desk.close()
        self.desk = watched(Desk.open(self.path, backup=False, reviewer=self.reviewer))
        assert workspace_state(self.desk) == state
        self.states = [state]

    # -- invariants -----------------------------------------------------------------------

    @invariant()
    def workspace_matches_its_steps(self) -> None:
        done = len(self.desk.edits.undo_steps)
        assert len(self.states) == done + len(self.desk.edits.redo_steps) + 1
        assert workspace_state(self.desk) == self.states[done]

    @invariant()
    def history_verifies(self) -> None:
        verification = self.desk.history.verify()
        assert verification.ok, verification.summary()

    @invariant()
    def one_index_row_per_sentence(self) -> None:
        assert self.desk.repo.search.check_and_repair(writable=False) == "Search index: complete."
        db = self.desk.workspace.db
        rows = [r[0] for r in db.execute("SELECT rowid FROM search_index ORDER BY rowid")]
        assert rows == [r[0] for r in db.execute("SELECT id FROM sentences ORDER BY id")]

    @invariant()
    def index_rows_hold_what_the_workspace_says(self) -> None:
        """Each sentence's row has its words, claimant, explanation and sources as a
        rebuild would write them, and the earlier-verdict index has the judged ones."""
        search = self.desk.repo.search
        db = self.desk.workspace.db
        ids = [r[0] for r in db.execute("SELECT id FROM sentences ORDER BY id")]
        expected = search._review_columns(ids)  # what a rebuild writes (storage/search.py)
        held = {
            r[0]: tuple(r[1:])
            for r in db.execute(
                "SELECT rowid, words, claimant, explanation, sources FROM search_index"
            )
        }
        for sid in ids:
            sentence = self.desk.repo.sentences.get_sentence(sid)
            assert held[sid] == (index_words(sentence.text), *expected[sid][:3]), sid
        judged = {r[0] for r in db.execute("SELECT rowid FROM verdict_index")}
        assert judged == {sid for sid in ids if expected[sid][3]}


TestEditSequences = EditSequences.TestCase
TestEditSequences.settings = settings(
    max_examples=int(os.environ.get("FACTCHECK_EDIT_EXAMPLES", "25")),
    stateful_step_count=int(os.environ.get("FACTCHECK_EDIT_STEPS", "25")),
    derandomize="FACTCHECK_EDIT_EXAMPLES" not in os.environ,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def test_an_undo_refused_for_good_is_dropped_and_the_steps_beneath_undo_as_ever() -> None:
    """A sequence the machine above seldom reaches: an article removed, its text pasted
    again, then Ctrl+Z of the removal (refused for good, dropped). The tag given before
    it must still undo and redo, the removal staying done in every state."""
    machine = EditSequences()
    try:
        machine.tag(0, Tag.CLAIM)
        machine.import_article(ARTICLES[0])
        machine.remove_article(1)  # the pasted one, after the sample
        machine.import_article(ARTICLES[0])
        assert len(machine.desk.edits.undo_steps) == 2
        assert not machine.move("undo")
        assert "Ctrl+Z goes on with the step before it" in machine.refused
        machine.workspace_matches_its_steps()
        machine.undo_all_then_redo_all()
        assert machine.desk.articles.count() == 2
    finally:
        machine.teardown()


def test_undo_and_redo_of_the_desks_own_steps_are_never_refused_as_changed_elsewhere() -> None:
    """The ways one window changes a review besides its newest step, in one sequence:
    typing merged into an earlier step, a denial re-pointed by a merge of sentences, a
    copied verdict, suggestions accepted, a sign-off, a colleague's copy merged in and
    its conflict decided, three undos and a new edit. Ctrl+Z all the way back and
    Ctrl+Y all the way forward take every step (`move` fails on "by another program")."""
    machine = EditSequences()
    try:
        machine.tag(0, Tag.CLAIM)
        machine.verdict(0, "false")
        machine.hand_out_copy("dora")
        machine.type_text(0, "explanation", TEXTS[1])
        machine.type_text(0, "explanation", TEXTS[3])  # one step with the one before
        machine.tag(3, Tag.DENIAL)
        machine.deny(3, 1)
        machine.merge(0)  # the denied claim merged into the one before: the denial follows
        machine.copy_verdict(5, 0)
        machine.accept_suggestions([(6, Tag.CLAIM, TEXTS[2], 0), (7, Tag.CLAIM, "", 0)])
        machine.become("ben")
        machine.approve(0, "")  # ben's sign-off: ben goes on (only an editor undoes it)
        machine.colleague_reviews("dora", None, None, [(0, "true", Tag.CLAIM, URLS[0], "")])
        machine.merge_copy("dora")
        machine.decide(0, 0)
        for _ in range(3):
            assert machine.move("undo"), machine.refused
        machine.type_text(2, "claimant", TEXTS[2])
        machine.undo_all_then_redo_all()
        assert not machine.desk.edits.redo_steps
    finally:
        machine.teardown()
