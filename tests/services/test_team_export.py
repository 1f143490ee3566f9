"""The JSON export carries every reviewer's own review and the sign-off; import-review
keeps them; the reports name the checkers and the approvers (issue 16)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from factcheck_app.__main__ import main as run
from factcheck_app.domain.models import Review, SignOff, SignOffDecision, Stance, Status, Tag
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.export import article_review
from factcheck_app.services.reports import formats
from factcheck_app.services.reports.model import ArticleReport, load_article_report
from factcheck_app.services.reports.review_import import (
    ReviewImportError,
    check_review,
    import_review,
)
from tests.sample_review import apply_sample_review
from tests.services.test_counts_wording import spaced_words
from tests.team_support import sentence_ids

AT = "2026-12-01T10:00:00+00:00"
ANA_SOURCE = "https://example.org/ana-found-this"


@pytest.fixture
def team_desk(seeded_desk: Desk) -> Desk:
    """The sample review (by "tester"), plus Ana's and Ben's own reviews of the first
    sentence, Ana's source on it, and Ben's approval of the decided verdict."""
    return with_team_review(seeded_desk)


def with_team_review(seeded_desk: Desk) -> Desk:
    apply_sample_review(seeded_desk, 1)
    first = sentence_ids(seeded_desk)[0]
    seeded_desk.set_reviewer("Ana")  # Ana links her source: the link says so
    seeded_desk.sources.link_source(
        first, NewSource(ANA_SOURCE, "Ana's source", "", dt.date(2026, 12, 1), Stance.REFUTES, "")
    )
    seeded_desk.set_reviewer("tester")
    team = seeded_desk.repo.reviews
    with seeded_desk.repo.db.atomic():
        team.save_version(
            Review(
                first,
                Tag.CLAIM,
                "false",
                "the ministry",
                "Ana's words",
                Status.DONE,
                reviewer="Ana",
                updated_at=AT,
            )
        )
        team.save_version(
            Review(
                first, Tag.CLAIM, "mixed", "", "", Status.IN_PROGRESS, reviewer="Ben", updated_at=AT
            )
        )
        seeded_desk.repo.sign_offs.save(
            SignOff(first, SignOffDecision.APPROVED, "Ben", "tester", "fine", AT)
        )
    return seeded_desk


def reviews_by_name(sentence: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {review["reviewer"]: review for review in sentence["reviews"]}


def test_each_sentence_carries_every_review_and_its_sign_off(team_desk: Desk) -> None:
    data = article_review(team_desk, 1)
    first, second = data["sentences"][:2]
    ana, ben = reviews_by_name(first)["Ana"], reviews_by_name(first)["Ben"]
    assert ana == {
        "reviewer": "Ana",
        "tag": "claim",
        "verdict": "False",
        "rating": "false",
        "claimant": "the ministry",
        "explanation": "Ana's words",
        "status": "done",
        "denies_index": None,
        "sources": [
            {
                "url": ANA_SOURCE,
                "title": "Ana's source",
                "publisher": "",
                "accessed": "2026-12-01",
                "stance": "refutes",
                "excerpt": "",
            }
        ],
        "updated_at": AT,
    }
    assert (ben["verdict"], ben["status"], ben["sources"]) == ("Mixed", "in_progress", [])
    # The decided values stay where they were, with every source of the sentence.
    assert (first["rating"], first["reviewer"]) == ("mixed", "tester")
    assert ANA_SOURCE in [s["url"] for s in first["sources"]]
    assert first["sign_off"] == {
        "decision": "approved",
        "editor": "Ben",
        "checker": "tester",
        "note": "fine",
        "at": AT,
    }
    assert second["sign_off"] is None
    assert "Ana" not in reviews_by_name(second)


def test_import_review_keeps_each_reviewer(team_desk: Desk, tmp_path: Path) -> None:
    exported = article_review(team_desk, 1)
    other = Desk.open(tmp_path / "other.fcdesk")
    try:
        result = import_review(other, exported)
        assert {"Ana", "Ben"} <= set(result.reviewers) and result.sign_off_count == 1
        again = article_review(other, result.article_id)
        first = sentence_ids(other, result.article_id)[0]
        (link,) = [
            link
            for link in other.repo.sources.links_for_sentence(first)
            if link.source.url == ANA_SOURCE
        ]
        assert link.reviewer == "Ana"
    finally:
        other.close()
    for before, after in zip(exported["sentences"], again["sentences"], strict=True):
        assert after["reviews"] == before["reviews"]
        assert after["sign_off"] == before["sign_off"]


def test_an_export_from_before_team_review_still_imports(team_desk: Desk, tmp_path: Path) -> None:
    """No "reviews" list and no "sign_off": each decided review becomes its reviewer's own."""
    exported = article_review(team_desk, 1)
    for sentence in exported["sentences"]:
        del sentence["reviews"], sentence["sign_off"]
    other = Desk.open(tmp_path / "other.fcdesk")
    try:
        result = import_review(other, exported)
        again = article_review(other, result.article_id)
    finally:
        other.close()
    assert result.reviewers == () and result.sign_off_count == 0
    for sentence in again["sentences"]:
        reviewed = sentence["status"] != "unreviewed" or sentence["tag"] is not None
        expected = ["tester"] if reviewed else []
        assert [r["reviewer"] for r in sentence["reviews"]] == expected
        assert sentence["sign_off"] is None


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda s: s.update(reviews="Ana"), "“reviews” must be a list"),
        (lambda s: s["reviews"].append({"tag": "claim"}), "review 3: it names no reviewer"),
        (lambda s: s["reviews"].append(dict(s["reviews"][0])), "has two reviews of this"),
        (lambda s: s["reviews"][0].update(rating="bogus"), "unknown verdict"),
        (lambda s: s["reviews"][0].update(status="conflict"), "review 1:"),
        (lambda s: s.update(sign_off={"decision": "maybe"}), "“decision” must be one of"),
        (lambda s: s.update(sign_off={"decision": "approved"}), "it names no editor"),
        # A hand-edited file cannot bring in a sign-off the desk would refuse.
        (
            lambda s: s["sign_off"].update(editor="tester"),
            "gave this verdict, so cannot approve it",
        ),
        (
            lambda s: s["sign_off"].update(editor=" TESTER "),
            "gave this verdict, so cannot approve it",
        ),
        (  # Ana's own finished review gives the decided verdict: she is its checker
            lambda s: (
                s["reviews"][0].update(rating=s["rating"]),
                s["sign_off"].update(editor="Ana"),
            ),
            "gave this verdict, so cannot approve it",
        ),
        (lambda s: s.update(rating=None), "no verdict to sign off"),
        (lambda s: s.update(status="in_progress"), "Only a finished review"),
        (lambda s: s.update(status="conflict"), "Reviewers disagree"),
        (
            lambda s: s["sign_off"].update(decision="returned", note=" ", editor="Zoë"),
            "returned with a note",
        ),
    ],
)
def test_a_wrong_review_list_or_sign_off_is_refused_in_words(
    team_desk: Desk, change: Any, words: str
) -> None:
    exported = article_review(team_desk, 1)
    first = exported["sentences"][0]
    first["reviews"] = [reviews_by_name(first)["Ana"], reviews_by_name(first)["Ben"]]
    change(first)
    with pytest.raises(ReviewImportError, match="Sentence 1") as error:
        check_review(exported)
    assert words in str(error.value) and "Nothing was imported" in str(error.value)


def test_the_reports_name_the_checker_and_the_approver(team_desk: Desk) -> None:
    report = load_article_report(team_desk, 1)
    assert report.credits == "Reviewed by tester; approved by Ben (1 of 11 verdicts)"
    for key in ("html", "md"):
        text = formats.render_article(key, report)
        assert isinstance(text, str) and "approved by Ben" in text, key
    # ClaimReview publishes the decided verdict only: Ana's "false" is nowhere in it.
    claimreview = json.loads(str(formats.render_article("claimreview", report)))
    ratings = json.dumps(claimreview)
    assert "Mixed" in ratings and "Ana" not in ratings
    # ... and names who checked it and the editor who approved it (schema.org's
    # CreativeWork contributor and editor), beside the publishing organisation.
    items = claimreview if isinstance(claimreview, list) else claimreview.get("@graph", [])
    first = next(i for i in items if "Mixed" in json.dumps(i["reviewRating"]))
    assert first["contributor"] == {"@type": "Person", "name": "tester"}
    assert first["editor"] == {"@type": "Person", "name": "Ben"}


def test_the_command_line_says_whose_reviews_it_kept(
    team_desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = team_desk.path
    team_desk.close()
    review = tmp_path / "review.json"
    assert run(["export", "-w", str(path), "--article", "1", "-o", str(review)]) == 0
    capsys.readouterr()
    assert run(["import-review", "-w", str(tmp_path / "other.fcdesk"), str(review)]) == 0
    err = capsys.readouterr().err
    assert "Kept 3 reviewers' own reviews (Ana, Ben, " in err and "1 sign-off." in err


def test_import_review_records_names_as_the_desk_does(team_desk: Desk, tmp_path: Path) -> None:
    """A name in a hand-edited file with a right-to-left override or a line break is kept
    as one line of visible text, as a name typed in the desk is: it cannot turn the rest
    of a history line, a report or the agreement table around."""
    exported = article_review(team_desk, 1)
    first = exported["sentences"][0]
    reviews_by_name(first)["Ana"]["reviewer"] = "An\u202ea\nRuiz"
    first["sign_off"]["editor"] = "B\u202een\r\n"
    other = Desk.open(tmp_path / "other.fcdesk")
    try:
        result = import_review(other, exported)
        sentence = sentence_ids(other, result.article_id)[0]
        names = {v.reviewer for v in other.repo.reviews.versions(sentence)}
        sign_off = other.repo.sign_offs.get(sentence)
    finally:
        other.close()
    assert "Ana Ruiz" in names and "Ana Ruiz" in result.reviewers
    assert all(name.isprintable() for name in names)
    assert sign_off is not None and sign_off.editor == "Ben"


def returned_report(desk: Desk) -> ArticleReport:
    """The team review with Ben's approval of the first check turned into a return."""
    report = load_article_report(desk, 1)
    first = report.entries[0]
    assert first.sign_off is not None
    returned = dataclasses.replace(
        first.sign_off, decision=SignOffDecision.RETURNED, note="Which hospital?"
    )
    changed = dataclasses.replace(first, sign_off=returned)
    return dataclasses.replace(
        report, sentences=tuple(changed if s.id == first.id else s for s in report.sentences)
    )


@pytest.mark.parametrize("key", ["html", "md", "docx"])
def test_a_returned_verdict_is_not_labelled_signed_off(team_desk: Desk, key: str) -> None:
    """The reports printed "Signed off: Checked by tester, returned by Ben": a reader takes
    "signed off" for an editor's approval, which a returned verdict has not got."""
    text = spaced_words(formats.render_article(key, returned_report(team_desk))).lower()
    assert re.search("returned:? checked by tester, returned by ben on", text), text
    assert "signed off" not in text


def test_the_head_says_how_many_verdicts_the_approvers_approved(team_desk: Desk) -> None:
    """Ben approved one verdict of eleven; under the title every report said "approved by
    Ben", which a reader takes for the whole report approved, though the others await
    sign-off (or were returned)."""
    report = load_article_report(team_desk, 1)
    verdicts = sum(1 for e in report.entries if e.review.verdict is not None)
    assert verdicts == 11
    assert report.credits == "Reviewed by tester; approved by Ben (1 of 11 verdicts)"
    for key in ("html", "md"):
        text = formats.render_article(key, report)
        assert isinstance(text, str)
        assert "approved by Ben (1 of 11 verdicts)" in " ".join(text.split()), key


@pytest.mark.parametrize("key", ["html", "md", "docx"])
def test_an_approval_whose_editor_has_no_name_still_names_someone(
    team_desk: Desk, key: str
) -> None:
    """A sign-off from a merged workspace or an older file may carry no editor's name (or
    only invisible characters): the head read "approved by  (1 of 11 verdicts)" and the
    check "approved by  on 2026-12-01", a blank where the reader looks for who approved."""
    report = load_article_report(team_desk, 1)
    first = report.entries[0]
    assert first.sign_off is not None
    unnamed = dataclasses.replace(first.sign_off, editor="\u202e")
    changed = dataclasses.replace(first, sign_off=unnamed)
    report = dataclasses.replace(
        report, sentences=tuple(changed if s.id == first.id else s for s in report.sentences)
    )
    assert report.credits == "Reviewed by tester; approved by an unnamed editor (1 of 11 verdicts)"
    text = spaced_words(formats.render_article(key, report)).lower()
    assert "approved by an unnamed editor (1 of 11 verdicts)" in text, text
    assert "checked by tester, approved by an unnamed editor on 2026-12-01" in text, text
    assert not re.search(r"approved by\s+(\(|on\b)", text), text


def test_one_editor_whose_name_was_typed_two_ways_is_named_once(seeded_desk: Desk) -> None:
    """Ben approved two verdicts as "Ben Okafor" in the window and one as "ben  okafor"
    from the command line: the desk takes them for one person (`same_person`: he may not
    approve his own verdict under either), but every report's head said "approved by Ben
    Okafor, ben okafor", as if two editors had signed the article off. The same for a
    checker whose name reached the desk written two ways (a merged laptop's "ＡＮＡ RUIZ")."""
    first, second, third = sentence_ids(seeded_desk)[:3]
    for sentence_id, checker in ((first, "Ana Ruiz"), (second, "Ana Ruiz"), (third, "ＡＮＡ RUIZ")):
        seeded_desk.set_reviewer(checker)
        seeded_desk.reviews.set_tag(sentence_id, Tag.CLAIM)
        seeded_desk.reviews.set_verdict(sentence_id, "false")
    for sentence_id, editor in (
        (first, "Ben Okafor"),
        (second, "Ben Okafor"),
        (third, "ben  okafor"),
    ):
        seeded_desk.set_reviewer(editor)
        seeded_desk.sign_offs.approve(sentence_id)
    report = load_article_report(seeded_desk, 1)
    # The spelling most of their work carries names each one.
    assert report.reviewers == ("Ana Ruiz",)
    assert report.approvers == ("Ben Okafor",)
    assert report.credits == "Reviewed by Ana Ruiz; approved by Ben Okafor"
    for key in ("html", "md"):
        text = " ".join(str(formats.render_article(key, report)).split()).lower()
        assert "reviewed by ana ruiz; approved by ben okafor" in text, key
        assert "okafor, ben okafor" not in text and "ruiz, ａｎａ" not in text, key
