"""The history's hash chain finds a changed, a deleted and a reordered entry (issue 16)."""

from __future__ import annotations

import dataclasses
import random

from factcheck_app.domain.history import ChainHead, HistoryEntry, next_entry, verify


def written(count: int, seed: int = 7) -> tuple[list[HistoryEntry], ChainHead]:
    rng = random.Random(seed)
    entries: list[HistoryEntry] = []
    head: ChainHead | None = None
    for n in range(count):
        tag = rng.choice(["claim", "denial", "fact", None])
        entry = next_entry(
            head,
            at=f"2026-12-03T05:{n // 60 % 60:02d}:{n % 60:02d}Z",
            reviewer=rng.choice(["Ana Ruiz", "Max Olsen", "Zoë Ngata"]),
            action=rng.choice(["tag", "verdict", "explanation", "undo"]),
            article_id=rng.randint(1, 5),
            sentence_id=rng.randint(1, 400),
            before={"tag": None},
            after={"tag": tag, "explanation": "Laut «Bericht» – 32 % \u2028 mehr"},
        )
        entries.append(entry)
        head = ChainHead(entry.seq, entry.hash)
    assert head is not None
    return entries, head


def test_an_untouched_history_of_1000_edits_verifies() -> None:
    entries, head = written(1000)
    assert verify(entries, head) is None
    assert [e.seq for e in entries] == list(range(1, 1001))
    assert verify([], None) is None  # a workspace with no edits yet


def test_a_changed_entry_is_found() -> None:
    entries, head = written(50)
    entries[20] = dataclasses.replace(entries[20], after='{"tag":"fact"}')
    problem = verify(entries, head)
    assert problem is not None and problem.seq == 21 and "changed" in problem.reason
    entries, head = written(50)
    entries[5] = dataclasses.replace(entries[5], reviewer="Someone Else")
    problem = verify(entries, head)
    assert problem is not None and problem.seq == 6


def test_a_deleted_entry_is_found_in_the_middle_and_at_the_end() -> None:
    entries, head = written(50)
    del entries[30]
    problem = verify(entries, head)
    assert problem is not None and problem.seq == 31 and "missing" in problem.reason
    entries, head = written(50)
    problem = verify(entries[:-2], head)
    assert problem is not None and problem.seq == 49 and "deleted" in problem.reason


def test_a_reordered_history_is_found() -> None:
    entries, head = written(50)
    entries[10], entries[11] = entries[11], entries[10]
    problem = verify(entries, head)
    assert problem is not None and problem.seq == 12 and "reordered" in problem.reason
    # Renumbering the swapped entries to hide it breaks their hashes instead.
    entries, head = written(50)
    a, b = entries[10], entries[11]
    entries[10] = dataclasses.replace(b, seq=a.seq, prev_hash=a.prev_hash)
    entries[11] = dataclasses.replace(a, seq=b.seq, prev_hash=entries[10].hash)
    problem = verify(entries, head)
    assert problem is not None and problem.seq == 11


def test_the_same_edit_hashes_the_same_everywhere() -> None:
    first = next_entry(
        None,
        at="2026-12-03T05:00:00Z",
        reviewer="Ana",
        action="tag",
        article_id=1,
        sentence_id=2,
        before={"b": 1, "a": None},
        after={"tag": "claim"},
    )
    again = next_entry(
        None,
        at="2026-12-03T05:00:00Z",
        reviewer="Ana",
        action="tag",
        article_id=1,
        sentence_id=2,
        before={"a": None, "b": 1},
        after={"tag": "claim"},
    )
    assert first == again and first.before == '{"a":null,"b":1}'


def test_changes_whole_keeps_a_long_note_uncut_with_its_line_breaks() -> None:
    """The panel's Enter shows an entry whole: a 2,000-character return note was cut to
    60 characters, the only keyboard way to it."""
    from factcheck_app.domain.history_words import changes

    note = "Which year?\n" + "The ministry's table differs. " * 70
    before = {"sign_off": None}
    after = {"sign_off": {"decision": "returned", "editor": "Zoë Ngata", "note": note}}
    [cut] = changes(before, after)
    assert cut.endswith("…") and len(cut) < 100
    [whole] = changes(before, after, whole=True)
    assert whole == f"Sign-off: none → Returned by Zoë Ngata: {note.strip()}"


def test_a_long_text_changed_past_its_cut_says_what_changed() -> None:
    """An explanation given a sentence at its end read "Explanation: The ministry's…
    → The ministry's…": both cut at 60 characters, the change out of sight."""
    from factcheck_app.domain.history_words import changes

    first = "The ministry's own figures, published on Monday, say otherwise: 31 were hurt."
    later = first + " The hospital says 40."
    (line,) = changes({"explanation": first}, {"explanation": later})
    was, now = line.removeprefix("Explanation: ").split(" → ")
    assert was != now
    assert "The hospital says 40." in now and "The hospital" not in was
    (line,) = changes({"explanation": later}, {"explanation": first.replace("31", "13")})
    assert "31 were hurt" in line and "13 were hurt" in line


def test_sentences_nested_in_reviews_by_hand_give_no_error() -> None:
    from factcheck_app.domain.history_words import changes

    state: dict[str, object] = {"id": 1, "start": 0, "end": 1, "review": {"tag": "fact"}}
    for _ in range(900):
        state = {"id": 1, "start": 0, "end": 1, "review": state}
    assert changes([state], [{"id": 1, "start": 0, "end": 1, "review": None}]) == []


def test_a_history_emptied_but_its_last_entry_recorded_says_every_entry_was_deleted() -> None:
    """Said "entries 1–40 at the end of the history were deleted": the whole of it was."""
    _entries, head = written(40)
    problem = verify([], head)
    assert problem is not None and problem.seq == 1
    assert problem.reason == "every entry of the history (1–40) was deleted."
    problem = verify([], ChainHead(1, "f" * 64))
    assert problem is not None and problem.reason == "entry 1, the only one, was deleted."
