"""What the assist proposes for one sentence, and the bounds on the text it reads."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck_app.domain.models import Tag

# A sentence is judged by its first characters only. Real ones are far shorter (the
# longest of the test corpora has 345); longer "sentences" are paragraphs or whole files
# without full stops (tables, hostile text), and judging all of one would hold up the
# window for as long as it takes. Not the splitter's cap (`segmentation.
# MAX_SENTENCE_CHARS`), though both are 5,000: sentences imported before that cap keep
# their length, a merge (Ctrl+M) can make one longer, and either bound may change alone.
JUDGED_CHARS = 5_000
# About how much text one step of `suggest_article_steps` works through.
STEP_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What the assist proposes for one sentence; the reviewer decides.

    ``tag`` None means nothing to check. ``cue`` is the human-readable reason for the tag,
    ``reasons`` the check-worthiness features with their weights. ``denies_index`` is the
    index (into the same sentence sequence) of the claim a denial most likely answers,
    None when nothing ties it to one (A then records no link rather than a wrong one).
    """

    tag: Tag | None
    confidence: float
    cue: str
    claimant: str = ""
    checkworthiness: float = 0.0
    reasons: tuple[str, ...] = ()
    denies_index: int | None = None
    denies_score: float = 0.0
    # What the suggestion cannot know, said plainly: "Spanish article: …" (outside English).
    note: str = ""
