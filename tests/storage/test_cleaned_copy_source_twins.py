"""A page held as two sources, its address once as bytes (a script rewrote it) and once as
text (Link Source made a second source of it until 7 December: it looked the page up as
text only). Open a Cleaned Copy reads both addresses as the same text: it kept the first
and left out the second with every link to it, so a sentence's source was lost from the
copy. The second's links now go to the source kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from factcheck_app.domain.models import Stance
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from factcheck_app.services.workspace_files import open_cleaned_copy
from tests.conftest import SEED_FILE

URL = "https://stats.example/zaehlung"


def test_a_page_held_twice_keeps_every_sentences_link_in_a_cleaned_copy(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        article = desk.importer.import_file(SEED_FILE).article_id
        ids = [row.sentence.id for row in desk.reviews.sentence_rows(article)]
        desk.sources.link_source(ids[0], NewSource(URL, "Zählung", stance=Stance.REFUTES))
        desk.sources.link_source(ids[1], NewSource("https://amt.example/b", "Bericht"))
    finally:
        desk.close()
    conn = sqlite3.connect(path)
    with conn:
        # A script rewrote the page's address as bytes; an earlier desk then linked the
        # page to the second sentence as a source of its own, its address as text.
        conn.execute("UPDATE sources SET url = CAST(url AS BLOB) WHERE url = ?", [URL])
        conn.execute(
            "INSERT INTO sources (id, url, title, publisher, accessed, created_at)"
            " SELECT 99, ?, title, publisher, accessed, created_at FROM sources"
            " WHERE url = CAST(? AS BLOB)",
            [URL, URL],
        )
        conn.execute(
            "INSERT INTO sentence_sources (id, sentence_id, source_id, stance, excerpt,"
            " created_at, reviewer) SELECT 99, ?, 99, 'supports', '« 4,1 % »', created_at,"
            " reviewer FROM sentence_sources WHERE sentence_id = ?",
            [ids[2], ids[0]],
        )
    conn.close()
    made = open_cleaned_copy(path, tmp_path / "cleaned.fcdesk")
    copy = Desk.open(tmp_path / "cleaned.fcdesk", backup=False, read_only=True)
    try:
        assert [link.source.url for link in copy.sources.links(ids[0])] == [URL]
        linked = copy.sources.links(ids[2])
        assert [(link.source.url, link.stance, link.excerpt) for link in linked] == [
            (URL, Stance.SUPPORTS, "« 4,1 % »")
        ]
        assert [s.url for s in copy.sources.sources()].count(URL) == 1
    finally:
        copy.close()
    # One page kept once is not a row that failed the desk's checks.
    assert made.skipped.get("sources", 0) == 0
    assert made.skipped.get("sentence_sources", 0) == 0
