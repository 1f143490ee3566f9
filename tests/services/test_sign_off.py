"""Sign-off (issue 16): an editor other than the checker approves a verdict or returns it
with a note; self-approval is refused in words; a changed verdict awaits sign-off again;
each step is an undoable edit with its history entry, and reports name checker and
approver."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.merge_rules import combination
from factcheck_app.domain.models import SignOffDecision, Status, Tag
from factcheck_app.domain.sign_off import SignOffState
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports import formats
from factcheck_app.services.reports.model import load_article_report
from factcheck_app.services.reports.summary import render_summary_html, summarize
from factcheck_app.services.reports.text import sign_off_line
from factcheck_app.services.sources import NewSource
from tests.services.merge_fixtures import (
    SHARED,
    article_titled,
    make_alice,
    make_bob,
    open_as,
    review,
    sentence_ids,
)
from tests.zones import in_zone


def act_as(desk: Desk, name: str) -> Desk:
    desk.edits.actor = name
    return desk


def checked(desk: Desk) -> int:
    """Sentence 5 given a verdict by Ana Ruiz."""
    sentence = desk.reviews.sentence_rows(1)[4].sentence.id
    act_as(desk, "Ana Ruiz")
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.reviews.set_verdict(sentence, "false")
    desk.reviews.set_text_field(sentence, "explanation", "The ministry's own figures say not.")
    return sentence


def approved_by_zoe(desk: Desk) -> int:
    """Sentence 5 `checked` by Ana Ruiz, then approved by Zoë Ngata (the actor after it)."""
    sentence = checked(desk)
    act_as(desk, "Zoë Ngata")
    desk.sign_offs.approve(sentence)
    return sentence


def test_approving_your_own_verdict_is_refused_in_words(seeded_desk: Desk) -> None:
    sentence = checked(seeded_desk)
    assert seeded_desk.sign_offs.state(sentence) is SignOffState.AWAITING
    with pytest.raises(EditRefused, match="You gave this verdict, so you cannot approve it"):
        seeded_desk.sign_offs.approve(sentence)
    with pytest.raises(EditRefused, match="cannot return it"):
        seeded_desk.sign_offs.send_back(sentence, "Check the date")
    assert seeded_desk.sign_offs.sign_off(sentence) is None


def test_nothing_to_sign_off_is_refused(seeded_desk: Desk) -> None:
    desk = act_as(seeded_desk, "Zoë Ngata")
    first = desk.reviews.sentence_rows(1)[0].sentence.id
    with pytest.raises(EditRefused, match="no verdict"):
        desk.sign_offs.approve(first)
    sentence = checked(desk)
    act_as(desk, "Max Olsen")
    desk.reviews.set_status(sentence, Status.SECOND_LOOK)
    act_as(desk, "Zoë Ngata")
    # Its status as the Status box names it (the window monkey, seed 2601, answered
    # "this one is needs second look" 7 times).
    with pytest.raises(EditRefused) as refused:
        desk.sign_offs.approve(sentence)
    assert str(refused.value) == (
        "Only a finished review can be signed off: this one's status is “Needs second look”, "
        "not “Done”."
    )
    with desk.workspace.db.atomic():
        desk.repo.reviews.save_review(desk.reviews.review(sentence).edited(status=Status.CONFLICT))
    with pytest.raises(EditRefused, match="Reviewers disagree"):
        desk.sign_offs.approve(sentence)


def test_a_return_needs_a_note(seeded_desk: Desk) -> None:
    sentence = checked(seeded_desk)
    act_as(seeded_desk, "Zoë Ngata")
    with pytest.raises(EditRefused, match="note"):
        seeded_desk.sign_offs.send_back(sentence, "   ")
    # Nothing visible is no note either: a zero-width space, a direction mark, a no-break space.
    with pytest.raises(EditRefused, match="note"):
        seeded_desk.sign_offs.send_back(sentence, "\u200b\u202e\u00a0\u2060\n")
    assert seeded_desk.sign_offs.sign_off(sentence) is None


def test_approval_return_and_re_approval(seeded_desk: Desk) -> None:
    desk = seeded_desk
    sentence = checked(desk)
    act_as(desk, "Zoë Ngata")
    desk.sign_offs.send_back(sentence, "Which year are the figures from?")
    returned = desk.sign_offs.sign_off(sentence)
    assert returned is not None and returned.decision is SignOffDecision.RETURNED
    assert (returned.editor, returned.checker) == ("Zoë Ngata", "Ana Ruiz")
    assert returned.note == "Which year are the figures from?"
    assert desk.sign_offs.state(sentence) is SignOffState.RETURNED
    assert desk.reviews.sentence_rows(1)[4].sign_off == returned
    # The checker answers; the sentence stays returned until an editor approves it.
    act_as(desk, "Ana Ruiz")
    desk.reviews.set_text_field(sentence, "explanation", "The 2024 figures say not.")
    assert desk.sign_offs.state(sentence) is SignOffState.RETURNED
    act_as(desk, "Zoë Ngata")
    desk.sign_offs.approve(sentence)
    assert desk.sign_offs.state(sentence) is SignOffState.APPROVED
    with pytest.raises(EditRefused, match="already"):
        desk.sign_offs.approve(sentence)
    # Undo goes back to the return, redo to the approval.
    desk.undo()
    assert desk.sign_offs.sign_off(sentence) == returned
    desk.redo()
    assert desk.sign_offs.state(sentence) is SignOffState.APPROVED
    history = [item.what for item in desk.history.of_sentence(sentence)]
    assert history[:3] == ["Redo: Approve verdict", "Undo: Approve verdict", "Approve verdict"]
    assert "Return verdict" in history
    changes = {item.what: item.changes for item in desk.history.of_sentence(sentence)}
    assert changes["Approve verdict"] == (
        "Sign-off: Returned by Zoë Ngata: Which year are the figures from? → Approved by Zoë Ngata",
    )


def test_a_changed_verdict_awaits_sign_off_again_and_undo_restores_it(seeded_desk: Desk) -> None:
    desk = seeded_desk
    sentence = approved_by_zoe(desk)
    approved = desk.sign_offs.sign_off(sentence)
    act_as(desk, "Ana Ruiz")
    desk.reviews.set_verdict(sentence, "mostly_false")
    assert desk.sign_offs.sign_off(sentence) is None
    assert desk.sign_offs.state(sentence) is SignOffState.AWAITING
    [latest, *_] = desk.history.of_sentence(sentence)
    assert "Sign-off: Approved by Zoë Ngata → none" in latest.changes
    desk.undo()
    assert desk.sign_offs.sign_off(sentence) == approved
    assert desk.reviews.review(sentence).verdict == "false"


def test_splitting_a_signed_off_sentence_awaits_sign_off_again(seeded_desk: Desk) -> None:
    desk = seeded_desk
    sentence = approved_by_zoe(desk)
    approved = desk.sign_offs.sign_off(sentence)
    span = desk.repo.sentences.get_sentence(sentence)
    desk.boundaries.split_sentence(sentence, span.start + span.text.index(" ", 15))
    assert desk.sign_offs.sign_off(sentence) is None
    desk.undo()
    assert desk.sign_offs.sign_off(sentence) == approved


def test_reports_name_the_checker_and_the_approver(seeded_desk: Desk) -> None:
    desk = seeded_desk
    sentence = approved_by_zoe(desk)
    report = load_article_report(desk, 1)
    entry = next(s for s in report.sentences if s.id == sentence)
    when = desk.sign_offs.sign_off(sentence).at[:10]  # type: ignore[union-attr]
    line = f"Checked by Ana Ruiz, approved by Zoë Ngata on {when}"
    assert sign_off_line(entry) == line
    for name in ("html", "md"):
        rendered = formats.render_article(name, report)
        text = rendered if isinstance(rendered, str) else rendered.decode()
        assert "Checked by Ana Ruiz, approved by Zoë Ngata on" in text, name
    document = formats.render_article("docx", report)
    assert isinstance(document, bytes)
    with zipfile.ZipFile(io.BytesIO(document)) as docx:
        assert (
            "Checked by Ana Ruiz, approved by Zoë Ngata on"
            in docx.read("word/document.xml").decode()
        )
    desk.sign_offs.send_back(sentence, "Source?")
    entry = next(s for s in load_article_report(desk, 1).sentences if s.id == sentence)
    assert sign_off_line(entry).startswith("Checked by Ana Ruiz, returned by Zoë Ngata on ")


def test_reports_are_dated_on_the_day_of_the_desk_that_exports_them(
    seeded_desk: Desk, request: pytest.FixtureRequest
) -> None:
    """Reports were dated by the UTC day: exported at 09:30 on 5 December in Auckland,
    a report said "Report of 4 December 2026" and its approval "on 2026-12-04", while
    the review panel said 5 Dec. The exact time stays in the footer, marked UTC."""
    in_zone(request, "Pacific/Auckland")  # UTC+13 in December
    desk = seeded_desk
    sentence = approved_by_zoe(desk)
    exported = dt.datetime(2026, 12, 4, 20, 30, tzinfo=dt.UTC)
    report = load_article_report(desk, 1, generated_at=exported)
    entry = next(s for s in report.sentences if s.id == sentence)
    assert entry.sign_off is not None
    entry = dataclasses.replace(
        entry, sign_off=dataclasses.replace(entry.sign_off, at="2026-12-04T20:15:00+00:00")
    )
    assert sign_off_line(entry).endswith("approved by Zoë Ngata on 2026-12-05")
    summary = dataclasses.replace(summarize([report]), generated_at=exported)
    for text in (
        str(formats.render_article("html", report)),
        str(formats.render_article("md", report)),
        render_summary_html(summary),
    ):
        assert "Report of 5 December 2026" in text
        assert "2026-12-04 20:30 UTC" in text
    with zipfile.ZipFile(io.BytesIO(formats.render_article("docx", report))) as docx:
        assert "Report of 5 December 2026" in docx.read("word/document.xml").decode()


def test_the_command_line_signs_off_as_the_reviewer_named(
    seeded_desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck_app.cli import run

    desk = seeded_desk
    sentence = checked(desk)
    path = str(desk.path)
    desk.close()
    base = ["sign-off", "-w", path]
    assert run([*base, "approve", "--sentence", str(sentence), "--reviewer", "Ana Ruiz"]) == 1
    assert "You gave this verdict, so you cannot approve it" in capsys.readouterr().err
    assert run([*base, "return", "--article", "1", "--number", "5", "--reviewer", "Zoë"]) == 1
    assert "note" in capsys.readouterr().err
    returned = [*base, "return", "--sentence", str(sentence), "--note", "Which year?"]
    assert run([*returned, "--reviewer", "Zoë Ngata"]) == 0
    assert "checked by Ana Ruiz, returned by Zoë Ngata on" in capsys.readouterr().out
    assert run([*base, "approve", "--article", "1", "--number", "5", "--reviewer", "Zoë"]) == 0
    assert "approved by Zoë on" in capsys.readouterr().out
    assert run([*base, "approve", "--number", "5"]) == 1
    assert "--article" in capsys.readouterr().err
    assert run(["history", "-w", path, "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [e["description"] for e in entries[-2:]] == ["Return verdict", "Approve verdict"]
    assert [e["reviewer"] for e in entries[-2:]] == ["Zoë Ngata", "Zoë"]
    assert run(["verify", "-w", path]) == 0


def test_the_command_line_never_signs_off_a_sentence_of_another_article(
    seeded_desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    """`sign-off approve --article 2 --sentence 5`, meaning the fifth sentence of article
    2, approved sentence id 5, in article 1: --article was passed over without a word."""
    from factcheck_app.cli import run

    desk = seeded_desk
    sentence = checked(desk)  # id 5, in article 1
    other = desk.importer.import_text("The mayor said 12 bridges closed.").article_id
    path = str(desk.path)
    desk.close()
    base = ["sign-off", "-w", path, "approve", "--reviewer", "Zoë Ngata"]
    assert run([*base, "--article", str(other), "--sentence", str(sentence)]) == 1
    assert capsys.readouterr().err == (
        f"factcheck-app: Sentence {sentence} is in article 1, not article {other}: for "
        f"the sentence numbered {sentence} in article {other}, give --number {sentence}.\n"
    )
    reopened = Desk.open(Path(path), read_only=True)
    try:
        assert reopened.sign_offs.sign_off(sentence) is None  # nothing was signed off
    finally:
        reopened.close()
    assert run([*base, "--article", "1", "--sentence", str(sentence)]) == 0  # they agree
    assert "approved by Zoë Ngata on" in capsys.readouterr().out


def test_the_checker_cannot_approve_once_a_colleague_touched_the_explanation(
    seeded_desk: Desk,
) -> None:
    """Ben fixes a typo in Ana's explanation: the decided review is now stamped Ben's, but
    the verdict is still Ana's (her own review gives it), so she may not approve it."""
    desk = seeded_desk
    sentence = checked(desk)
    act_as(desk, "Ben Okafor")
    desk.reviews.set_text_field(sentence, "explanation", "The ministry's own figures say so.")
    act_as(desk, "Ana Ruiz")
    with pytest.raises(EditRefused, match="You gave this verdict, so you cannot approve it"):
        desk.sign_offs.approve(sentence)
    assert desk.sign_offs.sign_off(sentence) is None
    act_as(desk, "Zoë Ngata")
    desk.sign_offs.approve(sentence)
    assert desk.sign_offs.state(sentence) is SignOffState.APPROVED


def test_the_sign_off_names_the_verdicts_author_not_the_colleague_who_fixed_a_typo(
    seeded_desk: Desk,
) -> None:
    """Ben only fixed a typo in Ana's explanation: the approval, the review panel's line and
    the reports say the verdict was checked by Ana, whose verdict it is."""
    desk = seeded_desk
    sentence = checked(desk)
    act_as(desk, "Ben Okafor")
    desk.reviews.set_text_field(sentence, "explanation", "The ministry's own figures say so.")
    act_as(desk, "Zoë Ngata")
    desk.sign_offs.approve(sentence)
    assert desk.sign_offs.sign_off(sentence).checker == "Ana Ruiz"  # type: ignore[union-attr]
    entry = next(s for s in load_article_report(desk, 1).sentences if s.id == sentence)
    assert sign_off_line(entry).startswith("Checked by Ana Ruiz, approved by Zoë Ngata on ")


def test_a_colleagues_verdict_change_undone_leaves_the_verdict_its_authors(
    seeded_desk: Desk,
) -> None:
    """Ben changed Ana's verdict and undid it: the verdict is Ana's again, so she may not
    approve it, and the approval names her as its checker."""
    desk = seeded_desk
    sentence = checked(desk)
    act_as(desk, "Ben Okafor")
    desk.reviews.set_verdict(sentence, "true")
    desk.edits.undo()
    assert desk.reviews.review(sentence).verdict == "false"
    act_as(desk, "Ana Ruiz")
    with pytest.raises(EditRefused, match="You gave this verdict"):
        desk.sign_offs.approve(sentence)
    act_as(desk, "Ben Okafor")
    desk.sign_offs.approve(sentence)
    assert desk.sign_offs.sign_off(sentence).checker == "Ana Ruiz"  # type: ignore[union-attr]


def test_an_editor_who_changed_a_verdict_and_back_then_undid_both_may_approve_it(
    seeded_desk: Desk,
) -> None:
    """Ben changed Ana's "false" to "true" and back to "false", then thought again and
    undid both: the verdict is Ana's, as her review says. The history still held Ben's
    own step to "false" (undone), read as the one that gave the verdict: "You gave this
    verdict, so you cannot approve it yourself" refused Ben for good, and named Ben as
    its checker to everyone else (found by a random walk of edits after a merge)."""
    desk = seeded_desk
    sentence = checked(desk)
    act_as(desk, "Ben Okafor")
    desk.reviews.set_verdict(sentence, "true")
    desk.reviews.set_verdict(sentence, "false")
    desk.undo()
    desk.undo()
    assert desk.reviews.review(sentence).reviewer == "Ana Ruiz"
    assert desk.sign_offs.checker(sentence) == "Ana Ruiz"
    desk.sign_offs.approve(sentence)
    assert desk.sign_offs.sign_off(sentence).checker == "Ana Ruiz"  # type: ignore[union-attr]


def test_an_editor_who_changed_an_approved_verdict_and_back_may_undo_it_all(
    seeded_desk: Desk,
) -> None:
    """Zoë approved Ana's verdict, changed it to "true" and back to "false" (the approval
    went with the first change), then pressed Ctrl+Z three times. The third, her
    approval's undo, was refused for her undone step to "false", and stayed on top:
    every Ctrl+Z hit it, and nothing beneath it (a merge, her other edits) could be
    undone any more."""
    desk = seeded_desk
    sentence = approved_by_zoe(desk)
    desk.reviews.set_verdict(sentence, "true")
    desk.reviews.set_verdict(sentence, "false")
    desk.undo()
    desk.undo()
    assert desk.sign_offs.sign_off(sentence) is not None  # back with Ana's verdict
    desk.undo()  # the approval
    assert desk.sign_offs.sign_off(sentence) is None
    desk.redo()
    assert desk.sign_offs.checker(sentence) == "Ana Ruiz"


@pytest.mark.parametrize(
    "variant",
    [
        "Zoe\u0308 Ngata",  # the same name, decomposed (as macOS keyboards type it)
        "ZOË NGATA",
        "Ｚｏë Ｎｇａｔａ",  # full-width letters
    ],
)
def test_a_variant_of_the_checkers_name_cannot_approve(seeded_desk: Desk, variant: str) -> None:
    desk = seeded_desk
    sentence = desk.reviews.sentence_rows(1)[4].sentence.id
    act_as(desk, "Zoë Ngata")
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.reviews.set_verdict(sentence, "false")
    act_as(desk, variant)
    with pytest.raises(EditRefused, match="You gave this verdict"):
        desk.sign_offs.approve(sentence)


@pytest.mark.parametrize("variant", ["zoë ngata", "Zoe\u0308  Ngata", "ＺＯË ＮＧＡＴＡ"])
def test_the_editor_signing_off_again_under_a_variant_of_her_name_is_told_so(
    seeded_desk: Desk, variant: str
) -> None:
    """Zoë approved in the window, then again from a script as "zoë ngata": the same person
    to the desk (she may not approve her own verdict under either), but the second was
    taken as another editor's approval, rewriting the sign-off's name and time and adding
    a history entry "Approved by Zoë Ngata → Approved by zoë ngata", where the exact name
    is told "You approved this verdict already." The same for a return with the same note."""
    desk = seeded_desk
    sentence = approved_by_zoe(desk)
    approval = desk.sign_offs.sign_off(sentence)
    entries = len(desk.history.of_sentence(sentence))
    act_as(desk, variant)
    with pytest.raises(EditRefused, match="You approved this verdict already"):
        desk.sign_offs.approve(sentence)
    assert desk.sign_offs.sign_off(sentence) == approval
    assert len(desk.history.of_sentence(sentence)) == entries
    act_as(desk, "Zoë Ngata")
    desk.sign_offs.send_back(sentence, "Which year?")
    act_as(desk, variant)
    with pytest.raises(EditRefused, match="You returned this verdict already"):
        desk.sign_offs.send_back(sentence, "Which year?")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("claimant", "The minister"),
        ("explanation", "Rewritten after the approval: nobody approved these words."),
        ("tag", Tag.FACT),
        ("status", Status.SECOND_LOOK),
    ],
)
def test_an_approved_check_changed_after_approval_awaits_sign_off_again(
    seeded_desk: Desk, field: str, value: object
) -> None:
    """An approval vouches for the check the reports publish (verdict, claimant,
    explanation, tag, status): changing any of them after it takes the approval away in
    the same step, and undo brings it back."""
    desk = seeded_desk
    sentence = approved_by_zoe(desk)
    approved = desk.sign_offs.sign_off(sentence)
    act_as(desk, "Ana Ruiz")
    if field == "tag":
        desk.reviews.set_tag(sentence, value)  # type: ignore[arg-type]
    elif field == "status":
        desk.reviews.set_status(sentence, value)  # type: ignore[arg-type]
    else:
        desk.reviews.set_text_field(sentence, field, str(value))
    assert desk.sign_offs.sign_off(sentence) is None
    [latest, *_] = desk.history.of_sentence(sentence)
    assert "Sign-off: Approved by Zoë Ngata → none" in latest.changes
    desk.undo()
    assert desk.sign_offs.sign_off(sentence) == approved
    desk.redo()
    assert desk.sign_offs.sign_off(sentence) is None


def test_a_returned_check_stays_returned_while_its_checker_answers(seeded_desk: Desk) -> None:
    desk = seeded_desk
    sentence = checked(desk)
    act_as(desk, "Zoë Ngata")
    desk.sign_offs.send_back(sentence, "Which year?")
    returned = desk.sign_offs.sign_off(sentence)
    act_as(desk, "Ana Ruiz")
    desk.reviews.set_text_field(sentence, "claimant", "The minister")
    desk.reviews.set_text_field(sentence, "explanation", "The 2024 figures say not.")
    assert desk.sign_offs.sign_off(sentence) == returned


def test_a_source_linked_or_removed_after_approval_awaits_sign_off_again(
    seeded_desk: Desk,
) -> None:
    desk = seeded_desk
    sentence = checked(desk)
    act_as(desk, "Ana Ruiz")
    desk.sources.link_source(sentence, NewSource("https://example.org/figures"))
    act_as(desk, "Zoë Ngata")
    desk.sign_offs.approve(sentence)
    approved = desk.sign_offs.sign_off(sentence)
    act_as(desk, "Ana Ruiz")
    desk.sources.link_source(sentence, NewSource("https://example.org/blog"))
    assert desk.sign_offs.sign_off(sentence) is None
    [latest, *_] = desk.history.of_sentence(sentence)
    assert "Sign-off: Approved by Zoë Ngata → none" in latest.changes
    desk.undo()
    assert desk.sign_offs.sign_off(sentence) == approved
    [link] = desk.sources.links(sentence)
    desk.sources.unlink_source(link.id, sentence)
    assert desk.sign_offs.sign_off(sentence) is None
    desk.undo()
    assert desk.sign_offs.sign_off(sentence) == approved
    other = desk.reviews.sentence_rows(1)[0].sentence.id
    desk.sources.link_source(other, NewSource("https://example.org/other"))
    desk.sources.reuse_sources(sentence, other)
    assert desk.sign_offs.sign_off(sentence) is None
    desk.undo()
    assert desk.sign_offs.sign_off(sentence) == approved
    assert desk.history.verify().ok


def test_the_checker_cannot_bring_back_an_approval_by_redo(seeded_desk: Desk) -> None:
    """On a shared window Zoë approves Ana's verdict, thinks again and undoes it; Ana,
    taking over the window under her own name, cannot redo Zoë's approval back."""
    desk = seeded_desk
    sentence = approved_by_zoe(desk)
    desk.undo()
    act_as(desk, "Ana Ruiz")
    with pytest.raises(EditRefused, match="You gave this verdict, so you cannot"):
        desk.redo()
    assert desk.sign_offs.sign_off(sentence) is None
    assert desk.edits.redo_text() == "Approve verdict"  # still there for an editor
    act_as(desk, "Zoë Ngata")
    desk.redo()
    assert desk.sign_offs.state(sentence) is SignOffState.APPROVED


def test_the_checker_cannot_undo_a_return_back_to_the_approval(seeded_desk: Desk) -> None:
    """Zoë approved, then returned the verdict with a note: Ana undoing the return would
    make her verdict approved again, and undoing the return erases Zoë's note."""
    desk = seeded_desk
    sentence = approved_by_zoe(desk)
    desk.sign_offs.send_back(sentence, "The figures are from 2019.")
    returned = desk.sign_offs.sign_off(sentence)
    act_as(desk, "ana ruiz")
    with pytest.raises(EditRefused, match="You gave this verdict, so you cannot"):
        desk.undo()
    assert desk.sign_offs.sign_off(sentence) == returned
    assert desk.edits.undo_text() == "Return verdict"
    assert desk.history.entries()[-1].what == "Return verdict"  # nothing recorded


def test_an_editor_who_undoes_and_redoes_a_verdict_may_still_approve_it(
    seeded_desk: Desk,
) -> None:
    """Zoë approves Ana's verdict, undoes everything on the shared window and redoes it:
    redoing Ana's verdict does not make Zoë its author, so her approval comes back too
    (found by tests/services/test_edit_sequences.py)."""
    desk = seeded_desk
    sentence = approved_by_zoe(desk)
    approved = desk.sign_offs.sign_off(sentence)
    while desk.edits.undo_steps:
        desk.undo()
    while desk.edits.redo_steps:
        desk.redo()
    assert desk.sign_offs.sign_off(sentence) == approved
    assert desk.sign_offs.checker(sentence) == "Ana Ruiz"
    desk.undo()
    desk.sign_offs.approve(sentence)  # nor may she not approve it afresh
    assert desk.history.verify().ok


def test_an_editor_who_decides_a_conflict_may_sign_off_the_verdict_she_kept(
    tmp_path: Path,
) -> None:
    """Cleo merges Alice's and Bob's files, keeps Bob's verdict where they disagree, and
    approves it: deciding picks a verdict a checker gave, it does not give one, so Bob is
    its checker (found on a desk editor's day: she was told she gave it herself). A
    verdict taken from Bob in a combination is his too."""
    alice, bob, cleo = (tmp_path / f"{name}.fcdesk" for name in ("alice", "bob", "cleo"))
    make_alice(alice)
    make_bob(bob)
    desk = open_as(cleo, "Cleo")
    try:
        desk.merge.merge(alice)
        desk.merge.merge(bob)
        conflicts = [
            row.sentence.id
            for article in desk.articles.list_articles()
            for row in desk.reviews.sentence_rows(article.id)
            if row.review.status is Status.CONFLICT
        ]
        assert len(conflicts) == 1
        sentence = conflicts[0]
        bobs = next(v for v in desk.merge.versions(sentence) if v.reviewer == "Bob")
        desk.reviews.decide(sentence, bobs)
        assert desk.sign_offs.checker(sentence) == "Bob"
        desk.sign_offs.approve(sentence)
        assert desk.sign_offs.sign_off(sentence).checker == "Bob"  # type: ignore[union-attr]

        desk.undo()
        desk.undo()
        versions = {v.reviewer: v for v in desk.merge.versions(sentence)}
        picks = {"tag": versions["Alice"], "verdict": versions["Bob"]}
        picks |= {"claimant": versions["Alice"], "explanation": versions["Alice"]}
        desk.reviews.decide(sentence, combination(sentence, picks))
        assert desk.sign_offs.checker(sentence) == "Bob"
        desk.sign_offs.send_back(sentence, "Which figures?")
        assert desk.history.verify().ok
    finally:
        desk.close()


def test_a_merge_undone_and_redone_does_not_make_the_editor_its_checker(
    tmp_path: Path,
) -> None:
    """Cleo merges Alice's file, then Bob's, takes Bob's back with Ctrl+Z and redoes it:
    the redo writes its entry for each sentence it gave Bob's review after Bob's own
    entries (the history keeps every entry), so the newest step that gave his verdict
    was her merge's. A merge brings a verdict in, it does not give it: Bob stays its
    checker and Cleo may approve it (found on a desk editor's day)."""
    alice, bob, cleo = (tmp_path / f"{name}.fcdesk" for name in ("alice", "bob", "cleo"))
    make_alice(alice)
    make_bob(bob)
    desk = open_as(bob, "Bob")
    try:  # a verdict only Bob gave, on the article both have
        shared = article_titled(desk, "minister")
        review(desk, sentence_ids(desk, shared)[4], Tag.CLAIM, "mixed")
    finally:
        desk.close()
    desk = open_as(cleo, "Cleo")
    try:
        desk.merge.merge(alice)
        desk.merge.merge(bob)
        desk.undo()
        desk.redo()
        bobs = [
            row.sentence.id
            for article in desk.articles.list_articles()
            for row in desk.reviews.sentence_rows(article.id)
            if row.review.verdict is not None and row.review.reviewer == "Bob"
        ]
        assert bobs
        assert {desk.sign_offs.checker(sentence) for sentence in bobs} == {"Bob"}
        for sentence in bobs:
            desk.sign_offs.approve(sentence)
    finally:
        desk.close()


def test_checkers_who_agree_merged_one_after_the_other_leave_the_verdict_to_the_first(
    tmp_path: Path,
) -> None:
    """Alice and Bob each gave the shared article's first sentence "False" in their own
    files; Cleo merges Alice's, then Bob's. The desk keeps Alice's review as the decided
    one (her words), so the verdict is hers: the review panel's line, Cleo's return (and
    so whom it goes back to) and the report name Alice, not Bob, whose entries only came
    in with the later merge (found on a desk editor's day). Bob checked it too, so he may
    not sign it off."""
    alice, bob, cleo = (tmp_path / f"{name}.fcdesk" for name in ("alice", "bob", "cleo"))
    make_alice(alice)
    make_bob(bob)
    desk = open_as(cleo, "Cleo")
    try:
        desk.merge.merge(alice)
        desk.merge.merge(bob)
        shared = article_titled(desk, "minister")
        sentence = sentence_ids(desk, shared)[0]
        kept = desk.reviews.review(sentence)
        assert (kept.reviewer, kept.verdict, kept.status) == ("Alice", "false", Status.DONE)
        assert desk.sign_offs.checker(sentence) == "Alice"
        act_as(desk, "Bob")
        with pytest.raises(EditRefused, match="You gave this verdict"):
            desk.sign_offs.send_back(sentence, "Which year?")
        act_as(desk, "Cleo")
        desk.sign_offs.send_back(sentence, "Which year?")
        assert desk.sign_offs.sign_off(sentence).checker == "Alice"  # type: ignore[union-attr]
        assert desk.sign_offs.returned_to("Alice") == {shared: 1}
        assert desk.sign_offs.returned_to("Bob") == {}
        entry = next(s for s in load_article_report(desk, shared).sentences if s.id == sentence)
        assert sign_off_line(entry).startswith("Checked by Alice, returned by Cleo on ")
    finally:
        desk.close()


def test_checkers_who_agree_merged_the_other_way_round_leave_it_to_bob(tmp_path: Path) -> None:
    """Merged Bob's file first, the desk keeps Bob's review of the sentence both gave
    "False": he is its checker, and Alice (who checked it too) may not approve it."""
    alice, bob, cleo = (tmp_path / f"{name}.fcdesk" for name in ("alice", "bob", "cleo"))
    make_alice(alice)
    make_bob(bob)
    desk = open_as(cleo, "Cleo")
    try:
        desk.merge.merge(bob)
        desk.merge.merge(alice)
        sentence = sentence_ids(desk, article_titled(desk, "minister"))[0]
        assert desk.reviews.review(sentence).reviewer == "Bob"
        assert desk.sign_offs.checker(sentence) == "Bob"
        act_as(desk, "Alice")
        with pytest.raises(EditRefused, match="You gave this verdict"):
            desk.sign_offs.approve(sentence)
        act_as(desk, "Cleo")
        desk.sign_offs.approve(sentence)
        assert desk.sign_offs.sign_off(sentence).checker == "Bob"  # type: ignore[union-attr]
    finally:
        desk.close()


def test_a_colleagues_typo_fixes_around_agreeing_merges_leave_the_verdict_its_checkers(
    tmp_path: Path,
) -> None:
    """Dan fixes a typo in Alice's explanation on her desk, Cleo merges Alice's file and
    then Bob's agreeing one, and Eve fixes another typo on Cleo's desk: a colleague who
    only corrected words did not give the verdict (docs/team.md), on either desk, and
    Bob's later merge did not either; Alice is its checker."""
    alice, bob, cleo = (tmp_path / f"{name}.fcdesk" for name in ("alice", "bob", "cleo"))
    make_alice(alice)
    make_bob(bob)
    desk = open_as(alice, "Alice")
    try:
        sentence = sentence_ids(desk, article_titled(desk, "minister"))[0]
        desk.reviews.set_text_field(sentence, "explanation", "Unemploymnet fell to 5 percent.")
        act_as(desk, "Dan")
        desk.reviews.set_text_field(sentence, "explanation", "Unemployment fell to 5 percent.")
    finally:
        desk.close()
    desk = open_as(cleo, "Cleo")
    try:
        desk.merge.merge(alice)
        desk.merge.merge(bob)
        sentence = sentence_ids(desk, article_titled(desk, "minister"))[0]
        assert desk.reviews.review(sentence).reviewer == "Dan"  # he saved it last
        assert desk.sign_offs.checker(sentence) == "Alice"
        act_as(desk, "Eve")
        desk.reviews.set_text_field(sentence, "explanation", "Unemployment fell to 5%.")
        assert desk.sign_offs.checker(sentence) == "Alice"
        act_as(desk, "Cleo")
        desk.sign_offs.approve(sentence)
        assert desk.sign_offs.sign_off(sentence).checker == "Alice"  # type: ignore[union-attr]
    finally:
        desk.close()


def test_an_editor_who_keeps_one_of_two_agreeing_checkers_reviews_names_that_one(
    tmp_path: Path,
) -> None:
    """Alice and Bob gave the sentence "False", Dan "True"; Cleo merges the three files
    and decides the conflict Dan's file raises. Keeping Alice's review names Alice as
    its checker; keeping Bob's (the same verdict, his words) names Bob."""
    alice, bob, dan, cleo = (tmp_path / f"{n}.fcdesk" for n in ("alice", "bob", "dan", "cleo"))
    make_alice(alice)
    make_bob(bob)
    desk = open_as(dan, "Dan")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        review(desk, sentence_ids(desk, article)[0], Tag.CLAIM, "true")
    finally:
        desk.close()
    desk = open_as(cleo, "Cleo")
    try:
        for other in (alice, bob, dan):
            desk.merge.merge(other)
        sentence = sentence_ids(desk, article_titled(desk, "minister"))[0]
        assert desk.reviews.review(sentence).status is Status.CONFLICT
        versions = {v.reviewer: v for v in desk.merge.versions(sentence)}
        desk.reviews.decide(sentence, versions["Alice"])
        assert desk.sign_offs.checker(sentence) == "Alice"
        desk.undo()
        desk.reviews.decide(sentence, versions["Bob"])
        assert desk.sign_offs.checker(sentence) == "Bob"
        desk.sign_offs.approve(sentence)
        assert desk.sign_offs.sign_off(sentence).checker == "Bob"  # type: ignore[union-attr]
    finally:
        desk.close()


def test_the_article_list_counts_what_the_show_box_calls_awaiting_sign_off(
    seeded_desk: Desk,
) -> None:
    """The finder's "Awaiting sign-off" (article list) lists, in one query, the articles
    holding a sentence `sign_off_state` calls awaiting: done with a verdict, signed off by
    nobody; not those approved, returned, without a verdict or not done."""
    desk = act_as(seeded_desk, "Ana")
    ids = sentence_ids(desk, 1)
    for sentence in ids[:5]:
        desk.reviews.set_tag(sentence, Tag.CLAIM)
        desk.reviews.set_verdict(sentence, "false")
    desk.reviews.set_tag(ids[5], Tag.CLAIM)  # tagged, no verdict
    desk.reviews.set_status(ids[2], Status.IN_PROGRESS)  # not done
    act_as(desk, "Zoë")
    desk.sign_offs.approve(ids[3])
    desk.sign_offs.send_back(ids[4], "Which source?")
    awaiting = [s for s in ids if desk.sign_offs.state(s) is SignOffState.AWAITING]
    assert awaiting == ids[:2]
    assert desk.sign_offs.awaiting_articles("Zoë") == {1}
    for sentence in awaiting:
        desk.sign_offs.approve(sentence)
    assert desk.sign_offs.awaiting_articles("Zoë") == set()


def test_the_finder_lists_the_articles_the_message_at_open_counts_awaiting_sign_off(
    seeded_desk: Desk,
) -> None:
    """The finder's "Awaiting sign-off" listed an article where only the editor's own
    verdicts awaited sign-off, which she may not sign off, while the message at the open
    ("1 verdict by Ana Ruiz awaits sign-off: choose “Awaiting sign-off” above the article
    list…") counted colleagues' verdicts only. Both are the verdicts awaiting your
    sign-off now: a colleague's, the name compared as the message compares it."""
    other = seeded_desk.importer.import_text("The mayor said it fell. It rose.").article_id
    desk = act_as(seeded_desk, "Ana Ruiz")
    for sentence in (sentence_ids(desk, 1)[0], sentence_ids(desk, other)[1]):
        desk.reviews.set_tag(sentence, Tag.CLAIM)
        desk.reviews.set_verdict(sentence, "false")
    act_as(desk, "Zoë")
    own = sentence_ids(desk, other)[0]
    desk.reviews.set_tag(own, Tag.CLAIM)
    desk.reviews.set_verdict(own, "true")
    desk.reviews.set_tag(sentence_ids(desk, 1)[2], Tag.CLAIM)
    desk.reviews.set_verdict(sentence_ids(desk, 1)[2], "true")
    told = desk.sign_offs.awaiting_from_others("Zoë").by_checker
    assert set(told) == {"Ana Ruiz"} and set(told["Ana Ruiz"]) == {1, other}
    assert desk.sign_offs.awaiting_articles("ZOË ") == {1, other}
    desk.sign_offs.approve(sentence_ids(desk, other)[1])  # Ana's; Zoë's own still awaits
    assert set(desk.sign_offs.awaiting_from_others("Zoë").by_checker["Ana Ruiz"]) == {1}
    assert desk.sign_offs.awaiting_articles("Zoë") == {1}
    assert desk.sign_offs.awaiting_articles("ana ruiz") == {other, 1}  # Zoë's own, for Ana


def test_a_verdict_saved_under_a_name_longer_than_the_cap_is_still_its_checkers(
    seeded_desk: Desk,
) -> None:
    """An account's full name over 80 characters was recorded whole on edits before names
    were capped (`identity.capped_name`); the same checker, now named by its first 80, may
    still not approve that verdict, and the awaiting count is not hers."""
    from factcheck_app.services.identity import capped_name

    long_name = "Ana Maria Ruiz de la Fuente y Gonzalez-Echeverria " * 2  # 100 characters
    sentence = seeded_desk.reviews.sentence_rows(1)[4].sentence.id
    act_as(seeded_desk, long_name.strip())
    seeded_desk.reviews.set_tag(sentence, Tag.CLAIM)
    seeded_desk.reviews.set_verdict(sentence, "false")
    act_as(seeded_desk, capped_name(long_name))
    assert capped_name(long_name) != long_name.strip()
    with pytest.raises(EditRefused, match="You gave this verdict, so you cannot approve it"):
        seeded_desk.sign_offs.approve(sentence)
    assert seeded_desk.sign_offs.awaiting_from_others(capped_name(long_name)).by_checker == {}
    # A colleague whose name merely begins alike, shorter than the cap, is another person.
    act_as(seeded_desk, "Ana Maria Ruiz")
    seeded_desk.sign_offs.approve(sentence)


def test_a_verdict_saved_before_undecodable_bytes_were_shown_is_still_its_checkers(
    seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name given in bytes that are not UTF-8 (FACTCHECK_REVIEWER or the account's name
    written in Latin-1) was recorded with the byte dropped ("Zo Berg") before such bytes
    were shown as U+FFFD ("Zo\ufffd Berg"): the same checker, after the upgrade, may not
    approve her own verdict, nor is it counted as a colleague's awaiting her."""
    from factcheck_app.domain.printable import shown_name
    from factcheck_app.services import identity

    monkeypatch.setenv("FACTCHECK_REVIEWER", "Zo\udceb Berg")
    now = identity.current_reviewer()
    before = shown_name("Zo\udceb Berg")  # how the desk recorded her until then
    assert (before, now) == ("Zo Berg", "Zo\ufffd Berg")
    sentence = seeded_desk.reviews.sentence_rows(1)[4].sentence.id
    act_as(seeded_desk, before)
    seeded_desk.reviews.set_tag(sentence, Tag.CLAIM)
    seeded_desk.reviews.set_verdict(sentence, "false")
    act_as(seeded_desk, now)
    assert seeded_desk.sign_offs.awaiting_from_others(now).by_checker == {}
    with pytest.raises(EditRefused, match="You gave this verdict, so you cannot approve it"):
        seeded_desk.sign_offs.approve(sentence)
    # And the other way round: a verdict given since, an approval under the old form.
    other = seeded_desk.reviews.sentence_rows(1)[5].sentence.id
    seeded_desk.reviews.set_tag(other, Tag.CLAIM)
    seeded_desk.reviews.set_verdict(other, "true")
    act_as(seeded_desk, before)
    with pytest.raises(EditRefused, match="You gave this verdict, so you cannot approve it"):
        seeded_desk.sign_offs.approve(other)
    # Another reviewer is still another: "Zoe Berg" typed is not her.
    act_as(seeded_desk, "Zoe Berg")
    seeded_desk.sign_offs.approve(sentence)


def test_the_checker_of_a_verdict_given_again_and_taken_back_often_is_read_in_one_pass(
    seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ana keeps her "false" but tries "true" and takes it back, 60 times (242 entries):
    Zoë's approval reads each entry's states once, not once for every step "to false"
    since (its states written out again for each: 700 entries held an approval 2-5 s,
    against 25-45 ms before the one undo-pairing rule)."""
    from factcheck_app.services import sign_offs

    desk = seeded_desk
    sentence = checked(desk)
    for _ in range(60):
        desk.reviews.set_verdict(sentence, "true")
        desk.reviews.set_verdict(sentence, "false")
        desk.undo()
        desk.undo()
    entries = len(desk.history.of_sentence(sentence))
    written = 0
    canonical = sign_offs.canonical

    def counted(value: object) -> str:
        nonlocal written
        written += 1
        return canonical(value)

    monkeypatch.setattr(sign_offs, "canonical", counted)
    act_as(desk, "Zoë Ngata")
    assert desk.sign_offs.checker(sentence) == "Ana Ruiz"
    assert written <= 2 * entries, (written, entries)
    desk.sign_offs.approve(sentence)
    assert desk.sign_offs.sign_off(sentence).checker == "Ana Ruiz"  # type: ignore[union-attr]
