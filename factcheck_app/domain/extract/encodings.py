"""Which text encoding a web page is in, decided as a browser decides it."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from factcheck_app.domain.errors import ArticleImportError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

# The text encodings a page may declare, by WHATWG label (https://encoding.spec.whatwg.org),
# as Python codecs. A fixed list: Python also knows codecs that are no text encodings
# ("punycode", "undefined", "rot13", "zlib"...), and a page must never choose one of those.
# Browsers read pages labelled Latin-1 or ASCII as Windows-1252, and pages labelled
# UTF-16 as UTF-8 (an HTML page whose meta can be read as ASCII is not UTF-16).
_WHATWG_ENCODINGS: dict[str, tuple[str, ...]] = {
    "utf-8": ("utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8",
              "x-unicode20utf8", "utf-16", "utf-16le", "utf-16be", "unicode", "unicodefeff",
              "unicodefffe", "csunicode", "iso-10646-ucs-2", "ucs-2"),
    "cp1252": ("windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1",
               "iso88591", "latin1", "l1", "ascii", "us-ascii", "iso-ir-100", "cp819",
               "ibm819", "csisolatin1", "ansi_x3.4-1968", "x-user-defined"),
    "cp866": ("ibm866", "866", "cp866", "csibm866"),
    "iso8859-2": ("iso-8859-2", "iso8859-2", "iso_8859-2", "latin2", "l2", "csisolatin2"),
    "iso8859-3": ("iso-8859-3", "iso8859-3", "iso_8859-3", "latin3", "l3", "csisolatin3"),
    "iso8859-4": ("iso-8859-4", "iso8859-4", "iso_8859-4", "latin4", "l4", "csisolatin4"),
    "iso8859-5": ("iso-8859-5", "iso8859-5", "iso_8859-5", "cyrillic", "csisolatincyrillic"),
    "iso8859-6": ("iso-8859-6", "iso8859-6", "iso_8859-6", "arabic", "csisolatinarabic"),
    "iso8859-7": ("iso-8859-7", "iso8859-7", "iso_8859-7", "greek", "greek8",
                  "csisolatingreek"),
    "iso8859-8": ("iso-8859-8", "iso8859-8", "iso_8859-8", "hebrew", "csisolatinhebrew",
                  "iso-8859-8-i", "logical", "visual"),
    "iso8859-10": ("iso-8859-10", "iso8859-10", "latin6", "l6", "csisolatin6"),
    "iso8859-13": ("iso-8859-13", "iso8859-13"),
    "iso8859-14": ("iso-8859-14", "iso8859-14"),
    "iso8859-15": ("iso-8859-15", "iso8859-15", "iso_8859-15", "latin9", "l9"),
    "iso8859-16": ("iso-8859-16", "iso8859-16"),
    "koi8-r": ("koi8-r", "koi8_r", "koi8", "koi", "cskoi8r"),
    "koi8-u": ("koi8-u", "koi8-ru"),
    "mac-roman": ("macintosh", "mac", "x-mac-roman", "csmacintosh"),
    "mac-cyrillic": ("x-mac-cyrillic", "x-mac-ukrainian"),
    "cp874": ("windows-874", "tis-620", "iso-8859-11", "iso8859-11", "dos-874"),
    "cp1250": ("windows-1250", "cp1250", "x-cp1250"),
    "cp1251": ("windows-1251", "cp1251", "x-cp1251"),
    "cp1253": ("windows-1253", "cp1253", "x-cp1253"),
    "cp1254": ("windows-1254", "cp1254", "x-cp1254", "iso-8859-9", "iso8859-9", "latin5",
               "l5", "csisolatin5"),
    "cp1255": ("windows-1255", "cp1255", "x-cp1255"),
    "cp1256": ("windows-1256", "cp1256", "x-cp1256"),
    "cp1257": ("windows-1257", "cp1257", "x-cp1257"),
    "cp1258": ("windows-1258", "cp1258", "x-cp1258"),
    "gbk": ("gbk", "gb2312", "chinese", "csgb2312", "x-gbk", "gb_2312-80", "iso-ir-58"),
    "gb18030": ("gb18030",),
    "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    "euc-jp": ("euc-jp", "cseucpkdfmtjapanese", "x-euc-jp"),
    "iso2022-jp": ("iso-2022-jp", "csiso2022jp"),
    "cp932": ("shift_jis", "shift-jis", "sjis", "ms_kanji", "ms932", "windows-31j",
              "x-sjis", "csshiftjis"),
    "cp949": ("euc-kr", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601",
              "windows-949", "korean", "cskoreanmacintosh"),
}  # fmt: skip
TEXT_ENCODINGS = {label: codec for codec, labels in _WHATWG_ENCODINGS.items() for label in labels}


def declared_encoding(data: bytes) -> str | None:
    """The Python codec for the page's `<meta charset>`, if it names a known text encoding."""
    declared = _META_CHARSET.search(data[:8192])
    if not declared:
        return None
    label = declared.group(1).decode("ascii", "replace").strip().lower()
    return TEXT_ENCODINGS.get(label)


# Files whose first bytes say what they are: what a "binary file" refusal can name.
# (prefix, what the file is); a zip is told apart below (a Word document or not).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "The file is a picture (PNG), not an article."),
    (b"\xff\xd8\xff", "The file is a picture (JPEG), not an article."),
    (b"GIF87a", "The file is a picture (GIF), not an article."),
    (b"GIF89a", "The file is a picture (GIF), not an article."),
    (
        b"%PDF-",
        "The file is a PDF: give it a name ending in .pdf and import it again.",
    ),
    (
        b"SQLite format 3\x00",
        "The file is a workspace (a database), not an article: File → Open Workspace… "
        "opens it, and File → Merge Workspace… brings its work into this one "
        "(`factcheck-app merge` on the command line).",
    ),
)
_ZIP = b"PK\x03\x04"


def what_binary_file_is(data: bytes) -> str | None:
    """A sentence naming what kind of file `data` is (a picture, a PDF, a Word document, a
    workspace), told by its first bytes; None when they name nothing the desk knows."""
    for magic, words in _MAGIC:
        if data.startswith(magic):
            return words
    if data.startswith(_ZIP):
        if b"word/document.xml" in data:
            return (
                "The file is a Word document: give it a name ending in .docx and import it again."
            )
        return "The file is a zip archive, not an article: unpack it and import what is in it."
    return None


@dataclass(frozen=True, slots=True)
class Undeclared:
    """Text read from bytes that do not say their encoding, and how it was read."""

    text: str
    codec: str  # "utf-8" or "cp1252"
    stray: int = 0  # bytes that are not UTF-8 in a UTF-8 text, each shown as U+FFFD


def decode_undeclared(data: bytes) -> Undeclared | None:
    """Bytes with no BOM and no declared charset, read as browsers read them: UTF-8, else
    Windows-1252 (which is also what Latin-1 files are read as), one decoding for the
    whole file; None when they are neither (a byte Windows-1252 leaves undefined).

    One exception to "the whole file": UTF-8 text with a few stray bytes (an accent pasted
    from a Windows-1252 file) is read as UTF-8, each stray byte as U+FFFD, when its valid
    multi-byte UTF-8 sequences outnumber its stray bytes. Read as Windows-1252, every one
    of its correct accented letters would come out wrong ("CafÃ©"); a Windows-1252 text
    almost never holds such a sequence (an accented capital followed by a symbol).
    """
    try:
        return Undeclared(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # Counted by what decoding leaves out: C speed (a regular expression over the text
    # took 0.15 s for 4 MB, holding the interpreter lock the window's saves wait for).
    valid = data.decode("utf-8", "ignore")
    stray = len(data) - len(valid.encode("utf-8"))
    multibyte = len(valid) - len(valid.encode("ascii", "ignore"))
    if multibyte > stray:
        return Undeclared(data.decode("utf-8", "replace"), "utf-8", stray)
    try:
        # Python's cp1252 refuses the five bytes Windows-1252 leaves undefined (0x81,
        # 0x8D, 0x8F, 0x90, 0x9D); browsers show them as invisible control characters.
        return Undeclared(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return None


def decode_html(data: bytes) -> str:
    """Decode like a browser: BOM, then `<meta charset>`, then UTF-8, then Windows-1252
    (`decode_undeclared`, the rule plain text files share), or Windows-1250 or
    ISO-8859-2 when that reads far better (`importing.central_european_page`, the
    plain text files' rule too).

    An unknown or unusable label counts as no label.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, "replace")
    if b"\x00" in data[:4096]:
        raise ArticleImportError(
            what_binary_file_is(data) or "The file contains NUL bytes: it is not a web page."
        )
    declared = declared_encoding(data)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    undeclared = decode_undeclared(data)
    if undeclared is None or undeclared.codec == "cp1252":
        # Imported here: `importing` imports this module. Czech or Polish pages saved
        # without their charset read as plain text files do (Windows-1250, ISO-8859-2).
        from factcheck_app.domain.importing import central_european_page

        central = central_european_page(data, undeclared.text if undeclared else None)
        if central is not None:
            return central
    if undeclared is not None:
        return undeclared.text
    return data.decode("utf-8", "replace")
