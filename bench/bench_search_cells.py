"""How long a search result's Sentence cell takes to make (its line from just before the
first match, and its bold words), for long sentences a pre-cut workspace may hold and a
normal one; a result's tooltip; and the first paint of the search panel (1024 pixels
wide, offscreen) with one result in a long sentence. Best of five (of three for a
paint), CPU time. docs/performance.md ("A search result in a long sentence") has the
numbers.

    PYTHONPATH=. python bench/bench_search_cells.py
"""

from __future__ import annotations

import random
import string
import time
from collections.abc import Callable


def _distinct_words(size: int) -> str:
    """Words each written once (a dump of names or codes), `size` characters of them."""
    letters = random.Random(1)
    words, chars = [], 0
    while chars < size:
        words.append("".join(letters.choices(string.ascii_lowercase, k=letters.randint(3, 9))))
        chars += len(words[-1]) + 1
    return " ".join(words)[:size]


DISTINCT = _distinct_words(760_000)
FAR = "Quiet words about the weather and the harbour that nobody searched for today "
CASES = {
    "760,000 Chinese characters, match at the start": (
        "市长说这座桥花了三百万美元没有人检查过它" * 38_000,
        "桥",
    ),
    "760,000-character English line, match at the start": (
        "The mayor said that the bridge cost 3 million dollars and nobody checked it " * 10_000,
        "bridge",
    ),
    "760,000-character English line, match at the end": (
        FAR * 10_000 + " The bridge was built in 1990.",
        "bridge",
    ),
    "760,000 characters of distinct words, match half-way": (
        DISTINCT[:380_000] + " bridges " + DISTINCT[380_000:],
        "bridge",
    ),
    "the same, match at the end": (DISTINCT + " bridges", "bridge"),
    "5,000 English characters, match at the end": (
        FAR * 64 + " The bridge was built in 1990.",
        "bridge",
    ),
    "756,000 Thai characters, match at the start": ("นายกรัฐมนตรีกล่าวว่าข่าวนี้" * 28_000, "กล่าว"),
    "5,000 Chinese characters": ("市长说这座桥花了三百万美元没有人检查过它" * 250, "桥"),
    "a normal sentence": (
        "The mayor said that the bridge cost 3 million dollars and nobody checked it.",
        "bridge",
    ),
}


def best_of_five(work: Callable[[], object]) -> float:
    best = float("inf")
    for _run in range(5):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def first_paint(text: str, query: str) -> float:
    """CPU time of a new search panel's first paint of one result in ``text``."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from factcheck_app.domain.models import (
        FoundSentence,
        Review,
        SearchHit,
        SearchResults,
        Sentence,
        SentenceRow,
    )
    from factcheck_app.gui.search_panel import SearchPanel

    _app = QApplication.instance() or QApplication([])
    row = SentenceRow(Sentence(1, 1, 0, len(text), 0, text), Review(1, claimant="The mayor"))
    hit = SearchHit(FoundSentence(row, "A long line"), ("Sentence",))
    results = SearchResults(query, 1, (hit,))
    panel = SearchPanel(lambda _query, _scope: results)
    panel.resize(1024, 400)
    panel.grab()  # (the panel itself painted once, before the search)
    panel.query_edit.setText(query)
    started = time.process_time()
    panel.run_search()
    panel.grab()
    took = time.process_time() - started
    panel.deleteLater()
    return took


def main() -> None:
    from factcheck_app.gui.models import plain_tooltip
    from factcheck_app.gui.search_models import _sentence_cell

    for name, (text, query) in CASES.items():
        cell = best_of_five(lambda text=text, query=query: _sentence_cell(text, query))
        print(f"{name:55} cell {cell * 1000:8.2f} ms")
    tooltip = "\u202b" + CASES["760,000 Chinese characters, match at the start"][0]
    took = best_of_five(lambda: plain_tooltip(tooltip))
    print(f"{'a tooltip of 760,000 characters with a bidi control':55} {took * 1000:8.2f} ms")
    for name in (
        "760,000 characters of distinct words, match half-way",
        "the same, match at the end",
        "760,000-character English line, match at the end",
    ):
        took = min(first_paint(*CASES[name]) for _run in range(3))
        print(f"first paint, {name[:42]:42} {took * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
