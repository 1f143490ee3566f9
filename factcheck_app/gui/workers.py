"""Slow work off the GUI thread: importing article files with progress and cancel, and
reading the check-worthiness model's weights."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from factcheck_app.domain.errors import Cancelled, FactcheckError, StoppedToQuit, WorkspaceFull
from factcheck_app.domain.own_reports import OwnReport
from factcheck_app.domain.printable import set_apart, shown_file_name, shown_line
from factcheck_app.domain.wording import counted, figure

if TYPE_CHECKING:  # the window is painted before the services are imported (gui/app.py)
    from factcheck_app.services.desk import Desk, ImportResult


# Refusals a batch import's box names before it counts the rest (fewer when a large font
# would take the box past the screen's edge: gui/controllers/imports.py).
REFUSALS_NAMED = 10


@dataclass(frozen=True)
class Refusal:
    """One file an import refused: `line` names it and says why; `advice`, what to do
    about it ("" for nothing), kept apart so that a batch's box can say it once."""

    line: str
    advice: str = ""

    @property
    def whole(self) -> str:
        """The refusal with its advice: for Show Details, Recent Messages, a box of one."""
        return f"{self.line} {self.advice}" if self.advice else self.line


@dataclass
class ImportOutcome:
    """What a batch import did, file by file."""

    imported: list[ImportResult] = field(default_factory=list)
    # The file each of `imported` was read from, in the same order (empty for a paste).
    read_from: list[Path] = field(default_factory=list)
    problems: list[Refusal] = field(default_factory=list)
    cancelled: bool = False
    # Cancelled: the file being read when it was, and those after it (none came in).
    left_out: list[Path] = field(default_factory=list)

    def status_line(self, *, named: bool = False) -> str:
        """One line for the status bar: what came in, counted right (new articles and
        their sentences, those already there, refusals). `named`: one article is named
        even beside how its bytes were read (it was not opened)."""
        if len(self.imported) == 1 and not self.problems:
            only = self.imported[0]
            sentences = counted(only.sentence_count, "sentence")
            title = set_apart(short_title(only.title))
            if only.duplicate:
                return f"“{title}” is already in the workspace ({sentences})."
            if only.reading_note:
                # How its bytes were read (a guess at their encoding), said once, here;
                # in place of the title and the count, which the opened article shows:
                # with either, the advice was cut off at 16 pt in a 1024-pixel window.
                # Loaded by the import by now: not before the window's first paint.
                from factcheck_app.domain.importing import SHORT_READING_NOTES

                short = SHORT_READING_NOTES.get(only.reading_note)
                if short and not named:
                    return f"Imported {short}."
                named_it = f" “{title}”:" if named else ""
                return f"Imported{named_it} {sentences}, {only.reading_note}."
            if only.reads_as:
                # Split in the language its file declared, though it reads as another: in
                # place of the title and the count, as above, to fit; whole in Recent
                # Messages (`language_lines`).
                if named:
                    return f"Imported “{title}”: {sentences}, {only.language_note}."
                from factcheck_app.domain.languages import language_name
                from factcheck_app.gui.actions import ActionId, first_key_text

                key = first_key_text(ActionId.ARTICLE_PROPERTIES)
                return (
                    f"Split as {language_name(only.split_as)} (its front matter): reads as "
                    f"{language_name(only.reads_as)}? {key}."
                )
            return f"Imported “{title}”: {sentences}."
        new = [r for r in self.imported if not r.duplicate]
        parts = []
        if new:
            total = sum(r.sentence_count for r in new)
            parts.append(f"Imported {counted(len(new), 'article')} ({counted(total, 'sentence')})")
        if len(self.imported) > len(new):
            parts.append(f"{len(self.imported) - len(new)} already in the workspace")
        if self.problems:
            parts.append(f"{len(self.problems)} refused")
        guessed = sum(1 for r in self.imported if r.reading_note and not r.duplicate)
        if guessed:
            # Which ones, and what to do, are kept in Recent Messages (`reading_lines`).
            from factcheck_app.gui.actions import ActionId, first_key_text

            key = first_key_text(ActionId.RECENT_MESSAGES)
            which = "its letters: {} names it" if guessed == 1 else "their letters: {} lists them"
            parts.append(f"{guessed} not in UTF-8, check {which.format(key)}")
        declared = sum(1 for r in self.imported if r.reads_as and not r.duplicate)
        if declared:  # which ones, in Recent Messages (`language_lines`)
            from factcheck_app.gui.actions import ActionId, first_key_text

            key = first_key_text(ActionId.RECENT_MESSAGES)
            which = "names it" if declared == 1 else "lists them"
            parts.append(
                f"{declared} split as its front matter says, not as it reads: {key} {which}"
            )
        return "; ".join(parts) + "." if parts else ""

    def language_lines(self) -> list[str]:
        """A line for each new article split in the language its file declared (a front
        matter's `lang`) though its text reads as another: its file, its title, and where
        to change it. Kept for a single file too: its status line is short, to fit."""
        from factcheck_app.gui.actions import ActionId, first_key_text

        key = first_key_text(ActionId.ARTICLE_PROPERTIES)
        files = [*self.read_from, *([None] * len(self.imported))]
        return [
            f"{shown_file_name(path.name) + ' ' if path else ''}"
            f"(“{set_apart(shown_line(result.title))}”): {result.language_note}; "
            f"File → Article Properties… ({key}) sets its language and offers to re-split it."
            for result, path in zip(self.imported, files, strict=False)
            if result.reads_as and not result.duplicate
        ]

    def reading_lines(self) -> list[str]:
        """A line for each new article of a batch whose bytes were not UTF-8: its file, its
        title and the encoding guessed, with what to do. The status line counted them and
        named none, and each one's text needs checking for misread letters."""
        if len(self.imported) + len(self.problems) <= 1:
            return []  # one file: the status line says it of the article it opened
        # Cleaned here: kept, they pass no status bar (`message_text`).
        return [
            f"Not in UTF-8: {shown_file_name(path.name)} "
            f"(“{set_apart(shown_line(result.title))}”), {result.reading_note}."
            for result, path in zip(self.imported, self.read_from, strict=False)
            if result.reading_note and not result.duplicate
        ]

    def summary(self, named: int = REFUSALS_NAMED) -> tuple[str, str]:
        """Imported / already there / refused (with why), for a batch import's box, and
        every refusal, one a line, for its Show Details (to copy; '' when none). The text
        names the first `named` refusals and counts the rest: a folder of 40 scans named
        every one, a box taller than the screen, its OK button out of sight."""
        new = [r for r in self.imported if not r.duplicate]
        lines = [
            f"Imported: {len(new)}",
            f"Already in the workspace: {len(self.imported) - len(new)}",
            f"Refused: {len(self.problems)}",
        ]
        if self.cancelled:
            lines.append(f"Cancelled before the end: {self._not_in()}.")
        if not self.problems:
            return "\n".join(lines), ""
        lines += ["", *_advice_once(self.problems[:named])]
        more = len(self.problems) - named
        if more > 0:
            lines.append(
                f"And {counted(more, 'more file')} {'was' if more == 1 else 'were'} refused "
                "(Show Details lists every one, with why, to copy)."
            )
        return "\n".join(lines), "\n".join(problem.whole for problem in self.problems)

    def cancelled_line(self) -> str:
        """The status bar's words for a cancelled import (no full stop): which files did
        not come in. "The file being read was not imported" was all a cancelled folder
        import said, and the files after it were taken for imported too. Short, the
        files first: at 16 pt a 1024-pixel window's status bar shows some 70 letters."""
        if len(self.left_out) <= 1 and not (self.imported or self.problems):
            return "Import cancelled: the file being read was not imported"
        return f"Import cancelled: {self._not_in()}"

    def _not_in(self) -> str:
        """What a cancel left out: "4 of 6 files not imported, from c.txt on"."""
        if not self.left_out:
            return "the file being read was not imported"
        total = len(self.imported) + len(self.problems) + len(self.left_out)
        return (
            f"{figure(len(self.left_out))} of {counted(total, 'file')} not imported, "
            f"from {shown_file_name(self.left_out[0].name)} on"
        )


# A title this long in the status bar still leaves its sentence count in sight in a
# 1024-pixel window: a 120-character one pushed the count under the reviewed counter.
STATUS_TITLE_CHARS = 60


def short_title(title: str, limit: int = STATUS_TITLE_CHARS) -> str:
    """`title` cut to `limit` characters, ending in "…" when cut."""
    if len(title) <= limit:
        return title
    return title[: limit - 1].rstrip(" …") + "…"


def _advice_once(problems: list[Refusal]) -> list[str]:
    """The refusals, each advice said after the last refusal it is for only: the way in
    of the desk's own reports (paste its text), said after each, took a folder's box
    three lines a report, and pushed reports out of it to be counted. Show Details keeps
    every line whole."""
    last = {problem.advice: i for i, problem in enumerate(problems) if problem.advice}
    return [
        problem.whole if problem.advice and last[problem.advice] == i else problem.line
        for i, problem in enumerate(problems)
    ]


def refusal(path: Path, error: FactcheckError) -> Refusal:
    """Why `path` was not imported, naming it: a batch's box listed "The disk is full …"
    once per file, and nobody could tell which files to import again."""
    if isinstance(error, OwnReport):  # its way in, apart: said once in a batch's box
        why, advice = error.told(advice=False), error.advice
    else:
        why, advice = str(error), ""
    shown = shown_file_name(path.name)
    return Refusal(why.replace(path.name, shown) if path.name in why else f"{shown}: {why}", advice)


class ImportJob(QObject):
    """Imports files into a workspace through its own connection, run in a worker thread.

    SQLite connections must not be shared between threads; WAL lets this writer work
    while the window's connection stays open for reading.
    """

    progress = Signal(int, str)  # per mille done, stage in words
    finished = Signal(object)  # ImportOutcome

    def __init__(self, desk: Desk, paths: list[Path]) -> None:
        super().__init__()
        self._desk = desk  # the window's: only asked for a helper connection
        self._paths = paths
        self._cancel = threading.Event()
        self._quitting = threading.Event()
        self._reading = 0  # index in `paths` of the file being imported
        self.outcome: ImportOutcome | None = None  # once the job has ended

    def cancel(self, quitting: bool = False) -> None:
        """Ask the job to stop; the file being imported is rolled back. `quitting`: at its
        next step, even in that removal; what it wrote stays hidden, for the next open
        (`StoppedToQuit`)."""
        if quitting:
            self._quitting.set()
        self._cancel.set()

    def not_yet_in(self) -> list[Path]:
        """The file being imported and those after it: what cancelling now leaves out."""
        return self._paths[self._reading :]

    @Slot()
    def run(self) -> None:
        # A big import makes hundreds of thousands of objects (sentence spans, index
        # words). The full collections they set off scanned every object with the
        # interpreter lock held, 0.25-0.74 s each (bench_import_saves), while the window's
        # key presses waited. They form no reference cycles (reference counting frees
        # them), so the cyclic collector rests while the job runs.
        # The collector is back before the window hears the job is done (unless another
        # job, a summary export, still holds it off: services/collecting.py).
        from factcheck_app.services.collecting import collections_held

        outcome = ImportOutcome()
        try:
            with collections_held():
                self._run(outcome)
        finally:
            self.outcome = outcome  # for a window that waited for the thread (quitting)
            self.finished.emit(outcome)

    def _run(self, outcome: ImportOutcome) -> None:
        from factcheck_app.services.importer import UNDOING

        try:
            desk = self._desk.open_helper()
        except FactcheckError as error:
            outcome.problems.append(Refusal(str(error)))
            return
        try:
            count = len(self._paths)
            for index, path in enumerate(self._paths):
                self._reading = index

                def report(fraction: float, stage: str, index: int = index) -> None:
                    if self._quitting.is_set():
                        raise StoppedToQuit("Import stopped: the desk is quitting.")
                    # Its removal, once cancelled, is shown going: not stopped again.
                    if self._cancel.is_set() and not stage.startswith(UNDOING):
                        raise Cancelled("Import cancelled.")
                    self.progress.emit(int(1000 * (index + fraction) / count), stage)

                try:
                    outcome.imported.append(desk.importer.import_file(path, progress=report))
                    outcome.read_from.append(path)
                except Cancelled:
                    outcome.cancelled = True
                    outcome.left_out = self._paths[index:]
                    break
                except WorkspaceFull as error:
                    # Each later file would be read only to be refused the same way.
                    outcome.problems.append(refusal(path, error))
                    outcome.problems += [
                        Refusal(
                            f"{shown_file_name(later.name)}: not imported either: the disk is full."
                        )
                        for later in self._paths[index + 1 :]
                    ]
                    break
                except FactcheckError as error:
                    outcome.problems.append(refusal(path, error))
                except Exception:
                    # A bug: the window still hears the job ended (its progress closes), and
                    # the exception goes on to the crash hook, which logs and tells it.
                    outcome.problems.append(
                        Refusal(
                            f"{shown_file_name(path.name)}: an unexpected error stopped the import."
                        )
                    )
                    raise
        finally:
            desk.close()


class ModelLoadJob(QObject):
    """Imports the assist (its rules compile ~25 ms of regular expressions) and reads the
    check-worthiness weights once, in a worker thread, so that the window never waits for
    either; `finished` tells the window it can compute suggestions."""

    finished = Signal()

    @Slot()
    def run(self) -> None:
        from factcheck_app.services.assist import load_checkworthiness

        load_checkworthiness()
        self.finished.emit()


def run_in_background(work: Callable[[], None], name: str) -> threading.Thread:
    """Run `work` in a plain worker thread and return it (join it before quitting).

    The job objects stay in the GUI thread and Python owns them: the signals they emit
    from the worker reach the window's slots through Qt's queued connections, and no
    QObject is ever deleted by both Qt and Python (QThread + deleteLater crashed here).
    """
    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    return thread
