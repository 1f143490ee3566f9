"""Bidi override characters in a title (U+202E and its kin) are invisible, and one left
open reverses whatever is shown after it on the same line: the window's title bar
("Title — workspace.fcdesk — [read-only] — Factcheck desk"), the status line, the
article list's "3/12 reviewed", the terminal. Shown titles leave them out; the terminal
shows them as "?"; the article's own properties keep what the file said."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.printable import TITLE_CHARS, printable
from factcheck_app.services.desk import Desk

RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"
TEXT = f"Budget cut {RLO}txt.exe{PDF} and {LRI}more{PDI}.\n\nThe mayor said it fell."
SHOWN = "Budget cut txt.exe and more."


def test_shown_titles_hold_no_bidi_controls(desk: Desk) -> None:
    result = desk.importer.import_text(TEXT)
    assert result.title == SHOWN
    assert desk.importer.import_text(TEXT).title == SHOWN  # again
    (summary,) = desk.articles.list_articles()
    assert summary.title == SHOWN
    assert desk.articles.article_summary(summary.id).title == summary.title
    assert RLO in desk.articles.article_metadata(summary.id).title  # as the file said


def test_the_terminal_shows_bidi_controls_not_sends_them(
    desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    assert printable(f"a{RLO}b{LRI}c{PDI}d\u200fe") == "a?b?c?d\u200fe"  # a mark is no control
    desk.importer.import_text(f"A {RLO}reversed{PDF} line. The mayor said it fell.")
    path = desk.path
    desk.close()
    assert run(["list", "-w", str(path)]) == 0
    assert "\tA reversed line.\t" in capsys.readouterr().out  # the title as shown
    assert run(["search", "-w", str(path), "reversed"]) == 0
    out = capsys.readouterr().out
    # The sentence as written, each control shown by its escape (a `?` until 8 December).
    assert RLO not in out and "A \\u202ereversed\\u202c line." in out


def test_a_title_of_megabytes_is_shown_cut_to_a_line(desk: Desk, tmp_path: Path) -> None:
    # A Markdown heading of 5.5 MB: the window took 12 s to open and 5.6 s to resize,
    # laying the title out in the article list and the title bar.
    path = tmp_path / "heading.md"
    path.write_text("# " + "Title word " * 500_000 + "\n\nThe mayor said it fell.", "utf-8")
    result = desk.importer.import_file(path)
    (summary,) = desk.articles.list_articles()
    for shown in (result.title, summary.title):
        assert shown.startswith("Title word Title") and shown.endswith("…")
        assert len(shown) <= TITLE_CHARS
    assert len(desk.articles.article_metadata(summary.id).title) > 5_000_000  # as written


def test_a_title_with_nothing_to_show_is_listed_as_untitled(
    desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    """A title of bidi controls alone (typed in Article Properties, pasted from a page),
    of spaces, or none at all (a workspace another program wrote) left a blank line in the
    article list, a title bar starting " — news.fcdesk" and "Remove “” (2 sentences)?":
    listed as the reports name it, "Untitled article"; its properties keep what was set."""
    ids = [
        desk.importer.import_text(f"Budget {n} fell.\n\nThe mayor said so.").article_id
        for n in range(4)
    ]
    metadata = desk.articles.article_metadata(ids[0])
    desk.articles.update_article_metadata(ids[0], dataclasses.replace(metadata, title=RLO))
    for article_id, title in zip(ids[1:], ("", "   ", f"{LRI}{PDI}\n"), strict=True):
        metadata = desk.articles.article_metadata(article_id)
        with desk.repo.db.atomic():  # as another program stored it
            desk.repo.articles.update_article_metadata(
                article_id, dataclasses.replace(metadata, title=title)
            )
    assert [s.title for s in desk.articles.list_articles()] == ["Untitled article"] * 4
    assert desk.articles.article_summary(ids[1]).title == "Untitled article"
    assert desk.articles.article_metadata(ids[0]).title == RLO  # as it was set
    desk.articles.remove_article(ids[1])
    assert desk.edits.undo_text() == "Remove article “Untitled article”"
    path = desk.path
    desk.close()
    assert run(["list", "-w", str(path)]) == 0
    assert capsys.readouterr().out.count("\tUntitled article\t") == 3


def test_a_report_on_an_article_whose_title_shows_nothing_calls_it_untitled(
    seeded_desk: Desk,
) -> None:
    """The article list calls an article whose title is bidi controls alone, or spaces,
    "Untitled article", as the reports were said to: the reports named it so only with
    no title at all, and headed the page with nothing to read (a blank <h1> and <title>,
    "# Fact-check: " in Markdown, an empty first line in Word) for the rest."""
    import io

    import docx

    from factcheck_app.services.reports.docx_report import render_docx
    from factcheck_app.services.reports.html_report import render_html
    from factcheck_app.services.reports.markdown_report import render_markdown
    from factcheck_app.services.reports.model import load_article_report

    metadata = seeded_desk.articles.article_metadata(1)
    for title in (f"{LRI}{PDI}", "   "):
        with seeded_desk.repo.db.atomic():  # spaces: as another program stored them
            seeded_desk.repo.articles.update_article_metadata(
                1, dataclasses.replace(metadata, title=title)
            )
        report = load_article_report(seeded_desk, 1)
        assert "# Fact-check: Untitled article\n" in render_markdown(report)
        page = render_html(report)
        assert (
            "<title>Fact-check: Untitled article</title>" in page
            and ">Untitled article</h1>" in page
        )
        paragraphs = docx.Document(io.BytesIO(render_docx(report))).paragraphs
        assert "Untitled article" in [p.text for p in paragraphs[:3]]
    assert seeded_desk.articles.article_metadata(1).title == "   "  # as it was set


def test_the_workspace_summary_calls_an_article_whose_title_shows_nothing_untitled(
    seeded_desk: Desk,
) -> None:
    """The summary (HTML and text) called only an empty title "Untitled": one of spaces or
    bidi controls alone left its line's title blank ("  1\t0/12\t   "), though the
    article list and the article's own report say "Untitled article"."""
    from factcheck_app.services.reports.summary import (
        load_reports,
        render_summary_html,
        render_summary_text,
        summarize,
    )

    metadata = seeded_desk.articles.article_metadata(1)
    for title in (f"{LRI}{PDI}", "   ", ""):
        with seeded_desk.repo.db.atomic():  # as another program stored it
            seeded_desk.repo.articles.update_article_metadata(
                1, dataclasses.replace(metadata, title=title)
            )
        summary = summarize(load_reports(seeded_desk))
        assert "\tUntitled article" in render_summary_text(summary)
        assert ">Untitled article<" in render_summary_html(summary)


@pytest.mark.parametrize("title", ["\u200b", "\u200f", "\u200b \u2060\ufeff"])
def test_a_title_of_invisible_characters_alone_is_untitled_too(desk: Desk, title: str) -> None:
    """A zero-width space, a direction mark or a word joiner alone (pasted from a web page's
    heading) showed a blank line in the article list, the title bar and the reports: only
    spaces and direction controls were taken for "nothing to read"."""
    article_id = desk.importer.import_text("Budget fell.\n\nThe mayor said so.").article_id
    metadata = desk.articles.article_metadata(article_id)
    with desk.repo.db.atomic():  # as another program stored it
        desk.repo.articles.update_article_metadata(
            article_id, dataclasses.replace(metadata, title=title)
        )
    assert [s.title for s in desk.articles.list_articles()] == ["Untitled article"]


@pytest.mark.parametrize(
    "title",
    [
        "\U0001fa77\U0001fa77",  # pink hearts: an emoji newer than Python's Unicode data
        "\U0001fabf",  # a goose (Unicode 15), as a viral post's heading
        "\ue000",  # an icon font's private-use glyph
        "\U000f0041",  # a Plane-15 private-use character
    ],
)
def test_a_title_that_shows_a_glyph_is_kept_not_called_untitled(desk: Desk, title: str) -> None:
    """Characters Python's Unicode data does not know yet (the emoji of Unicode 15) and
    private-use ones show, as their glyph or a box: such a title was listed as it was until
    invisible characters alone were taken for "nothing to read", then "Untitled article",
    the article's own title lost from the list, the title bar and the reports."""
    article_id = desk.importer.import_text("Budget fell.\n\nThe mayor said so.").article_id
    metadata = desk.articles.article_metadata(article_id)
    with desk.repo.db.atomic():  # as another program stored it
        desk.repo.articles.update_article_metadata(
            article_id, dataclasses.replace(metadata, title=title)
        )
    assert [s.title for s in desk.articles.list_articles()] == [title]
