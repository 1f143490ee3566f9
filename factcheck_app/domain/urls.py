"""The desk's one URL rule: only http and https addresses are ever stored, opened or written.

Every address the desk handles (an article's URL or canonical link, a source, the
publisher's home page, each published fact-check's address) passes `normalize_url`: it
is parsed and written out again from its parts, with every character that could mean
something to a report format percent-encoded (`( ) ' < > " \\ { } | ^ ``, spaces and
all non-ASCII); tabs and line breaks are dropped, other control characters refused. What
comes out can be put into a PDF string, an HTML attribute, a Markdown link or a JSON-LD
script without ending it, so no writer depends on its own escaping alone.
`fill_url_pattern` builds the published addresses from the workspace's URL pattern with
plain placeholders only: a format spec such as `{number:>3000000000}` would ask Python
for gigabytes.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import string
import unicodedata
from collections.abc import Mapping
from encodings.idna import ToASCII, nameprep
from urllib.parse import quote, urlsplit

from factcheck_app.domain.errors import EditRefused, InvalidSourceUrl
from factcheck_app.domain.printable import letter_script, printable

ALLOWED_SCHEMES = ("http", "https")
MAX_URL_CHARS = 8_192  # what common web servers accept in a request line
URL_PLACEHOLDERS = ("article_id", "sentence_id", "number", "slug")

# Kept as they are (besides letters, digits and `-._~`, which `quote` always keeps): RFC 3986
# delimiters that mean nothing to PDF strings, HTML attributes, Markdown or JSON. `(`, `)`
# and `'` are legal in a URL too, but PDF strings and some writers take them as syntax, so
# they are percent-encoded like everything else (browsers and servers read them the same).
_PATH_SAFE = "/!$&*+,;=:@"
_QUERY_SAFE = _PATH_SAFE + "?"
_TRIPLET = re.compile(r"%[0-9A-Fa-f]{2}")
_LABEL = re.compile(r"[a-z0-9_-]{1,63}")
_BREAKS = str.maketrans("", "", "\t\r\n")
_DOTS = re.compile("[.\u3002\uff0e\uff61]")  # what IDNA takes for the dot between labels


def _encode(part: str, safe: str) -> str:
    """Percent-encode `part` as UTF-8, keeping `safe` and the %XX escapes already there."""
    pieces = []
    position = 0
    for match in _TRIPLET.finditer(part):
        pieces.append(quote(part[position : match.start()], safe=safe))
        pieces.append(match.group().upper())
        position = match.end()
    pieces.append(quote(part[position:], safe=safe))
    return "".join(pieces)


# Characters that show as nothing, or as a blank: the format controls (direction marks,
# isolates, joiners), the Hangul fillers, the variation selectors and the like.
_BLANKS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")


def _invisible(ch: str) -> bool:
    code = ord(ch)
    return (
        unicodedata.category(ch) == "Cf"
        or ch in _BLANKS
        or 0x180B <= code <= 0x180F
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
    )


def _shown(text: str, limit: int = 80) -> str:
    """`text` typed by the reviewer, quoted in a reason: each control and each invisible
    character as "?" (a direction override quoted showed the reason's words after it
    reversed: "“exa.eman tsoh dilav a ton si ”gro.elpm"), cut to `limit` characters."""
    text = "".join("?" if _invisible(ch) else ch for ch in printable(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _host(hostname: str, netloc: str) -> str:
    """The host in its ASCII form (IDNA for names in other scripts), or InvalidSourceUrl."""
    hostinfo = netloc.rpartition("@")[2]
    # As typed, capitals and all: `urlsplit` lowers it with Python's `str.lower`, which
    # makes a capital Σ a final ς by its place in the word (browsers make it σ).
    typed = hostinfo.partition(":")[0]
    return _ascii_host(hostname, hostinfo.startswith("["), typed)


# IDNA 2003 (Python's "idna" codec) and the rule browsers open a host by (UTS #46
# non-transitional processing, in the WHATWG URL standard) map a name alike but for these
# four: 2003 writes ß as "ss" and a final ς as σ and drops the zero-width non-joiner and
# joiner, so straße.de was stored as strasse.de, another site; browsers keep them.
_DEVIATIONS = frozenset("\u00df\u03c2\u200c\u200d")
_DEVIATION = re.compile("([\u00df\u03c2\u200c\u200d])")
_ZWNJ = "\u200c"
# The capital sharp s: "ss" to IDNA 2003, ß to browsers (UTS #46 since Unicode 15.1).
_CAPITAL_SHARP_S = "\u1e9e"
_VIRAMA = 9  # the canonical combining class of a virama (Devanagari ्, Bengali ্...)


# Letters of the Arabic and Arabic Supplement blocks with no presentation forms (Pashto
# ټ ځ ښ ګ ڼ, Kurdish ڵ ڕ ێ, Sindhi, Khowar...), or only an isolated and a final one
# though they join both sides (Urdu's ں): their Joining_Type, from Unicode's
# ArabicShaping.txt, as (first, last) code points. Read from the forms alone, a
# non-joiner beside them was refused as an invisible character, browsers take it.
_DUAL_JOINING = (
    (0x0620, 0x0620), (0x063B, 0x063F), (0x066E, 0x066F), (0x0678, 0x0678),
    (0x067C, 0x067D), (0x0681, 0x0682), (0x0685, 0x0685), (0x069A, 0x06A3),
    (0x06A5, 0x06A5), (0x06A7, 0x06A8), (0x06AA, 0x06AC), (0x06AE, 0x06AE),
    (0x06B0, 0x06B0), (0x06B2, 0x06B2), (0x06B4, 0x06BA), (0x06BC, 0x06BD),
    (0x06BF, 0x06BF), (0x06C2, 0x06C2), (0x06CE, 0x06CE), (0x06D1, 0x06D1),
    (0x06FA, 0x06FC), (0x06FF, 0x06FF), (0x0750, 0x0758), (0x075C, 0x076A),
    (0x076D, 0x0770), (0x0772, 0x0772), (0x0775, 0x0777), (0x077A, 0x077F),
)  # fmt: skip
_RIGHT_JOINING = (
    (0x0672, 0x0673), (0x0675, 0x0677), (0x0689, 0x068B), (0x068F, 0x0690),
    (0x0692, 0x0697), (0x0699, 0x0699), (0x06C3, 0x06C4), (0x06CA, 0x06CA),
    (0x06CD, 0x06CD), (0x06CF, 0x06CF), (0x06D5, 0x06D5), (0x06EE, 0x06EF),
    (0x0759, 0x075B), (0x076B, 0x076C), (0x0771, 0x0771), (0x0773, 0x0774),
    (0x0778, 0x0779),
)  # fmt: skip


@functools.cache
def _joining_types() -> dict[str, str]:
    """Each Arabic-script letter that joins, as "D" (both sides) or "R" (the letter before
    only), read from the presentation forms Unicode gives it (an initial or medial form:
    it joins the letter after it), and from `_DUAL_JOINING` and `_RIGHT_JOINING` for the
    letters they miss. Python has no Joining_Type table; this covers the Arabic and
    Arabic Supplement blocks, and a joiner next to any other letter is refused."""
    types: dict[str, str] = {}
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)):
        form, _, base = unicodedata.decomposition(chr(code)).partition(" ")
        if not base or " " in base:
            continue  # not a presentation form, or a ligature of two letters
        letter = chr(int(base, 16))
        if form in ("<initial>", "<medial>"):
            types[letter] = "D"
        elif form == "<final>":
            types.setdefault(letter, "R")
    for ranges, kind in ((_DUAL_JOINING, "D"), (_RIGHT_JOINING, "R")):
        for first, last in ranges:
            types.update(dict.fromkeys(map(chr, range(first, last + 1)), kind))
    return types


def _transparent(ch: str) -> bool:
    """A mark a joiner looks past to the letter beside it (Joining_Type T)."""
    return ch not in _DEVIATIONS and unicodedata.category(ch) in ("Mn", "Me", "Cf")


def _joiner_needed(label: str, at: int) -> bool:
    """Whether the joiner at `at` is one browsers take (RFC 5892's CONTEXTJ rules, which
    UTS #46 checks): after a virama (an Indic half form), or a non-joiner between two
    Arabic-script letters that would join (Persian نامه‌ها). Anywhere else it only makes
    the name look like another one (exa[U+200D]mple.org), and browsers refuse it."""
    if at > 0 and unicodedata.combining(label[at - 1]) == _VIRAMA:
        return True
    if label[at] != _ZWNJ:
        return False
    before, after = at - 1, at + 1
    while before >= 0 and _transparent(label[before]):
        before -= 1
    while after < len(label) and _transparent(label[after]):
        after += 1
    types = _joining_types()
    return (
        before >= 0
        and after < len(label)
        and types.get(label[before]) in ("D", "L")
        and types.get(label[after]) in ("D", "R")
    )


def _kept_label(label: str, invalid: str, invisible: str) -> str:
    """A label holding ß, ς or a joiner as browsers open it: the rest of it mapped as
    IDNA 2003 maps it (capitals, widths, compatibility forms: nameprep), those four kept,
    NFC, and Punycode (RFC 3492) with "xn--" before it. InvalidSourceUrl (`invalid` or
    `invisible`) for a label no browser opens."""
    try:
        mapped = "".join(
            piece if piece in _DEVIATIONS else nameprep(piece)
            for piece in _DEVIATION.split(label)
            if piece
        )
    except UnicodeError:  # a character IDNA prohibits
        raise InvalidSourceUrl(invalid) from None
    mapped = unicodedata.normalize("NFC", mapped)
    if (
        mapped.startswith("xn--")
        or unicodedata.category(mapped[0]).startswith("M")  # a mark on no letter
    ):
        raise InvalidSourceUrl(invalid)
    for at, ch in enumerate(mapped):
        if (ch in "\u200c\u200d" and not _joiner_needed(mapped, at)) or (
            ch not in _DEVIATIONS and _invisible(ch)
        ):
            raise InvalidSourceUrl(invisible)
    encoded = "xn--" + mapped.encode("punycode").decode("ascii")
    # Punycode keeps the label's ASCII as it is, a dot too: "ß․x" (a one-dot leader,
    # which nameprep makes ".") came out as "xn--.x-fia", two labels nobody typed.
    if not _LABEL.fullmatch(encoded):
        raise InvalidSourceUrl(invalid)
    return encoded


@functools.lru_cache(maxsize=1024)
def _ascii_host(hostname: str, bracketed: bool, typed: str | None = None) -> str:
    """`_host`, worked out once per host (a refusal is not kept: it is raised each time).
    A ClaimReview export checks the fact-check address of each of its claims, all on one
    host, and IDNA's nameprep of that host was four fifths of the check. `typed` is the
    host as typed (`hostname` before `urlsplit` lowered it), when it is at hand."""
    shown = _shown(hostname)
    if bracketed:
        try:
            address = ipaddress.IPv6Address(hostname)
        except ValueError:
            address = None
        if address is None or address.scope_id:
            raise InvalidSourceUrl(f"“{shown}” is not a valid IPv6 address.")
        return f"[{address.compressed}]"
    invalid = f"“{shown}” is not a valid host name."
    invisible = (
        f"“{shown}” is not a valid host name: it holds an invisible character (shown as ?), "
        "so it is not the host it looks like."
    )
    typed = hostname if typed is None or typed.lower() != hostname else typed
    typed = typed.replace(_CAPITAL_SHARP_S, "\u00df")
    try:
        if _DEVIATIONS.isdisjoint(typed):
            ascii_host = hostname.encode("idna").decode("ascii").lower()
        else:  # only here do the two rules differ: every other host is stored as before
            ascii_host = ".".join(
                _kept_label(label, invalid, invisible)
                if not _DEVIATIONS.isdisjoint(label)
                else ToASCII(label).decode("ascii")
                if label
                else ""
                for label in _DOTS.split(typed)
            ).lower()
    except UnicodeError:
        ascii_host = ""
    labels = ascii_host.removesuffix(".").split(".")
    if len(ascii_host) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        if any(_invisible(ch) for ch in hostname):
            raise InvalidSourceUrl(invisible)
        raise InvalidSourceUrl(invalid)
    # The IDNA tables let through characters that came after them, some invisible:
    # "exa\u2067mple.org" reads as example.org and was stored as xn--example-3l7c.org.
    # (Those IDNA maps to nothing, a soft hyphen, leave the host as it is seen. A kept
    # joiner was checked where it stands, by `_kept_label`.) Nameprep's own check of a
    # right-to-left label, on the whole label here, is also the one a kept label gets.
    try:
        labels_seen = [nameprep(label) for label in _DOTS.split(typed) if label]
    except UnicodeError:
        raise InvalidSourceUrl(invalid) from None
    if any(_invisible(ch) for label in labels_seen for ch in label):
        raise InvalidSourceUrl(invisible)
    return ascii_host


_SCHEME_INSIDE = re.compile(r"https?://", re.IGNORECASE)
# What an address copied from an article's text is often wrapped in, and its closer.
_WRAPPERS = {"(": ")", "<": ">", "[": "]", '"': '"', "'": "'", "“": "”", "‘": "’", "«": "»"}


def _refuse_words_before(url: str) -> None:
    """Refuse `url` when an http(s) address follows a few stray characters ("(", "<",
    "Source: ", a quote), as when copied with the words or brackets around it in an
    article: naming them and the address alone (told to "add https:// in front", the
    reviewer was shown "https://(https://…)"). Returns when there are none."""
    found = _SCHEME_INSIDE.search(url)
    if found is None or found.start() == 0:
        return
    before = url[: found.start()]
    if any(ch in before for ch in "./?#") or len(before) > 40:
        return  # an address typed without its start, another scheme inside its query
    alone = url[found.start() :]
    closer = _WRAPPERS.get(before[-1])
    if closer is not None and alone.endswith(closer):
        alone = alone[: -len(closer)]
    raise InvalidSourceUrl(
        f"A link must start with http:// or https://; this one has “{_shown(before)}” "
        f"before {found.group().lower()}. The link alone: {_shown(alone)}"
    )


# What names a file on a computer, not a page online: a file: URL, a Windows drive or
# network share, the home folder or the folder one is in. ("File: https://…", a label
# copied with the address, is words before it: `_refuse_words_before` names them.)
_LOCAL_FILE = re.compile(r"file:(?!\s*https?://)|[a-z]:[\\/]|\\\\|~[\\/]|\.\.?[\\/]", re.IGNORECASE)


def _refuse_local_file(url: str) -> None:
    """Refuse `url` when it names a file on a computer (a document on the reviewer's disk
    or the newsroom's share), which nobody reading the report can open: told to "add
    https:// in front (https:///home/…)", or that it "has “c:”", the reviewer was given
    advice that makes no working link. Returns when it names none.

    A path from the root ("/home/ana/…", "/politics/2024/…") may be either a file or a
    page's address copied without its site (a CMS's permalink, a fact-check URL pattern
    typed as "/checks/{slug}"), and is told what it lacks in words true of both."""
    if url.startswith("/") and not url.startswith("//"):
        raise InvalidSourceUrl(
            f"“{_shown(url)}” has no site before it: a link must start with http:// or "
            "https:// and the site's name. If it is a file on a computer, which nobody "
            "reading the report can open, link the document's address online."
        )
    if _LOCAL_FILE.match(url):
        raise InvalidSourceUrl(
            f"“{_shown(url)}” is a file on a computer, which nobody reading the report can "
            "open: a link must start with http:// or https:// (the document's address "
            "online)."
        )


_NO_COLON = re.compile(r"(https?)//", re.IGNORECASE)


def _refuse_half_a_scheme(url: str) -> None:
    """Refuse `url` when its scheme is there but for the colon ("https//…"), or all but
    the scheme is ("//host/…", as a page's source writes a link): told to "add https://
    in front", the reviewer was shown "https://https//…" and "https:////…". Returns
    when it is neither."""
    no_colon = _NO_COLON.match(url)
    if no_colon is not None:
        fixed = f"{no_colon.group(1).lower()}://{url[no_colon.end() :]}"
        raise InvalidSourceUrl(
            f"A link must start with http:// or https://: add the colon ({_shown(fixed)})."
        )
    if url.startswith("//"):
        raise InvalidSourceUrl(
            f"A link must start with http:// or https://: add https: in front "
            f"({_shown(f'https:{url}')})."
        )


_HOST_END = re.compile(r"[/?#]")


def _refuse_words(url: str) -> None:
    """Refuse `url`, which has no scheme, when what would be its host is no site's name:
    words ("Reuters", "see the BBC") rather than an address typed without its start.
    Told to "add https:// in front", the reviewer linked https://reuters, which no reader
    can open, or was refused again ("https://see the BBC"). Returns for a host with a dot
    (www.example.org, an IPv4 address) or in brackets (an IPv6 address)."""
    host = _HOST_END.split(url, maxsplit=1)[0]
    if host.startswith("[") or (_DOTS.search(host) and not any(ch.isspace() for ch in host)):
        return
    raise InvalidSourceUrl(
        f"“{_shown(url)}” is not a web address: a link starts with http:// or https:// and "
        "the site's name, as in https://example.org/page."
    )


def normalize_url(raw: str) -> str:
    """The address in the desk's one form, or InvalidSourceUrl saying in words why not.

    http and https only, with a host and no user name or password; parsed and written
    out again with the scheme and host in lower case and everything that could end a
    string, an attribute or a link in some format percent-encoded.
    """
    # As a browser reads a pasted address (the WHATWG URL rules): tabs and line breaks are
    # dropped (a link wrapped across lines in a PDF or an e-mail), and a space in the path,
    # query or fragment is sent as %20 (a file named "Annual Report.pdf").
    url = raw.strip().translate(_BREAKS)
    if not url:
        raise InvalidSourceUrl("A link needs a URL (http:// or https://).")
    if len(url) > MAX_URL_CHARS:
        raise InvalidSourceUrl(
            f"A link can be at most {MAX_URL_CHARS:,} characters long; this one has {len(url):,}."
        )
    if any((ch.isspace() and ch != " ") or ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in url):
        raise InvalidSourceUrl("A URL cannot contain control characters or unusual spaces.")
    _refuse_local_file(url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:  # e.g. an unclosed IPv6 bracket, a port out of range
        raise InvalidSourceUrl(f"“{_shown(url)}” is not a valid address ({error}).") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        _refuse_words_before(url)
    if not scheme or "." in scheme:  # "www.example.org/page", "example.org:8080/page"
        _refuse_half_a_scheme(url)
        _refuse_words(url)
        # Typed from memory or copied without its start: say what to type, not "scheme".
        raise InvalidSourceUrl(
            "A link must start with http:// or https://: add https:// in front "
            f"({_shown(f'https://{url}')})."
        )
    if scheme not in ALLOWED_SCHEMES:
        raise InvalidSourceUrl(
            f"Only http:// and https:// links are accepted; this one has “{parts.scheme[:40]}:”."
        )
    if not parts.hostname:
        raise InvalidSourceUrl("The URL has no host name (e.g. https://example.org/page).")
    if parts.username is not None or parts.password is not None:
        raise InvalidSourceUrl(
            "A link cannot carry a user name or password before its host (“name@”): "
            "such links hide where they lead."
        )
    netloc = _host(parts.hostname, parts.netloc)
    if port is not None:
        netloc += f":{port}"
    try:
        path = _encode(parts.path, _PATH_SAFE)
        query = _encode(parts.query, _QUERY_SAFE)
        fragment = _encode(parts.fragment, _QUERY_SAFE)
    except UnicodeEncodeError:  # a lone surrogate: not text any browser could send
        raise InvalidSourceUrl("The URL holds characters that are not valid text.") from None
    return (
        f"{scheme}://{netloc}{path}"
        + (f"?{query}" if query else "")
        + (f"#{fragment}" if fragment else "")
    )


_STOPS = ".,;:!"
_CLOSERS = {")": "(", "]": "[", "”": "“", "’": "‘", "»": "«", '"': '"'}


def sentence_ending(raw: str) -> str:
    """The end `raw` (an address as typed) would have if it was copied with the close of
    the sentence it stood in: a full stop, comma, colon, semicolon or exclamation mark, or
    a closing bracket or quote with no opener in the address, as many as stand at its end
    ("" when it ends as an address does). An address can end so (`…/Washington,_D.C.`):
    this says what to ask about, never what to refuse."""
    text = raw.strip()
    end = len(text)
    while end > 0 and (text[end - 1] in _STOPS or _unopened(text[: end - 1], text[end - 1])):
        end -= 1
    return text[end:] if "://" in text[:end] else ""


def _unopened(before: str, ch: str) -> bool:
    """Whether `ch` is a closing bracket or quote that nothing in `before` opened."""
    opener = _CLOSERS.get(ch)
    if opener is None:
        return False
    if opener == ch:  # a straight quote closes the one open before it
        return before.count(ch) % 2 == 0
    return before.count(opener) <= before.count(ch)


def validate_source_url(raw: str) -> str:
    """Return the URL in the one form (`normalize_url`), or raise InvalidSourceUrl."""
    return normalize_url(raw)


def safe_link(raw: str) -> str | None:
    """The normalised URL, or None where the rule refuses it (then it is shown, not linked)."""
    try:
        return normalize_url(raw)
    except InvalidSourceUrl:
        return None


def shown_host(url: str) -> str | None:
    """The site of a stored address as its name is written: each "xn--" label in its own
    script (xn--strae-oqa.de is straße.de), when the desk stores that name as this very
    label; any other label as stored. None for an address the URL rule refuses. (Python's
    IDNA 2003 decoding refuses xn--strae-oqa: it writes straße back as strasse.)"""
    link = safe_link(url)
    if link is None:
        return None
    parts = urlsplit(link)
    host = parts.hostname or ""
    if parts.netloc.startswith("["):
        return f"[{host}]"
    return ".".join(_shown_label(label) for label in host.split("."))


def _shown_label(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        name = label[4:].encode("ascii").decode("punycode")
        stored = _ascii_host(name, False, name)
    except (UnicodeError, InvalidSourceUrl):  # not Punycode, or a name the desk refuses
        return label
    return name if stored == label and not _looks_like_another(name) else label


# What a Chinese, Japanese or Korean name mixes with Latin (UTS #39's "highly
# restrictive" profile, which browsers apply): Han and kana (`letter_script`'s "CJK"),
# the kana's long vowel mark, Hangul, Bopomofo.
_EAST_ASIAN = frozenset(("LATIN", "CJK", "KATAKANA-HIRAGANA", "HANGUL", "BOPOMOFO"))
# Cyrillic letters that look like Latin ones (the set Chromium keeps for this rule).
_CYRILLIC_LATIN_ALIKE = frozenset("асԁеһіјӏорԗԛѕԝхуъьҽпгѵѡ")


def _looks_like_another(name: str) -> bool:
    """Whether a label, decoded, may read as another site's, so browsers show it in its
    xn-- form: letters of more than one script (a Cyrillic а in "аpple"; Latin with Han,
    kana or Hangul is a name's usual mix), or all Cyrillic letters that look Latin
    ("аррӏе"). Shown decoded, "Site: apple.com" stood under https://xn--80ak6aa92e.com/."""
    letters = [ch for ch in name if unicodedata.category(ch).startswith("L")]
    scripts = {letter_script(ch) for ch in letters}
    if len(scripts) > 1 and not scripts <= _EAST_ASIAN:
        return True
    return scripts == {"CYRILLIC"} and all(ch in _CYRILLIC_LATIN_ALIKE for ch in letters)


def _pattern_fields(pattern: str) -> list[tuple[str, str | None]]:
    """The pattern as (literal text, placeholder name or None); refuses anything but plain
    known placeholders: no format spec, conversion, attribute or index."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as error:
        raise EditRefused(f"The fact-check URL pattern has unbalanced braces ({error}).") from None
    known = ", ".join("{" + name + "}" for name in URL_PLACEHOLDERS)
    pieces: list[tuple[str, str | None]] = []
    for literal, name, spec, conversion in parsed:
        if name is not None and (spec or conversion):
            written = "{" + name + (f"!{conversion}" if conversion else "")
            written += (f":{spec}" if spec else "") + "}"
            shown = written if len(written) <= 40 else written[:40] + "…"
            raise EditRefused(
                f"The fact-check URL pattern may only hold plain placeholders ({known}); "
                f"“{shown}” adds a format to one."
            )
        if name is not None and name not in URL_PLACEHOLDERS:
            shown = name if len(name) <= 40 else name[:40] + "…"
            raise EditRefused(
                f"Unknown placeholder {{{shown}}} in the fact-check URL pattern (known: {known})."
            )
        pieces.append((literal, name))
    return pieces


def fill_url_pattern(pattern: str, values: Mapping[str, object]) -> str:
    """One published address from the pattern, normalised: EditRefused for a pattern that is
    not plain placeholders, InvalidSourceUrl for an address that breaks the URL rule."""
    if len(pattern) > MAX_URL_CHARS:
        raise EditRefused(
            f"The fact-check URL pattern can be at most {MAX_URL_CHARS:,} characters long."
        )
    text = "".join(
        literal + (str(values[name]) if name is not None else "")
        for literal, name in _pattern_fields(pattern)
    )
    return normalize_url(text)


def check_url_pattern(pattern: str) -> str:
    """The pattern (stripped) when every address made from it is a valid http(s) URL."""
    pattern = pattern.strip()
    if pattern:
        fill_url_pattern(pattern, dict.fromkeys(URL_PLACEHOLDERS, 1))
    return pattern
