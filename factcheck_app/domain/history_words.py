"""A history entry in a reviewer's words: what changed from what to what.

Entries keep their states as JSON (domain/history.py); an edit of one sentence stores a
dict of the fields it covers, an edit of several a list of such dicts naming their
sentence. Here those become lines like "Verdict: none → False"."""

from __future__ import annotations

import json
import re
from typing import Any

from factcheck_app.domain.models import Stance, Status, Tag, verdict_label

TEXT_CHARS = 60
SENTENCES_NAMED = 10  # of a merge's or split's sentences, in the whole history's lines
_LABELS = {
    "tag": "Tag",
    "rating": "Verdict",
    "claimant": "Claimant",
    "explanation": "Explanation",
    "status": "Status",
    "denies_sentence_id": "Denies sentence",
    "sign_off": "Sign-off",
    "url": "URL",
    "title": "Title",
    "publisher": "Publisher",
    "accessed": "Accessed",
    "stance": "Stance",
    "excerpt": "Excerpt",
}
# Where it is, not what changed: a sentence's span is told by the entry's description
# (merge, split); its review and sources by `_snapshot_changes`.
_SKIPPED = {"sentence_id", "source_id", "reviewer", "id", "start", "end", "review", "sources"}
_SKIPPED |= {"versions", "extra"}
_ACTIONS = {"undo": "Undo: ", "redo": "Redo: "}


def parsed(text: str | None) -> Any:
    """A stored state (None when it is not JSON: a hand-edited entry)."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nested too deeply
        return None


def title(action: str, description: str) -> str:
    """ "Undo: Tag as Claim"; a plain edit is its description."""
    return _ACTIONS.get(action, "") + description


def sentence_states(state: Any, sentence_id: int) -> Any:
    """The part of a state that is about `sentence_id` (a list's item naming it), or the
    state itself when it is about one sentence."""
    if isinstance(state, list):
        for item in state:
            if isinstance(item, dict) and sentence_id in (item.get("sentence_id"), item.get("id")):
                return item
        return None
    return state


def mentions(state: Any, sentence_id: int) -> bool:
    """Whether a state of several sentences names `sentence_id`."""
    if isinstance(state, list):
        return any(mentions(item, sentence_id) for item in state)
    return isinstance(state, dict) and sentence_id in (state.get("sentence_id"), state.get("id"))


def named_part(text: str | None, sentence_id: int, *, snapshots: bool) -> tuple[bool, Any] | None:
    """(whether the stored state of several sentences `text` names `sentence_id`, the
    part of it about that sentence), found without parsing all of it: a re-split's entry
    names thousands of sentences, and the history box parsed it whole at every sentence
    the reviewer stopped at (0.34 s at 5 MB). None when that cannot be told so: the
    caller parses it (`parsed`, `mentions`, `sentence_states`). `snapshots`: the state is
    a structural edit's, a list of sentence snapshots (`{"end":…,"id":…,"review":…}`,
    written with sorted keys, as `domain/history.py` writes every state)."""
    if not text:
        return False, None  # parsed: None, which names no sentence
    # A key is followed by its colon; in a string a quote is escaped ('\\"'): a name
    # quoted in an explanation is no key. "denies_sentence_id" names another sentence.
    keys = [
        found
        for found in re.finditer(rf'id"\s*:\s*{sentence_id}(?![0-9])', text)
        if text.startswith('"', found.start() - 1)
        or text.startswith('"sentence_', found.start() - len('"sentence_'))
    ]
    if not keys:
        return False, None
    if not snapshots or len(keys) != 1 or not text.startswith("["):
        return None
    item = re.search(rf'\{{"end":\d+,"id":{sentence_id}[,}}]', text)
    if (
        item is None
        or not item.start() < keys[0].start() < item.end()
        or text[item.start() - 1] not in "[,"
    ):
        return None
    try:
        part, _end = json.JSONDecoder().raw_decode(text, item.start())
    except (ValueError, RecursionError):
        return None
    if not isinstance(part, dict) or part.get("id") != sentence_id:
        return None
    return True, part


def changes(before: Any, after: Any, *, whole: bool = False) -> list[str]:
    """ "Tag: none → Claim", one line per field that differs (a link added or removed is
    one line: "Source linked: https://…"). A state of any other JSON shape (a
    hand-edited entry, a colleague's merged in) gives no line, never an error.

    Each value is cut to TEXT_CHARS ("…"), on one line; `whole`: as typed, uncut (an
    editor's 2,000-character return note, to read in full), its own line breaks kept."""

    if _is_snapshot(before) and _is_snapshot(after):  # a sentence in a merge or split
        return _snapshot_changes(before, after, whole)
    if _snapshots(before) or _snapshots(after):  # every sentence a merge or split touched
        return _sentences_changes(before, after, whole)
    lines = []
    if _is_link(after) and not _fields(before).get("url"):
        lines.append(f"Source linked: {_cut(str(_fields(after)['url']), whole)}")
        before, after = _without_link(before), _without_link(after)
    elif _is_link(before) and not _fields(after).get("url"):
        lines.append(f"Source removed: {_cut(str(_fields(before)['url']), whole)}")
        before, after = _without_link(before), _without_link(after)
    if not isinstance(before, dict) or not isinstance(after, dict):
        return lines
    keys = [*before, *(k for k in after if k not in before)]
    order = list(_LABELS)
    keys.sort(key=lambda k: order.index(k) if k in order else len(order))
    for key in keys:
        if key in _SKIPPED:
            continue
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        label = _LABELS.get(key, key.replace("_", " ").capitalize())
        was, now = _said(key, old, whole), _said(key, new, whole)
        if was == now and isinstance(old, str) and isinstance(new, str):
            was, now = _cut_apart(old, new)
        lines.append(f"{label}: {was} → {now}")
    return lines


def _cut_apart(old: str, new: str) -> tuple[str, str]:
    """Two texts that differ past where each is cut ("A long explanation… → A long
    explanation…" said nothing of a sentence added at its end), cut from a little
    before where they differ instead."""
    old, new = " ".join(old.split()), " ".join(new.split())
    same = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), None)
    start = max((min(len(old), len(new)) if same is None else same) - TEXT_CHARS // 3, 0)
    return _cut_from(old, start), _cut_from(new, start)


def _cut_from(text: str, start: int) -> str:
    part = _cut(text[start:]) if start < len(text) else ""
    return f"…{part}" if start else part


def _is_snapshot(state: Any) -> bool:
    """A sentence as a merge, split or re-split stores it: where it is in the article, its
    review, its sources' addresses (and each reviewer's own review)."""
    return isinstance(state, dict) and {"id", "start", "end", "review"} <= state.keys()


def _snapshots(state: Any) -> bool:
    return isinstance(state, list) and any(_is_snapshot(item) for item in state)


def _snapshot_changes(before: dict[str, Any], after: dict[str, Any], whole: bool) -> list[str]:
    """What a merge or split did to one sentence's review and sources (a merge sends the
    sentence kept back for a second look and adds the other's verdict to its explanation:
    "Merge sentences" alone did not say so)."""
    old, new = _review(before), _review(after)
    lines = changes(old, new, whole=whole)
    old_urls, new_urls = _urls(before), _urls(after)
    lines += [f"Source linked: {_cut(url, whole)}" for url in new_urls if url not in old_urls]
    lines += [f"Source removed: {_cut(url, whole)}" for url in old_urls if url not in new_urls]
    return lines


def _review(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A snapshot's review fields; none for anything else (a hand-edited entry nesting
    sentences in reviews 900 deep would have recursed past Python's limit)."""
    review = snapshot.get("review")
    return review if isinstance(review, dict) and not _is_snapshot(review) else {}


def _urls(snapshot: dict[str, Any]) -> list[str]:
    found = snapshot.get("sources")
    return [str(url) for url in found] if isinstance(found, list) else []


def _sentences_changes(before: Any, after: Any, whole: bool) -> list[str]:
    """Each sentence a merge or split changed, by id: what it did to its review and
    sources, that a sentence is no longer one of its own or is one (the first
    SENTENCES_NAMED of them; a re-split of a long article touches hundreds)."""
    old = _by_id(before)
    new = _by_id(after)
    said: list[list[str]] = []
    for sentence_id in [*old, *(i for i in new if i not in old)]:
        if sentence_id not in new:
            said.append([f"Sentence {sentence_id}: no longer a sentence of its own"])
        elif sentence_id not in old:
            said.append([f"Sentence {sentence_id}: a sentence of its own"])
        elif lines := _snapshot_changes(old[sentence_id], new[sentence_id], whole):
            said.append([f"Sentence {sentence_id}: {line}" for line in lines])
    lines = [line for sentence in said[:SENTENCES_NAMED] for line in sentence]
    if len(said) > SENTENCES_NAMED:
        lines.append(f"… and {len(said) - SENTENCES_NAMED} more sentences")
    return lines


def _by_id(state: Any) -> dict[int, dict[str, Any]]:
    if not isinstance(state, list):
        return {}
    return {item["id"]: item for item in state if _is_snapshot(item) and type(item["id"]) is int}


def _is_link(state: Any) -> bool:
    """A source link's state: its URL with its stance or source. An article's properties
    have a URL too (the article's own), which "Source linked" misnamed."""
    fields = _fields(state)
    return "url" in fields and ("stance" in fields or "source_id" in fields)


def _fields(state: Any) -> dict[str, Any]:
    """A state's fields; none for a state that is not the dict the desk writes."""
    return state if isinstance(state, dict) else {}


def _without_link(state: Any) -> dict[str, Any]:
    """A link's state without the link itself (what else the step changed: an approval
    it took away)."""
    link = {"url", "stance", "excerpt", "sentence_id", "source_id", "reviewer"}
    return {k: v for k, v in _fields(state).items() if k not in link}


def _said(key: str, value: Any, whole: bool = False) -> str:
    if value is None or value == "":
        return "none"
    # Only text can name a tag, stance or status (a list or dict cannot even be looked up).
    known = isinstance(value, str)
    if key == "tag" and known and value in Tag._value2member_map_:
        return Tag(value).label
    if key == "rating":
        return verdict_label(str(value)) or "none"
    if key == "stance" and known and value in Stance._value2member_map_:
        return Stance(value).label
    if key == "status" and known and value in Status._value2member_map_:
        return Status(value).label
    if key == "sign_off" and isinstance(value, dict):
        said = f"{str(value.get('decision', '')).capitalize()} by {value.get('editor', '')}"
        note = value.get("note")
        return _cut(f"{said}: {note}" if note else said, whole)
    if isinstance(value, (dict, list)):
        return _cut(json.dumps(value, ensure_ascii=False), whole)
    return _cut(str(value), whole)


def _cut(text: str, whole: bool = False) -> str:
    if whole:
        return text.strip()
    text = " ".join(text.split())
    return text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1] + "…"
