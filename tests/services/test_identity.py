"""Who is reviewing: asked once, kept per user, readable by window and command line."""

from __future__ import annotations

import json
import pwd
from pathlib import Path

import pytest

from factcheck_app.domain.errors import InvalidReviewer
from factcheck_app.services import identity


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("FACTCHECK_REVIEWER", raising=False)
    return tmp_path


def test_initials_come_from_the_name() -> None:
    assert identity.initials_of("Priya Natarajan") == "PN"
    assert identity.initials_of("Jean-Luc  Picard") == "JLP"
    assert identity.initials_of("Zoë ngata") == "ZN"


def test_a_name_is_one_clean_line_or_refused_in_words() -> None:
    reviewer = identity.reviewer_from("  Ana\x1b[2J  Ruiz\u202e \n")
    assert reviewer == identity.Reviewer("Ana[2J Ruiz", "AR")
    # A line break between the words (a pasted name) is a space, not nothing.
    assert identity.reviewer_from("Ana\nRuiz\r\n").name == "Ana Ruiz"
    with pytest.raises(InvalidReviewer, match="Type the reviewer's name"):
        identity.reviewer_from(" \t ")
    with pytest.raises(InvalidReviewer, match="at most 80"):
        identity.reviewer_from("x" * 81)
    with pytest.raises(InvalidReviewer, match="Initials"):
        identity.reviewer_from("Ana Ruiz", "ABCDE")


def test_the_stored_name_survives_and_a_damaged_file_asks_again(home: Path) -> None:
    assert identity.stored_reviewer() is None
    identity.save_reviewer(identity.Reviewer("Priya Natarajan", "PN"))
    assert identity.stored_reviewer() == identity.Reviewer("Priya Natarajan", "PN")
    identity.identity_file().write_text("{not json", encoding="utf-8")
    assert identity.stored_reviewer() is None


@pytest.mark.parametrize(
    ("held", "kept"),
    [
        ({"name": None, "initials": None}, None),
        ({"name": {"full": "Priya Natarajan"}}, None),
        ({"name": 42}, None),
        ({"name": "Priya Natarajan", "initials": None}, identity.Reviewer("Priya Natarajan", "PN")),
        ({"name": "Priya Natarajan", "initials": 7}, identity.Reviewer("Priya Natarajan", "PN")),
    ],
)
def test_a_name_file_holding_no_text_is_not_made_a_name(
    held: dict[str, object],
    kept: identity.Reviewer | None,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reviewer.json edited by hand, or written by another version, with `null` (or a
    number, or an object) for the name: every edit was recorded in the history, for
    good, as made by "None" ("{'full': 'Priya Natarajan'}", "42"), initials "NONE", and
    the first start never asked. A name that is not text is asked for again."""
    monkeypatch.setattr(identity, "os_full_name", lambda: "Account Name")
    identity.identity_file().write_text(json.dumps(held), encoding="utf-8")
    assert identity.stored_reviewer() == kept
    assert identity.current_reviewer() == (kept.name if kept else "Account Name")


def test_saving_a_name_keeps_what_else_a_newer_desk_wrote_in_the_file(home: Path) -> None:
    """Preferences in this desk, on a file a newer one wrote with more in it, kept the
    name and initials alone: what the newer desk kept there was gone when it next ran."""
    newer = {"name": "Priya Natarajan", "initials": "PN", "email": "priya@example.org"}
    identity.identity_file().write_text(json.dumps(newer), encoding="utf-8")
    identity.save_reviewer(identity.Reviewer("Priya N. Rao", "PNR"))
    assert json.loads(identity.identity_file().read_text(encoding="utf-8")) == {
        "name": "Priya N. Rao",
        "initials": "PNR",
        "email": "priya@example.org",
    }
    assert identity.stored_reviewer() == identity.Reviewer("Priya N. Rao", "PNR")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_name_file_saved_by_a_windows_editor_is_read(home: Path, encoding: str) -> None:
    """reviewer.json corrected by hand in Notepad, saved with its byte-order mark (UTF-8
    with BOM, or "Unicode") and Windows line ends: it was taken for a damaged file, the
    desk asked again, and the answer was saved over it, the other fields with it."""
    text = '{\r\n  "name": "Zoë Ångström",\r\n  "initials": "ZÅ",\r\n  "email": "z@x.org"\r\n}\r\n'
    identity.identity_file().write_bytes(text.encode(encoding))
    assert identity.stored_reviewer() == identity.Reviewer("Zoë Ångström", "ZÅ")
    assert identity.current_reviewer() == "Zoë Ångström"
    identity.save_reviewer(identity.Reviewer("Zoë Å. Berg", "ZÅB"))
    assert json.loads(identity.identity_file().read_text(encoding="utf-8"))["email"] == "z@x.org"


def test_who_an_edit_is_recorded_as(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(identity, "os_full_name", lambda: "Account Name")
    assert identity.current_reviewer() == "Account Name"
    identity.save_reviewer(identity.Reviewer("Priya Natarajan", "PN"))
    assert identity.current_reviewer() == "Priya Natarajan"
    monkeypatch.setenv("FACTCHECK_REVIEWER", "Desk Robot")
    assert identity.current_reviewer() == "Desk Robot"
    assert identity.current_reviewer("Max Olsen") == "Max Olsen"  # --reviewer wins


def test_the_operating_system_names_this_account() -> None:
    assert identity.os_full_name()


LONG_NAME = (
    "Maria Fernanda de los Ángeles Gutiérrez-Villanueva y Castellanos de la Santísima Trinidad"
)


def account(full_name: str) -> pwd.struct_passwd:
    return pwd.struct_passwd(("maria", "x", 1000, 1000, full_name, "/home/maria", "/bin/sh"))


def test_an_account_name_over_80_characters_is_the_capped_name_everywhere(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An account's full name over 80 characters was refused when kept (so never kept,
    and asked again each start) while edits carried it whole: one person under two
    names, the capped one in the settings and the whole one on the edits."""
    assert len(LONG_NAME) > identity.MAX_NAME
    monkeypatch.setattr(pwd, "getpwuid", lambda _uid: account(LONG_NAME + ",,,"))
    name = identity.os_full_name()
    assert name == LONG_NAME[: identity.MAX_NAME].rstrip()
    assert identity.reviewer_from(name).name == name  # keeps as it is recorded
    assert identity.current_reviewer() == name


def test_an_environment_name_over_80_characters_is_capped_as_a_typed_one(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_REVIEWER", "x" * 79 + " Ruiz")
    named = identity.environment_reviewer()
    assert named == "x" * 79  # not "x…x " with a space no typed name can end in
    assert identity.reviewer_from(named).name == named


def test_a_name_file_nested_too_deep_to_read_asks_again(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer.json of brackets inside brackets (a sync tool's, or a script's, garbage
    under 64 KB): reading it ran out of Python's depth, and every import stopped with
    "unexpected error (RecursionError…)", the window with the crash box. Damaged: the
    account's name records the edits, and the window asks again."""
    monkeypatch.setattr(identity, "os_full_name", lambda: "Account Name")
    identity.identity_file().write_text("[" * 60_000, encoding="utf-8")
    assert identity.stored_reviewer() is None
    assert identity.current_reviewer() == "Account Name"
    identity.save_reviewer(identity.Reviewer("Priya Natarajan", "PN"))  # its answer, kept
    assert identity.stored_reviewer() == identity.Reviewer("Priya Natarajan", "PN")


def test_a_name_file_that_is_a_link_to_itself_is_not_kept_said_as_such(home: Path) -> None:
    """reviewer.json a link that leads back to itself (a roaming-profile script's): the
    first start's answer ended in the crash box ("RuntimeError: Symlink loop"), and the
    edits went on under the account's name, not the one just typed. It is an OSError the
    window says ("your name could not be kept"), and records the typed name all the same."""
    link = identity.identity_file()
    link.symlink_to(link.name)
    assert identity.stored_reviewer() is None
    with pytest.raises(OSError, match=r"reviewer\.json"):
        identity.save_reviewer(identity.Reviewer("Priya Natarajan", "PN"))
    assert link.is_symlink()  # left as it was


def test_a_name_file_with_initials_the_box_would_refuse_keeps_its_name(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """reviewer.json written by hand or by IT with initials longer than the box takes
    ("J.-L.P."): the whole file was passed over as damaged, so every command (a
    sign-off, an import) was recorded under the account's name, and the window asked
    again offering the account's name, not the one in the file. The name stands; its
    initials come from it, as for initials that are not text."""
    monkeypatch.setattr(identity, "os_full_name", lambda: "Account Name")
    held = {"name": "Jean-Luc Picard", "initials": "J.-L.P."}
    identity.identity_file().write_text(json.dumps(held), encoding="utf-8")
    assert identity.stored_reviewer() == identity.Reviewer("Jean-Luc Picard", "JLP")
    assert identity.current_reviewer() == "Jean-Luc Picard"


def test_a_name_in_bytes_that_are_not_utf8_is_recorded_visibly_damaged(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Zoë Berg" given in Latin-1 bytes (a script saved so, `--reviewer`, an
    /etc/environment or account entry written on an old system): the byte Python could
    not read was dropped, and every edit recorded as made by "Zo Berg", another name
    nobody could tell was wrong. It is kept as a file manager shows such a byte."""
    damaged = "Zo\ufffd Berg"
    assert identity.current_reviewer("Zo\udceb Berg") == damaged
    monkeypatch.setenv("FACTCHECK_REVIEWER", "Zo\udceb Berg")
    assert identity.current_reviewer() == damaged
    monkeypatch.delenv("FACTCHECK_REVIEWER")
    monkeypatch.setattr(pwd, "getpwuid", lambda _uid: account("Zo\udceb Berg,,,"))
    assert identity.os_full_name() == damaged


def test_no_name_file_problem_is_said_without_a_name_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a command notes (`name_file_problem`): a damaged file, not a file that is not
    there, nor one that cannot be there (a data folder that is a file, the command given
    --workspace elsewhere): the note named a reviewer.json that is nowhere."""
    assert identity.name_file_problem() is None
    blocker = home / "notes.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(blocker / "data"))
    assert identity.name_file_problem() is None
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(home))
    identity.identity_file().write_text("[1]", encoding="utf-8")
    assert (
        identity.name_file_problem()
        == f"{identity.identity_file()} cannot be read as your name (it holds no name)"
    )
