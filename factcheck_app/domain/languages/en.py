"""English: AP and Reuters style (AP Stylebook abbreviations, state abbreviations)."""

from __future__ import annotations

from factcheck_app.domain.languages import LanguageTable, abbreviations, words

TABLE = LanguageTable(
    code="en",
    name="English",
    native="English",
    abbreviations=abbreviations(
        # Never end a sentence in news prose.
        never="vs v Vs e.g i.e E.g I.e cf Cf viz approx Approx appx ca incl Incl esp",
        # Titles and name parts: they precede a name ("Lt. Col. Smith", "St. Louis").
        title="""
            Mr Mrs Ms Messrs Mmes Mme Mlle Dr Drs Prof Profs Rev Revs Hon Rep Reps Sen Sens
            Gov Govs Lt Col Gen Maj Capt Cpt Sgt Cpl Pvt Pfc Adm Cmdr Cdr Brig Comdr Supt
            Insp Det Atty Amb Pres Sec Secy Treas Gens Fr Sra Srta Sgts St Ste Mt Ft Pt Sta
            Lt-Gen Maj-Gen Brig-Gen Lt-Col Gov-Gen MR MRS MS DR PROF REV SEN REP GOV GEN LT
            COL MAJ CAPT SGT ST MT FT Nos
        """,
        # Time of day: "7 a.m. Sunday" goes on.
        time="a.m p.m A.M P.M",
        # They end a sentence ("sold to Fox Corp. The ...") unless a corporate title
        # follows ("Apple Inc. Chief Executive").
        company="""
            Inc Corp Co Cos Ltd Plc PLC LLC Llc Assn Assoc Dept Govt Univ Inst Intl Natl
            Mfg Grp Hldgs Hldg Svcs INC CORP CO LTD
        """,
        # Place acronyms: "in the U.S. The ..." ends, "U.S. Army" goes on.
        place="""
            U.S U.K U.N E.U U.S.A U.A.E N.Y L.A S.F N.J N.H N.M N.C N.D S.C S.D R.I W.Va
            W.V P.R U.S.S.R N.Z N.Y.C
        """,
        # "Washington, D.C." is a noun, rarely an adjective ("D.C. Mayor").
        city="D.C",
        # Normally followed by a number ("No. 10", "Jan. 6", "Rs. 500").
        number="""
            No no Nos nos Vol vol Vols Art art Arts Fig fig Figs Ch ch Chap Sec sec Para para
            p pp Pp Ex ex Ref ref Tel tel Ph ph Ext ext Rm Apt apt Ste Bldg Flt Op op approx
            Approx ca Ca c est Est appx min max Max Min Rd Gr Div Dist Reg Jan Feb Mar Apr
            Jun Jul Aug Sep Sept Oct Nov Dec JAN FEB MAR APR JUN JUL AUG SEP SEPT OCT NOV DEC
            Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun Pt Rt Rte Hwy Mt Lt St Rs Re Dh Dhs
            Tk Ksh Sh
        """,
        # Street words after a street's name: "on Elm Ave. Police said" ends.
        address="Ave Blvd Ln Pkwy Ter Ct Pl Sq Hwy Rd Expy Fwy Tpke",
        # End a sentence only before a common sentence starter ("etc. The", "Jr. He").
        # "Bros." usually goes on with the company's name ("Warner Bros. Discovery").
        ambiguous="""
            etc Etc al Jr JR Sr Esq Ph.D PhD M.D B.A M.A B.S M.S D.D.S LL.B LL.M Calif Colo
            Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev
            Okla Ore Pa Penn Tenn Tex Vt Va Wash Wis Wyo Ala Ariz Ark Alta Ont Que Sask Bros
        """,
    ),
    street_titles=words("St Dr Mt Ft Ste"),
    address_next=words("N S E W NW NE SW SE N.W N.E S.W S.E North South East West"),
    starters=words(
        """
        The A An This That These Those It Its He She His Her Him They Their Them We Our Us
        I My You Your There Here Some Many Most Several Few All Both Each Every Any No None
        Not Nor One Two Three Four Five Six Seven Eight Nine Ten Dozens Hundreds Thousands
        Millions Billions Scores Tens In On At For From By With Without After Before During
        Since Until Till As While When Whenever Where Why How What Who Whom Whose Which
        Whether If Although Though Because But And Or Yet So Still However Meanwhile
        Moreover Furthermore Also Other Others Another Such Then Now Today Yesterday
        Tomorrow Tonight Later Earlier Last Next First Second Third Finally Instead Overall
        Elsewhere Separately According Asked Speaking Despite Following Among Amid Under
        Over Against Between Within Around About Nearly Almost Only Just Even Once Never
        Always Often Sometimes Perhaps Maybe Indeed Yes Police Officials Authorities
        Residents Investors Analysts Shares Stocks Prices Markets Protesters Troops Soldiers
        Witnesses Doctors Experts Critics Supporters Lawmakers Voters Workers Citizens
        People Families Children Women Men Rescuers Firefighters Prosecutors Judges Lawyers
        Scientists Researchers Economists Traders Students Teachers Officers Agents
        Observers Diplomats Leaders Ministers Rebels Militants Demonstrators Companies Banks
        Sales Profits Revenue Earnings Data Figures Results Reports Talks Negotiations
        Efforts Plans Fighting Violence Temperatures Flights Trains Schools Hospitals Let
        Please Note Read Watch See Click Sign Thank Thanks Oh Do Does Did Is Are Was Were
        Would Should Could Might Must Has Have Had Unlike Whatever Whoever Wherever THE IT
        HE SHE THEY WE IN BUT AND
        """
    ),
    line_starters=words(
        """
        The A An This That These Those It Its He She His Her They Their We Our I There In
        On At For From By With After Before During Since As While When But However
        Meanwhile Some Many Most Several All Both Each Among Despite According Separately
        Earlier Later
        """
    ),
    continuation_words=words(
        """
        the a an of to in on at for and or but with by from that as is was were are be been
        has have had its their his her said
        """
    ),
    title_lower=words("with from into over after amid than upon onto near like"),
    places=words(
        """
        Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bahrain
        Bangladesh Belarus Belgium Bolivia Bosnia Brazil Britain Bulgaria Cambodia Cameroon
        Canada Chile China Colombia Croatia Cuba Cyprus Czechia Denmark Egypt England
        Estonia Ethiopia Europe Finland France Georgia Germany Ghana Greece Hungary Iceland
        India Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya Kosovo
        Kuwait Latvia Lebanon Libya Lithuania Luxembourg Malaysia Mali Mexico Moldova
        Mongolia Morocco Myanmar Nepal Netherlands Nigeria Norway Oman Pakistan Palestine
        Panama Peru Philippines Poland Portugal Qatar Romania Russia Scotland Serbia
        Singapore Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan
        Tajikistan Tanzania Thailand Tunisia Turkey Uganda Ukraine Uruguay Uzbekistan
        Venezuela Vietnam Wales Yemen Zambia Zimbabwe Africa Asia Beijing Moscow Tokyo London
        Paris Berlin Kyiv Kiev Tehran Ankara Baku Yerevan Brussels Madrid Rome Ottawa
        Canberra Delhi Seoul Pyongyang Riyadh Damascus Baghdad Kabul Islamabad Cairo
        Jerusalem Beirut Minsk Warsaw Washington Okinawa Taipei Caracas Havana Brasilia
        """
    ),
    letter_designators=words(
        """
        plan Plan vitamin Vitamin type Type class Class group Group category Category
        section Section appendix Appendix exhibit Exhibit option Option model Model series
        Series phase Phase stage Stage level Level grade Grade block Block terminal Terminal
        gate Gate building Building hall Hall row Row part Part schedule Schedule form Form
        tier Tier division Division zone Zone area Area unit Unit wing Wing platform
        Platform channel Channel route Route hepatitis Hepatitis pool Pool league League War
        """
    ),
    speech_verbs=words(
        """
        said says asked asks added adds told tells wrote writes tweeted tweets shouted shouts
        replied replies wondered wonders exclaimed continued insisted demanded recalled
        explained answered responded cried yelled remarked noted argued declared announced
        warned urged stressed pleaded whispered joked quipped
        """
    ),
    title_words=words(
        """
        spokesman spokeswoman spokesperson minister leader chief head official lawmaker
        senator analyst president chairman secretary envoy ambassador of the for
        """
    ),
    company_next=words(
        """
        Chief CEO CFO COO CTO President Chairman Chairwoman Chair Executive Vice Senior
        Managing Director Founder Co-founder Cofounder Board Spokesman Spokeswoman
        Spokesperson Head General Group Holdings Inc Ltd Corp Co Plc LLC SA AG NV SE
        """
    ),
    time_next=words(
        """
        Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
        April May June July August September October November December Jan Feb Mar Apr
        Jun Jul Aug Sep Sept Oct Nov Dec Eastern Pacific Central Mountain Atlantic
        Greenwich Local
        """
    ),
    time_intro=words(
        """
        At By Until Till Before After Around About From Since Shortly Just Early Late Soon
        Starting Beginning Sometime Overnight Approximately
        """
    ),
    city_next=words(
        """
        Mayor Council Circuit Court Superior Police Attorney Metro United Public National
        Department Health Board Fire Statehood Delegate Del Gov Rep Sen
        """
    ),
    stamp_keywords=r"dated?|(?:last\s+|first\s+)?(?:posted|updated|published|modified)(?:\s+on)?",
    months=(
        r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
        r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    ),
    weekdays=r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?",
    date_joiners="of",
    agencies=words("AP Reuters AFP Bloomberg UPI PA CNN BBC RFE/RL Xinhua TASS Anadolu"),
    captions=(
        r"(?:(?:File|Main|Top|Lead)\s+)?(?:Photo|Photos|Photograph|Caption|Credit|Credits"
        r"|Image|Images|Picture|Pictures|Pictured|Video|Illustration|Graphic|Source)"
    ),
)
