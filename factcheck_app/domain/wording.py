"""Small pieces of the desk's English: counts with the right noun form."""

from __future__ import annotations

from collections.abc import Sequence


def figure(count: int) -> str:
    """`1,200`: a count as every report and window writes it (thousands separated)."""
    return f"{count:,}"


def noun_for(count: int, noun: str, plural: str | None = None) -> str:
    """The noun's form for `count`: `sentence` for 1, `sentences` otherwise (`plural` for
    irregular nouns); for a count set apart from its noun, as a report's big figures are."""
    return noun if count == 1 else plural or noun + "s"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`1 sentence`, `2 sentences`, `1,200 articles` (`plural` for irregular nouns)."""
    return f"{figure(count)} {noun_for(count, noun, plural)}"


# How many runs of article numbers a note names before "and N more" (the export
# dialog's end and `export --all`'s note alike): an archive's 300 were one line of numbers
# as wide as the dialog could be made, and as long on stderr.
RUNS_NAMED = 10


def _runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """`numbers` as runs (first, last), sorted, each counted as one of `number_runs`'s
    `most`; two in a row are two runs ("9, 10"), not one."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return [
        part
        for first, last in runs
        for part in ([(first, first), (last, last)] if last == first + 1 else [(first, last)])
    ]


def runs_left_out(numbers: Sequence[int], most: int) -> int:
    """How many numbers `number_runs(numbers, most)` leaves out ("and N more"); 0 when it
    names them all (a note then sends the reader to the log for the rest)."""
    return sum(last - first + 1 for first, last in _runs(numbers)[most:])


def number_runs(numbers: Sequence[int], most: int | None = None) -> str:
    """Article numbers as runs: "1–4, 7, 9, 10" (`export --all`'s notes and the export
    dialog's, one wording for both). With `most`, only the first `most` runs and how many
    more numbers: "1, 3 and 5 more"."""
    runs = _runs(numbers)
    shown = runs if most is None else runs[:most]
    said = ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in shown)
    more = 0 if most is None else runs_left_out(numbers, most)
    return f"{said} and {more:,} more" if more else said
