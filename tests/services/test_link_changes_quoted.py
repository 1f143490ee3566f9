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


# Each one character as drawn, of two or three code points that no category marks as an
# accent: Korean written in jamo (as some Mac and Linux programs save it), a Hindi
# conjunct ("क्ष", joined by its virama), Thai "กำ" ("am" is a letter of its own).
DRAWN_AS_ONE = {
    "Korean jamo": "\u1112\u1161\u11ab",
    "Hindi conjunct": "\u0915\u094d\u0937",
    "Thai am": "\u0e01\u0e33",
    "flag": "\U0001f1eb\U0001f1f7",
    "joined emoji": FAMILY,
}


@pytest.mark.parametrize("drawn", list(DRAWN_AS_ONE.values()), ids=list(DRAWN_AS_ONE))
@pytest.mark.parametrize("lead", ["", "x", "Report: "], ids=["at the start", "odd", "words"])
def test_a_quote_cut_short_never_ends_inside_a_character_as_drawn(drawn: str, lead: str) -> None:
    """Her first words quoted in a refusal, cut at 60 code points: a syllable of Korean
    jamo ended in its first letter, a conjunct in a lone virama (a dotted circle), a
    Thai "am" became its consonant. The quote ends where one character as drawn does."""
    theirs = lead + drawn * 60
    said = _said("Unemployment stood at 4.1 percent.", theirs)
    quoted = said.split("reads “", 1)[1].split("”", 1)[0]
    assert quoted.endswith("…") and theirs.startswith(quoted[:-1]), said
    assert (len(quoted[:-1]) - len(lead)) % len(drawn) == 0, said


@pytest.mark.parametrize("drawn", list(DRAWN_AS_ONE.values()), ids=list(DRAWN_AS_ONE))
def test_a_change_deep_in_a_run_is_quoted_from_a_character_as_drawn(drawn: str) -> None:
    """A change deep inside one long run without spaces is quoted from 20 characters
    before it: that start fell inside one character as drawn as well."""
    mine = drawn * 300
    theirs = mine[: len(drawn) * 200] + "Z" + mine[len(drawn) * 200 :]
    said = _said(mine, theirs)
    quoted = said.split("reads “…", 1)[1].split("”", 1)[0]
    assert "Z" in quoted, said
    assert quoted.index("Z") % len(drawn) == 0, said


@pytest.mark.parametrize("lead", ["", "x"], ids=["flags from the start", "odd"])
def test_a_change_deep_in_a_long_run_of_flags_is_quoted_from_a_whole_flag(lead: str) -> None:
    """A change (🇫🇷 to 🇫🇮, its second half) deep in a run of flags longer than 1,000
    code points: the halves were counted from 1,000 back, not from the run's start, and
    the quote began with a second half: every flag after it drawn paired wrongly (🇷🇫,
    no flag at all)."""
    france, finland = "\U0001f1eb\U0001f1f7", "\U0001f1eb\U0001f1ee"
    mine = lead + france * 800
    theirs = lead + france * 700 + finland + france * 99
    said = _said(mine, theirs)
    quoted = said.split("reads “…", 1)[1].split("”", 1)[0]
    assert finland in quoted, said
    assert quoted.startswith(france), said
