"""X (Nothing to check) on an untagged sentence that has a verdict: the rules keep it a
check ("#10 Untagged: False" in the reports, `review_rules.nothing_to_check`), so X
changes nothing there. It said nothing either, and its button stayed unlit: the reviewer
pressed it again and again, or took the key for broken."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Status, Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from tests.gui.conftest import press
from tests.gui.test_review_loop import checked_tag_buttons


def test_x_on_an_untagged_verdict_says_to_clear_the_verdict_first(
    qtbot: QtBot, window: MainWindow
) -> None:
    judged = window.sentence_model.sentence_row(2).sentence.id
    window.desk.reviews.set_verdict(judged, "false")
    window.reload_articles()
    window.open_article(1)
    window.select_sentence(judged)
    window.sentence_view.setFocus()
    window.statusBar().clearMessage()
    press(qtbot, window, Qt.Key.Key_X)
    review = window.desk.reviews.review(judged)
    assert (review.tag, review.verdict, review.status) == (None, "false", Status.DONE)
    said = window.statusBar().currentMessage()
    assert said.startswith("Verdict False given:"), said
    assert f"“{window.panel.verdict_box.itemText(0)}”" in said, said  # the box's words
    assert "X marks it nothing to check" in said, said
    assert checked_tag_buttons(window) == []
    # The menu item says the same, and so does the panel's button, which stays unlit.
    window.statusBar().clearMessage()
    window.registry[ActionId.TAG_CLEAR].trigger()
    assert window.statusBar().currentMessage() == said
    window.statusBar().clearMessage()
    button = next(b for b in window.panel.tag_group.buttons() if b.text() == "Nothing to check")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == said
    assert checked_tag_buttons(window) == []
    assert window.desk.reviews.review(judged).verdict == "false"


def test_x_still_marks_an_untagged_sentence_without_a_verdict(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Not said where X does its work: no verdict, and the sentence is marked."""
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    window.sentence_view.setFocus()
    window.statusBar().clearMessage()
    press(qtbot, window, Qt.Key.Key_X)
    review = window.desk.reviews.review(first)
    assert (review.tag, review.verdict, review.status) == (None, None, Status.DONE)
    assert "no verdict" not in window.statusBar().currentMessage()


def test_x_on_a_tagged_sentence_with_a_verdict_says_to_clear_the_verdict_first(
    qtbot: QtBot, window: MainWindow
) -> None:
    """X on a claim judged False took its tag off and said nothing: the sentence stayed a
    check with its verdict ("#3 Untagged: False" in the report), not the "nothing to
    check" the key is named for. It now keeps its tag and says, as on an untagged
    verdict, to clear the verdict first."""
    judged = window.sentence_model.sentence_row(2).sentence.id
    window.desk.reviews.set_tag(judged, Tag.CLAIM)
    window.desk.reviews.set_verdict(judged, "false")
    window.reload_articles()
    window.open_article(1)
    window.select_sentence(judged)
    window.sentence_view.setFocus()
    window.statusBar().clearMessage()
    press(qtbot, window, Qt.Key.Key_X)
    review = window.desk.reviews.review(judged)
    assert (review.tag, review.verdict, review.status) == (Tag.CLAIM, "false", Status.DONE)
    said = window.statusBar().currentMessage()
    assert said.startswith("Verdict False given:"), said
    assert "X marks it nothing to check" in said, said
    assert checked_tag_buttons(window) == ["Claim"]
    # The panel's button says the same, and the Claim button stays lit.
    window.statusBar().clearMessage()
    button = next(b for b in window.panel.tag_group.buttons() if b.text() == "Nothing to check")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == said
    assert checked_tag_buttons(window) == ["Claim"]
    assert window.desk.reviews.review(judged).tag is Tag.CLAIM
