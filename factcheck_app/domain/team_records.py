"""Team review records that are not a review: an editor's sign-off of a decided verdict."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Decision(StrEnum):
    """What an editor did with a decided verdict."""

    APPROVED = "approved"
    RETURNED = "returned"


@dataclass(frozen=True, slots=True)
class SignOff:
    """An editor's approval or return (with a note) of the verdict `checker` gave."""

    sentence_id: int
    decision: Decision
    editor: str  # who approved or returned it
    checker: str  # whose verdict was signed off
    note: str
    at: str  # UTC, ISO 8601 with seconds
