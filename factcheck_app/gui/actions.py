"""The one registry of actions and their keys. Menus, toolbar and the shortcut sheet read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from factcheck_app.gui.views import latin_key, typed_character

Key = QKeySequence.StandardKey | str


class ActionId(Enum):
    OPEN_ARTICLE = auto()
    OPEN_WORKSPACE = auto()
    MERGE_WORKSPACE = auto()
    IMPORT_FOLDER = auto()
    CANCEL_IMPORT = auto()
    PASTE_ARTICLE = auto()
    EXPORT = auto()
    OPEN_LAST_EXPORT = auto()
    ARTICLE_PROPERTIES = auto()
    REMOVE_ARTICLE = auto()
    CHECK_WORKSPACE = auto()
    CANCEL_CHECK = auto()
    CANCEL_REBUILD = auto()
    BACKUP_NOW = auto()
    SAVE_COPY = auto()
    CANCEL_COPY = auto()
    SAVE_NOW = auto()
    RESTORE_BACKUP = auto()
    QUIT = auto()
    UNDO = auto()
    REDO = auto()
    NEXT_SENTENCE = auto()
    PREVIOUS_SENTENCE = auto()
    FIRST_SENTENCE = auto()
    LAST_SENTENCE = auto()
    NEXT_UNREVIEWED = auto()
    NEXT_CHECKWORTHY = auto()
    ACCEPT_SUGGESTION = auto()
    ACCEPT_ALL_SUGGESTIONS = auto()
    TAG_CLAIM = auto()
    TAG_DENIAL = auto()
    TAG_FACT = auto()
    TAG_CLEAR = auto()
    VERDICT_1 = auto()
    VERDICT_2 = auto()
    VERDICT_3 = auto()
    VERDICT_4 = auto()
    VERDICT_5 = auto()
    VERDICT_6 = auto()
    LINK_SOURCE = auto()
    EDIT_SOURCE = auto()
    REMOVE_SOURCE = auto()
    MERGE_NEXT = auto()
    SPLIT_HERE = auto()
    RESPLIT_ARTICLE = auto()
    COPY_EARLIER_VERDICT = auto()
    REUSE_EARLIER_SOURCES = auto()
    SEARCH_WORKSPACE = auto()
    NEXT_RESULT = auto()
    PREVIOUS_RESULT = auto()
    FOCUS_TEXT = auto()
    FOCUS_SENTENCES = auto()
    FOCUS_EXPLANATION = auto()
    FOCUS_ARTICLES = auto()
    FIND_ARTICLE = auto()
    MOVE_ON_AFTER_VERDICT = auto()
    APPROVE_VERDICT = auto()
    RETURN_VERDICT = auto()
    FOCUS_HISTORY = auto()
    NEXT_CONFLICT = auto()
    PREVIOUS_CONFLICT = auto()
    FOCUS_VERSIONS = auto()
    SHORTCUTS = auto()
    RECENT_MESSAGES = auto()
    OPEN_LOG_FOLDER = auto()
    ABOUT = auto()
    PREFERENCES = auto()
    AGREEMENT = auto()


class Scope(Enum):
    """Where a shortcut works."""

    WINDOW = auto()  # anywhere in the main window
    REVIEW = auto()  # only while the sentence list or the article view has focus
    SOURCES = auto()  # only while the review panel's Sources list has focus


@dataclass(frozen=True)
class ActionSpec:
    text: str
    keys: tuple[Key, ...] = ()
    scope: Scope = Scope.WINDOW
    tip: str = ""
    short: str = ""  # toolbar label, when the menu text is too long for a button
    checkable: bool = False  # an option that stays on or off (its state is saved)
    # Single-letter keys need the REVIEW scope so typing in a text field never triggers them.


VERDICT_IDS = (
    ActionId.VERDICT_1,
    ActionId.VERDICT_2,
    ActionId.VERDICT_3,
    ActionId.VERDICT_4,
    ActionId.VERDICT_5,
    ActionId.VERDICT_6,
)

SK = QKeySequence.StandardKey
SPECS: dict[ActionId, ActionSpec] = {
    ActionId.OPEN_ARTICLE: ActionSpec(
        "&Open Article…", (SK.Open,), tip="Import an article: text, Markdown, web page, Word or PDF"
    ),
    ActionId.IMPORT_FOLDER: ActionSpec(
        "Import &Folder…", tip="Import every article file in a folder (and its subfolders)"
    ),
    ActionId.CANCEL_IMPORT: ActionSpec(
        "Cancel &Import", tip="Stop the import that is running; the file being read is not kept"
    ),
    ActionId.PASTE_ARTICLE: ActionSpec(
        "&Paste as New Article", ("Ctrl+Shift+V",), tip="Import the clipboard's text"
    ),
    ActionId.OPEN_WORKSPACE: ActionSpec("Open &Workspace…", ("Ctrl+Shift+O",)),
    ActionId.MERGE_WORKSPACE: ActionSpec(
        "Mer&ge Workspace…",
        tip="Bring in a colleague's workspace file: its articles, reviews, sources and history",
    ),
    ActionId.EXPORT: ActionSpec(
        "&Export…",
        ("Ctrl+E",),
        tip="Export a report (HTML, PDF, Word, Markdown) or data (CSV, JSON, ClaimReview), "
        "of this article or of every article",
    ),
    ActionId.OPEN_LAST_EXPORT: ActionSpec(
        "Open &Last Export",
        ("Ctrl+Shift+E",),
        tip="Open the file the last export wrote, with the program your desktop opens it "
        "with (after every article's export, their folder)",
    ),
    ActionId.ARTICLE_PROPERTIES: ActionSpec("Article &Properties…", ("Ctrl+I",)),
    ActionId.REMOVE_ARTICLE: ActionSpec(
        "Remo&ve Article…",
        tip="Take a mistaken import out of the workspace: only an article nothing was "
        "recorded on; Ctrl+Z brings it back",
    ),
    ActionId.CHECK_WORKSPACE: ActionSpec(
        "&Check Workspace", tip="Look for damage in the workspace file and report in words"
    ),
    ActionId.CANCEL_CHECK: ActionSpec(
        "Cancel Chec&k",
        tip="Stop the workspace check that is running; nothing is changed",
    ),
    ActionId.CANCEL_REBUILD: ActionSpec(
        "Cancel I&ndex Rebuild",
        tip="Stop rebuilding the search index; it goes on from there at the next open, or "
        "with Check Workspace",
    ),
    ActionId.BACKUP_NOW: ActionSpec("&Back Up Now"),
    # Ctrl+Shift+S: Save As's key in most programs (a copy under another name, the open
    # file kept open), not SK.SaveAs, which Windows leaves without a key.
    ActionId.SAVE_COPY: ActionSpec(
        "Save a Cop&y…",
        ("Ctrl+Shift+S",),
        tip="Save a whole copy of this workspace to hand to a colleague, even while it is "
        "open; it merges back",
    ),
    ActionId.CANCEL_COPY: ActionSpec(
        "Stop Saving the Cop&y",
        tip="Stop the copy being saved; nothing of it is left",
    ),
    ActionId.SAVE_NOW: ActionSpec(
        "&Save Now",
        (SK.Save,),
        tip="Every change is saved as you make it; this saves the text you are typing at once",
    ),
    ActionId.RESTORE_BACKUP: ActionSpec("Res&tore from Backup…"),
    ActionId.QUIT: ActionSpec("&Quit", (SK.Quit, "Ctrl+Q")),
    ActionId.UNDO: ActionSpec("&Undo", (SK.Undo,), short="Undo"),
    ActionId.REDO: ActionSpec("&Redo", (SK.Redo, "Ctrl+Shift+Z", "Ctrl+Y"), short="Redo"),
    ActionId.NEXT_SENTENCE: ActionSpec("&Next Sentence", ("Down", "J"), Scope.REVIEW),
    ActionId.PREVIOUS_SENTENCE: ActionSpec("&Previous Sentence", ("Up", "K"), Scope.REVIEW),
    ActionId.FIRST_SENTENCE: ActionSpec("F&irst Sentence", ("Home",), Scope.REVIEW),
    ActionId.LAST_SENTENCE: ActionSpec("La&st Sentence", ("End",), Scope.REVIEW),
    ActionId.NEXT_UNREVIEWED: ActionSpec("Next &Unreviewed", ("N",), Scope.REVIEW),
    ActionId.NEXT_CHECKWORTHY: ActionSpec(
        "Next Most C&heck-Worthy",
        ("Shift+N",),
        Scope.REVIEW,
        tip="Go to the most check-worthy sentence not yet done (statistics, named claims first)",
    ),
    ActionId.ACCEPT_SUGGESTION: ActionSpec(
        "&Accept Suggestion",
        ("A",),
        Scope.REVIEW,
        tip="Take the suggested tag, claimant and denied claim for this sentence",
    ),
    ActionId.ACCEPT_ALL_SUGGESTIONS: ActionSpec(
        "Accept All &Suggestions Above…",
        tip="Tag every untagged sentence whose suggestion is confident enough (one undo step)",
    ),
    ActionId.TAG_CLAIM: ActionSpec("Tag as &Claim", ("C",), Scope.REVIEW, short="Claim (C)"),
    ActionId.TAG_DENIAL: ActionSpec("Tag as &Denial", ("D",), Scope.REVIEW, short="Denial (D)"),
    ActionId.TAG_FACT: ActionSpec("Tag as &Fact", ("F",), Scope.REVIEW, short="Fact (F)"),
    ActionId.TAG_CLEAR: ActionSpec(
        "Clear Tag (nothing to check)", ("X",), Scope.REVIEW, short="Nothing to check (X)"
    ),
    ActionId.VERDICT_1: ActionSpec("Verdict: True", ("1",), Scope.REVIEW),
    ActionId.VERDICT_2: ActionSpec("Verdict: Mostly true", ("2",), Scope.REVIEW),
    ActionId.VERDICT_3: ActionSpec("Verdict: Mixed", ("3",), Scope.REVIEW),
    ActionId.VERDICT_4: ActionSpec("Verdict: Mostly false", ("4",), Scope.REVIEW),
    ActionId.VERDICT_5: ActionSpec("Verdict: False", ("5",), Scope.REVIEW),
    ActionId.VERDICT_6: ActionSpec("Verdict: Unverifiable", ("6",), Scope.REVIEW),
    ActionId.LINK_SOURCE: ActionSpec("&Link Source…", ("Ctrl+L",)),
    ActionId.EDIT_SOURCE: ActionSpec(
        "&Edit Source…",
        ("F2",),
        tip="Change the source chosen in the panel: its excerpt, stance, URL, title or publisher",
    ),
    # Delete only in the Sources list: in the sentence list a stray Delete must never
    # take anything away.
    ActionId.REMOVE_SOURCE: ActionSpec(
        "Remove Source",
        ("Del",),
        Scope.SOURCES,
        tip="Unlink the source chosen in the panel's Sources list, as Remove does",
    ),
    ActionId.MERGE_NEXT: ActionSpec("&Merge with Next Sentence", ("Ctrl+M",)),
    ActionId.SPLIT_HERE: ActionSpec("Spli&t Sentence at Cursor", ("Ctrl+Shift+M",)),
    # Ctrl+Shift+B (sentence Boundaries): no other action's, no field's own, not a
    # Ctrl+Alt one (AltGr on Windows: AltGr+M types µ on a German keyboard).
    ActionId.RESPLIT_ARTICLE: ActionSpec(
        "Re-split &Article…",
        ("Ctrl+Shift+B",),
        tip="Split the article into sentences again (asks first when it holds reviews)",
    ),
    ActionId.COPY_EARLIER_VERDICT: ActionSpec(
        "Copy Earlier &Verdict",
        ("V",),
        Scope.REVIEW,
        tip="Give this sentence the verdict of the earlier verdict chosen in the panel",
    ),
    ActionId.REUSE_EARLIER_SOURCES: ActionSpec(
        "Reuse Sources of Earlier Verdict",
        ("Ctrl+Shift+L",),
        tip="Link the sources of the earlier verdict chosen in the panel to this sentence",
    ),
    ActionId.SEARCH_WORKSPACE: ActionSpec(
        "&Search Workspace…",
        (SK.Find, "Ctrl+F"),
        tip="Find sentences, claimants, explanations and sources in every article",
    ),
    ActionId.NEXT_RESULT: ActionSpec("Next Search Result", (SK.FindNext, "F3")),
    ActionId.PREVIOUS_RESULT: ActionSpec("Previous Search Result", (SK.FindPrevious, "Shift+F3")),
    ActionId.FOCUS_TEXT: ActionSpec(
        "Go to Article &Text", ("F6",), tip="Move the caret in the text, e.g. to split there"
    ),
    ActionId.FOCUS_SENTENCES: ActionSpec("Go to Sentence &List", ("Esc",)),
    ActionId.FOCUS_EXPLANATION: ActionSpec("Edit E&xplanation", ("Ctrl+Return",)),
    ActionId.FOCUS_ARTICLES: ActionSpec(
        "Go to Articl&e List",
        ("Ctrl+Shift+A",),
        tip="Choose another article with ↑/↓; Enter goes back to its sentences",
    ),
    # Ctrl+F finds sentences in every article; this finds the article itself, by title.
    ActionId.FIND_ARTICLE: ActionSpec(
        "Fin&d Article…",
        ("Ctrl+Shift+F",),
        tip="Narrow the article list by words of the title, or to the articles not "
        "finished, returned to you, in conflict or added today; Esc lists every one again",
    ),
    ActionId.MOVE_ON_AFTER_VERDICT: ActionSpec(
        "&Move On After Verdict",
        tip="After a verdict key (1–6), go to the next sentence; Ctrl+Z brings you back",
        checkable=True,
    ),
    ActionId.APPROVE_VERDICT: ActionSpec(
        "Appr&ove Verdict",
        ("Ctrl+Shift+P",),
        tip="Sign off the current sentence's verdict as its editor (not your own verdict)",
    ),
    ActionId.RETURN_VERDICT: ActionSpec(
        "&Return Verdict with Note…",
        ("Ctrl+Shift+R",),
        tip="Send the verdict back to its checker with a note saying what is missing",
    ),
    ActionId.FOCUS_HISTORY: ActionSpec(
        "Go to Sentence Histor&y",
        ("Ctrl+Shift+H",),
        tip="Who changed this sentence's review, when, from what to what",
    ),
    # After a merge: from conflict to conflict across the articles, as F3 goes from one
    # search result to the next; function keys, so they work from any field.
    ActionId.NEXT_CONFLICT: ActionSpec(
        "Next &Conflict",
        ("F8",),
        tip="Go to the next sentence whose reviewers disagree, in this or a later article",
    ),
    ActionId.PREVIOUS_CONFLICT: ActionSpec(
        "Previous Con&flict",
        ("Shift+F8",),
        tip="Go to the previous sentence whose reviewers disagree",
    ),
    ActionId.FOCUS_VERSIONS: ActionSpec(
        "Go to Reviewers' Versi&ons",
        ("Ctrl+Shift+D",),
        tip="Choose among the reviewers' versions of a sentence in conflict with ↑/↓; "
        "Enter keeps the chosen one, Esc goes back to the sentences",
    ),
    ActionId.SHORTCUTS: ActionSpec("&Keyboard Shortcuts", (SK.HelpContents, "F1")),
    # Ctrl+Shift+J: no Fn needed on a laptop (as F9 would), and no field's own key.
    ActionId.RECENT_MESSAGES: ActionSpec(
        "Recent &Messages",
        ("Ctrl+Shift+J",),
        tip="Read again, whole, what the status bar said this session, newest first",
    ),
    ActionId.OPEN_LOG_FOLDER: ActionSpec(
        "Open &Log Folder", tip="Show the folder of the log file, where errors are recorded"
    ),
    ActionId.ABOUT: ActionSpec("&About Factcheck desk"),
    ActionId.PREFERENCES: ActionSpec(
        "Pre&ferences…", tip="Your name and initials, recorded with every edit you make"
    ),
    ActionId.AGREEMENT: ActionSpec(
        "A&greement…",
        tip="How far reviewers agree on the sentences both reviewed, and where they differ",
    ),
}


@dataclass(frozen=True)
class Submenu:
    """Items a menu shows one level down (None draws a separator): chosen rarely from the
    menu (their keys are the way), they made the menu taller than a 640 px screen."""

    title: str
    entries: tuple[ActionId | None, ...]  # None draws a separator
    # Entries shown only while on (WHILE_RUNNING): one on sits in the menu itself, in the
    # submenu's place; the submenu shows only while several are (RunningWork).
    one_in_menu: bool = False


# Menus in order: (title, entries); None draws a separator.
MENUS: tuple[tuple[str, tuple[ActionId | Submenu | None, ...]], ...] = (
    (
        "&File",
        (
            ActionId.OPEN_ARTICLE,
            ActionId.IMPORT_FOLDER,
            # With three jobs running (an import, a check, the index rebuilt) their three
            # Cancel items made File 550 px tall at 16 pt: one item, or this submenu.
            Submenu(
                "Ca&ncel Running Work",
                (
                    ActionId.CANCEL_IMPORT,
                    ActionId.CANCEL_CHECK,
                    ActionId.CANCEL_REBUILD,
                    ActionId.CANCEL_COPY,
                ),
                one_in_menu=True,
            ),
            ActionId.OPEN_WORKSPACE,
            ActionId.MERGE_WORKSPACE,
            None,
            ActionId.SAVE_NOW,
            ActionId.SAVE_COPY,
            ActionId.EXPORT,
            ActionId.OPEN_LAST_EXPORT,
            ActionId.ARTICLE_PROPERTIES,
            ActionId.REMOVE_ARTICLE,
            None,
            ActionId.CHECK_WORKSPACE,
            ActionId.BACKUP_NOW,
            ActionId.RESTORE_BACKUP,
            None,
            ActionId.QUIT,
        ),
    ),
    (
        "&Edit",
        (
            ActionId.UNDO,
            ActionId.REDO,
            None,
            ActionId.PASTE_ARTICLE,
            None,
            ActionId.LINK_SOURCE,
            ActionId.EDIT_SOURCE,
            ActionId.REMOVE_SOURCE,
            ActionId.REUSE_EARLIER_SOURCES,
            None,
            ActionId.SEARCH_WORKSPACE,
            ActionId.NEXT_RESULT,
            ActionId.PREVIOUS_RESULT,
            None,
            ActionId.MERGE_NEXT,
            ActionId.SPLIT_HERE,
            ActionId.RESPLIT_ARTICLE,
            None,
            ActionId.PREFERENCES,
        ),
    ),
    (
        "&Review",
        (
            ActionId.NEXT_SENTENCE,
            ActionId.PREVIOUS_SENTENCE,
            ActionId.NEXT_UNREVIEWED,
            ActionId.NEXT_CHECKWORTHY,
            None,
            ActionId.ACCEPT_SUGGESTION,
            ActionId.ACCEPT_ALL_SUGGESTIONS,
            ActionId.TAG_CLAIM,
            ActionId.TAG_DENIAL,
            ActionId.TAG_FACT,
            ActionId.TAG_CLEAR,
            None,
            # The verdict keys are 1-6 and V: the menu only shows them (with a 16 pt font
            # the menu was 778 px tall, over the whole of a 640 px screen in two columns).
            Submenu(
                "&Verdict",
                (
                    *VERDICT_IDS,
                    None,
                    ActionId.COPY_EARLIER_VERDICT,
                    ActionId.MOVE_ON_AFTER_VERDICT,
                ),
            ),
            None,
            ActionId.APPROVE_VERDICT,
            ActionId.RETURN_VERDICT,
            None,
            Submenu(
                "Go &To",
                (
                    ActionId.FIRST_SENTENCE,
                    ActionId.LAST_SENTENCE,
                    ActionId.FOCUS_SENTENCES,
                    ActionId.FOCUS_TEXT,
                    ActionId.FOCUS_EXPLANATION,
                    ActionId.FOCUS_ARTICLES,
                    ActionId.FIND_ARTICLE,
                    ActionId.FOCUS_HISTORY,
                    None,
                    ActionId.NEXT_CONFLICT,
                    ActionId.PREVIOUS_CONFLICT,
                    ActionId.FOCUS_VERSIONS,
                ),
            ),
            None,
            ActionId.AGREEMENT,
        ),
    ),
    (
        "&Help",
        (
            ActionId.SHORTCUTS,
            ActionId.RECENT_MESSAGES,
            ActionId.OPEN_LOG_FOLDER,
            None,
            ActionId.ABOUT,
        ),
    ),
)
TOOLBAR: tuple[ActionId | None, ...] = (
    ActionId.OPEN_ARTICLE,
    None,
    ActionId.UNDO,
    ActionId.REDO,
    None,
    ActionId.TAG_CLAIM,
    ActionId.TAG_DENIAL,
    ActionId.TAG_FACT,
    ActionId.TAG_CLEAR,
    None,
    ActionId.LINK_SOURCE,
    ActionId.NEXT_UNREVIEWED,
)


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    sequences: list[QKeySequence] = []
    for key in spec.keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences.extend(QKeySequence.keyBindings(key))
        else:
            sequences.append(QKeySequence(key))
    unique: list[QKeySequence] = []
    for sequence in sequences:
        if not sequence.isEmpty() and sequence not in unique:
            unique.append(sequence)
    return unique


# In their menu only while their work runs (they are off otherwise): always there, the
# three made the File menu taller than a 640 px screen with a 16 pt font.
WHILE_RUNNING = (
    ActionId.CANCEL_IMPORT,
    ActionId.CANCEL_CHECK,
    ActionId.CANCEL_REBUILD,
    ActionId.CANCEL_COPY,
)

# What changes the workspace: off in a read-only window, where it could only fail.
EDIT_ACTIONS = (
    ActionId.OPEN_ARTICLE,
    ActionId.IMPORT_FOLDER,
    ActionId.PASTE_ARTICLE,
    ActionId.ARTICLE_PROPERTIES,
    ActionId.REMOVE_ARTICLE,
    ActionId.RESTORE_BACKUP,
    ActionId.MERGE_WORKSPACE,
    ActionId.ACCEPT_SUGGESTION,
    ActionId.ACCEPT_ALL_SUGGESTIONS,
    ActionId.TAG_CLAIM,
    ActionId.TAG_DENIAL,
    ActionId.TAG_FACT,
    ActionId.TAG_CLEAR,
    *VERDICT_IDS,
    ActionId.LINK_SOURCE,
    ActionId.EDIT_SOURCE,
    ActionId.REMOVE_SOURCE,
    ActionId.MERGE_NEXT,
    ActionId.SPLIT_HERE,
    ActionId.RESPLIT_ARTICLE,
    ActionId.COPY_EARLIER_VERDICT,
    ActionId.REUSE_EARLIER_SOURCES,
    ActionId.APPROVE_VERDICT,
    ActionId.RETURN_VERDICT,
)

# The shortcut sheet groups the actions by what the reviewer is doing (F1).
TASKS: tuple[tuple[str, tuple[ActionId, ...]], ...] = (
    (
        "Move through the article",
        (
            ActionId.NEXT_SENTENCE,
            ActionId.PREVIOUS_SENTENCE,
            ActionId.FIRST_SENTENCE,
            ActionId.LAST_SENTENCE,
            ActionId.NEXT_UNREVIEWED,
            ActionId.NEXT_CHECKWORTHY,
            ActionId.FOCUS_SENTENCES,
            ActionId.FOCUS_TEXT,
            ActionId.FOCUS_EXPLANATION,
            ActionId.FOCUS_ARTICLES,
            ActionId.FIND_ARTICLE,
        ),
    ),
    (
        "Tag and give a verdict",
        (
            ActionId.ACCEPT_SUGGESTION,
            ActionId.ACCEPT_ALL_SUGGESTIONS,
            ActionId.TAG_CLAIM,
            ActionId.TAG_DENIAL,
            ActionId.TAG_FACT,
            ActionId.TAG_CLEAR,
            *VERDICT_IDS,
            ActionId.COPY_EARLIER_VERDICT,
            ActionId.MOVE_ON_AFTER_VERDICT,
        ),
    ),
    (
        "Decide conflicts",
        (ActionId.NEXT_CONFLICT, ActionId.PREVIOUS_CONFLICT, ActionId.FOCUS_VERSIONS),
    ),
    (
        "Sign off and history",
        (ActionId.APPROVE_VERDICT, ActionId.RETURN_VERDICT, ActionId.FOCUS_HISTORY),
    ),
    (
        "Sources",
        (
            ActionId.LINK_SOURCE,
            ActionId.EDIT_SOURCE,
            ActionId.REMOVE_SOURCE,
            ActionId.REUSE_EARLIER_SOURCES,
        ),
    ),
    ("Search", (ActionId.SEARCH_WORKSPACE, ActionId.NEXT_RESULT, ActionId.PREVIOUS_RESULT)),
    (
        "Fix sentence boundaries",
        (ActionId.MERGE_NEXT, ActionId.SPLIT_HERE, ActionId.RESPLIT_ARTICLE),
    ),
    ("Undo", (ActionId.UNDO, ActionId.REDO)),
    (
        "Articles and reports",
        (
            ActionId.OPEN_ARTICLE,
            ActionId.IMPORT_FOLDER,
            ActionId.CANCEL_IMPORT,
            ActionId.PASTE_ARTICLE,
            ActionId.ARTICLE_PROPERTIES,
            ActionId.REMOVE_ARTICLE,
            ActionId.EXPORT,
            ActionId.OPEN_LAST_EXPORT,
        ),
    ),
    (
        "Workspace",
        (
            ActionId.SAVE_NOW,
            ActionId.OPEN_WORKSPACE,
            ActionId.MERGE_WORKSPACE,
            ActionId.SAVE_COPY,
            ActionId.CANCEL_COPY,
            ActionId.CHECK_WORKSPACE,
            ActionId.CANCEL_CHECK,
            ActionId.CANCEL_REBUILD,
            ActionId.BACKUP_NOW,
            ActionId.RESTORE_BACKUP,
            ActionId.QUIT,
        ),
    ),
    ("Team", (ActionId.AGREEMENT, ActionId.PREFERENCES)),
    (
        "Help",
        (ActionId.SHORTCUTS, ActionId.RECENT_MESSAGES, ActionId.OPEN_LOG_FOLDER, ActionId.ABOUT),
    ),
)


@dataclass(frozen=True)
class WidgetKeys:
    """Keys a widget of the window answers itself, not by an action of the registry: an
    action's key would be taken from every other widget (Ctrl+C copies in every field;
    ↑/↓ move in every list). Listed on the shortcut sheet beside the actions."""

    task: str  # one of TASKS'
    text: str
    keys: tuple[Key, ...]
    where: str


# F1 did not list these, and a reviewer looking there for how to copy a sentence, or
# how to go from article to article, concluded there was no key.
WIDGET_KEYS: tuple[WidgetKeys, ...] = (
    WidgetKeys(
        "Move through the article",
        "Open the next / previous article",
        ("Down", "Up"),
        "Article list",
    ),
    # main_window: the article list's `activated`, and `EnterGoesOn` on the Show box.
    WidgetKeys(
        "Move through the article", "Go on to the article's sentences", ("Return",), "Article list"
    ),
    WidgetKeys(
        "Move through the article", "Go on to the sentences it lists", ("Return",), "Show box"
    ),
    # main_window: `FindFieldKeys` on the article finder's field and state box.
    WidgetKeys(
        "Move through the article",
        "List every article again, back in the list",
        ("Esc",),
        "Find article",
    ),
    WidgetKeys("Move through the article", "Go to the articles found", ("Down",), "Find article"),
    WidgetKeys(
        "Move through the article", "Open the first article found", ("Return",), "Find article"
    ),
    # search_panel: the Find field's own ↓ (Enter and F3 are the actions'), as the
    # article finder's.
    WidgetKeys("Search", "Go to the results", ("Down",), "Find field"),
    WidgetKeys(
        "Search", "Back to the Find field, from the first result", ("Up",), "Search results"
    ),
    # search_panel: the results' `activated`.
    WidgetKeys("Search", "Show the chosen result in its article", ("Return",), "Search results"),
    # views.CopyRowText: the sentence's text, whichever of its cells is current.
    WidgetKeys("Search", "Copy the current sentence", (SK.Copy,), "Sentence list"),
    # review_panel.ReviewPanel.eventFilter: the URL alone, not the row as shown.
    WidgetKeys("Sources", "Copy the chosen source's address", (SK.Copy,), "Sources list"),
    # review_panel: the Sources list's `activated` (an http(s) address only).
    WidgetKeys("Sources", "Open the chosen source in your browser", ("Return",), "Sources list"),
    # earlier_verdicts: the list's `activated`.
    WidgetKeys(
        "Tag and give a verdict",
        "Go to the chosen earlier verdict",
        ("Return",),
        "Earlier verdicts",
    ),
    # conflict_view: the versions' `activated`.
    WidgetKeys("Decide conflicts", "Keep the chosen version", ("Return",), "Reviewers' versions"),
    # history_panel.SentenceHistoryBox: the list cuts each value to a line.
    WidgetKeys("Sign off and history", "Show the chosen entry whole", ("Return",), "History"),
    # history_panel.SentenceHistoryBox.eventFilter: whole, not cut as the list shows it.
    WidgetKeys("Sign off and history", "Copy the chosen entry whole", (SK.Copy,), "History"),
    # dialogs/form_parts.CtrlEnterDialog, every dialog's base: F1 found only Edit
    # Explanation for Ctrl+Enter, which a dialog keeps from the window.
    WidgetKeys("Help", "A dialog's OK (or Close) from any field", ("Ctrl+Return",), "Any dialog"),
)


def key_text(spec: ActionSpec | WidgetKeys) -> str:
    """The keys as shown in the shortcut sheet: the main binding of a standard key (not its
    platform alternatives such as a keyboard's dedicated Undo key) plus our own keys."""
    shown: list[str] = []
    for key in spec.keys:
        if isinstance(key, QKeySequence.StandardKey):
            bindings = QKeySequence.keyBindings(key)
            text = bindings[0].toString(QKeySequence.SequenceFormat.NativeText) if bindings else ""
        else:
            text = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        if text and text not in shown:
            shown.append(text)
    return ", ".join(shown)


def first_key_text(action: ActionId) -> str:
    """The first of an action's keys as the shortcut sheet shows it ("Ctrl+Shift+F"), for
    a hint that names the key to press."""
    return key_text(SPECS[action]).split(", ")[0]


class ShownWhileOn(QAction):
    """An action in its menu only while it is on (Cancel Import while an import runs)."""

    def setEnabled(self, enabled: bool) -> None:
        # Shown first: Qt leaves an action out of sight off, whatever it is told.
        self.setVisible(enabled)
        super().setEnabled(enabled)


# A read-only window builds a search index of its own (it cannot write the workspace's):
# the same action, in its place with its key, named for what it stops there ("Cancel Index
# Rebuild" spoke of a rebuild that was not happening).
CANCEL_INDEX_BUILD = ActionSpec(
    "Cancel I&ndex Build",
    tip="Stop building this window's own search index; a search may miss sentences until "
    "it is built whole, when the workspace is next opened",
)


def name_cancel_rebuild(action: QAction, *, private: bool) -> None:
    """Name Cancel Index Rebuild's action for the job under way: the workspace's index
    rebuilt, or a read-only window's own built (CANCEL_INDEX_BUILD)."""
    spec = CANCEL_INDEX_BUILD if private else SPECS[ActionId.CANCEL_REBUILD]
    action.setText(spec.text)
    action.setStatusTip(spec.tip)


class ActionRegistry:
    """Creates one QAction per id (owned by `parent`) and connects it to its handler."""

    def __init__(self, parent: QObject) -> None:
        self.actions: dict[ActionId, QAction] = {}
        for action_id, spec in SPECS.items():
            kind = ShownWhileOn if action_id in WHILE_RUNNING else QAction
            action = kind(spec.text, parent)
            action.setObjectName(action_id.name.lower())
            action.setShortcuts(key_sequences(spec))
            action.setCheckable(spec.checkable)
            # A key held down repeats: a move may (J held runs down the list), a change
            # may not. With Move On After Verdict, 2 held for a second gave "Mostly
            # true" to a whole article over the verdicts there; Ctrl+M held merged on
            # down it. Undo and redo still repeat, to take such runs back.
            action.setAutoRepeat(action_id not in EDIT_ACTIONS)
            if spec.scope is not Scope.WINDOW:
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            else:
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if spec.tip:
                action.setStatusTip(spec.tip)
            if spec.short:
                action.setIconText(spec.short)
            self.actions[action_id] = action

    def __getitem__(self, action_id: ActionId) -> QAction:
        return self.actions[action_id]

    def on(self, action_id: ActionId, handler: Callable[[], object]) -> None:
        self.actions[action_id].triggered.connect(lambda _checked=False: _unless_behind(handler))

    def review_actions(self) -> list[QAction]:
        """Actions whose keys work only in the review widgets (added to those widgets)."""
        return [self.actions[i] for i, spec in SPECS.items() if spec.scope is Scope.REVIEW]


def _unless_behind(handler: Callable[[], object]) -> None:
    """`handler`, unless a modal dialog or box is up: every action is the window's, and
    the window is behind it. Keys typed just after one opens (Ctrl+I, then the outlet)
    still reach the window until the dialog is active (the system's focus comes later:
    a busy machine, a window manager); Qt keeps their typing out of a blocked window,
    not their shortcuts, and "c" tagged the current sentence a claim."""
    if QApplication.activeModalWidget() is None:
        handler()


class RunningWork(QObject):
    """A `Submenu` with `one_in_menu`: while one of its actions is on, that action sits in
    `menu` in the submenu's place (File → Cancel Import, as ever); while several are,
    they are in the submenu (File → Cancel Running Work → …), so the menu is one line
    taller however many jobs run."""

    def __init__(self, menu: QMenu, submenu: QMenu, actions: list[QAction]) -> None:
        super().__init__(menu)
        self._menu, self._submenu, self._actions = menu, submenu, actions
        for action in actions:
            action.changed.connect(self._arrange)
        self._arrange()

    def _arrange(self) -> None:
        running = [action for action in self._actions if action.isVisible()]
        place = self._submenu.menuAction()
        for action in self._actions:
            if action in self._menu.actions() and (len(running) != 1 or action is not running[0]):
                self._menu.removeAction(action)
        if len(running) == 1 and running[0] not in self._menu.actions():
            self._menu.insertAction(place, running[0])
        place.setVisible(len(running) > 1)


class MenuLetters(QObject):
    """Keeps the letters typed into an open menu for the menus.

    A menu opened by keyboard puts the focus on the menu bar, and a letter the menu has
    no item for goes on to the menu bar as a shortcut; the single-key review actions (C,
    D, F, 1–6…) sit in the Review menu on that bar, so they matched and tagged the
    sentence. Claiming plain keys for the menus and the bar before shortcuts are matched
    (Qt's ShortcutOverride) keeps them there, as Qt's menus already do for arrows and
    Esc. Keys with Ctrl, Alt or Meta still work as shortcuts. Home, End, Page Up and Page
    Down, which move in a menu, stay there too: End pressed to reach About jumped the
    list to its last sentence.

    A letter of another alphabet (“ы” on a Russian layout) picks the item whose letter
    is the key's by its place (S: “&Save Now”): Qt's menus compare the letter typed, so
    it picked nothing, with an English layout set up beside it or not.
    """

    def watch(self, menu: QObject) -> None:
        menu.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
            typed_character(event) or _menu_move(event)
        ):
            event.accept()
            return True
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QMenu)
            and isinstance(event, QKeyEvent)
        ):
            latin = latin_key(event)
            if latin is not None and not latin.keyboardModifiers() & _NOT_IN_A_MENU:
                # The menu's own search, given the Latin letter of the key's place.
                key = latin.key()
                QApplication.sendEvent(
                    watched,
                    QKeyEvent(event.type(), key, event.modifiers(), chr(key).lower()),
                )
                return True
        return super().eventFilter(watched, event)


# Modifiers with which a menu takes no letter (Qt's: none, Shift or Alt only).
_NOT_IN_A_MENU = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier


_MENU_MOVES = frozenset({Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})


def _menu_move(event: QEvent) -> bool:
    """Home, End, Page Up or Page Down on their own (also the sentence list's keys)."""
    return (
        isinstance(event, QKeyEvent)
        and Qt.Key(event.key()) in _MENU_MOVES
        and not event.modifiers()
        & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
            | Qt.KeyboardModifier.ShiftModifier
        )
    )
