"""An import a desk was stopped in (killed, a crash, a power cut) is taken out again at
the next open for editing, as it must be (half an article is not one). That open said
nothing of it: the window's crash box said "Every edit it saved is in the workspace"
(with no other edit, no box at all), and a command that wrote said nothing. The reviewer
who saw it importing looked for the article in vain, or took it for done. Now both name
the files and say to import them again (the window's box: tests/gui/test_workspace_safety.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.services.desk import Desk
from factcheck_app.services.session import cut_short_said
from tests.conftest import SEED_FILE
from tests.desk_left_open import desk_left_open

SPEECH = " ".join(f"The minister said spending rose {n} percent last year." for n in range(40))


def _killed_while_importing(path: Path, *names: str) -> None:
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    for number, name in enumerate(names):
        with desk_left_open(path, "Ana") as killed:
            killed.do("import-crash", f"{SPEECH} Take {number}.", name)


def test_the_next_command_that_writes_names_it_and_says_import_it_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.fcdesk"
    _killed_while_importing(path, "budget.txt")
    assert run(["list", "-w", str(path)]) == 0  # a reader: the half article is not shown
    listed = capsys.readouterr()
    assert "budget" not in listed.out and listed.err == ""
    note = tmp_path / "note.txt"
    note.write_text("The council met on Tuesday.", encoding="utf-8")
    assert run(["import", "-w", str(path), str(note)]) == 0
    err = capsys.readouterr().err
    assert (
        "factcheck-app: note: The import of budget.txt had not finished: nothing of it was "
        "kept, so import it again." in err
    )
    assert run(["import", "-w", str(path), str(note)]) == 0  # told once: it is gone now
    assert "budget.txt" not in capsys.readouterr().err
    desk = Desk.open(path, read_only=True)
    try:
        assert "budget.txt" not in [a.source_name for a in desk.articles.list_articles()]
    finally:
        desk.close()


def test_a_closed_desk_leaves_none_to_tell(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_text(SPEECH, source_name="budget.txt")
    desk.close()
    desk = Desk.open(path, backup=False)
    try:
        assert desk.cut_short_imports == []
    finally:
        desk.close()


def test_several_are_named_in_import_order_and_the_rest_counted() -> None:
    assert cut_short_said(["a.txt", "pasted text"]) == (
        "The imports of a.txt and pasted text had not finished: nothing of them was kept, "
        "so import them again. Any file that was to be imported after them was not "
        "imported either."
    )
    names = [f"f{n}.txt" for n in range(7)]
    assert cut_short_said(names).startswith(
        "The imports of f0.txt, f1.txt, f2.txt, f3.txt, f4.txt and 2 more had not finished"
    )


def test_a_name_cannot_turn_the_words_around() -> None:
    said = cut_short_said(["\u202etxt.exe"])
    assert "\u202e" not in said and "?txt.exe" in said


def test_a_folder_cut_short_names_the_file_and_says_the_files_after_it_are_not_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a.txt, b.txt and c.txt imported together (a folder): the desk was killed saving
    # b.txt. The note named b.txt alone, "so import it again", and the reviewer who did
    # so took c.txt, which had not begun, for imported: the desk keeps no list of it.
    path = tmp_path / "w.fcdesk"
    _killed_while_importing(path)  # the workspace, with its sample
    with desk_left_open(path, "Ana") as killed:
        killed.do("import", f"{SPEECH} First.", "a.txt")
        killed.do("import-crash", f"{SPEECH} Second.", "b.txt")
    note = tmp_path / "note.txt"
    note.write_text("The council met on Tuesday.", encoding="utf-8")
    assert run(["import", "-w", str(path), str(note)]) == 0
    said = capsys.readouterr().err
    assert "The import of b.txt had not finished" in said and "a.txt" not in said
    assert "Any file that was to be imported after it was not imported either" in said
    desk = Desk.open(path, read_only=True)
    try:
        names = [a.source_name for a in desk.articles.list_articles()]
    finally:
        desk.close()
    assert "a.txt" in names and "b.txt" not in names


def test_a_desk_stopped_while_reading_a_file_names_it_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Reading and splitting take most of a big import's time, before anything of it is
    # written: a desk killed then left no unfinished article, and the next open said
    # nothing of the file (with no other edit, the window showed no box at all).
    path = tmp_path / "w.fcdesk"
    _killed_while_importing(path)  # the workspace, with its sample
    with desk_left_open(path, "Ana") as killed:
        killed.do("read-crash", SPEECH, "budget.pdf")
    desk = Desk.open(path, backup=False)
    try:
        assert desk.cut_short_imports == ["budget.pdf"]
    finally:
        desk.close()
    desk = Desk.open(path, backup=False)  # told once: the mark went with that open
    try:
        assert desk.cut_short_imports == []
        assert desk.repo.imports.readings() == []
    finally:
        desk.close()


def test_an_import_that_ends_leaves_no_mark_of_reading(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.import_text(SPEECH, source_name="budget.txt")  # in, in slices
        desk.importer.import_text(SPEECH, source_name="again.txt")  # recognised
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")
        with pytest.raises(ArticleImportError):
            desk.importer.import_file(empty)  # refused
        assert desk.repo.imports.readings() == []
    finally:
        desk.close()
