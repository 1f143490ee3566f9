"""Tests for search normalisation and similarity (factcheck_app.domain.matching)."""

from __future__ import annotations

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from factcheck_app.domain.matching import (
    MAX_QUERY_WORDS,
    content_tokens,
    fts5_query,
    index_words,
    match_needles,
    matched_spans,
    may_match,
    read_from,
    run_break,
    search_expression,
    similarity,
    title_form,
    word_break,
)


def test_similarity_survives_rewording_and_number_formats() -> None:
    a = "Baku said one civilian had been killed and 32 wounded in Ganja."
    b = "According to Baku, 1 civilian was killed and thirty-two people were wounded in Ganja."
    c = "The central bank has denied manipulating the exchange rate."
    assert similarity(a, a) == 1.0
    assert similarity(a, b) > 0.5
    assert similarity(a, c) < 0.15
    assert similarity(a, b) == similarity(b, a)
    assert similarity("", a) == 0.0
    assert similarity("Ganja has 332,000 people", "Ganja has 332000 people") == 1.0
    # A changed number still leaves the statement close, but less than an identical one.
    changed = similarity("Baku said 32 were wounded", "Baku said 35 were wounded")
    assert 0.6 < changed < 1.0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.text(max_size=120))
def test_similarity_is_bounded_and_symmetric(a: str, b: str) -> None:
    s = similarity(a, b)
    assert 0.0 <= s <= 1.0
    assert s == similarity(b, a)


def test_content_tokens_and_fts5_query() -> None:
    text = "Ganja, a city of roughly 332,000 people — 4.2 million tonnes, 70% “effective”"
    norm = " ".join(content_tokens(text))
    assert norm == "ganja city roughly 332000 peopl 4200000 tonn 70 percent effectiv"
    assert content_tokens("causes") == content_tokens("caused") == ["caus"]
    assert fts5_query("Baku's claims: Baku said") == '"baku" OR "claim"'
    for token in fts5_query('x" OR y NEAR(z) *').split(" OR "):
        assert token.startswith('"') and token.endswith('"') and token[1:-1].isalnum()


def _made_up_words(count: int, length: int) -> list[str]:
    """`count` distinct words of `length` letters that no stemmer shortens (aab, aac...)."""
    letters = "bcdfghjklmnpqrstvwxz"
    words = []
    for number in range(count):
        word = ""
        for _ in range(length):
            number, digit = divmod(number, len(letters))
            word += letters[digit]
        words.append(word)
    return words


def test_the_earlier_verdicts_query_of_a_hostile_sentence_is_bounded() -> None:
    # A hostile page can make one "sentence" of thousands of distinct words; an OR query
    # of them all made FTS5 rank for seconds to minutes (5,000 words: 14 s).
    claim = "Baku said one civilian had been killed and 32 wounded in Ganja"
    text = " ".join(_made_up_words(5000, 3)) + " " + claim
    terms = fts5_query(text).split(" OR ")
    assert len(terms) == MAX_QUERY_WORDS
    # The longest words are kept (the rarest, as a rule): the claim's own words here
    # (its short numbers give way to the 3-letter words).
    kept = {t.strip('"') for t in terms}
    assert {"baku", "civilian", "kill", "wound", "ganja"} <= kept


def test_the_earlier_verdicts_query_keeps_every_word_of_an_ordinary_sentence() -> None:
    words = _made_up_words(MAX_QUERY_WORDS, 4)
    assert fts5_query(" ".join(words + words)) == " OR ".join(f'"{w}"' for w in words)
    # Cut to the longest, in the order they were written.
    longer = [w + "x" for w in _made_up_words(3, 5)]
    text = " ".join([longer[2], *words, longer[0], longer[1]])
    assert fts5_query(text).split(" OR ")[:1] == [f'"{longer[2]}"']
    assert fts5_query(text).split(" OR ")[-2:] == [f'"{longer[0]}"', f'"{longer[1]}"']


def test_index_words_keep_stop_words_and_fold_numbers() -> None:
    assert index_words("There is NO truth to it, 4,000 Protesters said") == (
        "ther is no truth to it 4000 protester said"
    )
    assert index_words("thirty-two") == index_words("32") == "32"
    assert index_words("Gəncə café") == "gəncə cafe"  # letters of any script stay whole


def test_search_expression_is_all_words_with_phrases_and_a_typing_prefix() -> None:
    assert search_expression("Ganja 332,000") == '"ganja" AND "332000"*'
    assert search_expression("Ganja 332,000 ") == '"ganja" AND "332000"'
    assert search_expression('"no truth to" Baku') == '"no truth to" AND "baku"*'
    assert search_expression("  ,, ") is None
    assert search_expression('""') is None


def test_sharp_s_and_double_s_are_the_same_word() -> None:
    """A Swiss paper writes "Strasse", a German one "Straße": a search for either found
    only its own spelling (as Find Article did not: it folds titles so)."""
    assert index_words("Straße STRASSE Strasse straẞe") == "strass strass strass strass"
    assert search_expression("Straße ") == search_expression("Strasse ") == '"strass"'
    from factcheck_app.domain.matching import matched_spans

    assert matched_spans("Die Straße ist zu.", "strasse ") == [(4, 10)]


def test_a_word_typed_last_with_its_accent_apart_is_still_being_typed() -> None:
    """A pasted "Zü" from a Mac or a PDF is "Zu" and a combining diaeresis: it searched for
    the word "zu" alone, where "Zü" written as one character found "Zürich" as one
    types. Both are the start of a word."""
    composed, decomposed = "Z\u00fc", "Zu\u0308"
    assert search_expression(decomposed) == search_expression(composed) == '"zu"*'
    assert search_expression("Gene\u0301") == search_expression("Gen\u00e9")
    assert search_expression("Zu\u0308 ") == '"zu"'  # a space still ends the word
    from factcheck_app.domain.matching import matched_spans

    assert matched_spans("Z\u00fcrich voted.", decomposed) == [(0, 6)]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
@example('"0\U0002a7000')  # a CJK letter newer than Python's old tables: SQLite keeps it
@example("\u19b0 Ganja")  # a mark SQLite drops: the search still finds Ganja
@example("0 -\u00b2")  # a minus before a superscript figure: a minus number, as "-2"
@example("0\r-A")  # a word left out after a line break: the row holds the rest only
def test_search_expression_never_lets_fts5_syntax_through(query: str) -> None:
    import sqlite3

    from factcheck_app.domain.matching import left_out

    expression = search_expression(query)
    if expression is None:
        return
    from factcheck_app.storage.search import VERDICT_CREATE_SQL

    # The row it came from is what it asks to find: its words but those it leaves out
    # (`-word`), and none of those among them ("a -a" finds nothing, rightly).
    kept, out = left_out(query)
    row = index_words(kept)
    assume(not set(index_words(" ".join(out)).split()) & set(row.split()))
    db = sqlite3.connect(":memory:")
    db.execute(VERDICT_CREATE_SQL.format(table="t"))  # the index's own tokenizer
    db.execute("INSERT INTO t VALUES (?)", [row])
    # Never a syntax error, and what was typed finds the row it came from.
    assert db.execute("SELECT count(*) FROM t WHERE t MATCH ?", [expression]).fetchone() == (1,)


def test_a_minus_before_any_figure_is_a_minus_number_not_a_word_left_out() -> None:
    """Found by the property test above: "-5%" is a minus number, not "leave out 5",
    but "-²" (or "-½", "-①") left out "2", the figure it is indexed as: a search for
    "0 -²" found nothing in the very text it was typed from."""
    assert search_expression("0 -\u00b2") == search_expression("0 -2") == '"0" AND "2"*'
    assert search_expression("rate -\u00bd") == search_expression("rate \u00bd")
    assert search_expression("Ganja -prosecutor") == '("ganja") NOT "prosecutor"'


def test_matched_spans_mark_the_words_as_written() -> None:
    from factcheck_app.domain.matching import matched_spans

    text = "The attacks on Ganja, a city of roughly 332,000 people, kept targeting civilians."
    words = lambda query: [text[a:b] for a, b in matched_spans(text, query)]  # noqa: E731
    assert words("ganja 332000 ") == ["Ganja", "332,000"]
    assert words("targeti") == ["targeting"]  # still being typed
    assert words("civilian people ") == ["people", "civilians"]
    assert words("Lisbon") == [] and words("  ") == []


def test_a_letter_sqlite_does_not_know_is_left_out_of_the_query() -> None:
    """Found by the property test above: U+19B0 is a letter to Python but no token to
    SQLite's tokenizer, and a term of it made every AND-query find nothing."""
    assert search_expression("ᦰ") is None
    assert search_expression("Ganja ᦰ") == '"ganja"'
    assert search_expression("ᦰ Ganj") == '"ganj"*'


def test_the_table_of_dropped_characters_is_the_tokenizers_own() -> None:
    """The search box leaves out terms the index's tokenizer makes nothing of; the table
    it uses must be what this SQLite does (rebuild it with
    resources/search/build_token_chars.py if a new SQLite disagrees)."""
    import sqlite3

    from factcheck_app.domain.matching import _kept_by_index
    from factcheck_app.storage.search import VERDICT_CREATE_SQL

    db = sqlite3.connect(":memory:")
    db.execute(VERDICT_CREATE_SQL.format(table="t"))  # the index's own tokenizer
    db.execute("CREATE VIRTUAL TABLE words USING fts5vocab(t, 'instance')")
    # Every character of the first planes, and a stride through the rest.
    points = [c for c in range(1, 0x3400) if not 0xD800 <= c <= 0xDFFF]
    points += list(range(0x3400, 0x110000, 97))
    points = [c for c in points if not 0xD800 <= c <= 0xDFFF]
    db.executemany("INSERT INTO t(rowid, words) VALUES (?, ?)", ((c, chr(c)) for c in points))
    kept = {row[0] for row in db.execute("SELECT DISTINCT doc FROM words")}
    wrong = [hex(c) for c in points if (c in kept) != _kept_by_index(chr(c))]
    assert wrong == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=60))
def test_ascii_text_is_tokenised_as_the_unicode_pattern_would(text: str) -> None:
    # content_tokens reads ASCII text with a plain class (quicker): the same tokens.
    from factcheck_app.domain import matching

    assert matching._ASCII_TOKEN.findall(text) == matching._SEARCH_TOKEN.findall(text)


def test_invisible_characters_inside_a_word_do_not_split_it() -> None:
    # A zero-width space, soft hyphen or word joiner pasted into "mayor" is invisible on
    # screen; it made a text file's "ma\u200byor" two words that no search for "mayor"
    # found (web pages, Word files and PDFs lose them on import, text files keep them).
    hidden = "The ma\u200byor and the coun\u00adcil met Bud\u2060get staff at noon\ufeff."
    assert index_words(hidden) == index_words("The mayor and the council met Budget staff at noon.")
    assert matched_spans(hidden, "mayor council") == [(4, 10), (19, 27)]


def test_numbers_grouped_with_dots_match_the_same_number_written_otherwise() -> None:
    # "1.000.000" (dots between thousands, as Russian, Turkish or German copy writes them)
    # cannot be a decimal: a search for "1,000,000" or "1000000" must find it.
    assert index_words("1.000.000 euros") == index_words("1,000,000 euros") == "1000000 euro"
    assert index_words("2.500.000,50") == index_words("2,500,000.50")
    assert similarity("Aid rose to 1.000.000 euros", "Aid rose to 1,000,000 euros") == 1.0
    # One dot stays a decimal point: "4.200" is four point two.
    assert index_words("4.200") == index_words("4.2")


def test_arabic_stretched_with_tatweel_is_the_same_word() -> None:
    # Headlines and justified Arabic text stretch words with tatweel (U+0640, "ـ"): the
    # stretched word was another word, so a search typed without it never found it.
    assert index_words("العـــربية") == index_words("العربية")
    assert similarity("قالت الحكـومة إن الهجوم", "قالت الحكومة إن الهجوم") == 1.0
    text = "قالت الحكـومة"
    assert [text[a:b] for a, b in matched_spans(text, "الحكومة")] == ["الحكـومة"]


def test_numbers_written_in_words_or_with_a_scale_are_shown_in_bold() -> None:
    # The sentence was found, but nothing in it was bold: "4.2 million" is one number
    # to the search, and was two words ("4.2", "million") to the highlighting.
    def bold(text: str, query: str) -> list[str]:
        return [text[a:b] for a, b in matched_spans(text, query)]

    assert bold("Aid of 4.2 million was pledged.", "4.2 million ") == ["4.2 million"]
    assert bold("Aid of 4.2 Million was pledged.", "4200000 ") == ["4.2 Million"]
    assert bold("Thirty-two were wounded, then two more.", "32 ") == ["Thirty-two"]
    assert bold("A tenant of someone", "10 1 ") == []
    assert bold("Ganja has 332,000 people", "ganja 332000 ") == ["Ganja", "332,000"]


def test_billion_written_bn_is_the_same_number() -> None:
    # News copy writes "$4.2bn" or "3mn": a search for "4.2 billion" or "4,200,000,000"
    # did not find it (it was "4 2 bn"), nor did earlier verdicts see the same figure.
    assert index_words("$4.2bn") == index_words("4.2 billion") == index_words("4,200,000,000")
    assert index_words("3mn barrels") == index_words("3 million barrels")
    assert index_words("5m") == "5 m"  # metres, minutes or million: left as written
    text = "Aid of $4.2bn was pledged."
    assert [text[a:b] for a, b in matched_spans(text, "4.2 billion ")] == ["4.2bn"]


# Words of Brahmic and South-East Asian scripts, with a sentence sharing only the pieces
# the old rules cut them into at their vowel signs and viramas ("मंत्री" was "म" and "तर";
# the Thai "ข่าว", news, was "ขาว", white).
INDIC = {
    "hindi": ("मंत्री", "दिल्ली में मंत्री ने कहा", "तरुण में जोश था"),
    "bengali": ("তামিল", "তামিল ভাষা প্রাচীন", "তিনি মাল কিনলেন"),
    "tamil": ("நாடு", "தமிழ் நாடு அரசு", "நீ வீடு செல்"),
    "thai": ("ข่าว", "ข่าว ด่วน วันนี้", "แมว สี ขาว"),
}


def as_written(words: str) -> str:
    """Index words with their marks' Plane-15 stand-ins written as the marks again."""

    def mark(char: str) -> str:
        point = ord(char)
        if 0xF0000 <= point < 0xFB000:
            return chr(point - 0xF0000)
        if 0xFB000 <= point <= 0xFBFFF:
            return chr(point - 0xFB000 + 0x11000)
        return char

    return "".join(mark(char) for char in words)


def test_words_of_indic_and_thai_scripts_are_indexed_whole() -> None:
    """Their vowel signs and viramas are part of the word: "दिल्ली में मंत्री" was indexed
    as "द लल म म तर", and a search found any text sharing single consonants."""
    assert as_written(index_words("दिल्ली में मंत्री")) == "दिल्ली में मंत्री"
    assert as_written(index_words("ভারত সরকার")) == "ভারত সরকার"
    assert as_written(index_words("தமிழ்நாடு அரசு")) == "தமிழ்நாடு அரசு"
    # Thai, Lao, Khmer, Myanmar (written without spaces): each letter with its marks
    assert as_written(index_words("ข่าว ที่ประชุม")) == "ข่ า ว ที่ ป ร ะ ชุ ม"
    assert as_written(index_words("ຂ່າວ ມື້ນີ້")) == "ຂ່ າ ວ ມື້ ນີ້"  # Lao
    assert as_written(index_words("ព័ត៌មាន")) == "ព័ ត៌ មា ន"  # Khmer
    assert as_written(index_words("မြန်မာ")) == "မြ န် မာ"  # Myanmar
    assert as_written(index_words("བོད་ཡིག")) == "བོད ཡིག"  # Tibetan: the tsheg parts syllables
    assert as_written(index_words("𑀓𑀸")) == "𑀓𑀸"  # Brahmi
    # A letter with a nukta, precomposed or typed as two characters, is one word.
    assert index_words("\u0958\u093e\u0928\u0942\u0928") == index_words(
        "\u0915\u093c\u093e\u0928\u0942\u0928"
    )
    # Sentence punctuation is still no part of a word.
    assert as_written(index_words("मंत्री। दिल्ली॥")) == "मंत्री दिल्ली"


def test_the_marks_stand_in_plane_15_where_the_index_keeps_them_in_a_word() -> None:
    """The index's tokenizer (`unicode61`, as every released desk makes the tables) takes
    marks for separators but keeps private-use characters: each kept mark is written as
    one of Plane 15, at a place that never moves (stored indexes were written so)."""
    import sqlite3

    from factcheck_app.domain import matching
    from factcheck_app.storage.search import VERDICT_CREATE_SQL

    assert index_words("मंत्री") == "म\U000f0902त\U000f094dर\U000f0940"
    assert index_words("\U00011013\U00011038") == "\U00011013\U000fb038"  # Brahmi
    marks = [
        chr(point)
        for first, last in matching._SCRIPT_MARK_BLOCKS
        for point in range(first, last + 1)
        if matching._is_script_mark(chr(point))
    ]
    stand_ins = [chr(matching._stand_in(ord(mark))) for mark in marks]
    assert len(set(stand_ins)) == len(marks)
    assert all(0xF0000 <= ord(s) <= 0xFFFFD for s in stand_ins)
    db = sqlite3.connect(":memory:")
    db.execute(VERDICT_CREATE_SQL.format(table="t"))  # the index's own tokenizer
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    db.execute("INSERT INTO t VALUES (?)", [" ".join(f"a{s}b" for s in stand_ins)])
    terms = [row[0] for row in db.execute("SELECT term FROM v ORDER BY offset")]
    assert terms == [f"a{s}b" for s in stand_ins]
    assert all(matching._kept_by_index(s) for s in stand_ins)


def test_private_use_characters_in_text_are_no_marks() -> None:
    """A Plane-15 character in a text parts words, as before (Python's \\W), and is never
    taken for a mark's stand-in; those of the first plane are left as they were."""
    assert index_words("म\U000f0902") == "म"
    assert search_expression("म\U000f0902त ") != search_expression("मंत ")
    assert index_words("x\U000f0902y \ue000z") == "x y z"
    assert index_words("Straße \ue000") == "strass"


def test_latin_greek_and_cyrillic_accents_still_do_not_matter() -> None:
    assert index_words("Café Zürich Ελληνικά Йошкар") == "cafe zurich ελληνικα иошкар"
    assert index_words("Cafe\u0301 Zu\u0308rich") == index_words("Café Zürich")
    assert index_words("Straße") == "strass"
    assert search_expression("Gene\u0301") == search_expression("Gen\u00e9")


def test_an_indic_or_thai_search_finds_the_word_not_its_consonants() -> None:
    import sqlite3

    from factcheck_app.storage.search import VERDICT_CREATE_SQL

    db = sqlite3.connect(":memory:")
    db.execute(VERDICT_CREATE_SQL.format(table="t"))  # the index's own tokenizer
    for word, has_it, shares_consonants in INDIC.values():
        db.execute("DELETE FROM t")
        db.executemany(
            "INSERT INTO t(rowid, words) VALUES (?, ?)",
            [(1, index_words(has_it)), (2, index_words(shares_consonants))],
        )
        for typed in (word, word + " "):  # being typed, and typed out
            expression = search_expression(typed)
            found = [r[0] for r in db.execute("SELECT rowid FROM t WHERE t MATCH ?", [expression])]
            assert found == [1], (typed, expression)


def test_indic_and_thai_words_are_shown_in_bold_whole() -> None:
    for word, has_it, shares_consonants in INDIC.values():
        start = has_it.index(word)
        assert matched_spans(has_it, word + " ") == [(start, start + len(word))]
        assert matched_spans(has_it, word) == [(start, start + len(word))]
        assert matched_spans(shares_consonants, word + " ") == []
    text = "दिल्ली में मंत्री ने कहा"
    assert [text[a:b] for a, b in matched_spans(text, "दिल्ली")] == ["दिल्ली"]
    text = "वित्त मंत्री ने कहा कि मंत्रालय"  # the minister (whole), the ministry (typed: prefix)
    assert [text[a:b] for a, b in matched_spans(text, "मंत्री ")] == ["मंत्री"]
    assert [text[a:b] for a, b in matched_spans(text, "मंत्र")] == ["मंत्री", "मंत्रालय"]


# Scripts written without spaces between words: a sentence of each, a word inside it
# (not at its start), and a text sharing only that word's consonants.
SPACELESS = {
    "thai": ("นายกรัฐมนตรีกล่าวว่าข่าวนี้ไม่จริง", ("กล่าว", "ข่าว", "ไม่จริง"), "แมวสีขาว"),
    "lao": ("ປະທານປະເທດກ່າວວ່າ", ("ກ່າວ",), "ກາວ"),
    "khmer": ("នាយករដ្ឋមន្ត្រីបាននិយាយ", ("និយាយ",), "នយយ"),
    "myanmar": ("ဝန်ကြီးချုပ်ကပြောသည်", ("ပြော",), "ပရ"),
}


def test_a_word_inside_a_sentence_written_without_spaces_is_found() -> None:
    """Thai, Lao, Khmer and Myanmar put no spaces between words: a search for a word in
    the middle of a sentence finds it (the whole sentence was one word, and only its
    first word could be found), and still not a text sharing only its consonants."""
    import sqlite3

    from factcheck_app.storage.search import VERDICT_CREATE_SQL

    db = sqlite3.connect(":memory:")
    db.execute(VERDICT_CREATE_SQL.format(table="t"))  # the index's own tokenizer
    for sentence, words, shares_consonants in SPACELESS.values():
        db.execute("DELETE FROM t")
        db.executemany(
            "INSERT INTO t(rowid, words) VALUES (?, ?)",
            [(1, index_words(sentence)), (2, index_words(shares_consonants))],
        )
        for word in words:
            for typed in (word, word + " ", f'"{word}"'):  # being typed, typed out, quoted
                expression = search_expression(typed)
                found = [
                    r[0] for r in db.execute("SELECT rowid FROM t WHERE t MATCH ?", [expression])
                ]
                assert found == [1], (typed, expression)


def test_a_word_inside_a_sentence_written_without_spaces_is_shown_in_bold() -> None:
    for sentence, words, shares_consonants in SPACELESS.values():
        for word in words:
            start = sentence.index(word)
            for typed in (word, word + " "):
                assert matched_spans(sentence, typed) == [(start, start + len(word))], typed
            assert matched_spans(shares_consonants, word + " ") == []


def test_a_thai_phrase_found_across_a_space_is_shown_in_bold() -> None:
    """Thai puts a space between phrases, not words: "ข่าวนี้" (this news) typed as one run
    found "…ว่าข่าว นี้ไม่จริง" (the index's phrase passes over the space), and the result
    showed no word in bold (the run of letters was read as two, neither the phrase)."""
    import sqlite3

    from factcheck_app.storage.search import VERDICT_CREATE_SQL

    sentence = "นายกรัฐมนตรีกล่าวว่าข่าว นี้ไม่จริง"
    db = sqlite3.connect(":memory:")
    db.execute(VERDICT_CREATE_SQL.format(table="t"))
    db.execute("INSERT INTO t(rowid, words) VALUES (1, ?)", [index_words(sentence)])
    for typed in ("ข่าวนี้", "ข่าวนี้ ", '"ข่าวนี้"'):
        expression = search_expression(typed)
        assert [r[0] for r in db.execute("SELECT rowid FROM t WHERE t MATCH ?", [expression])]
        shown = [sentence[a:b] for a, b in matched_spans(sentence, typed)]
        assert shown == ["ข่าว นี้"], typed
    # A word of another script between them ends the phrase, as in the index.
    assert matched_spans("ข่าว Bangkok นี้", "ข่าวนี้ ") == []


def test_a_stray_indic_mark_on_a_latin_word_is_no_part_of_it() -> None:
    """A vowel sign or virama on no letter of its script ("Modiी", "BJP्", one alone) was
    kept as a Hindi word keeps it: "Modi" typed out did not find "Modiी". It is left out,
    as an accent; on a letter of its script it stays part of the word."""
    assert index_words("Modiी met BJP् leaders ा") == index_words("Modi met BJP leaders")
    assert search_expression("Modi ") == search_expression("Modiी ") == '"modi"'
    assert search_expression("ा") is None  # a mark alone: nothing to search
    text = "Modiी met मंत्री"
    assert [text[a:b] for a, b in matched_spans(text, "modi ")] == ["Modiी"]
    assert index_words("मंत्री") != index_words("मतर")  # the signs of Hindi words stay
    assert index_words("ᬅᬂ") != index_words("ᬅ")  # (Balinese too)
    assert title_form("Modiी meets the press") == "modi meets the press"


def test_a_word_after_a_minus_is_left_out_as_in_a_web_search() -> None:
    """ "Ganja -prosecutor" (as a web search has it: Ganja, without the prosecutor) found
    the sentences holding both, the opposite; "-" before a number is a minus sign."""
    import sqlite3

    from factcheck_app.storage.search import CREATE_SQL

    db = sqlite3.connect(":memory:")
    db.execute(CREATE_SQL.format(table="t"))
    rows = {
        1: "The prosecutor said Ganja was shelled.",
        2: "Ganja was shelled on Sunday, no truth in it.",
        3: "Exports of Ganja fell -5% in a year.",
        4: "COVID-19 cases in Ganja rose 5%.",
    }
    db.executemany(
        "INSERT INTO t(rowid, words, claimant, explanation, sources) VALUES (?, ?, '', '', '')",
        [(rowid, index_words(text)) for rowid, text in rows.items()],
    )

    def found(typed: str) -> list[int]:
        expression = search_expression(typed)
        assert expression is not None, typed
        scoped = "{words claimant explanation sources} : (" + expression + ")"
        query = "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid"
        return [r[0] for r in db.execute(query, [scoped])]

    assert found("Ganja -prosecutor") == [2, 3, 4]
    assert found("-prosecutor Ganja") == [2, 3, 4]  # first or last, typed out or not
    assert found("Ganja -prosecutor ") == [2, 3, 4]
    assert found('Ganja -"no truth"') == [1, 3, 4]  # a phrase left out
    assert found("Ganja -covid-19 -Prosecutors") == [2, 3]  # a word as the search has it
    assert found("Ganja -5%") == [3, 4]  # a minus sign: "-5%" is 5 percent
    assert found("Nagorno-Karabakh -x Ganja") == []  # a hyphen inside a word is no minus
    assert found('"said Ganja -prosecutor"') == []  # inside quotes, the phrase as typed
    assert search_expression("-Ganja") is None  # only words left out: nothing to find
    assert found("-covid -5%") == [3]  # a minus number found with a word left out
    text = rows[2]
    assert [text[a:b] for a, b in matched_spans(text, "shelled -prosecutor")] == ["shelled"]
    assert [text[a:b] for a, b in matched_spans(text, "shelled -Ganja ")] == ["shelled"]


def test_unrelated_thai_sentences_are_not_earlier_verdicts_of_each_other() -> None:
    """Earlier verdicts and the assist compare content words: a Thai sentence's letters
    are searched one by one, but compared they made any two Thai sentences alike (they
    share their commonest letters), and listed unrelated verdicts as earlier ones."""
    from itertools import combinations

    from factcheck_app.services.search import MIN_SIMILARITY

    unrelated = [
        "นายกรัฐมนตรีกล่าวว่าข่าวนี้ไม่จริง",  # the PM said the news is untrue
        "รัฐบาลประกาศขึ้นภาษีน้ำมันในเดือนหน้า",  # fuel tax goes up next month
        "ตำรวจจับกุมผู้ต้องสงสัยในกรุงเทพมหานคร",  # police arrest a suspect in Bangkok
        "ผู้ป่วยโควิดเพิ่มขึ้นสามเท่าในสัปดาห์นี้",  # covid patients tripled this week
        "นักวิทยาศาสตร์ค้นพบวัคซีนชนิดใหม่",  # scientists find a new vaccine
        "ราคาข้าวสูงขึ้นร้อยละยี่สิบ",  # rice price up 20 percent
        "ประธานาธิบดีสหรัฐเดินทางเยือนประเทศไทย",  # the US president visits Thailand
    ]
    for a, b in combinations(unrelated, 2):
        assert similarity(a, b) < MIN_SIMILARITY, (a, b)
    judged, reworded = "นายกรัฐมนตรีกล่าวว่าข่าวนี้ไม่จริง", "นายกรัฐมนตรีกล่าวว่าข่าวนั้นไม่จริงเลย"
    assert similarity(judged, reworded) >= MIN_SIMILARITY
    # and the index of judged sentences lists the judged one for the reworded one
    import sqlite3

    from factcheck_app.storage.search import VERDICT_CREATE_SQL

    db = sqlite3.connect(":memory:")
    db.execute(VERDICT_CREATE_SQL.format(table="t"))  # the index's own tokenizer
    db.executemany("INSERT INTO t(rowid, words) VALUES (?, ?)", [(1, index_words(judged))])
    found = db.execute("SELECT rowid FROM t WHERE t MATCH ?", [fts5_query(reworded)]).fetchall()
    assert found == [(1,)]


# Letters, marks, digits and punctuation of the scripts whose marks are a word's, with
# Latin and Cyrillic letters and accents, spaces and an invisible joiner among them.
_MIXED = st.text(
    alphabet=st.sampled_from(
        list("दिल्ली में मंत्री।॥ ০১ভারত সরকার தமிழ்நாடு ข่าวที่ ຂ່າວ ព័ត៌មាន မြန်မာ བོད་ཡིག")
        + list("Zürich cafe\u0301 Йошкар-Ола 332,000 \u200b\u200d\u0958\u093c\U00011100\U00011127")
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
@example("मंत्री ने कहा")
@example("\u093fक")  # a vowel sign with no letter before it
def test_the_index_makes_the_words_index_words_made(text: str) -> None:
    """The index's tokenizer reads the words `index_words` wrote as those words, one
    term each: none split, none joined, none dropped."""
    import sqlite3

    from factcheck_app.storage.search import VERDICT_CREATE_SQL

    words = index_words(text)
    db = sqlite3.connect(":memory:")
    db.execute(VERDICT_CREATE_SQL.format(table="t"))  # the index's own tokenizer
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    db.execute("INSERT INTO t VALUES (?)", [words])
    terms = [row[0] for row in db.execute("SELECT term FROM v ORDER BY offset")]
    assert terms == words.split()


def test_a_text_cut_at_a_word_break_has_the_matches_the_whole_text_has_there() -> None:
    """The search results look for the first match of a sentence of megabytes in its
    beginnings, each cut at a `word_break`: the spans found there must be those of the whole
    sentence, whatever the numbers in words ("thirty two" is 32) or with their scale, the
    invisible characters in a word, the Thai phrases running over spaces and punctuation,
    or the Chinese characters (each a word). 1,000 seeded random texts, cut at a break
    near a random place, against six of the queries."""
    import random

    words = ("5", "million", "thirty", "two", "Thirty", "seven", "ſix", "4.2", "1,000", "bn")
    words += ("Port", "land", "\u00ad", "\u200b", "กล่าว", "ข่าว", "นี้", "ข่าว。", "मंत्री")
    words += ("北京", "市长", "Zu\u0308rich", "e\u0301", "🙂", ",", ".", "-", "(", "_", "ships")
    gaps = ("", " ", " ", " ", "\n", "  ", ", ", "-", "\u00a0")
    queries = ("5 ", "5", "thirty", "two ", "32", "7", "six", "1000", "5000000", "port ")
    queries += ("land", "กล่าว", "ข่าวนี้", "ข่า", "मंत्री", "北京", "ships", "thir", "mill")
    rng = random.Random(11)
    cuts = 0
    for _text in range(1000):
        parts: list[str] = []
        while sum(map(len, parts)) < 200:
            parts += [rng.choice(words), rng.choice(gaps)]
        text = "".join(parts)
        cut = word_break(text, rng.randrange(1, len(text)), 200)
        if not cut:
            continue
        cuts += 1
        for query in rng.sample(queries, 6):
            whole = matched_spans(text, query)
            assert not any(start < cut < end for start, end in whole), (text, cut, query)
            before = [span for span in whole if span[1] <= cut]
            assert matched_spans(text[:cut], query) == before, (text, cut, query)
    assert cuts > 800


def test_a_run_of_thai_cut_at_a_run_break_has_the_matches_the_whole_text_has_there() -> None:
    """A line of Thai has no `word_break` (a phrase goes on over spaces and punctuation):
    it is cut between two of its letters (`run_break`), and the spans found before the cut
    are trusted as far as no phrase of the query can go across it. 1,000 seeded random
    texts of Thai, Lao and Khmer clusters, spaces (long runs too), punctuation and a few
    other words, against phrases of one to four clusters, typed whole or not."""
    import random

    words = ("กล่าว", "ข่าว", "นี้", "ก", "ข่", "า", "ว", " ", "  " * 50, "。", ",", "\u200b")
    others = ("ไม่", "5", "thirty", "two", "北", "Port", "\u0e48", "ລາວ", "ខ្មែរ")
    queries = ("กล่าว", "ข่าวนี้", "ข่า", "ข่าว นี้", "ก ก", "กก", "ข่าวข่าว", "นี้ข่าว", "ว")
    queries += ("ข่าว 5", "ไม่ ข่าว", "ลา", "ខ្មែ", "thirty")
    rng = random.Random(5)
    cuts = 0
    for _text in range(1000):
        parts: list[str] = []
        while sum(map(len, parts)) < 300:
            parts.append(rng.choice(others if rng.random() < 0.1 else words))
        text = "".join(parts)
        near = rng.randrange(1, len(text))
        for query in rng.sample(queries, 5):
            cut, exact = run_break(text, near, query, 300)
            if not cut:
                continue
            cuts += 1
            whole = [span for span in matched_spans(text, query) if span[1] <= exact]
            found = [span for span in matched_spans(text[:cut], query) if span[1] <= exact]
            assert found == whole, (text, cut, exact, query)
    assert cuts > 3000


def test_bold_keeps_a_half_width_kana_with_its_voiced_mark() -> None:
    """A search for ﾃﾞｰﾀ ("data" in half-width katakana) showed ﾃ in bold and its voiced
    mark ﾞ not: the mark was a word of its own that folds to nothing. So was the
    combining mark of a kana written decomposed (テ + U+3099, as some Mac files have it).
    A kana's marks are bold with it."""
    from factcheck_app.domain.matching import matched_spans

    for text, query in (
        ("ﾃﾞｰﾀｶﾞ ﾊﾟｿｺﾝ", "ﾃﾞｰﾀ"),
        ("データが パソコン", "データ"),
        ("ﾊﾟｿｺﾝ", "パソコン"),
    ):
        spans = matched_spans(text, query)
        assert spans, (text, query)
        shown = "".join(text[a:b] for a, b in spans)
        assert all(
            text[b : b + 1] not in ("\uff9e", "\uff9f", "\u3099", "\u309a") for _a, b in spans
        )
        assert "\uff9e" in shown or "\uff9f" in shown or "\u3099" in shown or "\u309a" in shown


def test_a_cut_for_bold_never_parts_a_half_width_kana_from_its_mark() -> None:
    """`word_break` may cut after any Chinese or Japanese character; after ﾃ in ﾃﾞ the
    part before the cut showed ﾃ bold without its mark."""
    from factcheck_app.domain.matching import word_break

    text = "ﾃﾞｰﾀ" * 10
    for near in range(1, len(text)):
        at = word_break(text, near)
        assert text[at : at + 1] not in ("\uff9e", "\uff9f"), near


# Words whose folded, stemmed form is not simply their letters as written: -ies/-ied
# ("carried" is "carry"), a final sigma, capitals that fold to two letters or none,
# ligatures, full-width letters, accents written apart, invisible characters inside.
_TRICKY_WORDS = (
    "carried",
    "carry",
    "carrying",
    "Carries",
    "studies",
    "replied",
    "ΟΔΟΣ",
    "οδος",
    "İstanbul",
    "ISTANBUL",
    "Straße",
    "STRASSE",
    "ﬁnance",
    "ＢＲＩＤＧＥＳ",
    "cafe\u0301",
    "CAFÉ",
    "ma\xadyor",
    "ma\u200byor",
    "Baku’s",
    "don't",
    "well-known",
    "cease-fire",
    "ǅemal",
    "Œuvre",
    "reporting",
    "national",
    "bridges",
    "per cent",
    "桥",
    "x",
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_TRICKY_WORDS), min_size=1, max_size=8),
    st.lists(st.sampled_from(_TRICKY_WORDS), min_size=1, max_size=3),
    st.integers(0, 12),
    st.sampled_from(["", " ", "\n"]),
)
@example(["carried"], ["carry"], 12, " ")  # a word typed in full: "carr" is looked for
@example(["ΟΔΟΣ"], ["οδος"], 12, " ")  # a final sigma, as a capital folds it
@example(["carried"], ["carrying"], 6, "")  # "carryi" being typed: "carry…" is looked for
def test_a_text_may_match_says_holds_no_match_holds_none(
    text: list[str], typed: list[str], cut: int, end: str
) -> None:
    """A part of a long sentence that `may_match` says holds no match is never read word
    by word (its match would not be shown in bold, nor in view): it must hold none. The
    query is words typed in full and one being typed (cut short), with or without a
    space after it, whatever the words' folding and stemming do to their letters."""
    query = " ".join([*typed[:-1], typed[-1][: max(1, cut)]]) + end
    needles = match_needles(query)
    assume(needles is not None)
    sentence = " ".join(text)
    if matched_spans(sentence, query):
        assert needles is not None and may_match(sentence, needles), (query, needles)


def test_a_text_read_from_a_read_from_place_has_the_matches_the_whole_text_has_there() -> None:
    """Read from a `read_from` place on (a long line's part), a text has the matches the
    whole text has there: no number written in words ("thirty two", "5 million") or
    other word goes across it."""
    import random

    words = ["thirty", "two", "Twenty", "one", "5", "million", "per", "cent", "bridge"]
    words += ["ma\xadyor", "桥", "ข่าว", "4.2", "bn", "İstanbul", "well-known", "x"]
    queries = ["32", "21", "5000000", "percent", "bridge", "mayor", "two", "one ", "x"]
    pick = random.Random(5)
    for _text in range(300):
        text = "".join(
            w + pick.choice([" ", "  ", "\n", ", ", "-"]) for w in pick.choices(words, k=30)
        )
        query = pick.choice(queries)
        whole = matched_spans(text, query)
        at = read_from(text, 0, len(text))
        while at:
            after = [(a + at, b + at) for a, b in matched_spans(text[at:], query)]
            assert after == [span for span in whole if span[0] >= at], (query, text, at)
            at = read_from(text, at + 1, len(text))
