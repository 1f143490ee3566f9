"""How far two reviewers agree: raw agreement and Cohen's kappa over shared sentences.

Kappa corrects raw agreement for the agreement two reviewers would reach by chance,
given how often each uses each label:

    kappa = (p_o - p_e) / (1 - p_e)

where p_o is the share of sentences both labelled alike and p_e the sum, over labels, of
the product of the two reviewers' shares for that label (Cohen 1960). 1 is perfect
agreement, 0 no better than chance, below 0 worse than chance. When both reviewers used
one and the same label throughout, p_e is 1 and kappa is not defined (None).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from itertools import combinations

__all__ = ["Agreement", "PairAgreement", "agreement", "pairwise_agreement"]


@dataclass(frozen=True, slots=True)
class Agreement:
    """Agreement of two reviewers over the ``n`` items both labelled."""

    n: int
    agreement: float | None  # share of items labelled alike (None when n is 0)
    kappa: float | None  # Cohen's kappa (None when n is 0 or it is not defined)
    disagreements: tuple[Hashable, ...] = ()  # the items labelled differently


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """Two reviewers (in name order) and how far they agree."""

    reviewers: tuple[str, str]
    agreement: Agreement


def agreement(first: Mapping[Hashable, Hashable], second: Mapping[Hashable, Hashable]) -> Agreement:
    """Agreement over the items both mappings label (item → label)."""
    shared = [item for item in first if item in second]
    n = len(shared)
    if n == 0:
        return Agreement(0, None, None)
    differing = tuple(item for item in shared if first[item] != second[item])
    observed = (n - len(differing)) / n
    counts_a = Counter(first[item] for item in shared)
    counts_b = Counter(second[item] for item in shared)
    expected = sum(counts_a[label] * counts_b[label] for label in counts_a) / (n * n)
    kappa = None if expected == 1 else (observed - expected) / (1 - expected)
    return Agreement(n, observed, kappa, differing)


def pairwise_agreement(
    labels: Mapping[str, Mapping[Hashable, Hashable]], *, minimum: int = 1
) -> list[PairAgreement]:
    """Agreement of every pair of reviewers (reviewer → item → label) who share at least
    ``minimum`` items, pairs in name order."""
    out = []
    for a, b in combinations(sorted(labels), 2):
        result = agreement(labels[a], labels[b])
        if result.n >= minimum:
            out.append(PairAgreement((a, b), result))
    return out
