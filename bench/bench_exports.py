#!/usr/bin/env python3
"""Benchmark of the report exports against the budgets in docs/performance.md
(10,000 sentences: HTML/CSV/JSON ≤ 1 s, PDF ≤ 5 s).

Builds a 10,000-sentence news-like article in a temporary workspace, reviews a third of
its sentences (tags, verdicts, claimants, explanations, 1–2 sources each, denials linked
to claims), then times each step the export dialog runs:

- `load`: reading the plain-data report from SQLite (the GUI thread's share);
- every format's render + atomic write (the worker's share), PDF through Qt offscreen.

Median of several runs per format. A report, not a test: it exits 0 even when a budget is
missed. Run: `.venv/bin/python bench/bench_exports.py [--sentences N] [--json [PATH]]`.
With `--screenshots DIR` it also writes the sample-article report renderings used in
docs/exports.md (needs `chromium` and `pdftoppm`).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
os.environ.setdefault("FACTCHECK_REVIEWER", "bench")

from bench_output import write_json

from factcheck_app.domain.models import (
    DEFAULT_SCALE,
    Review,
    Source,
    SourceLink,
    Stance,
    Status,
    Tag,
)
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports import formats
from factcheck_app.services.reports.model import ArticleReport, load_article_report
from factcheck_app.services.reports.summary import load_reports

BUDGETS_S = {"html": 1.0, "csv": 1.0, "json": 1.0, "pdf": 5.0}
REVIEWED_SHARE = 3  # one sentence in three is tagged and judged

PLACES = ("Ganja", "Stepanakert", "Baku", "Yerevan", "Ankara", "Tbilisi", "Geneva", "Barda")
WHO = ("the Foreign Ministry", "the Defence Ministry", "local officials", "the Red Cross")
TEMPLATES = (
    "{Who} said {n} civilians had been killed and {m} wounded in {place} on Sunday.",
    "{place} has dismissed the allegations that it opened fire from its territory.",
    "{place}, a city of roughly {k},000 people, saw a string of rocket strikes earlier today.",
    "Damage was reported to {n} residential buildings, two schools and a hospital in {place}.",
    "The ceasefire agreed in {place} has been violated {n} times, according to {who}.",
    "Prices of bread and fuel in {place} rose by {m}% in the past week, {who} said.",
)


def article_text(sentences: int, seed: int = 5) -> str:
    rng = random.Random(seed)
    paragraphs, paragraph = [], []
    for _ in range(sentences):
        who = rng.choice(WHO)
        paragraph.append(
            rng.choice(TEMPLATES).format(
                Who=who[0].upper() + who[1:],
                who=who,
                place=rng.choice(PLACES),
                n=rng.randint(2, 900),
                m=rng.randint(2, 90),
                k=rng.randint(20, 900),
            )
        )
        if len(paragraph) >= rng.randint(3, 6):
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    paragraphs.append(" ".join(paragraph))
    return "date 2020-10-04\n" + "\n\n".join(p for p in paragraphs if p)


def review_bulk(desk: Desk, article_id: int, seed: int = 7) -> int:
    """Review every third sentence in one transaction (the services' one-commit-per-edit
    path would take minutes for 3,300 reviews and is measured elsewhere)."""
    rng = random.Random(seed)
    repo = desk.repo
    rows = desk.reviews.sentence_rows(article_id)
    now = "2020-10-05T10:00:00+00:00"
    ratings = [r.key for r in DEFAULT_SCALE]
    reviewed = 0
    with repo.db.atomic():
        pool = []
        for number in range(200):
            source = Source(
                0,
                f"https://example.org/source/{number}",
                f"Report number {number} on the fighting",
                rng.choice(("Wire service", "Ministry", "Monitoring mission", "Local newspaper")),
            )
            pool.append(
                Source(
                    repo.sources.insert_source(source), source.url, source.title, source.publisher
                )
            )
        last_claim: int | None = None
        for index, row in enumerate(rows):
            if index % REVIEWED_SHARE:
                continue
            tag = (Tag.CLAIM, Tag.FACT, Tag.CLAIM, Tag.DENIAL)[(index // REVIEWED_SHARE) % 4]
            sid = row.sentence.id
            review = Review(
                sid,
                tag=tag,
                verdict=rng.choice(ratings),
                claimant=rng.choice(WHO).capitalize(),
                explanation="Checked against the ministry's statement and two wire reports; "
                "the figures agree within a few per cent.\n\nNo independent count yet.",
                status=Status.DONE,
                denies_sentence_id=last_claim if tag is Tag.DENIAL else None,
                reviewer="bench",
                updated_at=now,
            )
            repo.reviews.save_review(review)
            for source in rng.sample(pool, rng.randint(1, 2)):
                repo.sources.insert_link(
                    SourceLink(0, sid, source, rng.choice(list(Stance)), "the quoted passage")
                )
            if tag is Tag.CLAIM:
                last_claim = sid
            reviewed += 1
    return reviewed


def timed(runs: int, action: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def run(sentences: int, runs: int) -> dict[str, object]:
    from factcheck_app.gui.pdf_report import ensure_application, write_pdf

    ensure_application()
    folder = Path(tempfile.mkdtemp(prefix="bench-exports-"))
    desk = Desk.open(folder / "bench.fcdesk")
    result = desk.importer.import_text(article_text(sentences), source_name="bench.txt")
    reviewed = review_bulk(desk, result.article_id)
    desk.repo.db.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES"
        " ('claimreview.url_pattern', 'https://example.org/checks/{slug}#claim-{number}'),"
        " ('publisher.name', 'Bench Fact Check')"
    )
    report: ArticleReport = load_article_report(desk, result.article_id)
    rows: dict[str, object] = {
        "sentences": result.sentence_count,
        "reviewed_sentences": reviewed,
        "source_links": sum(len(s.sources) for s in report.sentences),
    }
    timings: dict[str, list[float]] = {
        "load": timed(runs, lambda: load_article_report(desk, result.article_id))
    }
    sizes: dict[str, int] = {}
    for key in formats.ARTICLE_FORMATS:
        out = folder / f"report{formats.FORMATS[key].suffix}"
        count = max(1, runs // 2) if key in ("pdf", "docx") else runs
        timings[key] = timed(
            count,
            lambda key=key, out=out: formats.write_report(key, report, out, pdf_writer=write_pdf),
        )
        sizes[key] = out.stat().st_size
    reports = load_reports(desk)
    timings["summary-html"] = timed(runs, lambda: formats.render_workspace("summary-html", reports))
    desk.close()
    rows["seconds"] = {k: round(statistics.median(v), 3) for k, v in timings.items()}
    rows["worst_seconds"] = {k: round(max(v), 3) for k, v in timings.items()}
    rows["bytes"] = sizes
    rows["budgets"] = BUDGETS_S
    rows["machine"] = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    return rows


def print_table(rows: dict[str, object]) -> None:
    seconds: dict[str, float] = rows["seconds"]  # type: ignore[assignment]
    worst: dict[str, float] = rows["worst_seconds"]  # type: ignore[assignment]
    sizes: dict[str, int] = rows["bytes"]  # type: ignore[assignment]
    print(
        f"{rows['sentences']} sentences, {rows['reviewed_sentences']} reviewed, "
        f"{rows['source_links']} source links — {rows['machine']}"
    )
    print(f"{'step':<14}{'median s':>10}{'worst s':>10}{'size':>12}  budget")
    for key, value in seconds.items():
        budget = BUDGETS_S.get(key)
        verdict = "" if budget is None else ("ok" if value <= budget else "OVER") + f" ≤ {budget} s"
        size = f"{sizes[key] / 1e6:.1f} MB" if key in sizes else ""
        print(f"{key:<14}{value:>10.3f}{worst[key]:>10.3f}{size:>12}  {verdict}")


def screenshots(folder: Path) -> None:
    """Render the sample article's HTML (Chromium) and PDF first page (pdftoppm) as PNGs."""
    from PySide6.QtGui import QImage

    from factcheck_app import config
    from factcheck_app.gui.pdf_report import ensure_application, write_pdf

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the sample review is test data
    from tests.sample_review import apply_sample_review

    ensure_application()
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="report-shots-"))
    os.environ["FACTCHECK_REVIEWER"] = "R. Aliyev"  # the byline the screenshots show
    desk = Desk.open(work / "sample.fcdesk")
    article_id = desk.importer.import_file(next(config.seed_dir().glob("*.txt"))).article_id
    apply_sample_review(desk, article_id)
    report = load_article_report(desk, article_id)
    desk.close()
    html_path, pdf_path = work / "report.html", work / "report.pdf"
    formats.write_report("html", report, html_path)
    write_pdf(report, pdf_path, paper="A4")
    chromium = [
        "chromium", "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--hide-scrollbars", f"--user-data-dir={work / 'profile'}",
    ]  # fmt: skip
    shots = (
        ("report-html.png", "1000,1400"),
        ("report-html-phone.png", "390,844"),
        ("report-html-full.png", "1000,6000"),
    )
    for name, size in shots:
        subprocess.run(
            [*chromium, f"--screenshot={work / name}", f"--window-size={size}",
             html_path.as_uri()],
            check=True, capture_output=True,
        )  # fmt: skip
    for name, _ in shots[:2]:
        (work / name).replace(folder / name)
    # The checks section of the sample (claim #5 with the denial that answers it), cut from
    # a full-page shot: headless Chromium has no scrolling to an anchor.
    full = QImage(str(work / "report-html-full.png"))
    full.copy(0, 3380, 1000, 1400).save(str(folder / "report-html-checks.png"))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf_path),
         str(folder / "report-pdf-page1")],
        check=True,
    )  # fmt: skip
    print(f"wrote {', '.join(sorted(p.name for p in folder.glob('report-*.png')))} in {folder}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5, help="runs per format (PDF/DOCX: half)")
    parser.add_argument("--json", nargs="?", const="-", metavar="PATH")
    parser.add_argument("--screenshots", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    if args.screenshots:
        screenshots(args.screenshots)
        return 0
    rows = run(args.sentences, args.runs)
    print_table(rows)
    if args.json:
        write_json(args.json, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
