"""The desk's own verdict reports, told apart from articles by the mark each exporter puts
in its file, never by their title or words (other outlets publish "Fact-check: …"
articles, and a newsroom may review one; a story may name the desk).

Reports exported into the folder of the day's articles came back in with it as
articles the next day ("Fact-check: Mayor opens bridge", "0 of 3 sentences reviewed"):
clutter, and sentences a checker could take for claims. Each reader of a format (web
page, Word, PDF, text) looks for that format's mark and raises `OwnReport`.

The marks, as the exporters write them (services/reports/, gui/pdf_report.py):

- HTML report and workspace summary: `<meta name="generator" content="Factcheck desk
  X">`; a summary exported before it had one ends in its footer
  `<footer>Prepared with Factcheck desk X on 2026-12-06 18:49 UTC.</footer>`.
- Word: the core property comments (`dc:description`) "Prepared with Factcheck desk X".
- PDF: the document information's Creator "Factcheck desk X".
- Markdown: its last line `*Prepared with Factcheck desk X on 2026-12-06 18:49 UTC.*`
  (the version escaped as Markdown: `0\\.1.0`).
"""

from __future__ import annotations

import re

from factcheck_app import config
from factcheck_app.domain.errors import ArticleImportError

_NAME = re.escape(config.APP_NAME)
_VERSION = r"[^\s]{1,40}"
_STAMP = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\."
# The generator (HTML), Creator (PDF): "Factcheck desk 0.1.0".
_GENERATOR = re.compile(rf"{_NAME} {_VERSION}")
# The Word report's comments: "Prepared with Factcheck desk 0.1.0".
_PREPARED = re.compile(rf"Prepared with {_NAME} {_VERSION}")
# The footer of an HTML report or summary: its first sentence.
_FOOTER = re.compile(rf"Prepared with {_NAME} {_VERSION} on {_STAMP}(?: .*)?", re.DOTALL)
# The Markdown report's last line.
_MARKDOWN_LAST_LINE = re.compile(rf"\*Prepared with {_NAME} {_VERSION} on {_STAMP}\*")


# A file copied in a file manager and pasted comes in as the file, refused again.
WAY_IN = (
    "To review it as an article, copy its text (not the file) and use Edit → Paste as New Article."
)


class OwnReport(ArticleImportError):
    """The file is a verdict report the desk exported, not an article: refused as one.

    `advice`: the way in (paste its text), for a refusal naming the file; "" for none.
    Told apart from the refusal, never read back from the words: a batch's box says it
    once after the last report refused (`told(advice=False)` before), and a file may be
    named with those very words."""

    def __init__(self, name: str = "") -> None:
        self.name = name
        # The way in, for a report rewritten as the newsroom's own piece (Word keeps the
        # desk's comments): a paste is never refused as a report.
        self.advice = WAY_IN if name else ""
        super().__init__(self.told())

    def told(self, *, advice: bool = True) -> str:
        """The refusal, with its advice or (`advice=False`) without it."""
        what = self.name or "The file"
        refused = f"{what} is a verdict report exported by the desk, not an article"
        if not self.name:
            return f"{refused}."
        return f"{refused}: not imported." + (f" {self.advice}" if advice else "")

    def __reduce__(self) -> tuple[type[OwnReport], tuple[str]]:
        # Raised in a parser worker and sent back pickled: rebuilt from its name, not
        # from its message.
        return (OwnReport, (self.name,))


def is_generator(value: str | None) -> bool:
    """Whether an HTML generator or a PDF Creator names the desk ("Factcheck desk 0.1.0")."""
    return _GENERATOR.fullmatch(" ".join(str(value or "").split())) is not None


def is_prepared_with(value: str | None) -> bool:
    """Whether a Word file's comments are the desk's ("Prepared with Factcheck desk 0.1.0")."""
    return _PREPARED.fullmatch(" ".join(str(value or "").split())) is not None


def is_report_footer(text: str) -> bool:
    """Whether an HTML `<footer>`'s text is the one the desk ends a report or summary with."""
    return _FOOTER.fullmatch(" ".join(text.split())) is not None


def ends_as_markdown_report(text: str) -> bool:
    """Whether a text file's last line is the one the desk's Markdown report ends with."""
    stripped = text.rstrip()
    last = stripped[stripped.rfind("\n") + 1 :]
    return _MARKDOWN_LAST_LINE.fullmatch(last.strip()) is not None
