"""The articles of a workspace: the list, each one's text, properties and progress."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from factcheck_app.domain import importing, languages
from factcheck_app.domain.errors import ChangedMeanwhile, EditGone, EditRefused, NotFound
from factcheck_app.domain.models import ArticleMetadata, ArticleSummary
from factcheck_app.domain.printable import (
    TITLE_CHARS,
    UNTITLED,
    or_untitled,
    shown_line,
    shown_title,
    typed_line,
)
from factcheck_app.domain.urls import safe_link, validate_source_url
from factcheck_app.services.edits import Change, Edit, EditStack, refused_for_good
from factcheck_app.services.importer import hidden_import, release_stale
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.stores.imports import StoredArticle


def listed_title(title: str) -> str:
    """`shown_line(title)`, or UNTITLED when that leaves nothing to read (`or_untitled`):
    a blank line in the article list, a title bar starting " — news.fcdesk", "Remove “”?"."""
    return or_untitled(shown_line(title))


def _listed(summary: ArticleSummary, conflicts: int, returned: int) -> ArticleSummary:
    """`summary`, as stored, dressed as the article list shows it: the one way both
    `list_articles` and `article_summary` do it, so Article Properties' refusal never
    shows a line other than the list's. Its title as `listed_title`, the stored one
    kept in `whole_title` when too long to be shown whole (for finding it); its counts
    of sentences in conflict and of verdicts returned by an editor."""
    return dataclasses.replace(
        summary,
        title=listed_title(summary.title),
        whole_title=summary.title if len(summary.title) > TITLE_CHARS else "",
        conflict_count=conflicts,
        returned_count=returned,
    )


@dataclass
class RemoveArticleEdit(Edit):
    """An article nothing was recorded on (a mistaken import, a pasted test) taken out of
    the workspace; undo puts it back with the ids it had.

    Its history entry names no article (`article_id` stays unset): an entry filed under
    the removed article's id is taken by Ctrl+Z as the history of an article merged in
    since under that id (`_undo_refused`), which refused the undo, and it would count as
    work recorded on the article (`ImportStore.recorded_work`), refusing the removal
    again. (The id itself is never given to another article:
    `ArticleStore.forget_article_id`.)
    """

    stored: StoredArticle
    title: str
    description: str = "Remove article"
    entity = "article"
    refusal_looks_first = True  # "being imported again" said without waiting for it
    # The articles of its text a cleaned copy kept beside it (`same_text_mark`) that took
    # its text's hash over as it went, and what each held before: given back by Ctrl+Z.
    handed_over: dict[int, str] = dataclasses.field(default_factory=dict)

    def apply(self, repo: WorkspaceRepository) -> Change:
        article_id = self.stored.id
        # Checked again in this transaction: the check before asking may be stale, and a
        # redo finds work recorded since the undo (a title given), which stays for good.
        if repo.imports.recorded_work(article_id):
            raise EditGone(_has_work(self.title))
        neighbour = repo.articles.neighbour_of(article_id)
        self.handed_over = repo.imports.remove_article(self.stored)
        return Change(
            neighbour or 0,
            (),
            texts={},
            structural=True,
            message=f"Article removed (Ctrl+Z brings it back): “{self.title}”",
            workspace_wide=True,
        )

    def revert(self, repo: WorkspaceRepository) -> Change:
        # Checked again in this transaction: `refusal` read before it, and an import of
        # the same text beside the window may have begun between (its hidden row holds
        # the hash): the restore then failed as "could not be read or written (UNIQUE
        # constraint failed)" instead of saying why, and when Ctrl+Z may bring it back.
        why = self._undo_refused(repo, in_transaction=True)
        if why is not None:
            raise EditRefused(why)
        repo.imports.restore_article(self.stored, self.handed_over)
        return Change(self.stored.id, (), texts={}, structural=True, workspace_wide=True)

    def refusal(self, repo: WorkspaceRepository, actor: str, action: str) -> str | None:
        # Each but the first is for good (`EditGone`: the step is dropped, Ctrl+Z goes
        # on beneath it):
        # the article imported since stays (the window's own removal of it would be a
        # newer step, undone first), and the history keeps every entry.
        # Each says "The article" first: a message box lays its lines out by their first
        # letter, and an Arabic or Hebrew title there turned the whole box right to left.
        return self._undo_refused(repo, in_transaction=False) if action == "undo" else None

    def _undo_refused(self, repo: WorkspaceRepository, *, in_transaction: bool) -> str | None:
        """`refusal`'s checks of an undo, read before its transaction (`in_transaction`
        False: reads only); every one again in it (`revert`), where a stopped import's
        hidden row of the same text lets its hash go."""
        content_hash = str(self.stored.article.get("content_hash", ""))
        hidden = hidden_import(repo, content_hash)
        if hidden is not None and hidden.under_way:
            # For now, not for good: dropped, the step was lost to an import that might
            # yet be cancelled, and the article with it. Read only: a write here would wait
            # for the import's slice.
            return (
                f"The article “{self.title}” is not brought back by Ctrl+Z while the "
                "same text is being imported again: once that import has finished, "
                "the article is in the list; if it is cancelled, Ctrl+Z brings it "
                "back."
            )
        if hidden is not None and in_transaction:
            # What a stopped import left (its removal failed): its hash goes with the write
            # that brings the article back. Before it, nothing is written: the look that
            # says why at once must not wait for another import's slice.
            release_stale(repo, hidden)
        holder = repo.articles.find_article_by_hash(content_hash)
        if holder is not None and holder not in self.handed_over:  # (one of its twins: given back)
            raise EditGone(
                f"The article “{self.title}” is in the workspace again: the same text was "
                "imported since, so Ctrl+Z leaves it as it is."
            )
        # The ids, looked at again with the writer held: a merge saved between the look
        # and the write (the window's merge worker, another program on an older
        # workspace with no note of the removed ids) may take them, and the write failed
        # as "could not be read or written (UNIQUE constraint failed)". A chunk of 500
        # sentences a statement: a few statements for a long article. (Out of the
        # transaction, the ids only, not the text's hash: an import of the text may have
        # begun since the look above, and its row (hidden, holding the hash) would be
        # taken for an article here for good, the step dropped; the write looks again.)
        if repo.imports.ids_taken(self.stored):
            raise EditGone(
                f"The article “{self.title}” cannot be brought back by Ctrl+Z: an article "
                "imported since holds its place. Import its file again instead."
            )
        if repo.imports.history_names(self.stored):
            # A merge since (undone) gave its article these ids and wrote history under
            # them, which the history keeps: it would show as this article's.
            raise EditGone(
                f"The article “{self.title}” cannot be brought back by Ctrl+Z: an article "
                "merged in since held its place, and its history would show as this one's. "
                "Import its file again instead."
            )
        return None

    def history_states(self) -> tuple[int | None, object, object]:
        state = {
            "article": self.stored.id,
            "title": self.stored.article.get("title", ""),
            "source_name": self.stored.article.get("source_name", ""),
            "content_hash": self.stored.article.get("content_hash", ""),
            "sentences": len(self.stored.sentences),
        }
        return None, state, None


@dataclass
class ArticlePropertiesEdit(Edit):
    """Article Properties' title, outlet, author, URL, date and language: one undo step
    (the one edit Ctrl+Z did not cover; a title typed over was typed back from memory)."""

    article_id: int
    before: ArticleMetadata
    after: ArticleMetadata
    description: str = "Edit article properties"
    entity = "article"
    # `before` was read outside the step's transaction (`Edit.made_from`): an author or
    # date another program (or the window's worker) saved in between was written over.
    made_from: object = None

    def __post_init__(self) -> None:
        self.made_from = self.before

    def made_from_now(self, repo: WorkspaceRepository) -> object:
        return repo.articles.article_metadata(self.article_id)

    def changed_meanwhile(self, now: object) -> EditRefused:
        return ChangedMeanwhile(
            "Not saved: this article's properties were changed by another program while "
            "yours were being saved. Nothing was changed; look at them again, then try again."
        )

    def apply(self, repo: WorkspaceRepository) -> Change:
        return self._put(repo, self.after)

    def revert(self, repo: WorkspaceRepository) -> Change:
        return self._put(repo, self.before)

    def refusal(self, repo: WorkspaceRepository, actor: str, action: str) -> str | None:
        """Refused for good when the properties are not as the step left them (an undo)
        or found them (a redo): another program saved an author or date since, and every
        field was put back over it, unsaid. Saved again alike (`_alike`) is as left."""
        expected = self.after if action == "undo" else self.before
        try:
            now = repo.articles.article_metadata(self.article_id)
        except NotFound:
            raise refused_for_good(
                action,
                self.description,
                "the article was taken away since by another program. Nothing was changed.",
            ) from None
        if not expected.language:
            # "Not known yet" becomes the language a re-split detects, kept when that
            # re-split is undone: not another program's change.
            now = dataclasses.replace(now, language="")
        # The same words but for a blank at an end or a line break, or the same address
        # (`_alike`), are no change of another program's: refused for good, the step was
        # dropped over a script's trailing space.
        if now.extra != expected.extra or not all(
            _alike(attr, getattr(now, attr), getattr(expected, attr))
            for attr in _PROPERTY_FIELDS.values()
        ):
            raise refused_for_good(
                action,
                self.description,
                "this article's properties were changed since by another program, and "
                f"{'undoing' if action == 'undo' else 'redoing'} it would write over "
                "that. Nothing was changed.",
            )
        return None

    def _put(self, repo: WorkspaceRepository, metadata: ArticleMetadata) -> Change:
        repo.articles.update_article_metadata(self.article_id, metadata)
        if not metadata.language:  # "not known yet" again, as it was before the edit
            repo.articles.set_language(self.article_id, "")
        return Change(self.article_id, (), texts={}, properties=True)

    def history_states(self) -> tuple[int | None, object, object]:
        return self.article_id, dataclasses.asdict(self.before), dataclasses.asdict(self.after)


# Article Properties' fields, as a refusal names them, with their value as said.
_PROPERTY_FIELDS = {
    "title": "title",
    "outlet": "outlet",
    "author": "author",
    "URL": "url",
    "publication date": "published",
    "language": "language",
}


def _said(value: object) -> str:
    """A property's value as a refusal quotes it."""
    if value is None or value == "":
        return "empty"
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"“{shown_line(str(value))}”"


def _language_said(code: str) -> str:
    """A language as the dialog's list names it ("French"), not by its code ("fr"),
    which the dialog shows nowhere; one the desk has no rules for by its code."""
    if not code:
        return "not known yet"
    name = languages.language_name(code)
    return name if name != code else f"“{shown_line(code)}”"


class PropertiesChangedMeanwhile(ChangedMeanwhile):
    """Article Properties refused: a field the reviewer changed in the dialog was changed
    by another program too while it was open. `over`: the properties as shown with those
    fields, and the fields she left as shown (`left`, by attribute), as saved now
    (`now`); the next OK, made from it, saves hers over them (the box says so), and
    still keeps what she left as shown. The dialog shows `now` in the fields `left`:
    it came back showing the author or date from before, which OK then did not save."""

    def __init__(
        self,
        now: ArticleMetadata,
        fields: list[str],
        over: ArticleMetadata,
        left: frozenset[str] = frozenset(),
    ) -> None:
        saved = "; ".join(
            f"the language is now {_language_said(now.language)}"
            if name == "language"
            else f"the {name} is now {_said(getattr(now, _PROPERTY_FIELDS[name]))}"
            for name in fields
        )
        super().__init__(
            f"Not saved: the {' and '.join(fields)} of this article "
            f"{'was' if len(fields) == 1 else 'were'} changed by another program while "
            f"Article Properties was open ({saved}). OK again saves yours over it."
        )
        self.over = over
        self.now = now
        self.left = left


# The fields the dialog shows as one line and saves trimmed (`typed_line`).
_TYPED_LINES = frozenset({"title", "outlet", "author"})


def _alike(attr: str, one: object, other: object) -> bool:
    """Whether the desk saves `one` and `other` of the field `attr` alike: a title, outlet
    or author the same but for blanks at its ends or a line break (the dialog shows it as
    a space and saves it trimmed), a URL the same address ("https://Planet.example/x" and
    "https://planet.example/x"). Refused as a clash, "the author is now “ Lois Lane”"
    read as hers."""
    if one == other:
        return True
    if not isinstance(one, str) or not isinstance(other, str):
        return False
    if attr == "url":
        # As browsers open them: straße.example and strasse.example are two sites, and
        # so `safe_link` writes them (an undo once called them alike and put one site
        # back over the other, unsaid, when the desk wrote both as IDNA 2003 does).
        link = safe_link(one)
        return one.strip() == other.strip() or (link is not None and link == safe_link(other))
    return attr in _TYPED_LINES and typed_line(one).strip() == typed_line(other).strip()


def _as_saved_unless_typed(
    typed: ArticleMetadata, shown: ArticleMetadata, now: ArticleMetadata
) -> tuple[ArticleMetadata, frozenset[str]]:
    """`typed` with each field the reviewer left as the dialog showed it (`shown`) as
    saved `now`: another program's author or date saved while the dialog was open was
    written over by values nobody typed. A field both changed (and not alike) is
    refused. With the names of the fields so kept."""
    clashes = []
    kept: dict[str, object] = {}
    for name, attr in _PROPERTY_FIELDS.items():
        mine, was, saved = getattr(typed, attr), getattr(shown, attr), getattr(now, attr)
        # The dialog gives a title back trimmed: one stored with a blank at its end,
        # left as shown, is not "typed".
        if mine == was or (isinstance(was, str) and mine == was.strip()):
            kept[attr] = saved
        elif not _alike(attr, saved, was) and not _alike(attr, saved, mine):
            # Changed by both, and not to the same words: a blank or a line break
            # another program gave it (or her words with one) is no clash.
            clashes.append(name)
    if clashes:
        as_saved = [_PROPERTY_FIELDS[name] for name in clashes] + list(kept)
        over = dataclasses.replace(shown, **{attr: getattr(now, attr) for attr in as_saved})
        raise PropertiesChangedMeanwhile(now, clashes, over, frozenset(kept))
    return dataclasses.replace(typed, **kept), frozenset(kept)  # type: ignore[arg-type]


def _has_work(title: str) -> str:
    return (
        # "The article" first, not the title: see `RemoveArticleEdit.refusal`.
        f"The article “{title}” is kept: reviews, sources or history are recorded on it, and "
        "they stay with their article. Only an article nothing was recorded on can be removed."
    )


class Articles:
    """Reading articles, and editing their properties (recorded in the history)."""

    def __init__(self, repo: WorkspaceRepository, reviewer: str, edits: EditStack) -> None:
        self.repo = repo
        self.reviewer = reviewer
        self.edits = edits

    def listed(self) -> tuple[int, int]:
        """(how many articles `list_articles` would list, the highest id among them)."""
        return self.repo.articles.listed()

    def list_articles(self) -> list[ArticleSummary]:
        """Each article as lists and title bars show it (its title without bidi controls,
        NUL, ESC… as "?": domain/printable.shown_line; `article_metadata` has the title as
        stored; a title
        cut to be shown is whole in `whole_title`, for finding it), with
        its counts of sentences in conflict and of verdicts returned by an editor."""
        conflicts = self.repo.reviews.conflict_counts()  # few: through the status index
        returned: dict[int, int] = {}  # few too: through the decision's index
        for _checker, article_id, count in self.repo.sign_offs.returned_by_checker():
            returned[article_id] = returned.get(article_id, 0) + count
        return [
            _listed(summary, conflicts.get(summary.id, 0), returned.get(summary.id, 0))
            for summary in self.repo.articles.list_articles()
        ]

    def exists(self, article_id: int) -> bool:
        """Whether the article is (still) in the workspace: another program may have
        removed it since a list or a search result named it."""
        return self.repo.articles.article_exists(article_id)

    def count(self) -> int:
        """How many articles the list shows (cheap: no sentence is counted)."""
        return self.repo.articles.count_articles()

    def article_summary(self, article_id: int) -> ArticleSummary:
        """One article's line as `list_articles` gives it, read by its id alone: read from
        the whole list, every refusal of Article Properties (`show_as_saved`) read every
        article of the workspace."""
        summary = self.repo.articles.article_summary(article_id)
        return _listed(
            summary,
            self.repo.reviews.conflict_count(article_id),
            self.repo.sign_offs.returned_in(article_id),
        )

    def article_text(self, article_id: int) -> str:
        return self.repo.articles.get_article(article_id).text

    def article_metadata(self, article_id: int) -> ArticleMetadata:
        return self.repo.articles.article_metadata(article_id)

    def article_language(self, article_id: int) -> str:
        """The language the article is split in ("" = not known yet: detected when it is
        next re-split; until then it was split, and is suggested, as English)."""
        return self.repo.articles.get_article(article_id).language

    def update_article_metadata(
        self, article_id: int, metadata: ArticleMetadata, *, shown: ArticleMetadata | None = None
    ) -> Change | None:
        """Save the properties as one undo step (None when nothing differs: nothing is
        recorded); a changed language is recorded, and the caller offers to re-split (the
        sentences stay as they are until then). A title left blank is the first
        sentence's, as on import: a blank one was a blank line in the article list.
        `shown`: the properties as the dialog showed them; a field left so keeps what
        another program saved since (it was written over, unsaid), one changed by both is
        refused (`PropertiesChangedMeanwhile`)."""
        kept: frozenset[str] = frozenset()
        if shown is not None:
            metadata, kept = _as_saved_unless_typed(
                metadata, shown, self.repo.articles.article_metadata(article_id)
            )
        # A language or URL left as shown is as saved, another program's maybe, and is
        # not hers to check: one the desk would refuse ("… is not a web address") refused
        # every OK, the dialog showing the one before, which she had not changed.
        if (
            "language" not in kept
            and metadata.language
            and metadata.language not in languages.TABLES
        ):
            raise EditRefused(
                f"The desk has no sentence rules for the language {metadata.language!r}."
            )
        if metadata.url and "url" not in kept:
            metadata = dataclasses.replace(metadata, url=validate_source_url(metadata.url))
        if not metadata.title.strip():
            metadata = dataclasses.replace(metadata, title=self._first_sentence_title(article_id))
        before = self.repo.articles.article_metadata(article_id)
        # The extra fields of an import (a page's description) are not edited here.
        metadata = dataclasses.replace(metadata, extra=before.extra)
        if metadata == before:
            return None
        return self.edits.push(ArticlePropertiesEdit(article_id, before, metadata))

    def _first_sentence_title(self, article_id: int) -> str:
        rows = self.repo.sentences.sentence_rows(article_id)
        return importing.default_title(rows[0].sentence.text) if rows else ""

    def progress(self, article_id: int) -> tuple[int, int]:
        """(reviewed, total) sentences of the article."""
        return self.repo.articles.article_progress(article_id)

    def removal_refusal(self, article_id: int) -> str | None:
        """Why the article may not be removed, in words (None: it may)."""
        if self.repo.imports.recorded_work(article_id):
            return _has_work(listed_title(self.repo.articles.get_article(article_id).title))
        return None

    def remove_article(self, article_id: int) -> Change:
        """Take out an article nothing was recorded on: one undo step, in the history."""
        # As recorded in the history before (shown_title); the window shows it by shown_edit.
        title = shown_title(self.repo.articles.get_article(article_id).title)
        if not title.strip():
            title = UNTITLED
        why = self.removal_refusal(article_id)
        if why is not None:
            raise EditRefused(why)
        stored = self.repo.imports.stored_article(article_id)
        return self.edits.push(
            RemoveArticleEdit(stored, title, description=f"Remove article “{title}”")
        )
