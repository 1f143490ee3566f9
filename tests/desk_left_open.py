"""A desk left open in another process, as a reviewer's window is while its workspace
file is copied (by `cp`, a file manager, a mail attachment). The copying must happen in
another process than the one holding the workspace: opening its files by path here would
drop SQLite's locks (tests/conftest.py refuses it)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Reads one JSON command a line: ["import", text, name] (prints the sentence ids),
# ["verdict", sentence_id, key], ["explain", sentence_id, text], ["tag", sentence_id, tag],
# ["settle"] (the window's looks while the reviewer pauses), ["checkpoint"] (SQLite moves
# the -wal's pages into the file, as it does every 1,000 pages); each answered "ok".
# ["import-crash", text, name] imports every sentence, then the process ends just before
# the import's last step (which makes the article visible), as a window killed then;
# ["read-crash", text, name] ends it as the text is read and split, before its first row.
# ["merge-crash", path] merges that workspace file, and the process ends inside the
# merge's transaction, all of it written and nothing committed; ["merge-crash-committed",
# path] ends just after the merge was committed, before its running note was removed.
# End of input closes the desk (its -wal merged into the file and deleted), unless the
# last command was ["crash"]: then the process ends without closing, as a killed window.
_DESK = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path
    from factcheck_app.domain.models import Tag
    from factcheck_app.services.desk import Desk
    desk = Desk.open(Path(sys.argv[1]), backup=False)
    desk.reviewer = desk.edits.actor = sys.argv[2]
    print(json.dumps("ready"), flush=True)
    for line in sys.stdin:
        command, *args = json.loads(line)
        answer = "ok"
        if command == "import":
            article = desk.importer.import_text(args[0], source_name=args[1]).article_id
            answer = [r.sentence.id for r in desk.reviews.sentence_rows(article)]
        elif command == "verdict":
            desk.reviews.set_verdict(args[0], args[1])
        elif command == "tag":
            desk.reviews.set_tag(args[0], Tag(args[1]))
        elif command == "explain":
            desk.reviews.set_text_field(args[0], "explanation", args[1])
        elif command == "import-crash":
            def killed(_article_id):
                print(json.dumps("ok"), flush=True)
                os._exit(0)
            desk.repo.imports.finish_article = killed
            desk.importer.import_text(args[0], source_name=args[1])
        elif command == "read-crash":
            def killed(**_row):
                print(json.dumps("ok"), flush=True)
                os._exit(0)
            desk.repo.imports.begin_article = killed
            desk.importer.import_text(args[0], source_name=args[1])
        elif command in ("merge-crash", "merge-crash-committed"):
            import factcheck_app.services.merge as merging
            def killed(*_args):
                print(json.dumps("ok"), flush=True)
                os._exit(0)
            if command == "merge-crash":
                record_many = desk.repo.history.record_many
                def written(rows):
                    record_many(rows)
                    assert desk.workspace.db.conn.in_transaction
                    killed()
                desk.repo.history.record_many = written
            else:
                merging.end_running_merge = killed
            desk.merge.merge(Path(args[0]))
        elif command == "settle":
            desk.settle_saves()
            answer = desk.settle_saves()
        elif command == "checkpoint":
            desk.workspace.db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        elif command == "crash":
            print(json.dumps("ok"), flush=True)
            os._exit(0)
        print(json.dumps(answer), flush=True)
    desk.close()
    """
)


class OpenDesk:
    """The other process's desk: `do(...)` one command, answered once it is saved."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def do(self, *command: object) -> object:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())


@contextmanager
def desk_left_open(path: Path, reviewer: str) -> Iterator[OpenDesk]:
    """A desk on `path` in another process, closed properly at the end."""
    process = subprocess.Popen(
        [sys.executable, "-c", _DESK, str(path), reviewer],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    desk = OpenDesk(process)
    try:
        assert process.stdout is not None
        assert json.loads(process.stdout.readline()) == "ready"
        yield desk
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=60)
