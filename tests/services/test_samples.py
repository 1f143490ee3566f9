"""The sample articles a new default workspace gets: once, whoever made the workspace
(the window or a command), and never again once the reviewer has taken them out."""

from __future__ import annotations

from pathlib import Path

from factcheck_app.services.desk import Desk


def test_a_new_workspace_gets_the_samples_once(desk: Desk) -> None:
    assert len(desk.importer.ensure_seeded()) == 1
    assert desk.importer.ensure_seeded() == []
    assert len(desk.articles.list_articles()) == 1


def test_a_removed_sample_is_not_added_again(desk: Desk, workspace_path: Path) -> None:
    (sample,) = desk.importer.ensure_seeded()
    desk.articles.remove_article(sample.article_id)
    desk.close()
    again = Desk.open(workspace_path)  # the next start
    try:
        assert again.importer.ensure_seeded() == []
        assert again.articles.list_articles() == []
    finally:
        again.close()


def test_a_workspace_already_in_use_gets_no_samples(desk: Desk) -> None:
    desk.importer.import_text("An article of the reviewer's own. It was here first.")
    assert desk.importer.ensure_seeded() == []
    desk.articles.remove_article(desk.articles.list_articles()[0].id)
    assert desk.importer.ensure_seeded() == []  # emptied by the reviewer: left empty
    assert len(desk.articles.list_articles()) == 0


def test_samples_none_of_which_could_be_read_come_in_once_the_installation_is_mended(
    desk: Desk, tmp_path: Path
) -> None:
    """Every sample damaged (copied as 0 bytes by a failed install): none came in, yet the
    workspace was marked as having had them, so the mended installation never added them."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    sample = seeds / "001_sample.txt"
    sample.write_bytes(b"")
    assert desk.importer.ensure_seeded(seeds) == []
    sample.write_text("The minister said 40 schools were built. Nobody counted them.", "utf-8")
    assert len(desk.importer.ensure_seeded(seeds)) == 1  # the next start, mended
    assert desk.importer.ensure_seeded(seeds) == []
