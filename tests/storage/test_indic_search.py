"""Search in Indic and South-East Asian scripts finds whole words (issue: "दिल्ली में
मंत्री" was indexed as "द लल म म तर", split at its vowel signs and viramas, so a search
found any text sharing single consonants, and bolded single consonants); a workspace whose
index was made so is rebuilt once when it is opened; the index's tables are made as the
released desk makes them, so that it still opens a workspace this version opened."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from factcheck_app.domain.matching import SEARCH_INDEX_VERSION
from factcheck_app.services.desk import Desk
from factcheck_app.storage.search import (
    CREATE_SQL,
    VERDICT_CREATE_SQL,
    VERSION_SETTING,
    Rebuild,
    SearchIndex,
)
from tests.domain.test_matching import INDIC, as_written

# One paragraph (one sentence) per line: each script's word, and a sentence sharing only
# the consonants the old rules cut it into.
SENTENCES = [f"{text}." for _, has_it, shares in INDIC.values() for text in (has_it, shares)]
ARTICLE = "\n\n".join(SENTENCES)
# The index's tables as release 0.1.0 and every desk since made them, byte for byte: a
# desk compares a workspace's tables with its own (storage/schema_guard.py), and one that
# found them "defined differently" would open only a cleaned copy of a team's workspace.
RELEASED_TABLES = {
    "search_index": "CREATE VIRTUAL TABLE search_index USING fts5("
    "words, claimant, explanation, sources, tokenize = 'unicode61')",
    "verdict_index": "CREATE VIRTUAL TABLE verdict_index USING fts5(words, tokenize = 'unicode61')",
}


def sentence_texts(desk: Desk, query: str) -> list[str]:
    return [hit.found.row.sentence.text for hit in desk.lookup.search(query).hits]


def former_index_words(text: str) -> str:
    """`text` as index rules 7 indexed it (these sentences): marks with a combining class
    dropped, the others taken for gaps between words ("द लल म म तर")."""
    folded = unicodedata.normalize("NFKD", text.lower())
    unmarked = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(re.findall(r"[^\W_]+", unmarked))


def indexed_as_before(path: Path) -> None:
    """Make the closed workspace's index as the desk before made it: its rows with the
    former rules (the words cut at their marks) and its version setting the former one."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            ids = [r[0] for r in conn.execute("SELECT rowid FROM search_index ORDER BY rowid")]
            conn.executemany(
                "UPDATE search_index SET words = ? WHERE rowid = ?",
                [(former_index_words(text), id_) for text, id_ in zip(SENTENCES, ids, strict=True)],
            )
            conn.execute(
                "UPDATE settings SET value = '7' WHERE key = ?",
                [VERSION_SETTING],
            )
    finally:
        conn.close()


def table_sql(desk: Desk, name: str) -> str:
    row = desk.workspace.db.execute(
        "SELECT sql FROM sqlite_master WHERE name = ?", [name]
    ).fetchone()
    return str(row[0])


@pytest.fixture
def indic(desk: Desk) -> Desk:
    desk.importer.import_text(ARTICLE, source_name="indic.txt")
    return desk


@pytest.mark.parametrize("script", list(INDIC))
def test_a_search_finds_the_word_and_not_its_consonants(indic: Desk, script: str) -> None:
    word, has_it, _ = INDIC[script]
    for typed in (word, word + " "):  # being typed, and typed out
        assert sentence_texts(indic, typed) == [has_it + "."]


def test_the_index_keeps_indic_words_whole(indic: Desk) -> None:
    rows = [as_written(r[0]) for r in indic.workspace.db.execute("SELECT words FROM search_index")]
    assert "दिल्ली में मंत्री ने कहा" in rows


def test_the_index_tables_are_made_as_the_released_desk_makes_them(indic: Desk) -> None:
    """A colleague's desk of an earlier version still opens the team's workspace: the
    words are indexed whole by the fold alone, the tables' definition is unchanged."""
    assert CREATE_SQL.format(table="search_index") == RELEASED_TABLES["search_index"]
    assert VERDICT_CREATE_SQL.format(table="verdict_index") == RELEASED_TABLES["verdict_index"]
    for name, released in RELEASED_TABLES.items():
        assert table_sql(indic, name) == released
    path = indic.path
    assert path is not None
    indic.close()
    indexed_as_before(path)  # an index of the former rules, rebuilt at the open
    desk = Desk.open(path, backup=False)
    try:
        for name, released in RELEASED_TABLES.items():
            assert table_sql(desk, name) == released
        assert sentence_texts(desk, "मंत्री ") == ["दिल्ली में मंत्री ने कहा."]
    finally:
        desk.close()


def test_an_index_made_by_the_former_rules_is_rebuilt_once_at_open(
    indic: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = indic.path
    assert path is not None
    indic.close()
    indexed_as_before(path)
    # Opened as the window opens it (it rebuilds beside itself): due whole, in place.
    desk = Desk.open(path, backup=False, search_index="beside")
    try:
        assert SearchIndex(desk.workspace.db).rebuild_due() == Rebuild()
        assert sentence_texts(desk, "मंत्री ") == []  # (the former rules' words found nothing)
    finally:
        desk.close()
    started: list[Rebuild] = []
    real = SearchIndex.start_rebuild

    def start_rebuild(self: SearchIndex, due: Rebuild) -> None:
        started.append(due)
        real(self, due)

    monkeypatch.setattr(SearchIndex, "start_rebuild", start_rebuild)
    desk = Desk.open(path, backup=False)
    try:
        assert started == [Rebuild()]  # every row written again, by the rules of now
        assert desk.repo.settings.get_setting(VERSION_SETTING) == str(SEARCH_INDEX_VERSION)
        assert sentence_texts(desk, "मंत्री ") == ["दिल्ली में मंत्री ने कहा."]
    finally:
        desk.close()
    desk = Desk.open(path, backup=False)  # and not again
    try:
        assert started == [Rebuild()]
        assert sentence_texts(desk, "ข่าว ") == ["ข่าว ด่วน วันนี้."]
    finally:
        desk.close()


def test_the_command_line_search_finds_an_indic_word(indic: Desk) -> None:
    path = indic.path
    assert path is not None
    indic.close()
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "search", "-w", str(path), "--json", "मंत्री"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert [hit["text"] for hit in json.loads(result.stdout)] == ["दिल्ली में मंत्री ने कहा."]


def test_a_stray_mark_on_a_latin_word_is_left_out_and_an_older_index_rebuilt(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Devanagari vowel sign slipped onto a Latin word ("Modiी", typed on a Hindi
    keyboard left on) was kept in the word, as a Hindi word keeps its signs: "Modi" did
    not find it, and Find Article did not list "Modiी meets the press". It is left out,
    as an accent is. A workspace indexed by the rules before (its version the one before)
    is indexed again when it is opened, and then finds it."""
    desk.importer.import_text("Modiी met the press in Delhi.\n\nमंत्री ने कहा.")
    assert sentence_texts(desk, "Modi ") == ["Modiी met the press in Delhi."]
    assert sentence_texts(desk, "मंत्री ") == ["मंत्री ने कहा."]
    path = desk.path
    assert path is not None
    desk.close()
    conn = sqlite3.connect(path)  # the index as the desk before made it
    try:
        with conn:
            conn.execute(
                "UPDATE search_index SET words = ? WHERE words LIKE 'modi%'",
                ["modi\U000f0940 met the press in delhi"],
            )
            conn.execute(
                "UPDATE settings SET value = ? WHERE key = ?",
                [str(SEARCH_INDEX_VERSION - 1), VERSION_SETTING],
            )
    finally:
        conn.close()
    started: list[Rebuild] = []
    real = SearchIndex.start_rebuild

    def start_rebuild(self: SearchIndex, due: Rebuild) -> None:
        started.append(due)
        real(self, due)

    monkeypatch.setattr(SearchIndex, "start_rebuild", start_rebuild)
    reopened = Desk.open(path, backup=False)
    try:
        assert started == [Rebuild()]
        assert reopened.repo.settings.get_setting(VERSION_SETTING) == str(SEARCH_INDEX_VERSION)
        assert sentence_texts(reopened, "Modi ") == ["Modiी met the press in Delhi."]
        assert sentence_texts(reopened, "मंत्री ") == ["मंत्री ने कहा."]
    finally:
        reopened.close()
