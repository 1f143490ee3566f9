"""Two imports of one text at once: a big file saved in slices beside the window (hidden
until its last slice), and the same text pasted meanwhile. The paste took the file's
text hash from the import under way (a rule meant for what a quit left, services/
leftovers.py): both came in, the file's as a second visible copy with the hash
"removed N", which no import again or merge ever recognised as that text."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.domain.errors import ArticleImportError
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
