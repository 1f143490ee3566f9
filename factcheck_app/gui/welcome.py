"""The note a new reviewer sees once, above the first article."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent, QTextDocument, QTextDocumentFragment
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from factcheck_app.gui.colours import follow_palette

# Our own words, not article text: the only rich text the window shows.
WELCOME = (
    "<b>Welcome to Factcheck desk.</b> {open}"
    "<b>Ctrl+O</b> or by dragging files onto the window. "
    "Move with <b>↓/↑</b> (or J/K), tag a sentence <b>C</b> claim, <b>D</b> denial, "
    "<b>F</b> fact, give a verdict with <b>1–6</b>, and link a source with <b>Ctrl+L</b>; "
    "<b>N</b> goes to the next sentence not yet done. Everything is saved as you go. "
    "<b>F1</b> lists every key."
)
# How the note starts: on a new workspace the sample article is what is open; on one that
# already holds work (imported from the command line, a colleague's) that work is.
WITH_SAMPLE = "The article open now is a sample to try things on; bring in your own with "
WITHOUT_SAMPLE = "Bring in an article with "
# The same keys in fewer words, for a window where the whole note would take more than
# SHARE of its height (16 pt on a 1024×640 screen: four lines, and the sentence list
# under the article kept three lines and a half of the sentence). The whole words stay
# the note's tooltip and what a screen reader says of Got It.
SHORT = (
    "<b>Welcome.</b> {open}<b>↓/↑</b> move, <b>C</b> <b>D</b> <b>F</b> tag, "
    "<b>1–6</b> verdict, <b>Ctrl+L</b> source, <b>Ctrl+O</b> bring in articles; "
    "all saved as you go. <b>F1</b>: every key."
)
SHORT_SAMPLE = "The article open is a sample. "
SHARE = 1 / 6


_SHEET = "#welcomeNote { background: #e8f1fb; } #welcomeNote QLabel { color: #102a43; }"


class WelcomeNote(QFrame):
    """Hidden until the window is asked to welcome a first start; gone once dismissed."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("welcomeNote")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The label is styled too: it draws in the palette's text colour otherwise, which a
        # dark desktop theme makes white, on this pale blue.
        follow_palette(self, lambda: _SHEET)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.dismiss_button = QPushButton("&Got It")
        self.dismiss_button.setObjectName("welcomeGotIt")
        # The sample's article id while the note may call the open article the sample.
        self.sample_article: int | None = None
        self._sample = True
        self._watched_window: QObject | None = None
        self.say_sample_is_open(True)
        self.dismiss_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def follow_open_article(self, article_id: int | None) -> None:
        """Another article is open: the note calls it the sample only if it is (a
        newcomer's own first article opened under "The article open now is a sample")."""
        if self.sample_article is not None:
            self.say_sample_is_open(article_id == self.sample_article)

    def forget_sample(self) -> None:
        """Another workspace is shown: the sample is none of its articles, whatever their
        ids (a workspace's own), so the note calls none of them the sample."""
        if self.sample_article is not None:
            self.sample_article = None
            self.say_sample_is_open(False)

    def say_sample_is_open(self, sample: bool) -> None:
        """Whether the note says the open article is the sample."""
        self._sample = sample
        text = self._whole_text()
        # Tab reaches the button only, never the label: the note's words are the button's
        # description, or a screen reader says "Got It" and nothing of what it dismisses.
        self.dismiss_button.setAccessibleDescription(
            QTextDocumentFragment.fromHtml(text).toPlainText()
        )
        self._fit()

    def _whole_text(self) -> str:
        return WELCOME.format(open=WITH_SAMPLE if self._sample else WITHOUT_SAMPLE)

    def _fit(self) -> None:
        """The whole words, or the short ones where the whole would take more than SHARE
        of the window's height at the label's width (measured with the whole words)."""
        whole = self._whole_text()
        window = self.window()
        short = False
        if self.isVisible() and window is not self and self.label.width() > 0:
            measure = QTextDocument()
            measure.setDefaultFont(self.label.font())
            measure.setDocumentMargin(0)
            measure.setHtml(whole)
            measure.setTextWidth(self.label.width())
            layout = self.layout()
            margins = layout.contentsMargins().top() * 2 if layout is not None else 0
            needed = measure.size().height() + margins
            short = needed > window.height() * SHARE
        if short:
            text = SHORT.format(open=SHORT_SAMPLE if self._sample else "")
            self.label.setToolTip(whole)
        else:
            text = whole
            self.label.setToolTip("")
        if self.label.text() != text:
            self.label.setText(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The window's height changes the note's share without resizing the note.
        window = self.window()
        if window is not self and window is not self._watched_window:
            if self._watched_window is not None:
                self._watched_window.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched_window = window
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Hidden (Got It), nothing to fit: its showEvent fits it when shown again.
        if (
            watched is self._watched_window
            and event.type() == QEvent.Type.Resize
            and not self.isHidden()
        ):
            self._fit()
        return super().eventFilter(watched, event)
