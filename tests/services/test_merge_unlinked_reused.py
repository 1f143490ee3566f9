"""A link a colleague made since her copy, by any means, is her work and comes in a
merge, even where this desk once linked the same source there and removed it.

Ana linked the statistics office's report to the second sentence, then removed it.
Edith got her file after that (copied), linked the report to the first sentence and
then, with Reuse Sources, to the second too, with the first's excerpt: one undo step
("Reuse 1 source of an earlier verdict"), written in her history as one `compound`
entry, not a `source_link` one. The removed-link rule (`unlinked_here`) read only
`source_link` entries: it found only Ana's own two entries of that link on Edith's
side, took Edith's link for Ana's old one and left it out, unsaid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck_app.domain.models import Tag
from factcheck_app.services.boundaries import SplitPart
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.services.merge_fixtures import SHARED, article_titled, open_as, review, sentence_ids

REPORT = "https://example.org/report"


def _ids(desk: Desk) -> list[int]:
    return sentence_ids(desk, article_titled(desk, "minister"))


def _urls(desk: Desk, index: int) -> list[str]:
    return [link.source.url for link in desk.sources.links(_ids(desk)[index])]


def test_a_link_she_made_by_reuse_sources_after_the_copy_comes(tmp_path: Path) -> None:
    ana, edith = tmp_path / "ana.fcdesk", tmp_path / "edith.fcdesk"
    desk = open_as(ana, "Ana")
    try:
        desk.importer.import_text(SHARED, source_name="shared.txt")
        second = _ids(desk)[1]
        review(desk, second, Tag.CLAIM, "false")
        desk.sources.link_source(second, NewSource(REPORT, title="Annual report"))
        link = desk.sources.links(second)[0]
        desk.sources.unlink_source(link.id, second)
    finally:
        desk.close()
    shutil.copyfile(ana, edith)
    desk = open_as(edith, "Edith")
    try:
        first, second = _ids(desk)[:2]
        desk.sources.link_source(
            first, NewSource(REPORT, title="Annual report", excerpt="Table 2: 4.1 percent")
        )
        assert desk.sources.reuse_sources(second, first) is not None
        assert _urls(desk, 1) == [REPORT]
    finally:
        desk.close()
    desk = open_as(ana, "Ana")
    try:
        result = desk.merge.merge(edith)
        assert _urls(desk, 0) == [REPORT]
        assert _urls(desk, 1) == [REPORT]  # her reused link, work Ana never saw
        assert result.links_added == 2
    finally:
        desk.close()


def _removed_then(tmp_path: Path, remake: str) -> Desk:
    """Ana's desk, merged with Edith's copy made while the report was linked to the second
    sentence, after Ana removed it there and then joined the first two sentences or split
    the second (a sentence's id changes: the joined one is the first's, a split's head
    part a new one)."""
    ana, edith = tmp_path / "ana.fcdesk", tmp_path / "edith.fcdesk"
    desk = open_as(ana, "Ana")
    try:
        desk.importer.import_text(SHARED, source_name="shared.txt")
        desk.sources.link_source(_ids(desk)[1], NewSource(REPORT, title="Annual report"))
    finally:
        desk.close()
    shutil.copyfile(ana, edith)
    desk = open_as(ana, "Ana")
    first, second = _ids(desk)[:2]
    link = desk.sources.links(second)[0]
    desk.sources.unlink_source(link.id, second)
    if remake == "joined":
        desk.boundaries.merge_with_next(first)
    else:
        start = desk.repo.sentences.get_sentence(second).start
        desk.boundaries.split_sentence(second, start + 10, review_to=SplitPart.SECOND)
    desk.merge.merge(edith)
    return desk


@pytest.mark.parametrize("remake", ["joined", "split"])
def test_a_source_removed_stays_removed_when_the_sentence_is_joined_or_split_since(
    tmp_path: Path, remake: str
) -> None:
    """Her unlink is her later word on that text whatever its sentence's id became: until
    7 December the report came back on the joined sentence, or on the split's new part,
    and the merge said nothing of a link."""
    desk = _removed_then(tmp_path, remake)
    try:
        assert [_urls(desk, index) for index in range(4)] == [[], [], [], []]
    finally:
        desk.close()


def test_a_link_to_a_sentence_here_is_said(tmp_path: Path) -> None:
    """A merge whose news is a source Edith linked to a sentence Ana has said "Merged
    edith.fcdesk: 1 article matched." and nothing of the link: the Sources list changed
    unsaid. (Links of an article added come with it, said as the article.)"""
    ana, edith = tmp_path / "ana.fcdesk", tmp_path / "edith.fcdesk"
    desk = open_as(ana, "Ana")
    try:
        desk.importer.import_text(SHARED, source_name="shared.txt")
    finally:
        desk.close()
    shutil.copyfile(ana, edith)
    desk = open_as(edith, "Edith")
    try:
        desk.sources.link_source(_ids(desk)[0], NewSource(REPORT, title="Annual report"))
    finally:
        desk.close()
    desk = open_as(ana, "Ana")
    try:
        summary = desk.merge.merge(edith).summary()
        assert summary.startswith("Merged edith.fcdesk: 1 article matched; 1 source and 1 link")
        assert "1 source and 1 link added" in summary
    finally:
        desk.close()


def test_a_source_removed_stays_removed_after_a_join_undone(tmp_path: Path) -> None:
    """Ana removed the report from the first sentence, kept it on the second, joined the
    two (the joined sentence has it, from the second) and pressed Ctrl+Z: the first has
    no report again. The join's undo took the report from the first sentence's id without
    a link entry, and the merge of Edith's older copy brought it back there, said as "1
    link added" (until 7 December, since the join was read for the removed-link rule)."""
    ana, edith = tmp_path / "ana.fcdesk", tmp_path / "edith.fcdesk"
    desk = open_as(ana, "Ana")
    try:
        desk.importer.import_text(SHARED, source_name="shared.txt")
        first, second = _ids(desk)[:2]
        desk.sources.link_source(first, NewSource(REPORT, title="Annual report"))
        desk.sources.link_source(second, NewSource(REPORT, title="Annual report"))
    finally:
        desk.close()
    shutil.copyfile(ana, edith)
    desk = open_as(ana, "Ana")
    try:
        (link,) = desk.sources.links(first)
        desk.sources.unlink_source(link.id, first)
        desk.boundaries.merge_with_next(first)
        desk.undo()  # the join
        assert [_urls(desk, index) for index in range(3)] == [[], [REPORT], []]
        result = desk.merge.merge(edith)
        assert [_urls(desk, index) for index in range(3)] == [[], [REPORT], []]
        assert result.links_added == 0
    finally:
        desk.close()
