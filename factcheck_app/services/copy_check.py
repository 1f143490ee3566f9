"""The look at a workspace copied while a desk had it open, when it is opened.

Such a copy may have been taken in the middle of that desk moving its saves from the
`-wal` into the file (a checkpoint): pages of two moments, which SQLite's checks pass
when no index tells them apart. Only such a copy is looked at (a desk's "open" mark in a
file in WAL mode without its `-wal`, written in another file): a normal open costs
nothing. Two things are looked at:

- the reviews against their history (storage/two_moments.py): one that is not what its
  history says it became is named to the reviewer and never changed: which of the two is
  right nobody can tell from the file (docs/safety.md);
- the search index, for completeness: it only repeats the other tables, so an incomplete
  one is mended (opened for editing) or searched through a private index (read-only), and
  said in one line.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.domain.models import Status, verdict_label
from factcheck_app.domain.times import in_local_zone, stored_time
from factcheck_app.domain.two_moments import Unlike
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.two_moments import FOUND_SETTING, reviews_unlike_history

__all__ = ["CopyLook", "Unlike", "look_at_copy", "two_moments_note"]

SHOWN = 10  # sentences named one by one; the rest counted


@dataclass
class CopyLook:
    """What the look found, and did: reviews unlike their history (never changed), and
    the search index's line (empty: it was complete)."""

    unlike: list[Unlike] = field(default_factory=list)
    index_line: str = ""


def look_at_copy(repo: WorkspaceRepository, name: str, *, writable: bool, index: str) -> CopyLook:
    """Look at a copy taken while open (see the module's words). `index`: what the open
    does with an index to rebuild (desk.SearchIndexUse): "rebuild" now, "beside" the
    window, at the first search ("searched"), or nothing ("unused")."""
    look = CopyLook(reviews_unlike_history(repo.db))
    if index != "unused":
        look.index_line = _mend_index(repo, name, writable=writable, index=index)
    return look


def remember_two_moments(repo: WorkspaceRepository, *, found: bool) -> None:
    """Keep in a copy opened for editing that its reviews were found unlike their
    history (its mark of a desk left open goes as it closes), so that its later opens and
    merges look again; forget it once none is found."""
    settings = repo.settings
    if found == (settings.get_setting(FOUND_SETTING) is not None):
        return
    # Not worth refusing the open for (a full disk): it was just told, and is found again
    # by the next open only while the desk's mark is still there.
    with contextlib.suppress(WorkspaceError), repo.db.atomic():
        if found:
            settings.set_setting(FOUND_SETTING, "1")
        else:
            settings.delete_setting(FOUND_SETTING)


def _mend_index(repo: WorkspaceRepository, name: str, *, writable: bool, index: str) -> str:
    """Mend (or, read-only, search around) an incomplete search index; its line, or ""."""
    search = repo.search
    if search.table != "search_index" or search.rebuild_due() is not None:
        return ""  # out of date anyway: the open's own rebuild (or private index) covers it
    found = search.inspect(own_check=writable)  # FTS5's own check is a write statement
    if found.complete:
        return ""
    said = (
        f"The search index of {name} was incomplete (copied in the middle of a save; the "
        "index only repeats the articles and reviews): "
    )
    if not writable:
        search.search_privately(
            now=index == "rebuild", on_search=index == "searched", incomplete=True
        )
        return said + (
            "a search here uses an index the desk builds for itself (nothing is written to "
            "the file); opened for editing, the desk rebuilds the file's own."
        )
    search.repair(found, beside=index != "rebuild")
    if search.rebuild_due() is not None and index == "searched":
        search.prepare(read_only=False, now=False, on_search=True)  # at the first search
        return said + "it is rebuilt before the first search."
    if search.rebuild_due() is None:
        return said + "it was made whole again."
    return said + "it is being rebuilt beside the window (its progress in the status bar)."


def two_moments_note(name: str, unlike: Sequence[Unlike], *, merged: bool = False) -> str:
    """The reviewer's words for reviews unlike their history, naming each sentence as the
    desk names sentences elsewhere, what it holds and what its history says it became."""
    count = len(unlike)
    which = "This sentence is" if count == 1 else f"These {count} sentences are"
    if merged:
        head = (
            f"{name} cannot be merged: it was copied while its desk had it open, in the "
            "middle of a save, and holds reviews of two different moments. "
            f"{which} not what their history there says they last became, so which of "
            "the two is their review cannot be told. Nothing was merged, nothing here was "
            f"changed, and {name} was left as it was. Ask for a fresh copy (File → Back Up "
            "Now in their desk makes a whole one even while it is open, in their backups "
            "folder), and merge that."
        )
    else:
        head = (
            f"{name} holds reviews of two different moments: it was copied while a desk had "
            "it open, in the middle of a save. "
            f"{which} not what their history says they last became. Nothing was changed: "
            "which of the two is right cannot be told from the file. Check each and set it "
            "as you mean it (one that already is: change its verdict and change it back, so "
            "that its history says so too; until then the desk tells this at each open, and "
            "refuses to merge the workspace), or ask for a fresh copy (File → Back Up Now in "
            "that desk makes a whole one even while it is open, in its backups folder)."
        )
    lines = [f"  • {_named(item)}" for item in unlike[:SHOWN]]
    if count > SHOWN:
        lines.append(f"  • and {count - SHOWN} more")
    return head + "\n" + "\n".join(lines)


def _named(item: Unlike) -> str:
    title = item.article_title if len(item.article_title) <= 50 else item.article_title[:49] + "…"
    when = stored_time(item.at)
    local = (in_local_zone(when) or when) if when else None
    entry = item.description + (f", {local.strftime('%H:%M on %d %b')}" if local else "")
    return (
        f"sentence {item.sentence_number} of “{title}”: here {_state(item.here)}; its "
        f"history ({entry}) says {_state(item.history_says)}"
    )


def _state(fields: dict[str, object]) -> str:
    """Review fields in words: "verdict Mixed, explanation “13”"."""
    words = []
    for key, value in fields.items():
        if key == "tag":
            words.append(f"tag {str(value).capitalize()}" if value else "no tag")
        elif key == "rating":
            words.append(f"verdict {verdict_label(str(value))}" if value else "no verdict")
        elif key in ("claimant", "explanation"):
            text = str(value)
            text = text if len(text) <= 60 else text[:59] + "…"
            words.append(f"{key} “{text}”" if text else f"no {key}")
        elif key == "status":
            try:
                words.append(f"status {Status(str(value)).label}")
            except ValueError:
                words.append(f"status {value}")
        else:
            words.append("denying another sentence" if value is not None else "denying none")
    return ", ".join(words)
