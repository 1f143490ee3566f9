"""Every key of the window is written once, in the registry (`gui/actions.py`): a key
written again elsewhere drifts from it (Ctrl+Q in a dialog was decided in two places,
each reading the registry; a second "Ctrl+Q" would have been a third, and wrong on a Mac,
where Quit is Cmd+Q). Read from the source, as the layers are (test_layers.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

GUI = Path(__file__).resolve().parents[2] / "factcheck_app" / "gui"
REGISTRY = GUI / "actions.py"
# A string that is a key and nothing else ("Ctrl+Q", "Shift+F3"), not words naming one.
KEY = re.compile(r"^((Ctrl|Alt|Shift|Meta|Cmd)\+)+[^+\s]+$")


def _keys_written(path: Path) -> list[str]:
    """Where `path` writes a key as a string, or the Quit key (Q) as Qt's key code."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if KEY.match(node.value.strip()):
                found.append(f"{path.name}:{node.lineno} {node.value!r}")
        elif isinstance(node, ast.Attribute) and node.attr == "Key_Q":
            found.append(f"{path.name}:{node.lineno} Key_Q")
    return found


def test_every_key_is_written_only_in_the_registry() -> None:
    written = [
        place
        for path in sorted(GUI.rglob("*.py"))
        if path != REGISTRY
        for place in _keys_written(path)
    ]
    assert written == [], "keys come from gui/actions.py (SPECS, key_sequences, key_text)"


def test_the_quit_key_is_in_the_registry() -> None:
    """The check above reads the right file: the Quit key is written there."""
    assert any("'Ctrl+Q'" in place for place in _keys_written(REGISTRY))
