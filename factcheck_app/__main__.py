"""Entry point: the desk window by default, CLI commands when the first argument is one."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck_app import config
from factcheck_app.domain.help_text import WholeWordsHelp, dash_named_file, value_options

if TYPE_CHECKING:
    from factcheck_app.services.reports.format_table import PdfWriter

# The command line's commands (cli.HANDLERS; a test keeps the two in step). Named here so
# that starting the window never imports the command line and everything it uses.
COMMANDS = (
    "import",
    "list",
    "remove",
    "stats",
    "search",
    "segment",
    "suggest",
    "export",
    "import-review",
    "clean",
    "history",
    "verify",
    "sign-off",
    "merge",
    "copy",
    "agreement",
)


@contextlib.contextmanager
def _ctrl_c_after_loading() -> Iterator[None]:
    """Ctrl+C pressed while Qt loads takes effect once it has loaded. Python raises the
    interrupt in whatever Python code runs next, and inside PySide6's own start-up that
    aborts the process ("Fatal Python error: libshiboken/signature", a core dump) instead
    of ending the command with one line. The key is only noted meanwhile."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread hears Ctrl+C (and may set its handler)
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, _frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


def _qt_pdf_writer() -> PdfWriter:
    # Imported when a PDF is asked for: Qt costs time a text export should not pay.
    with _ctrl_c_after_loading():
        from factcheck_app.gui.pdf_report import write_pdf

    return write_pdf


def is_cli_invocation(args: Sequence[str]) -> bool:
    """True when the arguments ask for a command rather than the window."""
    return bool(args) and (args[0] in COMMANDS or args[0] in ("-h", "--help", "--version"))


def mistyped_command(args: Sequence[str]) -> str | None:
    """What is wrong when the first argument reads as a mistyped command rather than a file.

    `factcheck-app improt story.txt` or `factcheck-app stat -w W.fcdesk` opened the window,
    importing a file named "improt". A first word that is no file there, with no suffix
    and no folder in it, is not an article's name: it gets the usage and status 2.
    """
    if not args or args[0].startswith("-"):
        return None
    word = args[0]
    if Path(word).name != word or Path(word).suffix or Path(word).exists():
        return None
    close = difflib.get_close_matches(word, COMMANDS, n=1)
    meant = f" (did you mean {close[0]}?)" if close else ""
    return (
        f"'{word}' is not a command{meant}, nor a file here. Commands: "
        + ", ".join(COMMANDS)
        + " (see factcheck-app COMMAND --help)."
    )


def _names_the_workspace(option: str) -> bool:
    """Is `option` the window's -w, whose value follows? argparse takes a shortened
    --workspace too (`--work W`), as long as it is more than the two dashes."""
    return option == "-w" or (len(option) > 2 and "--workspace".startswith(option))


def misplaced_command(args: Sequence[str]) -> str | None:
    """What is wrong when a command comes after the window's options.

    `factcheck-app -w W.fcdesk list` (typed as `git -C DIR log` is) opened the window,
    importing a file named "list", or stopped at the command's own options; a script
    with no one at the screen hung. A command's name that is no file there, and not the
    workspace's name given to -w, gets the command line it meant, usage and status 2.
    """
    import shlex

    for index, word in enumerate(args):
        if index == 0 or word not in COMMANDS or _names_the_workspace(args[index - 1]):
            continue
        if Path(word).exists():  # an article of that name: the window imports it
            return None
        meant = [word, *args[:index], *args[index + 1 :]]
        return "the command comes first, before its options: factcheck-app " + shlex.join(meant)
    return None


def build_gui_parser() -> argparse.ArgumentParser:
    """Arguments of the window: `factcheck-app [--workspace PATH] [FILE ...]`."""
    parser = argparse.ArgumentParser(
        prog="factcheck-app",
        formatter_class=WholeWordsHelp,
        description="Offline fact-checking desk. Commands: "
        + ", ".join(COMMANDS)
        + " (see factcheck-app COMMAND --help).",
    )
    parser.add_argument(
        "--workspace",
        "-w",
        type=config.user_path,
        default=None,
        help=f"workspace file (default: {config.default_workspace_path()})",
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="articles to open")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="installation check: open the default workspace in the window, export the first "
        "article's review as JSON into the data folder, and exit",
    )
    return parser


def _interrupted() -> int:
    """Ctrl+C before the command or the window began: the command line's line and status
    (128 + SIGINT), not a traceback of whatever was loading."""
    print("factcheck-app: interrupted", file=sys.stderr)
    return 130


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if is_cli_invocation(args):
        try:
            from factcheck_app import cli
            from factcheck_app.services.reports import format_table
        except KeyboardInterrupt:  # while loading: the same line as during a command
            return _interrupted()

        # The composition root: the command line's PDF export gets the Qt painter from
        # here, so that cli (beside gui) never imports gui. (The window hands its own.)
        format_table.use_pdf_writer(_qt_pdf_writer)
        return cli.run(args)  # a file named with a dash first is told as below, by its parser
    gui_parser = build_gui_parser()
    mistyped = (
        mistyped_command(args)
        or misplaced_command(args)
        or dash_named_file(args, value_options(gui_parser), os.path.lexists)
    )
    if mistyped:
        gui_parser.error(mistyped)  # usage and status 2, as a mistyped option gets
    gui_args = gui_parser.parse_args(args)
    # Imported late so CLI commands never load Qt; and the window's path imports neither
    # the command line nor the services before its first paint (gui/app.py).
    try:
        with _ctrl_c_after_loading():
            from factcheck_app.gui.app import leave, run_gui
    except KeyboardInterrupt:  # before any window: one line, as the command line says it
        return _interrupted()

    code = run_gui(workspace=gui_args.workspace, files=gui_args.files, smoke=gui_args.smoke)
    if gui_args.smoke:
        return code
    leave(code)  # the window closed and the workspace is released: nothing left to save


if __name__ == "__main__":
    sys.exit(main())
