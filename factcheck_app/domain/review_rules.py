"""How a review's status follows from what the reviewer does, and how two reviews become
one. Each rule is written here once; the services that edit reviews all call it."""

from __future__ import annotations

import dataclasses

from factcheck_app.domain.models import VERDICTS_BY_KEY, Review, Stance, Status, Tag
from factcheck_app.domain.printable import printable, typed_line, typed_lines
from factcheck_app.domain.wording import counted

_OPEN = (Status.UNREVIEWED, Status.IN_PROGRESS)

# The longest claimant, explanation, excerpt or note a review export's import and a
# workspace merge read (a 10 MB explanation of one word took the window minutes to show):
# a longer one refuses the whole export on import, and leaves its row out of a merge.
LONGEST_TEXT = 1_000_000


def typed_too_long(what: str, typed: str, saved: str = "") -> str | None:
    """Why `typed` (an explanation, claimant, excerpt or return note, replacing `saved`) cannot be
    saved, in words; None when it can. Past `LONGEST_TEXT` (a paste of a whole report)
    it was saved, and the article's review export was then refused whole on import. A
    stored one longer already may still be shortened a step at a time."""
    if len(typed) <= LONGEST_TEXT or len(typed) <= len(saved):
        return None
    return (
        f"The {what} would be {len(typed):,} characters, "
        f"{counted(len(typed) - LONGEST_TEXT, 'character')} too many: it may hold {LONGEST_TEXT:,} "
        "(the article's review export could not be imported with more). Shorten it, then "
        "save it again."
    )


def stance_note(stance: Stance) -> str:
    """The desk's note after an excerpt that Merge with Next or Re-split joined from a
    sentence that weighed the source otherwise (`boundaries.joined_links`)."""
    return f"[From the merged sentence: stance {stance.label}]"


_STANCE_NOTES = frozenset(stance_note(stance) for stance in Stance)


def is_stance_note(paragraph: str) -> bool:
    """Whether a paragraph of an excerpt is the desk's `stance_note`, not the source's
    words: the reports show it after the quotation, never inside it."""
    return paragraph.strip() in _STANCE_NOTES


def status_after_tagging(review: Review, tag: Tag | None) -> Status:
    """Tagging starts a review; clearing the tag of an unjudged sentence finishes it.

    A sentence marked "nothing to check" (done, with no tag and no verdict) that is then
    tagged has something to check after all: its review starts again. It stayed done, so
    N passed over the claim and the progress counted it checked, with no verdict."""
    if tag is None:
        if review.status in _OPEN and review.verdict is None:
            return Status.DONE
    elif review.status is Status.UNREVIEWED or nothing_to_check(review):
        return Status.IN_PROGRESS
    return review.status


def nothing_to_check(review: Review) -> bool:
    """Marked with X: done, with no tag and no verdict (an untagged sentence given a
    verdict is a check, "#10 Untagged: False" in the reports, not "nothing to check")."""
    return review.status is Status.DONE and review.tag is None and review.verdict is None


def status_after_verdict(review: Review, verdict: str | None) -> Status:
    """A verdict completes the review, unless it awaits a second look."""
    if verdict is not None and review.status in _OPEN:
        return Status.DONE
    return review.status


def status_after_typing(review: Review, value: str) -> Status:
    """Typing a claimant or an explanation starts a review."""
    if review.status is Status.UNREVIEWED and value.strip():
        return Status.IN_PROGRESS
    return review.status


def given_tag_text(review: Review) -> str:
    """'tagged Claim', 'marked nothing to check' or 'being checked': what a suggestion
    leaves (`tag_kept`)."""
    if review.tag:
        return f"tagged {review.tag.label}"
    return "being checked" if check_begun(review) else "marked nothing to check"


def check_begun(review: Review) -> bool:
    """Untagged, but begun: a claimant or an explanation typed (`status_after_typing`).
    Typed and deleted again, the status stays in progress with nothing on the sentence:
    that is no check begun (A refused its "nothing to check", said "being checked")."""
    return (
        review.tag is None
        and review.status is Status.IN_PROGRESS
        and bool(review.claimant.strip() or review.explanation.strip())
    )


def tag_kept(review: Review, tag: Tag | None) -> bool:
    """Whether a suggested `tag` would replace a decision already made on the sentence: a
    tag given (by key, button or an earlier accept), or "nothing to check". Accepting
    leaves those: A turned a reviewer's Claim, verdict and all, into a Denial unsaid.
    Nor does a suggested "nothing to check" end a check begun: A marked a sentence whose
    claimant the reviewer had just typed done, and N passed over it, with no verdict."""
    if tag is None and check_begun(review):
        return True
    return (review.tag is not None or nothing_to_check(review)) and review.tag is not tag


def accepted(
    review: Review, tag: Tag | None, claimant: str, denies_sentence_id: int | None
) -> Review:
    """A review with a suggestion taken: never overwriting what the reviewer typed."""
    after = review.edited(tag=tag, status=status_after_tagging(review, tag))
    if claimant and not review.claimant:
        after = after.edited(claimant=claimant)
    if tag is Tag.DENIAL and denies_sentence_id is not None and review.denies_sentence_id is None:
        after = after.edited(denies_sentence_id=denies_sentence_id)
    return after


def copied_verdict(review: Review, earlier: Review) -> Review:
    """A review given an earlier one's verdict: its tag and verdict, and its claimant and
    explanation where this review has none yet (what the reviewer typed stays)."""
    return review.edited(
        tag=earlier.tag or review.tag,
        verdict=earlier.verdict,
        claimant=review.claimant or earlier.claimant,
        explanation=review.explanation or earlier.explanation,
        status=status_after_verdict(review, earlier.verdict),
    )


def merge_reviews(first: Review, second: Review) -> tuple[Review, str]:
    """One review from two, dropping nothing: the first wins, the second's words are carried.
    The explanation it writes is text as typed text is saved (`typed_lines`), the claimant
    carried into it one line (`typed_line`): a colleague's claimant with "\r\n" or U+2028
    was written into it as it was, and its right-to-left override reversed the note."""
    if not second.has_content:
        return first, ""
    if not first.has_content:
        return dataclasses.replace(second, sentence_id=first.sentence_id), ""
    carried = []
    if second.tag and second.tag != first.tag:
        carried.append(f"tag {second.tag.label}")
    if second.verdict and second.verdict != first.verdict:
        carried.append(f"verdict {VERDICTS_BY_KEY[second.verdict].label}")
    said = list(carried)  # the status line's words: a claimant quoted and cut short
    if second.claimant and second.claimant != first.claimant:
        carried.append(f"claimant {typed_line(second.claimant)}")
        shown = printable(typed_line(second.claimant))
        said.append(f"claimant “{shown if len(shown) <= 60 else shown[:59] + '…'}”")
    explanation = "\n\n".join(p for p in (first.explanation, second.explanation) if p.strip())
    explanation = typed_lines(explanation)
    if carried:
        explanation += ("\n\n" if explanation else "") + (
            "[From the merged sentence: " + "; ".join(carried) + "]"
        )
    merged = first.edited(
        tag=first.tag or second.tag,
        verdict=first.verdict or second.verdict,
        claimant=first.claimant or second.claimant,
        explanation=explanation,
        status=Status.SECOND_LOOK if carried else first.status,
    )
    message = (
        "Merged two reviewed sentences: the first review was kept; the second one's "
        + ", ".join(said)
        + (" was" if len(said) == 1 else " were")
        + " added to the explanation and the sentence marked for a second look."
        if carried
        else "Merged two sentences; both explanations and all sources were kept."
    )
    return merged, message
