"""The progress of a background job (an import, Check Workspace, a rebuild of the search
index), in the status bar: the window stays usable."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from factcheck_app.domain.printable import shown_file_name
from factcheck_app.gui.models import plain_tooltip

# Small files finish before the progress would show; it appears only for longer imports.
SHOW_AFTER_MS = 400
STAGE_WIDTH = 260  # pixels for "Splitting NAME into sentences" before it is elided
BAR_WIDTH = 160  # pixels: the bar is a glance, the stage's words say what is happening
PER_MILLE = 1000  # the bar's range: `set_progress` takes thousandths
BAR_TEXT_MARGINS = 12  # pixels beside the bar's own text ("Search index 2 %")


class JobProgress(QWidget):
    """Stage, bar and Cancel. Not a dialog: the reviewer keeps tagging and typing while a
    big article imports (a modal progress dialog took the keyboard for the whole import).
    `what` names the job ("Import": objects importProgress, importStage, cancelImport)."""

    cancel_requested = Signal()
    shown = Signal()  # the window makes room for its status message again
    has_cancel = True  # False: its Cancel button is hidden for good
    # What its bar says of itself while a status message has its stage's room: the job
    # in a word or two and how far it is ("Search index 2 %"). Its stage gave way to a
    # message, and the bar alone looked empty at 2 % beside "More than 1,000 verdicts by
    # Alice await sign-off…" at the open of a big workspace.
    bar_words = ""

    def __init__(self, what: str, starting: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        key = what.lower()
        self._starting = starting
        self.setObjectName(f"{key}Progress")
        self.stage = QLabel()
        self.stage.setObjectName(f"{key}Stage")
        self.stage.setFixedWidth(STAGE_WIDTH)
        self.stage.setTextFormat(Qt.TextFormat.PlainText)  # a file name is not markup
        self.bar = QProgressBar()
        self.bar.setRange(0, PER_MILLE)
        self.bar.setMaximumWidth(BAR_WIDTH)
        self.bar.setTextVisible(False)  # the stage says it, until it gives way (`make_room`)
        self.bar.setFormat(f"{self.bar_words or what} %p %")
        self.cancel_button = QPushButton(f"Cancel {what}")
        self.cancel_button.setObjectName(f"cancel{what}")
        # Clicked with the mouse only: a keyboard user has File → Cancel Import (Cancel
        # Check), and the button never takes focus from the sentence list.
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button.clicked.connect(self.cancel_requested)
        if not self.has_cancel:
            self.cancel_button.hide()
        layout = self._row = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        # As wide as its parts, never wider: the status bar gave it room the message beside
        # it needed (its bar and Cancel button stretched into it).
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self._show_timer = QTimer(self, singleShot=True, interval=SHOW_AFTER_MS)
        self._show_timer.timeout.connect(self.show)
        self._needed, self._words = 0, True  # the room it was last asked to make (`make_room`)
        self.hide()

    def start(self, starting: str | None = None) -> None:
        """The job began: show the progress unless it ends within SHOW_AFTER_MS.
        `starting`: its first words, if not the job's usual ones."""
        self.set_progress(0, starting or self._starting)
        self._show_timer.start()

    def set_progress(self, value: int, stage: str) -> None:
        """`value` in per mille; `stage` in words."""
        # The file's name in it ("Reading NAME") is as the system gave it: shown as every
        # file's name is (`shown_file_name`: a control character, bidi ones too, as "?",
        # a right-to-left override having reversed the words after it; a byte that is no
        # UTF-8 as "�", not dropped), and the tooltip the characters, not markup
        # ("<img width=2000 …>" was an empty picture 2,000 pixels wide).
        stage = shown_file_name(stage)
        self.bar.setValue(value)
        elided = self.stage.fontMetrics().elidedText(
            stage, Qt.TextElideMode.ElideMiddle, STAGE_WIDTH
        )
        self.stage.setText(elided)
        self.stage.setToolTip(plain_tooltip(stage, composed=True))
        self.bar.setToolTip(self.stage.toolTip())  # whole there, the stage given way

    def stop(self) -> None:
        self._show_timer.stop()
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._needed > 0:
            self.make_room(self._needed, self._words)  # its bar's words as wide as the font's

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()

    def room_when_whole(self) -> int:
        """Its width with its stage and bar shown (however it is shown now), and its
        Cancel button unless it has none (`has_cancel`)."""
        spacing = max(self._row.spacing(), 0)
        room = STAGE_WIDTH + BAR_WIDTH + spacing
        if self.has_cancel:
            room += self.cancel_button.sizeHint().width() + spacing
        return room

    def least_room(self, words: bool = True) -> int:
        """Its width at the most room made (`make_room`): its bar as wide as its own words
        (none without `words`), and its Cancel button unless it has none."""
        spacing = max(self._row.spacing(), 0)
        room = self._words_width() + spacing if words else 0
        if self.has_cancel:
            room += self.cancel_button.sizeHint().width()
        return room

    def _words_width(self) -> int:
        """The bar's width for its own words at their widest ("… 100 %")."""
        widest = self.bar.format().replace("%p", "100")
        return self.bar.fontMetrics().horizontalAdvance(widest) + BAR_TEXT_MARGINS

    def make_room(self, needed: int, words: bool = True) -> None:
        """Yield up to `needed` pixels to the status bar's message beside it: its stage's
        words (kept in the tooltip), the bar then saying in its own words how far the job
        is ("Search index 2 %"), then the bar's room but for those words, and without
        `words` the bar too; Cancel stays. 0 shows it whole again. A long message ("the
        index was stopped at 40 %: a search may miss…") was cut off beside an import's
        progress on a 1024-pixel screen."""
        self._needed, self._words = needed, words
        spacing = max(self._row.spacing(), 0)
        whole = needed <= 0
        self.stage.setVisible(whole)
        self.bar.setVisible(whole or words or needed <= STAGE_WIDTH + spacing)
        self.bar.setTextVisible(not whole)
        least = 0 if whole else self._words_width()
        self.bar.setMinimumWidth(least)
        self.bar.setMaximumWidth(
            max(BAR_WIDTH, least) if needed <= STAGE_WIDTH + spacing else least
        )
        self.updateGeometry()  # the status bar lays it out narrower (or whole) again


class ImportProgress(JobProgress):
    """A background import's progress."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Import", "Importing…", parent)


class CheckProgress(JobProgress):
    """Check Workspace's progress: it reads the whole file beside the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Check", "Checking the workspace…", parent)


class RebuildProgress(JobProgress):
    """The search index's rebuild beside the window (an out-of-date or damaged index)."""

    bar_words = "Search index"  # its own index a read-only window builds too

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Rebuild", "Rebuilding the search index…", parent)

    def name_for(self, *, private: bool) -> None:
        """Its button says what it stops: a read-only window builds its own index."""
        self.cancel_button.setText("Cancel Build" if private else "Cancel Rebuild")


class RemovalProgress(JobProgress):
    """The hidden half of an import a quit stopped, removed beside the window at the next
    open. No Cancel: it takes nothing from the reviewer (the window's saves go first), a
    quit stops it at once, and what a Cancel left would only wait for the next open."""

    has_cancel = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Removal", "Removing stopped import…", parent)
