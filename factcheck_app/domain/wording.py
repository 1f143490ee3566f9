"""Small pieces of the desk's English: counts with the right noun form."""

from __future__ import annotations


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
