"""Make a small team workspace with the desk's code at the commit it runs from.

team-schema-v5.fcdesk was made with it at bcd6bea, the last commit of schema 5 (a worktree of
that commit):  PYTHONPATH=. python tests/data/workspaces/make_team_fixture.py OUT.fcdesk
(the script is not run by the tests: it needs the older code's services).
Alice imports the sample, tags, judges, types, links sources, marks a denial and a second
look, edits the article's properties and the publisher setting, undoes and redoes; Eve
approves one verdict and returns another; Bob, working on a copy, judges one sentence
otherwise and tags another; Alice merges Bob's copy (one conflict, one new review).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

from factcheck_app.domain.models import ArticleMetadata, Stance, Status, Tag
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.settings import PUBLISHER_NAME, set_setting

SEED = Path("seeds") / "000_36225f02f4276a91.txt"


def main(out: Path) -> int:
    out.unlink(missing_ok=True)
    bob_path = out.with_name("bob-" + out.name)
    bob_path.unlink(missing_ok=True)
    desk = Desk.open(out, backup=False, reviewer="Alice")
    desk.importer.import_file(SEED)
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
    desk.reviews.set_tag(ids[0], Tag.CLAIM)
    desk.reviews.set_verdict(ids[0], "mostly_true")
    desk.reviews.set_text_field(ids[0], "claimant", "Yerevan")
    desk.reviews.set_text_field(ids[0], "explanation", "Census figures agree.")
    desk.sources.link_source(
        ids[0],
        NewSource(
            url="https://example.org/census",
            title="Census 2019",
            publisher="Statistics office",
            accessed=dt.date(2020, 10, 5),
            stance=Stance.SUPPORTS,
            excerpt="332,000 people",
        ),
    )
    desk.reviews.set_tag(ids[4], Tag.CLAIM)
    desk.reviews.set_verdict(ids[4], "false")
    desk.reviews.set_text_field(ids[4], "claimant", "Baku")
    desk.sources.link_source(
        ids[4],
        NewSource(
            url="https://example.org/prosecutor-statement",
            title="Statement",
            stance=Stance.REFUTES,
            excerpt="one civilian was killed",
        ),
    )
    desk.reviews.set_tag(ids[5], Tag.DENIAL)
    desk.reviews.set_denies(ids[5], ids[4])
    desk.reviews.set_tag(ids[6], Tag.FACT)
    desk.reviews.set_status(ids[6], Status.SECOND_LOOK)
    desk.reviews.set_tag(ids[7], Tag.CLAIM)
    desk.undo()
    desk.redo()
    meta = desk.articles.article_metadata(1)
    desk.articles.update_article_metadata(
        1,
        ArticleMetadata(
            title="Shelling of Ganja",
            outlet="Example Times",
            author="A. Reporter",
            url="https://example.org/ganja",
            published=dt.date(2020, 10, 4),
            extra=meta.extra,
            language=meta.language,
        ),
    )
    set_setting(desk, PUBLISHER_NAME, "Example Fact Desk")
    desk.close()

    # Bob works on a copy of Alice's workspace (taken as the docs say: SQLite's backup).
    with sqlite3.connect(out) as src, sqlite3.connect(bob_path) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    bob = Desk.open(bob_path, backup=False, reviewer="Bob")
    bob.reviews.set_verdict(ids[4], "mostly_false")
    bob.reviews.set_tag(ids[2], Tag.CLAIM)
    bob.reviews.set_verdict(ids[2], "true")
    bob.workspace.db.execute("PRAGMA journal_mode = DELETE")
    bob.close()

    eve = Desk.open(out, backup=False, reviewer="Eve")
    eve.sign_offs.approve(ids[0])
    eve.sign_offs.send_back(ids[4], "Needs a second source")
    eve.close()

    alice = Desk.open(out, backup=False, reviewer="Alice")
    result = alice.merge.merge(bob_path)
    print("merge:", getattr(result, "summary", result))
    alice.workspace.db.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    alice.close()
    bob_path.unlink()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
