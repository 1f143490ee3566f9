"""Killing the process right after an edit loses nothing that was shown as done."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE

# A writer that acknowledges each edit only after the Desk call returned (= committed), just
# as the window shows an edit only after the call returns. Edit n writes the number n into a
# sentence's explanation, so the newest surviving edit of every sentence can be checked.
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from factcheck_app.services.desk import Desk
    desk = Desk.open(Path(sys.argv[1]))
    ids = [r.sentence.id for r in desk.sentence_rows(1)]
    n = int(sys.argv[2])
    while True:
        sid = ids[n % len(ids)]
        desk.set_text_field(sid, "explanation", str(n))
        print(f"ack {sid} {n}", flush=True)
        n += 1
    """
)


def test_sigkill_after_acknowledged_edits_loses_none_of_them(tmp_path: Path) -> None:
    path = tmp_path / "crash.fcdesk"
    desk = Desk.open(path)
    desk.import_file(SEED_FILE)
    desk.close()
    acked: dict[int, int] = {}
    next_n = 0
    for round_number in range(5):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(next_n)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        for _ in range(20 + 7 * round_number):
            _, sid, n = writer.stdout.readline().split()
            acked[int(sid)] = int(n)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        # Acks still in the pipe were also committed before they were printed.
        last = max(acked.values())
        for line in writer.stdout.read().splitlines():
            _, sid, n = line.split()
            acked[int(sid)] = int(n)
            last = int(n)
        reopened = Desk.open(path)
        assert reopened.workspace.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {
            row.sentence.id: int(row.review.explanation)
            for row in reopened.sentence_rows(1)
            if row.review.explanation
        }
        for sid, n in acked.items():
            # Acknowledged edits are all there; at most the one in flight went further.
            assert n <= stored[sid] <= last + 1
        next_n = max(stored.values()) + 1
        reopened.close()
