"""Article text and metadata out of web pages, Word files and PDFs (plain text out, never HTML).

Each extractor takes the file's bytes and returns an `ExtractedArticle` or raises
`ArticleImportError` with a message for the user; nothing is imported half-way.
"""

from __future__ import annotations

from collections.abc import Callable

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.extract._common import ExtractedArticle

EXTRACTED_SUFFIXES = (".html", ".htm", ".docx", ".pdf")

__all__ = ["EXTRACTED_SUFFIXES", "ExtractedArticle", "extract_file", "extract_html_fragment"]


def extract_file(
    data: bytes, suffix: str, progress: Callable[[float, str], None] | None = None
) -> ExtractedArticle:
    """Dispatch on the file name's suffix (lower case, with the dot).

    `progress(fraction, stage)` hears of each page of a PDF read.
    """
    if suffix in (".html", ".htm"):
        from factcheck_app.domain.extract.html import extract_html

        return extract_html(data)
    if suffix == ".docx":
        from factcheck_app.domain.extract.docx import extract_docx

        return extract_docx(data)
    if suffix == ".pdf":
        from factcheck_app.domain.extract.pdf import extract_pdf

        return extract_pdf(data, progress)
    raise ArticleImportError(f"No extractor for {suffix} files.")


def extract_html_fragment(html: str) -> str:
    """Plain text of HTML from the clipboard (see html.extract_html_fragment)."""
    from factcheck_app.domain.extract.html import extract_html_fragment as fragment

    return fragment(html)
