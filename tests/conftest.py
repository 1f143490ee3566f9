"""Test set-up shared by every test: headless Qt, private data folder and settings."""

from __future__ import annotations

import builtins
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Before anything imports Qt: no display is needed, and the user's own data, settings
# and log file are never touched by a test run.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="factcheck-tests-"))
os.environ["FACTCHECK_DATA_DIR"] = str(_SESSION_DIR / "data")
os.environ["FACTCHECK_LOG_DIR"] = str(_SESSION_DIR / "log")
os.environ["XDG_CONFIG_HOME"] = str(_SESSION_DIR / "config")
os.environ.setdefault("FACTCHECK_REVIEWER", "tester")

import pytest  # noqa: E402

from factcheck_app import config  # noqa: E402
from factcheck_app.services.desk import Desk  # noqa: E402
from factcheck_app.storage import workspace as workspace_module  # noqa: E402
from tests.stuck_backup import HeldCopy, held_copy_in  # noqa: E402
from tests.usb_stick import UsbStick, usb_stick_in  # noqa: E402

SEED_FILE = next(config.seed_dir().glob("*.txt"))
REPO_ROOT = Path(__file__).resolve().parent.parent
OLD_WORKSPACES = REPO_ROOT / "tests" / "data" / "workspaces"  # made by older versions


def pytest_unconfigure(config: pytest.Config) -> None:
    """The run's private data, settings and log folder goes with the run (each run made
    one in the temporary folder, and none was ever removed)."""
    import shutil

    shutil.rmtree(_SESSION_DIR, ignore_errors=True)


def copy_of_old_workspace(tmp_path: Path, name: str) -> Path:
    """A fresh copy of the older workspace `name` (tests/data/workspaces) to migrate."""
    import shutil

    path = tmp_path / name
    shutil.copy(OLD_WORKSPACES / name, path)
    return path


def _refuse_live_workspace(file: Any) -> None:
    if isinstance(file, (str, bytes, os.PathLike)) and workspace_module.is_open_here(
        Path(os.fsdecode(file))
    ):
        raise AssertionError(
            f"{file} was opened by path while this process holds an SQLite connection to it:"
            " closing it drops SQLite's locks and lets another process delete the WAL"
        )


@pytest.fixture(autouse=True, scope="session")
def one_widget_application(qapp: Any) -> None:
    """The run's one Qt application is a QApplication from the first test on. A PDF
    export through the command line makes a bare QGuiApplication when it finds none (its
    process never shows a widget); in this one process a later window or dialog test then
    aborted Python ("Cannot create a QWidget without QApplication") when a services test
    had run first."""


@pytest.fixture(autouse=True, scope="session")
def font_messages_kept_out_of_python() -> None:
    """Qt's font messages are not said, so never handed to pytest-qt's message handler.

    Qt says them inside its font database's lock ("OpenType support missing for …" as
    the window paints Devanagari), and a handler written in Python then needs Python's
    lock there: a PDF export's worker, holding Python's lock through a Qt call and
    waiting for the font lock, and the window's thread hung for good (reproduced: a CI
    run of test_export_every_article hung once; docs/safety.md). The desk itself has no
    Python handler once started. QT_LOGGING_RULES set by whoever runs the tests wins."""
    from PySide6.QtCore import QLoggingCategory

    QLoggingCategory.setFilterRules(
        "qt.text.font.db=false\nqt.text.font.match=false\nqt.qpa.fonts=false"
    )


@pytest.fixture(autouse=True)
def never_open_a_live_workspace_by_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test fails if any code opens a workspace (or its -wal/-shm) by path while this
    process has it open: the cause of the destroyed workspaces of issue 12."""
    real_open, real_os_open = io.open, os.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        _refuse_live_workspace(file)
        return real_open(file, *args, **kwargs)

    def guarded_os_open(path: Any, *args: Any, **kwargs: Any) -> int:
        _refuse_live_workspace(path)
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    return tmp_path / "test.fcdesk"


@pytest.fixture
def desk(workspace_path: Path) -> Iterator[Desk]:
    """A fresh workspace file, empty."""
    desk = Desk.open(workspace_path)
    yield desk
    desk.close()


@pytest.fixture
def seeded_desk(desk: Desk) -> Desk:
    """A fresh workspace with the sample article imported."""
    desk.importer.import_file(SEED_FILE)
    return desk


@pytest.fixture
def usb_stick(tmp_path: Path) -> Iterator[UsbStick]:
    """A folder on a USB stick that can be pulled out and plugged back in (tests/usb_stick.py)."""
    yield from usb_stick_in(tmp_path)


@pytest.fixture
def held_backup_copy(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldCopy]:
    """Backups' copies held as a share that stopped answering holds them (tests/stuck_backup.py)."""
    yield from held_copy_in(monkeypatch)


def retitled_outside_undo(desk: Desk, article_id: int, title: str = "Canteen") -> None:
    """A title recorded on the article, with its history entry, outside `desk`'s undo
    stack: as Article Properties did before it became an undo step. Work recorded so
    (another program's, in the tests) is what a redo of the article's removal finds."""
    import dataclasses

    before = desk.articles.article_metadata(article_id)
    after = dataclasses.replace(before, title=title)
    with desk.repo.db.atomic():
        desk.repo.articles.update_article_metadata(article_id, after)
        desk.repo.history.record_history(
            actor="Another desk",
            action="do",
            description="Edit article properties",
            entity="article",
            entity_id=article_id,
            old=dataclasses.asdict(before),
            new=dataclasses.asdict(after),
            article_id=article_id,
        )
