"""The log file: where it lives on each platform, how it rotates, and the CLI writing to it."""

from __future__ import annotations

import logging
import logging.handlers
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app import cli, config, logs
from factcheck_app.domain.errors import FactcheckError
from factcheck_app.storage import schema_guard
from tests.conftest import SEED_FILE

PACKAGE_LOGGER = logging.getLogger(logs.LOGGER_NAME)


@pytest.fixture(autouse=True)
def own_log_handlers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test sets up the log as it likes; the session's handlers come back after."""
    saved, level = list(PACKAGE_LOGGER.handlers), PACKAGE_LOGGER.level
    PACKAGE_LOGGER.handlers = []
    yield
    for handler in PACKAGE_LOGGER.handlers:
        handler.close()
    PACKAGE_LOGGER.handlers = saved
    PACKAGE_LOGGER.setLevel(level)


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "log"
    monkeypatch.setenv("FACTCHECK_LOG_DIR", str(folder))
    return folder


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {}, "HOME/.local/state/factcheck-desk/log"),
        ("linux", {"XDG_STATE_HOME": "/srv/state"}, "/srv/state/factcheck-desk/log"),
        ("linux", {"XDG_STATE_HOME": "relative/state"}, "HOME/.local/state/factcheck-desk/log"),
        (
            "win32",
            {"LOCALAPPDATA": "/c/Users/ana/AppData/Local"},
            "/c/Users/ana/AppData/Local/factcheck-desk/Logs",
        ),
        ("win32", {}, "HOME/AppData/Local/factcheck-desk/Logs"),
        ("darwin", {}, "HOME/Library/Logs/factcheck-desk"),
        ("linux", {"FACTCHECK_LOG_DIR": "/tmp/elsewhere"}, "/tmp/elsewhere"),
    ],
)
def test_the_log_folder_is_where_each_platform_keeps_logs(
    platform: str,
    env: dict[str, str],
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    for name in ("FACTCHECK_LOG_DIR", "XDG_STATE_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", platform)
    assert config.user_log_dir() == Path(expected.replace("HOME", str(tmp_path)))


def test_nothing_is_written_until_something_is_logged(log_dir: Path) -> None:
    path = logs.setup("test")
    assert path == log_dir / "factcheck-desk.log"
    logging.getLogger("factcheck_app.somewhere").debug("not kept: below INFO")
    assert not log_dir.exists()
    logging.getLogger("factcheck_app.somewhere").warning("kept: %s", "the reason")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert (
        "factcheck-desk" in lines[0] and "(test)" in lines[0] and f"pid {os.getpid()}" in lines[0]
    )
    assert lines[1].endswith(
        f"WARNING [{os.getpid()} MainThread] factcheck_app.somewhere: kept: the reason"
    )


def test_the_log_rotates_at_a_megabyte_and_keeps_three_old_files(log_dir: Path) -> None:
    logs.setup("test")
    [handler] = [h for h in PACKAGE_LOGGER.handlers if isinstance(h, logs.LazyRotatingFileHandler)]
    log = logging.getLogger("factcheck_app.rotation")
    log.warning("first")
    target = handler._target
    assert isinstance(target, logging.handlers.RotatingFileHandler)
    assert (target.maxBytes, target.backupCount) == (1_000_000, 3)
    assert target.encoding == "utf-8"
    line = "x" * 999
    for _ in range(6_000):  # ~6 MB written: the oldest must be dropped
        log.warning(line)
    handler.flush()
    files = sorted(p.name for p in log_dir.iterdir())
    assert files == [
        "factcheck-desk.log",
        "factcheck-desk.log.1",
        "factcheck-desk.log.2",
        "factcheck-desk.log.3",
    ]
    assert all((log_dir / name).stat().st_size <= 1_000_000 for name in files)


def test_a_log_folder_deleted_while_open_is_made_again_at_the_next_record(
    log_dir: Path,
) -> None:
    """A clean-up of ~/.local/state (or the reviewer tidying it) while the desk was open:
    every record after went into the deleted file, and the log sent with a bug report
    had nothing of the day (Help → Open Log Folder showed an empty folder)."""
    path = logs.setup("test")
    log = logging.getLogger("factcheck_app.day")
    log.warning("before the clean-up")
    for old in log_dir.iterdir():
        old.unlink()
    log_dir.rmdir()
    log.error("after the clean-up: %s", "the error a bug report needs")
    text = path.read_text(encoding="utf-8")
    assert "the error a bug report needs" in text
    assert "factcheck-desk" in text.splitlines()[0]  # the header again: whose log it is


def test_setting_up_twice_keeps_one_handler_and_follows_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_LOG_DIR", str(tmp_path / "a"))
    logs.setup("test")
    logs.setup("test")
    monkeypatch.setenv("FACTCHECK_LOG_DIR", str(tmp_path / "b"))
    logs.setup("test")
    ours = [h for h in PACKAGE_LOGGER.handlers if isinstance(h, logs.LazyRotatingFileHandler)]
    assert [h.path for h in ours] == [tmp_path / "b" / "factcheck-desk.log"]


def test_an_unwritable_log_folder_is_said_once_and_changes_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_LOG_DIR", str(blocker / "log"))  # even root cannot mkdir
    logs.setup("test")
    log = logging.getLogger("factcheck_app.nowhere")
    log.warning("one")
    log.error("two")
    err = capsys.readouterr().err
    assert err.count("factcheck-app: cannot write the log file") == 1
    # What to do about it (a locked-down home: the log's folder is set by a variable).
    assert "set FACTCHECK_LOG_DIR to a folder you can write to" in err
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (a disk always full)")
def test_a_full_disk_under_the_log_is_said_once_not_as_tracebacks(
    log_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The log file could be opened but not written (a full disk, a quota): each command
    printed two "--- Logging error ---" tracebacks of 40 lines above its one-line message."""
    log_dir.mkdir()
    (log_dir / logs.LOG_FILE_NAME).symlink_to("/dev/full")  # every write: no space left

    def refused(args: object) -> int:
        raise FactcheckError("There is no workspace at w.fcdesk.")

    monkeypatch.setitem(cli.HANDLERS, "list", refused)
    assert cli.run(["list"]) == 1
    logging.getLogger("factcheck_app.later").warning("another record")
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Logging error" not in err
    assert err.count("factcheck-app: cannot write the log file") == 1
    assert "No space left on device" in err
    assert err.endswith("factcheck-app: There is no workspace at w.fcdesk.\n")


def test_a_cli_error_goes_to_the_log_as_one_warning_line(tmp_path: Path) -> None:
    missing = tmp_path / "missing.fcdesk"
    env = {**os.environ, "FACTCHECK_LOG_DIR": str(tmp_path / "log")}
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "list", "--workspace", str(missing)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr == f"factcheck-app: There is no workspace at {missing}.\n"
    text = (tmp_path / "log" / "factcheck-desk.log").read_text(encoding="utf-8")
    assert "(command line: list)" in text
    [warning] = [line for line in text.splitlines() if " WARNING " in line]
    assert warning.endswith(
        f"factcheck_app.cli: factcheck-app list: There is no workspace at {missing}."
    )
    assert "Traceback" not in text


def test_a_cli_bug_leaves_its_traceback_in_the_log_and_one_line_on_stderr(
    log_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: object) -> int:
        raise KeyError("a bug in the list command")

    monkeypatch.setitem(cli.HANDLERS, "list", broken)
    assert cli.run(["list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("factcheck-app: unexpected error (KeyError: 'a bug in the list command')")
    assert str(log_dir / "factcheck-desk.log") in err
    logs.flush()
    text = (log_dir / "factcheck-desk.log").read_text(encoding="utf-8")
    assert "ERROR" in text and "factcheck-app list: unexpected error" in text
    assert "Traceback (most recent call last):" in text
    assert "in broken" in text and "KeyError: 'a bug in the list command'" in text


def test_a_cli_user_error_is_not_a_bug(
    log_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refused(args: object) -> int:
        raise FactcheckError("The workspace is busy.")

    monkeypatch.setitem(cli.HANDLERS, "list", refused)
    assert cli.run(["list"]) == 1
    assert capsys.readouterr().err == "factcheck-app: The workspace is busy.\n"
    logs.flush()
    text = (log_dir / "factcheck-desk.log").read_text(encoding="utf-8")
    assert "factcheck-app list: The workspace is busy." in text and "Traceback" not in text


def test_leaving_after_the_window_closed_keeps_the_last_log_line(tmp_path: Path) -> None:
    """The window's process skips the interpreter's slow teardown at quit; the log must
    still hold everything written before."""
    env = {**os.environ, "FACTCHECK_LOG_DIR": str(tmp_path / "log")}
    script = (
        "import logging\n"
        "from factcheck_app import logs\n"
        "from factcheck_app.gui.app import leave\n"
        "logs.setup('window')\n"
        "logging.getLogger('factcheck_app').warning('the last words before quitting')\n"
        "print('printed', end='')\n"
        "leave(3)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 3 and result.stdout == "printed"
    log = (tmp_path / "log" / "factcheck-desk.log").read_text(encoding="utf-8")
    assert "the last words before quitting" in log


def test_ctrl_c_in_a_command_says_interrupted_without_a_traceback(
    log_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl+C during a long command (a big `suggest`, an import) ends it with one line and
    the shell's usual status for an interrupt, not a Python traceback."""

    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.HANDLERS, "list", interrupted)
    assert cli.run(["list"]) == 130
    assert capsys.readouterr().err == "factcheck-app: interrupted\n"


class _CtrlCInSQLite:
    """`time` for the statement clock, with Ctrl+C pressed at its `at`-th reading: Python
    handles the key in the first Python code that runs after it, and while SQLite works
    that is the clock, SQLite's progress handler."""

    def __init__(self, at: int) -> None:
        self.readings, self.at = 0, at

    def monotonic(self) -> float:
        self.readings += 1
        if self.readings == self.at:
            signal.raise_signal(signal.SIGINT)  # handled in the next Python code that runs
        return time.monotonic()


# The interrupt leaves SQLite's progress handler as an exception SQLite cannot pass on
# (Python reports it as "ignored"); that it is ignored there is the point of the test.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_ctrl_c_while_sqlite_works_says_interrupted_not_a_crafted_file(
    log_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Ctrl+C while a command reads the workspace: SQLite only learns "stop" from its
    progress handler and reports a statement stopped, which the desk said was a query
    that "ran far too long … the file may have been crafted to stall the desk"."""
    workspace, article = tmp_path / "w.fcdesk", tmp_path / "long.txt"
    article.write_text(  # long enough for SQLite to call its progress handler
        " ".join(f"Witness {n} said {n * 7} people were at the square." for n in range(3000)),
        encoding="utf-8",
    )
    assert cli.run(["import", "-w", str(workspace), str(article)]) == 0
    capsys.readouterr()
    clock = _CtrlCInSQLite(at=10)
    monkeypatch.setattr(schema_guard, "time", clock)
    assert cli.run(["stats", "-w", str(workspace)]) == 130
    assert clock.readings >= clock.at  # the key was pressed while the command ran
    assert capsys.readouterr().err == "factcheck-app: interrupted\n"


def logged_warnings(log_dir: Path) -> list[str]:
    logs.flush()
    text = (log_dir / "factcheck-desk.log").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if " WARNING " in line]


def test_a_file_import_refuses_is_in_the_log_as_on_stderr(
    log_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import` went on to the next file after printing a refusal, and the log (where the
    README says every error is recorded) had nothing of it."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    workspace = tmp_path / "w.fcdesk"
    assert cli.run(["import", "-w", str(workspace), str(empty), str(SEED_FILE)]) == 1
    err = capsys.readouterr().err
    assert err == "factcheck-app: empty.txt: The file has no article text to review.\n"
    assert any(
        line.endswith("factcheck-app import: empty.txt: The file has no article text to review.")
        for line in logged_warnings(log_dir)
    )


def test_an_article_export_all_refuses_is_in_the_log_as_on_stderr(
    log_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace, folder = tmp_path / "w.fcdesk", tmp_path / "reports"
    assert cli.run(["import", "-w", str(workspace), str(SEED_FILE)]) == 0
    assert (
        cli.run(["export", "-w", str(workspace), "--all", "--format", "md", "-o", str(folder)]) == 0
    )
    [report] = folder.iterdir()
    report.chmod(0o444)  # a read-only report left from last time
    capsys.readouterr()
    assert (
        cli.run(["export", "-w", str(workspace), "--all", "--format", "md", "-o", str(folder)]) == 1
    )
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("factcheck-app: article 1: ") and "read-only" in line
    assert any(
        warning.endswith(line.replace("factcheck-app: ", "factcheck-app export: ", 1))
        for warning in logged_warnings(log_dir)
    )


def test_a_history_that_does_not_verify_is_in_the_log_as_on_stderr(
    log_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    from factcheck_app.services.desk import Desk

    workspace = tmp_path / "w.fcdesk"
    desk = Desk.open(workspace, reviewer="Ana")
    desk.importer.import_file(SEED_FILE)
    first = desk.reviews.sentence_rows(1)[0].sentence.id
    desk.reviews.set_text_field(first, "claimant", "Baku")
    desk.close()
    conn = sqlite3.connect(workspace)
    with conn:
        conn.execute("UPDATE history SET actor = 'Mallory' WHERE id = 1")
    conn.close()
    assert cli.run(["verify", "-w", str(workspace)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert "does NOT verify" in line
    assert any(
        warning.endswith(line.replace("factcheck-app: ", "factcheck-app verify: ", 1))
        for warning in logged_warnings(log_dir)
    )


# A child that presses Ctrl+C (SIGINT to itself) the moment PySide6's QtGui starts to load,
# then asks for the PDF painter as `export --format pdf` does.
_CTRL_C_WHILE_QT_LOADS = """
import importlib.abc, signal, sys
from factcheck_app import __main__ as entry

class CtrlCOnQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "PySide6.QtGui":
            sys.meta_path.remove(self)
            signal.raise_signal(signal.SIGINT)
        return None  # the usual finders load it

sys.meta_path.insert(0, CtrlCOnQt())
try:
    entry._qt_pdf_writer()
except KeyboardInterrupt:
    loaded = "factcheck_app.gui.pdf_report" in sys.modules
    print("interrupted after loading" if loaded else "interrupted while loading")
"""


def test_ctrl_c_while_qt_loads_waits_until_it_has_loaded() -> None:
    """Ctrl+C as a PDF export starts loading Qt: Qt's own start-up cannot be interrupted
    (the process aborted with "Fatal Python error" and a core dump), so the key waits
    until Qt has loaded and then stops the command as anywhere else."""
    child = subprocess.run(
        [sys.executable, "-c", _CTRL_C_WHILE_QT_LOADS],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == "interrupted after loading"
