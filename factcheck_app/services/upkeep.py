"""Looking after the open workspace file: check it, and back it up."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.domain.wording import counted
from factcheck_app.services.history import History
from factcheck_app.storage import backups
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.workspace import Workspace


class Upkeep:
    """Integrity checks and backups of one open workspace."""

    def __init__(self, workspace: Workspace, repo: WorkspaceRepository) -> None:
        self.workspace = workspace
        self.repo = repo

    def check(self) -> backups.CheckReport:
        """Integrity and foreign-key check of the open workspace, and of its search index
        (repaired when it is incomplete: it only repeats what the other tables hold)."""
        report = backups.check_database(self.workspace.db.conn)
        if report.ok:
            broken = self.repo.articles.articles_with_broken_text()
            if broken:
                listed = ", ".join(str(i) for i in broken[:10])
                lines = [*report.lines]
                lines.insert(
                    -1,
                    f"Article texts: {counted(len(broken), 'article')} with missing or "
                    "overlapping text "
                    f"(article {listed}); their sentences may show the wrong words. Restore "
                    "the newest backup that checks out (File → Restore from Backup).",
                )
                report = dataclasses.replace(report, ok=False, lines=lines)
            else:
                report.lines.insert(-1, "Article texts: all whole.")
            writable = not self.workspace.read_only
            report.lines.insert(-1, self.repo.search.check_and_repair(writable=writable))
            history = History(self.repo).verify()
            report.lines.insert(-1, history.summary())
            if not history.ok:
                report = dataclasses.replace(report, ok=False)
        return report

    def backup_now(self, reason: str = "manual") -> Path:
        """A backup of the workspace, taken now."""
        if self.workspace.path is None:
            raise WorkspaceError("An in-memory workspace has no backups.")
        return backups.take_backup(self.workspace.db.conn, self.workspace.path, reason)

    def backup_if_due(self) -> None:
        """The rotating automatic backup when the last one is old (and there is work to
        lose); a failure becomes a notice, never an error."""
        path = self.workspace.path
        if path is None or self.workspace.read_only or not self.repo.articles.list_articles():
            return
        if backups.backup_due(path):
            try:
                backups.take_backup(self.workspace.db.conn, path, "auto")
            except WorkspaceError as error:
                self.workspace.notices.append(str(error))
