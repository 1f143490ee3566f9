"""What Stop the Import and Quit left in the workspace, taken out beside the window at the
next open: the part of a big file saved before the quit, hidden (never listed, searched,
counted or exported) until its last row is gone. Taken out on the window's thread, the
open showed nothing for as long as the saving had taken: 9 s for 270,000 sentences, over
a minute for a 150 MB file; the desk was taken for hung and killed again."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path

from factcheck_app.domain.errors import Cancelled, WorkspaceError
from factcheck_app.services.importer import ArticleImporter
from factcheck_app.services.upkeep import BackgroundJob
from factcheck_app.storage import workspace as workspace_files
from factcheck_app.storage.repositories import WorkspaceRepository

Progress = Callable[[int, str], None]  # per mille done, the stage in words


class BackgroundRemoval(BackgroundJob):
    """The hidden articles of imports a quit stopped (`articles`: id and file name),
    removed in a thread of its own through a writing connection of its own, in slices as
    short as their writing was (`ArticleImporter.discard_unfinished`), each its own
    transaction: the window's saves go first. Stopped (Quit, another workspace opened)
    between two slices; whatever is left stays hidden, as a kill leaves it, and the next
    open for editing goes on with it. `on_done` and `progress` are called in that
    thread."""

    def __init__(
        self,
        path: Path,
        articles: Sequence[tuple[int, str]],
        on_done: Callable[[BackgroundRemoval], None],
        progress: Progress | None = None,
    ) -> None:
        super().__init__("removal of a stopped import")  # stopped after its slice under way
        self.path = path
        self.articles = list(articles)
        self.complete = False  # every one of them removed
        self._on_done = on_done
        self._progress = progress

    def _run(self) -> None:
        try:
            workspace = workspace_files.open_writer(self.path)
            try:
                self._remove(WorkspaceRepository(workspace.db))
            finally:
                workspace.close()
        except Cancelled:
            self.cancelled = True
        except WorkspaceError as error:
            self.error = str(error)
        except Exception:
            # A bug: the window still hears the job ended (its progress goes), and the
            # exception goes on to the crash hook, which logs it.
            self.error = "an unexpected error stopped the removal."
            raise
        finally:
            self._on_done(self)

    def _remove(self, repo: WorkspaceRepository) -> None:
        # Only what is still hidden: nothing else writes them, but the ids were read by
        # another connection.
        still = {article_id for article_id, _name in repo.imports.unfinished_articles()}
        articles = [(a, name) for a, name in self.articles if a in still]
        left = {a: repo.merging.sentence_count(a) for a, _name in articles}  # read once
        total = sum(left.values()) or 1
        importer = ArticleImporter(repo)
        done = 0
        with repo.db.atomic():
            repo.search.defer_merges()  # as while they were written
        try:
            # A power cut may lose the last slices: the next open removes them again.
            with repo.db.unsynced_commits():
                for article_id, name in articles:
                    stage = f"Removing stopped import: {name}"

                    def tell(removed: int, stage: str = stage, before: int = done) -> None:
                        if self._progress is not None:
                            self._progress(min(1000 * (before + removed) // total, 1000), stage)
                        if self._stop.is_set():
                            raise Cancelled("Removal of a stopped import stopped.")

                    tell(0)
                    done += left[article_id]
                    importer.discard_unfinished(article_id, progress=tell)
            self.complete = True
        finally:
            with contextlib.suppress(WorkspaceError), repo.db.atomic():
                repo.search.resume_merges()
