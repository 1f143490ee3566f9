"""A workspace updated to schema 7 is read by colleagues whose desk is older (read-only,
as docs/schema.md says). Their desk checks each history entry's hash from the fields it
knows, without the session (schema 7's `history.session`). The session is in an entry's
hash when not '', so such a desk's Check Workspace and `factcheck-app verify` call every
entry written since the update "changed after it was written … changed outside the
desk: keep this file as it is, as evidence" (seen with the desk of commit 286f9ea3 on
7 December). Known, not fixed: the hash would have to stay what an older desk computes,
with the session sealed apart (a chained digest of its own), a format decision."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from factcheck_app.domain.history import chained
from factcheck_app.domain.models import Tag
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids


@pytest.mark.xfail(strict=True, reason="the session is in the hash an older desk checks")
def test_an_older_desk_computes_the_hash_of_an_entry_written_since_schema_7(
    tmp_path: Path,
) -> None:
    desk = open_as(tmp_path / "w.fcdesk", "Edith Park")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        sentence = sentence_ids(desk, article)[0]
        desk.reviews.set_tag(sentence, Tag.CLAIM)
        entries = list(desk.repo.history.entries())
        assert entries and all(e.session for e in entries)
        # What a desk before schema 7 reads of each entry (no session), hashed as it does.
        older = [chained(dataclasses.replace(e, session="")) for e in entries]
        assert [e.hash for e in older] == [e.hash for e in entries]
    finally:
        desk.close()
