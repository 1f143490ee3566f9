"""The JSON export made safe a stretch at a time (083d3d78, to halve its memory) writes
the very bytes it wrote made safe whole: json.dumps, then each escape over the whole
text. Random data, with the characters the escapes are about (`</script>`, U+2028/2029,
C1 controls, lone surrogates, quotes and backslashes) and stretches of 1 to 7 of json's
pieces, so that a cut falls next to, and between the characters of, every escape."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck_app.services.reports import text

_TRICKY = st.sampled_from(
    ["<", ">", "&", "\u2028", "\u2029", "\x85", "\x9f", "\x80", "\ud800", "\udfff",
     "</script>", "<!--", '"', "\\", "\n", "\x00", "\x1f", "é", "\U0001f600", "\\u2028"]
)  # fmt: skip
_TEXT = st.lists(st.one_of(_TRICKY, st.text(max_size=8)), max_size=6).map("".join)
_DATA = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), _TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(_TEXT, inner, max_size=5)),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(data=_DATA, at_a_time=st.integers(min_value=1, max_value=7))
def test_made_safe_in_stretches_it_is_the_same_text(data: Any, at_a_time: int) -> None:
    whole = text._script_safe(json.dumps(data, ensure_ascii=False, indent=2))
    saved = text._PIECES_AT_A_TIME
    text._PIECES_AT_A_TIME = at_a_time  # (hypothesis runs many examples per test call)
    try:
        stretched = text.script_safe_json(data)
    finally:
        text._PIECES_AT_A_TIME = saved
    assert stretched == whole
    assert stretched.encode("utf-8", "surrogatepass") == whole.encode("utf-8", "surrogatepass")
    for unsafe in ("<", ">", "&", "\u2028", "\u2029", "\x85"):
        assert unsafe not in stretched
