"""How long a search result's Sentence cell takes to make (its line from just before the
first match, and its bold words), for long sentences a pre-cut workspace may hold and a
normal one; and a result's tooltip. Best of five, CPU time. docs/performance.md ("A search
result in a long sentence") has the numbers.

    PYTHONPATH=. python bench/bench_search_cells.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

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
    "the same, match at the end": (FAR * 10_000 + " The bridge was built in 1990.", "bridge"),
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


def main() -> None:
    from factcheck_app.gui.models import plain_tooltip
    from factcheck_app.gui.search_models import _sentence_cell

    for name, (text, query) in CASES.items():
        cell = best_of_five(lambda text=text, query=query: _sentence_cell(text, query))
        print(f"{name:55} cell {cell * 1000:8.2f} ms")
    tooltip = "\u202b" + CASES["760,000 Chinese characters, match at the start"][0]
    took = best_of_five(lambda: plain_tooltip(tooltip))
    print(f"{'a tooltip of 760,000 characters with a bidi control':55} {took * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
