"""The article's language in the data exports and back (issue 18)."""

from __future__ import annotations

import copy
import csv
import io
from pathlib import Path

from factcheck_app.services.desk import Desk
from factcheck_app.services.export import article_review
from factcheck_app.services.reports.csv_report import render_csv
from factcheck_app.services.reports.model import load_article_report
from factcheck_app.services.reports.review_import import import_review

FRENCH = (
    "M. Macron a reçu mardi le président arménien. Les deux hommes ont évoqué la "
    "situation au Haut-Karabakh. « Nous voulons la paix », a déclaré le président."
)


def test_json_and_csv_carry_the_language(desk: Desk) -> None:
    article = desk.importer.import_text(FRENCH).article_id
    data = article_review(desk, article)
    assert data["article"]["language"] == "fr"
    rows = list(csv.DictReader(io.StringIO(render_csv(load_article_report(desk, article))[1:])))
    assert len(rows) == 3 and {r["article_language"] for r in rows} == {"fr"}


def test_the_language_comes_back_with_an_imported_review(desk: Desk, tmp_path: Path) -> None:
    article = desk.importer.import_text(FRENCH).article_id
    exported = article_review(desk, article)
    other = Desk.open(tmp_path / "other.fcdesk")
    try:
        result = import_review(other, copy.deepcopy(exported))
        assert other.articles.article_language(result.article_id) == "fr"
        older = copy.deepcopy(exported)
        del older["article"]["language"]  # an export made before languages
        older["article"]["text"] += " "
        del older["article"]["content_hash"]
        result = import_review(other, older)
        assert other.articles.article_language(result.article_id) == ""
    finally:
        other.close()
