"""Arabic (Modern Standard, news): "؟" asks, "." and "!" end; "،" and "؛" are a comma
and a semicolon. The script has no capitals, so only abbreviations keep a full stop
inside a sentence: "د." (Dr), "أ." (Prof), "م." (engineer; after a year: AD), "ص."
(page), from the abbreviation tables of Arabic style guides (Al Jazeera, BBC Arabic).
Text runs right to left; offsets count characters in logical order."""

from __future__ import annotations

from factcheck_app.domain.languages import LanguageTable, abbreviations, words

TABLE = LanguageTable(
    code="ar",
    name="Arabic",
    native="العربية",
    terminals=".!?\u2026\u061f",
    strong_terminals="?!\u061f",
    openers="\"'\u00ab\u201c\u2018([{",
    closers="\"'\u00bb\u201d\u2019)]}",
    caseless=True,
    proclitics="\u0648\u0641\u0628\u0644",
    starter_prefixes="\u0648\u0641",
    upper="\u0621-\u064a",
    abbreviations=abbreviations(
        never="أ.د",
        title="د أ ش ط ل",
        number="ص ج ت ص.ب ب",
        year="م هـ ه",
    ),
    starters=words(
        """
        كما لكن ثم هذا هذه ذلك تلك هو هي هم كان كانت قال قالت أكد أكدت أعلن أعلنت يذكر
        يأتي لم لا ما إن أما وفي غضون
        """
    ),
    line_starters=words("و في من على إلى قال قالت أعلن وقال"),
    continuation_words=words("و في من على إلى عن أن إن الذي التي أو ثم"),
    speech_verbs=words(
        "قال قالت تساءل تساءلت سأل سألت أضاف أضافت أكد أكدت هتف هتفت هتفوا صرخ صرخت"
    ),
    stamp_keywords=(r"تاريخ\s+النشر|آخر\s+تحديث|تم\s+التحديث|نشر\s+في|نُشر\s+في|تحديث|نشر"),
    months=(
        r"يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر"
        r"|ديسمبر|كانون\s+الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول"
        r"|تشرين\s+الأول|تشرين\s+الثاني|كانون\s+الأول"
    ),
    weekdays=r"(?:يوم\s+)?(?:الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد)",
    time_words=r"م|هـ|بتوقيت\s+\S+|ت\s*غ",
    agencies=words("رويترز أ ف ب أ.ف.ب سانا واس وام قنا كونا الأناضول د ب أ"),
    captions=r"صورة|الصورة|صور|المصدر|فيديو|تصوير|صورة\s+أرشيفية|مصدر\s+الصورة",
)
