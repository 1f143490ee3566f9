"""What reading an SQLite file can raise besides SQLite's own errors.

SQLite's message about a damaged file can quote the file's own bytes, for example the
name of an object in "malformed database schema (…)". When those bytes are not UTF-8,
Python cannot decode the message, and the call raises UnicodeDecodeError in place of
the sqlite3 error. Code that reads a file it does not trust (a workspace, a backup,
another desk's file) catches these tuples, not sqlite3's classes alone.
"""

from __future__ import annotations

import sqlite3

# Any failure of a statement on such a file (in place of `sqlite3.Error`).
SQLITE_FAILURES: tuple[type[Exception], ...] = (sqlite3.Error, UnicodeDecodeError)
# A file that cannot be read as a database (in place of `sqlite3.DatabaseError`).
UNREADABLE_DATABASE: tuple[type[Exception], ...] = (sqlite3.DatabaseError, UnicodeDecodeError)
