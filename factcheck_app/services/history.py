"""The workspace's history for the front ends: who did what, when, from what to what;
and whether the hash chain still matches (`verify`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck_app.domain.history import ChainProblem, HistoryEntry, verify
from factcheck_app.domain.history_words import (
    changes,
    mentions,
    named_part,
    parsed,
    sentence_states,
    title,
)
from factcheck_app.domain.models import Status, verdict_label
from factcheck_app.domain.printable import printable, shown_name, shown_title
from factcheck_app.domain.times import in_local_zone, stored_time
from factcheck_app.domain.two_moments import Unlike
from factcheck_app.domain.wording import counted
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.two_moments import reviews_unlike_history

PROGRESS_EVERY = 2000  # entries between two progress reports of `History.verify`
SHOWN = 10  # reviews unlike their history named one by one; the rest counted
PRINT_BATCH = 200  # entries read at a time by `History.each`: a few MB of long states


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """One entry as shown: who, when, what, and each change in words."""

    entry: HistoryEntry
    what: str  # "Verdict: False", "Undo: Tag as Claim"
    changes: tuple[str, ...] = ()  # each value cut to a line
    # The same, each value whole as typed (an editor's long return note): to read in full
    # (the window's history, Enter). Empty when not asked for: `changes` stands in.
    whole: tuple[str, ...] = ()

    @property
    def who(self) -> str:
        return self.entry.reviewer

    @property
    def when(self) -> dt.datetime | None:
        """The time, timezone-aware (None when the stored time is not one)."""
        return stored_time(self.entry.at)

    def as_json(self) -> dict[str, Any]:
        entry = self.entry
        return {
            "seq": entry.seq,
            "at": entry.at,
            "reviewer": entry.reviewer,
            "action": entry.action,
            "description": entry.description,
            "entity": entry.entity,
            "entity_id": entry.entity_id,
            "article_id": entry.article_id,
            "sentence_id": entry.sentence_id,
            "before": parsed(entry.before),
            "after": parsed(entry.after),
            "changes": list(self.changes),
            "origin": entry.origin,
            "hash": entry.hash,
        }


@dataclass(frozen=True, slots=True)
class Verification:
    """What `verify` found: how many entries, and the first that does not match."""

    entries: int
    problem: ChainProblem | None
    details: str = ""  # when, who and what of the entry found, when it is still there
    unchained: bool = False  # an older workspace read as it is: chained once migrated
    # Reviews unlike what their newest entry says they became (storage/two_moments.py):
    # a verdict set in another program leaves the history whole.
    unlike: tuple[Unlike, ...] = ()

    @property
    def ok(self) -> bool:
        return self.problem is None and not self.unlike

    def summary(self) -> str:
        if self.unchained:
            return (
                f"History: {counted(self.entries, 'entry', 'entries')}, not chained yet (the "
                "workspace is from an older version; opening it for editing chains it)."
            )
        if self.problem is None:
            said = f"History: {counted(self.entries, 'entry', 'entries')}, every hash matches"
            return f"{said}{self._unlike_said()}."
        reason = self.problem.reason.rstrip(".")
        found = f" (entry {self.problem.seq}: {self.details})" if self.details else ""
        return (
            f"History: does NOT verify: {reason}{found}{self._unlike_said()}. It was changed "
            "outside the desk: keep this file as it is, as evidence, and compare it with a "
            "backup."
        )

    def _unlike_said(self) -> str:
        count = len(self.unlike)
        if not count:
            return ""
        which = "1 sentence's review is" if count == 1 else f"{count} sentences' reviews are"
        its, it = ("its", "it") if count == 1 else ("their", "they")
        return (
            f", but {which} not what {its} history says {it} last became: changed outside "
            "the desk with nothing recorded, or the file was copied while a desk had it "
            "open, in the middle of a save. Keep this file as it is, as evidence, and "
            "compare it with a backup"
        )

    def sentences(self) -> list[str]:
        """Each review unlike its history, one line each (ten named, the rest counted)."""
        lines = [f"  • {named_unlike(item)}" for item in self.unlike[:SHOWN]]
        if len(self.unlike) > SHOWN:
            lines.append(f"  • and {len(self.unlike) - SHOWN} more")
        return lines


class History:
    """Reading and checking the permanent, hash-chained history of edits."""

    def __init__(self, repo: WorkspaceRepository) -> None:
        self.repo = repo

    def newest(self) -> int:
        """The newest entry's number (0: none): it changes with every edit recorded, by
        whichever program (a verdict, an undo, a merge), and with nothing else (an
        import's commits). One look through the history's index."""
        return self.repo.history.last_history_id()

    def verify(
        self,
        progress: Callable[[int], None] | None = None,
        reviews: Callable[[int, int], None] | None = None,
    ) -> Verification:
        """Walk the whole chain; the first entry that does not match, in words; then
        read every review against its history. `progress` is told how many entries were
        read, every PROGRESS_EVERY; `reviews` how many of the reviews' steps were read,
        and of how many (storage/two_moments.py `Step`). Either may raise to stop:
        Check Workspace's Cancel."""
        store = self.repo.history
        if store.predates_chain():
            return Verification(store.count(), None, unchained=True)
        count = 0

        def counting() -> Iterator[HistoryEntry]:
            nonlocal count
            for entry in store.entries():
                count += 1
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress(count)
                yield entry

        problem = verify(counting(), store.head(), holds_edits=store.workspace_holds_edits())
        details = ""
        found = store.entry(problem.seq) if problem is not None else None
        if found is not None:
            # Its words are the tamperer's: on one line, no override drawing the rest of
            # the report's line backwards, as every name is shown.
            who = shown_name(found.reviewer) or "unnamed"
            what = _visible(title(found.action, found.description))
            details = f"{_visible(found.at)}, {who}, “{what}”"
        # A whole history beside a verdict nobody recorded giving: the record a newsroom
        # keeps says who gave each verdict, so one set in another program is named too.
        unlike = tuple(reviews_unlike_history(self.repo.db, reviews))
        return Verification(count, problem, details, unlike=unlike)

    def entries(self, article_id: int | None = None) -> list[HistoryItem]:
        """Every entry (or an article's), in the order written."""
        if article_id is None:
            return list(self.each())
        return [_item(e) for e in self.repo.history.for_article(article_id)]

    def each(self) -> Iterator[HistoryItem]:
        """Every entry in the order written, worded as it is read, a batch at a time:
        `factcheck-app history` prints a year's history from its first entry on, never
        holding it whole (`--json` took 561 MB for 49,300 entries). Each batch is read
        in its own statement: a `history | less` left open holds no read of the file,
        which would keep the window's saves in its `-wal`."""
        store, after = self.repo.history, None
        while batch := store.entries_after(after, PRINT_BATCH):
            yield from (_item(e) for e in batch)
            after = batch[-1].seq

    def of_sentence(self, sentence_id: int, newest: int | None = None) -> list[HistoryItem]:
        """A sentence's history, newest first: its own entries, and the entries about
        several sentences that include it (showing only its part); of the `newest` so many
        entries of either kind when given (the command prints all)."""
        return [_sentence_item(*step) for step in sentence_steps(self.repo, sentence_id, newest)]

    def shown_of_sentence(self, sentence_id: int, newest: int) -> tuple[list[HistoryItem], bool]:
        """`of_sentence` of the `newest` so many entries, and whether older ones are left
        out (the window's panel: its last entry is then not the sentence's first), from
        one read of `newest` + 1 entries: counted apart, every stop on a sentence read
        its entries twice."""
        article_id = self.repo.sentences.article_of_sentence(sentence_id)
        entries = self.repo.history.about_sentence(sentence_id, article_id, newest + 1)
        shown = [_sentence_item(*step) for step in _steps(entries[:newest], sentence_id)]
        return shown, len(entries) > newest


def _sentence_item(entry: HistoryEntry, old: Any, new: Any) -> HistoryItem:
    """An entry about a sentence as `History.of_sentence` words it: its title, and each
    change of the sentence's part of it (`sentence_steps`)."""
    return HistoryItem(
        entry,
        title(entry.action, entry.description),
        tuple(changes(old, new)),
        tuple(changes(old, new, whole=True)),
    )


def _item(entry: HistoryEntry) -> HistoryItem:
    """An entry as `entries` words it: its title and each change cut to a line."""
    return HistoryItem(
        entry,
        title(entry.action, entry.description),
        tuple(changes(parsed(entry.before), parsed(entry.after))),
    )


def sentence_steps(
    repo: WorkspaceRepository, sentence_id: int, newest: int | None = None
) -> Iterator[tuple[HistoryEntry, Any, Any]]:
    """Each entry about a sentence, newest first, with the sentence's state before and
    after it (only its part of an entry about several sentences); of the `newest` so many
    entries when given."""
    article_id = repo.sentences.article_of_sentence(sentence_id)
    yield from _steps(repo.history.about_sentence(sentence_id, article_id, newest), sentence_id)


def _steps(
    entries: Iterable[HistoryEntry], sentence_id: int
) -> Iterator[tuple[HistoryEntry, Any, Any]]:
    """`sentence_steps` of entries already read."""
    for entry in entries:
        if entry.sentence_id is None:
            # Only this sentence's part of a re-split's states, where it can be found so:
            # parsed whole, they held the history box for 0.34 s per stop at 5 MB.
            snapshots = entry.entity == "sentence"
            old = named_part(entry.before, sentence_id, snapshots=snapshots)
            new = named_part(entry.after, sentence_id, snapshots=snapshots)
            if old is not None and new is not None:
                if old[0] or new[0]:
                    yield entry, old[1], new[1]
                continue
        before, after = parsed(entry.before), parsed(entry.after)
        if entry.sentence_id is None:
            if not (mentions(before, sentence_id) or mentions(after, sentence_id)):
                continue
            before = sentence_states(before, sentence_id)
            after = sentence_states(after, sentence_id)
        yield entry, before, after


@dataclass(frozen=True, slots=True)
class Move:
    """One history entry as `taken_back` reads it."""

    action: str  # "undo", "redo", or anything else: a step
    before: object  # its states, comparable as they are (canonical JSON)
    after: object
    here: bool  # written in this file, not merged in from another

    @classmethod
    def of_entry(cls, entry: HistoryEntry, before: object, after: object) -> Move:
        """A history entry of this workspace's, with its (or its sentence's) states."""
        return cls(entry.action, before, after, not entry.origin)


@dataclass(frozen=True, slots=True)
class TakenBack:
    """What `taken_back` found, each entry by its place among the moves."""

    of: dict[int, int]  # an undo -> the step it took back; a redo -> the undo it took back
    forged: frozenset[int]  # undos whose only step to take back was written elsewhere
    undone: frozenset[int]  # steps (not undos, not redos) taken back, not put back since


def taken_back(moves: Sequence[Move]) -> TakenBack:
    """Which entry each undo and redo takes back, as a desk's undo stack did (`moves`:
    one sentence's or one thing's entries, oldest first). An undo takes back the newest
    step still standing (a step, or a redo) that left the state it starts from, written
    in the same file: Ctrl+Z is one desk's, so both were written here, or both came by
    merge. With only a step written elsewhere to take back it is a forgery (a merged
    file's undo of a step it only received), and takes back nothing. A redo takes back
    the newest undo still standing that left the state it starts from, and so puts its
    step back; it stands as a step of its own, for a later undo. The one rule of who gave
    a verdict (`sign_offs.verdict_author`) and of the undos a merge believes
    (`merge._forged_undos`): read by two, a merge left out a real undo that the author's
    rule took. Typing merged into one step is undone as one: its undo takes back its
    last entry's step only (nothing of a verdict)."""
    of: dict[int, int] = {}
    forged: set[int] = set()
    steps: list[int] = []  # steps and redos standing, oldest first
    undos: list[int] = []  # undos standing (not taken back by a redo)
    root: dict[int, int] = {}  # a redo or an undo -> the step it (at last) moves
    undone: set[int] = set()
    for place, move in enumerate(moves):
        if move.action == "undo":
            left = [p for p in steps if moves[p].after == move.before]
            mine = [p for p in left if moves[p].here == move.here]
            if not mine:
                if left:
                    forged.add(place)
                continue
            step = mine[-1]
            steps.remove(step)
            undos.append(place)
            of[place], root[place] = step, root.get(step, step)
            undone.add(root[place])
            continue
        steps.append(place)
        if move.action != "redo":
            continue
        # An undo written elsewhere is not one of this desk's to redo.
        same = [p for p in undos if moves[p].after == move.before and moves[p].here == move.here]
        if same:
            undo = same[-1]
            undos.remove(undo)
            of[place], root[place] = undo, root[undo]
            undone.discard(root[undo])
    return TakenBack(of, frozenset(forged), frozenset(undone))


def _visible(text: str) -> str:
    """Stored text on one line of a message, as Check Workspace names it: without bidi
    controls (an override drew the rest of the line backwards) and with every control
    character (a NUL, a terminal's escape) shown as "?"."""
    return printable(shown_title(text))


def named_unlike(item: Unlike) -> str:
    """A review unlike its history in words: the sentence, what it holds, what its
    history says it became."""
    title = _visible(item.article_title)
    title = title if len(title) <= 50 else title[:49] + "…"
    when = stored_time(item.at)
    local = (in_local_zone(when) or when) if when else None
    entry = _visible(item.description)
    entry += f", {local.strftime('%H:%M on %d %b')}" if local else ""
    return (
        f"sentence {item.sentence_number} of “{title}”: here {_state(item.here)}; its "
        f"history ({entry}) says {_state(item.history_says)}"
    )


def _state(fields: dict[str, object]) -> str:
    """Review fields in words: "verdict Mixed, explanation “13”"."""
    words = []
    for key, value in fields.items():
        if key == "tag":
            words.append(f"tag {_visible(str(value)).capitalize()}" if value else "no tag")
        elif key == "rating":
            words.append(
                f"verdict {_visible(str(verdict_label(str(value))))}" if value else "no verdict"
            )
        elif key in ("claimant", "explanation"):
            text = _visible(str(value))
            text = text if len(text) <= 60 else text[:59] + "…"
            if not text and value:  # bidi controls alone
                words.append(f"{key} of invisible characters only")
            else:
                words.append(f"{key} “{text}”" if text else f"no {key}")
        elif key == "status":
            try:
                words.append(f"status {Status(str(value)).label}")
            except ValueError:
                words.append(f"status {_visible(str(value))}")
        else:
            words.append("denying another sentence" if value is not None else "denying none")
    return ", ".join(words)
