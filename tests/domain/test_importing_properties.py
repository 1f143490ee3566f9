"""Property tests: whatever bytes arrive, import either works exactly or says why."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.importing import (
    _binary_controls,
    normalize_text,
    parse_article,
    split_date_header,
    split_front_matter,
    split_yaml_front_matter,
)
from factcheck_app.domain.segmentation import split_sentences


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_either_import_or_raise_the_documented_error(data: bytes) -> None:
    try:
        parsed = parse_article(data)
    except ArticleImportError as error:
        assert str(error)
        return
    assert parsed.text and parsed.text == parsed.text.strip()
    assert "\r" not in parsed.text and "\x00" not in parsed.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=3000,
    ),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
# Words in the headline and byline only, taken off as metadata: no article text is left.
@example("Minister resigns\nBy Jane Doe, The Paper\n***", "utf-8")
# Words in a front matter only (tests/domain/test_yaml_front_matter.py), taken off so too.
@example("---\ntitle: Report\n---\n***", "utf-8")
def test_imported_text_round_trips_through_sentence_offsets(text: str, encoding: str) -> None:
    try:
        parsed = parse_article(text.encode(encoding))
    except ArticleImportError as error:
        if "Shift_JIS" in str(error):
            # A jumble of rare scripts that is Japanese in Shift_JIS ("\x88á" is "ﾂ暗｡").
            assert encoding == "utf-8" and text.encode("utf-8").decode("cp932")
            return
        if "control characters that no text has" in str(error):
            # Control characters every hundred characters or less: a binary file's piece.
            assert encoding == "utf-8" and _binary_controls(text)
            return
        if "holds no words or figures" in str(error):
            # No letter or figure of any script in the article's text: what is left once
            # a front matter, a date stamp, a headline, a byline and a dateline are taken
            # off its top as metadata (words there are no text to review; the refusal
            # says so).
            _, rest = split_yaml_front_matter(normalize_text(text), markdown=False)
            _, rest = split_date_header(normalize_text(rest))
            _, body = split_front_matter(normalize_text(rest))
            assert not any(char.isalnum() for char in body), text
            if " below its " not in str(error):  # headline, byline or date; front matter
                assert not any(char.isalnum() for char in text), text
            return
        # Empty once byte-order marks and white space are gone, or only a date stamp.
        assert not text.replace("\ufeff", "").strip() or text.strip().startswith("date")
        return
    spans = split_sentences(parsed.text)
    for span in spans:
        piece = parsed.text[span.start : span.end]
        assert piece and piece == piece.strip()
