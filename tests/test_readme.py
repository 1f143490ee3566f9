"""The README's keys table says exactly what the app's action registry does."""

from __future__ import annotations

import re
from pathlib import Path

from factcheck_app.gui.actions import SPECS, key_text

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
    """Every key of the registry, as the shortcut sheet names it (needs the Qt app)."""
    return {normal(k) for spec in SPECS.values() for k in key_text(spec).split(", ") if k}


def test_every_key_the_app_answers_is_in_the_readme(qapp: object) -> None:
    assert registry_keys() - readme_keys() == set()


def test_the_readme_names_no_key_the_app_does_not_answer(qapp: object) -> None:
    assert readme_keys() - registry_keys() == set()
