"""How one sentence's reviews from two workspaces become one: the rules of a merge.

Each side knows a sentence through its reviewers' own versions (one per reviewer) and its
decided review (what the window and the reports show). A merge never drops a version:

- a reviewer only the other side has comes in as a new version;
- a reviewer both sides have (names compared as a reader sees them: "ana ruiz" there is
  "Ana Ruiz" here, `in_our_names`) keeps the later word of the two, as the two histories tell
  (`version_order`: the side that merged the other's and went on from it), never the
  clocks, which may be a day out on a laptop: one person's later edit replaces their
  earlier one, and the earlier stays in the history. Two versions of one reviewer each
  made without the other are kept side by side, the other side's under "Ana Ruiz (in
  laptop.fcdesk)", as a conflict (as two reviewers' disagreement is), unless they agree
  in tag and verdict (ours stays). Only where a history has no entry of it (a workspace
  from before the history, a review import) is the later `updated_at` taken;
- when the other side settled the sentence knowing every review this side has (an
  editor merged our review and a colleague's and decided, or signed our verdict off),
  its decided review comes, with its sign-off: ours brought further, not a conflict
  raised again (an approval here that they did not see is never dropped; one of theirs
  our history holds and went on from, taking it away, as an editor's Ctrl+Z of her
  approval does, does not come back with it or with any review of theirs);
- their sign-off of the very check ours shows (the same reviewer's words, tag and
  verdict, ours perhaps in conflict since) comes on its own, whatever reviews of others
  they lack: the order the files come in does not decide whether it stands;
- otherwise the decided review changes only when the other side brought a version this
  side did not have (knowledge), or when it decided a conflict this side still has
  open. Then:
  only they reviewed → their decided review; both reviewed with the same tag and verdict
  → agreed, ours stays; one reviewer's later edit of their own review (by the
  histories) → the later one, unless ours is an editor's decision of a conflict here
  that their history lacks (`decision_seen`): then a conflict;
  otherwise → conflict: our decided review keeps its words and takes the status
  `conflict` until someone decides, with both versions kept side by side.

So merging the same file again finds nothing new and changes nothing, and a conflict
decided here is not raised again by the same versions.

A source both sides have (one per URL), and a link both made from a sentence to it, keep
one title, publisher and date accessed, and one stance and excerpt: the side that
changed them since both had them the same, read from the two histories
(`shared_outcomes`, each detail on its own); ours when both did, or when neither
history says. A link of theirs that this side removed since, untouched there, stays
removed (`unlinked_here`): a merge adds links, it never takes one away.
"""

from __future__ import annotations

import bisect
import itertools
import json
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from factcheck_app.domain.models import (
    Article,
    Review,
    Sentence,
    SignOff,
    SignOffDecision,
    SourceLink,
    Status,
)
from factcheck_app.domain.review_rules import merge_reviews
from factcheck_app.domain.sign_off import outlived, person_key
from factcheck_app.domain.two_moments import Unlike

__all__ = [
    "DECIDED_FIELDS",
    "ArticleSnapshot",
    "DetailEdit",
    "HistoryRecord",
    "Knowledge",
    "LeftBehind",
    "Order",
    "SentenceOutcome",
    "Shared",
    "SignOffOrdering",
    "WorkspaceSnapshot",
    "agree",
    "by_clock",
    "combination",
    "combine",
    "detail_edit",
    "in_our_names",
    "is_last_word",
    "link_look",
    "link_moves",
    "merge_sentence",
    "reviewer_behind",
    "same_reviewer_name",
    "sentences_remade",
    "shared_outcome",
    "shared_outcomes",
    "sign_off_by_clock",
    "unlinked_here",
    "version_order",
]


def agree(first: Review, second: Review) -> bool:
    """Reviewed "the same way": the same tag and the same verdict."""
    return first.tag == second.tag and first.verdict == second.verdict


@dataclass(slots=True)
class Knowledge:
    """One side's reviews of one sentence: its decided review and every reviewer's own
    version (by reviewer name)."""

    decided: Review
    versions: dict[str, Review] = field(default_factory=dict)
    sign_off: SignOff | None = None  # of the decided verdict, when an editor signed it off

    def all_versions(self) -> dict[str, Review]:
        """The versions, with the decided review counted as its reviewer's version when
        that reviewer has none stored (reviews written before versions were kept)."""
        found = {name: v for name, v in self.versions.items() if v.has_content}
        decided = self.decided
        if (
            decided.has_content
            and decided.status is not Status.CONFLICT
            and decided.reviewer not in self.versions
        ):
            found[decided.reviewer] = decided
        return found

    def implicit_version(self) -> Review | None:
        """The decided review as its reviewer's version when none is stored (see
        `all_versions`), else None."""
        decided = self.decided
        if decided.reviewer in self.versions:
            return None
        return self.all_versions().get(decided.reviewer)


def combine(sentence_id: int, knowledges: Iterable[Knowledge]) -> Knowledge:
    """Several sentences' knowledge put on one sentence (their side merged what ours
    keeps apart, or the other way round): reviews in text order, each later one carried
    into the first as the desk's own merge of two sentences does (`merge_reviews`)."""
    decided = Review(sentence_id)
    versions: dict[str, Review] = {}
    for knowledge in knowledges:
        decided, _ = merge_reviews(decided, knowledge.decided.edited(sentence_id=sentence_id))
        for name, version in knowledge.versions.items():
            moved = version.edited(sentence_id=sentence_id)
            versions[name] = merge_reviews(versions[name], moved)[0] if name in versions else moved
    return Knowledge(decided, versions)


# The parts of a review a decision may take from different reviewers' versions.
DECIDED_FIELDS = ("tag", "verdict", "claimant", "explanation")


def combination(sentence_id: int, picks: Mapping[str, Review]) -> Review:
    """A decided review made of several versions: each of `DECIDED_FIELDS` from the
    version picked for it (a denial's claim comes with the tag). It is the verdict's
    reviewer's; its status follows from what it holds (a verdict, or no tag: done)."""
    tag, verdict = picks["tag"], picks["verdict"]
    done = verdict.verdict is not None or tag.tag is None
    return Review(
        sentence_id,
        tag=tag.tag,
        verdict=verdict.verdict,
        claimant=picks["claimant"].claimant,
        explanation=picks["explanation"].explanation,
        status=Status.DONE if done else Status.IN_PROGRESS,
        denies_sentence_id=tag.denies_sentence_id,
        reviewer=verdict.reviewer,
        updated_at=verdict.updated_at,
    )


@dataclass(slots=True)
class SentenceOutcome:
    """What a merge does to one sentence."""

    decided: Review | None = None  # the new decided review; None: ours stays
    versions: list[Review] = field(default_factory=list)  # versions to store (new or newer)
    added: int = 0  # of `versions`, how many came from the other side
    agreed: bool = False
    conflict: bool = False
    decided_is_theirs: bool = False  # their decided review was taken as it is
    # Their sign-off of the very check ours shows, taken on its own (`_signs_off_ours`),
    # or their none where they took ours away since (`_withdrawn_there`).
    sign_off_is_theirs: bool = False
    # Their decided review is taken (`decided_is_theirs`), but not their sign-off: one
    # this side had and took away since (`_withdrawn_here`), as an editor's undone return
    # under the checker's answer to it.
    sign_off_withdrawn_here: bool = False
    # Taken as one reviewer's later edit of her own review (a checker's answer to a
    # return), not as a decision or sign-off of theirs.
    later_edit: bool = False
    # Such a later edit, made without the return here (their file never had it), that
    # changed no verdict: the return stays, as while she answers it here (`outlived`).
    sign_off_kept_here: bool = False
    # Their editor's approval, of a check that is not the one here (changed here since, or
    # on both sides), neither taken nor here: said with the merge's counts, or the editor
    # took her approvals for merged (`_approval_left_out`).
    approval_left_out: bool = False

    @property
    def changes(self) -> bool:
        return self.decided is not None or bool(self.versions)


class Order(Enum):
    """Which of one reviewer's two versions of a review (ours, theirs) is the later word,
    as the two histories tell (`version_order`)."""

    OURS = "ours"  # ours went on from theirs: ours is later
    THEIRS = "theirs"  # theirs went on from ours
    CONCURRENT = "concurrent"  # each was made without knowing the other
    UNKNOWN = "unknown"  # a history has no entry of it: `updated_at` decides (a tie-break)


# One reviewer's versions of one sentence, ours and theirs: which is the later word.
Ordering = Callable[[Review, Review], Order]


def _went_on(first: Sequence[str], second: Sequence[str], known_to_first: Container[str]) -> bool:
    """Whether the history `second` holds the last entry of `first` and went on after it
    with an entry `first` does not know."""
    try:
        at = len(second) - 1 - list(reversed(second)).index(first[-1])
    except ValueError:
        return False
    return any(name not in known_to_first for name in second[at + 1 :])


def version_order(
    our_entries: Sequence[str],
    their_entries: Sequence[str],
    known_here: Container[str],
    known_there: Container[str],
) -> Order:
    """Which side's version of one reviewer's review of one sentence is the later word,
    from the names of that reviewer's entries about it in each history (in the order
    written; an entry merged from elsewhere by its origin) and the names each history
    holds. Never from clocks: a laptop's may run a day ahead.

    Theirs is later when their history holds our last entry of it and went on after it
    (they merged ours, then edited), and we have no entry they do not know; ours the other
    way round. When neither went on from the other, the two were made each without the
    other: concurrent. Only when a side has no entry of it at all (a workspace from before
    the history, a review import) does the history say nothing."""
    if not our_entries or not their_entries:
        return Order.UNKNOWN
    if _went_on(our_entries, their_entries, known_here) and all(
        name in known_there for name in our_entries
    ):
        return Order.THEIRS
    if _went_on(their_entries, our_entries, known_there) and all(
        name in known_here for name in their_entries
    ):
        return Order.OURS
    return Order.CONCURRENT


def by_clock(mine: Review, theirs: Review) -> Order:
    """The tie-break where the histories say nothing: the later `updated_at`."""
    return Order.THEIRS if theirs.updated_at > mine.updated_at else Order.OURS


def _ordered(order: Ordering, mine: Review, theirs: Review) -> Order:
    found = order(mine, theirs)
    return by_clock(mine, theirs) if found is Order.UNKNOWN else found


# Which of two sign-offs of one sentence (ours, theirs) is the later word. Theirs None:
# whether their side took ours away after having it (THEIRS), as an editor who changed
# the check she approved did. Ours None: whether this side took theirs away after having
# it (OURS), as an editor who undid her approval here did (`_withdrawn_here`).
SignOffOrdering = Callable[[SignOff | None, SignOff | None], Order]


def sign_off_by_clock(mine: SignOff | None, theirs: SignOff | None) -> Order:
    """Where the histories say nothing (or each side signed without the other's): the
    later `at`; theirs when the two are stamped alike. A sign-off against none: its side's
    (a clock cannot tell that the other side took it away)."""
    if theirs is None:
        return Order.OURS
    if mine is None:
        return Order.THEIRS
    return Order.OURS if theirs.at < mine.at else Order.THEIRS


def _withdrawn_here(order: SignOffOrdering, ours: SignOff | None, theirs: SignOff | None) -> bool:
    """Whether their sign-off is one this side had and took away since: none here, and
    our history holds the entries that signed it there and went on after them with one
    they do not have (an editor's Ctrl+Z of her approval, or her change of the check
    under it). Then none is the later word: until 6 December, an approval the editor
    undid came back with the checker's file that had merged a copy of hers made before
    the undo."""
    return ours is None and theirs is not None and order(None, theirs) is Order.OURS


def _withdrawn_there(order: SignOffOrdering, ours: SignOff | None, theirs: SignOff | None) -> bool:
    """Whether our sign-off is one their side had and took away since (`_withdrawn_here`
    the other way round): then their none is the later word, whatever reviews either side
    has. Until 6 December it went only with their decided review: a checker who had
    answered a return the editor then undid kept "Returned" over her answer."""
    return theirs is None and ours is not None and order(ours, None) is Order.THEIRS


def _sign_off_ordered(order: SignOffOrdering, mine: SignOff, theirs: SignOff) -> Order:
    """Theirs or ours, from the histories where one went on from the other (`version_order`
    over the entries that signed the sentence off): an editor's return on a laptop three
    hours slow, after the approval she merged there, was stamped before it, and the
    approval stayed. Otherwise by the clock, as before."""
    found = order(mine, theirs)
    if found in (Order.UNKNOWN, Order.CONCURRENT):
        return sign_off_by_clock(mine, theirs)
    return found


def same_reviewer_name(name: str, file_name: str) -> str:
    """The name a reviewer's version made on another desk without knowing this one's is
    kept under, beside this one's: "Ana Ruiz (in laptop.fcdesk)"."""
    return f"{name} (in {file_name})"


def reviewer_behind(name: str, names: Iterable[str]) -> str | None:
    """The reviewer among `names` whose version made on another desk `name` is the name
    of (`same_reviewer_name`), else None. Her name as written first; else as a reader
    sees it (`person_key`): a desk that knows her as "Ana Ruiz" gets "ana ruiz (in
    laptop.fcdesk)" from a colleague's that knew her as "ana ruiz" (`in_our_names`)."""
    if not name.endswith(")") or " (in " not in name:
        return None
    names = [*names]
    found = [other for other in names if other != name and name.startswith(f"{other} (in ")]
    if not found:
        key = person_key(name)
        found = [
            other
            for other in names
            if other != name and key.startswith(f"{person_key(other)} (in ")
        ]
    return max(found, key=len) if found else None


def merge_sentence(
    ours: Knowledge,
    theirs: Knowledge,
    order: Ordering = by_clock,
    their_file: str = "",
    our_file: str = "",
    sign_off_order: SignOffOrdering = sign_off_by_clock,
    left_behind: LeftBehind | None = None,
    decision_seen: Callable[[], bool] | None = None,
    decided_there: Callable[[], bool] | None = None,
) -> SentenceOutcome:
    """The outcome of merging `theirs` into `ours` for one sentence (module docstring).

    `order` says which of one reviewer's two versions is the later word (`version_order`
    over the two histories; by default the clock). Where it says they were made each
    without the other and they differ in tag or verdict, theirs is kept beside ours under
    `same_reviewer_name(name, their_file)` and the sentence is in conflict; where they
    agree, ours stays. Their version kept so under `our_file`'s name that is still the
    same as that reviewer's version here is our own work coming back: not added.
    `sign_off_order` says which side's sign-off is the later (`_sign_off_ordered`);
    `left_behind` whether a version of theirs is a word of hers we went on from
    (`LeftBehind`; by default none is); `decision_seen` whether their history holds every
    decision of this sentence's conflict here (by default: ours is her version here);
    `decided_there` whether their history holds a decision of it we lack (by default:
    their file may have decided our open conflict without one)."""
    our_versions = ours.all_versions()
    outcome = SentenceOutcome()
    concurrent: set[str] = set()  # reviewers whose two versions disagree, made apart
    later: set[str] = set()  # reviewers whose version of theirs went on from ours
    their_names = [*theirs.all_versions()]  # as they wrote them (for `_echo`)
    renamed, left_out = _spellings(ours, theirs, left_behind or _none_left_behind)
    theirs = _named_ours(theirs, renamed, left_out)
    if renamed:
        order = _as_written(order, renamed)
    their_versions = theirs.all_versions()
    for name, version in their_versions.items():
        mine = our_versions.get(name)
        if mine is None and _echo(name, version, our_versions, their_names, our_file):
            continue
        if mine is None:
            outcome.versions.append(version)
        elif mine.content_fields() != version.content_fields():
            found = _ordered(order, mine, version)
            if found is Order.THEIRS:
                outcome.versions.append(version)
                later.add(name)
            elif found is Order.CONCURRENT and not agree(mine, version):
                concurrent.add(name)
                beside = version.edited(reviewer=same_reviewer_name(name, their_file))
                kept = our_versions.get(beside.reviewer)
                if kept is None or kept.content_fields() != beside.content_fields():
                    outcome.versions.append(beside)
    outcome.added = len(outcome.versions)
    new_knowledge = bool(outcome.versions)
    mine, other = ours.decided, theirs.decided
    # Their decided review is her later word where ours is hers under another spelling
    # that both sides keep a version under (so `in_our_names` named nothing ours): the
    # window's "Ana Ruiz" shown here, the laptop's "ana ruiz" that went on from it there.
    hers_later = (
        mine.reviewer != other.reviewer
        and person_key(mine.reviewer) == person_key(other.reviewer)
        and other.content_fields() != mine.content_fields()
        and _ordered(order, mine, other) is Order.THEIRS
    )
    her_later_edit = hers_later or (
        mine.reviewer == other.reviewer
        and other.content_fields() != mine.content_fields()
        and mine.reviewer in later
    )
    # Ours shows a decision of our own (an editor kept a combination: Ana's verdict, Ben's
    # explanation), not her version here, and their side never saw it: her later edit
    # there was made without knowing it. Until 7 December it replaced the decision
    # silently; now it is a conflict for the editor to look at again.
    # Without histories (`decision_seen` None), ours is such a decision where it is not
    # her version here (a combination).
    decision_unseen = her_later_edit and (
        not decision_seen()
        if decision_seen is not None
        else not _same_words(mine, our_versions.get(mine.reviewer))
    )
    knowing = _decided_knowing_ours(ours, theirs, new_knowledge, order, sign_off_order)
    if knowing and mine.status is Status.CONFLICT and decided_there is not None:
        # An open conflict here is decided there only by a decision there: a file that
        # merely holds our reviews (her laptop that took the desk in after her edit, whose
        # merge raised this conflict) decided nothing. Until 7 December merging it again
        # settled the conflict with her version ("Their decision ... taken").
        knowing = decided_there()
    if knowing:
        # Ours brought further: an editor decided our conflict, or signed our verdict off,
        # in a workspace that had every review we have. Not a second opinion to weigh.
        outcome.decided, outcome.decided_is_theirs = other, True
        implicit = ours.implicit_version()
        if implicit is not None and other.content_fields() != mine.content_fields():
            outcome.versions.append(implicit)  # our reviewer's review stays as a version
    elif not other.has_content:
        pass
    elif not mine.has_content:
        outcome.decided, outcome.decided_is_theirs = other, True  # only they reviewed
    elif not new_knowledge:
        pass  # a conflict still open here that they decided knowing its reviews: above
    elif (
        mine.status is not Status.CONFLICT
        and other.status is not Status.CONFLICT
        and not decision_unseen
        and (
            agree(mine, other)
            or (mine.reviewer == other.reviewer and mine.reviewer not in concurrent)
            or hers_later
        )
    ):
        if her_later_edit:
            outcome.decided, outcome.decided_is_theirs = other, True  # their later edit
            outcome.later_edit = True
        outcome.agreed = agree(mine, other)
    else:
        outcome.conflict = True
        if mine.status is not Status.CONFLICT:
            outcome.decided = mine.edited(status=Status.CONFLICT)
        implicit = ours.implicit_version()
        if implicit is not None:  # shown beside theirs, so it must be stored as well
            outcome.versions.append(implicit)
    if not outcome.decided_is_theirs:
        outcome.sign_off_is_theirs = _signs_off_ours(
            ours, theirs, sign_off_order
        ) or _withdrawn_there(sign_off_order, ours.sign_off, theirs.sign_off)
    else:
        outcome.sign_off_withdrawn_here = _withdrawn_here(
            sign_off_order, ours.sign_off, theirs.sign_off
        )
        ours_signed = ours.sign_off
        # Until 7 December Edith's return here went with Ana's later explanation from a
        # copy made before it, note and all, and the merge said their sign-off was taken.
        outcome.sign_off_kept_here = (
            outcome.later_edit
            and ours_signed is not None
            and theirs.sign_off is None
            and not outlived(ours_signed, mine, other)
            and sign_off_order(ours_signed, None) is not Order.THEIRS
        )
    if outcome.decided is not None and outcome.decided.status is Status.CONFLICT:
        outcome.conflict = True
    outcome.decided = None if outcome.decided == mine else outcome.decided
    outcome.approval_left_out = _approval_left_out(ours, theirs, outcome, sign_off_order)
    return outcome


# Whether their version (mine, theirs: one reviewer's, under our spelling of her name on
# both sides) is a word of hers we had and went on from: our history holds her edit
# that left her review so, and edits of hers after it (services/merge reads it).
LeftBehind = Callable[[Review, Review], bool]


def _none_left_behind(_mine: Review, _theirs: Review) -> bool:
    return False


def in_our_names(
    ours: Knowledge, theirs: Knowledge, left_behind: LeftBehind | None = None
) -> Knowledge:
    """Their reviews of one sentence with each reviewer who is one of ours under another
    spelling ("ana ruiz" from a script, "Ana Ruiz" here: `person_key`) named as ours: her
    version there is her version here, weighed as one reviewer's two are. A side holding
    several spellings of her (each kept its own version) has her last word in the one its
    decided review is; their others, her earlier words there, are left out. Where that
    does not tell, or both sides hold the same spellings of her, nothing is renamed: each
    spelling is weighed on its own, as before. A side in conflict keeps the conflict's
    other side under another spelling of hers, perhaps: there only a version under our
    spelling that is a word of ours left behind there (`left_behind`) is left out."""
    return _named_ours(theirs, *_spellings(ours, theirs, left_behind or _none_left_behind))


def _named_ours(theirs: Knowledge, renamed: Mapping[str, str], left_out: set[str]) -> Knowledge:
    """`theirs` with `renamed` (their name → ours) and without `left_out`."""
    if not renamed and not left_out:
        return theirs

    def named(review: Review) -> Review:
        own = renamed.get(review.reviewer)
        return review if own is None else review.edited(reviewer=own)

    versions = {
        renamed.get(name, name): named(version)
        for name, version in theirs.versions.items()
        if name not in left_out
    }
    return Knowledge(named(theirs.decided), versions, theirs.sign_off)


def _spellings(
    ours: Knowledge, theirs: Knowledge, left_behind: LeftBehind
) -> tuple[dict[str, str], set[str]]:
    """What `in_our_names` does: their names renamed (their name → ours) and left out."""
    our_versions = ours.all_versions()
    found = theirs.all_versions()
    renamed: dict[str, str] = {}  # their name → ours
    left_out: set[str] = set()
    spellings: dict[str, list[str]] = {}
    for name in found:
        spellings.setdefault(person_key(name), []).append(name)
    for key, names in spellings.items():
        here = [name for name in our_versions if person_key(name) == key]
        if not here or set(names) == set(here):
            continue
        own = _last_word(ours.decided, here, our_versions)
        there = _last_word(theirs.decided, names, found)
        if own is None or there is None:
            continue
        if theirs.decided.status is Status.CONFLICT:
            # The conflict's other side may be hers under another spelling (a spelling
            # both desks keep is weighed on its own): each travels. One under our
            # spelling would be named as her last word is: only a word of ours left
            # behind there is left out; else nothing is renamed, as before.
            if there != own and own in names:
                if not left_behind(our_versions[own], found[own]):
                    continue
                left_out.add(own)
        else:
            left_out.update(name for name in names if name != there)
        if there != own:
            renamed[there] = own
    return renamed, left_out


def _as_written(order: Ordering, renamed: Mapping[str, str]) -> Ordering:
    """`order` asked of their version under the name they keep it under, where
    `in_our_names` named it ours (`renamed`: their name → ours): each side's history is
    read by the spelling that side keeps the version under (`is_last_word`)."""
    back = {own: there for there, own in renamed.items()}

    def ordered(mine: Review, theirs: Review) -> Order:
        there = back.get(theirs.reviewer)
        return order(mine, theirs if there is None else theirs.edited(reviewer=there))

    return ordered


def is_last_word(knowledge: Knowledge, name: str) -> bool:
    """Whether the version under `name` on one side is its reviewer's last word there: the
    only spelling of her name (`person_key`) that side keeps a version under, or the one
    its decided review is. Such a version went on from every edit of hers, however her
    name was typed; another spelling kept beside it went on only from its own."""
    versions = knowledge.all_versions()
    key = person_key(name)
    names = [other for other in versions if person_key(other) == key]
    if name not in names or len(names) == 1:
        return True
    return _last_word(knowledge.decided, names, versions) == name


def _last_word(decided: Review, names: list[str], versions: Mapping[str, Review]) -> str | None:
    """Of one reviewer's spellings on one side, the one her version there is under: the
    only one, or the one the side's decided review is (in conflict too: a merge that
    raised it kept that version's words shown); None when that does not tell."""
    if len(names) == 1:
        return names[0]
    last = [
        name for name in names if name == decided.reviewer and _same_check(decided, versions[name])
    ]
    return last[0] if last else None


def _same_words(mine: Review, version: Review | None) -> bool:
    """Whether `mine` (a decided review) is `version` (its reviewer's own), status apart."""
    return version is not None and mine.words() == version.words()


def _same_check(mine: Review, other: Review) -> bool:
    """Whether `mine` shows the very check `other` is: one reviewer's review, the same
    words, tag and verdict (ours may be in conflict since)."""
    if mine.reviewer != other.reviewer or mine.words() != other.words():
        return False
    return mine.status in (other.status, Status.CONFLICT)


def _approval_left_out(
    ours: Knowledge,
    theirs: Knowledge,
    outcome: SentenceOutcome,
    sign_off_order: SignOffOrdering = sign_off_by_clock,
) -> bool:
    """Whether their editor's approval is left out because the check it approved is not
    the one here (ours changed since, or both did): neither their decided review nor
    their sign-off taken, none here, and not one this side took away since. The merge
    said nothing of it, and the editor who approved in her copy took it for merged."""
    theirs_signed, ours_signed = theirs.sign_off, ours.sign_off
    if theirs_signed is None or theirs_signed.decision is not SignOffDecision.APPROVED:
        return False
    if outcome.decided_is_theirs or outcome.sign_off_is_theirs:
        return False  # taken (or, `sign_off_withdrawn_here`, taken away here since)
    if ours_signed is not None and ours_signed.decision is SignOffDecision.APPROVED:
        return False  # approved here too: nothing to approve again
    if _withdrawn_here(sign_off_order, ours_signed, theirs_signed):
        return False  # taken away here since: the later word
    other = theirs.decided
    if other.status is Status.CONFLICT or not other.has_content:
        return False
    return not _same_check(ours.decided, other)


def _signs_off_ours(
    ours: Knowledge, theirs: Knowledge, sign_off_order: SignOffOrdering = sign_off_by_clock
) -> bool:
    """Whether their sign-off is of the very check ours shows (one reviewer's review, the
    same words, tag and verdict; ours may be in conflict since) and is not older than
    ours, nor one this side had and took away since (`_withdrawn_here`): then it stands
    here as there, whatever reviews of others either side lacks. Until 6 December it
    came only with a decided review settled knowing every review here: merged after
    Ben's review of the same claim, Edith's approval of Ana's verdict was left out,
    merged before it, kept (as "Conflict · Approved" where Ben disagreed)."""
    mine, other = ours.decided, theirs.decided
    theirs_signed, ours_signed = theirs.sign_off, ours.sign_off
    if theirs_signed is None or other.status is Status.CONFLICT or not other.has_content:
        return False
    if not _same_check(mine, other):
        return False
    if ours_signed is None:
        return not _withdrawn_here(sign_off_order, ours_signed, theirs_signed)
    if ours_signed.state() == theirs_signed.state():
        return False
    return _sign_off_ordered(sign_off_order, ours_signed, theirs_signed) is not Order.OURS


def _echo(
    name: str, version: Review, ours: Mapping[str, Review], names: list[str], our_file: str
) -> bool:
    """Whether their `version` named "Ana Ruiz (in <our_file>)" is ours coming back: they
    kept our Ana Ruiz's version beside theirs, and it is still what one of hers is here,
    under whichever spelling of her name (`person_key`: "ANA RUIZ" here, "ana ruiz (in
    laptop.fcdesk)" there) holds it."""
    if not our_file:
        return False
    owner = reviewer_behind(name, [*names, *ours])
    # "ana ruiz (in laptop.fcdesk)" is hers from here where the laptop knows her as "Ana
    # Ruiz" and the file it came through knew no "ana ruiz" (`reviewer_behind` found her
    # by `person_key`): the name before " (in " as a reader sees it, as the file's.
    if owner is None or person_key(name) != person_key(same_reviewer_name(owner, our_file)):
        return False
    key, words = person_key(owner), version.content_fields()
    return any(
        person_key(other) == key and own.content_fields() == words for other, own in ours.items()
    )


def _decided_knowing_ours(
    ours: Knowledge,
    theirs: Knowledge,
    new_knowledge: bool,
    order: Ordering = by_clock,
    sign_off_order: SignOffOrdering = sign_off_by_clock,
) -> bool:
    """Whether their decided review was settled knowing every review ours knows: their
    side has each of our versions (or its reviewer's later one), ours is one reviewer's
    review or an open conflict (not a decision they may not know of), and theirs is not
    in conflict. Then theirs is ours brought further when ours is an open conflict (they
    decided it); when it differs in tag or verdict and they knew a review we did not
    (`new_knowledge`: merging our review in made a conflict there, and only a decision
    ends one; with the same reviews on both sides, each side's decision stays its own);
    or when it carries a sign-off ours has not. Where the two agree, an unsigned review
    of theirs is a second opinion: ours stays. Never when ours holds a sign-off theirs
    lacks or that is the later (`_sign_off_ordered`): an editor's approval here is not
    dropped by a file that did not see it. One their history holds and went on from,
    taking it away (the editor changed the check she approved), is: theirs is ours
    brought further, without it. Nor when theirs carries a sign-off our history holds and
    went on from, taking it away (`_withdrawn_here`): their decided review would bring it
    back, so it is weighed as any other review."""
    mine, other = ours.decided, theirs.decided
    if other.status is Status.CONFLICT or not other.has_content or not mine.has_content:
        return False
    our_versions, their_versions = ours.all_versions(), theirs.all_versions()
    for name, version in our_versions.items():
        known = their_versions.get(name)
        if known is None:
            return False
        if (
            known.content_fields() != version.content_fields()
            and _ordered(order, version, known) is not Order.THEIRS
        ):
            return False
    if mine.status is not Status.CONFLICT and not any(
        v.content_fields() == mine.content_fields() for v in our_versions.values()
    ):
        return False  # ours is a decision of our own: theirs did not see it
    ours_signed, theirs_signed = ours.sign_off, theirs.sign_off
    withdrawn = False  # they had our sign-off and took it away since
    if _withdrawn_here(sign_off_order, ours_signed, theirs_signed):
        return False  # we had theirs and took it away since: not ours brought further
    if ours_signed is not None and theirs_signed is None:
        if sign_off_order(ours_signed, None) is not Order.THEIRS:
            return False
        withdrawn = True
    elif (
        ours_signed is not None
        and theirs_signed is not None
        and _sign_off_ordered(sign_off_order, ours_signed, theirs_signed) is Order.OURS
    ):
        return False
    signed_there = theirs_signed is not None and (
        ours_signed is None or theirs_signed.state() != ours_signed.state()
    )
    if mine.status is Status.CONFLICT:
        return True  # they decided a conflict still open here, knowing its reviews
    if new_knowledge and not agree(mine, other):
        return True
    return signed_there or withdrawn


# -- one source per URL, one link per sentence and source ------------------------------------
#
# A source both sides have is one source here, and a sentence both linked to it one link:
# only one title, publisher and date accessed (the source's details), and one stance and
# excerpt (the link's), can be kept. Which one is read from the two histories, as a
# reviewer's later edit of their own review is: every Edit Source is a `source_link`
# entry whose old and new states hold the link's URL, stance and excerpt and its source's
# title, publisher and accessed date, and an entry merged from elsewhere keeps its name
# (its hash where it was written) in `origin`.

# A source's details (title, publisher, accessed date as ISO text or None), or a link's
# (stance, excerpt), as a tuple of texts.
Details = tuple[str | None, ...]
# One side's edits of such details, in its history's order: (entry name, before, after).
DetailEdits = Sequence[tuple[str, Details, Details]]


@dataclass(frozen=True, slots=True)
class DetailEdit:
    """One Edit Source of a link to `url` (or its undo or redo) as a history entry says:
    the source's details and the link's before and after. `name` is the entry's name in
    every workspace (its origin, or its hash where it was written)."""

    name: str
    sentence_id: int | None  # the sentence whose link was edited
    url: str
    source_before: Details
    source_after: Details
    link_before: Details
    link_after: Details


def _details(state: object) -> tuple[str, Details, Details] | None:
    """(url, source details, link details) of a history state of an edited link; None for
    a state that is not one (a link made or removed, a desk that did not record the
    source's details with it, or anything else a hostile file holds)."""
    if not isinstance(state, dict):
        return None
    texts = ("url", "title", "publisher", "stance", "excerpt")
    if any(not isinstance(state.get(key), str) for key in texts):
        return None
    accessed = state.get("accessed", "")
    if (accessed is not None and not isinstance(accessed, str)) or accessed == "":
        return None
    return (
        state["url"],
        (state["title"], state["publisher"], accessed),
        (state["stance"], state["excerpt"]),
    )


def detail_edit(record: HistoryRecord, name: str) -> DetailEdit | None:
    """The Edit Source a history entry records, when it is one that kept the link's URL
    (a link pointed at another URL is a link to that one, not an edit of this); else
    None."""
    if record.entity != "source_link" or record.action not in ("do", "undo", "redo"):
        return None
    try:
        before, after = (_details(json.loads(s or "null")) for s in (record.old, record.new))
    except (ValueError, RecursionError):
        return None
    if before is None or after is None or before[0] != after[0]:
        return None
    return DetailEdit(name, record.sentence_id, after[0], before[1], after[1], before[2], after[2])


class Shared(Enum):
    """What a merge does with a detail both sides have (a source's, or a link's)."""

    SAME = "same"  # nothing to do
    THEIRS = "theirs"  # only they changed it since both had ours: theirs is taken
    OURS = "ours"  # only we changed it since both had theirs: ours stays, theirs is older
    DIFFERENT = "different"  # both changed it, or the histories do not say: ours stays


def shared_outcome(
    ours: Details,
    theirs: Details,
    our_edits: DetailEdits,
    their_edits: DetailEdits,
    known_here: Container[str],
    known_there: Container[str],
) -> Shared:
    """Which side's `ours` or `theirs` is the later word, from each side's edits of it
    ((entry name, before, after), in the order its history has them) and the entry
    names each side's history holds.

    Theirs is taken when we made no edit of it they do not know, and their edits went on
    from the value we have to the value they have (their last edit's after is theirs;
    one of them started from ours). That holds after an undo of the merge that took it
    too (their entries stay in our history), so a redo, or the same merge again, takes it
    again. Ours is the later word when they made no edit we do not know and ours went on
    from theirs. Anything else (both changed it; neither history says, as when both
    linked the page on their own) keeps ours, as a difference the merge reports."""
    if ours == theirs:
        return Shared.SAME
    ours_since = [name for name, _, _ in our_edits if name not in known_there]
    theirs_since = [name for name, _, _ in their_edits if name not in known_here]
    if (
        not ours_since
        and their_edits
        and their_edits[-1][2] == theirs
        and any(before == ours for _, before, _ in their_edits)
    ):
        return Shared.THEIRS
    if (
        ours_since
        and not theirs_since
        and our_edits[-1][2] == ours
        and any(before == theirs for _, before, _ in our_edits)
    ):
        return Shared.OURS
    return Shared.DIFFERENT


def shared_outcomes(
    ours: Details,
    theirs: Details,
    our_edits: DetailEdits,
    their_edits: DetailEdits,
    known_here: Container[str],
    known_there: Container[str],
) -> list[Shared]:
    """`shared_outcome` of each detail on its own (a title, a publisher, a date accessed;
    a stance, an excerpt), from the edits that changed that one: Alice's corrected
    publisher and Bob's corrected title both stay, and Bob's title arrives though the two
    opened the page on different days."""

    def edits_of(i: int, edits: DetailEdits) -> list[Any]:
        return [(name, (b[i],), (a[i],)) for name, b, a in edits if b[i] != a[i]]

    return [
        shared_outcome(
            (ours[i],),
            (theirs[i],),
            edits_of(i, our_edits),
            edits_of(i, their_edits),
            known_here,
            known_there,
        )
        for i in range(len(ours))
    ]


# -- a link one side took away -----------------------------------------------------------------
#
# A merge adds their links; it never takes one away. A link they have and this sentence
# lacks may be one this side removed (Remove Source) after their copy was made: then their
# link is not news, only the state both had before, and it must not come back, as an
# untouched review there does not undo a later edit here. Every link made or removed is
# a `source_link` entry whose old and new states hold its URL (none: no link).


# A link as one state of it holds it: its stance, excerpt and who linked it.
LinkLook = tuple[str, str, str]


def link_moves(old: str | None, new: str | None) -> list[tuple[str, bool, LinkLook]]:
    """(URL, linked after it, the link as that state holds it) of each link a
    `source_link` entry made or removed, from its states as JSON text: a link made, one
    removed, one pointed at another URL (the old URL removed, the new one linked), one
    edited in place (still linked). Nothing for states that are not a link's (anything
    else a hostile file holds)."""

    def read(text: str | None) -> tuple[str, LinkLook] | None:
        try:
            state = json.loads(text or "null")
        except (ValueError, RecursionError):
            return None
        found = state.get("url") if isinstance(state, dict) else None
        if not isinstance(found, str) or not found or not isinstance(state, dict):
            return None
        return found, link_look(state.get("stance"), state.get("excerpt"), state.get("reviewer"))

    before, after = read(old), read(new)
    moves = [(after[0], True, after[1])] if after is not None else []
    if before is not None and (after is None or before[0] != after[0]):
        moves.append((before[0], False, before[1]))
    return moves


def link_look(stance: object, excerpt: object, reviewer: object) -> LinkLook:
    """A link's stance, excerpt and linker as `unlinked_here` compares them (text, or "")."""

    def text(value: object) -> str:
        return value if isinstance(value, str) else ""

    return text(stance), text(excerpt), text(reviewer)


def sentences_remade(
    old: str | None, new: str | None
) -> list[tuple[int, list[int], set[str], set[str]]]:
    """Of a `sentence` entry (Merge Sentences, Split Sentence, Re-split: its states the
    sentences before and after, as JSON lists), each sentence after it: its id, the ids of
    the sentences before it whose text it overlaps (the text it was made of), the URLs it
    links, and those its id linked before (none: a new id). Nothing for states that are
    not such lists."""

    def read(text: str | None) -> list[tuple[int, int, int, set[str]]]:
        try:
            states = json.loads(text or "null")
        except (ValueError, RecursionError):
            return []
        found = []
        for state in states if isinstance(states, list) else ():
            if not isinstance(state, dict):
                continue
            sentence, start, end = (state.get(key) for key in ("id", "start", "end"))
            urls = state.get("sources")
            if not (isinstance(sentence, int) and isinstance(start, int)):
                continue
            if not (isinstance(end, int) and isinstance(urls, list)):
                continue
            found.append((sentence, start, end, {url for url in urls if isinstance(url, str)}))
        return found

    before = read(old)
    linked_before: dict[int, set[str]] = {}
    for b, _, _, urls in before:
        linked_before.setdefault(b, set()).update(urls)
    # The sentences before by where they begin, with the furthest end any of them up to
    # each reaches: those a sentence after overlaps are found by bisection, not by reading
    # every one. Compared pair by pair, a re-split of an article of 10,000 sentences (and
    # its undo) added 8.8 s to every merge, which has no Cancel. Spans a hostile file
    # overlaps are found too, only less quickly.
    order = sorted(range(len(before)), key=lambda index: before[index][1])
    starts = [before[index][1] for index in order]
    reach = list(itertools.accumulate((before[index][2] for index in order), max))
    remade = []
    for sentence, start, end, urls in read(new):
        found = []
        at = bisect.bisect_left(starts, end) - 1  # the last to begin before this one ends
        while at >= 0 and reach[at] > start:
            if before[order[at]][2] > start:
                found.append(order[at])
            at -= 1
        made_of = [before[index][0] for index in sorted(found)]
        remade.append((sentence, made_of, urls, linked_before.get(sentence, set())))
    return remade


def unlinked_here(
    linked_after: Sequence[bool],
    their_entries: Iterable[str],
    known_here: Container[str],
    their_look: LinkLook | None = None,
    looks_here: Container[LinkLook] = (),
) -> bool:
    """Whether a link of theirs to a sentence that has none here is one this side took away
    since: the last entry of that sentence's link to that URL here (`linked_after`: whether
    each left it linked, in the order written) removed it, and their side made no entry of
    it (`their_entries`, by name) this history does not hold. A link they made or edited
    that we never saw comes as before: their work is not lost. So does one that is not as
    any entry here ever held it (`their_look` not in `looks_here`): they made it without a
    link entry (Reuse Sources is one `compound` entry; a split or join carries links), and
    until 7 December such a link was left out unsaid."""
    if not linked_after or linked_after[-1]:
        return False
    if their_look is not None and their_look not in looks_here:
        return False
    return all(name in known_here for name in their_entries)


# -- what is read from the other workspace ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class HistoryRecord:
    """One history entry as another workspace stored it."""

    id: int
    at: str
    actor: str
    action: str
    description: str
    entity: str
    entity_id: int | None
    old: str | None  # JSON text
    new: str | None
    article_id: int | None
    sentence_id: int | None
    origin: str  # where it was first written ('' : there)
    hash: str  # its hash there ('' : written before the chain)


@dataclass(slots=True)
class ArticleSnapshot:
    """One article of the other workspace with everything hanging off its sentences."""

    article: Article
    sentences: list[Sentence]
    decided: dict[int, Review]  # sentence id → decided review (reviewed ones)
    versions: dict[int, dict[str, Review]]  # sentence id → reviewer → version
    sign_offs: dict[int, SignOff]
    links: dict[int, list[SourceLink]]  # each with who linked it
    segmenter: str = ""  # the splitter version their boundaries came from
    ids: set[int] = field(default_factory=set)  # the sentences' ids

    def __post_init__(self) -> None:
        self.ids = {s.id for s in self.sentences}

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self.sentences]

    def knowledge(self, sentence_id: int) -> Knowledge:
        return Knowledge(
            self.decided.get(sentence_id, Review(sentence_id)),
            dict(self.versions.get(sentence_id, {})),
            self.sign_offs.get(sentence_id),
        )


@dataclass(slots=True)
class WorkspaceSnapshot:
    """Everything a merge takes from the other workspace, read once, held in memory."""

    name: str  # the file's name, for messages and the history
    workspace_id: str
    articles: list[ArticleSnapshot]
    history: list[HistoryRecord]
    # Why their history's hash chain does not verify ("" when it does, or predates the
    # chain): their entries are chained again here, so this is the one trace of it.
    history_problem: str = ""
    # Their file holds the mark of a desk that had it open and came without its -wal: it
    # was copied while open (or that desk stopped without closing it), so its last saves
    # may be missing from it.
    copied_while_open: bool = False
    # Such a copy's reviews that are not what its history says they became: copied in
    # the middle of a save, it holds two moments (the merge is refused: services/merge.py).
    unlike_history: tuple[Unlike, ...] = ()
