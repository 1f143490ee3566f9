"""Workspace settings (key/value). The history's store is in `history.py` (imported here
too, where it used to live)."""

from __future__ import annotations

from factcheck_app.storage import sql
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.stores.history import HistoryRow, HistoryStore

__all__ = ["HistoryRow", "HistoryStore", "SettingsStore"]


class SettingsStore:
    """The `settings` table: publisher settings, session marks, the workspace id."""

    def __init__(self, db: WorkspaceDatabase) -> None:
        self.db = db

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        value = sql.read_setting(self.db, key)
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        sql.write_setting(self.db, key, value)

    def delete_setting(self, key: str) -> None:
        # Under its key as bytes too: read once the text one is gone (`read_setting`).
        sql.delete_setting(self.db, key)

    def delete_in_moved_file(self, key: str, value: str) -> bool:
        """Delete `key` while it still holds `value`, in a workspace file moved while open
        (nothing else is written there: `WorkspaceDatabase.write_in_moved_file`). True
        once it is in the file."""
        # Under its key as bytes too, while the value read (`read_setting`) is `value`,
        # as `delete_setting` after that read: a twin in bytes (a mark of a desk that
        # died, rewritten by a script) was left, and told at the next open.
        return self.db.write_in_moved_file(
            f"DELETE FROM settings WHERE {sql.SETTING_KEY} AND (SELECT value FROM settings"
            f" WHERE {sql.SETTING_KEY} ORDER BY typeof(key) = 'blob' LIMIT 1) = ?",
            [key, key, key, key, value],
        )
