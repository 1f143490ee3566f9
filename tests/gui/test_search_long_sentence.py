"""A search result in a sentence of megabytes (a file of one very long line, imported
as one sentence before the splitter cut sentences at `MAX_SENTENCE_CHARS`: such
workspaces keep them) is shown without reading the whole sentence at each paint."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

import factcheck_app.domain.segmentation as segmentation
import factcheck_app.gui.search_models as search_models
from factcheck_app.domain.models import FoundSentence, Review, SearchHit, Sentence, SentenceRow
from factcheck_app.gui.search_models import SearchResultModel
from factcheck_app.services.desk import Desk

# One line with no sentence end: the desk keeps it as one sentence of 760,000 characters.
LONG_LINE = "The mayor said that the bridge cost 3 million dollars and nobody checked it " * 10_000
FAR_LINE = "Quiet words about the weather and the harbour that nobody searched for today " * 10_000


def test_a_result_in_a_sentence_of_megabytes_is_shown_without_reading_it_all(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    """Each paint of the results looked for every match in the whole sentence, several
    times a row (its text, its bold words): a search for a word in an imported file of
    one 3 MB line held the window for many seconds at every repaint, as if it had hung.
    The text shown, from just before the first match, is looked for in as much of the
    sentence as finding that match takes, and once per result."""
    with monkeypatch.context() as before_the_cap:  # as a workspace imported then holds them
        before_the_cap.setattr(segmentation, "MAX_SENTENCE_CHARS", 10**9)
        desk.importer.import_text(LONG_LINE, source_name="long.txt")
        far = FAR_LINE + " The bridge was built in 1990."
        desk.importer.import_text(far, source_name="far.txt")
    results = desk.lookup.search("bridge")
    assert len(results.hits) == 2
    read: list[int] = []
    spans = search_models.matched_spans

    def counting(text: str, query: str) -> list[tuple[int, int]]:
        read.append(len(text))
        return spans(text, query)

    monkeypatch.setattr(search_models, "matched_spans", counting)
    model = SearchResultModel()
    model.set_items(results.hits, "bridge")
    qtmodeltester.check(model)
    shown: dict[int, str] = {}
    for row in range(model.rowCount()):
        index = model.index(row, 1)
        for _paint in range(3):
            shown[row] = index.data(Qt.ItemDataRole.DisplayRole)
            highlight = index.data(SearchResultModel.HighlightRole)
        text = shown[row]
        assert highlight and text[highlight[0][0] : highlight[0][1]].lower() == "bridge"
    by_text = {model.item(r).found.row.sentence.text[:5]: shown[r] for r in range(2)}
    assert by_text["The m"].startswith("The mayor said that the bridge")
    assert by_text["Quiet"].startswith("…") and "The bridge was built" in by_text["Quiet"]
    near, far = (len(model.item(r).found.row.sentence.text) for r in range(2))
    assert near not in read  # its match is at the start: never read whole
    assert read.count(far) <= 1  # its match is at the end: read whole once, not each paint
    assert sum(read) < 2 * far


def test_a_number_cut_in_two_by_the_first_look_is_not_taken_for_the_match(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    """The first match is looked for in the sentence's first 4,096 characters, cut at a
    space; a number written in words ("thirty two") is one word with its space, and cut
    there its "thirty" was taken for the match of a search for thirty: the cell showed
    the sentence from there, nothing in it bold, and the "thirty" the search found, further
    on, was out of sight."""
    filler = "Quiet words about the weather and the harbour that nobody searched for "
    start = filler * (search_models.FIRST_LOOK_CHARS // len(filler))
    start += "x" * (search_models.FIRST_LOOK_CHARS - 2 - len(start) - len(" thirty"))
    # The last space before the first look's end is the one inside "thirty two".
    text = start + " thirty two boats " + filler * 4 + "and thirty people came"
    assert text.rfind(" ", 0, search_models.FIRST_LOOK_CHARS) == len(start) + len(" thirty")
    with monkeypatch.context() as before_the_cap:  # as a workspace imported then holds them
        before_the_cap.setattr(segmentation, "MAX_SENTENCE_CHARS", 10**9)
        desk.importer.import_text(text, source_name="boats.txt")
    results = desk.lookup.search("thirty")
    assert len(results.hits) == 1
    model = SearchResultModel()
    model.set_items(results.hits, "thirty")
    qtmodeltester.check(model)
    index = model.index(0, 1)
    shown = index.data(Qt.ItemDataRole.DisplayRole)
    highlight = index.data(SearchResultModel.HighlightRole)
    assert "thirty people" in shown, shown
    assert highlight and shown[highlight[0][0] : highlight[0][1]] == "thirty", (shown, highlight)


def test_a_result_in_a_sentence_of_megabytes_without_spaces_is_shown_without_reading_it_all(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chinese (or Japanese, or Thai) is written without spaces: the first look found no
    space to cut at and read the whole sentence, 7 s of a frozen window for 760,000
    characters at the first paint of the results, though the match was in its first
    words. Cut between two characters there, it is found as near the start."""
    line = "市长说这座桥花了三百万美元没有人检查过它" * 38_000
    with monkeypatch.context() as before_the_cap:  # as a workspace imported then holds them
        before_the_cap.setattr(segmentation, "MAX_SENTENCE_CHARS", 10**9)
        desk.importer.import_text(line, source_name="long.txt")
    results = desk.lookup.search("桥")
    assert len(results.hits) == 1
    assert len(results.hits[0].found.row.sentence.text) == len(line)
    read: list[int] = []
    spans = search_models.matched_spans

    def counting(text: str, query: str) -> list[tuple[int, int]]:
        read.append(len(text))
        return spans(text, query)

    monkeypatch.setattr(search_models, "matched_spans", counting)
    model = SearchResultModel()
    model.set_items(results.hits, "桥")
    index = model.index(0, 1)
    shown = index.data(Qt.ItemDataRole.DisplayRole)
    highlight = index.data(SearchResultModel.HighlightRole)
    assert shown.startswith("市长说这座桥花了")
    assert highlight and shown[highlight[0][0] : highlight[0][1]] == "桥"
    assert len(line) not in read  # its match is at the start: never read whole


@pytest.mark.parametrize(
    ("head", "gap", "tail", "query", "found"),
    [
        # A number and its scale, spaces between (columns of a table kept as text).
        pytest.param("The fleet: 5", " ", "million euros", "5 ", "5 ships", id="number-scale"),
        # A word with invisible characters in it (soft hyphens of a page laid out).
        pytest.param("From Port", "\u00ad", "land", "port ", "port city", id="soft-hyphens"),
    ],
)
def test_a_word_the_first_look_cut_far_from_its_start_is_not_taken_for_the_match(
    desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
    head: str,
    gap: str,
    tail: str,
    query: str,
    found: str,
) -> None:
    """A word of the matcher may hold a run of spaces of any length ("5", a table's column
    of spaces, "million": 5,000,000) or of invisible characters ("Port", soft hyphens,
    "land": "Portland"). Cut inside that run, however far from the word's start, its
    first part ("5", "Port") was taken for the search's first match: the cell showed the
    sentence from its start, nothing bold, and the word searched for out of sight."""
    filler = "Quiet words about the weather and the harbour that nobody searched for "
    # The run reaches past the first look's end: the cut falls inside it.
    run = gap * (search_models.FIRST_LOOK_CHARS + 300)
    text = head + run + tail + ", " + filler * 3 + f"then {found} today " + filler
    assert len(text) > search_models.FIRST_LOOK_CHARS  # not matched whole
    with monkeypatch.context() as before_the_cap:  # as a workspace imported then holds them
        before_the_cap.setattr(segmentation, "MAX_SENTENCE_CHARS", 10**9)
        desk.importer.import_text(text, source_name="table.txt")
    results = desk.lookup.search(query)
    assert len(results.hits) == 1
    model = SearchResultModel()
    model.set_items(results.hits, query)
    qtmodeltester.check(model)
    index = model.index(0, 1)
    shown = index.data(Qt.ItemDataRole.DisplayRole)
    highlight = index.data(SearchResultModel.HighlightRole)
    assert found in shown, shown
    word = shown[highlight[0][0] : highlight[0][1]] if highlight else ""
    assert word.lower() == query.strip(), (shown, highlight)


@pytest.mark.parametrize(
    "lead",
    [
        pytest.param("", id="no-space"),
        pytest.param("2020 ", id="one-space-far-before"),  # starting there: out of view too
    ],
)
def test_a_match_far_into_a_sentence_without_spaces_is_shown_in_its_cell(
    desk: Desk, qtmodeltester: ModelTester, lead: str
) -> None:
    """A Chinese (Japanese, Thai) sentence has no space to start the cell from a few words
    before its match: the cell showed the sentence from its start, cut at 200
    characters, and the word searched for, at its 264th, was out of sight, nothing bold.
    It is shown from a few characters before the match, as a sentence with spaces is."""
    text = lead + "市长说这座桥花了三百万美元，没有人检查过它。" * 12 + "北京的消息。"
    desk.importer.import_text(text, source_name="zh.txt")
    results = desk.lookup.search("北京")
    assert len(results.hits) == 1
    model = SearchResultModel()
    model.set_items(results.hits, "北京")
    qtmodeltester.check(model)
    index = model.index(0, 1)
    shown = index.data(Qt.ItemDataRole.DisplayRole)
    highlight = index.data(SearchResultModel.HighlightRole)
    assert shown.startswith("…") and "北京的消息" in shown, shown
    word = shown[highlight[0][0] : highlight[0][1]] if highlight else ""
    assert word == "北", (shown, highlight)


def test_the_first_look_finds_the_first_match_the_whole_sentence_has(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The matches found in beginnings of a sentence (the first at least) are those the
    whole sentence has (`matched_spans` on all of it), whatever the script, the marks, the
    numbers in words or with their scale, and the long runs of spaces or invisible
    characters a word may hold across the cut: 600 seeded random sentences, the first
    look made 512 characters so that they reach past it (before 4209fc7a, some of them
    differed)."""
    import random

    monkeypatch.setattr(search_models, "FIRST_LOOK_CHARS", 512)
    words = ("5", "million", "thirty", "two", "4.2", "Port", "land", "กล่าว", "ข่าว", "นี้")
    words += ("मंत्री", "北京", "市长", "Zu\u0308rich", "e\u0301", "🙂", ",", ".", "-", "ships")
    held = (("5", " ", "million"), ("Port", "\u00ad", "land"), ("5", "\n", "bn"))
    held += (("ข่าว", " ", "นี้"),)  # a Thai phrase goes on over spaces
    queries = ("5 ", "5", "thirty", "two ", "port ", "กล่าว", "ข่าวนี้", "मंत्री", "北京", "ships")
    rng = random.Random(7)
    differing = []
    for _sentence in range(600):
        parts: list[str] = []
        while sum(map(len, parts)) < 1500:
            if rng.random() < 0.08:
                head, run, tail = rng.choice(held)
                parts += [head, run * rng.randint(200, 700), tail, " "]
            else:
                parts += [rng.choice(words), rng.choice(("", " ", " ", " "))]
        text, query = "".join(parts), rng.choice(queries)
        whole = search_models.matched_spans(text, query)
        found = search_models._matches_from_start(text, query)
        if found != whole[: len(found)] or bool(found) != bool(whole):
            differing.append((query, text))
    assert not differing, differing[:1]


def test_the_cell_shows_in_bold_only_the_words_the_search_found(
    desk: Desk, qtmodeltester: ModelTester
) -> None:
    """The cell starts a few words before the first match; starting inside "thirty two"
    (one word, 32), its "two" was matched again in the cut text and shown in bold: a
    search for "two" showed the wrong word as the one found. The bold words are the
    sentence's own matches, whatever the cut."""
    text = "Quiet words about the weather " * 3 + "thirty two boats and two people came"
    desk.importer.import_text(text, source_name="boats.txt")
    results = desk.lookup.search("two")
    assert len(results.hits) == 1
    model = SearchResultModel()
    model.set_items(results.hits, "two")
    qtmodeltester.check(model)
    index = model.index(0, 1)
    shown = index.data(Qt.ItemDataRole.DisplayRole)
    highlight = index.data(SearchResultModel.HighlightRole)
    assert "two people" in shown, shown
    bold = [shown[start:] for start, _end in highlight or []]
    assert [word[:3] for word in bold] == ["two"], (shown, highlight)
    assert bold[0].startswith("two people"), (shown, highlight)


def test_a_result_s_tooltip_reads_a_bounded_part_of_its_sentence_and_names_its_article(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A result's tooltip holds its sentence, its article and its review. The whole
    sentence went through `bidi_neutral` at each hover: 0.36 s for a 3.6 MB one holding
    a bidi control (a pre-cut workspace), before the tooltip kept its first 1,200
    characters; and a sentence longer than those (up to 5,000 since they are cut) left the
    article and the tag out of the tooltip, for the sake of the sentence's end."""
    import factcheck_app.gui.models as gui_models

    line = "\u202bThe mayor said that the bridge cost 3 million dollars and nobody checked it "
    with monkeypatch.context() as before_the_cap:  # as a workspace imported then holds them
        before_the_cap.setattr(segmentation, "MAX_SENTENCE_CHARS", 10**9)
        desk.importer.import_text(line * 10_000, source_name="long.txt")
    desk.importer.import_text(line * 40, source_name="long enough.txt")
    results = desk.lookup.search("bridge")
    assert len(results.hits) == 2
    read: list[int] = []
    neutral = gui_models.bidi_neutral

    def counting(text: str) -> str:
        read.append(len(text))
        return neutral(text)

    monkeypatch.setattr(gui_models, "bidi_neutral", counting)
    model = SearchResultModel()
    model.set_items(results.hits, "bridge")
    for row in range(2):
        tooltip = model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
        assert "Article: The mayor" in tooltip and "Found in: Sentence" in tooltip, tooltip
        assert "The mayor said that the bridge" in tooltip
    assert read and max(read) <= gui_models.TOOLTIP_CHARS + 1, read


def test_a_chinese_cell_shows_as_little_before_its_match_as_an_english_one(
    desk: Desk, qtmodeltester: ModelTester
) -> None:
    """The cell starts 14 characters before the match: in English a word or two, in
    Chinese (or Japanese, or Korean) fourteen characters twice as wide, which at 1024×640
    filled the Sentence column, the word found cut off behind its "…", nothing bold in
    sight. The characters before the match take no more room than in English."""
    from PySide6.QtGui import QFontMetricsF
    from PySide6.QtWidgets import QApplication

    chinese = "市长说这座桥花了三百万美元，没有人检查过它。" * 5 + "北京的消息。"
    english = "Quiet words about the weather and the harbour " * 3 + "Beijing news today."
    desk.importer.import_text(chinese, source_name="zh.txt")
    desk.importer.import_text(english, source_name="en.txt")
    metrics = QFontMetricsF(QApplication.font())
    room = []
    for query, word in (("北京", "北"), ("beijing", "Beijing")):
        results = desk.lookup.search(query)
        assert len(results.hits) == 1
        model = SearchResultModel()
        model.set_items(results.hits, query)
        qtmodeltester.check(model)
        index = model.index(0, 1)
        shown = index.data(Qt.ItemDataRole.DisplayRole)
        highlight = index.data(SearchResultModel.HighlightRole)
        assert highlight and shown[highlight[0][0] :].startswith(word), (shown, highlight)
        room.append(metrics.horizontalAdvance(shown[: highlight[0][0]]))
    assert room[0] <= 1.25 * room[1], (room, shown)


def test_a_result_in_a_sentence_of_megabytes_of_thai_is_shown_without_reading_it_all(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thai is written without spaces, and a phrase searched for goes on over spaces and
    punctuation: a line of it has no place where no word goes across (`word_break`), and
    its 756,000 characters were read whole, 1.5 s, though the match was in its first
    words. It is cut between two letters, and trusted as far as no phrase of the query
    can go across."""
    line = "นายกรัฐมนตรีกล่าวว่าข่าวนี้" * 28_000
    with monkeypatch.context() as before_the_cap:  # as a workspace imported then holds them
        before_the_cap.setattr(segmentation, "MAX_SENTENCE_CHARS", 10**9)
        desk.importer.import_text(line, source_name="long.txt")
    results = desk.lookup.search("กล่าว")
    assert len(results.hits) == 1
    read: list[int] = []
    spans = search_models.matched_spans

    def counting(text: str, query: str) -> list[tuple[int, int]]:
        read.append(len(text))
        return spans(text, query)

    monkeypatch.setattr(search_models, "matched_spans", counting)
    model = SearchResultModel()
    model.set_items(results.hits, "กล่าว")
    index = model.index(0, 1)
    shown = index.data(Qt.ItemDataRole.DisplayRole)
    highlight = index.data(SearchResultModel.HighlightRole)
    assert highlight and shown[highlight[0][0] : highlight[0][1]] == "กล่าว", (shown, highlight)
    assert len(line) not in read  # its match is at the start: never read whole


def test_a_result_s_tooltip_shows_the_words_before_a_match_far_into_a_long_sentence(
    desk: Desk,
) -> None:
    """The tooltip shows 800 characters of a long sentence; from where its cell starts, a
    few words before the match, it showed little of what led up to it (a match near the
    end: the match and the sentence's last words). It starts a few lines of the tooltip
    earlier."""
    filler = "Quiet words about the weather and the harbour that nobody searched for "
    text = filler * 40 + "the council said the bridge lost 3 million dollars last year"
    desk.importer.import_text(text, source_name="bridge.txt")
    results = desk.lookup.search("bridge")
    assert len(results.hits) == 1
    model = SearchResultModel()
    model.set_items(results.hits, "bridge")
    tooltip = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "the council said the bridge" in tooltip
    before = tooltip[: tooltip.index("the council said the bridge")]
    assert before.count("Quiet words") >= 2, tooltip


@pytest.mark.parametrize(("rows", "row"), [(40, 30), (70, 45)], ids=["40-rows", "70-rows"])
def test_a_result_s_tooltip_keeps_the_match_and_article_of_a_sentence_of_many_lines(
    desk: Desk, rows: int, row: int
) -> None:
    """A table of results without full stops is one sentence of a line a row. A tooltip
    shows 20 lines at most: the sentence's first 20 (of it whole, or of its 800 characters
    shown) filled them, and the row searched for, or the article and the review, were cut
    off ("…")."""
    table = "\n".join(f"District {n}: {n * 37} votes" for n in range(rows))
    desk.importer.import_text(f"Turnout by district\n{table}\nAll counted.", source_name="t.txt")
    results = desk.lookup.search(str(row * 37))
    assert len(results.hits) == 1
    model = SearchResultModel()
    model.set_items(results.hits, str(row * 37))
    tooltip = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert f"District {row}: {row * 37} votes" in tooltip, tooltip
    assert "Article: Turnout" in tooltip and "Found in: Sentence" in tooltip, tooltip
    assert f"District {row - 1}: " in tooltip  # what leads up to it


def test_a_cell_starting_before_its_match_starts_at_a_word(desk: Desk) -> None:
    """A Polish or French site's words are often apart at no-break spaces (after "w",
    "i", "–", before ":"), which the cell shows as spaces: it looked for a space only,
    found none and started inside a word ("…czecin – 444, Puck")."""
    text = (
        "Wyniki:\u00a0Gdańsk\u00a0–\u00a0370,\u00a0Gdynia\u00a0–\u00a0407,\u00a0Szczecin"
        "\u00a0–\u00a0444,\u00a0Puck\u00a0–\u00a0481 głosów"
    )
    desk.importer.import_text(text, source_name="t.txt")
    results = desk.lookup.search("puck")
    assert len(results.hits) == 1
    model = SearchResultModel()
    model.set_items(results.hits, "puck")
    line = model.index(0, 1).data(Qt.ItemDataRole.DisplayRole)
    assert line.startswith("…"), line
    first = line.removeprefix("…").split(" ")[0]
    assert first in text.split(), line


def test_a_result_s_tooltip_cuts_a_long_thai_sentence_between_letters(desk: Desk) -> None:
    """Thai has no spaces between words: the tooltip of a long sentence starts and ends
    where a count of characters falls, and began with the tone mark or vowel sign of the
    letter before it ("…่าว"), drawn on the "…" or a dotted circle, or left a letter's
    marks out at its end ("ที…" of "ที่")."""
    import unicodedata

    texts = []
    for shift in range(16, 24):
        texts.append("กล่าวว่า" * 200 + "ก" * shift + "ข่าวนี้" + "ที่นี่" * 100)
        desk.importer.import_text(texts[-1], source_name=f"thai {shift}.txt")
    results = desk.lookup.search("ข่าวนี้")
    assert len(results.hits) == len(texts)
    model = SearchResultModel()
    model.set_items(results.hits, "ข่าวนี้")
    for row in range(len(texts)):
        text = model.item(row).found.row.sentence.text
        tooltip = model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
        shown = tooltip.removeprefix("<p>").split("</p>")[0].replace("\u200b", "")
        assert shown.startswith("…") and shown.endswith("…") and "ข่าวนี้" in shown, shown
        start = text.index(shown[1:-1])
        end = start + len(shown) - 2
        assert not unicodedata.category(text[start]).startswith("M"), shown[:8]
        assert not unicodedata.category(text[end]).startswith("M"), shown[-8:]


def test_a_result_s_tooltip_of_a_sentence_without_spaces_fits_the_screen(desk: Desk) -> None:
    """A long run with nowhere to break a line (a key or a data blob pasted in an article,
    quoted whole) made the tooltip's first line as wide as the run: 800 characters ran off
    the screen's right edge, and the match after them was out of sight. A tooltip wraps at
    half the screen's width; the run is now broken where it must be."""
    from PySide6.QtWidgets import QLabel

    blob = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEy" * 20
    desk.importer.import_text(f"The key was {blob} and the bridge {blob}", source_name="k.txt")
    results = desk.lookup.search("bridge")
    assert len(results.hits) == 1
    model = SearchResultModel()
    model.set_items(results.hits, "bridge")
    tooltip = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    label = QLabel(tooltip)  # as Qt shows a tooltip of rich text: wrapped
    label.setWordWrap(True)
    assert label.minimumSizeHint().width() <= 1024 // 2, label.minimumSizeHint()


def test_a_long_sentence_s_tooltip_starts_at_a_word_after_no_break_spaces(desk: Desk) -> None:
    """The tooltip of a long sentence starts a few lines before the match, at a space:
    a Polish site's words apart at no-break spaces had none there, and it started inside
    a word ("…ku, w Gdyni" of "Gdańsku"), as the cell did."""
    words = "w Gdańsku, w Gdyni i w Szczecinie oraz w Pucku".replace(" ", "\u00a0")
    text = ",\u00a0".join([words] * 30) + " i\u00a0Helu – podała komisja wyborcza w Ustce."
    desk.importer.import_text(text, source_name="t.txt")
    results = desk.lookup.search("ustce")
    assert len(results.hits) == 1
    model = SearchResultModel()
    model.set_items(results.hits, "ustce")
    tooltip = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    shown = tooltip.removeprefix("<p>").split("</p>")[0].replace("\u200b", "")
    assert shown.startswith("…") and "Ustce" in shown, shown
    first = shown.removeprefix("…").replace("\u00a0", " ").split(" ")[0]
    assert first in text.replace("\u00a0", " ").split(" "), shown[:40]


def test_a_long_run_of_flags_and_emoji_keeps_them_whole_in_a_result_s_tooltip(
    desk: Desk,
) -> None:
    """A long run without spaces is broken in the tooltip (a zero-width space every 60
    characters): a post's row of flags after a hashtag was broken inside a flag, and every
    flag after the break paired the wrong letters (🇺🇦🇺🇦 shown as 🇦🇺, Australia's), and a
    thumb lost its skin tone to a square of colour beside it."""
    flags = "#StandWithUkraine" + "🇺🇦" * 40
    thumbs = "Great" + "👍🏽" * 40
    scotland = "Go" + "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f" * 20
    text = f"Supporters posted {flags} and {thumbs} and {scotland} under the bridge story"
    desk.importer.import_text(text, source_name="post.txt")
    results = desk.lookup.search("bridge")
    assert len(results.hits) == 1
    model = SearchResultModel()
    model.set_items(results.hits, "bridge")
    tooltip = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    shown = tooltip.removeprefix("<p>").split("</p>")[0]
    assert "\u200b" in shown  # (the runs are still broken, between whole flags)
    for at, character in enumerate(shown):
        if character != "\u200b":
            continue
        before, after = shown[:at], shown[at + 1 :]
        letters_before = len(before) - len(
            before.rstrip("".join(map(chr, range(0x1F1E6, 0x1F200))))
        )
        assert letters_before % 2 == 0, f"a flag broken: {before[-4:]!r} | {after[:4]!r}"
        assert not "\U0001f3fb" <= after[0] <= "\U0001f3ff", f"a skin tone cut off: {after[:4]!r}"
        assert not "\U000e0020" <= after[0] <= "\U000e007f", f"a flag's tag cut off: {after[:4]!r}"


def test_a_cell_starting_in_a_row_of_flags_starts_between_two_flags(desk: Desk) -> None:
    """A match after a row of flags with no space before it: the cell starts a count of
    characters before the match, and started between a flag's two letters: every flag
    it showed paired the wrong letters (🇺🇦🇺🇦 shown as 🇦🇺🇦🇺, Australia's flags)."""
    text = "Supporters posted " + "🇺🇦" * 30 + "—bridge story"
    desk.importer.import_text(text, source_name="post.txt")
    results = desk.lookup.search("bridge")
    assert len(results.hits) == 1
    model = SearchResultModel()
    model.set_items(results.hits, "bridge")
    line = model.index(0, 1).data(Qt.ItemDataRole.DisplayRole)
    assert line.startswith("…🇺🇦"), line


def test_a_result_s_tooltip_shows_a_match_after_many_blank_lines(desk: Desk) -> None:
    """Merge with Next keeps the article's text between two sentences: a paragraph's
    blank lines too (an article converted from a web page may have a dozen). A tooltip
    of a long sentence starts a few lines before its cell's line, and the cell starts a
    few characters before the match: in the blank lines, which the cell shows as one
    space, but the tooltip as lines. The match, at a line's start, fell past the
    tooltip's lines: it showed "…", blank lines and "…", not the words searched for."""
    first = "Results by district follow " + "and the count went on through the night " * 25
    desk.importer.import_text(
        "Votes\n\n" + first + "\n" * 20 + "Turnout was 61 percent.", source_name="v.txt"
    )
    [hit] = desk.lookup.search("turnout").hits
    before = desk.repo.sentences.get_sentence(hit.found.row.sentence.id - 1)
    assert before.text.startswith("Results by district")
    desk.boundaries.merge_with_next(before.id)
    results = desk.lookup.search("turnout")
    assert len(results.hits) == 1
    model = SearchResultModel()
    model.set_items(results.hits, "turnout")
    assert model.index(0, 1).data(Qt.ItemDataRole.DisplayRole) == "…Turnout was 61 percent."
    tooltip = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "Turnout was 61 percent." in tooltip, tooltip
    assert "Article: Votes" in tooltip, tooltip


@pytest.mark.parametrize(
    "text",
    [
        "🔴 BREAKING: the bridge was closed this morning",
        "Supporters posted #StandWithUkraine🇺🇦🇺🇦 under the bridge story",
        "𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠 news: the bridge was closed",  # letters of Unicode's maths block
    ],
    ids=["emoji", "flags", "maths-letters"],
)
def test_the_bold_words_of_a_cell_after_an_emoji_are_the_words_found(desk: Desk, text: str) -> None:
    """Qt counts an emoji (any character past U+FFFF) as two places, Python as one: the
    cell drew in bold a word's worth of characters shifted by one for each emoji before
    it ("🔴 BREAKING: the ", "th[e brid]ge"), not the word found."""
    from PySide6.QtGui import QFont

    from factcheck_app.gui.search_models import FoundSentenceModel, highlighted_line

    desk.importer.import_text(text, source_name="post.txt")
    results = desk.lookup.search("bridge")
    assert len(results.hits) == 1
    model = SearchResultModel()
    model.set_items(results.hits, "bridge")
    index = model.index(0, 1)
    line = index.data(Qt.ItemDataRole.DisplayRole)
    spans = index.data(FoundSentenceModel.HighlightRole)
    layout = highlighted_line(line, spans, QFont(), 1e6)
    units = layout.text().encode("utf-16-le")  # Qt's places: two bytes each
    bold = [
        units[2 * r.start : 2 * (r.start + r.length)].decode("utf-16-le") for r in layout.formats()
    ]
    assert bold == ["bridge"], bold


def test_a_long_run_of_hindi_conjuncts_is_broken_between_whole_ones_in_a_tooltip(
    desk: Desk,
) -> None:
    """The tooltip's breaks in a long run follow the splitter's rule of what shows as one
    character (`drawn_start`): a break after a virama split its conjunct, the virama shown
    alone and the next consonant bare."""
    conjuncts = "क्ष" * 40  # ka, virama, ssa: one conjunct each, no space in the run
    text = f"The minister wrote #{conjuncts} and #x{conjuncts} under the bridge story"
    desk.importer.import_text(text, source_name="note.txt")
    results = desk.lookup.search("bridge")
    assert len(results.hits) == 1
    model = SearchResultModel()
    model.set_items(results.hits, "bridge")
    tooltip = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "\u200b" in tooltip  # the run is still broken
    assert "\u094d\u200b" not in tooltip


def _distinct_words(size: int) -> list[str]:
    """Words each written once (a data dump, a list of names): as many as make `size`
    characters with their spaces."""
    letters = "bcdfghjklmnpqrstvwxz"
    words, chars, number = [], 0, 0
    while chars < size:
        word, rest = "", number
        for _letter in range(4):
            word, rest = word + letters[rest % len(letters)], rest // len(letters)
        words.append(word + "o")  # (a vowel: no stem of it is cut short)
        chars, number = chars + len(word) + 2, number + 1
    return words


@pytest.mark.parametrize("where", [0.5, 1.0])
def test_a_match_deep_in_a_sentence_of_distinct_words_is_shown_reading_a_part_of_it(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, where: float
) -> None:
    """A sentence of 760,000 characters of words each written once (a dump of names or
    codes, imported as one line before sentences were cut) with the match half-way or at
    its end: each of its words was normalised one by one in ever longer beginnings (1.2
    million characters read), and the first paint of the results froze the window for
    3 s. Only a part near the match is read word by word; the match is in view, in bold."""
    words = _distinct_words(760_000)
    words.insert(int(len(words) * where) - 2, "bridges")
    line = " ".join(words)
    with monkeypatch.context() as before_the_cap:  # as a workspace imported then holds them
        before_the_cap.setattr(segmentation, "MAX_SENTENCE_CHARS", 10**9)
        desk.importer.import_text(line, source_name="dump.txt")
    results = desk.lookup.search("bridge")
    assert len(results.hits) == 1
    read: list[int] = []
    spans = search_models.matched_spans

    def counting(text: str, query: str) -> list[tuple[int, int]]:
        read.append(len(text))
        return spans(text, query)

    monkeypatch.setattr(search_models, "matched_spans", counting)
    model = SearchResultModel()
    model.set_items(results.hits, "bridge")
    index = model.index(0, 1)
    shown = index.data(Qt.ItemDataRole.DisplayRole)
    highlight = index.data(SearchResultModel.HighlightRole)
    assert highlight and shown[highlight[0][0] : highlight[0][1]] == "bridges", shown
    assert highlight[0][0] < 40  # in view, a few words after the start
    assert sum(read) <= 50_000, read


def test_a_sentence_read_in_parts_shows_the_matches_it_shows_read_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Read in parts (from one `read_from` place to the next), a sentence's first match
    and the bold words a cell's line from it can show are those of the sentence read
    whole, whatever is at the parts' edges: numbers in words and their scales, hyphens,
    soft hyphens, accents, Chinese, Thai, flags, Greek capitals."""
    import random

    from factcheck_app.domain.matching import match_needles, matched_spans

    monkeypatch.setattr(search_models, "PART_CHARS", 40)
    words_of = [
        "bridge",
        "bridges",
        "Bridgé",
        "carried",
        "carry",
        "thirty",
        "two",
        "5",
        "million",
        "4.2",
        "per",
        "cent",
        "%",
        "1990",
        "bn",
        "mayor",
        "ma\xadyor",
        "桥",
        "市长",
        "ข่าว",
        "Ganja",
        "ΟΔΟΣ",
        "οδος",
        "well-known",
        "Baku's",
        "🇺🇦",
        "x",
        "-",
        "twenty-one",
        "hundred",
        "été",
        "Straße",
        "strasse",
        ",",
        ".",
    ]
    queries = ["bridge", "carry", "ma", "percent", "mayor", "strasse", "οδος", "ganja -x"]
    queries += ["bri", "cent", "carri", "hundred", "baku", "été", "known"]
    pick = random.Random(7)
    answered = 0
    for _text in range(600):
        words = pick.choices(words_of, k=pick.randint(10, 100))
        text = "".join(word + pick.choice([" ", " ", "  ", "\n", ", "]) for word in words) * 3
        query = pick.choice(queries)
        needles = match_needles(query)
        assert needles is not None, query
        parts = search_models._matches_in_parts(text, query, needles)
        if parts is None:
            continue  # no place to cut at: read in beginnings, as before
        answered += 1
        whole = matched_spans(text, query)
        assert bool(parts) == bool(whole), (query, text)
        if whole:
            in_line = [span for span in whole if span[0] < whole[0][0] + 2 * search_models.ONE_LINE]
            assert parts[0] == whole[0], (query, text)
            assert set(in_line) <= set(parts) <= set(whole), (query, text)
    assert answered > 300


def _hit(text: str, title: str, **review: str) -> SearchHit:
    """A result of a sentence in an article of `title`, reviewed with `review`."""
    sentence = Sentence(1, 1, 0, len(text), 0, text)
    return SearchHit(
        FoundSentence(SentenceRow(sentence, Review(1, **review)), title), ("Sentence",)
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The commission said turnout reached 61 percent and the bridge was closed. " * 18,
        # A long run without spaces (a link, a code) is broken for wrapping: each break
        # took one of the tooltip's 1,200 characters from its end.
        "The bridge, see " + "https://example.org/" + "x" * 700 + " for the commission.",
    ],
    ids=["prose", "long-run"],
)
def test_a_result_s_tooltip_keeps_its_review_after_a_long_sentence_and_title(
    qtmodeltester: ModelTester, sentence: str
) -> None:
    """A result's tooltip is its sentence (800 characters of it at most), its article and
    its review, cut to 1,200 characters: after a long sentence, a long title (a live blog's)
    and a claimant took the rest, and the verdict and claimant, what the reviewer hovers
    for, were cut off ("Claimant: Deputy chair of the Central Election Commission of the
    Republic, speaking…", the verdict gone with a longer title). The sentence gives way."""
    title = "Live updates: " + "election night across the regions, results and reactions " * 6
    claimant = "Deputy chair of the Central Election Commission of the Republic, to reporters"
    model = SearchResultModel()
    model.set_items([_hit(sentence, title, claimant=claimant, verdict="mostly_false")], "bridge")
    qtmodeltester.check(model)
    tooltip = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "bridge" in tooltip
    assert "Verdict: Mostly false" in tooltip, tooltip[-300:]
    assert f"Claimant: {claimant}</p>" in tooltip, tooltip[-300:]
    assert "Article: Live updates: election night" in tooltip
    assert "…<br>" in tooltip  # the sentence says it goes on


@pytest.mark.parametrize("column", [4, 5], ids=["claimant", "article"])
def test_a_claimant_or_title_cut_inside_a_number_shows_no_bold_the_search_did_not_find(
    qtmodeltester: ModelTester, column: int
) -> None:
    """A claimant or title longer than a cell's line is cut at 200 characters ("…"); cut
    inside "thirty two" (32), the "thirty" left was matched again in the line and shown
    in bold for a search for 30, which did not find it. The bold words are the claimant's
    or title's own matches, as in the Sentence column."""
    tail = "the council of thirty two members"
    head = ("Spokesman for the " + "regional electoral districts and " * 6)[: 193 - 15]
    long = head + tail  # its line: "…the council of thirty…"
    hit = _hit("A sentence about thirty people.", long, claimant=long)
    model = SearchResultModel()
    model.set_items([hit], "30")
    qtmodeltester.check(model)
    index = model.index(0, column)
    assert index.data(Qt.ItemDataRole.DisplayRole).endswith("thirty…")
    assert index.data(SearchResultModel.HighlightRole) is None
    # Its own matches are bold: "thirty" for a search for 30 in the sentence's cell.
    assert model.index(0, 1).data(SearchResultModel.HighlightRole)


@pytest.mark.parametrize(
    "rest",
    [
        "data:image/png;base64," + "iVBORw0KGgoAAAANSUhEUgAA+/9x" * 28_000,  # a page's image
        "".join(chr(0x4E00 + (n * 7919) % 20_000) for n in range(700_000)),  # Chinese
    ],
    ids=["base64", "chinese"],
)
def test_a_match_at_the_end_of_a_part_before_a_long_run_without_spaces_shows_at_once(
    monkeypatch: pytest.MonkeyPatch, rest: str
) -> None:
    """A long line read in parts whose match is near the end of a part: the cell's line
    may go on into the next part, read too. With no space for a part to end at after it
    (a page's image quoted as base64, a long Chinese passage), all the rest of the line
    was read word by word (700,000 characters: 1.1 s of a frozen first paint, 0.03 s
    before it was read in parts). The words read beyond the part are as many as the
    line can show; a match there is still in bold."""
    words = _distinct_words(7_900)
    head = " ".join(words)
    head = head[: head.rindex(" ", 0, 7_950)]  # the next part from some 8,000
    filler = " ".join(_distinct_words(100))
    text = f"{head} bridges {filler} bridge {filler} {filler} {rest}"
    read: list[int] = []
    spans = search_models.matched_spans

    def counting(text: str, query: str) -> list[tuple[int, int]]:
        read.append(len(text))
        return spans(text, query)

    monkeypatch.setattr(search_models, "matched_spans", counting)
    model = SearchResultModel()
    model.set_items([_hit(text, "Scraped page")], "bridge")
    index = model.index(0, 1)
    shown = index.data(Qt.ItemDataRole.DisplayRole)
    bold = [shown[a:b] for a, b in index.data(SearchResultModel.HighlightRole)]
    assert bold == ["bridges", "bridge"], (bold, shown)
    assert sum(read) <= 50_000, read


def test_a_line_read_in_parts_past_runs_without_spaces_shows_what_it_shows_read_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The cell's line read on past a part's end stops where no word goes across, in a
    run with no space to end a part at (Chinese, base64, Thai, dotted codes), and in a
    word of letters too long to stop in, at its end: the first match and the bold words
    the line can show are those of the sentence read whole."""
    import random

    from factcheck_app.domain.matching import match_needles, matched_spans

    monkeypatch.setattr(search_models, "PART_CHARS", 40)
    words = ["bridge", "bridges", "Bridgé", "carried", "thirty", "two", "5", "million"]
    words += ["ma\xadyor", "桥", "ΟΔΟΣ", "well-known", "Baku's", "x", "İstanbul", "Straße"]
    runs = ["桥" * 1_500, "ข่าวนี้" * 400, "AbC1+/x" * 300, "ab" * 900, "x-y." * 500]
    queries = ["bridge", "bri", "carry", "mayor", "οδος", "istanbul", "strasse", "x", "ab"]
    pick = random.Random(11)
    answered = 0
    for _text in range(200):
        pieces = []
        for _piece in range(pick.randint(3, 8)):
            pieces += [w + pick.choice([" ", "\n", ", "]) for w in pick.choices(words, k=30)]
            if pick.random() < 0.4:
                pieces.append(pick.choice(runs) + pick.choice([" ", ", "]))
        text = "".join(pieces)
        query = pick.choice(queries)
        needles = match_needles(query)
        assert needles is not None, query
        parts = search_models._matches_in_parts(text, query, needles)
        if parts is None:
            continue  # no place to cut at: read in beginnings, as before
        answered += 1
        whole = matched_spans(text, query)
        assert bool(parts) == bool(whole), (query, text)
        if whole:
            in_line = [span for span in whole if span[0] < whole[0][0] + 2 * search_models.ONE_LINE]
            assert parts[0] == whole[0], (query, text)
            assert set(in_line) <= set(parts) <= set(whole), (query, text)
    assert answered > 75
