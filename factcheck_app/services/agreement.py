"""How far reviewers agree, from each reviewer's own reviews (`review_versions`).

A reviewer *reviewed* a sentence when their version of it has a tag, or a verdict, or is
marked done: a version with none of these (only typed words, a second look asked, or
everything cleared again) says nothing about what the sentence is, so it is left out.
For each pair of reviewers, over the sentences both reviewed:

- the tag: claim, denial, fact, or *nothing to check* (reviewed, with no tag);
- the verdict: over the sentences both gave a verdict only.

Each as raw agreement (the share labelled alike) and Cohen's kappa
(`domain/agreement.py`), per article and for the whole workspace, with the sentences
they labelled differently. Reviewers are named as recorded; versions without a name
(none is ever written by this version of the desk) are left out.

One reviewer's version made on her other machine, kept by a merge beside her own as
"Ana Ruiz (in laptop.fcdesk)" (`domain/merge_rules.same_reviewer_name`), is hers, not a
third reviewer's (as "ana ruiz (in laptop.fcdesk)" is, her name compared as a reader sees
it): she is never measured against herself. Where she has her own version
of the sentence here, that one counts; where she has none, the other machine's counts
as hers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from factcheck_app.domain.agreement import Agreement, agreement
from factcheck_app.domain.merge_rules import agree, reviewer_behind
from factcheck_app.domain.models import Review, Status, verdict_label
from factcheck_app.domain.printable import capped_name, shown_name
from factcheck_app.domain.sign_off import person_key

if TYPE_CHECKING:  # only for annotations: the agreement needs no storage imported
    from pathlib import Path

    from factcheck_app.services.desk import Desk

NOTHING_TO_CHECK = "nothing to check"  # the tag of a reviewed sentence left untagged
TAG, VERDICT = "tag", "verdict"
DECIMALS = 3  # as printed and shown: kappa to three decimals is what papers report


def is_reviewed(version: Review) -> bool:
    """Whether a reviewer's version counts as their review of the sentence (see above)."""
    return version.tag is not None or version.verdict is not None or version.status is Status.DONE


def tag_label(version: Review) -> str:
    return version.tag.value if version.tag is not None else NOTHING_TO_CHECK


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One sentence two reviewers labelled differently, on the tag or on the verdict."""

    article_id: int
    sentence_id: int
    number: int  # 1-based in the article, as the sentence list shows it
    text: str
    kind: str  # TAG or VERDICT
    labels: tuple[str, str]  # each reviewer's label, in words, in the pair's order


@dataclass(frozen=True, slots=True)
class PairResult:
    """Two reviewers (in name order), how far they agree, and where they do not."""

    reviewers: tuple[str, str]
    tag: Agreement
    verdict: Agreement
    disagreements: tuple[Disagreement, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleAgreement:
    article_id: int
    title: str
    pairs: tuple[PairResult, ...]


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """Agreement over the workspace (or one article), and per article."""

    workspace: tuple[PairResult, ...]
    articles: tuple[ArticleAgreement, ...]


# (number, text) of a sentence, for the list of disagreements.
Describe = Callable[[int], tuple[int, str]]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, DECIMALS)


def agreement_data(result: Agreement) -> dict[str, Any]:
    """{"n", "agreement", "kappa"}: as the command line prints it (None when undefined)."""
    return {"n": result.n, "agreement": _rounded(result.agreement), "kappa": _rounded(result.kappa)}


def pairs_json(pairs: Iterable[PairResult]) -> dict[str, Any]:
    """The issue's shape: {"pairs": [{"reviewers", "tag", "verdict"}]}."""
    return {
        "pairs": [
            {
                "reviewers": list(pair.reviewers),
                TAG: agreement_data(pair.tag),
                VERDICT: agreement_data(pair.verdict),
            }
            for pair in pairs
        ]
    }


def measure(
    versions: Iterable[tuple[int, Review]],
    describe: Describe | None = None,
    shown: Mapping[int, Review] | None = None,
) -> tuple[PairResult, ...]:
    """Agreement of every pair of reviewers over (article, version) pairs: pure, so the
    window's worker and the summary report use it as the command line does. `shown`:
    sentence id → its decided review, where one reviewer kept a version under two
    spellings of her name (`spelt_two_ways`): the one shown is her last word."""
    tags: dict[str, dict[Hashable, str]] = {}
    verdicts: dict[str, dict[Hashable, str]] = {}
    article_of: dict[int, int] = {}
    for article_id, version, reviewer in _as_reviewers(versions, shown or {}):
        article_of[version.sentence_id] = article_id
        tags.setdefault(reviewer, {})[version.sentence_id] = tag_label(version)
        if version.verdict is not None:
            verdicts.setdefault(reviewer, {})[version.sentence_id] = version.verdict
    describe = describe or (lambda _sentence: (0, ""))
    out = []
    names = sorted(tags)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            on_tag = agreement(tags[first], tags[second])
            if on_tag.n == 0:
                continue  # they never reviewed the same sentence: nothing to compare
            on_verdict = agreement(verdicts.get(first, {}), verdicts.get(second, {}))
            listed = [
                *_differences(TAG, on_tag, tags[first], tags[second], article_of, describe),
                *_differences(
                    VERDICT,
                    on_verdict,
                    verdicts.get(first, {}),
                    verdicts.get(second, {}),
                    article_of,
                    describe,
                ),
            ]
            listed.sort(key=lambda d: (d.article_id, d.number, d.kind))
            pair = (shown_name(first), shown_name(second))  # a merged name may hold controls
            out.append(PairResult(pair, on_tag, on_verdict, tuple(listed)))
    return tuple(out)


def _as_reviewers(
    versions: Iterable[tuple[int, Review]], shown: Mapping[int, Review]
) -> list[tuple[int, Review, str]]:
    """(article, version, whose) of each reviewed version that counts: a version from a
    reviewer's other machine ("Ana Ruiz (in laptop.fcdesk)") is hers, and counts only on
    a sentence she has no version of her own of (see above)."""
    named = [(a, v) for a, v in versions if v.reviewer]
    names = {v.reviewer for _a, v in named}  # hers too where she left it unreviewed
    reviewed = [(a, v) for a, v in named if is_reviewed(v)]
    key = {name: person_key(capped_name(name)) for name in names}  # once a name
    behind = _behind(names)
    own = {(key[v.reviewer], v.sentence_id) for _a, v in reviewed}
    counted = []
    for article_id, version in reviewed:
        whose = behind.get(version.reviewer) or version.reviewer
        if whose != version.reviewer and (key[whose], version.sentence_id) in own:
            continue  # her own version of this sentence is the one counted
        counted.append((article_id, version, whose))
    return _one_name_a_person(counted, shown)


def _behind(names: set[str]) -> dict[str, str]:
    """The reviewer each version made on another machine is hers (`reviewer_behind`,
    which compares her name as a reader sees it)."""
    found: dict[str, str] = {}
    for name in names:
        whose = reviewer_behind(name, names)
        if whose is not None:
            found[name] = whose
    return found


def _one_name_a_person(
    counted: list[tuple[int, Review, str]], shown: Mapping[int, Review]
) -> list[tuple[int, Review, str]]:
    """`counted` with each person under one name: "Ana Ruiz" in the window and "ana ruiz"
    from a script's --reviewer are one reviewer (`domain/sign_off.person_key`, as sign-off
    and the reports' heads take them), named by the spelling most of her reviews carry;
    each spelling kept its own review, and she was measured against herself. Of her two
    reviews of one sentence, the one the sentence shows (`shown`) counts, as a merge
    takes it for her last word (`merge_rules.is_last_word`); else the newer (on the
    same second, the one met last). Not the newer alone: a laptop a day slow, copied
    from the desk, stamped her later word there before the copy's older one."""
    reviews = Counter(whose for _article, _version, whose in counted)
    spellings: dict[str, Counter[str]] = {}
    for whose, count in reviews.items():  # each name's key once, not once a review
        spellings.setdefault(person_key(capped_name(whose)), Counter())[whose] = count
    if all(len(names) == 1 for names in spellings.values()):
        return counted  # every reviewer wrote her name one way
    # Of spellings as common, the first in code order ("Ana Ruiz" before "ana ruiz"), not
    # the first met: the summary meets versions by time, the panel by name, and a clock
    # a day slow named her "ana ruiz" in one and "Ana Ruiz" in the other.
    named = {name: _most_written(names) for names in spellings.values() for name in names}
    newest: dict[tuple[str, int], tuple[int, Review, str]] = {}
    for article_id, version, whose in counted:
        key = (named[whose], version.sentence_id)
        kept = newest.get(key)
        decided = shown.get(version.sentence_id)
        if kept is not None and decided is not None and _is_shown(kept[1], decided):
            continue  # her last word: an older one stamped later does not replace it
        if (
            kept is None
            or (decided is not None and _is_shown(version, decided))
            or version.updated_at >= kept[1].updated_at
        ):
            newest[key] = (article_id, version, named[whose])
    return list(newest.values())


def _most_written(names: Counter[str]) -> str:
    """The spelling most of her reviews carry; of several as common, the first in code
    order (see `_one_name_a_person`)."""
    return min(names, key=lambda name: (-names[name], name))


def _is_shown(version: Review, decided: Review) -> bool:
    """Whether `version` gives what the sentence's decided review shows of it, in what
    the agreement measures (tag and verdict; in conflict too: a merge that raised it
    kept that version's words shown). Not its other words: an editor's combination of
    her verdict and a colleague's explanation is still her verdict shown."""
    return version.reviewer == decided.reviewer and agree(version, decided)


# A name kept between sentences is one a desk could have recorded (MAX_NAME typed, an
# account's full name before names were capped); a merged file's names are not capped,
# and until 7 December 1,024 of them were held whole, however long, after the summary.
_KEPT_NAME = 256


def _name_key(name: str) -> str:
    """`person_key` of a recorded name, capped as the reports show it."""
    if len(name) > _KEPT_NAME:
        return person_key(capped_name(name))
    return _kept_name_key(name)


@lru_cache(maxsize=1024)  # a desk's few names; a hostile file's many cannot grow it
def _kept_name_key(name: str) -> str:
    return person_key(capped_name(name))


def spelt_two_ways(versions: Iterable[tuple[int, Review]]) -> list[int]:
    """The sentences where one reviewer keeps a version under two spellings of her name
    ("Ana Ruiz" and "ana ruiz": `person_key`), whose decided review `measure` needs."""
    versions = list(versions)
    # Once a name: a year holds 120,000 versions of a few names, most typed one way; and
    # the summary asks once a sentence, so a name's key is kept from one to the next.
    keys = {name: _name_key(name) for name in {v.reviewer for _a, v in versions}}
    if len(set(keys.values())) == len(keys):
        return []  # every reviewer wrote her name one way
    seen: dict[tuple[int, str], str] = {}
    found: set[int] = set()
    for _article, version in versions:
        name = version.reviewer
        if not name:
            continue
        key = (version.sentence_id, keys[name])
        other = seen.setdefault(key, name)
        if other != name:
            found.add(version.sentence_id)
    return sorted(found)


def _words(kind: str, label: str) -> str:
    return label if kind == TAG else verdict_label(label) or label


def _differences(
    kind: str,
    result: Agreement,
    first: Mapping[Hashable, str],
    second: Mapping[Hashable, str],
    article_of: Mapping[int, int],
    describe: Describe,
) -> list[Disagreement]:
    found = []
    for item in result.disagreements:
        assert isinstance(item, int)
        number, text = describe(item)
        labels = (_words(kind, first[item]), _words(kind, second[item]))
        found.append(Disagreement(article_of[item], item, number, text, kind, labels))
    return found


def measure_articles(
    versions: Iterable[tuple[int, Review]],
    titles: Mapping[int, str],
    describe: Describe | None = None,
    shown: Mapping[int, Review] | None = None,
) -> AgreementReport:
    """The workspace's agreement and each article's (articles without a pair left out);
    `shown` as for `measure`."""
    everything = list(versions)
    by_article: dict[int, list[tuple[int, Review]]] = {}
    for article_id, version in everything:
        by_article.setdefault(article_id, []).append((article_id, version))
    articles = []
    for article_id, article_versions in by_article.items():
        pairs = measure(article_versions, describe, shown)
        if pairs:
            articles.append(ArticleAgreement(article_id, titles.get(article_id, ""), pairs))
    return AgreementReport(measure(everything, describe, shown), tuple(articles))


@dataclass(frozen=True, slots=True)
class AgreementInput:
    """What the agreement is measured from: read on the desk's thread, measured anywhere."""

    versions: tuple[tuple[int, Review], ...]
    titles: Mapping[int, str]
    # The decided review of each sentence one reviewer's name was typed two ways on.
    shown: Mapping[int, Review] = field(default_factory=dict)


def read_agreement_input(desk: Desk, article_id: int | None = None) -> AgreementInput:
    """Every reviewer's version in the workspace, or in one article (one query)."""
    if article_id is not None:
        desk.repo.articles.get_article(article_id)  # NotFound in words for a wrong id
    titles = {a.id: a.title for a in desk.articles.list_articles()}
    versions = tuple(desk.repo.team.versions(article_id))
    # Few sentences (none where every reviewer types her name one way): one read each.
    shown = {s: desk.repo.reviews.get_review(s) for s in spelt_two_ways(versions)}
    return AgreementInput(versions, titles, shown)


def read_agreement_input_apart(path: Path) -> AgreementInput:
    """`read_agreement_input` of the workspace at `path` through a read-only desk of its
    own, for a worker thread: a year's 120,000 versions took a second of the window's."""
    from factcheck_app.services.desk import Desk

    with Desk.reading_apart(path) as desk:
        return read_agreement_input(desk)


def measure_input(data: AgreementInput) -> AgreementReport:
    """The agreement, its disagreements not yet described (pure: a worker thread's part)."""
    return measure_articles(data.versions, data.titles, shown=data.shown)


def describe_disagreements(desk: Desk, report: AgreementReport) -> AgreementReport:
    """`report` with each disagreement's sentence number and text (on the desk's thread;
    reads only the sentences listed)."""
    pairs = [*report.workspace, *(p for a in report.articles for p in a.pairs)]
    disputed = sorted({d.sentence_id for pair in pairs for d in pair.disagreements})
    numbers = desk.repo.team.sentence_numbers(disputed)
    found = desk.repo.sentences.found_sentences(disputed)

    def described(pair: PairResult) -> PairResult:
        listed = []
        for d in pair.disagreements:
            sentence = found.get(d.sentence_id)
            text = " ".join(sentence.row.sentence.text.split()) if sentence else ""
            listed.append(replace(d, number=numbers.get(d.sentence_id, 0), text=text))
        listed.sort(key=lambda d: (d.article_id, d.number, d.kind))
        return replace(pair, disagreements=tuple(listed))

    return AgreementReport(
        tuple(described(p) for p in report.workspace),
        tuple(replace(a, pairs=tuple(described(p) for p in a.pairs)) for a in report.articles),
    )


def load_agreement(desk: Desk, article_id: int | None = None) -> AgreementReport:
    """The agreement of the open workspace, or of one article, all on the desk's thread
    (the command line; the window measures in a worker, see gui/agreement_panel.py)."""
    report = measure_input(read_agreement_input(desk, article_id))
    return describe_disagreements(desk, report)
