"""Check Workspace while an article is hidden (being imported, or taken out after a
stopped import): its "Holds N articles, M sentences" line counted the hidden article and
the sentences saved of it so far, an article the list does not show, beside a line
saying it "is not checked"."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.services import importer as importer_module
from factcheck_app.services.desk import Desk

TEXT = "".join(f"Line {number} said the minister.\n" for number in range(600))


def test_an_article_being_imported_is_not_counted_with_the_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False)
    desk.importer.import_text("The mayor said rents fell by 4%. Critics disagreed.\n")
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
        assert lines
        assert "Holds 1 article, 2 sentences, 0 reviews and 0 sources." in lines, lines[-3:]
        said = next(line for line in lines if line.startswith("Imports:"))
        assert "1 article still being imported or taken out" in said
        assert "not checked (nor counted below)" in said, said
        # Finished, it is counted as ever.
        assert "Holds 2 articles, 602 sentences" in " ".join(desk.upkeep.check().lines)
    finally:
        helper.close()
        desk.close()
