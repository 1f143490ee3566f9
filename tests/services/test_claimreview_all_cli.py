"""`factcheck-app export --all --format claimreview` says what the publishing settings lack
once, as the export dialog's *All articles* does: it read and checked every article, then
refused each for the same missing fact-check URL (5,000 refusals on a year's workspace,
with the folder made and left empty), and warned of the missing publisher name once per
article."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.__main__ import main as run
from factcheck_app.domain.models import Tag
from factcheck_app.services import settings
from factcheck_app.services.desk import Desk

PATTERN = "https://checks.example.org/{slug}#claim-{number}"


@pytest.fixture
def workspace(seeded_desk: Desk) -> str:
    """Four articles, each with a verdict; no fact-check URL pattern, no publisher."""
    for n in range(3):
        seeded_desk.importer.import_text(f"Town {n} built {n + 2} bridges, the mayor said.")
    for article in seeded_desk.articles.list_articles():
        first = seeded_desk.reviews.sentence_rows(article.id)[0].sentence.id
        seeded_desk.reviews.set_tag(first, Tag.CLAIM)
        seeded_desk.reviews.set_verdict(first, "false")
    settings.set_setting(seeded_desk, settings.FACTCHECK_URL_PATTERN, "")
    settings.set_setting(seeded_desk, settings.PUBLISHER_NAME, "")
    path = seeded_desk.path
    seeded_desk.close()
    return str(path)


def test_no_fact_check_url_refuses_every_article_in_one_sentence(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "claims"
    args = ["export", "-w", workspace, "--all", "--format", "claimreview", "-o", f"{folder}/"]

    assert run(args) == 1

    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, lines
    assert "No fact-check URL" in lines[0] and "--url-pattern" in lines[0]
    assert "article 1" not in lines[0]  # not any one article's refusal
    assert captured.out == "" and not folder.exists()


def test_no_publisher_name_is_said_once_not_for_each_article(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "claims"
    args = ["export", "-w", workspace, "--all", "--format", "claimreview", "-o", f"{folder}/"]

    assert run([*args, "--url-pattern", PATTERN]) == 0

    captured = capsys.readouterr()
    assert captured.err.count("No publisher name") == 1
    assert captured.out.count("Wrote ") == 4 and len(list(folder.iterdir())) == 4


def test_each_kind_of_warning_is_one_line_naming_its_articles(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each article's warnings were a line each, repeated for every article: 4 articles
    without a claimant made 4 lines of the same words (2,000 lines of a 500-article
    archive in IT's log). Now one line for each kind, naming the articles it is about."""
    folder = tmp_path / "claims"
    args = ["export", "-w", workspace, "--all", "--format", "claimreview", "-o", str(folder)]
    assert run([*args, "--url-pattern", PATTERN, "--publisher", "Desk"]) == 0
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    no_claimant = [line for line in lines if "no claimant recorded" in line]
    assert len(no_claimant) == 1, lines
    assert "4 articles (1–4)" in no_claimant[0]
    assert len(lines) == len(set(lines)) < 8
    assert captured.out.count("Wrote ") == 4


def _add_unchecked(workspace: str, count: int = 3) -> None:
    desk = Desk.open(Path(workspace))
    try:
        for n in range(count):
            desk.importer.import_text(f"Unchecked {n}. Nobody has looked at it yet.")
    finally:
        desk.close()


def _stored_pattern(workspace: str) -> str:
    desk = Desk.open(Path(workspace), read_only=True)
    try:
        return settings.get_setting(desk, settings.FACTCHECK_URL_PATTERN)
    finally:
        desk.close()


def test_articles_with_nothing_to_publish_are_one_line_naming_them(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An archive's articles without a verdict yet were refused one line each, in the same
    words ("Nothing to publish …"): hundreds of lines a night in IT's log, around the one
    refusal that mattered. Said once, with the articles. And the night's export of an
    archive ended with status 1 whenever one article had no verdict yet (most nights),
    so the script that published the others stopped there: an article with nothing to
    publish is no failure when the others were written."""
    _add_unchecked(workspace)
    folder = tmp_path / "claims"
    args = ["export", "-w", workspace, "--all", "--format", "claimreview", "-o", str(folder)]
    assert run([*args, "--url-pattern", PATTERN, "--publisher", "Desk"]) == 0
    captured = capsys.readouterr()
    nothing = [line for line in captured.err.splitlines() if "nothing to publish" in line]
    assert nothing == [
        "factcheck-app: note: 3 articles (5–7) have nothing to publish (no claim, denial or "
        "fact in them has a verdict yet): no file was written for them."
    ]
    assert captured.out.count("Wrote ") == 4


def test_many_articles_with_nothing_to_publish_are_named_as_the_dialog_names_them(
    workspace: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An archive's articles without a verdict, between those with one, were every number
    on one line of stderr (a year's: thousands of characters on one line of IT's log).
    Named as the export dialog names them: the first 10 runs and how many more; the log
    file has every number."""
    import logging

    from factcheck_app import logs

    desk = Desk.open(Path(workspace))
    try:
        for n in range(12):  # unchecked 5, 7, …, 27: one run each, a checked one between
            desk.importer.import_text(f"Unchecked {n}. Nobody has looked at it yet.")
            checked = desk.importer.import_text(f"Checked {n}: {n + 3} bridges, said the mayor.")
            first = desk.reviews.sentence_rows(checked.article_id)[0].sentence.id
            desk.reviews.set_tag(first, Tag.CLAIM)
            desk.reviews.set_verdict(first, "false")
    finally:
        desk.close()
    folder = tmp_path / "claims"
    args = ["export", "-w", workspace, "--all", "--format", "claimreview", "-o", str(folder)]
    logged: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            logged.append(record.getMessage())

    keep = Keep(logging.INFO)
    logging.getLogger("factcheck_app").addHandler(keep)
    try:
        assert run([*args, "--url-pattern", PATTERN, "--publisher", "Desk"]) == 0
    finally:
        logging.getLogger("factcheck_app").removeHandler(keep)
    captured = capsys.readouterr()
    nothing = [line for line in captured.err.splitlines() if "nothing to publish" in line]
    assert nothing == [
        "factcheck-app: note: 12 articles (5, 7, 9, 11, 13, 15, 17, 19, 21, 23 and 2 more) "
        "have nothing to publish (no claim, denial or fact in them has a verdict yet): no "
        f"file was written for them (see the log file, {logs.log_file()})."
    ]
    every = ", ".join(str(n) for n in range(5, 28, 2))
    assert any(every in line for line in logged), logged
    assert captured.out.count("Wrote ") == 16


def test_the_nothing_to_publish_note_sends_no_one_to_a_log_that_was_not_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the log file not written (a read-only home, a full disk), the note cut after
    ten runs sent the reviewer to a file that held none of the numbers left out; once
    not sent there, those numbers were recorded nowhere. The note names every one."""
    from factcheck_app import logs

    workspace = str(tmp_path / "ws.fcdesk")
    desk = Desk.open(Path(workspace))
    try:
        for n in range(12):
            desk.importer.import_text(f"Unchecked {n}. Nobody has looked at it yet.")
            checked = desk.importer.import_text(f"Checked {n}: {n + 3} bridges, said the mayor.")
            first = desk.reviews.sentence_rows(checked.article_id)[0].sentence.id
            desk.reviews.set_tag(first, Tag.CLAIM)
            desk.reviews.set_verdict(first, "false")
    finally:
        desk.close()
    monkeypatch.setattr(logs, "not_written", lambda: "[Errno 30] Read-only file system")
    args = ["export", "-w", workspace, "--all", "--format", "claimreview"]
    out = ["-o", str(tmp_path / "claims"), "--url-pattern", PATTERN, "--publisher", "Desk"]
    assert run([*args, *out]) == 0
    [note] = [line for line in capsys.readouterr().err.splitlines() if "nothing to" in line]
    assert note.endswith(
        "12 articles (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23) have nothing to publish (no "
        "claim, denial or fact in them has a verdict yet): no file was written for them."
    ), note


def test_the_pattern_is_stored_only_when_the_export_of_all_goes_ahead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--all --save-settings` stored the URL pattern before any article was read: when no
    article had anything to publish (status 1, nothing written), the pattern was stored
    all the same, where an export of one article stores nothing when refused."""
    workspace = str(tmp_path / "fresh.fcdesk")
    Desk.open(Path(workspace)).close()
    _add_unchecked(workspace, 2)
    folder = tmp_path / "claims"
    args = ["export", "-w", workspace, "--all", "--format", "claimreview", "-o", str(folder)]
    assert run([*args, "--url-pattern", PATTERN, "--save-settings"]) == 1
    err = capsys.readouterr().err
    assert "2 articles (1, 2): The ClaimReview markup cannot be exported: Nothing to" in err
    assert "Stored" not in err and "Nothing was stored in the workspace" in err, err
    assert _stored_pattern(workspace) != PATTERN
    desk = Desk.open(Path(workspace))
    try:
        article = desk.importer.import_text("Town 9 built 11 bridges, the mayor said.").article_id
        first = desk.reviews.sentence_rows(article)[0].sentence.id
        desk.reviews.set_tag(first, Tag.CLAIM)
        desk.reviews.set_verdict(first, "false")
    finally:
        desk.close()
    assert run([*args, "--url-pattern", PATTERN, "--save-settings"]) == 0
    captured = capsys.readouterr()
    assert "Stored the URL pattern in the workspace." in captured.err
    assert captured.out.count("Wrote ") == 1
    assert _stored_pattern(workspace) == PATTERN


def test_a_pattern_with_no_placeholder_is_warned_of(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pattern typed without its braces (`…/checks/slug`) passed every check, and every
    check of every article went out claiming to be published at the one address."""
    folder = tmp_path / "claims"
    args = ["export", "-w", workspace, "--format", "claimreview", "--publisher", "Desk",
            "--url-pattern", "https://checks.example.org/slug"]  # fmt: skip
    assert run([*args, "--all", "-o", str(folder)]) == 0
    err = capsys.readouterr().err
    assert err.count("no placeholder") == 1  # said once, not per article
    assert "https://checks.example.org/slug" in err
    assert run([*args, "--article", "1", "-o", str(tmp_path / "one.jsonld")]) == 0
    assert capsys.readouterr().err.count("no placeholder") == 1


def _window_opens_while_writing(workspace: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What a journalist starting the desk meets while the export writes its files: ""
    when the window could take the workspace for editing, else why not."""
    from factcheck_app.domain.errors import WorkspaceInUse
    from factcheck_app.services.reports import formats
    from factcheck_app.storage.locking import WriterLock

    met: list[str] = []
    write = formats.write_report

    def writing(*args: object, **kwargs: object) -> None:
        if not met:
            try:
                WriterLock.acquire(Path(workspace), "the desk window").release()
                met.append("")
            except WorkspaceInUse as error:
                met.append(str(error))
        write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(formats, "write_report", writing)
    return met


def test_the_window_can_open_the_workspace_while_export_all_saves_settings(
    workspace: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`--all --save-settings` held the workspace open for writing from its first article
    to its last, to store the settings at its end: a journalist who started the desk
    during the night's export (minutes on a year's workspace, an hour of PDFs) was told
    it "is being changed by another Factcheck desk" and could only read. The settings
    are stored at the end, the workspace taken for that moment only."""
    met = _window_opens_while_writing(workspace, monkeypatch)
    folder = tmp_path / "claims"
    args = ["export", "-w", workspace, "--all", "--format", "claimreview", "-o", str(folder)]
    assert run([*args, "--url-pattern", PATTERN, "--save-settings"]) == 0
    assert met == [""], met
    captured = capsys.readouterr()
    assert captured.out.count("Wrote ") == 4
    assert "Stored the URL pattern in the workspace." in captured.err
    assert _stored_pattern(workspace) == PATTERN


def test_export_all_says_the_settings_were_not_stored_when_the_window_has_the_workspace(
    workspace: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window opened for editing during the export: the files are written, and the
    settings it could not store are said, with status 1 (IT's log must not read them
    as kept)."""
    from factcheck_app.services.reports import formats
    from factcheck_app.storage.locking import WriterLock

    held: list[WriterLock] = []
    write = formats.write_report

    def writing(*args: object, **kwargs: object) -> None:
        if not held:
            held.append(WriterLock.acquire(Path(workspace), "the desk window"))
        write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(formats, "write_report", writing)
    folder = tmp_path / "claims"
    args = ["export", "-w", workspace, "--all", "--format", "claimreview", "-o", str(folder)]
    try:
        status = run([*args, "--url-pattern", PATTERN, "--save-settings"])
    finally:
        for lock in held:
            lock.release()
    captured = capsys.readouterr()
    assert status == 1, captured.err
    assert captured.out.count("Wrote ") == 4
    assert "Stored" not in captured.err
    assert "not stored" in captured.err and "the desk window" in captured.err, captured.err
    assert _stored_pattern(workspace) != PATTERN


@pytest.mark.parametrize("scope", ["--article", "summary"])
def test_an_export_whose_file_cannot_be_written_stores_no_settings(
    workspace: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    scope: str,
) -> None:
    """`--help`: "--save-settings stores only when the status is 0". An export of one
    article (or a summary) stored the settings before its file was written: on a full
    disk it ended with status 1 and "Cannot write …", the publisher stored all the same."""
    import factcheck_app.cli as cli
    from factcheck_app.domain.errors import FactcheckError

    def full_disk(_text: str, out: Path | None) -> None:
        raise FactcheckError(f"Cannot write {out}: No space left on device")

    monkeypatch.setattr(cli, "_write_or_print", full_disk)
    if scope == "summary":
        args = ["export", "-w", workspace, "--format", "summary-html"]
        args += ["-o", str(tmp_path / "summary.html")]
    else:
        args = ["export", "-w", workspace, "--article", "1", "--format", "json"]
        args += ["-o", str(tmp_path / "one.json")]
    assert run([*args, "--publisher", "Weekly Desk", "--save-settings"]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Stored" not in err, err
    desk = Desk.open(Path(workspace), read_only=True)
    try:
        assert settings.get_setting(desk, settings.PUBLISHER_NAME) != "Weekly Desk"
    finally:
        desk.close()


def test_a_window_killed_while_importing_during_the_export_is_told_by_its_end(
    workspace: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window opened during the export (it may now) and was killed while saving an
    import. The export's open at its end, to store the settings, took the import out and
    the window's mark with it, without a word: the next window said nothing either, and
    the journalist took the file for imported. It is named, as every open for writing of
    the command line names it (`_open_for_writing`)."""
    from factcheck_app.services.reports import formats
    from tests.desk_left_open import desk_left_open

    speech = " ".join(f"The minister said spending rose {n} percent." for n in range(40))
    killed: list[bool] = []
    write = formats.write_report

    def writing(*args: object, **kwargs: object) -> None:
        if not killed:
            killed.append(True)
            with desk_left_open(Path(workspace), "Ana") as window:
                window.do("import-crash", speech, "budget.txt")
        write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(formats, "write_report", writing)
    folder = tmp_path / "claims"
    args = ["export", "-w", workspace, "--all", "--format", "claimreview", "-o", str(folder)]
    assert run([*args, "--url-pattern", PATTERN, "--save-settings"]) == 0
    assert killed
    err = capsys.readouterr().err
    assert "The import of budget.txt had not finished" in err, err
    assert _stored_pattern(workspace) == PATTERN
