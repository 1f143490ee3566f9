"""A worked review of the sample article, for documentation screenshots, demos and tests.

Illustrative only: the verdicts, explanations and sources show what a finished review
looks like; they are not a real fact-check, and every source points at example.org.
"""

from __future__ import annotations

import datetime as dt

from factcheck_app.domain.models import ArticleMetadata, Stance, Status, Tag
from factcheck_app.services import settings
from factcheck_app.services.desk import Desk, NewSource

ACCESSED = dt.date(2020, 10, 5)

# (sentence number, tag, rating, claimant, explanation, status override, sources)
SampleSource = tuple[str, str, str, Stance, str]
REVIEWS: tuple[tuple[int, Tag | None, str | None, str, str, Status | None, list[SampleSource]], ...]
REVIEWS = (
    (
        1,
        Tag.CLAIM,
        "mixed",
        "Turkish Ministry of Foreign Affairs",
        "Rocket strikes on Ganja on 4 October are well documented. Whether they breached the "
        "Geneva Conventions turns on what was targeted, which nobody had established on the "
        "day the statement was made.",
        None,
        [
            (
                "https://example.org/mfa/statement-ganja",
                "Statement on the attacks against Ganja",
                "Ministry of Foreign Affairs, Ankara",
                Stance.CONTEXT,
                "a new manifestation of Armenia's unlawful attitude",
            ),
        ],
    ),
    (
        2,
        Tag.FACT,
        "true",
        "",
        "The official 2020 population estimate for Ganja is within one per cent of 332,000.",
        None,
        [
            (
                "https://example.org/stat/population-2020",
                "Population of cities, 1 January 2020",
                "State Statistical Committee",
                Stance.SUPPORTS,
                "Ganja city … 335.6 thousand",
            ),
        ],
    ),
    (
        3,
        Tag.FACT,
        "true",
        "",
        "Footage geolocated by two agencies shows damaged apartment blocks and fires in the "
        "city centre on the morning of 4 October.",
        None,
        [
            (
                "https://example.org/wire/ganja-strikes",
                "Rockets hit Azerbaijan's second city",
                "Wire service",
                Stance.SUPPORTS,
                "Several residential buildings were damaged and fires broke out.",
            ),
        ],
    ),
    (
        4,
        Tag.CLAIM,
        "unverifiable",
        "Turkish Ministry of Foreign Affairs",
        "A characterisation rather than a checkable statement of fact.",
        None,
        [],
    ),
    (
        5,
        Tag.CLAIM,
        "mostly_true",
        "Government of Azerbaijan",
        "The prosecutor general gave the same toll on 4 October; hospital admissions "
        "published the next day agree within two.\n\nWhere the shells were fired from "
        "could not be confirmed independently.",
        None,
        [
            (
                "https://example.org/prosecutor/ganja-statement",
                "Statement on the shelling of Ganja",
                "Prosecutor General of Azerbaijan",
                Stance.SUPPORTS,
                "one civilian was killed and 32 wounded",
            ),
            (
                "https://example.org/health/ganja-admissions",
                "Ganja hospital admissions, 4–5 October",
                "Local health authority",
                Stance.CONTEXT,
                "",
            ),
        ],
    ),
    (
        6,
        Tag.DENIAL,
        "unverifiable",
        "Armenian Ministry of Defence",
        "No independent evidence yet shows where the rockets were launched from.",
        None,
        [
            (
                "https://example.org/mod/briefing-0410",
                "Briefing of 4 October",
                "Armenian Ministry of Defence",
                Stance.CONTEXT,
                "Armenian forces did not open fire from the territory of the Republic of Armenia.",
            ),
        ],
    ),
    (
        7,
        Tag.CLAIM,
        "mostly_true",
        "Government of Armenia",
        "Strikes on Stepanakert that day were reported by journalists in the city; the "
        "casualty figures were still provisional.",
        None,
        [
            (
                "https://example.org/wire/stepanakert",
                "Shelling reported in Stepanakert",
                "Wire service",
                Stance.SUPPORTS,
                "Explosions were heard across the city throughout the morning.",
            ),
        ],
    ),
    (
        8,
        Tag.FACT,
        "mixed",
        "",
        "The region declared independence in 1991, during the 1988–1994 war rather than "
        "after it, and “ceded” should read “seceded”.",
        None,
        [],
    ),
    (9, Tag.CLAIM, None, "Government of Azerbaijan", "", Status.IN_PROGRESS, []),
    (
        10,
        Tag.FACT,
        "true",
        "",
        "The fighting began on Sunday, 27 September 2020.",
        None,
        [],
    ),
    (
        11,
        Tag.CLAIM,
        "mostly_true",
        "",
        "Diplomatic support is on the record; the scale of military assistance is disputed.",
        Status.SECOND_LOOK,
        [],
    ),
    (
        12,
        Tag.FACT,
        "true",
        "",
        "France, Russia and the United States co-chair the OSCE Minsk Group.",
        None,
        [
            (
                "https://example.org/osce/minsk-group",
                "Minsk Group",
                "OSCE",
                Stance.SUPPORTS,
                "The Minsk Group is co-chaired by France, the Russian Federation and the "
                "United States.",
            ),
        ],
    ),
)
DENIALS = {6: 5}  # sentence 6 denies sentence 5


def apply_sample_review(desk: Desk, article_id: int) -> None:
    """Review the sample article as a desk would (through the ordinary services)."""
    desk.articles.update_article_metadata(
        article_id,
        ArticleMetadata(
            title="Ankara accuses Armenia of targeting Ganja and violating Geneva Conventions",
            outlet="Example News",
            author="Staff reporter",
            url="https://example.org/news/ankara-ganja",
            published=dt.date(2020, 10, 4),
        ),
    )
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(article_id)]
    for number, tag, rating, claimant, explanation, status, sources in REVIEWS:
        if number > len(ids):
            continue
        sid = ids[number - 1]
        desk.reviews.set_tag(sid, tag)
        if claimant:
            desk.reviews.set_text_field(sid, "claimant", claimant)
        if explanation:
            desk.reviews.set_text_field(sid, "explanation", explanation)
        for url, title, publisher, stance, excerpt in sources:
            desk.sources.link_source(
                sid, NewSource(url, title, publisher, ACCESSED, stance, excerpt)
            )
        desk.reviews.set_verdict(sid, rating)
        if status is not None:
            desk.reviews.set_status(sid, status)
    for denial, claim in DENIALS.items():
        desk.reviews.set_denies(ids[denial - 1], ids[claim - 1])
    settings.set_setting(desk, settings.PUBLISHER_NAME, "Example Fact Check")
    settings.set_setting(desk, settings.PUBLISHER_URL, "https://factcheck.example.org/")
    settings.set_setting(
        desk,
        settings.FACTCHECK_URL_PATTERN,
        "https://factcheck.example.org/checks/{slug}#claim-{number}",
    )
