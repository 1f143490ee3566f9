"""The checks an edit makes first; each says in the status bar why nothing happened."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterator
from typing import TYPE_CHECKING

from factcheck_app.domain.errors import ChangedMeanwhile, FactcheckError, NotFound
from factcheck_app.gui.actions import SPECS, ActionId, key_text
from factcheck_app.gui.messages import STATUS_HINT, STATUS_LONG, STATUS_RESULT, inform

if TYPE_CHECKING:
    from factcheck_app.gui.main_window import MainWindow


def no_articles_text() -> str:
    """What a key that works on sentences says in a workspace with no article yet."""
    return (
        "This workspace has no articles yet: open one with "
        f"{key_text(SPECS[ActionId.OPEN_ARTICLE])}, drop a file on the window, or paste "
        f"one with {key_text(SPECS[ActionId.PASTE_ARTICLE])}."
    )


def tell_no_articles(window: MainWindow) -> bool:
    """True (and a message) when the workspace has no article to work on (a new team
    workspace, or the sample removed): C said "Select a sentence first." with none to
    select, N that every sentence was done and Shift+N that suggestions were still being
    computed, for ever."""
    if window.article_model.rowCount() > 0:
        return False
    window.statusBar().showMessage(no_articles_text(), STATUS_HINT)
    return True


def tell_none_listed(window: MainWindow) -> bool:
    """True (and a message) when the open article has sentences and the Show box lists
    none of them ("Conflicts" chosen in an article with none): C said "Select a sentence
    first." beside an empty list, and J, ↓, Home and End nothing at all."""
    if window.sentence_filter.rowCount() > 0 or window.sentence_model.rowCount() == 0:
        return False
    # Short: at 16 pt the bar showed only its first 46 characters; the key came last.
    window.statusBar().showMessage(
        f"Show “{window.filter_box.currentText()}” lists no sentence here: Alt+S changes it.",
        STATUS_HINT,
    )
    return True


@contextlib.contextmanager
def shown_as_saved_if_changed(window: MainWindow) -> Iterator[None]:
    """Around an edit: refused because another connection saved what it was made from
    (`ChangedMeanwhile`: a review, a source link, sentences, a conflict, a sign-off),
    the open article is read again before the refusal goes on to its box, which says to
    look again. This window does not read another program's saves by itself: the table
    still showed the verdict, link or versions from before. The one way every step so
    refused is shown (a worker's refusal, past it, calls `show_as_saved` itself).
    Refused for what the window lists no longer being there (`NotFound`: a sentence or
    an article another program took away before the step, not while it was saved), it
    is shown the same way: "There is no sentence 5" stood under a list still showing it,
    and every key on it was refused alike."""
    try:
        yield
    except (ChangedMeanwhile, NotFound):
        window.edits.show_as_saved()
        raise


def offered_if_sentence_gone(
    window: MainWindow, sentence_id: int, what: str, typed: Callable[[], list[tuple[str, str]]]
) -> Callable[[FactcheckError], bool]:
    """For `run_until_saved`: a dialog's save refused as its sentence is no longer in the
    workspace (another program, or a merge undone, took it or its article away while the
    dialog was open) says so, once, and offers `typed` (where, text) in a box to copy;
    True then, and the dialog closes. Brought back, it was refused the same way for
    ever, and Cancel dropped the URL, the excerpt or the note typed there."""
    return offered_if_gone(
        window,
        lambda: window.desk.reviews.article_of(sentence_id) is None,
        f"{what} was NOT saved: the sentence it was for was taken away while the dialog was open",
        typed,
    )


def offered_if_article_gone(
    window: MainWindow, article_id: int, what: str, typed: Callable[[], list[tuple[str, str]]]
) -> Callable[[FactcheckError], bool]:
    """`offered_if_sentence_gone` for a dialog on an article (Article Properties)."""
    return offered_if_gone(
        window,
        lambda: not window.desk.articles.exists(article_id),
        f"{what} were NOT saved: the article was taken away while the dialog was open",
        typed,
    )


def offered_if_gone(
    window: MainWindow,
    gone: Callable[[], bool],
    not_saved: str,
    typed: Callable[[], list[tuple[str, str]]],
) -> Callable[[FactcheckError], bool]:
    """For `run_until_saved`: after a refusal, when `gone()` (what the dialog saves into
    is no longer in the workspace), the box says `not_saved`, by whom, and offers
    `typed` to copy; True, and the dialog closes. Otherwise it comes back as typed."""

    def refused(_error: FactcheckError) -> bool:
        try:
            if not gone():
                return False  # a full disk, a lock: the dialog comes back as typed
        except FactcheckError:
            return False  # not known (the disk gone): the dialog comes back as typed
        why = (
            f"{not_saved} (by another program, or a merge undone or redone). The window "
            "now shows the workspace as saved."
        )
        where_typed = [(where, text) for where, text in typed() if text.strip()]
        if where_typed:
            # Its field is gone with the sentence: copied, it can go on another one.
            window.workspace.show_text_not_saved(
                "Not saved: taken away",
                why,
                where_typed,
                then="copy it from there to keep it (or use it elsewhere).",
            )
        else:
            inform(window, "Not saved: taken away", why, warning=True)
        return True

    return refused


def require_sentence(window: MainWindow) -> int | None:
    """The current sentence's id, or None (and a message) when none is selected."""
    sentence_id = window.current_sentence_id()
    if sentence_id is None and not tell_no_articles(window) and not tell_none_listed(window):
        window.statusBar().showMessage("Select a sentence first.", STATUS_HINT)
    return sentence_id


def require_article(window: MainWindow) -> int | None:
    """The open article's id, or None (and a message) when none is open: Export, Article
    Properties, Remove Article, Re-split and Accept All did nothing then, without a word."""
    article_id = window.article_id
    if article_id is None and not tell_no_articles(window):
        window.statusBar().showMessage(
            f"Open an article first ({key_text(SPECS[ActionId.FOCUS_ARTICLES])} goes to "
            "the article list).",
            STATUS_HINT,
        )
    return article_id


def writable(window: MainWindow, what: str = "edit") -> bool:
    """False (and a message) when the workspace is open read-only, its file was moved or
    replaced while open, its disk went away (a USB stick pulled out), or a merge (or its
    undo) is writing it in the background: an edit must wait for that. `what` says what
    waits ("A re-split is running: `what` when it has finished.")."""
    desk = window.desk
    if desk.workspace.read_only:
        window.statusBar().showMessage(
            "This workspace is open read-only: nothing was changed.", STATUS_RESULT
        )
        return False
    if saving_stopped(window) or folder_silent(window):
        return False
    return not window.merging.refuse_while_merging(what)


# An edit refused while the open workspace's folder does not answer.
FOLDER_SILENT = (
    "Nothing was changed: the workspace's folder does not answer (a network drive "
    "dropped?). Try again once it answers."
)


def folder_silent(window: MainWindow) -> bool:
    """True (and the status bar's line) while a look at the open workspace's folder waits
    on its drive (`WorkspaceController.folder_not_answering`): an edit's save, made on
    the window's thread through SQLite, would wait with it, the window frozen for minutes
    (a hard NFS mount: for ever). Nothing is changed; the key works again once it answers."""
    if not window.workspace.folder_not_answering():
        return False
    window.statusBar().showMessage(FOLDER_SILENT, STATUS_LONG)
    return True


def saving_stopped(window: MainWindow) -> bool:
    """True (and the status bar's one line, naming the strip's way back) when the window
    no longer saves: its workspace file moved or replaced while open, or its disk gone.
    Told once already, in a box (the window's look, or the save that found it), and on
    the strip: each key after (C, D, F, 1-6, Ctrl+Z) popped a box of its own."""
    desk = window.desk
    # A connection whose disk went away never reaches it again, even plugged back in: the
    # strip's button opens it again.
    if not (desk.stopped or desk.disk_failed):
        return False
    # While no copy of a replaced file could be made, each key tries it again, so the
    # moment there is room the work is kept; said in the line, not a box per key as
    # when the save itself tried it.
    kept_now = desk.stopped and desk.rescue_failed and desk.rescue_again()
    _tell_stopped(window, kept_now)
    return True


def _tell_stopped(window: MainWindow, kept_now: bool = False) -> None:
    """The status bar's one line for an edit refused because the window no longer saves,
    naming the strip's button (`kept_now`: its retry just made the copy that could not be
    made); the strip shown at once (the window's look shows it only at its next second,
    after a key that found the move first)."""
    banner = window.workspace_strip
    banner.show_for(window.desk)
    window.statusBar().showMessage(banner.stopped_refusal(kept_now), STATUS_LONG)


def typed_text_waiting(window: MainWindow, sentence_ids: Collection[int] | None, what: str) -> bool:
    """True (and a status line) when typed text the workspace refused (a full disk, another
    program's lock) still waits on one of `sentence_ids` (None: on any sentence), as the
    caller's flush left it: `what`, a step that replaces those sentences or their reviews,
    is not done before it is saved. Done first, the step took the text's sentence away
    (a re-split's worker, whose connection found room, or waited out the lock the window's
    saves give up on), and the text, refused for good there, was retried for ever under
    a note saying it would be saved; on a sentence a merge kept, it was written over the
    reviews the merge had put together. A window that no longer saves says so itself."""
    desk = window.desk
    if desk.stopped or desk.disk_failed:
        return False
    waiting = window.panel.pending_sentence_ids()
    if sentence_ids is not None:
        waiting &= set(sentence_ids)
    if not waiting:
        return False
    window.statusBar().showMessage(
        f"{what} not done: text you typed is NOT saved yet (see the review panel). "
        "Try again once it is saved.",
        STATUS_LONG,
    )
    return True


def typed_text_waiting_in_article(
    window: MainWindow, article_id: int, what: str, also: Collection[int] = ()
) -> bool:
    """`typed_text_waiting` on any sentence of the article `article_id` or of `also` (a
    step's own sentences): a re-split, or a long re-split's undo or redo, is not done
    before it is saved. Run all the same, its worker held the text until it had ended,
    and the re-split had replaced the text's sentence: the text was only offered in a
    box to copy, not saved."""
    ids = set(also)
    if article_id == window.article_id:  # as the window lists it: nothing to read
        ids.update(row.sentence.id for row in window.sentence_model.rows())
    else:  # typed on an article left since (a sentence or two: read one by one)
        for sentence_id in window.panel.pending_sentence_ids() - ids:
            try:
                if window.desk.reviews.article_of(sentence_id) == article_id:
                    ids.add(sentence_id)
            except FactcheckError:  # not known: the step waits, as for one of its own
                ids.add(sentence_id)
    return typed_text_waiting(window, ids, what)


def refuse_while_busy(window: MainWindow, what: str) -> bool:
    """True (and a message) when an import or a merge writes the open workspace in the
    background: closing or replacing it now would pull the file from under that work."""
    return window.imports.refuse_while_importing(what) or window.merging.refuse_while_merging(what)
