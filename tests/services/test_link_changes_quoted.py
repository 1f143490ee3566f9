"""What a refusal quotes of a link another program changed (`link_changes`): the words
where the change is, in text without spaces too, and never half a letter or an emoji."""

from __future__ import annotations

import dataclasses

import pytest

from factcheck_app.domain.models import Source, SourceLink
from factcheck_app.services.edits import link_changes

SOURCE = Source(1, "https://stats.example/jobs", title="Jobs")
# Chinese is written without spaces: a quote of it is one "word" of hundreds of characters.
CHINESE = "国家统计局周五表示，十二月失业率为百分之四点一，低于一年前的百分之四点四。" * 6
URL_RUN = "The figures: https://stats.example/" + "tables/" * 30 + "2024.csv (table 3)."


def _said(excerpt: str, theirs: str) -> str:
    shown = SourceLink(1, 5, SOURCE, excerpt=excerpt)
    return link_changes(shown, dataclasses.replace(shown, excerpt=theirs))


@pytest.mark.parametrize(
    ("mine", "theirs", "changed"),
    [
        (CHINESE, CHINESE[:150] + "九" + CHINESE[151:], "九"),
        (URL_RUN, URL_RUN.replace("2024.csv", "2025.csv"), "2025.csv"),
    ],
    ids=["Chinese", "a long address"],
)
def test_a_change_inside_a_long_run_without_spaces_is_quoted_where_it_is(
    mine: str, theirs: str, changed: str
) -> None:
    """Quoted from two words before the word the change falls in: in text without
    spaces that word began up to 1,000 characters back, and the 60 characters quoted
    from there read as they did before: nothing showed what had changed."""
    said = _said(mine, theirs)
    assert changed in said, said


FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # one emoji, 7 code points


@pytest.mark.parametrize(
    ("theirs", "quoted"),
    [
        (FAMILY * 20, FAMILY * 8 + "…"),
        ("Cafe\u0301 " + "e\u0301" * 80, "Cafe\u0301 " + "e\u0301" * 26 + "…"),
    ],
    ids=["joined emoji", "accents written apart"],
)
def test_a_quote_cut_short_ends_between_letters_as_drawn(theirs: str, quoted: str) -> None:
    """Cut at its 59th code point, a quote ended inside an emoji joined of several (a
    family drew as a woman and a stray joiner) or between a letter and its accent (an
    "é" written as "e" and an accent became "e")."""
    said = _said("Unemployment stood at 4.1 percent.", theirs)
    assert f"reads “{quoted}”" in said, said
