"""A desk closing its workspace on a full disk cannot remove its "open" mark (a write),
but SQLite still moves every save into the file and deletes the -wal as it closes. The
next morning that file held the mark and no -wal, which is how a copy taken while its
desk had it open is told: the reviewer's own workspace opened with "… was copied while a
desk had it open … may be missing here". The mark now says which file it was written in:
a copy is another file, the workspace itself is not."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from factcheck_app.services.desk import Desk
from factcheck_app.storage.errors import wal_of
from tests.desk_left_open import desk_left_open
from tests.services.merge_fixtures import SHARED


def _fill(folder: Path) -> Path:
    """Fill the disk of `folder` to the last byte; the filler, to remove."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def _closed_on_a_full_disk(path: Path) -> None:
    """A desk in another process saves two verdicts, the disk fills up, and it is closed
    (Ctrl+Q): its mark stays, its -wal does not."""
    with desk_left_open(path, "Ann") as desk:
        ids = desk.do("import", SHARED, "shared.txt")
        assert isinstance(ids, list)
        desk.do("verdict", ids[0], "false")
        desk.do("verdict", ids[1], "true")
        _fill(path.parent)
    assert not wal_of(path).exists()


def test_ones_own_workspace_closed_on_a_full_disk_is_not_called_a_copy(
    small_disk: Path,
) -> None:
    path = small_disk / "w.fcdesk"
    _closed_on_a_full_disk(path)
    (small_disk / "filler").unlink()  # the next morning: room again
    desk = Desk.open(path, backup=False)
    try:
        assert not desk.copied_while_open
        assert desk.unclosed_without_wal  # told in words true of a full disk
        assert desk.unconfirmed_edits  # the last edits it holds, still listed to check
        rows = desk.reviews.sentence_rows(desk.articles.list_articles()[0].id)
        assert [r.review.verdict for r in rows[:2]] == ["false", "true"]  # nothing lost
    finally:
        desk.close()


def test_a_copy_of_it_is_still_told_as_a_copy(small_disk: Path, tmp_path: Path) -> None:
    path = small_disk / "w.fcdesk"
    _closed_on_a_full_disk(path)
    copy = tmp_path / "w (1).fcdesk"
    shutil.copyfile(path, copy)  # another file: the mark was not written in it
    desk = Desk.open(copy, backup=False)
    try:
        assert desk.copied_while_open
        assert not desk.unclosed_without_wal
    finally:
        desk.close()
