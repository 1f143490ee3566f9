"""Remove Article, then the same text imported again, then Ctrl+Z. The import's hidden
article holds the text's hash while it is saved: the undo was refused *for good* ("an
article imported since holds its place"), the step dropped, so that a Cancel of that
import left the article gone with no Ctrl+Z to bring it back. And an undo that landed
while the file was still being read made the import fail as a damaged workspace
("UNIQUE constraint failed")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factcheck_app.domain import importing, preparation
from factcheck_app.domain.errors import Cancelled, EditGone, EditRefused
from factcheck_app.services import importer as importer_module
from factcheck_app.services.articles import RemoveArticleEdit
from factcheck_app.services.desk import Desk
from factcheck_app.storage.stores.articles import ArticleStore

TEXT = "".join(f"Line {number} said the minister.\n" for number in range(600))


def _removed(tmp_path: Path) -> tuple[Desk, Path, int]:
    big = tmp_path / "big.txt"
    big.write_text(TEXT, encoding="utf-8")
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False)
    article_id = desk.importer.import_file(big).article_id
    desk.articles.remove_article(article_id)
    return desk, big, article_id


def _visible_ids(desk: Desk) -> list[int]:
    return [summary.id for summary in desk.articles.list_articles()]


def _undo_once_saving(
    desk: Desk, said: list[BaseException], *, cancel: bool
) -> Callable[[float, str], None]:
    """An import's progress that presses Ctrl+Z once, when saving begins, and puts what
    the window would be told in `said`; the import is cancelled then if `cancel`."""

    def progress(fraction: float, stage: str) -> None:
        if stage.startswith("Saving") and not said:
            try:
                desk.edits.undo()
                said.append(AssertionError("undone"))
            except Exception as error:  # what the window would be told
                said.append(error)
            if cancel:
                raise Cancelled("Import cancelled.")

    return progress


def _stopped_by_a_full_disk(monkeypatch: pytest.MonkeyPatch, desk: Desk, big: Path) -> str:
    """An import of `big` stopped by a full disk, whose removal the full disk refused
    too (its hidden row left); the disk has room again after. Returns the text's hash."""
    from factcheck_app.domain.errors import WorkspaceFull

    def full(*_args: object, **_kwargs: object) -> None:
        raise WorkspaceFull("The disk is full.")

    real_slice = importer_module.ArticleImporter._write_slice
    real_discard = importer_module.ArticleImporter.discard_unfinished
    monkeypatch.setattr(importer_module.ArticleImporter, "_write_slice", full)
    monkeypatch.setattr(importer_module.ArticleImporter, "discard_unfinished", full)
    with pytest.raises(WorkspaceFull):
        desk.importer.import_file(big)
    monkeypatch.setattr(importer_module.ArticleImporter, "_write_slice", real_slice)
    monkeypatch.setattr(importer_module.ArticleImporter, "discard_unfinished", real_discard)
    return importing.parse_article(big.read_bytes()).content_hash


@pytest.mark.parametrize("then", ["finished", "cancelled"])
def test_undo_while_the_same_text_is_saved_is_refused_for_now_not_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, then: str
) -> None:
    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
    desk, big, article_id = _removed(tmp_path)
    helper = desk.open_helper()  # the import job's own connection
    said: list[BaseException] = []
    try:

        def undo_once_saving(fraction: float, stage: str) -> None:
            written = desk.repo.db.execute("SELECT count(*) FROM sentences").fetchone()[0]
            if stage.startswith("Saving") and written >= 200 and not said:
                try:
                    desk.edits.undo()
                    said.append(AssertionError("undone"))
                except EditRefused as error:
                    said.append(error)
                if then == "cancelled":
                    raise Cancelled("Import cancelled.")

        if then == "cancelled":
            with pytest.raises(Cancelled):
                helper.importer.import_file(big, undo_once_saving)
        else:
            helper.importer.import_file(big, undo_once_saving)
        assert said, "the undo came while the text was being saved"
        # Refused in words that say why and when, and kept: not dropped for good.
        assert not isinstance(said[0], EditGone), said[0]
        assert "being imported" in str(said[0]), said[0]
        assert desk.edits.undo_text().startswith("Remove article")
        if then == "cancelled":
            # The import stopped: Ctrl+Z brings the removed article back, as it was.
            desk.edits.undo()
            assert _visible_ids(desk) == [article_id]
        else:
            # The import finished: the text is in the workspace again, once.
            with pytest.raises(EditGone, match="in the workspace again"):
                desk.edits.undo()
            assert len(_visible_ids(desk)) == 1
    finally:
        helper.close()
        desk.close()


def test_undo_while_the_same_text_is_read_makes_the_import_find_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, big, article_id = _removed(tmp_path)
    helper = desk.open_helper()
    prepare = preparation.prepare

    def undone_meanwhile(*args: Any, **kwargs: Any) -> Any:
        desk.edits.undo()  # Ctrl+Z in the window while the import splits the text
        return prepare(*args, **kwargs)

    monkeypatch.setattr(preparation, "prepare", undone_meanwhile)
    try:
        result = helper.importer.import_file(big)
        assert result.duplicate  # "already in the workspace", not a database error
        assert result.article_id == article_id
        assert _visible_ids(desk) == [article_id]
    finally:
        helper.close()
        desk.close()


def test_a_text_found_again_is_told_without_counting_every_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found again in the transaction that begins the import (the writer held) and, for a
    # paste, on the window's thread: the whole list's counts took 160-250 ms there on a
    # year's 5,000 articles. Its own title and sentence count are what is said.
    desk, big, article_id = _removed(tmp_path)
    desk.edits.undo()
    title = desk.articles.list_articles()[0].title

    def counted_every_article(self: object) -> None:
        raise AssertionError("list_articles: every article's sentences and reviews counted")

    monkeypatch.setattr(ArticleStore, "list_articles", counted_every_article)
    try:
        result = desk.importer.import_file(big)
        assert (result.duplicate, result.article_id) == (True, article_id)
        assert (result.title, result.sentence_count) == (title, 600)
    finally:
        desk.close()


def test_undo_checked_just_before_the_import_began_is_refused_in_its_own_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl+Z's check reads outside the transaction that writes: the import beside the
    # window may begin (its hidden row, the text's hash) between the two. The check is
    # made to have read just before that (None: "may be undone"); the undo's own
    # transaction must still refuse it for now, in words, not fail on the text's hash.
    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
    desk, big, _article_id = _removed(tmp_path)
    helper = desk.open_helper()
    monkeypatch.setattr(RemoveArticleEdit, "refusal", lambda *args: None)
    said: list[BaseException] = []
    undo_once_saving = _undo_once_saving(desk, said, cancel=False)

    try:
        helper.importer.import_file(big, undo_once_saving)
        assert said and isinstance(said[0], EditRefused), said
        assert not isinstance(said[0], EditGone), said[0]
        assert "being imported" in str(said[0]), said[0]
        assert desk.edits.undo_text().startswith("Remove article")
        assert len(_visible_ids(desk)) == 1
    finally:
        helper.close()
        desk.close()


def test_undo_that_looked_just_before_the_import_began_is_not_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl+Z looks before its write, one read after another: an import of the same text
    # beside the window may begin between its look for a hidden article of the text (none
    # yet) and its look at what holds the removed article's place. The import's hidden row
    # holds the text's hash: the undo was refused for good ("an article imported since
    # holds its place"), the step dropped, and a Cancel of that import left the article
    # gone with no Ctrl+Z to bring it back.
    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
    desk, big, article_id = _removed(tmp_path)
    helper = desk.open_helper()
    hidden_of_text = desk.repo.imports.hidden_of_text
    looks: list[str] = []

    def looked_just_before(content_hash: str) -> int | None:
        if not looks:  # the window's first look: just before the import's row was written
            looks.append(content_hash)
            return None
        return hidden_of_text(content_hash)

    monkeypatch.setattr(desk.repo.imports, "hidden_of_text", looked_just_before)
    said: list[BaseException] = []
    undo_once_saving = _undo_once_saving(desk, said, cancel=True)

    try:
        with pytest.raises(Cancelled):
            helper.importer.import_file(big, undo_once_saving)
        assert looks, "the undo looked for a hidden article of the text"
        assert said and isinstance(said[0], EditRefused), said
        assert not isinstance(said[0], EditGone), said[0]
        assert "being imported" in str(said[0]), said[0]
        # The import cancelled, Ctrl+Z brings the article back.
        assert desk.edits.undo_text().startswith("Remove article")
        desk.edits.undo()
        assert _visible_ids(desk) == [article_id]
    finally:
        helper.close()
        desk.close()


def test_undo_after_an_import_of_the_text_stopped_and_not_taken_out_brings_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An import of the same text stopped by a full disk, whose removal the full disk
    # refused too, leaves a hidden row holding the text's hash: Ctrl+Z lets it go in its
    # own write (its look before it writes nothing) and brings the article back.
    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
    desk, big, article_id = _removed(tmp_path)
    try:
        text_hash = _stopped_by_a_full_disk(monkeypatch, desk, big)
        assert desk.repo.imports.hidden_of_text(text_hash) is not None  # left hidden
        desk.edits.undo()
        assert _visible_ids(desk) == [article_id]
        assert desk.importer.import_file(big).duplicate  # recognised as that text
    finally:
        desk.close()


def test_undo_that_saw_a_stopped_import_then_a_new_one_begin_is_kept_for_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every step in turn: a full disk stops an import of the removed text and leaves its
    # hidden row; Ctrl+Z looks (that row: what a stopped import left, no refusal); an
    # import of the text begins beside the window before Ctrl+Z writes (it lets the old
    # row's hash go and takes it); Ctrl+Z's write is refused for now; the import is
    # cancelled; Ctrl+Z brings the article back, once.
    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
    desk, big, article_id = _removed(tmp_path)
    text_hash = _stopped_by_a_full_disk(monkeypatch, desk, big)
    stale = desk.repo.imports.hidden_of_text(text_hash)
    assert stale is not None

    helper = desk.open_helper()
    said: list[BaseException] = []
    undo_once_saving = _undo_once_saving(desk, said, cancel=True)

    # Ctrl+Z's look, with only the stopped import's row there: nothing to refuse (and
    # nothing written). Its write comes once the import has begun.
    top = desk.edits.top("undo")
    assert isinstance(top, RemoveArticleEdit)
    assert top.refusal(desk.repo, "desk", "undo") is None
    assert desk.repo.imports.hidden_of_text(text_hash) == stale  # the hash still held
    monkeypatch.setattr(RemoveArticleEdit, "refusal", lambda *args: None)  # looked already
    try:
        with pytest.raises(Cancelled):
            helper.importer.import_file(big, undo_once_saving)
        assert said and isinstance(said[0], EditRefused), said
        assert not isinstance(said[0], EditGone), said[0]
        assert desk.edits.undo_text().startswith("Remove article")
        desk.edits.undo()
        assert _visible_ids(desk) == [article_id]
        assert desk.importer.import_file(big).duplicate
    finally:
        helper.close()
        desk.close()
