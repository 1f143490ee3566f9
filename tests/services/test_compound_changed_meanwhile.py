"""A step of several edits (Reuse Sources) refused as changed meanwhile says so in the
words of the edit whose read changed, whichever of them it is."""

from __future__ import annotations

from factcheck_app.domain.errors import EditRefused
from factcheck_app.services.edits import CompoundEdit, Edit


class _MadeFromNothing(Edit):
    description = "Tag sentence"


class _MadeFromAPage(Edit):
    description = "Link source Jobs report"

    def __init__(self) -> None:
        self.made_from = ("page", "not linked")

    def changed_meanwhile(self, now: object) -> EditRefused:
        return EditRefused(f"Jobs report was linked meanwhile: {now}")


def test_a_later_edit_changed_meanwhile_is_said_in_its_words_after_one_made_from_nothing() -> None:
    step = CompoundEdit(1, [_MadeFromNothing(), _MadeFromAPage()], "Reuse 2 sources")
    now = [None, ("page", "linked")]
    assert now != step.made_from  # what `EditStack.push` finds
    refused = step.changed_meanwhile(now)
    assert str(refused) == "Jobs report was linked meanwhile: ('page', 'linked')"
