"""The summary's reviewer-name keys kept between sentences hold no hostile file's text.

A merged file's reviewer names are not capped (a name box caps what is typed here, not
what another program wrote): a file naming its reviews with 30 different 40,000-
character "names" must not leave 1.2 MB of them held by the desk after the summary."""

from __future__ import annotations

import gc
import tracemalloc

from factcheck_app.domain.models import Review, Status, Tag
from factcheck_app.services.agreement import spelt_two_ways


def test_long_names_are_not_kept_after_the_summary_asked() -> None:
    names = [f"{n:04d}" + "x" * 40_000 for n in range(30)]
    versions = [
        (1, Review(n, Tag.CLAIM, "false", status=Status.DONE, reviewer=name))
        for n, name in enumerate(names)
    ]
    versions.append((1, Review(0, Tag.CLAIM, "false", status=Status.DONE, reviewer="Ana")))
    versions.append((1, Review(0, Tag.CLAIM, "true", status=Status.DONE, reviewer="ana")))
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        # …spelt only as the names' own copies, so that the file's text is what is held
        fresh = [(a, v.edited(reviewer="".join(v.reviewer))) for a, v in versions]
        assert spelt_two_ways(fresh) == [0]  # still right: "Ana" and "ana" are one
        del fresh
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < 300_000, f"{held:,} bytes of names held after the summary"
