"""An editor's sign-off of a decided verdict: who may give it, and where a sentence stands.

A checker gives a verdict; an editor -- anyone but that checker -- approves it, or
returns it with a note saying what is missing. A verdict changed after its sign-off, or
anything of an approved check, awaits sign-off again (`outlived`; services/edits drops
the sign-off in the edit's own step)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum

from factcheck_app.domain.models import Review, SignOff, SignOffDecision, Status
from factcheck_app.domain.printable import capped_name, has_visible_text, shown_name


class SignOffState(StrEnum):
    """Where a sentence stands with its editor."""

    AWAITING = "awaiting"  # done, with a verdict, and nobody signed it off yet
    APPROVED = "approved"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return {"awaiting": "Awaiting sign-off", "approved": "Approved", "returned": "Returned"}[
            self.value
        ]


# A review awaits sign-off when it has this status, a verdict, and no sign-off: the one
# rule, which storage's count of them by article (`SignOffStore.awaiting_counts`) reads.
AWAITING_STATUS = Status.DONE


def sign_off_state(review: Review, sign_off: SignOff | None) -> SignOffState | None:
    """Approved or returned when signed off; awaiting when done with a verdict; else None
    (nothing to sign off yet)."""
    if sign_off is not None:
        return SignOffState(sign_off.decision.value)
    if review.status is AWAITING_STATUS and review.verdict is not None:
        return SignOffState.AWAITING
    return None


def outlived(sign_off: SignOff, before: Review, after: Review) -> bool:
    """Whether an edit of a signed-off review from `before` to `after` takes the sign-off
    away: a changed verdict always; anything an approval vouches for (tag, claimant,
    explanation, status, the claim denied) when it was approved. A returned check stays
    returned while its checker answers the note, until the verdict changes."""
    if after.verdict != before.verdict:
        return True
    return (
        sign_off.decision is SignOffDecision.APPROVED
        and after.content_fields() != before.content_fields()
    )


def gives_verdict(version: Review, decided: Review) -> bool:
    """Whether a reviewer's own review gives the decided verdict: finished, with that
    verdict (its reviewer is a checker of it, not an editor)."""
    return (
        version.status is Status.DONE
        and version.verdict is not None
        and version.verdict == decided.verdict
    )


# Verdicts awaiting sign-off counted, at most, of each colleague at an open: beyond it
# "More than 1,000" (an editor signs off tens a day; counting a year's 73,600 whole was a
# 75-110 ms turn of the window at every open).
AWAITING_COUNTED = 1_000


# A byte that was not UTF-8, dropped from names recorded before 7 December 2026 and U+FFFD
# since ("Zo Berg" then, "Zo\ufffd Berg" now): dropped too, where the name keeps a letter
# beside it (`_BESIDE_A_LETTER`).
_DROPPED = "\ufffd"
# U+FFFD runs beside a letter or digit ("Zo\ufffd Berg"): only there is the name one
# person's with them dropped. A name of none (a Cyrillic or Greek account name read in
# another encoding: every letter U+FFFD) dropped them all to nothing, and until 7 December
# every such colleague, and a name nobody gave, was one person; a name part of none
# beside a readable one ("\ufffd\ufffd Petrov", "\ufffd\ufffd\ufffd\ufffd Petrov": Ян and
# Иван) went whole until 7 December too, and two colleagues were one "Petrov".
_BESIDE_A_LETTER = re.compile(f"(?<=[^\\W_]){_DROPPED}+|{_DROPPED}+(?=[^\\W_])")
# Turkish dotted capital I casefolds to "i" and a combining dot; its dotless small i stays
# "ı": "İlker", "ILKER" and "ılker" are one name typed on two keyboards.
_TURKISH_I = {"i\u0307": "i", "ı": "i"}


# The longest name folded through the cache of many: a name typed here is MAX_NAME
# characters at most, one recorded before that cap an account's full name, one from a
# merge "Ana Ruiz (in laptop.fcdesk)". That cache holds 4,096 names; a colleague's file,
# untrusted input, may give each history entry another name of any length (until 7
# December 200 names of 200,000 characters kept 200 MB until the desk closed). A longer
# one goes through a cache of a few: one such name on every entry is folded once still.
_CACHED_LONGEST = 512


def person_key(name: str) -> str:
    """A recorded name as a reader sees it: one key for every way of writing one person's
    name (Unicode compatibility forms -- "Zoë" typed decomposed, full-width letters --
    case, Turkish dotted and dotless i, characters nobody sees and runs of spaces do not
    make another person). The one rule: sign-off, merge and agreement all compare by it."""
    if len(name) > _CACHED_LONGEST:
        return _long_folded_once(name)
    return _folded_once(name)


def _folded(name: str) -> str:
    """`person_key`'s rule."""
    # Characters a reader cannot see go as the window drops them (`shown_name`: a
    # zero-width space or joiner, a byte-order mark, a left-to-right mark, an isolate, a
    # soft hyphen; pasted from a web page or a word processor). Until 7 December only the
    # first five went here, so a merge kept "Ana Ruiz" and "Ana Ruiz" with a mark as two.
    folded = _BESIDE_A_LETTER.sub("", unicodedata.normalize("NFKC", shown_name(name)))
    folded = folded.casefold()
    for turkish, plain in _TURKISH_I.items():
        folded = folded.replace(turkish, plain)
    return " ".join(folded.split())


# A desk has tens of names and a merge asks of each thousands of times (every history
# entry of a review): each folded once.
_folded_once = functools.lru_cache(maxsize=4096)(_folded)
_long_folded_once = functools.lru_cache(maxsize=8)(_folded)


def same_person(name: str, other: str) -> bool:
    """Whether two recorded names are one reviewer's: compared as a reader would see them
    (`person_key`)."""
    key = person_key
    if key(name) == key(other):
        return True
    # A name over MAX_NAME characters (an account's full name) was recorded whole on
    # edits before such names were capped, and by its first MAX_NAME since: compared
    # whole with the capped one, a checker could approve her own verdict.
    if key(capped_name(name)) == key(other) or key(name) == key(capped_name(other)):
        return True
    # A byte that was not UTF-8 (FACTCHECK_REVIEWER or the account's name in Latin-1) was
    # dropped from the recorded name until 7 December 2026, and is U+FFFD since: "Zo Berg"
    # before, "Zo\ufffd Berg" now, and a checker could approve her own verdict.
    if "\ufffd" not in name + other:
        return False
    undamaged = key(_undamaged(name))
    return bool(undamaged) and undamaged == key(_undamaged(other))


def _undamaged(name: str) -> str:
    """`name` as recorded before undecodable bytes were kept as U+FFFD: without them."""
    return capped_name(name.replace("\ufffd", ""))


def refusal(
    review: Review,
    editor: str,
    decision: SignOffDecision,
    note: str,
    verdict_givers: Iterable[str] = (),
) -> str | None:
    """Why `editor` may not sign off `review` this way, in words (None: they may).

    The checker is whoever last saved the decided review, and any reviewer whose own
    finished review gives the decided verdict (`verdict_givers`): a colleague who only
    fixed a typo in the explanation does not make the verdict's author an editor of it."""
    if review.status is Status.CONFLICT:
        return (
            "Reviewers disagree on this sentence: keep one of their reviews before signing it off."
        )
    if review.verdict is None:
        return "This sentence has no verdict to sign off yet."
    if review.status is not Status.DONE:
        return (  # the status as the Status box names it: "is needs second look" was no English
            "Only a finished review can be signed off: this one's status is "
            f"“{review.status.label}”, not “{Status.DONE.label}”."
        )
    if any(same_person(editor, name) for name in (review.reviewer, *verdict_givers)):
        word = "approve" if decision is SignOffDecision.APPROVED else "return"
        return (
            f"You gave this verdict, so you cannot {word} it yourself: another editor signs it off."
        )
    if decision is SignOffDecision.RETURNED and not has_visible_text(note):
        return "Say what is missing: a verdict is returned with a note for its checker."
    return None
