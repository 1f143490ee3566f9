"""Entry point: the desk window by default, CLI commands when the first argument is one."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck_app import config

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
    "agreement",
)


def _qt_pdf_writer() -> PdfWriter:
    # Imported when a PDF is asked for: Qt costs time a text export should not pay.
    from factcheck_app.gui.pdf_report import write_pdf

    return write_pdf


def is_cli_invocation(args: Sequence[str]) -> bool:
    """True when the arguments ask for a command rather than the window."""
    return bool(args) and (args[0] in COMMANDS or args[0] in ("-h", "--help", "--version"))


def build_gui_parser() -> argparse.ArgumentParser:
    """Arguments of the window: `factcheck-app [--workspace PATH] [FILE ...]`."""
    parser = argparse.ArgumentParser(
        prog="factcheck-app",
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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if is_cli_invocation(args):
        from factcheck_app import cli
        from factcheck_app.services.reports import format_table

        # The composition root: the command line's PDF export gets the Qt painter from
        # here, so that cli (beside gui) never imports gui. (The window hands its own.)
        format_table.use_pdf_writer(_qt_pdf_writer)
        return cli.run(args)
    gui_args = build_gui_parser().parse_args(args)
    # Imported late so CLI commands never load Qt; and the window's path imports neither
    # the command line nor the services before its first paint (gui/app.py).
    from factcheck_app.gui.app import leave, run_gui

    code = run_gui(workspace=gui_args.workspace, files=gui_args.files, smoke=gui_args.smoke)
    if gui_args.smoke:
        return code
    leave(code)  # the window closed and the workspace is released: nothing left to save


if __name__ == "__main__":
    sys.exit(main())
