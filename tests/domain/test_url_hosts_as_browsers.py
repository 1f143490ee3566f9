"""A link's host is stored as browsers open it (UTS #46 non-transitional processing, as
the WHATWG URL standard has every current browser do), not as IDNA 2003 wrote it: the
desk stored https://straße.de/x as https://strasse.de/x, another site, and printed that
in the report a journalist published. The two rules differ on four characters only (ß,
final ς, the zero-width joiner and non-joiner); every other host is stored as before."""

from __future__ import annotations

import pytest

from factcheck_app.domain.errors import InvalidSourceUrl
from factcheck_app.domain.urls import normalize_url, safe_link, shown_host

ZWNJ = "\u200c"
ZWJ = "\u200d"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("https://straße.de/x", "https://xn--strae-oqa.de/x"),
        ("https://STRAßE.de/x", "https://xn--strae-oqa.de/x"),  # capitals lowered, ß kept
        ("https://STRAẞE.de/x", "https://xn--strae-oqa.de/x"),  # capital sharp s: ß (UTS 46)
        ("https://σοφος.gr/a", "https://xn--0xaajbq.gr/a"),  # a final sigma
        ("https://ΟΔΟς.gr/", "https://xn--pxavbm.gr/"),
        # Persian: the non-joiner between letters that join (the "-ha" plural, "mi-").
        (f"https://نامه{ZWNJ}ای.ir/", "https://xn--mgba3gch31f060k.ir/"),
        (f"https://می{ZWNJ}خواهم.ir/", "https://xn--mgbn2ecje63gr19l.ir/"),
        # Letters Unicode gives no presentation forms (Pashto ټ, Kurdish ڵ and ڕ), or only
        # a final one (Urdu's ں, which joins both sides): "میں بھی", "me too".
        (f"https://ټ{ZWNJ}ب.af/", "https://xn--ngb1o404e.af/"),
        (f"https://ڵ{ZWNJ}ب.krd/", "https://xn--ngb5zv26d.krd/"),
        (f"https://ب{ZWNJ}ڕ.krd/", "https://xn--ngb2tk88d.krd/"),
        (f"https://میں{ZWNJ}بھی.pk/", "https://xn--ngb1d1sra1ed9536b.pk/"),
        # Devanagari: a joiner or non-joiner after a virama (half forms).
        (f"https://क्{ZWJ}ष.in/", "https://xn--11b2ezcw70k.in/"),
        (f"https://क्{ZWNJ}ष.in/", "https://xn--11b2ezcs70k.in/"),
        ("https://www.straße.de:8080/x?q=ß", "https://www.xn--strae-oqa.de:8080/x?q=%C3%9F"),
    ],
)
def test_a_host_with_sharp_s_final_sigma_or_a_joiner_is_stored_as_browsers_open_it(
    typed: str, stored: str
) -> None:
    assert normalize_url(typed) == stored
    assert safe_link(typed) == stored  # what a report links and prints
    assert normalize_url(stored) == stored  # read back the same: no second site


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("https://strasse.de/x", "https://strasse.de/x"),
        ("https://STRASSE.de/x", "https://strasse.de/x"),
        ("https://ΣΟΦΟΣ.gr/a", "https://xn--0xaakcn.gr/a"),  # capital Σ is σ, never ς
        # Where Python's lower(), which the parsed host went through, makes a Σ a final ς
        # (no letter after it: a hyphen next, or the host's end); browsers make it σ.
        ("https://ΟΔΟΣ-1.gr/", "https://xn---1-k9b7bby.gr/"),
        ("https://example.ΟΔΟΣ/", "https://example.xn--pxavbq/"),
        ("https://σοφοσ.gr/a", "https://xn--0xaakcn.gr/a"),
        ("https://Bücher.example/", "https://xn--bcher-kva.example/"),
        ("https://exa\u200bmple.org/", "https://example.org/"),  # ignored by both rules
        ("https://example.org/", "https://example.org/"),
    ],
)
def test_every_other_host_is_stored_as_before(typed: str, stored: str) -> None:
    assert normalize_url(typed) == stored


def test_strasse_and_strasse_with_sharp_s_are_two_sites() -> None:
    assert normalize_url("https://STRASSE.de/x") != normalize_url("https://straße.de/x")
    assert normalize_url("https://σοφοσ.gr/") != normalize_url("https://σοφος.gr/")


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("https://straße!.de/x", "“straße!.de” is not a valid host name."),
        ("https://stra\ue000ße.de/x", "“stra\ue000ße.de” is not a valid host name."),
        ("https://straßeא.de/x", "“straßeא.de” is not a valid host name."),  # mixed directions
        (f"https://{'ß' * 60}.de/x", "is not a valid host name."),  # 66 characters encoded
        ("https://xn--straße.de/x", "“xn--straße.de” is not a valid host name."),
        # What nameprep makes a dot ("․" a one-dot leader, "⒈"): stored as xn--.x-fia.de.
        ("https://ß\u2024x.de/x", "“ß\u2024x.de” is not a valid host name."),
        ("https://ß\u2488.de/x", "“ß\u2488.de” is not a valid host name."),
    ],
)
def test_a_label_with_sharp_s_that_no_browser_opens_is_refused_in_words(
    typed: str, said: str
) -> None:
    with pytest.raises(InvalidSourceUrl) as refused:
        normalize_url(typed)
    assert said in str(refused.value)


@pytest.mark.parametrize(
    "host",
    [
        f"exa{ZWJ}mple.org",  # reads as example.org: browsers refuse it
        f"exa{ZWNJ}mple.org",
        f"و{ZWNJ}ب.ir",  # after a letter that joins on its right only
        f"{ZWNJ}ab.de",
    ],
)
def test_a_joiner_where_no_script_needs_one_is_refused_as_invisible(host: str) -> None:
    """Browsers take a joiner only after a virama or between Arabic-script letters that
    join; elsewhere it makes a host look like another (IDNA 2003 dropped it, and stored
    exa[U+200D]mple.org as example.org)."""
    with pytest.raises(InvalidSourceUrl, match="invisible character"):
        normalize_url(f"https://{host}/report")


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("https://xn--strae-oqa.de/x", "straße.de"),
        ("https://xn--0xaajbq.gr/a", "σοφος.gr"),
        ("https://xn--mgba3gch31f060k.ir/", f"نامه{ZWNJ}ای.ir"),
        ("https://xn--bcher-kva.example/", "bücher.example"),
        ("https://strasse.de/x", "strasse.de"),
        ("https://www.example.org:8080/", "www.example.org"),
        ("https://[::1]/", "[::1]"),
        ("https://xn--zz.example/", "xn--zz.example"),  # no name: shown as stored
        ("https://xn--example-3l7c.org/", "xn--example-3l7c.org"),  # an invisible inside
        ("not a link", None),
    ],
)
def test_a_stored_host_is_shown_as_its_site_reads(stored: str, shown: str | None) -> None:
    """Python's own IDNA decoding refuses xn--strae-oqa ("does not round-trip": 2003
    writes straße as strasse), so the site is shown as the desk stores it."""
    assert shown_host(stored) == shown


@pytest.mark.parametrize(
    "stored",
    [
        "https://xn--pple-43d.com/",  # аpple.com: a Cyrillic а among Latin letters
        "https://xn--pypal-4ve.com/",  # pаypal.com
        "https://xn--stra-yna832c.de/",  # straßе.de: ß and a Cyrillic е
        "https://xn--80ak6aa92e.com/",  # аррӏе.com: Cyrillic letters that all look Latin
        "https://xn--e1aw88awi.com/",  # ԁеҽр.com
    ],
)
def test_a_name_made_to_look_like_another_site_is_shown_as_stored(stored: str) -> None:
    """Browsers show such a name in its xn-- form (a label mixing Latin with Cyrillic or
    Greek, or one all of Cyrillic letters that look Latin): "Site: apple.com" under
    https://xn--80ak6aa92e.com/ told the reviewer the source was Apple's."""
    assert shown_host(stored) == stored.removeprefix("https://").removesuffix("/")


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("https://xn--eckwd4c7c5976acvb2w6i.jp/", "日本語ドメイン.jp"),  # Han and katakana
        ("https://xn--abc-u68dq2yw6fgy1a.cn/", "中文域名abc.cn"),  # Han and Latin
        ("https://xn--tck2c4fb.jp/", "コーヒー.jp"),  # katakana and its long vowel mark
        ("https://xn--80adxhks.xn--p1ai/", "москва.рф"),  # Cyrillic, not all Latin-alike
        ("https://xn--3e0b707e.kr/", "한국.kr"),
        ("https://xn--mgba3gch31f060k.xn--mgba3a4f16a.ir/", f"نامه{ZWNJ}ای.ایران.ir"),
    ],
)
def test_a_name_in_one_script_is_shown_as_it_reads(stored: str, shown: str) -> None:
    assert shown_host(stored) == shown
