"""Sign-off: an editor approves a decided verdict, or returns it with a note. Each is an
undoable edit with its history entry; the rules are in `domain/sign_off.py`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from factcheck_app.domain.errors import ChangedMeanwhile, EditRefused
from factcheck_app.domain.history import HistoryEntry, canonical
from factcheck_app.domain.models import Review, SignOff, SignOffDecision, Status
from factcheck_app.domain.review_rules import typed_too_long
from factcheck_app.domain.sign_off import (
    AWAITING_COUNTED,
    SignOffState,
    gives_verdict,
    refusal,
    same_person,
    sign_off_state,
)
from factcheck_app.services.edits import Change, Edit, EditStack, refuse_sign_off_moved_on
from factcheck_app.services.history import Move, sentence_steps, taken_back
from factcheck_app.storage.repositories import WorkspaceRepository, now_iso


@dataclass
class SignOffEdit(Edit):
    """Approve or return one sentence's verdict; undo puts back the sign-off before."""

    article_id: int
    sentence_id: int
    before: SignOff | None
    after: SignOff
    description: str = "Sign off"
    entity = "sign_off"
    # The review and sign-off as read to make the step (`_signed`), looked at again in
    # the step's own transaction at its first run (`Edit.made_from`): read apart, a
    # verdict another program changed in between was shown as approved by an editor who
    # never saw it, and a return saved meanwhile was written over (its undo then took the
    # note away for good).
    made_from: object = None

    def made_from_now(self, repo: WorkspaceRepository) -> object:
        return _signed(repo, self.sentence_id)

    def changed_meanwhile(self, now: object) -> EditRefused:
        return SignOffChangedMeanwhile(
            "This verdict or its sign-off was changed while your sign-off was being "
            "saved (by another program, or a merge undone or redone): nothing was "
            "signed off. Look at the verdict again, then sign it off."
        )

    def apply(self, repo: WorkspaceRepository) -> Change:
        repo.sign_offs.save(self.after)
        return Change(self.article_id, (self.sentence_id,), texts={self.sentence_id: {}})

    def revert(self, repo: WorkspaceRepository) -> Change:
        if self.before is None:
            repo.sign_offs.delete(self.sentence_id)
        else:
            repo.sign_offs.save(self.before)
        return Change(self.article_id, (self.sentence_id,), texts={self.sentence_id: {}})

    def history_states(self) -> tuple[int | None, object, object]:
        before = {"sign_off": self.before.state() if self.before else None}
        return self.sentence_id, before, {"sign_off": self.after.state()}

    def sentence_ids(self) -> tuple[int, ...]:
        return (self.sentence_id,)

    def refusal(self, repo: WorkspaceRepository, actor: str, action: str) -> str | None:
        """An editor's sign-off is undone or redone by an editor: the checker undoing a
        return (back to an approval) or redoing an approval would sign off their own
        verdict in the editor's name. Refused for good when the sign-off is no longer
        what this step left it (undo) or found it (redo): another program changed it
        since, and Ctrl+Z took its return, note and all, away without a word."""
        expected = self.after if action == "undo" else self.before
        refuse_sign_off_moved_on(repo, self.sentence_id, expected, action, self.description)
        review = repo.reviews.get_review(self.sentence_id)
        givers = verdict_givers(repo, review, verdict_author(repo, review))
        checkers = [self.after.checker, review.reviewer, *givers]
        if not any(same_person(actor, name) for name in checkers):
            return None
        return (
            f"You gave this verdict, so you cannot {action} its sign-off yourself: "
            f"{self.after.editor} or another editor can."
        )


class SignOffChangedMeanwhile(ChangedMeanwhile):
    """A sign-off found the verdict or its sign-off, in its own transaction, other than
    it was read to make it: nothing was written, and the editor looks again (the window
    shows the article as saved now)."""


@dataclass(frozen=True, slots=True)
class Awaiting:
    """Verdicts of colleagues awaiting sign-off (`SignOffs.awaiting_from_others`)."""

    by_checker: dict[str, dict[int, int]]  # colleague -> article id -> how many
    more: bool = False  # a colleague has more than AWAITING_COUNTED: the counts stop there
    # Each verdict counted: sentence id -> (colleague as named in `by_checker`, article id).
    sentences: dict[int, tuple[str, int]] = field(default_factory=dict)


def _awaiting(sentences: dict[int, tuple[str, int]], more: bool = False) -> Awaiting:
    found: dict[str, dict[int, int]] = {}
    for name, article_id in sentences.values():
        by_article = found.setdefault(name, {})
        by_article[article_id] = by_article.get(article_id, 0) + 1
    return Awaiting(found, more, sentences)


class SignOffs:
    """Approving and returning verdicts, and where each sentence stands."""

    def __init__(self, repo: WorkspaceRepository, edits: EditStack) -> None:
        self.repo = repo
        self.edits = edits

    def sign_off(self, sentence_id: int) -> SignOff | None:
        return self.repo.sign_offs.get(sentence_id)

    def state(self, sentence_id: int) -> SignOffState | None:
        return sign_off_state(self.repo.reviews.get_review(sentence_id), self.sign_off(sentence_id))

    def checker(self, sentence_id: int) -> str:
        """Who checked the sentence's decided verdict: its author by the history
        (`verdict_author`), else whoever saved the review last."""
        review = self.repo.reviews.get_review(sentence_id)
        return verdict_author(self.repo, review) or review.reviewer

    def returned_to(self, checker: str) -> dict[int, int]:
        """How many of `checker`'s verdicts an editor returned, by article: returned and
        not changed since (the Show box's Returned), the name compared as `same_person`."""
        found: dict[int, int] = {}
        for name, article_id, count in self.repo.sign_offs.returned_by_checker():
            if same_person(name, checker):
                found[article_id] = found.get(article_id, 0) + count
        return found

    def awaiting_from_others(self, reviewer: str) -> Awaiting:
        """How many verdicts of colleagues await `reviewer`'s sign-off, by colleague (the
        name as first met) and article: done, with a verdict, signed off by nobody, and
        last saved by someone who is not `reviewer` (`same_person`). The desk has no
        roles: whoever opens a colleague's settled verdicts is the one who may sign them
        off. By the review's reviewer, not its history's author (`verdict_author` reads
        each sentence's history: seconds on a year's workspace). Counted up to
        `AWAITING_COUNTED` a colleague (`Awaiting.more`); a workspace whose every review
        is `reviewer`'s reads only the names (`SignOffStore.reviewers`)."""
        sentences: dict[int, tuple[str, int]] = {}
        known: list[str] = []  # each colleague once, by the name first met
        more = False
        store = self.repo.sign_offs
        for name in store.reviewers():
            if not name.strip() or same_person(name, reviewer):
                continue
            rows = store.awaiting_of(name, AWAITING_COUNTED + 1)
            if not rows:
                continue
            whose = next((n for n in known if same_person(n, name)), None)
            if whose is None:
                known.append(name)
                whose = name
            sentences.update((sentence_id, (whose, article_id)) for sentence_id, article_id in rows)
            more = more or len(rows) > AWAITING_COUNTED
        return _awaiting(sentences, more)

    def awaiting_after(
        self, reviewer: str, before: Awaiting, sentence_ids: Iterable[int]
    ) -> Awaiting:
        """`before` (`awaiting_from_others`) after an edit, undo or redo that touched only
        `sentence_ids`: those looked at again, the others as counted (an editor signing
        off one after another while the count was owed read every colleague's reviews at
        each key, 200 ms on a year's workspace mostly signed off). Counted no further
        (`Awaiting.more`): as it was, "more than 1,000" still."""
        if before.more:
            return before
        touched = set(sentence_ids)
        named = dict.fromkeys(name for name, _article in before.sentences.values())
        known = [name for name in named if not same_person(name, reviewer)]  # not hers now
        sentences = {
            k: v for k, v in before.sentences.items() if k not in touched and v[0] in known
        }
        for sentence_id, article_id, name in self.repo.sign_offs.awaiting_among(touched):
            if not name.strip() or same_person(name, reviewer):
                continue
            whose = next((n for n in known if same_person(n, name)), None)
            if whose is None:
                known.append(name)
                whose = name
            sentences[sentence_id] = (whose, article_id)
        return _awaiting(sentences)

    def awaiting_articles(self, reviewer: str) -> frozenset[int]:
        """The articles holding a verdict awaiting `reviewer`'s sign-off (the Show box's
        Awaiting sign-off, `sign_off_state`) that a colleague saved last: what
        `awaiting_from_others` counts at the open, every one (not stopped at
        `AWAITING_COUNTED`). An article where only `reviewer`'s own verdicts await is not
        one to sign off: listed for her, it was not in the count that sent her there."""
        colleague: dict[str, bool] = {}  # each name compared once, not once an article
        found = set()
        for article_id, name in self.repo.sign_offs.awaiting_articles():
            if name not in colleague:
                colleague[name] = bool(name.strip()) and not same_person(name, reviewer)
            if colleague[name]:
                found.add(article_id)
        return frozenset(found)

    def approve(self, sentence_id: int, note: str = "") -> Change:
        """The editor (the desk's reviewer) approves the sentence's decided verdict."""
        return self._sign(sentence_id, SignOffDecision.APPROVED, note)

    def send_back(self, sentence_id: int, note: str) -> Change:
        """The editor returns the verdict to its checker with a note saying what is missing."""
        return self._sign(sentence_id, SignOffDecision.RETURNED, note)

    def check_may_return(self, sentence_id: int) -> None:
        """EditRefused, in words, when the desk's reviewer may not return this verdict
        whatever the note says (asked before the window asks for the note)."""
        review = self.repo.reviews.get_review(sentence_id)
        author = verdict_author(self.repo, review)
        self._check(review, author, SignOffDecision.RETURNED, "(a note)")

    def _check(
        self, review: Review, author: str | None, decision: SignOffDecision, note: str
    ) -> None:
        givers = verdict_givers(self.repo, review, author)
        why = refusal(review, self.edits.actor, decision, note, givers)
        if why is not None:
            raise EditRefused(why)

    def _sign(self, sentence_id: int, decision: SignOffDecision, note: str) -> Change:
        article_id = self.repo.sentences.article_of_sentence(sentence_id)
        editor = self.edits.actor
        # Read once, and what the step is made from (read twice, it could be made from
        # one and checked against the other).
        review = self.repo.reviews.get_review(sentence_id)
        before = self.repo.sign_offs.get(sentence_id)
        made_from = _signed_of(review, before)
        author = verdict_author(self.repo, review)  # read once: the refusal and the record
        self._check(review, author, decision, note)
        refused = typed_too_long("note", note.strip(), before.note if before else "")
        if refused is not None:
            raise EditRefused(refused)
        checker = author or review.reviewer
        after = SignOff(sentence_id, decision, editor, checker, note.strip(), now_iso())
        if (
            before is not None
            and (before.decision, before.note) == (after.decision, after.note)
            and same_person(before.editor, after.editor)  # "zoë ngata" is Zoë Ngata here too
        ):
            raise EditRefused(f"You {decision.value} this verdict already.")
        words = "Approve verdict" if decision is SignOffDecision.APPROVED else "Return verdict"
        return self.edits.push(
            SignOffEdit(article_id, sentence_id, before, after, words, made_from=made_from)
        )


def _signed(repo: WorkspaceRepository, sentence_id: int) -> object:
    """What a sign-off is made from, read now (`_signed_of`)."""
    return _signed_of(repo.reviews.get_review(sentence_id), repo.sign_offs.get(sentence_id))


def _signed_of(review: Review, sign_off: SignOff | None) -> object:
    """What a sign-off is made from: the decided review (who saved it names the checker)
    and the sign-off it replaces, comparable with the same read later."""
    return (
        review.content_fields(),
        review.reviewer,
        sign_off.state() if sign_off is not None else None,
    )


def verdict_givers(repo: WorkspaceRepository, review: Review, author: str | None) -> list[str]:
    """The reviewers whose own finished review of the sentence gives its decided verdict
    (`domain/sign_off.gives_verdict`), and its `author` by the history (`verdict_author`)."""
    givers = [
        version.reviewer
        for version in repo.reviews.versions(review.sentence_id)
        if gives_verdict(version, review)
    ]
    return givers if author is None else [*givers, author]


def verdict_author(repo: WorkspaceRepository, review: Review) -> str | None:
    """Who gave the sentence its verdict, as the history tells it: the reviewer of the
    newest step (not an undo or a redo) that changed the verdict to the one it has now. A
    redo puts back a step whose own entry names who took it, so an editor who undoes and
    redoes a checker's verdict does not become its author. A colleague
    who then fixed a typo in the explanation did not give it, so a sign-off names the
    verdict's author as its checker. Nor does whoever merged it in (a merge redone writes
    its entries after the checker's own), or an editor who decided a conflict for it: she
    chose a verdict a checker gave. None when the history does not say (a workspace from
    before the history, or a hand-edited entry).

    Nor did a colleague whose file, merged in, gave the sentence the verdict it already
    had here (`_had_it_before`): two checkers who agree each gave it in their own file,
    the desk kept the review merged first, and the later merge only appended the other's
    entries after it. The checker is the one whose review the desk kept (one who saved
    the decided review, as when an editor kept their review in a conflict, still is).

    Nor did a step taken back by an undo since (and not redone): a colleague who changed
    the verdict and back, then undid both, left it its checker's, but her undone step
    "to false" read as the one that gave it, and she could neither approve it nor undo
    her approval of it (refused on top of the undo stack, every Ctrl+Z hit it). Which
    step an undo took back is `services/history.taken_back`'s, as a merge reads it."""
    if review.verdict is None:
        return None
    newer = _Since()
    every: list[tuple[HistoryEntry, Any, Any]] | None = None  # read once, when first needed
    for entry, before, after in sentence_steps(repo, review.sentence_id):
        newer.add(entry, before, after)
        # Putting back a verdict (a redo) is not giving it: the step is further back; nor
        # is bringing one in (a merge).
        if entry.action in ("undo", "redo", "merge"):
            continue
        if not isinstance(after, dict) or after.get("rating") != review.verdict:
            continue
        if isinstance(before, dict) and before.get("status") == Status.CONFLICT.value:
            continue  # a conflict decided: the editor chose among the checkers' verdicts
        if isinstance(before, dict) and before.get("rating") == review.verdict:
            continue
        if newer.undone():
            continue  # taken back since: nobody's word now
        if entry.origin and entry.reviewer != review.reviewer:
            every = list(sentence_steps(repo, review.sentence_id)) if every is None else every
            if _had_it_before(repo, review, entry.seq, every):
                continue  # an agreeing colleague's own step, appended by a later merge
        return entry.reviewer
    return None


class _Since:
    """A sentence's entries read so far, newest first, as `taken_back` reads them: each
    entry's states written out once (written out again for every step that could have
    given the verdict, a verdict given and taken back 175 times held an approval 2-5 s)."""

    def __init__(self) -> None:
        self.entries: list[tuple[HistoryEntry, Any, Any]] = []
        self.moves: list[Move] = []  # of `entries[:read]`, merges left out, newest first
        self.read = 0
        self.undos: set[tuple[str, bool]] = set()  # (state it starts from, here) of undos

    def add(self, entry: HistoryEntry, before: Any, after: Any) -> None:
        self.entries.append((entry, before, after))

    def undone(self) -> bool:
        """Whether the oldest entry (a step, then the sentence's entries after it) was
        taken back by an undo among them and not put back (`taken_back`). Read from the
        step on: whether it is undone depends on nothing older, and a sentence's history
        is not read further than the verdict's author (read whole, an approval of a
        sentence edited 700 times took several times as long)."""
        for entry, before, after in self.entries[self.read :]:
            # A merge's own entry is none of a desk's steps: no undo of the sentence
            # takes it back.
            if entry.action != "merge":
                move = Move.of_entry(entry, canonical(before), canonical(after))
                self.moves.append(move)
                if move.action == "undo":
                    self.undos.add((str(move.before), move.here))
        self.read = len(self.entries)
        # Only an undo from the state the step left, in its file, takes it back: none
        # since, and the step stands.
        step = self.moves[-1]
        if (str(step.after), step.here) not in self.undos:
            return False
        return 0 in taken_back(self.moves[::-1]).undone


def _had_it_before(
    repo: WorkspaceRepository,
    review: Review,
    seq: int,
    every: list[tuple[HistoryEntry, Any, Any]],
) -> bool:
    """Whether the sentence had its verdict here before the merge that brought entry
    `seq` in: the newest state of its decided review recorded before that merge (`every`:
    the sentence's steps, newest first). An entry an earlier merge brought in tells it
    unless that merge wrote its own entry about the sentence (it kept ours in a conflict,
    or says what it took)."""
    began = repo.history.merge_began_after(seq)
    if began is None:
        return False
    steps = [(e, a) for e, _b, a in every if e.seq <= began]
    for index, (entry, after) in enumerate(steps):
        if not isinstance(after, dict) or "rating" not in after:
            continue
        if entry.origin and _its_merge_said(repo, entry.seq, steps[index + 1 :]):
            continue  # the other file's own review of it, not the one decided here
        return bool(after["rating"] == review.verdict)
    return False


def _its_merge_said(
    repo: WorkspaceRepository, seq: int, older: list[tuple[HistoryEntry, Any]]
) -> bool:
    """Whether the merge that brought entry `seq` in wrote its own entry about the
    sentence (`older`: the sentence's entries before `seq`, newest first)."""
    began = repo.history.merge_began_after(seq) or 0
    return any(e.action == "merge" and not e.origin and e.seq > began for e, _a in older)
