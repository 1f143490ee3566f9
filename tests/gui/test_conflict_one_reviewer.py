"""One reviewer's two versions made on two machines (a laptop's clock a day ahead) are a
conflict the window reaches with F8 and tells apart in the versions list at 1024×640:
the laptop's is named by its workspace file, and Keep This One makes it hers."""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Review, Status, Tag
from factcheck_app.gui.conflict_view import ConflictView
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.storage.stores import rows
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids
from tests.services.test_merge_clock_skew import ANA, DESK_FINAL, LAPTOP_LOOK, review

LAPTOPS = f"{ANA} (in laptop.fcdesk)"
REVIEWERS_DISAGREE = "Reviewers disagree on this sentence. Keep one review, or combine them:"


def _key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    focused = QApplication.focusWidget()
    assert isinstance(focused, QWidget)
    qtbot.keyClick(focused, key, modifier or Qt.KeyboardModifier.NoModifier)


def _heading(view: ConflictView) -> str:
    title = view.findChild(QLabel, "conflictTitle")
    assert isinstance(title, QLabel)
    return title.text()


def _day(moment: dt.datetime) -> str:
    local = moment.astimezone()
    return f"{local.day} {local:%b}"


def test_her_two_versions_are_reached_with_f8_told_apart_and_one_kept(
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk_ws, laptop_ws = tmp_path / "desk.fcdesk", tmp_path / "laptop.fcdesk"
    desk = open_as(desk_ws, ANA)
    article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
    s = sentence_ids(desk, article)[1]
    desk.close()
    shutil.copy(desk_ws, laptop_ws)
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    monkeypatch.setattr(rows, "CLOCK", lambda: ahead)
    review(laptop_ws, s, "true", LAPTOP_LOOK)
    monkeypatch.setattr(rows, "CLOCK", rows._system_clock)
    review(desk_ws, s, "false", DESK_FINAL)
    desk = open_as(desk_ws, ANA)
    desk.merge.merge(laptop_ws)
    try:
        window = make_window(desk)
        window.resize(1024, 640)
        _key(qtbot, Qt.Key.Key_F8)
        assert window.current_sentence_id() == s
        ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        _key(qtbot, Qt.Key.Key_D, ctrl_shift)
        view = window.panel.conflict_view
        assert view.table.hasFocus()
        # The heading says these are her own two versions, not two reviewers'.
        assert _heading(view) == (
            f"{ANA}'s two versions of this sentence differ (here and in laptop.fcdesk). "
            "Keep one, or combine them:"
        )
        names = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
        assert names == [ANA, LAPTOPS]
        _key(qtbot, Qt.Key.Key_Down)
        # The chosen version's lines say whose it is and when her laptop stamped it.
        details = view.details.toPlainText()
        assert LAPTOPS in details and LAPTOP_LOOK in details and _day(ahead) in details
        _key(qtbot, Qt.Key.Key_Return)  # Keep This One
        decided = desk.reviews.review(s)
        assert (decided.reviewer, decided.verdict, decided.status) == (ANA, "true", Status.DONE)
        assert window.sentence_view.hasFocus()
    finally:
        desk.close()


def test_the_heading_tells_her_own_versions_from_reviewers_disagreeing(qtbot: QtBot) -> None:
    view = ConflictView()
    qtbot.addWidget(view)
    ana, bob = Review(1, Tag.CLAIM, "true", reviewer=ANA), Review(1, Tag.CLAIM, "false")
    laptops = Review(1, Tag.CLAIM, "false", reviewer=LAPTOPS)
    tablets = Review(1, Tag.FACT, reviewer=f"{ANA} (in tablet.fcdesk)")
    view.show_versions(1, [ana, laptops, tablets])
    assert _heading(view) == (
        f"{ANA}'s 3 versions of this sentence differ (here, in laptop.fcdesk and "
        "in tablet.fcdesk). Keep one, or combine them:"
    )
    # With a colleague's among them, it is reviewers disagreeing again.
    view.show_versions(1, [ana, laptops, bob.edited(reviewer="Bob Lee")])
    assert _heading(view) == REVIEWERS_DISAGREE
    view.show_versions(1, [ana, bob.edited(reviewer="Bob Lee")])
    assert _heading(view) == REVIEWERS_DISAGREE


def test_the_heading_tells_her_versions_under_her_name_typed_two_ways(qtbot: QtBot) -> None:
    # "Ana Ruiz" from the window and "ana ruiz" from a script are one reviewer, as a
    # merge and sign-off take them: her own versions, not reviewers disagreeing.
    view = ConflictView()
    qtbot.addWidget(view)
    ana = Review(1, Tag.CLAIM, "true", reviewer=ANA)
    script = Review(1, Tag.CLAIM, "false", reviewer=ANA.lower())
    view.show_versions(1, [ana, script])
    assert _heading(view) == (
        f"{ANA}'s two versions of this sentence differ. “{ANA}” and "
        f"“{ANA.lower()}” are one name typed differently. Keep one, or combine them:"
    )
    # Her laptop's, named with her name written another way (a decomposed accent: one
    # character longer), is named by its file whole, not cut by the difference.
    jose = unicodedata.normalize("NFC", "José Ruiz")
    laptops = Review(
        1, Tag.FACT, reviewer=unicodedata.normalize("NFD", f"{jose} (in laptop.fcdesk)")
    )
    view.show_versions(1, [ana.edited(reviewer=jose), laptops])
    assert _heading(view) == (
        f"{jose}'s two versions of this sentence differ (here and in laptop.fcdesk). "
        "Keep one, or combine them:"
    )
    view.show_versions(
        1,
        [
            ana.edited(reviewer=unicodedata.normalize("NFD", jose)),
            laptops.edited(reviewer=f"{jose} (in laptop.fcdesk)"),
        ],
    )
    assert "(here and in laptop.fcdesk)" in _heading(view)
    # Each spelling both desks keep came from the laptop beside its own: one laptop.
    view.show_versions(
        1,
        [
            ana,
            script,
            laptops.edited(reviewer=LAPTOPS),
            laptops.edited(reviewer=f"{ANA.lower()} (in laptop.fcdesk)"),
        ],
    )
    assert _heading(view) == (
        f"{ANA}'s 4 versions of this sentence differ (here and in laptop.fcdesk). “{ANA}” "
        f"and “{ANA.lower()}” are one name typed differently. Keep one, or combine them:"
    )
