"""Names are folded (`person_key`) once each, through a cache: a merge asks of each
reviewer's name thousands of times. A colleague's file is untrusted input, and the names
in its history (who made each entry) are read as stored, of any length: a file built to
hurt, or damaged, whose entries each carry another name of 200,000 characters left every
one of them, and its folded key, in the desk's memory until it was closed (the cache
holds 4,096: 200 such Cyrillic names kept 200 MB, 4,096 of them 4 GB)."""

from __future__ import annotations

import gc
import tracemalloc

from factcheck_app.domain.sign_off import person_key, same_person

LONG = 100_000  # characters in each hostile name
NAMES = 24


def test_long_names_are_folded_without_being_kept() -> None:
    names = [f"{number} Zo" + "ë" * LONG for number in range(NAMES)]
    tracemalloc.start()  # what folding them allocates (the names are made before)
    try:
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        keys = [len(person_key(name)) for name in names]
        del names
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert all(length in (LONG + 4, LONG + 5) for length in keys)
    # A few may be kept (one such name on every entry is folded once): not every one.
    assert kept < NAMES * LONG // 2, f"{kept:,} bytes kept after the names were let go"


def test_one_long_name_on_every_entry_is_folded_once() -> None:
    """A file whose every history entry names one reviewer by a very long name: folding
    it again for each of thousands of entries took minutes."""
    name = "Zo" + "ë" * LONG
    key = person_key(name)
    assert all(person_key(name) is key for _ in range(5_000))


def test_a_long_name_folds_as_a_short_one_does() -> None:
    """The rule is the same whatever the length (only the cache is left out)."""
    long_name = "Ana Ruiz " + "de la Vega " * 100
    assert person_key(long_name) == person_key(long_name.upper() + "\u200e")
    assert same_person(long_name, "\u200f" + long_name)
    assert person_key("Ana Ruiz") == person_key("ANA  RUIZ\u00ad")
