"""Armenian: "։" (verjaket) ends a sentence, and many sites type a colon for it; "՞"
and "՜" sit on a word inside the sentence, not at its end; "." is the mijaket, a colon
before a quotation or a list, and the mark of abbreviations ("2020 թ.", "ք. Երևան",
"պրն."), from the abbreviation lists of Armenian grammars and Armenpress style;
«…» quote."""

from __future__ import annotations

from factcheck_app.domain.languages import LanguageTable, abbreviations, words

TABLE = LanguageTable(
    code="hy",
    name="Armenian",
    native="Հայերեն",
    terminals=".!?\u2026\u0589:",
    strong_terminals="?!",
    openers="\"'\u00ab\u201c\u201e([{",
    closers="\"'\u00bb\u201d\u201c)]}",
    colon_dot=True,
    upper="A-Z\u0531-\u0556",
    abbreviations=abbreviations(
        never="թ թթ մ.թ.ա մ.թ օր տես հմմտ այսինքն",
        title="""
            պրն տկն օրդ դոկտ պրոֆ ակադ ք գ փ պող Պրն Տկն Դոկտ Պրոֆ Ակադ
        """,
        number="հ էջ ժ N",
        ambiguous="հազ մլն մլրդ դր կմ րոպ",
    ),
    starters=words(
        """
        Նա Նրանք Մենք Ես Դուք Այս Այդ Այն Այսպիսով Սակայն Բայց Իսկ Եվ Ըստ Այսպես
        Այնուհետև Նաև Հետո Երեկ Այսօր Վաղը Ինչպես Երբ Եթե Որ Ի Համաձայն Արդյունքում
        Միաժամանակ Նախկինում Ավելի Բոլոր Շատ Մի Երկու Երեք Հինգ Տասը Հարյուրավոր
        Հազարավոր Հիշեցնենք Նշենք Կառավարությունը Ոստիկանությունը
        """
    ),
    line_starters=words("Նա Նրանք Մենք Այս Սակայն Բայց Իսկ Ըստ Երեկ Այսօր"),
    continuation_words=words("և ու կամ որ թե է են էր էին այն այս"),
    speech_verbs=words("ասաց հարցրեց նշեց հայտարարեց ընդգծեց ավելացրեց պատասխանեց բացականչեց"),
    title_words=words("խոսնակ նախարար վարչապետ նախագահ ղեկավար"),
    stamp_keywords=r"թարմացվել\s+է|հրապարակվել\s+է|հրապարակման\s+ամսաթիվ|թարմացված",
    months=(
        r"հունվարի|փետրվարի|մարտի|ապրիլի|մայիսի|հունիսի|հուլիսի|օգոստոսի|սեպտեմբերի"
        r"|հոկտեմբերի|նոյեմբերի|դեկտեմբերի|հունվար|փետրվար|մարտ|ապրիլ|մայիս|հունիս"
        r"|հուլիս|օգոստոս|սեպտեմբեր|հոկտեմբեր|նոյեմբեր|դեկտեմբեր"
    ),
    time_words=r"թ\.|ժ\.",
    agencies=words("Արմենպրես ԱՐՄԵՆՊՐԵՍ Armenpress news.am Sputnik"),
    captions=r"Լուսանկարը|Լուսանկար|Լուսանկարներ|Ֆոտո|Աղբյուրը|Տեսանյութ|Տեսանյութը",
)
