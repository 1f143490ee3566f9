"""Command-line face of the desk: import, list, segment, export. Thin over the services."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from factcheck_app import __version__, config
from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.importing import decode_article_bytes
from factcheck_app.domain.segmentation import split_sentences
from factcheck_app.services.desk import Desk
from factcheck_app.services.export import article_review_json, write_atomically

COMMANDS = ("import", "list", "segment", "export")


def _workspace_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workspace",
        "-w",
        type=Path,
        default=None,
        help=f"workspace file (default: {config.default_workspace_path()})",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factcheck-app",
        description="Offline fact-checking desk. Without a command, opens the desk window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_import = sub.add_parser("import", help="import article files into a workspace")
    _workspace_arg(p_import)
    p_import.add_argument("files", nargs="+", type=Path, metavar="FILE")

    p_list = sub.add_parser("list", help="list a workspace's articles with review progress")
    _workspace_arg(p_list)

    p_segment = sub.add_parser("segment", help="split text into sentences (FILE or stdin)")
    p_segment.add_argument("file", nargs="?", type=Path, metavar="FILE")
    p_segment.add_argument("--json", action="store_true", help="print a JSON array with offsets")

    p_export = sub.add_parser("export", help="export an article's review")
    _workspace_arg(p_export)
    p_export.add_argument("--article", type=int, required=True, metavar="ID")
    p_export.add_argument("--format", choices=["json"], default="json")
    p_export.add_argument("-o", "--output", type=Path, metavar="OUT")
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    """Arguments of the window: `factcheck-app [--workspace PATH] [FILE ...]`."""
    parser = argparse.ArgumentParser(
        prog="factcheck-app",
        description="Offline fact-checking desk. Commands: "
        + ", ".join(COMMANDS)
        + " (see factcheck-app COMMAND --help).",
    )
    _workspace_arg(parser)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="articles to open")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="installation check: open the default workspace in the window, export the first "
        "article's review as JSON into the data folder, and exit",
    )
    return parser


def is_cli_invocation(args: Sequence[str]) -> bool:
    """True when the arguments ask for a command rather than the window."""
    return bool(args) and (args[0] in COMMANDS or args[0] in ("-h", "--help", "--version"))


def _open_existing(path: Path | None) -> Desk:
    workspace = path or config.default_workspace_path()
    if not workspace.exists():
        raise FactcheckError(f"There is no workspace at {workspace}.")
    return Desk.open(workspace)


def cmd_import(args: argparse.Namespace) -> int:
    desk = Desk.open(args.workspace or config.default_workspace_path())
    failures = 0
    try:
        for path in args.files:
            try:
                result = desk.import_file(path)
            except FactcheckError as error:
                print(f"factcheck-app: {error}", file=sys.stderr)
                failures += 1
                continue
            note = "  (already in the workspace)" if result.duplicate else ""
            print(f"{result.article_id}\t{result.sentence_count}\t{result.title}{note}")
    finally:
        desk.close()
    return 1 if failures else 0


def cmd_list(args: argparse.Namespace) -> int:
    desk = _open_existing(args.workspace)
    try:
        for article in desk.list_articles():
            date = article.published.isoformat() if article.published else "-"
            progress = f"{article.reviewed_count}/{article.sentence_count}"
            print(f"{article.id}\t{article.title}\t{date}\t{progress}")
    finally:
        desk.close()
    return 0


def cmd_segment(args: argparse.Namespace) -> int:
    if args.file is None:
        data = sys.stdin.buffer.read()
    else:
        try:
            data = args.file.read_bytes()
        except OSError as error:
            raise FactcheckError(f"{args.file}: {error.strerror}") from None
    text = decode_article_bytes(data)
    spans = split_sentences(text)
    if args.json:
        out = [{"text": text[s.start : s.end], "start": s.start, "end": s.end} for s in spans]
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    else:
        for span in spans:
            sys.stdout.write(" ".join(text[span.start : span.end].split()) + "\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    desk = _open_existing(args.workspace)
    try:
        content = article_review_json(desk, args.article)
    finally:
        desk.close()
    if args.output is None:
        sys.stdout.write(content)
    else:
        try:
            write_atomically(args.output, content)
        except OSError as error:
            raise FactcheckError(f"Cannot write {args.output}: {error.strerror}") from None
        print(f"Exported article {args.article} to {args.output}", file=sys.stderr)
    return 0


HANDLERS = {"import": cmd_import, "list": cmd_list, "segment": cmd_segment, "export": cmd_export}


def run(argv: Sequence[str]) -> int:
    """Run a CLI command; user errors become one line on stderr and exit status 1."""
    args = build_parser().parse_args(argv)
    try:
        return HANDLERS[args.command](args)
    except FactcheckError as error:
        print(f"factcheck-app: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `factcheck-app segment big.txt | head`
        return 0
