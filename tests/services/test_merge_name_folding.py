"""One reviewer's name written two ways that a reader cannot tell apart is one person
everywhere: in sign-off, in a merge and in agreement, by the one rule
(`domain/sign_off.person_key`). Three ways were still two people until 7 December:

- Turkish dotted and dotless i: "İlker Şahin" typed on a Turkish keyboard, "ILKER ŞAHIN"
  or "ilker şahin" from a script (casefold gives "i̇lker": an i and a combining dot);
- zero-width characters (U+200B, U+200D, U+FEFF) an older file's name carries, pasted
  from a web page or an address book;
- "Zo Berg" recorded before undecodable bytes were kept, "Zo\ufffd Berg" since: sign-off
  joined them (`same_person`), agreement and merge did not.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck_app.domain.models import Tag
from factcheck_app.domain.sign_off import person_key, same_person
from factcheck_app.services.agreement import measure_input, read_agreement_input
from tests.services.merge_fixtures import SHARED, open_as, review, sentence_ids
from tests.services.test_merge_same_person import versions

# (as the desk recorded her, as the other file or script did)
TWO_WAYS = [
    ("İlker Şahin", "ILKER ŞAHIN"),
    ("İlker Şahin", "ilker şahin"),
    ("Işık Ay", "ışık ay"),
    ("Ana Ruiz", "Ana\u200b Ruiz"),
    ("Ana Ruiz", "\ufeffAna Ruiz"),
    ("Ana Ruiz", "Ana Ru\u200diz"),
    ("Zo Berg", "Zo\ufffd Berg"),
]


@pytest.mark.parametrize(("here", "there"), TWO_WAYS)
def test_one_rule_takes_her_two_spellings_for_one_person(here: str, there: str) -> None:
    assert person_key(here) == person_key(there)
    assert same_person(here, there)


def test_two_people_stay_two() -> None:
    assert not same_person("Ana Ruiz", "Ana Ruíz")  # an accent is a letter a reader sees
    assert not same_person("Zoë Berg", "Zo Berg")
    assert person_key("Ana Ruiz") != person_key("Ana Rui")


@pytest.mark.parametrize(("here", "there"), TWO_WAYS)
def test_agreement_does_not_measure_her_against_herself(
    tmp_path: Path, here: str, there: str
) -> None:
    """Her reviews of two sentences under each spelling, and Ben's: the Agreement panel
    pairs Ben with her once, never her with herself."""
    path = tmp_path / "desk.fcdesk"
    desk = open_as(path, here)
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        s = sentence_ids(desk, article)
        review(desk, s[0], Tag.CLAIM, "false")
        review(desk, s[1], Tag.CLAIM, "false")
        desk.reviewer = desk.edits.actor = there
        review(desk, s[1], Tag.CLAIM, "true")
        review(desk, s[2], Tag.CLAIM, "true")
        desk.reviewer = desk.edits.actor = "Ben"
        for sentence in s[:3]:
            review(desk, sentence, Tag.CLAIM, "true")
        pairs = measure_input(read_agreement_input(desk)).workspace
        assert [len(p.reviewers) for p in pairs] == [2]
        assert "Ben" in pairs[0].reviewers
    finally:
        desk.close()


@pytest.mark.parametrize(("here", "there"), TWO_WAYS)
def test_a_merge_takes_her_later_word_under_her_other_spelling(
    tmp_path: Path, here: str, there: str
) -> None:
    """Her review on the desk; a copy; her later word on the copy under the other
    spelling: the merge takes it as her one version, not a second reviewer's."""
    desk_ws, laptop_ws = tmp_path / "desk.fcdesk", tmp_path / "laptop.fcdesk"
    desk = open_as(desk_ws, here)
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        s = sentence_ids(desk, article)[1]
        review(desk, s, Tag.CLAIM, "false")
    finally:
        desk.close()
    shutil.copy(desk_ws, laptop_ws)
    laptop = open_as(laptop_ws, there)
    try:
        laptop.reviews.set_verdict(s, "mostly_false")
    finally:
        laptop.close()
    desk = open_as(desk_ws, here)
    try:
        result = desk.merge.merge(laptop_ws)
        assert result.sentences_conflicting == 0
        assert desk.reviews.review(s).verdict == "mostly_false"
        assert [verdict for verdict, _ in versions(desk, s).values()] == ["mostly_false"]
    finally:
        desk.close()
