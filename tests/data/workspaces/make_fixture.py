"""Write the fixture workspace of the current schema version (run once per released version).

    .venv/bin/python tests/data/workspaces/make_fixture.py

The files are committed; tests open copies and check that migrations keep their data.
"""

from __future__ import annotations

import sys
from pathlib import Path

from factcheck_app.domain.models import Stance, Tag
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.storage.migrations import SCHEMA_VERSION

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[2] / "seeds" / "000_36225f02f4276a91.txt"


def main() -> int:
    target = HERE / f"schema-v{SCHEMA_VERSION}.fcdesk"
    target.unlink(missing_ok=True)
    desk = Desk.open(target, backup=False)
    desk.importer.import_file(SEED)
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
    desk.reviews.set_tag(ids[0], Tag.CLAIM)
    desk.reviews.set_verdict(ids[0], "mostly_true")
    desk.reviews.set_tag(ids[4], Tag.CLAIM)
    desk.reviews.set_verdict(ids[4], "unverifiable")
    desk.reviews.set_text_field(ids[4], "claimant", "Baku")
    desk.sources.link_source(
        ids[4],
        NewSource(
            url="https://example.org/prosecutor-statement",
            title="Statement",
            stance=Stance.SUPPORTS,
            excerpt="one civilian was killed",
        ),
    )
    desk.reviews.set_tag(ids[5], Tag.DENIAL)
    desk.reviews.set_denies(ids[5], ids[4])
    desk.reviews.set_tag(ids[6], None)
    desk.workspace.db.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    desk.close()
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
