"""Errors cross processes (a parser worker sends its refusal back pickled) and are copied:
each must come back the same error, saying the same words. Exception's own way calls the
class again with its words alone, and a class whose words are made from its parts broke:
NoSuchFolder (a message and a folder) failed to come back at all, ExportCancelled (no
argument) too, and WorkspaceChangedWhileRead (a path) said its message twice, "The
workspace The workspace w.fcdesk was changed … was changed …"."""

from __future__ import annotations

import ast
import copy
import datetime as dt
import importlib
import inspect
import pickle
from pathlib import Path

import pytest

import factcheck_app
from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.models import ArticleMetadata, Source, SourceLink

# Every module that declares an error for the user (checked below: none is left out).
ERROR_MODULES = (
    "factcheck_app.cli",
    "factcheck_app.domain.errors",
    "factcheck_app.domain.own_reports",
    "factcheck_app.gui.pdf_builder",
    "factcheck_app.services.articles",
    "factcheck_app.services.boundaries",
    "factcheck_app.services.edits",
    "factcheck_app.services.merge",
    "factcheck_app.services.reports.claimreview",
    "factcheck_app.services.reports.model",
    "factcheck_app.services.reports.review_import",
    "factcheck_app.services.sign_offs",
    "factcheck_app.services.sources",
)

# A value for each kind of required argument a constructor takes.
SAMPLES = {
    "str": "report.pdf",
    "Path": Path("/news/desks/missing"),
    "Path | None": Path("/news/w.fcdesk"),
    "list[str]": ["title", "author"],  # Article Properties names them so; Edit Source joins any
    "SourceLink": SourceLink(3, 7, Source(2, "https://stats.example/census", "Census 2019")),
    "ArticleMetadata": ArticleMetadata(
        "Minister claims record jobs", "Daily Planet", "Lois Lane", published=dt.date(2026, 12, 7)
    ),
}


def _every_error() -> list[type[FactcheckError]]:
    for name in ERROR_MODULES:
        importlib.import_module(name)
    found: list[type[FactcheckError]] = [FactcheckError]
    for kind in found:
        found += [sub for sub in kind.__subclasses__() if sub not in found]
    return sorted(
        (kind for kind in found if kind.__module__.startswith("factcheck_app.")),
        key=lambda kind: kind.__qualname__,
    )


def _made(kind: type[FactcheckError]) -> FactcheckError:
    """`kind` made with every required argument given, as its raisers give them."""
    params = [
        p
        for p in list(inspect.signature(kind.__init__).parameters.values())[1:]
        if p.default is inspect.Parameter.empty
        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
    if [p.kind for p in params] == [inspect.Parameter.VAR_POSITIONAL]:  # Exception's own
        return kind("The file could not be read.")
    return kind(*(SAMPLES[str(p.annotation)] for p in params))


@pytest.mark.parametrize("kind", _every_error(), ids=lambda kind: kind.__qualname__)
def test_an_error_pickled_or_copied_comes_back_saying_the_same(
    kind: type[FactcheckError],
) -> None:
    error = _made(kind)
    for again in (pickle.loads(pickle.dumps(error)), copy.copy(error)):
        assert type(again) is kind
        assert str(again) == str(error)
        assert vars(again) == vars(error)


def test_every_module_declaring_an_error_is_checked() -> None:
    names = {kind.__name__ for kind in _every_error()}
    declaring = set()
    root = Path(factcheck_app.__file__).parent
    for source in root.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(base, ast.Name) and base.id in names for base in node.bases
            ):
                module = ".".join(source.relative_to(root.parent).with_suffix("").parts)
                declaring.add(module)
    assert declaring <= set(ERROR_MODULES), sorted(declaring - set(ERROR_MODULES))
