"""A writing session: marked in the workspace while it is open, so that the next open
knows when the last one ended in a crash and shows what it saved."""

from __future__ import annotations

import contextlib
import os
import socket

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.services.importer import ArticleImporter
from factcheck_app.storage.repositories import WorkspaceRepository

SESSION_OPEN = "session.open"
SESSION_FIRST_HISTORY = "session.first_history_id"


class Session:
    """The session mark of one writing desk."""

    def __init__(self, repo: WorkspaceRepository, importer: ArticleImporter) -> None:
        self.repo = repo
        self.importer = importer
        self.mark = f"{os.getpid()}@{socket.gethostname()}"
        # Edits saved in a session that never closed properly (crash, kill, power cut):
        # they are all in the workspace, but the reviewer may not have seen them confirmed.
        self.unconfirmed_edits: list[dict[str, object]] = []

    def start(self) -> None:
        """Mark the workspace open; a mark still there at the next open means a crash.

        Only one process writes at a time (the writer lock), so a mark found here was left
        by a writer that died; the mark this desk writes is removed only by this process.
        """
        if self.repo.settings.get_setting(SESSION_OPEN) is not None:
            since = _int_or_zero(self.repo.settings.get_setting(SESSION_FIRST_HISTORY))
            self.unconfirmed_edits = self.repo.history.history_since(since, limit=10)
        for article_id in self.repo.imports.unfinished_articles():  # an import a crash cut short
            self.importer.discard_unfinished(article_id)
        with self.repo.db.atomic():
            self.repo.settings.set_setting(SESSION_OPEN, self.mark)
            self.repo.settings.set_setting(
                SESSION_FIRST_HISTORY, str(self.repo.history.last_history_id())
            )

    def end(self) -> None:
        """Remove this session's mark: the next open will not report a crash. On a write
        error (disk full) the next open just reports the session as unclosed; a mark
        another process wrote is never ours to remove."""
        with contextlib.suppress(WorkspaceError):
            if self.repo.settings.get_setting(SESSION_OPEN) == self.mark:
                self.repo.settings.delete_setting(SESSION_OPEN)


def _int_or_zero(value: str | None) -> int:
    """A stored counter; anything else (damaged, hand-edited) counts as none."""
    try:
        return int(value or 0)
    except ValueError:
        return 0
