"""`factcheck-app COMMAND …` with SQLite's lock wait cut to one second, for the stress test.

    python -m tests.stress.cli_probe COMMAND [ARGS …]

runs the same main() as `python -m factcheck_app`, after lowering the workspace's busy
timeout (factcheck_app.storage.workspace.BUSY_TIMEOUT_MS, 5 s) to FACTCHECK_PROBE_BUSY_MS
(default 1000 ms): a command that would have waited longer than that on another
connection's lock fails with the desk's "busy" message instead, which the stress test
reports. Nothing else changes.
"""

from __future__ import annotations

import os
import sys

from factcheck_app.__main__ import main
from factcheck_app.storage import workspace

if __name__ == "__main__":
    if hasattr(workspace, "BUSY_TIMEOUT_MS"):
        workspace.BUSY_TIMEOUT_MS = int(os.environ.get("FACTCHECK_PROBE_BUSY_MS", "1000"))
    sys.exit(main())
