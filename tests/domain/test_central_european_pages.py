"""A web page saved by a Czech or Polish site without a `<meta charset>` (older CMSs sent the
charset only in the HTTP header, which "Save Page As…" does not keep): read as plain text
files are, Windows-1250 or ISO-8859-2 when that reads far better than Windows-1252."""

from __future__ import annotations

import pytest

from factcheck_app.domain.extract.encodings import decode_html
from factcheck_app.domain.importing import parse_article

CZECH = (
    "Předseda vlády řekl, že příští týden vysvětlí poslancům rozpočet. Ministr dodal, že "
    "ťukání na dveře v noci trvalo dvě hodiny a policie přijela až ráno.",
    "Opozice tvrdí, že čísla nesedí. Poslanci o zákonu budou hlasovat ve středu večer.",
)
POLISH = (
    "Źródła podają, że prezydent ściśle współpracował z rządem, ale minister zaprzeczył.",
    "Jeśli to prawda, sąd zajmie się sprawą w przyszłym tygodniu, jak podała agencja.",
)
# What a site's template puts before the article: a style sheet and a script, ASCII
# (18 KB: past the first 16 KB the plain-text rule judges).
_HEAD_STUFF = (
    "<style>\n"
    + "".join(f".c{n} {{ margin: {n}px; color: #333; }}\n" for n in range(600))
    + "</style>\n<script>var ads = [];</script>\n"
)


def _page(paragraphs: tuple[str, ...], title: str, *, big_head: bool) -> str:
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    return (
        f"<!DOCTYPE html>\n<html><head><title>{title}</title>\n"
        + (_HEAD_STUFF if big_head else "")
        + f"</head><body><article><h1>{title}</h1>\n{body}</article></body></html>\n"
    )


@pytest.mark.parametrize("big_head", [False, True], ids=["small-head", "big-head"])
@pytest.mark.parametrize(
    ("paragraphs", "title", "encoding"),
    [
        (CZECH, "Vláda představí rozpočet", "cp1250"),
        (POLISH, "Prezydent i premier", "cp1250"),
        (POLISH, "Prezydent i premier", "iso8859_2"),
    ],
    ids=["czech-1250", "polish-1250", "polish-latin2"],
)
def test_a_central_european_page_without_a_charset_keeps_its_letters(
    paragraphs: tuple[str, ...], title: str, encoding: str, big_head: bool
) -> None:
    """Before: a Windows-1250 page (with ť or Ź, bytes Windows-1252 leaves undefined)
    fell back to UTF-8, "\ufffd" for each accented letter ("Vl\ufffdda
    p\ufffdedstav\ufffd"); a Latin-2 page came in as Windows-1252 gibberish ("Je¶li",
    "s±d", "siê"), without a word. The plain text file of the same bytes read right.
    With 18 KB of style sheet first, the rule must judge the page's body."""
    data = _page(paragraphs, title, big_head=big_head).encode(encoding)
    assert b"charset" not in data
    page = decode_html(data)
    for paragraph in paragraphs:
        assert paragraph in page
    parsed = parse_article(data, suffix=".html")
    assert paragraphs[0] in parsed.text


@pytest.mark.parametrize(
    "text",
    [
        "Café au lait — “quotes” … €5 a cup, said the owner.",
        "Grüße aus München: Die Straßenbahn fährt über die Brücke, sagte der Bürgermeister.",
        "Þjóðhátíð á Íslandi: Ærlig talt, sagde Søren, det var en fin dag på øen.",
    ],
)
def test_a_western_page_without_a_charset_still_reads_as_windows_1252(text: str) -> None:
    data = _page((text,), "News", big_head=False).encode("cp1252")
    assert text in decode_html(data)


# A site's navigation before the article: ASCII markup, 5 KB.
_NAV = (
    "<nav><ul>"
    + "".join(
        f'<li class="menu-item"><a href="https://example.com/section-{n}/" title="Section {n}">'
        f"Section {n}</a></li>\n"
        for n in range(40)
    )
    + "</ul></nav>\n"
)


@pytest.mark.parametrize(
    ("text", "encoding", "misread"),
    [
        ("Le café était fermé; la première édition est sortie.", "mac_roman", "cafŽ"),
        ("Le président a présenté le modèle: la crème est chère.", "mac_roman", "prŽsident"),
        (
            "Statsministeren sagde, at regeringen vil sænke skatten på fødevarer. "
            "Søren og Åse spiste smørrebrød på Ærø, og Ødegaard scorede.",
            "cp850",
            "s‘nke",
        ),
    ],
    ids=["mac-roman-cafe", "mac-roman-president", "dos-danish"],
)
def test_a_page_in_another_encoding_is_not_read_as_central_european_for_its_markup(
    text: str, encoding: str, misread: str
) -> None:
    """The plain text rule refuses these (a capital or a symbol inside a word: "cafŽ",
    "s‘nke"), by their odd spots against their letters; judged on the page's raw
    markup, the markup's letters outnumbered them and the page came in as Windows-1250,
    "Le cafŽ Žtait fermŽ", with no sign of a misreading. Judged on its text, as a
    plain text file of it would be: not read so."""
    data = _page((text,), "News", big_head=False).replace("<body>", "<body>" + _NAV)
    page = decode_html(data.encode(encoding))
    assert misread not in page


_SPRITE = (
    "<svg style='display:none'>"
    + "".join(
        f"<symbol id='i{n}' viewBox='0 0 24 24'><path d='M12 2L2 7l10 5 10-5-10-5z'/></symbol>\n"
        for n in range(250)
    )
    + "</svg>\n"
)


# A script in the page's head with a template of markup in it, and 20 KB of script after.
_TEMPLATE_SCRIPT = (
    "<script>var embed = '<body class=\"embed\">';\n"
    + "".join(f"var v{n} = [{n}, {n + 1}, {n + 2}];\n" for n in range(900))
    + "</script>\n"
)


# The same template in an XHTML head's CDATA section, outside a script.
_TEMPLATE_CDATA = _TEMPLATE_SCRIPT.replace("<script>", "<![CDATA[").replace("</script>", "]]>")


@pytest.mark.parametrize(
    "where",
    [
        "sprite-in-body",
        "body-in-a-comment",
        "body-in-a-script",
        "empty-comment-in-head",
        "body-in-cdata-in-head",
    ],
)
def test_a_latin_2_page_is_judged_on_its_text_past_markup(where: str) -> None:
    """An icon sprite (20 KB of ASCII) opening the body, or "<body>" in a comment
    before 18 KB of style sheet, or in a script's string before 20 KB more of it (or in
    a CDATA section of an XHTML head): the 16 KB judged were markup only, and the Polish
    page came in as Windows-1252 gibberish ("¬ród³a podaj±")."""
    html = _page(POLISH, "Prezydent i premier", big_head=where == "body-in-a-comment")
    if where == "sprite-in-body":
        html = html.replace("<body>", "<body>" + _SPRITE)
    elif where == "body-in-a-script":
        html = html.replace("<head>", "<head>" + _TEMPLATE_SCRIPT)
    elif where == "body-in-cdata-in-head":
        html = html.replace("<head>", "<head>" + _TEMPLATE_CDATA)
    elif where == "empty-comment-in-head":
        # "<!-->" is a whole comment (as "<!---->"): taken as one going on to the next
        # "-->", after the article, the text judged was the title's words only.
        html = html.replace("<head>", "<head><!-->").replace(
            "</article>", "</article><!-- /article -->"
        )
    else:
        html = html.replace("<head>", "<head><!-- <body> is the template's -->")
    page = decode_html(html.encode("iso8859_2"))
    for paragraph in POLISH:
        assert paragraph in page


@pytest.mark.parametrize("closed", [False, True], ids=["never-closed", "closed-far-on"])
def test_a_latin_2_page_quoting_cdata_in_its_text_keeps_its_letters(closed: bool) -> None:
    """A technical article quoting XML ("<![CDATA[" written as is in a paragraph): in an
    HTML page it is no section (a browser, and the parser that takes the article's text,
    end it at its first ">"), and an XHTML one's is text shown. Passed over to a "]]>"
    (or the page's end, never closed), the text judged was the headline and a few words,
    and the Polish page came in as Windows-1252 gibberish ("¬ród³a podaj±")."""
    html = _page(POLISH, "Prezydent i premier", big_head=False).replace(
        "<h1>Prezydent i premier</h1>\n",
        "<h1>Prezydent i premier</h1>\n<p>W pliku XML dane zaczyna <![CDATA[ tak.</p>\n",
    )
    if closed:
        html = html.replace("</article>", "<p>a kończy ]]> tak.</p></article>")
    data = html.encode("iso8859_2")
    page = decode_html(data)
    for paragraph in POLISH:
        assert paragraph in page
    assert POLISH[0] in parse_article(data, suffix=".html").text
