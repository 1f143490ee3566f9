"""The article files the desk imports, by suffix: a module of its own so that the window
can name them (file dialogs, dropped folders) without loading the importer's patterns
before its first paint."""

from __future__ import annotations

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
# Saved web pages, Word and PDF go through factcheck_app.domain.extract.
EXTRACTED_SUFFIXES = (".html", ".htm", ".docx", ".pdf")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + EXTRACTED_SUFFIXES
