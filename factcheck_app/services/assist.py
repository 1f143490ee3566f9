"""Reviewer assist over an article's sentences: suggestions keyed by sentence, accepted
only by the reviewer, as one undoable edit."""

from __future__ import annotations

import threading
from collections.abc import Generator, Sequence
from dataclasses import dataclass

from factcheck_app.domain.assist import Suggestion, offered_order, suggest_article_steps
from factcheck_app.domain.models import SentenceRow

# Set once the check-worthiness weights were read (by load_checkworthiness).
_weights_read = threading.Event()


def load_checkworthiness() -> bool:
    """Read the check-worthiness model's weights (once per process; slow the first time,
    so the window calls it from a worker thread). False when they are missing: the
    suggestions then score check-worthiness with the rules."""
    from factcheck_app.domain.checkworthiness import load_model

    found = load_model() is not None
    _weights_read.set()
    return found


def score_checkworthiness(text: str) -> float | None:
    """The model's probability that ``text`` is worth checking; None without its weights."""
    from factcheck_app.domain.checkworthiness import load_model

    model = load_model()
    return model.probability(text) if model is not None else None


def checkworthiness_ready() -> bool:
    """Whether the weights were read already, so suggestions can start without waiting.

    Never reads or imports anything itself: the window asks it in the GUI thread."""
    if not _weights_read.is_set():
        return False
    from factcheck_app.domain.checkworthiness import cached_model  # imported by then

    return cached_model()[0]


@dataclass(frozen=True, slots=True)
class SentenceSuggestion:
    """A suggestion for one sentence, with the denied claim as a sentence id."""

    sentence_id: int
    suggestion: Suggestion
    denies_sentence_id: int | None


def suggest_steps_for_rows(
    rows: Sequence[SentenceRow], chunk: int = 25, language: str = "en"
) -> Generator[int, None, dict[int, SentenceSuggestion]]:
    """Suggestions for an article's sentences in reading order, in its language, keyed by
    sentence id: in steps of about `chunk` sentences (yields how many are done), so the
    window can do it between events without ever pausing for long."""
    texts = [row.sentence.text for row in rows]
    hints = yield from suggest_article_steps(texts, chunk, language)
    return _keyed(rows, hints)


def _keyed(
    rows: Sequence[SentenceRow], hints: Sequence[Suggestion]
) -> dict[int, SentenceSuggestion]:
    result = {}
    for row, hint in zip(rows, hints, strict=True):
        denied = rows[hint.denies_index].sentence.id if hint.denies_index is not None else None
        result[row.sentence.id] = SentenceSuggestion(row.sentence.id, hint, denied)
    return result


def checkworthy_sentence_ids(
    rows: Sequence[SentenceRow], suggestions: dict[int, SentenceSuggestion]
) -> list[int]:
    """Sentences worth checking, most check-worthy first (those with nothing to check left
    out unless the model scores them worth checking): `domain.assist.offered_order`, the
    ranking the tests check, over the rows that have a suggestion."""
    ranked = [row.sentence.id for row in rows if row.sentence.id in suggestions]
    return [ranked[i] for i in offered_order([suggestions[key].suggestion for key in ranked])]
