"""Set-ups for the tests of a change saved "meanwhile" (another program, or the window's
merge undone or redone in a worker) between the desk's read of what it makes a step from
and the step's own transaction. The fixtures `between_read_and_write` and
`between_check_and_write` are in tests/services/conftest.py, made with `once_before`."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.models import Status, Tag
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE
from tests.services.merge_fixtures import open_as

TEXT = (
    "The minister said unemployment fell to 4 percent last year. "
    "She added that wages rose by 10 percent. "
    "The opposition denied that any jobs were created."
)

BEA_RETURNS_THE_SIGN_OFF = (
    "UPDATE sign_offs SET decision = 'returned', editor = 'Bea Ito', "
    "note = 'Name the survey' WHERE sentence_id = ?"
)
"""Another program's change of sentence `?`'s sign-off into Bea's return, with a note."""
BEA_RETURN_SAVED = (
    "INSERT INTO sign_offs (sentence_id, decision, editor, checker, note, at) "
    "VALUES (?, 'returned', 'Bea Ito', 'Ana Ruiz', 'Name the survey', ?)"
)
"""Another program's save of Bea's return of sentence `?`, at `?`, with a note."""


def another_program(path: Path, statement: str, *params: object) -> None:
    """`statement` run by another program (DB Browser, a script) on the open workspace."""
    other = sqlite3.connect(path)
    with other:
        other.execute(statement, params)
    other.close()


def path_of(desk: Desk) -> Path:
    """The file of `desk`'s workspace."""
    assert desk.path is not None
    return desk.path


def once_before(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, meanwhile: Callable[[], None]
) -> None:
    """Runs `meanwhile` once, just before the next call of `owner.name` (which it then
    makes as it was)."""
    original = getattr(owner, name)

    def meanwhile_then_call(*args: object) -> object:
        monkeypatch.undo()
        meanwhile()
        return original(*args)

    monkeypatch.setattr(owner, name, meanwhile_then_call)


def minister_desk(tmp_path: Path) -> Iterator[Desk]:
    """Ana's desk with TEXT imported (article 1, three sentences); closed after the test.
    For a module's `desk` fixture: `yield from minister_desk(tmp_path)`."""
    opened = open_as(tmp_path / "w.fcdesk", "Ana Ruiz")
    opened.importer.import_text(TEXT, source_name="minister.txt")
    yield opened
    opened.close()


def seeded(path: Path) -> Desk:
    """Ana's desk at `path`, the seed file imported."""
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    desk.importer.import_file(SEED_FILE)
    return desk


def put_in_conflict(desk: Desk, tmp_path: Path) -> int:
    """The third sentence of `desk` (seeded), to which Dora gave another verdict in her
    copy, merged: the sentence in conflict."""
    sentence = desk.reviews.sentence_rows(1)[2].sentence.id
    shutil.copyfile(desk.upkeep.backup_now("colleague"), tmp_path / "dora.fcdesk")
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.reviews.set_verdict(sentence, "true")
    dora = Desk.open(tmp_path / "dora.fcdesk", backup=False, reviewer="Dora Lim")
    dora.reviews.set_tag(sentence, Tag.CLAIM)
    dora.reviews.set_verdict(sentence, "false")
    dora.close()
    desk.merge.merge(tmp_path / "dora.fcdesk")
    assert desk.reviews.review(sentence).status is Status.CONFLICT
    return sentence


def in_conflict(tmp_path: Path) -> tuple[Desk, int]:
    """Ana's workspace, whose third sentence Dora gave another verdict in her copy,
    merged: the sentence in conflict, Ana's desk open."""
    desk = seeded(tmp_path / "w.fcdesk")
    return desk, put_in_conflict(desk, tmp_path)


def give_false_as_zoe(desk: Desk) -> int:
    """The fifth sentence of `desk` (seeded), a claim Ana gave "false"; the desk's edits
    from here on Zoë Ngata's (the editor)."""
    sentence = desk.reviews.sentence_rows(1)[4].sentence.id
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.reviews.set_verdict(sentence, "false")
    desk.edits.actor = "Zoë Ngata"
    return sentence
