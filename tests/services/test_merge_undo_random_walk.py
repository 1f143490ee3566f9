"""The window's own edits after a merge never refuse the merge's undo or redo
(File → Merge Workspace…, one step): whatever the reviewer did since, undone first as
the stack goes, leaves what the merge wrote exactly as it left it, so its check for
another program's change (`MergeEdit._refuse_changed`) finds nothing. A refusal there is
for good (the merge can no longer be undone), so a false one is work the reviewer
cannot take back. Random walks of every kind of edit the window makes on what the merge
brought: tags, verdicts, typed text, sources linked, removed and corrected, approvals
and returns, conflicts decided, sentences joined and split, an article re-split, removed
or given a title, another file merged, an article imported beside; each walk goes down
through the merge and back up twice."""

from __future__ import annotations

import contextlib
import dataclasses
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.models import Status, Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.services.merge_fixtures import dump, make_alice, make_bob, open_as, sentence_ids

URLS = ("https://police.example/figures", "https://stats.example/unemployment")


def _all_sentences(desk: Desk) -> list[int]:
    return [s for a in desk.articles.list_articles() for s in sentence_ids(desk, a.id)]


def _split_point(desk: Desk, sentence_id: int) -> int:
    """After a space near the middle of the sentence (its end when it has none)."""
    article = desk.reviews.article_of(sentence_id) or 0
    text = desk.articles.article_text(article)
    row = next(r for r in desk.reviews.sentence_rows(article) if r.sentence.id == sentence_id)
    at = text.find(" ", (row.sentence.start + row.sentence.end) // 2, row.sentence.end)
    return at + 1 if at >= 0 else row.sentence.end


def _edits(desk: Desk, carol: Path, rnd: random.Random) -> list[Callable[[int], object]]:
    """One of each edit the window makes, on a sentence."""
    everyone = _all_sentences(desk)

    def article(s: int) -> int:
        return desk.reviews.article_of(s) or 0

    def first_link(s: int) -> int:
        links = desk.sources.links(s)
        if not links:
            raise FactcheckError("no link")
        return links[0].id

    def retitle(s: int) -> object:
        metadata = desk.articles.article_metadata(article(s))
        title = f"Title {rnd.randrange(99)}"
        return desk.articles.update_article_metadata(
            article(s), dataclasses.replace(metadata, title=title)
        )

    def decide(s: int) -> object:
        if desk.reviews.review(s).status is not Status.CONFLICT:
            raise FactcheckError("no conflict")
        versions = desk.merge.versions(s)
        if not versions:
            raise FactcheckError("no versions")
        return desk.reviews.decide(s, rnd.choice(versions))

    def edit_link(s: int) -> object:
        link = next(x for x in desk.sources.links(s) if x.id == first_link(s))
        new = NewSource(link.source.url, title=f"Corrected {rnd.randrange(9)}")
        return desk.sources.edit_link(link.id, s, new)

    return [
        lambda s: desk.reviews.set_tag(s, rnd.choice([Tag.CLAIM, Tag.FACT, Tag.DENIAL, None])),
        lambda s: desk.reviews.set_verdict(s, rnd.choice(["true", "false", None])),
        lambda s: desk.reviews.set_text_field(s, "explanation", rnd.choice(["", "Per police."])),
        lambda s: desk.reviews.set_status(s, rnd.choice(list(Status))),
        lambda s: desk.reviews.set_denies(s, rnd.choice(everyone)),
        lambda s: desk.reviews.copy_verdict(s, rnd.choice(everyone)),
        lambda s: desk.sources.link_source(s, NewSource(rnd.choice(URLS), title="Figures")),
        lambda s: desk.sources.unlink_source(first_link(s), s),
        edit_link,
        lambda s: desk.sources.reuse_sources(s, rnd.choice(everyone)),
        lambda s: desk.sign_offs.approve(s),
        lambda s: desk.sign_offs.send_back(s, "Look again"),
        decide,
        lambda s: desk.boundaries.merge_with_next(s),
        lambda s: desk.boundaries.split_sentence(s, _split_point(desk, s)),
        lambda s: desk.boundaries.resplit_article(article(s)),
        lambda s: desk.articles.remove_article(article(s)),
        retitle,
        lambda s: desk.merge.merge(carol),
        lambda s: desk.importer.import_text(
            f"A new report counts {rnd.randrange(999)} cases. Nobody agreed.",
            source_name="beside.txt",
        ),
    ]


def _walk(tmp_path: Path, seed: int, steps: int) -> None:
    rnd = random.Random(seed)
    alice, bob, carol = (tmp_path / f"{n}.fcdesk" for n in ("alice", "bob", "carol"))
    make_alice(alice)
    make_bob(bob)
    make_alice(carol)  # another workspace with the same texts: a second merge
    desk = open_as(alice, rnd.choice(["Alice", "Edith Park"]))  # a checker or an editor
    try:
        desk.merge.merge(bob)
        merge_step = len(desk.edits.undo_steps)
        for _ in range(steps):
            edits = _edits(desk, carol, rnd)
            # Refused in words (nothing to decide, her own verdict…): no step.
            with contextlib.suppress(FactcheckError, StopIteration):
                rnd.choice(edits)(rnd.choice(_all_sentences(desk)))
            if rnd.random() < 0.15 and len(desk.edits.undo_steps) > merge_step:
                desk.undo()
                if rnd.random() < 0.5:
                    desk.redo()
        for _ in range(2):
            while len(desk.edits.undo_steps) > merge_step:
                desk.undo()
            merged = dump(desk)
            desk.undo()  # the merge: never refused
            desk.redo()
            assert dump(desk) == merged
            while desk.edits.redo_steps:
                desk.redo()
    finally:
        desk.close()


@pytest.mark.parametrize("seed", range(3))
def test_the_windows_own_edits_never_refuse_a_merges_undo(tmp_path: Path, seed: int) -> None:
    _walk(tmp_path, seed, 20)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(24, 36))  # 32 found dcbd218b's fault
def test_the_windows_own_edits_never_refuse_a_merges_undo_long(tmp_path: Path, seed: int) -> None:
    _walk(tmp_path, seed, 40)
