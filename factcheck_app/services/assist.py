"""Reviewer assist over an article's sentences: suggestions keyed by sentence, accepted
only by the reviewer, as one undoable edit."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from factcheck_app.domain.assist import (
    ArticleInParts,
    Readings,
    Suggestion,
    offered_order,
    proper_nouns,
    suggest_article,
    suggest_article_steps,
    suggest_later_part,
)
from factcheck_app.domain.assist.classification import Analysis
from factcheck_app.domain.models import SentenceRow, Tag

# From this many sentences a second process reads part of them: below it, forking and
# handing the results back cost more than the work they take away.
PARALLEL_MIN_SENTENCES = 2_000
# The share of the sentences this process reads itself. Each process also carries
# claimants, links denials and renders the output for its own part; this one then
# finishes the few of the other's first sentences that depend on its own and writes the
# output (about as much work on either side: by `callgrind`, 2.97 G instructions here
# after the fork against 2.88 G in the other process on the bench's 10,000 sentences).
OWN_SHARE = 0.5

T = TypeVar("T")

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


def checkworthiness_missing() -> bool:
    """Whether the weights were looked for and could not be read (missing or damaged):
    the suggestions' check-worthiness is then the rules' own, a rougher guess. False
    before anything looked for them. Never reads or imports anything itself: the window
    asks it in the GUI thread."""
    module = sys.modules.get("factcheck_app.domain.checkworthiness")
    if module is None:
        return False
    looked, model = module.cached_model()
    return bool(looked and model is None)


def weights_missing_note(path: bool = False) -> str:
    """What to tell a reviewer whose installation lacks the weights (the command line
    names the file, ``path``; the window's status bar has no room for it)."""
    if path:
        from factcheck_app.domain.checkworthiness import default_model_path

        return (
            f"the check-worthiness model could not be read ({default_model_path()} is "
            "missing or damaged): its scores are the rules' rougher guess. Reinstalling "
            "the desk brings the model back."
        )
    return (
        "The check-worthiness model is missing or damaged: scores are the rules' rougher "
        "guess. Reinstall the desk to mend it."
    )


@dataclass(frozen=True, slots=True)
class SentenceSuggestion:
    """A suggestion for one sentence, with the denied claim as a sentence id;
    ``by_rules``: its check-worthiness is the rules' (the model's weights are missing)."""

    sentence_id: int
    suggestion: Suggestion
    denies_sentence_id: int | None
    by_rules: bool = False


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
    by_rules = checkworthiness_missing()  # looked for by the suggestions just made
    for row, hint in zip(rows, hints, strict=True):
        denied = rows[hint.denies_index].sentence.id if hint.denies_index is not None else None
        result[row.sentence.id] = SentenceSuggestion(row.sentence.id, hint, denied, by_rules)
    return result


def checkworthy_sentence_ids(
    rows: Sequence[SentenceRow], suggestions: dict[int, SentenceSuggestion]
) -> list[int]:
    """Sentences worth checking, most check-worthy first (those with nothing to check left
    out unless the model scores them worth checking): `domain.assist.offered_order`, the
    ranking the tests check, over the rows that have a suggestion."""
    ranked = [row.sentence.id for row in rows if row.sentence.id in suggestions]
    return [ranked[i] for i in offered_order([suggestions[key].suggestion for key in ranked])]


def suggest_sentences(
    sentences: Sequence[str], language: str = "en", *, parallel_from: int = PARALLEL_MIN_SENTENCES
) -> list[Suggestion]:
    """`suggest_article` on as many cores as help (`suggest_in_parts`)."""
    parts = suggest_in_parts(sentences, _listed, language, parallel_from=parallel_from)
    return [hint for part in parts for hint in part]


def _listed(first: int, hints: list[Suggestion]) -> list[Suggestion]:
    return hints


def suggest_in_parts(
    sentences: Sequence[str],
    render: Callable[[int, list[Suggestion]], T],
    language: str = "en",
    *,
    parallel_from: int = PARALLEL_MIN_SENTENCES,
) -> list[T]:
    """`suggest_article` for the command line, on as many cores as help, each run of
    consecutive suggestions handed to ``render`` (with the index of its first sentence)
    where it was made: the results, in order, are what the command prints.

    From ``parallel_from`` English sentences, where the system can fork and has a second
    core, a child process makes (rules, model, and what runs across sentences) and renders
    the suggestions of the later part of the sentences while this one does the first;
    this one then finishes the few of the child's first sentences that depend on its
    own (`suggest_later_part`). The suggestions are the same either way."""
    if language in ("", "en") and len(sentences) >= parallel_from and _can_fork_a_helper():
        load_checkworthiness()  # once, before the fork: both processes use the weights
        proper = proper_nouns(sentences)
        start = round(len(sentences) * OWN_SHARE)
        collect = _read_in_child(sentences, start, proper, render)
        if collect is not None:
            run = ArticleInParts(sentences, proper)
            parts = [render(0, run.read(start))]  # while the child reads the rest
            from_child = collect()
            if from_child is None:  # the child failed: the rest is read here
                parts.append(render(start, run.read(len(sentences))))
            else:
                unsettled, rendered = from_child
                parts += [render(start, run.given(unsettled)), rendered]
            return parts
    return [render(0, suggest_article(sentences, language))]


def _can_fork_a_helper() -> bool:
    # Linux only: fork is what makes the child cheap (it shares the text and the loaded
    # code), and on macOS forking a process that may have loaded system frameworks is unsafe.
    if not sys.platform.startswith("linux") or not hasattr(os, "sched_getaffinity"):
        return False
    return len(os.sched_getaffinity(0)) >= 2


def _read_in_child(
    sentences: Sequence[str],
    start: int,
    proper: frozenset[str],
    render: Callable[[int, list[Suggestion]], T],
) -> Callable[[], tuple[Readings, T] | None] | None:
    """Fork a child that makes the suggestions for `sentences` from ``start`` on and
    writes to a pipe the readings of those it could not settle and ``render``'s result
    for the others (`suggest_later_part`); the returned function takes them (None when
    the child failed: the caller then reads those sentences itself). None when no child
    can be made (no memory or processes to spare)."""
    import pickle  # here: a short article's suggestions never need it

    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: read, hand over, and leave without running the parent's exits
        status = 1
        try:
            os.close(read_end)
            unsettled, settled = suggest_later_part(sentences, start, proper)
            first = start + len(unsettled[0])
            packed = (len(settled), _packed(unsettled), render(first, settled))
            with os.fdopen(write_end, "wb") as out:
                out.write(pickle.dumps(packed, pickle.HIGHEST_PROTOCOL))
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)

    def collect() -> tuple[Readings, T] | None:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            return None
        settled, unsettled, rendered = pickle.loads(data)  # our own child's, never a file's
        read = _unpacked(unsettled)
        return (read, rendered) if len(read[0]) + settled == len(sentences) - start else None

    return collect


# What the pipe carries of the sentences the child could not settle: plain tuples (10,000
# Score and Analysis objects pickled took 40 ms each way), each distinct reason once.
_ANALYSIS_FIELDS = tuple(field.name for field in fields(Analysis))[1:]  # all but the tag


def _packed(read: Readings) -> tuple[Any, ...]:
    analyses, scores, words = read
    rows = [
        (a.tag.value if a.tag else None, *(getattr(a, name) for name in _ANALYSIS_FIELDS))
        for a in analyses
    ]
    if scores is None:
        return rows, None, words
    numbers: dict[str, int] = {}
    reasons = [tuple(numbers.setdefault(r, len(numbers)) for r in s.reasons) for s in scores]
    return rows, ([s.probability for s in scores], list(numbers), reasons), words


def _unpacked(packed: tuple[Any, ...]) -> Readings:
    from factcheck_app.domain.checkworthiness import Score

    rows, scored, words = packed
    analyses = [Analysis(Tag(tag) if tag else None, *rest) for tag, *rest in rows]
    if scored is None:
        return analyses, None, words
    probabilities, texts, reasons = scored
    scores = [
        Score(p, tuple(texts[n] for n in numbers))
        for p, numbers in zip(probabilities, reasons, strict=True)
    ]
    return analyses, scores, words
