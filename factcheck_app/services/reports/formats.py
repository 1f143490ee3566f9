"""Every export format by key: its name, file suffix, and how it is rendered and written.

PDF is listed here but painted by `gui.pdf_report` (Qt is only allowed in gui/). The
table of formats and the PDF writer's registration live in `format_table` (the command
line needs them without the renderers) and are named here as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.services.reports.atomic import write_atomically
from factcheck_app.services.reports.claimreview import render_claimreview, reviewable
from factcheck_app.services.reports.csv_report import render_csv
from factcheck_app.services.reports.format_table import (
    ARTICLE,
    ARTICLE_FORMATS,
    FORMATS,
    WORKSPACE,
    PdfWriter,
    ReportFormat,
    registered_pdf_writer,
    use_pdf_writer,
)
from factcheck_app.services.reports.html_report import render_html
from factcheck_app.services.reports.json_report import render_json
from factcheck_app.services.reports.markdown_report import render_markdown
from factcheck_app.services.reports.model import (
    ArticleReport,
    CancelFn,
    ProgressFn,
    Ticker,
)
from factcheck_app.services.reports.summary import (
    WorkspaceSummary,
    render_summary_csv,
    render_summary_html,
    summarize,
    summarize_apart,
)
from factcheck_app.services.reports.text import slugify

__all__ = [
    "ARTICLE",
    "ARTICLE_FORMATS",
    "FORMATS",
    "WORKSPACE",
    "PdfWriter",
    "ReportFormat",
    "article_file_name",
    "default_file_name",
    "export_article",
    "render_article",
    "render_summary",
    "render_workspace",
    "report_format",
    "steps",
    "use_pdf_writer",
    "write_report",
]

Renderer = Callable[[ArticleReport, Ticker], str | bytes]


def _render_docx(report: ArticleReport, ticker: Ticker) -> bytes:
    # python-docx (lxml) costs ~60 ms to import: only when a Word file is asked for.
    from factcheck_app.services.reports.docx_report import render_docx

    return render_docx(report, ticker)


_RENDERERS: dict[str, Renderer] = {
    "html": render_html,
    "docx": _render_docx,
    "md": render_markdown,
    "csv": render_csv,
    "json": render_json,
    "claimreview": render_claimreview,
}


def report_format(key: str) -> ReportFormat:
    try:
        return FORMATS[key]
    except KeyError:
        raise FactcheckError(
            f"Unknown export format {key!r} (choose one of: {', '.join(FORMATS)})."
        ) from None


def steps(key: str, report: ArticleReport) -> int:
    """How many ticks a renderer reports for `report`, so progress reaches 100 % evenly."""
    if key in ("json", "csv"):
        return report.total
    if key == "claimreview":
        return len(reviewable(report))
    return report.total + len(report.entries)


def render_article(
    key: str,
    report: ArticleReport,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> str | bytes:
    """One article in a non-Qt format (PDF goes through gui.pdf_report.write_pdf)."""
    fmt = report_format(key)
    if fmt.scope != ARTICLE or fmt.needs_qt:
        raise FactcheckError(f"{fmt.label} is not rendered here.")
    return _RENDERERS[key](report, Ticker(steps(key, report), progress, cancel))


def render_workspace(
    key: str,
    reports: Sequence[ArticleReport],
    *,
    name: str = "",
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> str:
    _check_workspace_format(key)
    ticker = Ticker(2 * len(reports), progress, cancel)
    return _render_summary(key, summarize(reports, name=name, ticker=ticker), ticker)


def render_workspace_apart(
    key: str,
    path: Path,
    *,
    articles: int,
    name: str = "",
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> str:
    """`render_workspace` of the workspace at `path`, read in the calling (worker)
    thread through a connection of its own (`summarize_apart`); `articles` is how many
    it holds, for the progress."""
    _check_workspace_format(key)
    ticker = Ticker(2 * articles, progress, cancel)
    return _render_summary(key, summarize_apart(path, name=name, ticker=ticker), ticker)


def _check_workspace_format(key: str) -> None:
    fmt = report_format(key)
    if fmt.scope != WORKSPACE:
        raise FactcheckError(f"{fmt.label} is a report on one article, not the workspace.")


def render_summary(key: str, summary: WorkspaceSummary) -> str:
    """A workspace summary made already (`summarize`, one report at a time: the command
    line's export reads it as `stats` does) in format `key`."""
    _check_workspace_format(key)
    return _render_summary(key, summary, Ticker(len(summary.articles)))


def _render_summary(key: str, summary: WorkspaceSummary, ticker: Ticker) -> str:
    render = render_summary_html if key == "summary-html" else render_summary_csv
    return render(summary, ticker)


def export_article(
    key: str,
    report: ArticleReport,
    path: Path,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> None:
    """Render and write atomically: a failed or cancelled export leaves `path` untouched."""
    write_atomically(path, render_article(key, report, progress=progress, cancel=cancel))


def write_report(
    key: str,
    report: ArticleReport,
    path: Path,
    *,
    paper: str = "A4",
    pdf_writer: PdfWriter | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> None:
    """Write one article's report in any format; a PDF through `pdf_writer`, else the
    registered one (`use_pdf_writer`)."""
    if report_format(key).needs_qt:
        writer = pdf_writer or registered_pdf_writer()
        writer(report, path, paper=paper, progress=progress, cancel=cancel)
    else:
        export_article(key, report, path, progress=progress, cancel=cancel)


def default_file_name(key: str, report: ArticleReport | None = None, name: str = "") -> str:
    """`factcheck-3-ankara-accuses-armenia.html`, or `summary-<workspace>.html`."""
    fmt = report_format(key)
    if fmt.scope == WORKSPACE or report is None:
        # A workspace named in Cyrillic or Arabic: "summary-workspace", not "-article".
        return f"summary-{slugify(name, empty='workspace')}{fmt.suffix}"
    return article_file_name(key, report.article.id, report.article.title)


def every_article_folder_name(workspace: str, day: dt.date) -> str:
    """`newsroom-reports-2026-12-06`: a folder of their own for every article's report,
    offered in the folder of the last export (or Documents, or the home folder), not one
    file each loose in it."""
    return f"{slugify(workspace, 40, empty='workspace')}-reports-{day.isoformat()}"


def article_file_name(key: str, article_id: int, title: str) -> str:
    """`factcheck-3-ankara-accuses-armenia.html`: an article's report as `export --all` and
    the dialog name it. The number keeps two articles of one title apart; the title is
    cut to 40 ASCII letters, digits and dashes ("article" when none are left), so no
    slash, dot, control character or reserved device name (CON, NUL) reaches the disk."""
    return f"factcheck-{article_id}-{slugify(title, 40)}{report_format(key).suffix}"
