"""The assist outside English (issue 18): a few denial and attribution words per
language, and a plain note that claimants are suggested for English articles only."""

from __future__ import annotations

import pytest

from factcheck_app.domain.assist import suggest_article
from factcheck_app.domain.models import Tag

CASES = {
    "es": (
        "Bakú dijo que 32 civiles murieron en Ganyá.",
        "Ereván niega haber disparado contra la ciudad.",
        "El sol brillaba sobre el mar.",
    ),
    "fr": (
        "Bakou a déclaré que 32 civils avaient été tués à Gandja.",
        "Erevan dément avoir tiré sur la ville.",
        "Le soleil brillait sur la mer.",
    ),
    "de": (
        "Baku sagte, 32 Zivilisten seien in Gandscha getötet worden.",
        "Eriwan bestreitet, auf die Stadt geschossen zu haben.",
        "Die Sonne schien über dem Meer.",
    ),
    "it": (
        "Baku ha detto che 32 civili sono stati uccisi a Ganja.",
        "Erevan smentisce di aver sparato sulla città.",
        "Il sole splendeva sul mare.",
    ),
    "ru": (
        "Баку заявил, что в Гяндже погибли 32 мирных жителя.",
        "Ереван опроверг сообщения об обстреле города.",
        "Над морем светило солнце.",
    ),
    "ar": (
        "وقالت باكو إن 32 مدنيا قتلوا في كنجة.",
        "ونفت يريفان إطلاق النار على المدينة.",
        "كانت الشمس تشرق فوق البحر.",
    ),
    "hy": (
        "Բաքուն հայտարարեց, որ Գանձակում զոհվել է 32 խաղաղ բնակիչ։",
        "Երևանը հերքել է քաղաքի գնդակոծման մասին տեղեկությունները։",
        "Արևը փայլում էր ծովի վրա։",
    ),
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_denial_and_attribution_words_per_language(lang: str) -> None:
    claim, denial, colour = suggest_article(list(CASES[lang]), language=lang)
    assert claim.tag is Tag.CLAIM and claim.cue.startswith("attribution:")
    assert denial.tag is Tag.DENIAL and denial.cue.startswith("denial cue:")
    assert denial.denies_index == 0
    assert colour.tag is None
    # No claimant is guessed, and the panel says plainly what is English-only.
    assert all(s.claimant == "" for s in (claim, denial, colour))
    assert "English articles only" in claim.note


def test_figures_make_a_fact_and_english_is_unchanged() -> None:
    [fact] = suggest_article(["El paro bajó al 12,3 % en mayo."], language="es")
    assert fact.tag is Tag.FACT and "12,3 %" in fact.cue
    english = ["Baku said 32 civilians were killed.", "Yerevan denied the allegations."]
    assert suggest_article(english, language="en") == suggest_article(english)
    assert all(s.note == "" for s in suggest_article(english))


def test_an_article_in_another_script_is_told_suggestions_are_english_only() -> None:
    [hint] = suggest_article(["今天有32人死亡。"], language="und")
    assert hint.tag is Tag.FACT
    assert "English-only" in hint.note


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "El ministerio rechaza las acusaciones de la oposición."),
        ("fr", "Le ministère a rejeté les accusations de l'opposition."),
        ("de", "Das Ministerium weist die Vorwürfe zurück."),
    ],
)
def test_cue_phrases_written_over_two_lines_of_the_table_are_found(lang: str, text: str) -> None:
    """A phrase that wrapped onto the next line of the word table was compiled with the
    line break in it, so "rechaza las acusaciones" could never be found in an article."""
    (suggestion,) = suggest_article([text], lang)
    assert suggestion.tag is Tag.DENIAL
