"""Her name with a mark nobody sees in it is her name in a merge too, not only in sign-off
and agreement. A name pasted from a right-to-left web page carries a left-to-right or
right-to-left mark (U+200E, U+200F) or an isolate (U+2066..U+2069); one from a word
processor a soft hyphen (U+00AD). The window shows both spellings alike ("Ana Ruiz":
`shown_name` drops every format character), sign-off and agreement took them for one
person (through `capped_name`), but `person_key`, which a merge keys reviewers by, dropped
only five such characters: the merge kept her later word beside her own as another
reviewer's, two "Ana Ruiz" versions of one sentence."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck_app.domain.models import Tag
from factcheck_app.domain.sign_off import person_key, same_person
from tests.services.merge_fixtures import SHARED, open_as, review, sentence_ids
from tests.services.test_merge_same_person import versions

MARKED = [
    "Ana Ruiz\u200e",  # left-to-right mark
    "\u200fAna Ruiz",  # right-to-left mark
    "\u2068Ana Ruiz\u2069",  # first-strong isolate and its end
    "Ana Ru\u00adiz",  # soft hyphen
]


@pytest.mark.parametrize("there", MARKED)
def test_the_key_is_the_one_sign_off_compares_by(there: str) -> None:
    assert same_person("Ana Ruiz", there)
    assert person_key("Ana Ruiz") == person_key(there)


@pytest.mark.parametrize("there", MARKED)
def test_a_merge_takes_her_later_word_under_a_marked_spelling(tmp_path: Path, there: str) -> None:
    desk_ws, laptop_ws = tmp_path / "desk.fcdesk", tmp_path / "laptop.fcdesk"
    desk = open_as(desk_ws, "Ana Ruiz")
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
    desk = open_as(desk_ws, "Ana Ruiz")
    try:
        result = desk.merge.merge(laptop_ws)
        assert result.sentences_conflicting == 0
        assert desk.reviews.review(s).verdict == "mostly_false"
        assert [verdict for verdict, _ in versions(desk, s).values()] == ["mostly_false"]
    finally:
        desk.close()
