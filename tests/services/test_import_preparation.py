"""A big article is split and indexed where it is read (the parser worker), not in the
thread that writes it: that thread shares the interpreter lock with the window, whose
saves waited for its pure-Python loops (issue 12)."""

from __future__ import annotations

import dataclasses
import pickle
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from factcheck_app.domain import preparation
from factcheck_app.domain.errors import Cancelled
from factcheck_app.domain.importing import parse_article
from factcheck_app.services import article_files
from factcheck_app.services.desk import Desk

SENTENCE = "Minister Ćosić said {n} schools in Gyumri — «Գյումրի» — reopened on Monday. "
# The slow per-sentence work: the splitter's loops and each sentence's index words.
SLOW = {"split_sentences", "_segments", "index_words"}


def _calls_here(into: list[str]) -> Any:
    def profile(frame: FrameType, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code.co_name in SLOW:
            into.append(frame.f_code.co_name)

    return profile


def test_a_big_text_file_is_split_and_indexed_in_the_worker_not_in_this_process(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(article_files, "TEXT_IN_PROCESS_BYTES", 100)
    text = "".join(SENTENCE.format(n=n) for n in range(3_000))
    article = tmp_path / "big.txt"
    article.write_text(text, encoding="utf-8")
    called: list[str] = []
    stages: list[str] = []
    sys.setprofile(_calls_here(called))
    try:
        result = desk.importer.import_file(article, progress=lambda _f, stage: stages.append(stage))
    finally:
        sys.setprofile(None)
    assert called == []
    assert {"Splitting big.txt into sentences", "Indexing big.txt"} <= set(stages)
    # The same sentences, text and index as an article split here.
    assert result.sentence_count == 3_000
    stored = desk.articles.article_text(result.article_id)
    assert stored == parse_article(text.encode("utf-8")).text
    rows = desk.reviews.sentence_rows(result.article_id)
    assert [r.sentence.text for r in rows] == [SENTENCE.format(n=n).strip() for n in range(3_000)]
    assert desk.lookup.search('"2,999 schools"').total == 1
    assert desk.lookup.search("Գյումրի").total == 3_000
    assert desk.repo.search.row_count() == 3_000


@pytest.mark.parametrize("stage", ["Splitting", "Indexing"])
def test_cancel_while_the_worker_splits_or_indexes_leaves_nothing_and_stops_it(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    monkeypatch.setattr(article_files, "TEXT_IN_PROCESS_BYTES", 100)
    article = tmp_path / "big.txt"
    article.write_text("".join(SENTENCE.format(n=n) for n in range(30_000)), encoding="utf-8")

    def cancel(_fraction: float, name: str) -> None:
        if name.startswith(stage):
            raise Cancelled("Import cancelled.")

    with pytest.raises(Cancelled):
        desk.importer.import_file(article, progress=cancel)
    assert desk.articles.list_articles() == []
    assert desk.repo.db.execute("SELECT count(*) FROM sentences").fetchone()[0] == 0
    assert desk.repo.search.row_count() == 0


def test_a_packed_article_comes_back_whole_however_it_is_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Letters of 2, 3 and 4 bytes across the cuts; sentences with no index words.
    text = "".join(SENTENCE.format(n=n) + "😀 ok. " for n in range(50))
    parsed = parse_article(text.encode("utf-8"))
    prepared = preparation.prepare(parsed, "t.txt")
    words = list(prepared.words)
    words[0] = words[7] = words[-1] = ""
    prepared = dataclasses.replace(prepared, words=words)
    monkeypatch.setattr(preparation, "TEXT_PIECE_BYTES", 7)  # cuts inside UTF-8 sequences
    packed = pickle.loads(pickle.dumps(preparation.pack(prepared)))
    back = preparation.unpack(packed)
    assert back.parsed == prepared.parsed
    assert back.language == prepared.language
    assert list(back.spans) == list(prepared.spans) and len(back.spans) == len(prepared.spans)
    assert list(back.words) == list(prepared.words)
    assert "" in prepared.words
    assert back.spans[3:9] == list(prepared.spans[3:9])
    assert back.words[3:9] == list(prepared.words[3:9])
    assert back.words[5:5] == [] and back.spans[-1] == prepared.spans[-1]
    assert back.words[-1] == prepared.words[-1]
