"""Workspace settings (key/value) and the history of every edit, undo and redo."""

from __future__ import annotations

import json
from typing import Any

from factcheck_app.storage import sql
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.stores.rows import now_iso


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
        self.db.execute("DELETE FROM settings WHERE key = ?", [key])


class HistoryStore:
    """The `history` table: what was done, by whom, when, with old and new values."""

    def __init__(self, db: WorkspaceDatabase) -> None:
        self.db = db

    def history_since(self, history_id: int, limit: int = 20) -> list[dict[str, Any]]:
        """The newest history rows after `history_id`, newest first."""
        return [
            dict(row)
            for row in self.db.query(
                "SELECT id, at, actor, action, description, entity, entity_id, new FROM history"
                " WHERE id > ? ORDER BY id DESC LIMIT ?",
                [history_id, limit],
            )
        ]

    def last_history_id(self) -> int:
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0])

    def record_history(
        self,
        *,
        actor: str,
        action: str,
        description: str,
        entity: str,
        entity_id: int | None,
        old: object,
        new: object,
    ) -> None:
        self.db.execute(
            "INSERT INTO history (at, actor, action, description, entity, entity_id, old, new)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                now_iso(),
                actor,
                action,
                description,
                entity,
                entity_id,
                json.dumps(old, ensure_ascii=False, default=str),
                json.dumps(new, ensure_ascii=False, default=str),
            ],
        )
