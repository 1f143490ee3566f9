"""The command line's words take each count's number: "Imported 1 review and 1 source
link", "has only sentence 1", "1 match" (its tab-separated output is left as it is)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.__main__ import main as run
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from tests.services.test_counts_wording import ONE, one_sentence


def test_import_review_counts_each_thing_it_brought(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, other = tmp_path / "source.fcdesk", tmp_path / "other.fcdesk"
    for path, text, title in ((source, ONE, "A"), (other, "Talks resume on Monday.", "B")):
        desk = Desk.open(path)
        one_sentence(desk, text=text, title=title)  # the same source, titled otherwise
        desk.close()
    review = tmp_path / "review.json"
    assert run(["export", "-w", str(source), "--article", "1", "-o", str(review)]) == 0
    capsys.readouterr()
    assert run(["import-review", "-w", str(other), str(review)]) == 0
    err = capsys.readouterr().err
    assert (
        "Imported 1 review and 1 source link; 1 source already in the workspace kept its own "
        "details." in err
    )
    assert "'s own review of 1 sentence and 0 sign-offs." in err


@pytest.mark.parametrize(
    ("actors", "said"),
    [
        (["ana", "ana", "ana"], "Kept ana's own reviews of 3 sentences and 0 sign-offs."),
        (
            ["ana", "bob", "bob"],
            "Kept 2 reviewers' own reviews (ana, bob: 3 in all) and 0 sign-offs.",
        ),
    ],
)
def test_import_review_names_whose_own_reviews_it_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], actors: list[str], said: str
) -> None:
    """One reviewer's 12 reviews were "Kept 12 reviewers' own reviews (by ana)": twelve
    reviewers, by the words. One reviewer is named as one; several are counted."""
    source, other = tmp_path / "source.fcdesk", tmp_path / "other.fcdesk"
    desk = Desk.open(source)
    article = desk.importer.import_text("One fell. Two rose. Three left.").article_id
    for actor, row in zip(actors, desk.reviews.sentence_rows(article), strict=True):
        desk.edits.actor = actor
        desk.reviews.set_tag(row.sentence.id, Tag.CLAIM)
    desk.close()
    Desk.open(other).close()
    review = tmp_path / "review.json"
    assert run(["export", "-w", str(source), "--article", str(article), "-o", str(review)]) == 0
    capsys.readouterr()
    assert run(["import-review", "-w", str(other), str(review)]) == 0
    assert said in capsys.readouterr().err


def test_sign_off_by_number_names_the_one_sentence_there_is(
    desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    article = one_sentence(desk)
    assert desk.path is not None
    path = desk.path
    desk.close()
    args = ["sign-off", "-w", str(path), "--article", str(article), "--number", "3", "approve"]
    assert run(args) != 0
    assert f"Article {article} has only sentence 1, not 3." in capsys.readouterr().err


def test_search_counts_one_match(desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    one_sentence(desk)
    assert desk.path is not None
    path = desk.path
    desk.close()
    assert run(["search", "-w", str(path), "ministry"]) == 0
    assert capsys.readouterr().err.strip() == "1 match"
