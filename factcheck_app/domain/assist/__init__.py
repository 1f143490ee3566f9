"""Reviewer assist: offline, rule-based suggestions for tags, claimants and what to check first.

Nothing here tags anything: every result is a *suggestion* the reviewer accepts or ignores.
Pure Python (``re`` only), linear in the article size.

``suggest_article(sentences)`` works over the article's sentence sequence, because a
pronoun-led sentence ("It accused ...", "..., he said.") takes its claimant from the
sentence before it, and a denial is linked to the claim it answers (one before it, or
one a few sentences after; none when nothing ties it to one). Per sentence:

1. Find the *attribution*: a reporting or denial verb (outside quotes) with a subject that
   looks like a speaker ("the Foreign Ministry in Ankara commented"), an inverted one
   ('..." said Peter Bach'), a participle ("..., insisting that") or "according to X".
2. Decide the tag: a denial verb whose object is a claim ("dismissed the allegations",
   "denied targeting", not "denied entry" or "rejected calls for talks"), or reported words
   that call a claim false ("said the claim was false", "no truth to") make a *denial*; any
   other attribution makes a *claim*; an unattributed sentence is a *fact* when something
   in it can be checked (numbers, dates, names, records, causes, casualties) and *none*
   when it is colour, a hedge or a no-comment line.
3. Score check-worthiness with the learned model (``domain/checkworthiness.py``), or without its
   weights from named features (noisy-or); either way the reasons say why.

The package, in the order a sentence goes through it:

- ``lexicon``: the English word lists; ``patterns``: the regular expressions built from them;
- ``attribution``: who says it (step 1); ``classification``: one sentence's tag (step 2);
- ``article``: claimants across sentences, denial links and check-worthiness (step 3);
- ``ranking``: what to check first; ``weights``: every number the rules use, in one table;
- ``languages``: the few words known in other languages; ``suggestion``: the result.

Matching sentences against earlier verdicts lives in ``domain/matching.py``.
See ``docs/assist.md`` for the measured accuracy and the known limits.
"""

from factcheck_app.domain.assist.article import (
    ArticleInParts,
    Readings,
    language_note,
    proper_nouns,
    suggest_article,
    suggest_article_steps,
    suggest_later_part,
)
from factcheck_app.domain.assist.ranking import (
    WORTH_CHECKING,
    checkworthy_order,
    next_checkworthy,
    offered_order,
    worth_offering,
)
from factcheck_app.domain.assist.suggestion import JUDGED_CHARS, STEP_CHARS, Suggestion

__all__ = [
    "JUDGED_CHARS",
    "STEP_CHARS",
    "WORTH_CHECKING",
    "ArticleInParts",
    "Readings",
    "Suggestion",
    "checkworthy_order",
    "language_note",
    "next_checkworthy",
    "offered_order",
    "proper_nouns",
    "suggest_article",
    "suggest_article_steps",
    "suggest_later_part",
    "worth_offering",
]
