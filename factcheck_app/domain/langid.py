"""Which of the desk's languages an article is written in: offline, no download.

The model ships inside the package: ``languages/profiles.py`` holds, per language,
the counts of its most frequent character n-grams (one to three letters), built by
``resources/languages/build_profiles.py`` from news prose written for it. Detection
first looks at the script (Arabic, Armenian and Cyrillic letters each belong to one
of our languages); Latin text is then scored against each Latin language's profile
(naive Bayes with add-one smoothing) and the likeliest wins. Text in a script none
of our languages uses (Chinese, Greek, Hebrew…) is "und": split with the rules all
languages share. Linear in the sample; only the first ``SAMPLE`` characters are read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from factcheck_app.domain.languages import DEFAULT_LANGUAGE, UNDETERMINED

__all__ = ["SAMPLE", "article_language", "detect_language", "ngrams", "reads_as", "written_in"]

SAMPLE = 20_000  # characters read: a few paragraphs decide, even of a 200 MB article
KEEP = 400  # n-grams kept per language profile
# Unicode blocks of the scripts our languages are written in.
SCRIPTS: dict[str, str] = {
    "latin": "A-Za-z\u00c0-\u00ff\u0100-\u024f",
    "cyrillic": "\u0400-\u04ff",
    "arabic": "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff",
    "armenian": "\u0530-\u058f\ufb13-\ufb17",
}
LANGUAGE_SCRIPT: dict[str, str] = {
    "en": "latin",
    "es": "latin",
    "fr": "latin",
    "de": "latin",
    "it": "latin",
    "ru": "cyrillic",
    "ar": "arabic",
    "hy": "armenian",
}
_SCRIPT_RE = {name: re.compile(f"[{chars}]") for name, chars in SCRIPTS.items()}
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
# Fewer letters than this in the main script: too little to tell.
_MIN_LETTERS = 12
_NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")
# English's head start over the other Latin languages, in log-likelihood (nats), the more
# the shorter the text: 18, and 0.5 more per letter under 60 when it has only plain ASCII
# letters (é, ñ, ß … say a text is not English however short). A single English sentence
# came out German, French or Italian when two profiles scored it nearly alike (15 of
# 7,974 debate sentences, trailing by up to 33 in the shortest); articles of three
# sentences in those languages lead English by 55 or more. Of their 232 single cases
# detected right, 4 short ones now come out English (1 with a flat 18).
DEFAULT_PRIOR = 18.0
SHORT_PRIOR_PER_LETTER = 0.5
SHORT_LETTERS = 60


def ngrams(text: str) -> Iterator[str]:
    """Character 1-, 2- and 3-grams of each word, lower case, padded with spaces."""
    for word in _WORD.findall(text.lower()):
        padded = f" {word} "
        for size in (1, 2, 3):
            for i in range(len(padded) - size + 1):
                gram = padded[i : i + size]
                if gram != " ":
                    yield gram


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is written in, or "und"."""
    sample = text[:SAMPLE]
    counts = {name: len(pattern.findall(sample)) for name, pattern in _SCRIPT_RE.items()}
    script = max(counts, key=lambda name: counts[name])
    letters = len(_LETTER.findall(sample))
    if not counts[script] or counts[script] * 2 < letters:
        return UNDETERMINED  # another script, or no letters at all
    candidates = [code for code, s in LANGUAGE_SCRIPT.items() if s == script]
    if len(candidates) == 1:
        return candidates[0]  # the script alone says it, however short
    if counts[script] < _MIN_LETTERS:
        # Too little for the profiles ("We cut taxes." was no language at all): the
        # desk's default language, unless another language's own letters are there.
        return DEFAULT_LANGUAGE if not _NON_ASCII_LETTER.search(sample) else UNDETERMINED
    return _likeliest(sample, candidates, letters)


def article_language(text: str, declared: str = "") -> str:
    """The language to split `text` in: the one its file declared (a Markdown front
    matter's `lang`, a code the desk has rules for) over a guess from the text, as one
    chosen in Article Properties is; not when the text is in another script's letters (a
    site's `lang: en` on an Arabic page). Else detected."""
    return declared if declared and written_in(text, declared) else detect_language(text)


# Letters enough for a detection to be said over a language the file declared: a short
# text in one language can score as another (DEFAULT_PRIOR); a paragraph does not.
SURE_LETTERS = 200


def reads_as(text: str, language: str) -> str:
    """Another of the desk's languages `text` reads as, with letters enough to be sure,
    than `language` (one its file declared); else ""."""
    sample = text[:SAMPLE]
    if len(_LETTER.findall(sample)) < SURE_LETTERS:
        return ""
    detected = detect_language(sample)
    return "" if detected in (language, UNDETERMINED) else detected


def written_in(text: str, language: str) -> bool:
    """Whether `text` may be in `language` (one of the desk's) by its letters: most of
    its sample's letters are in that language's script, or it has too few letters to
    tell. A CMS's site-wide `lang: en` on an Arabic or a Russian page is not."""
    sample = text[:SAMPLE]
    letters = len(_LETTER.findall(sample))
    if letters < _MIN_LETTERS:
        return True
    script = LANGUAGE_SCRIPT.get(language)
    return script is not None and len(_SCRIPT_RE[script].findall(sample)) * 2 >= letters


def _likeliest(sample: str, candidates: list[str], letters: int) -> str:
    from factcheck_app.domain.languages.profiles import PROFILES

    head_start = DEFAULT_PRIOR  # English's (see DEFAULT_PRIOR)
    if not _NON_ASCII_LETTER.search(sample):  # no other language's own letters
        head_start += SHORT_PRIOR_PER_LETTER * max(0, SHORT_LETTERS - letters)
    seen: dict[str, int] = {}
    for gram in ngrams(sample):
        seen[gram] = seen.get(gram, 0) + 1
    best, best_score = candidates[0], -math.inf
    for code in candidates:
        profile = PROFILES[code]
        total = sum(profile.values()) + len(profile) + 1
        floor = math.log(1 / total)
        score = 0.0
        for gram, n in seen.items():
            found = profile.get(gram)
            score += n * (math.log((found + 1) / total) if found else floor)
        if code == DEFAULT_LANGUAGE:
            score += head_start
        if score > best_score:
            best, best_score = code, score
    return best
