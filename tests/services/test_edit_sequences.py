"""Undo and redo never lose or corrupt review work, whatever the sequence of edits.

A state machine drives a real desk on a workspace file through random edits (tag,
verdict, status, claimant, explanation, denials, sources, suggestions, copied verdicts,
split, merge, re-split, sign-offs by different reviewers), undos, redos and reopenings,
and checks after every step that the workspace is exactly what it was after that many
undo steps, that the history's hash chain verifies and that the search index holds one
row per sentence.

Run it longer to hunt bugs: FACTCHECK_EDIT_EXAMPLES=2000 (and, optionally,
FACTCHECK_EDIT_STEPS=60) pytest tests/services/test_edit_sequences.py
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from factcheck_app.domain.errors import EditRefused, FactcheckError
from factcheck_app.domain.models import VERDICTS_BY_KEY, Status, Tag
from factcheck_app.services.desk import Desk, NewSource
from tests.conftest import SEED_FILE

# Everything an undo must put back. Left out: the articles table (a re-split records its
# splitter there, on purpose outside undo) and when a source or link row was written (the
# models do not carry it: an undone unlink or a redone link is stamped anew).
STATE_QUERIES = {
    "sentences": "SELECT * FROM sentences ORDER BY id",
    "reviews": "SELECT * FROM reviews ORDER BY sentence_id",
    "versions": "SELECT * FROM review_versions ORDER BY sentence_id, reviewer",
    "links": "SELECT id, sentence_id, source_id, stance, excerpt, reviewer FROM sentence_sources"
    " ORDER BY id",
    "sources": "SELECT id, url, title, publisher, accessed FROM sources ORDER BY id",
    "sign_offs": "SELECT * FROM sign_offs ORDER BY sentence_id",
}
REVIEWERS = ["ana", "ben", "chloé"]
TEXTS = ["", "Baku", "Ministry of Defence", "No count of thirty-two wounded."]
URLS = ["https://example.org/statement", "https://example.org/hospital-list"]
picks = st.integers(min_value=0, max_value=10_000)
SETTABLE = [s for s in Status if s.settable]

State = dict[str, list[tuple[object, ...]]]


def workspace_state(desk: Desk) -> State:
    db = desk.workspace.db
    return {name: [tuple(r) for r in db.execute(sql)] for name, sql in STATE_QUERIES.items()}


def assert_said_in_words(error: FactcheckError) -> None:
    assert str(error).strip(), f"{type(error).__name__} without words"


class EditSequences(RuleBasedStateMachine):
    """`states[k]` is the workspace after the first k steps of the undo stack."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="edit-sequences-"))
        self.path = self.folder / "w.fcdesk"
        self.reviewer = REVIEWERS[0]
        self.desk = Desk.open(self.path, backup=False, reviewer=self.reviewer)
        self.desk.importer.import_file(SEED_FILE)
        self.states = [workspace_state(self.desk)]

    def teardown(self) -> None:
        self.desk.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers ----------------------------------------------------------------------

    def sentence(self, pick: int) -> int:
        ids = [r[0] for r in self.desk.workspace.db.execute("SELECT id FROM sentences ORDER BY id")]
        return ids[pick % len(ids)]

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

    @rule(pick=picks, tag=st.sampled_from([*Tag, None]))
    def tag(self, pick: int, tag: Tag | None) -> None:
        self.edit(self.desk.reviews.set_tag, self.sentence(pick), tag)

    @rule(pick=picks, verdict=st.sampled_from([*VERDICTS_BY_KEY, None]))
    def verdict(self, pick: int, verdict: str | None) -> None:
        self.edit(self.desk.reviews.set_verdict, self.sentence(pick), verdict)

    @rule(pick=picks, status=st.sampled_from(SETTABLE))
    def status(self, pick: int, status: Status) -> None:
        self.edit(self.desk.reviews.set_status, self.sentence(pick), status)

    @rule(
        pick=picks, field=st.sampled_from(["claimant", "explanation"]), text=st.sampled_from(TEXTS)
    )
    def type_text(self, pick: int, field: str, text: str) -> None:
        self.edit(self.desk.reviews.set_text_field, self.sentence(pick), field, text)

    @rule(pick=picks, url=st.sampled_from(URLS), excerpt=st.sampled_from(TEXTS))
    def link(self, pick: int, url: str, excerpt: str) -> None:
        self.edit(
            self.desk.sources.link_source, self.sentence(pick), NewSource(url=url, excerpt=excerpt)
        )

    @rule(pick=picks, which=picks)
    def unlink(self, pick: int, which: int) -> None:
        sid = self.sentence(pick)
        links = self.desk.sources.links(sid)
        if links:
            self.edit(self.desk.sources.unlink_source, links[which % len(links)].id, sid)

    @rule(pick=picks, source=picks)
    def reuse_sources(self, pick: int, source: int) -> None:
        self.edit(self.desk.sources.reuse_sources, self.sentence(pick), self.sentence(source))

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
        for pick, tag, claimant, denies in picked:
            one = self.sentence(pick)
            other = self.sentence(denies)
            denied = other if tag is Tag.DENIAL and other != one else None
            suggestions.append((one, tag, claimant, denied))
        self.edit(self.desk.reviews.accept_suggestions, article_id, dict.fromkeys(suggestions))

    @rule(pick=picks, denied=st.one_of(st.none(), picks))
    def deny(self, pick: int, denied: int | None) -> None:
        target = None if denied is None else self.sentence(denied)
        self.edit(self.desk.reviews.set_denies, self.sentence(pick), target)

    @rule(pick=picks)
    def resplit(self, pick: int) -> None:
        article_id = self.desk.repo.sentences.article_of_sentence(self.sentence(pick))
        self.edit(self.desk.boundaries.resplit_article, article_id)

    @rule(pick=picks, source=picks)
    def copy_verdict(self, pick: int, source: int) -> None:
        self.edit(self.desk.reviews.copy_verdict, self.sentence(pick), self.sentence(source))

    @rule(pick=picks)
    def merge(self, pick: int) -> None:
        self.edit(self.desk.boundaries.merge_with_next, self.sentence(pick))

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

    @rule(pick=picks, note=st.sampled_from(["", "Which hospital list?"]))
    def approve(self, pick: int, note: str) -> None:
        self.edit(self.desk.sign_offs.approve, self.sentence(pick), note)

    @rule(pick=picks, note=st.sampled_from(["", "Which hospital list?"]))
    def send_back(self, pick: int, note: str) -> None:
        self.edit(self.desk.sign_offs.send_back, self.sentence(pick), note)

    @rule(reviewer=st.sampled_from(REVIEWERS))
    def become(self, reviewer: str) -> None:
        """Another reviewer takes the keyboard (Preferences), keeping the undo stack."""
        self.reviewer = reviewer
        self.desk.set_reviewer(reviewer)

    # -- undo, redo, reopen ---------------------------------------------------------------

    def move(self, action: str) -> bool:
        """Undo or redo one step; False when the desk refused it (in words, changing nothing)."""
        before = workspace_state(self.desk)
        try:
            change = self.desk.undo() if action == "undo" else self.desk.redo()
        except EditRefused as error:
            assert_said_in_words(error)
            assert workspace_state(self.desk) == before
            return False
        assert change is not None
        return True

    @precondition(lambda self: bool(self.desk.edits.undo_steps))
    @rule()
    def undo(self) -> None:
        self.move("undo")

    @precondition(lambda self: bool(self.desk.edits.redo_steps))
    @rule()
    def redo(self) -> None:
        self.move("redo")

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
            assert self.move("redo")
            self.workspace_matches_its_steps()
        assert workspace_state(self.desk) == latest

    @rule()
    def reopen(self) -> None:
        """Closing and reopening keeps everything (the undo stack starts anew)."""
        state = workspace_state(self.desk)
        self.desk.close()
        self.desk = Desk.open(self.path, backup=False, reviewer=self.reviewer)
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


TestEditSequences = EditSequences.TestCase
TestEditSequences.settings = settings(
    max_examples=int(os.environ.get("FACTCHECK_EDIT_EXAMPLES", "25")),
    stateful_step_count=int(os.environ.get("FACTCHECK_EDIT_STEPS", "25")),
    derandomize="FACTCHECK_EDIT_EXAMPLES" not in os.environ,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
