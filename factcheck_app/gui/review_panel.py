"""The side panel that edits the current sentence's review."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QStandardItemModel,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.errors import InvalidSourceUrl
from factcheck_app.domain.models import (
    DEFAULT_SCALE,
    Review,
    SentenceRow,
    SourceLink,
    Status,
    Tag,
)
from factcheck_app.domain.printable import (
    has_unbroken_run,
    holds_right_to_left,
    shown_line,
    typed_line,
    typed_lines,
)
from factcheck_app.domain.review_rules import given_tag_text, nothing_to_check, tag_kept
from factcheck_app.domain.urls import validate_source_url
from factcheck_app.gui.actions import SPECS, ActionId, first_key_text, key_sequences
from factcheck_app.gui.colours import (
    ERROR,
    READABLE_CONTRAST,
    contrast,
    faint_on,
    follow_palette,
    readable_hints,
    readable_on,
    shade_read_only,
)
from factcheck_app.gui.conflict_view import ConflictView
from factcheck_app.gui.earlier_verdicts import EarlierVerdictsBox
from factcheck_app.gui.fixed_lines import FixedLinesText
from factcheck_app.gui.flow import FlowBox
from factcheck_app.gui.history_panel import SentenceHistoryBox
from factcheck_app.gui.messages import inform
from factcheck_app.gui.models import (
    EDIT_CHARS,
    NO_VERDICT_TEXT,
    NOTHING_TO_CHECK,
    SentenceTableModel,
    SourceLinkModel,
    one_line,
    plain_tooltip,
    suggestion_text,
    worth_checking_text,
)
from factcheck_app.gui.typed_fields import RunWrappingEdit, as_typed, field_text, show_lines
from factcheck_app.gui.views import FocusFrame, NoteWhenEmptyList, edits_text, key_pressed

if TYPE_CHECKING:  # imported with the suggestions, after the window is up
    from factcheck_app.services.assist import SentenceSuggestion

# Text typed into a field is saved this long after the last keystroke (and at once on leaving
# the field or the sentence), so work is kept without a write per keystroke.
TEXT_SAVE_DELAY_MS = 400
# And this long after the first key not saved yet, however fast the typing goes on: a
# reviewer typing without such a pause had nothing saved, and a crash or a power cut a
# minute into an explanation lost the minute. (Still one undo step: `set_text_field`.)
TEXT_SAVE_LONGEST_MS = 2000
TEXT_RETRY_MS = 5000
HEADING_LINES = 4
HINT_LINES = 3  # a suggestion and a language note
# Up to three times that, or the lines the longest suggestion outside English needs at the
# panel's width (`longest_hints`; an English claimant has no length limit), before "…": the
# panel gives way to the article list with a large font (345 px at 16 pt and 1024×640),
# where a French denial with its language note needs ten, and nine cut the note's last words.
HINT_MOST_LINES = 3 * HINT_LINES
ACCEPTS = "  (A\u00a0accepts)"  # (a no-break space: "(A" never ends a line)
# How worth checking, with its reasons: two lines of its own, whatever the suggestion
# above takes (at 1024x640 a long suggestion left the reasons half a line, their end in
# the tooltip only, which the keyboard never opens).
WORTH_LINES = 2
SAVING = "Saving…"
SAVED = "Saved"
NOT_SAVED = "Not saved"  # beside the boxes: text typed on the sentence shown waits
# Beside the Explanation box, "Not saved" read as the explanation's when only the
# claimant waited (held over another program's save), the explanation saved. Both
# waiting, "Not saved" is true of the box it is beside; the red note names both ("and
# explanation" too made the panel 170 px wider at 16 pt at 1024×640).
CLAIMANT_NOT_SAVED = "Claimant not saved"
# Under typed text not saved (a full disk): retried until it is. A window whose workspace
# file was moved or replaced says otherwise (workspace_strip.typed_text_note).
UNSAVED_NOTE = (
    "Typed text is NOT saved yet (the workspace cannot be written). It stays here and is "
    "saved as soon as that works again."
)
HEADING_CHARS = 260
# Where one would type on a sentence in conflict (its tooltip, its placeholder, a screen
# reader's description, and the status line a letter typed there gives): the workspace
# takes no typing there until a version is kept (`set_versions_key` adds the key).
CONFLICT_FIELD_NOTE = "Reviewers disagree on this sentence: keep a version first"
# The claimant's line is short: its placeholder keeps to what to do (the versions, with
# "Reviewers disagree…", are right above it, and its tooltip has the whole note).
CONFLICT_CLAIMANT_NOTE = "Keep a version first"
CLAIMANT_PLACEHOLDER = "Who made the statement"
EXPLANATION_PLACEHOLDER = "Why this verdict: what the sources show"
NO_TAG_ID = 0
# Item data for "none" entries: a plain value, since None as item data is costly in PySide6.
NO_VERDICT = ""
NO_CLAIM = -1
CLAIM_LABEL_CHARS = 70  # of a claim in the Denies list
DENIES_CHARS = 12  # the Denies box's least width: "#12 Baku sai…" (its list has them whole)
NO_CLAIM_TEXT = "— no claim chosen —"
NOT_A_DENIAL_TEXT = "— for a denial —"
# No Alt+letter on the tag buttons: C, D, F and X are their keys, and Alt+F is the File menu.
TAG_BUTTONS = ((Tag.CLAIM, "Claim"), (Tag.DENIAL, "Denial"), (Tag.FACT, "Fact"))


def _leaves_it(given: str) -> str:
    """'  (tagged Claim: A leaves it)': what A does where a decision is made already."""
    return f"  ({given}: A\u00a0leaves it)"


def hint_text(found: SentenceSuggestion, answers: int | None, accepts: str) -> str:
    """The panel's suggestion line (`suggestion_text`), what A does (`accepts`), and under
    them the note of an article outside English: what the assist cannot know there."""
    note = found.suggestion.note
    return f"{suggestion_text(found, answers)}{accepts}" + (f"\n{note}" if note else "")


@functools.cache
def longest_hints() -> tuple[str, ...]:
    """The longest suggestion the panel can be given in each language the assist has cues
    for (a denial with its longest cue, no claim found, the longest "A leaves it" and the
    language's note), and in one it has none for: the suggestion lines' room at the least
    (`FixedLinesText` ``longest``). Made from the cues themselves, so it cannot fall behind
    them; asked for only when a suggestion needs more than `HINT_MOST_LINES`. Made once a
    session (the cues and notes are constants; fonts and widths are the caller's): each
    panel, and each new width, asked again."""
    from factcheck_app.domain.assist.article import language_note
    from factcheck_app.domain.assist.classification import cue_analysis
    from factcheck_app.domain.assist.languages import CUES
    from factcheck_app.domain.assist.suggestion import Suggestion
    from factcheck_app.services.assist import SentenceSuggestion

    given = ["marked nothing to check", "being checked", *(f"tagged {t.label}" for t in Tag)]
    leaves = _leaves_it(max(given, key=len))
    hints: list[str] = []
    for cues in (*CUES.values(), None):
        if cues is None:  # a language without cues: nothing checkable found, its note
            found, note = cue_analysis("", None), language_note("und")
        else:
            forms = (" ".join(f.split()) for f in cues.denial_forms.split(","))
            found, note = cue_analysis(max(forms, key=len), cues), cues.note
        hint = Suggestion(tag=found.tag, confidence=found.confidence, cue=found.cue, note=note)
        hints.append(hint_text(SentenceSuggestion(0, hint, None), -1, leaves))
    return tuple(hints)


def tag_button_style(widget: QWidget) -> str:
    """The sentence's tag in the theme's selection colour: as a style's darker "pressed"
    shade it was 1.2 against the other buttons on a dark theme (1.5 on a light one). The
    focus is a frame in the text colour, which shows on either."""
    palette = QApplication.palette(widget)
    chosen = palette.color(QPalette.ColorRole.Highlight)
    words = palette.color(QPalette.ColorRole.HighlightedText)
    off = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    if contrast(words, chosen) < READABLE_CONTRAST:  # Fusion's white on its light blue: 3.6
        black, white = QColor("#000000"), QColor("#ffffff")
        words = black if contrast(black, chosen) >= contrast(white, chosen) else white
    return (
        "QToolButton { background: palette(button); color: palette(button-text);"
        " border: 1px solid palette(mid); border-radius: 3px; padding: 3px 8px; }"
        f" QToolButton:checked {{ background: {chosen.name()}; color: {words.name()};"
        f" border-color: {chosen.name()}; }}"
        " QToolButton:focus { border: 2px solid palette(text); padding: 2px 7px; }"
        # Off (a read-only workspace) looks off, as the style draws it; the chosen tag
        # keeps its colours, as it says which tag the sentence has.
        f" QToolButton:disabled:!checked {{ color: {off.name()}; }}"
    )


def _undo_or_redo(event: QKeyEvent) -> bool:
    """A key of Edit → Undo or Edit → Redo (Ctrl+Z; Ctrl+Y, Ctrl+Shift+Z)."""
    pressed = key_pressed(event)
    return any(pressed in key_sequences(SPECS[action]) for action in (ActionId.UNDO, ActionId.REDO))


def _nothing_to_take_in(box: QObject, event: QKeyEvent, step: Callable[[str], str]) -> str:
    """What Ctrl+Z (or Ctrl+Y, Ctrl+Shift+Z) says in the Claimant or Explanation box with
    no typing of its own to take back ("" when there is some): it stays the box's, and
    pressed again to undo the tag or verdict just given it did nothing, without a word.
    `step(action)`: what Edit → Undo or Redo would take ("": nothing)."""
    redo = key_pressed(event) in key_sequences(SPECS[ActionId.REDO])
    if isinstance(box, QLineEdit):
        can = box.isRedoAvailable() if redo else box.isUndoAvailable()
    elif isinstance(box, QPlainTextEdit):
        document = box.document()
        can = document.isRedoAvailable() if redo else document.isUndoAvailable()
    else:
        return ""
    if can:
        return ""
    action = "redo" if redo else "undo"
    taken = step(action)
    if not taken:
        return f"Nothing to {action}: nothing typed in this box, and no edit."
    back = first_key_text(ActionId.FOCUS_SENTENCES)
    key = first_key_text(ActionId.REDO if redo else ActionId.UNDO)
    return (
        f"Nothing typed in this box to {action}: {back} goes back to the sentences, where "
        f"{key} {action}es “{taken}”."
    )


def _plain_document(box: QPlainTextEdit) -> QTextDocument:
    """An empty document `box` can be given (`QPlainTextEdit.setDocument`), kept by it."""
    document = QTextDocument(box)
    document.setDocumentLayout(QPlainTextDocumentLayout(document))
    return document


@dataclass(frozen=True)
class _Held:
    """Typed text the workspace refused as it is, kept in its field and not tried again
    until it is changed: too long, or typed over a field another program saved since it
    was shown (`ReviewPanel.save_failed`)."""

    value: str
    note: str  # said in the panel's red note
    too_long: bool


@dataclass
class _Try:
    """One save of typed text being tried (`ReviewPanel.flush_pending_text`), and how it
    went: `save_failed` marks it failed, `until_changed` when the text itself was refused
    (too long)."""

    key: tuple[int, str]  # (sentence id, field)
    value: str
    failed: bool = False
    until_changed: bool = False


class ReviewPanel(QWidget):
    """Tag, verdict, status, claimant, explanation and sources of one sentence."""

    tag_chosen = Signal(object)  # Tag | None
    verdict_chosen = Signal(object)  # verdict key | None
    status_chosen = Signal(object)  # Status
    denies_chosen = Signal(object)  # sentence id of the denied claim | None
    link_requested = Signal()
    open_failed = Signal(str)  # why a source link was not opened
    source_copied = Signal(str)  # Ctrl+C in the Sources list: whose URL is on the clipboard
    unlink_requested = Signal(object)  # SourceLink
    edit_source_requested = Signal(object)  # SourceLink
    # Typed text to save now: sentence id, field ("claimant" or "explanation"), the text.
    # A slot that cannot save it calls save_failed(): the text stays here and is retried.
    text_committed = Signal(int, str, str)
    # Enter in the claimant field: done typing, back to the sentences. It did nothing, and
    # the J pressed next to move on was typed into the claimant ("EastAquaj").
    field_done = Signal()
    # A character typed into the Claimant or Explanation box of a sentence in conflict,
    # which takes none: why, for the status bar (a box at each pause, before).
    typing_refused = Signal(str)

    def __init__(self, sentences: SentenceTableModel | None = None, parent: Any = None) -> None:
        """`sentences` is the open article's sentence list: a denial's claim is chosen there."""
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self._sentences = sentences
        self._sentence_id: int | None = None
        self._links_shown_for: int | None = None  # the sentence whose sources are listed
        self._editable = True  # the workspace can be written (`set_editable`)
        # The Claimant and Explanation boxes take no typing while any of these holds: the
        # workspace is read-only (above), the sentence is in conflict, or a re-split runs
        # (`hold_typing`). One place decides, so that none gives back what another holds.
        self._in_conflict = False
        self._typing_held = False
        # What a key that would change their text says there, by cause (`eventFilter`):
        # the read-only workspace's line (`set_editable`), the held re-split's
        # (`hold_typing`), the conflict's (`set_versions_key`).
        self._read_only_note = ""
        self._held_note = ""
        self._conflict_note = CONFLICT_FIELD_NOTE
        self._claimant_note = CONFLICT_CLAIMANT_NOTE
        self._showing_denial = False  # the denies box is for a denial only
        self._hint: SentenceSuggestion | None = None  # the suggestion shown
        self._chosen_claim: dict[int, int | None] = {}  # the shown sentence's denied claim
        self._shown_review: Review | None = None  # its review: a tag given, A leaves
        # The saves being tried (text_committed emitted, not returned yet), innermost last:
        # a box a failed save shows takes the focus from the field, whose leaving saves
        # again inside the first (`flush_pending_text`). `save_failed` marks the innermost
        # try's own record, so an inner save that worked never passes for the outer one.
        self._trying: list[_Try] = []
        # Typed text not saved yet, by (sentence id, field). Text whose save failed (disk
        # full) stays here and is retried, so nothing typed is ever thrown away.
        self._pending: dict[tuple[int, str], str] = {}
        # Of those, text refused as it is (`save_failed(until_changed=True)`): too long,
        # or typed over a field another program saved meanwhile; the text refused and
        # why, by (sentence id, field). Not tried again until it is changed (each try
        # would be refused), nor holding up the saves of the rest.
        self._held: dict[tuple[int, str], _Held] = {}
        # What each field held, as saved, when the typing there began, by (sentence id,
        # field): its save is refused when another program saved other text there since
        # (`Reviews.set_text_field`). Text that waited (too long, no room on the disk)
        # went over that program's, unsaid, when it was saved at last.
        self._typed_over: dict[tuple[int, str], str] = {}
        # Those of the text `take_pending_text` took, for `keep_pending_text`.
        self._carried_typed_over: dict[tuple[int, str], str] = {}
        self._carried_held: dict[tuple[int, str], _Held] = {}
        # The Explanation box's document of each other sentence whose typed explanation
        # waits, with its undo: filled anew on coming back, the box had none, and the
        # half of a too-long text the reviewer had cut could not be brought back with
        # Ctrl+Z. `_explanation_of`: the sentence whose document the box holds.
        self._waiting_documents: dict[int, QTextDocument] = {}
        self._explanation_of: int | None = None
        self._failed_note = ""  # what the last save_failed said, for text to retry
        self._retrying = False  # some typed text waits for room, retried (the note says)
        # Sentences whose review another program changed while typed text waited there
        # (`took_outside_change`): the note says their other fields are that program's.
        self._changed_outside: set[int] = set()
        # Where each such text was typed, as the list named its sentence then ("#3 Baku
        # said…"): said when the sentence is gone from the list (`where_typed`).
        self._typed_on: dict[int, str] = {}
        self._save_timer = QTimer(self, singleShot=True, interval=TEXT_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush_pending_text)
        self._longest_timer = QTimer(self, singleShot=True, interval=TEXT_SAVE_LONGEST_MS)
        self._longest_timer.timeout.connect(self.flush_pending_text)
        self._retry_timer = QTimer(self, singleShot=True, interval=TEXT_RETRY_MS)
        self._retry_timer.timeout.connect(self.flush_pending_text)

        self.unsaved_label = QLabel(UNSAVED_NOTE)
        self.unsaved_label.setObjectName("unsavedLabel")
        self.unsaved_label.setWordWrap(True)
        # Kept taller than its words while she types (`_say_unsaved`): they stay at its top.
        self.unsaved_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Red that reads on the theme's background, light or dark.
        follow_palette(
            self.unsaved_label,
            lambda: f"color: {readable_on(ERROR, self.unsaved_label)}; font-weight: bold;",
        )
        self.unsaved_label.hide()
        # Two notes or more are a short line each (`_say_unsaved`), the whole of each
        # behind this button: two held texts' notes whole took eight lines at 1024×640
        # (twelve at 16 pt), the Explanation box typed in pushed out of sight.
        self.unsaved_details = QPushButton("Details…")
        self.unsaved_details.setObjectName("unsavedDetails")
        self.unsaved_details.setAccessibleName("Details of the typed text not saved")
        self.unsaved_details.clicked.connect(self._show_unsaved_details)
        self.unsaved_details.hide()
        self._unsaved_whole = ""  # the notes whole, when the label says them short

        # Their room is kept whether a suggestion is shown or not, so the panel never jumps
        # on each key; a longer text (a large font, a narrow panel) takes more lines, kept
        # from then on, and only past twice their lines ends in "…" (the tooltip and a
        # screen reader have it whole).
        self.hint_label = FixedLinesText(
            lines=HINT_LINES, grows=True, most=HINT_MOST_LINES, longest=longest_hints
        )
        self.hint_label.setObjectName("hintLabel")
        self.worth_label = FixedLinesText(lines=WORTH_LINES, grows=True)
        self.worth_label.setObjectName("worthLabel")
        # Italic, but upright when the line holds right-to-left letters (`_upright_when_rtl`):
        # the desk's fonts hold no italic Arabic, and an Arabic cue showed as empty boxes.
        for label in (self.hint_label, self.worth_label):
            follow_palette(
                label,
                lambda: (
                    f"* {{ color: {faint_on(self)}; font-style: italic; }} "
                    '*[upright="true"] { font-style: normal; }'
                ),
            )

        # Whether what was typed is in the workspace yet (saved a moment after typing).
        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        follow_palette(self.save_state, lambda: f"color: {faint_on(self)};")

        # A sentence in conflict (after a merge) shows its reviewers' versions to choose
        # from; `versions_for` (set by the window) reads them.
        self.conflict_view = ConflictView()
        self.conflict_view.hide()
        self.versions_for: Callable[[int], list[Review]] | None = None
        # The step Edit → Undo ("undo") or Redo ("redo") would take, as its menu names it
        # ("": none): set by the window, said by Ctrl+Z in a box with nothing typed to undo.
        self.step_to_take: Callable[[str], str] = lambda _action: ""

        # Fixed lines: a new sentence must not re-lay out the whole panel on each key.
        self.heading = FixedLinesText("No sentence selected", lines=HEADING_LINES)
        self.heading.setObjectName("sentenceHeading")

        self.tag_group = TagButtons(self)
        # The buttons wrap to a second line in a narrow panel (a large font, a small
        # screen) rather than making the panel as wide as the four together; as narrow as
        # its widest one ("Nothing to check"): two a line at the least, Fact beside it, made
        # the panel too wide for a 1024 px screen at 20 pt.
        none_button = self._tag_button(NOTHING_TO_CHECK, NO_TAG_ID)
        tag_row = FlowBox(
            *(self._tag_button(text, tag_id) for tag_id, (_tag, text) in enumerate(TAG_BUTTONS, 1)),
            none_button,
        )
        self.tag_group.id_clicked.connect(self._on_tag_clicked)

        self.verdict_box = QComboBox()
        self.verdict_box.setObjectName("verdictBox")
        self.verdict_box.addItem(NO_VERDICT_TEXT, NO_VERDICT)
        for number, verdict in enumerate(DEFAULT_SCALE, start=1):
            self.verdict_box.addItem(f"{number}  {verdict.label}", verdict.key)
        self.verdict_box.activated.connect(
            lambda i: self.verdict_chosen.emit(
                None if self.verdict_box.itemData(i) == NO_VERDICT else self.verdict_box.itemData(i)
            )
        )

        self.status_box = QComboBox()
        self.status_box.setObjectName("statusBox")
        for status in Status:
            self.status_box.addItem(status.label, status.value)
            model = self.status_box.model()
            if not status.settable and isinstance(model, QStandardItemModel):
                # Shown while a sentence is in conflict; a merge sets it, never the box.
                model.item(self.status_box.count() - 1).setEnabled(False)
        self.status_box.activated.connect(
            lambda i: self.status_chosen.emit(Status(self.status_box.itemData(i)))
        )

        self.claimant_edit = QLineEdit()
        self.claimant_edit.setObjectName("claimantEdit")
        self.claimant_edit.setPlaceholderText(CLAIMANT_PLACEHOLDER)
        # No length of its own: Qt's default (32,767) showed a longer saved claimant cut,
        # and the next letter typed saved the cut text.
        self.claimant_edit.setMaxLength(2**31 - 1)
        # Saved as it shows (`typed_fields`): a pasted bidi control or line break goes.
        self.claimant_edit.textEdited.connect(
            lambda text: self._queue_text("claimant", as_typed(self.claimant_edit, text))
        )
        self.claimant_edit.editingFinished.connect(self.flush_pending_text)
        self.claimant_edit.returnPressed.connect(self.field_done)

        self.explanation_edit = _FlushOnFocusOutEdit(self.flush_pending_text)
        self.explanation_edit.setObjectName("explanationEdit")
        self.explanation_edit.setPlaceholderText(EXPLANATION_PLACEHOLDER)
        readable_hints(self.claimant_edit, self.explanation_edit)
        for field in (self.claimant_edit, self.explanation_edit):
            field.installEventFilter(self)  # a key refused there says why: `eventFilter`
        self.explanation_edit.setTabChangesFocus(True)
        # The characters it shows, each line break one "\n" (`typed_fields.field_text`):
        # its toPlainText saved a no-break space ("32 %") as a plain space.
        self.explanation_edit.textChanged.connect(
            lambda: self._queue_text("explanation", field_text(self.explanation_edit))
        )
        self.explanation_edit.cursorPositionChanged.connect(self._caret_in_sight)

        self.sources_model = SourceLinkModel(self)
        self.sources_view = NoteWhenEmptyList()
        self.sources_view.setObjectName("sourcesView")
        self.sources_view.setModel(self.sources_model)
        self.sources_view.setWordWrap(True)
        self.sources_view.setToolTip("Double-click (or Enter) opens the source in your browser")
        self.sources_view.activated.connect(self._open_source)
        self.sources_view.installEventFilter(self)  # Ctrl+C copies the URL: `eventFilter`
        self.add_source_button = QPushButton("Link source…")
        self.add_source_button.clicked.connect(self.link_requested)
        # Beside Link and Remove: a typo in an excerpt no longer means typing it all again.
        self.edit_source_button = QPushButton("Edit…")
        self.edit_source_button.setObjectName("editSourceButton")
        self.edit_source_button.clicked.connect(self._on_edit_source)
        self.remove_source_button = QPushButton("Remove")
        self.remove_source_button.clicked.connect(self._on_remove_source)

        # A denial can point at the claim it denies, picked among the article's claims.
        self.denies_box = _LazyComboBox()
        self.denies_box.setObjectName("deniesBox")
        self.denies_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.denies_box.setMinimumContentsLength(DENIES_CHARS)
        self.denies_box.popup_wanted.connect(self._fill_claims)
        self.denies_box.activated.connect(
            lambda i: self.denies_chosen.emit(
                None if self.denies_box.itemData(i) == NO_CLAIM else self.denies_box.itemData(i)
            )
        )

        self.sources_view.setAccessibleName("Sources")
        FocusFrame(self.sources_view)  # often empty: nothing else shows the focus
        self._form = form = QFormLayout()
        # A field that does not fit beside its label goes under it (a narrow panel; see
        # minimumSizeHint).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._form_extra = 0  # what its rows under their labels add to its height
        # Across the panel, without a "Tag" label beside it (each button says "Tag: …" to a
        # screen reader): "Nothing to check", X's words everywhere else, fits beside the
        # other three at 1024×640 there, where beside the label it took a line of its own.
        form.addRow(tag_row)
        form.addRow("&Verdict", self.verdict_box)
        form.addRow("Clai&mant", self.claimant_edit)
        form.addRow("S&tatus", self.status_box)
        # Always there (empty and off but for a denial): a row that came and went moved
        # everything under it, and re-laid out the panel, on every other key press.
        form.addRow("De&nies", self.denies_box)
        self._show_denies(None)
        source_buttons = FlowBox(
            self.add_source_button, self.edit_source_button, self.remove_source_button
        )

        layout = QVBoxLayout(self)
        unsaved_row = QHBoxLayout()
        unsaved_row.addWidget(self.unsaved_label, 1)
        unsaved_row.addWidget(self.unsaved_details, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(unsaved_row)
        layout.addWidget(self.heading)
        self.earlier = EarlierVerdictsBox()
        layout.addWidget(self.earlier.note)  # in sight at 984×580, where the box is not
        layout.addWidget(self.hint_label)
        layout.addWidget(self.worth_label)
        layout.addWidget(self.conflict_view)
        layout.addLayout(form)
        explanation_label = QLabel("E&xplanation")
        explanation_label.setBuddy(self.explanation_edit)
        explanation_row = QHBoxLayout()
        explanation_row.addWidget(explanation_label)
        explanation_row.addStretch(1)
        explanation_row.addWidget(self.save_state)
        layout.addLayout(explanation_row)
        layout.addWidget(self.explanation_edit, 2)
        # Alt+U: F2, Delete and Ctrl+C work in the list, which the keyboard reached only
        # by tabbing through the panel. (Alt+O is the moved-workspace strip's.)
        sources_label = QLabel("So&urces")
        sources_label.setBuddy(self.sources_view)
        layout.addWidget(sources_label)
        layout.addWidget(self.sources_view, 1)
        layout.addWidget(source_buttons)
        # Earlier verdicts before the history: V copies from them while reviewing, and at
        # 1024x640 the history above pushed them out of sight.
        layout.addWidget(self.earlier, 2)
        self.history_box = SentenceHistoryBox()  # filled by the window's SignOffController
        layout.addWidget(self.history_box, 2)
        # What each box needs to stay readable; a shorter window scrolls the panel instead
        # of squeezing them to a line (see MainWindow: the panel sits in a scroll area).
        lines = self.fontMetrics().lineSpacing()
        for box, rows in (
            (self.explanation_edit, 4),
            (self.sources_view, 3),
            # Two entries of three or four lines each (at 16 pt and 1024×640 six lines
            # showed the return, the verdict it returned out of sight): at the panel's
            # foot, it costs no other box its room.
            (self.history_box.view, 10),
            (self.earlier.view, 5),
        ):
            box.setMinimumHeight(rows * lines + 12)
            # Their (large) size hints would make the panel taller than the window for
            # nothing: they get their minimum, and share what is left by stretch.
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        # A box with wrapped text is laid out by its height for the panel's width, which
        # leaves out its list's minimum: its room is held as the box's own minimum (given
        # less, the history's list ran under the next box, and the earlier verdicts' details
        # and buttons were drawn over their list).
        self.history_box.setMinimumHeight(self.history_box.minimumSizeHint().height())
        self.earlier.hold_room()  # and its buttons' second line, when they wrap
        self._explanation_least = self.explanation_edit.minimumHeight()
        self._hint_room_held = True
        self._hold_hint_room(False)  # no article, no suggestion yet
        self.setEnabled(False)

    def _hold_hint_room(self, held: bool) -> None:
        """The assist's lines keep their room while the article has suggestions, so the
        panel never jumps on each key, nor at another article opened; with none (before the
        first article's come, or none worked out for it) the Explanation box takes that
        room. At 1024×640 it stood as an empty band of 120 px over the Tag buttons, the
        Explanation box under it four lines high. Given to the box, not taken from the
        panel: nothing under the box moves when they come."""
        if held == self._hint_room_held:
            return
        self._hint_room_held = held
        labels = (self.hint_label, self.worth_label)
        layout = self.layout()
        spacing = max(0, layout.spacing()) if layout is not None else 0
        room = sum(label.minimumHeight() + spacing for label in labels)
        for label in labels:
            label.setVisible(held)
        self.explanation_edit.setMinimumHeight(self._explanation_least + (0 if held else room))

    def minimumSizeHint(self) -> QSize:
        """The layout's minimum, and the height the form's rows take under their labels.

        The form gives its minimum height with each field beside its label; a field put
        under its label in a narrow panel was given that height all the same, and the
        next row's label was drawn over the tag buttons' second line."""
        hint = super().minimumSizeHint()
        return QSize(hint.width(), hint.height() + self._form_extra)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        layout = self.layout()
        if layout is None:
            return
        margins = layout.contentsMargins()
        width = event.size().width() - margins.left() - margins.right()
        extra = max(0, self._form.heightForWidth(width) - self._form.minimumSize().height())
        if extra != self._form_extra:
            self._form_extra = extra
            self.updateGeometry()  # the scroll area gives the panel that height

    def _caret_in_sight(self) -> None:
        """Scroll the panel (when it scrolls: a large font, a small screen) to keep the
        line typed into the Explanation box in sight: it scrolled to the caret only as the
        box got the focus, and at 16 pt and 1024×640 the third line typed went on under the
        window's edge."""
        box = self.explanation_edit
        if not box.hasFocus():
            return  # filled for a sentence shown: nothing typed
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        inner = area.widget() if area is not None else None
        if area is None or inner is None:
            return
        caret = box.cursorRect()
        # Where the box's own scrolling, which follows this, puts the caret: within it.
        shown = box.viewport().rect()
        middle = min(max(caret.center().y(), shown.top()), shown.bottom())
        at = box.viewport().mapTo(inner, QPoint(caret.x(), middle))
        area.ensureVisible(at.x(), at.y(), 0, caret.height())

    def _show_conflict(self, review: Review) -> None:
        """The versions to choose from, for a sentence in conflict only; its Claimant and
        Explanation boxes take no typing until one is kept."""
        in_conflict = review.status is Status.CONFLICT
        if in_conflict and self.versions_for is not None:
            self.conflict_view.show_versions(
                review.sentence_id, self.versions_for(review.sentence_id)
            )
            self.conflict_view.show()
        elif not self.conflict_view.isHidden():
            self.conflict_view.hide()
        if in_conflict != self._in_conflict:
            self._in_conflict = in_conflict
            self._show_fields_typable()

    def set_versions_key(self, key: str) -> None:
        """Name the key that goes to the versions ("Ctrl+Shift+D", from the action
        registry) where a sentence in conflict takes no typing."""
        self._conflict_note = f"{CONFLICT_FIELD_NOTE} ({key})"
        self._claimant_note = f"{CONFLICT_CLAIMANT_NOTE} ({key})"
        self._show_fields_typable()

    def hold_typing(self, held: bool, why: str = "") -> None:
        """While a re-split (or a long one's undo or redo) runs, the Claimant and
        Explanation boxes take no typing (`MergeController._hold_typing`); given back
        as the workspace and the sentence shown then allow. `why`: what a key typed there
        meanwhile says ("A re-split is running: type when it has finished.")."""
        self._typing_held = held
        self._held_note = why if held else ""
        self._show_fields_typable()

    def _show_fields_typable(self) -> None:
        """Make the Claimant and Explanation boxes read-only while the workspace is, the
        sentence is in conflict, or typing is held; on a conflict, say why and what to do
        where one would type (placeholder, tooltip, screen reader). Shaded as the panel
        while they stay so (a read-only workspace, a conflict; not for a re-split's
        moment). Typed on a conflict, each pause popped a box with the text."""
        conflict = self._in_conflict
        read_only = not self._editable or conflict or self._typing_held
        # A read-only workspace keeps no version: its banner says why nothing is typed.
        note = self._conflict_note if conflict and self._editable else ""
        for field, placeholder, hint in (
            (self.claimant_edit, CLAIMANT_PLACEHOLDER, self._claimant_note),
            (self.explanation_edit, EXPLANATION_PLACEHOLDER, note),
        ):
            if field.isReadOnly() != read_only:
                field.setReadOnly(read_only)
            field.setPlaceholderText(hint if note else placeholder)
            field.setToolTip(note)
            field.setAccessibleDescription(note)
            shade_read_only(field, conflict or not self._editable)

    def conflict_note(self) -> str:
        """What a review key on a sentence in conflict says: keep a version first (the
        key that goes there named), as a letter typed in its Claimant box says."""
        return f"{self._conflict_note}."

    def _refused_note(self) -> str:
        """Why the Claimant and Explanation boxes take no typing now ("" when they do):
        the lasting cause first, so that none promises typing another still refuses."""
        if not self._editable:
            return self._read_only_note
        if self._in_conflict:
            return self.conflict_note()
        if self._typing_held:
            return self._held_note
        return ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A key that would change the text of a read-only Claimant or Explanation box (a
        character, Ctrl+V, Delete, Backspace) says in the status bar why it is not taken,
        whatever made the box read-only: it did nothing, without a word, under a re-split
        and for all but a typed character. Moving about and copying say nothing.

        Undo and Redo (Ctrl+Z, Ctrl+Y, Ctrl+Shift+Z) in a box read-only on a conflict stay
        there, as in a box that takes typing: Qt's read-only box let them through to Edit
        → Undo, which undid the version kept a moment before on another sentence and went
        there. (On a read-only workspace Edit → Undo is off and says why; under a re-split
        it says to wait.)

        Ctrl+C in the Sources list copies the chosen source's URL, alone, to paste into a
        browser or a story: Qt copied the row as shown, "[Supports] title — publisher",
        and a read-only window had no other key to the URL but opening it."""
        if (
            watched is self.sources_view
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            self._copy_source_url()
            return True
        if watched not in (self.claimant_edit, self.explanation_edit) or not isinstance(
            event, QKeyEvent
        ):
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return super().eventFilter(watched, event)
        # Edit → Undo works (the workspace takes edits): the box keeps the key.
        kept_undo = self._in_conflict and self._editable and _undo_or_redo(event)
        if kind == QEvent.Type.ShortcutOverride:
            if kept_undo:
                event.accept()  # the box's, not Edit → Undo's: its key press follows
                return True
        elif not event.isAutoRepeat():
            # Asked first: while the box takes typing (nearly every key) nothing else is.
            why = self._refused_note()
            if why and (kept_undo or edits_text(event)):
                self.typing_refused.emit(why)
            elif not why and _undo_or_redo(event):
                nothing = _nothing_to_take_in(watched, event, self.step_to_take)
                if nothing:
                    self.typing_refused.emit(nothing)
        return super().eventFilter(watched, event)

    def _tag_button(self, text: str, tag_id: int) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(f"Tag: {text}")  # a screen reader heard "Claim" alone
        button.setCheckable(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setObjectName(f"tagButton{tag_id}")
        follow_palette(button, lambda: tag_button_style(self))
        self.tag_group.add_button(button, tag_id)
        return button

    def set_tag_key_hints(self, keys: dict[int, str]) -> None:
        """Say each tag button's key (by button id: 0 none, 1 claim, 2 denial, 3 fact) in
        its tooltip and to a screen reader."""
        for tag_id, key in keys.items():
            button = self.tag_group.button(tag_id)
            what = f"Tag the sentence as {button.text().lower()}"
            if tag_id == NO_TAG_ID:
                what = "Clear the tag: nothing to check"
            hint = f"{what} (key {key} in the sentence list or the article text)"
            button.setToolTip(hint)
            button.setAccessibleDescription(hint)

    def show_hint(self, found: SentenceSuggestion | None) -> None:
        """The assist's suggestion for this sentence, with its reason; A accepts it."""
        self._hint = found
        model = self._sentences
        if found is not None or (model is not None and model.has_suggestions()):
            self._hold_hint_room(True)
        elif model is None or model.suggestions_known():
            self._hold_hint_room(False)  # this article has none
        # Else they are still to come, and the room stays as it was: an article read again
        # (a refusal shown as saved, another program's save in a read-only window, a
        # split), or another opened (its suggestions wait for her keys to pause), gave the
        # room away and took it back, the form jumping twice at each.
        if found is None:
            for label in (self.hint_label, self.worth_label):
                label.setText("")
                label.setToolTip("")
            return
        denied = found.denies_sentence_id
        answers: int | None = (
            -1 if denied is None or self._sentences is None else self._sentences.row_of(denied)
        )
        if self._chosen_claim.get(found.sentence_id) is not None:
            answers = None  # A keeps the claim chosen: "answers #N" would say otherwise
        # Not offered where A cannot take it: a read-only window answers A with a refusal,
        # a sentence in conflict with the note to keep a version first, and a tag already
        # given (or "nothing to check") is left as it is.
        review = self._shown_review
        if review is None or review.sentence_id != found.sentence_id:
            review = None
        kept = review is not None and tag_kept(review, found.suggestion.tag)
        accepts = (
            ""
            if not self._editable or (review is not None and review.status is Status.CONFLICT)
            else _leaves_it(given_tag_text(review))
            if kept and review is not None
            else ACCEPTS
        )
        text = hint_text(found, answers, accepts)
        worth = worth_checking_text(found)
        for label, shown in ((self.hint_label, text), (self.worth_label, worth)):
            _upright_when_rtl(label, shown)
            label.setText(shown)
            # Whole, should a narrow panel cut it short; as the characters they are, in their
            # stored order: a claimant "Acme <b>Corp</b>" showed there as HTML.
            label.setToolTip(plain_tooltip(shown))

    def set_editable(self, editable: bool, why: str = "") -> None:
        """A read-only workspace shows its reviews but offers nothing to change; `why`:
        what a key typed into its Claimant or Explanation box says (`eventFilter`)."""
        self._editable = editable
        self._read_only_note = why
        self._show_fields_typable()
        for widget in (
            *self.tag_group.buttons(),
            self.verdict_box,
            self.status_box,
            self.add_source_button,
            self.edit_source_button,
            self.remove_source_button,
        ):
            widget.setEnabled(editable)
        self.conflict_view.set_editable(editable)  # its versions can still be read
        self.earlier.set_editable(editable)
        self.denies_box.setEnabled(editable and self._showing_denial)
        if self._hint is not None:
            self.show_hint(self._hint)  # "(A accepts)" only where A can

    @property
    def sentence_id(self) -> int | None:
        return self._sentence_id

    def show_sentence(self, row: SentenceRow | None, links: list[SourceLink]) -> None:
        """Show one sentence's review (saving any text still pending for the previous one)."""
        if row is None or row.sentence.id != self._sentence_id:
            self.finish_composing()
        self.flush_pending_text()
        if row is not None and self._sentences is not None:
            # Text that waited on this sentence (the disk full) may have been saved just
            # now, as she came back to it: the row read before showed its field empty.
            number = self._sentences.row_of(row.sentence.id)
            if number >= 0:
                row = self._sentences.sentence_row(number)
        self.save_state.setText("")  # a new sentence: nothing typed here yet
        if row is None:
            self._sentence_id = None
            self._show_denies(None)
            self.hint_label.setText("")
            self.worth_label.setText("")
            self.conflict_view.hide()
            if self._in_conflict:
                self._in_conflict = False
                self._show_fields_typable()
            self.heading.setText("No sentence selected")
            self.setEnabled(False)
            return
        self.setEnabled(True)
        self._sentence_id = row.sentence.id
        if row.sentence.id in self.pending_sentence_ids():  # typed here, waiting still
            self.save_state.setText(self._not_saved_here())
        if self._pending:  # the red note names the sentences typed on but this one
            self._say_unsaved()
        text = " ".join(row.sentence.text.split())
        shown = text if len(text) <= HEADING_CHARS else text[: HEADING_CHARS - 1] + "…"
        self.heading.setText(shown)
        self.heading.setToolTip(plain_tooltip(text) if shown != text else "")
        # Shown anew (moved to, or its article reloaded by a merge or an import): a link
        # new to the list is not one just made here, and the source chosen stays chosen.
        # A merge bringing a colleague's link chose that one, for the next Delete or F2.
        self._links_shown_for = None
        self.show_review(row.review, links)

    def finish_composing(self) -> None:
        """Put in what an input method is still composing in the Claimant or Explanation
        box (Japanese, Chinese, a dead key's accent), as leaving the box does: moved to
        another sentence with the focus kept there (F3), the box filled with that
        sentence's text told the input method to drop it, or it was put in there. Also
        before another workspace is opened (`WorkspaceController.switch_workspace`): put
        in once it showed, it was saved into that one's sentence of the same number."""
        if QApplication.focusWidget() in (self.claimant_edit, self.explanation_edit):
            QGuiApplication.inputMethod().commit()  # typed on the sentence shown still

    def show_review(self, review: Review, links: list[SourceLink] | None = None) -> None:
        """Refresh the fields from a saved review without emitting edits."""
        blockers = [
            QSignalBlocker(w)
            for w in (
                self.tag_group,
                self.verdict_box,
                self.status_box,
                self.claimant_edit,
                self.explanation_edit,
                self.denies_box,
            )
        ]
        self._show_tag(review)
        self.verdict_box.setCurrentIndex(
            max(0, self.verdict_box.findData(review.verdict or NO_VERDICT))
        )
        self.status_box.setCurrentIndex(max(0, self.status_box.findData(review.status.value)))
        self._show_conflict(review)
        moved = self._explanation_of != review.sentence_id
        self._explanation_document_for(review.sentence_id)
        # Do not disturb a field the reviewer is typing in.
        # As typing would save it: a stored bidi control shows nothing reversed (kept as
        # stored until the claimant is typed in).
        claimant = typed_line(self._pending.get((review.sentence_id, "claimant"), review.claimant))
        if self.claimant_edit.text() != claimant or moved:
            # Filled anew on another sentence (setText clears its undo): one whose text
            # was the same kept the sentence before's undo, and Ctrl+Z put the claimant
            # deleted there into this one's box, saved on this sentence.
            self.claimant_edit.setText(claimant)
        explanation = self._pending.get((review.sentence_id, "explanation"), review.explanation)
        # Filled again only when it shows other text: read by toPlainText, an explanation
        # with a no-break space always differed, and each save while typing put the caret
        # back at its start.
        if field_text(self.explanation_edit) != typed_lines(explanation):
            # Wrapped anywhere when it holds an unbroken run (a merged explanation of
            # 1,000,000 letters laid out at words: 181 s).
            show_lines(self.explanation_edit, explanation)
        self._show_denies(review)
        chosen = review.denies_sentence_id
        before, self._shown_review = self._shown_review, review
        given = (review.tag, review.status, review.verdict)
        if (
            self._chosen_claim.get(review.sentence_id) != chosen
            or before is None
            or before.sentence_id != review.sentence_id
            or (before.tag, before.status, before.verdict) != given
        ):
            # A claim chosen (or cleared) in Denies: the suggestion says it no longer (or
            # again) names the one A would record. A tag given (or taken back): A leaves
            # it (or accepts again).
            self._chosen_claim = {review.sentence_id: chosen}
            hint = self._hint
            if hint is not None and hint.sentence_id == review.sentence_id:
                self.show_hint(hint)
        del blockers
        if links is not None:
            self._show_links(links)
        has_links = self.sources_model.rowCount() > 0
        self.remove_source_button.setEnabled(self._editable and has_links)
        self.edit_source_button.setEnabled(self._editable and has_links)

    def _explanation_document_for(self, sentence_id: int) -> None:
        """Give the Explanation box the document of `sentence_id`: the one kept while its
        typed explanation waits (its undo with it), else a new one when the sentence left
        keeps the box's (its text waits), else the box's own, filled as always."""
        shown = self._explanation_of
        if shown == sentence_id:
            return
        self._explanation_of = sentence_id
        box = self.explanation_edit
        kept = self._waiting_documents.pop(sentence_id, None)
        if kept is not None and (sentence_id, "explanation") not in self._pending:
            kept.deleteLater()  # saved or given up meanwhile: nothing of it to undo here
            kept = None
        waits = shown is not None and (shown, "explanation") in self._pending
        if kept is None and not waits:
            # The box's own, filled below only when its text differs: the same text (two
            # sentences with none) kept the sentence before's undo, and Ctrl+Z put what
            # was typed and deleted there into this sentence's box, saved on it.
            box.document().clearUndoRedoStacks()
            return
        document = box.document()
        if waits and shown is not None:
            document.setParent(self)  # the box deletes a document of its own it lets go
            self._waiting_documents[shown] = document
        words, anywhere = (
            QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere,
            QTextOption.WrapMode.WrapAnywhere,
        )
        if kept is None:
            kept = _plain_document(box)
            kept.setDefaultTextOption(document.defaultTextOption())
            wrap = words  # filled below (`show_lines`): words, unless a run
        else:
            kept.setParent(box)
            wrap = anywhere if has_unbroken_run(kept.toRawText()) else words
        kept.setDefaultFont(document.defaultFont())  # the font may have changed meanwhile
        # The box lays out a document it is given at its own wrap mode, so that is set
        # first: a kept run of 1,000,001 letters (a refused paste) laid out at words took
        # minutes, n² of the run, and a new document for a sentence with no explanation
        # kept the run's wrapping anywhere for the words typed there. Set on an empty
        # document in between: on the one leaving, a run there took as long.
        between = None
        if box.wordWrapMode() != wrap:
            between = _plain_document(box)
            box.setDocument(between)
            box.setWordWrapMode(wrap)
        box.setDocument(kept)
        # The box deletes only the document it made: one given it (the new one above, a
        # kept one come back) is left to its parent, one more per return until the end.
        let_go = None if waits else document
        for unused in (between, let_go):
            if unused is not None and unused.parent() is box:
                unused.deleteLater()

    def _drop_waiting_documents(self, *sentence_ids: int) -> None:
        """Forget the kept documents of these sentences (none given: of all)."""
        for sentence_id in sentence_ids or list(self._waiting_documents):
            document = self._waiting_documents.pop(sentence_id, None)
            if document is not None:
                document.deleteLater()

    def set_source_key_hints(self, edit_key: str) -> None:
        """Say the Edit Source key on the button and the list (set by the window from the
        action registry)."""
        hint = f"Change the chosen source's excerpt, stance, URL, title or publisher ({edit_key})"
        self.edit_source_button.setToolTip(hint)
        self.edit_source_button.setAccessibleDescription(hint)
        self.sources_view.setToolTip(
            f"Double-click (or Enter) opens the source in your browser; {edit_key} edits it"
        )

    def _show_links(self, links: list[SourceLink]) -> None:
        """The links, keeping the chosen one chosen when it is still there (an edit or an
        undo refreshes the list: F2 again edits the same link)."""
        index = self.sources_view.currentIndex()
        chosen = self.sources_model.link_at(index.row()) if index.isValid() else None
        model = self.sources_model
        shown = {model.link_at(row).id for row in range(model.rowCount())}
        same_sentence = self._links_shown_for == self._sentence_id
        self._links_shown_for = self._sentence_id
        model.set_links(links)
        if same_sentence:
            # A link just made, or brought back by Ctrl+Z, is the one chosen: F2 after
            # linking a source edited the first one, and Delete, Ctrl+Z, F2 the one left
            # chosen, not the one brought back.
            new = [row for row, link in enumerate(links) if link.id not in shown]
            if new:
                self.sources_view.setCurrentIndex(model.index(new[-1]))
                return
        if chosen is None or not links:
            return
        for row, link in enumerate(links):
            if link.id == chosen.id:
                self.sources_view.setCurrentIndex(self.sources_model.index(row))
                return
        if links[0].sentence_id == chosen.sentence_id:
            # The chosen link was removed (Delete, Remove): the one the next Delete takes
            # is shown chosen, the next in the list (else the one before); nothing shown
            # chosen, a second Delete took the first source unseen.
            row = min(index.row(), len(links) - 1)
            self.sources_view.setCurrentIndex(self.sources_model.index(row))

    def current_link(self) -> SourceLink | None:
        """The source link chosen in the list, else the first (None: there is none)."""
        index = self.sources_view.currentIndex()
        row = index.row() if index.isValid() else 0
        if 0 <= row < self.sources_model.rowCount():
            return self.sources_model.link_at(row)
        return None

    def _show_denies(self, review: Review | None) -> None:
        """Show the denied claim; the full list of claims is built only when opened."""
        box = self.denies_box
        self._showing_denial = review is not None and review.tag is Tag.DENIAL
        box.setEnabled(self._editable and self._showing_denial)
        if review is None or not self._showing_denial:
            if box.count() != 1 or box.itemText(0) != NOT_A_DENIAL_TEXT:
                box.clear()
                box.addItem(NOT_A_DENIAL_TEXT, NO_CLAIM)
            return
        box.clear()
        box.addItem(NO_CLAIM_TEXT, NO_CLAIM)
        chosen = review.denies_sentence_id
        if chosen is not None:
            box.addItem(self._claim_label(chosen), chosen)
            box.setCurrentIndex(1)

    def _fill_claims(self) -> None:
        box = self.denies_box
        with QSignalBlocker(box):
            chosen = box.currentData()
            choices = self._claim_choices()
            # The claim a denial answers stays in the list when it is not tagged Claim (an
            # accepted suggestion can point at one): left out, opening the list showed "no
            # claim chosen" while the denial still answered it, and Enter dropped it.
            if chosen != NO_CLAIM and chosen not in {sentence_id for sentence_id, _ in choices}:
                choices.append((chosen, self._claim_label(chosen)))
                sentences = self._sentences
                if sentences is not None:
                    choices.sort(key=lambda choice: sentences.row_of(choice[0]))
            box.clear()
            box.addItem(NO_CLAIM_TEXT, NO_CLAIM)
            for sentence_id, label in choices:
                box.addItem(label, sentence_id)
            box.setCurrentIndex(max(0, box.findData(chosen)))

    def _claim_choices(self) -> list[tuple[int, str]]:
        """The article's claims, for a denial to point at: '#4 Baku said…'."""
        rows = self._sentences.rows() if self._sentences is not None else []
        return [
            (row.sentence.id, self._claim_label(row.sentence.id))
            for row in rows
            if row.review.tag is Tag.CLAIM
        ]

    def _number(self, sentence_id: int) -> str:
        """The sentence as the list numbers it ("#3"), or by id once it is not listed."""
        number = self._sentences.row_of(sentence_id) if self._sentences is not None else -1
        return f"#{number + 1}" if number >= 0 else f"sentence {sentence_id}"

    def _claim_label(self, sentence_id: int) -> str:
        number = self._sentences.row_of(sentence_id) if self._sentences is not None else -1
        if self._sentences is None or number < 0:
            return f"sentence {sentence_id}"
        text = " ".join(self._sentences.sentence_row(number).sentence.text.split())
        if len(text) > CLAIM_LABEL_CHARS:  # "…" says so: cut bare, the list looked cut off
            text = text[: CLAIM_LABEL_CHARS - 1].rstrip() + "…"
        return f"#{number + 1} {text}"

    def _show_tag(self, review: Review) -> None:
        """Light the sentence's tag; "Nothing to check" only once someone decided so (X:
        no tag, no verdict, done), not on every sentence nobody has looked at yet, nor on
        an untagged one given a verdict (a check, in every report)."""
        tag_id: int | None = NO_TAG_ID if nothing_to_check(review) else None
        for index, (tag, _text) in enumerate(TAG_BUTTONS, start=1):
            if review.tag is tag:
                tag_id = index
        self.tag_group.light(tag_id)

    def _on_tag_clicked(self, tag_id: int) -> None:
        self.tag_chosen.emit(None if tag_id == NO_TAG_ID else TAG_BUTTONS[tag_id - 1][0])
        # Lit as the sentence is now, not as clicked: a click that changed nothing (X on an
        # untagged sentence with a verdict, still a check) or was refused left its button
        # lit, the sentence shown as marked so until she moved away and back.
        if self._shown_review is not None and self._shown_review.sentence_id == self._sentence_id:
            self._show_tag(self._shown_review)

    def _queue_text(self, field_name: str, value: str) -> None:
        if self._sentence_id is None:
            return
        key = (self._sentence_id, field_name)
        review = self._shown_review
        # Typed over what it shows: that review's field, as saved.
        if key not in self._typed_over and review is not None and review.sentence_id == key[0]:
            self._typed_over[key] = getattr(review, field_name)
        self._pending[key] = value
        if self._sentence_id not in self._typed_on:
            self._typed_on[self._sentence_id] = self._claim_label(self._sentence_id)
        self.save_state.setText(SAVING)
        self._save_timer.start(TEXT_SAVE_DELAY_MS)
        if not self._longest_timer.isActive():  # not put off by the keys that follow
            self._longest_timer.start(TEXT_SAVE_LONGEST_MS)

    def flush_pending_text(self) -> None:
        """Save typed text now (leaving a field or sentence, closing the window)."""
        self._save_timer.stop()
        self._longest_timer.stop()
        self._retry_timer.stop()
        to_retry = False
        for key in list(self._pending):
            # Read again at each: a save inside an earlier one's (a box it brought up took
            # the focus from a field, or the session ended and the close saved) may have
            # saved it, or let it go. Saved again as listed, it was a second save, and
            # after a logout's close a "not saved" line in the log for text saved.
            if key not in self._pending:
                continue
            sentence_id, field_name = key
            value = self._pending[key]
            refused = self._held.get(key)
            # Compared with the value refused: an emptied field ("") is text too, and a
            # claimant or explanation deleted must be saved.
            if refused is not None and refused.value == value:
                continue  # refused as it is: it waits for the reviewer to change it
            tried = _Try(key, value)
            self._trying.append(tried)
            try:
                self.text_committed.emit(sentence_id, field_name, value)  # saved on return
            finally:
                self._trying.pop()
            if tried.failed:
                if tried.until_changed:  # too long: kept, not tried again until changed
                    continue
                to_retry = True
                break  # keep it (and the rest) for the retry
            self._held.pop(key, None)
            if self._pending.get(key) == value:
                del self._pending[key]
                self._typed_over.pop(key, None)
                if field_name == "explanation":
                    self._drop_waiting_documents(sentence_id)
            elif key in self._pending:  # typed on while it was saved: goes over that
                # Not for text let go meanwhile (refused for good, `save_refused`): kept
                # as what the field held, the next typing there was refused as if
                # another program had saved it.
                self._typed_over[key] = (
                    typed_line(value) if field_name == "claimant" else typed_lines(value)
                )
        self._retrying = to_retry
        # Said of the text that waited when the review was read again: kept on once it
        # was saved, text refused there later was said to be beside that change too.
        self._changed_outside &= self.pending_sentence_ids()
        if self._pending:
            self._say_unsaved()
            # Said beside the boxes of the sentence shown, of its own text only: a retry
            # of text typed on another sentence (a full disk) put "Not saved", then
            # "Saved", beside this one's empty Explanation box. The red note names that.
            if self._sentence_id in self.pending_sentence_ids():
                self.save_state.setText(self._not_saved_here())
            elif self.save_state.text():  # its own text saved, another's waits
                self.save_state.setText(SAVED)
            if to_retry:
                self._retry_timer.start()
        else:
            self._held.clear()
            self._typed_over.clear()
            self._typed_on.clear()
            self._changed_outside.clear()
            self._hide_unsaved()
            if self.save_state.text():
                self.save_state.setText(SAVED)

    def _not_saved_here(self) -> str:
        """What the label beside the Explanation box says of the shown sentence's typed
        text waiting: the claimant named when only it waits."""
        fields = {name for sentence_id, name in self._pending if sentence_id == self._sentence_id}
        return CLAIMANT_NOT_SAVED if fields == {"claimant"} else NOT_SAVED

    def _say_unsaved(self) -> None:
        """The red note over typed text waiting: why each waits, and which reviews another
        program changed around it meanwhile (`took_outside_change`). One note is said
        whole; two or more, a short line each, the whole behind Details… (and in the
        note's tooltip)."""
        waiting = self.pending_sentence_ids()
        retried = sorted(key for key in self._pending if key not in self._held)
        notes: list[tuple[str, str]] = []  # (whole, short)
        # Short: where, and NOT saved; why is behind Details… (one line each at 1024×640:
        # "too long" or "saved elsewhere first" after it wrapped each to two).
        if self._retrying:
            where = ", ".join(self._field_of(*key) for key in retried)
            note = self._failed_note or UNSAVED_NOTE
            if any(sentence_id != self._sentence_id for sentence_id, _ in retried):
                # Said whole, it named no sentence: moved on, the reviewer read "It stays
                # here" over another sentence's empty boxes.
                # By number where the list shows it; else ("sentence 1", its id, read as
                # the #1 of another article shown) by the number and words it had then.
                typed = ", ".join(
                    self.where_typed(*key, short=self._listed(key[0])) for key in retried
                )
                note += f" Waiting: {typed}" + ("" if typed.endswith("…") else ".")
            notes.append((note, f"NOT saved yet: {where or 'typed text'}"))
        notes += [
            (held.note, f"NOT saved: {self._field_of(*key)}")
            for key, held in sorted(self._held.items())
            if key in self._pending
        ]
        # By number only: the note above names the sentence whole, and at 1024×640 the
        # label twice over took seven lines of the panel.
        notes += [
            (
                f"Another program changed the review of {self._number(sentence_id)} "
                "meanwhile: it shows as that program saved it, all but the text you typed.",
                f"{self._number(sentence_id)}: another program's review",
            )
            for sentence_id in sorted(self._changed_outside & waiting)
        ]
        whole = "\n".join(note for note, _short in notes)
        label = self.unsaved_label
        # Said short as she types in a field (a pause's save, a retry's), the note stays
        # short and no lower until she leaves the field (that save lays it out afresh):
        # from two short lines to one note whole it grew 28 px at 1024×640, the box she
        # typed in jumped down under her caret and Link Source went off the panel; one
        # line and back, it jumped 14 px at each retry.
        typing = label.isVisible() and (
            self.explanation_edit.hasFocus() or self.claimant_edit.hasFocus()
        )
        # Said short already: a note whole, shortened as a second comes, does not grow.
        short_already = typing and self.unsaved_details.isVisible()
        held = label.height() if short_already else 0
        if len(notes) > 1 or short_already:
            self._unsaved_whole = "\n\n".join(note for note, _short in notes)
            self.unsaved_label.setText("\n".join(short for _whole, short in notes))
            self.unsaved_label.setToolTip(plain_tooltip(whole))
            self.unsaved_label.setAccessibleDescription(whole)
            self.unsaved_details.show()
        else:
            self._unsaved_whole = ""
            self.unsaved_label.setText(whole)
            self.unsaved_label.setToolTip("")
            self.unsaved_label.setAccessibleDescription("")
            self._hide_details()
        label.setMinimumHeight(max(held, label.minimumHeight()) if short_already else 0)
        # QLabel keeps the size it last worked out, its minimum height in it: let go of that
        # height with its text unchanged, it went on taking it, the panel's last row
        # pushed off. The same indent makes it work its size out again.
        label.setIndent(label.indent())
        label.show()

    def _listed(self, sentence_id: int) -> bool:
        """Whether the sentence list (the article shown) holds the sentence."""
        return self._sentences is not None and self._sentences.row_of(sentence_id) >= 0

    def _field_of(self, sentence_id: int, field_name: str) -> str:
        """ "claimant of #3", for a short line of the red note."""
        return f"{field_name} of {self._number(sentence_id)}"

    def _hide_unsaved(self) -> None:
        """No typed text waits: no note."""
        self.unsaved_label.hide()
        self.unsaved_label.setMinimumHeight(0)
        self._hide_details()
        self._unsaved_whole = ""

    def _hide_details(self) -> None:
        """Details… hidden (one note or none left); holding the keyboard, it hands it to
        the sentence list, as Esc does: Qt gave it to the next widget, the Claim tag
        button, and the Space she pressed next (to open Details… again) tagged the
        sentence a claim."""
        details = self.unsaved_details
        held = details.window().focusWidget() is details  # her window active or not
        details.hide()
        if held:
            self.field_done.emit()

    def unsaved_note(self) -> str:
        """The red note's every word: whole, as Details… shows it when it says it short."""
        return self._unsaved_whole or self.unsaved_label.text()

    def _show_unsaved_details(self) -> None:
        """The notes said short, whole, in a box."""
        if self._unsaved_whole:
            inform(self.window(), "Typed text not saved", self._unsaved_whole, warning=True)

    def took_outside_change(self, sentence_ids: set[int]) -> None:
        """The open article was read again (`EditsController.show_as_saved`) and another
        program had changed the reviews of these sentences, on which typed text waits:
        their fields show that program's now, all but the one typed in; said in the note."""
        changed = sentence_ids & self.pending_sentence_ids()
        if changed:
            self._changed_outside |= changed
            self._say_unsaved()

    def discard_pending_text(self) -> None:
        """Forget typed text that could not be saved (the reviewer chose to, e.g. to open
        another workspace, where it must never be saved)."""
        self._save_timer.stop()
        self._longest_timer.stop()
        self._retry_timer.stop()
        self._pending.clear()
        self._held.clear()
        self._typed_over.clear()
        self._typed_on.clear()
        self._changed_outside.clear()
        self._drop_waiting_documents()
        self._hide_unsaved()
        self.save_state.setText("")

    def another_workspace(self) -> None:
        """Another workspace is shown (or the same file opened anew, or restored): its
        sentence ids are its own, and the one numbered as the sentence shown before is
        not it. Its boxes are filled anew there, their undo gone (`show_review` on a
        sentence moved to): each workspace numbers its sentences from 1, and Ctrl+Z in a
        box put the words typed and deleted on the last workspace's #1 into this one's,
        saved here."""
        self._explanation_of = None

    def take_pending_text(self) -> dict[tuple[int, str], str]:
        """The typed text not saved yet, by (sentence id, field), taken out of the panel:
        to be saved into the same workspace file opened anew (`keep_pending_text`)."""
        taken = dict(self._pending)
        typed_over = {key: self._typed_over[key] for key in taken if key in self._typed_over}
        held = {key: self._held[key] for key in taken if key in self._held}
        self.discard_pending_text()
        self._carried_typed_over, self._carried_held = typed_over, held
        return taken

    def keep_pending_text(self, texts: dict[tuple[int, str], str]) -> None:
        """Save `texts` (`take_pending_text`, of this workspace's own sentences) now, as
        typed; what still cannot be saved stays, said and retried, as any typed text.
        Typed on the sentence shown, it is put back in its box first: the workspace opened
        anew showed the text as stored there (the panel held none while it opened), and a
        letter typed into it replaced text still waiting (too long) with that letter.
        Each is saved only over what its field held when the typing began, as there
        (`typed_over`): carried without it, it went over another program's save made in
        the file while the window could not write it."""
        carried, self._carried_typed_over = self._carried_typed_over, {}
        held, self._carried_held = self._carried_held, {}
        self._typed_over.update({key: carried[key] for key in texts if key in carried})
        # Refused as it is there, it waits here too, until changed: text refused over
        # another program's save was saved over it on arrival, unchanged and unsaid.
        self._held.update({key: held[key] for key in texts if key in held})
        self._pending.update(texts)
        review = self._shown_review
        if (
            review is not None
            and review.sentence_id == self._sentence_id
            and any(sentence_id == review.sentence_id for sentence_id, _ in texts)
        ):
            self.show_review(review)  # its fields: the typed text where there is some
        self.flush_pending_text()

    def save_failed(
        self, note: str = "", *, until_changed: bool = False, saved_meanwhile: str | None = None
    ) -> None:
        """Called by the slot of text_committed when the text could not be saved; `note`
        says what becomes of it when it is not retried until saved (UNSAVED_NOTE).
        `until_changed`: the text itself was refused (too long): kept in its field, not
        tried again until the reviewer changes it. `saved_meanwhile`: refused because
        another program saved the field since it was shown, this now: kept likewise, and
        the reviewer's next change goes over it (she has been shown it)."""
        if not self._trying:
            return
        tried = self._trying[-1]
        tried.failed = True
        tried.until_changed = until_changed or saved_meanwhile is not None
        if saved_meanwhile is not None:
            self._held[tried.key] = _Held(tried.value, note, too_long=False)
            self._typed_over[tried.key] = saved_meanwhile
        elif until_changed:  # at once: a save asked for while its box is up skips it
            self._held[tried.key] = _Held(tried.value, note, too_long=True)
        else:
            self._failed_note = note

    def typed_over(self, sentence_id: int, field_name: str) -> str | None:
        """What the field held, as saved, when the typing there began (None: not known,
        text kept from before the workspace was opened anew): its save must not go over
        other text another program saved since."""
        return self._typed_over.get((sentence_id, field_name))

    def saved_here(self, review: Review, fields: Collection[str] | None = None) -> None:
        """This window's own edit saved `review` (an undo, a suggestion taken): typed
        text waiting on its sentence goes over it when saved, as the newer edit, and is
        not refused as if another program had saved it. `fields`: those the edit set
        (None: any may be); another's text is what it was, another program's save."""
        for key in list(self._typed_over):
            if key[0] != review.sentence_id or (fields is not None and key[1] not in fields):
                continue
            if key in self._pending:
                self._typed_over[key] = getattr(review, key[1])

    def refused_as_too_long(self, sentence_id: int, field_name: str) -> bool:
        """Whether text typed there waits, refused as too long (the reviewer was told)."""
        held = self._held.get((sentence_id, field_name))
        return held is not None and held.too_long

    def refused_as_saved_meanwhile(self, sentence_id: int, field_name: str) -> bool:
        """Whether text typed there waits, refused because another program saved the
        field meanwhile (the reviewer was told and shown that program's text)."""
        held = self._held.get((sentence_id, field_name))
        return held is not None and not held.too_long

    def has_too_long_text(self) -> bool:
        """Whether any typed text waiting was refused as too long (not for want of room)."""
        return any(key in self._pending and held.too_long for key, held in self._held.items())

    def has_text_typed_over(self) -> bool:
        """Whether any typed text waiting was refused because another program saved its
        field meanwhile (`refused_as_saved_meanwhile`): it waits for the reviewer to change it."""
        return any(key in self._pending and not held.too_long for key, held in self._held.items())

    def has_text_to_retry(self) -> bool:
        """Whether any typed text waiting is not refused as it is (too long, or over
        another program's save): it waits for the workspace to take it (a full disk),
        retried."""
        return any(key not in self._held for key in self._pending)

    def save_refused(self, sentence_id: int, field_name: str) -> None:
        """Called by the slot of text_committed when the text can never be saved as it is
        (its sentence gone): not kept to be retried, the slot having shown it to copy."""
        self._pending.pop((sentence_id, field_name), None)
        self._held.pop((sentence_id, field_name), None)
        self._typed_over.pop((sentence_id, field_name), None)
        if field_name == "explanation":
            self._drop_waiting_documents(sentence_id)

    def where_typed(self, sentence_id: int, field_name: str, *, short: bool = False) -> str:
        """Where text was typed, in words: "the explanation of #3 Baku said…"; for a
        sentence no longer in the list, as the list named it then. `short`: "the
        explanation of #3", for the red note (the label took three of its lines at
        1024×640, the box typed in pushed out of sight below)."""
        if short:
            return f"the {field_name} of {self._number(sentence_id)}"
        if self._sentences is not None and self._sentences.row_of(sentence_id) >= 0:
            label = self._claim_label(sentence_id)
        else:
            label = self._typed_on.get(sentence_id, f"sentence {sentence_id}")
        return f"the {field_name} of {label}"

    def has_pending_text(self) -> bool:
        return bool(self._pending)

    def pending_sentence_ids(self) -> set[int]:
        """The sentences typed text not saved yet was typed on."""
        return {sentence_id for sentence_id, _ in self._pending}

    def pending_text(self) -> list[tuple[str, str]]:
        """The typed text not saved yet, each with where it was typed ("the explanation of
        #3 Baku said…"), for the reviewer to put in again."""
        return [
            (self.where_typed(sentence_id, field_name), value)
            for (sentence_id, field_name), value in self._pending.items()
        ]

    def _open_source(self, index: QModelIndex) -> None:
        """Open a source in the system browser, and only an http(s) one (checked again here:
        the workspace file could have been edited by another tool)."""
        link = self.sources_model.link_at(index.row())
        try:
            url = validate_source_url(link.source.url)
        except InvalidSourceUrl as error:
            self.open_failed.emit(str(error))
            return
        if not QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode)):
            # No browser set up (a locked-down machine): Enter did nothing, and said
            # nothing. The URL on the clipboard can be pasted into a browser elsewhere (a
            # read-only window has no Edit Source to copy it from).
            QApplication.clipboard().setText(url)
            name = one_line(shown_line(link.source.name), EDIT_CHARS)
            # Short, what matters first: at 16 pt and 1024 px the status bar shows some 60
            # characters beside the count.
            self.open_failed.emit(f"No browser opened the source: its URL is copied (“{name}”).")

    def _copy_source_url(self) -> None:
        link = self.current_link()
        if link is None:
            return  # nothing listed: nothing to copy, as in any empty list
        QApplication.clipboard().setText(link.source.url)
        name = one_line(shown_line(link.source.name), EDIT_CHARS)
        self.source_copied.emit(f"Copied the address of “{name}”.")

    def _on_remove_source(self) -> None:
        link = self.current_link()
        if link is not None:
            self.unlink_requested.emit(link)

    def _on_edit_source(self) -> None:
        link = self.current_link()
        if link is not None:
            self.edit_source_requested.emit(link)


# Keys a closed combo box moves its choice with (and a letter, which seeks an item).
_CHOOSING_KEYS = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
}


class _LazyComboBox(QComboBox):
    """A combo box that builds its full list only when the reviewer opens it, or
    chooses in it closed (↓, a letter, the wheel)."""

    popup_wanted = Signal()  # the list is about to be used: fill it now

    def showPopup(self) -> None:
        self.popup_wanted.emit()
        super().showPopup()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Closed, it held only "no claim chosen": ↓ after Alt+N did nothing, as if the
        # article had no claim (Space, Alt+↓ or F4 had to open it first).
        typed = event.text()
        if Qt.Key(event.key()) in _CHOOSING_KEYS or (typed and typed.isprintable()):
            self.popup_wanted.emit()
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.popup_wanted.emit()
        super().wheelEvent(event)


class TagButtons(QObject):
    """The tag buttons, one lit at a time as in an exclusive QButtonGroup, but each its own
    Tab stop. Qt makes only the lit button of a button group a Tab stop, radio-button
    style (an arrow key then moves on and tags): Tab went from Claim to the Verdict box,
    and Denial, Fact and None could not be reached without knowing D, F and X."""

    id_clicked = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buttons: dict[int, QToolButton] = {}

    def add_button(self, button: QToolButton, button_id: int) -> None:
        self._buttons[button_id] = button
        button.clicked.connect(lambda _checked=False, i=button_id: self._clicked(i))

    def buttons(self) -> list[QToolButton]:
        """In the order they were added, as QButtonGroup.buttons() gives them."""
        return list(self._buttons.values())

    def button(self, button_id: int) -> QToolButton:
        return self._buttons[button_id]

    def lit_id(self) -> int:
        """The lit button's id; -1 when none is (as QButtonGroup.checkedId answers)."""
        return next((i for i, button in self._buttons.items() if button.isChecked()), -1)

    def light(self, button_id: int | None) -> None:
        """Check this button (None: none of them) and uncheck the others."""
        for other_id, button in self._buttons.items():
            button.setChecked(other_id == button_id)

    def _clicked(self, button_id: int) -> None:
        self.light(button_id)  # a click on the lit one leaves it lit, as before
        self.id_clicked.emit(button_id)


class _FlushOnFocusOutEdit(RunWrappingEdit):
    """Explanation field: saves what was typed as soon as focus leaves it."""

    def __init__(self, on_focus_out: Any) -> None:
        super().__init__()
        self._on_focus_out = on_focus_out

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self._on_focus_out()


def _upright_when_rtl(label: QWidget, text: str) -> None:
    """Show `label` upright while `text` has right-to-left letters (its style sheet's
    `upright` property), italic otherwise: no italic Arabic in the desk's fonts (DejaVu
    Sans Oblique has none) drew it as empty boxes. Restyled only when that changes."""
    upright = holds_right_to_left(text)
    if bool(label.property("upright")) != upright:
        label.setProperty("upright", upright)
        label.style().unpolish(label)
        label.style().polish(label)
