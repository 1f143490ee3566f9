"""A cleaned copy of a workspace the desk refused as untrusted (schema_guard).

The copy is a new workspace made by our own migrations. Into it go the desk's own records
read from the refused file -- articles, sentences, reviews, sources, their links, the
history and the settings (not the session marks) -- column by column as our schema names
them, each value checked the way the schema and the desk check it. Nothing else of the
refused file comes along: no trigger, view, extra table or altered definition. The search
index is then built from the copied records.

The refused file is only read, through a read-only, hardened connection that never runs
what it holds: only plain tables are read (a view standing in for one of ours is left
behind), only ordinary columns (a generated column would compute its expression), and the
connection refuses any write a trigger would make. Its bytes stay as they were.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import itertools
import json
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck_app.domain.errors import (
    Cancelled,
    NotAWorkspace,
    TemporaryFolderFull,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceFull,
)
from factcheck_app.domain.importing import content_hash
from factcheck_app.domain.models import VERDICTS_BY_KEY, SignOffDecision, Stance, Status, Tag
from factcheck_app.domain.printable import or_untitled, shown_line
from factcheck_app.domain.wording import counted
from factcheck_app.storage import article_text, backups, schema_guard, scratch, sql
from factcheck_app.storage import cleaning_checks as checks
from factcheck_app.storage.errors import translated
from factcheck_app.storage.file_kinds import (
    in_the_way_words,
    side_file_in_the_way,
    side_files_there,
)
from factcheck_app.storage.migrations import SCHEMA_VERSION
from factcheck_app.storage.search import VERSION_SETTING
from factcheck_app.storage.stores.history import chain_unchained
from factcheck_app.storage.stores.rows import (
    READING_PREFIX,
    REVIEW_FIELDS,
    UNFINISHED,
    UNFINISHED_PREFIX,
    now_iso,
    same_text_mark,
)
from factcheck_app.storage.wal_check import WORKSPACE_ID
from factcheck_app.storage.workspace import (
    check_file,
    left_out_when_read_alone,
    open_workspace,
    side_file_read_alone,
)

CLEANED_SUFFIX = "-cleaned"
STAGING_PREFIX = scratch.CLEANING_PREFIX
# A file cut short is read as long as its header says, up to this (a header may be crafted).
_LONGEST_CUT_SHORT = 16 * 2**30
# Settings that belong to one session or one build of the index, not to the workspace.
_SESSION_PREFIX = "session."

Row = dict[str, Any]


@dataclass(frozen=True)
class SameText:
    """An article kept in a cleaned copy beside an earlier one of the same text."""

    first: int  # the article that keeps the text's hash
    kept: int  # this one, under `same_text_mark`
    first_title: str
    kept_title: str


# How many texts held twice a summary names before "and N more".
_SAME_TEXTS_NAMED = 5
_SUMMARY_TITLE_CHARS = 80


@dataclass
class CleanedCopy:
    """What a cleaning wrote and what it left behind."""

    path: Path
    copied: dict[str, int] = field(default_factory=dict)  # table -> rows copied
    skipped: dict[str, int] = field(default_factory=dict)  # table -> rows that failed checks
    left_behind: list[schema_guard.Problem] = field(default_factory=list)  # in the original
    tables_not_copied: list[str] = field(default_factory=list)  # ours, unreadable there
    read_alone_because: str | None = None  # a side file beside the original is no file
    same_text: list[SameText] = field(default_factory=list)  # articles kept beside a twin

    def summary(self) -> str:
        """A few sentences for the reviewer."""
        copied = self.copied
        parts = [
            f"Copied {counted(copied.get('articles', 0), 'article')}, "
            f"{counted(copied.get('sentences', 0), 'sentence')}, "
            f"{counted(copied.get('reviews', 0), 'review')}, "
            f"{counted(copied.get('sources', 0), 'source')} and "
            f"{counted(copied.get('history', 0), 'history entry', 'history entries')} "
            f"to {self.path}."
        ]
        if self.same_text:
            parts.append(_same_text_told(self.same_text))
        if self.left_behind:
            parts.append(f"Left behind: the original {schema_guard.listing(self.left_behind)}.")
        if self.tables_not_copied:
            parts.append("Not copied: " + "; ".join(self.tables_not_copied) + ".")
        skipped = {table: n for table, n in self.skipped.items() if n}
        if skipped:
            counts = ", ".join(f"{n} from {table}" for table, n in skipped.items())
            parts.append(f"Rows left out because their values fail the desk's checks: {counts}.")
        if self.read_alone_because:
            parts.append(self.read_alone_because)
        return " ".join(parts)


def _same_text_told(same: list[SameText]) -> str:
    """What the summary says of the articles kept beside one of the same text: each text
    once, its first article and the others, by title and number."""
    groups: dict[int, list[SameText]] = {}
    for twin in same:
        groups.setdefault(twin.first, []).append(twin)
    told = []
    for twins in list(groups.values())[:_SAME_TEXTS_NAMED]:
        title, number = _title(twins[0].first_title), twins[0].first
        if all(_title(t.kept_title) == title for t in twins):  # told apart by number
            numbers = [str(number), *(str(t.kept) for t in twins)]
            told.append(
                f"{len(numbers)} articles with the same text: "
                f"{'both' if len(twins) == 1 else 'all'} kept, titled “{title}” (articles "
                f"{', '.join(numbers[:-1])} and {numbers[-1]}, listed in that order)"
            )
            continue
        first = f"“{title}” (article {number})"
        others = ", ".join(f"“{_title(t.kept_title)}” (article {t.kept})" for t in twins)
        if len(twins) == 1:
            told.append(
                f"2 articles with the same text: both kept, the second titled {others}, "
                f"beside {first}"
            )
        else:
            many = f"{len(twins) + 1} articles with the same text: all kept"
            told.append(f"{many}, {others} beside {first}")
    more = len(groups) - _SAME_TEXTS_NAMED
    if more > 0:
        told.append(f"{counted(more, 'other text')} held by several articles, all kept")
    return (
        "; ".join(told) + ". Each keeps its own reviews; importing such a text again "
        "finds the first."
    )


def _title(title: str) -> str:
    """A title as the summary names it: on one line, cut to a few words' length, and
    "Untitled article" where it shows nothing, as the window's list calls it."""
    title = or_untitled(title)
    return title if len(title) <= _SUMMARY_TITLE_CHARS else title[: _SUMMARY_TITLE_CHARS - 1] + "…"


def cleaned_copy_path(src: Path, fallback_dir: Path | None = None) -> Path:
    """Where a cleaned copy of `src` goes: NAME-cleaned.fcdesk beside it (NAME-cleaned-2…
    when taken), or in `fallback_dir` when the original's folder cannot be written. The
    copy of a backup goes beside the workspace instead: in the backups folder, named as a
    backup (`w-20261206-101500Z-auto-cleaned.fcdesk`), it opened read-only as one."""
    folder = src.parent
    if backups.is_backup(src):
        folder = Path(os.path.abspath(src)).parent.parent  # a name alone's folder is "."
    if not os.access(folder, os.W_OK | os.X_OK) and fallback_dir is not None:
        folder = fallback_dir
    return next(name for name in _cleaned_names(src, folder) if not _taken(name))


def _cleaned_names(src: Path, folder: Path) -> Iterator[Path]:
    """The names a cleaned copy of `src` takes in `folder`, in turn: NAME-cleaned.fcdesk,
    then NAME-cleaned-2.fcdesk, NAME-cleaned-3.fcdesk…"""
    stem = src.stem + CLEANED_SUFFIX
    yield folder / f"{stem}{src.suffix}"
    number = 2
    while True:
        yield folder / f"{stem}-{number}{src.suffix}"
        number += 1


def earlier_cleaned_copy(src: Path, dest: Path) -> Path | None:
    """The cleaned copy of `src` made before in `dest`'s folder (`dest` being the next
    free name, `cleaned_copy_path`) last changed; None when there is none. A damaged
    default workspace is opened again at the next start: the work done since is there.

    Only a copy whose record (`CLEANED_FROM`) names this file as it is now -- its path,
    size and time (or, the time alone set since, its bytes), and its workspace id where
    both can be read -- is one: a copy of a namesake in another folder (both copies in
    the data folder), or of an earlier damage (the workspace restored and worked in
    since; a sync tool may have touched the copy), holds none of this file's later work.
    A copy without a record (made before copies kept one) cannot tell whose it is: it is
    left where it is, and not offered."""
    try:
        now = _identity(src)
    except OSError:
        return None
    try:  # all of them: one before the next free name may have been deleted since
        names = os.listdir(dest.parent)
    except OSError:
        return None
    made = re.compile(
        re.escape(src.stem + CLEANED_SUFFIX) + r"(?:-([2-9]|[1-9][0-9]+))?" + re.escape(src.suffix)
    )
    found = []
    for name in names:
        if (match := made.fullmatch(name)) is None:
            continue
        candidate = dest.parent / name
        with contextlib.suppress(OSError):
            if os.path.isfile(candidate) and _names_this_damage(candidate, now, src):
                found.append((_last_changed(candidate), int(match[1] or 1), candidate))
    return max(found)[2] if found else None


# The settings key of a cleaned copy's record of the file it was made from (JSON: its
# absolute path, size, modification time in ns, SHA-256 of its bytes and workspace id,
# as at the cleaning).
CLEANED_FROM = "cleaned.from"
_BYTES = "sha256"


def _identity(src: Path) -> dict[str, Any]:
    """The damaged file as it is now (OSError when it cannot be looked at)."""
    status = os.stat(src)
    return {
        "path": os.path.realpath(src),  # one spelling, through links too
        "size": status.st_size,
        "modified_ns": status.st_mtime_ns,
    }


def _digest(src: Path) -> str:
    """The SHA-256 of the file `src` (OSError when it cannot be read)."""
    digest = hashlib.sha256()
    with open(src, "rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _names_this_damage(candidate: Path, now: dict[str, Any], src: Path) -> bool:
    """Does the record of the cleaned copy `candidate` name `src` as it is `now`? (Its
    bytes, read once, are kept in `now`.)"""
    text = backups.untrusted_setting(candidate, CLEANED_FROM)
    if text is None:
        return False
    try:
        record = json.loads(text)
    except (ValueError, RecursionError):
        return False
    if not isinstance(record, dict) or any(record.get(k) != now[k] for k in ("path", "size")):
        return False
    if record.get("modified_ns") != now["modified_ns"]:
        # Its time set since (a sync tool, a virus scan): still this damage if its bytes
        # are those cleaned; a file restored and damaged again holds others.
        if _BYTES not in now:
            now[_BYTES] = _digest(src)
        if record.get(_BYTES) != now[_BYTES]:
            return False
    made_of = record.get("workspace_id")
    if made_of is not None:
        held = backups.untrusted_setting(src, WORKSPACE_ID)  # None: hidden by the damage
        if held is not None and held != made_of:
            return False
    return True


def _last_changed(workspace: Path) -> int:
    """When `workspace` was last written (its -wal holds the latest saves of a desk)."""
    times = [os.stat(workspace).st_mtime_ns]
    with contextlib.suppress(OSError):
        times.append(os.stat(workspace.with_name(workspace.name + "-wal")).st_mtime_ns)
    return max(times)


def _taken(path: Path) -> bool:
    # os.path: False, not PermissionError, in a folder that may not be looked into (the
    # write there then fails in words).
    return any(
        os.path.lexists(p)
        for p in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")))
    )


def open_cleaned_copy(
    src: Path, dest: Path, cancelled: Callable[[], bool] | None = None
) -> CleanedCopy:
    """Write a cleaned copy of the workspace `src` to the new file `dest`; `src` is only read.

    Raises WorkspaceError when `dest` exists, `src` cannot be read, or the copy cannot be
    written, and Cancelled when `cancelled` (asked as the rows are read) says so; nothing
    is left at `dest` then.
    """
    try:
        made_from = _identity(src)  # as it was read: the record the copy keeps
    except (FileNotFoundError, NotADirectoryError):
        raise WorkspaceError(f"There is no workspace at {src}.") from None
    except OSError as error:  # a folder that may not be entered: "unexpected error" it was
        raise WorkspaceError(
            f"The workspace {src} cannot be read ({error.strerror}). Nothing was written."
        ) from None
    if _taken(dest):
        raise WorkspaceError(f"{dest} already exists; choose another name. Nothing was written.")
    check_file(src)
    # Its bytes tell it when only its time changes; a disk that cannot read some of them
    # (bad sectors) leaves them out, not the copy: SQLite reads the pages it can.
    with contextlib.suppress(OSError):
        made_from[_BYTES] = _digest(src)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WorkspaceError(_cannot_write(dest, error)) from None
    # A named pipe at its -journal hung this read for ever, and a folder at its -wal was
    # "could not be read together with it": read alone, as the workspace opens, and said.
    in_the_way = side_file_in_the_way(src)
    alone = side_file_read_alone(src, in_the_way)
    _refuse_saves_left_out(src, in_the_way)
    with contextlib.ExitStack() as reading:
        source = _open_source(src, dest, reading, alone=alone is not None)
        try:
            left_behind = schema_guard.schema_problems(source)
        except NotAWorkspace:
            raise NotAWorkspace(
                f"{src} is an SQLite database, but not a Factcheck desk workspace: there is "
                "nothing to copy. It was left untouched."
            ) from None
        except sqlite3.DatabaseError as error:
            raise WorkspaceDamaged(
                f"The workspace {src} is damaged and cannot be read ({error}). It was left "
                "untouched."
            ) from None
        _refuse_newer(source, src)
        # Staged in a folder of its own, which a cleaning killed half-way leaves behind
        # (as large as the copy): the next cleaning into this folder removes it.
        with contextlib.ExitStack() as stack:
            try:
                staging = stack.enter_context(scratch.scratch_folder(dest.parent, STAGING_PREFIX))
            except OSError as error:
                raise WorkspaceError(_cannot_write(dest, error)) from None
            try:
                result = _copy_into(source, staging / dest.name, dest, made_from, cancelled)
            except WorkspaceFull as error:
                # Said of the copy in its hidden folder, gone as this ends, as a change
                # to "the workspace" not saved.
                if isinstance(error, TemporaryFolderFull):
                    raise
                raise WorkspaceFull(
                    f"The disk is full: the cleaned copy cannot be written to {dest}. "
                    "Nothing was written; free some space and try again."
                ) from None
            result.left_behind = left_behind
            result.read_alone_because = alone
            # Looked at again: a file made at that name while the copy was written (a
            # second `clean` to it, a sync tool) was replaced without a word.
            try:
                if _taken(dest):  # a -wal of that name too would be read with the copy
                    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(dest))
                scratch.move_without_replacing(staging / dest.name, dest)
            except FileExistsError:
                raise WorkspaceError(
                    f"{dest} appeared while the cleaned copy was made (another program, or "
                    "a second clean to that name?) and was left as it is; choose another "
                    "name. Nothing was written."
                ) from None
    return result


def _refuse_saves_left_out(src: Path, in_the_way: tuple[str, str] | None) -> None:
    """Refuse a copy read alone (`in_the_way`: a side file no file) when a -wal or -journal
    beside it holds something: read alone, a crashed desk's last saves waiting in the
    -wal were left out of the copy ("Copied 0 articles"), said only as "read as the file
    alone", and she worked on in a copy that lacked them."""
    if in_the_way is None:
        return
    held = left_out_when_read_alone(src)
    if held is None:
        return
    what = "saves" if held.endswith("-wal") else "a change half made"
    said = in_the_way_words(
        in_the_way,
        f", and {held} holds {what} that can be read only once it is moved away: the copy "
        "would lack them",
        "make the cleaned copy again",
        nothing="Nothing was written.",
    )
    raise WorkspaceError(f"Cannot make a cleaned copy of {src.name}: {said}")


def _cannot_write(dest: Path, error: OSError) -> str:
    why = (
        "a file stands where a folder is needed"
        if isinstance(error, (FileExistsError, NotADirectoryError))
        else error.strerror
    )
    return f"The cleaned copy cannot be written to {dest} ({why}). Nothing was written."


def _refuse_newer(source: sqlite3.Connection, src: Path) -> None:
    """A copy keeps only what this version knows: of a workspace saved by a newer version
    it would leave out, without a word, whatever that version added."""
    with translated(src):
        version = int(source.execute("PRAGMA main.user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise WorkspaceError(
            f"{src} was saved by a newer version of Factcheck desk (schema {version}; this "
            f"version knows {SCHEMA_VERSION}), which may hold records this version would "
            "leave out of a cleaned copy. Update the app to make one; nothing was written "
            "and the file was left untouched."
        )


def _open_source(
    src: Path, dest: Path, reading: contextlib.ExitStack, *, alone: bool = False
) -> sqlite3.Connection:
    """A read-only, hardened connection to the refused file (never verified: it is not),
    closed as `reading` ends.

    With no -wal, -shm or -journal beside it, nothing has the file open or left changes
    to merge, and it is read as immutable: SQLite then creates no files beside it either.
    A file cut short is read through a copy made as long as its header says
    (`_cut_short_copy`). `alone`: one of them is no file (`side_file_read_alone`), and
    it is read as immutable too: SQLite then touches none of them.
    """
    # Beside the file a link names, where SQLite keeps them: looked for beside the link,
    # none was found, the file was read alone, and a crashed desk's last saves waiting in
    # its -wal were left out of the copy without a word.
    present = [] if alone else [side for _named, side, _info in side_files_there(src)]
    unmerged = [side for side in present if not side.name.endswith("-shm") and _size(side) > 0]
    with translated(src):
        try:
            conn = _connect_read_only(src, immutable=not present)
        except sqlite3.OperationalError as error:
            if unmerged:  # reading those needs a -shm file, which this folder cannot take
                raise WorkspaceError(
                    f"{src} could not be read together with its {unmerged[0].name} ({error}). "
                    "If its folder is read-only, copy both files to a writable folder first."
                ) from None
            conn = _connect_read_only(src, immutable=True)  # nothing to merge: read as is
        except sqlite3.DatabaseError as error:
            cut = None if unmerged else _cut_short_copy(src, dest, reading)
            if cut is None:
                _refuse_unlisted(src, error)
                raise
            try:
                conn = _connect_read_only(cut, immutable=True)
            except sqlite3.DatabaseError as again:
                _refuse_unlisted(src, again)
                raise
    reading.callback(conn.close)  # closed before the folder of a cut-short copy goes
    conn.text_factory = _decode  # a value that is not UTF-8 fails its check, not the copy
    return conn


def _refuse_unlisted(src: Path, error: sqlite3.DatabaseError) -> None:
    """Refuse in words a file whose list of tables is damaged (a page of it zeroed, or
    cut off): nothing of it can be read. Only a page-by-page recovery would get rows out,
    which Python's SQLite does not offer. (The words of an open, "Run File → Check
    Workspace", need the workspace open.) Other errors are left to `translated`."""
    if getattr(error, "sqlite_errorcode", None) is not None and (
        error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_CORRUPT
    ):
        raise WorkspaceDamaged(
            f"The workspace {src} is damaged where it keeps its list of tables ({error}): "
            "nothing of it can be read, so no cleaned copy can be made. It was left "
            "untouched.",
            "Restore it from a backup, or keep it as it is for an expert.",
            fault=str(error),
            path=src,
            backup_helps=True,
        ) from None


def _cut_short_copy(src: Path, dest: Path, reading: contextlib.ExitStack) -> Path | None:
    """A copy of `src`, in a scratch folder beside `dest` kept until `reading` ends, as
    long as its header says, its missing end zeros; None when `src` is not cut short.

    A copy or sync that stopped, or a full disk, leaves a file shorter than the page count
    its header says (when SQLite trusts that count), and SQLite then refuses every read of
    it as damage, its whole pages with the rest. Through this copy the pages that are
    there read as they are and those cut off as damage: a table ends where its pages were
    cut, said in the summary, the rows of a page cut in their middle with them
    (`_whole_rows_page`). (Told the shorter length instead, SQLite refuses the whole list
    of tables when one table starts on a page cut off.) `src` is only read.
    """
    try:
        with open(src, "rb") as file:
            header = file.read(100)
        size = os.stat(src).st_size
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    length = int.from_bytes(header[28:32], "big") * page_size
    if header[24:28] != header[92:96] or not size < length <= _LONGEST_CUT_SHORT:
        return None  # a count SQLite does not trust, or the file is as long as it says
    try:
        kept, page = _whole_rows_page(src, size, page_size, page_size - header[20])
        folder = reading.enter_context(scratch.scratch_folder(dest.parent, STAGING_PREFIX))
        copy = folder / dest.name
        shutil.copyfile(src, copy)
        os.truncate(copy, kept)
        if page:  # a page of rows cut: only its whole rows listed
            with open(copy, "r+b") as file:
                file.seek(size - len(page))
                file.write(page)
        os.truncate(copy, length)  # zeros, and on most disks no room taken for them
    except OSError as error:
        raise WorkspaceError(_cannot_write(dest, error)) from None
    return copy


def _whole_rows_page(src: Path, size: int, page_size: int, usable: int) -> tuple[int, bytes]:
    """Where the copy of `src`, `size` bytes long, keeps its bytes to, and what it writes
    there: all of them, but for a page of a table's rows cut in its middle, which lists
    only its rows wholly before the cut (those the cut went through or took, left out as
    the rows cut off). SQLite reads the rows past the cut without an error, their values
    zeros -- a number read as 0, a row as one numbered 0 -- and a cleaning copied them so
    or lost count of them. Until 7 December the page was left out whole: 62 rows there
    byte for byte lost with the one the cut went through. (Any other page cut so is kept:
    the rows under a page of a table's tree that is there still read, and a text's last
    page read as zeros is told.)"""
    start = size - size % page_size
    if start == size or start == 0:  # no page cut, or the first (its header): kept
        return size, b""
    with open(src, "rb") as file:
        file.seek(start)
        page = bytearray(file.read(size - start))
    if page[:1] != b"\x0d":  # not a leaf of a table's tree
        return size, b""
    cells = int.from_bytes(page[3:5], "big")
    listed = [page[8 + 2 * i : 10 + 2 * i] for i in range(cells)]
    whole = [at for at in listed if _cell_end(page, int.from_bytes(at, "big"), cells, usable)]
    if len(whole) == cells:
        return size, b""
    if not whole:
        return start, b""
    page[1:3] = bytes(2)  # no free blocks listed: the space after the cut is no one's
    page[3:5] = len(whole).to_bytes(2, "big")
    page[5:7] = min(int.from_bytes(at, "big") for at in whole).to_bytes(2, "big")
    page[7] = 0
    page[8 : 8 + 2 * cells] = b"".join(whole) + bytes(2 * (cells - len(whole)))
    return size, bytes(page)


def _cell_end(page: bytearray, at: int, cells: int, usable: int) -> bool:
    """Does the cell of a table's leaf page at `at` lie wholly in `page` (cut short)?"""
    if 8 + 2 * cells > len(page) or not 8 + 2 * cells <= at < len(page):
        return False  # its pointer, or its start, cut off (or not a cell's place)
    payload, at = _page_varint(page, at)
    _, at = _page_varint(page, at)
    if payload < 0 or at < 0:
        return False
    most = usable - 35  # held on the page whole up to this; beyond, its start and a link
    if payload > most:
        least = (usable - 12) * 32 // 255 - 23
        local = least + (payload - least) % (usable - 4)
        payload = (local if local <= most else least) + 4
    return at + payload <= len(page)


def _page_varint(page: bytearray, at: int) -> tuple[int, int]:
    """SQLite's variable-length integer at `at` and where it ends; (-1, -1) when cut."""
    value = 0
    for i in range(9):
        if at + i >= len(page):
            return -1, -1
        byte = page[at + i]
        if i == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, at + i + 1
    return -1, -1


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _connect_read_only(src: Path, *, immutable: bool) -> sqlite3.Connection:
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    conn = sqlite3.connect(f"{src.resolve().as_uri()}?{flags}", uri=True, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # Reading only the desk's own columns runs nothing stored in the file, so a large
        # original may take its time: the long budget, not a desk statement's.
        schema_guard.harden(conn, statement_seconds=schema_guard.CHECK_SECONDS)
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _decode(data: bytes) -> str | bytes:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data


# -- reading the original -------------------------------------------------------------------


def _plain_table(source: sqlite3.Connection, table: str) -> tuple[set[str] | None, str]:
    """The ordinary columns of `table` in the original, or None and why it is not read."""
    row = source.execute(
        "SELECT type, sql FROM main.sqlite_master WHERE lower(name) = ? ORDER BY rowid LIMIT 1",
        [table],
    ).fetchone()
    if row is None:
        return None, f"{table} (the original has no such table)"
    kind, sql = row
    if isinstance(sql, bytes):  # a damaged page can leave the design as bytes
        sql = sql.decode("utf-8", "replace")
    normalised = schema_guard.normalise_sql(sql if isinstance(sql, str) else None) or ""
    if kind != "table" or not normalised.startswith("create table "):
        shown = "a view" if kind == "view" else f"a {kind}"
        if normalised.startswith("create virtual table"):
            shown = "a virtual table"
        return None, f"{table} (in the original it is {shown}, not a table)"
    columns = set()
    for info in source.execute(f'PRAGMA main.table_xinfo("{table}")').fetchall():
        name, hidden = info[1], info[6]
        if hidden == 0 and isinstance(name, str):  # 2, 3: generated columns
            columns.add(name.lower())
    return columns, ""


def _rows(source: sqlite3.Connection, table: _Table, present: set[str]) -> Iterator[Row]:
    """The original's rows of `table`, our columns only (NULL for those it lacks), in
    `table.order`; each with its rowid under ROWID when the table has one to read
    (`_salvaged` reads past a damaged page by it)."""
    rowid = _rowid_name(source, table.name)
    picks = _picks(table, present, rowid)
    order = f" ORDER BY {table.order}" if table.order else ""
    cursor = source.execute(f'SELECT {picks} FROM main."{table.name}"{order}')
    while True:
        batch = cursor.fetchmany(table.batch)
        if not batch:
            return
        for values in batch:
            yield _row(table, values, rowid)


def _spelled(value: Any) -> Any:
    """Bytes another program stored where the desk keeps text (no column of ours holds
    bytes) as the text their UTF-8 spells, as the desk reads them: every such row "failed
    the desk's checks", and a workspace rewritten so was copied empty. Bytes that are not
    UTF-8 stay bytes, for the checks to leave out as before (`article_text.spelled`:
    the one strict reading of them)."""
    if type(value) is not bytes:
        return value
    text = article_text.spelled(value)
    return value if text is None else text


# The key of a row's rowid among its values (no column of ours is named so).
ROWID = "__rowid__"
_LARGEST_ROWID = 2**63 - 1


def _picks(table: _Table, present: set[str], rowid: str | None) -> str:
    picks = ", ".join(f'"{c}"' if c in present else f'NULL AS "{c}"' for c in table.columns)
    return picks + (f', "{rowid}"' if rowid else "")


def _row(table: _Table, values: tuple[Any, ...], rowid: str | None) -> Row:
    if any(type(value) is bytes for value in values):
        values = tuple(_spelled(value) for value in values)
    row = dict(zip(table.columns, values, strict=not rowid))
    if rowid:
        row[ROWID] = values[-1]
    return row


def _rowid_name(source: sqlite3.Connection, table: str) -> str | None:
    """A name the rowid of `table` is read by: one no column of it takes; None when the
    table has none (WITHOUT ROWID) or every name is taken, or its columns cannot be read."""
    try:
        names = {
            str(info[1]).lower()
            for info in source.execute(f'PRAGMA main.table_xinfo("{table}")').fetchall()
        }
        free = next((n for n in ("rowid", "_rowid_", "oid") if n not in names), None)
        if free is not None:
            source.execute(f'SELECT "{free}" FROM main."{table}" WHERE 0').fetchall()
        return free
    except sqlite3.DatabaseError:
        return None  # WITHOUT ROWID: "no such column"


@dataclass
class _Unread:
    """The rows of one table a read past its damage could not read."""

    rows: int = 0  # counted: each one's rowid listed by an index of the table
    numbered: list[tuple[int, int]] = field(default_factory=list)  # rowids from, to (how
    # many were there no index says)
    rest: bool = False  # nothing after the rows read could be read, nor counted
    error: str = ""
    zeros: int = 0  # read without an error, but their values zeros (`_zeroed`)

    def failed(self, error: sqlite3.DatabaseError) -> None:
        self.error = self.error or str(error)


def _salvaged(
    source: sqlite3.Connection,
    table: _Table,
    present: set[str],
    rowid: str,
    done: set[Any],
    unread: _Unread,
) -> Iterator[Row]:
    """The rows of `table` not in `done` (rowids) that can still be read, in rowid order;
    those that cannot go to `unread`.

    Read by rowid, a range at a time as the first read; a range that fails is halved,
    down to single rows, so that only the rows on a damaged page are left out, not the
    readable ones read with them. Their rowids come from an index of the table, which
    holds them apart from its pages (the count left out is then exact); with none that
    reads, the read seeks past the damaged page by rowid (`_seek_past`)."""
    picks = _picks(table, present, rowid)
    select = f'SELECT {picks} FROM main."{table.name}" NOT INDEXED'
    listed = _listed_rowids(source, table.name, rowid)
    if listed is not None:
        listed = [r for r in listed if r not in done]
        first, size = 0, table.batch
        while first < len(listed):
            chunk = listed[first : first + size]
            try:
                if len(chunk) == 1:  # a range reads on to the next row to end: its page too
                    found = source.execute(f'{select} WHERE "{rowid}" = ?', chunk).fetchall()
                else:
                    found = source.execute(
                        f'{select} WHERE "{rowid}" BETWEEN ? AND ? ORDER BY "{rowid}"',
                        [chunk[0], chunk[-1]],
                    ).fetchall()
            except sqlite3.DatabaseError as error:
                if len(chunk) > 1:
                    size = len(chunk) // 2
                    continue
                unread.failed(error)
                unread.rows += 1
                first += 1
                continue
            given = {values[-1] for values in found}
            if any(number not in given for number in chunk):
                # No error, but rows listed and not given: a row numbered out of order (a
                # garbled cell) misleads the seek of a range. Halved, down to single rows;
                # one its number does not find cannot be read.
                if len(chunk) > 1:
                    size = len(chunk) // 2
                    continue
                unread.rows += 1
                first += 1
                continue
            for values in found:
                if values[-1] not in done:
                    yield _row(table, values, rowid)
            first += len(chunk)
            size = min(table.batch, size * 2)
        return
    start: int | None = None  # the rowid to read on from (None: the first)
    size = table.batch
    while start is None or start <= _LARGEST_ROWID:  # past it: no more rows
        where, values = ("", []) if start is None else (f' WHERE "{rowid}" >= ?', [start])
        try:
            found = source.execute(
                f'{select}{where} ORDER BY "{rowid}" LIMIT ?', [*values, size]
            ).fetchall()
        except sqlite3.DatabaseError as error:
            if size > 1:
                size //= 2
                continue
            unread.failed(error)
            past = _seek_past(source, table.name, rowid, start)
            if past is None:
                unread.rest = True
                return
            at, kind = past
            if kind == "row":  # its page reads, its values do not (a page they run on)
                unread.rows += 1
                start = at + 1
            else:
                unread.numbered.append((1 if start is None else start, at - 1))
                start = at
            continue
        if not found:
            return
        for row_values in found:
            if row_values[-1] not in done:
                yield _row(table, row_values, rowid)
        after = found[-1][-1] + 1
        if start is not None and after <= start:
            # Ended on a row numbered before where it started (a pointer into zeros, a
            # file cut short): on from the highest read past it, else seek past the page.
            ahead = [v[-1] for v in found if v[-1] >= start]
            if not ahead:
                size = 1
                past = _seek_past(source, table.name, rowid, start)
                if past is None:
                    unread.rest = True
                    return
                at, kind = past
                if kind == "row":
                    unread.rows += 1
                    after = at + 1
                else:
                    unread.numbered.append((start, at - 1))
                    after = at
            else:
                after = max(ahead) + 1
        start = after
        size = min(table.batch, size * 2)


def _listed_rowids(source: sqlite3.Connection, table: str, rowid: str) -> list[int] | None:
    """The rowids of `table` as its indexes (each whole, not partial) list them, sorted;
    None when none of them can be read."""
    try:
        indexes = [
            str(info[1])
            for info in source.execute(f'PRAGMA main.index_list("{table}")').fetchall()
            if not info[4]
        ]
    except sqlite3.DatabaseError:
        return None
    listed: set[int] | None = None
    for index in indexes:
        quoted = index.replace('"', '""')
        try:
            found = source.execute(
                f'SELECT "{rowid}" FROM main."{table}" INDEXED BY "{quoted}"'
            ).fetchall()
        except sqlite3.DatabaseError:
            continue
        listed = (listed or set()) | {r for (r,) in found if type(r) is int}
    return None if listed is None else sorted(listed)


def _seek_past(
    source: sqlite3.Connection, table: str, rowid: str, start: int | None
) -> tuple[int, str] | None:
    """Past a page that cannot be read, met reading the rows from rowid `start` on: (the
    rowid of a row whose values cannot be read, "row") when its page reads; else (the
    first rowid a read can start from past the damaged page, "page"), the page having
    held rows numbered from `start` to just before it; None when nothing further reads."""

    def next_rowid(first: int | None) -> int | None:
        where, values = ("", []) if first is None else (f' WHERE "{rowid}" >= ?', [first])
        row = source.execute(
            f'SELECT "{rowid}" FROM main."{table}" NOT INDEXED{where} ORDER BY "{rowid}" LIMIT 1',
            values,
        ).fetchone()
        if row is not None and first is not None and row[0] < first:
            raise sqlite3.DatabaseError("a row numbered out of order")  # a pointer into zeros
        return None if row is None else int(row[0])

    try:
        found = next_rowid(start)
    except sqlite3.DatabaseError:
        pass
    else:
        return None if found is None else (found, "row")
    failing = 1 if start is None else start  # the desk's rowids start at 1
    step = 1
    while True:  # seeks further and further on, until one lands past the page
        probe = failing + step
        if probe >= _LARGEST_ROWID:
            return None
        try:
            next_rowid(probe)  # None too: past the last row, on pages that read
            break
        except sqlite3.DatabaseError:
            failing, step = probe, step * 2
    reads = probe
    while reads - failing > 1:  # then halves back to where the page ends
        middle = (failing + reads) // 2
        try:
            next_rowid(middle)
        except sqlite3.DatabaseError:
            failing = middle
        else:
            reads = middle
    return reads, "page"


def _in_order(rows: Iterator[Row], order: str, folder: Path) -> Iterator[Row]:
    """`rows` as ORDER BY `order` sorts them (ascending, NULL first, numbers before text
    before bytes; rows alike in order as they came), sorted by SQLite in a file in
    `folder` (the copy's scratch folder, on its disk) and given back one at a time: a
    year's sentences held as Python rows took some 80 MB. All of `rows` is read first,
    here; the file is removed when the last row is given (or the reading stops)."""
    sorting = folder / "in-order.sqlite"
    first = next(rows, None)  # the original read outside `translated`: its errors are its own
    if first is None:
        return
    names = list(first)
    columns = ", ".join(f"c{i}" for i in range(len(names)))  # no affinity: values kept as is
    by = ", ".join(f"c{names.index(c.strip().strip(chr(34)))}" for c in order.split(","))
    insert = f"INSERT INTO rows ({columns}) VALUES ({', '.join('?' * len(names))})"
    conn = sqlite3.connect(sorting, isolation_level=None)
    try:
        with translated(sorting):
            conn.executescript(
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                f"CREATE TABLE rows (seq INTEGER PRIMARY KEY, {columns});"
                f"CREATE INDEX in_order ON rows ({by}, seq);"  # read back in order: no sort
                "BEGIN;"
            )
        batch = [first]
        while batch:
            with translated(sorting):
                conn.executemany(insert, [tuple(row.values()) for row in batch])
            batch = list(itertools.islice(rows, 500))
        with translated(sorting):
            conn.execute("COMMIT")
            cursor = conn.execute(
                f"SELECT {columns} FROM rows INDEXED BY in_order ORDER BY {by}, seq"
            )
        while True:
            with translated(sorting):
                found = cursor.fetchmany(500)
            if not found:
                return
            for values in found:
                yield dict(zip(names, values, strict=True))
    finally:
        conn.close()
        with contextlib.suppress(OSError):
            sorting.unlink()


# -- copying ----------------------------------------------------------------------------------


@dataclass
class _Table:
    name: str
    columns: tuple[str, ...]
    required: tuple[str, ...]  # without these in the original, the table is not copied
    check: Callable[[Row], tuple[Any, ...]]
    order: str = ""  # sentences come in reading order, to find overlaps
    batch: int = 500  # rows read at a time (articles: one, each may be 200 MB of text)
    since_schema_5: bool = False  # an original from before team review has none


def _unread_told(table: str, unread: _Unread, read: int) -> list[str]:
    """What the summary says of the rows of `table` a read past its damage left out."""
    why = f"(could not be read: {unread.error})"
    told = []
    if unread.zeros:
        told.append(
            f"{counted(unread.zeros, 'row')} of {table} (read as zeros: a damaged page or "
            "a file cut short lost their values)"
        )
    if unread.rows:
        told.append(f"{counted(unread.rows, 'row')} of {table} {why}")
    for first, last in unread.numbered:
        numbers = f"numbered {first}" if first == last else f"numbered {first} to {last}"
        told.append(f"the rows of {table} {numbers} {why}")
    if unread.rest:
        told.append(f"{table} after {counted(read, 'row')} {why}")
    return told


def _zeroed(row: Row, stored: list[str]) -> bool:
    """Did damage zero the end of this row's bytes? SQLite reads such a row without an
    error -- a sector zeroed at the end of its page, a file cut short in the middle of it,
    the last page its text runs on zeroed -- the value cut there a run of NUL characters
    to its end, and every value stored after it (`stored`: the original's columns in the
    order its rows hold them) zeros: NUL characters, 0, or empty (or a 0 or 1, which the
    row's header holds, not its zeroed bytes). A text typed or pasted
    with a NUL at its end (an explanation keeps every character) is followed by values
    that are not: a review's status and time. A row's last value has nothing after it to
    tell (a setting's: the publisher's name pasted with a NUL): one NUL at its end is
    taken for typed, a run of them, or NULs alone, for damage."""
    values = [row[name] for name in stored if name in row]
    for at, value in enumerate(values):
        if isinstance(value, str) and value.endswith("\x00"):
            if at == len(values) - 1:
                return value.endswith("\x00\x00") or not value.strip("\x00")
            return all(_zeros(later) for later in values[at + 1 :])
    return False


def _zeros(value: Any) -> bool:
    """Could `value` be what SQLite reads of bytes damage zeroed?"""
    if isinstance(value, str):
        return not value.strip("\x00")
    if isinstance(value, bytes):
        return not value.strip(b"\x00")
    if isinstance(value, int):  # 0 and 1 are held in a row's header, which the damage left
        return value in (0, 1)
    return value is None or value == 0


def _stored_order(source: sqlite3.Connection, table: str) -> list[str]:
    """The columns of the original's `table` in the order its rows hold them."""
    try:
        infos = source.execute(f'PRAGMA main.table_xinfo("{table}")').fetchall()
    except sqlite3.DatabaseError:
        return []
    return [str(info[1]).lower() for info in infos]


def _unfinished_imports(source: sqlite3.Connection) -> set[str]:
    """Ids (as text) of the articles the original marks as still being imported."""
    try:
        rows = source.execute(
            "SELECT value FROM settings WHERE CAST(key AS TEXT) GLOB ?", [UNFINISHED_PREFIX + "*"]
        ).fetchall()
    except sqlite3.DatabaseError:
        # A mark whose row cannot be read (a pointer bent): its key, in the settings'
        # index, names the article too (the desk writes import.unfinished.ID = ID).
        try:
            keys = source.execute(
                "SELECT CAST(key AS TEXT) FROM settings WHERE CAST(key AS TEXT) GLOB ?",
                [UNFINISHED_PREFIX + "*"],
            ).fetchall()
        except sqlite3.DatabaseError:
            return set()  # no readable settings: the articles are checked one by one anyway
        rows = [(k[len(UNFINISHED_PREFIX) :],) for (k,) in keys if isinstance(k, str)]
    # The key as text above, and a value as text: SQLite's GLOB matches no bytes, and
    # str() of bytes ("b'5'") named no article; such an import was copied as finished.
    return {str(_spelled(r[0])) for r in rows}


class _Copier:
    """Reads one table after the other, checks each row against what is already copied,
    and inserts it under our own schema (foreign keys on)."""

    def __init__(
        self,
        source: sqlite3.Connection,
        target: sqlite3.Connection,
        scratch: Path,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.source = source
        self.target = target
        self.scratch = scratch  # a folder for the sort of rows read past damage
        self.cancelled = cancelled
        self._rows_read = 0
        self.article_lengths: dict[int, int] = {}
        self.sentences: set[int] = set()
        self.sources: set[int] = set()
        # A source's id by its address, and a page's second source (its address once as
        # bytes, once as text: the same text read) to the one kept: `source_row`.
        self._source_of_url: dict[str, int] = {}
        self._same_source: dict[int, int] = {}
        self._last_end: tuple[int, int] = (0, 0)  # (article, end) of the last sentence
        self.own_settings = {str(r[0]) for r in target.execute("SELECT key FROM settings")}
        self.shadowed = _shadowed_settings(source)
        self.unfinished = _unfinished_imports(source)
        self.report = CleanedCopy(Path())
        # The article kept under each text's hash (its id and title), and the one a row
        # being copied has the same text as (`article`): kept under `same_text_mark`.
        self._text_owner: dict[str, tuple[int, str]] = {}
        self._twin_of: tuple[int, str] | None = None
        self.older_original = False  # from before schema 5: reviews become versions

    # -- one check per table; each raises checks.Invalid to leave the row out ----------------------

    def article(self, row: Row) -> tuple[Any, ...]:
        if row["segmenter"] == UNFINISHED or str(row["id"]) in self.unfinished:
            # An import cut short: the desk discards it too.
            raise checks.Invalid
        text = checks.a_text(row["text"], None) or self._text_from_parts(checks.an_id(row["id"]))
        values = (
            checks.an_id(row["id"]),
            checks.a_text(row["title"]),
            checks.a_text(row["outlet"]),
            checks.a_text(row["author"]),
            checks.a_text(row["url"]),
            checks.a_date(row["published"]),
            checks.a_text(row["source_name"]),
            text,
            content_hash(text),  # what it must be, whatever the original says
            checks.a_text(row["segmenter"]),
            checks.a_text(row["imported_at"], now_iso()),
            checks.a_language(row["language"]),
        )
        # The same text as an article copied already (the original's UNIQUE index
        # damaged, or two texts alike once joined or read as text): kept as an article of
        # its own, its sentences, reviews and links with it, under a mark no text's hash
        # can be. Left out, it failed the index and took a day's verdicts with it.
        self._twin_of = self._text_owner.get(values[8])
        if self._twin_of is not None:
            values = (*values[:8], same_text_mark(self._twin_of[0], values[0]), *values[9:])
        return values

    def _text_from_parts(self, article_id: int) -> str:
        """An article imported in parts (schema 3): its text, joined here; the copy keeps
        it in the article's row, which the desk reads as well."""
        try:
            parts = self.source.execute(
                "SELECT start, text FROM article_text WHERE article_id = ? ORDER BY start",
                [article_id],
            ).fetchall()
        except sqlite3.DatabaseError:
            raise checks.Invalid from None  # no readable parts: the article has no text to keep
        pieces: list[str] = []
        expected = 0
        for start, stored in parts:
            text = _spelled(stored)
            if start != expected or not isinstance(text, str) or not text:
                raise checks.Invalid  # a gap or an overlap: the offsets would point elsewhere
            pieces.append(text)
            expected += len(text)
        if not pieces:
            raise checks.Invalid
        return "".join(pieces)

    def sentence(self, row: Row) -> tuple[Any, ...]:
        sentence_id, article_id = checks.an_id(row["id"]), checks.an_id(row["article_id"])
        start, end = checks.an_int(row["start"]), checks.an_int(row["end"])
        length = self.article_lengths.get(article_id)
        if length is None or not 0 <= start < end <= length:
            raise checks.Invalid
        last_article, last_end = self._last_end
        if last_article == article_id and start < last_end:  # overlaps the one before
            raise checks.Invalid
        paragraph = checks.an_int(row["paragraph"], 0)
        if paragraph < 0:
            raise checks.Invalid
        return sentence_id, article_id, start, end, paragraph

    def review(self, row: Row) -> tuple[Any, ...]:
        return self._review_fields(row, {s.value for s in Status}, no_reviewer="")

    def source_row(self, row: Row) -> tuple[Any, ...]:
        values = (
            checks.an_id(row["id"]),
            checks.a_url(checks.a_text(row["url"], None)),
            checks.a_text(row["title"]),
            checks.a_text(row["publisher"]),
            checks.a_date(row["accessed"]),
            checks.a_text(row["created_at"], now_iso()),
        )
        kept = self._source_of_url.get(values[1])
        if kept is not None:
            # The page's address stored once as bytes and once as text (an earlier desk
            # made a second source of a page a script had stored so): one source here,
            # its links with it. Left out, its links were lost.
            self._same_source[values[0]] = kept
            raise _SameSource
        return values

    def link(self, row: Row) -> tuple[Any, ...]:
        sentence_id, source_id = checks.an_id(row["sentence_id"]), checks.an_id(row["source_id"])
        source_id = self._same_source.get(source_id, source_id)
        if sentence_id not in self.sentences or source_id not in self.sources:
            raise checks.Invalid
        return (
            checks.an_id(row["id"]),
            sentence_id,
            source_id,
            checks.a_choice(row["stance"], {s.value for s in Stance}, Stance.CONTEXT.value),
            checks.a_text(row["excerpt"]),
            checks.a_text(row["created_at"], now_iso()),
            checks.a_text(row["reviewer"]),
        )

    def _kept_sentence(self, row: Row) -> int:
        """The row's sentence id, when that sentence is kept; else checks.Invalid."""
        sentence_id = checks.an_id(row["sentence_id"])
        if sentence_id not in self.sentences:
            raise checks.Invalid
        return sentence_id

    def _kept_denial(self, row: Row) -> int | None:
        """The claim a row's denial points at, if that sentence is kept (else None, as the
        schema's ON DELETE SET NULL leaves it)."""
        denies = row["denies_sentence_id"]
        return denies if type(denies) is int and denies in self.sentences else None

    def review_version(self, row: Row) -> tuple[Any, ...]:
        own = {s.value for s in Status if s is not Status.CONFLICT}  # never a version's
        return self._review_fields(row, own, no_reviewer=None)  # a version names its own

    def _review_fields(
        self, row: Row, statuses: set[str], *, no_reviewer: str | None
    ) -> tuple[Any, ...]:
        """A decided review's or a version's row as kept (reviews and review_versions
        share their columns): `statuses` it may have, `no_reviewer` for a missing
        reviewer (None: none is, and the row is left out)."""
        return (  # in the order of `review_columns`
            self._kept_sentence(row),
            checks.a_choice(row["tag"], {t.value for t in Tag}, None),
            checks.a_choice(row["rating"], set(VERDICTS_BY_KEY), None),
            checks.a_text(row["claimant"]),
            checks.a_text(row["explanation"]),
            checks.a_choice(row["status"], statuses, Status.UNREVIEWED.value),
            self._kept_denial(row),
            checks.a_text(row["reviewer"], no_reviewer),
            checks.a_text(row["updated_at"]),
        )

    def sign_off(self, row: Row) -> tuple[Any, ...]:
        sentence_id = self._kept_sentence(row)
        decision = row["decision"]
        if decision not in {d.value for d in SignOffDecision}:
            raise checks.Invalid
        return (
            sentence_id,
            decision,
            checks.a_text(row["editor"], None),
            checks.a_text(row["checker"]),
            checks.a_text(row["note"]),
            checks.a_text(row["at"], None),
        )

    def history(self, row: Row) -> tuple[Any, ...]:
        entity_id = row["entity_id"]
        if entity_id is not None and type(entity_id) is not int:
            raise checks.Invalid
        article_id, sentence_id = row["article_id"], row["sentence_id"]
        if any(v is not None and type(v) is not int for v in (article_id, sentence_id)):
            raise checks.Invalid
        return (
            checks.an_id(row["id"]),
            checks.a_text(row["at"], None),
            checks.a_text(row["actor"], None),
            checks.a_text(row["action"], None),
            checks.a_text(row["description"], None),
            checks.a_text(row["entity"], None),
            entity_id,
            checks.a_json(row["old"]),
            checks.a_json(row["new"]),
            article_id,
            sentence_id,
            checks.a_text(row["origin"]),
            checks.a_text(row["prev_hash"]),
            checks.a_text(row["hash"]),
        )

    def setting(self, row: Row) -> tuple[Any, ...]:
        key, value = checks.a_text(row["key"], None), checks.a_text(row["value"], None)
        if self._private_setting(row):
            raise checks.Invalid  # left out on purpose, not counted: see _copy_table
        return key, checks.a_setting(key, value)

    def _private_setting(self, row: Row) -> bool:
        """Session marks, the index version and what the new workspace set for itself
        (its own identity) stay the copy's own."""
        key = row.get("key")
        return isinstance(key, str) and (
            key.startswith((_SESSION_PREFIX, UNFINISHED_PREFIX, READING_PREFIX))
            or key == VERSION_SETTING
            or key in self.own_settings
            or row.get(ROWID) in self.shadowed
        )

    # -- the copy ------------------------------------------------------------------------------

    def tables(self) -> list[_Table]:
        article_columns = (
            "id",
            "title",
            "outlet",
            "author",
            "url",
            "published",
            "source_name",
            "text",
            "content_hash",
            "segmenter",
            "imported_at",
            "language",
        )
        review_columns = ("sentence_id", *REVIEW_FIELDS)  # reviews and review_versions alike
        history_columns = (
            "id",
            "at",
            "actor",
            "action",
            "description",
            "entity",
            "entity_id",
            "old",
            "new",
            "article_id",
            "sentence_id",
            "origin",
            "prev_hash",
            "hash",
        )
        return [
            _Table("articles", article_columns, ("id", "text"), self.article, batch=1),
            _Table(
                "sentences",
                ("id", "article_id", "start", "end", "paragraph"),
                ("id", "article_id", "start", "end"),
                self.sentence,
                order='"article_id", "start", "id"',
            ),
            _Table("reviews", review_columns, ("sentence_id",), self.review),
            _Table(
                "review_versions",
                review_columns,
                ("sentence_id", "reviewer"),
                self.review_version,
                since_schema_5=True,
            ),
            _Table(
                "sign_offs",
                ("sentence_id", "decision", "editor", "checker", "note", "at"),
                ("sentence_id", "decision", "editor", "at"),
                self.sign_off,
                since_schema_5=True,
            ),
            _Table(
                "sources",
                ("id", "url", "title", "publisher", "accessed", "created_at"),
                ("id", "url"),
                self.source_row,
            ),
            _Table(
                "sentence_sources",
                ("id", "sentence_id", "source_id", "stance", "excerpt", "created_at", "reviewer"),
                ("id", "sentence_id", "source_id"),
                self.link,
            ),
            _Table("history", history_columns, history_columns[:6], self.history),
            _Table("settings", ("key", "value"), ("key", "value"), self.setting),
        ]

    def copy_all(self) -> None:
        for table in self.tables():
            self._stop_if_cancelled()
            self._copy_table(table)

    def _stop_if_cancelled(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled("The cleaned copy was stopped; nothing was written.")

    def _go_on(self) -> None:
        """`_stop_if_cancelled`, every 256 rows (a year's workspace reads some 500,000)."""
        self._rows_read += 1
        if self._rows_read % 256 == 0:
            self._stop_if_cancelled()

    def _copy_table(self, table: _Table) -> None:
        copied = skipped = 0
        self.report.copied[table.name] = self.report.skipped[table.name] = 0
        try:
            present, why = _plain_table(self.source, table.name)
        except sqlite3.DatabaseError as error:
            present, why = None, f"{table.name} (could not be read: {error})"
        if present is None:
            if table.since_schema_5 and why.endswith("(the original has no such table)"):
                self.older_original = True  # nothing lost: it predates the table
                del self.report.copied[table.name], self.report.skipped[table.name]
                return
            self.report.tables_not_copied.append(why)
            return
        missing = [c for c in table.required if c not in present]
        if missing:
            self.report.tables_not_copied.append(
                f"{table.name} (the original lacks its column {missing[0]!r})"
            )
            return
        names = ", ".join(f'"{c}"' for c in table.columns)
        insert = (
            f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(table.columns))})'
        )
        rows = _rows(self.source, table, present)
        keys_read: set[Any] = set()
        unread: list[Any] = []  # settings whose row could not be read by key either
        by_key, salvaging, failure = False, False, ""
        done: set[Any] = set()  # the rowids of the rows read
        past_damage = _Unread()
        stored = _stored_order(self.source, table.name) or list(table.columns)
        while True:
            try:
                row = next(rows, None)
            except sqlite3.DatabaseError as error:  # reading the original: a damaged page
                rowid = None if salvaging else _rowid_name(self.source, table.name)
                if table.name != "settings" and rowid is not None:
                    # ...whose readable rows, and those after it, are read again by rowid,
                    # a page that cannot be read left out alone (with the rows read with
                    # it, 500 at a time, the table ended there). In reading order, when
                    # the table has one (a damaged index may be what ended the read).
                    salvaging = True
                    past_damage.failed(error)
                    salvaged = _salvaged(self.source, table, present, rowid, done, past_damage)
                    rows = (
                        _in_order(salvaged, table.order, self.scratch) if table.order else salvaged
                    )
                    continue
                if table.name == "settings" and not by_key:
                    # ...unless its rows are read one at a time, by key, as the desk reads
                    # a setting: a page a scan cannot read whole (a pointer bent) may still
                    # give the record of the history's last entry, without which the
                    # copy's history said it was changed outside the desk.
                    by_key = True
                    rows = self._settings_by_key(keys_read, unread)
                    failure = str(error)
                    continue
                self.report.tables_not_copied.append(
                    f"{table.name} after {counted(copied + skipped + past_damage.zeros, 'row')} "
                    f"(could not be read: {error})"
                )
                break
            if row is None:
                if unread:
                    self.report.tables_not_copied.append(
                        f"{counted(len(unread), 'row')} of {table.name} "
                        f"(could not be read: {failure})"
                    )
                self.report.tables_not_copied.extend(
                    _unread_told(table.name, past_damage, copied + skipped + past_damage.zeros)
                )
                break
            self._go_on()
            done.add(row.get(ROWID))
            if table.name == "settings":
                keys_read.add(row["key"])
            if _zeroed(row, stored):  # not the original's values: counted as not read, not copied
                past_damage.zeros += 1
                continue
            try:
                values = table.check(row)
                self.target.execute(insert, values)  # other errors (disk full) end the copy
            except _SameSource:
                continue  # kept as the page's other source: nothing failed
            except (checks.Invalid, sqlite3.IntegrityError):
                if not (table.name == "settings" and self._private_setting(row)):
                    skipped += 1
                continue
            copied += 1
            self._remember(table.name, values)
        self.report.copied[table.name] = copied
        self.report.skipped[table.name] = skipped

    def _settings_by_key(self, keys_read: set[Any], unread: list[Any]) -> Iterator[Row]:
        """The original's settings not read yet, each read alone through its key (the
        keys from their index); those that cannot be read go to `unread`, but for the
        ones the copy has of its own. Raises sqlite3.DatabaseError when the keys cannot be
        listed."""
        keys = [r[0] for r in self.source.execute('SELECT "key" FROM main."settings"')]
        for key in keys:
            if key in keys_read:
                continue
            try:
                found = self.source.execute(
                    'SELECT "value" FROM main."settings" WHERE "key" = ?', [key]
                ).fetchone()
            except sqlite3.DatabaseError:
                if not self._private_setting({"key": key}):
                    unread.append(key)
                continue
            # None: no row has this key as given (NULL, or text that is not UTF-8): the
            # row then fails the checks, and is counted as left out, as read whole.
            yield {"key": key, "value": None if found is None else found[0]}

    def _remember(self, table: str, values: tuple[Any, ...]) -> None:
        if table == "articles":
            self.article_lengths[values[0]] = len(values[7])
            title = shown_line(values[1] or "")
            if self._twin_of is None:
                self._text_owner[values[8]] = (values[0], title)
            else:
                first, first_title = self._twin_of
                self.report.same_text.append(SameText(first, values[0], first_title, title))
        elif table == "sentences":
            self.sentences.add(values[0])
            self._last_end = (values[1], values[3])
        elif table == "sources":
            self.sources.add(values[0])
            self._source_of_url[values[1]] = values[0]


class _SameSource(checks.Invalid):
    """A source row that is another row's page: its links go to that one (`source_row`)."""


def _shadowed_settings(source: sqlite3.Connection) -> set[int]:
    """The rowids of the original's settings stored under a key as bytes that it also
    holds as text: the older value (another program rewrote the row, the desk then wrote
    the key anew), which the desk does not read (`sql.read_setting`). Copied first (by
    rowid), it stood in the copy for the newer one, counted as failing the checks."""
    try:
        rows = source.execute(
            "SELECT rowid FROM settings WHERE typeof(key) = 'blob' AND CAST(key AS TEXT) IN"
            " (SELECT key FROM settings WHERE typeof(key) = 'text')"
        ).fetchall()
    except sqlite3.DatabaseError:
        return set()  # read as before: the first of the two read is kept
    return {int(r[0]) for r in rows}


def _source_workspace_id(source: sqlite3.Connection) -> str | None:
    """The original's workspace id; None when it has none or it cannot be read."""
    try:
        # Its key or value as bytes: the id they spell (`sql.read_setting`).
        row = source.execute(sql.one_setting_sql(WORKSPACE_ID)).fetchone()
    except sqlite3.DatabaseError:
        return None
    return _spelled(row[0]) if row is not None and isinstance(_spelled(row[0]), str) else None


def _versions_from_reviews(db: Any) -> None:
    """As the migration does: each review of an older original is its reviewer's own."""
    db.execute(
        "INSERT OR IGNORE INTO review_versions SELECT sentence_id, reviewer, tag, rating,"
        " claimant, explanation, status, denies_sentence_id, updated_at FROM reviews"
        " WHERE status != 'conflict'"
    )


def _copy_into(
    source: sqlite3.Connection,
    staging: Path,
    dest: Path,
    made_from: dict[str, Any],
    cancelled: Callable[[], bool] | None = None,
) -> CleanedCopy:
    workspace = open_workspace(staging)
    try:
        # Its record of the file it was made from (`earlier_cleaned_copy`), the copy's own
        # setting: one the original holds (itself a cleaned copy) is not copied over it.
        record = {**made_from, "workspace_id": _source_workspace_id(source)}
        workspace.db.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
            [CLEANED_FROM, json.dumps(record)],
        )
        copier = _Copier(source, workspace.db.conn, staging.parent, cancelled)
        with translated(dest), workspace.db.atomic():
            copier.copy_all()
            if copier.older_original:
                _versions_from_reviews(workspace.db)
            chain_unchained(workspace.db)  # the history of an original from before the chain
        # Its search index is left empty, and due: the window that opens the copy builds
        # it beside itself (a year's workspace: seconds), the command line at its open.
        # One self-contained file (the desk switches it back to WAL when it opens it).
        workspace.db.execute("PRAGMA journal_mode = DELETE")
    finally:
        workspace.close()
    copier.report.path = dest
    return copier.report
