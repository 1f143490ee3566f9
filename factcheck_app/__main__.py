"""Entry point: the desk window by default, CLI commands when the first argument is one."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from factcheck_app import cli

    args = sys.argv[1:] if argv is None else argv
    if cli.is_cli_invocation(args):
        return cli.run(args)
    gui_args = cli.build_gui_parser().parse_args(args)
    # Imported late so CLI commands never load Qt.
    from factcheck_app.gui.app import run_gui

    return run_gui(workspace=gui_args.workspace, files=gui_args.files, smoke=gui_args.smoke)


if __name__ == "__main__":
    sys.exit(main())
