"""Central European text (Czech, Slovak, Polish, Slovenian, Croatian) saved as Windows-1250,
the "ANSI" code page of Central European Windows, or as ISO-8859-2 (Latin-2, older Unix
and web tools): a Prague or Warsaw newsroom's plain-text wire copy. With ť, Ť or Ź (bytes
Windows-1252 leaves undefined) it was refused as "an encoding the desk cannot tell";
without them, it came in as Windows-1252 gibberish ("wspó³pracowa³ z r¹dem", Latin-2's
"±ê³¿¶") with only the generic note. Read now as what it is, saying so."""

from __future__ import annotations

import pytest

from factcheck_app.domain import importing
from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.importing import (
    READ_AS_ISO_8859_2,
    READ_AS_WINDOWS_1250,
    READ_AS_WINDOWS_1252,
    SHORT_READING_NOTES,
    parse_article,
)

CZECH = (
    "Ministr řekl, že ťukání na dveře v noci trvalo dvě hodiny a policie přijela až ráno. "
    "Předseda vlády to příští týden vysvětlí poslancům."
)
SLOVAK = "Ďalší štát oznámil, že ťažba uhlia sa skončí a vláda zaplatí odškodné."
POLISH = (
    "Źródła podają, że prezydent ściśle współpracował z rządem, ale minister zaprzeczył. "
    "Jeśli to prawda, sąd zajmie się sprawą w przyszłym tygodniu."
)
POLISH_PLAIN = "Prezydent ściśle współpracował z rządem, jak podała agencja."
CZECH_PLAIN = "Předseda vlády řekl, že příští týden vysvětlí rozpočet poslancům."
SLOVENIAN = "Predsednik je dejal, da bo vlada še letos znižala davke in pomagala kmetom."


@pytest.mark.parametrize(
    "text",
    [CZECH, SLOVAK, POLISH, POLISH_PLAIN, CZECH_PLAIN, "Źdźbło", "Ťukání", "Było ciepło"],
    ids=["czech-t", "slovak", "polish-z", "polish-s", "czech-r", "short-z", "short-t", "short-l"],
)
def test_windows_1250_text_is_read_as_windows_1250_saying_so(text: str) -> None:
    """Refused as "an encoding the desk cannot tell" (ť, Ť, Ź), or read as Windows-1252
    with its letters wrong ("Prezydent œciœle wspó³pracowa³ z r¹dem")."""
    parsed = parse_article(text.encode("cp1250"))
    assert parsed.text == text
    assert parsed.reading_note == READ_AS_WINDOWS_1250


@pytest.mark.parametrize(
    "text",
    [CZECH, SLOVAK, POLISH, POLISH_PLAIN, "Gęś ma źdźbło w dziobie", "Ťažký štart"],
    ids=["czech", "slovak", "polish", "polish-s", "short-polish", "short-slovak"],
)
def test_iso_8859_2_text_is_read_as_latin_2_saying_so(text: str) -> None:
    """Read as Latin-1, "Źródła podają" came in as "¬ródła podaj±" with the generic note."""
    parsed = parse_article(text.encode("iso-8859-2"))
    assert parsed.text == text
    assert parsed.reading_note == READ_AS_ISO_8859_2


@pytest.mark.parametrize(
    ("text", "encoding", "note"),
    [
        (CZECH_PLAIN + " Škola už žádá peníze.", "iso-8859-2", READ_AS_ISO_8859_2),
        (
            "Ministr řekl, že vláda příští týden zvýší daně a škola dostane víc.",
            "iso-8859-2",
            READ_AS_ISO_8859_2,
        ),
        (
            "Nakon što ispravite pogrešku, pritisnite tipku x kako bi uklonili neželjeno slovo.",
            "iso-8859-2",
            READ_AS_ISO_8859_2,
        ),
        ("Rząd ogłosił, że będzie walczył z inflacją.", "cp1250", READ_AS_WINDOWS_1250),
        ("Rząd ogłosił, że będzie walczył z inflacją.", "iso-8859-2", READ_AS_ISO_8859_2),
    ],
    ids=["czech-latin2", "czech-latin2-short", "croatian-latin2", "polish-1250", "polish-latin2"],
)
def test_latin_2_and_windows_1250_are_told_apart_by_their_letters(
    text: str, encoding: str, note: str
) -> None:
    # Without a byte 0x80-0x9F, Latin-2's š and ž (0xB9, 0xBE) are Windows-1250's ą and
    # ľ: Czech "škola" came in as "ąkola", "že" as "ľe" (with the Windows-1250 note).
    # Czech has ř, ě, ů and no ą; Polish has ł, ę, ń and no š or ž, and begins no word
    # with ą ("ąto": što); Slovak writes no ľ before e or i ("neľeljeno": neželjeno).
    parsed = parse_article(text.encode(encoding))
    assert parsed.text == text
    assert parsed.reading_note == note


def test_text_the_same_in_both_central_and_western_encodings_stays_western() -> None:
    # Slovenian without č (š and ž are the same bytes in Windows-1250 and 1252): both
    # readings are the same letters; the Western one is kept, as before.
    parsed = parse_article(SLOVENIAN.encode("cp1250"))
    assert parsed.text == SLOVENIAN
    assert parsed.reading_note == READ_AS_WINDOWS_1252


@pytest.mark.parametrize(
    "text",
    [
        "La intel·ligència artificial i la col·laboració, va dir el ministre.",  # Catalan
        "Il ministro è stato chiaro: è così, e la città è d'accordo.",
        "Coordinates are ±DDMM±DDDMM or ±DDMMSS±DDDMMSS, as in zone1970.tab.",
        "Type y then ÿ for LATIN SMALL LETTER Y WITH DIAERESIS.",
        "Le cœur de l'œuvre: ses sœurs, un œil, des vœux. Danske æbler og søer.",
        "¿Qué dijo? ¡Nada! Cuesta £5, ¥600 o 25 m² y 3 m³ según el señor Muñoz.",
    ],
    ids=["catalan", "italian", "plus-minus", "y-diaeresis", "french-danish", "spanish"],
)
def test_western_text_with_symbols_or_rare_letters_stays_western(text: str) -> None:
    # Each has a spot that looks odd read as Western (a middle dot between letters, a
    # word "è", "±" between capitals) which reads as oddly, or worse, as Central
    # European (Catalan "col·la" is Latin-2 "colˇla"): read as before.
    parsed = parse_article(text.encode("cp1252"))
    assert parsed.text == text
    assert parsed.reading_note == READ_AS_WINDOWS_1252


@pytest.mark.parametrize(
    "text",
    [
        "La première fois, le café était fermé, dit-il. Ça va très bien à Noël.",
        "Le café était fermé; la première édition est sortie.",
    ],
)
def test_mac_roman_text_is_still_refused_not_read_as_central_european(text: str) -> None:
    # Mac Roman's è is 0x8F (Windows-1250's Ź) and é 0x8E (Ž): "cafŽ", "premiŹre", a
    # capital inside a lower-case word, is no Central European text either.
    with pytest.raises(ArticleImportError, match="cannot tell") as refused:
        parse_article(text.encode("mac_roman"))
    # Said to be neither, since the desk now tries both.
    assert "nor Central European (Windows-1250)" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Министр заявил, что погибли 14 человек. Ереван это отрицает.", "cp1251"),
        ("Ο υπουργός δήλωσε ότι σκοτώθηκαν 14 άνθρωποι.", "cp1253"),
        ("Министар је рекао да ће Влада ускоро објавити одлуку о порезима.", "cp1251"),
    ],
)
def test_another_alphabet_is_still_refused(text: str, encoding: str) -> None:
    with pytest.raises(ArticleImportError, match=r"another alphabet|cannot tell"):
        parse_article(text.encode(encoding))


def test_the_short_notes_fit_where_the_windows_1252_one_does() -> None:
    """The status bar shows the short note whole at 16 pt in a 1024-pixel window."""
    western = len(SHORT_READING_NOTES[READ_AS_WINDOWS_1252])
    for note in (READ_AS_WINDOWS_1250, READ_AS_ISO_8859_2):
        assert len(SHORT_READING_NOTES[note]) <= western


def test_a_long_latin_2_text_with_a_windows_byte_far_in_has_no_control_characters() -> None:
    # Judged on its first 16,384 bytes, it was read as ISO-8859-2 whole, its closing
    # quote (0x94 in Windows-1250 and 1252) an invisible control character.
    data = (POLISH + "\n").encode("iso-8859-2") * 200 + "Koniec.”".encode("cp1250")
    parsed = parse_article(data)
    assert not any(0x80 <= ord(char) <= 0x9F for char in parsed.text)


HUNGARIAN = (
    "A miniszter szerint az előző kormány hibázott, és a tűzoltók később érkeztek. "
    "A bíróság jövő héten dönt az ügyről."
)


def test_hungarian_windows_1250_text_is_read_with_its_letters() -> None:
    # Its ő and ű are Windows-1252's õ and û, letters too: it came in as "elõzõ",
    # "tûzoltók" with the generic note. Portuguese and Estonian end no word with õ, and
    # Vietnamese "rõ" comes with no ö.
    parsed = parse_article(HUNGARIAN.encode("cp1250"))
    assert parsed.text == HUNGARIAN
    assert parsed.reading_note == READ_AS_WINDOWS_1250


@pytest.mark.parametrize(
    "text",
    [
        "As eleições e as opiniões dos cidadãos põem pressão sobre as instituições.",
        "Kõik võõrad sõnad on õiged, ütles õpetaja Tõnis.",
        "Tệp không rõ loại: rõ ràng.".encode("cp1252", "ignore").decode("cp1252"),
    ],
    ids=["portuguese", "estonian", "vietnamese-fragment"],
)
def test_portuguese_and_estonian_with_o_tilde_stay_western(text: str) -> None:
    parsed = parse_article(text.encode("cp1252"))
    assert parsed.text == text
    assert parsed.reading_note == READ_AS_WINDOWS_1252


MAN_PAGE = (
    ".TH LOGIN 1 2024-01-01 shadow-utils\n.SH ИМЯ\nlogin \\- проверяет пароль при входе\n"
    ".SH OPTIONS\n.TP\n\\fB-f\\fR \\fIusername\\fR\nDo not perform authentication; "
    "the user has already been authenticated by the remote host (see rlogind).\n.TP\n"
    "\\fB-h\\fR \\fIhost\\fR\nName of the remote host for this login, used by telnetd "
    "and rlogind to pass it on.\n.TP\n\\fB-p\\fR\nPreserve environment (HOME, SHELL).\n"
)


@pytest.mark.parametrize(("encoding"), ["cp1251", "koi8-r"])
def test_cyrillic_in_ascii_markup_is_not_called_central_european(encoding: str) -> None:
    # Too few of its letters are Cyrillic for the share rule, and read as Western it is
    # full of odd spots ("Ïðèâåò" mixes ð and è): it came in as Windows-1250 ("ČĚß"),
    # saying Central European. Its Cyrillic words read so are accented letters only.
    parsed = parse_article(MAN_PAGE.encode(encoding))
    assert parsed.reading_note == READ_AS_WINDOWS_1252


def test_bytes_with_control_characters_are_still_refused_not_read_as_windows_1250() -> None:
    # Random bytes with one Windows-1252 leaves undefined read as Windows-1250 with no
    # odd spot among their few letters: "imported" as control characters.
    with pytest.raises(ArticleImportError, match="cannot tell"):
        parse_article(b"\x01\x8duk\xe1n\xed\x02 \x17")


@pytest.mark.parametrize(
    "text",
    [
        "Der vietnamesische General Võ Nguyên Giáp ist tot. Er besiegte Frankreich 1954 bei "
        "Dien Bien Phu und gilt als größter Stratege seines Landes. Võ Nguyên Giáp wurde 102 "
        "Jahre alt.",
        "Œdipe roi, mis en scène par Wajdi Mouawad, revient cet automne au théâtre de la "
        "Colline. Le rôle d'Œdipe est tenu par un comédien québécois.",
        "Les œnologues de la région ont présenté hier leur bilan: l'œnologie bordelaise "
        "reste la première du pays, selon le syndicat.",
        "Jean-Marc Œttinger reprend Œdipe roi, au cœur de l'œuvre de Sophocle.",
    ],
    ids=["german-vo-nguyen-giap", "french-oedipe", "french-oenologie", "french-oe-only"],
)
def test_western_text_with_a_rare_letter_stays_western(text: str) -> None:
    # A Vietnamese name ending in õ in a text with ö, or French œ before d or n, looked
    # Hungarian or Polish: the text came in as "General Vő Nguyęn Giáp", "Śdipe roi,
    # mis en scčne", "śnologues", with the Central European note. Read as Windows-1250
    # its words are of several languages at once (ő of Hungarian, ę of Polish, č of
    # Czech), which no Central European text is.
    for encoding in ("cp1252", "latin-1"):
        if encoding == "latin-1" and ("œ" in text or "Œ" in text):
            continue  # Latin-1 has no œ
        parsed = parse_article(text.encode(encoding))
        assert parsed.text == text
        assert parsed.reading_note == READ_AS_WINDOWS_1252


def test_a_long_western_latin_1_file_is_not_scanned_whole_for_latin_2(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A 50 MB Latin-1 file (no byte 0x80-0x9F) was searched whole for such a byte
    # before its reading was judged Western: its import took 510 ms, not 267. Only a
    # file that reads as Latin-2 needs that search.
    searched: list[int] = []

    class Spy:
        def search(self, data: bytes) -> object:
            searched.append(len(data))
            return None

    monkeypatch.setattr(importing, "_C1_BYTES", Spy())
    text = "Le ministre a déclaré à Paris que l'économie était forte, selon Ødegaard. "
    parsed = parse_article((text * 2000).encode("latin-1"))
    assert parsed.reading_note == READ_AS_WINDOWS_1252
    assert searched == []


@pytest.mark.parametrize("encoding", ["cp850", "cp865"])
def test_danish_dos_text_is_still_refused_not_read_as_windows_1250(encoding: str) -> None:
    # Its Ø and Å are bytes Windows-1252 leaves undefined (Windows-1250's ť and Ź), and
    # its æ, å, ø quotes and daggers inside words: "s‘nke skatten p† f›devarer" came
    # in with the Central European note, where it was refused before.
    text = (
        "Statsministeren sagde, at regeringen vil sænke skatten på fødevarer. "
        "Søren og Åse spiste smørrebrød på Ærø, og Ødegaard scorede."
    )
    with pytest.raises(ArticleImportError, match="cannot tell"):
        parse_article(text.encode(encoding))


# A Zagreb and a Ljubljana newsroom's wire copy, saved by Windows as "ANSI" (1250), with
# „quotes“: their č, ć and đ are Windows-1252's è, æ and ð, so they came in as
# "proraèuna", "iduæu", "æe", with only the note asking to look (a known limit until
# 8 December). A Czech paragraph with ř and ě in no word together, likewise ("øekl").
CROATIAN_ARTICLE = (
    "Vlada usvojila prijedlog proračuna za iduću godinu\n\n"
    "Zagreb – Ministar financija u utorak je novinarima rekao da će manjak proračuna ove "
    "godine pasti ispod tri posto. „Konsolidacija javnih financija nastavlja se prema "
    "planu“, izjavio je nakon sjednice vlade.\n\n"
    "Oporba je prijedlog nazvala nerealnim. Prema njezinim zastupnicima, vlada računa s "
    "previše optimističnim rastom gospodarstva. Državni zavod za statistiku prošlog je "
    "tjedna objavio da je bruto domaći proizvod u trećem tromjesečju porastao za 1,3 posto."
)
SLOVENIAN_ARTICLE = (
    "Vlada je sprejela predlog proračuna za prihodnje leto\n\n"
    "Ljubljana – Finančni minister je v torek novinarjem povedal, da bo primanjkljaj letos "
    "padel pod tri odstotke. „Konsolidacija javnih financ poteka po načrtu,“ je dejal po "
    "seji vlade.\n\n"
    "Opozicija je predlog označila za nerealnega. Po mnenju njenih poslancev vlada računa "
    "s preveč optimistično gospodarsko rastjo. Statistični urad je prejšnji teden objavil, "
    "da je bruto domači proizvod v tretjem četrtletju zrasel za 1,3 odstotka."
)
CZECH_SHORT = (
    "Ministr financí v úterý řekl: „Schodek rozpočtu letos klesne.“ Opozice to označila "
    "za nesmysl. Podle ČSÚ vzrostly mzdy o 7 procent."
)


@pytest.mark.parametrize(
    "text",
    [CROATIAN_ARTICLE, SLOVENIAN_ARTICLE, CZECH_SHORT],
    ids=["croatian", "slovenian", "czech-short"],
)
def test_croatian_slovenian_and_czech_windows_1250_articles_keep_their_letters(
    text: str,
) -> None:
    parsed = parse_article(text.encode("cp1250"))
    assert parsed.text == text
    assert parsed.reading_note == READ_AS_WINDOWS_1250
    assert "„Konsolidacija" in parsed.text or "„Schodek" in parsed.text


# Western text with è, ì, ù or æ where they are written: French è before a consonant,
# Italian ì, ù and è ending a word, Danish and Norwegian æ, Icelandic æ and ð, Catalan.
WESTERN_WITH_GRAVES = [
    "Le ministre a déclaré mardi que la dépense publique baissera l'année prochaine. "
    "« C'est un problème de fond, et la règle est très claire », a-t-il ajouté. Sa mère, "
    "présente à la cérémonie, a salué le caractère sincère de l'élève. Zoë et Anaïs "
    "étaient là aussi, près de Noël.",
    "Il ministro ha detto che il deficit scenderà così sotto il tre per cento. «Non è "
    "più il momento di aspettare», ha aggiunto lunedì. Perciò la città è d'accordo, e "
    "già si parla di un nuovo piano; però nessuno sa quando arriverà.",
    "Finansministeren sagde tirsdag, at underskuddet vil være under tre procent. "
    "»Det er økonomisk ansvarligt,« sagde han til pressen i Århus. Kæmpe skære ned.",
    "Statsministeren sa at det blir færre ansatte i næringslivet, og at lærerne må få "
    "høyere lønn. Kritikerne mener tiltakene er for små, sier Bjørn Dæhlie.",
    "Forsætisráðherra sagði á þriðjudag að hallinn yrði undir þremur prósentum. "
    "Ræðan vakti athygli og stjórnarandstaðan gagnrýndi áætlunina harðlega.",
    "El ministre va dir dimarts que el dèficit baixarà per sota del tres per cent. "
    "«És un problema de fons», va afegir a València, després de la reunió amb Mercè.",
    "The encyclopædia lists Cæsar, Æsop and the mediæval Ælfric; the café's Chloë said "
    "the soirée at the Crèche was très chic, à la carte, with Müller and Gødel.",
]


@pytest.mark.parametrize(
    "text",
    WESTERN_WITH_GRAVES,
    ids=["french", "italian", "danish", "norwegian", "icelandic", "catalan", "english-mix"],
)
def test_western_text_with_grave_accents_and_ae_stays_western(text: str) -> None:
    parsed = parse_article(text.encode("cp1252"))
    assert parsed.text == text
    assert parsed.reading_note == READ_AS_WINDOWS_1252


# One line of Western text, a headline or a caption saved by Windows as "ANSI" (1252),
# whose ì, ù, è or æ stands where the Central European letters read as Western do, with
# none of the letters the longer texts above have beside them (à, ò, é, å, ø): Danish
# "træet", "europæisk", English "archæology", Catalan "conèixer", Scottish Gaelic "sgìre",
# "ùr", "cùis", Occitan's plural "contemporanèus". Read as Windows-1250 they came in as
# "Trćet", "Europćisk", "archćology", "cončixer", "Sgěre", "ůr": letters changed, with
# only the note asking to look.
SHORT_WESTERN = {
    "danish-tree": "Træet faldt ned over vejen i nat.",
    "danish-european": "Europæisk samarbejde er vigtigt, siger ministeren.",
    "danish-union": "Den Europæiske Union vil sænke tolden.",
    "english": "The archæology society met in the palæontology museum.",
    "catalan": "Vaig conèixer en Joan a Lleida.",
    "gaelic": "Sgìre ùr airson na h-Alba, ars an riaghaltas: cùis chudromach.",
    "occitan": "Los tablèus contemporanèus son tornats al musèu.",
}


@pytest.mark.parametrize("text", SHORT_WESTERN.values(), ids=SHORT_WESTERN.keys())
def test_a_short_western_line_with_such_letters_stays_western(text: str) -> None:
    parsed = parse_article(text.encode("cp1252"))
    assert parsed.text == text
    assert parsed.reading_note == READ_AS_WINDOWS_1252


# One line of Croatian, Slovenian or Czech that the letters alone still tell: ć and č
# after a vowel or starting a word ("će", "kuća", "računa"), ě and ů inside a word.
SHORT_CENTRAL = {
    "croatian": "Vlada će smanjiti porez, a kuća ostaje.",
    "croatian-surname": "Premijer Plenković kaže da računa na oporbu.",
    "slovenian": "Opozicija je predlog označila za nerealnega.",
    "czech": "Ministr financí řekl, že to může být místo pro nás.",
}


@pytest.mark.parametrize("text", SHORT_CENTRAL.values(), ids=SHORT_CENTRAL.keys())
def test_a_short_central_european_line_is_still_read_as_windows_1250(text: str) -> None:
    parsed = parse_article(text.encode("cp1250"))
    assert parsed.text == text
    assert parsed.reading_note == READ_AS_WINDOWS_1250
