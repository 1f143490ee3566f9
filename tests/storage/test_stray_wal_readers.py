"""A workspace file beside a `-wal` that is not its own (another workspace's, left by a
crash or a copy taken while open, or an older one of the same workspace beside a newer
copy), as a folder tidied by hand or an unzip over an older copy leaves it. Readers
(`list`, `stats`, `export`, a read-only window) read the file alone and say why; opened
for editing, the -wal is set aside, never merged. A crash's own -wal, and the live -wal
of a desk open in another process, are still read. The stray file is never changed."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.services.desk import Desk
from factcheck_app.storage import wal_check
from tests.desk_left_open import desk_left_open
from tests.services.merge_fixtures import BOB_ONLY, SHARED, make_bob


def _digests(folder: Path) -> dict[str, str]:
    """The bytes of the workspace and its -wal (a reader may make a -shm, as always)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.name.endswith((".fcdesk", "-wal"))
    }


def _crashed(path: Path, reviewer: str, verdicts: int, settle: bool = False) -> list[int]:
    """A desk in another process imports the shared article, gives `verdicts` verdicts
    "unverifiable" and is killed: its -wal stays beside the file. Its sentence ids."""
    with desk_left_open(path, reviewer) as desk:
        ids = desk.do("import", SHARED, "shared.txt")
        assert isinstance(ids, list)
        for sentence in ids[:verdicts]:
            desk.do("verdict", sentence, "unverifiable")
            if settle:
                desk.do("settle")
        desk.do("crash")
    assert wal_check.has_unmerged_wal(path)
    return ids


@pytest.fixture
def beside_carols_wal(tmp_path: Path) -> Path:
    """Bob's workspace copied as Downloads/w-copy.fcdesk, beside the w-copy.fcdesk-wal
    that Carol's crashed desk left (her own workspace had that name too)."""
    bob = tmp_path / "bob.fcdesk"
    make_bob(bob)
    carol = tmp_path / "carol" / "w-copy.fcdesk"
    carol.parent.mkdir()
    _crashed(carol, "Carol", verdicts=6)
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    shutil.copyfile(bob, downloads / "w-copy.fcdesk")
    shutil.copyfile(tmp_path / "carol" / "w-copy.fcdesk-wal", downloads / "w-copy.fcdesk-wal")
    return downloads / "w-copy.fcdesk"


def test_list_stats_and_export_read_the_file_without_another_workspaces_wal(
    beside_carols_wal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = beside_carols_wal
    before = _digests(copy.parent)
    assert run(["list", "-w", str(copy)]) == 0
    listed = capsys.readouterr()
    # Bob's three articles, not Carol's one article with her six verdicts.
    assert "The senator said crime doubled" in listed.out
    assert "6/6" not in listed.out
    assert "w-copy.fcdesk-wal, beside w-copy.fcdesk, is not this workspace's" in listed.err
    assert "sets w-copy.fcdesk-wal aside" in listed.err
    assert run(["stats", "-w", str(copy)]) == 0
    stats = capsys.readouterr().out
    assert "3 articles" in stats and "unverifiable" not in stats
    report = tmp_path / "report.json"
    assert (
        run(["export", "-w", str(copy), "--article", "1", "--format", "json", "-o", str(report)])
        == 0
    )
    exported = json.loads(report.read_text(encoding="utf-8"))["sentences"]
    assert [s["rating"] for s in exported[:2]] == ["false", "false"]  # Bob's, not Carol's
    assert _digests(copy.parent) == before  # the stray -wal is neither changed nor moved


def test_a_read_only_window_reads_the_file_alone_and_editing_sets_the_wal_aside(
    beside_carols_wal: Path,
) -> None:
    copy = beside_carols_wal
    reader = Desk.open(copy, read_only=True)  # what a read-only window opens
    try:
        titles = [a.title for a in reader.articles.list_articles()]
        assert len(titles) == 3
        assert any("w-copy.fcdesk-wal" in notice for notice in reader.notices)
        # Opened for editing beside it, in this same process (File → Open Workspace on
        # the read-only window): the -wal is set aside, not merged into Bob's file.
        editor = Desk.open(copy, backup=False)
        try:
            assert any("do not belong to it" in notice for notice in editor.notices)
            verdicts = {
                r.review.verdict
                for a in editor.articles.list_articles()
                for r in editor.reviews.sentence_rows(a.id)
            }
            assert "unverifiable" not in verdicts
            assert len(editor.articles.list_articles()) == 3
        finally:
            editor.close()
    finally:
        reader.close()
    assert not (copy.parent / "w-copy.fcdesk-wal").exists()
    assert list((copy.parent / "w-copy-backups").glob("*-wal-set-aside.fcdesk-wal"))


def test_an_older_wal_beside_a_newer_copy_of_the_same_workspace_is_not_replayed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Monday's copy came with its -wal (the desk had crashed); Friday's closed copy of the
    # same workspace was unzipped over it, the -wal left. Read with it, Friday's second
    # article and verdicts vanished; opened for editing, Monday's pages went over
    # Friday's file for good (the same workspace id, and sound: it was merged).
    work = tmp_path / "w.fcdesk"
    ids = _crashed(work, "Ann", verdicts=3)
    monday_wal = (tmp_path / "w.fcdesk-wal").read_bytes()
    with desk_left_open(work, "Ann") as desk:  # the crash's -wal merged, more work, closed
        for sentence in ids[3:]:
            desk.do("verdict", sentence, "false")
        desk.do("import", BOB_ONLY, "more.txt")
    unzipped = tmp_path / "unzipped"
    unzipped.mkdir()
    shutil.copyfile(work, unzipped / "w.fcdesk")
    (unzipped / "w.fcdesk-wal").write_bytes(monday_wal)
    assert run(["list", "-w", str(unzipped / "w.fcdesk")]) == 0
    listed = capsys.readouterr()
    assert "The senator said crime doubled" in listed.out
    assert "6/6" in listed.out
    assert "is not this workspace's" in listed.err
    desk = Desk.open(unzipped / "w.fcdesk", backup=False)
    try:
        assert any("do not belong to it" in notice for notice in desk.notices)
        articles = desk.articles.list_articles()
        assert len(articles) == 2
        verdicts = [r.review.verdict for r in desk.reviews.sentence_rows(articles[0].id)]
        assert verdicts == ["unverifiable"] * 3 + ["false"] * 3
    finally:
        desk.close()


def test_a_crashs_own_wal_is_still_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    work = tmp_path / "w.fcdesk"
    _crashed(work, "Ann", verdicts=4, settle=True)
    assert run(["list", "-w", str(work)]) == 0
    listed = capsys.readouterr()
    assert "4/6" in listed.out  # the last verdict is in the -wal only
    assert listed.err == ""
    reader = Desk.open(work, read_only=True)
    try:
        assert reader.notices == []
    finally:
        reader.close()


def test_the_live_wal_of_a_desk_open_elsewhere_is_read_and_never_doubted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "w.fcdesk"
    with desk_left_open(work, "Ann") as desk:
        ids = desk.do("import", SHARED, "shared.txt")
        assert isinstance(ids, list)
        desk.do("verdict", ids[0], "false")
        assert wal_check.wal_in_use(work)
        assert run(["list", "-w", str(work)]) == 0
        listed = capsys.readouterr()
        assert "1/6" in listed.out
        assert listed.err == ""
    assert not wal_check.wal_in_use(work)


def test_a_wal_that_holds_an_update_of_the_file_is_its_own() -> None:
    """A desk killed just after updating an older workspace leaves the update in its
    -wal; the update may number an unchained history afresh (a cleaned copy's gaps
    closed), so the newest entry is not found under its old id. That -wal is the file's
    own: set aside, it took the update and every edit after it out of the workspace."""
    entry = (57, "2026-01-01T00:00:00Z", "ana", "tag", "Tagged", "sentence", 3, "", "claim")
    renumbered = (50, *entry[1:])
    alone = wal_check.Evidence("w-1", 50, entry, schema=5)
    updated = wal_check.Evidence("w-1", 50, None, schema=6)  # id 57 is 50 now
    assert wal_check.follows(alone, updated)
    assert wal_check.follows(alone, dataclasses.replace(updated, last_entry=renumbered))
    # Not an update: the same lookup still tells an older -wal or another history.
    assert not wal_check.follows(alone, dataclasses.replace(updated, schema=5))
    # An older -wal of a file updated since holds the older schema: never its own.
    older = wal_check.Evidence("w-1", 40, None, schema=5)
    assert not wal_check.follows(dataclasses.replace(alone, schema=6), older)
    # Another workspace's, updated or not, never is.
    assert not wal_check.follows(alone, dataclasses.replace(updated, workspace_id="w-2"))


def test_editing_through_a_link_sets_another_workspaces_wal_aside(
    beside_carols_wal: Path,
) -> None:
    """Opened for editing through a link to the file (a shortcut, `ln -s`), the desk
    looked for a -wal beside the link, found none, and SQLite merged Carol's -wal, beside
    the file the link names, into Bob's file: Bob's articles gave way to pages of hers."""
    copy = beside_carols_wal
    link = copy.parent.parent / "shortcut.fcdesk"
    link.symlink_to(copy)
    editor = Desk.open(link, backup=False)
    try:
        assert any("do not belong to it" in notice for notice in editor.notices)
        assert len(editor.articles.list_articles()) == 3
    finally:
        editor.close()
    assert not (copy.parent / "w-copy.fcdesk-wal").exists()
    assert list((copy.parent / "w-copy-backups").glob("*-wal-set-aside.fcdesk-wal"))


def test_editing_in_a_linked_folder_names_where_she_sees_the_wal_set_aside(
    beside_carols_wal: Path,
) -> None:
    """Opened for editing in a folder reached through a link (Documents on a second
    disk), Carol's -wal is set aside as ever, and the note says where it was kept in the
    folder Bob opened: it named the second disk's full path, a folder he never opened."""
    copy = beside_carols_wal
    documents = copy.parent.parent / "Documents"
    documents.symlink_to(copy.parent, target_is_directory=True)
    editor = Desk.open(documents / copy.name, backup=False)
    try:
        [said] = [notice for notice in editor.notices if "do not belong to it" in notice]
        assert str(documents / "w-copy-backups") in said
        assert str(copy.parent) not in said
    finally:
        editor.close()
    assert list((copy.parent / "w-copy-backups").glob("*-wal-set-aside.fcdesk-wal"))


def test_editing_through_a_link_names_the_wal_set_aside_where_it_was(
    beside_carols_wal: Path,
) -> None:
    """Opened through a link at the file (shortcut.fcdesk), the note named Carol's -wal
    as "w-copy.fcdesk-wal", a file Bob finds nowhere beside shortcut.fcdesk: it is named
    by its full path, beside the file the link names."""
    copy = beside_carols_wal
    link = copy.parent.parent / "shortcut.fcdesk"
    link.symlink_to(copy)
    editor = Desk.open(link, backup=False)
    try:
        [said] = [notice for notice in editor.notices if "do not belong to it" in notice]
        assert str(copy.parent / "w-copy.fcdesk-wal") in said
    finally:
        editor.close()


@pytest.mark.parametrize("linked", ["the file", "its folder"])
def test_reading_through_a_link_names_the_wal_read_without_where_it_is(
    beside_carols_wal: Path, linked: str
) -> None:
    """Read-only (a second window, `list`) through a link: the note names the -wal it
    read without as she can find it."""
    copy = beside_carols_wal
    if linked == "the file":
        shown = copy.parent.parent / "shortcut.fcdesk"
        shown.symlink_to(copy)
        wal = str(copy.parent / "w-copy.fcdesk-wal")
    else:
        (copy.parent.parent / "Documents").symlink_to(copy.parent, target_is_directory=True)
        shown = copy.parent.parent / "Documents" / copy.name
        wal = "w-copy.fcdesk-wal, beside w-copy.fcdesk"
    reader = Desk.open(shown, read_only=True)
    try:
        [said] = [notice for notice in reader.notices if "read without it" in notice]
        assert wal in said
        assert linked == "the file" or str(copy.parent) not in said
    finally:
        reader.close()


def test_check_workspace_through_a_link_checks_what_the_window_shows(
    beside_carols_wal: Path,
) -> None:
    """A read-only window opened through a link reads Bob's file without Carol's -wal
    beside it; its Check Workspace looked for that -wal beside the link, found none, and
    checked Bob's file with Carol's pages laid over it: another workspace's article
    counted, or her pages called damage."""
    from factcheck_app.services.upkeep import BackgroundCheck

    copy = beside_carols_wal
    link = copy.parent.parent / "shortcut.fcdesk"
    link.symlink_to(copy)
    reader = Desk.open(link, read_only=True)
    try:
        assert len(reader.articles.list_articles()) == 3  # Bob's, read alone
        ended: list[BackgroundCheck] = []
        check = BackgroundCheck(link, ended.append)
        check._run()  # in this thread
        assert check.error is None and check.findings is not None
        report = reader.upkeep.finish_check(check.findings)
        assert report.ok, report.lines
        assert any("Holds 3 articles" in line for line in report.lines), report.lines
    finally:
        reader.close()
    assert (copy.parent / "w-copy.fcdesk-wal").exists()  # read, never set aside or merged


def test_a_merge_given_a_link_refuses_their_file_beside_another_workspaces_wal(
    beside_carols_wal: Path,
) -> None:
    """Merging Bob's file given through a link (a shortcut to the share): the look for a
    -wal that is not his was made beside the link, found none, and SQLite read Carol's
    -wal beside the file with it: her verdicts came in as Bob's. Refused, as by name."""
    from factcheck_app.domain.errors import WorkspaceError
    from factcheck_app.storage.other_workspace import read_snapshot

    copy = beside_carols_wal
    with pytest.raises(WorkspaceError, match="is not its own"):
        read_snapshot(copy)  # by its own name, as ever
    link = copy.parent.parent / "shortcut.fcdesk"
    link.symlink_to(copy)
    with pytest.raises(WorkspaceError, match="is not its own"):
        read_snapshot(link)
    assert (copy.parent / "w-copy.fcdesk-wal").exists()  # their files only read
