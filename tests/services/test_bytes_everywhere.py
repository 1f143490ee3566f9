"""Every text value of a reviewed, signed-off, merged workspace rewritten as bytes by
another program (tests/bytes_everywhere.py): what a reviewer meets of it is what she
meets of the same workspace untouched. Each read path the sweep found reading bytes
wrongly has its own test beside its fix; this one keeps every path honest at once."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck_app.services.desk import Desk
from factcheck_app.services.workspace_files import open_cleaned_copy
from factcheck_app.storage.stores import rows
from tests.bytes_everywhere import as_bytes, read_everything, seeded_pair

# Only columns SQLite keeps no bytes in (a CHECK of the words allowed), and the empty
# origins of the workspace's own history entries (a partial UNIQUE index), stay text.
LEFT_AS_TEXT = [
    "sentence_sources.stance",
    "history.origin",
    "reviews.tag",
    "reviews.status",
    "review_versions.tag",
    "review_versions.status",
    "sign_offs.decision",
]


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return seeded_pair(tmp_path_factory.mktemp("pair"))


def _same_moment(seen: dict[str, str]) -> dict[str, str]:
    """What differs only by the moment it was read or written (a report's time, the zip
    dates of a Word file, the hash of an entry a merge wrote now)."""
    out = {}
    for key, value in seen.items():
        if "export docx" in key:
            continue
        value = re.sub(r"datetime\.datetime\([^)]*\)", "TIME", value)
        # (to the minute too: a report's "Prepared … on 2026-12-07 18:36 UTC" read a
        # minute after the other copy's)
        value = re.sub(r"\d\d:\d\d(:\d\d(\.\d+)?)?", "TIME", value)
        value = re.sub(r"hash='[0-9a-f]*'", "HASH", value)
        # A merged entry's origin is its hash where it was written: of an entry a merge
        # wrote now, it changes with the second the merge ran in.
        out[key] = re.sub(r"origin='[0-9a-f]{64}'", "ORIGIN", value)
    return out


def _copies(pair: tuple[Path, Path], folder: Path) -> tuple[Path, Path]:
    text, raw = folder / "text.fcdesk", folder / "bytes.fcdesk"
    shutil.copy(pair[0], text)
    shutil.copy(pair[0], raw)
    assert as_bytes(raw) == LEFT_AS_TEXT
    return text, raw


def _read(path: Path, **how: bool) -> dict[str, str]:
    desk = Desk.open(path, backup=False, session=False, **how)
    try:
        return _same_moment(read_everything(desk))
    finally:
        desk.close()


@pytest.mark.parametrize("read_only", [True, False])
def test_every_read_path_reads_bytes_as_the_text_they_spell(
    pair: tuple[Path, Path], tmp_path: Path, read_only: bool
) -> None:
    text, raw = _copies(pair, tmp_path)
    untouched = _read(text, read_only=read_only)
    assert len(untouched) > 150
    # Each read works on the untouched one (ClaimReview refuses in words: no URL pattern).
    assert [k for k, v in untouched.items() if v.startswith("raised")] == ["1 export claimreview"]
    assert _read(raw, read_only=read_only) == untouched


def test_merged_either_way_it_reads_as_the_untouched_one(
    pair: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The two merges a second apart, as under load (at noon the next day, so on one day
    # and after the edits they merge): what they decide must not hang on the second each
    # ran in. (Run in one second, the sweep missed that the origins of the entries a merge
    # wrote differ by it.)
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    noon = tomorrow.replace(hour=12, minute=0, second=0, microsecond=0)
    text, raw = _copies(pair, tmp_path)
    results: dict[str, list[object]] = {}
    for name, ours, at in (("text", text, noon), ("bytes", raw, noon + dt.timedelta(seconds=1))):
        monkeypatch.setattr(rows, "CLOCK", lambda at=at: at)
        # Ana merges Bob's file into hers (as bytes); Bob merges hers (as bytes) into his.
        bob = tmp_path / f"bob-{name}.fcdesk"
        shutil.copy(pair[1], bob)
        seen: list[object] = []
        for into, other, who in ((ours, pair[1], "Ana Ruiz"), (bob, ours, "Bob Tran")):
            desk = Desk.open(into, backup=False, session=False)
            desk.reviewer = desk.edits.actor = who
            try:
                seen.append(re.sub(r"[-\w]+\.fcdesk", "FILE", desk.merge.merge(other).summary()))
                seen.append(_same_moment(read_everything(desk)))
            finally:
                desk.close()
        results[name] = seen
    assert "failed the desk's checks" not in str(results["text"][0])
    for text_seen, bytes_seen in zip(results["text"], results["bytes"], strict=True):
        if isinstance(text_seen, dict) and isinstance(bytes_seen, dict):
            differ = {
                k: (v, bytes_seen.get(k)) for k, v in text_seen.items() if bytes_seen.get(k) != v
            }
            assert differ == {}
        else:
            assert bytes_seen == text_seen


def test_its_cleaned_copy_keeps_what_the_untouched_ones_does(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    """Open a Cleaned Copy: the way out the desk offers for a workspace it will not open
    for editing (an older desk offered it for this very file). Every row stored as bytes
    "failed the desk's checks": the copy held no article, review, source or history."""
    text, raw = _copies(pair, tmp_path)
    made = {}
    for name, source in (("text", text), ("bytes", raw)):
        made[name] = open_cleaned_copy(source, tmp_path / f"{name}-cleaned.fcdesk")
    assert made["bytes"].skipped == made["text"].skipped
    assert made["bytes"].copied == made["text"].copied
    untouched = _read(tmp_path / "text-cleaned.fcdesk", read_only=True)
    assert "Holds 1 article, 12 sentences, 5 reviews and 2 sources." in untouched["check"]
    assert _read(tmp_path / "bytes-cleaned.fcdesk", read_only=True) == untouched


def _edited(path: Path) -> tuple[list[str], dict[str, str]]:
    """The refusal (or none) of each of a reviewer's edits, their undos and redos, and
    what the workspace then shows."""
    from factcheck_app.domain.models import ArticleMetadata, Tag
    from factcheck_app.services.sources import NewSource

    desk = Desk.open(path, backup=False, session=False)
    desk.reviewer = desk.edits.actor = "Ana Ruiz"
    said: list[str] = []

    def do(action: Callable[[], object]) -> None:
        try:
            action()
            said.append("done")
        except Exception as error:  # a refusal is a difference too
            said.append(f"{type(error).__name__}: {error}")

    try:
        ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
        first = desk.sources.links(ids[0])[0]
        do(lambda: desk.reviews.set_tag(ids[0], Tag.FACT))
        do(lambda: desk.reviews.set_verdict(ids[0], "mixed"))
        do(lambda: desk.reviews.set_text_field(ids[0], "explanation", "Neu."))
        do(lambda: desk.reviews.set_text_field(ids[2], "claimant", "Amt"))
        do(lambda: desk.sources.link_source(ids[2], NewSource(first.source.url, "Zählung")))
        do(lambda: desk.sources.unlink_source(first.id, ids[0], shown=first))
        do(lambda: desk.sources.reuse_sources(ids[4], ids[2]))
        do(lambda: desk.reviews.copy_verdict(ids[5], ids[2]))
        do(lambda: desk.boundaries.merge_with_next(ids[6]))
        do(lambda: desk.articles.update_article_metadata(1, ArticleMetadata(title="Neu")))
        for _ in range(4):
            do(desk.edits.undo)
        for _ in range(4):
            do(desk.edits.redo)
        # An article imported, removed, another imported, the removal undone: the marks
        # of an import and the note of the highest ids given (settings, as bytes here).
        taken = desk.importer.import_text("Taxes fell. They rose.", source_name="a").article_id
        do(lambda: desk.articles.remove_article(taken))
        do(lambda: desk.importer.import_text("Prices doubled. Nobody agreed.", source_name="b"))
        do(desk.edits.undo)
        return said, _same_moment(read_everything(desk))
    finally:
        desk.close()


def test_a_reviewers_edits_on_it_come_out_as_on_the_untouched_one(
    pair: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edits write, but what they are refused for, and what they leave, is read: Link
    Source made a second source of a page stored as bytes, and Reuse Sources was refused."""
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    monkeypatch.setattr(rows, "CLOCK", lambda: later)
    text, raw = _copies(pair, tmp_path)
    said, shown = _edited(text)
    assert set(said) == {"done"}
    said_of_bytes, shown_of_bytes = _edited(raw)
    assert said_of_bytes == said
    assert {k: v for k, v in shown_of_bytes.items() if shown.get(k) != v} == {}
