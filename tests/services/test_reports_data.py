"""Data exports: the JSON round trip through another workspace, ClaimReview, settings."""

from __future__ import annotations

import copy
import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest

from factcheck_app.domain.errors import EditRefused, FactcheckError, InvalidSourceUrl
from factcheck_app.domain.models import Stance, Tag
from factcheck_app.services import settings
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.export import article_review, article_review_json
from factcheck_app.services.reports import claimreview
from factcheck_app.services.reports.json_report import review_data
from factcheck_app.services.reports.model import Publishing, load_article_report
from factcheck_app.services.reports.review_import import (
    ReviewImportError,
    import_review,
    read_review_file,
)
from tests.sample_review import apply_sample_review

PATTERN = "https://factcheck.example.org/checks/{slug}#claim-{number}"


@pytest.fixture
def reviewed(seeded_desk: Desk) -> Desk:
    apply_sample_review(seeded_desk, 1)
    return seeded_desk


# Fields that name rows of one workspace or moments of one export; everything else must
# survive the trip exactly.
WORKSPACE_LOCAL = {"id", "imported_at", "exported_at", "denies_sentence_id"}


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in WORKSPACE_LOCAL}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    result: dict[str, Any] = strip(copy.deepcopy(data))
    return result


# -- JSON --------------------------------------------------------------------------------------


def test_json_keeps_its_original_fields_and_adds_reading_positions(reviewed: Desk) -> None:
    data = article_review(reviewed, 1)
    assert data["format"] == "factcheck-desk-review" and data["format_version"] == 1
    denial = data["sentences"][5]
    assert set(denial) >= {
        "index", "id", "paragraph", "text", "start", "end", "tag", "verdict", "rating",
        "claimant", "explanation", "status", "denies_sentence_id", "reviewer", "updated_at",
        "sources",
    }  # fmt: skip
    assert denial["denies_index"] == 4 and denial["number"] == 6
    assert denial["denies_sentence_id"] == data["sentences"][4]["id"]
    assert data["sentences"][0]["rating_value"] == 3 and denial["rating_value"] is None
    assert data["article"]["segmenter"] and data["summary"]["tags"]["denial"] == 1
    assert json.loads(article_review_json(reviewed, 1)) == data


def test_json_round_trips_through_another_workspace(reviewed: Desk, tmp_path: Path) -> None:
    exported = article_review(reviewed, 1)
    other = Desk.open(tmp_path / "other.fcdesk")
    try:
        other.importer.import_text("An unrelated article sits here first. It takes article id 1.")
        result = import_review(other, copy.deepcopy(exported), source_name="review.json")
        assert result.article_id == 2 and result.sentence_count == 12
        links = sum(len(s["sources"]) for s in exported["sentences"])
        assert result.review_count == 12 and result.link_count == links == 8
        again = article_review(other, result.article_id)
        assert comparable(again) == comparable(exported)
        # Denial links point at the same sentence, under the new workspace's ids.
        denial, claim = again["sentences"][5], again["sentences"][4]
        assert denial["denies_sentence_id"] == claim["id"] != exported["sentences"][4]["id"]
        assert other.reviews.review(denial["id"]).denies_sentence_id == claim["id"]
        # Sources keep stance and excerpt, and one source record serves every link to it.
        assert again["sentences"][4]["sources"][0]["excerpt"].startswith("one civilian")
        assert len(other.sources.sources()) == len(
            {s["url"] for x in exported["sentences"] for s in x["sources"]}
        )
        # The article is itself again: same text, hash, metadata and boundaries.
        assert again["article"]["content_hash"] == exported["article"]["content_hash"]
        assert [(s["start"], s["end"]) for s in again["sentences"]] == [
            (s["start"], s["end"]) for s in exported["sentences"]
        ]
    finally:
        other.close()


def test_an_article_whose_title_a_markdown_heading_made_long_round_trips(
    desk: Desk, tmp_path: Path
) -> None:
    """A Markdown file whose first heading runs 20,000 characters gives the article that
    title (and Article Properties takes 32,767); its JSON export was refused by
    import-review as "“title” is too long", so the desk's own export did not import."""
    heading = "Minister " + "says " * 4_000
    source = tmp_path / "long.md"
    source.write_text(f"# {heading}\n\nThe minister spoke. Nobody listened.\n", encoding="utf-8")
    article_id = desk.importer.import_file(source).article_id
    assert len(desk.articles.article_metadata(article_id).title) > 10_000
    first = desk.reviews.sentence_rows(article_id)[0].sentence.id
    desk.reviews.set_tag(first, Tag.CLAIM)
    long_name = "Ministry " * 2_000
    desk.sources.link_source(
        first, NewSource("https://example.org/s", long_name, long_name, None, Stance.SUPPORTS)
    )
    exported = article_review(desk, article_id)
    other = Desk.open(tmp_path / "other.fcdesk")
    try:
        result = import_review(other, copy.deepcopy(exported))
        assert comparable(article_review(other, result.article_id)) == comparable(exported)
    finally:
        other.close()


def test_import_refuses_what_it_cannot_take_whole(reviewed: Desk, tmp_path: Path) -> None:
    good = article_review(reviewed, 1)
    other = Desk.open(tmp_path / "other.fcdesk")

    def refused(data: dict[str, Any], words: str) -> None:
        with pytest.raises(ReviewImportError, match=words):
            import_review(other, data)
        assert other.articles.list_articles() == []  # nothing half-imported

    try:
        refused({"format": "something-else"}, "not a Factcheck desk review export")
        refused(good | {"format_version": 99}, "newer than this version")
        moved = copy.deepcopy(good)
        moved["sentences"][3]["start"] += 1
        refused(moved, "does not match the article text")
        overlap = copy.deepcopy(good)
        overlap["sentences"][2]["start"] = overlap["sentences"][1]["start"]
        overlap["sentences"][2].pop("text")
        refused(overlap, "overlaps")
        bad_url = copy.deepcopy(good)
        bad_url["sentences"][4]["sources"][0]["url"] = "javascript:alert(1)"
        refused(bad_url, "Only http:// and https://")
        bad_verdict = copy.deepcopy(good)
        bad_verdict["sentences"][0]["rating"] = "pants_on_fire"
        refused(bad_verdict, "unknown verdict")
        edited = copy.deepcopy(good)
        edited["article"]["text"] += " Added later."
        refused(edited, "does not match its content hash")
        import_review(other, copy.deepcopy(good))
        with pytest.raises(ReviewImportError, match="already in the workspace"):
            import_review(other, copy.deepcopy(good))
    finally:
        other.close()


@pytest.mark.parametrize("paragraph", [2**63, 10**20, 10**6])
def test_a_paragraph_number_no_article_has_is_refused_in_words(
    paragraph: int, reviewed: Desk, tmp_path: Path
) -> None:
    """A review file with `"paragraph": 99999999999999999999` (hand-edited, or made by
    another program) ended `import-review` as an "unexpected error (OverflowError …)",
    a bug's line; one just under SQLite's limit was stored. An article has no more
    paragraphs than characters."""
    data = article_review(reviewed, 1)
    data["sentences"][1]["paragraph"] = paragraph
    other = Desk.open(tmp_path / "other.fcdesk")
    try:
        with pytest.raises(ReviewImportError, match="Sentence 2: “paragraph” must be a whole"):
            import_review(other, data)
        assert other.articles.list_articles() == []
    finally:
        other.close()


def test_read_review_file_explains_bad_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(ReviewImportError, match="not valid JSON"):
        read_review_file(broken)
    with pytest.raises(ReviewImportError, match="no such file"):
        read_review_file(tmp_path / "missing.json")


def test_a_review_file_that_cannot_be_read_is_said_once_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One in a folder that may not be opened read "r.json: cannot read the file
    ([Errno 13] Permission denied: '/…/r.json')", the path twice and Python's errno."""
    review = tmp_path / "r.json"
    review.write_text("{}", encoding="utf-8")

    def refused(*args: object, **kwargs: object) -> os.stat_result:
        raise PermissionError(errno.EACCES, "Permission denied", str(review))

    monkeypatch.setattr(Path, "stat", refused)
    with pytest.raises(ReviewImportError) as refusal:
        read_review_file(review)
    assert str(refusal.value) == f"{review}: cannot read the file (Permission denied)."


def test_exports_written_before_denies_index_still_import(reviewed: Desk, tmp_path: Path) -> None:
    old = article_review(reviewed, 1)
    for sentence in old["sentences"]:  # as version 0.1 wrote them
        for key in ("number", "rating_value", "denies_index"):
            sentence.pop(key)
    other = Desk.open(tmp_path / "other.fcdesk")
    try:
        result = import_review(other, old)
        rows = other.reviews.sentence_rows(result.article_id)
        assert rows[5].review.denies_sentence_id == rows[4].sentence.id
    finally:
        other.close()


# -- ClaimReview -------------------------------------------------------------------------------


def test_claimreview_needs_a_url_and_says_so_in_words(seeded_desk: Desk) -> None:
    apply_sample_review(seeded_desk, 1)
    settings.set_setting(seeded_desk, settings.FACTCHECK_URL_PATTERN, "")
    report = load_article_report(seeded_desk, 1)
    problems = claimreview.check(report)
    errors = [p for p in problems if p.is_error]
    assert len(errors) == 1 and "No fact-check URL" in errors[0].message
    assert any("#9: no verdict yet" in p.message for p in problems if not p.is_error)
    with pytest.raises(claimreview.ClaimReviewInvalid, match="No fact-check URL"):
        claimreview.render_claimreview(report)


def test_claimreview_has_googles_required_fields(reviewed: Desk) -> None:
    report = load_article_report(reviewed, 1)
    assert [p for p in claimreview.check(report) if p.is_error] == []
    items = json.loads(claimreview.render_claimreview(report))
    assert len(items) == 11  # every tagged statement with a verdict; #9 has none yet
    assert not [p for p in claimreview.validate(items) if p.is_error]
    for item in items:
        assert item["@context"] == "https://schema.org" and item["@type"] == "ClaimReview"
        assert item["url"].startswith("https://factcheck.example.org/checks/ankara-accuses")
        assert item["claimReviewed"] and item["reviewRating"]["alternateName"]
        assert item["author"]["name"] == "Example Fact Check"
        assert item["itemReviewed"]["@type"] == "Claim"
        assert item["itemReviewed"]["appearance"]["url"] == "https://example.org/news/ankara-ganja"
    first = items[0]
    assert first["url"].endswith("#claim-1")
    assert first["reviewRating"] | {"ratingExplanation": ""} == {
        "@type": "Rating",
        "ratingValue": 3,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mixed",
        "ratingExplanation": "",
    }
    assert first["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Turkish Ministry of Foreign Affairs",
    }
    unverifiable = next(i for i in items if i["reviewRating"]["alternateName"] == "Unverifiable")
    assert not {"ratingValue", "bestRating", "worstRating"} & set(unverifiable["reviewRating"])
    fact = next(i for i in items if i["url"].endswith("#claim-2"))
    assert fact["itemReviewed"]["author"]["name"] == "Example News"  # the outlet states facts
    true_values = {
        i["reviewRating"]["ratingValue"]
        for i in items
        if i["reviewRating"]["alternateName"] == "True"
    }
    assert true_values == {5}


def test_claimreview_warns_of_verdicts_not_yet_settled(reviewed: Desk) -> None:
    """The reports print "(conflict)", "(needs second look)" beside such a check, but the
    ClaimReview markup, which search engines show as the outlet's verdict, has no place to
    say it, and the validator said nothing: a verdict two reviewers dispute, one marked for
    a second look, or one the editor returned went out as settled without a word."""
    import dataclasses

    from factcheck_app.domain.models import SignOff, SignOffDecision, Status

    report = load_article_report(reviewed, 1)
    first, second = claimreview.reviewable(report)[:2]
    returned = SignOff(second.id, SignOffDecision.RETURNED, "Ed", "tester", "Source?")
    changed = {
        first.id: dataclasses.replace(
            first, review=dataclasses.replace(first.review, status=Status.CONFLICT)
        ),
        second.id: dataclasses.replace(second, sign_off=returned),
    }
    report = dataclasses.replace(
        report, sentences=tuple(changed.get(s.id, s) for s in report.sentences)
    )
    problems = claimreview.check(report)
    assert [p for p in problems if p.is_error] == []  # warned, not blocked
    warnings = [p.message for p in problems]
    assert any(m.startswith(f"#{first.number}:") and "reviewers disagree" in m for m in warnings), (
        warnings
    )
    assert any(m.startswith("#11:") and "needs second look" in m for m in warnings), warnings
    assert any(m.startswith(f"#{second.number}:") and "editor returned" in m for m in warnings), (
        warnings
    )


def test_validator_spots_a_verdict_written_into_the_claim() -> None:
    item = {
        "url": "https://example.org/c#1",
        "claimReviewed": "False: the bridge was closed",
        "author": {"name": "Desk"},
        "reviewRating": {"alternateName": "False", "ratingValue": 1},
        "itemReviewed": {"author": {"name": "Baku"}},
    }
    problems = claimreview.validate([item], [7])
    assert [p.level for p in problems] == ["error"]
    assert "#7: the claim reviewed states the verdict" in problems[0].message
    item["claimReviewed"] = "The bridge was closed, a false report said"
    assert [p.level for p in claimreview.validate([item])] == ["warning"]
    item["claimReviewed"] = "The bridge was closed"
    item["reviewRating"] = {"alternateName": "", "ratingValue": 9}
    item["url"] = "ftp://example.org"
    messages = " ".join(p.message for p in claimreview.validate([item]))
    assert "alternateName" in messages and "ratingValue" in messages and "http(s)" in messages


def test_a_claim_about_a_court_verdict_is_not_refused_as_stating_its_own(desk: Desk) -> None:
    """Any claim holding the word "verdict" was an error that blocked the article's whole
    ClaimReview export ("states the verdict; it must be the claim alone"), though court
    reporting is full of them: only a verdict written as a label ("Verdict: …") is one."""
    article = desk.importer.import_text(
        "The jury's verdict was read out on Friday, the court said. Nobody appealed it."
    ).article_id
    sentence = desk.reviews.sentence_rows(article)[0].sentence.id
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.reviews.set_verdict(sentence, "true")
    settings.set_setting(desk, settings.FACTCHECK_URL_PATTERN, PATTERN)
    report = load_article_report(desk, article)
    assert [p for p in claimreview.check(report) if p.is_error] == []
    (item,) = json.loads(claimreview.render_claimreview(report))
    assert item["claimReviewed"].startswith("The jury's verdict was read out")
    labelled = item | {"claimReviewed": "The jury acquitted him. Verdict: mostly true"}
    errors = [p.message for p in claimreview.validate([labelled]) if p.is_error]
    assert errors == ["#1: the claim reviewed states the verdict; it must be the claim alone."]


def test_claimreview_url_pattern_placeholders(reviewed: Desk) -> None:
    report = load_article_report(reviewed, 1)
    entry = report.sentences[4]
    for pattern, url in (
        ("https://x.org/{article_id}/{sentence_id}", f"https://x.org/1/{entry.id}"),
        ("https://x.org/a#{number}", "https://x.org/a#5"),
    ):
        custom = type(report)(
            report.article, report.sentences, publishing=Publishing(url_pattern=pattern)
        )
        assert claimreview.fact_check_url(custom, entry) == url


# -- settings ----------------------------------------------------------------------------------


def test_settings_are_typed_checked_and_stored_in_the_workspace(desk: Desk) -> None:
    assert settings.get_setting(desk, settings.PUBLISHER_NAME) == ""
    assert settings.set_setting(desk, settings.PUBLISHER_NAME, "  Desk  ") == "Desk"
    assert settings.get_setting(desk, settings.PUBLISHER_NAME) == "Desk"
    assert desk.repo.db.execute(
        "SELECT value FROM settings WHERE key = 'publisher.name'"
    ).fetchone() == ("Desk",)
    settings.set_setting(desk, settings.FACTCHECK_URL_PATTERN, PATTERN)
    assert settings.get_setting(desk, settings.FACTCHECK_URL_PATTERN) == PATTERN
    with pytest.raises(EditRefused, match=r"Unknown placeholder \{id\}"):
        settings.set_setting(desk, settings.FACTCHECK_URL_PATTERN, "https://x.org/{id}")
    with pytest.raises(EditRefused, match="unbalanced"):
        settings.set_setting(desk, settings.FACTCHECK_URL_PATTERN, "https://x.org/{number")
    with pytest.raises(InvalidSourceUrl):
        settings.set_setting(desk, settings.PUBLISHER_URL, "javascript:alert(1)")
    settings.set_setting(desk, settings.PUBLISHER_NAME, "")  # the default removes the row
    assert (
        desk.repo.db.execute(
            "SELECT count(*) FROM settings WHERE key = 'publisher.name'"
        ).fetchone()[0]
        == 0
    )
    assert settings.get_setting(desk, settings.FACTCHECK_URL_PATTERN) == PATTERN


def test_read_only_workspace_refuses_settings_in_words(seeded_desk: Desk) -> None:
    path = seeded_desk.path
    assert path is not None
    seeded_desk.close()
    reader = Desk.open(path, read_only=True)
    try:
        with pytest.raises(FactcheckError, match="read-only"):
            settings.set_setting(reader, settings.PUBLISHER_NAME, "Desk")
    finally:
        reader.close()


def test_review_data_of_an_untouched_article_is_all_defaults(seeded_desk: Desk) -> None:
    data = review_data(load_article_report(seeded_desk, 1))
    assert data["progress"] == {
        "reviewed": 0,
        "total": 12,
        "by_status": {
            "unreviewed": 12,
            "in_progress": 0,
            "done": 0,
            "second_look": 0,
            "conflict": 0,
        },
    }
    assert all(s["tag"] is None and s["sources"] == [] for s in data["sentences"])
    assert seeded_desk.reviews.review(data["sentences"][0]["id"]).tag is None


def test_who_linked_a_source_survives_the_round_trip_after_a_split(
    seeded_desk: Desk, tmp_path: Path
) -> None:
    """A split gives both parts the sentence's sources, the part without the review too.
    Ana's link there, where only Bo then reviewed, was Bo's after a JSON round trip: the
    file named who linked a source only in the reviews of those who reviewed the sentence,
    so each reviewer's sources in the export read back differently."""
    article_id = seeded_desk.articles.list_articles()[0].id
    sentence = seeded_desk.reviews.sentence_rows(article_id)[3].sentence
    seeded_desk.set_reviewer("Ana Ruiz")
    seeded_desk.reviews.set_tag(sentence.id, Tag.CLAIM)
    seeded_desk.sources.link_source(
        sentence.id, NewSource("https://example.org/s", "S", "P", None, Stance.SUPPORTS, "q")
    )
    at = sentence.start + sentence.text.index(" ", len(sentence.text) // 2)
    seeded_desk.boundaries.split_sentence(sentence.id, at)
    second = seeded_desk.reviews.sentence_rows(article_id)[4].sentence.id
    seeded_desk.set_reviewer("Bo Chen")
    seeded_desk.reviews.set_tag(second, Tag.FACT)
    exported = article_review(seeded_desk, article_id)
    assert [v["sources"] for v in exported["sentences"][4]["reviews"]] == [[]]  # Bo linked none
    other = Desk.open(tmp_path / "other.fcdesk")
    try:
        result = import_review(other, copy.deepcopy(exported))
        assert comparable(article_review(other, result.article_id)) == comparable(exported)
    finally:
        other.close()
