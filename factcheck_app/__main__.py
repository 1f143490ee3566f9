"""Entry point: the desk window by default, CLI commands when the first argument is one."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck_app.services.reports.formats import PdfWriter


def _qt_pdf_writer() -> PdfWriter:
    # Imported when a PDF is asked for: Qt costs time a text export should not pay.
    from factcheck_app.gui.pdf_report import write_pdf

    return write_pdf


def main(argv: list[str] | None = None) -> int:
    from factcheck_app import cli
    from factcheck_app.services.reports import formats

    # The composition root: the command line's PDF export gets the Qt painter from here,
    # so that cli (beside gui) never imports gui.
    formats.use_pdf_writer(_qt_pdf_writer)
    args = sys.argv[1:] if argv is None else argv
    if cli.is_cli_invocation(args):
        return cli.run(args)
    gui_args = cli.build_gui_parser().parse_args(args)
    # Imported late so CLI commands never load Qt.
    from factcheck_app.gui.app import leave, run_gui

    code = run_gui(workspace=gui_args.workspace, files=gui_args.files, smoke=gui_args.smoke)
    if gui_args.smoke:
        return code
    leave(code)  # the window closed and the workspace is released: nothing left to save


if __name__ == "__main__":
    sys.exit(main())
