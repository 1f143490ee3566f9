"""Importing indexes the new article for search, with progress, and cancels cleanly."""

from __future__ import annotations

import pytest

from factcheck_app.domain.errors import Cancelled
from factcheck_app.services.desk import Desk

SENTENCE = "The ministry said {n} people were hurt in Ganja on Sunday. "


def test_import_reports_indexing_progress_and_indexes_every_sentence(desk: Desk) -> None:
    text = "".join(SENTENCE.format(n=n) for n in range(12_000))
    seen: list[tuple[float, str]] = []
    result = desk.import_text(text, source_name="long.txt")
    assert desk.repo.search.row_count() == result.sentence_count == 12_000
    path = desk.path
    assert path is not None
    other = path.with_name("long.txt")
    other.write_text(text + "One more sentence.", encoding="utf-8")
    desk.import_file(other, progress=lambda fraction, stage: seen.append((fraction, stage)))
    stages = [stage for _fraction, stage in seen]
    assert any(stage.startswith("Saving and indexing") for stage in stages)
    fractions = [fraction for fraction, _stage in seen]
    assert fractions == sorted(fractions) and fractions[-1] <= 1.0
    assert desk.search('"11,999 people"').total == 2  # found in both articles


def test_cancel_while_indexing_leaves_nothing_behind(desk: Desk) -> None:
    path = desk.path
    assert path is not None
    source = path.with_name("long.txt")
    source.write_text("".join(SENTENCE.format(n=n) for n in range(12_000)), encoding="utf-8")

    def cancel_when_indexing(_fraction: float, stage: str) -> None:
        if stage.startswith("Saving and indexing"):
            raise Cancelled("Import cancelled.")

    with pytest.raises(Cancelled):
        desk.import_file(source, progress=cancel_when_indexing)
    assert desk.list_articles() == []
    assert desk.repo.search.row_count() == 0
    assert desk.workspace.db.execute("SELECT count(*) FROM sentences").fetchone() == (0,)
