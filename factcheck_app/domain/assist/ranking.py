"""What to check first: the one ranking of an article's suggestions, used by the window
(Shift+N, "most check-worthy first") through `services.assist` and by the tests."""

from __future__ import annotations

from collections.abc import Container, Sequence

from factcheck_app.domain.assist.suggestion import Suggestion

# The check-worthiness at which a sentence is worth checking (the model's probability is
# calibrated so that 0.5 means "more like a check-worthy sentence than not").
WORTH_CHECKING = 0.5


def checkworthy_order(suggestions: Sequence[Suggestion]) -> list[int]:
    """Sentence indices, most check-worthy first (ties keep article order)."""
    return sorted(range(len(suggestions)), key=lambda i: (-suggestions[i].checkworthiness, i))


def worth_offering(suggestion: Suggestion) -> bool:
    """Whether "most check-worthy first" should visit it: a suggested tag, or a score that
    says worth checking (a first-person record the rules take for nothing to check)."""
    return suggestion.tag is not None or suggestion.checkworthiness >= WORTH_CHECKING


def offered_order(suggestions: Sequence[Suggestion]) -> list[int]:
    """`checkworthy_order` of the sentences `worth_offering`: what Shift+N walks through."""
    return [i for i in checkworthy_order(suggestions) if worth_offering(suggestions[i])]


def next_checkworthy(
    suggestions: Sequence[Suggestion], current: int | None, skip: Container[int] = ()
) -> int | None:
    """The next sentence after ``current`` in check-worthiness order, skipping ``skip``.

    With ``current`` None (or not in the order) it is the most check-worthy one not
    skipped; a sentence with nothing to check is offered only when its score says it is
    worth checking (0.5 or more). None when nothing is left.
    """
    order = offered_order(suggestions)
    start = order.index(current) + 1 if current in order else 0
    for i in order[start:]:
        if i not in skip and i != current:
            return i
    return None
