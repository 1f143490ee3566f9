"""schema.org ClaimReview JSON-LD: one ClaimReview per checked statement with a verdict.

Rating scale: the desk's verdicts map to ratingValue 5 (True) … 1 (False) with
bestRating 5 and worstRating 1. *Unverifiable* gets no number at all: any value
would place it on the true–false axis (0 would read "worse than false", 3 "mixed"),
so its rating carries only `alternateName` "Unverifiable", which Google requires
anyway and which is what readers see.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Any

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.models import DEFAULT_SCALE, SignOffDecision, Status, Tag
from factcheck_app.domain.printable import shown_name
from factcheck_app.domain.times import stored_time
from factcheck_app.domain.urls import check_url_pattern, fill_url_pattern
from factcheck_app.domain.wording import figure
from factcheck_app.services.reports.model import (
    ArticleReport,
    Publishing,
    ReportSentence,
    Ticker,
    quiet_ticker,
)
from factcheck_app.services.reports.text import (
    local_day,
    safe_url,
    script_safe_json,
    squash,
    url_slug,
)

CONTEXT = "https://schema.org"
BEST_RATING = max(r.value for r in DEFAULT_SCALE if r.value is not None)
WORST_RATING = min(r.value for r in DEFAULT_SCALE if r.value is not None)
NO_URL = (
    "No fact-check URL: Google requires the address where each check is published. Set the "
    "fact-check URL pattern (e.g. https://example.org/checks/{slug}#claim-{number})."
)
NOTHING_TO_PUBLISH = (
    "Nothing to publish: no claim, denial or fact of this article has a verdict yet."
)
NO_PUBLISHER = "No publisher name: set the publishing organisation (recommended: author)."
SHORT_CLAIM = 75  # Google: "try to keep this less than 75 characters" (fits a phone)
# Claimants named like institutions are Organizations; anyone else is taken as a Person.
_ORGANISATION_WORDS = re.compile(
    r"\b(ministry|government|office|department|agency|council|committee|party|police|army|"
    r"forces|authority|commission|court|parliament|university|institute|company|corporation|"
    r"inc|ltd|llc|news|press|times|association|union|bank|organi[sz]ation|campaign|group|"
    r"embassy|presidency|kremlin|white house|administration|service|foundation)\b",
    re.IGNORECASE,
)


class ClaimReviewInvalid(FactcheckError):
    """The ClaimReview markup misses fields Google requires; nothing was written.
    `nothing_to_publish`: the one reason is that no check has a verdict yet (an export of
    every article says those once, as a note, not as refusals)."""

    def __init__(self, message: str, *, nothing_to_publish: bool = False) -> None:
        super().__init__(message)
        self.nothing_to_publish = nothing_to_publish


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of the validator, in words; errors block the export, warnings do not."""

    level: str  # "error" or "warning"
    message: str
    # The message without the sentences it names ("#1, #4: no claimant recorded …" is
    # "no claimant recorded …"): what an export of every article groups its articles by.
    about: str = ""

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    @property
    def kind(self) -> str:
        """What the finding says, whichever sentences it is about."""
        return self.about or self.message

    def __str__(self) -> str:
        return f"{self.level.capitalize()}: {self.message}"


def reviewable(report: ArticleReport) -> list[ReportSentence]:
    """Statements that get a ClaimReview: every check with a verdict, tagged or not (a
    verdict on an untagged sentence is a check in every other report too)."""
    return [s for s in report.entries if s.review.verdict is not None]


def fact_check_url(report: ArticleReport, entry: ReportSentence) -> str:
    """The published address of one check, from the workspace's URL pattern ('' when unset
    or unusable: `check` says why). Plain placeholders only, and normalised by the desk's
    one URL rule, so nothing in the title or the pattern reaches the markup raw."""
    pattern = report.publishing.url_pattern
    if not pattern:
        return ""
    values = {
        "article_id": report.article.id,
        "sentence_id": entry.id,
        "number": entry.number,
        "slug": url_slug(report.article.title),
    }
    try:
        return fill_url_pattern(pattern, values)
    except FactcheckError:
        return ""


def _review_date(report: ArticleReport, entry: ReportSentence) -> str:
    """The day of the verdict where the desk is, as every other report dates things (the
    UTC day dated a morning verdict in Auckland the day before); a stored time that is
    no time gives the report's day."""
    when = stored_time(entry.review.updated_at)
    return local_day(when if when is not None else report.generated_at).isoformat()


def claimant_type(name: str) -> str:
    return "Organization" if _ORGANISATION_WORDS.search(name) else "Person"


def claim_review(report: ArticleReport, entry: ReportSentence) -> dict[str, Any]:
    """One ClaimReview object for one checked statement."""
    article = report.article
    publishing = report.publishing
    rating: dict[str, Any] = {"@type": "Rating"}
    if entry.rating_value is not None:
        rating |= {
            "ratingValue": entry.rating_value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        }
    rating["alternateName"] = entry.verdict or ""
    if entry.review.explanation.strip():
        rating["ratingExplanation"] = squash(entry.review.explanation)
    claim: dict[str, Any] = {"@type": "Claim"}
    claimant = squash(entry.review.claimant)
    if claimant:
        claim["author"] = {"@type": claimant_type(claimant), "name": claimant}
    elif entry.tag is Tag.FACT and article.outlet:
        # A fact is stated by the article itself: its outlet is who makes the claim.
        claim["author"] = {"@type": "Organization", "name": squash(article.outlet)}
    if article.published:
        claim["datePublished"] = article.published.isoformat()
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    article_url = safe_url(article.url)
    if article_url:
        appearance["url"] = article_url
    if article.title:
        appearance["headline"] = squash(article.title)
    if article.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": squash(article.outlet)}
    if len(appearance) > 1:
        claim["appearance"] = appearance
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": fact_check_url(report, entry),
        "claimReviewed": squash(entry.text),
        "datePublished": _review_date(report, entry),
    }
    if publishing.publisher_name:
        author: dict[str, Any] = {"@type": "Organization", "name": publishing.publisher_name}
        publisher_url = safe_url(publishing.publisher_url)
        if publisher_url:  # checked when stored and when read; and once more here
            author["url"] = publisher_url
        item["author"] = author
    # Who checked it, and the editor who approved it (a returned verdict names nobody; nor
    # does a name a merged workspace or an older file left empty: no Person without one).
    checker = shown_name(squash(entry.review.reviewer))
    if checker:
        item["contributor"] = {"@type": "Person", "name": checker}
    sign_off = entry.sign_off
    editor = shown_name(squash(sign_off.editor)) if sign_off is not None else ""
    if editor and sign_off is not None and sign_off.decision is SignOffDecision.APPROVED:
        item["editor"] = {"@type": "Person", "name": editor}
    item["reviewRating"] = rating
    item["itemReviewed"] = claim
    return item


def claim_reviews(report: ArticleReport, ticker: Ticker | None = None) -> list[dict[str, Any]]:
    ticker = ticker or quiet_ticker()
    items = []
    for entry in reviewable(report):
        ticker.step()
        items.append(claim_review(report, entry))
    return items


def _mentions(text: str, words: str) -> bool:
    return bool(words) and re.search(rf"\b{re.escape(words)}\b", text, re.IGNORECASE) is not None


# "Verdict: false", "verdict = mostly true": the word as a label, not in a sentence about a
# court's verdict (any mention of the word blocked the export of such a claim).
_VERDICT_LABEL = re.compile(r"\bverdict\s*[:=]", re.IGNORECASE)


def _states_verdict(claim: str, verdict: str) -> bool:
    """A rating written into the claim: “False: the earth is flat”, “Verdict: …”."""
    if _VERDICT_LABEL.search(claim):
        return True
    pattern = rf"\W*{re.escape(verdict)}\s*[:\-–—)\]]"
    return bool(verdict) and re.match(pattern, claim, re.IGNORECASE) is not None


def _numbers(numbers: list[int]) -> str:
    shown = ", ".join(f"#{n}" for n in numbers[:8])
    return shown + (f" and {figure(len(numbers) - 8)} more" if len(numbers) > 8 else "")


def validate(items: list[dict[str, Any]], numbers: list[int] | None = None) -> list[Problem]:
    """Check ClaimReview objects against Google's required and recommended fields.

    `numbers` are the sentence numbers of the items, for messages a reviewer can act on.
    Findings about many items are grouped into one message each.
    """
    numbers = numbers or list(range(1, len(items) + 1))
    missing_url: list[int] = []
    bad_url: list[int] = []
    no_claim: list[int] = []
    verdict_first: list[int] = []
    verdict_inside: list[int] = []
    too_long: list[int] = []
    no_verdict: list[int] = []
    bad_value: list[int] = []
    no_claimant: list[int] = []
    no_author = False
    for number, item in zip(numbers, items, strict=True):
        url = str(item.get("url") or "")
        if not url:
            missing_url.append(number)
        elif safe_url(url) is None:
            bad_url.append(number)
        rating = item.get("reviewRating") or {}
        verdict = str(rating.get("alternateName") or "").strip()
        if not verdict:
            no_verdict.append(number)
        value = rating.get("ratingValue")
        if value is not None and not (
            isinstance(value, int)
            and rating.get("worstRating", WORST_RATING) <= value <= rating.get("bestRating", 5)
        ):
            bad_value.append(number)
        claim = str(item.get("claimReviewed") or "").strip()
        if not claim:
            no_claim.append(number)
        elif _states_verdict(claim, verdict):
            verdict_first.append(number)
        elif _mentions(claim, verdict):
            verdict_inside.append(number)
        if len(claim) > SHORT_CLAIM:
            too_long.append(number)
        if not item.get("author"):
            no_author = True
        if not (item.get("itemReviewed") or {}).get("author"):
            no_claimant.append(number)
    problems: list[Problem] = []

    def error(found: list[int], text: str) -> None:
        if found:
            problems.append(Problem("error", f"{_numbers(found)}: {text}", text))

    def warning(found: list[int], text: str) -> None:
        if found:
            problems.append(Problem("warning", f"{_numbers(found)}: {text}", text))

    if missing_url and len(missing_url) == len(items):
        problems.append(Problem("error", NO_URL))
    else:
        error(missing_url, "no fact-check URL (required).")
    error(bad_url, "the fact-check URL is not an http(s) address.")
    error(no_claim, "the claim reviewed (claimReviewed) is empty.")
    error(no_verdict, "the verdict in words (reviewRating.alternateName) is missing.")
    error(verdict_first, "the claim reviewed states the verdict; it must be the claim alone.")
    error(bad_value, f"ratingValue is not a whole number from {WORST_RATING} to {BEST_RATING}.")
    warning(
        verdict_inside,
        "the claim reviewed contains the verdict's word; check that it does not read as the "
        "verdict.",
    )
    warning(
        too_long,
        f"the claim reviewed is longer than {SHORT_CLAIM} characters; Google suggests shorter "
        "claims so they fit on a phone.",
    )
    warning(no_claimant, "no claimant recorded (recommended: who made the claim).")
    if no_author:
        problems.append(Problem("warning", NO_PUBLISHER))
    return problems


def _same_address(pattern: str) -> Problem | None:
    """A pattern with no placeholder (its braces left out: `…/checks/slug`) gives every
    check of every article the one address: a warning, as a page of one check may be
    meant."""
    if not pattern or any(name for _text, name, _spec, _conv in string.Formatter().parse(pattern)):
        return None
    shown = pattern if len(pattern) <= 80 else pattern[:80] + "…"
    return Problem(
        "warning",
        f"The fact-check URL pattern “{shown}” has no placeholder: every check of every "
        "article gets that one address. Add {slug}, {number}, {article_id} or "
        "{sentence_id} where each check's address differs.",
    )


def publishing_problems(publishing: Publishing) -> list[Problem]:
    """What the validator says of the publishing settings alone, the same for every
    article: an unusable or missing fact-check URL pattern (an error for every article
    with a verdict), no publisher name (a warning). The dialog's *All articles* says them
    once, not once per article."""
    problems = []
    try:
        if not check_url_pattern(publishing.url_pattern):
            problems.append(Problem("error", publishing.refused_pattern or NO_URL))
    except FactcheckError as error:
        problems.append(Problem("error", str(error)))
    else:
        same = _same_address(publishing.url_pattern)
        problems += [same] if same is not None else []
    if not publishing.publisher_name:
        problems.append(Problem("warning", NO_PUBLISHER))
    return problems


def check(report: ArticleReport) -> list[Problem]:
    """What the validator says about this article's ClaimReview export, before exporting."""
    entries = reviewable(report)
    problems = []
    pattern_error = ""
    if report.publishing.url_pattern:
        try:
            check_url_pattern(report.publishing.url_pattern)
        except FactcheckError as error:
            pattern_error = str(error)
    else:  # one stored, and refused when read: not "No fact-check URL … Set the pattern"
        pattern_error = report.publishing.refused_pattern
    if not entries:
        problems.append(Problem("error", NOTHING_TO_PUBLISH))
    else:
        found = validate([claim_review(report, e) for e in entries], [e.number for e in entries])
        if pattern_error:  # one reason, not also "no fact-check URL" for every claim
            found = [p for p in found if "fact-check URL" not in p.message]
        problems += found
    if pattern_error:
        problems.insert(0, Problem("error", pattern_error))
    elif entries:
        same = _same_address(report.publishing.url_pattern)
        problems += [same] if same is not None else []
    unrated = [e.number for e in report.entries if e.tag is not None and e.review.verdict is None]
    if unrated:
        text = "no verdict yet, so not included."
        problems.append(Problem("warning", f"{_numbers(unrated)}: {text}", text))
    problems += _unsettled(entries)
    return problems


def _unsettled(entries: list[ReportSentence]) -> list[Problem]:
    """Warnings for verdicts that go out as settled though they are not: the reports say
    "(conflict)" or "(needs second look)" beside such a check, the markup cannot."""
    disputed = [e.number for e in entries if e.review.status is Status.CONFLICT]
    unfinished: dict[Status, list[int]] = {}
    for e in entries:
        if e.review.status in (Status.IN_PROGRESS, Status.SECOND_LOOK, Status.UNREVIEWED):
            unfinished.setdefault(e.review.status, []).append(e.number)
    returned = [
        e.number
        for e in entries
        if e.sign_off is not None and e.sign_off.decision is SignOffDecision.RETURNED
    ]
    problems = []

    def warning(found: list[int], text: str) -> None:
        if found:
            problems.append(Problem("warning", f"{_numbers(found)}: {text}", text))

    warning(
        disputed,
        "reviewers disagree on this verdict (conflict); it goes out as this desk's verdict. "
        "Decide it first.",
    )
    for status, numbers in unfinished.items():
        warning(
            numbers,
            f"the review is not finished ({status.label.lower()}); its verdict goes out as "
            "settled.",
        )
    warning(returned, "the editor returned this verdict to its checker; it goes out all the same.")
    return problems


# What a refusal of the markup starts with (the dialog's list of the articles refused by
# an export of every article leaves it out: "these 3 were not:" says it already).
REFUSED = "The ClaimReview markup cannot be exported: "


def render_claimreview(report: ArticleReport, ticker: Ticker | None = None) -> str:
    """The JSON-LD array; refuses (ClaimReviewInvalid) when a required field is missing."""
    errors = [p for p in check(report) if p.is_error]
    if errors:
        raise ClaimReviewInvalid(
            REFUSED + " ".join(p.message for p in errors),
            # Told apart by this, not by its words: two callers compared the message.
            nothing_to_publish=[p.message for p in errors] == [NOTHING_TO_PUBLISH],
        )
    items = claim_reviews(report, ticker)
    # Its place is a <script> element: `</script>` in any text must not end it.
    return script_safe_json(items) + "\n"
