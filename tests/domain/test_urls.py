import re
import time

import pytest

from factcheck_app.domain.errors import EditRefused, InvalidSourceUrl
from factcheck_app.domain.urls import (
    check_url_pattern,
    fill_url_pattern,
    normalize_url,
    safe_link,
    sentence_ending,
    validate_source_url,
)


@pytest.mark.parametrize(
    ("url", "stored"),
    [
        ("https://example.org/report", "https://example.org/report"),
        ("http://mfa.gov.tr/x?y=1", "http://mfa.gov.tr/x?y=1"),
        ("  HTTPS://Example.org/a  ", "https://example.org/a"),
    ],
)
def test_http_and_https_are_accepted(url: str, stored: str) -> None:
    assert validate_source_url(url) == stored


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "\tjavascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "VBScript:msgbox(1)",
        "ftp://example.org/file",
        "example.org/no-scheme",
        "https://",
        "",
        "https://exa mple.org",
    ],
)
def test_everything_else_is_refused_with_a_reason(url: str) -> None:
    with pytest.raises(InvalidSourceUrl) as error:
        validate_source_url(url)
    assert str(error.value)


# -- the one rule: parsed, re-serialised, percent-encoded (issue 13) ---------------------------


@pytest.mark.parametrize(
    ("url", "stored"),
    [
        # A canonical link that closed the PDF link's string and opened a JavaScript action.
        (
            "https://news.example/a)/Next<</S/JavaScript/JS(app.alert(2))>>/X(",
            "https://news.example/a%29/Next%3C%3C/S/JavaScript/JS%28app.alert%282%29%29%3E%3E/X%28",
        ),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_%28bar%29"),
        (
            "https://x.example/a\"b'c\\d{e}|f^g`h",
            "https://x.example/a%22b%27c%5Cd%7Be%7D%7Cf%5Eg%60h",
        ),
        ("https://x.example/?q=</script>&r=1#top", "https://x.example/?q=%3C/script%3E&r=1#top"),
        ("https://Bücher.example/straße?q=ü", "https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%BC"),
        ("https://x.example/100%/a%2fb", "https://x.example/100%25/a%2Fb"),  # a lone % encoded
        ("http://[::1]:8080/a", "http://[::1]:8080/a"),
        ("https://x.example", "https://x.example"),
    ],
)
def test_urls_are_re_serialised_with_every_syntax_character_encoded(url: str, stored: str) -> None:
    assert normalize_url(url) == stored
    assert normalize_url(stored) == stored  # stable: a stored URL reads back the same
    assert not set("()<>\"'\\ ") & set(stored)


@pytest.mark.parametrize(
    ("url", "stored"),
    [
        # A space in a file's name, as a browser sends it.
        (
            "https://www.stat.example/files/Annual Report 2024.pdf",
            "https://www.stat.example/files/Annual%20Report%202024.pdf",
        ),
        (
            "https://x.example/search?q=jobs report#page 2",
            "https://x.example/search?q=jobs%20report#page%202",
        ),
        # Wrapped across lines when copied from a PDF or an e-mail: the breaks are not part of it.
        (
            "https://x.example/reports/2024/\nannual-figures.pdf",
            "https://x.example/reports/2024/annual-figures.pdf",
        ),
        ("https://x.example/a\r\n\tb", "https://x.example/ab"),
    ],
)
def test_spaces_and_line_breaks_are_read_as_a_browser_reads_them(url: str, stored: str) -> None:
    assert normalize_url(url) == stored
    assert normalize_url(stored) == stored


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://google.com@evil.example/", "user name or password"),
        ("https://user:secret@x.example/", "user name or password"),
        ("https://evil.example\\@good.example/", "user name or password"),
        ("https://a(b).example/", "not a valid host name"),
        ("https://a..b/", "not a valid host name"),
        ("https://x.example:99999/", "not a valid address"),
        ("https://x.example/\x1b[2J", "control characters"),
        ("https://x.example/\x9b2J", "control characters"),
        ("https://x.example/" + "a" * 9000, "at most 8,192 characters"),
        ("javascript:alert(5)", "“javascript:”"),
        # Typed without its start: what to type, not "no scheme".
        ("www.stat.gov.az/source", "add https:// in front (https://www.stat.gov.az/source)"),
        ("stat.gov.az:8080/source", "add https:// in front (https://stat.gov.az:8080/source)"),
        # Copied with what stood around it in an article: what to take off, not "add
        # https:// in front (https://(https://…)".
        (
            "(https://stat.gov.az/source)",
            "“(” before https://. The link alone: https://stat.gov.az/source",
        ),
        ("<https://stat.gov.az/a>", "“<” before https://. The link alone: https://stat.gov.az/a"),
        ("“https://stat.gov.az/a”", "““” before https://. The link alone: https://stat.gov.az/a"),
        ('"http://stat.gov.az/a"', '“"” before http://. The link alone: http://stat.gov.az/a'),
        (
            "Source: HTTPS://stat.gov.az/a",
            "“Source: ” before https://. The link alone: HTTPS://stat.gov.az/a",
        ),
        (
            "Source:https://stat.gov.az/a",
            "“Source:” before https://. The link alone: https://stat.gov.az/a",
        ),
        # A court index's "File:" label is words too, not a file on a computer.
        (
            "File: https://courts.example/filings/ganja.pdf",
            "“File: ” before https://. The link alone: https://courts.example/filings/ganja.pdf",
        ),
        ("file:https://stat.gov.az/a", "“file:” before https://. The link alone: https://stat"),
        # A scheme further on that is part of an address typed without its start.
        (
            "www.x.az/go?to=https://y.az/",
            "add https:// in front (https://www.x.az/go?to=https://y.az/)",
        ),
    ],
)
def test_unsafe_urls_are_refused_in_words(url: str, words: str) -> None:
    with pytest.raises(InvalidSourceUrl, match=re.escape(words)):
        normalize_url(url)
    assert safe_link(url) is None


@pytest.mark.parametrize(
    "pattern",
    [
        "https://ex.example/{number:>3000000000}",  # 11.7 GB when Python formats it
        "https://ex.example/{slug:*^2000000000}",
        "https://ex.example/{number!r}",
        "https://ex.example/{slug.__class__}",
        "https://ex.example/{number[0]}",
        "https://ex.example/{number",
    ],
)
def test_url_patterns_with_more_than_plain_placeholders_are_refused_at_once(
    pattern: str,
) -> None:
    started = time.perf_counter()
    with pytest.raises(EditRefused):
        check_url_pattern(pattern)
    with pytest.raises(EditRefused):
        fill_url_pattern(pattern, {"article_id": 1, "sentence_id": 2, "number": 3, "slug": "s"})
    assert time.perf_counter() - started < 0.5


def test_url_patterns_are_filled_and_normalised() -> None:
    values = {"article_id": 7, "sentence_id": 42, "number": 3, "slug": "a-title"}
    pattern = "https://Checks.example/{slug}/</script>(x)#claim-{number}-{{literal}}"
    assert check_url_pattern(f"  {pattern} ") == pattern
    assert fill_url_pattern(pattern, values) == (
        "https://checks.example/a-title/%3C/script%3E%28x%29#claim-3-%7Bliteral%7D"
    )
    with pytest.raises(InvalidSourceUrl):
        check_url_pattern("javascript:alert({number})")


@pytest.mark.parametrize(
    ("url", "ending"),
    [
        ("https://stat.gov.az/report.", "."),
        ("https://stat.gov.az/report, ", ","),
        ("https://stat.gov.az/report;", ";"),
        ("https://stat.gov.az/report:", ":"),
        ("https://stat.gov.az/report!", "!"),
        ("https://stat.gov.az/report).", ")."),
        ("https://stat.gov.az/report”.", "”."),
        ("https://stat.gov.az/report’", "’"),
        ("https://stat.gov.az/report»", "»"),
        ("https://stat.gov.az/report]", "]"),
        ('https://stat.gov.az/report"', '"'),
        ("https://stat.gov.az/a_(b).", "."),
        # Ends as an address does.
        ("https://stat.gov.az/report", ""),
        ("https://stat.gov.az/", ""),
        ("https://stat.gov.az/a_(b)", ""),
        ("https://stat.gov.az/a_[b]", ""),
        ("https://stat.gov.az/?q=1", ""),
        ("https://stat.gov.az/?", ""),
        ("https://stat.gov.az/#top", ""),
        ("", ""),
    ],
)
def test_an_ending_a_sentence_gave_a_pasted_link_is_found(url: str, ending: str) -> None:
    assert sentence_ending(url) == ending


@pytest.mark.parametrize(
    "url",
    [
        "https://exa\u202emple.org/",  # RIGHT-TO-LEFT OVERRIDE in the host
        "https://exa\u2067mple.org/",  # RIGHT-TO-LEFT ISOLATE
        "www.exa\u202emple.org/report",  # without its start
        "(https://exa\u202emple.org/report)",  # in brackets
        "Source\u202e: https://example.org/report",
        "https://exa\u202emple.org:99999/",  # a port out of range
        "https://[::1\u202e/",
    ],
)
def test_a_refusal_shows_a_direction_control_typed_as_a_mark_not_reversed_words(
    url: str,
) -> None:
    """The reason quoted the URL with its override: "“exa.eman tsoh dilav a ton si
    ”gro.elpm" is what the Link Source dialog showed under the fields."""
    with pytest.raises(InvalidSourceUrl) as refused:
        normalize_url(url)
    said = str(refused.value)
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", said), said
    assert "?" in said, said  # where it was: something is there that should not be


@pytest.mark.parametrize(
    "mark",
    ["\u2066", "\u2067", "\u2068", "\u2069", "\u061c", "\u3164", "\U000e0100", "\u180e"],
)
def test_a_host_with_an_invisible_character_is_refused_not_made_another_host(mark: str) -> None:
    """ "https://exa\u2067mple.org/" reads as example.org, and was stored as
    https://xn--example-3l7c.org/: a host nobody sees in what was pasted (the isolates
    and the Arabic letter mark came after the IDNA tables, which let them through)."""
    with pytest.raises(InvalidSourceUrl, match=re.escape("“exa?mple.org”") + ".*invisible"):
        normalize_url(f"https://exa{mark}mple.org/report")
    # Those IDNA maps to nothing leave the host seen: it is kept so, as before.
    assert normalize_url("https://exa\u200bmple.org/") == "https://example.org/"
    assert normalize_url("https://exa\u00admple.org/") == "https://example.org/"


@pytest.mark.parametrize(
    "path",
    [
        "/home/ana/court-filing.pdf",
        "/Users/ana/Desktop/Court filing.pdf",
        "~/Documents/court-filing.pdf",
        "C:\\Users\\ana\\court-filing.pdf",
        "c:/Users/ana/court-filing.pdf",
        "\\\\newsroom-nas\\legal\\court-filing.pdf",
        "./court-filing.pdf",
        "..\\court-filing.pdf",
        "file:///home/ana/court-filing.pdf",
        "FILE://newsroom-nas/legal/court-filing.pdf",
        "file:court-filing.pdf",
    ],
)
def test_a_file_on_a_computer_is_refused_as_one_not_told_to_add_https(path: str) -> None:
    """A document on the reviewer's disk pasted as a source was told to "add https:// in
    front (https:///home/ana/court-filing.pdf)", or that it "has “c:”": advice that makes
    no working link. It is told what it is and what a link needs instead."""
    with pytest.raises(InvalidSourceUrl) as refused:
        normalize_url(path)
    said = str(refused.value)
    assert "a file on a computer" in said, said
    assert "the document's address online" in said, said
    assert "add https://" not in said and "this one has" not in said, said
    assert said.startswith("“" + path[:20]), said  # what was typed, quoted


def test_a_web_address_typed_without_its_start_is_still_told_to_add_https() -> None:
    """Only what names a file is told so: a host typed without https:// still is not."""
    with pytest.raises(InvalidSourceUrl, match=re.escape("add https:// in front")):
        normalize_url("courts.example/filings/court-filing.pdf")


@pytest.mark.parametrize(
    ("url", "words"),
    [
        # Its colon dropped in the typing: the address with it, not "https://https//…".
        ("https//stat.gov.az/source", "add the colon (https://stat.gov.az/source)"),
        ("HTTP//stat.gov.az/source", "add the colon (http://stat.gov.az/source)"),
        # Copied from a page's source, which leaves the scheme to the browser.
        ("//stat.gov.az/source", "add https: in front (https://stat.gov.az/source)"),
    ],
)
def test_a_scheme_half_typed_is_told_what_to_add(url: str, words: str) -> None:
    """ "https//stat.gov.az" was told to "add https:// in front
    (https://https//stat.gov.az)", and "//stat.gov.az" gave "https:////stat.gov.az":
    advice that, followed, makes a link to nowhere."""
    with pytest.raises(InvalidSourceUrl, match=re.escape(words)) as refused:
        normalize_url(url)
    assert "https://https//" not in str(refused.value) and "////" not in str(refused.value)


@pytest.mark.parametrize(
    "path", ["/checks/ganja-report", "/politics/2024/05/ganja-strike", "/media/uploads/report.pdf"]
)
def test_a_path_on_a_site_is_not_called_a_file_on_a_computer(path: str) -> None:
    """A path copied from a site without its start ("/politics/2024/…" from a CMS's
    permalink field, or a fact-check URL pattern typed as "/checks/{slug}") was told it
    "is a file on a computer": it is a page's address without its site. What a link
    starting "/" lacks is said so that it is true of either."""
    with pytest.raises(InvalidSourceUrl) as refused:
        normalize_url(path)
    said = str(refused.value)
    assert "” is a file on a computer" not in said, said  # not said to be one outright
    assert said.startswith(f"“{path}” has no site before it"), said
    assert "http:// or https:// and the site's name" in said, said
    with pytest.raises(InvalidSourceUrl, match="has no site before it"):
        check_url_pattern("/checks/{slug}")


@pytest.mark.parametrize("typed", ["Reuters", "not a url", "see the BBC", "Reuters report, 12 May"])
def test_words_in_the_url_field_are_not_told_to_add_https(typed: str) -> None:
    """A publisher's name or a few words typed into the URL field (the Link Source
    dialog opens there) were told to "add https:// in front (https://Reuters)": done,
    https://reuters was linked, an address no reader can open; "https://see the BBC" was
    refused again. What was typed is said to be no web address, with what one looks like."""
    with pytest.raises(InvalidSourceUrl) as refused:
        normalize_url(typed)
    said = str(refused.value)
    assert "add https://" not in said, said
    assert f"“{typed}” is not a web address" in said, said
    assert "https://example.org/page" in said, said
