"""French: abbreviations from the Lexique des règles typographiques en usage à
l'Imprimerie nationale and the AFP style guide; « » with (no-break) spaces inside,
a space before ? ! ; :."""

from __future__ import annotations

from factcheck_app.domain.languages import LanguageTable, abbreviations, phrases, words

TABLE = LanguageTable(
    code="fr",
    name="French",
    native="Français",
    spaced_closers="\u00bb\u201d",
    upper="A-Z\u00c0\u00c2\u00c7\u00c9\u00c8\u00ca\u00cb\u00ce\u00cf\u00d4\u00d9\u00db\u00dc\u0152",
    dialogue_dash=True,
    abbreviations=abbreviations(
        never="cf Cf c.-à-d c-à-d env vs ex p.ex ibid op",
        title="""
            M MM Mme Mmes Mlle Mlles Dr Drs Pr Me Mgr Mgrs Gal Gén Col Cdt Lt Sgt Cne Adj
            St Ste av bd Av Bd Vve
        """,
        company="Cie cie S.A SA SARL",
        number="""
            n° no No art Art p pp vol chap fig tél Tél janv févr avr juil sept oct nov déc
            Janv Févr Avr Juil Sept Oct Nov Déc
        """,
        ambiguous="etc hab J.-C apr av.-J.-C min éd",
    ),
    multiword=phrases(
        never="p. ex",
        ambiguous="av. J.-C, apr. J.-C",
    ),
    starters=words(
        """
        Le La Les L Un Une Des Du De Ce Cet Cette Ces Il Elle Ils Elles On Nous Vous Je
        Son Sa Ses Leur Leurs Mais Et Ou Donc Or Ni Car En Dans Pour Par Avec Sans Selon
        Sur Sous Après Avant Depuis Pendant Lors Malgré Parmi Entre Contre Vers Chez Au
        Aux À Si Quand Lorsque Comme Alors Ainsi Puis Enfin Aussi Pourtant Cependant
        Toutefois Néanmoins Désormais Aujourd Hier Demain Cela Ceci Ça Tout Tous Toutes
        Plusieurs Certains Certaines Aucun Aucune Personne Rien Chaque Quelques Deux Trois
        Quatre Cinq Dix Cent Mille Des Plus Moins Seul Seuls Même Encore Déjà Jamais
        Selon Cela Il Y Voici Voilà Pourquoi Comment Qui Que Quoi Où Est Sont Était
        Police Les Autorités Habitants Témoins Experts
        """
    ),
    line_starters=words(
        """
        Le La Les L Un Une Ce Cette Ces Il Elle Ils Elles On En Dans Pour Par Avec Selon
        Après Avant Depuis Pendant Mais Alors Ainsi Au Aux
        """
    ),
    continuation_words=words(
        """
        le la les l un une des du de d au aux à et ou en dans pour par avec sans sur que
        qui a est sont été son sa ses leur leurs ce cette ces dit selon mais
        """
    ),
    title_lower=words("pour avec sans sous vers chez entre contre après avant selon"),
    places=words(
        """
        France Allemagne Italie Espagne Russie Chine Ukraine Arménie Azerbaïdjan Turquie
        Iran Israël Europe Paris Washington Moscou Bruxelles Londres Berlin Pékin Kiev
        Erevan Bakou Ankara Canada Belgique Suisse Québec
        """
    ),
    letter_designators=words("plan Plan vitamine Vitamine groupe Groupe type classe catégorie"),
    speech_verbs=words(
        """
        dit déclaré demandé affirmé ajouté expliqué assuré souligné répondu lancé
        interrogé insisté estimé indiqué précisé dénoncé a dit déclare demande affirme
        ajoute explique assure souligne répond lance s'interroge insiste estime
        """
    ),
    title_words=words("porte-parole ministre président présidente chef de du la le"),
    company_next=words("Président Directeur PDG"),
    time_intro=words("À Vers Dès Avant Après Depuis Jusqu"),
    stamp_keywords=(
        r"publié(?:\s+le)?|mis\s+à\s+jour(?:\s+le)?|modifié(?:\s+le)?|actualisé(?:\s+le)?"
        r"|mise\s+à\s+jour"
    ),
    months=(
        r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre"
        r"|décembre|janv|févr|avr|juil|sept|oct|nov|déc"
    ),
    weekdays=r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
    date_joiners=r"le|à",
    time_words=r"h\b|heures",
    agencies=words("AFP Reuters AP Belga ATS Xinhua"),
    captions=(
        r"Photo|Photos|Crédit|Crédits|Légende|Image|Vidéo|Source|Illustration"
        r"|Photo\s+d'illustration"
    ),
)
