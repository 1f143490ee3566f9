"""Every copy one checkpoint can tear, and which of them the open's tail look sees.

A desk (in another process, as `tests/desk_left_open.py` runs it) reviews an article of
300 sentences in one session (`--old` sentences first, then others, 1,150 edits in all)
and closes it; a second session writes its "open" mark and `--edits` pairs of edits (a
sentence of the first `--old`, whose newest entry is then more than 1,000 entries back,
and a recent one), held in the -wal. The file is read before and after the checkpoint
that moves them into it; each copy made of the pages before with a run of the changed
pages after (and the other way round) is a copy a file manager could take while SQLite
moves those pages. For each one SQLite's integrity check passes whose reviews disagree
with their history (`reviews_unlike_history`), it says whether the copy holds the desk's
mark (the whole look runs) and whether the tail look (`newest_unlike_history`, every
open) sees it.

    .venv/bin/python bench/torn_copies.py [--old 50] [--edits 8]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck_app.services.desk import Desk
from factcheck_app.storage.two_moments import newest_unlike_history, reviews_unlike_history
from tests.desk_left_open import desk_left_open

PAGE = 4096


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=int, default=50)
    parser.add_argument("--edits", type=int, default=8)
    args = parser.parse_args()
    text = " ".join(
        f"The minister said figure {i} rose by {i} per cent last year." for i in range(300)
    )
    folder = Path(tempfile.mkdtemp(prefix="torn-copies-"))
    try:
        path = folder / "w.fcdesk"
        with desk_left_open(path, "Bob") as desk:
            ids = desk.do("import", text, "a.txt")
            assert isinstance(ids, list)
            done = 0
            for sentence_id in ids[: args.old]:
                desk.do("explain", sentence_id, f"old {sentence_id}")
                done += 1
            while done < 1150:
                desk.do("explain", ids[args.old + done % (len(ids) - args.old)], f"e{done}")
                done += 1
        with desk_left_open(path, "Bob") as desk:
            for i in range(args.edits):
                desk.do("explain", ids[i], f"again {i}")
                desk.do("explain", ids[args.old + 200 + i], f"recent {i}")
            before = path.read_bytes()
            assert desk.do("settle") is True
            after = path.read_bytes()
        before += after[len(before) :]  # a file that grew: its new pages read as they are
        pages = len(after) // PAGE
        changed = [p for p in range(pages) if _page(before, p) != _page(after, p)]
        counts: Counter[str] = Counter()
        for i in range(len(changed)):
            for j in range(i + 1, len(changed) + 1):
                if (i, j) == (0, len(changed)):
                    continue
                run = set(changed[i:j])
                for inside, outside in ((after, before), (before, after)):
                    spliced = b"".join(
                        _page(inside if p in run else outside, p) for p in range(pages)
                    )
                    counts[_judge(folder / "copy.fcdesk", spliced, set(ids[: args.old]))] += 1
        print(
            f"{len(changed)} pages changed by the checkpoint; {sum(counts.values())} copies "
            f"({args.old} old sentences, {args.edits} edits of each kind)"
        )
        for key, count in sorted(counts.items()):
            print(f"{count:6d}  {key}")
    finally:
        shutil.rmtree(folder)
    return 0


def _page(data: bytes, number: int) -> bytes:
    return data[number * PAGE : (number + 1) * PAGE]


def _judge(path: Path, data: bytes, old: set[int]) -> str:
    path.write_bytes(data)
    conn = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    try:
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            return "torn: SQLite's integrity check fails (the open refuses or mends it)"
        marked = conn.execute("SELECT 1 FROM settings WHERE key = 'session.open'").fetchone()
    except sqlite3.DatabaseError:
        return "torn: SQLite's integrity check fails (the open refuses or mends it)"
    finally:
        conn.close()
    reader = Desk.open(path, read_only=True, backup=False, session=False, search_index="unused")
    try:
        whole = {item.sentence_id for item in reviews_unlike_history(reader.repo.db)}
        tail = {item.sentence_id for item in newest_unlike_history(reader.repo.db)}
    finally:
        reader.close()
    if not whole:
        return "sound, every review as its history says"
    mark = "with the mark" if marked else "WITHOUT the mark"
    if tail:
        return f"two moments, {mark}: the tail look sees it"
    kind = "only old sentences" if whole <= old else "recent sentences too"
    return f"two moments, {mark}: the tail look MISSES it ({kind})"


if __name__ == "__main__":
    sys.exit(main())
