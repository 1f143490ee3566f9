"""Agreement between reviewers over their own reviews, through the service and the command
line, against kappa computed by hand (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck_app.__main__ import main as run
from factcheck_app.domain.errors import NotFound
from factcheck_app.domain.merge_rules import combination
from factcheck_app.domain.models import Review, Status, Tag
from factcheck_app.services.agreement import (
    NOTHING_TO_CHECK,
    is_reviewed,
    load_agreement,
    measure,
)
from factcheck_app.services.desk import Desk
from tests.team_support import Label, give_versions, sentence_ids

C, D, F = Tag.CLAIM, Tag.DENIAL, Tag.FACT


def agreement_json(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> object:
    capsys.readouterr()
    assert run(["agreement", "-w", str(path), *extra, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def k(kappa: float | None) -> float:
    """Kappa to three decimals, as hand-computed below (None fails)."""
    assert kappa is not None
    return round(kappa, 3)


def closed(desk: Desk) -> Path:
    path = desk.path
    assert path is not None
    desk.close()
    return path


def test_perfect_agreement(seeded_desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    ids = sentence_ids(seeded_desk)
    # Four sentences, every tag once ("done" with no tag: nothing to check); two verdicts.
    labels = {ids[0]: (C, "false"), ids[1]: (F, None), ids[2]: (D, "true"), ids[3]: (None, None)}
    give_versions(seeded_desk, "Ana", labels)
    give_versions(seeded_desk, "Ben", labels)
    (pair,) = load_agreement(seeded_desk).workspace
    assert pair.reviewers == ("Ana", "Ben")
    assert (pair.tag.n, pair.tag.agreement, pair.tag.kappa) == (4, 1.0, 1.0)
    assert (pair.verdict.n, pair.verdict.agreement, pair.verdict.kappa) == (2, 1.0, 1.0)
    assert pair.disagreements == ()
    assert agreement_json(capsys, closed(seeded_desk)) == {
        "pairs": [
            {
                "reviewers": ["Ana", "Ben"],
                "tag": {"n": 4, "agreement": 1.0, "kappa": 1.0},
                "verdict": {"n": 2, "agreement": 1.0, "kappa": 1.0},
            }
        ]
    }


def test_chance_level_agreement(seeded_desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    # Each calls half the sentences claims and half facts, and half true and half false,
    # independently of the other: they agree on exactly half.
    # p_o = 2/4 = .5; p_e = .5 * .5 + .5 * .5 = .5; kappa = (.5 - .5) / (1 - .5) = 0.
    ids = sentence_ids(seeded_desk)[:4]
    ana = [(C, "true"), (C, "true"), (F, "false"), (F, "false")]
    ben = [(C, "true"), (F, "false"), (C, "true"), (F, "false")]
    give_versions(seeded_desk, "Ana", dict(zip(ids, ana, strict=True)))
    give_versions(seeded_desk, "Ben", dict(zip(ids, ben, strict=True)))
    (pair,) = load_agreement(seeded_desk).workspace
    assert (pair.tag.n, pair.tag.agreement, k(pair.tag.kappa)) == (4, 0.5, 0.0)
    assert (pair.verdict.n, pair.verdict.agreement, k(pair.verdict.kappa)) == (
        4,
        0.5,
        0.0,
    )
    tag_rows = [(d.number, d.labels) for d in pair.disagreements if d.kind == "tag"]
    assert tag_rows == [(2, ("claim", "fact")), (3, ("fact", "claim"))]
    verdicts = [(d.number, d.labels) for d in pair.disagreements if d.kind == "verdict"]
    assert verdicts == [(2, ("True", "False")), (3, ("False", "True"))]
    assert agreement_json(capsys, closed(seeded_desk))["pairs"][0]["tag"] == {  # type: ignore[index]
        "n": 4,
        "agreement": 0.5,
        "kappa": 0.0,
    }


def test_one_disagreement(seeded_desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    ids = sentence_ids(seeded_desk)[:10]
    # Tags over ten sentences: Ana 5 claims, 3 facts, 2 denials; Ben the same but calls
    # the fifth claim a fact. p_o = 9/10 = .9; Ana's shares .5/.3/.2, Ben's .4/.4/.2;
    # p_e = .5*.4 + .3*.4 + .2*.2 = .36; kappa = (.9 - .36) / (1 - .36) = .54/.64 = 0.844.
    # Verdicts on the first five: Ana T T F F Mixed, Ben T T F F F. p_o = 4/5 = .8;
    # Ana .4 true .4 false .2 mixed, Ben .4 true .6 false; p_e = .16 + .24 = .40;
    # kappa = (.8 - .4) / (1 - .4) = 0.667.
    ana_tags = [C] * 5 + [F] * 3 + [D] * 2
    ben_tags = [C] * 4 + [F] * 4 + [D] * 2
    ana_verdicts: list[str | None] = ["true", "true", "false", "false", "mixed"] + [None] * 5
    ben_verdicts: list[str | None] = ["true", "true", "false", "false", "false"] + [None] * 5
    for name, tags, verdicts in (("Ana", ana_tags, ana_verdicts), ("Ben", ben_tags, ben_verdicts)):
        labels: dict[int, Label] = {
            i: (tag, verdict) for i, tag, verdict in zip(ids, tags, verdicts, strict=True)
        }
        give_versions(seeded_desk, name, labels)
    (pair,) = load_agreement(seeded_desk).workspace
    assert (pair.tag.n, pair.tag.agreement, k(pair.tag.kappa)) == (10, 0.9, 0.844)
    assert (pair.verdict.n, pair.verdict.agreement, k(pair.verdict.kappa)) == (
        5,
        0.8,
        0.667,
    )
    (tag_row, verdict_row) = pair.disagreements
    assert (tag_row.kind, tag_row.number, tag_row.labels) == ("tag", 5, ("claim", "fact"))
    assert (verdict_row.kind, verdict_row.number, verdict_row.labels) == (
        "verdict",
        5,
        ("Mixed", "False"),
    )
    assert tag_row.sentence_id == ids[4] and tag_row.text.startswith(
        seeded_desk.reviews.sentence_rows(1)[4].sentence.text.split()[0]
    )
    path = closed(seeded_desk)
    assert agreement_json(capsys, path) == {
        "pairs": [
            {
                "reviewers": ["Ana", "Ben"],
                "tag": {"n": 10, "agreement": 0.9, "kappa": 0.844},
                "verdict": {"n": 5, "agreement": 0.8, "kappa": 0.667},
            }
        ]
    }
    capsys.readouterr()
    assert run(["agreement", "-w", str(path)]) == 0
    table = capsys.readouterr().out
    assert "Ana / Ben\t10\t0.900\t0.844\t5\t0.800\t0.667" in table
    assert "1:5\ttag: claim / fact" in table and "1:5\tverdict: Mixed / False" in table
    # The workspace summary report carries it too.
    capsys.readouterr()
    assert run(["export", "-w", str(path), "--format", "summary-html"]) == 0
    summary = capsys.readouterr().out
    section = summary.split("<h2>Agreement between reviewers</h2>", 1)[1]
    assert '>Ana and Ben</td><td class="n">10</td><td class="n">0.900</td>' in section
    assert '<td class="n">0.844</td><td class="n">5</td>' in section
    assert "0.667" in section and "Where Ana and Ben differ" in section
    assert "#5</span></td><td>tag</td><td>claim</td><td>fact</td>" in section


def test_what_counts_as_reviewed(seeded_desk: Desk) -> None:
    assert not is_reviewed(Review(1, explanation="looked at it", status=Status.IN_PROGRESS))
    assert not is_reviewed(Review(1, status=Status.SECOND_LOOK))
    assert is_reviewed(Review(1, tag=Tag.FACT, status=Status.IN_PROGRESS))
    assert is_reviewed(Review(1, verdict="true", status=Status.IN_PROGRESS))
    assert is_reviewed(Review(1, status=Status.DONE))  # done with no tag: nothing to check
    ids = sentence_ids(seeded_desk)
    give_versions(seeded_desk, "Ana", {ids[0]: (C, None), ids[1]: (None, None)})
    give_versions(seeded_desk, "Ben", {ids[0]: (C, None)})
    # Ben only opened the second sentence: not reviewed, so not compared.
    give_versions(seeded_desk, "Ben", {ids[1]: (None, None)}, status=Status.IN_PROGRESS)
    # Cy reviewed nothing anyone else did: no pair with Cy.
    give_versions(seeded_desk, "Cy", {ids[5]: (F, None)})
    (pair,) = load_agreement(seeded_desk).workspace
    assert pair.reviewers == ("Ana", "Ben") and pair.tag.n == 1
    assert pair.verdict.n == 0 and pair.verdict.agreement is None and pair.verdict.kappa is None
    assert NOTHING_TO_CHECK == "nothing to check"


def test_per_article_and_for_the_workspace(
    seeded_desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    first = sentence_ids(seeded_desk)
    second_id = seeded_desk.importer.import_text("One claim here. Another claim there.").article_id
    second = sentence_ids(seeded_desk, second_id)
    give_versions(seeded_desk, "Ana", {first[0]: (C, None), first[1]: (F, None)})
    give_versions(seeded_desk, "Ben", {first[0]: (C, None), first[1]: (F, None)})
    give_versions(seeded_desk, "Ana", {second[0]: (C, None), second[1]: (C, None)})
    give_versions(seeded_desk, "Ben", {second[0]: (C, None), second[1]: (F, None)})
    give_versions(seeded_desk, "Cy", {second[1]: (F, None)})
    report = load_agreement(seeded_desk)
    assert [(p.reviewers, p.tag.n) for p in report.workspace] == [
        (("Ana", "Ben"), 4),
        (("Ana", "Cy"), 1),
        (("Ben", "Cy"), 1),
    ]
    assert [(a.article_id, len(a.pairs)) for a in report.articles] == [(1, 1), (second_id, 3)]
    only = load_agreement(seeded_desk, second_id)
    assert [p.reviewers for p in only.workspace] == [("Ana", "Ben"), ("Ana", "Cy"), ("Ben", "Cy")]
    assert only.workspace[0].tag.n == 2 and only.workspace[0].tag.agreement == 0.5
    with pytest.raises(NotFound):
        load_agreement(seeded_desk, 99)
    path = closed(seeded_desk)
    data = agreement_json(capsys, path, "--article", str(second_id))
    assert data["pairs"][0] == {  # type: ignore[index]
        "reviewers": ["Ana", "Ben"],
        "tag": {"n": 2, "agreement": 0.5, "kappa": 0.0},
        "verdict": {"n": 0, "agreement": None, "kappa": None},
    }
    assert run(["agreement", "-w", str(path), "--article", "99"]) == 1
    assert "no article 99" in capsys.readouterr().err.lower()


def test_ordinary_edits_by_two_reviewers_are_compared(seeded_desk: Desk) -> None:
    """Each edit writes its reviewer's own review too: no direct writes needed."""
    first, second = sentence_ids(seeded_desk)[:2]
    seeded_desk.set_reviewer("Ana")
    seeded_desk.reviews.set_tag(first, C)
    seeded_desk.reviews.set_verdict(first, "false")
    seeded_desk.reviews.set_tag(second, F)
    seeded_desk.set_reviewer("Ben")  # Ben starts from the decided review, as on screen
    seeded_desk.reviews.set_verdict(first, "mixed")
    seeded_desk.reviews.set_tag(second, D)
    (pair,) = load_agreement(seeded_desk).workspace
    assert pair.reviewers == ("Ana", "Ben")
    assert (pair.tag.n, pair.tag.agreement, pair.verdict.n, pair.verdict.agreement) == (
        2,
        0.5,
        1,
        0.0,
    )
    assert [(d.kind, d.number, d.labels) for d in pair.disagreements] == [
        ("verdict", 1, ("False", "Mixed")),
        ("tag", 2, ("fact", "denial")),
    ]


def test_two_colleagues_merged_are_compared_and_both_exported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Alice and Bob reviewed the shared article each in their own file; merged, the
    desk measures them and the export carries both reviews (merge_fixtures)."""
    from factcheck_app.services.export import article_review
    from tests.services.merge_fixtures import make_alice, make_bob

    mine, theirs = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(mine)
    make_bob(theirs)
    desk = Desk.open(mine)
    try:
        desk.merge.merge(theirs)
        shared = 1  # Alice imported the shared article first
        (pair,) = load_agreement(desk, shared).workspace
        exported = article_review(desk, shared)
    finally:
        desk.close()
    # Both reviewed the first two sentences, both as claims: the tag agrees on 2 of 2,
    # and kappa is not defined (one label only). Verdicts: false/false and true/false:
    # p_o = .5; p_e = (.5 * 1) + (.5 * 0) = .5; kappa = 0.
    assert pair.reviewers == ("Alice", "Bob")
    assert (pair.tag.n, pair.tag.agreement, pair.tag.kappa) == (2, 1.0, None)
    assert (pair.verdict.n, pair.verdict.agreement, k(pair.verdict.kappa)) == (2, 0.5, 0.0)
    assert [(d.number, d.kind, d.labels) for d in pair.disagreements] == [
        (2, "verdict", ("True", "False"))
    ]
    second = exported["sentences"][1]
    assert {(r["reviewer"], r["rating"]) for r in second["reviews"]} == {
        ("Alice", "true"),
        ("Bob", "false"),
    }
    assert agreement_json(capsys, mine, "--article", "1")["pairs"] == [  # type: ignore[index]
        {
            "reviewers": ["Alice", "Bob"],
            "tag": {"n": 2, "agreement": 1.0, "kappa": None},
            "verdict": {"n": 2, "agreement": 0.5, "kappa": 0.0},
        }
    ]


def test_a_reviewers_version_from_her_other_machine_is_not_compared_with_her(
    seeded_desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    # Ana edited the first sentence on the desk and on her laptop without merging
    # between: the merge kept the laptop's version beside hers as "Ana (in
    # laptop.fcdesk)". That is Ana, not a third reviewer: her own version on this desk
    # is the one counted against Ben, and she is never measured against herself.
    ids = sentence_ids(seeded_desk)
    give_versions(seeded_desk, "Ana", {ids[0]: (C, "false"), ids[1]: (F, None)})
    give_versions(seeded_desk, "Ana (in laptop.fcdesk)", {ids[0]: (D, "true")})
    give_versions(seeded_desk, "Ben", {ids[0]: (C, "false"), ids[1]: (F, None)})
    (pair,) = load_agreement(seeded_desk).workspace
    assert pair.reviewers == ("Ana", "Ben")
    assert (pair.tag.n, pair.tag.agreement) == (2, 1.0)
    assert (pair.verdict.n, pair.verdict.agreement) == (1, 1.0)
    assert pair.disagreements == ()
    out = agreement_json(capsys, closed(seeded_desk))
    assert isinstance(out, dict)
    assert [p["reviewers"] for p in out["pairs"]] == [["Ana", "Ben"]]


def test_a_sentence_only_her_other_machine_reviewed_counts_as_hers(seeded_desk: Desk) -> None:
    ids = sentence_ids(seeded_desk)
    give_versions(seeded_desk, "Ana", {ids[0]: (C, "false")})
    give_versions(seeded_desk, "Ana (in laptop.fcdesk)", {ids[1]: (F, None)})
    give_versions(seeded_desk, "Ben", {ids[0]: (C, "false"), ids[1]: (C, None)})
    (pair,) = load_agreement(seeded_desk).workspace
    assert pair.reviewers == ("Ana", "Ben")
    assert (pair.tag.n, pair.tag.agreement) == (2, 0.5)
    assert [(d.number, d.labels) for d in pair.disagreements] == [(2, ("fact", "claim"))]


def version(sentence_id: int, reviewer: str, tag: Tag, at: str) -> Review:
    return Review(sentence_id, tag=tag, status=Status.DONE, reviewer=reviewer, updated_at=at)


def test_one_reviewer_whose_name_was_typed_two_ways_is_not_compared_with_herself(
    seeded_desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ana reviewed in the window as "Ana Ruiz" and, later, from a script as "ana ruiz"
    (`--reviewer`): the desk takes them for one person (sign-off's `same_person`), but
    each spelling kept its own review and agreement measured "Ana Ruiz and ana ruiz", a
    checker disagreeing with herself, in the summary, the panel and `agreement`. She is
    one reviewer, by the spelling most of her reviews carry; of her two reviews of one
    sentence, the newer counts against Ben."""
    first, second, third = sentence_ids(seeded_desk)[:3]
    with seeded_desk.repo.db.atomic():
        for review in (
            version(first, "Ana Ruiz", C, "2026-12-01T10:00:00+00:00"),
            version(second, "Ana Ruiz", F, "2026-12-01T10:00:00+00:00"),
            version(third, "ＡＮＡ  RUIZ", D, "2026-12-01T10:00:00+00:00"),
            version(first, "ana ruiz", F, "2026-12-02T09:00:00+00:00"),  # changed her mind
            version(first, "Ben", F, "2026-12-01T11:00:00+00:00"),
            version(second, "Ben", F, "2026-12-01T11:00:00+00:00"),
            version(third, "Ben", D, "2026-12-01T11:00:00+00:00"),
        ):
            seeded_desk.repo.reviews.save_version(review)
    (pair,) = load_agreement(seeded_desk).workspace
    assert pair.reviewers == ("Ana Ruiz", "Ben")
    assert (pair.tag.n, pair.tag.agreement) == (3, 1.0)
    assert pair.disagreements == ()
    out = agreement_json(capsys, closed(seeded_desk))
    assert isinstance(out, dict)
    assert [p["reviewers"] for p in out["pairs"]] == [["Ana Ruiz", "Ben"]]


def test_her_verdict_an_editors_combination_kept_counts_whichever_spelling_is_older() -> None:
    """Ana's two versions of one sentence, under "Ana Ruiz" (her older word, stamped later
    by a laptop a day slow) and "ana ruiz" (her later word: "true"); Edith decided the
    conflict with a combination of Ana's later verdict and Ben's explanation. The verdict
    the sentence shows is hers, so her "true" is measured against Ben's "true", whatever
    the stamps say; the combination's explanation is no reason to fall back on them."""
    older = Review(
        7,
        Tag.CLAIM,
        "false",
        explanation="old",
        status=Status.DONE,
        reviewer="Ana Ruiz",
        updated_at="2026-12-06T10:00:00+00:00",
    )
    later = Review(
        7,
        Tag.CLAIM,
        "true",
        explanation="new",
        status=Status.DONE,
        reviewer="ana ruiz",
        updated_at="2026-12-05T11:00:00+00:00",
    )
    ben = Review(
        7,
        Tag.CLAIM,
        "true",
        explanation="Ben's",
        status=Status.DONE,
        reviewer="Ben Ode",
        updated_at="2026-12-06T09:00:00+00:00",
    )
    decided = combination(
        7, {"tag": later, "verdict": later, "claimant": later, "explanation": ben}
    )
    [pair] = measure([(1, older), (1, later), (1, ben)], shown={7: decided})
    assert pair.verdict.agreement == 1.0
