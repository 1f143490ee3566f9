"""The Export dialog's *All articles* in ClaimReview: every article's validator findings,
read beside the window before anything is exported.

Each article's file is refused when `claimreview.check` finds an error in it (nothing to
publish, a claim that states its verdict…). Checking only the article the dialog was
opened on told nothing of the others until after the export, and an error in that one
article disabled Export for all of them. Reading a year's 5,000 articles takes seconds,
so a worker thread reads them through a read-only connection of its own
(`Desk.reading_apart`), as the export itself does, and says what it found; the window
only shows it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.gui.messages import error_text
from factcheck_app.services.desk import Desk
from factcheck_app.services.every_article import ArticleFindings, claimreview_findings
from factcheck_app.services.reports.model import (
    ExportCancelled,
    Publishing,
    load_article_report,
)

logger = logging.getLogger(__name__)

# Progress is told every this many articles: one signal per article of 5,000 kept the
# window's thread busy repainting a count nobody can read that fast.
PROGRESS_EVERY = 50


class FindingsWorker(QObject):
    """Reads every article of `workspace` apart and runs the validator on each."""

    progress = Signal(int, int)
    found = Signal(object)  # list[ArticleFindings]
    failed = Signal(str)
    done = Signal()

    def __init__(self, workspace: Path, publishing: Publishing) -> None:
        super().__init__()
        self._workspace = workspace
        self._publishing = publishing
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def _progress(self, done: int, total: int) -> None:
        if done % PROGRESS_EVERY == 0 or done == total:
            self.progress.emit(done, total)

    @Slot()
    def run(self) -> None:
        try:
            with Desk.reading_apart(self._workspace) as reader:
                ids = [summary.id for summary in reader.repo.articles.list_articles()]
                self.progress.emit(0, len(ids))
                findings = claimreview_findings(
                    ids,
                    lambda i: load_article_report(reader, i, publishing=self._publishing),
                    progress=self._progress,
                    cancel=self._stop.is_set,
                )
        except ExportCancelled:
            pass
        except (FactcheckError, OSError) as error:
            logger.warning("Checking every article failed: %s", error_text(error))
            self.failed.emit(error_text(error))
        except Exception as error:  # a bug must not kill the thread silently
            logger.exception("Checking every article failed unexpectedly")
            self.failed.emit(f"Unexpected error while checking the articles ({error!r}).")
        else:
            self.found.emit(findings)
        finally:
            self.done.emit()


class EveryArticleFindings(QObject):
    """Every article's findings for one fact-check URL pattern: checked once, in a worker,
    kept while the pattern stays (the choice toggled back and forth reads nothing again).
    `changed` is emitted on progress, on the result and on a failure."""

    changed = Signal()

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._thread: QThread | None = None
        self._worker: FindingsWorker | None = None
        # Checks given up (the pattern changed) that have not ended yet: each ends before
        # its next article; waited for only when the dialog closes.
        self._retired: list[tuple[FindingsWorker, QThread]] = []
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self._start)
        self.publishing: Publishing | None = None  # what the findings are (being) made for
        self.findings: list[ArticleFindings] | None = None  # None until checked
        self.checked = 0
        self.total = 0
        self.failure = ""

    @property
    def running(self) -> bool:
        """Is a check on its way (waiting to start, or reading)?"""
        return self._thread is not None or self._soon.isActive()

    def check(self, publishing: Publishing, *, delay_ms: int = 0) -> None:
        """Find every article's errors under `publishing`, unless found (or being found)
        already: only its URL pattern changes what an article's check finds (the
        publisher's name is said once for all, by the dialog). `delay_ms`: while the
        pattern is typed, a check starts once the typing pauses, not at every key."""
        if self.publishing is not None and self.publishing.url_pattern == publishing.url_pattern:
            return
        self._retire()
        self.publishing, self.findings, self.failure = publishing, None, ""
        self.checked = self.total = 0
        self._soon.start(delay_ms)

    @Slot()
    def _start(self) -> None:
        publishing = self.publishing
        assert publishing is not None
        if self._desk.path is None:  # an in-memory workspace: nothing to read apart
            ids = [summary.id for summary in self._desk.articles.list_articles()]
            self.findings = claimreview_findings(
                ids, lambda i: load_article_report(self._desk, i, publishing=publishing)
            )
            self.checked = self.total = len(ids)
            self.changed.emit()
            return
        worker = FindingsWorker(self._desk.path, publishing)
        worker.progress.connect(self._on_progress)
        worker.found.connect(self._on_found)
        worker.failed.connect(self._on_failed)
        worker.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        # Python owns the worker (as the export's): dropped once its thread has ended.
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.done.connect(thread.quit)
        self._worker, self._thread = worker, thread
        thread.start()

    def _retire(self) -> None:
        """Give up the check running, without waiting for it (it may be opening the
        workspace, which takes half a second on a big one): it stops before its next
        article and its thread is dropped once it ended."""
        self._soon.stop()
        worker, thread = self._worker, self._thread
        self._thread = self._worker = None
        if worker is None or thread is None:
            return
        worker.progress.disconnect(self._on_progress)
        worker.found.disconnect(self._on_found)
        worker.failed.disconnect(self._on_failed)
        worker.done.disconnect(self._on_done)
        worker.cancel()
        pair = (worker, thread)
        self._retired.append(pair)
        thread.finished.connect(lambda: self._forget(pair), Qt.ConnectionType.QueuedConnection)

    def _forget(self, pair: tuple[FindingsWorker, QThread]) -> None:
        if pair in self._retired:
            self._retired.remove(pair)
            pair[1].wait()
            pair[1].deleteLater()

    def let_go(self) -> None:
        """Give up a check still running, without waiting for it (an export starts: a
        check for ClaimReview left running after switching to PDF took a core from it).
        Findings already made are kept."""
        if self.running:
            self._retire()
            self.publishing = None

    def stop(self) -> None:
        """Stop every check and wait for their threads (the dialog closes)."""
        self._retire()
        self.publishing = None
        for worker, thread in self._retired:
            worker.cancel()
            thread.quit()
            thread.wait()
            thread.deleteLater()
        self._retired.clear()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.checked, self.total = done, total
        self.changed.emit()

    @Slot(object)
    def _on_found(self, findings: Sequence[ArticleFindings]) -> None:
        self.findings = list(findings)
        self.checked = self.total = len(self.findings)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.failure = message

    @Slot()
    def _on_done(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()  # `done` was emitted: only the thread's last steps are left
            self._thread.deleteLater()
        self._thread = self._worker = None
        self.changed.emit()
