"""An import's marks (`import.reading.TOKEN` while its file is read, `import.unfinished.ID`
while its article is saved) rewritten as bytes by another program while the import ran
(a script tidying the settings, a sync tool): each is taken off as the import goes on, as
the desk's own text ones are. Deleted by their text key alone, the bytes ones stayed: the
imported article stayed hidden (not in the list, its import said done), and at the next
open it was told as an import "cut short" and removed, with the file's name told twice."""

from __future__ import annotations

from pathlib import Path

from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE

# The marks as another program rewrites them: the key as the BLOB of its UTF-8.
_REWRITE = (
    "UPDATE settings SET key = CAST(key AS BLOB) WHERE typeof(key) = 'text' AND key GLOB 'import.*'"
)


def _marks(desk: Desk) -> list[object]:
    return [
        r[0]
        for r in desk.repo.db.execute(
            "SELECT key FROM settings WHERE CAST(key AS TEXT) GLOB 'import.*'"
        ).fetchall()
    ]


def test_an_import_whose_marks_were_rewritten_as_bytes_comes_in_whole(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    seen: list[str] = []

    def rewrite_marks(_fraction: float, stage: str) -> None:
        # Between the import's transactions, as another program's write comes in.
        if not desk.repo.db.conn.in_transaction:
            desk.repo.db.execute(_REWRITE)
            seen.append(stage)

    try:
        article = desk.importer.import_file(SEED_FILE, progress=rewrite_marks).article_id
        assert any(s.startswith("Reading") for s in seen)
        assert any(s.startswith("Saving") for s in seen)
        assert [a.id for a in desk.articles.list_articles()] == [article]
        assert _marks(desk) == []
    finally:
        desk.close()
    again = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        assert again.cut_short_imports == []
        assert [a.id for a in again.articles.list_articles()] == [article]
        assert len(again.reviews.sentence_rows(article)) > 1
    finally:
        again.close()


def test_a_stopped_import_marked_in_bytes_leaves_no_mark_once_removed(tmp_path: Path) -> None:
    """An import a crash cut short, its mark rewritten as bytes: the open that removes it
    takes the mark too. Left, it hid any article later given its id."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        cut_short = desk.importer.import_text("The figures were wrong.").article_id
        with desk.repo.db.atomic():  # as the crash left it, then the rewrite
            desk.repo.db.execute(
                "INSERT INTO settings (key, value) VALUES (CAST(? AS BLOB), ?)",
                [f"import.unfinished.{cut_short}", str(cut_short)],
            )
    finally:
        desk.close()
    again = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        assert again.articles.list_articles() == []
        assert _marks(again) == []
    finally:
        again.close()
