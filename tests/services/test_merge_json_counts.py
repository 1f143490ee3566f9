"""`factcheck-app merge --json` counts what the words say: the links a merge added to
sentences of articles both had ("1 link added"), the sentences that took their editor's
decision or sign-off ("Their decision or sign-off taken on 1 sentence") and the returns
here their later verdict ended. Until 7 December the JSON left them out: a script saw
"nothing" where the terminal said a link and an approval came. The history entry of the
merge keeps the counts it always had (a later desk reads and verifies old entries)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.models import Tag
from factcheck_app.services.sources import NewSource
from tests.services.merge_fixtures import NOTHING_NEW, SHARED, open_as, review, sentence_ids

SAID = ("links_added", "settled_taken", "returns_ended", "returns_ended_open")


def _ana_and_edith(tmp_path: Path) -> tuple[Path, Path]:
    """Ana's checks, and Edith's copy of them: the first approved, the second given a
    source."""
    ana, edith = tmp_path / "ana.fcdesk", tmp_path / "edith.fcdesk"
    desk = open_as(ana, "Ana Ruiz")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        for sentence in sentence_ids(desk, article)[:2]:
            review(desk, sentence, Tag.CLAIM, "false")
    finally:
        desk.close()
    shutil.copyfile(ana, edith)
    desk = open_as(edith, "Edith Park")
    try:
        first, second = sentence_ids(desk, article)[:2]
        desk.sign_offs.approve(first)
        desk.sources.link_source(second, NewSource("https://stats.example/wages"))
    finally:
        desk.close()
    return ana, edith


def test_merge_json_counts_the_links_and_sign_offs_the_words_say(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ana, edith = _ana_and_edith(tmp_path)
    worded = tmp_path / "worded.fcdesk"
    shutil.copyfile(ana, worded)
    assert run(["merge", "-w", str(worded), str(edith)]) == 0
    words = capsys.readouterr().out
    assert "1 link added" in words and "sign-off taken on 1 sentence" in words
    assert run(["merge", "-w", str(ana), str(edith), "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert {key: counts[key] for key in SAID} == {
        "links_added": 1,
        "settled_taken": 1,
        "returns_ended": 0,
        "returns_ended_open": 0,
    }
    assert run(["merge", "-w", str(ana), str(edith), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert {key: again[key] for key in NOTHING_NEW} == {**NOTHING_NEW, "articles_matched": 1}
    assert all(again[key] == 0 for key in SAID)


def test_the_merges_history_entry_keeps_the_counts_it_had(tmp_path: Path) -> None:
    """Its "after" state is what `counts()` gave from the first: ten counts, no more."""
    ana, edith = _ana_and_edith(tmp_path)
    desk = open_as(ana, "Ana Ruiz")
    try:
        desk.merge.merge(edith)
        entry = desk.repo.db.execute(
            "SELECT new FROM history WHERE entity = 'workspace' ORDER BY id DESC LIMIT 1"
        ).fetchone()
    finally:
        desk.close()
    assert set(json.loads(entry[0])) == {"merged", *NOTHING_NEW}


def test_merge_json_says_on_stderr_that_their_history_does_not_verify(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Edith's file changed outside the desk (an entry's actor rewritten): the words say
    "edith.fcdesk's history does not verify", and the merge's entry here records it.
    With --json a script was told nothing, on stdout or stderr: a nightly merge of a
    tampered file looked like any. The counts stay as they were; the warning goes
    beside them, as the one of a file copied while open does."""
    ana, edith = _ana_and_edith(tmp_path)
    other = sqlite3.connect(edith)
    with other:
        other.execute("UPDATE history SET actor = 'Mallory' WHERE id = 2")
    other.close()
    assert run(["merge", "-w", str(ana), str(edith), "--json"]) == 0
    printed = capsys.readouterr()
    counts = json.loads(printed.out)  # stdout is the JSON alone
    assert counts["settled_taken"] == 1
    assert "edith.fcdesk's history does not verify: entry 2 was changed" in printed.err
