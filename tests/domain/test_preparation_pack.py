"""A big text file's prepared article crosses from its worker packed in a few byte
strings (`preparation.pack`): each sentence must come back with its own index words."""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck_app.domain.importing import parse_article
from factcheck_app.domain.preparation import (
    PreparedArticle,
    pack,
    prepare,
    prepare_packed,
    unpack,
)
from factcheck_app.domain.segmentation import SentenceSpan


def test_packed_words_and_spans_come_back_sentence_by_sentence() -> None:
    parsed = parse_article("Über 4% fell.\n\nThe mayor said so. Critics 不同意.\n".encode())
    prepared = prepare(parsed, "story.txt")
    back = unpack(pack(prepared))
    assert back.parsed.text == parsed.text
    assert list(back.spans) == list(prepared.spans)
    assert list(back.words) == list(prepared.words)
    assert back.words[1:3] == list(prepared.words[1:3])


def test_the_hash_a_file_had_before_its_front_matter_was_read_crosses_too() -> None:
    """A big Markdown file is prepared in a worker: the hash its text had when its block
    was text (`ParsedArticle.former_hash`) comes back with it, for the import to find
    the article an earlier version made of it."""
    parsed = parse_article(b"---\ntitle: T\n---\nThe mayor said so.\n", suffix=".md")
    assert parsed.former_hash and parsed.former_hash != parsed.content_hash
    assert unpack(pack(prepare(parsed, "a.md"))).parsed.former_hash == parsed.former_hash
    assert unpack(prepare_packed(parsed, "a.md")).parsed.former_hash == parsed.former_hash


def test_odd_index_words_keep_their_places() -> None:
    # Empty words (a sentence of punctuation), a separator inside one, a lone surrogate.
    parsed = parse_article(b"a. b. c. d.")
    spans = [SentenceSpan(0, 2, 0), SentenceSpan(3, 5, 0), SentenceSpan(6, 8, 0)]
    words = ["", "one\ntwo", "x\udcff y"]
    back = unpack(pack(PreparedArticle(parsed, "en", spans, words)))
    assert list(back.words) == ["", "one two", "x\udcff y"]
    assert back.words[0:3] == ["", "one two", "x\udcff y"]
    assert list(back.spans) == spans


def _pack_before(prepared: PreparedArticle) -> tuple[bytes, bytes, bytes]:
    """The packing as it was before it wrote one buffer (a list of each sentence's
    encoded words, then joined): spans, words and word ends, to compare with."""
    flat = array("q")
    for span in prepared.spans:
        flat.extend(span)
    encoded = [w.replace("\n", " ").encode("utf-8", "surrogatepass") for w in prepared.words]
    ends = array("q")
    position = -1
    for words in encoded:
        position += 1 + len(words)
        ends.append(position)
    return flat.tobytes(), b"\n".join(encoded), ends.tobytes()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.one_of(
                st.characters(codec=None, exclude_categories=("Cs",)),
                st.sampled_from(["\n", " ", "\udcff", "\ud800", "é", "不"]),
            ),
            max_size=12,
        ),
        max_size=30,
    )
)
def test_packing_in_one_buffer_packs_as_before(words: list[str]) -> None:
    # Any index words (empty, with the separator, lone surrogates, any script): the same
    # bytes as the list-then-join it replaced, and each sentence's words come back.
    parsed = parse_article(b"a.")
    spans = [SentenceSpan(n, n + 1, n % 3) for n in range(len(words))]
    prepared = PreparedArticle(parsed, "en", spans, words)
    packed = pack(prepared)
    assert (packed.spans, packed.words, packed.word_ends) == _pack_before(prepared)
    assert list(unpack(packed).words) == [w.replace("\n", " ") for w in words]


def test_a_big_files_worker_packs_as_it_prepares_the_same_article() -> None:
    # `prepare_packed` (the worker's, with less memory) against `pack(prepare(…))`.
    from factcheck_app.domain.preparation import prepare_packed

    text = "".join(
        f"Line {n} said the minister \U0001f600 “{n % 7}”. Über {n}% fell.\n\n" for n in range(300)
    )
    stages: list[str] = []
    packed = prepare_packed(
        parse_article(text.encode()), "story.txt", lambda _f, s: stages.append(s)
    )
    assert packed == pack(prepare(parse_article(text.encode()), "story.txt"))
    assert stages[0].startswith("Splitting") and stages[-1].startswith("Indexing")


def test_unpacking_a_big_text_holds_it_about_once_not_twice() -> None:
    """The desk's peak in a big text file's import was `unpack`: the text's bytes as
    they crossed from the worker, its 1 MB pieces decoded, then their join (here 77 MB
    for a 50 MB string, 1.5×)."""
    import sys
    import tracemalloc

    from factcheck_app.domain.importing import ParsedArticle
    from factcheck_app.domain.models import ArticleMetadata

    # A news text with a curly quote first (2 bytes a character as a string), 25 MB.
    text = "“" + "The minister said the figures were wrong. " * 600_000
    size, length = sys.getsizeof(text), len(text)
    parsed = ParsedArticle(text, ArticleMetadata(), "hash")
    light, parts = pack(
        PreparedArticle(parsed, "en", [SentenceSpan(0, length, 0)], [""])
    ).bytes_apart()
    del parsed, text
    tracemalloc.start()
    try:
        received = light.with_bytes([bytes(part) for part in parts])  # as the desk has them
        del parts
        back = unpack(received)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert back.parsed.text.startswith("“The minister")
    assert len(back.parsed.text) == length
    assert peak < 1.2 * size, f"peak {peak / 1e6:.0f} MB for a {size / 1e6:.0f} MB text"
