"""An editor who approved a verdict and then changed the check herself took her approval
away (docs/team.md, Sign-off). Merged back to the checker, that must come along: walked
on 6 December, the checker's workspace kept "Approved" over her old verdict and put the
sentence in conflict with the editor's new one, so the editor's withdrawal was lost and
keeping the checker's verdict would have stood under an approval the editor took back."""

from __future__ import annotations

import shutil
from pathlib import Path

from factcheck_app.domain.models import Status, Tag
from factcheck_app.services.desk import Desk
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids

ANA, ZOE = "Ana Ruiz", "Zoë Ngata"


def approved_and_handed_back(tmp_path: Path) -> tuple[Path, Path, int]:
    """Ana's verdict (False) merged into Zoë's workspace and approved there, and Zoë's
    file merged back into Ana's: both show it approved."""
    editor_ws, ana_ws = tmp_path / "editor.fcdesk", tmp_path / "ana.fcdesk"
    desk = open_as(editor_ws, ZOE)
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        s = sentence_ids(desk, article)[0]
    finally:
        desk.close()
    shutil.copy(editor_ws, ana_ws)
    shutil.copy(editor_ws, tmp_path / "bob.fcdesk")  # Bob's copy, before anyone reviewed
    desk = open_as(ana_ws, ANA)
    try:
        desk.reviews.set_tag(s, Tag.CLAIM)
        desk.reviews.set_verdict(s, "false")
        desk.reviews.set_text_field(s, "explanation", "Census 2019.")
    finally:
        desk.close()
    desk = open_as(editor_ws, ZOE)
    try:
        desk.merge.merge(ana_ws)
        desk.sign_offs.approve(s)
    finally:
        desk.close()
    desk = open_as(ana_ws, ANA)
    try:
        desk.merge.merge(editor_ws)
        found = desk.sign_offs.sign_off(s)
        assert found is not None and found.decision.value == "approved"
    finally:
        desk.close()
    return editor_ws, ana_ws, s


def changed_by_editor(path: Path, sentence: int, verdict: str | None, explanation: str) -> None:
    desk = open_as(path, ZOE)
    try:
        if verdict is not None:
            desk.reviews.set_verdict(sentence, verdict)
        if explanation:
            desk.reviews.set_text_field(sentence, "explanation", explanation)
        assert desk.sign_offs.sign_off(sentence) is None  # her own edit took it away
    finally:
        desk.close()


def shown(desk: Desk, sentence: int) -> tuple[str | None, Status, object]:
    review = desk.reviews.review(sentence)
    return review.verdict, review.status, desk.sign_offs.sign_off(sentence)


def test_the_editors_changed_verdict_comes_back_without_her_approval(tmp_path: Path) -> None:
    editor_ws, ana_ws, s = approved_and_handed_back(tmp_path)
    changed_by_editor(editor_ws, s, "mostly_false", "")
    desk = open_as(ana_ws, ANA)
    try:
        result = desk.merge.merge(editor_ws)
        assert shown(desk, s) == ("mostly_false", Status.DONE, None)
        assert result.sentences_conflicting == 0
        desk.edits.undo()  # the merge taken back: her approval of False again
        verdict, _status, sign_off = shown(desk, s)
        assert verdict == "false" and sign_off is not None
        desk.edits.redo()
        assert shown(desk, s) == ("mostly_false", Status.DONE, None)
        assert desk.merge.merge(editor_ws).reviews_added == 0  # again: nothing new
        assert shown(desk, s) == ("mostly_false", Status.DONE, None)
    finally:
        desk.close()


def test_the_editors_edit_under_her_own_approval_comes_back_awaiting_sign_off(
    tmp_path: Path,
) -> None:
    """Same verdict, a word of the explanation changed: the approval she took away by it
    does not stand in the checker's workspace either."""
    editor_ws, ana_ws, s = approved_and_handed_back(tmp_path)
    changed_by_editor(editor_ws, s, None, "Census 2019, table 4.")
    desk = open_as(ana_ws, ANA)
    try:
        desk.merge.merge(editor_ws)
        assert shown(desk, s) == ("false", Status.DONE, None)
        assert desk.reviews.review(s).explanation == "Census 2019, table 4."
    finally:
        desk.close()


def test_an_approval_their_file_never_saw_still_stays(tmp_path: Path) -> None:
    """Unchanged the other way: Bob's file, which never saw the approval, agrees with
    Ana's verdict in other words; merged into Ana's, the approval stays."""
    _editor_ws, ana_ws, s = approved_and_handed_back(tmp_path)
    bob_ws = tmp_path / "bob.fcdesk"
    desk = open_as(bob_ws, "Bob Li")
    try:
        desk.reviews.set_tag(s, Tag.CLAIM)
        desk.reviews.set_verdict(s, "false")
        desk.reviews.set_text_field(s, "explanation", "Checked the census too.")
    finally:
        desk.close()
    desk = open_as(ana_ws, ANA)
    try:
        result = desk.merge.merge(bob_ws)
        assert result.reviews_added == 1
        verdict, status, sign_off = shown(desk, s)
        assert (verdict, status) == ("false", Status.DONE) and sign_off is not None
        assert desk.reviews.review(s).explanation == "Census 2019."
    finally:
        desk.close()


def test_the_checkers_answer_is_not_called_a_decision_or_sign_off(tmp_path: Path) -> None:
    """Walked: Zoë returned Ana's verdict, Ana answered in her explanation, and Zoë
    merged Ana's file: "Their decision or sign-off taken on 1 sentence." Ana decided and
    signed off nothing; her own later edit was taken, as the message's counts say."""
    editor_ws, ana_ws, s = approved_and_handed_back(tmp_path)
    desk = open_as(editor_ws, ZOE)
    try:
        desk.sign_offs.send_back(s, "Which table?")
    finally:
        desk.close()
    desk = open_as(ana_ws, ANA)
    try:
        desk.merge.merge(editor_ws)
        desk.reviews.set_text_field(s, "explanation", "Census 2019, table 4.")
    finally:
        desk.close()
    desk = open_as(editor_ws, ZOE)
    try:
        result = desk.merge.merge(ana_ws)
        assert desk.reviews.review(s).explanation == "Census 2019, table 4."
        assert result.reviews_added == 1
        assert "decision or sign-off" not in result.summary()
        found = desk.sign_offs.sign_off(s)
        assert found is not None and found.note == "Which table?"  # still returned
    finally:
        desk.close()


def test_a_return_ended_by_her_later_verdict_is_said_as_what_happened(tmp_path: Path) -> None:
    """Zoë returned Ana's verdict; Ana, on her copy that never had the return, changed the
    verdict (as here, a changed verdict ends a return). Merged, the return goes with it,
    and the message said "Their decision or sign-off taken on 1 sentence": Ana decided
    and signed off nothing. It says that her later verdict ended the return."""
    editor_ws, ana_ws, s = approved_and_handed_back(tmp_path)
    desk = open_as(editor_ws, ZOE)
    try:
        desk.sign_offs.send_back(s, "Which table?")
    finally:
        desk.close()
    desk = open_as(ana_ws, ANA)
    try:
        desk.reviews.set_verdict(s, "mostly_false")
    finally:
        desk.close()
    desk = open_as(editor_ws, ZOE)
    try:
        result = desk.merge.merge(ana_ws)
        assert desk.reviews.review(s).verdict == "mostly_false"
        assert desk.sign_offs.sign_off(s) is None  # awaiting sign-off again
        summary = result.summary()
        assert "decision or sign-off" not in summary
        assert (
            "1 return here was ended by a later verdict in ana.fcdesk: "
            "it awaits sign-off again." in summary
        )
    finally:
        desk.close()


def test_a_return_ended_by_an_unfinished_verdict_is_not_said_to_await_sign_off(
    tmp_path: Path,
) -> None:
    """As above, but Ana set her review back to In progress with the new verdict: nothing
    awaits sign-off (the Awaiting list does not hold it), and the message said "it awaits
    sign-off again", so the editor looked for it there."""
    editor_ws, ana_ws, s = approved_and_handed_back(tmp_path)
    desk = open_as(editor_ws, ZOE)
    try:
        desk.sign_offs.send_back(s, "Which table?")
    finally:
        desk.close()
    desk = open_as(ana_ws, ANA)
    try:
        desk.reviews.set_verdict(s, "mostly_false")
        desk.reviews.set_status(s, Status.IN_PROGRESS)
    finally:
        desk.close()
    desk = open_as(editor_ws, ZOE)
    try:
        summary = desk.merge.merge(ana_ws).summary()
        assert desk.sign_offs.state(s) is None  # nothing to sign off yet
        assert "it awaits sign-off again" not in summary
        assert (
            "1 return here was ended by a later verdict in ana.fcdesk, not finished there"
            " yet: nothing awaits sign-off." in summary
        )
    finally:
        desk.close()
