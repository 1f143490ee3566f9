"""Looking after the open workspace file: check it, and back it up."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
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
        self.background: BackgroundBackup | None = None

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

    def _backup_due(self) -> Path | None:
        """The workspace's path when its automatic backup is due (an old last backup, and
        work to lose)."""
        path = self.workspace.path
        if path is None or self.workspace.read_only or not self.repo.articles.has_articles():
            return None
        return path if backups.backup_due(path) else None

    def backup_if_due(self) -> None:
        """The rotating automatic backup when the last one is old (and there is work to
        lose); a failure becomes a notice, never an error."""
        path = self._backup_due()
        if path is not None:
            try:
                backups.take_backup(self.workspace.db.conn, path, "auto")
            except WorkspaceError as error:
                self.workspace.notices.append(str(error))

    def start_backup_if_due(
        self, on_done: Callable[[BackgroundBackup], None] | None = None
    ) -> BackgroundBackup | None:
        """`backup_if_due` in a thread of its own (the window's): a year's workspace of
        170 MB took 0.3-2 s to copy, all of it before the window answered a key. The
        window keeps saving meanwhile; the backup holds the workspace as it was when it
        began. `on_done` is called in that thread when it ends (made, failed or stopped).
        Closing the workspace stops it (`stop_backup`)."""
        path = self._backup_due()
        return None if path is None else self.start_backup("auto", on_done)

    def start_backup(
        self, reason: str = "manual", on_done: Callable[[BackgroundBackup], None] | None = None
    ) -> BackgroundBackup:
        """A backup made now in a thread of its own (File → Back Up Now: 0.3 s to seconds
        of a year's workspace on the window's thread); one under way is stopped first."""
        if self.workspace.path is None:
            raise WorkspaceError("An in-memory workspace has no backups.")
        self.stop_backup()
        self.background = BackgroundBackup(self.workspace.path, on_done, reason)
        self.background.start()
        return self.background

    def stop_backup(self, *, finish_asked_for: bool = False) -> None:
        """Stop a background backup under way (nothing of it is left) and wait for it.
        `finish_asked_for` (closing the workspace): one the reviewer asked for (Back Up
        Now, told "Backing up …") is let finish instead: quitting right after it threw
        it away without a word."""
        if self.background is not None:
            if finish_asked_for and self.background.reason == "manual":
                self.background.finish()
            else:
                self.background.stop()
            self.background = None


class BackgroundBackup:
    """One automatic backup in a thread, through a connection of its own."""

    def __init__(
        self,
        path: Path,
        on_done: Callable[[BackgroundBackup], None] | None,
        reason: str = "auto",
    ) -> None:
        self.path = path
        self.reason = reason
        self.made: Path | None = None
        self.error: str | None = None  # why no backup was made, in words
        self.cancelled = False
        self._on_done = on_done
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="automatic backup", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        self._stop.set()
        self.finish()

    def finish(self) -> None:
        """Wait for the backup to end by itself."""
        if self._thread.ident is not None:
            self._thread.join()

    def _run(self) -> None:
        try:
            self.made = backups.take_backup_on_own_connection(
                self.path, self.reason, cancelled=self._stop.is_set
            )
        except backups.BackupCancelled:
            self.cancelled = True
        except WorkspaceError as error:
            self.error = str(error)
        finally:
            if self._on_done is not None:
                self._on_done(self)
