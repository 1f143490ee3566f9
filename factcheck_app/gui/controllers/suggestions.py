"""The assist's suggestions for the open article, computed a small step at a time."""

from __future__ import annotations

import logging
from collections.abc import Generator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from factcheck_app.gui.messages import STATUS_LONG
from factcheck_app.gui.models import SentenceFilter
from factcheck_app.gui.workers import ModelLoadJob, run_in_background

if TYPE_CHECKING:
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.assist import SentenceSuggestion

logger = logging.getLogger(__name__)

SUGGEST_DELAY_MS = 600  # after an article opens: let the window paint and take keys first
RESUME_AFTER_KEYS_MS = 300  # the steps go on once keys pause this long


class SuggestionScheduler(QObject):
    """Computes the suggestions for the sentences the window shows and hands them to its
    sentence model, without ever holding up a key press.

    Not in a thread: the work is pure Python, and sharing the interpreter lock with it made
    key presses wait up to 60 ms; steps of ~50 sentences cost a few ms each, one per turn
    of the event loop.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.delay_timer = QTimer(self, singleShot=True, interval=SUGGEST_DELAY_MS)
        self.delay_timer.timeout.connect(self.start)
        self._tick = QTimer(self, interval=0)  # one step per event-loop turn
        self._tick.timeout.connect(self._step)
        # While the reviewer moves and tags, the steps wait: each would add a few ms to a
        # key press (a 10,000-sentence article takes a few seconds of them).
        self._resume = QTimer(self, singleShot=True, interval=RESUME_AFTER_KEYS_MS)
        self._resume.timeout.connect(self._continue)
        self._steps: Generator[int, None, dict[int, SentenceSuggestion]] | None = None
        self._steps_for: object = None  # the model's rows the steps work on
        self._language = ""  # the open article's language (issue 18)
        self._model_job: ModelLoadJob | None = None
        # The assist is imported (its rules compile ~25 ms of regular expressions) and its
        # weights read in a worker thread, the first time suggestions start: not at start-up,
        # where the window paints without it, and never in the middle of key presses.
        self._assist_loaded = False

    def schedule(self, language: str) -> None:
        """An article was (re)loaded: suggest for it once the window has painted and
        settled, not during start-up."""
        self._language = language
        # Steps still going are for rows the model no longer holds (their result would be
        # thrown away): drop them now. Kept until the new start, which every key puts off,
        # they held the last article's rows and analyses (a 10,000-sentence article: ~20 MB)
        # and went on using the reviewer's pauses for nothing.
        self._drop_steps()
        self.delay_timer.start()

    def _drop_steps(self) -> None:
        self._tick.stop()
        self._resume.stop()
        self._steps = None
        self._steps_for = None

    def running(self) -> bool:
        """Computing, or loading the assist to compute with."""
        return self._steps is not None or (self._model_job is not None and not self._assist_loaded)

    def start(self) -> None:
        """Start computing now for the rows the sentence model holds."""
        model = self._window.sentence_model
        rows = model.rows()
        if self._window.article_id is None or not rows:
            return
        if not self._assist_loaded:
            self._load_assist()  # starts the suggestions again when it is done
            return
        from factcheck_app.services.assist import suggest_steps_for_rows  # loaded by now

        self._steps = suggest_steps_for_rows(rows, language=self._language)
        self._steps_for = model.rows_token()  # these rows, not later ones
        self._tick.start()

    def _load_assist(self) -> None:
        """Import the assist and read the check-worthiness weights in a worker thread,
        once: start-up and keys never wait for either."""
        if self._model_job is not None:
            return
        job = ModelLoadJob()
        job.finished.connect(self._assist_arrived)  # queued into the GUI thread
        self._model_job = job
        run_in_background(job.run, "checkworthiness-weights")

    def _assist_arrived(self) -> None:
        self._assist_loaded = True
        from factcheck_app.services.assist import checkworthiness_missing, weights_missing_note

        if checkworthiness_missing():  # an installation without its weights: said once
            logger.warning("Check-worthiness: %s", weights_missing_note(path=True))
            self._window.statusBar().showMessage(weights_missing_note(), STATUS_LONG)
        self.start()

    def hurry(self) -> None:
        """The reviewer asked for what the suggestions give (Shift+N, the check-worthy
        order): start them now, or go on with them, instead of waiting for a pause."""
        if self.delay_timer.isActive():
            self.delay_timer.stop()
            self.start()
        elif self._steps is not None and not self._tick.isActive():
            self._resume.stop()
            self._tick.start()

    def pause(self) -> None:
        """The reviewer is at work: hold the steps until a short pause in their keys, and
        count the start's delay again from this key (loading the assist in its worker
        shares the interpreter lock with the window: under keys, presses took 30–60 ms)."""
        if self.delay_timer.isActive():
            self.delay_timer.start()
        if self._steps is not None:
            self._tick.stop()
            self._resume.start()

    def _continue(self) -> None:
        if self._steps is not None:
            self._tick.start()

    def _step(self) -> None:
        if self._steps is None:
            self._tick.stop()
            return
        try:
            next(self._steps)
        except StopIteration as finished:
            current = self._steps_for is self._window.sentence_model.rows_token()
            self._drop_steps()  # the token is the rows list itself: not kept past its use
            if current:
                self._show(finished.value)

    def _show(self, suggestions: dict[int, SentenceSuggestion]) -> None:
        window = self._window
        window.sentence_model.set_suggestions(suggestions)
        if window.sentence_filter.mode is SentenceFilter.CHECKWORTHY:  # sort by the new scores
            window.navigation.apply_filter(window.filter_box.currentIndex())
        row = window.current_row()
        if row is not None:
            window.panel.show_hint(window.sentence_model.suggestion(row.sentence.id))
