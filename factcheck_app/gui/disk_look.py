"""Looks at files and folders on a drive that may not answer, never on the window's thread.

An export goes where the reviewer says, often a network share, and a share whose server
is gone (a VPN dropped, an SMB server switched off) does not refuse: a `stat` of a file
on it waits for minutes on a Windows or CIFS share, for ever on a hard NFS mount. Made
on the window's thread, File → Export… froze, unpainted and deaf to Cancel, when it was
opened with the last export's folder on such a share, when Export was pressed, and when
File → Open Last Export looked for the report.

`look` runs the look in a worker thread and waits for it a bounded time (`DISK_WAIT_MS`)
with the window painting and the dialog's Cancel working; `waited` waits without an
event loop, for the moments no key may be taken meanwhile (a dialog not yet shown).
Past the wait, `NoAnswer`: the caller says the folder does not answer. The look left
behind ends with the drive's answer, or with the desk (a daemon thread); while it has
not, another look at that folder, or one inside it, is not started (it would only wait
alongside).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import math
import os
import stat
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal, SignalInstance

from factcheck_app.gui import settings
from factcheck_app.gui.workers import run_in_background

T = TypeVar("T")

# How long the dialog waits, Cancel working, for a look at the export's folder: a share
# that is slow but there (over a VPN, woken from sleep) answers in well under a second; a
# dead one never. Then "The folder … does not answer".
DISK_WAIT_MS = 5_000
# How long the listing of a folder that has just answered is waited for, Cancel working:
# a year's 5,000 reports listed over a VPN take seconds, and a slow share that answers
# was told "does not answer" at every try.
LISTING_WAIT_MS = 120_000
# How long a look is waited for with the window not taking keys (the dialog being made,
# Open Last Export): the window is frozen that long at most.
FROZEN_WAIT_MS = 1_500
# A local disk answers in microseconds: waited for without an event loop this long first,
# so that nothing else runs in the middle of an ordinary Export.
QUICK_S = 0.05
# How long the paths listed after one that did not answer are waited for at least
# (`waited_each`): a local disk answers in microseconds, a busy computer starts a thread
# in milliseconds; a second dead share on the list costs this much more.
REST_S = 0.25

# The `lstat` `_in_turn` just made of the path its `work` is given, for `stat_of`.
_SEEN = threading.local()

# Looks past their wait, by folder, still waiting on their drive.
_STUCK: dict[str, threading.Thread] = {}


class NoAnswer(Exception):
    """The drive of `folder` did not answer within the wait (`cancelled`: the reviewer
    stopped waiting, by Cancel or closing the dialog)."""

    def __init__(self, folder: Path, *, cancelled: bool = False) -> None:
        super().__init__(f"{folder} does not answer")
        self.folder = folder
        self.cancelled = cancelled


class _Relay(QObject):
    """Tells the waiting loop, from the look's thread, that the look ended (queued)."""

    arrived = Signal()


def _started(
    folder: Path, work: Callable[[], T]
) -> tuple[threading.Thread, list[T], list[BaseException], _Relay]:
    """`work` started in a worker thread, with where its result or error will be."""
    if _still_stuck(folder):
        # Still waiting on the drive: so would this one, reached through that folder
        # (All articles into a folder of its own in it waited the 5 s over again).
        raise NoAnswer(folder)
    results: list[T] = []
    errors: list[BaseException] = []
    relay = _Relay()

    def run() -> None:
        try:
            results.append(work())
        except BaseException as error:  # handed to the window's thread, raised there
            errors.append(error)
        with contextlib.suppress(RuntimeError):  # the relay freed: nobody waits any more
            relay.arrived.emit()

    thread = run_in_background(run, "disk-look")
    return thread, results, errors, relay


def _still_stuck(folder: Path) -> bool:
    """Does a look left waiting on its drive wait at `folder`, or a folder it is in?"""
    return _stuck_at(folder) is not None


def _stuck_at(folder: Path) -> threading.Thread | None:
    """The look left waiting on its drive at `folder`, or a folder it is in (None: none)."""
    for key, stuck in list(_STUCK.items()):
        if not stuck.is_alive():
            del _STUCK[key]  # the drive answered it: looked at again
        elif _inside(folder, Path(key)):
            return stuck
    return None


def waited_again(folder: Path, wait_ms: int | None = None) -> None:
    """The looks left waiting at `folder` (or a folder it is in) waited for once more, up
    to `wait_ms` (FROZEN_WAIT_MS) in all, with no event loop: Retry in a box saying a
    folder does not answer. A look still waiting refuses another at once (`_started`),
    and Retry brought the same box back in the same instant, as if it did nothing."""
    deadline = time.monotonic() + (FROZEN_WAIT_MS if wait_ms is None else wait_ms) / 1000
    for key, stuck in list(_STUCK.items()):
        if _inside(folder, Path(key)):
            stuck.join(max(deadline - time.monotonic(), 0))


def _inside(folder: Path, stuck: Path) -> bool:
    """Is `folder` the folder `stuck`, or reached through it?"""
    return folder == stuck or stuck in folder.parents


def _outcome(
    folder: Path, thread: threading.Thread, results: list[T], errors: list[BaseException]
) -> T:
    if errors:
        raise errors[0]
    if not results:
        _STUCK[os.fspath(folder)] = thread
        raise NoAnswer(folder)
    return results[0]


def look(
    folder: Path,
    work: Callable[[], T],
    *,
    stop: Sequence[SignalInstance] = (),
    waiting: Callable[[], None] | None = None,
    wait_ms: int | None = None,
) -> T:
    """`work()` (a look at `folder` or a file in it) made in a worker thread: its result,
    or its exception raised here. Waited for up to `wait_ms` (`DISK_WAIT_MS`) in an event
    loop of its own (the window paints, the dialog's buttons work), `waiting` called first
    when it did not answer at once; any of `stop` emitted ends the wait (NoAnswer,
    `cancelled`)."""
    thread, results, errors, relay = _started(folder, work)
    thread.join(QUICK_S)
    if thread.is_alive():
        loop = QEventLoop()
        relay.arrived.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        stopped: list[bool] = []

        def stop_waiting() -> None:
            stopped.append(True)
            loop.quit()

        for signal in stop:
            signal.connect(stop_waiting)
        if waiting is not None:
            waiting()
        if thread.is_alive():  # it may have answered meanwhile
            timer.start(DISK_WAIT_MS if wait_ms is None else wait_ms)
            loop.exec()
        timer.stop()
        for signal in stop:
            with contextlib.suppress(RuntimeError, TypeError):  # its sender freed meanwhile
                signal.disconnect(stop_waiting)
        if stopped:
            # Even when its answer came in the same instant: the dialog is closed, and what
            # the caller went on to do after the look (an export) went on behind it.
            if not results and not errors:
                _STUCK[os.fspath(folder)] = thread
            raise NoAnswer(folder, cancelled=True)
    return _outcome(folder, thread, results, errors)


def waited(folder: Path, work: Callable[[], T], wait_ms: int | None = None) -> T:
    """`work()` made in a worker thread and waited for up to `wait_ms` (FROZEN_WAIT_MS)
    with no event loop: for a look made where no key may be taken meanwhile."""
    thread, results, errors, _relay = _started(folder, work)
    thread.join((FROZEN_WAIT_MS if wait_ms is None else wait_ms) / 1000)
    return _outcome(folder, thread, results, errors)


def waited_at(path: Path, work: Callable[[], T], wait_ms: int | None = None) -> T:
    """`work()`, a look at the file `path` that follows it when it is a link, made as
    `waited` makes it; left waiting, kept by the folder whose drive it waits on: the one
    the link leads to (`_leads_to`), not the link's own folder on this computer. Kept by
    the link's folder, every workspace beside a link to a share gone dead (her desk
    folder) was said not to answer, and the box named that folder, not the share's."""
    folder = waited(path.parent, functools.partial(_leads_to, path), wait_ms)
    return waited(folder, work, wait_ms)


def _leads_to(path: Path) -> Path:
    """The folder a look at `path` that follows links waits on: that of the file the link
    at `path` leads to (its first step, as written in it), else `path`'s own. Reads the
    link only, never what it leads to: made off the window's thread."""
    try:
        target = path.parent / os.readlink(path)
    except (OSError, ValueError):  # not a link, not there, or a folder closed to her
        return path.parent
    # A link to the top of a POSIX disk ("/x.fcdesk"): that file, not the whole disk.
    return target if target.parent == target.parent.parent and not target.drive else target.parent


def folder_offered(keys: Sequence[str]) -> tuple[Path, Path | None]:
    """Where a chooser or the Export dialog starts: the first folder kept under `keys`
    that is there and can be written, each looked at with `waited` (it is often on a
    network share), else Documents or home; and the first of them that did not answer
    (None: none). A share gone (a VPN dropped) froze the window for minutes at Ctrl+E
    and at File → Save a Copy…, before anything showed."""
    not_answering: Path | None = None
    for key in keys:
        remembered = settings.remembered_path(key)
        if remembered is None:
            continue
        usable = functools.partial(settings.usable_folder, remembered, to_write=True)
        try:
            if waited(remembered, usable):
                return settings.nameable_in_qt(remembered), not_answering
        except NoAnswer:
            not_answering = not_answering or remembered  # offered elsewhere, said so
    return settings.documents_or_home(), not_answering


def waited_each(
    paths: Sequence[Path],
    work: Callable[[Path], T],
    wait_ms: int | None = None,
    *,
    per_look: bool = False,
) -> dict[Path, T | NoAnswer]:
    """`work(path)` for each of `paths`, made one after another in one worker thread and
    waited for up to `wait_ms` (FROZEN_WAIT_MS) in all, with no event loop: for a list
    of files looked at as a menu opens (File → Open Recent Workspace), not one thread
    each. A path whose look did not end, or whose look from before still waits on its
    drive, or which is in a folder such a look waits at (not looked at again): NoAnswer;
    so are the paths in the folder of one that did not answer. The other paths after it
    are looked at in a thread of their own, waited for at least REST_S: a local disk
    answers at once, and one dead share must not take the rest of the list with it.
    `work` must not raise (os.path's looks answer False on an error); one that does
    leaves its path and those after it NoAnswer. `per_look`: the wait is for each look,
    not for all (files given to Import: a thousand dropped from a share slow but there
    were cut off after the wait, "does not answer", left out of the import); the window
    is then frozen as long as the looks take, as it was before they moved here."""
    found: dict[Path, T | NoAnswer] = {}
    todo: list[Path] = []
    for path in paths:
        # Also one in a folder a chooser's or Save a Copy's look still waits at.
        if _still_stuck(path):
            found[path] = NoAnswer(path)
        else:
            todo.append(path)
    wait_s = (FROZEN_WAIT_MS if wait_ms is None else wait_ms) / 1000
    deadline = time.monotonic() + wait_s
    while todo:
        batch = todo
        done, hung, led, thread = _in_turn(
            batch, work, max(deadline - time.monotonic(), REST_S), per_look=per_look
        )
        found.update(done)
        if hung is not None:
            # Kept by its folder: her workspaces are often all in one folder on the share,
            # and each of them beside it looked at again cost REST_S more (8 of them: the
            # window frozen 3.25 s), at each opening of the menu.
            # Not "/" (a workspace kept at the top of a POSIX disk): the whole computer's
            # disk would be said not to answer. A drive's root ("Z:\\") is that drive.
            # A link: kept by the folder it leads to (`_leads_to`), not by its own.
            at = led or (
                hung if hung.parent == hung.parent.parent and not hung.drive else hung.parent
            )
            _STUCK[os.fspath(at)] = thread
            beside = [path for path in batch if path not in found and _inside(path, at)]
            found.update({path: NoAnswer(path) for path in [hung, *beside]})
        elif not done:
            # Nothing answered and nothing waits on a drive: the thread did not run within
            # the wait (a very busy computer), or `work` raised. Not tried again: a fresh
            # thread every REST_S for as long as that lasted, the window frozen meanwhile.
            found.update({path: NoAnswer(path) for path in batch if path not in found})
        todo = [path for path in batch if path not in found]
    return {path: found[path] for path in paths}


def stat_of(path: Path) -> os.stat_result:
    """`os.stat(path)`, for a `work` given to `waited_each`: the `lstat` just made there of
    `path` when it is no link (the same answer), not asked of its drive a second time. A
    thousand files dropped from a slow share were each asked twice."""
    if getattr(_SEEN, "path", None) == path:
        seen: os.stat_result | None = _SEEN.stat
        if seen is None:
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), os.fspath(path))
        if not stat.S_ISLNK(seen.st_mode):
            return seen
    return os.stat(path)


def _in_turn(
    batch: list[Path], work: Callable[[Path], T], wait_s: float, *, per_look: bool = False
) -> tuple[dict[Path, T], Path | None, Path | None, threading.Thread]:
    """`work` of each of `batch` in turn in one worker thread, waited for `wait_s` (each
    look that long, `per_look`): the answers then, the path it still waits on (None: it
    ended, or is between two), and, that path being a link, the folder it leads to."""
    answers: dict[Path, T] = {}
    at: list[Path] = []
    began = [time.monotonic()]  # when the look under way began
    leads: dict[Path, Path] = {}  # where a link among `batch` leads (`_leads_to`)
    lock, left = threading.Lock(), threading.Event()  # `left`: nobody waits any more

    def run() -> None:
        for path in batch:
            with lock:
                if left.is_set():
                    return
                at.append(path)
                began[0] = time.monotonic()
            # A link is read first (stuck here, it is its own folder that does not answer).
            try:
                seen: os.stat_result | None = os.lstat(path)
            except (OSError, ValueError):
                seen = None
            if seen is not None and stat.S_ISLNK(seen.st_mode):
                led = _leads_to(path)
                with lock:
                    leads[path] = led
            _SEEN.path, _SEEN.stat = path, seen
            answer = work(path)
            _SEEN.path = None
            with lock:
                answers[path] = answer

    thread = run_in_background(run, "disk-look")
    thread.join(wait_s)
    while per_look and thread.is_alive():
        with lock:
            rest = began[0] + wait_s - time.monotonic()
        if rest <= 0:  # this one look has taken the whole wait: its drive does not answer
            break
        thread.join(rest)
    with lock:
        left.set()  # from here the thread takes no further path
        hung = at[-1] if thread.is_alive() and at and at[-1] not in answers else None
        return dict(answers), hung, leads.get(hung) if hung is not None else None, thread


# How long a look at the open workspace's folder must have waited before edits are
# refused and typed text held (`FolderWatch.waiting`): a slow but alive share (a `stat`
# taking 60-300 ms over a VPN) outlasts the tick's QUICK_S, and a key pressed in that
# instant was refused on a folder that answered a moment later.
FOLDER_SILENT_S = 1.0


class FolderWatch:
    """The open workspace's folder, looked at each time the window's clock asks (once a
    second), before the window's own looks at its files: a workspace on a network share
    that stopped answering (a VPN dropped) froze the window, unpainted, at the first of
    them, with the journalist only reading. Each look is made in a worker thread and
    waited for QUICK_S at most; while one waits on the drive, the window's looks (and
    typed text's saves) wait too, and none other is started. `answers` tells."""

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._thread: threading.Thread | None = None
        self._since = 0.0  # when the look still waiting was started (monotonic)

    def answers(self, folder: Path) -> bool | None:
        """True: the folder answered just now (or since the last ask): the window may look
        at its files. None: a look waits on it (not long yet: nothing to say). False: it
        has not answered for DISK_WAIT_MS: the window says so."""
        if folder != self._folder:
            self._folder, self._thread = folder, None  # another workspace: its look is left
        thread = self._thread
        if thread is not None and thread.is_alive():
            if time.monotonic() - self._since < DISK_WAIT_MS / 1000:
                return None
            # Other looks at that folder (Open Recent's) are not started meanwhile.
            _STUCK.setdefault(os.fspath(folder), thread)
            return False
        if thread is not None:  # it answered since the last ask: the drive is there
            self._thread = None
            return True
        stuck = _stuck_at(folder)
        if stuck is not None:
            # Another look at it waits on the drive already (File → Open's): taken as this
            # one, silent long since, so that edits are held as the strip says, and the
            # strip goes once it answers.
            self._thread, self._since = stuck, -math.inf
            return False
        since = time.monotonic()
        thread = run_in_background(functools.partial(_stat_quietly, folder), "disk-watch")
        thread.join(QUICK_S)
        if not thread.is_alive():
            return True
        self._thread, self._since = thread, since
        return None

    def in_flight(self) -> bool:
        """Whether a look at the folder has not answered yet (however briefly)."""
        return self._thread is not None and self._thread.is_alive()

    def waiting(self) -> bool:
        """Whether a look at the folder has waited on its drive FOLDER_SILENT_S or more:
        edits are then refused and typed text held (their saves would wait too). A look
        still younger is a slow share's, not yet a silent one's."""
        return self.in_flight() and time.monotonic() - self._since >= FOLDER_SILENT_S

    def wait_for_look(self, seconds: float) -> None:
        """Wait for the look under way, if any (tests)."""
        if self._thread is not None:
            self._thread.join(seconds)


def _stat_quietly(folder: Path) -> None:
    with contextlib.suppress(OSError):  # gone or refused: it answered, the window says
        os.stat(folder)
