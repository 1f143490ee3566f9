"""The SQLite workspace: connection, migrations and repositories (sqlite-utils underneath)."""
