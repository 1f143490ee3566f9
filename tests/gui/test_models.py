"""Every item model passes Qt's model tester and shows what the reviewer relies on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from factcheck_app.domain.models import Stance, Tag
from factcheck_app.gui.models import (
    ArticleListModel,
    SentenceColumn,
    SentenceFilter,
    SentenceFilterModel,
    SentenceTableModel,
    SourceLinkModel,
)
from factcheck_app.services.desk import Desk, NewSource


def test_article_list_model(qtmodeltester: ModelTester, seeded_desk: Desk) -> None:
    model = ArticleListModel()
    model.set_articles(seeded_desk.articles.list_articles())
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert "0/12 reviewed" in model.data(model.index(0, 0))


def test_article_list_progress_separates_thousands(qtmodeltester: ModelTester) -> None:
    """A long transcript's "1/217017 reviewed" had to be counted digit by digit."""
    from factcheck_app.domain.models import ArticleSummary

    model = ArticleListModel()
    model.set_articles([ArticleSummary(7, "Hansard, 2024", None, "", 217_017, 1_204)])
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)).endswith("\n1,204/217,017 reviewed")


def test_sentence_table_model_shows_tag_and_verdict_in_words(
    qtmodeltester: ModelTester, seeded_desk: Desk
) -> None:
    rows = seeded_desk.reviews.sentence_rows(1)
    seeded_desk.reviews.set_tag(rows[0].sentence.id, Tag.CLAIM)
    seeded_desk.reviews.set_verdict(rows[0].sentence.id, "mostly_false")
    model = SentenceTableModel()
    model.set_rows(seeded_desk.reviews.sentence_rows(1))
    qtmodeltester.check(model)
    assert model.rowCount() == 12 and model.columnCount() == len(SentenceColumn)
    assert model.data(model.index(0, SentenceColumn.TAG)) == "Claim"
    assert model.data(model.index(0, SentenceColumn.VERDICT)) == "Mostly false"
    assert model.data(model.index(0, SentenceColumn.STATUS)) == "Done"
    assert model.data(model.index(0, SentenceColumn.VERDICT), Qt.ItemDataRole.BackgroundRole)
    assert model.data(model.index(1, SentenceColumn.TAG)) == ""


def test_sentence_model_updates_one_row_in_place(
    qtmodeltester: ModelTester, seeded_desk: Desk
) -> None:
    model = SentenceTableModel()
    model.set_rows(seeded_desk.reviews.sentence_rows(1))
    qtmodeltester.check(model)
    sid = seeded_desk.reviews.sentence_rows(1)[3].sentence.id
    seeded_desk.reviews.set_tag(sid, Tag.FACT)
    model.update_row(seeded_desk.repo.sentences.sentence_row(sid))
    assert model.data(model.index(3, SentenceColumn.TAG)) == "Fact"


def test_filter_model_modes(qtmodeltester: ModelTester, seeded_desk: Desk) -> None:
    rows = seeded_desk.reviews.sentence_rows(1)
    seeded_desk.reviews.set_tag(rows[0].sentence.id, Tag.CLAIM)
    seeded_desk.reviews.set_tag(rows[5].sentence.id, Tag.DENIAL)
    seeded_desk.reviews.set_verdict(rows[5].sentence.id, "true")
    source = SentenceTableModel()
    source.set_rows(seeded_desk.reviews.sentence_rows(1))
    proxy = SentenceFilterModel()
    proxy.setSourceModel(source)
    qtmodeltester.check(proxy)
    expected = {
        SentenceFilter.ALL: 12,
        SentenceFilter.TAGGED: 2,
        SentenceFilter.UNREVIEWED: 11,
        SentenceFilter.CLAIMS: 1,
        SentenceFilter.DENIALS: 1,
        SentenceFilter.FACTS: 0,
        SentenceFilter.CHECKWORTHY: 12,
    }
    for mode, count in expected.items():
        proxy.set_mode(mode)
        assert proxy.rowCount() == count, mode
    qtmodeltester.check(proxy)


def test_a_listed_cell_is_painted_with_its_own_sentences_roles(seeded_desk: Desk) -> None:
    """The list's delegate asks the Show box's filter for a cell's roles all at once
    (`multiData`): each is the listed sentence's, not the row's of the whole article."""
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    rows = seeded_desk.reviews.sentence_rows(1)
    seeded_desk.reviews.set_tag(rows[5].sentence.id, Tag.DENIAL)
    seeded_desk.reviews.set_verdict(rows[5].sentence.id, "true")
    source = SentenceTableModel()
    source.set_rows(seeded_desk.reviews.sentence_rows(1))
    proxy = SentenceFilterModel()
    proxy.setSourceModel(source)
    proxy.set_mode(SentenceFilter.DENIALS)
    delegate = QStyledItemDelegate()
    for column in SentenceColumn:
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, proxy.index(0, column))
        expected = source.index(5, column)
        assert option.text == (expected.data() or ""), column
        background = expected.data(Qt.ItemDataRole.BackgroundRole)
        if background is None:
            assert option.backgroundBrush.style() == Qt.BrushStyle.NoBrush, column
        else:
            assert option.backgroundBrush.color() == background.color(), column
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, proxy.index(0, SentenceColumn.NUMBER))
    assert option.text == "6"
    assert option.displayAlignment & Qt.AlignmentFlag.AlignRight
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, proxy.index(0, SentenceColumn.TAG))
    assert option.text == "Denial"


def test_source_link_model(qtmodeltester: ModelTester, seeded_desk: Desk) -> None:
    sid = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    seeded_desk.sources.link_source(
        sid,
        NewSource(
            url="https://example.org/a", title="Report", publisher="AP", stance=Stance.REFUTES
        ),
    )
    model = SourceLinkModel()
    model.set_links(seeded_desk.sources.links(sid))
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)) == "[Refutes] Report — AP"


def test_tooltips_show_article_text_as_plain_text(seeded_desk: Desk) -> None:
    seeded_desk.importer.import_text(
        "<b>Bold</b> claim & <img src=x onerror=alert(1)> here. Next one."
    )
    model = SentenceTableModel()
    model.set_rows(seeded_desk.reviews.sentence_rows(2))
    tip = model.data(model.index(0, SentenceColumn.TEXT), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Bold&lt;/b&gt;" in tip and "<img" not in tip


def test_a_sources_site_in_another_script_is_named_in_its_tooltip(
    qtmodeltester: ModelTester, seeded_desk: Desk
) -> None:
    """The link is stored as browsers open it, https://xn--strae-oqa.de/…: the tooltip
    names the site as the reviewer typed and reads it, straße.de, under the address."""
    sid = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    for url in ("https://straße.de/bericht", "https://example.org/a"):
        seeded_desk.sources.link_source(sid, NewSource(url=url, title="Bericht"))
    model = SourceLinkModel()
    model.set_links(seeded_desk.sources.links(sid))
    qtmodeltester.check(model)
    tips = [model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole) for row in (0, 1)]
    german = next(tip for tip in tips if "xn--" in tip)
    address, site = german.find("https://xn--strae-oqa.de/bericht"), german.find("Site: straße.de")
    assert 0 <= address < site, german  # the address that opens, then the site's name
    plain = next(tip for tip in tips if "example.org" in tip)
    assert "Site:" not in plain, plain  # a name in ASCII is already the address's


def test_a_right_to_left_label_keeps_its_place_in_the_tooltips_site(
    qtmodeltester: ModelTester, seeded_desk: Desk
) -> None:
    """The Persian label of نامه‌ای.123abc.com took the next label's digits into its
    right-to-left run: the tooltip read "Site: 123.نامه‌ایabc.com", labels in an order
    the address above does not have. Each such label is set apart (an isolate)."""
    sid = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    persian = "نامه\u200cای"
    seeded_desk.sources.link_source(sid, NewSource(url=f"https://{persian}.123abc.com/x"))
    model = SourceLinkModel()
    model.set_links(seeded_desk.sources.links(sid))
    qtmodeltester.check(model)
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert f"Site: \u2068{persian}\u2069.123abc.com" in tip, tip
