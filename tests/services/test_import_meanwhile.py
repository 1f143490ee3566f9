"""Two imports of one text at once: a big file saved in slices beside the window (hidden
until its last slice), and the same text pasted meanwhile. The paste took the file's
text hash from the import under way (a rule meant for what a quit left, services/
leftovers.py): both came in, the file's as a second visible copy with the hash
"removed N", which no import again or merge ever recognised as that text."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.domain.errors import ArticleImportError, EditGone, EditRefused, FactcheckError
from factcheck_app.services import importer as importer_module
from factcheck_app.services.desk import Desk

TEXT = "".join(f"Line {number} said the minister.\n" for number in range(600))


def test_the_same_text_pasted_while_its_file_is_saved_is_not_a_second_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
    big = tmp_path / "big.txt"
    big.write_text(TEXT, encoding="utf-8")
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False)
    helper = desk.open_helper()  # the import job's own connection
    pasted: list[str] = []
    try:

        def paste_once_saving(fraction: float, stage: str) -> None:
            written = desk.repo.db.execute("SELECT count(*) FROM sentences").fetchone()[0]
            if stage.startswith("Saving") and written >= 200 and not pasted:
                try:
                    result = desk.importer.import_pasted(text=TEXT)
                    pasted.append(f"imported {result.article_id}")
                except ArticleImportError as error:
                    pasted.append(str(error))

        file_result = helper.importer.import_file(big, paste_once_saving)
        assert pasted  # the paste came while the file was being saved
        rows = desk.repo.db.execute(
            "SELECT id, content_hash FROM articles WHERE source_name IN ('big.txt', 'pasted text')"
        ).fetchall()
        assert len(rows) == 1, (pasted, rows)  # one copy of the text, not two
        assert rows[0][0] == file_result.article_id
        assert not str(rows[0][1]).startswith("removed")
        assert "being imported" in pasted[0]
        # Imported again, it is recognised.
        assert desk.importer.import_file(big).duplicate
    finally:
        helper.close()
        desk.close()


def _theirs_with(tmp_path: Path, big: Path) -> Path:
    """A colleague's workspace holding the big file's article."""
    path = tmp_path / "theirs.fcdesk"
    theirs = Desk.open(path, backup=False)
    try:
        theirs.importer.import_file(big)
    finally:
        theirs.close()
    return path


@pytest.mark.parametrize("step", ["merge", "redo"])
def test_a_merge_of_a_text_being_imported_is_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """A merge (or Ctrl+Y of one: the window takes it beside an import) bringing the text
    of a file saved beside the window met the import's hidden article: begin_article no
    longer renames it, and the merge said the workspace "could not be read or written
    (UNIQUE constraint failed: articles.content_hash)", as if the file were damaged."""
    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
    big = tmp_path / "big.txt"
    big.write_text(TEXT, encoding="utf-8")
    theirs = _theirs_with(tmp_path, big)
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False)
    if step == "redo":
        desk.merge.merge(theirs)
        desk.undo()
    helper = desk.open_helper()
    said: list[Exception] = []
    try:

        def merge_once_saving(fraction: float, stage: str) -> None:
            written = desk.repo.db.execute("SELECT count(*) FROM sentences").fetchone()[0]
            if stage.startswith("Saving") and written >= 200 and not said:
                try:
                    desk.merge.merge(theirs) if step == "merge" else desk.redo()
                except FactcheckError as error:
                    said.append(error)

        file_result = helper.importer.import_file(big, merge_once_saving)
        assert said, "the merge came while the file was being saved"
        assert isinstance(said[0], EditRefused), said[0]
        assert "being imported" in str(said[0]), said[0]
        rows = desk.repo.db.execute("SELECT id, content_hash FROM articles").fetchall()
        assert [r[0] for r in rows] == [file_result.article_id]  # the merge wrote nothing
        if step == "redo":  # kept, then refused for good: the article is here now
            with pytest.raises(EditGone):
                desk.redo()
    finally:
        helper.close()
        desk.close()


@pytest.mark.parametrize("again", ["import", "merge"])
def test_a_file_whose_import_failed_and_could_not_be_taken_out_comes_in_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, again: str
) -> None:
    """A big import stopped by a full disk, whose removal the full disk refused too,
    stays hidden with its text hash until the next open. Once there was room, the same
    file imported again was refused "being imported already" though nothing was being
    imported (begin_article no longer lets such a one's hash go): the journalist had to
    close and open the workspace to bring her file in. Nor could a merge bring its text."""
    from factcheck_app.domain.errors import WorkspaceFull

    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
    big = tmp_path / "big.txt"
    big.write_text(TEXT, encoding="utf-8")
    theirs = _theirs_with(tmp_path, big)
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False)
    try:
        real_slice = importer_module.ArticleImporter._write_slice
        real_discard = importer_module.ArticleImporter.discard_unfinished

        def full_at_the_third(self: object, article_id: int, *args: object) -> int:
            if args[-1] >= 200:  # position
                raise WorkspaceFull("The disk is full.")
            return real_slice(self, article_id, *args)  # type: ignore[arg-type]

        def refused(*_args: object, **_kwargs: object) -> None:
            raise WorkspaceFull("The disk is full.")

        monkeypatch.setattr(importer_module.ArticleImporter, "_write_slice", full_at_the_third)
        monkeypatch.setattr(importer_module.ArticleImporter, "discard_unfinished", refused)
        with pytest.raises(WorkspaceFull):
            desk.importer.import_file(big)
        monkeypatch.setattr(importer_module.ArticleImporter, "_write_slice", real_slice)
        monkeypatch.setattr(importer_module.ArticleImporter, "discard_unfinished", real_discard)
        # Room again: the file (or a colleague's copy of it) comes in, once, recognised
        # as that text.
        if again == "import":
            assert not desk.importer.import_file(big).duplicate
        else:
            assert desk.merge.merge(theirs).articles_added == 1
        assert len(desk.articles.list_articles()) == 1
        assert desk.importer.import_file(big).duplicate
    finally:
        desk.close()
