"""The export formats by key (name, suffix, scope), and where the PDF writer is registered:
what the command line's parser and the entry point need, without the renderers (which
`formats` imports, and every other command would pay for at start)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from factcheck_app.domain.errors import FactcheckError

ARTICLE = "article"
WORKSPACE = "workspace"


@dataclass(frozen=True, slots=True)
class ReportFormat:
    """One export format as the CLI and the export dialog offer it."""

    key: str
    label: str
    suffix: str
    scope: str = ARTICLE
    binary: bool = False
    needs_qt: bool = False
    plain_preview: bool = False  # data formats are previewed as their text

    @property
    def file_filter(self) -> str:
        return f"{self.label} (*{self.suffix})"


FORMATS: dict[str, ReportFormat] = {
    f.key: f
    for f in (
        ReportFormat("html", "HTML report", ".html"),
        ReportFormat("pdf", "PDF report", ".pdf", binary=True, needs_qt=True),
        ReportFormat("docx", "Word document", ".docx", binary=True),
        ReportFormat("md", "Markdown", ".md", plain_preview=True),
        ReportFormat("csv", "CSV table", ".csv", plain_preview=True),
        ReportFormat("json", "JSON (complete, re-importable)", ".json", plain_preview=True),
        ReportFormat("claimreview", "ClaimReview JSON-LD", ".jsonld", plain_preview=True),
        ReportFormat("summary-html", "Workspace summary (HTML)", ".html", scope=WORKSPACE),
        ReportFormat(
            "summary-csv", "Workspace summary (CSV)", ".csv", scope=WORKSPACE, plain_preview=True
        ),
    )
}
ARTICLE_FORMATS = tuple(k for k, f in FORMATS.items() if f.scope == ARTICLE)

# Writes one article's report as a PDF: (report, path, *, paper, progress, cancel) ->
# pages. Qt paints PDFs and only gui/ may import Qt, so the implementation is handed in:
# by the window directly, and for the command line by the entry point
# (`use_pdf_writer`), which knows both layers.
PdfWriter = Callable[..., int]
_pdf_writer_loader: Callable[[], PdfWriter] | None = None


def use_pdf_writer(loader: Callable[[], PdfWriter]) -> None:
    """Register how to get the PDF writer; `loader` runs only when a PDF is asked for
    (importing Qt costs time a text export should not pay)."""
    global _pdf_writer_loader
    _pdf_writer_loader = loader


def registered_pdf_writer() -> PdfWriter:
    """The registered PDF writer (refused when none is)."""
    if _pdf_writer_loader is None:
        raise FactcheckError("PDF export needs the Qt PDF writer, which is not available here.")
    return _pdf_writer_loader()
