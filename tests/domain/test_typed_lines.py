"""The rule typed text is saved by (`domain/printable.py`, docs/safety.md "Typed text"):
each line break Qt's plain-text box shows is one "\\n"; every other character is kept."""

from __future__ import annotations

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
