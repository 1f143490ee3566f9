"""An article made ready to write: its language, its sentences and each sentence's index
words, all worked out before the first write.

For a big file this runs in the parser worker that read the file (services/isolation.py,
services/article_files.py), not in the window's process: there the splitter's loops and
the index words of 300,000 sentences held the interpreter lock for seconds against the
window's thread, whose saves waited up to 217 ms (issue 12, docs/performance.md). The
result comes back `pack`ed in a few flat byte strings, so that receiving it is a few
memory copies rather than 600,000 objects made with the lock held; `unpack` hands out
the sentences and words a batch at a time and decodes the text in short pieces.
"""

from __future__ import annotations

import codecs
import dataclasses
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from factcheck_app.domain.importing import ParsedArticle, parse_article
from factcheck_app.domain.langid import article_language
from factcheck_app.domain.matching import index_words
from factcheck_app.domain.models import ArticleMetadata
from factcheck_app.domain.segmentation import SentenceSpan, split_sentences

Progress = Callable[[float, str], None]

# The import's progress bar: reading 0–10 %, splitting 10–55 %, indexing 55–85 %, saving
# the rest. Splitting and indexing each take about half of the preparation.
SPLITTING_FROM, INDEXING_FROM, SAVING_FROM = 0.1, 0.55, 0.85
PROGRESS_EVERY = 5000  # sentences indexed between progress reports
TEXT_PIECE_BYTES = 1 << 20  # the text is decoded this much at a time
_SEPARATOR = "\n"  # between two sentences' index words (never inside them)


def _no_progress(fraction: float, stage: str) -> None:
    """Progress sink for callers that show none."""


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """An article ready to write: `words[i]` are the index words of `spans[i]`."""

    parsed: ParsedArticle
    language: str
    spans: Sequence[SentenceSpan]
    words: Sequence[str]


def prepare(parsed: ParsedArticle, name: str, progress: Progress = _no_progress) -> PreparedArticle:
    """Detect the language, split into sentences and index every sentence's words.

    `progress(fraction, stage)` hears how far it got; it may raise (Cancelled) to stop."""
    text = parsed.text
    language, spans = _split(parsed, name, progress)
    indexing = f"Indexing {name}"
    share = SAVING_FROM - INDEXING_FROM
    words = []
    for number, span in enumerate(spans):
        if number % PROGRESS_EVERY == 0:
            progress(INDEXING_FROM + share * number / len(spans), indexing)
        words.append(index_words(text[span.start : span.end]))
    return PreparedArticle(parsed, language, spans, words)


def _split(parsed: ParsedArticle, name: str, progress: Progress) -> tuple[str, list[SentenceSpan]]:
    """The article's language and its sentences (`prepare`'s first half)."""
    text = parsed.text
    total = max(1, len(text))
    # The language the file declared (a Markdown front matter's `lang`), else detected.
    language = article_language(text, parsed.metadata.language)
    splitting = f"Splitting {name} into sentences"
    progress(SPLITTING_FROM, splitting)
    share = INDEXING_FROM - SPLITTING_FROM
    spans = split_sentences(
        text,
        on_progress=lambda done: progress(SPLITTING_FROM + share * done / total, splitting),
        language=language,
    )
    return language, spans


@dataclass(slots=True)
class PackedArticle:
    """A PreparedArticle as a few byte strings, to send from one process to another.
    Not frozen: `unpack` takes its text out."""

    metadata: ArticleMetadata
    content_hash: str
    language: str
    text: bytes  # UTF-8 (lone surrogates passed through)
    spans: bytes  # array("q"): start, end, paragraph of each sentence
    words: bytes  # every sentence's index words in UTF-8, separated by _SEPARATOR
    word_ends: bytes  # array("q"): where each sentence's words end in `words`
    reading_note: str = ""  # ParsedArticle.reading_note
    former_hash: str = ""  # ParsedArticle.former_hash
    # The text as it crossed from a worker, in pieces of `TEXT_PIECE_BYTES` (`text` is
    # then b""): `unpack` lets each go once decoded.
    text_parts: list[bytes] = dataclasses.field(default_factory=list)

    def bytes_apart(self) -> tuple[PackedArticle, list[bytes | memoryview]]:
        """Itself without its byte strings, and those: sent apart from a worker
        (`services/isolation.py`), each crosses as it is, not copied into one pickle
        that the desk reads whole and copies out of again (~100 MB each side for a 50 MB
        file). The text in pieces (views of it, not copies), which the desk decodes and
        lets go one by one: received whole, it was held beside its decoded text."""
        view = memoryview(self.text)
        parts: list[bytes | memoryview] = [
            view[at : at + TEXT_PIECE_BYTES] for at in range(0, len(view), TEXT_PIECE_BYTES)
        ]
        parts += [self.spans, self.words, self.word_ends]
        light = dataclasses.replace(self, text=b"", spans=b"", words=b"", word_ends=b"")
        return light, parts

    def with_bytes(self, parts: list[bytes]) -> PackedArticle:
        """`bytes_apart`'s first half made whole again with its second."""
        *text, spans, words, word_ends = parts
        return dataclasses.replace(
            self, text=b"", text_parts=text, spans=spans, words=words, word_ends=word_ends
        )


def pack(prepared: PreparedArticle) -> PackedArticle:
    """A prepared article in its packed form (what `prepare_packed` makes at once)."""
    words = _WordsBuffer()
    for each in prepared.words:
        words.add(each)
    parsed = prepared.parsed
    return PackedArticle(
        parsed.metadata,
        parsed.content_hash,
        prepared.language,
        parsed.text.encode("utf-8", "surrogatepass"),
        _flat(prepared.spans).tobytes(),
        words.taken(),
        words.ends.tobytes(),
        parsed.reading_note,
        former_hash=parsed.former_hash,
    )


def prepare_packed(
    parsed: ParsedArticle, name: str, progress: Progress = _no_progress
) -> PackedArticle:
    """`pack(prepare(parsed, name, progress))`, made with less memory: each sentence's
    index words go into the packed buffer as they are made, never a list of them, and
    the sentences' objects are flattened, then let go, before the words are made. (A
    50 MB file's worker held about 10× the file at its peak: the text, a named tuple and
    an index-words string for each of 530,000 sentences, then their packed copies.)"""
    language, spans = _split(parsed, name, progress)
    flat = _flat(spans)
    count = len(spans)
    del spans  # 530,000 named tuples: about 80 MB for a 50 MB file
    text = parsed.text
    indexing = f"Indexing {name}"
    share = SAVING_FROM - INDEXING_FROM
    words = _WordsBuffer()
    for number in range(count):
        if number % PROGRESS_EVERY == 0:
            progress(INDEXING_FROM + share * number / count, indexing)
        words.add(index_words(text[flat[3 * number] : flat[3 * number + 1]]))
    metadata, content_hash, note = parsed.metadata, parsed.content_hash, parsed.reading_note
    former = parsed.former_hash
    encoded = text.encode("utf-8", "surrogatepass")
    del text, parsed  # the caller's only reference (`prepare_article_file`): 2 bytes a letter
    return PackedArticle(
        metadata,
        content_hash,
        language,
        encoded,
        flat.tobytes(),
        words.taken(),
        words.ends.tobytes(),
        note,
        former_hash=former,
    )


def _flat(spans: Sequence[SentenceSpan]) -> array[int]:
    """The spans as one array: start, end, paragraph of each sentence."""
    flat = array("q")
    for span in spans:
        flat.extend(span)
    return flat


class _WordsBuffer:
    """Every sentence's index words in one UTF-8 buffer, separated by `_SEPARATOR`, and
    where each sentence's words end in it."""

    # Index words are words and spaces; a separator inside them would shift every
    # sentence after it onto the wrong words. Written into one buffer as they come: a
    # list of each sentence's encoded words, then joined, held 60 MB more at the peak of
    # a 50 MB file's worker (614,794 small bytes objects beside their join).
    _separator = _SEPARATOR.encode()

    def __init__(self) -> None:
        self.joined = bytearray()
        self.ends = array("q")

    def add(self, words: str) -> None:
        if self.ends:
            self.joined += self._separator
        self.joined += words.replace(_SEPARATOR, " ").encode("utf-8", "surrogatepass")
        self.ends.append(len(self.joined))

    def taken(self) -> bytes:
        """The buffer as bytes, emptied here (not held twice but for the copy)."""
        joined, self.joined = self.joined, bytearray()
        return bytes(joined)


def unpack(packed: PackedArticle) -> PreparedArticle:
    """The article back from its packed form (sentences and words are read on demand).
    Takes the text out of `packed`: each piece of its bytes is let go once decoded (a
    50 MB file's desk held them all beside the text)."""
    pieces = packed.text_parts or [packed.text]
    packed.text, packed.text_parts = b"", []
    decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
    # Decoded a piece at a time (one call held the interpreter lock ~0.2 s against the
    # window's saves, issue 12), each appended to the text as it comes. CPython grows a
    # string held by one local name in place (`+=`, once the loop's bytecode is
    # specialized: its first few pieces are copied), so a big text is held about once,
    # beside the bytes not yet decoded: 52 MB at the peak for a 50 MB string, where the
    # join of a list of all the decoded pieces held 77 MB (docs/performance.md). Copied
    # once more where a piece holds the first character wider than all before it (an
    # ASCII start, then "“" far in): never more than at the join. A plain `for` loop:
    # appended inside a `with` block, the text was copied every time (measured, 3.11).
    text = ""
    for chunk in _chunks(pieces):
        text += decoder.decode(chunk)
    text += decoder.decode(b"", final=True)
    parsed = ParsedArticle(
        text, packed.metadata, packed.content_hash, packed.reading_note, packed.former_hash
    )
    del text
    return PreparedArticle(
        parsed, packed.language, _Spans(packed.spans), _Words(packed.words, packed.word_ends)
    )


def _chunks(pieces: list[bytes]) -> Iterator[bytes | memoryview]:
    """`pieces` a `TEXT_PIECE_BYTES` at most at a time, in order, each let go (taken out
    of the list) once the next is asked for."""
    pieces.reverse()
    while pieces:
        piece = pieces.pop()
        if len(piece) <= TEXT_PIECE_BYTES:
            yield piece
            continue
        view = memoryview(piece)  # the text packed whole, not crossed in pieces
        for at in range(0, len(view), TEXT_PIECE_BYTES):
            yield view[at : at + TEXT_PIECE_BYTES]
        view.release()


class _Spans(Sequence[SentenceSpan]):
    """Sentence spans read from a flat array, one at a time or a slice at a time."""

    def __init__(self, data: bytes) -> None:
        self._flat = array("q")
        self._flat.frombytes(data)

    def __len__(self) -> int:
        return len(self._flat) // 3

    @overload
    def __getitem__(self, index: int) -> SentenceSpan: ...

    @overload
    def __getitem__(self, index: slice) -> list[SentenceSpan]: ...

    def __getitem__(self, index: int | slice) -> SentenceSpan | list[SentenceSpan]:
        flat = self._flat
        if isinstance(index, slice):
            return [
                SentenceSpan(flat[3 * i], flat[3 * i + 1], flat[3 * i + 2])
                for i in range(*index.indices(len(self)))
            ]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("sentence index out of range")
        return SentenceSpan(flat[3 * index], flat[3 * index + 1], flat[3 * index + 2])


class _Words(Sequence[str]):
    """Every sentence's index words in one UTF-8 string, decoded a slice at a time."""

    def __init__(self, data: bytes, ends: bytes) -> None:
        self._data = data
        self._ends = array("q")
        self._ends.frombytes(ends)

    def __len__(self) -> int:
        return len(self._ends)

    def _start(self, index: int) -> int:
        return self._ends[index - 1] + len(_SEPARATOR) if index else 0

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            if stop <= start:
                return []
            chunk = self._data[self._start(start) : self._ends[stop - 1]]
            return chunk.decode("utf-8", "surrogatepass").split(_SEPARATOR)
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("sentence index out of range")
        chunk = self._data[self._start(index) : self._ends[index]]
        return chunk.decode("utf-8", "surrogatepass")


def prepare_article_file(
    data: bytes, *, suffix: str, name: str, progress: Progress = _no_progress
) -> PackedArticle:
    """Read, split and index one article file's bytes, packed (run in a parser worker)."""
    reading = f"Reading {name}"

    def read(fraction: float, detail: str) -> None:
        progress(0.05 + 0.05 * fraction, f"{reading}: {detail}" if detail else reading)

    return prepare_packed(parse_article(data, suffix=suffix, progress=read), name, progress)
