"""Which sentences of two copies of one article are the same, after merges and splits.

Two workspaces that imported the same article hold the same text, but either side may
have merged two sentences or split one since. Every sentence is a span of that text, so
the sentences line up by their spans: a sentence on one side matches the sentences of
the other that cover the same stretch of text. `align` walks both lists once and cuts
them into the smallest groups that cover the same stretch: one to one where nobody
changed a boundary, one to many where one side merged (or the other split), many to many
where both changed boundaries around the same place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Group", "align"]

Span = tuple[int, int]  # (start, end) offsets in the article text, end exclusive


@dataclass(frozen=True, slots=True)
class Group:
    """Sentences of each side (indices into the lists given) covering the same text."""

    ours: tuple[int, ...]
    theirs: tuple[int, ...]

    @property
    def same_boundaries(self) -> bool:
        return len(self.ours) == 1 and len(self.theirs) == 1


def align(ours: Sequence[Span], theirs: Sequence[Span]) -> list[Group]:
    """Groups of sentences covering the same text, in text order (linear time).

    Both lists are in text order and do not overlap within themselves (as the splitter
    makes them). Text between sentences (blank lines) belongs to no sentence; a group
    ends where both sides have ended a sentence at or before the same place and neither
    has a sentence running past it.
    """
    groups: list[Group] = []
    i = j = 0
    while i < len(ours) or j < len(theirs):
        if i == len(ours) or j == len(theirs):
            # Only one side has text left (it should not happen for the same text, but
            # a sentence is never dropped): each is a group of its own.
            if i < len(ours):
                groups.append(Group((i,), ()))
                i += 1
            else:
                groups.append(Group((), (j,)))
                j += 1
            continue
        if ours[i][1] <= theirs[j][0]:
            groups.append(Group((i,), ()))  # text only our side made a sentence of
            i += 1
            continue
        if theirs[j][1] <= ours[i][0]:
            groups.append(Group((), (j,)))
            j += 1
            continue
        mine, other = [i], [j]
        end = max(ours[i][1], theirs[j][1])
        i += 1
        j += 1
        # Take in every sentence that starts before the group's end on either side.
        while True:
            if i < len(ours) and ours[i][0] < end:
                mine.append(i)
                end = max(end, ours[i][1])
                i += 1
            elif j < len(theirs) and theirs[j][0] < end:
                other.append(j)
                end = max(end, theirs[j][1])
                j += 1
            else:
                break
        groups.append(Group(tuple(mine), tuple(other)))
    return groups
