"""Opening a workspace used for a year (thousands of articles, a file of hundreds of MB):
the window answers while the automatic backup is made, and the open reads no more than
the article list once (bench/bench_big_workspace.py, docs/performance.md)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import WorkspaceFull
from factcheck_app.domain.models import Tag
from factcheck_app.gui.app import open_workspace, show_opening_window
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from factcheck_app.storage.stores.articles import ArticleStore
from tests.conftest import SEED_FILE
from tests.storage.test_backup_room import Disk


def _workspace(path: Path) -> Path:
    desk = Desk.open(path, backup=False)  # no backup yet: the first open makes one
    desk.importer.import_file(SEED_FILE)
    desk.close()
    return path


def _open_window(qtbot: QtBot, path: Path, *, seed: bool = False) -> MainWindow:
    window = show_opening_window(path)
    qtbot.add_widget(window)
    assert open_workspace(window, path, seed=seed)
    return window


class HeldCopy:
    """`backups._copy_into_file` held until `may_finish` is set, noting the thread it ran
    in and setting `copying` once it started."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.copying, self.may_finish = threading.Event(), threading.Event()
        self.copied_in: list[threading.Thread] = []
        self._real_copy = backups._copy_into_file
        monkeypatch.setattr(backups, "_copy_into_file", self._copy)

    def _copy(self, conn: Any, target: Path, cancelled: Callable[[], bool] | None = None) -> None:
        self.copied_in.append(threading.current_thread())
        self.copying.set()
        self.may_finish.wait(timeout=5)  # on the window's thread this would hold it up
        self._real_copy(conn, target, cancelled)


def test_the_window_answers_while_its_automatic_backup_is_made(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backup of a year's workspace (170 MB) took 0.3-2 s on the window's thread, all
    of it before the window answered a key: now it is made beside the open window."""
    path = _workspace(tmp_path / "year.fcdesk")
    held = HeldCopy(monkeypatch)
    window = _open_window(qtbot, path)

    assert held.copying.wait(timeout=5) and not held.may_finish.is_set()
    assert held.copied_in and held.copied_in[0] is not threading.main_thread()
    # Mid-backup, the article is shown and an edit is saved.
    sentence = window.current_sentence_id()
    assert sentence is not None
    qtbot.keyClick(window.sentence_view, "c")
    assert window.desk.reviews.review(sentence).tag is Tag.CLAIM
    held.may_finish.set()
    qtbot.waitUntil(lambda: [b.reason for b in backups.list_backups(path)] == ["auto"])
    backup = backups.list_backups(path)[0]
    assert backup.article_count == 1
    window.close()


def test_a_backup_that_cannot_be_made_is_told_in_the_status_bar(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workspace(tmp_path / "year.fcdesk")

    def full(workspace: Path, *_args: Any, **_kwargs: Any) -> Path:
        raise WorkspaceFull(f"No backup of {workspace.name} was made: the disk is full.")

    monkeypatch.setattr(backups, "take_backup_on_own_connection", full)
    window = _open_window(qtbot, path)

    qtbot.waitUntil(lambda: "No backup of year.fcdesk" in window.statusBar().currentMessage())
    assert window.current_sentence_id() is not None
    window.close()


def test_room_made_for_the_automatic_backup_is_told_in_the_status_bar(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A nearly full disk: the oldest of last week's automatic backups makes room for
    today's, and the reviewer is told which went (they stopped for good before)."""
    path = _workspace(tmp_path / "year.fcdesk")
    folder = backups.backup_dir(path)
    folder.mkdir()
    old = [folder / f"year-2026110{day}-090000Z-auto.fcdesk" for day in range(1, 6)]
    for backup in old:
        shutil.copyfile(path, backup)
    disk = Disk(tmp_path)
    monkeypatch.setattr(shutil, "disk_usage", disk.usage)
    disk.leave_free(path.stat().st_size + backups.BACKUP_HEADROOM - 1)  # one removal short

    window = _open_window(qtbot, path)

    qtbot.waitUntil(
        lambda: "oldest automatic backup was removed" in window.statusBar().currentMessage()
    )
    assert not old[0].exists() and all(backup.exists() for backup in old[1:])
    assert len(backups.list_backups(path)) == 5
    window.close()


def test_closing_the_window_during_its_backup_leaves_no_part_of_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workspace(tmp_path / "year.fcdesk")
    copying = threading.Event()
    real_copy = backups._copy_into_file

    def copy_until_stopped(
        conn: Any, target: Path, cancelled: Callable[[], bool] | None = None
    ) -> None:
        copying.set()
        assert cancelled is not None
        stopped = threading.Event()
        # Each step asks whether to stop; this one asks until the window closes.
        while not cancelled():
            stopped.wait(0.005)
        real_copy(conn, target, cancelled)

    monkeypatch.setattr(backups, "_copy_into_file", copy_until_stopped)
    window = _open_window(qtbot, path)
    assert copying.wait(timeout=5)

    window.close()

    assert list(backups.backup_dir(path).iterdir()) == []  # no backup, and no partial one
    again = Desk.open(path, backup=False)  # the window let go of the workspace
    again.close()


def test_opening_the_window_counts_the_articles_reviews_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listing the articles counts every sentence's review (0.13 s for 5,000 articles):
    the first-start seeding and the backup only need to know whether there is one."""
    path = _workspace(tmp_path / "year.fcdesk")
    listed = 0
    real_list = ArticleStore.list_articles

    def counted(store: ArticleStore) -> Any:
        nonlocal listed
        listed += 1
        return real_list(store)

    monkeypatch.setattr(ArticleStore, "list_articles", counted)
    window = _open_window(qtbot, path, seed=True)  # the default workspace: seeded if empty

    assert listed == 1
    assert window.article_model.rowCount() == 1
    window.close()


def test_the_summary_of_a_big_workspace_is_read_by_the_export_not_the_window(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary's preview read every article's report on the window's thread: a year's
    5,000 articles held the window for a minute and kept 450 MB of reports."""
    from factcheck_app.gui.dialogs import export
    from factcheck_app.services.reports import summary

    titles = [f"Town {n} built {n} bridges, the mayor said." for n in range(4)]
    for title in titles:
        desk.importer.import_text(f"{title} Nobody else said so.", source_name=f"{title}.txt")
    monkeypatch.setattr(export, "PREVIEW_ARTICLES", 3)  # fewer would be read and previewed
    read_in: list[threading.Thread] = []
    real_load = summary.load_article_report

    def load(*args: Any, **kwargs: Any) -> Any:
        read_in.append(threading.current_thread())
        return real_load(*args, **kwargs)

    monkeypatch.setattr(summary, "load_article_report", load)
    dialog = export.ExportDialog(desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()

    dialog.set_format("summary-html")
    assert read_in == []
    assert "summary of all 4 articles" in dialog.preview.toPlainText()
    out = tmp_path / "summary.html"
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.export_finished, timeout=20_000):
        dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.running)

    assert len(read_in) == 4 and threading.main_thread() not in read_in
    written = out.read_text(encoding="utf-8")
    assert all(f"Town {n} built" in written for n in range(4))


def test_the_agreement_panel_reads_the_versions_in_its_worker(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every reviewer's version of a year (120,000) was read on the window's thread: a
    second before the panel answered."""
    from factcheck_app.gui.actions import ActionId
    from factcheck_app.storage.stores.team_review import TeamReviewStore
    from tests.team_support import CASES, give_case

    give_case(seeded_desk, "one disagreement")
    read_in: list[threading.Thread] = []
    real_versions = TeamReviewStore.versions

    def versions(store: TeamReviewStore, *args: Any, **kwargs: Any) -> Any:
        read_in.append(threading.current_thread())
        return real_versions(store, *args, **kwargs)

    monkeypatch.setattr(TeamReviewStore, "versions", versions)
    window = make_window(seeded_desk)

    window.registry[ActionId.AGREEMENT].trigger()
    panel = window.team.panel
    assert panel is not None
    qtbot.waitUntil(lambda: panel.pair_model.rowCount() > 0)

    assert read_in and threading.main_thread() not in read_in
    model = panel.pair_model
    assert [model.index(0, c).data() for c in range(7)] == [
        "Ana and Ben",
        *CASES["one disagreement"][2],
    ]


def test_back_up_now_is_made_beside_the_window_and_told(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File → Back Up Now copied a year's 170 MB on the window's thread (0.25 s to
    seconds); now the window answers meanwhile and says when it is saved."""
    from factcheck_app.gui.actions import ActionId

    path = _workspace(tmp_path / "year.fcdesk")
    Desk.open(path).close()  # today's automatic backup: none is due at the open below
    window = _open_window(qtbot, path)
    held = HeldCopy(monkeypatch)

    window.registry[ActionId.BACKUP_NOW].trigger()

    assert held.copying.wait(timeout=5) and not held.may_finish.is_set()
    assert held.copied_in[0] is not threading.main_thread()
    assert window.statusBar().currentMessage() == "Backing up year.fcdesk…"
    held.may_finish.set()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Backup saved as "))
    assert sorted(b.reason for b in backups.list_backups(path)) == ["auto", "manual"]
    window.close()


def test_quitting_right_after_back_up_now_still_makes_the_backup(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reviewer asked for a backup and was told "Backing up …": quitting at once
    stopped it and threw it away without a word. Closing now waits for it (an automatic
    backup is still stopped: nobody is waiting for that one)."""
    from factcheck_app.gui.actions import ActionId
    from factcheck_app.services.upkeep import BackgroundBackup

    path = _workspace(tmp_path / "year.fcdesk")
    Desk.open(path).close()  # today's automatic backup: none is due at the open below
    window = _open_window(qtbot, path)
    copying, closing = threading.Event(), threading.Event()
    real_copy = backups._copy_into_file

    def copy_once_closing(
        conn: Any, target: Path, cancelled: Callable[[], bool] | None = None
    ) -> None:
        copying.set()
        closing.wait(timeout=5)  # the window is closing: it has asked to stop, or not
        real_copy(conn, target, cancelled)

    def waits(method: Callable[[BackgroundBackup], None]) -> Callable[[BackgroundBackup], None]:
        def closing_then(backup: BackgroundBackup) -> None:
            if backup.running():
                closing.set()
            method(backup)

        return closing_then

    monkeypatch.setattr(backups, "_copy_into_file", copy_once_closing)
    monkeypatch.setattr(BackgroundBackup, "stop", waits(BackgroundBackup.stop))
    monkeypatch.setattr(BackgroundBackup, "finish", waits(BackgroundBackup.finish))
    window.registry[ActionId.BACKUP_NOW].trigger()
    assert copying.wait(timeout=5)

    window.close()

    assert sorted(b.reason for b in backups.list_backups(path)) == ["auto", "manual"]


def test_a_refresh_that_changes_no_article_leaves_the_list_as_it_is(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The window refreshes the article list whenever another connection saved (each
    part of a background import, each save a read-only window follows): every refresh
    reset the list, which measured every wrapped title again, 90 ms for 5,000 articles."""
    from PySide6.QtWidgets import QApplication, QStyledItemDelegate

    for n in range(30):
        seeded_desk.importer.import_text(f"Town {n} built {n + 2} bridges, the mayor said.")
    window = make_window(seeded_desk)
    measured = 0

    class Counting(QStyledItemDelegate):
        def sizeHint(self, option: Any, index: Any) -> Any:
            nonlocal measured
            measured += 1
            return super().sizeHint(option, index)

    window.article_list.setItemDelegate(Counting(window.article_list))
    QApplication.processEvents()
    resets: list[bool] = []
    window.article_model.modelReset.connect(lambda: resets.append(True))
    measured = 0

    window.reload_articles()  # nothing changed
    QApplication.processEvents()
    assert resets == []
    assert measured < window.article_model.rowCount()  # the rows painted, not all 31

    new = seeded_desk.importer.import_text("Nobody in town 99 built a bridge, they said.")
    window.reload_articles()  # one more article, at the end of the list
    QApplication.processEvents()
    assert resets == []
    assert window.article_model.rowCount() == 32
    assert window.article_model.article_at(31).id == new.article_id
