"""Undoable edits. Each edit knows how to apply and revert itself through the repository;
the EditStack runs both inside one transaction together with the history record."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from factcheck_app.domain.models import Review, Sentence, SourceLink
from factcheck_app.storage.repositories import WorkspaceRepository, now_iso

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


class Edit:
    """Base of all undoable edits."""

    description = "Edit"
    entity = "review"

    def apply(self, repo: WorkspaceRepository) -> Change:
        raise NotImplementedError

    def revert(self, repo: WorkspaceRepository) -> Change:
        raise NotImplementedError

    def history_states(self) -> tuple[int | None, object, object]:
        """(entity id, state before, state after) for the history table."""
        raise NotImplementedError

    def merge(self, newer: Edit) -> bool:
        """Absorb `newer` into this edit if they are one user step; True when merged."""
        return False


@dataclass
class ReviewEdit(Edit):
    """Any change of one sentence's review: tag, verdict, claimant, explanation, status."""

    article_id: int
    before: Review
    after: Review
    description: str = "Edit review"
    merge_key: str | None = None  # set for typing in a text field
    created: float = field(default_factory=time.monotonic)

    def apply(self, repo: WorkspaceRepository) -> Change:
        repo.reviews.save_review(self.after)
        return Change(self.article_id, (self.after.sentence_id,))

    def revert(self, repo: WorkspaceRepository) -> Change:
        repo.reviews.save_review(self.before)
        return Change(self.article_id, (self.before.sentence_id,))

    def history_states(self) -> tuple[int | None, object, object]:
        return self.after.sentence_id, self.before.content_fields(), self.after.content_fields()

    def merge(self, newer: Edit) -> bool:
        if not (
            isinstance(newer, ReviewEdit)
            and self.merge_key is not None
            and newer.merge_key == self.merge_key
            and newer.after.sentence_id == self.after.sentence_id
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

    def apply(self, repo: WorkspaceRepository) -> Change:
        for edit in self.edits:
            edit.apply(repo)
        return Change(self.article_id, tuple(e.after.sentence_id for e in self.edits))

    def revert(self, repo: WorkspaceRepository) -> Change:
        for edit in reversed(self.edits):
            edit.revert(repo)
        return Change(self.article_id, tuple(e.before.sentence_id for e in self.edits))

    def history_states(self) -> tuple[int | None, object, object]:
        return (
            None,
            [e.before.content_fields() | {"sentence_id": e.before.sentence_id} for e in self.edits],
            [e.after.content_fields() | {"sentence_id": e.after.sentence_id} for e in self.edits],
        )


@dataclass
class CompoundEdit(Edit):
    """Several edits of one article taken as one undo step (e.g. reusing all the sources of
    an earlier verdict); undone in reverse order."""

    article_id: int
    edits: list[Edit]
    description: str = "Edit"
    entity = "compound"

    def apply(self, repo: WorkspaceRepository) -> Change:
        changes = [edit.apply(repo) for edit in self.edits]
        return Change(self.article_id, tuple(i for c in changes for i in c.sentence_ids))

    def revert(self, repo: WorkspaceRepository) -> Change:
        changes = [edit.revert(repo) for edit in reversed(self.edits)]
        return Change(self.article_id, tuple(i for c in changes for i in c.sentence_ids))

    def history_states(self) -> tuple[int | None, object, object]:
        states = [edit.history_states() for edit in self.edits]
        return None, [s[1] for s in states], [s[2] for s in states]


@dataclass
class LinkSourceEdit(Edit):
    """Attach a source to a sentence, creating the source first when it is new."""

    article_id: int
    link: SourceLink
    creates_source: bool
    description: str = "Link source"
    entity = "source_link"

    def apply(self, repo: WorkspaceRepository) -> Change:
        source = self.link.source
        if self.creates_source:
            # First run assigns ids; redo re-inserts with the same ids so later edits still match.
            source_id = repo.sources.insert_source(source)
            source = dataclasses.replace(source, id=source_id)
        link = dataclasses.replace(self.link, source=source)
        link_id = repo.sources.insert_link(link)
        self.link = dataclasses.replace(link, id=link_id)
        return Change(self.article_id, (self.link.sentence_id,))

    def revert(self, repo: WorkspaceRepository) -> Change:
        repo.sources.delete_link(self.link)
        if self.creates_source and repo.sources.source_link_count(self.link.source.id) == 0:
            repo.sources.delete_source(self.link.source.id)
        return Change(self.article_id, (self.link.sentence_id,))

    def history_states(self) -> tuple[int | None, object, object]:
        return self.link.id, None, _link_state(self.link)


@dataclass
class UnlinkSourceEdit(Edit):
    """Remove a source from a sentence (the source stays in the workspace's library)."""

    article_id: int
    link: SourceLink
    description: str = "Remove source"
    entity = "source_link"

    def apply(self, repo: WorkspaceRepository) -> Change:
        repo.sources.delete_link(self.link)
        return Change(self.article_id, (self.link.sentence_id,))

    def revert(self, repo: WorkspaceRepository) -> Change:
        repo.sources.insert_link(self.link)
        return Change(self.article_id, (self.link.sentence_id,))

    def history_states(self) -> tuple[int | None, object, object]:
        return self.link.id, _link_state(self.link), None


def _link_state(link: SourceLink) -> dict[str, Any]:
    return {
        "sentence_id": link.sentence_id,
        "source_id": link.source.id,
        "url": link.source.url,
        "stance": link.stance.value,
        "excerpt": link.excerpt,
    }


@dataclass
class SentenceSnapshot:
    """A sentence with everything hanging off it, enough to bring it back exactly."""

    sentence: Sentence
    review: Review
    links: list[SourceLink]

    @classmethod
    def take(cls, repo: WorkspaceRepository, sentence: Sentence) -> SentenceSnapshot:
        return cls(
            sentence,
            repo.reviews.get_review(sentence.id),
            repo.sources.links_for_sentence(sentence.id),
        )

    def restore_review_and_links(self, repo: WorkspaceRepository, denies: int | None) -> None:
        """Re-attach the review (pointing its denial at `denies`) and the source links that
        existed before (they keep their ids); copies made for a new part wait for
        `add_copied_links`."""
        review = self.review.edited(denies_sentence_id=denies)
        if review.has_content:
            repo.reviews.save_review(review)
        for link in self.links:
            if link.id:
                repo.sources.insert_link(link)

    def add_copied_links(self, repo: WorkspaceRepository) -> None:
        """Insert the link copies (id 0) once every kept link is back: a copy given the
        next free id must not take the id of a kept link restored after it."""
        for link in self.links:
            if not link.id:
                repo.sources.insert_link(link)

    def state(self) -> dict[str, Any]:
        return {
            "id": self.sentence.id,
            "start": self.sentence.start,
            "end": self.sentence.end,
            "review": self.review.content_fields(),
            "sources": [link.source.url for link in self.links],
        }


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
    # Denials outside the edited sentences that pointed into them when the edit was applied.
    _pointers_before: list[tuple[int, int]] = field(default_factory=list)
    _outside_pointers: list[tuple[int, int]] = field(default_factory=list)

    def _replace(
        self,
        repo: WorkspaceRepository,
        old: list[SentenceSnapshot],
        new: list[SentenceSnapshot],
        exact_pointers: list[tuple[int, int]] | None = None,
    ) -> Change:
        old_ids = {snapshot.sentence.id for snapshot in old}
        # Denials elsewhere in the article that point at a sentence about to go away.
        self._outside_pointers = outside_pointers = [
            (holder, target)
            for holder, target in repo.reviews.denial_pointers_to(old_ids)
            if holder not in old_ids
        ]
        # Delete first (cascades reviews and links), then insert every sentence before any
        # review, so a denial can point at a sentence restored after it.
        for snapshot in old:
            repo.sentences.delete_sentence(snapshot.sentence.id)
        for snapshot in sorted(new, key=lambda s: s.sentence.start):
            repo.sentences.insert_sentence(snapshot.sentence)
        new_ids = {snapshot.sentence.id for snapshot in new}

        def successor(target: int | None, holder: int) -> int | None:
            """Where a pointer at `target` should point now (None if nowhere sensible)."""
            if target is None or target in new_ids or repo.sentences.sentence_exists(target):
                return target
            for snapshot in old:
                if snapshot.sentence.id == target:
                    start = snapshot.sentence.start
                    for candidate in new:
                        span = candidate.sentence
                        if span.start <= start < span.end and span.id != holder:
                            return span.id
            return None

        for snapshot in new:
            holder = snapshot.sentence.id
            snapshot.restore_review_and_links(
                repo, successor(snapshot.review.denies_sentence_id, holder)
            )
        for snapshot in new:
            snapshot.add_copied_links(repo)
        for holder, target in outside_pointers:
            repo.reviews.set_denies(holder, successor(target, holder))
        for holder, target in exact_pointers or []:  # undo: point back exactly as before
            repo.reviews.set_denies(holder, target)
        return Change(
            self.article_id,
            tuple(s.sentence.id for s in new),
            structural=True,
            focus_sentence_id=new[0].sentence.id if new else None,
            message=self.message,
        )

    def apply(self, repo: WorkspaceRepository) -> Change:
        change = self._replace(repo, self.before, self.after)
        self._pointers_before = self._outside_pointers
        return change

    def revert(self, repo: WorkspaceRepository) -> Change:
        change = self._replace(repo, self.after, self.before, self._pointers_before)
        change.message = ""
        return change

    def history_states(self) -> tuple[int | None, object, object]:
        return (
            self.before[0].sentence.id,
            [s.state() for s in self.before],
            [s.state() for s in self.after],
        )


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
        with self.repo.db.atomic():
            with self.repo.search.batch():  # one index refresh per step, even a re-split
                change = step(self.repo)
            entity_id, old, new = edit.history_states()
            if action == "undo":
                old, new = new, old
            self.repo.history.record_history(
                actor=self.actor,
                action=action,
                description=edit.description,
                entity=edit.entity,
                entity_id=entity_id,
                old=old,
                new=new,
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
        return self._move(self.undo_steps, self.redo_steps, "undo")

    def redo(self) -> Change | None:
        return self._move(self.redo_steps, self.undo_steps, "redo")

    def _move(self, source: list[Edit], target: list[Edit], action: str) -> Change | None:
        """Undo or redo the newest step of `source`; it moves to `target` once committed."""
        if not source:
            return None
        edit = source[-1]
        change = self._run(edit, action, edit.revert if action == "undo" else edit.apply)
        target.append(source.pop())
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
