"""Counts read right: "1 sentence now holds", never "1 sentences"."""

import re

from hypothesis import given
from hypothesis import strategies as st

from factcheck_app.domain.wording import counted, figure, noun_for, number_runs, runs_left_out


def test_counts_take_the_right_noun_form() -> None:
    assert counted(1, "sentence") == "1 sentence"
    assert counted(0, "sentence") == "0 sentences"
    assert counted(1200, "article") == "1,200 articles"
    assert counted(2, "body", "bodies") == "2 bodies"


def test_a_count_set_apart_from_its_noun_reads_as_counted_writes_it() -> None:
    assert (figure(12_345), noun_for(12_345, "Claim")) == ("12,345", "Claims")
    assert noun_for(1, "Claim") == "Claim" and noun_for(3, "entry", "entries") == "entries"


def test_the_numbers_of_articles_with_nothing_to_publish_are_said_as_runs() -> None:
    """As `export --all` and the export dialog say them (one function: the two were
    written twice); cut after the first few, with how many numbers more (not how many
    runs: "and 2 more" after "1–4" left out 10 articles)."""
    assert number_runs([9, 1, 2, 3, 4, 7, 10]) == "1–4, 7, 9, 10"
    assert number_runs([*range(1, 5), 7, *range(20, 30)], 2) == "1–4, 7 and 10 more"
    assert number_runs([1, 3, 5], 3) == "1, 3, 5"  # all named: no "and 0 more"
    assert number_runs([3, 3, 1]) == "1, 3" and number_runs([]) == ""


def test_runs_left_out_counts_what_number_runs_leaves_to_the_log() -> None:
    numbers = [*range(1, 5), 7, *range(20, 30)]
    assert runs_left_out(numbers, 2) == 10  # "1–4, 7 and 10 more"
    assert runs_left_out([1, 3, 5], 3) == 0 and runs_left_out([], 10) == 0
    assert runs_left_out([9, 10, 11], 1) == 0 and runs_left_out([9, 10], 1) == 1


@given(st.lists(st.integers(1, 60), max_size=40), st.integers(1, 12))
def test_every_number_is_named_once_or_counted_in_the_more(numbers: list[int], most: int) -> None:
    """What a note says of the articles: each number named once, in order, or counted in
    "and N more", which is what `runs_left_out` says was left to the log (a note asked
    the log for the rest only when its words ended in " more")."""
    said = number_runs(numbers, most)
    named, _and, more = said.partition(" and ")
    shown: list[int] = []
    for part in filter(None, named.split(", ")):
        first, _dash, last = part.partition("–")
        shown += range(int(first), int(last or first) + 1)
    left = int(re.sub(r"\D", "", more) or 0)
    distinct = sorted(set(numbers))
    assert shown == distinct[: len(shown)] and len(shown) + left == len(distinct)
    assert runs_left_out(numbers, most) == left
    if not left:
        assert said == number_runs(numbers)  # all named: as without `most`
