"""`factcheck-app history` on a long history: a year's workspace holds over 100,000
entries. The command read and worded all of them before printing the first line
(`history | head` waited 7 s on 49,300 entries), and `--json` held every entry's states
and the whole text at once: 561 MB for 49,300 entries, past a locked-down laptop's
memory for a year's history."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.services.desk import Desk
from factcheck_app.storage.stores import history as history_store
from factcheck_app.storage.stores.history import HistoryRow

EXPLANATION = "The ministry's own figures, published on Monday, say otherwise. " * 60


def _workspace(tmp_path: Path, edits: int) -> Path:
    """A workspace whose history holds `edits` explanation edits: the first two made in
    the desk, the rest written as copies of the second in one go (a thousand saves of
    their own take seconds)."""
    path = tmp_path / "w.fcdesk"
    article = tmp_path / "a.txt"
    article.write_text("The minister said 4 were arrested. Police said 40.", "utf-8")
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        desk.importer.import_file(article)
        sentence = desk.reviews.sentence_rows(1)[0].sentence.id
        for n in range(min(edits, 2)):
            desk.reviews.set_text_field(sentence, "explanation", f"{n} {EXPLANATION}")
        if edits > 2:
            last = list(desk.repo.history.entries())[-1]
            row = HistoryRow(
                last.at,
                last.reviewer,
                last.action,
                last.description,
                last.entity,
                last.entity_id,
                last.before,
                last.after,
                last.article_id,
                last.sentence_id,
            )
            desk.repo.history.record_many([row] * (edits - 2))
    finally:
        desk.close()
    return path


class _Head(io.StringIO):
    """Standard output read by `head -1`: the reader is gone after the first line."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_the_first_entry_is_printed_before_the_whole_history_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _workspace(tmp_path, 1200)
    read = 0
    entry_from = history_store.entry_from

    def counted(row: object) -> object:
        nonlocal read
        read += 1
        return entry_from(row)  # type: ignore[arg-type]

    monkeypatch.setattr(history_store, "entry_from", counted)
    monkeypatch.setattr("sys.stdout", _Head())
    assert run(["history", "-w", str(workspace)]) == 0
    assert read < 1200  # `history | head -1` read and worded all 1,200 first


@pytest.mark.parametrize("edits", [0, 1, 700])
def test_the_json_is_the_whole_history_as_one_array(
    edits: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = _workspace(tmp_path, edits)
    desk = Desk.open(workspace, read_only=True)
    try:
        expected = [item.as_json() for item in desk.history.entries()]
    finally:
        desk.close()
    capsys.readouterr()
    assert run(["history", "-w", str(workspace), "--json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == expected
    assert out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def test_the_json_of_a_long_history_is_not_held_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _workspace(tmp_path, 1500)  # 1,500 entries of two 4 KB states
    output = tmp_path / "history.json"
    with output.open("w", encoding="utf-8") as out:  # `history --json > history.json`
        monkeypatch.setattr("sys.stdout", out)
        tracemalloc.start()
        try:
            assert run(["history", "-w", str(workspace), "--json"]) == 0
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert len(json.loads(output.read_text("utf-8"))) == 1500
    assert peak < 8_000_000  # held whole: 1,500 entries' states and their text, 78 MB
