"""A cleaned copy keeps two (or more) articles of one text: the first under the text's
hash, each other one under `same text as article N: article M` (storage/cleaning.py,
`same_text_mark`). With the first removed (File → Remove Article, nothing recorded on
it), the text imported again was added as a new article beside the twin still listed:
the duplicate check goes by the text's hash, which the twin did not hold. Now the twin
takes the hash over as the first goes (and gives it back when Ctrl+Z brings the first
back), so an import, a merge and a cleaning find it as any article of that text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from factcheck_app.domain.importing import content_hash
from factcheck_app.services.desk import Desk
from factcheck_app.services.workspace_files import open_cleaned_copy
from factcheck_app.storage.stores.rows import same_text_mark
from tests.conftest import SEED_FILE


def twins_copy(folder: Path, count: int = 2) -> Path:
    """A cleaned copy holding the seed article `count` times (ids 1 to `count`), nothing
    recorded on any of them: made as tests/storage/test_cleaned_copy_same_text.py makes
    its damaged workspace (the text again, in the article's row, under a hash of another
    program's making)."""
    path = folder / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        assert desk.importer.import_file(SEED_FILE).article_id == 1
        text = desk.articles.article_text(1)
    finally:
        desk.close()
    conn = sqlite3.connect(path)
    with conn:
        for article in range(2, count + 1):
            conn.execute(
                "INSERT INTO articles (id, title, outlet, author, url, published, source_name,"
                " text, content_hash, segmenter, imported_at, language) SELECT ?, title,"
                " outlet, author, url, published, source_name, ?, ? || content_hash,"
                " segmenter, imported_at, language FROM articles WHERE id = 1",
                [article, text, f"copy {article} "],
            )
            conn.execute(
                'INSERT INTO sentences (id, article_id, start, "end", paragraph)'
                ' SELECT id + ?, ?, start, "end", paragraph FROM sentences'
                " WHERE article_id = 1",
                [1000 * article, article],
            )
    conn.close()
    made = open_cleaned_copy(path, folder / "cleaned.fcdesk")
    assert [(twin.first, twin.kept) for twin in made.same_text] == [
        (1, article) for article in range(2, count + 1)
    ]
    return folder / "cleaned.fcdesk"


def listed(desk: Desk) -> list[int]:
    return [a.id for a in desk.articles.list_articles()]


def imported_again(desk: Desk) -> tuple[int, bool]:
    again = desk.importer.import_file(SEED_FILE)
    return again.article_id, again.duplicate


def marks(desk: Desk) -> dict[int, str]:
    return {
        int(row[0]): str(row[1])
        for row in desk.repo.db.execute("SELECT id, content_hash FROM articles ORDER BY id")
    }


def test_the_text_imported_again_after_the_first_twin_is_removed_finds_the_second(
    tmp_path: Path,
) -> None:
    copy = Desk.open(twins_copy(tmp_path), backup=False)
    try:
        text_hash = content_hash(copy.articles.article_text(1))
        copy.articles.remove_article(1)
        assert listed(copy) == [2]
        # Found, as any article already in the workspace is: not a third article.
        assert imported_again(copy) == (2, True)
        assert listed(copy) == [2]
        assert marks(copy) == {2: text_hash}
        assert copy.upkeep.check().ok and copy.history.verify().ok
        # Ctrl+Z brings the first back: both twins again, the first holding the hash.
        copy.undo()
        assert listed(copy) == [1, 2]
        assert marks(copy) == {1: text_hash, 2: same_text_mark(1, 2)}
        assert imported_again(copy) == (1, True)
        assert copy.upkeep.check().ok and copy.history.verify().ok
        # Ctrl+Y takes it out again, and the second holds the hash once more.
        copy.redo()
        assert listed(copy) == [2]
        assert imported_again(copy) == (2, True)
    finally:
        copy.close()


def test_with_three_twins_the_next_takes_the_hash_and_the_last_names_it(
    tmp_path: Path,
) -> None:
    copy = Desk.open(twins_copy(tmp_path, count=3), backup=False)
    try:
        text_hash = content_hash(copy.articles.article_text(1))
        copy.articles.remove_article(1)
        assert marks(copy) == {2: text_hash, 3: same_text_mark(2, 3)}
        assert imported_again(copy) == (2, True)
        # The second removed too: the third holds it, and an import finds that one.
        copy.articles.remove_article(2)
        assert marks(copy) == {3: text_hash}
        assert imported_again(copy) == (3, True)
        copy.undo()
        copy.undo()
        assert marks(copy) == {1: text_hash, 2: same_text_mark(1, 3 - 1), 3: same_text_mark(1, 3)}
        assert copy.upkeep.check().ok and copy.history.verify().ok
    finally:
        copy.close()


def test_removing_the_second_twin_leaves_the_first_as_it_was(tmp_path: Path) -> None:
    copy = Desk.open(twins_copy(tmp_path), backup=False)
    try:
        text_hash = content_hash(copy.articles.article_text(1))
        copy.articles.remove_article(2)
        assert marks(copy) == {1: text_hash}
        assert imported_again(copy) == (1, True)
        copy.undo()
        assert marks(copy) == {1: text_hash, 2: same_text_mark(1, 2)}
    finally:
        copy.close()


def test_a_merge_and_a_cleaning_after_the_removal_match_the_twin(tmp_path: Path) -> None:
    cleaned = twins_copy(tmp_path)
    colleague = tmp_path / "colleague.fcdesk"
    other = Desk.open(colleague, backup=False)
    try:
        other.importer.import_file(SEED_FILE)
    finally:
        other.close()
    copy = Desk.open(cleaned, backup=False)
    try:
        copy.articles.remove_article(1)
        result = copy.merge.merge(colleague)
        assert (result.articles_added, result.articles_matched) == (0, 1)
        assert listed(copy) == [2]
    finally:
        copy.close()
    again = open_cleaned_copy(cleaned, tmp_path / "again.fcdesk")
    assert again.same_text == [] and not any(again.skipped.values())
