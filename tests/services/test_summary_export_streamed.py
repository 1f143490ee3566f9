"""`factcheck-app export --format summary-html` (or `summary-csv`) reads one article's
report at a time, as `stats` and the window's export do: it read all of a year's 5,000
reports first and kept them to the end (276 MB at its peak, where `stats` on the same
workspace took 64 MB)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from factcheck_app.__main__ import main as run
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports import summary
from factcheck_app.services.reports.model import ArticleReport
from tests.sample_review import apply_sample_review


@pytest.fixture
def workspace(seeded_desk: Desk) -> str:
    apply_sample_review(seeded_desk, 1)
    for n in range(4):
        seeded_desk.importer.import_text(f"Town {n} built {n + 2} bridges, the mayor said.")
    path = seeded_desk.path
    seeded_desk.close()
    return str(path)


@pytest.mark.parametrize("fmt", ["summary-html", "summary-csv"])
def test_the_summary_export_holds_one_report_at_a_time(
    fmt: str,
    workspace: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    read: list[weakref.ref[ArticleReport]] = []
    most_alive = 0
    real_load = summary.load_article_report

    def load(*args: object, **kwargs: object) -> ArticleReport:
        nonlocal most_alive
        gc.collect()  # what is still alive is held by the export
        most_alive = max(most_alive, sum(ref() is not None for ref in read))
        report = real_load(*args, **kwargs)  # type: ignore[arg-type]
        read.append(weakref.ref(report))
        return report

    monkeypatch.setattr(summary, "load_article_report", load)
    out = tmp_path / f"summary.{fmt.removeprefix('summary-')}"

    assert run(["export", "-w", workspace, "--format", fmt, "-o", str(out)]) == 0

    assert len(read) == 5 and most_alive <= 1
    # What it wrote and says is every article's still.
    said = capsys.readouterr().out
    assert f"Wrote {out}: " in said and "of 5 articles, 16 sentences (10 done)." in said
    text = out.read_text(encoding="utf-8-sig")
    assert all(f"Town {n} built" in text for n in range(4))
    assert "Ankara accuses Armenia" in text
