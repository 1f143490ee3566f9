"""The frozen app's entry script keeps its own modules readable when IT installs a new
version over a running desk (docs/packaging.md, "Installing over a running desk")."""

from __future__ import annotations

import importlib.util
import os
import sys
import zipfile
import zipimport
import zlib
from pathlib import Path
from types import ModuleType

import pytest

ENTRY = Path(__file__).resolve().parents[1] / "packaging" / "pyinstaller_entry.py"

pytestmark = pytest.mark.skipif(
    not os.path.isdir("/proc/self/fd"), reason="Linux names open files in /proc/self/fd"
)


def _entry() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pyinstaller_entry", ENTRY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # defines its functions; the app starts only as __main__
    return module


class ArchiveByName:
    """What PyInstaller's PYZ reader does (pyimod01_archive.ZlibArchiveReader): the
    offsets read once at start, the file opened by its name for each module after."""

    def __init__(self, filename: str) -> None:
        self._filename = filename
        self.toc: dict[str, tuple[int, int]] = {}
        blob = Path(filename).read_bytes()
        start = 0
        for name in ("factcheck_app.gui.dialogs.export", "docx"):
            length = int.from_bytes(blob[start : start + 4], "big")
            self.toc[name] = (start + 4, length)
            start += 4 + length

    def extract(self, name: str) -> bytes:
        offset, length = self.toc[name]
        with open(self._filename, "rb") as fp:
            fp.seek(offset)
            return zlib.decompress(fp.read(length))


def _archive(path: Path, modules: list[bytes]) -> None:
    """Write `modules` compressed one after another, each after its length; replace
    `path` as dpkg does: the new file written beside it, then renamed over it."""
    blob = b""
    for code in modules:
        packed = zlib.compress(code)
        blob += len(packed).to_bytes(4, "big") + packed
    new = path.with_name(path.name + ".dpkg-new")
    new.write_bytes(blob)
    os.replace(new, path)


def test_a_module_first_used_after_a_new_version_is_installed_is_the_running_versions(
    tmp_path: Path,
) -> None:
    executable = tmp_path / "factcheck-app"
    _archive(executable, [b"# export dialog 0.1.0", b"# docx 0.1.0"])
    archive = ArchiveByName(str(executable))
    fd = _entry().hold_own_archive(archive)
    try:
        assert fd is not None
        # IT installs the next version while the window is open: every module moved.
        _archive(executable, [b"# a longer export dialog, 0.1.1" * 20, b"# docx 0.1.1"])
        # Ctrl+E imports the export dialog for the first time: the version running.
        assert archive.extract("factcheck_app.gui.dialogs.export") == b"# export dialog 0.1.0"
        assert archive.extract("docx") == b"# docx 0.1.0"
        # Removed altogether (dpkg -r): still readable while the window is open.
        executable.unlink()
        assert archive.extract("docx") == b"# docx 0.1.0"
    finally:
        if fd is not None:
            os.close(fd)


def _zip_of_modules(path: Path, modules: dict[str, str]) -> None:
    """A zip of modules, written beside `path` and renamed over it (as dpkg does)."""
    new = path.with_name(path.name + ".dpkg-new")
    with zipfile.ZipFile(new, "w") as archive:
        for name, source in modules.items():
            archive.writestr(f"{name}.py", source)
    os.replace(new, path)


def test_a_standard_module_first_used_after_an_update_comes_from_the_running_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyInstaller's base_library.zip (the codecs: "unknown encoding: idna" after an
    update), read by Python's own zip importer."""
    monkeypatch.setattr(zipimport, "_get_data", zipimport._get_data)  # put back after
    library = tmp_path / "base_library.zip"
    _zip_of_modules(library, {"fc_codec_a": "VERSION = '0.1.0'", "fc_codec_b": "VERSION = '0.1.0'"})
    monkeypatch.syspath_prepend(str(library))
    for name in ("fc_codec_a", "fc_codec_b"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    import fc_codec_a  # type: ignore[import-not-found]  # at start: the zip's contents read

    assert fc_codec_a.VERSION == "0.1.0"
    fd = _entry().hold_zip_archive(str(library))
    try:
        assert fd is not None
        _zip_of_modules(
            library,
            {
                "fc_codec_0": "# new in 0.1.1\n" * 200,
                "fc_codec_a": "VERSION = '0.1.1'",
                "fc_codec_b": "VERSION = '0.1.1'",
            },
        )
        import fc_codec_b  # type: ignore[import-not-found]  # first used after the update

        assert fc_codec_b.VERSION == "0.1.0"
    finally:
        if fd is not None:
            os.close(fd)
        for name in ("fc_codec_a", "fc_codec_b"):
            sys.modules.pop(name, None)


def test_outside_the_frozen_app_nothing_is_held() -> None:
    assert "pyimod02_importers" not in sys.modules
    assert _entry().hold_own_archive() is None


def test_a_python_without_the_private_zip_reader_starts_all_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`zipimport._get_data` is Python's own, not promised: a Python without it must
    start the desk as before (nothing held), never fail at the first line."""
    monkeypatch.delattr(zipimport, "_get_data")
    library = tmp_path / "base_library.zip"
    _zip_of_modules(library, {"fc_codec_c": "VERSION = '0.1.0'"})
    assert _entry().hold_zip_archive(str(library)) is None
