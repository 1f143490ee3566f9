"""The saved-page set stays above the goal: body F1 >= 0.95 per page, metadata >= 90 %.

Scores as in bench/bench_extract.py: token overlap of the extracted body with the true
body, and metadata fields compared where the page has them. A regression fails here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from factcheck_app.domain.importing import parse_article

DATA = Path(__file__).resolve().parent.parent / "data" / "import_pages"
PAGES = sorted(DATA.glob("page*.html"))
BODY_F1_GOAL = 0.95
METADATA_GOAL = 0.90


def tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def f1(got: str, truth: str) -> float:
    g, t = tokens(got), tokens(truth)
    overlap = sum((g & t).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(g.values()), overlap / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def truth(path: Path) -> dict[str, object]:
    return json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))


def test_the_set_has_at_least_twelve_pages() -> None:
    assert len(PAGES) >= 12


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_body_f1_meets_the_goal(path: Path) -> None:
    parsed = parse_article(path.read_bytes(), suffix=".html")
    assert f1(parsed.text, str(truth(path)["body"])) >= BODY_F1_GOAL


def test_metadata_accuracy_meets_the_goal() -> None:
    right = present = 0
    misses = []
    for path in PAGES:
        meta = parse_article(path.read_bytes(), suffix=".html").metadata
        for field, value in truth(path)["metadata"].items():  # type: ignore[attr-defined]
            if value is None:
                continue
            present += 1
            got = getattr(meta, field)
            got = got.isoformat() if isinstance(got, dt.date) else got
            if got == value:
                right += 1
            else:
                misses.append((path.name, field, got))
    assert right / present >= METADATA_GOAL, misses
