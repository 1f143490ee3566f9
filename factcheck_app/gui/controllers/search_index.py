"""The search index rebuilt beside the window when it is due: a workspace whose index an
older version made (or whose rebuild was cut short) opened, or Check Workspace found it
damaged; or, in a read-only window whose workspace's index is out of date, its private
index built beside it. Its progress and Cancel are in the status bar; searches wait for
it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from factcheck_app.gui.actions import ActionId, name_cancel_rebuild
from factcheck_app.gui.messages import STATUS_LONG, STATUS_RESULT, STATUS_WARNING

if TYPE_CHECKING:
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.gui.search_panel import SearchPanel
    from factcheck_app.services.upkeep import BackgroundPrivateIndex, BackgroundRebuild

    IndexJob = BackgroundRebuild | BackgroundPrivateIndex

# How a rebuild ended, owed unasked (`gui/notices.py`): a later end's words replace an
# earlier one's still owed ("could not be built", then a retry's "is built").
INDEX_NOTICE = "search index"


class IndexController(QObject):
    """One rebuild of the open workspace's search index at a time, in a thread of its own
    (services/upkeep.py: BackgroundRebuild; a read-only window's private index:
    BackgroundPrivateIndex)."""

    # The rebuild's progress and end, from its thread to the window's (queued).
    _progress = Signal(int, str)
    _ended = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._rebuild: IndexJob | None = None
        self._private = False  # the job (running or last) builds a private index
        self._per_mille = 0  # how far the rebuild running (or the last one stopped) got
        self._stopped = False  # a rebuild stopped before the end: searches may miss rows
        self._progress.connect(self._show_progress)
        # The next turn's search, once a private index is handed over (`_tell`); a timer
        # of the controller's own, gone with it.
        self._search_soon = QTimer(self, singleShot=True, interval=0)
        self._search_soon.timeout.connect(self._after_handover)
        self._ended.connect(self._tell)
        if window.has_desk():  # else from WorkspaceController.attach
            QTimer.singleShot(0, self.start_if_due)

    def running(self) -> bool:
        return self._rebuild is not None

    def start_if_due(self) -> None:
        """Rebuild the index beside the window if it is out of date, damaged, or its rebuild
        was cut short; in a read-only window (which cannot write it), build its private
        index beside it instead, once."""
        window = self._window
        if not window.has_desk() or self._rebuild is not None:
            return
        desk = window.desk
        if desk.closed or desk.path is None:
            return
        if desk.upkeep.rebuild_due():
            self._private = False
            self._rebuild = desk.upkeep.start_rebuild(self._ended.emit, self._progress.emit)
        elif desk.upkeep.private_index_due():
            self._private = True
            self._rebuild = desk.upkeep.start_private_index(self._ended.emit, self._progress.emit)
        else:
            return
        self._per_mille, self._stopped = 0, False
        # "… was stopped at 57 %" is over: it stood beside the progress of the rebuild
        # Check Workspace had started again.
        window.notices.withdraw(INDEX_NOTICE)
        name_cancel_rebuild(window.registry[ActionId.CANCEL_REBUILD], private=self._private)
        window.rebuild_progress.name_for(private=self._private)
        window.rebuild_progress.start(
            "Building the search index…" if self._private else "Rebuilding the search index…"
        )
        window.registry[ActionId.CANCEL_REBUILD].setEnabled(True)
        self.show_in_search()
        if self._private:  # the earlier verdicts are looked up in it: none until it is
            window.panel.earlier.wait_for_index(0)

    def cancel(self) -> None:
        """File → Cancel Index Rebuild (Cancel Index Build in a read-only window) or the
        Cancel button: the rebuild stops after its step under way; the workspace says how
        far it got."""
        if self._rebuild is not None:
            self._rebuild.cancel()
            progress = self._window.rebuild_progress
            progress.set_progress(progress.bar.value(), "Cancelling…")

    def stop(self) -> None:
        """The workspace closes: stop the rebuild (it goes on at the next open) and wait
        for its thread; its end is no longer told."""
        rebuild, self._rebuild = self._rebuild, None
        self._stopped = False  # what the pane says is of the next workspace's index
        if rebuild is not None:
            rebuild.stop()
            self._end()
            self.show_in_search()
            self._window.panel.earlier.wait_for_index(None)

    def _end(self) -> None:
        self._window.rebuild_progress.stop()
        self._window.registry[ActionId.CANCEL_REBUILD].setEnabled(False)

    def _show_progress(self, per_mille: int, stage: str) -> None:
        if self._rebuild is None:  # ended, or stopped by a close
            return
        percent_before = self._per_mille // 10
        self._per_mille = per_mille
        # The percent in words too: the bar of a long rebuild's first minutes looks empty.
        self._window.rebuild_progress.set_progress(per_mille, f"{stage} {per_mille // 10} %")
        if per_mille // 10 != percent_before:
            self.show_in_search()
            if self._private:
                self._window.panel.earlier.wait_for_index(per_mille // 10)

    def _tell(self, rebuild: IndexJob) -> None:
        """The rebuild's thread ended: done, cancelled, or stopped by an error."""
        if rebuild is not self._rebuild:
            return  # of a workspace closed since (its close stopped it)
        self._rebuild = None
        self._end()
        self._stopped = not rebuild.complete
        if self._private:
            self._tell_private(rebuild)
            # The search that waited runs in a turn of its own: handing the index over
            # (a year's: 40 MB copied, 25 ms) and that search (up to 100 ms) made one
            # turn of 190 ms.
            self._search_soon.start()
            return
        percent = self._per_mille // 10
        if rebuild.complete:
            self._window.notices.tell(
                "The search index is rebuilt: a search finds every sentence again.",
                STATUS_RESULT,
                key=INDEX_NOTICE,
            )
        elif rebuild.cancelled:
            self._window.notices.tell(
                f"Rebuilding the search index was stopped at {percent} %: a search may miss "
                "sentences until it is done. It goes on when the workspace is next opened, "
                "or with File → Check Workspace.",
                STATUS_LONG,
                key=INDEX_NOTICE,
            )
        else:
            self._window.notices.tell(
                f"Rebuilding the search index stopped at {percent} %: {rebuild.error} A search "
                "may miss sentences until it is done (File → Check Workspace tries again).",
                STATUS_WARNING,
                key=INDEX_NOTICE,
            )
        self.show_in_search()

    def _after_handover(self) -> None:
        """The turn after a private index was handed over: the search that waited runs,
        and the current sentence's earlier verdicts, which waited for it, are looked up
        (the reviewer need not move to see them)."""
        self.show_in_search()
        window = self._window
        window.panel.earlier.wait_for_index(None)
        if window.has_desk() and not window.desk.closed:
            window.search.look_up_earlier_verdicts()

    def _tell_private(self, job: IndexJob) -> None:
        """A read-only window's private index ended: searched from now on (as far as it
        got, if cancelled), or its failure said."""
        from factcheck_app.domain.errors import FactcheckError
        from factcheck_app.services.upkeep import BackgroundPrivateIndex

        assert isinstance(job, BackgroundPrivateIndex)
        percent = self._per_mille // 10
        image = job.image
        desk = self._window.desk
        error = job.error
        if image is not None and error is None:
            try:
                if not desk.repo.search.adopt_private(image):
                    self._stopped = False  # the workspace's own index is current: searched
                    return
            except FactcheckError as failed:  # no memory for it: said, searches find nothing
                error = str(failed)
        if error is not None:
            desk.repo.search.build_apart_failed()  # the saves noted for it are let go
            self._stopped, self._per_mille = True, 0
            self._window.notices.tell(
                f"The search index could not be built: {error} A search finds nothing in "
                "this window; open the workspace again to try once more.",
                STATUS_WARNING,
                key=INDEX_NOTICE,
            )
        elif job.complete:
            self._window.notices.tell(
                "The search index is built: a search finds every sentence.",
                STATUS_RESULT,
                key=INDEX_NOTICE,
            )
        else:
            self._window.notices.tell(
                f"Building the search index was stopped at {percent} %: a search may miss "
                "sentences. It is built whole when the workspace is next opened.",
                STATUS_LONG,
                key=INDEX_NOTICE,
            )

    def show_in_search(self, panel: SearchPanel | None = None) -> None:
        """Tell the search pane (if made) whether searches wait for the index, or may
        miss sentences of an index only partly rebuilt."""
        panel = panel or self._window.existing_search_panel()
        if panel is None:
            return
        percent = self._per_mille // 10
        if self._rebuild is not None:
            panel.wait_for_index(percent, built="built" if self._private else "rebuilt")
        else:
            panel.index_ready(
                percent if self._stopped else None, built="built" if self._private else "rebuilt"
            )
