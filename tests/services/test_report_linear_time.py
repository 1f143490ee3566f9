"""Issue 13: the report writers' patterns take time linear in the text they escape.

Same measure as tests/domain/test_linear_time.py: 4x the text must take less than 8x the
time. The Markdown line-start pattern once tried every following line again from each
line start: 20,000 blank lines took 13.6 s to escape.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck_app.services.reports import csv_report, markdown_report, text
from factcheck_app.services.reports.markdown_report import md_escape
from tests.domain.test_linear_time import assert_linear


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "\n" * n + "x",
        lambda n: " \n" * n + "x",
        lambda n: "\n \t" * n + "x",
        lambda n: "\n1" * n + "x",
        lambda n: "\n" * n + "1" * n + "x",
    ],
    ids=["blank lines", "lines of a space", "lines of blanks", "digits on lines", "then digits"],
)
def test_markdown_escaping_is_linear_in_blank_lines(make: Callable[[int], str]) -> None:
    assert_linear(md_escape, make, 1000)


# The pattern that was replaced, kept as the oracle: the new one must defuse exactly the
# same line starts.
_OLD_LINE_START = re.compile(r"^(\s*)(\d*)([-+=>.)])", re.MULTILINE)


def _old_md_escape(value: str) -> str:
    escaped = markdown_report._INLINE.sub(r"\\\1", text.clean(value))
    return _OLD_LINE_START.sub(markdown_report._defuse_line_start, escaped)


@given(st.text(alphabet=" \t\n\r\x0b\x0c\u00a0\u2028\u3000-+=>.)1a#*", max_size=40))
def test_markdown_escaping_defuses_what_the_plain_pattern_defused(value: str) -> None:
    assert md_escape(value) == _old_md_escape(value)


@pytest.mark.parametrize(
    ("func", "make"),
    [
        (text.squash, lambda n: "\n \t" * n + "x"),
        (text.paragraphs, lambda n: "\n " * n + "x"),
        (text.paragraphs, lambda n: "a\n" + " " * n + "x"),
        (csv_report.neutralize, lambda n: ";" + ' "' * n + "x"),
        (csv_report.neutralize, lambda n: '; "' * n + "="),
    ],
    ids=["squash", "paragraphs", "paragraphs, one long blank line", "csv quotes", "csv separators"],
)
def test_the_other_report_patterns_are_linear(
    func: Callable[[str], object], make: Callable[[int], str]
) -> None:
    assert_linear(func, make, 3000)
