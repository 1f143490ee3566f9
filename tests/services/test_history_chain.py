"""The permanent, hash-chained history (issue 16): every edit, undo and redo is an entry
chained to the one before in the edit's own transaction; `verify` (the command, the
service and Check Workspace) names the first entry changed, deleted or reordered outside
the desk, and finds nothing in an untouched history of 1,000 random edits."""

from __future__ import annotations

import dataclasses
import itertools
import json
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.models import DEFAULT_SCALE, Status, Tag
from factcheck_app.services.desk import Desk, NewSource
from tests.conftest import SEED_FILE


def edited_workspace(path: Path, reviewer: str = "Ana Ruiz") -> Path:
    desk = Desk.open(path, backup=False, reviewer=reviewer)
    try:
        desk.importer.import_file(SEED_FILE)
        ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
        desk.reviews.set_tag(ids[0], Tag.CLAIM)
        desk.reviews.set_verdict(ids[0], "false")
        desk.reviews.set_text_field(ids[0], "claimant", "Baku")
        desk.sources.link_source(ids[0], NewSource("https://example.org/report"))
        desk.undo()
        desk.redo()
        desk.reviews.set_tag(ids[1], Tag.FACT)
        desk.boundaries.merge_with_next(ids[2])
        desk.reviews.set_status(ids[1], Status.SECOND_LOOK)
    finally:
        desk.close()
    return path


def tampered(path: Path, tmp_path: Path, *statements: str) -> Path:
    """A copy of the closed workspace with `statements` run on it by another tool."""
    copy = tmp_path / f"tampered-{len(list(tmp_path.iterdir()))}.fcdesk"
    shutil.copy(path, copy)
    conn = sqlite3.connect(copy)
    with conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()
    return copy


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return edited_workspace(tmp_path_factory.mktemp("history") / "edited.fcdesk")


def verify(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = run(["verify", "-w", str(path)])
    out = capsys.readouterr()
    return status, out.out + out.err


def test_an_untouched_workspace_verifies(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, text = verify(workspace, capsys)
    assert status == 0 and "every hash matches" in text and "9 entries" in text


def entries(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT id, action, description, prev_hash, hash FROM history ORDER BY id"
    ).fetchall()
    conn.close()
    return rows


def test_each_entry_is_chained_to_the_one_before(workspace: Path) -> None:
    rows = entries(workspace)
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0][3] == "0" * 64
    assert all(later[3] == earlier[4] for earlier, later in itertools.pairwise(rows))
    actions = [r[1] for r in rows]
    assert actions.count("undo") == 1 and actions.count("redo") == 1


@pytest.mark.parametrize(
    ("statements", "seq", "words"),
    [
        (['UPDATE history SET new = \'{"tag":"fact"}\' WHERE id = 3'], 3, "changed"),
        (["UPDATE history SET actor = 'Someone Else' WHERE id = 2"], 2, "changed"),
        (["UPDATE history SET description = 'Tag as Fact' WHERE id = 2"], 2, "changed"),
        (["UPDATE history SET origin = 'abc' WHERE id = 4"], 4, "changed"),
        (["UPDATE history SET entity_id = 99 WHERE id = 4"], 4, "changed"),
        (["UPDATE history SET sentence_id = 99 WHERE id = 4"], 4, "changed"),
        (["UPDATE history SET at = '2020-01-01T00:00:00+00:00' WHERE id = 5"], 5, "changed"),
        (["DELETE FROM history WHERE id = 6"], 6, "missing"),
        (
            ["DELETE FROM history WHERE id = (SELECT max(id) FROM history)"],
            9,
            "entry 9 at the end of the history was deleted",
        ),
        # The whole history and the record of its last entry: the reviews it recorded stay.
        (["DELETE FROM history", "DELETE FROM settings WHERE key = 'history.head'"], 1, "deleted"),
        (
            # Swap the contents of entries 4 and 5, keeping their numbers.
            [
                "UPDATE history SET id = -4 WHERE id = 4",
                "UPDATE history SET id = 4 WHERE id = 5",
                "UPDATE history SET id = 5 WHERE id = -4",
            ],
            4,
            "reordered",
        ),
    ],
)
def test_a_tampered_copy_names_the_first_bad_entry(
    workspace: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    statements: list[str],
    seq: int,
    words: str,
) -> None:
    copy = tampered(workspace, tmp_path, *statements)
    before = copy.read_bytes()
    status, text = verify(copy, capsys)
    assert status == 1
    assert f"entry {seq}" in text and words in text, text
    assert copy.read_bytes() == before  # verify reads only
    desk = Desk.open(copy, read_only=True)
    try:
        result = desk.history.verify()
        report = desk.upkeep.check()
    finally:
        desk.close()
    assert result.problem is not None and result.problem.seq == seq
    assert not report.ok and any("does NOT verify" in line for line in report.lines)


def test_check_workspace_says_the_history_verifies(workspace: Path) -> None:
    desk = Desk.open(workspace, read_only=True)
    try:
        report = desk.upkeep.check()
    finally:
        desk.close()
    assert report.ok and "History: 9 entries, every hash matches." in report.lines


def test_an_edit_after_a_cut_off_end_keeps_the_gap_visible(workspace: Path, tmp_path: Path) -> None:
    copy = tampered(workspace, tmp_path, "DELETE FROM history WHERE id = 9")
    desk = Desk.open(copy, backup=False)
    try:
        desk.reviews.set_tag(desk.reviews.sentence_rows(1)[5].sentence.id, Tag.CLAIM)
        problem = desk.history.verify().problem
    finally:
        desk.close()
    assert problem is not None and problem.seq == 9 and "missing" in problem.reason


def one_edit(desk: Desk, rng: random.Random, sentence: int) -> object:
    """One random edit of `sentence` (or an undo or redo); None when nothing changed."""
    kind = rng.randrange(8)
    if kind == 0:
        return desk.reviews.set_tag(sentence, rng.choice([*Tag, None]))
    if kind == 1:
        return desk.reviews.set_verdict(sentence, rng.choice(DEFAULT_SCALE).key)
    if kind == 2:
        return desk.reviews.set_text_field(sentence, "explanation", f"Note {rng.random()}")
    if kind == 3:
        return desk.reviews.set_status(sentence, rng.choice([Status.DONE, Status.SECOND_LOOK]))
    if kind == 4:
        url = f"https://example.org/{rng.randint(1, 30)}"
        return desk.sources.link_source(sentence, NewSource(url))
    if kind == 5:
        return desk.undo()
    if kind == 6:
        return desk.redo()
    return desk.boundaries.merge_with_next(sentence)


def random_edits(desk: Desk, count: int, seed: int = 16) -> None:
    """`count` random edits through the desk's services, as reviewers would make them."""
    rng = random.Random(seed)
    names = ["Ana Ruiz", "Max Olsen", "Zoë Ngata"]
    done = 0
    while done < count:
        desk.edits.actor = rng.choice(names)
        sentence = rng.choice([r.sentence.id for r in desk.reviews.sentence_rows(1)])
        try:
            if one_edit(desk, rng, sentence) is not None:
                done += 1
        except EditRefused:
            continue


def test_1000_random_edits_through_the_desk_verify(tmp_path: Path) -> None:
    desk = Desk.open(None, reviewer="Ana Ruiz")  # in memory: the chain, not the disk, is tested
    try:
        desk.importer.import_file(SEED_FILE)
        random_edits(desk, 1000)
        result = desk.history.verify()
        assert result.ok, result.summary()
        assert result.entries >= 1000
        assert {e.reviewer for e in desk.repo.history.entries()} >= {"Ana Ruiz", "Max Olsen"}
    finally:
        desk.close()


def test_history_prints_who_what_and_from_what_to_what(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["history", "-w", str(workspace), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [i["seq"] for i in items] == list(range(1, 10))
    verdict = next(i for i in items if i["description"] == "Verdict: False")
    assert verdict["reviewer"] == "Ana Ruiz" and verdict["article_id"] == 1
    assert verdict["changes"] == ["Verdict: none → False", "Status: In progress → Done"]
    undo = next(i for i in items if i["action"] == "undo")
    assert undo["changes"] == ["Source removed: https://example.org/report"]
    assert run(["history", "-w", str(workspace), "--article", "2"]) == 1  # no such article
    assert capsys.readouterr().out == ""
    assert run(["history", "-w", str(workspace)]) == 0
    text = capsys.readouterr().out
    assert "Ana Ruiz\tarticle 1, sentence" in text and "\tTag: none → Claim" in text


def test_entries_merged_from_another_workspace_are_chained_here(tmp_path: Path) -> None:
    from factcheck_app.storage.stores.history import HistoryRow

    path = edited_workspace(tmp_path / "mine.fcdesk")
    desk = Desk.open(path, backup=False)
    try:
        theirs = [
            HistoryRow(
                "2026-12-01T10:00:00+00:00",
                "Max Olsen",
                "do",
                f"Tag as Fact ({n})",
                "review",
                1,
                '{"tag": null}',  # stored and hashed as they wrote it
                '{"tag": "fact"}',
                1,
                1,
                f"{n:064x}",
            )
            for n in (1, 2)
        ]
        with desk.workspace.db.atomic():
            added = desk.repo.history.record_many(theirs)
        assert [e.seq for e in added] == [10, 11] and added[0].prev_hash != added[1].prev_hash
        assert desk.repo.history.entry(10).after == '{"tag": "fact"}'  # type: ignore[union-attr]
        assert desk.repo.history.head().seq == 11  # type: ignore[union-attr]
        desk.reviews.set_tag(2, Tag.CLAIM)
        assert desk.history.verify().ok
    finally:
        desk.close()
    copy = tampered(path, tmp_path, f"UPDATE history SET origin = '{'f' * 64}' WHERE id = 11")
    problem = Desk.open(copy, read_only=True)
    try:
        found = problem.history.verify().problem
    finally:
        problem.close()
    assert found is not None and found.seq == 11


def test_a_sentences_history_can_be_cut_to_its_newest_entries(seeded_desk: Desk) -> None:
    desk = seeded_desk
    first, second = (r.sentence.id for r in desk.reviews.sentence_rows(1)[:2])
    for n in range(5):
        desk.reviews.set_status(first, [Status.DONE, Status.SECOND_LOOK][n % 2])
    desk.boundaries.merge_with_next(first)  # an entry about two sentences, filed under both
    assert len(desk.history.of_sentence(first)) == 6
    assert [i.what for i in desk.history.of_sentence(first, newest=2)] == [
        "Merge sentences",
        "Status: Done",
    ]
    desk.undo()
    assert desk.history.of_sentence(second, newest=1)[0].what == "Undo: Merge sentences"


def test_an_article_given_its_address_is_not_said_to_have_a_source_linked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Article Properties typing the article's URL where there was none read "Source
    linked: https://…" in the history, and the line saying the URL changed was gone."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        article = desk.importer.import_file(SEED_FILE).article_id
        metadata = desk.articles.article_metadata(article)
        desk.articles.update_article_metadata(
            article, dataclasses.replace(metadata, url="https://example.org/ganja", outlet="Times")
        )
    finally:
        desk.close()
    assert run(["history", "-w", str(path), "--json"]) == 0
    [entry] = [i for i in json.loads(capsys.readouterr().out) if i["entity"] == "article"]
    assert entry["changes"] == ["URL: none → https://example.org/ganja", "Outlet: none → Times"]


@pytest.mark.parametrize(
    ("statement", "here", "history_says"),
    [
        ("UPDATE reviews SET rating = 'true' WHERE sentence_id = 2", "verdict True", "no verdict"),
        ("UPDATE reviews SET tag = 'claim' WHERE sentence_id = 2", "tag Claim", "tag Fact"),
        (
            "UPDATE reviews SET status = 'done' WHERE sentence_id = 2",
            "status Done",
            "status Needs second look",
        ),
        ("DELETE FROM reviews WHERE sentence_id = 2", "no tag", "tag Fact"),
    ],
)
def test_a_verdict_changed_outside_the_desk_does_not_verify(
    workspace: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    statement: str,
    here: str,
    history_says: str,
) -> None:
    """A verdict set in another program (DB Browser, sqlite3) leaves the history whole:
    `verify` said "every hash matches" with exit status 0, and Check Workspace all
    well, while the report showed a verdict nobody recorded giving."""
    copy = tampered(workspace, tmp_path, statement)
    status, text = verify(copy, capsys)
    assert status == 1, text
    assert "every hash matches" in text  # the history itself is whole
    assert "not what its history says it last became" in text
    assert "sentence 2 of “" in text and f"here {here}" in text, text
    assert f"says {history_says}" in text, text
    desk = Desk.open(copy, read_only=True)
    try:
        result = desk.history.verify()
        report = desk.upkeep.check()
    finally:
        desk.close()
    assert not result.ok and [u.sentence_id for u in result.unlike] == [2]
    assert not report.ok


def test_a_merge_of_sentences_says_what_it_did_to_the_verdicts(
    seeded_desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    """Merging two reviewed sentences sends the one kept back for a second look, adds the
    other's verdict to its explanation and its sources to its own: its history said only
    "Merge sentences", in the panel and in `factcheck-app history`, so who set a verdict
    back to "Needs second look", and why, could not be read there."""
    desk = seeded_desk
    first, second = (row.sentence.id for row in desk.reviews.sentence_rows(1)[:2])
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.reviews.set_verdict(first, "false")
    desk.reviews.set_tag(second, Tag.FACT)
    desk.sources.link_source(second, NewSource("https://example.org/census"))
    desk.reviews.set_verdict(second, "true")
    desk.boundaries.merge_with_next(first)
    merged = desk.history.of_sentence(first)[0]
    assert merged.what == "Merge sentences"
    assert "Status: Done → Needs second look" in merged.changes
    assert "Source linked: https://example.org/census" in merged.changes
    assert any(
        c.startswith("Explanation: none → [From the merged sentence") for c in merged.changes
    )
    desk.undo()
    undone = desk.history.of_sentence(first)[0]
    assert undone.what == "Undo: Merge sentences"
    assert "Status: Needs second look → Done" in undone.changes
    (entry,) = [item for item in desk.history.entries() if item.what == "Merge sentences"]
    assert f"Sentence {first}: Status: Done → Needs second look" in entry.changes
    assert f"Sentence {second}: no longer a sentence of its own" in entry.changes


def test_the_words_of_a_changed_entry_cannot_rewrite_the_report(
    workspace: Path, tmp_path: Path
) -> None:
    """The entry `verify` names was changed by whoever tampered with it, and its reviewer
    and description were put into Check Workspace's report as stored: a right-to-left
    override drew the rest of the line backwards ("…Bobhash matches eurT :tcidreV…") and
    a line break started a line of the tamperer's own."""
    copy = tampered(
        workspace,
        tmp_path,
        "UPDATE history SET actor = 'Bob' || char(8238) || ' sehctam hsah yreve',"
        " description = 'Verdict: True' || char(10) || 'History: all well' WHERE id = 2",
    )
    desk = Desk.open(copy, read_only=True)
    try:
        report = desk.upkeep.check()
    finally:
        desk.close()
    (line,) = [line for line in report.lines if "does NOT verify" in line]
    assert "\u202e" not in line and "\n" not in line
    assert "Bob" in line and "Verdict: True History: all well" in line
    assert not any(other.startswith("History: all well") for other in report.lines)


def test_a_workspace_whose_verdict_was_changed_in_another_program_says_so_at_the_open(
    workspace: Path, tmp_path: Path
) -> None:
    """Opened, a workspace nobody copied, whose verdict was set in DB Browser, was said to
    be "copied while a desk had it open, in the middle of a save": the editor went
    looking for a copy and a fresh one, not for who changed the verdict."""
    copy = tampered(workspace, tmp_path, "UPDATE reviews SET rating = 'true' WHERE sentence_id = 2")
    for read_only in (False, True):
        desk = Desk.open(copy, read_only=read_only, backup=False)
        try:
            (said,) = [n for n in desk.notices if "two different moments" in n]
        finally:
            desk.close()
        assert "sentence 2 of “" in said
        assert "another program changed" in said and "keep a copy of the file as it is" in said


def test_undo_after_another_program_changed_the_review_writes_no_false_history(
    tmp_path: Path,
) -> None:
    """While the window was open, another program (DB Browser) set the verdict to Mixed.
    Ctrl+Z of the window's own "Verdict: False" then put True back over Mixed and
    recorded "Verdict: False → True": a history that never happened, and the one trace
    of the outside change (verify naming it) wiped by an innocent undo."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        desk.importer.import_file(SEED_FILE)
        sentence = desk.reviews.sentence_rows(1)[0].sentence.id
        desk.reviews.set_verdict(sentence, "true")
        desk.reviews.set_verdict(sentence, "false")
        other = sqlite3.connect(path)
        with other:
            other.execute("UPDATE reviews SET rating = 'mixed' WHERE sentence_id = ?", [sentence])
        other.close()
        before = len(desk.history.entries())
        with pytest.raises(EditRefused, match="changed since by another program"):
            desk.undo()
        assert desk.reviews.review(sentence).verdict == "mixed"  # left as it was
        assert len(desk.history.entries()) == before  # nothing recorded
        assert not desk.history.verify().ok  # still named
    finally:
        desk.close()


def test_text_saved_while_a_merge_is_redone_in_its_worker_is_not_written_over_it(
    tmp_path: Path,
) -> None:
    """Ctrl+Y of a merge runs in a worker on a second connection, and text typed as it
    starts is saved by its timer meanwhile. The save read the review, the worker's redo
    committed (the sentence in conflict), then the save wrote the review it had read,
    with the text, over the conflict. The merge's undo later put back the review from
    before it (the text gone), and Ctrl+Z of the text was refused as "changed since by
    another program": the window's own edits, nobody else's."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False, reviewer="ana")
    try:
        desk.importer.import_file(SEED_FILE)
        sentence = desk.reviews.sentence_rows(1)[2].sentence.id
        backup = desk.upkeep.backup_now("colleague")
        shutil.copyfile(backup, tmp_path / "dora.fcdesk")
        desk.reviews.set_text_field(sentence, "claimant", "Mayor")
        dora = Desk.open(tmp_path / "dora.fcdesk", backup=False, reviewer="dora")
        dora.reviews.set_verdict(sentence, "false")
        dora.close()
        desk.merge.merge(tmp_path / "dora.fcdesk")
        assert desk.reviews.review(sentence).status is Status.CONFLICT
        desk.undo()
        merge = desk.edits.top("redo")
        assert merge is not None
        read = desk.repo.reviews.get_review
        redone: list[object] = []

        def read_then_redo_in_the_worker(sentence_id: int):  # type: ignore[no-untyped-def]
            review = read(sentence_id)
            if not redone:  # the worker's redo commits between the save's read and write
                helper = desk.open_helper()
                try:
                    redone.append(helper.edits.replay(merge, "redo"))
                finally:
                    helper.close()
            return review

        desk.repo.reviews.get_review = read_then_redo_in_the_worker  # type: ignore[method-assign]
        try:
            with pytest.raises(EditRefused, match="disagree"):  # as if typed after it
                desk.reviews.set_text_field(sentence, "explanation", "typed meanwhile")
        finally:
            del desk.repo.reviews.get_review
        desk.edits.settle("redo", redone[0], merge)  # the window, once the worker is done
        assert desk.reviews.review(sentence).status is Status.CONFLICT
        while desk.edits.undo_steps:
            desk.undo()  # never refused: every step is the window's own
        assert desk.reviews.review(sentence).claimant == ""
        assert desk.history.verify().ok
    finally:
        desk.close()


def _signed_off_workspace(path: Path) -> tuple[Path, int]:
    """A verdict given by Ana, a source linked to it, then approved by the editor Zoe:
    the sentence's newest entries are a link's and a sign-off's, not a review edit's."""
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        desk.importer.import_file(SEED_FILE)
        sentence = desk.reviews.sentence_rows(1)[0].sentence.id
        desk.reviews.set_tag(sentence, Tag.CLAIM)
        desk.reviews.set_verdict(sentence, "false")
        desk.reviews.set_text_field(sentence, "explanation", "Census 2019.")
        desk.reviews.set_status(sentence, Status.DONE)
        desk.sources.link_source(sentence, NewSource("https://example.org/census"))
    finally:
        desk.close()
    desk = Desk.open(path, backup=False, reviewer="Zoe Editor")
    try:
        desk.sign_offs.approve(sentence)
    finally:
        desk.close()
    return path, sentence


@pytest.mark.parametrize("last", ["sign-off", "link"])
def test_a_review_changed_outside_after_a_sign_off_or_link_does_not_verify(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], last: str
) -> None:
    """A review was judged only when its sentence's newest entry was a review edit: after
    a sign-off or a source linked, an explanation rewritten in DB Browser was hidden,
    and `verify` said "every hash matches" with exit status 0 (Check Workspace: all
    well), on the very verdicts an editor had approved."""
    path, sentence = _signed_off_workspace(tmp_path / "w.fcdesk")
    if last == "link":
        desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
        try:
            desk.sources.link_source(sentence, NewSource("https://example.org/second"))
        finally:
            desk.close()
    copy = tampered(
        path,
        tmp_path,
        f"UPDATE reviews SET explanation = 'Made up.' WHERE sentence_id = {sentence}",
    )
    status, text = verify(copy, capsys)
    assert status == 1, text
    assert "not what its history says it last became" in text, text
    assert "explanation “Made up.”" in text and "says explanation “Census 2019.”" in text, text
    desk = Desk.open(copy, read_only=True)
    try:
        report = desk.upkeep.check()
    finally:
        desk.close()
    assert not report.ok
    assert any("explanation “Made up.”" in line for line in report.lines), report.lines
    # The untouched workspace still verifies: a link or sign-off is no outside change.
    status, text = verify(path, capsys)
    assert status == 0, text


def test_a_review_changed_outside_after_a_merge_does_not_verify(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A merge of a colleague's workspace was taken to change any review without saying
    how: after one, every review edited before it went unjudged, and an explanation
    rewritten in DB Browser was "every hash matches" (exit status 0). The merge says
    what each review it changes became (its "Merge from …" entries), and the
    colleague's entries it copies change nothing here: reviews it did not touch, and
    those it did, are still judged; the merged workspace itself verifies."""
    ana, bob = tmp_path / "ana.fcdesk", tmp_path / "bob.fcdesk"
    desk = Desk.open(ana, backup=False, reviewer="Ana")
    try:
        article = desk.importer.import_text("One claim here. Another claim there. A third.")
        first, second, third = (
            r.sentence.id for r in desk.reviews.sentence_rows(article.article_id)
        )
    finally:
        desk.close()
    shutil.copy(ana, bob)
    desk = Desk.open(ana, backup=False, reviewer="Ana")
    try:
        desk.reviews.set_tag(first, Tag.CLAIM)
        desk.reviews.set_text_field(first, "explanation", "Ana's reading.")
    finally:
        desk.close()
    desk = Desk.open(bob, backup=False, reviewer="Bob")
    try:
        desk.reviews.set_tag(third, Tag.FACT)
        desk.reviews.set_text_field(third, "explanation", "Bob's reading.")
    finally:
        desk.close()
    desk = Desk.open(ana, backup=False, reviewer="Ana")
    try:
        desk.merge.merge(bob)
    finally:
        desk.close()
    status, text = verify(ana, capsys)
    assert status == 0, text
    for sentence, was in ((first, "Ana's reading."), (third, "Bob's reading.")):
        copy = tampered(
            ana,
            tmp_path,
            f"UPDATE reviews SET explanation = 'Forged.' WHERE sentence_id = {sentence}",
        )
        status, text = verify(copy, capsys)
        assert status == 1, text
        assert "explanation “Forged.”" in text and f"says explanation “{was}”" in text, text
    assert second  # untouched by both


class _TooLong(Exception):
    """The review pass still reading long after a small workspace's reviews were read."""


def test_a_sentence_numbered_far_above_the_others_does_not_stall_verify(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The review pass read the sentences a range of 4,096 numbers at a time from the
    lowest sentence number to the highest, empty ranges too: one sentence renumbered
    2**52 in another program (or a desk giving numbers above one a hand-edited history
    entry names) made 2**40 ranges, and `verify` and Check Workspace never finished
    on a workspace of a dozen sentences. The ranges are of the sentences there."""
    from factcheck_app.services.history import History

    copy = tampered(
        workspace,
        tmp_path,
        "UPDATE sentences SET id = 4503599627370496 WHERE id = (SELECT max(id) FROM sentences"
        " WHERE id NOT IN (SELECT sentence_id FROM reviews)"
        " AND id NOT IN (SELECT sentence_id FROM sentence_sources))",
    )
    told: list[tuple[int, int]] = []

    def step(done: int, steps: int) -> None:
        told.append((done, steps))
        if len(told) > 100:
            raise _TooLong

    desk = Desk.open(copy, read_only=True)
    try:
        found = History(desk.repo).verify(reviews=step)
    finally:
        desk.close()
    assert told[-1] == (1, 1), told[:3]  # a dozen sentences: one range
    assert not found.unlike


@pytest.mark.parametrize("undone", [False, True])
def test_a_review_changed_outside_after_its_sources_were_reused_does_not_verify(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], undone: bool
) -> None:
    """Reuse Sources of an earlier verdict links them in one step (one entry of several
    links): the review was left unjudged after it, where a source linked alone is passed
    over, so an explanation rewritten in DB Browser was "every hash matches" (exit 0).
    Its undo too; the untouched workspace still verifies."""
    path, sentence = _signed_off_workspace(tmp_path / "w.fcdesk")
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        rows = desk.reviews.sentence_rows(1)
        later = rows[1].sentence.id
        desk.reviews.set_tag(later, Tag.CLAIM)
        desk.reviews.set_verdict(later, "false")
        desk.reviews.set_text_field(later, "explanation", "Same census.")
        desk.sources.link_source(sentence, NewSource("https://example.org/second"))
        assert desk.sources.reuse_sources(later, sentence) is not None
        assert len(desk.sources.links(later)) == 2
        if undone:
            desk.undo()
            assert not desk.sources.links(later)
    finally:
        desk.close()
    status, text = verify(path, capsys)
    assert status == 0, text
    copy = tampered(
        path, tmp_path, f"UPDATE reviews SET explanation = 'Made up.' WHERE sentence_id = {later}"
    )
    status, text = verify(copy, capsys)
    assert status == 1, text
    assert "explanation “Made up.”" in text and "says explanation “Same census.”" in text, text


def test_a_step_of_several_edits_that_names_a_review_still_leaves_it_unjudged(
    tmp_path: Path,
) -> None:
    """Only a step of link edits alone is passed over: one naming a review field (a
    compound of a review edit and a link, as a later desk may make) may have changed the
    review, so an older review edit does not judge it (a false "changed outside")."""
    from factcheck_app.storage.two_moments import reviews_unlike_history

    path, sentence = _signed_off_workspace(tmp_path / "w.fcdesk")
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        repo = desk.repo
        with repo.db.atomic():
            repo.db.execute(
                "UPDATE reviews SET explanation = 'Both.' WHERE sentence_id = ?", [sentence]
            )
            repo.history.record_history(
                actor="Ana Ruiz",
                action="do",
                description="Edit",
                entity="compound",
                entity_id=None,
                old=[{"sentence_id": sentence, "explanation": "Census 2019."}, None],
                new=[
                    {"sentence_id": sentence, "explanation": "Both."},
                    {"sentence_id": sentence, "source_id": 9, "url": "https://example.org/x"},
                ],
                article_id=1,
                sentence_id=sentence,
            )
        assert reviews_unlike_history(repo.db) == []
    finally:
        desk.close()
