"""Merging a colleague's workspace into the open one (issue 16): `desk.merge`.

The other file is untrusted input, read once, read-only (storage/other_workspace.py).
Then, in one transaction and one undo step (`MergeEdit` on the edit stack):

- an article of theirs whose text we have (the same content hash) is *matched*: its
  sentences are lined up with ours by their spans (domain/alignment.py), so a sentence
  either side merged or split still finds its counterpart. Our boundaries stay. Each of
  their sentences lands on our sentence that holds its first character (as a re-split
  moves reviews); where several of theirs land on one of ours, their reviews are joined
  as the desk joins two merged sentences (nothing dropped, words carried into the
  explanation). Text only they made a sentence of becomes a sentence here. What then
  happens to each sentence's reviews is domain/merge_rules.py: versions are never lost,
  the same verdict is agreed, a different one is a conflict with both versions kept;
- an article we do not have comes whole: sentences, decided reviews, versions,
  sign-offs, source links;
- a source is one source per URL: theirs is linked to ours when we have its URL, and a
  sentence both linked to it has one link. Its title, publisher and date accessed, and
  the link's stance and excerpt, are taken from their side when only they changed them
  since both had them the same, as the two histories tell (domain/merge_rules.py,
  `shared_outcomes`); otherwise ours stay, and the message says where theirs differ.
  Their link that this sentence had and removed since, untouched there, is not made
  again (`unlinked_here`);
- their history entries are appended (ids remapped to ours, `origin` = the entry's hash
  there), each only once however often the file is merged.

Undo takes out what the merge added and puts back what it changed; the history keeps
every entry (undo is an entry too). A merge that finds nothing new changes nothing and
is no undo step.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
from bisect import bisect_right
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from factcheck_app.domain.alignment import align
from factcheck_app.domain.errors import (
    ChangedMeanwhile,
    EditGone,
    EditRefused,
    NotAWorkspace,
    WorkspaceEmptyFile,
    WorkspaceError,
    WorkspaceUntrusted,
)
from factcheck_app.domain.history import canonical
from factcheck_app.domain.importing import content_hash
from factcheck_app.domain.merge_rules import (
    ArticleSnapshot,
    DetailEdit,
    Details,
    HistoryRecord,
    Knowledge,
    LeftBehind,
    LinkLook,
    Order,
    Ordering,
    Shared,
    SignOffOrdering,
    WorkspaceSnapshot,
    combine,
    detail_edit,
    is_last_word,
    link_look,
    link_moves,
    merge_sentence,
    reviewer_behind,
    sentences_remade,
    shared_outcomes,
    unlinked_here,
    version_order,
)
from factcheck_app.domain.models import (
    ArticleMetadata,
    Review,
    Sentence,
    SignOff,
    SignOffDecision,
    Source,
    SourceLink,
    Status,
)
from factcheck_app.domain.printable import shown_line, with_undecodable_replaced
from factcheck_app.domain.review_rules import LONGEST_TEXT
from factcheck_app.domain.segmentation import SentenceSpan
from factcheck_app.domain.sign_off import SignOffState, person_key, sign_off_state
from factcheck_app.domain.wording import counted
from factcheck_app.services.copy_check import two_moments_note
from factcheck_app.services.edits import (
    Change,
    Edit,
    EditStack,
    refuse_changed,
    refuse_review_moved_on,
    refuse_taken_sign_off_moved_on,
    texts_set,
)
from factcheck_app.services.history import Move, taken_back
from factcheck_app.services.importer import hidden_import, release_stale
from factcheck_app.services.session import end_running_merge, note_running_merge
from factcheck_app.storage import other_workspace
from factcheck_app.storage.repositories import WorkspaceRepository, now_iso
from factcheck_app.storage.stores.held import Held, Reach
from factcheck_app.storage.stores.settings import HistoryRow
from factcheck_app.storage.wal_check import WORKSPACE_ID
from factcheck_app.storage.workspace import SIDE_FILES

__all__ = ["DecideEdit", "MergeEdit", "MergeInterrupted", "MergeResult", "Merging", "decide_edit"]

# progress(fraction done 0..1, what is being done); it may raise Cancelled to stop.
Progress = Callable[[float, str], None]
READING_SHARE = 0.3  # of the progress bar: reading their file; the rest is writing


@dataclass
class MergeResult:
    """What a merge did, counted (`counts` are its history entry's and the first of what
    `merge --json` prints, `printed_counts`: the first six since merging began, the two
    corrections' counts and the approvals not taken added later; none is ever renamed)."""

    name: str = ""
    articles_added: int = 0
    articles_matched: int = 0
    sentences_agreed: int = 0
    sentences_conflicting: int = 0
    reviews_added: int = 0  # reviewers' versions new here (or a reviewer's newer one)
    sources_added: int = 0  # sources whose URL was not here yet
    # Sources both have whose title, publisher or date accessed, and links both made
    # whose stance or excerpt, only they changed since both had them the same: theirs
    # were taken.
    sources_updated: int = 0
    links_updated: int = 0
    links_added: int = 0
    # Of those, links to sentences of articles both had: said ("1 link added"), where a
    # link of an article added comes with the article. Until 7 December a source linked
    # to a sentence here by a merge went unsaid ("1 article matched.").
    links_added_here: int = 0
    history_added: int = 0
    # Sentences that took their decided review or their sign-off with nothing else new:
    # an editor's decision or approval handed back (not one of the six counts).
    settled_taken: int = 0
    # Where their side differs on something only one of can be kept and ours was (both
    # changed it, or the histories do not say who did): sources (one per URL) whose title
    # or publisher they have otherwise, and links (one per sentence and source) whose
    # stance or excerpt they have otherwise.
    sources_differing: int = 0
    links_differing: int = 0
    # Their editor's approvals of checks that are not the ones here (changed here since):
    # not taken, and said, or the editor took them for merged (`approval_left_out`).
    approvals_not_taken: int = 0
    # Approvals here of a check its reviewer changed since in their file, not knowing of
    # the approval: her later check is taken and the approval goes, as when she edits an
    # approved check here, and said, or the editor took her approval for standing.
    approvals_withdrawn: int = 0
    # Returns here ended by their checker's later verdict in their file (a changed verdict
    # ends a return, here as there): said as that, not as a decision of theirs taken.
    returns_ended: int = 0
    # Of those, the ones her later check left unfinished (In progress, Needs second look):
    # nothing awaits sign-off there, and "it awaits sign-off again" sent the editor to look.
    returns_ended_open: int = 0
    skipped: int = 0  # rows of their file that failed the desk's checks, left out
    # Of those, undos of an approval, a return or a decision written in another file than
    # the step they take back (`_forged_undos`): a forger's, or a real Ctrl+Z on another
    # copy of the workspace, or on this one before a backup of it was restored, which the
    # entries cannot tell apart. Said as such: "1 row failed the desk's checks" told an
    # editor whose own undo it was that her colleague's file was damaged.
    undos_left_out: int = 0
    # Sentences of ours where their reviews of several sentences (they split what ours
    # keeps whole) would have been joined into an explanation longer than an export reads
    # back (`LONGEST_TEXT`): their reviews there left out, as Ctrl+M refuses that join.
    joins_too_long: int = 0
    history_problem: str = ""  # why their history does not verify ("" when it does)
    copied_while_open: bool = False  # their file was copied while a desk had it open

    def counts(self) -> dict[str, int]:
        return {
            "articles_added": self.articles_added,
            "articles_matched": self.articles_matched,
            "sentences_agreed": self.sentences_agreed,
            "sentences_conflicting": self.sentences_conflicting,
            "reviews_added": self.reviews_added,
            "sources_added": self.sources_added,
            "sources_updated": self.sources_updated,
            "links_updated": self.links_updated,
            "approvals_not_taken": self.approvals_not_taken,
            "approvals_withdrawn": self.approvals_withdrawn,
        }

    def printed_counts(self) -> dict[str, int]:
        """What `merge --json` prints: `counts` and, after them, the counts its words say
        that they lack (added 7 December, none ever renamed). Kept apart from `counts`,
        which is the merge's history entry too: an entry already written reads and
        verifies as it was, and a new one names what an old desk reads."""
        return {
            **self.counts(),
            # "1 link added": links to sentences of articles both had (an added article's
            # come with it, and are not said).
            "links_added": self.links_added_here,
            "settled_taken": self.settled_taken,
            "returns_ended": self.returns_ended,
            "returns_ended_open": self.returns_ended_open,
            "sources_differing": self.sources_differing,
            "links_differing": self.links_differing,
            "joins_too_long": self.joins_too_long,
            "skipped": self.skipped,
            "undos_left_out": self.undos_left_out,
        }

    @property
    def changed(self) -> bool:
        return bool(
            self.articles_added
            or self.reviews_added
            or self.sources_added
            or self.links_added
            or self.history_added
            or self.sentences_conflicting
            or self.settled_taken
            or self.sources_updated
            or self.links_updated
        )

    def _counts_in_words(self) -> str:
        """The counts that are not zero, in three groups ("1 article added, 2 matched; 4
        reviews and 1 source added; 2 sentences agreed, 3 in conflict"): a merge of
        reviews on articles both had said "0 articles added" and "0 in conflict" too."""
        groups = []
        new_articles = counted(self.articles_added, "article") + " added"
        if self.articles_added and self.articles_matched:
            groups.append(f"{new_articles}, {self.articles_matched:,} matched")
        elif self.articles_added:
            groups.append(new_articles)
        elif self.articles_matched:
            groups.append(f"{counted(self.articles_matched, 'article')} matched")
        added = [
            counted(n, noun)
            for n, noun in (
                (self.reviews_added, "review"),
                (self.sources_added, "source"),
                (self.links_added_here, "link"),
            )
            if n
        ]
        if added:
            listed = (
                " and ".join(added)
                if len(added) < 3
                else f"{', '.join(added[:-1])} and {added[-1]}"
            )
            groups.append(listed + " added")
        agreed = counted(self.sentences_agreed, "sentence") + " agreed"
        conflicting = f"{self.sentences_conflicting:,} in conflict"
        if self.sentences_agreed and self.sentences_conflicting:
            groups.append(f"{agreed}, {conflicting}")
        elif self.sentences_agreed:
            groups.append(agreed)
        elif self.sentences_conflicting:
            groups.append(counted(self.sentences_conflicting, "sentence") + " in conflict")
        return "; ".join(groups) or "their history added"

    def summary(self, after_counts: str = "") -> str:
        """One or two sentences for the status bar or the terminal; `after_counts` right
        after the counts (the window's "F8 goes to the first.", of the conflicts)."""
        if not self.changed:
            here = counted(self.articles_matched, "article")
            text = f"Merged {self.name}: nothing new ({here} already here)."
        else:
            text = f"Merged {self.name}: {self._counts_in_words()}.{after_counts}"
            if self.settled_taken:
                settled = counted(self.settled_taken, "sentence")
                text += f" Their decision or sign-off taken on {settled}."
            taken = []
            if self.sources_updated:
                taken.append(f"the details of {counted(self.sources_updated, 'source')}")
            if self.links_updated:
                taken.append(f"the excerpt or stance of {counted(self.links_updated, 'link')}")
            if taken:
                text += f" Took {self.name}'s later edits of {' and '.join(taken)}."
        kept = []  # only what differs, as with the edits taken
        if self.sources_differing:
            kept.append(f"details of {counted(self.sources_differing, 'source')}")
        if self.links_differing:
            kept.append(f"excerpt or stance of {counted(self.links_differing, 'link')}")
        if kept:
            text += f" Kept this workspace's {' and the '.join(kept)} where {self.name} has others."
        if self.approvals_not_taken == 1:
            text += (
                " 1 of their approvals was of a check changed here since: not taken; "
                "approve it again."
            )
        elif self.approvals_not_taken:
            text += (
                f" {self.approvals_not_taken:,} of their approvals were of checks changed here "
                "since: not taken; approve those again."
            )
        if self.approvals_withdrawn == 1:
            text += (
                f" 1 approval here was of a check {self.name} changed since: the approval"
                " was taken away with the change; approve it again."
            )
        elif self.approvals_withdrawn:
            text += (
                f" {self.approvals_withdrawn:,} approvals here were of checks {self.name}"
                " changed since: the approvals were taken away with the changes; approve"
                " those again."
            )
        awaiting = self.returns_ended - self.returns_ended_open
        if awaiting == 1:
            text += (
                f" 1 return here was ended by a later verdict in {self.name}:"
                " it awaits sign-off again."
            )
        elif awaiting:
            text += (
                f" {awaiting:,} returns here were ended by later verdicts in"
                f" {self.name}: they await sign-off again."
            )
        if self.returns_ended_open == 1:
            text += (
                f" 1 return here was ended by a later verdict in {self.name}, not finished"
                " there yet: nothing awaits sign-off."
            )
        elif self.returns_ended_open:
            text += (
                f" {self.returns_ended_open:,} returns here were ended by later verdicts in"
                f" {self.name}, not finished there yet: nothing awaits sign-off."
            )
        if self.joins_too_long:
            text += (
                f" Their reviews of {counted(self.joins_too_long, 'sentence')} that this "
                f"workspace keeps joined with the next were left out: together their "
                f"explanations would be longer than the {LONGEST_TEXT:,} characters an "
                f"explanation may hold. Shorten them in {self.name}, then merge it again."
            )
        if self.undos_left_out:
            text += " " + self._undos_left_out_words()
        failed = self.skipped - self.undos_left_out
        if failed > 0:
            rows = counted(failed, "row")
            were = "was" if failed == 1 else "were"
            text += f" {rows} of it failed the desk's checks and {were} left out."
        if self.history_problem_note():
            text += " " + self.history_problem_note()
        if self.copied_while_open:
            text += " " + self.copied_while_open_note()
        return text

    def _undos_left_out_words(self) -> str:
        one = self.undos_left_out == 1
        undos = counted(self.undos_left_out, "undo")
        return (
            f"{undos} of an approval, a return or a decision {'was' if one else 'were'} "
            f"left out: {'it was' if one else 'they were'} written in another file than "
            f"the step {'it takes' if one else 'they take'} back. A forger writes such an "
            "undo, and so does Ctrl+Z in another copy of this workspace, or in this one "
            "before a backup of it was restored: if you took one back yourself, do it "
            "again here."
        )

    def history_problem_note(self) -> str:
        """Their history does not verify (changed outside the desk), said of a merge that
        took something ("" otherwise): in the summary, and beside `merge --json`'s counts,
        where until 7 December a script was told nothing of it."""
        if not (self.history_problem and self.changed):
            return ""
        return (
            f"{self.name}'s history does not verify: {self.history_problem.rstrip('.')}"
            " (it was changed outside the desk; this merge's history entry says so)."
        )

    def copied_while_open_note(self) -> str:
        """Their file was copied while their desk had it open: its last saves may be
        missing, silently. Said, with the way to get them."""
        return (
            f"{self.name} was copied while a desk had it open (or that desk stopped without "
            "closing it): what was saved there in the seconds before the copy may not be "
            "in it. Ask for a copy made after the desk was closed, or with File → Save a "
            "Copy…, and merge that too: nothing is taken twice."
        )


@dataclass
class _Record:
    """What one run of a merge wrote, so that undo can take it back exactly."""

    articles: list[int] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)  # added to matched articles
    reviews: list[tuple[int, Review | None]] = field(default_factory=list)  # before; None: no row
    versions: list[tuple[int, str, Review | None]] = field(default_factory=list)
    sign_offs: list[tuple[int, SignOff | None]] = field(default_factory=list)
    links: list[tuple[int, int]] = field(default_factory=list)  # (sentence id, source id)
    sources: list[int] = field(default_factory=list)
    # Ours as they were before their later edits were taken.
    sources_changed: list[Source] = field(default_factory=list)
    links_changed: list[SourceLink] = field(default_factory=list)


@dataclass(frozen=True)
class _Places:
    """Where one run of a merge put what it brought: their article and sentence ids to
    ours, the articles, sentences and sources (by URL) it added, the texts of the
    articles it added."""

    articles: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    added: tuple[int, ...]
    new_sentences: tuple[int, ...]
    sources: tuple[tuple[str, int], ...]
    hashes: tuple[str, ...]
    # The links it made: (sentence id, source id, link id). A redo gives each the id
    # its first run gave (the steps after it name it); the first run takes ids no link
    # has had (numbered after the highest link there, one took a removed link's id, and
    # an undo putting that link back failed on it at every Ctrl+Z).
    links: tuple[tuple[int, int, int], ...] = ()

    @classmethod
    def of(cls, merger: _Merger) -> _Places:
        record = merger.record
        added = set(record.articles)
        brought = [
            a for a in merger.snapshot.articles if merger.article_ids.get(a.article.id) in added
        ]
        new_sentences = set(record.sentences)
        new_sentences.update(merger.sentence_ids[s.id] for a in brought for s in a.sentences)
        return cls(
            tuple(sorted(merger.article_ids.items())),
            tuple(sorted(merger.sentence_ids.items())),
            tuple(record.articles),
            tuple(sorted(new_sentences)),
            tuple(sorted((url, i) for url, i in merger.sources.items() if i in record.sources)),
            tuple(a.article.content_hash for a in brought),
            tuple(
                sorted((link.sentence_id, link.source.id, link.id) for link in merger.written_links)
            ),
        )


def _reaches(merger: _Merger, places: _Places) -> tuple[Reach, Reach]:
    """What an undo of this run would write over (what it wrote, and the denials pointing
    into the sentences it added), and a redo of it (every sentence of ours theirs land
    on, and every source of theirs here) (`MergeEdit`). A redo deletes no sentence: a
    denial it writes is of a sentence it lands on, whose review its reach holds."""
    record = merger.record
    written = {
        *record.sentences,
        *places.new_sentences,
        *(i for i, _ in record.reviews),
        *(i for i, _, _ in record.versions),
        *(i for i, _ in record.sign_offs),
        *(i for i, _ in record.links),
        *(link.sentence_id for link in record.links_changed),
    }
    undo_sources = {*record.sources, *(source.id for source in record.sources_changed)}
    theirs_here = {
        merger.sources[link.source.url]
        for theirs in merger.snapshot.articles
        for links in theirs.links.values()
        for link in links
        if link.source.url in merger.sources
    }
    # The sentences it added, which the undo deletes: a denial another program pointed
    # at one since, from a sentence it did not write, was cleared with it unsaid.
    undo = Reach(tuple(sorted(written)), tuple(sorted(undo_sources)), doomed=places.new_sentences)
    landing = written | set(merger.sentence_ids.values())
    redo = Reach(tuple(sorted(landing)), tuple(sorted(undo_sources | theirs_here)))
    return undo, redo


class _NothingNew(Exception):
    """Raised inside the merge's transaction when it would change nothing: rolled back."""


@dataclass
class MergeEdit(Edit):
    """The whole merge as one undo step. Applying it (again, on redo) merges the snapshot
    of their file into the workspace as it is; reverting takes back what that run wrote."""

    snapshot: WorkspaceSnapshot
    actor: str
    progress: Progress | None = None
    description: str = "Merge workspace"
    entity = "workspace"
    runs_long = True  # the window undoes and redoes it in a worker
    result: MergeResult = field(default_factory=MergeResult)
    _record: _Record = field(default_factory=_Record)
    _done: bool = False  # applied once: a redo is never "nothing new", whatever it finds
    # The names of their entries the first run appended: a redo reads the histories as
    # that run did (an undo leaves them here), so it decides each review as it did.
    _appended: set[str] = field(default_factory=set)
    # Where the first run put their articles, sentences and sources here: the steps
    # after the merge name them, so a redo must put them there again (`_placed`).
    _places: _Places | None = None
    # The properties of the articles it added as they were when it was undone (typed
    # since it was made, outside the undo stack): its redo gives them back.
    _properties: dict[int, ArticleMetadata] = field(default_factory=dict)
    # The last history entry before the first run: a redo decides from the histories as
    # they were then (entries written since, by merges undone, by undos and redos, would
    # count as edits of ours the other side never knew).
    _history_upto: int | None = None
    # What an undo would write over (what the run wrote) and a redo (every sentence of
    # ours their sentences land on, every source of theirs here), and what those held
    # once the step was last done or undone: its undo or redo finds them so, or another
    # program (a second window on the file, a script) changed them in between, and the
    # step would have put back its own over that program's work without a word.
    _undo_reach: Reach | None = field(default=None, repr=False)
    _redo_reach: Reach | None = field(default=None, repr=False)
    _left_after: Held | None = field(default=None, repr=False)
    _left_before: Held | None = field(default=None, repr=False)

    def apply(self, repo: WorkspaceRepository) -> Change:
        if self._places is not None:
            self._refuse_taken(repo, self._places)
            self._refuse_changed(repo, "redo", self._redo_reach, self._left_before)
        if self._history_upto is None:
            self._history_upto = repo.history.last_history_id()
        self.result = MergeResult(
            self.snapshot.name,
            skipped=self.result.skipped,
            undos_left_out=self.result.undos_left_out,
            history_problem=self.snapshot.history_problem,
            copied_while_open=self.snapshot.copied_while_open,
        )
        self._record = _Record()
        merger = _Merger(repo, self)
        merger.run()
        places = _Places.of(merger)
        if self._places is None:
            self._places = places
        elif places != self._places:  # rolled back with the step's transaction
            raise EditGone(self._taken_refusal())
        for article_id, properties in self._properties.items():
            repo.articles.update_article_metadata(article_id, properties)
        self._undo_reach, self._redo_reach = _reaches(merger, places)
        self._left_after = repo.held.held(self._undo_reach)
        self.progress = None  # a redo runs without the window's progress bar
        # Only the first run may be no step at all. Their history entries stay when the
        # merge is undone (the history keeps every entry), so the redo of a merge that
        # brought only history entries finds nothing new: it is redone all the same.
        if not self.result.changed and not self._done:
            raise _NothingNew
        self._done = True
        return Change(
            0, (), texts={}, structural=True, message=self.result.summary(), workspace_wide=True
        )

    def sentences_written(self) -> frozenset[int]:
        """The sentences whose review its last run (`apply`, or `revert` taking it back)
        wrote, or that it added: text typed on another one meanwhile and refused was
        refused over another program's save, not the merge's."""
        record = self._record
        return frozenset(sentence_id for sentence_id, _ in record.reviews) | frozenset(
            record.sentences
        )

    def _taken_refusal(self) -> str:
        return (
            f"The merge of {self.snapshot.name} cannot be brought back by Ctrl+Y: an article "
            "imported since holds its place. Merge the file again instead."
        )

    def _refuse_taken(self, repo: WorkspaceRepository, places: _Places) -> None:
        """Refuse a redo before writing when an article imported since the undo holds an
        id the first run gave, or has the text of an article it added (the redo would
        match it instead)."""
        if repo.imports.any_taken(places.added, places.new_sentences) or any(
            repo.articles.find_article_by_hash(h) is not None for h in places.hashes
        ):
            raise EditGone(self._taken_refusal())
        if any(repo.sources.link_id_taken(link) for _sentence, _source, link in places.links):
            raise EditGone(
                f"The merge of {self.snapshot.name} cannot be brought back by Ctrl+Y: "
                "another program made a source link since under the number one of its "
                "links had. Merge the file again instead."
            )

    def _refuse_changed(
        self, repo: WorkspaceRepository, action: str, reach: Reach | None, left: Held | None
    ) -> None:
        """Refuse for good when what the step would write over is no longer as it left it
        (`refuse_changed`)."""
        verb = "Undo" if action == "undo" else "Redo"
        refuse_changed(
            repo,
            reach,
            left,
            lambda what: EditGone(
                f"{verb} of the merge of {self.snapshot.name} was refused: what it "
                f"{'brought' if action == 'undo' else 'would bring again'} was changed since "
                f"by another program ({what}), and it would be "
                f"{'taken out' if action == 'undo' else 'merged'} over that. Nothing was "
                "changed; what that program saved is shown."
            ),
            spans="where its sentences begin and end, or their paragraph",
        )

    def revert(self, repo: WorkspaceRepository) -> Change:
        self._refuse_changed(repo, "undo", self._undo_reach, self._left_after)
        record, merging = self._record, repo.merging
        for link in reversed(record.links_changed):
            repo.sources.update_link(link)
        for source in reversed(record.sources_changed):
            repo.sources.update_source(source)
        merging.delete_links(record.links)
        for sentence_id, sign_off in reversed(record.sign_offs):
            if sign_off is None:
                repo.sign_offs.delete(sentence_id)
            else:
                repo.sign_offs.save(sign_off)
        for sentence_id, reviewer, version in reversed(record.versions):
            if version is None:
                repo.reviews.delete_version(sentence_id, reviewer)
            else:
                repo.reviews.save_version(version)
        for sentence_id, review in reversed(record.reviews):
            if review is None:
                repo.reviews.delete_review(sentence_id)
            else:
                repo.reviews.save_review(review)
        for sentence_id in record.sentences:
            repo.sentences.delete_sentence(sentence_id)
        self._properties = {a: repo.articles.article_metadata(a) for a in record.articles}
        for article_id in record.articles:
            repo.imports.delete_sentences_of(article_id, merging.sentence_count(article_id))
            repo.imports.delete_article_row(article_id)
        merging.delete_unlinked_sources(record.sources)
        if self._redo_reach is not None:
            self._left_before = repo.held.held(self._redo_reach)
        return Change(0, (), texts={}, structural=True, message="", workspace_wide=True)

    def history_states(self) -> tuple[int | None, object, object]:
        after: dict[str, object] = {"merged": self.snapshot.name, **self.result.counts()}
        if self.snapshot.history_problem:
            after["their_history_does_not_verify"] = self.snapshot.history_problem
        return None, None, after


@dataclass
class DecideEdit(Edit):
    """A sentence in conflict decided: one version (or a combination) becomes its decided
    review. The reviewers' versions are left exactly as they are, but for one: a
    reviewer's version made on another desk without knowing this one's (kept under
    "Ana Ruiz (in laptop.fcdesk)") chosen whole becomes her own version, and the decided
    review is hers: she said which of her two is her review. A verdict other than
    the one an editor signed off drops the sign-off (it awaits sign-off again), as any
    change of a signed-off verdict does; undo brings it back."""

    article_id: int
    before: Review
    after: Review
    description: str = "Decide conflict"
    sign_off_dropped: SignOff | None = None
    # The reviewer's own version before and after, when the one made elsewhere was kept.
    version_before: Review | None = None
    version_after: Review | None = None
    # Her own version saved by another program under her name as bytes (none as text),
    # which the kept one replaces: saved beside it, the decision itself made two versions
    # of her review, and its undo left both.
    bytes_version_before: Review | None = None
    # The conflict as read to make the decision (`decide_edit`), looked at again in the
    # step's own transaction at its first run (`Edit.made_from`): read apart, another
    # program deciding the conflict (or the window's merge undone or redone in a worker)
    # in between was written over, and the undo later put the conflict back over that.
    made_from: object = None

    def made_from_now(self, repo: WorkspaceRepository) -> object:
        return _conflict_as_read(repo, self.after.sentence_id)

    def changed_meanwhile(self, now: object) -> EditRefused:
        return DecisionChangedMeanwhile(
            "This conflict was changed while your decision was being saved (by "
            "another program, or a merge undone or redone): nothing was decided. "
            "Look at the versions again, then decide."
        )

    def apply(self, repo: WorkspaceRepository) -> Change:
        repo.reviews.save_review(self.after)
        if self.version_after is not None:
            if self.bytes_version_before is not None:
                repo.reviews.delete_version_as_bytes(
                    self.after.sentence_id, self.bytes_version_before.reviewer
                )
            repo.reviews.save_version(self.version_after)
        if self.sign_off_dropped is not None:
            repo.sign_offs.delete(self.after.sentence_id)
        # The text fields it set, as a review edit's (`Change.texts`): told as setting
        # any, the window took another program's text of a field the decision left as it
        # found it for its own, and typed text waiting there went over it unsaid.
        texts = {self.after.sentence_id: texts_set(self.before, self.after)}
        return Change(self.article_id, (self.after.sentence_id,), texts=texts)

    def revert(self, repo: WorkspaceRepository) -> Change:
        repo.reviews.save_review(self.before)
        if self.version_after is not None:
            if self.version_before is None or self.bytes_version_before is not None:
                repo.reviews.delete_version(self.after.sentence_id, self.after.reviewer)
            else:
                repo.reviews.save_version(self.version_before)
            if self.bytes_version_before is not None:
                repo.reviews.save_version_as_bytes(self.bytes_version_before)
        if self.sign_off_dropped is not None:
            repo.sign_offs.save(self.sign_off_dropped)
        texts = {self.before.sentence_id: texts_set(self.after, self.before)}
        return Change(self.article_id, (self.before.sentence_id,), texts=texts)

    def refusal(self, repo: WorkspaceRepository, actor: str, action: str) -> str | None:
        """Refused for good when the review is no longer what the decision left it (undo)
        or found it (redo), as a review edit's is (`ReviewEdit.refusal`): the conflict
        was put back over another program's change without a word."""
        expected = self.after if action == "undo" else self.before
        refuse_review_moved_on(repo, expected, action, self.description)
        refuse_taken_sign_off_moved_on(  # put back on undo over another's since
            repo, self.after.sentence_id, self.sign_off_dropped, action, self.description
        )
        return None

    def history_states(self) -> tuple[int | None, object, object]:
        before, after = self.before.content_fields(), self.after.content_fields()
        if self.sign_off_dropped is not None:
            dropped = self.sign_off_dropped
            before["sign_off"] = {"sentence_id": dropped.sentence_id, **dropped.state()}
            after["sign_off"] = None
        return self.after.sentence_id, before, after

    def sentence_ids(self) -> tuple[int, ...]:
        return (self.after.sentence_id,)


class DecisionChangedMeanwhile(ChangedMeanwhile):
    """A decision found the conflict, in its own transaction, other than it was read to
    make it: nothing was written, and the editor looks at the versions again (the
    decision is not made again unseen, as a review edit is)."""


def _conflict_as_read(repo: WorkspaceRepository, sentence_id: int) -> object:
    """What a decision is made from, read now (`_conflict_of`)."""
    return _conflict_of(
        repo.reviews.get_review(sentence_id),
        repo.sign_offs.get(sentence_id),
        repo.reviews.versions(sentence_id),
    )


def _conflict_of(review: Review, sign_off: SignOff | None, versions: list[Review]) -> object:
    """What a decision is made from: the decided review, its sign-off and every
    reviewer's version, comparable with the same read later."""
    return (
        review.content_fields(),
        sign_off.state() if sign_off is not None else None,
        {v.reviewer: v.content_fields() for v in versions},
    )


def decide_edit(repo: WorkspaceRepository, sentence_id: int, review: Review) -> DecideEdit:
    """The edit deciding a sentence in conflict with `review` (see `Reviews.decide`),
    made from one read of its review, sign-off and versions (read twice, the step could
    be made from one and checked against the other)."""
    before = repo.reviews.get_review(sentence_id)
    sign_off = repo.sign_offs.get(sentence_id)
    versions = repo.reviews.versions(sentence_id)
    made_from = _conflict_of(before, sign_off, versions)
    by_name = {version.reviewer: version for version in versions}
    if before.status is not Status.CONFLICT:
        raise EditRefused("This sentence is not in conflict: there is nothing to decide.")
    after = review.edited(sentence_id=sentence_id, updated_at=now_iso())
    if after.status is Status.CONFLICT:
        # A version never is in conflict; a caller's copy of the decided review may be.
        done = after.verdict is not None or after.tag is None
        after = after.edited(status=Status.DONE if done else Status.IN_PROGRESS)
    if after.denies_sentence_id == sentence_id:
        after = after.edited(denies_sentence_id=None)
    dropped = sign_off if sign_off is not None and after.verdict != before.verdict else None
    whole = by_name.get(after.reviewer)
    kept_whole = whole is not None and whole.content_fields() == after.content_fields()
    if kept_whole:
        what = f"Keep {after.reviewer or 'an unnamed reviewer'}'s review"
    else:
        what = "Keep a combination of the reviews"
    own, version_before, version_after = reviewer_behind(after.reviewer, list(by_name)), None, None
    if own is not None:  # her version made elsewhere: the decided review is hers
        after = after.edited(reviewer=own)
        version_before = by_name.get(own)
        if kept_whole and (
            version_before is None or version_before.content_fields() != after.content_fields()
        ):
            version_after = after
    bytes_before = None
    # Hers under her name as bytes alone (`ReviewEdit` reads it so): the kept one replaces it.
    if version_after is not None and own is not None and not repo.reviews.version(sentence_id, own):
        bytes_before = repo.reviews.version_as_bytes(sentence_id, own)
    article_id = repo.sentences.article_of_sentence(sentence_id)
    return DecideEdit(
        article_id,
        before,
        after,
        what,
        sign_off_dropped=dropped,
        version_before=version_before,
        version_after=version_after,
        bytes_version_before=bytes_before,
        made_from=made_from,
    )


class _Merger:
    """One run of a merge over the open workspace (inside the stack's transaction)."""

    def __init__(self, repo: WorkspaceRepository, edit: MergeEdit) -> None:
        self.repo = repo
        self.edit = edit
        self.snapshot = edit.snapshot
        self.result = edit.result
        self.record = edit._record
        # This workspace's file name, as a colleague's merge names a version kept from it.
        self.our_file = repo.db.path.name if repo.db.path is not None else ""
        self.sources = repo.merging.sources_by_url()  # URL → our source id
        self.compared: set[str] = set()  # URLs whose details were compared with ours
        self.articles = repo.merging.articles_by_hash()  # content hash → our article id
        self.sentence_ids: dict[int, int] = {}  # their sentence id → ours
        self.article_ids: dict[int, int] = {}  # their article id → ours
        # A redo gives what it adds the ids the first run gave (the steps after the merge
        # name them); the first run takes the next free ones.
        first = edit._places
        self.ids_before = (
            (dict(first.articles), dict(first.sentences), dict(first.sources))
            if first is not None
            else ({}, {}, {})
        )
        self.link_ids_before = (
            {(sentence, source): link for sentence, source, link in first.links}
            if first is not None
            else {}
        )
        # Rows written at the end, many to a statement (a merge writes tens of thousands).
        self.reviews: list[Review] = []
        self.versions: list[Review] = []
        self.links: list[SourceLink] = []
        self.written_links: list[SourceLink] = []  # `links` once written, with their ids
        self.agreed: set[int] = set()  # our sentences where both sides agreed
        self.conflicting: set[int] = set()  # ...and those left in conflict
        self.history: list[HistoryRow] = []
        self._known: set[str] | None = None
        self._known_before: set[str] | None = None
        self._edits: _LinkEdits | None = None
        self._moves: _LinkMoves | None = None
        self._reviews_by: _ReviewEdits | None = None
        self._their_places: dict[str, int] | None = None
        self._their_by_sentence: dict[int, list[tuple[int, str]]] | None = None
        # The next id no sentence has had (`_new_sentence_ids`), once read.
        self._free_id: int | None = None

    def _new_sentence_ids(self, count: int) -> int:
        """The first of `count` ids no sentence has had (above every current id, every
        deleted one an undo may bring back, every one the history names), numbered on
        from one read of that mark per run: read again for each sentence made, it cost
        one statement each (a merge makes thousands). Nothing else writes sentences in
        this transaction, and `next_id` leaves room for far more above it."""
        if self._free_id is None:
            self._free_id = self.repo.sentences.next_sentence_id()
        first = self._free_id
        self._free_id += count
        return first

    def _given(self, sentence_id: int) -> None:
        """A sentence inserted under an id the first run gave (a redo): never given again."""
        if self._free_id is not None and sentence_id >= self._free_id:
            self._free_id = sentence_id + 1

    def _known_here(self) -> set[str]:
        """Every name of an entry of the history here (its hash, its origin; for one from
        before the chain, the digest a colleague's merge of our file gave it)."""
        if self._known is None:
            merging = self.repo.merging
            known = merging.known_history()
            here = self.repo.settings.get_setting(WORKSPACE_ID) or ""
            known.update(
                unchained_origin(here, number, at, actor, action, old, new)
                for number, at, actor, action, old, new in merging.unchained_history()
            )
            self._known = known
        return self._known

    def _known_then(self) -> set[str]:
        """`_known_here` as it was when the merge first ran (what it decides from)."""
        upto = self.edit._history_upto
        if upto is None or not self.edit._done:  # the first run: the history as it is
            return self._known_here()
        if self._known_before is None:
            merging = self.repo.merging
            known = merging.known_history(upto)
            here = self.repo.settings.get_setting(WORKSPACE_ID) or ""
            known.update(
                unchained_origin(here, number, at, actor, action, old, new)
                for number, at, actor, action, old, new in merging.unchained_history(upto)
            )
            self._known_before = known
        return self._known_before

    def _link_edits(self) -> _LinkEdits:
        """Both sides' Edit Source entries, read when a shared source or link first
        differs (most merges never need them)."""
        if self._edits is None:
            here = self.repo.settings.get_setting(WORKSPACE_ID) or ""
            ours = [
                (
                    record,
                    record.origin
                    or record.hash
                    or unchained_origin(
                        here,
                        record.id,
                        record.at,
                        record.actor,
                        record.action,
                        record.old,
                        record.new,
                    ),
                )
                for record in self.repo.merging.link_edits(self.edit._history_upto)
            ]
            theirs = [(entry, _their_name(self.snapshot, entry)) for entry in self.snapshot.history]
            known_there = self._known_there()
            # A history changed outside the desk says nothing we may act on: their edits
            # decide nothing (ours stay, reported where theirs differ).
            their_edits = {} if self.snapshot.history_problem else _index(theirs)
            self._edits = _LinkEdits(_index(ours), their_edits, self._known_then(), known_there)
        return self._edits

    def _known_there(self) -> set[str]:
        """Every name of an entry of their history (as `_known_here` for ours)."""
        known = {_their_name(self.snapshot, entry) for entry in self.snapshot.history}
        known.update(
            value for entry in self.snapshot.history for value in (entry.hash, entry.origin)
        )
        known.discard("")
        return known

    def _link_moves(self) -> _LinkMoves:
        """Both sides' entries that made, removed or edited a sentence's link, read when a
        link of theirs is one this sentence lacks (`unlinked_here`)."""
        if self._moves is None:
            ours: dict[tuple[int, str], list[bool]] = {}
            looks: dict[tuple[int, str], set[LinkLook]] = {}
            urls: dict[int, set[str]] = {}  # the URLs each sentence has entries of
            entries = self.repo.merging.link_entries(self.edit._history_upto)
            for entity, sentence_id, origin, old, new in entries:
                if entity == "source_link" and sentence_id is not None:
                    for url, linked, look in link_moves(old, new):
                        ours.setdefault((sentence_id, url), []).append(linked)
                        looks.setdefault((sentence_id, url), set()).add(look)
                        urls.setdefault(sentence_id, set()).add(url)
                elif entity == "sentence" and not origin:  # ids in another file's are its
                    _remade(sentences_remade(old, new), ours, looks, urls)
            theirs: dict[tuple[int, str], list[str]] = {}
            for entry in self.snapshot.history:
                if entry.entity != "source_link" or entry.sentence_id is None:
                    continue
                if entry.action not in ("do", "undo", "redo"):
                    continue
                name = _their_name(self.snapshot, entry)
                for url, _, _ in link_moves(entry.old, entry.new):
                    theirs.setdefault((entry.sentence_id, url), []).append(name)
            self._moves = _LinkMoves(ours, looks, theirs)
        return self._moves

    def _unlinked_here(self, sentence_id: int, their_sentence: int, theirs: SourceLink) -> bool:
        """Whether their link of `their_sentence`, to a source our `sentence_id` lacks, is
        one this side removed since (Remove Source after their copy was made)."""
        moves, url = self._link_moves(), theirs.source.url
        return unlinked_here(
            moves.ours.get((sentence_id, url), ()),
            moves.theirs.get((their_sentence, url), ()),
            self._known_then(),
            link_look(theirs.stance.value, theirs.excerpt, theirs.reviewer),
            moves.looks.get((sentence_id, url), set()),
        )

    def _review_edits(self) -> _ReviewEdits:
        """Both sides' entries of each reviewer's edits of each sentence's review, read
        when one reviewer's two versions first differ (most merges never need them)."""
        if self._reviews_by is None:
            here = self.repo.settings.get_setting(WORKSPACE_ID) or ""
            appended = self.edit._appended  # a redo reads our history as the first run did
            ours: dict[tuple[int, str], list[str]] = {}
            our_words: dict[tuple[int, str], list[str | None]] = {}
            signed_ours: dict[int, list[str]] = {}
            decided_ours: dict[int, list[str]] = {}
            decided_to: dict[int, list[str | None]] = {}  # the review each of those left
            decided_here: dict[int, list[bool]] = {}  # whether each was written here
            undone: dict[int, list[tuple[str | None, str]]] = {}  # (review left, name)
            same_decision: dict[str, tuple[str, ...]] = {}
            foreign: set[str] = set()
            for entity in ("review", "sign_off"):
                for row in self.repo.merging.review_edits(self.edit._history_upto, entity):
                    sentence_id, actor, origin, hash_, number, at, action, old, new = row
                    name = origin or hash_
                    name = name or unchained_origin(here, number, at, actor, action, old, new)
                    if name in appended:
                        continue
                    if entity == "review":
                        if origin:
                            foreign.add(name)
                        for who in (_as_read(actor), _as_typed(actor)):
                            ours.setdefault((sentence_id, who), []).append(name)
                            our_words.setdefault((sentence_id, who), []).append(new)
                        move = _conflict_move(action, old, new)
                        if move > 0:
                            if action == "redo":
                                # The decision undone before, put back: a copy taken
                                # between them holds its first entry, not this one.
                                same_decision[name] = tuple(
                                    earlier
                                    for left, first in undone.get(sentence_id, [])
                                    if left == new
                                    for earlier in (first, *same_decision.get(first, ()))
                                )
                            decided_ours.setdefault(sentence_id, []).append(name)
                            decided_to.setdefault(sentence_id, []).append(new)
                            decided_here.setdefault(sentence_id, []).append(not origin)
                        elif move < 0 and old in decided_to.get(sentence_id, []):
                            # A decision undone (Ctrl+Z) stands no more: until 7 December
                            # it still made her later edit a conflict after the decision
                            # and the merge that raised it were both undone. The undo
                            # puts back what its decision left (the newest such one).
                            states = decided_to[sentence_id]
                            place = len(states) - 1 - states[::-1].index(old)
                            # Ctrl+Z is one desk's: an undo merged from another file of
                            # a decision made here is a forgery (a hostile file with a
                            # valid chain), and until 7 December it let a stale edit
                            # replace the editor's decision unsaid.
                            if not (origin and decided_here[sentence_id][place]):
                                first = decided_ours[sentence_id][place]
                                undone.setdefault(sentence_id, []).append((old, first))
                                del states[place], decided_ours[sentence_id][place]
                                del decided_here[sentence_id][place]
                    if entity == "sign_off" or _moved_sign_off(old, new):
                        signed_ours.setdefault(sentence_id, []).append(name)
            theirs: dict[tuple[int, str], list[tuple[int, str]]] = {}
            signed_theirs: dict[int, list[tuple[int, str]]] = {}
            for number, entry in enumerate(self.snapshot.history):
                if entry.action in ("do", "undo", "redo") and entry.sentence_id is not None:
                    name = _their_name(self.snapshot, entry)
                    if entry.entity == "review":
                        for who in (_as_read(entry.actor), _as_typed(entry.actor)):
                            key = (entry.sentence_id, who)
                            theirs.setdefault(key, []).append((number, name))
                    if entry.entity == "sign_off" or (
                        entry.entity == "review" and _moved_sign_off(entry.old, entry.new)
                    ):
                        signed_theirs.setdefault(entry.sentence_id, []).append((number, name))
            known_here = self._known_then() - appended
            self._reviews_by = _ReviewEdits(
                ours,
                theirs,
                known_here,
                self._known_there(),
                signed_ours,
                signed_theirs,
                our_words,
                decided_ours,
                foreign,
                same_decision,
            )
        return self._reviews_by

    def _ordering(
        self, target: int, their_ids: list[int], our_side: Knowledge, their_side: Knowledge
    ) -> Ordering:
        """Which of one reviewer's two versions of our sentence `target` (where their
        `their_ids` landed) is the later word, from the two histories (`version_order`).
        Her last word on a side (`is_last_word`: `our_side`, `their_side` are the two
        sides' reviews of it, theirs as they keep them) went on from every entry of hers,
        whichever spelling of her name wrote it; another spelling kept beside it there
        went on only from that spelling's."""

        def who(knowledge: Knowledge, name: str) -> str:
            return _as_read(name) if is_last_word(knowledge, name) else _as_typed(name)

        def order(mine: Review, theirs: Review) -> Order:
            if self.snapshot.history_problem:
                # A history changed outside the desk says nothing we may act on, and
                # neither does their clock: two versions that differ are kept apart.
                return Order.CONCURRENT
            edits = self._review_edits()
            # One reviewer's entries however her name was typed (`in_our_names`), for
            # her last word; for another spelling of hers kept beside it, its own.
            key = (target, who(our_side, mine.reviewer))
            everything = edits.ours.get(key, [])
            found_here = _still_here(everything, edits.our_words.get(key, []), mine, edits.foreign)
            # Entries of an undone merge are no word of ours: not "known" here either.
            known_here: Container[str] = edits.known_here
            if len(found_here) < len(everything):
                known_here = _Without(edits.known_here, frozenset(everything[len(found_here) :]))
            whose = who(their_side, theirs.reviewer)
            found = sorted(entry for t in their_ids for entry in edits.theirs.get((t, whose), []))
            return version_order(
                found_here, [name for _, name in found], known_here, edits.known_there
            )

        return order

    def _left_behind(self, target: int, our_side: Knowledge) -> LeftBehind:
        """Whether their version of our sentence `target`, kept there beside her last
        word under our spelling of her name, is words of hers an edit here left her review
        in, with edits of hers after it (`LeftBehind`): a copy of our own older word."""

        def left_behind(mine: Review, theirs: Review) -> bool:
            # Our own history, not theirs: a desk that merged ours has her later entries
            # too, kept under another spelling. Words ours had and left are nothing new.
            edits = self._review_edits()
            who = _as_read if is_last_word(our_side, mine.reviewer) else _as_typed
            states = edits.our_words.get((target, who(mine.reviewer)), [])
            words = theirs.content_fields()
            return any(_left_so(state, words) for state in states[:-1])

        return left_behind

    def _decision_seen(self, target: int, their_ids: list[int]) -> bool:
        """Whether their history holds every decision of our sentence `target`'s conflict
        here that stands (`_conflict_move`: Keep This One, Keep Combined, or one merged
        here from a third file; one undone since does not), before their last edit of it
        (where their `their_ids` landed) that we lack; True where none was made."""
        edits = self._review_edits()
        decisions = edits.decided_ours.get(target, [])
        if not decisions:
            return True
        places = self._their_places_by_name()
        new_there = self._new_there(their_ids)
        # Her laptop may have taken the desk in after her edit (to catch up): its history
        # then holds the decision, but her edit was made without knowing it. Until
        # 7 December that merge took her words over the decision without a conflict.
        last = max(new_there, default=len(self.snapshot.history))
        # A decision redone here is the one a copy taken before its undo holds: until
        # 7 December her later edit there was a conflict after the redo.
        return all(
            min(places.get(n, last) for n in (name, *edits.same_decision.get(name, ()))) < last
            for name in decisions
        )

    def _decided_there(self, their_ids: list[int]) -> bool:
        """Whether their history holds a decision of a conflict of their sentences
        `their_ids` (`_conflict_move`) that ours lacks."""
        if self.snapshot.history_problem:
            return True  # a history changed outside the desk: weighed as before
        history = self.snapshot.history
        return any(
            _conflict_move(history[n].action, history[n].old, history[n].new) > 0
            for n in self._new_there(their_ids)
        )

    def _new_there(self, their_ids: list[int]) -> list[int]:
        """The places in their history of their review entries of their sentences
        `their_ids` that ours lacks (indexed by sentence once a merge, not searched
        through every entry of theirs for each sentence)."""
        edits = self._review_edits()
        if self._their_by_sentence is None:
            by_sentence: dict[int, list[tuple[int, str]]] = {}
            for (sentence_id, who), entries in edits.theirs.items():
                if who.startswith("read "):  # each entry is under both names of hers
                    by_sentence.setdefault(sentence_id, []).extend(entries)
            self._their_by_sentence = by_sentence
        return [
            number
            for t in their_ids
            for number, name in self._their_by_sentence.get(t, [])
            if name not in edits.known_here
        ]

    def _their_places_by_name(self) -> dict[str, int]:
        """Where each entry of their history stands in it, by every name it has (as
        `_known_there`): the first place a name is found."""
        if self._their_places is None:
            places: dict[str, int] = {}
            for number, entry in enumerate(self.snapshot.history):
                for name in (_their_name(self.snapshot, entry), entry.hash, entry.origin):
                    if name:
                        places.setdefault(name, number)
            self._their_places = places
        return self._their_places

    def _sign_off_ordering(self, target: int, their_ids: list[int]) -> SignOffOrdering:
        """Which side's sign-off of our sentence `target` (where their `their_ids` landed)
        is the later word, from the entries that signed it off (or took its sign-off
        away, `_moved_sign_off`) in the two histories (`version_order`); the clocks
        decide only where those say nothing. `theirs` None: whether they took ours away
        after having it; `mine` None: whether we took theirs away after having it (an
        undo of a sign-off is a `sign_off` entry as the sign-off is)."""

        def order(mine: SignOff | None, theirs: SignOff | None) -> Order:
            if self.snapshot.history_problem:
                return Order.UNKNOWN  # a history changed outside the desk: as before
            edits = self._review_edits()
            found = sorted(entry for t in their_ids for entry in edits.signed_theirs.get(t, []))
            return version_order(
                edits.signed_ours.get(target, []),
                [name for _, name in found],
                edits.known_here,
                edits.known_there,
            )

        return order

    def _progress(self, done: int, total: int) -> None:
        if self.edit.progress is not None:
            fraction = READING_SHARE + (1 - READING_SHARE) * done / max(total, 1)
            self.edit.progress(fraction, "Merging")

    def run(self) -> None:
        articles = self.snapshot.articles
        brought: set[str] = set()  # the texts of theirs this run added or matched
        for number, theirs in enumerate(articles):
            self._progress(number, len(articles))
            text = theirs.article.content_hash
            ours = self.articles.get(text)
            if ours is None:
                ours = self._add_article(theirs)
                self.articles[text] = ours
                self.result.articles_added += 1
            else:
                if text in brought:
                    # A second article of theirs with one text (a cleaned copy keeps both:
                    # storage/cleaning.py, `same_text_mark`), merged onto what the first
                    # brought, so that first written: matched against the workspace as it
                    # was, a source both linked failed the merge on its UNIQUE link, and
                    # two reviewers' verdicts that disagree were taken one over the other.
                    self._write_rows()
                self._match_article(ours, theirs)
                self.result.articles_matched += 1
            brought.add(text)
            self.article_ids[theirs.article.id] = ours
        self._append_history()
        self._write_rows()
        self.repo.history.record_many(self.history)
        self.result.sentences_agreed += len(self.agreed - self.conflicting)
        self.result.sentences_conflicting += len(self.conflicting)
        self._progress(len(articles), len(articles))

    def _write_rows(self) -> None:
        """Write the reviews, versions and links gathered so far, many to a statement."""
        self.repo.reviews.save_reviews(self.reviews)
        self.repo.reviews.save_versions(self.versions)
        links = self._numbered(self.links)
        self.repo.sources.insert_links(links)
        self.written_links += links
        self.reviews, self.versions, self.links = [], [], []

    def _numbered(self, links: list[SourceLink]) -> list[SourceLink]:
        """`links` with their ids: those the first run gave (a redo), else ids no link
        has had (`SourceStore.new_link_ids`)."""
        again = [self.link_ids_before.get((x.sentence_id, x.source.id), 0) for x in links]
        fresh = iter(self.repo.sources.new_link_ids(sum(1 for i in again if not i)))
        return [
            dataclasses.replace(link, id=given or next(fresh))
            for link, given in zip(links, again, strict=True)
        ]

    # -- sources ----------------------------------------------------------------------------

    def _source_id(self, source: Source) -> int:
        """Our source with their source's URL, made when we have none; with their title,
        publisher and date accessed when only they changed them since both had ours."""
        known = self.sources.get(source.url)
        if known is not None:
            if source.url not in self.compared:  # each source decided once
                self.compared.add(source.url)
                ours = self.repo.sources.find_source_by_url(source.url)
                if ours is not None:
                    self._shared_source(ours, source)
            return known
        again = self.ids_before[2].get(source.url, 0)
        source_id = self.repo.sources.insert_source(dataclasses.replace(source, id=again))
        self.record.sources.append(source_id)
        self.result.sources_added += 1
        self.sources[source.url] = source_id
        return source_id

    def _shared_source(self, ours: Source, theirs: Source) -> None:
        """One source both have: each of their details taken that only they changed
        since both had ours (`shared_outcomes`)."""
        mine, other = _source_details(ours), _source_details(theirs)
        if mine == other:
            return
        edits = self._link_edits()
        title, publisher, accessed = shared_outcomes(
            mine,
            other,
            [(e.name, e.source_before, e.source_after) for e in edits.ours.get(ours.url, ())],
            [(e.name, e.source_before, e.source_after) for e in edits.theirs.get(ours.url, ())],
            edits.known_here,
            edits.known_there,
        )
        taken = dataclasses.replace(
            ours,
            title=theirs.title if title is Shared.THEIRS else ours.title,
            publisher=theirs.publisher if publisher is Shared.THEIRS else ours.publisher,
            accessed=theirs.accessed if accessed is Shared.THEIRS else ours.accessed,
        )
        if taken != ours:
            self.repo.sources.update_source(taken)
            self.record.sources_changed.append(ours)
            self.result.sources_updated += 1
        # Not a date accessed that neither history explains: two people open a page on
        # different days.
        if Shared.DIFFERENT in (title, publisher):
            self.result.sources_differing += 1

    def _shared_link(self, ours: SourceLink, theirs: SourceLink) -> None:
        """One link both made (our sentence, their sentence, one URL): their stance and
        excerpt each taken when only they changed it since. Not on a check an editor approved
        here: the approval vouches for the sources the editor saw."""
        mine, other = _link_details(ours), _link_details(theirs)
        if mine == other:
            return
        edits, url = self._link_edits(), ours.source.url
        stance, excerpt = shared_outcomes(
            mine,
            other,
            [
                (e.name, e.link_before, e.link_after)
                for e in edits.ours.get(url, ())
                if e.sentence_id == ours.sentence_id
            ],
            [
                (e.name, e.link_before, e.link_after)
                for e in edits.theirs.get(url, ())
                if e.sentence_id == theirs.sentence_id
            ],
            edits.known_here,
            edits.known_there,
        )
        differs = Shared.DIFFERENT in (stance, excerpt)
        if Shared.THEIRS in (stance, excerpt):
            sign_off = self.repo.sign_offs.get(ours.sentence_id)
            if sign_off is None or sign_off.decision is not SignOffDecision.APPROVED:
                self.repo.sources.update_link(
                    dataclasses.replace(
                        ours,
                        stance=theirs.stance if stance is Shared.THEIRS else ours.stance,
                        excerpt=theirs.excerpt if excerpt is Shared.THEIRS else ours.excerpt,
                    )
                )
                self.record.links_changed.append(ours)
                self.result.links_updated += 1
            else:
                differs = True
        if differs:
            self.result.links_differing += 1

    def _link(
        self,
        theirs: SourceLink,
        sentence_id: int,
        linked: set[tuple[int, int]],
        their_sentence: int | None = None,
    ) -> None:
        """Their link (with who linked it) made here, unless this sentence has that source,
        or removed it since their copy was made (`_unlinked_here`: their `their_sentence`
        landing on our `sentence_id` of an article both have). Until 7 December a source
        removed here came back from an older copy that still had it."""
        known = self.sources.get(theirs.source.url)
        if (
            their_sentence is not None
            and (known is None or (sentence_id, known) not in linked)
            and self._unlinked_here(sentence_id, their_sentence, theirs)
        ):
            return
        source_id = self._source_id(theirs.source)
        if (sentence_id, source_id) in linked:
            ours = next(
                (
                    link
                    for link in self.repo.sources.links_for_sentence(sentence_id)
                    if link.source.id == source_id
                ),
                None,
            )
            if ours is not None:
                self._shared_link(ours, theirs)
            return
        linked.add((sentence_id, source_id))
        link = dataclasses.replace(
            theirs,
            id=0,  # a new link here
            sentence_id=sentence_id,
            source=dataclasses.replace(theirs.source, id=source_id),
        )
        self.links.append(link)
        self.record.links.append((sentence_id, source_id))
        self.result.links_added += 1
        self.result.links_added_here += int(their_sentence is not None)

    # -- an article we do not have ------------------------------------------------------------

    def _add_article(self, theirs: ArticleSnapshot) -> int:
        article = theirs.article
        hidden = hidden_import(self.repo, article.content_hash)
        if hidden is not None and hidden.under_way:
            # Its text is a file saved beside the window (hidden until its last slice; a
            # Ctrl+Y of a merge runs beside an import): the hash is UNIQUE, and the merge
            # failed as if the workspace "could not be read or written". Refused in words,
            # nothing written; tried again once it is in, the merge matches it.
            raise EditRefused(
                f"The merge of {self.snapshot.name} was not made: its article "
                f"“{shown_line(article.metadata.title)}” is being imported here right now. "
                "Nothing was changed; merge again once that import has finished."
            )
        if hidden is not None:  # what a stopped import left: its hash goes with this write
            release_stale(self.repo, hidden)
        articles_before, sentences_before, _ = self.ids_before
        if theirs.sentences and theirs.sentences[0].id in sentences_before:
            first_id = sentences_before[theirs.sentences[0].id]
            self._given(first_id + len(theirs.sentences) - 1)
        else:
            first_id = self._new_sentence_ids(len(theirs.sentences))
        article_id = self.repo.imports.insert_article(
            text=article.text,
            content_hash=article.content_hash,
            metadata=article.metadata,
            source_name=article.source_name,
            segmenter=theirs.segmenter,
            spans=[SentenceSpan(s.start, s.end, s.paragraph) for s in theirs.sentences],
            language=article.language,
            article_id=articles_before.get(article.id),
            first_sentence_id=first_id,
        )
        self.record.articles.append(article_id)
        ids = {s.id: first_id + i for i, s in enumerate(theirs.sentences)}
        self.sentence_ids.update(ids)
        linked: set[tuple[int, int]] = set()
        for their_id, sentence_id in ids.items():
            if their_id in theirs.decided or their_id in theirs.versions:
                knowledge = self._knowledge(theirs, their_id, sentence_id, ids)
                if their_id in theirs.decided:
                    self.reviews.append(knowledge.decided)
                versions = knowledge.all_versions().values()
                self.versions += versions
                self.result.reviews_added += len(versions)
            sign_off = theirs.sign_offs.get(their_id)
            if sign_off is not None:
                self.repo.sign_offs.save(dataclasses.replace(sign_off, sentence_id=sentence_id))
            for link in theirs.links.get(their_id, []):
                self._link(link, sentence_id, linked)
        return article_id

    @staticmethod
    def _knowledge(
        theirs: ArticleSnapshot, their_id: int, sentence_id: int, ids: dict[int, int]
    ) -> Knowledge:
        """Their reviews of one sentence, moved to our sentence id, denials pointed at our
        sentences (none when the denied sentence is the same one here)."""

        def moved(review: Review) -> Review:
            denies = ids.get(review.denies_sentence_id or 0)
            # Built directly: dataclasses.replace costs 4x as much, tens of thousands of times.
            return Review(
                sentence_id,
                review.tag,
                review.verdict,
                review.claimant,
                review.explanation,
                review.status,
                denies if denies != sentence_id else None,
                review.reviewer,
                review.updated_at,
            )

        knowledge = theirs.knowledge(their_id)
        if not knowledge.versions and not knowledge.decided.has_content:
            return Knowledge(Review(sentence_id))
        return Knowledge(
            moved(knowledge.decided),
            {name: moved(v) for name, v in knowledge.versions.items()},
            knowledge.sign_off,
        )

    # -- an article both have -------------------------------------------------------------

    def _match_article(self, article_id: int, theirs: ArticleSnapshot) -> None:
        repo, merging = self.repo, self.repo.merging
        spans, decided, reviewed = merging.sentences_of_article(article_id)
        groups = align([(start, end) for _, start, end in spans], theirs.spans)
        ids: dict[int, int] = {}  # their sentence → ours
        landing: dict[int, list[int]] = {}  # our sentence → theirs landing on it, in order
        for group in groups:
            if not group.ours:
                for j in group.theirs:  # text only they made a sentence of: ours now too
                    s = theirs.sentences[j]
                    # An id no sentence has had (a redo: the one the first run gave).
                    # SQLite's highest-plus-one gave a sentence merged away, which the
                    # history names and an undo may bring back, its id again.
                    again = self.ids_before[1].get(s.id, 0)
                    if again:
                        self._given(again)
                    else:
                        again = self._new_sentence_ids(1)
                    new_id = repo.sentences.insert_sentence(
                        Sentence(again, article_id, s.start, s.end, s.paragraph, s.text)
                    )
                    self.record.sentences.append(new_id)
                    ids[s.id] = new_id
                    landing[new_id] = [s.id]
                continue
            starts = [spans[i][1] for i in group.ours]
            for j in group.theirs:
                s = theirs.sentences[j]
                k = max(0, bisect_right(starts, s.start) - 1)
                target = spans[group.ours[k]][0]
                ids[s.id] = target
                landing.setdefault(target, []).append(s.id)
        self.sentence_ids.update(ids)
        versions = repo.reviews.versions_for_article(article_id)
        sign_offs = repo.sign_offs.for_article(article_id)
        linked = merging.linked_pairs(article_id)
        for target, their_ids in landing.items():
            for t in their_ids:
                for link in theirs.links.get(t, []):
                    self._link(link, target, linked, t)
            if not any(t in theirs.decided or t in theirs.versions for t in their_ids):
                continue  # they did nothing here (most sentences of a long article)
            ours = Knowledge(
                decided.get(target, Review(target)),
                {v.reviewer: v for v in versions.get(target, ())},
                sign_offs.get(target),
            )
            if len(their_ids) == 1:
                other = self._knowledge(theirs, their_ids[0], target, ids)
            else:
                other = combine(
                    target, [self._knowledge(theirs, t, target, ids) for t in their_ids]
                )
                if _too_long_joined(other):
                    # Joined past what an export reads back: the article's review export
                    # was then refused whole on import. Left here as Ctrl+M leaves it.
                    self.result.joins_too_long += 1
                    continue
            order = self._ordering(target, their_ids, ours, other)
            outcome = merge_sentence(
                ours,
                other,
                order,
                self.snapshot.name,
                self.our_file,
                self._sign_off_ordering(target, their_ids),
                self._left_behind(target, ours),
                partial(self._decision_seen, target, their_ids),
                partial(self._decided_there, their_ids),
            )
            for version in outcome.versions:
                before = ours.versions.get(version.reviewer)
                self.record.versions.append((target, version.reviewer, before))
                self.versions.append(version)
            self.result.reviews_added += outcome.added
            # Counted by sentence once the run is over: two articles of theirs with one
            # text land on it twice (`run`), and one conflict was said as two.
            if outcome.agreed:
                self.agreed.add(target)
            if outcome.conflict:
                self.conflicting.add(target)
            if outcome.decided is not None:
                before_review = ours.decided if target in reviewed else None
                self.record.reviews.append((target, before_review))
                self.reviews.append(outcome.decided)
                what = "reviewers disagree" if outcome.conflict else "their review"
                self.history.append(
                    HistoryRow(
                        at=now_iso(),
                        actor=self.edit.actor,
                        action="merge",
                        description=f"Merge from {self.snapshot.name}: {what}",
                        entity="review",
                        entity_id=target,
                        old=canonical(ours.decided.content_fields()),
                        new=canonical(outcome.decided.content_fields()),
                        article_id=article_id,
                        sentence_id=target,
                    )
                )
            # Ours settled further there (not a first review of theirs, not a conflict).
            settled = outcome.decided is not None and ours.decided.has_content
            settled = settled and not outcome.conflict and not outcome.later_edit
            taken = outcome.decided_is_theirs or outcome.sign_off_is_theirs
            kept = outcome.sign_off_withdrawn_here or outcome.sign_off_kept_here
            if taken and not kept:
                theirs_sign_off = next(
                    (theirs.sign_offs[t] for t in their_ids if t in theirs.sign_offs), None
                )
                if theirs_sign_off is not None:
                    theirs_sign_off = dataclasses.replace(theirs_sign_off, sentence_id=target)
                if theirs_sign_off != sign_offs.get(target):
                    settled = not outcome.conflict
                    mine_signed = sign_offs.get(target)
                    if outcome.later_edit and theirs_sign_off is None and mine_signed is not None:
                        # Her later check, made without the approval or return here: not
                        # a decision of theirs taken, but an approval here gone, or a
                        # return her changed verdict ended (said, not "taken": until 7
                        # December a return so ended was "Their decision ... taken").
                        settled = False
                        if mine_signed.decision is SignOffDecision.APPROVED:
                            self.result.approvals_withdrawn += 1
                        else:
                            self.result.returns_ended += 1
                            now = outcome.decided or ours.decided
                            if sign_off_state(now, None) is not SignOffState.AWAITING:
                                self.result.returns_ended_open += 1
                    self.record.sign_offs.append((target, sign_offs.get(target)))
                    if theirs_sign_off is None:
                        repo.sign_offs.delete(target)
                    else:
                        repo.sign_offs.save(theirs_sign_off)
            self.result.settled_taken += int(settled)
            self.result.approvals_not_taken += int(outcome.approval_left_out)

    # -- history ----------------------------------------------------------------------------

    def _append_history(self) -> None:
        # Our own entries from before the chain too, as a colleague's merge of our file
        # named them: so that they do not come back as theirs.
        known = set(self._known_here())
        for entry in self.snapshot.history:
            origin = _their_name(self.snapshot, entry)
            if origin in known:
                continue
            known.add(origin)
            self.edit._appended.add(origin)
            entity_id = entry.entity_id
            if entry.entity in ("review", "sentence"):
                entity_id = self.sentence_ids.get(entity_id or 0)
            elif entry.entity == "article":
                entity_id = self.article_ids.get(entity_id or 0)
            else:
                entity_id = None  # a link or a source: its id there means nothing here
            self.history.append(
                HistoryRow(
                    at=entry.at,
                    actor=entry.actor,
                    action=entry.action,
                    description=entry.description,
                    entity=entry.entity,
                    entity_id=entity_id,
                    old=entry.old,
                    new=entry.new,
                    article_id=self.article_ids.get(entry.article_id or 0),
                    sentence_id=self.sentence_ids.get(entry.sentence_id or 0),
                    origin=origin,
                )
            )
            self.result.history_added += 1


def _forged_undos(
    history: list[HistoryRecord], written_here: Callable[[list[str]], set[str]]
) -> set[int]:
    """The places in their history of undos that do not hold up there: of a conflict's
    decision, or of a sign-off (Approve, Return). Ctrl+Z is one desk's: an undo is
    written in the file the step it takes back was written in, so both were written
    there or both came by merge, and an undo of a step written here (`written_here`
    names ours among entry hashes) is one of ours. An undo written there of a step it
    only received (or one received of a step made there), or one from elsewhere of a
    step of ours, is a forgery: merged, it came from a third file with a name like
    any, and a later merge here took a stale edit over the editor's decision unsaid
    (the rule in `_review_edits` knows only decisions made here); of an approval, this
    very merge took the editor's approval away ("Their decision or sign-off taken").
    Which step each undo takes back is `services/history.taken_back`'s, as who gave a
    verdict reads it."""
    moves: dict[tuple[str, int], list[tuple[int, Move, str]]] = {}  # (place, move, name)
    for number, entry in enumerate(history):
        if entry.sentence_id is None:
            continue
        if entry.entity == "review":
            move = _conflict_move(entry.action, entry.old, entry.new)
        elif entry.entity == "sign_off" and entry.action in ("do", "redo", "undo"):
            move = -1 if entry.action == "undo" else 1
        else:
            continue
        if move:  # a decision or its redo is a step; its undo opens the conflict again
            made = Move("undo" if move < 0 else "do", entry.old, entry.new, not entry.origin)
            name = entry.origin or entry.hash
            moves.setdefault((entry.entity, entry.sentence_id), []).append((number, made, name))
    forged: set[int] = set()
    mine: list[tuple[int, str, str]] = []  # (place, step's name, undo's name)
    for each in moves.values():
        found = taken_back([made for _n, made, _name in each])
        forged.update(each[place][0] for place in found.forged)
        for undo, step in found.of.items():
            if each[step][2] and each[undo][2]:
                mine.append((each[undo][0], each[step][2], each[undo][2]))
    if mine:
        here = written_here(sorted({n for _, step, undo in mine for n in (step, undo)}))
        forged.update(number for number, step, undo in mine if step in here and undo not in here)
    return forged


def _unrecorded_sign_offs_left_out(snapshot: WorkspaceSnapshot) -> int:
    """Take out of `snapshot` the sign-offs (Approve, Return) no entry of their history
    made or left (a row a script or DB Browser wrote: nothing was added to the history,
    so its chain still verifies), and say how many: until 7 December such an approval
    was taken, in the editor's name. The sign-offs of an article that came in by Import
    Review are its file's, and have no entry of their own: they stay."""
    recorded: set[str] = set()
    imported: set[int] = set()
    for entry in snapshot.history:
        if entry.entity == "article" and entry.description == "Import review":
            imported.add(entry.article_id or 0)
        for state in (entry.old, entry.new):
            if state and '"sign_off"' in state:
                with contextlib.suppress(ValueError, RecursionError):
                    _sign_off_states(json.loads(state), recorded)
    left_out = 0
    for theirs in snapshot.articles:
        if theirs.article.id in imported:
            continue
        for sentence_id, sign_off in list(theirs.sign_offs.items()):
            if canonical(sign_off.state()) not in recorded:
                del theirs.sign_offs[sentence_id]
                left_out += 1
    return left_out


def _sign_off_states(value: object, found: set[str]) -> None:
    """Every sign-off state in an entry's state (a sign-off's, a review's that took one
    away, a structural step's sentences'), canonical, into `found`."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "sign_off" and isinstance(inner, dict):
                found.add(canonical(inner))
            else:
                _sign_off_states(inner, found)
    elif isinstance(value, list):
        for inner in value:
            _sign_off_states(inner, found)


def _remade(
    remade: list[tuple[int, list[int], set[str], set[str]]],
    ours: dict[tuple[int, str], list[bool]],
    looks: dict[tuple[int, str], set[LinkLook]],
    urls: dict[int, set[str]],
) -> None:
    """Each sentence a join, split or re-split made takes the link entries of the text it
    was made of: linked where it links the URL, removed where that text's last entry of
    it removed it. Until 7 December a source removed here came back from an older copy
    once its sentence was joined or split since (its id another). Read from the entries
    as they were before this one (a sentence's id may be another's part in it)."""
    made: list[tuple[int, str, bool, set[LinkLook]]] = []
    for sentence, made_of, linked, linked_before in remade:
        if made_of == [sentence]:
            # The same text under its own id: its own entries say it, but for a source
            # this step gave it or took from it. The undo of a join takes the second
            # sentence's sources back from the first's id: read as still linked there, a
            # source removed from the first before the join came back in a merge.
            made.extend(
                (sentence, url, url in linked, set())
                for url in linked ^ linked_before
                if (sentence, url) in ours
            )
            continue
        for url in {url for part in made_of for url in urls.get(part, ())}:
            parts = [ours[(part, url)] for part in made_of if (part, url) in ours]
            if url in linked or any(not moves[-1] for moves in parts if moves):
                held = {look for part in made_of for look in looks.get((part, url), ())}
                made.append((sentence, url, url in linked, held))
    for sentence, url, linked_now, held in made:
        ours.setdefault((sentence, url), []).append(linked_now)
        urls.setdefault(sentence, set()).add(url)
        looks.setdefault((sentence, url), set()).update(held)


@dataclass
class _LinkMoves:
    """Whether each link was left linked by our entries of it, by (our sentence, URL), in
    the order written, and each way those entries held it (`link_look`); the names of
    their entries of it, by (their sentence, URL)."""

    ours: dict[tuple[int, str], list[bool]]
    looks: dict[tuple[int, str], set[LinkLook]]
    theirs: dict[tuple[int, str], list[str]]


@dataclass
class _LinkEdits:
    """Both sides' Edit Source entries by URL, and the names of every entry each side's
    history holds (what a shared source's or link's outcome is decided from)."""

    ours: dict[str, list[DetailEdit]]
    theirs: dict[str, list[DetailEdit]]
    known_here: set[str]
    known_there: set[str]


def _too_long_joined(knowledge: Knowledge) -> bool:
    """Whether their reviews of several sentences, joined (`combine`), hold an
    explanation (the decided one or a reviewer's own) longer than a review export reads
    back; each alone is within it (`other_workspace` leaves a longer one out)."""
    reviews = [knowledge.decided, *knowledge.versions.values()]
    return any(len(review.explanation) > LONGEST_TEXT for review in reviews)


def _as_read(actor: str) -> str:
    """A reviewer's entries by her name as a reader sees it (`person_key`), for
    `_ReviewEdits`: every spelling of hers."""
    return "read " + person_key(actor)


def _as_typed(actor: str) -> str:
    """A reviewer's entries by her name as typed, for `_ReviewEdits`: one spelling's."""
    return "typed " + actor


@dataclass(frozen=True)
class _Without:
    """`known` without `left` (a few names), read without copying `known`."""

    known: Container[str]
    left: frozenset[str]

    def __contains__(self, name: object) -> bool:
        return name not in self.left and name in self.known


def _still_here(
    names: list[str], states: list[str | None], mine: Review, foreign: set[str]
) -> list[str]:
    """Our entries of one reviewer's review of a sentence (`names`, each leaving its
    `states`) without the last ones a merge appended (`foreign`) whose words her version
    here (`mine`) no longer has: that merge was undone (the history keeps its entries),
    and merging the file afresh found her later word "already here". Until 7 December
    it said "nothing new" and left it out. All are kept where none is her version."""
    words = mine.words()
    end = len(names)
    while end and names[end - 1] in foreign and not _left_so(states[end - 1], words):
        end -= 1
    return names[:end] if end else names


def _left_so(state: str | None, words: dict[str, object]) -> bool:
    """Whether a review entry's new state (JSON) is a review with these `words`
    (`Review.words`)."""
    try:
        found = json.loads(state or "null")
    except (ValueError, RecursionError):
        return False
    return isinstance(found, dict) and all(found.get(k) == v for k, v in words.items())


def _conflict_move(action: str, old: object, new: object) -> int:
    """Whether a review entry (its `action` and states, canonical JSON) decided a
    conflict (1: in conflict before it and not after, a decision or its redo), took a
    decision back (-1: its undo, the conflict open again) or neither (0)."""
    if not (isinstance(old, str) and '"conflict"' in old) and not (
        action == "undo" and isinstance(new, str) and '"conflict"' in new
    ):
        return 0  # most entries: no need to read them (only an undo opens a conflict)
    try:
        before = json.loads(old) if isinstance(old, str) else None
        after = json.loads(new) if isinstance(new, str) else None
    except (ValueError, RecursionError):
        return 0
    if not isinstance(before, dict) or not isinstance(after, dict):
        return 0
    was, now = before.get("status") == "conflict", after.get("status") == "conflict"
    return int(was and not now) - int(now and not was)


def _moved_sign_off(old: object, new: object) -> bool:
    """Whether a review entry's states (canonical JSON) show it took a sign-off away or
    put it back (`ReviewEdit.field_states`: a changed check under an approval, or its
    undo): a step in the sentence's sign-off as much as an approval is."""
    for state in (old, new):
        if isinstance(state, str) and '"sign_off"' in state:
            with contextlib.suppress(ValueError):
                parsed = json.loads(state)
                if isinstance(parsed, dict) and "sign_off" in parsed:
                    return True
    return False


@dataclass
class _ReviewEdits:
    """Both sides' entries of edits of one sentence's review by one reviewer, by (our or
    their sentence id, the reviewer's `person_key`, `_as_read`: "ana ruiz" from a script
    is Ana Ruiz; or her name as typed, `_as_typed`):
    names, in the order written (theirs with their place in their history), and the names
    every entry of each side's history has."""

    ours: dict[tuple[int, str], list[str]]
    theirs: dict[tuple[int, str], list[tuple[int, str]]]
    known_here: set[str]
    known_there: set[str]
    # The entries that signed each sentence off (approved or returned it) or took its
    # sign-off away (a changed check), by our or their sentence id, in the same way.
    signed_ours: dict[int, list[str]] = field(default_factory=dict)
    signed_theirs: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    # The review each of our entries left (its `new` state, JSON), as `ours` names them.
    our_words: dict[tuple[int, str], list[str | None]] = field(default_factory=dict)
    # Our entries that decided a sentence's conflict and were not undone since
    # (`_conflict_move`), by our sentence id.
    decided_ours: dict[int, list[str]] = field(default_factory=dict)
    # Our entries appended from another workspace's history (by a merge, perhaps undone).
    foreign: set[str] = field(default_factory=set)
    # A redo of a decision (in `decided_ours`) by the earlier entries of that decision,
    # undone since: a history holding any of them knew the decision.
    same_decision: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _index(entries: list[tuple[HistoryRecord, str]]) -> dict[str, list[DetailEdit]]:
    """Edits of links in place by URL, in the order written."""
    found: dict[str, list[DetailEdit]] = {}
    for record, name in entries:
        edit = detail_edit(record, name)
        if edit is not None:
            found.setdefault(edit.url, []).append(edit)
    return found


def _source_details(source: Source) -> Details:
    accessed = source.accessed.isoformat() if source.accessed else None
    return source.title, source.publisher, accessed


def _link_details(link: SourceLink) -> Details:
    return link.stance.value, link.excerpt


def _their_name(snapshot: WorkspaceSnapshot, entry: HistoryRecord) -> str:
    """An entry of theirs by its name in every workspace: where it was first written."""
    return entry.origin or entry.hash or _fallback_origin(snapshot, entry)


def _fallback_origin(snapshot: WorkspaceSnapshot, entry: HistoryRecord) -> str:
    return unchained_origin(
        snapshot.workspace_id, entry.id, entry.at, entry.actor, entry.action, entry.old, entry.new
    )


def unchained_origin(
    workspace_id: str,
    number: int,
    at: str,
    actor: str,
    action: str,
    old: str | None,
    new: str | None,
) -> str:
    """A stable name for an entry written before the history was chained (it has no
    hash): its workspace, number and content."""
    key = "\n".join([workspace_id, str(number), at, actor, action, old or "", new or ""])
    return "unchained:" + hashlib.sha256(key.encode()).hexdigest()


class Merging:
    """Merge another workspace file into this one (`desk.merge`)."""

    def __init__(self, repo: WorkspaceRepository, edits: EditStack) -> None:
        self.repo = repo
        self.edits = edits

    def read(self, path: Path, progress: Progress | None = None) -> MergeEdit:
        """Read their file (all of it, into memory; it is closed again after) into the
        merge still to be applied. Raises a WorkspaceError in words for a file that is not
        a desk workspace, is untrusted, newer, or the open workspace itself."""

        def reading(done: int, total: int) -> None:
            if progress is not None:
                progress(READING_SHARE * done / max(total, 1), "Reading")

        # Running from here (the window shows "Merging…" as it reads): a desk stopped
        # before `apply` ends it is told at the next open that nothing of it was merged.
        note_running_merge(self.repo, with_undecodable_replaced(path.name))
        try:
            return self._read(path, reading)
        except BaseException:  # refused, cancelled: `apply` will not end it
            end_running_merge(self.repo)
            raise

    def _read(self, path: Path, reading: Callable[[int, int], None]) -> MergeEdit:
        try:
            snapshot, skipped = other_workspace.read_snapshot(path, reading, self.repo.db.path)
        except (NotAWorkspace, WorkspaceEmptyFile) as error:
            raise type(error)(_refused_to_merge(error, path)) from None
        except WorkspaceUntrusted as error:
            if not error.found:  # said in words of its own (an upgrade of their file refused)
                raise
            raise WorkspaceUntrusted(_untrusted_to_merge(error, path), found=error.found) from None
        if snapshot.unlike_history:
            # Two moments in their file: which is their review cannot be told, and a merge
            # would put one of them into the reviewer's workspace unsaid (docs/safety.md).
            raise WorkspaceError(two_moments_note(path.name, snapshot.unlike_history, merged=True))
        # Left out, and said: read as a word, a forged undo replaced an editor's
        # decision at a later merge here, or took her approval away.
        forged = _forged_undos(snapshot.history, self.repo.merging.written_here)
        if forged:
            snapshot.history = [e for n, e in enumerate(snapshot.history) if n not in forged]
            skipped += len(forged)
        skipped += _unrecorded_sign_offs_left_out(snapshot)
        for theirs in snapshot.articles:  # what it must be, whatever their file says
            theirs.article = dataclasses.replace(
                theirs.article, content_hash=content_hash(theirs.article.text)
            )
        description = f"Merge {snapshot.name}"  # the file's name, as text
        if snapshot.history_problem:  # shown wherever the history is, with the undo step
            description += " (its history does not verify)"
        edit = MergeEdit(snapshot, self.edits.actor, description=description)
        edit.result.skipped = skipped
        edit.result.undos_left_out = len(forged)
        return edit

    def apply(self, edit: MergeEdit, progress: Progress | None = None) -> MergeResult:
        """Merge what `read` took in, as one undo step (none when nothing is new)."""
        edit.progress = progress
        try:
            # Nothing new: rolled back, not even the merge's own history entry is written.
            with contextlib.suppress(_NothingNew):
                self.edits.push(edit)
        finally:  # merged, nothing new, cancelled or refused: it is no longer running
            end_running_merge(self.repo)
        return edit.result

    def merge(self, path: Path, progress: Progress | None = None) -> MergeResult:
        """Read their file and merge it (both steps above). Ctrl+C on the command line
        meanwhile raises MergeInterrupted, saying whether the merge got in."""
        before = self.repo.history.last_history_id()
        try:
            return self.apply(self.read(path, progress), progress)
        except KeyboardInterrupt:
            raise _interrupted(self.repo, path, before) from None

    def versions(self, sentence_id: int) -> list[Review]:
        """Every reviewer's own review of a sentence, oldest first; for a sentence in
        conflict whose decided review is no stored version, that one too (first)."""
        found = self.repo.reviews.versions(sentence_id)
        decided = self.repo.reviews.get_review(sentence_id)
        if decided.has_content and all(v.reviewer != decided.reviewer for v in found):
            done = decided.verdict is not None or decided.tag is None
            shown = decided.edited(status=Status.DONE if done else Status.IN_PROGRESS)
            found.insert(0, shown if decided.status is Status.CONFLICT else decided)
        return found


class MergeInterrupted(KeyboardInterrupt):
    """Ctrl+C during a merge (the command line), saying what it left: "interrupted" alone
    did not tell whether the colleague's work was in the workspace."""


def _interrupted(repo: WorkspaceRepository, path: Path, before: int) -> KeyboardInterrupt:
    """What Ctrl+C during the merge of `path` left, told by the history: the merge writes
    an entry of its own in its transaction, which the key rolled back unless it came once
    that was committed. A plain KeyboardInterrupt when the history cannot be read now."""
    name = with_undecodable_replaced(path.name)
    try:
        if repo.db.conn.in_transaction:
            # The key again as its rollback was about to run: the merge was written, never
            # committed, and its entry read back in that transaction said it was in.
            repo.db.conn.execute("ROLLBACK")
        merged = repo.history.last_history_id() != before
    except Exception:  # unreadable now: the key's own word, as before
        return KeyboardInterrupt()
    if merged:
        return MergeInterrupted(
            f"interrupted, but only once {name} was merged: its work is in the workspace "
            "(factcheck-app history shows the merge)."
        )
    return MergeInterrupted(
        f"interrupted: nothing of {name} was merged, and the workspace was left as it was. "
        "Merge it again to bring it in."
    )


def _untrusted_to_merge(refusal: WorkspaceUntrusted, path: Path) -> str:
    """The refusal of their file crafted (or edited outside a desk), with the way to merge
    its work: the open's words said "Open a cleaned copy", and an editor who did had a copy
    open and her colleague's work still not merged."""
    name = with_undecodable_replaced(path.name)
    return (
        f"{name} {refusal.found}: a workspace from elsewhere may have been made to change verdicts "
        f"or stall the desk, so nothing in it was run. Nothing was merged, nothing here was "
        f"changed, and {name} was left as it was. To merge its work, make a cleaned copy of "
        "it (File → Open Workspace… on it offers one) and merge the copy."
    )


def _refused_to_merge(refusal: WorkspaceError, path: Path) -> str:
    """The refusal of a file that is no workspace (a report renamed .fcdesk, a folder) or
    one a copy emptied, with what to merge instead: the open's refusal told what it is and
    stopped there, or said to open the workspace whose -wal it is."""
    for suffix, kind in SIDE_FILES.items():
        main = path.with_name(path.name[: -len(suffix)])
        if path.name.endswith(suffix) and path.name != suffix and main.is_file():
            return (
                f"{path.name} is the {kind} of the workspace {main.name}, not a workspace: "
                f"merge {main.name} itself. Nothing was merged, and nothing was changed."
            )
    if isinstance(refusal, WorkspaceEmptyFile):
        return (
            f"{refusal} Nothing was merged: ask for a fresh copy (File → Save a Copy… in "
            "their desk makes a whole one)."
        )
    return (
        f"{refusal} Nothing was merged: choose the workspace file your colleague handed over "
        "(File → Save a Copy… in their desk makes one)."
    )
