"""The assist's English word lists: reporting and denial verbs, what a claim is called,
what calls it false, who can be a speaker, and the little words a speaker's noun phrase
may or may not hold. The patterns built from them are in `patterns`."""

from __future__ import annotations


def word_set(spec: str) -> frozenset[str]:
    """Whitespace-separated word list (keeps the lexicons readable)."""
    return frozenset(spec.split())


# Reporting verbs that make a claim. Each entry: regex of its forms, then an optional
# lookahead that must follow (gates verbs that are also ordinary verbs or nouns).
CLAIM_VERBS: tuple[tuple[str, str], ...] = (
    (r"sa(?:y|ys|id)", ""),
    (r"t(?:ell|ells|old)", ""),
    (r"add(?:s|ed)?", r"(?=\s+that\b|\s*[,.;\"“”]|\s*$)"),
    (r"stat(?:es|ed)", r"(?=\s+that\b|\s*[,.\"“”]|\s*$)"),
    (r"announc(?:es|ed)", r"(?=\s+that\b|\s*[,.\"“”]|\s*$)"),
    (r"reported", ""),
    (r"claim(?:s|ed)?", ""),
    (r"alleg(?:es|ed)", ""),
    (r"accus(?:es|ed)", ""),
    (r"insist(?:s|ed)?", ""),
    (r"argu(?:es|ed|e)", ""),
    (r"warn(?:s|ed)?", ""),
    (r"maintain(?:s|ed)?", r"(?=\s+that\b)"),
    (r"contend(?:s|ed)?", ""),
    (r"assert(?:s|ed)?", ""),
    (r"suggest(?:s|ed)", ""),
    (r"estimat(?:es|ed)", ""),
    (r"forecasts?", ""),
    (r"predict(?:s|ed)", ""),
    (r"blam(?:es|ed|e)", ""),
    (r"questioned", ""),
    (r"wr(?:ote|ites)", ""),
    (r"tweeted", ""),
    (r"testified", ""),
    (r"acknowledg(?:es|ed)", ""),
    (r"admit(?:s|ted)", ""),
    (r"conced(?:es|ed)", ""),
    (r"confirm(?:s|ed)", ""),
    (r"not(?:es|ed)", r"(?=\s+that\b|\s*[,.\"“”]|\s*$)"),
    (r"explain(?:s|ed)", ""),
    (r"believ(?:es|e)", ""),
    (r"consider(?:s|ed)?", ""),
    (r"counter(?:s|ed)", r"(?=\s+that\b|\s*[,.\"“”]|\s*$)"),
    (r"comment(?:s|ed)", r"(?=\s+(?:that|on\s+[A-Z]\w+day)\b|\s*[,.\"“”]|\s*$)"),
    (r"call(?:s|ed)", r"(?!\s+(?:for|off|on|in|up|out|back|upon)\b)"),
    (r"ruled\s+out|rules\s+out", ""),
    (r"declar(?:es|ed)", r"(?=\s+that\b)"),
    (r"stress(?:es|ed)", ""),
    (r"reiterat(?:es|ed)", ""),
)
# Participles that attribute to the main subject: "..., insisting that ...".
PARTICIPLES = r"saying|claiming|insisting|arguing|alleging|accusing|warning|noting|adding|asserting"

# Denial verbs. Gated ones need a claim as their object ("rejected those claims", not
# "rejected calls for talks"); "deny" needs no claim noun but must not deny a thing
# ("denied entry", "denied bail").
DENY_FORMS = r"den(?:y|ies|ied|ying)"
GATED_DENY_FORMS = (
    r"reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:es|ed|ing|e)|rebut(?:s|ted)?"
    r"|disput(?:es|ed)|brush(?:es|ed)\s+(?:aside|off)|push(?:es|ed)\s+back\s+(?:on|against)"
    r"|contest(?:s|ed)|discount(?:s|ed)"
)
SOFT_DENY_FORMS = r"disagre(?:es|ed|e)|plead(?:s|ed)?\s+not\s+guilty|pleaded\s+innocent"

CLAIM_NOUNS = (
    r"allegations?|accusations?|claims?|charges?|reports?|suggestions?|assertions?"
    r"|assessments?|arguments?|characteri[sz]ations?|criticism|ideas?|notions?|speculation"
    r"|rumou?rs?|stor(?:y|ies)|accounts?|versions?|conclusions?|findings|images|allegation"
    r"|theor(?:y|ies)|narratives?|reporting|statements?|testimony|views?|portrayals?"
    r"|descriptions?|interpretations?|estimates?|figures"
)
FALSITY = (
    r"false|untrue|not\s+true|baseless|unfounded|groundless|fabricated|fabrications?|absurd"
    r"|nonsense|lies|a\s+lie|fake(?:\s+news)?|(?:pure\s+|mere\s+)?speculation|disinformation"
    r"|propaganda|ridiculous|without\s+(?:merit|foundation|basis)|inaccurate|incorrect"
    r"|misleading|bogus|preposterous|unsubstantiated|slander(?:ous)?|defamatory|wrong"
)
# Objects that make "denied" a refusal, not a denial: "denied entry", "denied him bail".
DENIED_THING = word_set(
    """
    entry access bail visa visas permission permit permits request requests application
    applications parole service benefits asylum admission passage landing treatment
    him her them us me a an the opportunity chance care
    """
)
# Subjects whose "dismissed"/"rejected" is a ruling, not a party's denial.
RULING_SUBJECTS = word_set("judge judges court courts jury juries panel tribunal magistrate")

# Words that name a speaker when lower-case ("witnesses said", "a police spokesman").
SPEAKER_NOUNS = word_set(
    """
    official officials spokesman spokeswoman spokesperson spokespeople ministry ministries
    minister ministers government governments police prosecutor prosecutors critic critics
    analyst analysts expert experts witness witnesses resident residents officer officers
    lawyer lawyers attorney attorneys department campaign authorities authority company
    companies firm firms group groups union unions scientist scientists economist
    economists lawmaker lawmakers legislator legislators leader leaders source sources
    report reports indictment data figures statement president doctor doctors researcher
    researchers study survey court judge jury mother father parent parents blogger bloggers
    commander commanders side sides bank banks institute utility agency office party
    parties organization organisation administration military army forces troops activist
    activists observer observers monitor monitors diplomat diplomats envoy ambassador
    secretary chief director executive chairman chairwoman governor mayor senator
    representative commission committee council regulator regulators watchdog embassy
    opposition rebels militants supporters opponent opponents employees workers investigators
    inspectors auditors fund bureau service staff team board management newspaper paper
    channel broadcaster outlet website documents records filing lawsuit complaint
    petition defendant plaintiff victim victims family families neighbours neighbors
    teacher teachers student students member members operator manager managers owner
    owners producer producers maker makers candidate candidates voters protesters
    demonstrators mp mps deputy deputies commissioner spokesmen sheriff coroner
    """
)
PRONOUNS = word_set("it he she they we i")
DETERMINERS = word_set(
    """
    the a an some both those these this that his her their its our my one two three many
    several all no most such other another each every any either neither few
    """
)
# Tokens that cannot be inside a speaker noun phrase (verbs, clause words).
NOT_IN_SUBJECT = word_set(
    """
    is are was were be been being will would could should can may might must not n't no
    do does did to that if whether when while because who whom which what where there than
    as so but yet also had has have having said says told says nor how why
    """
)
PREPOSITIONS = word_set("of in on at for from by with to into about against over under")
SUBJECT_ED_OK = word_set("armed united accused detained so-called deceased unnamed")
SUBJECT_ING_OK = word_set("leading ruling opposing governing building during")
# Words stripped from the end of a subject before the verb ("Yerevan has dismissed").
SUBJECT_TRAILERS = word_set(
    """
    has have had also later repeatedly again previously earlier now then still apparently
    reportedly initially separately publicly already since long often once first
    consistently strongly flatly categorically vehemently firmly swiftly quickly never
    """
)
# First words of a leading adverbial segment ("Earlier,", "In a separate twist,").
ADVERBIAL_STARTS = word_set(
    """
    in at on since after before during outside inside last for despite amid under with
    earlier later meanwhile however still separately also instead yesterday today now then
    previously elsewhere overall finally but and asked speaking by from as while when
    according unlike like thus so moreover furthermore besides nonetheless nevertheless
    """
)
CONJUNCTIONS = word_set("but and so yet or also still")
# Words that end an inverted quote's speaker when they follow the speaker's name or noun
# ("said Ortiz on Friday", "said Mayor Helen Ortiz after the vote"): the when and how of
# the saying, not who said it. "in" and "at" before a capitalised word are a place that
# belongs to the speaker ("the Foreign Ministry in Ankara"), not "in a statement".
CIRCUMSTANCE_STARTS = word_set(
    """
    after before during following ahead on at in late early last this yesterday today
    tonight earlier later when while as via
    """
)
PLACE_PREPOSITIONS = word_set("in at")
# Prepositions beyond `PREPOSITIONS`: with those, the words that cannot be in a lower-case
# job title before a name ('…," said finance director Priya Nair', but not "said
# through spokesperson Ana Ruiz").
MORE_PREPOSITIONS = word_set(
    """
    through throughout amid amidst among despite without within upon toward towards
    across outside inside near behind beyond like per than
    """
)
# The last word of a lower-case job title before a name ('…," said finance director Priya
# Nair', "said police chief Sam Lee"): offices and those who speak for them, whose words a
# desk checks. Not every speaker noun: "said resident Gary Kuhn" and "said mission
# manager Ruth Abara" quote a view, and the labelled news calls them not worth checking.
JOB_TITLES = word_set(
    """
    spokesperson spokesman spokeswoman official minister secretary director chief head
    executive chairman chairwoman chair president governor mayor senator representative
    commissioner ambassador envoy diplomat commander prosecutor attorney lawyer counsel
    sheriff coroner judge lawmaker legislator mp deputy leader economist analyst officer
    adviser advisor inspector superintendent treasurer administrator
    """
)


DATE_WORDS = word_set(
    """
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday I
    """
)

# Words a denial and the claim it answers share without saying which claim it is.
LINK_STOP = word_set(
    """
    deny denies denied denying reject rejects rejected dismiss dismissed refute refuted
    allegation allegations claim claims accusation accusations said say says report reports
    charge false untrue absurd baseless truth suggestion argument
    """
)
