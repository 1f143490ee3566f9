"""`export -o` never writes over the workspace, its companion files or backups, a device,
a pipe, a socket, a folder or a read-only file: one line, exit 1, nothing touched.

Through the real entry point (`factcheck_app.__main__.main`), as a user would run it."""

from __future__ import annotations

import hashlib
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import factcheck_app
from factcheck_app import config
from factcheck_app.__main__ import main
from factcheck_app.domain.errors import ExportRefused
from factcheck_app.services.desk import Desk
from factcheck_app.services.export import check_output
from factcheck_app.services.reports.atomic import write_atomically
from tests.sample_review import apply_sample_review

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")


@pytest.fixture
def workspace(seeded_desk: Desk) -> Path:
    """A closed workspace with the reviewed sample article and a second article."""
    apply_sample_review(seeded_desk, 1)
    seeded_desk.importer.import_text("Second article. It has two sentences.")
    path = seeded_desk.path
    assert path is not None
    seeded_desk.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export(workspace: Path, out: Path | str, *more: str, fmt: str = "md") -> list[str]:
    return ["export", "-w", str(workspace), *more, "--format", fmt, "-o", str(out)]


def refused(
    capsys: pytest.CaptureFixture[str], workspace: Path, argv: list[str], words: str
) -> str:
    """Run the command; assert exit 1, one line naming `words`, no traceback, workspace as was."""
    before = digest(workspace)
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert words in err and "Traceback" not in err, err
    assert digest(workspace) == before
    return err


@pytest.mark.parametrize("fmt", ["md", "pdf", "docx", "json"])
def test_the_workspace_itself_is_refused(
    workspace: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    argv = export(workspace, workspace, "--article", "2", fmt=fmt)
    refused(capsys, workspace, argv, "is the workspace itself")
    assert main(["list", "-w", str(workspace)]) == 0
    assert capsys.readouterr().out.count("\n") == 2  # both articles still there


def test_the_workspace_through_a_relative_path_a_symlink_or_a_hard_link(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace.parent)
    argv = export(Path(workspace.name), f"./../{workspace.parent.name}/{workspace.name}")
    refused(capsys, workspace, [*argv, "--article", "1"], "is the workspace itself")
    link = workspace.parent / "link.md"
    link.symlink_to(workspace)
    refused(capsys, workspace, export(workspace, link, "--article", "1"), "workspace itself")
    hard = workspace.parent / "hard.md"
    os.link(workspace, hard)
    refused(capsys, workspace, export(workspace, hard, "--article", "1"), "workspace itself")
    # …and the other way round: the workspace named through a link, the real file as -o.
    refused(capsys, workspace, export(link, workspace, "--article", "1"), "workspace itself")


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_another_workspace_is_never_written_over(
    workspace: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """`-o colleague.fcdesk` (a workspace given where the report goes) replaced a whole
    workspace with a report, silently. Any SQLite database is refused, whatever its name."""
    other = workspace.with_name("colleague.fcdesk")
    Desk.open(other, backup=False).close()
    kept = workspace.with_name("kept-copy.report")
    kept.write_bytes(other.read_bytes())
    for target in (other, kept):
        before = digest(target)
        err = refused(capsys, workspace, export(workspace, target, "--article", "1", fmt=fmt), "")
        assert "is a workspace" in err, err
        assert digest(target) == before


def test_the_wal_of_an_open_workspace_is_refused_without_touching_its_locks(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = Desk.open(workspace)
    try:
        desk.reviews.set_text_field(
            desk.reviews.sentence_rows(1)[0].sentence.id, "claimant", "Someone"
        )
        wal = workspace.with_name(workspace.name + "-wal")
        assert wal.exists()
        for name, words in (
            (wal, "write-ahead log"),
            (workspace.with_name(workspace.name + "-shm"), "shared-memory file"),
            (workspace.with_name(workspace.name + "-journal"), "rollback journal"),
            (workspace.with_name(workspace.name + ".lock"), "lock file"),
        ):
            assert main(export(workspace, name, "--article", "1")) == 1
            err = capsys.readouterr().err
            assert words in err and len(err.strip().splitlines()) == 1, err
        # The desk in this process still has its WAL and writes on.
        desk.reviews.set_text_field(
            desk.reviews.sentence_rows(1)[0].sentence.id, "claimant", "Someone else"
        )
        assert desk.reviews.sentence_rows(1)[0].review.claimant == "Someone else"
    finally:
        desk.close()
    assert main(["list", "-w", str(workspace)]) == 0


CRASHED_DESK = """
import os, sys
from pathlib import Path
from factcheck_app.services.desk import Desk
desk = Desk.open(Path(sys.argv[1]), backup=False)
desk.importer.import_text("Their article. It is theirs.")
desk.reviews.set_text_field(desk.reviews.sentence_rows(1)[0].sentence.id, "claimant", "Theirs")
os._exit(0)  # killed: the last edits are only in the -wal
"""


@pytest.mark.parametrize(
    ("suffix", "kind"),
    [
        ("-wal", "write-ahead log"),
        ("-shm", "shared-memory file"),
        ("-journal", "rollback journal"),
        (".lock", "lock file"),
    ],
)
def test_another_workspaces_companion_files_are_refused(
    workspace: Path, capsys: pytest.CaptureFixture[str], suffix: str, kind: str
) -> None:
    """`-o colleague.fcdesk-wal` replaced the write-ahead log of a colleague's workspace
    with a report: the edits it held, not yet in the workspace file (their desk open, or
    killed), were gone when it opened again. Their lock file replaced would let a second
    desk write at once. Beside any SQLite database these names are refused."""
    other = workspace.with_name("colleague.fcdesk")
    subprocess.run([sys.executable, "-c", CRASHED_DESK, str(other)], check=True, timeout=120)
    assert other.with_name(other.name + "-wal").stat().st_size > 0
    companion = other.with_name(other.name + suffix)
    before = digest(companion) if companion.exists() else None
    err = refused(capsys, workspace, export(workspace, companion, "--article", "1"), kind)
    assert err.strip() == (
        f"factcheck-app: {companion} is the {kind} of the workspace colleague.fcdesk: "
        "choose another file name."
    )
    assert (digest(companion) if companion.exists() else None) == before
    theirs = Desk.open(other, backup=False)
    try:
        assert theirs.reviews.sentence_rows(1)[0].review.claimant == "Theirs"
    finally:
        theirs.close()


@pytest.mark.parametrize(
    ("name", "kind"),
    [("colleague.fcdesk-WAL", "write-ahead log"), ("colleague.fcdesk.LOCK", "lock file")],
)
def test_another_workspaces_companion_files_are_known_whatever_their_capitals(
    workspace: Path, capsys: pytest.CaptureFixture[str], name: str, kind: str
) -> None:
    """On a Windows or macOS disk capitals do not tell files apart: `-o
    colleague.fcdesk-WAL` is their -wal, `colleague.fcdesk.LOCK` their lock. Save a Copy…
    and `copy` refuse such names; the export looked only for the small letters."""
    Desk.open(workspace.with_name("colleague.fcdesk"), backup=False).close()
    companion = workspace.with_name(name)
    err = refused(capsys, workspace, export(workspace, companion, "--article", "1"), kind)
    assert err.strip() == (
        f"factcheck-app: {companion} is the {kind} of the workspace colleague.fcdesk: "
        "choose another file name."
    )
    assert not companion.exists()


def test_names_the_desk_gives_its_own_files_are_refused(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report named `test.fcdesk.restoring` (the copy a restore puts in the workspace's
    place) was deleted by the next open of the workspace, and one named as the desk names
    its part files was deleted by a later export once an hour old."""
    restoring = workspace.with_name(workspace.name + ".restoring")
    err = refused(capsys, workspace, export(workspace, restoring, "--article", "1"), "")
    assert "is the workspace's restore copy" in err, err
    part = workspace.with_name(".report.md.abcd1234.factcheck.part")
    err = refused(capsys, workspace, export(workspace, part, "--article", "1"), "")
    assert "is named as the desk names its unfinished files" in err, err
    assert not restoring.exists() and not part.exists()


def test_a_name_like_a_companion_file_beside_no_workspace_is_written(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a workspace's own companions are refused: `notes-wal` beside a text file
    `notes`, or `report.lock` beside nothing, are ordinary names."""
    notes = workspace.with_name("notes")
    notes.write_text("not a database", encoding="utf-8")
    for name in ("notes-wal", "report.lock"):
        assert main(export(workspace, workspace.with_name(name), "--article", "1")) == 0
        assert workspace.with_name(name).read_text(encoding="utf-8").startswith("#")
    capsys.readouterr()


@pytest.mark.parametrize("fmt", ["md", "pdf"])
@pytest.mark.parametrize("stem", ["r" * 245, "é" * 120])  # 248 and 243 bytes with ".md"
def test_a_long_file_name_the_disk_takes_is_written(
    workspace: Path, capsys: pytest.CaptureFixture[str], fmt: str, stem: str
) -> None:
    """A name of 231 to 255 bytes, which the disk takes, failed with "File name too long":
    the hidden part file written first is named after the report with 25 more characters.
    Its name is cut short instead; the report gets the name given."""
    out = workspace.parent / f"{stem}.{fmt}"
    assert main(export(workspace, out, "--article", "1", fmt=fmt)) == 0, capsys.readouterr().err
    assert out.stat().st_size > 0
    assert sorted(p.name for p in workspace.parent.iterdir() if p.name.endswith(".part")) == []


def test_a_file_name_too_long_for_any_disk_is_refused_in_words(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 300-character name was rendered in full, then failed as "File name too long"."""
    out = workspace.parent / ("b" * 297 + ".md")
    err = refused(capsys, workspace, export(workspace, out, "--article", "1"), "too long")
    assert err.strip() == (
        "factcheck-app: The file name " + "b" * 40 + "… is too long (300 characters; a file "
        "name has at most 255, fewer with accented letters or other scripts): choose a "
        "shorter name."
    )
    assert [p.name for p in workspace.parent.iterdir() if p.name.startswith(".b")] == []


def test_the_desks_own_program_files_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o README.md` run where the desk is installed, or a report saved from the dialog
    into the program's folder (a per-user Windows install is the user's to write), replaced
    one of the desk's own files. Checked without writing: a failure here must not write
    into the checkout."""
    package = Path(factcheck_app.__file__).resolve().parent
    for target, words in (
        (package / "config.py", "is one of the desk's own program files"),
        (package / "new-report.md", "is in the desk's program folder"),
        (config.bundle_root() / "README.md", "is one of the desk's own program files"),
    ):
        with pytest.raises(ExportRefused, match=words):
            check_output(target, None)
    # Installed (a PyInstaller bundle): anything in the bundle's folder.
    bundle = tmp_path / "factcheck-desk"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "README.txt").write_text("the install's", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle / "factcheck-app"))
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle / "_internal"), raising=False)
    for target in (bundle / "README.txt", bundle / "_internal" / "report.html", bundle / "r.md"):
        with pytest.raises(ExportRefused, match="program"):
            check_output(target, None)
    check_output(tmp_path / "report.md", None)  # beside the bundle is anyone's folder


def test_the_desks_own_log_and_settings_files_are_refused(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-o ~/.local/state/factcheck-desk/log/factcheck-desk.log` (or Save to it) replaced
    the log, the trace of a bug to send to whoever looks after the desk, with a report;
    the window's settings file likewise lost the layout and the recent workspaces."""
    from factcheck_app import logs

    log = logs.log_file()
    log.parent.mkdir(parents=True, exist_ok=True)
    older = log.with_name(log.name + ".2")
    for kept in (log, older):
        if not kept.exists():
            kept.write_text("2026-12-05 09:00:00 INFO a line\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (log, older)}
    link = tmp_path / "log-link.txt"
    link.symlink_to(log)
    for target in (log, older, link):
        with pytest.raises(ExportRefused, match="is the desk's own log file: choose another"):
            check_output(target, workspace)
    capsys.readouterr()
    assert main(["export", "-w", str(workspace), "--article", "1", "-o", str(log)]) == 1
    assert "is the desk's own log file" in capsys.readouterr().err
    assert log.read_bytes().startswith(before[log])  # kept, the refusal logged after
    assert older.read_bytes() == before[older]
    settings_file = tmp_path / "factcheck-desk.conf"  # named by the window (Qt's settings)
    settings_file.write_text("[General]\n", encoding="utf-8")
    with pytest.raises(ExportRefused, match="is the desk's own settings file: choose another"):
        check_output(settings_file, workspace, settings_file=settings_file)
    check_output(tmp_path / "report.md", workspace, settings_file=settings_file)


def test_the_backups_folder_is_refused(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backups = workspace.parent / f"{workspace.stem}-backups"
    backups.mkdir(exist_ok=True)
    refused(
        capsys, workspace, export(workspace, backups / "r.md", "--article", "1"), "backups folder"
    )
    refused(capsys, workspace, export(workspace, backups, "--all"), "backups folder")
    assert [p.name for p in backups.iterdir() if p.suffix == ".md"] == []


@posix_only
def test_a_device_is_refused_and_stays_a_device(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("md", "pdf"):
        argv = export(workspace, "/dev/null", "--article", "1", fmt=fmt)
        refused(capsys, workspace, argv, "/dev/null is a device, not a file")
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@posix_only
def test_a_fifo_is_refused_without_hanging(workspace: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    before = digest(workspace)
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", *export(workspace, fifo, "--article", "1")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "named pipe (FIFO)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and digest(workspace) == before


@posix_only
def test_a_socket_is_refused(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        refused(capsys, workspace, export(workspace, path, "--article", "1"), "is a socket")
    finally:
        server.close()


def test_a_folder_given_as_the_file_is_refused(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    refused(capsys, workspace, export(workspace, folder, "--article", "1"), "is a folder")
    refused(capsys, workspace, export(workspace, folder, "--article", "1", fmt="pdf"), "folder")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_a_read_only_file_is_refused_even_as_root(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / f"report.{fmt}"
    out.write_text("keep me", encoding="utf-8")
    out.chmod(0o444)
    err = refused(capsys, workspace, export(workspace, out, "--article", "1", fmt=fmt), "")
    assert f"{out} is read-only; choose another name or make it writable." in err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert stat.S_IMODE(out.stat().st_mode) == 0o444


def test_all_onto_an_existing_file_says_so(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports.md"
    out.write_text("keep me", encoding="utf-8")
    refused(capsys, workspace, export(workspace, out, "--all"), "is a file, not a folder")
    assert out.read_text(encoding="utf-8") == "keep me"


def test_all_skips_a_read_only_report_and_writes_the_others(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    stale = folder / "factcheck-2-second-article.md"
    stale.write_text("keep me", encoding="utf-8")
    stale.chmod(0o444)
    assert main(export(workspace, folder, "--all")) == 1
    err = capsys.readouterr().err
    assert "article 2: " in err and "is read-only" in err and "Traceback" not in err
    assert stale.read_text(encoding="utf-8") == "keep me"
    assert (folder / "factcheck-1-ankara-accuses-armenia-of-targeting.md").stat().st_size > 1000


@pytest.mark.skipif(os.name == "nt", reason="a Windows folder's read-only mark is no refusal")
def test_all_into_a_read_only_folder_is_refused_before_anything_is_written(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Judged by its mode bits, as a read-only file is: as root every report went in, and
    as anyone else each article failed on its own line with "Permission denied"."""
    folder = tmp_path / "reports"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        err = refused(capsys, workspace, export(workspace, folder, "--all"), "")
    finally:
        folder.chmod(0o755)
    assert f"{folder} is a read-only folder; choose another or make it writable." in err
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and mode bits")
def test_all_into_a_folder_an_acl_lets_us_write_into_is_written(
    workspace: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A shared folder owned by someone else, rwxr-xr-x, that an ACL (or a share's own
    rights) lets this user write into: its mode bits read "read-only" for anyone but
    its owner, and every report was refused though each would have been written. Here
    the folder is ours, and we are made to look like someone else to the mode bits;
    the system still lets us write, as the ACL would."""
    folder = tmp_path / "desk-share"
    folder.mkdir()
    folder.chmod(0o755)
    info = folder.stat()
    someone = info.st_uid + 4242
    monkeypatch.setattr(os, "geteuid", lambda: someone)
    monkeypatch.setattr(os, "getegid", lambda: info.st_gid + 4242)
    monkeypatch.setattr(os, "getgroups", lambda: [])
    assert os.access(folder, os.W_OK | os.X_OK)  # what an ACL granting us would say
    check_output(folder, workspace, folder=True)
    assert main(export(workspace, folder, "--all")) == 0
    capsys.readouterr()
    assert len(list(folder.iterdir())) == 2


def test_a_missing_folder_is_one_line(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nowhere" / "r.md"
    refused(capsys, workspace, export(workspace, out, "--article", "1"), "does not exist")


def test_a_file_where_the_folder_should_be_is_called_a_file(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-o notes/r.md` (Save to in the dialog too) where `notes` is a file: "The folder
    notes does not exist", and the reviewer, looking at `notes` in the file manager, could
    not see why. The file is left as it was."""
    (tmp_path / "notes").write_text("Monday's notes", encoding="utf-8")
    out = tmp_path / "notes" / "r.md"
    err = refused(capsys, workspace, export(workspace, out, "--article", "1"), "is a file")
    assert f"{tmp_path / 'notes'} is a file, not a folder" in err
    assert "does not exist" not in err
    assert (tmp_path / "notes").read_text(encoding="utf-8") == "Monday's notes"


def test_a_link_to_a_folder_that_is_gone_is_called_so(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`reports` a link to a USB stick's folder, the stick pulled: `-o reports/r.md` said
    "The folder reports does not exist" of a name the file manager shows, and `--all -o
    reports` "Cannot make the folder reports: File exists"."""
    stick = tmp_path / "stick" / "reports"
    link = tmp_path / "reports"
    link.symlink_to(stick, target_is_directory=True)
    said = f"{link} is a link to {stick}, which is not there"
    for argv in (
        export(workspace, link / "r.md", "--article", "1"),
        export(workspace, link, "--all"),
    ):
        err = refused(capsys, workspace, argv, said)
        assert "does not exist" not in err and "File exists" not in err
    assert link.is_symlink() and not os.path.lexists(stick.parent)


def test_a_link_to_a_folder_that_is_gone_further_up_is_called_so(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-o reports/2026/r.md`, `reports` a link to a USB stick's folder, the stick pulled:
    "The folder reports/2026 does not exist", and `--all -o reports/2026` could not make
    it, while the link two folders up is what is not there."""
    stick = tmp_path / "stick" / "reports"
    link = tmp_path / "reports"
    link.symlink_to(stick, target_is_directory=True)
    said = f"{link} is a link to {stick}, which is not there"
    for argv in (
        export(workspace, link / "2026" / "r.md", "--article", "1"),
        export(workspace, link / "2026", "--all"),
    ):
        err = refused(capsys, workspace, argv, said)
        assert "does not exist" not in err
    assert link.is_symlink() and not os.path.lexists(stick.parent)


def test_a_junction_to_a_folder_that_is_gone_is_called_so(
    workspace: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On Windows a link to a folder is most often a junction (`mklink /J`), of which
    `os.path.islink` says False while `os.lstat` reads it as the link: one to a stick
    pulled was still "does not exist", as a link was. Here a symbolic link, seen so."""
    stick = tmp_path / "stick" / "reports"
    link = tmp_path / "reports"
    link.symlink_to(stick, target_is_directory=True)
    monkeypatch.setattr(os.path, "islink", lambda path: False)
    said = f"{link} is a link to {stick}, which is not there"
    refused(capsys, workspace, export(workspace, link / "r.md", "--article", "1"), said)


def test_summary_formats_are_checked_too(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["export", "-w", str(workspace), "--format", "summary-html", "-o", str(workspace)]
    refused(capsys, workspace, argv, "is the workspace itself")


def test_an_ordinary_file_is_still_replaced(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.md"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert main(export(workspace, out, "--article", "1")) == 0
    assert out.read_text(encoding="utf-8") != "old"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


@posix_only
def test_the_writers_themselves_refuse_what_is_not_a_writable_file(tmp_path: Path) -> None:
    """A safety net under the check, for callers that skip it."""
    read_only = tmp_path / "ro.html"
    read_only.write_text("keep", encoding="utf-8")
    read_only.chmod(0o444)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (Path("/dev/null"), fifo, read_only):
        with pytest.raises(ExportRefused):
            write_atomically(target, "x")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert read_only.read_text(encoding="utf-8") == "keep"


def test_check_output_never_needs_the_workspace_to_exist(tmp_path: Path) -> None:
    check_output(tmp_path / "r.md", tmp_path / "missing.fcdesk")
    with pytest.raises(ExportRefused, match="workspace itself"):
        check_output(tmp_path / "missing.fcdesk", tmp_path / "missing.fcdesk")


@pytest.mark.parametrize(
    ("failing", "code", "words"),
    [
        ("tempfile.mkstemp", 30, "Read-only file system"),  # a read-only disk or share
        ("tempfile.mkstemp", 13, "Permission denied"),  # a folder we may not write in
        ("os.fsync", 28, "No space left on device"),  # the disk filled up while writing
        ("os.replace", 28, "No space left on device"),
    ],
)
def test_a_failed_write_names_the_report_not_its_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, code: int, words: str
) -> None:
    """The export dialog said "Read-only file system: /media/usb/.report.html.cxm2wz3y.part":
    a hidden file the reviewer never chose. The error names the report, the old one stays."""
    target = tmp_path / "report.html"
    target.write_text("previous report", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        temporary = tmp_path / ".report.html.cxm2wz3y.part"
        raise OSError(code, os.strerror(code), str(temporary))

    monkeypatch.setattr(failing, fail)
    with pytest.raises(OSError) as raised:
        write_atomically(target, "new report")
    assert raised.value.errno == code and raised.value.strerror == words
    assert raised.value.filename == str(target)
    assert target.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="a /proc file system (Linux)")
def test_a_folder_that_takes_no_files_says_so_not_that_it_is_missing(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """/proc is there but makes no files: the export said "No such file or directory"
    about a folder the reviewer could see."""
    err = refused(
        capsys, workspace, export(workspace, "/proc/report.md", "--article", "1"), "/proc"
    )
    assert "No such file" not in err and "does not exist" not in err
    assert "takes no new files" in err and "choose another folder" in err


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="a /proc file system (Linux)")
def test_all_into_a_folder_that_takes_no_folders_says_so(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(capsys, workspace, export(workspace, "/proc/reports", "--all"), "/proc/reports")
    assert "No such file" not in err and "the folder /proc takes no new folders" in err
