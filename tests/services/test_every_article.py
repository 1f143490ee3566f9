"""Every article's report into one folder (`export --all`, the dialog's *All articles*):
names that stay apart and harmless, a Stop that leaves whole files only."""

from __future__ import annotations

import dataclasses
import errno
import functools
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.every_article import (
    ArticleExported,
    already_there,
    article_files,
    export_every_article,
)
from factcheck_app.services.reports import formats
from factcheck_app.services.reports.model import (
    ArticleReport,
    ExportCancelled,
    Publishing,
    load_article_report,
)
from tests.conftest import retitled_outside_undo


def _exported_until_stopped(
    hostile: Desk, folder: Path, load: Callable[[int], ArticleReport] | None = None
) -> tuple[list[ArticleExported], str]:
    """Every article of `hostile` exported as Markdown into `folder`, each read by `load`
    (the desk's own read when None), until the export stops in words: what each article
    came to, and those words."""
    ids = [summary.id for summary in hostile.articles.list_articles()]
    read = load or functools.partial(load_article_report, hostile)
    outcomes: list[ArticleExported] = []
    with pytest.raises(FactcheckError) as raised:
        for outcome in export_every_article("md", ids, read, folder, hostile.path):
            outcomes.append(outcome)
    return outcomes, str(raised.value)


HOSTILE_TITLES = [
    "Budget vote",
    "Budget vote",  # the same title twice
    "../../etc/passwd",
    "a/b\\c:d*e?f",
    ".hidden",
    "...",
    "\u202eexe.txt",  # a right-to-left override
    "CON",
    "nul.txt",
    "Élection présidentielle " * 13,  # 300 characters
    "انتخابات",  # nothing ASCII at all
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The folder the reports go to (the workspace is in tmp_path)."""
    (tmp_path / "reports").mkdir()
    return tmp_path / "reports"


@pytest.fixture
def hostile(desk: Desk) -> Desk:
    for number, title in enumerate(HOSTILE_TITLES, 1):
        text = f"Article {number} says one thing. It says another."
        retitled_outside_undo(desk, desk.importer.import_text(text).article_id, title)
    return desk


def export_all(desk: Desk, folder: Path, key: str = "md", **more: object) -> list[ArticleExported]:
    ids = [summary.id for summary in desk.articles.list_articles()]
    return list(
        export_every_article(
            key,
            ids,
            lambda i: load_article_report(desk, i),
            folder,
            desk.path,
            **more,  # type: ignore[arg-type]
        )
    )


def test_every_article_gets_a_file_of_its_own_with_a_harmless_name(
    hostile: Desk, folder: Path
) -> None:
    outcomes = export_all(hostile, folder)
    assert [o.refusal for o in outcomes] == [None] * len(HOSTILE_TITLES)
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == len(HOSTILE_TITLES)  # the two "Budget vote"s apart
    for name in names:
        assert re.fullmatch(r"factcheck-\d+-[a-z0-9-]+\.md", name), name
        assert len(name) <= 60
    assert "factcheck-1-budget-vote.md" in names and "factcheck-2-budget-vote.md" in names
    assert "factcheck-3-etc-passwd.md" in names and "factcheck-8-con.md" in names
    assert "factcheck-11-article.md" in names  # no ASCII left of the title
    assert not any(p.is_dir() for p in folder.iterdir())


def test_the_names_asked_about_are_the_names_written(hostile: Desk, folder: Path) -> None:
    planned = [f.path for f in article_files(hostile, "pdf", folder)]
    assert planned[0] == folder / "factcheck-1-budget-vote.pdf"
    written = [o.path for o in export_all(hostile, folder, "html")]
    assert [p.with_suffix(".pdf") for p in written if p] == planned
    titles = [f.title for f in article_files(hostile, "md", folder)]
    assert "\u202e" not in "".join(titles) and len(titles[9]) == 300  # as the window shows


def test_a_stop_leaves_the_files_written_whole_and_no_part_of_the_next(
    hostile: Desk, folder: Path
) -> None:
    started: list[int] = []

    def cancel() -> bool:
        return len(started) >= 3  # stops while the third is being written

    with pytest.raises(ExportCancelled):
        export_all(hostile, folder, "html", starting=lambda n, _r: started.append(n), cancel=cancel)
    files = sorted(os.listdir(folder))
    assert files == ["factcheck-1-budget-vote.html", "factcheck-2-budget-vote.html"]
    for name in files:
        assert (folder / name).read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_an_existing_file_not_to_be_replaced_is_kept_and_the_others_written(
    hostile: Desk, folder: Path
) -> None:
    kept = folder / "factcheck-2-budget-vote.md"
    kept.write_text("mine", encoding="utf-8")
    outcomes = export_all(hostile, folder, replace=lambda path: False)
    refused = [o for o in outcomes if not o.written]
    assert [o.article_id for o in refused] == [2] and "left as it was" in str(refused[0].refusal)
    assert kept.read_text(encoding="utf-8") == "mine"
    assert len(os.listdir(folder)) == len(HOSTILE_TITLES)


def test_an_article_that_cannot_be_read_is_told_and_the_others_written(
    hostile: Desk, folder: Path
) -> None:
    def load(article_id: int):  # type: ignore[no-untyped-def]
        if article_id == 4:
            raise FactcheckError("Sentence 7's review has an unknown verdict 'bogus'.")
        return load_article_report(hostile, article_id)

    ids = [summary.id for summary in hostile.articles.list_articles()]
    outcomes = list(export_every_article("md", ids, load, folder, hostile.path))
    assert [(o.article_id, o.refusal) for o in outcomes if not o.written] == [
        (4, "Sentence 7's review has an unknown verdict 'bogus'.")
    ]
    assert len(os.listdir(folder)) == len(HOSTILE_TITLES) - 1


def test_the_folder_gone_mid_way_stops_it_in_one_sentence(hostile: Desk, folder: Path) -> None:
    """A USB stick pulled after two reports: every article left was refused in turn, each
    "… does not exist", and the export ran on through all of them."""
    read: list[int] = []

    def load(article_id: int):  # type: ignore[no-untyped-def]
        read.append(article_id)
        if len(read) == 3:
            shutil.rmtree(folder)
        return load_article_report(hostile, article_id)

    outcomes, told = _exported_until_stopped(hostile, folder, load)
    assert told == (
        f"The folder {folder} is no longer there (removed, or its drive disconnected); no "
        "more reports were written."
    )
    assert [o.written for o in outcomes] == [True, True] and len(read) == 3


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (
            errno.EROFS,
            "is on a disk that cannot be written to now (Read-only file system: a "
            "write-protected card or stick, or a disk the system made read-only); no more "
            "reports were written.",
        ),
        (
            errno.ENOSPC,
            "is on a full disk (No space left on device); no more reports were written.",
        ),
    ],
    ids=["read-only disk", "full disk"],
)
def test_a_disk_that_takes_no_more_stops_it_in_one_sentence(
    hostile: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch, code: int, said: str
) -> None:
    """A card switched to read-only (or a disk the system remounted read-only, or one
    full) after two reports: each of a year's 5,000 articles was read, rendered (a PDF
    takes a second) and refused in turn, 5,000 lines for one cause."""
    real_write = formats.write_report
    tried: list[Path] = []

    def write_report(key: str, report: object, path: Path, **kwargs: object) -> None:
        tried.append(path)
        if len(tried) > 2:
            raise OSError(code, os.strerror(code), str(path))
        real_write(key, report, path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(formats, "write_report", write_report)
    outcomes, told = _exported_until_stopped(hostile, folder)
    assert told == f"The folder {folder} {said}"
    assert [o.written for o in outcomes] == [True, True] and len(tried) == 3
    assert len(os.listdir(folder)) == 2  # the two written stay


def _writes_failing(
    monkeypatch: pytest.MonkeyPatch, failing: Callable[[int], bool], code: int = errno.EIO
) -> list[Path]:
    """`formats.write_report` failing with `code` for the writes (1-based) `failing`
    picks, as the system fails them; the paths tried, in order."""
    real_write = formats.write_report
    tried: list[Path] = []

    def write_report(key: str, report: object, path: Path, **kwargs: object) -> None:
        tried.append(path)
        if failing(len(tried)):
            raise OSError(code, os.strerror(code), str(path))
        real_write(key, report, path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(formats, "write_report", write_report)
    return tried


def test_a_stick_pulled_with_its_folder_still_listed_stops_it_in_one_sentence(
    hostile: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A USB stick pulled while the system still lists its folder (until it is unmounted,
    its folders are there from memory): every write fails with an input/output error.
    Each of a year's 5,000 articles was read, rendered and refused in turn so; it stops
    at the second in a row."""
    tried = _writes_failing(monkeypatch, lambda number: number > 2)
    outcomes, told = _exported_until_stopped(hostile, folder)
    assert told == (
        f"The folder {folder} is on a disk that stopped answering (Input/output error: a "
        "USB stick or card pulled out, a network drive gone, or a failing disk); no more "
        "reports were written."
    )
    assert [o.written for o in outcomes] == [True, True, False] and len(tried) == 4
    assert outcomes[2].refusal == (
        f"Cannot write {tried[2]}: Input/output error; run the export again to write it."
    )
    assert len(os.listdir(folder)) == 2  # the two written stay


def test_one_input_output_error_refuses_that_report_and_writes_the_others(
    hostile: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One write failing with an input/output error on a disk that answers again (a
    network drive's moment of reconnecting, one damaged report in the folder): it
    stopped the whole export, a year's 5,000 articles, at the third, blaming the disk."""
    tried = _writes_failing(monkeypatch, lambda number: number == 3)
    outcomes = export_all(hostile, folder)
    assert [o.article_id for o in outcomes if not o.written] == [3] and outcomes[2].write_again
    # What to do is said (the command line's `export --all` writes every report again).
    assert outcomes[2].refusal == (
        f"Cannot write {tried[2]}: Input/output error; run the export again to write it."
    )
    assert len(os.listdir(folder)) == len(HOSTILE_TITLES) - 1


def test_an_article_removed_since_it_was_listed_is_told_so(hostile: Desk, folder: Path) -> None:
    ids = [summary.id for summary in hostile.articles.list_articles()]
    gone = max(ids) + 1  # listed when Export was pressed, removed before it was read
    outcomes = list(
        export_every_article(
            "md", [*ids, gone], lambda i: load_article_report(hostile, i), folder, hostile.path
        )
    )
    assert [(o.article_id, o.refusal) for o in outcomes if not o.written] == [
        (gone, "it was removed from the workspace during the export.")
    ]


def test_claimreview_checks_each_article_as_it_writes_it_reading_it_once(
    hostile: Desk, folder: Path
) -> None:
    """One pass: each article read once, checked, written or refused with its title and
    error (the window checked every article in a pass of its own first, reading each
    twice and keeping Export waiting for it)."""
    first = hostile.reviews.sentence_rows(2)[0].sentence.id
    hostile.reviews.set_tag(first, Tag.CLAIM)
    hostile.reviews.set_verdict(first, "false")
    publishing = Publishing("", "", "https://example.org/{slug}#{number}")  # no publisher
    read: list[int] = []

    def load(article_id: int):  # type: ignore[no-untyped-def]
        read.append(article_id)
        if article_id == 4:
            raise FactcheckError("Sentence 7's review has an unknown verdict 'bogus'.")
        return load_article_report(hostile, article_id, publishing=publishing)

    ids = [summary.id for summary in hostile.articles.list_articles()]
    found = {o.article_id: o for o in export_every_article("claimreview", ids, load, folder, None)}
    assert read == ids  # each once
    assert found[2].written and os.listdir(folder) == ["factcheck-2-budget-vote.jsonld"]
    assert found[4].refusal == "Sentence 7's review has an unknown verdict 'bogus'."
    assert found[1].title == "Budget vote" and found[1].refusal == (
        "The ClaimReview markup cannot be exported: Nothing to publish: no claim, denial or "
        "fact of this article has a verdict yet."
    )
    assert sum(not o.written for o in found.values()) == len(HOSTILE_TITLES) - 1


def test_claimreview_nothing_to_publish_is_told_apart_from_the_refusals(
    hostile: Desk, folder: Path
) -> None:
    """An article with no verdict yet is marked so (`export --all` and the window say those
    once, as a note), by what the check found, not by its words: both compared the whole
    message. One with a verdict refused for another error, or unreadable, is not."""
    for article_id in (2, 3):
        first = hostile.reviews.sentence_rows(article_id)[0].sentence.id
        hostile.reviews.set_tag(first, Tag.CLAIM)
        hostile.reviews.set_verdict(first, "false")
    publishing = Publishing("", "Desk", "https://example.org/{slug}#{number}")

    def load(article_id: int):  # type: ignore[no-untyped-def]
        if article_id == 4:
            raise FactcheckError("Sentence 7's review has an unknown verdict 'bogus'.")
        report = load_article_report(hostile, article_id, publishing=publishing)
        if article_id == 3:  # no address for its checks: a refusal of its own
            return dataclasses.replace(report, publishing=Publishing("", "Desk", ""))
        return report

    ids = [summary.id for summary in hostile.articles.list_articles()]
    found = {o.article_id: o for o in export_every_article("claimreview", ids, load, folder, None)}
    assert found[2].written and not found[2].nothing_to_publish
    assert not found[3].written and not found[3].nothing_to_publish
    assert not found[4].nothing_to_publish
    unpublished = [i for i, o in found.items() if o.nothing_to_publish]
    assert unpublished == [i for i in ids if i not in (2, 3, 4)]
    assert all(not found[i].written for i in unpublished)


def test_the_reports_already_there_are_found_by_one_listing(
    hostile: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressing Export looked for each of a year's 5,000 names in turn (0.16-0.43 s on the
    window's thread); the folder is listed once."""
    files = article_files(hostile, "md", folder)
    (folder / files[1].path.name).write_text("sent", encoding="utf-8")
    (folder / files[4].path.name.upper()).write_text("sent", encoding="utf-8")  # other case
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    looked: list[object] = []
    lexists = os.path.lexists

    def counting(path: object) -> bool:
        looked.append(path)
        return lexists(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os.path, "lexists", counting)
    assert already_there(files, folder) == [files[1]]  # this disk tells case apart
    assert looked == [files[4].path]  # only the name there in other letter case
    os.chmod(folder, 0o300)  # cannot be listed (as root it still can)
    try:
        assert already_there(files, folder) == [files[1]]
    finally:
        os.chmod(folder, 0o700)


def test_a_link_to_a_read_only_disk_is_refused_alone(
    hostile: Desk, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One report of the folder a link to a file on another disk, read-only (an archive
    share, a write-protected card): that one report is refused, the others are written.
    It stopped the whole export, saying the folder's own disk took nothing more."""
    ids = [summary.id for summary in hostile.articles.list_articles()]
    load = functools.partial(load_article_report, hostile)
    elsewhere = tmp_path / "archive"
    elsewhere.mkdir()
    name = formats.default_file_name("md", load(ids[0]))
    (elsewhere / name).write_text("archived\n")
    (folder / name).symlink_to(elsewhere / name)
    real_write = formats.write_report

    def write_report(key: str, report: object, path: Path, **kwargs: object) -> None:
        if path.resolve().parent == elsewhere:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        real_write(key, report, path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(formats, "write_report", write_report)
    outcomes = list(export_every_article("md", ids, load, folder, hostile.path))
    assert [o.written for o in outcomes] == [False] + [True] * (len(ids) - 1)
    assert "Read-only file system" in str(outcomes[0].refusal)
    assert (elsewhere / name).read_text() == "archived\n"


def test_a_stick_pulled_stops_it_when_looking_at_a_report_fails_too(
    hostile: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stick pulled with its folder still listed: a write fails with an input/output
    error, then so does the look at the next report's name (its `stat`, before it is
    written), and every one after. That look was refused as "cannot be reached" and never
    counted: each of a year's 5,000 articles was read and refused in turn, the export
    never stopping."""
    tried = _writes_failing(monkeypatch, lambda number: number > 2)
    real_stat = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        inside = os.path.dirname(os.fspath(path)) == os.fspath(folder)  # type: ignore[arg-type]
        if inside and len(tried) > 2:  # the disk no longer answers after the third write
            raise OSError(errno.EIO, os.strerror(errno.EIO), os.fspath(path))  # type: ignore[arg-type]
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    outcomes, told = _exported_until_stopped(hostile, folder)
    assert "stopped answering" in told  # what pytest.raises(match=) checked
    assert [o.written for o in outcomes] == [True, True, False]
    assert len(os.listdir(folder)) == 2  # the two written stay
