"""`factcheck-app stats`: the workspace in figures, for a terminal or a script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.models import ArticleMetadata, Status, Tag
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE
from tests.sample_review import apply_sample_review


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    """A workspace with the sample article reviewed and a second article untouched."""
    path = tmp_path / "desk.fcdesk"
    desk = Desk.open(path)
    desk.importer.import_file(SEED_FILE)
    apply_sample_review(desk, 1)
    desk.importer.import_text(
        "The minister said 40 schools closed.\nCritics denied it.", source_name="second.txt"
    )
    desk.close()
    return path


def _stats(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert run(["stats", "-w", str(path), *extra]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_the_figures_agree_with_the_workspace(
    reviewed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(_stats(reviewed, capsys, "--json"))
    desk = Desk.open(reviewed, read_only=True)
    try:
        rows = [
            row for a in desk.articles.list_articles() for row in desk.reviews.sentence_rows(a.id)
        ]
        articles = desk.articles.list_articles()
    finally:
        desk.close()
    assert data["workspace"] == "desk"
    assert data["articles"] == len(articles) == 2
    assert data["sentences"] == len(rows) == sum(a["sentences"] for a in data["per_article"])
    done = sum(1 for row in rows if row.review.status is Status.DONE)
    assert data["done"] == done > 0
    assert data["statuses"]["done"] == done and sum(data["statuses"].values()) == len(rows)
    for tag in Tag:
        assert data["tags"][tag.value] == sum(1 for row in rows if row.review.tag is tag)
    verdicts = [row.review.verdict for row in rows if row.review.tag is not None]
    assert sum(data["verdicts"].values()) == len(verdicts)
    assert data["verdicts"].get("no_verdict", 0) == verdicts.count(None)
    first = data["per_article"][0]
    assert first["title"].startswith("Ankara accuses Armenia") and first["done"] == done
    assert data["top_claimants"] and data["sources_most_cited"]
    cited = data["sources_most_cited"][0]
    assert cited["url"].startswith("https://") and cited["citations"] >= 1


def test_the_text_is_one_line_per_figure_for_a_terminal(
    reviewed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(_stats(reviewed, capsys, "--json"))
    text = _stats(reviewed, capsys)
    lines = text.splitlines()
    assert lines[0] == (
        f"Workspace desk: 2 articles, {data['sentences']} sentences, {data['done']} done "
        f"({round(100 * data['done'] / data['sentences'])}%)"
    )
    assert lines[1].startswith(f"Status: {data['statuses']['unreviewed']} unreviewed, ")
    assert "needing a second look" in lines[1] and "conflict" not in lines[1]
    assert lines[2] == "Tags: " + ", ".join(
        f"{n} {tag}{'' if n == 1 else 's'}" for tag, n in data["tags"].items()
    )
    assert "\t" + f"{data['done']}/{data['per_article'][0]['sentences']}\tAnkara accuses" in text
    claimant = data["top_claimants"][0]
    assert f"  {claimant['name']}: {claimant['statements']} statement" in text
    assert data["sources_most_cited"][0]["url"] in text
    signed = data["sign_off"]  # nobody signed off yet: the verdicts done await it
    assert signed["awaiting_sign_off"] > 0
    assert lines[4] == (
        f"Sign-off: {signed['approved']} approved · {signed['returned']} returned · "
        f"{signed['awaiting_sign_off']} awaiting sign-off"
    )


def test_a_title_with_line_breaks_and_controls_stays_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path)
    desk.importer.import_text("Forty schools closed, the minister said.", source_name="a.txt")
    desk.articles.update_article_metadata(
        1, ArticleMetadata(title="Line one\nLine two \x1b[31mred\x07")
    )
    desk.close()
    text = _stats(path, capsys)
    [line] = [line for line in text.splitlines() if line.startswith("  1\t")]
    assert "Line one Line two ?[31mred?" in line


def test_an_empty_workspace_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.fcdesk"
    Desk.open(path).close()
    text = _stats(path, capsys)
    assert text.startswith("Workspace empty: 0 articles, 0 sentences, 0 done (0%)\n")
    assert "none recorded yet" in text and "none linked yet" in text
    assert "Sign-off" not in text  # nothing to sign off


def test_a_missing_workspace_is_one_line_and_not_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nowhere.fcdesk"
    assert run(["stats", "-w", str(path)]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nowhere.fcdesk" in err
    assert not path.exists()


def test_stats_json_sends_the_terminal_no_c1_or_bidi_control(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A title holding the 8-bit CSI (U+009B: "\\x9b2J" clears some terminals' screen) or a
    RIGHT-TO-LEFT OVERRIDE reached the terminal raw through `stats --json`, where every
    other command's JSON writes them as \\u escapes (`terminal_json`). The JSON is the same."""
    path = tmp_path / "desk.fcdesk"
    desk = Desk.open(path)
    try:
        article_id = desk.importer.import_text("The minister said 40 schools closed.").article_id
        metadata = desk.articles.article_metadata(article_id)
        metadata.title = "Budget \x9b2J and \u202ereversed"
        desk.articles.update_article_metadata(article_id, metadata)
    finally:
        desk.close()
    out = _stats(path, capsys, "--json")
    assert "\x9b" not in out and "\u202e" not in out
    assert "\\u009b2J and \\u202ereversed" in out
    assert json.loads(out)["per_article"][0]["title"] == "Budget \x9b2J and \u202ereversed"
