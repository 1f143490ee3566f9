"""Damaged workspaces and malformed review files give one sentence, never a traceback.

Through the real entry point (`factcheck_app.__main__.main`): exit status 1, one line on
stderr naming what is wrong, and nothing written."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factcheck_app.__main__ import main
from factcheck_app.domain.models import Stance, Tag
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.export import article_review
from tests.sample_review import apply_sample_review

HINT = "the workspace may be damaged: run File → Check Workspace or restore a backup."


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """Run the command: exit status 1 and exactly one line on stderr, no traceback."""
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    return err.strip()


# -- a review row with a value the desk never writes ----------------------------------------


@pytest.fixture
def judged(seeded_desk: Desk) -> tuple[Path, int]:
    """A closed workspace whose first sentence has a tag, a verdict and a source."""
    sid = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    seeded_desk.reviews.set_tag(sid, Tag.CLAIM)
    seeded_desk.reviews.set_verdict(sid, "false")
    seeded_desk.sources.link_source(
        sid, NewSource(url="https://example.org/a", title="A", stance=Stance.REFUTES)
    )
    path = seeded_desk.path
    assert path is not None
    seeded_desk.close()
    return path, sid


def write_behind_the_desk(path: Path, sql: str, *params: object) -> None:
    """What a plain sqlite3 session can do, CHECK constraints switched off."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


EXPORTS = [
    ["--article", "1", "--format", "md"],
    ["--article", "1", "--format", "json"],
    ["--article", "1", "--format", "csv"],
    ["--article", "1", "--format", "claimreview", "--url-pattern", "https://x.org/{number}"],
    ["--format", "summary-csv"],
]


def test_an_unknown_verdict_in_a_review_row_is_named_by_every_export(
    judged: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    path, sid = judged
    write_behind_the_desk(path, "UPDATE reviews SET rating = 'bogus' WHERE sentence_id = ?", sid)
    expected = f"factcheck-app: Sentence {sid}'s review has an unknown verdict 'bogus'; {HINT}"
    for args in EXPORTS:
        assert one_line(capsys, ["export", "-w", str(path), *args]) == expected, args
    pdf = tmp_path / "r.pdf"
    args = ["export", "-w", str(path), "--article", "1", "--format", "pdf", "-o", str(pdf)]
    assert one_line(capsys, args) == expected and not pdf.exists()
    # --all reads each article as it writes it: the damaged one is refused by its number
    # (the others are written), exit status 1, as the window's All articles names it.
    folder = tmp_path / "all"
    args = ["export", "-w", str(path), "--all", "--format", "html", "-o", str(folder)]
    refused = expected.replace("factcheck-app: ", "factcheck-app: article 1: ")
    assert one_line(capsys, args) == refused
    assert one_line(capsys, ["search", "-w", str(path), "Ankara"]) == expected


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE reviews SET tag = 'bogus' WHERE sentence_id = ?",
        "UPDATE reviews SET status = 'finished' WHERE sentence_id = ?",
        "UPDATE sentence_sources SET stance = 'agrees' WHERE sentence_id = ?",
    ],
)
def test_an_unknown_tag_status_or_stance_is_one_line(
    judged: tuple[Path, int], capsys: pytest.CaptureFixture[str], sql: str
) -> None:
    """Opening the workspace may already refuse it (its check sees the CHECK constraint);
    if not, reading the row does. Either way: one sentence saying it may be damaged."""
    path, sid = judged
    write_behind_the_desk(path, sql, sid)
    err = one_line(capsys, ["export", "-w", str(path), "--article", "1", "--format", "md"])
    assert "damaged" in err


# -- review files that are not what they claim ----------------------------------------------


@pytest.fixture
def exported(seeded_desk: Desk) -> dict[str, Any]:
    apply_sample_review(seeded_desk, 1)
    return article_review(seeded_desk, 1)


@pytest.fixture
def other(tmp_path: Path) -> Path:
    """A closed workspace holding one unrelated article: the import target."""
    path = tmp_path / "other.fcdesk"
    desk = Desk.open(path)
    desk.importer.import_text("An unrelated article sits here first. It takes article id 1.")
    desk.close()
    return path


def set_in(key_path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in key_path[:-1]:
            target = target[key]
        target[key_path[-1]] = value

    return change


CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("rating object", set_in(("sentences", 0, "rating"), {"x": 1}), "“rating” must be"),
    ("rating list", set_in(("sentences", 0, "rating"), ["false"]), "“rating” must be"),
    ("tag list", set_in(("sentences", 0, "tag"), ["claim"]), "“tag” must be one of"),
    ("status number", set_in(("sentences", 0, "status"), 3), "“status” must be one of"),
    ("stance object", set_in(("sentences", 4, "sources", 0, "stance"), {}), "“stance”"),
    ("claimant number", set_in(("sentences", 0, "claimant"), 5), "“claimant” must be text"),
    ("title list", set_in(("article", "title"), ["a"]), "“title” must be text, not a list"),
    ("text number", set_in(("article", "text"), 12), "“text” must be text, not a number"),
    ("article list", set_in(("article",), []), "“article” must be an object, not a list"),
    ("sentences object", set_in(("sentences",), {}), "“sentences” must be a list"),
    ("sentence list", set_in(("sentences", 2), [1, 2]), "Sentence 3: it must be an object"),
    ("source text", set_in(("sentences", 4, "sources", 0), "x"), "source 1: it must be an"),
    ("sources object", set_in(("sentences", 4, "sources"), {"a": 1}), "“sources” must be a"),
    ("start text", set_in(("sentences", 1, "start"), "0"), "“start” must be a whole number"),
    ("start bool", set_in(("sentences", 0, "start"), False), "“start” must be a whole number"),
    ("paragraph float", set_in(("sentences", 0, "paragraph"), 1.5), "“paragraph” must be"),
    ("published number", set_in(("article", "published"), 2020), "“published” must be a date"),
    ("accessed list", set_in(("sentences", 4, "sources", 0, "accessed"), []), "“accessed”"),
    ("url number", set_in(("sentences", 4, "sources", 0, "url"), 7), "“url” must be text"),
    ("url ipv6", set_in(("sentences", 4, "sources", 0, "url"), "http://[::1"), "not a valid"),
    ("denies list", set_in(("sentences", 5, "denies_index"), [4]), "denies a sentence"),
    ("id list", set_in(("sentences", 0, "id"), [1]), None),  # ignored: not needed since v1
    ("version text", set_in(("format_version",), "1"), "“format_version” must be a whole"),
    ("title huge", set_in(("article", "title"), "T" * 1_000_001), "“title” is too long (1,000,001"),
    ("explanation huge", set_in(("sentences", 0, "explanation"), "e" * 1_000_001), "too long"),
    ("surrogate", set_in(("sentences", 0, "claimant"), "\ud800"), "lone surrogate"),
]


def old_ids_as_objects(data: dict[str, Any]) -> None:
    """An export from before denies_index, with its old ids replaced by objects."""
    for sentence in data["sentences"]:
        sentence.pop("denies_index", None)
    data["sentences"][5]["denies_sentence_id"] = {"id": 1}


CASES.append(("old denies object", old_ids_as_objects, "“denies_sentence_id” must be a whole"))


@pytest.mark.parametrize(("name", "change", "words"), CASES, ids=[c[0] for c in CASES])
def test_a_wrong_type_anywhere_in_the_review_is_one_sentence_naming_the_field(
    exported: dict[str, Any],
    other: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    change: Callable[[dict[str, Any]], None],
    words: str | None,
) -> None:
    data = copy.deepcopy(exported)
    change(data)
    review = tmp_path / "review.json"
    review.write_text(json.dumps(data), encoding="utf-8")
    before = digest(other)
    if words is None:  # a harmless oddity: imported as usual
        assert main(["import-review", "-w", str(other), str(review)]) == 0
        return
    err = one_line(capsys, ["import-review", "-w", str(other), str(review)])
    assert words in err and "Nothing was imported" in err, err
    assert len(err) < 400, err  # a huge value is never echoed whole
    assert digest(other) == before


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("nested arrays", '{"format": ' + "[" * 200_000 + "]" * 200_000 + "}", "too deeply"),
        ("nested objects", '{"a": ' * 100_000 + "1" + "}" * 100_000, "too deeply"),
        ("huge number", '{"format_version": ' + "9" * 5000 + "}", "not usable JSON"),
        ("top-level list", "[1, 2]", "not a Factcheck desk review export"),
        ("not json", "{'format': 1}", "not valid JSON"),
    ],
)
def test_a_file_that_is_not_a_review_is_one_sentence(
    other: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str,
    words: str,
) -> None:
    review = tmp_path / "review.json"
    review.write_text(content, encoding="utf-8")
    before = digest(other)
    err = one_line(capsys, ["import-review", "-w", str(other), str(review)])
    assert words in err, err
    assert digest(other) == before
    new = tmp_path / "new.fcdesk"  # and a workspace named for it is not even made
    one_line(capsys, ["import-review", "-w", str(new), str(review)])
    assert not new.exists()


def test_a_workspace_given_as_the_review_file_is_named_so(
    other: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import-review -w mine.fcdesk theirs.fcdesk` (a colleague's workspace, not their
    JSON export) said "cannot read the file ('utf-8' codec can't decode byte 0xc3 in
    position 31: invalid continuation byte)": Python's words, and no way forward."""
    theirs = tmp_path / "theirs.fcdesk"
    shutil.copyfile(other, theirs)
    before = digest(other)
    err = one_line(capsys, ["import-review", "-w", str(other), str(theirs)])
    assert err == (
        "factcheck-app: theirs.fcdesk is a workspace, not a review export (JSON): "
        "File → Merge Workspace… brings its work into this one (`factcheck-app merge` on "
        "the command line). Nothing was imported."
    )
    assert digest(other) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_a_named_pipe_as_the_review_file_is_refused_without_hanging(
    other: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "review.json"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "import-review", "-w", str(other), str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "is not a file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_good_review_still_imports(
    exported: dict[str, Any], other: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "review.json"
    review.write_text(json.dumps(exported), encoding="utf-8")
    assert main(["import-review", "-w", str(other), str(review)]) == 0
    assert capsys.readouterr().out.startswith("2\t12\t")
