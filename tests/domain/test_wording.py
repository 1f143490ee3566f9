"""Counts read right: "1 sentence now holds", never "1 sentences"."""

from factcheck_app.domain.wording import counted


def test_counts_take_the_right_noun_form() -> None:
    assert counted(1, "sentence") == "1 sentence"
    assert counted(0, "sentence") == "0 sentences"
    assert counted(1200, "article") == "1,200 articles"
    assert counted(2, "body", "bodies") == "2 bodies"
