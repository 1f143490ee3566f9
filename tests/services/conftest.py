"""Fixtures of the tests of a change saved meanwhile (tests/services/meanwhile_fixtures.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from factcheck_app.services.desk import Desk
from tests.services.meanwhile_fixtures import once_before

Arm = Callable[[Desk, Callable[[], None]], None]


@pytest.fixture
def between_read_and_write(monkeypatch: pytest.MonkeyPatch) -> Arm:
    """Runs `meanwhile` once, after the desk has read what it makes its step from and
    before the step's transaction begins."""
    return lambda desk, meanwhile: once_before(monkeypatch, desk.edits, "push", meanwhile)


@pytest.fixture
def between_check_and_write(monkeypatch: pytest.MonkeyPatch) -> Arm:
    """Runs `meanwhile` once, after Ctrl+Z (or Ctrl+Y) has looked whether the step may be
    undone (or redone) and before the transaction that writes it begins."""
    return lambda desk, meanwhile: once_before(monkeypatch, desk.edits, "replay", meanwhile)
