"""The README says what the program does: its keys table, commands, formats and numbers."""

from __future__ import annotations

import re
from pathlib import Path

from factcheck_app.gui.actions import SPECS, WIDGET_KEYS, key_text

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_keys() -> set[str]:
    """Every key named in the first column of the README's keys table."""
    text = README.read_text(encoding="utf-8")
    table = text.split("### Keys", 1)[1].split("\n## ", 1)[0]
    keys: set[str] = set()
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not line.startswith("|") or cells[0] in ("key", "---"):
            continue
        cell = cells[0].replace("(", " / ").replace(")", "")
        for part in cell.split(" / "):
            part = part.strip()
            ends = re.fullmatch(r"(\d) … (\d)", part)
            if ends:
                keys |= {str(n) for n in range(int(ends[1]), int(ends[2]) + 1)}
            elif part:
                keys.add(part)
    return {normal(k) for k in keys}


def normal(key: str) -> str:
    # Qt names the keys "Return" and "Del"; keyboards and the README say Enter, Delete.
    key = key.replace("Return", "Enter")
    return "Delete" if key == "Del" else key


def registry_keys() -> set[str]:
    """Every key of the registry, and those widgets answer themselves, as the shortcut
    sheet names them (needs the Qt app)."""
    listed = [*SPECS.values(), *WIDGET_KEYS]
    return {normal(k) for spec in listed for k in key_text(spec).split(", ") if k}


def test_every_key_the_app_answers_is_in_the_readme(qapp: object) -> None:
    assert registry_keys() - readme_keys() == set()


def test_the_readme_names_no_key_the_app_does_not_answer(qapp: object) -> None:
    assert readme_keys() - registry_keys() == set()


def command_block() -> str:
    """The README's "Command line" example block."""
    section = README.read_text(encoding="utf-8").split("## Command line", 1)[1]
    return section.split("```sh", 1)[1].split("```", 1)[0]


def test_the_command_line_block_shows_every_command_and_no_other() -> None:
    """A newcomer learns the commands from this block: one left out is never found, and
    one the program lacks is a usage error."""
    from factcheck_app.__main__ import COMMANDS

    shown = set(re.findall(r"^factcheck-app ([a-z][a-z-]*)", command_block(), re.MULTILINE))
    assert shown == set(COMMANDS)


def test_the_export_formats_the_readme_lists_are_the_programs() -> None:
    from factcheck_app.services.reports.format_table import FORMATS

    listed = re.search(r"# FMT: ([a-z, -]+);", command_block())
    assert listed is not None
    assert listed[1].split(", ") == list(FORMATS)


def test_the_numbers_the_readme_quotes_are_the_programs() -> None:
    """Limits and defaults a newcomer plans by: the paste limit, when a backup is made and
    how many a full disk keeps, and when the log file starts anew."""
    from factcheck_app import logs
    from factcheck_app.services.importer import MAX_PASTED_CHARS
    from factcheck_app.storage.backups import AUTO_BACKUP_INTERVAL, KEEP_AUTO_WHEN_FULL

    text = " ".join(README.read_text(encoding="utf-8").split())
    assert f"(up to {MAX_PASTED_CHARS:,} characters)" in text
    hours = AUTO_BACKUP_INTERVAL.total_seconds() / 3600
    assert f"when the newest is over {hours:g} hours old" in text
    assert f"the oldest automatic ones, down to {KEEP_AUTO_WHEN_FULL}," in text
    assert f"started anew at {logs.MAX_BYTES // 1_000_000} MB" in text
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
    assert f"keeping the {words[logs.BACKUP_COUNT]} previous files" in text
