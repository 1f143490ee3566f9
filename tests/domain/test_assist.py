"""Tests for the reviewer assist (factcheck_app.domain.assist): cues, claimants, links."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck_app.domain.assist import (
    Suggestion,
    checkworthy_order,
    next_checkworthy,
    suggest_article,
)
from factcheck_app.domain.models import Tag
from factcheck_app.domain.segmentation import split_sentences

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "assist_labelled.jsonl"
SEED = ROOT / "seeds" / "000_36225f02f4276a91.txt"


def one(sentence: str) -> Suggestion:
    return suggest_article([sentence])[0]


# --------------------------------------------------------------------------
# Tags and cues
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Yerevan has dismissed the allegations that it opened fire from its territory.",
        "Moscow denied targeting civilian infrastructure, saying its strikes hit military sites.",
        "State officials have rejected those claims.",
        "The Pentagon has refuted the allegations, saying the oil fields are run by its partners.",
        "Kurdish officials dismissed the Russian images as fabricated.",
        '"There is no truth to the idea that dead people voted," said Gabriel Sterling.',
        'Such accusations are "absurd," Peskov said.',
        "Ukrainian commanders said the claim was false and that their troops held their lines.",
        "A former police officer pleaded not guilty on Thursday to federal charges.",
        "Hale's lawyer, Amy Carter, said her client followed his training and denied that he "
        "used excessive force.",
    ],
)
def test_denials(sentence: str) -> None:
    s = one(sentence)
    assert s.tag is Tag.DENIAL, s
    assert s.cue.startswith("denial cue:")


@pytest.mark.parametrize(
    ("sentence", "tag"),
    [
        # A claim that mentions a denial is still a claim.
        ("Prosecutors said the defendant's denials were not credible.", Tag.CLAIM),
        ("Critics accused the government of denying the scale of the outbreak.", Tag.CLAIM),
        (
            "Russian bloggers claimed that units had reached the town, a report Ukrainian "
            "commanders rejected.",
            Tag.CLAIM,
        ),
        # Rejecting a thing that is not a claim is not a denial.
        ("Turkish leaders have brushed aside calls for talks from France.", Tag.FACT),
        ("The border guards denied entry to 40 foreign journalists on Monday.", Tag.FACT),
        ("A judge dismissed the charges against the two men in 2019.", Tag.FACT),
        ("China refused to take part in the second phase of the study in March.", Tag.FACT),
    ],
)
def test_denial_look_alikes(sentence: str, tag: Tag | None) -> None:
    assert one(sentence).tag is tag


def test_quote_with_trailing_attribution() -> None:
    s = one(
        "“Facing defeat, Armenia violates all principles of humanitarian law,” the ministry "
        "said in a statement, referring to the Geneva Conventions."
    )
    assert s.tag is Tag.CLAIM
    assert s.claimant == "the ministry"
    assert s.cue == "quote with attribution: said"
    inverted = one('"It is not possible to tell how well it works," said Peter Bach, a doctor.')
    assert (inverted.tag, inverted.claimant) == (Tag.CLAIM, "Peter Bach")


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        # A newcomer's own article: the panel said "quote with attribution: ;" and A
        # recorded "Mayor Helen Ortiz after the vote" as the claimant.
        (
            '"This bridge is falling apart," said Mayor Helen Ortiz after the vote.',
            "Mayor Helen Ortiz",
        ),
        ('"It will not last," said Ortiz on Friday.', "Ortiz"),
        ('"It will not last," said Ortiz in a statement.', "Ortiz"),
        ('"We hold the line," said President Zelensky late on Friday.', "President Zelensky"),
        ('"It will not last," said Ortiz at a news conference in Kyiv.', "Ortiz"),
        ('"It will not last," added Ortiz.', "Ortiz"),
        # What names the speaker stays: a place after a ministry, an office's "of".
        (
            '"It will not last," said the Foreign Ministry in Ankara.',
            "the Foreign Ministry in Ankara",
        ),
        (
            '"It will not last," said Secretary of State Antony Blinken.',
            "Secretary of State Antony Blinken",
        ),
    ],
)
def test_an_inverted_quote_names_its_verb_and_only_its_speaker(
    sentence: str, claimant: str
) -> None:
    s = one(sentence)
    assert s.tag is Tag.CLAIM
    assert s.claimant == claimant
    verb = sentence.split('," ', 1)[1].split()[0]
    assert s.cue == f"quote with attribution: {verb}"


@pytest.mark.parametrize(
    ("sentence", "tag", "claimant"),
    [
        # A reviewer's article: the panel suggested "Fact (60%) — named entity: Priya"
        # while its "Worth checking" line said "a denial (false)". The title stays in the
        # claimant, as the gold set writes it ("regional governor Oleh Kiper").
        (
            '"That figure is simply false," said finance director Priya Nair.',
            Tag.DENIAL,
            "finance director Priya Nair",
        ),
        (
            '"The bridge will reopen in May," said city spokesperson Ana Ruiz.',
            Tag.CLAIM,
            "city spokesperson Ana Ruiz",
        ),
        (
            '"The plan will cost 2 billion zlotys," said former minister Jan Kowalski.',
            Tag.CLAIM,
            "former minister Jan Kowalski",
        ),
        (
            '"These claims are baseless," said the finance director Priya Nair on Friday.',
            Tag.DENIAL,
            "the finance director Priya Nair",
        ),
        (
            "The suspect fled north, according to police chief Sam Lee.",
            Tag.CLAIM,
            "police chief Sam Lee",
        ),
    ],
)
def test_a_lower_case_job_title_before_a_name_is_part_of_the_speaker(
    sentence: str, tag: Tag, claimant: str
) -> None:
    s = one(sentence)
    assert (s.tag, s.claimant) == (tag, claimant), s


@pytest.mark.parametrize(
    "sentence",
    [
        # The when and how of the saying after "said" is no title: a rule that took any
        # lower-case words before a name gave "on Friday Economy Minister Karin Adler".
        '"Exports will recover," said on Friday Economy Minister Karin Adler.',
        '"That figure is false," said in a statement Priya Nair.',
        '"Prices will fall," said last week Priya Nair.',
        '"Prices will fall," said late on Friday Priya Nair.',
        '"We will appeal," said through spokesperson Ana Ruiz.',
        '"We will appeal," said again and again Ana Ruiz.',
        # Only a title of office: a resident's view is not worth checking (the labelled
        # news), and the rules would score it as a claim.
        "\"I don't trust what they're telling us,\" said resident Gary Kuhn.",
    ],
)
def test_lower_case_words_after_said_are_not_taken_for_a_title(sentence: str) -> None:
    assert one(sentence).claimant == ""


def test_words_inside_quotes_do_not_make_the_attribution() -> None:
    s = one('"They said it, we denied it," the mayor told reporters on Monday.')
    assert s.tag is Tag.CLAIM
    assert s.claimant == "the mayor"


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("Earlier, Baku said one civilian had been killed and 32 wounded.", "Baku"),
        (
            "The attacks are unlawful, the Foreign Ministry in Ankara commented on Sunday.",
            "the Foreign Ministry in Ankara",
        ),
        ("Ankara, Baku’s main backer in the conflict, has accused Armenia of shelling.", "Ankara"),
        ("His opponent, Jon Ossoff, accused Perdue of undermining trust.", "Jon Ossoff"),
        (
            "Oxford University, which developed the vaccine, said no cases were severe.",
            "Oxford University",
        ),
        (
            "Retail sales rose 0.6% in June, the Commerce Department reported separately.",
            "the Commerce Department",
        ),
        ("Exports reached $97 billion, according to the Finance Ministry.", "the Finance Ministry"),
        (
            "KYIV (Reuters) - Ukraine's military said on Tuesday it shot down 14 drones.",
            "Ukraine's military",
        ),
        (
            "Turkish leaders have brushed aside calls for talks – insisting that only a "
            "withdrawal will end the fighting.",
            "Turkish leaders",
        ),
    ],
)
def test_claimants(sentence: str, claimant: str) -> None:
    s = one(sentence)
    assert s.tag is Tag.CLAIM
    assert s.claimant == claimant


def test_pronouns_take_the_previous_claimant() -> None:
    out = suggest_article(
        [
            "Kremlin spokesman Dmitry Peskov told reporters that Moscow was open to talks.",
            "Fighting was heavy around Pokrovsk on Tuesday.",
            'He dismissed Western reports of a new mobilisation as "absolutely untrue."',
            "The Interior Ministry said more than 3,000 people had been detained.",
            "It denied that officers had used excessive force.",
            '"We are seeing fire seasons that last all year," she said.',
        ]
    )
    assert [s.tag for s in out] == [
        Tag.CLAIM,
        Tag.FACT,
        Tag.DENIAL,
        Tag.CLAIM,
        Tag.DENIAL,
        Tag.CLAIM,
    ]
    assert out[2].claimant == "Kremlin spokesman Dmitry Peskov"
    assert "'He' = Kremlin spokesman Dmitry Peskov" in out[2].cue
    assert out[4].claimant == out[5].claimant == "The Interior Ministry"


def test_pronoun_inside_the_sentence_is_its_own_subject() -> None:
    s = one(
        "The Russian Defense Ministry released images on Saturday, which it said showed "
        "hundreds of tanker trucks."
    )
    assert (s.tag, s.claimant) == (Tag.CLAIM, "The Russian Defense Ministry")


def test_pronoun_with_nobody_before_gives_no_claimant() -> None:
    s = one("He said the bridge had been destroyed.")
    assert (s.tag, s.claimant) == (Tag.CLAIM, "")


@pytest.mark.parametrize(
    ("sentence", "tag", "cue"),
    [
        ("Ganja is a city of roughly 332,000 people.", Tag.FACT, "statistic: 332,000"),
        ("The disease was declared eliminated from the country in 2000.", Tag.FACT, "2000"),
        ("No one was hurt.", Tag.FACT, "quantity: no one"),
        ("California's five largest wildfires have all occurred since 2018.", Tag.FACT, ""),
        ("The mood at the counting center was calm.", None, "colour"),
        ("What happens next is less clear.", None, "hedge"),
        ("ING declined to comment.", None, "no-comment line"),
        ("Things may get harder.", None, "hedge"),
    ],
)
def test_facts_need_something_checkable(sentence: str, tag: Tag | None, cue: str) -> None:
    s = one(sentence)
    assert s.tag is tag
    assert cue in s.cue


def test_suggestions_are_well_formed() -> None:
    text = SEED.read_text(encoding="utf-8")
    sentences = [text[s.start : s.end] for s in split_sentences(text)]
    for s in suggest_article(sentences):
        assert 0.0 <= s.confidence <= 1.0
        assert 0.0 <= s.checkworthiness <= 1.0
        assert s.cue
        assert (s.claimant != "") <= (s.tag in (Tag.CLAIM, Tag.DENIAL))
        assert (s.denies_index is not None) <= (s.tag is Tag.DENIAL)
    assert suggest_article([]) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=8))
def test_never_raises_on_arbitrary_text(sentences: list[str]) -> None:
    out = suggest_article(sentences)
    assert len(out) == len(sentences)


# --------------------------------------------------------------------------
# Denial links and check-worthiness
# --------------------------------------------------------------------------


def test_denial_links_to_the_claim_it_answers() -> None:
    out = suggest_article(
        [
            "Ankara has accused Armenia of violating the Geneva Conventions.",
            "Baku said one civilian had been killed, accusing Armenia of shelling Ganja from "
            "inside its own territory.",
            "Ganja is Azerbaijan's second-largest city.",
            "Yerevan has dismissed the allegations that it opened fire from its territory.",
        ]
    )
    assert out[3].tag is Tag.DENIAL
    assert out[3].denies_index == 1
    assert 0.0 < out[3].denies_score <= 1.0


# A wire story as a newcomer met it: the denial (#12 in the window, index 11) comes
# before the claim it answers (#14, index 13); the claim just before it (#11) shares no
# word with it, so recency alone used to link them, and A recorded that wrong link.
WIRE_STORY = [
    "BERLIN (Reuters) - Water supplier EastAqua will raise household bills by 12% from "
    "January, the company said on Monday.",
    "The increase is the largest since the firm was privatised in 2009.",
    "EastAqua blamed higher energy costs and the need to replace ageing pipes.",
    "Consumer groups said the rise would hit low-income families hardest.",
    "About 2.1 million households in Berlin and Brandenburg get their water from EastAqua.",
    "The company's shares rose 3% in Frankfurt.",
    "Analysts at Commerzbank said the increase was in line with expectations.",
    "The regional government owns a 25% stake in the firm.",
    "Union leaders have accused EastAqua of paying its executives too much.",
    "Chief executive Jonas Wirth earned 2.4 million euros last year, according to the "
    "annual report.",
    "EastAqua said it did not comment on salaries.",
    "Economy Minister Karin Adler rejected suggestions the subsidy was cut.",
    "The state pays part of the cost of treating drinking water.",
    "Opposition lawmakers said the government had quietly cut the subsidy in the spring budget.",
    "The budget committee will meet on Thursday.",
]


def test_a_denial_answers_the_claim_just_after_it_when_none_before_shares_a_word() -> None:
    out = suggest_article(WIRE_STORY)
    assert [i for i, s in enumerate(out) if s.tag is Tag.DENIAL] == [11]
    assert out[10].tag is out[13].tag is Tag.CLAIM
    assert out[11].denies_index == 13
    assert 0.0 < out[11].denies_score <= 1.0


def test_a_denial_tied_to_no_claim_gets_no_link() -> None:
    """Nothing shared and the nearest claim far back: no link, rather than a wrong one."""
    out = suggest_article(
        [
            "Governor Elvira Nabiullina said the strong ruble reflected a collapse in imports.",
            "Imports fell by about a quarter in the second quarter.",
            "Shortages of car parts have idled several factories.",
            "AvtoVAZ resumed production in June after a two-month halt.",
            "Meanwhile, European gas prices hit a record high on Friday.",
            "The Kremlin has denied using gas supplies as a political weapon.",
        ]
    )
    assert out[5].tag is Tag.DENIAL
    assert (out[5].denies_index, out[5].denies_score) == (None, 0.0)


def test_a_denial_right_after_a_claim_answers_it_without_a_shared_word() -> None:
    out = suggest_article(
        [
            "Critics argue that capital controls are propping up the currency artificially.",
            "The central bank has denied manipulating the exchange rate.",
        ]
    )
    assert out[1].denies_index == 0


def test_denial_without_an_earlier_claim_has_no_link() -> None:
    out = suggest_article(["The Kremlin has denied using gas supplies as a weapon."])
    assert out[0].denies_index is None


def test_rule_checkworthiness_ranks_and_explains() -> None:
    """The rules' own score: what the desk uses when the model's weights are missing."""
    sentences = [
        "The mood in the capital was tense.",
        "Baku said one civilian had been killed and 32 wounded.",
        "Yerevan has dismissed the allegations.",
        "Meanwhile, the talks continue.",
    ]
    out = suggest_article(sentences, use_model=False)
    order = checkworthy_order(out)
    assert order[:2] == [1, 2]
    assert out[0].checkworthiness < 0.2
    assert any(r.startswith("statistic: 32") for r in out[1].reasons)
    assert any(r.startswith("named claimant: Baku") for r in out[1].reasons)
    assert next_checkworthy(out, None) == 1
    assert next_checkworthy(out, 1) == 2
    assert next_checkworthy(out, None, skip={1}) == 2
    assert next_checkworthy(out, 2) is None  # untagged sentences are never offered


def test_model_checkworthiness_ranks_and_explains() -> None:
    sentences = [
        "The mood in the capital was tense.",
        "Baku said one civilian had been killed and 32 wounded.",
        "Yerevan has dismissed the allegations.",
        "Meanwhile, the talks continue.",
    ]
    out = suggest_article(sentences)
    assert checkworthy_order(out)[:2] == [1, 2]
    assert out[1].checkworthiness >= 0.5 and out[2].checkworthiness >= 0.5
    assert out[0].checkworthiness < 0.5 and out[3].checkworthiness < 0.5
    assert any("number (32)" in r for r in out[1].reasons), out[1].reasons
    assert any("denial (dismissed)" in r for r in out[2].reasons), out[2].reasons
    assert next_checkworthy(out, None) == 1
    assert next_checkworthy(out, 1) == 2
    assert next_checkworthy(out, 2) is None  # nothing to check and scored below 0.5


# --------------------------------------------------------------------------
# The labelled set: regressions fail here
# --------------------------------------------------------------------------


def _labelled() -> dict[str, list[dict[str, object]]]:
    articles: dict[str, list[dict[str, object]]] = defaultdict(list)
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles[row["article"]].append(row)
    return articles


def _norm(name: str) -> str:
    words = name.lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


@pytest.mark.parametrize("split", ["all", "heldout"])
def test_labelled_set_stays_above_targets(split: str) -> None:
    pairs = []
    for rows in _labelled().values():
        rows.sort(key=lambda r: int(str(r["index"])))
        out = suggest_article([str(r["text"]) for r in rows])
        pairs += [(r, s) for r, s in zip(rows, out, strict=True) if split in ("all", r["split"])]
    assert len(pairs) >= (200 if split == "all" else 50)
    f1s = []
    for c in ("claim", "denial", "fact", "none"):
        got = [(r["tag"], s.tag.value if s.tag else "none") for r, s in pairs]
        tp = sum(g == p == c for g, p in got)
        fp = sum(p == c != g for g, p in got)
        fn = sum(g == c != p for g, p in got)
        prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
        if c == "denial":
            assert prec >= 0.90, f"denial precision {prec:.3f}"
    assert sum(f1s) / 4 >= 0.80, f"macro-F1 {sum(f1s) / 4:.3f}"
    attributed = [(r, s) for r, s in pairs if r["tag"] in ("claim", "denial")]
    ok = sum(_norm(str(r["claimant"])) == _norm(s.claimant) for r, s in attributed)
    assert ok / len(attributed) >= 0.75, f"claimant {ok}/{len(attributed)}"
    # Denial links: right where the article states the claim (26/30, held-out 8/9), and
    # few wrong ones for A to record (a target not in the gold, or any target for a
    # denial of a claim the article never states: 10 of 36, held-out 6 of 14).
    linked = [(r, s) for r, s in pairs if r["tag"] == "denial" and r.get("denies")]
    right = sum(s.denies_index in r["denies"] for r, s in linked)  # type: ignore[operator]
    assert right / len(linked) >= 0.85, f"denial link {right}/{len(linked)}"
    wrong = sum(
        s.denies_index is not None and s.denies_index not in r.get("denies", [])  # type: ignore[operator]
        for r, s in pairs
    )
    assert wrong <= (10 if split == "all" else 6), f"{wrong} wrong denial links"


def test_labelled_set_is_well_formed() -> None:
    articles = _labelled()
    rows = [r for rs in articles.values() for r in rs]
    assert len(rows) >= 200
    heldout = sum(r["split"] == "heldout" for r in rows)
    assert 0.2 <= heldout / len(rows) <= 0.35
    for r in rows:
        assert r["tag"] in ("claim", "denial", "fact", "none")
        assert (r["claimant"] == "") == (r["tag"] in ("fact", "none"))
    seed = SEED.read_text(encoding="utf-8")
    seed_sentences = [seed[s.start : s.end] for s in split_sentences(seed)]
    assert [r["text"] for r in articles["a01-seed-ganja"]] == seed_sentences


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        # The panel read "denial cue: denied the allegation,; claimant: Ortiz".
        ("Ortiz denied the allegation, calling it a smear.", "denial cue: denied the allegation"),
        ("Ortiz denied the claims; his office said so.", "denial cue: denied the claims"),
        ("Ortiz dismissed it as untrue, aides said.", "denial cue: dismissed it as untrue"),
        ("Ortiz denied the allegation.", "denial cue: denied the allegation"),
    ],
)
def test_a_denial_cue_ends_at_its_words_not_at_the_punctuation_after_them(
    sentence: str, cue: str
) -> None:
    found = one(sentence)
    assert found.tag is Tag.DENIAL
    assert found.cue == cue


@pytest.mark.parametrize(
    ("sentence", "tag", "claimant"),
    [
        # A right-to-left mark, an isolate, a byte-order mark or a zero-width space, as
        # pasted from a CMS or a bilingual wire, hid the speaker: a fact, no claimant.
        ("\u200fBaku said 32 people died in Ganja on Friday.", Tag.CLAIM, "Baku"),
        ("\u202eBaku said 32 people died in Ganja on Friday.", Tag.CLAIM, "Baku"),
        ("\u2066Ankara\u2069 said the toll rose to 40.", Tag.CLAIM, "Ankara"),
        ("\u202aYerevan has dismissed the allegations.", Tag.DENIAL, "Yerevan"),
        # ... or came with the claimant A would record, invisible but unequal to "Baku".
        ("Baku\u200e said 32 people died.", Tag.CLAIM, "Baku"),
        ("\ufeffThe ministry denied the allegations.", Tag.DENIAL, "The ministry"),
        ("Officials\u2060 said\u200b the toll rose.", Tag.CLAIM, "Officials"),
        # A soft hyphen (a CMS's hyphenation) hid the denial: "nothing checkable".
        ("The ministry den\u00adied the allegations.", Tag.DENIAL, "The ministry"),
    ],
)
def test_invisible_marks_neither_hide_the_speaker_nor_ride_in_the_claimant(
    sentence: str, tag: Tag, claimant: str
) -> None:
    found = one(sentence)
    assert (found.tag, found.claimant) == (tag, claimant)
