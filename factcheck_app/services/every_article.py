"""Every article's report, one file each into a folder: `export --all` on the command line
and *All articles* in the window's Export dialog, through this one loop.

Each file is named by `formats.default_file_name` (`factcheck-<id>-<title>.<ext>`: the
article's number keeps two articles of the same title apart, and the title is cut to
ASCII letters and digits, so no slash, dot, bidi control or reserved device name reaches
the disk), checked by `check_output` as a single export's target is, and written
atomically: a failure or a Stop leaves that file as it was, and the files written before
it stay whole. An article whose file is refused is reported and the others are written.

In ClaimReview an article whose markup has an error is refused by its writer
(`render_claimreview` runs `claimreview.check`): each article is read once, checked and
written or refused in one pass, one report alive at a time. The window checked every
article first, in a pass of its own: 15 s before Export could be pressed on a year's
5,000, each report read twice.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck_app.domain.errors import ExportRefused, FactcheckError, NotFound
from factcheck_app.domain.printable import shown_line
from factcheck_app.services.export import check_output
from factcheck_app.services.reports import formats
from factcheck_app.services.reports.claimreview import ClaimReviewInvalid
from factcheck_app.services.reports.format_table import PdfWriter
from factcheck_app.services.reports.model import (
    ArticleReport,
    CancelFn,
    ExportCancelled,
    ProgressFn,
)

if TYPE_CHECKING:
    from factcheck_app.services.desk import Desk


@dataclass(frozen=True)
class ArticleFile:
    """Where an article's report goes in the folder, before it is read."""

    article_id: int
    stored_title: str
    folder: Path
    name: str

    @property
    def title(self) -> str:
        """As the window shows it (shown_line)."""
        return shown_line(self.stored_title)

    @property
    def path(self) -> Path:
        return self.folder / self.name


@dataclass(frozen=True)
class ArticleExported:
    """What became of one article: written to `path`, or `refusal` in one sentence."""

    article_id: int
    path: Path | None  # None when the article could not even be read
    refusal: str | None = None
    report: ArticleReport | None = None
    title: str = ""  # as the window shows it (shown_line); "" when it could not be read
    removed: bool = False  # removed from the workspace since it was listed: no failure
    # ClaimReview, no check with a verdict yet: said once for all such, no failure when
    # another article was written (most of an archive).
    nothing_to_publish: bool = False
    # Refused by a moment's input/output error (the disk answered again after it):
    # writing it again may well work.
    write_again: bool = False

    @property
    def written(self) -> bool:
        return self.refusal is None


def article_files(desk: Desk, key: str, folder: Path) -> list[ArticleFile]:
    """Every article's file in `folder`, as `export_every_article` names it, read on the
    thread that owns `desk` (the window asks before replacing any of them). One query of
    ids and titles, and names made without a path each: the articles' progress read and a
    path made for each of a year's 5,000 took 0.5 s of the window's thread."""
    return [
        ArticleFile(article_id, title, folder, formats.article_file_name(key, article_id, title))
        for article_id, title in desk.repo.articles.titles()
    ]


def already_there(files: Sequence[ArticleFile], folder: Path) -> list[ArticleFile]:
    """The files of `files` already in `folder`, found by listing the folder once: looking
    for each of a year's 5,000 names in turn held the window 0.1-0.4 s when Export was
    pressed. A name there in other letter case (`Factcheck-2-….md` on a disk that does
    not tell case apart: the same file) is looked for by itself; a folder that cannot be
    listed has each name looked for."""
    try:
        names = set(os.listdir(folder))
    except OSError:
        return [file for file in files if os.path.lexists(file.path)]
    folded = {name.casefold() for name in names}
    return [
        file
        for file in files
        if file.name in names or (file.name.casefold() in folded and os.path.lexists(file.path))
    ]


def make_folder(folder: Path) -> None:
    """Make `folder` with its missing parents, or say in one sentence why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileNotFoundError as error:
        # Its nearest folder that is there makes none (/proc): "No such file or
        # directory" was said of a folder the reviewer could see.
        there = next((p for p in folder.parents if p.is_dir()), None)
        why = f"the folder {there} takes no new folders" if there else error.strerror
        raise FactcheckError(f"Cannot make the folder {folder}: {why}.") from None
    except OSError as error:
        raise FactcheckError(
            f"Cannot make the folder {folder}: {error.strerror or error}"
        ) from None


def export_every_article(
    key: str,
    article_ids: Sequence[int],
    load: Callable[[int], ArticleReport],
    folder: Path,
    workspace: Path | None,
    *,
    paper: str = "A4",
    pdf_writer: PdfWriter | None = None,
    settings_file: Path | None = None,
    replace: Callable[[Path], bool] | None = None,
    starting: Callable[[int, ArticleReport], None] | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    again: str = "run the export again to write it",
) -> Iterator[ArticleExported]:
    """Write each article's report in format `key` into `folder` (which is there), one
    after the other, yielding what became of each. `load` reads an article's report (on
    the thread that runs this); `starting(number, report)` is told before each is
    written (1-based); `progress` and `cancel` are each file's, as for one export.

    `replace(path)` says whether an existing file may be replaced (the window asked about
    the files there when Export was pressed: one that came since is kept); None replaces
    any (the command line). A Stop raises ExportCancelled at once: the file in progress
    is left as it was, those written stay. The folder gone mid-way (removed, a USB stick
    pulled) raises FactcheckError, once, rather than a refusal for every article left;
    an article removed since it was listed is told as such and the others written.
    `again` ends the refusal of a report an input/output error alone refused (the disk
    answers again, `write_again`): how to write it, in the command's words ("": the
    window says it once, after the reports it names)."""
    # An input/output error on the folder's disk since the last report written: one
    # alone (a network drive reconnecting, one damaged file) refuses its report only.
    unanswered = False
    for number, article_id in enumerate(article_ids, 1):
        if cancel is not None and cancel():
            raise ExportCancelled()
        _still_there(folder)
        try:
            report = load(article_id)
        except ExportCancelled:
            raise
        except NotFound:
            # Removed after the articles were listed (by the window beside `export --all`,
            # by a colleague's desk beside a read-only window): each is read at its turn,
            # in a read of its own, so minutes after the list was made.
            yield ArticleExported(
                article_id,
                None,
                "it was removed from the workspace during the export.",
                removed=True,
            )
            continue
        except FactcheckError as error:
            yield ArticleExported(article_id, None, str(error))
            continue
        if starting is not None:
            starting(number, report)
        path = folder / formats.default_file_name(key, report)
        title = shown_line(report.article.title)
        try:
            check_output(path, workspace, settings_file=settings_file)
            if replace is not None and os.path.lexists(path) and not replace(path):
                raise ExportRefused(
                    f"{path.name} came into {folder} during the export and was left as it "
                    "was: export again to replace it."
                )
            formats.write_report(
                key,
                report,
                path,
                paper=paper,
                pdf_writer=pdf_writer,
                progress=progress,
                cancel=cancel,
            )
        except ExportCancelled:
            raise
        except FactcheckError as error:
            _still_there(folder)
            looked = error.__cause__
            if isinstance(looked, OSError) and looked.errno == errno.EIO:
                # The look at its name failed so (`check_output`): a stick pulled, its
                # folder still listed, fails there once a write has. Not counted, a
                # year's 5,000 articles were each refused "cannot be reached", never
                # stopping.
                unanswered = _still_writable(folder, path, looked, unanswered=unanswered)
            nothing = isinstance(error, ClaimReviewInvalid) and error.nothing_to_publish
            yield ArticleExported(
                article_id, path, str(error), report, title, nothing_to_publish=nothing
            )
        except OSError as error:
            _still_there(folder)
            unanswered = _still_writable(folder, path, error, unanswered=unanswered)
            refusal = f"Cannot write {path}: {error.strerror}"
            if unanswered and again:  # a moment's input/output error: it was not said
                refusal += f"; {again}."  # that writing it again may well work
            yield ArticleExported(article_id, path, refusal, report, title, write_again=unanswered)
        else:
            unanswered = False  # the disk answers
            yield ArticleExported(article_id, path, None, report, title)


def _still_there(folder: Path) -> None:
    """Refuse to go on once the folder is gone (removed, its drive disconnected): each
    article's file was refused in turn ("… does not exist"), 5,000 refusals told for one
    cause, and the export ran on through all of them."""
    if not os.path.isdir(folder):
        raise FactcheckError(
            f"The folder {folder} is no longer there (removed, or its drive disconnected); "
            "no more reports were written."
        )


def _still_writable(folder: Path, path: Path, error: OSError, *, unanswered: bool) -> bool:
    """Refuse to go on once the folder's disk takes nothing more: a card or stick switched
    to read-only, a disk the system remounted read-only after an error, a full one, or
    one that no longer answers (pulled out, its folder still listed).
    Every article left was read, rendered (a PDF takes a second) and refused in turn, the
    same reason told for each of a year's 5,000. Not when `path` was a link to a file
    in another folder (another disk: an archive share, a write-protected card): that one
    report is refused, the others written; it stopped them all, blaming the folder.

    An input/output error stops it only when the one before (`unanswered`, no report
    written since) was one too: alone, it is as often a network drive's moment of
    reconnecting or one damaged file, and it stopped a year's export at its first.
    Returns whether this error was one such, let pass."""
    if error.errno not in (errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EIO):
        return False
    try:
        if not os.path.samefile(os.path.dirname(os.path.realpath(path)), folder):
            return False
    except OSError:
        return False  # the folder gone: said by `_still_there` at the next article
    if error.errno == errno.EROFS:
        raise FactcheckError(
            f"The folder {folder} is on a disk that cannot be written to now "
            f"({error.strerror}: a write-protected card or stick, or a disk the system made "
            "read-only); no more reports were written."
        ) from None
    if error.errno == errno.EIO:
        if not unanswered:
            return True  # this report refused; the next says whether the disk answers
        # A stick pulled before the system has let go of it: its folder is still listed
        # (from memory), so `_still_there` sees it, and every write fails so.
        raise FactcheckError(
            f"The folder {folder} is on a disk that stopped answering ({error.strerror}: a "
            "USB stick or card pulled out, a network drive gone, or a failing disk); no more "
            "reports were written."
        ) from None
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        raise FactcheckError(
            f"The folder {folder} is on a full disk ({error.strerror}); no more reports "
            "were written."
        ) from None
    return False
