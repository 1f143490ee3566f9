"""A damaged workspace told in parts (what is wrong, what to do, the facts behind them),
composed into the one message the command line and the log show, word for word as
before the parts; the window leaves the advice out where it cannot be followed."""

from __future__ import annotations

import copy
import pickle
import sqlite3
from pathlib import Path

from factcheck_app.domain.errors import WorkspaceDamaged
from factcheck_app.storage.errors import damaged, translate


def test_two_sentences_or_two_clauses_as_before() -> None:
    sentences = WorkspaceDamaged("The workspace w is damaged (x).", "Run File → Check Workspace.")
    assert str(sentences) == "The workspace w is damaged (x). Run File → Check Workspace."
    assert sentences.told(advice=False) == "The workspace w is damaged (x)."
    clauses = WorkspaceDamaged("It was left untouched", "restore it from a backup", clauses="; ")
    assert str(clauses) == "It was left untouched; restore it from a backup."
    assert clauses.told(advice=False) == "It was left untouched."
    alone = WorkspaceDamaged("The workspace w is damaged. It was left untouched.")
    assert str(alone) == alone.told(advice=False) == alone.fault == alone.reason
    assert alone.path is None and not alone.backup_helps


def test_notes_are_said_after_with_or_without_the_advice() -> None:
    damage = WorkspaceDamaged(
        "It was left untouched", "restore it from a backup", clauses="; ", fault="bad page"
    )
    noted = damage.with_notes("The -wal beside it was kept.", "Nothing was changed.")
    assert str(noted) == (
        "It was left untouched; restore it from a backup. The -wal beside it was kept. "
        "Nothing was changed."
    )
    assert noted.told(advice=False) == (
        "It was left untouched. The -wal beside it was kept. Nothing was changed."
    )
    assert (noted.fault, noted.advice, noted.clauses) == ("bad page", damage.advice, "; ")
    assert str(damage) == "It was left untouched; restore it from a backup."  # unchanged


def test_a_copy_or_a_pickle_keeps_the_parts(tmp_path: Path) -> None:
    damage = WorkspaceDamaged(
        "The workspace w is damaged (x).",
        "Run File → Check Workspace.",
        fault="x",
        path=tmp_path / "w.fcdesk",
        backup_helps=True,
        notes=("Where the -wal went.",),
    )
    for again in (pickle.loads(pickle.dumps(damage)), copy.copy(damage)):
        assert isinstance(again, WorkspaceDamaged)
        assert str(again) == str(damage)
        assert again.told(advice=False) == damage.told(advice=False)
        assert (again.fault, again.path, again.backup_helps, again.notes) == (
            damage.fault,
            damage.path,
            damage.backup_helps,
            damage.notes,
        )


def test_sqlites_report_of_damage_composes_as_it_read(tmp_path: Path) -> None:
    path = tmp_path / "restore it from a backup.fcdesk"
    told = translate(sqlite3.DatabaseError("database disk image is malformed"), path)
    assert isinstance(told, WorkspaceDamaged)
    assert str(told) == (
        f"The workspace {path} is damaged (database disk image is malformed). Run File → "
        "Check Workspace, or restore it from a backup."
    )
    assert told.told(advice=False) == (
        f"The workspace {path} is damaged (database disk image is malformed)."
    )
    assert told.fault == "database disk image is malformed"
    assert told.path == path and told.backup_helps


def test_a_refused_value_composes_as_it_read() -> None:
    told = damaged("Sentence 3's review has an unknown tag", "x It was left")
    assert str(told) == (
        "Sentence 3's review has an unknown tag 'x It was left'; the workspace may be "
        "damaged: run File → Check Workspace or restore a backup."
    )
    assert told.fault == "Sentence 3's review has an unknown tag 'x It was left'"
    assert told.told(advice=False) == f"{told.fault}; the workspace may be damaged."
    assert told.backup_helps
