#!/usr/bin/env python3
"""Benchmark of merging two workspaces against the budget in docs/performance.md
(two 1,000-article workspaces merged in ≤ 10 s, issue 16).

Builds two workspaces of `--articles` articles of about 30 sentences each: half of the
articles are in both (the same text), the rest in one only. Alice reviews about 60 % of
the sentences of hers, Bob of his; on the shared articles Bob gives the same tag and
verdict as Alice for about 70 % of the sentences both reviewed and differs on the rest.
Every review is written as its reviewer's version and the decided review, with a history
entry; one reviewed sentence in five links a source from a common pool of URLs. Then it
merges Bob's workspace into (a copy of) Alice's through `desk.merge`, as the window and
`factcheck-app merge` do, and times reading Bob's file, writing the merge, and a second
merge of the same file (nothing new), then its undo and redo. Median of `--runs` runs,
each on a fresh copy.
It also times opening Alice's workspace as it is, and after its search index was marked
as made by other rules (what the first open after an upgrade that changes the index's
rules does: it indexes every sentence again, under the window's wait cursor).

A report, not a test: it exits 0 even when the budget is missed.
Run: `.venv/bin/python bench/bench_merge.py [--articles N] [--runs N] [--json [PATH]]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("FACTCHECK_REVIEWER", "bench")

from bench_output import write_json

from factcheck_app.domain.importing import content_hash
from factcheck_app.domain.models import (
    DEFAULT_SCALE,
    ArticleMetadata,
    Review,
    Source,
    SourceLink,
    Stance,
    Status,
    Tag,
)
from factcheck_app.domain.segmentation import split_sentences
from factcheck_app.services.desk import Desk
from factcheck_app.storage.repositories import now_iso
from factcheck_app.storage.search import VERSION_SETTING

BUDGET_S = 10.0
SENTENCES = 30
REVIEWED = 0.6  # share of sentences each reviewer reviews
SAME = 0.7  # on shared sentences both reviewed: share Bob judges as Alice did
LINKED = 0.2  # share of reviewed sentences with a source
URL_POOL = 3000

PLACES = ("Ganja", "Baku", "Yerevan", "Ankara", "Tbilisi", "Geneva", "Barda", "Lyon", "Porto")
WHO = ("The minister", "A spokesman", "The mayor", "Local officials", "The senator")
TEMPLATES = (
    "{who} said {n} people had been hurt in {place} on {day}.",
    "Unemployment in {place} fell to {k} percent last year, according to {lower}.",
    "{who} denied that the budget for {place} had grown by {n} million.",
    "Official figures published in {place} show {n} new schools since {year}.",
    "Prices in {place} rose by {k} percent, {lower} claimed in a speech.",
    "The report on {place} was written by the statistics office in {year}.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
VERDICTS = [v.key for v in DEFAULT_SCALE]


def article_text(number: int) -> str:
    rng = random.Random(number)
    sentences = []
    for _ in range(SENTENCES):
        who = rng.choice(WHO)
        sentences.append(
            rng.choice(TEMPLATES).format(
                who=who,
                lower=who.lower(),
                place=rng.choice(PLACES),
                day=rng.choice(DAYS),
                n=rng.randint(2, 900),
                k=rng.randint(2, 40),
                year=rng.randint(1990, 2025),
            )
        )
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, SENTENCES, 5)]
    return f"Article {number}: a report.\n\n" + "\n\n".join(paragraphs)


def judged(rng: random.Random) -> tuple[Tag | None, str | None]:
    tag = rng.choice((Tag.CLAIM, Tag.CLAIM, Tag.DENIAL, Tag.FACT, None))
    verdict = rng.choice(VERDICTS) if tag in (Tag.CLAIM, Tag.DENIAL) else None
    return tag, verdict


def build(path: Path, numbers: list[int], reviewer: str, seed: int) -> int:
    """A workspace of the given articles reviewed by `reviewer`; how many reviews."""
    desk = Desk.open(path, backup=False)
    repo, reviews = desk.repo, 0
    try:
        with repo.db.atomic(), repo.search.batch():
            for number in numbers:
                text = article_text(number)
                article_id = repo.imports.insert_article(
                    text=text,
                    content_hash=content_hash(text),
                    metadata=ArticleMetadata(title=f"Article {number}"),
                    source_name=f"{number}.txt",
                    segmenter="fcdesk-2",
                    spans=split_sentences(text, language="en"),
                    language="en",
                )
                rows = repo.sentences.sentence_rows(article_id)
                # The same sentence gets the same "Alice" judgement in both files; Bob's
                # own judgement differs from it on 1 - SAME of the sentences.
                for index, row in enumerate(rows):
                    base = random.Random(number * 1000 + index)
                    if base.random() > REVIEWED:
                        continue
                    tag, verdict = judged(base)
                    mine = random.Random(seed * 7_000_003 + number * 1000 + index)
                    if reviewer != "Alice" and mine.random() > SAME:
                        tag, verdict = judged(mine)
                    status = Status.DONE if verdict or tag is None else Status.IN_PROGRESS
                    review = Review(
                        row.sentence.id,
                        tag,
                        verdict,
                        claimant="The minister" if tag is Tag.CLAIM else "",
                        explanation=f"Checked against the {reviewer} notes." if verdict else "",
                        status=status,
                        reviewer=reviewer,
                        updated_at=now_iso(),
                    )
                    repo.reviews.save_review(review)
                    repo.reviews.save_version(review)
                    repo.history.record_history(
                        actor=reviewer,
                        action="do",
                        description="Edit review",
                        entity="review",
                        entity_id=row.sentence.id,
                        old=Review(row.sentence.id).content_fields(),
                        new=review.content_fields(),
                        article_id=article_id,
                        sentence_id=row.sentence.id,
                    )
                    reviews += 1
                    if mine.random() < LINKED:
                        url = f"https://sources.example/doc/{base.randrange(URL_POOL)}"
                        found = repo.sources.find_source_by_url(url)
                        source = found or Source(0, url, title=f"Document {url[-4:]}")
                        if found is None:
                            source = Source(repo.sources.insert_source(source), url, source.title)
                        if not repo.sources.is_linked(row.sentence.id, source.id):
                            repo.sources.insert_link(
                                SourceLink(
                                    0, row.sentence.id, source, Stance.SUPPORTS, reviewer=reviewer
                                )
                            )
    finally:
        desk.close()
    return reviews


def timed_merge(alice: Path, bob: Path, work: Path) -> dict[str, object]:
    mine = work / "mine.fcdesk"
    shutil.copy(alice, mine)
    desk = Desk.open(mine, backup=False)
    try:
        start = time.perf_counter()
        edit = desk.merge.read(bob)
        read = time.perf_counter()
        result = desk.merge.apply(edit)
        done = time.perf_counter()
        again = desk.merge.merge(bob)
        second = time.perf_counter() - done
        # Its undo and redo: each first looks whether another program changed what it
        # would write over (`repo.held`), then writes.
        started = time.perf_counter()
        desk.undo()
        undone = time.perf_counter()
        desk.redo()
        redone = time.perf_counter()
    finally:
        desk.close()
        for leftover in work.glob("mine.fcdesk*"):
            leftover.unlink()
    return {
        "read_s": read - start,
        "write_s": done - read,
        "total_s": done - start,
        "second_merge_s": second,
        "undo_s": undone - started,
        "redo_s": redone - undone,
        "counts": result.counts(),
        "history_added": result.history_added,
        "second_counts": again.counts(),
    }


def timed_open(workspace: Path, work: Path, stale_index: bool) -> float:
    """Seconds to open (a copy of) `workspace`, its search index first marked stale."""
    copy = work / "open.fcdesk"
    shutil.copy(workspace, copy)
    if stale_index:
        with sqlite3.connect(copy) as db:
            db.execute("UPDATE settings SET value = '0' WHERE key = ?", [VERSION_SETTING])
        db.close()
    try:
        start = time.perf_counter()
        Desk.open(copy, backup=False).close()
        return time.perf_counter() - start
    finally:
        for leftover in work.glob("open.fcdesk*"):
            leftover.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles per workspace")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", nargs="?", const="-", metavar="PATH")
    args = parser.parse_args()
    half = args.articles // 2
    shared = list(range(half))
    with tempfile.TemporaryDirectory(prefix="bench-merge-") as folder:
        work = Path(folder)
        started = time.perf_counter()
        alice_reviews = build(
            work / "alice.fcdesk", shared + list(range(10_000, 10_000 + half)), "Alice", 1
        )
        bob_reviews = build(
            work / "bob.fcdesk", shared + list(range(20_000, 20_000 + half)), "Bob", 2
        )
        built = time.perf_counter() - started
        runs = [
            timed_merge(work / "alice.fcdesk", work / "bob.fcdesk", work) for _ in range(args.runs)
        ]
        sizes = {p.name: p.stat().st_size for p in work.glob("*.fcdesk")}
        alice = work / "alice.fcdesk"
        opens = [timed_open(alice, work, stale_index=False) for _ in range(args.runs)]
        reindexing = [timed_open(alice, work, stale_index=True) for _ in range(args.runs)]
        with sqlite3.connect(alice) as db:
            sentences = db.execute("SELECT count(*) FROM sentences").fetchone()[0]
        db.close()
    totals = [float(r["total_s"]) for r in runs]  # type: ignore[arg-type]
    median = statistics.median(totals)
    report = {
        "articles_per_workspace": args.articles,
        "sentences_per_article": SENTENCES,
        "reviews": {"Alice": alice_reviews, "Bob": bob_reviews},
        "file_bytes": sizes,
        "build_s": round(built, 1),
        "runs": [
            {k: round(v, 3) if isinstance(v, float) else v for k, v in r.items()} for r in runs
        ],
        "median_total_s": round(median, 3),
        "open_s": round(statistics.median(opens), 3),
        "open_reindexing_s": round(statistics.median(reindexing), 3),
        "sentences_reindexed": sentences,
        "budget_s": BUDGET_S,
        "status": "PASS" if median <= BUDGET_S else "MISS",
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}",
    }
    if args.json:
        write_json(args.json, report)
    else:
        print(
            f"{args.articles} + {args.articles} articles ({SENTENCES} sentences each), "
            f"{alice_reviews} + {bob_reviews} reviews; built in {built:.1f} s"
        )
        for r in runs:
            print(
                f"  read {r['read_s']:.2f} s, write {r['write_s']:.2f} s, total "
                f"{r['total_s']:.2f} s; second merge {r['second_merge_s']:.2f} s; undo "
                f"{r['undo_s']:.2f} s, redo {r['redo_s']:.2f} s; {r['counts']}"
            )
        print(f"median {median:.2f} s (budget {BUDGET_S:.0f} s): {report['status']}")
        print(
            f"open Alice's workspace ({sentences} sentences): {report['open_s']:.2f} s; "
            f"with its search index rebuilt: {report['open_reindexing_s']:.2f} s (medians)"
        )
        print(report["machine"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
