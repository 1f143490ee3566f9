#!/usr/bin/env python3
"""Where one save of a long explanation spends its time (docs/performance.md).

A journalist pastes a long document into a sentence's Explanation and types in it: each
save (after a pause, or every 2 s of typing) runs on the window's thread. This opens a
fresh workspace, stores an explanation of 10,000, 100,000 and 900,000 characters
(English prose with figures and a few curly quotes, in sentences of about 100
characters and paragraphs of about 500; and 900,000 characters as one paragraph), then
saves it again after one word typed in a middle paragraph, `--saves` times, through
`desk.reviews.set_text_field` as the window does. Each save is cut into phases:

- rows: the review and the reviewer's version written (`ReviewEdit.apply`);
- index: the search index's row refreshed (`SearchIndex.flush`), of which `index_words`;
- history: the hash-chained history entry (`HistoryStore.record_history`);
- commit: `COMMIT` (the WAL written and synced: `synchronous=FULL`);
- the rest: reading the review, typed text rules, checks;

and then a tag key on the same sentence (T or C: no word of it changes).

Then (`--dump-mb`, 20 by default; 0 skips it) a data dump with no full stop is imported
and a short explanation typed on its longest sentence, a save a word: until the
splitter cut sentences at `MAX_SENTENCE_CHARS` (2026-12-07) the dump was one sentence,
and every save wrote its index row again whole. `--uncapped` splits as before the cap.

Median of the saves, wall and CPU time of the whole save. It is a report, not a test.
Run: `.venv/bin/python bench/bench_long_explanation.py [--saves N] [--json [PATH]]`.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_output import write_json

from factcheck_app.domain import segmentation
from factcheck_app.domain.models import Tag
from factcheck_app.services import edits as edits_module
from factcheck_app.services.desk import Desk
from factcheck_app.storage import errors as errors_module
from factcheck_app.storage import search as search_module
from factcheck_app.storage.stores import history as history_module

SIZES = (10_000, 100_000, 900_000)
PHASES = ("rows", "index", "index_words", "history", "commit", "rest")

_PROSE = (
    "the minister said that unemployment fell to 7,200 people in 2021 while the budget "
    "rose by 3.5% according to “official” figures from the ministry and its statistics "
    "office which were published on Tuesday although critics say forty-two schools closed"
)
_WORDS = _PROSE.split(" ")


def prose(size: int, *, paragraphs: bool = True, seed: int = 7) -> str:
    """`size` characters of English with figures, in sentences of about 100 characters;
    in paragraphs of about 500 (a line break each, as the Explanation box saves them)
    unless `paragraphs` is False."""
    rng = random.Random(seed)
    out: list[str] = []
    length = since_stop = since_break = 0
    while length < size:
        word = rng.choice(_WORDS)
        if since_stop > 90 and word.endswith("s"):
            word += "."
            since_stop = 0
            if paragraphs and since_break > 450:
                word += "\n"
                since_break = 0
        out.append(word)
        length += len(word) + 1
        since_stop += len(word) + 1
        since_break += len(word) + 1
    return " ".join(out)[:size].replace("\n ", "\n")


class Phases:
    """Times of the phases of the save under way, by wrapping the methods that do them."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.transaction_end = 0.0

    def wrap(self, owner: Any, name: str, phase: str, *, ends_transaction: bool = False) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                end = time.perf_counter()
                self.spent[phase] = self.spent.get(phase, 0.0) + end - start
                if ends_transaction:
                    self.transaction_end = end

        setattr(owner, name, timed)

    def commit_seen(self, *args: Any, **kwargs: Any) -> None:
        """Called right after COMMIT (as `keep_saves`): its time is from the history's end."""
        if self.transaction_end:
            self.spent["commit"] = time.perf_counter() - self.transaction_end
            self.transaction_end = 0.0


def measure(desk: Desk, sentence_id: int, text: str, saves: int, phases: Phases) -> dict[str, Any]:
    """Median figures of `saves` saves of `text`, each after one more word typed in it."""
    desk.reviews.set_text_field(sentence_id, "explanation", text)
    middle = text.find("\n", len(text) // 2)
    middle = len(text) // 2 if middle < 0 else middle
    rows: list[dict[str, float]] = []
    for n in range(saves):
        typed = f" typed{n}"
        text = text[:middle] + typed + text[middle:]
        middle += len(typed)
        phases.spent.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        desk.reviews.set_text_field(sentence_id, "explanation", text)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        spent = dict(phases.spent)
        spent["rows"] = spent.get("apply", 0.0)  # (the index is refreshed after it: a batch)
        timed = sum(spent.get(p, 0.0) for p in ("rows", "index", "history", "commit"))
        spent["rest"] = wall - timed
        rows.append({"wall": wall, "cpu": cpu, **spent})
    figures = {
        key: round(statistics.median(r.get(key, 0.0) for r in rows) * 1000, 1)
        for key in ("wall", "cpu", *PHASES)
    }
    # A tag key on that sentence writes none of its words, but its index row is made again
    # to be compared with the one held.
    tags: list[float] = []
    for n in range(saves):
        wall = time.perf_counter()
        desk.reviews.set_tag(sentence_id, Tag.CLAIM if n % 2 == 0 else Tag.FACT)
        tags.append(time.perf_counter() - wall)
    figures["tag"] = round(statistics.median(tags) * 1000, 1)
    return figures


def dump(size: int) -> str:
    """`size` characters of a data dump: words and figures, no full stop."""
    rng = random.Random(11)
    out: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(_WORDS).rstrip(".")
        out.append(word)
        length += len(word) + 1
    return "Figures " + " ".join(out)[:size]


def measure_dump(desk: Desk, megabytes: int, saves: int, phases: Phases) -> dict[str, Any]:
    """Median figures of `saves` saves of a short explanation, a word more each, on the
    longest sentence of a dump of `megabytes` million characters."""
    start = time.perf_counter()
    article = desk.importer.import_text(dump(megabytes * 1_000_000), source_name="dump.txt")
    imported = time.perf_counter() - start
    rows = desk.reviews.sentence_rows(article.article_id)
    longest = max(rows, key=lambda row: len(row.sentence.text))
    rows_saved: list[dict[str, float]] = []
    text = "Unsourced"
    for n in range(saves):
        text += f" word{n}"
        phases.spent.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        desk.reviews.set_text_field(longest.sentence.id, "explanation", text)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        rows_saved.append({"wall": wall, "cpu": cpu, **phases.spent})
    figures: dict[str, Any] = {
        key: round(statistics.median(r.get(key, 0.0) for r in rows_saved) * 1000, 1)
        for key in ("wall", "cpu", "index")
    }
    figures.update(
        sentences=len(rows), longest=len(longest.sentence.text), import_s=round(imported, 1)
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=9, help="saves measured per size")
    parser.add_argument("--json", nargs="?", const="-", default=None)
    parser.add_argument("--dump-mb", type=int, default=20, help="the data dump's size (0: none)")
    parser.add_argument("--uncapped", action="store_true", help="split as before the cap")
    parser.add_argument("--only-dump", action="store_true", help="the data dump alone")
    args = parser.parse_args()
    if args.uncapped:
        segmentation.MAX_SENTENCE_CHARS = 10**12

    phases = Phases()
    phases.wrap(edits_module.ReviewEdit, "apply", "apply")
    phases.wrap(search_module.SearchIndex, "flush", "index")
    phases.wrap(search_module, "index_words", "index_words")
    phases.wrap(history_module.HistoryStore, "record_history", "history", ends_transaction=True)
    keep_saves = errors_module.WorkspaceDatabase.keep_saves

    def after_commit(db: Any) -> None:
        phases.commit_seen()
        keep_saves(db)

    errors_module.WorkspaceDatabase.keep_saves = after_commit  # type: ignore[method-assign]

    cases = [(f"{size:,} characters in paragraphs", prose(size)) for size in SIZES]
    cases.append(("900,000 characters, one paragraph", prose(900_000, paragraphs=False)))
    if args.only_dump:
        cases = []
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        desk = Desk.open(Path(folder) / "long.fcdesk", backup=False)
        try:
            article = desk.importer.import_text(
                "The minister said unemployment fell. " * 40, source_name="long.txt"
            ).article_id
            ids = [row.sentence.id for row in desk.reviews.sentence_rows(article)]
            for n, (name, text) in enumerate(cases):
                results[name] = measure(desk, ids[n], text, args.saves, phases)
                figures = results[name]
                print(
                    f"{name:40} save {figures['wall']:7.1f} ms (CPU {figures['cpu']:6.1f}):"
                    + "".join(f" {p} {figures[p]:.1f}" for p in PHASES)
                    + f"; a tag key {figures['tag']:.1f} ms",
                    flush=True,
                )
            if args.dump_mb:
                name = f"{args.dump_mb} MB data dump, no full stop"
                results[name] = figures = measure_dump(desk, args.dump_mb, args.saves, phases)
                print(
                    f"{name:40} save {figures['wall']:7.1f} ms (CPU {figures['cpu']:6.1f}):"
                    f" index {figures['index']:.1f}; {figures['sentences']:,} sentences, the"
                    f" longest {figures['longest']:,} characters; import {figures['import_s']} s",
                    flush=True,
                )
        finally:
            desk.close()
    if args.json is not None:
        write_json(
            args.json,
            {"machine": platform.platform(), "python": sys.version.split()[0], "cases": results},
        )


if __name__ == "__main__":
    main()
