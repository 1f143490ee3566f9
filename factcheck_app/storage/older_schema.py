"""An older workspace opened read-only is not migrated (its bytes never change), yet the
stores read schema 5's tables and columns. Here each missing one is stood in for by a
TEMP table or view of this connection: unqualified names find TEMP objects first, nothing
is written to the file, and what the older file holds reads as it would once migrated
(each review its reviewer's own version, no sign-offs, links and history by nobody).

Another desk may migrate the file while it is open here (a read-only window beside the
window that upgraded it): the stand-ins would then hide the real tables. `keep_up` drops
them once the file's schema has changed, and stands in only for what is still missing."""

from __future__ import annotations

from factcheck_app.storage.errors import WorkspaceDatabase

_STAND_INS = (
    (
        "review_versions",
        None,
        "CREATE TEMP VIEW review_versions AS SELECT sentence_id, reviewer, tag, rating,"
        " claimant, explanation, status, denies_sentence_id, updated_at FROM main.reviews",
    ),
    (
        "sign_offs",
        None,
        "CREATE TEMP TABLE sign_offs (sentence_id INTEGER PRIMARY KEY, decision TEXT NOT NULL,"
        " editor TEXT NOT NULL, checker TEXT NOT NULL, note TEXT NOT NULL, at TEXT NOT NULL)",
    ),
    (
        "sentence_sources",
        "reviewer",
        "CREATE TEMP VIEW sentence_sources AS SELECT id, sentence_id, source_id, stance,"
        " excerpt, created_at, '' AS reviewer FROM main.sentence_sources",
    ),
    (
        "history",
        "hash",
        # Filed under its sentence and article as the migration would file it (a link's
        # sentence, named only in its JSON, is left out: a read stays a plain read); its
        # kind as text, as another program may have rewritten it as bytes.
        "CREATE TEMP VIEW history AS SELECT id, at, actor, action, description, entity,"
        " entity_id, old, new,"
        " CASE WHEN CAST(entity AS TEXT) = 'article' THEN entity_id ELSE (SELECT s.article_id"
        "   FROM main.sentences s WHERE s.id = h.entity_id"
        "   AND CAST(h.entity AS TEXT) IN ('review', 'sentence')) END AS article_id,"
        " CASE WHEN CAST(entity AS TEXT) IN ('review', 'sentence') THEN entity_id END"
        " AS sentence_id,"
        " '' AS origin, '' AS prev_hash, '' AS hash FROM main.history h",
    ),
)


def stand_in_for_missing(db: WorkspaceDatabase) -> None:
    """Make schema 5's tables and columns readable over an older, read-only file."""
    tables = set(db.table_names())
    made = []
    for table, column, create in _STAND_INS:
        missing = table not in tables or (
            column is not None and column not in {c.name for c in db[table].columns}
        )
        if missing:
            db.execute(create)
            made.append(table)
    db.stand_ins = tuple(made)
    db.stand_ins_schema = _schema_cookie(db) if made else None


def keep_up(db: WorkspaceDatabase) -> None:
    """Drop the stand-ins when another program has changed the file's schema (migrated
    it) since they were made; stand in again for whatever is still missing."""
    if not db.stand_ins or _schema_cookie(db) == db.stand_ins_schema:
        return
    for table, _column, create in _STAND_INS:
        if table in db.stand_ins:
            kind = "VIEW" if create.startswith("CREATE TEMP VIEW") else "TABLE"
            db.execute(f"DROP {kind} IF EXISTS temp.{table}")
    db.stand_ins, db.stand_ins_schema = (), None
    stand_in_for_missing(db)


def _schema_cookie(db: WorkspaceDatabase) -> int:
    """SQLite's count of the file's schema changes (what another program commits)."""
    return int(db.execute("PRAGMA main.schema_version").fetchone()[0])
