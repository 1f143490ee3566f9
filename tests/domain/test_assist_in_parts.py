"""An article read in two parts (`ArticleInParts`, `suggest_later_part`: issue 17's two
processes) gets the suggestions `suggest_article` makes, wherever it is divided: the later
part settles only what does not depend on the sentences before it."""

from __future__ import annotations

import pytest

from factcheck_app.domain.assist import (
    ArticleInParts,
    Suggestion,
    proper_nouns,
    suggest_article,
    suggest_later_part,
)
from factcheck_app.domain.assist import article as article_module
from tests.domain.test_assist import WIRE_STORY
from tests.services.test_suggest_in_two_processes import STORY, article

# Pronoun subjects and denials right after the division, a denial whose claim lies 30
# sentences back across it (with fewer than 25 claims between), a named claimant, and a
# denial that answers a claim two sentences after it (across the division, or not).
AWKWARD = [
    *WIRE_STORY,
    "Opposition leader Maria Doukas accused the government of hiding the death toll.",
    *["Smoke hung over the harbour for most of the afternoon."] * 30,
    "Government spokesman Petros Alexiou denied that anyone had hidden the death toll.",
    "She said at least three people had died in the clashes.",
    "Government spokesman Petros Alexiou dismissed the allegations as baseless.",
    *STORY,
]


def in_two_parts(sentences: list[str], start: int) -> tuple[list[Suggestion], int]:
    proper = proper_nouns(sentences)
    unsettled, settled = suggest_later_part(sentences, start, proper)
    run = ArticleInParts(sentences, proper)
    mine = run.read(start)
    assert len(mine) == start and run.done == start
    finished = run.given(unsettled)
    assert run.done == start + len(finished) == start + len(unsettled[0])
    return mine + finished + settled, len(unsettled[0])


@pytest.fixture(params=["model", "rules"])
def scoring(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """With the model's weights, and without them (the rules' score names the claimant)."""
    if request.param == "rules":
        monkeypatch.setattr(article_module, "_checkworthiness_model", lambda: None)
    return request.param == "model"


def test_every_division_of_a_story_suggests_what_one_reading_does(scoring: bool) -> None:
    sentences = AWKWARD + article(60)
    alone = suggest_article(sentences, use_model=scoring)
    for start in range(len(sentences) + 1):
        assert in_two_parts(sentences, start)[0] == alone, start


def test_the_later_part_leaves_only_its_first_sentences_unsettled() -> None:
    sentences = article(400)
    suggested, unsettled = in_two_parts(sentences, 200)
    assert suggested == suggest_article(sentences)
    # The first pronoun subject before a named one, and the denials before its 25th claim.
    assert 0 < unsettled < 100


def test_a_later_part_without_a_named_claimant_is_all_unsettled() -> None:
    """Pronoun subjects all along: every claimant is the one named before the division."""
    sentences = ["Maria Doukas said taxes rose.", *["She said taxes rose again."] * 50]
    suggested, unsettled = in_two_parts(sentences, 1)
    assert unsettled == 50
    assert suggested == suggest_article(sentences)
    assert {s.claimant for s in suggested} == {"Maria Doukas"}
