"""`factcheck-app export` in every format, `--all`, the summary, settings flags and
`import-review`: what a script gets, and one clear line when it cannot."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from factcheck_app.__main__ import main as run
from factcheck_app.services import settings
from factcheck_app.services.desk import Desk
from factcheck_app.services.export import article_review
from tests.sample_review import apply_sample_review

PATTERN = "https://checks.example.org/{slug}#claim-{number}"


@pytest.fixture
def workspace(seeded_desk: Desk) -> str:
    """A closed workspace file holding the reviewed sample article and a second article."""
    apply_sample_review(seeded_desk, 1)
    settings.set_setting(seeded_desk, settings.FACTCHECK_URL_PATTERN, "")
    seeded_desk.importer.import_text("Second article. It has two sentences.")
    path = seeded_desk.path
    seeded_desk.close()
    return str(path)


def test_every_article_format_is_written(
    workspace: str, tmp_path: Path, qapp: object, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("html", "md", "csv", "json", "docx", "pdf"):
        out = tmp_path / f"report.{fmt}"
        assert (
            run(["export", "-w", workspace, "--article", "1", "--format", fmt, "-o", str(out)]) == 0
        )
        assert out.stat().st_size > 1000, fmt
    assert f"Wrote {tmp_path / 'report.pdf'}: PDF report of 1 article" in capsys.readouterr().out
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (
        json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["progress"]["total"]
        == 12
    )
    pdf = PdfReader(tmp_path / "report.pdf")
    assert "Ankara accuses Armenia" in " ".join(pdf.pages[0].extract_text().split())


def test_paper_size_reaches_the_pdf(workspace: str, tmp_path: Path, qapp: object) -> None:
    out = tmp_path / "letter.pdf"
    args = ["export", "-w", workspace, "--article", "1", "--format", "pdf", "--paper", "Letter"]
    assert run([*args, "-o", str(out)]) == 0
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_text_formats_go_to_stdout_without_a_bom(
    workspace: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["export", "-w", workspace, "--article", "1", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("article_id,") and len(list(csv.reader(out.splitlines()))) == 13


def test_all_writes_one_file_per_article(workspace: str, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    assert run(["export", "-w", workspace, "--all", "--format", "md", "-o", str(folder)]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "factcheck-1-ankara-accuses-armenia-of-targeting.md",
        "factcheck-2-second-article.md",
    ]


def test_summary_formats_cover_the_workspace(workspace: str, tmp_path: Path) -> None:
    out = tmp_path / "summary.csv"
    assert run(["export", "-w", workspace, "--format", "summary-csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["article_id"] for r in rows] == ["1", "2"]
    assert rows[0]["reviewed"] == "10" and rows[1]["sentences"] == "2"
    page = tmp_path / "summary.html"
    assert run(["export", "-w", workspace, "--format", "summary-html", "-o", str(page)]) == 0
    assert "Top claimants" in page.read_text(encoding="utf-8")


def test_claimreview_is_refused_until_it_has_a_url(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "claims.jsonld"
    args = ["export", "-w", workspace, "--article", "1", "--format", "claimreview", "-o", str(out)]
    assert run(args) == 1
    err = capsys.readouterr().err
    assert "No fact-check URL" in err and not out.exists()
    assert run([*args, "--url-pattern", PATTERN]) == 0  # for this export only
    items = json.loads(out.read_text(encoding="utf-8"))
    assert (
        items[0]["url"]
        == "https://checks.example.org/ankara-accuses-armenia-of-targeting-ganja-and-violating#claim-1"
    )
    assert "Warning:" in capsys.readouterr().err
    out.unlink()
    assert run(args) == 1  # not stored
    assert run([*args, "--url-pattern", PATTERN, "--publisher", "Desk", "--save-settings"]) == 0
    assert run(args) == 0  # stored in the workspace now
    assert json.loads(out.read_text(encoding="utf-8"))[0]["author"]["name"] == "Desk"


def test_bad_setting_flags_are_one_line(workspace: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "export", "-w", workspace, "--article", "1",
         "--format", "claimreview", "--url-pattern", "https://x.org/{nope}"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1 and "Unknown placeholder {nope}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--format", "html"], "--article ID"),
        (["--all", "--format", "html"], "give a folder with -o DIR"),
        (["--article", "1", "--format", "docx"], "binary file"),
    ],
)
def test_export_usage_errors_say_what_to_do(
    workspace: str, args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["export", "-w", workspace, *args]) == 1
    assert words in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["summary-html", "summary-csv"])
def test_a_summary_asked_for_one_article_or_into_a_folder_is_refused_in_words(
    workspace: str, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--article 1 --format summary-csv` printed the summary of every article, as if it
    were article 1's; `--all --format summary-html -o reports/` wrote one file named
    `reports`, and with `reports` an existing folder said "is a folder: add a file name"."""
    assert run(["export", "-w", workspace, "--article", "1", "--format", fmt]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "covers every article" in captured.err
    assert "--article" in captured.err
    folder = tmp_path / "reports"
    assert run(["export", "-w", workspace, "--all", "--format", fmt, "-o", f"{folder}/"]) == 1
    assert "covers every article" in capsys.readouterr().err and not folder.exists()
    folder.mkdir()
    assert run(["export", "-w", workspace, "--all", "--format", fmt, "-o", str(folder)]) == 1
    assert "--all" in capsys.readouterr().err and list(folder.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "pdf"])
def test_an_output_ending_in_a_slash_is_a_folder_not_a_file_name(
    workspace: str, tmp_path: Path, fmt: str, qapp: object, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-o reports/` (a folder still to be made) wrote the report as a file named `reports`,
    and the next `--all -o reports/` then failed on it."""
    folder = tmp_path / "reports"
    args = ["export", "-w", workspace, "--article", "1", "--format", fmt, "-o", f"{folder}/"]
    assert run(args) == 1
    err = capsys.readouterr().err
    assert "names a folder: add a file name" in err and not folder.exists()


def test_without_format_the_file_name_says_which(
    workspace: str, tmp_path: Path, qapp: object
) -> None:
    """`export --article 1 -o report.html` wrote the default format, JSON, into
    report.html: the reviewer opened a page of raw JSON (and a report.pdf no reader
    opened). A known suffix now names the format; anything else is still JSON."""
    page, pdf, other = tmp_path / "report.html", tmp_path / "report.pdf", tmp_path / "r.txt"
    for out in (page, pdf, other):
        assert run(["export", "-w", workspace, "--article", "1", "-o", str(out)]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Ankara accuses Armenia" in " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert json.loads(other.read_text(encoding="utf-8"))["format"] == "factcheck-desk-review"


@pytest.mark.parametrize(
    ("fmt", "name", "advice"),
    [
        ("html", "report.pdf", "writes an HTML report: name it report.html, or leave out "
         "--format to write a PDF report."),
        ("json", "report.docx", "writes a JSON file: name it report.json, or leave out "
         "--format to write a Word document."),
        ("md", "report.csv", "writes a Markdown file: name it report.md, or leave out "
         "--format to write a CSV table."),
    ],
)  # fmt: skip
def test_a_format_and_a_file_name_that_disagree_are_refused(
    workspace: str,
    tmp_path: Path,
    fmt: str,
    name: str,
    advice: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One sentence naming the file and what to do (every pair: test_export_names.py)."""
    out = tmp_path / name
    assert run(["export", "-w", workspace, "--article", "1", "--format", fmt, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"factcheck-app: {out} ends in {out.suffix} but --format {fmt} {advice}\n"
    assert not out.exists()


def test_claimreview_may_be_saved_as_json(workspace: str, tmp_path: Path) -> None:
    out = tmp_path / "claims.json"
    args = ["export", "-w", workspace, "--article", "1", "--format", "claimreview"]
    assert run([*args, "--url-pattern", PATTERN, "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))[0]["@type"] == "ClaimReview"


def test_import_review_brings_the_json_into_another_workspace(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "review.json"
    assert run(["export", "-w", workspace, "--article", "1", "-o", str(review)]) == 0
    assert capsys.readouterr().out.startswith(f"Wrote {review}: JSON report of 1 article")
    other = tmp_path / "other.fcdesk"
    assert run(["import-review", "-w", str(other), str(review)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("1\t12\tAnkara accuses Armenia")
    assert "Imported 12 reviews and 8 source links." in captured.err
    desk = Desk.open(other)
    try:
        again = article_review(desk, 1)
    finally:
        desk.close()
    original = json.loads(review.read_text(encoding="utf-8"))
    assert [s["explanation"] for s in again["sentences"]] == [
        s["explanation"] for s in original["sentences"]
    ]
    assert run(["import-review", "-w", str(other), str(review)]) == 1
    assert "already in the workspace" in capsys.readouterr().err


def test_import_review_is_a_command_not_a_file_to_open() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "import-review", "--help"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "FILE.json" in result.stdout


# Run as `python -c`: patches the PDF writer's document so that Ctrl+C arrives while Qt
# paints the second page, as it does on a real terminal (Python raises KeyboardInterrupt
# the moment drawContents, a long C++ call, returns), then runs the command.
_CTRL_C_WHILE_PAINTING = """
import sys
from factcheck_app.gui import pdf_report

real_build = pdf_report.build_document

def build_document(*args, **kwargs):
    document = real_build(*args, **kwargs)
    paint = document.drawContents
    pages = []

    def draw_contents(painter, rect):
        paint(painter, rect)
        pages.append(rect)
        if len(pages) == 2:
            raise KeyboardInterrupt

    document.drawContents = draw_contents
    return document

pdf_report.build_document = build_document
from factcheck_app.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_ctrl_c_during_a_pdf_export_prints_only_our_line(workspace: str, tmp_path: Path) -> None:
    """Ctrl+C while the PDF's pages were painted printed Qt's "QPainter::end: Painter ended
    with 1 saved states" above "factcheck-app: interrupted": the painter was ended in the
    middle of a page. The terminal now shows our line alone, and the previous file stays."""
    folder = tmp_path / "reports"
    folder.mkdir()
    out = folder / "report.pdf"
    out.write_bytes(b"%PDF- the previous report")
    result = subprocess.run(
        [sys.executable, "-c", _CTRL_C_WHILE_PAINTING, "export", "-w", workspace,
         "--article", "1", "-o", str(out)],
        capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (130, "")
    assert result.stderr == "factcheck-app: interrupted\n"
    assert out.read_bytes() == b"%PDF- the previous report"
    assert [p.name for p in folder.iterdir()] == ["report.pdf"]


def test_export_all_keeps_one_report_at_a_time(
    workspace: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`export --all` read every article's report first and kept them all to the end
    (5,000 on a year's workspace); each is read as it is written now."""
    import weakref

    from factcheck_app.services.reports import model

    load = model.load_article_report
    alive: list[int] = []  # how many reports read before were still kept, at each read
    read: list[weakref.ref[model.ArticleReport]] = []

    def spy(*args: object, **kwargs: object) -> model.ArticleReport:
        alive.append(sum(ref() is not None for ref in read))
        report = load(*args, **kwargs)  # type: ignore[arg-type]
        read.append(weakref.ref(report))
        return report

    monkeypatch.setattr(model, "load_article_report", spy)
    desk = Desk.open(Path(workspace))
    for number in range(3, 6):
        desk.importer.import_text(f"Article {number} says one thing. It says another.")
    desk.close()
    assert run(["export", "-w", workspace, "--all", "--format", "md", "-o", str(tmp_path)]) == 0
    assert len(read) == 5 and max(alive) <= 1  # the one just written, at most


def _stored(workspace: str) -> tuple[str, str]:
    desk = Desk.open(Path(workspace), read_only=True)
    try:
        return (
            settings.get_setting(desk, settings.PUBLISHER_NAME),
            settings.get_setting(desk, settings.FACTCHECK_URL_PATTERN),
        )
    finally:
        desk.close()


@pytest.mark.parametrize(
    "scope",
    [
        # Nothing to publish in article 2: the export is refused.
        ["--article", "2", "--url-pattern", "https://x.org/c/{slug}"],
        # An empty pattern: every article refused, said once.
        ["--all", "--url-pattern", " "],
        ["--article", "1", "--url-pattern", ""],
    ],
)
def test_a_refused_claimreview_export_stores_no_setting(
    workspace: str, scope: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--save-settings` stored what was typed, then the export was refused: a pattern
    typed wrong (or left empty) stayed in the workspace, and the next export, without the
    flags, failed the same way."""
    assert run(["export", "-w", workspace, "--url-pattern", PATTERN, "--publisher", "Desk",
                "--article", "1", "--format", "claimreview", "-o", str(tmp_path / "ok.jsonld"),
                "--save-settings"]) == 0  # fmt: skip
    capsys.readouterr()
    out = tmp_path / ("out" if "--all" in scope else "out.jsonld")
    args = ["export", "-w", workspace, "--format", "claimreview", "-o", str(out)]
    assert run([*args, *scope, "--publisher", "Typo", "--save-settings"]) == 1
    err = capsys.readouterr().err
    assert "Stored" not in err
    assert "Nothing was stored in the workspace" in err
    assert _stored(workspace) == ("Desk", PATTERN)


@pytest.mark.parametrize("scope", [["--article", "1"], ["--all"]])
def test_a_stored_pattern_that_cannot_be_used_is_named_with_the_way_to_fix_it(
    workspace: str, scope: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pattern an older desk or another tool stored, which the desk now refuses, was
    ignored in silence: the export said "No fact-check URL … Set the fact-check URL
    pattern" of a workspace that had one, and not what was wrong with it."""
    desk = Desk.open(Path(workspace))
    desk.repo.settings.set_setting("claimreview.url_pattern", "https://x.org/{slgu}")
    desk.close()
    out = tmp_path / ("out" if "--all" in scope else "out.jsonld")
    args = ["export", "-w", workspace, *scope, "--format", "claimreview", "-o", str(out)]
    assert run(args) == 1
    err = capsys.readouterr().err
    assert "No fact-check URL" not in err
    assert "stored in the workspace" in err and "https://x.org/{slgu}" in err
    assert "Unknown placeholder {slgu}" in err
    assert "--url-pattern" in err
    # The way out it names; with --all, article 2 (nothing to publish) is named, no failure.
    assert run([*args, "--url-pattern", PATTERN, "--save-settings"]) == 0
    assert run(args) == 0
    assert "stored in the workspace" not in capsys.readouterr().err


def _while_reading_article(
    monkeypatch: pytest.MonkeyPatch, module: object, workspace: str, change: object, at: int = 1
) -> None:
    """A hook: the window (another desk, writing) makes `change` as the export comes to
    read article `at`, after it listed the articles (and read those before)."""
    load = module.load_article_report  # type: ignore[attr-defined]

    def reading(desk: Desk, article_id: int, *args: object, **kwargs: object) -> object:
        if article_id == at:
            window = Desk.open(Path(workspace), backup=False)
            try:
                change(window)  # type: ignore[operator]
            finally:
                window.close()
        return load(desk, article_id, *args, **kwargs)

    monkeypatch.setattr(module, "load_article_report", reading)


def test_a_summary_leaves_out_an_article_removed_during_the_export(
    workspace: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The window removed an article while `export --format summary-csv` read the others:
    the export failed ("There is no article 2 in this workspace.") and wrote nothing."""
    from factcheck_app.services.reports import summary

    _while_reading_article(
        monkeypatch, summary, workspace, lambda window: window.articles.remove_article(2)
    )
    out = tmp_path / "summary.csv"
    assert run(["export", "-w", workspace, "--format", "summary-csv", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "article 2 was removed from the workspace during the export" in captured.err
    assert "the summary leaves it out." in captured.err, captured.err  # not "leaves out it"
    assert "Wrote " in captured.out and "1 article" in captured.out
    assert "Second article" not in out.read_text(encoding="utf-8-sig")


def test_export_all_reads_each_article_as_it_is_when_written(
    workspace: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`export --all` read every article in one read transaction held for the whole run:
    on a year's workspace the window's saves meanwhile piled up in the -wal, which SQLite
    cannot copy back past a read held open. Each article is read in a transaction of its
    own now (each report still of one moment): one reviewed meanwhile is written as it
    is then, and one removed meanwhile is said, not a failure."""
    from factcheck_app.domain.models import Tag
    from factcheck_app.services.reports import model

    def review_2(window: Desk) -> None:
        first = window.reviews.sentence_rows(2)[0].sentence.id
        window.reviews.set_tag(first, Tag.CLAIM)
        window.reviews.set_text_field(first, "explanation", "Checked meanwhile.")

    _while_reading_article(monkeypatch, model, workspace, review_2, at=2)
    folder = tmp_path / "reports"
    assert run(["export", "-w", workspace, "--all", "--format", "md", "-o", str(folder)]) == 0
    second = folder / "factcheck-2-second-article.md"
    assert "Checked meanwhile." in second.read_text(encoding="utf-8")

    desk = Desk.open(Path(workspace))
    third = desk.importer.import_text("Third article. Nobody looked at it.").article_id
    desk.close()
    _while_reading_article(
        monkeypatch, model, workspace, lambda window: window.articles.remove_article(third), at=2
    )
    capsys.readouterr()
    assert run(["export", "-w", workspace, "--all", "--format", "md", "-o", str(folder)]) == 0
    captured = capsys.readouterr()
    assert f"article {third} was removed from the workspace during the export" in captured.err
    assert captured.out.count("Wrote ") == 2


def test_export_all_counts_many_articles_removed_meanwhile_naming_the_first_few(
    workspace: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A night's `export --all` while a colleague tidies the workspace, removing every
    other article: the note named every number removed on one line (hundreds of numbers
    in the cron mail), the reports written lost among them. It counts them and names the
    first runs, as the note of articles with nothing to publish does; the log has all."""
    from factcheck_app.domain.wording import RUNS_NAMED
    from factcheck_app.services.reports import model

    desk = Desk.open(Path(workspace))
    new = [
        desk.importer.import_text(f"Article {n} says this. Nobody looked.").article_id
        for n in range(40)
    ]
    desk.close()
    gone = new[::2]  # 20 runs of one number each

    def tidy(window: Desk) -> None:
        for article_id in gone:
            window.articles.remove_article(article_id)

    _while_reading_article(monkeypatch, model, workspace, tidy, at=2)
    folder = tmp_path / "reports"
    caplog.set_level("INFO")
    assert run(["export", "-w", workspace, "--all", "--format", "md", "-o", str(folder)]) == 0
    [note] = [line for line in capsys.readouterr().err.splitlines() if "removed" in line]
    named = ", ".join(str(n) for n in gone[:RUNS_NAMED])
    assert note.startswith(
        f"factcheck-app: note: 20 articles ({named} and 10 more) were removed from the "
        "workspace during the export: no file was written for them (see the log file, "
    ), note
    assert str(gone[-1]) not in note
    assert f"articles removed meanwhile: {', '.join(map(str, gone))}" in caplog.text
    assert len(os.listdir(folder)) == 2 + 20
