"""Spanish: abbreviations from the RAE's list of abbreviations (Ortografía, 2010,
appendix 2) and the EFE style guide; ¿ ¡ open questions and exclamations; «» “” "" quote."""

from __future__ import annotations

from factcheck_app.domain.languages import LanguageTable, abbreviations, phrases, words

TABLE = LanguageTable(
    code="es",
    name="Spanish",
    native="Español",
    inverted="\u00bf\u00a1",
    upper="A-Z\u00c1\u00c9\u00cd\u00d3\u00da\u00d1\u00dc",
    dialogue_dash=True,
    abbreviations=abbreviations(
        never="p.ej ej vs aprox Aprox cfr Cfr cf vid v.gr ca EE",
        title="""
            Sr Sra Srta Sres Sras Srs Dr Dra Dres Lic Lcdo Lcda Ing Arq Abog Prof Profa
            Gral Cnel Tte Cap Sgto Cmdte Alm Mons Pbro Fr Sto Sta Excmo Excma Ilmo Ilma
            Dña Ud Uds Vd Vds Pdte Pdta Dir Mtro Mtra Mgtr Presb Av Avda Pza Ctra Pje Bº
            SR SRA DR ING LIC GRAL sr sra srta dr dra lic ing arq gral
        """,
        time="p.m a.m",
        company="S.A S.L SA SL Cía Cia Ltda S.A.C S.R.L",
        place="UU EE.UU",
        number="""
            núm Núm nro Nro art Art arts pág Pág págs vol Vol tel Tel cap Cap fig Fig
            n núms ene feb mar abr may jun jul ago sep sept oct nov dic km
        """,
        ambiguous="etc al Jr hab mill aC dC a.C d.C dcha izqda izq s.f Hnos",
    ),
    multiword=phrases(
        never="p. ej, v. gr",
        time="p. m, a. m",
        ambiguous="a. C, d. C",
        company="S. A, S. L",
        place="EE. UU",
    ),
    starters=words(
        """
        El La Los Las Lo Un Una Unos Unas Este Esta Estos Estas Esto Ese Esa Esos Esas Eso
        Aquel Aquella Él Ella Ellos Ellas Nosotros Yo Usted Ustedes Su Sus Mi Nuestro
        Nuestra En Por Para Con Sin Según Sobre Tras Desde Hasta Durante Ante Entre Bajo
        Al Del De A Pero Sin Además Asimismo También Tampoco Sin Aunque Mientras Cuando
        Donde Como Si No Ni Ya Hoy Ayer Mañana Así Entonces Luego Después Antes Finalmente
        Otro Otra Otros Otras Cada Todo Todos Toda Todas Muchos Muchas Algunos Algunas
        Varios Varias Ningún Ninguna Nadie Nunca Siempre Se Le Les Me Nos Hay Fue Es Era
        Son Está Están Qué Quién Cómo Cuándo Dónde Por Incluso Sólo Solo Apenas Casi Más
        Menos Miles Cientos Decenas Millones Dos Tres Cuatro Cinco Seis Siete Ocho Nueve Diez
        Allí Aquí Allá Ahora Todavía Aún Tal Tales Nada Algo Alguien Quienes Poco Pocos
        Mucho Mucha Cualquier Cuál Otros Ambos Ambas Unos Mil Cien Primero Primera
        Policía Autoridades Fuentes Vecinos Testigos Expertos Analistas
        """
    ),
    line_starters=words(
        """
        El La Los Las Un Una Este Esta Estos Estas Él Ella Ellos En Por Para Con Según Tras
        Desde Durante Pero Además Aunque Mientras Cuando Sin Ya Hoy Ayer
        """
    ),
    continuation_words=words(
        """
        el la los las un una de del al a en y o u e ni que con por para sin sobre entre
        su sus se es fue era son ha han dijo según como pero
        """
    ),
    title_lower=words("para sobre entre desde hasta contra tras como ante bajo según"),
    places=words(
        """
        España México Argentina Colombia Chile Perú Venezuela Cuba Francia Alemania Italia
        Rusia China Ucrania Armenia Azerbaiyán Turquía Irán Israel Europa Madrid Washington
        Moscú Bruselas Londres París Berlín Pekín Kiev Ereván Bakú Ankara Canadá Brasil
        Japón India Siria Irak Egipto Marruecos Portugal
        """
    ),
    letter_designators=words("plan Plan vitamina Vitamina grupo Grupo tipo Tipo clase fase"),
    speech_verbs=words(
        """
        dijo dice preguntó pregunta afirmó afirma señaló señala añadió añade explicó
        explica aseguró asegura declaró declara respondió responde gritó insistió
        advirtió subrayó recordó reconoció denunció lamentó exclamó indicó manifestó
        """
    ),
    title_words=words("portavoz ministro ministra presidente presidenta jefe jefa de del la el"),
    company_next=words("Presidente Consejero Director Directora Presidenta CEO"),
    time_next=words(
        """
        Lunes Martes Miércoles Jueves Viernes Sábado Domingo GMT UTC CET CEST
        """
    ),
    time_intro=words("A Hacia Desde Hasta Antes Después Sobre Pasadas Poco Cerca"),
    stamp_keywords=(
        r"actualizado(?:\s+el)?|publicado(?:\s+el)?|actualización|última\s+actualización"
        r"|fecha|modificado(?:\s+el)?"
    ),
    months=(
        r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
        r"|noviembre|diciembre|ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic"
    ),
    weekdays=r"lunes|martes|miércoles|jueves|viernes|sábado|domingo",
    date_joiners=r"de|del|a\s+las|a\s+la",
    time_words=r"h\b|horas|hrs\.?",
    agencies=words("EFE Reuters AFP AP Europa\u00a0Press Europa Press EP Xinhua Sputnik"),
    captions=(
        r"Foto|Fotos|Fotografía|Imagen|Imágenes|Crédito|Créditos|Pie\s+de\s+foto|Vídeo"
        r"|Video|Fuente|Ilustración|Archivo"
    ),
)
