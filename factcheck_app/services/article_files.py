"""Reading an article's bytes from a file or from standard input, with a hard cap.

Only ordinary files are read. A device (`/dev/zero`, `/dev/urandom`, or a link to one)
reports a size of 0 and never ends; a named pipe (FIFO) blocks the reader until another
program writes to it, possibly forever; a socket cannot be read as a file at all. All of
them are refused from their file type, before a single byte is read, and the file is
opened without blocking so that one swapped in after the check is refused as well.
Whatever is read stops at the cap, whatever size the file claims.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Callable, Container, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from factcheck_app.domain import file_types, importing, preparation
from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.file_modes import kind_of
from factcheck_app.domain.wording import counted

if TYPE_CHECKING:
    from factcheck_app.services import isolation

MAX_ARTICLE_BYTES = 200 * 1024 * 1024
_CHUNK = 1024 * 1024  # read in slices: between two of them a cancel is noticed

Check = Callable[[], None]
# What programs keep beside a file, never an article: Emacs's lock while notes.txt is open
# in it (`.#notes.txt`), Word's owner file while story.docx is (`~$story.docx`), and the
# AppleDouble file a Mac writes beside each file copied onto a shared drive (`._story.docx`).
_NOT_ARTICLES = (".#", "~$", "._")


def _no_check() -> None:
    """Nothing to check between two slices (no cancel button)."""


def _megabytes(limit: int) -> str:
    return f"{limit // (1024 * 1024):,} MB"


def _refuse_special(path: Path, mode: int) -> None:
    """Refuse a name whose `os.stat` mode is not an ordinary file's, saying what it is."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise ArticleImportError(f"{path} is a folder, not an article file.")
    raise ArticleImportError(
        f"{path.name} is {kind_of(mode, fifo=True)}, not an ordinary file; only article "
        "files saved on a disk are imported, and nothing was read from it."
    )


def not_there(path: Path) -> str:
    """Why `path` could not be found, in words: a link is named with where it leads (the
    file manager shows it there, and "no such file" read as a mistake of the desk's)."""
    try:
        target = os.readlink(path)
    except OSError:  # no link (or gone meanwhile)
        return f"{path}: no such file."
    # Its name, not its path: where it leads is the path worth reading (a folder's box
    # named the folder twice in each such line).
    return (
        f"{path.name} is a link to {target}, which is not there (on a drive or share not "
        "connected now?)."
    )


def cannot_read(path: Path, error: OSError) -> str:
    """Why the file at `path` could not be read, in words. A link leading round in a
    loop (to itself, or through others back to itself) was "cannot read the file (Too
    many levels of symbolic links)", with the folder's whole path in a folder's box."""
    if error.errno == errno.ELOOP:
        looping = _looping_link(path)
        if looping is not None and looping != path:
            # A folder on the way (`wires/a.txt`, `wires` a link to itself): a.txt was
            # told as the link, and looked at for a fault it has not.
            return (
                f"{path.name} cannot be reached: {looping} is a link that leads, through "
                "others, back to itself (a loop of links): point that link at the folder "
                "itself."
            )
        return (
            f"{path.name} is a link that leads, through others, back to itself (a loop of "
            "links), so it leads to no file: point the link at the article itself."
        )
    return f"{path}: cannot read the file ({error.strerror})."


def _looping_link(path: Path) -> Path | None:
    """The first name on the way to `path` (a folder, or `path` itself) that leads round in
    a loop of links; None when none is found now."""
    for step in [*reversed(path.parents), path]:
        try:
            os.stat(step)
        except OSError as error:
            return step if error.errno == errno.ELOOP else None
    return None


def read_article_file(
    path: Path, *, limit: int = MAX_ARTICLE_BYTES, check: Check = _no_check
) -> bytes:
    """The bytes of the ordinary file at `path` (links followed), at most `limit` of them.

    `check()` runs between slices of the file and may raise (e.g. Cancelled) to stop.
    Raises ArticleImportError, naming the file, for anything that is not an ordinary
    readable file of at most `limit` bytes.
    """
    too_large = f"{path.name} is larger than {_megabytes(limit)}; not imported."
    try:
        info = path.stat()  # follows links: a link to /dev/zero is a device
        _refuse_special(path, info.st_mode)
        if info.st_size > limit:
            raise ArticleImportError(too_large)
        # O_NONBLOCK: should a FIFO be swapped in after the check, opening it cannot hang.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
        with open(descriptor, "rb", buffering=0) as file:
            _refuse_special(path, os.fstat(file.fileno()).st_mode)
            data = read_capped(file, limit, check)
    except FileNotFoundError:
        raise ArticleImportError(not_there(path)) from None
    except IsADirectoryError:
        raise ArticleImportError(f"{path} is a folder, not an article file.") from None
    except OSError as error:
        raise ArticleImportError(cannot_read(path, error)) from None
    if data is None:  # the file grew past the limit while it was read
        raise ArticleImportError(too_large)
    return data


def read_standard_input(
    stream: BinaryIO, *, limit: int = MAX_ARTICLE_BYTES, check: Check = _no_check
) -> bytes:
    """Everything on standard input, refused in one sentence past `limit` bytes.

    A terminal or a device is fine here (the user chose it); only the amount is capped.
    """
    try:
        data = read_capped(stream, limit, check)
    except OSError as error:
        raise ArticleImportError(f"Cannot read standard input ({error.strerror}).") from None
    if data is None:
        raise ArticleImportError(
            f"Standard input holds more than {_megabytes(limit)}; that is no article. "
            "Nothing was read past the limit."
        )
    return data


def read_capped(stream: BinaryIO, limit: int, check: Check = _no_check) -> bytes | None:
    """Read `stream` to its end in slices; None as soon as it holds more than `limit` bytes.

    BytesIO hands its buffer over without a copy, so at most about `limit` bytes are held.
    """
    buffer = io.BytesIO()
    size = 0
    while True:
        check()
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return buffer.getvalue()
        size += len(chunk)
        if size > limit:
            return None
        buffer.write(chunk)


# Plain text up to this size is decoded in a fraction of a second, in this process.
TEXT_IN_PROCESS_BYTES = 4 * 1024 * 1024
Progress = Callable[[float, str], None]


def _no_progress(_fraction: float, _stage: str) -> None:
    pass


def parse_article_data(
    data: bytes,
    suffix: str,
    name: str,
    report: Progress = _no_progress,
    worker: isolation.Worker | None = None,
) -> importing.ParsedArticle:
    """The article in a file's bytes, read the one way the desk reads files (import,
    `segment`, `suggest`): a web page's body, a Word file's text, a PDF's text layer.

    Web pages, Word files and PDFs go through parsers that hostile files can make loop or
    balloon: they run in a parser worker (`worker`, or one made for this file), which
    Cancel and Quit stop at once. Plain text is decoded here, unless it is so large that
    decoding it would keep a Cancel waiting.
    """
    article = _read(data, suffix, name, report, worker, prepared=False)
    assert isinstance(article, importing.ParsedArticle)
    return article


def read_for_import(
    data: bytes,
    suffix: str,
    name: str,
    report: Progress = _no_progress,
    worker: isolation.Worker | None = None,
) -> importing.ParsedArticle | preparation.PreparedArticle:
    """As `parse_article_data`, for an import: plain text too large to decode here is
    also split into sentences and indexed in its worker (a PreparedArticle), so that the
    import's thread only writes (issue 12: its Python loops held the interpreter lock
    against the window's saves). Anything else comes back parsed, to be prepared by the
    caller once it knows the article is new."""
    return _read(data, suffix, name, report, worker, prepared=True)


def _read(
    data: bytes,
    suffix: str,
    name: str,
    report: Progress,
    worker: isolation.Worker | None,
    *,
    prepared: bool,
) -> importing.ParsedArticle | preparation.PreparedArticle:
    text = suffix not in file_types.EXTRACTED_SUFFIXES
    if text and len(data) <= TEXT_IN_PROCESS_BYTES:
        return importing.parse_article(data, suffix=suffix)
    # The parser worker's machinery (multiprocessing) loads only for a file that needs it:
    # `suggest` on a plain text file does not.
    from factcheck_app.services import isolation

    stage = f"Reading {name}"

    def forward(fraction: float, detail: str) -> None:
        report(0.05 + 0.05 * fraction, f"{stage}: {detail}" if detail else stage)

    own = None
    if text:
        # Linear work, but on up to 200 MB: limits in proportion, in a worker of its own
        # (the next web page gets the usual limits). Its sentences and index words need
        # about as much again as the text.
        own = isolation.Worker(
            isolation.Limits(
                seconds=isolation.STALL_SECONDS + len(data) / 2**20,
                memory=isolation.MEMORY_BYTES + (24 if prepared else 12) * len(data),
            )
        )
    elif worker is None:
        own = isolation.Worker()
    runner = own if own is not None else worker
    assert runner is not None
    try:
        if text and prepared:
            packed = runner.run(
                preparation.prepare_article_file,
                data,
                suffix=suffix,
                name=name,
                progress=lambda fraction, detail: report(fraction or 0.05, detail or stage),
            )
        else:
            parsed = runner.run(importing.parse_article, data, suffix=suffix, progress=forward)
    finally:
        if own is not None:
            own.close()
    if text and prepared:
        assert isinstance(packed, preparation.PackedArticle)
        return preparation.unpack(packed)
    assert isinstance(parsed, importing.ParsedArticle)
    return parsed


def article_files_in(folder: Path, closed: list[Path] | None = None) -> list[Path]:
    """Article files under `folder` and its subfolders, in name order, skipping the assets
    of saved web pages (NAME_files/): what File → Import Folder takes. Each folder that
    cannot be looked into (`folder` itself too) is added to `closed`.

    Path.rglob passed over such a folder without a word: a subfolder of the day's
    articles that the reviewer may not open (a colleague's, a share whose rights changed)
    was left out unsaid, and a folder closed as a whole was "No article files found"."""
    found = []

    def not_listed(error: OSError) -> None:
        if closed is not None:
            closed.append(Path(error.filename) if error.filename else folder)

    for root, folders, names in os.walk(folder, onerror=not_listed):
        here = Path(root)
        folders[:] = [name for name in folders if not name.endswith("_files")]
        # Anything named as an article that is no folder: a link leading nowhere (to a
        # share not mounted today, or to itself) was passed over without a word and taken
        # for imported; now the import refuses it with why, as it does a device or a pipe.
        # Not what programs keep beside a file (`_NOT_ARTICLES`): Emacs's lock, a link
        # leading nowhere on purpose (to "user@host.pid"), was refused as if on a share
        # not connected, and Word's owner file read, then refused as no Word document.
        found += [
            here / name
            for name in names
            if Path(name).suffix.lower() in file_types.SUPPORTED_SUFFIXES
            and not name.startswith(_NOT_ARTICLES)
        ]
    return sorted(found)


def folders_opened(
    paths: Iterable[Path], folders: Container[Path] | None = None
) -> tuple[list[Path], list[Path]]:
    """`paths` with each folder among them replaced by the article files in it, and the
    folders that held none or could not be looked into (`no_article_files` says which).
    A folder dropped onto the window or named to `import` was refused as "… is a folder,
    not an article file"; an editor with a folder of the day's articles means its
    articles, as File → Import Folder takes them. `folders`: which of `paths` are folders,
    already looked at (none looked at again), else each is looked at here."""
    files: dict[Path, None] = {}  # in order, each once (a file dropped with its folder)
    empty: list[Path] = []
    for path in paths:
        if not (os.path.isdir(path) if folders is None else path in folders):
            files[path] = None
            continue
        closed: list[Path] = []
        found = article_files_in(path, closed)
        files.update(dict.fromkeys(found))
        empty += closed
        if not found and path not in closed:
            empty.append(path)
    return list(files), empty


def cannot_look_into(folder: Path) -> str | None:
    """Why the articles in `folder` cannot be listed (in words), or None when they can."""
    try:
        with os.scandir(folder):
            pass
    except OSError as error:
        return (
            f"Cannot look into the folder {folder} ({error.strerror}): nothing in it was imported."
        )
    return None


# Folders that could not be looked into, named one by one in the import's box: more are
# counted (all of them under Show Details and in the log).
CLOSED_NAMED = 5


def closed_folders_told(reasons: list[str], named: int = CLOSED_NAMED) -> tuple[str, str]:
    """The import box's words for the folders that could not be looked into (each one's
    `cannot_look_into` sentence): all of them when they are few; else the first `named`
    and how many more, with the whole list, one a line, for Show Details and the log (''
    when every one is in the text). A share of 500 colleagues' closed folders made a box
    taller than the screen, its OK button out of reach."""
    if len(reasons) <= named:
        return " ".join(reasons), ""
    more = len(reasons) - named
    rest = (
        f"And {counted(more, 'more folder')} could not be looked into either: nothing in "
        "them was imported (Show Details lists every one)."
    )
    return "\n".join([*reasons[:named], rest]), "\n".join(reasons)


def no_article_files(folder: Path, *, kinds: bool = True) -> str:
    """What a folder with no article file in it is told (`kinds`: and which kinds are),
    or one that could not be looked into."""
    closed = cannot_look_into(folder)
    if closed:
        return closed
    if not kinds:  # the window's status bar: a line the width of the window
        return f"No article files found in {folder}."
    return (
        f"No article files found in {folder} (supported: "
        f"{', '.join(file_types.SUPPORTED_SUFFIXES)})."
    )
