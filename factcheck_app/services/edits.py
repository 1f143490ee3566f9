"""Undoable edits. Each edit knows how to apply and revert itself through the repository;
the EditStack runs both inside one transaction together with the history record."""

from __future__ import annotations

import dataclasses
import functools
import re
import time
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from factcheck_app.domain.errors import ChangedMeanwhile, EditGone, EditRefused
from factcheck_app.domain.models import (
    Review,
    Sentence,
    SentenceRow,
    SignOff,
    SignOffDecision,
    Source,
    SourceLink,
    Stance,
    Status,
)
from factcheck_app.domain.printable import has_visible_text, shown_line, shown_name
from factcheck_app.domain.segmentation import drawn_start
from factcheck_app.domain.sign_off import outlived
from factcheck_app.domain.times import in_local_zone, stored_time
from factcheck_app.storage.repositories import WorkspaceRepository, now_iso
from factcheck_app.storage.stores.held import Held, Reach, SnapshotParts, held_of
from factcheck_app.storage.stores.rows import StoredName

# A structural step of this many sentences (before and after: a re-split of an article of
# 1,000) is undone and redone by the window in a worker, as the window re-splits every
# article there (gui/controllers/merge.py ResplitJob): a 1 MB article's took 2.5 s on its
# thread.
LONG_STEP_SENTENCES = 2_000
REPORT_EVERY = 500  # sentences between two reports of a long structural step

# Typing in one text field within this many seconds is one undo step, not one per keystroke.
TEXT_MERGE_WINDOW_S = 60.0


@dataclass
class Change:
    """What an edit touched, so views can refresh just that."""

    article_id: int
    sentence_ids: tuple[int, ...]
    structural: bool = False  # sentences were added or removed: reload the article
    focus_sentence_id: int | None = None
    message: str = ""
    workspace_wide: bool = False  # any article may have changed (a merge): reload them all
    properties: bool = False  # the article's title, outlet or date: list the articles again
    # The article's rows as read after a structural step by the worker that took it (a
    # long re-split, its undo or redo): the window shows them without reading them again.
    rows: list[SentenceRow] | None = None
    # The sign-offs a structural step took by changing their sentences (a merge, a split,
    # a re-split, or their redo): known from the step itself, whichever article is shown.
    sign_offs_taken: tuple[SignOff, ...] = ()
    # The claimant and explanation the step set, by sentence of `sentence_ids`, with what
    # it set (a sentence not named: none): the window's typed text waiting there goes
    # over those, as the newer edit, and over no other field's text, which may be
    # another program's save. Told by every step, never guessed: a review's edit, undo
    # or redo names what it changed; a merge or split of sentences, or its undo, what
    # the reviews it wrote hold unlike before; a step that lists no sentence (a
    # workspace merged, an article removed, its properties) names none.
    texts: dict[int, dict[str, str]] = field(kw_only=True)


def texts_of(changes: list[Change]) -> dict[int, dict[str, str]]:
    """The text fields `changes` set, one step's parts (a field set twice: as last)."""
    texts: dict[int, dict[str, str]] = {}
    for change in changes:
        for sentence_id, fields in change.texts.items():
            texts.setdefault(sentence_id, {}).update(fields)  # a field set twice: as last
    return texts


def texts_set(old: Review, new: Review) -> dict[str, str]:
    """The text fields a review's step from `old` to `new` sets, with what it sets."""
    return {
        name: getattr(new, name)
        for name in ("claimant", "explanation")
        if getattr(old, name) != getattr(new, name)
    }


class Edit:
    """Base of all undoable edits."""

    description = "Edit"
    entity = "review"
    # Undone or redone in a worker by the window, as it may take seconds (a merge).
    runs_long = False
    # Its `refusal` is looked at before the undo's or redo's transaction instead of in
    # it: one that can say why at once, where the transaction would first wait for the
    # write lock another writer holds (Ctrl+Z of Remove Article while the same text is
    # imported beside the window: it waited for the import's slice, and failed as
    # "kept it locked for too long" instead of saying the import was why). Such a step
    # looks again in its own write at what may change between (`RemoveArticleEdit.revert`).
    refusal_looks_first = False
    # What the step was made from, read before its transaction (`made_from_now` reads
    # the same again): `EditStack.push` looks, in the step's own transaction before it
    # is first applied, whether it is still so, and writes nothing when not
    # (`changed_meanwhile`, told what was read now: the refusal's words come from that
    # read alone, never from anything an earlier read left on the edit). Read apart, a
    # change another program (or the window's worker) saved in between was written over.
    # None: nothing to look at, or looked at already.
    made_from: object = None

    def made_from_now(self, repo: WorkspaceRepository) -> object:
        """What `made_from` is now, read as it was."""
        return None

    def changed_meanwhile(self, now: object) -> EditRefused:
        """The refusal, in words, when `made_from` is no longer so but `now` (what
        `made_from_now` read in the same transaction); nothing was written.
        A change meanwhile whatever the step (`ChangedMeanwhile`), so that the window
        shows what is saved now (`shown_as_saved_if_changed`): a plain `EditRefused`
        left a step without words of its own under the window's stale view. (Every step
        that sets `made_from` has its own today; Remove Article, a
        workspace merge and an empty compound step look at nothing.)"""
        return ChangedMeanwhile(
            f"“{self.description}” was not saved: what it was made from was changed while "
            "it was being saved (by another program, or a merge undone or redone). Nothing "
            "was changed; look at it again, then try again."
        )

    def apply(self, repo: WorkspaceRepository) -> Change:
        raise NotImplementedError

    def revert(self, repo: WorkspaceRepository) -> Change:
        raise NotImplementedError

    def history_states(self) -> tuple[int | None, object, object]:
        """(entity id, state before, state after) for the history table."""
        raise NotImplementedError

    def sentence_ids(self) -> tuple[int, ...]:
        """The sentences the edit is about (the history files it under them)."""
        return ()

    def merge(self, newer: Edit) -> bool:
        """Absorb `newer` into this edit if they are one user step; True when merged."""
        return False

    def refusal(self, repo: WorkspaceRepository, actor: str, action: str) -> str | None:
        """Why `actor` may not undo or redo this step now, in words (None: they may).
        Raises `EditGone` when it is refused for good: the stack drops the step. An undo
        may be so only where the steps beneath it stay safe to undo with it done (they
        touched nothing of what it did: an article removed had no work on it; or each
        checks for itself: a review edit its review and a sign-off it took, a source
        link's edit its link, a structural step its sentences).
        Asked by `EditStack` inside the transaction that undoes or redoes the step, so
        nothing can change between this look and the write (a worker's `replay` too)."""
        return None


class ReviewChangedMeanwhile(ChangedMeanwhile):
    """A review edit found the review, in its own transaction, other than it was read
    to make the edit: a second connection saved it in between (the window's merge or
    re-split redone or undone in a worker, or another program). Nothing was written;
    `services/reviews.py` makes the edit again from the review as it is now."""


class SentencesChangedMeanwhile(ChangedMeanwhile):
    """A structural step (merge, split, re-split) found its sentences, in its own
    transaction, other than they were read to make it, or the ids it read as free for
    its new ones taken (an import beside the window): nothing was written.
    `services/boundaries.py` makes a merge or split again from them as they are now."""


class LinkChangedMeanwhile(ChangedMeanwhile):
    """Remove Source or Edit Source found the link, in its own transaction, other than it
    was read to make the step: nothing was written; the window reads the article again
    (it does not read another program's saves by itself) for the reviewer to look."""


# A review's fields in a refusal's words (keyed as `Review.content_fields`).
_FIELD_WORDS = {
    "tag": "its tag",
    "rating": "its verdict",
    "claimant": "its claimant",
    "explanation": "its explanation",
    "status": "its status",
    "denies_sentence_id": "the claim it denies",
}


def refused_for_good(action: str, description: str, why: str) -> EditGone:
    """An undo's or redo's refusal for good (`EditGone`), in the words every such refusal
    begins with: "Undo of “Remove source” was refused: " and `why`."""
    verb = "Undo" if action == "undo" else "Redo"
    return EditGone(f"{verb} of “{description}” was refused: {why}")


def refuse_review_moved_on(
    repo: WorkspaceRepository,
    expected: Review,
    action: str,
    description: str,
    writes: Review | None = None,
) -> None:
    """Raise `EditGone`, in words, when the review is not `expected` (what the step left
    it, for an undo, or found it, for a redo): another program changed it since. Saved
    since with the same content (a colleague's second window changed it and set it
    back), so too when who saved it, or when, is not what the step left: their name and
    time are the record of who last decided it, and the step put its own back over
    them unsaid (`refuse_resaved`). The window's own saves of it are all on its stack,
    newer ones undone first, each putting back the review exactly, name and time. With
    `writes` (the review the step puts there), also when its sentence, or the claim it
    denies, was deleted since by another program: a review never given (or a denial
    cleared) read the same still, and the step failed on the workspace's own rule ("could
    not be read or written (FOREIGN KEY constraint failed)") at every press, as if the
    file were broken. In the one read (an undo of Accept All looks at 5,000)."""
    claim = None if writes is None else writes.denies_sentence_id
    current, there, claim_there = repo.reviews.review_as_made_from(expected.sentence_id, claim)
    if current.content_fields() == expected.content_fields():
        if writes is not None and not there:
            raise refused_for_good(
                action,
                description,
                "this sentence was deleted since by another program. Nothing was changed.",
            )
        if claim is not None and not claim_there:
            raise refused_for_good(
                action,
                description,
                "the claim it denies was deleted since by another program. Nothing was changed.",
            )
        refuse_resaved(current, expected, action, description)
        return
    differs = [
        key
        for key, value in current.content_fields().items()
        if expected.content_fields()[key] != value
    ]
    what = ", ".join(_FIELD_WORDS.get(key, key) for key in differs)
    raise refused_for_good(
        action,
        description,
        f"this sentence's review was changed since by another program ({what}), and "
        "it would be put back over that. Nothing was changed; File → Check Workspace "
        "names the sentence.",
    )


def refuse_resaved(current: Review, expected: Review, action: str, description: str) -> None:
    """Raise `EditGone` when `current`, the same review as `expected` in content, was
    saved by someone else, or at another time, than `expected` says: saved again since
    outside the window's stack (a second window, another program)."""
    if (current.reviewer, current.updated_at) == (expected.reviewer, expected.updated_at):
        return
    who = shown_name(current.reviewer) or "Another program"
    when = stored_time(current.updated_at)
    local = (in_local_zone(when) or when) if when else None
    at = f" at {local.strftime('%H:%M on %d %b')}" if local else ""
    verb = "undone" if action == "undo" else "redone"
    raise refused_for_good(
        action,
        description,
        f"{who} saved this sentence's review since{at} (in another window or program). "
        f"It reads the same, but {verb} it would be put back over that save, and the "
        "record of who last decided it would be lost. Nothing was changed.",
    )


def refuse_sign_off_moved_on(
    repo: WorkspaceRepository,
    sentence_id: int,
    expected: SignOff | None,
    action: str,
    description: str,
) -> None:
    """Raise `EditGone`, in words, when the sentence's sign-off is not `expected` (what a
    step that took or gave it back left, for an undo, or found, for a redo): another
    program changed it since. An edit that took an approval put it back on undo over
    another editor's return saved since, note and all."""
    current = repo.sign_offs.get(sentence_id)
    if (current.state() if current else None) == (expected.state() if expected else None):
        return
    raise refused_for_good(
        action,
        description,
        "this sentence's sign-off was changed since by another program, and it would be "
        "put back over that. Nothing was changed.",
    )


def refuse_taken_sign_off_moved_on(
    repo: WorkspaceRepository,
    sentence_id: int,
    dropped: SignOff | None,
    action: str,
    description: str,
) -> None:
    """`refuse_sign_off_moved_on` for a step that took the sentence's sign-off away with
    it (`dropped`; None: it took none, and nothing is looked at): gone still, for an undo
    (which puts it back), there still, for a redo (which takes it again)."""
    if dropped is not None:
        expected = None if action == "undo" else dropped
        refuse_sign_off_moved_on(repo, sentence_id, expected, action, description)


def refuse_link_moved_on(
    repo: WorkspaceRepository,
    link: SourceLink,
    expected: SourceLink | None,
    action: str,
    description: str,
    other: SourceLink | None = None,
) -> None:
    """Raise `EditGone`, in words, when the sentence's link `link` (by its id, and any
    link of its source or `other`'s: one a sentence links once) is not `expected` (what
    the step left, for an undo, or found, for a redo; None: no such link): another
    program changed, removed or linked it again since. Undone unchecked, the step deleted
    a quote that program had added, or failed on the id or source it puts back ("could
    not be read or written") at every Ctrl+Z, every step beneath it out of reach."""
    sources = {link.source.id} | ({other.source.id} if other is not None else set())
    found = [
        _link_key(x)
        for x in repo.sources.links_for_sentence(link.sentence_id)
        if x.id == link.id or x.source.id in sources
    ]
    wanted = [] if expected is None else [_link_key(expected)]
    if sorted(found) == wanted:
        # Put back under its id (expected None): the id may have gone since to a link of
        # another sentence (an older desk's or DB Browser's, numbered by SQLite after the
        # highest), which the sentence's own links do not show: the step failed on it.
        if expected is None and repo.sources.link_id_taken(link.id):
            raise refused_for_good(
                action,
                description,
                "the number of this source link was given since by another program to "
                "another link. Nothing was changed.",
            )
        return
    raise refused_for_good(
        action,
        description,
        "this sentence's source link was changed since by another program, and it would "
        "be put back over that. Nothing was changed.",
    )


def refuse_page_taken(
    repo: WorkspaceRepository, url: str, source_id: int | None, action: str, description: str
) -> None:
    """Raise `EditGone`, in words, when the page `url` is not recorded as the step left
    it (undo) or found it (redo): under `source_id`, or (None) not at all, that id then
    free for the record the step puts back. Another program recording that page since
    made the step fail on it ("could not be read or written", UNIQUE constraint failed)
    at every Ctrl+Y, the step never leaving the redo stack."""
    found = repo.sources.find_source_by_url(url)
    if (found.id if found is not None else None) == source_id:
        return
    raise refused_for_good(
        action,
        description,
        "the page it records was recorded since by another program, and it would be "
        "recorded twice. Nothing was changed.",
    )


def _refuse_source_id_taken(
    repo: WorkspaceRepository, source_id: int, action: str, description: str
) -> None:
    """`refuse_page_taken`'s other half for a record the step puts back under its id."""
    if source_id and repo.sources.source_id_taken(source_id):
        raise refused_for_good(
            action,
            description,
            "the number of the page it records was given since by another program. "
            "Nothing was changed.",
        )


def _refuse_page_gone(
    repo: WorkspaceRepository, source_id: int, action: str, description: str
) -> None:
    """Raise `EditGone`, in words, when the page a step links (again) is no longer
    recorded: another program deleted it once nothing linked it (a script tidying the
    library, DB Browser). The step failed on it ("could not be read or written", FOREIGN
    KEY constraint failed) at every press, every step beneath out of reach."""
    if not repo.sources.source_id_taken(source_id):
        raise refused_for_good(
            action,
            description,
            "the page it links was deleted since by another program. Nothing was changed.",
        )


def _link_key(link: SourceLink) -> tuple[int, int, str, str]:
    return (link.id, link.source.id, link.stance.value, link.excerpt)


def _link_as_read(repo: WorkspaceRepository, sentence_id: int, link_id: int) -> object:
    """What a step of one link is made from (`Edit.made_from`): the sentence's link
    `link_id` and its source's details as stored (None: no such link now)."""
    for link in repo.sources.links_for_sentence(sentence_id):
        if link.id == link_id:
            return _link_key(link), link.source
    return None


class _LinkMadeFrom:
    """Remove Source and Edit Source are made from the link as read before their
    transaction (`Edit.made_from`): read apart, an excerpt or stance another program (or
    the window's worker) saved in between was written over, or removed with the link
    and put back by Ctrl+Z as read. Looked at in the step's own transaction."""

    description: str
    made_from: object

    def _read_link(self) -> SourceLink:
        raise NotImplementedError

    def made_from_now(self, repo: WorkspaceRepository) -> object:
        link = self._read_link()
        return _link_as_read(repo, link.sentence_id, link.id)

    def changed_meanwhile(self, now: object) -> EditRefused:
        # What changed, in a few words: the Sources list shows a link's title and stance,
        # its excerpt only in a tooltip, and read again it looked as before: "this source
        # link was changed" left the reviewer nothing to look at.
        changed = _link_changes(self.made_from, now)
        return LinkChangedMeanwhile(
            f"Not done: this source link was changed while “{self.description}” was being "
            "saved (by another program, or a merge undone or redone)"
            + (f": {changed}" if changed else "")
            + ". Nothing was changed; look at it again, then try again."
        )


# How many words of an excerpt or title a refusal quotes, and at most how many characters.
_FEW_WORDS = 8
_FEW_CHARS = 60
# Characters quoted before a change that falls deep inside one long "word" (text
# written without spaces, an address).
_LEAD = 20


def _drawn_start(text: str, at: int) -> int:
    """`at`, or the start of the character it falls inside as drawn, by the rule the
    splitter cuts long sentences by (`drawn_start`): a letter and its accent written
    apart, an emoji joined of several, a flag's two halves, a Korean syllable written in
    jamo, a Hindi conjunct, Thai "am". Cut there, a quote showed another letter ("e" for
    an "é"), half an emoji, or a lone virama. Flags' halves paired from their run's
    start, however far back (counted from 1,000 back, a quote deep in a longer run
    began with a second half, every flag after it paired wrongly)."""
    return drawn_start(text, at)


def _few_words(text: str) -> str:
    """The first words of `text` on one line, "…" when there are more."""
    line = " ".join(shown_line(text).split())
    few = " ".join(line.split()[:_FEW_WORDS])
    if len(few) > _FEW_CHARS:
        few = few[: _drawn_start(few, _FEW_CHARS - 1) or _FEW_CHARS - 1].rstrip()
    return few + ("…" if few != line else "")


def _first_difference(one: str, other: str) -> int:
    """Where `one` and `other` first differ (the shorter's length when one begins the
    other): compared a slice at a time at C speed (an excerpt may be megabytes; halving
    the whole copied it 24 times over, 1 s for 10 MB), then halved within the slice."""
    end, step, low = min(len(one), len(other)), 1 << 16, 0
    while low < end and one[low : low + step] == other[low : low + step]:
        low += step
    if low >= end:
        return end
    base, high = low, min(low + step, end)
    while low < high:
        middle = (low + high + 1) // 2
        if one[base:middle] == other[base:middle]:
            low = middle
        else:
            high = middle - 1
    return low


_WORD = re.compile(r"\S+")


def _changed_words(now: str, before: str) -> str:
    """A few words of `now`, an excerpt or title changed from `before`: its first ones
    when they show the change, else from two words before the first word changed
    ("…in its quarterly release on Friday."). From its start always, a change past its
    eighth word read as it did before: nothing showed what had changed."""
    first = _few_words(now)
    if first != _few_words(before):
        return first
    changed = _first_difference(now, before)
    start = max(0, changed - 1000)  # two words back, in a megabyte excerpt too
    words = [found.start() for found in _WORD.finditer(now, start, changed)]
    # The word the change falls in is quoted from its start (its start itself: after a
    # space, or where the text was cut short).
    within = words.pop() if words and not now[changed - 1].isspace() else changed
    at = words[-2:][0] if words else within
    if changed - at > _FEW_CHARS - _LEAD:
        # Those words are long (text without spaces, an address): the few characters
        # quoted from their start read as before, and nothing showed the change.
        at = _drawn_start(now, changed - _LEAD)
    return ("…" if at > 0 else "") + _few_words(now[at:])


def _link_changes(before: object, now: object) -> str:
    """What another program changed of a link (each `_link_as_read`), in a few words:
    "its excerpt now reads “Unemployment stood at…”"; "" when nothing is known to."""
    if before is None:
        return ""
    if now is None:
        return "it is no longer linked to the sentence"
    (_, _, stance, excerpt), source = cast("tuple[tuple[int, int, str, str], Source]", before)
    (_, _, stance_now, excerpt_now), source_now = cast(
        "tuple[tuple[int, int, str, str], Source]", now
    )
    said = []
    if excerpt_now != excerpt:
        # Emptied, or left with what shows nothing (a zero-width space): "reads “”".
        said.append(
            f"its excerpt now reads “{_changed_words(excerpt_now, excerpt)}”"
            if has_visible_text(excerpt_now)
            else "its excerpt was emptied"
        )
    if stance_now != stance:
        said.append(f"its stance is now {Stance(stance_now).label}")
    if source_now.url != source.url:
        said.append("it points at another page")
    elif source_now.title != source.title:
        said.append(
            f"its title now reads “{_changed_words(source_now.title, source.title)}”"
            if has_visible_text(source_now.title)
            else "its title was emptied"
        )
    elif source_now != source:
        said.append("its publisher or date was changed")
    return ", ".join(said)


def link_changes(shown: SourceLink, now: SourceLink) -> str:
    """What changed of a link between `shown` (as a window showed it) and `now` (as
    saved), in `_link_changes`' few words; "" when nothing said is."""
    return _link_changes((_link_key(shown), shown.source), (_link_key(now), now.source))


def as_saved(review: Review) -> tuple[dict[str, object], str, str]:
    """A review's content and who saved it when: what a review edit is made from. Its
    content only, a colleague's save of the same review in between (another window)
    passed, and the edit's undo later put the review from before it back, their name
    and time gone (`refuse_resaved` looks so at an undo)."""
    return review.content_fields(), review.reviewer, review.updated_at


@dataclass
class ReviewEdit(Edit):
    """Any change of one sentence's review: tag, verdict, claimant, explanation, status.

    `after.reviewer` made it: it becomes both the sentence's decided review and that
    reviewer's own version. Undo puts both back exactly (a version that did not exist is
    deleted again). Changing the decided verdict of a signed-off sentence, or anything of
    an approved one (`domain/sign_off.outlived`), drops the sign-off, so it awaits
    sign-off again; undo brings it back.
    """

    article_id: int
    before: Review
    after: Review
    description: str = "Edit review"
    merge_key: str | None = None  # set for typing in a text field
    created: float = field(default_factory=time.monotonic)
    # Read when first applied (redo finds them as they were): the reviewer's own version
    # before the edit (None: they had none), and the sign-off the edit drops.
    _read: bool = False
    _version_before: Review | None = None
    # With none under the name as text: their version saved by another program under
    # the name as bytes, which this edit's version replaces (kept beside it, the desk
    # itself made two versions of one reviewer's review, and refused their merges).
    _bytes_version_before: Review | None = None
    _sign_off_dropped: SignOff | None = None
    # `before` was read outside the step's transaction (`Edit.made_from`): text saved by
    # its timer while a merge was redone in a worker wrote the review it had read over the
    # merge's conflict, and undone later it was refused as changed by another program.
    made_from: object = None

    def __post_init__(self) -> None:
        self.made_from = (as_saved(self.before), True, self._claim_pointed_at() is not None)

    def _claim_pointed_at(self) -> int | None:
        """The claim the edit points its denial at anew (the Denies box, a denial's
        suggestion accepted), or None."""
        target = self.after.denies_sentence_id
        return None if target == self.before.denies_sentence_id else target

    def made_from_now(self, repo: WorkspaceRepository) -> object:
        # Its sentence too: taken away by another program, a review never given read as
        # empty still, and the save failed on the file's own rule ("could not be read or
        # written (FOREIGN KEY constraint failed)"), said as if the file were broken.
        # So did the claim a denial is pointed at anew, taken away so. One read (Accept
        # All reads 5,000 in its transaction).
        review, there, claim_there = repo.reviews.review_as_made_from(
            self.before.sentence_id, self._claim_pointed_at()
        )
        return (as_saved(review), there, claim_there)

    def changed_meanwhile(self, now: object) -> EditRefused:
        return ReviewChangedMeanwhile(
            "This sentence's review was changed while the edit was being saved: "
            "nothing was changed. Make the edit again."
        )

    def apply(self, repo: WorkspaceRepository) -> Change:
        sentence_id = self.after.sentence_id
        if not self._read:
            self._version_before = repo.reviews.version(sentence_id, self.after.reviewer)
            if self._version_before is None:
                self._bytes_version_before = repo.reviews.version_as_bytes(
                    sentence_id, self.after.reviewer
                )
            sign_off = repo.sign_offs.get(sentence_id)
            if sign_off is not None and outlived(sign_off, self.before, self.after):
                self._sign_off_dropped = sign_off
            self._read = True
        repo.reviews.save_review(self.after)
        if self.after.status is not Status.CONFLICT:
            if self._bytes_version_before is not None:
                repo.reviews.delete_version_as_bytes(sentence_id, self.after.reviewer)
            repo.reviews.save_version(self.after)
        if self._sign_off_dropped is not None:
            repo.sign_offs.delete(sentence_id)
        texts = {sentence_id: texts_set(self.before, self.after)}
        return Change(self.article_id, (sentence_id,), texts=texts)

    def revert(self, repo: WorkspaceRepository) -> Change:
        sentence_id = self.before.sentence_id
        if self.before == Review(sentence_id):  # there was no review: none again
            repo.reviews.delete_review(sentence_id)
        else:
            repo.reviews.save_review(self.before)
        if self._version_before is None:
            repo.reviews.delete_version(sentence_id, self.after.reviewer)
            if self._bytes_version_before is not None:
                repo.reviews.save_version_as_bytes(self._bytes_version_before)
        else:
            repo.reviews.save_version(self._version_before)
        if self._sign_off_dropped is not None:
            repo.sign_offs.save(self._sign_off_dropped)
        texts = {sentence_id: texts_set(self.after, self.before)}
        return Change(self.article_id, (sentence_id,), texts=texts)

    def refusal(self, repo: WorkspaceRepository, actor: str, action: str) -> str | None:
        """Refused for good when the review is no longer what this step left it (undo) or
        found it (redo): only another program writes a review outside this stack (every
        edit of this window's is on it, newer ones undone first). Undone, it put this
        step's review back over that program's, and its entry said "from" a state the
        review was not in: a history that never happened, the only trace of the change
        (verify naming it) wiped by an innocent Ctrl+Z."""
        self.refuse_moved_on(repo, action, self.description)
        return None

    def refuse_moved_on(self, repo: WorkspaceRepository, action: str, description: str) -> None:
        """`refusal`'s checks, the step named `description`: the review, and the sign-off
        this edit took away (put back on undo over one another program saved since)."""
        expected, writes = (
            (self.after, self.before) if action == "undo" else (self.before, self.after)
        )
        refuse_review_moved_on(repo, expected, action, description, writes)
        refuse_taken_sign_off_moved_on(
            repo, self.after.sentence_id, self._sign_off_dropped, action, description
        )

    def history_states(self) -> tuple[int | None, object, object]:
        return self.after.sentence_id, *self.field_states()

    def field_states(self) -> tuple[dict[str, object], dict[str, object]]:
        """What the edit changed, before and after (a dropped sign-off included)."""
        before, after = self.before.content_fields(), self.after.content_fields()
        if self._sign_off_dropped is not None:
            before["sign_off"] = self._sign_off_dropped.state()
            after["sign_off"] = None
        return before, after

    def sentence_ids(self) -> tuple[int, ...]:
        return (self.after.sentence_id,)

    def merge(self, newer: Edit) -> bool:
        """Typing in one field, saved at each pause, is one step; only while each save goes
        on from what the one before left. Another program's save in between (its text in
        that field, a verdict) made part of the step, Ctrl+Z put the review from before the
        first save back over it: it is a step of its own beneath. So is a colleague's
        save of the same review (another window): its name and time went so."""
        if not (
            isinstance(newer, ReviewEdit)
            and self.merge_key is not None
            and newer.merge_key == self.merge_key
            and newer.after.sentence_id == self.after.sentence_id
            and newer.after.reviewer == self.after.reviewer
            and as_saved(newer.before) == as_saved(self.after)
            and newer._sign_off_dropped is None
            and newer.created - self.created < TEXT_MERGE_WINDOW_S
        ):
            return False
        self.after = newer.after
        return True


@dataclass
class BatchReviewEdit(Edit):
    """Several review edits taken as one undo step (e.g. accepting many suggestions)."""

    article_id: int
    edits: list[ReviewEdit]
    description: str = "Edit reviews"
    made_from: object = None  # each of its edits' (`Edit.made_from`)

    def __post_init__(self) -> None:
        self.made_from = [edit.made_from for edit in self.edits]

    def made_from_now(self, repo: WorkspaceRepository) -> object:
        return [edit.made_from_now(repo) for edit in self.edits]

    def _sentence_gone(self, now: object) -> bool:
        """A sentence of it (or a claim a denial points at anew) gone in `now`: taken away
        by another program, it was refused as "A sentence's review was changed"."""
        # Each (fields, sentence there, claim pointed at there), as `ReviewEdit` reads it.
        reads = cast("list[tuple[object, bool, bool]]", now)
        for edit, (_, there, claim_there) in zip(self.edits, reads, strict=True):
            claim_wanted = cast("tuple[object, bool, bool]", edit.made_from)[2]
            if not there or (claim_wanted and not claim_there):
                return True
        return False

    def changed_meanwhile(self, now: object) -> EditRefused:
        if self._sentence_gone(now):
            return ReviewChangedMeanwhile(
                "A sentence of this article was taken away (by another program, or a merge "
                "undone or redone) since it was shown: nothing was changed. Look at the "
                "sentences again."
            )
        return ReviewChangedMeanwhile(
            "A sentence's review was changed while the edits were being saved: nothing "
            "was changed. Make them again."
        )

    def apply(self, repo: WorkspaceRepository) -> Change:
        changes = [edit.apply(repo) for edit in self.edits]
        ids = tuple(e.after.sentence_id for e in self.edits)
        return Change(self.article_id, ids, texts=texts_of(changes))

    def revert(self, repo: WorkspaceRepository) -> Change:
        changes = [edit.revert(repo) for edit in reversed(self.edits)]
        ids = tuple(e.before.sentence_id for e in self.edits)
        return Change(self.article_id, ids, texts=texts_of(changes))

    def refusal(self, repo: WorkspaceRepository, actor: str, action: str) -> str | None:
        """Refused for good, as each of its review edits alone is (`ReviewEdit.refusal`),
        when another program changed one of its reviews since: undone unchecked, it put
        the reviews from before back over that, and a split beneath it then found its
        part as it had left it and deleted it, the other program's verdict with it."""
        for edit in self.edits:
            edit.refuse_moved_on(repo, action, self.description)
        return None

    def history_states(self) -> tuple[int | None, object, object]:
        states = [(e.after.sentence_id, *e.field_states()) for e in self.edits]
        return (
            None,
            [before | {"sentence_id": sentence_id} for sentence_id, before, _ in states],
            [after | {"sentence_id": sentence_id} for sentence_id, _, after in states],
        )

    def sentence_ids(self) -> tuple[int, ...]:
        return tuple(e.after.sentence_id for e in self.edits)


@dataclass
class CompoundEdit(Edit):
    """Several edits of one article taken as one undo step (e.g. reusing all the sources of
    an earlier verdict); undone in reverse order."""

    article_id: int
    edits: list[Edit]
    description: str = "Edit"
    entity = "compound"
    made_from: object = None  # each of its edits' (`Edit.made_from`)

    def __post_init__(self) -> None:
        self.made_from = [edit.made_from for edit in self.edits]

    def made_from_now(self, repo: WorkspaceRepository) -> object:
        return [None if edit.made_from is None else edit.made_from_now(repo) for edit in self.edits]

    def changed_meanwhile(self, now: object) -> EditRefused:
        """As the first of its edits whose read is no longer so says it (Reuse Sources:
        that Link Source's), from its own read. Said as its first edit's, a page linked
        meanwhile was named as another, which nobody had touched."""
        for edit, read in zip(self.edits, cast("list[object]", now), strict=True):
            if edit.made_from is not None and read != edit.made_from:
                return edit.changed_meanwhile(read)
        return super().changed_meanwhile(now)

    def apply(self, repo: WorkspaceRepository) -> Change:
        return self._of([edit.apply(repo) for edit in self.edits])

    def revert(self, repo: WorkspaceRepository) -> Change:
        return self._of([edit.revert(repo) for edit in reversed(self.edits)])

    def _of(self, changes: list[Change]) -> Change:
        """One change of its edits': the text fields they set too, when each tells."""
        ids = tuple(i for c in changes for i in c.sentence_ids)
        return Change(self.article_id, ids, texts=texts_of(changes))

    def refusal(self, repo: WorkspaceRepository, actor: str, action: str) -> str | None:
        """Refused as any of its edits alone is (Reuse Sources: as each Link Source)."""
        for edit in reversed(self.edits) if action == "undo" else self.edits:
            why = edit.refusal(repo, actor, action)
            if why is not None:
                return why
        return None

    def history_states(self) -> tuple[int | None, object, object]:
        states = [edit.history_states() for edit in self.edits]
        return None, [s[1] for s in states], [s[2] for s in states]

    def sentence_ids(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(i for edit in self.edits for i in edit.sentence_ids()))


@dataclass
class _ApprovalDrop:
    """A source linked to or removed from an approved check takes the approval away in
    the same step (the approver did not see that source); undo brings it back."""

    _approval_read: bool = field(default=False, init=False)
    _approval_dropped: SignOff | None = field(default=None, init=False)

    def _drop_approval(self, repo: WorkspaceRepository, sentence_id: int) -> None:
        if not self._approval_read:
            sign_off = repo.sign_offs.get(sentence_id)
            if sign_off is not None and sign_off.decision is SignOffDecision.APPROVED:
                self._approval_dropped = sign_off
            self._approval_read = True
        if self._approval_dropped is not None:
            repo.sign_offs.delete(sentence_id)

    def _restore_approval(self, repo: WorkspaceRepository) -> None:
        if self._approval_dropped is not None:
            repo.sign_offs.save(self._approval_dropped)

    def _refuse_approval_moved_on(
        self, repo: WorkspaceRepository, sentence_id: int, action: str, description: str
    ) -> None:
        """Refused for good when another program changed the sentence's sign-off since
        this step took its approval (undo) or gave it back (redo)."""
        refuse_taken_sign_off_moved_on(
            repo, sentence_id, self._approval_dropped, action, description
        )

    def _with_approval(
        self, before: dict[str, Any] | None, after: dict[str, Any] | None
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """The history states, with the approval dropped when there was one."""
        dropped = self._approval_dropped
        if dropped is None:
            return before, after
        where = {"sentence_id": dropped.sentence_id}
        return (
            (before or where) | {"sign_off": dropped.state()},
            (after or where) | {"sign_off": None},
        )


@dataclass
class LinkSourceEdit(_ApprovalDrop, Edit):
    """Attach a source to a sentence, creating the source first when it is new."""

    article_id: int
    link: SourceLink
    creates_source: bool
    description: str = "Link source"
    entity = "source_link"
    # The workspace's source of the link's URL as read (its id, None: none) and the
    # sentence not linking it (`Edit.made_from`): another program linking that page (or
    # recording it) in between made the save fail on it ("UNIQUE constraint failed").
    # And its sentence still there: taken away by another program, the link was saved
    # for a sentence gone and the file's own rule refused it ("could not be read or
    # written (FOREIGN KEY constraint failed)"), as if the file were damaged.
    made_from: object = None

    def __post_init__(self) -> None:
        self.made_from = (None if self.creates_source else self.link.source.id, False, True)

    def made_from_now(self, repo: WorkspaceRepository) -> object:
        there = repo.sentences.sentence_exists(self.link.sentence_id)
        return (*repo.sources.page_as_read(self.link.source.url, self.link.sentence_id), there)

    def changed_meanwhile(self, now: object) -> EditRefused:
        # (source id, sentence links it, sentence there), as `made_from_now` reads it.
        if not cast("tuple[object, object, bool]", now)[2]:
            return LinkChangedMeanwhile(
                f"Not done: this sentence was taken away while “{self.description}” was "
                "being saved (by another program, or a merge undone or redone). Nothing "
                "was changed; look at the sentences again."
            )
        return LinkChangedMeanwhile(
            f"Not done: this page was linked or recorded while “{self.description}” was "
            "being saved (by another program, or a merge undone or redone). Nothing was "
            "changed; look at the sentence's sources again, then try again."
        )

    def apply(self, repo: WorkspaceRepository) -> Change:
        source = self.link.source
        if self.creates_source:
            # First run assigns ids; redo re-inserts with the same ids so later edits still match.
            source_id = repo.sources.insert_source(source)
            source = dataclasses.replace(source, id=source_id)
        link = dataclasses.replace(self.link, source=source)
        link_id = repo.sources.insert_link(link)
        self.link = dataclasses.replace(link, id=link_id)
        self._drop_approval(repo, self.link.sentence_id)
        return Change(self.article_id, (self.link.sentence_id,), texts={self.link.sentence_id: {}})

    def revert(self, repo: WorkspaceRepository) -> Change:
        repo.sources.delete_link(self.link)
        if self.creates_source and repo.sources.source_link_count(self.link.source.id) == 0:
            repo.sources.delete_source(self.link.source.id)
        self._restore_approval(repo)
        return Change(self.article_id, (self.link.sentence_id,), texts={self.link.sentence_id: {}})

    def refusal(self, repo: WorkspaceRepository, actor: str, action: str) -> str | None:
        """Refused for good when another program changed the link since (`refuse_link_moved_on`)."""
        expected = self.link if action == "undo" else None
        refuse_link_moved_on(repo, self.link, expected, action, self.description)
        if action == "redo" and self.creates_source:  # its record of the page, put back
            refuse_page_taken(repo, self.link.source.url, None, action, self.description)
            _refuse_source_id_taken(repo, self.link.source.id, action, self.description)
        elif action == "redo":
            _refuse_page_gone(repo, self.link.source.id, action, self.description)
        self._refuse_approval_moved_on(repo, self.link.sentence_id, action, self.description)
        return None

    def history_states(self) -> tuple[int | None, object, object]:
        return self.link.id, *self._with_approval(None, _link_state(self.link))

    def sentence_ids(self) -> tuple[int, ...]:
        return (self.link.sentence_id,)


@dataclass
class UnlinkSourceEdit(_LinkMadeFrom, _ApprovalDrop, Edit):
    """Remove a source from a sentence (the source stays in the workspace's library)."""

    article_id: int
    link: SourceLink
    description: str = "Remove source"
    entity = "source_link"
    made_from: object = None

    def __post_init__(self) -> None:
        self.made_from = (_link_key(self.link), self.link.source)

    def _read_link(self) -> SourceLink:
        return self.link

    def apply(self, repo: WorkspaceRepository) -> Change:
        repo.sources.delete_link(self.link)
        self._drop_approval(repo, self.link.sentence_id)
        return Change(self.article_id, (self.link.sentence_id,), texts={self.link.sentence_id: {}})

    def revert(self, repo: WorkspaceRepository) -> Change:
        repo.sources.insert_link(self.link)
        self._restore_approval(repo)
        return Change(self.article_id, (self.link.sentence_id,), texts={self.link.sentence_id: {}})

    def refusal(self, repo: WorkspaceRepository, actor: str, action: str) -> str | None:
        """Refused for good when another program changed the link since (`refuse_link_moved_on`)."""
        expected = None if action == "undo" else self.link
        refuse_link_moved_on(repo, self.link, expected, action, self.description)
        if action == "undo":
            _refuse_page_gone(repo, self.link.source.id, action, self.description)
        self._refuse_approval_moved_on(repo, self.link.sentence_id, action, self.description)
        return None

    def history_states(self) -> tuple[int | None, object, object]:
        return self.link.id, *self._with_approval(_link_state(self.link), None)

    def sentence_ids(self) -> tuple[int, ...]:
        return (self.link.sentence_id,)


@dataclass
class EditSourceLinkEdit(_LinkMadeFrom, _ApprovalDrop, Edit):
    """Change a link in place: its stance and excerpt (this sentence's), the source it
    points at (another URL), or that source's title, publisher and accessed date (shared
    by every sentence linking it). `after.source` is the source as it will be: the same id
    (written over when it differs), another source already here, or a new one (id 0 until
    first applied) when `creates_source`. The link keeps its id, who linked it and when."""

    article_id: int
    before: SourceLink
    after: SourceLink
    creates_source: bool = False
    description: str = "Edit source"
    entity = "source_link"
    # The link and its source as read (`_LinkMadeFrom`), and, when it is pointed at
    # another URL, the workspace's source of that URL as read (its id, None: none) and
    # the sentence not linking it: another program recording that page (or linking it
    # to the sentence) in between made the save fail on it ("UNIQUE constraint failed").
    made_from: object = None

    def __post_init__(self) -> None:
        self.made_from = ((_link_key(self.before), self.before.source), self._target_as_read())

    def _target_as_read(self) -> object:
        if self.after.source.url == self.before.source.url:
            return None
        target = self.after.source.id
        return (None if target in (0, self.before.source.id) else target), False

    def made_from_now(self, repo: WorkspaceRepository) -> object:
        link = _link_as_read(repo, self.before.sentence_id, self.before.id)
        if self.after.source.url == self.before.source.url:
            return link, None
        return link, repo.sources.page_as_read(self.after.source.url, self.before.sentence_id)

    def changed_meanwhile(self, now: object) -> EditRefused:
        return LinkChangedMeanwhile(
            "Not done: this source link (or the page it was to point at) was changed while "
            f"“{self.description}” was being saved (by another program, or a merge undone "
            "or redone). Nothing was changed; look at the sentence's sources again, then "
            "try again."
        )

    def _read_link(self) -> SourceLink:
        return self.before

    def _rewrites_source(self) -> bool:
        return self.after.source.id == self.before.source.id and (
            self.after.source != self.before.source
        )

    def apply(self, repo: WorkspaceRepository) -> Change:
        if self.creates_source:
            # First run assigns the id; redo re-inserts with it, as LinkSourceEdit does.
            source_id = repo.sources.insert_source(self.after.source)
            self.after = dataclasses.replace(
                self.after, source=dataclasses.replace(self.after.source, id=source_id)
            )
        if self._rewrites_source():
            repo.sources.update_source(self.after.source)
        repo.sources.update_link(self.after)
        self._drop_approval(repo, self.after.sentence_id)
        return Change(
            self.article_id, (self.after.sentence_id,), texts={self.after.sentence_id: {}}
        )

    def revert(self, repo: WorkspaceRepository) -> Change:
        repo.sources.update_link(self.before)
        if self._rewrites_source():
            repo.sources.update_source(self.before.source)
        source_id = self.after.source.id
        if self.creates_source and repo.sources.source_link_count(source_id) == 0:
            repo.sources.delete_source(source_id)
        self._restore_approval(repo)
        return Change(
            self.article_id, (self.before.sentence_id,), texts={self.before.sentence_id: {}}
        )

    def refusal(self, repo: WorkspaceRepository, actor: str, action: str) -> str | None:
        """Refused for good when another program changed the link since (`refuse_link_moved_on`)."""
        expected = self.after if action == "undo" else self.before
        refuse_link_moved_on(repo, self.before, expected, action, self.description, self.after)
        self._refuse_url_taken(repo, action)
        if action == "undo":  # pointed back at the page it had
            _refuse_page_gone(repo, self.before.source.id, action, self.description)
        elif not self.creates_source:  # at the page it points at, put back by no one
            _refuse_page_gone(repo, self.after.source.id, action, self.description)
        self._refuse_approval_moved_on(repo, self.before.sentence_id, action, self.description)
        return None

    def _refuse_url_taken(self, repo: WorkspaceRepository, action: str) -> None:
        """Refused for good when the page the step points the link at (redo), or back at
        (undo), was recorded since by another program where the step writes its own
        record of it: a URL corrected in place, or a new record for a shared source."""
        old, new = self.before.source, self.after.source
        if new.url == old.url:
            return
        if action == "redo" and (self.creates_source or self._rewrites_source()):
            refuse_page_taken(repo, new.url, None, action, self.description)
            if self.creates_source:
                _refuse_source_id_taken(repo, new.id, action, self.description)
        elif action == "undo" and self._rewrites_source():
            refuse_page_taken(repo, old.url, None, action, self.description)

    def history_states(self) -> tuple[int | None, object, object]:
        return self.before.id, *self._with_approval(
            _edited_link_state(self.before), _edited_link_state(self.after)
        )

    def sentence_ids(self) -> tuple[int, ...]:
        return (self.before.sentence_id,)


def _edited_link_state(link: SourceLink) -> dict[str, Any]:
    """A link's state with its source's shared fields, which an edit may change too."""
    source = link.source
    accessed = source.accessed.isoformat() if source.accessed else None
    return _link_state(link) | {
        "title": source.title,
        "publisher": source.publisher,
        "accessed": accessed,
    }


def _link_state(link: SourceLink) -> dict[str, Any]:
    return {
        "sentence_id": link.sentence_id,
        "source_id": link.source.id,
        "url": link.source.url,
        "stance": link.stance.value,
        "excerpt": link.excerpt,
        "reviewer": link.reviewer,
    }


@dataclass
class SentenceSnapshot:
    """A sentence with everything hanging off it, enough to bring it back exactly: its
    decided review, every reviewer's own version, its source links and its sign-off."""

    sentence: Sentence
    review: Review
    links: list[SourceLink]
    versions: list[Review] = field(default_factory=list)
    sign_off: SignOff | None = None
    # Where in `links` the copies made for this part are (id 0 until the step first ran,
    # then the id it gave each, which its redo gives again: see `add_copied_links`).
    copied: set[int] = field(default_factory=set, compare=False, repr=False)

    @classmethod
    def take(cls, repo: WorkspaceRepository, sentence: Sentence) -> SentenceSnapshot:
        return cls(
            sentence,
            repo.reviews.get_review(sentence.id),
            repo.sources.links_for_sentence(sentence.id),
            repo.reviews.versions(sentence.id),
            repo.sign_offs.get(sentence.id),
        )

    def restore_review_and_links(
        self, repo: WorkspaceRepository, successor: Callable[[int | None], int | None]
    ) -> None:
        """Re-attach the review and versions (pointing their denials where `successor`
        says), the sign-off, and the source links that existed before (they keep their
        ids); copies made for a new part wait for `add_copied_links`."""
        review = self.review.edited(denies_sentence_id=successor(self.review.denies_sentence_id))
        # Any saved review comes back, even one set back to Unreviewed: it says who did it.
        if review != Review(review.sentence_id):
            repo.reviews.save_review(review)
        for version in self.versions:
            repo.reviews.save_version(
                version.edited(denies_sentence_id=successor(version.denies_sentence_id))
            )
        if self.sign_off is not None:
            repo.sign_offs.save(self.sign_off)
        for index, link in enumerate(self.links):
            if link.id and index not in self.copied:
                repo.sources.insert_link(link)

    def add_copied_links(self, repo: WorkspaceRepository) -> None:
        """Insert the link copies once every kept link is back: at the step's first run
        each is given a new id, kept here, and its redo gives it that id again. Given
        the next free id at every run, a split undone and redone moved its copy to
        another id than the steps after it named (Remove Source of the copy, redone, was
        refused as changed by another program; a colleague's merge or another program
        naming it by id found another link or none). Only when another program took
        that id meanwhile does the copy get a new one."""
        for index, link in enumerate(self.links):
            if link.id and index not in self.copied:
                continue  # a kept link: back already
            if link.id and repo.sources.link_id_taken(link.id):
                link = dataclasses.replace(link, id=0)
            given = repo.sources.insert_link(link)
            self.links[index] = dataclasses.replace(link, id=given)
            self.copied.add(index)

    def parts(self) -> SnapshotParts:
        """What the sentence holds, as `repo.held` reads it (`held_of`)."""
        return self.sentence, self.review, self.versions, self.links, self.sign_off

    def state(self) -> dict[str, Any]:
        state = {
            "id": self.sentence.id,
            "start": self.sentence.start,
            "end": self.sentence.end,
            "review": self.review.content_fields(),
            "sources": [link.source.url for link in self.links],
        }
        if self.versions:
            state["versions"] = {v.reviewer: v.content_fields() for v in self.versions}
        if self.sign_off is not None:
            state["sign_off"] = self.sign_off.state()
        return state


def moved_versions(
    parts: list[tuple[int, list[Review]]],
    merge: Callable[[Review, Review], Review],
) -> list[Review]:
    """The versions of sentences joined into `parts[0]`'s id, one per reviewer: a
    reviewer with versions on several parts gets them merged in reading order."""
    target = parts[0][0] if parts else 0
    by_reviewer: dict[str, Review] = {}
    for _sentence_id, versions in parts:
        for version in versions:
            moved = version.edited(sentence_id=target)
            kept = by_reviewer.get(version.reviewer)
            by_reviewer[version.reviewer] = moved if kept is None else merge(kept, moved)
    return list(by_reviewer.values())


def _pointer_of(
    successor: Callable[[int | None, int], int | None], holder: int, target: int | None
) -> int | None:
    return successor(target, holder)


# What changed among a step's sentences (`Held.changed`), in words; the spans in the
# words of its caller (`changed_words`).
_KIND_WORDS = {
    "reviews": "a review",
    "credits": "who saved a review or linked a source, or when",
    "links": "a source link",
    "sign_offs": "a sign-off",
    "sources": "a source",
    "denials": "a denial pointing at them",
}


def changed_words(
    left: Held, now: Held, spans: str = "where they begin and end, or their paragraph"
) -> str:
    """What another program changed of what a step left (`left`), in words."""
    return ", ".join(spans if kind == "spans" else _KIND_WORDS[kind] for kind in left.changed(now))


def refuse_changed(
    repo: WorkspaceRepository,
    reach: Reach | None,
    left: Held | None,
    refused: Callable[[str], EditGone],
    spans: str = "where they begin and end, or their paragraph",
) -> None:
    """Raise `refused(what changed, in words)` (for good: in the step's own transaction,
    before writing) when what a step would write over (`reach`) no longer holds what the
    step left there (`left`): only another program changes it outside this stack (the
    window's later edits are undone first). Written over, that program's review, source
    or sign-off was gone without a word. Nothing to compare yet (the step's first run,
    `left` None): no refusal."""
    if reach is None or left is None:
        return
    now = repo.held.held(reach)
    if now != left:
        raise refused(changed_words(left, now, spans))


def _texts_rewritten(
    old: list[SentenceSnapshot], new: list[SentenceSnapshot]
) -> dict[int, dict[str, str]]:
    """The text fields a step replacing `old` by `new` set (`Change.texts`): each new
    sentence's claimant and explanation unlike what its id held before ("" for a new
    id). Only those named: a re-split of 300,000 sentences names its few reviewed."""
    before = {snapshot.sentence.id: snapshot.review for snapshot in old}
    texts: dict[int, dict[str, str]] = {}
    for snapshot in new:
        was = before.get(snapshot.sentence.id)
        fields = {
            name: now
            for name in ("claimant", "explanation")
            if (now := getattr(snapshot.review, name)) != (getattr(was, name) if was else "")
        }
        if fields:
            texts[snapshot.sentence.id] = fields
    return texts


@dataclass
class StructuralEdit(Edit):
    """Merge or split: replaces a set of sentences by another, restoring the first on undo.

    `before` and `after` are full snapshots; apply deletes the `before` sentences that are
    not in `after` and rewrites the rest, so ids (and everything keyed on them) survive.
    """

    article_id: int
    before: list[SentenceSnapshot]
    after: list[SentenceSnapshot]
    description: str = "Edit sentences"
    message: str = ""
    entity = "sentence"
    # Denials outside the edited sentences that pointed into them when the edit was applied:
    # of decided reviews (holder, target) and of reviewers' versions (holder, reviewer, target).
    _pointers_before: list[tuple[int, int]] = field(default_factory=list)
    _outside_pointers: list[tuple[int, int]] = field(default_factory=list)
    _version_pointers_before: list[tuple[int, StoredName, int]] = field(default_factory=list)
    _outside_version_pointers: list[tuple[int, StoredName, int]] = field(default_factory=list)
    # Told how far a step has come (a fraction, in words) while it runs in a worker; it
    # may raise `Cancelled`, which rolls the step back. Not kept: set for one step only.
    report: Callable[[float, str], None] | None = field(default=None, compare=False, repr=False)
    # What the sentences held once the step was last done (`after`'s) or undone
    # (`before`'s): its undo or redo finds them so, or another program changed them.
    _left_after: Held | None = field(default=None, compare=False, repr=False)
    _left_before: Held | None = field(default=None, compare=False, repr=False)
    made_from: object = field(default=None, compare=False, repr=False)

    @property
    def runs_long(self) -> bool:  # type: ignore[override]
        """A re-split of a long article: the window undoes and redoes it in a worker."""
        return len(self.before) + len(self.after) >= LONG_STEP_SENTENCES

    def _told(self, done: int, total: int, stage: str) -> None:
        if self.report is not None and done % REPORT_EVERY == 0:
            self.report(done / max(total, 1), stage)

    def _replace(
        self,
        repo: WorkspaceRepository,
        old: list[SentenceSnapshot],
        new: list[SentenceSnapshot],
        exact_pointers: list[tuple[int, int]] | None = None,
        exact_version_pointers: list[tuple[int, StoredName, int]] | None = None,
    ) -> Change:
        old_ids = {snapshot.sentence.id for snapshot in old}
        # Denials elsewhere in the article that point at a sentence about to go away.
        self._outside_pointers = outside_pointers = [
            (holder, target)
            for holder, target in repo.reviews.denial_pointers_to(old_ids)
            if holder not in old_ids
        ]
        self._outside_version_pointers = outside_version_pointers = [
            (holder, reviewer, target)
            for holder, reviewer, target in repo.reviews.version_denial_pointers_to(old_ids)
            if holder not in old_ids
        ]
        # Delete first (cascades reviews, versions, sign-offs and links), then insert every
        # sentence before any review, so a denial can point at a sentence restored after it.
        total = len(old) + 2 * len(new)  # deleted, inserted, their reviews restored
        for done, snapshot in enumerate(old):
            self._told(done, total, "Writing")
            repo.sentences.delete_sentence(snapshot.sentence.id)
        for done, snapshot in enumerate(sorted(new, key=lambda s: s.sentence.start)):
            self._told(len(old) + done, total, "Writing")
            repo.sentences.insert_sentence(snapshot.sentence)
        new_ids = {snapshot.sentence.id for snapshot in new}
        # Where each old sentence began, and the new ones by where they begin: a denial's
        # new target is found in one step (a scan of every sentence for each denial made a
        # re-split of a 30 MB article quadratic: 63 s of its 70).
        old_starts: dict[int, int] = {}
        for snapshot in old:
            old_starts.setdefault(snapshot.sentence.id, snapshot.sentence.start)
        by_start = sorted(new, key=lambda s: s.sentence.start)
        new_starts = [snapshot.sentence.start for snapshot in by_start]

        def successor(target: int | None, holder: int) -> int | None:
            """Where a pointer at `target` should point now (None if nowhere sensible)."""
            if target is None:
                return None
            # A sentence merged into the one whose denial pointed at it (the denial after
            # its claim, merged with an unreviewed claim) is no other sentence: the merged
            # one denied itself, which Link Denied Claim refuses, and its JSON export could
            # not be imported ("it denies a sentence that is not in this review").
            if target != holder and (target in new_ids or repo.sentences.sentence_exists(target)):
                return target
            start = old_starts.get(target)
            if start is None:
                return None
            at = bisect_right(new_starts, start) - 1
            if at >= 0:  # the new sentence that holds the old one's start
                span = by_start[at].sentence
                if span.start <= start < span.end and span.id != holder:
                    return span.id
            # Its own holder, or no sentence holds it: as ever, any other that does.
            for snapshot in old:
                if snapshot.sentence.id == target:
                    start = snapshot.sentence.start
                    for candidate in new:
                        span = candidate.sentence
                        if span.start <= start < span.end and span.id != holder:
                            return span.id
            return None

        for done, snapshot in enumerate(new):
            self._told(len(old) + len(new) + done, total, "Writing")
            snapshot.restore_review_and_links(
                repo, functools.partial(_pointer_of, successor, snapshot.sentence.id)
            )
        for snapshot in new:
            snapshot.add_copied_links(repo)
        for holder, target in outside_pointers:
            repo.reviews.set_denies(holder, successor(target, holder))
        for holder, reviewer, target in outside_version_pointers:
            repo.reviews.set_version_denies(holder, reviewer, successor(target, holder))
        for holder, target in exact_pointers or []:  # undo: point back exactly as before
            repo.reviews.set_denies(holder, target)
        for holder, reviewer, target in exact_version_pointers or []:
            repo.reviews.set_version_denies(holder, reviewer, target)
        kept = {snapshot.sentence.id: snapshot.sign_off for snapshot in new}
        return Change(
            self.article_id,
            tuple(s.sentence.id for s in new),
            texts=_texts_rewritten(old, new),
            structural=True,
            focus_sentence_id=new[0].sentence.id if new else None,
            message=self.message,
            sign_offs_taken=tuple(
                snapshot.sign_off
                for snapshot in old
                if snapshot.sign_off is not None
                and kept.get(snapshot.sentence.id) != snapshot.sign_off
            ),
        )

    def apply(self, repo: WorkspaceRepository) -> Change:
        self._refuse_changed(repo, "redo", self._reach(self.before), self._left_before)
        change = self._replace(repo, self.before, self.after)
        self._pointers_before = self._outside_pointers
        self._version_pointers_before = self._outside_version_pointers
        self._left_after = repo.held.held(self._undo_reach())
        return change

    def revert(self, repo: WorkspaceRepository) -> Change:
        self._refuse_changed(repo, "undo", self._undo_reach(), self._left_after)
        change = self._replace(
            repo, self.after, self.before, self._pointers_before, self._version_pointers_before
        )
        change.message = ""
        self._left_before = repo.held.held(self._reach(self.before))
        return change

    def __post_init__(self) -> None:
        # Its sentences as read to make it, outside its transaction (`Edit.made_from`): a
        # change saved in between was written over by the step, and its undo put the
        # stale copy back too. Hashed from the snapshots: nothing read again here. And the
        # ids it read as free for its new sentences, still free: an import beside the
        # window took them in between, and a split failed on them ("could not be read or
        # written", UNIQUE constraint failed).
        self.made_from = (held_of(s.parts() for s in self.before), True)

    def made_from_now(self, repo: WorkspaceRepository) -> object:
        old = {s.sentence.id for s in self.before}
        new = [s.sentence.id for s in self.after if s.sentence.id not in old]
        free = not new or repo.sentences.next_sentence_id() <= min(new)
        return (repo.held.held(self._reach(self.before)), free)

    def changed_meanwhile(self, now: object) -> EditRefused:
        return SentencesChangedMeanwhile(
            f"Not done: these sentences (or the numbers for new ones) were changed while "
            f"“{self.description}” was being saved (by another program, an import, or a "
            "merge undone or redone). Nothing was changed; look at them again, then try "
            "again."
        )

    @staticmethod
    def _reach(snapshots: list[SentenceSnapshot]) -> Reach:
        """What a redo writes over (and a step first applied): the sentences it replaces."""
        return Reach(tuple(s.sentence.id for s in snapshots))

    def _undo_reach(self) -> Reach:
        """What an undo writes over: the sentences the step left, and the denials outside
        them that it points back exactly as they were (sentence, reviewer; "": the
        decided review): another program pointing one elsewhere since had it set back
        over that, unseen among the step's sentences."""
        return Reach(
            tuple(s.sentence.id for s in self.after),
            denials=tuple((holder, "") for holder, _ in self._pointers_before)
            + tuple((holder, reviewer) for holder, reviewer, _ in self._version_pointers_before),
        )

    def _refuse_changed(
        self, repo: WorkspaceRepository, action: str, reach: Reach, left: Held | None
    ) -> None:
        """Refused for good when the sentences this step replaces are no longer as it left
        them (`refuse_changed`), even beneath an undo refused for the same change
        (`ReviewEdit.refusal`)."""
        refuse_changed(
            repo,
            reach,
            left,
            lambda what: refused_for_good(
                action,
                self.description,
                f"its sentences were changed since by another program ({what}), and they "
                "would be put back over that. Nothing was changed.",
            ),
        )

    def history_states(self) -> tuple[int | None, object, object]:
        return (
            self.before[0].sentence.id,
            [s.state() for s in self.before],
            [s.state() for s in self.after],
        )

    def sentence_ids(self) -> tuple[int, ...]:
        ids = [s.sentence.id for s in self.before] + [s.sentence.id for s in self.after]
        return tuple(dict.fromkeys(ids))


@dataclass
class EditStack:
    """Undo/redo over edits, each step committed in its own transaction."""

    repo: WorkspaceRepository
    actor: str
    undo_steps: list[Edit] = field(default_factory=list)
    redo_steps: list[Edit] = field(default_factory=list)
    on_change: list[Callable[[Change], None]] = field(default_factory=list)

    def _run(
        self, edit: Edit, action: str, step: Callable[[WorkspaceRepository], Change]
    ) -> Change:
        looked_first = action != "do" and edit.refusal_looks_first
        if looked_first:
            why = edit.refusal(self.repo, self.actor, action)
            if why is not None:
                raise EditRefused(why)
        with self.repo.db.atomic():
            if action == "do" and edit.made_from is not None:
                # Made from what was read before this transaction: still so, or nothing.
                now = edit.made_from_now(self.repo)
                if now != edit.made_from:
                    raise edit.changed_meanwhile(now)
                edit.made_from = None
            if action != "do" and not looked_first:
                # Looked at in the step's own transaction: looked at just before it, a
                # change another program (or the window's worker) saved in between was
                # written over by the undo or redo without a word. (A step that looks
                # first looks again, at what may change between, in its own write.)
                why = edit.refusal(self.repo, self.actor, action)
                if why is not None:
                    raise EditRefused(why)
            with self.repo.search.batch():  # one index refresh per step, even a re-split
                change = step(self.repo)
            entity_id, old, new = edit.history_states()
            if action == "undo":
                old, new = new, old
            sentence_ids = edit.sentence_ids()
            self.repo.history.record_history(
                actor=self.actor,
                action=action,
                description=edit.description,
                entity=edit.entity,
                entity_id=entity_id,
                old=old,
                new=new,
                article_id=getattr(edit, "article_id", None),
                # An edit of several sentences is filed under its article (the sentence
                # history finds it by the ids in its states).
                sentence_id=sentence_ids[0] if len(sentence_ids) == 1 else None,
            )
        return change

    def push(self, edit: Edit) -> Change:
        """Apply a new edit; it is committed when this returns."""
        change = self._run(edit, "do", edit.apply)
        merged = bool(self.undo_steps) and not self.redo_steps and self.undo_steps[-1].merge(edit)
        if not merged:
            self.undo_steps.append(edit)
        self.redo_steps.clear()
        return self._notify(change)

    def undo(self) -> Change | None:
        return self._move("undo")

    def redo(self) -> Change | None:
        return self._move("redo")

    def top(self, action: str) -> Edit | None:
        """The step "undo" or "redo" would take now, if any."""
        steps = self.undo_steps if action == "undo" else self.redo_steps
        return steps[-1] if steps else None

    def _move(self, action: str) -> Change | None:
        """Undo or redo the newest step; it moves to the other stack once committed."""
        edit = self.top(action)
        if edit is None:
            return None
        try:
            return self.settle(action, self.replay(edit, action))
        except EditRefused as error:
            self.refused(action, error)
            if action == "undo" and isinstance(error, EditGone) and self.undo_steps:
                raise EditGone(f"{error} Ctrl+Z goes on with the step before it.") from error
            raise

    def refused(self, action: str, error: Exception, edit: Edit | None = None) -> None:
        """The newest step's `action` was refused (nothing written). A redo refused for
        good (`EditGone`) is dropped, with every redo after it (each was done on it):
        Redo offered it again, refused again each time. An undo refused for good is
        dropped alone: it stays done, so it is never offered as a redo, and the steps
        beneath it (which touched nothing of what it did, or check what they would write
        over: `Edit.refusal`) are undone as ever; before,
        it stayed on top and every Ctrl+Z hit it again. Any other refusal keeps the step,
        to be tried again (the disk may have room by then). A worker's step names its
        `edit` (by default the newest), as for `settle`."""
        if action == "redo" and isinstance(error, EditGone):
            self.redo_steps.clear()
        elif action == "undo" and isinstance(error, EditGone) and self.undo_steps:
            edit = self.undo_steps[-1] if edit is None else edit
            self.undo_steps[:] = [step for step in self.undo_steps if step is not edit]

    def replay(self, edit: Edit, action: str) -> Change:
        """Undo or redo `edit` through this stack's connection and commit it, leaving the
        stacks alone: a helper connection does it in a worker for the window's stack, which
        then `settle`s it. `EditRefused` (nothing written) when its `refusal`, looked at
        in the same transaction, says so."""
        return self._run(edit, action, edit.revert if action == "undo" else edit.apply)

    def settle(self, action: str, change: Change, edit: Edit | None = None) -> Change:
        """`edit` (by default the newest step) was undone (or redone) and committed: move
        it to the other stack. A worker's step names its edit: text saved while it ran
        may have pushed a newer step, which must stay where it is."""
        source, target = (
            (self.undo_steps, self.redo_steps)
            if action == "undo"
            else (self.redo_steps, self.undo_steps)
        )
        if edit is None:
            edit = source[-1]
        for index in range(len(source) - 1, -1, -1):
            if source[index] is edit:
                del source[index]
                break
        target.append(edit)
        return self._notify(change)

    def adopt(self, edit: Edit, change: Change) -> Change:
        """An edit a helper connection of this workspace pushed on its own stack (a merge
        run in a worker thread) becomes this stack's newest undo step."""
        self.undo_steps.append(edit)
        self.redo_steps.clear()
        return self._notify(change)

    def undo_text(self) -> str:
        return self.undo_steps[-1].description if self.undo_steps else ""

    def redo_text(self) -> str:
        return self.redo_steps[-1].description if self.redo_steps else ""

    def clear(self) -> None:
        self.undo_steps.clear()
        self.redo_steps.clear()

    def _notify(self, change: Change) -> Change:
        for callback in self.on_change:
            callback(change)
        return change


def stamp(review: Review, reviewer: str) -> Review:
    """The review as saved now by `reviewer`."""
    return review.edited(reviewer=reviewer, updated_at=now_iso())
