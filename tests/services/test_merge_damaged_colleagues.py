"""Two colleagues whose names the system gave in another encoding (a Cyrillic or Greek
account name read as UTF-8: every letter a byte that was not UTF-8, recorded as U+FFFD)
stay two people in a merge and in agreement.

Иван Петров and Анна Смирнова, whose names in KOI8-R are every letter undecodable, are
recorded as "\ufffd\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd\ufffd\ufffd\ufffd" and
"\ufffd\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd". The rule
that joins "Zo Berg" (its byte dropped, before 7 December) with "Zo\ufffd Berg" dropped
every U+FFFD from every name, so both names (and a name nobody gave) were one person
with no letters: Anna's verdict in a colleague's file was taken as Ivan's later word,
his "false" replaced by her "true" with no conflict raised."""

from __future__ import annotations

import shutil
from pathlib import Path

from factcheck_app.domain.models import Status, Tag
from factcheck_app.domain.sign_off import person_key, same_person
from tests.services.merge_fixtures import SHARED, open_as, review, sentence_ids
from tests.services.test_merge_same_person import versions

IVAN = "\ufffd" * 4 + " " + "\ufffd" * 6
ANNA = "\ufffd" * 4 + " " + "\ufffd" * 8


def test_two_names_of_no_readable_letter_are_two_people() -> None:
    assert person_key(IVAN) != person_key(ANNA)
    assert person_key(IVAN) != person_key("")
    assert person_key("Zo Berg") == person_key("Zo\ufffd Berg")  # one person, as before
    assert not same_person(IVAN, ANNA)


def test_a_merge_keeps_two_damaged_names_two_reviewers(tmp_path: Path) -> None:
    desk_ws, copy_ws = tmp_path / "desk.fcdesk", tmp_path / "copy.fcdesk"
    desk = open_as(desk_ws, IVAN)
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        s = sentence_ids(desk, article)[1]
        review(desk, s, Tag.CLAIM, "false")
    finally:
        desk.close()
    shutil.copy(desk_ws, copy_ws)
    other = open_as(copy_ws, ANNA)
    try:
        other.reviews.set_verdict(s, "true")
    finally:
        other.close()
    desk = open_as(desk_ws, IVAN)
    try:
        desk.merge.merge(copy_ws)
        assert desk.reviews.review(s).verdict == "true"  # her later word, decided
        # and his own word kept beside hers: two reviewers' versions, not one's
        assert sorted(verdict for verdict, _ in versions(desk, s).values()) == ["false", "true"]
    finally:
        desk.close()


def test_one_damaged_name_approves_the_others_verdict(tmp_path: Path) -> None:
    """Anna checks; Ivan, another person, approves: four eyes, not one reviewer's two."""
    desk = open_as(tmp_path / "desk.fcdesk", ANNA)
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        s = sentence_ids(desk, article)[1]
        review(desk, s, Tag.CLAIM, "false")
        desk.reviews.set_status(s, Status.DONE)
        desk.reviewer = desk.edits.actor = IVAN
        desk.sign_offs.approve(s)  # refused before: "You gave this verdict"
        sign_off = desk.sign_offs.sign_off(s)
        assert sign_off is not None and sign_off.editor == IVAN
    finally:
        desk.close()
