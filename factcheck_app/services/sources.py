"""Evidence: the workspace's sources, and linking them to sentences (undoable)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from factcheck_app.domain.errors import (
    ChangedMeanwhile,
    EarlierSentenceGone,
    EditRefused,
    NotFound,
)
from factcheck_app.domain.models import Source, SourceLink, Stance
from factcheck_app.domain.review_rules import typed_too_long
from factcheck_app.domain.urls import validate_source_url
from factcheck_app.services.edits import (
    Change,
    CompoundEdit,
    Edit,
    EditSourceLinkEdit,
    EditStack,
    LinkChangedMeanwhile,
    LinkSourceEdit,
    UnlinkSourceEdit,
    link_changes,
)
from factcheck_app.storage.repositories import WorkspaceRepository


@dataclass(frozen=True, slots=True)
class NewSource:
    """What the reviewer typed in the link-source dialog. `accessed` None: not recorded
    (the dialog's field left blank); today unless given."""

    url: str
    title: str = ""
    publisher: str = ""
    accessed: dt.date | None = dataclasses.field(default_factory=dt.date.today)
    stance: Stance = Stance.CONTEXT
    excerpt: str = ""


class SourceChangedMeanwhile(ChangedMeanwhile):
    """Edit Source refused: a field the reviewer changed in the dialog was changed by
    another program (or a merge undone) too while it was open. `over`: the link as shown
    with those fields as saved now; the next OK, made from it, goes over them (the box
    says so), and still keeps what the reviewer left as shown."""

    def __init__(self, fields: list[str], over: SourceLink) -> None:
        super().__init__(
            f"Not saved: the {' and '.join(fields)} of this source "
            f"{'was' if len(fields) == 1 else 'were'} changed by another program while the "
            "dialog was open (the panel shows it now). OK again saves yours over it."
        )
        self.over = over


def _as_saved_unless_typed(
    new: NewSource, url: str, shown: SourceLink, now: SourceLink
) -> tuple[NewSource, str]:
    """`new` (and its `url`) with each field the reviewer left as the dialog showed it
    (`shown`) as saved `now`: another program's title or excerpt saved while the dialog
    was open was written over by values nobody typed. A field both changed is refused.
    Text is compared as it would be saved (trimmed, `_trimmed`): a blank left at the end
    of a title was "typed", refused as a clash, and the next OK put the title as shown
    back over another program's."""
    title, publisher, excerpt = (
        _trimmed(new.title, shown.source.title),
        _trimmed(new.publisher, shown.source.publisher),
        _trimmed(new.excerpt, shown.excerpt),
    )
    pairs: dict[str, tuple[object, object, object]] = {
        "URL": (url, shown.source.url, now.source.url),
        "title": (title, shown.source.title, now.source.title),
        "publisher": (publisher, shown.source.publisher, now.source.publisher),
        "accessed date": (new.accessed, shown.source.accessed, now.source.accessed),
        "stance": (new.stance, shown.stance, now.stance),
        "excerpt": (excerpt, shown.excerpt, now.excerpt),
    }
    clashes = [
        name
        for name, (typed, was, saved) in pairs.items()
        if saved != was and typed != was and typed != saved
    ]
    if clashes:
        source = shown.source
        over = dataclasses.replace(
            shown,
            source=dataclasses.replace(
                source,
                url=now.source.url if "URL" in clashes else source.url,
                title=now.source.title if "title" in clashes else source.title,
                publisher=now.source.publisher if "publisher" in clashes else source.publisher,
                accessed=now.source.accessed if "accessed date" in clashes else source.accessed,
            ),
            stance=now.stance if "stance" in clashes else shown.stance,
            excerpt=now.excerpt if "excerpt" in clashes else shown.excerpt,
        )
        raise SourceChangedMeanwhile(clashes, over)

    def kept(name: str) -> object:
        typed, was, saved = pairs[name]
        return saved if typed == was else typed

    as_saved = NewSource(
        url=str(kept("URL")),
        title=str(kept("title")),
        publisher=str(kept("publisher")),
        accessed=now.source.accessed if new.accessed == shown.source.accessed else new.accessed,
        stance=now.stance if new.stance == shown.stance else new.stance,
        excerpt=str(kept("excerpt")),
    )
    return as_saved, as_saved.url


class Sources:
    """The sources of a workspace and the links from sentences to them."""

    def __init__(self, repo: WorkspaceRepository, edits: EditStack) -> None:
        self.repo = repo
        self.edits = edits

    def sources(self) -> list[Source]:
        return self.repo.sources.list_sources()

    def links(self, sentence_id: int) -> list[SourceLink]:
        return self.repo.sources.links_for_sentence(sentence_id)

    def link_source(self, sentence_id: int, new: NewSource) -> Change:
        """Attach a source (reusing the workspace's record of that URL when it exists)."""
        url = validate_source_url(new.url)
        article_id = self.repo.sentences.article_of_sentence(sentence_id)
        existing = self.repo.sources.find_source_by_url(url)
        if existing is not None and self.repo.sources.is_linked(sentence_id, existing.id):
            raise EditRefused("This source is already linked to the sentence.")
        source = existing or Source(
            id=0,
            url=url,
            title=new.title.strip(),
            publisher=new.publisher.strip(),
            # As given: blank in the dialog ("blank: not recorded") was recorded as today.
            accessed=new.accessed,
        )
        link = SourceLink(0, sentence_id, source, new.stance, new.excerpt.strip(), self.edits.actor)
        refused = typed_too_long("excerpt", link.excerpt)
        if refused is not None:
            raise EditRefused(refused)
        title = source.name
        edit = LinkSourceEdit(
            article_id,
            link,
            creates_source=existing is None,
            description=f"Link source {title}",
        )
        return self.edits.push(edit)

    def unlink_source(
        self, link_id: int, sentence_id: int, *, shown: SourceLink | None = None
    ) -> Change:
        """Remove the link, as one undo step. `shown`: the link as the window showed it
        when the reviewer asked; saved otherwise now (another program changed its excerpt,
        stance or page since), the removal is refused in words saying what changed, and
        nothing is removed: read again by its number, she removed a quote she never saw."""
        article_id = self.repo.sentences.article_of_sentence(sentence_id)
        link = self._link(link_id, sentence_id)
        # Compared as the list shows it: who linked it is shown nowhere there, and another
        # program rewriting it refused Delete with nothing changed to see.
        if shown is not None and dataclasses.replace(shown, reviewer=link.reviewer) != link:
            changed = link_changes(shown, link)
            raise LinkChangedMeanwhile(
                "Not removed: this source link was changed by another program since the "
                f"window showed it{f' ({changed})' if changed else ''}. The Sources list "
                "shows it as saved now; remove it again if it should still go."
            )
        # Named as a link is: "Undone: Remove source." did not say which one came back.
        return self.edits.push(
            UnlinkSourceEdit(article_id, link, description=f"Remove source {link.source.name}")
        )

    def _link(self, link_id: int, sentence_id: int) -> SourceLink:
        for link in self.repo.sources.links_for_sentence(sentence_id):
            if link.id == link_id:
                return link
        raise NotFound("That source is no longer linked to the sentence.")

    def sentences_sharing(self, link: SourceLink) -> int:
        """How many other sentences link the link's source (they share its title,
        publisher and accessed date)."""
        return max(0, self.repo.sources.source_link_count(link.source.id) - 1)

    def edit_link(
        self, link_id: int, sentence_id: int, new: NewSource, *, shown: SourceLink | None = None
    ) -> Change | None:
        """Change a linked source as the reviewer typed it again, as one undo step; None
        when nothing differs (nothing is recorded).

        The stance and excerpt are the link's, for this sentence only. The title,
        publisher and accessed date are the source's, shared by every sentence linking
        it. Another URL points the link at another source, keeping stance and excerpt:
        the workspace's record of that URL as it is (as linking does), or a new source
        with the typed fields; the old source stays for its other links. A source linked
        here only has its URL corrected in place (no stray record of the typo is left).
        A title, publisher or excerpt given back as stored is kept exactly so, blanks at
        its ends and all (docs/safety.md "Typed text"); one typed is trimmed as a new
        link's is. `shown`: the link as the dialog showed it; a field left so keeps what
        another program saved since, one changed by both is refused
        (`SourceChangedMeanwhile`).
        """
        url = validate_source_url(new.url)
        article_id = self.repo.sentences.article_of_sentence(sentence_id)
        before = self._link(link_id, sentence_id)
        if shown is not None and shown != before:
            new, url = _as_saved_unless_typed(new, url, shown, before)
        old = before.source
        typed = dataclasses.replace(
            old,
            url=url,
            title=_trimmed(new.title, old.title),
            publisher=_trimmed(new.publisher, old.publisher),
            accessed=new.accessed,
        )
        target, creates = typed, False
        if url != old.url:
            existing = self.repo.sources.find_source_by_url(url)
            if existing is not None:
                if self.repo.sources.is_linked(sentence_id, existing.id):
                    raise EditRefused(
                        "That URL is already linked to the sentence: edit or remove that "
                        "link instead."
                    )
                target = existing
            elif self.sentences_sharing(before):
                target, creates = dataclasses.replace(typed, id=0), True
        after = dataclasses.replace(
            before, source=target, stance=new.stance, excerpt=_trimmed(new.excerpt, before.excerpt)
        )
        if after == before:
            return None
        refused = typed_too_long("excerpt", after.excerpt, before.excerpt)
        if refused is not None:
            raise EditRefused(refused)
        edit = EditSourceLinkEdit(
            article_id,
            before,
            after,
            creates_source=creates,
            description=f"Edit source {target.name}",
        )
        return self.edits.push(edit)

    def reuse_sources(self, sentence_id: int, from_sentence_id: int) -> Change | None:
        """Link every source of an earlier sentence to this one (same stance and excerpt),
        as one undo step. Sources already linked here are left as they are; None when
        there is nothing new to link."""
        article_id = self.repo.sentences.article_of_sentence(sentence_id)
        if not self.repo.sentences.sentence_exists(from_sentence_id):
            raise EarlierSentenceGone  # its links read as none: "nothing new to link"
        linked = {link.source.id for link in self.repo.sources.links_for_sentence(sentence_id)}
        edits: list[Edit] = [
            LinkSourceEdit(
                article_id,
                dataclasses.replace(link, id=0, sentence_id=sentence_id, reviewer=self.edits.actor),
                creates_source=False,
                description=f"Link source {link.source.name}",
            )
            for link in self.repo.sources.links_for_sentence(from_sentence_id)
            if link.source.id not in linked
        ]
        if not edits:
            return None
        noun = "source" if len(edits) == 1 else "sources"
        return self.edits.push(
            CompoundEdit(article_id, edits, f"Reuse {len(edits)} {noun} of an earlier verdict")
        )


def _trimmed(given: str, stored: str) -> str:
    """`given` trimmed as Link Source trims a new link's text, unless it is `stored` as it
    is: a value nobody typed in (a colleague's merged file, an import) is saved back
    exactly as stored, never rewritten by an edit of something else."""
    return given if given == stored else given.strip()
