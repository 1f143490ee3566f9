"""Check Workspace while an article is hidden (being imported, or taken out after a
stopped import): its "Holds N articles, M sentences" line counted the hidden article and
the sentences saved of it so far, an article the list does not show, beside a line
saying it "is not checked"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from factcheck_app.services import importer as importer_module
from factcheck_app.services.desk import Desk

TEXT = "".join(f"Line {number} said the minister.\n" for number in range(600))


def checked_while_saving(desk: Desk, tmp_path: Path) -> list[str]:
    """The lines of Check Workspace run once while TEXT is imported beside the window
    (the import job's own connection), 200 of its sentences saved."""
    big = tmp_path / "big.txt"
    big.write_text(TEXT, encoding="utf-8")
    helper = desk.open_helper()  # the import job's own connection
    lines: list[str] = []
    try:

        def check_once_saving(fraction: float, stage: str) -> None:
            written = desk.repo.db.execute("SELECT count(*) FROM sentences").fetchone()[0]
            if stage.startswith("Saving") and written >= 200 and not lines:
                lines.extend(desk.upkeep.check().lines)

        helper.importer.import_file(big, check_once_saving)
    finally:
        helper.close()
    return lines


def test_an_article_being_imported_is_not_counted_with_the_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False)
    desk.importer.import_text("The mayor said rents fell by 4%. Critics disagreed.\n")
    try:
        lines = checked_while_saving(desk, tmp_path)
        assert lines
        assert "Holds 1 article, 2 sentences, 0 reviews and 0 sources." in lines, lines[-3:]
        said = next(line for line in lines if line.startswith("Imports:"))
        assert "1 article still being imported or taken out" in said
        assert "not checked (nor counted below)" in said, said
        # Finished, it is counted as ever.
        assert "Holds 2 articles, 602 sentences" in " ".join(desk.upkeep.check().lines)
    finally:
        desk.close()


def test_an_article_being_imported_is_said_apart_when_the_check_finds_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With damage found, the check ended before its "Imports:" line: the article being
    imported was left out of "Holds N articles" without a word, as if it were gone."""
    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False)
    desk.importer.import_text("The mayor said rents fell by 4%. Critics disagreed.\n")
    db = desk.workspace.db
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("INSERT INTO reviews (sentence_id, status) VALUES (999, 'done')")  # damage
    db.execute("PRAGMA foreign_keys = ON")
    try:
        lines = checked_while_saving(desk, tmp_path)
        assert lines and "Links between records: 1 broken reference." in lines, lines
        assert "Holds 1 article, 2 sentences, 1 review and 0 sources." in lines, lines
        said = [line for line in lines if line.startswith("Imports:")]
        assert said and "1 article still being imported or taken out" in said[0], lines
        assert lines.index(said[0]) < lines.index(
            "Holds 1 article, 2 sentences, 1 review and 0 sources."
        )
    finally:
        desk.close()


def test_more_hidden_rows_than_rows_counted_is_never_a_negative_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged index can count more rows of hidden articles than `count(*)` finds:
    "Holds -1 articles" is no count a reviewer can read."""
    from factcheck_app.storage import backups

    desk = Desk.open(tmp_path / "w.fcdesk", backup=False)
    try:
        desk.importer.import_text("The mayor said rents fell by 4%. Critics disagreed.\n")
        monkeypatch.setattr(
            backups, "_hidden_counts", lambda _conn: {"articles": 2, "sentences": 9, "reviews": 1}
        )
        lines = desk.upkeep.check().lines
        assert "Holds 0 articles, 0 sentences, 0 reviews and 0 sources." in lines, lines
    finally:
        desk.close()


def test_an_import_that_finishes_during_the_check_is_counted_once_or_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hidden articles were counted twice, a moment apart: for "Holds N articles"
    and again for the "Imports:" line. An import beside the window that finished between
    (a check on the command line reads statement by statement) was left out of "Holds"
    and said nowhere, as if the article were not in the workspace."""
    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False)
    desk.importer.import_text("The mayor said rents fell by 4%. Critics disagreed.\n")
    broken_text = desk.repo.articles.articles_with_broken_text

    def finished_meanwhile() -> list[int]:
        # The import's finish, committed while the check reads the article texts.
        (hidden,) = desk.repo.articles.unfinished()
        with desk.repo.db.atomic():
            desk.repo.imports.finish_article(hidden)
        return broken_text()

    monkeypatch.setattr(desk.repo.articles, "articles_with_broken_text", finished_meanwhile)
    try:
        lines = checked_while_saving(desk, tmp_path)
        assert "Holds 1 article, 2 sentences, 0 reviews and 0 sources." in lines, lines
        said = [line for line in lines if line.startswith("Imports:")]
        assert said and "1 article still being imported or taken out" in said[0], lines
    finally:
        desk.close()


def test_an_import_beginning_between_the_counts_leaves_no_article_uncounted(
    tmp_path: Path,
) -> None:
    # "Holds N articles" is count(*) less the hidden ones: read a moment apart, an import
    # beginning between them (its hidden row) was taken off an article the list shows.
    import sqlite3

    from factcheck_app.domain.models import ArticleMetadata
    from factcheck_app.storage import backups

    desk = Desk.open(tmp_path / "w.fcdesk", backup=False)
    desk.importer.import_text("The mayor said rents fell by 4%. Critics disagreed.\n")
    helper = desk.open_helper()  # the import job's own connection

    class ImportBeginsMeanwhile:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn, self.began = conn, False

        def execute(self, query: str, *args: Any) -> sqlite3.Cursor:
            if "NOT (" in query and not self.began:  # the first look at hidden rows
                self.began = True
                with helper.repo.db.atomic():
                    helper.repo.imports.begin_article(
                        text="Other text.",
                        content_hash="other",
                        metadata=ArticleMetadata(),
                        source_name="other.txt",
                        segmenter="test",
                    )
            return self.conn.execute(query, *args)

        def __getattr__(self, name: str) -> object:
            return getattr(self.conn, name)

    try:
        proxy = ImportBeginsMeanwhile(desk.repo.db.conn)
        lines = backups.check_database(proxy)  # type: ignore[arg-type]
        assert proxy.began
        assert any(line.startswith("Holds 1 article,") for line in lines.lines), lines.lines
    finally:
        helper.close()
        desk.close()
