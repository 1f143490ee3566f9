"""A reviewer's name that came from elsewhere (a colleague's merged workspace, an older
review file) may hold a right-to-left override, a line break or a terminal's escape: the
reports and the command line show it as one line of visible text, so it cannot turn the
rest of "checked by A, approved by B" around or add a line of its own (issue 16)."""

from __future__ import annotations

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.models import SignOff, SignOffDecision, Tag
from factcheck_app.domain.printable import shown_name
from factcheck_app.services.agreement import load_agreement
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports.model import load_article_report
from factcheck_app.services.reports.text import sign_off_line

RLO = "\u202e"
EDITOR = f"Eve{RLO} Ngata\n2026"  # as a merge may bring it: stored as it was
CHECKER = "Ana\u2066 Ruiz\x1b[2J"


def test_a_shown_name_is_one_line_of_visible_text() -> None:
    assert shown_name(EDITOR) == "Eve Ngata 2026"
    assert shown_name(CHECKER) == "Ana Ruiz[2J"
    assert shown_name("  Zoë\u00a0 Ngata ") == "Zoë Ngata"


def signed(desk: Desk) -> int:
    sentence = desk.reviews.sentence_rows(1)[4].sentence.id
    desk.edits.actor = CHECKER
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.reviews.set_verdict(sentence, "false")
    with desk.repo.db.atomic():
        desk.repo.sign_offs.save(
            SignOff(sentence, SignOffDecision.APPROVED, EDITOR, CHECKER, "", "2026-12-03T09:12")
        )
    return sentence


def test_reports_show_names_as_visible_text(seeded_desk: Desk) -> None:
    sentence = signed(seeded_desk)
    report = load_article_report(seeded_desk, 1)
    entry = next(s for s in report.sentences if s.id == sentence)
    line = sign_off_line(entry)
    assert line == "Checked by Ana Ruiz[2J, approved by Eve Ngata 2026 on 2026-12-03"
    assert report.credits == "Reviewed by Ana Ruiz[2J; approved by Eve Ngata 2026"


def test_the_command_line_shows_names_as_visible_text(
    seeded_desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    signed(seeded_desk)
    path = str(seeded_desk.path)
    seeded_desk.close()
    assert run(["history", "-w", path]) == 0
    out = capsys.readouterr().out
    assert RLO not in out and "\u2066" not in out
    assert "\tAna Ruiz[2J\t" in out


def test_agreement_names_its_reviewers_as_visible_text(
    seeded_desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    """The window's panel, the summary report and the command line show these names."""
    from tests.team_support import give_versions, sentence_ids

    ids = sentence_ids(seeded_desk)[:3]
    give_versions(seeded_desk, EDITOR, {i: (Tag.CLAIM, "false") for i in ids})
    give_versions(seeded_desk, CHECKER, {i: (Tag.CLAIM, "true") for i in ids})
    pairs = load_agreement(seeded_desk).workspace
    assert [pair.reviewers for pair in pairs] == [("Ana Ruiz[2J", "Eve Ngata 2026")]
