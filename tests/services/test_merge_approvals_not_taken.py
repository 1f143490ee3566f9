"""An editor's approval made in a colleague's copy is not taken by a merge when the check
it approved changed here since (domain/merge_rules.py `_signs_off_ours`): an approval of
words the checker has rewritten is no approval of hers. The merge said nothing of it:
"Merged edith.fcdesk: 1 article matched.", and the editor took her approvals for merged.
Now the merge counts them (`approvals_not_taken`, a new `merge --json` key) and says so,
with what to do: approve those again (docs/team.md, Merging)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.models import SignOffDecision
from factcheck_app.services.desk import Desk
from tests.services.merge_fixtures import make_approved_then_rewritten, open_as, sentence_ids

ANA, EDITH = "Ana Ruiz", "Edith Park"
NOT_TAKEN = (
    "2 of their approvals were of checks changed here since: not taken; approve those again."
)


def _sentences(desk: Desk) -> list[int]:
    return sentence_ids(desk, desk.articles.list_articles()[0].id)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    make_approved_then_rewritten(tmp_path)
    return tmp_path


def test_the_merge_says_which_approvals_it_did_not_take(files: Path) -> None:
    desk = open_as(files / "ana.fcdesk", ANA)
    try:
        result = desk.merge.merge(files / "edith.fcdesk")
        first, second, third = _sentences(desk)[:3]
        # What the merge did, as before: the unchanged check's approval taken, not the two.
        assert desk.sign_offs.sign_off(first) is None
        assert desk.sign_offs.sign_off(second) is None
        taken = desk.sign_offs.sign_off(third)
        assert taken is not None and taken.decision is SignOffDecision.APPROVED
        assert result.approvals_not_taken == 2
        assert result.settled_taken == 1
        said = result.summary()
        assert said.startswith("Merged edith.fcdesk: ")
        assert NOT_TAKEN in said
        # Undone and redone, the step says the same (a redo decides as the first run did).
        desk.edits.undo()
        assert desk.sign_offs.sign_off(third) is None
        change = desk.edits.redo()
        assert change is not None and NOT_TAKEN in change.message
        assert desk.sign_offs.sign_off(first) is None
        assert desk.sign_offs.sign_off(third) is not None
        # Merged again, nothing is new, and the two are still not here: said again.
        again = desk.merge.merge(files / "edith.fcdesk")
        assert "nothing new" in again.summary()
        assert NOT_TAKEN in again.summary()
    finally:
        desk.close()


def test_the_other_way_round_the_approvals_here_of_rewritten_checks_go_and_it_is_said(
    files: Path,
) -> None:
    # Edith merges Ana's rewritten checks: none of Ana's file is left out, but her own
    # approvals of the two checks Ana rewrote since go with the rewrites (as when Ana
    # edits an approved check here), and the merge says so. Until 7 December it said
    # nothing, and Edith took them for standing. The unchanged check stays approved.
    desk = open_as(files / "edith.fcdesk", EDITH)
    try:
        result = desk.merge.merge(files / "ana.fcdesk")
        first, second, third = _sentences(desk)[:3]
        assert desk.sign_offs.sign_off(first) is None
        assert desk.sign_offs.sign_off(second) is None
        kept = desk.sign_offs.sign_off(third)
        assert kept is not None and kept.decision is SignOffDecision.APPROVED
    finally:
        desk.close()
    assert result.approvals_not_taken == 0
    assert result.approvals_withdrawn == 2
    said = result.summary()
    assert NOT_TAKEN not in said
    assert "2 approvals here were of checks ana.fcdesk changed since" in said


def test_merge_json_counts_them_beside_the_counts_it_always_had(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ana, edith = files / "ana.fcdesk", files / "edith.fcdesk"
    assert run(["merge", "-w", str(ana), str(edith), "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["approvals_not_taken"] == 2
    assert {
        "articles_added",
        "articles_matched",
        "sentences_agreed",
        "sentences_conflicting",
        "reviews_added",
        "sources_added",
        "sources_updated",
        "links_updated",
    } <= set(counts)
    assert run(["merge", "-w", str(ana), str(edith)]) == 0
    assert NOT_TAKEN in capsys.readouterr().out
