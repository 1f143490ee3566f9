#!/usr/bin/env python3
"""Who checked a verdict, on a team's year: the sign-off checker's cost (docs/performance.md).

Builds (once, cached in `--cache`) a team workspace: Alice's year (`--articles` articles
of 30 sentences, reviewed as `bench_merge.build` reviews them), into which the editor
merges Bob's file (half the articles shared, 70 % of the verdicts agreeing), then Alice
changes some verdicts and a colleague fixes typos, then Carol's file is merged, more local
edits, then Dan's (a file of new and shared articles: one big merge appending its
entries); a fifth of the verdicts are signed off. Every merged history entry carries
its origin. Then, with the code of `--tree` (default: this tree), it times:

1. the archive's `awaiting_sign_off` canned query (resources/datasette/metadata.json of
   that tree), run with sqlite3 as `tests/test_datasette_archive.py` does;
2. `SignOffs.checker` (`verdict_author`), what the window reads 150 ms after a sentence
   with a verdict awaiting sign-off becomes current, per sentence: every sentence with
   merged entries about it, and as many others, median / p95 / worst;
3. `HistoryStore.merge_began_after` (when the tree has it) for the newest entry of each
   merge: the worst case is the end of the biggest merge.

`--out PATH` saves every sentence's checker (and the query's rows), to compare two trees.
A report, not a test: it exits 0. Run:
`.venv/bin/python bench/bench_sign_off_checker.py [--tree DIR] [--articles N] [--out PATH]`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
os.environ.setdefault("FACTCHECK_REVIEWER", "bench")
BUILD_VERSION = 1


def load_tree(tree: Path) -> None:
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(tree))


def local_edits(path: Path, rng: random.Random, count: int, changer: str, typist: str) -> None:
    """`changer` changes `count` verdicts here; `typist` fixes as many explanations."""
    from factcheck_app.services.desk import Desk
    from factcheck_app.storage.repositories import now_iso

    desk = Desk.open(path, backup=False)
    repo = desk.repo
    try:
        ids = [
            row[0]
            for row in repo.db.execute(
                "SELECT sentence_id FROM reviews WHERE rating IS NOT NULL"
                " AND status = 'done' ORDER BY sentence_id"
            )
        ]
        from bench_merge import VERDICTS as verdicts

        with repo.db.atomic():
            for number, sentence_id in enumerate(rng.sample(ids, min(2 * count, len(ids)))):
                old = repo.reviews.get_review(sentence_id)
                who = changer if number % 2 == 0 else typist
                if who == changer:
                    rating = rng.choice([v for v in verdicts if v != old.verdict])
                    new = old.edited(verdict=rating)
                else:
                    new = old.edited(explanation=old.explanation + " (typo)")
                new = new.edited(reviewer=who, updated_at=now_iso())
                repo.reviews.save_review(new)
                repo.reviews.save_version(new)
                repo.history.record_history(
                    actor=who,
                    action="do",
                    description="Edit review",
                    entity="review",
                    entity_id=sentence_id,
                    old=old.content_fields(),
                    new=new.content_fields(),
                    article_id=repo.sentences.article_of_sentence(sentence_id),
                    sentence_id=sentence_id,
                )
    finally:
        desk.close()


def sign_some_off(path: Path, rng: random.Random) -> None:
    from factcheck_app.domain.models import SignOff, SignOffDecision
    from factcheck_app.services.desk import Desk
    from factcheck_app.storage.repositories import now_iso

    desk = Desk.open(path, backup=False)
    repo = desk.repo
    try:
        with repo.db.atomic():
            for sentence_id, reviewer in repo.db.execute(
                "SELECT sentence_id, reviewer FROM reviews WHERE rating IS NOT NULL"
                " AND status = 'done'"
            ).fetchall():
                if rng.random() < 0.2:
                    decision = SignOffDecision.APPROVED
                    if rng.random() < 0.1:
                        decision = SignOffDecision.RETURNED
                    repo.sign_offs.save(
                        SignOff(sentence_id, decision, "Eve", reviewer, "", now_iso())
                    )
    finally:
        desk.close()


def build(cache: Path, articles: int) -> Path:
    import bench_merge

    from factcheck_app.services.desk import Desk

    path = cache / f"team-{articles}-v{BUILD_VERSION}.fcdesk"
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="team-", dir=cache))
    started = time.perf_counter()
    rng = random.Random(2026)
    desk_file = work / "desk.fcdesk"
    half = articles // 2
    bench_merge.build(desk_file, list(range(articles)), "Alice", 1)
    others = {
        "Bob": list(range(half, articles + half // 2)),
        "Carol": list(range(0, articles, 3)),
        "Dan": list(range(0, articles + articles // 2, 2)),
    }
    for step, (name, numbers) in enumerate(others.items()):
        theirs = work / f"{name}.fcdesk"
        bench_merge.build(theirs, numbers, name, step + 2)
        desk = Desk.open(desk_file, backup=False, reviewer="Eve")
        try:
            result = desk.merge.merge(theirs)
            print(f"merged {name}: {result.history_added} history entries", file=sys.stderr)
        finally:
            desk.close()
        local_edits(desk_file, rng, articles // 2, "Alice", name)
    sign_some_off(desk_file, rng)
    os.replace(desk_file, path)
    shutil.rmtree(work)
    print(f"built {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def stats(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "n": len(ordered),
        "median_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000,
        "worst_ms": ordered[-1] * 1000,
    }


def measure(path: Path, tree: Path, sample: int, limit: float) -> dict[str, Any]:
    from factcheck_app.services.desk import Desk

    report: dict[str, Any] = {"tree": str(tree)}
    metadata = json.loads((tree / "resources/datasette/metadata.json").read_text())
    (query,) = [
        q["awaiting_sign_off"]["sql"]
        for db in metadata["databases"].values()
        for q in [db.get("queries", {})]
        if "awaiting_sign_off" in q
    ]
    db = sqlite3.connect(path)
    report["history"] = db.execute("SELECT count(*) FROM history").fetchone()[0]
    report["merged_history"] = db.execute(
        "SELECT count(*) FROM history WHERE origin != ''"
    ).fetchone()[0]
    started = time.perf_counter()
    # Datasette stops a query after sql_time_limit_ms (1 s by default); this waits longer.
    db.set_progress_handler(lambda: time.perf_counter() - started > limit, 100_000)
    try:
        rows = db.execute(query).fetchall()
        report["archive_query_s"] = time.perf_counter() - started
        report["archive_rows"] = len(rows)
    except sqlite3.OperationalError:  # interrupted
        rows = []
        report["archive_query_s"] = f"> {limit} (stopped)"
    db.close()

    desk = Desk.open(path, backup=False, reviewer="Eve")
    repo = desk.repo
    try:
        awaiting = [
            row[0]
            for row in repo.db.execute(
                "SELECT r.sentence_id FROM reviews r LEFT JOIN sign_offs o"
                " ON o.sentence_id = r.sentence_id WHERE r.rating IS NOT NULL"
                " AND o.sentence_id IS NULL ORDER BY r.sentence_id"
            )
        ]
        merged = {
            row[0]
            for row in repo.db.execute(
                "SELECT DISTINCT sentence_id FROM history WHERE origin != ''"
                " AND sentence_id IS NOT NULL"
            )
        }
        rng = random.Random(7)
        with_merged = [s for s in awaiting if s in merged]
        plain = [s for s in awaiting if s not in merged]
        chosen = {
            "merged": rng.sample(with_merged, min(sample, len(with_merged))),
            "not merged": rng.sample(plain, min(sample, len(plain))),
        }
        checkers: dict[int, str] = {}
        for kind, ids in chosen.items():
            times = []
            for sentence_id in ids:
                started = time.perf_counter()
                checkers[sentence_id] = desk.sign_offs.checker(sentence_id)
                times.append(time.perf_counter() - started)
            report[f"checker {kind}"] = stats(times)
        if hasattr(repo.history, "merge_began_after"):
            # The newest entry of each merge: the one whose scan back is the longest.
            ends = [
                row[0]
                for row in repo.db.execute(
                    "SELECT h.id FROM history h WHERE h.origin != '' AND NOT EXISTS"
                    " (SELECT 1 FROM history n WHERE n.id = h.id + 1 AND n.origin != '')"
                )
            ]
            times = []
            for seq in ends:
                started = time.perf_counter()
                repo.history.merge_began_after(seq)
                times.append(time.perf_counter() - started)
            report["merge_began_after (end of each merge)"] = stats(times)
    finally:
        desk.close()
    report["_checkers"] = checkers
    report["_rows"] = rows
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=HERE.parent)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--sample", type=int, default=1000, help="sentences of each kind")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "fcdesk-team")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--limit", type=float, default=300.0, help="seconds for the query")
    args = parser.parse_args()
    tree = args.tree.resolve()
    load_tree(tree)
    path = build(args.cache, args.articles)
    work = Path(tempfile.mkdtemp(prefix="sign-off-checker-"))
    try:
        copy = work / "team.fcdesk"
        shutil.copy(path, copy)
        report = measure(copy, tree, args.sample, args.limit)
    finally:
        shutil.rmtree(work)
    for key, value in report.items():
        if not key.startswith("_"):
            print(f"{key}: {value}")
    if args.out:
        args.out.write_text(
            json.dumps({k: v for k, v in report.items()}, default=str, sort_keys=True)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
