#!/usr/bin/env python3
"""Finding an article in a year's article list: what each key typed above the list costs.

Opens a copy of `bench_big_workspace`'s year of work (5,000 articles; built and cached
there on first use), its titles made newsroom headlines of 6-16 words (some Russian,
Arabic, accented: most wrap to two or three lines in the list), in the window at
1024×640, and types into the article finder (Ctrl+Shift+F) as a reviewer does: a word
letter by letter, a second word, then Backspace back to nothing; then each state of the
box under it. For each key: the proxy's filtering alone (`ArticleFilterModel.set_filter`),
the key's own call (the field, the filter, the list told), and the longest turn of the
GUI thread while the list lays out and paints what it now shows (a 5 ms heartbeat).

Budget (docs/performance.md, "Finding an article"): the filtering of 5,000 articles per
key well under a frame (16 ms); the whole key, layout and paint included, under 100 ms.
It is a report, not a test: it exits 0.

Run: `.venv/bin/python bench/bench_find_article.py [--cache DIR] [--json [PATH]]
[--long-titles SHARE]` (`--long-titles 0.2`: a fifth of the titles past the 300 characters
the list shows, each searched whole).
"""

from __future__ import annotations

import argparse
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("FACTCHECK_REVIEWER", "bench")

from bench_big_workspace import Heartbeat, cached_workspace  # sets QT_QPA_PLATFORM=offscreen
from bench_output import write_json
from bench_review_loop import _isolate_settings, load_average, machine, source_state

WORDS = (  # noqa: SIM905 (easier to read and extend as text)
    "minister council budget election court ruling ceasefire inflation schools hospital "
    "mayor denies says rise fall fares ferry talks stall subsidies fuel strike port "
    "governor report audit police border trade deal vote recount floods drought"
).split()
OTHER = ("São Paulo", "Ереван", "бюджет", "الميزانية", "Zürich", "İstanbul", "Kraków")
TYPED = "minister budget"
FRAME_MS = 16.0
KEY_MS = 100.0


def headline(rng: random.Random, long_share: float = 0.0) -> str:
    """A headline of 6-16 words; with `long_share`, that share of them a headline and its
    standfirst, 60-110 words (longer than the 300 characters the list shows)."""
    long = long_share > 0 and rng.random() < long_share  # the default's titles as before
    words = [rng.choice(WORDS) for _ in range(rng.randint(60, 110) if long else rng.randint(6, 16))]
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), rng.choice(OTHER))
    return " ".join(words).capitalize()


def retitled_copy(source: Path, folder: Path, long_share: float = 0.0) -> Path:
    """A copy of `source` whose articles have headlines for titles (the copy only)."""
    copy = folder / "year.fcdesk"
    shutil.copy2(source, copy)
    rng = random.Random(7)
    db = sqlite3.connect(copy)
    try:
        ids = [row[0] for row in db.execute("SELECT id FROM articles")]
        db.executemany(
            "UPDATE articles SET title = ? WHERE id = ?",
            [(headline(rng, long_share), i) for i in ids],
        )
        db.commit()
    finally:
        db.close()
    return copy


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 2),
        "max": round(max(values), 2),
    }


def run(workspace: Path) -> dict[str, Any]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from factcheck_app.gui.actions import ActionId
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.gui.models import ArticleFilter, ArticleFilterModel
    from factcheck_app.services.desk import Desk

    app = QApplication.instance() or QApplication(sys.argv[:1])
    filtering: list[float] = []
    original = ArticleFilterModel.set_filter

    def timed(self: ArticleFilterModel, *args: Any, **kwargs: Any) -> None:
        start = time.perf_counter()
        original(self, *args, **kwargs)
        filtering.append((time.perf_counter() - start) * 1000)

    ArticleFilterModel.set_filter = timed  # type: ignore[method-assign]
    desk = Desk.open(workspace, backup=False)
    window = MainWindow(desk)
    window.resize(1024, 640)
    window.show()
    heart = Heartbeat(app)
    heart.run(3.0, until=lambda: window.article_model.rowCount() > 0)
    heart.run(1.0)
    articles = window.article_model.rowCount()
    keys: list[dict[str, Any]] = []

    def key(label: str, press: Any) -> None:
        filtering.clear()
        start = time.perf_counter()
        press()
        own = (time.perf_counter() - start) * 1000
        turn = heart.run(0.4)
        keys.append(
            {
                "key": label,
                "listed": window.article_filter.rowCount(),
                "filter_ms": sum(filtering),
                "key_ms": own,
                "turn_ms": max(own, turn),
            }
        )

    window.registry[ActionId.FIND_ARTICLE].trigger()
    for letter in TYPED:
        key(repr(letter), lambda letter=letter: QTest.keyClick(window.article_find, letter))
    for _ in TYPED:
        key("Backspace", lambda: QTest.keyClick(window.article_find, Qt.Key.Key_Backspace))
    box = window.article_state_box
    for state in (*list(ArticleFilter)[1:], ArticleFilter.ALL):
        key(state.name, lambda state=state: box.setCurrentIndex(box.findData(state)))
    window.close()
    desk.close()
    typed = [k for k in keys if k["key"] != "Backspace" and k["key"].startswith("'")]
    back = [k for k in keys if k["key"] == "Backspace"]
    states = keys[len(typed) + len(back) :]
    return {
        "articles": articles,
        "keys": keys,
        "typed": {m: summary([k[m] for k in typed]) for m in ("filter_ms", "key_ms", "turn_ms")},
        "backspace": {m: summary([k[m] for k in back]) for m in ("filter_ms", "key_ms", "turn_ms")},
        "states": {m: summary([k[m] for k in states]) for m in ("filter_ms", "key_ms", "turn_ms")},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "fcdesk-bench-big"
    )
    parser.add_argument("--json", nargs="?", const="-", default=None)
    parser.add_argument(
        "--long-titles",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="make this share of the titles longer than the 300 characters the list shows",
    )
    args = parser.parse_args()
    source = cached_workspace(args.cache, 5000, 40, rebuild=False)
    with tempfile.TemporaryDirectory(prefix="bench-find-article-") as folder:
        os.environ["FACTCHECK_DATA_DIR"] = str(Path(folder) / "data")
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        _isolate_settings(folder)
        workspace = retitled_copy(source, Path(folder), args.long_titles)
        result = run(workspace)
    result.update(machine=machine(), load=load_average(), source=source_state())
    for row in result["keys"]:
        print(
            f"{row['key']:>12}  {row['listed']:>5} listed  filter {row['filter_ms']:6.2f} ms"
            f"  key {row['key_ms']:7.2f} ms  longest turn {row['turn_ms']:7.2f} ms"
        )
    for part in ("typed", "backspace", "states"):
        figures = result[part]
        print(
            f"{part}: filter median {figures['filter_ms']['median']} ms, max "
            f"{figures['filter_ms']['max']} ms (budget {FRAME_MS:.0f}); longest turn median "
            f"{figures['turn_ms']['median']} ms, max {figures['turn_ms']['max']} ms "
            f"(budget {KEY_MS:.0f})"
        )
    if args.json is not None:
        write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
