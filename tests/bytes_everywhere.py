"""A workspace another program rewrote whole as bytes, for the tests of what the desk
reads from it (tests/services/test_bytes_everywhere.py).

SQLite keeps bytes in a TEXT column, and a file edited by a script or a database browser
may hold any of its words so (a reviewer's name, an article's hash, a history entry). The
desk reads them as the text they spell (`storage/stores/rows.py::stored_text`, CAST(x AS
TEXT) in its SQL): `as_bytes` rewrites every text value of every table as the BLOB of its
UTF-8, and `read_everything` reads what a reviewer meets, for a comparison with the same
workspace untouched."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from factcheck_app.domain.models import ArticleMetadata, SearchScope, Stance, Status, Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.conftest import SEED_FILE

# Tables the desk never reads as a reviewer's words: SQLite's own and the search index
# (it only repeats the other tables; a copy rebuilds it).
_SKIPPED_PREFIXES = ("sqlite_", "search_index")


def _open_as(path: Path, reviewer: str) -> Desk:
    desk = Desk.open(path, backup=False)
    desk.reviewer = desk.edits.actor = reviewer
    return desk


def seeded_pair(folder: Path) -> tuple[Path, Path]:
    """ana.fcdesk: the seed article reviewed by Ana (tags, verdicts, claimants,
    explanations, a denial, sources with excerpts, its properties), signed off and sent
    back by Bob, with Bob's copy merged in; bob.fcdesk: Bob's copy, with a review of his
    own since. Both closed."""
    ana, bob = folder / "ana.fcdesk", folder / "bob.fcdesk"
    desk = _open_as(ana, "Ana Ruiz")
    try:
        article = desk.importer.import_file(SEED_FILE).article_id
        ids = [row.sentence.id for row in desk.reviews.sentence_rows(article)]
        desk.articles.update_article_metadata(
            article,
            ArticleMetadata(
                title="Ankara über Erdoğan",
                outlet="Le Monde",
                author="José Ñúñez",
                url="https://example.org/ankara",
                published=dt.date(2026, 11, 30),
            ),
        )
        desk.reviews.set_tag(ids[0], Tag.CLAIM)
        desk.reviews.set_verdict(ids[0], "false")
        desk.reviews.set_text_field(ids[0], "claimant", "Ministère de l’Intérieur")
        desk.reviews.set_text_field(ids[0], "explanation", "Zählung 2019 — widerlegt.")
        desk.reviews.set_tag(ids[1], Tag.DENIAL)
        desk.reviews.set_denies(ids[1], ids[0])
        desk.reviews.set_tag(ids[2], Tag.FACT)
        desk.reviews.set_verdict(ids[2], "true")
        desk.reviews.set_text_field(ids[2], "explanation", "Bestätigt vom Amt.")
        desk.sources.link_source(
            ids[0],
            NewSource(
                "https://stats.example/zählung",
                "Zählung",
                "Statistikamt",
                accessed=dt.date(2026, 12, 1),
                stance=Stance.REFUTES,
                excerpt="« 4,1 % »",
            ),
        )
        desk.sources.link_source(ids[2], NewSource("https://amt.example/b", "Bericht"))
        desk.reviews.set_status(ids[3], Status.DONE)
    finally:
        desk.close()
    shutil.copy(ana, bob)
    desk = _open_as(bob, "Bob Tran")
    try:
        desk.sign_offs.approve(ids[2], "Gut.")
        desk.sign_offs.send_back(ids[0], "Quelle fehlt für « 2019 ».")
        desk.reviews.set_tag(ids[4], Tag.CLAIM)
        desk.reviews.set_text_field(ids[4], "explanation", "Bobs Prüfung.")
    finally:
        desk.close()
    desk = _open_as(ana, "Ana Ruiz")
    try:
        desk.merge.merge(bob)
    finally:
        desk.close()
    desk = _open_as(bob, "Bob Tran")
    try:
        desk.reviews.set_text_field(ids[5], "claimant", "Bürgermeisterin")
    finally:
        desk.close()
    return ana, bob


def as_bytes(path: Path) -> list[str]:
    """Every text value of every table of the closed workspace `path` rewritten as the
    BLOB of its UTF-8, as another program may leave them; the columns it could not
    rewrite so (a UNIQUE index the rewrite would break), as "table.column"."""
    conn = sqlite3.connect(path)
    left: list[str] = []
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE"
                " 'CREATE VIRTUAL%'"
            )
            if not name.startswith(_SKIPPED_PREFIXES)
        ]
        for table in tables:
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
            for column in columns:
                try:
                    with conn:
                        conn.execute(
                            f'UPDATE "{table}" SET "{column}" = CAST("{column}" AS BLOB)'
                            f" WHERE typeof(\"{column}\") = 'text'"
                        )
                except sqlite3.IntegrityError:
                    left.append(f"{table}.{column}")
                    # A partial UNIQUE index over the non-empty values (history.origin):
                    # the empty ones stay text, the others go as bytes. A CHECK of the
                    # words allowed (a source's stance): SQLite keeps no bytes there.
                    with contextlib.suppress(sqlite3.IntegrityError), conn:
                        conn.execute(
                            f'UPDATE "{table}" SET "{column}" = CAST("{column}" AS BLOB)'
                            f" WHERE typeof(\"{column}\") = 'text' AND \"{column}\" != ''"
                        )
    finally:
        conn.close()
    return left


def _shown(value: Any) -> str:
    return repr(value)


def read_everything(desk: Desk) -> dict[str, str]:
    """What a reviewer meets of the open workspace, each read path by its name."""
    from factcheck_app.services.reports import formats
    from factcheck_app.services.reports.format_table import FORMATS
    from factcheck_app.services.reports.model import load_article_report
    from factcheck_app.services.reports.summary import summarize

    seen: dict[str, str] = {}

    def read(name: str, action: Any) -> None:
        try:
            seen[name] = _shown(action())
        except Exception as error:  # a refusal or a crash is a difference too
            seen[name] = f"raised {type(error).__name__}: {error}"

    articles = desk.articles.list_articles()
    seen["list_articles"] = _shown(articles)
    for summary in articles:
        a = summary.id
        read(f"{a} summary", lambda a=a: desk.articles.article_summary(a))
        read(f"{a} text", lambda a=a: desk.articles.article_text(a))
        read(f"{a} metadata", lambda a=a: desk.articles.article_metadata(a))
        read(f"{a} language", lambda a=a: desk.articles.article_language(a))
        read(f"{a} progress", lambda a=a: desk.articles.progress(a))
        read(f"{a} rows", lambda a=a: desk.reviews.sentence_rows(a))
        read(f"{a} history", lambda a=a: desk.history.entries(a))
        rows = desk.reviews.sentence_rows(a)
        for row in rows:
            s = row.sentence.id
            read(f"{s} review", lambda s=s: desk.reviews.review(s))
            read(f"{s} links", lambda s=s: desk.sources.links(s))
            read(f"{s} versions", lambda s=s: desk.merge.versions(s))
            read(f"{s} sign-off", lambda s=s: desk.sign_offs.sign_off(s))
            read(f"{s} sign-off state", lambda s=s: desk.sign_offs.state(s))
            read(f"{s} checker", lambda s=s: desk.sign_offs.checker(s))
            read(f"{s} history", lambda s=s: desk.history.of_sentence(s))
            read(
                f"{s} history panel",
                lambda s=s: desk.history.shown_of_sentence(s, 200),
            )
            read(f"{s} earlier verdicts", lambda s=s: desk.lookup.earlier_verdicts(s))
        read(f"{a} report", lambda a=a: load_article_report(desk, a, generated_at=_AT))
        for key, fmt in FORMATS.items():
            if fmt.scope == formats.ARTICLE and not fmt.needs_qt:
                read(
                    f"{a} export {key}",
                    lambda a=a, key=key: formats.render_article(
                        key, load_article_report(desk, a, generated_at=_AT)
                    ),
                )
    reports = [load_article_report(desk, s.id, generated_at=_AT) for s in articles]
    for key, fmt in FORMATS.items():
        if fmt.scope == formats.WORKSPACE:
            read(f"export {key}", lambda key=key: formats.render_workspace(key, reports, name="w"))
    read("summary", lambda: summarize(reports, name="w"))
    read("sources", desk.sources.sources)
    for word in ("Zählung", "widerlegt", "Ministère", "Bürgermeisterin", "Statistikamt", "Gut"):
        for scope in SearchScope:
            read(f"search {word} {scope}", lambda w=word, sc=scope: desk.lookup.search(w, sc))
    read("awaiting Ana", lambda: desk.sign_offs.awaiting_from_others("Ana Ruiz"))
    read("awaiting Bob", lambda: desk.sign_offs.awaiting_from_others("Bob Tran"))
    read("returned to Ana", lambda: desk.sign_offs.returned_to("Ana Ruiz"))
    read("verify", lambda: desk.history.verify().summary)
    read("check", lambda: desk.upkeep.check().lines)
    return seen


_AT = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)
