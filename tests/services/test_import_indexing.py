"""Importing indexes the new article for search, with progress, and cancels cleanly."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from factcheck_app.domain.errors import Cancelled, StoppedToQuit
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.session import SESSION_OPEN
from tests.conftest import SEED_FILE

SENTENCE = "The ministry said {n} people were hurt in Ganja on Sunday. "


def numbered_sentences_file(desk: Desk, count: int, name: str = "long.txt") -> Path:
    """A text file `name` beside the desk's workspace, of `count` SENTENCEs numbered 0 on."""
    path = desk.path
    assert path is not None
    source = path.with_name(name)
    source.write_text("".join(SENTENCE.format(n=n) for n in range(count)), encoding="utf-8")
    return source


def test_import_reports_indexing_progress_and_indexes_every_sentence(desk: Desk) -> None:
    text = "".join(SENTENCE.format(n=n) for n in range(12_000))
    seen: list[tuple[float, str]] = []
    result = desk.importer.import_text(text, source_name="long.txt")
    assert desk.repo.search.row_count() == result.sentence_count == 12_000
    path = desk.path
    assert path is not None
    other = path.with_name("long.txt")
    other.write_text(text + "One more sentence.", encoding="utf-8")
    desk.importer.import_file(
        other, progress=lambda fraction, stage: seen.append((fraction, stage))
    )
    stages = [stage for _fraction, stage in seen]
    assert any(stage.startswith("Indexing") for stage in stages)
    assert any(stage.startswith("Saving") for stage in stages)
    fractions = [fraction for fraction, _stage in seen]
    assert fractions == sorted(fractions) and fractions[-1] <= 1.0
    assert desk.lookup.search('"11,999 people"').total == 2  # found in both articles


@pytest.mark.parametrize("stage", ["Indexing", "Saving"])
def test_cancel_while_indexing_or_saving_leaves_nothing_behind(desk: Desk, stage: str) -> None:
    source = numbered_sentences_file(desk, 12_000)
    calls = 0

    def cancel_half_way(_fraction: float, name: str) -> None:
        nonlocal calls
        if name.startswith(stage):
            calls += 1
            if calls == 3:  # some slices are already written when Saving is cancelled
                raise Cancelled("Import cancelled.")

    with pytest.raises(Cancelled):
        desk.importer.import_file(source, progress=cancel_half_way)
    assert desk.articles.list_articles() == []
    assert desk.repo.search.row_count() == 0
    assert desk.repo.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert desk.repo.db.execute("SELECT count(*) FROM sentences").fetchone()[0] == 0


def test_import_cut_short_by_a_crash_is_hidden_then_removed_at_the_next_open(
    desk: Desk,
) -> None:
    """A kill between two slices leaves an unfinished article: never shown, and gone after
    the next writable open."""
    path = desk.path
    assert path is not None
    source = numbered_sentences_file(desk, 5_000)
    real_discard = desk.importer.discard_unfinished
    desk.importer.discard_unfinished = lambda article_id, progress=None: None  # type: ignore[method-assign]

    def die_while_saving(_fraction: float, name: str) -> None:
        if name.startswith("Saving") and _fraction > 0.9:
            raise KeyboardInterrupt  # stands for the process dying between two slices

    with pytest.raises(KeyboardInterrupt):
        desk.importer.import_file(source, progress=die_while_saving)
    desk.importer.discard_unfinished = real_discard  # type: ignore[method-assign]
    assert desk.articles.list_articles() == []
    assert desk.repo.db.execute("SELECT count(*) FROM sentences").fetchone()[0] > 0
    desk.close()
    again = Desk.open(path)
    try:
        assert again.articles.list_articles() == []
        assert again.repo.db.execute("SELECT count(*) FROM sentences").fetchone()[0] == 0
        assert again.repo.search.row_count() == 0
        assert again.importer.import_file(source).sentence_count == 5_000  # and it imports again
    finally:
        again.close()


def test_a_save_between_an_import_slices_read_and_write_does_not_fail_it(desk: Desk) -> None:
    """Found by bench/bench_import_saves.py: a transaction that read first and then wrote
    failed at once with "busy" when the window had committed in between. Every write
    transaction now takes the write lock at BEGIN, so the other writer waits its turn."""
    import threading

    desk.importer.import_file(SEED_FILE)
    sid = desk.reviews.sentence_rows(1)[0].sentence.id
    helper = desk.open_helper()
    saved: list[object] = []
    try:
        with helper.repo.db.atomic():
            helper.repo.sentences.next_sentence_id()  # the slice reads first…
            window = threading.Thread(
                target=lambda: saved.append(desk.reviews.set_tag(sid, Tag.FACT))
            )
            window.start()
            window.join(timeout=0.5)  # …the window saves (before: at once; now: it waits)…
            helper.repo.settings.set_setting("probe", "written")  # …then the slice writes
        window.join(timeout=10)
    finally:
        helper.close()
    assert not window.is_alive() and saved
    assert desk.reviews.review(sid).tag is Tag.FACT
    assert desk.repo.settings.get_setting("probe") == "written"


def test_finishing_an_import_does_not_rewrite_the_article_text(desk: Desk) -> None:
    """The article row holds the whole text (30 MB for a big file): writing it twice made
    the window's saves wait for both. It is written once; the mark is a setting."""
    source = numbered_sentences_file(desk, 3_000)
    statements: list[str] = []
    desk.repo.db.conn.set_trace_callback(statements.append)
    try:
        desk.importer.import_file(source)
    finally:
        desk.repo.db.conn.set_trace_callback(None)
    touching_articles = [s for s in statements if "articles" in s and s.lstrip()[:6] != "SELECT"]
    assert len(touching_articles) == 1 and touching_articles[0].lstrip().startswith("INSERT")
    assert [a.sentence_count for a in desk.articles.list_articles()] == [3_000]


def test_an_article_an_earlier_build_marked_unfinished_is_hidden_and_removed(
    seeded_desk: Desk,
) -> None:
    path = seeded_desk.path
    assert path is not None
    with seeded_desk.repo.db.atomic():
        seeded_desk.repo.db.execute("UPDATE articles SET segmenter = 'importing'")
    assert seeded_desk.articles.list_articles() == []
    seeded_desk.close()
    again = Desk.open(path)
    try:
        assert again.repo.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        assert again.importer.import_file(SEED_FILE).duplicate is False
    finally:
        again.close()


def test_a_big_import_writes_its_text_slice_by_slice_and_reads_back_exactly(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One 30 MB value was one 200-500 ms transaction that the window's saves waited for.
    The text now goes in parts, one per slice, in the slice's own transaction; whatever
    reads it (sentences, search, merges across a part boundary, reports) sees the same."""
    from factcheck_app.services import importer as importer_module

    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 3)
    path = desk.path
    assert path is not None
    text = "".join(SENTENCE.format(n=n) for n in range(10)) + "\n\nThe end is near.  "
    source = path.with_name("parts.txt")
    source.write_text(text, encoding="utf-8")
    article_id = desk.importer.import_file(source).article_id
    db = desk.repo.db
    assert db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0] == ""
    parts = db.execute(
        "SELECT start, text FROM article_text WHERE article_id = ? ORDER BY start", [article_id]
    ).fetchall()
    assert len(parts) == 4  # 11 sentences, 3 a slice
    assert (
        "".join(part for _start, part in parts) == desk.repo.articles.get_article(article_id).text
    )
    article = desk.repo.articles.get_article(article_id)
    rows = desk.reviews.sentence_rows(article_id)
    assert [r.sentence.text for r in rows] == [
        article.text[r.sentence.start : r.sentence.end] for r in rows
    ]
    assert [desk.repo.sentences.get_sentence(r.sentence.id).text for r in rows] == [
        r.sentence.text for r in rows
    ]
    hit = desk.lookup.search('"9 people"').hits[0]
    assert hit.found.row.sentence.text == "The ministry said 9 people were hurt in Ganja on Sunday."
    desk.boundaries.merge_with_next(rows[2].sentence.id)  # sentences 3 and 4 lie in different parts
    merged = desk.repo.sentences.get_sentence(rows[2].sentence.id)
    assert merged.text == article.text[rows[2].sentence.start : rows[3].sentence.end]
    assert desk.lookup.search('"2 people"').hits[0].found.row.sentence.text == merged.text


@pytest.mark.parametrize(("seconds", "slices"), [(60.0, 1), (0.0, 10)])
def test_a_slice_ends_when_its_time_is_up(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, seconds: float, slices: int
) -> None:
    """On a loaded machine a slice of 1,000 sentences took up to 160 ms, and a save
    waited for all of it: slices are cut by time as well as by count."""
    from factcheck_app.services import importer as importer_module

    monkeypatch.setattr(importer_module, "IMPORT_SLICE_SECONDS", seconds)
    monkeypatch.setattr(importer_module, "IMPORT_BATCH", 10)
    source = numbered_sentences_file(desk, 95, "timed.txt")
    statements: list[str] = []
    desk.repo.db.conn.set_trace_callback(statements.append)
    try:
        desk.importer.import_file(source)
    finally:
        desk.repo.db.conn.set_trace_callback(None)
    # + the mark of its reading, the row and the finish
    assert statements.count("BEGIN IMMEDIATE") == slices + 3
    assert [a.sentence_count for a in desk.articles.list_articles()] == [95]


def test_a_slice_ends_after_the_batch_during_which_a_save_began_waiting(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 12: a save waits for at most one batch of the slice in progress (and its
    commit), however slow the machine is, not for the slice's whole 30 ms of batches."""
    from factcheck_app.services import importer as importer_module
    from factcheck_app.storage.errors import WorkspaceDatabase

    monkeypatch.setattr(importer_module, "IMPORT_SLICE_SECONDS", 60.0)
    monkeypatch.setattr(importer_module, "IMPORT_BATCH", 10)
    monkeypatch.setattr(WorkspaceDatabase, "a_save_is_waiting", lambda self: True)
    source = numbered_sentences_file(desk, 95, "waited.txt")
    statements: list[str] = []
    desk.repo.db.conn.set_trace_callback(statements.append)
    try:
        desk.importer.import_file(source)
    finally:
        desk.repo.db.conn.set_trace_callback(None)
    assert statements.count("BEGIN IMMEDIATE") == 10 + 3  # a slice per batch
    assert [a.sentence_count for a in desk.articles.list_articles()] == [95]


def test_check_workspace_finds_a_part_of_an_article_text_gone(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck_app.services import importer as importer_module

    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 3)
    source = numbered_sentences_file(desk, 10, "parts.txt")
    article_id = desk.importer.import_file(source).article_id
    report = desk.upkeep.check()
    assert report.ok and "Article texts: all whole." in report.lines
    with desk.repo.db.atomic():
        desk.repo.db.execute(
            "DELETE FROM article_text WHERE article_id = ? AND start ="
            " (SELECT min(start) FROM article_text WHERE start > 0)",
            [article_id],
        )
    report = desk.upkeep.check()
    assert not report.ok
    assert any(
        line.startswith("Article texts: 1 article with")
        and f"(article {article_id}); its sentences may show the wrong words" in line
        for line in report.lines
    )


def _sync_at_each_commit(statements: list[str], *, merges: bool = True) -> list[str]:
    """The `synchronous` setting of the connection at each COMMIT it ran (FULL at open),
    with or without the transactions that only merged the index."""
    mode, modes, merging = "FULL", [], False
    for statement in statements:
        words = statement.upper().replace("=", " ").split()
        if words[:2] == ["PRAGMA", "SYNCHRONOUS"] and len(words) == 3:
            mode = words[2]
        elif words == ["BEGIN", "IMMEDIATE"]:
            merging = False
        elif "VALUES ('MERGE'" in statement.upper():
            merging = True
        elif words == ["COMMIT"] and (merges or not merging):
            modes.append(mode)
    return modes


def test_an_import_waits_for_the_disk_at_its_finish_not_at_each_slice(
    seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 12: under load a slice's COMMIT synced the WAL for 70-115 ms, and a save in
    the window waited for it (109-134 ms, over the 100-ms budget). Slices now commit
    without a sync: a power cut may lose the last of them, which leaves the article
    unfinished, hidden and removed at the next open, as a crash does. The finish, which
    makes the article visible, and every save of the reviewer still wait for the disk
    (their sync covers the slices written before them too)."""
    from factcheck_app.services import importer as importer_module

    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 500)
    # Slices by count only: a slice also ends after IMPORT_SLICE_SECONDS, and on a loaded
    # machine 500 sentences took longer, one slice more than the modes counted below.
    monkeypatch.setattr(importer_module, "IMPORT_SLICE_SECONDS", 3600.0)
    desk = seeded_desk
    source = numbered_sentences_file(desk, 2_000)
    sid = desk.reviews.sentence_rows(1)[0].sentence.id
    helper = desk.open_helper()  # the window's background import
    statements: list[str] = []
    window: list[str] = []
    helper.repo.db.conn.set_trace_callback(statements.append)
    desk.repo.db.conn.set_trace_callback(window.append)
    try:
        saves = iter(["true", "false", "mixed", "true", "false"])

        def save_meanwhile(_fraction: float, stage: str) -> None:
            if stage.startswith("Saving"):
                desk.reviews.set_verdict(sid, next(saves, "mixed"))

        helper.importer.import_file(source, progress=save_meanwhile)
    finally:
        helper.repo.db.conn.set_trace_callback(None)
        desk.repo.db.conn.set_trace_callback(None)
        helper.close()
    # The mark of its reading (a power cut may lose it: the file then goes unnamed), the
    # article row (and its unfinished mark), 4 slices, then the finish; the index is
    # merged between them, without a sync too.
    modes = _sync_at_each_commit(statements, merges=False)
    assert modes == ["NORMAL", "FULL", "NORMAL", "NORMAL", "NORMAL", "NORMAL", "FULL"]
    modes = _sync_at_each_commit(statements)
    assert modes[1] == modes[-1] == "FULL" and set(modes[2:-1]) == {"NORMAL"}
    assert set(_sync_at_each_commit(window)) == {"FULL"} and len(window) > 4
    assert desk.repo.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert [a.sentence_count for a in desk.articles.list_articles()][-1] == 2_000


def test_a_cancelled_import_leaves_its_connection_waiting_for_the_disk_again(
    desk: Desk,
) -> None:
    source = numbered_sentences_file(desk, 3_000)

    def cancel_while_saving(_fraction: float, stage: str) -> None:
        if stage.startswith("Saving") and _fraction > 0.9:
            raise Cancelled("Import cancelled.")

    with pytest.raises(Cancelled):
        desk.importer.import_file(source, progress=cancel_while_saving)
    assert desk.repo.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert desk.articles.list_articles() == []


# A window's process: a background import of a big article on its own connection while
# the reviewer saves verdicts, each acknowledged once the call returns.
_IMPORT_BESIDE_SAVES = """
import sys, threading
from pathlib import Path
from factcheck_app.services.desk import Desk

desk = Desk.open(Path(sys.argv[1]), backup=False)
ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
said_lock = threading.Lock()

def say(line):
    # One write per line under a lock: print() writes the text and its line end apart,
    # so the two threads' lines could run into each other ("ack 1 164saving").
    with said_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

def import_in_background():
    helper = desk.open_helper()
    said = []
    def progress(fraction, stage):
        if stage.startswith("Saving") and not said:
            said.append(stage)
            say("saving")
    helper.importer.import_file(Path(sys.argv[2]), progress=progress)
    say("imported")

threading.Thread(target=import_in_background, daemon=True).start()
n = 0
while True:
    sid = ids[n % len(ids)]
    desk.reviews.set_text_field(sid, "explanation", str(n))
    say(f"ack {sid} {n}")
    n += 1
"""


def test_a_crash_in_the_middle_of_a_background_import_keeps_every_save(
    seeded_desk: Desk,
) -> None:
    """What the reviewer relies on: killed half-way through a big import, the workspace
    opens, is sound, holds every save the window acknowledged, and shows no half article."""
    import signal
    import subprocess
    import sys

    path = seeded_desk.path
    assert path is not None
    before = [a.sentence_count for a in seeded_desk.articles.list_articles()]
    seeded_desk.close()
    source = path.with_name("big.txt")
    source.write_text("".join(SENTENCE.format(n=n) for n in range(40_000)), encoding="utf-8")
    writer = subprocess.Popen(
        [sys.executable, "-c", _IMPORT_BESIDE_SAVES, str(path), str(source)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    acked: dict[int, int] = {}
    seen_saving = after = 0
    try:
        for line in writer.stdout:
            if line.startswith("ack"):
                _, sid, n = line.split()
                acked[int(sid)] = int(n)
                after += seen_saving
            elif line.strip() == "saving":
                seen_saving = 1
            assert line.strip() != "imported", "the import ended before the kill"
            if after >= 5:  # some saves went in between the import's slices
                break
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    # Acknowledged just before the kill; the last line may be cut short by it.
    for line in writer.stdout.read().split("\n")[:-1]:
        if line.startswith("ack"):
            _, sid, n = line.split()
            acked[int(sid)] = int(n)
    again = Desk.open(path, backup=False)
    try:
        assert again.repo.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [a.sentence_count for a in again.articles.list_articles()] == before  # the seed only
        assert again.repo.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        stored = {r.sentence.id: r.review.explanation for r in again.reviews.sentence_rows(1)}
        for sid, n in acked.items():
            assert int(stored[sid]) >= n
        assert "Search index: complete." in again.upkeep.check().lines
    finally:
        again.close()


def _merge_options(desk: Desk) -> dict[str, int]:
    rows = desk.repo.db.execute(
        "SELECT k, v FROM search_index_config WHERE k IN ('automerge', 'crisismerge')"
    ).fetchall()
    return {str(k): int(v) for k, v in rows}


def test_an_import_s_slices_commit_without_merging_the_index_which_merges_in_steps(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FTS5 merging segments as a slice commits made saves wait up to ~230 ms (issue 12):
    the slices write with merging at commit off, the index is merged between them in
    short transactions of its own, and merging at commit is back once the import ends."""
    from factcheck_app.services import importer as importer_module
    from factcheck_app.storage.search import SearchIndex
    from factcheck_app.storage.stores.imports import ImportStore

    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 200)
    seen: list[dict[str, int]] = []
    merges = 0
    real_add = ImportStore.add_sentences
    real_step = SearchIndex.merge_step

    def add_sentences(self: ImportStore, *args: Any, **kwargs: Any) -> None:
        seen.append(_merge_options(desk))
        real_add(self, *args, **kwargs)

    def merge_step(self: SearchIndex, pages: int = 50) -> bool:
        nonlocal merges
        merges += 1
        return real_step(self, pages)

    monkeypatch.setattr(ImportStore, "add_sentences", add_sentences)
    monkeypatch.setattr(SearchIndex, "merge_step", merge_step)
    result = desk.importer.import_text("".join(SENTENCE.format(n=n) for n in range(5_000)))
    assert seen and all(o == {"automerge": 0, "crisismerge": 200} for o in seen)
    assert merges >= 5_000 // 200
    assert _merge_options(desk) in ({}, {"automerge": 4, "crisismerge": 16})
    assert desk.upkeep.check().ok and "Search index: complete." in desk.upkeep.check().lines
    assert desk.lookup.search('"4,999 people"').total == 1
    assert result.sentence_count == desk.repo.search.row_count() == 5_000


def test_merging_at_commit_is_back_after_a_cancel_and_after_a_crash(desk: Desk) -> None:
    from factcheck_app.storage.search import SearchIndex

    path = desk.path
    assert path is not None
    source = numbered_sentences_file(desk, 5_000)

    def cancel_while_saving(fraction: float, name: str) -> None:
        if name.startswith("Saving") and fraction > 0.9:
            raise Cancelled("Import cancelled.")

    with pytest.raises(Cancelled):
        desk.importer.import_file(source, progress=cancel_while_saving)
    assert not desk.repo.search.merges_deferred()
    real_discard = desk.importer.discard_unfinished
    desk.importer.discard_unfinished = lambda article_id, progress=None: None  # type: ignore[method-assign]
    real_resume = SearchIndex.resume_merges
    SearchIndex.resume_merges = lambda self: None  # type: ignore[method-assign]
    try:
        with pytest.raises(KeyboardInterrupt):  # the process dies between two slices

            def die(fraction: float, name: str) -> None:
                if name.startswith("Saving") and fraction > 0.9:
                    raise KeyboardInterrupt

            desk.importer.import_file(source, progress=die)
    finally:
        SearchIndex.resume_merges = real_resume  # type: ignore[method-assign]
        desk.importer.discard_unfinished = real_discard  # type: ignore[method-assign]
    assert desk.repo.search.merges_deferred()
    desk.close()
    again = Desk.open(path)
    try:
        assert not again.repo.search.merges_deferred()
        assert again.upkeep.check().ok
        assert again.importer.import_file(source).sentence_count == 5_000
        assert again.lookup.search('"4,999 people"').total == 1
    finally:
        again.close()


def test_a_search_during_a_big_import_finds_nothing_of_the_article_not_yet_in(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big import's sentences go into the search index slice by slice, its article
    hidden until the last: a search meanwhile (the window's, beside its import, or the
    command line's) listed them, under a title the article list did not show, and Enter
    on one said "That article is no longer in the workspace". They are found once the
    article is in."""
    from factcheck_app.services import importer as importer_module

    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 3)
    desk.importer.import_text("The ministry said 5 people were hurt in Ganja on Monday.")
    seen: list[tuple[int, int, list[str]]] = []

    def search_meanwhile(fraction: float, stage: str) -> None:
        if stage.startswith("Saving") and fraction > importer_module.SAVING_FROM:
            found = desk.lookup.search("ganja")
            steps = list(desk.lookup.search_in_steps("ganja"))[-1]
            assert steps is not None
            seen.append((found.total, steps.total, [h.found.article_title for h in found.hits]))

    source = numbered_sentences_file(desk, 10)
    desk.importer.import_file(source, progress=search_meanwhile)
    assert seen, "searched between the slices"
    for total, in_steps, titles in seen:
        assert (total, in_steps) == (1, 1)
        assert titles == ["The ministry said 5 people were hurt in Ganja on Monday."]
    assert desk.lookup.search("ganja").total == 11


@pytest.mark.parametrize("killed", [False, True])
def test_an_import_stopped_by_a_quit_stays_hidden_and_goes_at_the_next_open(
    desk: Desk, killed: bool
) -> None:
    """The desk quitting in a big import's saving stage does not wait for its removal (a
    minute for a 150 MB file, the window blank): the article stays hidden, and the next
    open for editing removes it, unsaid after a clean close, named as cut short after a
    kill during the close."""
    path = desk.path
    assert path is not None
    source = numbered_sentences_file(desk, 5_000)

    def quit_while_saving(fraction: float, name: str) -> None:
        if name.startswith("Saving") and fraction > 0.9:
            raise StoppedToQuit("The desk is quitting.")

    with pytest.raises(StoppedToQuit):
        desk.importer.import_file(source, progress=quit_while_saving)
    assert desk.articles.list_articles() == []  # never shown as finished
    assert desk.repo.db.execute("SELECT count(*) FROM sentences").fetchone()[0] > 0  # left
    assert not desk.repo.search.merges_deferred()
    mark = desk.repo.settings.get_setting(SESSION_OPEN)
    desk.close()
    if killed:  # its session mark was still there: the desk died before ending it
        with sqlite3.connect(path) as raw:
            raw.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [SESSION_OPEN, mark])
    again = Desk.open(path)
    try:
        session = again._session
        assert session is not None
        assert session.cut_short_imports == (["long.txt"] if killed else [])
        assert again.articles.list_articles() == []
        assert again.repo.db.execute("SELECT count(*) FROM sentences").fetchone()[0] == 0
        assert again.repo.search.row_count() == 0
    finally:
        again.close()


def test_an_import_stopped_by_a_quit_is_not_exported_by_its_number(desk: Desk) -> None:
    """Left hidden by a quit in its saving stage (until the next open for editing), the
    half-written article was listed nowhere, but `export --article ID` (a read-only
    desk's, or one beside the window) wrote it as a whole article: 2,000 of its 5,000
    sentences, a report (or a JSON to import elsewhere) of a text cut off mid-way."""
    from factcheck_app.domain.errors import NotFound
    from factcheck_app.services.reports.model import load_article_report

    source = numbered_sentences_file(desk, 5_000)

    def quit_while_saving(fraction: float, name: str) -> None:
        if name.startswith("Saving") and fraction > 0.9:
            raise StoppedToQuit("The desk is quitting.")

    with pytest.raises(StoppedToQuit):
        desk.importer.import_file(source, progress=quit_while_saving)
    [(hidden, _name)] = desk.repo.imports.unfinished_articles()
    with pytest.raises(NotFound, match=f"no article {hidden} in this workspace"):
        load_article_report(desk, hidden)
