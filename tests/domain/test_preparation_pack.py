"""A big text file's prepared article crosses from its worker packed in a few byte
strings (`preparation.pack`): each sentence must come back with its own index words."""

from __future__ import annotations

from factcheck_app.domain.importing import parse_article
from factcheck_app.domain.preparation import PreparedArticle, pack, prepare, unpack
from factcheck_app.domain.segmentation import SentenceSpan


def test_packed_words_and_spans_come_back_sentence_by_sentence() -> None:
    parsed = parse_article("Über 4% fell.\n\nThe mayor said so. Critics 不同意.\n".encode())
    prepared = prepare(parsed, "story.txt")
    back = unpack(pack(prepared))
    assert back.parsed.text == parsed.text
    assert list(back.spans) == list(prepared.spans)
    assert list(back.words) == list(prepared.words)
    assert back.words[1:3] == list(prepared.words[1:3])


def test_odd_index_words_keep_their_places() -> None:
    # Empty words (a sentence of punctuation), a separator inside one, a lone surrogate.
    parsed = parse_article(b"a. b. c. d.")
    spans = [SentenceSpan(0, 2, 0), SentenceSpan(3, 5, 0), SentenceSpan(6, 8, 0)]
    words = ["", "one\ntwo", "x\udcff y"]
    back = unpack(pack(PreparedArticle(parsed, "en", spans, words)))
    assert list(back.words) == ["", "one two", "x\udcff y"]
    assert back.words[0:3] == ["", "one two", "x\udcff y"]
    assert list(back.spans) == spans
