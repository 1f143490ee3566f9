"""Every persistent GUI setting, its key and default, declared once."""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, QStandardPaths, Signal

from factcheck_app import config
from factcheck_app.domain.file_modes import kind_of
from factcheck_app.domain.printable import shown_file_name, shown_line
from factcheck_app.gui import disk_look
from factcheck_app.gui.local_files import path_from_qt, qt_can_name

GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
MAIN_SPLITTER = "window/main_splitter"
CENTER_SPLITTER = "window/center_splitter"
PANES_DRAGGED = "window/panes_dragged"  # the main splitter's sizes are the reviewer's
ROWS_DRAGGED = "window/rows_dragged"  # the article text / sentences split is the reviewer's
SEARCH_HEIGHT = "window/search_height"  # the search pane's height, once dragged
RECENT_WORKSPACES = "workspaces/recent"
EXPORT_FOLDER = "export/folder"  # where the last export went
EXPORT_FILE = "export/file"  # the file it wrote: File → Open Last Export opens it
EXPORT_FORMAT = "export/format"  # the format it wrote: the next Ctrl+E offers it
# Where File → Save a Copy… last saved one: its own, not the export folder (a copy saved
# onto a USB stick, pulled since, made Ctrl+E offer Documents, not the reports' folder).
COPY_FOLDER = "copy/folder"
IMPORT_FOLDER = "import/folder"  # where the last article file or folder was opened from
WORKSPACE_FOLDER = "workspace/folder"  # where Open Workspace last chose a file
WELCOMED = "welcome/shown"  # the first start's note was shown
MOVE_ON = "review/move_on_after_verdict"


def last_export() -> Path | None:
    """The file the last export wrote (in any session), if one did."""
    value = settings().value(EXPORT_FILE, "")
    if isinstance(value, str | QByteArray | bytes) and value:
        return Path(_path_from_setting(value))
    return None


def last_export_format() -> str:
    """The format key of the last export (in any session); "" when none was kept."""
    value = settings().value(EXPORT_FORMAT, "")
    return value if isinstance(value, str) else ""


def move_on_after_verdict() -> bool:
    """Whether a verdict key goes on to the next sentence (off until turned on)."""
    return settings().value(MOVE_ON, False, type=bool) is True


def panes_dragged() -> bool:
    """Whether the reviewer dragged the window's panes to widths of their own."""
    return settings().value(PANES_DRAGGED, False, type=bool) is True


def rows_dragged() -> bool:
    """Whether the reviewer dragged the handle between the article text and the list."""
    return settings().value(ROWS_DRAGGED, False, type=bool) is True


def welcomed() -> bool:
    """Whether the first start's note was shown already (it is shown once)."""
    return settings().value(WELCOMED, False, type=bool) is True


MAX_RECENT = 8


def search_height() -> int | None:
    """The height the reviewer last dragged the search pane to (None: never dragged)."""
    value = settings().value(SEARCH_HEIGHT)
    try:
        height = int(value) if value is not None else 0
    except (TypeError, ValueError):  # a hand-edited settings file
        return None
    return height if height > 0 else None


def settings() -> QSettings:
    return QSettings(config.ORGANIZATION, config.APP_ID)


_not_a_file: str | None = None  # why the settings file is not read (keep_off_special_file)


def keep_off_special_file() -> None:
    """Keep Qt off a settings file that is no ordinary file (a named pipe, a device),
    before anything reads it: Qt waited to read a named pipe for ever, and the window
    never showed, with nothing said. Its settings are then not kept, and said so as for
    a file that cannot be written (`write_problem`). The system's files Qt reads too
    (XDG_CONFIG_DIRS, /etc/xdg) are kept off the same way, and the user's still kept."""
    global _not_a_file
    if sys.platform in ("win32", "darwin"):  # the registry, a property list: no such file
        return
    location = QStandardPaths.StandardLocation.GenericConfigLocation
    folders = [Path(folder) for folder in QStandardPaths.standardLocations(location)]
    user_folder = Path(QStandardPaths.writableLocation(location))
    for scope, folder in [(QSettings.Scope.UserScope, user_folder)] + [
        (QSettings.Scope.SystemScope, folder) for folder in folders if folder != user_folder
    ]:
        found = _special_settings_file(folder, writes=scope == QSettings.Scope.UserScope)
        if found is None:
            continue
        # Beneath it: no file can be opened there (both Qt's files are), nothing waits.
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(found[0]))
        problem = f"{found[0]} is not an ordinary file ({found[1]})"
        if scope == QSettings.Scope.UserScope:
            _not_a_file = problem
        else:  # IT's defaults, none of which the desk needs: the user's are kept
            logging.getLogger(__name__).warning("System settings not read: %s", problem)
            return  # one path stands for all the system's folders: none is read now


def _special_settings_file(folder: Path, *, writes: bool) -> tuple[Path, str] | None:
    """The settings file Qt would read in `folder` that is no ordinary file, and what it
    is, or None. Qt reads the organization's file beside the desk's folder too (its
    fallback): a named pipe there hung the start as well. `writes`: the desk's settings
    are written there, so also the lock Qt reads beside the file to write it (a named
    pipe there froze the window at "Opening…", at the first setting kept)."""
    own = folder / config.ORGANIZATION / f"{config.APP_ID}.conf"
    lock = [own.with_name(f"{own.name}.lock")] if writes else []
    for file in [own, folder / f"{config.ORGANIZATION}.conf", *lock]:
        try:
            mode = file.stat().st_mode
        except OSError:  # not there (made at the first write), or not to be looked at
            continue
        if stat.S_ISREG(mode) or stat.S_ISDIR(mode):  # a folder: Qt refuses it itself
            continue
        # Named as the workspace's side files are (a socket was once said to be "a named
        # pipe or a device": neither was found).
        return file, kind_of(mode)
    return None


def load_bytes(key: str) -> QByteArray | None:
    value = settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


class WriteFailures(QObject):
    """Says when a write of the settings file failed (`failed`, with why in words).

    Only the start looked (`write_problem`): a file that became unwritable later (a full
    disk, a clean-up script, a sync tool) lost Move On, the last export's folder and the
    layout without a word. A window connected to `failed` is disconnected as it is
    deleted. `written` says that a write went through again after one failed (`failing`)."""

    failed = Signal(str)
    written = Signal()
    failing = False


_failures: WriteFailures | None = None


def write_failures() -> WriteFailures:
    global _failures
    if _failures is None:
        _failures = WriteFailures()
    return _failures


def _synced(stored: QSettings) -> None:
    """Write `stored` now; a failure is logged and told to `write_failures()`."""
    stored.sync()
    failures = write_failures()
    status = stored.status()
    if status == QSettings.Status.FormatError and _reads_whole():
        # The file held bytes Qt could not read (damaged, a sync tool's conflict, a hand
        # edit): the write went through all the same, the file written anew with what
        # could be read. "Cannot write" sent IT after a permission that was fine.
        logging.getLogger(__name__).warning(
            "Window settings file %s could not be read whole; written anew", stored.fileName()
        )
        status = QSettings.Status.NoError
    if status == QSettings.Status.NoError:
        if failures.failing:
            failures.failing = False
            failures.written.emit()
        return
    # Kept off a named pipe: the file Qt tried, beneath it, is a folder that is nowhere.
    problem = _not_a_file or f"cannot write {stored.fileName()}"
    logging.getLogger(__name__).warning("Window settings not saved: %s", problem)
    failures.failing = True
    failures.failed.emit(problem)


def _reads_whole() -> bool:
    """Does the settings file read without a format error now (it was written anew)?"""
    again = settings()
    again.sync()  # nothing changed in it to write: the file is read as it is on the disk
    return again.status() == QSettings.Status.NoError


def save(key: str, value: Any) -> None:
    stored = settings()
    stored.setValue(key, value)
    _synced(stored)  # its destructor wrote it anyway, and said nothing when it failed


def save_all(values: dict[str, Any]) -> None:
    """Several values in one write of the settings file (each `save` writes it once)."""
    stored = settings()
    for key, value in values.items():
        stored.setValue(key, value)
    _synced(stored)


def write_problem() -> str | None:
    """Why the settings file cannot be written (a read-only ~/.config), else None; asked
    once something was saved (the recent workspaces, at every start).

    QSettings fails without a word: the layout, the recent list and where the reviewer
    stopped would be lost at every start, and the welcome shown again each time. (Its
    status says nothing when the folder cannot be made, so the file itself is looked at.)
    """
    if _not_a_file is not None:
        return _not_a_file
    stored = settings()
    stored.sync()
    file = Path(stored.fileName())
    if (
        stored.status() == QSettings.Status.AccessError
        or not file.is_file()
        or not os.access(file, os.W_OK)
    ):
        return f"cannot write {file}"
    return None


def folder_to_offer(key: str, *, to_write: bool = False) -> Path:
    """The folder kept under `key` while it still exists, else Documents, else home.
    `to_write`: and while it can be written (the folder of the last export, read-only
    the next day, was offered and Enter failed with "Read-only file system").

    A file dialog given no folder opened in the desk's working directory: its source
    checkout, or "/" from a desktop launcher, never where articles are."""
    remembered = remembered_folder(key, to_write=to_write)
    if remembered is not None:
        return remembered
    return documents_or_home()


def documents_or_home() -> Path:
    """The Documents folder when there is one, else home: offered when no folder is
    remembered, or the one remembered does not answer."""
    # As Qt spells it: in a locale that is not UTF-8 a home folder with an accent was
    # not found, and home offered.
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and is_folder(path_from_qt(documents)):
        return path_from_qt(documents)
    return nameable_in_qt(config.home())  # one named in Latin-1 bytes: the folder above


def remembered_folder(key: str, *, to_write: bool = False) -> Path | None:
    """The folder kept under `key` while it still exists (and, `to_write`, can be
    written); None when none is, and `folder_to_offer` falls back on Documents or home."""
    folder = remembered_path(key)
    if folder is None:
        return None
    # Looked at off the window's thread, a bounded time: a folder on a network share that
    # stopped answering (a VPN dropped) froze the window before Open Article's, Import a
    # Folder's or Open Workspace's chooser showed. Not answering, it is not offered (Qt's
    # chooser would only freeze there).
    try:
        usable = disk_look.waited(folder, partial(usable_folder, folder, to_write=to_write))
    except disk_look.NoAnswer:
        return None
    return nameable_in_qt(folder) if usable else None


def remembered_path(key: str) -> Path | None:
    """The folder kept under `key` as kept, not looked at (None: none kept)."""
    last = settings().value(key, "")
    if isinstance(last, str | QByteArray | bytes) and last:
        return Path(_path_from_setting(last))
    return None


def usable_folder(folder: Path, *, to_write: bool = False) -> bool:
    """Is `folder` there to be offered (and, `to_write`, can it be written)? Looks at the
    disk only: callable from a worker thread (a remembered folder on a share that stopped
    answering, `gui.disk_look`)."""
    writable = not to_write or os.access(folder, os.W_OK | os.X_OK)
    return is_folder(folder) and writable


def workspace_folder_to_offer(open_workspace: Path | None) -> Path:
    """Where File → Open Workspace starts: the folder it last chose a file in, while that
    still exists; else the open workspace's folder; else the data folder, or home.

    It opened on the data folder, far from workspaces kept elsewhere (a shared folder),
    and on the program's folder when the data folder did not exist."""
    remembered = remembered_folder(WORKSPACE_FOLDER)
    if remembered is not None:
        return remembered
    if open_workspace is not None:
        # Off the window's thread too: the workspace open is often on the share whose
        # last folder did not answer just now (a VPN dropped), and Open Workspace froze.
        folder = open_workspace.parent
        with contextlib.suppress(disk_look.NoAnswer):
            if disk_look.waited(folder, partial(is_folder, folder)):
                return nameable_in_qt(folder)
    data = config.user_data_dir()
    return nameable_in_qt(data if is_folder(data) else config.home())


def is_folder(path: Path) -> bool:
    """Is `path` a folder that can be looked into? False, not PermissionError, for one
    inside a folder that may no longer be entered (a colleague's, a share whose rights
    changed): Path.is_dir() raised it on Python 3.11, and every Ctrl+O showed the crash
    box while the last folder was such a one."""
    return os.path.isdir(path)


def nameable_in_qt(folder: Path) -> Path:
    """`folder`, or the nearest folder above it whose name Qt can take.

    A name that is not UTF-8 (Latin-1 bytes from an old archive) is kept by Python as
    escapes, which Qt drops: a file dialog started there opened in the folder above with
    the rest of the name typed in as a file to open ("d�"), a file that is not there.
    In a locale that is not UTF-8 it is the bytes that count, not Python's text: with
    LC_ALL=C every accent was taken for such a name, and the folder above offered."""
    while not qt_can_name(folder) and folder.parent != folder:
        folder = folder.parent
    return folder


def _is_text(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def remember_export(path: Path, folder: Path, format_key: str | None = None) -> None:
    """Keep the file (or folder) an export wrote, for File → Open Last Export, and the
    folder it went to and its format (when given), for the next export. As text their
    names' bytes that are not UTF-8 were dropped (or, in a locale that is not UTF-8, every
    accent): Open Last Export said the report was "no longer in" its folder, and the next
    export started elsewhere."""
    values: dict[str, Any] = {
        EXPORT_FOLDER: _path_as_setting(str(folder)),
        EXPORT_FILE: _path_as_setting(str(path.absolute())),
    }
    if format_key is not None:
        values[EXPORT_FORMAT] = format_key
    save_all(values)


def remember_folder(key: str, folder: Path) -> None:
    """Keep `folder` under `key`, for the next file dialog to start in."""
    save(key, _path_as_setting(str(folder)))


def recent_workspaces() -> list[str]:
    value = settings().value(RECENT_WORKSPACES, [])
    if not isinstance(value, list):  # QSettings returns a lone item for a one-item list
        value = [value]
    return [_path_from_setting(v) for v in value if isinstance(v, str | QByteArray | bytes)]


def remember_workspace(path: Path) -> list[str]:
    entry = str(path.resolve())
    recent = [entry] + [p for p in recent_workspaces() if p != entry]
    recent = recent[:MAX_RECENT]
    save(RECENT_WORKSPACES, [_path_as_setting(p) for p in recent])
    return recent


def _path_as_setting(path: str) -> str | QByteArray:
    """A path as QSettings keeps it: as text, or as its bytes when they are not UTF-8
    (Python keeps those as escapes, which Qt's text would drop, naming another file)."""
    return path if _is_text(path) else QByteArray(os.fsencode(path))


def _path_from_setting(value: str | QByteArray | bytes) -> str:
    if isinstance(value, str):
        return value
    return os.fsdecode(bytes(value.data() if isinstance(value, QByteArray) else value))


def _place_key(workspace: Path) -> str:
    # A path is no settings key (its slashes would make groups): its hash is. hashlib is
    # imported here, after the window's first paint (5 ms of start-up before it).
    import hashlib

    name = os.fsencode(workspace.resolve())  # its bytes, UTF-8 or not
    digest = hashlib.sha1(name, usedforsecurity=False).hexdigest()
    return f"places/{digest}"


def _kept_key(kind: str, workspace: Path) -> str:
    """The key of what is kept of `workspace` for its next open ("stopped", "unsaved")."""
    return _place_key(workspace).replace("places/", f"{kind}/", 1)


def _take(key: str) -> object | None:
    """The value kept under `key`, forgotten as it is read (None: none kept)."""
    stored = settings()
    value: object | None = stored.value(key)
    if value is not None:
        stored.remove(key)
        stored.sync()
    return value


def note_stopped_work(workspace: Path, lines: list[str]) -> None:
    """What quitting on a signal (logging out, `kill`) stopped unfinished in `workspace`,
    one line each, to be told when it is next opened (`take_stopped_lines`): nobody was
    at the window to be asked or told."""
    key = _kept_key("stopped", workspace)
    earlier = settings().value(key)
    kept = [earlier] if isinstance(earlier, str) and earlier else []
    save_all({key: "\n".join(kept + lines)})  # one string: a lone list item comes back bare


def file_identity(path: Path) -> list[int] | None:
    """What tells the file at `path` apart from another put in its place (its device,
    number, time written and size; `export_said` compares the last two); None when
    there is none; [] when its drive would not say ("Host is down", a soft mount's
    timeout): taken for "no file", the file from before, untouched, read as the
    export's written whole at the next open. Only `os.stat`: callable from an export's
    worker."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:
        return []  # not known (`export_said`)
    return [info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size]


def note_stopped_export(
    workspace: Path,
    target: Path,
    before: list[int] | None,
    stopped: str,
    written: str,
    more: str = "",
) -> None:
    """An export quitting on a signal left running (its write stuck on a drive that did
    not answer within `STOP_WAIT_MS`): it may still write `target` whole, in the process's
    last instant, so what to tell is known only at the next open (`export_said`):
    `stopped` when the file is as it was (`before`, `file_identity` taken before the
    write began), else `written` ("": nothing to tell). Said "was stopped" at once, a
    report written whole was told as not. `more` is added to the line told when the file
    cannot be looked at (`export_not_answered`): what is known all the same (every
    article's export: the reports before it written, none after)."""
    import json

    key = _kept_key("exports", workspace)
    kept = _exports_kept(settings().value(key))
    kept.append(
        {
            "target": os.fsencode(target).hex(),  # any name, in bytes the file has
            "before": before,
            "stopped": stopped,
            "written": written,
            "more": more,
        }
    )
    save_all({key: json.dumps(kept)})


def _exports_kept(value: object) -> list[dict[str, Any]]:
    """The exports `note_stopped_export` kept, as stored (a damaged or hand-edited value:
    none)."""
    import json

    if not isinstance(value, str):
        return []
    try:
        kept = json.loads(value)
    except (ValueError, RecursionError):
        return []
    return [each for each in kept if isinstance(each, dict)] if isinstance(kept, list) else []


def export_target(kept: dict[str, Any]) -> Path | None:
    """The file an export `note_stopped_export` kept was writing (damaged: None)."""
    try:
        return Path(os.fsdecode(bytes.fromhex(str(kept["target"]))))
    except (KeyError, ValueError, TypeError):
        return None


def export_said(kept: dict[str, Any]) -> str | None:
    """The line an export left running tells: whether its target is the file it was;
    None when that cannot be told (its drive refuses: "Host is down", "Stale file
    handle"; `export_not_answered`). One `os.stat` of a file on the drive that stalled at
    logout, perhaps dead still: never on the window's thread
    (`WorkspaceController._tell_stopped_work`)."""
    target = export_target(kept)
    try:
        before, stopped, written = kept["before"], str(kept["stopped"]), str(kept["written"])
    except (KeyError, ValueError, TypeError):
        return ""
    if target is None:
        return ""
    try:
        info = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        return stopped  # no file there: not written (one from before was taken away)
    except OSError:
        return None  # "nothing of it was written" would be a guess
    if before == []:
        # The file there before was not looked at (its drive refused as the export
        # began): a file there now may be the one from before, untouched. Said written,
        # a single report's note said nothing, and yesterday's was taken for today's.
        return _not_known(target, "did not answer when the export began", kept)
    # Its time written and size only: the device number is the mount's (another at each
    # mount of a share), and a share mounted without the server's file numbers (SMB
    # noserverino, FUSE) numbers its files anew; a report written, renamed over the one
    # before, has the time it was written.
    now = [info.st_mtime_ns, info.st_size]
    if not isinstance(before, list) or len(before) != 4:
        return written
    return stopped if now == before[2:] or _read_an_hour_apart(now, before[2:]) else written


# A FAT or exFAT drive (most USB sticks) keeps a file's time written as the local time,
# read back in the local time of the day it is read: after a daylight-saving change every
# file on it seems written an hour apart, untouched. Taken for a report written whole,
# the file from before was told as the export's (`export_said`).
DST_SHIFT_NS = 3600 * 1_000_000_000


def _read_an_hour_apart(now: list[int], before: list[int]) -> bool:
    """The same file read across a daylight-saving change on a FAT drive: its size the
    same and its time exactly an hour apart. A FAT drive keeps times to 2 seconds only: a
    report of the same size written anew an hour later to those 2 seconds is told
    stopped, the safe side (it is exported again), never the reverse."""
    if not all(isinstance(value, int) for value in before):
        return False  # a hand-edited setting: told as written, as any other change
    return now[1] == before[1] and abs(now[0] - before[0]) == DST_SHIFT_NS


def export_not_answered(kept: dict[str, Any]) -> str:
    """What an export left running at logout tells when its file cannot be looked at
    (its drive does not answer at the next start): not "stopped", not "written", which
    nobody knows; where to look."""
    target = export_target(kept)
    if target is None:
        return ""
    return _not_known(target, "does not answer now", kept)


def _not_known(target: Path, why: str, kept: dict[str, Any]) -> str:
    """The line of an export left running whose file cannot be told written or not:
    `why` says of its drive why not; then what is known all the same (`more` of
    `note_stopped_export`): the file alone named, every article's export left the
    journalist to take the folder, the reports never written in it, for done."""
    name = shown_file_name(target.name)
    more = kept.get("more")
    return (
        f"An export was writing {name} (in {shown_line(str(target.parent))}) when the desk "
        f"was closed, and that drive {why}: whether {name} was written whole "
        f"or is still the file from before cannot be told. Look at it before you use it, "
        f"or export it again (File → Export…)."
    ) + (f" {more}" if isinstance(more, str) and more else "")


def take_stopped_lines(workspace: Path) -> list[str]:
    """The lines `note_stopped_work` kept for `workspace`, forgotten as they are read."""
    value = _take(_kept_key("stopped", workspace))
    return [] if value is None else [line for line in str(value).split("\n") if line]


def stopped_exports(workspace: Path) -> list[dict[str, Any]]:
    """The exports `note_stopped_export` kept for `workspace`, still kept (taken by
    `take_stopped_exports` once told); what each tells is `export_said`."""
    return _exports_kept(settings().value(_kept_key("exports", workspace)))


def take_stopped_exports(workspace: Path) -> list[dict[str, Any]]:
    """The exports `note_stopped_export` kept for `workspace`, forgotten as they are
    read; what each tells is `export_said` (which looks at its file)."""
    return _exports_kept(_take(_kept_key("exports", workspace)))


def note_unsaved_text(workspace: Path, texts: list[tuple[str, str]]) -> None:
    """Typed text of `workspace` that could not be saved (a full disk) when quitting on a
    signal (logging out, `kill`): (where it was typed, the text), to be shown when it is
    next opened (`take_unsaved_text`). Nobody was at the window to be asked."""
    import json  # after the window's first paint, as hashlib

    kept = take_unsaved_text(workspace) + texts
    save_all({_kept_key("unsaved", workspace): json.dumps([list(text) for text in kept])})


def take_unsaved_text(workspace: Path) -> list[tuple[str, str]]:
    """The texts `note_unsaved_text` kept for `workspace`, forgotten as they are read."""
    import json

    value = _take(_kept_key("unsaved", workspace))
    if value is None:
        return []
    try:
        kept = json.loads(str(value))
        return [(str(where), str(text)) for where, text in kept]
    except (ValueError, TypeError, RecursionError):  # a hand-edited or damaged settings file
        return []


def remember_place(workspace: Path, article_id: int, sentence_id: int | None) -> None:
    """Where the reviewer was in this workspace, to come back to on the next start."""
    save(_place_key(workspace), [article_id, sentence_id or 0])


def last_place(workspace: Path) -> tuple[int, int | None] | None:
    """(article, sentence or None) the reviewer left this workspace at, if known."""
    value = settings().value(_place_key(workspace))
    try:
        article, sentence = (int(v) for v in value)
    except (TypeError, ValueError):
        return None
    return article, (sentence or None)
