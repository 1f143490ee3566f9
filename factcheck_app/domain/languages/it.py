"""Italian: abbreviations from the Treccani list and the ANSA style guide; « » and
“ ” quote; elision ("L'Aquila", "dell'Unione") keeps words joined."""

from __future__ import annotations

from factcheck_app.domain.languages import LanguageTable, abbreviations, phrases, words

TABLE = LanguageTable(
    code="it",
    name="Italian",
    native="Italiano",
    upper="A-Z\u00c0\u00c8\u00c9\u00cc\u00d2\u00d9",
    dialogue_dash=True,
    abbreviations=abbreviations(
        never="ca cfr Cfr es vs",
        title="""
            Sig Sigg Sig.ra Sig.na Dott Dr Prof Avv Ing Arch Geom Rag On Sen Gen Col Ten Cap
            Magg Mons Card Gent Egr Spett Ill.mo Mons Dott.ssa Prof.ssa P Sen Sac Fra
            SIG DOTT PROF AVV ING ON sig sigg sig.ra sig.na dott dr prof avv ing arch geom rag
            on sen gen col ten cap magg mons card dott.ssa prof.ssa
        """,
        company="S.p.A Spa S.r.l Srl S.n.c S.a.s",
        number="""
            n N nn art Art artt pag pagg p pp vol cap fig tab tel Tel par lett gen feb mar apr
            mag giu lug ago sett ott nov dic
        """,
        ambiguous="ecc etc a.C d.C c.d mln mld ss sgg",
    ),
    multiword=phrases(
        never="ad es",
        ambiguous="a. C, d. C",
    ),
    starters=words(
        """
        Il Lo La I Gli Le L Un Uno Una Un Questo Questa Questi Queste Quello Quella Quel
        Egli Lui Lei Loro Noi Io Voi Si Ci Ne Non In Nel Nella Nei Nelle Nello Al Alla Ai
        Alle Del Della Dei Delle Dal Dalla Dai Da Di A Per Con Su Sul Sulla Tra Fra Dopo
        Prima Durante Secondo Senza Contro Verso Ma E Ed O Anche Inoltre Tuttavia Però
        Infatti Quindi Dunque Così Allora Poi Infine Intanto Oggi Ieri Domani Ora Adesso
        Già Ancora Mai Sempre Se Quando Mentre Come Dove Perché Chi Che Cosa Quale Quanto
        Ogni Tutti Tutte Tutto Molti Molte Alcuni Alcune Nessuno Nessuna Diversi Diverse
        Due Tre Quattro Cinque Dieci Cento Mille Migliaia Centinaia Decine È Era Sono Ha
        Hanno C Secondo Polizia Autorità Testimoni Esperti Residenti
        """
    ),
    line_starters=words(
        """
        Il Lo La I Gli Le L Un Una Questo Questa In Nel Nella Per Con Secondo Dopo Prima
        Durante Ma Anche Inoltre Intanto
        """
    ),
    continuation_words=words(
        """
        il lo la i gli le l un una di del della dei delle a al alla in nel nella da dal con
        per su tra fra e o che è sono ha hanno ha detto secondo ma
        """
    ),
    title_lower=words("per con tra fra contro dopo senza verso sulla sul"),
    places=words(
        """
        Italia Francia Germania Spagna Russia Cina Ucraina Armenia Azerbaigian Turchia Iran
        Israele Europa Roma Washington Mosca Bruxelles Londra Parigi Berlino Pechino Kiev
        Erevan Baku Ankara Milano
        """
    ),
    letter_designators=words("piano Piano vitamina Vitamina gruppo Gruppo tipo classe fase serie"),
    speech_verbs=words(
        """
        ha detto dice disse chiede chiese ha chiesto afferma affermò spiega spiegò
        aggiunge aggiunse sottolinea sottolineò risponde rispose grida gridò
        """
    ),
    title_words=words("portavoce ministro ministra presidente capo di del della"),
    company_next=words("Presidente Amministratore Direttore AD"),
    time_intro=words("Alle Verso Dalle Fino Prima Dopo Intorno"),
    stamp_keywords=r"aggiornato(?:\s+il|\s+alle)?|pubblicato(?:\s+il)?|ultimo\s+aggiornamento",
    months=(
        r"gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre"
        r"|novembre|dicembre|genn?|febb?|mar|apr|magg?|giu|lug|ago|sett?|ott|nov|dic"
    ),
    weekdays=r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica",
    date_joiners=r"il|alle|ore",
    time_words=r"ore",
    agencies=words("ANSA Adnkronos AGI AFP Reuters AP LaPresse Dire Askanews"),
    captions=r"Foto|Didascalia|Crediti|Credit|Immagine|Video|Fonte|Fotografia|Illustrazione",
)
