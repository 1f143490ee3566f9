"""A source Ana unlinked from a sentence stays unlinked when she merges a colleague's copy
made before the unlink, where the link is untouched: an untouched link there is not a
later word, as an untouched review there does not undo a later edit here. Until 7
December the merge brought the link back without a word ("1 link added"), and the
sources list showed the source she had taken out.

Ana links the statistics office's report to the first sentence; Edith gets her file
(merged, or the file copied); Ana removes the source; Ana merges Edith's file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck_app.domain.models import Stance, Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.services.merge_fixtures import SHARED, article_titled, open_as, review, sentence_ids

REPORT = "https://example.org/report"


def _first(desk: Desk) -> int:
    return sentence_ids(desk, article_titled(desk, "minister"))[0]


def _urls(desk: Desk) -> list[str]:
    """The URLs of the first sentence's Sources list, as the review panel shows them."""
    return [link.source.url for link in desk.sources.links(_first(desk))]


def _unlink(path: Path, who: str) -> None:
    desk = open_as(path, who)
    try:
        link = next(link for link in desk.sources.links(_first(desk)) if link.source.url == REPORT)
        desk.sources.unlink_source(link.id, link.sentence_id)
        assert _urls(desk) == []
    finally:
        desk.close()


def _merge(path: Path, who: str, other: Path) -> None:
    desk = open_as(path, who)
    try:
        desk.merge.merge(other)
    finally:
        desk.close()


@pytest.fixture(params=["merged", "copied"])
def both(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, Path]:
    """Ana's workspace with the report linked to the first sentence, and Edith's with the
    same link: made by merging Ana's file, or as a copy of it."""
    ana, edith = tmp_path / "ana.fcdesk", tmp_path / "edith.fcdesk"
    desk = open_as(ana, "Ana")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        first = sentence_ids(desk, article)[0]
        review(desk, first, Tag.CLAIM, "false")
        desk.sources.link_source(
            first, NewSource(REPORT, title="Annual report", excerpt="4 percent")
        )
    finally:
        desk.close()
    if request.param == "copied":
        shutil.copyfile(ana, edith)
    else:
        _merge(edith, "Edith", ana)
    return ana, edith


def test_her_unlinked_source_does_not_come_back_from_an_older_copy(
    both: tuple[Path, Path],
) -> None:
    ana, edith = both
    _unlink(ana, "Ana")
    desk = open_as(ana, "Ana")
    try:
        result = desk.merge.merge(edith)
        assert _urls(desk) == []
        assert result.links_added == 0
        again = desk.merge.merge(edith)  # merge again: still nothing brings it back
        assert _urls(desk) == []
        assert again.links_added == 0
    finally:
        desk.close()


def test_undo_and_redo_of_the_merge_keep_it_unlinked(both: tuple[Path, Path]) -> None:
    ana, edith = both
    # Edith reviews another sentence, so that the merge is a step to undo and redo.
    desk = open_as(edith, "Edith")
    try:
        review(desk, sentence_ids(desk, article_titled(desk, "minister"))[1], Tag.CLAIM, "true")
    finally:
        desk.close()
    desk = open_as(ana, "Ana")
    try:
        link = desk.sources.links(_first(desk))[0]
        desk.sources.unlink_source(link.id, link.sentence_id)
        desk.merge.merge(edith)
        assert _urls(desk) == []
        desk.undo()
        assert _urls(desk) == []
        desk.redo()
        assert _urls(desk) == []
        desk.undo()
        desk.merge.merge(edith)  # merged again after the undo
        assert _urls(desk) == []
        desk.undo()
        desk.undo()  # and her unlink undone: the source is hers again
        assert _urls(desk) == [REPORT]
    finally:
        desk.close()


def test_a_third_desk_that_merged_her_unlink_does_not_bring_it_back(
    both: tuple[Path, Path], tmp_path: Path
) -> None:
    """Ben merged Edith's file (link and all), then Ana's after the unlink (a merge adds,
    it never takes a link away, so Ben keeps it): his file knows her unlink, and brings
    nothing of his own to the link."""
    ana, edith = both
    ben = tmp_path / "ben.fcdesk"
    _merge(ben, "Ben", edith)
    _unlink(ana, "Ana")
    _merge(ben, "Ben", ana)
    desk = open_as(ana, "Ana")
    try:
        desk.merge.merge(ben)
        assert _urls(desk) == []
        desk.merge.merge(edith)
        assert _urls(desk) == []
    finally:
        desk.close()


def test_her_colleagues_later_edit_of_the_link_brings_it_back(both: tuple[Path, Path]) -> None:
    """Edith changed the link's excerpt after her copy was made: that is work Ana never
    saw, kept rather than lost, as a merge keeps a colleague's review."""
    ana, edith = both
    desk = open_as(edith, "Edith")
    try:
        link = next(link for link in desk.sources.links(_first(desk)))
        fields = NewSource(
            REPORT, title="Annual report", excerpt="Table 2: 4.1 percent", stance=Stance.SUPPORTS
        )
        assert desk.sources.edit_link(link.id, link.sentence_id, fields)
    finally:
        desk.close()
    _unlink(ana, "Ana")
    desk = open_as(ana, "Ana")
    try:
        assert desk.merge.merge(edith).links_added == 1
        assert _urls(desk) == [REPORT]
    finally:
        desk.close()


def test_a_link_she_made_again_after_a_colleague_removed_it_comes(tmp_path: Path) -> None:
    """The other way round: Edith unlinked, then linked the report again; Ana, who never
    had it removed, already has it and Edith's link is one link; and a sentence Ana never
    linked gets Edith's link, as before."""
    ana, edith = tmp_path / "ana.fcdesk", tmp_path / "edith.fcdesk"
    desk = open_as(ana, "Ana")
    try:
        desk.importer.import_text(SHARED, source_name="shared.txt")
    finally:
        desk.close()
    _merge(edith, "Edith", ana)
    desk = open_as(edith, "Edith")
    try:
        desk.sources.link_source(_first(desk), NewSource(REPORT, title="Annual report"))
    finally:
        desk.close()
    desk = open_as(ana, "Ana")
    try:
        assert desk.merge.merge(edith).links_added == 1
        assert _urls(desk) == [REPORT]
    finally:
        desk.close()
