"""Two workspaces reviewed by two names, for the merge tests (issue 16): Alice's and
Bob's. Both imported the shared article; each has articles of their own."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource

SHARED = (
    "The minister said unemployment fell to 4 percent last year. "
    "She added that wages rose by 10 percent. "
    "The opposition denied that any jobs were created. "
    "Official figures were published in March. "
    "Economists expect growth to slow next year.\n\n"
    "The report was written by the statistics office."
)
ALICE_ONLY = "The mayor claimed the new bridge cost 3 million euros. It opened in May."
BOB_ONLY = "The senator said crime doubled in ten years. Police data show a fall of 12 percent."
BOB_ALSO = "A spokesman said the factory will close. Workers were told on Monday."
SHARED_URL = "https://stats.example/unemployment"
BOB_URL = "https://police.example/figures"


def open_as(path: Path, reviewer: str) -> Desk:
    """A desk whose edits are recorded as `reviewer`'s."""
    desk = Desk.open(path, backup=False)
    desk.reviewer = desk.edits.actor = reviewer
    return desk


def article_titled(desk: Desk, word: str) -> int:
    """The id of the article whose title has `word` ("minister": the shared one, "mayor":
    Alice's own)."""
    return next(a.id for a in desk.articles.list_articles() if word in a.title.lower())


def sentence_ids(desk: Desk, article_id: int) -> list[int]:
    return [row.sentence.id for row in desk.reviews.sentence_rows(article_id)]


def review(desk: Desk, sentence_id: int, tag: Tag, verdict: str | None = None) -> None:
    desk.reviews.set_tag(sentence_id, tag)
    if verdict is not None:
        desk.reviews.set_verdict(sentence_id, verdict)


def make_sentence_alice_lacks(alice: Path, bob: Path) -> int:
    """Alice's workspace at `alice` with the shared article, copied to Bob's at `bob`,
    where he tags its fourth sentence a fact; then that sentence's row taken out of
    Alice's (a workspace an older tool wrote, a row missing), so merging Bob's file
    adds it. Returns the shared article."""
    desk = open_as(alice, "Alice")
    try:
        shared = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        gone = sentence_ids(desk, shared)[3]
    finally:
        desk.close()
    shutil.copy(alice, bob)
    colleague = open_as(bob, "Bob")
    try:
        review(colleague, gone, Tag.FACT)
    finally:
        colleague.close()
    connection = sqlite3.connect(alice)
    with connection:
        connection.execute("DELETE FROM sentences WHERE id = ?", [gone])
    connection.close()
    return shared


def make_alice(path: Path) -> None:
    desk = open_as(path, "Alice")
    try:
        shared = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        own = desk.importer.import_text(ALICE_ONLY, source_name="alice.txt").article_id
        s = sentence_ids(desk, shared)
        review(desk, s[0], Tag.CLAIM, "false")  # Bob agrees
        review(desk, s[1], Tag.CLAIM, "true")  # Bob disagrees
        desk.reviews.set_text_field(s[1], "explanation", "Wages rose 3 percent.")
        review(desk, s[2], Tag.DENIAL)
        desk.reviews.set_denies(s[2], s[0])
        desk.sources.link_source(s[0], NewSource(SHARED_URL, title="Labour statistics"))
        review(desk, sentence_ids(desk, own)[0], Tag.CLAIM, "mostly_true")
    finally:
        desk.close()


def make_bob(path: Path) -> None:
    desk = open_as(path, "Bob")
    try:
        shared = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        own = desk.importer.import_text(BOB_ONLY, source_name="bob.txt").article_id
        also = desk.importer.import_text(BOB_ALSO, source_name="bob2.txt").article_id
        s = sentence_ids(desk, shared)
        review(desk, s[0], Tag.CLAIM, "false")
        review(desk, s[1], Tag.CLAIM, "false")
        review(desk, s[3], Tag.FACT)  # only Bob
        mine = sentence_ids(desk, own)
        review(desk, mine[0], Tag.CLAIM, "false")
        desk.sources.link_source(mine[0], NewSource(SHARED_URL, title="Labour statistics"))
        desk.sources.link_source(mine[0], NewSource(BOB_URL, title="Police data"))
        review(desk, sentence_ids(desk, also)[0], Tag.CLAIM)
    finally:
        desk.close()


# Three articles both reviewers imported, in this order: Alice and Bob disagree on the
# bridge's first sentence and the school's second and third (three conflicts once Bob's
# file is merged into Alice's, in two articles), and agree on the port's first.
BRIDGE = "The mayor said the bridge cost 3 million euros. It opened in May. Traffic doubled."
PORT = "The port handled a record 9 million tonnes. Its director retired. A new one starts."
SCHOOL = "The minister said 40 schools were built. Teachers got a raise. Classes are smaller."
THREE_ARTICLES = ((BRIDGE, "bridge.txt"), (PORT, "port.txt"), (SCHOOL, "school.txt"))
# (a word of the article's title, sentence number): (Alice's verdict, Bob's verdict).
THREE_VERDICTS = {
    ("bridge", 0): ("true", "false"),
    ("port", 0): ("true", "true"),
    ("school", 1): ("mixed", "false"),
    ("school", 2): ("true", "mostly_false"),
}


def make_three_articles(
    path: Path, reviewer: str, side: int, explanations: dict[tuple[str, int], str] | None = None
) -> None:
    """`reviewer`'s workspace of THREE_ARTICLES, reviewed as THREE_VERDICTS' `side` (0:
    Alice's verdicts, 1: Bob's), with any `explanations` typed."""
    desk = open_as(path, reviewer)
    try:
        for text, name in THREE_ARTICLES:
            desk.importer.import_text(text, source_name=name)
        for (word, number), verdicts in THREE_VERDICTS.items():
            sentence = sentence_ids(desk, article_titled(desk, word))[number]
            review(desk, sentence, Tag.CLAIM, verdicts[side])
        for (word, number), text in (explanations or {}).items():
            sentence = sentence_ids(desk, article_titled(desk, word))[number]
            desk.reviews.set_text_field(sentence, "explanation", text)
    finally:
        desk.close()


def three_conflicts(desk: Desk) -> list[tuple[int, int]]:
    """(article, sentence) of the three conflicts of THREE_ARTICLES merged, in order."""
    bridge, school = article_titled(desk, "bridge"), article_titled(desk, "school")
    return [
        (bridge, sentence_ids(desk, bridge)[0]),
        (school, sentence_ids(desk, school)[1]),
        (school, sentence_ids(desk, school)[2]),
    ]


def make_approved_then_rewritten(folder: Path) -> tuple[Path, Path]:
    """ana.fcdesk, whose first two checks Ana rewrote after handing a copy to Edith, and
    edith.fcdesk, that copy with the two checks (and a third, unchanged) approved."""
    ana, edith = folder / "ana.fcdesk", folder / "edith.fcdesk"
    desk = open_as(ana, "Ana Ruiz")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        for sentence_id in sentence_ids(desk, article)[:3]:
            review(desk, sentence_id, Tag.CLAIM, "false")
            desk.reviews.set_text_field(sentence_id, "explanation", "The office says so.")
    finally:
        desk.close()
    shutil.copyfile(ana, edith)
    desk = open_as(edith, "Edith Park")
    try:
        for sentence_id in sentence_ids(desk, article)[:3]:
            desk.sign_offs.approve(sentence_id)
    finally:
        desk.close()
    desk = open_as(ana, "Ana Ruiz")
    try:
        first, second = sentence_ids(desk, article)[:2]
        desk.reviews.set_verdict(first, "true")  # Ana changed her mind
        desk.reviews.set_text_field(second, "explanation", "The March figures say so.")
    finally:
        desk.close()
    return ana, edith


# Merging Bob's workspace into Alice's.
EXPECTED = {
    "articles_added": 2,
    "articles_matched": 1,
    "sentences_agreed": 1,
    "sentences_conflicting": 1,
    "reviews_added": 5,  # on the shared article 3 of Bob's (s0, s1, s3); 2 on his own
    "sources_added": 1,  # the police data: the statistics page is the same URL
    "sources_updated": 0,  # both linked it as they found it: nobody corrected it
    "links_updated": 0,
    "approvals_not_taken": 0,
    "approvals_withdrawn": 0,
}
NOTHING_NEW = {
    "articles_added": 0,
    "articles_matched": 3,
    "sentences_agreed": 0,
    "sentences_conflicting": 0,
    "reviews_added": 0,
    "sources_added": 0,
    "sources_updated": 0,
    "links_updated": 0,
    "approvals_not_taken": 0,
    "approvals_withdrawn": 0,
}


def dump(desk: Desk) -> dict[str, list[Any]]:
    """Everything a merge may change, except the history (which only grows)."""
    db = desk.workspace.db
    queries = {
        "articles": "SELECT id, content_hash, title, source_name FROM articles ORDER BY id",
        "sentences": 'SELECT id, article_id, start, "end", paragraph FROM sentences ORDER BY id',
        "reviews": "SELECT * FROM reviews ORDER BY sentence_id",
        "versions": "SELECT * FROM review_versions ORDER BY sentence_id, reviewer",
        "sign_offs": "SELECT * FROM sign_offs ORDER BY sentence_id",
        "sources": "SELECT id, url, title FROM sources ORDER BY id",
        "links": "SELECT id, sentence_id, source_id, stance, excerpt, reviewer"
        " FROM sentence_sources ORDER BY id",
    }
    return {name: db.execute(query).fetchall() for name, query in queries.items()}
