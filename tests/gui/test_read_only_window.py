"""A read-only window looks read-only: a banner with the reason and the way out, and no
edit that can only fail (issue 15)."""

from __future__ import annotations

from collections.abc import Callable

from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk


def test_a_read_only_window_says_why_and_offers_no_edits(
    seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    path = seeded_desk.path
    assert path is not None
    seeded_desk.close()
    window = make_window(Desk.open(path, read_only=True))
    banner = window.read_only_banner
    assert banner.isVisibleTo(window)
    assert "read-only" in banner.text() and "export" in banner.text()
    for action_id in (
        ActionId.TAG_CLAIM,
        ActionId.VERDICT_1,
        ActionId.LINK_SOURCE,
        ActionId.MERGE_NEXT,
        ActionId.ACCEPT_SUGGESTION,
        ActionId.PASTE_ARTICLE,
    ):
        assert not window.registry[action_id].isEnabled(), action_id
    for action_id in (ActionId.NEXT_SENTENCE, ActionId.SEARCH_WORKSPACE, ActionId.EXPORT):
        assert window.registry[action_id].isEnabled(), action_id


def test_a_writable_window_has_no_banner(window: MainWindow) -> None:
    assert not window.read_only_banner.isVisibleTo(window)
    assert window.registry[ActionId.TAG_CLAIM].isEnabled()
