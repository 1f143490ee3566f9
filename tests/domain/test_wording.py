"""Counts read right: "1 sentence now holds", never "1 sentences"."""

from factcheck_app.domain.wording import counted, figure, noun_for


def test_counts_take_the_right_noun_form() -> None:
    assert counted(1, "sentence") == "1 sentence"
    assert counted(0, "sentence") == "0 sentences"
    assert counted(1200, "article") == "1,200 articles"
    assert counted(2, "body", "bodies") == "2 bodies"


def test_a_count_set_apart_from_its_noun_reads_as_counted_writes_it() -> None:
    assert (figure(12_345), noun_for(12_345, "Claim")) == ("12,345", "Claims")
    assert noun_for(1, "Claim") == "Claim" and noun_for(3, "entry", "entries") == "entries"
