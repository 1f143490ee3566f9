"""Who is reviewing (asked once, Preferences) and Review → Agreement in the window
(issue 16). Dialogs are patched; the agreement is measured on hand-computed cases."""

from __future__ import annotations

import pwd
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from factcheck_app import config
from factcheck_app.domain.models import Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.agreement_panel import AgreementPanel, DisagreementModel, PairTableModel
from factcheck_app.gui.app import CLOSING_ON_SIGNAL
from factcheck_app.gui.dialogs.reviewer_name import ReviewerNameDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services import identity
from factcheck_app.services.agreement import load_agreement
from factcheck_app.services.desk import Desk
from tests.gui.conftest import app_font, closing_on_signal
from tests.team_support import CASES, give_case, give_versions, sentence_ids

C = Tag.CLAIM
SEED_FILE = next(config.seed_dir().glob("*.txt"))


def one_disagreement(desk: Desk) -> list[int]:
    """The service test's third case: tag kappa 0.844 over 10, verdict 0.667 over 5."""
    return give_case(desk, "one disagreement")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user with no stored name and no FACTCHECK_REVIEWER: a first start."""
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("FACTCHECK_REVIEWER", raising=False)
    monkeypatch.setattr(identity, "os_full_name", lambda: "Account Name")
    return tmp_path


def answer(monkeypatch: pytest.MonkeyPatch, name: str | None, initials: str = "") -> list[str]:
    """Patch the name dialog: type `name` (and initials) and press OK, or Cancel (None).
    Returns the names it was opened with."""
    opened: list[str] = []

    def exec_(dialog: ReviewerNameDialog) -> int:
        opened.append(dialog.name_edit.text())
        if name is None:
            dialog.reject()
            return 0
        dialog.name_edit.setText(name)
        dialog.name_edit.textEdited.emit(name)
        if initials:
            dialog.initials_edit.setText(initials)
            dialog.initials_edit.textEdited.emit(initials)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(ReviewerNameDialog, "exec", exec_)
    return opened


def test_a_first_start_asks_once_prefilled_with_the_account_name(
    home: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    opened = answer(monkeypatch, "Priya Natarajan")
    window.team.ask_reviewer_once()
    assert opened == ["Account Name"]
    assert identity.stored_reviewer() == identity.Reviewer("Priya Natarajan", "PN")
    assert window.desk.reviewer == "Priya Natarajan"
    ids = sentence_ids(window.desk)
    window.desk.reviews.set_tag(ids[0], Tag.CLAIM)
    assert window.desk.repo.history.history_since(0)[0]["actor"] == "Priya Natarajan"
    window.team.ask_reviewer_once()  # asked once: not again
    assert opened == ["Account Name"]


def test_closing_the_first_question_keeps_the_account_name(
    home: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    opened = answer(monkeypatch, None)
    window.team.ask_reviewer_once()
    assert identity.stored_reviewer() == identity.Reviewer("Account Name", "AN")
    window.team.ask_reviewer_once()
    assert opened == ["Account Name"]


def test_closing_the_first_question_keeps_the_name_another_window_was_given(
    home: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """Two first starts at once (a double-click twice on the desktop icon): both windows
    ask. The newcomer typed her name in one, then pressed Esc on the other question: the
    account's name was written over hers, and every edit from then on carried it."""

    def other_window_answers_then_esc(dialog: ReviewerNameDialog) -> int:
        identity.save_reviewer(identity.Reviewer("Priya Natarajan", "PN"))  # the other one
        dialog.reject()
        return 0

    monkeypatch.setattr(ReviewerNameDialog, "exec", other_window_answers_then_esc)
    window.team.ask_reviewer_once()
    assert identity.stored_reviewer() == identity.Reviewer("Priya Natarajan", "PN")
    assert window.desk.reviewer == "Priya Natarajan"
    assert "Edits are recorded as Priya Natarajan (PN)" in window.statusBar().currentMessage()
    window.desk.reviews.set_tag(sentence_ids(window.desk)[0], Tag.CLAIM)
    assert window.desk.repo.history.history_since(0)[-1]["actor"] == "Priya Natarajan"


def test_enter_on_the_first_question_keeps_the_name_another_window_was_just_given(
    home: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """Two first starts at once: the newcomer typed her name in one window, then pressed
    Enter on the other's question, still offering the account's name it was opened
    with. The account's name was saved over hers, and the next start used it."""

    def other_window_answers_then_enter(dialog: ReviewerNameDialog) -> int:
        identity.save_reviewer(identity.Reviewer("Priya Natarajan", "PN"))  # the other one
        dialog.accept()  # "Account Name", as offered
        return int(dialog.result())

    monkeypatch.setattr(ReviewerNameDialog, "exec", other_window_answers_then_enter)
    window.team.ask_reviewer_once()
    assert identity.stored_reviewer() == identity.Reviewer("Priya Natarajan", "PN")
    assert window.desk.reviewer == "Priya Natarajan"
    said = window.statusBar().currentMessage()
    assert "Edits are recorded as Priya Natarajan (PN)" in said
    # She pressed OK on "Account Name" (she may have meant it): the line says why another
    # name stands and how to take the one she accepted.
    assert "given in the other window" in said and "Edit → Preferences…" in said


def test_a_name_given_in_another_window_while_this_one_opened_records_its_edits(
    home: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """Two first starts at once, this window opening another workspace (a colleague's
    file double-clicked) slowly: its workspace took the account's name as it opened,
    the newcomer then answered the other window's question, and this one, finding a
    name stored, did not ask. Every edit here went on under the account's name."""
    opened = answer(monkeypatch, "Someone Else")
    assert window.desk.reviewer == "Account Name"  # what the open read
    identity.save_reviewer(identity.Reviewer("Priya Natarajan", "PN"))  # the other window
    window.team.ask_reviewer_once()
    assert opened == []  # not asked: she answered already
    assert window.desk.reviewer == "Priya Natarajan"
    window.desk.reviews.set_tag(sentence_ids(window.desk)[0], Tag.CLAIM)
    assert window.desk.repo.history.history_since(0)[-1]["actor"] == "Priya Natarajan"


def test_logging_out_while_the_first_question_is_open_asks_again_next_start(
    home: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """The first start's question open (the name half typed, or not yet looked at) when
    the session ends (logging out, shutting down, Ctrl+C in the terminal): closing it
    was taken for Esc, and the account's name saved as the answer. The next start never
    asked, and every edit from then on carried the account's name."""

    def session_ends(dialog: ReviewerNameDialog) -> int:
        dialog.name_edit.setText("Priya Nat")
        QApplication.instance().setProperty(CLOSING_ON_SIGNAL, True)  # the signal's handler
        dialog.reject()  # what its closeAllWindows does to the question
        return 0

    monkeypatch.setattr(ReviewerNameDialog, "exec", session_ends)
    with closing_on_signal() as app:
        app.setProperty(CLOSING_ON_SIGNAL, False)  # not yet: it comes while the desk asks
        window.team.ask_reviewer_once()
    assert identity.stored_reviewer() is None  # asked again at the next start
    opened = answer(monkeypatch, "Priya Natarajan")
    window.team.ask_reviewer_once()
    assert opened == ["Account Name"]
    assert identity.stored_reviewer() == identity.Reviewer("Priya Natarajan", "PN")


def test_the_environment_names_the_reviewer_without_asking(
    monkeypatch: pytest.MonkeyPatch, home: Path, window: MainWindow
) -> None:
    monkeypatch.setenv("FACTCHECK_REVIEWER", "Desk Robot")
    opened = answer(monkeypatch, "Nobody")
    window.team.ask_reviewer_once()
    assert opened == [] and identity.stored_reviewer() is None


def test_preferences_change_the_name_for_the_next_edits(
    home: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    identity.save_reviewer(identity.Reviewer("Priya Natarajan", "PN"))
    opened = answer(monkeypatch, "Max Olsen", "MO")
    window.registry[ActionId.PREFERENCES].trigger()
    assert opened == ["Priya Natarajan"]
    assert identity.stored_reviewer() == identity.Reviewer("Max Olsen", "MO")
    assert window.desk.reviewer == "Max Olsen"
    assert "Max Olsen (MO)" in window.statusBar().currentMessage()


def test_preferences_say_the_environment_name_comes_back_at_the_next_start(
    home: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """FACTCHECK_REVIEWER outranks the stored name: a name changed in Preferences holds
    only until the desk closes, and the journalist is told so before and after."""
    monkeypatch.setenv("FACTCHECK_REVIEWER", "Desk Robot")
    intros: list[str] = []
    answer(monkeypatch, "Max Olsen", "MO")
    shown = ReviewerNameDialog.exec

    def exec_(dialog: ReviewerNameDialog) -> int:
        intros.append(dialog.findChild(QLabel, "reviewerNameIntro").text())
        return shown(dialog)

    monkeypatch.setattr(ReviewerNameDialog, "exec", exec_)
    window.registry[ActionId.PREFERENCES].trigger()
    assert window.desk.reviewer == "Max Olsen"
    (intro,) = intros
    assert "FACTCHECK_REVIEWER" in intro and "Desk Robot" in intro
    message = window.statusBar().currentMessage()
    assert "Max Olsen (MO)" in message
    assert "Desk Robot" in message and "next start" in message
    assert identity.current_reviewer() == "Desk Robot"  # what the next start will use


@pytest.mark.parametrize("why", ["environment names another", "name not kept"])
def test_a_name_given_in_preferences_holds_in_the_next_workspace_opened(
    why: str, home: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """Preferences said "Edits are recorded as Max Olsen until the desk closes" (the
    environment names another reviewer) or "… but your name could not be kept for the
    next start" (the data folder could not be written). File → Open Workspace… read the
    name afresh for the workspace it opened: the next edits, and sign-offs, went under
    the environment's or the account's name in the same session, without a word."""
    if why == "environment names another":
        monkeypatch.setenv("FACTCHECK_REVIEWER", "Desk Robot")
    else:
        blocker = home / "a-file"
        blocker.write_text("not a folder", encoding="utf-8")
        monkeypatch.setenv("FACTCHECK_DATA_DIR", str(blocker / "data"))  # cannot be written
    answer(monkeypatch, "Max Olsen", "MO")
    window.registry[ActionId.PREFERENCES].trigger()
    assert window.desk.reviewer == "Max Olsen"
    other = home / "other.fcdesk"
    made = Desk.open(other, backup=False)
    made.importer.import_file(SEED_FILE)
    made.close()
    window.workspace.switch_workspace(other)
    assert window.desk.path == other
    assert window.desk.reviewer == "Max Olsen"
    window.desk.reviews.set_tag(sentence_ids(window.desk)[0], Tag.CLAIM)
    assert window.desk.repo.history.history_since(0)[-1]["actor"] == "Max Olsen"


def test_a_read_only_name_file_leaves_preferences_working(
    home: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """reviewer.json made read-only (by hand, or a locked-down desktop's policy): OK in
    Preferences ended in the "Something went wrong … ExportRefused" box, and the edits
    went on under the old name. Now the new name records the edits, and the status
    line says it is not kept and which name the next start uses."""
    identity.save_reviewer(identity.Reviewer("Priya Natarajan", "PN"))
    identity.identity_file().chmod(0o444)
    answer(monkeypatch, "Max Olsen", "MO")
    window.registry[ActionId.PREFERENCES].trigger()
    assert window.desk.reviewer == "Max Olsen"
    message = window.statusBar().currentMessage()
    assert "Edits are recorded as Max Olsen (MO)" in message
    assert "could not be kept" in message and "Priya Natarajan" in message
    assert identity.stored_reviewer() == identity.Reviewer("Priya Natarajan", "PN")


def test_a_first_start_over_a_name_file_linked_to_itself_records_the_typed_name(
    home: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """reviewer.json a link leading back to itself: OK at the first question ended in the
    crash box (a RuntimeError), and every edit went on under the account's name."""
    link = identity.identity_file()
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(link.name)
    answer(monkeypatch, "Priya Natarajan")
    window.team.ask_reviewer_once()
    assert window.desk.reviewer == "Priya Natarajan"
    message = window.statusBar().currentMessage()
    assert "Edits are recorded as Priya Natarajan (PN)" in message
    assert "could not be kept" in message and "ask again" in message


def test_a_right_to_left_name_keeps_its_place_in_the_status_line(
    home: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """An Arabic name took its initials and the full stop into its own right-to-left
    run: "Edits are recorded as محمد الأحمد (ما)." showed the initials before the name.
    Set apart (first-strong isolates, as an article's title is), each keeps its place."""
    name = "\u0645\u062d\u0645\u062f \u0627\u0644\u0623\u062d\u0645\u062f"
    answer(monkeypatch, name)
    window.registry[ActionId.PREFERENCES].trigger()
    assert window.desk.reviewer == name
    initials = identity.initials_of(name)
    assert window.statusBar().currentMessage() == (
        f"Edits are recorded as \u2068{name}\u2069 (\u2068{initials}\u2069)."
    )


@pytest.mark.parametrize("stored", [None, "Priya Natarajan"])
def test_a_name_not_kept_on_a_computer_naming_another_says_that_name_comes_back(
    stored: str | None, home: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """A locked-down newsroom computer: FACTCHECK_REVIEWER names "Desk Robot" and the name
    file cannot be written. The status line said the next start "records them as Priya
    Natarajan again" (the file's name) or that "the desk will ask again then": neither
    happens, the variable outranks the file and the desk does not ask under it."""
    monkeypatch.setenv("FACTCHECK_REVIEWER", "Desk Robot")
    if stored is None:
        blocker = home / "a-file"
        blocker.write_text("not a folder", encoding="utf-8")
        monkeypatch.setenv("FACTCHECK_DATA_DIR", str(blocker / "data"))  # cannot be written
    else:
        identity.save_reviewer(identity.Reviewer(stored, "PN"))
        identity.identity_file().chmod(0o444)
    answer(monkeypatch, "Max Olsen", "MO")
    window.registry[ActionId.PREFERENCES].trigger()
    assert window.desk.reviewer == "Max Olsen"
    message = window.statusBar().currentMessage()
    assert "Max Olsen" in message and "could not be kept" in message
    assert "Desk Robot" in message  # what the next start uses
    assert "ask again" not in message and "Priya" not in message
    assert identity.current_reviewer() == "Desk Robot"


def test_the_name_dialog_refuses_an_empty_name_in_words(qtbot: QtBot, home: Path) -> None:
    dialog = ReviewerNameDialog("Ana Ruiz", "AR", first_start=False)
    qtbot.add_widget(dialog)
    assert dialog.initials_edit.text() == "AR"
    dialog.name_edit.setText("Jean-Luc Picard")
    dialog.name_edit.textEdited.emit("Jean-Luc Picard")
    assert dialog.initials_edit.text() == "JLP"  # initials follow the name until typed
    dialog.name_edit.setText("   ")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.error_label.isHidden()
    assert "Type the reviewer's name" in dialog.error_label.text()


def test_the_agreement_models(qtmodeltester: ModelTester, seeded_desk: Desk) -> None:
    one_disagreement(seeded_desk)
    (pair,) = load_agreement(seeded_desk).workspace
    pairs = PairTableModel()
    pairs.set_pairs([pair])
    qtmodeltester.check(pairs)
    cells = [pairs.index(0, c).data() for c in range(pairs.columnCount())]
    assert cells == ["Ana and Ben", "10", "0.900", "0.844", "5", "0.800", "0.667"]
    rows = DisagreementModel()
    rows.set_disagreements(pair, {1: "The sample"})
    qtmodeltester.check(rows)
    assert [rows.headerData(c, Qt.Orientation.Horizontal) for c in (2, 3)] == ["Ana", "Ben"]
    assert [rows.index(r, 1).data() for r in range(rows.rowCount())] == ["tag", "verdict"]
    assert [rows.index(1, c).data() for c in (0, 2, 3, 5)] == ["5", "Mixed", "False", "The sample"]


def open_agreement(qtbot: QtBot, window: MainWindow) -> AgreementPanel:
    window.registry[ActionId.AGREEMENT].trigger()
    panel = window.team.panel
    assert panel is not None and panel.isVisible()
    qtbot.waitUntil(lambda: panel.pair_model.rowCount() > 0 or bool(panel.state_label.text()))
    qtbot.waitUntil(lambda: panel.refresh_button.isEnabled())
    return panel


@pytest.mark.parametrize("case", list(CASES))
def test_the_panel_shows_each_hand_computed_case(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow], case: str
) -> None:
    give_case(seeded_desk, case)
    window = make_window(seeded_desk)
    panel = open_agreement(qtbot, window)
    model = panel.pair_model
    assert [model.index(0, c).data() for c in range(7)] == ["Ana and Ben", *CASES[case][2]]


def test_the_panel_shows_the_cases_and_enter_goes_to_a_disagreement(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    ids = one_disagreement(seeded_desk)
    window = make_window(seeded_desk)
    panel = open_agreement(qtbot, window)
    model = panel.pair_model
    assert [model.index(0, c).data() for c in range(7)] == [
        "Ana and Ben",
        "10",
        "0.900",
        "0.844",
        "5",
        "0.800",
        "0.667",
    ]
    assert panel.scope_box.itemText(0) == "Whole workspace"
    assert panel.scope_box.count() == 2  # the workspace, and the one article with a pair
    view = panel.disagreement_view
    assert panel.disagreement_model.rowCount() == 2
    assert window.current_sentence_id() != ids[4]
    view.setFocus()
    view.setCurrentIndex(panel.disagreement_model.index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.current_sentence_id() == ids[4]


def test_enter_on_a_disagreement_keeps_the_panel_and_its_place(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Enter on a disagreement shows its sentence, and that is all: Refresh was the
    panel's default button, so Enter also measured the workspace again, which put the
    list back at its top (↓ Enter ↓ Enter showed the first disagreements over and over)."""
    ids = one_disagreement(seeded_desk)
    window = make_window(seeded_desk)
    panel = open_agreement(qtbot, window)
    refreshed: list[bool] = []
    panel.refresh_requested.connect(lambda: refreshed.append(True))
    view = panel.disagreement_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.current_sentence_id() == ids[4]
    assert (refreshed, panel.isVisible(), view.currentIndex().row()) == ([], True, 1)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not panel.isVisible()


def _row_on_screen(window: MainWindow) -> QRect:
    """Where the sentence list shows its current row, on the screen."""
    view = window.sentence_view
    cell = view.visualRect(view.currentIndex())
    row = QRect(0, cell.y(), view.viewport().width(), cell.height())
    row = row.intersected(view.viewport().rect())
    return QRect(view.viewport().mapToGlobal(row.topLeft()), row.size())


def test_enter_on_a_disagreement_shows_its_sentence_in_front_with_the_keys(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """At 1024×640 the panel covers most of the window: Enter chose the sentence behind
    it, and the keys stayed in the panel. The window now comes to the front with the
    keys in the sentence list, the panel out of its way; Review → Agreement brings the
    panel back where it was, for the next disagreement."""
    ids = one_disagreement(seeded_desk)
    window = make_window(seeded_desk)
    window.resize(984, 580)  # a 1024×640 screen's window, as it opens there
    panel = open_agreement(qtbot, window)
    view = panel.disagreement_view
    panel.activateWindow()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.current_sentence_id() == ids[4]
    row = _row_on_screen(window)
    assert not row.isEmpty()  # scrolled into the list's sight
    assert not (panel.isVisible() and panel.frameGeometry().intersects(row))
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert QApplication.focusWidget() is window.sentence_view
    assert "Review → Agreement" in window.statusBar().currentMessage()
    panel = open_agreement(qtbot, window)
    assert panel.disagreement_view.currentIndex().row() == 1  # where it was


def test_the_panel_says_when_nobody_shares_a_sentence(qtbot: QtBot, window: MainWindow) -> None:
    panel = open_agreement(qtbot, window)
    assert panel.pair_model.rowCount() == 0
    assert "No two reviewers" in panel.state_label.text()
    assert panel.state_label.isVisible()  # hidden only while it says nothing


def test_refresh_shows_a_new_reviewer(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    one_disagreement(seeded_desk)
    window = make_window(seeded_desk)
    panel = open_agreement(qtbot, window)
    give_versions(seeded_desk, "Cy", {sentence_ids(seeded_desk)[0]: (C, "true")})
    panel.refresh_button.click()
    qtbot.waitUntil(lambda: panel.pair_model.rowCount() == 3)
    assert [panel.pair_model.index(r, 0).data() for r in range(3)] == [
        "Ana and Ben",
        "Ana and Cy",
        "Ben and Cy",
    ]
    QApplication.processEvents()


def test_one_click_on_a_disagreement_shows_its_sentence(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    ids = give_case(seeded_desk, "chance")  # they differ on the second and third sentences
    window = make_window(seeded_desk)
    panel = open_agreement(qtbot, window)
    rows = panel.disagreement_model
    numbers = [rows.index(r, 0).data() for r in range(rows.rowCount())]
    assert numbers == ["2", "2", "3", "3"]  # the tag and the verdict of each
    view = panel.disagreement_view
    third = rows.index(2, 4)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(third).center()
    )
    assert window.current_sentence_id() == ids[2]


@pytest.mark.usefixtures("large_font")
def test_the_panel_shows_every_pairs_figure_at_16_pt_on_a_1024x640_screen(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 16 pt the panel kept its 820 px on a 1024-px screen: the verdict's agreement and
    kappa, what an editor opens it for, were past the pairs table's right edge, behind a
    scroll bar (that also took the room of a second pair); the names, cut to make room for
    them, were nowhere whole."""
    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    one_disagreement(seeded_desk)
    window = make_window(seeded_desk)
    panel = open_agreement(qtbot, window)
    QApplication.processEvents()
    view = panel.pair_view
    assert view.horizontalScrollBar().maximum() == 0  # every column in sight
    for column in range(1, panel.pair_model.columnCount()):
        assert view.viewport().rect().contains(view.visualRect(panel.pair_model.index(0, column)))
    # The names give way to the figures ("Ana an…"): whole in the tooltip.
    tooltip = panel.pair_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Ana and Ben: 2 disagreements" in tooltip
    assert panel.width() <= room.width() - 40  # room for its frame, as every dialog


def whole_rows(view: QTableView) -> int:
    """How many rows `view` shows whole, from its top."""
    height = view.viewport().height()
    return sum(
        1
        for row in range(view.model().rowCount())
        if 0 <= view.rowViewportPosition(row) <= height - view.rowHeight(row)
    )


def test_the_panel_shows_several_pairs_and_disagreements_at_16_pt_on_a_1024x640_screen(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 16 pt the pairs table kept the 140 px it has at 9 pt: its heading, its header and
    one pair. With six reviewers an editor saw one pair of fifteen at a time, and the
    arrow keys were the only way to compare them."""
    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    with app_font(16):
        ids = sentence_ids(seeded_desk)[:6]
        for number in range(6):
            tags = [C if (number + i) % 2 else Tag.FACT for i in range(len(ids))]
            give_versions(
                seeded_desk,
                f"Reviewer {number}",
                {i: (t, None) for i, t in zip(ids, tags, strict=True)},
            )
        window = make_window(seeded_desk)
        panel = open_agreement(qtbot, window)
        QApplication.processEvents()
        assert panel.pair_model.rowCount() == 15
        assert whole_rows(panel.pair_view) >= 3
        assert panel.disagreement_model.rowCount() == 6
        assert whole_rows(panel.disagreement_view) >= 3


def test_long_reviewer_names_leave_the_disagreements_their_sentence_on_a_1024x640_screen(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each reviewer's label column was as wide as the name above it: two names of the
    80 characters the desk allows put the Sentence column past the panel's edge, behind
    a scroll bar, at 1024×640, and an editor read "True | False" without the sentence.
    The names give way (whole in the column title's tooltip), as in the pairs table."""
    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    first = ("Maximiliana Okonkwo-Featherstonehaugh " * 3)[: identity.MAX_NAME].strip()
    second = ("فاطمة الزهراء بنت عبد الرحمن " * 4)[: identity.MAX_NAME].strip()
    ids = sentence_ids(seeded_desk)[:2]
    give_versions(seeded_desk, first, {ids[0]: (C, "true"), ids[1]: (C, "false")})
    give_versions(seeded_desk, second, {ids[0]: (C, "false"), ids[1]: (Tag.FACT, None)})
    window = make_window(seeded_desk)
    panel = open_agreement(qtbot, window)
    QApplication.processEvents()
    view = panel.disagreement_view
    assert panel.disagreement_model.rowCount() == 2
    sentence = view.columnViewportPosition(4), view.columnWidth(4)
    letters = view.fontMetrics().averageCharWidth()
    assert sentence[0] >= 0 and sentence[0] + 30 * letters <= view.viewport().width()
    assert sentence[1] >= 30 * letters
    model = panel.disagreement_model
    tips = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) for c in (2, 3)
    ]
    assert sorted(tips) == sorted([first, second])


@pytest.mark.parametrize("points", [9, 16])
def test_a_name_of_common_length_stays_whole_above_its_labels(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    points: int,
) -> None:
    """The room of 18 characters a name has above its labels went partly to the column
    title's margins: a name of 16 ("Anastasia Okafor") ran into its column's edges, one of
    17 ("Maximilian Wagner") read "Maximilian Wa…", the sentence having room to spare.
    The name has its 18 characters and the title its margins."""
    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    with app_font(points):
        ids = sentence_ids(seeded_desk)[:2]
        give_versions(seeded_desk, "Anastasia Okafor", {ids[0]: (C, "true")})
        give_versions(seeded_desk, "Wilhelmina Moor", {ids[0]: (C, "false")})
        window = make_window(seeded_desk)
        panel = open_agreement(qtbot, window)
        QApplication.processEvents()
        view = panel.disagreement_view
        header = view.horizontalHeader()
        for column in (2, 3):
            assert view.columnWidth(column) >= header.sectionSizeHint(column)


LONG_NAME = (
    "Maria Fernanda de los Ángeles Gutiérrez-Villanueva y Castellanos de la Santísima Trinidad"
)
ACCOUNT_NAME = identity.os_full_name  # the real one, read before `home` patches it


def account(full_name: str) -> pwd.struct_passwd:
    return pwd.struct_passwd(("maria", "x", 1000, 1000, full_name, "/home/maria", "/bin/sh"))


def test_closing_the_first_question_keeps_a_long_account_name_as_edits_carry_it(
    home: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """An account name over 80 characters: Esc at the first question kept nothing and
    said nothing, while edits carried the whole name — one person under two names for
    conflicts and sign-off. Now one name, capped, is kept, carried and said."""
    monkeypatch.setattr(identity, "os_full_name", ACCOUNT_NAME)
    monkeypatch.setattr(pwd, "getpwuid", lambda _uid: account(LONG_NAME))
    capped = LONG_NAME[: identity.MAX_NAME].rstrip()
    window.desk.set_reviewer(identity.current_reviewer())  # as the desk opened with it
    answer(monkeypatch, None)
    window.team.ask_reviewer_once()
    stored = identity.stored_reviewer()
    assert stored is not None and stored.name == capped
    assert window.desk.reviewer == capped
    window.desk.reviews.set_tag(sentence_ids(window.desk)[0], Tag.CLAIM)
    assert window.desk.repo.history.history_since(0)[-1]["actor"] == capped
    assert capped in window.statusBar().currentMessage()


def test_a_name_pasted_too_long_is_cut_and_the_box_says_so(qtbot: QtBot) -> None:
    """Qt's length limit cut a pasted name at 80 characters without a word."""
    dialog = ReviewerNameDialog("", "", first_start=True)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.clipboard().setText(LONG_NAME)
    dialog.name_edit.setFocus()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.name_edit.text() == LONG_NAME[: identity.MAX_NAME]
    said = dialog.error_label.text()
    assert dialog.error_label.isVisible() and str(identity.MAX_NAME) in said and "cut" in said
    dialog.accept()  # the cut name is one the desk keeps
    assert dialog.reviewer is not None
    assert dialog.reviewer.name == LONG_NAME[: identity.MAX_NAME].rstrip()


def test_a_long_name_pasted_with_emoji_leaves_the_cursor_after_what_was_kept(
    qtbot: QtBot,
) -> None:
    """Qt counts the cursor in UTF-16 units and the cut in characters: a name of emoji
    and letters pasted over the cap left the cursor part-way along the kept name (or
    inside an emoji's pair of units), not at its end where the paste ended."""
    dialog = ReviewerNameDialog("", "", first_start=True)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    name = "🦉 " * 30 + "Ana Ruiz de la Fuente Echeverría"  # 92 characters, 122 units
    QApplication.clipboard().setText(name)
    dialog.name_edit.setFocus()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    kept = name[: identity.MAX_NAME]
    assert dialog.name_edit.text() == kept
    assert dialog.name_edit.cursorPosition() == len(kept.encode("utf-16-le")) // 2
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Backspace)  # takes the last kept letter
    assert dialog.name_edit.text() == kept[:-1]


def _bring_forward(qtbot: QtBot, window: MainWindow) -> None:
    """The reviewer goes back to `window` from another: it is activated again (the
    event the desktop's activation brings; the offscreen platform sends none)."""
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))


def test_a_name_changed_in_another_window_is_this_windows_when_it_is_back_in_front(
    home: Path, qtbot: QtBot, window: MainWindow
) -> None:
    """Two windows open (two workspaces), the name corrected in one's Preferences ("Ana
    Rui" → "Ana Ruiz"): the other went on recording every edit as "Ana Rui" until it was
    closed, while its own Preferences showed "Ana Ruiz", so a look there said all was well.
    Brought back to the front, it takes the name saved and says so."""
    identity.save_reviewer(identity.Reviewer("Ana Rui", "AR"))
    window.desk.set_reviewer("Ana Rui")  # as it opened, reading the name saved
    _bring_forward(qtbot, window)
    assert window.desk.reviewer == "Ana Rui"
    identity.save_reviewer(identity.Reviewer("Ana Ruiz", "AR"))  # Preferences elsewhere
    _bring_forward(qtbot, window)
    assert window.desk.reviewer == "Ana Ruiz"
    assert window.desk.edits.actor == "Ana Ruiz"
    said = window.statusBar().currentMessage()
    assert "Ana Ruiz (AR)" in said and "another window" in said


def test_a_name_given_by_the_environment_is_not_replaced_from_another_window(
    home: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """FACTCHECK_REVIEWER outranks the stored name: another window's Preferences saving
    one changes nothing here."""
    monkeypatch.setenv("FACTCHECK_REVIEWER", "Desk Three")
    window.desk.set_reviewer("Desk Three")
    identity.save_reviewer(identity.Reviewer("Ana Ruiz", "AR"))
    _bring_forward(qtbot, window)
    assert window.desk.reviewer == "Desk Three"


def test_esc_after_typing_a_name_in_preferences_asks_before_dropping_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name pasted too long, cut, the reason in red under it: Esc, the reflex to dismiss
    a message, closed Preferences and dropped the name typed without a word, where every
    other dialog asks first ("Close without keeping what you typed here?")."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    monkeypatch.setattr(
        "factcheck_app.gui.dialogs.form_parts.ask",
        lambda *args, **kwargs: asked.append(str(args[2])) or QMessageBox.StandardButton.Cancel,
    )
    dialog = ReviewerNameDialog("Ana Rui", "AR", first_start=False)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)  # nothing typed: closes, unasked
    assert asked == [] and not dialog.isVisible()
    dialog = ReviewerNameDialog("Ana Rui", "AR", first_start=False)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name_edit.end(False)
    qtbot.keyClicks(dialog.name_edit, "z")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert asked == ["Close without keeping what you typed here?"]
    assert dialog.isVisible() and dialog.name_edit.text() == "Ana Ruiz"  # Keep Editing


def test_a_full_name_pasted_into_initials_is_not_cut_without_a_word(qtbot: QtBot) -> None:
    """The name pasted into Initials by mistake ("Ana Ruiz"): the field's 4-character
    limit kept "Ana " without a word, and OK recorded "Ana" as her initials. It is cut
    as a name too long is, and the reason says so."""
    dialog = ReviewerNameDialog("Ana Ruiz", "AR", first_start=False)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.initials_edit.selectAll()
    QApplication.clipboard().setText("Ana Ruiz")
    dialog.initials_edit.paste()
    assert dialog.error_label.isVisible()
    assert "at most 4" in dialog.error_label.text()
    assert dialog.initials_edit.hasFocus() or dialog.focusWidget() is dialog.initials_edit


def test_initials_typed_with_spaces_are_not_cut_as_too_long(home: Path, qtbot: QtBot) -> None:
    """ "J L P" typed into Initials: five characters, three letters, and the desk records
    "JLP" (spaces go). The field cut it to "J L " and said "at most 4 letters", and OK
    recorded "JL". Counted as the desk counts them, they are kept; a fifth letter is cut."""
    dialog = ReviewerNameDialog("Jean-Luc Picard", "JLP", first_start=False)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.initials_edit.selectAll()
    qtbot.keyClicks(dialog.initials_edit, "J L P")
    assert dialog.initials_edit.text() == "J L P"
    assert not dialog.error_label.isVisible()
    qtbot.keyClicks(dialog.initials_edit, " Q X")
    assert dialog.initials_edit.text() == "J L P Q"
    assert "at most 4" in dialog.error_label.text()
    dialog.accept()
    assert dialog.reviewer == identity.Reviewer("Jean-Luc Picard", "JLPQ")


def test_preferences_taken_untouched_keep_the_name_another_window_saved_meanwhile(
    home: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """Preferences open in this window ("Ana Rui"), the name corrected to "Ana Ruiz" in the
    other window's, then Enter here on the old name as it was shown: "Ana Rui" was saved
    over the correction, and the other window, back in front, took it too ("your name
    was changed in another window"). Untouched here, the name saved meanwhile stands."""
    identity.save_reviewer(identity.Reviewer("Ana Rui", "AR"))
    window.desk.set_reviewer("Ana Rui")

    def other_window_corrects_then_enter(dialog: ReviewerNameDialog) -> int:
        identity.save_reviewer(identity.Reviewer("Ana Ruiz", "AR"))  # the other window
        dialog.accept()  # "Ana Rui", as it was shown
        return int(dialog.result())

    monkeypatch.setattr(ReviewerNameDialog, "exec", other_window_corrects_then_enter)
    window.team.edit_preferences()
    assert identity.stored_reviewer() == identity.Reviewer("Ana Ruiz", "AR")
    assert window.desk.reviewer == "Ana Ruiz"
    assert "Edits are recorded as Ana Ruiz (AR)" in window.statusBar().currentMessage()
    # A name typed here is this reviewer's choice, the later one: it is saved.
    answer(monkeypatch, "Ana María Ruiz", "AMR")
    window.team.edit_preferences()
    assert identity.stored_reviewer() == identity.Reviewer("Ana María Ruiz", "AMR")


def test_a_damaged_name_file_is_warned_of_once_not_at_every_return_to_the_window(
    home: Path, qtbot: QtBot, window: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    """A damaged reviewer.json wrote "Ignoring the reviewer file" into the log each time
    the window came back to the front (every Alt+Tab), hundreds of lines a day that
    buried the ones IT looks for. Once per damage: again only when the file changes."""
    path = identity.identity_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"name": "Ana Ru', encoding="utf-8")  # cut off by a full disk

    def warnings() -> int:
        return sum("Ignoring the reviewer file" in r.getMessage() for r in caplog.records)

    caplog.set_level("WARNING", logger=identity.logger.name)
    for _ in range(5):
        _bring_forward(qtbot, window)
    assert warnings() == 1
    path.write_text("[]", encoding="utf-8")  # damaged another way: said again, once
    for _ in range(3):
        _bring_forward(qtbot, window)
    assert warnings() == 2
    identity.save_reviewer(identity.Reviewer("Ana Ruiz", "AR"))  # mended
    _bring_forward(qtbot, window)
    assert window.desk.reviewer == "Ana Ruiz"
    path.write_text('{"name": "Ana Ru', encoding="utf-8")  # the same damage, later
    _bring_forward(qtbot, window)
    assert warnings() == 3
