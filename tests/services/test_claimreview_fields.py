"""Every ClaimReview object of a realistic review, checked field by field against Google's
list (required: claimReviewed, reviewRating.alternateName, url; recommended: author,
datePublished, itemReviewed as a Claim with author, appearance and datePublished; the
rating's ratingValue, bestRating and worstRating) — independently of the desk's own
validator, so a field the validator forgets to check is still caught."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from factcheck_app.domain.models import DEFAULT_SCALE, Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports import claimreview
from factcheck_app.services.reports.model import ArticleReport, load_article_report
from tests.conftest import SEED_FILE
from tests.sample_review import apply_sample_review
from tests.zones import in_zone

ARABIC_MINISTRY = "وزارة الخارجية الأرمنية"
LABELS = {r.key: r.label for r in DEFAULT_SCALE}
VALUES = {r.label: r.value for r in DEFAULT_SCALE}


@pytest.fixture
def team_report(tmp_path: Path) -> Iterator[ArticleReport]:
    """The sample review by Ana; Ben, working on a copy, disagrees on #1 and the merge
    keeps both (a conflict); an editor approves #2 and returns #3; #7's claimant is
    written in Arabic and its explanation holds quotes, accents, emoji and markup."""
    ana_path, ben_path = tmp_path / "ana.fcdesk", tmp_path / "ben.fcdesk"
    ana = Desk.open(ana_path, reviewer="Ana")
    article = ana.importer.import_file(SEED_FILE).article_id
    apply_sample_review(ana, article)
    ids = [row.sentence.id for row in ana.reviews.sentence_rows(article)]
    ana.reviews.set_text_field(ids[6], "claimant", ARABIC_MINISTRY)
    ana.reviews.set_text_field(
        ids[6], "explanation", "«Strikes» 🚀 — “no civilians”, Señor Pérez said. </script>"
    )
    ana.close()
    shutil.copy(ana_path, ben_path)
    ben = Desk.open(ben_path, reviewer="Ben")
    ben.reviews.set_verdict(ids[0], "false")
    ben.close()
    ana = Desk.open(ana_path, reviewer="Ana")
    try:
        ana.reviews.set_verdict(ids[0], "true")
        assert ana.merge.merge(ben_path).counts()["sentences_conflicting"] == 1
        ana.set_reviewer("Edith")
        ana.sign_offs.approve(ids[1])
        ana.sign_offs.send_back(ids[2], "Name the two agencies.")
        yield load_article_report(ana, article)
    finally:
        ana.close()


def is_date(value: Any) -> bool:
    return isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value


def check_item(item: dict[str, Any], entry_verdict: str, claimant: str, outlet: str) -> None:
    assert item["@context"] == "https://schema.org" and item["@type"] == "ClaimReview"
    # Required.
    assert re.fullmatch(r"https://factcheck\.example\.org/checks/[a-z0-9-]+#claim-\d+", item["url"])
    claim = item["claimReviewed"]
    assert claim.strip() == claim and claim and "\n" not in claim
    assert not re.match(rf"\W*{re.escape(entry_verdict)}\s*[:\-–—]", claim, re.IGNORECASE)
    rating = item["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"] == entry_verdict
    # The rating's numbers: on the scale, or absent for Unverifiable.
    if VALUES[entry_verdict] is None:
        assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)
    else:
        assert (rating["bestRating"], rating["worstRating"]) == (5, 1)
        assert rating["ratingValue"] == VALUES[entry_verdict]
    # Recommended.
    assert item["author"] == {
        "@type": "Organization",
        "name": "Example Fact Check",
        "url": "https://factcheck.example.org/",
    }
    assert is_date(item["datePublished"])
    reviewed = item["itemReviewed"]
    assert reviewed["@type"] == "Claim" and reviewed["datePublished"] == "2020-10-04"
    if claimant or outlet:
        assert reviewed["author"]["name"] == (claimant or outlet)
        assert reviewed["author"]["@type"] in ("Person", "Organization")
    appearance = reviewed["appearance"]
    assert appearance["url"] == "https://example.org/news/ankara-ganja"
    assert appearance["headline"].startswith("Ankara accuses Armenia")


def test_every_claimreview_object_has_googles_fields(team_report: ArticleReport) -> None:
    report = team_report
    assert [p for p in claimreview.check(report) if p.is_error] == []
    items = json.loads(claimreview.render_claimreview(report))
    checked = [s for s in report.entries if s.review.verdict is not None]
    # One per tagged statement with a verdict: claims, the denial and facts alike.
    assert len(items) == len(checked) == 11
    assert {s.tag for s in checked} == {Tag.CLAIM, Tag.DENIAL, Tag.FACT}
    assert len({item["url"] for item in items}) == len(items)  # one address per check
    for item, entry in zip(items, checked, strict=True):
        verdict = LABELS[entry.review.verdict]
        outlet = "Example News" if entry.tag is Tag.FACT else ""
        check_item(item, verdict, entry.review.claimant, outlet)
        assert item["url"].endswith(f"#claim-{entry.number}")
    by_number = {entry.number: item for item, entry in zip(items, checked, strict=True)}
    # The conflict goes out as this desk's decided verdict (and the validator warns of it).
    assert by_number[1]["reviewRating"]["alternateName"] == "True"
    assert any("#1: reviewers disagree" in p.message for p in claimreview.check(report))
    assert by_number[2]["editor"] == {"@type": "Person", "name": "Edith"}  # approved
    assert "editor" not in by_number[3]  # returned: no editor vouches for it
    assert by_number[7]["itemReviewed"]["author"]["name"] == ARABIC_MINISTRY
    assert "🚀" in by_number[7]["reviewRating"]["ratingExplanation"]
    assert by_number[6]["itemReviewed"]["author"]["name"] == "Armenian Ministry of Defence"


def test_the_day_of_a_verdict_is_the_desks_day_as_in_every_other_report(
    team_report: ArticleReport, request: pytest.FixtureRequest
) -> None:
    """A verdict given at 11 in the morning in Auckland is stored at 22:00 UTC the day
    before: the markup dated it the day before, while the report's own date and the
    sign-off days are the desk's day."""
    in_zone(request, "Pacific/Auckland")
    entry = next(e for e in claimreview.reviewable(team_report) if e.review.verdict)
    morning = replace(entry, review=replace(entry.review, updated_at="2026-12-05T22:00:00+00:00"))
    assert claimreview.claim_review(team_report, morning)["datePublished"] == "2026-12-06"
    # A time stored without its offset (an older or hand-made file) is UTC, as every
    # stored time is; one that is no time at all gives the report's day, the desk's too.
    older = replace(entry, review=replace(entry.review, updated_at="2026-12-05T22:00:00"))
    assert claimreview.claim_review(team_report, older)["datePublished"] == "2026-12-06"
    made = replace(team_report, generated_at=dt.datetime(2026, 12, 5, 22, 0, tzinfo=dt.UTC))
    broken = replace(entry, review=replace(entry.review, updated_at="yesterday"))
    assert claimreview.claim_review(made, broken)["datePublished"] == "2026-12-06"


def test_a_verdict_on_an_untagged_sentence_is_published_like_any_other_check(
    seeded_desk: Desk,
) -> None:
    """Every report shows a verdict given to a sentence nobody tagged as a check ("#10
    Untagged: True"), and the docs promise one ClaimReview per checked statement with a
    verdict; the markup left it out, without a word in the validator's findings."""
    apply_sample_review(seeded_desk, 1)
    ids = [row.sentence.id for row in seeded_desk.reviews.sentence_rows(1)]
    seeded_desk.reviews.set_tag(ids[9], None)  # #10 keeps its verdict, True
    report = load_article_report(seeded_desk, 1)
    assert 10 in [e.number for e in report.entries]  # the other reports show it
    items = json.loads(claimreview.render_claimreview(report))
    tenth = [item for item in items if item["url"].endswith("#claim-10")]
    assert len(tenth) == 1
    assert tenth[0]["claimReviewed"] == report.sentences[9].text
    assert tenth[0]["reviewRating"]["alternateName"] == "True"
    assert tenth[0]["reviewRating"]["ratingValue"] == VALUES["True"]
    # As many objects as checks with a verdict, which the HTML report counts.
    assert len(items) == sum(1 for e in report.entries if e.review.verdict is not None)


def test_a_sign_off_or_review_with_no_name_puts_no_empty_person_in_the_markup(
    team_report: ArticleReport,
) -> None:
    """An editor's or a checker's name a merged workspace or an older file left empty (or
    only invisible characters) went out as `"editor": {"@type": "Person", "name": ""}`:
    a Person with no name, in markup published for search engines to read."""
    second = team_report.entries[1]
    assert second.sign_off is not None
    unnamed = replace(
        second,
        sign_off=replace(second.sign_off, editor="\u202e"),
        review=replace(second.review, reviewer=" "),
    )
    item = claimreview.claim_review(team_report, unnamed)
    assert "editor" not in item and "contributor" not in item
    named = claimreview.claim_review(team_report, second)
    assert named["editor"] == {"@type": "Person", "name": "Edith"}
    assert named["contributor"]["name"]
