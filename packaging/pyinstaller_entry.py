"""Entry script of the frozen app (PyInstaller needs a file; the console script is a function)."""

from __future__ import annotations

import multiprocessing
import os
import sys
import zipimport

# Where Linux names this process's open files (absent on Windows and macOS).
_OWN_FDS = "/proc/self/fd"


def hold_own_archive(archive: object | None = None) -> int | None:
    """Read this program's Python modules from the file it started with, to the end.

    PyInstaller keeps the modules (the app's and its libraries') compressed inside the
    executable and opens that file by its name for each module imported later, using the
    offsets it read at start. Most of the desk's modules are imported on first use (an
    export, a dialog), to start fast. When IT installs a new version while a window is
    open (`dpkg -i`, an unattended upgrade), the name points at the new executable, and
    the old offsets in it gave "zlib.error: incorrect header check": Export and every
    other first use did nothing, and the crash report itself failed; a removed package
    made PyInstaller exit the window. Holding the file open keeps the old executable
    readable (the system keeps a file's bytes while it is open) and its name in
    /proc/self/fd reaches them. Returns the descriptor held, or None where nothing was
    done (not frozen, not Linux, or the file already gone)."""
    if archive is None:
        loader = sys.modules.get("pyimod02_importers")  # PyInstaller's module loader
        archive = getattr(loader, "pyz_archive", None)
    path = getattr(archive, "_filename", None)
    if archive is None or not isinstance(path, str) or not os.path.isdir(_OWN_FDS):
        return None
    # The executable itself holds the modules: /proc/self/exe is the very file this
    # process runs, even if a new one took its name in the moment since start.
    own = os.path.realpath(path) == os.path.realpath(sys.executable)
    running = "/proc/self/exe" if own else path
    try:
        fd = os.open(running, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    setattr(archive, "_filename", f"{_OWN_FDS}/{fd}")  # noqa: B010 (PyInstaller's own field)
    return fd


def hold_zip_archive(path: str) -> int | None:
    """The same for a zip archive of modules on `sys.path` (PyInstaller's
    base_library.zip: the standard library's codecs and what Python needs to start).
    Python's zip importer read its list of contents at start and opens it by name for
    each module; after an update that gave "LookupError: unknown encoding: idna" for the
    first web address shown. Every read of `path` goes to the file held open instead."""
    # Python's own reader, not a promised interface: without it, nothing is held.
    get_data = getattr(zipimport, "_get_data", None)
    if not os.path.isdir(_OWN_FDS) or not callable(get_data):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    held = f"{_OWN_FDS}/{fd}"

    def get_held_data(archive: str, toc_entry: tuple[object, ...]) -> bytes:
        return get_data(held if archive == path else archive, toc_entry)  # type: ignore[no-any-return]

    zipimport._get_data = get_held_data  # type: ignore[attr-defined]
    return fd


def hold_own_files() -> None:
    """Hold every archive of modules the frozen app reads after start (see above)."""
    hold_own_archive()
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is None:
        return
    for entry in list(sys.path):
        if entry.startswith(bundle) and entry.endswith(".zip") and os.path.isfile(entry):
            hold_zip_archive(entry)


if __name__ == "__main__":
    # Web pages, Word files and PDFs are read in a worker process (services/isolation.py)
    # started with multiprocessing's "spawn" method: in the frozen app that is this
    # executable again, with multiprocessing's own arguments (and likewise its resource
    # tracker). freeze_support() recognises them, runs the worker and exits, before
    # anything takes them for file names and opens a window. PyInstaller's runtime hook
    # makes it do so on Linux and macOS too, not only on Windows.
    multiprocessing.freeze_support()
    hold_own_files()

    from factcheck_app.__main__ import main

    sys.exit(main())
