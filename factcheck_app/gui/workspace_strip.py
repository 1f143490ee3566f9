"""The workspace strip above the article: shown across a read-only window, or one that no
longer saves (its workspace file moved or replaced, or its disk gone, while open): why it
cannot change the workspace, and the way out. (It was `read_only_banner.ReadOnlyBanner`
before it also showed the saving-stopped case.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from factcheck_app import config
from factcheck_app.gui.colours import follow_palette
from factcheck_app.gui.views import OffActionKeys

if TYPE_CHECKING:  # the window paints before the services are imported (gui/app.py)
    from factcheck_app.services.desk import Desk

# Why the window opened the workspace read-only when the workspace itself has no reason
# (a read-only file, a newer desk's schema: its notices say so): what the reviewer was
# asked (`Desk.open`'s `read_only_because`). Each says its own way back to editing.
TO_EDIT = "To edit, close it there and open the workspace again."
IN_USE = (
    "Another program is changing this workspace, so it is open read-only here: you can "
    f"read, search and export, and you see what the other program saves. {TO_EDIT}"
)
AGAIN = "open the workspace again (File → Open Recent Workspace)"
DISK_FULL = (
    "The disk holding this workspace was full when it was opened, so it is open "
    f"read-only here: you can read, search and export. To edit, make room on it, then {AGAIN}."
)
TEMPORARY_FULL = (
    "The temporary folder was full when this workspace was opened, so it is open "
    "read-only here: you can read, search and export. To edit, make room there (or set "
    f"{config.temporary_folder_variable()} to a folder with room), then {AGAIN}."
)
NOT_REOPENED = (
    "This workspace was moved, replaced or its disk went away while it was open, and it "
    "was not opened for editing again, so it is open read-only here: you can read, search "
    f"and export. To edit, {AGAIN}."
)
# The workspace file moved or replaced while open, and the journalist answered "Later":
# nothing more is saved, and the way back is here, not only in the box that went away.
NO_MORE_SAVED = "so nothing more is saved in this window"
MOVED_THERE = (
    "The workspace file was moved to {where} while it was open here, "
    f"{NO_MORE_SAVED}. Everything saved up to now is in it there: to go on, open it there."
)
MOVED_BACK = (
    "The workspace file is back at {where}, but it was moved while it was open here, "
    f"{NO_MORE_SAVED}. To go on, open it again."
)
REPLACED = (
    "The workspace file {where} was replaced by another file while it was open here "
    f"(by a sync tool, or a copy?), {NO_MORE_SAVED}. {{kept}}To go on, open it again."
)
GONE = (
    "The workspace file {where} was moved away or deleted while it was open here, "
    f"{NO_MORE_SAVED}. {{kept}}To go on, open it where it is now (or that copy) with "
    "File → Open Workspace…."
)
# Its disk gone (a USB stick pulled out, a network drive dropped): this window's connection
# never reaches it again, even once it is back (its file was on the old mount).
DISK_GONE = (
    "The disk holding the workspace {where} went away while it was open here (a USB stick "
    f"pulled out, a network drive dropped?), {NO_MORE_SAVED}. What was saved before is on "
    "that disk. To go on, plug it back in (or reconnect), then open it again."
)
# Its folder not answering (a network share whose server is gone, a VPN dropped): the
# window waits for it, neither frozen nor giving up the connection, which reaches it again
# once it answers. Said once, here, until it does.
NOT_ANSWERING = (
    "The folder holding the workspace {where} does not answer (a network drive dropped, "
    "a VPN gone?). You can go on reading. Text you type stays here, NOT saved, until the "
    "folder answers again: it is saved then."
)
# The review panel's red note under text typed meanwhile.
NOT_ANSWERING_TEXT_NOTE = (
    "Typed text is NOT saved yet: the workspace's folder does not answer. It stays here "
    "and is saved when the folder answers again."
)
# No copy of the file replaced or gone could be made: the window holds the only one.
NOT_KEPT = (
    "The workspace file {where} was replaced, moved away or deleted while it was open here. {kept}"
)
# Read-only for no reason given (a test, a script): nobody else is blamed.
NO_REASON = "This workspace is open read-only here."
CAN_STILL = " You can read, search and export."
# What an edit key pressed in a read-only window says in the status bar.
KEY_REFUSED = "This window is read-only: nothing was changed."
IN_USE_KEY = f"This window is read-only: another program is changing this workspace. {TO_EDIT}"
_KEY_TEXTS = {
    NO_REASON: KEY_REFUSED,
    IN_USE: IN_USE_KEY,
    DISK_FULL: "This window is read-only: the disk was full when the workspace was opened. "
    f"To edit, make room on it, then {AGAIN}.",
    TEMPORARY_FULL: "This window is read-only: the temporary folder was full when the "
    f"workspace was opened. To edit, make room there, then {AGAIN}.",
    NOT_REOPENED: "This window is read-only: the workspace was not opened for editing "
    f"again. To edit, {AGAIN}.",
}


_SHEET = "#workspaceStrip { background: #fff4ce; } #workspaceStrip QLabel { color: #3d2e00; }"


class WorkspaceStrip(QFrame):
    """Shown only while the window's workspace is read-only, or no longer saves (its file
    moved or replaced, or its disk gone, while open: `way_back` is its button's, to open
    it where it is)."""

    way_back = Signal()

    def __init__(self, open_other: QAction) -> None:
        super().__init__()
        self.setObjectName("workspaceStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The label is styled too: it draws in the palette's text colour otherwise, which a
        # dark desktop theme makes white, on this pale yellow.
        follow_palette(self, lambda: _SHEET)
        self._label = QLabel()
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setWordWrap(True)
        button = QPushButton("Open Another &Workspace…")
        button.setObjectName("readOnlyOpenOther")
        self._button = button
        self._key_refused = KEY_REFUSED
        button.clicked.connect(open_other.trigger)
        self._way_back = QPushButton()
        self._way_back.setObjectName("stoppedWayBack")
        self._way_back.clicked.connect(self.way_back)
        self._way_back.hide()
        self._disk_gone = False  # the strip says the workspace's disk went away
        self._not_kept = False  # the strip says no copy of the replaced file could be made
        self._not_answering = False  # the strip says the workspace's folder does not answer
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._way_back)
        layout.addWidget(button)
        self.hide()

    def text(self) -> str:
        return self._label.text()

    def key_refused(self) -> str:
        """What the status bar says when an edit key is pressed: read-only, why, and what
        to do, in the banner's words (its notice, when one says why)."""
        return self._key_refused

    def show_for(self, desk: Desk) -> None:
        """Show the reason when ``desk`` is read-only, or no longer saves (its file moved or
        replaced, or its disk gone); hide otherwise."""
        self._not_answering = False
        if desk.stopped or desk.disk_failed:
            self._show_stopped(desk)
            return
        self._disk_gone = self._not_kept = False
        self._way_back.hide()
        self._button.show()
        if not desk.read_only:
            self.hide()
            return
        reasons = [n for n in desk.notices if "read-only" in n]
        text = " ".join(reasons) or desk.read_only_because or NO_REASON
        self._key_refused = _KEY_TEXTS.get(text, f"{KEY_REFUSED} {text}")
        if "export" not in text:
            text += CAN_STILL
        self._label.setText(text)
        # Tab reaches the button, never the label: the reason is the button's description,
        # or a screen reader offers another workspace without a word of why.
        self._button.setAccessibleDescription(text)
        self.show()

    def show_not_answering(self, desk: Desk) -> None:
        """The workspace's folder does not answer (`NOT_ANSWERING`): said once, until
        `show_for` is called again once it answers."""
        if self._not_answering and self.isVisible():
            return
        self._not_answering = True
        text = NOT_ANSWERING.format(where=desk.path)
        self._label.setText(text)
        self._way_back.hide()
        self._button.show()
        self._button.setAccessibleDescription(text)
        self.show()

    def tells_not_answering(self) -> bool:
        """Whether the strip says the workspace's folder does not answer."""
        return self._not_answering and self.isVisible()

    def tells_disk_gone(self) -> bool:
        """Whether the strip says the workspace's disk went away (to hide once it answers)."""
        return self._disk_gone and self.isVisible()

    def stopped_refusal(self, kept_now: bool = False) -> str:
        """What an edit (a key, Ctrl+Z, a form: it would be filled in for nothing) says in
        the status bar once the window no longer saves: with its way back; while no copy
        of the replaced file could be made, not to close it (`kept_now`: one was, now)."""
        if kept_now:
            return (
                "Nothing was changed. A copy of the work was made now: the strip above the "
                "article names it."
            )
        if self._not_kept:
            return (
                "Nothing was changed: this window no longer saves, and no copy of the work "
                "could be made yet: do NOT close it."
            )
        said = "Nothing was changed: this window no longer saves its workspace"  # fits 1024 px
        if self._way_back.isHidden():
            return f"{said} (the strip above the article says why)."
        return f"{said}. {self._way_back.text().replace('&', '')}, above the article, goes on."

    def _show_stopped(self, desk: Desk) -> None:
        """The file moved (or moved back, after), replaced or gone while open: why nothing
        more is saved, and a button to open it where it is now (File → Open Workspace…
        when nobody knows where that is)."""
        text, label = _stopped_words(desk)
        self._disk_gone = not desk.stopped
        self._not_kept = desk.rescue_failed
        if self.isVisible() and self._label.text() == text:
            return  # looked at every second: unchanged
        self._label.setText(text)
        self._way_back.setText(label)
        self._way_back.setVisible(bool(label))
        self._button.setVisible(not label and not desk.rescue_failed)
        for button in (self._way_back, self._button):
            button.setAccessibleDescription(text)
        self.show()


def _stopped_words(desk: Desk) -> tuple[str, str]:
    """The strip's text once `desk` no longer saves, and its button's label ("" for none)."""
    if not desk.stopped:  # its disk gone: opened again at its place, once back
        return DISK_GONE.format(where=desk.path), "Open It &Again"
    where = desk.where_now()
    if where is not None and (desk.path is None or where != desk.path.resolve()):
        return MOVED_THERE.format(where=where), "&Open It There"
    if where is not None:
        return MOVED_BACK.format(where=where), "Open It &Again"
    if desk.rescue_failed:  # no way out offered: closing it could lose the work
        return NOT_KEPT.format(where=desk.path, kept=desk.rescue_note), ""
    kept = f"{desk.rescue_note} " if desk.rescue_note else ""
    if desk.path is not None and desk.path.exists():
        return REPLACED.format(where=desk.path, kept=kept), "Open It &Again"
    return GONE.format(where=desk.path, kept=kept), ""


def typed_text_note(desk: Desk) -> str:
    """The review panel's red note under typed text not saved in a window that no longer
    saves (its file moved or replaced while open, or its disk gone): it never says "saved
    as soon as that works again" there, but which of the strip's buttons takes the text
    along. A disk plugged back in is never reached through this window's connection."""
    said = "Typed text is NOT saved: this window no longer saves its workspace."
    _, label = _stopped_words(desk)
    button = label.replace("&", "")
    if not desk.stopped:  # the stick may come back as another disk: shown, not saved
        return (
            f"{said} It stays here: plug its disk back in, then {button}, above the "
            "article, shows it to copy."
        )
    if not button:
        return f"{said} It stays here; the strip above the article says what to do."
    where = desk.where_now() or desk.path
    if where is not None and desk.holds_file_at(where):  # as `open_where_it_is` does
        return f"{said} It stays here: {button}, above the article, saves it there."
    return f"{said} It stays here: {button}, above the article, shows it to copy."


class ReadOnlyKeys(OffActionKeys):
    """Says in the status bar why a key did nothing in a read-only window.

    Its edit actions are off there, so their keys (C, D, F, X, 1-6, Ctrl+L…) did nothing
    at all: the banner said why, but a reviewer pressing a key saw no sign of it. The
    key itself still does nothing (OffActionKeys)."""

    def __init__(self, window: QWidget, actions: list[QAction], say: Callable[[str], None]) -> None:
        super().__init__(window, actions, say, KEY_REFUSED)
        # A key typed into the review panel's text fields (claimant, explanation) says
        # it there: the panel says why for each cause of their read-only state, at one
        # place (`ReviewPanel.eventFilter`).
