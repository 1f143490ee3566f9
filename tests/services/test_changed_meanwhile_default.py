"""A step that looks whether what it was made from is still so (`Edit.made_from`) and has
no refusal words of its own is refused as a change meanwhile (`ChangedMeanwhile`), which
the window answers by reading the article again (`shown_as_saved_if_changed`): the
default refusal was a plain `EditRefused`, and such a step's window kept showing what
another program had changed.

Today every step that sets `made_from` has its own words (a review edit, a link, a
merge, split or re-split, a decision, a sign-off, Article Properties); those left on the
default (Remove Article, a workspace merge, an empty compound step) look at nothing.
Article Properties is put back on the default here, as a step added later would be."""

from __future__ import annotations

import dataclasses

import pytest

from factcheck_app.domain.errors import ChangedMeanwhile
from factcheck_app.services.articles import ArticlePropertiesEdit
from factcheck_app.services.desk import Desk
from factcheck_app.services.edits import Edit
from factcheck_app.storage.repositories import WorkspaceRepository


@dataclasses.dataclass
class PropertiesAsRead(ArticlePropertiesEdit):
    """Article Properties made from the article's properties as read, looked at again in
    its own transaction, on the default `changed_meanwhile`."""

    def made_from_now(self, repo: WorkspaceRepository) -> object:
        return repo.articles.article_metadata(self.article_id)

    changed_meanwhile = Edit.changed_meanwhile


def test_a_step_on_the_default_refusal_is_refused_as_changed_meanwhile(
    seeded_desk: Desk,
) -> None:
    desk = seeded_desk
    before = desk.articles.article_metadata(1)
    step = PropertiesAsRead(1, before, dataclasses.replace(before, title="Ours"))
    step.made_from = before
    helper = desk.open_helper()  # another connection saves the title meanwhile
    try:
        helper.articles.update_article_metadata(1, dataclasses.replace(before, title="Theirs"))
    finally:
        helper.close()
    with pytest.raises(ChangedMeanwhile) as refused:
        desk.edits.push(step)
    assert "was not saved" in str(refused.value) and "Nothing was changed" in str(refused.value)
    assert desk.articles.article_metadata(1).title == "Theirs"  # nothing written over it
