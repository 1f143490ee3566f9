"""The assist's cues outside English: a few denial and attribution words per language.

The English rules (``attribution``, ``classification``) find the speaker, the object of
a denial and a dozen kinds of checkable statement. For the desk's other languages the
assist knows only the words below: a sentence with a denial word is a suggested
*denial*, one with a verb of saying or "according to" a *claim*, one with a figure a
*fact*; no claimant is suggested. The panel says so for every such article
(``Suggestion.note``). Forms are whole words, matched without regard to case;
``proclitics`` are one-letter words written joined to the next (Arabic و "and", ف "so").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from factcheck_app.domain.languages import language_name

__all__ = ["CUES", "LanguageCues", "cues_for"]


@dataclass(frozen=True, slots=True)
class LanguageCues:
    """Denial and attribution words of one language, compiled on first use (an English
    article, the usual case, never needs them)."""

    code: str
    denial_forms: str
    attribution_forms: str
    proclitics: str = ""

    @property
    def denial(self) -> re.Pattern[str]:
        return _compile(self.denial_forms, self.proclitics)

    @property
    def attribution(self) -> re.Pattern[str]:
        return _compile(self.attribution_forms, self.proclitics)

    @property
    def note(self) -> str:
        return (
            f"{language_name(self.code)} article: suggestions know only a few denial and "
            "attribution words in this language; claimants and check-worthiness details "
            "are suggested for English articles only."
        )


@functools.cache
def _compile(forms: str, proclitics: str) -> re.Pattern[str]:
    prefix = f"[{proclitics}]?" if proclitics else ""
    alternation = "|".join(
        # One space between words, wherever the table wrapped a phrase onto its next line.
        re.escape(" ".join(f.split())).replace("\\ ", r"\s+")
        for f in sorted(forms.split(","), key=len, reverse=True)
        if f.strip()
    )
    return re.compile(rf"(?<!\w){prefix}(?:{alternation})(?!\w)", re.IGNORECASE)


def _cues(code: str, denial: str, attribution: str, proclitics: str = "") -> LanguageCues:
    return LanguageCues(code, denial, attribution, proclitics)


CUES: dict[str, LanguageCues] = {
    c.code: c
    for c in (
        _cues(
            "es",
            denial="""niega, niegan, negó, negaron, ha negado, han negado, desmiente,
                desmienten, desmintió, desmintieron, rechazó las acusaciones, rechaza las
                acusaciones, es falso, son falsas, es falsa, son falsos, carece de fundamento,
                bulo""",
            attribution="""dijo, dice, afirmó, afirma, aseguró, asegura, declaró, declara,
                señaló, señala, explicó, añadió, indicó, sostuvo, sostiene, informó, denunció,
                acusó, acusa, según, advirtió, reconoció, admitió""",
        ),
        _cues(
            "fr",
            denial="""dément, démentent, a démenti, ont démenti, nie, nient, a nié, ont nié,
                récuse, conteste, a contesté, rejette les accusations, a rejeté les
                accusations, est faux, sont fausses, infondé, infondées, fake news""",
            attribution="""a déclaré, ont déclaré, déclare, a dit, dit, a affirmé, affirme,
                a assuré, assure, a indiqué, indique, a expliqué, a ajouté, selon, estime,
                a estimé, accuse, a accusé, a reconnu, a averti""",
        ),
        _cues(
            "de",
            denial="""bestreitet, bestritt, bestreiten, bestritten, dementiert, dementierte,
                dementi, leugnet, leugnete, wies die Vorwürfe zurück, weist die Vorwürfe
                zurück, wies zurück, ist falsch, sind falsch, haltlos, Falschmeldung""",
            attribution="""sagte, sagt, sagten, erklärte, erklärt, betonte, teilte mit,
                laut, zufolge, behauptet, behauptete, warf vor, wirft vor, kündigte an,
                räumte ein, warnte, berichtete""",
        ),
        _cues(
            "it",
            denial="""nega, negano, ha negato, hanno negato, smentisce, smentiscono, ha
                smentito, hanno smentito, respinge le accuse, ha respinto le accuse, è falso,
                sono false, infondate, fake news""",
            attribution="""ha detto, dice, ha dichiarato, dichiara, ha affermato, afferma,
                ha spiegato, ha aggiunto, ha sostenuto, secondo, accusa, ha accusato, ha
                ammesso, ha avvertito, ha annunciato""",
        ),
        _cues(
            "ru",
            denial="""опроверг, опровергла, опровергли, опровергает, опровергают,
                опровержение, отрицает, отрицают, отрицал, отрицала, отверг, отвергла,
                отвергает, не соответствует действительности, ложь, фейк""",
            attribution="""заявил, заявила, заявили, заявляет, сказал, сказала, сказали,
                сообщил, сообщила, сообщили, по словам, по данным, утверждает, утверждают,
                обвинил, обвинила, обвинили, отметил, отметила, признал, признала""",
        ),
        _cues(
            "ar",
            denial="""نفى, نفت, ينفي, تنفي, نفوا, كذب, كذبت, رفض الاتهامات, رفضت الاتهامات,
                عار عن الصحة, عارية عن الصحة, لا أساس له من الصحة, مزاعم كاذبة""",
            attribution="""قال, قالت, قالوا, أكد, أكدت, أعلن, أعلنت, ذكر, ذكرت, أضاف, أضافت,
                وفقا ل, بحسب, حسب, اتهم, اتهمت, صرح, صرحت, أوضح, أوضحت""",
            proclitics="\u0648\u0641",
        ),
        _cues(
            "hy",
            denial="""հերքել, հերքեց, հերքում է, հերքում են, հերքել է, հերքել են, մերժեց,
                մերժել է, կեղծ է, սուտ է, չի համապատասխանում իրականությանը""",
            attribution="""ասաց, ասել է, հայտարարեց, հայտարարել է, նշեց, նշել է, հայտնեց,
                հայտնել է, ըստ, համաձայն, մեղադրեց, մեղադրել է, պնդում է, պնդեց""",
        ),
    )
}


def cues_for(language: str) -> LanguageCues | None:
    """The cues of a language other than English, or None (English, unknown)."""
    return CUES.get(language)
