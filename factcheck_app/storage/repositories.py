"""Map workspace rows to domain objects and back. No business rules, no transactions of its own:
callers (services) wrap multi-step writes in `db.atomic()`.

`WorkspaceRepository` puts together one store per kind of row (`storage/stores/`):

    repo.articles    article rows and text          stores/articles.py
    repo.imports     writing an import, slice by slice   stores/imports.py
    repo.sentences   sentence spans, with their reviews  stores/sentences.py
    repo.reviews     decided reviews, reviewers' versions   stores/reviews.py
    repo.sign_offs   editors' sign-offs             stores/sign_offs.py
    repo.sources     sources and sentence links     stores/sources.py
    repo.settings    key/value settings             stores/settings.py
    repo.history     the hash-chained edit history  stores/history.py
    repo.held        what a step's sentences hold, for its undo's check   stores/held.py
    repo.merging     what a merge reads and writes beyond the other stores   stores/merging.py
    repo.team        reviewers' versions across articles, for agreement   stores/team_review.py
    repo.search      the full-text index            search.py

Every write that changes what a sentence says, or what its review and sources say, also
tells the full-text index, inside the caller's transaction."""

from __future__ import annotations

from factcheck_app.storage import older_schema
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.search import SearchIndex
from factcheck_app.storage.stores.articles import ArticleStore
from factcheck_app.storage.stores.held import HeldStore
from factcheck_app.storage.stores.history import HistoryStore
from factcheck_app.storage.stores.imports import ImportStore
from factcheck_app.storage.stores.merging import MergeStore
from factcheck_app.storage.stores.reviews import ReviewStore
from factcheck_app.storage.stores.rows import UNFINISHED, UNFINISHED_PREFIX, now_iso
from factcheck_app.storage.stores.sentences import SentenceStore
from factcheck_app.storage.stores.settings import SettingsStore
from factcheck_app.storage.stores.sign_offs import SignOffStore
from factcheck_app.storage.stores.sources import SourceStore
from factcheck_app.storage.stores.team_review import TeamReviewStore

__all__ = ["UNFINISHED", "UNFINISHED_PREFIX", "WorkspaceRepository", "now_iso"]


class WorkspaceRepository:
    """All SQL the app runs lives in these stores (and, for the full-text index, in
    `search.py`)."""

    def __init__(self, db: WorkspaceDatabase) -> None:
        self.db = db
        self.search = SearchIndex(db)
        self.articles = ArticleStore(db)
        self.sentences = SentenceStore(db, self.articles, self.search)
        self.imports = ImportStore(db, self.articles, self.sentences, self.search)
        self.reviews = ReviewStore(db, self.search)
        self.sign_offs = SignOffStore(db)
        self.sources = SourceStore(db, self.search)
        self.settings = SettingsStore(db)
        self.history = HistoryStore(db)
        self.held = HeldStore(db)
        self.merging = MergeStore(db, self.search)
        self.team = TeamReviewStore(db)

    def data_version(self) -> int:
        """A number that changes whenever another connection commits. An older workspace
        open read-only that another desk has migrated meanwhile is read as migrated from
        here on (see older_schema.keep_up)."""
        version = int(self.db.execute("PRAGMA data_version").fetchone()[0])
        older_schema.keep_up(self.db)
        return version
