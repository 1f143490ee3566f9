"""Small pieces of the desk's English: counts with the right noun form."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`1 sentence`, `2 sentences`, `1,200 articles` (`plural` for irregular nouns)."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
