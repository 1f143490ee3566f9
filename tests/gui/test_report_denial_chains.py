"""Denials that answer denials, deny each other in a ring, or deny a sentence that is no
check: every report (HTML, PDF, Word, Markdown) prints each check exactly once, the
denials set under the check they deny only where that check stays in place itself, and
as many checks as its summary counts."""

from __future__ import annotations

import io
import re

import docx
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui.pdf_document import build_document
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports.docx_report import render_docx
from factcheck_app.services.reports.html_report import render_html
from factcheck_app.services.reports.markdown_report import render_markdown
from factcheck_app.services.reports.model import ArticleReport, load_article_report

WORDS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"


def tangled(desk: Desk) -> ArticleReport:
    """#1 a claim; #2 denies #1, #3 denies #2, #4 denies #3 (a chain of three denials);
    #5 → #6 → #7 → #5 (a ring of three); #9 denies #8, given a verdict but no tag; #10
    denies #11, no check at all; #12 a fact. #13 and #14 are not checked."""
    text = " ".join(f"Sentence {w} is here." for w in WORDS.split())
    article = desk.importer.import_text(text).article_id
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(article)]
    reviews = desk.reviews
    reviews.set_tag(ids[0], Tag.CLAIM)
    reviews.set_verdict(ids[0], "false")
    for denial, denied in ((2, 1), (3, 2), (4, 3), (5, 6), (6, 7), (7, 5), (9, 8), (10, 11)):
        reviews.set_tag(ids[denial - 1], Tag.DENIAL)
        reviews.set_denies(ids[denial - 1], ids[denied - 1])
    reviews.set_verdict(ids[7], "true")
    reviews.set_tag(ids[11], Tag.FACT)
    return load_article_report(desk, article)


def heads(text: str, pattern: str) -> list[int]:
    return [int(n) for n in re.findall(pattern, text, re.MULTILINE)]


def test_every_check_of_tangled_denials_is_printed_once_in_every_report(
    desk: Desk, qtbot: QtBot
) -> None:
    report = tangled(desk)
    assert [e.number for e in report.entries] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12]
    # #2 sits under #1 and #9 under #8; #3 and #4 (answering moved denials), the ring and
    # #10 (its sentence is no check) stay where they are.
    printed = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12]
    nested = {g.entry.number: [d.number for d in g.denials] for g in report.groups}
    assert nested == {1: [2], 3: [], 4: [], 5: [], 6: [], 7: [], 8: [9], 10: [], 12: []}
    page = render_html(report)
    markdown = render_markdown(report)
    word = "\n".join(p.text for p in docx.Document(io.BytesIO(render_docx(report))).paragraphs)
    pdf = build_document(report).toPlainText()
    found = {
        "html": heads(page, r'<article class="card[^"]*" id="c(\d+)"'),
        "markdown": heads(markdown, r"^#{3,4} #(\d+) "),
        "word": heads(word, r"^#(\d+) "),
        "pdf": heads(pdf, r"^#(\d+) "),
    }
    assert found == dict.fromkeys(found, printed)
    for name, text in (("html", page), ("markdown", markdown), ("word", word), ("pdf", pdf)):
        said = " ".join(re.sub("<[^>]+>", " ", text).split())
        # A denial left in place says which sentence it denies.
        for denied in (2, 3, 6, 7, 5, 11):
            assert f"Denies #{denied}:" in said, (name, denied)
        if name in ("html", "pdf"):
            assert "verdicts on 11 checked statements" in said.lower(), name
