"""The layers are a contract (docs/architecture.md): gui → services → storage → domain,
config and logs below all, cli beside gui; Qt only in gui, SQLite and SQL only in storage.

The whole package's import graph is read from the source (imports inside functions
count too), so a forbidden import fails here before it ships.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "factcheck_app"

# What each layer may import from the package (besides itself).
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "config": set(),
    "logs": {"config"},
    "storage": {"domain", "config", "logs"},
    "services": {"storage", "domain", "config", "logs"},
    "gui": {"services", "domain", "config", "logs"},
    "cli": {"services", "domain", "config", "logs"},
    "package": {"config"},  # factcheck_app/__init__.py
    "entry": {"cli", "gui", "services", "domain", "config", "logs"},  # __main__: composes
}
# Outside libraries that belong to one layer only.
ONLY_IN: dict[str, set[str]] = {
    "PySide6": {"gui"},
    "shiboken6": {"gui"},
    "sqlite3": {"storage"},
    "sqlite_utils": {"storage"},
}
# SQL statements in string literals (the code's own SQL, not words in messages).
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|PRAGMA)\b")


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. factcheck_app.gui.main_window
    line: int
    target: str  # what it imports, e.g. factcheck_app.storage.backups


def layer_of(module: str) -> str:
    parts = module.split(".")
    if parts == ["factcheck_app"]:
        return "package"
    if parts[1] == "__main__":
        return "entry"
    return parts[1]


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(module: str, path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(module, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the importing package
                package = module.split(".")[: -node.level or None]
                if path.name == "__init__.py":
                    package = module.split(".")[: len(module.split(".")) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            found.append(Import(module, node.lineno, base))
    return found


def violations(graph: dict[str, list[Import]]) -> list[str]:
    problems = []
    for module, found in graph.items():
        layer = layer_of(module)
        for imported in found:
            top = imported.target.split(".")[0]
            where = f"{module}:{imported.line} imports {imported.target}"
            if top == "factcheck_app" and "." in imported.target:
                target_layer = layer_of(imported.target)
                if target_layer != layer and target_layer not in ALLOWED[layer]:
                    problems.append(f"{where}: {layer} may not import {target_layer}")
            elif top in ONLY_IN and layer not in ONLY_IN[top]:
                problems.append(f"{where}: only {'/'.join(sorted(ONLY_IN[top]))} may use {top}")
    return problems


def sql_outside_storage() -> list[str]:
    problems = []
    for module, path in modules().items():
        if layer_of(module) == "storage":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and SQL.search(text):
                problems.append(f"{module}:{node.lineno} holds SQL: {text[:60]!r}")
    return problems


def test_every_import_follows_the_layers() -> None:
    graph = {module: imports_of(module, path) for module, path in modules().items()}
    assert violations(graph) == []


def test_no_sql_above_storage() -> None:
    assert sql_outside_storage() == []


@pytest.mark.parametrize(
    ("module", "target", "words"),
    [
        (
            "factcheck_app.gui.main_window",
            "factcheck_app.storage.backups",
            "gui may not import storage",
        ),
        ("factcheck_app.cli", "factcheck_app.gui.pdf_report", "cli may not import gui"),
        (
            "factcheck_app.domain.assist",
            "factcheck_app.services.desk",
            "domain may not import services",
        ),
        ("factcheck_app.services.desk", "sqlite3", "only storage may use sqlite3"),
        ("factcheck_app.storage.search", "PySide6.QtCore", "only gui may use PySide6"),
    ],
)
def test_a_forbidden_import_is_caught(module: str, target: str, words: str) -> None:
    """The check itself: each kind of leak the review found is reported."""
    assert any(words in problem for problem in violations({module: [Import(module, 1, target)]}))


def test_the_check_sees_the_whole_package() -> None:
    found = modules()
    assert "factcheck_app.gui.main_window" in found and "factcheck_app.storage.workspace" in found
    assert len(found) > 50
