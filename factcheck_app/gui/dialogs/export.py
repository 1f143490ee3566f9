"""File → Export…: choose a format, see a preview, export off the GUI thread with progress.

Threading: the report is read from the workspace here, on the GUI thread, into frozen
plain data (`ArticleReport`); the worker thread only renders that data and writes the
file. The Desk's SQLite connection never crosses threads, the export is one consistent
snapshot of what the reviewer saw when they pressed Export, and edits made while a big
export runs cannot interleave with it. Reading 10,000 sentences takes ~0.1 s; rendering
and writing are the slow part, and they are what the worker does.

The workspace summary of a big workspace is the exception: its 5,000 articles take
seconds to read. Beyond PREVIEW_ARTICLES articles it is neither read nor previewed here;
the worker reads it through a read-only connection of its own, in one read transaction
begun when Export is pressed (the same snapshot, edits made meanwhile left out).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import logging
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath, PureWindowsPath
from time import monotonic
from typing import Any, TypeVar

from PySide6.QtCore import (
    QDeadlineTimer,
    QLocale,
    QObject,
    Qt,
    QThread,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from factcheck_app import logs
from factcheck_app.domain.errors import FactcheckError, WorkspaceError
from factcheck_app.domain.printable import set_apart, shown_file_name, shown_line
from factcheck_app.domain.wording import RUNS_NAMED, counted, number_runs, runs_left_out
from factcheck_app.gui import disk_look
from factcheck_app.gui import settings as gui_settings
from factcheck_app.gui.actions import SPECS, ActionId, key_text
from factcheck_app.gui.app import closing_on_signal
from factcheck_app.gui.colours import ERROR, WARNING, readable_hints, readable_on
from factcheck_app.gui.dialogs.form_parts import (
    KeepsTypedText,
    resize_within_screen,
    take_pressed_choice,
)
from factcheck_app.gui.local_files import path_from_qt, qt_name
from factcheck_app.gui.messages import ask, error_text
from factcheck_app.gui.models import one_line
from factcheck_app.gui.notices import KEPT_LINES
from factcheck_app.gui.pdf_report import PAPER_SIZES, build_document, report_fonts, write_pdf
from factcheck_app.gui.views import AltLettersNotTyped, FocusFrame
from factcheck_app.services import settings
from factcheck_app.services.desk import Desk
from factcheck_app.services.every_article import (
    ArticleExported,
    ArticleFile,
    already_there,
    article_files,
    export_every_article,
)
from factcheck_app.services.export import (
    check_output,
    check_output_name,
    check_suffix,
    dangling_link,
)
from factcheck_app.services.reports import claimreview, formats
from factcheck_app.services.reports.atomic import write_atomically
from factcheck_app.services.reports.claimreview import claim_reviews
from factcheck_app.services.reports.model import (
    STORED_PATTERN,
    ArticleReport,
    CancelFn,
    ExportCancelled,
    ProgressFn,
    Publishing,
    load_article_report,
)
from factcheck_app.services.reports.summary import load_reports, workspace_name
from factcheck_app.services.reports.text import bounded_report, script_safe_json

# The preview gives way first on a small screen: at 160 px, ClaimReview's fields and
# findings at 16 pt on 1024×640 were squeezed instead, their text cut.
PREVIEW_MIN_HEIGHT = 120
PAGE_COLOUR, PAGE_TEXT_COLOUR = "#ffffff", "#1b1e23"  # the preview: a report's page
# Reports previewed as the PDF lays them out, though their file lays the report out its
# own way (the HTML file underlines each sentence in the colour of its kind; the Word file
# shades it): said over the preview, which a newcomer took for the file itself.
PDF_LAYOUT_OF = {"html": "HTML file", "docx": "Word file"}
PREVIEW_SENTENCES = 150  # enough to judge the layout; a 10,000-sentence preview would stall
PREVIEW_CHARS = 20_000
# Each field of the preview shows this much: a 108 MB explanation froze the window 40 s at
# 4.7 GB while the preview laid it out (the export itself holds more, see reports.text).
PREVIEW_FIELD_CHARS = 2_000
PREVIEW_LINE_CHARS = 300
PREVIEW_NOTE = " […the preview shows the start only: {total:,} characters in all]"
# A workspace summary of more articles is read by the export's worker, not previewed: a
# year's 5,000 articles held the window for a minute (6 s once reading an article was made
# cheap) and kept 450 MB of reports.
PREVIEW_ARTICLES = 200
# A summary previewed is read again after the articles listed change no sooner than this
# many times its last such read took: at most a tenth of the window's time.
SUMMARY_HELD_BACK = 10
# The most of a title the progress line shows ("Exporting 3 of 41: “…”…"): a 300-character
# title took three lines and pushed the buttons down.
PROGRESS_TITLE_CHARS = 60
# All articles: the articles whose file was refused, told when the export ends, the first
# few named (title and reason cut short, so that the end fits the dialog at 1024×640), then
# how many more (the log file has every one, whole).
REFUSED_NAMED = 3
REFUSED_TITLE_CHARS = 40
REFUSED_REASON_CHARS = 160
# The most of a folder's name the dialog's lines say (`folder_short`).
FOLDER_NAME_CHARS = 60
# Progress steps per article when every article is exported (each file's own progress
# spread over its share of the bar).
ARTICLE_STEPS = 1_000

ExportJob = Callable[[ProgressFn, CancelFn], None]
_T = TypeVar("_T")
# ClaimReview's articles with nothing to publish yet, at the end of every article's export:
# the numbers of this many runs (3, 5–9) are named, then how many more (the log has all).
# An archive's 300 were one line of numbers as wide as the dialog could be made.
UNPUBLISHED_NAMED = RUNS_NAMED  # as `export --all` names them
# Where the articles left out of the end's line are, each whole: the log file, or, when
# it cannot be written (a read-only home, a full disk), Help → Recent Messages, where the
# dialog keeps them (`kept_whole`). "See the log file" sent the reviewer to a file that
# held none of them, and they were recorded nowhere.
SEE_LOG = " (see the log file)"
# Refusals kept in Recent Messages one line each, with why, when the log file cannot be
# written; the others' numbers on one line: it keeps KEPT_LINES lines in all.
REFUSALS_KEPT_WHOLE = KEPT_LINES // 2


def see_recent_messages(what: str) -> str:
    """Where `what` ("every number") is when the log file cannot be written."""
    key = key_text(SPECS[ActionId.RECENT_MESSAGES])
    return f" ({what} is in Help → Recent Messages, {key}: the log file cannot be written)"


def _unpublished_said(unpublished: Sequence[ArticleExported], see: str = SEE_LOG) -> str:
    """ClaimReview's articles with nothing to publish yet, in one sentence (starting with
    a space; "" for none), their numbers cut after the first few; `see` says where the
    rest are."""
    if not unpublished:
        return ""
    if len(unpublished) == 1:
        only = unpublished[0]
        title = set_apart(one_line(only.title, REFUSED_TITLE_CHARS))
        who = f"Article {only.article_id}" + (f" (“{title}”)" if title else "")
        return (
            f" {who} has nothing to publish yet (no claim, denial or fact in it has a "
            "verdict): no file was written for it."
        )
    ids = [o.article_id for o in unpublished]
    numbers = number_runs(ids, UNPUBLISHED_NAMED)
    log = see if runs_left_out(ids, UNPUBLISHED_NAMED) else ""
    return (
        f" {counted(len(unpublished), 'article')} have nothing to publish yet (no claim, "
        f"denial or fact in them has a verdict): no file was written for articles "
        f"{numbers}{log}."
    )


def folder_said_short(reason: str, folder: PurePath) -> str:
    """`reason` (why a report in `folder` was refused) with the folder said short: a file
    in it by its name, the folder itself by its last part, or "the folder" when that is
    too long for the line. The first line names the folder already, and its long path
    said again cut the reason off ("Cannot write /srv/…: Input/output …"); on a newsroom
    share, "export again to replace it" was cut. The log keeps the path whole, and the
    line's tooltip.

    Only where the path stands whole, as the reason names it (after a space, before a
    space or a stop): replaced wherever its letters were, a folder at a root ("/") took
    the slash out of "Input/output error", and one named "reports" cut a path into
    "reports-old" short. A root itself (a USB stick's "E:\\", a share's
    "\\\\newsroom\\reports\\") has no last part and is said whole: it was nothing ("came into
    during the export")."""
    whole = str(folder)
    sep = "\\" if isinstance(folder, PureWindowsPath) else "/"
    inside = whole if whole.endswith(sep) else whole + sep  # a root ends in one already
    before = r"(?<![^\s(“\"'])"  # the start, a space, or an opening quote or bracket
    # Before a name, not a quote or a stop: a root ends in its separator, and "The media is
    # write protected: 'E:\\'" said ''.
    stops = r"\s.,:;)”\"'"
    # A stop only where the sentence goes on after it: a name may start with a dot
    # (".budget.pdf"), and its folder's long path stayed on the line.
    ends = r"\s)”\"'"
    a_name = f"(?=[^{ends}{re.escape(sep)}])(?![.,:;](?:[{ends}]|$))"
    reason = re.sub(before + re.escape(inside) + a_name, "", reason)
    standing = re.compile(before + re.escape(whole) + f"(?=[{stops}]|$)")
    short = shown_file_name(folder.name or whole)
    named = standing.sub(lambda _: short, reason)
    fits = len(named) <= REFUSED_REASON_CHARS
    return named if fits else standing.sub("the folder", reason)


def folder_short(folder: PurePath) -> str:
    """A folder as the dialog's lines name it: by its last part (a root, which has none,
    whole), on one line, cut after FOLDER_NAME_CHARS, set apart when right to left. Its
    whole path, under a newsroom share, took three lines of the dialog at 1024×640
    ("Exported 3 of 4 articles to /srv/…"); it is in *Save to* and the line's tooltip
    (`folder_tip`). A name of 200 letters without a space, which no line can break, made
    the dialog 1,506 px wide, past a 1024 px screen's edge."""
    shown = one_line(shown_file_name(folder.name or str(folder)), FOLDER_NAME_CHARS)
    if folder.name and not any(not c.isspace() and unicodedata.category(c) != "Cf" for c in shown):
        # Named only with spaces or right-to-left marks: the line said "to ." with no
        # folder to look for. Its name in quotes (its spaces seen; each mark a "?", as
        # a bidi control is shown: one turned the words around it) and where it is.
        name = "".join(
            "?" if unicodedata.category(c) == "Cf" else c
            for c in shown_file_name(folder.name)[:FOLDER_NAME_CHARS]
        )
        shown = f"“{name}” in {folder_short(folder.parent)}"
    return set_apart(shown)


def folder_tip(folder: PurePath) -> str:
    """The tooltip of a line naming `folder` short: where it is, whole."""
    return f"Folder: {shown_file_name(folder)}"


logger = logging.getLogger(__name__)

# The dialogs whose export's thread runs, held until it has ended. A dialog without a
# parent is freed as its last Python reference goes, and with it the QThread it owns:
# freed while running, Qt aborts the whole process ("QThread: Destroyed while thread ''
# is still running"). A test ending at `export_finished` (the thread's last steps still
# to come) aborted a CI run so. The window's own dialog has the window for parent and is
# deleted only once `done` has waited for the thread.
_EXPORTING: set[ExportDialog] = set()
# Closing (logging out, quitting) while an export runs: it is asked to stop, then waited
# for this long, then left to end by itself. Waited for without end, a write stuck on a
# network drive that stopped answering (where no Stop reaches it) hung the desk at logout,
# its workspace held, until the session killed it. Nothing is lost by not waiting: each
# report goes to a temporary file, renamed only once whole.
STOP_WAIT_MS = 2_000
# The exports so left, their thread and worker kept for the life of the process: a QThread
# freed while it runs aborts the whole process. (The desk is quitting: it ends them.)
_LEFT_RUNNING: list[tuple[QThread, ExportWorker]] = []


class ExportWorker(QObject):
    """Runs one export job in a worker thread; reports progress, end, failure or cancel."""

    progress = Signal(int, int)
    # Every article: the number (1-based) and count of the one starting, and its title.
    article_started = Signal(int, int, str)
    succeeded = Signal()
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()

    def __init__(self, job: ExportJob) -> None:
        super().__init__()
        self._job = job
        self._stop = threading.Event()
        # How the job ended ("succeeded", "cancelled", "failed"), set in the worker's
        # thread before its signals: read by a dialog closing at logout, which waits for
        # the thread without taking its queued signals (`ExportDialog._note_at_quit`).
        self.outcome: str | None = None

    def cancel(self) -> None:
        """Ask the job to stop at its next check (called from the GUI thread)."""
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            self._job(self.progress.emit, self._stop.is_set)
        except ExportCancelled:
            self.outcome = "cancelled"
            self.cancelled.emit()
        except (FactcheckError, OSError, ValueError) as error:
            self.outcome = "failed"
            trace = None if isinstance(error, FactcheckError) else error
            logger.warning("Export failed: %s", error_text(error), exc_info=trace)
            self.failed.emit(error_text(error))
        except Exception as error:  # a bug must not kill the thread silently
            self.outcome = "failed"
            logger.exception("Export failed unexpectedly")
            self.failed.emit(
                f"Unexpected error while exporting ({error!r}). The details are in the log "
                f"file {logs.log_file()}"
            )
        else:
            self.outcome = "succeeded"
            self.succeeded.emit()
        finally:
            self.done.emit()


class PreviewBrowser(QTextBrowser):
    """A preview that never fetches anything: no links followed, no resources loaded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # The page the report is made for: its colours were chosen for white paper, and a
        # dark desktop theme's near black page hid its near black headings.
        page = self.palette()
        page.setColor(QPalette.ColorRole.Base, QColor(PAGE_COLOUR))
        page.setColor(QPalette.ColorRole.Text, QColor(PAGE_TEXT_COLOUR))
        self.setPalette(page)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        return None


def start_folder() -> Path:
    """Where an export is offered: the folder of the last one while it can be written,
    else Documents, else home."""
    return offered_folder()[0]


def offered_folder() -> tuple[Path, Path | None]:
    """Where an export is offered (`start_folder`), and the last export's folder when it
    did not answer (None when it did, or none is kept). That folder is often on a network
    share: looked at on the window's thread, a share gone (a VPN dropped) froze the window
    at Ctrl+E for minutes, before the dialog showed. Looked at in a worker thread, waited
    for `disk_look.FROZEN_WAIT_MS`, then Documents or home is offered."""
    return disk_look.folder_offered((gui_settings.EXPORT_FOLDER,))


def not_answering_said(folder: PurePath) -> str:
    """The line said when the export's folder does not answer within the wait."""
    return (
        f"The folder {folder_short(folder)} does not answer (a network drive or USB stick "
        "gone?): choose another folder, or try again."
    )


def _folder_state(folder: Path, offer: Path) -> tuple[str, Path]:
    """What Export finds of the folder it writes into, looked at off the window's thread
    (`ExportDialog._folder_ready`): "there" (or a file, or not to be looked at, or a link
    to a folder gone: each refused by `check_output` in words); "offer" (the dialog's own
    folder of reports, not made yet, in a folder that is there); "missing", with the
    topmost folder missing on the way to it."""
    try:
        os.stat(folder)
    except (FileNotFoundError, NotADirectoryError):
        if dangling_link(folder) is not None:
            return "there", folder  # a link to a folder gone: not made, refused by check_output
        if folder == offer and os.path.isdir(folder.parent):
            return "offer", folder  # the dialog's own offer, shown in *Save to*
    except OSError:
        return "there", folder  # it cannot be looked at: refused by check_output, in words
    else:
        return "there", folder  # a file in the way is refused by check_output, in words
    top = folder
    while not top.parent.exists() and top.parent != top:
        top = top.parent
    return "missing", top


def default_paper() -> str:
    """Letter where the locale measures in US units, A4 elsewhere."""
    us = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "Letter" if us else "A4"


def _settings_file() -> Path:
    """The window's settings file, which no export may replace (its layout, the recent
    workspaces): Qt names it, so the window passes it to the shared check."""
    return Path(gui_settings.settings().fileName())


def with_format_suffix(name: str, suffix: str) -> str:
    """`name` with an export format's suffix in place of the one it has (report.html →
    report.pdf); a name ending otherwise (`Ganja v2`) keeps all of it."""
    known = {fmt.suffix for fmt in formats.FORMATS.values()}
    stem, dot, ending = name.rpartition(".")
    return (stem if dot and f".{ending.lower()}" in known else name) + suffix


def without_trailing_dots(typed: str) -> str:
    """`typed` without the dots and spaces its file name ends in, as Windows drops them:
    `report.` was written as `report..pdf` (the format's suffix added after the dot), and
    `report.pdf.` as `report.pdf..pdf`. A name that is nothing else (`.`, `reports/..`)
    is left to be refused as a folder."""
    trimmed = typed.rstrip(". ")
    if not trimmed or trimmed.endswith(("/", os.sep)):
        return typed
    return trimmed


def _free_name_beside(
    path: Path, suffix: str, workspace: Path | None, settings_file: Path
) -> Path | None:
    """A name beside `path` no file has and every export may write: STEM.SUFFIX, else
    "STEM (2).SUFFIX", "STEM (3).SUFFIX"… (as file managers number copies); None when
    the first hundred are all taken. Looks at the disk: off the window's thread."""
    stem = path.stem
    for number in range(1, 100):
        candidate = path.with_name(
            f"{stem}{suffix}" if number == 1 else f"{stem} ({number}){suffix}"
        )
        if os.path.lexists(candidate):
            continue
        try:
            check_output(candidate, workspace, settings_file=settings_file)
        except FactcheckError:
            continue
        return candidate
    return None


class ExportDialog(KeepsTypedText):
    """Exports one article's report (or the workspace summary) to a file, or every
    article's report into a folder (*All articles*: `export --all`'s loop, run here)."""

    export_finished = Signal(str)  # the path written
    export_failed = Signal(str)
    export_cancelled = Signal()
    # Lines to keep whole in the window's Help → Recent Messages, unshown: what the end of
    # every article's export leaves out of its line when the log file cannot be written.
    kept_whole = Signal(list)

    def __init__(self, desk: Desk, article_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setObjectName("exportDialog")
        self.desk = desk
        # The history's newest entry when the report (and the summary) were read: an edit
        # recorded since by another connection has them read again (`follow_saves`).
        self._history_read = desk.history.newest()
        self._take_report(load_article_report(desk, article_id))
        self._reports: list[ArticleReport] | None = None
        # A summary previewed, read again when the articles listed change: not before this
        # (`monotonic`), so that an import bringing files in one a second does not hold the
        # window for the read at each (`_follow_preview`). Then by `_summary_due`.
        self._summary_not_before = 0.0
        self._summary_due = QTimer(self)
        self._summary_due.setSingleShot(True)
        self._summary_due.timeout.connect(self._summary_read_again)
        # Likewise this article's report, read again after an edit recorded meanwhile:
        # not before this (`monotonic`), then by `_saves_due` (`follow_saves`).
        self._saves_not_before = 0.0
        self._saves_due = QTimer(self)
        self._saves_due.setSingleShot(True)
        self._saves_due.timeout.connect(self._saves_read_again)
        self._shown_gone = ""  # why the preview shows nothing (`_nothing_to_preview`)
        self.exported_path: Path | None = None
        self._thread: QThread | None = None
        self._worker: ExportWorker | None = None
        self._problems: list[claimreview.Problem] = []
        self._blocked = False  # an error that leaves nothing to export: Export disabled
        # Counted again when the choice is made and when Export is pressed: that is the
        # set exported (an article imported meanwhile is in it, and counted).
        self._article_total = desk.articles.count()
        # What `follow_workspace` last saw: the articles listed (how many, the highest
        # number: one imported as another goes is seen), and whether this one is there.
        self._followed = (desk.articles.listed(), True)
        self._preview_document: QTextDocument | None = None
        # Export is looking at the folder (`_on_disk`): it and the choices it read wait.
        self._looking = False
        self._folder, not_answering = offered_folder()
        # All articles: a folder of their own in the one offered (the last export's,
        # else Documents or home), not one file each loose in it: after one report
        # exported into Documents, every article's went in among the reviewer's
        # documents. Named for the workspace and the day, another workspace's reports
        # (numbered alike) are never offered to be replaced. A folder the reviewer types
        # or chooses is used as it is.
        name = formats.every_article_folder_name(workspace_name(desk), dt.date.today())
        self._reports_folder = self._folder / name
        self._chooser_confirmed: Path | None = None  # the file chooser asked about it
        self._offered_name = ""  # the file name the dialog itself last put in *Save to*
        # All articles: *Save to* holds a folder; the file path it held is kept for going back.
        self._folder_mode = False
        self._file_text = ""
        self._outcomes: list[ArticleExported] = []  # filled by the worker, read once it ended
        # Set by the worker as each article's file is begun: its number (1-based), path,
        # and the file there before (`gui_settings.file_identity`).
        self._writing: tuple[int, Path, list[int] | None] | None = None
        self._target_before: list[int] | None = None  # the single export's, likewise
        self._article_count = 0  # of the export of every article running
        self._skipped = 0  # reports already in the folder left as they were (Skip Them)
        self._listed: dict[int, str] = {}  # the articles of that export and their titles
        self.exported_note: str | None = None  # what the status bar says after all articles
        # Said after "Exported to …" when the publisher settings typed could not be kept.
        self.settings_not_kept: str | None = None
        self._announce: Callable[[int, int, str], None] = lambda *_: None  # the worker's

        self.format_box = QComboBox()
        self.format_box.setObjectName("formatBox")
        for key, fmt in formats.FORMATS.items():
            self.format_box.addItem(fmt.label, key)
        # The format the last export wrote (a desk sending PDFs every day got HTML at every
        # Ctrl+E, and Enter wrote it); not which articles: All articles stays a choice made
        # each time, as it writes one file per article.
        last_format = self.format_box.findData(gui_settings.last_export_format())
        if last_format >= 0:
            self.format_box.setCurrentIndex(last_format)
        # What the report covers: this article, or every article, one file each into a
        # folder (a summary covers every article in one file, and takes neither).
        self.this_article_button = QRadioButton("&This article")
        self.this_article_button.setObjectName("thisArticleButton")
        self.this_article_button.setChecked(True)
        self.all_articles_button = QRadioButton(
            f"&All articles ({self._article_total:,}), one file each into a folder"
        )
        self.all_articles_button.setObjectName("allArticlesButton")
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.this_article_button)
        scope_row.addWidget(self.all_articles_button)
        scope_row.addStretch(1)
        self.paper_box = QComboBox()
        self.paper_box.setObjectName("paperBox")
        self.paper_box.addItems(list(PAPER_SIZES))
        self.paper_box.setCurrentText(default_paper())

        publishing = self.report.publishing
        self.publisher_edit = QLineEdit(publishing.publisher_name)
        self.publisher_edit.setObjectName("publisherEdit")
        self.publisher_edit.setPlaceholderText("Organisation publishing the fact-checks")
        self.publisher_url_edit = QLineEdit(publishing.publisher_url)
        self.publisher_url_edit.setObjectName("publisherUrlEdit")
        self.publisher_url_edit.setPlaceholderText("https://example.org/ (its home page)")
        self.url_pattern_edit = QLineEdit(publishing.url_pattern)
        self.url_pattern_edit.setObjectName("urlPatternEdit")
        self.url_pattern_edit.setPlaceholderText("https://example.org/checks/{slug}#claim-{number}")
        readable_hints(self.publisher_edit, self.publisher_url_edit, self.url_pattern_edit)
        self.url_pattern_edit.setToolTip(
            "Address of each published check. Placeholders: {article_id}, {sentence_id}, "
            "{number} (sentence number), {slug} (from the title)."
        )

        # The path as text, as Qt and its file chooser spell it: read with `path_from_qt`,
        # a folder of the desk's put in with `qt_name` (they differ in a non-UTF-8 locale).
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("pathEdit")
        self.browse_button = QPushButton("&Choose…")
        self.browse_button.setObjectName("browseButton")
        # Enter on it, tabbed to, opens the chooser (it exported to the name offered);
        # Enter in a field still exports: Export is the default (set below).
        self.browse_button.setAutoDefault(True)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        self.form = QFormLayout()
        self.form.addRow("&Format", self.format_box)
        self.form.addRow("Articles", scope_row)
        self.form.addRow("&Paper", self.paper_box)
        self.form.addRow("Pu&blisher", self.publisher_edit)
        self.form.addRow("Publisher's &home page", self.publisher_url_edit)
        self.form.addRow("Fact-check &URL", self.url_pattern_edit)
        save_label = QLabel("&Save to")
        save_label.setBuddy(self.path_edit)
        self.form.addRow(save_label, path_row)

        self.problems_label = QLabel()
        self.problems_label.setObjectName("problemsLabel")
        self.problems_label.setTextFormat(Qt.TextFormat.RichText)  # escaped below
        self.problems_label.setWordWrap(True)
        self.preview = PreviewBrowser()
        self.preview.setObjectName("preview")
        self.preview.setMinimumHeight(PREVIEW_MIN_HEIGHT)
        FocusFrame(self.preview)  # read-only: no caret shows that Tab put the focus here
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("progressBar")
        self.progress_bar.hide()
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.hide()  # an empty line took the room of a field at 16 pt

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportButton")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self._on_cancel)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problems_label)
        # Its label names it to a screen reader (it heard a nameless text box) and Alt+V
        # goes to it, to read the report with the arrow keys.
        self.preview_label = QLabel("Pre&view")
        self.preview_label.setObjectName("previewLabel")
        self.preview_label.setBuddy(self.preview)
        # It wraps: "…; 41 articles will be checked, and those without errors written into
        # the folder" made the dialog 1035 px wide at 16 pt, past a 1024 px screen's edge.
        self.preview_label.setWordWrap(True)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        # Export before Cancel, as a button box tabs from OK to Cancel (on every desktop,
        # whichever it draws first): added after Cancel, Export came after it. Set once
        # both are in the dialog (between windows Qt keeps no order).
        QWidget.setTabOrder(self.export_button, self.cancel_button)
        # Only once the button is in the dialog does "default" stick: set earlier, the
        # dialog made Cancel the default on showing, and Enter in a field cancelled.
        # Cancel tabbed to takes Enter itself: with no auto-default, Enter on it went to
        # Export, and the report was written by the key meant to cancel.
        self.cancel_button.setAutoDefault(True)
        self.export_button.setDefault(True)
        # 760×720 where there is room; on a 1024×640 screen the Export button was below
        # its bottom edge.
        resize_within_screen(self, 760, 720)

        self.format_box.currentIndexChanged.connect(self._on_format_changed)
        self.all_articles_button.toggled.connect(self._on_format_changed)
        # A refusal of the name goes as soon as the reviewer starts fixing it.
        self.path_edit.textEdited.connect(self._clear_refusal)
        self.browse_button.clicked.connect(self.choose_path)
        for edit in (self.publisher_edit, self.publisher_url_edit, self.url_pattern_edit):
            edit.textChanged.connect(self._refresh_problems)
            edit.textChanged.connect(self._refresh_preview)
        self._on_format_changed()
        # Kept only by an export: Esc after typing them asks first.
        self.keep_typed_text(self.publisher_edit, self.publisher_url_edit, self.url_pattern_edit)
        # The file's name is not kept (a chosen path is cheap to choose again), but Alt+Q
        # typed "q" into it all the same.
        AltLettersNotTyped(self).watch(self.path_edit)
        if not_answering is not None:
            self._show_status(
                f"The folder of the last export, {folder_short(not_answering)}, does not "
                f"answer (a network drive or USB stick gone?): offered in "
                f"{folder_short(self._folder)} instead.",
                tip=folder_tip(not_answering),
            )

    def _take_report(self, report: ArticleReport) -> None:
        """`report` exported, and what the preview and the ClaimReview checks run on, on
        the GUI thread: each field cut short, so a huge one never blocks the window (the
        export gets `self.report`)."""
        self.report = report
        self._preview_report = bounded_report(
            report, field=PREVIEW_FIELD_CHARS, line=PREVIEW_LINE_CHARS, note=PREVIEW_NOTE
        )
        self._checked_report = bounded_report(report)

    # -- state ----------------------------------------------------------------------------

    @property
    def format_key(self) -> str:
        return str(self.format_box.currentData())

    def set_format(self, key: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(key))

    @property
    def every_article(self) -> bool:
        """Is every article's report to be written, one file each into a folder?"""
        return (
            self.all_articles_button.isChecked()
            and formats.FORMATS[self.format_key].scope == formats.ARTICLE
        )

    @property
    def running(self) -> bool:
        return self._thread is not None

    def _publishing(self) -> Publishing:
        return dataclasses.replace(
            self.report.publishing,
            publisher_name=self.publisher_edit.text().strip(),
            publisher_url=self.publisher_url_edit.text().strip(),
            url_pattern=self.url_pattern_edit.text().strip(),
        )

    def _current_report(self) -> ArticleReport:
        return dataclasses.replace(self.report, publishing=self._publishing())

    def _workspace_reports(self) -> list[ArticleReport]:
        if self._reports is None:
            self._reports = load_reports(self.desk)
        return self._reports

    def _summary_read_apart(self) -> bool:
        """Is the workspace summary too big to read here (its worker reads it)?"""
        return self.desk.path is not None and self.desk.articles.count() > PREVIEW_ARTICLES

    def _count_articles(self, total: int | None = None) -> None:
        """The number of articles *All articles* covers, on its button and in the preview's
        label: `total` (those listed when Export was pressed), else counted now. Counted
        once, when the dialog opened, an article imported meanwhile was exported but not
        counted."""
        self._article_total = self.desk.articles.count() if total is None else total
        self.all_articles_button.setText(
            f"&All articles ({self._article_total:,}), one file each into a folder"
        )

    @Slot()
    def follow_workspace(self) -> None:
        """The articles listed changed while the dialog is open (another program's save,
        the window's worker; the window looks each second): *All articles* counts again,
        and the preview and ClaimReview's findings follow the article previewed, removed
        or put back. It said 41 after one was removed, and Export wrote 40. A running
        export has its list already: an article removed from it is said at its end."""
        if self.running:
            return
        try:
            listed = self.desk.articles.listed()  # (how many, the highest number)
            seen = (listed, self.desk.articles.exists(self.report.article.id))
        except FactcheckError:
            return  # the workspace cannot be read now: Export says why, in words
        if seen == self._followed:
            return  # another save (a review, a title): nothing the dialog says changed
        self._followed = seen
        # The summary read again at its next preview or Export: read when it was first
        # previewed, it went on listing an article removed since (and Export wrote it
        # so), and left out one imported since.
        self._reports = None
        self._count_articles(listed[0])
        self._refresh_problems()
        self._follow_preview()

    @Slot()
    def follow_saves(self) -> None:
        """Another connection committed while the dialog is open (another program, a second
        window, this window's worker; the window looks each second): when it recorded an
        edit (a verdict, a claimant, an undo), this article's report and the summary are
        read again, the preview and ClaimReview's findings follow, and Export writes them
        as they are now. Only a change to the articles listed was followed: a verdict
        saved meanwhile was left out of the summary, its "N verdicts", and the file.

        A look costs one query of the history's newest entry: an import's commits record
        none, so they read nothing again (a summary read at each, 200 articles, held the
        window half of every second); the summary read is held back as a list change's is
        (`_follow_preview`)."""
        if self.running:
            return  # its end shows the dialog's state again (`_on_thread_finished`)
        # Not read again sooner than ten times the last such read took: another program
        # saving each second on an article of 10,000 sentences (a read of 0.5-1.2 s on
        # the window's thread) held the dialog and the window most of every second.
        # Export reads anew all the same (`start_export`).
        wait = self._saves_not_before - monotonic()
        if wait > 0:
            if not self._saves_due.isActive() and self._edited_since_read():
                self._saves_due.start(int(wait * 1000) + 1)
            return
        self._saves_read_again()

    def _edited_since_read(self) -> bool:
        """Was an edit recorded since the report was read? (One indexed query.)"""
        try:
            return self.desk.history.newest() != self._history_read
        except FactcheckError:
            return False

    @Slot()
    def _saves_read_again(self) -> None:
        """This article's report (and the summary) read again if an edit was recorded,
        the next such read held back by ten times as long as this one took."""
        self._saves_due.stop()
        if self.running:
            return  # its end shows the dialog's state again
        began = monotonic()
        if self._read_again_if_edited():
            self._refresh_problems()
            self._follow_preview()
            ended = monotonic()
            self._saves_not_before = ended + SUMMARY_HELD_BACK * (ended - began)

    def _read_again_if_edited(self) -> bool:
        """This article's report read again, and the summary dropped to be read at its next
        preview or Export, if an edit was recorded since they were read; whether one was."""
        try:
            newest = self.desk.history.newest()
            if newest == self._history_read:
                return False
            self._history_read = newest
            self._reports = None
            article_id = self.report.article.id
            if self.desk.articles.exists(article_id):
                # Its publishing settings as typed stay (`_publishing` reads the fields).
                self._take_report(load_article_report(self.desk, article_id))
        except FactcheckError:
            return False  # the workspace cannot be read now: Export says why, in words
        return True

    def _follow_preview(self) -> None:
        """The preview shown again after the articles listed changed: at once, but a summary
        read on the window's thread (every article: half a second for 200) no sooner than
        ten times its last such read took after it. The window's import told the dialog of
        each file it brought in, a look each second, and the window spent half of each
        second reading. Export reads the summary anew meanwhile (`_reports` dropped)."""
        fmt = formats.FORMATS[self.format_key]
        if fmt.scope == "article" or self._summary_read_apart():
            self._summary_due.stop()
            self._refresh_preview()
            return
        wait = self._summary_not_before - monotonic()
        if wait > 0:
            if not self._summary_due.isActive():
                self._summary_due.start(int(wait * 1000) + 1)
            return
        self._summary_read_again()

    @Slot()
    def _summary_read_again(self) -> None:
        """The summary previewed read again and shown, its next read after a look held back
        by ten times as long as this one took (`_follow_preview`)."""
        self._summary_due.stop()
        if self.running:
            return  # the export's end shows the dialog's state again (`follow_workspace`)
        began = monotonic()
        self._refresh_preview()
        ended = monotonic()
        self._summary_not_before = ended + SUMMARY_HELD_BACK * (ended - began)

    def _on_format_changed(self, _index: int = 0) -> None:
        fmt = formats.FORMATS[self.format_key]
        if self.every_article and not self.running:
            self._count_articles()
        is_claimreview = fmt.key == "claimreview"
        for widget, visible in (
            (self.paper_box, fmt.key == "pdf"),
            (self.publisher_edit, is_claimreview),
            (self.publisher_url_edit, is_claimreview),
            (self.url_pattern_edit, is_claimreview),
        ):
            widget.setVisible(visible)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(visible)
        if self._switch_path_mode():
            # A folder in *Save to*: the format does not change it.
            self._clear_refusal()
            self._refresh_problems()
            self._refresh_preview()
            return
        offered = formats.default_file_name(
            fmt.key, self.report, workspace_name(self.desk) if fmt.scope != "article" else ""
        )
        typed = self.path_edit.text().strip()
        current = Path(typed) if typed else None
        folder = current.parent if current else Path(qt_name(self._folder))
        if current is not None and current.name and current.name != self._offered_name:
            # A name the reviewer typed or chose stays, in the new format's suffix: the
            # offered one came back over "ganja-check", and the report went out so named.
            name = with_format_suffix(without_trailing_dots(current.name), fmt.suffix)
        else:
            name = self._offered_name = offered
        self.path_edit.setText(str(folder / name))
        self._clear_refusal()  # a refusal of the name in the old format no longer holds
        self._refresh_problems()
        self._refresh_preview()

    def _switch_path_mode(self) -> bool:
        """*Save to* holds a folder for every article and a file otherwise: on a switch
        it becomes the folder of the file named (kept to go back to), or that file's name
        in the folder then named. True while it holds a folder."""
        folder_mode = self.every_article
        if folder_mode == self._folder_mode:
            return folder_mode
        typed = self.path_edit.text().strip()
        if folder_mode:
            self._file_text = typed
            # A bare name typed (`report.md`) is in the folder the dialog offered: not ".".
            folder = self._typed_path(look=False).parent if typed else self._folder
            if folder == self._folder:
                folder = self._reports_folder  # the offer's, not a folder chosen
            self.path_edit.setText(qt_name(folder))
        else:
            folder = Path(typed) if typed else Path(qt_name(self._folder))
            if folder == Path(qt_name(self._reports_folder)):
                folder = Path(qt_name(self._folder))  # one file goes where it was offered
            name = Path(self._file_text).name if self._file_text else self._offered_name
            self.path_edit.setText(str(folder / name))
        self._folder_mode = folder_mode
        return folder_mode

    def _refresh_problems(self) -> None:
        self._problems = []
        every: list[str] = []  # All articles: how each article is checked
        if self.format_key == "claimreview" and self.every_article:
            # What the publishing settings lack (the fact-check URL pattern, the publisher)
            # holds for every article, said once: an error there blocks the export, as no
            # article could be written. An article's own errors refuse its file only, found
            # as it is written (one pass: a check of every article first kept Export waiting
            # 15 s on a year's workspace, and read each article twice).
            self._problems = claimreview.publishing_problems(self._publishing())
            if not any(p.is_error for p in self._problems):
                every = [
                    self._coloured(
                        None,
                        "Checked as exported:",
                        "an article whose markup has an error is not written; those are said "
                        "when the export ends (each, with its error, in the log file).",
                    )
                ]
        elif self.format_key == "claimreview" and self.desk.articles.exists(self.report.article.id):
            # Not of an article removed meanwhile: its findings ("Nothing to publish: no claim
            # … of this article has a verdict yet") stayed, of an article no longer there;
            # Export says why nothing is exported.
            # The checks name an unusable URL pattern themselves (format specs included).
            report = dataclasses.replace(self._checked_report, publishing=self._publishing())
            self._problems = claimreview.check(report)
        errors = [self._problem_line(p) for p in self._problems if p.is_error]
        warnings = [self._problem_line(p) for p in self._problems if not p.is_error]
        lines = errors + every + warnings
        self._blocked = any(p.is_error for p in self._problems)
        self.problems_label.setText("<br>".join(lines))
        self.problems_label.setVisible(bool(lines))
        self._update_buttons()
        self._label_preview()

    def _problem_line(self, problem: claimreview.Problem) -> str:
        message = problem.message
        if message.startswith(STORED_PATTERN):  # the field is empty: what to do there
            message += " Type a new one under Fact-check URL."
        return self._coloured(
            ERROR if problem.is_error else WARNING,
            f"{problem.level.capitalize()}:",
            html.escape(message),
        )

    def _coloured(self, colour: str | None, lead: str, rest: str) -> str:
        """One line of the findings: `lead` in bold, `rest` already escaped."""
        style = f' style="color:{readable_on(colour, self.problems_label)};"' if colour else ""
        gap = "" if rest.startswith("<br>") else " "
        return f"<span{style}><b>{html.escape(lead)}</b>{gap}{rest}</span>"

    def _update_buttons(self) -> None:
        blocked = self._blocked
        busy = self.running or self._looking
        enabled = not busy and not blocked
        if not enabled and self.export_button.hasFocus() and not busy:
            # Blocked under the cursor (a save meanwhile, `follow_saves`): Qt handed the
            # focus on to Cancel, and the Enter meant for Export pressed Cancel. The
            # preview, whose keys only scroll, takes it; the errors are above it.
            self.preview.setFocus(Qt.FocusReason.OtherFocusReason)
        self.export_button.setEnabled(enabled)
        for widget in (self.format_box, self.paper_box, self.path_edit, self.browse_button):
            widget.setEnabled(not busy)
        # A summary covers every article in one file: neither choice applies to it.
        article_scope = formats.FORMATS[self.format_key].scope == formats.ARTICLE
        for button in (self.this_article_button, self.all_articles_button):
            button.setEnabled(article_scope and not busy)
        for edit in (self.publisher_edit, self.publisher_url_edit, self.url_pattern_edit):
            edit.setEnabled(not busy)

    def _nothing_to_preview(self) -> str:
        """Why nothing is previewed, or exported ("" while the article previewed is in the
        workspace): every article, or this one, removed while the dialog was open (by
        another desk on the workspace). The preview went on showing the report of the
        article gone, and Export wrote it."""
        if self.desk.articles.exists(self.report.article.id):
            return ""
        self._reports = None  # the summary read again, without the article gone
        if not self.desk.articles.count():
            return "every article was removed from the workspace"
        if formats.FORMATS[self.format_key].scope != formats.ARTICLE:
            return ""  # the summary of the others
        return "this article was removed from the workspace"

    def _label_preview(self, gone: str = "") -> None:
        """All articles: the preview is still of the one article, and said to be, with how
        many files go into the folder (in its own label: no line of height taken from the
        preview at 1024×640) -- none when an error leaves nothing to export. `gone`: why
        the preview is empty, said in its place."""
        if gone and (not self.every_article or not self._article_total):
            self.preview_label.setText(f"Pre&view: none, {gone}")
            return
        layout = PDF_LAYOUT_OF.get(self.format_key, "")
        if not self.every_article:
            own = f", in the PDF's layout (the {layout} lays out the same report its own way)"
            self.preview_label.setText(f"Pre&view{own if layout else ''}")
            return
        blocked = any(p.is_error for p in self._problems)  # the settings: no article
        files = 0 if blocked else self._article_total
        if files and self.format_key == "claimreview":
            # How many are refused is known only as each is written.
            what = (
                "the 1 article will be checked, and written into the folder if it has no errors"
                if files == 1
                else f"{files:,} articles will be checked, and those without errors "
                "written into the folder"
            )
        else:
            count = counted(files, "file") if files else "no file"
            what = f"{count} will be written into the folder"
        of = f": none, {gone}" if gone else " of this article"
        if layout and not gone:
            of += ", in the PDF's layout"
        self.preview_label.setText(f"Pre&view{of}; {what}")

    def _refresh_preview(self) -> None:
        fmt = formats.FORMATS[self.format_key]
        gone = self._shown_gone = self._nothing_to_preview()
        self._label_preview(gone)
        if gone:
            self._show_plain("")
            return
        report = dataclasses.replace(self._preview_report, publishing=self._publishing())
        head = dataclasses.replace(report, sentences=report.sentences[:PREVIEW_SENTENCES])
        try:
            if fmt.scope != "article" and self._summary_read_apart():
                self._show_plain(
                    f"The summary of all {self.desk.articles.count():,} articles of the "
                    "workspace is read and written when you export (it is not previewed: "
                    "reading so many articles here would hold the window for seconds)."
                )
            elif fmt.scope != "article":
                text = formats.render_workspace(
                    fmt.key, self._workspace_reports(), name=workspace_name(self.desk)
                )
                if fmt.plain_preview:
                    self._show_plain(text)
                else:
                    self._show_document(None, text)
            elif fmt.key == "claimreview":
                # Shown even while the validator objects, so the reviewer sees what is missing.
                self._show_plain(script_safe_json(claim_reviews(head)))
            elif fmt.plain_preview:
                data = formats.render_article(fmt.key, head)
                self._show_plain(data if isinstance(data, str) else "")
            else:
                # The PDF's own document, cut short: what you see is what gets exported.
                self._show_document(
                    build_document(report, dpi=self.logicalDpiY(), limit=PREVIEW_SENTENCES)
                )
        except FactcheckError as error:
            self._show_plain(str(error))

    def _show_plain(self, text: str) -> None:
        self._show_document(None)
        self.preview.setPlainText(text.removeprefix("\ufeff")[:PREVIEW_CHARS])

    def _show_document(self, document: QTextDocument | None, html_text: str = "") -> None:
        """Show a report document (or our own escaped HTML), dropping the previous one."""
        old = self._preview_document
        if document is None:
            document = QTextDocument(self.preview)
            if html_text:
                document.setHtml(html_text)
        document.setParent(self.preview)
        document.setDocumentMargin(12)
        self._preview_document = document
        self.preview.setDocument(document)
        if old is not None:
            old.deleteLater()

    # -- actions --------------------------------------------------------------------------

    def choose_path(self) -> None:
        if self.running or self._looking:
            return
        try:
            self._choose_path()
        except disk_look.NoAnswer as no_answer:
            self._not_answering(no_answer)

    def _chooser_start(self, start: str, folder: Path) -> str:
        """`start` for the file chooser, or Documents (or home) when `folder`, where it
        would open, does not answer: Qt's chooser looks at it on the window's thread, and
        froze there for as long as a share gone made it wait."""
        try:
            self._on_disk(folder, functools.partial(os.path.isdir, folder))
        except disk_look.NoAnswer as no_answer:
            if no_answer.cancelled:
                raise
            self._not_answering(no_answer)
            return qt_name(gui_settings.documents_or_home())
        return start

    def _choose_path(self) -> None:
        fmt = formats.FORMATS[self.format_key]
        if self.every_article:
            start = self.path_edit.text()
            offered = self._reports_folder
            if start == qt_name(offered) and not self._on_disk(
                offered, functools.partial(os.path.isdir, offered)
            ):
                start = qt_name(self._folder)  # the offered folder of their own is not made yet
            start = self._chooser_start(start, path_from_qt(start))
            folder = QFileDialog.getExistingDirectory(self, "Export Every Article To", start)
            if folder:
                self.path_edit.setText(folder)
                self._show_status("")
            return
        start = self.path_edit.text()
        typed = path_from_qt(start.strip()).expanduser()
        start = self._chooser_start(start, typed.parent if typed.is_absolute() else self._folder)
        name, _ = QFileDialog.getSaveFileName(
            self, "Export To", start, f"{fmt.file_filter};;All files (*)"
        )
        if name:
            path = Path(name)
            # The chooser asked before replacing `name`; with a suffix added, not this file.
            self._chooser_confirmed = path_from_qt(name) if path.suffix else None
            if not path.suffix:
                path = path.with_suffix(fmt.suffix)
            self.path_edit.setText(str(path))
            self._check_chosen(path_from_qt(str(path)))

    def _check_chosen(self, path: Path) -> None:
        """Say at once when the chosen file is one no export may replace: the chooser had
        just asked "Replace it?" about the workspace, and after Yes nothing was said until
        Export. Export checks again (the file may change meanwhile)."""
        settings_file = _settings_file()

        def check() -> None:
            if os.path.isdir(path.parent):  # a missing one is offered to be made on Export
                check_output(path, self.desk.path, settings_file=settings_file)

        try:
            check_suffix(str(path), self.format_key, in_dialog=True)
            self._on_disk(path.parent, check)
        except FactcheckError as error:
            self._show_status(self._with_free_name(str(error), path), error=True)
        else:
            self._show_status("")

    def _save_settings(self) -> None:
        """Remember publisher, its home page and URL pattern in the workspace (shared by
        the desk). Every value is checked before any is stored: a home page that is no
        web address is refused in words."""
        if self.format_key != "claimreview":
            return
        typed = [
            (setting, edit.text().strip())
            for setting, edit in (
                (settings.PUBLISHER_NAME, self.publisher_edit),
                (settings.PUBLISHER_URL, self.publisher_url_edit),
                (settings.FACTCHECK_URL_PATTERN, self.url_pattern_edit),
            )
        ]
        checked = [(s, s.check(value) if s.check else value) for s, value in typed]
        self.settings_not_kept = None
        if self.desk.workspace.read_only:
            # Used for this report all the same; gone at the next export, and nothing said.
            if any(settings.get_setting(self.desk, s) != value for s, value in checked):
                self.settings_not_kept = (
                    "The publisher settings typed were not kept for next time: this "
                    "workspace is open read-only."
                )
            return
        try:
            for setting, value in checked:
                if settings.get_setting(self.desk, setting) != value:
                    settings.set_setting(self.desk, setting, value)
        except WorkspaceError as error:
            # The report does not wait for the workspace's disk (full, its drive gone):
            # it may be going onto another with room, a USB stick. Refused, nothing was
            # exported, and the only way to export was to take the typed name out again.
            logger.warning("Publisher settings not kept: %s", error)
            self.settings_not_kept = (
                f"The publisher settings typed were not kept for next time: {error}"
            )

    def _typed_path(self, *, look: bool = True) -> Path:
        """The path in *Save to*; a relative one (`report.md`) is in the folder the dialog
        offered, not in whatever folder the desk was started from, and a name without a
        suffix gets the format's, as the file chooser gives it (`look`: unless it is a
        folder, looked at off the window's thread; else only its folder is to be known)."""
        path = path_from_qt(self.path_edit.text().strip()).expanduser()
        path = path if path.is_absolute() else self._folder / path
        # A folder: refused as such (os.path: False, not PermissionError, in a closed one).
        if (
            look
            and path.name
            and not path.suffix
            and not self._on_disk(path.parent, functools.partial(os.path.isdir, path))
        ):
            path = path.with_suffix(formats.FORMATS[self.format_key].suffix)
        return path

    def _job(self, path: Path) -> ExportJob:
        """The work for the worker thread, holding only plain data and the target path."""
        fmt = formats.FORMATS[self.format_key]
        paper = self.paper_box.currentText()
        if fmt.scope != "article":
            name = workspace_name(self.desk)
            workspace, count = self.desk.path, self.desk.articles.count()
            read_here = self._reports is not None or not self._summary_read_apart()
            reports = list(self._workspace_reports()) if read_here else None

            def workspace_job(progress: ProgressFn, cancel: CancelFn) -> None:
                if reports is None:
                    assert workspace is not None
                    content = formats.render_workspace_apart(
                        fmt.key,
                        workspace,
                        articles=count,
                        name=name,
                        progress=progress,
                        cancel=cancel,
                    )
                else:
                    content = formats.render_workspace(
                        fmt.key, reports, name=name, progress=progress, cancel=cancel
                    )
                write_atomically(path, content)

            return workspace_job
        report = self._current_report()
        pdf_writer = self._pdf_writer(fmt.key)

        def article_job(progress: ProgressFn, cancel: CancelFn) -> None:
            formats.write_report(
                fmt.key,
                report,
                path,
                paper=paper,
                pdf_writer=pdf_writer,
                progress=progress,
                cancel=cancel,
            )

        return article_job

    def _pdf_writer(self, key: str) -> Callable[..., int]:
        """`write_pdf`; for a PDF, with the report's fonts found now, on the window's thread
        (NoFontError when no font can draw it): the worker asks the font database no
        question (pdf_builder.py says why, and what Qt's layout still does there)."""
        if not formats.FORMATS[key].needs_qt:
            return write_pdf
        return functools.partial(write_pdf, fonts=report_fonts())

    def start_export(self) -> None:
        if self.running or self._looking:
            return
        try:
            self._start_export()
        except disk_look.NoAnswer as no_answer:
            self._not_answering(no_answer)

    def _on_disk(self, folder: Path, work: Callable[[], _T], wait_ms: int | None = None) -> _T:
        """`work()`, a look at the export's `folder` or a file in it, made off the window's
        thread (`disk_look.look`): a network share gone held the window for minutes at each
        look. Past the wait, or on Cancel, NoAnswer. Meanwhile the dialog says what it
        waits for, and its choices wait with Export (what they chose was read already)."""

        focused = self.focusWidget()

        def waiting() -> None:
            self._looking = True
            self._update_buttons()
            self._show_status(
                f"Looking at the folder {folder_short(folder)}…", tip=folder_tip(folder)
            )

        try:
            return disk_look.look(
                folder, work, stop=(self.finished,), waiting=waiting, wait_ms=wait_ms
            )
        finally:
            if self._looking:
                self._looking = False
                self._update_buttons()
                self._show_status("")
                self._focus_back(focused)

    def _focus_back(self, focused: QWidget | None) -> None:
        """The focus back where it was before a wait (`_on_disk`): Export, pressed with
        Enter, was disabled while the dialog waited, Qt handed the focus to Cancel, and the
        next Enter, to try again after "does not answer", closed the dialog."""
        if focused is None or focused is self.cancel_button or not self.cancel_button.hasFocus():
            return
        if not focused.isEnabled():
            focused = self.preview  # its keys only scroll (`_update_buttons`)
        focused.setFocus(Qt.FocusReason.OtherFocusReason)

    def _not_answering(self, no_answer: disk_look.NoAnswer) -> None:
        """Say that the export's folder did not answer (nothing said after a Cancel)."""
        if no_answer.cancelled or not self.isVisible():
            return
        folder = no_answer.folder
        self._show_status(not_answering_said(folder), error=True, tip=folder_tip(folder))

    def _still_to_export(self) -> bool:
        """Is this article (or the summary) still to be exported as the workspace is now?
        Said when not. Asked at Export and again just before the writing starts: the looks
        at a slow share between them let the window follow another desk's saves."""
        # An edit recorded within the second before (the window's look not yet made):
        # the report and summary written are those of now.
        if self._read_again_if_edited():
            self._refresh_problems()
            self._refresh_preview()
            if self._blocked:
                return False  # an error in what is there now (ClaimReview's), shown above
        gone = self._nothing_to_preview()
        if gone:
            # Its report as the dialog read it was written, of an article no longer in the
            # workspace; every article's export writes none for one removed meanwhile.
            self._refresh_preview()  # none, said why
            self._show_status(f"Nothing exported: {gone}.")  # a note: nothing failed
            return False
        if self._shown_gone:
            # Put back meanwhile (Ctrl+Z of Remove Article): it was exported under "Preview:
            # none, this article was removed" and an empty preview.
            self._refresh_preview()
        return True

    def _start_export(self) -> None:
        self._settle_scope()
        if self.every_article:
            self._start_every_article()  # each article read in the worker, at its turn
            return
        if not self._still_to_export():
            return
        raw = without_trailing_dots(self.path_edit.text().strip())
        if not raw:
            # A prompt, not a failure: in the dialog's own colour, not the refusals' red.
            self._show_status("Choose where to save the export.")
            return
        if raw != self.path_edit.text():
            self.path_edit.setText(raw)  # the name written is the one shown
        try:
            check_output_name(raw)  # `…/reports/`: a Path would drop the slash
            check_suffix(raw, self.format_key, in_dialog=True)  # not Markdown into `report.pdf`
        except FactcheckError as error:
            self._show_status(str(error), error=True)
            return
        path = self._typed_path()
        if not self._folder_ready(path.parent):
            return
        try:
            # Not the workspace or its files, the desk's log or settings, a device, a pipe,
            # a folder, a read-only file…
            checked = functools.partial(
                check_output, path, self.desk.path, settings_file=_settings_file()
            )
            self._on_disk(path.parent, checked)
        except FactcheckError as error:
            self._show_status(self._with_free_name(str(error), path), error=True)
            return
        if not self._may_replace(path):
            return
        # The file there before the export writes (none: None): at logout, whether the
        # export left running wrote it is told by it at the next open (`_note_at_quit`).
        before = self._on_disk(path.parent, functools.partial(gui_settings.file_identity, path))
        # Waiting on a slow share, the dialog followed another desk's saves: the article
        # removed meanwhile was written all the same, under "Preview: none".
        if not self._still_to_export() or self._blocked:
            return  # blocked: ClaimReview's error in what is there now, shown above
        try:
            self._save_settings()
        except FactcheckError as error:
            self._show_status(str(error), error=True)
            return
        try:
            job = self._job(path)
        except FactcheckError as error:  # no font to draw the PDF with
            self._on_failed(str(error))
            return
        self._target, self._target_before = path, before
        worker = ExportWorker(job)
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(self._on_succeeded)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        self._show_status(f"Exporting to {shown_file_name(path.name)}…")
        self._run(worker)

    def _settle_scope(self) -> None:
        """Take *This article* or *All articles* as the reviewer last chose it: its Alt letter
        clicks the button 100 ms later (Qt shows it pressed meanwhile), and Alt+A, Enter at
        typing speed exported this article alone, as a file, while the dialog then showed
        All articles chosen."""
        take_pressed_choice((self.this_article_button, self.all_articles_button))

    def _run(self, worker: ExportWorker) -> None:
        """Start `worker`'s job in a thread of its own, Stop in place of Cancel."""
        worker.done.connect(self._on_thread_finished, Qt.ConnectionType.QueuedConnection)
        self.progress_bar.setRange(0, 0)  # busy until the first report arrives
        self.progress_bar.show()
        self.cancel_button.setText("&Stop")
        # A QThread, not a plain thread: the PDF writer lays out a QTextDocument, which needs
        # a Qt event dispatcher in its thread. Python owns the worker (no deleteLater: Qt and
        # Python deleting one object crashed); references are dropped once the thread ended.
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.done.connect(thread.quit)
        self._worker, self._thread = worker, thread
        _EXPORTING.add(self)
        self._update_buttons()
        thread.start()

    # -- every article ------------------------------------------------------------------

    def _typed_folder(self) -> Path:
        """The folder in *Save to*; a relative one is in the folder the dialog offered."""
        folder = path_from_qt(self.path_edit.text().strip()).expanduser()
        return folder if folder.is_absolute() else self._folder / folder

    def _start_every_article(self) -> None:
        """Every article's report, one file each into the folder in *Save to*, named and
        written as `export --all` does (services/every_article.py), in the worker."""
        if not self.path_edit.text().strip():
            self._show_status("Choose the folder to save the reports in.")  # a prompt
            return
        folder = self._typed_folder()
        try:
            # Not the backups folder, the program's, a file, a read-only folder…
            checked = functools.partial(
                check_output, folder, self.desk.path, folder=True, settings_file=_settings_file()
            )
            self._on_disk(folder, checked)
        except FactcheckError as error:
            self._show_status(str(error), error=True)
            return
        if not self._folder_ready(folder):
            return
        fmt = formats.FORMATS[self.format_key]
        # The articles exported are those there now, and the dialog says how many (an
        # article imported since it opened is one of them; one imported from now on not).
        files = article_files(self.desk, fmt.key, folder)
        self._count_articles(len(files))
        self._refresh_preview()  # of no article, when every one was removed meanwhile
        if not files:
            # A note, not a failure: nothing went wrong (every article removed meanwhile).
            self._show_status("The workspace has no articles: nothing to export.")
            return
        chosen = self._may_replace_all(files, folder)
        if chosen is None:
            return
        files, replacing = chosen
        try:
            self._save_settings()
        except FactcheckError as error:
            self._show_status(str(error), error=True)
            return
        self._outcomes = []
        # Titles as listed: an article removed before its turn is named by it at the end.
        self._listed = {file.article_id: file.title for file in files}
        try:
            job = self._every_article_job(files, folder, replacing)
        except FactcheckError as error:  # no font to draw the PDFs with
            self._on_failed(str(error))
            return
        self._target = folder
        self._article_count = len(files)
        worker = ExportWorker(job)
        self._announce = worker.article_started.emit
        worker.progress.connect(self._on_progress)
        worker.article_started.connect(self._on_article_started)
        worker.succeeded.connect(self._on_every_article_ended)
        worker.failed.connect(self._on_every_article_failed)
        worker.cancelled.connect(self._on_every_article_ended)
        self._show_status(
            f"Exporting {counted(len(files), 'article')} to {folder_short(folder)}…",
            tip=folder_tip(folder),
        )
        self._run(worker)

    def _may_replace_all(
        self, files: list[ArticleFile], folder: Path
    ) -> tuple[list[ArticleFile], frozenset[str]] | None:
        """The articles to export and the files already in the folder that may be
        replaced, asked once for all of them as a single export asks about its file
        (Enter answers Don't Export); None: not to export. When some are not there yet,
        *Skip Them* writes only those: after a Stop, or to add the day's new articles
        without touching reports already sent, No exported nothing at all."""
        self._skipped = 0
        # The folder listed once, off the window's thread; it answered just now
        # (`check_output`), and a year's reports listed over a VPN take longer than a look.
        listed = functools.partial(already_there, files, folder)
        there = self._on_disk(folder, listed, wait_ms=disk_look.LISTING_WAIT_MS)
        if not there:
            return files, frozenset()
        named = ", ".join(file.name for file in there[:3])
        if len(there) > 3:
            named += f" and {counted(len(there) - 3, 'other')}"
        one = len(there) == 1
        them = "it" if one else "them"
        others = len(files) - len(there)
        of_all = "" if not others else f" of the {len(files):,}"
        # "1 of the 41 reports is", "1 report is", "2 reports are"
        reports = f"report{'s' if of_all or not one else ''} {'is' if one else 'are'}"
        Button = QMessageBox.StandardButton
        rest = "the other report" if others == 1 else f"the other {counted(others, 'report')}"
        skip = f", or skip {them} and write {rest}" if others else ""
        answer = ask(
            self,
            "Replace Files?",
            f"{len(there):,}{of_all} {reports} already in {shown_file_name(folder)} ({named}). "
            f"Replace {them} with this export{skip}?",
            Button.Yes | (Button.Ignore if others else Button.NoButton) | Button.No,
            Button.No,
            labels={
                Button.Yes: f"Replace {them.capitalize()}",
                **({Button.Ignore: f"Skip {them.capitalize()}"} if others else {}),
                Button.No: "Don't Export",
            },
        )
        if answer == Button.Ignore and others:
            self._skipped = len(there)
            kept = {file.name for file in there}
            return [file for file in files if file.name not in kept], frozenset()
        if answer != Button.Yes:
            reports = "report" if one else counted(len(there), "report")
            self._show_status(
                f"Not exported: the {reports} already in {folder_short(folder)} "
                f"{'was left as it was' if one else 'were left as they were'}.",
                error=True,
                tip=folder_tip(folder),
            )
            return None
        return files, frozenset(file.name for file in there)

    def _every_article_job(
        self, files: list[ArticleFile], folder: Path, replacing: frozenset[str]
    ) -> ExportJob:
        """The work for the worker thread: each article read there (through a read-only
        connection of its own, each report in one read transaction of its own: each file
        of one state, whatever the window saves meanwhile), then written, one after the
        other. One transaction around them all, as before, kept every save the window made
        during the export in the workspace's -wal to its end (it grows without bound over a
        year's PDFs; `export --all` reads the same way)."""
        fmt = formats.FORMATS[self.format_key]
        paper = self.paper_box.currentText()
        publishing = self._publishing()
        workspace, settings_file = self.desk.path, _settings_file()
        ids = [file.article_id for file in files]
        count = len(ids)
        outcomes = self._outcomes
        pdf_writer = self._pdf_writer(fmt.key)
        # An in-memory workspace (tests) has no file to read apart: read here, now.
        read_here = (
            None
            if workspace is not None
            else {i: load_article_report(self.desk, i, publishing=publishing) for i in ids}
        )

        def every_article_job(progress: ProgressFn, cancel: CancelFn) -> None:
            at = [0]  # the article being written, 0-based

            def starting(number: int, report: ArticleReport) -> None:
                # The file now written, as it was before (`_note_at_quit`): one stat.
                path = folder / formats.default_file_name(fmt.key, report)
                self._writing = (number, path, gui_settings.file_identity(path))
                at[0] = number - 1
                self._announce(number, count, report.article.title)
                progress(at[0] * ARTICLE_STEPS, count * ARTICLE_STEPS)

            def file_progress(done: int, total: int) -> None:
                share = done * ARTICLE_STEPS // total if total else 0
                progress(at[0] * ARTICLE_STEPS + share, count * ARTICLE_STEPS)

            def run(load: Callable[[int], ArticleReport]) -> None:
                for outcome in export_every_article(
                    fmt.key,
                    ids,
                    load,
                    folder,
                    workspace,
                    paper=paper,
                    pdf_writer=pdf_writer,
                    settings_file=settings_file,
                    replace=lambda path: path.name in replacing,  # the names asked about
                    starting=starting,
                    progress=file_progress,
                    cancel=cancel,
                    again="",  # said once, after the reports named (`_write_again_said`)
                ):
                    # Without its report: 5,000 reports kept alive to the end held hundreds
                    # of MB, and each full garbage collection walking them stalled the
                    # window (1.5 s); only what became of each article is told.
                    outcomes.append(dataclasses.replace(outcome, report=None))
                progress(count * ARTICLE_STEPS, count * ARTICLE_STEPS)

            if read_here is not None:
                run(read_here.__getitem__)
                return
            assert workspace is not None
            with Desk.reading_apart(workspace, one_state=False) as reader:
                run(lambda i: load_article_report(reader, i, publishing=publishing))

        return every_article_job

    @Slot(int, int, str)
    def _on_article_started(self, number: int, count: int, title: str) -> None:
        # One line however the title is made: no bidi control turning the words after it
        # around, an Arabic title set apart from the count, a long one cut short.
        shown = set_apart(one_line(shown_line(title), PROGRESS_TITLE_CHARS))
        self._show_status(f"Exporting {number:,} of {count:,}: “{shown}”…")

    def _every_article_said(self) -> tuple[str, bool]:
        """What became of the export of every article, in words, with the articles refused
        and why (ClaimReview's errors among them: each article is checked as it is
        written); and whether all went."""
        written, removed, unpublished, refused = self._outcomes_by_kind()
        count, folder = self._article_count, self._target
        logged = self._log_outcomes(removed, unpublished, refused)
        see = SEE_LOG if logged else see_recent_messages("every number")
        # Said before the list of the articles refused, never between it and its colon.
        kept = ""
        if self._skipped:
            kept = (
                " The report already there was left as it was."
                if self._skipped == 1
                else f" The {self._skipped:,} reports already there were left as they were."
            )
        kept += self._removed_said(removed, see) + _unpublished_said(unpublished, see)
        into = folder_short(folder)
        said = f"Exported {len(written):,} of {counted(count, 'article')} to {into}."
        if len(written) == count:
            said = f"Exported {counted(count, 'article')}, one file each, to {into}.{kept}"
        elif written and len(written) + len(removed) + len(unpublished) == count:
            said = f"Exported {len(written):,} of {counted(count, 'article')}, one file each, "
            said += f"to {into}.{kept}"
        elif len(self._outcomes) < count:  # stopped
            # A Stop between two articles has no file in progress to speak of.
            said = (
                f"Export stopped: {len(written):,} of {counted(count, 'report')} written to "
                f"{into}, each whole; nothing of the others was written."
                if written  # not "0 of 41 reports written …, each whole"
                else f"Export stopped before any report was written to {into}."
            ) + kept
            if refused:
                one = len(refused) == 1
                said += f" {counted(len(refused), 'article')} {'was' if one else 'were'} refused:"
        elif self._nothing_new():
            # The day's "add today's articles" (Skip Them) with no verdict yet in any new
            # one: nothing failed, and it ended as a red "None of the 2 articles was
            # exported".
            said = f"Nothing new to publish: no report was written to {into}.{kept}"
        elif not written:
            said = (
                f"The article was not exported to {into}"
                if count == 1
                else f"None of the {count:,} articles was exported to {into}"
            ) + (f".{kept}" if kept else ":")
            if kept and refused:  # the list below is of those refused, not of the above
                # "… were left as they were. These were not:" read as not left.
                said += " These were refused:" if len(refused) > 1 else " This one was refused:"
        elif refused:
            if kept:
                these = (
                    "This one was refused:"
                    if len(refused) == 1
                    else f"These {len(refused):,} were refused:"
                )
                said = said[:-1] + f".{kept} {these}"
            else:
                these = (
                    "this one was not:"
                    if len(refused) == 1
                    else f"these {len(refused):,} were not:"
                )
                said = said[:-1] + f"; {these}"
        for outcome in refused[:REFUSED_NAMED]:
            title = set_apart(one_line(outcome.title, REFUSED_TITLE_CHARS))
            who = (
                f"“{title}” (article {outcome.article_id})"
                if outcome.title
                else (f"Article {outcome.article_id}")
            )
            # "The ClaimReview markup cannot be exported: " before each error took a line
            # of the dialog's each time.
            reason = (outcome.refusal or "").removeprefix(claimreview.REFUSED)
            reason = folder_said_short(reason, folder)
            said += f"\n{who}: {one_line(reason, REFUSED_REASON_CHARS)}"
        if len(refused) > REFUSED_NAMED:
            more = len(refused) - REFUSED_NAMED
            where = SEE_LOG if logged else see_recent_messages("each")
            said += f"\n… and {counted(more, 'other article')}{where}."
        said += self._write_again_said(refused, bool(written))
        return said, self._all_went()

    def _log_outcomes(
        self,
        removed: list[ArticleExported],
        unpublished: list[ArticleExported],
        refused: list[ArticleExported],
    ) -> bool:
        """Every article not written, whole, in the log; whether the log file took them.
        When it did not (a read-only home, a full disk), they are kept in Help → Recent
        Messages instead (`kept_whole`): the dialog names only the first few."""
        for outcome in refused:
            logger.warning("Export of article %s: %s", outcome.article_id, outcome.refusal)
        for outcome in removed:
            logger.info("Export of article %s: %s", outcome.article_id, outcome.refusal)
        if unpublished:  # every number, however many: the dialog names the first few
            numbers = number_runs([o.article_id for o in unpublished])
            logger.info("Export of every article: nothing to publish yet in articles %s", numbers)
        if logs.not_written() is None:
            return True
        into = shown_file_name(self._target)
        # The runs of numbers first, then each refusal with why: Recent Messages keeps
        # KEPT_LINES lines, its oldest going first, and an archive's 250 refusals, one
        # line each, put the runs and the last 50 out of it at once. Past
        # REFUSALS_KEPT_WHOLE, the rest are numbered on one line.
        lines: list[str] = []
        if removed:
            numbers = number_runs([o.article_id for o in removed])
            lines.append(
                f"Export to {into}: removed from the workspace meanwhile, no file written: "
                f"articles {numbers}"
            )
        if unpublished:
            numbers = number_runs([o.article_id for o in unpublished])
            lines.append(
                f"Export to {into}: nothing to publish yet, no file written: articles {numbers}"
            )
        lines += [
            f"Export to {into}: article {o.article_id} not written: {o.refusal}"
            for o in refused[:REFUSALS_KEPT_WHOLE]
        ]
        if len(refused) > REFUSALS_KEPT_WHOLE:
            rest = [o.article_id for o in refused[REFUSALS_KEPT_WHOLE:]]
            lines.append(
                f"Export to {into}: {counted(len(rest), 'more article')} not written "
                f"(why each was is not kept: more than Recent Messages holds; export them "
                f"again to see): articles {number_runs(rest)}"
            )
        if lines:
            self.kept_whole.emit(lines)
        return False

    def _write_again_said(self, refused: list[ArticleExported], written: bool) -> str:
        """What to do about reports a moment's input/output error refused (a network
        drive reconnecting), on a line of its own ("" for none): "Cannot write …:
        Input/output error" was all that was said. Skip Them is offered by the next
        export when reports are there, and writes only those missing."""
        if not any(outcome.write_again for outcome in refused):
            return ""
        if written or self._skipped:
            return "\nExport again with Skip Them to write the ones missing."
        return f"\nExport again to write {'it' if len(refused) == 1 else 'them'}."

    def _outcomes_by_kind(
        self,
    ) -> tuple[
        list[ArticleExported], list[ArticleExported], list[ArticleExported], list[ArticleExported]
    ]:
        """The export's articles written; removed in the window during the export (each
        is read at its turn); with nothing to publish yet (ClaimReview: no verdict); and
        refused. Only the last are a failure: the removed and those with nothing to
        publish were refusals each, named one by one with the same words, the export told
        as failed and the dialog left open, when every article that could be was written
        (`export --all` says them once, in a note)."""
        written, removed, unpublished, refused = [], [], [], []
        for outcome in self._outcomes:
            if outcome.written:
                written.append(outcome)
            elif outcome.removed:
                removed.append(outcome)
            elif outcome.nothing_to_publish:
                unpublished.append(outcome)
            else:
                refused.append(outcome)
        return written, removed, unpublished, refused

    def _nothing_new(self) -> bool:
        """Reports already in the folder left as they were (Skip Them), and every other
        article ended with nothing to publish yet or removed meanwhile: not a failure, no
        file written, not stopped. (Every other one removed was told in red, as "None of
        the 2 articles was exported".)"""
        written, removed, unpublished, refused = self._outcomes_by_kind()
        ended = len(self._outcomes) == self._article_count
        noted = unpublished or removed
        return bool(self._skipped and noted) and ended and not (written or refused)

    def _all_went(self) -> bool:
        """Every article written, or removed meanwhile, or with nothing to publish yet,
        and at least one written."""
        written, removed, unpublished, _refused = self._outcomes_by_kind()
        done = len(written) + len(removed) + len(unpublished)
        return bool(written) and done == self._article_count

    def _removed_said(self, removed: list[ArticleExported], see: str = SEE_LOG) -> str:
        """The articles removed from the workspace during the export, in one sentence
        (starting with a space; "" for none): named when one; when more, counted and
        numbered as those with nothing to publish are, the first runs (the log has each)."""
        if not removed:
            return ""
        if len(removed) == 1:
            number = removed[0].article_id
            title = set_apart(one_line(self._listed.get(number, ""), REFUSED_TITLE_CHARS))
            who = f"Article {number} (“{title}”)" if title else f"Article {number}"
            return (
                f" {who} was removed from the workspace during the export: no file was "
                "written for it."
            )
        ids = [o.article_id for o in removed]
        numbers = number_runs(ids, UNPUBLISHED_NAMED)
        log = see if runs_left_out(ids, UNPUBLISHED_NAMED) else ""
        return (
            f" {counted(len(removed), 'article')} ({numbers}) were removed from the workspace "
            f"during the export: no file was written for them{log}."
        )

    def _remember_folder(self) -> None:
        """The folder the reports went to: File → Open Last Export opens it, and it is
        offered next time (the one it is in, when it was the dialog's offer)."""
        folder = self._target
        self.exported_path = folder
        # The dialog's own folder for them: the folder it is in is offered next time (a
        # single report goes there, and the next day's reports into a folder beside it).
        offered = folder == self._reports_folder
        gui_settings.remember_export(folder, folder.parent if offered else folder, self.format_key)

    @Slot()
    def _on_every_article_ended(self) -> None:
        """Every article done, or stopped: the files written are told and remembered;
        the dialog closes only when each article was written."""
        said, all_went = self._every_article_said()
        if any(o.written for o in self._outcomes):
            self._remember_folder()
        if all_went:
            written, removed, unpublished, _refused = self._outcomes_by_kind()
            note = f"Exported {counted(len(written), 'article')}, one file each"
            if unpublished:
                note += f"; {len(unpublished):,} with nothing to publish yet"
            if removed:
                note += f"; {len(removed):,} removed from the workspace meanwhile"
            self.exported_note = note
            if self._skipped:
                self.exported_note += f"; {self._skipped:,} already there kept"
            self._show_status(said, tip=folder_tip(self._target))
            self.export_finished.emit(str(self._target))
            return
        self.exported_path = None  # the dialog stays, saying what was not written
        # A Stop is the reviewer's own: said as a single export's cancel is, not in red,
        # unless articles were refused before it (those with nothing to publish yet, or
        # removed meanwhile, are notes: they made a Stop red, as if the export had failed).
        stopped = len(self._outcomes) < self._article_count
        written, removed, unpublished, refused_ones = self._outcomes_by_kind()
        # Every article removed meanwhile: none refused (`export --all` ends with 0).
        all_removed = bool(removed) and not (written or unpublished or refused_ones)
        refused = bool(refused_ones) or not (stopped or self._nothing_new() or all_removed)
        self._show_status(said, error=refused, over_preview=refused, tip=folder_tip(self._target))
        if stopped or not refused:  # nothing new to publish: ended as a Stop ends, no failure
            self.export_cancelled.emit()
        else:
            self.export_failed.emit(said)

    @Slot(str)
    def _on_every_article_failed(self, message: str) -> None:
        written = sum(o.written for o in self._outcomes)
        if written:
            self._remember_folder()
            self.exported_path = None
        of = f"after {written:,} of {counted(self._article_count, 'report')} written"
        folder = self._target
        self._show_status(
            f"Export failed {of if written else 'before any report was written'} to "
            f"{folder_short(folder)}: {folder_said_short(message, folder)}",
            error=True,
            tip=folder_tip(folder),
        )
        self.export_failed.emit(message)

    def _with_free_name(self, refusal: str, path: Path) -> str:
        """A refusal that asks for another file name ("… is the workspace itself: choose
        another file name.") with a free one beside it, in this format: "(report (2).md
        is free)". It suggested none, and a reviewer under deadline had to make one up.
        Not for a refused folder (the program's, the backups'): no name in it would do."""
        endings = ("choose another file name.", "choose another name or make it writable.")
        if not refusal.endswith(endings):
            return refusal
        suffix, settings_file = formats.FORMATS[self.format_key].suffix, _settings_file()
        try:
            free = self._on_disk(
                path.parent,
                functools.partial(_free_name_beside, path, suffix, self.desk.path, settings_file),
            )
        except disk_look.NoAnswer:
            return refusal  # the refusal holds without a name to suggest
        return (
            refusal if free is None else f"{refusal[:-1]} ({shown_file_name(free.name)} is free)."
        )

    def _may_replace(self, path: Path) -> bool:
        """An existing file is replaced only when the reviewer says so (the file chooser
        has asked already about the file it returned): the offered name is the same for
        article 1 of every workspace, and a typed name may be anyone's file."""
        if path == self._chooser_confirmed:
            return True
        if not self._on_disk(path.parent, functools.partial(os.path.exists, path)):
            return True
        # Plain text (`ask`): a file may be named "<h1>draft.html", which Qt would show as
        # a heading if it guessed the question was HTML.
        answer = ask(
            self,
            "Replace File?",
            f"{shown_file_name(path.name)} already exists in {shown_file_name(path.parent)}. "
            "Replace it with this export?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self._show_status(
                f"Not exported: {shown_file_name(path.name)} was left as it was.", error=True
            )
            return False
        return True

    def _folder_ready(self, folder: Path) -> bool:
        """A missing folder is offered to be created (a typed new folder is common). When
        the folder above it is missing too, the disk it was on may be gone (a USB stick
        pulled since it was chosen): made on Enter, the stick's path went onto the
        computer's own disk with the report in it, so that question says so and Enter
        answers No."""
        state, top = self._on_disk(
            folder, functools.partial(_folder_state, folder, self._reports_folder)
        )
        if state == "there":
            return True
        if state == "offer":
            return self._made(folder)
        if top == folder:
            question = (
                f"The folder {shown_file_name(folder)} does not exist. Create it and export there?"
            )
            default = QMessageBox.StandardButton.Yes
        else:
            question = (
                f"The folder {shown_file_name(folder)} does not exist, nor does "
                f"{shown_file_name(top)}. If it was on a USB "
                "stick or a network drive, connect it again and press Export. Create the "
                "folders on this computer anyway?"
            )
            default = QMessageBox.StandardButton.No
        answer = ask(
            self,
            "Create Folder?",
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            default,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self._show_status(
                f"Not exported: the folder {shown_file_name(folder)} does not exist.", error=True
            )
            return False
        return self._made(folder)

    def _made(self, folder: Path) -> bool:
        try:
            self._on_disk(folder, functools.partial(folder.mkdir, parents=True))
        except OSError as error:
            self._show_status(
                f"Could not create {shown_file_name(folder)}: {error_text(error)}", error=True
            )
            return False
        return True

    def cancel_export(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._show_status("Stopping…")

    def _on_cancel(self) -> None:
        if self.running:
            self.cancel_export()
        else:
            self.reject()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)

    @Slot()
    def _on_succeeded(self) -> None:
        self.exported_path = self._target
        gui_settings.remember_export(self._target, self._target.parent, self.format_key)
        self._show_status(f"Exported to {self._target}")
        self.export_finished.emit(str(self._target))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._show_status(f"Export failed, nothing was written: {message}", error=True)
        self.export_failed.emit(message)

    @Slot()
    def _on_cancelled(self) -> None:
        self._show_status("Export cancelled: nothing was written.")
        self.export_cancelled.emit()

    @Slot()
    def _on_thread_finished(self) -> None:
        self._forget_thread()
        if self.exported_path is not None and self.isVisible():
            self.accept()
            return
        # The dialog stays (a Stop, a refusal): what changed while the export ran, let
        # pass then, is counted now. *All articles (3)* stayed, 2 there, until the next
        # change to the articles.
        self.follow_workspace()
        self.follow_saves()

    def _forget_thread(self, wait_ms: int | None = None) -> None:
        """Let go of the export's thread once it has ended; `wait_ms`: wait no longer
        than that for it to end, then leave it running (`STOP_WAIT_MS`)."""
        thread, worker = self._thread, self._worker
        if thread is not None:
            thread.quit()
            # Without `wait_ms`, `done` was emitted: only the thread's last steps are left.
            forever = QDeadlineTimer.ForeverConstant.Forever
            if thread.wait(QDeadlineTimer(forever if wait_ms is None else wait_ms)):
                thread.deleteLater()  # parented to the dialog, so Qt owns it
            else:
                logger.warning(
                    "Export to %s left to end with the desk: it did not stop within %d ms "
                    "(a drive not answering?).",
                    self._target,
                    wait_ms,
                )
                thread.setParent(None)  # not freed with the dialog while it runs
                assert worker is not None
                _LEFT_RUNNING.append((thread, worker))
        self._thread = self._worker = None
        _EXPORTING.discard(self)  # ended: the dialog may go
        self.progress_bar.hide()
        self.cancel_button.setText("Cancel")
        self._update_buttons()

    def _clear_refusal(self, _text: str = "") -> None:
        """A refusal of the name goes as the reviewer fixes it (a running export's
        progress stays)."""
        if not self.running:
            self._show_status("")

    def _show_status(
        self, text: str, *, error: bool = False, over_preview: bool = False, tip: str = ""
    ) -> None:
        """`text` under the preview (none: the line goes). `over_preview`: in the preview's
        room, until the next line is shown (the end of every article's export, naming the
        articles refused: at 16 pt on 1024×640 it was cut after two of them, "… and 4
        other articles" unseen, under a preview of one article nobody was reading). `tip`:
        the line's tooltip (the folder named short in it, whole)."""
        colour = readable_on(ERROR, self.status_label)
        self.status_label.setStyleSheet(f"color: {colour};" if error else "")
        self.status_label.setText(text)
        self.status_label.setToolTip(tip)
        self.status_label.setVisible(bool(text))
        self.preview_label.setVisible(not over_preview)
        self.preview.setVisible(not over_preview)

    def wait_for_export(self) -> None:
        """Stop a running export and wait for its thread (closing must not orphan it)."""
        if self._thread is not None and self._worker is not None:
            self._worker.done.disconnect(self._on_thread_finished)
            self.cancel_export()
            self._forget_thread(STOP_WAIT_MS)

    def reject(self) -> None:
        if self.running and not self._closed_by_program:
            self.cancel_export()  # Esc, Stop: the dialog stays, saying it was cancelled
            return
        if self.running:
            # The desk is quitting (logging out, `kill`: every window is closed): the
            # export stops, nothing of it written, and the dialog closes. It stayed open,
            # so the desk did too, holding the workspace, until the session killed it.
            logger.info("Export to %s stopped: the desk is quitting.", self._target)
            worker = self._worker
            self.wait_for_export()
            if closing_on_signal() and self.desk.path is not None and worker is not None:
                self._note_at_quit(self.desk.path, worker)  # told at the next start
        super().reject()

    def _note_at_quit(self, workspace: Path, worker: ExportWorker) -> None:
        """What the export stopped at logout left, to be told at the next open, as it
        turned out. Ended within the wait, its outcome is known (a report written whole
        as the Stop came is no "stopped"); left running, its file may still be written
        in the process's last instant, so the next open looks at it
        (`gui_settings.note_stopped_export`). Every line said "stopped" at once."""
        again = f"Export it again ({key_text(SPECS[ActionId.EXPORT])})."
        if not self._folder_mode:
            if worker.outcome == "succeeded":
                # Written whole: Open Last Export finds it (its queued end never comes).
                gui_settings.remember_export(self._target, self._target.parent, self.format_key)
                return
            line = (
                f"The export to {self._target.name} was stopped: nothing of it was "
                f"written (a file of that name from before is as it was). {again}"
            )
            if worker.outcome is None:  # left running
                gui_settings.note_stopped_export(
                    workspace, self._target, self._target_before, line, ""
                )
            else:
                gui_settings.note_stopped_work(workspace, [line])
            return
        writing = self._writing  # before the outcomes: the file begun, then its outcome
        outcomes = list(self._outcomes)
        written = sum(o.written for o in outcomes)
        went = all(o.written or o.removed or o.nothing_to_publish for o in outcomes)

        def line_after(count: int) -> str:
            """The line told with `count` reports written ("": the export ended whole)."""
            if went and count and len(outcomes) + (count - written) == self._article_count:
                return ""
            return (
                f"The export of every article to {self._target} was stopped after "
                f"{count:,} of {counted(self._article_count, 'report')}, each "
                f"whole; nothing of the others was written. {again}"
                if count
                else f"The export of every article to {self._target} was stopped "
                f"before any report was written. {again}"
            )

        pending = worker.outcome is None and writing is not None and writing[0] > len(outcomes)
        if pending:
            assert writing is not None
            _number, path, before = writing
            # Its file cannot be looked at next time (a share still down): the rest is
            # known all the same, and a note naming that file alone left the reports
            # after it, never written, to be taken for done.
            more = (
                f"It was the export of every article to {self._target}: before it, "
                f"{written:,} of {counted(self._article_count, 'report')} written whole; "
                f"after it, nothing written."
                if line_after(written + 1)
                else ""
            )
            gui_settings.note_stopped_export(
                workspace, path, before, line_after(written), line_after(written + 1), more
            )
            return
        line = line_after(written)
        if line:
            gui_settings.note_stopped_work(workspace, [line])

    def done(self, result: int) -> None:
        self.wait_for_export()
        self._summary_due.stop()  # closed: no summary to preview (held, not deleted)
        self._saves_due.stop()  # likewise no report to read again
        super().done(result)
