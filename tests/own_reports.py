"""The desk's own exports of an article, in every format the import reads, written into
the folder of the day's articles as a journalist saves them (Ctrl+E), for the tests that
check they do not come back in as articles."""

from __future__ import annotations

import re
from pathlib import Path

from factcheck_app.gui.pdf_report import write_pdf
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports.formats import export_article, render_workspace
from factcheck_app.services.reports.model import load_article_report
from factcheck_app.services.reports.summary import iter_reports

STORY = (
    "Mayor opens bridge\n\n"
    "The mayor opened the new bridge on Monday. She said it cost 4 million euros. "
    "Critics said it cost twice that.\n"
)


def refusal(name: str) -> str:
    """What the import says of one of them."""
    return (
        f"{name} is a verdict report exported by the desk, not an article: not imported. "
        "To review it as an article, copy its text (not the file) and use "
        "Edit → Paste as New Article."
    )


def export_every_kind(desk: Desk, article_id: int, folder: Path) -> list[str]:
    """The article's report as HTML, Markdown, Word and PDF, and the workspace summary
    (as exported now, and as exported before it had a generator mark) into `folder`;
    their names."""
    report = load_article_report(desk, article_id)
    for key, name in (("html", "report.html"), ("md", "report.md"), ("docx", "report.docx")):
        export_article(key, report, folder / name)
    write_pdf(report, folder / "report.pdf")
    summary = render_workspace("summary-html", list(iter_reports(desk)), name="Newsroom")
    (folder / "summary.html").write_text(summary, encoding="utf-8")
    older = re.sub(r'<meta name="generator"[^>]*>', "", summary)
    (folder / "summary-older.htm").write_text(older, encoding="utf-8")
    return [
        "report.docx",
        "report.html",
        "report.md",
        "report.pdf",
        "summary-older.htm",
        "summary.html",
    ]
