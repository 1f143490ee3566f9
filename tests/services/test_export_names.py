"""A file name whose suffix promises another kind of file than the chosen format writes:
refused in one sentence that names the file and says what to do, for every format the
command and the export dialog accept and every suffix the desk knows."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from factcheck_app.domain.errors import ExportRefused
from factcheck_app.services.export import check_suffix, format_for_name
from factcheck_app.services.reports.format_table import ARTICLE, FORMATS

SUFFIXES = (".html", ".htm", ".pdf", ".docx", ".md", ".csv", ".json", ".jsonld")
PAIRS = [
    (key, suffix)
    for key, suffix in itertools.product(FORMATS, SUFFIXES)
    if format_for_name(f"x{suffix}") is not None
]


def refusal(name: str, key: str, *, in_dialog: bool = False) -> str | None:
    try:
        check_suffix(name, key, in_dialog=in_dialog)
    except ExportRefused as error:
        return str(error)
    return None


def test_the_journalists_example_reads_as_one_clear_sentence() -> None:
    """It read "report.pdf ends in .pdf, but the format html writes HTML report, not PDF:
    end the name in .html, or choose the format that writes PDF."."""
    assert refusal("report.pdf", "html") == (
        "report.pdf ends in .pdf but --format html writes an HTML report: name it "
        "report.html, or leave out --format to write a PDF report."
    )
    assert refusal("/home/ana/Desk exports/Ganja.PDF", "md") == (
        "/home/ana/Desk exports/Ganja.PDF ends in .PDF but --format md writes a Markdown "
        "file: name it Ganja.md, or leave out --format to write a PDF report."
    )


def test_the_dialog_names_the_format_as_its_format_box_shows_it() -> None:
    """The dialog said "the format md writes Markdown": the dialog has no --format and
    shows no key; its Format box says "Markdown" and "PDF report"."""
    assert refusal("report.pdf", "md", in_dialog=True) == (
        "report.pdf ends in .pdf but the format chosen is Markdown: name it report.md, or "
        "choose PDF report as the format."
    )
    assert refusal("summary.pdf", "summary-html", in_dialog=True) == (
        "summary.pdf ends in .pdf but the format chosen is Workspace summary (HTML): name it "
        "summary.html."
    )


@pytest.mark.parametrize(("key", "suffix"), PAIRS)
@pytest.mark.parametrize("in_dialog", [False, True])
def test_every_mismatch_is_one_sentence_naming_the_file_and_what_to_do(
    key: str, suffix: str, in_dialog: bool
) -> None:
    name = f"Ganja report{suffix}"
    said = refusal(name, key, in_dialog=in_dialog)
    same_kind = {".html": ".htm", ".htm": ".html", ".json": ".jsonld", ".jsonld": ".json"}
    if suffix in (FORMATS[key].suffix, same_kind.get(FORMATS[key].suffix)):
        assert said is None  # the name fits what the format writes
        return
    assert said is not None
    fixed = f"Ganja report{FORMATS[key].suffix}"
    # One sentence: the file first, one full stop at the end, no line break.
    assert said.startswith(f"{name} ends in {suffix} but ")
    assert said.endswith(".") and "\n" not in said
    assert ". " not in said.replace(name, "").replace(fixed, "")
    assert f": name it {fixed}" in said
    assert refusal(fixed, key, in_dialog=in_dialog) is None  # and that name is taken
    # Never the clumsy old phrasing, nor a format key in the dialog.
    assert "the format " + key not in said and ", not " not in said
    if in_dialog:
        assert "--format" not in said and f" {key} " not in said
    else:
        assert f"--format {key} writes " in said
    other = format_for_name(name)
    assert other is not None
    if FORMATS[key].scope == ARTICLE:
        # The way out offered works: the name alone chooses a format it fits.
        assert refusal(name, other, in_dialog=in_dialog) is None
        alternative = FORMATS[other].label if in_dialog else "leave out --format"
        assert alternative in said
    else:
        # Without --format a summary's name would ask for one article's report.
        assert said.endswith(f"name it {fixed}.")


def test_a_suffix_the_desk_does_not_know_is_the_reviewers_choice(tmp_path: Path) -> None:
    for key in FORMATS:
        assert refusal(str(tmp_path / "report.txt"), key) is None
        assert refusal(str(tmp_path / "report.markdown"), key) is None


@pytest.mark.parametrize("workspace", ["Редакция", "غرفة الأخبار", "...", "新闻"])
def test_a_workspace_named_in_another_script_gives_a_summary_of_the_workspace(
    workspace: str,
) -> None:
    """A newsroom's workspace named in Cyrillic or Arabic offered its workspace summary as
    `summary-article.html` and its folder of every article's reports as
    `article-reports-2026-12-06`: "article" for the whole workspace."""
    import datetime as dt

    from factcheck_app.services.reports import formats

    assert formats.default_file_name("summary-html", None, workspace) == "summary-workspace.html"
    day = dt.date(2026, 12, 6)
    assert formats.every_article_folder_name(workspace, day) == "workspace-reports-2026-12-06"
    # An article's own file keeps its word: it is an article's.
    assert formats.article_file_name("html", 3, workspace) == "factcheck-3-article.html"
