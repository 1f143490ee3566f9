"""The one place that turns errors into words on screen."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from factcheck_app.domain.errors import FactcheckError

F = TypeVar("F", bound=Callable[..., Any])


def error_text(error: BaseException) -> str:
    """The sentence a journalist reads for an error."""
    if isinstance(error, FactcheckError):
        return str(error)
    if isinstance(error, sqlite3.OperationalError) and "full" in str(error).lower():
        return "The disk is full: the change was NOT saved. Free some space and try again."
    if isinstance(error, sqlite3.OperationalError) and "readonly" in str(error).lower():
        return "The workspace is read-only here: the change was NOT saved."
    if isinstance(error, sqlite3.Error):
        return f"The workspace could not be written: the change was NOT saved ({error})."
    if isinstance(error, OSError):
        return f"{error.strerror or error}: {error.filename or ''}".strip(": ")
    return f"Unexpected error: {error}"


def show_error(parent: QWidget | None, error: BaseException, title: str = "Factcheck desk") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, error_text(error), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def guarded(method: F) -> F:
    """Run a window slot; user-facing errors become a message box, never a crash."""

    @wraps(method)
    def wrapper(self: QWidget, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except (FactcheckError, sqlite3.Error, OSError) as error:
            show_error(self, error)
            return None

    return wrapper  # type: ignore[return-value]
