"""Command-line face of the desk: import, list, segment, export. Thin over the services."""

from __future__ import annotations

import argparse
import atexit
import codecs
import contextlib
import errno
import gc
import io
import logging
import os
import re
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from json.encoder import encode_basestring
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, cast

from factcheck_app import __version__, config, logs
from factcheck_app.domain.assist import Suggestion, language_note
from factcheck_app.domain.errors import (
    ArticleImportError,
    FactcheckError,
    NoSuchFolder,
    NotAWorkspace,
    WorkspaceBusy,
    WorkspaceChangedWhileRead,
    WorkspaceError,
    WorkspaceInUse,
    WorkspaceUntrusted,
)
from factcheck_app.domain.file_types import SUPPORTED_SUFFIXES
from factcheck_app.domain.help_text import (
    WholeWordsHelp,
    WholeWordsParser,
    dash_named_file,
    dash_value_told,
    option_named,
    value_options,
)
from factcheck_app.domain.importing import (
    normalize_text,
    parse_article,
    read_article_bytes,
    refuse_without_words,
)
from factcheck_app.domain.langid import article_language
from factcheck_app.domain.languages import SUPPORTED, TABLES, language_name
from factcheck_app.domain.models import SearchScope
from factcheck_app.domain.own_reports import OwnReport
from factcheck_app.domain.printable import (
    shown_line,
    shown_name,
    terminal_json,
    terminal_json_text,
    terminal_text,
    with_undecodable_replaced,
)
from factcheck_app.domain.segmentation import SentenceSpan, split_lines, split_sentences
from factcheck_app.domain.wording import RUNS_NAMED, counted, figure, number_runs, runs_left_out
from factcheck_app.services import article_files, interrupts
from factcheck_app.services.assist import (
    checkworthiness_missing,
    suggest_in_parts,
    weights_missing_note,
)
from factcheck_app.services.reports.format_table import FORMATS

# The services a command alone uses are imported in it: `suggest` and `segment` read a
# file and print, and should not pay at start for exports, reviews and workspaces.
if TYPE_CHECKING:
    from factcheck_app.services.desk import Desk
    from factcheck_app.services.history import HistoryItem
    from factcheck_app.services.importer import ImportResult
    from factcheck_app.services.reports.format_table import ReportFormat
    from factcheck_app.services.reports.model import ArticleReport, Publishing
    from factcheck_app.services.settings import Setting

logger = logging.getLogger(__name__)


def _non_empty_name(value: str) -> str:
    """A file or folder name as typed; an empty one (a script's `"$STORY"` with STORY
    unset) is a usage error: "" was the current folder, and `import -w W ""` imported
    every article file in it and its subfolders."""
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty name (a shell variable not set?)")
    return value


def _named_path(value: str) -> Path:
    return Path(_non_empty_name(value))


def _import_path(value: str) -> Path:
    """An article file or folder to import; `-` alone is standard input (`_STANDARD_INPUT`,
    told by identity: `./-`, a file or folder named -, is equal to it as a path)."""
    return _STANDARD_INPUT if value == "-" else _named_path(value)


def _named_user_path(value: str) -> Path:
    return config.user_path(_non_empty_name(value))


# The largest id SQLite keeps (a signed 64-bit integer).
_LARGEST_ID = 2**63 - 1


def _record_id(value: str) -> int:
    """An article's or sentence's id: `--article 99999999999999999999` (a figure pasted
    from elsewhere) reached SQLite and ended as an unexpected error, a bug's line."""
    try:
        number = int(value)
    except ValueError:  # in argparse's words for a type=int
        raise argparse.ArgumentTypeError(f"invalid int value: {value!r}") from None
    if abs(number) > _LARGEST_ID:
        raise argparse.ArgumentTypeError(f"there is no id as large as {value}")
    return number


def _workspace_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workspace",
        "-w",
        type=_named_user_path,
        default=None,
        help=f"workspace file (default: {config.default_workspace_path()})",
    )


_NO_VALUE = re.compile(r"argument (\S+): expected one argument")


class _CommandParser(WholeWordsParser):
    """A command's parser: a file whose name begins with a dash (`import -notes.txt`), or
    a value that does (`-o -report.md`), is told how to name it (help_text's one rule,
    the window's command line's too). argparse takes it for an option, and said "the
    following arguments are required: FILE" with the file right there, or "expected one
    argument", as if no name had been typed; or read `-week.txt` as `-w eek.txt`."""

    _given: Sequence[str] = ()

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._given = list(args) if args is not None else sys.argv[1:]
        told = dash_named_file(self._given, value_options(self), os.path.lexists)
        if told:
            self.error(told)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        found = _NO_VALUE.fullmatch(message)
        if found is not None:
            # A value to be made (an export's file), so not caught before argparse.
            options = value_options(self)
            given = list(self._given)
            for at, word in enumerate(given[:-1]):
                value, long = given[at + 1], option_named(word, options)
                if long is None or long not in found[1].split("/"):
                    continue
                if value.startswith("-") and value != "-":
                    message += f" ({dash_value_told(long, value)})"
                    break
        super().error(message)


# What `segment` and `suggest` read.
_TEXT_FILE = (
    "an article file (text, a web page, Word or PDF, read as import reads it); without "
    "one, or with -, the plain text on standard input"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factcheck-app",
        formatter_class=WholeWordsHelp,
        description="Offline fact-checking desk. Without a command, opens the desk window on "
        f"the workspace given with --workspace (-w; default: {config.default_workspace_path()}) "
        "and imports each FILE into it (a FILE ending in .fcdesk is the workspace).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        # Each command's parser wraps its help as the program's does.
        parser_class=_CommandParser,
    )
    # Set after the subparsers are made: their usage lines start from the parser's usage.
    # It named only the commands, so the window's own arguments were nowhere in --help.
    parser.usage = (
        "%(prog)s [--workspace FILE.fcdesk] [FILE ...]\n"
        "       %(prog)s COMMAND [OPTIONS]   (see %(prog)s COMMAND --help)\n"
        "       %(prog)s --version"
    )

    p_import = sub.add_parser(
        "import", help="import article files (or the article files in a folder) into a workspace"
    )
    _workspace_arg(p_import)
    _wait_arg(p_import)
    _reviewer_arg(p_import)
    p_import.add_argument(
        "files",
        nargs="+",
        type=_import_path,
        metavar="FILE",
        help=(
            "an article file, or a folder: the article files in it and its subfolders; "
            "- reads one article's plain text from standard input"
        ),
    )

    p_list = sub.add_parser("list", help="list a workspace's articles with review progress")
    _workspace_arg(p_list)

    p_remove = sub.add_parser(
        "remove",
        help="remove an article nothing was recorded on (a mistaken import); one with any "
        "review, source or history entry is kept",
    )
    _workspace_arg(p_remove)
    _wait_arg(p_remove)
    _reviewer_arg(p_remove)
    p_remove.add_argument(
        "--article",
        type=_record_id,
        required=True,
        metavar="ID",
        help="the article's number, as factcheck-app list shows it first",
    )

    p_stats = sub.add_parser(
        "stats",
        help="the workspace in figures: sentences done, statuses, tags, verdicts, each "
        "article, top claimants, sources most cited, reviewers' agreement",
    )
    _workspace_arg(p_stats)
    p_stats.add_argument("--json", action="store_true", help="print them as JSON")

    p_search = sub.add_parser(
        "search",
        help="search a workspace's sentences, claimants, explanations and sources "
        '(every word must occur; "quoted words" as a phrase; -word left out)',
    )
    _workspace_arg(p_search)
    p_search.add_argument(
        "query",
        metavar="QUERY",
        type=with_undecodable_replaced,
        help='the words to find, in one argument (quote it): "quoted words" as a phrase, '
        "-word left out",
    )
    # A dash and a digit (or a dash, a point and a digit) start a query, not an option:
    # `search '-30%'` said "the following arguments are required: QUERY" (argparse took
    # only `-5` and `-0.5` for figures). The attribute is argparse's own, undocumented
    # but there on 3.11-3.14; this is the pattern Python 3.14 gives it.
    p_search._negative_number_matcher = re.compile(r"-\.?\d")
    p_search.add_argument(
        "--in",
        dest="scope",
        choices=[scope.value for scope in SearchScope],
        default=SearchScope.EVERYWHERE.value,
        help="where to look (words = the sentences themselves; default everywhere)",
    )
    p_search.add_argument("--json", action="store_true", help="print a JSON array")

    p_segment = sub.add_parser(
        "segment", help="split text into sentences (FILE, or stdin without one or with -)"
    )
    p_segment.add_argument("file", nargs="?", type=_named_path, metavar="FILE", help=_TEXT_FILE)
    p_segment.add_argument("--json", action="store_true", help="print a JSON array with offsets")
    _language_arg(p_segment)
    _lines_arg(p_segment)

    p_suggest = sub.add_parser(
        "suggest",
        help="suggest a tag, claimant and check-worthiness per sentence (FILE, or stdin "
        "without one or with -)",
    )
    p_suggest.add_argument("file", nargs="?", type=_named_path, metavar="FILE", help=_TEXT_FILE)
    p_suggest.add_argument("--json", action="store_true", help="print a JSON array")
    _language_arg(p_suggest)
    _lines_arg(p_suggest)

    p_export = sub.add_parser(
        "export",
        help="export an article's report (html, pdf, docx, md, csv, json, claimreview) "
        "or the workspace summary (summary-html, summary-csv)",
    )
    _workspace_arg(p_export)
    _wait_arg(p_export)
    _reviewer_arg(p_export)
    which = p_export.add_mutually_exclusive_group()
    which.add_argument("--article", type=_record_id, metavar="ID", help="the article to export")
    which.add_argument(
        "--all", action="store_true", help="every article, one file each into the folder -o DIR"
    )
    p_export.add_argument(
        "--format",
        type=str.lower,  # --format PDF
        choices=list(FORMATS),
        help="default: what -o's name ends in (report.pdf: pdf), else json",
    )
    p_export.add_argument(
        "-o",
        "--output",
        type=_non_empty_name,
        metavar="OUT",
        help="the file to write (with --all, the folder); without -o, or with -, the report "
        "is printed (a PDF or Word report needs a file)",
    )
    p_export.add_argument(
        "--paper",
        type=lambda value: {"a4": "A4", "letter": "Letter"}.get(value.lower(), value),
        choices=["A4", "Letter"],
        default="A4",
        help="PDF paper size (default A4)",
    )
    p_export.add_argument(
        "--publisher",
        metavar="NAME",
        type=with_undecodable_replaced,
        help="publishing organisation (ClaimReview author)",
    )
    p_export.add_argument(
        "--publisher-url", metavar="URL", type=with_undecodable_replaced, help="its home page"
    )
    p_export.add_argument(
        "--url-pattern",
        type=with_undecodable_replaced,
        metavar="PATTERN",
        help="address of each published check, with {article_id} {sentence_id} {number} {slug}, "
        "e.g. https://example.org/checks/{slug}#claim-{number}",
    )
    p_export.add_argument(
        "--save-settings",
        action="store_true",
        help="also store --publisher/--publisher-url/--url-pattern in the workspace, once "
        "the export is known to go ahead (a refused ClaimReview export stores nothing)",
    )

    p_history = sub.add_parser(
        "history", help="print the workspace's history: who changed what, when, from what to what"
    )
    _workspace_arg(p_history)
    p_history.add_argument("--article", type=_record_id, metavar="ID", help="only this article's")
    p_history.add_argument("--json", action="store_true", help="print a JSON array")

    p_verify = sub.add_parser(
        "verify",
        help="check the history's hash chain, and the reviews against it: exit status 1 "
        "and the first entry that does not match, or each review not what its history says "
        "it became, when changed outside the desk",
    )
    _workspace_arg(p_verify)

    p_sign_off = sub.add_parser(
        "sign-off",
        help="approve a sentence's verdict, or return it to its checker with a note, as an "
        "editor who did not give it",
    )
    _workspace_arg(p_sign_off)
    _wait_arg(p_sign_off)
    p_sign_off.add_argument(
        "decision",
        choices=["approve", "return"],
        help="approve: the verdict stands; return: back to its checker, with --note",
    )
    which_sentence = p_sign_off.add_mutually_exclusive_group(required=True)
    which_sentence.add_argument(
        "--sentence", type=_record_id, metavar="ID", help="the sentence's id"
    )
    which_sentence.add_argument(
        "--number", type=int, metavar="N", help="the sentence's number in --article (from 1)"
    )
    p_sign_off.add_argument(
        "--article",
        type=_record_id,
        metavar="ID",
        help="with --number (with --sentence: the article that sentence must be in)",
    )
    p_sign_off.add_argument(
        "--note",
        default="",
        type=with_undecodable_replaced,
        help="what is missing (needed to return)",
    )
    _reviewer_arg(p_sign_off)

    p_import_review = sub.add_parser(
        "import-review", help="import a JSON review export (article, sentences, reviews, sources)"
    )
    _workspace_arg(p_import_review)
    _wait_arg(p_import_review)
    _reviewer_arg(p_import_review)
    p_import_review.add_argument(
        "file",
        type=_named_path,
        metavar="FILE.json",
        help="a JSON review export (export --format json), from this desk or another",
    )

    p_agreement = sub.add_parser(
        "agreement",
        help="how far reviewers agree on the sentences both reviewed: raw agreement and "
        "Cohen's kappa on the tag and on the verdict, per pair of reviewers",
    )
    _workspace_arg(p_agreement)
    p_agreement.add_argument("--article", type=_record_id, metavar="ID", help="one article only")
    p_agreement.add_argument("--json", action="store_true", help="print JSON")

    p_clean = sub.add_parser(
        "clean",
        help="write a cleaned copy of a workspace refused as untrusted: only the desk's own "
        "records, checked (the workspace itself is only read)",
    )
    _workspace_arg(p_clean)
    p_clean.add_argument(
        "-o",
        "--output",
        type=_named_user_path,
        metavar="OUT",
        help="the new workspace file, or a folder for it (default: NAME-cleaned.fcdesk beside it; "
        "a backup's beside its workspace)",
    )
    p_copy = sub.add_parser(
        "copy",
        help="save a whole copy of a workspace to hand over, even while a desk has it open "
        "(as File → Save a Copy…); it merges back as the same workspace",
    )
    _workspace_arg(p_copy)
    p_copy.add_argument(
        "output",
        nargs="?",
        type=_named_user_path,
        metavar="OUT",
        help="the copy's file, or a folder for it (named “WORKSPACE – REVIEWER DATE.fcdesk”)",
    )
    # As export and clean name theirs: `copy -o FILE` was refused ("unrecognized
    # arguments: -o") and made no copy.
    p_copy.add_argument(
        "-o", "--output", dest="named_output", type=_named_user_path, metavar="OUT",
        help="the same as OUT",
    )  # fmt: skip
    p_copy.add_argument("--replace", action="store_true", help="replace a file named OUT")
    # A copy records no change: the name only goes into the file name made in a folder.
    _reviewer_arg(p_copy, "whose copy it is: the name in its file name when OUT is a folder")
    p_merge = sub.add_parser(
        "merge",
        help="merge another workspace file into this one (its articles, reviews, sources and "
        "history; the other file is only read)",
    )
    _workspace_arg(p_merge)
    _wait_arg(p_merge)
    p_merge.add_argument(
        "other",
        type=_named_path,
        metavar="THEIRS.fcdesk",
        help="the other workspace file (a colleague's, or a copy), only read",
    )
    p_merge.add_argument("--json", action="store_true", help="print the counts as JSON")
    _reviewer_arg(p_merge)
    # Each command's --help says what it does (its line in the program's list of commands)
    # and the statuses a script tests: it gave the usage and the options alone.
    for listed in sub._choices_actions:
        command = sub.choices[listed.dest]
        summary = listed.help or ""
        command.description = summary[:1].upper() + summary[1:] + "."
        command.epilog = EXIT_STATUSES + _EXIT_ONE.get(listed.dest, "")
    parser.epilog = (
        f"{EXIT_STATUSES} For import, export --all and verify 1 means more: see their "
        "--help. The window (no COMMAND) ends with 2 also when there is no display."
    )
    return parser


EXIT_STATUSES = (
    "Exit status: 0 when done; 1 when refused or failed (one line on standard error says "
    "why, and the log file has it); 2 for a mistyped command or option; 130 when stopped "
    "with Ctrl+C."
)
# What status 1 also means for a command that goes on past one refusal.
_EXIT_ONE = {
    "import": " A file refused gives 1 too; the others are imported.",
    "export": (
        " With --all, an article refused gives 1 too; the others are written. An article "
        "with nothing to publish in ClaimReview (no verdict yet) is named and gives 1 only "
        "when no article was written. --save-settings stores only when the status is 0."
    ),
    "verify": " 1 also when an entry of the history does not match: changed outside the desk.",
}


def _language_code(value: str) -> str:
    code = value.strip().lower()
    if re.fullmatch(r"[a-z]{2}|und", code) is None:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an ISO 639-1 language code (two letters, such as es)"
        )
    return code


def _language_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        metavar="CODE",
        type=_language_code,
        help=f"the text's language as an ISO 639-1 code ({', '.join(SUPPORTED)}; another "
        "code is split with the rules all languages share); detected when absent",
    )


def _lines_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lines",
        action="store_true",
        help="one sentence per line, as written (a list of statements; without it the text "
        "is split as an article is, and a line with no full stop runs into the next)",
    )


def _language(args: argparse.Namespace, text: str, declared: str = "") -> str:
    """The language to split in: --lang, else the one the file declared (a Markdown
    front matter's `lang`, taken as import takes it), else detected; said on stderr."""
    language: str = args.lang or article_language(text, declared)
    if args.lang:
        how = "given"
    else:
        how = "given by its front matter" if declared and language == declared else "detected"
    if language not in TABLES:
        how += "; no rules of its own, split with the rules all languages share"
    name = language_name(language)
    shown = f"{name}, {how}" if name != language else how
    print(f"language: {language} ({shown})", file=sys.stderr)
    return language


def _seconds(value: str) -> float:
    """--wait's seconds: -5 and nan were taken as "refuse at once", and inf waited for ever."""
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"give the seconds to wait, 0 or more, not {value!r}")
    return seconds


def _wait_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--wait",
        type=_seconds,
        default=0.0,
        metavar="SECONDS",
        help="when another program is changing the workspace, wait this long for it "
        "(default: refuse at once when it is another Factcheck desk, wait 5 s for any "
        "other program's change under way)",
    )


def _reviewer_arg(
    parser: argparse.ArgumentParser, what: str = "who the changes are recorded as"
) -> None:
    parser.add_argument(
        "--reviewer",
        metavar="NAME",
        help=f"{what} (default: $FACTCHECK_REVIEWER, else the name stored by the window, "
        "else the account's full name)",
    )


# What to do when the default workspace cannot be made (the window says it in its words).
DATA_FOLDER_HINT = (
    "Ask whoever looks after this computer to set FACTCHECK_DATA_DIR to a folder you can "
    "write, or name a workspace elsewhere with --workspace FILE.fcdesk."
)


@contextlib.contextmanager
def _data_folder_hint(given: Path | None) -> Iterator[None]:
    """The default workspace (none `given`) refused before it is opened, in a plain
    WorkspaceError: a data folder in one the user may not open (a home closed on a
    locked-down desktop). Said with what to do, as the window says it; it was said
    without, as for a workspace named with --workspace."""
    try:
        yield
    except WorkspaceError as error:
        if type(error) is not WorkspaceError or given is not None:
            raise
        raise WorkspaceError(f"{error} {DATA_FOLDER_HINT}") from None


# The desks this command read without a stray -wal beside their workspace (no SQLite
# lock held: see Workspace.changed_while_read), looked at again when the command ends.
_READ_WITHOUT_LOCKS: list[Desk] = []


def _changed_while_read() -> Desk | None:
    """A desk this command read without locks whose workspace another program changed
    meanwhile (a desk opened it for editing): what was printed or exported may mix two
    moments, and an error it met may be that writer's pages, not damage."""
    return next((desk for desk in _READ_WITHOUT_LOCKS if desk.changed_while_read()), None)


def _read_again_instead(error: FactcheckError) -> FactcheckError:
    """`error`, unless this command read a workspace without locks and another program
    changed it meanwhile: then "damaged … restore it from a backup" (a torn page, a value
    no desk writes) sent the reviewer to put an older backup over a sound workspace."""
    torn = _changed_while_read()
    if torn is None or isinstance(error, WorkspaceChangedWhileRead):
        return error
    return WorkspaceChangedWhileRead(torn.path)


def _open_existing(path: Path | None) -> Desk:
    """A workspace to read: opened strictly read-only, so nothing at all is written (no
    session mark, backup or migration) and another program's WAL is never touched. An
    out-of-date search index is indexed privately at the first search only (`search`):
    the commands that never search do not wait for it."""
    from factcheck_app.services import workspace_files
    from factcheck_app.services.desk import Desk  # storage loads only for commands that open one

    workspace = path or config.default_workspace_path()
    # Before a look that cannot be made.
    with _data_folder_hint(path):
        workspace_files.refuse_before_opening(workspace, read_only=True)
    if not workspace.exists():
        raise FactcheckError(f"There is no workspace at {workspace}.")
    desk = Desk.open(workspace, read_only=True, search_index="searched")
    if desk.workspace.read_without is not None:  # what is shown is not what a -wal said
        for notice in desk.notices:
            print(f"factcheck-app: note: {terminal_text(notice)}", file=sys.stderr)
        _READ_WITHOUT_LOCKS.append(desk)
    return desk


def _say_waiting(workspace: Path, seconds: float, holder: str) -> None:
    """One line when --wait has to wait: a command that printed nothing for minutes looked
    hung, and nothing said what it waited for."""
    # "the desk window, process 4121 on this computer" as "the desk window (process …)"
    what, _, where = holder.partition(", ")
    who = f"{what} ({where})" if where else (holder or "another Factcheck desk")
    print(
        terminal_text(
            f"factcheck-app: waiting up to {seconds:g} s for {who} to finish with the "
            f"workspace {workspace} (Ctrl+C stops waiting)…"
        ),
        file=sys.stderr,
        flush=True,
    )


def _article_hint(args: argparse.Namespace, workspace: Path) -> str:
    """`import -w notes.txt report.txt` with notes.txt an article that is there: how to
    import it instead, as the window says for `--workspace notes.txt` (it said only that
    notes.txt is not a workspace)."""
    if args.command != "import" or workspace.suffix.lower() not in SUPPORTED_SUFFIXES:
        return ""
    if not workspace.is_file():
        return ""
    name = shlex.quote(workspace.name)
    return (
        f" To import {name} as an article, name it after the options: "
        f"factcheck-app import [-w WORKSPACE.fcdesk] {name}"
    )


def _check_new_folder(workspace: Path) -> None:
    """NoSuchFolder, with the command that makes it, for a new workspace in a folder that
    is not there: a typo (~/dsek) made an empty workspace there, unseen."""
    from factcheck_app.services import workspace_files

    try:
        workspace_files.check_new_workspace_folder(workspace)
    except NoSuchFolder as error:
        raise NoSuchFolder(
            f"{error} Check the name, or make the folder first "
            f"(mkdir -p {shlex.quote(str(error.folder))}).",
            error.folder,
        ) from None


def _say_name_file_passed_over(args: argparse.Namespace, reviewer: str) -> None:
    """Say that the stored name could not be read when the changes go under the
    account's name for it: a damaged reviewer.json put every command's changes, sign-offs
    too, under the account's name without a word (the window asks again; nothing here)."""
    from factcheck_app.services import identity

    if getattr(args, "reviewer", None) is not None or identity.environment_reviewer():
        return  # named for this command, or by the environment: the file is not read
    problem = identity.name_file_problem()
    if problem:
        print(
            f"factcheck-app: note: {terminal_text(problem)}, so the changes are recorded as "
            f"{terminal_text(reviewer)}; give your name with --reviewer NAME, or again in the "
            "desk window (Edit → Preferences…).",
            file=sys.stderr,
        )


def _open_for_writing(args: argparse.Namespace, *, create: bool = True) -> Desk:
    """A workspace to change, under its writer lock (refused or waited for, see --wait).

    `create`: a command that brings something in (import, merge) makes the workspace
    when there is none; one about what is in it (remove, sign-off) must not: `remove
    --article 1` before the first import made the default workspace and removed its
    sample article."""
    from factcheck_app.services import identity, workspace_files

    workspace = args.workspace or config.default_workspace_path()
    with _data_folder_hint(args.workspace):  # before a look that cannot be made
        workspace_files.refuse_before_opening(workspace)
    if not workspace.exists():
        if not create:
            raise FactcheckError(f"There is no workspace at {workspace}.")
        # `import -w notes.txt report.html`: the article typed after -w became a new
        # workspace named notes.txt.
        workspace_files.check_new_workspace_name(
            workspace, hint=" (the files to import come after the options)"
        )
        if args.workspace is not None:  # the default workspace's folder is made as ever
            _check_new_folder(workspace)
    reviewer = identity.current_reviewer(getattr(args, "reviewer", None))
    try:
        desk = _desk_for_command(args, workspace, reviewer)
    except WorkspaceInUse as error:
        hint = "" if args.wait else " To wait for it, add --wait SECONDS."
        raise WorkspaceInUse(f"{error}{hint}") from None
    except NotAWorkspace as error:
        hint = _article_hint(args, workspace)
        if not hint:
            raise
        raise NotAWorkspace(f"{error}{hint}") from None
    except WorkspaceError as error:
        # The default workspace's folder could not be made (a plain WorkspaceError: a
        # kind of its own, such as WorkspaceBusy, keeps its kind and words): a home or
        # data folder that cannot be written on a locked-down desktop.
        if type(error) is not WorkspaceError or args.workspace is not None:
            raise
        if workspace.exists():
            raise
        raise WorkspaceError(f"{error} {DATA_FOLDER_HINT}") from None
    if desk.read_only:  # a read-only file or a newer schema: say why nothing can be written
        notices = " ".join(desk.notices)
        desk.close()
        raise FactcheckError(notices or "The workspace can only be read here.")
    # Once the open went ahead: before it, a refused open's first line was about changes
    # that were never made.
    _say_name_file_passed_over(args, reviewer)
    _say_open_notes(desk)
    if args.workspace is None and create:  # never for remove: it took the sample out again
        _add_samples(desk)
    return desk


def _say_open_notes(desk: Desk) -> None:
    """What an open for writing found and did, a line each on stderr: its notices, and
    what a desk stopped while importing or merging left (taken out at this open, and
    its mark with it: the window opened next says nothing of it)."""
    for notice in desk.notices:  # e.g. a backup skipped on a full disk: worth a line
        print(f"factcheck-app: note: {terminal_text(notice)}", file=sys.stderr)
    if desk.cut_short_imports:  # a desk stopped while importing: taken out at this open
        from factcheck_app.services.session import cut_short_said

        said = cut_short_said(desk.cut_short_imports)
        print(f"factcheck-app: note: {terminal_text(said)}", file=sys.stderr)
    if desk.cut_short_merge:  # a desk stopped while merging: nothing of it is in
        from factcheck_app.services.session import merge_cut_short_said

        said = merge_cut_short_said(desk.cut_short_merge)
        print(f"factcheck-app: note: {terminal_text(said)}", file=sys.stderr)


def _add_samples(desk: Desk) -> None:
    """The default workspace gets the sample articles the window's first start shows,
    whichever program makes it (once: see Importer.ensure_seeded); said on stderr."""
    try:
        added = desk.importer.ensure_seeded()
    except FactcheckError as error:  # the command itself may still be done
        logger.warning("Sample articles not added: %s", error)
        return
    if added:
        samples = counted(len(added), "sample article")
        print(
            terminal_text(
                f"factcheck-app: note: made the workspace {desk.path}, with {samples} "
                "to try the desk on."
            ),
            file=sys.stderr,
        )


def _refused(args: argparse.Namespace, message: str) -> None:
    """An error the command goes on after (one file of several, one article of --all) or
    ends with a status of its own: one line on stderr and, as every error, in the log."""
    logger.warning("factcheck-app %s: %s", args.command, message)
    print(f"factcheck-app: {terminal_text(message)}", file=sys.stderr)


# `import -`: the article on standard input, as `segment -` and `suggest -` read it. Told
# by identity (`is`): Path("./-") == Path("-"), and `./-` names a file or folder.
_STANDARD_INPUT = Path("-")


def cmd_import(args: argparse.Namespace) -> int:
    named = [path for path in args.files if path is not _STANDARD_INPUT]
    files, empty = article_files.folders_opened(named)  # a folder: the articles in it
    for folder in empty:
        _refused(args, article_files.no_article_files(folder))
    failures = len(empty)
    piped = None
    if len(named) < len(args.files):  # read (and refused) before a workspace is made
        try:
            piped = _read_text(None, "import")
            parse_article(piped.encode("utf-8"), pasted=True)  # as import_text reads it
        except FactcheckError as error:
            _refused(args, f"standard input: {error}")
            piped = None
            failures += 1
    # None of them can be an article (a typo, a kind of file the desk does not read): said
    # before the workspace is opened, which made a new, empty one for nothing.
    problems = [_article_problem(path) for path in files]
    if piped is None and all(problems):
        for problem in problems:
            _refused(args, str(problem))
        return 1
    if piped is not None:  # imported where it was named among the files
        dash = next(i for i, path in enumerate(args.files) if path is _STANDARD_INPUT)
        before = args.files[:dash]
        at = len(article_files.folders_opened(before)[0])
        files = [*files[:at], _STANDARD_INPUT, *files[at:]]
    desk = _open_for_writing(args)
    try:
        for path in files:
            try:
                if path is _STANDARD_INPUT and piped is not None:
                    result = desk.importer.import_text(piped, source_name="standard input")
                else:
                    result = desk.importer.import_file(path)
            except FactcheckError as error:
                _refused(args, str(error))
                failures += 1
                continue
            _print_imported(result)
    finally:
        desk.close()
    return 1 if failures else 0


def _print_imported(result: ImportResult) -> None:
    """One line per article imported: its id, sentences and title, and how it was read."""
    if result.duplicate:
        note = "  (already in the workspace)"
    else:  # how its bytes were read, when that was a guess at their encoding
        note = f"  ({result.reading_note})" if result.reading_note else ""
        # Split in the language its file declared, though it reads as another.
        note += f"  ({result.language_note})" if result.language_note else ""
    title = terminal_text(result.title)
    print(f"{result.article_id}\t{result.sentence_count}\t{title}{note}")


def _article_problem(path: Path) -> str | None:
    """Why `path` cannot be imported whatever it holds, in words; None when it may be."""
    from factcheck_app.services.importer import check_article_path

    try:
        check_article_path(path)
    except FactcheckError as error:
        return str(error)
    return None


def cmd_list(args: argparse.Namespace) -> int:
    desk = _open_existing(args.workspace)
    try:
        for article in desk.articles.list_articles():
            date = article.published.isoformat() if article.published else "-"
            progress = f"{article.reviewed_count}/{article.sentence_count}"
            print(f"{article.id}\t{terminal_text(article.title)}\t{date}\t{progress}")
    finally:
        desk.close()
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    desk = _open_for_writing(args, create=False)
    try:
        summary = desk.articles.article_summary(args.article)
        desk.articles.remove_article(args.article)
    finally:
        desk.close()
    sentences = counted(summary.sentence_count, "sentence")
    print(terminal_text(f"Removed article {summary.id}: {summary.title} ({sentences})."))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from factcheck_app.services.reports.summary import (
        iter_reports,
        render_summary_text,
        summarize,
        summary_data,
        workspace_name,
    )

    desk = _open_existing(args.workspace)
    try:  # one report at a time: a year's 5,000 articles at once took 400 MB
        summary = summarize(iter_reports(desk), name=workspace_name(desk))
    finally:
        desk.close()
    if args.json:
        # C1 and bidi controls as \u escapes too, as every other command's JSON has them.
        print(terminal_json(summary_data(summary), indent=2))
    else:
        sys.stdout.write(render_summary_text(summary))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from factcheck_app.domain.matching import left_out, search_expression  # only to search

    if search_expression(args.query) is None and left_out(args.query)[1]:
        raise FactcheckError(
            "Nothing to find: the words after - are left out of the results. Give a word to "
            "find too."
        )
    if search_expression(args.query) is None:  # before a workspace indexed for nothing
        raise FactcheckError(
            "Nothing to search for: punctuation, symbols and emoji are left out. Give a word "
            "or a number."
        )
    desk = _open_existing(args.workspace)
    try:
        _index_for_search(desk)
        results = desk.lookup.search(args.query, SearchScope(args.scope))
        hits = [
            {
                "article_id": hit.found.row.sentence.article_id,
                "article": hit.found.article_title,
                "sentence_id": hit.found.row.sentence.id,
                "text": hit.found.row.sentence.text,
                "tag": hit.found.row.review.tag.value if hit.found.row.review.tag else None,
                "rating": hit.found.row.review.verdict,
                "claimant": hit.found.row.review.claimant,
                "matched_in": list(hit.matched_in),
            }
            for hit in results.hits
        ]
    finally:
        desk.close()
    if args.json:
        print(terminal_json(hits, indent=2))
        return 0
    for hit in hits:
        verdict = " ".join(str(v) for v in (hit["tag"], hit["rating"]) if v) or "-"
        text = " ".join(terminal_text(str(hit["text"])).split())
        print(f"{hit['article_id']}:{hit['sentence_id']}\t{terminal_text(verdict)}\t{text}")
    shown = f" (best {len(hits)} shown)" if results.total > len(hits) else ""
    print(f"{counted(results.total, 'match', 'matches')}{shown}", file=sys.stderr)
    return 0


def _index_for_search(desk: Desk) -> None:
    """A workspace whose search index is out of date is indexed for the search first, in
    memory: 5-20 s for a year's, which passed in silence. Said on standard error, with
    how far it got on a terminal (its line cleared after, also by Ctrl+C)."""
    if not desk.lookup.index_due():
        return
    stderr = sys.stderr
    terminal = stderr is not None and stderr.isatty()
    shown = -1  # the percent on the terminal's line (-1: nothing said yet)
    line = ""

    def told(done: int, sentences: int) -> None:
        nonlocal shown, line
        if shown < 0:
            print(
                "factcheck-app: note: the workspace's search index is out of date: indexing "
                f"{counted(sentences, 'sentence')} for this search first, in memory "
                "(nothing is written; Ctrl+C stops it).",
                file=sys.stderr,
            )
        percent = 100 * done // sentences if sentences else 100
        if terminal and percent != shown:
            line = f"Indexing for the search… {percent} %"
            stderr.write("\r" + line)
            stderr.flush()
        shown = percent

    try:
        desk.lookup.make_searchable(told)
    finally:
        if line:  # the results (or "interrupted") begin on a clean line
            stderr.write("\r" + " " * len(line) + "\r")
            stderr.flush()


# What ends text typed at a terminal: Windows' console takes Ctrl+Z then Enter.
END_OF_INPUT = "Ctrl+Z then Enter" if os.name == "nt" else "Ctrl+D"


def _read_text(file: Path | None, command: str) -> str:
    """The article text of FILE, read as import reads it (a web page's body, not its
    markup; Word and PDF text), or standard input as plain text; both capped. What is
    said of its bytes is said for `command` (segment, suggest), which imports nothing."""
    return _read_article(file, command)[0]


def _read_article(file: Path | None, command: str) -> tuple[str, str]:
    """`_read_text`'s text, and the language its file declared (a Markdown front matter's
    `lang`: `importing.split_yaml_front_matter`), or ""."""
    piped = file is None or str(file) == "-"
    try:
        text, note, declared = _read_text_and_note(file)
    except ArticleImportError as error:
        raise ArticleImportError(_reading_advice(str(error), command, piped=piped)) from None
    if note:  # import says how it read such bytes; printed unexplained, "ÿ" or "\ufffd"
        note = _reading_advice(note, command, piped=piped)
        print(f"factcheck-app: note: the text was {note}.", file=sys.stderr)
    return text, declared


# Import's advice on an article's bytes ("save it as UTF-8 and import it again"; "give it
# a name ending in .pdf and import it again") and what `segment` or `suggest` says instead.
_RENAME_AND_IMPORT = re.compile(r"give it a name ending in (\.\w+) and import it again")
_IMPORT_AGAIN = re.compile(r"\bimport it again\b")


def _reading_advice(words: str, command: str, *, piped: bool) -> str:
    """`words` said of text given to `command`: "import it again" told the author of a
    script that ran `segment` or `suggest` (which import nothing) to run a command they
    had not run; text sent on standard input has no name to give a suffix to."""
    if piped:
        if words.startswith("The file ") and command != "import":  # no file was named
            # (import names it: "standard input: The file is …")
            words = "What came on standard input " + words.removeprefix("The file ")
        words = _RENAME_AND_IMPORT.sub(
            rf"save it in a file ending in \1 and name that: factcheck-app {command} FILE\1",
            words,
        )
    else:
        words = _RENAME_AND_IMPORT.sub(
            rf"give it a name ending in \1 and run {command} again", words
        )
    return words if command == "import" else _IMPORT_AGAIN.sub(f"run {command} again", words)


def _read_text_and_note(file: Path | None) -> tuple[str, str, str]:
    """`_read_text`'s text, the note its reading needs, in import's words, and the
    language its file declared ("" for standard input)."""
    if file is None or str(file) == "-":  # "-" is stdin, as for every other tool
        if sys.stdin is None:  # `<&-`: it said "unexpected error (AttributeError …)"
            raise FactcheckError(
                "There is no standard input to read (it is closed): name the FILE to read."
            )
        keyboard = False
        with contextlib.suppress(OSError, ValueError):  # a stream without a descriptor
            keyboard = sys.stdin.isatty()
        if keyboard:  # it waited without a word, and looked hung
            print(
                "factcheck-app: reading the text from the keyboard: type or paste it, then "
                f"press {END_OF_INPUT} on a line of its own (or name a FILE).",
                file=sys.stderr,
                flush=True,
            )
        text, note = read_article_bytes(article_files.read_standard_input(sys.stdin.buffer))
        if normalize_text(text):  # nothing at all stays nothing, as in a pipe of any tool
            # Refused as the same text in a file is: a rule of dashes was split into
            # "sentences" (and suggested for) when piped. Said of "What came on standard
            # input" by `_reading_advice`.
            refuse_without_words(text, "The file")
        return text, note, ""
    data = article_files.read_article_file(file)
    try:
        parsed = article_files.parse_article_data(data, file.suffix.lower(), file.name)
    except OwnReport:
        raise
    except ArticleImportError as error:  # named, as import names it: "a.txt: The file …"
        if str(error).startswith("The file "):
            raise ArticleImportError(f"{file.name}: {error}") from None
        raise
    return parsed.text, parsed.reading_note, parsed.metadata.language


def _sentences(args: argparse.Namespace, text: str, language: str) -> list[SentenceSpan]:
    """The sentences of `text`: split as an article is, or one per line with --lines."""
    return split_lines(text) if args.lines else split_sentences(text, language=language)


def cmd_segment(args: argparse.Namespace) -> int:
    text, declared = _read_article(args.file, "segment")
    spans = _sentences(args, text, _language(args, text, declared))
    if args.json:
        out = [{"text": text[s.start : s.end], "start": s.start, "end": s.end} for s in spans]
        sys.stdout.write(terminal_json(out) + "\n")
    else:
        for span in spans:
            sys.stdout.write(" ".join(terminal_text(text[span.start : span.end]).split()) + "\n")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    """Suggestions only: nothing is tagged, and no workspace is touched."""
    text, declared = _read_article(args.file, "suggest")
    language = _language(args, text, declared)
    spans = _sentences(args, text, language)

    def json_items(first: int, hints: list[Suggestion]) -> str:
        return _suggestions_json(text, spans[first : first + len(hints)], hints)

    def lines(first: int, hints: list[Suggestion]) -> str:
        out = []
        mine = zip(spans[first : first + len(hints)], hints, strict=True)
        for number, (span, hint) in enumerate(mine, start=first + 1):
            row = _suggestion_row(text, span, hint)
            tag = row["tag"] or "-"
            claimant = f"  [{terminal_text(str(row['claimant']))}]" if row["claimant"] else ""
            sentence = " ".join(terminal_text(str(row["text"])).split())
            out.append(
                f"{number}\t{tag}\t{row['confidence']:.2f}\t{terminal_text(str(row['cue']))}"
                f"{claimant}\t{sentence}\n"
            )
        return "".join(out)

    sentences = [text[s.start : s.end] for s in spans]
    # Made in parts (two processes on a long article), each written where it was made.
    parts = suggest_in_parts(sentences, json_items if args.json else lines, language)
    note = language_note(language)
    if spans and note:
        print(note, file=sys.stderr)
    if spans and checkworthiness_missing():
        print(f"note: {weights_missing_note(path=True)}", file=sys.stderr)
    if args.json:
        sys.stdout.write("[" + ", ".join(part for part in parts if part) + "]\n")
    else:
        sys.stdout.write("".join(parts))
    # At exit the interpreter's last collection would walk every object left (the code,
    # the weights: 10–20 ms) only to free them with the process: they stay as they are.
    atexit.register(gc.freeze)
    return 0


def _suggestion_row(text: str, span: SentenceSpan, hint: Suggestion) -> dict[str, object]:
    """What `suggest` prints of a sentence: an item of its JSON array."""
    return {
        "text": text[span.start : span.end],
        "start": span.start,
        "end": span.end,
        "tag": hint.tag.value if hint.tag else None,
        "confidence": round(hint.confidence, 3),
        "cue": hint.cue,
        "claimant": hint.claimant,
        "checkworthiness": round(hint.checkworthiness, 3),
        "reasons": hint.reasons,  # a tuple: JSON writes it as the list it is
        "denies_index": hint.denies_index,
        "note": hint.note,
    }


def _suggestions_json(text: str, spans: Sequence[SentenceSpan], hints: Sequence[Suggestion]) -> str:
    """`terminal_json` of the `_suggestion_row`s, without the array's brackets (the parts
    join into one array), written here as json.dumps writes them: in a third of the time
    that making the dictionaries and encoding them took."""
    string = encode_basestring  # a JSON string, non-ASCII kept (json.dumps's own)
    items = []
    for span, hint in zip(spans, hints, strict=True):
        tag, denied = hint.tag, hint.denies_index
        items.append(
            f'{{"text": {string(text[span.start : span.end])}, "start": {span.start}, '
            f'"end": {span.end}, "tag": {"null" if tag is None else string(tag.value)}, '
            f'"confidence": {round(hint.confidence, 3)!r}, "cue": {string(hint.cue)}, '
            f'"claimant": {string(hint.claimant)}, '
            f'"checkworthiness": {round(hint.checkworthiness, 3)!r}, '
            f'"reasons": [{", ".join(map(string, hint.reasons))}], '
            f'"denies_index": {"null" if denied is None else denied}, "note": {string(hint.note)}}}'
        )
    return terminal_json_text(", ".join(items))


def cmd_export(args: argparse.Namespace) -> int:
    from factcheck_app.services import settings
    from factcheck_app.services.export import (
        check_output,
        check_output_name,
        check_suffix,
        format_for_name,
        names_standard_output,
    )
    from factcheck_app.services.reports import claimreview, formats
    from factcheck_app.services.reports.model import (
        Publishing,
        load_article_report,
        publishing_settings,
    )
    from factcheck_app.services.reports.summary import (
        WorkspaceSummary,
        iter_reports,
        summarize,
        workspace_name,
    )

    # Kept as typed until checked: a Path drops the slash of `reports/`. "-" is stdout, as
    # for every other tool (it wrote a file named "-"); so is /dev/stdout (/dev/fd/1),
    # written into as other tools write it: the report was renamed over the file the
    # shell opened (`>> desk.log` lost its lines), as a file's export is.
    stdout_named = args.output == "-" or (
        args.output is not None and not args.all and names_standard_output(args.output)
    )
    typed_output: str | None = None if stdout_named else args.output
    output = config.user_path(typed_output) if typed_output is not None else None
    # `-o report.html` without --format wrote JSON into report.html.
    named = format_for_name(typed_output) if typed_output and not args.all else None
    fmt = formats.report_format(args.format or named or "json")
    per_article = fmt.scope == formats.ARTICLE
    if per_article and args.article is None and not args.all:
        raise FactcheckError("Name the article to export (--article ID) or use --all.")
    if not per_article and (args.article is not None or args.all):
        # It printed every article's summary for `--article 1`, and wrote a file named
        # after the folder given for `--all`.
        given = "--all" if args.all else "--article"
        raise FactcheckError(
            f"{fmt.key} covers every article of the workspace in one file: leave out "
            f"{given} (and give a file name with -o FILE, or none for the terminal)."
        )
    if args.all and output is None:
        raise FactcheckError("--all writes one file per article: give a folder with -o DIR.")
    if fmt.binary and output is None:
        # `-o /dev/stdout` is standard output, as `-o -` is: "give -o FILE" alone read as
        # if the name given had not been read.
        named_stdout = args.output not in (None, "-")
        given = f", never written to standard output ({args.output})" if named_stdout else ""
        raise FactcheckError(
            f"{fmt.label} is a binary file{given}: give an output file with -o FILE."
        )
    overrides = {
        setting: value
        for setting, value in (
            (settings.PUBLISHER_NAME, args.publisher),
            (settings.PUBLISHER_URL, args.publisher_url),
            (settings.FACTCHECK_URL_PATTERN, args.url_pattern),
        )
        if value is not None
    }
    # Before the workspace is opened: an export must never be written over it.
    workspace = args.workspace or config.default_workspace_path()
    if typed_output is not None and output is not None:
        if not args.all:
            check_output_name(typed_output)
            check_suffix(typed_output, fmt.key)
        check_output(output, workspace, folder=args.all)
    # Only storing the publishing settings writes; a plain export only reads.
    desk = (
        _open_for_writing(args, create=False)
        if args.save_settings
        else _open_existing(args.workspace)
    )
    ids: list[int] = []  # --all: the articles, each read as it is written
    reading: Path | None = None
    summary: WorkspaceSummary | None = None
    removed: list[int] = []  # a summary's articles removed by the window as it read
    # --save-settings stores the settings at the end, only when the export ends with
    # status 0, taking the workspace for that moment (`_store_settings_at_end`): stored
    # before the file was written, a full disk's "Cannot write" (status 1) kept them all
    # the same; held open from --all's first article to its last, the window started
    # meanwhile could only read ("being changed by another Factcheck desk") for the
    # minutes, or the hour of PDFs, of a year's export. Opened for writing now all the
    # same: a workspace that cannot store them is refused before anything is written.
    stores_after = bool(args.save_settings)
    # Who stores them at the end: as this open named them (reviewer.json read once).
    reviewer = desk.reviewer
    try:
        checked = {s.key: s.check(v) if s.check else v for s, v in overrides.items()}
        stored = publishing_settings(desk)
        publishing = Publishing(
            publisher_name=checked.get(settings.PUBLISHER_NAME.key, stored.publisher_name),
            publisher_url=checked.get(settings.PUBLISHER_URL.key, stored.publisher_url),
            url_pattern=checked.get(settings.FACTCHECK_URL_PATTERN.key, stored.url_pattern),
            refused_pattern=(
                "" if settings.FACTCHECK_URL_PATTERN.key in checked else stored.refused_pattern
            ),
        )
        if not per_article:
            # One report at a time, as `stats` reads them: all 5,000 of a year's workspace
            # were read first and kept to the end (276 MB; `stats` took 64 MB).
            # Each report read in one state of its own (`load_article_report`), an
            # article the window removes meanwhile left out and said.
            summary = summarize(iter_reports(desk, removed.append), name=workspace_name(desk))
        elif args.all:
            # Each is read as it is written, below: one report at a time (all 5,000 of a
            # year's workspace were read first and kept to the end).
            ids = [article.id for article in desk.articles.list_articles()]
            if ids and fmt.key == "claimreview":
                _check_publishing_once(publishing, storing=args.save_settings)
            reports, reading = [], desk.path
        else:
            if fmt.key == "claimreview":  # said with the way to give a pattern
                _check_publishing_once(publishing, storing=args.save_settings, warn=False)
            reports = [load_article_report(desk, args.article, publishing=publishing)]
            if fmt.key == "claimreview" and args.save_settings:
                _refuse_unpublishable(reports[0])
        # Stored only once the export is written (below): a pattern typed wrong (or
        # empty) was stored, then refused, and the next export failed the same way.
    finally:
        desk.close()

    if summary is not None:
        if removed:
            _say_removed(removed, "the summary leaves {it} out")
        _write_or_print(formats.render_summary(fmt.key, summary), output)
        _say_counts(output, fmt, len(summary.articles), summary.total, summary.reviewed)
        return (
            0
            if not stores_after or _store_settings_at_end(args, workspace, overrides, reviewer)
            else 1
        )

    # --all: each kind of warning and the articles it was found in, said once at the end
    # (each article's were a line each: the same words 500 times in a log).
    warned: dict[str, list[int]] = {}
    # What the settings lack (a publisher name, a placeholder in the pattern) is the same
    # for every article: said once, before any was read.
    said_once = claimreview.publishing_problems(publishing) if args.all else []

    def starting(_number: int, report: ArticleReport) -> None:
        if fmt.key == "claimreview":
            for problem in claimreview.check(report):
                if problem in said_once:
                    continue
                if problem.is_error:
                    continue  # the writer refuses the article for it, and that is said
                if args.all:
                    warned.setdefault(problem.kind, []).append(report.article.id)
                else:
                    line = terminal_text(f"article {report.article.id}: {problem}")
                    print(f"factcheck-app: {line}", file=sys.stderr)

    if not args.all:
        starting(1, reports[0])
        _export_one(fmt, reports[0], output, args.paper)
        return (
            0
            if not stores_after or _store_settings_at_end(args, workspace, overrides, reviewer)
            else 1
        )
    assert output is not None  # --all needs -o (checked above)
    status = _export_all(args, fmt, ids, publishing, output, workspace, reading, starting)
    if stores_after:
        if status != 0:
            print(f"factcheck-app:{NOTHING_STORED}", file=sys.stderr)
        elif not _store_settings_at_end(args, workspace, overrides, reviewer):
            status = 1
    _say_warned(warned)
    return status


def _say_removed(ids: Sequence[int], what: str) -> None:
    """A note naming the articles the window removed while an export read the workspace
    (they were listed, and gone when read): no failure, nothing of theirs written. `what`
    says so with `{it}` where "it" or "them" goes ("leaves out it" was said)."""
    one = len(ids) == 1
    # The first runs, then how many more, as the note of those with nothing to publish:
    # a colleague tidying the workspace during the night's export put hundreds of numbers
    # on this one line. Every number goes to the log; when the log cannot be written (a
    # read-only home), every number is said here, or those left out were recorded nowhere.
    logger.info("export: articles removed meanwhile: %s", number_runs(ids))
    logged = logs.not_written() is None
    where = _articles_named(ids, RUNS_NAMED if logged else None)
    cut = logged and runs_left_out(ids, RUNS_NAMED) > 0
    see = f" (see the log file, {logs.log_file()})" if cut else ""
    was, it = ("was", "it") if one else ("were", "them")
    print(
        f"factcheck-app: note: {where} {was} removed from the workspace during the export: "
        f"{what.format(it=it)}{see}.",
        file=sys.stderr,
    )


def _store_settings(desk: Desk, overrides: dict[Setting[str], str]) -> None:
    """`export --save-settings`: the settings given stored, and said."""
    from factcheck_app.services import settings

    for setting, value in overrides.items():
        settings.set_setting(desk, setting, value)
    print(_stored_settings([setting.key for setting in overrides]), file=sys.stderr)


def _desk_for_command(args: argparse.Namespace, workspace: Path, reviewer: str) -> Desk:
    """`workspace` opened for writing by the command, under `reviewer`, waiting as
    `--wait` says (and saying so): `_open_for_writing`, and `export --save-settings`'s
    open at its end."""
    from factcheck_app.services.desk import Desk  # storage loads only for commands that open one

    return Desk.open(
        workspace,
        purpose=f"factcheck-app {args.command}",
        wait=args.wait,
        reviewer=reviewer,
        # Rebuilt at the first search, if one is due: none of these commands searches.
        # What they save is indexed by this version's rules, and the index stays marked
        # as out of date, for the window (or the next search) to rebuild.
        search_index="searched",
        on_wait=partial(_say_waiting, workspace, args.wait),
    )


def _store_settings_at_end(
    args: argparse.Namespace, workspace: Path, overrides: dict[Setting[str], str], reviewer: str
) -> bool:
    """`export --save-settings` once the export is written: the workspace taken for
    writing for this moment only, by `reviewer` (as its first open named them), the
    settings stored and said. False, said, when it cannot be taken (the window opened it
    for editing during the export)."""
    try:
        desk = _desk_for_command(args, workspace, reviewer)
    except FactcheckError as error:
        why = str(error).rstrip(".")
        hint = "" if args.wait or not isinstance(error, WorkspaceInUse) else " (or --wait SECONDS)"
        print(
            f"factcheck-app: the export was written, but the publishing settings were not "
            f"stored: {terminal_text(why)}. Give --save-settings again{hint} with an export "
            "when the workspace is free.",
            file=sys.stderr,
        )
        return False
    try:
        if desk.read_only:
            notices = " ".join(desk.notices) or "the workspace can only be read here"
            print(
                "factcheck-app: the export was written, but the publishing settings were not "
                f"stored: {terminal_text(notices)}",
                file=sys.stderr,
            )
            return False
        # The window may have had it meanwhile: killed while importing or merging, what
        # it left is taken out at this open, and said here or nowhere.
        _say_open_notes(desk)
        _store_settings(desk, overrides)
    finally:
        desk.close()
    return True


def _export_all(
    args: argparse.Namespace,
    fmt: ReportFormat,
    ids: list[int],
    publishing: Publishing,
    output: Path,
    workspace: Path,
    reading: Path | None,
    starting: Callable[[int, ArticleReport], None],
) -> int:
    """`export --all`: each article written into `output`, or said why not; the exit
    status. An article with nothing to publish in ClaimReview (no verdict yet: most of an
    archive) is named, once for all of them, and is no failure when another article was
    written: the night's export of an archive ended with status 1 whenever one article
    had no verdict yet."""
    from factcheck_app.services.desk import Desk
    from factcheck_app.services.every_article import export_every_article, make_folder
    from factcheck_app.services.reports import claimreview
    from factcheck_app.services.reports.model import load_article_report

    if not ids:
        print("The workspace has no articles: nothing was written.", file=sys.stderr)
        return 0
    make_folder(output)

    failures = written = 0
    removed: list[int] = []
    nothing_to_publish = claimreview.REFUSED + claimreview.NOTHING_TO_PUBLISH
    unpublished: list[int] = []
    assert reading is not None  # a workspace on disk
    # Read through a read-only connection of its own, each article's report in one read
    # transaction of its own (`load_article_report`): each file is of one state, and the
    # window's saves meanwhile are not held in the -wal to the end of the run, as one
    # transaction around it all held them (each file is of one article: none reads
    # another's state).
    with Desk.reading_apart(reading, one_state=False) as reader:
        # The window's "All articles" goes through the same loop (services/every_article.py).
        for outcome in export_every_article(
            fmt.key,
            ids,
            lambda i: load_article_report(reader, i, publishing=publishing),
            output,
            workspace,
            paper=args.paper,
            starting=starting,
        ):
            if outcome.written:
                assert outcome.report is not None
                _say_written(outcome.path, fmt, [outcome.report])
                written += 1
            elif outcome.removed:
                removed.append(outcome.article_id)  # said once, below; no failure
            elif outcome.nothing_to_publish:
                unpublished.append(outcome.article_id)  # said once, below
            else:
                _refused(args, f"article {outcome.article_id}: {outcome.refusal}")
                failures += 1
    if removed:
        _say_removed(removed, "no file was written for {it}")
    if unpublished:
        # An archive's articles without a verdict yet were a line each, in the same words;
        # then every number on one line. The first runs, as the export dialog names them,
        # and every number in the log.
        one = len(unpublished) == 1
        logger.info("export --all: nothing to publish yet in articles %s", number_runs(unpublished))
        # Sent there only when it was written: a read-only home or a full disk keeps none,
        # and every number is said here (those left out were recorded nowhere).
        logged = logs.not_written() is None
        where = _articles_named(unpublished, RUNS_NAMED if logged else None)
        cut = logged and runs_left_out(unpublished, RUNS_NAMED) > 0
        see = f" (see the log file, {logs.log_file()})" if cut else ""
        if written:
            has, it = ("has", "it") if one else ("have", "them")
            print(
                f"factcheck-app: note: {where} {has} nothing to publish (no claim, denial or "
                f"fact in {it} has a verdict yet): no file was written for {it}{see}.",
                file=sys.stderr,
            )
        else:  # nothing written at all: refused
            _refused(args, f"{where}: {nothing_to_publish}{see}")
            failures += 1
    return 1 if failures else 0


def _say_warned(warned: dict[str, list[int]]) -> None:
    """`export --all --format claimreview`'s warnings: one line for each kind, with how
    many articles it was found in and their numbers (runs as ranges, 1–40), and, once,
    how to see which sentences."""
    for kind, ids in warned.items():
        where = f"{counted(len(ids), 'article')} ({number_runs(ids)})"
        print(f"factcheck-app: Warning: {where}: {terminal_text(kind)}", file=sys.stderr)
    if warned:
        print(
            "factcheck-app: note: the sentences each warning is about are named by an export "
            "of that article alone (--article ID).",
            file=sys.stderr,
        )


def _articles_named(ids: Sequence[int], most: int | None = None) -> str:
    """Articles a note is about, by number: "article 7", or "3 articles (1, 2, 9)"; with
    `most`, only that many runs of numbers, then how many more ("… and 2 more")."""
    if len(ids) == 1:
        return f"article {ids[0]}"
    return f"{counted(len(ids), 'article')} ({number_runs(ids, most)})"


# What a ClaimReview refusal adds when `--save-settings` was given.
NOTHING_STORED = (
    " Nothing was stored in the workspace: --save-settings stores only with an export that "
    "goes ahead."
)


def _refuse_unpublishable(report: ArticleReport) -> None:
    """`export --article ID --format claimreview --save-settings`: the markup's errors,
    found before anything is stored (its writer would refuse it after)."""
    from factcheck_app.services.reports import claimreview

    errors = [p.message for p in claimreview.check(report) if p.is_error]
    if errors:
        raise claimreview.ClaimReviewInvalid(
            claimreview.REFUSED + " ".join(errors) + NOTHING_STORED
        )


def _check_publishing_once(
    publishing: Publishing, *, storing: bool = False, warn: bool = True
) -> None:
    """`export --all --format claimreview`: what the publishing settings lack, the same for
    every article, said once before any article is read, as the export dialog says it. No
    usable fact-check URL refuses the export (every article with a verdict was read,
    checked and refused for it in turn: 5,000 refusals on a year's workspace); no
    publisher name is one warning (it was one per article). With `warn` False (one
    article, whose own check says the warnings) only the refusal."""
    from factcheck_app.services.reports import claimreview

    for problem in claimreview.publishing_problems(publishing):
        if problem.is_error:
            it = "a new one" if publishing.refused_pattern else "it"
            raise FactcheckError(
                f"{claimreview.REFUSED}{problem.message} Give {it} with --url-pattern (add "
                "--save-settings to keep it in the workspace); no article was exported."
                + (NOTHING_STORED if storing else "")
            )
        if warn:
            print(f"factcheck-app: {terminal_text(str(problem))}", file=sys.stderr)


def _export_one(fmt: ReportFormat, report: ArticleReport, out: Path | None, paper: str) -> None:
    from factcheck_app.services.reports import formats

    if fmt.needs_qt:
        assert out is not None
        try:
            formats.write_report(fmt.key, report, out, paper=paper)
        except OSError as error:
            raise FactcheckError(f"Cannot write {out}: {error.strerror}") from None
    else:
        _write_or_print(formats.render_article(fmt.key, report), out)
    _say_written(out, fmt, [report])


# What `export` says it wrote, by format: "Wrote OUT: HTML report of 1 article, ...".
_WRITTEN = {
    "html": "HTML report",
    "pdf": "PDF report",
    "docx": "Word report",
    "md": "Markdown report",
    "csv": "CSV table",
    "json": "JSON report",
    "claimreview": "ClaimReview JSON-LD",
    "summary-html": "HTML summary",
    "summary-csv": "CSV summary",
}


def _say_written(out: Path | None, fmt: ReportFormat, reports: Sequence[ArticleReport]) -> None:
    """One line on stdout naming the file written, its format and what it holds; nothing
    when the export itself went to stdout (a pipe gets the export alone)."""
    sentences = sum(report.total for report in reports)
    done = sum(report.reviewed for report in reports)
    _say_counts(out, fmt, len(reports), sentences, done)


def _say_counts(
    out: Path | None, fmt: ReportFormat, articles: int, sentences: int, done: int
) -> None:
    """`_say_written`'s line from the counts themselves (a summary keeps no reports)."""
    if out is None:
        return
    what = _WRITTEN.get(fmt.key, fmt.label)
    print(
        terminal_text(
            f"Wrote {out}: {what} of {counted(articles, 'article')}, "
            f"{counted(sentences, 'sentence')} ({done:,} done)."
        )
    )


# The words for each publishing setting `export --save-settings` stores.
_SETTING_NAMES = {
    "publisher.name": "the publisher name",
    "publisher.url": "the publisher URL",
    "claimreview.url_pattern": "the URL pattern",
}


def _stored_settings(keys: Sequence[str]) -> str:
    """What `export --save-settings` stored, in one line for stderr."""
    if not keys:
        return (
            "factcheck-app: note: nothing to store: --save-settings keeps what --publisher, "
            "--publisher-url and --url-pattern give."
        )
    names = [_SETTING_NAMES.get(key, key) for key in keys]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"Stored {listed} in the workspace."


def _write_or_print(content: str | bytes, out: Path | None) -> None:
    from factcheck_app.services.reports.atomic import write_atomically

    if out is None:
        assert isinstance(content, str)
        sys.stdout.write(content.removeprefix("\ufeff"))  # the BOM is for Excel, not pipes
        return
    try:
        write_atomically(out, content)
    except OSError as error:
        raise FactcheckError(f"Cannot write {out}: {error.strerror}") from None


def cmd_import_review(args: argparse.Namespace) -> int:
    from factcheck_app.services.reports.review_import import (
        check_review,
        import_review,
        read_review_file,
    )

    # Every check that needs no workspace first: a bad file leaves the workspace unopened.
    checked = check_review(read_review_file(args.file))
    desk = _open_for_writing(args)  # the writer lock, --wait, a read-only file in words
    try:
        result = import_review(desk, checked, source_name=args.file.name)
    finally:
        desk.close()
    title = shown_line(result.title)  # as `import` and `list` print it: `?`, one line, cut
    print(f"{result.article_id}\t{result.sentence_count}\t{terminal_text(title)}")
    note = (
        f"; {counted(result.kept_sources, 'source')} already in the workspace "
        f"kept {'its' if result.kept_sources == 1 else 'their'} own details"
        if result.kept_sources
        else ""
    )
    print(
        f"Imported {counted(result.review_count, 'review')} and "
        f"{counted(result.link_count, 'source link')}{note}.",
        file=sys.stderr,
    )
    if result.reviewers:  # an export with each reviewer's own review (issue 16)
        print(
            f"Kept {kept_own_reviews(result.reviewers, result.version_count)} and "
            f"{counted(result.sign_off_count, 'sign-off')}.",
            file=sys.stderr,
        )
    return 0


def kept_own_reviews(reviewers: tuple[str, ...], count: int) -> str:
    """Whose own reviews an import kept, counted for one reviewer or several: one
    reviewer's 12 read "12 reviewers' own reviews (by ana)", twelve reviewers by the words.
    (A reviewer has one own review a sentence, so one reviewer's count is of sentences.)"""
    if len(reviewers) == 1:
        reviews = "own review" if count == 1 else "own reviews"
        return f"{terminal_text(reviewers[0])}'s {reviews} of {counted(count, 'sentence')}"
    names = terminal_text(", ".join(reviewers))
    return f"{counted(len(reviewers), 'reviewer')}' own reviews ({names}: {figure(count)} in all)"


def cmd_sign_off(args: argparse.Namespace) -> int:
    if args.number is not None and args.article is None:
        raise FactcheckError("--number counts the sentences of an article: add --article ID.")
    desk = _open_for_writing(args, create=False)
    try:
        sentence_id = args.sentence
        if sentence_id is not None and args.article is not None:
            # `--article 2 --sentence 5` meant the fifth sentence of article 2: it signed
            # off sentence id 5, in article 1, --article passed over without a word.
            article = desk.reviews.article_of(sentence_id)
            if article is not None and article != args.article:
                raise FactcheckError(
                    f"Sentence {sentence_id} is in article {article}, not article "
                    f"{args.article}: for the sentence numbered {sentence_id} in article "
                    f"{args.article}, give --number {sentence_id}."
                )
        if sentence_id is None:
            rows = desk.reviews.sentence_rows(args.article)
            if not 1 <= args.number <= len(rows):
                has = (
                    "no sentences"
                    if not rows
                    else "only sentence 1"
                    if len(rows) == 1
                    else f"sentences 1–{len(rows):,}"
                )
                raise FactcheckError(f"Article {args.article} has {has}, not {args.number}.")
            sentence_id = rows[args.number - 1].sentence.id
        if args.decision == "approve":
            desk.sign_offs.approve(sentence_id, args.note)
        else:
            desk.sign_offs.send_back(sentence_id, args.note)
        sign_off = desk.sign_offs.sign_off(sentence_id)
    finally:
        desk.close()
    if sign_off is not None:
        from factcheck_app.services.reports.text import sign_off_day

        what = "approved" if args.decision == "approve" else "returned"
        print(
            terminal_text(
                f"Sentence {sentence_id}: checked by "
                f"{shown_name(sign_off.checker) or 'nobody named'}, "
                f"{what} by {shown_name(sign_off.editor)} on {sign_off_day(sign_off)}."
            )
        )
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    desk = _open_existing(args.workspace)
    try:
        if args.article is None:
            # Printed as read: a year's history (100,000 entries and more) was read and
            # worded whole first, seconds before `| head` saw a line, and its `--json`
            # held every state at once (561 MB for 49,300 entries).
            _print_history(desk.history.each(), as_json=args.json)
            return 0
        items = desk.history.entries(args.article)
        # It printed nothing for an article id mistyped, as for one with no entries yet.
        if not items and not desk.articles.exists(args.article):
            raise FactcheckError(f"There is no article {args.article} in this workspace.")
    finally:
        desk.close()
    if not items:
        print(f"Article {args.article} has no history entries yet.", file=sys.stderr)
    _print_history(items, as_json=args.json)
    return 0


def _print_history(items: Iterable[HistoryItem], *, as_json: bool) -> None:
    """History entries, each printed as it comes: one line and its changes below it, or
    the items of one JSON array (as `json.dumps(…, indent=2)` writes the whole list)."""
    if as_json:
        first = True
        for item in items:
            text = terminal_json(item.as_json(), indent=2).replace("\n", "\n  ")
            sys.stdout.write(("[\n  " if first else ",\n  ") + text)
            first = False
        sys.stdout.write("[]\n" if first else "\n]\n")
        return
    for item in items:
        where = f"article {item.entry.article_id}" if item.entry.article_id is not None else "-"
        if item.entry.sentence_id is not None:
            where += f", sentence {item.entry.sentence_id}"
        fields = (str(item.entry.seq), item.entry.at, shown_name(item.who), where, item.what)
        print("\t".join(terminal_text(field) for field in fields))
        for change in item.changes:
            print(f"\t{terminal_text(change)}")


def cmd_verify(args: argparse.Namespace) -> int:
    desk = _open_existing(args.workspace)
    try:
        result = desk.history.verify()
    finally:
        desk.close()
    if result.ok:
        print(terminal_text(result.summary()))
        return 0
    _refused(args, result.summary())
    for line in result.sentences():  # each review unlike its history, on a line of its own
        print(terminal_text(line), file=sys.stderr)
    return 1


def cmd_agreement(args: argparse.Namespace) -> int:
    """Agreement per pair of reviewers over the workspace, or over one article."""
    from factcheck_app.services.agreement import load_agreement, pairs_json

    desk = _open_existing(args.workspace)
    try:
        report = load_agreement(desk, args.article)
    finally:
        desk.close()
    pairs = report.workspace
    if args.json:
        print(terminal_json(pairs_json(pairs), indent=2))
        return 0
    if not pairs:
        print("No two reviewers reviewed the same sentence.", file=sys.stderr)
        return 0

    def shown(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    print("reviewers\ttag n\ttag agreement\ttag kappa\tverdict n\tverdict agreement\tverdict kappa")
    for pair in pairs:
        names = terminal_text(" / ".join(shown_name(name) for name in pair.reviewers))
        tag, verdict = pair.tag, pair.verdict
        print(
            f"{names}\t{tag.n}\t{shown(tag.agreement)}\t{shown(tag.kappa)}"
            f"\t{verdict.n}\t{shown(verdict.agreement)}\t{shown(verdict.kappa)}"
        )
        for d in pair.disagreements:
            text = terminal_text(d.text)
            labels = terminal_text(" / ".join(d.labels))
            print(f"  {d.article_id}:{d.number}\t{d.kind}: {labels}\t{text}")
    return 0


def _refuse_standard_output(args: argparse.Namespace) -> None:
    """`copy W -` (as `export -o -` goes to stdout) wrote a whole workspace into a file
    named "-": a workspace is a file of its own, never written to standard output."""
    if args.output is not None and str(args.output) == "-":
        raise FactcheckError(
            f"{args.command} writes a workspace file, never to standard output (-): name "
            "the file, or a folder for it."
        )


def cmd_clean(args: argparse.Namespace) -> int:
    """A new workspace with the desk's own records of one that may have been crafted."""
    from factcheck_app.services import workspace_files

    _refuse_standard_output(args)
    source = args.workspace or config.default_workspace_path()
    target = args.output
    if target is None:
        target = workspace_files.cleaned_copy_path(source)
    elif os.path.isdir(target):  # False, not PermissionError, inside a closed folder
        target = workspace_files.cleaned_copy_path(target / source.name)
    else:  # a name given: as a new workspace's (it made a typo's folder, or notes.txt)
        workspace_files.check_new_workspace_name(target)
        if not os.path.lexists(target.parent):  # a file there: the copy says why it cannot
            _check_new_folder(target)
    result = workspace_files.open_cleaned_copy(source, target)
    print(terminal_text(str(result.path)))
    print(terminal_text(result.summary(), one_line=False), file=sys.stderr)
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    """A whole copy of the workspace (SQLite's backup, as Save a Copy… makes it)."""
    import datetime as dt

    from factcheck_app.services.upkeep import copy_file_name

    if (args.output is None) == (args.named_output is None):
        _command_parser(build_parser(), "copy").error(
            "name the copy's file (or a folder for it) once: OUT, or -o OUT"
        )
    args.output = args.output if args.named_output is None else args.named_output
    _refuse_standard_output(args)
    desk = _open_existing(args.workspace)
    try:
        assert desk.path is not None
        target = args.output
        if os.path.isdir(target):  # False, not PermissionError, inside a closed folder
            reviewer = args.reviewer or desk.reviewer
            target = target / copy_file_name(desk.path, reviewer, dt.date.today())
        # A name never written (the workspace, its -wal, another's lock) is refused before
        # "already there": that advised --replace, only for the copy to be refused then.
        problem = desk.upkeep.copy_target_problem(target)
        if problem is not None:
            raise FactcheckError(f"No copy was made: {problem}")
        if os.path.lexists(target) and not args.replace:
            raise FactcheckError(
                f"{target} is already there: add --replace to replace it, or name another file."
            )
        made = desk.upkeep.save_copy(target, replace=args.replace)
    finally:
        desk.close()
    print(terminal_text(str(made)))
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge THEIRS into the workspace as one undo step; THEIRS is only read."""
    try:
        there = args.other.exists()
    except OSError as error:  # a name too long for the disk: Python 3.11 raised it
        raise FactcheckError(f"{args.other} cannot be read ({error.strerror}).") from None
    if not there:
        raise FactcheckError(f"There is no workspace at {args.other}.")
    # os.path's look, False on any error: Path's raised PermissionError in a closed folder.
    if not os.path.exists(args.workspace or config.default_workspace_path()):
        # A new workspace is made for what comes in: their file looked at first, read
        # only (an article, an empty file), or it was made, empty, for nothing.
        from factcheck_app.services import workspace_files
        from factcheck_app.services.desk import Desk

        workspace_files.refuse_before_opening(args.other, read_only=True)
        Desk.open(args.other, read_only=True, search_index="searched").close()
    desk = _open_for_writing(args)  # the writer lock, --wait, --reviewer
    try:
        result = desk.merge.merge(args.other)
    finally:
        desk.close()
    if args.json:
        print(terminal_json(result.printed_counts()))
        # The counts stay as they were; the warnings the words give go beside them.
        if result.history_problem_note():
            print(terminal_text(result.history_problem_note()), file=sys.stderr)
        if result.copied_while_open:
            print(terminal_text(result.copied_while_open_note()), file=sys.stderr)
    else:
        print(terminal_text(result.summary()))
    return 0


def _clean_hint(error: FactcheckError, args: argparse.Namespace) -> str:
    """The command that makes a cleaned copy, after the error refusing a crafted workspace;
    --wait, after another program kept the workspace locked (a write command only)."""
    if isinstance(error, WorkspaceBusy) and getattr(args, "wait", None) == 0.0:
        return " To wait longer for it, add --wait SECONDS."
    if not isinstance(error, WorkspaceUntrusted):
        return ""
    # merge: the refused file is the other one, never the workspace being merged into
    workspace = (
        getattr(args, "other", None)
        or getattr(args, "workspace", None)
        or config.default_workspace_path()
    )
    return f" Make one with: factcheck-app clean -w {shlex.quote(str(workspace))} [-o OUT]"


HANDLERS = {
    "import": cmd_import,
    "list": cmd_list,
    "remove": cmd_remove,
    "stats": cmd_stats,
    "search": cmd_search,
    "segment": cmd_segment,
    "suggest": cmd_suggest,
    "export": cmd_export,
    "import-review": cmd_import_review,
    "clean": cmd_clean,
    "history": cmd_history,
    "verify": cmd_verify,
    "sign-off": cmd_sign_off,
    "merge": cmd_merge,
    "copy": cmd_copy,
    "agreement": cmd_agreement,
}


class OutputError(FactcheckError):
    """Standard output could not be written (a full disk under `> out.txt`, /dev/full)."""


ESCAPE_ERRORS = "factcheck-escape"


def _escape_unencodable(error: UnicodeError) -> tuple[str, int]:
    """What a locale's encoding cannot show, as JSON's \\uXXXX escapes (a surrogate pair
    beyond the BMP): readable on a terminal, and a JSON document stays the same JSON."""
    assert isinstance(error, UnicodeEncodeError)
    text = error.object[error.start : error.end]
    units = text.encode("utf-16-be", "surrogatepass")
    escaped = "".join(
        f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2)
    )
    return escaped, error.end


codecs.register_error(ESCAPE_ERRORS, _escape_unencodable)


class _GuardedStdout:
    """sys.stdout, whose write failures (other than a closed pipe) are the user's to hear
    about in one line, not a bug's traceback.

    `keep_going`: a command that changes a workspace or writes files goes on to the end
    when its lines cannot be written: the reader quit (`import -w W inbox/ | head -1`:
    the broken pipe stopped it after the first article, status 0 and not a word, the
    rest not imported), or the disk under `> imported.txt` is full (said at the end, at
    the last flush). The lines that cannot be written are dropped. A command that only
    prints stops there."""

    def __init__(self, stream: TextIO, *, keep_going: bool = False) -> None:
        self._stream = stream
        self._keep_going = keep_going
        self._dropping = False
        self._failure: OutputError | None = None  # said at the last flush

    def write(self, text: str) -> int:
        if self._dropping:
            return len(text)
        try:
            return self._stream.write(text)
        except OSError as error:
            self._failed(error)
            return len(text)

    def flush(self) -> None:
        if not self._dropping:
            try:
                self._stream.flush()
            except OSError as error:
                self._failed(error)
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise failure

    def _failed(self, error: OSError) -> None:
        if isinstance(error, BrokenPipeError):
            if not self._keep_going:
                raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))
        else:
            failure = OutputError(f"cannot write the output: {error.strerror or error}")
            if not self._keep_going:
                raise failure from None
            self._failure = failure
        self._dropping = True
        _drop_unwritten(self._stream)  # what is buffered goes nowhere at exit, silently

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


class _GuardedStderr:
    """sys.stderr, whose reader may quit (`import … 2>&1 | head -1`) or whose disk may
    fill: a refusal written there then ended an import half-way with status 0, the rest
    of its files not imported. What cannot be written there is dropped (the log has
    every error), and the command goes on."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                self._stream.write(text)
            except OSError:
                self._lost()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except OSError:
                self._lost()

    def _lost(self) -> None:
        self._gone = True
        _drop_unwritten(self._stream)  # nothing buffered fails again at exit

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


class _ClosedStdout(io.TextIOBase):
    """Standard output closed (`>&-`, a daemon's): what is printed is lost, and said so
    at the end, as a full disk's failure shows at the last flush (the command's work is
    done whole first). `sys.stdout.write` raised AttributeError on None: a bug's line."""

    encoding = "utf-8"

    def __init__(self) -> None:
        super().__init__()
        self.lost = False

    def write(self, text: str) -> int:
        self.lost = self.lost or bool(text)
        return len(text)

    def flush(self) -> None:
        if self.lost:
            raise OSError(errno.EBADF, "standard output is closed")


def _prepare_stdout() -> None:
    """A locale whose encoding is not UTF-8 (LANG=en_US.ISO-8859-1, LC_ALL=C with
    PYTHONUTF8=0) gets escapes for what it cannot show, instead of a crash."""
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper):
        with_utf8 = codecs.lookup(stream.encoding).name.startswith("utf")
        if not with_utf8 and stream.errors != ESCAPE_ERRORS:  # strict, or C's surrogateescape
            stream.reconfigure(errors=ESCAPE_ERRORS)


def run(argv: Sequence[str]) -> int:
    """Run a CLI command; user errors become one line on stderr and exit status 1.

    The log file gets each such error too, and a bug's traceback (stderr only its line).
    """
    problem = config.environment_problem()  # before --help names the default workspace
    if problem:
        print(f"factcheck-app: {terminal_text(problem)}", file=sys.stderr)
        return 1
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # said with the command's usage: the window's named none of its options
        _command_parser(parser, args.command).error(f"unrecognized arguments: {' '.join(extra)}")
    logs.setup(f"command line: {args.command}")
    _prepare_stdout()
    stdout, stderr = sys.stdout, sys.stderr
    closed = cast(TextIO, _ClosedStdout())
    guarded = _GuardedStdout(
        stdout if stdout is not None else closed, keep_going=_writes_or_changes(args)
    )
    sys.stdout = cast(TextIO, guarded)
    # `2>&-`: print(file=None) wrote the notes into stdout's output; each error is in the
    # log all the same.
    sys.stderr = cast(TextIO, _GuardedStderr(stderr if stderr is not None else io.StringIO()))
    _READ_WITHOUT_LOCKS.clear()
    try:
        with interrupts.ctrl_c_noted():
            code = HANDLERS[args.command](args)
        sys.stdout.flush()  # a failure to write shows here, not at exit as a traceback
        torn = _changed_while_read()
        if torn is not None:  # what it printed or wrote may be of two moments: said so
            raise WorkspaceChangedWhileRead(torn.path)
        return code
    except OutputError as error:
        logger.warning("factcheck-app %s: %s", args.command, error)
        _drop_unwritten(stdout)
        print(f"factcheck-app: {terminal_text(str(error))}", file=sys.stderr)
        return 1
    except FactcheckError as error:
        told = _read_again_instead(error)
        logger.warning("factcheck-app %s: %s", args.command, told)
        line = terminal_text(f"{told}{_clean_hint(told, args)}")
        print(f"factcheck-app: {line}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `factcheck-app segment big.txt | head`
        return 0
    except KeyboardInterrupt as interrupt:  # Ctrl+C: one line and the shell's status for it
        # (128 + SIGINT); a merge says whether it got in (services/merge.MergeInterrupted).
        print(f"factcheck-app: {terminal_text(str(interrupt)) or 'interrupted'}", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: its traceback goes to the log, not onto the terminal
        logger.exception("factcheck-app %s: unexpected error", args.command)
        what = terminal_text(f"{type(error).__name__}: {error}")
        print(
            f"factcheck-app: unexpected error ({what}); the details are in {logs.log_file()}",
            file=sys.stderr,
        )
        return 1
    finally:
        sys.stdout, sys.stderr = stdout, stderr  # None again when they were closed
        _READ_WITHOUT_LOCKS.clear()


def _writes_or_changes(args: argparse.Namespace) -> bool:
    """Does the command change a workspace or write files (rather than only print)?"""
    if args.command == "export":
        return args.output not in (None, "-") or args.save_settings
    return args.command in (
        "import",
        "import-review",
        "remove",
        "sign-off",
        "merge",
        "copy",
        "clean",
    )


def _command_parser(
    parser: argparse.ArgumentParser, command: str | None
) -> argparse.ArgumentParser:
    """The parser of `command` (the program's own when there is none)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            found: argparse.ArgumentParser = action.choices[command]
            return found
    return parser


def _drop_unwritten(stdout: object) -> None:
    """Point a failed stdout at /dev/null: Python's flush at exit would otherwise fail on
    what is still buffered and print a traceback after the one-line message."""
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        fileno = stdout.fileno()  # type: ignore[attr-defined]
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fileno)
        os.close(null)
