"""A review found unlike what its history says it became (storage/two_moments.py finds
them in a copy taken in the middle of a save; services/copy_check.py says so)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unlike:
    """One review that is not what its newest history entry says it became."""

    sentence_id: int
    article_id: int
    article_title: str
    sentence_number: int  # as the sentence list shows it (1-based, in text order)
    here: dict[str, object]  # the fields that differ, as the file holds them
    history_says: dict[str, object]  # the same fields, as the entry says they became
    at: str  # when that entry was written (stored text)
    description: str  # the entry's own words ("Set verdict")
