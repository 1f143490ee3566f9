"""A name part every letter of which came undecodable (a Cyrillic first name beside a
Latin surname, read in another encoding) stays in the name: "Ян Petrov" and "Иван
Petrov", recorded "\ufffd\ufffd Petrov" and "\ufffd\ufffd\ufffd\ufffd Petrov", are two
colleagues in a merge and in agreement, and neither is "Petrov". Until 7 December every
U+FFFD went from a name that kept any letter, so all three were one person: in a merge
one's verdict was taken as the other's later word, kept as one reviewer's version.
A U+FFFD beside a letter ("Zo\ufffd Berg", her byte dropped before 7 December: "Zo
Berg") still goes, as the rule says."""

from __future__ import annotations

import shutil
from pathlib import Path

from factcheck_app.domain.models import Tag
from factcheck_app.domain.sign_off import person_key, same_person
from tests.services.merge_fixtures import SHARED, open_as, review, sentence_ids
from tests.services.test_merge_same_person import versions

YAN = "\ufffd" * 2 + " Petrov"
IVAN = "\ufffd" * 4 + " Petrov"


def test_a_name_part_of_no_readable_letter_keeps_two_colleagues_apart() -> None:
    assert person_key(YAN) != person_key(IVAN)
    assert person_key(IVAN) != person_key("Petrov")
    # Sign-off alone still takes them for one (`same_person`: a name recorded before 7
    # December without its bytes): refusing a self-approval errs on the safe side.
    assert same_person(IVAN, "Petrov")


def test_a_byte_beside_a_letter_still_goes() -> None:
    assert person_key("Zo\ufffd Berg") == person_key("Zo Berg")
    assert person_key("\ufffdlker Şahin") == person_key("lker Şahin")
    assert person_key("Ana\ufffd\ufffd Ruiz") == person_key("ANA RUIZ")
    assert person_key(IVAN) == person_key("\ufffd\ufffd\ufffd\ufffd  PETROV")  # case, spaces


def test_a_merge_keeps_them_two_reviewers(tmp_path: Path) -> None:
    """Yan checks; Ivan, in a copy, gives another verdict: merged, both versions stay,
    each his own (before, Ivan's was taken as Yan's later word, Yan's gone from view)."""
    desk_ws, copy_ws = tmp_path / "desk.fcdesk", tmp_path / "copy.fcdesk"
    desk = open_as(desk_ws, YAN)
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        s = sentence_ids(desk, article)[1]
        review(desk, s, Tag.CLAIM, "false")
    finally:
        desk.close()
    shutil.copy(desk_ws, copy_ws)
    other = open_as(copy_ws, IVAN)
    try:
        other.reviews.set_verdict(s, "true")
    finally:
        other.close()
    desk = open_as(desk_ws, YAN)
    try:
        desk.merge.merge(copy_ws)
        assert sorted(verdict for verdict, _ in versions(desk, s).values()) == ["false", "true"]
    finally:
        desk.close()
