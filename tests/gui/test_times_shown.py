"""The review panel and the crash notice show stored times (UTC) in this computer's time
zone, the same way everywhere, and a time no zone can show never stops them."""

from __future__ import annotations

import datetime as dt
import os
import types
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.domain.history import next_entry
from factcheck_app.domain.models import Review, SignOff, SignOffDecision, Status, Tag
from factcheck_app.gui import workspace_opener
from factcheck_app.gui.history_panel import SentenceHistoryModel, sign_off_text
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.history import HistoryItem
from factcheck_app.services.session import UnconfirmedEdit
from tests.gui.conftest import press
from tests.zones import in_zone

REVIEW = Review(1, Tag.CLAIM, "false", status=Status.DONE, reviewer="Ana")


def signed_at(at: str) -> str:
    return sign_off_text(REVIEW, SignOff(1, SignOffDecision.APPROVED, "Eve", "Ana", "", at))


def history_line(at: str, reviewer: str = "Eve") -> str:
    """How the sentence's history panel shows an approval made at `at` by `reviewer`."""
    entry = next_entry(
        None,
        at=at,
        reviewer=reviewer,
        action="do",
        article_id=1,
        sentence_id=1,
        before=None,
        after=None,
        description="Approve verdict",
    )
    model = SentenceHistoryModel()
    model.set_items([HistoryItem(entry, "Approve verdict")])
    return str(model.data(model.index(0, 0)))


def test_a_sign_off_stored_without_its_offset_is_shown_as_utc_like_the_history(
    request: pytest.FixtureRequest,
) -> None:
    """A sign-off time without "+00:00" (a review file from elsewhere) was read as local
    time: in Kolkata the sign-off line said 09:12 and the history line below it, for the
    same moment, 14:42."""
    in_zone(request, "Asia/Kolkata")
    assert "on 3 Dec 2026 14:42" in signed_at("2026-12-03T09:12:00+00:00")
    assert "on 3 Dec 2026 14:42" in signed_at("2026-12-03T09:12")
    assert history_line("2026-12-03T09:12").startswith("3 Dec 2026 14:42 · Eve")


@pytest.mark.parametrize(
    ("place", "at"),
    [("America/New_York", "0001-01-01T00:00:00+00:00"), ("Asia/Kolkata", "9999-12-31T23:59:59")],
)
def test_a_time_no_zone_can_show_is_shown_in_utc(
    request: pytest.FixtureRequest, place: str, at: str
) -> None:
    """A sign-off or history entry dated year 1 or 9999 (a merged or imported file) made
    the review panel fail with "date value out of range" west or east of UTC: those
    moments have no local time there. They are shown as stored, in UTC."""
    in_zone(request, place)
    year = at[:4].lstrip("0")
    assert f"{year} " in signed_at(at) and "UTC" in signed_at(at)
    assert history_line(at).split(" · ")[0].endswith("UTC")


def test_the_crash_notice_lists_an_edit_no_zone_can_show(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit of the crashed session dated year 1 (a damaged history) made the notice
    fail with "date value out of range" in New York, over the window just opened."""
    in_zone(request, "America/New_York")
    told: list[str] = []
    monkeypatch.setattr(workspace_opener, "inform", lambda _parent, _title, text: told.append(text))
    edits = [
        UnconfirmedEdit(dt.datetime(1, 1, 1, tzinfo=dt.UTC), "Tag as Claim"),
        UnconfirmedEdit(dt.datetime(2026, 12, 3, 14, 5, tzinfo=dt.UTC), "Verdict: False"),
    ]
    desk = types.SimpleNamespace(
        unconfirmed_edits_described=lambda: edits,
        copied_while_open=False,
        cut_short_imports=[],
        cut_short_merge="",
        unclosed_without_wal=False,
        path=None,
    )
    workspace_opener.tell_unconfirmed(None, desk)  # type: ignore[arg-type]
    [text] = told
    assert "00:00 on 01 Jan: Tag as Claim" in text
    assert "09:05 on 03 Dec: Verdict: False" in text  # local time, as the notice says


def test_a_time_zone_changed_while_the_window_is_open_is_followed(
    request: pytest.FixtureRequest, window: MainWindow, qtbot: QtBot
) -> None:
    """A laptop flown from Tokyo to Honolulu sets its own zone on landing; the window,
    open all the while, showed the history (the last edits after a crash, the backups)
    in Tokyo time until the desk was quit and started again. Within its next look (each
    second) it shows them in the zone the computer is in."""
    in_zone(request, "Asia/Tokyo")
    press(qtbot, window, "c")
    stored = window.desk.history.of_sentence(window.current_sentence_id())[0].entry.at

    def shown() -> str:
        press(qtbot, window, Qt.Key.Key_Down, Qt.Key.Key_Up)  # the history shown afresh
        window.sign_off.load_history()  # as once the reviewer stops on the sentence
        model = window.panel.history_box.model
        return str(model.data(model.index(0, 0))).split(" · ")[0]

    def in_place(name: str) -> str:
        local = dt.datetime.fromisoformat(stored).astimezone(ZoneInfo(name))
        return f"{local.day} {local:%b %Y %H:%M}"

    assert shown() == in_place("Asia/Tokyo")
    os.environ["TZ"] = "Pacific/Honolulu"  # the computer's zone now (in_zone puts it back)
    window.workspace.check_outside_changes()  # the window's look, each second
    assert shown() == in_place("Pacific/Honolulu")
