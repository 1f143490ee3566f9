"""Every count the window shows takes its noun's number: "Reviewed 0 of 1 sentence",
"Accepted 1 suggestion", "1 disagreement listed below", the PDF's "of 1 sentence"."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from factcheck_app.domain.agreement import Agreement
from factcheck_app.domain.models import Tag
from factcheck_app.gui.agreement_panel import PairTableModel
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.pdf_document import build_document
from factcheck_app.services.agreement import Disagreement, PairResult
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports.model import load_article_report
from tests.gui.test_assist_in_window import wait_for_suggestions
from tests.services.test_counts_wording import many_claims, two_of_each_open_status
from tests.services.test_team_export import returned_report, with_team_review

ONE = "The ministry said 32 people died."


def test_the_progress_of_one_sentence_says_sentence(
    desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    desk.importer.import_text(ONE)
    window = make_window(desk)
    window.open_article(desk.articles.list_articles()[0].id)
    assert window.progress_label.text() == "Reviewed 0 of 1 sentence"


def test_the_pdf_of_one_sentence_says_sentence(desk: Desk, qtbot: QtBot) -> None:
    article = desk.importer.import_text(ONE).article_id
    desk.reviews.set_tag(desk.reviews.sentence_rows(article)[0].sentence.id, Tag.CLAIM)
    text = " ".join(build_document(load_article_report(desk, article)).toPlainText().split())
    assert "0 of 1 sentence reviewed" in text
    assert "Draft: 1 of 1 checked sentence has no explanation yet" in text


@pytest.mark.parametrize(("count", "said"), [(1, "1 disagreement"), (2, "2 disagreements")])
def test_the_pair_tooltip_counts_its_disagreements(count: int, said: str, qtbot: QtBot) -> None:
    found = tuple(
        Disagreement(1, i, i, "A sentence.", "tag", ("claim", "fact")) for i in range(count)
    )
    model = PairTableModel()
    model.set_pairs(
        [PairResult(("Ana", "Ben"), Agreement(3, 0.5, 0.1), Agreement(0, None, None), found)]
    )
    tooltip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert f"{said} listed below" in tooltip


def test_accepting_one_suggestion_says_suggestion(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait_for_suggestions(qtbot, window)
    desk, model = window.desk, window.sentence_model
    hinted = [
        r.sentence.id
        for r in model.rows()
        if (hint := model.suggestion(r.sentence.id)) and hint.suggestion.tag is not None
    ]
    for row in model.rows():  # every sentence but one tagged by the reviewer already
        if row.sentence.id != hinted[0]:
            desk.reviews.set_tag(row.sentence.id, Tag.FACT)
    asked: list[str] = []

    def get_int(*args: object, **kwargs: object) -> tuple[int, bool]:
        asked.append(str(args[2]))
        return 0, True

    monkeypatch.setattr(QInputDialog, "getInt", get_int)
    window.edits.accept_all_suggestions()
    assert asked[0].startswith("1 untagged sentence has a suggested tag.")
    assert window.statusBar().currentMessage() == "Accepted 1 suggestion (Ctrl+Z takes it back)."


def test_the_pdf_counts_tags_and_verdicts_with_thousands_separators(
    desk: Desk, qtbot: QtBot
) -> None:
    """The PDF's summary said "1200 CLAIMS" beside "of 1,200 sentences reviewed"."""
    report = many_claims(desk)
    text = " ".join(build_document(report).toPlainText().split())
    assert "1,200 CLAIMS" in text and "VERDICTS ON 1,200 CHECKED STATEMENTS" in text
    assert "False 1,200" in text
    assert "1200" not in text


def test_the_pdf_says_two_in_conflict_and_two_needing_a_second_look(
    desk: Desk, qtbot: QtBot
) -> None:
    text = " ".join(build_document(two_of_each_open_status(desk)).toPlainText().split())
    assert "2 in conflict, 2 needing a second look" in text


def test_a_returned_verdict_is_not_labelled_signed_off_in_the_pdf(
    seeded_desk: Desk, qtbot: QtBot
) -> None:
    report = returned_report(with_team_review(seeded_desk))
    # The text as read, without the invisible marks that set the credit apart (isolates).
    plain = re.sub("[\u200e\u200f\u2066-\u2069]", "", build_document(report).toPlainText())
    text = " ".join(plain.split())
    assert "RETURNED Checked by tester, returned by Ben on" in text
    assert "SIGNED OFF" not in text
