"""`factcheck-app suggest` stays quick to start: it loads no storage, no Qt, no numpy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def modules_loaded_by_suggest(tmp_path: Path, among: str) -> list[str]:
    """The modules `suggest --json` on a one-sentence article left loaded, of those the
    Python expression `among` (over the module name `m`) picks."""
    article = tmp_path / "article.txt"
    article.write_text("The ministry said 32 people were wounded on Tuesday.\n", encoding="utf-8")
    code = (
        "import sys, io, contextlib\n"
        "from factcheck_app.__main__ import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['suggest', '--json', {str(article)!r}])\n"
        f"print(__import__('json').dumps(sorted(m for m in sys.modules if {among})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return loaded


def test_suggest_imports_no_storage_qt_or_numpy(tmp_path: Path) -> None:
    heavy = (
        "m.split('.')[0] in ('sqlite_utils', 'sqlite3', 'PySide6', 'numpy') or m.startswith("
        "('factcheck_app.storage', 'factcheck_app.gui', 'factcheck_app.services.desk'))"
    )
    assert modules_loaded_by_suggest(tmp_path, heavy) == []


def test_suggest_imports_no_exports_reviews_or_parser_workers(tmp_path: Path) -> None:
    # Issue 17: the report renderers, review import, agreement and the parser worker's
    # multiprocessing were a fifth of the command's start-up (210 M of 1,000 M
    # instructions on a three-sentence file), and it uses none of them.
    unused = (
        "m in ('multiprocessing', 'factcheck_app.services.isolation', "
        "'factcheck_app.services.reports.formats', 'factcheck_app.services.reports.model', "
        "'factcheck_app.services.reports.review_import', 'factcheck_app.services.agreement', "
        "'factcheck_app.services.identity', 'factcheck_app.services.settings')"
    )
    assert modules_loaded_by_suggest(tmp_path, unused) == []


def test_suggest_leaves_its_objects_to_the_end_of_the_process(tmp_path: Path) -> None:
    """At exit the interpreter would walk every object left (the weights, the code) in one
    last collection; `suggest` freezes them first (gc.freeze), a few percent of its time."""
    article = tmp_path / "article.txt"
    article.write_text("The ministry said 32 people were wounded on Tuesday.\n", encoding="utf-8")
    code = (
        "import atexit, gc, io, contextlib\n"
        "from factcheck_app.__main__ import main\n"
        # Registered first, so it runs last: after whatever `suggest` left to run at exit.
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['suggest', '--json', {str(article)!r}])\n"
        "print('frozen before exit:', gc.get_freeze_count() > 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == ["frozen before exit: False", "frozen at exit: True"]
