"""The window while another program holds the workspace's write transaction open (a
`sqlite3` shell left in `BEGIN IMMEDIATE;`): keys refused in words naming it, typed
text kept and saved once it is done."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.storage import workspace
from tests.conftest import SEED_FILE
from tests.gui.conftest import press
from tests.storage.test_busy_workspace import Holder, linux_only


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    monkeypatch.setattr(workspace, "BUSY_TIMEOUT_MS", 400)  # the desk waits 5 s
    made = Desk.open(tmp_path / "w.fcdesk", purpose="the desk window")
    made.importer.import_file(SEED_FILE)
    yield made
    made.close()


@linux_only
def test_keys_and_typing_while_another_program_holds_the_workspace(
    desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(desk)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    sid = window.current_sentence_id()
    assert sid is not None and desk.path is not None
    holder = Holder(desk.path)
    try:
        press(qtbot, window, "c")
        assert desk.reviews.review(sid).tag is None
        assert window.current_row() is not None and window.current_row().review.tag is None
        assert len(shown) == 1 and f"process {holder.pid} on this computer" in shown[0]
        assert "NOT saved" in shown[0]
        press(qtbot, window, "1")  # a verdict: refused too, and no move on to the next
        assert window.current_sentence_id() == sid and len(shown) == 2

        panel = window.panel
        panel.explanation_edit.setFocus()
        qtbot.keyClicks(panel.explanation_edit, "Census 2019 says otherwise")
        panel.flush_pending_text()
        assert not panel.unsaved_label.isHidden()  # said on the panel, kept in the field
        assert panel.explanation_edit.toPlainText() == "Census 2019 says otherwise"
        assert len(shown) == 3  # told once for the typing, not at each retry
        holder.let_go()
        # The panel's retry saves it once the other program is done; nothing retyped.
        qtbot.waitUntil(
            lambda: desk.reviews.review(sid).explanation == "Census 2019 says otherwise",
            timeout=15000,
        )
        qtbot.waitUntil(panel.unsaved_label.isHidden, timeout=5000)
        window.sentence_view.setFocus()
        press(qtbot, window, "c")  # and keys work again
        assert desk.reviews.review(sid).tag is Tag.CLAIM
    finally:
        holder.end()
