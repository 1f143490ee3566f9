"""The rule typed text is saved by (`domain/printable.py`, docs/safety.md "Typed text"):
each line break Qt's plain-text box shows is one "\\n"; every other character is kept."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck_app.domain.printable import typed_line, typed_lines

SPACES = "32\u00a0% M.\u00a0Dupont\u202f; p.\u20091\u3000fin"  # no-break, narrow, thin, ideographic


def test_special_spaces_are_kept_in_both_kinds_of_field() -> None:
    assert typed_lines(SPACES) == SPACES
    assert typed_line(SPACES) == SPACES


def test_each_line_break_the_box_shows_is_one_newline() -> None:
    # U+FDD0 and U+FDD1 are shown by Qt's box as line breaks (its frame marks): saved so.
    assert typed_lines("a\r\nb\rc\u2028d\u2029e\ufdd0f\ufdd1g\nh") == "a\nb\nc\nd\ne\nf\ng\nh"
    assert typed_lines("tab\there\x0bkept\x85too") == "tab\there\x0bkept\x85too"


def test_byte_order_marks_at_the_start_are_not_saved_in_either_kind_of_field() -> None:
    # Qt drops one at the start of any text it is handed: a field never saved it as held.
    assert typed_lines("\ufeff\ufeffSee:\ufeff x\r\n") == "See:\ufeff x\n"
    assert typed_line("\ufeff\u202e\ufeffAna\ufeff") == "Ana\ufeff"
    assert typed_lines("\ufeff") == typed_line("\ufeff") == ""


# The rule read left to right, one break at a time: "\r\n" is one, each other break one.
_ONE_BREAK = re.compile("\r\n|[\r\u2028\u2029\ufdd0\ufdd1]")
_PIECES = [  # each break, the marks, a letter, a no-break space, one beyond 16 bits
    "\r",
    "\n",
    "\u2028",
    "\u2029",
    "\ufdd0",
    "\ufdd1",
    "\ufeff",
    "a",
    "\u00a0",
    "\U0001f600",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=24).map("".join) | st.text(max_size=40))
def test_every_mix_of_breaks_is_saved_as_the_rule_reads_it(text: str) -> None:
    """`typed_lines` replaces the breaks one kind after another (fast on a long text):
    a CR before a CR LF, a CR before U+2029, or a break after the leading marks give
    what the rule says (a CR replaced before the CR LFs would give two breaks of one)."""
    assert typed_lines(text) == _ONE_BREAK.sub("\n", text).lstrip("\ufeff")
