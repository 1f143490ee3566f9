"""German: abbreviations from the Duden's list (Rechtschreibung, "Abkürzungen") and
the dpa style guide; „…“ and »…« quote; "am 3. Oktober": a number with a dot is an
ordinal; every noun is capitalised, so a capital after a full stop proves little."""

from __future__ import annotations

from factcheck_app.domain.languages import LanguageTable, abbreviations, phrases, words

TABLE = LanguageTable(
    code="de",
    name="German",
    native="Deutsch",
    openers="\"'\u201e\u201a\u00bb\u203a\u00ab([{",
    closers="\"'\u201c\u2018\u00ab\u2039\u00bb\u201d\u2019)]}",
    upper="A-Z\u00c4\u00d6\u00dc",
    ordinal_dots=True,
    abbreviations=abbreviations(
        never="""
            bzw vgl evtl ggf inkl zzgl sog bspw ca Ca z.B d.h u.a o.ä u.U i.A
            z.T s.o s.u ff
        """,
        title="""
            Dr Prof Hr Hrn Fr Dipl Ing Mag Bgm St Pfr Präs Gen Oberst Hptm Lt Frl
            Dres Sen Abg
        """,
        company="GmbH AG Co KG",
        number="""
            Nr Abs Art Bd Kap Tel Str Jan Feb Apr Aug Sept Okt Nov Dez Ziff Anm Abb Tab
            Nrn Bde Jg S
        """,
        ambiguous="""
            usw etc Mio Mrd Tsd Jh Jhd Chr Std Min Mi Do Fr Sa So Mo Di
            u.a e.V a.D o.ä z.Zt
        """,
    ),
    multiword=phrases(
        never="z. B, d. h, u. U, i. A, z. T, s. o, s. u, v. a",
        ambiguous="u. a, o. ä, e. V, a. D, v. Chr, n. Chr, u. Ä",
    ),
    starters=words(
        """
        Der Die Das Den Dem Des Ein Eine Einer Einen Einem Er Sie Es Wir Ich Ihr Man
        Dieser Diese Dieses Diesen Jener Jene Sein Seine Ihre Unser Unsere Mein Meine In Im
        Am An Auf Aus Bei Mit Nach Seit Von Vom Vor Zu Zum Zur Für Gegen Ohne Um Unter
        Über Durch Während Wegen Trotz Laut Nun Jetzt Heute Gestern Morgen Bisher Damit
        Dabei Dazu Daher Deshalb Denn Doch Aber Und Oder Auch Zudem Außerdem Allerdings
        Jedoch Trotzdem Dennoch So Als Wenn Weil Obwohl Ob Wie Was Wer Wo Warum Wann Alle
        Viele Einige Mehrere Manche Kein Keine Niemand Nichts Jeder Jede Jedes Zwei Drei
        Vier Fünf Zehn Hunderte Tausende Dort Hier Da Dann Danach Zuvor Zuletzt Schließlich
        Inzwischen Mittlerweile Bereits Schon Noch Erst Nur Selbst Sogar Vor Gleichzeitig
        Polizei Behörden Experten Zeugen Anwohner
        """
    ),
    line_starters=words(
        """
        Der Die Das Ein Eine Er Sie Es Wir In Im Am Auf Bei Mit Nach Seit Vor Laut
        Während Doch Aber Auch Zudem Außerdem
        """
    ),
    continuation_words=words(
        """
        der die das den dem des ein eine einer einen einem und oder in im am an auf aus
        bei mit nach von vom vor zu zum zur für über unter durch sei ist sind war waren
        hat haben hatte sagte dass wie
        """
    ),
    title_lower=words("für gegen ohne über unter nach mit bei vom zum zur"),
    places=words(
        """
        Deutschland Österreich Schweiz Frankreich Italien Spanien Russland China Ukraine
        Armenien Aserbaidschan Türkei Iran Israel Europa Berlin Wien Bern Moskau Brüssel
        London Paris Washington Peking Kiew Eriwan Baku Ankara
        """
    ),
    letter_designators=words("Plan Vitamin Gruppe Typ Klasse Kategorie Stufe Phase"),
    speech_verbs=words(
        """
        sagte sagt fragte fragt erklärte erklärt betonte betont rief fügte meinte meint
        antwortete antwortet warnte warnt kritisierte schrieb
        """
    ),
    title_words=words("Sprecher Sprecherin Minister Ministerin von der des"),
    company_next=words("Chef Chefin Vorstand Vorstandschef Sprecher"),
    time_next=words("Uhr MEZ MESZ"),
    time_intro=words("Um Gegen Ab Bis Seit Vor Nach"),
    stamp_keywords=(
        r"aktualisiert(?:\s+am)?|veröffentlicht(?:\s+am)?|stand|zuletzt\s+aktualisiert"
        r"(?:\s+am)?|erstellt(?:\s+am)?"
    ),
    months=(
        r"Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober"
        r"|November|Dezember|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez"
    ),
    weekdays=r"Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Sonnabend",
    date_joiners=r"am|um",
    time_words=r"Uhr",
    agencies=words("dpa AFP Reuters AP APA KNA epd SDA Xinhua"),
    captions=(
        r"Foto|Fotos|Bild|Bilder|Bildunterschrift|Quelle|Video|Grafik|Symbolbild"
        r"|Archivbild|Archivfoto"
    ),
)
