"""The CSV exports name each article's address, outlet, author and publication date, so
rows pasted together from several articles' exports (or the summary of a desk's week)
still say which story each came from; appended, so the columns before keep their places."""

from __future__ import annotations

import csv
import datetime as dt
import io

from factcheck_app.domain.models import ArticleMetadata
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports.csv_report import COLUMNS, render_csv
from factcheck_app.services.reports.model import load_article_report
from factcheck_app.services.reports.summary import (
    SUMMARY_COLUMNS,
    load_reports,
    render_summary_csv,
    summarize,
)

DETAILS = ["article_url", "article_outlet", "article_author", "article_published"]
# An address is text the article came with: a crafted one must not run in a spreadsheet.
URL = "https://news.example.org/2020/10/04/ganja?ref=a;=1+1"


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.encode().decode("utf-8-sig"), newline="")))


def described(desk: Desk) -> None:
    desk.articles.update_article_metadata(
        1,
        ArticleMetadata(
            title="Ganja shelled",
            outlet="Wire & Co",
            author="=Ana Ruiz",
            url=URL,
            published=dt.date(2020, 10, 4),
        ),
    )


def test_every_sentence_row_names_its_article(seeded_desk: Desk) -> None:
    described(seeded_desk)
    text = render_csv(load_article_report(seeded_desk, 1))
    assert list(COLUMNS)[-len(DETAILS) :] == DETAILS
    found = rows(text)
    assert len(found) > 5
    for row in found:
        assert [row[c] for c in DETAILS] == [
            URL.replace(";=", ";'="),
            "Wire & Co",
            "'=Ana Ruiz",
            "2020-10-04",
        ]


def test_an_article_without_details_leaves_the_cells_empty(seeded_desk: Desk) -> None:
    seeded_desk.importer.import_text("A second article. Nobody described it.")
    second = seeded_desk.articles.list_articles()[-1].id
    found = rows(render_csv(load_article_report(seeded_desk, second)))
    assert found and all(row[c] == "" for row in found for c in DETAILS)


def test_the_summary_names_each_article_address(seeded_desk: Desk) -> None:
    described(seeded_desk)
    seeded_desk.importer.import_text("A second article. Nobody described it.")
    text = render_summary_csv(summarize(load_reports(seeded_desk)))
    assert SUMMARY_COLUMNS[-1] == "url"
    first, second = rows(text)
    assert first["url"] == URL.replace(";=", ";'=")
    assert (first["outlet"], first["published"]) == ("Wire & Co", "2020-10-04")
    assert second["url"] == ""
