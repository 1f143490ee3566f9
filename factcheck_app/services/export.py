"""Verdict exports. JSON is complete: article metadata and every sentence's review and sources.

The report formats live in `services.reports`; this module keeps the original entry
points (the JSON export and the atomic writer) for the code that already uses them, and
`check_output`, the one check of an export's target that the CLI and the window share.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck_app import config
from factcheck_app.domain.errors import ExportRefused
from factcheck_app.services.reports.atomic import (
    descriptor_problem,
    target_problem,
    write_atomically,
)
from factcheck_app.services.reports.format_table import FORMATS
from factcheck_app.services.reports.json_report import FORMAT_VERSION, review_data
from factcheck_app.services.reports.model import load_article_report
from factcheck_app.storage.backups import COMPANIONS, backup_dir
from factcheck_app.storage.file_kinds import names_standard_output
from factcheck_app.storage.scratch import NAME_MAX, is_part_file_name
from factcheck_app.storage.workspace import is_database_file, name_length

if TYPE_CHECKING:  # only for annotations: a report or export needs no storage imported
    from factcheck_app.services.desk import Desk

EXPORT_FORMAT_VERSION = FORMAT_VERSION


def article_review(desk: Desk, article_id: int) -> dict[str, Any]:
    """The whole review of one article as plain data (the JSON export)."""
    return review_data(load_article_report(desk, article_id))


def article_review_json(desk: Desk, article_id: int) -> str:
    return json.dumps(article_review(desk, article_id), ensure_ascii=False, indent=2) + "\n"


def _resolve(path: Path) -> Path:
    try:
        return Path(os.path.abspath(path)).resolve()
    except (OSError, RuntimeError) as error:  # a symlink loop
        raise ExportRefused(f"{path} cannot be used: {error}.") from None


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def _same(a: os.stat_result | None, b: os.stat_result | None) -> bool:
    return a is not None and b is not None and (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


FOLDER_SEPARATORS = tuple(sep for sep in {"/", os.sep, os.altsep} if sep)


def check_output_name(typed: str) -> None:
    """Refuse, in one sentence, a typed file name that ends in a folder separator
    (`reports/`): a Path drops the separator, and the report became a file named after
    the folder."""
    if typed.endswith(FOLDER_SEPARATORS):
        raise ExportRefused(f"{typed} names a folder: add a file name.")
    if "\x00" in typed:  # pasted with the text around it; no file name holds one
        # Not shown as a symbol (␀): few fonts have it, and it was drawn as an empty box.
        raise ExportRefused(
            f"The name {typed.replace(chr(0), '')} holds an invisible NUL character (pasted "
            "with it, most likely), which no file name can: type the name again."
        )
    # A name no disk takes, anywhere in the path: looking at it (is it a folder? is its
    # folder there?) failed with "File name too long" before any refusal had its say.
    *folders, name = Path(typed).parts or ("",)
    for folder in folders:
        _refuse_too_long(folder, what="folder name")
    _refuse_too_long(name)


# What a file name's suffix promises a reader, and the article format that writes it.
_SUFFIX_KINDS = {
    ".html": "HTML",
    ".htm": "HTML",
    ".pdf": "PDF",
    ".docx": "Word",
    ".md": "Markdown",
    ".csv": "CSV",
    ".json": "JSON",
    ".jsonld": "JSON",  # ClaimReview is JSON too: either name will do for either
}
_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx", ".md": "md",
                   ".csv": "csv", ".json": "json", ".jsonld": "claimreview"}  # fmt: skip


def format_for_name(name: Path | str) -> str | None:
    """The article format a file name asks for by its suffix (`report.pdf`: pdf), or None."""
    return _SUFFIX_FORMATS.get(Path(name).suffix.lower())


# What each format writes, as the refusal below says it ("--format html writes an HTML
# report").
_WRITES = {
    "html": "an HTML report",
    "pdf": "a PDF report",
    "docx": "a Word document",
    "md": "a Markdown file",
    "csv": "a CSV table",
    "json": "a JSON file",
    "claimreview": "ClaimReview JSON-LD",
    "summary-html": "an HTML workspace summary",
    "summary-csv": "a CSV workspace summary",
}


def check_suffix(out: Path | str, key: str, *, in_dialog: bool = False) -> None:
    """Refuse, in one sentence, a file name whose suffix promises another kind of file than
    format `key` writes (HTML into `report.pdf`, which no reader opens), saying what name
    fits and how else to get what the name promises: "report.pdf ends in .pdf but --format
    html writes an HTML report: name it report.html, or leave out --format to write a PDF
    report." The export dialog (`in_dialog`) has no --format: it names the formats as its
    Format box shows them. Suffixes the desk does not know (`.txt`, `.markdown`) are the
    reviewer's choice."""
    fmt = FORMATS[key]
    path = Path(out)
    suffix = path.suffix.lower()
    promised, written = _SUFFIX_KINDS.get(suffix), _SUFFIX_KINDS.get(fmt.suffix)
    if promised is None or promised == written:
        return
    fitting = path.with_suffix(fmt.suffix).name
    if in_dialog:
        said = f"{out} ends in {path.suffix} but the format chosen is {fmt.label}"
    else:
        said = f"{out} ends in {path.suffix} but --format {key} writes {_WRITES[key]}"
    said += f": name it {fitting}"
    named = FORMATS[_SUFFIX_FORMATS[suffix]]
    # A summary's way out is its own name only: what the name asks for is one article's
    # report, which is another export (and needs --article).
    if fmt.scope == named.scope:
        if in_dialog:
            said += f", or choose {named.label} as the format"
        else:
            said += f", or leave out --format to write {_WRITES[named.key]}"
    raise ExportRefused(said + ".")


def check_output(
    out: Path, workspace: Path | None, *, folder: bool = False, settings_file: Path | None = None
) -> None:
    """Refuse, in one sentence (`ExportRefused`), an export target that must not be written:
    the workspace itself, one of its companion files (`-wal`, `-shm`, `-journal`, `.lock`)
    or anything in its backups folder — by resolved path and by being the same file (hard
    and symbolic links) —, any other workspace or SQLite database, the desk's own log
    files and its window's `settings_file` (named by the window: Qt's), a device, a named
    pipe, a socket, a folder given as a file (or a file given as the folder of `--all`),
    a read-only file, a folder that does not exist.

    The workspace and its companions are only `os.stat`ed: opening the workspace file by
    path in this process would drop SQLite's POSIX locks on it."""
    _refuse_too_long(Path(out).name)
    # Before its name is resolved: /dev/stdout resolves to the file the shell opened.
    opened = descriptor_problem(out)
    if opened:
        raise ExportRefused(opened)
    target = _resolve(out)
    _refuse_unreachable(out, target)
    info = _stat(target)
    if workspace is not None:
        _refuse_workspace_files(out, target, info, workspace)
    _refuse_program_files(out, target, info)
    _refuse_own_files(out, target, info, settings_file)
    if not folder:
        _refuse_companion_of_a_database(out, target)
        if is_part_file_name(target.name):  # a later export deletes it once an hour old
            raise ExportRefused(
                f"{out} is named as the desk names its unfinished files, which it deletes: "
                "choose another file name."
            )
    if info is None:
        parent = target.parent
        # A link to a folder not there (a USB stick pulled): "does not exist" of a name
        # the file manager shows, and making it failed with "File exists".
        given = dangling_link(Path(out) if folder else Path(out).parent)
        if given is not None:
            raise ExportRefused(
                f"{given} is a link to {os.path.realpath(given)}, which is not there: if it "
                "is on a USB stick or a network drive, connect it again, or choose another "
                "folder."
            )
        if folder:
            return  # made by the export, with its missing parents
        if not parent.is_dir():
            if os.path.lexists(parent):  # "does not exist", of a file the reviewer could see
                raise ExportRefused(
                    f"{Path(out).parent} is a file, not a folder: choose another folder."
                )
            raise ExportRefused(f"The folder {Path(out).parent} does not exist.")
        return
    problem = target_problem(out, info, folder=folder)
    if problem:
        raise ExportRefused(problem)
    if not folder and is_database_file(target):
        raise ExportRefused(
            f"{out} is a workspace (an SQLite database): a report never replaces one. "
            "Choose another file name."
        )


def dangling_link(folder: Path) -> Path | None:
    """The link on the way to `folder` (it, or a folder above it) that leads to a folder not
    there, or None. Any on the way: `reports/2026` with `reports` the link said "does not
    exist" too. A symbolic link, or a junction on Windows (`os.lstat` reads both as the
    link itself; `os.path.islink` is false for a junction)."""
    for part in (folder, *folder.parents):
        if os.path.lexists(part):  # the nearest there: a link gone, or a real folder
            return None if os.path.exists(part) else part
    return None


def _refuse_unreachable(out: Path, target: Path) -> None:
    """A target in a folder that may not be entered (a colleague's, a share whose rights
    changed): the dialog's look at whether the file was there raised PermissionError and
    showed the crash box, and the command line rendered the whole report first."""
    try:
        os.stat(target)
    except (FileNotFoundError, NotADirectoryError, ValueError):
        return  # not there (yet): the folder's own checks follow
    except OSError as error:
        # Its cause kept: an input/output error here is a disk that stopped answering,
        # which the export of every article counts (`export_every_article`).
        raise ExportRefused(
            f"{out} cannot be reached ({error.strerror}): choose another folder."
        ) from error


def _refuse_too_long(name: str, what: str = "file name") -> None:
    """A name no disk takes, refused before the export is rendered (it failed at the very
    end, as "File name too long" followed by the whole name)."""
    length, _unit = name_length(name)
    if length > NAME_MAX:
        raise ExportRefused(
            f"The {what} {name[:40]}… is too long ({length:,} characters; a {what} "
            f"has at most {NAME_MAX}, fewer with accented letters or other scripts): "
            "choose a shorter name."
        )


def program_folders() -> tuple[Path, ...]:
    """The folders that are the desk's program: the installed bundle's folder (PyInstaller),
    else the `factcheck_app` package itself."""
    package = Path(__file__).resolve().parent.parent
    if getattr(sys, "frozen", False):
        return (Path(sys.executable).resolve().parent, config.bundle_root().resolve(), package)
    return (package,)


def _refuse_program_files(out: Path, target: Path, info: os.stat_result | None) -> None:
    """Refuse the desk's own program files, and anything in its program folder: a report
    saved there replaced part of the program (a per-user install on Windows is the user's
    to write, and so is a copy run from a checkout), or went with the next update."""
    for folder in program_folders():
        if target.is_relative_to(folder):
            if info is not None and not stat.S_ISDIR(info.st_mode):
                raise ExportRefused(
                    f"{out} is one of the desk's own program files: choose another place."
                )
            raise ExportRefused(
                f"{out} is in the desk's program folder ({folder}): choose another place."
            )
    # Run from a checkout or a plain install: the files beside the package (README.md,
    # pyproject.toml; in a virtual environment the other packages' files).
    beside = config.bundle_root().resolve()
    if info is not None and stat.S_ISREG(info.st_mode) and target.parent == beside:
        raise ExportRefused(f"{out} is one of the desk's own program files: choose another place.")


def _refuse_own_files(
    out: Path, target: Path, info: os.stat_result | None, settings_file: Path | None
) -> None:
    """Refuse the desk's log file and its older copies (a report there replaced the trace
    of a bug to be sent on, and the desk went on logging into the file it had open, gone
    from the folder) and the window's settings file (its layout and recent workspaces)."""
    from factcheck_app import logs  # no Qt there: the CLI and the window both log

    log = logs.log_file()
    older = [f".{n}" for n in range(1, logs.BACKUP_COUNT + 1)]  # rotated: .1, .2, .3
    own = [(log.with_name(log.name + end), "log file") for end in ("", *older)]
    if settings_file is not None:
        own.append((settings_file, "settings file"))
    for path, kind in own:
        if target == _resolve(path) or _same(info, _stat(path)):
            raise ExportRefused(f"{out} is the desk's own {kind}: choose another file name.")


def _refuse_companion_of_a_database(out: Path, target: Path) -> None:
    """Refuse `NAME-wal`, `NAME-shm`, `NAME-journal` or `NAME.lock` beside any SQLite
    database NAME, open or not: a colleague's `-wal` replaced by a report lost the edits
    it held that were not yet in their workspace file (their desk open, or killed), and a
    replaced lock file would let two desks write at once. Whatever its capitals: on a
    Windows or macOS disk `NAME-WAL` is that same `-wal`."""
    for suffix, kind in COMPANIONS.items():
        if target.name.lower().endswith(suffix) and len(target.name) > len(suffix):
            database = target.with_name(target.name[: -len(suffix)])
            if database.is_file() and is_database_file(database):
                raise ExportRefused(
                    f"{out} is the {kind} of the workspace {database.name}: "
                    "choose another file name."
                )


def _refuse_workspace_files(
    out: Path, target: Path, info: os.stat_result | None, workspace: Path
) -> None:
    given = Path(os.path.abspath(workspace))
    names = {given, _resolve(given)}  # SQLite names the companions after the real file
    for base in names:
        name = base.name
        files = [(base, f"{out} is the workspace itself: choose another file name.")]
        files += [
            (
                base.with_name(name + suffix),
                f"{out} is the workspace's {kind} ({name}{suffix}): choose another file name.",
            )
            for suffix, kind in COMPANIONS.items()
        ]
        for path, message in files:
            if target == _resolve(path) or _same(info, _stat(path)):
                raise ExportRefused(message)
        backups = backup_dir(base)
        backups_info = _stat(backups)
        inside = target == _resolve(backups) or _same(info, backups_info)
        inside = inside or target.is_relative_to(_resolve(backups))
        inside = inside or _same(_stat(target.parent), backups_info)
        if inside:
            raise ExportRefused(
                f"{out} is in the workspace's backups folder ({backups.name}): "
                "choose another place."
            )


__all__ = [
    "COMPANIONS",
    "EXPORT_FORMAT_VERSION",
    "article_review",
    "article_review_json",
    "check_output",
    "check_output_name",
    "check_suffix",
    "format_for_name",
    "names_standard_output",
    "write_atomically",
]
