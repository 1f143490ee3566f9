"""The text of a Word (.docx) file: body paragraphs in order, with its core properties.

Footnotes, endnotes, comments, headers and footers live in other parts of the package
and are never read. Tracked insertions count as text, tracked deletions do not (what
Word shows with "No Markup"). Text boxes are left out: they float beside the article.

A .docx is a zip file, and a zip can lie. Its directory is checked before anything is
decompressed (a bomb that admits its size is refused from the directory alone); then
only the parts needed here are read (the document, its styles, the core properties),
each as a stream in small slices with a cap on the bytes that really come out, so a
directory that understates a part's size costs a few kilobytes, not gigabytes. Only the
two compression methods Word writes are accepted. The XML is parsed without loading
DTDs, external files or the network, and entity references are not expanded (no
"billion laughs"): one Word never writes is kept in the text as written.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from typing import Any

from lxml import etree

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.extract._common import (
    ExtractedArticle,
    clean_line,
    join_paragraphs,
    parse_iso_date,
)
from factcheck_app.domain.extract.encodings import what_binary_file_is
from factcheck_app.domain.models import ArticleMetadata
from factcheck_app.domain.own_reports import OwnReport, is_prepared_with

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_PART_BYTES = 64 * 1024 * 1024  # really decompressed, per part read (a book is ~10 MB)
MAX_RATIO = 100  # Word's XML compresses 5-20x; 100x means a bomb
RATIO_FLOOR = 1024 * 1024  # small parts may compress well; only big ones are checked
MAX_MEMBERS = 5_000
# The list of parts itself: zipfile reads all of it into an object per part before a
# part can be counted. Word's 5,000 parts would take some 750 KB.
MAX_DIRECTORY_BYTES = 4 * 1024 * 1024
_SLICE = 64 * 1024  # decompressed bytes per read: zipfile inflates no more than asked

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"
_OFFICE_DOCUMENT = "/officeDocument"
_CORE_PROPERTIES = "/core-properties"
_STYLES = "/styles"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Parts of a paragraph whose text is not the paragraph's own text.
_SKIPPED = frozenset(
    {_W + "del", _W + "txbxContent", _MC_FALLBACK, _W + "footnoteReference",
     _W + "endnoteReference", _W + "commentReference", _W + "instrText", _W + "delText"}
)  # fmt: skip
# Style names as Word writes them in styles.xml; the ids serve when there is no styles part.
_TITLE_STYLES = ("title", "heading 1", "heading1")


def check_zip(data: bytes) -> zipfile.ZipFile:
    """The zip, unless it is none or would inflate beyond reason by its own directory."""
    if data.startswith(_OLE_MAGIC):
        raise ArticleImportError(
            "This is an old Word .doc file or a password-protected document. Open it in "
            "Word, remove the password if any, and save it as .docx."
        )
    _check_directory_size(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        # A PDF or a picture saved under .docx is named as what it is; a zip that does
        # not open is a damaged one (a truncated .docx still names word/document.xml).
        named = None if data.startswith(b"PK") else what_binary_file_is(data)
        raise ArticleImportError(
            named or "The file is not a Word .docx document (not a zip)."
        ) from None
    except NotImplementedError:  # a part "needs zip version 25.5": none Word writes
        raise ArticleImportError(
            "The .docx is a zip of a kind Word does not write; refused as damaged."
        ) from None
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ArticleImportError(f"The .docx holds {len(members):,} parts; refused as damaged.")
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED:
        raise ArticleImportError(
            f"The .docx would unpack to {total / 1e6:,.0f} MB (limit "
            f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB); refused as a possible zip bomb."
        )
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(
            1, member.compress_size
        ):
            raise ArticleImportError(
                f"The .docx part {member.filename} is compressed more than {MAX_RATIO}:1; "
                "refused as a possible zip bomb."
            )
    if "word/document.xml" not in archive.namelist():
        raise ArticleImportError("The zip file is not a Word document (no word/document.xml).")
    return archive


def _check_directory_size(data: bytes) -> None:
    """Refuse a zip whose end record lists more parts, or a longer list of them, than a
    Word document has, before zipfile reads that list (found where zipfile looks: the last
    end record in the file's last 64 KB, and the zip64 one just before it)."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or len(data) < at + 22:
        return  # no end record: zipfile refuses it
    parts, size = struct.unpack_from("<HI", data, at + 10)
    record64 = at - 20 - 56
    if record64 >= 0 and data[record64 : record64 + 4] == b"PK\x06\x06":
        parts, size = struct.unpack_from("<QQ", data, record64 + 32)
    if parts > MAX_MEMBERS:
        raise ArticleImportError(f"The .docx lists {parts:,} parts; refused as damaged.")
    if size > MAX_DIRECTORY_BYTES:
        raise ArticleImportError(
            f"The .docx's list of parts is {size / 1e6:,.0f} MB; refused as damaged."
        )


def read_part(archive: zipfile.ZipFile, name: str, limit: int = MAX_PART_BYTES) -> bytes:
    """One part, decompressed as a stream: never more than `limit` bytes really come out.

    zipfile stops at the size the directory gives and then checks the CRC, so a part
    that holds more than its directory says is refused as damaged after one slice.
    """
    member = archive.getinfo(name)
    if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        # bzip2 and LZMA inflate a whole block at once, whatever is asked; Word never uses them.
        raise ArticleImportError(
            f"The .docx part {name} uses a compression Word does not write; refused."
        )
    if member.flag_bits & 0x1:
        raise ArticleImportError(
            "The Word document is password-protected. Save an unprotected copy and import that."
        )
    buffer = io.BytesIO()
    size = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_SLICE):
                size += len(chunk)
                if size > min(limit, member.file_size):
                    raise ArticleImportError(
                        f"The .docx part {name} unpacks to more than its stated size or "
                        f"{limit // (1024 * 1024)} MB; refused as a possible zip bomb."
                    )
                buffer.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise ArticleImportError(
            f"The Word document is damaged (its part {name} does not unpack as its directory says)."
        ) from None
    except NotImplementedError:  # its flags say "patched data" or strong encryption
        raise ArticleImportError(
            f"The .docx part {name} is stored in a way Word does not write; refused as damaged."
        ) from None
    return buffer.getvalue()


def _parse_xml(data: bytes, name: str) -> Any:
    # No DTD loading, no network, no entity expansion: nothing outside the part is read.
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        raise ArticleImportError(
            f"The Word document cannot be read (its part {name} is not well-formed XML); "
            "it may be damaged."
        ) from None


def _relationships(archive: zipfile.ZipFile, source: str) -> dict[str, str]:
    """Target part of each relationship type (its last path segment) of `source` ("" = package)."""
    folder, base = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
    if rels_name not in archive.namelist():
        return {}
    targets: dict[str, str] = {}
    for relation in _parse_xml(read_part(archive, rels_name), rels_name).iter(_REL):
        kind, target = relation.get("Type") or "", relation.get("Target") or ""
        if relation.get("TargetMode") == "External" or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        targets.setdefault(kind[kind.rfind("/") :], posixpath.normpath(path))
    return targets


def _part_name(archive: zipfile.ZipFile, found: str | None, usual: str) -> str | None:
    """The part a relationship names if it exists, else the usual one if that exists."""
    names = set(archive.namelist())
    return next((name for name in (found, usual) if name and name in names), None)


def _styles(archive: zipfile.ZipFile, name: str | None) -> dict[str, str]:
    """Style id -> style name (as in styles.xml, e.g. "heading 1")."""
    if name is None:
        return {}
    styles = {}
    for style in _parse_xml(read_part(archive, name), name).iter(_W + "style"):
        label = style.find(_W + "name")
        style_id = style.get(_W + "styleId")
        if style_id and label is not None:
            styles[style_id] = label.get(_W + "val") or ""
    return styles


def _core_properties(archive: zipfile.ZipFile, name: str | None) -> tuple[str, str, str]:
    """Title, author and creation stamp; empty when the document has no core properties.
    OwnReport when its comments are the desk's: a verdict report it exported."""
    if name is None:
        return "", "", ""
    core = _parse_xml(read_part(archive, name), name)

    def text(tag: str) -> str:
        element = core.find(tag)
        return _text_of(element) if element is not None else ""

    if is_prepared_with(text(_DC + "description")):  # Word's "Comments"
        raise OwnReport()
    return text(_DC + "title"), text(_DC + "creator"), text(_DCTERMS + "created")


def _text_of(element: Any) -> str:
    """All the text of an element: what follows an entity reference or a comment included.

    An entity reference Word never writes is kept as written (`&name;`), not expanded.
    """
    pieces = [element.text or ""]
    for node in element:
        if isinstance(node, etree._Entity):
            pieces.append(node.text or "")
        elif not isinstance(node, (etree._Comment, etree._ProcessingInstruction)):
            pieces.append("".join(node.itertext()))
        pieces.append(node.tail or "")
    return "".join(pieces)


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag == _W + "t":
                parts.append(_text_of(child))
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _style_name(paragraph: Any, styles: dict[str, str]) -> str:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    style_id = style.get(_W + "val") if style is not None else ""
    return styles.get(style_id or "", style_id or "").lower()


def _blocks(body: Any, styles: dict[str, str]) -> list[tuple[str, str]]:
    """(style name, text) per paragraph; a table is one block of tab-separated rows."""
    blocks: list[tuple[str, str]] = []
    for child in body:
        if child.tag == _W + "p":
            blocks.append((_style_name(child, styles), _paragraph_text(child)))
        elif child.tag == _W + "tbl":
            rows = []
            for row in child.iter(_W + "tr"):
                cells = [
                    " ".join(clean_line(_paragraph_text(p)) for p in cell.iter(_W + "p"))
                    for cell in row.iter(_W + "tc")
                ]
                rows.append("\t".join(cells))
            blocks.append(("table", "\n".join(rows)))
        elif child.tag == _W + "sdt":  # content controls wrap ordinary paragraphs
            content = child.find(_W + "sdtContent")
            if content is not None:
                blocks.extend(_blocks(content, styles))
    return blocks


def extract_docx(data: bytes) -> ExtractedArticle:
    """Paragraphs of a .docx in order (headings as their own paragraphs) and its properties."""
    archive = check_zip(data)
    package = _relationships(archive, "")
    main = _part_name(archive, package.get(_OFFICE_DOCUMENT), "word/document.xml")
    assert main is not None  # check_zip made sure word/document.xml is there
    # First: the desk's own report is refused before its body is read.
    core_title, author, created = _core_properties(
        archive, _part_name(archive, package.get(_CORE_PROPERTIES), "docProps/core.xml")
    )
    document = _parse_xml(read_part(archive, main), main)
    body = document.find(_W + "body")
    if document.tag != _W + "document" or body is None:
        raise ArticleImportError("The Word document has no body; it may be damaged.")
    styles_name = _part_name(
        archive,
        _relationships(archive, main).get(_STYLES),
        posixpath.join(posixpath.dirname(main), "styles.xml"),
    )
    styles = _styles(archive, styles_name)
    blocks = [(style, text) for style, text in _blocks(body, styles) if text.strip()]
    # Without core properties (or with an empty title) the headline is the title; with
    # neither, the desk takes the first sentence.
    title = clean_line(core_title)
    # A Title- or Heading 1-styled first paragraph is the headline, not article text.
    if blocks and blocks[0][0] in _TITLE_STYLES:
        headline = clean_line(blocks.pop(0)[1])
        title = title or headline
    text = join_paragraphs([text for _, text in blocks], keep_tabs=True)
    if not text:
        raise ArticleImportError("The Word document has no text.")
    metadata = ArticleMetadata(
        title=title, author=clean_line(author), published=parse_iso_date(created)
    )
    return ExtractedArticle(text=text, metadata=metadata)
