#!/usr/bin/env python3
"""Open the desk's exports in the readers newsrooms use, and render what they show.

Builds a workspace holding the sample article with its worked review, a hostile article
(markup, formula starts, control characters, emoji, a 100,500-character explanation,
mixed Arabic and English) and an Arabic article, exports every format from the command
line, then:

- Word: LibreOffice converts it to PDF; its pages become PNGs (pdftoppm); every sentence
  must be in the converted text.
- CSV and summary-csv: LibreOffice Calc reads them (UTF-8, comma) into .xlsx; every cell
  must hold what Python's csv module reads, as text, with no formula.
- HTML and summary-html: headless Chromium takes a screenshot and prints to PDF; every
  sentence must be in the printed text.
- PDF: every sentence, claimant and explanation extracted by pdftotext; every font
  embedded (pdffonts); pages as PNGs.
- ClaimReview: each object's fields as docs/exports.md lists them.
- JSON: imported into a fresh workspace with `import-review` and exported again: equal.

Look at the PNGs: the checks cannot tell a wrapped bar or a misplaced label.

Run: `.venv/bin/python bench/bench_real_readers.py [--out DIR]` (needs Debian's
`libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils chromium`).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the sample review is test data

from factcheck_app import config  # noqa: E402
from factcheck_app.domain.models import ArticleMetadata, Stance, Tag  # noqa: E402
from factcheck_app.services.desk import Desk, NewSource  # noqa: E402
from tests.sample_review import apply_sample_review  # noqa: E402

FORMATS = {
    "html": "html",
    "pdf": "pdf",
    "docx": "docx",
    "md": "md",
    "csv": "csv",
    "json": "json",
    "claimreview": "jsonld",
}
HOSTILE = (
    '<script>alert(1)</script> The minister said taxes rose by 5%, "sharply", on 3 May.\n\n'
    '=HYPERLINK("http://evil.example","click") Officials, however, denied it; the figure '
    "is 2,5 %. Emoji 📰🚀🇦🇿 and café naïve. <img src=x onerror=alert(1)> The report was "
    "\u202eRTL override\u202c here.\n\nMixed text: the Minister قال إن الضرائب ارتفعت by 5 per "
    "cent. " + "Long sentence word " * 50 + "end."
)
ARABIC = (
    "قالت وزارة الصحة إن عدد الإصابات ارتفع إلى 1,234 حالة يوم الاثنين. "
    "وأضاف المتحدث أن المستشفيات تعمل بكامل طاقتها.\n\n"
    "ونفى الوزير ما تداولته وسائل التواصل الاجتماعي عن إغلاق المدارس. "
    "وذكر التقرير أن منظمة WHO أكدت الأرقام في 2021."
)
CHROMIUM = [
    "chromium", "--headless", "--no-sandbox", "--disable-gpu",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--hide-scrollbars",
]  # fmt: skip
XLSX = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
problems: list[str] = []


def problem(text: str) -> None:
    problems.append(text)
    print(f"  PROBLEM {text}")


def review(desk: Desk, sentence: int, claimant: str, explanation: str, verdict: str) -> None:
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    if claimant:
        desk.reviews.set_text_field(sentence, "claimant", claimant)
    if explanation:
        desk.reviews.set_text_field(sentence, "explanation", explanation)
    desk.reviews.set_verdict(sentence, verdict)


def build(path: Path) -> list[int]:
    """The three articles, reviewed through the ordinary services."""
    desk = Desk.open(path)
    sample = desk.importer.import_file(next(config.seed_dir().glob("*.txt"))).article_id
    apply_sample_review(desk, sample)
    hostile = desk.importer.import_text(HOSTILE, source_name="hostile.txt").article_id
    desk.articles.update_article_metadata(
        hostile,
        ArticleMetadata(
            title='<b>Hostile</b> "title", with, commas; and =1+1 📰',
            outlet="Outlet <i>x</i>",
            author="=cmd|' /C calc'!A0",
            url="https://example.org/a(b)?q=1&r=<2>",
            published=dt.date(2021, 1, 2),
        ),
    )
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(hostile)]
    review(
        desk,
        ids[0],
        "<script>alert('x')</script>",
        'Line one, with comma\nLine two "quoted"\n=2+5\n- item\n@SUM(A1)\t+tab\r\nend',
        "false",
    )
    review(
        desk,
        ids[1],
        "Ministry of =Finance",
        "Control chars:\x01\x02\x0b\x0c\x7f done. Emoji 👍🏽 and 1️⃣ and 🇦🇿.",
        "false",
    )
    review(
        desk,
        ids[2],
        "وزارة الخارجية",
        "هذا الادعاء خاطئ لأن الأرقام الرسمية تظهر عكس ذلك. The figure (5%) comes from the "
        "ministry.",
        "false",
    )
    review(
        desk, ids[3], "Person", ("A very long explanation with words. " * 3000)[:100_500], "false"
    )
    desk.sources.link_source(
        ids[0],
        NewSource(
            'https://example.org/x?a=1&b="2"',
            'Budget | Ministry, "Finance" <script>',
            "=Pub",
            dt.date(2021, 1, 3),
            Stance.REFUTES,
            'excerpt, with "quotes"\nand newline',
        ),
    )
    arabic = desk.importer.import_text(ARABIC, source_name="arabic.txt").article_id
    desk.articles.update_article_metadata(
        arabic,
        ArticleMetadata(
            title="وزارة الصحة: ارتفاع عدد الإصابات",
            outlet="الجزيرة مثال",
            author="مراسل",
            url="https://example.org/ar/صحة",
            published=dt.date(2021, 2, 3),
        ),
    )
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(arabic)]
    review(desk, ids[0], "وزارة الصحة", "الأرقام الرسمية تؤكد 1,200 حالة تقريبًا.", "mostly_true")
    review(desk, ids[1], "المتحدث", "Confirmed by the WHO (World Health Organization).", "true")
    review(desk, ids[2], "الوزير", "المدارس مغلقة فعلاً منذ 3 مارس.", "false")
    review(desk, ids[3], "", "", "unverifiable")
    desk.sources.link_source(
        ids[0],
        NewSource(
            "https://example.org/moh",
            "بيان وزارة الصحة",
            "وزارة الصحة",
            dt.date(2021, 2, 4),
            Stance.SUPPORTS,
            "1,234 حالة",
        ),
    )
    desk.close()
    return [sample, hostile, arabic]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "factcheck_app", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def squashed(text: str) -> str:
    """For finding a sentence in extracted text: NFKC (ligatures, Arabic presentation forms),
    no white space, no bidi or control characters."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x1f\x7f]+", "", text)


def sentences_in(text: str, exported: dict, what: str) -> None:
    """Every sentence in the extracted text; an Arabic one word by word (extractors write a
    number inside Arabic, and a line wrapped in it, in the order drawn)."""
    found = squashed(text)

    # Lam and alef left out: extractors write the lam-alef ligature in either order.
    def arabic_words(text: str) -> set[str]:
        text = re.sub("[\u0644\u0622\u0623\u0625\u0627]", "", unicodedata.normalize("NFKC", text))
        return set(re.findall(r"[\u0600-\u06ff]+", text))

    words = arabic_words(text)
    for sentence in exported["sentences"]:
        wanted = sentence["text"][:200]
        if not wanted.strip() or re.search(r"[\U0001F000-\U0001FFFF]", wanted):
            continue  # emoji are named in the PDF
        if re.search(r"[\u0600-\u06ff]", wanted):
            missing = sorted(arabic_words(wanted) - words)
            if not missing:
                continue
        elif squashed(wanted) in found:
            continue
        problem(f"{what}: #{sentence['number']} not found: {wanted[:60]!r}")


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def pngs(pdf: Path, stem: Path, pages: int = 3) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", str(pages), str(pdf), str(stem)],
        check=True,
    )


def xlsx_rows(path: Path) -> tuple[list[list[str]], list[str]]:
    """The cells LibreOffice wrote (as text) and the references of any formula cells."""
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).iter(f"{XLSX}si"):
                shared.append("".join(t.text or "" for t in si.iter(f"{XLSX}t")))
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows, formulas = [], []
    for row in sheet.iter(f"{XLSX}row"):
        cells: dict[int, str] = {}
        for cell in row.iter(f"{XLSX}c"):
            ref = cell.get("r", "")
            column = 0
            for letter in re.match(r"[A-Z]+", ref).group(0):  # type: ignore[union-attr]
                column = column * 26 + ord(letter) - 64
            if cell.find(f"{XLSX}f") is not None:
                formulas.append(ref)
            value = cell.find(f"{XLSX}v")
            text = "" if value is None else value.text or ""
            cells[column - 1] = shared[int(text)] if cell.get("t") == "s" else text
        rows.append([cells.get(i, "") for i in range(max(cells, default=-1) + 1)])
    return rows, formulas


def check_csv(csv_path: Path, work: Path, profile: str) -> None:
    calc = work / "calc"
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            profile,
            "--infilter=CSV:44,34,76,1,,0,false,true,false,false,false",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(calc),
            str(csv_path),
        ],
        capture_output=True,
        check=True,
    )
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        expected = list(csv.reader(handle))
    got, formulas = xlsx_rows(calc / (csv_path.stem + ".xlsx"))
    if formulas:
        problem(f"{csv_path.name}: Calc made formulas of {formulas}")
    if len(got) != len(expected):
        problem(f"{csv_path.name}: {len(expected)} rows written, Calc read {len(got)}")
    for number, (want, have) in enumerate(zip(expected, got, strict=False)):
        if len(have) > len(want):
            problem(f"{csv_path.name} row {number}: {len(have)} cells, {len(want)} columns")
        for column, (a, b) in enumerate(zip(want, have + [""] * len(want), strict=False)):
            a = a.replace("\r\n", "\n")
            # Calc types dates, numbers and TRUE/FALSE; it keeps 32,767 characters of a cell.
            typed = re.fullmatch(r"\d{4}-\d\d-\d\d|-?[\d.]+|(?i:true|false)", a) is not None
            if a != b and not typed and not (len(a) > 32_767 and a.startswith(b)):
                name = expected[0][column]
                problem(f"{csv_path.name} row {number} {name}: {a[:40]!r} read as {b[:40]!r}")


def check_claimreview(path: Path) -> None:
    for item in json.loads(path.read_text(encoding="utf-8")):
        where = f"{path.name} {item.get('url', '?')[-30:]}"
        for key in (
            "@context",
            "@type",
            "url",
            "claimReviewed",
            "datePublished",
            "author",
            "reviewRating",
            "itemReviewed",
        ):
            if not item.get(key):
                problem(f"{where}: no {key}")
        rating, claim = item.get("reviewRating", {}), item.get("itemReviewed", {})
        if not rating.get("alternateName"):
            problem(f"{where}: no reviewRating.alternateName")
        if "ratingValue" in rating and not 1 <= rating["ratingValue"] <= 5:
            problem(f"{where}: ratingValue {rating['ratingValue']}")
        if claim.get("@type") != "Claim" or not claim.get("appearance", {}).get("url"):
            problem(f"{where}: itemReviewed is not a Claim with its appearance")
        if not re.fullmatch(r"https?://\S+", item.get("url", "")):
            problem(f"{where}: url {item.get('url')!r}")


READERS = ("libreoffice", "chromium", "pdftoppm", "pdftotext", "pdffonts")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "real-readers")
    args = parser.parse_args(argv)
    # Said at once, not as a traceback after the exports (half a minute on 2 cores).
    missing = [name for name in READERS if shutil.which(name) is None]
    if missing:
        print(
            f"bench_real_readers: {', '.join(missing)} not installed (Debian: "
            "libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils chromium)",
            file=sys.stderr,
        )
        return 2
    out: Path = args.out
    shutil.rmtree(out, ignore_errors=True)
    work = out / "files"
    work.mkdir(parents=True)
    profile = f"-env:UserInstallation={(work / 'lo-profile').as_uri()}"
    os.environ.setdefault("FACTCHECK_REVIEWER", "R. Aliyev")
    workspace = work / "readers.fcdesk"
    articles = build(workspace)
    for article in articles:
        for key, suffix in FORMATS.items():
            done = cli(
                "export",
                "-w",
                str(workspace),
                "--article",
                str(article),
                "--format",
                key,
                "-o",
                str(work / f"a{article}.{suffix}"),
            )
            if done.returncode:
                problem(f"export {key} of article {article}: {done.stderr.strip()}")
    for key in ("summary-html", "summary-csv"):
        suffix = key.split("-")[1]
        cli("export", "-w", str(workspace), "--format", key, "-o", str(work / f"summary.{suffix}"))
    for article in articles:
        print(f"article {article}")
        exported = json.loads((work / f"a{article}.json").read_text(encoding="utf-8"))
        subprocess.run(
            [
                "libreoffice",
                "--headless",
                profile,
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "word"),
                str(work / f"a{article}.docx"),
            ],
            capture_output=True,
            check=True,
        )
        sentences_in(pdftotext(work / "word" / f"a{article}.pdf"), exported, "docx in LibreOffice")
        pngs(work / "word" / f"a{article}.pdf", out / f"docx-a{article}")
        pngs(work / f"a{article}.pdf", out / f"pdf-a{article}")
        sentences_in(pdftotext(work / f"a{article}.pdf"), exported, "pdf")
        fonts = subprocess.run(
            ["pdffonts", str(work / f"a{article}.pdf")], capture_output=True, text=True
        ).stdout.splitlines()[2:]
        if not fonts or any(line.split()[-5] != "yes" for line in fonts):
            problem(f"a{article}.pdf: a font is not embedded:\n{chr(10).join(fonts)}")
        page = (work / f"a{article}.html").as_uri()
        subprocess.run(
            [
                *CHROMIUM,
                f"--user-data-dir={work / 'chromium'}",
                f"--screenshot={out / f'html-a{article}.png'}",
                "--window-size=1000,2400",
                page,
            ],
            capture_output=True,
            check=True,
        )
        printed = work / f"a{article}.chromium.pdf"
        subprocess.run(
            [
                *CHROMIUM,
                f"--user-data-dir={work / 'chromium'}",
                f"--print-to-pdf={printed}",
                "--no-pdf-header-footer",
                page,
            ],
            capture_output=True,
            check=True,
        )
        sentences_in(pdftotext(printed), exported, "html printed by Chromium")
        check_csv(work / f"a{article}.csv", work, profile)
        check_claimreview(work / f"a{article}.jsonld")
        other = work / f"reimport-{article}.fcdesk"
        done = cli("import-review", "-w", str(other), str(work / f"a{article}.json"))
        again = work / f"again-{article}.json"
        cli("export", "-w", str(other), "--article", "1", "--format", "json", "-o", str(again))
        if done.returncode or not again.exists():
            problem(f"import-review of article {article}: {done.stderr.strip()}")
            continue
        second = json.loads(again.read_text(encoding="utf-8"))
        for data in (exported, second):  # row ids and the export's own time differ
            data.pop("exported_at", None)
            data["article"].pop("id", None)
            data["article"].pop("imported_at", None)
            for sentence in data["sentences"]:
                sentence.pop("id", None)
                sentence.pop("denies_sentence_id", None)
        if exported != second:
            problem(f"article {article}: the JSON read back differs from the one exported")
    print("summary")
    check_csv(work / "summary.csv", work, profile)
    subprocess.run(
        [
            *CHROMIUM,
            f"--user-data-dir={work / 'chromium'}",
            f"--screenshot={out / 'html-summary.png'}",
            "--window-size=1000,2400",
            (work / "summary.html").as_uri(),
        ],
        capture_output=True,
        check=True,
    )
    print(f"{len(problems)} problem(s); pictures to look at in {out}:")
    print("  " + " ".join(sorted(p.name for p in out.glob("*.png"))))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
