"""Every number the assist's rules use, in one place: what each checkable feature adds to
the rules' own check-worthiness, how sure each kind of tag suggestion is, and how a
denial is linked to the claim it answers.

The numbers were set by hand on the labelled set (``docs/assist.md``); change one here and
``bench/bench_assist.py`` says what it did. The learned model (``domain/checkworthiness``)
has its own weights, in its weights file.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

# What each feature adds to the rules' check-worthiness score, combined by a noisy-or
# (1 − ∏(1 − w)), so the score stays within 0..1 and can be explained feature by feature.
# Used when the learned model's weights file is missing (or ``use_model=False``).
FEATURE_WEIGHTS: Final = MappingProxyType(
    {
        # What makes a statement checkable (`classification.checkable_features`).
        "statistic": 0.45,  # a percentage, a sum of money, a figure in millions
        "quantity": 0.3,  # any other number, or a number word
        "date": 0.1,
        "superlative": 0.3,
        "comparison/trend": 0.2,
        "causal": 0.25,
        "event": 0.2,
        "named entity": 0.1,
        # The suggested tag and its claimant (`article.rules_checkworthiness`).
        "denial": 0.35,
        "claim": 0.25,
        "stated as fact": 0.15,
        "named claimant": 0.3,
        "named claimant, lower-case": 0.2,  # "witnesses said"
    }
)
# A sentence with nothing to check keeps this share of its score.
NOTHING_TO_CHECK_FACTOR: Final = 0.3

# How sure a tag suggestion is (0..1), by the rule that made it (`classification.analyse`).
CONFIDENCE: Final = MappingProxyType(
    {
        "denial verb": 0.9,  # "denied the allegations", "rejected claims that"
        "soft denial verb": 0.6,  # "disagreed", "pleaded not guilty"
        "denial in reported words": 0.8,  # "said the claim was false"
        "quote with attribution": 0.9,
        "reported speech": 0.85,
        "according to": 0.85,
        "no-comment line": 0.8,
        "hedge": 0.7,
        "colour": 0.6,
        "vague subject": 0.6,
        "nothing checkable": 0.55,
        # A fact: the base, plus this much per checkable feature, plus a bonus for a
        # strong one (a figure, a record, a comparison, a cause), up to the ceiling.
        "fact": 0.5,
        "fact, per feature": 0.1,
        "fact, strong feature": 0.15,
        "fact, at most": 0.95,
        # Outside English (`classification.cue_analysis`).
        "cue word": 0.7,
        "figure": 0.5,
        "nothing found": 0.5,
    }
)
# Taken off a claim's confidence when its speaker is a pronoun ("he said").
PRONOUN_PENALTY: Final = 0.1

# Which earlier claim a denial answers (`article._link_denial`): the shares of the word
# overlap and of the recency (1 for the latest claim, 1/2 for the one before …). A denial
# that points back ("rejected those claims") leans on recency.
LINK_WEIGHTS: Final = MappingProxyType(
    {
        "points back": (0.45, 0.55),
        "plain": (0.7, 0.3),
    }
)
