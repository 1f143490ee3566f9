"""The text of a Word (.docx) file: body paragraphs in order, with its core properties.

Footnotes, endnotes, comments, headers and footers live in other parts of the package
and are never read. Tracked insertions count as text, tracked deletions do not (what
Word shows with "No Markup"). Text boxes are left out: they float beside the article.
The zip directory is checked before anything is decompressed, so a zip bomb is refused
from its directory alone.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.extract._common import ExtractedArticle, clean_line, join_paragraphs
from factcheck_app.domain.models import ArticleMetadata

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100  # Word's XML compresses 5-20x; 100x means a bomb
RATIO_FLOOR = 1024 * 1024  # small parts may compress well; only big ones are checked
MAX_MEMBERS = 5_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Parts of a paragraph whose text is not the paragraph's own text.
_SKIPPED = frozenset(
    {_W + "del", _W + "txbxContent", _MC_FALLBACK, _W + "footnoteReference",
     _W + "endnoteReference", _W + "commentReference", _W + "instrText", _W + "delText"}
)  # fmt: skip
_TITLE_STYLES = ("title", "heading 1")


def check_zip(data: bytes) -> None:
    """Refuse what is not a zip, or a zip that would inflate beyond reason, from its directory."""
    if data.startswith(_OLE_MAGIC):
        raise ArticleImportError(
            "This is an old Word .doc file or a password-protected document. Open it in "
            "Word, remove the password if any, and save it as .docx."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ArticleImportError("The file is not a Word .docx document (not a zip).") from None
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


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
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
    check_zip(data)
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
        styles = {style.style_id: style.name or "" for style in document.styles}
        blocks = _blocks(document.element.body, styles)
        properties = document.core_properties
        core_title, author, created = properties.title, properties.author, properties.created
    except ArticleImportError:
        raise
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors...
        raise ArticleImportError(
            f"The Word document cannot be read ({type(error).__name__}); it may be damaged."
        ) from None
    blocks = [(style, text) for style, text in blocks if text.strip()]
    title = clean_line(core_title or "")
    # A Title- or Heading 1-styled first paragraph is the headline, not article text.
    if blocks and blocks[0][0] in _TITLE_STYLES:
        headline = clean_line(blocks.pop(0)[1])
        title = title or headline
    text = join_paragraphs([text for _, text in blocks], keep_tabs=True)
    if not text:
        raise ArticleImportError("The Word document has no text.")
    metadata = ArticleMetadata(
        title=title,
        author=clean_line(author or ""),
        published=created.date() if created is not None else None,
    )
    return ExtractedArticle(text=text, metadata=metadata)
