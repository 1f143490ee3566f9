"""One reviewer on two machines whose name is typed two ways: "Ana Ruiz" on the desk,
"ana ruiz" on her laptop (or from `factcheck-app --reviewer "ana ruiz"`). The desk takes
them for one person elsewhere (`same_person`); a merge must too: her later word is
taken, two versions made apart are her own two versions, never two reviewers'."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.models import Status, Tag
from factcheck_app.services.agreement import measure_input, read_agreement_input
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports.summary import iter_reports, summarize
from factcheck_app.storage.stores import rows
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids

DESK_NAME = "Ana Ruiz"
LAPTOP_NAME = "ana ruiz"  # the same person, as the laptop's window or a script typed it
LAPTOP_LOOK = "first look (laptop)"
DESK_FINAL = "FINAL: census 2019 says 335,600 (desk)"
ROUNDED = "census 2019: 335,600, rounded (laptop)"

Clock = Callable[[float], None]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    def skew(days: float) -> None:
        monkeypatch.setattr(
            rows, "CLOCK", lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=days)
        )

    yield skew


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path, int]:
    """The desk's workspace and the laptop's copy of it, and the sentence Ana reviews."""
    desk_ws, laptop_ws = tmp_path / "desk.fcdesk", tmp_path / "laptop.fcdesk"
    desk = open_as(desk_ws, DESK_NAME)
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        sentence = sentence_ids(desk, article)[1]
    finally:
        desk.close()
    shutil.copy(desk_ws, laptop_ws)
    return desk_ws, laptop_ws, sentence


def review(path: Path, name: str, sentence: int, verdict: str, explanation: str) -> None:
    desk = open_as(path, name)
    try:
        desk.reviews.set_tag(sentence, Tag.CLAIM)
        desk.reviews.set_verdict(sentence, verdict)
        desk.reviews.set_text_field(sentence, "explanation", explanation)
    finally:
        desk.close()


def versions(desk: Desk, sentence: int) -> dict[str, tuple[str | None, str]]:
    return {v.reviewer: (v.verdict, v.explanation) for v in desk.merge.versions(sentence)}


def shown(desk: Desk, sentence: int) -> tuple[str | None, str, Status, str]:
    decided = desk.reviews.review(sentence)
    return decided.verdict, decided.explanation, decided.status, decided.reviewer


def state(desk: Desk, sentence: int) -> tuple[object, ...]:
    return (
        shown(desk, sentence),
        versions(desk, sentence),
        len(desk.edits.undo_steps),
        desk.repo.db.execute("SELECT count(*) FROM history").fetchone()[0],
    )


def test_her_later_word_typed_another_way_on_the_laptop_is_taken_not_kept_beside(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    desk_ws, laptop_ws, s = copies
    review(desk_ws, DESK_NAME, s, "false", DESK_FINAL)
    clock(-1)  # the laptop runs a day behind: its later word is stamped earlier
    laptop = open_as(laptop_ws, LAPTOP_NAME)
    try:
        laptop.merge.merge(desk_ws)  # she takes the desk's work to the laptop…
        laptop.reviews.set_verdict(s, "mostly_false")  # …and goes on from it there
        laptop.reviews.set_text_field(s, "explanation", ROUNDED)
    finally:
        laptop.close()
    clock(0)
    desk = open_as(desk_ws, DESK_NAME)
    try:
        before = state(desk, s)
        result = desk.merge.merge(laptop_ws)
        assert result.sentences_conflicting == 0
        # Her later word, as her one version, under the desk's spelling of her name.
        assert shown(desk, s) == ("mostly_false", ROUNDED, Status.DONE, DESK_NAME)
        assert versions(desk, s) == {DESK_NAME: ("mostly_false", ROUNDED)}
        after = state(desk, s)
        assert not desk.merge.merge(laptop_ws).changed  # merged twice: nothing new
        assert state(desk, s) == after
        desk.edits.undo()  # one Ctrl+Z takes the merge back, as it was
        assert state(desk, s)[:2] == before[:2]
        desk.edits.redo()
        assert state(desk, s)[:2] == after[:2]
    finally:
        desk.close()
    # Back on the laptop, the desk's file holds her own later word: nothing to decide.
    laptop = open_as(laptop_ws, LAPTOP_NAME)
    try:
        back = laptop.merge.merge(desk_ws)
        assert (back.reviews_added, back.sentences_conflicting) == (0, 0)
        assert shown(laptop, s) == ("mostly_false", ROUNDED, Status.DONE, LAPTOP_NAME)
    finally:
        laptop.close()


def test_her_two_versions_made_apart_are_her_own_conflict_under_one_name(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    desk_ws, laptop_ws, s = copies
    clock(+1)  # the laptop's clock runs a day ahead
    review(laptop_ws, LAPTOP_NAME, s, "true", LAPTOP_LOOK)
    clock(0)
    review(desk_ws, DESK_NAME, s, "false", DESK_FINAL)
    desk = open_as(desk_ws, DESK_NAME)
    try:
        result = desk.merge.merge(laptop_ws)
        assert result.sentences_conflicting == 1
        assert shown(desk, s) == ("false", DESK_FINAL, Status.CONFLICT, DESK_NAME)
        # Her own two versions (recognised as hers: "(in laptop.fcdesk)"), not two people.
        assert versions(desk, s) == {
            DESK_NAME: ("false", DESK_FINAL),
            f"{DESK_NAME} (in laptop.fcdesk)": ("true", LAPTOP_LOOK),
        }
        after = state(desk, s)
        assert not desk.merge.merge(laptop_ws).changed  # merged twice: nothing new
        assert state(desk, s) == after
    finally:
        desk.close()
    # Back on the laptop, the desk's "(in laptop.fcdesk)" is her own work coming back.
    laptop = open_as(laptop_ws, LAPTOP_NAME)
    try:
        laptop.merge.merge(desk_ws)
        assert shown(laptop, s) == ("true", LAPTOP_LOOK, Status.CONFLICT, LAPTOP_NAME)
        assert versions(laptop, s) == {
            LAPTOP_NAME: ("true", LAPTOP_LOOK),
            f"{LAPTOP_NAME} (in desk.fcdesk)": ("false", DESK_FINAL),
        }
    finally:
        laptop.close()


def test_the_same_verdict_typed_under_either_spelling_is_agreed_with_the_desks_words(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    desk_ws, laptop_ws, s = copies
    review(laptop_ws, LAPTOP_NAME, s, "false", LAPTOP_LOOK)
    review(desk_ws, DESK_NAME, s, "false", DESK_FINAL)
    desk = open_as(desk_ws, DESK_NAME)
    try:
        result = desk.merge.merge(laptop_ws)
        assert result.sentences_conflicting == 0
        assert shown(desk, s) == ("false", DESK_FINAL, Status.DONE, DESK_NAME)
        assert versions(desk, s) == {DESK_NAME: ("false", DESK_FINAL)}
    finally:
        desk.close()


def test_each_spelling_kept_on_both_sides_is_weighed_by_its_own_edits(
    copies: tuple[Path, Path, int],
) -> None:
    # Both workspaces keep a version under each spelling of her name (the window's "Ana
    # Ruiz", a script's "ana ruiz"). On the desk she went on as "Ana Ruiz", on the laptop
    # as "ana ruiz": her two last words disagree, made apart. Neither side's other
    # spelling is a word made apart: the desk's "Ana Ruiz" went on from the laptop's, the
    # laptop's "ana ruiz" from the desk's.
    desk_ws, laptop_ws, s = copies
    review(desk_ws, LAPTOP_NAME, s, "true", "first look (script)")
    review(desk_ws, DESK_NAME, s, "mixed", "second look (window)")
    shutil.copy(desk_ws, laptop_ws)
    review(laptop_ws, LAPTOP_NAME, s, "false", LAPTOP_LOOK)
    review(desk_ws, DESK_NAME, s, "mostly_false", DESK_FINAL)
    desk = open_as(desk_ws, DESK_NAME)
    try:
        result = desk.merge.merge(laptop_ws)
        assert (result.reviews_added, result.sentences_conflicting) == (1, 1)
        assert shown(desk, s) == ("mostly_false", DESK_FINAL, Status.CONFLICT, DESK_NAME)
        # Her older "second look" is not offered as a version made apart on the laptop.
        assert versions(desk, s) == {
            DESK_NAME: ("mostly_false", DESK_FINAL),
            LAPTOP_NAME: ("false", LAPTOP_LOOK),
        }
        after = state(desk, s)
        assert not desk.merge.merge(laptop_ws).changed  # merged twice: nothing new
        assert state(desk, s) == after
    finally:
        desk.close()


def test_her_laptop_word_coming_back_is_hers_under_whichever_spelling_holds_it(
    copies: tuple[Path, Path, int],
) -> None:
    # The laptop keeps versions under three spellings of her name; her last word there is
    # "ANA RUIZ"'s. The desk, where she went on as "ana ruiz" meanwhile, keeps the laptop's
    # word beside hers as "ana ruiz (in laptop.fcdesk)". Back on the laptop that is the
    # laptop's own word (it is "ANA RUIZ"'s there): not one more version of it.
    desk_ws, laptop_ws, s = copies
    review(desk_ws, LAPTOP_NAME, s, "true", "first look (script)")
    review(desk_ws, DESK_NAME, s, "mixed", "second look (window)")
    shutil.copy(desk_ws, laptop_ws)
    review(laptop_ws, "ANA RUIZ", s, "false", LAPTOP_LOOK)
    review(desk_ws, LAPTOP_NAME, s, "mostly_false", DESK_FINAL)
    desk = open_as(desk_ws, DESK_NAME)
    try:
        assert desk.merge.merge(laptop_ws).sentences_conflicting == 1
        assert versions(desk, s)[f"{LAPTOP_NAME} (in laptop.fcdesk)"] == ("false", LAPTOP_LOOK)
    finally:
        desk.close()
    laptop = open_as(laptop_ws, LAPTOP_NAME)
    try:
        back = laptop.merge.merge(desk_ws)
        assert (back.reviews_added, back.sentences_conflicting) == (1, 1)  # the desk's word
        # Her last word on the desk (its conflict's shown version, "ana ruiz") beside her
        # last word here, as hers made there; her older words here stay as they were.
        assert versions(laptop, s) == {
            DESK_NAME: ("mixed", "second look (window)"),
            LAPTOP_NAME: ("true", "first look (script)"),
            "ANA RUIZ": ("false", LAPTOP_LOOK),
            "ANA RUIZ (in desk.fcdesk)": ("mostly_false", DESK_FINAL),
        }
        after = state(laptop, s)
        assert not laptop.merge.merge(desk_ws).changed  # merged twice: nothing new
        assert state(laptop, s) == after
    finally:
        laptop.close()


def test_her_laptop_version_kept_under_her_other_spelling_is_hers_in_agreement(
    copies: tuple[Path, Path, int],
) -> None:
    # The desk keeps the laptop's word beside hers as "ana ruiz (in laptop.fcdesk)" and
    # its editor decides for hers. Ben's copy, which knows her only as "Ana Ruiz", merges
    # the desk's file: her "ana ruiz" comes in as his "Ana Ruiz", the laptop's version
    # under the name the desk gave it. Still one reviewer, never measured against herself.
    desk_ws, laptop_ws, s = copies
    ben_ws = desk_ws.with_name("ben.fcdesk")
    review(desk_ws, DESK_NAME, s, "true", "first look")
    shutil.copy(desk_ws, laptop_ws)
    shutil.copy(desk_ws, ben_ws)
    review(desk_ws, LAPTOP_NAME, s, "false", DESK_FINAL)
    review(laptop_ws, DESK_NAME, s, "mixed", LAPTOP_LOOK)
    desk = open_as(desk_ws, "Edith")
    try:
        desk.merge.merge(laptop_ws)
        hers = next(v for v in desk.merge.versions(s) if v.reviewer == LAPTOP_NAME)
        desk.reviews.decide(s, hers)
    finally:
        desk.close()
    ben = open_as(ben_ws, "Ben")
    try:
        ben.merge.merge(desk_ws)
        assert versions(ben, s) == {
            DESK_NAME: ("false", DESK_FINAL),
            f"{LAPTOP_NAME} (in laptop.fcdesk)": ("mixed", LAPTOP_LOOK),
        }
        report = measure_input(read_agreement_input(ben))
        assert [pair.reviewers for pair in report.workspace] == []
    finally:
        ben.close()


def test_keeping_her_laptop_version_under_her_other_spelling_makes_it_hers(
    copies: tuple[Path, Path, int],
) -> None:
    # Ben's copy knows her as "Ana Ruiz" and has her word there; the desk knows her as
    # "ana ruiz" too, and kept her laptop's word beside hers. Merged into Ben's copy, her
    # word there and the laptop's are hers: the editor who keeps the laptop's keeps Ana's,
    # and Ana may not approve it herself.
    desk_ws, laptop_ws, s = copies
    ben_ws = desk_ws.with_name("ben.fcdesk")
    review(desk_ws, DESK_NAME, s, "true", "first look")
    shutil.copy(desk_ws, laptop_ws)
    shutil.copy(desk_ws, ben_ws)
    review(desk_ws, LAPTOP_NAME, s, "false", DESK_FINAL)
    review(laptop_ws, DESK_NAME, s, "mixed", LAPTOP_LOOK)
    review(ben_ws, DESK_NAME, s, "mostly_true", "her word on Ben's copy")
    desk = open_as(desk_ws, "Edith")
    try:
        desk.merge.merge(laptop_ws)
        hers = next(v for v in desk.merge.versions(s) if v.reviewer == LAPTOP_NAME)
        desk.reviews.decide(s, hers)
    finally:
        desk.close()
    ben = open_as(ben_ws, "Ben")
    try:
        assert ben.merge.merge(desk_ws).sentences_conflicting == 1
        laptops = next(
            v for v in ben.merge.versions(s) if v.reviewer.endswith("(in laptop.fcdesk)")
        )
        ben.reviews.decide(s, laptops)
        assert shown(ben, s) == ("mixed", LAPTOP_LOOK, Status.DONE, DESK_NAME)
    finally:
        ben.close()
    ana = open_as(ben_ws, DESK_NAME)
    try:
        with pytest.raises(EditRefused):
            ana.sign_offs.approve(s)
    finally:
        ana.close()


def test_her_later_words_under_her_other_spelling_are_shown_where_both_keep_both(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    # The desk keeps a version under each spelling (a script's "ana ruiz" first, then
    # the window's "Ana Ruiz", shown). The laptop, a copy, goes on as "ana ruiz": her
    # later words, the same verdict. The desk must show them, as it does when she
    # typed her name one way, not keep her older words shown with nothing said.
    desk_ws, laptop_ws, s = copies
    review(desk_ws, LAPTOP_NAME, s, "false", "first look (script)")
    review(desk_ws, DESK_NAME, s, "false", "second look (window)")
    shutil.copy(desk_ws, laptop_ws)
    clock(-1)  # the laptop runs a day behind: the clock would not take her later word
    review(laptop_ws, LAPTOP_NAME, s, "false", ROUNDED)
    clock(0)
    desk = open_as(desk_ws, DESK_NAME)
    try:
        before = state(desk, s)
        result = desk.merge.merge(laptop_ws)
        assert result.sentences_conflicting == 0
        assert shown(desk, s) == ("false", ROUNDED, Status.DONE, LAPTOP_NAME)
        after = state(desk, s)
        assert not desk.merge.merge(laptop_ws).changed  # merged twice: nothing new
        assert state(desk, s) == after
        desk.edits.undo()  # one Ctrl+Z takes the merge back, as it was
        assert state(desk, s)[:2] == before[:2]
        desk.edits.redo()
        assert state(desk, s)[:2] == after[:2]
    finally:
        desk.close()


def test_her_stale_copy_under_another_spelling_does_not_come_back_as_made_elsewhere(
    copies: tuple[Path, Path, int],
) -> None:
    # Home is a copy of the desk; there she reviews as "ANA RUIZ" (the desk's "Ana
    # Ruiz" version stays in the copy, older). The desk goes on meanwhile: a conflict
    # of her two words, raised at home first. Merged back to the desk, home's word is
    # "Ana Ruiz (in home.fcdesk)"; the desk's own older word in home's copy is not
    # brought back as made at home.
    desk_ws, home_ws, s = copies
    home_ws.rename(home_ws.with_name("home.fcdesk"))
    home_ws = home_ws.with_name("home.fcdesk")
    review(desk_ws, DESK_NAME, s, "false", DESK_FINAL)
    shutil.copy(desk_ws, home_ws)
    review(home_ws, "ANA RUIZ", s, "true", "home look")
    review(desk_ws, DESK_NAME, s, "mixed", "desk, later")
    home = open_as(home_ws, "ANA RUIZ")
    try:
        assert home.merge.merge(desk_ws).sentences_conflicting == 1
    finally:
        home.close()
    desk = open_as(desk_ws, DESK_NAME)
    try:
        result = desk.merge.merge(home_ws)
        assert result.sentences_conflicting == 1
        assert shown(desk, s) == ("mixed", "desk, later", Status.CONFLICT, DESK_NAME)
        assert versions(desk, s) == {
            DESK_NAME: ("mixed", "desk, later"),
            f"{DESK_NAME} (in home.fcdesk)": ("true", "home look"),
        }
        after = state(desk, s)
        assert not desk.merge.merge(home_ws).changed
        assert state(desk, s) == after
    finally:
        desk.close()


def test_her_own_word_coming_back_under_another_spelling_of_the_file_name_is_not_added(
    copies: tuple[Path, Path, int],
) -> None:
    # The desk kept her laptop's word as "ana ruiz (in laptop.fcdesk)" (it knew her as
    # "ana ruiz"); Ben's copy knows her as "Ana Ruiz" and took it so from the desk. The
    # laptop, which knows her as "Ana Ruiz", merging Ben's copy gets its own word back.
    desk_ws, laptop_ws, s = copies
    ben_ws = desk_ws.with_name("ben.fcdesk")
    review(desk_ws, DESK_NAME, s, "true", "first look")
    shutil.copy(desk_ws, laptop_ws)
    shutil.copy(desk_ws, ben_ws)
    review(desk_ws, LAPTOP_NAME, s, "false", DESK_FINAL)
    review(laptop_ws, DESK_NAME, s, "mixed", LAPTOP_LOOK)
    desk = open_as(desk_ws, "Edith")
    try:
        desk.merge.merge(laptop_ws)
        hers = next(v for v in desk.merge.versions(s) if v.reviewer == LAPTOP_NAME)
        desk.reviews.decide(s, hers)
    finally:
        desk.close()
    ben = open_as(ben_ws, "Ben")
    try:
        ben.merge.merge(desk_ws)
        assert f"{LAPTOP_NAME} (in laptop.fcdesk)" in versions(ben, s)
    finally:
        ben.close()
    laptop = open_as(laptop_ws, DESK_NAME)
    try:
        laptop.merge.merge(ben_ws)
        # The desk's word comes beside hers; the laptop's own, back, is not one more.
        assert versions(laptop, s) == {
            DESK_NAME: ("mixed", LAPTOP_LOOK),
            f"{DESK_NAME} (in ben.fcdesk)": ("false", DESK_FINAL),
        }
    finally:
        laptop.close()


def test_agreement_counts_her_last_word_not_the_copys_older_one_stamped_later(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    # The laptop is a copy of the desk, where Ana ("Ana Ruiz") said False and Ben True.
    # On the laptop, whose clock runs a day behind, she goes on as "ana ruiz" and says
    # True: her last word there, stamped before the copy's older one. The laptop's
    # agreement measures her True against Ben's, not the copy's older False.
    desk_ws, laptop_ws, s = copies
    review(desk_ws, DESK_NAME, s, "false", DESK_FINAL)
    review(desk_ws, "Ben", s, "true", "Ben's look")
    shutil.copy(desk_ws, laptop_ws)
    clock(-1)
    laptop = open_as(laptop_ws, LAPTOP_NAME)
    try:
        laptop.reviews.set_verdict(s, "true")
        laptop.reviews.set_text_field(s, "explanation", ROUNDED)
        assert set(versions(laptop, s)) == {DESK_NAME, LAPTOP_NAME, "Ben"}  # kept as typed
        (pair,) = measure_input(read_agreement_input(laptop)).workspace
        assert (pair.verdict.agreement, pair.disagreements) == (1.0, ())
        # The workspace summary's figures too.
        (pair,) = summarize(iter_reports(laptop), name="laptop").agreement
        assert (pair.verdict.agreement, pair.disagreements) == (1.0, ())
    finally:
        laptop.close()


@pytest.mark.parametrize("name_there", ["ANA RUIZ", LAPTOP_NAME, DESK_NAME])
def test_both_sides_of_her_conflict_under_two_spellings_go_to_a_third_desk(
    copies: tuple[Path, Path, int], name_there: str
) -> None:
    # The desk keeps a version under each spelling; its merge of the laptop, where she
    # went on as "ana ruiz", left her two words in conflict, the laptop's kept under
    # "ana ruiz". Ben's copy of the desk, where she went on under one spelling or
    # another, merges the desk: the conflict's two sides both come, with his own word.
    desk_ws, laptop_ws, s = copies
    ben_ws = desk_ws.with_name("ben.fcdesk")
    review(desk_ws, LAPTOP_NAME, s, "true", "first look (script)")
    review(desk_ws, DESK_NAME, s, "mixed", "second look (window)")
    shutil.copy(desk_ws, laptop_ws)
    shutil.copy(desk_ws, ben_ws)
    review(laptop_ws, LAPTOP_NAME, s, "false", LAPTOP_LOOK)
    review(desk_ws, DESK_NAME, s, "mostly_false", DESK_FINAL)
    review(ben_ws, name_there, s, "mostly_true", "her word on Ben's copy")
    desk = open_as(desk_ws, DESK_NAME)
    try:
        assert desk.merge.merge(laptop_ws).sentences_conflicting == 1
    finally:
        desk.close()
    ben = open_as(ben_ws, "Ben")
    try:
        assert ben.merge.merge(desk_ws).sentences_conflicting == 1
        kept = {words for _verdict, words in versions(ben, s).values()}
        assert {LAPTOP_LOOK, DESK_FINAL, "her word on Ben's copy"} <= kept
        after = state(ben, s)
        assert not ben.merge.merge(desk_ws).changed  # merged twice: nothing new
        assert state(ben, s) == after
    finally:
        ben.close()


def test_her_name_typed_two_ways_is_named_alike_in_every_agreement(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    # As many reviews under each spelling: the Agreement panel and `factcheck-app
    # agreement` (every version, by reviewer) and `stats` and the summary export (each
    # sentence's versions) named her each by the spelling they met first, one "Ana
    # Ruiz", the other "ana ruiz": one reviewer, named two ways in two reports.
    desk_ws, _laptop_ws, s = copies
    review(desk_ws, DESK_NAME, s, "false", DESK_FINAL)
    review(desk_ws, "Ben", s, "true", "Ben's look")
    clock(-1)  # a script on a machine a day slow
    review(desk_ws, LAPTOP_NAME, s, "true", ROUNDED)
    clock(0)
    desk = open_as(desk_ws, "Ben")
    try:
        panel = measure_input(read_agreement_input(desk)).workspace
        summary = summarize(iter_reports(desk), name="desk").agreement
        assert [p.reviewers for p in summary] == [p.reviewers for p in panel]
    finally:
        desk.close()
