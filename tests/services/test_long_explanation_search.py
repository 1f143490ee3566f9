"""A long explanation (a document pasted in) is indexed a sentence at a time, each
sentence's words remembered (domain/matching.py, `_index_words_in_pieces`): what the
reviewer relies on is that search finds what was typed in it at the save, never a
sentence's words as they were before, after undo too, and that the index holds what
the whole text's words are."""

from __future__ import annotations

from factcheck_app.domain import matching
from factcheck_app.domain.models import SearchScope
from factcheck_app.services.desk import Desk
from factcheck_app.services.search import search_workspace
from tests.domain.test_matching_equivalence import reference_index_words

_SENTENCE = (
    "The ministry said {n} schools closed in 2021, while critics put it at forty-two. "
    "Officials dismissed the “leaked” figures as 3.5% of the budget.\n"
)


def _document(sentences: int) -> str:
    return "".join(_SENTENCE.format(n=n) for n in range(sentences))


def _found(desk: Desk, query: str) -> list[int]:
    results = search_workspace(desk.repo, query, SearchScope.EXPLANATIONS)
    return [hit.found.row.sentence.id for hit in results.hits]


def _indexed(desk: Desk, sentence_id: int) -> str:
    return desk.repo.search.hits([sentence_id])[0].columns["explanation"]


def test_words_typed_in_a_long_explanation_are_found_at_the_save(seeded_desk: Desk) -> None:
    desk = seeded_desk
    article = desk.articles.list_articles()[0].id
    sentence = desk.reviews.sentence_rows(article)[2].sentence.id
    document = _document(900)
    assert len(document) > 100_000
    desk.reviews.set_text_field(sentence, "explanation", document)
    assert _found(desk, "zanzibar") == []

    # A word typed in a sentence in the middle; a number changed in another.
    at = document.index("450 schools")
    typed = document[:at] + "Zanzibar " + document[at:].replace("451 schools", "4510 schools", 1)
    desk.reviews.set_text_field(sentence, "explanation", typed)
    assert _found(desk, "zanzibar") == [sentence]
    assert _found(desk, "4510 schools") == [sentence]
    assert _found(desk, "451 schools") == []
    assert _indexed(desk, sentence) == reference_index_words(typed)

    # Typed away again: the sentence's words as they were, not as the save before had them.
    desk.reviews.set_text_field(sentence, "explanation", document)
    assert _found(desk, "zanzibar") == []
    assert _found(desk, "451 schools") == [sentence]
    assert _indexed(desk, sentence) == reference_index_words(document)

    desk.edits.undo()  # the typing was one step: the explanation empty again
    assert desk.reviews.review(sentence).explanation == ""
    assert _found(desk, "schools") == []
    desk.edits.redo()
    assert _found(desk, "451 schools") == [sentence]
    assert _indexed(desk, sentence) == reference_index_words(document)


def test_closing_the_workspace_forgets_the_sentences_of_its_explanations(
    seeded_desk: Desk,
) -> None:
    """The sentences of a long explanation stayed in this process's memory (remembered to
    index the next save quickly) after their workspace was closed: on a shared machine a
    confidential note lingered until another workspace's typing pushed it out."""
    desk = seeded_desk
    article = desk.articles.list_articles()[0].id
    sentence = desk.reviews.sentence_rows(article)[2].sentence.id
    note = "Our source at the ministry is Dr Okonkwo, reached at home on 12 May. "
    desk.reviews.set_text_field(sentence, "explanation", note + _document(200))
    assert any("Okonkwo" in piece for piece in matching._PIECE_WORDS)  # remembered while open
    assert matching._DIGITS_WRITTEN  # its numbers as written, too
    desk.close()
    assert matching._PIECE_WORDS == {}
    assert matching._DIGITS_WRITTEN == {}
    assert matching._profile.cache_info().currsize == 0


def test_an_import_beside_the_window_leaves_what_the_window_remembered(
    seeded_desk: Desk,
) -> None:
    """An import beside the window runs on a helper desk of the same workspace
    (`Desk.open_helper`), closed when it ends: its close emptied everything the matching
    remembered of the window's texts, mid-session, so the next save of a long explanation
    worked every sentence out again. The window's own close still forgets it all."""
    desk = seeded_desk
    article = desk.articles.list_articles()[0].id
    sentence = desk.reviews.sentence_rows(article)[2].sentence.id
    note = "Our source at the ministry is Dr Okonkwo, reached at home on 12 May. "
    desk.reviews.set_text_field(sentence, "explanation", note + _document(200))
    remembered = dict(matching._PIECE_WORDS)
    helper = desk.open_helper()  # as the window's import job does, in its thread
    try:
        helper.importer.import_text("A second article. It says little.", source_name="b.txt")
    finally:
        helper.close()
    assert remembered.items() <= matching._PIECE_WORDS.items()  # the window's, kept
    assert matching._DIGITS_WRITTEN
    desk.close()
    assert matching._PIECE_WORDS == {}
    assert matching._DIGITS_WRITTEN == {}
